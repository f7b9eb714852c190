"""Second-pass consistency aid: longest near-verbatim passage of a pair.

Chains common runs (>= 6 words, set-phrase words not counted) that follow each other in both
texts with gaps of at most GAP words on each side; a chain's value is its matched words.
Usage: python reuse_chain.py  -> prints judged pairs whose label disagrees with the chain test
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from reuse_common import HERE, all_common_spans, day_articles, shingles, words

GAP = 8


def set_masks(arts, toks):
    df: Counter = Counter()
    srcs = defaultdict(set)
    for a, t in zip(arts, toks):
        s = shingles(t, 8)
        df.update(s)
        for g in s:
            srcs[g].add(a["source"])
    setp = {g for g, k in df.items() if k >= 15 and len(srcs[g]) >= 4}
    masks = {}
    for a, t in zip(arts, toks):
        m = [False] * len(t)
        for p in range(len(t) - 7):
            if tuple(t[p:p + 8]) in setp:
                for q in range(p, p + 8):
                    m[q] = True
        masks[a["id"]] = m
    return masks


def best_chain(ta, tb, ma):
    runs = sorted(all_common_spans(ta, tb, 6), key=lambda r: r[1])
    best = 0
    val = [0] * len(runs)
    for k, (n, i, j) in enumerate(runs):
        eff = sum(1 for q in range(i, i + n) if not ma[q])
        v = eff
        for p in range(k):
            n2, i2, j2 = runs[p]
            if i2 + n2 <= i <= i2 + n2 + GAP and j2 + n2 <= j <= j2 + n2 + GAP:
                v = max(v, val[p] + eff)
        val[k] = v
        best = max(best, v)
    return best


def main() -> None:
    gold = [json.loads(l) for l in open(HERE.parent / "reuse_gold.jsonl", encoding="utf-8")]
    out = {}
    for day in sorted({g["day"] for g in gold}):
        arts = day_articles(day)
        toks = {a["id"]: words(a["text"]) for a in arts}
        masks = set_masks(arts, [toks[a["id"]] for a in arts])
        for g in gold:
            if g["day"] != day:
                continue
            out[(g["a"], g["b"])] = best_chain(toks[g["a"]], toks[g["b"]], masks[g["a"]])
    (HERE / "work").mkdir(exist_ok=True)
    with open(HERE / "work" / "chains.json", "w") as fh:
        json.dump({f"{a} {b}": v for (a, b), v in out.items()}, fh)
    cand = {}
    for day in sorted({g["day"] for g in gold}):
        for l in open(HERE / f"reuse_cand_{day}.jsonl"):
            c = json.loads(l)
            cand[(c["a"], c["b"])] = c
    for g in gold:
        c = cand[(g["a"], g["b"])]
        ch = out[(g["a"], g["b"])]
        chain_t = ch >= 38 or c["eff_cov8"] >= 60
        if chain_t != g["reuse"]:
            print(f"{g['day'][5:]} {g['a'][15:]} {g['b'][15:]} gold={'T' if g['reuse'] else 'F'} chain={ch} "
                  f"e8={c['eff_cov8']} e6={c['eff_cov6']} ca={c['ca']} cb={c['cb']} | {g['note'][:80]}")


if __name__ == "__main__":
    main()
