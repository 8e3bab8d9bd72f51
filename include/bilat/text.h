/* bilat — the Arabic text front end: normalisation for matching, tokens with
 * proclitics, sentence units, article metadata; every offset maps back to the
 * document's UTF-8 text.
 *
 * Normalised text ("norm") is what the gazetteer and the lexicon match against: NFKC,
 * tashkeel, tatweel and format marks removed, alef forms unified to ا, ى to ي, ة to ه,
 * Persian letter forms to Arabic, digits to ASCII, white space collapsed, markup (HTML
 * documents) skipped.  Data files are normalised with the same function, so matching is
 * a plain byte comparison. */
#ifndef BILAT_TEXT_H
#define BILAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Normalises UTF-8 text s[0..len-1] for matching into a new NUL-terminated string
 * (caller frees with free()); *out_len receives its length when not NULL.  Used for
 * data-file entries and user queries.  NULL when out of memory. */
BILAT_API char *bilat_normalise(const char *s, size_t len, size_t *out_len) BILAT_WUR;

/* A per-thread analyser holding ICU state (break iterators, normaliser).  Not
 * thread-safe: one per thread.  Caller frees with bilat_analyser_free(). */
typedef struct bilat_analyser bilat_analyser_t;
BILAT_API bilat_analyser_t *bilat_analyser_new(bilat_error_t *err) BILAT_WUR;
BILAT_API void bilat_analyser_free(bilat_analyser_t *an);

/* An analysed document.  Borrows the document's text: valid while doc lives. */
typedef struct bilat_text bilat_text_t;

/* Analyses doc: normalises, tokenises, segments into units, finds metadata.  Caller
 * frees *out with bilat_text_free(). */
BILAT_API bilat_status_t bilat_text_analyse(bilat_analyser_t *an, const bilat_doc_t *doc,
                                            bilat_text_t **out,
                                            bilat_error_t *err) BILAT_WUR;
BILAT_API void bilat_text_free(bilat_text_t *t);

/* Units (sentences, headlines, list items) in document order. */
BILAT_API size_t bilat_text_unit_count(const bilat_text_t *t);
/* Byte offsets [*start, *end) of unit i in the document's UTF-8 text. */
BILAT_API void bilat_text_unit_span(const bilat_text_t *t, size_t i, size_t *start,
                                    size_t *end);
/* The normalised text of unit i (borrowed, not NUL-terminated; *len bytes). */
BILAT_API const char *bilat_text_unit_norm(const bilat_text_t *t, size_t i, size_t *len);
/* The article's date found in its text ("YYYY-MM-DD"), else the document's, else NULL.
 * Borrowed. */
BILAT_API const char *bilat_text_date(const bilat_text_t *t);

#ifdef __cplusplus
}
#endif
#endif
