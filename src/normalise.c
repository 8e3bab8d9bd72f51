/* Normalisation for matching, with a map back to original offsets, and proclitic
 * analysis.
 *
 * Rules (issue 12): NFKC; tashkeel U+064B–U+065F and U+0670, tatweel U+0640, Quranic
 * marks and format characters (bidi marks, zero-width characters, BOM, soft hyphen)
 * removed; أ إ آ ٱ and the high-hamza alef forms → ا; ى → ي; ة → ه; ؤ → و and ئ → ي
 * (the hamza seat varies between writers — مسؤول / مسئول / مسوول — and dropping it is the
 * usual choice of Arabic retrieval normalisers; a bare ء is kept because it is a letter
 * of its own in words such as سماء); Persian/Urdu forms ک ڪ → ك, ی ې ے → ي, ہ ھ ە ۀ → ه;
 * Arabic-Indic and Eastern Arabic-Indic digits → ASCII, ٫ → '.', ٬ → ',', ٪ → '%';
 * letters lower-cased; every run of white space and control characters → one space.
 * Punctuation is kept: the relation patterns read colons, quotes, hyphens and commas.
 *
 * Speed: ASCII and the Arabic block (U+0600–U+06FF) — nearly every byte of Arabic news —
 * go through a table built once from the rules above; every other code point goes to
 * ICU (unorm2 NFKC, u_tolower, character types).  The rules for the Arabic block are
 * what NFKC plus the folding above give for those code points (NFKC changes none of
 * them but the high-hamza forms U+0675–U+0678, handled in the table).  Measured on the
 * 217 MB real corpus (bench/make-corpus, one core, files in memory): this normaliser,
 * offset map included, runs at about 590 MB/s; ICU alone — UTF-8 to UTF-16, NFKC,
 * u_tolower, back to UTF-8, with no Arabic folding, white space or map yet — at about
 * 240 MB/s, so ICU for every code point would more than double the cost of the step
 * the whole pipeline's 30 MB/s budget (issue 16) is shared with.  Combining sequences
 * on non-Arabic letters are normalised one code point at a time, which
 * matters only for decomposed Latin accents. */
#include "bilat/bilat.h"
#include "read_internal.h"
#include "text_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

/* What a byte or Arabic-block code point becomes. */
enum {
    FOLD_DROP = 0,       /* removed */
    FOLD_SPACE = 0xFFFE, /* white space */
    FOLD_BREAK = 0xFFFD, /* a line break */
    FOLD_SLOW = 0xFFFF   /* ask ICU */
};

static uint16_t ascii_fold[128];
static uint16_t arabic_fold[256]; /* U+0600 + index */
/* The UTF-8 of arabic_fold[i] for the hot loop: its bytes in memory order in the low
 * 16 bits, its length (0 for a dropped mark) above them. */
static uint32_t arabic_utf8[256];
static const UNormalizer2 *nfkc;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static uint16_t fold_arabic_cp(uint32_t c)
{
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640)
        return FOLD_DROP; /* tashkeel, small hamza/madda marks, tatweel */
    if ((c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 ||
        c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED))
        return FOLD_DROP; /* Quranic annotation marks */
    if ((c >= 0x0600 && c <= 0x0605) || c == 0x061C || c == 0x06DD)
        return FOLD_DROP; /* format characters: number signs, the Arabic letter mark */
    if (c >= 0x0660 && c <= 0x0669)
        return (uint16_t)('0' + (c - 0x0660));
    if (c >= 0x06F0 && c <= 0x06F9)
        return (uint16_t)('0' + (c - 0x06F0));
    switch (c) {
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
    case 0x0672:
    case 0x0673:
    case 0x0675:
        return 0x0627;
    case 0x0649:
    case 0x0626:
    case 0x0678:
    case 0x06CC:
    case 0x06D0:
    case 0x06D2:
    case 0x06D3:
        return 0x064A;
    case 0x0629:
    case 0x06C1:
    case 0x06BE:
    case 0x06D5:
    case 0x06C0:
    case 0x06C2:
    case 0x06C3:
        return 0x0647;
    case 0x0624:
    case 0x0676:
        return 0x0648;
    case 0x06A9:
    case 0x06AA:
        return 0x0643;
    case 0x0677:
        return 0x06C7;
    case 0x066B:
        return '.';
    case 0x066C:
        return ',';
    case 0x066A:
        return '%';
    case 0x06D4:
        return '.';
    default:
        return (uint16_t)c;
    }
}

