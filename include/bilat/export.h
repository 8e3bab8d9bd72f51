/* bilat — writing and reading graph files, and the HTML report. */
#ifndef BILAT_EXPORT_H
#define BILAT_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bilat_format {
    BILAT_FORMAT_JSON = 0,  /* node-link JSON (networkx node_link_data, D3) */
    BILAT_FORMAT_CYTOSCAPE, /* Cytoscape.js elements JSON */
    BILAT_FORMAT_GRAPHML,
    BILAT_FORMAT_GEXF, /* GEXF 1.2draft, dynamic edge spells where dated */
    BILAT_FORMAT_DOT,
    BILAT_FORMAT_CSV,  /* X.nodes.csv, X.edges.csv, X.meta.json */
    BILAT_FORMAT_HTML, /* the self-contained report */
    BILAT_FORMAT_UNKNOWN
} bilat_format_t;

/* "json", "cytoscape", "graphml", "gexf", "dot", "csv", "html". */
BILAT_API const char *bilat_format_string(bilat_format_t f);
/* From a name as above; BILAT_FORMAT_UNKNOWN when unknown. */
BILAT_API bilat_format_t bilat_format_parse(const char *name);
/* From a file name's extension (.json .graphml .gexf .dot .csv .html .htm);
 * BILAT_FORMAT_UNKNOWN when none fits. */
BILAT_API bilat_format_t bilat_format_from_path(const char *path);

/* Options of the HTML report. */
typedef struct bilat_view_options {
    const char *size_by; /* node area by this measure, default "pagerank" */
    const char *lang;    /* label language, default "ar" */
} bilat_view_options_t;

/* Writes g in format f to out.  Every node and edge attribute and the provenance go
 * into every format, a node's id being its code; reals read back exactly (17
 * significant digits in JSON, the shortest round-trip form elsewhere); a missing date
 * is "".  JSON: networkx node_link_data layout (directed, multigraph, graph = the
 * provenance, nodes, links); Cytoscape.js: {data, directed, elements: {nodes, edges}};
 * GraphML with typed keys (graph keys bilat_version, options, events, keys, articles);
 * GEXF 1.2draft, mode "dynamic" with one edge spell per date when dates exist, the
 * provenance in <meta>; DOT with the provenance in a comment.  Edge lists that are
 * not scalars (dates, evidence) are comma-joined dates and JSON text outside JSON.
 * CSV needs a path (three files): BILAT_EINVAL here, use bilat_graph_write_file().
 * view may be NULL (defaults).  Fails with BILAT_ENOMEM or BILAT_EIO. */
BILAT_API bilat_status_t bilat_graph_write(const bilat_graph_t *g, bilat_format_t f,
                                           const bilat_view_options_t *view, FILE *out,
                                           bilat_error_t *err) BILAT_WUR;

/* Writes g to path ("-" is stdout) atomically: into a temporary file in the same
 * folder, renamed into place when complete, so no truncated file is ever left behind.
 * For CSV, path "g.csv" gives g.nodes.csv, g.edges.csv (RFC 4180) and g.meta.json
 * (the provenance).  Fails with BILAT_EIO and err->text "cannot write PATH: reason"
 * (a missing folder, a read-only place, a full disk). */
BILAT_API bilat_status_t bilat_graph_write_file(const bilat_graph_t *g, bilat_format_t f,
                                                const bilat_view_options_t *view,
                                                const char *path,
                                                bilat_error_t *err) BILAT_WUR;

/* Reads a graph file bilat wrote (node-link or Cytoscape.js JSON with jansson, GraphML
 * with igraph's reader, told apart by content) with all its attributes; (*out)->analysed
 * is true when every node carries the measures.  Nodes are sorted by code and edges by
 * endpoints, so writing the graph again gives the same bytes.  Caller frees *out with
 * bilat_graph_free(); *out is NULL on failure: BILAT_EIO (cannot open), BILAT_EPARSE
 * (not a graph bilat wrote; err has the position when known), BILAT_ENOMEM. */
BILAT_API bilat_status_t bilat_graph_read_file(const char *path, bilat_graph_t **out,
                                               bilat_error_t *err) BILAT_WUR;

/* How bilat analyze prints: an aligned text table, JSON or CSV. */
typedef enum bilat_table_format {
    BILAT_TABLE_TEXT = 0,
    BILAT_TABLE_JSON,
    BILAT_TABLE_CSV
} bilat_table_format_t;

/* true when name is a node measure that can rank: degree, strength, betweenness,
 * closeness, harmonic, eigenvector, pagerank, mentions. */
BILAT_API bool bilat_measure_known(const char *name);

/* Writes the ranking of g's nodes by measure sort (descending; ties by code), the top
 * entries only (top <= 0: all), in format f: an aligned text table (rank, code, label
 * padded by display width, degree, strength, betweenness, closeness, harmonic,
 * eigenvector, pagerank, community), a JSON array of node objects with rank, or CSV
 * with every node attribute.  BILAT_EINVAL when sort is not a known measure,
 * BILAT_EIO on a write error. */
BILAT_API bilat_status_t bilat_graph_table_write(const bilat_graph_t *g, const char *sort,
                                                 int top, bilat_table_format_t f,
                                                 FILE *out, bilat_error_t *err) BILAT_WUR;

/* Writes the partners of node code (any case) with the attributes of each edge (by
 * weight, descending; ties by partner code), with the evidence in the text form;
 * direction "out"/"in" in a directed graph, "both" otherwise.  BILAT_EINVAL when code
 * is not in g, BILAT_EIO on a write error. */
BILAT_API bilat_status_t bilat_graph_ego_write(const bilat_graph_t *g, const char *code,
                                               bilat_table_format_t f, FILE *out,
                                               bilat_error_t *err) BILAT_WUR;

#ifdef __cplusplus
}
#endif
#endif
