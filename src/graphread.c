/* Reading graph files bilat wrote back into a bilat_graph_t: node-link (or Cytoscape.js)
 * JSON with jansson, GraphML with igraph's reader (bilat writes GraphML itself, see
 * export.c).  Nodes are sorted by code and edges by endpoints again, so a file read
 * back writes the same bytes.  The graph counts as analysed when every node carries
 * the measures. */
#include "bilat/bilat.h"
#include "graph_internal.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A count read from a file: a number in [0, 1e15], truncated, else 0 (a cast of a
 * huge or NaN double to long is undefined). */
static long count_of(double x)
{
    return x >= 0 && x <= 1e15 ? (long)x : 0;
}

static int cmp_node(const void *a, const void *b)
{
    return strcmp(((const bilat_node_t *)a)->id, ((const bilat_node_t *)b)->id);
}

/* Index of code among the sorted nodes of g; SIZE_MAX when absent. */
static size_t node_index(const bilat_graph_t *g, const char *code)
{
    bilat_node_t key;
    snprintf(key.id, sizeof key.id, "%s", code);
    const bilat_node_t *p = bsearch(&key, g->nodes, g->nnodes, sizeof key, cmp_node);
    return p ? (size_t)(p - g->nodes) : SIZE_MAX;
}

/* Evidence from a JSON array of {doc, date, sentence} into e. */
static bool evidence_from_json(const json_t *a, bilat_edge_t *e)
{
    size_t n = json_is_array(a) ? json_array_size(a) : 0;
    if (!n)
        return true;
    e->evidence = calloc(n, sizeof *e->evidence);
    if (!e->evidence)
        return false;
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(a, i);
        const char *doc = json_string_value(json_object_get(o, "doc"));
        const char *date = json_string_value(json_object_get(o, "date"));
        const char *sentence = json_string_value(json_object_get(o, "sentence"));
        bilat_evidence_t *x = &e->evidence[e->nevidence++];
        x->doc = strdup(doc ? doc : "");
        x->date = date && date[0] ? strdup(date) : NULL;
        x->sentence = strdup(sentence ? sentence : "");
        if (!x->doc || !x->sentence || (date && date[0] && !x->date))
            return false;
    }
    return true;
}

/* Room for n dates in e (filled by dates_add()). */
static bool dates_set(bilat_edge_t *e, size_t n)
{
    if (!n)
        return true;
    e->dates = calloc(n, sizeof *e->dates);
    return e->dates != NULL;
}

/* Appends date[0..len-1] to e when it is a valid date (room made by dates_set()). */
static void dates_add(bilat_edge_t *e, const char *date, size_t len)
{
    if (len == 10) {
        char d[11];
        memcpy(d, date, 10);
        d[10] = '\0';
        if (bilat_date_valid(d))
            memcpy(e->dates[e->ndates++], d, 11);
    }
}

static void copy_date(char dst[11], const char *s)
{
    snprintf(dst, 11, "%s", s && bilat_date_valid(s) ? s : "");
}

static bool code_ok(const char *s)
{
    return s && s[0] && strlen(s) < sizeof(((bilat_node_t *)0)->id);
}

/* ---------------------------------------------------------------------------------- */
/* What both formats share: nodes and edges read attribute by attribute               */

/* A graph file's nodes and edges, read by attribute name whatever the format. */
typedef struct reader {
    const void *src;
    /* Number attribute name of edge i (edge true) or node i: 0 with *present false
     * when absent, 0 when not finite. */
    double (*num)(const void *src, bool edge, size_t i, const char *name, bool *present);
    /* String attribute name of edge or node i; NULL when absent. */
    const char *(*str)(const void *src, bool edge, size_t i, const char *name);
    /* The dates and evidence of edge i into e; false when out of memory. */
    bool (*lists)(const void *src, size_t i, bilat_edge_t *e);
} reader_t;

/* Node i of r into v (the id checked by the caller); *analysed becomes false when a
 * measure that the analysis computes is absent (mentions come from the aggregation).
 * false when out of memory. */
