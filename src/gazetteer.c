/* The actor gazetteer: every ISO 3166 territory named by ICU, plus the curated records
 * of data/gazetteer.txt (short names, nisba adjectives, capitals, leaders with terms,
 * organisations, non-actor blocks and the word lists of the context rules).
 *
 * Every surface form is normalised with bilat_normalise() at load time, so matching
 * is a byte comparison against the normalised text.  Forms are chained by their first
 * normalised word in a bilat_strtab_t; each chain is sorted longest
 * first, so the first form that matches at a token is the longest one there.  The
 * normaliser lower-cases Latin letters, so Latin forms match in any case, but for the
 * acronyms and one-word names that are also English words (F_UPPER, F_CAPITAL).
 *
 * The context rules (nisbas on state bodies, agencies, datelines, ambiguous names) are
 * documented at the top of data/gazetteer.txt, whose @lists hold their words. */
#include "bilat/bilat.h"
#include "embedded.h"
#include "gazetteer_internal.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#define NONE UINT32_MAX

/* Word-list bits (the @lists of the data file). */
enum {
    W_HEAD = 1 << 0,     /* state-body head nouns a nisba may qualify */
    W_NONSTATE = 1 << 1, /* people, firms, teams: a nisba on them is no actor */
    W_MEDIA = 1 << 2,    /* agencies, newspapers, channels: names inside are no actor */
    W_FORMER = 1 << 3,   /* «السابق»: the official named is no longer in office */
    W_STOP = 1 << 4,     /* prepositions and particles that end a noun phrase */
    W_JORDAN = 1 << 5,   /* words that make «عمان» the Jordanian capital */
    W_COMMON = 1 << 6, /* forms that are also common words (مالي "financial"): a name
                          only after a preposition or conjunction, never a nisba */
    W_PALESTINE = 1 << 7, /* words that make «الاحتلال» Israel */
    W_LIBYA = 1 << 8,     /* words that make «طرابلس» the Libyan capital */
    W_AGENT = 1 << 9,     /* persons and forces: the only heads of a @common nisba */
    W_SAYS = 1 << 10,     /* verbs of saying and meeting: a subject follows them */
    W_EVENT = 1 << 11,    /* agreements, conferences and seats named by a city */
    W_VICTIM = 1 << 12,   /* people whom a state's forces may kill, wound or hold */
    W_BODY = 1 << 13,     /* state bodies named by «في» and their state's name */
    W_NATION = 1 << 14,   /* «الشعب»: with a nisba, the state's people */
    W_TOWARD = 1 << 15 /* prepositions of an act's object: «على الشعب», «ضد الشعب» */
};

static const struct {
    const char *name;
    unsigned bit;
} word_lists[] = {
    {"@heads", W_HEAD},     {"@nonstate", W_NONSTATE},   {"@media", W_MEDIA},
    {"@former", W_FORMER},  {"@stop", W_STOP},           {"@jordan", W_JORDAN},
    {"@common", W_COMMON},  {"@palestine", W_PALESTINE}, {"@libya", W_LIBYA},
    {"@agents", W_AGENT},   {"@says", W_SAYS},           {"@events", W_EVENT},
    {"@victims", W_VICTIM}, {"@bodies", W_BODY},         {"@nation", W_NATION},
    {"@toward", W_TOWARD}};

/* Internal entry flag: the form is a block (region, agency name…): it consumes its
 * tokens and names no actor. */
#define F_BLOCK (1u << 15)
/* Internal entry flag: a one-word form listed in @common (set when loading ends). */
#define F_COMMON (1u << 14)
/* Internal entry flag: the accusative of a nisba («هجوما إيرانيا»). */
#define F_ACCUSATIVE (1u << 13)
/* Internal entry flags of Latin forms (the text is lower-cased, so Latin matches in
 * any case): a form written in capitals (US, WHO, EU) needs capitals in the document,
 * and a one-word form with a capital initial (Trump, Rice, Turkey) a capital initial:
 * «us», «who», «rice», «turkey» are English words.  Longer names (United States)
 * match in any case. */
#define F_UPPER (1u << 12)
#define F_CAPITAL (1u << 11)
/* Internal entry flag: the same form names another actor too (set when loading ends). */
#define F_SHARED (1u << 10)
/* The internal flags, which mentions do not carry. */
#define F_INTERNAL (F_BLOCK | F_COMMON | F_ACCUSATIVE | F_UPPER | F_CAPITAL | F_SHARED)

/* Codes that ICU 72 spells differently from the guidelines: one table. */
static const struct {
    const char *icu, *bilat;
} code_overrides[] = {{"XKK", "XKX"}};

/* Organisation codes of the guidelines.  bilat_actor_is_org() has no gazetteer to ask,
 * so three-letter organisation codes must be listed; any code that is not three capital
 * letters is an organisation too. */
static const char *const org_codes3[] = {"OIC", "SCO", "IMF", "WHO", "ICC", "GCC", "LAS"};

typedef struct actor {
    char code[8];
    char alpha2[3];              /* ICU region for states, "" otherwise */
    uint32_t label_ar, label_en; /* arena offsets of data-file labels, NONE if unset */
    uint8_t un;                  /* 0, 1 UN member, 2 observer */
    bool org;
    bool has_nisba;
} actor_t;

typedef struct entry {
    uint32_t form;   /* arena offset of the normalised form (NUL-terminated) */
    uint32_t len;    /* its length in bytes */
    uint32_t keylen; /* bytes of its first word (the hash key) */
    uint32_t actor;  /* index into gz->actors, NONE for blocks */
    uint32_t next;   /* next entry in the chain of the same key */
    uint16_t flags;  /* BILAT_MENTION_* form flags, F_BLOCK */
    uint16_t near; /* word-list bits one of which must be near («عمان» + @jordan) */
    uint8_t via;
    uint8_t source;        /* 0 ICU, 1 embedded file, 2… extra files in order */
    bool dead;             /* overridden by a later source */
    char from[11], to[11]; /* leader term, "" when open */
} entry_t;

struct bilat_gazetteer {
    bilat_buf_t arena;
    actor_t *actors;
    size_t nactors, capactors;
    entry_t *entries;
    size_t nentries, capentries;
    bilat_strtab_t chains; /* key (a form's first word) -> first entry of its chain */
    uint64_t sieve[1024];  /* bit set of key_sieve() over the keys: most words of a text
                              are no key, and this rejects them before hashing */
    bilat_strtab_t words;  /* word-list word -> its W_* bits */
};

const char *bilat_via_string(bilat_via_t via)
{
    static const char *const names[] = {"name",    "short",  "nisba",
                                        "capital", "leader", "org"};
    return (unsigned)via < 6 ? names[via] : "name";
}

