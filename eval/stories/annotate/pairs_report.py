"""For every pair of articles inside one gold story, report shared word spans.

A reading aid for reuse decisions: python pairs_report.py [--min 8]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from itertools import combinations

from common import GOLD, selected, words
from spans import common_spans


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min", type=int, default=8)
    ap.add_argument("extra", nargs="*", help="extra pairs as A,B (id suffixes or ids)")
    args = ap.parse_args()
    arts = {a["id"]: a for a in selected()}
    toks = {k: words(v["text"]) for k, v in arts.items()}
    groups: defaultdict[str, list[str]] = defaultdict(list)
    with GOLD.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            groups[rec["story"]].append(rec["id"])
    pairs = [p for ids in groups.values() for p in combinations(sorted(ids), 2)]
    pre = next(iter(arts))[:-5]
    for e in args.extra:
        a, b = (x if x.startswith("SNN") else pre + x for x in e.split(","))
        pairs.append((a, b))
    for a, b in pairs:
        sp = common_spans(toks[a], toks[b], args.min)
        cov = sum(n for n, _, _ in sp)
        longest = max((n for n, _, _ in sp), default=0)
        sa, sb = arts[a]["source"][:6], arts[b]["source"][:6]
        print(
            f"{a[-5:]} [{sa}] {len(toks[a])}w ~ {b[-5:]} [{sb}]"
            f" {len(toks[b])}w  cov={cov} ({cov / max(1, min(len(toks[a]), len(toks[b]))):.2f})"
            f" longest={longest} spans={[n for n, _, _ in sp]}"
        )


if __name__ == "__main__":
    main()
