/* Relation extraction: the relation lexicon (data/lexicon.txt, embedded, plus the
 * user's --lexicon files) and the pattern engine that turns the actor mentions and
 * trigger words of one sentence unit into events.
 *
 * The engine reads each unit as a flat token sequence with a few marks per token
 * (punctuation, prepositions, negation, conditionals, word classes of the lexicon)
 * and groups coordinated actors («الصين وباكستان»).  Each trigger then looks for its
 * agent and its partner or target in small word windows: a verb for a subject before
 * it (SVO headlines) or after it (VSO sentences) and an object after the subject; a
 * verbal noun for a genitive or nisba agent right after it and a prepositional
 * object; «بين» and nisba compounds pair their members.  Verbs govern: they are read
 * before nouns, and a pair keeps the type of the first trigger that relates it in the
 * unit, so «اتهم X Y بقصف» is ACCUSE, not ASSAULT.  Around these: places and
 * datelines are no parties, conditionals and questions cancel, negations negate,
 * anaphors («الدولتان», «بلاده», «إنه») stand for actors named before, short forms
 * of organisations («الحلف») stand for one named before in the text, a headline
 * speaker («روسيا: …») and a state reporting another's wrongdoing accuse it, and the
 * officials named with a meeting of an organisation («قمة الناتو») attend it.
 * Related-headline units (BILAT_UNIT_RELATED) take no date from their page.
 *
 * Units with fewer than two actors (most of them) are skipped before any of this,
 * unless an anaphor may complete a pair. */
#include "bilat/bilat.h"
#include "embedded.h"
#include "patterns_internal.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------- */
/* Lexicon                                                                          */

enum lex_class {
    CLS_TRIGGER = 0,
    CLS_HEAD,
    CLS_NEG,
    CLS_COND,
    CLS_QUEST,
    CLS_ANAPHOR,
    CLS_PLACE,
    CLS_BREAK,
    CLS_PREP,
    CLS_WITH,
    CLS_BETWEEN,
    CLS_THAT,
    CLS_SELF,
    CLS_REPORT,
    CLS_BLAME,
    CLS_EACH,
    CLS_FROM,
    CLS_COUNTER,
    CLS_REL,
    CLS_GROUP,
    CLS_SUFFER,
    CLS_COUNT
};

static const char *const class_names[CLS_COUNT] = {
    "",      "HEAD", "NEG",  "COND",    "QUEST", "ANAPHOR", "PLACE",
    "BREAK", "PREP", "WITH", "BETWEEN", "THAT",  "SELF",    "REPORT",
    "BLAME", "EACH", "FROM", "COUNTER", "REL",   "GROUP",   "SUFFER",
};

enum lex_flag {
    LF_VERB = 1 << 0,
    LF_NOUN = 1 << 1,
    LF_SYM = 1 << 2,
    LF_TR = 1 << 3,
    LF_GP = 1 << 4,
    LF_POSS = 1 << 5,
    LF_SPK = 1 << 6,
    LF_VIC = 1 << 7,
    LF_WITH = 1 << 8,
    LF_WD = 1 << 9,
    LF_DOC = 1 << 10,
    LF_WEAK = 1 << 11,
    LF_LOC = 1 << 12,
    LF_BA = 1 << 14,
    LF_MTG = 1 << 15,
    LF_FIRST = 1 << 13 /* set by the inflector on first person plural forms */
};

static const struct {
    const char *name;
    uint16_t flag;
} flag_names[] = {
    {"v", LF_VERB},    {"n", LF_NOUN},    {"sym", LF_SYM}, {"tr", LF_TR},
    {"gp", LF_GP},     {"poss", LF_POSS}, {"spk", LF_SPK}, {"vic", LF_VIC},
    {"with", LF_WITH}, {"wd", LF_WD},     {"doc", LF_DOC}, {"weak", LF_WEAK},
    {"loc", LF_LOC},   {"ba", LF_BA},     {"mtg", LF_MTG},
};

/* One form of an entry.  Entries sharing a first word are chained from its slot. */
typedef struct lex_entry {
    uint32_t next;  /* index + 1 of the next entry with the same first word; 0 ends */
    uint32_t rest;  /* pool offset of the further words, each NUL-terminated */
    uint8_t nrest;  /* how many further words */
    uint8_t cls;    /* enum lex_class */
    uint8_t type;   /* bilat_type_t, for CLS_TRIGGER */
    int8_t score2;  /* twice the score: scores are multiples of 0.5 */
    uint16_t flags; /* enum lex_flag */
} lex_entry_t;

/* «الحلف» for NATO once NATO is named: a word standing for an organisation named
 * before in the same article. */
typedef struct orgref {
    uint32_t word; /* pool offset of the normalised word, article included */
    char code[8];
} orgref_t;

struct bilat_extractor {
    const bilat_gazetteer_t *gz;
    bilat_buf_t pool; /* words, NUL-terminated */
    lex_entry_t *e;
    size_t ne, cape;
    bilat_strtab_t heads; /* first word -> index + 1 of the first entry of its chain */
    uint32_t *anaphors;   /* pool offsets of the ANAPHOR words (fast pre-filter) */
    size_t nanaphors;
    uint32_t *selfs; /* and of the SELF words */
    size_t nselfs;
    orgref_t *orgrefs; /* ORGREF lines: short forms of organisations named before */
    size_t norgrefs;
};

/* Appends s[0..len-1] and a NUL to the pool; returns its offset through *off. */
static bool pool_add(bilat_extractor_t *ex, const char *s, size_t len, uint32_t *off)
{
    *off = (uint32_t)ex->pool.len;
    return bilat_buf_append(&ex->pool, s, len) && bilat_buf_putc(&ex->pool, '\0');
}

/* Adds entry *proto under first word w[0..len-1], in front of the word's chain so that
 * later files override earlier entries. */
static bool lex_add(bilat_extractor_t *ex, const char *w, size_t len,
                    const lex_entry_t *proto)
{
    if (ex->ne == ex->cape) {
        size_t cap = ex->cape ? ex->cape * 2 : 512;
        lex_entry_t *e = realloc(ex->e, cap * sizeof *e);
        if (!e)
            return false;
        ex->e = e;
        ex->cape = cap;
    }
    uint32_t *head = bilat_strtab_put(&ex->heads, w, len, 0, NULL);
    if (!head)
        return false;
    lex_entry_t *e = &ex->e[ex->ne];
    *e = *proto;
    e->next = *head;
    *head = (uint32_t)++ex->ne;
    return true;
}

/* The Arabic letters the verb inflector adds, in UTF-8 (two bytes each). */
#define AR_ALEF "\xd8\xa7"
#define AR_TA "\xd8\xaa"
#define AR_WAW "\xd9\x88"
#define AR_YA "\xd9\x8a"
#define AR_NUN "\xd9\x86"
#define AR_SIN "\xd8\xb3"
#define AR_FA "\xd9\x81"
#define AR_LAM "\xd9\x84"
#define AR_BA "\xd8\xa8"
#define AR_KAF "\xd9\x83"

static bool ends_with(const char *w, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(w + len - n, suffix, n) == 0;
}

/* Adds one inflected form made of up to three pieces. */
static bool add_form(bilat_extractor_t *ex, const lex_entry_t *proto, const char *a,
                     size_t alen, const char *b, size_t blen, const char *c)
{
    char buf[256];
    size_t clen = strlen(c);
    if (alen + blen + clen > sizeof buf)
        return true; /* longer than any Arabic verb form: nothing to add */
    memcpy(buf, a, alen);
    memcpy(buf + alen, b, blen);
    memcpy(buf + alen + blen, c, clen);
    return lex_add(ex, buf, alen + blen + clen, proto);
}

/* Inflects a verb from its normalised past and present third person masculine singular
 * forms (بحث/يبحث, التقي/يلتقي, دعا/يدعو): past fem., dual and plural; present with
 * ي/ت, dual and plural, with and without their final ن (لم تتفقا); the future with
 * س.  Final weak letters are dropped before the endings that replace them (التقت،
 * التقوا، يلتقون، يدعون). */
static bool add_verb(bilat_extractor_t *ex, const lex_entry_t *proto, const char *past,
                     size_t plen, const char *pres, size_t rlen)
{
    bool pweak = ends_with(past, plen, AR_YA) || ends_with(past, plen, AR_ALEF);
    size_t pbase = pweak ? plen - 2 : plen;
    bool pweak_a = ends_with(past, plen, AR_ALEF);
    const char *stem = pres + 2; /* the present without its ي */
    size_t slen = rlen - 2;
    bool rweak = ends_with(pres, rlen, AR_YA) || ends_with(pres, rlen, AR_WAW);
    size_t rbase = rweak ? rlen - 2 : rlen;
    static const char *const sing[] = {"", AR_ALEF, AR_ALEF AR_NUN};
    static const char *const plur[] = {AR_WAW AR_ALEF, AR_WAW AR_NUN};
    bool ok = add_form(ex, proto, past, plen, "", 0, "") &&
              add_form(ex, proto, past, pbase, "", 0, AR_TA) &&
              add_form(ex, proto, past, pweak_a ? pbase : plen, "", 0,
                       pweak_a ? AR_WAW AR_ALEF : AR_ALEF) &&
              add_form(ex, proto, past, pbase, "", 0, AR_TA AR_ALEF) &&
              add_form(ex, proto, past, pbase, "", 0, AR_WAW AR_ALEF);
    /* Present and future: singular and dual endings on the whole stem, plural ones
     * after a final weak letter is dropped. */
    for (size_t i = 0; ok && i < sizeof sing / sizeof sing[0]; i++) {
        ok = add_form(ex, proto, pres, rlen, "", 0, sing[i]) &&
             add_form(ex, proto, AR_TA, 2, stem, slen, sing[i]) &&
             add_form(ex, proto, AR_SIN, 2, pres, rlen, sing[i]) &&
             add_form(ex, proto, AR_SIN AR_TA, 4, stem, slen, sing[i]);
    }
    for (size_t i = 0; ok && i < sizeof plur / sizeof plur[0]; i++) {
        ok = add_form(ex, proto, pres, rbase, "", 0, plur[i]) &&
             add_form(ex, proto, AR_SIN, 2, pres, rbase, plur[i]);
    }
    /* «ندين»، «سنرد»: a state speaking of itself in a quote. */
    lex_entry_t first = *proto;
    first.flags |= LF_FIRST;
    return ok && add_form(ex, &first, AR_NUN, 2, stem, slen, "") &&
           add_form(ex, &first, AR_SIN AR_NUN, 4, stem, slen, "");
}

/* Normalises one word of an entry; it must stay a single word. */
static char *norm_word(const char *s, size_t len, size_t *out_len)
{
    char *w = bilat_normalise(s, len, out_len);
    if (w && (*out_len == 0 || memchr(w, ' ', *out_len))) {
        free(w);
        errno = EINVAL;
        return NULL;
    }
    return w;
}

/* Appends word w[0..len-1] to a pre-filter list of pool offsets. */
static bool remember(bilat_extractor_t *ex, uint32_t **list, size_t *n, const char *w,
                     size_t len)
{
    uint32_t *a = realloc(*list, (*n + 1) * sizeof *a);
    if (!a)
        return false;
    *list = a;
    if (!pool_add(ex, w, len, &a[*n]))
        return false;
    ++*n;
    return true;
}

/* Adds one field of an entry line: "WORD", "W1_W2" (a phrase) or, for verbs,
 * "PAST/PRESENT[_W2...]".  Returns NULL or a static reason. */
