/* bilat — from events to a weighted graph of states, and its analysis.
 *
 * Aggregation counts each event key once (the same relation in the same normalised
 * sentence anywhere in the corpus) and never turns a negated event into an edge.  The
 * resulting graph is a plain, transparent record (nodes sorted by code, edges by their
 * endpoints) that the exporters and the HTML view read; the analysis is done with
 * igraph and stored as node attributes. */
#ifndef BILAT_GRAPH_H
#define BILAT_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "gazetteer.h"
#include "relations.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options that change the graph; every one is recorded in the graph's provenance. */
typedef struct bilat_graph_options {
    unsigned types;         /* bit (1u << type) per type kept; 0 means all */
    long min_weight;        /* edges with fewer distinct events are dropped; default 1 */
    const char *since;      /* "YYYY-MM-DD" or NULL: events dated before are dropped */
    const char *until;      /* "YYYY-MM-DD" or NULL: events dated after are dropped */
    const char *const *actors; /* NULL-terminated codes: keep edges touching one; NULL all */
    bool directed;          /* directed graph from directed events */
    const char *lang;       /* label language (ICU locale), default "ar" */
    int evidence;           /* evidence occurrences per edge, default 3 */
    bool leiden;            /* communities by Leiden instead of Louvain */
} bilat_graph_options_t;

/* Fills opt with the defaults. */
BILAT_API void bilat_graph_options_init(bilat_graph_options_t *opt);

typedef struct bilat_evidence {
    char *doc;
    char *date;       /* or NULL */
    char *sentence;   /* cut to 240 characters around the trigger */
} bilat_evidence_t;

typedef struct bilat_node {
    char id[8];             /* actor code */
    char *label;            /* name in the --lang language */
    char *label_en;
    bool org;               /* kind: "organization" when true, else "state" */
    long mentions;          /* distinct keys it takes part in */
    long degree;
    double strength, betweenness, closeness, harmonic, eigenvector, pagerank;
    long community, component;
} bilat_node_t;

typedef struct bilat_edge {
    size_t source, target;  /* node indices; source < target when undirected */
    long weight;            /* distinct events (keys), >= 1 */
    double score;           /* sum of the events' signed scores */
    double tone;            /* score / weight */
    long counts[BILAT_NTYPES];
    long docs;              /* distinct articles */
    char first_date[11], last_date[11]; /* "" when no event had a date */
    bilat_evidence_t *evidence;
    size_t nevidence;
} bilat_edge_t;

/* Provenance: what made the graph (no paths, no -j, no article-read counts). */
typedef struct bilat_provenance {
    char *version;          /* bilat's version */
    char *options;          /* JSON object text of the graph options, keys sorted */
    long events;            /* events read (all, negated included) */
    long keys;              /* distinct keys among them */
    long articles;          /* articles with events */
} bilat_provenance_t;

typedef struct bilat_graph {
    bool directed;
    bilat_node_t *nodes;
    size_t nnodes;
    bilat_edge_t *edges;
    size_t nedges;
    bilat_provenance_t prov;
    bool analysed;          /* node measures are filled in */
} bilat_graph_t;

/* An aggregator folds events into edge records.  Caller frees with
 * bilat_aggregate_free().  The options are copied. */
typedef struct bilat_aggregate bilat_aggregate_t;
BILAT_API bilat_aggregate_t *bilat_aggregate_new(const bilat_graph_options_t *opt) BILAT_WUR;
BILAT_API bilat_status_t bilat_aggregate_add(bilat_aggregate_t *ag, const bilat_event_t *ev,
                                             bilat_error_t *err) BILAT_WUR;
BILAT_API void bilat_aggregate_free(bilat_aggregate_t *ag);

/* Builds the graph (labels from gz in opt->lang and English) and analyses it with
 * igraph.  The result does not depend on the order events were added.  Caller frees
 * *out with bilat_graph_free(). */
BILAT_API bilat_status_t bilat_graph_build(const bilat_aggregate_t *ag,
                                           const bilat_gazetteer_t *gz,
                                           bilat_graph_t **out, bilat_error_t *err) BILAT_WUR;

/* (Re)computes the node measures of g with igraph (degree, strength, betweenness,
 * closeness, harmonic, eigenvector, pagerank, community, component). */
BILAT_API bilat_status_t bilat_graph_analyse(bilat_graph_t *g, bool leiden,
                                             bilat_error_t *err) BILAT_WUR;

BILAT_API void bilat_graph_free(bilat_graph_t *g);

#ifdef __cplusplus
}
#endif
#endif
