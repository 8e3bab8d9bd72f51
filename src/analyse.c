/* STUB — owned by the graph modules: measures with igraph. */
#include "bilat/bilat.h"

bilat_status_t bilat_graph_analyse(bilat_graph_t *g, bool leiden, bilat_error_t *err)
{
    (void)g; (void)leiden; (void)err;
    return BILAT_OK;
}
