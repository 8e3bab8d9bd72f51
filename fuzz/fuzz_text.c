/* Fuzz target: the text front end — decoding raw bytes (encoding detection, repair,
 * HTML by name) then normalising and segmenting the document.  Checks the contracts
 * the rest of bilat relies on: a decoded document is well-formed UTF-8 ending in a
 * NUL, every unit lies inside it in document order, tokens and offset maps stay in
 * bounds, and a date is a valid YYYY-MM-DD. */
#include "bilat/bilat.h"
#include "fuzz_common.h"
#include "text_internal.h"
#include "util.h"

#include <stdlib.h>

static bilat_analyser_t *analyser;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bilat_init();
    analyser = bilat_analyser_new(NULL);
    FUZZ_CHECK(analyser != NULL);
    return 0;
}

static void check_text(const bilat_doc_t *doc, const bilat_text_t *t)
{
    FUZZ_CHECK(t->norm[t->norm_len] == '\0');
    FUZZ_CHECK(fuzz_utf8_valid(t->norm, t->norm_len));
    FUZZ_CHECK(t->map[t->norm_len] == doc->len);
    for (uint32_t i = 0; i < t->norm_len; i++)
        FUZZ_CHECK(t->map[i] <= doc->len);
    for (uint32_t i = 0; i < t->ntoks; i++) {
        FUZZ_CHECK(t->toks[i].start < t->toks[i].end);
        FUZZ_CHECK(t->toks[i].end <= t->norm_len);
        FUZZ_CHECK(i == 0 || t->toks[i - 1].end <= t->toks[i].start);
    }
    size_t n = bilat_text_unit_count(t), prev_end = 0;
    FUZZ_CHECK(n == t->nunits);
    for (size_t i = 0; i < n; i++) {
        size_t start, end, len;
        bilat_text_unit_span(t, i, &start, &end);
        FUZZ_CHECK(start <= end && end <= doc->len);
        FUZZ_CHECK(start >= prev_end);
        prev_end = end;
        const char *norm = bilat_text_unit_norm(t, i, &len);
        FUZZ_CHECK(len == 0 || norm != NULL);
        FUZZ_CHECK(norm == NULL || fuzz_utf8_valid(norm, len));
        const bilat_unit_t *u = &t->units[i];
        FUZZ_CHECK(u->nstart <= u->nend && u->nend <= t->norm_len);
        FUZZ_CHECK(u->tok_first + u->tok_count <= t->ntoks);
    }
    const char *date = bilat_text_date(t);
    FUZZ_CHECK(date == NULL || bilat_date_valid(date));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    /* The first byte picks the name, so the HTML path (chosen by extension) is
     * fuzzed as well as plain text. */
    const char *name = data[0] & 1 ? "fuzz.html" : "fuzz.txt";
    data++;
    size--;

    bilat_doc_t *doc = NULL;
    bilat_text_t *t = NULL;
    bilat_error_t err;
    bilat_status_t st =
        bilat_doc_decode((const char *)data, size, name, NULL, &doc, &err);
    if (st != BILAT_OK) {
        FUZZ_CHECK(st == BILAT_EBINARY || st == BILAT_EDECODE || st == BILAT_ENOMEM);
        return 0;
    }
    FUZZ_CHECK(doc != NULL && doc->text != NULL && doc->id != NULL);
    FUZZ_CHECK(doc->text[doc->len] == '\0');
    FUZZ_CHECK(fuzz_utf8_valid(doc->text, doc->len));
    FUZZ_CHECK(doc->date == NULL || bilat_date_valid(doc->date));

    st = bilat_text_analyse(analyser, doc, &t, &err);
    FUZZ_CHECK(st == BILAT_OK || st == BILAT_ENOMEM);
    if (st == BILAT_OK)
        check_text(doc, t);

    /* The normaliser that data files and queries go through, on the same text. */
    size_t nlen = 0;
    char *norm = bilat_normalise(doc->text, doc->len, &nlen);
    FUZZ_CHECK(norm != NULL);
    FUZZ_CHECK(norm[nlen] == '\0' && fuzz_utf8_valid(norm, nlen));
    free(norm);

    bilat_text_free(t);
    bilat_doc_free(doc);
    return 0;
}
