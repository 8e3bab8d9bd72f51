/* Unit tests of decoding and reading: every encoding (fixtures made here with ICU
 * converters), text/binary decisions, repaired UTF-8, forced encodings, the folder walk,
 * JSON Lines, .gz/.xz streams and their truncation, the line reader. */
#include "bilat/bilat.h"
#include "harness.h"
#include "read_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <unicode/ucnv.h>

/* Written for these tests. */
static const char headline[] = "المغرب وتونس تتفقان على تعزيز التعاون";
static const char body[] =
    "أعلنت وزارة الخارجية في بيان اليوم أن الوزير سيزور العاصمة الأسبوع المقبل لبحث "
    "العلاقات الثنائية والتعاون الاقتصادي بين البلدين.\n"
    "وقال المتحدث باسم الوزارة إن الزيارة تأتي في إطار التشاور المستمر، وإن الجانبين "
    "سيوقعان اتفاقية للنقل البحري.\n";

/* Converts UTF-8 text to the named encoding with ICU; caller frees. */
static char *encode(const char *enc, const char *u8, size_t *len)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t need = ucnv_convert(enc, "UTF-8", NULL, 0, u8, -1, &e);
    char *out = malloc((size_t)need + 1);
    e = U_ZERO_ERROR;
    *len = (size_t)ucnv_convert(enc, "UTF-8", out, need + 1, u8, -1, &e);
    OK(U_SUCCESS(e), enc);
    return out;
}

static void decodes_to(const char *bytes, size_t len, const char *want_enc,
                       const char *want, const char *what)
{
    bilat_doc_t *d = NULL;
    bilat_error_t err;
    bilat_status_t st = bilat_doc_decode(bytes, len, "x.txt", NULL, &d, &err);
    INT_EQ(st, BILAT_OK, what);
    if (st != BILAT_OK)
        return;
    STR_EQ(d->encoding, want_enc, what);
    STR_EQ(d->text, want, what);
    INT_EQ(d->len, strlen(want), what);
    STR_EQ(d->id, "x.txt", "id is the name");
    bilat_doc_free(d);
}

static void test_encodings(void)
{
    size_t n;
    char *b;
    decodes_to(body, strlen(body), "UTF-8", body, "UTF-8");
    char bom[1024];
    snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", headline);
    decodes_to(bom, strlen(bom), "UTF-8", headline, "UTF-8 with BOM");
    /* ICU's UTF-16 converter writes a BOM; UTF-16LE/BE do not */
    b = encode("UTF-16", body, &n);
    OK(n > 2 && ((unsigned char)b[0] == 0xFF || (unsigned char)b[0] == 0xFE),
       "fixture has a BOM");
    decodes_to(b, n, (unsigned char)b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", body,
               "UTF-16 with BOM");
    free(b);
    b = encode("UTF-16BE", body, &n);
    char *bb = malloc(n + 2);
    bb[0] = (char)0xFE;
    bb[1] = (char)0xFF;
    memcpy(bb + 2, b, n);
    decodes_to(bb, n + 2, "UTF-16BE", body, "UTF-16BE with BOM");
    free(bb);
    free(b);
    b = encode("UTF-16LE", body, &n);
    decodes_to(b, n, "UTF-16LE", body, "UTF-16LE without BOM");
    free(b);
    b = encode("UTF-16BE", headline, &n);
    decodes_to(b, n, "UTF-16BE", headline, "UTF-16BE without BOM");
    free(b);
    b = encode("windows-1256", body, &n);
    decodes_to(b, n, "windows-1256", body, "windows-1256 article");
    free(b);
    /* a short windows-1256 headline, which ICU's detector alone takes for ISO-8859-6 */
    const char *h2 = "سوريا: مصر تستقبل وفداً";
    b = encode("windows-1256", h2, &n);
    decodes_to(b, n, "windows-1256", h2, "windows-1256 headline");
    free(b);
    b = encode("ISO-8859-6", headline, &n);
    decodes_to(b, n, "ISO-8859-6", headline, "ISO-8859-6 headline");
    free(b);
    b = encode("ISO-8859-6", body, &n);
    decodes_to(b, n, "ISO-8859-6", body, "ISO-8859-6 article");
    free(b);
    /* CRLF kept as it is; a stray NUL keeps a UTF-8 file UTF-8 */
    const char crlf[] = "سطر أول\r\nسطر ثان\r\n";
    decodes_to(crlf, strlen(crlf), "UTF-8", crlf, "CRLF kept");
    char nul[512];
    size_t nl = (size_t)snprintf(nul, sizeof nul, "%s", headline);
    nul[nl] = '\0';
    bilat_doc_t *d = NULL;
    OK(bilat_doc_decode(nul, nl + 1, "n.txt", NULL, &d, NULL) == BILAT_OK, "stray NUL");
    if (d) {
        STR_EQ(d->encoding, "UTF-8", "stray NUL stays UTF-8");
        INT_EQ(d->len, nl + 1, "NUL kept in the text");
        bilat_doc_free(d);
    }
}

