/* Unit tests of the exporters: every format byte for byte on a tiny graph (expected
 * files in tests/unit/export/), escaping, read-back round trips, atomic writing, the
 * ranking and ego tables.  Run with BILAT_UPDATE=1 to rewrite the expected files. */
#include "bilat/bilat.h"
#include "graph_internal.h"
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXPECTED BILAT_SOURCE_ROOT "/tests/unit/export/"

/* The tiny graph: EGY – SAU (weight 3, dated, evidence with awkward characters) and
 * SAU – USA (weight 1, undated), with labels that need escaping in every format. */
static bilat_graph_t *tiny(void)
{
    bilat_graph_t *g = calloc(1, sizeof *g);
    g->nnodes = 3;
    g->nodes = calloc(3, sizeof *g->nodes);
    const char *ids[] = {"EGY", "SAU", "USA"};
    const char *labels[] = {"مصر", "السعودية \"و\" <شركاؤها> & co, ltd",
                            "الولايات المتحدة"};
    const char *en[] = {"Egypt", "Saudi Arabia", "United States"};
    for (int i = 0; i < 3; i++) {
        snprintf(g->nodes[i].id, sizeof g->nodes[i].id, "%s", ids[i]);
        g->nodes[i].label = strdup(labels[i]);
        g->nodes[i].label_en = strdup(en[i]);
    }
    g->nodes[0].mentions = 3;
    g->nodes[1].mentions = 4;
    g->nodes[2].mentions = 1;
    g->nedges = 2;
    g->edges = calloc(2, sizeof *g->edges);
    bilat_edge_t *e = &g->edges[0];
    e->source = 0;
    e->target = 1;
    e->weight = 3;
    e->score = 0.1 + 0.2 + 5; /* a real that needs 17 digits */
    e->tone = e->score / 3;
    e->counts[BILAT_CONSULT] = 2;
    e->counts[BILAT_AGREE] = 1;
    e->docs = 2;
    snprintf(e->first_date, sizeof e->first_date, "2024-04-01");
    snprintf(e->last_date, sizeof e->last_date, "2024-04-03");
    e->ndates = 2;
    e->dates = calloc(2, sizeof *e->dates);
    memcpy(e->dates[0], "2024-04-01", 11);
    memcpy(e->dates[1], "2024-04-03", 11);
    e->nevidence = 2;
    e->evidence = calloc(2, sizeof *e->evidence);
    e->evidence[0].doc = strdup("news/a.txt");
    e->evidence[0].date = strdup("2024-04-01");
    e->evidence[0].sentence = strdup("بحث الوزيران \"الملف\", ثم\nاتفقا.");
    e->evidence[1].doc = strdup("news/b.txt");
    e->evidence[1].date = NULL;
    e->evidence[1].sentence = strdup("a\\b\ttab");
    e = &g->edges[1];
    e->source = 1;
    e->target = 2;
    e->weight = 1;
    e->score = -4;
    e->tone = -4;
    e->counts[BILAT_THREATEN] = 1;
    e->docs = 1;
    g->prov.version = strdup(BILAT_VERSION);
    g->prov.options =
        strdup("{\"actors\":null,\"directed\":false,\"evidence\":3,\"lang\":\"ar\","
               "\"leiden\":false,\"min_weight\":1,\"since\":null,\"types\":null,"
               "\"until\":null}");
    g->prov.events = 9;
    g->prov.keys = 5;
    g->prov.articles = 3;
    bilat_error_t err;
    INT_EQ(bilat_graph_analyse(g, false, &err), BILAT_OK, "analyse tiny");
    return g;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = 2 * cap + 8192;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Compares a file written by bilat with the expected file (or updates it). */
static void same_file(const char *got_path, const char *expected_name)
{
    char want_path[1024];
    snprintf(want_path, sizeof want_path, "%s%s", EXPECTED, expected_name);
    size_t glen = 0, wlen = 0;
    char *got = slurp(got_path, &glen);
    if (getenv("BILAT_UPDATE") && got) {
        FILE *f = fopen(want_path, "wb");
        fwrite(got, 1, glen, f);
        fclose(f);
    }
    char *want = slurp(want_path, &wlen);
    OK(got && want && glen == wlen && memcmp(got, want, glen) == 0, expected_name);
    free(got);
    free(want);
}

static char tmpdir[] = "/tmp/bilat-test-export-XXXXXX";

static void path_in_tmp(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmpdir, name);
}

