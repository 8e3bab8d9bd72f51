/* Unit tests of the gazetteer: loading and its checks, labels, every way of naming an
 * actor, the ambiguity rules, leaders' terms, extra files and their errors, and the
 * JSON Lines of `bilat mentions`.  The sentences are written for these tests. */
#include "bilat/bilat.h"
#include "gazetteer_internal.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bilat_gazetteer_t *gz;
static bilat_analyser_t *an;

/* The mentions of text as "CODE:via" separated by spaces ("" when none). */
static const char *scan(const char *text, const char *date)
{
    static char out[1024];
    out[0] = '\0';
    bilat_doc_t doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (char *)"t";
    doc.text = (char *)text;
    doc.len = strlen(text);
    bilat_text_t *t = NULL;
    bilat_mention_t *m = NULL;
    size_t n = 0;
    if (bilat_text_analyse(an, &doc, &t, NULL) != BILAT_OK)
        return "(analyse failed)";
    if (bilat_gazetteer_scan(gz, t, date, &m, &n, NULL) != BILAT_OK) {
        bilat_text_free(t);
        return "(scan failed)";
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%s:%s", i ? " " : "", m[i].code,
                 bilat_via_string(m[i].via));
    }
    free(m);
    bilat_text_free(t);
    return out;
}

/* The first mention of text (zeroed when none). */
static bilat_mention_t first(const char *text)
{
    bilat_mention_t r;
    memset(&r, 0, sizeof r);
    bilat_doc_t doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (char *)"t";
    doc.text = (char *)text;
    doc.len = strlen(text);
    bilat_text_t *t = NULL;
    bilat_mention_t *m = NULL;
    size_t n = 0;
    if (bilat_text_analyse(an, &doc, &t, NULL) == BILAT_OK &&
        bilat_gazetteer_scan(gz, t, NULL, &m, &n, NULL) == BILAT_OK && n)
        r = m[0];
    free(m);
    bilat_text_free(t);
    return r;
}

static void test_load_and_check(void)
{
    size_t problems = bilat_gazetteer_check(gz, stderr);
    INT_EQ(problems, 0, "codes known to ICU, every UN member with a nisba, no clashes");
    OK(bilat_actor_known(gz, "USA"), "USA known");
    OK(bilat_actor_known(gz, "XKX"), "Kosovo is XKX (override of ICU's XKK)");
    OK(!bilat_actor_known(gz, "XKK"), "ICU's XKK is not used");
    OK(bilat_actor_known(gz, "NATO"), "NATO known");
    OK(bilat_actor_known(gz, "ZWE"), "ICU territory known");
    OK(!bilat_actor_known(gz, "QQQ"), "QQQ unknown");
    OK(bilat_actor_is_org("NATO") && bilat_actor_is_org("OIC") &&
           bilat_actor_is_org("G20") && bilat_actor_is_org("EU") &&
           bilat_actor_is_org("IMF"),
       "organisation codes");
    OK(!bilat_actor_is_org("USA") && !bilat_actor_is_org("PSE"), "state codes");
    STR_EQ(bilat_via_string(BILAT_VIA_NISBA), "nisba", "via string");
    STR_EQ(bilat_via_string(BILAT_VIA_ORG), "org", "via string");
}

static void test_labels(void)
{
    char buf[128];
    STR_EQ(bilat_actor_label(gz, "USA", "en", buf, sizeof buf), "United States",
           "en label");
    STR_EQ(bilat_actor_label(gz, "USA", "ar", buf, sizeof buf), "الولايات المتحدة",
           "ar label");
    STR_EQ(bilat_actor_label(gz, "DEU", "fr", buf, sizeof buf), "Allemagne", "fr label");
    STR_EQ(bilat_actor_label(gz, "XKX", "en", buf, sizeof buf), "Kosovo",
           "override label");
    STR_EQ(bilat_actor_label(gz, "NATO", "ar", buf, sizeof buf), "حلف شمال الأطلسي",
           "org ar label");
    STR_EQ(bilat_actor_label(gz, "UN", "en", buf, sizeof buf), "United Nations",
           "org en label");
    STR_EQ(bilat_actor_label(gz, "UN", "de", buf, sizeof buf), "United Nations",
           "org label falls back to English");
    STR_EQ(bilat_actor_label(gz, "QQQ", "en", buf, sizeof buf), "QQQ", "unknown code");
    STR_EQ(bilat_actor_label(gz, "USA", "en", buf, 5), "Unit", "truncated");
    STR_EQ(bilat_actor_label(gz, "EGY", "ar", buf, 6), "مص",
           "truncated between characters");
}

