#!/usr/bin/env python3
"""Gazetteer recall on the NER gold (NewsFANE_Gold_2014_170K.txt, one token and its
tag per line, sentences separated by blank lines; hamza stripped, و and other
proclitics split off as tokens of their own, U+200E marks, BOM, CRLF).

The tokens are joined back into sentences (single-letter proclitics glued to the next
word, as news text writes them), every sentence goes through `bilat mentions`, and each
B-Nation span counts as found when a mention overlaps it.  Spans whose text is listed
in ner-excluded.txt (historic states, sub-national places, peoples: not current states
or listed organisations) are left out.  Fails when recall is below 95%.

usage: ner-recall.py BILAT NER_FILE EXCLUDED [--misses]
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

PROCLITICS = {"و", "ف", "ب", "ل", "ك"}
MIN_RECALL = 0.95


def sentences(path):
    """Yields lists of (token, tag) per sentence."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        data = f.read()
    sent = []
    for line in data.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" not in line or not line.split("\t", 1)[0].strip("\u200e \ufeff"):
            if sent:
                yield sent
                sent = []
            continue
        word, tag = line.rsplit("\t", 1)
        sent.append((word.replace("\u200e", "").replace("\ufeff", "").strip(), tag.strip()))
    if sent:
        yield sent


def join(sent):
    """The sentence text and the byte span of each token in it."""
    text, spans, glue = "", [], False
    for word, _ in sent:
        if text and not glue:
            text += " "
        start = len(text.encode("utf-8"))
        text += word
        spans.append((start, len(text.encode("utf-8"))))
        glue = word in PROCLITICS
    return text, spans


def nation_spans(sent, spans):
    """Byte spans [start, end) of the B-Nation entities with their token text."""
    out, cur = [], None
    for i, (word, tag) in enumerate(sent):
        if tag == "B-Nation":
            if cur:
                out.append(cur)
            cur = [spans[i][0], spans[i][1], [word]]
        elif tag == "I-Nation" and cur:
            cur[1] = spans[i][1]
            cur[2].append(word)
        elif cur:
            out.append(cur)
            cur = None
    if cur:
        out.append(cur)
    return [(a, b, " ".join(w)) for a, b, w in out]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    bilat, ner, excluded_path = sys.argv[1:4]
    if not os.path.exists(ner):
        print(f"skipped: {ner} not found")
        return 77  # meson: skipped
    show = "--misses" in sys.argv[4:]
    excluded = {l.strip() for l in open(excluded_path, encoding="utf-8")
                if l.strip() and not l.startswith("#")}
    items = []
    for n, sent in enumerate(sentences(ner)):
        text, spans = join(sent)
        ents = [e for e in nation_spans(sent, spans) if e[2] not in excluded]
        if ents:
            items.append((f"s{n}", text, ents))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ner.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for sid, text, _ in items:
                f.write(json.dumps({"id": sid, "text": text}, ensure_ascii=False) + "\n")
        out = subprocess.run([bilat, "mentions", path], capture_output=True, text=True,
                             check=True).stdout
    found = collections.defaultdict(list)
    for line in out.splitlines():
        m = json.loads(line)
        found[m["doc"]].append((m["start"], m["end"]))
    total = hit = 0
    misses = collections.Counter()
    for sid, text, ents in items:
        for a, b, words in ents:
            total += 1
            if any(s < b and e > a for s, e in found[sid]):
                hit += 1
            else:
                misses[words] += 1
    recall = hit / total if total else 0.0
    print(f"B-Nation recall: {recall:.4f} ({hit}/{total}, {len(excluded)} forms excluded)")
    if show:
        for words, n in misses.most_common():
            print(f"{n}\t{words}")
    return 0 if recall >= MIN_RECALL else 1


if __name__ == "__main__":
    sys.exit(main())