static const char *add_field(bilat_extractor_t *ex, lex_entry_t proto, const char *f,
                             size_t flen)
{
    /* The further words of a phrase go to the pool first. */
    const char *us = memchr(f, '_', flen);
    size_t head_len = us ? (size_t)(us - f) : flen;
    proto.rest = (uint32_t)ex->pool.len;
    proto.nrest = 0;
    for (const char *p = us; p && p < f + flen;) {
        const char *q = p + 1;
        const char *nx = memchr(q, '_', (size_t)(f + flen - q));
        size_t wl = nx ? (size_t)(nx - q) : (size_t)(f + flen - q);
        size_t nl;
        char *w = norm_word(q, wl, &nl);
        if (!w)
            return errno == EINVAL ? "empty word in a phrase" : "out of memory";
        uint32_t off;
        bool ok = pool_add(ex, w, nl, &off);
        free(w);
        if (!ok)
            return "out of memory";
        if (++proto.nrest == 0)
            return "phrase too long";
        p = nx;
    }
    const char *slash = memchr(f, '/', head_len);
    if ((proto.flags & LF_VERB) && !slash)
        return "a verb is written PAST/PRESENT";
    if (!(proto.flags & LF_VERB) && slash)
        return "PAST/PRESENT forms need the flag v";
    if (slash) {
        size_t pl, rl;
        char *past = norm_word(f, (size_t)(slash - f), &pl);
        char *pres =
            past ? norm_word(slash + 1, (size_t)(f + head_len - slash - 1), &rl) : NULL;
        const char *why = NULL;
        if (!past || !pres)
            why = errno == EINVAL ? "empty verb form" : "out of memory";
        else if (rl < 4 || memcmp(pres, AR_YA, 2) != 0)
            why = "the present form must start with ي";
        else if (!add_verb(ex, &proto, past, pl, pres, rl))
            why = "out of memory";
        free(past);
        free(pres);
        return why;
    }
    size_t nl;
    char *w = norm_word(f, head_len, &nl);
    if (!w)
        return errno == EINVAL ? "empty word" : "out of memory";
    bool ok = lex_add(ex, w, nl, &proto);
    if (ok && proto.cls == CLS_ANAPHOR)
        ok = remember(ex, &ex->anaphors, &ex->nanaphors, w, nl);
    if (ok && proto.cls == CLS_SELF)
        ok = remember(ex, &ex->selfs, &ex->nselfs, w, nl);
    free(w);
    return ok ? NULL : "out of memory";
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Splits the next white-space separated field of [*p, end). */
static bool next_field(const char **p, const char *end, const char **f, size_t *flen)
{
    while (*p < end && is_space(**p))
        (*p)++;
    if (*p >= end)
        return false;
    *f = *p;
    while (*p < end && !is_space(**p))
        (*p)++;
    *flen = (size_t)(*p - *f);
    return true;
}

static bool field_is(const char *f, size_t flen, const char *s)
{
    return strlen(s) == flen && memcmp(f, s, flen) == 0;
}

/* Parses one line; returns NULL or a static reason. */
/* The rest of an ORGREF line: CODE WORD [WORD...]. */
static const char *parse_orgref(bilat_extractor_t *ex, const char *p, const char *end)
{
    const char *f;
    size_t flen;
    if (!next_field(&p, end, &f, &flen) || *f == '#')
        return "missing actor code";
    orgref_t r = {0};
    if (flen >= sizeof r.code)
        return "actor code too long";
    memcpy(r.code, f, flen);
    if (ex->gz && !bilat_actor_known(ex->gz, r.code))
        return "unknown actor code";
    size_t nwords = 0;
    while (next_field(&p, end, &f, &flen) && *f != '#') {
        size_t nl;
        char *w = norm_word(f, flen, &nl);
        if (!w)
            return errno == EINVAL ? "empty word" : "out of memory";
        orgref_t *a = realloc(ex->orgrefs, (ex->norgrefs + 1) * sizeof *a);
        bool ok = a && pool_add(ex, w, nl, &r.word);
        free(w);
        if (a)
            ex->orgrefs = a;
        if (!ok)
            return "out of memory";
        ex->orgrefs[ex->norgrefs++] = r;
        nwords++;
    }
    return nwords ? NULL : "no words";
}

static const char *parse_line(bilat_extractor_t *ex, const char *p, const char *end)
{
    const char *f;
    size_t flen;
    if (!next_field(&p, end, &f, &flen) || *f == '#')
        return NULL;
    lex_entry_t proto = {0};
    char name[16];
    if (flen >= sizeof name)
        return "unknown type or word class";
    memcpy(name, f, flen);
    name[flen] = '\0';
    bilat_type_t type;
    if (strcmp(name, "ORGREF") == 0)
        return parse_orgref(ex, p, end);
    if (bilat_type_parse(name, &type)) {
        proto.cls = CLS_TRIGGER;
        proto.type = (uint8_t)type;
        if (!next_field(&p, end, &f, &flen))
            return "missing score";
        char num[32];
        if (flen >= sizeof num)
            return "bad score";
        memcpy(num, f, flen);
        num[flen] = '\0';
        char *e;
        double score = strtod(num, &e);
        if (*e || !(score >= -10 && score <= 10) || score * 2 != floor(score * 2))
            return "score must be a number from -10 to 10 in steps of 0.5";
        proto.score2 = (int8_t)(score * 2);
        if (!next_field(&p, end, &f, &flen))
            return "missing flags";
        if (!field_is(f, flen, "-")) {
            for (const char *q = f; q < f + flen;) {
                const char *c = memchr(q, ',', (size_t)(f + flen - q));
                size_t n = c ? (size_t)(c - q) : (size_t)(f + flen - q);
                size_t k = 0;
                while (k < sizeof flag_names / sizeof flag_names[0] &&
                       !field_is(q, n, flag_names[k].name))
                    k++;
                if (k == sizeof flag_names / sizeof flag_names[0])
                    return "unknown flag (v, n, sym, tr, gp, poss, spk, vic, with, wd, "
                           "doc, weak, loc, ba, mtg)";
                proto.flags |= flag_names[k].flag;
                q = c ? c + 1 : f + flen;
            }
        }
        if (!(proto.flags & (LF_VERB | LF_NOUN)))
            return "a trigger needs the flag v or n";
    } else {
        int c = 1;
        while (c < CLS_COUNT && strcmp(name, class_names[c]) != 0)
            c++;
        if (c == CLS_COUNT)
            return "unknown type or word class";
        proto.cls = (uint8_t)c;
        /* Word classes may list verbs (NEG نفى/ينفي). */
    }
    size_t nwords = 0;
    while (next_field(&p, end, &f, &flen)) {
        if (*f == '#')
            break;
        lex_entry_t e = proto;
        if (e.cls != CLS_TRIGGER && memchr(f, '/', flen))
            e.flags |= LF_VERB;
        const char *why = add_field(ex, e, f, flen);
        if (why)
            return why;
        nwords++;
    }
    return nwords ? NULL : "no words";
}

static bilat_status_t parse_lexicon(bilat_extractor_t *ex, const char *text, size_t len,
                                    const char *source, bilat_error_t *err)
{
    int lineno = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        const char *why = parse_line(ex, p, le);
        if (why) {
            bool oom = strcmp(why, "out of memory") == 0;
            return bilat_error_set(err, oom ? BILAT_ENOMEM : BILAT_EPARSE, source,
                                   oom ? 0 : lineno, 0, "%s", why);
        }
        p = le + 1;
    }
    return BILAT_OK;
}

static bilat_status_t load_file(bilat_extractor_t *ex, const char *path,
                                bilat_error_t *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return bilat_error_set(err, BILAT_EIO, path, 0, 0, "%s", strerror(errno));
    bilat_buf_t b;
    bilat_buf_init(&b);
    bilat_status_t st = BILAT_OK;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (!bilat_buf_append(&b, chunk, n)) {
            st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
            goto cleanup;
        }
    }
    if (ferror(f)) {
        st = bilat_error_set(err, BILAT_EIO, path, 0, 0, "read error");
        goto cleanup;
    }
    st = parse_lexicon(ex, b.data ? b.data : "", b.len, path, err);
cleanup:
    bilat_buf_destroy(&b);
    fclose(f);
    return st;
}

bilat_status_t bilat_extractor_new(const bilat_gazetteer_t *gz,
                                   const char *const *lexicon_files,
                                   bilat_extractor_t **out, bilat_error_t *err)
{
    *out = NULL;
    bilat_extractor_t *ex = calloc(1, sizeof *ex);
    if (!ex)
        return bilat_error_set(err, BILAT_ENOMEM, "<memory>", 0, 0, "out of memory");
    ex->gz = gz;
    bilat_buf_init(&ex->pool);
    bilat_strtab_init(&ex->heads);
    bilat_status_t st = parse_lexicon(ex, (const char *)bilat_data_lexicon,
                                      bilat_data_lexicon_len, "<lexicon>", err);
    for (size_t i = 0; st == BILAT_OK && lexicon_files && lexicon_files[i]; i++)
        st = load_file(ex, lexicon_files[i], err);
    if (st != BILAT_OK) {
        bilat_extractor_free(ex);
        return st;
    }
    *out = ex;
    return BILAT_OK;
}

void bilat_extractor_free(bilat_extractor_t *ex)
{
    if (!ex)
        return;
    bilat_buf_destroy(&ex->pool);
    free(ex->e);
    bilat_strtab_destroy(&ex->heads);
    free(ex->anaphors);
    free(ex->selfs);
    free(ex->orgrefs);
    free(ex);
}

/* ------------------------------------------------------------------------------- */
/* Token marks                                                                      */

enum tok_mark {
    TM_STRONG = 1u << 0, /* . ؛ : ؟ ! — ends a clause */
    TM_COMMA = 1u << 1,
    TM_CONN = 1u << 2, /* و as a word, hyphen, slash: joins coordinated actors */
    TM_COLON = 1u << 3,
    TM_QMARK = 1u << 4,
    TM_PAREN = 1u << 5, /* ( */
    TM_WPREF = 1u << 6, /* starts with the conjunction و */
    TM_LPREF = 1u << 7, /* carries the preposition ل */
    TM_VERB = 1u << 8,  /* a verb trigger starts here */
    TM_TRIG = 1u << 9,  /* a trigger starts here */
    TM_CLASS = 1u << 10 /* word classes: TM_CLASS << cls */
};
#define TM_OF(cls) (TM_CLASS << (cls))

/* An actor of the unit: a mention, or one side of an anaphor (الدولتان). */
typedef struct act {
    uint32_t ts, te; /* unit-relative tokens */
    char code[8];
    uint8_t via;
    bool wconj, lprep, bprep; /* its proclitics hold the conjunction و, the
                                 preposition ل, the preposition ب */
    bool people; /* a state's people, who act for no state (see read_unit()) */
    uint16_t flags;
} act_t;

/* Coordinated actors: acts [first, first + n). */
typedef struct grp {
    uint32_t ts, te, first, n;
    bool nisba_only;
    bool object; /* the object of a verb read before: not the agent of a later noun */
} grp_t;

typedef struct hit {
    uint32_t ts, te;
    const lex_entry_t *e;
    const lex_entry_t *alt; /* the noun reading of a verb form (دعم), or NULL */
    bool poss; /* a pronoun suffix: on a noun its agent is the clause subject, on a
                  verb its object is named before it */
} hit_t;

/* An event found in the unit, before it becomes a bilat_event_t. */
typedef struct pend {
    uint32_t ts, te; /* trigger tokens */
    char a[8], b[8];
    uint8_t type;
    bool directed, negated;
    bool aside; /* inferred (attendance): not the pair an anaphor refers to */
    int8_t score2;
} pend_t;

/* Scratch space for one document. */
typedef struct work {
    const bilat_extractor_t *ex;
    const bilat_text_t *t;
    const bilat_unit_t *u;
    uint32_t *tm; /* marks of the unit's tokens */
    uint32_t *wc; /* wc[k]: words among the unit's tokens before k */
    uint8_t *cq;  /* cancelled() per token, computed once per unit (cq_ready) */
    bool cq_ready;
    hit_t *trig; /* trigger starting at each token (e == NULL when none) */
    act_t *acts;
    size_t nacts;
    act_t *gen;    /* acts a unit's anaphors and SELF words add, before merge_acts() */
    act_t *places; /* actors named as places («في أوكرانيا») */
    size_t nplaces;
    grp_t *grps;
    size_t ngrps;
    pend_t *pend;
    size_t npend, cappend;
    int speaker;           /* group of a headline speaker («روسيا: ...»), or -1 */
    uint32_t colon;        /* the speaker's colon */
    int last_subj;         /* subject group of the last verb read, or -1 */
    uint32_t last_subj_at; /* that verb's token */
    char last_a[8], last_b[8]; /* the pair named last in the article */
    char agent[8];             /* the subject of the article's last verb read */
    char ell_target[8];        /* the target of the article's last directed event */
    int ell_type;              /* and its type, -1 when none */
    bilat_mention_t *um;       /* a unit's mentions with its ORGREF words added */
    uint32_t unit_no;          /* non-meta units of the article before this one */
    char summit[8];            /* the organisation whose meeting the article opens with */
    uint32_t summit_unit;      /* the unit that names it */
    char attended[32][8];      /* states already related to it as attending */
    size_t nattended;
} work_t;

static const char *tok_text(const bilat_text_t *t, uint32_t abs, uint32_t *len)
{
    *len = t->toks[abs].end - t->toks[abs].start;
    return t->norm + t->toks[abs].start;
}

static bool tok_is(const bilat_text_t *t, uint32_t abs, const char *s)
{
    uint32_t len;
    const char *w = tok_text(t, abs, &len);
    return strlen(s) == len && memcmp(w, s, len) == 0;
}

static uint32_t punct_marks(const bilat_text_t *t, uint32_t abs)
{
    static const struct {
        const char *s;
        uint32_t m;
    } p[] = {
        {".", TM_STRONG},
        {"!", TM_STRONG},
        {";", TM_STRONG},
        {"\xd8\x9b", TM_STRONG},
        {"?", TM_STRONG | TM_QMARK},
        {"\xd8\x9f", TM_STRONG | TM_QMARK},
        {":", TM_STRONG | TM_COLON},
        {",", TM_COMMA},
        {"\xd8\x8c", TM_COMMA},
        {"-", TM_CONN},
        {"\xe2\x80\x93", TM_CONN},
        {"/", TM_CONN},
        {"(", TM_PAREN},
    };
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
        if (tok_is(t, abs, p[i].s))
            return p[i].m;
    }
    return 0;
}

/* Whether the further words of e match the tokens after abs (before end). */
static bool rest_matches(const bilat_extractor_t *ex, const bilat_text_t *t,
                         const lex_entry_t *e, uint32_t abs, uint32_t end)
{
    if (abs + 1 + e->nrest > end)
        return false;
    const char *w = ex->pool.data + e->rest;
    for (uint32_t k = 0; k < e->nrest; k++) {
        if (!tok_is(t, abs + 1 + k, w))
            return false;
        w += strlen(w) + 1;
    }
    return true;
}

/* Looks the word s[0..len-1] up as the token at rel.  With nouns_only (an ending or
 * the article was cut off) only nouns are taken, and poss says the ending was a
 * possessive pronoun.  Returns whether the lexicon knows the word. */
static bool lookup_word(work_t *w, const char *s, uint32_t len, uint32_t abs,
                        uint32_t rel, uint32_t end, bool nouns_only, bool poss)
{
    const bilat_extractor_t *ex = w->ex;
    const lex_entry_t *best[2] = {NULL, NULL}; /* the longest verb and noun phrases */
    bool any = false;
    for (uint32_t k = bilat_strtab_get(&ex->heads, s, len, 0); k; k = ex->e[k - 1].next) {
        const lex_entry_t *e = &ex->e[k - 1];
        if ((nouns_only && (e->flags & LF_VERB)) || !rest_matches(ex, w->t, e, abs, end))
            continue;
        any = true;
        if (e->cls == CLS_TRIGGER) {
            int v = !(e->flags & LF_VERB);
            if (!best[v] || e->nrest > best[v]->nrest)
                best[v] = e;
        } else {
            w->tm[rel + e->nrest] |= TM_OF(e->cls); /* on a phrase's last word */
        }
    }
    /* A form that is a verb and a noun (دعم، طرد، قصف) is read as the verb first and
     * as the noun when the verb relates nothing. */
    const lex_entry_t *b = best[0] ? best[0] : best[1];
    if (b) {
        hit_t *h = &w->trig[rel];
        h->e = b;
        h->alt = best[0] && best[1] && best[1]->nrest >= best[0]->nrest ? best[1] : NULL;
        h->ts = rel;
        h->te = rel + 1 + b->nrest;
        h->poss = poss || (b->flags & LF_POSS);
        w->tm[rel] |= TM_TRIG | ((b->flags & LF_VERB) ? TM_VERB : 0);
    }
    return any;
}

/* Whether a complementiser (إن، أن) opens a clause in the tokens [a, b). */
static bool clause_between(const work_t *w, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++) {
        if (w->tm[k] & TM_OF(CLS_THAT))
            return true;
    }
    return false;
}

/* Whether an agreement noun comes in the tokens [a, b): a withdrawal relates states
 * only through an agreement («الانسحاب من الاتفاق النووي الإيراني»), not a country
 * left («ستنسحب من سوريا»). */
static bool agreement_between(const work_t *w, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++) {
        if (w->trig[k].e && w->trig[k].e->type == BILAT_AGREE &&
            (w->trig[k].e->flags & LF_NOUN))
            return true;
    }
    return false;
}

/* Whether the proclitics s[0..p-1] rule out a verb: verbs take the conjunctions و
 * and ف and the ل of purpose (لتغزو), never the article or ب (بدعم، الدعم). */
static bool noun_prefix(const char *s, uint32_t p)
{
    for (uint32_t k = 0; k < p; k += 2) {
        if (memcmp(s + k, AR_WAW, 2) != 0 && memcmp(s + k, AR_FA, 2) != 0 &&
            (memcmp(s + k, AR_LAM, 2) != 0 || k + 2 < p))
            return true;
    }
    return false;
}

