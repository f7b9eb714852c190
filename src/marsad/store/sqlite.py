"""The SQLite engine of `marsad.store`: one file, WAL mode, schema version in `meta`.

Search is an FTS5 table over the terms `marsad.normalise.search` makes of each article
(rowid = `articles.n`); queries reach it only as quoted analyzer terms, passed as a
parameter. Readers open the file with `mode=ro` and `query_only`. The read side is
`marsad.store.sql`, shared with the PostgreSQL engine.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

from marsad.normalise import key as fold_key
from marsad.normalise.search import ANALYZER, ParsedQuery, analyze, match_expression
from marsad.records import Article, Entity, FeedPoll, Reuse, Story
from marsad.store import SCHEMA_VERSION, StoreBusy, StoreError, content_key
from marsad.store.sql import (
    _CORE,
    SQLStore,
    _day,
    _json,
    _number,
    _ordinal,
    _post,
)
from marsad.stories.cluster import StoryProfile

__all__ = ["SCHEMA_ENTITY_TITLES", "SCHEMA_FEEDS", "SCHEMA_V1", "SCHEMA_V2", "SCHEMA_V3",
           "SQLiteStore"]

# The store as marsad wrote it before schema versions (kept to test the upgrade).
SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS articles (
    content_key TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    published TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS state (
    name TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
"""

# Rows keep the fields they are queried by as columns; `extra` (JSON) keeps whatever else a
# record carries, so keys added by newer stages survive a round trip.
SCHEMA_V2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE batches (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, articles INTEGER NOT NULL DEFAULT 0);
CREATE TABLE outlets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_key TEXT NOT NULL UNIQUE,
    batch INTEGER NOT NULL REFERENCES batches (id),
    origin TEXT NOT NULL,
    outlet INTEGER REFERENCES outlets (id),
    title TEXT,
    text TEXT NOT NULL,
    published TEXT,
    day TEXT,
    published_basis TEXT,
    discovered TEXT,
    url TEXT,
    author TEXT,
    credits TEXT NOT NULL,
    embedded_posts TEXT NOT NULL,
    extra TEXT
);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_outlet_day ON articles (outlet, day);
CREATE INDEX articles_batch ON articles (batch);
CREATE TABLE times (
    article INTEGER NOT NULL REFERENCES articles (n), k INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (article, k)) WITHOUT ROWID;
CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles (n), k INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT NOT NULL, entity TEXT, PRIMARY KEY (article, k)) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions (entity);
CREATE TABLE quantities (
    article INTEGER NOT NULL REFERENCES articles (n), k INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value REAL NOT NULL, approx INTEGER NOT NULL, bound TEXT, unit TEXT,
    PRIMARY KEY (article, k)) WITHOUT ROWID;
CREATE TABLE quotes (
    article INTEGER NOT NULL REFERENCES articles (n), k INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    speaker TEXT, speaker_text TEXT, direct INTEGER NOT NULL,
    PRIMARY KEY (article, k)) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE entity_variants (
    entity TEXT NOT NULL REFERENCES entities (id), variant TEXT NOT NULL,
    count INTEGER NOT NULL, PRIMARY KEY (entity, variant)) WITHOUT ROWID;
CREATE TABLE entity_keys (
    key TEXT NOT NULL, entity TEXT NOT NULL REFERENCES entities (id),
    PRIMARY KEY (key, entity)) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys (entity);
CREATE TABLE entity_redirects (old TEXT PRIMARY KEY, new TEXT NOT NULL);
CREATE TABLE stories (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    batch INTEGER NOT NULL,
    extra TEXT
);
CREATE TABLE story_articles (
    story TEXT NOT NULL REFERENCES stories (id), article TEXT NOT NULL UNIQUE,
    k INTEGER NOT NULL, PRIMARY KEY (story, k)) WITHOUT ROWID;
CREATE TABLE story_profiles (
    story TEXT PRIMARY KEY REFERENCES stories (id),
    start TEXT, "end" TEXT,
    centroid TEXT NOT NULL, seed TEXT NOT NULL);
