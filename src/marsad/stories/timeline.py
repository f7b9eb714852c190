"""A story's timeline: the events its articles report, dated by the time tagger.

An event is a sentence that carries a day-precise time expression (from `Article.times`).
An article's lead sentence reports its main event; without a date of its own it is dated
by publication. The same event told by several articles on the same day is merged into
one entry citing all of them. Dates long before the story, or after its last article
(plans, deadlines), are not events of the story.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from marsad.normalise import tokens
from marsad.records import Article
from marsad.stories.text import content_stems, day_of, timex_day
from marsad.stories.vectors import (
    StorySentence,
    article_day,
    sentence_similarities,
    story_sentences,
)

LOOKBACK = timedelta(days=14)  # background further back than this is not the story
SAME_EVENT = 0.35  # sentence cosine for one event told twice on the same day
PER_DAY = 3
MAX_EVENTS = 14
MAX_CHARS = 320
LEAD_SENTENCES = 3
LEAD_MIN_WORDS = 8


def _dated(s: StorySentence) -> tuple[str, str] | None:
    """(day, basis) of a sentence: its own day-precise date, or publication for a lead."""
    for t in s.article.times:
        inside = s.sentence.start <= t.start < s.sentence.end
        day = timex_day(t)
        if day and inside:
            # A sentence that is only a dateline ("12 كانون الثاني 2022 14:15") is no event.
            rest = s.text.replace(t.text, "")
            if len(rest.split()) >= 5:
                return day, "text"
    return None


def _lead(items: list[StorySentence], ids: list[int],
          dated: dict[int, tuple[str, str] | None]) -> int | None:
    """The lead sentence that reports an article's main event, when it carries no date.

    Only when none of the first sentences is dated: otherwise the article dates its news
    itself. Datelines (a day-precise date in a sentence that is no event), short sentences
    and sentences repeating the title (often the first line of a page) are passed over.
    """
    if any(dated[i] for i in ids):
        return None
    for i in ids:
        s = items[i]
        if s.words < LEAD_MIN_WORDS:
            continue
        if any(s.sentence.start <= t.start < s.sentence.end and timex_day(t)
               for t in s.article.times):
            continue
        title = set(content_stems(tokens(s.article.title or "")))
        if title and len(title & set(s.stems)) >= 0.7 * len(set(s.stems)):
            continue
        return i
    return None


def _trim(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def build_timeline(articles: list[Article],
                   items: list[StorySentence] | None = None) -> list[dict[str, Any]]:
    days = [d for d in (day_of(a.published) for a in articles) if d]
    first: date | None = min(days) if days else None
    last: date | None = max(days) if days else None
    items = story_sentences(articles) if items is None else items
    events: list[tuple[str, str, int]] = []  # (day, basis, item index)
    by_article: dict[str, list[int]] = {}
    for i, s in enumerate(items):
        by_article.setdefault(s.article.id, []).append(i)
    for ids in by_article.values():
        dated = {i: _dated(items[i]) for i in ids}
        lead = _lead(items, ids[:LEAD_SENTENCES], dated)
        for i in ids:
            when = dated[i]
            if when is None and i == lead:
                pub = article_day(items[i].article)
                when = (pub, "published") if pub else None
            if when is None:
                continue
            d = date.fromisoformat(when[0])
            if first and last and not first - LOOKBACK <= d <= last:
                continue
            events.append((when[0], when[1], i))
    if not events:
        return []
    sims = sentence_similarities([items[i] for _, _, i in events])
    # Merge tellings of one event: same day, similar sentence.
    groups: list[list[int]] = []
    for k, (day, _, _) in enumerate(events):
        for g in groups:
            if events[g[0]][0] == day and max(sims[k, j] for j in g) >= SAME_EVENT:
                g.append(k)
                break
        else:
            groups.append([k])
    entries: list[dict[str, Any]] = []
    for g in groups:
        members = [items[events[k][2]] for k in g]
        cited = sorted({m.article.id for m in members})
        # The telling with a date in the text beats a lead dated by publication; then the
        # earliest published, then the shortest.
        best = min(
            g,
            key=lambda k: (events[k][1] != "text", items[events[k][2]].article.published or "",
                           items[events[k][2]].words),
        )
        entries.append({
            "date": events[best][0],
            "text": _trim(items[events[best][2]].text),
            "articles": cited,
            "basis": events[best][1],
            "_first": min(items[events[k][2]].sentence.index for k in g),
        })
    # Per day keep the best-supported events, leads first, then cap the whole timeline.
    entries.sort(key=lambda e: (e["date"], -len(e["articles"]), e.pop("_first")))
    kept: list[dict[str, Any]] = []
    per_day: dict[str, int] = {}
    for e in entries:
        if per_day.get(e["date"], 0) < PER_DAY:
            per_day[e["date"]] = per_day.get(e["date"], 0) + 1
            kept.append(e)
    if len(kept) > MAX_EVENTS:
        ranked = sorted(kept, key=lambda e: -len(e["articles"]))[:MAX_EVENTS]
        # Keep both ends so the timeline still spans the story.
        ranked += [kept[0], kept[-1]]
        kept = [e for e in kept if any(e is r for r in ranked)]
    return kept
