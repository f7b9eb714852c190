"""Claims: figures that count the same thing across a story's articles, compared.

Two figures count the same thing when they have the same unit and the same subject. The
subject of a casualty-style count is what happened (killed, injured, arrested...) and to
whom (security forces, civilians); of any other figure, the noun it counts, confirmed by
shared context. Differing values are a disagreement; when the values move in one direction
as the dates they hold for advance, the figure changed over time ("changed"), otherwise
the outlets contradict each other ("conflict").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from marsad.normalise import fold
from marsad.records import Article, Quantity
from marsad.stories.text import STOPWORDS, day_of, sentences, stem, timex_day, token_spans

WINDOW = 4  # words each side of a figure that say what it counts
CONTEXT = 10  # words each side that may name whose count it is
APPROX_TOLERANCE = 0.1
SHARED_CONTEXT = 0.15

# What happened, as light stems (see `stem`), with a label for display.
_EVENTS: dict[str, tuple[str, ...]] = {
    "قتلى": ("قتل", "مقتل", "قتيل", "قتلي", "مصرع", "وفا", "وفي", "وفيات", "توفي", "حتف",
             "استشهاد", "شهيد", "شهداء", "ضحي", "ضحاي", "ضحايا", "موت"),
    "جرحى": ("جرح", "جريح", "جرحي", "اصاب", "اصابات", "مصاب", "مصابين"),
    "معتقلون": ("اعتقال", "معتقل", "اوقف", "توقيف", "قبض", "احتجاز", "موقوف", "اعتقل"),
    "مفقودون": ("مفقود", "فقد", "فقدان"),
    "نازحون": ("نازح", "نزوح", "لاجي", "لجوء", "مهجر"),
}
# To whom.
_ACTORS: dict[str, tuple[str, ...]] = {
    "قوات الأمن": ("شرط", "امن", "ضابط", "ضباط", "جندي", "جنود", "عسكري", "عسكر", "جيش",
                   "شرطي", "عناصر", "امني", "انفاذ", "حرس"),
    "مدنيون": ("مدني", "مدن", "مواطن", "اطفال", "نساء", "سكان"),
    "مسلحون": ("مسلح", "ارهاب", "ارهابي", "متطرف", "مقاتل", "مهاجم"),
}


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {stem(fold(w)): label for label, words in table.items() for w in words}


# Units that measure rather than count: a figure in one never counts what one in another does.
_MEASURES = frozenset(fold(w) for w in (
    "بالمئة", "في المئة", "دولار", "ريال", "يورو", "جنيه", "درهم", "دينار", "ليرة", "روبل",
    "كيلومتر", "كم", "متر", "ميل", "طن", "كيلوغرام", "كغ", "غرام", "لتر", "برميل", "هكتار",
    "درجة", "نقطة", "ميغاواط", "بت", "بايت"))
_EVENT_INDEX = _index(_EVENTS)
_ACTOR_INDEX = _index(_ACTORS)
_NUMBER = re.compile(r"^[0-9]+([.,][0-9]+)?$")


@dataclass(slots=True)
class _Figure:
    article: Article
    quantity: Quantity
    unit: str | None
    subject: tuple[str, str]  # (kind, key): ("event", "قتلى|قوات الأمن") or ("noun", stem)
    about: str
    context: set[str]
    as_of: str | None


def _as_of(article: Article, start: int, end: int) -> str | None:
    """The day a figure holds for: a dated expression in its sentence, else publication."""
    best: tuple[int, str] | None = None
    for t in article.times:
        day = timex_day(t)
        if day and start <= t.start < end:
            dist = abs(t.start - start)
            if best is None or dist < best[0]:
                best = (dist, day)
    if best:
        return best[1]
    published = day_of(article.published)
    return published.isoformat() if published else None


def _figures(article: Article) -> list[_Figure]:
    if not article.quantities:
        return []
    toks = token_spans(article.text)
    starts = [t.start for t in toks]  # ascending: words in a span are a range of indices
    sents = sentences(article.text)
    time_spans = [(t.start, t.end) for t in article.times]
    out: list[_Figure] = []
    for q in article.quantities:
        # A year or a date read as a number is not a count.
        if any(s < q.end and q.start < e for s, e in time_spans):
            continue
        sent = next((s for s in sents if s.start <= q.start < s.end), None)
        lo, hi = (sent.start, sent.end) if sent else (0, len(article.text))
        inside = range(bisect_left(starts, q.start), bisect_left(starts, q.end))
        if not inside:
            continue
        first, last = inside[0], inside[-1]
        in_sent = range(bisect_left(starts, lo), bisect_left(starts, hi))

        def near(i: int, width: int, sent_ids: range = in_sent, first: int = first,
                 last: int = last) -> bool:
            return bool(sent_ids) and sent_ids[0] <= i <= sent_ids[-1] and (
                first - width <= i <= last + width)

        # The words of the figure itself first, then outward, nearest first.
        order = sorted((i for i in range(max(0, first - CONTEXT), last + CONTEXT + 1)
                        if near(i, CONTEXT)),
                       key=lambda i: (0 if first <= i <= last else 1,
                                      min(abs(i - first), abs(i - last)), i < first))
        words = [(i, stem(toks[i].form)) for i in order
                 if toks[i].form not in STOPWORDS and not _NUMBER.match(toks[i].form)]
        # The counted noun the quantity stage gives ("قتيل", "عنصر أمن") speaks first.
        unit_stems = [(first, stem(w)) for w in fold(q.unit or "").split()]
        event = next((_EVENT_INDEX[s] for i, s in unit_stems + words
                      if s in _EVENT_INDEX and near(i, WINDOW)), None)
        actor = next((_ACTOR_INDEX[s] for i, s in unit_stems + words if s in _ACTOR_INDEX), None)
        context = {s for _, s in words}
        if event:
            subject = ("event", f"{event}|{actor or ''}")
            about = f"{event} {actor}" if actor else event
        elif unit_stems:
            subject = ("noun", unit_stems[0][1])
            about = q.unit or ""
        else:
            head = next(((i, s) for i, s in words if i > last and near(i, 2)), None)
            head = head or next(((i, s) for i, s in words if near(i, WINDOW)), None)
            if head is None:
                continue
            subject = ("noun", head[1])
            about = article.text[toks[head[0]].start:toks[head[0]].end]
        out.append(_Figure(article, q, q.unit, subject, about, context,
                           _as_of(article, lo, hi)))
    return out


def _measure(unit: str | None) -> str:
    """What a unit measures: a measurement unit itself, or "count" for counted nouns.

    Counts of the same people come with different nouns ("قتيل", "ضابط", "عنصر أمن");
    the subject decides whether they count the same thing, the noun does not.
    """
    head = fold(unit or "").split()
    return head[0] if head and head[0] in _MEASURES else "count"


def _same(a: float, b: float, approx: bool) -> bool:
    if a == b:
        return True
    return approx and abs(a - b) <= APPROX_TOLERANCE * max(abs(a), abs(b))


def _compare(figs: list[_Figure]) -> tuple[bool, str | None]:
    """(disagree, kind): kind "changed" when values only move one way as time passes."""
    distinct: list[_Figure] = []
    for f in figs:
        if not any(_same(f.quantity.value, d.quantity.value, f.quantity.approx or d.quantity.approx)
                   for d in distinct):
            distinct.append(f)
    if len(distinct) < 2:
        return False, None
    by_day: dict[str | None, set[float]] = defaultdict(set)
    for f in figs:
        by_day[f.as_of].add(f.quantity.value)
    if None in by_day or any(
        len({round(v, 6) for v in vs}) > 1
        and not all(_same(v, w, True) for v in vs for w in vs)
        for vs in by_day.values()
    ):
        return True, "conflict"
    ordered = sorted(by_day.items(), key=lambda kv: kv[0] or "")
    series = [max(vs) for _, vs in ordered]
    rising = all(b >= a for a, b in pairwise(series))
    falling = all(b <= a for a, b in pairwise(series))
    return True, "changed" if rising or falling else "conflict"


def build_claims(articles: list[Article]) -> list[dict[str, Any]]:
    if len({a.id for a in articles if a.quantities}) < 2:
        return []  # a claim compares figures of two articles at least
    figures = [f for a in articles for f in _figures(a)]
    groups: list[list[_Figure]] = []
    for f in figures:
        for g in groups:
            head = g[0]
            if head.subject != f.subject or _measure(head.unit) != _measure(f.unit):
                continue
            if f.subject[0] == "noun":
                union = head.context | f.context
                if not union or len(head.context & f.context) / len(union) < SHARED_CONTEXT:
                    continue
            g.append(f)
            break
        else:
            groups.append([f])
    claims: list[dict[str, Any]] = []
    for g in groups:
        units = Counter(f.unit for f in g)
        if len({f.article.id for f in g}) < 2:
            continue
        g.sort(key=lambda f: (f.as_of or "", f.article.published or "", f.article.id))
        disagree, kind = _compare(g)
        claims.append({
            "about": g[0].about,
            "unit": units.most_common(1)[0][0],
            "values": [
                {"value": f.quantity.value, "approx": f.quantity.approx, "bound": f.quantity.bound,
                 "unit": f.unit, "text": f.quantity.text, "article": f.article.id,
                 "as_of": f.as_of}
                for f in g
            ],
            "disagree": disagree,
            "kind": kind,
        })
    claims.sort(key=lambda c: (not c["disagree"], -len(c["values"])))
    return claims
