/* bilat — reading inputs: files, folders, JSON Lines of articles, .gz/.xz streams,
 * decoded to UTF-8 documents.
 *
 * A reader walks its arguments in order.  A folder is read recursively in byte order
 * of paths, hidden entries skipped, symbolic links followed with each folder visited
 * once.  "-" is standard input.  A name ending in .jsonl (optionally .gz/.xz) holds one
 * article per line: {"id", "text"} with optional "title" and "date"; the document is the
 * title, a blank line, then the text.  Every other file is one document.
 *
 * Problems with single inputs (unreadable, binary, undecodable, dangling link, malformed
 * JSON line) never stop the walk: they are reported through the diagnostic callback
 * and counted; the reader goes on with the next input. */
#ifndef BILAT_CORPUS_H
#define BILAT_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Severity of a diagnostic: a warning leaves the document in (repaired bytes, empty
 * file); a skip means the input or line was left out (exit status 1 for the CLI). */
typedef enum bilat_severity { BILAT_WARNING = 0, BILAT_SKIPPED = 1 } bilat_severity_t;

/* Called for each problem with one input.  source is the path (or "<stdin>"), line is
 * the JSONL line number or 0; message is a short English phrase such as
 * "binary file skipped".  Both strings are borrowed for the call only. */
typedef void (*bilat_diag_fn)(void *userdata, bilat_severity_t severity,
                              const char *source, int line, const char *message);

typedef struct bilat_read_options {
    const char *encoding; /* NULL: detect; else an ICU converter name that is forced */
    bool date_from_mtime; /* use the file's modification time when the text has no date */
    bilat_diag_fn diag;   /* may be NULL */
    void *diag_userdata;
    volatile int *interrupted; /* may be NULL; when set (by a signal handler), a read
                                  that the signal interrupts — standard input waiting
                                  for data — gives up: bilat_reader_next() returns
                                  BILAT_EINTR.  The pipeline fills it in from its own
                                  option. */
} bilat_read_options_t;

/* One article, decoded.  All strings are owned by the document. */
typedef struct bilat_doc {
    char *id;      /* the path as reached from the argument ("samples/ar/01.txt"), or
                      the JSONL "id" */
    char *date;    /* "YYYY-MM-DD" from JSONL or metadata, or NULL (the text front
                      end may find one in the text later) */
    char *text;    /* UTF-8, NUL-terminated, BOM removed, line ends and markup kept */
    size_t len;    /* bytes in text, without the terminating NUL */
    bool html;     /* text is HTML: markup is to be skipped, not read */
    bool repaired; /* some ill-formed bytes were replaced by U+FFFD */
    const char *encoding; /* static name of the encoding it was decoded from */
    unsigned long seq;    /* 0-based position of the document in reading order */
} bilat_doc_t;

typedef struct bilat_reader bilat_reader_t;

/* Creates a reader over paths[0..n-1] (copied).  opt may be NULL for defaults.
 * Caller frees with bilat_reader_free().  Returns NULL when out of memory. */
BILAT_API bilat_reader_t *bilat_reader_new(const char *const *paths, size_t n,
                                           const bilat_read_options_t *opt) BILAT_WUR;

/* Reads the next document into *doc (caller frees with bilat_doc_free()); sets *doc to
 * NULL at the end of the inputs.  Skipped inputs go to the diagnostic callback, not to
 * the return value; a non-OK status means the walk cannot go on (out of memory,
 * interrupted). */
BILAT_API bilat_status_t bilat_reader_next(bilat_reader_t *reader, bilat_doc_t **doc,
                                           bilat_error_t *err) BILAT_WUR;

/* Counts so far: documents returned, inputs or lines skipped, bytes read (after
 * decompression).  Any pointer may be NULL. */
BILAT_API void bilat_reader_counts(const bilat_reader_t *reader, unsigned long *docs,
                                   unsigned long *skipped, unsigned long long *bytes);

/* Total size in bytes of the regular files under the arguments when it can be known
 * cheaply before reading (for progress), else 0. */
BILAT_API unsigned long long bilat_reader_total_bytes(const bilat_reader_t *reader);

BILAT_API void bilat_reader_free(bilat_reader_t *reader);

/* Decodes one document's raw bytes to UTF-8 (the detection order of the text front
 * end: BOM, UTF-16 without BOM, UTF-8, UTF-8 with a few repaired bytes, windows-1256 /
 * ISO-8859-6).  name is used for messages and to decide HTML by extension; encoding
 * forces a converter when not NULL.  On success *doc is a new document with id set to
 * name (caller frees with bilat_doc_free()).  Returns BILAT_EBINARY for non-text and
 * BILAT_EDECODE for undecodable bytes. */
BILAT_API bilat_status_t bilat_doc_decode(const char *bytes, size_t len, const char *name,
                                          const char *encoding, bilat_doc_t **doc,
                                          bilat_error_t *err) BILAT_WUR;

/* Makes a document from UTF-8 text that is already decoded (copied).  date may be NULL.
 * Caller frees with bilat_doc_free().  NULL when out of memory. */
BILAT_API bilat_doc_t *bilat_doc_new(const char *id, const char *date, const char *text,
                                     size_t len) BILAT_WUR;

BILAT_API void bilat_doc_free(bilat_doc_t *doc);

/* A line reader over one file ("-" is standard input), decompressing .gz and .xz as a
 * stream; used for events files.  Caller frees with bilat_lines_close(). */
typedef struct bilat_lines bilat_lines_t;
BILAT_API bilat_status_t bilat_lines_open(const char *path, bilat_lines_t **out,
                                          bilat_error_t *err) BILAT_WUR;
/* Sets *line to the next line without its line end (borrowed until the next call;
 * NUL-terminated), *len to its length and *lineno to its 1-based number; *line is NULL
 * at the end.  Fails with BILAT_EIO on a read error or a truncated stream. */
BILAT_API bilat_status_t bilat_lines_next(bilat_lines_t *lines, const char **line,
                                          size_t *len, long *lineno,
                                          bilat_error_t *err) BILAT_WUR;
BILAT_API void bilat_lines_close(bilat_lines_t *lines);

#ifdef __cplusplus
}
#endif
#endif
