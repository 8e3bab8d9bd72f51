/* The self-contained HTML report: one file holding inline SVG, CSS and script.
 *
 * The picture is drawn here, in C, from igraph coordinates (layout.c), so the report
 * shows the graph even with scripting off; data/view.js adds the interaction and
 * reads everything it needs from one <script type="application/json"> block.
 *
 * Safety: every string that comes from articles or the gazetteer reaches the page
 * either as HTML-escaped text or inside that JSON block, where each "<" is written
 * as \u003c so no "</script" or "<!--" can ever end or change the block; the script
 * renders it with textContent only.  The page references nothing outside itself (its
 * Content-Security-Policy forbids every fetch), so it opens offline and can be mailed. */
#include "embedded.h"
#include "graph_internal.h"
#include "util.h"
#include "view_internal.h"

#include <jansson.h>
#include <math.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* The drawing's coordinate system: a square viewBox with room for labels. */
#define VIEW_SIZE 1000.0
#define VIEW_MARGIN 60.0
/* Tones (mean signed score per event) at or beyond ±VIEW_TONE_SATURATE take the end
 * colours: means of Goldstein-like scores rarely leave ±5, so a ±10 scale would leave
 * almost every tie a washed-out grey. */
#define VIEW_TONE_SATURATE 5.0
/* Evidence sentences and article names repeat across ties (a sentence naming three
 * states gives three ties), so the JSON stores each once and ties refer to them.
 * Past VIEW_DEFLATE_FROM bytes the sentence table travels deflated and in base64 in a
 * block of its own, unpacked by the browser's DecompressionStream: for 250 states and
 * 5,000 ties with 3 sentences of 240 characters each (2 bytes a letter in UTF-8) the
 * plain table alone is 6.6 MB and the report 8.7 MB; deflated, the report is about
 * 4 MB (news text deflates about 4.8 times).  Smaller reports keep it plain, so they
 * stay readable with any tool. */
#define VIEW_DEFLATE_FROM (1024 * 1024)
/* zlib level 3: on 6.6 MB of evidence, 0.09 s and 2.3 MB, where the default level 6
 * takes 0.34 s for 2.1 MB (measured on the benchmark's sentences). */
#define VIEW_DEFLATE_LEVEL 3

/* Categorical colours for the communities, the most prominent first; communities past
 * the palette share VIEW_OTHER_COLOUR (a legend of more blocs would not be read). */
static const char *const palette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
                                      "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                                      "#9c755f", "#2f4b7c", "#a05195", "#86bcb6"};
#define NPALETTE (sizeof palette / sizeof *palette)
#define VIEW_OTHER_COLOUR "#9a9a9a"
/* Only the largest states carry a visible label until the reader zooms in or points
 * at one, at most VIEW_LABELS of them and none over another: past a few dozen,
 * labels cover each other and the ties.  Labels are VIEW_FONT units high (view.css). */
#define VIEW_LABELS 40
#define VIEW_FONT 12.0

/* The name drawn for a node: its label, or its code when it has none. */
static const char *node_label(const bilat_node_t *n)
{
    return n->label && *n->label ? n->label : n->id;
}

/* true when s's first strong character is right-to-left (the Unicode bidi rule P2,
 * with ICU's character directions), so an Arabic label is drawn rtl while a Latin
 * organisation code next to it stays ltr. */
static bool text_is_rtl(const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        UCharDirection d = u_charDirection((UChar32)bilat_utf8_next(s, len, &i));
        if (d == U_LEFT_TO_RIGHT)
            return false;
        if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
            return true;
    }
    return false;
}