/* Endings tried when a word is not found as written: pronouns, possessive on nouns
 * (دعمه، زيارتها، مباحثاتهما) or objects on verbs (اغتالته), and the accusative
 * tanween alef of nouns (اتصالا، هجوما). */
static const struct {
    const char *s;
    bool poss;
} noun_suffixes[] = {
    {"\xd9\x87\xd9\x85\xd8\xa7", true},
    {"\xd9\x87\xd8\xa7", true},
    {"\xd9\x87\xd9\x85", true},
    {"\xd9\x87", true},
    {AR_ALEF, false},
};

/* Whether token abs is written with a final ta marbuta (ة, before any tashkeel) in
 * the original text: normalised to ه it would read as a pronoun suffix, «حركة» as
 * «حرك|ه» (moved it) or «تابعة» as «تابع|ه», so such a word gets no suffix reading. */
static bool written_ta_marbuta(const bilat_text_t *t, uint32_t abs)
{
    const char *o = t->doc->text;
    uint32_t b = t->map[t->toks[abs].start], e = t->map[t->toks[abs].end];
    while (e >= b + 2 && (unsigned char)o[e - 2] == 0xd9 &&
           (unsigned char)o[e - 1] >= 0x8b && (unsigned char)o[e - 1] <= 0x92)
        e -= 2; /* tashkeel U+064B..U+0652 */
    return e >= b + 2 && memcmp(o + e - 2, "\xd8\xa9", 2) == 0;
}

/* Looks token abs up: the whole word first, then with ever longer proclitics split
 * off (و|بحث before وب|حث), stopping at the first reading the lexicon knows; then the
 * same as a noun with one of noun_suffixes cut off (a ta marbuta written ت before a
 * pronoun is restored: زيارته → زياره).  Sets the token's marks and its trigger (the
 * longest phrase). */
static void mark_token(work_t *w, uint32_t abs, uint32_t rel, uint32_t end)
{
    uint32_t len;
    const char *s = tok_text(w->t, abs, &len);
    uint32_t pre[8];
    int np = bilat_clitic_splits(s, len, pre);
    /* Marks from the proclitics themselves. */
    for (int i = 0; i < np; i++) {
        if (pre[i] == 0)
            continue;
        uint32_t k = 0;
        if (memcmp(s, AR_WAW, 2) == 0) {
            w->tm[rel] |= TM_WPREF;
            k = 2;
        } else if (memcmp(s, AR_FA, 2) == 0) {
            k = 2;
        }
        if (pre[i] > k && memcmp(s + k, AR_LAM, 2) == 0)
            w->tm[rel] |= TM_LPREF;
    }
    if (len == 2 && memcmp(s, AR_WAW, 2) == 0)
        w->tm[rel] |= TM_CONN;
    /* «لـ اليمن»: ل written apart with a tatweel (normalised away), common in posts
     * and before hashtags, is the same preposition. */
    if (len == 2 && memcmp(s, AR_LAM, 2) == 0)
        w->tm[rel] |= TM_LPREF;
    /* Candidates: whole word, then shortest proclitic first. */
    for (int i = np; i >= 0; i--) {
        uint32_t p = i == np ? 0 : pre[i];
        if ((i < np && p == 0) || p >= len)
            continue;
        if (lookup_word(w, s + p, len - p, abs, rel, end, noun_prefix(s, p), false))
            return;
    }
    if (written_ta_marbuta(w->t, abs))
        return;
    for (size_t k = 0; k < sizeof noun_suffixes / sizeof noun_suffixes[0]; k++) {
        uint32_t sl = (uint32_t)strlen(noun_suffixes[k].s);
        if (!ends_with(s, len, noun_suffixes[k].s) || len < sl + 4)
            continue;
        for (int i = np; i >= 0; i--) {
            uint32_t p = i == np ? 0 : pre[i];
            if ((i < np && p == 0) || p + sl + 4 > len)
                continue;
            char buf[128];
            uint32_t bl = len - p - sl;
            if (bl > sizeof buf)
                continue;
            memcpy(buf, s + p, bl);
            bool poss = noun_suffixes[k].poss;
            /* A pronoun on a verb is its object (اغتالته، يقصفها). */
            if (poss && lookup_word(w, buf, bl, abs, rel, end, noun_prefix(s, p), true))
                return;
            if (poss && ends_with(buf, bl, AR_TA))
                memcpy(buf + bl - 2, "\xd9\x87", 2); /* ta marbuta before a suffix */
            if (lookup_word(w, buf, bl, abs, rel, end, true, poss))
                return;
        }
        return;
    }
}

/* ------------------------------------------------------------------------------- */
/* Actors and groups                                                                */

/* Where the name starting at unit token ts begins as written: at the sign of a
 * hashtag before it («#السعودية»), which belongs to the name, not to the words
 * between it and the words before. */
static uint32_t name_start(const work_t *w, uint32_t ts)
{
    return ts > 0 && tok_is(w->t, w->u->tok_first + ts - 1, "#") ? ts - 1 : ts;
}

/* Whether a mention is a place or a dateline rather than a party. */
static bool is_place(const work_t *w, const act_t *a, uint32_t dateline_end)
{
    if (a->te <= dateline_end)
        return true;
    /* «بسوريا», «بمصر»: ب on a name is «in», unless a trigger governs it. */
    if (a->bprep && !(a->ts > 0 && (w->tm[a->ts - 1] & TM_TRIG)))
        return true;
    uint32_t ts = name_start(w, a->ts); /* «في #سوريا» */
    return ts > 0 && (w->tm[ts - 1] & TM_OF(CLS_PLACE));
}

/* Merges the n acts w->gen[] (in token order) into w->acts, in place from the end:
 * an added act comes after the acts that start at the same token. */
static void merge_acts(work_t *w, size_t n)
{
    size_t i = w->nacts, j = n, out = w->nacts + n;
    while (j > 0) {
        if (i > 0 && w->acts[i - 1].ts > w->gen[j - 1].ts)
            w->acts[--out] = w->acts[--i];
        else
            w->acts[--out] = w->gen[--j];
    }
    w->nacts += n;
}

static void add_act(work_t *w, const act_t *src)
{
    uint32_t ts = src->ts;
    /* Keep acts sorted by start (anaphors come in between mentions). */
    size_t i = w->nacts++;
    while (i > 0 && w->acts[i - 1].ts > ts) {
        w->acts[i] = w->acts[i - 1];
        i--;
    }
    w->acts[i] = *src;
}

/* Whether the tokens [from, to) only join two coordinated actors: و, a comma, a
 * hyphen, or «و» + a head noun («ونظيره»); «#السعودية و #الإمارات» too. */
static bool joins(const work_t *w, uint32_t from, uint32_t to, const act_t *prev,
                  const act_t *cur)
{
    if (to > from)
        to = name_start(w, to);
    if (from == to)
        return cur->wconj ||
               (prev->via == BILAT_VIA_NISBA && cur->via == BILAT_VIA_NISBA &&
                !prev->people && !cur->people);
    if (to - from > 3)
        return false;
    for (uint32_t k = from; k < to; k++) {
        uint32_t m = w->tm[k];
        if (m & (TM_CONN | TM_COMMA))
            continue;
        if ((m & TM_WPREF) && (m & (TM_OF(CLS_HEAD) | TM_OF(CLS_BETWEEN))))
            continue;
        return false;
    }
    return true;
}

static void build_groups(work_t *w)
{
    w->ngrps = 0;
    for (size_t i = 0; i < w->nacts; i++) {
        const act_t *a = &w->acts[i];
        grp_t *g = w->ngrps ? &w->grps[w->ngrps - 1] : NULL;
        bool same = g && (a->ts == w->acts[i - 1].ts ||
                          joins(w, w->acts[i - 1].te, a->ts, &w->acts[i - 1], a));
        if (!same) {
            g = &w->grps[w->ngrps++];
            g->ts = a->ts;
            g->first = (uint32_t)i;
            g->n = 0;
            g->nisba_only = true;
            g->object = false;
        }
        g->n++;
        g->te = a->te > g->te || !same ? a->te : g->te;
        g->nisba_only = g->nisba_only && a->via == BILAT_VIA_NISBA;
    }
}

/* ------------------------------------------------------------------------------- */
/* Patterns                                                                         */

static const uint32_t TM_STOP =
    TM_STRONG | TM_OF(CLS_BREAK) | TM_OF(CLS_COND) | TM_OF(CLS_QUEST);

/* Words (not punctuation) among the unit's tokens [a, b): windows count words, so
 * commas and quotes around a name do not push it out of reach. */
static uint32_t words(const work_t *w, uint32_t a, uint32_t b)
{
    return w->wc[b] - w->wc[a];
}

/* The first group starting at or after token pos (groups are in token order):
 * binary search, so that rules run per hit stay logarithmic in the unit's groups. */
