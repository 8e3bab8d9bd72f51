/* Unit tests of the patterns module: the lexicon loader and each relation pattern, on
 * sentences written for these tests.  Mentions are given by hand (surface → code), so
 * the patterns are tested apart from the gazetteer. */
#include "bilat/bilat.h"
#include "harness.h"
#include "patterns_internal.h"
#include "text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct spec {
    const char *surface; /* the name as written, one or more words */
    const char *code;
    int via;
    int flags;
} spec_t;

#define NAME(s, c)                                                                       \
    {                                                                                    \
        s, c, BILAT_VIA_NAME, 0                                                          \
    }
#define NISBA(s, c)                                                                      \
    {                                                                                    \
        s, c, BILAT_VIA_NISBA, 0                                                         \
    }
/* A state's people: a plural nisba used as a noun, or «الشعب» + nisba (the gazetteer
 * flags both plural). */
#define PEOPLE(s, c)                                                                     \
    {                                                                                    \
        s, c, BILAT_VIA_NISBA, BILAT_MENTION_PLURAL                                      \
    }
#define END                                                                              \
    {                                                                                    \
        NULL, NULL, 0, 0                                                                 \
    }

static bilat_extractor_t *ex;
static bilat_analyser_t *an;

/* Finds the mentions of specs in t, in order: a token ending with the first word
 * (the rest of the token is proclitics) followed by the further words. */
static size_t find_mentions(const bilat_text_t *t, const spec_t *specs,
                            bilat_mention_t *m)
{
    size_t n = 0;
    uint32_t pos = 0;
    for (const spec_t *s = specs; s->surface; s++) {
        size_t nlen;
        char *norm = bilat_normalise(s->surface, strlen(s->surface), &nlen);
        char *words[4];
        size_t nw = 0;
        for (char *save = NULL, *w = strtok_r(norm, " ", &save); w && nw < 4;
             w = strtok_r(NULL, " ", &save))
            words[nw++] = w;
        for (uint32_t k = pos; k + nw <= t->ntoks; k++) {
            const bilat_token_t *tk = &t->toks[k];
            size_t wl = strlen(words[0]), tl = tk->end - tk->start;
            if (tl < wl || memcmp(t->norm + tk->end - wl, words[0], wl) != 0)
                continue;
            size_t j = 1;
            while (
                j < nw && t->toks[k + j].end - t->toks[k + j].start == strlen(words[j]) &&
                memcmp(t->norm + t->toks[k + j].start, words[j], strlen(words[j])) == 0)
                j++;
            if (j < nw)
                continue;
            bilat_mention_t *x = &m[n++];
            memset(x, 0, sizeof *x);
            x->tok_first = k;
            x->tok_end = k + (uint32_t)nw;
            x->nstart = tk->start;
            x->nend = t->toks[k + nw - 1].end;
            x->clitic = (uint8_t)(tl - wl);
            x->via = (uint8_t)s->via;
            x->flags = (uint16_t)s->flags;
            snprintf(x->code, sizeof x->code, "%s", s->code);
            pos = k + (uint32_t)nw;
            break;
        }
        free(norm);
    }
    return n;
}

/* Extracts text with the given mentions; returns the events as a compact summary:
 * "A>B TYPE" (directed) or "A-B TYPE", with "!" before negated ones, joined by "; ". */
static char *extract(const char *text, const spec_t *specs)
{
    static char out[1024];
    bilat_doc_t *doc = bilat_doc_new("test", "2024-05-01", text, strlen(text));
    bilat_text_t *t = NULL;
    bilat_events_t evs;
    bilat_events_init(&evs);
    out[0] = '\0';
    if (bilat_text_analyse(an, doc, &t, NULL) == BILAT_OK) {
        bilat_mention_t m[16];
        size_t n = find_mentions(t, specs, m);
        if (bilat_extract_mentions(ex, t, m, n, &evs, NULL) != BILAT_OK)
            snprintf(out, sizeof out, "error");
    }
    for (size_t i = 0; i < evs.n; i++) {
        const bilat_event_t *e = &evs.v[i];
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s%s%s%s%s %s", i ? "; " : "",
                 e->negated ? "!" : "", e->source, e->directed ? ">" : "-", e->target,
                 bilat_type_string(e->type));
    }
    bilat_events_destroy(&evs);
    bilat_text_free(t);
    bilat_doc_free(doc);
    return out;
}

static void test_coordination(void)
{
    STR_EQ(extract("الصين وباكستان تتفقان على توسيع التجارة",
                   (spec_t[]){NAME("الصين", "CHN"), NAME("باكستان", "PAK"), END}),
           "CHN-PAK AGREE", "coordinated subject before a dual verb");
    STR_EQ(extract("تبحث مصر والسودان ملف مياه النيل",
                   (spec_t[]){NAME("مصر", "EGY"), NAME("السودان", "SDN"), END}),
           "EGY-SDN CONSULT", "verb first, coordinated subject after it");
    STR_EQ(extract("الهند واليابان وأستراليا تتفق على مناورات",
                   (spec_t[]){NAME("الهند", "IND"), NAME("اليابان", "JPN"),
                              NAME("أستراليا", "AUS"), END}),
           "IND-JPN AGREE; AUS-IND AGREE; AUS-JPN AGREE", "three co-subjects, all pairs");
    STR_EQ(extract("#البرازيل و #الأرجنتين ترسلان مساعدات لـ #بوليفيا 👏",
                   (spec_t[]){NAME("البرازيل", "BRA"), NAME("الأرجنتين", "ARG"),
                              NAME("بوليفيا", "BOL"), END}),
           "BRA>BOL AID; ARG>BOL AID", "a post: hashtags coordinated, ل written apart");
    STR_EQ(extract("#البرازيل #الأرجنتين تتفقان",
                   (spec_t[]){NAME("البرازيل", "BRA"), NAME("الأرجنتين", "ARG"), END}),
           "", "two hashtags side by side are a list of tags, not a conjunction");
    STR_EQ(extract("اختتم المنتدى الذي جمع قادة تشاد والنيجر ومالي أعماله",
                   (spec_t[]){NAME("تشاد", "TCD"), NAME("النيجر", "NER"),
                              NAME("مالي", "MLI"), END}),
           "NER-TCD CONSULT; MLI-TCD CONSULT; MLI-NER CONSULT",
           "a meeting that gathers leaders pairs them all");
    STR_EQ(extract("تشاد والنيجر تجريان مناورات عسكرية على الحدود",
                   (spec_t[]){NAME("تشاد", "TCD"), NAME("النيجر", "NER"), END}),
           "NER-TCD COOPERATE", "co-subjects of a light verb and a symmetric noun");
    STR_EQ(extract("ناقشت تشاد مع النيجر جهود الوساطة",
                   (spec_t[]){NAME("تشاد", "TCD"), NAME("النيجر", "NER"), END}),
           "NER-TCD CONSULT", "«مع» right before the partner");
    STR_EQ(extract("تعمل تشاد تزامنا مع تصاعد الأزمة الاقتصادية لدى جارتها النيجر",
                   (spec_t[]){NAME("تشاد", "TCD"), NAME("النيجر", "NER"), END}),
           "", "«مع» far before a name introduces no partner");
    STR_EQ(extract("احتفلت تشاد يوم جمعه بعيد الاستقلال مع النيجر",
                   (spec_t[]){NAME("تشاد", "TCD"), NAME("النيجر", "NER"), END}),
           "", "«جمعة» (Friday) is no verb of meeting");
    STR_EQ(extract("كينيا تستقبل طلبة من أوغندا",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("أوغندا", "UGA"), END}),
           "KEN-UGA CONSULT", "a word written with ة is no verb with a pronoun (طلب|ه)");
}