static void test_repair(void)
{
    /* two ill-formed bytes in an otherwise UTF-8 sentence */
    const char bad[] = "الصين وباكستان \xc3\x28 تتفقان \xfd على التعاون.";
    bilat_doc_t *d = NULL;
    size_t rep = 0;
    OK(bilat_decode(bad, strlen(bad), "r.txt", NULL, &d, &rep, NULL) == BILAT_OK,
       "repairable");
    if (d) {
        INT_EQ(rep, 2, "two bytes repaired");
        OK(d->repaired, "flagged repaired");
        STR_EQ(d->text, "الصين وباكستان \xef\xbf\xbd( تتفقان \xef\xbf\xbd على التعاون.",
               "each ill-formed byte is U+FFFD");
        bilat_doc_free(d);
    }
    /* windows-1256 text is far beyond the repair limit and is not mistaken for UTF-8 */
    size_t n;
    char *b = encode("windows-1256", body, &n);
    OK(bilat_decode(b, n, "w.txt", NULL, &d, &rep, NULL) == BILAT_OK, "cp1256");
    if (d) {
        INT_EQ(rep, 0, "nothing repaired");
        STR_EQ(d->encoding, "windows-1256", "cp1256 chosen");
        bilat_doc_free(d);
    }
    free(b);
}

/* Ill-formed bytes counted as a plain decoder counts them, wherever they fall in the
 * blocks the validator reads at once; a three-byte character anywhere stays valid. */
static void test_validator_offsets(void)
{
    const char *unit = "مصر و«تونس» ";
    char base[96];
    size_t bl = 0;
    while (bl + strlen(unit) < sizeof base) {
        memcpy(base + bl, unit, strlen(unit));
        bl += strlen(unit);
    }
    for (size_t pos = 0; pos < bl; pos++) {
        char b[96];
        memcpy(b, base, bl);
        b[pos] = (char)0xFF;
        size_t want = 0;
        for (size_t i = 0; i < bl;) {
            size_t j = i;
            want += bilat_utf8_next(b, bl, &j) == 0xFFFD;
            i = j;
        }
        bilat_doc_t *d = NULL;
        size_t rep = 0;
        OK(bilat_decode(b, bl, "v.txt", NULL, &d, &rep, NULL) == BILAT_OK, "decodes");
        INT_EQ(rep, want, "bad bytes at every offset");
        bilat_doc_free(d);
        /* a valid three-byte character (“) in place of an ASCII byte */
        if (base[pos] == ' ' && pos + 3 <= bl) {
            char c[100];
            memcpy(c, base, pos);
            memcpy(c + pos, "\xe2\x80\x9c", 3);
            memcpy(c + pos + 3, base + pos + 1, bl - pos - 1);
            OK(bilat_decode(c, bl + 2, "v.txt", NULL, &d, &rep, NULL) == BILAT_OK &&
                   rep == 0,
               "three-byte character at any offset");
            bilat_doc_free(d);
        }
    }
}

