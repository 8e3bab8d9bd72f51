/* Node measures with igraph.
 *
 * Weights are the distinct-event counts; where an algorithm needs lengths they are
 * 1 / weight (a stronger tie is a shorter path); signed scores are never used.
 *   degree       incident edges (in + out when directed)
 *   strength     sum of the incident edges' weights
 *   betweenness  igraph's raw count with lengths 1/weight: each unordered pair once
 *                when undirected.  igraph compares path lengths with a relative
 *                epsilon, so 1/3 + 1/3 + 1/3 ties with 1 as it does with exact
 *                fractions (networkx with Fraction(1, weight) agrees)
 *   closeness    1 / mean distance to the nodes it reaches (outwards when directed);
 *                0 for a node that reaches none
 *   harmonic     sum of 1/distance over the other nodes, divided by n - 1 (0 when n = 1)
 *   eigenvector  per weakly connected component, on the undirected view, scaled so the
 *                component's maximum is 1; a lone node is its own maximum: 1.  (On a
 *                disconnected graph igraph's one vector is nonzero on a single
 *                component.)
 *   pagerank     damping 0.85, weighted, PRPACK (directed when the graph is)
 *   community    Louvain (igraph_community_multilevel, resolution 1) or Leiden
 *                (modularity), on the undirected view, weighted
 *   component    weakly connected component
 * The real measures are rounded to 15 or 12 significant digits (see tidy()).
 * Communities and components are numbered 0, 1… in the order of their smallest node
 * code, so the numbers do not depend on igraph's internal order; the random generator
 * is reseeded (42) before each analysis, so one process that builds twice gets the
 * same numbers twice. */
#include "bilat/bilat.h"
#include "graph_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Renumbers v[0..n-1] in order of first appearance (nodes are sorted by code), so the
 * numbers do not depend on igraph's internal order. */
static igraph_error_t renumber(igraph_vector_int_t *v)
{
    igraph_integer_t n = igraph_vector_int_size(v), next = 0;
    igraph_integer_t max = n ? igraph_vector_int_max(v) : 0;
    igraph_vector_int_t map;
    IGRAPH_CHECK(igraph_vector_int_init(&map, max + 1));
    igraph_vector_int_fill(&map, -1);
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t c = VECTOR(*v)[i];
        if (VECTOR(map)[c] < 0)
            VECTOR(map)[c] = next++;
        VECTOR(*v)[i] = VECTOR(map)[c];
    }
    igraph_vector_int_destroy(&map);
    return IGRAPH_SUCCESS;
}

/* Significant digits kept: the path measures are sums of 1/weight, exact but for the
 * last bits (15 digits is what a double holds exactly); the eigenvector (ARPACK) and
 * PageRank (PRPACK) are iterated to a tolerance, and the seven states of a ring came
 * out as 1 and 0.999999999999999, so those keep 12.  Both are far finer than any
 * reading of the numbers and than networkx's agreement (1e-6). */
#define DIGITS_EXACT 15
#define DIGITS_ITERATED 12

/* x to digits significant digits, 0 when not finite: nodes that tie must carry the same
 * number, or rankings order them by rounding noise and the files carry digits that
 * mean nothing. */
static double tidy(double x, int digits)
{
    if (!isfinite(x))
        return 0.0;
    char buf[40];
    snprintf(buf, sizeof buf, "%.*g", digits, x);
    return strtod(buf, NULL);
}

