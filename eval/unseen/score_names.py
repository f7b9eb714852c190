"""Score marsad's PER and ORG mentions on the unseen names gold (issue 14, part 1).

    python eval/unseen/score_names.py [--gold DIR]

DIR holds names_gold.jsonl; format and conventions in DIR/QUOTES_NAMES.md (exhaustive PER
and ORG mentions, clitics outside spans, titles outside person spans). marsad's PER and ORG
mentions are compared with the gold's by exact span and type; a span starting with a ل
fused with the article (للأمم) is compared from its second ل on both sides, as the gold's
README advises. Printed: exact-span F1 per type and overall, on the multi-word gold
mentions (recall) and marsad's multi-word mentions (precision), and with any overlap and
the same type (a looser figure). Within each article, pairs of matched mentions that the
gold puts in one entity are scored against marsad's entities (pairwise link P/R/F1).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_marsad import DEFAULT_GOLD, load_gold, norm_start, prf, run

TYPES = ("PER", "ORG")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = ap.parse_args(argv)
    gold = load_gold(args.gold / "names_gold.jsonl")
    articles, _ = run(gold)
    tp: dict[str, int] = defaultdict(int)
    n_sys: dict[str, int] = defaultdict(int)
    n_gold: dict[str, int] = defaultdict(int)
    loose = 0
    links_tp = links_sys = links_gold = 0
    for row in gold:
        text = row["text"]
        art = articles[row["id"]]
        g_spans = {(norm_start(text, m["start"]), m["end"], m["type"]): m
                   for m in row.get("mentions", [])}
        s_spans = {(norm_start(text, m.start), m.end, m.type): m
                   for m in art.mentions if m.type in TYPES}
        for key, m in g_spans.items():
            n_gold[key[2]] += 1
            n_gold["multi"] += bool(m.get("multiword"))
        for key, m in s_spans.items():
            n_sys[key[2]] += 1
            n_sys["multi"] += " " in m.text.strip()
        for key in g_spans.keys() & s_spans.keys():
            tp[key[2]] += 1
            tp["multi"] += bool(g_spans[key].get("multiword"))
        loose += sum(any(s[2] == g[2] and s[0] < g[1] and g[0] < s[1] for s in s_spans)
                     for g in g_spans)
        both = sorted(g_spans.keys() & s_spans.keys())
        for a, b in combinations(both, 2):
            same_gold = g_spans[a]["entity"] == g_spans[b]["entity"]
            ea, eb = s_spans[a].entity, s_spans[b].entity
            same_sys = ea is not None and ea == eb
            links_gold += same_gold
            links_sys += same_sys
            links_tp += same_gold and same_sys
    total_g = sum(n_gold[t] for t in TYPES)
    total_s = sum(n_sys[t] for t in TYPES)
    total_tp = sum(tp[t] for t in TYPES)
    print(f"unseen names gold: {args.gold / 'names_gold.jsonl'} ({len(gold)} articles, "
          f"{total_g} PER/ORG mentions)")
    for t in TYPES:
        print(f"  {t} exact span        {prf(tp[t], n_sys[t], n_gold[t])}")
    print(f"  PER+ORG exact span    {prf(total_tp, total_s, total_g)}")
    print(f"  multi-word exact span {prf(tp['multi'], n_sys['multi'], n_gold['multi'])}")
    print(f"  PER+ORG any overlap, same type: recall {loose / total_g if total_g else 0:.3f} "
          f"({loose}/{total_g})")
    print(f"  same-entity links among matched mentions  {prf(links_tp, links_sys, links_gold)}")


if __name__ == "__main__":
    main()
