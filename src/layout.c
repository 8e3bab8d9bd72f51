/* The report's layout: node coordinates computed with igraph.
 *
 * Small graphs get a weighted Fruchterman–Reingold layout (forces pull strong ties
 * together); past BILAT_LAYOUT_DRL_FROM nodes igraph's FR switches to a grid
 * approximation and its cost grows with n², so DrL, which is built for large graphs,
 * takes over.  The RNG is seeded right before each layout so that the coordinates
 * depend only on the graph, not on what else used igraph's RNG before. */
#include "graph_internal.h"
#include "view_internal.h"

#include <igraph.h>
#include <math.h>

/* FR costs O(n²) per iteration: 1,000 nodes with 500 iterations take about 1 s here,
 * DrL lays out the same graph in a fraction of that and scales to far larger ones. */
#define BILAT_LAYOUT_DRL_FROM 1000
#define BILAT_LAYOUT_FR_ITERATIONS 500

/* Event counts are heavy-tailed (one tie can hold hundreds of events) and FR
 * multiplies the attraction by the weight, so the layout uses 1 + ln(weight): without
 * that, a few strong ties collapse their ends onto one point. */
static void layout_weights(igraph_vector_t *w)
{
    for (igraph_integer_t i = 0; i < igraph_vector_size(w); i++)
        VECTOR(*w)[i] = 1.0 + log(fmax(1.0, VECTOR(*w)[i]));
}

/* Lays out one connected graph into res (n × 2). */
static igraph_error_t layout_one(const igraph_t *ig, const igraph_vector_t *w,
                                 igraph_matrix_t *res)
{
    igraph_integer_t n = igraph_vcount(ig);
    if (n < BILAT_LAYOUT_DRL_FROM)
        return igraph_layout_fruchterman_reingold(
            ig, res, false, BILAT_LAYOUT_FR_ITERATIONS, sqrt((double)n),
            IGRAPH_LAYOUT_NOGRID, w, NULL, NULL, NULL, NULL);
    igraph_layout_drl_options_t o;
    IGRAPH_CHECK(igraph_layout_drl_options_init(&o, IGRAPH_LAYOUT_DRL_DEFAULT));
    return igraph_layout_drl(ig, res, false, &o, w);
}

/* A disconnected graph laid out as a whole has its components pushed apart until they
 * sit in the corners, the main one shrunk to a blot in the middle (news graphs often
 * hold a few lone pairs).  So each component (memb: component of each node, w: layout
 * weight of each edge) is laid out alone and igraph's DLA merge packs them around the
 * largest one. */
static igraph_error_t layout_components(const bilat_graph_t *g, const igraph_vector_t *w,
                                        const igraph_vector_int_t *memb,
                                        igraph_integer_t ncomp, igraph_matrix_t *res)
{
    igraph_integer_t n = (igraph_integer_t)g->nnodes;
    igraph_graph_list_t parts;
    igraph_matrix_list_t coords;
    igraph_vector_ptr_t ptrs;
    igraph_vector_int_t local, first, ends;
    igraph_vector_t pw;
    igraph_matrix_t merged;
    IGRAPH_CHECK(igraph_graph_list_init(&parts, 0));
    IGRAPH_FINALLY(igraph_graph_list_destroy, &parts);
    IGRAPH_CHECK(igraph_matrix_list_init(&coords, ncomp));
    IGRAPH_FINALLY(igraph_matrix_list_destroy, &coords);
    IGRAPH_CHECK(igraph_vector_ptr_init(&ptrs, ncomp));
    IGRAPH_FINALLY(igraph_vector_ptr_destroy, &ptrs);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&local, n); /* index of each node in its part */
    IGRAPH_VECTOR_INT_INIT_FINALLY(&first, ncomp + 1); /* row of each part in merged */
    IGRAPH_VECTOR_INT_INIT_FINALLY(&ends, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&pw, 0);
    IGRAPH_MATRIX_INIT_FINALLY(&merged, 0, 0);

    for (igraph_integer_t i = 0; i < n; i++)
        VECTOR(local)[i] = VECTOR(first)[VECTOR(*memb)[i] + 1]++;
    for (igraph_integer_t c = 0; c < ncomp; c++) {
        igraph_vector_int_clear(&ends);
        igraph_vector_clear(&pw);
        for (size_t k = 0; k < g->nedges; k++) {
            const bilat_edge_t *e = &g->edges[k];
            if (VECTOR(*memb)[e->source] != c)
                continue;
            IGRAPH_CHECK(igraph_vector_int_push_back(&ends, VECTOR(local)[e->source]));
            IGRAPH_CHECK(igraph_vector_int_push_back(&ends, VECTOR(local)[e->target]));
            IGRAPH_CHECK(igraph_vector_push_back(&pw, VECTOR(*w)[k]));
        }
        igraph_t part;
        IGRAPH_CHECK(
            igraph_create(&part, &ends, VECTOR(first)[c + 1], IGRAPH_UNDIRECTED));
        IGRAPH_FINALLY(igraph_destroy, &part);
        IGRAPH_CHECK(igraph_graph_list_push_back(&parts, &part)); /* takes part */
        IGRAPH_FINALLY_CLEAN(1);
        IGRAPH_CHECK(layout_one(igraph_graph_list_get_ptr(&parts, c), &pw,
                                igraph_matrix_list_get_ptr(&coords, c)));
    }
    /* the list may have moved its graphs while growing: take their addresses now */
    for (igraph_integer_t c = 0; c < ncomp; c++)
        VECTOR(ptrs)[c] = igraph_graph_list_get_ptr(&parts, c);
    IGRAPH_CHECK(igraph_layout_merge_dla(&ptrs, &coords, &merged));

    for (igraph_integer_t c = 0; c < ncomp; c++)
        VECTOR(first)[c + 1] += VECTOR(first)[c];
    IGRAPH_CHECK(igraph_matrix_resize(res, n, 2));
    for (igraph_integer_t i = 0; i < n; i++)
        for (int d = 0; d < 2; d++)
            MATRIX(*res, i, d) =
                MATRIX(merged, VECTOR(first)[VECTOR(*memb)[i]] + VECTOR(local)[i], d);

    igraph_matrix_destroy(&merged);
    igraph_vector_destroy(&pw);
    igraph_vector_int_destroy(&ends);
    igraph_vector_int_destroy(&first);
    igraph_vector_int_destroy(&local);
    igraph_vector_ptr_destroy(&ptrs);
    igraph_matrix_list_destroy(&coords);
    igraph_graph_list_destroy(&parts);
    IGRAPH_FINALLY_CLEAN(8);
    return IGRAPH_SUCCESS;
}

