"""Scoring of predicted temporal expressions against gold (shared by the eval and bench scripts).

A gold expression is found when a predicted expression overlaps its span (and, for
value-correct figures, has the same value); a prediction is correct when it overlaps a gold
expression (with the same value). Strict figures ask for identical offsets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Span = dict[str, Any]  # {"text","start","end","type","value"}


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    found: Counter[str] = field(default_factory=Counter)  # gold found, per criterion
    correct: Counter[str] = field(default_factory=Counter)  # predictions correct, per criterion

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.found.update(other.found)
        self.correct.update(other.correct)

    def recall(self, criterion: str) -> float:
        return self.found[criterion] / self.gold if self.gold else 0.0

    def precision(self, criterion: str) -> float:
        return self.correct[criterion] / self.pred if self.pred else 0.0

    def f1(self, criterion: str) -> float:
        r, p = self.recall(criterion), self.precision(criterion)
        return 2 * r * p / (r + p) if r + p else 0.0


CRITERIA = ("value", "overlap", "strict", "type", "strict_value")


def _overlaps(a: Span, b: Span) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def _ok(g: Span, p: Span, criterion: str) -> bool:
    if not _overlaps(g, p):
        return False
    strict = g["start"] == p["start"] and g["end"] == p["end"]
    if criterion == "overlap":
        return True
    if criterion == "strict":
        return strict
    if criterion == "type":
        return g["type"] == p["type"]
    if criterion == "value":
        return str(g["value"]) == str(p["value"])
    return strict and str(g["value"]) == str(p["value"])


def score(gold: Sequence[Span], pred: Sequence[Span]) -> Tally:
    t = Tally(gold=len(gold), pred=len(pred))
    for criterion in CRITERIA:
        t.found[criterion] = sum(any(_ok(g, p, criterion) for p in pred) for g in gold)
        t.correct[criterion] = sum(any(_ok(g, p, criterion) for g in gold) for p in pred)
    return t


def by_type(gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, Tally]:
    """Per-type value-correct tallies: gold of type T against predictions of type T."""
    out: dict[str, Tally] = {}
    for typ in sorted({str(s["type"]) for s in (*gold, *pred)}):
        out[typ] = score([g for g in gold if g["type"] == typ],
                         [p for p in pred if p["type"] == typ])
    return out


def report(title: str, tally: Tally, per_type: dict[str, Tally] | None = None,
           criteria: Iterable[str] = CRITERIA) -> str:
    lines = [f"{title}: gold {tally.gold}, predicted {tally.pred}"]
    for c in criteria:
        lines.append(f"  {c:<13} recall {tally.recall(c):.3f}  precision {tally.precision(c):.3f}"
                     f"  F1 {tally.f1(c):.3f}")
    for typ, t in (per_type or {}).items():
        lines.append(f"  [{typ:<8}] value recall {t.recall('value'):.3f} ({t.found['value']}/"
                     f"{t.gold})  precision {t.precision('value'):.3f} "
                     f"({t.correct['value']}/{t.pred})")
    return "\n".join(lines)
