/* The analyser: normalised text with its offset map (normalise.c), HTML markup skipped,
 * tokens, sentence units and the article's date.
 *
 * Units are found on the tokens of the normalised text rather than with ICU's sentence
 * break iterator.  The rules that matter for Arabic news are not ICU's: a line break
 * always ends a unit, a label glued to a headline is cut off, «المشترك.وقال» splits
 * although no space follows the period, a bullet starts a unit, a period inside
 * «أ.ف.ب» or an address does not end one.  ICU's boundaries would have to be mapped
 * from UTF-16 back to UTF-8 and to tokens and then corrected by all of these rules;
 * measured on the 217 MB real corpus (one core, files in memory),
 * ubrk_open(UBRK_SENTENCE) with its UTF-16 copy alone runs at about 370 MB/s, i.e. 0.6 s
 * of the ~7 s end-to-end budget of issue 16, while the token pass below finds the same
 * final marks (. ؟ ! …) as part of the analysis that runs anyway (the whole analysis:
 * about 210 MB/s). */
#include "bilat/bilat.h"
#include "read_internal.h"
#include "text_internal.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

struct bilat_analyser {
    bilat_norm_t norm;
    uint8_t *nl; /* nl[k]: a line break precedes token k */
    size_t nl_cap;
    uint32_t first_label; /* index of the first label unit, or UINT32_MAX */
};

bilat_analyser_t *bilat_analyser_new(bilat_error_t *err)
{
    bilat_analyser_t *an = calloc(1, sizeof *an);
    if (!an) {
        bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    bilat_norm_init(&an->norm);
    return an;
}

void bilat_analyser_free(bilat_analyser_t *an)
{
    if (!an)
        return;
    bilat_norm_destroy(&an->norm);
    free(an->nl);
    free(an);
}

/* ---- HTML ---------------------------------------------------------------------- */

static bool ascii_ieq(const char *a, size_t alen, const char *b)
{
    size_t bl = strlen(b);
    if (alen != bl)
        return false;
    for (size_t i = 0; i < bl; i++) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != b[i])
            return false;
    }
    return true;
}

/* Tags after which the text starts a new line of its own. */
static bool block_tag(const char *name, size_t len)
{
    static const char *const tags[] = {
        "p",     "br",         "div",   "li",      "ul",      "ol",         "h1",
        "h2",    "h3",         "h4",    "h5",      "h6",      "tr",         "td",
        "th",    "table",      "title", "section", "article", "header",     "footer",
        "aside", "blockquote", "hr",    "dt",      "dd",      "figcaption", "nav",
        "main",  "pre",        "body",  "head"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (ascii_ieq(name, len, tags[i]))
            return true;
    return false;
}

/* Case-insensitive search for needle (lower case ASCII) in s[from..len). */
static size_t find_ci(const char *s, size_t len, size_t from, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = from; i + nl <= len; i++)
        if (ascii_ieq(s + i, nl, needle))
            return i;
    return len;
}

static const struct {
    const char *name;
    uint32_t cp;
} entities[] = {
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},     {"nbsp", 0xA0},    {"laquo", 0xAB},   {"raquo", 0xBB},
    {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bull", 0x2022},
    {"middot", 0xB7},   {"zwnj", 0x200C},  {"zwj", 0x200D},   {"lrm", 0x200E},
    {"rlm", 0x200F},    {"shy", 0xAD},     {"copy", 0xA9},    {"reg", 0xAE},
};

