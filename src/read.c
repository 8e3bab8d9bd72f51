/* Reading inputs: arguments in order, folders walked recursively in byte order of
 * paths, .gz/.xz decompressed as streams, JSON Lines of articles, line reading for
 * events files.  Documents are produced one at a time, so memory stays flat. */
#include "bilat/bilat.h"
#include "read_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <lzma.h>
#include <zlib.h>

/* ---- streams ------------------------------------------------------------------- */

enum { IN_CHUNK = 1 << 18 };
enum { KIND_RAW, KIND_GZ, KIND_XZ };
static const unsigned char xz_magic[6] = {0xFD, '7', 'z', 'X', 'Z', 0x00};

struct bilat_stream {
    int fd;
    int kind;
    bool eof;           /* no more input bytes */
    bool done;          /* no more output */
    volatile int *stop; /* when set, a read that a signal interrupts gives up */
    unsigned char *in;
    size_t in_len, in_pos;
    z_stream z;
    lzma_stream x;
    char errbuf[64]; /* the message of a read error */
};

const char bilat_stream_stopped[] = "interrupted";

/* true when a read that failed with EINTR is to give up rather than be retried. */
static bool stopped(const bilat_stream_t *s)
{
    return errno == EINTR && s->stop && *s->stop;
}

/* read() retried when a signal interrupts it, unless stop is set: then -1 with errno
 * EINTR.  stop is also checked before each attempt, so that a signal that came just
 * before the read is not missed. */
static ssize_t raw_read(bilat_stream_t *s, void *buf, size_t n)
{
    for (;;) {
        if (s->stop && *s->stop) {
            errno = EINTR;
            return -1;
        }
        ssize_t r = read(s->fd, buf, n);
        if (r >= 0 || errno != EINTR)
            return r;
    }
}

/* Reads more raw input; false on a read error (errno set). */
static bool fill(bilat_stream_t *s)
{
    if (s->in_pos < s->in_len || s->eof)
        return true;
    ssize_t n = raw_read(s, s->in, IN_CHUNK);
    if (n < 0)
        return false;
    s->in_len = (size_t)n;
    s->in_pos = 0;
    s->eof = n == 0;
    return true;
}

bilat_stream_t *bilat_stream_open(const char *path, volatile int *stop, int *errno_out)
{
    bilat_stream_t *s = calloc(1, sizeof *s);
    if (!s || !(s->in = malloc(IN_CHUNK))) {
        free(s);
        *errno_out = ENOMEM;
        return NULL;
    }
    s->stop = stop;
    if (strcmp(path, "-") == 0) {
        s->fd = STDIN_FILENO;
    } else {
        s->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (s->fd < 0) {
            *errno_out = errno;
            free(s->in);
            free(s);
            return NULL;
        }
    }
    /* the kind comes from the magic bytes, so a compressed stdin or a misnamed file
     * is read as what it is */
    while (s->in_len < 6 && !s->eof) {
        ssize_t n = raw_read(s, s->in + s->in_len, IN_CHUNK - s->in_len);
        if (n < 0) {
            *errno_out = errno;
            bilat_stream_close(s);
            return NULL;
        }
        s->in_len += (size_t)n;
        s->eof = n == 0;
    }
    s->eof = false;
    if (s->in_len >= 2 && s->in[0] == 0x1f && s->in[1] == 0x8b) {
        if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
            *errno_out = ENOMEM;
            bilat_stream_close(s);
            return NULL;
        }
        s->kind = KIND_GZ;
    } else if (s->in_len >= sizeof xz_magic &&
               memcmp(s->in, xz_magic, sizeof xz_magic) == 0) {
        lzma_stream init = LZMA_STREAM_INIT;
        s->x = init;
        if (lzma_stream_decoder(&s->x, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
            *errno_out = ENOMEM;
            bilat_stream_close(s);
            return NULL;
        }
        s->kind = KIND_XZ;
    }
    return s;
}

bool bilat_stream_compressed(const bilat_stream_t *s)
{
    return s->kind != KIND_RAW;
}

/* Sets *msg to the message of the last read error (held by s); returns -1. */
static long read_error(bilat_stream_t *s, const char **msg)
{
    if (stopped(s)) {
        *msg = bilat_stream_stopped;
        return -1;
    }
    snprintf(s->errbuf, sizeof s->errbuf, "read error: %s", strerror(errno));
    *msg = s->errbuf;
    return -1;
}

