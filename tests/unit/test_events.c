/* Unit tests of src/events.c: types, keys, JSON Lines round trip and validation. */
#include "bilat/bilat.h"
#include "harness.h"

#include <stdlib.h>

static void test_types(void)
{
    STR_EQ(bilat_type_string(BILAT_CONSULT), "CONSULT", "first type");
    STR_EQ(bilat_type_string(BILAT_ASSAULT), "ASSAULT", "last type");
    OK(bilat_type_string(BILAT_NTYPES) == NULL, "out of range");
    bilat_type_t t;
    OK(bilat_type_parse("sanction", &t) && t == BILAT_SANCTION, "parse any case");
    OK(!bilat_type_parse("HUG", &t), "unknown type");
}

static void test_key(void)
{
    char k1[17], k2[17], k3[17], k4[17];
    const char *s = "مباحثات ليبيه جزائريه";
    bilat_event_key("LBY", "DZA", BILAT_CONSULT, s, strlen(s), k1);
    bilat_event_key("DZA", "LBY", BILAT_CONSULT, s, strlen(s), k2);
    bilat_event_key("DZA", "LBY", BILAT_AGREE, s, strlen(s), k3);
    bilat_event_key("DZA", "LBY", BILAT_CONSULT, s, strlen(s) - 2, k4);
    STR_EQ(k1, k2, "key does not depend on the order of the pair");
    OK(strcmp(k1, k3) != 0, "key depends on the type");
    OK(strcmp(k1, k4) != 0, "key depends on the sentence");
    INT_EQ(strlen(k1), 16, "16 hex digits");
    /* "AB" + "C" must not collide with "A" + "BC". */
    bilat_event_key("AB", "C", BILAT_CONSULT, "", 0, k1);
    bilat_event_key("A", "BC", BILAT_CONSULT, "", 0, k2);
    OK(strcmp(k1, k2) != 0, "codes are separated in the hash");
}

static void test_round_trip(void)
{
    bilat_event_t ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = strdup("samples/ar/01.txt");
    ev.date = strdup("2025-01-19");
    strcpy(ev.source, "CHN");
    strcpy(ev.target, "PAK");
    ev.type = BILAT_AGREE;
    ev.score = 6.5;
    ev.trigger = strdup("تتفقان");
    ev.start = 10;
    ev.end = 99;
    ev.text = strdup("الصين وباكستان تتفقان \"على\" <b>");
    strcpy(ev.key, "0123456789abcdef");
    char *json = bilat_event_to_json(&ev);
    STR_EQ(json,
           "{\"date\":\"2025-01-19\",\"directed\":false,\"doc\":\"samples/ar/01.txt\","
           "\"end\":99,\"key\":\"0123456789abcdef\",\"negated\":false,\"score\":6.5,"
           "\"source\":\"CHN\",\"start\":10,\"target\":\"PAK\","
           "\"text\":\"الصين وباكستان تتفقان \\\"على\\\" <b>\",\"trigger\":\"تتفقان\","
           "\"type\":\"AGREE\"}",
           "compact JSON with sorted keys");
    bilat_event_t back;
    bilat_error_t err;
    OK(bilat_event_from_json(json, strlen(json), &back, "x", 1, &err) == BILAT_OK,
       "parse back");
    STR_EQ(back.doc, ev.doc, "doc");
    STR_EQ(back.date, ev.date, "date");
    STR_EQ(back.source, "CHN", "source");
    STR_EQ(back.target, "PAK", "target");
    INT_EQ(back.type, BILAT_AGREE, "type");
    OK(back.score == 6.5, "score");
    INT_EQ(back.start, 10, "start");
    INT_EQ(back.end, 99, "end");
    STR_EQ(back.text, ev.text, "text");
    STR_EQ(back.trigger, ev.trigger, "trigger");
    STR_EQ(back.key, ev.key, "key");
    char *again = bilat_event_to_json(&back);
    STR_EQ(again, json, "byte-identical after a round trip");
    free(again);
    free(json);
    bilat_event_destroy(&back);

    bilat_events_t list;
    bilat_events_init(&list);
    OK(bilat_events_push_take(&list, &ev) == BILAT_OK, "push");
    OK(ev.doc == NULL, "push takes ownership");
    INT_EQ(list.n, 1, "one event");
    bilat_events_destroy(&list);
}

static void expect_error(const char *line, const char *text)
{
    bilat_event_t ev;
    bilat_error_t err;
    bilat_status_t st =
        bilat_event_from_json(line, strlen(line), &ev, "e.jsonl", 7, &err);
    INT_EQ(st, BILAT_EPARSE, line);
    STR_EQ(err.text, text, "error text");
    INT_EQ(err.line, 7, "line number");
    STR_EQ(err.source, "e.jsonl", "source");
}

static void test_invalid(void)
{
    expect_error("[1,2]", "event is not a JSON object");
    expect_error("{\"source\":\"CHN\"}", "event without a valid \"doc\"");
    expect_error("{\"doc\":\"a\",\"source\":12,\"target\":\"PAK\",\"type\":\"AGREE\"}",
                 "event without a valid \"source\"");
    expect_error("{\"doc\":\"a\",\"source\":\"CHN\",\"target\":\"PAK\",\"type\":\"HUG\"}",
                 "event without a valid \"type\"");
    expect_error(
        "{\"doc\":\"a\",\"source\":\"CHN\",\"target\":\"PAK\",\"type\":\"AGREE\","
        "\"date\":\"yesterday\"}",
        "event without a valid \"date\"");
    expect_error(
        "{\"doc\":\"a\",\"source\":\"CHN\",\"target\":\"PAK\",\"type\":\"AGREE\","
        "\"score\":99}",
        "event without a valid \"score\"");
    bilat_event_t ev;
    bilat_error_t err;
    const char *trunc = "{\"doc\":";
    OK(bilat_event_from_json(trunc, strlen(trunc), &ev, "e.jsonl", 3, &err) ==
           BILAT_EPARSE,
       "truncated JSON");
    OK(strncmp(err.text, "malformed JSON: ", 16) == 0, "malformed JSON message");
    /* No key: derived from the normalised sentence, as extraction does. */
    const char *nokey =
        "{\"doc\":\"a\",\"source\":\"PAK\",\"target\":\"CHN\",\"type\":\"AGREE\","
        "\"text\":\"x\"}";
    OK(bilat_event_from_json(nokey, strlen(nokey), &ev, "e.jsonl", 1, &err) == BILAT_OK,
       "event without key");
    INT_EQ(strlen(ev.key), 16, "derived key");
    bilat_event_destroy(&ev);
}

int main(void)
{
    bilat_init();
    test_types();
    test_key();
    test_round_trip();
    test_invalid();
    return test_summary("test_events");
}
