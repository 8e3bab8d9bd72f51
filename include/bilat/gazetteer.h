/* bilat — the actor gazetteer: states (ISO 3166-1 alpha-3, XKX for Kosovo) and the
 * intergovernmental organisations of the guidelines (NATO, EU, UN, AU, LAS, GCC, OIC,
 * ASEAN, OPEC, SCO, BRICS, G7, G20, IAEA, IMF, WB, WHO, ICC, ECOWAS, OSCE), named by
 * their names, short names, nisba adjectives, capitals, leaders (with terms) and
 * organisation names.  The default data is embedded in the library. */
#ifndef BILAT_GAZETTEER_H
#define BILAT_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bilat_gazetteer bilat_gazetteer_t;

/* How a mention names its actor ("via" in `bilat mentions`). */
typedef enum bilat_via {
    BILAT_VIA_NAME = 0,
    BILAT_VIA_SHORT,
    BILAT_VIA_NISBA,
    BILAT_VIA_CAPITAL,
    BILAT_VIA_LEADER,
    BILAT_VIA_ORG
} bilat_via_t;

/* "name", "short", "nisba", "capital", "leader", "org". */
BILAT_API const char *bilat_via_string(bilat_via_t via);

/* Loads the embedded gazetteer, then each extra file in order (NULL-terminated list,
 * may be NULL), whose records add to or override the embedded ones.  A malformed file
 * fails with err->source = file, err->line = the line, err->text = the reason.
 * Caller frees with bilat_gazetteer_free().  The gazetteer is read-only after loading
 * and may be shared between threads. */
BILAT_API bilat_status_t bilat_gazetteer_load(const char *const *extra_files,
                                              bilat_gazetteer_t **out,
                                              bilat_error_t *err) BILAT_WUR;
BILAT_API void bilat_gazetteer_free(bilat_gazetteer_t *gz);

/* The label of code in the ICU locale lang ("ar", "en", "fr"…): ICU's display name
 * for states, the gazetteer's name for organisations.  Writes a NUL-terminated UTF-8
 * string into buf (truncated to size) and returns buf; the code itself when unknown. */
BILAT_API const char *bilat_actor_label(const bilat_gazetteer_t *gz, const char *code,
                                        const char *lang, char *buf, size_t size);

/* true for an organisation code (NATO, EU…), false for a state. */
BILAT_API bool bilat_actor_is_org(const char *code);

/* true when code is an actor code the gazetteer knows. */
BILAT_API bool bilat_actor_known(const bilat_gazetteer_t *gz, const char *code);

/* Writes every actor mention of doc as JSON Lines to out, one compact object per
 * mention with keys doc, start, end (byte offsets in the document's UTF-8 text),
 * surface (the text as written), code, via.  an is the caller's per-thread analyser. */
BILAT_API bilat_status_t bilat_mentions_write(const bilat_gazetteer_t *gz,
                                              bilat_analyser_t *an,
                                              const bilat_doc_t *doc, FILE *out,
                                              bilat_error_t *err) BILAT_WUR;

#ifdef __cplusplus
}
#endif
#endif
