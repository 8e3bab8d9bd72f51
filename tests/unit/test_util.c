/* Unit tests of src/util.c: buffers, strings, hashing, dates, UTF-8. */
#include "bilat/bilat.h"
#include "harness.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>

static void test_buf(void)
{
    bilat_buf_t b;
    bilat_buf_init(&b);
    OK(bilat_buf_puts(&b, "abc"), "puts");
    OK(bilat_buf_putc(&b, '-'), "putc");
    OK(bilat_buf_printf(&b, "%d/%s", 42, "x"), "printf");
    STR_EQ(b.data, "abc-42/x", "buffer content");
    INT_EQ(b.len, 8, "buffer length");
    bool grown = true;
    for (int i = 0; i < 1000; i++)
        grown &= bilat_buf_append(&b, "0123456789", 10);
    OK(grown, "append grows the buffer");
    INT_EQ(b.len, 10008, "grown length");
    INT_EQ(b.data[b.len], 0, "NUL-terminated");
    char *s = bilat_buf_take(&b);
    INT_EQ(strlen(s), 10008, "taken string");
    OK(b.data == NULL && b.len == 0, "buffer empty after take");
    free(s);
    s = bilat_buf_take(&b);
    STR_EQ(s, "", "take of an empty buffer gives an empty string");
    free(s);
    bilat_buf_destroy(&b);

    OK(bilat_buf_puts(&b, "kept"), "puts before finish");
    s = bilat_buf_finish(&b, true);
    STR_EQ(s, "kept", "finish when ok hands the string over");
    OK(b.data == NULL && b.len == 0, "buffer empty after finish");
    free(s);
    OK(bilat_buf_puts(&b, "dropped"), "puts before a failed finish");
    OK(bilat_buf_finish(&b, false) == NULL, "finish after a failure gives NULL");
    OK(b.data == NULL && b.len == 0, "and frees the data");
}

static void test_array(void)
{
    int *v = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    for (int i = 0; i < 100; i++) {
        ok &= bilat_array_grow(&v, n, &cap, sizeof *v, 4);
        if (ok)
            v[n++] = i * i;
    }
    OK(ok, "grows to 100 elements");
    INT_EQ(cap, 128, "capacity doubles from the first one: 4, 8, ... 128");
    INT_EQ(v[99], 99 * 99, "elements kept across growth");
    OK(bilat_array_grow(&v, 100, &cap, sizeof *v, 4) && cap == 128, "room left: no-op");
    int *before = v;
    size_t huge = SIZE_MAX / 2 + 1;
    OK(!bilat_array_grow(&v, cap, &cap, huge, 4), "overflow refused");
    OK(v == before && cap == 128, "array unchanged after a refusal");
    free(v);
}

static void test_strings(void)
{
    OK(bilat_strdup(NULL) == NULL, "strdup(NULL)");
    char *s = bilat_strndup("abcdef", 3);
    STR_EQ(s, "abc", "strndup");
    free(s);
}

