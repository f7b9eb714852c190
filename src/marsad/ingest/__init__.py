"""Ingest: turn input paths into raw `Document`s, or `Problem`s naming what could not be read.

Formats: `.txt` (a page copied as text), `.html`/`.htm` (a saved page), `.jsonl`/`.jsonl.gz`
(one article per line, keys as in the shared corpora), `.warc`/`.warc.gz` (the pages of a
web archive, such as `marsad watch` writes). Folders are walked recursively.
One bad input, or one bad JSONL line, never stops the others. JSONL files are read line by
line (memory holds one line); inputs beyond the `marsad.limits.Limits` are Problems.
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
from marsad.limits import Limits, over
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
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")  # matched after leading space is stripped
# JSON escapes can make lone surrogates ("\ud800"), which no UTF-8 output can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CHUNK = 1 << 20


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
            try:
                with open(path, "rb") as fh:  # in chunks: a line may be of any length
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(_CHUNK), b""))
            except OSError:
                total += 1  # reported when it is read
        else:
            total += 1
    return total


def read(paths: Iterable[str | Path], limits: Limits | None = None
         ) -> Iterator[Document | Problem]:
    """Every document in `paths`, in order, with a Problem for each input that failed."""
    for item in discover(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item, limits)


def read_file(path: Path, limits: Limits | None = None) -> Iterator[Document | Problem]:
    """The documents of one input file (`limits`: None for `Limits.from_env()`)."""
    limits = limits or Limits.from_env()
    suffix = _suffix(path)
    if suffix in (".warc", ".warc.gz"):
        from marsad.ingest.warc import read_warc

        if not path.is_file() or not os.access(path, os.R_OK):
            yield Problem(str(path), "cannot read file")
            return
        yield from read_warc(path)
        return
    if suffix in (".jsonl", ".jsonl.gz"):
        yield from _read_jsonl(path, suffix == ".jsonl.gz", limits)
        return
    cap = limits.article_bytes
    try:
        size = path.stat().st_size
        if cap and size > cap:
            yield Problem(str(path), over("file", size, cap, "--max-article-mb"))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"cannot read file: {exc.strerror or exc}")
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


def _read_jsonl(path: Path, gz: bool, limits: Limits) -> Iterator[Document | Problem]:
    """Line by line, a line over `limits.line_bytes` skipped without being held."""
    cap = limits.line_bytes
    number, blank = 0, True
    try:
        raw_file = open(path, "rb")  # noqa: SIM115 (closed below, with the gzip reader)
    except OSError as exc:
        yield Problem(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    with raw_file, (gzip.GzipFile(fileobj=raw_file) if gz else raw_file) as fh:
        try:
            while raw := (fh.readline(cap + 1) if cap else fh.readline()):
                number += 1
                if cap and len(raw) > cap and not raw.endswith(b"\n"):
                    size = len(raw)
                    while rest := fh.readline(_CHUNK):
                        size += len(rest)
                        if rest.endswith(b"\n"):
                            break
                    yield Problem(f"{path}:{number}", over("line", size, cap, "--max-line-mb"))
                    blank = False
                elif raw.strip():
                    blank = False
                    yield _record_line(raw, f"{path}:{number}", limits)
        except (OSError, EOFError, zlib.error) as exc:
            where = str(path) if number == 0 else f"{path}:{number + 1}"
            reason = (f"not a readable gzip file: {exc}" if gz
                      else f"cannot read file: {getattr(exc, 'strerror', None) or exc}")
            yield Problem(where, reason)
            return
    if blank:
        yield Problem(str(path), "empty file")


def _jsonl_lines(origin: str, data: bytes, limits: Limits) -> Iterator[Document | Problem]:
    cap = limits.line_bytes
    for number, raw in enumerate(data.split(b"\n"), start=1):
        where = f"{origin}:{number}"
        if cap and len(raw) > cap:
            yield Problem(where, over("line", len(raw), cap, "--max-line-mb"))
        elif raw.strip():
            yield _record_line(raw, where, limits)


def _record_line(raw: bytes, where: str, limits: Limits) -> Document | Problem:
    try:
        line = decode(raw)
    except DecodeError as exc:
        return Problem(where, str(exc))
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:  # [[[[...]]]]: nesting deeper than the JSON parser goes
        return Problem(where, "malformed JSON: nested too deep")
    return record_document(record, where, limits)


def _text(value: str) -> str:
    """A JSON string with any lone surrogate as U+FFFD (same length: offsets hold)."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def record_document(record: object, origin: str, limits: Limits | None = None
                    ) -> Document | Problem:
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
    cap = (limits or Limits.from_env()).article_bytes
    if cap and len(content) > cap // 4:  # else it cannot be over: 4 bytes a character at most
        size = len(content.encode("utf-8", "surrogatepass"))
        if size > cap:
            field = "html" if fmt == "html" else "text"
            return Problem(origin, over(f"'{field}'", size, cap, "--max-article-mb"))
    meta = {k: _text(str(record[k]).strip()) for k in _META_KEYS
            if isinstance(record.get(k), str | int | float) and str(record[k]).strip()}
    discovered = next((v for k, v in record.items() if _DISCOVERY_KEY.search(str(k))
                       and isinstance(v, str) and _ISO_DATE.match(v.lstrip())), None)
    if discovered is not None:
        meta["discovered"] = _text(discovered.strip())
    return Document(origin=origin, format=fmt, content=_text(content), meta=meta)


def read_records(data: bytes, origin: str, limits: Limits | None = None
                 ) -> Iterator[Document | Problem]:
    """Articles sent as one body (the web API): a JSON object, a JSON array of objects, or
    JSONL. Each record's origin is `origin:N`, N its line in JSONL or its place (from 1) in
    the array; a bad record is a Problem and never stops the others."""
    limits = limits or Limits.from_env()
    if not data.strip():
        yield Problem(origin, "empty body")
        return
    head = data.lstrip()[:1]
    if head in (b"[", b"{"):
        try:
            parsed = json.loads(decode(data))
        except (json.JSONDecodeError, DecodeError, RecursionError):
            parsed = None  # not one JSON value: JSON lines, read line by line below
        if isinstance(parsed, list):
            if not parsed:
                yield Problem(origin, "empty array")
            for number, record in enumerate(parsed, start=1):
                yield record_document(record, f"{origin}:{number}", limits)
            return
        if isinstance(parsed, dict):
            yield record_document(parsed, f"{origin}:1", limits)
            return
    yield from _jsonl_lines(origin, data, limits)
