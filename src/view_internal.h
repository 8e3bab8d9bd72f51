/* Internal: the HTML report (view.c) and its layout (layout.c, igraph). */
#ifndef BILAT_VIEW_INTERNAL_H
#define BILAT_VIEW_INTERNAL_H

#include <stdio.h>

#include "bilat/bilat.h"

/* Computes 2-D coordinates for g's nodes with igraph (seeded: same graph, same
 * layout).  xy receives 2 * g->nnodes doubles (x0, y0, x1, y1…) in [0, 1]. */
bilat_status_t bilat_layout_compute(const bilat_graph_t *g, double *xy, bilat_error_t *err);

/* Writes the self-contained HTML report of g to out. */
bilat_status_t bilat_view_write(const bilat_graph_t *g, const bilat_view_options_t *opt,
                                FILE *out, bilat_error_t *err);

#endif
