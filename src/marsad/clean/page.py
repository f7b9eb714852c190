"""Read a news page copied as text: find the article among the site chrome.

Works line by line. Each line gets features (length, script, closing punctuation, chrome
patterns such as breadcrumbs, share bars, copyright and teaser headers). The article body
runs from the first paragraph-like line to the last; the header zone before it holds the
title, dateline and credit lines, the footer zone after it signatures and copyright.
Nothing here knows any particular site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.clean.dateline import PageDate, find_date
from marsad.clean.posts import extract_posts
from marsad.clean.sources import (
    copyright_owner,
    correspondent_outlet,
    credit_line,
    is_agency,
    is_org_name,
    parenthesised_credits,
    republication_signature,
)
from marsad.normalise import fold, is_arabic
from marsad.records import EmbeddedPost

__all__ = ["Page", "read_page"]

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?؟:…][\"'”»)\]]*\s*$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")
_BREADCRUMB = re.compile(r"\s(?:»|›|>>|>)\s")
# Headers of "read also" blocks, matched on folded text.
_TEASER_PHRASES = (
    "اقرأ أيضا", "اقرأ أيضاً", "اقرأ كذلك", "اقرأ المزيد", "قد يعجبك", "قد يهمك", "قد تهمك",
    "ربما يعجبك", "مواضيع ذات صلة", "موضوعات ذات صلة", "أخبار ذات صلة", "مقالات ذات صلة",
    "مواضيع متعلقة", "موضوعات متعلقة", "أخبار متعلقة", "مقالات متعلقة", "مواضيع مشابهة",
    "أخبار مشابهة", "ذات صلة", "شاهد أيضا", "شاهد أيضاً", "شاهد المزيد", "اخترنا لك",
    "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "المزيد من الأخبار", "أخبار أخرى",
    "للمزيد", "you may also like", "read more", "related articles", "related", "more from",
)
_TEASER = re.compile(
    r"^(?:" + "|".join(sorted({re.escape(fold(p)) for p in _TEASER_PHRASES}, key=len,
                              reverse=True)) + r")(?!\w)"
)
_SHARE_WORDS = {fold(w) for w in (
    "شارك", "شاركها", "مشاركة", "المشاركة", "تويتر", "فيسبوك", "فيس", "بوك", "واتساب", "واتس",
    "اب", "طباعة", "إرسال", "ارسال", "نسخ", "الرابط", "تليجرام", "تلغرام", "لينكد", "إن",
    "بريد", "إلكتروني", "share", "tweet", "facebook", "twitter", "whatsapp", "print", "email",
    "telegram", "linkedin", "copy", "link", "حفظ", "تعليق", "تعليقات", "التعليقات", "أضف",
)}
_WIDGETS = re.compile(
    r"مواقيت الصلاة|أوقات الصلاة|حالة الطقس|درجات الحرارة|أسعار العملات|"
    r"(?<!\w)الفجر(?!\w).*(?<!\w)الظهر(?!\w)|^(?:/+\s*)?(?:انتهى|يتبع)(?:\s*/+)?$|^انتهى وروجع$"
    r"|^next\s+previous|^(?:\.{2,}|…)\s*المزيد$|^المزيد$|^تابعونا|^تابعنا على|^حمل تطبيق",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(r"^\(?\s*(?:الصورة|صورة|الصور|تصوير|photo|image)\s*[:：]", re.IGNORECASE)
_TIME_ONLY = re.compile(r"^\d{1,2}[:.]\d\d(?:\s*(?:ت\s*م|ت\.م|gmt|utc|ص|م))?$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:بقلم|كتب|كتبت|إعداد|اعداد|تحرير|حوار|تقرير)\s*[:：]?\s*(?P<name>.+)$")
# "عين اليوم – متابعات", "نايف عبدالله – جدة": a byline with the place or desk.
_DASH_BYLINE = re.compile(r"^[^.،,:؟!]+?\s*[-–—ـ]\s*[^.،,:؟!]+$")
_EMAIL = re.compile(r"^[^\s@]+@\S+\.\w+$")  # the first "@": no retry at each later one


@dataclass(slots=True)
class Page:
    title: str | None = None
    body: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    credits: list[str] = field(default_factory=list)
    posts: list[EmbeddedPost] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # dates on or before the article's

    def add_credits(self, names: list[str]) -> None:
        for name in names:
            if name and name not in self.credits:
                self.credits.append(name)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_paragraph(line: str) -> bool:
    if not is_arabic(line):
        return False
    n = _words(line)
    return n >= 15 or (n >= 5 and bool(_SENTENCE_END.search(line)))


def _is_caption(line: str) -> bool:
    """A photo caption: ends with an agency credit in parentheses and is not a sentence."""
    stripped = line.rstrip()
    if not stripped.endswith(")") or _words(line) > 40:
        return False
    head = stripped[: stripped.rfind("(")].rstrip()
    return bool(parenthesised_credits(stripped[len(head):])) and not _SENTENCE_END.search(head)


def _is_share_bar(line: str) -> bool:
    tokens = [fold(t) for t in _WORD.findall(line)]
    return bool(tokens) and all(t in _SHARE_WORDS or t.isdigit() for t in tokens)


def _chrome(line: str) -> bool:
    """Lines that are site furniture wherever they stand."""
    if not any(c.isalnum() for c in line):
        return True  # separators: "***", "-----", ">"
    if not is_arabic(line, 0.3) and _words(line) <= 4:
        return True  # "Ru En", "x", "Next Previous", phone-service codes, e-mail addresses
    short = _words(line) <= 12
    return bool(
        _is_breadcrumb(line)
        or (short and _WIDGETS.search(line))
        or _is_share_bar(line)
        or _TIME_ONLY.match(line)
        or _EMAIL.match(line)
        or _PHOTO_CREDIT.match(line)
    )


def _is_breadcrumb(line: str) -> bool:
    """"الرئيسية » حول العالم » …": three or more short segments between separators."""
    parts = _BREADCRUMB.split(f" {line} ")
    return len(parts) >= 3 and all(_words(p) <= 12 for p in parts)


def _cut_teasers(lines: list[str], removed: set[int], start: int) -> None:
    """Drop "read also" blocks: the header and the headlines and snippets it introduces."""
    for i in range(start, len(lines)):
        if i in removed or not _TEASER.match(fold(lines[i])):
            continue
        removed.add(i)
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if j in removed or _chrome(line):
                removed.add(j)
            elif _ELLIPSIS_END.search(line) or not _is_paragraph(line):
                removed.add(j)  # a teaser headline or a cut-off snippet
            else:
                break  # the article goes on
            j += 1


def read_page(text: str, *, title_known: bool = False) -> Page:
    """Split a text page into title, body paragraphs and metadata.

    With `title_known` (JSONL exports), the text is already the article: header lines are
    only dropped when they are datelines, bylines or credits, never taken as a title.
    """
    lines = [re.sub(r"[ \t\u00a0\u200f\u200e]+", " ", raw).strip() for raw in text.splitlines()]
    lines = [line for line in lines if line]
    page = Page()
    posts, removed = extract_posts(lines)
    page.posts = posts
    page.anchors = [p.date for p in posts if p.date]

    for i, line in enumerate(lines):
        if i in removed:
            continue
        owner = copyright_owner(line)
        if owner is not None:
            removed.add(i)
            page.outlet = page.outlet or owner or None
        elif _chrome(line):
            if _PHOTO_CREDIT.match(line):
                page.add_credits(parenthesised_credits(line))
            removed.add(i)

    body_start = next((i for i, line in enumerate(lines)
                       if i not in removed and _is_paragraph(line) and not _is_caption(line)),
                      None)
    if body_start is None:
        if title_known:  # a short export record: its lines are all the article there is
            page.body = [line for i, line in enumerate(lines) if i not in removed]
        return page
    _cut_teasers(lines, removed, body_start)
    body_end = max((i for i, line in enumerate(lines)
                    if i not in removed and _is_paragraph(line)), default=body_start)

    header_dates = _read_header(page, lines, removed, body_start, title_known)
    footer_dates = _read_footer(page, lines, removed, body_end)
    for i in range(body_start, body_end + 1):
        if i in removed:
            continue
        line = lines[i]
        if _is_caption(line) or credit_line(line) is not None:
            page.add_credits(credit_line(line) or parenthesised_credits(line))
            continue
        page.body.append(line)
    page.add_credits(_leading_credits(page.body))
    page.published = _choose_date(header_dates, footer_dates)
    if page.outlet is None:
        page.outlet = correspondent_outlet("\n".join(page.body))
    return page


def _leading_credits(body: list[str]) -> list[str]:
    """Agency credits in the opening dateline: "عمان (بترا) -", "دبي (CNN) --"."""
    if not body:
        return []
    head = re.split(r"\s[-–—]{1,2}\s|[:：]", body[0], maxsplit=1)[0]
    if _words(head) > 8:
        return []
    named = [part.strip() for part in re.split(r"[-–—ـ]", head) if is_agency(part.strip())]
    return parenthesised_credits(head) + named


def _read_header(page: Page, lines: list[str], removed: set[int], body_start: int,
                 title_known: bool) -> list[tuple[PageDate, bool]]:
    """Title, dateline, credits and byline from the lines before the body.

    Returns the date lines found, each flagged True when it stands after the title.
    """
    dates: list[tuple[int, PageDate]] = []
    title_at: int | None = None
    crumbs = {fold(part.strip()) for line in lines[:body_start] if _is_breadcrumb(line)
              for part in _BREADCRUMB.split(f" {line} ")}
    for i in range(body_start):
        line = lines[i]
        if i in removed:
            continue
        removed.add(i)
        found = find_date(line)
        if found and found.leftover <= 4:
            dates.append((i, found))
            continue
        credits = credit_line(line)
        if credits is not None:
            page.add_credits(credits)
            continue
        if _is_caption(line):
            page.add_credits(parenthesised_credits(line))
            continue
        byline = _BYLINE.match(line)
        if byline and _words(line) <= 8:
            page.author = page.author or byline["name"].strip()
            continue
        in_parens = parenthesised_credits(line)
        if in_parens and _words(line) <= 8:
            page.add_credits(in_parens)  # a dateline such as "ألماتي (وكالات)"
            continue
        if title_known:
            if not (_DASH_BYLINE.match(line) and _words(line) <= 6):
                removed.discard(i)  # an opening line of the article itself
            continue
        if title_at is not None and is_arabic(line) and _words(line) >= 5:
            removed.discard(i)  # a standfirst under the title belongs to the article
            continue
        if is_arabic(line) and (_words(line) >= 3 or fold(line) in crumbs):
            page.title = line
            title_at = i
    # Lines kept above were skipped from the header zone; move body_start back to them.
    keep = [i for i in range(body_start) if i not in removed]
    page.body.extend(lines[i] for i in keep)
    return [(d, (title_at is not None and i > title_at) or (title_known and i > 0))
            for i, d in dates if _plausible_dateline(i, d, title_at)]


def _plausible_dateline(index: int, found: PageDate, title_at: int | None) -> bool:
    if title_at is not None and index > title_at:
        return True
    # Above the title, or with no title: the page's own date widget ("today") shows a
    # weekday and a place, or opens the page; a bare date line is the article's.
    return found.leftover == 0 and index > 0


def _read_footer(page: Page, lines: list[str], removed: set[int],
                 body_end: int) -> list[tuple[PageDate, bool]]:
    dates: list[tuple[PageDate, bool]] = []
    for i in range(body_end + 1, len(lines)):
        if i in removed:
            continue
        line = lines[i]
        signature = republication_signature(line)
        if signature:
            publisher, sources, _ = signature
            page.outlet = publisher
            page.add_credits(sources)
            removed.add(i)
            found = find_date(line)
            if found:
                dates.append((found, True))
                page.anchors.append(found.value[:10])
            continue
        credits = credit_line(line)
        if credits is not None:
            page.add_credits(credits)
            removed.add(i)
            continue
        found = find_date(line)
        if found and found.leftover <= 2:
            dates.append((found, True))
            removed.add(i)
            continue
        if _words(line) <= 10 and not _SENTENCE_END.search(line) and is_org_name(line):
            page.outlet = page.outlet or line.strip()
            removed.add(i)
    return dates


def _choose_date(header: list[tuple[PageDate, bool]],
                 footer: list[tuple[PageDate, bool]]) -> str | None:
    for found, trusted in header + footer:
        if trusted:
            return found.value
    return header[0][0].value if header else None
