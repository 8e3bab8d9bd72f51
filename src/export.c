/* Writers: node-link JSON and Cytoscape.js JSON (jansson), GraphML, GEXF 1.2draft,
 * CSV and DOT (small escaping writers of our own), the HTML report (view.c), and the
 * ranking / ego tables of `bilat analyze`.
 *
 * Every format carries every node and edge attribute and the provenance; a node's id
 * is its code.  Reals are written so they read back exactly: jansson with 17
 * significant digits, our own writers with the shortest form that round-trips
 * (igraph's GraphML writer keeps 15 digits, types every number as double and names
 * nodes n0, n1…, hence our own).  Missing dates are empty strings, never absent. */
#include "bilat/bilat.h"
#include "graph_internal.h"
#include "util.h"
#include "view_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unistd.h>

#define JSON_FLAGS (JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(17))

static const char *const format_names[] = {"json", "cytoscape", "graphml", "gexf",
                                           "dot",  "csv",       "html"};

const char *bilat_format_string(bilat_format_t f)
{
    return (unsigned)f < BILAT_FORMAT_UNKNOWN ? format_names[f] : "unknown";
}

bilat_format_t bilat_format_parse(const char *name)
{
    for (int f = 0; f < BILAT_FORMAT_UNKNOWN; f++)
        if (strcmp(name, format_names[f]) == 0)
            return (bilat_format_t)f;
    return BILAT_FORMAT_UNKNOWN;
}

bilat_format_t bilat_format_from_path(const char *path)
{
    static const struct {
        const char *ext;
        bilat_format_t f;
    } exts[] = {{".json", BILAT_FORMAT_JSON}, {".graphml", BILAT_FORMAT_GRAPHML},
                {".gexf", BILAT_FORMAT_GEXF}, {".dot", BILAT_FORMAT_DOT},
                {".csv", BILAT_FORMAT_CSV},   {".html", BILAT_FORMAT_HTML},
                {".htm", BILAT_FORMAT_HTML}};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t k = strlen(exts[i].ext);
        if (n > k && strcasecmp(path + n - k, exts[i].ext) == 0)
            return exts[i].f;
    }
    return BILAT_FORMAT_UNKNOWN;
}

/* ---------------------------------------------------------------------------------- */
/* Attribute tables shared by the writers                                             */

static const char *kind_string(const bilat_node_t *v)
{
    return v->org ? "organization" : "state";
}

/* true for the measures that are real numbers (the others are counts). */
static bool measure_is_real(bilat_measure_t m)
{
    return m >= BILAT_MEASURE_STRENGTH && m <= BILAT_MEASURE_PAGERANK;
}

/* The shortest decimal form of x that reads back as x (at most 17 digits). */
static void fmt_real(char buf[32], double x)
{
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, 32, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

/* json_object_set_new / json_array_append_new that note a failure in *ok (the value is
 * released either way), so no document is ever written with a part missing. */
static void set(json_t *o, const char *key, json_t *v, bool *ok)
{
    *ok &= json_object_set_new(o, key, v) == 0;
}

static void append(json_t *a, json_t *v, bool *ok)
{
    *ok &= json_array_append_new(a, v) == 0;
}

/* o when every part went in, else NULL (o released). */
static json_t *complete(json_t *o, bool ok)
{
    if (ok)
        return o;
    json_decref(o);
    return NULL;
}

/* The evidence of e as a JSON array of {doc, date, sentence} ("" for no date). */
static json_t *evidence_json(const bilat_edge_t *e)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < e->nevidence; i++) {
        const bilat_evidence_t *x = &e->evidence[i];
        append(a,
               json_pack("{s:s, s:s, s:s}", "doc", x->doc, "date", x->date ? x->date : "",
                         "sentence", x->sentence),
               &ok);
    }
    return complete(a, ok);
}

/* j as compact JSON text, for formats whose attributes are strings (evidence) or that
 * hold the provenance in a comment.  Takes j (NULL gives NULL).  Caller frees with
 * free(); NULL when out of memory. */
static char *json_text_take(json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(j);
    return s;
}

/* The dates of e joined by commas.  Caller frees; NULL when out of memory. */
static char *dates_text(const bilat_edge_t *e)
{
    bilat_buf_t b;
    bilat_buf_init(&b);
    bool ok = bilat_buf_puts(&b, "");
    for (size_t i = 0; ok && i < e->ndates; i++)
        ok = (!i || bilat_buf_putc(&b, ',')) && bilat_buf_puts(&b, e->dates[i]);
    return bilat_buf_finish(&b, ok);
}

/* The provenance as a JSON object: bilat_version, options, events, keys, articles. */
static json_t *provenance_json(const bilat_graph_t *g)
{
    json_t *options = g->prov.options ? json_loads(g->prov.options, 0, NULL) : NULL;
    return json_pack("{s:s, s:o, s:I, s:I, s:I}", "bilat_version",
                     g->prov.version ? g->prov.version : BILAT_VERSION, "options",
                     options ? options : json_object(), "events",
                     (json_int_t)g->prov.events, "keys", (json_int_t)g->prov.keys,
                     "articles", (json_int_t)g->prov.articles);
}

static json_t *node_json(const bilat_node_t *v)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", v->id, "label",
                          v->label ? v->label : v->id, "label_en",
                          v->label_en ? v->label_en : v->id, "kind", kind_string(v));
    bool ok = o != NULL;
    for (int i = 0; ok && i < BILAT_NMEASURES; i++) {
        bilat_measure_t m = (bilat_measure_t)i;
        double x = bilat_measure_get(v, m);
        set(o, bilat_measure_name(m),
            measure_is_real(m) ? json_real(x) : json_integer((json_int_t)x), &ok);
    }
    return complete(o, ok);
}