static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void is_binary(const char *b, size_t n, const char *what)
{
    bilat_doc_t *d = NULL;
    bilat_error_t err;
    bilat_status_t st = bilat_doc_decode(b, n, "bin", NULL, &d, &err);
    INT_EQ(st, BILAT_EBINARY, what);
    OK(d == NULL, "no document");
    if (st == BILAT_EBINARY)
        STR_EQ(err.text, "binary file skipped", what);
    bilat_doc_free(d);
}

static void test_binary(void)
{
    char *r = malloc(100000);
    for (size_t i = 0; i < 100000; i++)
        r[i] = (char)(rng() >> 11);
    is_binary(r, 100000, "random bytes");
    is_binary(r, 64, "64 random bytes");
    free(r);
    /* a PNG: signature, IHDR chunk, a few IDAT bytes */
    static const unsigned char png[] = {
        0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n', 0,    0,    0,    13,
        'I',  'H',  'D',  'R',  0,    0,    0,    16,   0,    0,    0,    16,
        8,    6,    0,    0,    0,    0x1f, 0xf3, 0xff, 0x61, 0,    0,    0,
        0x2c, 'I',  'D',  'A',  'T',  0x78, 0x9c, 0x63, 0x60, 0x18, 0x05, 0xa3,
        0x60, 0x14, 0x8c, 0x02, 0x08, 0x00, 0x00, 0x04};
    is_binary((const char *)png, sizeof png, "PNG");
    /* an ELF header of a 64-bit executable */
    unsigned char elf[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    elf[16] = 2;
    elf[18] = 0x3e;
    elf[20] = 1;
    elf[52] = 64;
    elf[54] = 56;
    is_binary((const char *)elf, sizeof elf, "ELF");
    /* NULs spread through ASCII are binary too, although valid UTF-8 */
    char z[200];
    for (int i = 0; i < 200; i++)
        z[i] = i % 3 ? 'a' : '\0';
    is_binary(z, sizeof z, "NULs between letters");
}

static void test_forced(void)
{
    size_t n;
    char *b = encode("ISO-8859-6", body, &n);
    bilat_doc_t *d = NULL;
    OK(bilat_doc_decode(b, n, "f.txt", "iso-8859-6", &d, NULL) == BILAT_OK, "forced");
    if (d) {
        STR_EQ(d->text, body, "forced ISO-8859-6");
        STR_EQ(d->encoding, "ISO-8859-6", "canonical name");
        bilat_doc_free(d);
    }
    free(b);
    bilat_error_t err;
    INT_EQ(bilat_doc_decode("abc", 3, "f.txt", "no-such-charset", &d, &err), BILAT_EINVAL,
           "bad converter name");
    STR_EQ(err.text, "unknown encoding 'no-such-charset'", "clear message");
    OK(d == NULL, "no document");
}

static void test_html_flag(void)
{
    bilat_doc_t *d = NULL;
    const char *t = "<p>نص</p>";
    OK(bilat_doc_decode(t, strlen(t), "a/page.HTM", NULL, &d, NULL) == BILAT_OK, "html");
    OK(d && d->html, "HTML by extension");
    bilat_doc_free(d);
    OK(bilat_doc_decode(t, strlen(t), "a/page.txt", NULL, &d, NULL) == BILAT_OK, "text");
    OK(d && !d->html, "plain text by default");
    bilat_doc_free(d);
    t = "\n<!doctype HTML><title>x</title>";
    OK(bilat_doc_decode(t, strlen(t), "a/page", NULL, &d, NULL) == BILAT_OK, "doctype");
    OK(d && d->html, "HTML by doctype");
    bilat_doc_free(d);
}

/* ---- files ----------------------------------------------------------------------- */

static char tmpdir[64];

static void write_file(const char *rel, const void *data, size_t n)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", tmpdir, rel);
    FILE *f = fopen(p, "wb");
    OK(f != NULL, p);
    if (!f)
        return;
    fwrite(data, 1, n, f);
    fclose(f);
}

static void mkdir_rel(const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", tmpdir, rel);
    OK(mkdir(p, 0755) == 0, p);
}