static int cmp_pair(const void *a, const void *b)
{
    const igraph_integer_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* The undirected view of g: one edge per pair, weights of both directions summed.
 * For an undirected g it is g itself. */
static igraph_error_t undirected_view(const bilat_graph_t *g, igraph_t *ug,
                                      igraph_vector_t *uw)
{
    igraph_integer_t m = (igraph_integer_t)g->nedges;
    igraph_integer_t *pairs = IGRAPH_CALLOC(3 * (size_t)(m ? m : 1), igraph_integer_t);
    IGRAPH_CHECK_OOM(pairs, "undirected view");
    IGRAPH_FINALLY(igraph_free, pairs);
    for (igraph_integer_t j = 0; j < m; j++) {
        igraph_integer_t s = (igraph_integer_t)g->edges[j].source;
        igraph_integer_t t = (igraph_integer_t)g->edges[j].target;
        pairs[3 * j] = s < t ? s : t;
        pairs[3 * j + 1] = s < t ? t : s;
        pairs[3 * j + 2] = g->edges[j].weight;
    }
    qsort(pairs, (size_t)m, 3 * sizeof *pairs, cmp_pair);
    igraph_vector_int_t ends;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&ends, 0);
    igraph_vector_clear(uw);
    for (igraph_integer_t j = 0; j < m; j++) {
        igraph_integer_t k = igraph_vector_size(uw);
        if (j && pairs[3 * j] == pairs[3 * j - 3] &&
            pairs[3 * j + 1] == pairs[3 * j - 2]) {
            VECTOR(*uw)[k - 1] += (igraph_real_t)pairs[3 * j + 2];
            continue;
        }
        IGRAPH_CHECK(igraph_vector_int_push_back(&ends, pairs[3 * j]));
        IGRAPH_CHECK(igraph_vector_int_push_back(&ends, pairs[3 * j + 1]));
        IGRAPH_CHECK(igraph_vector_push_back(uw, (igraph_real_t)pairs[3 * j + 2]));
    }
    IGRAPH_CHECK(
        igraph_create(ug, &ends, (igraph_integer_t)g->nnodes, IGRAPH_UNDIRECTED));
    igraph_vector_int_destroy(&ends);
    igraph_free(pairs);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* Eigenvector centrality of each component of the undirected view ug (weights uw),
 * each scaled to a maximum of 1, into res. */
static igraph_error_t eigenvector_by_component(const igraph_t *ug,
                                               const igraph_vector_t *uw,
                                               const igraph_vector_int_t *comp,
                                               igraph_integer_t ncomp,
                                               igraph_vector_t *res)
{
    igraph_integer_t n = igraph_vcount(ug), m = igraph_ecount(ug);
    igraph_vector_int_t local, ends, members;
    igraph_vector_t w, vec;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&local, n);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&ends, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&members, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&w, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&vec, 0);
    IGRAPH_CHECK(igraph_vector_resize(res, n));
    igraph_arpack_options_t arpack;
    igraph_arpack_options_init(&arpack);
    for (igraph_integer_t c = 0; c < ncomp; c++) {
        igraph_vector_int_clear(&members);
        for (igraph_integer_t v = 0; v < n; v++) {
            if (VECTOR(*comp)[v] == c) {
                VECTOR(local)[v] = igraph_vector_int_size(&members);
                IGRAPH_CHECK(igraph_vector_int_push_back(&members, v));
            }
        }
        igraph_integer_t size = igraph_vector_int_size(&members);
        if (size == 1) {
            VECTOR(*res)[VECTOR(members)[0]] = 1.0;
            continue;
        }
        igraph_vector_int_clear(&ends);
        igraph_vector_clear(&w);
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t from = IGRAPH_FROM(ug, e), to = IGRAPH_TO(ug, e);
            if (VECTOR(*comp)[from] != c)
                continue;
            IGRAPH_CHECK(igraph_vector_int_push_back(&ends, VECTOR(local)[from]));
            IGRAPH_CHECK(igraph_vector_int_push_back(&ends, VECTOR(local)[to]));
            IGRAPH_CHECK(igraph_vector_push_back(&w, VECTOR(*uw)[e]));
        }
        igraph_t sub;
        IGRAPH_CHECK(igraph_create(&sub, &ends, size, IGRAPH_UNDIRECTED));
        IGRAPH_FINALLY(igraph_destroy, &sub);
        IGRAPH_CHECK(igraph_eigenvector_centrality(&sub, &vec, NULL, IGRAPH_UNDIRECTED,
                                                   true, &w, &arpack));
        igraph_destroy(&sub);
        IGRAPH_FINALLY_CLEAN(1);
        for (igraph_integer_t i = 0; i < size; i++)
            VECTOR(*res)[VECTOR(members)[i]] = VECTOR(vec)[i];
    }
    igraph_vector_destroy(&vec);
    igraph_vector_destroy(&w);
    igraph_vector_int_destroy(&members);
    igraph_vector_int_destroy(&ends);
    igraph_vector_int_destroy(&local);
    IGRAPH_FINALLY_CLEAN(5);
    return IGRAPH_SUCCESS;
}

/* Communities of the undirected view, numbered by smallest node. */
static igraph_error_t communities(const igraph_t *ug, const igraph_vector_t *uw,
                                  bool leiden, igraph_vector_int_t *membership)
{
    if (!leiden) {
        IGRAPH_CHECK(igraph_community_multilevel(ug, uw, 1.0, membership, NULL, NULL));
    } else {
        /* modularity as Leiden's objective: node weights = strengths, resolution 1/2m */
        igraph_vector_t strength;
        IGRAPH_VECTOR_INIT_FINALLY(&strength, 0);
        IGRAPH_CHECK(
            igraph_strength(ug, &strength, igraph_vss_all(), IGRAPH_ALL, true, uw));
        igraph_real_t total = igraph_vector_sum(uw);
        IGRAPH_CHECK(igraph_community_leiden(ug, uw, &strength,
                                             total > 0 ? 1.0 / (2.0 * total) : 1.0, 0.01,
                                             false, -1, membership, NULL, NULL));
        igraph_vector_destroy(&strength);
        IGRAPH_FINALLY_CLEAN(1);
    }
    return renumber(membership);
}

