/* bilat — the command line.  Parses options, calls the public API, prints messages
 * as "bilat: FILE: problem" on stderr.
 *
 * Exit status: 0 every input processed (warnings do not change it); 1 finished, but
 * some input file or JSONL line was skipped (each reported); 2 usage error; 3 fatal
 * (output not writable, out of memory, interrupted), and then no output file is left
 * behind. */
#include <bilat/bilat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_ALL_OK = 0, EXIT_SKIPPED = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

static volatile int interrupted = 0;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* Past a file-size limit a write must fail with EFBIG, reported like a full disk,
     * not kill the process and leave a temporary file behind. */
    signal(SIGXFSZ, SIG_IGN);
}

static void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bilat: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* "bilat: FILE:LINE: text" from an error record. */
static void report(const bilat_error_t *err, bilat_status_t st)
{
    const char *text = err->text[0] ? err->text : bilat_status_string(st);
    if (err->source[0] && err->line > 0)
        msg("%s:%d: %s", err->source, err->line, text);
    else if (err->source[0])
        msg("%s: %s", err->source, text);
    else
        msg("%s", text);
}

static int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bilat: ", stderr);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'bilat %s--help' for more information.\n", cmd ? cmd : "");
    va_end(ap);
    return EXIT_USAGE;
}

/* ------------------------------------------------------------------------------ */
/* Help texts                                                                     */

static const char main_help[] =
    "Usage: bilat COMMAND [OPTION]... [ARGUMENT]...\n"
    "Turn Arabic news articles into a weighted graph of relations between states.\n"
    "\n"
    "Commands:\n"
    "  extract INPUT...         print the relations found, as events (JSON Lines)\n"
    "  graph EVENTS...          build, analyse and export the graph of events files\n"
    "  build INPUT... -o FILE   extract and graph in one run, with a summary on stderr\n"
    "  analyze GRAPH            print the centrality table of a graph file bilat wrote\n"
    "  mentions INPUT...        print every actor mention (JSON Lines)\n"
    "  view INPUT... -o FILE    write the self-contained HTML report\n"
    "\n"
    "INPUT is a file, a folder (read recursively), '-' for standard input, or a .jsonl\n"
    "file of articles ({\"id\", \"text\"}, optional \"title\", \"date\"); any of them "
    "may be\n"
    "compressed as .gz or .xz.\n"
    "\n"
    "  -h, --help      show this help (or 'bilat COMMAND --help')\n"
    "      --version   show the version\n"
    "\n"
    "Exit status: 0 all input processed; 1 some input skipped (each reported);\n"
    "2 usage error; 3 fatal error (no output file is left behind).\n";

static const char extract_opts_help[] =
    "Reading and extraction:\n"
    "      --encoding ENC      decode every input file as ENC (an ICU converter name,\n"
    "                          e.g. windows-1256, UTF-16LE) instead of detecting it\n"
    "      --date-from-mtime   date an article by its file's modification time when its\n"
    "                          text states no date\n"
    "      --gazetteer FILE    add or override actor records (repeatable)\n"
    "      --lexicon FILE      add or override relation lexicon entries (repeatable)\n"
    "  -j, --jobs N            worker threads (default: the number of online cores);\n"
    "                          the output is the same for every N\n"
    "  -q, --quiet             no progress line and no summary\n";

static const char graph_opts_help[] =
    "Graph (recorded in the graph file's provenance):\n"
    "      --types LIST        keep only these relation types (comma separated: "
    "CONSULT,\n"
    "                          AGREE, COOPERATE, SUPPORT, AID, REQUEST, ACCUSE, REJECT,\n"
    "                          THREATEN, SANCTION, ASSAULT)\n"
    "      --min-weight N      drop edges with fewer than N distinct events (default 1)\n"
    "      --since DATE        drop events dated before DATE (YYYY-MM-DD)\n"
    "      --until DATE        drop events dated after DATE (YYYY-MM-DD)\n"
    "      --actors LIST       keep only edges touching these codes (comma separated)\n"
    "      --directed          a directed graph from directed events\n"
    "      --lang LANG         label language, any ICU locale (default ar)\n"
    "      --evidence N        sentences kept per edge (default 3)\n"
    "      --leiden            communities by Leiden instead of Louvain\n"
    "Output:\n"
    "  -o, --output FILE       write the graph to FILE (repeatable); the format comes "
    "from\n"
    "                          the extension: .json .graphml .gexf .dot .csv .html;\n"
    "                          '-' is standard output\n"
    "  -f, --format FORMAT     json, cytoscape, graphml, gexf, dot, csv or html "
    "(required\n"
    "                          with -o -)\n";