static bool node_read(const reader_t *r, size_t i, const char *id, bilat_node_t *v,
                      bool *analysed)
{
    snprintf(v->id, sizeof v->id, "%s", id);
    const char *label = r->str(r->src, false, i, "label");
    const char *label_en = r->str(r->src, false, i, "label_en");
    const char *kind = r->str(r->src, false, i, "kind");
    v->label = strdup(label && label[0] ? label : id);
    v->label_en = strdup(label_en && label_en[0] ? label_en : id);
    v->org = kind && kind[0] ? strcmp(kind, "organization") == 0 : bilat_actor_is_org(id);
    for (int k = 0; k < BILAT_NMEASURES; k++) {
        bilat_measure_t m = (bilat_measure_t)k;
        bool present = true;
        bilat_measure_set(v, m,
                          r->num(r->src, false, i, bilat_measure_name(m), &present));
        if (!present && m != BILAT_MEASURE_MENTIONS)
            *analysed = false;
    }
    return v->label && v->label_en;
}

/* The attributes of edge i of r into e (its ends are set by the caller); false when
 * out of memory.  An absent number reads as 0, an absent weight as 1. */
static bool edge_read(const reader_t *r, size_t i, bilat_edge_t *e)
{
    bool present = true;
    long w = count_of(r->num(r->src, true, i, "weight", &present));
    e->weight = w >= 1 ? w : 1;
    e->score = r->num(r->src, true, i, "score", &present);
    e->tone = r->num(r->src, true, i, "tone", &present);
    for (int k = 0; k < BILAT_NTYPES; k++)
        e->counts[k] =
            count_of(r->num(r->src, true, i, bilat_type_attr((bilat_type_t)k), &present));
    e->docs = count_of(r->num(r->src, true, i, "docs", &present));
    copy_date(e->first_date, r->str(r->src, true, i, "first_date"));
    copy_date(e->last_date, r->str(r->src, true, i, "last_date"));
    return r->lists(r->src, i, e);
}

/* Reads the nn nodes of r into g (allocated for them), sorted by code.  Fails with
 * BILAT_EPARSE (a node without a valid id, or an id twice) or BILAT_ENOMEM. */
static bilat_status_t nodes_read(const reader_t *r, size_t nn, const char *path,
                                 bilat_graph_t *g, bilat_error_t *err)
{
    bool analysed = nn > 0;
    for (size_t i = 0; i < nn; i++) {
        const char *id = r->str(r->src, false, i, "id");
        if (!code_ok(id))
            return bilat_error_set(err, BILAT_EPARSE, path, 0, 0,
                                   "node %zu without a valid \"id\"", i);
        if (!node_read(r, i, id, &g->nodes[g->nnodes++], &analysed))
            return bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
    }
    qsort(g->nodes, g->nnodes, sizeof *g->nodes, cmp_node);
    for (size_t i = 1; i < g->nnodes; i++)
        if (strcmp(g->nodes[i - 1].id, g->nodes[i].id) == 0)
            return bilat_error_set(err, BILAT_EPARSE, path, 0, 0, "node %s twice",
                                   g->nodes[i].id);
    g->analysed = analysed;
    return BILAT_OK;
}

/* Adds edge i of r between nodes s and t (indices into the sorted nodes; in canonical
 * order when undirected) to g; false when out of memory. */
static bool edge_add(const reader_t *r, size_t i, size_t s, size_t t, bilat_graph_t *g)
{
    bilat_edge_t *e = &g->edges[g->nedges++];
    e->source = !g->directed && t < s ? t : s;
    e->target = !g->directed && t < s ? s : t;
    return edge_read(r, i, e);
}

/* ---------------------------------------------------------------------------------- */
/* JSON                                                                               */

typedef struct json_src {
    const json_t *nodes, *links;
} json_src_t;

static const json_t *json_element(const void *src, bool edge, size_t i)
{
    const json_src_t *s = src;
    return json_array_get(edge ? s->links : s->nodes, i);
}

