#!/usr/bin/env python3
"""Actor recognition on an annotated set (../shared/eval/dev.jsonl): runs
`bilat mentions` over every item's text and compares the set of codes found with the
item's gold "actors" list.  Prints precision, recall and, with --errors, each item's
missed and extra codes.  A measurement, not a pass/fail test: the gold list holds
actors *acting as such*, while mentions also reports places and venues that the
relation engine later filters.

usage: dev-actors.py BILAT DEV.jsonl [--errors]
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def date_of(doc_id):
    """The date an item's id carries (as ../shared/eval/score.py reads it)."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)", doc_id)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bilat, dev = sys.argv[1], sys.argv[2]
    errors = "--errors" in sys.argv[3:]
    items = [json.loads(line) for line in open(dev, encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "items.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for it in items:
                rec = {"id": it["id"], "text": it["text"]}
                if date_of(it["id"]):
                    rec["date"] = date_of(it["id"])
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out = subprocess.run([bilat, "mentions", path], capture_output=True, text=True,
                             check=True).stdout
    found = {}
    for line in out.splitlines():
        m = json.loads(line)
        found.setdefault(m["doc"], set()).add(m["code"])
    tp = fp = fn = 0
    for it in items:
        gold, got = set(it["actors"]), found.get(it["id"], set())
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        if errors and gold != got:
            print(f'{it["id"]}\tmissed={sorted(gold - got)}\textra={sorted(got - gold)}'
                  f'\t{it["text"][:300]}')
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"actors: P {p:.3f} R {r:.3f} F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})")


if __name__ == "__main__":
    main()
