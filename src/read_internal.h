/* Internal interfaces of the text front end, shared by its own files only:
 * the normaliser with its offset map (normalise.c, used by segment.c) and the byte
 * streams with .gz/.xz decompression (read.c). */
#ifndef BILAT_READ_INTERNAL_H
#define BILAT_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bilat/corpus.h"
#include "util.h"

/* A normaliser that appends the normalised form of successive pieces of a document to
 * out, with map[i] = the original offset of the character norm byte i came from.
 * White space is collapsed across pieces; leading and trailing space is never
 * emitted.  breaks[] lists the norm offsets of emitted spaces that stand for a line
 * break (a run of white space holding a newline, or an HTML block tag).
 * Caller-owned: bilat_norm_init()/bilat_norm_destroy(). */
typedef struct bilat_norm {
    bilat_buf_t out;
    uint32_t *map;
    size_t map_cap;
    uint32_t *breaks;
    size_t nbreaks, breaks_cap;
    int pending;          /* 0: nothing, 1: a space is due, 2: a line break is due */
    uint32_t pending_off; /* original offset of the first white space of the run */
    bool oom;             /* set once an allocation failed; later calls do nothing */
} bilat_norm_t;

void bilat_norm_init(bilat_norm_t *n);
void bilat_norm_destroy(bilat_norm_t *n);
/* Empties n for the next document, keeping its memory. */
void bilat_norm_reset(bilat_norm_t *n);
/* Appends the normalised form of s[0..len-1], whose first byte is at original offset
 * base.  false when out of memory. */
bool bilat_norm_feed(bilat_norm_t *n, const char *s, size_t len, uint32_t base);
/* Appends one code point (a decoded HTML entity) that stands at original offset off. */
bool bilat_norm_feed_cp(bilat_norm_t *n, uint32_t cp, uint32_t off);
/* White space at original offset off; newline true for a line break. */
void bilat_norm_space(bilat_norm_t *n, uint32_t off, bool newline);
/* Ends the document: sets map[out.len] = end and drops a trailing space.  false when
 * out of memory (at any point). */
bool bilat_norm_finish(bilat_norm_t *n, uint32_t end);

/* bilat_doc_decode() that also gives the number of ill-formed UTF-8 bytes it replaced
 * (0 when none), for the reader's single warning. */
bilat_status_t bilat_decode(const char *bytes, size_t len, const char *name,
                            const char *encoding, bilat_doc_t **doc, size_t *repaired,
                            bilat_error_t *err);

/* true when a document is HTML: name (may be NULL) ends in .html, .htm or .xhtml
 * (optionally .gz/.xz), or the text starts with <!DOCTYPE html or <html. */
bool bilat_text_is_html(const char *name, const char *text, size_t len);

/* Finds the first date in s[0..len-1] in a form the text front end knows
 * (2025-01-19, 19/01/2025, "Thu, 11 Oct 2012", «19 يناير 2025»…) and writes it to out
 * as "YYYY-MM-DD"; false (out = "") when there is none. */
bool bilat_date_find(const char *s, size_t len, char out[11]);

/* A byte stream over a file or standard input, decompressing .gz and .xz (chosen by
 * the name, or by the magic bytes for standard input). */
typedef struct bilat_stream bilat_stream_t;
/* Opens path ("-" is standard input).  On failure returns NULL and sets *errno_out. */
bilat_stream_t *bilat_stream_open(const char *path, int *errno_out);
/* Reads up to cap bytes; returns the count, 0 at the end, -1 on error with a message
 * in *msg ("truncated gzip stream", "read error: …"), valid until the stream is
 * closed. */
long bilat_stream_read(bilat_stream_t *s, char *buf, size_t cap, const char **msg);
/* true when the stream decompresses (.gz/.xz). */
bool bilat_stream_compressed(const bilat_stream_t *s);
void bilat_stream_close(bilat_stream_t *s);

#endif