CREATE INDEX story_profiles_end ON story_profiles ("end", start);
CREATE TABLE story_entities (
    story TEXT NOT NULL REFERENCES stories (id), entity TEXT NOT NULL,
    count INTEGER NOT NULL, PRIMARY KEY (story, entity)) WITHOUT ROWID;
CREATE INDEX story_entities_entity ON story_entities (entity);
CREATE TABLE timeline (
    story TEXT NOT NULL REFERENCES stories (id), k INTEGER NOT NULL, date TEXT,
    data TEXT NOT NULL, PRIMARY KEY (story, k)) WITHOUT ROWID;
CREATE INDEX timeline_date ON timeline (date);
CREATE TABLE claims (
    story TEXT NOT NULL REFERENCES stories (id), k INTEGER NOT NULL,
    about TEXT, unit TEXT, data TEXT NOT NULL, PRIMARY KEY (story, k)) WITHOUT ROWID;
CREATE TABLE claim_values (
    story TEXT NOT NULL, claim INTEGER NOT NULL, k INTEGER NOT NULL,
    article TEXT, value REAL, text TEXT, as_of TEXT, data TEXT NOT NULL,
    PRIMARY KEY (story, claim, k)) WITHOUT ROWID;
CREATE INDEX claim_values_article ON claim_values (article);
CREATE TABLE summary (
    story TEXT NOT NULL REFERENCES stories (id), k INTEGER NOT NULL, text TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (story, k)) WITHOUT ROWID;
CREATE TABLE reuse (
    n INTEGER PRIMARY KEY,
    a TEXT NOT NULL, b TEXT NOT NULL, source TEXT, via TEXT, share REAL NOT NULL,
    extra TEXT, UNIQUE (a, b));
CREATE INDEX reuse_b ON reuse (b);
CREATE TABLE reuse_passages (
    reuse INTEGER NOT NULL REFERENCES reuse (n), k INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (reuse, k)) WITHOUT ROWID;
-- MinHash LSH band keys of each article's windows, by day (the reuse window).
CREATE TABLE bands (
    key INTEGER NOT NULL, day INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (key, day, article)) WITHOUT ROWID;
"""

# Version 3 adds to version 2: full-text search over the analyzer's terms of each article
# (`marsad.normalise.search`; contentless: the text stays in `articles`), the folded key of
# each entity spelling (a query naming an entity finds its other spellings), and indexes of
# the read side (stories latest first, an entity's merged ids).
SCHEMA_V3 = """
CREATE VIRTUAL TABLE search USING fts5 (
    title, text, content = '', tokenize = 'unicode61 remove_diacritics 0');
ALTER TABLE entity_variants ADD COLUMN folded TEXT;
CREATE INDEX entity_variants_folded ON entity_variants (folded);
CREATE INDEX stories_latest ON stories (COALESCE("end", ''), batch, n);
CREATE INDEX entity_redirects_new ON entity_redirects (new);
CREATE INDEX articles_read ON articles (n, outlet, day);
"""

# Version 4 (#12, "feeds"): the feeds `marsad watch` follows, each poll of them, and what
# became of each item URL they listed (so an item is fetched once); article urls indexed.
SCHEMA_FEEDS = """
CREATE TABLE feeds (
    n INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, name TEXT, etag TEXT,
    last_modified TEXT, last_poll TEXT, last_success TEXT, last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0, last_item TEXT);
CREATE TABLE polls (
    n INTEGER PRIMARY KEY, feed INTEGER NOT NULL REFERENCES feeds (n),
    started TEXT NOT NULL, finished TEXT NOT NULL, status TEXT NOT NULL, error TEXT,
    entries INTEGER NOT NULL, new INTEGER NOT NULL, stored INTEGER NOT NULL);
CREATE INDEX polls_feed ON polls (feed, started);
CREATE TABLE feed_items (
    url TEXT PRIMARY KEY, feed INTEGER NOT NULL REFERENCES feeds (n), seen TEXT NOT NULL,
    status TEXT NOT NULL, reason TEXT);