static void test_formats(void)
{
    bilat_graph_t *g = tiny();
    static const char *const names[] = {"tiny.json", "tiny.cytoscape.json",
                                        "tiny.graphml", "tiny.gexf", "tiny.dot"};
    static const bilat_format_t formats[] = {BILAT_FORMAT_JSON, BILAT_FORMAT_CYTOSCAPE,
                                             BILAT_FORMAT_GRAPHML, BILAT_FORMAT_GEXF,
                                             BILAT_FORMAT_DOT};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[1024];
        bilat_error_t err;
        path_in_tmp(path, sizeof path, names[i]);
        INT_EQ(bilat_graph_write_file(g, formats[i], NULL, path, &err), BILAT_OK,
               names[i]);
        same_file(path, names[i]);
    }
    char path[1024];
    bilat_error_t err;
    path_in_tmp(path, sizeof path, "tiny.csv");
    INT_EQ(bilat_graph_write_file(g, BILAT_FORMAT_CSV, NULL, path, &err), BILAT_OK,
           "csv");
    OK(access(path, F_OK) != 0, "no g.csv itself");
    static const char *const csv[] = {"tiny.nodes.csv", "tiny.edges.csv",
                                      "tiny.meta.json"};
    for (int i = 0; i < 3; i++) {
        path_in_tmp(path, sizeof path, csv[i]);
        same_file(path, csv[i]);
    }
    /* CSV on a stream is refused: it is three files */
    INT_EQ(bilat_graph_write(g, BILAT_FORMAT_CSV, NULL, stdout, &err), BILAT_EINVAL,
           "csv to a stream");
    bilat_graph_free(g);
}

/* JSON, GraphML and Cytoscape.js JSON read back into the same graph: writing it
 * again gives the same bytes. */
static void test_round_trip(void)
{
    bilat_graph_t *g = tiny();
    static const char *const names[] = {"rt.json", "rt.graphml", "rt.cytoscape.json"};
    static const bilat_format_t formats[] = {BILAT_FORMAT_JSON, BILAT_FORMAT_GRAPHML,
                                             BILAT_FORMAT_CYTOSCAPE};
    for (int i = 0; i < 3; i++) {
        char path[1024], again[1100];
        bilat_error_t err;
        path_in_tmp(path, sizeof path, names[i]);
        snprintf(again, sizeof again, "%s.again", path);
        INT_EQ(bilat_graph_write_file(g, formats[i], NULL, path, &err), BILAT_OK,
               "write");
        bilat_graph_t *r = NULL;
        INT_EQ(bilat_graph_read_file(path, &r, &err), BILAT_OK, names[i]);
        OK(IGRAPH_FINALLY_STACK_EMPTY, "igraph finally stack empty");
        if (!r)
            continue;
        OK(r->analysed, "measures read back");
        INT_EQ(r->nnodes, 3, "nodes read back");
        INT_EQ(r->nedges, 2, "edges read back");
        INT_EQ(r->edges[0].nevidence, 2, "evidence read back");
        OK(r->edges[0].evidence[1].date == NULL, "undated evidence");
        INT_EQ(r->edges[0].ndates, 2, "dates read back");
        OK(r->edges[0].score == g->edges[0].score, "17 digits: the same real");
        OK(r->nodes[0].pagerank == g->nodes[0].pagerank, "pagerank exactly");
        STR_EQ(r->nodes[1].label, g->nodes[1].label, "label with markup");
        STR_EQ(r->prov.options, g->prov.options, "provenance options");
        INT_EQ(r->prov.events, 9, "provenance events");
        INT_EQ(bilat_graph_write_file(r, formats[i], NULL, again, &err), BILAT_OK,
               "again");
        size_t l1, l2;
        char *a = slurp(path, &l1), *b = slurp(again, &l2);
        OK(a && b && l1 == l2 && memcmp(a, b, l1) == 0,
           "read back, written again: same bytes");
        free(a);
        free(b);
        bilat_graph_free(r);
    }
    bilat_graph_t *r = NULL;
    bilat_error_t err;
    char path[1024];
    path_in_tmp(path, sizeof path, "tiny.dot");
    INT_EQ(bilat_graph_read_file(path, &r, &err), BILAT_EPARSE, "DOT is not read back");
    OK(r == NULL, "no graph on failure");
    INT_EQ(bilat_graph_read_file("/nonexistent/g.json", &r, &err), BILAT_EIO,
           "missing file");
    bilat_graph_free(g);
}