static size_t group_from(const work_t *w, uint32_t pos)
{
    size_t lo = 0, hi = w->ngrps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->grps[mid].ts < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The nearest group ending at most maxgap words before pos, with no clause
 * boundary between; -1 when none. */
static int left_group(const work_t *w, uint32_t pos, uint32_t maxgap)
{
    for (size_t g = group_from(w, pos); g-- > 0;) {
        if (w->grps[g].te > pos)
            continue;
        if (words(w, w->grps[g].te, pos) > maxgap)
            return -1;
        for (uint32_t k = w->grps[g].te; k < pos; k++) {
            if (w->tm[k] & (TM_STOP | TM_VERB))
                return -1;
        }
        /* «… هجومه على روسيا وانتقد»: a name after a preposition is no subject; «إن
         * على الولايات المتحدة التعاون» («must») is no preposition. */
        uint32_t ts = name_start(w, w->grps[g].ts);
        if (ts > 0 && (w->tm[ts - 1] & TM_OF(CLS_PREP)) &&
            !(ts > 1 && (w->tm[ts - 2] & TM_OF(CLS_THAT))))
            return -1;
        return (int)g;
    }
    return -1;
}

/* The first group starting at most maxgap words after from, with no clause boundary
 * or other verb between.  *marked: a preposition (على، إلى، ل…) introduces it;
 * *with: «مع» does. */
static int right_group(const work_t *w, uint32_t from, uint32_t maxgap, bool *marked,
                       bool *with)
{
    *marked = *with = false;
    for (size_t g = group_from(w, from); g < w->ngrps; g++) {
        if (words(w, from, w->grps[g].ts) > maxgap)
            return -1;
        for (uint32_t k = from; k < w->grps[g].ts; k++) {
            uint32_t m = w->tm[k];
            if (m & (TM_STOP | TM_VERB | TM_OF(CLS_THAT)))
                return -1;
            /* «مع» introduces a partner named shortly after it, titles included
             * («مع نظيره الأمريكي»), not one further on («تزامنا مع ارتفاع …»). */
            if ((m & TM_OF(CLS_WITH)) && words(w, k, w->grps[g].ts) <= 5)
                *with = true;
            /* ل marks a target on the word just before it («لحرب روسيا»), not
             * on a purpose noun further back («لتعزيز التعاون بين …»). */
            if ((m & (TM_OF(CLS_PREP) | TM_OF(CLS_WITH))) ||
                ((m & TM_LPREF) && k + 1 == name_start(w, w->grps[g].ts)))
                *marked = true;
        }
        if (w->acts[w->grps[g].first].lprep)
            *marked = true;
        /* «…، وليتوانيا طردت 3»: و before a name further on opens a new conjunct. */
        if (w->acts[w->grps[g].first].wconj && words(w, from, w->grps[g].ts) > 0)
            return -1;
        return (int)g;
    }
    return -1;
}

/* Whether group g follows «من»: an origin («مؤسسة خيرية من جنوب أفريقيا»,
 * «شخصيات من ليبيا»), never the subject of a verb before it. */
static bool after_from(const work_t *w, int g)
{
    uint32_t ts = name_start(w, w->grps[g].ts);
    return ts > 0 && (w->tm[ts - 1] & TM_OF(CLS_FROM));
}

/* Whether group g is what withdrawal h, read up to from, leaves: the party of an
 * agreement named between («الانسحاب من الاتفاق النووي الإيراني»), or an organisation
 * right after «من» («انسحاب بريطانيا من الاتحاد الأوروبي»: leaving it is refusing
 * it), not a state whose territory is left («انسحاب القوات من سوريا»).  A noun with a
 * pronoun («بعد خروجها من الاتحاد») leaves the organisation only with an agreement
 * named: its pronoun often refers to a state named sentences before. */
static bool left_party(const work_t *w, const hit_t *h, uint32_t from, int g)
{
    return agreement_between(w, from, w->grps[g].ts) ||
           (!h->poss && after_from(w, g) &&
            bilat_actor_is_org(w->acts[w->grps[g].first].code));
}

/* Records the relation of act x to the actor b that hit h names (one per pair and
 * unit).  The rule on people is kept here, for every pattern: no directed relation
 * whose source is a state's people («تضامن اللبنانيين مع مصر»).  A symmetric one with
 * people stays: clashes or talks with them («المواجهات بين الفلسطينيين والقوات
 * الإسرائيلية») are annotated as their state's (dropping them lost gold pairs on dev). */
static bool add_pend(work_t *w, const hit_t *h, const act_t *x, const char *b,
                     bool directed, bool negated)
{
    const char *a = x->code;
    if (strcmp(a, b) == 0 || (directed && x->people))
        return true;
    if (!directed && strcmp(a, b) > 0) {
        const char *t = a;
        a = b;
        b = t;
    }
    pend_t *p = NULL;
    for (size_t i = 0; i < w->npend && !p; i++) {
        pend_t *q = &w->pend[i];
        if ((strcmp(q->a, a) == 0 && strcmp(q->b, b) == 0) ||
            (strcmp(q->a, b) == 0 && strcmp(q->b, a) == 0)) {
            /* One relation per pair and unit: the first trigger governs, but a
             * negated one yields to an act that happened («لم تتفقا … ثم وقعتا»). */
            if (!q->negated || negated)
                return true;
            p = q;
        }
    }
    if (!p && w->npend == w->cappend) {
        size_t cap = w->cappend ? w->cappend * 2 : 16;
        pend_t *p = realloc(w->pend, cap * sizeof *p);
        if (!p)
            return false;
        w->pend = p;
        w->cappend = cap;
    }
    if (!p)
        p = &w->pend[w->npend++];
    p->ts = h->ts;
    p->te = h->te;
    memcpy(p->a, a, 8);
    memcpy(p->b, b, 8);
    p->type = h->e->type;
    p->directed = directed;
    p->negated = negated;
    p->aside = false;
    p->score2 = h->e->score2;
    return true;
}

/* Agents x targets. */
static bool pair_groups(work_t *w, const hit_t *h, int ga, int gb, bool directed,
                        bool negated)
{
    const grp_t *A = &w->grps[ga], *B = &w->grps[gb];
    for (uint32_t i = A->first; i < A->first + A->n; i++) {
        for (uint32_t j = B->first; j < B->first + B->n; j++) {
            if (!add_pend(w, h, &w->acts[i], w->acts[j].code, directed, negated))
                return false;
        }
    }
    return true;
}

/* Every two members of a group (reciprocal verbs, nisba compounds, «بين X وY»). */
static bool pair_within(work_t *w, const hit_t *h, int g, bool negated)
{
    const grp_t *G = &w->grps[g];
    for (uint32_t i = G->first; i < G->first + G->n; i++) {
        for (uint32_t j = i + 1; j < G->first + G->n; j++) {
            if (!add_pend(w, h, &w->acts[i], w->acts[j].code, false, negated))
                return false;
        }
    }
    return true;
}

/* Distinct codes in group g. */
static uint32_t group_size(const work_t *w, int g)
{
    const grp_t *G = &w->grps[g];
    uint32_t n = 0;
    for (uint32_t i = G->first; i < G->first + G->n; i++) {
        uint32_t j = G->first;
        while (j < i && strcmp(w->acts[j].code, w->acts[i].code) != 0)
            j++;
        n += j == i;
    }
    return n;
}

/* A conditional or question opened before the trigger, or a question mark closing
 * its clause, cancels it; a negation just before it negates it. */
/* The marks cancelled() reads, computed for the whole unit in two linear passes (a
 * backward and forward scan per hit made a unit of n tokens cost O(n^2): a 50 MB
 * sentence took minutes).  cq[k] & CQ_COND: looking back from token k, a condition or
 * question word comes before any strong mark; cq[k] & CQ_QMARK: looking forward from
 * token k, a question mark comes before any strong mark. */
enum { CQ_COND = 1, CQ_QMARK = 2 };

static void cancel_marks(work_t *w)
{
    const uint32_t nt = w->u->tok_count;
    uint8_t c = 0;
    for (uint32_t k = 0; k < nt; k++) {
        w->cq[k] = c;
        if (w->tm[k] & (TM_OF(CLS_COND) | TM_OF(CLS_QUEST)))
            c = CQ_COND;
        else if (w->tm[k] & TM_STRONG)
            c = 0;
    }
    w->cq[nt] = c;
    uint8_t q = 0;
    for (uint32_t k = nt; k-- > 0;) {
        if (w->tm[k] & TM_QMARK)
            q = CQ_QMARK;
        else if (w->tm[k] & TM_STRONG)
            q = 0;
        w->cq[k] |= q;
    }
    w->cq_ready = true;
}

/* Whether the relation of hit h sits in a conditional clause or a question. */
static bool cancelled(work_t *w, const hit_t *h)
{
    if (!w->cq_ready)
        cancel_marks(w);
    return (w->cq[h->ts] & CQ_COND) ||
           (h->te < w->u->tok_count && (w->cq[h->te] & CQ_QMARK));
}

static bool negated_hit(const work_t *w, const hit_t *h)
{
    for (uint32_t k = h->ts, n = 0; k-- > 0 && n < 4; n++) {
        if (w->tm[k] & TM_OF(CLS_NEG))
            return true;
        if (w->tm[k] & (TM_STRONG | TM_COMMA))
            break;
    }
    return false;
}

static int speaker_for(const work_t *w, const hit_t *h)
{
    return w->speaker >= 0 && w->grps[w->speaker].te < h->ts ? w->speaker : -1;
}

/* Whether group g is the genitive or nisba of a trigger noun after the verb («تدين
 * الهجوم الإسرائيلي»، «طالب المتظاهرون بانسحاب القوات البريطانية»): the noun's
 * agent, never the verb's subject. */
static bool object_noun(const work_t *w, const hit_t *h, int g)
{
    /* A noun with و is rather part of a title («وزير … الإعلام والاتصال الأردني»). */
    for (uint32_t k = h->te; k < w->grps[g].ts; k++) {
        if (w->trig[k].e && (w->trig[k].e->flags & LF_NOUN) && !(w->tm[k] & TM_WPREF) &&
            words(w, k, w->grps[g].ts) <= 2)
            return true;
    }
    return false;
}

/* Whether a document follows the verb within a few words: an agreement noun, or
 * «على»/«مع» («وقّعت على»، «وقّعت اتفاقية»), which tells signing from وقعت "happened". */
static bool has_document(const work_t *w, const hit_t *h)
{
    for (uint32_t k = h->te; k < w->u->tok_count && words(w, h->te, k) < 6; k++) {
        if (w->tm[k] & TM_STRONG)
            return false;
        if ((w->trig[k].e && w->trig[k].e->type == BILAT_AGREE) ||
            (w->tm[k] & (TM_OF(CLS_PREP) | TM_OF(CLS_WITH))))
            return true;
    }
    return false;
}

/* Who says «we» in a quote: the headline speaker («روسيا: نرفض …»), else the subject
 * of the verb of saying before it («وكتب وزراء خارجية … في بيان "نلتزم …"»). */
static int quote_speaker(const work_t *w, const hit_t *h)
{
    int s = speaker_for(w, h);
    for (uint32_t k = h->ts; s < 0 && k-- > 0 && words(w, k, h->ts) <= 30;) {
        if (!(w->tm[k] & TM_OF(CLS_REPORT)))
            continue;
        bool mk, with;
        s = left_group(w, k, 3);
        if (s < 0 && (s = right_group(w, k + 1, 8, &mk, &with)) >= 0 && mk)
            s = -1;
        break;
    }
    return s;
}

/* The target an act of this type leaves unsaid: that of the last directed act read,
 * in the unit or else in the article, when it is of the same type; NULL when none
 * («طردت واشنطن 60 دبلوماسيا روسيا، فيما طردت أوكرانيا 13 دبلوماسيا»). */
static const char *elided_target(const work_t *w, uint8_t type)
{
    for (size_t i = w->npend; i-- > 0;) {
        if (w->pend[i].directed && !w->pend[i].negated)
            return w->pend[i].type == type ? w->pend[i].b : NULL;
    }
    return w->ell_type == type ? w->ell_target : NULL;
}

/* Whether group g is introduced by the preposition ب (lam false: on the name,
 * «ببوتين», or on the official's noun just before it, «بنظيره الإيراني») or by ل on
 * the official's noun (lam true: «للرئيس الفرنسي»; on a name ل is rather "of, for":
 * «الحليف الرئيسي للولايات المتحدة»). */
static bool by_prep(const work_t *w, int g, bool lam)
{
    const grp_t *G = &w->grps[g];
    if (!lam && w->acts[G->first].bprep)
        return true;
    for (uint32_t k = G->ts; k-- > 0 && G->ts - k <= 2;) {
        uint32_t len;
        const char *s = tok_text(w->t, w->u->tok_first + k, &len);
        if (w->tm[k] & TM_OF(CLS_HEAD))
            return lam ? (w->tm[k] & TM_LPREF) != 0 : len > 2 && memcmp(s, AR_BA, 2) == 0;
    }
    return false;
}

/* Whether token k ends with a pronoun suffix that can refer back to a relative
 * pronoun (ه، ها، هم: «شنته», «بها»); a written ta marbuta (ة) is no pronoun. */
static bool resumptive(const work_t *w, uint32_t k)
{
    uint32_t abs = w->u->tok_first + k, len;
    const char *s = tok_text(w->t, abs, &len);
    return !written_ta_marbuta(w->t, abs) &&
           (ends_with(s, len, "\xd9\x87") || ends_with(s, len, "\xd9\x87\xd8\xa7") ||
            ends_with(s, len, "\xd9\x87\xd9\x85"));
}

/* The actor group right after the relative pronoun at rel (its clause's verb and a
 * pronoun-preposition may come between, «التي نادى بها المغرب»), when no actor stands
 * between from and the pronoun and no preposition or boundary marks the actor; -1
 * when none.  The clause must refer back to the pronoun with a suffix (شنته، قام به):
 * without one the actor is the clause verb's object («الجريمة التي استهدفت
 * السعودية»: a victim, not the agent). */
static int clause_subject(const work_t *w, uint32_t from, uint32_t rel)
{
    for (size_t g = group_from(w, from); g < w->ngrps; g++) {
        const grp_t *G = &w->grps[g];
        if (G->ts < rel || words(w, rel + 1, G->ts) > 2 || after_from(w, (int)g) ||
            w->acts[G->first].lprep || w->acts[G->first].wconj)
            return -1;
        bool back = false;
        for (uint32_t k = rel + 1; k < G->ts; k++) {
            if (w->tm[k] &
                (TM_STOP | TM_OF(CLS_THAT) | TM_OF(CLS_PREP) | TM_OF(CLS_WITH)))
                return -1;
            back = back || resumptive(w, k);
        }
        return back ? (int)g : -1;
    }
    return -1;
}

/* Backing a sanction against a state is taking part in it: a SUPPORT verb whose
 * direct object is a sanction noun before the target («تساند حصار غزة», «تؤيد العقوبات
 * على روسيا») takes that noun's type.  from: the token after the verb (and its
 * subject); to: the target's first token. */
static hit_t joined_sanction(const work_t *w, const hit_t *h, uint32_t from, uint32_t to)
{
    hit_t t = *h;
    for (uint32_t k = from;
         h->e->type == BILAT_SUPPORT && k < to && words(w, from, k) == 0; k++) {
        const lex_entry_t *n = w->trig[k].e;
        /* «دعم بكين لعقوبات الأمم المتحدة»: after ل the genitive is the agent */
        if (n && (n->flags & LF_NOUN) && n->type == BILAT_SANCTION &&
            !(w->tm[k] & TM_LPREF))
            t.e = n;
    }
    return t;
}

/* The subject of a verb right after a relative pronoun: the actor the pronoun follows
 * («الرئيس الباكستاني، الذي يزور بريطانيا»); -1 when none.  Not for a verb with an
 * object pronoun, whose antecedent is its object («الدبلوماسيون الذين طردتهم موسكو»),
 * or with one on the preposition after it («المقاطعة التي دعا إليها …»). */
static int antecedent(const work_t *w, const hit_t *h)
{
    uint32_t verb = h->ts;
    if (verb == 0 || !(w->tm[verb - 1] & TM_OF(CLS_REL)) ||
        (h->te < w->u->tok_count && resumptive(w, h->te)))
        return -1;
    /* the group before the pronoun: groups do not overlap, so it is the one
     * before the first group starting at or after it */
    for (size_t g = group_from(w, verb - 1); g-- > 0;) {
        if (w->grps[g].te > verb - 1)
            continue;
        /* «اللبنانيين الذين يطلبون …»: people, who act for no state; «القصف الإيراني
         * الذي استهدف …»: the clause is the event's, whose agent the noun gives. */
        const grp_t *G = &w->grps[g];
        const act_t *a = &w->acts[G->first];
        bool event = G->nisba_only && G->ts > 0 && (w->tm[G->ts - 1] & TM_TRIG);
        return words(w, G->te, verb - 1) == 0 && !a->people && !event ? (int)g : -1;
    }
    return -1;
}

/* Types that take a stance on another state's act (condemning, rejecting, backing,
 * demanding, threatening): their object may be that act, named by its agent in a
 * relative clause.  Visits, aid or attacks on such an object are not acts on its agent
 * («وصل … الحملة التي تشنها Y»). */
static bool stance(uint8_t type)
{
    return type == BILAT_ACCUSE || type == BILAT_REJECT || type == BILAT_SUPPORT ||
           type == BILAT_REQUEST || type == BILAT_THREATEN;
}

/* The subject of a relative clause on a directed verb's object, which is then the
 * verb's target («رفضت X المبادرة التي قدمتها Y», «أدانت X الهجوم الذي شنته Y»:
 * rejecting or condemning Y's act is acting on Y): a relative pronoun a few words after
 * the verb, with no actor, clause boundary or other verb before it, then an actor
 * within two words (the clause's verb and a pronoun-preposition, «نادى بها»).  -1
 * when none.  Bounded window: linear in the unit. */
static int relative_subject(const work_t *w, uint32_t from)
{
    /* at most six words, and a bounded number of tokens however much punctuation */
    for (uint32_t k = from;
         k < w->u->tok_count && k < from + 24 && words(w, from, k) <= 6; k++) {
        uint32_t m = w->tm[k];
        if (m & TM_OF(CLS_REL)) {
            if (words(w, from, k) == 0)
                return -1; /* «X، التي …» qualifies the subject, not an object */
            return clause_subject(w, from, k);
        }
        /* «في الوقت الذي …»: a time or place clause, not the object's */
        if (m & (TM_STOP | TM_VERB | TM_OF(CLS_THAT) | TM_OF(CLS_PLACE)))
            return -1;
    }
    return -1;
}

/* The state an attack verb without a named target strikes: a place named at most
 * four words after from, after «في» («قصفت إسرائيل مواقع عسكرية في سوريا»;
 * guidelines: an attack on another state's territory).  Places are in token order:
 * a binary search keeps this bounded per hit. */
static const act_t *attacked_place(const work_t *w, uint32_t from)
{
    size_t lo = 0, hi = w->nplaces;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->places[mid].ts < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == w->nplaces)
        return NULL;
    const act_t *pl = &w->places[lo];
    uint32_t ps = name_start(w, pl->ts);
    /* Something must be struck («حارب في أفغانستان» is fighting there), and not a
     * non-state group's («مواقع لداعش في سوريا»: no relation with Syria). */
    if (ps <= from + 1 || words(w, from, ps) > 4 || !(w->tm[ps - 1] & TM_OF(CLS_PLACE)))
        return NULL;
    for (uint32_t k = from; k < ps - 1; k++) {
        /* the attack may be named by its noun («شنت غارات على أهداف في غزة») */
        const lex_entry_t *t = w->trig[k].e;
        if ((w->tm[k] & TM_TRIG) && !(t->type == BILAT_ASSAULT && (t->flags & LF_NOUN)))
            return NULL;
        if (w->tm[k] &
            (TM_STOP | TM_VERB | TM_OF(CLS_THAT) | TM_OF(CLS_PLACE) | TM_OF(CLS_GROUP)))
            return NULL;
    }
    return pl;
}

/* Whether act a names an official or state body: a HEAD noun at most two words
 * before it («الرئيس الروسي», «وزارة الدفاع الألمانية», «رئيسة كرواتيا»), not a thing
 * («التهديد الإيراني») or the state alone. */
static bool official(const work_t *w, const act_t *a)
{
    for (uint32_t k = a->ts; k-- > 0 && a->ts - k <= 2;) {
        if (w->tm[k] & TM_OF(CLS_HEAD))
            return true;
    }
    return false;
}

/* The subject of a verb at pos that is an official named by a nisba on a title, with
 * the person's name between («وزير الخارجية الكندي جون ماكنزي بيرد يزور …»): a longer
 * reach than left_group()'s three words, but only over plain words and commas, as a
 * name is; a word of any class (إن، في، الذي…) or a trigger between means the
 * official belongs to another clause.  -1 when none. */