static void test_names(void)
{
    STR_EQ(scan("وصلت المساعدات من الولايات المتحدة الأمريكية أمس", NULL), "USA:name",
           "full name is one mention");
    STR_EQ(scan("تدرس كوريا الشمالية العرض", NULL), "PRK:name", "longest match");
    STR_EQ(scan("قالت كوريا الجنوبية إنها سترد", NULL), "KOR:name", "South Korea");
    STR_EQ(scan("وقعت أمريكا وأميركا والسعودية", NULL), "USA:short USA:short SAU:short",
           "short names and spellings");
    STR_EQ(scan("المملكة العربية السعودية وبيلاروسيا وروسيا البيضاء", NULL),
           "SAU:name BLR:name BLR:name", "names with variants");
    STR_EQ(scan("ساحل العاج وكوت ديفوار", NULL), "CIV:name CIV:name", "Ivory Coast");
    STR_EQ(scan("جمهورية الكونغو الديمقراطية", NULL), "COD:name", "DR Congo");
    STR_EQ(scan("سلطنة عمان وفلسطين والإمارات", NULL), "OMN:name PSE:name ARE:short",
           "Oman, Palestine, the Emirates");
    STR_EQ(scan("بريطانيا والمملكة المتحدة", NULL), "GBR:short GBR:name", "Britain");
    STR_EQ(scan("واشنطن وموسكو وبكين وسول وطوكيو وإسلام أباد وبيونغ يانغ", NULL),
           "USA:capital RUS:capital CHN:capital KOR:capital JPN:capital PAK:capital "
           "PRK:capital",
           "capitals");
    STR_EQ(scan("كييف وطهران وأنقرة والرياض والقاهرة ودمشق وبغداد وتل أبيب", NULL),
           "UKR:capital IRN:capital TUR:capital SAU:capital EGY:capital SYR:capital "
           "IRQ:capital ISR:capital",
           "more capitals");
    STR_EQ(scan("Trump met Xi Jinping in Beijing", "2019-05-01"),
           "USA:leader CHN:leader CHN:capital", "English names");
}

static void test_clitics(void)
{
    STR_EQ(scan("والصين وبالسعودية وللولايات المتحدة وواشنطن", NULL),
           "CHN:name SAU:short USA:short USA:capital", "proclitics split off");
    STR_EQ(scan("بلغاريا ولبنان والي", NULL), "BGR:name LBN:name",
           "words that begin like clitics stay whole");
    bilat_mention_t m = first("والصين");
    INT_EQ(m.clitic, 2, "clitic bytes of «والصين»: و");
    INT_EQ(m.flags & BILAT_MENTION_DEFINITE, BILAT_MENTION_DEFINITE, "الصين is definite");
    m = first("للولايات المتحدة");
    STR_EQ(m.code, "USA", "لل + ولايات");
    INT_EQ(m.tok_end - m.tok_first, 2, "two tokens");
    INT_EQ(m.clitic, 4, "clitic bytes of «لل»");
}

