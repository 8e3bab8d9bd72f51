/* Unit tests of the view module: the igraph layout and the HTML report, on graphs
 * built by hand.
 *
 * The program also writes reports for the browser test and the benchmark:
 *   test_view --handbuilt FILE            the hand-built graph's report
 *   test_view --synthetic N M FILE        a random graph of N states and M ties, with
 *                                         3 evidence sentences of 240 characters each;
 *                                         prints the build time and size */
#include "bilat/bilat.h"
#include "harness.h"
#include "util.h"
#include "view_internal.h"

#include <igraph.h>
#include <stdlib.h>
#include <time.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof *(a))

/* A hostile evidence sentence: markup, a quote, and an attempt to end the data block. */
#define HOSTILE_IMG "<img src=x onerror=alert(1)>"
#define HOSTILE_END "</script><script>alert(2)</script><!--"

static bilat_evidence_t ev_egy_sau[] = {
    {(char *)"news/a1.txt", (char *)"2024-01-05",
     (char *)"اتفقت مصر والسعودية على تنسيق المواقف."},
    {(char *)"news/a2.txt", (char *)"2024-03-10",
     (char *)"بحث وزيرا خارجية البلدين العلاقات."},
};
static bilat_evidence_t ev_egy_usa[] = {
    {(char *)"news/a3.txt", (char *)"2024-02-01",
     (char *)"اتهمت القاهرة واشنطن بالتدخل."},
};
static bilat_evidence_t ev_nato_usa[] = {
    {(char *)"news/b1.txt", NULL, (char *)"أيدت واشنطن خطة الحلف."},
};
static bilat_evidence_t ev_sau_som[] = {
    {(char *)"news/x.txt", (char *)"2024-02-11",
     (char *)"مباحثات بين الرياض ومقديشو " HOSTILE_IMG " و\"شراكة\" جديدة."},
    {(char *)"news/y.txt", (char *)"2024-02-12", (char *)"تعاون " HOSTILE_END},
};

static char dates_egy_sau[][11] = {"2024-01-05", "2024-02-02", "2024-03-10"};
static char dates_egy_usa[][11] = {"2024-02-01", "2024-02-20"};
static char dates_sau_som[][11] = {"2024-02-11", "2024-02-12"};

#define NODE(code, ar, en, pr)                                                           \
    .id = code, .label = (char *)(ar), .label_en = (char *)(en), .pagerank = (pr)
static bilat_node_t handbuilt_nodes[] = {
    {NODE("EGY", "مصر", "Egypt", 0.25), .mentions = 3, .degree = 2, .strength = 6,
     .betweenness = 1, .closeness = 0.8, .harmonic = 0.8, .eigenvector = 0.9},
    {NODE("NATO", "NATO", "NATO", 0.1), .org = true, .mentions = 1, .degree = 1,
     .strength = 1, .closeness = 0.4, .harmonic = 0.45, .eigenvector = 0.2,
     .community = 1},
    {NODE("SAU", "السعودية", "Saudi Arabia", 0.3), .mentions = 4, .degree = 2,
     .strength = 7, .betweenness = 3, .closeness = 0.9, .harmonic = 0.85,
     .eigenvector = 1},
    {NODE("SOM", "الصومال", "Somalia", 0.15), .mentions = 2, .degree = 1, .strength = 3,
     .closeness = 0.5, .harmonic = 0.55, .eigenvector = 0.4},
    {NODE("USA", "الولايات المتحدة", "United States", 0.2), .mentions = 2, .degree = 2,
     .strength = 3, .betweenness = 3, .closeness = 0.7, .harmonic = 0.7,
     .eigenvector = 0.5, .community = 1},
};

#define EDGE(s, t, w, sc, ev)                                                            \
    .source = (s), .target = (t), .weight = (w), .score = (sc),                          \
    .tone = (double)(sc) / (w), .evidence = (ev), .nevidence = ARRAY_LEN(ev)
