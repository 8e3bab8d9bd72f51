/* Internal hooks of the graph modules (the only ones that call igraph). */
#ifndef BILAT_GRAPH_INTERNAL_H
#define BILAT_GRAPH_INTERNAL_H

#include <igraph.h>
#include <stdio.h>

#include "bilat/graph.h"

/* Process-wide igraph set-up (attribute table, RNG seed); called by bilat_init(). */
void bilat_graph_global_init(void);

/* The graph record of the aggregator's kept edges (aggregate.c): nodes sorted by code,
 * labelled from gz (may be NULL: labels are the codes), edges sorted by endpoints,
 * provenance filled in; measures not computed (analysed == false).  Caller frees *out
 * with bilat_graph_free(); *out is NULL on failure (BILAT_ENOMEM). */
bilat_status_t bilat_aggregate_graph(const bilat_aggregate_t *ag,
                                     const bilat_gazetteer_t *gz, bilat_graph_t **out,
                                     bilat_error_t *err) BILAT_WUR;

/* Builds the igraph graph of g (vertex i = g->nodes[i], edge j = g->edges[j]) into the
 * uninitialised *ig, and its edge weights into the initialised *weights (resized).
 * Caller destroys *ig with igraph_destroy().  IGRAPH_CHECK idiom inside. */
igraph_error_t bilat_graph_to_igraph(const bilat_graph_t *g, igraph_t *ig,
                                     igraph_vector_t *weights) BILAT_WUR;

/* The edge attribute that counts type t: "consult", "agree"… (lower case). */
const char *bilat_type_attr(bilat_type_t t);

/* qsort order of edges: by source, then target index. */
int bilat_edge_cmp(const void *a, const void *b);

/* Frees the strings and arrays owned by edge e (not e itself). */
void bilat_edge_destroy(bilat_edge_t *e);

/* The node attributes that are numbers, in the column order of `bilat analyze`: the
 * ones that can rank nodes (`bilat analyze --sort`, `bilat view --size`) first, then
 * the two numberings.  One table for the exporters, the reader and the report, so they
 * agree on names and values. */
typedef enum bilat_measure {
    BILAT_MEASURE_DEGREE,
    BILAT_MEASURE_STRENGTH,
    BILAT_MEASURE_BETWEENNESS,
    BILAT_MEASURE_CLOSENESS,
    BILAT_MEASURE_HARMONIC,
    BILAT_MEASURE_EIGENVECTOR,
    BILAT_MEASURE_PAGERANK,
    BILAT_MEASURE_MENTIONS,
    BILAT_MEASURE_COMMUNITY,
    BILAT_MEASURE_COMPONENT,
    BILAT_NMEASURES
} bilat_measure_t;

/* The measures before this one can rank nodes. */
#define BILAT_MEASURE_NRANKING BILAT_MEASURE_COMMUNITY
/* Their names, for messages. */
#define BILAT_MEASURE_CHOICES                                                            \
    "degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank or "      \
    "mentions"

/* The attribute name of m ("degree", "pagerank"…); static. */
const char *bilat_measure_name(bilat_measure_t m);
/* The measure that can rank called name; BILAT_NMEASURES when there is none. */
bilat_measure_t bilat_measure_parse(const char *name);
/* Measure m of v as a double (counts converted). */
double bilat_measure_get(const bilat_node_t *v, bilat_measure_t m);
/* Sets measure m of v to x; a count takes x when it is a whole number in [0, 1e15]
 * and 0 otherwise (a file may hold anything, and casting a huge or NaN double to long
 * is undefined), a real takes x when finite and 0 otherwise. */
void bilat_measure_set(bilat_node_t *v, bilat_measure_t m, double x);

/* g's node indices ranked by measure m, descending, ties by code, then index.
 * Caller frees with free(); NULL when out of memory. */
size_t *bilat_measure_rank(const bilat_graph_t *g, bilat_measure_t m);

/* The ranked table of `bilat analyze` and of the HTML report: these columns, and
 * these cells for the node at 1-based rank (the label cell is left empty: it is
 * printed from the node, at any length). */
enum { BILAT_TABLE_NCOLS = 11 };
extern const char *const bilat_table_heads[BILAT_TABLE_NCOLS];
void bilat_table_cells(const bilat_node_t *v, size_t rank,
                       char cells[BILAT_TABLE_NCOLS][48]);

/* Writes s escaped for XML or HTML text and double-quoted attribute values: & < > "
 * as entities; tab and line ends as character references (attribute values keep
 * them); other C0 controls, which XML 1.0 forbids, as U+FFFD.  NULL writes nothing. */
void bilat_markup_escape(FILE *out, const char *s);

#endif
