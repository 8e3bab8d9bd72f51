/* Unit tests of the text front end: normalisation rules, the offset map, tokens,
 * proclitics, sentence units of a news article, dates, HTML, and the offset round trip
 * over every sample. */
#include "bilat/bilat.h"
#include "harness.h"
#include "read_internal.h"
#include "text_internal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void norm_is(const char *in, const char *want, const char *what)
{
    size_t n = 0;
    char *got = bilat_normalise(in, strlen(in), &n);
    STR_EQ(got, want, what);
    INT_EQ(n, strlen(want), what);
    free(got);
}

static void test_normalise(void)
{
    norm_is("أَحْمَدُ", "احمد", "tashkeel removed, hamza alef unified");
    norm_is("إسرائيل آسيا ٱلقدس", "اسراييل اسيا القدس", "alef forms (and ئ)");
    norm_is("مصطفى", "مصطفي", "alef maqsura to yaa");
    norm_is("القاهرة", "القاهره", "taa marbuta to haa");
    norm_is("مسؤول رئيس", "مسوول رييس", "hamza on waw and yaa seats dropped");
    norm_is("سماء", "سماء", "bare hamza kept");
    norm_is("الـــصين", "الصين", "tatweel removed");
    norm_is("\xe2\x80\x8f"
            "مصر"
            "\xe2\x80\x8e"
            "\xd8\x9c",
            "مصر", "bidi marks removed");
    norm_is("ab\xe2\x80\x8b"
            "cd\xef\xbb\xbf",
            "abcd", "zero-width space and BOM removed");
    norm_is("کشمیر ہند", "كشمير هند", "Persian and Urdu letters");
    norm_is("٢٠٢٥ و۱۴۰۳", "2025 و1403", "Arabic-Indic and Eastern digits");
    norm_is("٣٫٥٪", "3.5%", "Arabic decimal separator and percent");
    norm_is("  a \t\r\n b\xc2\xa0"
            "c  ",
            "a b c", "white space runs collapsed and trimmed");
    norm_is("NATO Élysée", "nato élysée", "Latin lower-cased");
    norm_is("\xef\xbb\xbb \xef\xb7\xb2", "لا الله", "presentation forms by NFKC");
    norm_is("\xef\xac\x81 \xef\xbc\xa1", "fi a", "compatibility forms by NFKC");
    norm_is("«روسية-صينية»: نعم، لا؛ (ربما).", "«روسيه-صينيه»: نعم، لا؛ (ربما).",
            "punctuation kept");
    norm_is("", "", "empty");
    norm_is("\xd9\x8e\xd9\x80", "", "only marks");
}

static void test_map(void)
{
    /* أَحْمَد: أ(0) fatha(2) ح(4) sukun(6) م(8) د(10) */
    const char *s = "\xd8\xa3\xd9\x8e\xd8\xad\xd9\x92\xd9\x85\xd8\xaf \xd9\xa2";
    bilat_doc_t *d = bilat_doc_new("m", NULL, s, strlen(s));
    bilat_analyser_t *an = bilat_analyser_new(NULL);
    bilat_text_t *t = NULL;
    OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK, "analyse");
    STR_EQ(t->norm, "احمد 2", "norm");
    static const uint32_t want[] = {0, 0, 4, 4, 8, 8, 10, 10, 12, 13};
    INT_EQ(t->norm_len, 10, "norm length");
    for (int i = 0; i < 10; i++)
        INT_EQ(t->map[i], want[i], "map entry");
    INT_EQ(t->map[10], d->len, "map end is the document length");
    INT_EQ(t->ntoks, 2, "two tokens");
    INT_EQ(t->toks[0].kind, BILAT_TOK_WORD, "word");
    INT_EQ(t->toks[1].kind, BILAT_TOK_NUM, "number");
    INT_EQ(t->toks[1].space_before, 1, "space before the number");
    bilat_text_free(t);
    bilat_analyser_free(an);
    bilat_doc_free(d);
}

static void test_tokens(void)
{
    const char *s = "«روسية-صينية» 3.5 مليار G20،وقال";
    bilat_doc_t *d = bilat_doc_new("t", NULL, s, strlen(s));
    bilat_analyser_t *an = bilat_analyser_new(NULL);
    bilat_text_t *t = NULL;
    OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK, "analyse");
    static const char *const want[] = {"«",   "روسيه", "-",   "صينيه", "»",
                                       "3.5", "مليار", "g20", "،",     "وقال"};
    static const int kinds[] = {2, 0, 2, 0, 2, 1, 0, 0, 2, 0};
    static const int space[] = {0, 0, 0, 0, 0, 1, 1, 1, 0, 0};
    INT_EQ(t->ntoks, 10, "token count");
    for (uint32_t k = 0; k < t->ntoks && k < 10; k++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*s", (int)(t->toks[k].end - t->toks[k].start),
                 t->norm + t->toks[k].start);
        STR_EQ(buf, want[k], "token text");
        INT_EQ(t->toks[k].kind, kinds[k], "token kind");
        INT_EQ(t->toks[k].space_before, space[k], "space before");
    }
    bilat_text_free(t);
    bilat_analyser_free(an);
    bilat_doc_free(d);
}

