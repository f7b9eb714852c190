"""The Parquet tables a Spark run writes: the store's tables, keyed by article id.

Columns follow `marsad.store.sqlite` (its internal row numbers become article ids; the
lists a store keeps as child rows of JSON `data`, a story's timeline, claims and summary,
are JSON columns here). Records go to rows and back without Spark, so `marsad load` needs
only pyarrow.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from marsad.records import (
    Article,
    EmbeddedPost,
    Entity,
    Mention,
    Quantity,
    Quote,
    Reuse,
    Story,
    TimeExpr,
)
from marsad.store import content_key
from marsad.stories.cluster import StoryProfile
from marsad.stories.text import day_of

__all__ = ["SCHEMAS", "article_rows", "articles_from", "entities_from", "entity_rows",
           "reuse_from", "reuse_rows", "stories_from", "story_rows"]

# Spark DDL of each table (pyarrow reads them back by name).
SCHEMAS: dict[str, str] = {
    "articles": "id string, content_key string, origin string, outlet string, title string, "
                "text string, published string, day string, published_basis string, "
                "discovered string, url string, author string, credits string, "
                "embedded_posts string",
    "times": "article string, k int, text string, start int, end int, type string, "
             "value string",
    "mentions": "article string, k int, text string, start int, end int, type string, "
                "entity string",
    "quantities": "article string, k int, text string, start int, end int, value double, "
                  "approx boolean, bound string, unit string",
    "quotes": "article string, k int, text string, start int, end int, speaker string, "
              "speaker_text string, direct boolean",
    "bands": "key long, article string",
    "entities": "id string, name string, type string",
    "entity_variants": "entity string, k int, variant string",
    "entity_keys": "key string, entity string",
    "stories": "id string, title string, start string, end string, timeline string, "
               "claims string, summary string",
    "story_articles": "story string, k int, article string",
    "story_profiles": "story string, start string, end string, centroid string, "
                      "seed string, entities string",
    "reuse": "a string, b string, source string, via string, share double, "
             "passages array<string>",
}
ARTICLE_TABLES = ("articles", "times", "mentions", "quantities", "quotes", "bands")
ENTITY_TABLES = ("entities", "entity_variants", "entity_keys")
STORY_TABLES = ("stories", "story_articles", "story_profiles")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def article_rows(a: Article, bands: list[int]) -> dict[str, list[dict[str, Any]]]:
    """Rows of one article in each article table."""
    day = day_of(a.published)
    return {
        "articles": [{
            "id": a.id, "content_key": content_key(a), "origin": a.origin, "outlet": a.outlet,
            "title": a.title, "text": a.text, "published": a.published,
            "day": day.isoformat() if day else None, "published_basis": a.published_basis,
            "discovered": a.discovered, "url": a.url, "author": a.author,
            "credits": _json(a.credits),
            "embedded_posts": _json([asdict(p) for p in a.embedded_posts])}],
        "times": [{"article": a.id, "k": k, **asdict(t)} for k, t in enumerate(a.times)],
        "mentions": [{"article": a.id, "k": k, **asdict(m)} for k, m in enumerate(a.mentions)],
        "quantities": [{"article": a.id, "k": k, **asdict(q)}
                       for k, q in enumerate(a.quantities)],
        "quotes": [{"article": a.id, "k": k, **asdict(q)} for k, q in enumerate(a.quotes)],
        "bands": [{"key": b, "article": a.id} for b in bands],
    }


def entity_rows(e: Entity, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
    return {
        "entities": [{"id": e.id, "name": e.name, "type": e.type}],
        "entity_variants": [{"entity": e.id, "k": k, "variant": v}
                            for k, v in enumerate(e.variants)],
        "entity_keys": [{"key": key, "entity": e.id} for key in keys],
    }


def story_rows(s: Story, p: StoryProfile) -> dict[str, list[dict[str, Any]]]:
    return {
        "stories": [{"id": s.id, "title": s.title, "start": s.start, "end": s.end,
                     "timeline": _json(s.timeline), "claims": _json(s.claims),
                     "summary": _json(s.summary)}],
        "story_articles": [{"story": s.id, "k": k, "article": a}
                           for k, a in enumerate(s.articles)],
        "story_profiles": [{"story": p.id, "start": p.start, "end": p.end,
                            "centroid": _json(p.centroid), "seed": _json(p.seed),
                            "entities": _json(p.entities)}],
    }


def reuse_rows(r: Reuse) -> dict[str, Any]:
    return {"a": r.articles[0], "b": r.articles[1], "source": r.source, "via": r.via,
            "share": r.share, "passages": list(r.passages)}


def _by(rows: Iterable[dict[str, Any]], column: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row[column], []).append(row)
    for group in out.values():
        group.sort(key=lambda r: r["k"])
    return out


def _fields(row: dict[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in drop}


def articles_from(tables: dict[str, list[dict[str, Any]]]
                  ) -> Iterator[tuple[Article, list[int]]]:
    """Articles with their band keys, back from the rows of the article tables."""
    kids = {name: _by(tables[name], "article")
            for name in ("times", "mentions", "quantities", "quotes")}
    bands: dict[str, list[int]] = {}
    for row in tables["bands"]:
        bands.setdefault(row["article"], []).append(int(row["key"]))
    drop = ("article", "k")
    for row in tables["articles"]:
        aid = row["id"]
        yield Article(
            id=aid, origin=row["origin"], text=row["text"], title=row["title"],
            outlet=row["outlet"], published=row["published"],
            published_basis=row["published_basis"], discovered=row["discovered"],
            credits=json.loads(row["credits"]),
            embedded_posts=[EmbeddedPost(**p) for p in json.loads(row["embedded_posts"])],
            url=row["url"], author=row["author"],
            times=[TimeExpr(**_fields(r, drop)) for r in kids["times"].get(aid, [])],
            mentions=[Mention(**_fields(r, drop)) for r in kids["mentions"].get(aid, [])],
            quantities=[Quantity(**_fields(r, drop))
                        for r in kids["quantities"].get(aid, [])],
            quotes=[Quote(**_fields(r, drop)) for r in kids["quotes"].get(aid, [])],
        ), sorted(bands.get(aid, []))


def entities_from(tables: dict[str, list[dict[str, Any]]]
                  ) -> tuple[list[Entity], dict[str, list[str]]]:
    """Entities (variants in order; no article lists) and their name keys."""
    variants = _by(tables["entity_variants"], "entity")
    keys: dict[str, list[str]] = {}
    for row in tables["entity_keys"]:
        keys.setdefault(row["entity"], []).append(row["key"])
    entities = [Entity(id=r["id"], name=r["name"], type=r["type"],
                       variants=[v["variant"] for v in variants.get(r["id"], [])])
                for r in tables["entities"]]
    return entities, {k: sorted(v) for k, v in keys.items()}


def stories_from(tables: dict[str, list[dict[str, Any]]]
                 ) -> Iterator[tuple[Story, StoryProfile]]:
    members = _by(tables["story_articles"], "story")
    profiles = {r["story"]: r for r in tables["story_profiles"]}
    for r in tables["stories"]:
        ids = [m["article"] for m in members.get(r["id"], [])]
        p = profiles[r["id"]]
        yield (Story(id=r["id"], title=r["title"], articles=ids, start=r["start"],
                     end=r["end"], timeline=json.loads(r["timeline"]),
                     claims=json.loads(r["claims"]), summary=json.loads(r["summary"])),
               StoryProfile(id=r["id"], centroid=json.loads(p["centroid"]),
                            entities=json.loads(p["entities"]), start=p["start"],
                            end=p["end"], articles=ids, seed=json.loads(p["seed"])))


def reuse_from(rows: Iterable[dict[str, Any]]) -> list[Reuse]:
    return [Reuse(articles=[r["a"], r["b"]], source=r["source"],
                  passages=list(r["passages"] or []), share=float(r["share"]), via=r["via"])
            for r in rows]
