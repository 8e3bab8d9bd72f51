#!/bin/sh
# Command-line contract: --help/--version, each exit status (0 all processed, 1 some
# input skipped, 2 usage error, 3 fatal with no output left behind), messages as
# "bilat: FILE: problem", graph == build, shard split == whole run.
# Usage: test-cli.sh BILAT SOURCE_ROOT
set -u
bilat=$1
root=$2
cd "$root" || exit 2
t=$(mktemp -d)
trap 'chmod -R u+w "$t" 2>/dev/null; rm -rf "$t"' EXIT
pass=0
fail=0

# expect NAME WANT_EXIT COMMAND...: runs COMMAND, checks its exit status.
expect() {
    name=$1
    want=$2
    shift 2
    "$@" >"$t/out" 2>"$t/err"
    got=$?
    if [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $got, want $want"
        head -n 5 "$t/err" | sed 's/^/  /'
    fi
}

# has NAME FILE TEXT: FILE contains TEXT (fixed string).
has() {
    if grep -qF -- "$3" "$2"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $1: '$3' not in $2:"
        head -n 5 "$2" | sed 's/^/  /'
    fi
}

check() {
    if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}

# --help and --version
expect "help" 0 "$bilat" --help
has "help lists commands" "$t/out" "extract INPUT..."
for c in extract graph build analyze mentions view; do
    expect "$c --help" 0 "$bilat" "$c" --help
    has "$c --help usage" "$t/out" "Usage: bilat $c"
done
expect "version" 0 "$bilat" --version
has "version text" "$t/out" "bilat 0.1.0"

# 2: usage errors
expect "no command" 2 "$bilat"
expect "unknown command" 2 "$bilat" frobnicate
has "unknown command message" "$t/err" "bilat: unknown command 'frobnicate'"
expect "unknown option" 2 "$bilat" extract --frob samples
has "unknown option message" "$t/err" "bilat: unknown option '--frob'"
expect "missing input" 2 "$bilat" extract
expect "bad -j" 2 "$bilat" extract -j zero samples
expect "bad types" 2 "$bilat" graph --types HUG "$t/none.jsonl"
expect "bad date" 2 "$bilat" graph --since 2020-13-45 "$t/none.jsonl"
expect "stdout needs format" 2 "$bilat" build samples -o -
has "format message" "$t/err" "--format is required with -o -"
expect "unknown extension" 2 "$bilat" build samples -o "$t/graph.xyz"
check "no file for usage error" "[ ! -e '$t/graph.xyz' ]"

# 0: everything processed
expect "extract samples" 0 "$bilat" extract -q samples
cp "$t/out" "$t/samples.jsonl"
check "samples give events" "[ -s '$t/samples.jsonl' ]"
expect "build samples" 0 "$bilat" build -q samples -o "$t/build.json"
expect "graph from events" 0 "$bilat" graph "$t/samples.jsonl" -o "$t/graph.json"
check "graph == build" "cmp -s '$t/build.json' '$t/graph.json'"
expect "graph from stdin" 0 sh -c "\"$bilat\" graph --format json - < '$t/samples.jsonl' > '$t/stdin.json'"
check "stdin graph == build" "cmp -s '$t/build.json' '$t/stdin.json'"

# shards extracted apart and concatenated give the graph of one run
mkdir -p "$t/shards"
i=0
for d in samples/*/; do
    i=$((i + 1))
    "$bilat" extract -q "$d" >"$t/shards/$i.jsonl"
done
cat "$t/shards"/*.jsonl >"$t/all.jsonl"
expect "graph from shards" 0 "$bilat" graph "$t/all.jsonl" -o "$t/shards.json"
check "shards == build" "cmp -s '$t/build.json' '$t/shards.json'"
for j in 1 2 3; do
    expect "build -j $j" 0 "$bilat" build -q -j "$j" samples -o "$t/j$j.json"
    check "build -j $j identical" "cmp -s '$t/build.json' '$t/j$j.json'"
done

# 1: a malformed events line is reported with its line number and skipped
{ head -n 1 "$t/samples.jsonl"; echo '{"doc": "x", "source": 12}'; tail -n +2 "$t/samples.jsonl"; } >"$t/bad.jsonl"
expect "malformed events line" 1 "$bilat" graph "$t/bad.jsonl" -o "$t/bad.json"
has "line number reported" "$t/err" "bad.jsonl:2: "
check "graph still written" "cmp -s '$t/build.json' '$t/bad.json'"
# 1: a missing input is reported, the rest processed
expect "missing input file" 1 "$bilat" extract -q samples "$t/nonexistent.txt"
has "missing input message" "$t/err" "bilat: $t/nonexistent.txt: "

# 3: fatal — output not writable, and no file left behind
expect "output in missing folder" 3 "$bilat" build -q samples -o "$t/no/such/dir/g.json"
has "missing folder message" "$t/err" "bilat: $t/no/such/dir/g.json: "
check "nothing left in missing folder" "[ ! -e '$t/no' ]"
expect "events to missing folder" 3 "$bilat" extract -q samples -o "$t/no/such/dir/e.jsonl"
if [ "$(id -u)" != 0 ]; then
    mkdir "$t/ro" && chmod 555 "$t/ro"
    expect "read-only folder" 3 "$bilat" build -q samples -o "$t/ro/g.json"
    check "nothing in read-only folder" "[ -z \"\$(ls -A '$t/ro')\" ]"
fi

# several outputs: each by its extension; --format cytoscape turns the .json one
expect "several outputs" 0 "$bilat" build -q samples -o "$t/m.csv" -o "$t/m.json" -o "$t/m.dot" --format cytoscape
check "csv written as csv" "[ -s '$t/m.nodes.csv' ] && [ -s '$t/m.edges.csv' ] && [ -s '$t/m.meta.json' ]"
has "json is cytoscape" "$t/m.json" '"elements"'
has "dot is dot" "$t/m.dot" "graph bilat {"

# analyze reads back what build wrote
expect "analyze json" 0 "$bilat" analyze "$t/build.json"
has "analyze table header" "$t/out" "pagerank"
expect "build graphml" 0 "$bilat" build -q samples -o "$t/build.graphml"
expect "analyze graphml" 0 "$bilat" analyze --format csv "$t/build.graphml"
expect "analyze unknown measure" 2 "$bilat" analyze --sort beauty "$t/build.json"

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