static void clitics_are(const char *w, const uint32_t *want, int n)
{
    uint32_t pre[8];
    int got = bilat_clitic_splits(w, (uint32_t)strlen(w), pre);
    INT_EQ(got, n, w);
    for (int i = 0; i < n && i < got; i++)
        INT_EQ(pre[i], want[i], w);
}

static void test_clitics(void)
{
    clitics_are("والصين", (const uint32_t[]){6, 2, 0}, 3);
    clitics_are("بالصين", (const uint32_t[]){6, 2, 0}, 3);
    clitics_are("للصين", (const uint32_t[]){4, 2, 0}, 3);
    clitics_are("وللصين", (const uint32_t[]){6, 4, 2, 0}, 4);
    clitics_are("فبالتعاون", (const uint32_t[]){8, 4, 2, 0}, 4);
    clitics_are("كالولايات", (const uint32_t[]){6, 2, 0}, 3);
    clitics_are("الولايات", (const uint32_t[]){4, 0}, 2);
    clitics_are("لبنان", (const uint32_t[]){2, 0}, 2);
    clitics_are("بلغاريا", (const uint32_t[]){2, 0}, 2);
    clitics_are("والي", (const uint32_t[]){2, 0}, 2);
    clitics_are("وب", (const uint32_t[]){0}, 1);
    clitics_are("مصر", (const uint32_t[]){0}, 1);
    clitics_are("nato", (const uint32_t[]){0}, 1);
}

typedef struct want_unit {
    const char *text;
    uint32_t flags;
} want_unit_t;

enum { H = BILAT_UNIT_HEADLINE, M = BILAT_UNIT_META, R = BILAT_UNIT_RELATED };

/* Analyses text and checks its units (text and flags), the offset round trip, and
 * that each unit's norm is the normalisation of its original text. */
static void units_are(const char *text, const want_unit_t *want, size_t n,
                      const char *date, const char *what)
{
    bilat_doc_t *d = bilat_doc_new(what, NULL, text, strlen(text));
    bilat_analyser_t *an = bilat_analyser_new(NULL);
    bilat_text_t *t = NULL;
    OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK, what);
    INT_EQ(bilat_text_unit_count(t), n, what);
    for (size_t i = 0; i < n && i < bilat_text_unit_count(t); i++) {
        size_t a, b, nl;
        bilat_text_unit_span(t, i, &a, &b);
        char *got = bilat_strndup(d->text + a, b - a);
        STR_EQ(got, want[i].text, what);
        INT_EQ(t->units[i].flags, want[i].flags, want[i].text);
        const char *un = bilat_text_unit_norm(t, i, &nl);
        size_t gl;
        char *gn = bilat_normalise(got, strlen(got), &gl);
        OK(gl == nl && memcmp(gn, un, nl) == 0, "unit norm is the normalised unit text");
        free(gn);
        free(got);
    }
    if (date)
        STR_EQ(bilat_text_date(t), date, "article date");
    else
        OK(bilat_text_date(t) == NULL, "no article date");
    bilat_text_free(t);
    bilat_analyser_free(an);
    bilat_doc_free(d);
}

/* A news page written for this test: headline, date line, body with a period glued to
 * the next sentence, a question, a label glued to a headline, bullets, a source line. */
static const char article[] =
    "المغرب وإسبانيا تبحثان تعزيز التعاون في مجال الطاقة\n"
    "تاريخ النشر: 3rd, March 2024 GMT\n"
    "التقى وزير الخارجية المغربي نظيره الإسباني في الرباط، وبحث الجانبان ملفات الهجرة "
    "والطاقة.وأكد الوزيران أهمية الشراكة.\n"
    "\n"
    "هل ستوقع الدولتان اتفاقا جديدا؟ قال مسؤول إن ذلك «ممكن جدا.» ثم غادر!\n"
    "اقرأ أيضاًتونس والجزائر توقعان مذكرة تفاهم\n"
    "  • كينيا تستقبل وفدا من إثيوبيا\n"
    "• مصر تدين الهجوم على السودان • قطر ترحب بالاتفاق\n"
    "المصدر: وكالة الأنباء. القاهرة\n"
    "مقالات مشابهة\n"
    "- البرازيل والأرجنتين تتفقان على خط تجاري\n";