bool bilat_actor_is_org(const char *code)
{
    if (!code)
        return false;
    size_t n = strlen(code);
    if (n != 3 || !isupper((unsigned char)code[0]) || !isupper((unsigned char)code[1]) ||
        !isupper((unsigned char)code[2]))
        return true;
    for (size_t i = 0; i < sizeof org_codes3 / sizeof *org_codes3; i++)
        if (strcmp(code, org_codes3[i]) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------------------ */
/* Building blocks                                                                */

static uint32_t arena_add(bilat_gazetteer_t *gz, const char *s, size_t n)
{
    uint32_t off = (uint32_t)gz->arena.len;
    if (!bilat_buf_append(&gz->arena, s, n) || !bilat_buf_putc(&gz->arena, '\0'))
        return NONE;
    return off;
}

static const char *arena_str(const bilat_gazetteer_t *gz, uint32_t off)
{
    return gz->arena.data + off;
}

/* Bytes of the first word of s[0..n-1]: up to white space or an ASCII punctuation
 * mark, so «غينيا-بيساو» and «غينيا - بيساو» share the key «غينيا» whatever the
 * tokeniser did with the hyphen. */
static uint32_t key_length(const char *s, size_t n)
{
    /* Runs on every token: a plain test of ASCII white space and punctuation (!-/ :-@
     * [-` {-~) rather than ispunct(), which goes through the locale. */
    size_t i = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            continue;
        if (c <= ' ' || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
            (c >= '[' && c <= '`') || (c >= '{' && c <= '~'))
            break;
    }
    return (uint32_t)i;
}

static int find_actor(const bilat_gazetteer_t *gz, const char *code)
{
    size_t lo = 0, hi = gz->nactors;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(gz->actors[mid].code, code);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The actor of code, created (kept sorted by code) when new; -1 when out of memory. */
static int intern_actor(bilat_gazetteer_t *gz, const char *code)
{
    int i = find_actor(gz, code);
    if (i >= 0)
        return i;
    if (!bilat_array_grow(&gz->actors, gz->nactors, &gz->capactors, sizeof *gz->actors,
                          512))
        return -1;
    size_t pos = 0;
    while (pos < gz->nactors && strcmp(gz->actors[pos].code, code) < 0)
        pos++;
    memmove(gz->actors + pos + 1, gz->actors + pos,
            (gz->nactors - pos) * sizeof *gz->actors);
    actor_t *a = &gz->actors[pos];
    memset(a, 0, sizeof *a);
    snprintf(a->code, sizeof a->code, "%s", code);
    a->label_ar = a->label_en = NONE;
    a->org = bilat_actor_is_org(code);
    gz->nactors++;
    /* Entries refer to actors by index: shift those after the insertion point. */
    for (size_t e = 0; e < gz->nentries; e++)
        if (gz->entries[e].actor != NONE && gz->entries[e].actor >= pos)
            gz->entries[e].actor++;
    return (int)pos;
}

/* Trims the spaces normalisation may leave at the ends of *s[0..*n-1]. */
/* s[0..n-1] normalised, as every form and list word is: *p and *len give it without
 * leading and trailing spaces, inside the returned buffer, which the caller frees;
 * NULL when out of memory. */
static char *normalise_trimmed(const char *s, size_t n, const char **p, size_t *len)
{
    *len = 0;
    char *norm = bilat_normalise(s, n, len);
    *p = norm;
    if (!norm)
        return NULL;
    while (*len && **p == ' ') {
        (*p)++;
        (*len)--;
    }
    while (*len && (*p)[*len - 1] == ' ')
        (*len)--;
    return norm;
}

/* F_UPPER or F_CAPITAL for a Latin form as written in s[0..n-1], else 0. */
static unsigned latin_case(const char *s, size_t n)
{
    bool lower = false, upper = false, space = false;
    for (size_t i = 0; i < n; i++) {
        lower = lower || (s[i] >= 'a' && s[i] <= 'z');
        upper = upper || (s[i] >= 'A' && s[i] <= 'Z');
        space = space || s[i] == ' ';
    }
    if (upper && !lower)
        return F_UPPER;
    return n && s[0] >= 'A' && s[0] <= 'Z' && !space ? F_CAPITAL : 0;
}

/* Adds one surface form (not yet normalised).  actor NONE makes a block. */
static bilat_status_t add_form(bilat_gazetteer_t *gz, const char *s, size_t n,
                               uint32_t actor, bilat_via_t via, unsigned flags,
                               uint8_t source, const char *from, const char *to,
                               unsigned near)
{
    const char *p;
    size_t nlen;
    char *norm = normalise_trimmed(s, n, &p, &nlen);
    if (!norm)
        return BILAT_ENOMEM;
    if (nlen == 0) {
        free(norm);
        return BILAT_OK;
    }
    if (!bilat_array_grow(&gz->entries, gz->nentries, &gz->capentries,
                          sizeof *gz->entries, 8192)) {
        free(norm);
        return BILAT_ENOMEM;
    }
    entry_t *e = &gz->entries[gz->nentries];
    memset(e, 0, sizeof *e);
    e->form = arena_add(gz, p, nlen);
    free(norm);
    if (e->form == NONE)
        return BILAT_ENOMEM;
    e->len = (uint32_t)nlen;
    e->keylen = key_length(arena_str(gz, e->form), nlen);
    e->actor = actor;
    e->next = NONE;
    e->flags = (uint16_t)(flags | (actor == NONE ? F_BLOCK : 0) | latin_case(s, n));
    e->via = (uint8_t)via;
    e->near = (uint16_t)near;
    e->source = source;
    snprintf(e->from, sizeof e->from, "%s", from ? from : "");
    snprintf(e->to, sizeof e->to, "%s", to ? to : "");
    gz->nentries++;
    return BILAT_OK;
}

/* ------------------------------------------------------------------------------ */
/* Word lists                                                                     */

/* Strips a leading article: the lists hold «رئيس» for «الرئيس», «للرئيس», «ورئيس». */
static void strip_article(const char **s, uint32_t *n)
{
    if (*n > 6 && memcmp(*s, "\xd8\xa7\xd9\x84", 4) == 0) {
        *s += 4;
        *n -= 4;
    }
}

static bilat_status_t add_word(bilat_gazetteer_t *gz, const char *s, size_t n,
                               unsigned bits)
{
    const char *w;
    size_t nlen;
    char *norm = normalise_trimmed(s, n, &w, &nlen);
    if (!norm)
        return BILAT_ENOMEM;
    uint32_t wl = (uint32_t)nlen;
    strip_article(&w, &wl);
    bilat_status_t st = BILAT_OK;
    if (wl > 0) {
        uint32_t *v = bilat_strtab_put(&gz->words, w, wl, 0, NULL);
        if (v)
            *v |= bits;
        else
            st = BILAT_ENOMEM;
    }
    free(norm);
    return st;
}

/* The list bits of a normalised word, as written or, with stem, without one dual,
 * plural, feminine or accusative ending, so «مسؤولان», «دبلوماسيين», «هجوما» find
 * «مسؤول», «دبلوماسي», «هجوم».  Particles do not inflect: a stem never finds a word
 * of @stop («العليا» is no «على»). */
static unsigned word_bits(const bilat_gazetteer_t *gz, const char *s, uint32_t n,
                          bool stem)
{
    static const char *const endings[] = {
        "\xd8\xa7\xd9\x86", "\xd9\x8a\xd9\x86", "\xd9\x88\xd9\x86",
        "\xd8\xa7\xd8\xaa", "\xd9\x87",         "\xd8\xa7"}; /* ان ين ون ات ه ا */
    strip_article(&s, &n);
    if (n == 0)
        return 0;
    if (!stem)
        return bilat_strtab_get(&gz->words, s, n, 0);
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        uint32_t el = (uint32_t)strlen(endings[i]);
        if (n >= el + 6 && memcmp(s + n - el, endings[i], el) == 0) {
            uint32_t bits = bilat_strtab_get(&gz->words, s, n - el, NONE);
            if (bits != NONE)
                return bits & ~(unsigned)W_STOP;
        }
    }
    return 0;
}

/* The list bits of text token k, trying each proclitic split («والرئيس» → رئيس): every
 * split as written before any without an ending (with stems), so «وزارة» is وزارة,
 * not و + زار. */
static unsigned token_list_bits(const bilat_gazetteer_t *gz, const bilat_text_t *t,
                                uint32_t k, bool stems)
{
    const bilat_token_t *tok = &t->toks[k];
    if (tok->kind != BILAT_TOK_WORD)
        return 0;
    const char *w = t->norm + tok->start;
    uint32_t len = tok->end - tok->start, pre[8];
    int np = bilat_clitic_splits(w, len, pre);
    unsigned bits = 0;
    for (int stem = 0; stem <= (int)stems && !bits; stem++)
        for (int i = 0; i < np && !bits; i++)
            bits = word_bits(gz, w + pre[i], len - pre[i], stem);
    return bits;
}

static unsigned token_bits(const bilat_gazetteer_t *gz, const bilat_text_t *t, uint32_t k)
{
    return token_list_bits(gz, t, k, true);
}

/* ------------------------------------------------------------------------------ */
/* ICU base                                                                        */

static bool icu_utf8(const UChar *u, int32_t n, char *out, size_t size)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(out, (int32_t)size, &len, u, n, &st);
    return !U_FAILURE(st) && len < (int32_t)size;
}

