/* Unit tests of the graph modules: aggregation (keys counted once, negation, filters,
 * directed graphs, order independence, evidence) and the igraph measures on graphs
 * small enough to compute by hand. */
#include "bilat/bilat.h"
#include "graph_internal.h"
#include "harness.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NEAR(got, want, msg) OK(fabs((got) - (want)) < 1e-9, msg)

/* An event with borrowed-then-copied strings. */
static bilat_event_t event(const char *doc, const char *date, const char *a,
                           const char *b, bilat_type_t type, double score,
                           const char *key)
{
    bilat_event_t ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = strdup(doc);
    ev.date = date ? strdup(date) : NULL;
    snprintf(ev.source, sizeof ev.source, "%s", a);
    snprintf(ev.target, sizeof ev.target, "%s", b);
    ev.type = type;
    ev.score = score;
    ev.trigger = strdup("trigger");
    ev.text = strdup("A sentence with the trigger in it.");
    snprintf(ev.key, sizeof ev.key, "%s", key);
    return ev;
}

static void add(bilat_aggregate_t *ag, bilat_event_t ev)
{
    bilat_error_t err;
    INT_EQ(bilat_aggregate_add(ag, &ev, &err), BILAT_OK, "aggregate_add");
    bilat_event_destroy(&ev);
}

static bilat_graph_t *graph_of(bilat_aggregate_t *ag)
{
    bilat_graph_t *g = NULL;
    bilat_error_t err;
    INT_EQ(bilat_graph_build(ag, NULL, &g, &err), BILAT_OK, "graph_build");
    OK(IGRAPH_FINALLY_STACK_EMPTY, "igraph finally stack empty");
    return g;
}

static void test_keys_once(void)
{
    bilat_graph_options_t opt;
    bilat_graph_options_init(&opt);
    bilat_aggregate_t *ag = bilat_aggregate_new(&opt);
    /* the same sentence (key) in three articles, one of them undated */
    add(ag,
        event("b.txt", "2024-05-02", "EGY", "SAU", BILAT_CONSULT, 1, "00000000000000a1"));
    add(ag,
        event("a.txt", "2024-05-01", "EGY", "SAU", BILAT_CONSULT, 1, "00000000000000a1"));
    add(ag, event("c.txt", NULL, "EGY", "SAU", BILAT_CONSULT, 1, "00000000000000a1"));
    /* another key on the same pair, given in reverse order of codes */
    add(ag,
        event("a.txt", "2024-05-01", "SAU", "EGY", BILAT_AGREE, 4, "00000000000000a2"));
    /* negated, and an actor with itself: never edges, but counted as events */
    bilat_event_t neg =
        event("d.txt", "2024-05-03", "EGY", "USA", BILAT_ACCUSE, -2, "00000000000000a3");
    neg.negated = true;
    add(ag, neg);
    add(ag,
        event("d.txt", "2024-05-03", "USA", "USA", BILAT_SUPPORT, 3, "00000000000000a4"));
    bilat_graph_t *g = graph_of(ag);
    INT_EQ(g->nnodes, 2, "nodes: endpoints of kept edges");
    INT_EQ(g->nedges, 1, "one edge");
    STR_EQ(g->nodes[0].id, "EGY", "nodes sorted by code");
    STR_EQ(g->nodes[1].id, "SAU", "second node");
    const bilat_edge_t *e = &g->edges[0];
    INT_EQ(e->source, 0, "source < target");
    INT_EQ(e->weight, 2, "weight = distinct keys");
    NEAR(e->score, 5, "score: one per key");
    NEAR(e->tone, 2.5, "tone = score / weight");
    INT_EQ(e->counts[BILAT_CONSULT], 1, "consult counted once");
    INT_EQ(e->counts[BILAT_AGREE], 1, "agree");
    INT_EQ(e->docs, 3, "docs: distinct articles of all occurrences");
    STR_EQ(e->first_date, "2024-05-01", "first date");
    STR_EQ(e->last_date, "2024-05-02", "last date");
    INT_EQ(e->ndates, 2, "distinct dates");
    INT_EQ(e->nevidence, 2, "evidence: one occurrence per key");
    STR_EQ(e->evidence[0].doc, "a.txt", "evidence by (date, doc, start)");
    INT_EQ(g->nodes[0].mentions, 2, "mentions: distinct keys");
    INT_EQ(g->prov.events, 6, "provenance: all events");
    INT_EQ(g->prov.keys, 4, "provenance: distinct keys");
    INT_EQ(g->prov.articles, 4, "provenance: articles with events");
    STR_EQ(
        g->prov.options,
        "{\"actors\":null,\"directed\":false,\"evidence\":3,\"lang\":\"ar\",\"leiden\":"
        "false,\"min_weight\":1,\"since\":null,\"types\":null,\"until\":null}",
        "provenance options");
    OK(g->analysed, "analysed");
    bilat_graph_free(g);
    bilat_aggregate_free(ag);
}