/* "#rrggbb" for a tone: red (conflictual) through grey to green (cooperative). */
static void tone_colour(double tone, char out[8])
{
    static const double red[3] = {200, 45, 45}, grey[3] = {176, 176, 176},
                        green[3] = {30, 140, 70};
    double t = fmax(-1.0, fmin(1.0, tone / VIEW_TONE_SATURATE));
    const double *end = t < 0 ? red : green;
    int c[3];
    for (int k = 0; k < 3; k++)
        c[k] = (int)lround(grey[k] + (end[k] - grey[k]) * fabs(t));
    snprintf(out, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
}

/* Everything the drawing needs, computed once. */
typedef struct view {
    const bilat_graph_t *g;
    bilat_measure_t size_m; /* node area by this measure */
    double *xy;             /* layout, in [0, 1] */
    double *radius;         /* per node */
    size_t *rank;           /* node indices by size measure, descending, ties by code */
    int *colour;            /* per node: palette index, or -1 (other) */
    size_t *community_top;  /* per palette slot: index into rank of its first member */
    size_t ncolours;
    long wmax;
    bool *labelled; /* per node: its label shows before zooming in */
} view_t;

typedef struct order {
    double key;
    size_t i;
} order_t;

/* Ascending by key, then by index: deterministic draw orders. */
static int order_cmp(const void *a, const void *b)
{
    const order_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static double node_x(const view_t *v, size_t i)
{
    return VIEW_MARGIN + v->xy[2 * i] * (VIEW_SIZE - 2 * VIEW_MARGIN);
}

static double node_y(const view_t *v, size_t i)
{
    return VIEW_MARGIN + v->xy[2 * i + 1] * (VIEW_SIZE - 2 * VIEW_MARGIN);
}

static double edge_width(const view_t *v, long w)
{
    return 0.6 + 6.4 * sqrt((double)w / (double)v->wmax);
}

static int double_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The radius of the largest node: 0.6 times the median distance from a node to its
 * nearest neighbour in the drawing, within [6, 22].  Dense layouts get smaller
 * circles, so strong partners (which the layout draws close) rarely cover each
 * other.  O(n²) distances: a graph of states has a few hundred nodes.  Uses
 * v->radius as scratch space. */
static double largest_radius(view_t *v)
{
    size_t n = v->g->nnodes;
    double *nearest = v->radius;
    if (n < 2)
        return 22.0;
    for (size_t i = 0; i < n; i++) {
        nearest[i] = INFINITY;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                nearest[i] = fmin(nearest[i], hypot(node_x(v, i) - node_x(v, j),
                                                    node_y(v, i) - node_y(v, j)));
    }
    qsort(nearest, n, sizeof *nearest, double_cmp);
    return fmin(22.0, fmax(6.0, 0.6 * nearest[n / 2]));
}

/* igraph's layouts place points, not discs: two large partners joined by a strong tie
 * end up covering each other.  A few rounds push every overlapping pair apart along
 * the line between them (each by half the overlap plus a small gap), then keep the
 * points inside the drawing.  O(n²) per round, deterministic; the layout is barely
 * moved where nothing overlaps. */
#define VIEW_SEPARATE_ROUNDS 30
static void separate_circles(view_t *v)
{
    const double scale = VIEW_SIZE - 2 * VIEW_MARGIN, gap = 4.0;
    size_t n = v->g->nnodes;
    for (int round = 0; round < VIEW_SEPARATE_ROUNDS; round++) {
        bool moved = false;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                double dx = (v->xy[2 * j] - v->xy[2 * i]) * scale;
                double dy = (v->xy[2 * j + 1] - v->xy[2 * i + 1]) * scale;
                double d = hypot(dx, dy), need = v->radius[i] + v->radius[j] + gap;
                if (d >= need)
                    continue;
                if (d == 0) { /* same point: part them along x */
                    dx = 1;
                    d = 1;
                }
                double push = (need - d) / 2 / d / scale;
                v->xy[2 * i] -= dx * push;
                v->xy[2 * i + 1] -= dy * push;
                v->xy[2 * j] += dx * push;
                v->xy[2 * j + 1] += dy * push;
                moved = true;
            }
        if (!moved)
            break;
    }
    for (size_t i = 0; i < 2 * n; i++)
        v->xy[i] = fmin(1.0, fmax(0.0, v->xy[i]));
}

/* Picks the labels shown at first: among the VIEW_LABELS first in rank, each one
 * whose box (its width estimated from its length, Arabic and Latin letters averaging
 * 0.55 em) overlaps no label already picked.  Uses v->radius, v->xy and v->rank. */
static bool choose_labels(view_t *v)
{
    const bilat_graph_t *g = v->g;
    double(*box)[4] = malloc(VIEW_LABELS * sizeof *box);
    if (!box)
        return false;
    size_t shown = 0;
    for (size_t r = 0; r < g->nnodes && r < VIEW_LABELS; r++) {
        size_t i = v->rank[r], len = 0;
        const char *label = node_label(&g->nodes[i]);
        for (size_t k = 0, n = strlen(label); k < n; len++)
            bilat_utf8_next(label, n, &k);
        double half = 0.55 * VIEW_FONT * (double)len / 2, x = node_x(v, i),
               top = node_y(v, i) + v->radius[i] + 2;
        double b[4] = {x - half, top, x + half, top + VIEW_FONT + 2};
        bool free_spot = true;
        for (size_t k = 0; k < shown && free_spot; k++)
            free_spot = b[2] < box[k][0] || box[k][2] < b[0] || b[3] < box[k][1] ||
                        box[k][3] < b[1];
        if (!free_spot)
            continue;
        memcpy(box[shown++], b, sizeof b);
        v->labelled[i] = true;
    }
    free(box);
    return true;
}

static void view_destroy(view_t *v)
{
    free(v->xy);
    free(v->radius);
    free(v->rank);
    free(v->labelled);
    free(v->colour);
    free(v->community_top);
}

static bilat_status_t view_init(view_t *v, const bilat_graph_t *g, const char *size_by,
                                bilat_error_t *err)
{
    memset(v, 0, sizeof *v);
    v->g = g;
    v->size_m = bilat_measure_parse(size_by);
    if (v->size_m == BILAT_NMEASURES)
        return bilat_error_set(
            err, BILAT_EINVAL, "<options>", 0, 0,
            "unknown measure \"%s\" for --size (" BILAT_MEASURE_CHOICES ")", size_by);
    size_t n = g->nnodes ? g->nnodes : 1;
    v->xy = calloc(2 * n, sizeof *v->xy);
    v->radius = calloc(n, sizeof *v->radius);
    v->rank = bilat_measure_rank(g, v->size_m);
    v->labelled = calloc(n, sizeof *v->labelled);
    v->colour = calloc(n, sizeof *v->colour);
    v->community_top = calloc(NPALETTE, sizeof *v->community_top);
    if (!v->xy || !v->radius || !v->rank || !v->labelled || !v->colour ||
        !v->community_top) {
        view_destroy(v);
        return bilat_error_set(err, BILAT_ENOMEM, "<memory>", 0, 0, "out of memory");
    }
    bilat_status_t st = bilat_layout_compute(g, v->xy, err);
    if (st != BILAT_OK) {
        view_destroy(v);
        return st;
    }

    /* Area proportional to the measure, tiny values keeping a visible dot. */
    double vmax = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        vmax = fmax(vmax, bilat_measure_get(&g->nodes[i], v->size_m));
    double rmax = largest_radius(v);
    for (size_t i = 0; i < g->nnodes; i++) {
        double m = fmax(0.0, bilat_measure_get(&g->nodes[i], v->size_m));
        v->radius[i] = vmax > 0 ? fmax(3.0, rmax * sqrt(m / vmax)) : rmax / 2;
    }
    separate_circles(v);
    if (!choose_labels(v)) {
        view_destroy(v);
        return bilat_error_set(err, BILAT_ENOMEM, "<memory>", 0, 0, "out of memory");
    }

    /* Colours go to communities in the order of their most central member, so the
     * blocs that matter most get distinct colours. */
    for (size_t r = 0; r < g->nnodes; r++) {
        size_t i = v->rank[r];
        v->colour[i] = -1;
        for (size_t c = 0; c < v->ncolours; c++)
            if (g->nodes[v->rank[v->community_top[c]]].community == g->nodes[i].community)
                v->colour[i] = (int)c;
        if (v->colour[i] < 0 && v->ncolours < NPALETTE) {
            v->community_top[v->ncolours] = r;
            v->colour[i] = (int)v->ncolours++;
        }
    }
    v->wmax = 1;
    for (size_t k = 0; k < g->nedges; k++)
        if (g->edges[k].weight > v->wmax)
            v->wmax = g->edges[k].weight;
    return BILAT_OK;
}

static const char *node_colour(const view_t *v, size_t i)
{
    return v->colour[i] >= 0 ? palette[v->colour[i]] : VIEW_OTHER_COLOUR;
}

/* The graph: ties first (lightest first, so strong ties lie on top), then the states
 * (largest first, so small ones are not hidden).  Each state is one <g data-id>. */
static bilat_status_t write_svg(FILE *out, const view_t *v, bilat_error_t *err)
{
    const bilat_graph_t *g = v->g;
    size_t n = g->nedges > g->nnodes ? g->nedges : g->nnodes;
    order_t *ord = calloc(n ? n : 1, sizeof *ord);
    if (!ord)
        return bilat_error_set(err, BILAT_ENOMEM, "<memory>", 0, 0, "out of memory");
    fprintf(out,
            "<svg id=\"graph\" class=\"%s\" viewBox=\"0 0 %g %g\" role=\"img\" "
            "aria-label=\"graph of relations between states\">\n",
            g->directed ? "directed" : "undirected", VIEW_SIZE, VIEW_SIZE);
    if (g->directed)
        fputs("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
              "markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" "
              "orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"/></marker></defs>\n",
              out);
    fputs("<g id=\"vp\">\n<g id=\"edges\">\n", out);
    for (size_t k = 0; k < g->nedges; k++)
        ord[k] = (order_t){(double)g->edges[k].weight, k};
    qsort(ord, g->nedges, sizeof *ord, order_cmp);
    for (size_t o = 0; o < g->nedges; o++) {
        const bilat_edge_t *e = &g->edges[ord[o].i];
        double x1 = node_x(v, e->source), y1 = node_y(v, e->source);
        double x2 = node_x(v, e->target), y2 = node_y(v, e->target);
        double len = hypot(x2 - x1, y2 - y1);
        if (g->directed && len > 0) {
            /* A→B and B→A side by side (shifted to their right), each arrow ending
             * at the rim of its target */
            double ux = (x2 - x1) / len, uy = (y2 - y1) / len, shift = 2.5;
            x1 -= uy * shift;
            y1 += ux * shift;
            x2 += -uy * shift - ux * (v->radius[e->target] + 1);
            y2 += ux * shift - uy * (v->radius[e->target] + 1);
        }
        char colour[8];
        tone_colour(e->tone, colour);
        fprintf(out,
                "<line data-e=\"%zu\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "stroke=\"%s\" stroke-width=\"%.2f\"/>\n",
                ord[o].i, x1, y1, x2, y2, colour, edge_width(v, e->weight));
    }
    fputs("</g>\n<g id=\"nodes\">\n", out);
    for (size_t i = 0; i < g->nnodes; i++)
        ord[i] = (order_t){-v->radius[i], i};
    qsort(ord, g->nnodes, sizeof *ord, order_cmp);
    for (size_t o = 0; o < g->nnodes; o++) {
        size_t i = ord[o].i;
        const bilat_node_t *nd = &g->nodes[i];
        const char *label = node_label(nd);
        fputs(v->labelled[i] ? "<g class=\"n\" data-id=\""
                             : "<g class=\"n minor\" data-id=\"",
              out);
        bilat_markup_escape(out, nd->id);
        fprintf(out, "\" data-i=\"%zu\" transform=\"translate(%.1f %.1f)\"><title>", i,
                node_x(v, i), node_y(v, i));
        bilat_markup_escape(out, label);
        fputs(" (", out);
        bilat_markup_escape(out, nd->id);
        fprintf(out, ")</title><circle r=\"%.1f\" fill=\"%s\"/><text y=\"%.1f\"%s>",
                v->radius[i], node_colour(v, i), v->radius[i] + 13,
                text_is_rtl(label) ? " direction=\"rtl\" unicode-bidi=\"embed\"" : "");
        bilat_markup_escape(out, label);
        fputs("</text></g>\n", out);
    }
    fputs("</g>\n</g>\n</svg>\n", out);
    free(ord);
    return BILAT_OK;
}

/* Legends: node area, community colours, edge width and edge tone. */
static void write_legends(FILE *out, const view_t *v)
{
    const bilat_graph_t *g = v->g;
    fputs("<div id=\"legend\">\n<section><h3>Circle area</h3><p>", out);
    bilat_markup_escape(out, bilat_measure_name(v->size_m));
    fputs("</p>", out);
    if (g->nnodes) {
        const bilat_node_t *top = &g->nodes[v->rank[0]];
        double r = v->radius[v->rank[0]], vmax = bilat_measure_get(top, v->size_m);
        fprintf(out,
                "<svg class=\"key\" width=\"%.0f\" height=\"%.0f\" aria-hidden=\"true\">"
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>"
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/></svg>"
                "<span>outer %.3g, inner %.3g</span>",
                2 * r + 4, 2 * r + 4, r + 2, r + 2, r, r + 2, 2 * r + 2 - r / 2, r / 2,
                vmax, vmax / 4);
    }
    fputs("</section>\n<section><h3>Communities</h3><ul class=\"blocs\">", out);
    for (size_t c = 0; c < v->ncolours; c++) {
        fprintf(out, "<li><i style=\"background:%s\"></i><span dir=\"auto\">",
                palette[c]);
        /* the bloc's three most central members */
        int shown = 0;
        for (size_t r = v->community_top[c]; r < g->nnodes && shown < 3; r++) {
            size_t i = v->rank[r];
            if (v->colour[i] != (int)c)
                continue;
            fputs(shown++ ? "، " : "", out);
            bilat_markup_escape(out, node_label(&g->nodes[i]));
        }
        fputs("</span></li>", out);
    }
    bool other = false;
    for (size_t i = 0; i < g->nnodes; i++)
        other = other || v->colour[i] < 0;
    if (other)
        fputs("<li><i style=\"background:" VIEW_OTHER_COLOUR "\"></i>other blocs</li>",
              out);
    fputs("</ul></section>\n<section><h3>Tie width: events</h3>"
          "<svg class=\"key\" width=\"220\" height=\"24\" aria-hidden=\"true\">",
          out);
    long ws[3] = {1, (v->wmax + 1) / 2, v->wmax};
    for (int k = 0; k < 3; k++)
        fprintf(out,
                "<line x1=\"%d\" y1=\"12\" x2=\"%d\" y2=\"12\" stroke-width=\"%.2f\"/>",
                8 + 86 * k, 40 + 86 * k, edge_width(v, ws[k]));
    fputs("</svg><span class=\"ticks\">", out);
    for (int k = 0; k < 3; k++)
        fprintf(out, "<span>%ld</span>", ws[k]);
    char lo[8], mid[8], hi[8];
    tone_colour(-VIEW_TONE_SATURATE, lo);
    tone_colour(0, mid);
    tone_colour(VIEW_TONE_SATURATE, hi);
    fprintf(out,
            "</span></section>\n<section><h3>Tie colour: tone</h3>"
            "<div class=\"ramp\" style=\"background:linear-gradient(to "
            "right,%s,%s,%s)\"></div>"
            "<span class=\"ticks\"><span>&#8722;%g conflict</span><span>0</span>"
            "<span>cooperation +%g</span></span></section>\n</div>\n",
            lo, mid, hi, VIEW_TONE_SATURATE, VIEW_TONE_SATURATE);
}

/* The controls; the script fills in the month range and the search list. */
static void write_controls(FILE *out, const view_t *v)
{
    const bilat_graph_t *g = v->g;
    fputs("<div id=\"controls\">\n<label>Find <input id=\"find\" type=\"search\" "
          "list=\"names\" placeholder=\"name or code\" autocomplete=\"off\"></label>"
          "<datalist id=\"names\"></datalist><output id=\"find-status\"></output>\n"
          "<fieldset id=\"types\"><legend>Relation types</legend>",
          out);
    for (int t = 0; t < BILAT_NTYPES; t++) {
        long total = 0;
        for (size_t k = 0; k < g->nedges; k++)
            total += g->edges[k].counts[t];
        if (total == 0)
            continue;
        fprintf(out,
                "<label><input type=\"checkbox\" value=\"%d\" checked> %s "
                "<small>%ld</small></label>",
                t, bilat_type_string((bilat_type_t)t), total);
    }
    fprintf(
        out,
        "</fieldset>\n<label>Minimum events <input id=\"minw\" type=\"range\" min=\"1\" "
        "max=\"%ld\" value=\"1\"> <output id=\"minw-out\">1</output></label>\n"
        "<label id=\"month-box\" hidden>Graph as of <input id=\"month\" type=\"range\" "
        "min=\"0\" max=\"0\" value=\"0\"> <output id=\"month-out\">all</output></label>\n"
        "<span class=\"zoom\"><button type=\"button\" id=\"zoom-in\" title=\"zoom in\">+"
        "</button><button type=\"button\" id=\"zoom-out\" title=\"zoom out\">&#8722;"
        "</button><button type=\"button\" id=\"zoom-reset\" title=\"fit\">fit</button>"
        "</span>\n</div>\n",
        v->wmax);
}

/* The ranked table of states: the columns and numbers of `bilat analyze`'s table, so
 * the report and the command line show the same figures. */
static void write_table(FILE *out, const view_t *v)
{
    const bilat_graph_t *g = v->g;
    fputs("<section id=\"ranking\"><h2>States ranked by ", out);
    bilat_markup_escape(out, bilat_measure_name(v->size_m));
    fputs("</h2>\n<table>\n<thead><tr>", out);
    for (int c = 0; c < BILAT_TABLE_NCOLS; c++)
        fprintf(out, "<th>%s</th>", bilat_table_heads[c]);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t r = 0; r < g->nnodes; r++) {
        size_t i = v->rank[r];
        const bilat_node_t *nd = &g->nodes[i];
        char cells[BILAT_TABLE_NCOLS][48];
        bilat_table_cells(nd, r + 1, cells);
        fprintf(out, "<tr data-i=\"%zu\"><td>%s</td><td><i style=\"background:%s\"></i>",
                i, cells[0], node_colour(v, i));
        bilat_markup_escape(out, cells[1]);
        fputs("</td><td dir=\"auto\">", out);
        bilat_markup_escape(out, node_label(nd));
        fputs("</td>", out);
        for (int c = 3; c < BILAT_TABLE_NCOLS; c++)
            fprintf(out, "<td>%s</td>", cells[c]);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* json_string, with ill-formed UTF-8 replaced by U+FFFD rather than failing: the
 * report must still open if a graph file held a broken byte. */
static json_t *json_text(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    bilat_buf_t b;
    bilat_buf_init(&b);
    size_t len = strlen(s), i = 0;
    bool ok = true;
    while (ok && i < len) {
        char enc[4];
        ok = bilat_buf_append(&b, enc,
                              (size_t)bilat_utf8_put(bilat_utf8_next(s, len, &i), enc));
    }
    j = ok ? json_string(b.data ? b.data : "") : NULL;
    bilat_buf_destroy(&b);
    return j;
}

/* The index of s in the string table arr, adding it when new (idx maps text to index). */
static json_t *json_intern(json_t *arr, json_t *idx, const char *s)
{
    json_t *str = json_text(s ? s : "");
    if (!str)
        return NULL;
    const char *key = json_string_value(str);
    json_t *have = json_object_get(idx, key);
    if (have) {
        json_decref(str);
        return json_integer(json_integer_value(have));
    }
    json_int_t k = (json_int_t)json_array_size(arr);
    if (json_object_set_new(idx, key, json_integer(k))) {
        json_decref(str);
        return NULL;
    }
    if (json_array_append_new(arr, str)) /* str released */
        return NULL;
    return json_integer(k);
}

/* Appends date's month to months unless it is the last one there (dates ascend). */
static bool month_append(json_t *months, const char *date)
{
    size_t n = json_array_size(months);
    const char *last = n ? json_string_value(json_array_get(months, n - 1)) : "";
    if (strlen(date) < 7 || strncmp(date, last, 7) == 0)
        return true;
    return json_array_append_new(months, json_stringn(date, 7)) == 0;
}

/* The distinct months ("YYYY-MM", ascending) in which e had events: from its event
 * dates, or from its first and last date when the graph kept no list of dates. */
static json_t *edge_months(const bilat_edge_t *e)
{
    json_t *months = json_array();
    bool ok = months != NULL;
    for (size_t d = 0; ok && d < e->ndates; d++)
        ok = month_append(months, e->dates[d]);
    if (ok && e->ndates == 0)
        ok = month_append(months, e->first_date) && month_append(months, e->last_date);
    if (!ok) {
        json_decref(months);
        return NULL;
    }
    return months;
}

/* The data the script reads.  Nodes are objects; ties, numerous, are arrays
 * [source, target, weight, score, tone, docs, first_date, last_date, [count per type],
 *  [[doc index, date, sentence index]…], [months with events]] with "" for a missing
 * date. */
static json_t *build_data(const view_t *v)
{
    const bilat_graph_t *g = v->g;
    json_t *root = json_object(), *nodes = json_array(), *edges = json_array(),
           *types = json_array(), *docs = json_array(), *sents = json_array(),
           *doc_idx = json_object(), *sent_idx = json_object();
    bool ok = root && nodes && edges && types && docs && sents && doc_idx && sent_idx;
    for (int t = 0; ok && t < BILAT_NTYPES; t++)
        ok = !json_array_append_new(types,
                                    json_string(bilat_type_string((bilat_type_t)t)));
    for (size_t i = 0; ok && i < g->nnodes; i++) {
        const bilat_node_t *nd = &g->nodes[i];
        ok = !json_array_append_new(
            nodes,
            json_pack("{s:s, s:o, s:o, s:b, s:I, s:I, s:I, s:[f,f]}", "id", nd->id,
                      "label", json_text(nd->label), "label_en", json_text(nd->label_en),
                      "org", nd->org, "mentions", (json_int_t)nd->mentions, "community",
                      (json_int_t)nd->community, "component", (json_int_t)nd->component,
                      "xy", round(node_x(v, i) * 10) / 10,
                      round(node_y(v, i) * 10) / 10));
    }
    for (size_t k = 0; ok && k < g->nedges; k++) {
        const bilat_edge_t *e = &g->edges[k];
        json_t *counts = json_array(), *ev = json_array();
        ok = counts && ev;
        for (int t = 0; ok && t < BILAT_NTYPES; t++)
            ok = !json_array_append_new(counts, json_integer(e->counts[t]));
        for (size_t x = 0; ok && x < e->nevidence; x++) {
            const bilat_evidence_t *o = &e->evidence[x];
            ok = !json_array_append_new(
                ev, json_pack("[o,s,o]", json_intern(docs, doc_idx, o->doc),
                              o->date ? o->date : "",
                              json_intern(sents, sent_idx, o->sentence)));
        }
        if (!ok) {
            json_decref(counts);
            json_decref(ev);
            break;
        }
        ok = !json_array_append_new(
            edges, json_pack("[I,I,I,f,f,I,s,s,o,o,o]", (json_int_t)e->source,
                             (json_int_t)e->target, (json_int_t)e->weight, e->score,
                             e->tone, (json_int_t)e->docs, e->first_date, e->last_date,
                             counts, ev, edge_months(e)));
    }
    ok = ok && !json_object_set_new(root, "directed", json_boolean(g->directed)) &&
         !json_object_set_new(root, "size_by",
                              json_string(bilat_measure_name(v->size_m))) &&
         !json_object_set(root, "types", types) &&
         !json_object_set(root, "nodes", nodes) &&
         !json_object_set(root, "edges", edges) && !json_object_set(root, "docs", docs) &&
         !json_object_set(root, "sentences", sents);
    json_decref(nodes);
    json_decref(edges);
    json_decref(types);
    json_decref(docs);
    json_decref(sents);
    json_decref(doc_idx);
    json_decref(sent_idx);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* Writes n bytes of p in base64 (RFC 4648, padded). */
static void write_base64(FILE *out, const unsigned char *p, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned long v = (unsigned long)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned long)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char q[4] = {digits[v >> 18], digits[(v >> 12) & 63],
                     i + 1 < n ? digits[(v >> 6) & 63] : '=',
                     i + 2 < n ? digits[v & 63] : '='};
        fwrite(q, 1, 4, out);
    }
}

/* Writes text (the sentence table's JSON) zlib-deflated in base64, in the block
 * #bilat-evidence that the script unpacks. */
static bilat_status_t write_deflated(FILE *out, const char *text, bilat_error_t *err)
{
    uLong len = (uLong)strlen(text);
    uLongf zlen = compressBound(len);
    unsigned char *z = malloc(zlen);
    if (!z || compress2(z, &zlen, (const Bytef *)text, len, VIEW_DEFLATE_LEVEL) != Z_OK) {
        free(z);
        return bilat_error_set(err, BILAT_ENOMEM, "<memory>", 0, 0,
                               "out of memory compressing the evidence");
    }
    fputs("<script type=\"application/octet-stream\" id=\"bilat-evidence\" "
          "data-encoding=\"deflate base64\">",
          out);
    write_base64(out, z, zlen);
    fputs("</script>\n", out);
    free(z);
    return BILAT_OK;
}

/* Writes JSON text with every "<" as \u003c, so it cannot end the <script>. */
static void write_json_text(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        const char *lt = strchr(p, '<');
        size_t run = lt ? (size_t)(lt - p) : strlen(p);
        fwrite(p, 1, run, out);
        p += run;
        if (!*p)
            break;
        fputs("\\u003c", out);
    }
}

