"""Extractive, cited story summary: 3-8 sentences, no repetition, in event order.

Sentences are scored by how central they are to the story (similarity to the story's
sentences overall), how many articles tell the same thing, and how early they come in
their article (leads carry the news). They are picked greedily, skipping any sentence too
close to one already picked, then ordered by the day they report and their position.
Each cites its own article and every article with a sentence saying the same that also
carries the sentence's figures (the same numbers) and names (the entities it mentions):
similar wording alone is no support for "16 killed" from an article that says 8.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from marsad.normalise import key
from marsad.records import Article
from marsad.stories.text import day_of, figures, number_key, timex_day
from marsad.stories.vectors import StorySentence, sentence_similarities, story_sentences

MIN_SENTENCES = 3
MAX_SENTENCES = 8
REPEAT = 0.3  # cosine above which a sentence repeats one already picked
SUPPORT = 0.3  # cosine above which another article's sentence backs a summary sentence
FALLBACK_CHARS = 300
MAX_PER_ARTICLE = 30  # later sentences rarely carry the story; bounds the work


def _day(s: StorySentence) -> str:
    for t in s.times:
        day = timex_day(t)
        if day:
            return day
    d = day_of(s.article.published)
    return d.isoformat() if d else ""


@dataclass(slots=True)
class _Carried:
    """What an article can vouch for: its numbers, its entities, its words."""

    numbers: set[str]
    entities: set[str]
    text: str  # folded, space-padded: " word word "


def _carried(article: Article) -> _Carried:
    numbers = figures(article.text) | figures(article.title or "")
    numbers |= {number_key(q.value) for q in article.quantities}
    return _Carried(numbers, {m.entity for m in article.mentions if m.entity},
                    f" {key(article.text)} {key(article.title or '')} ")


def _needs(s: StorySentence) -> tuple[set[str], list[tuple[str | None, str]]]:
    """A sentence's figures and names (entity id, folded surface form)."""
    hi = s.sentence.end
    nums = figures(s.text)
    for q in s.quantities:
        if q.end <= hi and not figures(q.text):
            nums.add(number_key(q.value))  # a number in words ("ثلاثة قتلى")
    names = [(m.entity, key(m.text)) for m in s.mentions if m.end <= hi]
    return nums, names


def _supports(c: _Carried, needs: tuple[set[str], list[tuple[str | None, str]]]) -> bool:
    nums, names = needs
    return nums <= c.numbers and all(
        (ent is not None and ent in c.entities) or f" {form} " in c.text
        for ent, form in names)


def build_summary(articles: list[Article],
                  items: list[StorySentence] | None = None) -> list[dict[str, Any]]:
    items = story_sentences(articles) if items is None else items
    items = [s for s in items if s.sentence.index < MAX_PER_ARTICLE]
    if not items:
        # Run-on text with no usable sentence: its opening, cut at a word.
        out = []
        for a in articles:
            text = " ".join(a.text.split())
            if text:
                cut = text if len(text) <= FALLBACK_CHARS else (
                    text[:FALLBACK_CHARS].rsplit(" ", 1)[0] + "…")
                out.append({"text": cut, "articles": [a.id]})
        return out[:MAX_SENTENCES]
    sims = sentence_similarities(items)
    n_articles = len({s.article.id for s in items})
    article_of = np.array([hash(s.article.id) for s in items])
    other = article_of[:, None] != article_of[None, :]
    centrality = sims.mean(axis=1)
    carried = {a.id: _carried(a) for a in articles}
    # Articles (other than its own) that tell the same thing, with its figures and names.
    backing: list[list[str]] = []
    for i, s in enumerate(items):
        similar = {items[j].article.id for j in np.flatnonzero((sims[i] >= SUPPORT) & other[i])}
        needs = _needs(s) if similar else (set(), [])
        backing.append(sorted(a for a in similar if _supports(carried[a], needs)))
    position = np.array([1.0 / (1.0 + 0.3 * s.sentence.index) for s in items])
    support = np.array([len(b) for b in backing]) / max(1, n_articles - 1)
    score = centrality / (centrality.max() or 1.0) + 0.8 * position + 1.0 * support
    want = min(MAX_SENTENCES, max(MIN_SENTENCES, 2 + n_articles))
    picked: list[int] = []
    for i in np.argsort(-score):
        if len(picked) >= want:
            break
        if any(sims[i, j] >= REPEAT for j in picked):
            continue
        picked.append(int(i))
    picked.sort(key=lambda i: (_day(items[i]), items[i].article.published or "",
                               items[i].article.id, items[i].sentence.index))
    return [
        {"text": items[i].text,
         "articles": sorted({items[i].article.id, *backing[i]})}
        for i in picked
    ]
