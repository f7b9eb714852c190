"""Atom feeds (feedgen) and CSV downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

from marsad.serve.web.text import xml_text

__all__ = ["FeedEntry", "atom", "csv_text"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class FeedEntry:
    id: str  # absolute url of the page the entry stands for
    title: str
    updated: str | None  # ISO date or datetime
    summary: str = ""
    author: str | None = None


def _when(text: str | None) -> datetime:
    if not text:
        return _EPOCH
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _EPOCH
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def atom(feed_id: str, title: str, lang: str, entries: Sequence[FeedEntry]) -> bytes:
    """An Atom document; `feed_id` is its own absolute url."""
    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(xml_text(title) or "marsad")
    fg.link(href=feed_id, rel="self")
    fg.author({"name": "marsad"})
    fg.language(lang)
    stamps = [_when(e.updated) for e in entries]
    fg.updated(max(stamps, default=_EPOCH))
    for entry, stamp in zip(entries, stamps, strict=True):
        fe = fg.add_entry(order="append")
        fe.id(entry.id)
        fe.title(xml_text(entry.title) or entry.id)
        fe.link(href=entry.id)
        fe.updated(stamp)
        if entry.summary:
            fe.summary(xml_text(entry.summary))
        if entry.author:
            fe.author({"name": xml_text(entry.author)})
    data: bytes = fg.atom_str(pretty=True)
    return data


def csv_text(rows: Iterable[Any], record: type) -> str:
    """Rows of dataclass records as CSV with a header (UTF-8 with BOM for spreadsheets)."""
    names = [f.name for f in fields(record)]
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(getattr(row, n)) for n in names])
    return out.getvalue()


def _cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