/* A small corpus added in two orders must give the same graph file, byte for byte. */
static char *json_of_order(bool reverse, int evidence)
{
    struct {
        const char *doc, *date, *a, *b;
        bilat_type_t t;
        double score;
        const char *key;
    } evs[] = {
        {"x/1.txt", "2024-01-03", "FRA", "DEU", BILAT_AGREE, 4, "1000000000000001"},
        {"x/2.txt", "2024-01-01", "FRA", "DEU", BILAT_AGREE, 4, "1000000000000001"},
        {"x/2.txt", "2024-01-01", "FRA", "DEU", BILAT_CONSULT, 1, "1000000000000002"},
        {"x/3.txt", "2024-01-02", "DEU", "ITA", BILAT_REJECT, -3, "1000000000000003"},
        {"x/3.txt", NULL, "FRA", "ITA", BILAT_SUPPORT, 3, "1000000000000004"},
        {"x/4.txt", "2024-01-05", "FRA", "DEU", BILAT_COOPERATE, 3, "1000000000000005"},
        {"x/4.txt", "2024-01-05", "ESP", "ITA", BILAT_AID, 5, "1000000000000006"},
    };
    size_t n = sizeof evs / sizeof *evs;
    bilat_graph_options_t opt;
    bilat_graph_options_init(&opt);
    opt.evidence = evidence;
    bilat_aggregate_t *ag = bilat_aggregate_new(&opt);
    for (size_t k = 0; k < n; k++) {
        size_t i = reverse ? n - 1 - k : k;
        add(ag, event(evs[i].doc, evs[i].date, evs[i].a, evs[i].b, evs[i].t, evs[i].score,
                      evs[i].key));
    }
    bilat_graph_t *g = graph_of(ag);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    bilat_error_t err;
    INT_EQ(bilat_graph_write(g, BILAT_FORMAT_JSON, NULL, f, &err), BILAT_OK,
           "write json");
    fclose(f);
    bilat_graph_free(g);
    bilat_aggregate_free(ag);
    return buf;
}

static void test_order_independent(void)
{
    for (int evidence = 1; evidence <= 3; evidence += 2) {
        char *a = json_of_order(false, evidence), *b = json_of_order(true, evidence);
        STR_EQ(a, b, "same graph whatever the order of events");
        free(a);
        free(b);
    }
}

static bilat_graph_t *filtered(const bilat_graph_options_t *opt)
{
    bilat_aggregate_t *ag = bilat_aggregate_new(opt);
    add(ag, event("1", "2024-02-01", "EGY", "SAU", BILAT_CONSULT, 1, "2000000000000001"));
    add(ag, event("1", "2024-02-10", "EGY", "SAU", BILAT_AGREE, 4, "2000000000000002"));
    add(ag,
        event("2", "2024-03-01", "IRN", "USA", BILAT_THREATEN, -4, "2000000000000003"));
    add(ag, event("3", NULL, "CHN", "RUS", BILAT_AGREE, 4, "2000000000000004"));
    bilat_graph_t *g = graph_of(ag);
    bilat_aggregate_free(ag);
    return g;
}

static void test_filters(void)
{
    bilat_graph_options_t opt;
    bilat_graph_options_init(&opt);
    bilat_graph_t *g = filtered(&opt);
    INT_EQ(g->nedges, 3, "no filter: undated events kept");
    bilat_graph_free(g);

    opt.types = 1u << BILAT_AGREE;
    g = filtered(&opt);
    INT_EQ(g->nedges, 2, "types=AGREE");
    INT_EQ(g->edges[0].weight, 1, "CHN-RUS agree");
    bilat_graph_free(g);

    bilat_graph_options_init(&opt);
    opt.min_weight = 2;
    g = filtered(&opt);
    INT_EQ(g->nedges, 1, "min_weight 2");
    STR_EQ(g->nodes[g->edges[0].source].id, "EGY", "the weight-2 edge");
    bilat_graph_free(g);

    bilat_graph_options_init(&opt);
    opt.since = "2024-02-05";
    g = filtered(&opt);
    INT_EQ(g->nedges, 2, "since: earlier and undated events dropped");
    INT_EQ(g->edges[0].weight, 1, "EGY-SAU keeps one key");
    STR_EQ(g->edges[0].first_date, "2024-02-10", "first date after since");
    bilat_graph_free(g);

    bilat_graph_options_init(&opt);
    opt.until = "2024-02-10";
    g = filtered(&opt);
    INT_EQ(g->nedges, 1, "until: inclusive");
    INT_EQ(g->edges[0].weight, 2, "both EGY-SAU events");
    bilat_graph_free(g);

    bilat_graph_options_init(&opt);
    const char *actors[] = {"USA", "CHN", NULL};
    opt.actors = actors;
    g = filtered(&opt);
    INT_EQ(g->nedges, 2, "actors: edges touching USA or CHN");
    INT_EQ(g->nnodes, 4, "their endpoints");
    STR_EQ(
        g->prov.options,
        "{\"actors\":[\"CHN\",\"USA\"],\"directed\":false,\"evidence\":3,\"lang\":\"ar\","
        "\"leiden\":false,\"min_weight\":1,\"since\":null,\"types\":null,\"until\":null}",
        "actors sorted in the provenance");
    bilat_graph_free(g);
}

