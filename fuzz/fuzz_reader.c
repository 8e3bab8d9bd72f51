/* Fuzz target: the input readers over one file — articles as JSON Lines ({"id",
 * "text", "title", "date"}), a plain article, and both compressed as .gz/.xz — then
 * the same bytes as an events file (bilat_lines_* + bilat_event_from_json).  The
 * first input byte picks the file name.  Checks that every document returned is
 * well-formed and counted, that the walk never fails on bad content (a bad line is a
 * diagnostic, not an error), and that a parsed event writes back to JSON that
 * parses to the same line. */
#include "bilat/bilat.h"
#include "fuzz_common.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"in.jsonl",    "in.txt",    "in.jsonl.gz",
                                    "in.jsonl.xz", "in.txt.gz", "in.html"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bilat_init();
    return 0;
}

static void count_diag(void *userdata, bilat_severity_t severity, const char *source,
                       int line, const char *message)
{
    unsigned long *skipped = userdata;
    FUZZ_CHECK(source != NULL && message != NULL && message[0] != '\0');
    FUZZ_CHECK(line >= 0);
    if (severity == BILAT_SKIPPED)
        (*skipped)++;
}

static void read_articles(const char *path)
{
    unsigned long skipped = 0, docs = 0, counted_docs, counted_skipped;
    bilat_read_options_t opt = {NULL, false, count_diag, &skipped};
    bilat_reader_t *reader = bilat_reader_new(&path, 1, &opt);
    FUZZ_CHECK(reader != NULL);
    for (;;) {
        bilat_doc_t *doc = NULL;
        bilat_error_t err;
        bilat_status_t st = bilat_reader_next(reader, &doc, &err);
        FUZZ_CHECK(st == BILAT_OK || st == BILAT_ENOMEM);
        if (st != BILAT_OK || !doc)
            break;
        FUZZ_CHECK(doc->id != NULL && doc->text != NULL && doc->text[doc->len] == '\0');
        FUZZ_CHECK(fuzz_utf8_valid(doc->text, doc->len));
        FUZZ_CHECK(doc->date == NULL || bilat_date_valid(doc->date));
        FUZZ_CHECK(doc->seq == docs);
        docs++;
        bilat_doc_free(doc);
    }
    bilat_reader_counts(reader, &counted_docs, &counted_skipped, NULL);
    FUZZ_CHECK(counted_docs == docs);
    FUZZ_CHECK(counted_skipped == skipped);
    bilat_reader_free(reader);
}

static void read_events(const char *path)
{
    bilat_lines_t *lines = NULL;
    FUZZ_CHECK(bilat_lines_open(path, &lines, NULL) == BILAT_OK);
    long prev = 0;
    for (;;) {
        const char *line;
        size_t len;
        long lineno;
        if (bilat_lines_next(lines, &line, &len, &lineno, NULL) != BILAT_OK || !line)
            break;
        FUZZ_CHECK(line[len] == '\0' && lineno == prev + 1);
        prev = lineno;
        bilat_event_t ev;
        bilat_error_t err;
        if (bilat_event_from_json(line, len, &ev, path, (int)lineno, &err) != BILAT_OK) {
            FUZZ_CHECK(err.line == (int)lineno);
            continue;
        }
        char *json = bilat_event_to_json(&ev);
        FUZZ_CHECK(json != NULL);
        bilat_event_t back;
        FUZZ_CHECK(bilat_event_from_json(json, strlen(json), &back, path, 1, NULL) ==
                   BILAT_OK);
        char *again = bilat_event_to_json(&back);
        FUZZ_CHECK(again != NULL && strcmp(json, again) == 0);
        free(again);
        free(json);
        bilat_event_destroy(&back);
        bilat_event_destroy(&ev);
    }
    bilat_lines_close(lines);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *name = names[data[0] % (sizeof names / sizeof *names)];
    const char *path = fuzz_write_file(name, data + 1, size - 1);
    read_articles(path);
    read_events(path);
    return 0;
}
