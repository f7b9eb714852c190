"""Compact reading view of a day's to-judge candidates, grouped by connected component.

Usage: python reuse_groups.py DAY > work/groups_DAY.txt
Per component: each article once (id, outlet, words, title); then one line per candidate pair
with its number, stats and the start of its up-to-3 longest common runs (set-phrase words
included in the text, excluded from effl/eff6).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict

from reuse_build import default
from reuse_common import HERE, all_common_spans, day_articles, words


def main() -> None:
    day = sys.argv[1]
    arts = {a["id"]: a for a in day_articles(day)}
    cands = [json.loads(l) for l in open(HERE / f"reuse_cand_{day}.jsonl", encoding="utf-8")]
    cands = [c for c in cands if c["judge"]]
    for k, c in enumerate(cands, 1):
        c["k"] = k
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for c in cands:
        parent[find(c["a"])] = find(c["b"])
    comps = defaultdict(list)
    for c in cands:
        comps[find(c["a"])].append(c)
    toks = {}
    for root, cs in sorted(comps.items(), key=lambda kv: kv[1][0]["k"]):
        ids = sorted({x for c in cs for x in (c["a"], c["b"])})
        print(f"=== group of {len(ids)} articles, {len(cs)} pairs")
        for i in ids:
            a = arts[i]
            toks[i] = words(a["text"])
            print(f"  {i[4:]} [{a['source']}] {len(toks[i])}w | {a['title'][:70]}")
        for c in cs:
            ta, tb = toks[c["a"]], toks[c["b"]]
            spans = sorted(all_common_spans(ta, tb, 8), key=lambda t: -t[0])
            runs = " | ".join(f"[{n}@{i}/{j}] " + " ".join(ta[i: i + min(n, 8)]) for n, i, j in spans[:3])
            more = f" +{len(spans) - 3}r" if len(spans) > 3 else ""
            print(f" {'T' if default(c) else 'f'} {c['a'][15:]}~{c['b'][15:]} effl={c['eff_lcs']} e8={c['eff_cov8']} e6={c['eff_cov6']}"
                  f" ca={c['ca']} cb={c['cb']}{more} :: {runs}")


if __name__ == "__main__":
    main()
