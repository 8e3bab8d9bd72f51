/* Aggregation: folding events into edge records.
 *
 * Each event key (pair, type, normalised sentence) counts once per edge, however often
 * the sentence is repeated (the same dispatch in several articles, a "read also" list).
 * Every occurrence is still seen: an edge's docs, dates and evidence come from all the
 * occurrences of its kept events.  Whatever depends on several occurrences is chosen by
 * an order that does not depend on reading order (so any -j and any shard split give
 * the same graph):
 *   - a key's score is the score of its first occurrence by (date, doc hash, start);
 *   - evidence is the up to N first keys of the edge, each by its first occurrence in
 *     (dated before undated, date, doc, start) order — one sentence per key, so a
 *     repeated sentence is never shown twice;
 *   - sums are taken over keys sorted by key value (floating addition is not
 *     associative).
 * Memory grows with distinct pairs, keys, (edge, article) pairs and dates, never with
 * the number of occurrences.
 *
 * Filters: negated events and events between an actor and itself never become edges;
 * --types, --since/--until and --actors drop events; an undated event is kept unless a
 * date filter is set (its date cannot be shown to be inside the range); --min-weight
 * drops edges when the graph is made. */
#include "bilat/bilat.h"
#include "graph_internal.h"
#include "util.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------- */
/* An open-addressing table of fixed-size records whose first 8 bytes are a nonzero
 * 64-bit key (key 0 is stored as 1: a 2^-64 chance of merging two keys).              */

typedef struct u64tab {
    unsigned char *slots;
    size_t recsz, n, cap;
} u64tab_t;

static void tab_init(u64tab_t *t, size_t recsz)
{
    t->slots = NULL;
    t->recsz = recsz;
    t->n = t->cap = 0;
}

static void tab_destroy(u64tab_t *t)
{
    free(t->slots);
    t->slots = NULL;
    t->n = t->cap = 0;
}

static uint64_t rec_key(const unsigned char *rec)
{
    uint64_t k;
    memcpy(&k, rec, sizeof k);
    return k;
}

static size_t tab_slot(const u64tab_t *t, uint64_t k)
{
    /* the keys are hashes already; mix once more so that low bits vary */
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & (t->cap - 1);
}

static bool tab_grow(u64tab_t *t)
{
    size_t cap = t->cap ? 2 * t->cap : 8;
    unsigned char *slots = calloc(cap, t->recsz);
    if (!slots)
        return false;
    u64tab_t nt = {slots, t->recsz, t->n, cap};
    for (size_t i = 0; i < t->cap; i++) {
        const unsigned char *rec = t->slots + i * t->recsz;
        uint64_t k = rec_key(rec);
        if (!k)
            continue;
        size_t j = tab_slot(&nt, k);
        while (rec_key(nt.slots + j * nt.recsz))
            j = (j + 1) & (cap - 1);
        memcpy(nt.slots + j * nt.recsz, rec, t->recsz);
    }
    free(t->slots);
    *t = nt;
    return true;
}

/* The record of key k, inserted zeroed (but for the key) when absent, with *added set;
 * NULL when out of memory. */
static void *tab_get(u64tab_t *t, uint64_t k, bool *added)
{
    if (!k)
        k = 1;
    if (2 * (t->n + 1) > t->cap && !tab_grow(t))
        return NULL;
    size_t j = tab_slot(t, k);
    for (;;) {
        unsigned char *rec = t->slots + j * t->recsz;
        uint64_t have = rec_key(rec);
        if (have == k) {
            *added = false;
            return rec;
        }
        if (!have) {
            memcpy(rec, &k, sizeof k);
            t->n++;
            *added = true;
            return rec;
        }
        j = (j + 1) & (t->cap - 1);
    }
}

static bool tab_add(u64tab_t *t, uint64_t k)
{
    bool added;
    return tab_get(t, k, &added) != NULL;
}

/* ---------------------------------------------------------------------------------- */
/* Edge accumulators                                                                  */