static void tables_init(void)
{
    for (int c = 0; c < 128; c++) {
        if (c == '\n' || c == '\r' || c == '\v' || c == '\f')
            ascii_fold[c] = FOLD_BREAK;
        else if (c < 0x20 || c == 0x7F || c == ' ')
            ascii_fold[c] = FOLD_SPACE; /* tab, NUL and other controls separate words */
        else if (c >= 'A' && c <= 'Z')
            ascii_fold[c] = (uint16_t)(c + 32);
        else
            ascii_fold[c] = (uint16_t)c;
    }
    for (int i = 0; i < 256; i++) {
        arabic_fold[i] = fold_arabic_cp(0x0600u + (uint32_t)i);
        char u[4] = {0, 0, 0, 0};
        int k = arabic_fold[i] == FOLD_DROP ? 0 : bilat_utf8_put(arabic_fold[i], u);
        arabic_utf8[i] =
            (uint32_t)k << 16 | (uint32_t)(unsigned char)u[1] << 8 | (unsigned char)u[0];
    }
    UErrorCode e = U_ZERO_ERROR;
    nfkc = unorm2_getNFKCInstance(&e);
    if (U_FAILURE(e))
        nfkc = NULL; /* then non-Arabic text is only lower-cased */
}

void bilat_norm_init(bilat_norm_t *n)
{
    pthread_once(&tables_once, tables_init);
    memset(n, 0, sizeof *n);
    bilat_buf_init(&n->out);
}

void bilat_norm_destroy(bilat_norm_t *n)
{
    bilat_buf_destroy(&n->out);
    free(n->map);
    free(n->breaks);
    memset(n, 0, sizeof *n);
}

void bilat_norm_reset(bilat_norm_t *n)
{
    n->out.len = 0;
    if (n->out.data)
        n->out.data[0] = '\0';
    n->nbreaks = 0;
    n->pending = 0;
    n->oom = false;
}

/* Room for extra more output bytes (and the final map entry). */
static bool grow(bilat_norm_t *n, size_t extra)
{
    if (n->oom)
        return false;
    if (!bilat_buf_reserve(&n->out, extra + 1)) {
        n->oom = true;
        return false;
    }
    size_t need = n->out.len + extra + 2;
    if (need > n->map_cap) {
        size_t cap = n->map_cap ? n->map_cap : 256;
        while (cap < need)
            cap *= 2;
        uint32_t *m = realloc(n->map, cap * sizeof *m);
        if (!m) {
            n->oom = true;
            return false;
        }
        n->map = m;
        n->map_cap = cap;
    }
    return true;
}

static inline void norm_space(bilat_norm_t *n, uint32_t off, bool newline)
{
    if (!n->pending)
        n->pending_off = off;
    if (newline)
        n->pending = 2;
    else if (!n->pending)
        n->pending = 1;
}

void bilat_norm_space(bilat_norm_t *n, uint32_t off, bool newline)
{
    norm_space(n, off, newline);
}

/* Emits the due space before a visible character (capacity for it is reserved by the
 * callers: the white space it stands for took at least one input byte). */
static inline void flush_space(bilat_norm_t *n)
{
    if (n->out.len > 0) {
        if (n->pending == 2) {
            if (n->nbreaks == n->breaks_cap) {
                size_t cap = n->breaks_cap ? n->breaks_cap * 2 : 64;
                uint32_t *b = realloc(n->breaks, cap * sizeof *b);
                if (!b) {
                    n->oom = true;
                    n->pending = 0;
                    return;
                }
                n->breaks = b;
                n->breaks_cap = cap;
            }
            n->breaks[n->nbreaks++] = (uint32_t)n->out.len;
        }
        n->map[n->out.len] = n->pending_off;
        n->out.data[n->out.len++] = ' ';
    }
    n->pending = 0;
}

/* Appends the UTF-8 of cp, already folded, coming from original offset off. */
static inline void put_cp(bilat_norm_t *n, uint32_t cp, uint32_t off)
{
    if (n->pending)
        flush_space(n);
    char tmp[4];
    int k = bilat_utf8_put(cp, tmp);
    for (int j = 0; j < k; j++) {
        n->map[n->out.len] = off;
        n->out.data[n->out.len++] = tmp[j];
    }
}

/* A folded code point from the ICU path: applies the tables again, since NFKC turns
 * presentation forms into Arabic-block letters that still need folding. */