long bilat_stream_read(bilat_stream_t *s, char *buf, size_t cap, const char **msg)
{
    if (s->done || cap == 0)
        return 0;
    if (cap > (size_t)1 << 30)
        cap = (size_t)1 << 30;
    for (;;) {
        if (!fill(s))
            return read_error(s, msg);
        if (s->kind == KIND_RAW) {
            if (s->eof) {
                s->done = true;
                return 0;
            }
            size_t n = s->in_len - s->in_pos < cap ? s->in_len - s->in_pos : cap;
            memcpy(buf, s->in + s->in_pos, n);
            s->in_pos += n;
            return (long)n;
        }
        if (s->kind == KIND_GZ) {
            if (s->eof) {
                *msg = "truncated gzip stream";
                return -1;
            }
            s->z.next_in = s->in + s->in_pos;
            s->z.avail_in = (uInt)(s->in_len - s->in_pos);
            s->z.next_out = (Bytef *)buf;
            s->z.avail_out = (uInt)cap;
            int r = inflate(&s->z, Z_NO_FLUSH);
            s->in_pos = s->in_len - s->z.avail_in;
            size_t got = cap - s->z.avail_out;
            if (r == Z_STREAM_END) {
                /* concatenated members go on; the end of the input ends the stream */
                if (!fill(s))
                    return read_error(s, msg);
                if (s->eof)
                    s->done = true;
                else
                    inflateReset(&s->z);
            } else if (r != Z_OK && r != Z_BUF_ERROR) {
                *msg = "corrupt gzip stream";
                return -1;
            }
            if (got)
                return (long)got;
            if (s->done)
                return 0;
            continue;
        }
        s->x.next_in = s->in + s->in_pos;
        s->x.avail_in = s->in_len - s->in_pos;
        s->x.next_out = (uint8_t *)buf;
        s->x.avail_out = cap;
        lzma_ret r = lzma_code(&s->x, s->eof ? LZMA_FINISH : LZMA_RUN);
        s->in_pos = s->in_len - s->x.avail_in;
        size_t got = cap - s->x.avail_out;
        if (r == LZMA_STREAM_END) {
            s->done = true;
        } else if (r == LZMA_BUF_ERROR && s->eof) {
            *msg = "truncated xz stream";
            return -1;
        } else if (r != LZMA_OK && r != LZMA_BUF_ERROR) {
            *msg = r == LZMA_MEM_ERROR ? "out of memory" : "corrupt xz stream";
            return -1;
        }
        if (got)
            return (long)got;
        if (s->done)
            return 0;
    }
}

void bilat_stream_close(bilat_stream_t *s)
{
    if (!s)
        return;
    if (s->kind == KIND_GZ)
        inflateEnd(&s->z);
    else if (s->kind == KIND_XZ)
        lzma_end(&s->x);
    if (s->fd > STDIN_FILENO)
        close(s->fd);
    free(s->in);
    free(s);
}

/* ---- lines --------------------------------------------------------------------- */

/* Lines of a stream: buf[pos..len) holds bytes not yet returned. */
typedef struct linebuf {
    bilat_stream_t *s;
    char *buf;
    size_t pos, len, cap;
    long lineno;
    bool end;
} linebuf_t;

/* The next line without its line end (CRLF, LF; NUL-terminated in place), NULL at
 * the end; -1 with *msg on a stream error (the lines before it were returned). */
static int linebuf_next(linebuf_t *lb, char **line, size_t *len, const char **msg)
{
    size_t scan = lb->pos;
    for (;;) {
        char *nl = lb->buf ? memchr(lb->buf + scan, '\n', lb->len - scan) : NULL;
        if (nl || (lb->end && lb->pos < lb->len)) {
            size_t e = nl ? (size_t)(nl - lb->buf) : lb->len;
            *line = lb->buf + lb->pos;
            *len = e - lb->pos;
            if (*len && (*line)[*len - 1] == '\r')
                (*len)--;
            (*line)[*len] = '\0';
            lb->pos = nl ? e + 1 : lb->len;
            lb->lineno++;
            return 1;
        }
        if (lb->end) {
            *line = NULL;
            *len = 0;
            return 0;
        }
        /* keep the partial line, make room and read more */
        if (lb->pos > 0) {
            memmove(lb->buf, lb->buf + lb->pos, lb->len - lb->pos);
            lb->len -= lb->pos;
            lb->pos = 0;
        }
        scan = lb->len;
        if (lb->cap - lb->len < IN_CHUNK + 1) {
            size_t cap = lb->cap ? lb->cap * 2 : 2 * IN_CHUNK;
            while (cap - lb->len < IN_CHUNK + 1)
                cap *= 2;
            char *b = realloc(lb->buf, cap);
            if (!b) {
                *msg = "out of memory";
                return -1;
            }
            lb->buf = b;
            lb->cap = cap;
        }
        long n = bilat_stream_read(lb->s, lb->buf + lb->len, lb->cap - lb->len - 1, msg);
        if (n < 0)
            return -1;
        if (n == 0)
            lb->end = true;
        lb->len += (size_t)n;
    }
}

struct bilat_lines {
    linebuf_t lb;
    char *path;
};

bilat_status_t bilat_lines_open(const char *path, bilat_lines_t **out, bilat_error_t *err)
{
    *out = NULL;
    const char *src = strcmp(path, "-") == 0 ? "<stdin>" : path;
    bilat_lines_t *l = calloc(1, sizeof *l);
    if (!l || !(l->path = bilat_strdup(src))) {
        free(l);
        return bilat_error_set(err, BILAT_ENOMEM, src, 0, 0, "out of memory");
    }
    int e = 0;
    l->lb.s = bilat_stream_open(path, NULL, &e);
    if (!l->lb.s) {
        free(l->path);
        free(l);
        return bilat_error_set(err, e == ENOMEM ? BILAT_ENOMEM : BILAT_EIO, src, 0, 0,
                               "cannot read: %s", strerror(e));
    }
    *out = l;
    return BILAT_OK;
}

bilat_status_t bilat_lines_next(bilat_lines_t *l, const char **line, size_t *len,
                                long *lineno, bilat_error_t *err)
{
    char *p;
    const char *msg = NULL;
    int r = linebuf_next(&l->lb, &p, len, &msg);
    if (r < 0) {
        *line = NULL;
        return bilat_error_set(err, BILAT_EIO, l->path, (int)l->lb.lineno + 1, 0, "%s",
                               msg);
    }
    *line = p;
    *lineno = l->lb.lineno;
    return BILAT_OK;
}

