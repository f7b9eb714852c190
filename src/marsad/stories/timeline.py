"""A story's timeline: the events its articles report, dated by the time tagger.

An event is a sentence that carries a day-precise time expression (from `Article.times`).
An article's lead sentence reports its main event; without a date of its own it is dated
by publication. The same event told by several articles is merged into one entry citing
all of them, on one date: tellings a few days apart merge when they are close copies with
no figure in conflict (one outlet's "أمس" is another's "اليوم الاثنين", a lead dated by
publication is the same news dated in the text elsewhere), and the date the texts give
with most evidence wins (`_vote`), dates from the text over publication dates. A time
expression that names a weekday other than the one of its own day ("اليوم الأربعاء" read
as a Tuesday) dates nothing. Dates long before the story, or after its last article
(plans, deadlines), are not events of the story.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from marsad.normalise import fold, tokens
from marsad.normalise.calendar import WEEKDAYS
from marsad.records import Article, TimeExpr
from marsad.stories.text import content_stems, day_of, timex_day
from marsad.stories.vectors import (
    StorySentence,
    article_day,
    sentence_similarities,
    story_sentences,
)

LOOKBACK = timedelta(days=14)  # background further back than this is not the story
SAME_EVENT = 0.35  # sentence cosine for one event told twice on the same day
# ... and on days up to APART apart (an outlet a day late, "أمس" rewritten from "اليوم"):
SAME_EVENT_APART = 0.55
# a lead dated only by publication, and a telling dated in the text on or before that day.
SAME_EVENT_LEAD = 0.4
APART = timedelta(days=3)
# A close copy misdated by a clause about another day; under a week apart, since a weekly
# meeting told in the same words is a new event.
CLOSE_COPY = 0.75
CLOSE_COPY_APART = timedelta(days=6)
# A crawl lags when many of an outlet's articles that date themselves ("اليوم الأربعاء")
# were seen a day or more later: then the crawl date of the others is no stand-in for
# their publication, and "أمس" read against it dates nothing. Daily SaudiNewsNet crawls:
# 7-12% a day late.
LAG_SHARE = 0.3
LAG_SAMPLE = 10  # self-dated articles of an outlet needed to judge it (else the batch's)
PER_DAY = 3
MAX_EVENTS = 14
MAX_CHARS = 320
LEAD_SENTENCES = 3
LEAD_MIN_WORDS = 8


def _weekdays(text: str) -> set[int]:
    """Weekdays (Monday = 0) named in a text, with or without a proclitic (وفي الأحد)."""
    out: set[int] = set()
    for w in tokens(fold(text)):
        for form in (w, w[1:]):
            if form.startswith("ال") and form in WEEKDAYS:
                out.add(WEEKDAYS[form])
    return out


def _contradicts_weekday(t: TimeExpr, day: str) -> bool:
    named = _weekdays(t.text)
    return bool(named) and date.fromisoformat(day).weekday() not in named


def lagging_outlets(articles: list[Article]) -> frozenset[str | None]:
    """Outlets whose crawl lags publication (see LAG_SHARE); an outlet with too few
    self-dated articles to judge goes with the batch as a whole."""
    lags: dict[str | None, list[int]] = {a.outlet: [] for a in articles}
    for a in articles:
        pub, seen = day_of(a.published), day_of(a.discovered)
        if a.published_basis in ("inferred", "dateline") and pub and seen:
            lags[a.outlet].append((seen - pub).days)

    def lags_behind(ds: list[int]) -> bool:
        return sum(d >= 1 for d in ds) >= LAG_SHARE * len(ds)

    batch = [d for ds in lags.values() for d in ds]
    batch_lags = len(batch) >= LAG_SAMPLE and lags_behind(batch)
    return frozenset(o for o, ds in lags.items()
                     if (lags_behind(ds) if len(ds) >= LAG_SAMPLE else batch_lags))


def _relative(t: TimeExpr) -> bool:
    """A date read from the publication day only: "أمس"، "صباح اليوم" (no weekday, no
    date written)."""
    words = tokens(fold(t.text))
    return any(w in _RELATIVE or w[1:] in _RELATIVE for w in words) and not _weekdays(
        t.text) and not any(
        c.isdigit() for c in t.text)


# A date governed by one of these tells when something else happened ("عقب عيد الفطر",
# "بعد هبوطه ... يوم 24 يوليو"): the sentence's own event is dated elsewhere in it.
# Everything after such a word up to the end of its clause is governed by it ("إثر بيانات
# صدرت اليوم ... يوم الجمعة").
_RELATIONAL = re.compile(
    r"(?<!\w)[وف]?(?:عقب|بعد|قبل|منذ|اثر|باثر|غداه|عشيه)(?!\w)[^،,:؛.]{0,120}$")


def _governed(s: StorySentence, t: TimeExpr) -> bool:
    lo = max(s.sentence.start, t.start - 130)
    return bool(_RELATIONAL.search(fold(s.article.text[lo:t.start])))


def _dated(s: StorySentence, unsure: bool = False) -> tuple[str, str] | None:
    """(day, basis) of a sentence: its own day-precise date, or publication for a lead.
    `unsure`: the article's publication day is unknown (a lagging crawl's date stands in),
    so a date read from it is no date. A date governed by "بعد/عقب/منذ…" (but for a
    deictic one) dates the sentence only when no other date does."""
    found: list[tuple[bool, str]] = []
    for t in s.times:
        day = timex_day(t)
        if unsure and _relative(t):
            continue
        if day and not _contradicts_weekday(t, day):
            # A sentence that is only a dateline ("12 كانون الثاني 2022 14:15") is no event.
            rest = s.text.replace(t.text, "")
            if len(rest.split()) >= 5:
                # A deictic ("أمس", "الأحد") after the governed phrase usually goes with
                # the main verb ("تراجع المؤشر في أول جلساته عقب عيد الفطر أمس").
                deictic = _relative(t) or bool(_weekdays(t.text))
                found.append((_governed(s, t) and not deictic, day))
    if not found:
        return None
    return min(found, key=lambda f: f[0])[1], "text"


def _deictic_day(s: StorySentence, day: str) -> bool:
    """The sentence's day is read from a bare "أمس"/"اليوم" (against publication)."""
    return any(timex_day(t) == day and _relative(t) for t in s.times)


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
        if any(timex_day(t) for t in s.times):
            continue
        title = set(content_stems(tokens(s.article.title or "")))
        if title and len(title & set(s.stems)) >= 0.7 * len(set(s.stems)):
            continue
        return i
    return None


