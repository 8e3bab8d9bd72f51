/* STUB — owned by the gazetteer: actor names, nisbas, capitals, leaders, orgs. */
#include "bilat/bilat.h"
#include "gazetteer_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bilat_gazetteer { int dummy; };

const char *bilat_via_string(bilat_via_t via)
{
    static const char *const names[] = {"name", "short", "nisba", "capital", "leader", "org"};
    return (unsigned)via < 6 ? names[via] : "name";
}

bilat_status_t bilat_gazetteer_load(const char *const *extra_files, bilat_gazetteer_t **out,
                                    bilat_error_t *err)
{
    (void)extra_files; (void)err;
    *out = calloc(1, sizeof(bilat_gazetteer_t));
    return *out ? BILAT_OK : BILAT_ENOMEM;
}

void bilat_gazetteer_free(bilat_gazetteer_t *gz)
{
    free(gz);
}

const char *bilat_actor_label(const bilat_gazetteer_t *gz, const char *code, const char *lang,
                              char *buf, size_t size)
{
    (void)gz; (void)lang;
    snprintf(buf, size, "%s", code);
    return buf;
}

bool bilat_actor_is_org(const char *code)
{
    return strlen(code) != 3 || strcmp(code, "OIC") == 0;
}

bool bilat_actor_known(const bilat_gazetteer_t *gz, const char *code)
{
    (void)gz; (void)code;
    return true;
}

bilat_status_t bilat_gazetteer_scan(const bilat_gazetteer_t *gz, const bilat_text_t *t,
                                    const char *date, bilat_mention_t **out, size_t *n,
                                    bilat_error_t *err)
{
    (void)gz; (void)t; (void)date; (void)err;
    *out = NULL;
    *n = 0;
    return BILAT_OK;
}

bilat_status_t bilat_mentions_write(const bilat_gazetteer_t *gz, bilat_analyser_t *an,
                                    const bilat_doc_t *doc, FILE *out, bilat_error_t *err)
{
    (void)gz; (void)an; (void)doc; (void)out; (void)err;
    return BILAT_OK;
}
