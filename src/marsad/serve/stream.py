"""dossier.json and report.html of stored stories, however many: read and written in chunks.

The dossier is streamed story chunk by story chunk, so memory holds one chunk's articles,
not the run's. Within a chunk articles are ordered by (published, id), so a dossier of up
to `CHUNK` stories is the one `pipeline.store_dossier` builds in memory. The report, a page
for a person, shows at most `REPORT_STORIES` stories (the largest) and says so.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from marsad.records import Dossier, Entity, Problem
from marsad.serve.report import render_report
from marsad.store import Store

__all__ = ["CHUNK", "REPORT_STORIES", "write_store_dossier", "write_store_report"]

CHUNK = 200  # stories per read
REPORT_STORIES = 150


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for lo in range(0, len(items), size):
        yield items[lo:lo + size]


def _items(fh: IO[str], name: str, items: Iterator[dict[str, Any]], last: bool = False
           ) -> None:
    fh.write(f' "{name}": [')
    for n, item in enumerate(items):
        fh.write(",\n  " if n else "\n  ")
        fh.write(json.dumps(item, ensure_ascii=False))
    fh.write("\n ]" + ("\n" if last else ",\n"))


def write_store_dossier(store: Store, story_ids: list[str], path: str | Path,
                        problems: list[Problem] | None = None) -> Path:
    """The dossier of stored stories (schema of dossier.json), written as it is read."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    members: list[str] = []
    mentioned: dict[str, set[str]] = defaultdict(set)
    known: dict[str, Entity] = {}

    def articles() -> Iterator[dict[str, Any]]:
        for part in _chunks(story_ids, CHUNK):
            ids = list(dict.fromkeys(i for s in store.stories(part) for i in s.articles))
            members.extend(ids)
            for e in store.entities_in(ids):
                mentioned[e.id].update(e.articles)
                known.setdefault(e.id, e)
            for a in sorted(store.articles(ids), key=lambda a: (a.published or "", a.id)):
                yield a.to_dict()

    def entities() -> Iterator[dict[str, Any]]:
        for e in sorted(known.values(), key=lambda e: (e.type, e.name, e.id)):
            e.articles = sorted(mentioned[e.id])
            yield asdict(e)

    def stories() -> Iterator[dict[str, Any]]:
        for part in _chunks(story_ids, CHUNK):
            for s in store.stories(part):
                yield s.to_dict()

    with path.open("w", encoding="utf-8") as fh:
        fh.write("{\n")
        _items(fh, "articles", articles())
        _items(fh, "entities", entities())
        _items(fh, "stories", stories())
        _items(fh, "reuse", (r.to_dict() for r in store.reuse_among(members)))
        _items(fh, "problems", (asdict(p) for p in problems or []), last=True)
        fh.write("}\n")
    return path


def write_store_report(store: Store, story_ids: list[str], path: str | Path,
                       problems: list[Problem] | None = None) -> tuple[Path, int]:
    """report.html of the largest `REPORT_STORIES` of the stories (all when fewer), in
    their given order; returns the path and how many stories it shows."""
    shown = story_ids
    if len(story_ids) > REPORT_STORIES:
        sizes = {s.id: len(s.articles) for part in _chunks(story_ids, CHUNK)
                 for s in store.stories(part)}
        top = set(sorted(story_ids, key=lambda i: -sizes.get(i, 0))[:REPORT_STORIES])
        shown = [i for i in story_ids if i in top]
    found = store.stories(shown)
    ids = list(dict.fromkeys(i for s in found for i in s.articles))
    articles = sorted(store.articles(ids), key=lambda a: (a.published or "", a.id))
    dossier = Dossier(articles=articles, entities=store.entities_in(ids), stories=found,
                      reuse=store.reuse_among(ids), problems=list(problems or []))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(dossier, of_stories=len(story_ids)), "utf-8")
    return path, len(shown)
