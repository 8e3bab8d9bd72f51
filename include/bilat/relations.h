/* bilat — relation extraction: from an analysed document and its actor mentions to
 * events, one per relation found, with evidence.  Events are the contract between
 * extraction and graph building (JSON Lines, see bilat_event_to_json()). */
#ifndef BILAT_RELATIONS_H
#define BILAT_RELATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "corpus.h"
#include "error.h"
#include "gazetteer.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bilat_type {
    BILAT_CONSULT = 0,
    BILAT_AGREE,
    BILAT_COOPERATE,
    BILAT_SUPPORT,
    BILAT_AID,
    BILAT_REQUEST,
    BILAT_ACCUSE,
    BILAT_REJECT,
    BILAT_THREATEN,
    BILAT_SANCTION,
    BILAT_ASSAULT,
    BILAT_NTYPES
} bilat_type_t;

/* "CONSULT", "AGREE"…; NULL when out of range. */
BILAT_API const char *bilat_type_string(bilat_type_t type);
/* Parses "CONSULT" (any case) into *type; false when unknown. */
BILAT_API bool bilat_type_parse(const char *s, bilat_type_t *type);

/* One relation found.  All strings owned by the event (bilat_event_destroy()). */
typedef struct bilat_event {
    char *doc;      /* document id: path as reached from the argument, or JSONL id */
    char *date;     /* "YYYY-MM-DD" or NULL */
    char source[8]; /* actor code; for undirected events the smaller code */
    char target[8];
    bool directed;
    bilat_type_t type;
    double score;      /* signed, -10..+10 (Goldstein-like) */
    bool negated;      /* negated events are reported but never become edges */
    char *trigger;     /* the relation words as in the text */
    size_t start, end; /* byte offsets of the sentence in the document's UTF-8 text */
    char *text;        /* the sentence as in the text */
    char key[17];      /* 16 hex digits: hash of pair, type and normalised sentence */
} bilat_event_t;

BILAT_API void bilat_event_destroy(bilat_event_t *ev);

/* A growable list of events.  Caller-owned struct: bilat_events_init()/_destroy(). */
typedef struct bilat_events {
    bilat_event_t *v;
    size_t n, cap;
} bilat_events_t;

BILAT_API void bilat_events_init(bilat_events_t *evs);
/* Destroys every event and the storage. */
BILAT_API void bilat_events_destroy(bilat_events_t *evs);
/* Appends *ev, taking ownership of its strings (ev is zeroed). */
BILAT_API bilat_status_t bilat_events_push_take(bilat_events_t *evs,
                                                bilat_event_t *ev) BILAT_WUR;

/* The relation lexicon (trigger words and phrases per type, with scores) and the
 * pattern engine's settings.  Read-only after loading; shareable between threads. */
typedef struct bilat_extractor bilat_extractor_t;

/* Loads the embedded lexicon, then each extra lexicon file (NULL-terminated, may be
 * NULL); a malformed file fails with file:line in err.  Borrows gz, which must outlive
 * the extractor.  Caller frees with bilat_extractor_free(). */
BILAT_API bilat_status_t bilat_extractor_new(const bilat_gazetteer_t *gz,
                                             const char *const *lexicon_files,
                                             bilat_extractor_t **out,
                                             bilat_error_t *err) BILAT_WUR;
BILAT_API void bilat_extractor_free(bilat_extractor_t *ex);

/* Extracts the relations of one analysed document, appending events to out in
 * document order. */
BILAT_API bilat_status_t bilat_extract_text(const bilat_extractor_t *ex,
                                            const bilat_text_t *t, bilat_events_t *out,
                                            bilat_error_t *err) BILAT_WUR;

/* The event as one compact JSON object (keys sorted), without a newline.  Caller
 * frees with free().  NULL when out of memory. */
BILAT_API char *bilat_event_to_json(const bilat_event_t *ev) BILAT_WUR;

/* Parses one JSON Lines record into *ev (caller destroys with bilat_event_destroy()).
 * source/line are used for err. Fails with BILAT_EPARSE on a malformed record. */
BILAT_API bilat_status_t bilat_event_from_json(const char *line, size_t len,
                                               bilat_event_t *ev, const char *source,
                                               int lineno, bilat_error_t *err) BILAT_WUR;

/* Computes the event key: hash of the pair (canonical order), the type and the
 * normalised sentence norm[0..len-1]; writes 16 hex digits and a NUL into key. */
BILAT_API void bilat_event_key(const char *a, const char *b, bilat_type_t type,
                               const char *norm, size_t len, char key[17]);

#ifdef __cplusplus
}
#endif
#endif
