/* Unit tests of src/util.c: buffers, strings, hashing, dates, UTF-8. */
#include "bilat/bilat.h"
#include "harness.h"
#include "util.h"

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
    INT_EQ(bilat_fnv1a(BILAT_FNV_INIT, "foobar", 6) == 0x85944171f73967e8ULL, 1, "fnv foobar");
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
    test_strings();
    test_hash();
    test_dates();
    test_utf8();
    return test_summary("test_util");
}
