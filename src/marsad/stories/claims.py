"""Claims: figures that count the same thing across a story's articles, compared.

Two figures count the same thing when they have the same unit and the same subject, and
the words around them in their sentences do not tell them apart. The subject of a
casualty-style count is what happened (killed, injured, arrested...) and to whom (security
forces, civilians); of any other figure, the noun it counts, confirmed by shared context.
Qualifiers read next to the figure keep apart what a unit and a subject do not: a cost from
a revenue or a target, Brent from WTI, a rise from a fall. A claim holds at most one figure
of each article, matched across articles by context; so two figures of one article are
never a disagreement. Differing values are a disagreement; when the values move in one
direction as the dates they hold for advance, the figure changed over time ("changed"),
otherwise the outlets contradict each other ("conflict"). Each value carries the source the
article attributes it to (`marsad.extract.attribution.source_of`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from marsad.extract.attribution import source_of
from marsad.normalise import fold
from marsad.records import Article, Quantity
from marsad.stories.text import STOPWORDS, day_of, sentences, stem, timex_day, token_spans

WINDOW = 4  # words each side of a figure that say what it counts
CONTEXT = 10  # words each side that may name whose count it is
APPROX_TOLERANCE = 0.1
CLAUSE_AFTER = 4  # words after a figure that still belong to its clause
SHARED_CONTEXT = 0.15  # least context overlap of two figures counting the same noun
DIFFERENT_CONTEXT = 0.3  # least overlap to set two different values of a noun side by side
DIFFERENT_MEASURE = 0.5  # the same for a measure (money, percent, points): texts full of them
# Outlets contradicting each other on one day differ by less than this factor; "40 ألف قتيل
# في 30 عاما" and "3 قتلى" the same day are two different counts.
SAME_DAY_RATIO = 5.0
SAME_VALUE = 0.1  # a tie between candidate matches goes to the figure with the same value
STRONG_CONTEXT = 0.3  # least context overlap to set two different values against each other
TRUNCATED = 0.05  # "59.4 مليون" for 59.480 is the same sum cut short; 2 for 2.5 is not

# What happened, as light stems (see `stem`), with a label for display.
_EVENTS: dict[str, tuple[str, ...]] = {
    "قتلى": ("قتل", "قتلوا", "قتلا", "مقتل", "قتيل", "قتلي", "مصرع", "وفا", "وفي", "وفيات",
             "توفي", "حتف",
             "استشهاد", "شهيد", "شهداء", "ضحي", "ضحاي", "ضحايا", "موت"),
    "جرحى": ("جرح", "جريح", "جرحي", "اصاب", "اصابات", "مصاب", "مصابين", "اصيب", "اصيبوا"),
    "معتقلون": ("اعتقال", "معتقل", "اوقف", "توقيف", "قبض", "احتجاز", "موقوف", "اعتقل"),
    "مفقودون": ("مفقود", "فقد", "فقدان"),
    "نازحون": ("نازح", "نزوح", "لاجي", "لجوء", "مهجر"),
}
# To whom.
_ACTORS: dict[str, tuple[str, ...]] = {
    "قوات الأمن": ("شرط", "امن", "ضابط", "ضباط", "جندي", "جنود", "عسكري", "عسكر", "جيش",
                   "شرطي", "عناصر", "امني", "انفاذ", "حرس"),
    "مدنيون": ("مدني", "مدن", "مواطن", "اطفال", "نساء", "سكان"),
    "مسلحون": ("مسلح", "ارهاب", "ارهابي", "متطرف", "مقاتل", "مهاجم", "متمرد", "متمردين"),
    "حوثيون": ("حوثي", "حوثيين", "الحوثيين", "انقلابي", "انقلابيين", "ميليشيا", "مليشيا"),
    "مقاومة": ("مقاوم", "مقاومة", "المقاومة", "مقاومين"),
}


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {stem(fold(w)): label for label, words in table.items() for w in words}


# Units that measure rather than count: a figure in one never counts what one in another does.
_MEASURES = frozenset(fold(w) for w in (
    "بالمئة", "في المئة", "دولار", "ريال", "يورو", "جنيه", "درهم", "دينار", "ليرة", "روبل",
    "كيلومتر", "كم", "متر", "ميل", "طن", "كيلوغرام", "كغ", "غرام", "لتر", "برميل", "هكتار",
    "درجة", "نقطة", "ميغاواط", "بت", "بايت"))
# Qualifiers, by family: two figures whose qualifiers of one family differ count different
# things (a cost is not a revenue, Brent is not WTI). Read nearest first in the sentence.
_QUALIFIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "money": {
        "تكلفة": ("تكلفة", "كلفة", "تكاليف", "بتكلفة", "بكلفة", "تكلف", "كلفت"),
        "إيرادات": ("إيرادات", "إيراد", "عائدات", "عوائد", "مبيعات", "دخل", "إيراداتها"),
        "أرباح": ("أرباح", "ربح", "أرباحها", "صافي"),
        "خسائر": ("خسائر", "خسارة", "خسائرها"),
        "هدف": ("مستهدف", "مستهدفة", "المستهدف", "هدف", "يستهدف", "تستهدف", "تطمح"),
        "ميزانية": ("ميزانية", "موازنة", "مخصصات", "اعتمادات"),
        "استثمار": ("استثمار", "استثمارات", "استثمارية"),
        "صادرات": ("صادرات", "تصدير", "صادراتها"),
        "واردات": ("واردات", "استيراد", "وارداتها"),
        "مساعدات": ("مساعدات", "منحة", "تبرع", "تبرعات", "دعم", "معونة"),
        "ديون": ("دين", "ديون", "قرض", "قروض", "مديونية"),
        "تداول": ("تداول", "تداولات", "سيولة"),
        "رأسمال": ("رأسمال", "رأس", "رسملة"),
        "أجور": ("راتب", "رواتب", "أجور", "أجر"),
        "سعر": ("سعر", "أسعار", "بسعر", "ثمن"),
    },
    # What a price or a market figure is of: a crude benchmark, a metal.
    "benchmark": {
        "برنت": ("برنت",),
        "غرب تكساس": ("تكساس", "نايمكس"),
        "أوبك": ("أوبك", "سلة"),
        "ذهب": ("الذهب", "ذهب"),
        "فضة": ("الفضة", "فضة"),
        "بلاتين": ("البلاتين", "بلاتين"),
        "بلاديوم": ("البلاديوم", "بلاديوم"),
        "نحاس": ("النحاس", "نحاس"),
        "غاز": ("الغاز", "غاز"),
        "بنزين": ("البنزين", "بنزين"),
    },
    "direction": {
        "ارتفاع": ("ارتفع", "ارتفعت", "ارتفاع", "صعد", "صعدت", "زاد", "زادت", "زيادة", "كسب",
                   "كسبت", "مكاسب", "نمو", "نما", "قفز", "قفزت", "مرتفعا", "رابحا"),
        "انخفاض": ("تراجع", "تراجعت", "انخفض", "انخفضت", "انخفاض", "هبط", "هبطت", "هبوط",
                   "خسر", "خسرت", "فقد", "فقدت", "تقلص", "انكماش", "متراجعا", "خاسرا", "نزل",
                   "نزلت", "هوى", "هوت", "تهاوى", "منخفضا"),
    },
}
# Money qualifiers of market figures: quoted through the day, never one value.
_MARKET = frozenset({"سعر", "تداول"})
# Two-word qualifiers, as (light stem, light stem): "الخام الأمريكي" is WTI.
_QUALIFIER_PAIRS: dict[tuple[str, str], tuple[str, str]] = {
    (stem(fold(a)), stem(fold(b))): qualifier
    for a, b, qualifier in (
        ("الخام", "الأمريكي", ("benchmark", "غرب تكساس")),
        ("الخام", "الأميركي", ("benchmark", "غرب تكساس")),
        ("الخام", "الأمريكية", ("benchmark", "غرب تكساس")),
    )
}
# Families not read for counts of what happened: a death toll that "rose to 16" is still a
# death toll; "ارتفاع أسهم 35 شركة" and "تراجعت أسهم 111 شركة" count different companies.
_NOT_FOR_EVENTS = frozenset({"direction"})
# "38 مصاباً، بينهم 8 من رجال الإطفاء": a figure after these counts part of another.
_PART_OF = frozenset(fold(w) for w in ("بينهم", "بينها", "بينهن", "بينهما", "منهم", "منها",
                                        "منهن", "منهما"))
# "... مقابل 10.06 مليارات": a figure after these is another period's, the one compared with.
_BASE = frozenset(fold(w) for w in ("مقابل", "مقارنة", "بمقارنة", "قياسا", "وقياسا", "ومقابل"))
_QUALIFIER_INDEX: dict[str, tuple[str, str]] = {
    stem(fold(w)): (family, label)
    for family, labels in _QUALIFIERS.items()
    for label, words in labels.items()
    for w in words
}
_EVENT_INDEX = _index(_EVENTS)
# Nouns counted beside a toll that are not its victims: "أسفر عن ثلاث إصابات وتم إرسال
# ثلاث فرق"، "مصرعهم في حادثين منفصلين".
_NOT_VICTIMS = frozenset(stem(fold(w)) for w in (
    "حادث", "حادثة", "فريق", "فرقة", "سيارة", "مركبة", "منزل", "مبنى", "غارة", "هجوم",
    "انفجار", "عملية", "مستشفى", "طائرة", "آلية", "مدرعة", "دبابة", "قذيفة", "صاروخ",
    "منطقة", "مدينة", "قرية", "موقع", "بلاغ", "سرير", "مركز", "أسرة", "عائلة", "أسر"))
_OTHERS = frozenset(stem(fold(w)) for w in ("آخر", "آخرين", "آخرون", "أخرى", "غيرهم"))
_ACTOR_INDEX = _index(_ACTORS)
_NUMBER = re.compile(r"^[0-9]+([.,][0-9]+)?$")
_ARABIC = re.compile(r"[\u0621-\u064a]{2}")


@dataclass(slots=True)
class _Figure:
    article: Article
    quantity: Quantity
    unit: str | None
    subject: tuple[str, str]  # (kind, key): ("event", "قتلى|قوات الأمن") or ("noun", stem)
    about: str
    context: set[str]
    as_of: str | None
    qualifiers: dict[str, str]  # family -> label
    source: dict[str, str | None] | None
    anchor: str | None  # the named subject nearest before the figure (`_anchor`)
    listed: bool  # one of three or more figures of its unit in its sentence: a list
    precision: tuple[float, bool]  # last written digit's worth; may it be a cut (`_precision`)


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
    spans = sorted((q.start, q.end) for q in article.quantities)
    # "مستشفى الجموم بسعة 100 سرير، ومستشفى الشرائع 500 سرير، ...": whose each figure is
    # rests on a name a list item may not repeat.
    listed: Counter[tuple[int, str | None]] = Counter()
    for q in article.quantities:
        sent = next((s for s in sents if s.start <= q.start < s.end), None)
        listed[(sent.start if sent else 0, q.unit)] += 1
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

        # The words of the figure itself first, then outward, nearest first; at equal
        # distance the word before ("استشهاد 26 شخصا وإصابة 227": 26 were killed).
        order = sorted((i for i in range(max(0, first - CONTEXT), last + CONTEXT + 1)
                        if near(i, CONTEXT)),
                       key=lambda i: (0 if first <= i <= last else 1,
                                      min(abs(i - first), abs(i - last)), i > last))
        words = [(i, stem(toks[i].form)) for i in order
                 if toks[i].form not in STOPWORDS and not _NUMBER.match(toks[i].form)]
        # The counted noun the quantity stage gives ("قتيل", "عنصر أمن") speaks first.
        unit_stems = [(first, stem(w)) for w in fold(q.unit or "").split()]
        # "بمقتل مدني وإصابة 4 آخرين": the noun of "آخرين" is carried over from another
        # figure; what happened to these is the word before them.
        others = any(stem(toks[i].form) in _OTHERS for i in inside)
        event = next((_event(s) for i, s in ([] if others else unit_stems) + words
                      if _event(s) and near(i, WINDOW)), None)
        if unit_stems and (unit_stems[0][1] in _NOT_VICTIMS
                           or _dual_stem(unit_stems[0][1]) in _NOT_VICTIMS):
            event = None
        actor = next((_ACTOR_INDEX[s] for i, s in unit_stems + words if s in _ACTOR_INDEX), None)
        # What tells this figure from its neighbours is its own clause: the words back to
        # the figure before it and a few after it, short of the next ("قطاع النقل بنسبة
        # 3.06% تلاه قطاع الاتصالات بنسبة 2.41%").
        k = bisect_left(spans, (q.start, q.end))
        prev_end = max((e for _, e in spans[:k] if e <= q.start), default=lo)
        next_start = min((b for b, _ in spans[k + 1:] if b >= q.end), default=hi)
        clause = [(i, s) for i, s in words
                  if prev_end <= toks[i].start and toks[i].end <= next_start
                  and i <= last + CLAUSE_AFTER]
        # With the words before the sentence's first figure: "ارتفع سعر الفضة 0.3 بالمئة إلى
        # 14.52 دولار" — both figures are the silver's.
        head_end = min((b for b, _ in spans if lo <= b), default=q.start)
        head = [s for i, s in words if lo <= toks[i].start and toks[i].end <= head_end]
        context = {s for _, s in clause} | set(head)
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
        measure = _measure(q.unit) != "count"
        qualifiers: dict[str, str] = {}
        before = [toks[i].form for i in range(max(in_sent.start, first - 2), first)]
        qualifiers["part"] = "part" if any(w in _PART_OF for w in before) else "whole"
        # "بلغت 10.33 مليار مقابل 10.06 مليار": the second is the figure compared with.
        qualifiers["base"] = "base" if any(w in _BASE for w in before) else "now"
        # Qualifiers come before the figure they qualify ("تراجع سعر الذهب … 0.4 بالمئة"،
        # "تكلفة المشروع 5 مليارات"): the words before it, nearest first, back to the
        # sentence's start, then the words after it.
        span = [i for i in in_sent if i < first][::-1] + [i for i in in_sent if i > last]
        for i in span:
            s = stem(toks[i].form)
            pair = (stem(toks[i - 1].form), s) if i > 0 else ("", "")
            family, label = (_QUALIFIER_PAIRS.get(pair) or _QUALIFIER_INDEX.get(s)
                             # "وخسر": too short for `stem` to drop its conjunction
                             or _QUALIFIER_INDEX.get(s[1:] if s[:1] == "و" else "", ("", "")))
            if family and family not in qualifiers and (
                    measure or subject[0] != "event" or family not in _NOT_FOR_EVENTS):
                qualifiers[family] = label
        place = _place(article, q, lo, hi)
        if place:
            qualifiers["place"] = place
        out.append(_Figure(article, q, q.unit, subject, about, context,
                           _as_of(article, lo, hi), qualifiers,
                           source_of(article, q.start, q.end),
                           _anchor(article, q, lo), listed.get((lo, q.unit), 0) >= 3,
                           _precision(q)))
    # "سبع إصابات ... ثلاث إصابات ... خمس إصابات": an article that gives three tolls of
    # one kind or more tells several events; which one another outlet's toll is, it does
    # not say (two are often one toll updated, or two sources' tolls of one event).
    tolls: dict[tuple[str, str], set[float]] = defaultdict(set)
    for f in out:
        if f.subject[0] == "event" and f.qualifiers.get("part") != "part":
            tolls[f.subject].add(f.quantity.value)
    for f in out:
        if len(tolls.get(f.subject, ())) >= 3:
            f.listed = True
    return out


def _dual_stem(s: str) -> str:
    """"حادثين" → "حادث": the quantity stage gives a dual's singular, but not always."""
    return s[:-2] if s.endswith(("ين", "ان")) and len(s) > 4 else s


