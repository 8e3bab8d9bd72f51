/* Internal view of an analysed document, shared by the text front end
 * (normalise.c, segment.c), the gazetteer and the relation patterns. */
#ifndef BILAT_TEXT_INTERNAL_H
#define BILAT_TEXT_INTERNAL_H

#include <stdint.h>

#include "bilat/text.h"

typedef enum bilat_tok_kind {
    BILAT_TOK_WORD = 0, /* letters (Arabic or Latin), possibly with digits */
    BILAT_TOK_NUM,      /* digits (ASCII after normalisation) */
    BILAT_TOK_PUNCT     /* one punctuation mark or symbol: . ، ؛ : « » " - ( ) … */
} bilat_tok_kind_t;

/* A token of the normalised text: [start, end) are byte offsets in t->norm. */
typedef struct bilat_token {
    uint32_t start, end;
    uint8_t kind;         /* bilat_tok_kind_t */
    uint8_t space_before; /* 1 when white space (or markup) precedes it in norm */
} bilat_token_t;

/* Unit flags. */
enum {
    BILAT_UNIT_HEADLINE = 1 << 0, /* a title line or a list item (no final mark) */
    BILAT_UNIT_META = 1 << 1,     /* a source line, date line or label: not extracted */
    BILAT_UNIT_RELATED = 1 << 2 /* in a related-headlines list («اقرأ أيضا»…): its
                                   headlines inherit no date from the page */
};

/* A sentence unit: original offsets [start, end) in doc->text, normalised offsets
 * [nstart, nend) in t->norm, tokens [tok_first, tok_first + tok_count). */
typedef struct bilat_unit {
    uint32_t start, end;
    uint32_t nstart, nend;
    uint32_t tok_first, tok_count;
    uint32_t flags;
} bilat_unit_t;

struct bilat_text {
    const bilat_doc_t *doc; /* borrowed */
    char *norm;             /* normalised text, NUL-terminated */
    uint32_t norm_len;
    uint32_t *map; /* map[i]: offset in doc->text of the character that norm
                      byte i came from; map[norm_len] == doc->len */
    bilat_token_t *toks;
    uint32_t ntoks;
    bilat_unit_t *units;
    uint32_t nunits;
    char date[11]; /* "YYYY-MM-DD" or "" */
};

/* Proclitic analysis of one normalised word w[0..len-1]: writes into pre[] the byte
 * lengths of the prefixes that may be split off, longest first, always ending with 0
 * (the whole word): for "والصين" {6, 2, 0} meaning "وال|صين", "و|الصين", whole
 * (each Arabic letter is 2 bytes).  Conjunctions و ف, prepositions ب ل ك, the article
 * ال and their combinations (وال بال لل فال وب ول وبال…).  The caller decides by
 * looking the rest up.  Returns the count written (at most 8). */
int bilat_clitic_splits(const char *w, uint32_t len, uint32_t pre[8]);

#endif
