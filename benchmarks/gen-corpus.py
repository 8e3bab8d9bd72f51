#!/usr/bin/env python3
"""Writes a deterministic synthetic Arabic news corpus built from the vocabulary of
bilat's samples: articles of 8-30 lines recombined from the samples' lines and words.

Usage: gen-corpus.py SAMPLES_DIR OUT_DIR SIZE_MB [--seed N] [--per-folder N]
Articles go to OUT_DIR/NNN/NNNNNN.txt (N per folder, default 500), so the corpus can be
sharded by subfolder."""
import argparse
import os
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("samples")
    ap.add_argument("out")
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--per-folder", type=int, default=500)
    a = ap.parse_args()
    lines = []
    for d, _, files in sorted(os.walk(a.samples)):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(d, f), encoding="utf-8") as fh:
                    lines += [l.strip() for l in fh if l.strip()]
    if not lines:
        raise SystemExit("gen-corpus: no .txt samples under " + a.samples)
    words = sorted({w for l in lines for w in l.split()})
    rng = random.Random(a.seed)
    target = int(a.size_mb * 1e6)
    written = n = 0
    while written < target:
        body = []
        for _ in range(rng.randint(8, 30)):
            if rng.random() < 0.7:
                body.append(rng.choice(lines))
            else:
                body.append(" ".join(rng.choice(words) for _ in range(rng.randint(6, 25))) + ".")
        text = "\n".join(body) + "\n"
        sub = os.path.join(a.out, "%03d" % (n // a.per_folder))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "%06d.txt" % n), "w", encoding="utf-8") as fh:
            fh.write(text)
        written += len(text.encode("utf-8"))
        n += 1
    print(f"{n} articles, {written / 1e6:.1f} MB in {a.out}")


if __name__ == "__main__":
    main()
