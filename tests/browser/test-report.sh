#!/usr/bin/env bash
# The HTML report in headless Chromium: test-report.sh BILAT SOURCE_ROOT
#
# 1. The samples' report (and the same graph viewed from its JSON file): the script sets
#    data-ready="true" and logs nothing, every node of the graph is one data-id element
#    inside the <svg>, Arabic labels are drawn, nothing refers to the network.
# 2. A report from an event whose sentence holds markup and a quote: opened on that tie
#    (#SAU,SOM), its evidence is shown as text and the DOM holds no <img>.
# 3. A report large enough that its evidence travels deflated (over 1 MB of sentences):
#    opened on a tie, its evidence unpacks to the sentences of the graph file.
# 4. interact.html drives the samples' report in a frame (clicks, filters, find, zoom)
#    and checks what the reader would see.
# Exits 77 (skipped, for meson) when chromium or Debian's python3 is missing.
set -u
BILAT=$1
SRC=$2
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
PY=/usr/bin/python3
if [ -z "$CHROMIUM" ] || [ ! -x "$PY" ]; then
    echo "skipped: chromium or /usr/bin/python3 not found"
    exit 77
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# dump URL DOM CONSOLE: the page's DOM once its script has run, and its console
dump() {
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$WORK/profile" \
        --virtual-time-budget=5000 --run-all-compositor-stages-before-draw \
        --enable-logging=stderr --v=0 --dump-dom "$1" >"$2" 2>"$3" ||
        fail "chromium could not load $1"
}

"$BILAT" build "$SRC/samples" -o "$WORK/graph.json" >/dev/null 2>&1 || fail "bilat build samples"
"$BILAT" view "$SRC/samples" -o "$WORK/samples.html" 2>/dev/null || fail "bilat view samples"
"$BILAT" view "$WORK/graph.json" -o "$WORK/from-json.html" 2>/dev/null || fail "bilat view graph.json"

# An event of our own whose sentence carries markup, a quote and a closing script tag.
cat >"$WORK/events.jsonl" <<'JSONL'
{"date":"2024-06-01","directed":false,"doc":"news/<b>x</b>.txt","end":120,"key":"00000000000000b1","negated":false,"score":3.0,"source":"SAU","start":0,"target":"SOM","text":"زيارة وفد سعودي إلى مقديشو <img src=x onerror=alert(1)> لبحث \"التعاون\" </script><script>alert(2)</script>","trigger":"لبحث","type":"CONSULT"}
JSONL
"$BILAT" view "$WORK/events.jsonl" -o "$WORK/markup.html" 2>/dev/null || fail "bilat view events"

# 3,000 events between 60 states, each sentence of 240 letters of its own.
"$PY" - "$WORK/large.jsonl" <<'PY'
import json, random, sys
rng = random.Random(7)
codes = ["AFG", "ARE", "ARG", "AUS", "AUT", "BEL", "BGD", "BRA", "CAN", "CHE", "CHN", "DEU",
         "DNK", "DZA", "EGY", "ESP", "ETH", "FIN", "FRA", "GBR", "GRC", "IDN", "IND", "IRN",
         "IRQ", "ISR", "ITA", "JOR", "JPN", "KEN", "KOR", "KWT", "LBN", "LBY", "MAR", "MEX",
         "MRT", "NGA", "NLD", "NOR", "OMN", "PAK", "PHL", "POL", "PRT", "QAT", "RUS", "SAU",
         "SDN", "SOM", "SWE", "SYR", "TUN", "TUR", "UKR", "USA", "VNM", "YEM", "ZAF", "ZWE"]
letters = [chr(c) for c in range(0x0628, 0x0642)]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for k in range(3000):
        a, b = sorted(rng.sample(codes, 2))
        words, n = [], 0
        while n < 240:
            w = "".join(rng.choice(letters) for _ in range(rng.randint(2, 8)))
            words.append(w)
            n += len(w) + 1
        text = " ".join(words)[:240]
        out.write(json.dumps({"date": "2024-%02d-%02d" % (1 + k % 12, 1 + k % 28),
            "directed": False, "doc": "large/%04d.txt" % k, "end": 480, "key": "%016x" % (k + 1),
            "negated": False, "score": 1.0, "source": a, "start": 0, "target": b,
            "text": text, "trigger": words[0], "type": "CONSULT"}, ensure_ascii=False) + "\n")
PY
"$BILAT" view "$WORK/large.jsonl" -o "$WORK/large.html" 2>/dev/null || fail "bilat view large"
"$BILAT" graph "$WORK/large.jsonl" -o "$WORK/large.json" 2>/dev/null || fail "bilat graph large"
grep -q 'id="bilat-evidence"' "$WORK/large.html" || fail "large.html does not deflate its evidence"
large_tie=$("$PY" -c 'import json,sys; l=json.load(open(sys.argv[1]))["links"][0]; print(l["source"]+","+l["target"])' "$WORK/large.json")

