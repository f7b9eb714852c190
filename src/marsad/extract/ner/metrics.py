"""Exact-span entity precision/recall/F1, as seqeval computes it (CoNLL rules)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) spans of a BIO sequence; an I- after O or another type starts a span."""
    out: set[tuple[int, int, str]] = set()
    start, typ = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        b, t = (tag[0], tag[2:]) if tag != "O" and len(tag) > 2 else ("O", "")
        if typ and (b in ("O", "B") or t != typ):
            out.add((start, i, typ))
            typ = ""
        if b == "B" or (b == "I" and not typ):
            start, typ = i, t
    return out


def entity_f1(gold: Sequence[Sequence[str]],
              pred: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Per-type and micro precision/recall/F1 with support, keyed by type and "micro"."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = spans(g), spans(p)
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    result: dict[str, dict[str, float]] = {}
    for typ in sorted(set(n_gold) | set(n_pred)):
        result[typ] = _prf(tp[typ], n_pred[typ], n_gold[typ])
    result["micro"] = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return result


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": float(ngold)}


def format_report(result: dict[str, dict[str, float]]) -> str:
    lines = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}"]
    for typ, m in result.items():
        lines.append(f"{typ:<6} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                     f"{int(m['support']):6d}")
    return "\n".join(lines)
