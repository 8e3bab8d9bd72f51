/* The graph record and its igraph form (the one place igraph graphs are built). */
#include "bilat/bilat.h"
#include "graph_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

/* Each measure: its name, where it lives in a node, and whether it is a real or a
 * count (long). */
static const struct {
    const char *name;
    size_t offset;
    bool real;
} measures[BILAT_NMEASURES] = {
    {"degree", offsetof(bilat_node_t, degree), false},
    {"strength", offsetof(bilat_node_t, strength), true},
    {"betweenness", offsetof(bilat_node_t, betweenness), true},
    {"closeness", offsetof(bilat_node_t, closeness), true},
    {"harmonic", offsetof(bilat_node_t, harmonic), true},
    {"eigenvector", offsetof(bilat_node_t, eigenvector), true},
    {"pagerank", offsetof(bilat_node_t, pagerank), true},
    {"mentions", offsetof(bilat_node_t, mentions), false},
    {"community", offsetof(bilat_node_t, community), false},
    {"component", offsetof(bilat_node_t, component), false},
};

const char *bilat_measure_name(bilat_measure_t m)
{
    return (unsigned)m < BILAT_NMEASURES ? measures[m].name : "";
}

bilat_measure_t bilat_measure_parse(const char *name)
{
    for (int m = 0; name && m < BILAT_MEASURE_NRANKING; m++)
        if (strcmp(name, measures[m].name) == 0)
            return (bilat_measure_t)m;
    return BILAT_NMEASURES;
}

double bilat_measure_get(const bilat_node_t *v, bilat_measure_t m)
{
    const char *field = (const char *)v + measures[m].offset;
    return measures[m].real ? *(const double *)field : (double)*(const long *)field;
}

void bilat_measure_set(bilat_node_t *v, bilat_measure_t m, double x)
{
    char *field = (char *)v + measures[m].offset;
    if (measures[m].real)
        *(double *)field = isfinite(x) ? x : 0;
    else
        *(long *)field = x >= 0 && x <= 1e15 && x == floor(x) ? (long)x : 0;
}

typedef struct rank_ctx {
    const bilat_graph_t *g;
    bilat_measure_t m;
} rank_ctx_t;

static int cmp_rank(const void *a, const void *b, void *data)
{
    const rank_ctx_t *ctx = data;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    double x = bilat_measure_get(&ctx->g->nodes[i], ctx->m);
    double y = bilat_measure_get(&ctx->g->nodes[j], ctx->m);
    if (x != y)
        return x > y ? -1 : 1;
    int c = strcmp(ctx->g->nodes[i].id, ctx->g->nodes[j].id);
    return c ? c : (i > j) - (i < j);
}

size_t *bilat_measure_rank(const bilat_graph_t *g, bilat_measure_t m)
{
    size_t *order = malloc((g->nnodes ? g->nnodes : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t i = 0; i < g->nnodes; i++)
        order[i] = i;
    rank_ctx_t ctx = {g, m};
    qsort_r(order, g->nnodes, sizeof *order, cmp_rank, &ctx);
    return order;
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
