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

static const char *const measure_attrs[] = {"degree",    "strength",  "betweenness",
                                            "closeness", "harmonic",  "eigenvector",
                                            "pagerank",  "community", "component"};
enum { NMEASURE_ATTRS = sizeof measure_attrs / sizeof *measure_attrs };

/* A count read from a file: a whole number in [0, 1e15], else 0 (a cast of a huge
 * or NaN double to long is undefined). */
static long count_of(double x)
{
    return x >= 0 && x <= 1e15 ? (long)x : 0;
}

/* Sets measure i of v. */
static void node_set_measure(bilat_node_t *v, int i, double x)
{
    switch (i) {
    case 0:
        v->degree = count_of(x);
        break;
    case 1:
        v->strength = x;
        break;
    case 2:
        v->betweenness = x;
        break;
    case 3:
        v->closeness = x;
        break;
    case 4:
        v->harmonic = x;
        break;
    case 5:
        v->eigenvector = x;
        break;
    case 6:
        v->pagerank = x;
        break;
    case 7:
        v->community = count_of(x);
        break;
    default:
        v->component = count_of(x);
        break;
    }
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

/* Sorts the nodes by code; edge endpoints are looked up after this. */
static void sort_nodes(bilat_graph_t *g)
{
    qsort(g->nodes, g->nnodes, sizeof *g->nodes, cmp_node);
}

static bool code_ok(const char *s)
{
    return s && s[0] && strlen(s) < sizeof(((bilat_node_t *)0)->id);
}

/* ---------------------------------------------------------------------------------- */
/* JSON                                                                               */

static double num(const json_t *o, const char *key, bool *present)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_number(v)) {
        *present = false;
        return 0;
    }
    return json_number_value(v);
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
    bilat_status_t st = BILAT_EPARSE;
    if (json_is_object(json_object_get(root, "elements"))) {
        json_t *nl = cytoscape_as_node_link(root);
        json_decref(root);
        if (!nl)
            return bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
        root = nl;
    }
    const json_t *nodes = json_object_get(root, "nodes");
    const json_t *links = json_object_get(root, "links");
    if (!links)
        links = json_object_get(root, "edges");
    if (!json_is_array(nodes) || !json_is_array(links)) {
        bilat_error_set(err, st, path, 0, 0,
                        "not a node-link graph (no nodes and links)");
        goto cleanup;
    }
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
    size_t nn = json_array_size(nodes), ne = json_array_size(links);
    g->nodes = calloc(nn ? nn : 1, sizeof *g->nodes);
    g->edges = calloc(ne ? ne : 1, sizeof *g->edges);
    if (!g->prov.version || !g->prov.options || !g->nodes || !g->edges) {
        st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
        goto cleanup;
    }
    bool analysed = nn > 0;
    for (size_t i = 0; i < nn; i++) {
        const json_t *o = json_array_get(nodes, i);
        const char *id = json_string_value(json_object_get(o, "id"));
        if (!code_ok(id)) {
            bilat_error_set(err, st, path, 0, 0, "node %zu without a valid \"id\"", i);
            goto cleanup;
        }
        bilat_node_t *v = &g->nodes[g->nnodes++];
        snprintf(v->id, sizeof v->id, "%s", id);
        const char *label = json_string_value(json_object_get(o, "label"));
        const char *label_en = json_string_value(json_object_get(o, "label_en"));
        const char *kind = json_string_value(json_object_get(o, "kind"));
        v->label = strdup(label ? label : id);
        v->label_en = strdup(label_en ? label_en : id);
        v->org = kind ? strcmp(kind, "organization") == 0 : bilat_actor_is_org(id);
        v->mentions = (long)json_integer_value(json_object_get(o, "mentions"));
        for (int m = 0; m < NMEASURE_ATTRS; m++)
            node_set_measure(v, m, num(o, measure_attrs[m], &analysed));
        if (!v->label || !v->label_en) {
            st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
            goto cleanup;
        }
    }
    sort_nodes(g);
    for (size_t j = 0; j < ne; j++) {
        const json_t *o = json_array_get(links, j);
        const char *s = json_string_value(json_object_get(o, "source"));
        const char *t = json_string_value(json_object_get(o, "target"));
        size_t si = s ? node_index(g, s) : SIZE_MAX, ti = t ? node_index(g, t) : SIZE_MAX;
        if (si == SIZE_MAX || ti == SIZE_MAX) {
            bilat_error_set(err, st, path, 0, 0, "link %zu between unknown nodes", j);
            goto cleanup;
        }
        bilat_edge_t *e = &g->edges[g->nedges++];
        e->source = !g->directed && ti < si ? ti : si;
        e->target = !g->directed && ti < si ? si : ti;
        bool have = true;
        double w = num(o, "weight", &have);
        e->weight = have && count_of(w) >= 1 ? count_of(w) : 1;
        e->score = num(o, "score", &have);
        e->tone = num(o, "tone", &have);
        for (int k = 0; k < BILAT_NTYPES; k++)
            e->counts[k] = (long)json_integer_value(
                json_object_get(o, bilat_type_attr((bilat_type_t)k)));
        e->docs = (long)json_integer_value(json_object_get(o, "docs"));
        copy_date(e->first_date, json_string_value(json_object_get(o, "first_date")));
        copy_date(e->last_date, json_string_value(json_object_get(o, "last_date")));
        const json_t *dates = json_object_get(o, "dates");
        bool ok = dates_set(e, json_is_array(dates) ? json_array_size(dates) : 0);
        for (size_t d = 0; ok && d < json_array_size(dates); d++) {
            const char *ds = json_string_value(json_array_get(dates, d));
            if (ds)
                dates_add(e, ds, strlen(ds));
        }
        if (!ok || !evidence_from_json(json_object_get(o, "evidence"), e)) {
            st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
            goto cleanup;
        }
    }
    qsort(g->edges, g->nedges, sizeof *g->edges, bilat_edge_cmp);
    g->analysed = analysed;
    st = BILAT_OK;