static void test_directed(void)
{
    bilat_graph_options_t opt;
    bilat_graph_options_init(&opt);
    opt.directed = true;
    bilat_aggregate_t *ag = bilat_aggregate_new(&opt);
    bilat_event_t ev =
        event("1", "2024-01-01", "USA", "IRN", BILAT_THREATEN, -4, "3000000000000001");
    ev.directed = true;
    add(ag, ev);
    /* symmetric: both directions */
    add(ag, event("1", "2024-01-01", "IRN", "USA", BILAT_CONSULT, 1, "3000000000000002"));
    bilat_graph_t *g = graph_of(ag);
    OK(g->directed, "directed graph");
    INT_EQ(g->nedges, 2, "two directed edges");
    STR_EQ(g->nodes[g->edges[0].source].id, "IRN", "IRN->USA first");
    INT_EQ(g->edges[0].weight, 1, "IRN->USA: the symmetric event");
    INT_EQ(g->edges[1].weight, 2, "USA->IRN: both");
    INT_EQ(g->edges[1].counts[BILAT_THREATEN], 1, "threaten on USA->IRN");
    INT_EQ(g->nodes[0].mentions, 2, "mentions: a key on two edges counts once");
    INT_EQ(g->nodes[0].degree, 2, "degree: in + out");
    bilat_graph_free(g);
    bilat_aggregate_free(ag);
}

static void test_evidence_cut(void)
{
    /* 300 characters of Arabic around a Latin trigger near the end */
    char text[2048] = "";
    for (int i = 0; i < 280; i++)
        strcat(text, "\xD8\xB3"); /* س */
    strcat(text, "MARK");
    for (int i = 0; i < 16; i++)
        strcat(text, "\xD8\xB5"); /* ص */
    bilat_graph_options_t opt;
    bilat_graph_options_init(&opt);
    bilat_aggregate_t *ag = bilat_aggregate_new(&opt);
    bilat_event_t ev =
        event("1", NULL, "EGY", "SAU", BILAT_CONSULT, 1, "4000000000000001");
    free(ev.text);
    free(ev.trigger);
    ev.text = strdup(text);
    ev.trigger = strdup("MARK");
    add(ag, ev);
    bilat_graph_t *g = graph_of(ag);
    const char *s = g->edges[0].evidence[0].sentence;
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++)
        bilat_utf8_next(s, len, &i);
    INT_EQ(n, 240, "cut to 240 characters");
    OK(strstr(s, "MARK") != NULL, "the trigger stays");
    OK(strncmp(s, "\xE2\x80\xA6", 3) == 0, "cut at the start: ellipsis");
    OK(strcmp(s + len - 2, "\xD8\xB5") == 0, "the end was reached: no ellipsis");
    bilat_graph_free(g);
    bilat_aggregate_free(ag);
}

/* ---------------------------------------------------------------------------------- */
/* Measures on hand-made graphs                                                       */

/* A graph of n nodes named by codes[] and m weighted undirected edges (pairs of node
 * indices, source < target, sorted). */
static bilat_graph_t *hand_graph(const char *const *codes, size_t n,
                                 const size_t (*ends)[2], const long *w, size_t m)
{
    bilat_graph_t *g = calloc(1, sizeof *g);
    g->nodes = calloc(n, sizeof *g->nodes);
    g->edges = calloc(m ? m : 1, sizeof *g->edges);
    g->nnodes = n;
    g->nedges = m;
    for (size_t i = 0; i < n; i++) {
        snprintf(g->nodes[i].id, sizeof g->nodes[i].id, "%s", codes[i]);
        g->nodes[i].label = strdup(codes[i]);
        g->nodes[i].label_en = strdup(codes[i]);
    }
    for (size_t j = 0; j < m; j++) {
        g->edges[j].source = ends[j][0];
        g->edges[j].target = ends[j][1];
        g->edges[j].weight = w[j];
    }
    return g;
}

