#!/bin/sh
# Golden tests: each folder tests/golden/<case>/ holds
#   args      the bilat arguments (one line; @OUT@ is the output folder), run from the
#             source root so document paths are relative ("samples/ar/01.txt")
#   exit      the expected exit status (optional, default 0)
#   expected/ files that must match the outputs byte for byte: "stdout" is bilat's
#             standard output, any other name a file bilat wrote into @OUT@
# Usage: run-golden.sh BILAT SOURCE_ROOT [--update]
set -u
bilat=$1
root=$2
update=${3:-}
cd "$root" || exit 2
fail=0
n=0
for case in tests/golden/*/; do
    [ -f "$case/args" ] || continue
    name=$(basename "$case")
    out=$(mktemp -d)
    args=$(sed "s#@OUT@#$out#g" "$case/args")
    want_exit=0
    [ -f "$case/exit" ] && want_exit=$(cat "$case/exit")
    # shellcheck disable=SC2086
    "$bilat" $args >"$out/stdout" 2>"$out/stderr"
    got_exit=$?
    n=$((n + 1))
    if [ "$got_exit" != "$want_exit" ]; then
        echo "FAIL $name: exit $got_exit, want $want_exit"
        sed 's/^/  /' "$out/stderr" | head -n 20
        fail=$((fail + 1))
        rm -rf "$out"
        continue
    fi
    if [ "$update" = "--update" ]; then
        for f in "$case"/expected/*; do
            cp "$out/$(basename "$f")" "$f"
        done
        echo "updated $name"
    else
        for f in "$case"/expected/*; do
            b=$(basename "$f")
            if ! cmp -s "$f" "$out/$b"; then
                echo "FAIL $name: $b differs from the golden file"
                diff -u "$f" "$out/$b" | head -n 40
                fail=$((fail + 1))
            fi
        done
    fi
    rm -rf "$out"
done
echo "golden: $((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