static void test_nisba(void)
{
    STR_EQ(scan("قال وزير الدفاع الأمريكي إن", NULL), "USA:nisba", "nisba on a minister");
    STR_EQ(scan("أعلنت وزارة الدفاع الألبانية خطة", NULL), "ALB:nisba", "feminine nisba");
    STR_EQ(scan("بدأت مباحثات ليبية جزائرية أمس", NULL), "LBY:nisba DZA:nisba",
           "nisba chain");
    STR_EQ(scan("انعقدت قمة روسية-صينية في موسكو", NULL),
           "RUS:nisba CHN:nisba RUS:capital", "hyphenated nisba pair");
    STR_EQ(scan("استقبل الرئيس المصري نظيره الفرنسي", NULL), "EGY:nisba FRA:nisba",
           "president and counterpart");
    STR_EQ(scan("أصدرت الحكومة الكورية الجنوبية بيانا", NULL), "KOR:nisba",
           "two-word nisba");
    STR_EQ(scan("تحدث المسؤولون الكوريون الشماليون", NULL), "PRK:nisba",
           "two-word nisba, plural");
    STR_EQ(scan("شنت القوات الروسية هجوما", NULL), "RUS:nisba", "forces");
    bilat_mention_t m = first("القوات الروسية");
    INT_EQ(m.flags, BILAT_MENTION_DEFINITE | BILAT_MENTION_FEMININE, "definite feminine");
    m = first("التقى دبلوماسيان روسيان");
    INT_EQ(m.flags, BILAT_MENTION_DUAL, "dual");
    m = first("وصل مسؤولون أمريكيون");
    INT_EQ(m.flags, BILAT_MENTION_PLURAL, "plural");
    STR_EQ(scan("قتل جنود وأصيب الفلسطينيون", NULL), "PSE:nisba",
           "a plural nisba used as a noun names the people");
    STR_EQ(scan("ندد الروس والأتراك", NULL), "RUS:nisba TUR:nisba", "broken plurals");
    STR_EQ(scan("وصل ركاب أمريكيون إلى المطار", NULL), "", "passengers act for no state");
    STR_EQ(scan("اشترت الشركات الصينية أسهما", NULL), "", "firms act for no state");
    STR_EQ(scan("تحدثت الدول العربية", NULL), "", "العربية is no state");
    STR_EQ(scan("زار الكاتب المتحف الفرنسي", NULL), "", "no state body before the nisba");
    STR_EQ(scan("قال الرئيس الأمريكي السابق", NULL), "", "a former official");
    STR_EQ(scan("أكدت الخارجية السعودية وقالت السعودية", NULL), "SAU:nisba SAU:short",
           "same spelling as nisba and as name");
}

static void test_rules(void)
{
    STR_EQ(scan("وصل الوفد إلى العاصمة الأردنية عمان أمس", NULL), "JOR:nisba JOR:capital",
           "Amman next to Jordan");
    STR_EQ(scan("زار الوزير سلطنة عمان", NULL), "OMN:name", "the Sultanate");
    STR_EQ(scan("أرسلت عمان وفدا", NULL), "OMN:short", "Oman by default");
    STR_EQ(scan("غادر الوفد الليبي طرابلس", NULL), "LBY:nisba LBY:capital",
           "Tripoli near Libya");
    STR_EQ(scan("وصل إلى طرابلس في الشمال", NULL), "", "Tripoli elsewhere");
    STR_EQ(scan("يعارض الهجوم الأميركي أو الإسرائيلي", NULL), "USA:nisba ISR:nisba",
           "nisbas joined by «أو»");
    STR_EQ(scan("قالت جورجيا والأردن", NULL), "GEO:name JOR:name", "Georgia, Jordan");
    STR_EQ(scan("أصيب شاب من غزة برصاص الاحتلال", NULL), "PSE:short ISR:short",
           "the occupation in a Palestinian context");
    STR_EQ(scan("انتهى الاحتلال قبل قرن", NULL), "", "the occupation elsewhere");
    STR_EQ(scan("نقلت وكالة أنباء الصين الجديدة الخبر", NULL), "", "Xinhua");
    STR_EQ(scan("نقلت وكالة الأنباء الروسية الخبر", NULL), "", "an agency's nisba");
    STR_EQ(scan("ذكرت أسوشيتد برس الباكستانية", NULL), "", "an agency's nisba");
    STR_EQ(scan("كتبت صحيفة واشنطن بوست", NULL), "", "a newspaper's name");
    STR_EQ(scan("نقلت وكالة أنباء الإمارات", NULL), "", "an agency named after a state");
    STR_EQ(scan("تغير الوضع في شبه الجزيرة الكورية والشرق الأوسط", NULL), "", "regions");
    STR_EQ(scan("تنمو أمريكا اللاتينية وجنوب شرق آسيا وغرب البلقان", NULL), "",
           "more regions");
    STR_EQ(scan("اجتمع مجلس الأمن القومي", NULL), "", "a national security council");
    STR_EQ(scan("دبي، الإمارات العربية المتحدة (CNN)-- قالت إيران", NULL), "IRN:name",
           "dateline");
    STR_EQ(scan("بغداد ـ رويترز: زار الوزير الكويت", NULL), "KWT:name",
           "dateline with a tatweel dash");
}

