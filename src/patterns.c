/* STUB — owned by the relation patterns: lexicon and pattern engine. */
#include "bilat/bilat.h"
#include "gazetteer_internal.h"

#include <stdlib.h>

struct bilat_extractor { const bilat_gazetteer_t *gz; };

bilat_status_t bilat_extractor_new(const bilat_gazetteer_t *gz, const char *const *lexicon_files,
                                   bilat_extractor_t **out, bilat_error_t *err)
{
    (void)lexicon_files; (void)err;
    *out = calloc(1, sizeof(bilat_extractor_t));
    if (!*out)
        return BILAT_ENOMEM;
    (*out)->gz = gz;
    return BILAT_OK;
}

void bilat_extractor_free(bilat_extractor_t *ex)
{
    free(ex);
}

bilat_status_t bilat_extract_text(const bilat_extractor_t *ex, const bilat_text_t *t,
                                  bilat_events_t *out, bilat_error_t *err)
{
    (void)ex; (void)t; (void)out; (void)err;
    return BILAT_OK;
}