static void analyse(bilat_graph_t *g, bool leiden)
{
    bilat_error_t err;
    INT_EQ(bilat_graph_analyse(g, leiden, &err), BILAT_OK, "analyse");
    OK(IGRAPH_FINALLY_STACK_EMPTY, "igraph finally stack empty");
}

static void test_path(void)
{
    /* A - B - C, weights 1 */
    const char *codes[] = {"AAA", "BBB", "CCC"};
    const size_t ends[][2] = {{0, 1}, {1, 2}};
    const long w[] = {1, 1};
    bilat_graph_t *g = hand_graph(codes, 3, ends, w, 2);
    analyse(g, false);
    INT_EQ(g->nodes[1].degree, 2, "degree B");
    NEAR(g->nodes[1].strength, 2, "strength B");
    NEAR(g->nodes[1].betweenness, 1, "betweenness B: the pair A-C once");
    NEAR(g->nodes[0].betweenness, 0, "betweenness A");
    NEAR(g->nodes[0].closeness, 1 / 1.5, "closeness A: 1 / mean(1, 2)");
    NEAR(g->nodes[1].closeness, 1, "closeness B");
    NEAR(g->nodes[0].harmonic, 0.75, "harmonic A: (1 + 1/2) / 2");
    NEAR(g->nodes[1].harmonic, 1, "harmonic B");
    NEAR(g->nodes[0].eigenvector, 1 / sqrt(2), "eigenvector A: 1/sqrt 2 of the max");
    NEAR(g->nodes[1].eigenvector, 1, "eigenvector B: the max");
    /* b = 0.05 + 0.85 * 2a, a = 0.05 + 0.85 * b / 2 */
    NEAR(g->nodes[1].pagerank, 0.135 / 0.2775, "pagerank B");
    NEAR(g->nodes[0].pagerank, 0.05 + 0.425 * 0.135 / 0.2775, "pagerank A");
    INT_EQ(g->nodes[2].component, 0, "one component");
    bilat_graph_free(g);
}

static void test_epsilon_ties(void)
{
    /* A–B (2), B–C (3), C–D (6), A–D (1): A to D is 1/2 + 1/3 + 1/6 = 1 either way,
     * though the floating sum is 0.9999999999999999.  Exact betweenness: B and C each
     * get 1 (A–C, B–D) + 1/2 (A–D). */
    const char *codes[] = {"AAA", "BBB", "CCC", "DDD"};
    const size_t ends[][2] = {{0, 1}, {0, 3}, {1, 2}, {2, 3}};
    const long w[] = {2, 1, 3, 6};
    bilat_graph_t *g = hand_graph(codes, 4, ends, w, 4);
    analyse(g, false);
    NEAR(g->nodes[0].betweenness, 0, "betweenness A");
    NEAR(g->nodes[1].betweenness, 1.5, "betweenness B with the tie");
    NEAR(g->nodes[2].betweenness, 1.5, "betweenness C with the tie");
    NEAR(g->nodes[3].betweenness, 0, "betweenness D");
    bilat_graph_free(g);
}

static void test_components(void)
{
    /* EEE–FFF (1), then AAA–BBB (2) and BBB–CCC (2), and a lone DDD */
    const char *codes[] = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF"};
    const size_t ends[][2] = {{0, 1}, {1, 2}, {4, 5}};
    const long w[] = {2, 2, 1};
    bilat_graph_t *g = hand_graph(codes, 6, ends, w, 3);
    for (int leiden = 0; leiden <= 1; leiden++) {
        analyse(g, leiden);
        INT_EQ(g->nodes[0].component, 0, "component of AAA");
        INT_EQ(g->nodes[3].component, 1, "lone DDD");
        INT_EQ(g->nodes[5].component, 2, "component of FFF");
        NEAR(g->nodes[1].eigenvector, 1, "max of the first component");
        NEAR(g->nodes[2].eigenvector, 1 / sqrt(2), "eigenvector CCC");
        NEAR(g->nodes[4].eigenvector, 1, "max of the pair");
        NEAR(g->nodes[3].eigenvector, 1, "a lone node is its own max");
        NEAR(g->nodes[3].closeness, 0, "lone: closeness 0");
        NEAR(g->nodes[3].harmonic, 0, "lone: harmonic 0");
        NEAR(g->nodes[4].closeness, 1, "closeness in the pair");
        NEAR(g->nodes[4].harmonic, 0.2, "harmonic: 1 / (n - 1)");
        INT_EQ(g->nodes[0].community, 0, "communities numbered by smallest code");
        INT_EQ(g->nodes[2].community, 0, "one community per component here");
        INT_EQ(g->nodes[3].community, 1, "lone DDD");
        INT_EQ(g->nodes[4].community, 2, "the pair");
    }
    bilat_graph_free(g);
}

