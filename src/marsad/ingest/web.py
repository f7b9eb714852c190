"""A fetched web page as a `Document`: its charset found, its kind checked.

Shared by `marsad watch` (pages it fetches) and the WARC reader (pages it archived), so the
archive gives the same documents as the fetch did.
"""

from __future__ import annotations

import codecs
import re

from marsad.ingest.decode import DecodeError, decode
from marsad.records import Document, Problem

__all__ = ["HTML_TYPES", "decode_page", "media_type", "page_document"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def media_type(content_type: str | None) -> str | None:
    """"text/html; charset=utf-8" → "text/html"."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _codec(name: str | bytes) -> str | None:
    try:
        return codecs.lookup(name.decode("ascii", "replace") if isinstance(name, bytes)
                             else name).name
    except LookupError:
        return None


def decode_page(body: bytes, content_type: str | None) -> tuple[str, str | None]:
    """The page's text and a note when its charset was not declared or was wrong.

    Order: the Content-Type header's charset, the page's own meta tag, then detection
    (`marsad.ingest.decode`, which knows Windows-1256 and ISO-8859-6). DecodeError when
    none reads it."""
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(body[:4096])
    declared = [(where, _codec(m.group(1)), m.group(1)) for where, m in
                (("header", header), ("meta tag", meta)) if m]
    notes: list[str] = []
    for where, codec, raw in declared:
        label = raw.decode("ascii", "replace") if isinstance(raw, bytes) else raw
        if codec is None:
            notes.append(f"unknown charset {label!r} in the {where}")
            continue
        try:
            return body.decode(codec), None if not notes else "; ".join(notes)
        except UnicodeDecodeError:
            notes.append(f"charset {label!r} in the {where} does not fit the bytes")
    text = decode(body)
    try:
        body.decode("utf-8-sig")
    except UnicodeDecodeError:
        notes.append("no usable charset declared: a legacy encoding found by detection")
    return text, "; ".join(notes) or None


def page_document(url: str, body: bytes, content_type: str | None,
                  meta: dict[str, str]) -> tuple[Document | Problem, str | None]:
    """A fetched page as an HTML Document (origin: its URL), or the Problem that stops it;
    with a note on how its charset was found when it was not declared."""
    kind = media_type(content_type)
    if kind is None:
        head = body[:1024].lstrip().lower()
        if not head.startswith((b"<!doctype html", b"<html")) and b"<body" not in head:
            return Problem(url, "no content type and not HTML"), None
    elif kind not in HTML_TYPES:
        return Problem(url, f"not an HTML page ({kind})"), None
    try:
        text, note = decode_page(body, content_type)
    except DecodeError as exc:
        return Problem(url, f"page in no readable encoding: {exc}"), None
    if not text.strip():
        return Problem(url, "empty page"), note
    return Document(origin=url, format="html", content=text, meta=dict(meta)), note