static unsigned char *gzip_bytes(const char *s, size_t n, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    OK(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK,
       "deflate");
    size_t cap = deflateBound(&z, (uLong)n) + 64;
    unsigned char *out = malloc(cap);
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    OK(deflate(&z, Z_FINISH) == Z_STREAM_END, "gzip");
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static unsigned char *xz_bytes(const char *s, size_t n, size_t *out_len)
{
    size_t cap = lzma_stream_buffer_bound(n);
    unsigned char *out = malloc(cap);
    *out_len = 0;
    OK(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, (const uint8_t *)s, n, out,
                               out_len, cap) == LZMA_OK,
       "xz");
    return out;
}

typedef struct diags {
    char text[4096];
    int warnings, skips;
} diags_t;

static void on_diag(void *u, bilat_severity_t sev, const char *src, int line,
                    const char *msg)
{
    diags_t *d = u;
    const char *base =
        strncmp(src, tmpdir, strlen(tmpdir)) == 0 ? src + strlen(tmpdir) + 1 : src;
    size_t l = strlen(d->text);
    snprintf(d->text + l, sizeof d->text - l, "%s:%d:%s:%s\n", sev ? "skip" : "warn",
             line, base, msg);
    if (sev == BILAT_SKIPPED)
        d->skips++;
    else
        d->warnings++;
}

/* Reads paths and lists "id|date|text" per document. */
static void read_all(const char *const *paths, size_t n, bool mtime, char *out,
                     size_t cap, diags_t *dg)
{
    bilat_read_options_t o = {0};
    o.diag = on_diag;
    o.diag_userdata = dg;
    o.date_from_mtime = mtime;
    memset(dg, 0, sizeof *dg);
    bilat_reader_t *r = bilat_reader_new(paths, n, &o);
    bilat_doc_t *d;
    out[0] = '\0';
    unsigned long seq = 0;
    while (bilat_reader_next(r, &d, NULL) == BILAT_OK && d) {
        const char *id = strncmp(d->id, tmpdir, strlen(tmpdir)) == 0
                             ? d->id + strlen(tmpdir) + 1
                             : d->id;
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s|%s|%s\n", id, d->date ? d->date : "-", d->text);
        INT_EQ(d->seq, seq++, "sequence numbers");
        bilat_doc_free(d);
    }
    unsigned long docs, skipped;
    bilat_reader_counts(r, &docs, &skipped, NULL);
    INT_EQ(docs, seq, "document count");
    INT_EQ(skipped, dg->skips, "skip count");
    bilat_reader_free(r);
}

