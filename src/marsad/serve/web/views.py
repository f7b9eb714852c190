"""What each page shows, as plain records built from the store's reads.

The HTML templates and the JSON API serve these same records (the API's response models),
so a page and its `/api/...` twin never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from marsad.records import Article, Story
from marsad.serve.story_view import quotes_by_speaker
from marsad.store import Store
from marsad.store.reads import FeedHealth, StoryBrief, feed_flags, items_per_day

__all__ = ["ArticleRef", "ClaimRow", "CopyLink", "EntityRef", "FeedsPage", "HomePage",
           "OutletFigureGiven",
           "OutletRow", "QuoteGroup", "SpeakerQuotes", "StoryCard", "StoryPage",
           "citation_numbers", "claim_rows", "feeds_page", "home_page", "is_breaking",
           "story_page"]

# Breaking: at least this many of the story's articles were published on the store's
# latest day or the day before (StoryBrief.recent), and they are at least half of it.
BREAKING_RECENT = 3


def is_breaking(brief: StoryBrief) -> bool:
    """A story growing fast: most of it, and at least 3 articles, from the last two days."""
    return brief.recent >= BREAKING_RECENT and 2 * brief.recent >= brief.articles


@dataclass(slots=True)
class StoryCard:
    story: StoryBrief
    breaking: bool


@dataclass(slots=True)
class HomePage:
    stories: list[StoryCard]
    total: int
    next: str | None
    outlets: list[tuple[str, int]]  # every outlet with its article count, for the filter
    day: str | None = None
    outlet: str | None = None


def home_page(store: Store, *, day: str | None, outlet: str | None, cursor: str | None,
              limit: int) -> HomePage:
    found = store.story_list(day=day, outlet=outlet, limit=limit, cursor=cursor)
    return HomePage(stories=[StoryCard(b, is_breaking(b)) for b in found.stories],
                    total=found.total, next=found.next, outlets=store.outlets(), day=day,
                    outlet=outlet)


@dataclass(slots=True)
class FeedsPage:
    """The feeds `marsad watch` follows into the store, flagged ones first."""

    feeds: list[FeedHealth]
    flagged: int
    judged: str  # when the flags were judged (UTC, ISO datetime)


def feeds_page(store: Store, now: datetime) -> FeedsPage:
    found = store.feeds()
    for f in found:
        f.flags = feed_flags(f, now)
        f.items_per_day = items_per_day(f)
    found.sort(key=lambda f: (not f.flags, f.name or "", f.url))
    return FeedsPage(feeds=found, flagged=sum(1 for f in found if f.flags),
                     judged=now.strftime("%Y-%m-%dT%H:%M:%SZ"))


@dataclass(slots=True)
class ArticleRef:
    id: str
    number: int  # its citation number on the story page, [n]
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


@dataclass(slots=True)
class EntityRef:
    id: str
    name: str
    type: str
    articles: int  # of the story's articles mentioning it


@dataclass(slots=True)
class OutletFigureGiven:
    about: str | None
    unit: str | None
    value: Any
    approx: bool
    text: str | None
    as_of: str | None
    article: str
    disagree: bool  # the claim is one the outlets disagree on


@dataclass(slots=True)
class OutletRow:
    """One outlet in a story: when it first reported, its figures, whom it copied or named."""

    outlet: str | None  # None: articles whose outlet is not known
    articles: list[str]
    first_report: str | None  # earliest publication date or time of its articles
    first_article: str
    figures: list[OutletFigureGiven]
    copied_from: list[str]  # outlets its articles copied text from
    copied_by: list[str]  # outlets that copied its articles' text
    credited: list[str]  # agencies and outlets its articles name as their source


@dataclass(slots=True)
class QuoteGroup:
    text: str
    articles: list[str]


@dataclass(slots=True)
class SpeakerQuotes:
    speaker: str
    entity: str | None
    quotes: list[QuoteGroup]


@dataclass(slots=True)
class CopyLink:
    articles: list[str]  # [a, b]
    outlets: list[str | None]  # their outlets
    source: str | None  # the article copied from, when known
    share: float
    via: str | None
    passages: list[str]


@dataclass(slots=True)
class StoryPage:
    story: Story
    articles: list[ArticleRef]
    outlets: list[OutletRow]
    quotes: list[SpeakerQuotes]
    copies: list[CopyLink]
    entities: list[EntityRef] = field(default_factory=list)


def story_page(store: Store, story_id: str) -> StoryPage | None:
    found = store.stories([story_id])
    if not found:
        return None
    story = found[0]
    loaded = {a.id: a for a in store.articles(story.articles)}
    # A member not readable (being rewritten by a run right now) is left out, not an error.
    ids = [i for i in story.articles if i in loaded]
    articles = [loaded[i] for i in ids]
    entities = store.entities_in(ids)
    by_id = {e.id: e for e in entities}
    reuse = store.reuse_among(ids)
    outlet_of = {a.id: a.outlet for a in articles}
    copies = [CopyLink(list(r.articles), [outlet_of.get(i) for i in r.articles], r.source,
                       r.share, r.via, list(r.passages)) for r in reuse]
    speakers = [SpeakerQuotes(name, entity, [QuoteGroup(t, aids) for t, aids in quotes])
                for name, entity, quotes in quotes_by_speaker(story, loaded, by_id)]
    return StoryPage(
        story=story,
        articles=[ArticleRef(a.id, n, a.title, a.outlet, a.published, a.url)
                  for n, a in enumerate(articles, 1)],
        outlets=_outlet_rows(story, articles, copies),
        quotes=speakers,
        copies=copies,
        entities=sorted((EntityRef(e.id, e.name, e.type, len(e.articles)) for e in entities),
                        key=lambda e: (-e.articles, e.name)),
    )


def citation_numbers(page: StoryPage) -> dict[str, tuple[int, str]]:
    """Article id -> (its [n] on the story page, its outlet or id)."""
    return {a.id: (a.number, a.outlet or a.id) for a in page.articles}


def _outlet_rows(story: Story, articles: list[Article], copies: list[CopyLink]
                 ) -> list[OutletRow]:
    by_outlet: dict[str | None, list[Article]] = defaultdict(list)
    for a in articles:
        by_outlet[a.outlet].append(a)
    outlet_of = {a.id: a.outlet for a in articles}
    figures: dict[str | None, list[OutletFigureGiven]] = defaultdict(list)
    for claim in story.claims:
        for v in claim.get("values", []):
            aid = str(v.get("article"))
            if aid in outlet_of:
                figures[outlet_of[aid]].append(OutletFigureGiven(
                    claim.get("about"), v.get("unit") or claim.get("unit"), v.get("value"),
                    bool(v.get("approx")), v.get("text"), v.get("as_of"), aid,
                    bool(claim.get("disagree"))))
    copied_from: dict[str | None, dict[str, None]] = defaultdict(dict)
    copied_by: dict[str | None, dict[str, None]] = defaultdict(dict)
    for c in copies:
        if c.source is None or c.source not in outlet_of:
            continue
        copier = next(i for i in c.articles if i != c.source)
        src, dst = outlet_of[c.source], outlet_of.get(copier)
        if src is not None and dst is not None and src != dst:
            copied_from[dst][src] = None
            copied_by[src][dst] = None
    rows = []
    for outlet, members in by_outlet.items():
        members.sort(key=lambda a: (a.published or "9999", a.id))
        first = members[0]
        credited = dict.fromkeys(c for a in members for c in a.credits if c != outlet)
        rows.append(OutletRow(
            outlet=outlet, articles=[a.id for a in members], first_report=first.published,
            first_article=first.id,
            figures=sorted(figures[outlet], key=lambda f: (f.as_of or "", f.about or "")),
            copied_from=list(copied_from[outlet]), copied_by=list(copied_by[outlet]),
            credited=list(credited)))
    rows.sort(key=lambda r: (r.first_report or "9999", r.outlet or ""))
    return rows


@dataclass(slots=True)
class ClaimRow:
    """One value of one claim: the rows of the claims download."""

    story: str
    claim: int  # the claim's position in the story, from 1
    about: str | None
    unit: str | None
    kind: str | None
    disagree: bool
    value: Any
    approx: bool
    bound: str | None
    text: str | None
    as_of: str | None
    article: str | None
    outlet: str | None
    source: str | None  # whom the article attributes the figure to


def claim_rows(page: StoryPage) -> list[ClaimRow]:
    outlet_of = {a.id: a.outlet for a in page.articles}
    rows = []
    for n, claim in enumerate(page.story.claims, 1):
        for v in claim.get("values", []):
            source = v.get("source")
            aid = v.get("article")
            rows.append(ClaimRow(
                page.story.id, n, claim.get("about"), claim.get("unit"), claim.get("kind"),
                bool(claim.get("disagree")), v.get("value"), bool(v.get("approx")),
                v.get("bound"), v.get("text"), v.get("as_of"),
                None if aid is None else str(aid), outlet_of.get(str(aid)),
                source.get("text") if isinstance(source, dict) else None))
    return rows

