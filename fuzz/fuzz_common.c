/* Helpers shared by the fuzz targets (see fuzz_common.h). */
#include "fuzz_common.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include <unistd.h>

void fuzz_fail(const char *cond, const char *file, int line)
{
    fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, cond);
    abort();
}

static char scratch[PATH_MAX];
static char path[PATH_MAX];
static char last_name[PATH_MAX];

/* Removes the one file a target keeps in the scratch folder, then the folder. */
static void remove_scratch(void)
{
    if (last_name[0]) {
        snprintf(path, sizeof path, "%s/%s", scratch, last_name);
        unlink(path);
    }
    rmdir(scratch);
}

const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
    if (!scratch[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%s/bilat-fuzz-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        FUZZ_CHECK(mkdtemp(scratch) != NULL);
        atexit(remove_scratch);
    }
    /* One file at a time: the previous input's file goes when the name changes. */
    if (last_name[0] && strcmp(last_name, name) != 0) {
        snprintf(path, sizeof path, "%s/%s", scratch, last_name);
        unlink(path);
    }
    snprintf(last_name, sizeof last_name, "%s", name);
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
    return path;
}

bool fuzz_utf8_valid(const char *s, size_t len)
{
    /* ICU's U8_NEXT yields a negative code point for an ill-formed sequence. */
    const uint8_t *u = (const uint8_t *)s;
    int32_t n = (int32_t)len, i = 0;
    if (len > INT32_MAX)
        return false;
    while (i < n) {
        UChar32 c;
        U8_NEXT(u, i, n, c);
        if (c < 0)
            return false;
    }
    return true;
}