for f in samples from-json markup large; do
    if grep -Eqi '((src|href)[[:space:]]*=[[:space:]]*["'"'"']?|url\([[:space:]]*["'"'"']?|@import[[:space:]]+["'"'"']?)(https?:)?//' \
        "$WORK/$f.html"; then
        fail "$f.html refers to the network"
    fi
    hash=""
    [ "$f" = markup ] && hash="#SAU,SOM"
    [ "$f" = large ] && hash="#$large_tie"
    dump "file://$WORK/$f.html$hash" "$WORK/$f.dom" "$WORK/$f.console"
done

# interact.html in a frame needs file: pages to be one origin
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$WORK/profile" \
    --allow-file-access-from-files --virtual-time-budget=10000 --enable-logging=stderr --v=0 \
    --dump-dom "file://$SRC/tests/browser/interact.html?report=file://$WORK/samples.html" \
    >"$WORK/interact.dom" 2>"$WORK/interact.console" || fail "chromium could not run interact.html"

"$PY" - "$WORK" <<'PY'
import json, sys
from html.parser import HTMLParser
work = sys.argv[1]

class Dom(HTMLParser):
    """What the tests look at in a dumped DOM."""
    def __init__(self):
        super().__init__()
        self.svg = 0; self.ids = []; self.ready = False; self.imgs = 0; self.net = []
        self.labels = []; self.in_text = False; self.quote = None; self.quotes = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html": self.ready = a.get("data-ready") == "true"
        if tag == "img": self.imgs += 1
        if tag == "svg": self.svg += 1
        if self.svg and "data-id" in a: self.ids.append(a["data-id"])
        if self.svg and tag == "text": self.in_text = True
        if tag == "blockquote": self.quote = ""
        for k in ("src", "href"):
            if a.get(k) and ("http" in a[k] or a[k].startswith("//")): self.net.append(a[k])
    def handle_endtag(self, tag):
        if tag == "svg": self.svg -= 1
        if tag == "text": self.in_text = False
        if tag == "blockquote": self.quotes.append(self.quote); self.quote = None
    def handle_data(self, data):
        if self.in_text: self.labels.append(data)
        if self.quote is not None: self.quote += data

def dom(name):
    d = Dom(); d.feed(open(f"{work}/{name}.dom", encoding="utf-8").read()); return d

def console(name):
    return [l.strip() for l in open(f"{work}/{name}.console", encoding="utf-8", errors="replace")
            if ":CONSOLE" in l or "Uncaught" in l]

failed = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok: failed.append(what)

g = json.load(open(f"{work}/graph.json", encoding="utf-8"))
nodes = sorted(n["id"] for n in g["nodes"])
arabic = [n["label"] for n in g["nodes"] if any("\u0600" <= c <= "\u06ff" for c in n["label"])]
check(len(nodes) > 0, f"the samples' graph has nodes ({len(nodes)})")
for name in ("samples", "from-json"):
    d = dom(name)
    check(d.ready, f"{name}: data-ready=\"true\"")
    check(sorted(d.ids) == nodes, f"{name}: one data-id per node inside the svg ({len(d.ids)} of {len(nodes)})")
    check(bool(arabic) and all(l in d.labels for l in arabic), f"{name}: Arabic labels drawn ({arabic[:3]})")
    check(not d.net, f"{name}: no http in src/href {d.net[:2]}")
    check(not console(name), f"{name}: console silent {console(name)[:2]}")

m = dom("markup")
check(m.ready, "markup: data-ready=\"true\"")
check(sorted(m.ids) == ["SAU", "SOM"], f"markup: the tie's two states drawn {m.ids}")
want = 'زيارة وفد سعودي إلى مقديشو <img src=x onerror=alert(1)> لبحث "التعاون" </script><script>alert(2)</script>'
check(want in m.quotes, "markup: the evidence is shown as text, quote and tags included")
check(m.imgs == 0, f"markup: no img element in the DOM ({m.imgs})")
check(not console("markup"), f"markup: console silent {console('markup')[:2]}")

big = json.load(open(f"{work}/large.json", encoding="utf-8"))["links"][0]
d = dom("large")
check(d.ready, "large: data-ready=\"true\"")
check(d.quotes == [x["sentence"] for x in big["evidence"]],
      f"large: tie {big['source']}-{big['target']} shows its {len(big['evidence'])} sentences, unpacked")
check(not console("large"), f"large: console silent {console('large')[:2]}")

report = open(f"{work}/interact.dom", encoding="utf-8").read()
report = report[report.find('<pre id="out">') + 14:report.find("</pre>")]
for line in report.splitlines():
    print("     interact: " + line)
check(report.rstrip().endswith("done") and "FAIL" not in report, "interact: every check passed")
check(not console("interact"), f"interact: console silent {console('interact')[:2]}")
sys.exit(1 if failed else 0)
PY