static const want_unit_t article_units[] = {
    {"المغرب وإسبانيا تبحثان تعزيز التعاون في مجال الطاقة", H},
    {"تاريخ النشر: 3rd, March 2024 GMT", M},
    {"التقى وزير الخارجية المغربي نظيره الإسباني في الرباط، وبحث الجانبان ملفات الهجرة "
     "والطاقة.",
     0},
    {"وأكد الوزيران أهمية الشراكة.", 0},
    {"هل ستوقع الدولتان اتفاقا جديدا؟", 0},
    {"قال مسؤول إن ذلك «ممكن جدا.»", 0},
    {"ثم غادر!", 0},
    {"اقرأ أيضاً", M | R},
    {"تونس والجزائر توقعان مذكرة تفاهم", H | R},
    {"كينيا تستقبل وفدا من إثيوبيا", H | R},
    {"مصر تدين الهجوم على السودان", H | R},
    {"قطر ترحب بالاتفاق", H | R},
    {"المصدر: وكالة الأنباء. القاهرة", M | R},
    {"مقالات مشابهة", M | R},
    {"البرازيل والأرجنتين تتفقان على خط تجاري", H | R},
};

static char *replace_all(const char *s, const char *from, const char *to)
{
    bilat_buf_t b;
    bilat_buf_init(&b);
    size_t fl = strlen(from);
    for (const char *p = s; *p;) {
        if (strncmp(p, from, fl) == 0) {
            bilat_buf_puts(&b, to);
            p += fl;
        } else {
            bilat_buf_putc(&b, *p++);
        }
    }
    return bilat_buf_take(&b);
}

static void test_segment(void)
{
    size_t n = sizeof article_units / sizeof article_units[0];
    units_are(article, article_units, n, "2024-03-03", "article");
    /* CRLF and CR line ends give the same units */
    char *crlf = replace_all(article, "\n", "\r\n");
    units_are(crlf, article_units, n, "2024-03-03", "article with CRLF");
    free(crlf);
    char *cr = replace_all(article, "\n", "\r");
    units_are(cr, article_units, n, "2024-03-03", "article with CR");
    free(cr);
    /* commas and semicolons do not end units; abbreviations and addresses keep theirs */
    const want_unit_t clause[] = {
        {"بحث الوزير، خلال لقائه مع نظيره؛ سبل التعاون مع أ.ف.ب وموقع news.example.com "
         "اليوم.",
         0}};
    units_are(
        "بحث الوزير، خلال لقائه مع نظيره؛ سبل التعاون مع أ.ف.ب وموقع news.example.com "
        "اليوم.",
        clause, 1, NULL, "clauses");
    /* an ellipsis runs on; numbered list items are headlines without their numbers */
    const want_unit_t lists[] = {
        {"إيطاليا.. غرق مركب قبالة السواحل", H}, {"قال الوزير… إن الحوار مستمر.", 0},
        {"تبدو الحياة بسيطة في القرى..", 0},     {"لكنها ليست كذلك.", 0},
        {"البرتغال تستضيف قمة للمناخ", H},       {"الهند وباكستان تتبادلان الأسرى", H}};
    units_are("إيطاليا.. غرق مركب قبالة السواحل\nقال الوزير… إن الحوار مستمر.\n"
              "تبدو الحياة بسيطة في القرى.. لكنها ليست كذلك.\n"
              "1. البرتغال تستضيف قمة للمناخ\n2- الهند وباكستان تتبادلان الأسرى\n",
              lists, 6, NULL, "ellipsis and numbered items");
    /* a line that only gives a date is metadata, and dates the article */
    const want_unit_t dated[] = {{"الهند وبنغلاديش تبحثان تقاسم المياه", H},
                                 {"الأحد 19 يناير 2025", M},
                                 {"قمة 5 مايو 2025 في الرياض بين مصر والسعودية.", 0}};
    units_are("الهند وبنغلاديش تبحثان تقاسم المياه\nالأحد 19 يناير 2025\n"
              "قمة 5 مايو 2025 في الرياض بين مصر والسعودية.\n",
              dated, 3, "2025-01-19", "date line");
    /* a label never spans a line break */
    const want_unit_t split_label[] = {{"اقرأ", H}, {"أيضاًالناتو يجتمع", H}};
    units_are("اقرأ\n\nأيضاًالناتو يجتمع\n", split_label, 2, NULL, "label across lines");
    /* a related-headlines list runs over headlines after its label and ends where a
     * sentence resumes the article */
    const want_unit_t related[] = {
        {"بحث الوزيران ملف الحدود.", 0},           {"مواضيع ذات صلة:", M | R},
        {"اليابان تمول مشروعا في الفلبين", H | R}, {"زيارة الوفد إلى فيتنام", H | R},
        {"وأضاف الوزير أن المحادثات ستستمر.", 0},  {"تايلاند تفتح حدودها", H}};
    units_are("بحث الوزيران ملف الحدود.\nمواضيع ذات صلة:\n"
              "• اليابان تمول مشروعا في الفلبين\n• زيارة الوفد إلى فيتنام\n"
              "وأضاف الوزير أن المحادثات ستستمر.\nتايلاند تفتح حدودها\n",
              related, 6, NULL, "related list");
    /* short credit lines are metadata; a sentence that opens the same way is not */
    const want_unit_t credits[] = {
        {"*نقلاً عن صحيفة محلية", M},
        {"نقلا عن مصادر رسمية، أعلنت الحكومة أنها ستستقبل الوفد الزائر غدا.", 0}};
    units_are("*نقلاً عن صحيفة محلية\n"
              "نقلا عن مصادر رسمية، أعلنت الحكومة أنها ستستقبل الوفد الزائر غدا.\n",
              credits, 2, NULL, "credit lines");
    /* trailing NUL, bidi mark and no-break space are not part of the last unit */
    const want_unit_t tail[] = {{"انتهى الاجتماع.", 0}};
    units_are("انتهى الاجتماع.\n\xe2\x80\x8f\xc2\xa0\n", tail, 1, NULL, "blank tail");
    char nul[64];
    size_t nl = (size_t)snprintf(nul, sizeof nul, "انتهى الاجتماع.\n");
    nul[nl] = '\0';
    bilat_doc_t *d = bilat_doc_new("nul", NULL, nul, nl + 1);
    bilat_analyser_t *an = bilat_analyser_new(NULL);
    bilat_text_t *t = NULL;
    OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK && t->nunits == 1,
       "NUL at the end");
    if (t && t->nunits == 1)
        INT_EQ(t->units[0].end, nl - 1, "unit ends at its period");
    bilat_text_free(t);
    bilat_analyser_free(an);
    bilat_doc_free(d);
    /* an embedded Latin post glued to the next Arabic sentence */
    const want_unit_t post[] = {{"Leaders meet in Rome, May 2, 2024", 0},
                                {"وقالت الحكومة إن اللقاء كان مثمرا.", 0}};
    units_are("Leaders meet in Rome, May 2, 2024وقالت الحكومة إن اللقاء كان مثمرا.", post,
              2, "2024-05-02", "Latin post glued to Arabic");
}