/* The display name of region alpha2 in lang, in UTF-8; false when ICU has none. */
static bool icu_country_name(const char *alpha2, const char *lang, char *out, size_t size)
{
    char loc[8];
    snprintf(loc, sizeof loc, "_%s", alpha2);
    UChar u[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayCountry(loc, lang, u, 256, &st);
    if (U_FAILURE(st) || n <= 0 || n >= 256)
        return false;
    return icu_utf8(u, n, out, size);
}

/* bilat's alpha-3 code of an ICU region, "" when it has none. */
static const char *icu_alpha3(const char *alpha2)
{
    char loc[8];
    snprintf(loc, sizeof loc, "_%s", alpha2);
    const char *a3 = uloc_getISO3Country(loc);
    if (!a3)
        return "";
    for (size_t i = 0; i < sizeof code_overrides / sizeof *code_overrides; i++)
        if (strcmp(a3, code_overrides[i].icu) == 0)
            return code_overrides[i].bilat;
    return a3;
}

static bilat_status_t load_icu(bilat_gazetteer_t *gz)
{
    const char *const *regions = uloc_getISOCountries();
    for (size_t r = 0; regions && regions[r]; r++) {
        const char *a3 = icu_alpha3(regions[r]);
        if (strlen(a3) != 3)
            continue;
        int a = intern_actor(gz, a3);
        if (a < 0)
            return BILAT_ENOMEM;
        snprintf(gz->actors[a].alpha2, sizeof gz->actors[a].alpha2, "%s", regions[r]);
        static const char *const langs[] = {"ar", "en"};
        for (size_t l = 0; l < 2; l++) {
            char name[512];
            if (!icu_country_name(regions[r], langs[l], name, sizeof name))
                continue;
            bilat_status_t st = add_form(gz, name, strlen(name), (uint32_t)a,
                                         BILAT_VIA_NAME, 0, 0, NULL, NULL, 0);
            if (st != BILAT_OK)
                return st;
        }
    }
    return BILAT_OK;
}

/* ------------------------------------------------------------------------------ */
/* The data file                                                                  */

/* Nisba endings, written after the masculine singular (which ends in ي). */
static const struct {
    const char *suffix;
    unsigned flags;
} nisba_forms[] = {
    {"", 0},
    {"\xd8\xa9", BILAT_MENTION_FEMININE},                                      /* ة */
    {"\xd8\xa7\xd9\x86", BILAT_MENTION_DUAL},                                  /* ان */
    {"\xd9\x8a\xd9\x86", BILAT_MENTION_DUAL | BILAT_MENTION_PLURAL},           /* ين */
    {"\xd8\xaa\xd8\xa7\xd9\x86", BILAT_MENTION_FEMININE | BILAT_MENTION_DUAL}, /* تان */
    {"\xd8\xaa\xd9\x8a\xd9\x86", BILAT_MENTION_FEMININE | BILAT_MENTION_DUAL}, /* تين */
    {"\xd9\x88\xd9\x86", BILAT_MENTION_PLURAL},                                /* ون */
    {"\xd8\xa7\xd8\xaa", BILAT_MENTION_FEMININE | BILAT_MENTION_PLURAL},       /* ات */
    /* ا: the accusative, indefinite only (جنديا أمريكيا، هجوما إيرانيا) */
    {"\xd8\xa7", F_ACCUSATIVE},
};

/* Adds every form of a masculine singular nisba: each word of it takes the ending (and
 * the article), so «كوري جنوبي» gives «الكورية الجنوبية». */
static bilat_status_t add_nisba(bilat_gazetteer_t *gz, const char *m, size_t n,
                                uint32_t actor, uint8_t source)
{
    bilat_buf_t b;
    bilat_buf_init(&b);
    bilat_status_t st = BILAT_OK;
    for (size_t f = 0; f < sizeof nisba_forms / sizeof *nisba_forms && st == BILAT_OK;
         f++) {
        int ndef = nisba_forms[f].flags & F_ACCUSATIVE ? 1 : 2;
        for (int def = 0; def < ndef && st == BILAT_OK; def++) {
            b.len = 0;
            size_t i = 0;
            bool ok = true;
            while (i < n && ok) {
                while (i < n && m[i] == ' ')
                    i++;
                size_t j = i;
                while (j < n && m[j] != ' ')
                    j++;
                if (j == i)
                    break;
                /* A word ending in '*' stays as written (جنوب* أفريقي). */
                bool fixed = m[j - 1] == '*';
                if (b.len)
                    ok = bilat_buf_putc(&b, ' ');
                if (def && !fixed)
                    ok = ok && bilat_buf_puts(&b, "\xd8\xa7\xd9\x84"); /* ال */
                ok = ok && bilat_buf_append(&b, m + i, j - i - fixed) &&
                     (fixed || bilat_buf_puts(&b, nisba_forms[f].suffix));
                i = j;
            }
            if (!ok) {
                st = BILAT_ENOMEM;
                break;
            }
            st = add_form(gz, b.data, b.len, actor, BILAT_VIA_NISBA,
                          nisba_forms[f].flags | (def ? BILAT_MENTION_DEFINITE : 0u),
                          source, NULL, NULL, 0);
        }
    }
    bilat_buf_destroy(&b);
    return st;
}

typedef struct parse_state {
    bilat_gazetteer_t *gz;
    const char *source_name;
    uint8_t source;
    int line;
    int actor;          /* current record's actor, -1 for a block, -2 none yet */
    unsigned list_bits; /* current @list, 0 when the record is an actor or block */
    bilat_error_t *err;
} parse_state_t;

static bilat_status_t parse_error(parse_state_t *ps, const char *fmt, const char *arg)
{
    bilat_error_set(ps->err, BILAT_EPARSE, ps->source_name, ps->line, 0, fmt, arg);
    return BILAT_EPARSE;
}

static bool valid_code(const char *s, size_t n)
{
    if (n < 2 || n > 7)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static bilat_status_t parse_header(parse_state_t *ps, const char *s, size_t n)
{
    bilat_gazetteer_t *gz = ps->gz;
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != '\t')
        w++;
    char code[64];
    snprintf(code, sizeof code, "%.*s", (int)(w < 63 ? w : 63), s);
    ps->list_bits = 0;
    ps->actor = -2;
    if (w == 1 && s[0] == '-') {
        ps->actor = -1;
    } else if (s[0] == '@') {
        for (size_t i = 0; i < sizeof word_lists / sizeof *word_lists; i++)
            if (strcmp(code, word_lists[i].name) == 0)
                ps->list_bits = word_lists[i].bit;
        if (!ps->list_bits)
            return parse_error(ps, "unknown word list \"%s\"", code);
    } else if (valid_code(s, w)) {
        int a = intern_actor(gz, code);
        if (a < 0)
            return BILAT_ENOMEM;
        ps->actor = a;
    } else {
        return parse_error(ps, "bad actor code \"%s\" (2-7 capital letters or digits)",
                           code);
    }
    /* Attributes after the code: member, observer. */
    size_t i = w;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\t')
            j++;
        if (j == i)
            break;
        char attr[64];
        snprintf(attr, sizeof attr, "%.*s", (int)(j - i < 63 ? j - i : 63), s + i);
        if (ps->actor < 0 ||
            (strcmp(attr, "member") != 0 && strcmp(attr, "observer") != 0))
            return parse_error(ps, "unknown record attribute \"%s\"", attr);
        gz->actors[ps->actor].un = attr[0] == 'm' ? 1 : 2;
        i = j;
    }
    return BILAT_OK;
}

/* Splits v[0..n-1] at '|' and calls add for each trimmed, non-empty value. */
typedef bilat_status_t (*value_fn)(parse_state_t *ps, const char *s, size_t n, void *arg);

static bilat_status_t each_value(parse_state_t *ps, const char *v, size_t n, value_fn fn,
                                 void *arg)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && v[j] != '|')
            j++;
        size_t a = i, b = j;
        while (a < b && (v[a] == ' ' || v[a] == '\t'))
            a++;
        while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
            b--;
        if (b == a)
            return parse_error(ps, "%s", "empty value between '|'");
        bilat_status_t st = fn(ps, v + a, b - a, arg);
        if (st != BILAT_OK)
            return st;
        i = j + 1;
    }
    return BILAT_OK;
}

typedef struct form_arg {
    bilat_via_t via;
    const char *from, *to;
    unsigned near;
} form_arg_t;

static bilat_status_t value_form(parse_state_t *ps, const char *s, size_t n, void *arg)
{
    const form_arg_t *fa = arg;
    uint32_t actor = ps->actor < 0 ? NONE : (uint32_t)ps->actor;
    bilat_via_t via = fa->via;
    if (actor != NONE && ps->gz->actors[actor].org && via != BILAT_VIA_LEADER)
        via = BILAT_VIA_ORG;
    return add_form(ps->gz, s, n, actor, via, 0, ps->source, fa->from, fa->to, fa->near);
}

/* A broken plural, given with or without the article: both forms are added. */
static bilat_status_t value_plural(parse_state_t *ps, const char *s, size_t n, void *arg)
{
    (void)arg;
    uint32_t wn = (uint32_t)n;
    strip_article(&s, &wn);
    n = wn;
    char def[512];
    if (n + 5 > sizeof def)
        return parse_error(ps, "%s", "plural too long");
    memcpy(def, "\xd8\xa7\xd9\x84", 4);
    memcpy(def + 4, s, n);
    bilat_status_t st = add_form(ps->gz, s, n, (uint32_t)ps->actor, BILAT_VIA_NISBA,
                                 BILAT_MENTION_PLURAL, ps->source, NULL, NULL, 0);
    if (st == BILAT_OK)
        st = add_form(ps->gz, def, n + 4, (uint32_t)ps->actor, BILAT_VIA_NISBA,
                      BILAT_MENTION_PLURAL | BILAT_MENTION_DEFINITE, ps->source, NULL,
                      NULL, 0);
    return st;
}

static bilat_status_t value_nisba(parse_state_t *ps, const char *s, size_t n, void *arg)
{
    (void)arg;
    ps->gz->actors[ps->actor].has_nisba = true;
    return add_nisba(ps->gz, s, n, (uint32_t)ps->actor, ps->source);
}

static bilat_status_t value_word(parse_state_t *ps, const char *s, size_t n, void *arg)
{
    (void)arg;
    return add_word(ps->gz, s, n, ps->list_bits);
}

/* "FROM TO" of a leader line: dates or "-" for an open end. */
static bilat_status_t parse_term(parse_state_t *ps, const char *s, size_t n,
                                 char from[11], char to[11])
{
    char a[32] = "", b[32] = "";
    char tmp[80];
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    snprintf(tmp, sizeof tmp, "%.*s", (int)(n < 79 ? n : 79), s);
    if (sscanf(tmp, "%31s %31s", a, b) != 2)
        return parse_error(ps, "leader term \"%s\" is not \"FROM TO\"", tmp);
    if ((strcmp(a, "-") != 0 && !bilat_date_valid(a)) ||
        (strcmp(b, "-") != 0 && !bilat_date_valid(b)))
        return parse_error(ps, "bad date in leader term \"%s\" (YYYY-MM-DD or -)", tmp);
    snprintf(from, 11, "%s", strcmp(a, "-") ? a : "");
    snprintf(to, 11, "%s", strcmp(b, "-") ? b : "");
    return BILAT_OK;
}

static bilat_status_t set_label(parse_state_t *ps, const char *s, size_t n,
                                uint32_t *slot)
{
    uint32_t off = arena_add(ps->gz, s, n);
    if (off == NONE)
        return BILAT_ENOMEM;
    *slot = off;
    return BILAT_OK;
}