def _event(s: str) -> str | None:
    """What happened, for a light stem; a preposition glued on is no matter ("بمقتل")."""
    return _EVENT_INDEX.get(s) or (_EVENT_INDEX.get(s[1:]) if s[:1] in "بلف" else None)


def _name_key(text: str) -> str:
    return " ".join(sorted({stem(w) for w in fold(text).split()}))


def _anchor(article: Article, q: Quantity, lo: int) -> str | None:
    """The name nearest before a figure in its sentence, as `_name_key`: whose figure it is
    ("صافي أرباح شركة سبكيم تراجعاً بنسبة 39%"). A figure with none is nobody's in
    particular, and never set against another value."""
    best: tuple[int, str] | None = None
    for m in article.mentions:
        if m.type == "MISC" or not (lo <= m.start and m.end <= q.start):
            continue
        if _measure(m.text) != "count" or not _ARABIC.search(m.text):
            continue  # "ريال" tagged as a name is still the currency; "Wi-Fi" is a term
        if best is None or m.end > best[0]:
            best = (m.end, _name_key(m.text))
    return best[1] if best else None


_DIGITS = re.compile(r"[0-9]+(?:[.,\u066b][0-9]+)?")


def _precision(q: Quantity) -> tuple[float, bool]:
    """What the last digit written is worth — 1 for "16 قتيلا", 100,000 for "84.5 مليون
    ريال", 1,000 for "22 ألف حبة", 100 for "8500" — and whether a value may be that
    figure cut short (a written decimal or scale word: 59.4 مليون for 59.480 مليون)."""
    m = _DIGITS.search(q.text)
    if not m:
        return 1.0, False
    written = m.group().replace(",", ".").replace("\u066b", ".")
    decimals = len(written.split(".")[1]) if "." in written else 0
    number = float(written)
    scale = abs(q.value) / number if number else 1.0
    # A figure's own scale word: a round power of ten above one ("مليون", "ألف").
    scale = 10 ** round(math.log10(scale)) if scale >= 1 else 1.0
    zeros = len(written) - len(written.rstrip("0")) if "." not in written else 0
    if zeros >= 2:
        return scale * 10.0 ** zeros, False  # "8500": 8,504 rounded, not cut, to hundreds
    return scale * 10.0 ** -decimals, decimals > 0 or scale > 1


