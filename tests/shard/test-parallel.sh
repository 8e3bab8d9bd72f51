#!/bin/sh
# The scale-out recipe: `bilat extract` on shards in parallel with GNU parallel, then
# `bilat graph` over the concatenated events, gives exactly the graph of `bilat build`
# on the whole corpus, byte for byte.  Uses a generated corpus sharded by subfolder.
# Usage: test-parallel.sh BILAT SOURCE_ROOT
set -u
bilat=$1
root=$2
command -v parallel >/dev/null || { echo "GNU parallel not installed: skipped"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
python3 "$root/benchmarks/gen-corpus.py" "$root/samples" "$t/corpus" 3 --per-folder 100 >/dev/null || exit 1
cd "$t" || exit 1
"$bilat" build -q corpus -o whole.json || { echo "build failed"; exit 1; }
ls -d corpus/*/ | parallel --will-cite -j 2 "'$bilat' extract -q -j 1 {} > events.{#}.jsonl" || { echo "parallel extract failed"; exit 1; }
cat events.*.jsonl > all.jsonl
"$bilat" graph all.jsonl -o sharded.json || { echo "graph failed"; exit 1; }
n=$(ls -d corpus/*/ | wc -l)
if cmp -s whole.json sharded.json; then
    echo "shard: $n shards with GNU parallel == whole build (1 passed, 0 failed)"
else
    echo "shard: $n shards differ from the whole build"
    diff whole.json sharded.json | head -n 20
    exit 1
fi
