/* bilat — relations between states in Arabic news, as a weighted graph.
 *
 * Pipeline: read & decode (corpus.h) → normalise, segment (text.h) → actors
 * (gazetteer.h) → relation patterns and events (relations.h) → aggregation, igraph
 * analysis (graph.h) → export and report (export.h); pipeline.h runs the first stages
 * over many inputs on several threads.
 *
 * Call bilat_init() once before anything else: it sets igraph's attribute handler
 * (igraph_cattribute_table, needed to read GraphML attributes) and the random seed. */
#ifndef BILAT_H
#define BILAT_H

#include "error.h"
#include "corpus.h"
#include "text.h"
#include "gazetteer.h"
#include "relations.h"
#include "graph.h"
#include "export.h"
#include "pipeline.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BILAT_VERSION "0.1.0"

/* bilat's version string, e.g. "0.1.0". */
BILAT_API const char *bilat_version(void);

/* Process-wide set-up; idempotent. Call before other threads start. */
BILAT_API void bilat_init(void);

#ifdef __cplusplus
}
#endif
#endif
