"""Store: an embedded SQLite database of analysed articles.

Articles are keyed by their normalised content, so adding the same article twice, from
the same file or another export of it, stores it once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.normalise import key
from marsad.records import Article

__all__ = ["Store", "StoreError", "content_key"]

_SCHEMA = """
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


class StoreError(RuntimeError):
    """The database cannot be opened or is not a marsad store."""


def content_key(article: Article) -> str:
    """Identity of an article: a hash of its folded title and body."""
    return hashlib.sha1(key(f"{article.title or ''}\n{article.text}").encode()).hexdigest()


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def add(self, articles: Iterable[Article]) -> list[Article]:
        """Store articles not stored yet; return those that were new."""
        new: list[Article] = []
        with self._db:
            for article in articles:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO articles (content_key, id, published, data) "
                    "VALUES (?, ?, ?, ?)",
                    (content_key(article), article.id, article.published,
                     json.dumps(article.to_dict(), ensure_ascii=False)),
                )
                if cursor.rowcount:
                    new.append(article)
        return new

    def id_keys(self) -> dict[str, str]:
        """Stored article ids and their content keys."""
        return dict(self._db.execute("SELECT id, content_key FROM articles"))

    def articles(self) -> Iterator[Article]:
        """Every stored article, oldest first."""
        rows = self._db.execute("SELECT data FROM articles ORDER BY published, id")
        for (data,) in rows:
            yield Article.from_dict(json.loads(data))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def get_state(self, name: str) -> Any:
        """A named JSON value kept between runs (e.g. the story index), or None."""
        row = self._db.execute("SELECT data FROM state WHERE name = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_state(self, name: str, value: Any) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO state (name, data) VALUES (?, ?)",
                             (name, json.dumps(value, ensure_ascii=False)))