static void test_inflection(void)
{
    STR_EQ(extract("المغرب والجزائر سيلتقيان الأسبوع المقبل",
                   (spec_t[]){NAME("المغرب", "MAR"), NAME("الجزائر", "DZA"), END}),
           "DZA-MAR CONSULT", "future dual of a weak verb (التقى)");
    STR_EQ(extract("كوريا واليابان لم تتفقا",
                   (spec_t[]){NAME("كوريا", "KOR"), NAME("اليابان", "JPN"), END}),
           "!JPN-KOR AGREE", "jussive dual after لم, negated");
    STR_EQ(extract("وزراء السويد يدعون النرويج إلى الحوار",
                   (spec_t[]){NAME("السويد", "SWE"), NAME("النرويج", "NOR"), END}),
           "SWE>NOR REQUEST", "plural present of دعا");
}

static void test_with(void)
{
    STR_EQ(extract("الناتو يناقش مع اليابان وكوريا الجنوبية أمن البحار",
                   (spec_t[]){NAME("الناتو", "NATO"), NAME("اليابان", "JPN"),
                              NAME("كوريا الجنوبية", "KOR"), END}),
           "JPN-NATO CONSULT; KOR-NATO CONSULT", "X + verb + مع Y وZ, no Y-Z pair");
    STR_EQ(extract("بحث وزير الخارجية الإسباني، خلال لقائه مع نظيره المغربي، ملف الهجرة",
                   (spec_t[]){NISBA("الإسباني", "ESP"), NISBA("المغربي", "MAR"), END}),
           "ESP-MAR CONSULT", "verb first with officials and لقائه مع");
}

static void test_directed(void)
{
    STR_EQ(extract("إسرائيل تقصف غزة ليلا",
                   (spec_t[]){NAME("إسرائيل", "ISR"), NAME("غزة", "PSE"), END}),
           "ISR>PSE ASSAULT", "transitive verb, subject first");
    STR_EQ(extract("وأدانت تركيا بشدة اليونان",
                   (spec_t[]){NAME("تركيا", "TUR"), NAME("اليونان", "GRC"), END}),
           "TUR>GRC ACCUSE", "transitive verb, subject after the verb");
    STR_EQ(extract("واشنطن تفرض عقوبات جديدة على كراكاس",
                   (spec_t[]){NAME("واشنطن", "USA"), NAME("كراكاس", "VEN"), END}),
           "USA>VEN SANCTION", "فرض عقوبات على");
    STR_EQ(extract("دعم الصين وإيران وبيلاروسيا لروسيا يقلق الأوروبيين",
                   (spec_t[]){NAME("الصين", "CHN"), NAME("إيران", "IRN"),
                              NAME("بيلاروسيا", "BLR"), NAME("روسيا", "RUS"), END}),
           "CHN>RUS SUPPORT; IRN>RUS SUPPORT; BLR>RUS SUPPORT",
           "verbal noun: genitive agents, prepositional target, no pair among agents");
    STR_EQ(extract("غارة إسرائيلية على دمشق",
                   (spec_t[]){NISBA("إسرائيلية", "ISR"), NAME("دمشق", "SYR"), END}),
           "ISR>SYR ASSAULT", "nisba agent of a noun, target after على");
}

static void test_nisba(void)
{
    STR_EQ(extract("مباحثات ليبية جزائرية حول الحدود",
                   (spec_t[]){NISBA("ليبية", "LBY"), NISBA("جزائرية", "DZA"), END}),
           "DZA-LBY CONSULT", "nisba pair on a relation noun");
    STR_EQ(extract("اتفاق أمريكي-صيني بشأن الرسوم",
                   (spec_t[]){NISBA("أمريكي", "USA"), NISBA("صيني", "CHN"), END}),
           "CHN-USA AGREE", "hyphenated nisba pair");
    STR_EQ(extract("تشهد العلاقات التشيلية البيروفية توترا",
                   (spec_t[]){NISBA("التشيلية", "CHL"), NISBA("البيروفية", "PER"), END}),
           "CHL-PER ACCUSE", "relations take the type of the noun after them");
    STR_EQ(extract("التحرك القطري التركي يربك المنطقة",
                   (spec_t[]){NISBA("القطري", "QAT"), NISBA("التركي", "TUR"), END}),
           "QAT-TUR COOPERATE", "a nisba compound without a trigger");
    STR_EQ(extract("الوفود الصينية والمصرية تصل",
                   (spec_t[]){NISBA("الصينية", "CHN"), NISBA("المصرية", "EGY"), END}),
           "", "nisbas coordinated with و are no compound");
    STR_EQ(extract("مقتل جنديين سوريين برصاص الجيش الإسرائيلي",
                   (spec_t[]){NISBA("سوريين", "SYR"), NISBA("الإسرائيلي", "ISR"), END}),
           "ISR>SYR ASSAULT", "victims named before an attack noun");
    STR_EQ(extract("تقدم العرض البرازيلي-الأرجنتيني-التشيلي للاستضافة",
                   (spec_t[]){NISBA("البرازيلي", "BRA"), NISBA("الأرجنتيني", "ARG"),
                              NISBA("التشيلي", "CHL"), END}),
           "ARG-BRA COOPERATE; BRA-CHL COOPERATE; ARG-CHL COOPERATE",
           "a chain of three nisbas pairs all of them");
}