void bilat_lines_close(bilat_lines_t *l)
{
    if (!l)
        return;
    bilat_stream_close(l->lb.s);
    free(l->lb.buf);
    free(l->path);
    free(l);
}

/* ---- paths --------------------------------------------------------------------- */

/* The path as reached: dir joined with name, without "//", "/./" or a leading "./". */
static char *path_join(const char *dir, const char *name)
{
    bilat_buf_t b;
    bilat_buf_init(&b);
    if (!bilat_buf_puts(&b, dir) ||
        (name && (!bilat_buf_putc(&b, '/') || !bilat_buf_puts(&b, name)))) {
        bilat_buf_destroy(&b);
        return NULL;
    }
    char *s = b.data;
    size_t w = 0, r = 0, n = b.len;
    bool abs = n > 0 && s[0] == '/';
    while (r < n) {
        if (s[r] == '/') {
            r++;
            continue;
        }
        size_t e = r;
        while (e < n && s[e] != '/')
            e++;
        if (!(e - r == 1 && s[r] == '.')) {
            if (w > 0 || abs)
                s[w++] = '/';
            memmove(s + w, s + r, e - r);
            w += e - r;
        }
        r = e;
    }
    if (w == 0) {
        if (abs)
            s[w++] = '/';
        else
            s[w++] = '.';
    }
    s[w] = '\0';
    return s;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static bool is_jsonl_name(const char *p)
{
    return has_suffix(p, ".jsonl") || has_suffix(p, ".jsonl.gz") ||
           has_suffix(p, ".jsonl.xz");
}

/* ---- the reader ---------------------------------------------------------------- */

/* A folder entry: its name, with '/' appended for folders, and whether the listing
 * says it is a regular file (then the walk needs no stat() of its own: the reading
 * thread's fstat() gives the size and time). */
typedef struct walk_entry {
    char *name;
    bool regular;
} walk_entry_t;

typedef struct frame {
    char *path;            /* the folder as reached */
    walk_entry_t *entries; /* sorted by name */
    size_t n, next;
} frame_t;

typedef struct dev_ino {
    dev_t dev;
    ino_t ino;
} dev_ino_t;

struct bilat_reader {
    char **args;
    size_t nargs, next_arg;
    char *encoding;
    bool date_from_mtime;
    bilat_diag_fn diag;
    void *diag_userdata;
    volatile int *interrupted;
    frame_t *stack;
    size_t depth, stack_cap;
    dev_ino_t *seen;
    size_t nseen, seen_cap;
    /* the JSON Lines file being read */
    linebuf_t jl;
    char *jl_path;
    /* the walk's own diagnostics, waiting for the next item to carry them */
    bilat_diag_rec_t *pending;
    size_t npending, pending_cap;
    bool oom; /* a diagnostic could not be kept */
    unsigned long docs, skipped, seq;
    unsigned long long bytes;
    bool total_known;
    unsigned long long total;
};

/* Appends a formatted diagnostic to v; false when out of memory. */
static bool rec_vadd(bilat_diag_rec_t **v, size_t *n, size_t *cap, bilat_severity_t sev,
                     const char *src, int line, const char *fmt, va_list ap)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 2;
        bilat_diag_rec_t *p = realloc(*v, c * sizeof *p);
        if (!p)
            return false;
        *v = p;
        *cap = c;
    }
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    bilat_diag_rec_t d = {sev, line, bilat_strdup(src), bilat_strdup(msg)};
    if (!d.source || !d.message) {
        free(d.source);
        free(d.message);
        return false;
    }
    (*v)[(*n)++] = d;
    return true;
}

static void recs_free(bilat_diag_rec_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].source);
        free(v[i].message);
    }
    free(v);
}

/* A diagnostic of the walk itself: it waits for the next item, so that it comes out
 * after the items found before it. */
