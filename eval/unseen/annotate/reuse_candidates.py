"""Generous reuse-candidate generator for the unseen reuse gold (annotator's own tool).

Usage: python reuse_candidates.py DAY [DAY ...]   -> eval/unseen/annotate/reuse_cand_DAY.jsonl
       python reuse_candidates.py --stats DAY...   -> only print counts

A pair of the day's articles is a candidate when, after light normalisation (reuse_common.norm),
(1) the two texts (title excluded) share at least one word 8-gram that is not an outlet template,
or (2) they share at least two distinct non-template word 6-grams (catches lightly edited copies
whose verbatim runs are broken every few words).
A shingle is an outlet template when more than TEMPLATE_MAX articles of one outlet contain it
that day (footers, bylines, standing sentences). The longest common run (LCS) >= 12 criterion is
implied by (1) unless the run is entirely template.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from itertools import combinations

from reuse_common import HERE, all_common_spans, day_articles, longest_common_span, shingles, words

TEMPLATE_MAX = 15
SET_DF = 15
SET_OUTLETS = 4


def candidates(day: str) -> list[dict]:
    arts = day_articles(day)
    toks = [words(a["text"]) for a in arts]
    res = {}
    for n in (8, 6):
        sh = [shingles(t, n) for t in toks]
        per_outlet: dict[str, Counter] = defaultdict(Counter)
        for a, s in zip(arts, sh):
            per_outlet[a["source"]].update(s)
        templ = set()
        for c in per_outlet.values():
            templ |= {g for g, k in c.items() if k > TEMPLATE_MAX}
        inv: dict[tuple, list[int]] = defaultdict(list)
        for i, s in enumerate(sh):
            for g in s - templ:
                inv[g].append(i)
        pc: Counter = Counter()
        for g, ids in inv.items():
            if len(ids) > 60:  # a phrase in >60 articles of many outlets: set phrase, not copying
                continue
            for i, j in combinations(ids, 2):
                pc[(i, j)] += 1
        res[n] = (pc, len(templ))
    pc8, nt8 = res[8]
    pc6, nt6 = res[6]
    pairs = set(pc8) | {p for p, k in pc6.items() if k >= 2}
    # set phrases: 8-grams found that day in >= SET_DF articles of >= SET_OUTLETS outlets
    # (royal titles and honorific chains); their words do not count towards a shared passage.
    df: Counter = Counter()
    srcs: dict[tuple, set] = defaultdict(set)
    sh8 = [shingles(t, 8) for t in toks]
    for a, s in zip(arts, sh8):
        df.update(s)
        for g in s:
            srcs[g].add(a["source"])
    setp = {g for g, k in df.items() if k >= SET_DF and len(srcs[g]) >= SET_OUTLETS}
    masks = []
    for t in toks:
        m = [False] * len(t)
        for p in range(len(t) - 7):
            if tuple(t[p: p + 8]) in setp:
                for q in range(p, p + 8):
                    m[q] = True
        masks.append(m)
    out = []
    for i, j in sorted(pairs):
        a, b = arts[i], arts[j]
        lcs, _, _ = longest_common_span(toks[i], toks[j])
        spans = all_common_spans(toks[i], toks[j], 8)
        cov = sum(n for n, _, _ in spans)
        eff = [sum(1 for q in range(s0, s0 + n) if not masks[i][q]) for n, s0, _ in spans]
        spans6 = all_common_spans(toks[i], toks[j], 6)
        eff6 = sum(sum(1 for q in range(s0, s0 + n) if not masks[i][q]) for n, s0, _ in spans6)
        judge = lcs >= 40 or max(eff, default=0) >= 12 or sum(e for e in eff if e >= 8) >= 20 or eff6 >= 30
        out.append({"judge": judge, "eff_lcs": max(eff, default=0), "eff_cov8": sum(eff), "eff_cov6": eff6,
            "a": a["id"], "b": b["id"], "sa": a["source"], "sb": b["source"],
            "la": len(toks[i]), "lb": len(toks[j]), "shared8": pc8.get((i, j), 0),
            "shared6": pc6.get((i, j), 0), "lcs": lcs, "cov8": cov,
            "ca": round(cov / max(1, len(toks[i])), 2), "cb": round(cov / max(1, len(toks[j])), 2),
        })
    return out, len(arts), nt8, nt6


def main() -> None:
    args = sys.argv[1:]
    stats = False
    if args and args[0] == "--stats":
        stats, args = True, args[1:]
    for day in args:
        out, n, nt8, nt6 = candidates(day)
        by8 = sum(1 for c in out if c["shared8"])
        nj = sum(1 for c in out if c["judge"])
        print(f"{day}: {n} articles, {len(out)} candidates ({by8} by 8-gram), "
              f"lcs>=12: {sum(c['lcs'] >= 12 for c in out)}, lcs>=40: {sum(c['lcs'] >= 40 for c in out)}, "
              f"template 8-grams {nt8}, TO JUDGE {nj}", flush=True)
        if not stats:
            with open(HERE / f"reuse_cand_{day}.jsonl", "w", encoding="utf-8") as fh:
                for c in out:
                    fh.write(json.dumps(c, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