static double json_num(const void *src, bool edge, size_t i, const char *name,
                       bool *present)
{
    const json_t *v = json_object_get(json_element(src, edge, i), name);
    if (!json_is_number(v)) {
        *present = false;
        return 0;
    }
    return json_number_value(v);
}

static const char *json_str(const void *src, bool edge, size_t i, const char *name)
{
    return json_string_value(json_object_get(json_element(src, edge, i), name));
}

static bool json_lists(const void *src, size_t i, bilat_edge_t *e)
{
    const json_t *o = json_element(src, true, i);
    const json_t *dates = json_object_get(o, "dates");
    if (!dates_set(e, json_array_size(dates)))
        return false;
    for (size_t d = 0; d < json_array_size(dates); d++) {
        const char *ds = json_string_value(json_array_get(dates, d));
        if (ds)
            dates_add(e, ds, strlen(ds));
    }
    return evidence_from_json(json_object_get(o, "evidence"), e);
}

/* bilat's Cytoscape.js JSON ({data, directed, elements: {nodes, edges}}) as node-link:
 * the same attributes, in each element's "data".  NULL when out of memory. */
static json_t *cytoscape_as_node_link(const json_t *root)
{
    const json_t *elements = json_object_get(root, "elements");
    json_t *nl = json_pack("{s:O?, s:O?, s:[], s:[]}", "directed",
                           json_object_get(root, "directed"), "graph",
                           json_object_get(root, "data"), "nodes", "links");
    static const char *const kinds[][2] = {{"nodes", "nodes"}, {"edges", "links"}};
    for (int k = 0; nl && k < 2; k++) {
        const json_t *from = json_object_get(elements, kinds[k][0]);
        json_t *to = json_object_get(nl, kinds[k][1]);
        for (size_t i = 0; i < json_array_size(from); i++) {
            json_t *data = json_object_get(json_array_get(from, i), "data");
            if (data && json_array_append(to, data) != 0) {
                json_decref(nl);
                return NULL;
            }
        }
    }
    return nl;
}

static bilat_status_t read_json(const char *path, bilat_graph_t *g, bilat_error_t *err)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root)
        return bilat_error_set(err, BILAT_EPARSE, path, je.line, je.column, "%s",
                               je.text);
    bilat_status_t st;
    if (json_is_object(json_object_get(root, "elements"))) {
        json_t *nl = cytoscape_as_node_link(root);
        json_decref(root);
        if (!nl)
            return bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
        root = nl;
    }
    json_src_t src = {json_object_get(root, "nodes"), json_object_get(root, "links")};
    if (!src.links)
        src.links = json_object_get(root, "edges");
    if (!json_is_array(src.nodes) || !json_is_array(src.links)) {
        st = bilat_error_set(err, BILAT_EPARSE, path, 0, 0,
                             "not a node-link graph (no nodes and links)");
        goto cleanup;
    }
    const reader_t r = {&src, json_num, json_str, json_lists};
    g->directed = json_is_true(json_object_get(root, "directed"));
    const json_t *prov = json_object_get(root, "graph");
    const char *version = json_string_value(json_object_get(prov, "bilat_version"));
    const json_t *options = json_object_get(prov, "options");
    g->prov.version = strdup(version ? version : "");
    g->prov.options = json_is_object(options)
                          ? json_dumps(options, JSON_COMPACT | JSON_SORT_KEYS)
                          : strdup("{}");
    g->prov.events = (long)json_integer_value(json_object_get(prov, "events"));
    g->prov.keys = (long)json_integer_value(json_object_get(prov, "keys"));
    g->prov.articles = (long)json_integer_value(json_object_get(prov, "articles"));
    size_t nn = json_array_size(src.nodes), ne = json_array_size(src.links);
    g->nodes = calloc(nn ? nn : 1, sizeof *g->nodes);
    g->edges = calloc(ne ? ne : 1, sizeof *g->edges);
    if (!g->prov.version || !g->prov.options || !g->nodes || !g->edges) {
        st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
        goto cleanup;
    }
    st = nodes_read(&r, nn, path, g, err);
    for (size_t j = 0; st == BILAT_OK && j < ne; j++) {
        const char *s = json_str(&src, true, j, "source");
        const char *t = json_str(&src, true, j, "target");
        size_t si = s ? node_index(g, s) : SIZE_MAX, ti = t ? node_index(g, t) : SIZE_MAX;
        if (si == SIZE_MAX || ti == SIZE_MAX)
            st = bilat_error_set(err, BILAT_EPARSE, path, 0, 0,
                                 "link %zu between unknown nodes", j);
        else if (!edge_add(&r, j, si, ti, g))
            st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
    }
    if (st == BILAT_OK)
        qsort(g->edges, g->nedges, sizeof *g->edges, bilat_edge_cmp);