static void test_orgs(void)
{
    STR_EQ(scan("الناتو وحلف شمال الأطلسي والاتحاد الأوروبي", NULL),
           "NATO:org NATO:org EU:org", "NATO, EU");
    STR_EQ(
        scan("مجلس الأمن الدولي والأمين العام للأمم المتحدة ومحكمة العدل الدولية", NULL),
        "UN:org UN:org UN:org", "UN organs");
    STR_EQ(scan("جامعة الدول العربية والجامعة العربية ومجلس التعاون الخليجي", NULL),
           "LAS:org LAS:org GCC:org", "LAS, GCC");
    STR_EQ(scan("صندوق النقد الدولي والبنك الدولي والوكالة الدولية للطاقة الذرية", NULL),
           "IMF:org WB:org IAEA:org", "IMF, WB, IAEA");
    STR_EQ(scan("منظمة الصحة العالمية والمحكمة الجنائية الدولية", NULL),
           "WHO:org ICC:org", "WHO, ICC");
    STR_EQ(scan("دخلت إجراءات #الاتحاد_الأوروبي حيز التنفيذ", NULL), "EU:org", "hashtag");
    STR_EQ(scan("لبناء #الجيش_الصومالي و#وزير_الخارجية_الأمريكي", NULL),
           "SOM:nisba USA:nisba", "nisbas in hashtags");
}

static void test_leaders(void)
{
    STR_EQ(scan("قال أوباما", "2010-03-01"), "USA:leader", "in office");
    STR_EQ(scan("قال أوباما", "2018-03-01"), "", "out of office");
    STR_EQ(scan("قال أوباما", NULL), "USA:leader", "no date: every holder counts");
    STR_EQ(scan("التقى الرئيس الأمريكي السابق باراك أوباما", NULL), "",
           "named as former");
    STR_EQ(scan("ترامب يبحث مع ولي العهد السعودي", "2018-05-01"), "USA:leader SAU:nisba",
           "leader and nisba");
    STR_EQ(scan("ترامب يتحدث", "2022-05-01"), "", "between Trump's terms");
    STR_EQ(scan("ترامب يتحدث", "2025-03-01"), "USA:leader", "second term");
    STR_EQ(scan("التقى لافروف وظريف والجبير وقرقاش", "2016-01-10"),
           "RUS:leader IRN:leader SAU:leader ARE:leader", "foreign ministers");
    STR_EQ(scan("بوتين وشي جين بينغ وأردوغان وماكرون وميركل ونتنياهو", "2019-06-01"),
           "RUS:leader CHN:leader TUR:leader FRA:leader DEU:leader ISR:leader",
           "heads of state and government");
    STR_EQ(scan("أبو مازن ومحمود عباس وبومبيو والمعلم وروحاني وخامنئي", "2019-06-01"),
           "PSE:leader PSE:leader USA:leader SYR:leader IRN:leader IRN:leader",
           "more leaders and foreign ministers");
    STR_EQ(scan("السيسي والأسد وكيم جونغ أون وزيلينسكي", "2020-01-01"),
           "EGY:leader SYR:leader PRK:leader UKR:leader", "leaders in 2020");
    STR_EQ(scan("ميدفيديف وبوش", "2009-01-01"), "RUS:leader USA:leader",
           "leaders in 2009");
    STR_EQ(scan("أكد أبو الغيط", "2008-01-01"), "EGY:leader", "same name, first office");
    STR_EQ(scan("أكد أبو الغيط", "2020-01-01"), "LAS:leader", "same name, second office");
}

