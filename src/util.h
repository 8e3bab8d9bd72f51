/* Small shared helpers: a growable byte buffer and string utilities. */
#ifndef BILAT_UTIL_H
#define BILAT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bilat/error.h"

/* A growable byte buffer, always NUL-terminated when data != NULL.
 * Caller-owned struct: bilat_buf_init()/bilat_buf_destroy(). */
typedef struct bilat_buf {
    char *data;
    size_t len, cap;
} bilat_buf_t;

void bilat_buf_init(bilat_buf_t *b);
void bilat_buf_destroy(bilat_buf_t *b);
/* Makes room for extra more bytes (plus the NUL).  false when out of memory. */
bool bilat_buf_reserve(bilat_buf_t *b, size_t extra);
bool bilat_buf_append(bilat_buf_t *b, const void *p, size_t n);
bool bilat_buf_puts(bilat_buf_t *b, const char *s);
bool bilat_buf_putc(bilat_buf_t *b, char c);
bool bilat_buf_printf(bilat_buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the data over (caller frees with free()) and leaves b empty. */
char *bilat_buf_take(bilat_buf_t *b);

/* strdup / strndup that return NULL for a NULL argument. */
char *bilat_strdup(const char *s);
char *bilat_strndup(const char *s, size_t n);

/* 64-bit FNV-1a over p[0..n-1], continuing from h (start with BILAT_FNV_INIT). */
#define BILAT_FNV_INIT 0xcbf29ce484222325ULL
uint64_t bilat_fnv1a(uint64_t h, const void *p, size_t n);

/* true when s is a valid "YYYY-MM-DD" date. */
bool bilat_date_valid(const char *s);

/* Decodes one UTF-8 code point at s[*i] (advancing *i); returns U+FFFD for
 * ill-formed input and advances one byte. */
uint32_t bilat_utf8_next(const char *s, size_t len, size_t *i);
/* Encodes c into out (at most 4 bytes); returns the byte count. */
int bilat_utf8_put(uint32_t c, char out[4]);

#endif