static void test_walk(void)
{
    mkdir_rel("in");
    mkdir_rel("in/b");
    mkdir_rel("in/.hidden");
    write_file("in/b/2.txt", "b2", 2);
    write_file("in/b.txt", "b-dot", 5);
    write_file("in/a.txt", "aaa", 3);
    write_file("in/.secret.txt", "no", 2);
    write_file("in/.hidden/x.txt", "no", 2);
    write_file("in/empty.txt", "", 0);
    char bin[300];
    for (int i = 0; i < 300; i++)
        bin[i] = (char)(rng() >> 7);
    write_file("in/c.bin", bin, sizeof bin);
    char p[256], q[256];
    snprintf(p, sizeof p, "%s/in/b", tmpdir);
    snprintf(q, sizeof q, "%s/in/b/loop", tmpdir);
    OK(symlink(p, q) == 0, "loop link");
    snprintf(q, sizeof q, "%s/in/dangling.txt", tmpdir);
    OK(symlink("/nonexistent/bilat", q) == 0, "dangling link");
    snprintf(p, sizeof p, "%s/in/", tmpdir);
    char out[2048];
    diags_t dg;
    const char *const args[] = {p};
    read_all(args, 1, false, out, sizeof out, &dg);
    /* byte order of paths: "in/b.txt" < "in/b/2.txt" ('.' < '/') */
    STR_EQ(out, "in/a.txt|-|aaa\nin/b.txt|-|b-dot\nin/b/2.txt|-|b2\n",
           "walk order, ids, hidden entries skipped");
    STR_EQ(dg.text,
           "warn:0:in/b/loop:symbolic link loop skipped\n"
           "skip:0:in/c.bin:binary file skipped\n"
           "skip:0:in/dangling.txt:dangling symbolic link\n"
           "warn:0:in/empty.txt:empty file\n",
           "diagnostics");
    /* ids as reached: "./" and "//" removed */
    char rel[300];
    OK(chdir(tmpdir) == 0, "chdir");
    snprintf(rel, sizeof rel, ".//in/b/");
    const char *const args2[] = {rel, "in/a.txt"};
    read_all(args2, 2, false, out, sizeof out, &dg);
    STR_EQ(out, "in/b/2.txt|-|b2\nin/a.txt|-|aaa\n",
           "arguments in order, ids normalised");
    /* --date-from-mtime */
    snprintf(p, sizeof p, "%s/in/a.txt", tmpdir);
    struct timespec ts[2] = {{1700000000, 0}, {1700000000, 0}};
    OK(utimensat(AT_FDCWD, p, ts, 0) == 0, "utimensat");
    const char *const args3[] = {"in/a.txt"};
    read_all(args3, 1, true, out, sizeof out, &dg);
    STR_EQ(out, "in/a.txt|2023-11-14|aaa\n", "date from mtime");
    /* a forced encoding applies to every file; a bad one stops the walk */
    size_t n8;
    char *cp = encode("windows-1256", body, &n8);
    write_file("cp.txt", cp, n8);
    free(cp);
    bilat_read_options_t fo = {0};
    fo.encoding = "cp1256";
    const char *const argsf[] = {"cp.txt"};
    bilat_reader_t *fr = bilat_reader_new(argsf, 1, &fo);
    bilat_doc_t *fd = NULL;
    OK(bilat_reader_next(fr, &fd, NULL) == BILAT_OK && fd, "forced encoding");
    if (fd)
        STR_EQ(fd->text, body, "decoded with the forced converter");
    bilat_doc_free(fd);
    bilat_reader_free(fr);
    fo.encoding = "bogus-8";
    fr = bilat_reader_new(argsf, 1, &fo);
    bilat_error_t ferr;
    INT_EQ(bilat_reader_next(fr, &fd, &ferr), BILAT_EINVAL, "bad encoding is fatal");
    STR_EQ(ferr.text, "unknown encoding 'bogus-8'", "bad encoding message");
    bilat_reader_free(fr);
    const char *const args4[] = {"missing.txt"};
    read_all(args4, 1, false, out, sizeof out, &dg);
    STR_EQ(dg.text, "skip:0:missing.txt:cannot read: No such file or directory\n",
           "missing");
    bilat_reader_t *r = bilat_reader_new(args2, 2, NULL);
    INT_EQ(bilat_reader_total_bytes(r), 5, "total bytes of regular files");
    bilat_reader_free(r);
    if (geteuid() != 0) {
        write_file("noperm.txt", "x", 1);
        chmod("noperm.txt", 0);
        const char *const args5[] = {"noperm.txt"};
        read_all(args5, 1, false, out, sizeof out, &dg);
        STR_EQ(dg.text, "skip:0:noperm.txt:cannot read: Permission denied\n",
               "unreadable");
    }
}

static const char jsonl[] =
    "{\"id\": \"a1\", \"title\": \"عنوان\", \"text\": \"نص أول.\", \"date\": "
    "\"04/01/2017\"}\n"
    "{\"id\": 42, \"text\": \"نص ثان.\", \"date\": \"Thu, 11 Oct 2012 04:04:00\"}\r\n"
    "\n"
    "{\"id\": \"bad\", \"text\": \n"
    "{\"id\": \"c3\", \"title\": null, \"text\": \"نص ثالث.\", \"date\": null}\n"
    "[1, 2]\n"
    "{\"id\": \"d4\", \"text\": \"آخر\\u0000\"}";

static const char jsonl_docs[] =
    "a1|2017-01-04|عنوان\n\nنص أول.\n"
    "42|2012-10-11|نص ثان.\n"
    "c3|-|نص ثالث.\n"
    "d4|-|آخر\n"; /* its NUL (\u0000) is in the text, after what %s prints */

