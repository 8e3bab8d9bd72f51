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
    unsigned types;    /* bit (1u << type) per type kept; 0 means all */
    long min_weight;   /* edges with fewer distinct events are dropped; default 1 */
    const char *since; /* "YYYY-MM-DD" or NULL: events dated before are dropped */
    const char *until; /* "YYYY-MM-DD" or NULL: events dated after are dropped */
    /* NULL-terminated codes: keep edges touching one; NULL keeps all */
    const char *const *actors;
    bool directed;    /* directed graph from directed events */
    const char *lang; /* label language (ICU locale), default "ar" */
    int evidence;     /* evidence occurrences per edge, default 3 */
    bool leiden;      /* communities by Leiden instead of Louvain */
} bilat_graph_options_t;

/* Fills opt with the defaults. */
BILAT_API void bilat_graph_options_init(bilat_graph_options_t *opt);

typedef struct bilat_evidence {
    char *doc;
    char *date;     /* or NULL */
    char *sentence; /* cut to 240 characters around the trigger */
} bilat_evidence_t;

typedef struct bilat_node {
    char id[8];  /* actor code */
    char *label; /* name in the --lang language */
    char *label_en;
    bool org;      /* kind: "organization" when true, else "state" */
    long mentions; /* distinct keys it takes part in */
    long degree;
    double strength, betweenness, closeness, harmonic, eigenvector, pagerank;
    long community, component;
} bilat_node_t;

typedef struct bilat_edge {
    size_t source, target; /* node indices; source < target when undirected */
    long weight;           /* distinct events (keys), >= 1 */
    double score;          /* sum of the events' signed scores */
    double tone;           /* score / weight */
    long counts[BILAT_NTYPES];
    long docs;                          /* distinct articles */
    char first_date[11], last_date[11]; /* "" when no event had a date */
    bilat_evidence_t *evidence;
    size_t nevidence;
    char (*dates)[11]; /* distinct event dates, ascending (GEXF edge spells) */
    size_t ndates;
} bilat_edge_t;

/* Provenance: what made the graph (no paths, no -j, no article-read counts). */
typedef struct bilat_provenance {
    char *version; /* bilat's version */
    char *options; /* JSON object text of the graph options, keys sorted */
    long events;   /* events read (all, negated included) */
    long keys;     /* distinct keys among them */
    long articles; /* articles with events */
} bilat_provenance_t;

typedef struct bilat_graph {
    bool directed;
    bilat_node_t *nodes;
    size_t nnodes;
    bilat_edge_t *edges;
    size_t nedges;
    bilat_provenance_t prov;
    bool analysed; /* node measures are filled in */
} bilat_graph_t;

/* An aggregator folds events into edge records.  Caller frees with
 * bilat_aggregate_free() (NULL is a no-op).  The options, strings included, are copied.
 * Returns NULL when out of memory.
 *
 * bilat_aggregate_add() sees every event, negated ones included (they count in the
 * provenance, never as edges), and takes nothing from ev.  Each key counts once per
 * edge; every occurrence still adds its article to docs, its date to the dates, and
 * may become evidence.  Decisions:
 *   - an event between an actor and itself is no edge;
 *   - with --since or --until, undated events are dropped (they cannot be shown to be
 *     in the range); without a date filter they are kept;
 *   - a key's score is that of its first occurrence by (date, hash of doc, start): one
 *     score per key, and the edge's score is the sum over its keys;
 *   - evidence: up to opt->evidence keys of the edge, each shown once, by their first
 *     occurrence in (dated first, date, doc, start) order;
 *   - --directed: a directed event gives source -> target, a symmetric one both
 *     directions (the same key on both edges).
 * The result does not depend on the order of the events.  Fails with BILAT_EINVAL for
 * an event of unknown type, BILAT_ENOMEM when out of memory. */
typedef struct bilat_aggregate bilat_aggregate_t;
BILAT_API bilat_aggregate_t *
bilat_aggregate_new(const bilat_graph_options_t *opt) BILAT_WUR;
BILAT_API bilat_status_t bilat_aggregate_add(bilat_aggregate_t *ag,
                                             const bilat_event_t *ev,
                                             bilat_error_t *err) BILAT_WUR;
BILAT_API void bilat_aggregate_free(bilat_aggregate_t *ag);

/* Builds the graph (labels from gz in opt->lang and English; gz may be NULL: the
 * codes are the labels) and analyses it with igraph: nodes are the endpoints of the
 * edges of at least opt->min_weight keys, sorted by code; edges sorted by endpoints.
 * The result does not depend on the order events were added.  Caller frees *out with
 * bilat_graph_free(); *out is NULL on failure (BILAT_ENOMEM, BILAT_EGRAPH). */
BILAT_API bilat_status_t bilat_graph_build(const bilat_aggregate_t *ag,
                                           const bilat_gazetteer_t *gz,
                                           bilat_graph_t **out,
                                           bilat_error_t *err) BILAT_WUR;

/* (Re)computes the node measures of g with igraph and sets g->analysed:
 *   degree       incident edges (in + out when directed);
 *   strength     sum of the incident weights;
 *   betweenness  igraph's raw count, lengths 1/weight, each unordered pair once;
 *   closeness    1 / mean distance (1/weight) to the nodes it reaches, 0 for none;
 *   harmonic     sum of 1/distance over the other nodes / (n - 1), 0 when n = 1;
 *   eigenvector  per connected component of the undirected view, scaled so each
 *                component's maximum is 1 (a lone node: 1);
 *   pagerank     damping 0.85, weighted (PRPACK);
 *   community    Louvain (leiden false) or Leiden with modularity, undirected view;
 *   component    weakly connected component.
 * Communities and components are numbered from 0 in order of their smallest code;
 * igraph's generator is reseeded (42) first, so the same graph gives the same numbers.
 * Fails with BILAT_EGRAPH (an igraph error, in err->text) or BILAT_ENOMEM. */
BILAT_API bilat_status_t bilat_graph_analyse(bilat_graph_t *g, bool leiden,
                                             bilat_error_t *err) BILAT_WUR;

/* Frees g and everything it owns; NULL is a no-op. */
BILAT_API void bilat_graph_free(bilat_graph_t *g);

#ifdef __cplusplus
}
#endif
#endif