static int named_official(const work_t *w, uint32_t pos)
{
    int g = left_group(w, pos, 5);
    if (g < 0 || !w->grps[g].nisba_only || w->grps[g].n != 1)
        return -1;
    const act_t *a = &w->acts[w->grps[g].first];
    if (!official(w, a) || a->lprep || a->bprep)
        return -1;
    /* «كتب … إلى نظيره الأرجنتيني …», «معارض للحكومة العراقية»: a title after a
     * preposition is no subject. */
    for (uint32_t k = a->ts; k-- > 0 && a->ts - k <= 2;) {
        if ((w->tm[k] & TM_LPREF) ||
            (k > 0 &&
             (w->tm[k - 1] & (TM_OF(CLS_PREP) | TM_OF(CLS_WITH) | TM_OF(CLS_FROM)))))
            return -1;
        if (w->tm[k] & TM_OF(CLS_HEAD))
            break;
    }
    for (uint32_t k = w->grps[g].te; k < pos; k++) {
        if (w->tm[k] & ~(uint32_t)(TM_COMMA | TM_WPREF))
            return -1;
    }
    return g;
}

static bool read_verb(work_t *w, const hit_t *h, bool neg)
{
    const lex_entry_t *e = h->e;
    bool mk, with;
    if ((e->flags & LF_DOC) && !has_document(w, h))
        return true;
    uint32_t from = h->te;
    int s = (e->flags & LF_FIRST) ? quote_speaker(w, h) : left_group(w, h->ts, 3);
    if (s < 0 && !(e->flags & LF_FIRST) && !h->poss) {
        s = antecedent(w, h);
        if (s < 0)
            s = named_official(w, h->ts);
    }
    if (e->flags & LF_FIRST && s < 0)
        return true;
    /* A form that may be a noun (دعم، قصف) is a verb only before its subject: after a
     * name it is the noun («أعلن العراق قصف …»). */
    if (s >= 0 && h->alt)
        return true;
    if (s < 0) {
        s = right_group(w, h->te, 8, &mk, &with);
        if (s >= 0 && !mk && !object_noun(w, h, s) && !after_from(w, s))
            from = w->grps[s].te;
        else
            s = -1;
    }
    if (s < 0)
        s = speaker_for(w, h);
    if (s < 0)
        return true;
    w->last_subj = s;
    w->last_subj_at = h->ts;
    memcpy(w->agent, w->acts[w->grps[s].first].code, sizeof w->agent);
    int o = right_group(w, from, 12, &mk, &with);
    /* An object after more than six words must be introduced by «مع» or be a nisba
     * on an official, whose name and titles come between. */
    if (o >= 0 && !with && !w->grps[o].nisba_only && words(w, from, w->grps[o].ts) > 6)
        o = -1;
    /* A threat of what the agent will do if another state acts targets that state
     * («تهدد بتطوير سلاح نووي في حال سعت إيران لذلك»). */
    for (uint32_t k = from; o < 0 && e->type == BILAT_THREATEN && k < from + 6 &&
                            k < w->u->tok_count && !(w->tm[k] & TM_STRONG);
         k++) {
        if (w->tm[k] & TM_OF(CLS_COND))
            o = right_group(w, k + 2, 3, &mk, &with);
    }
    if (e->flags & LF_SYM) {
        if (o >= 0 && (with || (e->flags & LF_TR) ||
                       ((e->flags & LF_BA) && by_prep(w, o, false)))) {
            w->grps[o].object = true;
            return pair_groups(w, h, s, o, false, neg);
        }
        /* Co-subjects meet each other, whatever the verb's number: «تبحث مصر
         * والسودان», «الصين وباكستان تتفقان», «X وY وZ تتفق» (guidelines). */
        if (group_size(w, s) >= 2 && !(e->flags & LF_WITH))
            return pair_within(w, h, s, neg);
        return true;
    }
    /* «تعاقب مسؤولة مؤيدة لإسرائيل»: ل after a person's noun belongs to that noun. */
    bool by_lam = o >= 0 && (w->acts[w->grps[o].first].lprep ||
                             (w->tm[w->grps[o].ts - 1] & TM_LPREF));
    for (uint32_t k = from; o >= 0 && by_lam && k < w->grps[o].ts; k++) {
        if (w->tm[k] & TM_OF(CLS_HEAD))
            o = -1;
    }
    if (o < 0 && !h->poss && stance(e->type))
        o = relative_subject(w, from);
    if (o >= 0 && (e->flags & LF_WD) && !left_party(w, h, from, o))
        return true;
    if (o >= 0) {
        w->grps[o].object = true;
        hit_t joined = joined_sanction(w, h, from, w->grps[o].ts);
        return pair_groups(w, &joined, s, o, true, neg);
    }
    /* Only with a subject named just before or right after the verb: a name further
     * after it («هجوم يستهدف السفارة التركية في …») is rather the thing attacked. */
    const grp_t *S = &w->grps[s];
    bool close_subject =
        S->ts >= h->te ? name_start(w, S->ts) == h->te : words(w, S->te, h->ts) <= 1;
    for (uint32_t k = S->te; close_subject && k < h->ts; k++)
        close_subject = !(w->tm[k] & (TM_COMMA | TM_STOP));
    const act_t *pl = e->type == BILAT_ASSAULT && close_subject && !h->poss
                          ? attacked_place(w, from)
                          : NULL;
    for (uint32_t i = w->grps[s].first; pl && i < w->grps[s].first + w->grps[s].n; i++) {
        if (!add_pend(w, h, &w->acts[i], pl->code, true, neg))
            return false;
    }
    if (pl)
        return true;
    /* An elided target repeats the last one of the same act («طردت واشنطن 60
     * دبلوماسيا روسيا، فيما طردت أوكرانيا 13 دبلوماسيا»); a form that may be a noun
     * (طرد) is left to its noun reading. */
    if (h->alt)
        return true;
    const char *target = elided_target(w, e->type);
    /* «الزعيم الفلسطيني … الذي اغتالته إسرائيل»: an object pronoun refers back to the
     * nearest actor before the verb in the sentence. */
    if (h->poss && w->grps[s].ts > h->ts) {
        target = NULL;
        for (size_t i = 0; i < w->nacts && w->acts[i].te <= h->ts; i++) {
            if (words(w, w->acts[i].te, h->ts) <= 12)
                target = w->acts[i].code;
        }
        for (uint32_t k = h->ts; target && k-- > 0 && words(w, k, h->ts) <= 12;) {
            if (w->tm[k] & TM_STRONG)
                target = NULL;
        }
    }
    for (uint32_t i = w->grps[s].first; target && i < w->grps[s].first + w->grps[s].n;
         i++) {
        if (!add_pend(w, h, &w->acts[i], target, true, neg))
            return false;
    }
    return true;
}

/* The agent of a noun named before it in the same clause («فرضت واشنطن عقوبات»),
 * unless that group is the object of a verb («تعمل واشنطن مع فرنسا لجعل الاتفاق …»);
 * for a noun with a possessive pronoun, the pronoun's antecedent. */
static int noun_agent(const work_t *w, const hit_t *h)
{
    if (h->poss) {
        /* «زيارته»: the clause's subject, else the nearest actor before, whatever
         * introduces it («ضد بوتين خلال زيارته إلى طهران»). */
        if (w->last_subj >= 0 && w->last_subj_at < h->ts)
            return w->last_subj;
        for (size_t g = w->ngrps; g-- > 0;) {
            if (w->grps[g].te > h->ts)
                continue;
            for (uint32_t k = w->grps[g].te; k < h->ts; k++) {
                if (w->tm[k] & TM_STRONG)
                    return -1;
            }
            return words(w, w->grps[g].te, h->ts) <= 8 ? (int)g : -1;
        }
        return -1;
    }
    int a = left_group(w, h->ts, 3);
    if (a < 0 || w->grps[a].object)
        return -1;
    for (uint32_t k = w->grps[a].te; k < h->ts; k++) {
        if (w->tm[k] & TM_OF(CLS_THAT))
            return -1; /* «توافق على أن الاتفاق …»: another clause */
    }
    return a;
}

/* The victims of an attack by agent g named before it («مقتل جنديين سوريين برصاص
 * الجيش الإسرائيلي»): the nearest actor before the trigger (guidelines: killing
 * another state's citizens is ASSAULT), else the first actor after the agent («… شرق
 * خان يونس جنوب قطاع غزة»). */
static bool victims(work_t *w, const hit_t *h, int g, bool neg)
{
    const grp_t *G = &w->grps[g];
    /* the act ending last at or before the trigger (the first of those ending
     * together), found by binary search: acts are sorted and do not overlap */
    size_t lo = 0, hi = w->nacts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->acts[mid].te <= h->ts)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo > 1 && w->acts[lo - 2].te == w->acts[lo - 1].te)
        lo--;
    const act_t *best =
        lo && words(w, w->acts[lo - 1].te, h->ts) <= 12 ? &w->acts[lo - 1] : NULL;
    for (uint32_t k = best ? best->te : h->ts; k < h->ts; k++) {
        if (w->tm[k] & TM_STOP)
            best = NULL;
    }
    if (!best) {
        bool mk, with;
        int v = right_group(w, G->te, 8, &mk, &with);
        if (v < 0)
            return true;
        best = &w->acts[w->grps[v].first];
    }
    for (uint32_t i = G->first; i < G->first + G->n; i++) {
        if (!add_pend(w, h, &w->acts[i], best->code, true, neg))
            return false;
    }
    return true;
}

/* An act whose listed places are its agents («طرد دبلوماسيين اثنين في كل من الدنمارك
 * وأستراليا، ودبلوماسي واحد في كل من فنلندا والسويد»: each of them expelled): the
 * actors of every «في كل من» list after the trigger in its sentence, up to the next
 * trigger, act on the nisba or genitive g after the trigger, else on the target the
 * act leaves unsaid.  *found says whether any list was there. */
static bool located_agents(work_t *w, const hit_t *h, int g, bool neg, bool *found)
{
    *found = false;
    const char *target =
        g >= 0 ? w->acts[w->grps[g].first].code : elided_target(w, h->e->type);
    bool in_list = false;
    for (size_t i = 0; target && i < w->nplaces; i++) {
        const act_t *pl = &w->places[i];
        if (pl->ts < h->te)
            continue;
        bool stop = false;
        for (uint32_t k = h->te; k < pl->ts && !stop; k++)
            stop = (w->tm[k] & (TM_STRONG | TM_TRIG)) != 0;
        if (stop)
            break;
        /* A list opens after «في كل من» and goes on with the places joined to it. */
        uint32_t ps = name_start(w, pl->ts), before = ps > 0 ? w->tm[ps - 1] : 0;
        if (before & TM_OF(CLS_EACH))
            in_list = true;
        else if (before & TM_OF(CLS_PLACE))
            in_list = false;
        if (!in_list)
            continue;
        *found = true;
        if (!add_pend(w, h, pl, target, true, neg))
            return false;
    }
    return true;
}

/* A noun without a type of its own (العلاقات) takes the type of the next relation
 * noun shortly after it: «العلاقات الروسية الأميركية توترا» is ACCUSE. */
static hit_t typed_hit(const work_t *w, const hit_t *h)
{
    hit_t t = *h;
    for (uint32_t k = h->te; (h->e->flags & LF_WEAK) && k < w->u->tok_count &&
                             words(w, h->te, k) <= 4 && !(w->tm[k] & TM_STRONG);
         k++) {
        if (w->trig[k].e && (w->trig[k].e->flags & LF_NOUN)) {
            t.e = w->trig[k].e;
            break;
        }
    }
    return t;
}

/* Whether the token at abs carries the article, after the conjunctions و/ف and the
 * prepositions ب/ك (والقصف، بالضرب) or as ل + ال (للقصف). */
static bool has_article(const work_t *w, uint32_t abs)
{
    uint32_t len;
    const char *s = tok_text(w->t, abs, &len);
    if (len >= 2 && (memcmp(s, AR_WAW, 2) == 0 || memcmp(s, AR_FA, 2) == 0)) {
        s += 2;
        len -= 2;
    }
    if (len >= 4 && memcmp(s, AR_LAM AR_LAM, 4) == 0)
        return true;
    if (len >= 2 && (memcmp(s, AR_BA, 2) == 0 || memcmp(s, AR_KAF, 2) == 0)) {
        s += 2;
        len -= 2;
    }
    return len >= 4 && memcmp(s, AR_ALEF AR_LAM, 4) == 0;
}

/* Whether nisba group g qualifies the definite genitive of trigger noun h: one word
 * with the article between a noun without it and the nisba («ضرب العمق السوري»). */
static bool genitive_nisba(const work_t *w, const hit_t *h, int g)
{
    const uint32_t base = w->u->tok_first;
    return w->grps[g].ts == h->te + 1 && words(w, h->te, w->grps[g].ts) == 1 &&
           !has_article(w, base + h->ts) && has_article(w, base + h->te);
}

/* Whether nisba group g qualifies an indefinite official noun that is the object of
 * trigger noun h («طرد دبلوماسيين بريطانيين», «طرد 23 دبلوماسيا روسيا»): the officials
 * are acted on, so the nisba is the target.  A definite official («انتقاد الوزير
 * الأمريكي») may be the noun's agent instead, so it is left to the other readings. */
static bool official_object(const work_t *w, const hit_t *h, int g)
{
    /* The nisba right after the noun of officials: in «قوات الأمن الكينية» the
     * officials' noun is made definite by its genitive. */
    uint32_t k = w->grps[g].ts - 1;
    return w->grps[g].nisba_only && k >= h->te && (w->tm[k] & TM_OF(CLS_HEAD)) &&
           !has_article(w, w->u->tok_first + k);
}

/* Whether act a may attend a meeting: a leader, or an official (not people, not an
 * organisation). */
static bool attendee(const work_t *w, const act_t *a)
{
    return !bilat_actor_is_org(a->code) &&
           (a->via == BILAT_VIA_LEADER ||
            (!(a->flags & BILAT_MENTION_PLURAL) && official(w, a)));
}

/* Whether code is among the attendees of the article's summit so far. */
static bool attended(const work_t *w, const char *code)
{
    for (size_t i = 0; i < w->nattended; i++) {
        if (strcmp(w->attended[i], code) == 0)
            return true;
    }
    return false;
}

/* Relates act a as attending the article's summit (CONSULT, aside: no antecedent for
 * «البلدان»), once per article; the list is capped, beyond it pairs still come. */