/* The edge's attributes (not its endpoints). */
static json_t *edge_json(const bilat_edge_t *e)
{
    json_t *dates = json_array();
    bool ok = dates != NULL;
    for (size_t i = 0; ok && i < e->ndates; i++)
        append(dates, json_string(e->dates[i]), &ok);
    json_t *o = json_pack("{s:I, s:f, s:f, s:I, s:s, s:s, s:o, s:o}", "weight",
                          (json_int_t)e->weight, "score", e->score, "tone", e->tone,
                          "docs", (json_int_t)e->docs, "first_date", e->first_date,
                          "last_date", e->last_date, "dates", complete(dates, ok),
                          "evidence", evidence_json(e));
    ok = o != NULL;
    for (int t = 0; ok && t < BILAT_NTYPES; t++)
        set(o, bilat_type_attr((bilat_type_t)t), json_integer(e->counts[t]), &ok);
    return complete(o, ok);
}

/* Dumps j (stolen) to out. */
static bilat_status_t dump_json(json_t *j, FILE *out, bilat_error_t *err)
{
    if (!j)
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    int rc = json_dumpf(j, out, JSON_FLAGS);
    json_decref(j);
    if (rc != 0 || fputc('\n', out) == EOF)
        return bilat_error_set(err, BILAT_EIO, NULL, 0, 0, "write error");
    return BILAT_OK;
}

/* networkx node_link_data layout (and D3's). */
static json_t *node_link_json(const bilat_graph_t *g)
{
    json_t *nodes = json_array(), *links = json_array();
    bool ok = nodes && links;
    for (size_t i = 0; ok && i < g->nnodes; i++)
        append(nodes, node_json(&g->nodes[i]), &ok);
    for (size_t j = 0; ok && j < g->nedges; j++) {
        const bilat_edge_t *e = &g->edges[j];
        json_t *o = edge_json(e);
        set(o, "source", json_string(g->nodes[e->source].id), &ok);
        set(o, "target", json_string(g->nodes[e->target].id), &ok);
        append(links, o, &ok);
    }
    return json_pack("{s:b, s:b, s:o, s:o, s:o}", "directed", g->directed, "multigraph",
                     0, "graph", provenance_json(g), "nodes", complete(nodes, ok),
                     "links", complete(links, ok));
}

/* Cytoscape.js: {"data": provenance, "directed", "multigraph", "elements": {"nodes":
 * [{"data": …}], "edges": [{"data": …}]}}, which networkx's cytoscape_graph() reads. */
static json_t *cytoscape_json(const bilat_graph_t *g)
{
    json_t *nodes = json_array(), *edges = json_array();
    bool ok = nodes && edges;
    for (size_t i = 0; ok && i < g->nnodes; i++) {
        /* "name" is what Cytoscape shows; "value" is the node for networkx's
         * cytoscape_graph() */
        const bilat_node_t *v = &g->nodes[i];
        json_t *o = node_json(v);
        set(o, "name", json_string(v->label ? v->label : v->id), &ok);
        set(o, "value", json_string(v->id), &ok);
        append(nodes, json_pack("{s:o}", "data", o), &ok);
    }
    for (size_t j = 0; ok && j < g->nedges; j++) {
        const bilat_edge_t *e = &g->edges[j];
        json_t *o = edge_json(e);
        char id[32];
        snprintf(id, sizeof id, "e%zu", j);
        set(o, "id", json_string(id), &ok);
        set(o, "source", json_string(g->nodes[e->source].id), &ok);
        set(o, "target", json_string(g->nodes[e->target].id), &ok);
        append(edges, json_pack("{s:o}", "data", o), &ok);
    }
    return json_pack("{s:o, s:b, s:b, s:{s:o, s:o}}", "data", provenance_json(g),
                     "directed", g->directed, "multigraph", 0, "elements", "nodes",
                     complete(nodes, ok), "edges", complete(edges, ok));
}

/* ---------------------------------------------------------------------------------- */
/* XML (GraphML, GEXF)                                                                */

/* XML's escaping serves the HTML report too (graph_internal.h): every attribute value
 * bilat writes is double-quoted, so "'" needs no entity in either. */
void bilat_markup_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\n':
            fputs("&#10;", out);
            break;
        case '\r':
            fputs("&#13;", out);
            break;
        case '\t':
            fputs("&#9;", out);
            break;
        default:
            if (c < 0x20)
                fputs("\xEF\xBF\xBD", out);
            else
                fputc(c, out);
        }
    }
}

/* The node attributes after id, in output order: three strings, then the measures
 * (counts typed long, reals double, in GraphML and GEXF alike). */
enum { NNODE_STRINGS = 3 };
static const char *const node_strings[NNODE_STRINGS] = {"label", "label_en", "kind"};
static const bilat_measure_t node_measures[] = {
    BILAT_MEASURE_MENTIONS,    BILAT_MEASURE_DEGREE,    BILAT_MEASURE_STRENGTH,
    BILAT_MEASURE_BETWEENNESS, BILAT_MEASURE_CLOSENESS, BILAT_MEASURE_HARMONIC,
    BILAT_MEASURE_EIGENVECTOR, BILAT_MEASURE_PAGERANK,  BILAT_MEASURE_COMMUNITY,
    BILAT_MEASURE_COMPONENT};
enum { NNODE_ATTRS = NNODE_STRINGS + sizeof node_measures / sizeof *node_measures };

static const char *node_attr_name(int i)
{
    return i < NNODE_STRINGS ? node_strings[i]
                             : bilat_measure_name(node_measures[i - NNODE_STRINGS]);
}

