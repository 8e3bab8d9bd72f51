/* Unit tests of src/pipeline.c: the events of the samples are the same for any
 * number of threads, in reading order, and equal the golden events file that the
 * CLI golden test also checks (the library driver of the golden test). */
#include "bilat/bilat.h"
#include "harness.h"
#include "util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

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

/* The trace of a run: every diagnostic and every document, in the order the caller
 * saw them. */
static void trace_diag(void *userdata, bilat_severity_t sev, const char *source, int line,
                       const char *message)
{
    const char *base = strrchr(source, '/');
    bilat_buf_printf(userdata, "%s %s:%d %s\n", sev == BILAT_SKIPPED ? "skip" : "warn",
                     base ? base + 1 : source, line, message);
}

static bilat_status_t trace_doc(void *userdata, const bilat_doc_t *doc,
                                const bilat_events_t *events)
{
    const char *base = strrchr(doc->id, '/');
    bilat_buf_printf(userdata, "doc %lu %s %zu\n", doc->seq, base ? base + 1 : doc->id,
                     events->n);
    return BILAT_OK;
}

static void write_file(const char *dir, const char *name, const char *data, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    OK(f && fwrite(data, 1, n, f) == n, "fixture written");
    if (f)
        fclose(f);
}

/* Inputs that are skipped or warned about are read by the worker threads, yet their
 * diagnostics come out in reading order, between the right documents, for any number
 * of threads — also across the batches the pipeline hands to its workers. */
static void test_diagnostic_order(const bilat_extractor_t *ex)
{
    char dir[] = "/tmp/bilat-test-pipeline-XXXXXX";
    OK(mkdtemp(dir) != NULL, "temporary folder");
    static const char binary[] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n', 0, 0};
    static const char article[] =
        "\xd9\x85\xd8\xb5\xd8\xb1 \xd9\x88\xd8\xa7\xd9\x84"
        "\xd8\xa3\xd8\xb1\xd8\xaf\xd9\x86."; /* «مصر والأردن.» */
    char name[64];
    /* 80 inputs: more than one batch, with a problem every few files */
    for (int i = 0; i < 80; i++) {
        snprintf(name, sizeof name, "%02d.txt", i);
        if (i % 7 == 3)
            write_file(dir, name, binary, sizeof binary);
        else if (i % 11 == 5)
            write_file(dir, name, "", 0);
        else if (i % 13 == 8)
            write_file(dir, name, "caf\xe9 au lait, du pain et du fromage", 36);
        else
            write_file(dir, name, article, sizeof article - 1);
    }
    char link[600];
    snprintf(link, sizeof link, "%s/45b.txt", dir);
    OK(symlink("/nonexistent/bilat", link) == 0, "dangling link");
    char *trace[3];
    const int threads[3] = {1, 2, 5};
    for (int k = 0; k < 3; k++) {
        bilat_buf_t b;
        bilat_buf_init(&b);
        bilat_pipeline_options_t opt;
        memset(&opt, 0, sizeof opt);
        opt.threads = threads[k];
        opt.read.diag = trace_diag;
        opt.read.diag_userdata = &b;
        const char *paths[] = {dir};
        bilat_error_t err;
        INT_EQ(bilat_pipeline_run(ex, paths, 1, &opt, trace_doc, &b, &err), BILAT_OK,
               "pipeline over problem inputs");
        trace[k] = bilat_buf_take(&b);
    }
    /* the exact start of the trace, then the same trace for every thread count */
    const char *head = "doc 0 00.txt 0\n"
                       "doc 1 01.txt 0\n"
                       "doc 2 02.txt 0\n"
                       "skip 03.txt:0 binary file skipped\n"
                       "doc 3 04.txt 0\n"
                       "warn 05.txt:0 empty file\n"
                       "doc 4 06.txt 0\n"
                       "doc 5 07.txt 0\n"
                       "warn 08.txt:0 invalid UTF-8 repaired (1 byte)\n"
                       "doc 6 08.txt 0\n";
    OK(trace[0] && strncmp(trace[0], head, strlen(head)) == 0, "trace of one thread");
    /* a worker's diagnostic (45.txt), then one of the walk (45b.txt) */
    OK(trace[0] && strstr(trace[0], "doc 35 44.txt 0\n"
                                    "skip 45.txt:0 binary file skipped\n"
                                    "skip 45b.txt:0 dangling symbolic link\n"
                                    "doc 36 46.txt 0\n") != NULL,
       "a diagnostic of the walk keeps its place");
    STR_EQ(trace[1], trace[0], "same trace with 2 threads");
    STR_EQ(trace[2], trace[0], "same trace with 5 threads");
    for (int k = 0; k < 3; k++)
        free(trace[k]);
    unlink(link);
    for (int i = 0; i < 80; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%02d.txt", dir, i);
        unlink(path);
    }
    rmdir(dir);
}

static volatile int alarm_rang = 0;

static void on_alarm(int sig)
{
    (void)sig;
    alarm_rang = 1;
}

/* A signal stops a run that waits for standard input (a pipe that stays open): the
 * workers block signals so the calling thread's read is the one interrupted, and the
 * run ends with BILAT_EINTR instead of waiting for ever.  A flag set before the read
 * starts (a signal that came just before) stops it too. */
static void test_interrupt_stdin(const bilat_extractor_t *ex)
{
    int fds[2];
    OK(pipe(fds) == 0, "pipe");
    int saved = dup(STDIN_FILENO);
    dup2(fds[0], STDIN_FILENO);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: the blocked read fails with EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, &old);
    for (int run = 0; run < 4; run++) {
        int threads = 1 + run % 2;
        bool early = run >= 2;
        alarm_rang = early;
        bilat_pipeline_options_t opt;
        memset(&opt, 0, sizeof opt);
        opt.threads = threads;
        opt.interrupted = &alarm_rang;
        const char *paths[] = {"-"};
        bilat_buf_t b;
        bilat_buf_init(&b);
        bilat_error_t err;
        struct itimerval timer = {{0, 0}, {0, early ? 0 : 200000}};
        setitimer(ITIMER_REAL, &timer, NULL);
        INT_EQ(bilat_pipeline_run(ex, paths, 1, &opt, trace_doc, &b, &err), BILAT_EINTR,
               early ? "a flag set before the read stops it"
                     : "a signal stops the wait for standard input");
        timer.it_value.tv_usec = 0;
        setitimer(ITIMER_REAL, &timer, NULL);
        OK(b.len == 0, "no document");
        bilat_buf_destroy(&b);
    }
    sigaction(SIGALRM, &old, NULL);
    dup2(saved, STDIN_FILENO);
    close(saved);
    close(fds[0]);
    close(fds[1]);
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
    test_diagnostic_order(ex);
    test_interrupt_stdin(ex);
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
