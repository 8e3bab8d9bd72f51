/* bilat — the whole extraction pipeline over many inputs, on N threads, with output
 * in reading order (so the result is the same for any number of threads). */
#ifndef BILAT_PIPELINE_H
#define BILAT_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "error.h"
#include "gazetteer.h"
#include "relations.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called once per document, in reading order, on the calling thread, with the
 * document's events (borrowed for the call; possibly none).  Return non-OK to stop. */
typedef bilat_status_t (*bilat_doc_events_fn)(void *userdata, const bilat_doc_t *doc,
                                              const bilat_events_t *events);

/* Called from time to time on the calling thread with the progress so far. */
typedef void (*bilat_progress_fn)(void *userdata, unsigned long docs,
                                  unsigned long long bytes, unsigned long long total);

typedef struct bilat_pipeline_options {
    int threads; /* worker threads; <= 0: online cores */
    bilat_read_options_t read;
    bilat_progress_fn progress; /* may be NULL */
    void *progress_userdata;
    volatile int *interrupted; /* when non-NULL and set, the run stops with BILAT_EINTR */
} bilat_pipeline_options_t;

/* Reads paths[0..n-1], analyses every document, extracts its events with ex and hands
 * them to on_doc in reading order.  Reader diagnostics go to opt->read.diag. */
BILAT_API bilat_status_t bilat_pipeline_run(const bilat_extractor_t *ex,
                                            const char *const *paths, size_t n,
                                            const bilat_pipeline_options_t *opt,
                                            bilat_doc_events_fn on_doc, void *userdata,
                                            bilat_error_t *err) BILAT_WUR;

/* Extracts the events of one document (analyse + scan + extract) with a caller-owned
 * analyser.  Appends to out. */
BILAT_API bilat_status_t bilat_extract_doc(const bilat_extractor_t *ex,
                                           bilat_analyser_t *an, const bilat_doc_t *doc,
                                           bilat_events_t *out,
                                           bilat_error_t *err) BILAT_WUR;

#ifdef __cplusplus
}
#endif
#endif
