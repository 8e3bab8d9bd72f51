/* The extraction pipeline over many inputs: the calling thread reads and decodes
 * documents in order, worker threads analyse them and extract their events, and the
 * calling thread hands each document's events to the caller in reading order, so the
 * output is the same for any number of threads. */
#include "bilat/bilat.h"
#include "graph_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *bilat_version(void)
{
    return BILAT_VERSION;
}

void bilat_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, bilat_graph_global_init);
}

bilat_status_t bilat_extract_doc(const bilat_extractor_t *ex, bilat_analyser_t *an,
                                 const bilat_doc_t *doc, bilat_events_t *out, bilat_error_t *err)
{
    bilat_text_t *t = NULL;
    bilat_status_t st = bilat_text_analyse(an, doc, &t, err);
    if (st == BILAT_OK)
        st = bilat_extract_text(ex, t, out, err);
    bilat_text_free(t);
    return st;
}

enum { SLOT_FREE = 0, SLOT_PENDING, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
    bilat_doc_t *doc;
    bilat_events_t events;
    bilat_status_t status;
    bilat_error_t err;
    int state;
} slot_t;

typedef struct shared {
    const bilat_extractor_t *ex;
    pthread_mutex_t mu;
    pthread_cond_t work;  /* a slot became pending, or stop */
    pthread_cond_t done;  /* a slot became done */
    slot_t *slots;
    size_t cap;
    unsigned long next_take; /* next sequence number a worker takes */
    unsigned long next_read; /* next sequence number the reader fills */
    bool stop;
} shared_t;

typedef struct worker {
    shared_t *sh;
    bilat_analyser_t *an;
} worker_t;

static void *worker_main(void *arg)
{
    worker_t *w = arg;
    shared_t *sh = w->sh;
    pthread_mutex_lock(&sh->mu);
    for (;;) {
        while (!sh->stop && sh->next_take == sh->next_read)
            pthread_cond_wait(&sh->work, &sh->mu);
        if (sh->next_take == sh->next_read && sh->stop)
            break;
        slot_t *s = &sh->slots[sh->next_take % sh->cap];
        sh->next_take++;
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&sh->mu);
        bilat_error_clear(&s->err);
        s->status = bilat_extract_doc(sh->ex, w->an, s->doc, &s->events, &s->err);
        pthread_mutex_lock(&sh->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&sh->done);
    }
    pthread_mutex_unlock(&sh->mu);
    return NULL;
}

static int online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n > 256 ? 256 : n) : 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct progress_state {
    const bilat_pipeline_options_t *opt;
    bilat_reader_t *reader;
    unsigned long long total;
    double last;
} progress_state_t;

static void maybe_progress(progress_state_t *ps, bool force)
{
    if (!ps->opt->progress)
        return;
    double t = now_seconds();
    if (!force && t - ps->last < 0.25)
        return;
    ps->last = t;
    unsigned long docs;
    unsigned long long bytes;
    bilat_reader_counts(ps->reader, &docs, NULL, &bytes);
    ps->opt->progress(ps->opt->progress_userdata, docs, bytes, ps->total);
}

/* One thread: read, extract and hand over each document in turn. */
static bilat_status_t run_serial(const bilat_extractor_t *ex, bilat_reader_t *reader,
                                 const bilat_pipeline_options_t *opt, progress_state_t *ps,
                                 bilat_doc_events_fn on_doc, void *userdata, bilat_error_t *err)
{
    bilat_analyser_t *an = bilat_analyser_new(err);
    if (!an)
        return BILAT_EUNICODE;
    bilat_status_t st = BILAT_OK;
    for (;;) {
        if (opt->interrupted && *opt->interrupted) {
            st = bilat_error_set(err, BILAT_EINTR, NULL, 0, 0, "interrupted");
            break;
        }
        bilat_doc_t *doc = NULL;
        st = bilat_reader_next(reader, &doc, err);
        if (st != BILAT_OK || !doc)
            break;
        bilat_events_t evs;
        bilat_events_init(&evs);
        st = bilat_extract_doc(ex, an, doc, &evs, err);
        if (st == BILAT_OK)
            st = on_doc(userdata, doc, &evs);
        bilat_events_destroy(&evs);
        bilat_doc_free(doc);
        if (st != BILAT_OK)
            break;
        maybe_progress(ps, false);
    }
    bilat_analyser_free(an);
    return st;
}