static bilat_edge_t handbuilt_edges[] = {
    {EDGE(0, 2, 4, 10, ev_egy_sau), .counts = {[BILAT_CONSULT] = 2, [BILAT_AGREE] = 2},
     .docs = 3, .first_date = "2024-01-05", .last_date = "2024-03-10",
     .dates = dates_egy_sau, .ndates = ARRAY_LEN(dates_egy_sau)},
    {EDGE(0, 4, 2, -6, ev_egy_usa), .counts = {[BILAT_ACCUSE] = 2}, .docs = 1,
     .first_date = "2024-02-01", .last_date = "2024-02-20", .dates = dates_egy_usa,
     .ndates = ARRAY_LEN(dates_egy_usa)},
    {EDGE(1, 4, 1, 4, ev_nato_usa), .counts = {[BILAT_SUPPORT] = 1}, .docs = 1},
    {EDGE(2, 3, 3, 9, ev_sau_som), .counts = {[BILAT_COOPERATE] = 3}, .docs = 2,
     .first_date = "2024-02-11", .last_date = "2024-02-12", .dates = dates_sau_som,
     .ndates = ARRAY_LEN(dates_sau_som)},
};

static bilat_graph_t handbuilt = {
    .nodes = handbuilt_nodes,
    .nnodes = ARRAY_LEN(handbuilt_nodes),
    .edges = handbuilt_edges,
    .nedges = ARRAY_LEN(handbuilt_edges),
    .prov = {.version = (char *)"0.1.0",
             .options = (char *)"{\"evidence\":3}",
             .events = 9,
             .keys = 8,
             .articles = 6},
    .analysed = true,
};