static void date_is(const char *text, const char *doc_date, const char *want)
{
    bilat_doc_t *d = bilat_doc_new("d", doc_date, text, strlen(text));
    bilat_analyser_t *an = bilat_analyser_new(NULL);
    bilat_text_t *t = NULL;
    OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK, "analyse");
    if (want)
        STR_EQ(bilat_text_date(t), want, text);
    else
        OK(bilat_text_date(t) == NULL, text);
    bilat_text_free(t);
    bilat_analyser_free(an);
    bilat_doc_free(d);
}

static void test_dates(void)
{
    date_is("عنوان\nتاريخ النشر: 19th, January 2025 GMT\nنص.", NULL, "2025-01-19");
    date_is("القاهرة في 2025-01-19 أعلنت الوزارة.", NULL, "2025-01-19");
    date_is("في ١٩ يناير ٢٠٢٥ أعلنت الوزارة.", NULL, "2025-01-19");
    date_is("في 7 كانون الثاني 2024 وصل الوفد.", NULL, "2024-01-07");
    date_is("في 5 تشرين الأول 2023 وصل الوفد.", NULL, "2023-10-05");
    date_is("يوم 12 جويلية 2016 أعلنت الوزارة.", NULL, "2016-07-12");
    date_is("نشر في 04/01/2017 الخبر.", NULL, "2017-01-04");
    date_is("لا تاريخ هنا، العدد 2025 فقط.", NULL, NULL);
    date_is("في 31 فبراير 1800 شيء.", NULL, NULL);
    /* the archive's date wins over a date in the body, not over a date line */
    date_is("في 3 مايو 2020 وقعت الحادثة.", "1999-12-31", "1999-12-31");
    date_is("عنوان\nتاريخ النشر: 2020-05-03\nنص.", "1999-12-31", "2020-05-03");
    /* a related-headline list does not date the page */
    date_is("نص بلا تاريخ.\nاقرأ أيضا\nخبر 3 مايو 2020", NULL, NULL);
    char out[11];
    OK(bilat_date_find("Thu, 11 Oct 2012 04:04:00", 25, out), "RFC 822 date");
    STR_EQ(out, "2012-10-11", "RFC 822 date");
    OK(bilat_date_find("2015-07-21 02:45:59", 19, out), "date and time");
    STR_EQ(out, "2015-07-21", "date and time");
    OK(!bilat_date_find("soon", 4, out), "no date");
    STR_EQ(out, "", "no date leaves an empty string");
}

