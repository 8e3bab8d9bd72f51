/* STUB — owned by the graph modules: building the graph. */
#include "bilat/bilat.h"
#include "graph_internal.h"

#include <igraph.h>
#include <stdlib.h>

void bilat_graph_global_init(void)
{
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_rng_seed(igraph_rng_default(), 42);
}

bilat_status_t bilat_graph_build(const bilat_aggregate_t *ag, const bilat_gazetteer_t *gz,
                                 bilat_graph_t **out, bilat_error_t *err)
{
    (void)ag; (void)gz; (void)err;
    *out = calloc(1, sizeof(bilat_graph_t));
    return *out ? BILAT_OK : BILAT_ENOMEM;
}

void bilat_graph_free(bilat_graph_t *g)
{
    free(g);
}