static void diag(bilat_reader_t *r, bilat_severity_t sev, const char *src, int line,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void diag(bilat_reader_t *r, bilat_severity_t sev, const char *src, int line,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t cap = r->pending_cap;
    if (!rec_vadd(&r->pending, &r->npending, &cap, sev, src, line, fmt, ap))
        r->oom = true;
    r->pending_cap = cap;
    va_end(ap);
}

/* A diagnostic of one item's load; false when out of memory.  The item's array grows
 * by doubling from its count: it never holds more than a few. */
static bool item_diag(bilat_item_t *it, bilat_severity_t sev, const char *src, int line,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static bool item_diag(bilat_item_t *it, bilat_severity_t sev, const char *src, int line,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t cap = it->ndiags; /* full: rec_vadd doubles it */
    bool ok = rec_vadd(&it->diags, &it->ndiags, &cap, sev, src, line, fmt, ap);
    va_end(ap);
    return ok;
}

bilat_reader_t *bilat_reader_new(const char *const *paths, size_t n,
                                 const bilat_read_options_t *opt)
{
    bilat_reader_t *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->args = calloc(n ? n : 1, sizeof *r->args);
    if (!r->args)
        goto fail;
    r->nargs = n;
    for (size_t i = 0; i < n; i++)
        if (!(r->args[i] = bilat_strdup(paths[i])))
            goto fail;
    if (opt) {
        if (opt->encoding && !(r->encoding = bilat_strdup(opt->encoding)))
            goto fail;
        r->date_from_mtime = opt->date_from_mtime;
        r->diag = opt->diag;
        r->diag_userdata = opt->diag_userdata;
        r->interrupted = opt->interrupted;
    }
    return r;
fail:
    bilat_reader_free(r);
    return NULL;
}

static void close_jsonl(bilat_reader_t *r)
{
    bilat_stream_close(r->jl.s);
    free(r->jl.buf);
    memset(&r->jl, 0, sizeof r->jl);
    free(r->jl_path);
    r->jl_path = NULL;
}

static void pop_frame(bilat_reader_t *r)
{
    frame_t *f = &r->stack[--r->depth];
    for (size_t i = 0; i < f->n; i++)
        free(f->entries[i].name);
    free(f->entries);
    free(f->path);
}

void bilat_reader_free(bilat_reader_t *r)
{
    if (!r)
        return;
    close_jsonl(r);
    recs_free(r->pending, r->npending);
    while (r->depth)
        pop_frame(r);
    free(r->stack);
    free(r->seen);
    for (size_t i = 0; i < r->nargs; i++)
        free(r->args[i]);
    free(r->args);
    free(r->encoding);
    free(r);
}

void bilat_reader_counts(const bilat_reader_t *r, unsigned long *docs,
                         unsigned long *skipped, unsigned long long *bytes)
{
    if (docs)
        *docs = r->docs;
    if (skipped)
        *skipped = r->skipped;
    if (bytes)
        *bytes = r->bytes;
}

/* The decompressed size of a .gz file (its trailer's ISIZE, modulo 4 GB) or .xz file
 * (from the index of its last stream), else the file size: the progress line counts
 * decompressed bytes. */
static unsigned long long content_size(const char *path, const struct stat *st)
{
    unsigned long long size = (unsigned long long)st->st_size;
    bool gz = has_suffix(path, ".gz"), xz = has_suffix(path, ".xz");
    if ((!gz && !xz) || st->st_size < 18)
        return size;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return size;
    unsigned char tail[12];
    if (pread(fd, tail, sizeof tail, st->st_size - 12) != (ssize_t)sizeof tail)
        goto done;
    if (gz) {
        size = (unsigned long long)tail[8] | (unsigned long long)tail[9] << 8 |
               (unsigned long long)tail[10] << 16 | (unsigned long long)tail[11] << 24;
        goto done;
    }
    lzma_stream_flags flags;
    if (lzma_stream_footer_decode(&flags, tail) != LZMA_OK ||
        flags.backward_size > (1u << 24) || (off_t)flags.backward_size + 12 > st->st_size)
        goto done;
    size_t isz = (size_t)flags.backward_size;
    uint8_t *ib = malloc(isz);
    lzma_index *idx = NULL;
    uint64_t memlimit = UINT64_MAX;
    size_t pos = 0;
    if (ib && pread(fd, ib, isz, st->st_size - 12 - (off_t)isz) == (ssize_t)isz &&
        lzma_index_buffer_decode(&idx, &memlimit, NULL, ib, &pos, isz) == LZMA_OK) {
        size = lzma_index_uncompressed_size(idx);
        lzma_index_end(idx, NULL);
    }
    free(ib);
done:
    close(fd);
    return size;
}

/* Sum of regular file sizes under path (folders recursively, each visited once). */
static unsigned long long tree_bytes(const char *path, dev_ino_t **seen, size_t *n,
                                     size_t *cap, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return content_size(path, &st);
    if (!S_ISDIR(st.st_mode) || depth > 256)
        return 0;
    for (size_t i = 0; i < *n; i++)
        if ((*seen)[i].dev == st.st_dev && (*seen)[i].ino == st.st_ino)
            return 0;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        dev_ino_t *p = realloc(*seen, c * sizeof *p);
        if (!p)
            return 0;
        *seen = p;
        *cap = c;
    }
    (*seen)[(*n)++] = (dev_ino_t){st.st_dev, st.st_ino};
    DIR *d = opendir(path);
    if (!d)
        return 0;
    unsigned long long sum = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = path_join(path, e->d_name);
        if (p)
            sum += tree_bytes(p, seen, n, cap, depth + 1);
        free(p);
    }
    closedir(d);
    return sum;
}

unsigned long long bilat_reader_total_bytes(const bilat_reader_t *reader)
{
    bilat_reader_t *r = (bilat_reader_t *)reader; /* a cache, not a visible change */
    if (!r->total_known) {
        dev_ino_t *seen = NULL;
        size_t n = 0, cap = 0;
        r->total = 0;
        for (size_t i = 0; i < r->nargs; i++)
            if (strcmp(r->args[i], "-") != 0)
                r->total += tree_bytes(r->args[i], &seen, &n, &cap, 0);
        free(seen);
        r->total_known = true;
    }
    return r->total;
}

static int cmp_entries(const void *a, const void *b)
{
    return strcmp(((const walk_entry_t *)a)->name, ((const walk_entry_t *)b)->name);
}

/* Marks a folder visited; false when it was already (a symbolic link loop or a second
 * way to the same folder). */
static bool visit(bilat_reader_t *r, const struct stat *st, bool *oom)
{
    for (size_t i = 0; i < r->nseen; i++)
        if (r->seen[i].dev == st->st_dev && r->seen[i].ino == st->st_ino)
            return false;
    if (r->nseen == r->seen_cap) {
        size_t c = r->seen_cap ? r->seen_cap * 2 : 64;
        dev_ino_t *p = realloc(r->seen, c * sizeof *p);
        if (!p) {
            *oom = true;
            return false;
        }
        r->seen = p;
        r->seen_cap = c;
    }
    r->seen[r->nseen++] = (dev_ino_t){st->st_dev, st->st_ino};
    return true;
}

/* Lists a folder onto the stack: hidden entries skipped, entries sorted so that the
 * walk follows the byte order of the full paths (folders compare as "name/"). */