static const char *node_attr_type(int i)
{
    if (i < NNODE_STRINGS)
        return "string";
    return measure_is_real(node_measures[i - NNODE_STRINGS]) ? "double" : "long";
}

/* Edge attributes after weight, score, tone and the type counts. */
static const char *const edge_tail[] = {"docs", "first_date", "last_date", "dates",
                                        "evidence"};

/* The value of node attribute i of v as text into buf (or a borrowed string). */
static const char *node_attr_text(const bilat_node_t *v, int i, char buf[32])
{
    if (i == 0)
        return v->label ? v->label : v->id;
    if (i == 1)
        return v->label_en ? v->label_en : v->id;
    if (i == 2)
        return kind_string(v);
    bilat_measure_t m = node_measures[i - NNODE_STRINGS];
    if (measure_is_real(m))
        fmt_real(buf, bilat_measure_get(v, m));
    else
        snprintf(buf, 32, "%.0f", bilat_measure_get(v, m));
    return buf;
}

/* An edge's attribute values as text, in the order: weight, score, tone, counts…,
 * docs, first_date, last_date, dates, evidence.  Caller-owned: edge_texts_init(),
 * edge_texts_destroy(). */
enum { NEDGE_ATTRS = BILAT_NTYPES + 8 };
typedef struct edge_texts {
    const char *s[NEDGE_ATTRS]; /* into buf, e, dates or evidence */
    char buf[NEDGE_ATTRS][32];
    char *dates, *evidence;
} edge_texts_t;

static void edge_texts_destroy(edge_texts_t *t)
{
    free(t->evidence);
    free(t->dates);
}

/* false when out of memory (t then holds nothing to destroy). */
static bool edge_texts_init(edge_texts_t *t, const bilat_edge_t *e)
{
    t->dates = dates_text(e);
    t->evidence = json_text_take(evidence_json(e));
    if (!t->dates || !t->evidence) {
        edge_texts_destroy(t);
        return false;
    }
    int k = 0;
    snprintf(t->buf[k], 32, "%ld", e->weight);
    t->s[k] = t->buf[k];
    k++;
    fmt_real(t->buf[k], e->score);
    t->s[k] = t->buf[k];
    k++;
    fmt_real(t->buf[k], e->tone);
    t->s[k] = t->buf[k];
    k++;
    for (int c = 0; c < BILAT_NTYPES; c++, k++) {
        snprintf(t->buf[k], 32, "%ld", e->counts[c]);
        t->s[k] = t->buf[k];
    }
    snprintf(t->buf[k], 32, "%ld", e->docs);
    t->s[k] = t->buf[k];
    k++;
    t->s[k++] = e->first_date;
    t->s[k++] = e->last_date;
    t->s[k++] = t->dates;
    t->s[k] = t->evidence;
    return true;
}

static const char *edge_attr_name(int k)
{
    static const char *const head[] = {"weight", "score", "tone"};
    if (k < 3)
        return head[k];
    if (k < 3 + BILAT_NTYPES)
        return bilat_type_attr((bilat_type_t)(k - 3));
    return edge_tail[k - 3 - BILAT_NTYPES];
}

static const char *edge_attr_graphml_type(int k)
{
    if (k == 1 || k == 2)
        return "double";
    if (k < 3 + BILAT_NTYPES + 1)
        return "long";
    return "string";
}