/* Decodes the entity at s[i] == '&'; returns its length (0 when it is not one). */
static size_t entity(const char *s, size_t len, size_t i, uint32_t *cp)
{
    size_t j = i + 1;
    if (j < len && s[j] == '#') {
        j++;
        bool hex = j < len && (s[j] == 'x' || s[j] == 'X');
        if (hex)
            j++;
        uint32_t v = 0;
        size_t d0 = j;
        while (j < len && j - d0 < 8) {
            char c = s[j];
            int dv = c >= '0' && c <= '9'          ? c - '0'
                     : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                     : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                   : -1;
            if (dv < 0)
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)dv;
            j++;
        }
        if (j == d0 || j >= len || s[j] != ';' || v == 0 || v > 0x10FFFF ||
            (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return j + 1 - i;
    }
    size_t n0 = j;
    while (j < len && j - n0 < 10 &&
           ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
        j++;
    if (j >= len || s[j] != ';')
        return 0;
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++)
        if (strlen(entities[k].name) == j - n0 &&
            memcmp(entities[k].name, s + n0, j - n0) == 0) {
            *cp = entities[k].cp;
            return j + 1 - i;
        }
    return 0;
}

/* Feeds text s[a..b) with its entities decoded. */
static void feed_html_text(bilat_norm_t *n, const char *s, size_t a, size_t b)
{
    size_t p = a;
    for (size_t i = a; i < b; i++) {
        if (s[i] != '&')
            continue;
        uint32_t cp;
        size_t el = entity(s, b, i, &cp);
        if (!el)
            continue;
        bilat_norm_feed(n, s + p, i - p, (uint32_t)p);
        bilat_norm_feed_cp(n, cp, (uint32_t)i);
        i += el - 1;
        p = i + 1;
    }
    bilat_norm_feed(n, s + p, b - p, (uint32_t)p);
}

/* Normalises an HTML document: tags skipped (block tags act as line breaks), comments,
 * <script> and <style> content dropped, entities decoded. */
static void feed_html(bilat_norm_t *n, const char *s, size_t len)
{
    size_t text = 0, i = 0;
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        char c = i + 1 < len ? s[i + 1] : '\0';
        bool tag = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' ||
                   c == '!' || c == '?';
        if (!tag) {
            i++;
            continue;
        }
        feed_html_text(n, s, text, i);
        size_t end;
        if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            size_t e = i + 4;
            while (e + 3 <= len && memcmp(s + e, "-->", 3) != 0)
                e++;
            end = e + 3 <= len ? e + 3 : len;
        } else {
            const char *gt = memchr(s + i, '>', len - i);
            end = gt ? (size_t)(gt - s) + 1 : len;
            size_t ns = i + 1 + (c == '/'), ne = ns;
            while (ne < end &&
                   ((s[ne] >= 'a' && s[ne] <= 'z') || (s[ne] >= 'A' && s[ne] <= 'Z') ||
                    (s[ne] >= '0' && s[ne] <= '9')))
                ne++;
            if (c != '/' && (ascii_ieq(s + ns, ne - ns, "script") ||
                             ascii_ieq(s + ns, ne - ns, "style"))) {
                char close[10];
                close[0] = '<';
                close[1] = '/';
                memcpy(close + 2, "script", 7);
                if (ascii_ieq(s + ns, ne - ns, "style"))
                    memcpy(close + 2, "style", 6);
                size_t cl = find_ci(s, len, end, close);
                const char *gt2 = cl < len ? memchr(s + cl, '>', len - cl) : NULL;
                end = gt2 ? (size_t)(gt2 - s) + 1 : len;
                bilat_norm_space(n, (uint32_t)i, false);
            } else {
                bilat_norm_space(n, (uint32_t)i, block_tag(s + ns, ne - ns));
            }
        }
        i = text = end;
    }
    feed_html_text(n, s, text, len);
}

/* ---- tokens -------------------------------------------------------------------- */

enum { CH_SPACE, CH_LETTER, CH_DIGIT, CH_PUNCT };

/* Class of the normalised code point at s[*i] (advancing *i).  ASCII and two-byte
 * sequences (Arabic) are decoded inline: this runs once per character of every
 * article. */
static inline int char_class(const char *s, size_t len, size_t *i, uint32_t *cpo)
{
    unsigned char c = (unsigned char)s[*i];
    uint32_t cp;
    if (c < 0x80) {
        (*i)++;
        *cpo = c;
        if (c == ' ')
            return CH_SPACE;
        if (c >= '0' && c <= '9')
            return CH_DIGIT;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return CH_LETTER;
        return CH_PUNCT;
    }
    if (c >= 0xC2 && c <= 0xDF && *i + 1 < len &&
        ((unsigned char)s[*i + 1] & 0xC0) == 0x80) {
        cp = ((uint32_t)(c & 0x1F) << 6) | ((unsigned char)s[*i + 1] & 0x3F);
        *i += 2;
    } else {
        cp = bilat_utf8_next(s, len, i);
    }
    *cpo = cp;
    if (cp >= 0x0600 && cp <= 0x06FF) {
        if ((cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3) ||
            cp == 0x06D5 || cp >= 0x06EE)
            return CH_LETTER;
        return CH_PUNCT;
    }
    int8_t t = u_charType((UChar32)cp);
    if (u_isalpha((UChar32)cp) || t == U_NON_SPACING_MARK ||
        t == U_COMBINING_SPACING_MARK)
        return CH_LETTER;
    if (u_isdigit((UChar32)cp))
        return CH_DIGIT;
    return CH_PUNCT;
}

static bool push_tok(bilat_token_t **toks, uint32_t *n, size_t *cap, bilat_token_t t)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        bilat_token_t *p = realloc(*toks, c * sizeof *p);
        if (!p)
            return false;
        *toks = p;
        *cap = c;
    }
    (*toks)[(*n)++] = t;
    return true;
}

/* true when c d is an Arabic letter U+0621–U+064A (D8 A1–D8 BF, D9 80–D9 8A), nearly
 * every character of a word: tested on the byte pair as one number, without branching
 * on the lead byte (0xD8 or 0xD9 alternate at random in Arabic text). */
static inline bool arabic_letter(unsigned c, unsigned d)
{
    unsigned v = c << 8 | d;
    return (v - 0xD8A1u <= 0xD8BFu - 0xD8A1u) | (v - 0xD980u <= 0xD98Au - 0xD980u);
}

/* Tokenises norm: words (letters, with digits inside), numbers (digits, with '.' or
 * ',' between digits), and every other mark as a token of its own.  Runs of Arabic
 * letters are skipped by the pair test above, everything else goes through
 * char_class() (callgrind on 27 MB of the real corpus: 444 M instructions with
 * char_class() for every character, 333 M with the fast run). */