static void test_hash(void)
{
    /* FNV-1a 64 reference values. */
    INT_EQ(bilat_fnv1a(BILAT_FNV_INIT, "", 0) == 0xcbf29ce484222325ULL, 1, "fnv empty");
    INT_EQ(bilat_fnv1a(BILAT_FNV_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL, 1, "fnv a");
    INT_EQ(bilat_fnv1a(BILAT_FNV_INIT, "foobar", 6) == 0x85944171f73967e8ULL, 1,
           "fnv foobar");
}

static void test_strtab(void)
{
    bilat_strtab_t t;
    bilat_strtab_init(&t);
    INT_EQ(bilat_strtab_get(&t, "x", 1, 77), 77, "empty table gives the absent value");
    INT_EQ(bilat_strtab_count(&t), 0, "empty count");

    bool added = false;
    uint32_t *v = bilat_strtab_put(&t, "\xd9\x85\xd8\xb5\xd8\xb1", 6, 5, &added);
    OK(v && added && *v == 5, "first put inserts with the initial value");
    *v |= 8;
    v = bilat_strtab_put(&t, "\xd9\x85\xd8\xb5\xd8\xb1", 6, 99, &added);
    OK(v && !added && *v == 13, "second put finds the value, initial value unused");
    INT_EQ(bilat_strtab_get(&t, "\xd9\x85\xd8\xb5\xd8\xb1", 6, 0), 13, "get");
    INT_EQ(bilat_strtab_get(&t, "\xd9\x85\xd8\xb5", 4, 0), 0, "a prefix is another key");

    /* Keys are bytes: NUL inside, NUL-less prefixes and the empty key are distinct. */
    OK(bilat_strtab_put(&t, "EG\0IL", 5, 1, NULL) != NULL, "key with a NUL");
    OK(bilat_strtab_put(&t, "EG\0IR", 5, 2, NULL) != NULL, "another key with a NUL");
    OK(bilat_strtab_put(&t, "EG", 2, 3, NULL) != NULL, "the prefix before the NUL");
    OK(bilat_strtab_put(&t, "", 0, 4, &added) && added, "the empty key");
    INT_EQ(bilat_strtab_get(&t, "EG\0IL", 5, 0), 1, "EG-IL");
    INT_EQ(bilat_strtab_get(&t, "EG\0IR", 5, 0), 2, "EG-IR");
    INT_EQ(bilat_strtab_get(&t, "EG", 2, 0), 3, "EG");
    INT_EQ(bilat_strtab_get(&t, "", 0, 0), 4, "empty key");
    INT_EQ(bilat_strtab_get(&t, NULL, 0, 0), 4, "empty key through NULL");
    INT_EQ(bilat_strtab_count(&t), 5, "five keys");

    /* The table copies keys: the caller's buffer may change after the put. */
    char key[16] = "temporary";
    OK(bilat_strtab_put(&t, key, 9, 6, NULL) != NULL, "put from a buffer");
    memcpy(key, "overwrite", 9);
    INT_EQ(bilat_strtab_get(&t, "temporary", 9, 0), 6, "the copy survives");
    INT_EQ(bilat_strtab_get(&t, "overwrite", 9, 0), 0, "the new text is no key");

    /* Many keys: the table grows many times, linear probes run over collisions, and
     * every key keeps its value. */
    bool ok = true;
    char k[32];
    for (uint32_t i = 0; i < 20000; i++) {
        int n = snprintf(k, sizeof k, "key-%u", i);
        ok &= bilat_strtab_put(&t, k, (size_t)n, i * 3, &added) != NULL && added;
    }
    OK(ok, "20000 inserts");
    INT_EQ(bilat_strtab_count(&t), 20006, "count after growth");
    uint32_t wrong = 0;
    for (uint32_t i = 0; i < 20000; i++) {
        int n = snprintf(k, sizeof k, "key-%u", i);
        wrong += bilat_strtab_get(&t, k, (size_t)n, UINT32_MAX) != i * 3;
        n = snprintf(k, sizeof k, "yek-%u", i);
        wrong += bilat_strtab_get(&t, k, (size_t)n, UINT32_MAX) != UINT32_MAX;
    }
    INT_EQ(wrong, 0, "every key found with its value, no stranger found");
    INT_EQ(bilat_strtab_get(&t, "EG\0IR", 5, 0), 2, "early keys survive the growth");
    INT_EQ(bilat_strtab_get(&t, "", 0, 0), 4, "the empty key survives the growth");
    OK(t.cap >= 2 * bilat_strtab_count(&t), "at most half full");

    /* Every length from 0 to 40 over one text, so each key is a prefix of the next and
     * the hash reads every tail size (bytes, two words, an overlapping last word). */
    const char *text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF";
    bilat_strtab_t p;
    bilat_strtab_init(&p);
    ok = true;
    for (uint32_t n = 0; n <= 40; n++)
        ok &= bilat_strtab_put(&p, text, n, n, &added) != NULL && added;
    OK(ok, "41 prefixes are 41 keys");
    wrong = 0;
    for (uint32_t n = 0; n <= 40; n++)
        wrong += bilat_strtab_get(&p, text, n, UINT32_MAX) != n;
    INT_EQ(wrong, 0, "each prefix has its own value");
    INT_EQ(bilat_strtab_get(&p, "abcdefghiX", 10, UINT32_MAX), UINT32_MAX,
           "a change in the overlapping last word is seen");
    bilat_strtab_destroy(&p);

    bilat_strtab_destroy(&t);
    INT_EQ(bilat_strtab_count(&t), 0, "destroy empties");
    INT_EQ(bilat_strtab_get(&t, "EG", 2, 9), 9, "destroyed table is empty");
    OK(bilat_strtab_put(&t, "EG", 2, 1, &added) && added, "usable after destroy");
    bilat_strtab_destroy(&t);
}

static void test_dates(void)
{
    OK(bilat_date_valid("2025-01-19"), "valid date");
    OK(!bilat_date_valid("2025-13-01"), "month 13");
    OK(!bilat_date_valid("2025-1-19"), "short month");
    OK(!bilat_date_valid("19-01-2025"), "wrong order");
    OK(!bilat_date_valid(NULL), "NULL");
}

static void test_utf8(void)
{
    const char *s = "a\xd8\xb5\xe2\x82\xac\xf0\x9f\x98\x80";
    size_t i = 0, n = strlen(s);
    INT_EQ(bilat_utf8_next(s, n, &i), 'a', "ASCII");
    INT_EQ(bilat_utf8_next(s, n, &i), 0x635, "Arabic sad");
    INT_EQ(bilat_utf8_next(s, n, &i), 0x20AC, "euro");
    INT_EQ(bilat_utf8_next(s, n, &i), 0x1F600, "emoji");
    INT_EQ(i, n, "consumed all");
    const char *bad = "\xc3\x28\xe2\x82";
    i = 0;
    INT_EQ(bilat_utf8_next(bad, 4, &i), 0xFFFD, "bad continuation");
    INT_EQ(i, 1, "advances one byte on error");
    i = 2;
    INT_EQ(bilat_utf8_next(bad, 4, &i), 0xFFFD, "truncated sequence");
    const char *overlong = "\xc0\xaf";
    i = 0;
    INT_EQ(bilat_utf8_next(overlong, 2, &i), 0xFFFD, "overlong");
    char out[4];
    INT_EQ(bilat_utf8_put(0x635, out), 2, "encode 2 bytes");
    OK(memcmp(out, "\xd8\xb5", 2) == 0, "encoded sad");
    INT_EQ(bilat_utf8_put(0x1F600, out), 4, "encode 4 bytes");
}

int main(void)
{
    test_buf();
    test_array();
    test_strings();
    test_hash();
    test_strtab();
    test_dates();
    test_utf8();
    return test_summary("test_util");
}