static void test_exact_ties(void)
{
    /* A ring of seven states with equal ties, and a star of a hub with three leaves
     * (weights 2): symmetric nodes must carry the very same numbers, or the rankings
     * would order them by the solvers' rounding noise. */
    const char *codes[] = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF",
                           "GGG", "HUB", "LFA", "LFB", "LFC"};
    const size_t ends[][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5},
                              {5, 6}, {0, 6}, {7, 8}, {7, 9}, {7, 10}};
    const long w[] = {3, 3, 3, 3, 3, 3, 3, 2, 2, 2};
    bilat_graph_t *g = hand_graph(codes, 11, ends, w, 10);
    analyse(g, false);
    bool same = true;
    for (size_t i = 1; i < 7; i++)
        same &= g->nodes[i].eigenvector == g->nodes[0].eigenvector &&
                g->nodes[i].pagerank == g->nodes[0].pagerank &&
                g->nodes[i].closeness == g->nodes[0].closeness &&
                g->nodes[i].harmonic == g->nodes[0].harmonic &&
                g->nodes[i].betweenness == g->nodes[0].betweenness;
    OK(same, "the ring's states tie exactly");
    OK(g->nodes[0].eigenvector == 1.0, "each of the ring is its component's max: 1");
    /* 7 pairs two apart with one state between, 7 three apart with two: 21 / 7 */
    OK(g->nodes[0].betweenness == 3.0, "ring betweenness 3");
    OK(g->nodes[7].eigenvector == 1.0, "the hub is the star's max");
    OK(g->nodes[8].eigenvector == g->nodes[9].eigenvector &&
           g->nodes[9].eigenvector == g->nodes[10].eigenvector &&
           g->nodes[8].pagerank == g->nodes[10].pagerank,
       "the leaves tie exactly");
    NEAR(g->nodes[8].eigenvector, 1 / sqrt(3), "leaf: 1/sqrt 3 of the hub");
    bilat_graph_free(g);
}

static void test_measures(void)
{
    INT_EQ(bilat_measure_parse("pagerank"), BILAT_MEASURE_PAGERANK, "pagerank ranks");
    INT_EQ(bilat_measure_parse("mentions"), BILAT_MEASURE_MENTIONS, "mentions ranks");
    INT_EQ(bilat_measure_parse("community"), BILAT_NMEASURES, "community does not rank");
    INT_EQ(bilat_measure_parse(NULL), BILAT_NMEASURES, "no name");
    STR_EQ(bilat_measure_name(BILAT_MEASURE_COMPONENT), "component", "a name");
    bilat_node_t v = {.degree = 4, .eigenvector = 0.5};
    NEAR(bilat_measure_get(&v, BILAT_MEASURE_DEGREE), 4, "a count read as a double");
    NEAR(bilat_measure_get(&v, BILAT_MEASURE_EIGENVECTOR), 0.5, "a real");
    bilat_measure_set(&v, BILAT_MEASURE_DEGREE, 7);
    INT_EQ(v.degree, 7, "a count set");
    bilat_measure_set(&v, BILAT_MEASURE_MENTIONS, 2.5);
    INT_EQ(v.mentions, 0, "a count is a whole number, else 0");
    bilat_measure_set(&v, BILAT_MEASURE_COMMUNITY, 1e300);
    INT_EQ(v.community, 0, "a count out of range: 0, no undefined cast");
    bilat_measure_set(&v, BILAT_MEASURE_PAGERANK, NAN);
    OK(v.pagerank == 0, "a real is never NaN");
    bilat_measure_set(&v, BILAT_MEASURE_STRENGTH, 2.25);
    OK(v.strength == 2.25, "a real set");
}

int main(void)
{
    bilat_init();
    test_keys_once();
    test_order_independent();
    test_filters();
    test_directed();
    test_evidence_cut();
    test_path();
    test_epsilon_ties();
    test_components();
    test_exact_ties();
    test_measures();
    return test_summary("test_graph");
}
