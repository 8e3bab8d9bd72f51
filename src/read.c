/* STUB — owned by the text front end: walking inputs, .gz/.xz, JSONL. */
#include "bilat/bilat.h"

#include <stdlib.h>

struct bilat_reader { int dummy; };

bilat_reader_t *bilat_reader_new(const char *const *paths, size_t n,
                                 const bilat_read_options_t *opt)
{
    (void)paths; (void)n; (void)opt;
    return calloc(1, sizeof(bilat_reader_t));
}

bilat_status_t bilat_reader_next(bilat_reader_t *reader, bilat_doc_t **doc, bilat_error_t *err)
{
    (void)reader; (void)err;
    *doc = NULL;
    return BILAT_OK;
}

void bilat_reader_counts(const bilat_reader_t *reader, unsigned long *docs,
                         unsigned long *skipped, unsigned long long *bytes)
{
    (void)reader;
    if (docs) *docs = 0;
    if (skipped) *skipped = 0;
    if (bytes) *bytes = 0;
}

unsigned long long bilat_reader_total_bytes(const bilat_reader_t *reader)
{
    (void)reader;
    return 0;
}

void bilat_reader_free(bilat_reader_t *reader)
{
    free(reader);
}

/* STUB line reader (plain files only). */
#include <stdio.h>
#include <string.h>
struct bilat_lines { FILE *f; char *buf; size_t cap; long lineno; int is_stdin; };

bilat_status_t bilat_lines_open(const char *path, bilat_lines_t **out, bilat_error_t *err)
{
    bilat_lines_t *l = calloc(1, sizeof *l);
    if (!l)
        return BILAT_ENOMEM;
    l->is_stdin = strcmp(path, "-") == 0;
    l->f = l->is_stdin ? stdin : fopen(path, "rb");
    if (!l->f) {
        free(l);
        return bilat_error_set(err, BILAT_EIO, path, 0, 0, "cannot open");
    }
    *out = l;
    return BILAT_OK;
}

bilat_status_t bilat_lines_next(bilat_lines_t *l, const char **line, size_t *len, long *lineno,
                                bilat_error_t *err)
{
    (void)err;
    ssize_t n = getline(&l->buf, &l->cap, l->f);
    if (n < 0) {
        *line = NULL;
        *len = 0;
        return BILAT_OK;
    }
    while (n > 0 && (l->buf[n - 1] == '\n' || l->buf[n - 1] == '\r'))
        l->buf[--n] = '\0';
    *line = l->buf;
    *len = (size_t)n;
    *lineno = ++l->lineno;
    return BILAT_OK;
}

void bilat_lines_close(bilat_lines_t *l)
{
    if (!l)
        return;
    if (!l->is_stdin)
        fclose(l->f);
    free(l->buf);
    free(l);
}
