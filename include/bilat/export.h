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
    BILAT_FORMAT_JSON = 0,   /* node-link JSON (networkx node_link_data, D3) */
    BILAT_FORMAT_CYTOSCAPE,  /* Cytoscape.js elements JSON */
    BILAT_FORMAT_GRAPHML,
    BILAT_FORMAT_GEXF,       /* GEXF 1.2draft, dynamic edge spells where dated */
    BILAT_FORMAT_DOT,
    BILAT_FORMAT_CSV,        /* X.nodes.csv, X.edges.csv, X.meta.json */
    BILAT_FORMAT_HTML,       /* the self-contained report */
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
    const char *size_by;    /* node area by this measure, default "pagerank" */
    const char *lang;       /* label language, default "ar" */
} bilat_view_options_t;

/* Writes g in format f to out.  CSV needs a path (three files): use
 * bilat_graph_write_file().  view may be NULL (defaults). */
BILAT_API bilat_status_t bilat_graph_write(const bilat_graph_t *g, bilat_format_t f,
                                           const bilat_view_options_t *view, FILE *out,
                                           bilat_error_t *err) BILAT_WUR;

/* Writes g to path ("-" is stdout) atomically: into a temporary file in the same
 * folder, renamed into place when complete, so no truncated file is ever left behind.
 * For CSV, path "g.csv" gives g.nodes.csv, g.edges.csv and g.meta.json. */
BILAT_API bilat_status_t bilat_graph_write_file(const bilat_graph_t *g, bilat_format_t f,
                                                const bilat_view_options_t *view,
                                                const char *path, bilat_error_t *err) BILAT_WUR;

/* Reads a graph file bilat wrote (node-link JSON or GraphML, told apart by content).
 * Caller frees *out with bilat_graph_free(). */
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
 * entries only (top <= 0: all), with every measure, in format f. */
BILAT_API bilat_status_t bilat_graph_table_write(const bilat_graph_t *g, const char *sort,
                                                 int top, bilat_table_format_t f, FILE *out,
                                                 bilat_error_t *err) BILAT_WUR;

/* Writes the partners of node code with the attributes of each edge (by weight,
 * descending).  BILAT_EINVAL when code is not in g. */
BILAT_API bilat_status_t bilat_graph_ego_write(const bilat_graph_t *g, const char *code,
                                               bilat_table_format_t f, FILE *out,
                                               bilat_error_t *err) BILAT_WUR;

#ifdef __cplusplus
}
#endif
#endif
