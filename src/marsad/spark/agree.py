"""How far a Spark run agrees with `marsad analyze` on the same input (tests, bench).

Stories: B-cubed F1 of one partition of the articles against the other; reuse: F1 of the
linked pairs; per article: the annotations that do not depend on other articles (date,
credits, times, names, figures, quotes) must be equal, and the entity ids of names and
quote speakers (which do) are counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from marsad.records import Article, Dossier
from marsad.spark.load import read_tables
from marsad.spark.tables import articles_from, reuse_from, stories_from

__all__ = ["Agreement", "agreement", "bcubed", "pair_f1"]


def bcubed(pred: dict[str, str], ref: dict[str, str]) -> float:
    """B-cubed F1 of the clustering `pred` against `ref` (item -> cluster), over `ref`."""
    ref_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for a in ref:
        ref_sets[ref[a]].add(a)
        pred_sets[pred.get(a, "\x00" + a)].add(a)
    if not ref:
        return 1.0
    def share(a: str, of: set[str]) -> float:
        return len(pred_sets[pred.get(a, "\x00" + a)] & ref_sets[ref[a]]) / len(of)
    p = sum(share(a, pred_sets[pred.get(a, "\x00" + a)]) for a in ref) / len(ref)
    r = sum(share(a, ref_sets[ref[a]]) for a in ref) / len(ref)
    return 2 * p * r / (p + r) if p + r else 0.0


def pair_f1(found: set[frozenset[str]], ref: set[frozenset[str]]) -> float:
    tp = len(found & ref)
    p = tp / len(found) if found else 1.0
    r = tp / len(ref) if ref else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _own(a: Article) -> dict[str, Any]:
    """What the per-article half decides, entity ids left out."""
    return {
        "published": a.published, "basis": a.published_basis, "credits": sorted(a.credits),
        "times": [asdict(t) for t in a.times],
        "mentions": [(m.text, m.start, m.end, m.type) for m in a.mentions],
        "quantities": [asdict(q) for q in a.quantities],
        "quotes": [(q.text, q.start, q.end, q.speaker_text, q.direct) for q in a.quotes],
    }


@dataclass(slots=True)
class Agreement:
    articles: int  # in both
    only_one: int  # in one of the two
    same_annotations: int  # articles whose own annotations are equal
    differing: list[str]  # ids of those that are not (the first few)
    same_entities: float  # share of names given the same entity id
    same_speakers: float  # share of quotes given the same speaker
    stories_bcubed: float
    reuse_f1: float
    reuse: tuple[int, int]  # pairs found by (Spark, analyze)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def agreement(tables_dir: Path, dossier: Dossier) -> Agreement:
    """Agreement of the tables `marsad spark` wrote to `tables_dir` with `dossier` (the
    result of `marsad.analyze` on the same input)."""
    tables = read_tables(tables_dir)
    spark = {a.id: a for a, _ in articles_from(tables)}
    ref = {a.id: a for a in dossier.articles}
    both = sorted(spark.keys() & ref.keys())
    differing = [i for i in both if _own(spark[i]) != _own(ref[i])]
    names = same_names = quotes = same_quotes = 0
    for i in both:
        if _own(spark[i]) != _own(ref[i]):
            continue
        for m, n in zip(spark[i].mentions, ref[i].mentions, strict=True):
            names += 1
            same_names += m.entity == n.entity
        for q, r in zip(spark[i].quotes, ref[i].quotes, strict=True):
            quotes += 1
            same_quotes += q.speaker == r.speaker
    story_of = {a: s.id for s, _ in stories_from(tables) for a in s.articles}
    ref_story = {a: s.id for s in dossier.stories for a in s.articles}
    found = {frozenset(r.articles) for r in reuse_from(tables["reuse"])}
    wanted = {frozenset(r.articles) for r in dossier.reuse}
    return Agreement(
        articles=len(both), only_one=len(spark.keys() ^ ref.keys()),
        same_annotations=len(both) - len(differing), differing=differing[:10],
        same_entities=round(same_names / names, 4) if names else 1.0,
        same_speakers=round(same_quotes / quotes, 4) if quotes else 1.0,
        stories_bcubed=round(bcubed(story_of, {a: ref_story[a] for a in both
                                               if a in ref_story}), 4),
        reuse_f1=round(pair_f1(found, wanted), 4), reuse=(len(found), len(wanted)))
