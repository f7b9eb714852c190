"""Score quantity and quote extraction against eval/figures/gold.jsonl.

Usage:
    python eval/figures/eval_figures.py [--gold PATH] [--errors] [--speed] [--shared DIR]
                                        [--with-ner]

Matching (one-to-one, greedy in text order):
- quantity: spans overlap, values equal (relative tolerance 1e-6) and units equal
  after `unit_key` on both sides (both null also matches);
- quote: spans overlap by at least half of the shorter span, and the speaker
  matches: the folded content tokens (article "ال" removed, particles dropped) of
  the predicted speaker_text share at least one token with the gold speaker_name or
  speaker_text. "Span" scores ignore value/unit/speaker and are printed for diagnosis.
`--speed` times `find_quantities` on the first 2000 ANT articles from `--shared`
(default ../shared next to the repository).
`--with-ner` runs `marsad.extract.ner.find_mentions` on each gold text first and passes
the mentions to `find_quotes`, as the pipeline does, and scores quotes both ways; the
pipeline's figure ("quotes (ner)") is the one that matters.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from marsad.extract.quantities import find_quantities, unit_key
from marsad.extract.quotes import find_quotes
from marsad.normalise import tokens

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
_PARTICLES = {"في", "من", "باسم", "عن", "علي", "الي", "و", "ب", "ل"}

Item = dict[str, Any]


def _overlap(a: Item, b: Item) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _content(text: str | None) -> set[str]:
    out = set()
    for t in tokens(text or ""):
        if t in _PARTICLES:
            continue
        for pre in ("وال", "بال", "لل", "ال"):
            if t.startswith(pre) and len(t) - len(pre) >= 2:
                t = t[len(pre) :]
                break
        out.add(t)
    return out


def quantity_ok(pred: Item, gold: Item) -> bool:
    if _overlap(pred, gold) <= 0:
        return False
    if abs(float(pred["value"]) - float(gold["value"])) > 1e-6 * max(1.0, abs(gold["value"])):
        return False
    pu = unit_key(pred["unit"]) if pred.get("unit") else None
    gu = unit_key(gold["unit"]) if gold.get("unit") else None
    return pu == gu


def quote_span_ok(pred: Item, gold: Item) -> bool:
    shorter = min(pred["end"] - pred["start"], gold["end"] - gold["start"])
    return shorter > 0 and _overlap(pred, gold) * 2 >= shorter


def quote_ok(pred: Item, gold: Item) -> bool:
    if not quote_span_ok(pred, gold):
        return False
    names = _content(gold.get("speaker_name")) | _content(gold.get("speaker_text"))
    return bool(_content(pred.get("speaker_text")) & names)


def match(
    preds: list[Item], golds: list[Item], ok: Callable[[Item, Item], bool]
) -> tuple[int, list[Item], list[Item]]:
    """Greedy one-to-one matching: (matched, unmatched preds, unmatched golds)."""
    free = list(range(len(golds)))
    hits = 0
    missed_preds = []
    for p in preds:
        for k in free:
            if ok(p, golds[k]):
                free.remove(k)
                hits += 1
                break
        else:
            missed_preds.append(p)
    return hits, missed_preds, [golds[k] for k in free]


def prf(hits: int, npred: int, ngold: int) -> str:
    p = hits / npred if npred else 1.0
    r = hits / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (hits {hits}, pred {npred}, gold {ngold})"


def _as_items(objs: Iterable[Any]) -> list[Item]:
    return [dict(o.__dict__) if hasattr(o, "__dict__") else _slots(o) for o in objs]


def _slots(o: Any) -> Item:
    return {k: getattr(o, k) for k in o.__slots__}


def evaluate(gold_path: Path, show_errors: bool, with_ner: bool = False) -> None:
    records = [json.loads(ln) for ln in gold_path.read_text("utf-8").splitlines() if ln.strip()]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_source: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for rec in records:
        text = rec["text"]
        pq = _as_items(find_quantities(text))
        pt = _as_items(find_quotes(text, []))
        gq, gt = rec["quantities"], rec["quotes"]
        runs: list[tuple[str, list[Item], list[Item], Callable[[Item, Item], bool]]] = [
            ("quantities", pq, gq, quantity_ok),
            ("quantity spans", pq, gq, lambda a, b: _overlap(a, b) > 0),
            ("quotes", pt, gt, quote_ok),
            ("quote spans", pt, gt, quote_span_ok),
        ]
        if with_ner:
            from marsad.extract.ner import find_mentions

            pn = _as_items(find_quotes(text, find_mentions(text)))
            runs.append(("quotes (ner)", pn, gt, quote_ok))
        for name, preds, golds, ok in runs:
            hits, fp, fn = match(preds, golds, ok)
            for acc in (totals[name], by_source[rec["source"]][name]):
                acc[0] += hits
                acc[1] += len(preds)
                acc[2] += len(golds)
            shown = ("quantities", "quotes (ner)") if with_ner else ("quantities", "quotes")
            if show_errors and name in shown and (fp or fn):
                print(f"--- {rec['id']} {name}")
                for p in fp:
                    print("  FP", _show(p))
                for g in fn:
                    print("  FN", _show(g))
    print(f"records: {len(records)}")
    for name, (h, p, g) in totals.items():
        print(f"{name:15} {prf(h, p, g)}")
    print("per source (quantities | quotes):")
    for source in sorted(by_source):
        q, t = by_source[source]["quantities"], by_source[source]["quotes"]
        print(f"  {source:10} {prf(*q)} | {prf(*t)}")


def _show(item: Item) -> str:
    keys = ("text", "value", "approx", "bound", "unit", "speaker_text", "speaker_name", "direct")
    return " ".join(f"{k}={str(item[k])[:80]!r}" for k in keys if k in item)


def speed(shared: Path) -> None:
    path = shared / "corpora" / "news" / "ant-v2.1-multisource.jsonl.gz"
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) == 2000:
                break
    t0 = time.perf_counter()
    n = sum(len(find_quantities(t)) for t in texts)
    dt = time.perf_counter() - t0
    print(f"find_quantities: {len(texts) / dt:.0f} articles/s ({n} quantities)")
    t0 = time.perf_counter()
    n = sum(len(find_quotes(t, [])) for t in texts)
    dt = time.perf_counter() - t0
    print(f"find_quotes: {len(texts) / dt:.0f} articles/s ({n} quotes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=HERE / "gold.jsonl")
    ap.add_argument("--errors", action="store_true", help="print unmatched items")
    ap.add_argument("--speed", action="store_true", help="time extraction on the corpus")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--with-ner", action="store_true", help="also score quotes given NER mentions")
    args = ap.parse_args()
    evaluate(args.gold, args.errors, args.with_ner)
    if args.speed:
        speed(args.shared)


if __name__ == "__main__":
    main()
