/* Decoding one document's bytes to UTF-8 (issue 12), in this order:
 *   1. a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE);
 *   2. UTF-16 without a BOM when NUL and 0x06 bytes (the high bytes of ASCII and of
 *      Arabic letters) gather on the odd or on the even positions — tested before
 *      UTF-8 because such bytes are often valid UTF-8 too;
 *   3. valid UTF-8 is UTF-8 (a stray NUL stays: it is not enough to call a file binary);
 *   4. UTF-8 with at most max(8, 5% of the bytes) ill-formed bytes is UTF-8 with each of
 *      them replaced by U+FFFD (the reader reports it once);
 *   5. windows-1256 or ISO-8859-6: a candidate whose decoding meets an unassigned byte is
 *      ruled out, ICU's charset detector ranks the others, windows-1256 wins a tie;
 *   6. anything else is binary (BILAT_EBINARY).
 * Control bytes other than white space and well-known binary signatures decide
 * "binary" before steps 3–5: they never occur in text in any of these encodings. */
#include "bilat/bilat.h"
#include "read_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

bilat_doc_t *bilat_doc_new(const char *id, const char *date, const char *text, size_t len)
{
    bilat_doc_t *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->id = bilat_strdup(id);
    d->date = bilat_strdup(date);
    d->text = bilat_strndup(text, len);
    d->len = len;
    d->encoding = "UTF-8";
    if (!d->id || !d->text || (date && !d->date)) {
        bilat_doc_free(d);
        return NULL;
    }
    return d;
}

void bilat_doc_free(bilat_doc_t *doc)
{
    if (!doc)
        return;
    free(doc->id);
    free(doc->date);
    free(doc->text);
    free(doc);
}

/* Length of the well-formed UTF-8 sequence at s[i], or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (i + n > len || s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* A control byte that no text holds (white space, ESC and the SUB end-of-file mark
 * are allowed). */
static inline bool ctrl_byte(unsigned c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' &&
            c != 0x1A && c != 0x1B) ||
           c == 0x7F;
}

#ifdef __SSE2__
/* Skips 16-byte blocks of ASCII and complete two-byte sequences (Arabic text is nothing
 * else), counting control bytes; stops at the first block holding anything else, at
 * a character boundary.  Measured on the 217 MB real corpus (files in memory, one
 * core): bilat_doc_decode() runs at about 440 MB/s with the eight-byte ASCII test of
 * the #else branch, at about 850 MB/s with this one — and decoding runs in the reader,
 * the one serial stage of the pipeline. */
static size_t fast_run(const unsigned char *s, size_t len, size_t i, size_t *ctrl)
{
    const __m128i c0 = _mm_set1_epi8((char)0xC0), c1 = _mm_set1_epi8((char)0xC1);
    const __m128i e0 = _mm_set1_epi8((char)0xE0), sp = _mm_set1_epi8(0x20);
    const __m128i del = _mm_set1_epi8(0x7F);
    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        /* signed compares: 0x80–0xBF are the bytes below (int8_t)0xC0 */
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, c0));
        unsigned lead = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(v, c1), _mm_cmplt_epi8(v, e0)));
        if ((cont | lead) != high || ((lead << 1) & 0xFFFF) != cont)
            break;
        /* a lead in the last byte is examined again with its continuation */
        unsigned step = lead & 0x8000 ? 15 : 16;
        unsigned low = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmplt_epi8(v, sp), _mm_cmpeq_epi8(v, del)));
        low &= ~high & ((1u << step) - 1);
        for (; low; low &= low - 1)
            *ctrl += ctrl_byte(s[i + (size_t)__builtin_ctz(low)]);
        i += step;
    }
    return i;
}
#else
/* Skips runs of ASCII eight bytes at a time, counting control bytes. */
static size_t fast_run(const unsigned char *s, size_t len, size_t i, size_t *ctrl)
{
    const uint64_t hi = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & hi)
            break;
        uint64_t d = w ^ (0x7F * ones);
        if (((w - 0x20 * ones) | (d - ones)) & hi)
            for (int k = 0; k < 8; k++)
                *ctrl += ctrl_byte(s[i + (size_t)k]);
        i += 8;
    }
    return i;
}
#endif

