"""Store: where analysed articles, entities, stories and reuse links persist between runs.

One small interface that speaks records (`Store`), two engines with the same schema and
the same read side (`marsad.store.sql`): SQLite (`SQLiteStore`, one file, WAL mode, in
`marsad.store.sqlite`) and PostgreSQL (`PostgresStore`, a server several writers and
readers share, in `marsad.store.postgres`). No SQL lives outside this package. A run
writes batch by batch, each batch one transaction (`with store.transaction(): ...`), so a
killed run leaves whole batches only.

Articles are keyed by their normalised content, so adding the same article twice, from
the same file or another export of it, stores it once.

Readers (the web app) open a store read-only (`open_store(path, read_only=True)`) and ask
for pages (`story_list`, `entity_view`, `outlet_view`, `article_view`, `search`), which
answer with the plain records of `marsad.store.reads`.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from marsad.normalise import key
from marsad.records import Article, Entity, FeedPoll, Reuse, Story
from marsad.store.reads import (
    ArticleView,
    EntityView,
    FeedHealth,
    OutletView,
    SearchQuery,
    SearchResult,
    StoryList,
)
from marsad.stories.cluster import StoryProfile

__all__ = ["SCHEMA_VERSION", "ArticleView", "EntityView", "FeedHealth", "OutletView", "SearchQuery",
           "SearchResult", "Selection", "Store", "StoreBusy", "StoreError", "StoryList",
           "content_key", "open_store"]

# 1: articles as JSON blobs and a `state` table (marsad before #10); 2: tables (#10);
# 3: full-text search and the read side's indexes (#11); 4: followed feeds and their polls
# (#12); 5: an entity's titles and roles (#14).
SCHEMA_VERSION = 5


class StoreError(RuntimeError):
    """The store cannot be opened, is not a marsad store, or was made by a newer marsad."""


class StoreBusy(StoreError):
    """Another writer holds the store longer than the wait allowed; try again later."""


def content_key(article: Article) -> str:
    """Identity of an article: a hash of its folded title and body."""
    return hashlib.sha1(key(f"{article.title or ''}\n{article.text}").encode()).hexdigest()


@dataclass(slots=True, frozen=True)
class Selection:
    """A slice of the store: the stories with an article matching every filter given.

    Days are ISO dates (inclusive); `outlet` is the outlet as stored; `entity` an entity id
    (a redirected id finds the entity it was merged into).
    """

    story: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None


class Store(ABC):
    """The records a run reads and writes. Write methods are called inside `transaction()`."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[int]:
        """One batch: everything written inside commits together or not at all; yields the
        batch number."""

    # Articles
    @abstractmethod
    def known_contents(self, keys: list[str]) -> set[str]:
        """The content keys among `keys` already stored."""

    @abstractmethod
    def known_ids(self, ids: list[str]) -> set[str]:
        """The article ids among `ids` already taken."""

    @abstractmethod
    def add_articles(self, articles: list[Article], bands: dict[str, list[int]]) -> None:
        """Store new articles with their annotations and reuse band keys (by article id)."""

    @abstractmethod
    def articles(self, ids: list[str], annotations: bool = True) -> list[Article]:
        """Stored articles by id, in the order of `ids`; with their times, mentions,
        quantities and quotes unless `annotations` is false."""

    @abstractmethod
    def band_matches(self, bands: list[int], since: str | None, until: str | None
                     ) -> dict[int, set[str]]:
        """Per band key, the stored articles dated within [since, until] that have it."""

    @abstractmethod
    def recent_of_outlets(self, outlets: list[str], until: str | None, limit: int
                          ) -> list[str]:
        """Ids of the latest `limit` stored articles of each outlet dated up to `until`."""

    @abstractmethod
    def article_count(self) -> int: ...

    @abstractmethod
    def batch_sizes(self) -> dict[int, tuple[int, int]]:
        """Per committed batch: (articles it says it added, articles stored with it)."""

    # Entities
    @abstractmethod
    def entities_by_keys(self, keys: list[str], max_per_key: int | None = None
                         ) -> list[Entity]:
        """Stored entities sharing a name key, with their variants (no article lists); a
        key that more than `max_per_key` stored entities share is skipped."""

    @abstractmethod
    def entity_ids(self, ids: list[str]) -> set[str]:
        """The entity ids among `ids` already used (stored or redirected)."""

    @abstractmethod
    def save_entities(self, entities: list[Entity], keys: dict[str, list[str]],
                      redirects: dict[str, str]) -> None:
        """Add or update entities (variants accumulate; `keys` by entity id) and merge each
        redirected entity into its survivor, stored mentions and quotes included."""

    # Stories
    @abstractmethod
    def profiles(self, since: str | None, until: str | None, articles: list[str]
                 ) -> list[StoryProfile]:
        """Clustering profiles of the stories open in [since, until] (and of undated ones),
        and of the stories holding `articles`."""

    @abstractmethod
    def stories(self, ids: list[str]) -> list[Story]: ...

    @abstractmethod
    def save_stories(self, stories: list[Story], profiles: list[StoryProfile]) -> None:
        """Add or replace stories with their members, profile, timeline, claims, summary."""

    @abstractmethod
    def add_reuse(self, reuse: list[Reuse]) -> None: ...

    # Read side
    @abstractmethod
    def select(self, selection: Selection) -> list[str]:
        """Ids of the stories of a slice, oldest first."""

    @abstractmethod
    def latest_day(self) -> str | None:
        """The latest publication day stored."""

    @abstractmethod
    def stories_of(self, articles: list[str]) -> dict[str, str]:
        """Story id of each stored article."""

    @abstractmethod
    def reuse_among(self, articles: list[str]) -> list[Reuse]:
        """Reuse links between two of `articles`."""

    @abstractmethod
    def entities_in(self, articles: list[str]) -> list[Entity]:
        """Entities mentioned in `articles`, each listing the ones among them it is in."""

    # Meta: small named values readers keep in the store (the web app's hashed API token)
    @abstractmethod
    def meta(self, key: str) -> str | None:
        """The value kept under `key`, or None."""

    @abstractmethod
    def set_meta(self, key: str, value: str) -> None:
        """Keep `value` under `key` (committed at once outside a transaction); StoreError on
        a read-only handle, ValueError for the store's own keys (`schema_version`)."""

    # Feeds (marsad watch): what was polled, what each item became
    @abstractmethod
    def seen_items(self, urls: list[str]) -> set[str]:
        """The item URLs among `urls` not to fetch again: stored as an article's url, or
        recorded by a poll as stored or failed for good (not those waiting for a retry)."""

    @abstractmethod
    def save_poll(self, poll: FeedPoll) -> None:
        """Record a poll of a feed and the outcome of its items (committed at once, outside
        a transaction); the feed's validators are kept from polls with status "ok"."""

    @abstractmethod
    def feeds(self) -> list[FeedHealth]:
        """Every feed polled, by URL, with its health (`flags` left empty)."""

    # Pages (marsad.store.reads): what the web app and the API show
    @abstractmethod
    def story_list(self, *, day: str | None = None, outlet: str | None = None,
                   limit: int = 20, cursor: str | None = None) -> StoryList:
        """Stories latest first (by last publication day, then last rewrite); `day`: with an
        article published that day; `outlet`: with an article of that outlet."""

    @abstractmethod
    def entity_view(self, entity: str, *, limit: int = 50) -> EntityView | None:
        """An entity (a redirected id gives the entity it was merged into), or None."""

    @abstractmethod
    def outlet_view(self, name: str, *, limit: int = 50) -> OutletView | None: ...

    @abstractmethod
    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its article count, by name."""

    @abstractmethod
    def article_view(self, article: str) -> ArticleView | None: ...

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Full-text search (see `SearchQuery`); never raises on the query text."""


def open_store(target: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating or upgrading) the store at a path or URL (`sqlite:///PATH`,
    `postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE`; a writer creates the database
    if the server has none of that name).

    `read_only`: for readers such as the web app: the store must exist at this schema
    version (StoreError otherwise), and nothing is written through this handle."""
    text = str(target)
    if text.startswith(("postgres://", "postgresql://")):
        try:
            from marsad.store.postgres import PostgresStore
        except ImportError as exc:  # psycopg is a dependency; a broken install says so
            raise StoreError(f"{text}: the PostgreSQL engine needs psycopg ({exc})") from exc
        return PostgresStore(text, read_only=read_only)
    from marsad.store.sqlite import SQLiteStore

    return SQLiteStore(text.removeprefix("sqlite:///") if text.startswith("sqlite:///")
                       else text, read_only=read_only)