static bool tokenise(const char *s, size_t len, bilat_token_t **toks, uint32_t *ntoks)
{
    const unsigned char *u = (const unsigned char *)s;
    /* about one token per six bytes of Arabic news: one allocation for most articles */
    size_t cap = len / 4 + 16, i = 0;
    uint32_t n = 0;
    bilat_token_t *v = malloc(cap * sizeof *v);
    *toks = v;
    *ntoks = 0;
    if (!v)
        return false;
    bool space = false;
    while (i < len) {
        if (u[i] == ' ') {
            space = true;
            i++;
            continue;
        }
        bilat_token_t t = {(uint32_t)i, 0, BILAT_TOK_PUNCT, space};
        space = false;
        uint32_t cp;
        int cl = char_class(s, len, &i, &cp);
        if (cl == CH_LETTER || cl == CH_DIGIT) {
            t.kind = cl == CH_LETTER ? BILAT_TOK_WORD : BILAT_TOK_NUM;
            bool word = t.kind == BILAT_TOK_WORD;
            for (;;) {
                if (word)
                    while (i + 1 < len && arabic_letter(u[i], u[i + 1]))
                        i += 2;
                if (i >= len || u[i] == ' ')
                    break;
                size_t k = i;
                int c2 = char_class(s, len, &k, &cp);
                if ((c2 == CH_LETTER && word) || c2 == CH_DIGIT ||
                    (!word && (cp == '.' || cp == ',') && k < len && s[k] >= '0' &&
                     s[k] <= '9'))
                    i = k;
                else
                    break;
            }
        }
        t.end = (uint32_t)i;
        if (n == cap) {
            bilat_token_t *p = realloc(v, 2 * cap * sizeof *p);
            if (!p) {
                *ntoks = n;
                return false;
            }
            *toks = v = p;
            cap *= 2;
        }
        v[n++] = t;
    }
    *ntoks = n;
    return true;
}

/* ---- units --------------------------------------------------------------------- */

/* true when token k is the string s.  The first two bytes are compared before the
 * lengths: this runs for every label, month and mark tried at every token. */
static inline bool tok_is(const bilat_text_t *t, uint32_t k, const char *s)
{
    if (k >= t->ntoks)
        return false;
    const char *p = t->norm + t->toks[k].start;
    size_t tl = t->toks[k].end - t->toks[k].start;
    if (p[0] != s[0] || (tl > 1 && p[1] != s[1]))
        return false;
    return tl == strlen(s) && memcmp(p, s, tl) == 0;
}

/* Labels that introduce lists of related headlines, normalised. */
static const char *const labels[][4] = {
    {"اقرا", "ايضا"},         {"اقرا", "المزيد"},
    {"اقرا", "كذلك"},         {"شاهد", "ايضا"},
    {"طالع", "ايضا"},         {"تابع", "ايضا"},
    {"انظر", "ايضا"},         {"مقالات", "مشابهه"},
    {"مقالات", "ذات", "صله"}, {"اخبار", "ذات", "صله"},
    {"مواضيع", "ذات", "صله"}, {"موضوعات", "ذات", "صله"},
    {"اخبار", "متعلقه"},      {"مقالات", "متعلقه"},
    {"مواضيع", "متعلقه"},     {"اخبار", "مشابهه"},
    {"مواضيع", "مشابهه"},     {"الاكثر", "قراءه"},
    {"اخر", "الاخبار"},       {"المزيد", "من", "الاخبار"},
};

/* Lines that are metadata: a source, a date, an update time. */
static const char *const meta_heads[][3] = {
    {"المصدر"},       {"مصدر", "الخبر"}, {"تاريخ", "النشر"}, {"تاريخ", "التحديث"},
    {"اخر", "تحديث"}, {"نشر", "في"},     {"source"},
};

/* Number of tokens from k that spell label words w[] (a NULL-terminated list); with
 * glued, the last word may be the start of a longer token (returned in *glued as its
 * byte length, 0 otherwise). */
static uint32_t match_words(const bilat_text_t *t, uint32_t k, uint32_t end,
                            const char *const *w, int nw, bool may_glue, uint32_t *glued)
{
    *glued = 0;
    for (int j = 0; j < nw; j++) {
        if (k + (uint32_t)j >= end)
            return 0;
        const bilat_token_t *tk = &t->toks[k + (uint32_t)j];
        if (j > 0 && !tk->space_before)
            return 0;
        if (tok_is(t, k + (uint32_t)j, w[j]))
            continue;
        if (j < nw - 1 || !may_glue || t->norm[tk->start] != w[j][0])
            return 0;
        size_t l = strlen(w[j]);
        if (tk->kind == BILAT_TOK_WORD && tk->end - tk->start >= l + 4 &&
            memcmp(t->norm + tk->start, w[j], l) == 0) {
            *glued = (uint32_t)l;
            return (uint32_t)nw;
        }
        return 0;
    }
    return (uint32_t)nw;
}

static int nwords(const char *const *w, int max)
{
    int n = 0;
    while (n < max && w[n])
        n++;
    return n;
}

/* A label at token k: returns its token count, splitting a glued last word into two
 * tokens (which may reallocate t->toks and an->nl). */