/* One distinct key of an edge, with the occurrence that sets its score. */
typedef struct keyrec {
    uint64_t key;
    uint64_t doc; /* FNV hash of the doc id of the first occurrence */
    size_t start;
    double score;
    int type;
    char date[11]; /* "" when undated */
} keyrec_t;

/* An evidence candidate: the first occurrence of one key. */
typedef struct occ {
    uint64_t key;
    char *doc;
    char date[11];
    size_t start;
    char *sentence; /* already cut around the trigger */
} occ_t;

/* The size of an actor code with its NUL, as in bilat_event_t. */
enum { CODE_SIZE = 8 };

typedef struct edge_acc {
    char a[CODE_SIZE], b[CODE_SIZE]; /* source, target; a < b when undirected */
    u64tab_t keys;                   /* keyrec_t */
    u64tab_t docs;                   /* doc hashes */
    char (*dates)[11];               /* distinct dates, ascending */
    size_t ndates, capdates;
    occ_t *ev; /* up to opt.evidence candidates, ascending */
    size_t nev;
} edge_acc_t;

struct bilat_aggregate {
    bilat_graph_options_t opt; /* strings below are copies */
    char *lang, *since, *until;
    char **actors;
    size_t nactors;
    edge_acc_t *edges;
    size_t nedges, capedges;
    bilat_strtab_t index;      /* pair_key() -> index into edges */
    u64tab_t allkeys, alldocs; /* every event, for the provenance counts */
    long events;
};

void bilat_graph_options_init(bilat_graph_options_t *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->min_weight = 1;
    opt->lang = "ar";
    opt->evidence = 3;
}

static void occ_destroy(occ_t *o)
{
    free(o->doc);
    free(o->sentence);
}

static void edge_acc_destroy(edge_acc_t *e)
{
    tab_destroy(&e->keys);
    tab_destroy(&e->docs);
    free(e->dates);
    for (size_t i = 0; i < e->nev; i++)
        occ_destroy(&e->ev[i]);
    free(e->ev);
}

void bilat_aggregate_free(bilat_aggregate_t *ag)
{
    if (!ag)
        return;
    for (size_t i = 0; i < ag->nedges; i++)
        edge_acc_destroy(&ag->edges[i]);
    free(ag->edges);
    bilat_strtab_destroy(&ag->index);
    tab_destroy(&ag->allkeys);
    tab_destroy(&ag->alldocs);
    for (size_t i = 0; i < ag->nactors; i++)
        free(ag->actors[i]);
    free(ag->actors);
    free(ag->lang);
    free(ag->since);
    free(ag->until);
    free(ag);
}

bilat_aggregate_t *bilat_aggregate_new(const bilat_graph_options_t *opt)
{
    bilat_aggregate_t *ag = calloc(1, sizeof *ag);
    if (!ag)
        return NULL;
    ag->opt = *opt;
    if (ag->opt.min_weight < 1)
        ag->opt.min_weight = 1;
    if (ag->opt.evidence < 0)
        ag->opt.evidence = 0;
    bilat_strtab_init(&ag->index);
    tab_init(&ag->allkeys, sizeof(uint64_t));
    tab_init(&ag->alldocs, sizeof(uint64_t));
    ag->lang = strdup(opt->lang && opt->lang[0] ? opt->lang : "ar");
    ag->since = bilat_strdup(opt->since);
    ag->until = bilat_strdup(opt->until);
    bool bad = !ag->lang || (opt->since && !ag->since) || (opt->until && !ag->until);
    if (opt->actors) {
        size_t n = 0;
        while (opt->actors[n])
            n++;
        ag->actors = calloc(n + 1, sizeof *ag->actors);
        bad |= !ag->actors;
        for (size_t i = 0; !bad && i < n; i++) {
            ag->actors[i] = strdup(opt->actors[i]);
            bad |= !ag->actors[i];
            ag->nactors += !bad;
        }
    }
    if (bad) {
        bilat_aggregate_free(ag);
        return NULL;
    }
    ag->opt.lang = ag->lang;
    ag->opt.since = ag->since;
    ag->opt.until = ag->until;
    ag->opt.actors = (const char *const *)ag->actors;
    return ag;
}

