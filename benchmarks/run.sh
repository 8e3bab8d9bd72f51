#!/bin/sh
# Throughput benchmark (not a test): bilat build on a corpus, one thread and all
# threads, against the reference scan `grep -F -r -c -f NAMES DIR` where NAMES holds
# ICU's Arabic display names of the ISO countries.
# Usage: benchmarks/run.sh [DIR | --synthetic SIZE_MB | --real]
#   DIR              any folder of articles
#   --synthetic N    generate N MB from the samples' vocabulary (deterministic)
#   --real           the 73,020 real articles that ../shared/bench/make-corpus writes
# Reports MB/s, articles/s and peak RSS (/usr/bin/time -v) for each run.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
bilat=${BILAT:-$root/build/bilat}
[ -x "$bilat" ] || scripts/setup
case "${1:-}" in
--synthetic)
    dir=/tmp/bilat-bench-synthetic-${2:-500}
    [ -f "$dir/.done" ] || { rm -rf "$dir"; python3 benchmarks/gen-corpus.py samples "$dir" "${2:-500}" && touch "$dir/.done"; }
    ;;
--real)
    dir=/tmp/bilat-bench-real
    [ -f "$dir/.done" ] || { rm -rf "$dir"; ../shared/bench/make-corpus "$dir" >/dev/null && touch "$dir/.done"; }
    ;;
"")
    echo "usage: benchmarks/run.sh DIR | --synthetic SIZE_MB | --real" >&2
    exit 2
    ;;
*)
    dir=$1
    ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
names=$tmp/names.txt
cat >"$tmp/names.c" <<'C'
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <stdio.h>
int main(void)
{
    for (const char *const *c = uloc_getISOCountries(); *c; c++) {
        char loc[16], out[512];
        UChar buf[256];
        UErrorCode e = U_ZERO_ERROR;
        snprintf(loc, sizeof loc, "und_%s", *c);
        int32_t n = uloc_getDisplayCountry(loc, "ar", buf, 256, &e);
        u_strToUTF8(out, sizeof out, NULL, buf, n, &e);
        if (U_SUCCESS(e))
            puts(out);
    }
    return 0;
}
C
cc "$tmp/names.c" -o "$tmp/names" $(pkg-config --cflags --libs icu-uc icu-i18n)
"$tmp/names" >"$names"

mb=$(du -sm --apparent-size "$dir" | cut -f1)
articles=$(find "$dir" -type f ! -name '.*' | wc -l)
find "$dir" -type f -exec cat {} + >/dev/null   # into the page cache
echo "corpus: $dir, $mb MB, $articles articles, $(nproc) cores"

measure() {
    label=$1
    shift
    /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time" || true
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tmp/time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tmp/time")
    awk -v l="$label" -v s="$secs" -v mb="$mb" -v a="$articles" -v r="$rss" \
        'BEGIN {printf "%-22s %7.2f s  %7.1f MB/s  %9.0f articles/s  peak RSS %s MB\n", l, s, (s > 0 ? mb / s : 0), (s > 0 ? a / s : 0), r}'
    echo "$secs" >"$tmp/last"
}

measure "grep -F reference" sh -c "grep -F -r -c -f '$names' '$dir' > '$tmp/counts.txt'"
g=$(cat "$tmp/last")
measure "bilat build -j 1" "$bilat" build -q -j 1 "$dir" -o "$tmp/g1.json"
b1=$(cat "$tmp/last")
measure "bilat build -j $(nproc)" "$bilat" build -q "$dir" -o "$tmp/gn.json"
bn=$(cat "$tmp/last")
awk -v g="$g" -v b1="$b1" -v bn="$bn" 'BEGIN {printf "ratio to grep (-j 1): %.2f (goal <= 3); speed-up with all cores: %.2fx\n", b1 / g, b1 / bn}'
if cmp -s "$tmp/g1.json" "$tmp/gn.json"; then echo "output: identical for -j 1 and -j $(nproc)"; else echo "output: DIFFERENT"; fi