/* One pass over the bytes: *bad counts the bytes that are not part of a well-formed
 * UTF-8 sequence (the pass stops once it is over limit, leaving *ctrl partial) and
 * *ctrl the control bytes.  This pass sees every byte of the corpus: blocks go through
 * fast_run(), the block it refuses byte by byte. */
static void utf8_scan(const char *b, size_t len, size_t limit, size_t *bad, size_t *ctrl)
{
    const unsigned char *s = (const unsigned char *)b;
    size_t i = 0;
    *bad = *ctrl = 0;
    while (i < len) {
        i = fast_run(s, len, i, ctrl);
        for (size_t stop = i + 16; i < len && i < stop;) {
            unsigned c = s[i];
            if (c < 0x80) {
                *ctrl += ctrl_byte(c);
                i++;
                continue;
            }
            size_t n = utf8_seq(s, len, i);
            if (n) {
                i += n;
            } else {
                i++;
                if (++*bad > limit)
                    return;
            }
        }
    }
}

/* Copies b as UTF-8 with every ill-formed byte replaced by U+FFFD. */
static char *utf8_repair(const char *b, size_t len, size_t *outlen)
{
    bilat_buf_t out;
    bilat_buf_init(&out);
    const unsigned char *s = (const unsigned char *)b;
    size_t i = 0, run = 0;
    while (i < len) {
        size_t n = utf8_seq(s, len, i);
        if (n) {
            i += n;
            continue;
        }
        if (!bilat_buf_append(&out, b + run, i - run) ||
            !bilat_buf_append(&out, "\xef\xbf\xbd", 3))
            goto fail;
        run = ++i;
    }
    if (!bilat_buf_append(&out, b + run, len - run))
        goto fail;
    *outlen = out.len;
    return bilat_buf_take(&out);
fail:
    bilat_buf_destroy(&out);
    return NULL;
}

/* Converts b with the ICU converter cnv to UTF-8, in chunks so that memory stays near
 * the size of the result.  With strict, an unassigned or illegal byte makes it fail
 * with *bad set; otherwise such bytes become U+FFFD. */
static bilat_status_t icu_to_utf8(UConverter *cnv, const char *b, size_t len, bool strict,
                                  char **out, size_t *outlen, bool *bad)
{
    UErrorCode e = U_ZERO_ERROR;
    *bad = false;
    if (strict)
        ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
    if (U_FAILURE(e))
        return BILAT_EUNICODE;
    ucnv_reset(cnv);
    bilat_buf_t res;
    bilat_buf_init(&res);
    enum { CHUNK = 16384 };
    UChar u[CHUNK + 1];
    int32_t held = 0; /* a high surrogate kept for the next chunk */
    const char *src = b, *lim = b + len;
    bilat_status_t st = BILAT_OK;
    for (;;) {
        UChar *t = u + held;
        e = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &t, u + CHUNK, &src, lim, NULL, true, &e);
        if (e == U_INVALID_CHAR_FOUND || e == U_ILLEGAL_CHAR_FOUND ||
            e == U_TRUNCATED_CHAR_FOUND) {
            *bad = true;
            st = BILAT_EDECODE;
            break;
        }
        if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR) {
            st = BILAT_EUNICODE;
            break;
        }
        int32_t n = (int32_t)(t - u);
        held = 0;
        if (e == U_BUFFER_OVERFLOW_ERROR && n > 0 && U16_IS_LEAD(u[n - 1]))
            held = 1;
        int32_t conv = n - held;
        if (conv > 0) {
            if (!bilat_buf_reserve(&res, (size_t)conv * 3)) {
                st = BILAT_ENOMEM;
                break;
            }
            int32_t w = 0;
            UErrorCode e2 = U_ZERO_ERROR;
            u_strToUTF8WithSub(res.data + res.len, (int32_t)(res.cap - res.len), &w, u,
                               conv, 0xFFFD, NULL, &e2);
            if (U_FAILURE(e2)) {
                st = BILAT_EUNICODE;
                break;
            }
            res.len += (size_t)w;
            res.data[res.len] = '\0';
        }
        if (held)
            u[0] = u[n - 1];
        if (e != U_BUFFER_OVERFLOW_ERROR)
            break;
    }
    if (st != BILAT_OK) {
        bilat_buf_destroy(&res);
        return st;
    }
    *outlen = res.len;
    *out = bilat_buf_take(&res);
    return *out ? BILAT_OK : BILAT_ENOMEM;
}