static bilat_status_t run_threads(const bilat_extractor_t *ex, bilat_reader_t *reader,
                                  const bilat_pipeline_options_t *opt, int nthreads,
                                  progress_state_t *ps, bilat_doc_events_fn on_doc,
                                  void *userdata, bilat_error_t *err)
{
    bilat_status_t st = BILAT_OK;
    shared_t sh;
    memset(&sh, 0, sizeof sh);
    sh.ex = ex;
    sh.cap = (size_t)nthreads * 8 + 8;
    sh.slots = calloc(sh.cap, sizeof *sh.slots);
    worker_t *ws = calloc((size_t)nthreads, sizeof *ws);
    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    int started = 0;
    if (!sh.slots || !ws || !tids) {
        free(sh.slots);
        free(ws);
        free(tids);
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    }
    pthread_mutex_init(&sh.mu, NULL);
    pthread_cond_init(&sh.work, NULL);
    pthread_cond_init(&sh.done, NULL);
    for (int i = 0; i < nthreads; i++) {
        ws[i].sh = &sh;
        ws[i].an = bilat_analyser_new(err);
        if (!ws[i].an) {
            st = BILAT_EUNICODE;
            goto cleanup;
        }
        if (pthread_create(&tids[i], NULL, worker_main, &ws[i]) != 0) {
            bilat_analyser_free(ws[i].an);
            ws[i].an = NULL;
            st = bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "cannot start a thread");
            goto cleanup;
        }
        started++;
    }

    unsigned long next_out = 0;
    bool eof = false;
    for (;;) {
        if (opt->interrupted && *opt->interrupted) {
            st = bilat_error_set(err, BILAT_EINTR, NULL, 0, 0, "interrupted");
            break;
        }
        pthread_mutex_lock(&sh.mu);
        unsigned long nread = sh.next_read;
        bool room = nread - next_out < sh.cap;
        slot_t *head = next_out < nread ? &sh.slots[next_out % sh.cap] : NULL;
        bool head_done = head && head->state == SLOT_DONE;
        if (!head_done && (eof || !room) && head)
            pthread_cond_wait(&sh.done, &sh.mu);
        head_done = head && head->state == SLOT_DONE;
        pthread_mutex_unlock(&sh.mu);

        if (head_done) {
            st = head->status;
            if (st != BILAT_OK && err)
                *err = head->err;
            if (st == BILAT_OK)
                st = on_doc(userdata, head->doc, &head->events);
            bilat_events_destroy(&head->events);
            bilat_doc_free(head->doc);
            head->doc = NULL;
            pthread_mutex_lock(&sh.mu);
            head->state = SLOT_FREE;
            pthread_mutex_unlock(&sh.mu);
            next_out++;
            maybe_progress(ps, false);
            if (st != BILAT_OK)
                break;
            continue;
        }
        if (!head && eof)
            break;
        if (!eof && room) {
            bilat_doc_t *doc = NULL;
            st = bilat_reader_next(reader, &doc, err);
            if (st != BILAT_OK)
                break;
            if (!doc) {
                eof = true;
                continue;
            }
            pthread_mutex_lock(&sh.mu);
            slot_t *s = &sh.slots[sh.next_read % sh.cap];
            s->doc = doc;
            bilat_events_init(&s->events);
            s->state = SLOT_PENDING;
            sh.next_read++;
            pthread_cond_signal(&sh.work);
            pthread_mutex_unlock(&sh.mu);
        }
    }

cleanup:
    pthread_mutex_lock(&sh.mu);
    sh.stop = true;
    /* Workers finish what they took; anything still pending is dropped below. */
    sh.next_read = sh.next_take;
    pthread_cond_broadcast(&sh.work);
    pthread_mutex_unlock(&sh.mu);
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    for (size_t i = 0; i < sh.cap; i++) {
        if (sh.slots[i].doc) {
            bilat_events_destroy(&sh.slots[i].events);
            bilat_doc_free(sh.slots[i].doc);
        }
    }
    for (int i = 0; i < nthreads; i++)
        bilat_analyser_free(ws[i].an);
    pthread_cond_destroy(&sh.done);
    pthread_cond_destroy(&sh.work);
    pthread_mutex_destroy(&sh.mu);
    free(sh.slots);
    free(ws);
    free(tids);
    return st;
}

bilat_status_t bilat_pipeline_run(const bilat_extractor_t *ex, const char *const *paths, size_t n,
                                  const bilat_pipeline_options_t *opt, bilat_doc_events_fn on_doc,
                                  void *userdata, bilat_error_t *err)
{
    bilat_pipeline_options_t defaults;
    if (!opt) {
        memset(&defaults, 0, sizeof defaults);
        opt = &defaults;
    }
    bilat_reader_t *reader = bilat_reader_new(paths, n, &opt->read);
    if (!reader)
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    progress_state_t ps = {opt, reader, 0, 0};
    if (opt->progress)
        ps.total = bilat_reader_total_bytes(reader);
    int nthreads = opt->threads > 0 ? opt->threads : online_cores();
    bilat_status_t st = nthreads == 1
                            ? run_serial(ex, reader, opt, &ps, on_doc, userdata, err)
                            : run_threads(ex, reader, opt, nthreads, &ps, on_doc, userdata, err);
    if (st == BILAT_OK)
        maybe_progress(&ps, true);
    bilat_reader_free(reader);
    return st;
}