static bilat_status_t push_folder(bilat_reader_t *r, char *path, bilat_error_t *err)
{
    DIR *d = opendir(path);
    if (!d) {
        diag(r, BILAT_SKIPPED, path, 0, "cannot read: %s", strerror(errno));
        free(path);
        return BILAT_OK;
    }
    frame_t f = {path, NULL, 0, 0};
    size_t cap = 0;
    struct dirent *e;
    int dfd = dirfd(d);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        bool dir = e->d_type == DT_DIR;
        if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
            struct stat st;
            dir = fstatat(dfd, e->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
        }
        if (f.n == cap) {
            cap = cap ? cap * 2 : 16;
            walk_entry_t *p = realloc(f.entries, cap * sizeof *p);
            if (!p)
                goto oom;
            f.entries = p;
        }
        size_t l = strlen(e->d_name);
        char *name = malloc(l + 2);
        if (!name)
            goto oom;
        memcpy(name, e->d_name, l);
        name[l] = dir ? '/' : '\0';
        name[l + 1] = '\0';
        f.entries[f.n++] = (walk_entry_t){name, e->d_type == DT_REG};
    }
    closedir(d);
    if (f.n) /* qsort wants a non-NULL array even when it is empty */
        qsort(f.entries, f.n, sizeof *f.entries, cmp_entries);
    if (r->depth == r->stack_cap) {
        size_t c = r->stack_cap ? r->stack_cap * 2 : 8;
        frame_t *p = realloc(r->stack, c * sizeof *p);
        if (!p) {
            d = NULL;
            goto oom;
        }
        r->stack = p;
        r->stack_cap = c;
    }
    r->stack[r->depth++] = f;
    return BILAT_OK;
oom:
    if (d)
        closedir(d);
    for (size_t i = 0; i < f.n; i++)
        free(f.entries[i].name);
    free(f.entries);
    free(path);
    return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
}

/* "YYYY-MM-DD" of the file's modification time (UTC). */
static char *mtime_date(const struct stat *st)
{
    struct tm tm;
    time_t t = st->st_mtime;
    char buf[16];
    if (!gmtime_r(&t, &tm) || strftime(buf, sizeof buf, "%Y-%m-%d", &tm) != 10)
        return NULL;
    return bilat_strdup(buf);
}

/* Appends the rest of a stream to b with large reads, want bytes (the file size as a
 * first guess) at first; -1 with *msg on an error. */
static int read_rest(bilat_stream_t *s, bilat_buf_t *b, size_t want, const char **msg)
{
    for (;;) {
        if (!bilat_buf_reserve(b, want)) {
            *msg = "out of memory";
            return -1;
        }
        long n = bilat_stream_read(s, b->data + b->len, b->cap - b->len - 1, msg);
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        b->len += (size_t)n;
        b->data[b->len] = '\0';
        want = b->len < IN_CHUNK ? IN_CHUNK : b->len; /* grow geometrically */
    }
}

/* Decodes the bytes of one input into it->doc (none, with a diagnostic, when it is
 * empty or skipped); st, when not NULL, gives the file's modification time. */
static bilat_status_t make_doc(const bilat_reader_t *r, bilat_item_t *it, const char *src,
                               const char *data, size_t len, const struct stat *st,
                               bilat_error_t *err)
{
    it->bytes += len;
    bool ok = true;
    if (len == 0) {
        ok = item_diag(it, BILAT_WARNING, src, 0, "empty file");
        goto done;
    }
    size_t repaired = 0;
    bilat_error_t derr;
    bilat_status_t dst =
        bilat_decode(data, len, src, r->encoding, &it->doc, &repaired, &derr);
    if (dst == BILAT_ENOMEM || dst == BILAT_EINVAL) {
        if (err)
            *err = derr;
        return dst;
    }
    if (dst != BILAT_OK) {
        ok = item_diag(it, BILAT_SKIPPED, src, 0, "%s", derr.text);
        goto done;
    }
    if (repaired)
        ok = item_diag(it, BILAT_WARNING, src, 0, "invalid UTF-8 repaired (%zu byte%s)",
                       repaired, repaired == 1 ? "" : "s");
    if (ok && r->date_from_mtime && st)
        ok = (it->doc->date = mtime_date(st)) != NULL;
done:
    return ok ? BILAT_OK : bilat_error_set(err, BILAT_ENOMEM, src, 0, 0, "out of memory");
}

/* Reads an open plain file straight into b, sized by the walk's stat and growing if
 * the file did: most articles are a few KB, and the stream path would first read them
 * into its 256 KB staging buffer and copy them out.  Returns 0, or an errno value. */
static int read_plain(int fd, const struct stat *st, bilat_buf_t *b)
{
    /* one byte more than the size: a regular file that gives less than asked is at
     * its end, which saves the read that would return 0 (and a larger buffer for it) */
    size_t want = (size_t)st->st_size + 2;
    for (;;) {
        if (!bilat_buf_reserve(b, want))
            return ENOMEM;
        size_t ask = b->cap - b->len - 1;
        ssize_t n = read(fd, b->data + b->len, ask);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : 0;
        b->len += (size_t)n;
        b->data[b->len] = '\0';
        if ((size_t)n < ask && S_ISREG(st->st_mode))
            return 0;
        want = IN_CHUNK;
    }
}

static bool compressed_magic(const char *p, size_t len)
{
    return (len >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b) ||
           (len >= sizeof xz_magic && memcmp(p, xz_magic, sizeof xz_magic) == 0);
}