def _place(article: Article, q: Quantity, lo: int, hi: int) -> str | None:
    """The place named nearest the figure in its sentence, as the light stems of its words
    (space-separated): figures of places with no word in common never count one thing."""
    best: tuple[int, str] | None = None
    for m in article.mentions:
        if m.type != "LOC" or not (lo <= m.start and m.end <= hi):
            continue
        dist = q.start - m.end if m.end <= q.start else m.start - q.end
        if best is None or dist < best[0]:
            best = (dist, " ".join(sorted({stem(w) for w in fold(m.text).split()})))
    return best[1] if best else None


@cache  # asked for every pair of figures compared: a story of thousands asks millions
def _measure(unit: str | None) -> str:
    """What a unit measures: a measurement unit itself, or "count" for counted nouns.

    Counts of the same people come with different nouns ("قتيل", "ضابط", "عنصر أمن");
    the subject decides whether they count the same thing, the noun does not.
    """
    head = fold(unit or "").split()
    return head[0] if head and head[0] in _MEASURES else "count"


def _same(a: _Figure, b: _Figure) -> bool:
    """One value told two ways: equal, within a hedge ("نحو 13 مليار"), or one a rounding
    or a truncation of the other (84.5 and 84.540 مليون, 22 ألف and 22790)."""
    x, y = a.quantity.value, b.quantity.value
    step, cut = max(a.precision, b.precision)
    # Rounded (within half a step), or cut short a little at a written decimal or scale
    # (59.4 for 59.480): not 2 for 2.5, nor 54 دولار for 54.99.
    if x == y or abs(x - y) < step / 2 * (1 - 1e-9) or (
            cut and abs(x - y) < step and abs(x - y) <= TRUNCATED * max(abs(x), abs(y))):
        return True
    approx = a.quantity.approx or b.quantity.approx
    return approx and abs(x - y) <= APPROX_TOLERANCE * max(abs(x), abs(y))


