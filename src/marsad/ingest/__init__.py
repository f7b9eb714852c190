"""Ingest: turn input paths into raw `Document`s, or `Problem`s naming what could not be read.

Formats: `.txt` (a page copied as text), `.html`/`.htm` (a saved page), `.jsonl`/`.jsonl.gz`
(one article per line, keys as in the shared corpora), `.warc`/`.warc.gz` (the pages of a
web archive, such as `marsad watch` writes). Folders are walked recursively.
One bad input, or one bad JSONL line, never stops the others.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest.decode import DecodeError, decode
from marsad.records import Document, Problem

__all__ = ["SUFFIXES", "count_inputs", "discover", "read", "read_file", "read_records",
           "record_document"]

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")
_NAMES = ".txt, .html, .htm, .jsonl, .jsonl.gz, .warc or .warc.gz"

# JSONL keys carried into Document.meta when they hold text.
_META_KEYS = ("id", "title", "source", "url", "published", "author", "lead")
# A key naming when the record was crawled or fetched (SNN `date_extracted`, `crawled_at`,
# `fetch_time`, ...) and holding an ISO date: carried as meta["discovered"], never as the
# publication date.
_DISCOVERY_KEY = re.compile(r"extract|crawl|fetch|discover|scrap|retriev|harvest|download",
                            re.IGNORECASE)
_ISO_DATE = re.compile(r"\s*\d{4}-\d\d-\d\d")


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in SUFFIXES if name.endswith(s)), None)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Input files under `paths` in a stable order; missing paths come back as Problems.

    Inside folders, files of other formats and hidden files are skipped; a file named
    explicitly must be of a known format.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and _suffix(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield Problem(str(path), f"folder holds no {_NAMES} file")
            yield from found
        elif path.is_file():
            if _suffix(path):
                yield path
            else:
                yield Problem(str(path), f"unsupported format (expected {_NAMES})")
        elif path.exists():
            yield Problem(str(path), "not a regular file")
        else:
            yield Problem(str(path), "no such file or folder")


def count_inputs(paths: Iterable[Path]) -> int:
    """A cheap size estimate for progress bars: files, plus lines of plain JSONL files."""
    total = 0
    for path in paths:
        if path.name.lower().endswith(".jsonl"):
            with open(path, "rb") as fh:
                total += sum(1 for _ in fh)
        else:
            total += 1
    return total


def read(paths: Iterable[str | Path]) -> Iterator[Document | Problem]:
    """Every document in `paths`, in order, with a Problem for each input that failed."""
    for item in discover(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[Document | Problem]:
    suffix = _suffix(path)
    if suffix in (".warc", ".warc.gz"):
        from marsad.ingest.warc import read_warc

        if not path.is_file() or not os.access(path, os.R_OK):
            yield Problem(str(path), "cannot read file")
            return
        yield from read_warc(path)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    if suffix in (".jsonl", ".jsonl.gz"):
        if suffix == ".jsonl.gz":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error) as exc:
                yield Problem(str(path), f"not a readable gzip file: {exc}")
                return
        yield from _read_jsonl(path, data)
        return
    try:
        text = decode(data)
    except DecodeError as exc:
        yield Problem(str(path), str(exc))
        return
    if not text.strip():
        yield Problem(str(path), "empty file")
        return
    fmt = "html" if suffix in (".html", ".htm") else "text"
    yield Document(origin=str(path), format=fmt, content=text)


def _read_jsonl(path: Path, data: bytes) -> Iterator[Document | Problem]:
    if not data.strip():
        yield Problem(str(path), "empty file")
        return
    yield from _jsonl_lines(str(path), data)


def _jsonl_lines(origin: str, data: bytes) -> Iterator[Document | Problem]:
    for number, raw in enumerate(data.split(b"\n"), start=1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        try:
            line = decode(raw)
        except DecodeError as exc:
            yield Problem(where, str(exc))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        yield record_document(record, where)


def record_document(record: object, origin: str) -> Document | Problem:
    """One article record (the keys of a JSONL line) as a Document, or why it cannot be."""
    if not isinstance(record, dict):
        return Problem(origin, "expected a JSON object with a 'text' or 'html' field")
    text, html, title = record.get("text"), record.get("html"), record.get("title")
    if isinstance(text, str) and text.strip():
        fmt, content = "jsonl", text
    elif isinstance(html, str) and html.strip():
        fmt, content = "html", html
    elif isinstance(title, str) and title.strip():
        fmt, content = "jsonl", title  # a headline-only record still reports an event
    else:
        return Problem(origin, "no 'text', 'html' or 'title' field with content")
    meta = {k: str(record[k]).strip() for k in _META_KEYS
            if isinstance(record.get(k), str | int | float) and str(record[k]).strip()}
    discovered = next((v for k, v in record.items() if _DISCOVERY_KEY.search(k)
                       and isinstance(v, str) and _ISO_DATE.match(v)), None)
    if discovered is not None:
        meta["discovered"] = discovered.strip()
    return Document(origin=origin, format=fmt, content=content, meta=meta)


def read_records(data: bytes, origin: str) -> Iterator[Document | Problem]:
    """Articles sent as one body (the web API): a JSON object, a JSON array of objects, or
    JSONL. Each record's origin is `origin:N`, N its line in JSONL or its place (from 1) in
    the array; a bad record is a Problem and never stops the others."""
    if not data.strip():
        yield Problem(origin, "empty body")
        return
    head = data.lstrip()[:1]
    if head in (b"[", b"{"):
        try:
            parsed = json.loads(decode(data))
        except (json.JSONDecodeError, DecodeError):
            parsed = None  # not one JSON value: JSON lines, read line by line below
        if isinstance(parsed, list):
            if not parsed:
                yield Problem(origin, "empty array")
            for number, record in enumerate(parsed, start=1):
                yield record_document(record, f"{origin}:{number}")
            return
        if isinstance(parsed, dict):
            yield record_document(parsed, f"{origin}:1")
            return
    yield from _jsonl_lines(origin, data)