static void test_reference(void)
{
    STR_EQ(extract("كرّم الحفل الزعيم الكوبي الذي اغتالته أمريكا",
                   (spec_t[]){NISBA("الكوبي", "CUB"), NAME("أمريكا", "USA"), END}),
           "USA>CUB ASSAULT", "an object pronoun on the verb refers back");
    STR_EQ(extract("طردت فرنسا خمسة دبلوماسيين روس، فيما طردت ألمانيا دبلوماسيين اثنين",
                   (spec_t[]){NAME("فرنسا", "FRA"), NISBA("روس", "RUS"),
                              NAME("ألمانيا", "DEU"), END}),
           "FRA>RUS SANCTION; DEU>RUS SANCTION", "an elided target repeats the last one");
    STR_EQ(extract("طردت بولندا ثلاثة دبلوماسيين إيرانيين. وطرد دبلوماسي واحد في كل من "
                   "النرويج والبرتغال، ودبلوماسيان في كل من اليونان",
                   (spec_t[]){NAME("بولندا", "POL"), NISBA("إيرانيين", "IRN"),
                              NAME("النرويج", "NOR"), NAME("البرتغال", "PRT"),
                              NAME("اليونان", "GRC"), END}),
           "POL>IRN SANCTION; NOR>IRN SANCTION; PRT>IRN SANCTION; GRC>IRN SANCTION",
           "expulsions «في كل من» a list: each listed state expelled");
    STR_EQ(extract("سقطت قذائف في كل من النرويج والبرتغال",
                   (spec_t[]){NAME("النرويج", "NOR"), NAME("البرتغال", "PRT"), END}),
           "", "places listed with «في كل من» after other acts stay places");
    STR_EQ(extract("أعلنت كندا انسحابها من الاتفاق النووي المكسيكي",
                   (spec_t[]){NAME("كندا", "CAN"), NISBA("المكسيكي", "MEX"), END}),
           "CAN>MEX REJECT", "withdrawal from an agreement, possessive noun");
    STR_EQ(extract("أدانت مصر القصف الإسرائيلي على لبنان",
                   (spec_t[]){NAME("مصر", "EGY"), NISBA("الإسرائيلي", "ISR"),
                              NAME("لبنان", "LBN"), END}),
           "EGY>ISR ACCUSE; ISR>LBN ASSAULT", "a verb and the event noun it governs");
    STR_EQ(extract("تدين الهجوم الإسرائيلي على غزة",
                   (spec_t[]){NISBA("الإسرائيلي", "ISR"), NAME("غزة", "PSE"), END}),
           "ISR>PSE ASSAULT", "a nisba on the verb's object noun is not its subject");
    STR_EQ(extract("ناقش البرلمان التركي مسألة قصف الشمال العراقي",
                   (spec_t[]){NISBA("التركي", "TUR"), NISBA("العراقي", "IRQ"), END}),
           "TUR>IRQ ASSAULT", "a nisba on the genitive of an attack noun is its target");
    STR_EQ(extract("وصفت القصف الجوي التركي بالخطير",
                   (spec_t[]){NISBA("التركي", "TUR"), END}),
           "", "a nisba after an adjective sharing the article is the agent");
}

static void test_speech(void)
{
    STR_EQ(extract("قال الرئيس الكيني إن بلاده تدعم إثيوبيا",
                   (spec_t[]){NISBA("الكيني", "KEN"), NAME("إثيوبيا", "ETH"), END}),
           "KEN>ETH SUPPORT", "بلاده in reported speech is the speaker's state");
    STR_EQ(extract("أعلن الرئيس الغاني أمس أنه سيزور نيجيريا",
                   (spec_t[]){NISBA("الغاني", "GHA"), NAME("نيجيريا", "NGA"), END}),
           "GHA>NGA CONSULT", "«أنه» in reported speech is the speaker");
    STR_EQ(extract("وقالت كندا في بيان: «ندين الهجوم على بوروندي»",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("بوروندي", "BDI"), END}),
           "CAN>BDI ACCUSE", "«we» in a quote is the state that speaks");
    STR_EQ(extract("ترامب لكوبا: الوقت ينفد",
                   (spec_t[]){
                       {"ترامب", "USA", BILAT_VIA_LEADER, 0}, NAME("كوبا", "CUB"), END}),
           "USA>CUB ACCUSE", "a headline speaker and its addressee");
    STR_EQ(extract("فيديو.. كندا: فنزويلا تهدد المنطقة",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("فنزويلا", "VEN"), END}),
           "CAN>VEN ACCUSE", "a headline speaker after a label closed by dots");
    STR_EQ(extract("كندا: ارتفاع صادرات القمح إلى فنزويلا",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("فنزويلا", "VEN"), END}),
           "", "a state after a preposition in a headline statement is no addressee");
    STR_EQ(extract("أبلغ الرئيس الغاني نظيره التوغولي بقرار الحكومة",
                   (spec_t[]){NISBA("الغاني", "GHA"), NISBA("التوغولي", "TGO"), END}),
           "GHA-TGO CONSULT", "informing a counterpart is contact");
    STR_EQ(extract("قال الوزير إن كندا ستنسحب من مالي قريبا",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("مالي", "MLI"), END}),
           "", "leaving a country is no relation; leaving an agreement is");
}

static void test_claims(void)
{
    STR_EQ(extract("قالت كندا إن فنزويلا ترعى الإرهاب في المنطقة",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("فنزويلا", "VEN"), END}),
           "CAN>VEN ACCUSE", "a state reporting another's wrongdoing accuses it");
    STR_EQ(extract("قالت كندا إن فنزويلا تشهد انتخابات في الربيع",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("فنزويلا", "VEN"), END}),
           "", "a statement about a third party without blame");
    STR_EQ(extract("قالت كندا إن فنزويلا تنتهك الاتفاقيات",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("فنزويلا", "VEN"), END}),
           "CAN>VEN ACCUSE", "a verb of wrongdoing in the reported clause");
    STR_EQ(extract("أكد الرئيس البوليفي أن طائرات بيروفية قصفت قرى حدودية",
                   (spec_t[]){NISBA("البوليفي", "BOL"), NISBA("بيروفية", "PER"), END}),
           "PER>BOL ASSAULT", "a reported attack with no target hit the speaker's state");
    STR_EQ(extract("قالت كندا إن فنزويلا قصفت كولومبيا",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("فنزويلا", "VEN"),
                              NAME("كولومبيا", "COL"), END}),
           "CAN>VEN ACCUSE; VEN>COL ASSAULT",
           "a reported attack accuses its agent, not its target");
}

static void test_verb_or_noun(void)
{
    STR_EQ(extract("طرد الأردن السفير الإيراني",
                   (spec_t[]){NAME("الأردن", "JOR"), NISBA("الإيراني", "IRN"), END}),
           "JOR>IRN SANCTION", "a verb form before its subject is the verb");
    STR_EQ(extract("دعم الهند وروسيا لصربيا مستمر",
                   (spec_t[]){NAME("الهند", "IND"), NAME("روسيا", "RUS"),
                              NAME("صربيا", "SRB"), END}),
           "IND>SRB SUPPORT; RUS>SRB SUPPORT", "the same form as a verbal noun");
    STR_EQ(extract("أعلنت تركيا قصف مواقع داخل الأراضي السورية",
                   (spec_t[]){NAME("تركيا", "TUR"), NISBA("السورية", "SYR"), END}),
           "", "after a name the form is the noun; its target is no state");
    STR_EQ(extract("فاجأ قرار النمسا طرد سفير المجر المراقبين",
                   (spec_t[]){NAME("النمسا", "AUT"), NAME("المجر", "HUN"), END}),
           "AUT>HUN SANCTION", "a noun's target after an official's title");
    STR_EQ(extract("أعلنت هولندا طرد دبلوماسيين سودانيين",
                   (spec_t[]){NAME("هولندا", "NLD"), NISBA("سودانيين", "SDN"), END}),
           "NLD>SDN SANCTION", "a nisba on indefinite officials is the noun's target");
    STR_EQ(extract("أرسلت اليونان مساعدات بدعم من قبرص",
                   (spec_t[]){NAME("اليونان", "GRC"), NAME("قبرص", "CYP"), END}),
           "", "a preposition on the form rules the verb out");
}

