/* Fuzz target: the full extractor on one article (decode, analyse, actors, relation
 * patterns, events), with the embedded gazetteer and lexicon.  Checks each event
 * against the events contract (known distinct actors, type, score range, sentence
 * offsets inside the document, 16-hex key) and that its JSON Lines form reads back
 * to the same line. */
#include "bilat/bilat.h"
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

static bilat_gazetteer_t *gazetteer;
static bilat_extractor_t *extractor;
static bilat_analyser_t *analyser;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bilat_init();
    FUZZ_CHECK(bilat_gazetteer_load(NULL, &gazetteer, NULL) == BILAT_OK);
    FUZZ_CHECK(bilat_extractor_new(gazetteer, NULL, &extractor, NULL) == BILAT_OK);
    analyser = bilat_analyser_new(NULL);
    FUZZ_CHECK(analyser != NULL);
    return 0;
}

static void check_event(const bilat_doc_t *doc, const bilat_event_t *ev)
{
    FUZZ_CHECK(bilat_actor_known(gazetteer, ev->source));
    FUZZ_CHECK(bilat_actor_known(gazetteer, ev->target));
    FUZZ_CHECK(strcmp(ev->source, ev->target) != 0);
    FUZZ_CHECK(ev->directed || strcmp(ev->source, ev->target) < 0);
    FUZZ_CHECK(bilat_type_string(ev->type) != NULL);
    FUZZ_CHECK(ev->score >= -10 && ev->score <= 10);
    FUZZ_CHECK(ev->start <= ev->end && ev->end <= doc->len);
    FUZZ_CHECK(ev->doc != NULL && strcmp(ev->doc, doc->id) == 0);
    FUZZ_CHECK(ev->text != NULL && ev->trigger != NULL);
    FUZZ_CHECK(strlen(ev->key) == 16 && strspn(ev->key, "0123456789abcdef") == 16);

    char *line = bilat_event_to_json(ev);
    FUZZ_CHECK(line != NULL);
    bilat_event_t back;
    FUZZ_CHECK(bilat_event_from_json(line, strlen(line), &back, "<fuzz>", 1, NULL) ==
               BILAT_OK);
    char *again = bilat_event_to_json(&back);
    FUZZ_CHECK(again != NULL && strcmp(line, again) == 0);
    free(again);
    bilat_event_destroy(&back);
    free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bilat_doc_t *doc = NULL;
    bilat_error_t err;
    if (bilat_doc_decode((const char *)data, size, "fuzz.txt", NULL, &doc, &err) !=
        BILAT_OK)
        return 0;
    bilat_events_t events;
    bilat_events_init(&events);
    bilat_status_t st = bilat_extract_doc(extractor, analyser, doc, &events, &err);
    FUZZ_CHECK(st == BILAT_OK || st == BILAT_ENOMEM);
    for (size_t i = 0; i < events.n; i++)
        check_event(doc, &events.v[i]);
    bilat_events_destroy(&events);
    bilat_doc_free(doc);
    return 0;
}
