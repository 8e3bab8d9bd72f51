/* Fuzz target: the parsers of user data files — a --gazetteer file loaded over the
 * embedded gazetteer, or a --lexicon file loaded over the embedded lexicon (the first
 * input byte chooses).  A malformed file must fail cleanly with the file's name and a
 * line inside it; a good one must load without leaks. */
#include "bilat/bilat.h"
#include "fuzz_common.h"

#include <string.h>

static bilat_gazetteer_t *base;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bilat_init();
    FUZZ_CHECK(bilat_gazetteer_load(NULL, &base, NULL) == BILAT_OK);
    return 0;
}

static long count_lines(const uint8_t *data, size_t size)
{
    long n = 1;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bool lexicon = data[0] & 1;
    const char *path = fuzz_write_file("extra.txt", data + 1, size - 1);
    const char *files[] = {path, NULL};
    bilat_error_t err;
    bilat_status_t st;
    if (lexicon) {
        bilat_extractor_t *ex = NULL;
        st = bilat_extractor_new(base, files, &ex, &err);
        bilat_extractor_free(ex);
    } else {
        bilat_gazetteer_t *gz = NULL;
        st = bilat_gazetteer_load(files, &gz, &err);
        bilat_gazetteer_free(gz);
    }
    if (st != BILAT_OK) {
        FUZZ_CHECK(st == BILAT_EPARSE || st == BILAT_ENOMEM);
        if (st == BILAT_EPARSE) {
            FUZZ_CHECK(strcmp(err.source, path) == 0);
            FUZZ_CHECK(err.line >= 1 && err.line <= count_lines(data + 1, size - 1));
            FUZZ_CHECK(err.text[0] != '\0');
        }
    }
    return 0;
}
