"""Extractive, cited story summary: 3-8 sentences, no repetition, in event order.

Sentences are scored by how central they are to the story (similarity to the story's
sentences overall), how many articles tell the same thing, and how early they come in
their article (leads carry the news). They are picked greedily, skipping any sentence too
close to one already picked, then ordered by the day they report and their position.
Each cites its own article and every article with a sentence saying the same.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from marsad.records import Article
from marsad.stories.text import day_of, timex_day
from marsad.stories.vectors import StorySentence, sentence_similarities, story_sentences

MIN_SENTENCES = 3
MAX_SENTENCES = 8
REPEAT = 0.3  # cosine above which a sentence repeats one already picked
SUPPORT = 0.3  # cosine above which another article's sentence backs a summary sentence
FALLBACK_CHARS = 300
MAX_PER_ARTICLE = 30  # later sentences rarely carry the story; bounds the work


def _day(s: StorySentence) -> str:
    for t in s.article.times:
        day = timex_day(t)
        if day and s.sentence.start <= t.start < s.sentence.end:
            return day
    d = day_of(s.article.published)
    return d.isoformat() if d else ""


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
    # Articles (other than its own) that tell the same thing.
    backing = [
        sorted({items[j].article.id for j in np.flatnonzero((sims[i] >= SUPPORT) & other[i])})
        for i in range(len(items))
    ]
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