/* 16 hex digits as a number; other text (a foreign key) is hashed. */
static uint64_t key_value(const char *key)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; key[i] && i < 16; i++) {
        char c = key[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                                            : 16;
        if (d == 16)
            return bilat_fnv1a(BILAT_FNV_INIT, key, strlen(key));
        v = v << 4 | d;
    }
    return i == 16 && !key[i] ? v : bilat_fnv1a(BILAT_FNV_INIT, key, strlen(key));
}

static uint64_t doc_hash(const char *doc)
{
    return bilat_fnv1a(BILAT_FNV_INIT, doc ? doc : "", doc ? strlen(doc) : 0);
}

static bool actor_kept(const bilat_aggregate_t *ag, const char *code)
{
    for (size_t i = 0; i < ag->nactors; i++)
        if (strcmp(ag->actors[i], code) == 0)
            return true;
    return false;
}

static bool event_kept(const bilat_aggregate_t *ag, const bilat_event_t *ev)
{
    if (ev->negated || strcmp(ev->source, ev->target) == 0)
        return false;
    if (ag->opt.types && !(ag->opt.types & (1u << ev->type)))
        return false;
    if ((ag->since || ag->until) && !ev->date)
        return false;
    if (ag->since && strcmp(ev->date, ag->since) < 0)
        return false;
    if (ag->until && strcmp(ev->date, ag->until) > 0)
        return false;
    if (ag->actors && !actor_kept(ag, ev->source) && !actor_kept(ag, ev->target))
        return false;
    return true;
}

/* "a\0b" in key[]: one string per ordered pair (codes hold no NUL), each code cut as
 * edge_acc_t keeps it.  Returns its length. */
static size_t pair_key(const char *a, const char *b, char key[2 * CODE_SIZE])
{
    size_t na = strnlen(a, CODE_SIZE - 1), nb = strnlen(b, CODE_SIZE - 1);
    memcpy(key, a, na);
    key[na] = '\0';
    memcpy(key + na + 1, b, nb);
    return na + 1 + nb;
}

/* The accumulator of edge a–b, created when absent; NULL when out of memory. */
static edge_acc_t *edge_get(bilat_aggregate_t *ag, const char *a, const char *b)
{
    char key[2 * CODE_SIZE];
    size_t n = pair_key(a, b, key);
    uint32_t at = bilat_strtab_get(&ag->index, key, n, UINT32_MAX);
    if (at != UINT32_MAX)
        return &ag->edges[at];
    if (!bilat_array_grow(&ag->edges, ag->nedges, &ag->capedges, sizeof *ag->edges, 16))
        return NULL;
    edge_acc_t *e = &ag->edges[ag->nedges];
    memset(e, 0, sizeof *e);
    snprintf(e->a, sizeof e->a, "%s", a);
    snprintf(e->b, sizeof e->b, "%s", b);
    tab_init(&e->keys, sizeof(keyrec_t));
    tab_init(&e->docs, sizeof(uint64_t));
    if (!bilat_strtab_put(&ag->index, key, n, (uint32_t)ag->nedges, NULL))
        return NULL;
    ag->nedges++;
    return e;
}

static bool dates_add(edge_acc_t *e, const char *date)
{
    size_t lo = 0, hi = e->ndates;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(e->dates[mid], date);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!bilat_array_grow(&e->dates, e->ndates, &e->capdates, sizeof *e->dates, 4))
        return false;
    memmove(e->dates + lo + 1, e->dates + lo, (e->ndates - lo) * sizeof *e->dates);
    snprintf(e->dates[lo], sizeof e->dates[lo], "%s", date);
    e->ndates++;
    return true;
}

/* Evidence order: dated before undated, then date, doc, start, and the key (one
 * sentence often holds several relations, all at the same start). */
static int occ_cmp(const occ_t *a, const occ_t *b)
{
    if (!a->date[0] != !b->date[0])
        return a->date[0] ? -1 : 1;
    int c = strcmp(a->date, b->date);
    if (!c)
        c = strcmp(a->doc, b->doc);
    if (!c)
        c = a->start < b->start ? -1 : a->start > b->start;
    if (!c)
        c = a->key < b->key ? -1 : a->key > b->key;
    return c;
}

