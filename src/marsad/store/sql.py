"""What the SQL engines of `marsad.store` share: the read side, in SQL both SQLite and
PostgreSQL run (`?` placeholders; the PostgreSQL engine's connection turns them into its
own), over the same tables. Each engine adds its connection, schema versions, writes and
the full-text part of search (`_word_matches`, `_word_scores`).
"""

from __future__ import annotations

import base64
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import fields
from datetime import date, timedelta
from typing import Any

from marsad.normalise import key as fold_key
from marsad.normalise.search import ParsedQuery, parse, snippet
from marsad.records import (
    Article,
    EmbeddedPost,
    Entity,
    FeedPoll,
    Mention,
    Quantity,
    Quote,
    Reuse,
    Story,
    TimeExpr,
)
from marsad.store import Selection, Store, StoreError
from marsad.store.reads import (
    ArticleView,
    EntityQuote,
    EntityView,
    FeedHealth,
    OutletFigure,
    OutletLink,
    OutletView,
    SearchHit,
    SearchQuery,
    SearchResult,
    StoryBrief,
    StoryList,
)
from marsad.stories.cluster import StoryProfile

_CORE = {f.name for f in fields(Article)} - {"times", "mentions", "quantities", "quotes"}
_ARTICLE_FIELDS = {f.name for f in fields(Article)}
_CHUNK = 500  # ids per IN (...) query, under SQLite's variable limit
_MAX_PAGE = 200  # the most items a page query returns
_RESERVED_META = {"schema_version", "search_analyzer"}
_MAX_NAMED = 5  # entities a query can name
_SNIPPET = 200  # characters of a search hit's passage
_SEARCH_CAP = 20_000  # matches a search counts (the latest stored), facets included
_RANK_CAP = 5_000  # of which the latest are ranked by relevance



def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _day(published: str | None) -> str | None:
    from marsad.stories.text import day_of

    day = day_of(published)
    return day.isoformat() if day else None


def _ordinal(day: str | None) -> int:
    return date.fromisoformat(day).toordinal() if day else 0


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for lo in range(0, len(items), _CHUNK):
        yield items[lo:lo + _CHUNK]


def _marks(items: list[Any]) -> str:
    return ",".join("?" * len(items))



