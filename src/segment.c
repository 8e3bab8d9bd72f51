/* STUB — owned by the text front end: tokens, sentence units, metadata. */
#include "bilat/bilat.h"
#include "text_internal.h"

#include <stdlib.h>

struct bilat_analyser { int dummy; };

bilat_analyser_t *bilat_analyser_new(bilat_error_t *err)
{
    (void)err;
    return calloc(1, sizeof(bilat_analyser_t));
}

void bilat_analyser_free(bilat_analyser_t *an)
{
    free(an);
}

bilat_status_t bilat_text_analyse(bilat_analyser_t *an, const bilat_doc_t *doc,
                                  bilat_text_t **out, bilat_error_t *err)
{
    (void)an; (void)err;
    bilat_text_t *t = calloc(1, sizeof *t);
    if (!t)
        return BILAT_ENOMEM;
    t->doc = doc;
    *out = t;
    return BILAT_OK;
}

void bilat_text_free(bilat_text_t *t)
{
    if (!t)
        return;
    free(t->norm);
    free(t->map);
    free(t->toks);
    free(t->units);
    free(t);
}

size_t bilat_text_unit_count(const bilat_text_t *t) { return t->nunits; }

void bilat_text_unit_span(const bilat_text_t *t, size_t i, size_t *start, size_t *end)
{
    *start = t->units[i].start;
    *end = t->units[i].end;
}

const char *bilat_text_unit_norm(const bilat_text_t *t, size_t i, size_t *len)
{
    *len = t->units[i].nend - t->units[i].nstart;
    return t->norm + t->units[i].nstart;
}

const char *bilat_text_date(const bilat_text_t *t)
{
    return t->date[0] ? t->date : t->doc->date;
}