/* The sentence cut to at most 240 characters (code points) around the trigger, on
 * character boundaries, with "…" where it was cut.  NULL when out of memory. */
static char *evidence_cut(const char *text, const char *trigger)
{
    enum { MAX = 240 };
    size_t len = strlen(text);
    size_t n = 0;
    for (size_t i = 0; i < len; n++)
        bilat_utf8_next(text, len, &i);
    if (n <= MAX)
        return strdup(text);
    /* the trigger's middle, in code points (the sentence start when not found) */
    const char *hit = trigger && trigger[0] ? strstr(text, trigger) : NULL;
    size_t tb = hit ? (size_t)(hit - text) : 0, te = hit ? tb + strlen(trigger) : 0;
    size_t t0 = 0, t1 = 0, k = 0;
    for (size_t i = 0; i < len; k++) {
        if (i <= tb)
            t0 = k;
        if (i < te)
            t1 = k + 1;
        bilat_utf8_next(text, len, &i);
    }
    size_t mid = (t0 + t1) / 2;
    size_t s = mid > MAX / 2 ? mid - MAX / 2 : 0;
    if (s > n - MAX)
        s = n - MAX;
    size_t e = s + MAX;
    if (s > 0)
        s++; /* room for the leading "…" */
    if (e < n)
        e--; /* and the trailing one */
    bilat_buf_t b;
    bilat_buf_init(&b);
    bool ok = s == 0 || bilat_buf_puts(&b, "\xE2\x80\xA6");
    size_t bs = 0, be = len;
    k = 0;
    for (size_t i = 0; i < len; k++) {
        if (k == s)
            bs = i;
        if (k == e)
            be = i;
        bilat_utf8_next(text, len, &i);
    }
    ok = ok && bilat_buf_append(&b, text + bs, be - bs);
    ok = ok && (e == n || bilat_buf_puts(&b, "\xE2\x80\xA6"));
    return bilat_buf_finish(&b, ok);
}

/* Offers the occurrence ev (key k) as evidence of e: keeps the first max keys, each by
 * its first occurrence.  A key evicted earlier can only come back with an occurrence
 * that precedes every kept one, hence precedes its evicted one: the result is the
 * same in any order of arrival. */
static bool evidence_offer(edge_acc_t *e, int max, uint64_t k, const bilat_event_t *ev)
{
    if (max <= 0)
        return true;
    /* the candidate, borrowing doc until it is kept */
    occ_t o = {k, (char *)(ev->doc ? ev->doc : ""), "", ev->start, NULL};
    snprintf(o.date, sizeof o.date, "%s", ev->date ? ev->date : "");
    size_t have = SIZE_MAX;
    for (size_t i = 0; i < e->nev; i++)
        if (e->ev[i].key == k)
            have = i;
    if (have != SIZE_MAX) {
        if (occ_cmp(&o, &e->ev[have]) >= 0)
            return true;
        occ_destroy(&e->ev[have]);
        memmove(e->ev + have, e->ev + have + 1, (e->nev - have - 1) * sizeof *e->ev);
        e->nev--;
    } else if (e->nev == (size_t)max) {
        occ_t *last = &e->ev[e->nev - 1];
        if (occ_cmp(&o, last) >= 0)
            return true;
        occ_destroy(last);
        e->nev--;
    }
    if (!e->ev && !(e->ev = calloc((size_t)max, sizeof *e->ev)))
        return false;
    o.doc = strdup(o.doc);
    o.sentence = evidence_cut(ev->text ? ev->text : "", ev->trigger);
    if (!o.doc || !o.sentence) {
        occ_destroy(&o);
        return false;
    }
    size_t at = e->nev;
    while (at > 0 && occ_cmp(&o, &e->ev[at - 1]) < 0)
        at--;
    memmove(e->ev + at + 1, e->ev + at, (e->nev - at) * sizeof *e->ev);
    e->ev[at] = o;
    e->nev++;
    return true;
}

