#!/usr/bin/python3
"""networkx reads bilat's graph files as they are, and agrees with bilat's measures.

Usage: check-networkx.py BILAT SOURCE_ROOT

Writes the graph of tests/interop/events.jsonl (hand-written events) with `bilat graph`
to JSON, GraphML, GEXF and CSV, then checks with Debian's networkx 2.8:
  - GraphML, GEXF and CSV hold the same nodes, edges, weights and attributes as the JSON;
  - PageRank (tol 1e-13), betweenness with exact lengths Fraction(1, weight),
    closeness, harmonic and eigenvector centrality (per component, max 1) agree to 1e-6;
  - `bilat graph` and `bilat build` (when the samples give events) give the same bytes.
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

import networkx as nx

bilat, root = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def write(inputs, out, *opts):
    subprocess.run([bilat, "graph", "-q", *opts, *inputs, "-o", out], check=True, cwd=root)


def node_link(path):
    d = json.load(open(path, encoding="utf-8"))
    return d, nx.node_link_graph(d)


def compare_measures(G, label):
    worst = {}
    pr = nx.pagerank(G, weight="weight", tol=1e-13, max_iter=10000)
    worst["pagerank"] = max(abs(pr[v] - G.nodes[v]["pagerank"]) for v in G)
    bt = nx.betweenness_centrality(
        G, normalized=False, weight=lambda u, v, a: Fraction(1, int(a["weight"])))
    worst["betweenness"] = max(abs(float(bt[v]) - G.nodes[v]["betweenness"]) for v in G)
    length = {(u, v): Fraction(1, int(a["weight"])) for u, v, a in G.edges(data=True)}
    nx.set_edge_attributes(G, {e: float(x) for e, x in length.items()}, "length")
    n = G.number_of_nodes()
    for v in G:
        dist = nx.single_source_dijkstra_path_length(G, v, weight="length")
        others = [d for u, d in dist.items() if u != v]
        close = len(others) / sum(others) if others else 0.0
        harm = sum(1 / d for d in others) / (n - 1) if n > 1 else 0.0
        worst["closeness"] = max(worst.get("closeness", 0), abs(close - G.nodes[v]["closeness"]))
        worst["harmonic"] = max(worst.get("harmonic", 0), abs(harm - G.nodes[v]["harmonic"]))
    ev_worst = 0.0
    for comp in nx.connected_components(G):
        if len(comp) <= 2:  # scipy's eigs needs N > 2; one or two nodes are all at max
            ev_worst = max(ev_worst, max(abs(1.0 - G.nodes[v]["eigenvector"]) for v in comp))
            continue
        sub = G.subgraph(comp).copy()
        ev = nx.eigenvector_centrality_numpy(sub, weight="weight")
        top = max(ev.values())
        ev_worst = max(ev_worst, max(abs(ev[v] / top - G.nodes[v]["eigenvector"]) for v in sub))
    worst["eigenvector"] = ev_worst
    comps = {frozenset(c) for c in nx.connected_components(G)}
    mine = {}
    for v in G:
        mine.setdefault(G.nodes[v]["component"], set()).add(v)
    check({frozenset(c) for c in mine.values()} == comps, f"{label}: components differ")
    print(f"{label}: {n} nodes, {G.number_of_edges()} edges; "
          + ", ".join(f"{k} max diff {w:.1e}" for k, w in worst.items()))
    for k, w in worst.items():
        check(w <= 1e-6, f"{label}: {k} differs from networkx by {w:.3g}")


def edge_set(G):
    return sorted((min(u, v), max(u, v), float(a["weight"])) for u, v, a in G.edges(data=True))


with tempfile.TemporaryDirectory() as t:
    events = os.path.join(root, "tests", "interop", "events.jsonl")
    for ext in ("json", "graphml", "gexf", "csv"):
        write([events], os.path.join(t, "g." + ext))
    write([events], os.path.join(t, "g.cy.json"), "--format", "cytoscape")
    d, G = node_link(os.path.join(t, "g.json"))
    check(set(d) == {"directed", "multigraph", "graph", "nodes", "links"}, "node-link keys")
    check(d["graph"]["bilat_version"] and d["graph"]["events"] == 15, "provenance in graph")
    H = nx.read_graphml(os.path.join(t, "g.graphml"))
    X = nx.read_gexf(os.path.join(t, "g.gexf"))
    check(sorted(G) == sorted(H) == sorted(X), "the same node ids in JSON, GraphML, GEXF")
    check(edge_set(G) == edge_set(H) == edge_set(X), "the same edges and weights")
    # every attribute of the JSON in the GraphML, with the same value
    for v in G:
        for k, x in G.nodes[v].items():
            y = H.nodes[v].get(k)
            check(y == x, f"GraphML node {v} {k}: {y!r} != {x!r}")
            if k != "label":
                check(X.nodes[v].get(k) == x, f"GEXF node {v} {k}: {X.nodes[v].get(k)!r}")
        check(X.nodes[v]["label"] == G.nodes[v]["label"], f"GEXF node {v} label")
    for u, v, a in G.edges(data=True):
        b = H.edges[u, v]
        for k, x in a.items():
            want = ",".join(x) if k == "dates" else x
            if k == "evidence":
                check(json.loads(b[k]) == x, f"GraphML edge {u}-{v} evidence")
            else:
                check(b.get(k) == want, f"GraphML edge {u}-{v} {k}: {b.get(k)!r} != {want!r}")
        spells = X.edges[u, v].get("spells", [])
        check([s for s, _ in spells] == a["dates"], f"GEXF spells of {u}-{v}")
    C = nx.cytoscape_graph(json.load(open(os.path.join(t, "g.cy.json"), encoding="utf-8")))
    check(edge_set(C) == edge_set(G), "Cytoscape.js JSON: the same edges and weights")
    check(all(C.nodes[v]["pagerank"] == G.nodes[v]["pagerank"] for v in G), "Cytoscape nodes")
    rows = list(csv.DictReader(open(os.path.join(t, "g.edges.csv"), encoding="utf-8",
                                    newline="")))
    check(sorted((r["source"], r["target"], float(r["weight"])) for r in rows) == edge_set(G),
          "CSV edges")
    meta = json.load(open(os.path.join(t, "g.meta.json")))
    check(meta["events"] == d["graph"]["events"], "CSV provenance")
    compare_measures(G, "events.jsonl")

    # a random graph with weights 1..6 (many equal-length alternative paths), several
    # components: the measures still agree with networkx
    rnd = random.Random(15)
    codes = ["%c%c%c" % (65 + i // 26, 65 + i % 26, 65 + i % 7) for i in range(40)]
    with open(os.path.join(t, "random.jsonl"), "w", encoding="utf-8") as f:
        for n in range(120):
            a, b = sorted(rnd.sample(codes[:30] if n % 10 else codes[30:], 2))
            for k in range(rnd.choice([1, 1, 2, 3, 6])):
                f.write(json.dumps({"doc": f"r/{n}.txt", "date": None, "source": a,
                                    "target": b, "type": "CONSULT", "score": 1.0,
                                    "text": f"{a} {b} {k}", "key": "%016x" % (n * 8 + k + 1)})
                        + "\n")
    write([os.path.join(t, "random.jsonl")], os.path.join(t, "r.json"))
    _, R = node_link(os.path.join(t, "r.json"))
    compare_measures(R, "random")

    # the directed graph loads as a DiGraph with the same edges in JSON and GraphML
    write([events], os.path.join(t, "d.json"), "--directed")
    write([events], os.path.join(t, "d.graphml"), "--directed")
    _, D = node_link(os.path.join(t, "d.json"))
    DH = nx.read_graphml(os.path.join(t, "d.graphml"))
    check(D.is_directed() and DH.is_directed(), "directed graphs")
    check(sorted(D.edges) == sorted(DH.edges), "directed edges")
    pr = nx.pagerank(D, weight="weight", tol=1e-13, max_iter=10000)
    check(max(abs(pr[v] - D.nodes[v]["pagerank"]) for v in D) <= 1e-6, "directed pagerank")

    # graph over the samples' events equals build over the samples, when extraction works
    samples = os.path.join(root, "samples")
    ev = subprocess.run([bilat, "extract", "-q", samples], capture_output=True, cwd=root)
    if ev.returncode == 0 and ev.stdout.strip():
        with open(os.path.join(t, "s.jsonl"), "wb") as f:
            f.write(ev.stdout)
        write([os.path.join(t, "s.jsonl")], os.path.join(t, "s1.json"))
        subprocess.run([bilat, "build", "-q", samples, "-o", os.path.join(t, "s2.json")],
                       check=True, cwd=root)
        s1 = open(os.path.join(t, "s1.json"), "rb").read()
        s2 = open(os.path.join(t, "s2.json"), "rb").read()
        check(s1 == s2, "bilat graph over the events == bilat build over the samples")
        _, S = node_link(os.path.join(t, "s1.json"))
        if S.number_of_edges():
            compare_measures(S, "samples")

sys.exit(1 if failures else 0)
