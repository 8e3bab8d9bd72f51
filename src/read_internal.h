/* Internal interfaces of the text front end, shared by its own files only:
 * the normaliser with its offset map (normalise.c, used by segment.c) and the byte
 * streams with .gz/.xz decompression (read.c). */
#ifndef BILAT_READ_INTERNAL_H
#define BILAT_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

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
/* Opens path ("-" is standard input).  stop may be NULL; when it is set, a read that a
 * signal interrupts gives up instead of being retried (the message is then
 * bilat_stream_stopped, or *errno_out EINTR for the open).  On failure returns NULL
 * and sets *errno_out. */
bilat_stream_t *bilat_stream_open(const char *path, volatile int *stop, int *errno_out);
/* The message of a read given up because of stop (compared by address). */
extern const char bilat_stream_stopped[];
/* Reads up to cap bytes; returns the count, 0 at the end, -1 on error with a message
 * in *msg ("truncated gzip stream", "read error: …", bilat_stream_stopped), valid
 * until the stream is closed. */
long bilat_stream_read(bilat_stream_t *s, char *buf, size_t cap, const char **msg);
/* true when the stream decompresses (.gz/.xz). */
bool bilat_stream_compressed(const bilat_stream_t *s);
void bilat_stream_close(bilat_stream_t *s);

/* A diagnostic held until its input's turn comes (see bilat_item_t). */
typedef struct bilat_diag_rec {
    bilat_severity_t severity;
    int line;
    char *source;
    char *message;
} bilat_diag_rec_t;

enum bilat_item_kind {
    BILAT_ITEM_NONE,  /* nothing to read: only diagnostics */
    BILAT_ITEM_FILE,  /* a file to open and read (id, st) */
    BILAT_ITEM_BYTES, /* bytes read already (standard input) to decode */
    BILAT_ITEM_LINE   /* one line of a JSON Lines file to parse */
};

/* One input as the reader found it, in three steps that split the reader's work
 * between threads while keeping every observable effect in reading order:
 *   bilat_reader_next_item() (the reader's thread: walks folders, splits JSON Lines);
 *   bilat_item_load()        (any thread: reads, decompresses, decodes, parses);
 *   bilat_reader_emit()      (the reader's thread, in reading order: diagnostics,
 *                             counts, sequence numbers).
 * Diagnostics travel in the item, so they come out in the same order for any number
 * of threads.  bilat_reader_next() is the three steps in a row.  Free with
 * bilat_item_free(). */
typedef struct bilat_item {
    int kind;   /* enum bilat_item_kind */
    char *id;   /* the path as reached (the JSONL file for a line) */
    char *data; /* BYTES: the bytes; LINE: the line (NUL-terminated) */
    size_t len;
    int line;                 /* LINE: its 1-based number */
    struct stat st;           /* FILE: size and time, when has_st */
    bool has_st;              /* st is known (the walk's stat, or the load's fstat) */
    bilat_doc_t *doc;         /* set by bilat_item_load(); NULL when nothing came out */
    unsigned long long bytes; /* bytes read (after decompression), set by the load */
    bilat_diag_rec_t *diags;  /* the reader's, then the load's, in order */
    size_t ndiags;
} bilat_item_t;

/* The next item in reading order into *item (NULL at the end).  A non-OK status means
 * the walk cannot go on (out of memory). */
bilat_status_t bilat_reader_next_item(bilat_reader_t *r, bilat_item_t **item,
                                      bilat_error_t *err);
/* Loads item->doc; reads only r's options, so any thread may call it while the reader
 * goes on.  Problems with the input become diagnostics in the item; a non-OK status is
 * fatal (out of memory, an unknown forced encoding). */
bilat_status_t bilat_item_load(const bilat_reader_t *r, bilat_item_t *item,
                               bilat_error_t *err);
/* Hands the item back to the reader, in reading order: reports its diagnostics,
 * updates the counts and returns its document (caller frees with bilat_doc_free();
 * NULL when none), which the item no longer holds. */
bilat_doc_t *bilat_reader_emit(bilat_reader_t *r, bilat_item_t *item);
void bilat_item_free(bilat_item_t *item);

#endif