static bool attend(work_t *w, const hit_t *h, const act_t *a, const char *org, bool neg)
{
    const char *code = a->code;
    size_t before = w->npend;
    if (!add_pend(w, h, a, org, false, neg))
        return false;
    if (w->npend > before)
        w->pend[w->npend - 1].aside = true;
    if (!neg && strcmp(org, w->summit) == 0 && !attended(w, code) &&
        w->nattended < sizeof w->attended / sizeof w->attended[0])
        memcpy(w->attended[w->nattended++], code, 8);
    return true;
}

/* The opening units of an article (title, lead) that set its topic. */
enum { SUMMIT_OPENING_UNITS = 3 };

/* Whether token k separates a meeting noun from an attendee: a clause end or another
 * meeting noun. */
static bool meeting_boundary(const work_t *w, uint32_t k)
{
    return (w->tm[k] & TM_STRONG) || (w->trig[k].e && (w->trig[k].e->flags & LF_MTG));
}

/* A meeting of an organisation («قمة الناتو», «اجتماع مجموعة السبع»): the leaders
 * and officials named in its sentence (a leader's name or an official's title, not a
 * place) attend it and so consult with the organisation — unless another meeting
 * noun comes between («… إلى قمة السبع، ولا إلى قمة سنغافورة مع الزعيم الكوري»).
 * A meeting named in the article's opening is its summit (see summit_attendees()). */
