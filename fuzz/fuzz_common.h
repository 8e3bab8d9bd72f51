/* Shared by bilat's libFuzzer targets: the entry points libFuzzer calls, an invariant
 * check that turns a broken contract into a crash libFuzzer saves, and a scratch
 * folder for the APIs that read files (the reader, data-file loaders, graph reader). */
#ifndef BILAT_FUZZ_COMMON_H
#define BILAT_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Called once by libFuzzer before the first input (optional in a target). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
/* Called for each input; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints the failed condition and aborts, so libFuzzer reports a crash and keeps the
 * input that caused it. */
_Noreturn void fuzz_fail(const char *cond, const char *file, int line);
#define FUZZ_CHECK(c) ((c) ? (void)0 : fuzz_fail(#c, __FILE__, __LINE__))

/* Writes data[0..size-1] to the file called name inside a private scratch folder (made
 * on the first call, removed with its files at exit) and returns its path: static
 * storage, valid until the next call. */
const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size);

/* true when s[0..len-1] is well-formed UTF-8 (a NUL byte counts as a character). */
bool fuzz_utf8_valid(const char *s, size_t len);

#endif
