"""`marsad load`: the Parquet tables of a Spark run into a store, through `marsad.store`.

The run linked its articles already (entities, reuse, stories), so they are written as
they are, not linked again: the store must be new or empty. Articles go in batches of
`BATCH`, each one transaction; entities, stories and reuse follow, so a store that opens
has its articles first and a load killed midway is redone into a fresh store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from marsad.pipeline import BATCH
from marsad.spark.tables import SCHEMAS, articles_from, entities_from, reuse_from, stories_from
from marsad.store import open_store

__all__ = ["LoadError", "load", "read_tables"]


class LoadError(RuntimeError):
    """The folder is not the output of `marsad spark` (a table is missing or unreadable)."""


def _read(folder: Path, name: str) -> list[dict[str, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise LoadError("marsad load needs pyarrow: pip install 'marsad[spark]'") from exc
    path = folder / name
    if not path.exists():
        raise LoadError(f"{folder}: not the output of marsad spark (no {name} table)")
    try:
        return pq.read_table(path).to_pylist()
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise LoadError(f"{path}: not a readable Parquet table ({exc})") from exc


def read_tables(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of a Spark run's folder, as rows."""
    if not folder.is_dir():
        raise LoadError(f"{folder}: no such folder")
    return {name: _read(folder, name) for name in SCHEMAS}


def load(folder: Path, db: str | Path) -> dict[str, int]:
    """Load a Spark run's tables into the store `db`; returns rows loaded per record kind."""
    tables = read_tables(folder)
    with open_store(db) as store:
        if store.article_count():
            raise LoadError(f"{db}: the store holds articles already; load a Spark run into "
                            "a new store (marsad analyze --db adds and links articles)")
        entities, keys = entities_from(tables)
        pending = list(articles_from(tables))
        for lo in range(0, len(pending), BATCH):
            chunk = pending[lo:lo + BATCH]
            with store.transaction():
                store.add_articles([a for a, _ in chunk], {a.id: b for a, b in chunk})
        with store.transaction():
            store.save_entities(entities, keys, {})
        found = list(stories_from(tables))
        for lo in range(0, len(found), BATCH):
            stories = found[lo:lo + BATCH]
            with store.transaction():
                store.save_stories([s for s, _ in stories], [p for _, p in stories])
        reuse = reuse_from(tables["reuse"])
        with store.transaction():
            store.add_reuse(reuse)
    return {"articles": len(pending), "entities": len(entities), "stories": len(found),
            "reuse links": len(reuse)}
