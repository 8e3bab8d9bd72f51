#!/usr/bin/env python3
"""`bilat mentions` on the seed articles (../shared/seeds): each article must give
exactly the actors a reader finds in it, and no mention may fall inside the phrases
that name no state (Xinhua's «الصين الجديدة», the Korean peninsula).

usage: seeds-check.py BILAT SEEDS_DIR
"""
import json
import os
import subprocess
import sys

# The actors a reader finds in each seed article.
EXPECTED = {
    "000_a9c05ea2e6275179.txt": {"ALB", "CHN", "DZA", "KOR", "LBY", "MRT", "NATO", "OMN",
                                 "PAK", "PRK", "QAT", "RUS", "SAU", "SOM", "UKR", "USA"},
    # Dated the eve of an inauguration: «إدارة ترامب» is the incoming administration.
    "003_3f9dc59799250020.txt": {"BGR", "BLR", "CHN", "IRN", "JPN", "KOR", "LTU", "NATO",
                                 "PRK", "RUS", "UKR", "USA"},
}
NOT_ACTORS = ["الصين الجديدة", "شبه الجزيرة الكورية"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    bilat, seeds = sys.argv[1:]
    if not os.path.isdir(seeds):
        print(f"skipped: {seeds} not found")
        return 77
    out = subprocess.run([bilat, "mentions", seeds], capture_output=True, text=True,
                         check=True).stdout
    found, spans = {}, {}
    for line in out.splitlines():
        m = json.loads(line)
        name = os.path.basename(m["doc"])
        found.setdefault(name, set()).add(m["code"])
        spans.setdefault(name, []).append((m["start"], m["end"]))
    failures = 0
    for name, want in EXPECTED.items():
        got = found.get(name, set())
        if got != want:
            failures += 1
            print(f"{name}: missing {sorted(want - got)}, extra {sorted(got - want)}")
        data = open(os.path.join(seeds, name), "rb").read()
        for phrase in NOT_ACTORS:
            p = phrase.encode("utf-8")
            at = data.find(p)
            while at >= 0:
                if any(s < at + len(p) and e > at for s, e in spans.get(name, [])):
                    failures += 1
                    print(f"{name}: a mention inside «{phrase}» at byte {at}")
                at = data.find(p, at + 1)
    print("seeds: ok" if not failures else f"seeds: {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