static void test_jsonl(void)
{
    write_file("arts.jsonl", jsonl, strlen(jsonl));
    char out[2048];
    diags_t dg;
    const char *const args[] = {"arts.jsonl"};
    read_all(args, 1, false, out, sizeof out, &dg);
    STR_EQ(out, jsonl_docs, "JSONL articles");
    STR_EQ(dg.text,
           "skip:4:arts.jsonl:malformed JSON line skipped: unexpected token near end of "
           "file\n"
           "skip:6:arts.jsonl:malformed JSON line skipped: not an object\n",
           "malformed lines reported with their numbers");
    size_t n;
    unsigned char *gz = gzip_bytes(jsonl, strlen(jsonl), &n);
    write_file("arts.jsonl.gz", gz, n);
    /* cut inside the last article: the complete ones before it are kept */
    write_file("cut.jsonl.gz", gz, n - 30);
    free(gz);
    unsigned char *xz = xz_bytes(jsonl, strlen(jsonl), &n);
    write_file("arts.jsonl.xz", xz, n);
    write_file("cut.jsonl.xz", xz, n / 2);
    free(xz);
    const char *const args2[] = {"arts.jsonl.gz", "arts.jsonl.xz"};
    bilat_reader_t *r = bilat_reader_new(args2, 2, NULL);
    INT_EQ(bilat_reader_total_bytes(r), 2 * strlen(jsonl),
           "decompressed sizes for progress");
    bilat_reader_free(r);
    read_all(args2, 2, false, out, sizeof out, &dg);
    char want[4096];
    snprintf(want, sizeof want, "%s%s", jsonl_docs, jsonl_docs);
    STR_EQ(out, want, "compressed JSONL");
    const char *const args3[] = {"cut.jsonl.gz"};
    read_all(args3, 1, false, out, sizeof out, &dg);
    OK(strncmp(out, "a1|", 3) == 0 && strstr(out, "d4|") == NULL,
       "complete articles kept");
    OK(strstr(dg.text, "skip:0:cut.jsonl.gz:truncated gzip stream\n") != NULL,
       "gzip truncation");
    const char *const args4[] = {"cut.jsonl.xz"};
    read_all(args4, 1, false, out, sizeof out, &dg);
    OK(strstr(dg.text, "skip:0:cut.jsonl.xz:truncated xz stream\n") != NULL,
       "xz truncation");
}

static void test_compressed_text(void)
{
    size_t n, gl;
    unsigned char *gz = gzip_bytes(body, strlen(body), &gl);
    write_file("art.txt.gz", gz, gl);
    unsigned char *xz = xz_bytes(body, strlen(body), &n);
    write_file("art.txt.xz", xz, n);
    write_file("cut.txt.gz", gz, gl - 5);
    free(gz);
    free(xz);
    const char *const args[] = {"art.txt.gz", "art.txt.xz", "cut.txt.gz"};
    bilat_read_options_t o = {0};
    diags_t dg = {0};
    o.diag = on_diag;
    o.diag_userdata = &dg;
    bilat_reader_t *r = bilat_reader_new(args, 3, &o);
    bilat_doc_t *d;
    int docs = 0;
    while (bilat_reader_next(r, &d, NULL) == BILAT_OK && d) {
        STR_EQ(d->text, body, d->id);
        docs++;
        bilat_doc_free(d);
    }
    INT_EQ(docs, 2, "gz and xz documents");
    STR_EQ(dg.text, "skip:0:cut.txt.gz:truncated gzip stream\n",
           "truncated text file skipped");
    unsigned long long bytes;
    bilat_reader_counts(r, NULL, NULL, &bytes);
    INT_EQ(bytes, 2 * strlen(body), "bytes after decompression");
    bilat_reader_free(r);
}