static void test_between(void)
{
    STR_EQ(extract("تتواصل الاشتباكات بين الهند وباكستان",
                   (spec_t[]){NAME("الهند", "IND"), NAME("باكستان", "PAK"), END}),
           "IND-PAK ASSAULT", "relation noun + بين X وY");
    STR_EQ(extract("المسافة بين الهند وباكستان كبيرة",
                   (spec_t[]){NAME("الهند", "IND"), NAME("باكستان", "PAK"), END}),
           "", "بين without a relation word");
}

static void test_modality(void)
{
    STR_EQ(extract("لم تتفق كينيا وأوغندا أمس على الحدود، ووقعت الدولتان اتفاقية للمياه",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("أوغندا", "UGA"), END}),
           "KEN-UGA AGREE", "a negated act yields to one that happened in the unit");
    STR_EQ(extract("لم تتفق فرنسا وألمانيا على الميزانية",
                   (spec_t[]){NAME("فرنسا", "FRA"), NAME("ألمانيا", "DEU"), END}),
           "!DEU-FRA AGREE", "negated");
    STR_EQ(extract("اليابان تدعم أستراليا، وإذا هاجمت إيران السعودية فإن كندا سترد",
                   (spec_t[]){NAME("اليابان", "JPN"), NAME("أستراليا", "AUS"),
                              NAME("إيران", "IRN"), NAME("السعودية", "SAU"),
                              NAME("كندا", "CAN"), END}),
           "JPN>AUS SUPPORT", "a conditional cancels only its own clause");
    STR_EQ(extract("هل تهاجم تركيا اليونان؟",
                   (spec_t[]){NAME("تركيا", "TUR"), NAME("اليونان", "GRC"), END}),
           "", "question");
    STR_EQ(extract("كندا تهدد بالرد في حال هاجمت الدنمارك سفنها",
                   (spec_t[]){NAME("كندا", "CAN"), NAME("الدنمارك", "DNK"), END}),
           "CAN>DNK THREATEN", "a threat conditional on another state's act targets it");
    STR_EQ(extract("رفضت مصر عرض إثيوبيا",
                   (spec_t[]){NAME("مصر", "EGY"), NAME("إثيوبيا", "ETH"), END}),
           "EGY>ETH REJECT", "a refusal is a relation");
}

static void test_places_and_typing(void)
{
    STR_EQ(extract("اجتمع وزير الخارجية التركي مع نظيره الأردني في قطر",
                   (spec_t[]){NISBA("التركي", "TUR"), NISBA("الأردني", "JOR"),
                              NAME("قطر", "QAT"), END}),
           "JOR-TUR CONSULT", "a place after في is no party");
    STR_EQ(extract("اتهمت تركيا اليونان بقصف قارب",
                   (spec_t[]){NAME("تركيا", "TUR"), NAME("اليونان", "GRC"), END}),
           "TUR>GRC ACCUSE", "the governing verb types the pair");
    STR_EQ(extract("روسيا: مباحثات مع الصين الأسبوع المقبل",
                   (spec_t[]){NAME("روسيا", "RUS"), NAME("الصين", "CHN"), END}),
           "CHN-RUS CONSULT", "headline speaker as the agent");
    STR_EQ(extract("القاهرة، مصر (وكالات) - السعودية تدعم السودان",
                   (spec_t[]){NAME("القاهرة", "EGY"), NAME("مصر", "EGY"),
                              NAME("السعودية", "SAU"), NAME("السودان", "SDN"), END}),
           "SAU>SDN SUPPORT", "a dateline is no party");
    STR_EQ(extract("صعّد النائب من هجومه على البرازيل وانتقد الأرجنتين",
                   (spec_t[]){NAME("البرازيل", "BRA"), NAME("الأرجنتين", "ARG"), END}),
           "", "a name after a preposition is no subject");
    STR_EQ(extract("تتواصل حرب أرمينيا في أذربيجان",
                   (spec_t[]){NAME("أرمينيا", "ARM"), NAME("أذربيجان", "AZE"), END}),
           "ARM>AZE ASSAULT", "an agent's war in a state is on that state");
    STR_EQ(extract("تتواصل الحرب في أذربيجان وأرمينيا تراقب",
                   (spec_t[]){NAME("أذربيجان", "AZE"), NAME("أرمينيا", "ARM"), END}),
           "", "a war without agent: the state is a place");
    STR_EQ(extract("الأزمة ضربت فرنسا وإيطاليا",
                   (spec_t[]){NAME("فرنسا", "FRA"), NAME("إيطاليا", "ITA"), END}),
           "", "co-mention alone");
}

static void test_anaphora(void)
{
    STR_EQ(extract("زار الرئيس الفرنسي المغرب أمس. ووقع البلدان اتفاقا للطاقة.",
                   (spec_t[]){NISBA("الفرنسي", "FRA"), NAME("المغرب", "MAR"), END}),
           "FRA>MAR CONSULT; FRA-MAR AGREE", "البلدان reaches back to the last pair");
    STR_EQ(extract("تشاد والنيجر جارتان، ويبحث البلدان الحدود، أما مالي وغانا فقد وقع "
                   "البلدان اتفاقا، وقال الرئيس الغاني إن بلاده تدعم توغو",
                   (spec_t[]){NAME("تشاد", "TCD"), NAME("النيجر", "NER"),
                              NAME("مالي", "MLI"), NAME("غانا", "GHA"),
                              NISBA("الغاني", "GHA"), NAME("توغو", "TGO"), END}),
           "NER-TCD CONSULT; GHA-MLI AGREE; GHA>TGO SUPPORT",
           "each anaphor reaches back to the pair before it, بلاده to the speaker");
}