def _compare(figs: list[_Figure]) -> tuple[bool, str | None]:
    """(disagree, kind): kind "changed" when values only move one way as time passes."""
    distinct: list[_Figure] = []
    for f in figs:
        if not any(_same(f, d) for d in distinct):
            distinct.append(f)
    if len(distinct) < 2:
        return False, None
    by_day: dict[str | None, list[_Figure]] = defaultdict(list)
    for f in figs:
        by_day[f.as_of].append(f)
    # Two values of one day that differ beyond their hedges: outlets contradict each other.
    if None in by_day or any(not _same(f, g) for fs in by_day.values() for f in fs for g in fs):
        return True, "conflict"
    ordered = sorted(by_day.items(), key=lambda kv: kv[0] or "")
    series = [max(f.quantity.value for f in fs) for _, fs in ordered]
    rising = all(b >= a for a, b in pairwise(series))
    falling = all(b <= a for a, b in pairwise(series))
    return True, "changed" if rising or falling else "conflict"


def _compatible(a: dict[str, str], b: dict[str, str]) -> bool:
    """No family read in both with different labels ("سوريا"/"سورية" share a stem)."""
    for family, label in a.items():
        other = b.get(family)
        if other is None or other == label:
            continue
        if family != "place" or not set(label.split()) & set(other.split()):
            return False
    return True