static bilat_status_t parse_field(parse_state_t *ps, const char *s, size_t n)
{
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != '\t')
        w++;
    char field[32];
    snprintf(field, sizeof field, "%.*s", (int)(w < 31 ? w : 31), s);
    const char *v = s + w;
    size_t vn = n - w;
    while (vn && (*v == ' ' || *v == '\t')) {
        v++;
        vn--;
    }
    if (ps->actor == -2 && !ps->list_bits)
        return parse_error(ps, "field \"%s\" outside a record", field);
    if (vn == 0)
        return parse_error(ps, "field \"%s\" has no value", field);
    if (ps->list_bits) {
        if (strcmp(field, "words") != 0)
            return parse_error(ps, "word lists take \"words\", not \"%s\"", field);
        return each_value(ps, v, vn, value_word, NULL);
    }
    static const struct {
        const char *name;
        bilat_via_t via;
    } form_fields[] = {{"name", BILAT_VIA_NAME},
                       {"short", BILAT_VIA_SHORT},
                       {"capital", BILAT_VIA_CAPITAL}};
    for (size_t i = 0; i < sizeof form_fields / sizeof *form_fields; i++) {
        if (strcmp(field, form_fields[i].name) == 0) {
            form_arg_t fa = {form_fields[i].via, NULL, NULL, 0};
            return each_value(ps, v, vn, value_form, &fa);
        }
    }
    if (ps->actor < 0)
        return parse_error(ps, "a block takes \"name\" or \"short\", not \"%s\"", field);
    actor_t *a = &ps->gz->actors[ps->actor];
    if (strcmp(field, "nisba") == 0)
        return each_value(ps, v, vn, value_nisba, NULL);
    if (strcmp(field, "plural") == 0)
        return each_value(ps, v, vn, value_plural, NULL);
    if (strcmp(field, "ar") == 0)
        return set_label(ps, v, vn, &a->label_ar);
    if (strcmp(field, "en") == 0)
        return set_label(ps, v, vn, &a->label_en);
    if (strcmp(field, "leader") == 0) {
        const char *bar = memchr(v, '|', vn);
        if (!bar)
            return parse_error(ps, "%s", "leader needs \"FROM TO | name | …\"");
        char from[11], to[11];
        bilat_status_t st = parse_term(ps, v, (size_t)(bar - v), from, to);
        if (st != BILAT_OK)
            return st;
        form_arg_t fa = {BILAT_VIA_LEADER, from, to, 0};
        return each_value(ps, bar + 1, vn - (size_t)(bar + 1 - v), value_form, &fa);
    }
    if (strcmp(field, "near") == 0) {
        /* "near @LIST [name|short|capital] | form…": the forms count only with a word
         * of @LIST nearby. */
        const char *bar = memchr(v, '|', vn);
        char head[64], list[32] = "", kind[32] = "short";
        size_t ln = bar ? (size_t)(bar - v) : vn;
        while (ln && (v[ln - 1] == ' ' || v[ln - 1] == '\t'))
            ln--;
        snprintf(head, sizeof head, "%.*s", (int)(ln < 63 ? ln : 63), v);
        int nw = sscanf(head, "%31s %31s", list, kind);
        unsigned bits = 0;
        for (size_t i = 0; i < sizeof word_lists / sizeof *word_lists; i++)
            if (strcmp(list, word_lists[i].name) == 0)
                bits = word_lists[i].bit;
        form_arg_t fa = {BILAT_VIA_SHORT, NULL, NULL, bits};
        for (size_t i = 0; i < sizeof form_fields / sizeof *form_fields; i++)
            if (strcmp(kind, form_fields[i].name) == 0)
                fa.via = form_fields[i].via;
        if (!bar || !bits || nw < 1 ||
            (nw == 2 && strcmp(kind, bilat_via_string(fa.via)) != 0))
            return parse_error(ps,
                               "near needs \"@LIST [name|short|capital] | form…\", not "
                               "\"%s\"",
                               head);
        return each_value(ps, bar + 1, vn - (size_t)(bar + 1 - v), value_form, &fa);
    }
    return parse_error(ps, "unknown field \"%s\"", field);
}

/* Parses one data file held in memory. */
static bilat_status_t parse_data(bilat_gazetteer_t *gz, const char *text, size_t len,
                                 const char *source_name, uint8_t source,
                                 bilat_error_t *err)
{
    parse_state_t ps = {gz, source_name, source, 0, -2, 0, err};
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        ps.line++;
        size_t n = j - i;
        if (n && text[i + n - 1] == '\r')
            n--;
        const char *s = text + i;
        if (memchr(s, '\0', n))
            return parse_error(&ps, "%s", "NUL byte in line");
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        bilat_status_t st = BILAT_OK;
        if (k == n || s[k] == '#')
            st = BILAT_OK;
        else if (k == 0)
            st = parse_header(&ps, s, n);
        else
            st = parse_field(&ps, s + k, n - k);
        if (st != BILAT_OK) {
            if (st == BILAT_ENOMEM)
                bilat_error_set(err, st, source_name, ps.line, 0, "out of memory");
            return st;
        }
        i = j + 1;
    }
    return BILAT_OK;
}

static bilat_status_t read_file(const char *path, char **out, size_t *len,
                                bilat_error_t *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return bilat_error_set(err, BILAT_EIO, path, 0, 0, "cannot open: %s",
                               strerror(errno));
    bilat_buf_t b;
    bilat_buf_init(&b);
    char chunk[65536];
    size_t n;
    bilat_status_t st = BILAT_OK;
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
    *len = b.len;
    *out = b.data ? bilat_buf_take(&b) : bilat_strdup("");
    if (!*out)
        st = bilat_error_set(err, BILAT_ENOMEM, path, 0, 0, "out of memory");
cleanup:
    bilat_buf_destroy(&b);
    fclose(f);
    return st;
}

/* ------------------------------------------------------------------------------ */
/* Finishing: overrides and the hash of chains                                    */

/* An entry with its form, for sorting (qsort has no context pointer in C11). */
typedef struct sort_item {
    entry_t *e;
    const char *form;
} sort_item_t;