def _figures(s: StorySentence) -> frozenset[float]:
    """Values of the figures a sentence gives."""
    return frozenset(q.value for q in s.quantities)


_DEICTIC = ("اليوم", "امس", "غدا", "الامس", "البارحه")
_RELATIVE = frozenset((*_DEICTIC, "الليله", "الغد"))


def _evidence(s: StorySentence, day: str) -> float:
    """How firmly a sentence's text gives `day`: "أمس الاثنين" (two cues that agree) most;
    a relative "أمس" read against a crawl date least, since publication may be a day or two
    before the crawl."""
    for t in s.times:
        if timex_day(t) == day \
                and date.fromisoformat(day).weekday() in _weekdays(t.text) \
                and any(w in _DEICTIC for w in tokens(fold(t.text))):
            return 2.0
    return 0.5 if s.article.published_basis == "discovered" else 1.0


def _vote(events: list[tuple[str, str, int]], group: list[int],
          items: list[StorySentence]) -> str:
    """The day of a merged event: the one the texts give with the most evidence, counted
    once per article (`_evidence`); dates by publication count only where no text dates
    the event; ties go to the most tellings, then the latest day."""
    texts = [k for k in group if events[k][1] == "text"] or group
    votes: dict[str, dict[str, float]] = {}
    tellings: dict[str, int] = {}
    for k in texts:
        day, _, i = events[k]
        by_article = votes.setdefault(day, {})
        aid = items[i].article.id
        by_article[aid] = max(by_article.get(aid, 0.0), _evidence(items[i], day))
        tellings[day] = tellings.get(day, 0) + 1
    return max(votes, key=lambda d: (sum(votes[d].values()), tellings[d], d))


