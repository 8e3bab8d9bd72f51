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

char *bilat_buf_finish(bilat_buf_t *b, bool ok)
{
    if (ok)
        return bilat_buf_take(b);
    bilat_buf_destroy(b);
    return NULL;
}

bool bilat_array_grow(void *array, size_t n, size_t *cap, size_t elem, size_t first)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? 2 * *cap : first;
    if (nc < *cap || nc > SIZE_MAX / elem)
        return false;
    /* The caller's pointer is a T *, not a void *: copy it out and back as bytes. */
    void *p;
    memcpy(&p, array, sizeof p);
    p = realloc(p, nc * elem);
    if (!p)
        return false;
    memcpy(array, &p, sizeof p);
    *cap = nc;
    return true;
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

void bilat_strtab_init(bilat_strtab_t *t)
{
    t->slots = NULL;
    t->cap = t->count = 0;
    bilat_buf_init(&t->keys);
}

void bilat_strtab_destroy(bilat_strtab_t *t)
{
    free(t->slots);
    bilat_buf_destroy(&t->keys);
    bilat_strtab_init(t);
}

/* The hash of a table key, eight bytes a step.  The gazetteer looks up several splits
 * of every token; measured with callgrind on 4,000 news articles, byte-wise FNV-1a
 * took 75 instructions a lookup, this about 20 (keys average 16 bytes).  The table's
 * order never shows, so the hash may differ between machines (byte order). */
static inline uint32_t strtab_hash(const void *key, size_t n)
{
    const unsigned char *p = key;
    uint64_t h = BILAT_FNV_INIT ^ n, w = 0;
    uint32_t lo, hi;
    size_t left = n;
    for (; left > 8; p += 8, left -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 32;
    }
    /* The last 1 to 8 bytes, read whole: the final 8 bytes of a long key again (they
     * may overlap the step before), two 4-byte reads for 4 to 7, bytes below 4. */
    if (n >= 8) {
        memcpy(&w, (const unsigned char *)key + n - 8, 8);
    } else if (left >= 4) {
        memcpy(&lo, p, 4);
        memcpy(&hi, p + left - 4, 4);
        w = (uint64_t)hi << 32 | lo;
    } else {
        for (size_t i = 0; i < left; i++)
            w |= (uint64_t)p[i] << (8 * i);
    }
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    /* Murmur3's finaliser: the slot index takes the low bits, so mix the high ones in. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (uint32_t)h;
}

/* The slot of key (hash h): the one holding it, or the empty one where it would go.
 * The table is never full, so the probe ends.  Inline: it is the lookup's loop. */
static inline bilat_strtab_slot_t *strtab_slot(const bilat_strtab_t *t, const void *key,
                                               size_t n, uint32_t h)
{
    size_t mask = t->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        bilat_strtab_slot_t *s = &t->slots[i];
        if (!s->key || (s->hash == h && s->len == n &&
                        (n == 0 || memcmp(t->keys.data + s->key, key, n) == 0)))
            return s;
    }
}

uint32_t bilat_strtab_get(const bilat_strtab_t *t, const void *key, size_t n,
                          uint32_t absent)
{
    if (!t->count)
        return absent;
    const bilat_strtab_slot_t *s = strtab_slot(t, key, n, strtab_hash(key, n));
    return s->key ? s->value : absent;
}

static bool strtab_grow(bilat_strtab_t *t)
{
    size_t cap = t->cap ? 2 * t->cap : 16;
    bilat_strtab_slot_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    /* Rehash from the stored hashes: no key is read again. */
    for (size_t i = 0; i < t->cap; i++) {
        const bilat_strtab_slot_t *s = &t->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return true;
}

uint32_t *bilat_strtab_put(bilat_strtab_t *t, const void *key, size_t n, uint32_t init,
                           bool *added)
{
    uint32_t h = strtab_hash(key, n);
    bilat_strtab_slot_t *s = t->cap ? strtab_slot(t, key, n, h) : NULL;
    if (s && s->key) {
        if (added)
            *added = false;
        return &s->value;
    }
    /* Offsets are 32-bit; keys.len starts at 1 (the placeholder byte behind offset 0,
     * which marks empty slots). */
    size_t off = t->keys.len ? t->keys.len : 1;
    if (n > UINT32_MAX || off + n > UINT32_MAX)
        return NULL;
    if (2 * (t->count + 1) > t->cap) {
        if (!strtab_grow(t))
            return NULL;
        s = strtab_slot(t, key, n, h);
    }
    if ((!t->keys.len && !bilat_buf_putc(&t->keys, '\0')) ||
        !bilat_buf_append(&t->keys, key, n))
        return NULL;
    s->hash = h;
    s->key = (uint32_t)off;
    s->len = (uint32_t)n;
    s->value = init;
    t->count++;
    if (added)
        *added = true;
    return &s->value;
}

size_t bilat_strtab_count(const bilat_strtab_t *t)
{
    return t->count;
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
        n = 1;
        cp = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 2;
        cp = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 3;
        cp = c & 0x07;
        min = 0x10000;
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