static uint32_t label_at(bilat_text_t *t, bilat_analyser_t *an, uint32_t k, uint32_t end,
                         size_t *cap, bool *oom)
{
    if (k >= end || t->toks[k].kind != BILAT_TOK_WORD)
        return 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        /* every label has two words or more, so its first word is a whole token: this
         * test alone turns nearly every token away (label_at runs at every unit) */
        if (!tok_is(t, k, labels[i][0]))
            continue;
        uint32_t glued;
        int nw = nwords(labels[i], 4);
        uint32_t m = match_words(t, k, end, labels[i], nw, true, &glued);
        if (!m)
            continue;
        if (glued) {
            uint32_t last = k + m - 1;
            bilat_token_t rest = t->toks[last];
            rest.start += glued;
            rest.space_before = 0;
            if (!push_tok(&t->toks, &t->ntoks, cap, rest)) {
                *oom = true;
                return 0;
            }
            if (an->nl_cap < t->ntoks) {
                uint8_t *nl = realloc(an->nl, *cap);
                if (!nl) {
                    *oom = true;
                    return 0;
                }
                an->nl = nl;
                an->nl_cap = *cap;
            }
            memmove(&t->toks[last + 2], &t->toks[last + 1],
                    (t->ntoks - last - 2) * sizeof t->toks[0]);
            memmove(&an->nl[last + 2], &an->nl[last + 1], t->ntoks - last - 2);
            t->toks[last + 1] = rest;
            t->toks[last].end = rest.start;
            an->nl[last + 1] = 0;
        }
        return m;
    }
    return 0;
}

/* Word tokens in [a, b). */
static uint32_t words_between(const bilat_text_t *t, uint32_t a, uint32_t b)
{
    uint32_t n = 0;
    for (uint32_t k = a; k < b; k++)
        n += t->toks[k].kind == BILAT_TOK_WORD;
    return n;
}

static bool is_punct(const bilat_text_t *t, uint32_t k)
{
    return k < t->ntoks && t->toks[k].kind == BILAT_TOK_PUNCT;
}

static bool is_final(const bilat_text_t *t, uint32_t k)
{
    return is_punct(t, k) &&
           (tok_is(t, k, ".") || tok_is(t, k, "\xd8\x9f") /* ؟ */ || tok_is(t, k, "?") ||
            tok_is(t, k, "!") || tok_is(t, k, "\xe2\x80\xa6") /* … */);
}

static bool is_closer(const bilat_text_t *t, uint32_t k)
{
    return is_punct(t, k) &&
           (tok_is(t, k, "\xc2\xbb") || tok_is(t, k, "\"") || tok_is(t, k, ")") ||
            tok_is(t, k, "\xe2\x80\x9d") || tok_is(t, k, "\xe2\x80\x99") ||
            tok_is(t, k, "'") || tok_is(t, k, "]"));
}

/* A bullet: «•» anywhere; a dash or star only at the start of a line. */
static bool is_bullet(const bilat_text_t *t, uint32_t k, bool line_start)
{
    if (!is_punct(t, k))
        return false;
    if (tok_is(t, k, "\xe2\x80\xa2") || tok_is(t, k, "\xe2\x97\x8f") ||
        tok_is(t, k, "\xe2\x96\xaa") || tok_is(t, k, "\xe2\x97\xa6"))
        return true;
    return line_start && k + 1 < t->ntoks && t->toks[k + 1].space_before &&
           (tok_is(t, k, "-") || tok_is(t, k, "*") || tok_is(t, k, "\xe2\x80\x93") ||
            tok_is(t, k, "\xe2\x80\x94") || tok_is(t, k, "\xc2\xb7"));
}

/* Credits that make a short line a source line even without a colon. */
static const char *const credit_heads[][3] = {{"المصدر"}, {"نقلا", "عن"}, {"بقلم"}};

/* Lines of at most this many words that open with a credit are source lines. */
enum { CREDIT_MAX_WORDS = 6 };

/* A metadata line from token k (after any marks) to end: a head with a colon (or a
 * dash), or a short credit line («*نقلاً عن الشروق المصرية»). */
static bool meta_at(const bilat_text_t *t, uint32_t k, uint32_t end)
{
    uint32_t g;
    while (k < end && is_punct(t, k)) /* «*», «(», a bullet */
        k++;
    for (size_t i = 0; i < sizeof meta_heads / sizeof meta_heads[0]; i++) {
        int nw = nwords(meta_heads[i], 3);
        uint32_t m = match_words(t, k, end, meta_heads[i], nw, false, &g);
        if (m &&
            (tok_is(t, k + m, ":") || tok_is(t, k + m, "-") || tok_is(t, k + m, "|")))
            return true;
    }
    if (words_between(t, k, end) > CREDIT_MAX_WORDS)
        return false;
    for (size_t i = 0; i < sizeof credit_heads / sizeof credit_heads[0]; i++)
        if (match_words(t, k, end, credit_heads[i], nwords(credit_heads[i], 3), false,
                        &g))
            return true;
    return false;
}

/* A list number at the start of a line: «1.», «2-», «3)» followed by a space. */
static bool number_bullet(const bilat_text_t *t, uint32_t k, uint32_t end)
{
    return k + 2 < end && t->toks[k].kind == BILAT_TOK_NUM &&
           t->toks[k].end - t->toks[k].start <= 3 && !t->toks[k + 1].space_before &&
           (tok_is(t, k + 1, ".") || tok_is(t, k + 1, "-") || tok_is(t, k + 1, ")")) &&
           t->toks[k + 2].space_before;
}

static bool latin_word(const bilat_text_t *t, uint32_t k)
{
    char c = t->norm[t->toks[k].start];
    return t->toks[k].kind == BILAT_TOK_WORD && c >= 'a' && c <= 'z';
}