/* Decodes with the named converter; *bad as for icu_to_utf8. */
static bilat_status_t convert_named(const char *name, const char *b, size_t len,
                                    bool strict, char **out, size_t *outlen, bool *bad)
{
    UErrorCode e = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &e);
    if (U_FAILURE(e))
        return BILAT_EUNICODE;
    bilat_status_t st = icu_to_utf8(cnv, b, len, strict, out, outlen, bad);
    ucnv_close(cnv);
    return st;
}

/* Counts of bytes 0x00 and 0x06 in s[0..len-1] (len even) at even and at odd
 * positions. */
static void utf16_counts(const unsigned char *s, size_t len, size_t *even, size_t *odd)
{
    size_t i = 0, e = 0, o = 0;
#ifdef __SSE2__
    /* runs on the first 4 KB of every input: byte by byte it cost as much as the whole
     * UTF-8 check of the corpus (callgrind).  Each byte lane counts its matches (a
     * match is -1, subtracted); the lanes are summed, even and odd apart, before a
     * lane can pass 255. */
    const __m128i zero = _mm_setzero_si128(), six = _mm_set1_epi8(6);
    const __m128i low = _mm_set1_epi16(0x00FF);
    while (i + 16 <= len) {
        __m128i acc = zero;
        for (int blocks = 0; blocks < 128 && i + 16 <= len; blocks++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            acc = _mm_sub_epi8(
                acc, _mm_or_si128(_mm_cmpeq_epi8(v, zero), _mm_cmpeq_epi8(v, six)));
        }
        __m128i se = _mm_sad_epu8(_mm_and_si128(acc, low), zero);
        __m128i so = _mm_sad_epu8(_mm_srli_epi16(acc, 8), zero);
        e += (size_t)_mm_cvtsi128_si32(se) +
             (size_t)_mm_cvtsi128_si32(_mm_srli_si128(se, 8));
        o += (size_t)_mm_cvtsi128_si32(so) +
             (size_t)_mm_cvtsi128_si32(_mm_srli_si128(so, 8));
    }
#endif
    for (; i + 1 < len; i += 2) {
        e += s[i] == 0x00 || s[i] == 0x06;
        o += s[i + 1] == 0x00 || s[i + 1] == 0x06;
    }
    *even = e;
    *odd = o;
}

/* UTF-16 without BOM: returns "UTF-16LE", "UTF-16BE" or NULL.  In little-endian UTF-16
 * the high byte of ASCII (0x00) and of Arabic letters (0x06) is at odd positions. */
static const char *utf16_guess(const unsigned char *s, size_t len)
{
    if (len < 4 || len % 2)
        return NULL; /* checked on the whole length, before the sample is cut */
    /* the first 4 KB decide: UTF-16 text has its pattern everywhere */
    if (len > 4096)
        len = 4096;
    size_t even, odd, pairs = len / 2;
    utf16_counts(s, len, &even, &odd);
    if (odd * 10 >= pairs * 6 && even * 10 < pairs)
        return "UTF-16LE";
    if (even * 10 >= pairs * 6 && odd * 10 < pairs)
        return "UTF-16BE";
    return NULL;
}

/* Binary: a well-known binary signature, or more control bytes than a few stray
 * NULs (one ends every article of some archives). */