static igraph_error_t analyse_igraph(bilat_graph_t *g, bool leiden)
{
    igraph_t ig, ug;
    igraph_vector_t w, len, uw, v;
    igraph_vector_int_t iv, comp;
    igraph_integer_t ncomp;
    IGRAPH_VECTOR_INIT_FINALLY(&w, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&len, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&uw, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&v, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&iv, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&comp, 0);
    IGRAPH_CHECK(bilat_graph_to_igraph(g, &ig, &w));
    IGRAPH_FINALLY(igraph_destroy, &ig);
    IGRAPH_CHECK(undirected_view(g, &ug, &uw));
    IGRAPH_FINALLY(igraph_destroy, &ug);
    IGRAPH_CHECK(igraph_vector_resize(&len, igraph_vector_size(&w)));
    for (igraph_integer_t e = 0; e < igraph_vector_size(&w); e++)
        VECTOR(len)[e] = 1.0 / VECTOR(w)[e];
    igraph_neimode_t out = g->directed ? IGRAPH_OUT : IGRAPH_ALL;
    /* ARPACK and the community search draw from igraph's generator: the same graph
     * must give the same numbers, however many graphs this process analysed before */
    igraph_rng_seed(igraph_rng_default(), 42);
    size_t n = g->nnodes;

    IGRAPH_CHECK(igraph_degree(&ig, &iv, igraph_vss_all(), IGRAPH_ALL, true));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].degree = (long)VECTOR(iv)[i];
    IGRAPH_CHECK(igraph_strength(&ig, &v, igraph_vss_all(), IGRAPH_ALL, true, &w));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].strength = VECTOR(v)[i];
    IGRAPH_CHECK(igraph_betweenness(&ig, &v, igraph_vss_all(), true, &len));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].betweenness = tidy(VECTOR(v)[i], DIGITS_EXACT);
    IGRAPH_CHECK(
        igraph_closeness(&ig, &v, NULL, NULL, igraph_vss_all(), out, &len, true));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].closeness = tidy(VECTOR(v)[i], DIGITS_EXACT);
    IGRAPH_CHECK(igraph_harmonic_centrality(&ig, &v, igraph_vss_all(), out, &len, true));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].harmonic = tidy(VECTOR(v)[i], DIGITS_EXACT);
    IGRAPH_CHECK(igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &v, NULL,
                                 igraph_vss_all(), g->directed, 0.85, &w, NULL));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].pagerank = tidy(VECTOR(v)[i], DIGITS_ITERATED);

    IGRAPH_CHECK(igraph_connected_components(&ug, &comp, NULL, &ncomp, IGRAPH_WEAK));
    IGRAPH_CHECK(renumber(&comp));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].component = (long)VECTOR(comp)[i];
    IGRAPH_CHECK(eigenvector_by_component(&ug, &uw, &comp, ncomp, &v));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].eigenvector = tidy(VECTOR(v)[i], DIGITS_ITERATED);
    IGRAPH_CHECK(communities(&ug, &uw, leiden, &iv));
    for (size_t i = 0; i < n; i++)
        g->nodes[i].community = (long)VECTOR(iv)[i];

    igraph_destroy(&ug);
    igraph_destroy(&ig);
    igraph_vector_int_destroy(&comp);
    igraph_vector_int_destroy(&iv);
    igraph_vector_destroy(&v);
    igraph_vector_destroy(&uw);
    igraph_vector_destroy(&len);
    igraph_vector_destroy(&w);
    IGRAPH_FINALLY_CLEAN(8);
    return IGRAPH_SUCCESS;
}

bilat_status_t bilat_graph_analyse(bilat_graph_t *g, bool leiden, bilat_error_t *err)
{
    if (g->nnodes == 0) {
        g->analysed = true;
        return BILAT_OK;
    }
    /* igraph's default handlers abort and print; the library does neither */
    igraph_error_handler_t *old_error =
        igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warning =
        igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_error_t ie = analyse_igraph(g, leiden);
    igraph_set_warning_handler(old_warning);
    igraph_set_error_handler(old_error);
    if (ie != IGRAPH_SUCCESS)
        return bilat_error_set(err, ie == IGRAPH_ENOMEM ? BILAT_ENOMEM : BILAT_EGRAPH,
                               NULL, 0, 0, "graph analysis failed: %s",
                               igraph_strerror(ie));
    g->analysed = true;
    return BILAT_OK;
}
