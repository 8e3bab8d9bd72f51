/* Small shared helpers: buffers, strings, hashing, UTF-8. */
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bilat_buf_init(bilat_buf_t *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void bilat_buf_destroy(bilat_buf_t *b)
{
    free(b->data);
    bilat_buf_init(b);
}

bool bilat_buf_reserve(bilat_buf_t *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

bool bilat_buf_append(bilat_buf_t *b, const void *p, size_t n)
{
    if (!bilat_buf_reserve(b, n))
        return false;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool bilat_buf_puts(bilat_buf_t *b, const char *s)
{
    return bilat_buf_append(b, s, strlen(s));
}

bool bilat_buf_putc(bilat_buf_t *b, char c)
{
    return bilat_buf_append(b, &c, 1);
}

bool bilat_buf_printf(bilat_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    bool ok = n >= 0 && bilat_buf_reserve(b, (size_t)n);
    if (ok) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, aq);
        b->len += (size_t)n;
    }
    va_end(aq);
    return ok;
}

char *bilat_buf_take(bilat_buf_t *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    bilat_buf_init(b);
    return p;
}

char *bilat_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

char *bilat_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

uint64_t bilat_fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

bool bilat_date_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

uint32_t bilat_utf8_next(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t k = *i;
    unsigned c = s[k];
    if (c < 0x80) {
        *i = k + 1;
        return c;
    }
    int n;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
        n = 1; cp = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 2; cp = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 3; cp = c & 0x07; min = 0x10000;
    } else {
        *i = k + 1;
        return 0xFFFD;
    }
    if (k + (size_t)n >= len) {
        *i = k + 1;
        return 0xFFFD;
    }
    for (int j = 1; j <= n; j++) {
        if ((s[k + j] & 0xC0) != 0x80) {
            *i = k + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[k + j] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = k + 1;
        return 0xFFFD;
    }
    *i = k + (size_t)n + 1;
    return cp;
}

int bilat_utf8_put(uint32_t c, char out[4])
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}
