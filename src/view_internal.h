/* Internal: the HTML report (view.c) and its layout (layout.c, igraph). */
#ifndef BILAT_VIEW_INTERNAL_H
#define BILAT_VIEW_INTERNAL_H

#include <stdio.h>

#include "bilat/bilat.h"

/* Computes 2-D coordinates for g's nodes with igraph (seeded: same graph, same
 * layout).  xy, owned by the caller, receives 2 * g->nnodes doubles (x0, y0, x1, y1…)
 * in [0, 1].  Fails with BILAT_EGRAPH (an igraph error) or BILAT_ENOMEM. */
bilat_status_t bilat_layout_compute(const bilat_graph_t *g, double *xy,
                                    bilat_error_t *err) BILAT_WUR;

/* Writes the self-contained HTML report of g to out (opt may be NULL: size by
 * pagerank, Arabic labels).  Fails with BILAT_EINVAL (opt->size_by is not a measure
 * that ranks), BILAT_ENOMEM, BILAT_EGRAPH (layout) or BILAT_EIO (write error). */
bilat_status_t bilat_view_write(const bilat_graph_t *g, const bilat_view_options_t *opt,
                                FILE *out, bilat_error_t *err) BILAT_WUR;

#endif