static void test_event_fields(void)
{
    const char *text = "العنوان\nاليابان تدعم أستراليا.";
    bilat_doc_t *doc = bilat_doc_new("d1", "2024-05-01", text, strlen(text));
    bilat_text_t *t = NULL;
    bilat_events_t evs;
    bilat_events_init(&evs);
    OK(bilat_text_analyse(an, doc, &t, NULL) == BILAT_OK, "analyse");
    bilat_mention_t m[4];
    size_t n = find_mentions(
        t, (spec_t[]){NAME("اليابان", "JPN"), NAME("أستراليا", "AUS"), END}, m);
    OK(bilat_extract_mentions(ex, t, m, n, &evs, NULL) == BILAT_OK, "extract");
    INT_EQ(evs.n, 1, "one event");
    if (evs.n == 1) {
        const bilat_event_t *e = &evs.v[0];
        STR_EQ(e->doc, "d1", "doc");
        STR_EQ(e->date, "2024-05-01", "date");
        STR_EQ(e->trigger, "تدعم", "trigger as in the text");
        STR_EQ(e->text, "اليابان تدعم أستراليا.", "unit text");
        INT_EQ(e->start, strlen("العنوان\n"), "unit start");
        INT_EQ(e->end, strlen(text), "unit end");
        OK(e->score == 3.5, "lexicon score");
        char key[17];
        size_t nl;
        const char *norm = bilat_text_unit_norm(t, 1, &nl);
        bilat_event_key("JPN", "AUS", BILAT_SUPPORT, norm, nl, key);
        STR_EQ(e->key, key, "key over the normalised unit");
    }
    bilat_events_destroy(&evs);
    bilat_text_free(t);
    bilat_doc_free(doc);
}

/* A related-headline list (BILAT_UNIT_RELATED, set by the text front end after a label
 * such as «اقرأ أيضا») links other stories: its events carry no date, and its leaders
 * are read with no date either.  The flag is set by hand here, apart from the front end.
 */
static void test_related(void)
{
    const char *text = "ترامب يزور الصين.\nترامب يزور الصين";
    bilat_doc_t *doc = bilat_doc_new("r1", "2012-05-01", text, strlen(text));
    bilat_gazetteer_t *gz = NULL;
    bilat_extractor_t *gex = NULL;
    bilat_text_t *t = NULL;
    bilat_events_t evs;
    bilat_events_init(&evs);
    OK(bilat_gazetteer_load(NULL, &gz, NULL) == BILAT_OK, "gazetteer");
    OK(bilat_extractor_new(gz, NULL, &gex, NULL) == BILAT_OK, "extractor");
    OK(bilat_text_analyse(an, doc, &t, NULL) == BILAT_OK, "analyse");
    INT_EQ(t ? t->nunits : 0, 2, "two units");
    if (!gz || !gex || !t || t->nunits != 2)
        goto cleanup;
    STR_EQ(bilat_text_date(t), "2012-05-01", "page date");
    t->units[1].flags |= BILAT_UNIT_RELATED;
    OK(bilat_extract_text(gex, t, &evs, NULL) == BILAT_OK, "extract");
    /* In 2012 «ترامب» held no office: the body sentence names no state; the related
     * headline, dateless, does. */
    INT_EQ(evs.n, 1, "one event, from the related headline");
    if (evs.n == 1) {
        OK(evs.v[0].date == NULL, "no date on a related headline's event");
        STR_EQ(evs.v[0].source, "USA", "source");
        STR_EQ(evs.v[0].target, "CHN", "target");
        INT_EQ(evs.v[0].start, strlen("ترامب يزور الصين.\n"), "the second unit");
    }
cleanup:
    bilat_events_destroy(&evs);
    bilat_text_free(t);
    bilat_extractor_free(gex);
    bilat_gazetteer_free(gz);
    bilat_doc_free(doc);
}

/* ORGREF: «الحلف» stands for NATO once the article has named it, with proclitics
 * (وللحلف); not before, and not qualified by a nisba (a university, not the League). */
static void test_orgref(void)
{
    STR_EQ(
        extract("عقد حلف شمال الأطلسي قمته. وانتقد الحلف روسيا بشدة.",
                (spec_t[]){NAME("حلف شمال الأطلسي", "NATO"), NAME("روسيا", "RUS"), END}),
        "NATO>RUS ACCUSE", "the alliance named before");
    STR_EQ(
        extract("انتقد الحلف روسيا. وعقد حلف شمال الأطلسي قمته.",
                (spec_t[]){NAME("روسيا", "RUS"), NAME("حلف شمال الأطلسي", "NATO"), END}),
        "", "not named yet");
    STR_EQ(extract("عقد الناتو قمته. واليابان تبحث مع الحلف الأمن.",
                   (spec_t[]){NAME("الناتو", "NATO"), NAME("اليابان", "JPN"), END}),
           "JPN-NATO CONSULT", "after a preposition");
    STR_EQ(extract("اجتمعت الجامعة العربية. وانتقدت الجامعة الأمريكية روسيا.",
                   (spec_t[]){NAME("الجامعة العربية", "LAS"), NISBA("الأمريكية", "USA"),
                              NAME("روسيا", "RUS"), END}),
           "USA>RUS ACCUSE", "a nisba makes it another body, not the League");
}

/* Words that keep a name out of a relation: «من» before a name makes it an origin, not
 * a subject; «مكافحة» takes the blame out of «الإرهاب»; «بخلاف» is "unlike"; and a
 * colon makes a speaker only in a headline or right after the name opening a unit. */
static void test_non_relations(void)
{
    STR_EQ(extract("التقى الوزير بشخصيات من ليبيا واليمن.",
                   (spec_t[]){NAME("ليبيا", "LBY"), NAME("اليمن", "YEM"), END}),
           "", "people from two states are no co-subjects");
    STR_EQ(extract("قال الرئيس الأمريكي إن نيجيريا ماضية في مكافحة الإرهاب.",
                   (spec_t[]){NISBA("الأمريكي", "USA"), NAME("نيجيريا", "NGA"), END}),
           "", "fighting terrorism blames nobody");
    STR_EQ(extract("قال الرئيس الأمريكي إن نيجيريا ماضية في نشر الإرهاب.",
                   (spec_t[]){NISBA("الأمريكي", "USA"), NAME("نيجيريا", "NGA"), END}),
           "USA>NGA ACCUSE", "spreading it is blamed");
    STR_EQ(extract("وبخلاف السعودية والإمارات لم تعلق أي دولة.",
                   (spec_t[]){NAME("السعودية", "SAU"), NAME("الإمارات", "ARE"), END}),
           "", "unlike, not a dispute");
    STR_EQ(extract("وأضاف الوزير البريطاني: اليمن بحاجة إلى السلام.",
                   (spec_t[]){NISBA("البريطاني", "GBR"), NAME("اليمن", "YEM"), END}),
           "", "a colon after a verb of saying opens a quote, not a claim");
    STR_EQ(extract("وقالت الوزيرة الألمانية: علينا مواصلة المفاوضات مع إيران.",
                   (spec_t[]){NISBA("الألمانية", "DEU"), NAME("إيران", "IRN"), END}),
           "DEU-IRN CONSULT", "the quote's speaker acts through its triggers");
    STR_EQ(extract("صحيفة الوطن القاهرة: أقامت السفارة السعودية حفلا.",
                   (spec_t[]){NAME("القاهرة", "EGY"), NISBA("السعودية", "SAU"), END}),
           "", "a source and a city before a colon are a dateline");
    STR_EQ(extract("روسيا: أوكرانيا تماطل.",
                   (spec_t[]){NAME("روسيا", "RUS"), NAME("أوكرانيا", "UKR"), END}),
           "RUS>UKR ACCUSE", "a post opening with its speaker");
}