static bool attendance(work_t *w, const hit_t *h, int g, bool neg)
{
    const char *org = w->acts[w->grps[g].first].code;
    if (group_size(w, g) != 1 || !bilat_actor_is_org(org))
        return true;
    if (!w->summit[0] && !neg && w->unit_no < SUMMIT_OPENING_UNITS) {
        memcpy(w->summit, org, sizeof w->summit);
        w->summit_unit = w->unit_no;
    }
    /* The acts not apart from h form one run around it (an act further away has more
     * tokens between, so a boundary too): walk back to its start, then forward through
     * it, each token between checked once — linear in the run, where checking every act
     * of the unit per meeting noun was quadratic on a long sentence. */
    size_t lo = 0, hi = w->nacts;
    while (lo < hi) { /* the first act starting at or after h's end */
        size_t mid = lo + (hi - lo) / 2;
        if (w->acts[mid].ts < h->te)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t k = h->ts; /* tokens [k, h->ts) hold no boundary */
    while (lo > 0) {
        const act_t *a = &w->acts[lo - 1];
        bool apart = false;
        while (a->te < h->ts && k > a->te && !apart)
            apart = meeting_boundary(w, --k);
        if (apart)
            break;
        lo--;
    }
    k = h->te; /* tokens [h->te, k) hold no boundary */
    for (size_t i = lo; i < w->nacts; i++) {
        const act_t *a = &w->acts[i];
        bool apart = false;
        while (a->te >= h->ts && k < a->ts && !apart)
            apart = meeting_boundary(w, k++);
        if (apart)
            break;
        if (attendee(w, a) && !attend(w, h, a, org, neg))
            return false;
    }
    return true;
}

/* An article that opens with a summit («… الزعماء الذين يحضرون قمة الناتو») reports
 * on it: the leaders and officials its later sentences name attend it too (guidelines,
 * "Articles": an article's relations are all those its sentences give), each once —
 * except in a sentence about another meeting («قمته مع الزعيم الكوري»: a meeting noun
 * with a party other than the organisation). */
static bool summit_attendees(work_t *w)
{
    static const lex_entry_t meeting = {0, 0, 0, CLS_TRIGGER, BILAT_CONSULT, 4, 0};
    if (!w->summit[0] || w->unit_no <= w->summit_unit)
        return true;
    for (uint32_t k = 0; k < w->u->tok_count; k++) {
        bool mk, with;
        int g = w->trig[k].e && (w->trig[k].e->flags & LF_MTG)
                    ? right_group(w, w->trig[k].te, 3, &mk, &with)
                    : -1;
        if (g >= 0 && strcmp(w->acts[w->grps[g].first].code, w->summit) != 0)
            return true;
    }
    for (size_t i = 0; i < w->nacts; i++) {
        const act_t *a = &w->acts[i];
        if (!attendee(w, a) || attended(w, a->code))
            continue;
        hit_t h = {a->ts, a->te, &meeting, NULL, false};
        if (!attend(w, &h, a, w->summit, false))
            return false;
    }
    return true;
}

static bool read_noun(work_t *w, const hit_t *hit, bool neg)
{
    const hit_t typed = typed_hit(w, hit), *h = &typed;
    const lex_entry_t *e = h->e;
    bool mk, with;
    /* «الحرب بين X وY», «التعاون بين البلدين» */
    for (uint32_t k = h->te; k < h->te + 4 && k < w->u->tok_count; k++) {
        if (w->tm[k] & TM_STOP)
            break;
        if (w->tm[k] & TM_OF(CLS_BETWEEN)) {
            int g = right_group(w, k + 1, 1, &mk, &with);
            return g >= 0 && !(e->flags & LF_SPK) ? pair_within(w, h, g, neg) : true;
        }
    }
    /* «تعرضت السفارة الأمريكية لهجوم إيراني / لهجوم من قوات إيرانية»: the subject of
     * the verb of undergoing, before or after it, is the victim, the name after the
     * noun its agent. */
    for (uint32_t k = h->ts; e->type == BILAT_ASSAULT && (w->tm[h->ts] & TM_LPREF) &&
                             k-- > 0 && words(w, k, h->ts) <= 4 &&
                             !(w->tm[k] & TM_STOP);) {
        if (w->tm[k] & TM_OF(CLS_SUFFER)) {
            int ag = right_group(w, h->te, 3, &mk, &with);
            size_t after = group_from(w, k);
            int v = after < w->ngrps && w->grps[after].te <= h->ts ? (int)after
                                                                   : left_group(w, k, 3);
            return ag >= 0 && !mk && v >= 0 ? pair_groups(w, h, ag, v, true, neg) : true;
        }
    }
    /* A genitive right after the noun, or after a count of officials («طرد 23 دبلوماسيا
     * روسيا»), or a nisba after its adjectives («غارات جوية إسرائيلية»). */
    int g1 = right_group(w, h->te, 2, &mk, &with);
    for (uint32_t k = h->te; g1 >= 0 && !w->grps[g1].nisba_only && k < w->grps[g1].ts;
         k++) {
        if (w->t->toks[w->u->tok_first + k].kind != BILAT_TOK_NUM &&
            !(w->tm[k] & TM_OF(CLS_HEAD)))
            g1 = -1;
    }
    if (g1 >= 0) {
        for (uint32_t k = h->te; k < w->grps[g1].ts; k++) {
            if (w->tm[k] & (TM_WPREF | TM_CONN | TM_COMMA | TM_OF(CLS_THAT)))
                mk = true;
        }
        if (mk)
            g1 = -1;
    }
    if (e->flags & LF_LOC) {
        bool found;
        if (!located_agents(w, h, g1, neg, &found))
            return false;
        if (found)
            return true;
    }
    if ((e->flags & LF_MTG) && g1 >= 0 && !attendance(w, h, g1, neg))
        return false;
    if (e->flags & LF_SPK) {
        int sp = speaker_for(w, h);
        return sp >= 0 && g1 >= 0 ? pair_groups(w, h, sp, g1, true, neg) : true;
    }
    uint32_t from = g1 >= 0 ? w->grps[g1].te : h->te;
    int p = right_group(w, from, (e->flags & LF_WD) ? 8 : 6, &mk, &with);
    /* A target needs a preposition, but the party of an agreement left is named
     * after it unmarked («الانسحاب من الاتفاق النووي الإيراني»). */
    if (p >= 0 && ((e->flags & LF_WD) ? !left_party(w, h, from, p) : !mk))
        p = -1;
    bool directed = !(e->flags & LF_SYM);
    if (p >= 0) {
        /* «الضربة المشتركة للولايات المتحدة وبريطانيا على سوريا»: a genitive with ل
         * before the target is the agent. */
        bool mk2, with2;
        int p2 = g1 < 0 && w->acts[w->grps[p].first].lprep
                     ? right_group(w, w->grps[p].te, 6, &mk2, &with2)
                     : -1;
        if (p2 >= 0 && mk2 && !w->acts[w->grps[p2].first].lprep)
            return pair_groups(w, h, p, p2, directed, neg);
        int a = g1;
        if (a < 0)
            a = noun_agent(w, h);
        if (a < 0)
            a = speaker_for(w, h);
        return a >= 0 ? pair_groups(w, h, a, p, directed, neg) : true;
    }
    if (g1 < 0) {
        /* «الصين وروسيا تجريان مناورات مشتركة»: coordinated agents of a symmetric
         * noun, whatever light verb comes between, meet each other. */
        int a = directed ? -1 : noun_agent(w, h);
        return a >= 0 && group_size(w, a) >= 2 ? pair_within(w, h, a, neg) : true;
    }
    if (e->flags & LF_VIC)
        return victims(w, h, g1, neg);
    /* «حرب روسيا في أوكرانيا»: an attack by an agent in a state is on that state;
     * without an agent («الحرب في العراق») the state is only the place. */
    for (size_t i = 0; e->type == BILAT_ASSAULT && i < w->nplaces; i++) {
        const act_t *pl = &w->places[i];
        if (pl->ts == w->grps[g1].te + 1 && (w->tm[w->grps[g1].te] & TM_OF(CLS_PLACE))) {
            for (uint32_t k = w->grps[g1].first; k < w->grps[g1].first + w->grps[g1].n;
                 k++) {
                if (!add_pend(w, h, &w->acts[k], pl->code, true, neg))
                    return false;
            }
            return true;
        }
    }
    if (group_size(w, g1) >= 2 && (!directed || w->grps[g1].nisba_only))
        return pair_within(w, h, g1, neg);
    /* «قصف غزة»: a genitive name is the target; a nisba (القصف الإسرائيلي) stays the
     * agent, unless it qualifies a definite genitive of a noun without the article
     * («ضرب العمق السوري»; in «الغارات الجوية الإسرائيلية» the word between is an
     * adjective that shares the noun's article). */
    if (group_size(w, g1) == 1 && (e->flags & LF_GP) &&
        (!w->grps[g1].nisba_only || genitive_nisba(w, h, g1) ||
         official_object(w, h, g1))) {
        int a = noun_agent(w, h);
        if (a < 0)
            a = speaker_for(w, h);
        return a >= 0 ? pair_groups(w, h, a, g1, directed, neg) : true;
    }
    /* «الصين ترد على تهديدات طهران»: an actor before the noun answers its agent; an
     * answer to a hostile act is a dispute, ACCUSE (guidelines). */
    static const lex_entry_t dispute = {0, 0, 0, CLS_TRIGGER, BILAT_ACCUSE, -4, 0};
    int a = noun_agent(w, h);
    if (a < 0 || group_size(w, g1) != 1 || words(w, w->grps[a].te, h->ts) == 0)
        return true;
    hit_t answer = *h;
    if (e->score2 < 0)
        answer.e = &dispute;
    return pair_groups(w, &answer, a, g1, false, neg);
}

/* A headline speaker: an actor opening the unit, at most two words before a colon
 * («روسيا: …», «قرقاش عن الحج: …»).  A name then a dash or two dots is a place. */
static void find_speaker(work_t *w)
{
    w->speaker = -1;
    if (!w->ngrps || w->grps[0].ts > 5)
        return;
    /* In a body sentence words before the name must be a verb of saying («وقال
     * نتنياهو: …», the speaker of a quote): «سبق - القاهرة:» is a dateline. */
    bool report = (w->u->flags & BILAT_UNIT_HEADLINE) || w->grps[0].ts == 0;
    for (uint32_t k = 0; k < w->grps[0].ts && !report; k++)
        report = (w->tm[k] & TM_OF(CLS_REPORT)) != 0;
    if (!report)
        return;
    /* A name and title may come first («زيد رعد الحسين مفوض الأمم المتحدة: …»), or
     * a label closed by dots («شاهد.. ترامب لكوبا: …»). */
    for (uint32_t k = 0; k < w->grps[0].ts; k++) {
        uint32_t abs = w->u->tok_first + k;
        if (w->t->toks[abs].kind != BILAT_TOK_WORD && !tok_is(w->t, abs, ".") &&
            !tok_is(w->t, abs, "\xe2\x80\xa6"))
            return;
    }
    /* «سوريون لترامب: …»: people are never the source of a relation. */
    if (w->acts[w->grps[0].first].people)
        return;
    /* «ترامب لروسيا: …» names the addressee before the colon. */
    bool to =
        w->ngrps > 1 && w->grps[1].ts == w->grps[0].te && w->acts[w->grps[1].first].lprep;
    uint32_t from = w->grps[to ? 1 : 0].te;
    for (uint32_t k = from; k < w->u->tok_count && k <= from + 2; k++) {
        if (w->tm[k] & TM_COLON) {
            w->speaker = 0;
            w->colon = k;
            return;
        }
        if (w->t->toks[w->u->tok_first + k].kind != BILAT_TOK_WORD)
            return;
    }
}

/* «قالت الخارجية الأميركية إن … دعم إيران للإرهاب»: a state reporting that another
 * state does wrong (a word of blame in the reported clause) accuses it (guidelines:
 * "a state's claim that another state did something wrong or hostile is ACCUSE
 * whatever the verb").  Statements about a third party without blame relate nobody. */
/* How far a reported claim reaches after its complementiser, in words: the rest of the
 * sentence in news text, bounded so that a sentence without end stays linear. */
enum { CLAIM_WORDS = 120 };

static bool reported_claims(work_t *w)
{
    static const lex_entry_t claim = {0, 0, 0, CLS_TRIGGER, BILAT_ACCUSE, -4, 0};
    const uint32_t nt = w->u->tok_count;
    for (uint32_t i = 0; i < nt; i++) {
        if (!(w->tm[i] & TM_OF(CLS_REPORT)))
            continue;
        hit_t h = {i, i + 1, &claim, NULL, false};
        if (cancelled(w, &h))
            continue;
        /* The speaker follows the verb («قال وزير الخارجية الروسي إن …»); a name just
         * before it is rather part of the clause before («… شمال لبنان تؤكد أن»). */
        bool mk, with;
        int s = right_group(w, i + 1, 8, &mk, &with);
        if (s < 0 || mk || after_from(w, s))
            continue;
        /* The reported clause: from the complementiser to the end of the sentence. */
        uint32_t from = w->grps[s].te, k = from;
        while (k < nt && words(w, from, k) <= 12 &&
               !(w->tm[k] & (TM_OF(CLS_THAT) | TM_STRONG)))
            k++;
        if (k >= nt || !(w->tm[k] & TM_OF(CLS_THAT)))
            continue;
        /* A word of blame makes a claim against every state in the clause; an
         * attack, threat or sanction reported only against its agent, named before
         * it («قال X إن Y قصف …»), not against its target or place. */
        uint32_t end = k, hostile = nt;
        bool blame = false;
        for (; end < nt && !(w->tm[end] & TM_STRONG) && words(w, k, end) <= CLAIM_WORDS;
             end++) {
            const lex_entry_t *te = w->trig[end].e;
            /* «مكافحة الإرهاب» fights the wrong, it blames nobody. */
            blame |= (w->tm[end] & TM_OF(CLS_BLAME)) && end > 0 &&
                     !(w->tm[end - 1] & TM_OF(CLS_COUNTER));
            if (te && hostile == nt &&
                (te->type == BILAT_ASSAULT || te->type == BILAT_THREATEN ||
                 te->type == BILAT_SANCTION))
                hostile = end;
        }
        /* A hostile deed reported with no target of its own («أكد الرئيس الجورجي أن
         * دبابات روسية فتحت النار على سكان»): the speaker's state suffered it at the
         * hands of the verb's subject. */
        bool untargeted = hostile < nt && (w->trig[hostile].e->flags & LF_VERB);
        int subject = untargeted ? left_group(w, hostile, 3) : -1;
        for (size_t p = 0; untargeted && p < w->npend; p++)
            untargeted = w->pend[p].ts != hostile;
        for (size_t g = group_from(w, k + 1); g < w->ngrps && w->grps[g].ts < end; g++) {
            const grp_t *G = &w->grps[g];
            bool agent = hostile < nt && G->te <= hostile;
            if (G->te > end || !(blame || agent))
                continue;
            bool ok = untargeted && (int)g == subject
                          ? pair_groups(w, &w->trig[hostile], (int)g, s, true,
                                        negated_hit(w, &w->trig[hostile]))
                          : pair_groups(w, &h, s, (int)g, true, negated_hit(w, &h));
            if (!ok)
                return false;
        }
    }
    return true;
}

/* «قال رئيس الوزراء البلجيكي للرئيس الفرنسي إن …»: an official speaking to another
 * state's official talks with it (CONSULT), unless a claim of the same words already
 * relates them (reported_claims() runs first). */
static bool addressees(work_t *w)
{
    static const lex_entry_t tell = {0, 0, 0, CLS_TRIGGER, BILAT_CONSULT, 3, LF_SYM};
    for (uint32_t i = 0; i < w->u->tok_count; i++) {
        if (!(w->tm[i] & TM_OF(CLS_REPORT)))
            continue;
        hit_t h = {i, i + 1, &tell, NULL, false};
        bool mk, with;
        int s = right_group(w, i + 1, 8, &mk, &with);
        if (cancelled(w, &h) || s < 0 || mk || after_from(w, s))
            continue;
        int a = right_group(w, w->grps[s].te, 4, &mk, &with);
        if (a >= 0 && by_prep(w, a, true) &&
            !pair_groups(w, &h, s, a, false, negated_hit(w, &h)))
            return false;
    }
    return true;
}

/* A speaker's statement about other states that no trigger relates to it is a claim
 * about them: ACCUSE (guidelines: "a state's claim that another state did something
 * wrong or hostile is ACCUSE whatever the verb"). */
static bool speaker_default(work_t *w)
{
    static const lex_entry_t claim = {0, 0, 0, CLS_TRIGGER, BILAT_ACCUSE, -4, 0};
    if (w->speaker < 0)
        return true;
    const grp_t *sp = &w->grps[w->speaker];
    /* A quote in a body sentence («وقال نتنياهو: …») is speech, not a headline's
     * claim: it relates only through its own triggers. */
    if (!(w->u->flags & BILAT_UNIT_HEADLINE) && sp->ts > 0)
        return true;
    for (uint32_t i = sp->first; i < sp->first + sp->n; i++) {
        for (size_t k = 0; k < w->npend; k++) {
            if (strcmp(w->pend[k].a, w->acts[i].code) == 0 ||
                strcmp(w->pend[k].b, w->acts[i].code) == 0)
                return true;
        }
    }
    for (size_t g = (size_t)w->speaker + 1; g < w->ngrps; g++) {
        /* A state named after a preposition in the statement is rather its place or
         * topic («مصر: ارتفاع الصادرات إلى الصين»); the addressee before the colon
         * («ترامب لروسيا: …») is not. */
        const grp_t *G = &w->grps[g];
        if (G->ts > w->colon &&
            ((w->tm[name_start(w, G->ts) - 1] & (TM_OF(CLS_PREP) | TM_OF(CLS_PLACE))) ||
             w->acts[G->first].lprep))
            continue;
        hit_t h = {w->colon, w->colon + 1, &claim, NULL, false};
        if (!pair_groups(w, &h, w->speaker, (int)g, true, false))
            return false;
    }
    return true;
}

/* Two nisbas of different states side by side or hyphenated on one noun («التسوية
 * السعودية ـ السورية»، «التحرك القطري التركي») present the states as acting together
 * even when no trigger names the act: COOPERATE (guidelines: a nisba compound pairs
 * them). */
static bool compounds(work_t *w)
{
    static const lex_entry_t together = {0, 0, 0, CLS_TRIGGER, BILAT_COOPERATE, 6, 0};
    /* A chain of such nisbas («الملف الأمريكي-الكندي-المكسيكي») pairs all its
     * members: acts [start, i] form the chain so far. */
    size_t start = 0;
    for (size_t i = 0; i + 1 < w->nacts; i++) {
        const act_t *a = &w->acts[i], *b = &w->acts[i + 1];
        /* Adjacent or hyphenated; «الصينية والمصرية» coordinates two nouns' nisbas. */
        bool compound = a->via == BILAT_VIA_NISBA && b->via == BILAT_VIA_NISBA &&
                        !a->people && !b->people && !b->wconj && b->ts >= a->te &&
                        b->ts - a->te <= 1;
        if (compound && b->ts > a->te)
            compound = w->t->toks[w->u->tok_first + a->te].kind == BILAT_TOK_PUNCT &&
                       (w->tm[a->te] & TM_CONN);
        if (!compound) {
            start = i + 1;
            continue;
        }
        for (size_t j = start; j <= i; j++) {
            hit_t h = {w->acts[j].ts, b->te, &together, NULL, false};
            if (!add_pend(w, &h, &w->acts[j], b->code, false, false))
                return false;
        }
    }
    return true;
}

/* ------------------------------------------------------------------------------- */
/* Units                                                                            */

/* Whether the unit's text holds one of the words list[0..n-1] (pool offsets). */
static bool unit_holds(const work_t *w, const uint32_t *list, size_t n)
{
    const char *s = w->t->norm + w->u->nstart;
    size_t len = w->u->nend - w->u->nstart;
    for (size_t i = 0; i < n; i++) {
        const char *a = w->ex->pool.data + list[i];
        if (memmem(s, len, a, strlen(a)))
            return true;
    }
    return false;
}

static bool unit_has_anaphor(const work_t *w)
{
    return w->last_a[0] && unit_holds(w, w->ex->anaphors, w->ex->nanaphors);
}

/* Whether a unit naming only code may name the article's agent too («قالت الخارجية
 * إنه سيزور السعودية»). */
static bool unit_has_self(const work_t *w, const char *code)
{
    return w->agent[0] && strcmp(w->agent, code) != 0 &&
           unit_holds(w, w->ex->selfs, w->ex->nselfs);
}

/* Whether a unit's mentions m[0..n-1] may name the article's summit (an organisation
 * in its opening) or a new attendee of it (a leader, a nisba or a name; read_unit()
 * checks the title). */
static bool may_attend(const work_t *w, const bilat_mention_t *m, size_t n)
{
    for (size_t i = 0; !w->summit[0] && w->unit_no < SUMMIT_OPENING_UNITS && i < n; i++) {
        if (bilat_actor_is_org(m[i].code))
            return true;
    }
    for (size_t i = 0; w->summit[0] && i < n; i++) {
        if ((m[i].via == BILAT_VIA_LEADER || m[i].via == BILAT_VIA_NISBA ||
             m[i].via == BILAT_VIA_NAME) &&
            !bilat_actor_is_org(m[i].code) && !attended(w, m[i].code))
            return true;
    }
    return false;
}

static int cmp_pend(const void *x, const void *y)
{
    const pend_t *a = x, *b = y;
    return a->ts < b->ts ? -1 : a->ts > b->ts;
}

static bilat_status_t emit(work_t *w, bilat_events_t *out, bilat_error_t *err)
{
    const bilat_text_t *t = w->t;
    const bilat_unit_t *u = w->u;
    /* A related-headline list links other stories: the page's date is not theirs. */
    const char *date = (u->flags & BILAT_UNIT_RELATED) ? NULL : bilat_text_date(t);
    /* Document order; qsort is not stable, so order by trigger, then by discovery. */
    for (size_t i = 1; i < w->npend; i++) {
        pend_t x = w->pend[i];
        size_t j = i;
        while (j > 0 && cmp_pend(&w->pend[j - 1], &x) > 0) {
            w->pend[j] = w->pend[j - 1];
            j--;
        }
        w->pend[j] = x;
    }
    for (size_t i = 0; i < w->npend; i++) {
        const pend_t *p = &w->pend[i];
        const bilat_token_t *first = &t->toks[u->tok_first + p->ts];
        const bilat_token_t *last = &t->toks[u->tok_first + p->te - 1];
        uint32_t ts = t->map[first->start], te = t->map[last->end];
        bilat_event_t ev = {0};
        ev.doc = bilat_strdup(t->doc->id);
        ev.date = bilat_strdup(date);
        ev.trigger = bilat_strndup(t->doc->text + ts, te > ts ? te - ts : 0);
        ev.text = bilat_strndup(t->doc->text + u->start, u->end - u->start);
        memcpy(ev.source, p->a, 8);
        memcpy(ev.target, p->b, 8);
        ev.directed = p->directed;
        ev.type = (bilat_type_t)p->type;
        ev.score = p->score2 / 2.0;
        ev.negated = p->negated;
        ev.start = u->start;
        ev.end = u->end;
        bilat_event_key(p->a, p->b, ev.type, t->norm + u->nstart, u->nend - u->nstart,
                        ev.key);
        if (!ev.doc || (date && !ev.date) || !ev.trigger || !ev.text ||
            bilat_events_push_take(out, &ev) != BILAT_OK) {
            bilat_event_destroy(&ev);
            return bilat_error_set(err, BILAT_ENOMEM, t->doc->id, 0, 0, "out of memory");
        }
        if (!p->negated && !p->aside) {
            memcpy(w->last_a, p->a, 8);
            memcpy(w->last_b, p->b, 8);
            w->ell_type = p->directed ? p->type : -1;
            memcpy(w->ell_target, p->b, 8);
        }
    }
    return BILAT_OK;
}

/* Reads one unit whose mentions are m[0..n-1]. */
static bilat_status_t read_unit(work_t *w, const bilat_mention_t *m, size_t n,
                                bilat_events_t *out, bilat_error_t *err)
{
    const bilat_unit_t *u = w->u;
    const uint32_t nt = u->tok_count, base = u->tok_first;
    w->cq_ready = false;
    w->wc[0] = 0;
    for (uint32_t i = 0; i < nt; i++) {
        bool punct = w->t->toks[base + i].kind == BILAT_TOK_PUNCT;
        w->tm[i] = punct ? punct_marks(w->t, base + i) : 0;
        w->wc[i + 1] = w->wc[i] + !punct;
        w->trig[i].e = NULL;
    }
    for (uint32_t i = 0; i < nt; i++) {
        if (w->t->toks[base + i].kind == BILAT_TOK_WORD)
            mark_token(w, base + i, i, base + nt);
    }
    /* A trigger phrase covers its further words. */
    for (uint32_t i = 0; i < nt; i++) {
        if (!w->trig[i].e)
            continue;
        for (uint32_t k = i + 1; k < w->trig[i].te; k++) {
            w->trig[k].e = NULL;
            w->tm[k] &= ~(TM_TRIG | TM_VERB);
        }
    }
    /* A dateline: «لندن (رويترز) -» opens the unit with a place and a parenthesis. */
    /* A dateline: «لندن (رويترز) -», «دبي، الإمارات العربية المتحدة (CNN)--» open the
     * unit with places and a parenthesis before any clause. */
    uint32_t dateline_end = 0;
    for (uint32_t k = 1; k < nt && k < 8; k++) {
        if (w->tm[k] & (TM_STRONG | TM_TRIG))
            break;
        if (w->tm[k] & TM_PAREN) {
            dateline_end = k;
            break;
        }
    }
    w->nacts = w->nplaces = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].flags & BILAT_MENTION_FORMER)
            continue;
        act_t a = {0};
        a.ts = m[i].tok_first - base;
        a.te = m[i].tok_end - base;
        memcpy(a.code, m[i].code, sizeof a.code);
        a.code[sizeof a.code - 1] = '\0';
        a.via = m[i].via;
        a.flags = m[i].flags;
        /* The mention's own proclitics: و joins it to the actor before, ل makes it
         * a target (the token's clitic splits cannot tell ليبيا from ل|يبيا). */
        const char *c = w->t->norm + w->t->toks[m[i].tok_first].start;
        uint32_t k = 0;
        if (m[i].clitic >= 2 && (memcmp(c, AR_WAW, 2) == 0 || memcmp(c, AR_FA, 2) == 0)) {
            a.wconj = memcmp(c, AR_WAW, 2) == 0;
            k = 2;
        }
        a.lprep = m[i].clitic >= k + 2 && memcmp(c + k, AR_LAM, 2) == 0;
        a.bprep = m[i].clitic >= k + 2 && memcmp(c + k, AR_BA, 2) == 0;
        /* A plural nisba used as a noun (الفلسطينيين، «مدنيين فلسطينيين») or «الشعب» +
         * nisba names a state's people: they are never the source of a relation
         * (guidelines), only its target (victims, recipients of aid).  Not a plural
         * nisba on the noun of officials right before it, or coordinated with one
         * («المسؤولون الأمريكيون», «حلفاؤها البريطانيون والفرنسيون»): they act for
         * their state. */
        const act_t *left = w->nacts ? &w->acts[w->nacts - 1] : NULL;
        uint32_t ns = name_start(w, a.ts);
        bool officials =
            (ns > 0 && (w->tm[ns - 1] & TM_OF(CLS_HEAD))) ||
            (a.wconj && left && left->te == a.ts && left->via == BILAT_VIA_NISBA &&
             (left->flags & BILAT_MENTION_PLURAL) && !left->people);
        a.people =
            a.via == BILAT_VIA_NISBA && (a.flags & BILAT_MENTION_PLURAL) && !officials;
        /* «في كل من الدنمارك وأستراليا»: actors joined to a place are places. */
        const act_t *pp = w->nplaces ? &w->places[w->nplaces - 1] : NULL;
        if (is_place(w, &a, dateline_end) ||
            (pp && a.ts >= pp->te && joins(w, pp->te, a.ts, pp, &a))) {
            w->places[w->nplaces++] = a;
            continue;
        }
        /* The same actor named twice in a row («الرئيس الأمريكي دونالد ترامب»). */
        if (w->nacts) {
            act_t *prev = &w->acts[w->nacts - 1];
            bool close = a.ts >= prev->te && a.ts - prev->te <= 3;
            for (uint32_t k = prev->te; close && k < a.ts; k++)
                close = !(w->tm[k] & (TM_STRONG | TM_TRIG));
            if (close && strcmp(prev->code, a.code) == 0) {
                prev->te = a.te;
                continue;
            }
        }
        add_act(w, &a);
    }
    /* An anaphor (البلدان) names the last two actors before it in the unit, else the
     * pair named last in the article. */
    /* One sweep: the acts ending at or before i (mentions and the anaphors' own acts,
     * in token order) update c1, the last code, and c2, the last code other than c1
     * before it.  The new acts are merged in afterwards (inserting each in place was
     * quadratic on a long sentence). */
    size_t ngen = 0, p = 0, q = 0;
    const char *c1 = NULL, *c2 = NULL;
    for (uint32_t i = 0; i < nt; i++) {
        if (!(w->tm[i] & TM_OF(CLS_ANAPHOR)))
            continue;
        for (;;) {
            bool m = p < w->nacts && w->acts[p].te <= i,
                 g = q < ngen && w->gen[q].te <= i;
            if (!m && !g)
                break;
            const act_t *x =
                m && (!g || w->acts[p].ts <= w->gen[q].ts) ? &w->acts[p++] : &w->gen[q++];
            if (!c1 || strcmp(x->code, c1) != 0) {
                c2 = c1;
                c1 = x->code;
            }
        }
        /* with fewer than two actors before it, the article's last pair */
        const char *a = c2 ? c2 : w->last_a, *b = c2 ? c1 : w->last_b;
        if (!a[0] || !b[0])
            continue;
        act_t x = {0}, y = {0};
        x.ts = y.ts = i;
        x.te = y.te = i + 1;
        x.via = y.via = BILAT_VIA_NAME;
        memcpy(x.code, a, sizeof x.code);
        memcpy(y.code, b, sizeof y.code);
        w->gen[ngen++] = x;
        w->gen[ngen++] = y;
    }
    merge_acts(w, ngen);
    /* «قال الرئيس التركي إن بلاده …», «… إنه سيزور»: in reported speech, the speaker
     * named before.  k: the acts ending at or before token i.  Acts do not overlap and
     * are sorted, so k only grows with i (a linear sweep, where scanning back from the
     * last act for each token was quadratic on a long sentence); an act added at i ends
     * after i and comes at or after index k. */
    size_t k = 0;
    ngen = 0;
    for (uint32_t i = 0; i < nt; i++) {
        while (k < w->nacts && w->acts[k].te <= i)
            k++;
        /* the last act before i: acts[k - 1] or the last one added here */
        const act_t *last = k ? &w->acts[k - 1] : NULL;
        if (ngen && (!last || w->gen[ngen - 1].ts > last->ts))
            last = &w->gen[ngen - 1];
        /* «إنه» is a subject only before a verb (not «إنه من المهم …»). */
        bool pronoun = (w->tm[i] & TM_OF(CLS_THAT)) != 0;
        if (!(w->tm[i] & TM_OF(CLS_SELF)) ||
            !clause_between(w, last ? last->te : 0, i + 1) ||
            (pronoun && !(i + 1 < nt && (w->tm[i + 1] & TM_VERB))))
            continue;
        act_t x = {0};
        if (last)
            x = *last;
        else if (w->agent[0]) /* «قالت الخارجية إنه سيزور …»: the article's agent */
            memcpy(x.code, w->agent, sizeof x.code);
        else
            continue;
        x.ts = i;
        x.te = i + 1;
        x.via = BILAT_VIA_NAME;
        x.wconj = x.lprep = x.bprep = false;
        w->gen[ngen++] = x;
    }
    merge_acts(w, ngen);
    build_groups(w);
    w->speaker = -1;
    w->last_subj = -1;
    find_speaker(w);
    w->npend = 0;
    /* Verbs govern: all verbs first, then the nouns. */
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < nt; i++) {
            hit_t *h = &w->trig[i];
            if (!h->e || ((h->e->flags & LF_VERB) != 0) != (pass == 0))
                continue;
            if (cancelled(w, h))
                continue;
            bool neg = negated_hit(w, h);
            size_t before = w->npend;
            bool ok = pass == 0 ? read_verb(w, h, neg) : read_noun(w, h, neg);
            if (!ok)
                return bilat_error_set(err, BILAT_ENOMEM, w->t->doc->id, 0, 0,
                                       "out of memory");
            if (pass == 0 && w->npend == before && h->alt)
                h->e = h->alt; /* read as the noun in the second pass */
        }
    }
    if (!compounds(w) || !speaker_default(w) || !reported_claims(w) || !addressees(w) ||
        !summit_attendees(w))
        return bilat_error_set(err, BILAT_ENOMEM, w->t->doc->id, 0, 0, "out of memory");
    return emit(w, out, err);
}