static void test_followup_rules(void)
{
    STR_EQ(scan("حذر من المؤامرة الأميركية الإسرائيلية على البلد", NULL),
           "USA:nisba ISR:nisba", "a relation noun is a head");
    STR_EQ(scan("يتحدث الإنجليزية الفرنسية بطلاقة", NULL), "",
           "nisbas after no head do not pair");
    STR_EQ(scan("وصل الرئيس المالي إلى الجزائر", NULL), "MLI:nisba DZA:name",
           "the Malian president");
    STR_EQ(scan("قال وزير المالية إن الدعم المالي كاف", NULL), "",
           "the finance minister and financial support");
    STR_EQ(scan("صد الجيش هجوما إيرانيا", NULL), "IRN:nisba", "accusative nisba");
    STR_EQ(scan("هاجمت الميليشيا المدعومة إيرانيا القرية", NULL), "IRN:nisba",
           "backed by a state");
    STR_EQ(scan("دفع مليون دولارا أمريكيا", NULL), "", "the accusative of a currency");
    STR_EQ(scan("قتل جنديا أمريكيا وتريد روسيا الرد", NULL), "USA:nisba RUS:name",
           "accusative nisba; روسيا stays the name");
    STR_EQ(scan("قتل ثلاثة بأيد أمريكية", NULL), "USA:nisba", "by American hands");
    STR_EQ(scan("قالت وزارة الزراعة المصرية إن", NULL), "EGY:nisba",
           "a list word as written before a clitic split with an ending (و+زار+ة)");
    STR_EQ(scan("أعلنت الباراغوي وتشيك", NULL), "PRY:name CZE:name", "variant names");
    STR_EQ(scan("روسيا - أوكرانيا: جولة محادثات", NULL), "RUS:name UKR:name",
           "a headline pairing two states is no dateline");
    STR_EQ(scan("رفضت الحركة اتفاق أبوجا وحضرت مؤتمر باريس", NULL), "",
           "a venue naming an agreement or a conference");
    STR_EQ(scan("قال مدير المرصد ومقره لندن إن", NULL), "", "a seat");
    STR_EQ(scan("قالت أبوجا إن", NULL), "NGA:capital", "the capital for its government");
    STR_EQ(scan("وأكد أنه مصر على موقفه وقال إن مصر ترفض", NULL), "EGY:name",
           "«مُصِرّ» after a pronoun is no Egypt");
}

static void test_latin_case(void)
{
    STR_EQ(scan("Trump told us that the US and the WHO agree", "2019-05-01"),
           "USA:leader USA:short WHO:org", "acronyms need capitals: «us» is a word");
    STR_EQ(scan("TRUMP visits CHINA", "2019-05-01"), "USA:leader CHN:name",
           "capitals match");
    STR_EQ(scan("who said trump will eat rice", "2019-05-01"), "",
           "lower-case one-word names are words");
    STR_EQ(scan("the united states and saudi arabia", NULL), "USA:name SAU:name",
           "longer names in any case");
}

static void test_common_surnames(void)
{
    STR_EQ(scan("خرج الأسد من عرينه", NULL), "", "undated: the lion");
    STR_EQ(scan("قال الرئيس الأسد", NULL), "SYR:leader", "undated: with a title");
    STR_EQ(scan("وأكد المعلم أن الوفد سيصل", NULL), "SYR:leader",
           "undated: after a verb of saying");
    STR_EQ(scan("وقدم شكري للجميع", NULL), "", "undated: «my thanks»");
    STR_EQ(scan("ظهر الأسد في الصورة", "2012-01-01"), "SYR:leader", "dated: in term");
    STR_EQ(scan("التقى الوزير محمد الصفدي", NULL), "", "undated: a surname of many");
}

static void test_term_grace(void)
{
    STR_EQ(scan("تستعد إدارة ترامب لتسلم السلطة", "2017-01-19"), "USA:leader",
           "the eve of the inauguration");
    STR_EQ(scan("تستعد إدارة ترامب لتسلم السلطة", "2016-11-15"), "",
           "two months before: a candidate");
    STR_EQ(scan("قال عمرو موسى", "2001-05-01"), "EGY:leader",
           "a name of two actors changes hands on the day");
}

