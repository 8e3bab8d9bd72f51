/* Internal: actor mentions found in an analysed document. */
#ifndef BILAT_GAZETTEER_INTERNAL_H
#define BILAT_GAZETTEER_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "bilat/gazetteer.h"
#include "text_internal.h"

/* Mention flags. */
enum {
    BILAT_MENTION_DEFINITE = 1 << 0, /* carries the article ال (الروسية, الصين) */
    BILAT_MENTION_FEMININE = 1 << 1, /* nisba: feminine form (روسية) */
    BILAT_MENTION_DUAL = 1 << 2,     /* nisba: dual form (روسيان) */
    BILAT_MENTION_PLURAL = 1 << 3,   /* nisba: plural form (روس، روسيون), or the
                                        state's people (الشعب الفلسطيني) */
    BILAT_MENTION_FORMER = 1 << 4 /* a leader named as former («الرئيس السابق») */
};

/* One actor mention.  Tokens [tok_first, tok_end) of the document (absolute indices
 * into t->toks); the name itself starts clitic bytes after the start of the first
 * token (و، ب، ل، ال… split off); [nstart, nend) are its normalised offsets. */
typedef struct bilat_mention {
    uint32_t tok_first, tok_end;
    uint32_t nstart, nend;
    uint8_t clitic; /* bytes of proclitics before the name in the first token */
    uint8_t via;    /* bilat_via_t */
    uint16_t flags;
    char code[8]; /* "USA", "NATO"… NUL-terminated */
} bilat_mention_t;

/* Finds every actor mention in t, in token order, non-overlapping (longest match
 * wins; ambiguity rules applied; agencies, newspapers, regions and people who do not
 * act for a state left out).  date ("YYYY-MM-DD" or NULL) selects the leaders in
 * office.  *out is a new array of *n mentions (caller frees with free(); NULL when
 * *n == 0). */
bilat_status_t bilat_gazetteer_scan(const bilat_gazetteer_t *gz, const bilat_text_t *t,
                                    const char *date, bilat_mention_t **out, size_t *n,
                                    bilat_error_t *err);

/* Consistency check of a loaded gazetteer, for the tests: writes one line per problem
 * to report (may be NULL) — a state code ICU does not know (after the override table),
 * a UN member or observer without a nisba, UN members and observers not 193 and 2, a
 * surface form naming two actors — and returns the number of problems. */
size_t bilat_gazetteer_check(const bilat_gazetteer_t *gz, FILE *report);

#endif