class SQLStore(Store):
    """The engine-neutral part of a SQL store: `_db.execute(sql, args)` gives an iterable
    cursor with `fetchone`/`fetchall`."""

    _db: Any
    _batch: int | None
    read_only: bool
    path: Any  # what messages name the store by
    _INDEXED = ""  # an index hint for the search joins (SQLite's INDEXED BY)
    _DISAGREE = ""  # SQL true when the claim `c.data` (JSON text) has "disagree": true
    _DAY_BEFORE_LAST_POLL = ""  # SQL: a day before `f.last_poll`, as an ISO UTC text

    def _writing(self) -> int:
        if self._batch is None:
            raise RuntimeError("store writes belong inside store.transaction()")
        return self._batch

    # Articles ----------------------------------------------------------------------------

    def known_contents(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for part in _chunks(keys):
            found.update(r[0] for r in self._db.execute(
                f"SELECT content_key FROM articles WHERE content_key IN ({_marks(part)})",
                part))
        return found

    def known_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for part in _chunks(ids):
            found.update(r[0] for r in self._db.execute(
                f"SELECT id FROM articles WHERE id IN ({_marks(part)})", part))
        return found


    def articles(self, ids: list[str], annotations: bool = True) -> list[Article]:
        by_id: dict[str, Article] = {}
        for part in _chunks(list(dict.fromkeys(ids))):
            rows = self._db.execute(
                "SELECT a.n, a.id, a.origin, a.text, a.title, o.name, a.published,"
                " a.published_basis, a.discovered, a.url, a.author, a.credits,"
                " a.embedded_posts, a.extra FROM articles a"
                f" LEFT JOIN outlets o ON o.id = a.outlet WHERE a.id IN ({_marks(part)})",
                part).fetchall()
            ns = {r[0]: r[1] for r in rows}
            notes = self._annotations(list(ns) if annotations else [])
            for r in rows:
                values: dict[str, Any] = {
                    "id": r[1], "origin": r[2], "text": r[3], "title": r[4], "outlet": r[5],
                    "published": r[6], "published_basis": r[7], "discovered": r[8],
                    "url": r[9], "author": r[10], "credits": json.loads(r[11]),
                    **(json.loads(r[13]) if r[13] else {})}
                kwargs = {k: v for k, v in values.items() if k in _ARTICLE_FIELDS}
                kwargs["embedded_posts"] = [EmbeddedPost(**p) for p in json.loads(r[12])]
                kwargs.update(notes[r[0]])
                by_id[r[1]] = Article(**kwargs)
        return [by_id[i] for i in ids if i in by_id]

    def _annotations(self, ns: list[int]) -> dict[int, dict[str, list[Any]]]:
        out: dict[int, dict[str, list[Any]]] = defaultdict(
            lambda: {"times": [], "mentions": [], "quantities": [], "quotes": []})
        if not ns:
            return out
        marks = _marks(ns)
        for r in self._db.execute(
                f"SELECT * FROM times WHERE article IN ({marks}) ORDER BY article, k", ns):
            out[r[0]]["times"].append(TimeExpr(*r[2:]))
        for r in self._db.execute(
                f"SELECT * FROM mentions WHERE article IN ({marks}) ORDER BY article, k", ns):
            out[r[0]]["mentions"].append(Mention(*r[2:]))
        for r in self._db.execute(
                f"SELECT * FROM quantities WHERE article IN ({marks}) ORDER BY article, k", ns):
            out[r[0]]["quantities"].append(
                Quantity(r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8]))
        for r in self._db.execute(
                f"SELECT * FROM quotes WHERE article IN ({marks}) ORDER BY article, k", ns):
            out[r[0]]["quotes"].append(Quote(r[2], r[3], r[4], r[5], r[6], bool(r[7])))
        return out

    def band_matches(self, bands: list[int], since: str | None, until: str | None
                     ) -> dict[int, set[str]]:
        lo = _ordinal(since) if since else 1
        hi = _ordinal(until) if until else date.max.toordinal()
        found: dict[int, set[int]] = defaultdict(set)
        for part in _chunks(sorted(set(bands))):
            for key, n in self._db.execute(
                    f"SELECT key, article FROM bands WHERE key IN ({_marks(part)})"
                    " AND day BETWEEN ? AND ?", [*part, lo, hi]):
                found[key].add(n)
        ns = sorted({n for ns in found.values() for n in ns})
        ids: dict[int, str] = {}
        for part in _chunks(ns):
            ids.update(self._db.execute(
                f"SELECT n, id FROM articles WHERE n IN ({_marks(part)})", part))
        return {key: {ids[n] for n in ns} for key, ns in found.items()}

    def recent_of_outlets(self, outlets: list[str], until: str | None, limit: int
                          ) -> list[str]:
        ids: list[str] = []
        for name in sorted(set(outlets)):
            ids += [r[0] for r in self._db.execute(
                "SELECT id FROM articles WHERE outlet = (SELECT id FROM outlets WHERE name = ?)"
                " AND (CAST(? AS TEXT) IS NULL OR day <= ?) ORDER BY day DESC, n DESC LIMIT ?",
                (name, until, until, limit))]
        return ids

    def article_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def batch_sizes(self) -> dict[int, tuple[int, int]]:
        stored = dict(self._db.execute("SELECT batch, COUNT(*) FROM articles GROUP BY batch"))
        return {b: (n, stored.get(b, 0))
                for b, n in self._db.execute("SELECT id, articles FROM batches")}

    # Entities ----------------------------------------------------------------------------

    def entities_by_keys(self, keys: list[str], max_per_key: int | None = None
                         ) -> list[Entity]:
        ids: set[str] = set()
        for part in _chunks(sorted(set(keys))):
            if max_per_key is not None:
                part = [k for k, n in self._db.execute(
                    f"SELECT key, COUNT(*) FROM entity_keys WHERE key IN ({_marks(part)})"
                    " GROUP BY key", part) if n <= max_per_key]
                if not part:
                    continue
            ids.update(r[0] for r in self._db.execute(
                f"SELECT entity FROM entity_keys WHERE key IN ({_marks(part)})", part))
        return self._entities(sorted(ids))

    def _entities(self, ids: list[str]) -> list[Entity]:
        out: dict[str, Entity] = {}
        for part in _chunks(ids):
            marks = _marks(part)
            for eid, name, typ in self._db.execute(
                    f"SELECT id, name, type FROM entities WHERE id IN ({marks})", part):
                out[eid] = Entity(eid, name, typ)
            for eid, variant in self._db.execute(
                    f"SELECT entity, variant FROM entity_variants WHERE entity IN ({marks})"
                    " ORDER BY entity, count DESC, variant", part):
                out[eid].variants.append(variant)
            for eid, title in self._db.execute(
                    f"SELECT entity, title FROM entity_titles WHERE entity IN ({marks})"
                    " ORDER BY entity, count DESC, title", part):
                out[eid].titles.append(title)
        return [out[i] for i in ids if i in out]

    def entity_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for part in _chunks(ids):
            marks = _marks(part)
            found.update(r[0] for r in self._db.execute(
                f"SELECT id FROM entities WHERE id IN ({marks}) UNION "
                f"SELECT old FROM entity_redirects WHERE old IN ({marks})", part + part))
        return found


    # Stories -----------------------------------------------------------------------------

    def profiles(self, since: str | None, until: str | None, articles: list[str]
                 ) -> list[StoryProfile]:
        from marsad.stories.cluster import MAX_GAP

        ids: set[str] = set()
        if since and until:
            lo = (date.fromisoformat(since) - MAX_GAP).isoformat()
            hi = (date.fromisoformat(until) + MAX_GAP).isoformat()
            ids.update(r[0] for r in self._db.execute(
                'SELECT story FROM story_profiles WHERE start IS NULL OR ("end" >= ? AND '
                "start <= ?)", (lo, hi)))
        else:
            ids.update(r[0] for r in self._db.execute("SELECT story FROM story_profiles"))
        for part in _chunks(articles):
            ids.update(r[0] for r in self._db.execute(
                f"SELECT story FROM story_articles WHERE article IN ({_marks(part)})", part))
        return self._profiles(sorted(ids))

    def _profiles(self, ids: list[str]) -> list[StoryProfile]:
        out: dict[str, StoryProfile] = {}
        members = self._members(ids)
        for part in _chunks(ids):
            for sid, start, end, centroid, seed in self._db.execute(
                    'SELECT story, start, "end", centroid, seed FROM story_profiles'
                    f" WHERE story IN ({_marks(part)})", part):
                out[sid] = StoryProfile(sid, json.loads(centroid), {}, start, end,
                                        members.get(sid, []), json.loads(seed))
            for sid, entity, count in self._db.execute(
                    "SELECT story, entity, count FROM story_entities"
                    f" WHERE story IN ({_marks(part)}) ORDER BY story, entity", part):
                out[sid].entities[entity] = count
        # Oldest story first: the order `cluster` meets them in, whatever the query plan.
        order = self._story_order(list(out))
        return [out[i] for i in sorted(out, key=order.__getitem__)]

    def _story_order(self, ids: list[str]) -> dict[str, int]:
        order: dict[str, int] = {}
        for part in _chunks(ids):
            order.update(self._db.execute(
                f"SELECT id, n FROM stories WHERE id IN ({_marks(part)})", part))
        return order

    def _members(self, ids: list[str]) -> dict[str, list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for part in _chunks(ids):
            for sid, article in self._db.execute(
                    f"SELECT story, article FROM story_articles WHERE story IN ({_marks(part)})"
                    " ORDER BY story, k", part):
                members[sid].append(article)
        return members

    def stories(self, ids: list[str]) -> list[Story]:
        out: dict[str, Story] = {}
        members = self._members(ids)
        parts: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: {"timeline": [], "claims": [], "summary": []})
        for part in _chunks(ids):
            marks = _marks(part)
            for sid, title, start, end, extra in self._db.execute(
                    f'SELECT id, title, start, "end", extra FROM stories WHERE id IN ({marks})',
                    part):
                out[sid] = Story(sid, title, members.get(sid, []), start, end)
                if extra:
                    for k, v in json.loads(extra).items():
                        setattr(out[sid], k, v)
            for sid, data in self._db.execute(
                    f"SELECT story, data FROM timeline WHERE story IN ({marks}) "
                    "ORDER BY story, k", part):
                parts[sid]["timeline"].append(json.loads(data))
            for sid, data in self._db.execute(
                    f"SELECT story, data FROM summary WHERE story IN ({marks}) "
                    "ORDER BY story, k", part):
                parts[sid]["summary"].append(json.loads(data))
            values: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
            for sid, claim, data in self._db.execute(
                    f"SELECT story, claim, data FROM claim_values WHERE story IN ({marks}) "
                    "ORDER BY story, claim, k", part):
                values[sid, claim].append(json.loads(data))
            for sid, k, data in self._db.execute(
                    f"SELECT story, k, data FROM claims WHERE story IN ({marks}) "
                    "ORDER BY story, k", part):
                claim = json.loads(data)
                if (sid, k) in values:
                    claim["values"] = values[sid, k]
                parts[sid]["claims"].append(claim)
        for sid, story in out.items():
            story.timeline = parts[sid]["timeline"]
            story.claims = parts[sid]["claims"]
            story.summary = parts[sid]["summary"]
        return [out[i] for i in ids if i in out]


    # Read side ---------------------------------------------------------------------------

    def latest_day(self) -> str | None:
        row = self._db.execute("SELECT MAX(day) FROM articles").fetchone()
        return row[0] if row else None

    def select(self, selection: Selection) -> list[str]:
        where, args = self._article_filters(selection.outlet, selection.since,
                                            selection.until, selection.entity)
        if selection.story:
            where.append("sa.story = ?")
            args.append(selection.story)
        sql = ("SELECT DISTINCT s.id, s.n FROM story_articles sa JOIN articles a "
               "ON a.id = sa.article JOIN stories s ON s.id = sa.story")
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [r[0] for r in self._db.execute(sql + " ORDER BY s.n", args)]

    def stories_of(self, articles: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for part in _chunks(articles):
            out.update((a, s) for s, a in self._db.execute(
                f"SELECT story, article FROM story_articles WHERE article IN ({_marks(part)})",
                part))
        return out

    def reuse_among(self, articles: list[str]) -> list[Reuse]:
        wanted = set(articles)
        rows: dict[int, tuple[Any, ...]] = {}
        for part in _chunks(articles):
            for r in self._db.execute(
                    "SELECT n, a, b, source, via, share, extra FROM reuse "
                    f"WHERE a IN ({_marks(part)})", part):
                if r[2] in wanted:
                    rows[r[0]] = r
        return self._reuse(rows)

    def _reuse(self, rows: dict[int, tuple[Any, ...]]) -> list[Reuse]:
        """Reuse records of `reuse` rows (n, a, b, source, via, share, extra) by n."""
        passages: dict[int, list[str]] = defaultdict(list)
        ns = sorted(rows)
        for part in _chunks(ns):
            for n, text in self._db.execute(
                    f"SELECT reuse, text FROM reuse_passages WHERE reuse IN ({_marks(part)}) "
                    "ORDER BY reuse, k", part):
                passages[n].append(text)
        out: list[Reuse] = []
        for n in ns:
            _, a, b, source, via, share, extra = rows[n]
            out.append(Reuse.from_dict({"articles": [a, b], "from": source, "via": via,
                                        "passages": passages[n], "share": share,
                                        **(json.loads(extra) if extra else {})}))
        return out

    def entities_in(self, articles: list[str]) -> list[Entity]:
        mentioned: dict[str, set[str]] = defaultdict(set)
        for part in _chunks(articles):
            for eid, aid in self._db.execute(
                    "SELECT DISTINCT m.entity, a.id FROM mentions m JOIN articles a "
                    f"ON a.n = m.article WHERE a.id IN ({_marks(part)}) "
                    "AND m.entity IS NOT NULL", part):
                mentioned[eid].add(aid)
        entities = self._entities(sorted(mentioned))
        for e in entities:
            e.articles = sorted(mentioned[e.id])
        entities.sort(key=lambda e: (e.type, e.name, e.id))
        return entities

    # Meta --------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        if key in _RESERVED_META:
            raise ValueError(f"meta key {key!r} is the store's own")
        self._writable()
        self._db.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                         "value = excluded.value", (key, value))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    # Pages -------------------------------------------------------------------------------

    def _recent_since(self) -> str:
        latest = self.latest_day()
        return (date.fromisoformat(latest) - timedelta(days=1)).isoformat() if latest else ""

    def _briefs(self, ids: list[str]) -> dict[str, StoryBrief]:
        since = self._recent_since()
        out: dict[str, StoryBrief] = {}
        for part in _chunks(ids):
            for sid, title, start, end, updated, n, outlets, recent in self._db.execute(
                    "SELECT s.id, s.title, s.start, s.\"end\", "
                    "b.started, COUNT(a.n), COUNT(DISTINCT a.outlet), "
                    "COUNT(CASE WHEN a.day >= ? THEN 1 END) FROM stories s "
                    "JOIN batches b ON b.id = s.batch "
                    "LEFT JOIN story_articles sa ON sa.story = s.id "
                    "LEFT JOIN articles a ON a.id = sa.article "
                    f"WHERE s.id IN ({_marks(part)}) "
                    "GROUP BY s.id, s.title, s.start, s.\"end\", b.started", [since, *part]):
                # `started` is UTC as 'YYYY-MM-DD HH:MM:SS' in both engines.
                out[sid] = StoryBrief(sid, title, int(n), int(outlets), start, end,
                                      f"{updated.replace(' ', 'T')}Z" if updated else "",
                                      int(recent))
        return out

    def story_list(self, *, day: str | None = None, outlet: str | None = None,
                   limit: int = 20, cursor: str | None = None) -> StoryList:
        where: list[str] = []
        args: list[Any] = []
        if day:
            where.append("s.id IN (SELECT sa.story FROM articles a JOIN story_articles sa "
                         "ON sa.article = a.id WHERE a.day = ?)")
            args.append(day)
        if outlet:
            where.append("s.id IN (SELECT sa.story FROM articles a JOIN story_articles sa "
                         "ON sa.article = a.id WHERE a.outlet = "
                         "(SELECT id FROM outlets WHERE name = ?))")
            args.append(outlet)
        total = int(self._db.execute(
            "SELECT COUNT(*) FROM stories s" + _where(where), args).fetchone()[0])
        if cursor:
            after = _decode(cursor, "s", 3)
            where.append("(COALESCE(s.\"end\", ''), s.batch, s.n) < (?, ?, ?)")
            args += after
        limit = _limit(limit)
        rows = self._db.execute(
            "SELECT s.id, COALESCE(s.\"end\", ''), s.batch, s.n FROM stories s"
            + _where(where) + " ORDER BY COALESCE(s.\"end\", '') DESC, s.batch DESC, s.n DESC"
            " LIMIT ?",
            [*args, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        briefs = self._briefs([r[0] for r in rows])
        return StoryList([briefs[r[0]] for r in rows], total,
                         _encode("s", list(rows[-1][1:])) if more else None)

    def outlets(self) -> list[tuple[str, int]]:
        return [(name, int(n)) for name, n in self._db.execute(
            "SELECT o.name, COUNT(a.n) FROM outlets o JOIN articles a ON a.outlet = o.id "
            "GROUP BY o.id ORDER BY o.name")]

    def article_view(self, article: str) -> ArticleView | None:
        found = self.articles([article])
        if not found:
            return None
        [a] = found
        story = self.stories_of([article]).get(article)
        ids = sorted({m.entity for m in a.mentions if m.entity}
                     | {q.speaker for q in a.quotes if q.speaker})
        names: dict[str, str] = {}
        for part in _chunks(ids):
            names.update(self._db.execute(
                f"SELECT id, name FROM entities WHERE id IN ({_marks(part)})", part))
        rows = {r[0]: r for r in self._db.execute(
            "SELECT n, a, b, source, via, share, extra FROM reuse WHERE a = ? UNION "
            "SELECT n, a, b, source, via, share, extra FROM reuse WHERE b = ?",
            (article, article))}
        reuse = self._reuse(rows)
        others = sorted({i for r in reuse for i in r.articles if i != article})
        outlets: dict[str, str | None] = {}
        for part in _chunks(others):
            outlets.update(self._db.execute(
                "SELECT a.id, o.name FROM articles a LEFT JOIN outlets o ON o.id = a.outlet "
                f"WHERE a.id IN ({_marks(part)})", part))
        brief = self._briefs([story]).get(story) if story else None
        return ArticleView(a, brief, names, reuse, outlets)
    def _survivor(self, entity: str) -> str:
        row = self._db.execute("SELECT new FROM entity_redirects WHERE old = ?",
                               (entity,)).fetchone()
        return row[0] if row else entity

    def entity_view(self, entity: str, *, limit: int = 50) -> EntityView | None:
        eid = self._survivor(entity)
        found = self._entities([eid])
        if not found:
            return None
        limit = _limit(limit)
        db = self._db
        # Spellings by the mentions that use them; a stored variant no mention uses counts 0.
        used = Counter(dict(db.execute(
            "SELECT text, COUNT(*) FROM mentions WHERE entity = ? GROUP BY text", (eid,))))
        for v in found[0].variants:
            used.setdefault(v, 0)
        counts = sorted(used.items(), key=lambda x: (-x[1], x[0]))
        found[0].variants = [v for v, _ in counts]
        merged = [r[0] for r in db.execute(
            "SELECT old FROM entity_redirects WHERE new = ? ORDER BY old", (eid,))]
        per_day = [(d, int(n)) for d, n in db.execute(
            "SELECT a.day, COUNT(*) FROM mentions m JOIN articles a ON a.n = m.article "
            "WHERE m.entity = ? AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day", (eid,))]
        total = int(db.execute("SELECT COUNT(*) FROM mentions WHERE entity = ?",
                               (eid,)).fetchone()[0])
        # Stories by its mentions (exact), with those the clustering profile counts it in.
        story_ids = [r[0] for r in db.execute(
            "SELECT s.id FROM stories s WHERE s.id IN (SELECT sa.story FROM mentions m "
            "JOIN articles a ON a.n = m.article JOIN story_articles sa ON sa.article = a.id "
            "WHERE m.entity = ? UNION SELECT story FROM story_entities WHERE entity = ?) "
            "ORDER BY COALESCE(s.\"end\", '') DESC, s.batch DESC, s.n DESC LIMIT ?",
            (eid, eid, limit))]
        briefs = self._briefs(story_ids)
        quotes = [EntityQuote(aid, outlet, published, story, text, speaker_text, bool(direct))
                  for aid, outlet, published, story, text, speaker_text, direct in db.execute(
                      "SELECT a.id, o.name, a.published, sa.story, q.text, q.speaker_text, "
                      "q.direct FROM quotes q JOIN articles a ON a.n = q.article "
                      "LEFT JOIN outlets o ON o.id = a.outlet "
                      "LEFT JOIN story_articles sa ON sa.article = a.id WHERE q.speaker = ? "
                      "ORDER BY COALESCE(a.published, '') DESC, a.n DESC, q.k LIMIT ?",
                      (eid, limit))]
        return EntityView(found[0], counts, merged, total, per_day,
                          [briefs[i] for i in story_ids], quotes)

    def outlet_view(self, name: str, *, limit: int = 50) -> OutletView | None:
        db = self._db
        row = db.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        oid = int(row[0])
        per_day = [(d, int(n)) for d, n in db.execute(
            "SELECT day, COUNT(*) FROM articles WHERE outlet = ? AND day IS NOT NULL "
            "GROUP BY day ORDER BY day", (oid,))]
        articles = int(db.execute("SELECT COUNT(*) FROM articles WHERE outlet = ?",
                                  (oid,)).fetchone()[0])
        # Each link of one of its articles with another outlet's, directed by `reuse.source`.
        directed: dict[str, Counter[str]] = {d: Counter() for d in ("from", "by", "shares")}
        for mine, source, other in db.execute(
                "SELECT x.id, r.source, oy.name FROM articles x JOIN reuse r ON r.a = x.id "
                "JOIN articles y ON y.id = r.b JOIN outlets oy ON oy.id = y.outlet "
                "WHERE x.outlet = ? AND y.outlet != ? UNION ALL "
                "SELECT x.id, r.source, oy.name FROM articles x JOIN reuse r ON r.b = x.id "
                "JOIN articles y ON y.id = r.a JOIN outlets oy ON oy.id = y.outlet "
                "WHERE x.outlet = ? AND y.outlet != ?", (oid, oid, oid, oid)):
            way = "shares" if source is None else "by" if source == mine else "from"
            directed[way][other] += 1
        links = {d: [OutletLink(o, n) for o, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))]
                 for d, c in directed.items()}
        return OutletView(name, articles, per_day[0][0] if per_day else None,
                          per_day[-1][0] if per_day else None, per_day, links["from"],
                          links["by"], links["shares"], self._disagreements(oid, name, limit))

    def _disagreements(self, oid: int, name: str, limit: int) -> list[OutletFigure]:
        """Claims that disagree where one of this outlet's values differs from another
        outlet's, latest stories first."""
        db = self._db
        claims = db.execute(
            "SELECT DISTINCT c.story, c.k, c.data, s.title, COALESCE(s.\"end\", '') AS e, "
            "s.batch, s.n FROM articles a "
            "JOIN claim_values v ON v.article = a.id "
            "JOIN claims c ON c.story = v.story AND c.k = v.claim "
            "JOIN stories s ON s.id = c.story WHERE a.outlet = ? "
            f"AND {self._DISAGREE} ORDER BY e DESC, s.batch DESC, s.n DESC, c.k",
            (oid,)).fetchall()
        out: list[OutletFigure] = []
        for story, k, data, title, *_ in claims:
            values = [(json.loads(v), o) for v, o in db.execute(
                "SELECT v.data, o.name FROM claim_values v LEFT JOIN articles a "
                "ON a.id = v.article LEFT JOIN outlets o ON o.id = a.outlet "
                "WHERE v.story = ? AND v.claim = ? ORDER BY v.k", (story, k))]
            for mine, outlet in values:
                if outlet != name:
                    continue
                others = [{**v, "outlet": o} for v, o in values
                          if o != name and v.get("value") != mine.get("value")]
                if others:
                    head = json.loads(data)
                    out.append(OutletFigure(story, title, head.get("about"), head.get("unit"),
                                            head.get("kind"), mine, others))
                    break
            if len(out) >= limit:
                break
        return out
    # Search ------------------------------------------------------------------------------

    def _named(self, q: str) -> list[Entity]:
        """The entities one of whose spellings the whole query is (folded), most mentioned
        first."""
        folded = fold_key(q[:200])
        if not folded:
            return []
        ids = [r[0] for r in self._db.execute(
            "SELECT entity FROM entity_variants WHERE folded = ? GROUP BY entity "
            "ORDER BY SUM(count) DESC, entity LIMIT ?", (folded, _MAX_NAMED))]
        return self._entities(ids)

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse(query.q)
        offset = 0
        if query.cursor:
            try:
                [offset] = _decode(query.cursor, "q", 1)
                if not isinstance(offset, int) or offset < 0:
                    raise ValueError(offset)
            except ValueError:
                return SearchResult([], 0, [], [], terms=parsed.terms,
                                    message="this cursor was not made by this search")
        named = self._named(query.q)
        if not parsed.groups and not named:
            return SearchResult([], 0, [], [], message="nothing to search for: type words")
        where, more = self._search_filters(query)
        db = self._db
        # The latest matches (by storage order), at most _SEARCH_CAP + 1 of each kind.
        found: dict[int, tuple[int | None, str | None]] = {}
        if parsed.groups:
            found.update((n, (o, d)) for n, o, d in self._word_matches(
                parsed, where, more, _SEARCH_CAP + 1))
        ids = [e.id for e in named]
        if ids:
            # Articles naming the entity in any spelling.
            found.update((n, (o, d)) for n, o, d in db.execute(
                "SELECT DISTINCT m.article, a.outlet, a.day FROM mentions m JOIN articles a "
                f"{self._INDEXED} ON a.n = m.article WHERE m.entity IN ({_marks(ids)})"
                + "".join(f" AND {w}" for w in where) + " ORDER BY m.article DESC LIMIT ?",
                [*ids, *more, _SEARCH_CAP + 1]))
        bounded = None
        if len(found) > _SEARCH_CAP:
            bounded = _SEARCH_CAP
            for n in sorted(found, reverse=True)[_SEARCH_CAP:]:
                del found[n]
        # Relevance (the engine's, the title weighing more) ranks the latest _RANK_CAP word
        # matches; entity-only matches and older ones follow, latest first.
        scores: dict[int, float] = {}
        if parsed.groups:
            scores.update((n, s) for n, s in self._word_scores(parsed, where, more, _RANK_CAP)
                          if n in found)
        ranked = sorted(scores, key=lambda n: (scores[n], -n))
        ranked += sorted((n for n in found if n not in scores), reverse=True)
        limit = _limit(query.limit)
        page = ranked[offset:offset + limit]
        names = dict(db.execute("SELECT id, name FROM outlets"))
        outlets = Counter(o for o, _ in found.values() if o is not None)
        days = Counter(d for _, d in found.values() if d is not None)
        folded = fold_key(query.q[:200])
        return SearchResult(
            self._hits(page, scores, parsed.terms, ids), len(found),
            sorted(((names[o], c) for o, c in outlets.items()), key=lambda x: (-x[1], x[0])),
            sorted(days.items(), reverse=True),
            _encode("q", [offset + limit]) if offset + limit < len(found) else None,
            parsed.terms,
            list(dict.fromkeys(v for e in named for v in e.variants if fold_key(v) != folded)),
            named, bounded=bounded)

    def _word_matches(self, parsed: ParsedQuery, where: list[str], more: list[Any],
                      limit: int) -> Iterator[tuple[int, int | None, str | None]]:
        """(article n, outlet, day) of the latest `limit` articles matching every group of
        `parsed` and the `where` clauses on `articles a` (arguments `more`), latest first."""
        raise NotImplementedError

    def _word_scores(self, parsed: ParsedQuery, where: list[str], more: list[Any],
                     limit: int) -> Iterator[tuple[int, float]]:
        """(article n, score: lower is better) of the latest `limit` such matches."""
        raise NotImplementedError

    def _article_filters(self, outlet: str | None, since: str | None, until: str | None,
                         entity: str | None) -> tuple[list[str], list[Any]]:
        """WHERE clauses on `articles a` shared by `select` and `search`."""
        where: list[str] = []
        args: list[Any] = []
        if outlet:
            where.append("a.outlet = (SELECT id FROM outlets WHERE name = ?)")
            args.append(outlet)
        if since:
            where.append("a.day >= ?")
            args.append(since)
        if until:
            where.append("a.day <= ?")
            args.append(until)
        if entity:
            where.append("a.n IN (SELECT article FROM mentions WHERE entity = ?)")
            args.append(self._survivor(entity))
        return where, args

    def _search_filters(self, query: SearchQuery) -> tuple[list[str], list[Any]]:
        where, args = self._article_filters(query.outlet, query.since, query.until,
                                            query.entity)
        if query.story:
            where.append("a.n IN (SELECT x.n FROM story_articles sa JOIN articles x "
                         "ON x.id = sa.article WHERE sa.story = ?)")
            args.append(query.story)
        if query.type:
            where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article = a.n AND "
                         "m.type = ?)")
            args.append(query.type)
        return where, args

    def _hits(self, page: list[int], scores: dict[int, float], terms: list[str],
              entities: list[str]) -> list[SearchHit]:
        if not page:
            return []
        rows = {r[0]: r for r in self._db.execute(
            "SELECT a.n, a.id, a.title, a.text, o.name, a.published, sa.story FROM articles a "
            "LEFT JOIN outlets o ON o.id = a.outlet "
            "LEFT JOIN story_articles sa ON sa.article = a.id "
            f"WHERE a.n IN ({_marks(page)})", page)}
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        if entities:
            for n, start, end in self._db.execute(
                    f"SELECT article, start, \"end\" FROM mentions WHERE article IN "
                    f"({_marks(page)}) AND entity IN ({_marks(entities)})", [*page, *entities]):
                spans[n].append((start, end))
        out: list[SearchHit] = []
        for n in page:
            _, aid, title, text, outlet, published, story = rows[n]
            passage = snippet(text, terms, _SNIPPET, spans[n])
            if title and not any(m for _, m in passage) and any(
                    m for _, m in snippet(title, terms, _SNIPPET)):
                passage = snippet(title, terms, _SNIPPET)
            out.append(SearchHit(aid, title, outlet, published, story, passage,
                                 round(-scores.get(n, 0.0), 4)))
        return out

    # Feeds (marsad watch) ---------------------------------------------------------------

    def seen_items(self, urls: list[str]) -> set[str]:
        found: set[str] = set()
        for part in _chunks(urls):
            found.update(r[0] for r in self._db.execute(
                f"SELECT url FROM articles WHERE url IN ({_marks(part)}) UNION "
                f"SELECT url FROM feed_items WHERE url IN ({_marks(part)}) "
                "AND status != 'retry'", part + part))
        return found

    def _record_poll(self, poll: FeedPoll) -> None:
        """The statements of `save_poll`, inside the engine's transaction."""
        db = self._db
        ok = poll.status in ("ok", "not-modified")
        failed = poll.status == "error"  # an interrupted poll is neither
        db.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING",
                   (poll.url,))
        db.execute(
            "UPDATE feeds SET name = COALESCE(?, name), last_poll = ?,"
            " last_success = CASE WHEN ? THEN ? ELSE last_success END,"
            " last_error = CASE WHEN ? THEN ? ELSE last_error END,"
            " failures = CASE WHEN ? THEN failures + 1 WHEN ? THEN 0 ELSE failures END,"
            " last_item = CASE WHEN ? > 0 THEN ? ELSE last_item END WHERE url = ?",
            (poll.name, poll.finished, ok, poll.finished, failed, poll.error, failed, ok,
             poll.new, poll.finished, poll.url))
        if poll.status == "ok":
            db.execute("UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                       (poll.etag, poll.last_modified, poll.url))
        feed = db.execute("SELECT n FROM feeds WHERE url = ?", (poll.url,)).fetchone()[0]
        db.execute(
            "INSERT INTO polls (feed, started, finished, status, error, entries, new,"
            " stored) VALUES (?,?,?,?,?,?,?,?)",
            (feed, poll.started, poll.finished, poll.status, poll.error, poll.entries,
             poll.new, poll.stored))
        # An item listed by two feeds belongs to the first that recorded it; one URL listed
        # twice in a poll is recorded once (ON CONFLICT cannot touch a key twice).
        items = {i.url: i for i in poll.items}
        db.executemany(
            "INSERT INTO feed_items (url, feed, seen, status, reason) VALUES (?,?,?,?,?)"
            " ON CONFLICT (url) DO UPDATE SET seen = excluded.seen,"
            " status = excluded.status, reason = excluded.reason",
            [(i.url, feed, poll.finished, i.status, i.reason) for i in items.values()])

    def feeds(self) -> list[FeedHealth]:
        rows = self._db.execute(
            "SELECT f.n, f.url, f.name, f.etag, f.last_modified, f.last_poll, f.last_success,"
            " f.last_error, f.failures, f.last_item,"
            " (SELECT COUNT(*) FROM polls p WHERE p.feed = f.n),"
            " (SELECT MIN(started) FROM polls p WHERE p.feed = f.n),"
            " (SELECT COALESCE(SUM(new), 0) FROM polls p WHERE p.feed = f.n),"
            " (SELECT new FROM polls p WHERE p.feed = f.n ORDER BY n LIMIT 1),"
            " (SELECT COALESCE(SUM(new), 0) FROM polls p WHERE p.feed = f.n"
            f"  AND p.finished > {self._DAY_BEFORE_LAST_POLL}),"
            " (SELECT COUNT(*) FROM feed_items i WHERE i.feed = f.n AND i.status != 'stored')"
            " FROM feeds f ORDER BY f.url").fetchall()
        found: list[FeedHealth] = []
        for (n, url, name, etag, modified, last_poll, last_success, last_error, failures,
             last_item, polls, first, items, backlog, recent, errors) in rows:
            bad = self._db.execute(
                "SELECT url, reason FROM feed_items WHERE feed = ? AND status != 'stored'"
                " ORDER BY seen DESC LIMIT 1", (n,)).fetchone()
            found.append(FeedHealth(
                url=url, name=name, etag=etag, last_modified=modified, polls=int(polls),
                last_poll=last_poll, last_success=last_success, last_error=last_error,
                failures=int(failures), first_poll=first, last_item=last_item,
                items=int(items), backlog=int(backlog or 0), items_recent=int(recent),
                item_errors=int(errors), last_item_error=f"{bad[0]}: {bad[1]}" if bad else None))
        return found


def _post(post: EmbeddedPost) -> dict[str, Any]:
    return {f.name: getattr(post, f.name) for f in fields(EmbeddedPost)}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _limit(limit: int) -> int:
    return max(1, min(int(limit), _MAX_PAGE))


def _encode(kind: str, position: list[Any]) -> str:
    """An opaque cursor: the page kind and the position after which the next page starts."""
    raw = json.dumps([kind, position], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, kind: str, size: int) -> list[Any]:
    """The position of a cursor made by `_encode(kind, ...)`; ValueError for any other."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got, position = json.loads(raw)
    except (ValueError, TypeError) as exc:
        raise ValueError("not a cursor this store gave") from exc
    if (got != kind or not isinstance(position, list) or len(position) != size
            or not all(isinstance(p, str | int | float) and not isinstance(p, bool)
                       for p in position)):
        raise ValueError("not a cursor this store gave")
    return position