static void print_help(const char *cmd)
{
    if (!cmd) {
        fputs(main_help, stdout);
    } else if (strcmp(cmd, "extract") == 0) {
        printf(
            "Usage: bilat extract [OPTION]... INPUT...\n"
            "Print one JSON object per relation found (JSON Lines): doc, date, source,\n"
            "target, directed, type, score, negated, trigger, start, end, text, key.\n\n"
            "%s"
            "  -o, --output FILE       write the events to FILE instead of standard "
            "output\n"
            "  -h, --help              show this help\n",
            extract_opts_help);
    } else if (strcmp(cmd, "mentions") == 0) {
        printf("Usage: bilat mentions [OPTION]... INPUT...\n"
               "Print one JSON object per actor mention: doc, start, end, surface, code, "
               "via\n"
               "(name, short, nisba, capital, leader or org).\n\n"
               "%s"
               "  -o, --output FILE       write to FILE instead of standard output\n"
               "  -h, --help              show this help\n",
               extract_opts_help);
    } else if (strcmp(cmd, "graph") == 0) {
        printf("Usage: bilat graph [OPTION]... EVENTS.jsonl...\n"
               "Aggregate events files (each key counted once, negated events never), "
               "analyse\n"
               "the graph and export it.  '-' reads events from standard input.  Without "
               "-o\n"
               "the graph goes to standard output in --format (default json).\n\n"
               "%s"
               "  -q, --quiet             no summary\n"
               "  -h, --help              show this help\n",
               graph_opts_help);
    } else if (strcmp(cmd, "build") == 0) {
        printf(
            "Usage: bilat build [OPTION]... INPUT... -o FILE\n"
            "Extract and graph in one process: the same file 'bilat graph' writes from "
            "the\n"
            "same events.  A summary goes to stderr: articles read and skipped, events,\n"
            "states, edges and the most central states.\n\n"
            "%s%s"
            "      --top N             states listed in the summary (default 10)\n"
            "  -h, --help              show this help\n",
            extract_opts_help, graph_opts_help);
    } else if (strcmp(cmd, "analyze") == 0 || strcmp(cmd, "analyse") == 0) {
        printf(
            "Usage: bilat analyze [OPTION]... GRAPH\n"
            "Print the centrality table of a graph file bilat wrote (.json or "
            ".graphml).\n\n"
            "      --sort MEASURE      rank by degree, strength, betweenness, "
            "closeness,\n"
            "                          harmonic, eigenvector, pagerank (default) or "
            "mentions\n"
            "  -n, --top N             rows shown (default 20; 0 for all)\n"
            "  -f, --format FORMAT     table (default), json or csv\n"
            "      --ego CODE          list the partners of one state with each edge's\n"
            "                          attributes\n"
            "  -h, --help              show this help\n");
    } else if (strcmp(cmd, "view") == 0) {
        printf(
            "Usage: bilat view [OPTION]... INPUT... -o FILE.html\n"
            "Write a self-contained HTML report (inline SVG, no network): the graph "
            "drawn\n"
            "with node area by centrality and colour by community, edges by weight and\n"
            "tone, evidence on click, and the ranked table of states.  INPUT is "
            "articles,\n"
            "an events file (.jsonl with source and target) or a graph JSON bilat "
            "wrote.\n\n"
            "%s%s"
            "      --size MEASURE      node area by this measure (default pagerank)\n"
            "  -h, --help              show this help\n",
            extract_opts_help, graph_opts_help);
    }
}

/* ------------------------------------------------------------------------------ */
/* Options                                                                        */

enum {
    OPT_ENCODING = 256,
    OPT_MTIME,
    OPT_GAZETTEER,
    OPT_LEXICON,
    OPT_TYPES,
    OPT_MIN_WEIGHT,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_ACTORS,
    OPT_DIRECTED,
    OPT_LANG,
    OPT_EVIDENCE,
    OPT_LEIDEN,
    OPT_TOP,
    OPT_SORT,
    OPT_EGO,
    OPT_SIZE,
    OPT_VERSION
};

#define MAX_LIST 64

typedef struct options {
    const char *cmd;
    /* reading and extraction */
    bilat_pipeline_options_t pipe;
    const char *gazetteers[MAX_LIST + 1];
    int ngazetteers;
    const char *lexicons[MAX_LIST + 1];
    int nlexicons;
    bool quiet;
    /* graph */
    bilat_graph_options_t graph;
    char *actors_buf;
    const char *actors[256];
    const char *outputs[MAX_LIST];
    int noutputs;
    const char *format;
    int top;
    const char *sort;
    const char *ego;
    const char *size_by;
    /* positional */
    char **inputs;
    int ninputs;
} options_t;

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool date_ok(const char *s)
{
    int y, m, d;
    char tail;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
           m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Parses a comma-separated list of types into a bit mask. */
static bool parse_types(const char *s, unsigned *mask)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", s);
    *mask = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        bilat_type_t t;
        if (!bilat_type_parse(tok, &t))
            return false;
        *mask |= 1u << t;
    }
    return *mask != 0;
}