cleanup:
    json_decref(root);
    return st;
}

/* ---------------------------------------------------------------------------------- */
/* GraphML (igraph's reader, string and numeric attributes via igraph_cattribute_table) */

/* true when ig has an attribute called name, for the graph, its vertices or edges
 * (elem), of this type: igraph's getters read any attribute as the type they are
 * asked for, and a string read as a number (or the reverse) is garbage. */
static bool has_attr(const igraph_t *ig, igraph_attribute_elemtype_t elem,
                     const char *name, igraph_attribute_type_t type)
{
    igraph_attribute_type_t t;
    return igraph_cattribute_has_attr(ig, elem, name) &&
           igraph_cattribute_table.gettype(ig, &t, elem, name) == IGRAPH_SUCCESS &&
           t == type;
}

static double graphml_num(const void *src, bool edge, size_t i, const char *name,
                          bool *present)
{
    const igraph_t *ig = src;
    if (!has_attr(ig, edge ? IGRAPH_ATTRIBUTE_EDGE : IGRAPH_ATTRIBUTE_VERTEX, name,
                  IGRAPH_ATTRIBUTE_NUMERIC)) {
        *present = false;
        return 0;
    }
    double x =
        edge ? EAN(ig, name, (igraph_integer_t)i) : VAN(ig, name, (igraph_integer_t)i);
    return isfinite(x) ? x : 0;
}

static const char *graphml_str(const void *src, bool edge, size_t i, const char *name)
{
    const igraph_t *ig = src;
    if (!has_attr(ig, edge ? IGRAPH_ATTRIBUTE_EDGE : IGRAPH_ATTRIBUTE_VERTEX, name,
                  IGRAPH_ATTRIBUTE_STRING))
        return NULL;
    return edge ? EAS(ig, name, (igraph_integer_t)i) : VAS(ig, name, (igraph_integer_t)i);
}

/* Dates are comma-joined, the evidence is JSON text (export.c). */
static bool graphml_lists(const void *src, size_t i, bilat_edge_t *e)
{
    const char *dates = graphml_str(src, true, i, "dates");
    size_t n = dates && dates[0] ? 1 : 0;
    for (const char *p = dates; n && *p; p++)
        n += *p == ',';
    if (!dates_set(e, n))
        return false;
    for (const char *p = dates; n && p;) {
        const char *comma = strchr(p, ',');
        dates_add(e, p, comma ? (size_t)(comma - p) : strlen(p));
        p = comma ? comma + 1 : NULL;
    }
    const char *evidence = graphml_str(src, true, i, "evidence");
    json_t *a = evidence && evidence[0] ? json_loads(evidence, 0, NULL) : NULL;
    bool ok = evidence_from_json(a, e);
    json_decref(a);
    return ok;
}

static double graph_num(const igraph_t *ig, const char *name)
{
    return has_attr(ig, IGRAPH_ATTRIBUTE_GRAPH, name, IGRAPH_ATTRIBUTE_NUMERIC)
               ? GAN(ig, name)
               : 0;
}