/* One file as a document; none, with a diagnostic, when skipped.  Files named .gz/.xz
 * and files whose bytes say they are compressed go through the decompressing stream. */
static bilat_status_t load_file(const bilat_reader_t *r, bilat_item_t *it,
                                bilat_error_t *err)
{
    const char *id = it->id;
    bilat_buf_t b;
    bilat_buf_init(&b);
    bilat_status_t res = BILAT_OK;
    bool plain = !has_suffix(id, ".gz") && !has_suffix(id, ".xz");
    if (plain) {
        int fd = open(id, O_RDONLY | O_CLOEXEC);
        int e = fd < 0 ? errno : 0;
        if (!e && !it->has_st)
            e = fstat(fd, &it->st) == 0 ? 0 : errno;
        it->has_st = !e;
        if (!e)
            e = read_plain(fd, &it->st, &b);
        if (fd >= 0)
            close(fd);
        if (e == ENOMEM ||
            (e && !item_diag(it, BILAT_SKIPPED, id, 0, "%s: %s",
                             fd < 0 ? "cannot read" : "read error", strerror(e))))
            res = bilat_error_set(err, BILAT_ENOMEM, id, 0, 0, "out of memory");
        if (e)
            goto done;
        plain = !compressed_magic(b.data, b.len);
    }
    if (!plain) {
        bilat_buf_destroy(&b);
        int e = 0;
        bilat_stream_t *s = bilat_stream_open(id, NULL, &e);
        if (s && !it->has_st)
            it->has_st = stat(id, &it->st) == 0;
        if (!s) {
            if (e == ENOMEM ||
                !item_diag(it, BILAT_SKIPPED, id, 0, "cannot read: %s", strerror(e)))
                res = bilat_error_set(err, BILAT_ENOMEM, id, 0, 0, "out of memory");
            goto done;
        }
        const char *msg = NULL;
        int rc = read_rest(s, &b, IN_CHUNK, &msg);
        if (rc < 0 && (strcmp(msg, "out of memory") == 0 ||
                       !item_diag(it, BILAT_SKIPPED, id, 0, "%s", msg)))
            res = bilat_error_set(err, BILAT_ENOMEM, id, 0, 0, "out of memory");
        bilat_stream_close(s); /* after the message, which it may hold */
        if (rc < 0)
            goto done;
    }
    res = make_doc(r, it, id, b.data ? b.data : "", b.len, it->has_st ? &it->st : NULL,
                   err);
done:
    bilat_buf_destroy(&b);
    return res;
}

/* Starts reading a JSON Lines file of articles. */
static bilat_status_t open_jsonl(bilat_reader_t *r, const char *id, bilat_error_t *err)
{
    const char *src = strcmp(id, "-") == 0 ? "<stdin>" : id;
    int e = 0;
    bilat_stream_t *s = bilat_stream_open(id, r->interrupted, &e);
    if (!s) {
        if (e == ENOMEM)
            return bilat_error_set(err, BILAT_ENOMEM, src, 0, 0, "out of memory");
        if (e == EINTR)
            return bilat_error_set(err, BILAT_EINTR, src, 0, 0, "interrupted");
        diag(r, BILAT_SKIPPED, src, 0, "cannot read: %s", strerror(e));
        return BILAT_OK;
    }
    if (!(r->jl_path = bilat_strdup(src))) {
        bilat_stream_close(s);
        return bilat_error_set(err, BILAT_ENOMEM, src, 0, 0, "out of memory");
    }
    r->jl.s = s;
    return BILAT_OK;
}

/* One article line; none, with a diagnostic, when malformed. */
static bilat_status_t load_line(bilat_item_t *it, bilat_error_t *err)
{
    const char *src = it->id;
    int lineno = it->line;
    json_error_t je;
    bool ok = true;
    /* a NUL ends every article of some archives */
    json_t *o = json_loadb(it->data, it->len, JSON_ALLOW_NUL, &je);
    if (!o) {
        ok = item_diag(it, BILAT_SKIPPED, src, lineno, "malformed JSON line skipped: %s",
                       je.text);
        goto cleanup;
    }
    json_t *jt = json_object_get(o, "text"), *jid = json_object_get(o, "id");
    json_t *jtitle = json_object_get(o, "title"), *jdate = json_object_get(o, "date");
    char idbuf[32];
    const char *id = NULL;
    if (json_is_string(jid))
        id = json_string_value(jid);
    else if (json_is_integer(jid)) {
        snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
        id = idbuf;
    }
    if (!json_is_object(o) || !json_is_string(jt) || !id) {
        ok = item_diag(it, BILAT_SKIPPED, src, lineno, "malformed JSON line skipped: %s",
                       !json_is_object(o)    ? "not an object"
                       : !json_is_string(jt) ? "no \"text\" string"
                                             : "no \"id\" string or number");
        goto cleanup;
    }
    bilat_buf_t text;
    bilat_buf_init(&text);
    if (json_is_string(jtitle) && json_string_length(jtitle) > 0)
        ok = bilat_buf_append(&text, json_string_value(jtitle),
                              json_string_length(jtitle)) &&
             bilat_buf_append(&text, "\n\n", 2);
    ok = ok && bilat_buf_append(&text, json_string_value(jt), json_string_length(jt));
    char date[11] = "";
    if (json_is_string(jdate))
        bilat_date_find(json_string_value(jdate), json_string_length(jdate), date);
    it->doc = ok ? bilat_doc_new(id, date[0] ? date : NULL, text.data ? text.data : "",
                                 text.len)
                 : NULL;
    bilat_buf_destroy(&text);
    ok = it->doc != NULL;
    if (ok) {
        it->doc->html = bilat_text_is_html(NULL, it->doc->text, it->doc->len);
        it->bytes += it->len + 1;
    }
cleanup:
    json_decref(o);
    return ok ? BILAT_OK
              : bilat_error_set(err, BILAT_ENOMEM, src, lineno, 0, "out of memory");
}

