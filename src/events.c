/* Events: the records that join extraction to graph building, and their JSON Lines
 * form (the foundation's contract). */
#include "bilat/bilat.h"
#include "util.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const type_names[BILAT_NTYPES] = {
    "CONSULT", "AGREE",  "COOPERATE", "SUPPORT",  "AID",     "REQUEST",
    "ACCUSE",  "REJECT", "THREATEN",  "SANCTION", "ASSAULT",
};

const char *bilat_type_string(bilat_type_t type)
{
    return (unsigned)type < BILAT_NTYPES ? type_names[type] : NULL;
}

bool bilat_type_parse(const char *s, bilat_type_t *type)
{
    for (int i = 0; i < BILAT_NTYPES; i++) {
        if (strcasecmp(s, type_names[i]) == 0) {
            *type = (bilat_type_t)i;
            return true;
        }
    }
    return false;
}

void bilat_event_destroy(bilat_event_t *ev)
{
    if (!ev)
        return;
    free(ev->doc);
    free(ev->date);
    free(ev->trigger);
    free(ev->text);
    memset(ev, 0, sizeof *ev);
}

void bilat_events_init(bilat_events_t *evs)
{
    evs->v = NULL;
    evs->n = evs->cap = 0;
}

void bilat_events_destroy(bilat_events_t *evs)
{
    for (size_t i = 0; i < evs->n; i++)
        bilat_event_destroy(&evs->v[i]);
    free(evs->v);
    bilat_events_init(evs);
}

bilat_status_t bilat_events_push_take(bilat_events_t *evs, bilat_event_t *ev)
{
    if (evs->n == evs->cap) {
        size_t cap = evs->cap ? 2 * evs->cap : 8;
        bilat_event_t *v = realloc(evs->v, cap * sizeof *v);
        if (!v)
            return BILAT_ENOMEM;
        evs->v = v;
        evs->cap = cap;
    }
    evs->v[evs->n++] = *ev;
    memset(ev, 0, sizeof *ev);
    return BILAT_OK;
}

void bilat_event_key(const char *a, const char *b, bilat_type_t type, const char *norm,
                     size_t len, char key[17])
{
    if (strcmp(a, b) > 0) {
        const char *t = a;
        a = b;
        b = t;
    }
    uint64_t h = BILAT_FNV_INIT;
    h = bilat_fnv1a(h, a, strlen(a) + 1);
    h = bilat_fnv1a(h, b, strlen(b) + 1);
    const char *tn = bilat_type_string(type);
    h = bilat_fnv1a(h, tn ? tn : "", tn ? strlen(tn) + 1 : 1);
    h = bilat_fnv1a(h, norm, len);
    snprintf(key, 17, "%016llx", (unsigned long long)h);
}

/* Builds the JSON object of ev; NULL when out of memory. */
static json_t *event_json(const bilat_event_t *ev)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= json_object_set_new(o, "doc", json_string(ev->doc ? ev->doc : ""));
    bad |= json_object_set_new(o, "date", ev->date ? json_string(ev->date) : json_null());
    bad |= json_object_set_new(o, "source", json_string(ev->source));
    bad |= json_object_set_new(o, "target", json_string(ev->target));
    bad |= json_object_set_new(o, "directed", json_boolean(ev->directed));
    bad |= json_object_set_new(o, "type", json_string(bilat_type_string(ev->type)));
    bad |= json_object_set_new(o, "score", json_real(ev->score));
    bad |= json_object_set_new(o, "negated", json_boolean(ev->negated));
    bad |= json_object_set_new(o, "trigger", json_string(ev->trigger ? ev->trigger : ""));
    bad |= json_object_set_new(o, "start", json_integer((json_int_t)ev->start));
    bad |= json_object_set_new(o, "end", json_integer((json_int_t)ev->end));
    bad |= json_object_set_new(o, "text", json_string(ev->text ? ev->text : ""));
    bad |= json_object_set_new(o, "key", json_string(ev->key));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

char *bilat_event_to_json(const bilat_event_t *ev)
{
    json_t *o = event_json(ev);
    if (!o)
        return NULL;
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    json_decref(o);
    return s;
}

static bilat_status_t bad_field(bilat_error_t *err, const char *source, int lineno,
                                const char *field)
{
    return bilat_error_set(err, BILAT_EPARSE, source, lineno, 0,
                           "event without a valid \"%s\"", field);
}

