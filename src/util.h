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
/* The end of building a string in b: when ok, bilat_buf_take(b); otherwise (an append
 * failed) frees the data and returns NULL.  b is left empty either way. */
char *bilat_buf_finish(bilat_buf_t *b, bool ok);

/* Makes room for one more element in a growable array: array points to the array's
 * pointer (any T **), n elements are used and *cap allocated, each elem bytes.  When
 * full, the capacity doubles (first for an empty array) and *cap is updated.  false
 * when out of memory or on overflow; the array is then unchanged. */
bool bilat_array_grow(void *array, size_t n, size_t *cap, size_t elem, size_t first);

/* strdup / strndup that return NULL for a NULL argument. */
char *bilat_strdup(const char *s);
char *bilat_strndup(const char *s, size_t n);

/* 64-bit FNV-1a over p[0..n-1], continuing from h (start with BILAT_FNV_INIT). */
#define BILAT_FNV_INIT 0xcbf29ce484222325ULL
uint64_t bilat_fnv1a(uint64_t h, const void *p, size_t n);

/* A hash table from byte strings to uint32_t values, for the lookups that run on every
 * token (gazetteer words and names, lexicon words) and for small indexes (edge pairs).
 * Keys are any bytes (NUL included) of any length, compared byte for byte; the table
 * keeps its own copy of each key, so the caller's key may change or go after a put.
 * Open addressing with linear probing, at most half full, growing by doubling; each
 * slot keeps the key's 32-bit hash so that a probe compares bytes only on a likely
 * match.  Keys cannot be removed.  All keys together must stay under 4 GiB.
 * Caller-owned struct: bilat_strtab_init()/bilat_strtab_destroy(); its fields are
 * private.  Nothing iterates the table, so its order never shows in any output. */
typedef struct bilat_strtab_slot {
    uint32_t hash; /* the key's hash */
    uint32_t key;  /* offset of the key in keys, 0 when the slot is empty */
    uint32_t len;  /* key length in bytes */
    uint32_t value;
} bilat_strtab_slot_t;

typedef struct bilat_strtab {
    bilat_strtab_slot_t *slots; /* cap of them, a power of two (0 before a put) */
    size_t cap, count;
    bilat_buf_t keys; /* the keys back to back; byte 0 is a placeholder */
} bilat_strtab_t;

void bilat_strtab_init(bilat_strtab_t *t);
/* Frees the slots and keys and leaves t empty (usable again). */
void bilat_strtab_destroy(bilat_strtab_t *t);
/* The value of key[0..n-1], or absent when the table does not hold it. */
uint32_t bilat_strtab_get(const bilat_strtab_t *t, const void *key, size_t n,
                          uint32_t absent);
/* The value of key[0..n-1], first inserted with value init when absent (*added, which
 * may be NULL, says which).  Borrowed: the pointer is valid until the next put or
 * destroy.  NULL when out of memory (or past 4 GiB of keys); t then holds the same
 * keys and values as before.  key may be NULL when n is 0. */
uint32_t *bilat_strtab_put(bilat_strtab_t *t, const void *key, size_t n, uint32_t init,
                           bool *added);
/* The number of keys. */
size_t bilat_strtab_count(const bilat_strtab_t *t);

/* true when s is a valid "YYYY-MM-DD" date. */
bool bilat_date_valid(const char *s);

/* Decodes one UTF-8 code point at s[*i] (advancing *i); returns U+FFFD for
 * ill-formed input and advances one byte. */
uint32_t bilat_utf8_next(const char *s, size_t len, size_t *i);
/* Encodes c into out (at most 4 bytes); returns the byte count. */
int bilat_utf8_put(uint32_t c, char out[4]);

#endif