static void test_extra_files(void)
{
    const char *path = "test_gazetteer_extra.txt";
    FILE *f = fopen(path, "w");
    OK(f != NULL, "write extra file");
    if (!f)
        return;
    fputs("# extra records\nESP\n  short  المملكة الإيبيرية | شبه الجزيرة\nNATO\n  short "
          " الحلف\n"
          "USA\n  short  جورجيا\nPRT\n  short  شبه الجزيرة\n",
          f);
    fclose(f);
    const char *files[] = {path, NULL};
    bilat_gazetteer_t *g2 = NULL;
    bilat_error_t err;
    OK(bilat_gazetteer_load(files, &g2, &err) == BILAT_OK, "extra file loads");
    bilat_gazetteer_t *saved = gz;
    gz = g2;
    STR_EQ(scan("قالت المملكة الإيبيرية والحلف", NULL), "ESP:short NATO:org",
           "forms added by an extra file");
    STR_EQ(scan("قالت جورجيا", NULL), "USA:short", "a form overridden by an extra file");
    INT_EQ(bilat_gazetteer_check(gz, NULL), 1, "the check sees a form naming two actors");
    gz = saved;
    bilat_gazetteer_free(g2);

    static const struct {
        const char *text;
        int line;
        const char *reason;
    } bad[] = {
        {"USA\n  colour  أحمر\n", 2, "unknown field \"colour\""},
        {"  name  أحمر\n", 1, "field \"name\" outside a record"},
        {"usa\n", 1, "bad actor code \"usa\" (2-7 capital letters or digits)"},
        {"USA\n  leader 2001-13-01 - | بوش\n", 2,
         "bad date in leader term \"2001-13-01 -\" (YYYY-MM-DD or -)"},
        {"USA\n  short  أمريكا || أميركا\n", 2, "empty value between '|'"},
        {"@colours\n", 1, "unknown word list \"@colours\""},
        {"JOR\n\n  near  @nowhere | عمان\n", 3,
         "near needs \"@LIST [name|short|capital] | form…\", not \"@nowhere\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        f = fopen(path, "w");
        if (!f)
            return;
        fputs(bad[i].text, f);
        fclose(f);
        g2 = NULL;
        bilat_error_clear(&err);
        INT_EQ(bilat_gazetteer_load(files, &g2, &err), BILAT_EPARSE, "malformed file");
        OK(g2 == NULL, "no gazetteer on error");
        STR_EQ(err.source, path, "error names the file");
        INT_EQ(err.line, bad[i].line, "error line");
        STR_EQ(err.text, bad[i].reason, "error reason");
    }
    remove(path);
    const char *missing[] = {"no/such/gazetteer.txt", NULL};
    INT_EQ(bilat_gazetteer_load(missing, &g2, &err), BILAT_EIO, "missing file");
    STR_EQ(err.source, "no/such/gazetteer.txt", "missing file named");
}

static void test_mentions_write(void)
{
    const char *text = "زار ماكرونُ الصينَ.";
    bilat_doc_t doc;
    memset(&doc, 0, sizeof doc);
    doc.id = (char *)"doc1";
    doc.text = (char *)text;
    doc.len = strlen(text);
    doc.date = (char *)"2019-11-05";
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    OK(f != NULL, "memstream");
    if (!f)
        return;
    OK(bilat_mentions_write(gz, an, &doc, f, NULL) == BILAT_OK, "mentions_write");
    fclose(f);
    STR_EQ(buf,
           "{\"code\":\"FRA\",\"doc\":\"doc1\",\"end\":21,\"start\":7,"
           "\"surface\":\"ماكرونُ\",\"via\":\"leader\"}\n"
           "{\"code\":\"CHN\",\"doc\":\"doc1\",\"end\":34,\"start\":22,"
           "\"surface\":\"الصينَ\",\"via\":\"name\"}\n",
           "JSON Lines with byte offsets and the surface as written");
    free(buf);
}

static void test_victims(void)
{
    STR_EQ(scan("فتح الحرس النار على متظاهرين لبنانيين", NULL), "LBN:nisba",
           "protesters: the state's people");
    bilat_mention_t m = first("احتجزت الشرطة مواطنين كنديين");
    /* ـيين is also the dual's oblique: both flags */
    INT_EQ(m.flags, BILAT_MENTION_PLURAL | BILAT_MENTION_DUAL,
           "citizens: plural, so never a source");
    STR_EQ(m.code, "CAN", "citizens' state");
    STR_EQ(scan("أفرج عن أسرى أردنيين", NULL), "JOR:nisba", "prisoners");
    STR_EQ(scan("احتجزت الشرطة مواطنا كنديا", NULL), "",
           "a singular is a person, no people");
    STR_EQ(scan("قابل متظاهرين كنديات", NULL), "",
           "a feminine plural qualifies no noun here");
    STR_EQ(scan("فاز لاعبين كنديين", NULL), "", "players are no victims");
    m = first("شنوا هجوما على الشعب الكندي");
    STR_EQ(m.code, "CAN", "the people, object of an act");
    INT_EQ(m.flags, BILAT_MENTION_PLURAL | BILAT_MENTION_DEFINITE,
           "the people are flagged plural, never a source");
    STR_EQ(scan("أرسلوا الغذاء للشعب الكندي", NULL), "CAN:nisba",
           "after the proclitic ل");
    STR_EQ(scan("يتطلع الشعب الكندي إلى السلام", NULL), "", "the people as a subject");
    STR_EQ(scan("أرسلوا الغذاء للشعبين الكندي والياباني", NULL), "",
           "a dual pairs peoples");
    m = first("صوت مجلس الشعب الكندي");
    INT_EQ(m.flags, BILAT_MENTION_DEFINITE, "a body named after the people: the state");
    STR_EQ(scan("انتخب حزب الشعب الكندي رئيسه", NULL), "", "a party");
}

/* The mention's first token, bytes of proclitics and normalised start, as
 * "tok/clitic/nstart CODE". */
static const char *span(const char *text)
{
    static char out[64];
    bilat_mention_t m = first(text);
    snprintf(out, sizeof out, "%u/%u/%u %s", m.tok_first, m.clitic, m.nstart, m.code);
    return out;
}

static void test_bodies(void)
{
    /* Arabic letters are 2 bytes: «صوت » puts the body at byte 7, after «و» at 9. */
    STR_EQ(span("صوت البرلمان في كندا"), "1/0/7 CAN", "parliament in a state");
    STR_EQ(span("صوت والبرلمان في كندا"), "1/2/9 CAN", "after a conjunction");
    STR_EQ(span("رد مجلس الأمن القومي في كندا"), "1/0/5 CAN", "a block form of a body");
    STR_EQ(scan("رد مجلس الأمن القومي في كندا على روسيا", NULL), "CAN:name RUS:name",
           "one mention for the body");
    STR_EQ(span("رد الجيش في كندا"), "3/0/21 CAN", "no body: the place");
    STR_EQ(span("قال البرلمان في الأمم المتحدة"), "3/0/29 UN",
           "an organisation is no seat");
    STR_EQ(span("قال البرلمان في بيروت"), "3/0/29 LBN", "a capital is a place");
}

static void test_compounds(void)
{
    STR_EQ(scan("رفعوا الطلب الكندي-الياباني إلى اللجنة", NULL), "CAN:nisba JPN:nisba",
           "hyphenated nisbas qualify a joint undertaking");
    STR_EQ(scan("رفعوا الطلب الكندي الياباني إلى اللجنة", NULL), "",
           "nisbas side by side on a noun that is no head");
    STR_EQ(scan("شاهدنا الفيلم الكندي-الياباني", NULL), "", "a film is no state's");
    STR_EQ(scan("سقط النظام الليبي السابق", NULL), "LBY:nisba",
           "a former regime acted for its state");
    STR_EQ(scan("قال الوزير الليبي السابق", NULL), "", "a former minister does not");
}

int main(void)
{
    bilat_init();
    bilat_error_t err;
    OK(bilat_gazetteer_load(NULL, &gz, &err) == BILAT_OK, "embedded gazetteer loads");
    an = bilat_analyser_new(&err);
    OK(gz && an, "gazetteer and analyser");
    if (!gz || !an)
        return test_summary("test_gazetteer");
    test_load_and_check();
    test_labels();
    test_names();
    test_clitics();
    test_nisba();
    test_rules();
    test_orgs();
    test_leaders();
    test_followup_rules();
    test_latin_case();
    test_common_surnames();
    test_term_grace();
    test_victims();
    test_bodies();
    test_compounds();
    test_extra_files();
    test_mentions_write();
    bilat_analyser_free(an);
    bilat_gazetteer_free(gz);
    return test_summary("test_gazetteer");
}