/* Flag ba: a meeting verb's partner after «ب», on the name or on the official's noun;
 * without the flag a name after ب is not a partner. */
static void test_partner_ba(void)
{
    STR_EQ(extract("اتصل الرئيس الفرنسي بنظيره الإيراني أمس.",
                   (spec_t[]){NISBA("الفرنسي", "FRA"), NISBA("الإيراني", "IRN"), END}),
           "FRA-IRN CONSULT", "ب on the official's noun");
    STR_EQ(extract("الأمير السعودي يجتمع بوزير الدفاع الأمريكي في جدة",
                   (spec_t[]){NISBA("السعودي", "SAU"), NISBA("الأمريكي", "USA"), END}),
           "SAU-USA CONSULT", "ب two words before the nisba");
    STR_EQ(extract("تعاونت الهند بشكل وثيق مع اليابان.",
                   (spec_t[]){NAME("الهند", "IND"), NAME("اليابان", "JPN"), END}),
           "IND-JPN COOPERATE", "مع still works");
}

/* Flag mtg: the officials and leaders named with a meeting of an organisation attend
 * it (CONSULT with the organisation); a nisba on a thing does not, and such inferred
 * pairs are no antecedent for «البلدان». */
static void test_attendance(void)
{
    STR_EQ(
        extract("شارك الرئيس الفرنسي أمس في قمة الاتحاد الأفريقي.",
                (spec_t[]){NISBA("الفرنسي", "FRA"), NAME("الاتحاد الأفريقي", "AU"), END}),
        "AU-FRA CONSULT", "an official at the summit");
    STR_EQ(extract("ناقشت قمة الناتو التهديد الروسي.",
                   (spec_t[]){NAME("الناتو", "NATO"), NISBA("الروسي", "RUS"), END}),
           "", "a nisba on a thing attends nothing");
    STR_EQ(
        extract("شارك الرئيس الفرنسي في قمة الاتحاد الأفريقي. وبحث البلدان التعاون.",
                (spec_t[]){NISBA("الفرنسي", "FRA"), NAME("الاتحاد الأفريقي", "AU"), END}),
        "AU-FRA CONSULT", "attendance is no antecedent");
    /* An article opening with a summit: officials named later attend it, once each,
     * except in a sentence about another meeting. */
    STR_EQ(extract("انطلقت قمة حلف شمال الأطلسي في بروكسل. وتحدث الرئيس الفرنسي "
                   "للصحفيين. وعاد الرئيس الفرنسي إلى باريس. وتوجه الرئيس الكوري إلى قمة "
                   "مع الرئيس الصيني.",
                   (spec_t[]){NAME("حلف شمال الأطلسي", "NATO"), NISBA("الفرنسي", "FRA"),
                              NISBA("الفرنسي", "FRA"), NISBA("الكوري", "KOR"),
                              NISBA("الصيني", "CHN"), END}),
           "FRA-NATO CONSULT; KOR>CHN CONSULT", "the article's summit");
}

/* An official speaking to another state's official talks with it; ل on a name is
 * rather "of" («الحليف الرئيسي للولايات المتحدة»). */
static void test_addressees(void)
{
    STR_EQ(
        extract("قال الرئيس البرازيلي لنظيره الأرجنتيني إن الطقس جميل.",
                (spec_t[]){NISBA("البرازيلي", "BRA"), NISBA("الأرجنتيني", "ARG"), END}),
        "ARG-BRA CONSULT", "said to his counterpart");
    STR_EQ(
        extract("قالت اليابان الحليف الرئيسي للولايات المتحدة إن الطقس جميل.",
                (spec_t[]){NAME("اليابان", "JPN"), NAME("الولايات المتحدة", "USA"), END}),
        "", "an ally of, not an addressee");
}

/* Entries for acts without the common cue words (guidelines, "Hard cases"): standing
 * by a state, recalling one's own ambassador, a show of force, hosting forces,
 * mediation, a handshake, a deal concluded. */
