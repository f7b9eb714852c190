"""Feeds: the list of feeds to follow (lines or OPML), and a fetched feed's items.

RSS 0.9x, 1.0, 2.0 and Atom are read by feedparser. A feed that cannot be used is a
Problem with the reason; a malformed feed that still yields items gives them with the
Problem beside (the items are read, the feed is recorded as failed).
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from marsad.ingest.decode import DecodeError, decode
from marsad.records import Problem

__all__ = ["FeedItem", "FeedSource", "parse_feed", "read_feed_list"]


@dataclass(slots=True, frozen=True)
class FeedSource:
    url: str
    name: str | None = None  # the outlet's name, given to its articles


@dataclass(slots=True)
class FeedItem:
    url: str
    title: str | None
    published: str | None  # UTC ISO datetime, as the feed gives it
    author: str | None = None


def _is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def read_feed_list(path: str | Path) -> tuple[list[FeedSource], list[Problem]]:
    """Feeds from a file: one URL a line, optionally followed by the outlet's name (blank
    lines and `#` comments skipped), or an OPML file (`outline` elements with `xmlUrl`).
    A line or outline that is not an http(s) URL is a Problem; a URL listed twice, once."""
    path = Path(path)
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        return [], [Problem(str(path), f"cannot read feed list: {exc.strerror or exc}")]
    except DecodeError as exc:
        return [], [Problem(str(path), f"feed list is not text: {exc}")]
    found: list[FeedSource] = []
    problems: list[Problem] = []
    if text.lstrip().startswith("<"):
        try:
            root = ET.fromstring(text.lstrip())
        except ET.ParseError as exc:
            return [], [Problem(str(path), f"malformed OPML: {exc}")]
        for k, outline in enumerate(root.iter("outline"), start=1):
            url = (outline.get("xmlUrl") or "").strip()
            if not url:
                continue  # a folder of outlines
            if not _is_url(url):
                problems.append(Problem(f"{path}: outline {k}", f"not a feed URL: {url!r}"))
                continue
            name = (outline.get("title") or outline.get("text") or "").strip() or None
            found.append(FeedSource(url, name))
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            url, _, name = line.partition(" ")
            if not _is_url(url):
                problems.append(Problem(f"{path}:{number}", f"not a feed URL: {url!r}"))
                continue
            found.append(FeedSource(url, name.strip() or None))
    first: dict[str, FeedSource] = {}
    for f in found:
        first.setdefault(f.url, f)
    unique = list(first.values())
    if not unique and not problems:
        problems.append(Problem(str(path), "no feed URL in the feed list"))
    return unique, problems


def _when(entry: dict[str, object]) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            stamp = calendar.timegm(value)  # type: ignore[arg-type]
            return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def parse_feed(url: str, body: bytes) -> tuple[list[FeedItem], Problem | None]:
    """The items of a feed (links made absolute, in feed order, each link once) and the
    Problem of the feed, if any: malformed XML, not a feed, no items."""
    import feedparser

    parsed = feedparser.parse(body, resolve_relative_uris=False, sanitize_html=False)
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link and _is_url(entry.get("id") or ""):
            link = entry["id"]
        link = urljoin(url, link) if link else ""
        if not _is_url(link) or link in seen:
            continue
        seen.add(link)
        items.append(FeedItem(url=link, title=(entry.get("title") or "").strip() or None,
                              published=_when(entry),
                              author=(entry.get("author") or "").strip() or None))
    problem: Problem | None = None
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not items:
        problem = Problem(url, "not a feed (no RSS or Atom document)")
    elif error is not None and type(error).__name__ == "SAXParseException":
        line = getattr(error, "getLineNumber", lambda: None)()
        where = f" at line {line}" if line else ""
        got = f"; {len(items)} items read anyway" if items else ""
        problem = Problem(url, f"malformed feed XML{where}: {error.getMessage()}{got}")
    elif not items:
        problem = Problem(url, "empty feed: no items with a link"
                          if parsed.entries else "empty feed: no items")
    return items, problem