static bool parse_actors(options_t *o, const char *s)
{
    free(o->actors_buf);
    o->actors_buf = strdup(s);
    if (!o->actors_buf)
        return false;
    int n = 0;
    for (char *tok = strtok(o->actors_buf, ","); tok && n < 255;
         tok = strtok(NULL, ",")) {
        for (char *p = tok; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
        o->actors[n++] = tok;
    }
    o->actors[n] = NULL;
    o->graph.actors = o->actors;
    return n > 0;
}

/* Parses argv for command cmd into o.  Returns -1 to go on, else an exit status. */
static int parse_options(const char *cmd, int argc, char **argv, options_t *o)
{
    bool extract_opts = !strcmp(cmd, "extract") || !strcmp(cmd, "build") ||
                        !strcmp(cmd, "mentions") || !strcmp(cmd, "view");
    bool graph_opts =
        !strcmp(cmd, "graph") || !strcmp(cmd, "build") || !strcmp(cmd, "view");
    bool analyze = !strcmp(cmd, "analyze") || !strcmp(cmd, "analyse");
    char cmdsp[32];
    snprintf(cmdsp, sizeof cmdsp, "%s ", cmd);

    static const struct option all[] = {
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"date-from-mtime", no_argument, NULL, OPT_MTIME},
        {"gazetteer", required_argument, NULL, OPT_GAZETTEER},
        {"lexicon", required_argument, NULL, OPT_LEXICON},
        {"types", required_argument, NULL, OPT_TYPES},
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
        {"since", required_argument, NULL, OPT_SINCE},
        {"until", required_argument, NULL, OPT_UNTIL},
        {"actors", required_argument, NULL, OPT_ACTORS},
        {"directed", no_argument, NULL, OPT_DIRECTED},
        {"lang", required_argument, NULL, OPT_LANG},
        {"evidence", required_argument, NULL, OPT_EVIDENCE},
        {"leiden", no_argument, NULL, OPT_LEIDEN},
        {"top", required_argument, NULL, OPT_TOP},
        {"sort", required_argument, NULL, OPT_SORT},
        {"ego", required_argument, NULL, OPT_EGO},
        {"size", required_argument, NULL, OPT_SIZE},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    optind = 1;
    int c;
    long v;
    while ((c = getopt_long(argc, argv, ":ho:f:j:qn:", all, NULL)) != -1) {
        const char *name = argv[optind - 1];
        bool ok_here = true;
        switch (c) {
        case 'h':
            print_help(cmd);
            return EXIT_ALL_OK;
        case 'o':
            ok_here = !analyze;
            if (ok_here) {
                if (o->noutputs == MAX_LIST)
                    return usage_error(cmdsp, "too many outputs");
                o->outputs[o->noutputs++] = optarg;
            }
            break;
        case 'f':
            o->format = optarg;
            break;
        case 'j':
            ok_here = extract_opts;
            if (ok_here && !parse_long(optarg, 1, 1024, &v))
                return usage_error(cmdsp, "invalid number of jobs '%s'", optarg);
            o->pipe.threads = (int)v;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'n':
        case OPT_TOP:
            if (!parse_long(optarg, 0, INT_MAX, &v))
                return usage_error(cmdsp, "invalid number '%s'", optarg);
            o->top = (int)v;
            break;
        case OPT_ENCODING:
            ok_here = extract_opts;
            o->pipe.read.encoding = optarg;
            break;
        case OPT_MTIME:
            ok_here = extract_opts;
            o->pipe.read.date_from_mtime = true;
            break;
        case OPT_GAZETTEER:
            ok_here = extract_opts;
            if (o->ngazetteers == MAX_LIST)
                return usage_error(cmdsp, "too many --gazetteer files");
            o->gazetteers[o->ngazetteers++] = optarg;
            break;
        case OPT_LEXICON:
            ok_here = extract_opts;
            if (o->nlexicons == MAX_LIST)
                return usage_error(cmdsp, "too many --lexicon files");
            o->lexicons[o->nlexicons++] = optarg;
            break;
        case OPT_TYPES:
            ok_here = graph_opts;
            if (ok_here && !parse_types(optarg, &o->graph.types))
                return usage_error(cmdsp, "invalid --types '%s'", optarg);
            break;
        case OPT_MIN_WEIGHT:
            ok_here = graph_opts;
            if (ok_here && !parse_long(optarg, 1, LONG_MAX, &v))
                return usage_error(cmdsp, "invalid --min-weight '%s'", optarg);
            o->graph.min_weight = v;
            break;
        case OPT_SINCE:
        case OPT_UNTIL:
            ok_here = graph_opts;
            if (ok_here && !date_ok(optarg))
                return usage_error(cmdsp, "invalid date '%s' (use YYYY-MM-DD)", optarg);
            if (c == OPT_SINCE)
                o->graph.since = optarg;
            else
                o->graph.until = optarg;
            break;
        case OPT_ACTORS:
            ok_here = graph_opts;
            if (ok_here && !parse_actors(o, optarg))
                return usage_error(cmdsp, "invalid --actors '%s'", optarg);
            break;
        case OPT_DIRECTED:
            ok_here = graph_opts;
            o->graph.directed = true;
            break;
        case OPT_LANG:
            ok_here = graph_opts;
            o->graph.lang = optarg;
            break;
        case OPT_EVIDENCE:
            ok_here = graph_opts;
            if (ok_here && !parse_long(optarg, 0, 1000, &v))
                return usage_error(cmdsp, "invalid --evidence '%s'", optarg);
            o->graph.evidence = (int)v;
            break;
        case OPT_LEIDEN:
            ok_here = graph_opts;
            o->graph.leiden = true;
            break;
        case OPT_SORT:
            ok_here = analyze;
            if (ok_here && !bilat_measure_known(optarg))
                return usage_error(cmdsp, "unknown measure '%s'", optarg);
            o->sort = optarg;
            break;
        case OPT_EGO:
            ok_here = analyze;
            o->ego = optarg;
            break;
        case OPT_SIZE:
            ok_here = !strcmp(cmd, "view");
            if (ok_here && !bilat_measure_known(optarg))
                return usage_error(cmdsp, "unknown measure '%s'", optarg);
            o->size_by = optarg;
            break;
        case ':':
            return usage_error(cmdsp, "option '%s' needs an argument", name);
        default:
            return usage_error(cmdsp, "unknown option '%s'", name);
        }
        if (!ok_here)
            return usage_error(cmdsp, "option '%s' does not apply to '%s'", name, cmd);
    }
    o->inputs = argv + optind;
    o->ninputs = argc - optind;
    return -1;
}

/* ------------------------------------------------------------------------------ */
/* Diagnostics from the reader                                                    */

typedef struct run_state {
    unsigned long skipped;
    unsigned long warnings;
    bool quiet;
    bool progress_shown;
} run_state_t;

static void on_diag(void *userdata, bilat_severity_t severity, const char *source,
                    int line, const char *message)
{
    run_state_t *rs = userdata;
    if (severity == BILAT_SKIPPED)
        rs->skipped++;
    else
        rs->warnings++;
    if (rs->progress_shown) {
        fputs("\r\033[K", stderr);
        rs->progress_shown = false;
    }
    if (line > 0)
        msg("%s:%d: %s", source, line, message);
    else
        msg("%s: %s", source, message);
}

static void on_progress(void *userdata, unsigned long docs, unsigned long long bytes,
                        unsigned long long total)
{
    run_state_t *rs = userdata;
    static double t0 = -1;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double now = (double)ts.tv_sec + ts.tv_nsec / 1e9;
    if (t0 < 0)
        t0 = now;
    double mb = (double)bytes / 1e6, el = now - t0, rate = el > 0 ? mb / el : 0;
    fprintf(stderr, "\r\033[K%lu articles, %.1f MB, %.1f MB/s", docs, mb, rate);
    if (total > bytes && rate > 0)
        fprintf(stderr, ", ETA %.0f s", ((double)(total - bytes) / 1e6) / rate);
    rs->progress_shown = true;
}

static void end_progress(run_state_t *rs)
{
    if (rs->progress_shown) {
        fputs("\r\033[K", stderr);
        rs->progress_shown = false;
    }
}

static void setup_pipeline(options_t *o, run_state_t *rs)
{
    o->pipe.read.diag = on_diag;
    o->pipe.read.diag_userdata = rs;
    o->pipe.interrupted = &interrupted;
    if (!o->quiet && isatty(STDERR_FILENO)) {
        o->pipe.progress = on_progress;
        o->pipe.progress_userdata = rs;
    }
}

/* ------------------------------------------------------------------------------ */
/* Atomic text output for events and mentions                                     */

typedef struct out_file {
    FILE *f;
    const char *path; /* NULL: stdout */
    char *tmp;
    int werr; /* errno of the first failed write, 0 while none */
} out_file_t;

/* Notes a failed write on of (keeps the first errno). */
static void out_failed(out_file_t *of, int e)
{
    if (!of->werr)
        of->werr = e ? e : EIO;
}

static bool out_open(out_file_t *of, const char *path)
{
    memset(of, 0, sizeof *of);
    if (!path || strcmp(path, "-") == 0) {
        of->f = stdout;
        return true;
    }
    of->path = path;
    size_t n = strlen(path) + 16;
    of->tmp = malloc(n);
    if (!of->tmp)
        return false;
    snprintf(of->tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(of->tmp);
    if (fd < 0) {
        msg("%s: cannot write: %s", path, strerror(errno));
        free(of->tmp);
        of->tmp = NULL;
        return false;
    }
    of->f = fdopen(fd, "w");
    if (!of->f) {
        close(fd);
        unlink(of->tmp);
        free(of->tmp);
        of->tmp = NULL;
        return false;
    }
    return true;
}

/* Completes (ok) or abandons the output; a failed write is reported once as
 * "bilat: FILE: cannot write: reason".  Returns false when it could not be completed. */
static bool out_close(out_file_t *of, bool ok)
{
    const char *name = of->path ? of->path : "standard output";
    if (fflush(of->f) != 0 || ferror(of->f))
        out_failed(of, errno);
    if (of->path && fclose(of->f) != 0)
        out_failed(of, errno);
    bool good = ok && !of->werr;
    if (good && of->path && rename(of->tmp, of->path) != 0) {
        out_failed(of, errno);
        good = false;
    }
    if (of->werr)
        msg("%s: cannot write: %s", name, strerror(of->werr));
    if (of->path && !good)
        unlink(of->tmp);
    free(of->tmp);
    return good;
}

/* ------------------------------------------------------------------------------ */
/* Shared set-up: gazetteer and extractor                                         */

static int load_extractor(options_t *o, bilat_gazetteer_t **gz, bilat_extractor_t **ex)
{
    bilat_error_t err;
    bilat_error_clear(&err);
    o->gazetteers[o->ngazetteers] = NULL;
    o->lexicons[o->nlexicons] = NULL;
    bilat_status_t st = bilat_gazetteer_load(o->gazetteers, gz, &err);
    if (st == BILAT_OK)
        st = bilat_extractor_new(*gz, o->lexicons, ex, &err);
    if (st != BILAT_OK) {
        report(&err, st);
        /* A malformed data file is the user's input: a usage error. */
        return st == BILAT_EPARSE || st == BILAT_EIO ? EXIT_USAGE : EXIT_FATAL;
    }
    return -1;
}

static int finish_status(bilat_status_t st, const bilat_error_t *err,
                         const run_state_t *rs)
{
    if (st == BILAT_EINTR) {
        msg("interrupted");
        return EXIT_FATAL;
    }
    if (st != BILAT_OK) {
        report(err, st);
        return EXIT_FATAL;
    }
    return rs->skipped ? EXIT_SKIPPED : EXIT_ALL_OK;
}

/* ------------------------------------------------------------------------------ */
/* extract                                                                        */

typedef struct extract_ctx {
    out_file_t *of;
    unsigned long events;
} extract_ctx_t;

static bilat_status_t print_events(void *userdata, const bilat_doc_t *doc,
                                   const bilat_events_t *events)
{
    (void)doc;
    extract_ctx_t *ctx = userdata;
    for (size_t i = 0; i < events->n; i++) {
        char *line = bilat_event_to_json(&events->v[i]);
        if (!line)
            return BILAT_ENOMEM;
        bool ok = fputs(line, ctx->of->f) >= 0 && fputc('\n', ctx->of->f) != EOF;
        free(line);
        if (!ok) {
            out_failed(ctx->of, errno);
            return BILAT_EIO;
        }
        ctx->events++;
    }
    return BILAT_OK;
}

static int cmd_extract(options_t *o)
{
    if (o->ninputs == 0)
        return usage_error("extract ", "no input given");
    if (o->noutputs > 1)
        return usage_error("extract ", "only one output for events");
    bilat_gazetteer_t *gz = NULL;
    bilat_extractor_t *ex = NULL;
    run_state_t rs = {0, 0, o->quiet, false};
    int rc = load_extractor(o, &gz, &ex);
    if (rc >= 0)
        goto cleanup;
    setup_pipeline(o, &rs);
    out_file_t of;
    if (!out_open(&of, o->noutputs ? o->outputs[0] : NULL)) {
        rc = EXIT_FATAL;
        goto cleanup;
    }
    extract_ctx_t ctx = {&of, 0};
    bilat_error_t err;
    bilat_error_clear(&err);
    bilat_status_t st =
        bilat_pipeline_run(ex, (const char *const *)o->inputs, (size_t)o->ninputs,
                           &o->pipe, print_events, &ctx, &err);
    end_progress(&rs);
    /* A failed write is reported by out_close(), naming the output. */
    rc = of.werr ? EXIT_FATAL : finish_status(st, &err, &rs);
    if (!out_close(&of, rc != EXIT_FATAL))
        rc = EXIT_FATAL;
cleanup:
    bilat_extractor_free(ex);
    bilat_gazetteer_free(gz);
    return rc;
}

/* ------------------------------------------------------------------------------ */
/* mentions                                                                       */

typedef struct mentions_ctx {
    const bilat_gazetteer_t *gz;
    bilat_analyser_t *an;
    FILE *out;
} mentions_ctx_t;

static int cmd_mentions(options_t *o)
{
    if (o->ninputs == 0)
        return usage_error("mentions ", "no input given");
    bilat_gazetteer_t *gz = NULL;
    bilat_extractor_t *ex = NULL;
    bilat_analyser_t *an = NULL;
    bilat_reader_t *reader = NULL;
    run_state_t rs = {0, 0, o->quiet, false};
    bilat_error_t err;
    bilat_error_clear(&err);
    int rc = load_extractor(o, &gz, &ex);
    if (rc >= 0)
        goto cleanup;
    setup_pipeline(o, &rs);
    an = bilat_analyser_new(&err);
    reader = bilat_reader_new((const char *const *)o->inputs, (size_t)o->ninputs,
                              &o->pipe.read);
    if (!an || !reader) {
        report(&err, BILAT_ENOMEM);
        rc = EXIT_FATAL;
        goto cleanup;
    }
    out_file_t of;
    if (!out_open(&of, o->noutputs ? o->outputs[0] : NULL)) {
        rc = EXIT_FATAL;
        goto cleanup;
    }
    bilat_status_t st = BILAT_OK;
    for (;;) {
        if (interrupted) {
            st = BILAT_EINTR;
            break;
        }
        bilat_doc_t *doc = NULL;
        st = bilat_reader_next(reader, &doc, &err);
        if (st != BILAT_OK || !doc)
            break;
        st = bilat_mentions_write(gz, an, doc, of.f, &err);
        bilat_doc_free(doc);
        if (st == BILAT_EIO && ferror(of.f))
            out_failed(&of, errno);
        if (st != BILAT_OK)
            break;
    }
    rc = of.werr ? EXIT_FATAL : finish_status(st, &err, &rs);
    if (!out_close(&of, rc != EXIT_FATAL))
        rc = EXIT_FATAL;
cleanup:
    bilat_reader_free(reader);
    bilat_analyser_free(an);
    bilat_extractor_free(ex);
    bilat_gazetteer_free(gz);
    return rc;
}

/* ------------------------------------------------------------------------------ */
/* graph / build / view                                                           */

typedef struct graph_ctx {
    bilat_aggregate_t *ag;
    unsigned long docs;
    unsigned long docs_with_events;
    unsigned long events;
} graph_ctx_t;

static bilat_status_t aggregate_events(void *userdata, const bilat_doc_t *doc,
                                       const bilat_events_t *events)
{
    (void)doc;
    graph_ctx_t *ctx = userdata;
    bilat_error_t err;
    for (size_t i = 0; i < events->n; i++) {
        bilat_status_t st = bilat_aggregate_add(ctx->ag, &events->v[i], &err);
        if (st != BILAT_OK)
            return st;
    }
    ctx->events += events->n;
    ctx->docs++;
    if (events->n)
        ctx->docs_with_events++;
    return BILAT_OK;
}

/* Resolves the format of one output; BILAT_FORMAT_UNKNOWN after a message.  The name's
 * extension decides; --format decides for "-", names without a known extension and a
 * single output, and with several outputs turns the .json ones into Cytoscape.js, so
 * "-o g.csv -o g.json --format cytoscape" writes CSV and Cytoscape.js. */
static bilat_format_t output_format(const options_t *o, const char *path, const char *cmd)
{
    bilat_format_t given = BILAT_FORMAT_UNKNOWN;
    if (o->format) {
        given = bilat_format_parse(o->format);
        if (given == BILAT_FORMAT_UNKNOWN) {
            usage_error(cmd, "unknown format '%s'", o->format);
            return BILAT_FORMAT_UNKNOWN;
        }
    }
    bilat_format_t ext =
        strcmp(path, "-") == 0 ? BILAT_FORMAT_UNKNOWN : bilat_format_from_path(path);
    if (ext == BILAT_FORMAT_UNKNOWN) {
        if (given == BILAT_FORMAT_UNKNOWN && strcmp(path, "-") == 0)
            usage_error(cmd, "--format is required with -o -");
        else if (given == BILAT_FORMAT_UNKNOWN)
            usage_error(cmd, "%s: cannot tell the format from the name (use --format)",
                        path);
        return given;
    }
    if (given == BILAT_FORMAT_UNKNOWN || given == ext)
        return ext;
    /* One output: --format wins over its name.  Several: --format goes to the outputs
     * it fits, here a .json one for Cytoscape.js. */
    if (o->noutputs == 1 || (ext == BILAT_FORMAT_JSON && given == BILAT_FORMAT_CYTOSCAPE))
        return given;
    return ext;
}

/* Checks every output before any work, so a usage error costs no time. */
static int check_outputs(options_t *o, const char *cmd, bilat_format_t *formats)
{
    for (int i = 0; i < o->noutputs; i++) {
        formats[i] = output_format(o, o->outputs[i], cmd);
        if (formats[i] == BILAT_FORMAT_UNKNOWN)
            return EXIT_USAGE;
        if (formats[i] == BILAT_FORMAT_CSV && strcmp(o->outputs[i], "-") == 0)
            return usage_error(cmd, "CSV writes three files: give -o NAME.csv");
    }
    return -1;
}

static int write_outputs(options_t *o, const bilat_graph_t *g,
                         const bilat_format_t *formats)
{
    bilat_view_options_t view = {o->size_by ? o->size_by : "pagerank",
                                 o->graph.lang ? o->graph.lang : "ar"};
    for (int i = 0; i < o->noutputs; i++) {
        bilat_error_t err;
        bilat_error_clear(&err);
        bilat_status_t st;
        if (strcmp(o->outputs[i], "-") == 0) {
            st = bilat_graph_write(g, formats[i], &view, stdout, &err);
            if (st == BILAT_OK && (fflush(stdout) != 0 || ferror(stdout)))
                st = bilat_error_set(&err, BILAT_EIO, "standard output", 0, 0,
                                     "write error");
        } else {
            st = bilat_graph_write_file(g, formats[i], &view, o->outputs[i], &err);
        }
        if (st != BILAT_OK) {
            report(&err, st);
            return EXIT_FATAL;
        }
    }
    return -1;
}

static void print_summary(const options_t *o, const bilat_graph_t *g)
{
    fprintf(stderr, "states %zu, edges %zu\n", g->nnodes, g->nedges);
    if (g->nnodes) {
        bilat_error_t err;
        if (bilat_graph_table_write(g, "pagerank", o->top > 0 ? o->top : 10,
                                    BILAT_TABLE_TEXT, stderr, &err) != BILAT_OK)
            report(&err, BILAT_EIO);
    }
}

/* Reads events files into the aggregator; returns the number of skipped lines or -1
 * on a fatal error (reported). */
static long read_events(options_t *o, graph_ctx_t *ctx, bilat_error_t *err)
{
    long skipped = 0;
    for (int i = 0; i < o->ninputs; i++) {
        const char *src = strcmp(o->inputs[i], "-") ? o->inputs[i] : "<stdin>";
        bilat_lines_t *lines = NULL;
        bilat_status_t st = bilat_lines_open(o->inputs[i], &lines, err);
        if (st != BILAT_OK) {
            report(err, st);
            skipped++;
            continue;
        }
        const char *line;
        size_t len;
        long lineno;
        for (;;) {
            if (interrupted) {
                report(err, bilat_error_set(err, BILAT_EINTR, NULL, 0, 0, "interrupted"));
                goto fatal;
            }
            st = bilat_lines_next(lines, &line, &len, &lineno, err);
            if (st != BILAT_OK) {
                report(err, st);
                skipped++;
                break;
            }
            if (!line)
                break;
            if (strspn(line, " \t\r") == len)
                continue;
            bilat_event_t ev;
            st = bilat_event_from_json(line, len, &ev, src, (int)lineno, err);
            if (st == BILAT_EPARSE) {
                report(err, st);
                skipped++;
                continue;
            }
            if (st != BILAT_OK) {
                report(err, st);
                goto fatal;
            }
            st = bilat_aggregate_add(ctx->ag, &ev, err);
            ctx->events++;
            bilat_event_destroy(&ev);
            if (st != BILAT_OK) {
                report(err, st);
                goto fatal;
            }
        }
        bilat_lines_close(lines);
        continue;
    fatal:
        bilat_lines_close(lines);
        return -1;
    }
    return skipped;
}

/* Is this input an events file or a graph JSON (for view)?  0 articles, 1 events,
 * 2 graph JSON. */
static int sniff_input(const char *path)
{
    size_t n = strlen(path);
    bool json = n > 5 && strcmp(path + n - 5, ".json") == 0;
    bool jsonl = n > 6 && strcmp(path + n - 6, ".jsonl") == 0;
    if (!json && !jsonl)
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char buf[4096];
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[got] = '\0';
    if (json && strstr(buf, "\"nodes\""))
        return 2;
    char *nl = strchr(buf, '\n');
    if (nl)
        *nl = '\0';
    if (strstr(buf, "\"source\"") && strstr(buf, "\"target\""))
        return 1;
    return 0;
}

enum { MODE_GRAPH, MODE_BUILD, MODE_VIEW };

static int cmd_graph_like(options_t *o, int mode)
{
    const char *cmdsp = mode == MODE_GRAPH   ? "graph "
                        : mode == MODE_BUILD ? "build "
                                             : "view ";
    if (o->ninputs == 0)
        return usage_error(cmdsp, "no input given");
    if (mode == MODE_VIEW) {
        if (o->noutputs == 0)
            return usage_error(cmdsp, "no output given (-o FILE.html)");
        if (!o->format)
            o->format = "html";
    }
    if (mode == MODE_GRAPH && o->noutputs == 0)
        o->outputs[o->noutputs++] = "-";
    if (mode == MODE_BUILD && o->noutputs == 0)
        return usage_error(cmdsp, "no output given (-o FILE)");
    if (mode == MODE_GRAPH && !o->format && o->noutputs == 1 &&
        !strcmp(o->outputs[0], "-"))
        o->format = "json";
    bilat_format_t formats[MAX_LIST];
    int rc = check_outputs(o, cmdsp, formats);
    if (rc >= 0)
        return rc;

    int sniff = mode == MODE_GRAPH  ? 1
                : mode == MODE_VIEW ? sniff_input(o->inputs[0])
                                    : 0;
    bilat_gazetteer_t *gz = NULL;
    bilat_extractor_t *ex = NULL;
    bilat_aggregate_t *ag = NULL;
    bilat_graph_t *g = NULL;
    run_state_t rs = {0, 0, o->quiet, false};
    bilat_error_t err;
    bilat_error_clear(&err);
    bilat_status_t st = BILAT_OK;

    rc = load_extractor(o, &gz, &ex);
    if (rc >= 0)
        goto cleanup;
    rc = -1;
    if (sniff == 2) {
        /* view from a graph JSON bilat wrote */
        st = bilat_graph_read_file(o->inputs[0], &g, &err);
        if (st != BILAT_OK) {
            report(&err, st);
            rc = EXIT_USAGE;
            goto cleanup;
        }
    } else {
        ag = bilat_aggregate_new(&o->graph);
        if (!ag) {
            msg("out of memory");
            rc = EXIT_FATAL;
            goto cleanup;
        }
        graph_ctx_t ctx = {ag, 0, 0, 0};
        if (sniff == 1) {
            long skipped = read_events(o, &ctx, &err);
            if (skipped < 0) {
                rc = EXIT_FATAL;
                goto cleanup;
            }
            rs.skipped += (unsigned long)skipped;
        } else {
            setup_pipeline(o, &rs);
            st =
                bilat_pipeline_run(ex, (const char *const *)o->inputs, (size_t)o->ninputs,
                                   &o->pipe, aggregate_events, &ctx, &err);
            end_progress(&rs);
            if (st != BILAT_OK) {
                rc = finish_status(st, &err, &rs);
                goto cleanup;
            }
        }
        st = bilat_graph_build(ag, gz, &g, &err);
        if (st != BILAT_OK) {
            report(&err, st);
            rc = EXIT_FATAL;
            goto cleanup;
        }
        if (!o->quiet && mode == MODE_BUILD)
            fprintf(
                stderr,
                "bilat: %lu articles read, %lu skipped; %lu events from %lu articles\n",
                ctx.docs, rs.skipped, ctx.events, ctx.docs_with_events);
    }
    if (interrupted) {
        msg("interrupted");
        rc = EXIT_FATAL;
        goto cleanup;
    }
    rc = write_outputs(o, g, formats);
    if (rc >= 0)
        goto cleanup;
    if (!o->quiet && mode == MODE_BUILD)
        print_summary(o, g);
    rc = rs.skipped ? EXIT_SKIPPED : EXIT_ALL_OK;
cleanup:
    bilat_graph_free(g);
    bilat_aggregate_free(ag);
    bilat_extractor_free(ex);
    bilat_gazetteer_free(gz);
    return rc;
}

/* ------------------------------------------------------------------------------ */
/* analyze                                                                        */

static int cmd_analyze(options_t *o)
{
    if (o->ninputs != 1)
        return usage_error("analyze ", "give exactly one graph file");
    bilat_table_format_t tf = BILAT_TABLE_TEXT;
    if (o->format) {
        if (!strcmp(o->format, "json"))
            tf = BILAT_TABLE_JSON;
        else if (!strcmp(o->format, "csv"))
            tf = BILAT_TABLE_CSV;
        else if (strcmp(o->format, "table") != 0)
            return usage_error("analyze ", "unknown format '%s' (table, json or csv)",
                               o->format);
    }
    bilat_graph_t *g = NULL;
    bilat_error_t err;
    bilat_error_clear(&err);
    bilat_status_t st = bilat_graph_read_file(o->inputs[0], &g, &err);
    if (st != BILAT_OK) {
        report(&err, st);
        return st == BILAT_ENOMEM ? EXIT_FATAL : EXIT_USAGE;
    }
    if (!g->analysed)
        st = bilat_graph_analyse(g, false, &err);
    if (st == BILAT_OK) {
        if (o->ego)
            st = bilat_graph_ego_write(g, o->ego, tf, stdout, &err);
        else
            st = bilat_graph_table_write(g, o->sort ? o->sort : "pagerank",
                                         o->top >= 0 ? o->top : 20, tf, stdout, &err);
    }
    bilat_graph_free(g);
    if (st != BILAT_OK) {
        report(&err, st);
        return st == BILAT_EINVAL ? EXIT_USAGE : EXIT_FATAL;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        msg("standard output: write error");
        return EXIT_FATAL;
    }
    return EXIT_ALL_OK;
}

/* ------------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error(NULL, "no command given");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        print_help(argc > 2 && strcmp(cmd, "help") == 0 ? argv[2] : NULL);
        return EXIT_ALL_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("bilat %s\n", bilat_version());
        return EXIT_ALL_OK;
    }
    static const char *const cmds[] = {"extract", "graph",    "build", "analyze",
                                       "analyse", "mentions", "view"};
    bool known = false;
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
        known |= strcmp(cmd, cmds[i]) == 0;
    if (!known)
        return usage_error(NULL, "unknown command '%s'", cmd);

    bilat_init();
    install_signals();
    options_t o;
    memset(&o, 0, sizeof o);
    o.cmd = cmd;
    o.top = -1;
    bilat_graph_options_init(&o.graph);
    int rc = parse_options(cmd, argc - 1, argv + 1, &o);
    if (rc < 0) {
        if (!strcmp(cmd, "extract"))
            rc = cmd_extract(&o);
        else if (!strcmp(cmd, "mentions"))
            rc = cmd_mentions(&o);
        else if (!strcmp(cmd, "graph"))
            rc = cmd_graph_like(&o, MODE_GRAPH);
        else if (!strcmp(cmd, "build"))
            rc = cmd_graph_like(&o, MODE_BUILD);
        else if (!strcmp(cmd, "view"))
            rc = cmd_graph_like(&o, MODE_VIEW);
        else
            rc = cmd_analyze(&o);
    }
    free(o.actors_buf);
    return rc;
}