static void put_folded(bilat_norm_t *n, uint32_t cp, uint32_t off)
{
    uint16_t f;
    if (cp < 0x80)
        f = ascii_fold[cp];
    else if (cp >= 0x0600 && cp <= 0x06FF)
        f = arabic_fold[cp - 0x0600];
    else {
        put_cp(n, cp, off);
        return;
    }
    if (f == FOLD_SPACE || f == FOLD_BREAK)
        bilat_norm_space(n, off, f == FOLD_BREAK);
    else if (f != FOLD_DROP)
        put_cp(n, f, off);
}

/* Every code point outside ASCII and the Arabic block. */
static void slow_cp(bilat_norm_t *n, uint32_t cp, uint32_t off)
{
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
        bilat_norm_space(n, off, true);
        return;
    }
    if (cp >= 0xFE70 && cp <= 0xFE7F && cp != 0xFE74 && cp != 0xFE71 && cp != 0xFE77 &&
        cp != 0xFE79 && cp != 0xFE7B && cp != 0xFE7D && cp != 0xFE7F) {
        return; /* isolated tashkeel forms: NFKC gives a space plus the mark */
    }
    int8_t type = u_charType((UChar32)cp);
    if (type == U_FORMAT_CHAR)
        return;
    if (type == U_CONTROL_CHAR || u_isUWhiteSpace((UChar32)cp)) {
        bilat_norm_space(n, off, false);
        return;
    }
    if (!grow(n, 96))
        return;
    if (!nfkc || unorm2_isInert(nfkc, (UChar32)cp)) {
        put_folded(n, (uint32_t)u_tolower((UChar32)cp), off);
        return;
    }
    UChar src[2], dst[24];
    int32_t sl = 0;
    UBool bad = false;
    U16_APPEND((UChar *)src, sl, 2, (UChar32)cp, bad);
    UErrorCode e = U_ZERO_ERROR;
    int32_t dl = unorm2_normalize(nfkc, src, sl, dst, 24, &e);
    if (U_FAILURE(e) || bad) {
        put_folded(n, (uint32_t)u_tolower((UChar32)cp), off);
        return;
    }
    for (int32_t j = 0; j < dl;) {
        UChar32 c;
        U16_NEXT(dst, j, dl, c);
        put_folded(n, (uint32_t)u_tolower(c), off);
    }
}

/* Emits the due space for the hot loop, whose output position is o; returns the new
 * one (flush_space() reallocates the breaks only, never the output or the map). */
static inline size_t flush_due(bilat_norm_t *n, size_t o)
{
    n->out.len = o;
    flush_space(n);
    return n->out.len;
}

bool bilat_norm_feed(bilat_norm_t *n, const char *str, size_t len, uint32_t base)
{
    /* The table path never writes more bytes than it reads (a due space stands for at
     * least one byte of white space), so one reservation covers it; the ICU path
     * reserves for itself. */
    if (!grow(n, len + 1))
        return false;
    const unsigned char *s = (const unsigned char *)str;
    /* The output position, the buffers and whether a space is due live in locals,
     * written back around every call that uses n: a store through the char buffer may
     * alias n's members, so the compiler would otherwise reload them after every byte.
     * With the locals and the UTF-8 table, callgrind counts 398 M instructions on 27 MB
     * of the real corpus, against 542 M before. */
    char *out = n->out.data;
    uint32_t *map = n->map;
    size_t o = n->out.len;
    bool pending = n->pending != 0;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        uint16_t f;
        uint32_t off = base + (uint32_t)i;
        if (c < 0x80) {
            f = ascii_fold[c];
            i++;
            if (f >= FOLD_BREAK) {
                norm_space(n, off, f == FOLD_BREAK);
                pending = true;
                continue;
            }
        } else if (c - 0xD8u <= 3u && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
            uint32_t x = arabic_utf8[((c & 0x03) << 6) | (s[i + 1] & 0x3F)];
            i += 2;
            if (!x)
                continue; /* a dropped mark */
            if (pending) {
                o = flush_due(n, o);
                pending = false;
            }
            /* two bytes written, one or two kept: the output never outgrows the input
             * read so far, so both fit in the reservation */
            map[o] = off;
            map[o + 1] = off;
            out[o] = (char)(x & 0xFF);
            out[o + 1] = (char)(x >> 8 & 0xFF);
            o += x >> 16;
            continue;
        } else {
            size_t next = i; /* i's address never escapes: it stays in a register */
            uint32_t cp = bilat_utf8_next(str, len, &next);
            i = next;
            n->out.len = o;
            slow_cp(n, cp, off);
            /* keep the table path's guarantee for the rest of the piece */
            if (!grow(n, len - i + 1))
                return false;
            out = n->out.data;
            map = n->map;
            o = n->out.len;
            pending = n->pending != 0;
            continue;
        }
        if (pending) {
            o = flush_due(n, o);
            pending = false;
        }
        map[o] = off;
        out[o++] = (char)f;
    }
    n->out.len = o;
    return !n->oom;
}