def _apart(a: _Figure, b: _Figure) -> bool:
    """Values of one day too far apart to be one count told two ways, or measures of two
    days: a price or an index of another day is another figure, not an update of it."""
    if a.as_of != b.as_of:
        return _measure(a.unit) != "count"
    low, high = sorted((abs(a.quantity.value), abs(b.quantity.value)))
    return high > SAME_DAY_RATIO * low


def _same_subject(a: _Figure, b: _Figure, shared: float) -> bool:
    """Strong evidence that two figures of different values count one thing, so that they
    may be set against each other: the same name is whose figure it is, the clauses around
    them share their words, and neither is a market price (which moves through the day:
    two outlets' prices are two snapshots)."""
    if a.listed or b.listed:
        return False
    if a.subject[0] == "event":
        # A toll: what happened and to whom (the subject) in one place both name
        # (`_compatible` read the rest); a toll of nobody in particular only on one day.
        if "place" not in a.qualifiers or "place" not in b.qualifiers:
            return False
        return not a.subject[1].endswith("|") or a.as_of == b.as_of
    if a.anchor is None or a.anchor != b.anchor or shared < STRONG_CONTEXT:
        return False
    return not any(f in q or q.get("money") in _MARKET for q in (a.qualifiers, b.qualifiers)
                   for f in ("benchmark",))