/* Files that are not graphs bilat wrote fail cleanly with BILAT_EPARSE. */
static void test_bad_files(void)
{
    static const char *const bad[] = {
        "{\"nodes\": 3, \"links\": []}",
        "{\"nodes\": [{\"id\": \"EGY\"}], \"links\": [{\"source\": \"EGY\", "
        "\"target\": \"XXX\"}]}",
        "{\"nodes\": [{\"id\": \"TOOLONGCODE\"}], \"links\": []}",
        "{\"nodes\": [",
        "<graphml><graph><node/></graph",
        "plain text",
        "{\"nodes\": [{\"id\": \"EGY\"}, {\"id\": \"EGY\"}], \"links\": []}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char path[1024];
        path_in_tmp(path, sizeof path, "bad.json");
        FILE *f = fopen(path, "wb");
        fputs(bad[i], f);
        fclose(f);
        bilat_graph_t *g = NULL;
        bilat_error_t err;
        INT_EQ(bilat_graph_read_file(path, &g, &err), BILAT_EPARSE, bad[i]);
        OK(g == NULL, "no graph");
        OK(IGRAPH_FINALLY_STACK_EMPTY, "igraph finally stack empty");
    }
    /* a huge weight is no undefined cast: it reads as 1 */
    char path[1024];
    path_in_tmp(path, sizeof path, "huge.json");
    FILE *f = fopen(path, "wb");
    fputs("{\"nodes\": [{\"id\": \"A\"}, {\"id\": \"B\"}], \"links\": [{\"source\": "
          "\"B\", \"target\": \"A\", \"weight\": 1e300}]}",
          f);
    fclose(f);
    bilat_graph_t *g = NULL;
    bilat_error_t err;
    INT_EQ(bilat_graph_read_file(path, &g, &err), BILAT_OK, "a foreign node-link file");
    if (g) {
        OK(!g->analysed, "no measures: not analysed");
        INT_EQ(g->edges[0].weight, 1, "weight out of range");
        INT_EQ(g->edges[0].source, 0, "undirected: source < target");
        INT_EQ(bilat_graph_analyse(g, false, &err), BILAT_OK, "analysed after reading");
        bilat_graph_free(g);
    }
    /* GraphML keys typed otherwise than bilat types them (a string weight, a numeric
     * label): igraph would hand out garbage, so they read as absent */
    path_in_tmp(path, sizeof path, "types.graphml");
    f = fopen(path, "wb");
    fputs("<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/"
          "xmlns\">\n<key id=\"w\" for=\"edge\" attr.name=\"weight\" "
          "attr.type=\"string\"/>\n<key id=\"l\" for=\"node\" attr.name=\"label\" "
          "attr.type=\"double\"/>\n<key id=\"v\" for=\"graph\" "
          "attr.name=\"bilat_version\" attr.type=\"double\"/>\n"
          "<graph edgedefault=\"undirected\"><data key=\"v\">3</data>\n"
          "<node id=\"SAU\"><data key=\"l\">5</data></node><node id=\"EGY\"/>\n"
          "<edge source=\"SAU\" target=\"EGY\"><data key=\"w\">heavy</data></edge>\n"
          "</graph></graphml>\n",
          f);
    fclose(f);
    INT_EQ(bilat_graph_read_file(path, &g, &err), BILAT_OK, "GraphML with odd key types");
    if (g) {
        STR_EQ(g->nodes[1].label, "SAU", "a numeric label reads as absent: the code");
        INT_EQ(g->edges[0].weight, 1, "a string weight reads as absent: 1");
        STR_EQ(g->prov.version, "", "a numeric version reads as absent");
        bilat_graph_free(g);
    }
    OK(IGRAPH_FINALLY_STACK_EMPTY, "igraph finally stack empty");
}