cleanup:
    json_decref(root);
    return st;
}

/* ---------------------------------------------------------------------------------- */
/* GraphML (igraph's reader, string and numeric attributes via igraph_cattribute_table) */

static double vnum(const igraph_t *ig, const char *name, igraph_integer_t v,
                   bool *present)
{
    if (!igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_VERTEX, name)) {
        *present = false;
        return 0;
    }
    double x = VAN(ig, name, v);
    return isfinite(x) ? x : 0;
}

static const char *vstr(const igraph_t *ig, const char *name, igraph_integer_t v)
{
    return igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_VERTEX, name)
               ? VAS(ig, name, v)
               : NULL;
}

static double enum_(const igraph_t *ig, const char *name, igraph_integer_t e)
{
    if (!igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_EDGE, name))
        return 0;
    double x = EAN(ig, name, e);
    return isfinite(x) ? x : 0;
}

static const char *estr(const igraph_t *ig, const char *name, igraph_integer_t e)
{
    return igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_EDGE, name) ? EAS(ig, name, e)
                                                                       : NULL;
}

static double gnum(const igraph_t *ig, const char *name)
{
    if (!igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_GRAPH, name))
        return 0;
    double x = GAN(ig, name);
    return isfinite(x) ? x : 0;
}

static const char *gstr(const igraph_t *ig, const char *name)
{
    return igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_GRAPH, name) ? GAS(ig, name)
                                                                        : NULL;
}

