/* A short program using libbilat: extracts the relations of the articles named on
 * the command line and prints one line per relation: SOURCE TYPE TARGET.
 * Build: cc extract.c $(pkg-config --cflags --libs bilat) */
#include <bilat/bilat.h>
#include <stdio.h>

static bilat_status_t print_doc(void *userdata, const bilat_doc_t *doc,
                                const bilat_events_t *events)
{
    long *count = userdata;
    for (size_t i = 0; i < events->n; i++) {
        const bilat_event_t *e = &events->v[i];
        printf("%s\t%s %s %s%s\n", doc->id, e->source, bilat_type_string(e->type),
               e->target, e->negated ? " (negated)" : "");
        (*count)++;
    }
    return BILAT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-FOLDER...\n", argv[0]);
        return 2;
    }
    bilat_init();
    bilat_error_t err;
    bilat_gazetteer_t *gz = NULL;
    bilat_extractor_t *ex = NULL;
    long count = 0;
    int rc = 3;
    if (bilat_gazetteer_load(NULL, &gz, &err) != BILAT_OK ||
        bilat_extractor_new(gz, NULL, &ex, &err) != BILAT_OK) {
        fprintf(stderr, "%s: %s\n", argv[0], err.text);
        goto cleanup;
    }
    bilat_pipeline_options_t opt = {0};
    opt.threads = 1;
    if (bilat_pipeline_run(ex, (const char *const *)argv + 1, (size_t)argc - 1, &opt,
                           print_doc, &count, &err) != BILAT_OK) {
        fprintf(stderr, "%s: %s\n", argv[0], err.text);
        goto cleanup;
    }
    fprintf(stderr, "%ld relations\n", count);
    rc = 0;
cleanup:
    bilat_extractor_free(ex);
    bilat_gazetteer_free(gz);
    return rc;
}
