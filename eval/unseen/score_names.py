"""Score marsad's person and organisation mentions on the unseen names gold (a TEST set).

    python eval/unseen/score_names.py [--gold eval/unseen/names_gold.jsonl] [--errors]

Runs the marsad this interpreter imports on the gold articles (one `marsad analyze` run)
and compares its PER and ORG mentions with the gold's, which mark every person and
organisation of each article: exact-span F1 (same start, end and type), the same for
multi-word gold names only (recall; precision over predicted multi-word mentions), and
span-overlap F1. Spans are compared on the record text (see marsad_run.locate).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from marsad_run import load, locate, prf, run

HERE = Path(__file__).resolve().parent
TYPES = ("PER", "ORG")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=HERE / "names_gold.jsonl")
    ap.add_argument("--errors", action="store_true", help="print misses and false alarms")
    args = ap.parse_args(argv)
    gold = load(args.gold)
    articles, _ = run(gold)
    tot = {"gold": 0, "pred": 0, "exact": 0, "overlap_g": 0, "overlap_p": 0,
           "mw_gold": 0, "mw_pred": 0, "mw_exact_g": 0, "mw_exact_p": 0}
    for g_art in gold:
        raw = g_art["text"]
        want = {(m["start"], m["end"], m["type"]): m for m in g_art["mentions"]
                if m["type"] in TYPES}
        got: set[tuple[int, int, str]] = set()
        for m in articles.get(g_art["id"], {}).get("mentions", []):
            if m["type"] not in TYPES:
                continue
            span = locate(raw, m["text"], m["start"])
            if span is not None:
                got.add((span[0], span[1], m["type"]))
        exact = set(want) & got
        tot["gold"] += len(want)
        tot["pred"] += len(got)
        tot["exact"] += len(exact)
        tot["overlap_g"] += sum(any(s < e2 and s2 < e and t == t2 for s2, e2, t2 in got)
                                for s, e, t in want)
        tot["overlap_p"] += sum(any(s < e2 and s2 < e and t == t2 for s2, e2, t2 in want)
                                for s, e, t in got)
        mw = {k for k, m in want.items() if m["multiword"]}
        mw_pred = {k for k in got if " " in raw[k[0]:k[1]].strip() or "_" in raw[k[0]:k[1]]}
        tot["mw_gold"] += len(mw)
        tot["mw_pred"] += len(mw_pred)
        tot["mw_exact_g"] += len(mw & got)
        tot["mw_exact_p"] += len(mw_pred & set(want))
        if args.errors:
            for s, e, t in sorted(set(want) - got):
                print(f"{g_art['id']} MISS  {t} {raw[s:e]!r}")
            for s, e, t in sorted(got - set(want)):
                print(f"{g_art['id']} FALSE {t} {raw[s:e]!r}")
    print(f"unseen names gold ({args.gold.name}): {len(gold)} articles, "
          f"{tot['gold']} PER/ORG mentions, {tot['mw_gold']} multi-word")
    print(f"  exact span+type      {prf(tot['exact'], tot['pred'], tot['exact'], tot['gold'])}")
    print(f"  multi-word exact     "
          f"{prf(tot['mw_exact_p'], tot['mw_pred'], tot['mw_exact_g'], tot['mw_gold'])}")
    print(f"  overlap+type         "
          f"{prf(tot['overlap_p'], tot['pred'], tot['overlap_g'], tot['gold'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