/* The data block #bilat-data, and the deflated sentences when they are large. */
static bilat_status_t write_data(FILE *out, const view_t *v, bilat_error_t *err)
{
    bilat_status_t st = BILAT_OK;
    json_t *data = build_data(v);
    char *sents =
        data ? json_dumps(json_object_get(data, "sentences"), JSON_COMPACT) : NULL;
    char *text = NULL;
    if (!sents)
        goto nomem;
    bool deflate = strlen(sents) >= VIEW_DEFLATE_FROM;
    if (deflate && json_object_set_new(data, "sentences", json_null()))
        goto nomem;
    text = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
    if (!text)
        goto nomem;
    fputs("<script type=\"application/json\" id=\"bilat-data\">", out);
    write_json_text(out, text);
    fputs("</script>\n", out);
    if (deflate)
        st = write_deflated(out, sents, err);
    goto cleanup;
nomem:
    st = bilat_error_set(err, BILAT_ENOMEM, "<memory>", 0, 0, "out of memory");
cleanup:
    free(text);
    free(sents);
    json_decref(data);
    return st;
}

bilat_status_t bilat_view_write(const bilat_graph_t *g, const bilat_view_options_t *opt,
                                FILE *out, bilat_error_t *err)
{
    const char *size_by = opt && opt->size_by ? opt->size_by : "pagerank";
    const char *lang = opt && opt->lang ? opt->lang : "ar";
    view_t v;
    bilat_status_t st = view_init(&v, g, size_by, err);
    if (st != BILAT_OK)
        return st;

    fputs("<!DOCTYPE html>\n<html lang=\"en\" data-ready=\"false\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          /* nothing may be fetched: the report is one file */
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
          /* an empty icon, or the browser asks for /favicon.ico */
          "<link rel=\"icon\" href=\"data:,\">\n"
          "<meta name=\"generator\" content=\"bilat ",
          out);
    bilat_markup_escape(out, g->prov.version);
    fputs("\">\n<title>bilat: relations between states</title>\n<style>\n", out);
    fwrite(bilat_data_view_css, 1, bilat_data_view_css_len, out);
    fprintf(out,
            "</style>\n</head>\n<body>\n<header><h1>Relations between states</h1>"
            "<p>%zu states and organisations, %zu ties, from %ld articles (%ld distinct "
            "events)</p></header>\n",
            g->nnodes, g->nedges, g->prov.articles, g->prov.keys);
    write_controls(out, &v);
    fprintf(out, "<main>\n<div id=\"stage\" lang=\"");
    bilat_markup_escape(out, lang);
    fputs("\">\n", out);
    st = write_svg(out, &v, err);
    if (st != BILAT_OK)
        goto cleanup;
    fputs(
        "</div>\n<aside id=\"panel\" aria-live=\"polite\"><h2 id=\"panel-title\">"
        "Select a state or a tie</h2><div id=\"panel-body\"><p>Hover over a state to see "
        "its partners; click it to keep the selection, click a tie for its events and "
        "evidence. Drag to pan, scroll to zoom.</p></div></aside>\n</main>\n",
        out);
    write_legends(out, &v);
    write_table(out, &v);
    fputs("<footer><p>Made by bilat ", out);
    bilat_markup_escape(out, g->prov.version);
    fputs(" from ", out);
    fprintf(out, "%ld events. Options: <code>", g->prov.events);
    bilat_markup_escape(out, g->prov.options);
    fputs("</code></p></footer>\n", out);
    st = write_data(out, &v, err);
    if (st != BILAT_OK)
        goto cleanup;
    fputs("<script>\n", out);
    fwrite(bilat_data_view_js, 1, bilat_data_view_js_len, out);
    fputs("</script>\n</body>\n</html>\n", out);
    if (ferror(out))
        st = bilat_error_set(err, BILAT_EIO, "<output>", 0, 0,
                             "could not write the report");
cleanup:
    view_destroy(&v);
    return st;
}