static int cmp_entry(const void *a, const void *b)
{
    const sort_item_t *p = a, *q = b;
    const entry_t *x = p->e, *y = q->e;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    /* Equal forms side by side; among them later sources first, so their records
     * decide, then nisbas, which the head rule may refuse, before the name of the same
     * spelling («السعودية»). */
    int c = memcmp(p->form, q->form, x->len);
    if (c)
        return c;
    if (x->source != y->source)
        return x->source > y->source ? -1 : 1;
    if ((x->near != 0) != (y->near != 0))
        return x->near ? -1 : 1; /* the context form first («عمان» near Jordan) */
    if ((x->via == BILAT_VIA_NISBA) != (y->via == BILAT_VIA_NISBA))
        return x->via == BILAT_VIA_NISBA ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* A 16-bit digest of a key's length and first four bytes, for gz->sieve.  Measured on
 * 5 MB of news: it halves the cost of looking every word up. */
static unsigned key_sieve(const char *k, size_t n)
{
    uint32_t h = (uint32_t)n * 0x9E3779B1u;
    for (size_t i = 0; i < n && i < 4; i++)
        h = (h ^ (unsigned char)k[i]) * 0x01000193u;
    return (h >> 16) & 0xFFFF;
}

static bool sieve_has(const bilat_gazetteer_t *gz, const char *k, size_t n)
{
    unsigned b = key_sieve(k, n);
    return gz->sieve[b >> 6] >> (b & 63) & 1;
}

/* The first entry of the chain of key k[0..n-1], NONE when no form starts with it. */
static uint32_t chain_head(const bilat_gazetteer_t *gz, const char *k, size_t n)
{
    return bilat_strtab_get(&gz->chains, k, n, NONE);
}

static bool same_form(const bilat_gazetteer_t *gz, const entry_t *a, const entry_t *b)
{
    return a->len == b->len &&
           memcmp(arena_str(gz, a->form), arena_str(gz, b->form), a->len) == 0;
}

/* Builds the chains.  A form given again by a later source (the embedded file over
 * ICU, an extra file over both) overrides the earlier ones: those die. */
static bilat_status_t finish(bilat_gazetteer_t *gz)
{
    bilat_status_t st = BILAT_OK;
    sort_item_t *order = malloc((gz->nentries ? gz->nentries : 1) * sizeof *order);
    if (!order) {
        st = BILAT_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < gz->nentries; i++) {
        order[i].e = &gz->entries[i];
        order[i].form = arena_str(gz, gz->entries[i].form);
    }
    qsort(order, gz->nentries, sizeof *order, cmp_entry);
    /* Insert shortest first at the chain heads, so each chain runs longest first. */
    for (size_t i = gz->nentries; i-- > 0;) {
        entry_t *e = order[i].e;
        uint32_t *head =
            bilat_strtab_put(&gz->chains, arena_str(gz, e->form), e->keylen, NONE, NULL);
        if (!head) {
            st = BILAT_ENOMEM;
            goto cleanup;
        }
        unsigned b = key_sieve(arena_str(gz, e->form), e->keylen);
        gz->sieve[b >> 6] |= 1ull << (b & 63);
        e->next = *head;
        *head = (uint32_t)(e - gz->entries);
    }
    /* Equal forms are neighbours in a chain, the latest source first. */
    for (size_t i = 0; i < gz->nentries; i++) {
        entry_t *e = order[i].e;
        for (uint32_t k = e->next; k != NONE; k = gz->entries[k].next) {
            entry_t *o = &gz->entries[k];
            if (!same_form(gz, e, o))
                break;
            if (o->source < e->source && !e->dead)
                o->dead = true;
            /* «روسيا», «تركيا», «جنوب أفريقيا»: an accusative nisba spelt like its
             * state's name is that name. */
            if (o->actor == e->actor &&
                (e->flags & F_ACCUSATIVE) != (o->flags & F_ACCUSATIVE))
                (e->flags & F_ACCUSATIVE ? e : o)->dead = true;
            if (o->actor != e->actor) {
                e->flags |= F_SHARED;
                o->flags |= F_SHARED;
            }
        }
        /* The @common rule is a property of the form: decide it once here. */
        const char *f = arena_str(gz, e->form);
        if (e->keylen == e->len && (word_bits(gz, f, e->len, false) & W_COMMON))
            e->flags |= F_COMMON;
    }
cleanup:
    free(order);
    return st;
}

/* ------------------------------------------------------------------------------ */
/* Public: load, free, labels                                                     */

bilat_status_t bilat_gazetteer_load(const char *const *extra_files,
                                    bilat_gazetteer_t **out, bilat_error_t *err)
{
    *out = NULL;
    bilat_gazetteer_t *gz = calloc(1, sizeof *gz);
    if (!gz)
        return bilat_error_set(err, BILAT_ENOMEM, "<gazetteer>", 0, 0, "out of memory");
    bilat_buf_init(&gz->arena);
    bilat_strtab_init(&gz->chains);
    bilat_strtab_init(&gz->words);
    bilat_status_t st = load_icu(gz);
    if (st != BILAT_OK) {
        bilat_error_set(err, st, "<gazetteer>", 0, 0, "cannot load ICU region names");
        goto cleanup;
    }
    st = parse_data(gz, (const char *)bilat_data_gazetteer, bilat_data_gazetteer_len,
                    "data/gazetteer.txt", 1, err);
    if (st != BILAT_OK)
        goto cleanup;
    for (size_t i = 0; extra_files && extra_files[i]; i++) {
        char *text = NULL;
        size_t len = 0;
        st = read_file(extra_files[i], &text, &len, err);
        if (st != BILAT_OK)
            goto cleanup;
        st = parse_data(gz, text, len, extra_files[i],
                        (uint8_t)(i + 2 < 255 ? i + 2 : 255), err);
        free(text);
        if (st != BILAT_OK)
            goto cleanup;
    }
    st = finish(gz);
    if (st != BILAT_OK) {
        bilat_error_set(err, st, "<gazetteer>", 0, 0, "out of memory");
        goto cleanup;
    }
    *out = gz;
    return BILAT_OK;
cleanup:
    bilat_gazetteer_free(gz);
    return st;
}

void bilat_gazetteer_free(bilat_gazetteer_t *gz)
{
    if (!gz)
        return;
    bilat_buf_destroy(&gz->arena);
    free(gz->actors);
    free(gz->entries);
    bilat_strtab_destroy(&gz->chains);
    bilat_strtab_destroy(&gz->words);
    free(gz);
}

/* Copies s into buf[size], cut at a character boundary when it does not fit, so a
 * truncated label is still valid UTF-8. */
static const char *copy_label(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

const char *bilat_actor_label(const bilat_gazetteer_t *gz, const char *code,
                              const char *lang, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    copy_label(buf, size, code ? code : "");
    int i = gz && code ? find_actor(gz, code) : -1;
    if (i < 0)
        return buf;
    const actor_t *a = &gz->actors[i];
    char name[512];
    if (a->alpha2[0] &&
        icu_country_name(a->alpha2, lang ? lang : "en", name, sizeof name))
        return copy_label(buf, size, name);
    bool ar = lang && strncmp(lang, "ar", 2) == 0 &&
              (lang[2] == '\0' || lang[2] == '_' || lang[2] == '-');
    uint32_t off = ar && a->label_ar != NONE ? a->label_ar : a->label_en;
    if (off == NONE)
        off = a->label_ar;
    return off != NONE ? copy_label(buf, size, arena_str(gz, off)) : buf;
}

bool bilat_actor_known(const bilat_gazetteer_t *gz, const char *code)
{
    return gz && code && find_actor(gz, code) >= 0;
}

/* ------------------------------------------------------------------------------ */
/* Consistency check (tests)                                                      */

/* Whether two forms can name their actors on the same day: leaders whose terms do not
 * overlap (أبو الغيط: EGY 2004–2011, LAS since 2016) never clash. */
static bool terms_overlap(const entry_t *a, const entry_t *b)
{
    if (a->via != BILAT_VIA_LEADER || b->via != BILAT_VIA_LEADER)
        return true;
    bool a_before_b = a->to[0] && b->from[0] && strcmp(a->to, b->from) < 0;
    bool b_before_a = b->to[0] && a->from[0] && strcmp(b->to, a->from) < 0;
    return !a_before_b && !b_before_a;
}

size_t bilat_gazetteer_check(const bilat_gazetteer_t *gz, FILE *report)
{
    size_t problems = 0, members = 0, observers = 0;
    for (size_t i = 0; i < gz->nactors; i++) {
        const actor_t *a = &gz->actors[i];
        if (!a->org && !a->alpha2[0]) {
            problems++;
            if (report)
                fprintf(report, "%s: state code unknown to ICU\n", a->code);
        }
        if (a->un == 1)
            members++;
        if (a->un == 2)
            observers++;
        if (a->un && !a->has_nisba) {
            problems++;
            if (report)
                fprintf(report, "%s: UN member or observer without a nisba\n", a->code);
        }
    }
    if (members != 193 || observers != 2) {
        problems++;
        if (report)
            fprintf(report, "%zu UN members and %zu observers marked, want 193 and 2\n",
                    members, observers);
    }
    for (size_t i = 0; i < gz->nentries; i++) {
        const entry_t *e = &gz->entries[i];
        if (e->dead)
            continue;
        for (uint32_t k = e->next; k != NONE; k = gz->entries[k].next) {
            const entry_t *o = &gz->entries[k];
            if (!same_form(gz, e, o))
                break;
            if (!o->dead && o->actor != e->actor && terms_overlap(e, o) && !e->near &&
                !o->near) {
                problems++;
                if (report)
                    fprintf(report, "\"%s\" names both %s and %s\n",
                            arena_str(gz, e->form),
                            e->actor == NONE ? "-" : gz->actors[e->actor].code,
                            o->actor == NONE ? "-" : gz->actors[o->actor].code);
            }
        }
    }
    return problems;
}

/* ------------------------------------------------------------------------------ */
/* Scanning                                                                       */

#define ARTICLE "\xd8\xa7\xd9\x84" /* ال */
#define LAM_LAM "\xd9\x84\xd9\x84" /* لل: ل + ال, whose alef is not written */

/* How a candidate form fares under the context rules. */
/* JUDGE_PEOPLE accepts a singular nisba as the state's people («الشعب الفلسطيني»):
 * the mention is flagged plural like «الفلسطينيين», so that it is never a source. */
typedef enum { JUDGE_ACCEPT, JUDGE_NEXT, JUDGE_CONSUME, JUDGE_PEOPLE } judge_t;

typedef struct scan_ctx {
    const bilat_gazetteer_t *gz;
    const bilat_text_t *t;
    const char *date;
    uint32_t lo, hi;                 /* token bounds of the current unit */
    uint32_t dateline;               /* tokens [lo, dateline) are the unit's dateline */
    const bilat_mention_t *last;     /* the previous mention, NULL at the start */
    uint32_t block_first, block_end; /* tokens of the last block form consumed */
    uint32_t block_clitic;           /* its proclitic bytes */
} scan_ctx_t;

/* Matches form e at token i after clitic bytes.  With elided, the form's leading ال is
 * the one «لل» swallowed and is not in the text.  Tokens are compared in sequence, the
 * spaces of the form being token boundaries, so «غينيا-بيساو» matches whether or not
 * the hyphen is a token of its own. */
static bool match_at(const scan_ctx_t *c, const entry_t *e, uint32_t i, uint32_t clitic,
                     bool elided, uint32_t *end_tok, uint32_t *nend)
{
    const bilat_text_t *t = c->t;
    const char *f = arena_str(c->gz, e->form);
    uint32_t k = elided ? 4 : 0, j = i, pos = t->toks[i].start + clitic;
    while (k < e->len) {
        if (f[k] == ' ') {
            /* Hashtags join words with '_' (#الاتحاد_الأوروبي), inside a token or
             * as a token of its own. */
            if (pos < t->toks[j].end && t->norm[pos] == '_') {
                pos++;
            } else if (pos == t->toks[j].end && j + 1 < c->hi &&
                       t->toks[j + 1].end == t->toks[j + 1].start + 1 &&
                       t->norm[t->toks[j + 1].start] == '_') {
                j++;
                pos = t->toks[j].end;
            }
            k++;
            continue;
        }
        if (pos >= t->toks[j].end) {
            if (++j >= c->hi)
                return false;
            pos = t->toks[j].start;
        }
        if (t->norm[pos] != f[k])
            return false;
        pos++;
        k++;
    }
    if (pos != t->toks[j].end)
        return false;
    *end_tok = j + 1;
    *nend = pos;
    return true;
}

static bool is_punct(const bilat_text_t *t, uint32_t k)
{
    return t->toks[k].kind == BILAT_TOK_PUNCT;
}

/* true when token k opens a prepositional phrase with the article (للسياسة، بالقرب،
 * وللأمن): a nisba after it agrees with that phrase, not with a noun before it. */
static bool opens_phrase(const bilat_text_t *t, uint32_t k)
{
    const char *w = t->norm + t->toks[k].start;
    uint32_t n = t->toks[k].end - t->toks[k].start;
    if (n > 6 && (memcmp(w, "\xd9\x88", 2) == 0 || memcmp(w, "\xd9\x81", 2) == 0)) {
        w += 2; /* و ف */
        n -= 2;
    }
    return n > 6 &&
           (memcmp(w, LAM_LAM, 4) == 0 || memcmp(w, "\xd8\xa8" ARTICLE, 6) == 0 ||
            memcmp(w, "\xd9\x83" ARTICLE, 6) == 0);
}

/* Looks back from token i (at most max tokens, not across punctuation nor into the
 * previous mention) for a word of the lists in want; stops at a word of the lists in
 * stop and, with phrase, at the start of a prepositional phrase.  The '_' of a
 * hashtag joins words (#الجيش_الصومالي): it is no punctuation here.  Returns the bits
 * found, 0 when none. */
static unsigned look_back(const scan_ctx_t *c, uint32_t i, uint32_t max, unsigned want,
                          unsigned stop, bool phrase)
{
    uint32_t floor = c->lo;
    if (c->last && c->last->tok_end > floor && c->last->tok_end <= i)
        floor = c->last->tok_end;
    for (uint32_t k = i; k > floor && i - k < max;) {
        k--;
        if (is_punct(c->t, k)) {
            if (c->t->toks[k].end - c->t->toks[k].start == 1 &&
                c->t->norm[c->t->toks[k].start] == '_')
                continue;
            return 0;
        }
        unsigned bits = token_bits(c->gz, c->t, k);
        if (bits & (want | stop))
            return bits & (want | stop);
        if (phrase && opens_phrase(c->t, k))
            return 0;
    }
    return 0;
}

/* Days since 1970-01-01 of a "YYYY-MM-DD" date (the civil calendar), 0 when it does
 * not parse. */
static long day_number(const char *d)
{
    int y, m, dd;
    if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12)
        return 0;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Days before a term starts when a leader already counts: news of the weeks between
 * election and inauguration (or a nomination and the oath) treats the incoming
 * leader as the state's voice («إدارة ترامب» on the eve of the inauguration), and
 * start dates of ministers are often known only to the month.  A name that also
 * names another actor (عمرو موسى: EGY, then LAS) gets none: it changes hands on the
 * day. */
#define TERM_GRACE_DAYS 30

static bool in_term(const entry_t *e, const char *date)
{
    if (!date || !date[0])
        return true;
    if (e->from[0] && strcmp(date, e->from) < 0 &&
        ((e->flags & F_SHARED) ||
         day_number(date) + TERM_GRACE_DAYS < day_number(e->from)))
        return false;
    if (e->to[0] && strcmp(date, e->to) > 0)
        return false;
    return true;
}

/* true when token k may stand between two nisbas of a chain: a punctuation mark
 * («روسية-صينية») or «أو» («الهجوم الأميركي أو الإسرائيلي»). */
static bool joins_nisbas(const bilat_text_t *t, uint32_t k)
{
    const bilat_token_t *tok = &t->toks[k];
    return tok->kind == BILAT_TOK_PUNCT ||
           (tok->end - tok->start == 4 &&
            memcmp(t->norm + tok->start, "\xd8\xa7\xd9\x88", 4) == 0); /* او */
}

/* true when token k carries the article, after any proclitics (الرئيس، والرئيس،
 * للرئيس). */
static bool definite_token(const bilat_text_t *t, uint32_t k)
{
    const char *w = t->norm + t->toks[k].start;
    uint32_t len = t->toks[k].end - t->toks[k].start, pre[8];
    int np = bilat_clitic_splits(w, len, pre);
    for (int i = 0; i < np; i++)
        if (pre[i] >= 4 && (memcmp(w + pre[i] - 4, ARTICLE, 4) == 0 ||
                            memcmp(w + pre[i] - 4, LAM_LAM, 4) == 0))
            return true;
    return false;
}

/* true when token k is the article after the preposition ل or ب: «للشعب», «بالشعب»
 * (not «الشعب» nor «والشعب»). */
static bool to_article(const bilat_text_t *t, uint32_t k)
{
    const char *w = t->norm + t->toks[k].start;
    uint32_t len = t->toks[k].end - t->toks[k].start;
    return len > 6 && (memcmp(w, LAM_LAM, 4) == 0 ||
                       (memcmp(w, "\xd8\xa8", 2) == 0 && memcmp(w + 2, ARTICLE, 4) == 0));
}

/* true when token k, without a proclitic, begins a form whose via is in vias (bits
 * 1 << via), not a @common one.  Called only after a dateline's dash or a hyphen
 * after a nisba, so it costs nothing per token. */
static bool form_at(const scan_ctx_t *c, uint32_t k, unsigned vias)
{
    const bilat_gazetteer_t *gz = c->gz;
    if (k >= c->hi || c->t->toks[k].kind != BILAT_TOK_WORD)
        return false;
    const char *w = c->t->norm + c->t->toks[k].start;
    uint32_t len = c->t->toks[k].end - c->t->toks[k].start, klen = key_length(w, len),
             end, nend;
    if (klen == 0 || !sieve_has(gz, w, klen))
        return false;
    for (uint32_t x = chain_head(gz, w, klen); x != NONE; x = gz->entries[x].next) {
        const entry_t *o = &gz->entries[x];
        if (!o->dead && (vias & (1u << o->via)) && !(o->flags & F_COMMON) &&
            match_at(c, o, k, 0, false, &end, &nend))
            return true;
    }
    return false;
}

/* true when token k is a hyphen written between two words without spaces
 * («الأمريكي-الكندي») and a nisba follows it: a compound of states. */
static bool hyphen_nisba(const scan_ctx_t *c, uint32_t k)
{
    const bilat_text_t *t = c->t;
    return k > c->lo && k + 1 < c->hi && t->toks[k].end - t->toks[k].start == 1 &&
           t->norm[t->toks[k].start] == '-' && t->toks[k - 1].end == t->toks[k].start &&
           t->toks[k].end == t->toks[k + 1].start &&
           form_at(c, k + 1, 1u << BILAT_VIA_NISBA);
}

/* A nisba names a state only on a state body («وزير الدفاع الأمريكي», «غارة إسرائيلية»,
 * «مباحثات ليبية جزائرية»): a whitelisted head noun within a few words before it, or
 * a nisba just accepted before it (a chain, «روسية-صينية»).  A masculine plural used
 * as a noun names the state's people (الفلسطينيين، الروس), who can be the target of an
 * act of state, unless it qualifies people who act for no state (ركاب أمريكيون).  A
 * chain is not accepted forwards: on 30 MB of news, nisbas paired after a word that
 * is no head were mostly languages, players and banks (الأرجنتيني الإيطالي). */
static judge_t judge_nisba(const scan_ctx_t *c, const entry_t *e, uint32_t i,
                           uint32_t end)
{
    unsigned before = i > c->lo ? token_bits(c->gz, c->t, i - 1) : 0;
    /* «الرئيس الأمريكي السابق» is out of office, but «النظام المصري السابق» was the
     * state's body when it acted. */
    if (end < c->hi && (token_bits(c->gz, c->t, end) & W_FORMER) && !(before & W_BODY))
        return JUDGE_CONSUME;
    const bilat_mention_t *m = c->last;
    if (m && m->via == BILAT_VIA_NISBA &&
        (m->tok_end == i || (m->tok_end + 1 == i && joins_nisbas(c->t, m->tok_end))))
        return JUDGE_ACCEPT;
    /* «متظاهرين فلسطينيين», «مواطنين أمريكيين»: a masculine plural on civilians whom
     * a state's forces shoot, kill or hold names that state's people — a target of an
     * act of state (the guidelines' ASSAULT on citizens), flagged plural like
     * «الفلسطينيين», never a source. */
    bool people =
        (e->flags & BILAT_MENTION_PLURAL) && !(e->flags & BILAT_MENTION_FEMININE);
    if (people && (before & W_VICTIM))
        return JUDGE_ACCEPT;
    /* «مجلس الشعب المصري» is Egypt's parliament (a head before «الشعب»); «على الشعب
     * الفلسطيني», «للشعب اليمني» its people as the object of an act.  Elsewhere the
     * people (or a party, «حزب الشعب الباكستاني») are subjects or owners: on news,
     * «تضامن الشعب المصري مع …» made sources of them.  A dual («للشعبين الأفغاني
     * والعراقي») pairs peoples in a statement more than it names a victim. */
    if ((before & W_NATION) && (e->flags & BILAT_MENTION_DEFINITE) &&
        (token_list_bits(c->gz, c->t, i - 1, false) & W_NATION) &&
        !(e->flags &
          (BILAT_MENTION_PLURAL | BILAT_MENTION_DUAL | BILAT_MENTION_FEMININE))) {
        unsigned prev = i - 1 > c->lo ? token_bits(c->gz, c->t, i - 2) : 0;
        if (prev & W_HEAD)
            return JUDGE_ACCEPT;
        return (prev & W_TOWARD) || to_article(c->t, i - 1) ? JUDGE_PEOPLE : JUDGE_NEXT;
    }
    if (before & (W_NONSTATE | W_MEDIA))
        return JUDGE_NEXT;
    /* An adjective agrees in definiteness with the noun before it: after a definite
     * word an indefinite «تركي» is a personal name (الأمير تركي); the accusative
     * «إيرانيا» is no name. */
    if (i > c->lo && !(e->flags & (BILAT_MENTION_DEFINITE | F_ACCUSATIVE)) &&
        !is_punct(c->t, i - 1) && definite_token(c->t, i - 1))
        return JUDGE_NEXT;
    /* «الملف الأمريكي-الكندي-المكسيكي»: nisbas joined by hyphens qualify a joint
     * undertaking of the states, whatever its noun (unlike nisbas merely side by side:
     * «الأرجنتيني الإيطالي» are mostly languages and players). */
    if (people || (end < c->hi && hyphen_nisba(c, end)))
        return JUDGE_ACCEPT;
    unsigned bits = look_back(c, i, 4, W_HEAD, W_NONSTATE | W_MEDIA | W_STOP, true);
    return (bits & W_HEAD) && !(bits & (W_NONSTATE | W_MEDIA)) ? JUDGE_ACCEPT
                                                               : JUDGE_NEXT;
}

/* true when a word of the lists in bits is within eight words of [i, end), in the unit.
 */
static bool near_words(const scan_ctx_t *c, uint32_t i, uint32_t end, unsigned bits)
{
    uint32_t from = i > c->lo + 8 ? i - 8 : c->lo, to = end + 8 < c->hi ? end + 8 : c->hi;
    for (uint32_t k = from; k < to; k++)
        if ((k < i || k >= end) && (token_bits(c->gz, c->t, k) & bits))
            return true;
    return false;
}

/* Whether tokens [i, end) are written in the document as a Latin form of e needs
 * (F_UPPER, F_CAPITAL). */
static bool latin_case_ok(const scan_ctx_t *c, const entry_t *e, uint32_t i, uint32_t end)
{
    const bilat_text_t *t = c->t;
    if (!(e->flags & (F_UPPER | F_CAPITAL)) || !t->doc)
        return true;
    const char *s = t->doc->text;
    if (e->flags & F_CAPITAL)
        return s[t->map[t->toks[i].start]] >= 'A' && s[t->map[t->toks[i].start]] <= 'Z';
    for (uint32_t k = i; k < end; k++)
        for (uint32_t o = t->map[t->toks[k].start]; o <= t->map[t->toks[k].end - 1]; o++)
            if (s[o] >= 'a' && s[o] <= 'z')
                return false;
    return true;
}

static judge_t judge(const scan_ctx_t *c, const entry_t *e, uint32_t i, uint32_t end,
                     uint32_t clitic)
{
    if (!latin_case_ok(c, e, i, end))
        return JUDGE_NEXT;
    if (e->flags & F_BLOCK)
        return JUDGE_CONSUME;
    /* «عمان» is Amman (JOR) next to Jordan, else Oman; «الاحتلال» is Israel next to
     * Palestinian words: the context form is tried first, the plain one after it. */
    if (e->near && !near_words(c, i, end, e->near))
        return JUDGE_NEXT;
    /* «وزارة المالية», «دعم مالي»: a form that is also a common word is a name only
     * after a proclitic, a preposition or at the start of a unit («في مالي»). */
    if (e->flags & F_COMMON) {
        /* As a nisba only on a person or a force, the definite adjective right after
         * its definite noun: «الرئيس المالي», «الجيش المالي», not «الدعم المالي» nor
         * «وزير المالية». */
        if (e->via == BILAT_VIA_NISBA)
            return i > c->lo && (e->flags & BILAT_MENTION_DEFINITE) &&
                           (token_bits(c->gz, c->t, i - 1) & W_AGENT) &&
                           definite_token(c->t, i - 1)
                       ? JUDGE_ACCEPT
                       : JUDGE_NEXT;
        /* A leader's surname that is also a word (الأسد "the lion", المعلم "the
         * teacher", شكري "my thanks"): the article's date vouches for it; without a
         * date only a title or a verb of saying right before it does («الرئيس الأسد»,
         * «وأكد المعلم»). */
        if (e->via == BILAT_VIA_LEADER) {
            if (!(c->date && c->date[0]) &&
                !(i > c->lo && (token_bits(c->gz, c->t, i - 1) & (W_HEAD | W_SAYS))))
                return JUDGE_NEXT;
        } else if (!(clitic || i == c->lo || (token_bits(c->gz, c->t, i - 1) & W_STOP))) {
            return JUDGE_NEXT;
        }
    }
    switch ((bilat_via_t)e->via) {
    case BILAT_VIA_NISBA:
        return judge_nisba(c, e, i, end);
    case BILAT_VIA_LEADER:
        if (!in_term(e, c->date))
            return JUDGE_NEXT;
        /* «الرئيس الأمريكي السابق باراك أوباما»: no longer in office. */
        return look_back(c, i, 4, W_FORMER, 0, false) ? JUDGE_CONSUME : JUDGE_ACCEPT;
    default:
        /* «اتفاق أبوجا», «مؤتمر باريس», «ومقره لندن»: the venue that names an
         * agreement or a conference, or a seat, is no party to anything. */
        if (e->via == BILAT_VIA_CAPITAL && i > c->lo && !clitic &&
            (token_bits(c->gz, c->t, i - 1) & W_EVENT))
            return JUDGE_CONSUME;
        /* Inside an agency, newspaper or channel name: «وكالة أنباء الإمارات»,
         * «صحيفة واشنطن بوست». */
        return look_back(c, i, 2, W_MEDIA, W_STOP, false) & W_MEDIA ? JUDGE_CONSUME
                                                                    : JUDGE_ACCEPT;
    }
}

/* true when the original text between tokens k-1 and k holds a dash and a space (a
 * lone tatweel «ـ» is dropped from the normalised text, so look at the document). */
static bool dash_before(const bilat_text_t *t, uint32_t k)
{
    const char *s = t->doc->text;
    uint32_t a = t->map[t->toks[k - 1].end], b = t->map[t->toks[k].start];
    if (!memchr(s + a, ' ', b - a))
        return false;
    for (uint32_t o = a; o < b; o++)
        if (s[o] == '-' || (s[o] == '\xd9' && s[o + 1] == '\x80') ||
            (s[o] == '\xe2' && s[o + 1] == '\x80' &&
             (s[o + 2] == '\x93' || s[o + 2] == '\x94')))
            return true;
    return false;
}

/* The end of the dateline that opens the unit of c («لندن، المملكة المتحدة (CNN)--»,
 * «بغداد ـ «الشرق الأوسط»:»): at most five words and commas, none of them a word of
 * @stop, @heads or @former nor a prepositional phrase, then a bracket or a dash.  The
 * place of reporting is no actor.  A dash followed by a state's name pairs two
 * states in a headline («روسيا - أوكرانيا: …»): no dateline.  Returns lo when the
 * unit has none. */
static uint32_t find_dateline(const scan_ctx_t *c)
{
    const bilat_gazetteer_t *gz = c->gz;
    const bilat_text_t *t = c->t;
    uint32_t lo = c->lo, hi = c->hi, end = lo, dash = 0; /* dash: the token after it */
    for (uint32_t k = lo; k < hi && k <= lo + 5 && end == lo; k++) {
        const bilat_token_t *tok = &t->toks[k];
        if (k > lo && dash_before(t, k)) {
            end = dash = k;
            break;
        }
        if (tok->kind == BILAT_TOK_WORD)
            continue;
        if (tok->kind != BILAT_TOK_PUNCT || k == lo)
            return lo;
        const char *p = t->norm + tok->start;
        /* A dash between spaces: «روسية-صينية» is no dateline. */
        if (*p == '-' && tok->space_before && k + 1 < hi && t->toks[k + 1].space_before) {
            end = k;
            dash = k + 1;
        } else if (*p == '(') {
            end = k;
        } else if (!(*p == ',' || memcmp(p, "\xd8\x8c", 2) == 0)) { /* ، */
            return lo;
        }
    }
    if (dash &&
        form_at(c, dash,
                1u << BILAT_VIA_NAME | 1u << BILAT_VIA_SHORT | 1u << BILAT_VIA_CAPITAL))
        return lo;
    /* «واعتبر المصدر أن …», «الرئيس السابق لمصر -», «سياسات إسرائيل بالمنطقة (»:
     * a sentence, not a place. */
    for (uint32_t k = lo; k < end; k++)
        if ((token_bits(gz, t, k) & (W_STOP | W_HEAD | W_FORMER)) || opens_phrase(t, k))
            return lo;
    return end;
}

typedef struct best {
    const entry_t *e;
    uint32_t end, nend, clitic;
    bool definite;
    judge_t verdict;
} best_t;

/* Tries every form keyed by the word at token i after each proclitic split; keeps the
 * longest accepted or consuming match (fewest clitic bytes on a tie). */
static void scan_token(const scan_ctx_t *c, uint32_t i, best_t *best)
{
    const bilat_gazetteer_t *gz = c->gz;
    const bilat_token_t *tok = &c->t->toks[i];
    const char *w = c->t->norm + tok->start;
    uint32_t len = tok->end - tok->start, pre[8];
    int np = bilat_clitic_splits(w, len, pre);
    best->e = NULL;
    for (int s = np; s-- > 0;) {
        uint32_t p = pre[s];
        bool lamlam = p >= 4 && memcmp(w + p - 4, LAM_LAM, 4) == 0;
        /* Definite forms are entries of their own (الصين، الروسية): a split that
         * leaves the article in the prefix would let an indefinite form match. */
        if (p >= 4 && memcmp(w + p - 4, ARTICLE, 4) == 0)
            continue;
        for (int elided = 0; elided <= (int)lamlam; elided++) {
            const char *rest = w + p;
            uint32_t klen = key_length(rest, len - p);
            char key[256];
            if (elided) {
                if (klen + 4 > sizeof key)
                    continue;
                memcpy(key, ARTICLE, 4);
                memcpy(key + 4, rest, klen);
                rest = key;
                klen += 4;
            }
            if (klen == 0 || !sieve_has(gz, rest, klen))
                continue;
            for (uint32_t k = chain_head(gz, rest, klen); k != NONE;
                 k = gz->entries[k].next) {
                const entry_t *e = &gz->entries[k];
                uint32_t end, nend;
                if (e->dead || !match_at(c, e, i, p, elided, &end, &nend))
                    continue;
                if (best->e &&
                    (end < best->end || (end == best->end && p >= best->clitic)))
                    break;
                judge_t v = judge(c, e, i, end, p);
                if (v == JUDGE_NEXT)
                    continue;
                best->e = e;
                best->end = end;
                best->nend = nend;
                best->clitic = p;
                best->definite = lamlam;
                best->verdict = v;
                break;
            }
        }
    }
}

/* «البرلمان في تركيا», «مجلس الأمن القومي في جورجيا»: a state body (a definite word of
 * @bodies, or a block form opening with one) followed by «في» and a state's name is
 * that state's body, named by the whole phrase so that it stands where a subject or an
 * object stands, not as the place after a preposition.  Returns the body's first
 * token and sets *clitic to the proclitic bytes before it, or returns i.  Called only
 * for an accepted name, so it costs nothing per token. */
static uint32_t body_before(const scan_ctx_t *c, const entry_t *e, uint32_t i,
                            uint32_t clitic, uint32_t *out_clitic)
{
    const bilat_text_t *t = c->t;
    if (clitic || (e->via != BILAT_VIA_NAME && e->via != BILAT_VIA_SHORT) ||
        bilat_actor_is_org(c->gz->actors[e->actor].code) || i < c->lo + 2 ||
        t->toks[i - 1].end - t->toks[i - 1].start != 4 ||
        memcmp(t->norm + t->toks[i - 1].start, "\xd9\x81\xd9\x8a", 4) != 0) /* في */
        return i;
    uint32_t h = i - 2, hclitic;
    if (c->block_end == i - 1 && (token_bits(c->gz, t, c->block_first) & W_BODY)) {
        h = c->block_first;
        hclitic = c->block_clitic;
    } else {
        const char *w = t->norm + t->toks[h].start;
        uint32_t len = t->toks[h].end - t->toks[h].start, pre[8];
        int s = bilat_clitic_splits(w, len, pre);
        /* the name starts at the article: «والحكومة» → و + الحكومة */
        while (s-- > 0 && !(pre[s] + 4 <= len && memcmp(w + pre[s], ARTICLE, 4) == 0))
            ;
        if (s < 0 || !(token_bits(c->gz, t, h) & W_BODY))
            return i;
        hclitic = pre[s];
    }
    if (h < c->dateline || (c->last && c->last->tok_end > h))
        return i;
    *out_clitic = hclitic;
    return h;
}

static bool push_mention(bilat_mention_t **v, size_t *n, size_t *cap,
                         const bilat_mention_t *m)
{
    if (!bilat_array_grow(v, *n, cap, sizeof **v, 16))
        return false;
    (*v)[(*n)++] = *m;
    return true;
}

bilat_status_t bilat_gazetteer_scan(const bilat_gazetteer_t *gz, const bilat_text_t *t,
                                    const char *date, bilat_mention_t **out, size_t *n,
                                    bilat_error_t *err)
{
    *out = NULL;
    *n = 0;
    bilat_mention_t *v = NULL;
    size_t nv = 0, cap = 0;
    scan_ctx_t c = {gz, t, date, 0, t->ntoks, 0, NULL, NONE, NONE, 0};
    uint32_t u = 0, cur = UINT32_MAX;
    for (uint32_t i = 0; i < t->ntoks;) {
        /* Bound the context rules by the unit holding token i. */
        while (u < t->nunits && t->units[u].tok_first + t->units[u].tok_count <= i)
            u++;
        if (u < t->nunits && t->units[u].tok_first <= i) {
            if (u != cur) {
                cur = u;
                c.lo = t->units[u].tok_first;
                c.hi = t->units[u].tok_first + t->units[u].tok_count;
                /* A source line, date line or label (META) names no actor: all of
                 * it counts as dateline. */
                c.dateline = c.lo;
                if (t->units[u].flags & BILAT_UNIT_META)
                    c.dateline = c.hi;
                else if (t->doc)
                    c.dateline = find_dateline(&c);
            }
        } else {
            cur = UINT32_MAX;
            c.lo = c.dateline = i;
            c.hi = u < t->nunits ? t->units[u].tok_first : t->ntoks;
        }
        best_t b = {NULL, 0, 0, 0, false, JUDGE_NEXT};
        if (t->toks[i].kind == BILAT_TOK_WORD)
            scan_token(&c, i, &b);
        if (!b.e) {
            i++;
            continue;
        }
        if ((b.verdict == JUDGE_ACCEPT || b.verdict == JUDGE_PEOPLE) && i >= c.dateline) {
            const actor_t *a = &gz->actors[b.e->actor];
            uint32_t clitic = b.clitic,
                     first = body_before(&c, b.e, i, b.clitic, &clitic);
            bilat_mention_t m;
            memset(&m, 0, sizeof m);
            m.tok_first = first;
            m.tok_end = b.end;
            m.nstart = t->toks[first].start + clitic;
            m.nend = b.nend;
            m.clitic = (uint8_t)clitic;
            m.via = b.e->via;
            m.flags =
                (uint16_t)((b.e->flags & ~F_INTERNAL) |
                           (b.definite || (m.nend - m.nstart > 4 &&
                                           memcmp(t->norm + m.nstart, ARTICLE, 4) == 0)
                                ? BILAT_MENTION_DEFINITE
                                : 0) |
                           (b.verdict == JUDGE_PEOPLE ? BILAT_MENTION_PLURAL : 0));
            snprintf(m.code, sizeof m.code, "%s", a->code);
            if (!push_mention(&v, &nv, &cap, &m)) {
                free(v);
                return bilat_error_set(err, BILAT_ENOMEM, t->doc ? t->doc->id : "<text>",
                                       0, 0, "out of memory");
            }
            c.last = &v[nv - 1];
        } else if (b.e->flags & F_BLOCK) {
            c.block_first = i;
            c.block_end = b.end;
            c.block_clitic = b.clitic;
        }
        i = b.end;
    }
    *out = v;
    *n = nv;
    return BILAT_OK;
}

/* The offset in the document just after the character that normalised byte nend-1
 * came from, with the tashkeel and tatweel that follow it (removed from the normalised
 * text, but part of the name as written: «ماكرونُ»). */
static uint32_t orig_end(const bilat_text_t *t, uint32_t nend)
{
    const char *s = t->doc->text;
    size_t len = t->doc->len, o = t->map[nend - 1];
    bilat_utf8_next(s, len, &o);
    while (o < len) {
        size_t p = o;
        uint32_t ch = bilat_utf8_next(s, len, &p);
        if (!((ch >= 0x064B && ch <= 0x065F) || ch == 0x0670 || ch == 0x0640))
            break;
        o = p;
    }
    return (uint32_t)o;
}

bilat_status_t bilat_mentions_write(const bilat_gazetteer_t *gz, bilat_analyser_t *an,
                                    const bilat_doc_t *doc, FILE *out, bilat_error_t *err)
{
    bilat_text_t *t = NULL;
    bilat_mention_t *m = NULL;
    size_t n = 0;
    bilat_status_t st = bilat_text_analyse(an, doc, &t, err);
    if (st != BILAT_OK)
        goto cleanup;
    st = bilat_gazetteer_scan(gz, t, bilat_text_date(t), &m, &n, err);
    if (st != BILAT_OK)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        uint32_t start = t->map[m[i].nstart], end = orig_end(t, m[i].nend);
        json_t *o = json_object();
        if (!o || json_object_set_new(o, "doc", json_string(doc->id ? doc->id : "")) ||
            json_object_set_new(o, "start", json_integer(start)) ||
            json_object_set_new(o, "end", json_integer(end)) ||
            json_object_set_new(o, "surface",
                                json_stringn(doc->text + start, end - start)) ||
            json_object_set_new(o, "code", json_string(m[i].code)) ||
            json_object_set_new(o, "via", json_string(bilat_via_string(m[i].via)))) {
            json_decref(o);
            st = bilat_error_set(err, BILAT_ENOMEM, doc->id, 0, 0, "out of memory");
            goto cleanup;
        }
        char *line = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(o);
        if (!line) {
            st = bilat_error_set(err, BILAT_ENOMEM, doc->id, 0, 0, "out of memory");
            goto cleanup;
        }
        bool ok = fputs(line, out) >= 0 && fputc('\n', out) != EOF;
        free(line);
        if (!ok) {
            st = bilat_error_set(err, BILAT_EIO, doc->id, 0, 0, "write error");
            goto cleanup;
        }
    }
cleanup:
    free(m);
    bilat_text_free(t);
    return st;
}