static const char *graph_str(const igraph_t *ig, const char *name)
{
    return has_attr(ig, IGRAPH_ATTRIBUTE_GRAPH, name, IGRAPH_ATTRIBUTE_STRING)
               ? GAS(ig, name)
               : NULL;
}

static bilat_status_t graph_from_igraph(const igraph_t *ig, const char *path,
                                        bilat_graph_t *g, bilat_error_t *err)
{
    const reader_t r = {ig, graphml_num, graphml_str, graphml_lists};
    size_t nn = (size_t)igraph_vcount(ig), ne = (size_t)igraph_ecount(ig);
    g->directed = igraph_is_directed(ig);
    const char *version = graph_str(ig, "bilat_version"),
               *options = graph_str(ig, "options");
    g->prov.version = strdup(version ? version : "");
    g->prov.options = strdup(options && options[0] ? options : "{}");
    g->prov.events = count_of(graph_num(ig, "events"));
    g->prov.keys = count_of(graph_num(ig, "keys"));
    g->prov.articles = count_of(graph_num(ig, "articles"));
    g->nodes = calloc(nn ? nn : 1, sizeof *g->nodes);
    g->edges = calloc(ne ? ne : 1, sizeof *g->edges);
    size_t *pos = calloc(nn ? nn : 1, sizeof *pos); /* igraph vertex -> sorted node */
    bilat_status_t st;
    if (!g->prov.version || !g->prov.options || !g->nodes || !g->edges || !pos) {
        st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
        goto cleanup;
    }
    st = nodes_read(&r, nn, path, g, err);
    for (size_t i = 0; st == BILAT_OK && i < nn; i++)
        pos[i] = node_index(g, graphml_str(ig, false, i, "id"));
    for (size_t j = 0; st == BILAT_OK && j < ne; j++)
        if (!edge_add(&r, j, pos[IGRAPH_FROM(ig, j)], pos[IGRAPH_TO(ig, j)], g))
            st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
    if (st == BILAT_OK)
        qsort(g->edges, g->nedges, sizeof *g->edges, bilat_edge_cmp);
cleanup:
    free(pos);
    return st;
}

static bilat_status_t read_graphml(const char *path, FILE *f, bilat_graph_t *g,
                                   bilat_error_t *err)
{
    igraph_t ig;
    /* igraph's default handlers abort and print; the library does neither */
    igraph_error_handler_t *old_error =
        igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warning =
        igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_error_t ie = igraph_read_graph_graphml(&ig, f, 0);
    bilat_status_t st;
    if (ie != IGRAPH_SUCCESS) {
        st = bilat_error_set(err, ie == IGRAPH_ENOMEM ? BILAT_ENOMEM : BILAT_EPARSE, path,
                             0, 0, "cannot read GraphML: %s", igraph_strerror(ie));
    } else {
        st = graph_from_igraph(&ig, path, g, err);
        igraph_destroy(&ig);
    }
    igraph_set_warning_handler(old_warning);
    igraph_set_error_handler(old_error);
    return st;
}

bilat_status_t bilat_graph_read_file(const char *path, bilat_graph_t **out,
                                     bilat_error_t *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return bilat_error_set(err, BILAT_EIO, path, 0, 0, "%s", strerror(errno));
    /* told apart by content: JSON starts with '{', XML with '<' (after a BOM/space) */
    int c;
    while ((c = fgetc(f)) == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF ||
           c == 0xBB || c == 0xBF)
        ;
    bilat_graph_t *g = calloc(1, sizeof *g);
    bilat_status_t st;
    if (!g)
        st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
    else if (c == '{')
        st = read_json(path, g, err);
    else if (c == '<' && fseek(f, 0, SEEK_SET) == 0)
        st = read_graphml(path, f, g, err);
    else
        st = bilat_error_set(err, BILAT_EPARSE, path, 0, 0,
                             "not a graph file bilat wrote (node-link JSON or GraphML)");
    fclose(f);
    if (st != BILAT_OK) {
        bilat_graph_free(g);
        return st;
    }
    *out = g;
    return BILAT_OK;
}
