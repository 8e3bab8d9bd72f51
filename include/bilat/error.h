/* bilat — status codes and the error record every fallible function fills.
 *
 * Functions return bilat_status_t (BILAT_OK == 0) and take an optional
 * bilat_error_t *err (NULL allowed).  On failure err->text says what went wrong,
 * err->source names the file (or "<stdin>", "<memory>") and err->line / err->column
 * locate the problem inside it when that makes sense (0 otherwise).  The library
 * never prints, exits or aborts. */
#ifndef BILAT_ERROR_H
#define BILAT_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define BILAT_API
#else
#define BILAT_API __attribute__((visibility("default")))
#endif

#if defined(__GNUC__) || defined(__clang__)
#define BILAT_WUR __attribute__((warn_unused_result))
#else
#define BILAT_WUR
#endif

typedef enum bilat_status {
    BILAT_OK = 0,
    BILAT_EINVAL,  /* bad argument or option value */
    BILAT_ENOMEM,  /* out of memory */
    BILAT_EIO,     /* a file could not be opened, read or written */
    BILAT_EDECODE, /* bytes that no supported encoding decodes */
    BILAT_EBINARY, /* the input is not text (image, executable, random bytes) */
    BILAT_EPARSE,  /* malformed data file, JSON line or graph file */
    BILAT_EGRAPH,  /* an igraph call failed */
    BILAT_EINTR,   /* interrupted (SIGINT/SIGTERM) */
    BILAT_EUNICODE /* an ICU call failed */
} bilat_status_t;

#define BILAT_ERROR_TEXT_LENGTH 240
#define BILAT_ERROR_SOURCE_LENGTH 240

typedef struct bilat_error {
    char text[BILAT_ERROR_TEXT_LENGTH];
    char source[BILAT_ERROR_SOURCE_LENGTH];
    int line;   /* 1-based, 0 when not applicable */
    int column; /* 1-based, 0 when not applicable */
} bilat_error_t;

/* A static English description of status, e.g. "out of memory".  Never NULL. */
BILAT_API const char *bilat_status_string(bilat_status_t status);

/* Fills err (when not NULL) with source, line, column and a printf-style text, and
 * returns status, so callers can write `return bilat_error_set(err, BILAT_EIO, ...)`. */
BILAT_API bilat_status_t bilat_error_set(bilat_error_t *err, bilat_status_t status,
                                         const char *source, int line, int column,
                                         const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Clears err (when not NULL) to an empty text and source. */
BILAT_API void bilat_error_clear(bilat_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
