"""Exact-span entity F1 (seqeval style) of a NER tagger on ANERcorp test and AQMAR.

    python eval/ner/eval_ner.py                      # shipped CRF, ../shared
    python eval/ner/eval_ner.py --model PATH         # any spec load_tagger accepts

AQMAR is Wikipedia text with its own MISC conventions (MIS0-3): it is an out-of-domain check,
reported with and without MISC.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from marsad.extract.ner.conll import normalise_tag, read_conll
from marsad.extract.ner.metrics import entity_f1, format_report
from marsad.extract.ner.tagger import TaggerError, load_tagger

REPO = Path(__file__).resolve().parents[2]


def evaluate(tagger, sents: list[list[tuple[str, str]]], *, drop_misc: bool = False) -> str:
    gold = [[normalise_tag(g) for _, g in s] for s in sents]
    t0 = time.perf_counter()
    pred = tagger.tag([[t for t, _ in s] for s in sents])
    dt = time.perf_counter() - t0
    pred = [[normalise_tag(p) for p in s] for s in pred]
    if drop_misc:
        gold = [[("O" if g.endswith("MISC") else g) for g in s] for s in gold]
        pred = [[("O" if p.endswith("MISC") else p) for p in s] for s in pred]
    n = sum(len(s) for s in sents)
    return f"{format_report(entity_f1(gold, pred))}\n({n} tokens, {n / dt:,.0f} tokens/s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--model", default=None, help="tagger spec (default: shipped CRF)")
    ap.add_argument("--no-aqmar", action="store_true")
    args = ap.parse_args(argv)
    try:
        tagger = load_tagger(args.model)
    except TaggerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    test = args.shared / "corpora/ner/anercorp/ANERCorp_CamelLab_test.txt"
    if not test.exists():
        print(f"error: {test} not found (pass --shared)", file=sys.stderr)
        return 2
    print("== ANERcorp CAMeL Lab test split")
    print(evaluate(tagger, read_conll(test)))
    aqmar = sorted((args.shared / "corpora/ner/aqmar").glob("*.txt"))
    if aqmar and not args.no_aqmar:
        sents = [s for f in aqmar for s in read_conll(f)]
        print("\n== AQMAR (out of domain, all types)")
        print(evaluate(tagger, sents))
        print("\n== AQMAR without MISC (its MIS0-3 conventions differ from ANERcorp's)")
        print(evaluate(tagger, sents, drop_misc=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