static void test_lines(void)
{
    const char ev[] = "one\r\ntwo\n\nthree";
    size_t n;
    unsigned char *xz = xz_bytes(ev, strlen(ev), &n);
    write_file("ev.jsonl.xz", xz, n);
    free(xz);
    bilat_lines_t *l = NULL;
    OK(bilat_lines_open("ev.jsonl.xz", &l, NULL) == BILAT_OK, "open");
    static const char *const want[] = {"one", "two", "", "three"};
    const char *line;
    size_t len;
    long no;
    for (int i = 0; i < 4; i++) {
        OK(bilat_lines_next(l, &line, &len, &no, NULL) == BILAT_OK, "next");
        STR_EQ(line, want[i], "line");
        INT_EQ(len, strlen(want[i]), "length");
        INT_EQ(no, i + 1, "line number");
    }
    OK(bilat_lines_next(l, &line, &len, &no, NULL) == BILAT_OK && line == NULL, "end");
    bilat_lines_close(l);
    bilat_error_t err;
    xz = xz_bytes(ev, strlen(ev), &n);
    write_file("evcut.jsonl.xz", xz, n - 8);
    free(xz);
    OK(bilat_lines_open("evcut.jsonl.xz", &l, NULL) == BILAT_OK, "open truncated");
    bilat_status_t st = BILAT_OK;
    for (int i = 0; i < 6 && st == BILAT_OK; i++)
        st = bilat_lines_next(l, &line, &len, &no, &err);
    INT_EQ(st, BILAT_EIO, "truncated stream is an error");
    STR_EQ(err.text, "truncated xz stream", "truncation message");
    bilat_lines_close(l);
    INT_EQ(bilat_lines_open("none.jsonl", &l, &err), BILAT_EIO, "missing file");
    STR_EQ(err.text, "cannot read: No such file or directory", "message");
    /* one long line without a newline, read in many chunks */
    size_t big = 3u << 20;
    char *s = malloc(big);
    memset(s, 'x', big);
    write_file("long.txt", s, big);
    free(s);
    OK(bilat_lines_open("long.txt", &l, NULL) == BILAT_OK, "open long");
    OK(bilat_lines_next(l, &line, &len, &no, NULL) == BILAT_OK, "long line");
    INT_EQ(len, big, "long line length");
    bilat_lines_close(l);
}

/* Standard input, read from a file put on descriptor 0. */
static void read_stdin_from(const char *file, char *out, size_t cap, diags_t *dg)
{
    int saved = dup(STDIN_FILENO);
    int fd = open(file, O_RDONLY);
    OK(fd >= 0 && dup2(fd, STDIN_FILENO) == STDIN_FILENO, "stdin redirected");
    close(fd);
    const char *const args[] = {"-"};
    read_all(args, 1, false, out, cap, dg);
    dup2(saved, STDIN_FILENO);
    close(saved);
}

static void test_stdin(void)
{
    char out[2048];
    diags_t dg;
    write_file("plain.txt", body, strlen(body));
    read_stdin_from("plain.txt", out, sizeof out, &dg);
    char want[2048];
    snprintf(want, sizeof want, "<stdin>|-|%s\n", body);
    STR_EQ(out, want, "one document from stdin");
    /* JSON Lines, compressed, recognised by content */
    read_stdin_from("arts.jsonl.xz", out, sizeof out, &dg);
    STR_EQ(out, jsonl_docs, "JSONL from stdin");
    OK(strstr(dg.text, "skip:4:<stdin>:malformed JSON line skipped") != NULL,
       "stdin line numbers");
    write_file("blank.txt", "", 0);
    read_stdin_from("blank.txt", out, sizeof out, &dg);
    STR_EQ(dg.text, "warn:0:<stdin>:empty file\n", "empty stdin");
}

static void remove_tree(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    OK(system(cmd) == 0, "cleanup");
}

int main(void)
{
    bilat_init();
    test_encodings();
    test_repair();
    test_validator_offsets();
    test_binary();
    test_forced();
    test_html_flag();
    snprintf(tmpdir, sizeof tmpdir, "/tmp/bilat-test-decode-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    char cwd[4096];
    OK(getcwd(cwd, sizeof cwd) != NULL, "getcwd");
    test_walk();
    test_jsonl();
    test_compressed_text();
    test_lines();
    test_stdin();
    OK(chdir(cwd) == 0, "chdir back");
    remove_tree();
    return test_summary("test_decode");
}