static bilat_status_t write_graphml(const bilat_graph_t *g, FILE *out, bilat_error_t *err)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          out);
    static const char *const gkeys[][2] = {{"bilat_version", "string"},
                                           {"options", "string"},
                                           {"events", "long"},
                                           {"keys", "long"},
                                           {"articles", "long"}};
    for (size_t i = 0; i < 5; i++)
        fprintf(out,
                "  <key id=\"g_%s\" for=\"graph\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                gkeys[i][0], gkeys[i][0], gkeys[i][1]);
    for (int i = 0; i < NNODE_ATTRS; i++)
        fprintf(out,
                "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                node_attr_name(i), node_attr_name(i), node_attr_type(i));
    for (int k = 0; k < NEDGE_ATTRS; k++)
        fprintf(out,
                "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                edge_attr_name(k), edge_attr_name(k), edge_attr_graphml_type(k));
    fprintf(out, "  <graph id=\"bilat\" edgedefault=\"%s\">\n",
            g->directed ? "directed" : "undirected");
    fputs("    <data key=\"g_bilat_version\">", out);
    bilat_markup_escape(out, g->prov.version ? g->prov.version : BILAT_VERSION);
    fputs("</data>\n    <data key=\"g_options\">", out);
    bilat_markup_escape(out, g->prov.options ? g->prov.options : "{}");
    fprintf(out,
            "</data>\n    <data key=\"g_events\">%ld</data>\n"
            "    <data key=\"g_keys\">%ld</data>\n"
            "    <data key=\"g_articles\">%ld</data>\n",
            g->prov.events, g->prov.keys, g->prov.articles);
    for (size_t i = 0; i < g->nnodes; i++) {
        const bilat_node_t *v = &g->nodes[i];
        fputs("    <node id=\"", out);
        bilat_markup_escape(out, v->id);
        fputs("\">\n", out);
        for (int a = 0; a < NNODE_ATTRS; a++) {
            char buf[32];
            fprintf(out, "      <data key=\"n_%s\">", node_attr_name(a));
            bilat_markup_escape(out, node_attr_text(v, a, buf));
            fputs("</data>\n", out);
        }
        fputs("    </node>\n", out);
    }
    bilat_status_t st = BILAT_OK;
    for (size_t j = 0; j < g->nedges && st == BILAT_OK; j++) {
        const bilat_edge_t *e = &g->edges[j];
        edge_texts_t t;
        if (!edge_texts_init(&t, e)) {
            st = bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        fputs("    <edge source=\"", out);
        bilat_markup_escape(out, g->nodes[e->source].id);
        fputs("\" target=\"", out);
        bilat_markup_escape(out, g->nodes[e->target].id);
        fputs("\">\n", out);
        for (int k = 0; k < NEDGE_ATTRS; k++) {
            fprintf(out, "      <data key=\"e_%s\">", edge_attr_name(k));
            bilat_markup_escape(out, t.s[k]);
            fputs("</data>\n", out);
        }
        fputs("    </edge>\n", out);
        edge_texts_destroy(&t);
    }
    fputs("  </graph>\n</graphml>\n", out);
    return st;
}

/* An edge label for Gephi: its nonzero type counts, e.g. "agree 2, consult 1". */
static void types_summary(const bilat_edge_t *e, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int t = 0; t < BILAT_NTYPES; t++) {
        if (!e->counts[t])
            continue;
        int n = snprintf(buf + used, size - used, "%s%s %ld", used ? ", " : "",
                         bilat_type_attr((bilat_type_t)t), e->counts[t]);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static bilat_status_t write_gexf(const bilat_graph_t *g, FILE *out, bilat_error_t *err)
{
    bool dynamic = false;
    for (size_t j = 0; j < g->nedges; j++)
        dynamic |= g->edges[j].ndates > 0;
    char *prov = json_text_take(provenance_json(g));
    if (!prov)
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://www.gexf.net/1.2draft "
          "http://www.gexf.net/1.2draft/gexf.xsd\" version=\"1.2\">\n"
          "  <meta>\n    <creator>bilat ",
          out);
    bilat_markup_escape(out, g->prov.version ? g->prov.version : BILAT_VERSION);
    fputs("</creator>\n    <description>", out);
    bilat_markup_escape(out, prov);
    free(prov);
    fputs("</description>\n  </meta>\n", out);
    /* a dynamic graph with one spell per event date plays on Gephi's timeline */
    fprintf(out, "  <graph defaultedgetype=\"%s\" mode=\"%s\"%s>\n",
            g->directed ? "directed" : "undirected", dynamic ? "dynamic" : "static",
            dynamic ? " timeformat=\"date\"" : "");
    fputs("    <attributes class=\"node\" mode=\"static\">\n", out);
    for (int i = 1; i < NNODE_ATTRS; i++)
        fprintf(out, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                node_attr_name(i), node_attr_name(i), node_attr_type(i));
    fputs("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n", out);
    /* weight is the edge's own XML attribute */
    for (int k = 1; k < NEDGE_ATTRS; k++) {
        const char *type = edge_attr_graphml_type(k);
        fprintf(out, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                edge_attr_name(k), edge_attr_name(k), type);
    }
    fputs("    </attributes>\n    <nodes>\n", out);
    for (size_t i = 0; i < g->nnodes; i++) {
        const bilat_node_t *v = &g->nodes[i];
        fputs("      <node id=\"", out);
        bilat_markup_escape(out, v->id);
        fputs("\" label=\"", out);
        bilat_markup_escape(out, v->label ? v->label : v->id);
        fputs("\">\n        <attvalues>\n", out);
        for (int a = 1; a < NNODE_ATTRS; a++) {
            char buf[32];
            fprintf(out, "          <attvalue for=\"%s\" value=\"", node_attr_name(a));
            bilat_markup_escape(out, node_attr_text(v, a, buf));
            fputs("\"/>\n", out);
        }
        fputs("        </attvalues>\n      </node>\n", out);
    }
    fputs("    </nodes>\n    <edges>\n", out);
    bilat_status_t st = BILAT_OK;
    for (size_t j = 0; j < g->nedges; j++) {
        const bilat_edge_t *e = &g->edges[j];
        edge_texts_t t;
        if (!edge_texts_init(&t, e)) {
            st = bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        char label[256];
        types_summary(e, label, sizeof label);
        fprintf(out, "      <edge id=\"%zu\" source=\"", j);
        bilat_markup_escape(out, g->nodes[e->source].id);
        fputs("\" target=\"", out);
        bilat_markup_escape(out, g->nodes[e->target].id);
        fprintf(out, "\" weight=\"%s\" label=\"", t.s[0]);
        bilat_markup_escape(out, label);
        fputs("\">\n        <attvalues>\n", out);
        for (int k = 1; k < NEDGE_ATTRS; k++) {
            fprintf(out, "          <attvalue for=\"%s\" value=\"", edge_attr_name(k));
            bilat_markup_escape(out, t.s[k]);
            fputs("\"/>\n", out);
        }
        fputs("        </attvalues>\n", out);
        if (e->ndates) {
            fputs("        <spells>\n", out);
            for (size_t d = 0; d < e->ndates; d++)
                fprintf(out, "          <spell start=\"%s\" end=\"%s\"/>\n", e->dates[d],
                        e->dates[d]);
            fputs("        </spells>\n", out);
        }
        fputs("      </edge>\n", out);
        edge_texts_destroy(&t);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", out);
    return st;
}

/* ---------------------------------------------------------------------------------- */
/* DOT                                                                                */

/* A DOT quoted string: quotes and backslashes escaped, each line end (LF, CRLF or a
 * lone CR) as \n, a tab as a space; other control characters are dropped, as a raw
 * one breaks some DOT readers and no label needs one. */
static void dot_quote(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
        } else if (c == '\n' || (c == '\r' && s[1] != '\n')) {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputc(' ', out);
        } else if (c >= 0x20 && c != 0x7f) {
            fputc(c, out);
        }
    }
    fputc('"', out);
}

static bilat_status_t write_dot(const bilat_graph_t *g, FILE *out, bilat_error_t *err)
{
    char *prov = json_text_take(provenance_json(g));
    if (!prov)
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    /* compact JSON has no line ends, so one line comment holds it */
    fprintf(out, "// bilat provenance: %s\n%s bilat {\n", prov,
            g->directed ? "digraph" : "graph");
    free(prov);
    for (size_t i = 0; i < g->nnodes; i++) {
        const bilat_node_t *v = &g->nodes[i];
        fputs("  ", out);
        dot_quote(out, v->id);
        fputs(" [", out);
        for (int a = 0; a < NNODE_ATTRS; a++) {
            char buf[32];
            fprintf(out, "%s%s=", a ? ", " : "", node_attr_name(a));
            dot_quote(out, node_attr_text(v, a, buf));
        }
        fputs("];\n", out);
    }
    bilat_status_t st = BILAT_OK;
    for (size_t j = 0; j < g->nedges; j++) {
        const bilat_edge_t *e = &g->edges[j];
        edge_texts_t t;
        if (!edge_texts_init(&t, e)) {
            st = bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        fputs("  ", out);
        dot_quote(out, g->nodes[e->source].id);
        fputs(g->directed ? " -> " : " -- ", out);
        dot_quote(out, g->nodes[e->target].id);
        fputs(" [", out);
        for (int k = 0; k < NEDGE_ATTRS; k++) {
            fprintf(out, "%s%s=", k ? ", " : "", edge_attr_name(k));
            dot_quote(out, t.s[k]);
        }
        fputs("];\n", out);
        edge_texts_destroy(&t);
    }
    fputs("}\n", out);
    return st;
}

/* ---------------------------------------------------------------------------------- */
/* CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line end quoted, quotes
 * doubled)                                                                           */

/* One cell; text says it holds text, not a number.  A spreadsheet takes a cell that
 * starts with = + - @ (or a tab or CR, which some strip first) for a formula, and
 * labels come from gazetteer files and graphs read back, which anyone may write: such
 * a text cell gets a leading apostrophe (OWASP's "CSV injection" rule).  Numbers keep
 * their sign. */
static void csv_field(FILE *out, const char *s, bool first, bool text)
{
    if (!first)
        fputc(',', out);
    bool guard = text && s[0] && strchr("=+-@\t\r", s[0]);
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (guard)
        fputc('\'', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    if (quote)
        fputc('"', out);
}

/* The header row: id columns, then the node or edge attribute names. */
static void csv_header(FILE *out, const char *const *ids, size_t nids,
                       const char *(*name)(int), int nattrs)
{
    for (size_t i = 0; i < nids; i++)
        csv_field(out, ids[i], i == 0, true);
    for (int a = 0; a < nattrs; a++)
        csv_field(out, name(a), false, true);
    fputs("\r\n", out);
}

/* The attribute cells of node v, each after a comma, and the line end. */
static void csv_node_rest(FILE *out, const bilat_node_t *v)
{
    for (int a = 0; a < NNODE_ATTRS; a++) {
        char buf[32];
        csv_field(out, node_attr_text(v, a, buf), false, a < NNODE_STRINGS);
    }
    fputs("\r\n", out);
}

/* The attribute cells of an edge, each after a comma, and the line end. */
static void csv_edge_rest(FILE *out, const edge_texts_t *t)
{
    for (int k = 0; k < NEDGE_ATTRS; k++)
        csv_field(out, t->s[k], false, strcmp(edge_attr_graphml_type(k), "string") == 0);
    fputs("\r\n", out);
}

static void write_csv_nodes(const bilat_graph_t *g, FILE *out)
{
    static const char *const ids[] = {"id"};
    csv_header(out, ids, 1, node_attr_name, NNODE_ATTRS);
    for (size_t i = 0; i < g->nnodes; i++) {
        csv_field(out, g->nodes[i].id, true, true);
        csv_node_rest(out, &g->nodes[i]);
    }
}

static bilat_status_t write_csv_edges(const bilat_graph_t *g, FILE *out,
                                      bilat_error_t *err)
{
    static const char *const ids[] = {"source", "target"};
    csv_header(out, ids, 2, edge_attr_name, NEDGE_ATTRS);
    for (size_t j = 0; j < g->nedges; j++) {
        const bilat_edge_t *e = &g->edges[j];
        edge_texts_t t;
        if (!edge_texts_init(&t, e))
            return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
        csv_field(out, g->nodes[e->source].id, true, true);
        csv_field(out, g->nodes[e->target].id, false, true);
        csv_edge_rest(out, &t);
        edge_texts_destroy(&t);
    }
    return BILAT_OK;
}

/* The CSV sidecar: provenance plus directed (CSV has no comments). */
static json_t *csv_meta_json(const bilat_graph_t *g)
{
    json_t *p = provenance_json(g);
    bool ok = p != NULL;
    set(p, "directed", json_boolean(g->directed), &ok);
    return complete(p, ok);
}

/* ---------------------------------------------------------------------------------- */

bilat_status_t bilat_graph_write(const bilat_graph_t *g, bilat_format_t f,
                                 const bilat_view_options_t *view, FILE *out,
                                 bilat_error_t *err)
{
    bilat_status_t st;
    switch (f) {
    case BILAT_FORMAT_JSON:
        st = dump_json(node_link_json(g), out, err);
        break;
    case BILAT_FORMAT_CYTOSCAPE:
        st = dump_json(cytoscape_json(g), out, err);
        break;
    case BILAT_FORMAT_GRAPHML:
        st = write_graphml(g, out, err);
        break;
    case BILAT_FORMAT_GEXF:
        st = write_gexf(g, out, err);
        break;
    case BILAT_FORMAT_DOT:
        st = write_dot(g, out, err);
        break;
    case BILAT_FORMAT_HTML:
        st = bilat_view_write(g, view, out, err);
        break;
    case BILAT_FORMAT_CSV:
        return bilat_error_set(err, BILAT_EINVAL, NULL, 0, 0,
                               "CSV writes three files: give a file name ending in .csv");
    default:
        return bilat_error_set(err, BILAT_EINVAL, NULL, 0, 0, "unknown graph format");
    }
    /* the writers print without checking each call: the stream remembers a failure */
    if (st == BILAT_OK && ferror(out))
        st = bilat_error_set(err, BILAT_EIO, NULL, 0, 0, "write error");
    return st;
}

/* A new file beside path, created exclusively (mode 0666 less the umask); its name
 * goes to tmp (freed by the caller).  NULL with errno set on failure. */
static FILE *open_temp(const char *path, char **tmp)
{
    static unsigned counter;
    *tmp = NULL;
    for (int attempt = 0; attempt < 100; attempt++) {
        bilat_buf_t b;
        bilat_buf_init(&b);
        if (!bilat_buf_printf(&b, "%s.tmp%ld.%u", path, (long)getpid(),
                              __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED))) {
            errno = ENOMEM;
            return NULL;
        }
        int fd = open(b.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0) {
            int e = errno;
            bilat_buf_destroy(&b);
            if (e == EEXIST)
                continue;
            errno = e;
            return NULL;
        }
        FILE *f = fdopen(fd, "wb");
        if (!f) {
            int e = errno;
            close(fd);
            unlink(b.data);
            bilat_buf_destroy(&b);
            errno = e;
            return NULL;
        }
        *tmp = bilat_buf_take(&b);
        return f;
    }
    errno = EEXIST;
    return NULL;
}

/* Files being written: each a temporary renamed to its final name at the end. */
typedef struct out_set {
    const char *paths[3];
    char *tmps[3];
    FILE *files[3];
    int n;
} out_set_t;

/* "PATH: cannot write: reason", the message of every output failure. */
static bilat_status_t cannot_write(bilat_error_t *err, const char *path, int e)
{
    return bilat_error_set(err, e == ENOMEM ? BILAT_ENOMEM : BILAT_EIO, path, 0, 0,
                           "cannot write: %s", e ? strerror(e) : "write error");
}

static bilat_status_t out_set_open(out_set_t *s, bilat_error_t *err)
{
    for (int i = 0; i < s->n; i++) {
        s->files[i] = open_temp(s->paths[i], &s->tmps[i]);
        if (!s->files[i])
            return cannot_write(err, s->paths[i], errno);
    }
    return BILAT_OK;
}

/* Flushes and closes every file, then renames them into place when st (the writers'
 * status) is BILAT_OK and nothing failed, else removes them.  A write error — a
 * writer's BILAT_EIO or one found here (full disk, file size limit) — is reported
 * against its file with the system's reason: werr, errno as the writers left it (a
 * stream in error may not fail again when flushed). */
static bilat_status_t out_set_close(out_set_t *s, bilat_status_t st, int werr,
                                    bilat_error_t *err)
{
    bool reported = false;
    for (int i = 0; i < s->n; i++) {
        if (!s->files[i])
            continue;
        bool failed = ferror(s->files[i]) != 0;
        errno = 0;
        bool bad = fflush(s->files[i]) != 0;
        int e = failed ? werr : errno;
        bad |= fclose(s->files[i]) != 0;
        if (!e)
            e = errno;
        if ((failed || bad) && !reported && (st == BILAT_OK || st == BILAT_EIO)) {
            st = cannot_write(err, s->paths[i], e);
            reported = true;
        }
    }
    for (int i = 0; i < s->n; i++) {
        if (!s->tmps[i])
            continue;
        if (st == BILAT_OK && rename(s->tmps[i], s->paths[i]) != 0)
            st = cannot_write(err, s->paths[i], errno);
        if (st != BILAT_OK)
            unlink(s->tmps[i]);
        free(s->tmps[i]);
    }
    return st;
}

bilat_status_t bilat_graph_write_file(const bilat_graph_t *g, bilat_format_t f,
                                      const bilat_view_options_t *view, const char *path,
                                      bilat_error_t *err)
{
    if (strcmp(path, "-") == 0) {
        bilat_status_t st = bilat_graph_write(g, f, view, stdout, err);
        if (st == BILAT_OK && (fflush(stdout) != 0 || ferror(stdout)))
            st = bilat_error_set(err, BILAT_EIO, "standard output", 0, 0, "write error");
        return st;
    }
    out_set_t s;
    memset(&s, 0, sizeof s);
    bilat_buf_t names[3];
    for (int i = 0; i < 3; i++)
        bilat_buf_init(&names[i]);
    bilat_status_t st = BILAT_OK;
    if (f == BILAT_FORMAT_CSV) {
        /* g.csv -> g.nodes.csv, g.edges.csv, g.meta.json */
        size_t n = strlen(path);
        int base =
            n >= 4 && strcasecmp(path + n - 4, ".csv") == 0 ? (int)(n - 4) : (int)n;
        static const char *const suffix[] = {".nodes.csv", ".edges.csv", ".meta.json"};
        for (int i = 0; i < 3; i++) {
            if (!bilat_buf_printf(&names[i], "%.*s%s", base, path, suffix[i])) {
                st = bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
                goto cleanup;
            }
            s.paths[i] = names[i].data;
        }
        s.n = 3;
    } else {
        s.paths[0] = path;
        s.n = 1;
    }
    st = out_set_open(&s, err);
    errno = 0;
    if (st == BILAT_OK && f == BILAT_FORMAT_CSV) {
        write_csv_nodes(g, s.files[0]);
        st = write_csv_edges(g, s.files[1], err);
        if (st == BILAT_OK)
            st = dump_json(csv_meta_json(g), s.files[2], err);
    } else if (st == BILAT_OK) {
        st = bilat_graph_write(g, f, view, s.files[0], err);
    }
    st = out_set_close(&s, st, errno, err);
cleanup:
    for (int i = 0; i < 3; i++)
        bilat_buf_destroy(&names[i]);
    return st;
}

/* ---------------------------------------------------------------------------------- */
/* Tables                                                                             */

bool bilat_measure_known(const char *name)
{
    return bilat_measure_parse(name) != BILAT_NMEASURES;
}

/* Display width of UTF-8 s in a terminal: combining marks and format characters take
 * no column, East Asian wide and fullwidth characters two. */
static int display_width(const char *s)
{
    int w = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        UChar32 c = (UChar32)bilat_utf8_next(s, len, &i);
        int8_t cat = u_charType(c);
        if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_FORMAT_CHAR)
            continue;
        int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        w += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
    }
    return w;
}

/* s padded with spaces on the right to width columns. */
static void put_padded(FILE *out, const char *s, int width)
{
    fputs(s, out);
    for (int w = display_width(s); w < width; w++)
        fputc(' ', out);
}

const char *const bilat_table_heads[BILAT_TABLE_NCOLS] = {
    "rank",      "code",     "label",       "degree",   "strength", "betweenness",
    "closeness", "harmonic", "eigenvector", "pagerank", "community"};

void bilat_table_cells(const bilat_node_t *v, size_t rank,
                       char cells[BILAT_TABLE_NCOLS][48])
{
    snprintf(cells[0], 48, "%zu", rank);
    snprintf(cells[1], 48, "%s", v->id);
    cells[2][0] = '\0';
    snprintf(cells[3], 48, "%ld", v->degree);
    snprintf(cells[4], 48, "%.0f", v->strength);
    snprintf(cells[5], 48, "%.2f", v->betweenness);
    snprintf(cells[6], 48, "%.4f", v->closeness);
    snprintf(cells[7], 48, "%.4f", v->harmonic);
    snprintf(cells[8], 48, "%.4f", v->eigenvector);
    snprintf(cells[9], 48, "%.4f", v->pagerank);
    snprintf(cells[10], 48, "%ld", v->community);
}

static void write_text_table(const bilat_graph_t *g, const size_t *order, size_t n,
                             FILE *out)
{
    int width[BILAT_TABLE_NCOLS];
    for (int c = 0; c < BILAT_TABLE_NCOLS; c++)
        width[c] = (int)strlen(bilat_table_heads[c]);
    for (size_t r = 0; r < n; r++) {
        char cells[BILAT_TABLE_NCOLS][48];
        const bilat_node_t *v = &g->nodes[order[r]];
        bilat_table_cells(v, r + 1, cells);
        for (int c = 0; c < BILAT_TABLE_NCOLS; c++) {
            int w = c == 2 ? display_width(v->label ? v->label : v->id)
                           : (int)strlen(cells[c]);
            if (w > width[c])
                width[c] = w;
        }
    }
    for (int c = 0; c < BILAT_TABLE_NCOLS; c++) {
        if (c == 1 || c == 2) /* text columns: left aligned */
            put_padded(out, bilat_table_heads[c], width[c]);
        else
            fprintf(out, "%*s", width[c], bilat_table_heads[c]);
        fputs(c + 1 < BILAT_TABLE_NCOLS ? "  " : "\n", out);
    }
    for (size_t r = 0; r < n; r++) {
        char cells[BILAT_TABLE_NCOLS][48];
        const bilat_node_t *v = &g->nodes[order[r]];
        bilat_table_cells(v, r + 1, cells);
        for (int c = 0; c < BILAT_TABLE_NCOLS; c++) {
            if (c == 2)
                put_padded(out, v->label ? v->label : v->id, width[c]);
            else if (c == 1)
                put_padded(out, cells[c], width[c]);
            else
                fprintf(out, "%*s", width[c], cells[c]);
            fputs(c + 1 < BILAT_TABLE_NCOLS ? "  " : "\n", out);
        }
    }
}

static json_t *ranked_json(const bilat_node_t *v, size_t rank)
{
    json_t *o = node_json(v);
    bool ok = o != NULL;
    set(o, "rank", json_integer((json_int_t)rank), &ok);
    return complete(o, ok);
}

static void write_csv_table(const bilat_graph_t *g, const size_t *order, size_t n,
                            FILE *out)
{
    static const char *const ids[] = {"rank", "id"};
    csv_header(out, ids, 2, node_attr_name, NNODE_ATTRS);
    for (size_t r = 0; r < n; r++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%zu", r + 1);
        csv_field(out, buf, true, false);
        csv_field(out, g->nodes[order[r]].id, false, true);
        csv_node_rest(out, &g->nodes[order[r]]);
    }
}

bilat_status_t bilat_graph_table_write(const bilat_graph_t *g, const char *sort, int top,
                                       bilat_table_format_t f, FILE *out,
                                       bilat_error_t *err)
{
    bilat_measure_t m = bilat_measure_parse(sort);
    if (m == BILAT_NMEASURES)
        return bilat_error_set(err, BILAT_EINVAL, NULL, 0, 0,
                               "unknown measure '%s' (" BILAT_MEASURE_CHOICES ")",
                               sort ? sort : "");
    size_t *order = bilat_measure_rank(g, m);
    if (!order)
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    size_t n = top > 0 && (size_t)top < g->nnodes ? (size_t)top : g->nnodes;
    bilat_status_t st = BILAT_OK;
    if (f == BILAT_TABLE_JSON) {
        json_t *a = json_array();
        bool ok = a != NULL;
        for (size_t r = 0; ok && r < n; r++)
            append(a, ranked_json(&g->nodes[order[r]], r + 1), &ok);
        st = dump_json(complete(a, ok), out, err);
    } else if (f == BILAT_TABLE_CSV) {
        write_csv_table(g, order, n, out);
    } else {
        write_text_table(g, order, n, out);
    }
    free(order);
    if (st == BILAT_OK && ferror(out))
        st = bilat_error_set(err, BILAT_EIO, NULL, 0, 0, "write error");
    return st;
}

/* ---------------------------------------------------------------------------------- */
/* Ego                                                                                */

typedef struct ego_row {
    const bilat_edge_t *e;
    size_t partner;
    const char *direction; /* "out", "in" or "both" (undirected) */
} ego_row_t;

static int cmp_ego(const void *a, const void *b, void *data)
{
    const bilat_graph_t *g = data;
    const ego_row_t *x = a, *y = b;
    if (x->e->weight != y->e->weight)
        return x->e->weight > y->e->weight ? -1 : 1;
    int c = strcmp(g->nodes[x->partner].id, g->nodes[y->partner].id);
    return c ? c : strcmp(x->direction, y->direction);
}

static void write_ego_text(const bilat_graph_t *g, const bilat_node_t *v,
                           const ego_row_t *rows, size_t n, FILE *out)
{
    size_t partners = 0; /* rows are sorted by weight: count the distinct partners */
    for (size_t r = 0; r < n; r++) {
        size_t k = 0;
        while (k < r && rows[k].partner != rows[r].partner)
            k++;
        partners += k == r;
    }
    fprintf(out, "%s  %s  %s: %zu partner%s\n", v->id, v->label ? v->label : v->id,
            v->label_en ? v->label_en : v->id, partners, partners == 1 ? "" : "s");
    for (size_t r = 0; r < n; r++) {
        const bilat_edge_t *e = rows[r].e;
        const bilat_node_t *p = &g->nodes[rows[r].partner];
        char types[256], score[32], tone[32];
        types_summary(e, types, sizeof types);
        fmt_real(score, e->score);
        fmt_real(tone, e->tone);
        fprintf(out, "%-7s  ", p->id);
        if (g->directed)
            fprintf(out, "%-3s  ", rows[r].direction);
        fprintf(out, "weight %ld  score %s  tone %s  docs %ld  %s..%s  %s  ", e->weight,
                score, tone, e->docs, e->first_date, e->last_date, types);
        fputs(p->label ? p->label : p->id, out);
        fputc('\n', out);
        for (size_t i = 0; i < e->nevidence; i++)
            fprintf(out, "    %s %s: %s\n",
                    e->evidence[i].date ? e->evidence[i].date : "-", e->evidence[i].doc,
                    e->evidence[i].sentence);
    }
}

bilat_status_t bilat_graph_ego_write(const bilat_graph_t *g, const char *code,
                                     bilat_table_format_t f, FILE *out,
                                     bilat_error_t *err)
{
    size_t v = SIZE_MAX;
    for (size_t i = 0; i < g->nnodes; i++)
        if (strcasecmp(g->nodes[i].id, code) == 0)
            v = i;
    if (v == SIZE_MAX)
        return bilat_error_set(err, BILAT_EINVAL, NULL, 0, 0, "%s is not in the graph",
                               code);
    ego_row_t *rows = malloc((g->nedges ? g->nedges : 1) * sizeof *rows);
    if (!rows)
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    size_t n = 0;
    for (size_t j = 0; j < g->nedges; j++) {
        const bilat_edge_t *e = &g->edges[j];
        if (e->source == v)
            rows[n++] = (ego_row_t){e, e->target, g->directed ? "out" : "both"};
        else if (e->target == v)
            rows[n++] = (ego_row_t){e, e->source, g->directed ? "in" : "both"};
    }
    qsort_r(rows, n, sizeof *rows, cmp_ego, (void *)g);
    bilat_status_t st = BILAT_OK;
    if (f == BILAT_TABLE_JSON) {
        json_t *a = json_array();
        bool ok = a != NULL;
        for (size_t r = 0; ok && r < n; r++) {
            json_t *o = edge_json(rows[r].e);
            const bilat_node_t *p = &g->nodes[rows[r].partner];
            set(o, "partner", json_string(p->id), &ok);
            set(o, "label", json_string(p->label ? p->label : p->id), &ok);
            set(o, "label_en", json_string(p->label_en ? p->label_en : p->id), &ok);
            set(o, "direction", json_string(rows[r].direction), &ok);
            append(a, o, &ok);
        }
        st = dump_json(complete(a, ok), out, err);
    } else if (f == BILAT_TABLE_CSV) {
        static const char *const ids[] = {"partner", "label", "direction"};
        csv_header(out, ids, 3, edge_attr_name, NEDGE_ATTRS);
        for (size_t r = 0; r < n && st == BILAT_OK; r++) {
            const bilat_node_t *p = &g->nodes[rows[r].partner];
            edge_texts_t t;
            if (!edge_texts_init(&t, rows[r].e)) {
                st = bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            csv_field(out, p->id, true, true);
            csv_field(out, p->label ? p->label : p->id, false, true);
            csv_field(out, rows[r].direction, false, true);
            csv_edge_rest(out, &t);
            edge_texts_destroy(&t);
        }
    } else {
        write_ego_text(g, &g->nodes[v], rows, n, out);
    }
    free(rows);
    if (st == BILAT_OK && ferror(out))
        st = bilat_error_set(err, BILAT_EIO, NULL, 0, 0, "write error");
    return st;
}
