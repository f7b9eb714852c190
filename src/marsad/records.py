"""Plain typed records passed between pipeline stages.

Every stage takes and returns these; none reaches into another stage's internals.
Offsets (`start`, `end`) always index `Article.text`, the clean body.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SourceFormat = Literal["text", "html", "jsonl"]
# How `Article.published` was found: a publication-date field of the source ("metadata"),
# a dateline on the page, the text's own cues ("inferred"), or only the discovery time
# ("discovered": the crawl date stands in; publication is on or before it).
DateBasis = Literal["metadata", "dateline", "inferred", "discovered"]


@dataclass(slots=True)
class Document:
    """One raw input item, before cleaning: a text page, a saved HTML page or a JSONL line."""

    origin: str  # path, or path:line for JSONL (lines counted from 1)
    format: SourceFormat
    content: str  # decoded page text or HTML; the `text`/`html` field for JSONL
    meta: dict[str, str] = field(default_factory=dict)  # JSONL keys: id, title, source, ...


@dataclass(slots=True)
class Problem:
    """An input that could not be used, with the reason, reported instead of a traceback."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(slots=True)
class EmbeddedPost:
    author: str | None
    handle: str | None
    date: str | None  # ISO date
    text: str
    url: str | None


@dataclass(slots=True)
class TimeExpr:
    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int
    type: str  # PER | LOC | ORG | MISC
    entity: str | None = None  # Entity.id once resolved


@dataclass(slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float
    approx: bool
    bound: str | None  # "min" | "max" | None
    unit: str | None


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None  # Entity.id
    speaker_text: str | None
    direct: bool


@dataclass(slots=True)
class Article:
    id: str
    origin: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime
    published_basis: DateBasis | None = None
    # When the record was crawled, fetched or extracted (SNN `date_extracted`): an upper
    # bound of the publication date; it stands in for it only with basis "discovered".
    discovered: str | None = None
    credits: list[str] = field(default_factory=list)
    embedded_posts: list[EmbeddedPost] = field(default_factory=list)
    url: str | None = None
    author: str | None = None
    times: list[TimeExpr] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        nested = {
            "embedded_posts": EmbeddedPost,
            "times": TimeExpr,
            "mentions": Mention,
            "quantities": Quantity,
            "quotes": Quote,
        }
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        for name, record in nested.items():
            kwargs[name] = [record(**item) for item in data.get(name, [])]
        return cls(**kwargs)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    variants: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    # Roles the texts give it next to its name ("رئيس كازاخستان"), most used first.
    titles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reuse:
    articles: list[str]  # [a, b]
    source: str | None  # the article copied from, when the direction is known ("from")
    passages: list[str]
    share: float  # fraction of the copying article that is copied
    via: str | None = None  # the wire or outlet both copies took the text from, when known

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "from": self.source,
                "passages": self.passages, "share": self.share, "via": self.via}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reuse:
        return cls(articles=list(data["articles"]), source=data.get("from"),
                   passages=list(data.get("passages", [])), share=float(data["share"]),
                   via=data.get("via"))


@dataclass(slots=True)
class Story:
    id: str
    title: str
    articles: list[str]
    start: str | None = None
    end: str | None = None
    timeline: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(slots=True)
class Dossier:
    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [a.to_dict() for a in self.articles],
            "entities": [asdict(e) for e in self.entities],
            "stories": [s.to_dict() for s in self.stories],
            "reuse": [r.to_dict() for r in self.reuse],
            "problems": [asdict(p) for p in self.problems],
        }


# How one feed item ended in a poll: "stored" (its page was read and stored, or was a copy of
# a stored article), "failed" (never fetched again: 4xx, not HTML, over the size cap, no
# article text), "retry" (a timeout or 5xx: fetched again at the next poll).
ItemStatus = Literal["stored", "failed", "retry"]


@dataclass(slots=True)
class ItemOutcome:
    url: str
    status: ItemStatus
    reason: str | None = None  # why it failed, or a note (a charset found by detection)


@dataclass(slots=True)
class FeedPoll:
    """One poll of one feed, as `marsad watch` saves it (`Store.save_poll`)."""

    url: str
    name: str | None
    started: str  # UTC ISO datetime
    finished: str
    # "ok" (read), "not-modified" (304), "error" (the feed could not be used), "interrupted"
    # (stopped before every new item was read: its validators are not kept, so the next
    # poll reads the feed again)
    status: str
    error: str | None = None
    entries: int = 0  # items in the feed
    new: int = 0  # items not seen before
    stored: int = 0  # of which stored now
    etag: str | None = None
    last_modified: str | None = None
    items: list[ItemOutcome] = field(default_factory=list)
