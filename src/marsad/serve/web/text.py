"""Hostile text made safe: escaped pieces, visible bidi controls, highlighted offsets, links.

Every piece of stored text is untrusted (article bodies, titles, outlet names, urls). It
reaches HTML only through `show()`, which escapes it and turns the invisible bidi
controls (U+202A–U+202E, U+2066–U+2069) into visible text, so that an override such as
"‮gpj.exe" can neither reorder the page nor hide what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from marsad.records import Article

__all__ = ["Span", "highlight", "number", "safe_url", "show", "xml_text"]

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 cannot hold at all (feeds would be refused by the serialiser).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def show(value: object) -> Markup:
    """Escaped text for HTML, bidi controls shown as [U+202E]; Markup passes through."""
    if isinstance(value, Markup):
        return value
    return Markup(_BIDI.sub(_visible, str(escape("" if value is None else value))))


def number(value: object) -> str:
    """A figure as people write it: 16.0 -> "16", 2030 -> "2,030", 2.5 -> "2.5"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def xml_text(value: object) -> str:
    """Text a feed can hold: no XML-forbidden characters, bidi controls made visible."""
    return _BIDI.sub(_visible, _NOT_XML.sub("", "" if value is None else str(value)))


def safe_url(url: str | None) -> str | None:
    """The url when it is an absolute http(s) address with a host, else None."""
    if not url:
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in text for c in "\"'<> \t\r\n") or _BIDI.search(text):
        return None
    return text


@dataclass(slots=True)
class Span:
    start: int
    end: int
    tag: str  # element name
    attrs: dict[str, str]  # escaped on output
    rank: int  # outer first when two spans start together and end together


# Outer to inner when spans coincide: a quote holds names and figures, not the reverse.
_RANK = {"quote": 0, "mention": 1, "time": 2, "figure": 3}


def _spans(article: Article, entity_names: dict[str, str]) -> list[Span]:
    spans: list[Span] = []
    for q in article.quotes:
        attrs = {"class": "quote"}
        if q.speaker_text:
            attrs["title"] = q.speaker_text
        spans.append(Span(q.start, q.end, "q", attrs, _RANK["quote"]))
    for m in article.mentions:
        attrs = {"class": "mention", "data-type": m.type}
        if m.entity:
            attrs["href"] = f"/entities/{quote(m.entity, safe='')}"
            attrs["title"] = entity_names.get(m.entity, m.text)
            tag = "a"
        else:
            tag = "span"
        spans.append(Span(m.start, m.end, tag, attrs, _RANK["mention"]))
    for t in article.times:
        spans.append(Span(t.start, t.end, "mark",
                          {"class": "time", "title": t.value, "data-type": t.type},
                          _RANK["time"]))
    for f in article.quantities:
        title = f"{f.value:g}" + (f" {f.unit}" if f.unit else "")
        spans.append(Span(f.start, f.end, "mark", {"class": "figure", "title": title},
                          _RANK["figure"]))
    return spans


def _push(out: list[str], stack: list[tuple[Span, str]], span: Span) -> None:
    tag, attrs = span.tag, dict(span.attrs)
    if tag == "a" and any(t == "a" for _, t in stack):
        tag = "span"  # no link inside a link: the inner name stays text
        attrs.pop("href", None)
    out.append(f"<{tag}" + "".join(f' {k}="{show(v)}"' for k, v in attrs.items()) + ">")
    stack.append((span, tag))


def highlight(article: Article, entity_names: dict[str, str] | None = None) -> Markup:
    """The clean text as HTML with its quotes, mentions, times and figures marked.

    Spans come from offsets that may overlap: they are opened outer first and, when one
    ends inside another that began later, the inner ones are closed and reopened around
    that end, so the markup is always well nested. Offsets out of range are clipped;
    empty spans are dropped. Every text piece is escaped.
    """
    text = article.text
    n = len(text)
    spans = []
    for s in _spans(article, entity_names or {}):
        start, end = max(0, min(s.start, n)), max(0, min(s.end, n))
        if start < end:
            s.start, s.end = start, end
            spans.append(s)
    spans.sort(key=lambda s: (s.start, -s.end, s.rank))
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[tuple[Span, str]] = []  # open spans with the tag actually written
    pending = 0
    for lo, hi in pairwise(cuts):
        # Close what ends at `lo`, reopening the inner spans that go on.
        if any(s.end <= lo for s, _ in stack):
            reopen: list[Span] = []
            while stack and any(s.end <= lo for s, _ in stack):
                span, tag = stack.pop()
                out.append(f"</{tag}>")
                if span.end > lo:
                    reopen.append(span)
            for span in reversed(reopen):
                _push(out, stack, span)
        while pending < len(spans) and spans[pending].start <= lo:
            _push(out, stack, spans[pending])
            pending += 1
        out.append(str(show(text[lo:hi])))
    for _, tag in reversed(stack):
        out.append(f"</{tag}>")
    return Markup("".join(out))

