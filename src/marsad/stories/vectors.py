"""Sentence vectors of a story's articles, for the timeline, the summary and citations."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import count
from typing import Generic, TypeVar

import numpy as np
from scipy import sparse

from marsad.records import Article, Mention, Quantity, TimeExpr
from marsad.stories.text import Sentence, content_stems, day_of, idf, sentences, token_spans

MIN_WORDS = 6
MAX_WORDS = 80
NAME_WEIGHT = 0.3
DENSE_LIMIT = 2_000_000
T = TypeVar("T", TimeExpr, Quantity, Mention)


@dataclass(slots=True)
class StorySentence:
    article: Article
    sentence: Sentence
    stems: list[str]
    words: int
    names: frozenset[str]  # stems inside entity mentions
    # The article's times, figures and mentions starting in the sentence, in article order
    # (looked up once: scanning every article's list per sentence made long texts quadratic).
    times: list[TimeExpr]
    quantities: list[Quantity]
    mentions: list[Mention]

    @property
    def text(self) -> str:
        return self.sentence.text


class _Starting(Generic[T]):
    """Items (anything with a `start`) starting in a span, in their list order."""

    def __init__(self, items: list[T]) -> None:
        self.items: list[T] = items
        self.order = sorted(range(len(items)), key=lambda k: items[k].start)
        self.starts = [items[k].start for k in self.order]

    def within(self, start: int, end: int) -> list[T]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [self.items[k] for k in sorted(self.order[lo:hi])]


def story_sentences(articles: list[Article]) -> list[StorySentence]:
    """Sentences long enough to report something, from every article of a story."""
    out: list[StorySentence] = []
    for a in articles:
        times, figures, mentions = (_Starting(a.times), _Starting(a.quantities),
                                    _Starting(a.mentions))
        toks = token_spans(a.text)
        starts = [t.start for t in toks]
        named = [False] * len(toks)  # token lies inside an entity mention
        for m in a.mentions:
            for k in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
                named[k] = True
        for s in sentences(a.text):
            lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
            words = [t.form for t in toks[lo:hi]]
            if not MIN_WORDS <= len(words) <= MAX_WORDS:
                continue
            names = frozenset(content_stems(toks[k].form for k in range(lo, hi) if named[k]))
            out.append(StorySentence(a, s, content_stems(words), len(words), names,
                                     times.within(s.start, s.end),
                                     figures.within(s.start, s.end),
                                     mentions.within(s.start, s.end)))
    return out


def sentence_similarities(items: list[StorySentence]) -> np.ndarray:
    """Cosine of every pair of sentences, names weighed down (see `_weights`)."""
    return similarities([s.stems for s in items], [s.names for s in items])


def _weights(items: list[list[str]], names: list[frozenset[str]] | None
             ) -> tuple[list[int], list[int], list[float], int]:
    """Row-normalised TF-IDF entries (rows, columns, values, vocabulary size).

    Weights combine the background IDF with an IDF over these items, and `names` (stems
    of entity mentions, per item) count for less: the names a story repeats (its
    country, its protagonist) say little about which of its events a sentence tells.
    """
    local: Counter[str] = Counter()
    for stems in items:
        local.update(set(stems))
    n = len(items)
    spread = {t: math.log(1.0 + n / c) for t, c in local.items()}  # IDF over these items
    vocab: defaultdict[str, int] = defaultdict(count().__next__)  # column of each stem
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, stems in enumerate(items):
        counts = Counter(stems)
        named = names[r] if names else frozenset()
        weights = {t: (1.0 + math.log(c)) * idf(t) * spread[t]
                   * (NAME_WEIGHT if t in named else 1.0)
                   for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        rows.extend([r] * len(weights))
        cols.extend(map(vocab.__getitem__, weights))
        vals.extend([w / norm for w in weights.values()])
    return rows, cols, vals, max(1, len(vocab))


def similarities(items: list[list[str]], names: list[frozenset[str]] | None = None
                 ) -> np.ndarray:
    """Cosine of every pair of items (stem lists)."""
    if not items:
        return np.zeros((0, 0))
    rows, cols, vals, size = _weights(items, names)
    if len(items) * size <= DENSE_LIMIT:
        # Most stories are small: a dense product beats building a sparse matrix.
        dense = np.zeros((len(items), size))
        dense[rows, cols] = vals
        return dense @ dense.T
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(items), size))
    return (m @ m.T).toarray()


def article_day(article: Article) -> str | None:
    day = day_of(article.published)
    return day.isoformat() if day else None
