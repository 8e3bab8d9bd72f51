/* STUB — owned by the text front end: normalisation for matching. */
#include "bilat/bilat.h"
#include "text_internal.h"
#include "util.h"

char *bilat_normalise(const char *s, size_t len, size_t *out_len)
{
    if (out_len)
        *out_len = len;
    return bilat_strndup(s, len);
}

int bilat_clitic_splits(const char *w, uint32_t len, uint32_t pre[8])
{
    (void)w; (void)len;
    pre[0] = 0;
    return 1;
}
