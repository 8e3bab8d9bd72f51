/* The graph record and its igraph form (the one place igraph graphs are built). */
#include "bilat/bilat.h"
#include "graph_internal.h"

#include <stdlib.h>

void bilat_graph_global_init(void)
{
    /* string attributes: the GraphML reader keeps node ids and labels */
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_rng_seed(igraph_rng_default(), 42);
}

igraph_error_t bilat_graph_to_igraph(const bilat_graph_t *g, igraph_t *ig,
                                     igraph_vector_t *weights)
{
    igraph_vector_int_t ends;
    IGRAPH_CHECK(igraph_vector_int_init(&ends, 2 * (igraph_integer_t)g->nedges));
    IGRAPH_FINALLY(igraph_vector_int_destroy, &ends);
    IGRAPH_CHECK(igraph_vector_resize(weights, (igraph_integer_t)g->nedges));
    for (size_t j = 0; j < g->nedges; j++) {
        VECTOR(ends)[2 * j] = (igraph_integer_t)g->edges[j].source;
        VECTOR(ends)[2 * j + 1] = (igraph_integer_t)g->edges[j].target;
        VECTOR(*weights)[j] = (igraph_real_t)g->edges[j].weight;
    }
    IGRAPH_CHECK(igraph_create(ig, &ends, (igraph_integer_t)g->nnodes, g->directed));
    igraph_vector_int_destroy(&ends);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

const char *bilat_type_attr(bilat_type_t t)
{
    static const char *const names[BILAT_NTYPES] = {
        "consult", "agree",  "cooperate", "support",  "aid",    "request",
        "accuse",  "reject", "threaten",  "sanction", "assault"};
    return (unsigned)t < BILAT_NTYPES ? names[t] : "";
}

int bilat_edge_cmp(const void *a, const void *b)
{
    const bilat_edge_t *x = a, *y = b;
    if (x->source != y->source)
        return x->source < y->source ? -1 : 1;
    return x->target < y->target ? -1 : x->target > y->target;
}

void bilat_edge_destroy(bilat_edge_t *e)
{
    for (size_t i = 0; i < e->nevidence; i++) {
        free(e->evidence[i].doc);
        free(e->evidence[i].date);
        free(e->evidence[i].sentence);
    }
    free(e->evidence);
    free(e->dates);
}

void bilat_graph_free(bilat_graph_t *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nnodes; i++) {
        free(g->nodes[i].label);
        free(g->nodes[i].label_en);
    }
    free(g->nodes);
    for (size_t j = 0; j < g->nedges; j++)
        bilat_edge_destroy(&g->edges[j]);
    free(g->edges);
    free(g->prov.version);
    free(g->prov.options);
    free(g);
}