static void test_html(void)
{
    const char *page =
        "<!DOCTYPE html><html><head><title>مصر والأردن تبحثان التعاون</title>"
        "<style>p{color:red}</style><script>var x = \"الهند\";</script></head>"
        "<body><p>التقى الوزير نظيره &amp; بحثا &laquo;الملف&raquo; "
        "&#1605;&#x635;&#1585;.</p><!-- تعليق --><p>ثم <b>غادر</b> "
        "الوفد.</p></body></html>";
    bilat_doc_t *d = NULL;
    OK(bilat_doc_decode(page, strlen(page), "page.txt", NULL, &d, NULL) == BILAT_OK,
       "decode");
    OK(d->html, "HTML by its first bytes");
    bilat_analyser_t *an = bilat_analyser_new(NULL);
    bilat_text_t *t = NULL;
    OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK, "analyse");
    STR_EQ(t->norm,
           "مصر والاردن تبحثان التعاون التقي الوزير نظيره & بحثا «الملف» مصر. ثم غادر "
           "الوفد.",
           "tags, comments, script and style skipped, entities decoded");
    INT_EQ(t->nunits, 3, "title and two sentences");
    if (t->nunits == 3) {
        INT_EQ(t->units[0].flags, BILAT_UNIT_HEADLINE, "title is a headline");
        char *u = bilat_strndup(d->text + t->units[2].start,
                                t->units[2].end - t->units[2].start);
        STR_EQ(u, "ثم <b>غادر</b> الوفد.", "original span keeps inner markup");
        free(u);
    }
    bilat_text_free(t);
    bilat_doc_free(d);
    const char *plain = "نص فيه <script>alert(1)</script> كما هو.";
    OK(bilat_doc_decode(plain, strlen(plain), "note.txt", NULL, &d, NULL) == BILAT_OK,
       "decode");
    OK(!d->html, "plain text with markup is not HTML");
    OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK, "analyse");
    OK(strstr(t->norm, "script") != NULL, "markup of plain text is text");
    bilat_text_free(t);
    bilat_doc_free(d);
    bilat_analyser_free(an);
}

/* Every unit of every sample: the original span, trimmed, is the unit's text, and its
 * normalisation is the unit's norm. */
static int roundtrip_dir(bilat_analyser_t *an, const char *dir)
{
    const char *const paths[] = {dir};
    bilat_reader_t *r = bilat_reader_new(paths, 1, NULL);
    bilat_doc_t *d;
    int docs = 0;
    while (bilat_reader_next(r, &d, NULL) == BILAT_OK && d) {
        bilat_text_t *t = NULL;
        OK(bilat_text_analyse(an, d, &t, NULL) == BILAT_OK, d->id);
        for (uint32_t i = 0; t && i < t->nunits; i++) {
            const bilat_unit_t *u = &t->units[i];
            OK(u->start < u->end && u->end <= d->len, "span inside the document");
            OK(!strchr(" \t\r\n", d->text[u->start]) &&
                   !strchr(" \t\r\n", d->text[u->end - 1]),
               "span trimmed");
            size_t gl;
            char *gn = bilat_normalise(d->text + u->start, u->end - u->start, &gl);
            OK(d->html || (gl == u->nend - u->nstart &&
                           memcmp(gn, t->norm + u->nstart, gl) == 0),
               d->id);
            free(gn);
        }
        bilat_text_free(t);
        bilat_doc_free(d);
        docs++;
    }
    bilat_reader_free(r);
    return docs;
}

static void test_samples(void)
{
    struct stat st;
    const char *dir = BILAT_SOURCE_ROOT "/samples";
    if (stat(dir, &st) != 0)
        return; /* the samples land with the foundation */
    bilat_analyser_t *an = bilat_analyser_new(NULL);
    int docs = roundtrip_dir(an, dir);
    OK(docs > 0, "samples read");
    bilat_analyser_free(an);
}

int main(void)
{
    bilat_init();
    test_normalise();
    test_map();
    test_tokens();
    test_clitics();
    test_segment();
    test_dates();
    test_html();
    test_samples();
    return test_summary("test_text");
}
