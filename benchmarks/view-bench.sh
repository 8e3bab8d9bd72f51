#!/usr/bin/env bash
# HTML report benchmark (issue 18; not a timed test).
# Usage: benchmarks/view-bench.sh [BUILD_DIR] [CORPUS_SLICE_DIR]
#   1. a synthetic graph of 250 states and 5,000 ties with 3 evidence sentences of 240
#      characters each (tests/test_view --synthetic): report size and build time
#      (layout + HTML), then the time headless Chromium takes to run the report's script
#      (data-init-ms, measured by the script itself with performance.now());
#   2. when CORPUS_SLICE_DIR is given (a folder of articles, e.g. a slice of the folder
#      ../shared/bench/make-corpus writes): `bilat view` on it, the same three figures.
# Each Chromium figure is the median of 3 runs.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
slice=${2:-}
bilat=$build/bilat
driver=$build/tests/test_view
[ -x "$bilat" ] && [ -x "$driver" ] || { echo "build first: ninja -C $build" >&2; exit 2; }
chromium=$(command -v chromium || command -v chromium-browser) || { echo "no chromium" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# script_ms FILE: the median data-init-ms of 3 headless runs
script_ms() {
    for run in 1 2 3; do
        timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
            --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
            --virtual-time-budget=10000 --dump-dom "file://$1" 2>/dev/null |
            grep -o 'data-init-ms="[0-9.]*"' | head -n 1 | grep -o '[0-9.]*' || echo "n/a"
    done | sort -n | sed -n 2p
}

echo "== synthetic: 250 states, 5000 ties, evidence 3 x 240 characters"
"$driver" --synthetic 250 5000 "$tmp/synthetic.html"
echo "report: $(stat -c %s "$tmp/synthetic.html") bytes; Chromium script: $(script_ms "$tmp/synthetic.html") ms"

if [ -n "$slice" ]; then
    echo "== corpus slice: $slice ($(find "$slice" -type f | wc -l) files, $(du -sh --apparent-size "$slice" | cut -f1))"
    start=$(date +%s.%N)
    "$bilat" view "$slice" -o "$tmp/corpus.html" 2>"$tmp/err" || { tail -n 3 "$tmp/err"; exit 1; }
    end=$(date +%s.%N)
    "$bilat" build "$slice" -o "$tmp/corpus.json" >/dev/null 2>&1
    counts=$(/usr/bin/python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); print(len(g["nodes"]), "states,", len(g["links"]), "ties")' "$tmp/corpus.json")
    echo "$counts; bilat view (extraction included): $(printf "%.2f" "$(echo "$end - $start" | bc)") s"
    echo "report: $(stat -c %s "$tmp/corpus.html") bytes; Chromium script: $(script_ms "$tmp/corpus.html") ms"
fi
