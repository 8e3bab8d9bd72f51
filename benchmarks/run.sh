#!/bin/sh
# Throughput benchmark (not a test): bilat build on a corpus, one thread and all
# threads, against the reference scan `grep -F -r -c -f NAMES DIR` where NAMES holds
# ICU's Arabic display names of the ISO countries.
# Usage: benchmarks/run.sh [--copies K] [DIR | --synthetic SIZE_MB | --real]
#   DIR              any folder of articles
#   --synthetic N    generate N MB from the samples' vocabulary (deterministic)
#   --real           the 73,020 real articles that ../shared/bench/make-corpus writes
#   --copies K       read K copies of the corpus at once (hard links under K folder
#                    names, so no disk space is used): the flat-memory check
# Reports wall and CPU time (user + system), MB/s, articles/s and peak RSS
# (/usr/bin/time -v) for each run.  On a busy machine wall times vary from run to run;
# CPU times are the steadier figure.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
bilat=${BILAT:-$root/build/bilat}
[ -x "$bilat" ] || scripts/setup
copies=1
if [ "${1:-}" = "--copies" ]; then
    copies=${2:?--copies needs a number}
    shift 2
fi
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
if [ "$copies" -gt 1 ]; then
    many=${dir%/}-x$copies
    [ -f "$many/.done" ] || {
        rm -rf "$many" && mkdir -p "$many"
        i=1
        while [ "$i" -le "$copies" ]; do cp -al "$dir" "$many/copy$i"; i=$((i + 1)); done
        touch "$many/.done"
    }
    dir=$many
fi
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

# hard links count once in du: sum the sizes instead
mb=$(find "$dir" -type f ! -name '.*' -printf '%s\n' | awk '{s += $1} END {printf "%d", s / 1048576}')
articles=$(find "$dir" -type f ! -name '.*' | wc -l)
find "$dir" -type f -exec cat {} + >/dev/null   # into the page cache
echo "corpus: $dir, $mb MB, $articles articles, $(nproc) cores"

measure() {
    label=$1
    shift
    /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time" || true
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tmp/time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tmp/time")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$tmp/time")
    awk -v l="$label" -v s="$secs" -v c="$cpu" -v mb="$mb" -v a="$articles" -v r="$rss" \
        'BEGIN {printf "%-22s %7.2f s (CPU %6.2f s)  %7.1f MB/s  %9.0f articles/s  peak RSS %s MB\n", l, s, c, (s > 0 ? mb / s : 0), (s > 0 ? a / s : 0), r}'
    echo "$secs" >"$tmp/last"
    echo "$cpu" >"$tmp/lastcpu"
}

measure "grep -F reference" sh -c "grep -F -r -c -f '$names' '$dir' > '$tmp/counts.txt'"
g=$(cat "$tmp/last")
gc=$(cat "$tmp/lastcpu")
measure "bilat build -j 1" "$bilat" build -q -j 1 "$dir" -o "$tmp/g1.json"
b1=$(cat "$tmp/last")
b1c=$(cat "$tmp/lastcpu")
measure "bilat build -j $(nproc)" "$bilat" build -q "$dir" -o "$tmp/gn.json"
bn=$(cat "$tmp/last")
bnc=$(cat "$tmp/lastcpu")
awk -v g="$g" -v b1="$b1" -v bn="$bn" -v gc="$gc" -v b1c="$b1c" -v bnc="$bnc" 'BEGIN {
    printf "ratio to grep (-j 1): %.2f by wall time, %.2f by CPU time (goal <= 3)\n", b1 / g, b1c / gc
    printf "speed-up with all cores: %.2fx (CPU time %.2f s with one thread, %.2f s with all)\n", b1 / bn, b1c, bnc
}'
if cmp -s "$tmp/g1.json" "$tmp/gn.json"; then echo "output: identical for -j 1 and -j $(nproc)"; else echo "output: DIFFERENT"; fi
