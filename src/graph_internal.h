/* Internal hooks of the graph modules (the only ones that call igraph). */
#ifndef BILAT_GRAPH_INTERNAL_H
#define BILAT_GRAPH_INTERNAL_H

#include <igraph.h>

#include "bilat/graph.h"

/* Process-wide igraph set-up (attribute table, RNG seed); called by bilat_init(). */
void bilat_graph_global_init(void);

/* The graph record of the aggregator's kept edges (aggregate.c): nodes sorted by code,
 * labelled from gz (may be NULL: labels are the codes), edges sorted by endpoints,
 * provenance filled in; measures not computed (analysed == false).  Caller frees *out
 * with bilat_graph_free(). */
bilat_status_t bilat_aggregate_graph(const bilat_aggregate_t *ag,
                                     const bilat_gazetteer_t *gz, bilat_graph_t **out,
                                     bilat_error_t *err);

/* Builds the igraph graph of g (vertex i = g->nodes[i], edge j = g->edges[j]) into the
 * uninitialised *ig, and its edge weights into the initialised *weights (resized).
 * Caller destroys *ig with igraph_destroy().  IGRAPH_CHECK idiom inside. */
igraph_error_t bilat_graph_to_igraph(const bilat_graph_t *g, igraph_t *ig,
                                     igraph_vector_t *weights);

/* The edge attribute that counts type t: "consult", "agree"… (lower case). */
const char *bilat_type_attr(bilat_type_t t);

/* qsort order of edges: by source, then target index. */
int bilat_edge_cmp(const void *a, const void *b);

/* Frees the strings and arrays owned by edge e (not e itself). */
void bilat_edge_destroy(bilat_edge_t *e);

#endif