/* A new item of the given kind, carrying the walk's waiting diagnostics; takes id
 * (also on failure).  NULL when out of memory. */
static bilat_item_t *item_new(bilat_reader_t *r, int kind, char *id)
{
    bilat_item_t *it = calloc(1, sizeof *it);
    if (!it || r->oom) {
        free(it);
        free(id);
        return NULL;
    }
    it->kind = kind;
    it->id = id;
    it->diags = r->pending;
    it->ndiags = r->npending;
    r->pending = NULL;
    r->npending = r->pending_cap = 0;
    return it;
}

void bilat_item_free(bilat_item_t *it)
{
    if (!it)
        return;
    free(it->id);
    free(it->data);
    bilat_doc_free(it->doc);
    recs_free(it->diags, it->ndiags);
    free(it);
}

/* Standard input: JSON Lines of articles when its first visible byte (after
 * decompression) is '{' — no article starts with a brace — else one document, whose
 * bytes are read here (the item decodes them). */
static bilat_status_t read_stdin(bilat_reader_t *r, bilat_item_t **out,
                                 bilat_error_t *err)
{
    const char *src = "<stdin>";
    int e = 0;
    bilat_stream_t *s = bilat_stream_open("-", r->interrupted, &e);
    if (!s) {
        if (e == ENOMEM)
            return bilat_error_set(err, BILAT_ENOMEM, src, 0, 0, "out of memory");
        if (e == EINTR)
            return bilat_error_set(err, BILAT_EINTR, src, 0, 0, "interrupted");
        diag(r, BILAT_SKIPPED, src, 0, "cannot read: %s", strerror(e));
        return BILAT_OK;
    }
    bilat_buf_t b;
    bilat_buf_init(&b);
    const char *msg = "out of memory";
    size_t vis = 0;
    long n = 1;
    /* read until a visible byte shows */
    while (n > 0 && vis == b.len) {
        if (!bilat_buf_reserve(&b, IN_CHUNK))
            goto fail;
        n = bilat_stream_read(s, b.data + b.len, b.cap - b.len - 1, &msg);
        if (n < 0)
            goto fail;
        b.len += (size_t)n;
        b.data[b.len] = '\0';
        while (vis < b.len && (b.data[vis] == ' ' || b.data[vis] == '\t' ||
                               b.data[vis] == '\r' || b.data[vis] == '\n'))
            vis++;
    }
    if (vis < b.len && b.data[vis] == '{') {
        if (!(r->jl_path = bilat_strdup(src)))
            goto fail;
        r->jl.s = s;
        r->jl.buf = b.data;
        r->jl.len = b.len;
        r->jl.cap = b.cap;
        r->jl.end = n == 0;
        return BILAT_OK;
    }
    if (n > 0 && read_rest(s, &b, IN_CHUNK, &msg) < 0)
        goto fail;
    bilat_stream_close(s);
    s = NULL;
    *out = item_new(r, BILAT_ITEM_BYTES, bilat_strdup(src));
    if (!*out)
        goto fail;
    (*out)->len = b.len;
    (*out)->data = b.data ? bilat_buf_take(&b) : bilat_strdup("");
    if (!(*out)->data) {
        bilat_item_free(*out);
        *out = NULL;
        goto fail;
    }
    return BILAT_OK;
fail:;
    bilat_status_t res = BILAT_OK;
    if (strcmp(msg, "out of memory") == 0)
        res = bilat_error_set(err, BILAT_ENOMEM, src, 0, 0, "out of memory");
    else if (msg == bilat_stream_stopped)
        res = bilat_error_set(err, BILAT_EINTR, src, 0, 0, "interrupted");
    else
        diag(r, BILAT_SKIPPED, src, 0, "%s", msg);
    bilat_stream_close(s); /* after the message, which it may hold */
    bilat_buf_destroy(&b);
    return res;
}

/* Handles one path as reached (an argument or a folder entry); takes id.  regular:
 * the folder listing says it is a regular file. */
static bilat_status_t take_path(bilat_reader_t *r, char *id, bool is_arg, bool regular,
                                bilat_item_t **item, bilat_error_t *err)
{
    struct stat st, lst;
    bilat_status_t res = BILAT_OK;
    if (strcmp(id, "-") == 0) {
        res = read_stdin(r, item, err);
        goto done;
    }
    if (regular && !is_jsonl_name(id)) {
        if (!(*item = item_new(r, BILAT_ITEM_FILE, id)))
            return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
        return BILAT_OK; /* the load stats it */
    }
    if (stat(id, &st) != 0) {
        int e = errno;
        if (lstat(id, &lst) == 0 && S_ISLNK(lst.st_mode))
            diag(r, BILAT_SKIPPED, id, 0,
                 e == ELOOP ? "symbolic link loop skipped" : "dangling symbolic link");
        else
            diag(r, BILAT_SKIPPED, id, 0, "cannot read: %s", strerror(e));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        bool oom = false;
        if (!visit(r, &st, &oom)) {
            if (oom)
                res = bilat_error_set(err, BILAT_ENOMEM, id, 0, 0, "out of memory");
            else if (lstat(id, &lst) == 0 && S_ISLNK(lst.st_mode))
                diag(r, BILAT_WARNING, id, 0, "symbolic link loop skipped");
            else
                diag(r, BILAT_WARNING, id, 0, "folder already read, skipped");
            goto done;
        }
        return push_folder(r, id, err); /* takes id */
    }
    if (!is_arg && !S_ISREG(st.st_mode)) {
        diag(r, BILAT_SKIPPED, id, 0, "not a regular file, skipped");
        goto done;
    }
    if (is_jsonl_name(id)) {
        res = open_jsonl(r, id, err);
        goto done;
    }
    if (!(*item = item_new(r, BILAT_ITEM_FILE, id)))
        return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
    (*item)->st = st;
    (*item)->has_st = true;
    return BILAT_OK;
done:
    free(id);
    return res;
}

