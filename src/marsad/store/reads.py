"""What the store answers to readers (the web app, the API, exports): plain records, no SQL.

Every engine returns these same records from the read methods of `marsad.store.Store`.
Lists that can be long are paged by an opaque `next` cursor: pass it back as `cursor` to
get the following page; None means there is no more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from marsad.records import Article, Entity, Reuse

__all__ = [
    "ArticleView",
    "EntityQuote",
    "EntityView",
    "FeedHealth",
    "OutletFigure",
    "OutletLink",
    "OutletView",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "StoryBrief",
    "StoryList",
    "feed_flags",
    "items_per_day",
]

MENTION_TYPES = ("PER", "LOC", "ORG", "MISC")


@dataclass(slots=True)
class StoryBrief:
    """One story in a list: its size, span and when the store last changed it."""

    id: str
    title: str
    articles: int
    outlets: int
    start: str | None  # first publication day (ISO date)
    end: str | None  # last publication day
    updated: str  # when the store last rewrote the story (UTC, ISO datetime)
    # Articles published on the store's latest day or the day before: how fast it grows.
    recent: int = 0


@dataclass(slots=True)
class StoryList:
    stories: list[StoryBrief]
    total: int  # stories matching the filters, all pages
    next: str | None = None


@dataclass(slots=True)
class EntityQuote:
    """A quote the entity said, with where it was published."""

    article: str
    outlet: str | None
    published: str | None
    story: str | None
    text: str
    speaker_text: str | None
    direct: bool


@dataclass(slots=True)
class EntityView:
    entity: Entity  # `variants` most used first
    variant_counts: list[tuple[str, int]]  # every spelling merged into it, with mentions
    merged_from: list[str]  # entity ids redirected to this one
    mentions: int  # mentions in all
    mentions_per_day: list[tuple[str, int]]  # (ISO day, mentions), oldest first
    stories: list[StoryBrief]  # the stories it is mentioned in, latest first
    quotes: list[EntityQuote]  # latest first


@dataclass(slots=True)
class OutletLink:
    outlet: str
    links: int  # reuse links between the two outlets in that direction


@dataclass(slots=True)
class OutletFigure:
    """A figure of this outlet in a claim other outlets reported differently."""

    story: str
    story_title: str
    about: str | None
    unit: str | None
    kind: str | None  # the claim's kind ("conflict", "changed", ...)
    value: dict[str, object]  # this outlet's value (the claim value dict as stored)
    others: list[dict[str, object]]  # the other outlets' values, each with its "outlet"


@dataclass(slots=True)
class OutletView:
    name: str
    articles: int
    first_day: str | None
    last_day: str | None
    per_day: list[tuple[str, int]]  # (ISO day, articles), oldest first
    copies_from: list[OutletLink]  # outlets whose text this one copied (directed links)
    copied_by: list[OutletLink]  # outlets that copied this one's text
    shares_with: list[OutletLink]  # text shared with no direction known (or via a wire)
    disagreements: list[OutletFigure]  # latest stories first


@dataclass(slots=True)
class ArticleView:
    article: Article  # with times, mentions (entity ids), quantities and quotes
    story: StoryBrief | None
    entity_names: dict[str, str]  # entity id -> its name, for the article's mentions/quotes
    reuse: list[Reuse]  # links with any other stored article
    outlets: dict[str, str | None]  # article id -> outlet, for the other ends of `reuse`


@dataclass(slots=True, frozen=True)
class SearchQuery:
    """A full-text search. `q` is free text from a user: any string is acceptable.

    Words match with or without diacritics and hamza forms, with their clitics and in their
    other light-stemmed forms; a query "in double quotes" matches that phrase. A query that
    is one spelling of a stored entity also finds the articles mentioning any spelling
    merged into it. Filters: `outlet` name, `since`/`until` ISO days (inclusive), `entity`
    id (articles mentioning it), `story` id, `type` (articles with a mention of that type).
    """

    q: str
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    story: str | None = None
    type: str | None = None
    limit: int = 20
    cursor: str | None = None


@dataclass(slots=True)
class SearchHit:
    article: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    # A passage of the title or text around the best match, as segments: (text, matched).
    snippet: list[tuple[str, bool]]
    score: float


@dataclass(slots=True)
class SearchResult:
    hits: list[SearchHit]
    total: int  # matching articles, all pages
    facets_outlet: list[tuple[str, int]]  # over all matches, most first
    facets_day: list[tuple[str, int]]  # over all matches, latest day first
    next: str | None = None
    terms: list[str] = field(default_factory=list)  # the query's search terms (stems)
    spellings: list[str] = field(default_factory=list)  # other spellings searched as well
    entities: list[Entity] = field(default_factory=list)  # the entities the query named
    message: str | None = None  # why nothing could be searched (empty query, bad cursor)
    # Set when more articles match: `total`, the facets and the pages then cover the latest
    # `bounded` stored matches only (a word in most articles).
    bounded: int | None = None


@dataclass(slots=True)
class FeedHealth:
    """A followed feed as the store saw it (`Store.feeds`); times are UTC ISO datetimes."""

    url: str
    name: str | None
    etag: str | None  # the validators of its last complete read (conditional GET)
    last_modified: str | None
    polls: int
    last_poll: str | None
    last_success: str | None
    last_error: str | None  # the reason of the latest failed poll
    failures: int  # failed polls in a row, up to the latest
    first_poll: str | None
    last_item: str | None  # when an item new to the store was last seen in it
    items: int  # items new to the store seen in it, all polls
    backlog: int  # of which listed at its first poll (older items, not its daily rate)
    items_recent: int  # of which in the last 24 hours before its last poll
    item_errors: int  # items that failed (or wait for a retry)
    last_item_error: str | None  # "URL: reason"
    # Judged by readers (`feed_flags`, `items_per_day`), not stored:
    flags: list[str] = field(default_factory=list)
    items_per_day: float | None = None


FAILING = 3  # failed polls in a row that flag a feed
SILENT = timedelta(days=2)  # no new item for this long
LOW_SHARE = 0.25  # the last day's items below this share of the usual daily rate


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def feed_flags(feed: FeedHealth, now: datetime) -> list[str]:
    """What is wrong with a feed: failing repeatedly, silent, or far below its usual volume
    (judged once it has been followed for three days). `now`: an aware datetime."""
    flags: list[str] = []
    if feed.failures >= FAILING:
        flags.append(f"failing: {feed.failures} polls in a row ({feed.last_error})")
    if feed.first_poll is None or feed.last_poll is None:
        return flags
    followed = now - _time(feed.first_poll)
    since = _time(feed.last_item) if feed.last_item else _time(feed.first_poll)
    if followed >= SILENT and now - since >= SILENT:
        flags.append(f"silent: no new item since {(feed.last_item or feed.first_poll)[:16]}")
        return flags
    span = (_time(feed.last_poll) - _time(feed.first_poll)) / timedelta(days=1)
    if span >= 3:
        usual = (feed.items - feed.backlog - feed.items_recent) / (span - 1)
        if usual >= 4 and feed.items_recent < LOW_SHARE * usual:
            flags.append(f"low volume: {feed.items_recent} new items in the last day, "
                         f"usually {usual:.0f} a day")
    return flags


def items_per_day(feed: FeedHealth) -> float | None:
    """New items a day since the first poll (its backlog left out); None before a day."""
    if feed.first_poll is None or feed.last_poll is None:
        return None
    span = (_time(feed.last_poll) - _time(feed.first_poll)) / timedelta(days=1)
    return (feed.items - feed.backlog) / span if span >= 1 else None
