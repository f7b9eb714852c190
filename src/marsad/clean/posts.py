"""Embedded social posts (tweets, Instagram and Facebook embeds) copied into a page.

A copied tweet embed reads: the post's text, then a signature line
"— Name (@handle) January 5, 2022". Lines of the post are taken out of the body.
"""

from __future__ import annotations

import re
from datetime import datetime

from marsad.clean.dateline import find_date
from marsad.normalise import is_arabic
from marsad.records import EmbeddedPost

__all__ = ["extract_posts"]

_SIGNATURE = re.compile(
    r"^[—–-]\s*(?P<author>[^()]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)\s*(?P<date>.{0,40})$"
)
_SHARED_BY = re.compile(
    r"^(?:A post shared by|تمت مشاركة منشور بواسطة)\s*(?P<author>[^()]*?)\s*"
    r"(?:\(@(?P<handle>[\w.]+)\))?\s*(?:on\s+)?(?P<date>.{0,40})$",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:https?://)?(?:pic\.twitter\.com|t\.co|twitter\.com|x\.com|instagram\.com|"
    r"fb\.watch|facebook\.com|youtu\.be|youtube\.com)/[\w/?=&.%-]+"
)
_SOCIAL_MARK = re.compile(r"pic\.twitter\.com|https?://t\.co/|(?:^|\s)[#@]\w")


def _english_date(text: str) -> str | None:
    text = text.strip().rstrip(".")
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    found = find_date(text)
    return found.value[:10] if found else None


def _looks_like_post_text(line: str) -> bool:
    """Post text copied into an Arabic page: foreign-language, or marked by links/tags."""
    return bool(_SOCIAL_MARK.search(line)) or not is_arabic(line, 0.3)


def _url(text: str) -> str | None:
    match = _URL.search(text)
    if not match:
        return None
    url = match.group(0)
    return url if url.startswith("http") else "https://" + url


def extract_posts(lines: list[str]) -> tuple[list[EmbeddedPost], set[int]]:
    """Find embedded posts in page lines; return them and the indices of the lines they used."""
    posts: list[EmbeddedPost] = []
    used: set[int] = set()
    post_of_line: dict[int, int] = {}
    for i, line in enumerate(lines):
        sig = _SIGNATURE.match(line) or _SHARED_BY.match(line)
        if not sig:
            continue
        # The post's text: the line before the signature, and earlier lines while they
        # still read as post text rather than the Arabic article.
        start = i
        if i > 0 and i - 1 not in used:
            start = i - 1
            while (start > 0 and start - 1 not in used and _looks_like_post_text(lines[start])
                   and _looks_like_post_text(lines[start - 1])):
                start -= 1
        text_lines = lines[start:i]
        text = "\n".join(text_lines).strip()
        used.update(range(start, i + 1))
        post_of_line[i] = len(posts)
        posts.append(EmbeddedPost(
            author=(sig["author"] or "").strip() or None,
            handle=sig["handle"] or None,
            date=_english_date(sig["date"]) if sig["date"] else None,
            text=text,
            url=_url(text),
        ))
    # A post-text line left right after a signature, not followed by a signature of its
    # own, is the rest of that post (embeds copy their media link after the signature).
    for i in sorted(post_of_line):
        j = i + 1
        while j < len(lines) and j not in used and _SOCIAL_MARK.search(lines[j]) \
                and not is_arabic(lines[j], 0.3):
            post = posts[post_of_line[i]]
            post.text = f"{post.text}\n{lines[j]}".strip()
            post.url = post.url or _url(lines[j])
            used.add(j)
            j += 1
    return posts, used