/* Whether token abs is the ORGREF word w[0..wl-1] (with its article) after the
 * conjunctions و/ف and the prepositions ب/ك, or with ل before the article (للحلف);
 * *clitic gets the proclitics' bytes. */
static bool token_is_ref(const bilat_text_t *t, uint32_t abs, const char *w, size_t wl,
                         uint8_t *clitic)
{
    uint32_t len;
    const char *s = tok_text(t, abs, &len);
    bool conj = len >= 2 && (memcmp(s, AR_WAW, 2) == 0 || memcmp(s, AR_FA, 2) == 0);
    bool article = wl > 4 && memcmp(w, AR_ALEF AR_LAM, 4) == 0;
    for (uint32_t c = 0; c <= (conj ? 2u : 0u); c += 2) {
        const char *r = s + c;
        size_t rl = len - c;
        bool prep = rl >= 2 && (memcmp(r, AR_BA, 2) == 0 || memcmp(r, AR_KAF, 2) == 0);
        *clitic = (uint8_t)c;
        if (rl == wl && memcmp(r, w, wl) == 0)
            return true;
        *clitic = (uint8_t)(c + 2);
        if (prep && rl - 2 == wl && memcmp(r + 2, w, wl) == 0)
            return true;
        if (article && rl == wl && memcmp(r, AR_LAM AR_LAM, 4) == 0 &&
            memcmp(r + 4, w + 4, wl - 4) == 0)
            return true;
    }
    return false;
}

/* Copies the mentions m[i0, i1) of unit u to um, adding its ORGREF words («الحلف») as
 * mentions of their organisations where the text named these before (a mention of
 * the code in m[0, i1) earlier than the word).  Returns the count, or 0 when the unit
 * has no such word (um is then left unused). */
static size_t unit_orgrefs(const bilat_extractor_t *ex, const bilat_text_t *t,
                           const bilat_unit_t *u, const bilat_mention_t *m, size_t i0,
                           size_t i1, bilat_mention_t *um)
{
    const char *un = t->norm + u->nstart;
    size_t ul = u->nend - u->nstart;
    bool any = false;
    for (size_t r = 0; r < ex->norgrefs && !any; r++)
        any = memmem(un, ul, ex->pool.data + ex->orgrefs[r].word,
                     strlen(ex->pool.data + ex->orgrefs[r].word)) != NULL;
    if (!any)
        return 0;
    size_t k = 0, j = i0, added = 0;
    for (uint32_t abs = u->tok_first; abs < u->tok_first + u->tok_count; abs++) {
        for (; j < i1 && m[j].tok_first <= abs; j++)
            um[k++] = m[j];
        if (k && um[k - 1].tok_end > abs)
            continue; /* inside a mention («الجامعة العربية») */
        for (size_t r = 0; r < ex->norgrefs; r++) {
            const orgref_t *ref = &ex->orgrefs[r];
            const char *word = ex->pool.data + ref->word;
            uint8_t clitic;
            if (!token_is_ref(t, abs, word, strlen(word), &clitic))
                continue;
            size_t before = 0;
            while (before < i1 && m[before].tok_first < abs &&
                   strcmp(m[before].code, ref->code) != 0)
                before++;
            /* Named before, and not qualified by a nisba («الجامعة الأمريكية»). */
            if (before == i1 || m[before].tok_first >= abs ||
                (j < i1 && m[j].tok_first == abs + 1 && m[j].via == BILAT_VIA_NISBA))
                break;
            bilat_mention_t x = {0};
            x.tok_first = abs;
            x.tok_end = abs + 1;
            x.nstart = t->toks[abs].start + clitic;
            x.nend = t->toks[abs].end;
            x.clitic = clitic;
            x.via = BILAT_VIA_SHORT;
            x.flags = BILAT_MENTION_DEFINITE;
            memcpy(x.code, ref->code, sizeof x.code);
            um[k++] = x;
            added++;
            break;
        }
    }
    for (; j < i1; j++)
        um[k++] = m[j];
    return added ? k : 0;
}

bilat_status_t bilat_extract_mentions(const bilat_extractor_t *ex, const bilat_text_t *t,
                                      const bilat_mention_t *m, size_t n,
                                      bilat_events_t *out, bilat_error_t *err)
{
    bilat_status_t st = BILAT_OK;
    work_t w = {0};
    w.ex = ex;
    w.t = t;
    w.ell_type = -1;
    uint32_t maxt = 0;
    for (uint32_t i = 0; i < t->nunits; i++)
        maxt = t->units[i].tok_count > maxt ? t->units[i].tok_count : maxt;
    /* ORGREF words are looked for only in texts that name one of their organisations. */
    bool orgs = false;
    for (size_t i = 0; i < n && !orgs; i++) {
        for (size_t r = 0; r < ex->norgrefs && !orgs; r++)
            orgs = strcmp(m[i].code, ex->orgrefs[r].code) == 0;
    }
    size_t i0 = 0;
    for (uint32_t ui = 0; ui < t->nunits && st == BILAT_OK; ui++) {
        const bilat_unit_t *u = &t->units[ui];
        while (i0 < n && m[i0].tok_first < u->tok_first)
            i0++;
        size_t i1 = i0;
        while (i1 < n && m[i1].tok_end <= u->tok_first + u->tok_count)
            i1++;
        if (u->flags & BILAT_UNIT_META)
            continue;
        w.u = u;
        const bilat_mention_t *um = m ? m + i0 : NULL; /* no mentions: m is NULL */
        size_t un = i1 - i0;
        if (orgs && i1 > 0) {
            if (!w.um && !(w.um = malloc((n + maxt + 1) * sizeof *w.um))) {
                st =
                    bilat_error_set(err, BILAT_ENOMEM, t->doc->id, 0, 0, "out of memory");
                goto cleanup;
            }
            size_t k = unit_orgrefs(ex, t, u, m, i0, i1, w.um);
            if (k) {
                um = w.um;
                un = k;
            }
        }
        /* Fast path: a unit needs two actors, or an anaphor and one known pair. */
        bool two = false;
        for (size_t i = 1; i < un && !two; i++)
            two = strcmp(um[i].code, um[0].code) != 0;
        if (!two && !unit_has_anaphor(&w) && !(un && unit_has_self(&w, um[0].code)) &&
            !may_attend(&w, um, un)) {
            w.unit_no++;
            continue;
        }
        if (!w.tm) {
            w.tm = malloc((maxt + 1) * sizeof *w.tm);
            w.wc = malloc((maxt + 1) * sizeof *w.wc);
            w.cq = malloc(maxt + 1);
            w.trig = malloc((maxt + 1) * sizeof *w.trig);
            w.acts = malloc((n + 2 * maxt + 1) * sizeof *w.acts);
            w.gen = malloc((2 * maxt + 1) * sizeof *w.gen);
            w.places = malloc((n + 1) * sizeof *w.places);
            w.grps = malloc((n + 2 * maxt + 1) * sizeof *w.grps);
            if (!w.tm || !w.wc || !w.cq || !w.trig || !w.acts || !w.gen || !w.places ||
                !w.grps) {
                st =
                    bilat_error_set(err, BILAT_ENOMEM, t->doc->id, 0, 0, "out of memory");
                goto cleanup;
            }
        }
        st = read_unit(&w, um, un, out, err);
        w.unit_no++;
    }
cleanup:
    free(w.tm);
    free(w.wc);
    free(w.cq);
    free(w.trig);
    free(w.acts);
    free(w.gen);
    free(w.places);
    free(w.grps);
    free(w.pend);
    free(w.um);
    return st;
}

/* Replaces the mentions of related-headline units in m[0..n-1] by those of r[0..rn-1]
 * (both in token order), so that their leaders are read with no date: a list of links
 * may reach back to stories of other years.  *out is a new array (caller frees). */
static bool merge_related(const bilat_text_t *t, const bilat_mention_t *m, size_t n,
                          const bilat_mention_t *r, size_t rn, bilat_mention_t **out,
                          size_t *nout)
{
    bilat_mention_t *o = malloc((n + rn + 1) * sizeof *o);
    if (!o)
        return false;
    size_t k = 0, i = 0, j = 0;
    for (uint32_t ui = 0; ui < t->nunits; ui++) {
        const bilat_unit_t *u = &t->units[ui];
        uint32_t end = u->tok_first + u->tok_count;
        bool rel = (u->flags & BILAT_UNIT_RELATED) != 0;
        for (; i < n && m[i].tok_first < end; i++)
            if (!rel)
                o[k++] = m[i];
        for (; j < rn && r[j].tok_first < end; j++)
            if (rel)
                o[k++] = r[j];
    }
    *out = o;
    *nout = k;
    return true;
}

bilat_status_t bilat_extract_text(const bilat_extractor_t *ex, const bilat_text_t *t,
                                  bilat_events_t *out, bilat_error_t *err)
{
    bilat_mention_t *m = NULL, *r = NULL, *merged = NULL;
    size_t n = 0, rn = 0;
    bool related = false;
    for (uint32_t i = 0; i < t->nunits && !related; i++)
        related = (t->units[i].flags & BILAT_UNIT_RELATED) != 0;
    bilat_status_t st = bilat_gazetteer_scan(ex->gz, t, bilat_text_date(t), &m, &n, err);
    /* The scan takes one date per text; related headlines get a second, dateless scan
     * only when the text has them (rare), keeping the common path to one scan. */
    if (st == BILAT_OK && related && bilat_text_date(t)) {
        st = bilat_gazetteer_scan(ex->gz, t, NULL, &r, &rn, err);
        if (st == BILAT_OK && !merge_related(t, m, n, r, rn, &merged, &n))
            st = bilat_error_set(err, BILAT_ENOMEM, t->doc->id, 0, 0, "out of memory");
    }
    if (st == BILAT_OK)
        st = bilat_extract_mentions(ex, t, merged ? merged : m, n, out, err);
    free(merged);
    free(r);
    free(m);
    return st;
}
