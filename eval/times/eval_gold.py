"""Score marsad's temporal tagger on the ANT gold set (eval/times/ant_gold.jsonl).

    python eval/times/eval_gold.py [--gold FILE] [--errors]

Prints value-correct recall/precision (a gold expression is found when a predicted expression
overlaps it with the same value), span-overlap, strict-span and per-type figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import Tally, by_type, report, score

HERE = Path(__file__).resolve().parent
Span = dict[str, Any]
Tagger = Callable[[str, str | None], list[Span]]


def marsad_tagger(text: str, dct: str | None) -> list[Span]:
    from marsad.extract.times import tag

    return [{"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in tag(text, dct)]


def load_gold(path: Path) -> list[dict[str, Any]]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
    return docs


def evaluate(docs: list[dict[str, Any]], tagger: Tagger, errors: bool = False,
             out: Any = sys.stdout) -> tuple[Tally, dict[str, Tally]]:
    total = Tally()
    types: dict[str, Tally] = {}
    by_source: dict[str, Tally] = {}
    for doc in docs:
        gold = doc["times"]
        pred = tagger(doc["text"], doc.get("dct"))
        t = score(gold, pred)
        total.add(t)
        by_source.setdefault(doc.get("source", "?"), Tally()).add(t)
        for typ, tt in by_type(gold, pred).items():
            types.setdefault(typ, Tally()).add(tt)
        if errors:
            _print_errors(doc, gold, pred, out)
    for src, t in sorted(by_source.items()):
        print(f"  {src:<9} value recall {t.recall('value'):.3f} precision "
              f"{t.precision('value'):.3f} (gold {t.gold}, predicted {t.pred})", file=out)
    return total, types


def _print_errors(doc: dict[str, Any], gold: list[Span], pred: list[Span], out: Any) -> None:
    def same(a: Span, b: Span) -> bool:
        return a["start"] < b["end"] and b["start"] < a["end"] and a["value"] == b["value"]

    for g in gold:
        if not any(same(g, p) for p in pred):
            near = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
            got = "; ".join(f"{p['text']!r} {p['type']} {p['value']}" for p in near) or "-"
            ctx = doc["text"][max(0, g["start"] - 30):g["end"] + 20].replace("\n", " ")
            print(f"MISS {doc['id']} dct={doc['dct']} {g['text']!r} {g['type']} {g['value']}"
                  f" | got {got} | …{ctx}…", file=out)
    for p in pred:
        if not any(same(g, p) for g in gold):
            if any(p["start"] < g["end"] and g["start"] < p["end"] for g in gold):
                continue  # already shown as a miss
            ctx = doc["text"][max(0, p["start"] - 30):p["end"] + 20].replace("\n", " ")
            print(f"FALSE {doc['id']} dct={doc['dct']} {p['text']!r} {p['type']} {p['value']}"
                  f" | …{ctx}…", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", type=Path, default=HERE / "ant_gold.jsonl")
    ap.add_argument("--errors", action="store_true", help="print every miss and false alarm")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"no gold file at {args.gold}", file=sys.stderr)
        return 2
    docs = load_gold(args.gold)
    print(f"ANT gold: {len(docs)} articles, {sum(len(d['times']) for d in docs)} expressions")
    total, types = evaluate(docs, marsad_tagger, errors=args.errors)
    print(report("marsad", total, types))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