/* Lays g out into res (n × 2). */
static igraph_error_t layout_run(const bilat_graph_t *g, igraph_matrix_t *res)
{
    igraph_t ig;
    igraph_vector_t w;
    igraph_vector_int_t memb;
    igraph_integer_t ncomp;
    IGRAPH_VECTOR_INIT_FINALLY(&w, 0);
    IGRAPH_CHECK(bilat_graph_to_igraph(g, &ig, &w));
    IGRAPH_FINALLY(igraph_destroy, &ig);
    layout_weights(&w);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&memb, 0);
    IGRAPH_CHECK(igraph_connected_components(&ig, &memb, NULL, &ncomp, IGRAPH_WEAK));
    IGRAPH_CHECK(igraph_rng_seed(igraph_rng_default(), 42));
    if (ncomp == 1)
        IGRAPH_CHECK(layout_one(&ig, &w, res));
    else
        IGRAPH_CHECK(layout_components(g, &w, &memb, ncomp, res));
    igraph_vector_int_destroy(&memb);
    igraph_destroy(&ig);
    igraph_vector_destroy(&w);
    IGRAPH_FINALLY_CLEAN(3);
    return IGRAPH_SUCCESS;
}

/* Scales the coordinates into [0, 1], keeping the aspect ratio (the longer side
 * spans [0, 1], the shorter one is centred), so distances stay comparable. */
static void layout_normalise(const igraph_matrix_t *res, size_t n, double *xy)
{
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 2; d++) {
            double v = MATRIX(*res, (igraph_integer_t)i, d);
            lo[d] = fmin(lo[d], v);
            hi[d] = fmax(hi[d], v);
        }
    double span = fmax(hi[0] - lo[0], hi[1] - lo[1]);
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 2; d++) {
            double v = MATRIX(*res, (igraph_integer_t)i, d);
            /* one node, or all on one point: the centre */
            xy[2 * i + d] = span > 0 ? 0.5 + (v - (lo[d] + hi[d]) / 2) / span : 0.5;
        }
}

bilat_status_t bilat_layout_compute(const bilat_graph_t *g, double *xy,
                                    bilat_error_t *err)
{
    if (g->nnodes == 0)
        return BILAT_OK;
    bilat_status_t st = BILAT_OK;
    igraph_matrix_t res;
    /* igraph's default handlers abort and print; the library does neither */
    igraph_error_handler_t *old = igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warning =
        igraph_set_warning_handler(igraph_warning_handler_ignore);
    if (igraph_matrix_init(&res, 0, 0) != IGRAPH_SUCCESS) {
        st =
            bilat_error_set(err, BILAT_ENOMEM, "<memory>", 0, 0, "layout: out of memory");
        goto restore;
    }
    igraph_error_t ie = layout_run(g, &res);
    if (ie != IGRAPH_SUCCESS) {
        st = bilat_error_set(err, ie == IGRAPH_ENOMEM ? BILAT_ENOMEM : BILAT_EGRAPH,
                             "<memory>", 0, 0, "layout: %s", igraph_strerror(ie));
        goto cleanup;
    }
    layout_normalise(&res, g->nnodes, xy);
cleanup:
    igraph_matrix_destroy(&res);
restore:
    igraph_set_warning_handler(old_warning);
    igraph_set_error_handler(old);
    return st;
}
