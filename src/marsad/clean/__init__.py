"""Clean: from a raw `Document` to an `Article` with a clean body and its metadata.

Text pages go through the line-level page reader; saved HTML through trafilatura first;
JSONL records keep their own metadata and get the same chrome and credit handling.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from marsad.clean.page import Page, read_page
from marsad.limits import ENV, HTML_PARSER_DEPTH, Limits
from marsad.normalise import key
from marsad.records import Article, DateBasis, Document, Problem

__all__ = ["clean"]


class _Refused(ValueError):
    """Markup beyond a limit: the page is not read at all."""


def _check_tree(tree: object, limits: Limits) -> None:
    """Refuse a parsed page too big or too deep to read whole (see `marsad.limits`)."""
    from lxml import etree

    cap = limits.html_elements
    depth = deepest = elements = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        elements += 1
        deepest = max(deepest, depth)
        if cap and elements > cap:
            raise _Refused(f"HTML of more than {cap:,} elements is over the limit "
                           f"(--max-html-elements or {ENV['html_elements']} to change it)")
    if deepest >= HTML_PARSER_DEPTH:
        raise _Refused(f"HTML nested {HTML_PARSER_DEPTH} elements deep or more: the HTML "
                       "parser stops there, so the rest of the page would be lost")


def _html_page(html: str, limits: Limits) -> tuple[Page, dict[str, str]]:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return Page(), {}
    _check_tree(tree, limits)
    result = bare_extraction(tree, include_comments=False, include_tables=True,
                             with_metadata=True, favor_recall=True)
    if result is None:
        return Page(), {}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    meta = {k: str(data[k]) for k in ("title", "date", "sitename", "author", "url")
            if data.get(k)}
    text = data.get("text") or ""
    return read_page(text, title_known="title" in meta), meta


def _article_id(doc: Document) -> str:
    if doc.meta.get("id"):
        return doc.meta["id"]
    path, _, line = doc.origin.rpartition(":") if doc.format == "jsonl" else (doc.origin, "", "")
    stem = Path(path).stem.removesuffix(".jsonl")
    return f"{stem}-{line}" if line else stem


def clean(doc: Document, limits: Limits | None = None) -> Article | Problem:
    """Clean one document. Returns a Problem when no article text can be found in it, or
    when its HTML is beyond `limits` (None: `Limits.from_env()`)."""
    meta = dict(doc.meta)
    if doc.format == "html":
        try:
            page, html_meta = _html_page(doc.content, limits or Limits.from_env())
        except _Refused as exc:
            return Problem(doc.origin, str(exc))
        except (ValueError, TypeError, LookupError) as exc:  # what malformed markup raises
            return Problem(doc.origin, f"unreadable HTML: {exc}")
        for theirs, ours in (("title", "title"), ("date", "published"), ("sitename", "source"),
                             ("author", "author"), ("url", "url")):
            if ours not in meta and theirs in html_meta:
                meta[ours] = html_meta[theirs]
    else:
        page = read_page(doc.content, title_known=doc.format == "jsonl")
    title = meta.get("title") or page.title
    if title and len(page.body) > 1 and key(page.body[0]) == key(title):
        page.body.pop(0)  # extractors and exports often repeat the headline as a first line
    if not page.body:
        return Problem(doc.origin, "no article text found")

    discovered = _iso(meta["discovered"]) if meta.get("discovered") else None
    published, basis = _publication(meta.get("published"), page.published, discovered)
    article = Article(
        id=_article_id(doc),
        origin=doc.origin,
        text="\n".join(page.body),
        title=title,
        outlet=meta.get("source") or page.outlet,
        published=published,
        published_basis=basis,
        discovered=discovered,
        credits=page.credits,
        embedded_posts=page.posts,
        url=meta.get("url"),
        author=meta.get("author") or page.author,
    )
    return article


def _publication(metadata: str | None, dateline: str | None, discovered: str | None
                 ) -> tuple[str | None, DateBasis | None]:
    """The publication date and its basis. A crawl date only stands in ("discovered") for
    want of a better one; the extract stage may still date the article from its text.
    A dateline or metadata date after the discovery day is no publication date (it names
    an event ahead, or a clock gone wrong): nothing is published after it is found."""
    if metadata and not (discovered and _after(_iso(metadata), discovered)):
        return _iso(metadata), "metadata"
    if dateline and not (discovered and _after(dateline, discovered)):
        return dateline, "dateline"
    if discovered:
        return discovered, "discovered"
    return None, None


def _after(when: str, discovered: str) -> bool:
    """`when` is after the discovery: by the instant when both carry a zone, else by day."""
    try:
        a = datetime.fromisoformat(when.replace("Z", "+00:00"))
        b = datetime.fromisoformat(discovered.replace("Z", "+00:00"))
    except ValueError:
        return when[:10] > discovered[:10]
    if a.tzinfo is not None and b.tzinfo is not None:
        return a > b
    return when[:10] > discovered[:10]


def _iso(value: str) -> str:
    """Metadata dates as ISO: "2015-07-21 02:51:32" → "2015-07-21T02:51:32"."""
    value = value.strip()
    if len(value) > 10 and value[10] == " ":
        value = f"{value[:10]}T{value[11:]}"
    return value