static void test_atomic(void)
{
    bilat_graph_t *g = tiny();
    bilat_error_t err;
    INT_EQ(bilat_graph_write_file(g, BILAT_FORMAT_JSON, NULL, "/nonexistent/dir/g.json",
                                  &err),
           BILAT_EIO, "missing folder");
    STR_EQ(err.source, "/nonexistent/dir/g.json", "the file in the message");
    STR_EQ(err.text, "cannot write: No such file or directory", "the reason");
    /* no temporary file is left behind, on success or failure */
    DIR *d = opendir(tmpdir);
    int stray = 0;
    for (struct dirent *de; d && (de = readdir(d));)
        stray += strstr(de->d_name, ".tmp") != NULL;
    closedir(d);
    INT_EQ(stray, 0, "no temporary files left");
    /* a stream that refuses every write: each format reports it */
    FILE *ro = fopen("/dev/null", "r");
    for (int f = BILAT_FORMAT_JSON; ro && f <= BILAT_FORMAT_HTML; f++) {
        if (f == BILAT_FORMAT_CSV)
            continue;
        INT_EQ(bilat_graph_write(g, (bilat_format_t)f, NULL, ro, &err), BILAT_EIO,
               bilat_format_string((bilat_format_t)f));
        clearerr(ro);
    }
    if (ro)
        fclose(ro);
    bilat_graph_free(g);
}

static void test_escape(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    bilat_markup_escape(f, "a<b>&\"c'\t\n\r\x01ع");
    bilat_markup_escape(f, NULL);
    fclose(f);
    STR_EQ(buf, "a&lt;b&gt;&amp;&quot;c'&#9;&#10;&#13;\xEF\xBF\xBDع",
           "markup escaped, controls replaced, other text as it is");
    free(buf);
}

/* Text from the news in a CSV or DOT file: a cell that a spreadsheet would run as a
 * formula gets an apostrophe (numbers keep their minus sign), and DOT strings hold no
 * raw control character. */
static void test_hostile_text(void)
{
    bilat_graph_t *g = tiny();
    free(g->nodes[2].label);
    g->nodes[2].label = strdup("=HYPERLINK(\"http://x\")");
    free(g->nodes[2].label_en);
    g->nodes[2].label_en = strdup("-1+2\r\nup\rdown\x01\x7f\tend");
    free(g->nodes[0].label_en);
    g->nodes[0].label_en = strdup("@SUM(A1)");
    char path[1024];
    bilat_error_t err;
    path_in_tmp(path, sizeof path, "hostile.csv");
    INT_EQ(bilat_graph_write_file(g, BILAT_FORMAT_CSV, NULL, path, &err), BILAT_OK,
           "hostile csv");
    size_t len = 0;
    path_in_tmp(path, sizeof path, "hostile.nodes.csv");
    char *nodes = slurp(path, &len);
    OK(nodes && strstr(nodes, "\r\nEGY,مصر,'@SUM(A1),state,"),
       "a formula label starts with an apostrophe");
    OK(nodes && strstr(nodes, "\r\nUSA,\"'=HYPERLINK(\"\"http://x\"\")\",\"'-1+2\r\nup\r"
                              "down\x01\x7f\tend\",state,"),
       "and is quoted after it as RFC 4180 asks");
    free(nodes);
    path_in_tmp(path, sizeof path, "hostile.edges.csv");
    char *edges = slurp(path, &len);
    OK(edges && strstr(edges, "\r\nSAU,USA,1,-4,-4,"),
       "negative numbers keep their sign");
    OK(edges && strstr(edges, ",\"2024-04-01,2024-04-03\",\"[{"),
       "text cells that start otherwise are as they were");
    free(edges);

    char *buf = NULL;
    len = 0;
    FILE *out = open_memstream(&buf, &len);
    INT_EQ(bilat_graph_write(g, BILAT_FORMAT_DOT, NULL, out, &err), BILAT_OK, "dot");
    fclose(out);
    OK(buf && strstr(buf, "label=\"=HYPERLINK(\\\"http://x\\\")\""),
       "DOT keeps the text, quotes escaped");
    OK(buf && strstr(buf, "-1+2\\nup\\ndown end"),
       "DOT: CRLF and lone CR are line ends, other controls dropped, tab a space");
    bool raw = false;
    for (size_t i = 0; buf && i < len; i++)
        raw |= ((unsigned char)buf[i] < 0x20 && buf[i] != '\n') || buf[i] == 0x7f;
    OK(buf && !raw, "no raw control character in the DOT file");
    free(buf);
    bilat_graph_free(g);
}

