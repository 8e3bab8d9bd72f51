#!/bin/sh
# The bad-input matrix (issue 17): each case runs the bilat CLI on a corpus holding one
# kind of bad input next to a good article, and checks the exact exit status (0 all
# processed, 1 some input skipped, 2 usage error, 3 fatal), the exact messages on
# stderr ("bilat: FILE: problem", "bilat: FILE:LINE: problem"), that the good article
# was still processed (its EGY-JOR relation is in the events), and for fatal errors that
# no output file, complete or partial, is left behind.
#
# Usage: run.sh BILAT SOURCE_ROOT
# Fixtures are generated in a temporary folder (encodings with iconv, compression with
# gzip/xz, random bytes from a seeded generator), never committed.
set -u
bilat=$1
root=$2
cd "$root" || exit 2
# A memory file system when there is one: 100 000 files are made ten times faster.
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
t=$(mktemp -d "$base/bilat-badinput.XXXXXX")
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT
# Readable by the unprivileged user of the "unreadable file" case.
chmod 755 "$t"
pass=0
fail=0
skip=0
# The good article: samples/.README.md lists EGY-JOR AGREE in it.
good=samples/ar/01-egypt-jordan-energy.txt

ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL $*"
}

# run NAME WANT_EXIT COMMAND...: runs COMMAND (stdout in $t/out, stderr in $t/err)
# under a time limit of $limit seconds (then SIGTERM, and SIGKILL 5 s later: 124 or
# 137 means too slow) and checks its exit status.
limit=300
run() {
    name=$1
    want=$2
    shift 2
    timeout -k 5 "$limit" "$@" >"$t/out" 2>"$t/err"
    got=$?
    if [ "$got" = "$want" ]; then
        ok
    else
        bad "$name: exit $got, want $want"
        head -n 5 "$t/err" | sed 's/^/  /'
    fi
}

# stderr_is NAME LINE...: stderr holds exactly these lines, in this order.
stderr_is() {
    name=$1
    shift
    : >"$t/want"
    for line in "$@"; do printf '%s\n' "$line" >>"$t/want"; done
    if cmp -s "$t/want" "$t/err"; then
        ok
    else
        bad "$name: stderr differs"
        diff "$t/want" "$t/err" | head -n 10 | sed 's/^/  /'
    fi
}

# found NAME DOC: the events on stdout hold the EGY-JOR relation of document DOC.
found() {
    if grep -F "\"doc\":\"$2\"" "$t/out" | grep -F '"EGY"' | grep -qF '"JOR"'; then
        ok
    else
        bad "$1: no EGY-JOR event from $2"
    fi
}

# absent NAME PATH...: none of the paths exist (no output or temporary file left).
absent() {
    name=$1
    shift
    for p in "$@"; do
        if [ -e "$p" ] || [ -L "$p" ]; then
            bad "$name: $p was left behind"
            return
        fi
    done
    ok
}

# empty_dir NAME DIR: DIR holds nothing (no output, no temporary file).
empty_dir() {
    if [ -z "$(ls -A "$2")" ]; then ok; else bad "$1: left in $2: $(ls -A "$2")"; fi
}

# no_output NAME: nothing on stdout.
no_output() { if [ -s "$t/out" ]; then bad "$1: output not empty"; else ok; fi; }

# corpus NAME: a fresh folder holding the good article; prints its path.
corpus() {
    mkdir "$t/$1"
    cp "$good" "$t/$1/good.txt"
    echo "$t/$1"
}

# -- binary files: an executable and random bytes behind a PNG signature ------------
d=$(corpus binary)
cp "$(command -v sh)" "$d/program"
python3 -c 'import random, sys
r = random.Random(17)
noise = bytes(r.randrange(256) for _ in range(8192))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + noise)' >"$d/image.png"
run "binary" 1 "$bilat" extract -q "$d"
stderr_is "binary" "bilat: $d/image.png: binary file skipped" \
    "bilat: $d/program: binary file skipped"
found "binary" "$d/good.txt"

# -- UTF-8 with a few ill-formed bytes: repaired, reported once, relations kept ------
d=$(corpus illformed)
python3 -c 'import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
lines[1] += b" \xff"
lines[4] += b"\xc3"
lines[8] = b"\xfe" + lines[8]
sys.stdout.buffer.write(b"\n".join(lines))' "$good" >"$d/repaired.txt"
# ... and ill-formed bytes inside the relation's own sentence, after its verb.
printf 'مصر والأردن تتفقان على تعزيز التعاون \303\050 بينهما \375 في مجال الطاقة.\n' \
    >"$d/inline.txt"
