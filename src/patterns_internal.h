/* Internal: the relation pattern engine run on mentions the caller supplies (the unit
 * tests feed hand-made mentions; bilat_extract_text() feeds the gazetteer's). */
#ifndef BILAT_PATTERNS_INTERNAL_H
#define BILAT_PATTERNS_INTERNAL_H

#include "bilat/relations.h"
#include "gazetteer_internal.h"

/* Extracts the relations of t given its actor mentions m[0..n-1] (token order, as
 * bilat_gazetteer_scan() returns them), appending events to out in document order.
 * Borrows everything. */
bilat_status_t bilat_extract_mentions(const bilat_extractor_t *ex, const bilat_text_t *t,
                                      const bilat_mention_t *m, size_t n,
                                      bilat_events_t *out, bilat_error_t *err);

#endif