def _trim(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def build_timeline(articles: list[Article], items: list[StorySentence] | None = None,
                   lagging: frozenset[str | None] = frozenset()) -> list[dict[str, Any]]:
    """The story's events, merged and dated. `lagging`: outlets whose crawl lags
    publication (`lagging_outlets` of the whole batch): their articles dated only by the
    crawl give no date read from publication ("أمس", a lead)."""
    unsure = {a.id for a in articles
              if a.published_basis == "discovered" and a.outlet in lagging}
    days = [d for d in (day_of(a.published) for a in articles) if d]
    first: date | None = min(days) if days else None
    last: date | None = max(days) if days else None
    items = story_sentences(articles) if items is None else items
    events: list[tuple[str, str, int]] = []  # (day, basis, item index)
    by_article: dict[str, list[int]] = {}
    for i, s in enumerate(items):
        by_article.setdefault(s.article.id, []).append(i)
    for ids in by_article.values():
        doubt = items[ids[0]].article.id in unsure
        dated = {i: _dated(items[i], doubt) for i in ids}
        lead = _lead(items, ids[:LEAD_SENTENCES], dated)
        for i in ids:
            when = dated[i]
            if when is None and i == lead and not doubt:
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
    figures = [_figures(items[i]) for _, _, i in events]
    deictic = [b == "text" and _deictic_day(items[i], d) for d, b, i in events]

    def swapped(k: int, j: int) -> bool:
        """"مساء أمس" in one paper, "مساء اليوم" in another seen a day later: the later
        one's day was read against a crawl date, which may be a day after publication."""
        (dk, _, ik), (dj, _, ij) = events[k], events[j]
        if not (deictic[k] and deictic[j]) or abs(
                date.fromisoformat(dk) - date.fromisoformat(dj)) != timedelta(days=1):
            return False
        later = items[ik] if dk > dj else items[ij]
        return later.article.published_basis == "discovered"

    def same_event(k: int, j: int) -> bool:
        (dk, bk, _), (dj, bj, _) = events[k], events[j]
        if dk == dj:
            return bool(sims[k, j] >= SAME_EVENT)
        apart = abs(date.fromisoformat(dk) - date.fromisoformat(dj))
        shared = len(figures[k] & figures[j])
        # A daily report ("تداولات اليوم ...") repeats its wording with other figures.
        if apart > CLOSE_COPY_APART or (figures[k] and figures[j] and not shared):
            return False
        if apart > APART:
            return bool(sims[k, j] >= CLOSE_COPY)
        if {bk, bj} == {"text", "published"}:
            lead, told = (dk, dj) if bk == "published" else (dj, dk)
            if told > lead:
                return False
            return bool(sims[k, j] >= (SAME_EVENT if shared >= 2 else SAME_EVENT_LEAD))
        if swapped(k, j):
            return bool(sims[k, j] >= SAME_EVENT_LEAD)
        return bool(sims[k, j] >= (SAME_EVENT if shared >= 2 else SAME_EVENT_APART))

    # Merge tellings of one event: similar sentences, the same day or a few days apart.
    groups: list[list[int]] = []
    for k in range(len(events)):
        for g in groups:
            if any(same_event(k, j) for j in g):
                g.append(k)
                break
        else:
            groups.append([k])
    entries: list[dict[str, Any]] = []
    for g in groups:
        members = [items[events[k][2]] for k in g]
        cited = sorted({m.article.id for m in members})
        day = _vote(events, g, items)
        # On that day, the telling with a date in the text beats a lead dated by
        # publication; then one naming no other weekday; then the earliest published, then
        # the shortest.
        best = min(
            (k for k in g if events[k][0] == day),
            key=lambda k: (events[k][1] != "text",
                           bool(_weekdays(items[events[k][2]].text)
                                - {date.fromisoformat(day).weekday()}),
                           items[events[k][2]].article.published or "",
                           items[events[k][2]].words),
        )
        entries.append({
            "date": day,
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