bool bilat_norm_feed_cp(bilat_norm_t *n, uint32_t cp, uint32_t off)
{
    char tmp[4];
    int k = bilat_utf8_put(cp, tmp);
    return bilat_norm_feed(n, tmp, (size_t)k, off);
}

bool bilat_norm_finish(bilat_norm_t *n, uint32_t end)
{
    n->pending = 0; /* no trailing space */
    if (!grow(n, 0))
        return false;
    n->map[n->out.len] = end;
    n->out.data[n->out.len] = '\0';
    return !n->oom;
}

char *bilat_normalise(const char *s, size_t len, size_t *out_len)
{
    bilat_norm_t n;
    bilat_norm_init(&n);
    if (!bilat_norm_feed(&n, s, len, 0) || !bilat_norm_finish(&n, (uint32_t)len)) {
        bilat_norm_destroy(&n);
        return NULL;
    }
    if (out_len)
        *out_len = n.out.len;
    char *r = bilat_buf_take(&n.out);
    if (!r)
        r = calloc(1, 1);
    bilat_norm_destroy(&n);
    return r;
}

/* Proclitics.  Arabic letters are 2 bytes in UTF-8; the normalised word starts with
 * an optional conjunction (و ف), then an optional preposition (ب ل ك), then an
 * optional article ال — or, after ل, the article without its alef (لل = ل + ال).  A
 * split is offered only when at least two letters remain, so the caller's lookups see
 * «ب|لغاريا» and «بلغاريا» and decide by what they know. */
/* The letters as big-endian byte pairs, compared as numbers: the analysis runs once
 * per token of every article, and loading each pair once (rather than comparing the
 * same bytes letter by letter for each candidate) cuts its mispredicted branches
 * (callgrind, 27 MB of the real corpus: 3.1 M of them before, 2.0 M after). */
enum {
    AR_WAW = 0xD988,
    AR_FA = 0xD981,
    AR_BA = 0xD8A8,
    AR_LAM = 0xD984,
    AR_KAF = 0xD983,
    AR_ALEF = 0xD8A7
};

/* The letter (two bytes) at w[pos] as a number; the caller checks the length. */
static inline unsigned letter_at(const char *w, uint32_t pos)
{
    return (unsigned)(unsigned char)w[pos] << 8 | (unsigned char)w[pos + 1];
}

int bilat_clitic_splits(const char *w, uint32_t len, uint32_t pre[8])
{
    uint32_t cand[8];
    int nc = 0;
    const uint32_t min_rest = 4; /* two Arabic letters */
    /* the shortest split leaves two letters after one: shorter words have none (and
     * the three letters read below exist) */
    if (len < 2 + min_rest) {
        pre[0] = 0;
        return 1;
    }
    unsigned a = letter_at(w, 0);
    uint32_t p = (a == AR_WAW) | (a == AR_FA) ? 2 : 0; /* a conjunction */
    if (p)
        cand[nc++] = p;
    unsigned b = letter_at(w, p), c = letter_at(w, p + 2);
    if ((b == AR_BA) | (b == AR_KAF) | (b == AR_LAM)) {
        cand[nc++] = p + 2;
        if (b == AR_LAM && c == AR_LAM)
            cand[nc++] = p + 4; /* لل: the article without its alef */
        else if (c == AR_ALEF && p + 6 <= len && letter_at(w, p + 4) == AR_LAM)
            cand[nc++] = p + 6;
    } else if (b == AR_ALEF && c == AR_LAM) {
        cand[nc++] = p + 4;
    }
    /* longest first, only where enough of the word remains */
    int k = 0;
    for (int j = nc - 1; j >= 0 && k < 7; j--)
        if (cand[j] + min_rest <= len)
            pre[k++] = cand[j];
    pre[k++] = 0;
    return k;
}