/* The report of g as a string (caller frees), or NULL when writing failed. */
static char *report(const bilat_graph_t *g, const char *size_by, bilat_status_t *st)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    bilat_view_options_t opt = {size_by, "ar"};
    bilat_error_t err;
    *st = bilat_view_write(g, &opt, f, &err);
    fclose(f);
    if (*st != BILAT_OK) {
        free(text);
        return NULL;
    }
    return text;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* true when some src=, href=, url( or @import points at the network ("//" or http). */
static bool references_network(const char *html)
{
    static const char *const openers[] = {"src=", "href=", "url(", "@import"};
    for (size_t o = 0; o < ARRAY_LEN(openers); o++)
        for (const char *p = strstr(html, openers[o]); p; p = strstr(p + 1, openers[o])) {
            const char *q = p + strlen(openers[o]);
            while (*q == ' ' || *q == '"' || *q == '\'')
                q++;
            if (!strncmp(q, "//", 2) || !strncmp(q, "http:", 5) ||
                !strncmp(q, "https:", 6))
                return true;
        }
    return false;
}

static void test_layout(void)
{
    double a[2 * ARRAY_LEN(handbuilt_nodes)], b[2 * ARRAY_LEN(handbuilt_nodes)];
    INT_EQ(bilat_layout_compute(&handbuilt, a, NULL), BILAT_OK, "layout");
    INT_EQ(bilat_layout_compute(&handbuilt, b, NULL), BILAT_OK, "layout again");
    OK(memcmp(a, b, sizeof a) == 0, "the same graph gets the same coordinates");
    double lo = 1, hi = 0;
    for (size_t i = 0; i < ARRAY_LEN(a); i++) {
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
    }
    OK(lo >= 0 && hi <= 1, "coordinates lie in [0, 1]");
    OK(lo == 0 && hi == 1, "the longer side spans [0, 1]");
    OK(IGRAPH_FINALLY_STACK_EMPTY, "igraph's FINALLY stack is empty");

    /* without EGY–USA: two components, each laid out alone, then packed together */
    bilat_edge_t split_edges[] = {handbuilt_edges[0], handbuilt_edges[2],
                                  handbuilt_edges[3]};
    bilat_graph_t split = handbuilt;
    split.edges = split_edges;
    split.nedges = ARRAY_LEN(split_edges);
    INT_EQ(bilat_layout_compute(&split, a, NULL), BILAT_OK, "layout of two components");
    INT_EQ(bilat_layout_compute(&split, b, NULL), BILAT_OK, "and again");
    OK(memcmp(a, b, sizeof a) == 0, "two components: the same coordinates again");
    bool apart = true, inside = true;
    for (size_t i = 0; i < ARRAY_LEN(handbuilt_nodes); i++) {
        inside = inside && a[2 * i] >= 0 && a[2 * i] <= 1 && a[2 * i + 1] >= 0 &&
                 a[2 * i + 1] <= 1;
        for (size_t j = 0; j < i; j++)
            apart = apart && (a[2 * i] != a[2 * j] || a[2 * i + 1] != a[2 * j + 1]);
    }
    OK(inside && apart, "two components: distinct points in [0, 1]");
    OK(IGRAPH_FINALLY_STACK_EMPTY, "igraph's FINALLY stack is empty after merging");

    /* one node sits in the middle; no node is no work */
    bilat_graph_t one = handbuilt;
    one.nnodes = 1;
    one.nedges = 0;
    INT_EQ(bilat_layout_compute(&one, a, NULL), BILAT_OK, "layout of one node");
    OK(a[0] == 0.5 && a[1] == 0.5, "a single node is centred");
}

static void test_report(void)
{
    bilat_status_t st;
    char *html = report(&handbuilt, NULL, &st);
    INT_EQ(st, BILAT_OK, "report of the hand-built graph");
    if (!html)
        return;
    INT_EQ(count(html, "data-id="), 5, "one data-id per state");
    const char *codes[] = {"EGY", "NATO", "SAU", "SOM", "USA"};
    for (size_t i = 0; i < ARRAY_LEN(codes); i++) {
        char attr[32];
        snprintf(attr, sizeof attr, "data-id=\"%s\"", codes[i]);
        INT_EQ(count(html, attr), 1, attr);
    }
    const char *svg_end = strstr(html, "</svg>");
    OK(svg_end && strstr(html, "data-id=\"USA\"") < svg_end,
       "states are inside the <svg>");

    /* hostile evidence stays text: never raw markup, and the data block cannot end early
     */
    INT_EQ(count(html, HOSTILE_IMG), 0, "no raw <img> from the evidence");
    INT_EQ(count(html, "<script"), 2, "only the data block and the script open a script");
    INT_EQ(count(html, "</script"), 2, "nothing else closes one");
    INT_EQ(count(html, "<!--"), 0, "no comment opens");
    INT_EQ(count(html, "\\u003cimg src=x onerror=alert(1)>"), 1,
           "evidence escaped in the data");
    INT_EQ(count(html, "\\\"شراكة\\\""), 1, "the quote is JSON-escaped");
    INT_EQ(count(html, "\\u003c/script>\\u003cscript>alert(2)\\u003c/script>\\u003c!--"),
           1, "the closing tag is escaped");

    OK(!references_network(html), "no network reference");
    OK(strstr(html, "http:") == NULL && strstr(html, "https:") == NULL, "no http at all");

    /* Arabic labels are drawn right to left, a Latin one left to right */
    OK(strstr(html, "<text y=\"") != NULL, "labels are SVG text");
    OK(strstr(html, "direction=\"rtl\" unicode-bidi=\"embed\">السعودية</text>") != NULL,
       "Arabic label rtl");
    OK(strstr(html, ">NATO</text>") != NULL &&
           strstr(html, "direction=\"rtl\" unicode-bidi=\"embed\">NATO") == NULL,
       "Latin label ltr");

    /* the ranked table: by PageRank, the same numbers as the graph */
    const char *rank = strstr(html, "States ranked by pagerank");
    OK(rank != NULL, "table heading names the measure");
    const char *sau = rank ? strstr(rank, "</i>SAU</td>") : NULL;
    const char *egy = rank ? strstr(rank, "</i>EGY</td>") : NULL;
    const char *nato = rank ? strstr(rank, "</i>NATO</td>") : NULL;
    OK(sau && egy && nato && sau < egy && egy < nato, "ranked by pagerank, descending");
    OK(strstr(html,
              "السعودية</td><td>2</td><td>7</td><td>3.00</td><td>0.9000</td>"
              "<td>0.8500</td><td>1.0000</td><td>0.3000</td><td>0</td></tr>") != NULL,
       "Saudi Arabia's measures as printed by analyze");

    /* the tie colours: cooperative green, conflictual red */
    const char *accuse = strstr(html, "<line data-e=\"1\"");
    OK(accuse && strstr(accuse, "stroke=\"#be6161\"") < strchr(accuse, '\n'),
       "tone -3: three fifths of the way from grey to red");
    const char *coop = strstr(html, "<line data-e=\"0\"");
    OK(coop && strstr(coop, "stroke=\"#679e7b\"") < strchr(coop, '\n'),
       "tone 2.5: half way from grey to green");
    OK(strstr(html, "<legend>Relation types</legend>") != NULL, "type filter");
    INT_EQ(count(html, "type=\"checkbox\""), 5, "a checkbox per type present");

    char *again = report(&handbuilt, NULL, &st);
    OK(again && strcmp(html, again) == 0, "byte-identical on a second run");
    free(again);
    free(html);
}

static void test_options(void)
{
    bilat_status_t st;
    char *html = report(&handbuilt, "degree", &st);
    OK(html && strstr(html, "States ranked by degree") != NULL, "--size degree");
    free(html);
    bilat_error_t err;
    bilat_view_options_t opt = {"colour", "ar"};
    FILE *f = fopen("/dev/null", "w");
    INT_EQ(bilat_view_write(&handbuilt, &opt, f, &err), BILAT_EINVAL, "unknown measure");
    OK(strstr(err.text, "colour") != NULL, "the error names it");
    fclose(f);

    bilat_graph_t empty = {0};
    empty.prov.version = (char *)"0.1.0";
    html = report(&empty, NULL, &st);
    INT_EQ(st, BILAT_OK, "an empty graph still gives a report");
    OK(html && count(html, "data-id=") == 0 && strstr(html, "</html>"), "empty report");
    free(html);
}

/* ---- drivers for the browser test and the benchmark ---------------------------------
 */

static unsigned long rng_state = 42;
static unsigned long rng(unsigned long n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (rng_state >> 33) % n;
}

/* A vocabulary of random Arabic words, 2 to 8 letters: sentences made of it deflate
 * about as well as news text does (the report compresses large evidence tables). */
#define VOCABULARY 3000
static char *words[VOCABULARY];

static void make_words(void)
{
    for (size_t w = 0; w < VOCABULARY; w++) {
        size_t letters = 2 + rng(7), len = 0;
        words[w] = malloc(2 * letters + 1);
        for (size_t l = 0; l < letters; l++)
            len += (size_t)bilat_utf8_put(0x0628 + (uint32_t)rng(26), words[w] + len);
        words[w][len] = '\0';
    }
}

/* A sentence of exactly 240 characters (the evidence cut). */
static char *sentence(void)
{
    char *s = malloc(240 * 2 + 8);
    size_t chars = 0, len = 0;
    while (chars < 240) {
        if (chars) {
            s[len++] = ' ';
            chars++;
        }
        const char *word = words[rng(VOCABULARY)];
        size_t i = 0, wl = strlen(word);
        while (i < wl && chars < 240) {
            size_t start = i;
            bilat_utf8_next(word, wl, &i);
            memcpy(s + len, word + start, i - start);
            len += i - start;
            chars++;
        }
    }
    s[len] = '\0';
    return s;
}

/* n states and m distinct ties, each with 3 evidence sentences, analysed by bilat. */
static bilat_graph_t *synthetic(size_t n, size_t m)
{
    make_words();
    bilat_graph_t *g = calloc(1, sizeof *g);
    bool *tied = calloc(n * n, sizeof *tied);
    g->nodes = calloc(n, sizeof *g->nodes);
    g->edges = calloc(m, sizeof *g->edges);
    g->nnodes = n;
    g->prov.version = bilat_strdup("0.1.0");
    g->prov.options = bilat_strdup("{}");
    for (size_t i = 0; i < n; i++) {
        bilat_node_t *nd = &g->nodes[i];
        snprintf(nd->id, sizeof nd->id, "S%04u", (unsigned)(i % 10000));
        nd->label = malloc(64);
        snprintf(nd->label, 64, "%s %s", words[i % VOCABULARY],
                 words[(n + i) % VOCABULARY]);
        nd->label_en = malloc(32);
        snprintf(nd->label_en, 32, "State %zu", i);
    }
    /* ties favour low-numbered states (a heavy-tailed degree, as in the news); the
     * pairs come out in random order, which the view does not mind */
    while (g->nedges < m && g->nedges < n * (n - 1) / 2) {
        size_t a = rng(n) * rng(n) / n, b = rng(n);
        if (a == b || tied[a * n + b])
            continue;
        tied[a * n + b] = tied[b * n + a] = true;
        bilat_edge_t *e = &g->edges[g->nedges++];
        e->source = a < b ? a : b;
        e->target = a < b ? b : a;
        e->weight = 1 + (long)(rng(20) * rng(20) / 20);
        e->counts[rng(BILAT_NTYPES)] = e->weight;
        e->score = (double)rng(21) - 10.0;
        e->tone = e->score / (double)e->weight;
        e->docs = e->weight;
        snprintf(e->first_date, 11, "2023-%02lu-%02lu", 1 + rng(12), 1 + rng(28));
        snprintf(e->last_date, 11, "2024-%02lu-%02lu", 1 + rng(12), 1 + rng(28));
        e->nevidence = 3;
        e->evidence = calloc(3, sizeof *e->evidence);
        for (int x = 0; x < 3; x++) {
            e->evidence[x].doc = malloc(48);
            snprintf(e->evidence[x].doc, 48, "corpus/2024/%02lu/article-%05lu.txt",
                     1 + rng(12), rng(20000));
            e->evidence[x].date = bilat_strdup(x ? e->last_date : e->first_date);
            e->evidence[x].sentence = sentence();
        }
    }
    free(tied);
    for (size_t w = 0; w < VOCABULARY; w++)
        free(words[w]);
    bilat_error_t err;
    if (bilat_graph_analyse(g, false, &err) != BILAT_OK)
        fprintf(stderr, "test_view: analysis failed: %s\n", err.text);
    return g;
}

static int write_file(const bilat_graph_t *g, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    bilat_error_t err;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bilat_status_t st = bilat_view_write(g, NULL, f, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long bytes = ftell(f);
    fclose(f);
    if (st != BILAT_OK) {
        fprintf(stderr, "test_view: %s\n", err.text);
        return 1;
    }
    printf("%zu states, %zu ties: %ld bytes in %.3f s\n", g->nnodes, g->nedges, bytes,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}

/* Over 1 MB of evidence text: the sentences leave the JSON for the deflated block. */
static void test_large(void)
{
    bilat_graph_t *g = synthetic(60, 1000);
    bilat_status_t st;
    char *html = report(g, NULL, &st);
    INT_EQ(st, BILAT_OK, "report of 1,000 ties");
    OK(html &&
           count(html, "id=\"bilat-evidence\" data-encoding=\"deflate base64\">") == 1,
       "the evidence is deflated");
    OK(html && count(html, "\"sentences\":null") == 1, "and not in the JSON");
    OK(html && strstr(html, g->edges[0].evidence[0].sentence) == NULL,
       "nor anywhere in clear");
    INT_EQ(html ? count(html, "data-id=") : 0, 60, "every state drawn");
    free(html);
    bilat_graph_free(g);
}

/* A directed graph: arrows, and A→B beside B→A. */
static void test_directed(void)
{
    bilat_graph_t directed = handbuilt;
    directed.directed = true;
    bilat_status_t st;
    char *html = report(&directed, NULL, &st);
    OK(html && strstr(html, "<svg id=\"graph\" class=\"directed\"") != NULL,
       "directed class");
    OK(html && count(html, "<marker id=\"arrow\"") == 1, "one arrow marker");
    free(html);
}

int main(int argc, char **argv)
{
    bilat_init();
    if (argc == 3 && !strcmp(argv[1], "--handbuilt"))
        return write_file(&handbuilt, argv[2]);
    if (argc == 5 && !strcmp(argv[1], "--synthetic")) {
        bilat_graph_t *g =
            synthetic(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10));
        int status = write_file(g, argv[4]);
        bilat_graph_free(g);
        return status;
    }
    test_layout();
    test_report();
    test_options();
    test_large();
    test_directed();
    return test_summary("test_view");
}