static bool code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 7)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

bilat_status_t bilat_event_from_json(const char *line, size_t len, bilat_event_t *ev,
                                     const char *source, int lineno, bilat_error_t *err)
{
    memset(ev, 0, sizeof *ev);
    json_error_t je;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return bilat_error_set(err, BILAT_EPARSE, source, lineno, je.column,
                               "malformed JSON: %s", je.text);
    bilat_status_t st = BILAT_OK;
    if (!json_is_object(o)) {
        st = bilat_error_set(err, BILAT_EPARSE, source, lineno, 0,
                             "event is not a JSON object");
        goto cleanup;
    }
    json_t *v;
    const char *s;
    if (!(s = json_string_value(json_object_get(o, "doc")))) {
        st = bad_field(err, source, lineno, "doc");
        goto cleanup;
    }
    ev->doc = strdup(s);
    if (!(s = json_string_value(json_object_get(o, "source"))) || !code_ok(s)) {
        st = bad_field(err, source, lineno, "source");
        goto cleanup;
    }
    snprintf(ev->source, sizeof ev->source, "%s", s);
    if (!(s = json_string_value(json_object_get(o, "target"))) || !code_ok(s)) {
        st = bad_field(err, source, lineno, "target");
        goto cleanup;
    }
    snprintf(ev->target, sizeof ev->target, "%s", s);
    if (!(s = json_string_value(json_object_get(o, "type"))) ||
        !bilat_type_parse(s, &ev->type)) {
        st = bad_field(err, source, lineno, "type");
        goto cleanup;
    }
    v = json_object_get(o, "date");
    if (v && !json_is_null(v)) {
        s = json_string_value(v);
        if (!s || !bilat_date_valid(s)) {
            st = bad_field(err, source, lineno, "date");
            goto cleanup;
        }
        ev->date = strdup(s);
    }
    v = json_object_get(o, "directed");
    if (v && !json_is_boolean(v)) {
        st = bad_field(err, source, lineno, "directed");
        goto cleanup;
    }
    ev->directed = v && json_is_true(v);
    v = json_object_get(o, "negated");
    if (v && !json_is_boolean(v)) {
        st = bad_field(err, source, lineno, "negated");
        goto cleanup;
    }
    ev->negated = v && json_is_true(v);
    v = json_object_get(o, "score");
    if (v) {
        if (!json_is_number(v) || !isfinite(json_number_value(v)) ||
            fabs(json_number_value(v)) > 10) {
            st = bad_field(err, source, lineno, "score");
            goto cleanup;
        }
        ev->score = json_number_value(v);
    }
    v = json_object_get(o, "start");
    if (v && (!json_is_integer(v) || json_integer_value(v) < 0)) {
        st = bad_field(err, source, lineno, "start");
        goto cleanup;
    }
    ev->start = v ? (size_t)json_integer_value(v) : 0;
    v = json_object_get(o, "end");
    if (v && (!json_is_integer(v) || json_integer_value(v) < 0)) {
        st = bad_field(err, source, lineno, "end");
        goto cleanup;
    }
    ev->end = v ? (size_t)json_integer_value(v) : 0;
    ev->trigger = strdup((s = json_string_value(json_object_get(o, "trigger"))) ? s : "");
    ev->text = strdup((s = json_string_value(json_object_get(o, "text"))) ? s : "");
    s = json_string_value(json_object_get(o, "key"));
    if (s) {
        if (strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16) {
            st = bad_field(err, source, lineno, "key");
            goto cleanup;
        }
        memcpy(ev->key, s, 17);
    } else {
        /* No key: derive it from the sentence, as extraction does. */
        size_t nl = 0;
        char *norm = bilat_normalise(ev->text ? ev->text : "",
                                     ev->text ? strlen(ev->text) : 0, &nl);
        if (!norm) {
            st = BILAT_ENOMEM;
            goto cleanup;
        }
        bilat_event_key(ev->source, ev->target, ev->type, norm, nl, ev->key);
        free(norm);
    }
    if (!ev->doc || !ev->trigger || !ev->text ||
        (json_object_get(o, "date") && !json_is_null(json_object_get(o, "date")) &&
         !ev->date))
        st = bilat_error_set(err, BILAT_ENOMEM, source, lineno, 0, "out of memory");

cleanup:
    json_decref(o);
    if (st != BILAT_OK)
        bilat_event_destroy(ev);
    return st;
}
