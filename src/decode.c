/* STUB — owned by the text front end: encoding detection and decoding with ICU. */
#include "bilat/bilat.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

bilat_doc_t *bilat_doc_new(const char *id, const char *date, const char *text, size_t len)
{
    bilat_doc_t *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->id = bilat_strdup(id);
    d->date = bilat_strdup(date);
    d->text = bilat_strndup(text, len);
    d->len = len;
    d->encoding = "UTF-8";
    if (!d->id || !d->text || (date && !d->date)) {
        bilat_doc_free(d);
        return NULL;
    }
    return d;
}

void bilat_doc_free(bilat_doc_t *doc)
{
    if (!doc)
        return;
    free(doc->id);
    free(doc->date);
    free(doc->text);
    free(doc);
}

bilat_status_t bilat_doc_decode(const char *bytes, size_t len, const char *name,
                                const char *encoding, bilat_doc_t **doc, bilat_error_t *err)
{
    (void)encoding;
    *doc = bilat_doc_new(name, NULL, bytes, len);
    return *doc ? BILAT_OK : bilat_error_set(err, BILAT_ENOMEM, name, 0, 0, "out of memory");
}