def _similarity(a: _Figure, b: _Figure) -> float | None:
    """How surely two figures of different articles count the same thing; None if not."""
    if a.subject != b.subject or _measure(a.unit) != _measure(b.unit):
        return None
    if not _compatible(a.qualifiers, b.qualifiers):
        return None
    union = a.context | b.context
    shared = len(a.context & b.context) / len(union) if union else 0.0
    if _apart(a, b):
        return None
    same = _same(a, b)
    if not same and not _same_subject(a, b, shared):
        return None
    if a.subject[0] == "noun" and not same:
        least = DIFFERENT_MEASURE if _measure(a.unit) != "count" else DIFFERENT_CONTEXT
        if shared < least:
            return None
    elif a.subject[0] == "noun" and shared < SHARED_CONTEXT:
        return None
    return shared + (SAME_VALUE if same else 0.0)


def _group(figures: list[_Figure]) -> list[list[_Figure]]:
    """Figures joined best match first, a group never taking two figures of one article."""
    by_key: dict[tuple[tuple[str, str], str], list[int]] = defaultdict(list)
    for n, f in enumerate(figures):
        by_key[(f.subject, _measure(f.unit))].append(n)
    pairs: list[tuple[float, int, int]] = []
    for block in by_key.values():
        for x, m in enumerate(block):
            for n in block[x + 1:]:
                if figures[m].article.id == figures[n].article.id:
                    continue
                score = _similarity(figures[m], figures[n])
                if score is not None:
                    pairs.append((score, m, n))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    root = list(range(len(figures)))
    articles = [{f.article.id} for f in figures]
    qualifiers = [dict(f.qualifiers) for f in figures]
    members = [[f] for f in figures]

    def find(n: int) -> int:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    for _, m, n in pairs:
        a, b = find(m), find(n)
        if a == b or articles[a] & articles[b] or not _compatible(qualifiers[a], qualifiers[b]):
            continue
        if any(_apart(x, y) for x in members[a] for y in members[b]):
            continue
        root[b] = a
        articles[a] |= articles[b]
        qualifiers[a] = {**qualifiers[b], **qualifiers[a]}
        members[a] += members[b]
    return [members[n] for n in range(len(figures)) if find(n) == n]


def build_claims(articles: list[Article]) -> list[dict[str, Any]]:
    if len({a.id for a in articles if a.quantities}) < 2:
        return []  # a claim compares figures of two articles at least
    figures = [f for a in articles for f in _figures(a)]
    claims: list[dict[str, Any]] = []
    for g in _group(figures):
        if len(g) < 2:
            continue
        units = Counter(f.unit for f in g)
        g.sort(key=lambda f: (f.as_of or "", f.article.published or "", f.article.id))
        disagree, kind = _compare(g)
        claims.append({
            "about": g[0].about,
            "unit": units.most_common(1)[0][0],
            "values": [
                {"value": f.quantity.value, "approx": f.quantity.approx, "bound": f.quantity.bound,
                 "unit": f.unit, "text": f.quantity.text, "article": f.article.id,
                 "as_of": f.as_of, "source": f.source}
                for f in g
            ],
            "disagree": disagree,
            "kind": kind,
        })
    claims.sort(key=lambda c: (not c["disagree"], -len(c["values"])))
    return claims