static bool arabic_word(const bilat_text_t *t, uint32_t k)
{
    unsigned char c = (unsigned char)t->norm[t->toks[k].start];
    return t->toks[k].kind == BILAT_TOK_WORD && c >= 0xD8 && c <= 0xDB;
}

/* One letter before a period: an abbreviation such as «ا.ف.ب». */
static bool single_letter(const bilat_text_t *t, uint32_t k)
{
    const bilat_token_t *tk = &t->toks[k];
    return tk->kind == BILAT_TOK_WORD && tk->end - tk->start <= 2 &&
           (tk->end - tk->start == 1 || (unsigned char)t->norm[tk->start] >= 0xC0);
}

/* true when the code point ending at s[end) is white space, a control or a format
 * character (a NUL ends every article of some archives; bidi marks trail lines);
 * *start receives its first byte. */
static bool blank_before(const char *s, uint32_t min, uint32_t end, uint32_t *start)
{
    uint32_t p = end - 1;
    while (p > min && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    size_t i = p;
    uint32_t cp = bilat_utf8_next(s, end, &i);
    *start = p;
    if (cp < 0x80)
        return cp <= 0x20 || cp == 0x7F;
    int8_t type = u_charType((UChar32)cp);
    return i == end && (u_isUWhiteSpace((UChar32)cp) || type == U_CONTROL_CHAR ||
                        type == U_FORMAT_CHAR);
}

/* Original end of a unit whose last norm byte is e - 1: up to the next norm
 * character's origin (so marks dropped after the last letter stay in), without
 * trailing blanks (and, in HTML, trailing tags). */
static uint32_t orig_end(const bilat_text_t *t, uint32_t start, uint32_t e)
{
    const char *s = t->doc->text;
    uint32_t end = t->map[e];
    uint32_t min = t->map[e - 1] + 1, p;
    for (;;) {
        while (end > min && blank_before(s, min, end, &p))
            end = p;
        if (t->doc->html && end > min && s[end - 1] == '>') {
            uint32_t b = end - 1;
            while (b > start && s[b] != '<')
                b--;
            if (b >= min && s[b] == '<') {
                end = b;
                continue;
            }
        }
        break;
    }
    /* never cut inside a UTF-8 sequence of the last character */
    while (end < t->doc->len && ((unsigned char)s[end] & 0xC0) == 0x80)
        end++;
    return end;
}

static bool push_unit(bilat_text_t *t, size_t *cap, uint32_t first, uint32_t last,
                      uint32_t flags)
{
    uint32_t k = first;
    while (k < last && t->toks[k].kind == BILAT_TOK_PUNCT)
        k++;
    if (k == last)
        return true; /* marks alone («***», a lone dash) say nothing */
    if (t->nunits == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        bilat_unit_t *p = realloc(t->units, c * sizeof *p);
        if (!p)
            return false;
        t->units = p;
        *cap = c;
    }
    const bilat_token_t *a = &t->toks[first], *b = &t->toks[last - 1];
    bilat_unit_t *u = &t->units[t->nunits++];
    u->nstart = a->start;
    u->nend = b->end;
    u->start = t->map[a->start];
    u->end = orig_end(t, u->start, b->end);
    u->tok_first = first;
    u->tok_count = last - first;
    u->flags = flags;
    return true;
}

/* At most this many words before an ellipsis make a topic, not a sentence. */
enum { ELLIPSIS_TOPIC_WORDS = 3 };

/* Headlines are short; a longer line without a final mark is a sentence whose period
 * the writer left out. */
enum { HEADLINE_MAX_TOKENS = 40 };

static bool date_in(const bilat_text_t *t, uint32_t first, uint32_t last, char out[11]);

/* At most this many words (a weekday, a month of one or two words) on a line that
 * states a date make it a date line. */
enum { DATE_LINE_MAX_WORDS = 3 };

/* A line that only gives a date («2025-04-14», «الأحد 19 يناير 2025»): metadata. */
static bool date_line(const bilat_text_t *t, uint32_t k, uint32_t end)
{
    char d[11];
    return words_between(t, k, end) <= DATE_LINE_MAX_WORDS && date_in(t, k, end, d);
}

/* The flags of a unit with regard to a related-headlines list: after a label, the
 * list runs over headlines and metadata lines (each headline of such a list is a line
 * of its own, without a final mark) and ends at the first unit that is a sentence,
 * where the article resumes.  Updates *in_list. */
static uint32_t list_flags(uint32_t flags, bool *in_list)
{
    if (!*in_list)
        return flags;
    if (!(flags & (BILAT_UNIT_HEADLINE | BILAT_UNIT_META))) {
        *in_list = false;
        return flags;
    }
    return flags | BILAT_UNIT_RELATED;
}

static bool segment(bilat_text_t *t, bilat_analyser_t *an, size_t *tok_cap)
{
    an->first_label = UINT32_MAX;
    size_t ucap = 0;
    bool oom = false;
    bool in_list = false; /* in a related-headlines list */
    uint32_t k = 0;
    while (k < t->ntoks) {
        /* k starts a line */
        uint32_t end = k + 1;
        while (end < t->ntoks && !an->nl[end])
            end++;
        if (meta_at(t, k, end) || date_line(t, k, end)) {
            if (!push_unit(t, &ucap, k, end, list_flags(BILAT_UNIT_META, &in_list)))
                return false;
            k = end;
            continue;
        }
        bool line_start = true;
        bool after_label = false;
        while (k < end) {
            if (is_bullet(t, k, line_start)) {
                k++;
                line_start = true;
                continue;
            }
            if (line_start && number_bullet(t, k, end)) {
                k += 2;
                continue;
            }
            {
                /* a label opens a line or follows a sentence */
                size_t before = t->ntoks;
                uint32_t m = label_at(t, an, k, end, tok_cap, &oom);
                if (oom)
                    return false;
                end += (uint32_t)(t->ntoks - before);
                if (m) {
                    if (tok_is(t, k + m, ":") && k + m < end)
                        m++;
                    in_list = true;
                    if (!push_unit(t, &ucap, k, k + m,
                                   list_flags(BILAT_UNIT_META, &in_list)))
                        return false;
                    k += m;
                    if (an->first_label > t->nunits - 1)
                        an->first_label = t->nunits - 1;
                    after_label = true;
                    continue;
                }
            }
            /* one unit from k */
            uint32_t j = k;
            bool final = false;
            bool latin = false;
            while (j < end) {
                bool punct = t->toks[j].kind == BILAT_TOK_PUNCT;
                if (punct && j > k && is_bullet(t, j, false))
                    break;
                if (j > k && !t->toks[j].space_before && arabic_word(t, j) && latin &&
                    (latin_word(t, j - 1) || t->toks[j - 1].kind == BILAT_TOK_NUM))
                    break; /* a Latin passage (an embedded post) glued to Arabic text */
                if (t->toks[j].kind == BILAT_TOK_WORD)
                    latin = latin_word(t, j);
                if (punct && is_final(t, j)) {
                    uint32_t n = j + 1;
                    /* an ellipsis after a few words («إيطاليا.. غرق مركب») separates a
                     * topic from its story and runs on; after a longer stretch it ends
                     * a sentence, as many writers use it */
                    if (tok_is(t, j, "\xe2\x80\xa6") ||
                        (tok_is(t, j, ".") && tok_is(t, n, ".") &&
                         !t->toks[n].space_before)) {
                        if (words_between(t, k, j) <= ELLIPSIS_TOPIC_WORDS) {
                            while (n < end && tok_is(t, n, ".") &&
                                   !t->toks[n].space_before)
                                n++;
                            j = n;
                            continue;
                        }
                    }
                    /* a period inside a name or an address (t.co, U.S.) */
                    if (tok_is(t, j, ".") && n < end && !t->toks[n].space_before &&
                        (latin_word(t, n) || t->toks[n].kind == BILAT_TOK_NUM ||
                         (j > k && single_letter(t, j - 1)))) {
                        j++;
                        continue;
                    }
                    while (n < end && !t->toks[n].space_before &&
                           (is_final(t, n) || is_closer(t, n)))
                        n++;
                    while (n < end && is_closer(t, n) && !t->toks[n].space_before)
                        n++;
                    j = n;
                    final = true;
                    break;
                }
                j++;
            }
            uint32_t flags = 0;
            if (!final && (line_start || after_label) &&
                (j == end || is_bullet(t, j, false)) && j - k <= HEADLINE_MAX_TOKENS)
                flags = BILAT_UNIT_HEADLINE;
            if (!push_unit(t, &ucap, k, j, list_flags(flags, &in_list)))
                return false;
            k = j;
            line_start = false;
            after_label = false;
        }
        k = end;
    }
    return true;
}

/* ---- dates --------------------------------------------------------------------- */

/* A word with its length: month_at() compares lengths before bytes. */
#define W(s) s, sizeof(s) - 1

static const struct {
    const char *w1;
    size_t len1;
    const char *w2;
    int month;
} months[] = {
    {W("يناير"), NULL, 1},     {W("فبراير"), NULL, 2},     {W("مارس"), NULL, 3},
    {W("ابريل"), NULL, 4},     {W("افريل"), NULL, 4},      {W("مايو"), NULL, 5},
    {W("ماي"), NULL, 5},       {W("يونيو"), NULL, 6},      {W("يونيه"), NULL, 6},
    {W("جوان"), NULL, 6},      {W("يوليو"), NULL, 7},      {W("يوليه"), NULL, 7},
    {W("جويليه"), NULL, 7},    {W("اغسطس"), NULL, 8},      {W("اوت"), NULL, 8},
    {W("سبتمبر"), NULL, 9},    {W("اكتوبر"), NULL, 10},    {W("نوفمبر"), NULL, 11},
    {W("ديسمبر"), NULL, 12},   {W("جانفي"), NULL, 1},      {W("فيفري"), NULL, 2},
    {W("كانون"), "الثاني", 1}, {W("شباط"), NULL, 2},       {W("اذار"), NULL, 3},
    {W("نيسان"), NULL, 4},     {W("ايار"), NULL, 5},       {W("حزيران"), NULL, 6},
    {W("تموز"), NULL, 7},      {W("اب"), NULL, 8},         {W("ايلول"), NULL, 9},
    {W("تشرين"), "الاول", 10}, {W("تشرين"), "الثاني", 11}, {W("كانون"), "الاول", 12},
    {W("january"), NULL, 1},   {W("february"), NULL, 2},   {W("march"), NULL, 3},
    {W("april"), NULL, 4},     {W("may"), NULL, 5},        {W("june"), NULL, 6},
    {W("july"), NULL, 7},      {W("august"), NULL, 8},     {W("september"), NULL, 9},
    {W("october"), NULL, 10},  {W("november"), NULL, 11},  {W("december"), NULL, 12},
    {W("jan"), NULL, 1},       {W("feb"), NULL, 2},        {W("mar"), NULL, 3},
    {W("apr"), NULL, 4},       {W("jun"), NULL, 6},        {W("jul"), NULL, 7},
    {W("aug"), NULL, 8},       {W("sep"), NULL, 9},        {W("sept"), NULL, 9},
    {W("oct"), NULL, 10},      {W("nov"), NULL, 11},       {W("dec"), NULL, 12},
};

#undef W

/* Month name at token k: returns the month and sets *ntok, else 0. */
static int month_at(const bilat_text_t *t, uint32_t k, uint32_t *ntok)
{
    /* tried on the words around every number of every article: the length test turns
     * nearly every entry away with one well-predicted branch */
    if (k >= t->ntoks || t->toks[k].kind != BILAT_TOK_WORD)
        return 0;
    const char *p = t->norm + t->toks[k].start;
    size_t tl = t->toks[k].end - t->toks[k].start;
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
        if (months[i].len1 != tl || memcmp(p, months[i].w1, tl) != 0)
            continue;
        if (months[i].w2) {
            if (!tok_is(t, k + 1, months[i].w2))
                continue;
            *ntok = 2;
        } else {
            *ntok = 1;
        }
        return months[i].month;
    }
    return 0;
}