static bilat_status_t graph_from_igraph(const igraph_t *ig, const char *path,
                                        bilat_graph_t *g, bilat_error_t *err)
{
    igraph_integer_t nn = igraph_vcount(ig), ne = igraph_ecount(ig);
    g->directed = igraph_is_directed(ig);
    const char *version = gstr(ig, "bilat_version"), *options = gstr(ig, "options");
    g->prov.version = strdup(version ? version : "");
    g->prov.options = strdup(options && options[0] ? options : "{}");
    g->prov.events = count_of(gnum(ig, "events"));
    g->prov.keys = count_of(gnum(ig, "keys"));
    g->prov.articles = count_of(gnum(ig, "articles"));
    g->nodes = calloc(nn ? (size_t)nn : 1, sizeof *g->nodes);
    g->edges = calloc(ne ? (size_t)ne : 1, sizeof *g->edges);
    size_t *pos = calloc(nn ? (size_t)nn : 1, sizeof *pos);
    bilat_status_t st = BILAT_ENOMEM;
    if (!g->prov.version || !g->prov.options || !g->nodes || !g->edges || !pos)
        goto cleanup;
    bool analysed = nn > 0;
    for (igraph_integer_t i = 0; i < nn; i++) {
        const char *id = vstr(ig, "id", i);
        if (!code_ok(id)) {
            st = bilat_error_set(err, BILAT_EPARSE, path, 0, 0,
                                 "node %ld without a valid id", (long)i);
            goto cleanup;
        }
        bilat_node_t *v = &g->nodes[g->nnodes++];
        snprintf(v->id, sizeof v->id, "%s", id);
        const char *label = vstr(ig, "label", i), *label_en = vstr(ig, "label_en", i);
        const char *kind = vstr(ig, "kind", i);
        v->label = strdup(label && label[0] ? label : id);
        v->label_en = strdup(label_en && label_en[0] ? label_en : id);
        v->org =
            kind && kind[0] ? strcmp(kind, "organization") == 0 : bilat_actor_is_org(id);
        bool dummy = true;
        v->mentions = count_of(vnum(ig, "mentions", i, &dummy));
        for (int m = 0; m < NMEASURE_ATTRS; m++)
            node_set_measure(v, m, vnum(ig, measure_attrs[m], i, &analysed));
        if (!v->label || !v->label_en)
            goto cleanup;
    }
    sort_nodes(g);
    for (igraph_integer_t i = 0; i < nn; i++)
        pos[i] = node_index(g, vstr(ig, "id", i));
    for (igraph_integer_t j = 0; j < ne; j++) {
        size_t si = pos[IGRAPH_FROM(ig, j)], ti = pos[IGRAPH_TO(ig, j)];
        bilat_edge_t *e = &g->edges[g->nedges++];
        e->source = !g->directed && ti < si ? ti : si;
        e->target = !g->directed && ti < si ? si : ti;
        double w = enum_(ig, "weight", j);
        e->weight = count_of(w) >= 1 ? count_of(w) : 1;
        e->score = enum_(ig, "score", j);
        e->tone = enum_(ig, "tone", j);
        for (int k = 0; k < BILAT_NTYPES; k++)
            e->counts[k] = count_of(enum_(ig, bilat_type_attr((bilat_type_t)k), j));
        e->docs = count_of(enum_(ig, "docs", j));
        copy_date(e->first_date, estr(ig, "first_date", j));
        copy_date(e->last_date, estr(ig, "last_date", j));
        const char *dates = estr(ig, "dates", j);
        size_t n = dates && dates[0] ? 1 : 0;
        for (const char *p = dates; n && *p; p++)
            n += *p == ',';
        if (!dates_set(e, n))
            goto cleanup;
        for (const char *p = dates; n && p;) {
            const char *comma = strchr(p, ',');
            dates_add(e, p, comma ? (size_t)(comma - p) : strlen(p));
            p = comma ? comma + 1 : NULL;
        }
        const char *evidence = estr(ig, "evidence", j);
        json_t *a = evidence && evidence[0] ? json_loads(evidence, 0, NULL) : NULL;
        bool ok = evidence_from_json(a, e);
        json_decref(a);
        if (!ok)
            goto cleanup;
    }
    qsort(g->edges, g->nedges, sizeof *g->edges, bilat_edge_cmp);
    g->analysed = analysed;
    st = BILAT_OK;
cleanup:
    free(pos);
    return st == BILAT_ENOMEM ? bilat_error_set(err, st, path, 0, 0, "out of memory")
                              : st;
}

static bilat_status_t read_graphml(const char *path, FILE *f, bilat_graph_t *g,
                                   bilat_error_t *err)
{
    igraph_t ig;
    igraph_error_handler_t *old_error =
        igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warning =
        igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_error_t ie = igraph_read_graph_graphml(&ig, f, 0);
    igraph_set_warning_handler(old_warning);
    igraph_set_error_handler(old_error);
    if (ie != IGRAPH_SUCCESS)
        return bilat_error_set(err, ie == IGRAPH_ENOMEM ? BILAT_ENOMEM : BILAT_EPARSE,
                               path, 0, 0, "cannot read GraphML: %s",
                               igraph_strerror(ie));
    bilat_status_t st = graph_from_igraph(&ig, path, g, err);
    igraph_destroy(&ig);
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