run "ill-formed UTF-8" 0 "$bilat" extract -q "$d"
stderr_is "ill-formed UTF-8" "bilat: $d/inline.txt: invalid UTF-8 repaired (2 bytes)" \
    "bilat: $d/repaired.txt: invalid UTF-8 repaired (3 bytes)"
found "ill-formed UTF-8" "$d/repaired.txt"
found "ill-formed UTF-8 in the sentence" "$d/inline.txt"
found "ill-formed UTF-8 (good)" "$d/good.txt"

# -- UTF-16 without BOM, both byte orders: decoded, not skipped ---------------------
d=$(corpus utf16)
iconv -f UTF-8 -t UTF-16LE "$good" >"$d/le.txt"
iconv -f UTF-8 -t UTF-16BE "$good" >"$d/be.txt"
run "UTF-16 without BOM" 0 "$bilat" extract -q "$d"
stderr_is "UTF-16 without BOM"
found "UTF-16LE without BOM" "$d/le.txt"
found "UTF-16BE without BOM" "$d/be.txt"

# -- truncated .gz and .xz ----------------------------------------------------------
d=$(corpus truncated)
gzip -c "$good" | head -c 400 >"$d/cut.txt.gz"
xz -c "$good" | head -c 400 >"$d/cut.txt.xz"
gzip -c "$good" >"$d/whole.txt.gz"
run "truncated .gz/.xz" 1 "$bilat" extract -q "$d"
stderr_is "truncated .gz/.xz" "bilat: $d/cut.txt.gz: truncated gzip stream" \
    "bilat: $d/cut.txt.xz: truncated xz stream"
found "truncated .gz/.xz" "$d/good.txt"
found "whole .gz next to truncated ones" "$d/whole.txt.gz"

# -- empty file: a warning, exit 0 --------------------------------------------------
d=$(corpus emptyfile)
: >"$d/empty.txt"
run "empty file" 0 "$bilat" extract -q "$d"
stderr_is "empty file" "bilat: $d/empty.txt: empty file"
found "empty file" "$d/good.txt"

# -- empty folder: nothing to do, nothing wrong --------------------------------------
mkdir "$t/emptydir"
run "empty folder" 0 "$bilat" extract -q "$t/emptydir"
stderr_is "empty folder"
no_output "empty folder"
d=$(corpus withempty)
mkdir "$d/nothing"
run "empty subfolder" 0 "$bilat" extract -q "$d"
stderr_is "empty subfolder"
found "empty subfolder" "$d/good.txt"