static void test_implied_acts(void)
{
    STR_EQ(extract("قال الملك إن الأردن يقف إلى جانب المغرب.",
                   (spec_t[]){NAME("الأردن", "JOR"), NAME("المغرب", "MAR"), END}),
           "JOR>MAR SUPPORT", "standing by a state");
    STR_EQ(extract("النرويج تستدعي سفيرها لدى فنزويلا للتشاور.",
                   (spec_t[]){NAME("النرويج", "NOR"), NAME("فنزويلا", "VEN"), END}),
           "NOR>VEN SANCTION", "recalling one's own ambassador");
    STR_EQ(extract("استدعت النرويج سفير فنزويلا.",
                   (spec_t[]){NAME("النرويج", "NOR"), NAME("فنزويلا", "VEN"), END}),
           "NOR>VEN ACCUSE", "summoning another's");
    STR_EQ(extract("فرنسا ترسل بوارج باتجاه ليبيا",
                   (spec_t[]){NAME("فرنسا", "FRA"), NAME("ليبيا", "LBY"), END}),
           "FRA>LBY THREATEN", "warships sent toward a state");
    STR_EQ(extract("قطر تستضيف قوات تركية منذ عامين.",
                   (spec_t[]){NAME("قطر", "QAT"), NISBA("تركية", "TUR"), END}),
           "QAT-TUR COOPERATE", "hosting forces");
    STR_EQ(extract("تواصل سلطنة عمان وساطتها بين إيران والسعودية.",
                   (spec_t[]){NAME("عمان", "OMN"), NAME("إيران", "IRN"),
                              NAME("السعودية", "SAU"), END}),
           "IRN-SAU CONSULT", "mediation between two states");
    STR_EQ(extract("صافح رئيس كينيا رئيس إثيوبيا في نيروبي.",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("إثيوبيا", "ETH"), END}),
           "ETH-KEN CONSULT", "a handshake");
    STR_EQ(extract("قصفت بيرو مواقع عسكرية في الإكوادور.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("الإكوادور", "ECU"), END}),
           "PER>ECU ASSAULT", "striking sites in a state attacks that state");
    STR_EQ(extract("تشن كينيا غارات على أهداف داخل الصومال.",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("الصومال", "SOM"), END}),
           "KEN>SOM ASSAULT", "the attack named by its noun, after the subject");
    STR_EQ(extract("قصفت بيرو مواقع للمتمردين في الإكوادور.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("الإكوادور", "ECU"), END}),
           "", "striking a non-state group in a state is no relation with it");
    STR_EQ(extract("جنود بيرو حاربوا في الإكوادور.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("الإكوادور", "ECU"), END}),
           "", "fighting in a state, with nothing struck, is no attack on it");
    STR_EQ(extract("هجوم يستهدف السفارة البيروفية في الإكوادور.",
                   (spec_t[]){NISBA("البيروفية", "PER"), NAME("الإكوادور", "ECU"), END}),
           "", "a name after the verb and its object is what is attacked");
    STR_EQ(extract("تعرضت القنصلية البيروفية لهجوم من قوات إكوادورية.",
                   (spec_t[]){NISBA("البيروفية", "PER"), NISBA("إكوادورية", "ECU"), END}),
           "ECU>PER ASSAULT", "undergoing an attack: the subject is its victim");
    STR_EQ(extract("بوليفيا تتعرض لقصف بيروفي.",
                   (spec_t[]){NAME("بوليفيا", "BOL"), NISBA("بيروفي", "PER"), END}),
           "PER>BOL ASSAULT", "the victim before the verb of undergoing");
    STR_EQ(extract("أبرمت فيتنام وكمبوديا اتفاقية حدودية.",
                   (spec_t[]){NAME("فيتنام", "VNM"), NAME("كمبوديا", "KHM"), END}),
           "KHM-VNM AGREE", "a deal concluded");
    STR_EQ(extract("بيرو تؤيد الحصار على بوليفيا.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("بوليفيا", "BOL"), END}),
           "PER>BOL SANCTION", "backing a blockade takes part in it");
    STR_EQ(extract("بيرو تؤيد بوليفيا في مطالبها.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("بوليفيا", "BOL"), END}),
           "PER>BOL SUPPORT", "backing a state");
    STR_EQ(extract("بيرو تتعهد بالرد على بوليفيا.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("بوليفيا", "BOL"), END}),
           "PER>BOL THREATEN", "a pledge to retaliate");
    STR_EQ(extract("انسحاب بيرو من الاتحاد الأوروبي يثير القلق.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("الاتحاد الأوروبي", "EU"), END}),
           "PER>EU REJECT", "leaving an organisation refuses it");
    STR_EQ(extract("انسحاب بيرو من بوليفيا يثير القلق.",
                   (spec_t[]){NAME("بيرو", "PER"), NAME("بوليفيا", "BOL"), END}),
           "", "leaving a state's territory is no refusal");
}

static void test_relative_clause(void)
{
    STR_EQ(extract("رفضت كولومبيا الخطة التي عرضتها فنزويلا أمس.",
                   (spec_t[]){NAME("كولومبيا", "COL"), NAME("فنزويلا", "VEN"), END}),
           "COL>VEN REJECT", "the agent of a relative clause on the object");
    STR_EQ(extract("أشادت كينيا بالمبادرة التي تقدمت بها تنزانيا.",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "KEN>TZA SUPPORT", "the clause refers back through a preposition (بها)");
    STR_EQ(extract("أدانت كينيا الهجمات التي استهدفت تنزانيا.",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "", "no pronoun in the clause: the actor is its object, a victim");
    STR_EQ(extract("زارت كينيا المنطقة التي تديرها تنزانيا.",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "", "a visit to a place is no stance on its agent");
    STR_EQ(extract("أدانت كينيا الحادث في الوقت الذي تقوده تنزانيا.",
                   (spec_t[]){NAME("كينيا", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "", "a time clause («في الوقت الذي») is not the object's");
    STR_EQ(extract("وصل رئيس وزراء ماليزيا، الذي يزور إندونيسيا، إلى المطار.",
                   (spec_t[]){NAME("ماليزيا", "MYS"), NAME("إندونيسيا", "IDN"), END}),
           "MYS>IDN CONSULT",
           "the antecedent of a relative pronoun is its verb's subject");
    STR_EQ(extract("غادر الدبلوماسيون الماليزيون الذين طردتهم إندونيسيا أمس.",
                   (spec_t[]){NISBA("الماليزيون", "MYS"), NAME("إندونيسيا", "IDN"), END}),
           "IDN>MYS SANCTION", "with an object pronoun the antecedent is the object");
    STR_EQ(extract("رفضت ماليزيا القصف الإندونيسي الذي استهدف الحدود.",
                   (spec_t[]){NAME("ماليزيا", "MYS"), NISBA("الإندونيسي", "IDN"), END}),
           "MYS>IDN REJECT", "a nisba on an event noun is no antecedent of its own");
}

/* A state's people act for no state: never the source of a relation, but the target of
 * one (victims of an attack, recipients of aid). */
static void test_people(void)
{
    STR_EQ(extract("أعرب الأتراك عن تضامنهم مع الشعب السوداني.",
                   (spec_t[]){PEOPLE("الأتراك", "TUR"), PEOPLE("السوداني", "SDN"), END}),
           "", "people's solidarity with another people");
    STR_EQ(extract("أعربت تركيا عن تضامنها مع الشعب السوداني.",
                   (spec_t[]){NAME("تركيا", "TUR"), PEOPLE("السوداني", "SDN"), END}),
           "TUR>SDN SUPPORT", "a state's solidarity with a people");
    STR_EQ(extract("الشعب البرازيلي يقف إلى جانب الشعب التشيلي.",
                   (spec_t[]){PEOPLE("البرازيلي", "BRA"), PEOPLE("التشيلي", "CHL"), END}),
           "", "a people standing by another");
    STR_EQ(extract("البرازيل تقف إلى جانب الشعب التشيلي.",
                   (spec_t[]){NAME("البرازيل", "BRA"), PEOPLE("التشيلي", "CHL"), END}),
           "BRA>CHL SUPPORT", "a state standing by a people");
    STR_EQ(extract("رفض الأوغنديون العدوان الكيني على الحدود.",
                   (spec_t[]){PEOPLE("الأوغنديون", "UGA"), NISBA("الكيني", "KEN"), END}),
           "", "a people rejecting an aggression");
    STR_EQ(extract("أدانت رواندا الجرائم ضد الشعب الأوغندي، مؤكدة دعم الأمم المتحدة.",
                   (spec_t[]){NAME("رواندا", "RWA"),
                              PEOPLE("الأوغندي", "UGA"),
                              {"الأمم المتحدة", "UN", BILAT_VIA_ORG, 0},
                              END}),
           "RWA>UGA ACCUSE", "a people is a target here, the agent of nothing");
    STR_EQ(extract("قصفت الطائرات الكينية أوغنديين في السوق.",
                   (spec_t[]){NISBA("الكينية", "KEN"), PEOPLE("أوغنديين", "UGA"), END}),
           "KEN>UGA ASSAULT",
           "people after a state's nisba are the victims, no compound");
    STR_EQ(extract("قصفت الطائرات الكينية ثلاثة أوغنديين في السوق.",
                   (spec_t[]){NISBA("الكينية", "KEN"), PEOPLE("أوغنديين", "UGA"), END}),
           "KEN>UGA ASSAULT", "people counted as victims");
    STR_EQ(extract("هاجم أوغنديون السفارة الكينية أمس.",
                   (spec_t[]){PEOPLE("أوغنديون", "UGA"), NISBA("الكينية", "KEN"), END}),
           "", "people attacking an embassy are no state");
    STR_EQ(extract("قدمت كينيا مساعدات إلى الشعب الأوغندي.",
                   (spec_t[]){NAME("كينيا", "KEN"), PEOPLE("الأوغندي", "UGA"), END}),
           "KEN>UGA AID", "aid to a people");
    STR_EQ(extract("انتقد الكينيون أوغندا بشدة.",
                   (spec_t[]){PEOPLE("الكينيون", "KEN"), NAME("أوغندا", "UGA"), END}),
           "", "people criticising a state");
    STR_EQ(extract("انتقد المسؤولون الكينيون أوغندا بشدة.",
                   (spec_t[]){PEOPLE("الكينيون", "KEN"), NAME("أوغندا", "UGA"), END}),
           "KEN>UGA ACCUSE", "a plural nisba on officials acts for its state");
    STR_EQ(extract("انتقدت رواندا وحلفاؤها الكينيون والتنزانيون أوغندا.",
                   (spec_t[]){NAME("رواندا", "RWA"), PEOPLE("الكينيون", "KEN"),
                              PEOPLE("التنزانيون", "TZA"), NAME("أوغندا", "UGA"), END}),
           "RWA>UGA ACCUSE; KEN>UGA ACCUSE; TZA>UGA ACCUSE",
           "a nisba coordinated with one on officials qualifies them too");
    STR_EQ(extract("تجددت المواجهات بين الأوغنديين والقوات الكينية.",
                   (spec_t[]){PEOPLE("الأوغنديين", "UGA"), NISBA("الكينية", "KEN"), END}),
           "KEN-UGA ASSAULT", "a symmetric relation with people stays");
}

static void test_lexicon_files(void)
{
    const char *path = BILAT_BUILD_ROOT "/test_patterns_lexicon.txt";
    FILE *f = fopen(path, "w");
    OK(f != NULL, "temp file");
    if (!f)
        return;
    fputs("# extra\nSUPPORT 3 v ناصر/يناصر\nACCUSE x n تشهير\n", f);
    fclose(f);
    bilat_extractor_t *bad = NULL;
    bilat_error_t err;
    const char *files[] = {path, NULL};
    INT_EQ(bilat_extractor_new(NULL, files, &bad, &err), BILAT_EPARSE, "bad score");
    INT_EQ(err.line, 3, "error line");
    STR_EQ(err.source, path, "error source");
    OK(bad == NULL, "nothing returned on error");

    /* An ORGREF line needs a code the gazetteer knows and at least one word. */
    bilat_gazetteer_t *gz = NULL;
    OK(bilat_gazetteer_load(NULL, &gz, NULL) == BILAT_OK, "gazetteer");
    const char *orgref_bad[] = {"ORGREF NATO\n", "ORGREF XXXX المنظمة\n"};
    const char *orgref_why[] = {"no words", "unknown actor code"};
    for (size_t i = 0; i < 2; i++) {
        f = fopen(path, "w");
        fputs(orgref_bad[i], f);
        fclose(f);
        INT_EQ(bilat_extractor_new(gz, files, &bad, &err), BILAT_EPARSE, orgref_why[i]);
        STR_EQ(err.text, orgref_why[i], "ORGREF error text");
        INT_EQ(err.line, 1, "ORGREF error line");
    }
    bilat_gazetteer_free(gz);

    f = fopen(path, "w");
    fputs("SUPPORT 3 v ناصر/يناصر\n", f);
    fclose(f);
    bilat_extractor_t *ex2 = NULL;
    INT_EQ(bilat_extractor_new(NULL, files, &ex2, &err), BILAT_OK, "user lexicon");
    bilat_extractor_t *keep = ex;
    ex = ex2;
    STR_EQ(extract("البرازيل تناصر الأرجنتين",
                   (spec_t[]){NAME("البرازيل", "BRA"), NAME("الأرجنتين", "ARG"), END}),
           "BRA>ARG SUPPORT", "a user verb, inflected");
    ex = keep;
    bilat_extractor_free(ex2);
    remove(path);

    const char *none[] = {BILAT_BUILD_ROOT "/no-such-lexicon.txt", NULL};
    INT_EQ(bilat_extractor_new(NULL, none, &bad, &err), BILAT_EIO, "missing file");
}

/* An official named by a nisba on a title stays the subject of a verb after the
 * person's name, up to five plain words away; not across a word of another class or
 * after a preposition. */
static void test_named_official(void)
{
    STR_EQ(extract("وزير الدفاع الكيني جوزيف كيبتو موانغي أوتينو يزور تنزانيا غدا.",
                   (spec_t[]){NISBA("الكيني", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "KEN>TZA CONSULT", "four name words between the nisba and the verb");
    STR_EQ(extract("السفير الكيني، جوزيف موانغي كيبتو أوتينو، يتهم تنزانيا بخرق الاتفاق.",
                   (spec_t[]){NISBA("الكيني", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "KEN>TZA ACCUSE", "a name set off by commas");
    STR_EQ(extract("وزير الدفاع الكيني جوزيف قال إن المسؤولين يزورون تنزانيا.",
                   (spec_t[]){NISBA("الكيني", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "", "a verb between: the official is another clause's subject");
    STR_EQ(extract("كتب المدرب إلى نظيره الكيني جوزيف موانغي كيبتو أوتينو يتهم تنزانيا "
                   "بالتلاعب.",
                   (spec_t[]){NISBA("الكيني", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "", "a title after a preposition is no subject");
    STR_EQ(extract("الرئيس الكيني جوزيف موانغي أحد أبرز منتقدي الخطة يتهم تنزانيا.",
                   (spec_t[]){NISBA("الكيني", "KEN"), NAME("تنزانيا", "TZA"), END}),
           "", "more than five words away");
}

int main(void)
{
    bilat_init();
    bilat_error_t err;
    an = bilat_analyser_new(&err);
    OK(an != NULL, "analyser");
    OK(bilat_extractor_new(NULL, NULL, &ex, &err) == BILAT_OK, "embedded lexicon loads");
    if (!an || !ex)
        return test_summary("test_patterns");
    test_coordination();
    test_inflection();
    test_with();
    test_directed();
    test_nisba();
    test_reference();
    test_verb_or_noun();
    test_speech();
    test_claims();
    test_between();
    test_modality();
    test_places_and_typing();
    test_anaphora();
    test_event_fields();
    test_lexicon_files();
    test_related();
    test_orgref();
    test_non_relations();
    test_partner_ba();
    test_attendance();
    test_addressees();
    test_implied_acts();
    test_relative_clause();
    test_people();
    test_named_official();
    bilat_extractor_free(ex);
    bilat_analyser_free(an);
    return test_summary("test_patterns");
}