/* The value of a NUM token of at most maxd digits, else -1. */
static int num_at(const bilat_text_t *t, uint32_t k, uint32_t maxd)
{
    if (k >= t->ntoks || t->toks[k].kind != BILAT_TOK_NUM)
        return -1;
    uint32_t l = t->toks[k].end - t->toks[k].start;
    if (l > maxd)
        return -1;
    int v = 0;
    for (uint32_t i = 0; i < l; i++) {
        char c = t->norm[t->toks[k].start + i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

static bool set_date(char out[11], int y, int m, int d)
{
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    static const char digits[] = "0123456789";
    out[0] = digits[y / 1000];
    out[1] = digits[y / 100 % 10];
    out[2] = digits[y / 10 % 10];
    out[3] = digits[y % 10];
    out[4] = '-';
    out[5] = digits[m / 10];
    out[6] = digits[m % 10];
    out[7] = '-';
    out[8] = digits[d / 10];
    out[9] = digits[d % 10];
    out[10] = '\0';
    return true;
}

/* Skips an ordinal suffix glued to a day ("19th") and a comma or «من». */
static uint32_t skip_filler(const bilat_text_t *t, uint32_t k)
{
    if (k < t->ntoks && !t->toks[k].space_before &&
        (tok_is(t, k, "th") || tok_is(t, k, "st") || tok_is(t, k, "nd") ||
         tok_is(t, k, "rd")))
        k++;
    while (tok_is(t, k, ",") || tok_is(t, k, "\xd8\x8c") || tok_is(t, k, "من") ||
           tok_is(t, k, "-") || tok_is(t, k, "/"))
        k++;
    return k;
}

/* A date starting at token k: 2025-01-19, 19/01/2025, 19 January 2025, January 19,
 * 2025, «19 يناير 2025», «19 كانون الثاني 2025». */
static bool date_at(const bilat_text_t *t, uint32_t k, char out[11])
{
    int a = num_at(t, k, 4);
    uint32_t n;
    if (a >= 0 && t->toks[k].end - t->toks[k].start == 4) {
        const char *sep = NULL;
        if (tok_is(t, k + 1, "-"))
            sep = "-";
        else if (tok_is(t, k + 1, "/"))
            sep = "/";
        int m = sep ? num_at(t, k + 2, 2) : -1;
        int d = m >= 0 && tok_is(t, k + 3, sep) ? num_at(t, k + 4, 2) : -1;
        return d >= 0 && set_date(out, a, m, d);
    }
    if (a >= 0 && a <= 31) {
        const char *sep = tok_is(t, k + 1, "/")   ? "/"
                          : tok_is(t, k + 1, "-") ? "-"
                                                  : NULL;
        if (sep && !t->toks[k + 1].space_before) {
            /* day first: 19/01/2025 */
            int m = num_at(t, k + 2, 2);
            int y = m >= 0 && tok_is(t, k + 3, sep) ? num_at(t, k + 4, 4) : -1;
            if (m > 12 && a <= 12) { /* month first: 01/19/2025 */
                int d = m;
                m = a;
                a = d;
            }
            return y >= 0 && set_date(out, y, m, a);
        }
        uint32_t j = skip_filler(t, k + 1);
        int m = month_at(t, j, &n);
        if (m) {
            j = skip_filler(t, j + n);
            int y = num_at(t, j, 4);
            return y >= 0 && set_date(out, y, m, a);
        }
        return false;
    }
    int m = month_at(t, k, &n);
    if (m) {
        int d = num_at(t, k + n, 2);
        uint32_t j = skip_filler(t, k + n + 1);
        int y = d >= 0 ? num_at(t, j, 4) : -1;
        return y >= 0 && set_date(out, y, m, d);
    }
    return false;
}

/* Every date holds a number: only numbers (and a month name just before one) are
 * tried, which keeps the search cheap on long articles. */
static bool date_in(const bilat_text_t *t, uint32_t first, uint32_t last, char out[11])
{
    for (uint32_t k = first; k < last; k++) {
        if (t->toks[k].kind != BILAT_TOK_NUM)
            continue;
        if (k > first && t->toks[k - 1].kind == BILAT_TOK_WORD && date_at(t, k - 1, out))
            return true;
        if (k > first + 1 && t->toks[k - 2].kind == BILAT_TOK_WORD &&
            date_at(t, k - 2, out))
            return true; /* two-word months are tried from their first word */
        if (date_at(t, k, out))
            return true;
    }
    return false;
}

/* The article's date: that of a metadata line, else (when the document has no date
 * of its own) the first stated in the text — both before the first label: what
 * follows it belongs to other articles. */
static void find_date(bilat_text_t *t, uint32_t first_label)
{
    uint32_t n = first_label < t->nunits ? first_label : t->nunits;
    for (uint32_t u = 0; u < n; u++) {
        const bilat_unit_t *un = &t->units[u];
        if ((un->flags & BILAT_UNIT_META) &&
            date_in(t, un->tok_first, un->tok_first + un->tok_count, t->date))
            return;
    }
    /* a date the archive gives (JSONL "date") is the publication date; a date in the
     * body may be an event's */
    for (uint32_t u = 0; !t->doc->date && u < n; u++) {
        const bilat_unit_t *un = &t->units[u];
        if (date_in(t, un->tok_first, un->tok_first + un->tok_count, t->date))
            return;
    }
    t->date[0] = '\0';
}

bool bilat_date_find(const char *s, size_t len, char out[11])
{
    bilat_text_t t = {0};
    out[0] = '\0';
    size_t nl;
    t.norm = bilat_normalise(s, len, &nl);
    if (!t.norm)
        return false;
    bool found = tokenise(t.norm, nl, &t.toks, &t.ntoks) && date_in(&t, 0, t.ntoks, out);
    free(t.norm);
    free(t.toks);
    if (!found)
        out[0] = '\0';
    return found;
}

/* ---- analysis ------------------------------------------------------------------ */

bilat_status_t bilat_text_analyse(bilat_analyser_t *an, const bilat_doc_t *doc,
                                  bilat_text_t **out, bilat_error_t *err)
{
    *out = NULL;
    if (doc->len >= UINT32_MAX)
        return bilat_error_set(err, BILAT_EINVAL, doc->id, 0, 0,
                               "document too large (4 GB or more)");
    bilat_text_t *t = calloc(1, sizeof *t);
    if (!t)
        goto oom;
    t->doc = doc;
    bilat_norm_t *n = &an->norm;
    bilat_norm_reset(n);
    if (doc->html)
        feed_html(n, doc->text, doc->len);
    else
        bilat_norm_feed(n, doc->text, doc->len, 0);
    if (!bilat_norm_finish(n, (uint32_t)doc->len))
        goto oom;
    t->norm_len = (uint32_t)n->out.len;
    if (!tokenise(n->out.data ? n->out.data : "", n->out.len, &t->toks, &t->ntoks))
        goto oom;
    size_t tok_cap = t->ntoks;
    if (an->nl_cap < t->ntoks + 1) {
        uint8_t *nl = realloc(an->nl, t->ntoks + 1);
        if (!nl)
            goto oom;
        an->nl = nl;
        an->nl_cap = t->ntoks + 1;
    }
    size_t b = 0;
    for (uint32_t k = 0; k < t->ntoks; k++) {
        uint32_t s = t->toks[k].start;
        while (b < n->nbreaks && n->breaks[b] + 1 < s)
            b++;
        an->nl[k] = b < n->nbreaks && n->breaks[b] + 1 == s;
    }
    /* the text takes the normaliser's buffers; the next document grows new ones */
    t->map = n->map;
    n->map = NULL;
    n->map_cap = 0;
    t->norm = bilat_buf_take(&n->out);
    if (!t->norm && !(t->norm = calloc(1, 1)))
        goto oom;
    if (!segment(t, an, &tok_cap))
        goto oom;
    find_date(t, an->first_label);
    *out = t;
    return BILAT_OK;
oom:
    bilat_text_free(t);
    return bilat_error_set(err, BILAT_ENOMEM, doc->id, 0, 0, "out of memory");
}

void bilat_text_free(bilat_text_t *t)
{
    if (!t)
        return;
    free(t->norm);
    free(t->map);
    free(t->toks);
    free(t->units);
    free(t);
}

size_t bilat_text_unit_count(const bilat_text_t *t)
{
    return t->nunits;
}

void bilat_text_unit_span(const bilat_text_t *t, size_t i, size_t *start, size_t *end)
{
    *start = t->units[i].start;
    *end = t->units[i].end;
}

const char *bilat_text_unit_norm(const bilat_text_t *t, size_t i, size_t *len)
{
    *len = t->units[i].nend - t->units[i].nstart;
    return t->norm + t->units[i].nstart;
}

const char *bilat_text_date(const bilat_text_t *t)
{
    return t->date[0] ? t->date : t->doc->date;
}