# -- a 50 MB single line: read whole, its relation found -----------------------------
d=$(corpus longline)
python3 -c 'import sys
filler = "وقال مسؤول إن الأسواق شهدت حركة نشطة خلال الأسبوع الماضي، ".encode()
out = sys.stdout.buffer
for _ in range(50 * 1024 * 1024 // len(filler)):
    out.write(filler)
out.write("اتفقت مصر والأردن على توسيع الربط الكهربائي بين البلدين.".encode())' \
    >"$d/long.txt"
# ... and 50 MB that are a single word.
python3 -c 'import sys
sys.stdout.write("ا" * (25 * 1024 * 1024))' >"$d/word.txt"
# Linear work takes seconds even under ASan; a quadratic step takes hours.
limit=120
run "50 MB line" 0 "$bilat" extract -q "$d"
limit=300
stderr_is "50 MB line"
found "50 MB line" "$d/long.txt"
found "50 MB line (good)" "$d/good.txt"
rm -f "$d/long.txt" "$d/word.txt"

# -- dangling symbolic link ----------------------------------------------------------
d=$(corpus dangling)
ln -s "$t/no-such-file.txt" "$d/gone.txt"
run "dangling symlink" 1 "$bilat" extract -q "$d"
stderr_is "dangling symlink" "bilat: $d/gone.txt: dangling symbolic link"
found "dangling symlink" "$d/good.txt"

# -- symbolic link loops: a link to itself (skipped), a link back to an ancestor
# folder (each folder is read once: a warning, nothing lost, nothing read twice) -----
d=$(corpus selflink)
ln -s self "$d/self"
run "self link" 1 "$bilat" extract -q "$d"
stderr_is "self link" "bilat: $d/self: symbolic link loop skipped"
found "self link" "$d/good.txt"
d=$(corpus folderloop)
mkdir "$d/sub"
cp "$good" "$d/sub/inner.txt"
ln -s .. "$d/sub/up"
run "folder loop" 0 "$bilat" extract -q "$d"
stderr_is "folder loop" "bilat: $d/sub/up: symbolic link loop skipped"
found "folder loop" "$d/good.txt"
found "folder loop (inner)" "$d/sub/inner.txt"
if [ "$(grep -c "\"doc\":\"$d/sub/inner.txt\"" "$t/out")" = \
    "$(grep -c "\"doc\":\"$d/good.txt\"" "$t/out")" ]; then ok; else
    bad "folder loop: a document was read more than once"; fi

# -- 100 000 tiny files in one folder -------------------------------------------------
d=$(corpus many)
python3 -c 'import sys
for i in range(100000):
    with open("%s/n%06d.txt" % (sys.argv[1], i), "w") as f:
        f.write("خبر قصير رقم %d\n" % i)' "$d"
start=$(date +%s)
run "100 000 files" 0 "$bilat" build "$d" -o "$t/many.json"
elapsed=$(($(date +%s) - start))
if grep -qF "bilat: 100001 articles read, 0 skipped; " "$t/err"; then ok; else
    bad "100 000 files: summary does not count 100001 articles read, 0 skipped"
    grep -F "articles read" "$t/err" | sed 's/^/  /'
fi
echo "badinput: 100 001 files read in ${elapsed} s"

# -- SIGINT / SIGTERM during a long run: a message, exit 3, no output file ------------
# The 100 000-file folder keeps bilat busy for a second (half a minute under ASan); the
# signal comes after 0.2 s, when bilat has installed its handlers.
# interrupt NAME SIGNAL OUTDIR COMMAND...: runs COMMAND in the background, sends
# SIGNAL, and checks exit 3, the message and an empty OUTDIR.  timeout passes the
# signal on, and kills a run that does not stop (exit 137) rather than hang the suite.
interrupt() {
    name=$1
    sig=$2
    outdir=$3
    shift 3
    timeout -s KILL 10 "$@" >"$t/out" 2>"$t/err" &
    pid=$!
    sleep 0.2
    if kill -s "$sig" "$pid" 2>/dev/null; then
        wait "$pid"
        got=$?
        if [ "$got" = 3 ]; then ok; else bad "$name: exit $got, want 3"; fi
        stderr_is "$name" "bilat: interrupted"
        empty_dir "$name" "$outdir"
    else
        wait "$pid"
        skip=$((skip + 1))
        echo "SKIP $name: the run ended before the signal"
    fi
}
for sig in INT TERM; do
    out=$t/sig$sig
    mkdir "$out"
    interrupt "build SIG$sig" "$sig" "$out" "$bilat" build -q "$d" -o "$out/g.json" \
        -o "$out/g.graphml"
    interrupt "extract SIG$sig" "$sig" "$out" "$bilat" extract -q "$d" -o "$out/e.jsonl"
done
# SIGINT while bilat waits for standard input (a pipe that stays open): the blocked
# read is interrupted, and that is no input problem to report.
mkfifo "$t/fifo"
mkdir "$t/sigstdin"
timeout -s KILL 10 "$bilat" build -q - -o "$t/sigstdin/g.json" <"$t/fifo" \
    >"$t/out" 2>"$t/err" &
pid=$!
exec 3>"$t/fifo"
sleep 0.2
kill -s INT "$pid"
wait "$pid"
got=$?
exec 3>&-
if [ "$got" = 3 ]; then ok; else bad "SIGINT on stdin: exit $got, want 3"; fi
stderr_is "SIGINT on stdin" "bilat: interrupted"
empty_dir "SIGINT on stdin" "$t/sigstdin"
rm -rf "$d"

# -- malformed JSON Lines of articles: line numbers reported, other lines read ------
d=$(corpus jsonl)
python3 -c 'import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
art = {"id": "j1", "title": lines[0], "date": "2025-03-03", "text": "\n".join(lines[2:])}
print(json.dumps(art, ensure_ascii=False))
print("{\"id\": \"j2\", \"text\": ")
print("{\"id\": \"j3\"}")
print("[1, 2, 3]")
art["id"] = "j5"
print(json.dumps(art, ensure_ascii=False))' "$good" >"$d/articles.jsonl"
run "malformed JSONL" 1 "$bilat" extract -q "$d"
stderr_is "malformed JSONL" \
    "bilat: $d/articles.jsonl:2: malformed JSON line skipped: unexpected token near end of\
 file" \
    "bilat: $d/articles.jsonl:3: malformed JSON line skipped: no \"text\" string" \
    "bilat: $d/articles.jsonl:4: malformed JSON line skipped: not an object"
found "malformed JSONL (line 1)" "j1"
found "malformed JSONL (line 5)" "j5"
found "malformed JSONL (good)" "$d/good.txt"

# -- an unreadable file, checked as an unprivileged user ------------------------------
d=$(corpus unreadable)
cp "$good" "$d/secret.txt"
chmod 000 "$d/secret.txt"
as_user=
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1; then
        as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    else
        as_user=none
    fi
fi
if [ "$as_user" = none ]; then
    skip=$((skip + 1))
    echo "SKIP unreadable file: running as root and setpriv is missing"
else
    # shellcheck disable=SC2086
    run "unreadable file" 1 $as_user "$bilat" extract -q "$d"
    stderr_is "unreadable file" "bilat: $d/secret.txt: cannot read: Permission denied"
    found "unreadable file" "$d/good.txt"
fi

# -- malformed --gazetteer / --lexicon: file:line and the reason, a usage error ----
printf '# my actors\nKOS\n  name كوسوفا\nthis is not a record\n' >"$t/gazetteer.txt"
run "malformed --gazetteer" 2 "$bilat" extract -q --gazetteer "$t/gazetteer.txt" samples
stderr_is "malformed --gazetteer" \
    "bilat: $t/gazetteer.txt:4: bad actor code \"this\" (2-7 capital letters or digits)"
printf '# my lexicon\nCONSULT 2 v,sym تحاور/يتحاور\n\nFROB 2 v بحث\n' >"$t/lexicon.txt"
run "malformed --lexicon" 2 "$bilat" extract -q --lexicon "$t/lexicon.txt" samples
stderr_is "malformed --lexicon" "bilat: $t/lexicon.txt:4: unknown type or word class"

# -- unknown option ---------------------------------------------------------------
run "unknown option" 2 "$bilat" build --no-such-option samples -o "$t/opt.json"
stderr_is "unknown option" "bilat: unknown option '--no-such-option'" \
    "Try 'bilat build --help' for more information."
absent "unknown option" "$t/opt.json"

# -- output in a missing folder or a read-only place: exit 3, nothing left ---------
run "output in missing folder" 3 "$bilat" build -q samples -o "$t/missing/sub/g.json"
stderr_is "output in missing folder" \
    "bilat: $t/missing/sub/g.json: cannot write: No such file or directory"
absent "output in missing folder" "$t/missing"
run "events in missing folder" 3 "$bilat" extract -q samples -o "$t/missing/e.jsonl"
stderr_is "events in missing folder" \
    "bilat: $t/missing/e.jsonl: cannot write: No such file or directory"
absent "events in missing folder" "$t/missing"
mkdir "$t/readonly"
chmod 555 "$t/readonly"
if [ "$as_user" = none ]; then
    skip=$((skip + 1))
    echo "SKIP read-only folder: running as root and setpriv is missing"
else
    # shellcheck disable=SC2086
    run "output in read-only folder" 3 $as_user "$bilat" build -q samples \
        -o "$t/readonly/g.json" -o "$t/readonly/g.graphml"
    stderr_is "output in read-only folder" \
        "bilat: $t/readonly/g.json: cannot write: Permission denied"
    empty_dir "output in read-only folder" "$t/readonly"
fi
# /proc refuses new files even to root.
run "output in /proc" 3 "$bilat" build -q samples -o /proc/bilat-badinput.json
absent "output in /proc" /proc/bilat-badinput.json

# -- disk full (ulimit -f): exit 3, no truncated output ---------------------------
# Writes past the limit fail with EFBIG, as they would with ENOSPC on a full disk;
# SIGXFSZ (which would kill the process first) is ignored, as a full disk sends none.
mkdir "$t/full"
run "disk full (graph)" 3 \
    sh -c 'trap "" XFSZ; ulimit -f 4 && exec "$0" build -q samples -o "$1"' \
    "$bilat" "$t/full/g.json"
stderr_is "disk full (graph)" "bilat: $t/full/g.json: cannot write: File too large"
empty_dir "disk full (graph)" "$t/full"
run "disk full (events)" 3 \
    sh -c 'trap "" XFSZ; ulimit -f 4 && exec "$0" extract -q samples -o "$1"' \
    "$bilat" "$t/full/e.jsonl"
stderr_is "disk full (events)" "bilat: $t/full/e.jsonl: cannot write: File too large"
empty_dir "disk full (events)" "$t/full"

# -- everything at once: each bad input reported, every good article read -----------
d=$(corpus all)
for c in binary illformed utf16 truncated emptyfile dangling jsonl; do
    mkdir "$d/$c"
    cp -P "$t/$c"/* "$d/$c/"
done
run "all bad inputs together" 1 "$bilat" extract -q "$d"
if [ "$(grep -c '^bilat: ' "$t/err")" = 11 ]; then ok; else
    bad "all bad inputs together: want 11 messages"
    sed 's/^/  /' "$t/err"
fi
for f in good.txt binary/good.txt illformed/repaired.txt illformed/inline.txt \
    utf16/le.txt utf16/be.txt truncated/whole.txt.gz emptyfile/good.txt dangling/good.txt; do
    found "all bad inputs together" "$d/$f"
done

echo "badinput: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