static bool edge_add(bilat_aggregate_t *ag, const char *a, const char *b, uint64_t k,
                     uint64_t doc, const bilat_event_t *ev)
{
    edge_acc_t *e = edge_get(ag, a, b);
    if (!e)
        return false;
    bool added;
    keyrec_t *kr = tab_get(&e->keys, k, &added);
    if (!kr)
        return false;
    const char *date = ev->date ? ev->date : "";
    int c = added ? -1 : strcmp(date, kr->date);
    if (!c)
        c = doc < kr->doc ? -1 : doc > kr->doc;
    if (!c)
        c = ev->start < kr->start ? -1 : ev->start > kr->start;
    if (!c) /* the same occurrence read twice with two scores: the lower, in any order */
        c = ev->score < kr->score ? -1 : 0;
    if (c < 0) {
        kr->doc = doc;
        kr->start = ev->start;
        kr->score = ev->score;
        kr->type = (int)ev->type;
        snprintf(kr->date, sizeof kr->date, "%s", date);
    }
    if (!tab_add(&e->docs, doc))
        return false;
    if (ev->date && !dates_add(e, ev->date))
        return false;
    return evidence_offer(e, ag->opt.evidence, k, ev);
}

bilat_status_t bilat_aggregate_add(bilat_aggregate_t *ag, const bilat_event_t *ev,
                                   bilat_error_t *err)
{
    if ((unsigned)ev->type >= BILAT_NTYPES)
        return bilat_error_set(err, BILAT_EINVAL, ev->doc, 0, 0,
                               "event of unknown type %d", (int)ev->type);
    uint64_t k = key_value(ev->key);
    uint64_t doc = doc_hash(ev->doc);
    ag->events++;
    bool ok = tab_add(&ag->allkeys, k) && tab_add(&ag->alldocs, doc);
    if (ok && event_kept(ag, ev)) {
        const char *s = ev->source, *t = ev->target;
        if (ag->opt.directed) {
            ok = edge_add(ag, s, t, k, doc, ev);
            if (ok && !ev->directed)
                ok = edge_add(ag, t, s, k, doc, ev);
        } else {
            if (strcmp(s, t) > 0) {
                const char *x = s;
                s = t;
                t = x;
            }
            ok = edge_add(ag, s, t, k, doc, ev);
        }
    }
    return ok ? BILAT_OK
              : bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---------------------------------------------------------------------------------- */
/* From accumulators to the graph record                                              */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of e (sorted ascending) into a new array; NULL when out of memory. */
static keyrec_t *sorted_keys(const edge_acc_t *e)
{
    keyrec_t *v = malloc((e->keys.n ? e->keys.n : 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < e->keys.cap; i++) {
        const unsigned char *rec = e->keys.slots + i * e->keys.recsz;
        if (rec_key(rec))
            memcpy(&v[n++], rec, sizeof *v);
    }
    qsort(v, n, sizeof *v, cmp_u64); /* the key is the first member */
    return v;
}

/* The JSON text of the options that change the graph (keys sorted); NULL when out of
 * memory.  Caller frees with free(). */
static char *options_json(const bilat_aggregate_t *ag)
{
    json_t *o = json_object();
    json_t *types = ag->opt.types ? json_array() : json_null();
    json_t *actors = ag->actors ? json_array() : json_null();
    int bad = !o || !types || !actors;
    for (int t = 0; !bad && t < BILAT_NTYPES && ag->opt.types; t++)
        if (ag->opt.types & (1u << t))
            bad |= json_array_append_new(types,
                                         json_string(bilat_type_string((bilat_type_t)t)));
    /* sorted and unique: the order the codes were given in does not change the graph */
    char **codes = malloc((ag->nactors ? ag->nactors : 1) * sizeof *codes);
    bad |= !codes;
    if (!bad && ag->nactors) {
        memcpy(codes, ag->actors, ag->nactors * sizeof *codes);
        qsort(codes, ag->nactors, sizeof *codes, cmp_code);
        for (size_t i = 0; i < ag->nactors; i++)
            if (!i || strcmp(codes[i], codes[i - 1]))
                bad |= json_array_append_new(actors, json_string(codes[i]));
    }
    free(codes);
    bad |= json_object_set_new(o, "types", types);
    bad |= json_object_set_new(o, "actors", actors);
    bad |= json_object_set_new(o, "min_weight", json_integer(ag->opt.min_weight));
    bad |=
        json_object_set_new(o, "since", ag->since ? json_string(ag->since) : json_null());
    bad |=
        json_object_set_new(o, "until", ag->until ? json_string(ag->until) : json_null());
    bad |= json_object_set_new(o, "directed", json_boolean(ag->opt.directed));
    bad |= json_object_set_new(o, "lang", json_string(ag->lang));
    bad |= json_object_set_new(o, "evidence", json_integer(ag->opt.evidence));
    bad |= json_object_set_new(o, "leiden", json_boolean(ag->opt.leiden));
    char *s = bad ? NULL : json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s;
}

/* Index of code in the sorted codes[0..n-1]. */
static size_t code_index(char *const *codes, size_t n, const char *code)
{
    const char *key = code;
    char *const *p = bsearch(&key, codes, n, sizeof *codes, cmp_code);
    return p ? (size_t)(p - codes) : SIZE_MAX;
}

/* Fills edge out from accumulator e (endpoints already set). */
static bool edge_fill(const edge_acc_t *e, bilat_edge_t *out)
{
    keyrec_t *keys = sorted_keys(e);
    if (!keys)
        return false;
    out->weight = (long)e->keys.n;
    for (size_t i = 0; i < e->keys.n; i++) {
        out->score += keys[i].score;
        out->counts[keys[i].type]++;
    }
    free(keys);
    out->tone = out->score / (double)out->weight;
    out->docs = (long)e->docs.n;
    if (e->ndates) {
        memcpy(out->first_date, e->dates[0], 11);
        memcpy(out->last_date, e->dates[e->ndates - 1], 11);
        out->dates = malloc(e->ndates * sizeof *out->dates);
        if (!out->dates)
            return false;
        memcpy(out->dates, e->dates, e->ndates * sizeof *out->dates);
        out->ndates = e->ndates;
    }
    if (e->nev) {
        out->evidence = calloc(e->nev, sizeof *out->evidence);
        if (!out->evidence)
            return false;
        for (size_t i = 0; i < e->nev; i++) {
            bilat_evidence_t *x = &out->evidence[out->nevidence++];
            x->doc = strdup(e->ev[i].doc);
            x->date = e->ev[i].date[0] ? strdup(e->ev[i].date) : NULL;
            x->sentence = strdup(e->ev[i].sentence);
            if (!x->doc || !x->sentence || (e->ev[i].date[0] && !x->date))
                return false;
        }
    }
    return true;
}

/* Distinct keys of the edges touching each node, into g->nodes[].mentions. */
static bool count_mentions(const bilat_aggregate_t *ag, const size_t *kept, size_t nkept,
                           bilat_graph_t *g)
{
    for (size_t v = 0; v < g->nnodes; v++) {
        size_t total = 0;
        for (size_t j = 0; j < nkept; j++) {
            const edge_acc_t *e = &ag->edges[kept[j]];
            if (!strcmp(e->a, g->nodes[v].id) || !strcmp(e->b, g->nodes[v].id))
                total += e->keys.n;
        }
        if (!ag->opt.directed) {
            /* a key names its pair: in an undirected graph it is on one edge only */
            g->nodes[v].mentions = (long)total;
            continue;
        }
        uint64_t *all = malloc((total ? total : 1) * sizeof *all);
        if (!all)
            return false;
        size_t n = 0;
        for (size_t j = 0; j < nkept; j++) {
            const edge_acc_t *e = &ag->edges[kept[j]];
            if (strcmp(e->a, g->nodes[v].id) && strcmp(e->b, g->nodes[v].id))
                continue;
            for (size_t i = 0; i < e->keys.cap; i++) {
                const unsigned char *rec = e->keys.slots + i * e->keys.recsz;
                if (rec_key(rec))
                    all[n++] = rec_key(rec);
            }
        }
        qsort(all, n, sizeof *all, cmp_u64);
        long distinct = 0;
        for (size_t i = 0; i < n; i++)
            distinct += !i || all[i] != all[i - 1];
        g->nodes[v].mentions = distinct;
        free(all);
    }
    return true;
}

bilat_status_t bilat_aggregate_graph(const bilat_aggregate_t *ag,
                                     const bilat_gazetteer_t *gz, bilat_graph_t **out,
                                     bilat_error_t *err)
{
    *out = NULL;
    bilat_status_t st = BILAT_ENOMEM;
    size_t *kept = malloc((ag->nedges ? ag->nedges : 1) * sizeof *kept);
    char **codes = malloc((2 * ag->nedges + 1) * sizeof *codes);
    bilat_graph_t *g = calloc(1, sizeof *g);
    if (!kept || !codes || !g)
        goto cleanup;
    g->directed = ag->opt.directed;
    size_t nkept = 0, ncodes = 0;
    for (size_t i = 0; i < ag->nedges; i++) {
        if ((long)ag->edges[i].keys.n < ag->opt.min_weight)
            continue;
        kept[nkept++] = i;
        codes[ncodes++] = (char *)ag->edges[i].a;
        codes[ncodes++] = (char *)ag->edges[i].b;
    }
    qsort(codes, ncodes, sizeof *codes, cmp_code);
    size_t nnodes = 0;
    for (size_t i = 0; i < ncodes; i++)
        if (!nnodes || strcmp(codes[i], codes[nnodes - 1]))
            codes[nnodes++] = codes[i];
    g->nodes = calloc(nnodes ? nnodes : 1, sizeof *g->nodes);
    g->edges = calloc(nkept ? nkept : 1, sizeof *g->edges);
    if (!g->nodes || !g->edges)
        goto cleanup;
    for (size_t v = 0; v < nnodes; v++) {
        bilat_node_t *nd = &g->nodes[g->nnodes++];
        char buf[256];
        snprintf(nd->id, sizeof nd->id, "%s", codes[v]);
        nd->label = strdup(gz ? bilat_actor_label(gz, nd->id, ag->lang, buf, sizeof buf)
                              : nd->id);
        nd->label_en =
            strdup(gz ? bilat_actor_label(gz, nd->id, "en", buf, sizeof buf) : nd->id);
        nd->org = bilat_actor_is_org(nd->id);
        if (!nd->label || !nd->label_en)
            goto cleanup;
    }
    for (size_t j = 0; j < nkept; j++) {
        const edge_acc_t *e = &ag->edges[kept[j]];
        bilat_edge_t *x = &g->edges[g->nedges++];
        x->source = code_index(codes, nnodes, e->a);
        x->target = code_index(codes, nnodes, e->b);
        if (!edge_fill(e, x))
            goto cleanup;
    }
    qsort(g->edges, g->nedges, sizeof *g->edges, bilat_edge_cmp);
    if (!count_mentions(ag, kept, nkept, g))
        goto cleanup;
    g->prov.version = strdup(BILAT_VERSION);
    g->prov.options = options_json(ag);
    g->prov.events = ag->events;
    g->prov.keys = (long)ag->allkeys.n;
    g->prov.articles = (long)ag->alldocs.n;
    if (!g->prov.version || !g->prov.options)
        goto cleanup;
    *out = g;
    g = NULL;
    st = BILAT_OK;
cleanup:
    free(kept);
    free(codes);
    bilat_graph_free(g);
    return st == BILAT_OK ? st : bilat_error_set(err, st, NULL, 0, 0, "out of memory");
}

bilat_status_t bilat_graph_build(const bilat_aggregate_t *ag, const bilat_gazetteer_t *gz,
                                 bilat_graph_t **out, bilat_error_t *err)
{
    bilat_graph_t *g = NULL;
    bilat_status_t st = bilat_aggregate_graph(ag, gz, &g, err);
    if (st == BILAT_OK)
        st = bilat_graph_analyse(g, ag->opt.leiden, err);
    if (st != BILAT_OK) {
        bilat_graph_free(g);
        g = NULL;
    }
    *out = g;
    return st;
}