static bool binary_bytes(const unsigned char *s, size_t len, size_t ctrl)
{
    static const struct {
        const char *magic;
        size_t n;
    } sigs[] = {
        {"\x89PNG\r\n\x1a\n", 8},
        {"\xff\xd8\xff", 3},
        {"GIF8", 4},
        {"%PDF-", 5},
        {"PK\x03\x04", 4},
        {"\x7f"
         "ELF",
         4},
        {"\x1f\x8b", 2},
        {"\xfd"
         "7zXZ",
         5},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (len >= sigs[i].n && memcmp(s, sigs[i].magic, sigs[i].n) == 0)
            return true;
    return ctrl > 2 + len / 200;
}

static size_t count_ctrl(const unsigned char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ctrl_byte(s[i]);
    return n;
}

/* windows-1256 or ISO-8859-6 (step 5). */
static bilat_status_t decode_8bit(const char *b, size_t len, char **out, size_t *outlen,
                                  const char **enc)
{
    static const char *const cands[2] = {"windows-1256", "ISO-8859-6"};
    char *dec[2] = {NULL, NULL};
    size_t dlen[2] = {0, 0};
    int conf[2] = {-1, -1};
    bilat_status_t st = BILAT_OK;
    for (int c = 0; c < 2; c++) {
        bool bad;
        st = convert_named(cands[c], b, len, true, &dec[c], &dlen[c], &bad);
        if (st == BILAT_OK)
            conf[c] = 0;
        else if (st != BILAT_EDECODE)
            goto cleanup;
        st = BILAT_OK;
    }
    if (conf[0] < 0 && conf[1] < 0) {
        st = BILAT_EDECODE;
        goto cleanup;
    }
    if (conf[0] >= 0 && conf[1] >= 0) {
        /* both decode: let ICU's detector rank them */
        UErrorCode e = U_ZERO_ERROR;
        UCharsetDetector *det = ucsdet_open(&e);
        int32_t nm = 0;
        const UCharsetMatch **m = NULL;
        if (U_SUCCESS(e)) {
            ucsdet_setText(det, b, len > INT32_MAX ? INT32_MAX : (int32_t)len, &e);
            m = ucsdet_detectAll(det, &nm, &e);
        }
        for (int32_t i = 0; U_SUCCESS(e) && i < nm; i++) {
            UErrorCode e2 = U_ZERO_ERROR;
            const char *name = ucsdet_getName(m[i], &e2);
            int32_t cf = ucsdet_getConfidence(m[i], &e2);
            if (U_FAILURE(e2) || !name)
                continue;
            for (int c = 0; c < 2; c++)
                if (strcmp(name, cands[c]) == 0 && cf > conf[c])
                    conf[c] = cf;
        }
        ucsdet_close(det);
    }
    int pick = conf[0] >= conf[1] ? 0 : 1;
    *out = dec[pick];
    *outlen = dlen[pick];
    dec[pick] = NULL;
    *enc = cands[pick];
cleanup:
    free(dec[0]);
    free(dec[1]);
    return st;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strncasecmp(s + a - b, suffix, b) == 0;
}

/* HTML by name (.html, .htm, .xhtml, also compressed) or by its first bytes. */
bool bilat_text_is_html(const char *name, const char *text, size_t len)
{
    if (name) {
        static const char *const suffixes[] = {".html",    ".htm",    ".xhtml",
                                               ".html.gz", ".htm.gz", ".xhtml.gz",
                                               ".html.xz", ".htm.xz", ".xhtml.xz"};
        for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
            if (ends_with_ci(name, suffixes[i]))
                return true;
    }
    size_t i = 0;
    while (i < len &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    return (len - i >= 14 && strncasecmp(text + i, "<!DOCTYPE html", 14) == 0) ||
           (len - i >= 5 && strncasecmp(text + i, "<html", 5) == 0);
}

bilat_status_t bilat_decode(const char *bytes, size_t len, const char *name,
                            const char *encoding, bilat_doc_t **doc, size_t *repaired,
                            bilat_error_t *err)
{
    const unsigned char *s = (const unsigned char *)bytes;
    const char *src = name ? name : "<memory>";
    char *text = NULL;
    size_t tlen = 0;
    const char *enc = NULL;
    bilat_status_t st = BILAT_OK;
    bool bad = false;
    *doc = NULL;
    *repaired = 0;
    if (encoding) {
        UErrorCode e = U_ZERO_ERROR;
        UConverter *cnv = ucnv_open(encoding, &e);
        if (U_FAILURE(e))
            return bilat_error_set(err, BILAT_EINVAL, src, 0, 0, "unknown encoding '%s'",
                                   encoding);
        /* a static name: the MIME name, else the IANA one, else ICU's own */
        e = U_ZERO_ERROR;
        const char *icu = ucnv_getName(cnv, &e);
        UErrorCode e2 = U_ZERO_ERROR, e3 = U_ZERO_ERROR;
        enc = ucnv_getStandardName(icu, "MIME", &e2);
        if (U_FAILURE(e2) || !enc)
            enc = ucnv_getStandardName(icu, "IANA", &e3);
        if (U_FAILURE(e3) || !enc)
            enc = U_SUCCESS(e) ? ucnv_getAlias(icu, 0, &e) : NULL;
        if (!enc)
            enc = "forced";
        /* a forced encoding still drops its own BOM */
        size_t skip = 0;
        if (strncasecmp(enc, "UTF-8", 5) == 0 && len >= 3 &&
            memcmp(s, "\xef\xbb\xbf", 3) == 0)
            skip = 3;
        st = icu_to_utf8(cnv, bytes + skip, len - skip, false, &text, &tlen, &bad);
        ucnv_close(cnv);
        if (st != BILAT_OK)
            goto fail;
        /* ICU keeps a UTF-16 BOM as U+FEFF */
        if (tlen >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
            memmove(text, text + 3, tlen - 2);
            tlen -= 3;
        }
        goto done;
    }
    bool bom8 = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0;
    if (bom8) {
        bytes += 3;
        s += 3;
        len -= 3;
    } else if (len >= 2 &&
               ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        enc = s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        st = convert_named(enc, bytes + 2, len - 2, false, &text, &tlen, &bad);
        if (st != BILAT_OK)
            goto fail;
        goto done;
    } else if ((enc = utf16_guess(s, len)) != NULL) {
        st = convert_named(enc, bytes, len, false, &text, &tlen, &bad);
        if (st != BILAT_OK)
            goto fail;
        goto done;
    }
    /* with a UTF-8 BOM every ill-formed byte is repaired */
    size_t limit = bom8 ? len : len / 20 > 8 ? len / 20 : 8;
    size_t nbad, ctrl;
    utf8_scan(bytes, len, limit, &nbad, &ctrl);
    if (nbad > limit)
        ctrl = count_ctrl(s, len);
    if (!bom8 && binary_bytes(s, len, ctrl)) {
        st = BILAT_EBINARY;
        goto fail;
    }
    if (nbad == 0) {
        enc = "UTF-8";
        if (!(text = bilat_strndup(bytes, len)))
            goto nomem;
        tlen = len;
    } else if (nbad <= limit) {
        enc = "UTF-8";
        if (!(text = utf8_repair(bytes, len, &tlen)))
            goto nomem;
        *repaired = nbad;
    } else {
        st = decode_8bit(bytes, len, &text, &tlen, &enc);
        if (st != BILAT_OK)
            goto fail;
    }
done:
    *doc = calloc(1, sizeof **doc);
    if (!*doc || !((*doc)->id = bilat_strdup(src)))
        goto nomem;
    (*doc)->text = text;
    (*doc)->len = tlen;
    (*doc)->encoding = enc;
    (*doc)->repaired = *repaired > 0;
    (*doc)->html = bilat_text_is_html(name, text, tlen);
    return BILAT_OK;
nomem:
    st = BILAT_ENOMEM;
fail:
    free(text);
    bilat_doc_free(*doc);
    *doc = NULL;
    switch (st) {
    case BILAT_EBINARY:
        return bilat_error_set(err, st, src, 0, 0, "binary file skipped");
    case BILAT_EDECODE:
        return bilat_error_set(
            err, st, src, 0, 0,
            "undecodable text skipped (not UTF-8, UTF-16, windows-1256 "
            "or ISO-8859-6)");
    case BILAT_ENOMEM:
        return bilat_error_set(err, st, src, 0, 0, "out of memory");
    default:
        return bilat_error_set(err, st, src, 0, 0, "cannot decode: ICU converter failed");
    }
}

bilat_status_t bilat_doc_decode(const char *bytes, size_t len, const char *name,
                                const char *encoding, bilat_doc_t **doc,
                                bilat_error_t *err)
{
    size_t repaired;
    return bilat_decode(bytes, len, name, encoding, doc, &repaired, err);
}