static void test_names(void)
{
    INT_EQ(bilat_format_from_path("a/g.JSON"), BILAT_FORMAT_JSON, ".JSON");
    INT_EQ(bilat_format_from_path("g.graphml"), BILAT_FORMAT_GRAPHML, ".graphml");
    INT_EQ(bilat_format_from_path("g.gexf"), BILAT_FORMAT_GEXF, ".gexf");
    INT_EQ(bilat_format_from_path("g.dot"), BILAT_FORMAT_DOT, ".dot");
    INT_EQ(bilat_format_from_path("g.csv"), BILAT_FORMAT_CSV, ".csv");
    INT_EQ(bilat_format_from_path("g.htm"), BILAT_FORMAT_HTML, ".htm");
    INT_EQ(bilat_format_from_path("g.html"), BILAT_FORMAT_HTML, ".html");
    INT_EQ(bilat_format_from_path("g.txt"), BILAT_FORMAT_UNKNOWN, ".txt");
    INT_EQ(bilat_format_from_path(".json"), BILAT_FORMAT_UNKNOWN, "only an extension");
    INT_EQ(bilat_format_parse("cytoscape"), BILAT_FORMAT_CYTOSCAPE, "parse cytoscape");
    INT_EQ(bilat_format_parse("xml"), BILAT_FORMAT_UNKNOWN, "parse unknown");
    STR_EQ(bilat_format_string(BILAT_FORMAT_GEXF), "gexf", "format string");
    OK(bilat_measure_known("harmonic"), "harmonic is a measure");
    OK(bilat_measure_known("mentions"), "mentions ranks");
    OK(!bilat_measure_known("community"), "community does not rank");
}

static char *table(const bilat_graph_t *g, const char *sort, int top,
                   bilat_table_format_t f, bilat_status_t *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    bilat_error_t err;
    *st = bilat_graph_table_write(g, sort, top, f, out, &err);
    fclose(out);
    return buf;
}

static void test_tables(void)
{
    bilat_graph_t *g = tiny();
    bilat_status_t st;
    char *t = table(g, "pagerank", 2, BILAT_TABLE_TEXT, &st);
    INT_EQ(st, BILAT_OK, "text table");
    /* labels padded by display width (code points), not bytes.  By hand: SAU reaches
     * EGY at 1/3 and USA at 1 (closeness 1.5, harmonic 2); eigenvector (3, sqrt 10, 1)
     * / sqrt 10; pagerank s = 0.135 / 0.2775, e = 0.05 + 0.6375 s. */
    STR_EQ(
        t,
        "rank  code  label                             degree  strength  betweenness  "
        "closeness  harmonic  eigenvector  pagerank  community\n"
        "   1  SAU   السعودية \"و\" <شركاؤها> & co, ltd       2         4         1.00   "
        "  "
        "1.5000    2.0000       1.0000    0.4865          0\n"
        "   2  EGY   مصر                                    1         3         0.00     "
        "1.2000    1.8750       0.9487    0.3601          0\n",
        "aligned table");
    free(t);
    t = table(g, "degree", 0, BILAT_TABLE_CSV, &st);
    OK(t && strncmp(t, "rank,id,label,label_en,kind,mentions,degree,", 44) == 0,
       "csv header");
    OK(t && strstr(t, "\r\n2,EGY,") != NULL, "csv: ties by code");
    free(t);
    t = table(g, "mentions", 1, BILAT_TABLE_JSON, &st);
    OK(t && strstr(t, "\"id\": \"SAU\"") && strstr(t, "\"rank\": 1") && !strstr(t, "EGY"),
       "json top 1 by mentions");
    free(t);
    t = table(g, "community", 1, BILAT_TABLE_TEXT, &st);
    INT_EQ(st, BILAT_EINVAL, "unknown sort measure");
    free(t);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    bilat_error_t err;
    INT_EQ(bilat_graph_ego_write(g, "sau", BILAT_TABLE_CSV, out, &err), BILAT_OK, "ego");
    INT_EQ(bilat_graph_ego_write(g, "FRA", BILAT_TABLE_TEXT, out, &err), BILAT_EINVAL,
           "ego of a code not in the graph");
    fclose(out);
    OK(strncmp(buf, "partner,label,direction,weight,score,tone,consult,", 50) == 0,
       "ego csv header");
    OK(strstr(buf, "\r\nEGY,مصر,both,3,") < strstr(buf, "\r\nUSA,"), "ego by weight");
    free(buf);
    bilat_graph_free(g);
}

int main(void)
{
    bilat_init();
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_formats();
    test_round_trip();
    test_bad_files();
    test_atomic();
    test_names();
    test_escape();
    test_hostile_text();
    test_tables();
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return test_summary("test_export");
}
