/* Internal hooks of the graph modules (the only ones that call igraph). */
#ifndef BILAT_GRAPH_INTERNAL_H
#define BILAT_GRAPH_INTERNAL_H

#include "bilat/graph.h"

/* Process-wide igraph set-up (attribute table, RNG seed); called by bilat_init(). */
void bilat_graph_global_init(void);

#endif
