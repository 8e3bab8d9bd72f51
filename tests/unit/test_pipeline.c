/* Unit tests of src/pipeline.c: the events of the samples are the same for any
 * number of threads, in reading order, and equal the golden events file that the
 * CLI golden test also checks (the library driver of the golden test). */
#include "bilat/bilat.h"
#include "harness.h"
#include "util.h"

#include <stdlib.h>

typedef struct collect {
    bilat_buf_t out;
    unsigned long docs;
    unsigned long last_seq;
    bool ordered;
} collect_t;

static bilat_status_t collect_doc(void *userdata, const bilat_doc_t *doc,
                                  const bilat_events_t *events)
{
    collect_t *c = userdata;
    if (c->docs && doc->seq != c->last_seq + 1)
        c->ordered = false;
    c->last_seq = doc->seq;
    c->docs++;
    for (size_t i = 0; i < events->n; i++) {
        char *line = bilat_event_to_json(&events->v[i]);
        if (!line)
            return BILAT_ENOMEM;
        bilat_buf_puts(&c->out, line);
        bilat_buf_putc(&c->out, '\n');
        free(line);
    }
    return BILAT_OK;
}

static char *run(const bilat_extractor_t *ex, int threads, unsigned long *docs)
{
    const char *paths[] = {"samples"};
    bilat_pipeline_options_t opt;
    memset(&opt, 0, sizeof opt);
    opt.threads = threads;
    collect_t c;
    memset(&c, 0, sizeof c);
    c.ordered = true;
    bilat_buf_init(&c.out);
    bilat_error_t err;
    bilat_status_t st = bilat_pipeline_run(ex, paths, 1, &opt, collect_doc, &c, &err);
    INT_EQ(st, BILAT_OK, "pipeline runs");
    OK(c.ordered, "documents handed over in reading order");
    *docs = c.docs;
    return bilat_buf_take(&c.out);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    bilat_buf_t b;
    bilat_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bilat_buf_append(&b, chunk, n);
    fclose(f);
    return bilat_buf_take(&b);
}

int main(void)
{
    bilat_init();
    bilat_error_t err;
    bilat_gazetteer_t *gz = NULL;
    bilat_extractor_t *ex = NULL;
    OK(bilat_gazetteer_load(NULL, &gz, &err) == BILAT_OK, "gazetteer loads");
    OK(bilat_extractor_new(gz, NULL, &ex, &err) == BILAT_OK, "extractor loads");

    unsigned long d1, d2, d4;
    char *e1 = run(ex, 1, &d1);
    char *e2 = run(ex, 2, &d2);
    char *e4 = run(ex, 4, &d4);
    OK(d1 >= 12, "a dozen samples or more are read");
    INT_EQ(d2, d1, "same documents with 2 threads");
    INT_EQ(d4, d1, "same documents with 4 threads");
    STR_EQ(e2, e1, "same events with 2 threads");
    STR_EQ(e4, e1, "same events with 4 threads");
    char *golden = slurp("tests/golden/extract-samples/expected/stdout");
    OK(golden != NULL, "golden events file exists");
    if (golden)
        OK(strcmp(golden, e1) == 0, "library events equal the golden events file");
    free(golden);
    free(e1);
    free(e2);
    free(e4);
    bilat_extractor_free(ex);
    bilat_gazetteer_free(gz);
    return test_summary("test_pipeline");
}