CREATE INDEX feed_items_feed ON feed_items (feed, status);
CREATE INDEX articles_url ON articles (url);
"""

# Version 5 (#14, "entity titles"): the roles written next to an entity's name ("رئيس
# كازاخستان" before قاسم جومارت توكاييف), with how many batches of articles gave each.
SCHEMA_ENTITY_TITLES = """
CREATE TABLE entity_titles (
    entity TEXT NOT NULL, title TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (entity, title)) WITHOUT ROWID;
"""


class SQLiteStore(SQLStore):
    _INDEXED = "INDEXED BY articles_read"
    _DISAGREE = "json_extract(c.data, '$.disagree')"
    _DAY_BEFORE_LAST_POLL = "strftime('%Y-%m-%dT%H:%M:%SZ', f.last_poll, '-1 day')"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._batch: int | None = None
        try:
            # Transactions are explicit (`transaction()`), not opened by the module. A handle
            # may move between threads (a web server's pool), never be shared at once.
            if read_only:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no store there (build one with "
                                     f"`marsad analyze INPUT --db {self.path}`)")
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                           isolation_level=None, check_same_thread=False)
                self._db.execute("PRAGMA query_only=1")
                self._check_version()
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, isolation_level=None,
                                           check_same_thread=False)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=OFF")
                self._upgrade()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc.strerror or exc}") from exc

    # Schema versions ---------------------------------------------------------------------

    def version(self) -> int:
        tables = {r[0] for r in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            row = self._db.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                raise StoreError(f"{self.path}: not a marsad store (no schema version)")
            return int(row[0])
        if {"articles", "state"} <= tables:
            return 1
        if tables:
            raise StoreError(f"{self.path}: not a marsad store (tables: "
                             f"{', '.join(sorted(tables))})")
        return 0

    def _newer(self, version: int) -> StoreError:
        return StoreError(
            f"{self.path}: this store was made by a newer marsad (schema version {version};"
            f" this marsad reads up to {SCHEMA_VERSION}): upgrade marsad to use it")

    def _check_version(self) -> None:
        version = self.version()
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        if version == 0:
            raise StoreError(f"{self.path}: not a marsad store (empty database)")
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: this store has schema version {version}, this marsad reads "
                f"{SCHEMA_VERSION}: run `marsad analyze INPUT --db {self.path}` once (or open "
                "it for writing) to upgrade it")

    def _upgrade(self) -> None:
        version = self.version()
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        if version == SCHEMA_VERSION:
            if self.meta("search_analyzer") != ANALYZER:
                self._reindex()
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if version == 0:
                _run_script(self._db, SCHEMA_V2 + SCHEMA_V3 + SCHEMA_ENTITY_TITLES)
            elif version == 1:
                self._migrate_1_to_2()  # its linking stores titles: it makes their table
            else:
                if version == 2:
                    self._migrate_2_to_3()
                # Titles of entities already stored come with the articles that name them next.
                _run_script(self._db, SCHEMA_ENTITY_TITLES)  # 4 -> 5
            if version < 4:
                _run_script(self._db, SCHEMA_FEEDS)  # 3 -> 4
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                             (str(SCHEMA_VERSION),))
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('search_analyzer', ?)",
                             (ANALYZER,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def save_poll(self, poll: FeedPoll) -> None:
        self._writable()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._record_poll(poll)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _migrate_2_to_3(self) -> None:
        """Add the search index and the folded entity spellings, filled from the stored
        articles and entities in place."""
        _run_script(self._db, SCHEMA_V3)
        self._fill_search()
        variants = self._db.execute("SELECT entity, variant FROM entity_variants").fetchall()
        self._db.executemany(
            "UPDATE entity_variants SET folded = ? WHERE entity = ? AND variant = ?",
            [(fold_key(v), e, v) for e, v in variants])

    def _fill_search(self) -> None:
        """Index every stored article, a batch of rows at a time (a big store's texts never
        all in memory)."""
        db = self._db
        last = 0
        while True:
            rows = db.execute("SELECT n, title, text FROM articles WHERE n > ? ORDER BY n "
                              "LIMIT 2000", (last,)).fetchall()
            if not rows:
                break
            db.executemany("INSERT INTO search (rowid, title, text) VALUES (?,?,?)",
                           [(n, analyze(title), analyze(text)) for n, title, text in rows])
            last = rows[-1][0]
        db.execute("INSERT INTO search (search) VALUES ('optimize')")

    def _reindex(self) -> None:
        """A store indexed by another analyzer version is indexed again."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("INSERT INTO search (search) VALUES ('delete-all')")
            self._fill_search()
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('search_analyzer', ?)",
                             (ANALYZER,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _migrate_1_to_2(self) -> None:
        """JSON blobs to tables. Version 1 kept articles as they were before linking (no
        entity ids, no quotes), so they are linked once here, as the run that read them
        would have linked the whole store."""
        from marsad import extract
        from marsad.stories.cluster import StoryIndex
        from marsad.stories.reuse import band_keys

        db = self._db
        old = [Article.from_dict(json.loads(d)) for (d,) in db.execute(
            "SELECT data FROM articles ORDER BY published, id")]
        saved = {name: json.loads(d) for name, d in db.execute("SELECT name, data FROM state")}
        db.execute("ALTER TABLE articles RENAME TO articles_v1")
        db.execute("DROP INDEX IF EXISTS articles_published")
        _run_script(db, SCHEMA_V2 + SCHEMA_V3 + SCHEMA_ENTITY_TITLES)
        db.execute("DROP TABLE articles_v1")
        db.execute("DROP TABLE state")
        entities = extract.link(old)
        db.execute("INSERT INTO batches (id, started, articles) VALUES "
                   "(1, datetime('now'), ?)", (len(old),))
        self._batch = 1
        try:
            self.add_articles(old, {a.id: band_keys(a) for a in old})
            from marsad.link import name_keys

            self.save_entities(entities, {e.id: sorted({k for v in e.variants
                                                        for k in name_keys(v, e.type)})
                                          for e in entities}, {})
            state = saved.get("stories")
            if state:
                index = StoryIndex.from_dict(state["index"])
                self.save_stories([Story.from_dict(s) for s in state["stories"]],
                                  list(index.profiles.values()))
                self.add_reuse([Reuse.from_dict(r) for r in state["reuse"]])
        finally:
            self._batch = None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[int]:
        self._writable()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # locked past the connection's timeout
            raise StoreBusy(f"{self.path}: another run is writing the store ({exc})") from exc
        try:
            cur = self._db.execute(
                "INSERT INTO batches (started) VALUES (datetime('now'))")
            self._batch = int(cur.lastrowid or 0)
            yield self._batch
            self._db.execute(
                "UPDATE batches SET articles = (SELECT COUNT(*) FROM articles WHERE batch = ?)"
                " WHERE id = ?", (self._batch, self._batch))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        finally:
            self._batch = None

    def _outlet(self, name: str | None) -> int | None:
        if name is None:
            return None
        self._db.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (name,))
        return int(self._db.execute("SELECT id FROM outlets WHERE name = ?",
                                    (name,)).fetchone()[0])

    def add_articles(self, articles: list[Article], bands: dict[str, list[int]]) -> None:
        batch = self._writing()
        db = self._db
        for a in articles:
            extra = {k: v for k, v in a.to_dict().items()
                     if k not in _CORE and k not in ("times", "mentions", "quantities",
                                                     "quotes")}
            day = _day(a.published)
            cur = db.execute(
                "INSERT INTO articles (id, content_key, batch, origin, outlet, title, text,"
                " published, day, published_basis, discovered, url, author, credits,"
                " embedded_posts, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (a.id, content_key(a), batch, a.origin, self._outlet(a.outlet), a.title,
                 a.text, a.published, day, a.published_basis,
                 a.discovered, a.url, a.author, _json(a.credits),
                 _json([_post(p) for p in a.embedded_posts]),
                 _json(extra) if extra else None))
            n = cur.lastrowid
            db.execute("INSERT INTO search (rowid, title, text) VALUES (?,?,?)",
                       (n, analyze(a.title), analyze(a.text)))
            db.executemany("INSERT INTO times VALUES (?,?,?,?,?,?,?)",
                           [(n, k, t.text, t.start, t.end, t.type, t.value)
                            for k, t in enumerate(a.times)])
            db.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
                           [(n, k, m.text, m.start, m.end, m.type, m.entity)
                            for k, m in enumerate(a.mentions)])
            db.executemany("INSERT INTO quantities VALUES (?,?,?,?,?,?,?,?,?)",
                           [(n, k, q.text, q.start, q.end, q.value, int(q.approx), q.bound,
                             q.unit) for k, q in enumerate(a.quantities)])
            db.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?)",
                           [(n, k, q.text, q.start, q.end, q.speaker, q.speaker_text,
                             int(q.direct)) for k, q in enumerate(a.quotes)])
            ordinal = _ordinal(day)
            db.executemany("INSERT OR IGNORE INTO bands VALUES (?,?,?)",
                           [(b, ordinal, n) for b in set(bands.get(a.id, ()))])

    def save_entities(self, entities: list[Entity], keys: dict[str, list[str]],
                      redirects: dict[str, str]) -> None:
        self._writing()
        db = self._db
        for old, new in redirects.items():
            if old == new:
                continue
            db.execute("UPDATE mentions SET entity = ? WHERE entity = ?", (new, old))
            db.execute("UPDATE quotes SET speaker = ? WHERE speaker = ?", (new, old))
            db.execute("INSERT OR IGNORE INTO entity_variants SELECT ?, variant, 0, folded "
                       "FROM entity_variants WHERE entity = ?", (new, old))
            db.execute("UPDATE entity_variants SET count = count + COALESCE((SELECT count "
                       "FROM entity_variants v WHERE v.entity = ? AND v.variant = "
                       "entity_variants.variant), 0) WHERE entity = ?", (old, new))
            db.execute("DELETE FROM entity_variants WHERE entity = ?", (old,))
            db.execute("INSERT INTO entity_titles SELECT ?, title, count FROM entity_titles "
                       "WHERE entity = ? ON CONFLICT DO UPDATE SET count = count + "
                       "excluded.count", (new, old))
            db.execute("DELETE FROM entity_titles WHERE entity = ?", (old,))
            # Stories count the survivor wherever they counted the merged entity.
            db.execute("INSERT INTO story_entities SELECT story, ?, count FROM story_entities"
                       " WHERE entity = ? ON CONFLICT DO UPDATE SET count = count + "
                       "excluded.count", (new, old))
            db.execute("DELETE FROM story_entities WHERE entity = ?", (old,))
            db.execute("INSERT OR IGNORE INTO entity_keys SELECT key, ? FROM entity_keys "
                       "WHERE entity = ?", (new, old))
            db.execute("DELETE FROM entity_keys WHERE entity = ?", (old,))
            db.execute("DELETE FROM entities WHERE id = ?", (old,))
            db.execute("UPDATE entity_redirects SET new = ? WHERE new = ?", (new, old))
            db.execute("INSERT OR REPLACE INTO entity_redirects VALUES (?, ?)", (old, new))
        for e in entities:
            db.execute("INSERT INTO entities VALUES (?,?,?) ON CONFLICT (id) DO UPDATE SET "
                       "name = excluded.name, type = excluded.type", (e.id, e.name, e.type))
            counts: dict[str, int] = {}
            for v in e.variants:
                counts[v] = counts.get(v, 0) + 1
            db.executemany(
                "INSERT INTO entity_variants VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET "
                "count = count + excluded.count", [(e.id, v, c, fold_key(v))
                                                   for v, c in counts.items()])
            db.executemany("INSERT OR IGNORE INTO entity_keys VALUES (?,?)",
                           [(k, e.id) for k in keys.get(e.id, ())])
            db.executemany(
                "INSERT INTO entity_titles VALUES (?,?,?) ON CONFLICT DO UPDATE SET "
                "count = count + excluded.count",
                [(e.id, t, c) for t, c in Counter(e.titles).items()])

    def save_stories(self, stories: list[Story], profiles: list[StoryProfile]) -> None:
        batch = self._writing()
        db = self._db
        known = {f.name for f in fields(Story)}
        core = {"id", "title", "articles", "start", "end", "timeline", "claims", "summary"}
        for s in stories:
            extra = {k: v for k, v in s.to_dict().items() if k in known - core}
            db.execute(
                'INSERT INTO stories (id, title, start, "end", batch, extra) VALUES '
                '(?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, '
                'start = excluded.start, "end" = excluded."end", batch = excluded.batch, '
                "extra = excluded.extra",
                (s.id, s.title, s.start, s.end, batch, _json(extra) if extra else None))
            for table in ("story_articles", "timeline", "claims", "claim_values", "summary"):
                db.execute(f"DELETE FROM {table} WHERE story = ?", (s.id,))
            db.executemany("INSERT OR REPLACE INTO story_articles VALUES (?,?,?)",
                           [(s.id, a, k) for k, a in enumerate(s.articles)])
            db.executemany("INSERT INTO timeline VALUES (?,?,?,?)",
                           [(s.id, k, t.get("date"), _json(t))
                            for k, t in enumerate(s.timeline)])
            db.executemany("INSERT INTO summary VALUES (?,?,?,?)",
                           [(s.id, k, str(x.get("text", "")), _json(x))
                            for k, x in enumerate(s.summary)])
            for k, c in enumerate(s.claims):
                head = {n: v for n, v in c.items() if n != "values"}
                db.execute("INSERT INTO claims VALUES (?,?,?,?,?)",
                           (s.id, k, c.get("about"), c.get("unit"), _json(head)))
                db.executemany(
                    "INSERT INTO claim_values VALUES (?,?,?,?,?,?,?,?)",
                    [(s.id, k, j, v.get("article"), _number(v.get("value")), v.get("text"),
                      v.get("as_of"), _json(v)) for j, v in enumerate(c.get("values", []))])
        db.executemany(
            "INSERT OR REPLACE INTO story_profiles VALUES (?,?,?,?,?)",
            [(p.id, p.start, p.end, _json(p.centroid), _json(p.seed)) for p in profiles])
        for p in profiles:
            db.execute("DELETE FROM story_entities WHERE story = ?", (p.id,))
            db.executemany("INSERT INTO story_entities VALUES (?,?,?)",
                           [(p.id, e, c) for e, c in p.entities.items()])

    def add_reuse(self, reuse: list[Reuse]) -> None:
        self._writing()
        for r in reuse:
            a, b = r.articles
            data = r.to_dict()
            extra = {k: v for k, v in data.items()
                     if k not in ("articles", "from", "passages", "share", "via")}
            cur = self._db.execute(
                "INSERT OR IGNORE INTO reuse (a, b, source, via, share, extra) "
                "VALUES (?,?,?,?,?,?)", (a, b, r.source, r.via, r.share,
                                         _json(extra) if extra else None))
            if cur.rowcount:
                self._db.executemany("INSERT INTO reuse_passages VALUES (?,?,?)",
                                     [(cur.lastrowid, k, p) for k, p in enumerate(r.passages)])

    # Search ------------------------------------------------------------------------------

    def _word_matches(self, parsed: ParsedQuery, where: list[str], more: list[Any],
                      limit: int) -> Iterator[tuple[int, int | None, str | None]]:
        return self._db.execute(  # type: ignore[no-any-return]
            "SELECT h.rowid, a.outlet, a.day FROM search h JOIN articles a INDEXED BY "
            "articles_read ON a.n = h.rowid WHERE search MATCH ?"
            + "".join(f" AND {w}" for w in where) + " ORDER BY h.rowid DESC LIMIT ?",
            [match_expression(parsed), *more, limit])

    def _word_scores(self, parsed: ParsedQuery, where: list[str], more: list[Any],
                     limit: int) -> Iterator[tuple[int, float]]:
        # bm25, the title weighing 3 to 1 (lower is better).
        return self._db.execute(  # type: ignore[no-any-return]
            "SELECT h.rowid, bm25(search, 3.0, 1.0) FROM search h JOIN articles a "
            "INDEXED BY articles_read ON a.n = h.rowid WHERE search MATCH ?"
            + "".join(f" AND {w}" for w in where) + " ORDER BY h.rowid DESC LIMIT ?",
            [match_expression(parsed), *more, limit])


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT first; statements one by one stay in our transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