/* The next line of the JSON Lines file being read as an item, or none at its end. */
static bilat_status_t next_line(bilat_reader_t *r, bilat_item_t **item,
                                bilat_error_t *err)
{
    for (;;) {
        char *line;
        size_t len;
        const char *msg = NULL;
        int k = linebuf_next(&r->jl, &line, &len, &msg);
        if (k < 0) {
            if (strcmp(msg, "out of memory") == 0)
                return bilat_error_set(err, BILAT_ENOMEM, r->jl_path, 0, 0,
                                       "out of memory");
            if (msg == bilat_stream_stopped)
                return bilat_error_set(err, BILAT_EINTR, r->jl_path, 0, 0, "interrupted");
            /* the articles complete before the damage were read */
            diag(r, BILAT_SKIPPED, r->jl_path, 0, "%s", msg);
            close_jsonl(r);
            return BILAT_OK;
        }
        if (k == 0) {
            close_jsonl(r);
            return BILAT_OK;
        }
        if (strspn(line, " \t\r") == len)
            continue;
        bilat_item_t *it = item_new(r, BILAT_ITEM_LINE, bilat_strdup(r->jl_path));
        if (it && (it->data = bilat_strndup(line, len)) != NULL && it->id) {
            it->len = len;
            it->line = (int)r->jl.lineno;
            *item = it;
            return BILAT_OK;
        }
        bilat_item_free(it);
        return bilat_error_set(err, BILAT_ENOMEM, r->jl_path, 0, 0, "out of memory");
    }
}

bilat_status_t bilat_reader_next_item(bilat_reader_t *r, bilat_item_t **item,
                                      bilat_error_t *err)
{
    *item = NULL;
    while (!*item) {
        bilat_status_t st;
        if (r->jl.s) {
            st = next_line(r, item, err);
        } else {
            char *id;
            bool is_arg = false, regular = false;
            if (r->depth) {
                frame_t *f = &r->stack[r->depth - 1];
                if (f->next == f->n) {
                    pop_frame(r);
                    continue;
                }
                const walk_entry_t *we = &f->entries[f->next++];
                id = path_join(f->path, we->name);
                regular = we->regular;
            } else if (r->next_arg < r->nargs) {
                const char *a = r->args[r->next_arg++];
                id = strcmp(a, "-") == 0 ? bilat_strdup(a) : path_join(a, NULL);
                is_arg = true;
            } else {
                /* the end: the last diagnostics travel alone */
                if (r->npending && !(*item = item_new(r, BILAT_ITEM_NONE, NULL)))
                    break;
                return BILAT_OK;
            }
            if (!id)
                break;
            st = take_path(r, id, is_arg, regular, item, err);
        }
        if (st != BILAT_OK)
            return st;
    }
    if (*item && !r->oom)
        return BILAT_OK;
    return bilat_error_set(err, BILAT_ENOMEM, NULL, 0, 0, "out of memory");
}

bilat_status_t bilat_item_load(const bilat_reader_t *r, bilat_item_t *it,
                               bilat_error_t *err)
{
    switch (it->kind) {
    case BILAT_ITEM_FILE:
        return load_file(r, it, err);
    case BILAT_ITEM_BYTES:
        return make_doc(r, it, it->id, it->data, it->len, NULL, err);
    case BILAT_ITEM_LINE:
        return load_line(it, err);
    default:
        return BILAT_OK;
    }
}

bilat_doc_t *bilat_reader_emit(bilat_reader_t *r, bilat_item_t *it)
{
    for (size_t i = 0; i < it->ndiags; i++) {
        const bilat_diag_rec_t *d = &it->diags[i];
        if (d->severity == BILAT_SKIPPED)
            r->skipped++;
        if (r->diag)
            r->diag(r->diag_userdata, d->severity, d->source, d->line, d->message);
    }
    r->bytes += it->bytes;
    bilat_doc_t *doc = it->doc;
    it->doc = NULL;
    if (doc) {
        doc->seq = r->seq++;
        r->docs++;
    }
    return doc;
}

bilat_status_t bilat_reader_next(bilat_reader_t *r, bilat_doc_t **doc, bilat_error_t *err)
{
    *doc = NULL;
    while (!*doc) {
        bilat_item_t *it;
        bilat_status_t st = bilat_reader_next_item(r, &it, err);
        if (st != BILAT_OK || !it)
            return st;
        st = bilat_item_load(r, it, err);
        if (st == BILAT_OK)
            *doc = bilat_reader_emit(r, it);
        bilat_item_free(it);
        if (st != BILAT_OK)
            return st;
    }
    return BILAT_OK;
}
