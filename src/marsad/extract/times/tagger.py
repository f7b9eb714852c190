"""Find temporal expressions in Arabic text and normalise them to TIMEX3 values.

The rules of `grammar` are tried, in priority order, where a trigger word starts in the folded
text; only rules whose possible first characters fit the text there are tried (`prefilter`).
A handler turns a rule's match into a type and value, or rejects it (then the next rules are
tried at the same place).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import not_, or_

from marsad.extract.times import calendar_math as cm
from marsad.extract.times.grammar import RULES
from marsad.extract.times.lexicon import (
    CARDINALS,
    DAYS,
    DEATH_WORDS,
    EVENT_STEMS,
    HMONTHS,
    HOLDING_NEXT,
    MONTHS,
    ORDINALS,
    PERIOD_MODS,
    POD_ADVERB,
    POD_PREFIX,
    REL_SIGN,
    UNITS,
    VAGUE_COUNTS,
    WEAK_MONTHS,
    folded,
    number_value,
    ordinal_value,
)
from marsad.extract.times.prefilter import WIDTH, Dispatch, normal
from marsad.normalise import fold_map
from marsad.records import TimeExpr

Date = dt.date
# (start, end, type, value) in folded offsets.
Hit = tuple[int, int, str, str]

_SENT_END = re.compile(r"[.!؟?\n]")
# Future/announcement cues. س+imperfect is a future verb unless the word is a common noun.
_FUTURE = re.compile(
    r"(?<!\w)(?:[وف]?(?:سوف|من\s+(?:المقرر|المنتظر|المتوقع|المفترض)|المقرر|المرتقب|المرتقبه|يعتزم"
    r"|تعتزم|يتوقع\s+ان|ينتظر\s+ان|يرتقب|ستعقد|سيعقد|(?<!غير\s)متوقع|(?<!غير\s)متوقعه|المزمع"
    r"|يزمع|تزمع|لن|علي\s+ان|المتوقع|المقرره|ستكون|سيكون|تسليم|للتسليم|اقتراب|يقترب"
    r"|استعدادا)(?!\w)|المقبل\w*|القادم\w*"
    r"|[وف]?س[يتن](?!ا|ط|د|ر|ف|ل|و|ه|ين|ون|نغا|ناء|ب|م|ج|لي|اسي)\w{3,}"
    r"|[وف]?س[يتن](?:لت(?:قي|قيان|قون|زم|حق)|جري|جتمع|جمع)(?!\w))"
)
# Past cues: auxiliaries and the commonest past-tense verbs of news reports (with و/ف).
# "قد" + imperfect means "may", so only قد + a perfect verb counts.
_PAST = re.compile(
    r"(?<!\w)[وف]?(?:الماضي\w*|امس|المنصرم\w*|الفايت\w*|كان|كانت|كانوا|قد\s+(?![يتن])\w+|منذ|تم"
    r"|قال|قالت|اعلن|اعلنت|اكد|اكدت|اضاف|اضافت|ذكر|ذكرت|اوضح|اوضحت|افاد|افادت|اشار|اشارت"
    r"|كشف|كشفت|صرح|صرحت|نفي|نفت|شهد|شهدت|جرت|جري|التقي|استقبل|استقبلت|وصل|وصلت|غادر"
    r"|غادرت|قتل|قتلت|اعتقل|اعتقلت|بدا|بدات|اختتم|اختتمت|اظهر|اظهرت|ارتفع|ارتفعت|انخفض"
    r"|انخفضت|سجل|سجلت|حقق|حققت|اصدر|اصدرت|نشر|نشرت|توفي|رحل|رحلت|استبعد|اعرب|اعربت|دعا"
    r"|دعت|طالب|طالبت|وقع|وقعت|وعد|وعدت|انتهت|انتهي|اجري|اجرت|اعتبر|اعتبرت|اتهم|اتهمت"
    r"|اطلق|اطلقت|ولد|ولدت|سبق)(?!\w)"
)
# "كان من المقرر": a plan made in the past, for a time that may still be ahead: no cue.
_WAS_PLANNED = re.compile(r"(?<!\w)[وف]?كان\w{0,2}\s+(?:\S+\s+)?$")
# How far back (folded characters) a named year still sets the narrative's year.
_NARRATIVE_REACH = 250
_FRAME_OPENING = re.compile(r"(?:^|[.!؟:؛])\s*[وف]{0,2}(?:في|خلال)\s+$")
_YEAR_DIGITS = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_PLANNED_THAT = re.compile(
    r"(?<!\w)[وف]?(?:من\s+(?:المقرر|المنتظر|المتوقع|المفترض)|المقرر|المنتظر|المتوقع|المرتقب"
    r"|المزمع|يتوقع|يتوقع|تتوقع|ينتظر|يرتقب|يعتزم|تعتزم|يزمع|تزمع|تقرر|يتعين)\s*$")
_RELATIVE = re.compile(r"(?<!\w)(?:الذي|التي|الذين|اللذين|اللتين|اللواتي)(?!\w)")
_RELATIONAL_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?:بعد|عقب|اثر|قبيل|قبل)\s+(?:(?:انتهاء|انقضاء|نهايه|بدء|انتهاء)\s+)?"
    r"(?:(?:عطله|اجازه|ايام|احتفالات)\s+)?$")
_COMPLEMENTISER = re.compile(r"(?<!\w)(?:ان|انه|انها|بان|بانه|بانها)(?!\w)")
# The clause of an expression ends at a comma or at a complementiser ("قال الخميس إن ...").
_CLAUSE_END = re.compile(r"[،,؛:]|(?<!\w)(?:ان|انه|انها|بان|بانه|لان)(?!\w)")

# Countries whose fiscal year does not follow the calendar, by the first month of the year:
# Egypt and Pakistan July-June; India, Japan, the UK, Kuwait April-March.
_FISCAL_WORDS = [  # "*": any ending
    (7, "مصر المصري* باكستان الباكستاني*"),
    (1, "السودان السوداني* السعوديه السعودي الامارات الاماراتي* قطر القطري* الاردن الاردني* "
        "المغرب المغربي* تونس التونسي*"),
    (4, "الهند الهندي* اليابان الياباني* بريطانيا البريطاني* الكويت الكويتي*"),
]
# (first month, stems, regex); a regex can only match where one of its stems occurs, and a
# substring test is far cheaper than a regex scan that starts with a look-behind.
_FISCAL_CUES = [
    (month, tuple(w.rstrip("*") for w in words.split()),
     re.compile(r"(?<!\w)(?:" + "|".join(w.replace("*", r"\w*") for w in words.split())
                + r")(?!\w)"))
    for month, words in _FISCAL_WORDS
]
_BUDGET_BEFORE = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:موازنه|ميزانيه|مالي|الماليه)\W{0,3}$")
_BUDGET_NEAR = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:موازنه|ميزانيه|مالي|الماليه)(?!\w)")
_AGE = re.compile(r"(?:العمر|عمره|عمرها|عمرهم|عمر|اعمارهم|اعمارهن|اعمار|البالغ|البالغه|يبلغ"
                  r"|تبلغ|بعمر|بلغ|سن|ابن|ابنه|طفل|طفله|الطفل|الطفله|مواليد|عن|عمرا)\s+(?:من\s+العمر\s+)?$")
_YEAR_CUES = frozenset(
    [
        "في", "منذ", "حتي", "بحلول", "خلال", "قبل", "بعد", "عام", "العام", "عامي", "سنه", "مطلع",
        "اوايل", "اواخر", "نهايه", "بدايه", "منتصف", "مونديال", "موازنه", "ميزانيه", "رويه",
        "انتخابات", "اولمبياد", "دوره", "نسخه", "بطوله", "موسم", "صيف", "شتاء", "ربيع", "خريف",
        "الي", "وحتي", "لعام", "كاس", "مطلع", "ربيع", "اواسط", "ختام", "تاريخ", "انتخابات", "خطه",
        "استراتيجيه", "مشروع", "برنامج", "اجندا", "اجنده", "اكسبو", "معرض", "مهرجان", "قمه",
        "ميزانيه",
    ])
_QUANTITY_BEFORE = frozenset(
    [
        "نحو", "حوالي", "قرابه", "زهاء", "اكثر", "اقل", "بلغ", "بلغت", "يبلغ", "تبلغ", "ارتفع",
        "ارتفعت", "انخفض", "انخفضت", "مجموعه", "عدد", "رقم", "القرار", "قرار", "رقمه",
    ])
_TODAY_NOT = re.compile(
    r"\s+(?:ال(?:اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|اخير|تالي|سابق|عالمي|وطني"
    r"|دولي|ذي|واحد|اخر|موعود|مشهود|عربي|مفتوح|دراسي|كامل|مقرر|نفسه)|نفسه|ذاته|الذي|التي)(?!\w)"
)


@dataclass(slots=True)
class _Ctx:
    folded: str
    dct: Date | None
    hits: list[Hit] = field(default_factory=list)
    last_year: int | None = None
    _fiscal: int | None = None

    def fiscal_start(self) -> int:
        """First month of the fiscal year of the country the article is about (1 = calendar)."""
        if self._fiscal is None:
            text = self.folded
            counts = {m: len(rx.findall(text)) if any(w in text for w in stems) else 0
                      for m, stems, rx in _FISCAL_CUES}
            self._fiscal = max(counts, key=lambda k: counts[k]) if any(counts.values()) else 1
        return self._fiscal

    def direction(self, start: int, end: int) -> int:
        """+1 when the clause announces (future cues), -1 when it reports, 0 if unclear.

        The cue nearest the expression wins: on its left within the sentence (a verb usually
        comes first), else on its right up to the end of the clause.
        """
        text = self.folded
        s = max(0, start - 120)
        left = text[s:start]
        # Reported speech ("قال إن ...", "قال: «...") has its own tense: keep its clause only.
        cut = max(left.rfind(c) for c in ".\n؟:«\"“")
        left = left[cut + 1:]
        comps = list(_COMPLEMENTISER.finditer(left))
        best = -1
        sign = 0
        if comps:
            # "من المقرر أن يعقد ... الأحد": the plan announced before "أن" sets the tense.
            planned = _PLANNED_THAT.search(left, 0, comps[-1].start())
            if planned and not _WAS_PLANNED.search(left, 0, planned.start()):
                sign = 1
            left = left[comps[-1].end():]
        for m in _FUTURE.finditer(left):
            if m.end() > best:
                best, sign = m.end(), (0 if _WAS_PLANNED.search(left, 0, m.start()) else 1)
        for m in _PAST.finditer(left):
            if m.end() > best:
                best, sign = m.end(), -1
        # "وسيحتل الاتفاق الذي أبرمته في 14 يوليو": a relative clause has its own tense, and
        # "بعد انتهاء عطلة عيد الفطر" dates the expression from another event.
        if sign > 0:
            for m in _RELATIVE.finditer(left, best):
                best, sign = m.end(), 0
        if _RELATIONAL_BEFORE.search(left):
            return 0
        if best >= 0 or sign:
            return sign
        right = text[end:end + 60]
        m = _SENT_END.search(right)
        if m:
            right = right[: m.start()]
        m = _CLAUSE_END.search(right)
        if m:
            right = right[: m.start()]
        f, p = _FUTURE.search(right), _PAST.search(right)
        if f and (p is None or f.start() < p.start()):
            return 1
        return -1 if p else 0

    def narrative_year(self, start: int, month: int) -> int | None:
        """The year of the past the text is recounting at `start`, if it named one just before.

        "ففي عام 2011 ... وفي 18 مارس": an undated day or month that follows, in the same
        paragraph, a sentence opening on an earlier year ("في عام 2011") belongs to that
        year, not to the year of publication. Only the nearest earlier expression counts, and
        only as a sentence's opening frame: a year inside a clause ("منذ سقوط النظام عام
        2003", "مواليد عام 1967") sets no narrative.
        """
        if not self.hits or self.dct is None:
            return None
        s, e, _, value = self.hits[-1]
        if start - e > _NARRATIVE_REACH or "\n" in self.folded[e:start]:
            return None
        # A specific past date is no frame: news returns to this year's months right after
        # "منذ أغسطس 2016" or "في 5 مايو 2016" (tried on ANT: wrong more often than right).
        if _FRAME_OPENING.search(self.folded, max(0, s - 12), s) is None:
            return None
        m = _YEAR_DIGITS.search(self.folded, s, e)
        if m is None or not value.startswith(m.group()):
            return None
        year = int(m.group())
        if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit() and month < int(value[5:7]):
            year += 1  # "في أغسطس 2007 ... ومن مايو": the story moves forward
        return year if year < self.dct.year else None

    def before(self, start: int, n: int = 40) -> str:
        return self.folded[max(0, start - n):start]

    def prev_word(self, start: int) -> str:
        words = self.before(start, 30).split()
        return words[-1] if words else ""


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _day_of(m: re.Match[str], prefix: str) -> int | None:
    num = _g(m, prefix + "n")
    if num is not None:
        value = int(num)
    else:
        word = _g(m, prefix + "o")
        value = ordinal_value(word) if word else None
    return value if value is not None and 1 <= value <= 31 else None


def _month_of(m: re.Match[str]) -> int | None:
    name = _g(m, "mon")
    if not name:
        return None
    return MONTHS.get(re.sub(r"\s+", " ", name))


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _year_of(m: re.Match[str], ctx: _Ctx) -> tuple[int | None, bool]:
    """(year, explicit) from a YEARPART: a number, or العام الماضي/الجاري/المقبل."""
    y = _g(m, "y")
    if y:
        return int(y), True
    rel = _g(m, "yrel")
    if rel and ctx.dct:
        return ctx.dct.year + REL_SIGN[rel], True
    if _g(m, "ythis") and ctx.dct:
        return ctx.dct.year, True
    return None, False


def _date_value(ctx: _Ctx, start: int, end: int, month: int, day: int | None,
                year: int | None, mrel: str | None) -> str | None:
    if year is None and mrel is not None and ctx.dct is not None:
        # "5 يناير الجاري/الماضي/المقبل": this month, or the nearest such month that way.
        sign = REL_SIGN[mrel]
        if sign == 0:
            year = ctx.dct.year
        else:
            year = cm.nearest_year(month, None, ctx.dct, sign)
            if sign < 0 and year == ctx.dct.year and month >= ctx.dct.month:
                year -= 1
            if sign > 0 and year == ctx.dct.year and month <= ctx.dct.month:
                year += 1
    if year is None and ctx.dct is not None:
        direction = ctx.direction(start, end)
        year = ctx.narrative_year(start, month) if direction <= 0 else None
        if year is None:
            year = cm.nearest_year(month, day, ctx.dct, direction)
    ystr = f"{year:04d}" if year is not None else "XXXX"
    if day is None:
        return f"{ystr}-{month:02d}"
    if year is not None and cm.valid_date(year, month, day) is None:
        return None
    return f"{ystr}-{month:02d}-{day:02d}"


def _clock(hh: str | None, mi: str | None, ap: str | None) -> str | None:
    if hh is None:
        return None
    h = int(hh)
    minute = int(mi) if mi else 0
    pod = POD_ADVERB.get(ap or "", POD_PREFIX.get(ap or ""))
    if ap in ("م",) or pod in ("EV", "AF") or (pod == "NI" and h >= 6):
        if h < 12:
            h += 12
    elif pod == "MI" and h < 6:
        h += 12
    if (ap == "ص" or pod == "MO") and h == 12:
        h = 0
    if h > 24 or minute > 59:
        return None
    return f"T{h:02d}:{minute:02d}"


# ---------------------------------------------------------------- handlers

Handler = Callable[[re.Match[str], _Ctx], Hit | list[Hit] | None]


def _numdate(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    if m.group("y"):
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if mo > 12 >= d:
            d, mo = mo, d
    else:
        d, mo, y = int(m.group("d2")), int(m.group("m2")), int(m.group("y2"))
    date = cm.valid_date(y, mo, d)
    if date is None:
        return None
    clock = _clock(_g(m, "hh"), _g(m, "mi"), _g(m, "ap"))
    if clock:
        return m.start(), m.end(), "TIME", date.isoformat() + clock
    end = m.start("hh") if _g(m, "hh") else m.end()
    return m.start(), _rstrip(ctx, m.start(), end), "DATE", date.isoformat()


def _rstrip(ctx: _Ctx, start: int, end: int) -> int:
    while end > start and ctx.folded[end - 1] in " \t،,":
        end -= 1
    return end


def _date(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    day = _day_of(m, "a")
    month = _month_of(m)
    if day is None or month is None:
        return None
    mon2 = _g(m, "mon2")
    if mon2 and MONTHS.get(_norm(mon2)) != month:
        return None
    year, _ = _year_of(m, ctx)
    value = _date_value(ctx, m.start(), m.end(), month, day, year, _g(m, "mrel"))
    if value is None:
        return None
    if year is not None:
        ctx.last_year = year
    clock = _clock(_g(m, "hh"), _g(m, "mi"), _g(m, "ap"))
    if clock:
        return m.start(), m.end(), "TIME", value + clock
    end = m.start("hh") if _g(m, "hh") else m.end()
    end = _strip_tail(ctx, m.start(), end)
    pod = _g(m, "pod")
    if pod:
        return m.start(), end, "TIME", value + "T" + POD_PREFIX[_norm(pod)]
    return m.start(), end, "DATE", value


def _strip_tail(ctx: _Ctx, start: int, end: int) -> int:
    end = _rstrip(ctx, start, end)
    for tail in (" في", " الموافق", " الساعه", " تمام"):
        if ctx.folded.endswith(tail, start, end):
            end = _rstrip(ctx, start, end - len(tail))
    return end


def _hdate(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    day = _day_of(m, "a")
    hm = HMONTHS.get(_norm(m.group("hm")))
    if day is None or hm is None or day > 30:
        return None
    hy = _g(m, "hy")
    if hy:
        d = cm.hijri_to_gregorian(int(hy), hm, day)
    elif ctx.dct:
        d = cm.nearest_hijri(hm, day, ctx.dct, ctx.direction(m.start(), m.end()))
    else:
        return m.start(), m.end(), "DATE", "XXXX-XX-XX"
    if d is None:
        return None
    wd = _g(m, "wd")
    if wd and d.weekday() != DAYS[wd]:
        # Sighting calendars run a day or two off Umm al-Qura: trust the named weekday.
        for k in (1, -1, 2, -2):
            if (d + dt.timedelta(days=k)).weekday() == DAYS[wd]:
                d += dt.timedelta(days=k)
                break
    return m.start(), m.end(), "DATE", d.isoformat()


def _range_days(m: re.Match[str], ctx: _Ctx) -> Hit | list[Hit] | None:
    a, b = _day_of(m, "a"), _day_of(m, "b")
    month = _month_of(m)
    if a is None or b is None or month is None or a >= b:
        return None
    year, _ = _year_of(m, ctx)
    va = _date_value(ctx, m.start(), m.end(), month, a, year, _g(m, "mrel"))
    if va is None:
        return None
    vb = va[:-2] + f"{b:02d}"
    if m.group("conj") == "و" and not ctx.before(m.start(), 6).rstrip().endswith("بين"):
        # "10 و11 أبريل": two dates, the first one only a day number.
        a_end = m.end("an") if _g(m, "an") else m.end("ao")
        b_start = m.start("bn") if _g(m, "bn") else m.start("bo")
        end = _rstrip(ctx, m.start(), m.end())
        return [(m.start(), a_end, "DATE", va), (b_start, end, "DATE", vb)]  # type: ignore[return-value]
    if not va.startswith("X") and cm.valid_date(int(va[:4]), month, b) is None:
        return None
    return m.start(), _rstrip(ctx, m.start(), m.end()), "DATE", f"{va}/{vb}"


def _range_years(m: re.Match[str], ctx: _Ctx) -> Hit | list[Hit] | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    conj = m.group("conj") or m.group("conj2")
    n = _g(m, "n") or ""
    if conj == "/" and y2 != y1 + 1:
        return None
    if (conj in ("/", "-") and y2 == y1 + 1 and ctx.fiscal_start() != 1
            and _BUDGET_NEAR.search(ctx.before(m.start(), 30))):
        # "الموازنة الجديدة (2018/2019)": a fiscal year.
        ctx.last_year = y2
        return m.start(), m.end(), "DATE", _fiscal_range(y1, ctx.fiscal_start())
    if conj in ("-", "–") and not (y1 < y2 <= y1 + 60):
        return None
    if conj == "و" and not ctx.before(m.start(), 6).rstrip().endswith("بين"):
        # "عامي 2014 و2015": two separate dates.
        if not n:
            return None
        s2 = m.start("y2")
        first_end = m.end("y1")
        return [(m.start(), first_end, "DATE", str(y1)), (s2, m.end(), "DATE", str(y2))]
    if y2 <= y1:
        return None
    ctx.last_year = y2
    return m.start(), m.end(), "DATE", f"{y1}/{y2}"


def _day_of_month(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    day = _day_of(m, "a")
    rel = _g(m, "rel")
    if day is None or not (rel or _g(m, "this")):
        return None
    sign = REL_SIGN.get(rel or "", 0)
    if ctx.dct is None:
        return m.start(), m.end(), "DATE", f"XXXX-XX-{day:02d}"
    y, mo = cm.add_months(ctx.dct.year, ctx.dct.month, sign)
    if cm.valid_date(y, mo, day) is None:
        return None
    return m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{day:02d}"


_MONTH_CUES = frozenset([
    "في", "منذ", "حتي", "خلال", "بحلول", "قبل", "بعد", "اعتبارا", "من", "الي", "شهري", "مطلع",
    "اواخر",
])


def _month(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    month = _month_of(m)
    if month is None:
        return None
    name = _norm(m.group("mon"))
    mon2 = _g(m, "mon2")
    if mon2 and MONTHS.get(_norm(mon2)) != month:
        return None
    year, explicit = _year_of(m, ctx)
    context = explicit or mon2 or _g(m, "mrel") or _g(m, "sh") or _g(m, "mod")
    if name in WEAK_MONTHS and not context:
        prev = ctx.prev_word(m.start())
        if prev.lstrip("وفبل") not in _MONTH_CUES and prev not in _MONTH_CUES:
            return None
        if name in ("اب", "ماي"):  # "اب" is also "father", "ماي" "my": need a stronger cue
            return None
    value = _date_value(ctx, m.start(), m.end(), month, None, year, _g(m, "mrel"))
    if value is None:
        return None
    if year is not None:
        ctx.last_year = year
    return m.start(), m.end(), "DATE", value


def _hmonth(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    hm = HMONTHS.get(_norm(m.group("hm")))
    if hm is None:
        return None
    hy = _g(m, "hy")
    if not (hy or _g(m, "sh") or (_g(m, "hrel") and hm == 9)):
        return None
    if hy:
        year = int(hy)
    elif ctx.dct:
        cur = cm.gregorian_to_hijri_year(ctx.dct)
        explicit = REL_SIGN.get(_g(m, "hrel") or "", None)
        sign = ctx.direction(m.start(), m.end()) if explicit is None else explicit
        ranges = [(y, cm.hijri_month_range(y, hm)) for y in (cur - 1, cur, cur + 1)]
        spans = [(y, r) for y, r in ranges if r is not None]
        if not spans:
            return None
        current = [y for y, (b, e) in spans if b <= ctx.dct <= e]
        past = [y for y, (_, e) in spans if e < ctx.dct]
        future = [y for y, (b, _) in spans if b > ctx.dct]
        if current and (sign <= 0 or explicit is None):
            year = current[0]  # the month under way, unless "المقبل" says the next one
        elif sign > 0 and future:
            year = min(future)
        elif sign < 0 and past:
            year = max(past)
        elif current:
            year = current[0]
        else:
            # No cue: the nearest occurrence, past or future.
            year = min(spans, key=lambda t: min(abs((t[1][0] - ctx.dct).days),
                                                abs((t[1][1] - ctx.dct).days)))[0]
    else:
        return m.start(), m.end(), "DATE", "XXXX-XX"
    rng = cm.hijri_month_range(year, hm)
    if rng is None:
        return None
    return m.start(), m.end(), "DATE", f"{rng[0].isoformat()}/{rng[1].isoformat()}"


_DX_SHIFT = {"اليوم": 0, "يوم": None, "امس": -1, "يوم امس": -1, "الامس": -1, "البارحه": -1,
             "غدا": 1, "يوم الغد": 1, "الغد": 1, "اول امس": -2, "اول من امس": -2,
             "امس الاول": -2, "بعد غد": 2, "الليله": 0, "هذه الليله": 0, "الليله الماضيه": -1,
             "الليل": 0}
_BOTH_BEFORE = ("بين", "كلا", "هذين", "هاتين")


def _weekday(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    wd = DAYS[m.group("wd")]
    dx = _norm(_g(m, "dx") or "")
    rel = _g(m, "rel")
    pod = _g(m, "pod")
    pod2 = _g(m, "pod2")
    start, end = m.start(), m.end()
    if wd == 0 and not (dx or rel or pod):
        # "الاثنين" is also "the two/both".
        prev = ctx.prev_word(start)
        if prev in _BOTH_BEFORE or ctx.folded.startswith(" معا", end):
            return None
    if rel is not None and REL_SIGN[rel] == 0:
        rel = None  # "الخميس الحالي" is rare: treat as bare
    if ctx.dct is None:
        value = f"XXXX-WXX-{wd + 1}"
    else:
        shift = _DX_SHIFT.get(dx) if dx else None
        if shift is not None:
            # "اليوم الأربعاء", "أمس الثلاثاء": the deictic word fixes the day.
            value = (ctx.dct + dt.timedelta(days=shift)).isoformat()
        else:
            if rel is not None:
                mode = "last" if REL_SIGN[rel] < 0 else "next"
            else:
                mode = "future" if ctx.direction(start, end) > 0 else "past"
            value = cm.weekday_date(wd, ctx.dct, mode).isoformat()
    pod_code = POD_PREFIX.get(_norm(pod)) if pod else POD_ADVERB.get(pod2 or "")
    if pod_code:
        return start, end, "TIME", value + ("T24:00" if pod_code == "24" else "T" + pod_code)
    if pod2:
        end = m.start("pod2")
    return start, _rstrip(ctx, start, end), "DATE", value


def _deictic(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    dx = _norm(m.group("dx"))
    pod = _g(m, "pod")
    pod2 = _g(m, "pod2")
    start, end = m.start(), m.end()
    if dx == "اليوم" and not pod and (_TODAY_NOT.match(ctx.folded, m.end("dx"))
                                      or ctx.prev_word(start).strip("\"«“'") == "اخبار"
                                      or ctx.folded[m.start("dx") - 1:m.end("dx") + 1]
                                      == "«اليوم»"):
        return None  # "اليوم الأول", "اليوم العالمي", the papers "أخبار اليوم", «اليوم»
    if dx in ("اليوم", "الليله") and ctx.prev_word(start) in ("ذلك", "تلك", "ذات", "نفس"):
        return None  # an anaphor without antecedent: not today
    if dx == "اليوم" and not pod and not pod2:
        before = ctx.before(start, 25)
        if re.search(r"(?:\d|برميل|مره|مرات|ساعه|ساعات|دولار|وجبه|وجبات)\S*\s+(?:\S+\s+)?في\s+$",
                     before):
            return start, end, "SET", "P1D"
    if dx in ("الغد", "الليل") and not pod:
        if dx == "الليل" and ctx.prev_word(start) in ("طوال", "طيله", "منتصف"):
            pass
        else:
            return None
    shift = _DX_SHIFT[dx]
    assert shift is not None
    value = "XXXX-XX-XX" if ctx.dct is None else (ctx.dct + dt.timedelta(days=shift)).isoformat()
    code = POD_PREFIX.get(_norm(pod)) if pod else POD_ADVERB.get(pod2 or "")
    if dx in ("الليله", "هذه الليله", "الليله الماضيه", "الليل") and not code:
        code = "NI"
    if code:
        return start, end, "TIME", value + ("T24:00" if code == "24" else "T" + code)
    return start, end, "DATE", value


_SHAPE = re.compile(r"(\d{4})(-(?:\d\d(?:-\d\d)?|Q[1-4]|H[12]))?")


def _antecedent(ctx: _Ctx, start: int, end: int, unit: str) -> str | None:
    """Value of the last date in the text that an anaphor ("ذلك اليوم") can point to."""
    day_level = unit in ("يوم", "ليله")
    past = ctx.direction(start, end) < 0
    for h in reversed(ctx.hits):
        if start - h[1] > 1500:
            break
        m = _SHAPE.match(h[3])
        if m is None or h[2] not in ("DATE", "TIME"):
            continue
        if unit == "شهر":
            if m.group(2) and len(m.group(2)) >= 3 and m.group(2)[1].isdigit():
                return h[3][:7]
            continue
        if not day_level:
            return m.group(1)
        if not (m.group(2) and m.group(2)[1].isdigit()):
            continue  # "ذلك اليوم" wants a day (or at least a month)
        value = h[3][:10] if len(h[3]) >= 10 and h[3][7:8] == "-" else h[3][:7]
        if past and ctx.dct and value > ctx.dct.isoformat():
            continue  # a reported event cannot fall on a date still ahead
        return value
    return None


def _anaphor(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    u = m.group("u") or m.group("u2")
    unit = u[2:] if u.startswith("ال") else u[1:]
    value = _antecedent(ctx, m.start(), m.end(), unit)
    if value is None:
        return None
    return m.start(), m.end(), "DATE", value


def _anniversary(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    """"(في مثل) هذا اليوم قبل 43 عاماً": the DCT's day that many years back."""
    if ctx.dct is None:
        return None
    y = _g(m, "y")
    years = ctx.dct.year - int(y) if y else number_value(m.group("n") or "")
    if not years:
        return None
    d = cm.valid_date(ctx.dct.year - years, ctx.dct.month, ctx.dct.day)
    return (m.start(), m.end(), "DATE", d.isoformat()) if d else None


def _quarter(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    q = m.group("q")
    o = m.group("o")
    index = {"اول": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "اخير": 4 if q == "ربع" else 2}[o]
    if q == "نصف" and index > 2:
        return None
    if _g(m, "fis"):
        m0 = ctx.fiscal_start()
        start = _fiscal_start_year(m, ctx, m0)
        if start is None:
            return None
        if m0 != 1:
            size = 3 if q == "ربع" else 6
            return m.start(), m.end(), "DATE", _fiscal_range(start, m0, size * (index - 1), size)
        return m.start(), m.end(), "DATE", f"{start}-{'Q' if q == 'ربع' else 'H'}{index}"
    y = _g(m, "y") or _g(m, "y2")
    year: int | None
    if y:
        year = int(y)
    elif q == "نصف" and not _g(m, "yn"):
        return None  # "النصف الاول" alone is usually a match half
    else:
        rel = _g(m, "rel")
        year = ctx.dct.year + REL_SIGN.get(rel or "", 0) if ctx.dct else None
    ystr = str(year) if year is not None else "XXXX"
    return m.start(), m.end(), "DATE", f"{ystr}-{'Q' if q == 'ربع' else 'H'}{index}"


def _fiscal_range(start_year: int, m0: int, first: int = 0, count: int = 12) -> str:
    y1, mo1 = cm.add_months(start_year, m0, first)
    y2, mo2 = cm.add_months(start_year, m0, first + count - 1)
    return f"{y1:04d}-{mo1:02d}/{y2:04d}-{mo2:02d}"


def _fiscal_start_year(m: re.Match[str], ctx: _Ctx, m0: int) -> int | None:
    """Calendar year in which the fiscal year meant by FISCAL's groups begins."""
    fy1, fy2 = _g(m, "fy1"), _g(m, "fy2")
    if fy1:
        y1 = int(fy1)
        if fy2:
            return y1 if int(fy2) == y1 + 1 else None
        # A single year names April-March years by their start, July-June ones by their end.
        return y1 if m0 <= 4 else y1 - 1
    if ctx.dct is None:
        return None
    d = ctx.dct
    current = d.year if d.month >= m0 else d.year - 1
    return current + REL_SIGN.get(_g(m, "frel") or "", 0)


def _fiscal(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    if not (_g(m, "frel") or _g(m, "fy1")):
        return None  # "العام المالي" alone is the notion, not a year
    m0 = ctx.fiscal_start()
    start = _fiscal_start_year(m, ctx, m0)
    if start is None:
        return (m.start(), m.end(), "DATE", "XXXX") if ctx.dct is None else None
    if m0 == 1:
        value = f"{start}/{start + 1}" if _g(m, "fy2") else str(start)
    else:
        value = _fiscal_range(start, m0)
    if _g(m, "fy1"):
        ctx.last_year = int(_g(m, "fy2") or _g(m, "fy1") or 0)
    return m.start(), m.end(), "DATE", value


def _hnumdate(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    """A Hijri date in digits ("21/10/1436هـ", "1436/2/9هـ") as its Gregorian day."""
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    if not (1 <= mo <= 12 and 1 <= d <= 30):
        return None
    g = cm.hijri_to_gregorian(y, mo, d)
    return (m.start(), m.end(), "DATE", g.isoformat()) if g else None


def _hyear(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    """A Hijri year as the Gregorian days it spans."""
    if not (_g(m, "mark") or _g(m, "n")) or re.search(r"[/\\.\-]\s*$", ctx.before(m.start(), 3)):
        return None
    y = int(m.group("hy"))
    if not _g(m, "mark") and (ctx.dct is None or not 1300 <= y <= cm.gregorian_to_hijri_year(
            ctx.dct) + 2):
        return None  # unmarked, a Hijri year only up to now: "في عام 1473" is Copernicus's
    first, nxt = cm.hijri_to_gregorian(y, 1, 1), cm.hijri_to_gregorian(y + 1, 1, 1)
    if first is None or nxt is None:
        return None
    last = nxt - dt.timedelta(days=1)
    return m.start(), m.end(), "DATE", f"{first.isoformat()}/{last.isoformat()}"


def _year(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    y = int(m.group("y"))
    if _AGE.search(ctx.before(m.start(), 40)):
        return None
    if ctx.dct and y > ctx.dct.year + 80:
        return None
    ctx.last_year = y
    return m.start(), m.end(), "DATE", str(y)


def _bare_year(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    y = int(m.group("y"))
    text = ctx.folded
    start, end = m.start(), m.end()
    before = text[max(0, start - 12):start]
    # "(1881)" after an event: a year in brackets, however old; an old one only when no
    # counted noun follows ("حفر (1704) آبار").
    bracketed = bool(re.match(r"\s*\)", text[end:end + 3]) and re.search(r"\(\s*$", before))
    if bracketed and y < 1900:
        rest = text[end:end + 30].lstrip().removeprefix(")")
        bracketed = bool(re.match(r"\s*(?:[،,.:؛)\n\"'»”]|$)", rest) or _AFTER_YEAR.match(rest))
    if y < (1700 if bracketed else 1900) or (ctx.dct and y > ctx.dct.year + 15) or (
            not ctx.dct and y > 2050):
        return None
    if re.search(r"\d\s*(?:و|او|-|–|،|,)\s?$", before) and any(
        h[1] >= start - 8 and re.fullmatch(r"\d{4}(?:/\d{4})?", h[3]) for h in ctx.hits[-1:]
    ):
        ctx.last_year = y
        return start, end, "DATE", str(y)
    prev = ctx.prev_word(start)
    prev_core = prev.lstrip("وفبل") if prev not in _YEAR_CUES else prev
    if prev in _QUANTITY_BEFORE or prev_core in _QUANTITY_BEFORE:
        return None
    after = text[end:end + 20]
    glued = start > 0 and "\u0621" <= text[start - 1] <= "\u064a"
    if prev in _YEAR_CUES or prev_core in _YEAR_CUES or glued:
        ctx.last_year = y
        return start, end, "DATE", str(y)
    if bracketed:
        return start, end, "DATE", str(y)  # "(2017)"
    if prev and not prev[-1:].isdigit() and (
        re.match(r"\s*(?:[،,.:؛)\n\"'»”]|$)", after) or _AFTER_YEAR.match(after)
    ):
        # A year after a name ("كأس العالم 2018 في روسيا"); counts are followed by nouns.
        ctx.last_year = y
        return start, end, "DATE", str(y)
    return None


_AFTER_YEAR = re.compile(
    r"\s+(?:في|علي|الي|حتي|عندما|حين|التي|الذي|والتي|والذي|ضد|امام|مع|بعد|قبل|خلال|و\s?\d{4}"
    r"|ب\w+|و\w+|بين|لكن|كما|حيث|اذ|فقد|وقد)(?!\w)"
)


_DECADE = {"عشرين": 2, "ثلاثين": 3, "اربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7,
           "ثمانين": 8, "تسعين": 9}


def _century_number(c: str, dct: Date | None) -> int | None:
    """TIMEX3 century prefix ("19" for the 20th century)."""
    c = _norm(c)
    base = (dct.year // 100) if dct else 20
    if c in ("الماضي", "المنصرم"):
        return base - 1
    if c in ("الحالي", "الجاري"):
        return base
    if c == "المقبل":
        return base + 1
    digits = re.sub(r"\D", "", c)
    if digits:
        return int(digits) - 1
    n = ordinal_value(c)
    return n - 1 if n else None


def _decade(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    dec = _DECADE[m.group("dec")]
    c = _g(m, "c")
    century = _century_number(c, ctx.dct) if c else 19
    if century is None:
        return None
    return m.start(), m.end(), "DATE", f"{century:02d}{dec}"


def _century(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    century = _century_number(m.group("c"), ctx.dct)
    if century is None or not (5 <= century <= 21):
        return None
    return m.start(), m.end(), "DATE", f"{century:02d}"


_SEASON_CUES = frozenset(["في", "خلال", "حتي", "منذ", "هذا", "قبل", "بعد", "فصل", "طوال", "طيله"])
_SEASON = {"صيف": ("SU", 6), "شتاء": ("WI", 12), "ربيع": ("SP", 3), "خريف": ("FA", 9)}


def _season_instance(d: Date, code: str, sign: int) -> int:
    """Year of the season `code` nearest to `d`: -1 the last one over, +1 the next to come,
    0 the current one if it is that season, else the last one over."""
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    instances = []
    for y in range(d.year - 2, d.year + 2):
        begin = Date(y, start_month, 1)
        ey, em = cm.add_months(y, start_month, 3)
        instances.append((y, begin, Date(ey, em, 1)))
    current = [y for y, b, e in instances if b <= d < e]
    if sign == 0 and current:
        return current[0]
    if sign > 0:
        return next(y for y, b, _ in instances if b > d)
    return max(y for y, _, e in instances if e <= d)


def _season(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    s = m.group("s")
    core = s[2:] if s.startswith("ال") else s[1:] if s.startswith("ل") and s[1:] in _SEASON else s
    code, _ = _SEASON[core]
    after = ctx.folded[m.end():m.end() + 12]
    y = _g(m, "y") or _g(m, "y2")
    rel = _g(m, "rel") or _g(m, "rel2")
    if not (y or rel or s.startswith(("ال", "ل"))):
        return None
    if not (y or rel or _g(m, "mod")) and ctx.prev_word(m.start()) not in _SEASON_CUES:
        return None  # "الشتاء القارس": the weather, not a date
    if core == "ربيع" and re.match(r"\s+(?:العربي|الاول|الثاني|الاخر|اول|ثاني)", after):
        return None
    if y:
        value = f"{y}-{code}"
    elif ctx.dct is None:
        value = f"XXXX-{code}"
    else:
        sign = REL_SIGN.get(rel or "", None)
        if sign is None:
            sign = 0 if ctx.direction(m.start(), m.end()) < 0 else 1
        value = f"{_season_instance(ctx.dct, code, sign)}-{code}"
    return m.start(), m.end(), "DATE", value


def _sport_season(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    rel = _g(m, "rel")
    if not (rel or _g(m, "this") or _g(m, "mod")) or ctx.dct is None:
        return None
    return m.start(), m.end(), "DATE", cm.sports_season(ctx.dct, REL_SIGN.get(rel or "", 0))


def _rel_unit(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    u = m.group("u")
    unit = u[2:] if u.startswith("ال") else u[1:]
    rel = _g(m, "rel")
    this = _g(m, "this")
    mod = _g(m, "mod")
    if not (rel or this or mod):
        return None
    if unit == "عقد" and not rel:
        return None
    if rel in ("نفسه", "ذاته"):
        if unit in ("عام", "سنه") and ctx.last_year:
            return m.start(), m.end(), "DATE", str(ctx.last_year)
        return None
    sign = REL_SIGN.get(rel or "", 0)
    d = ctx.dct
    if (d is not None and unit in ("عام", "سنه") and ctx.fiscal_start() != 1
            and _BUDGET_BEFORE.search(ctx.before(m.start(), 16))):
        # "موازنة العام الجاري" where budgets run on a fiscal year.
        m0 = ctx.fiscal_start()
        current = d.year if d.month >= m0 else d.year - 1
        return m.start(), m.end(), "DATE", _fiscal_range(current + sign, m0)
    if d is None:
        return m.start(), m.end(), "DATE", {"اسبوع": "XXXX-WXX", "شهر": "XXXX-XX"}.get(
            unit, "XXXX")
    if unit == "اسبوع":
        value = cm.iso_week(d + dt.timedelta(weeks=sign))
    elif unit == "شهر":
        y, mo = cm.add_months(d.year, d.month, sign)
        value = f"{y:04d}-{mo:02d}"
    elif unit == "عقد":
        value = str(d.year // 10 + sign)
    else:
        value = str(d.year + sign)
    return m.start(), m.end(), "DATE", value


def _duration_value(m: re.Match[str], suffix: str = "") -> str | None:
    if _g(m, "ml"):
        return "PXML" if "الاف" in m.group("ml") else "PXCE"
    half = _g(m, "half0")
    if half:
        unit, _ = UNITS[m.group("u0")]
        frac = 0.5 if half == "نصف" else 0.25
        return _dur(unit, frac)
    word = _g(m, "u" + suffix) if suffix else (_g(m, "u") or _g(m, "u2"))
    if word is None:
        return None
    word = word.removeprefix("ال") if word.removeprefix("ال") in UNITS else word[1:] if (
        word[1:] in UNITS) else word
    if word not in UNITS:
        return None
    unit, implied = UNITS[word]
    count_text = _g(m, "n" + suffix) if suffix else _g(m, "n")
    n: float | None
    if count_text:
        count_text = count_text.replace(",", ".")
        decimal = re.fullmatch(r"\d+\.\d+", count_text)
        n = float(count_text) if decimal else number_value(count_text)
    else:
        n = implied
    extra = _g(m, "half") or _g(m, "half2")
    if n is not None and extra:
        n += 0.5 if extra == "نصف" else 0.25
    return _dur(unit, n)


def _dur(unit: str, n: float | None) -> str:
    if n is None:
        return f"PT{'X'}{unit[1]}" if unit.startswith("T") else f"PX{unit}"
    if n != int(n):
        # Fractions go down a unit: عام ونصف = P18M, ساعه ونصف = PT90M.
        lower = {"Y": ("M", 12), "M": ("D", 30), "D": ("TH", 24), "TH": ("TM", 60),
                 "W": ("D", 7), "DE": ("Y", 10), "CE": ("Y", 100), "TM": ("TS", 60)}
        if unit in lower:
            unit, factor = lower[unit]
            n = n * factor
    num = f"{n:g}" if n != int(n) else str(int(n))
    return f"PT{num}{unit[1]}" if unit.startswith("T") else f"P{num}{unit}"


_SING_CUES = frozenset(
    [
        "لمده", "مده", "منذ", "قبل", "بعد", "خلال", "طوال", "طيله", "نحو", "حوالي", "قرابه", "زهاء",
        "من", "مدار", "مدي", "غضون", "اكثر", "اقل", "بين", "لنحو", "لحوالي", "بنحو", "لاكثر",
        "باكثر", "لاقل", "باقل",
    ])


def _cue_word(word: str, cues: frozenset[str]) -> bool:
    """`word` is one of `cues`, possibly after the proclitics و/ف and ب/ل ("فبعد", "ولمدة")."""
    if word in cues:
        return True
    for k in (1, 2):
        if len(word) > k + 1 and all(c in "وفبل" for c in word[:k]) and word[k:] in cues:
            return True
    return False


def _is_age(ctx: _Ctx, start: int, end: int, unit: str) -> bool:
    if unit != "Y":
        return False
    before = ctx.before(start, 30)
    age = _AGE.search(before)
    if age:
        # "عن": an age after a death or an age noun ("لا يزيد عمره عن 25 عاما").
        return not age.group().startswith("عن") or bool(
            _DEATH.search(ctx.before(start, 60)) or _AGE_NOUN.search(ctx.before(start, 40)))
    after = ctx.folded[end:end + 3]
    # "(7 سنوات)" or "، 38 عاما،" right after a name.
    if re.search(r"\(\s*$", before) and after.lstrip().startswith(")"):
        return True
    if re.search(r"(?:دون|تحت|فوق)\s+$", before):
        return True  # "فريق دون 21 عاما"
    return bool(re.search(r"[،,(]\s*$", before))


_ONE = re.compile(r"\s+واحد[اه]?(?!\w)")
_AGE_NOUN = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:عمر|اعمار|سن)\w{0,3}(?!\w)")
_DEATH = re.compile(r"(?<!\w)[وف]?(?:" + "|".join(DEATH_WORDS) + r")(?!\w)")
_NEXT_WORD = re.compile(r"\s+([وفبل]?)(\w+)")
# After "من أشهر": a word that is not a time word, so "أشهر" is the elative.
_ELATIVE_NEXT = re.compile(r"\s+(?!(?:قليله|عديده|طويله|عده|مضت|معدوده|فقط|قبل|بعد|من|علي|الي)"
                           r"(?!\w))[^\W\d]")


def _next_word(ctx: _Ctx, end: int) -> str:
    m = _NEXT_WORD.match(ctx.folded, end)
    return m.group(2) if m else ""


def _continues_number(ctx: _Ctx, start: int) -> bool:
    """"ثمانية وسبعين": the count starts after "و" that joins it to a number word before
    (rejected there, e.g. as an age): its tail is no duration of its own."""
    words = ctx.before(start, 30).split()
    if ctx.folded.startswith("عشر", start) and words:
        # "الاثني عشر شهرا": "عشر" ends the number that began before it.
        return words[-1].removeprefix("ال") in CARDINALS
    if len(words) < 2 or (words[-1] != "و" and not words[-1].endswith("و")):
        return False
    k = len(words) - (2 if words[-1] == "و" else 1)
    prev = words[k] if words[-1] == "و" else words[-1][:-1]
    if k > 0 and words[k - 1].lstrip("وفبل").removeprefix("ال") in UNITS:
        return False  # "عام واحد وخمسة أعوام": "واحد" closed a duration
    return prev in CARDINALS or prev.isdigit()


def _construct(ctx: _Ctx, end: int) -> bool:
    """A bare plural unit followed by a definite noun or a month is a construct ("أيام
    الأجازات", "أشهر أبريل ومايو")."""
    m = _NEXT_WORD.match(ctx.folded, end)
    return bool(m and not m.group(1) and (
        (m.group(2).startswith("ال") and m.group(2) not in REL_SIGN) or m.group(2) in MONTHS))


def _holding(ctx: _Ctx, end: int) -> bool:
    """"عقد" followed by what is held ("عقد اجتماع", "عقد هذا الملتقى", "عقد الصفقة")."""
    nxt = _next_word(ctx, end)
    core = nxt.removeprefix("ال")
    return bool(nxt) and (nxt in HOLDING_NEXT or nxt.startswith("ال")
                          or any(core.startswith(s) for s in EVENT_STEMS))


def _duration(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    value = _duration_value(m)
    if value is None:
        return None
    start, end = m.start(), m.end()
    word = _g(m, "u") or _g(m, "u2") or _g(m, "u0") or ""
    unit, implied = UNITS.get(word, ("", None))
    if _g(m, "ml"):
        return start, _rstrip(ctx, start, end), "DURATION", value
    if _g(m, "n") and _continues_number(ctx, start):
        return None
    if _g(m, "u2") and implied is None and not (_g(m, "adj") or _g(m, "drel")) and (
            _construct(ctx, end) or (word == "اشهر" and ctx.prev_word(start) == "من"
                                     and _ELATIVE_NEXT.match(ctx.folded, end))):
        # "سنوات الحرب", "ساعات الدوام": a noun phrase, not a length; "من أشهر نجمات
        # السينما": the elative "most famous".
        return None
    if _g(m, "u2") and implied == 1 and not _g(m, "half2"):
        # A bare singular noun is a duration only after a cue ("لمدة عام", "منذ شهر").
        prev = ctx.prev_word(start)
        after = ctx.folded[end:end + 12]
        one = _ONE.match(after)
        if one:  # "أسبوعا واحدا", "يوم واحد": the count is part of the expression
            return start, end + one.end(), "DURATION", value
        if not _cue_word(prev, _SING_CUES) and not re.match(r"\s+كامل", after):
            return None
        if word in ("يوم", "عقد", "قرن", "عام", "سنه") and prev in ("من", "بعد", "قبل") and (
            re.match(r"\s+(?:ال|\d)", after)
        ):
            return None
        if word == "يوم" and re.match(r"\s+(?:ما|بعد)", after):
            return None
    if _g(m, "n") and _is_age(ctx, start, end, unit):
        return None
    if word in ("عقد",) and not (_g(m, "n") or ctx.prev_word(start) in _SING_CUES):
        return None
    if word == "عقد" and not _g(m, "n") and _holding(ctx, end):
        return None
    drel = _g(m, "drel")
    if drel == "الاولي":
        end = m.start("drel")
    end = _rstrip(ctx, start, end)
    return start, end, "DURATION", value


def _duration_def(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    if _g(m, "u4"):
        word = m.group("u4")
        word = word[2:] if word.startswith("ال") else word
        if word not in UNITS:
            return None
        n = number_value(m.group("n4"))
        value = _dur(UNITS[word][0], n)
    else:
        if not (_g(m, "drel3") or _g(m, "n3") or _g(m, "adj3")):
            return None
        v = _duration_value(m, "3")
        if v is None:
            return None
        value = v
    drel = _g(m, "drel3")
    if drel == "الاولي" and _g(m, "part"):
        # "الأشهر الثلاثة الأولى من 2018": a part of the year, not a length.
        py = _g(m, "py")
        year = int(py) if py else (ctx.dct.year + REL_SIGN.get(_g(m, "prel") or "", 0)
                                   if ctx.dct else None)
        n = re.match(r"P(\d+)M$", value)
        if year is None or n is None:
            return None
        k = int(n.group(1))
        if _g(m, "fis") and ctx.fiscal_start() != 1:
            m0 = ctx.fiscal_start()
            start = _fiscal_start_year(m, ctx, m0)
            if start is None or k > 12:
                return None
            return m.start(), m.end(), "DATE", _fiscal_range(start, m0, 0, k)
        part = {3: f"{year}-Q1", 6: f"{year}-H1"}.get(k, f"{year}-01/{year}-{k:02d}")
        return m.start(), m.end(), "DATE", part
    end = m.start("part") if _g(m, "part") else m.end()
    if drel == "الاولي":
        return None
    return m.start(), _rstrip(ctx, m.start(), end), "DURATION", value


def _late(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    dx = _norm(_g(m, "dx") or "")
    wd = _g(m, "wd")
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    elif wd:
        mode = "future" if ctx.direction(m.start(), m.end()) > 0 else "past"
        day = cm.weekday_date(DAYS[wd], ctx.dct, mode).isoformat()
    elif dx in _DX_SHIFT and _DX_SHIFT[dx] is not None:
        day = (ctx.dct + dt.timedelta(days=_DX_SHIFT[dx] or 0)).isoformat()
    else:
        day = _context_day(m, ctx)
    return m.start(), m.end(), "TIME", day + ("TEV" if dx == "النهار" else "TNI")


def _hour_def(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    if ctx.prev_word(m.start()) in ("قرابه", "نحو", "حوالي", "لمده", "مده", "زهاء"):
        return m.start(), m.end(), "DURATION", "PT1H"
    return None


# "القمة المقررة بعد ثلاثة أسابيع", "كان مقررا بعد عام": a scheduled time counts from the DCT
# even when the plan is reported in the past tense ("كانت" must not outvote the participle).
_SCHEDULED = re.compile(r"(?<!\w)(?:ال)?(?:مقرر|مزمع|مرتقب)[اه]?\s+$")


def _from_now(ctx: _Ctx, start: int, end: int) -> bool:
    """`بعد` + duration with no `من` complement counts from the DCT (not from a narrated event)."""
    return _SCHEDULED.search(ctx.before(start, 30)) is not None or ctx.direction(start, end) > 0


def _ago(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    pre = m.group("pre")
    dur = _duration_value(m)
    if dur is None:
        return None
    start, end = m.start(), m.end()
    after = ctx.folded[end:end + 20]
    one = _ONE.match(after)
    if one:  # "قبل دقيقة واحدة من النهاية"
        after = after[one.end():]
    relational = re.match(r"\s*من(?!\w)(?!\s+الان)", after) is not None
    future = pre == "بعد" and not relational and _from_now(ctx, start, end)
    adj = _g(m, "adj")
    if relational or (pre == "بعد" and not future) or _g(m, "drel") or (adj and adj != "قليله"):
        return None  # the duration rule tags the bare duration
    sign = -1 if pre == "قبل" else 1
    num = re.match(r"PT?(X|[\d.]+)(DE|CE|[YMWDHS])$", dur)
    if num is None:
        return None
    if num.group(1) == "X" or ctx.dct is None:
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        if ctx.dct is None and num.group(1) != "X":
            value = "XXXX-XX-XX"
        return start, end, "DATE", value
    n = float(num.group(1))
    unit = num.group(2)
    d = ctx.dct
    if dur.startswith("PT"):
        return start, end, "DATE", d.isoformat()
    if n != int(n):
        return None
    k = int(n) * sign
    if unit == "D":
        value = (d + dt.timedelta(days=k)).isoformat()
    elif unit == "W":
        value = cm.iso_week(d + dt.timedelta(weeks=k))
    elif unit == "M":
        y, mo = cm.add_months(d.year, d.month, k)
        value = f"{y:04d}-{mo:02d}"
    elif unit == "Y":
        value = _year_ago_of_anchor(ctx, start, k) or str(d.year + k)
    elif unit == "DE":
        value = str((d.year + 10 * k) // 10)
    elif unit == "CE":
        value = f"{(d.year + 100 * k) // 100:02d}"
    else:
        return None
    return start, end, "DATE", value


def _ago_vague(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    start, end = m.start(), m.end()
    if re.match(r"\s*من(?!\w)", ctx.folded[end:end + 6]):
        return None  # "قبل فترة من الانتخابات": relative to another event
    if m.group("pre") == "قبل":
        return start, end, "DATE", "PAST_REF"
    return (start, end, "DATE", "FUTURE_REF") if _from_now(ctx, start, end) else None


_COMPARE = re.compile(r"(?<!\w)[وب]?(?:مقارنه|مقابل|بالمقارنه)(?!\w)")


def _year_ago_of_anchor(ctx: _Ctx, start: int, k: int) -> str | None:
    """"في أبريل ... مقارنة به قبل عام": the period named earlier in the sentence, k years back."""
    for h in reversed(ctx.hits):
        between = ctx.folded[h[1]:start]
        if _SENT_END.search(between) or h[2] != "DATE":
            return None
        m = _SHAPE.fullmatch(h[3])
        if m is None or not m.group(2):
            continue  # a bare year is not a period to compare with
        if not _COMPARE.search(between):
            return None
        return f"{int(m.group(1)) + k:04d}{m.group(2)}"
    return None


_SET_UNIT = {"يوم": "P1D", "اسبوع": "P1W", "شهر": "P1M", "عام": "P1Y", "سنه": "P1Y",
             "ساعه": "PT1H", "عامين": "P2Y", "سنتين": "P2Y", "اسبوعين": "P2W", "شهرين": "P2M"}
_SET_ADV = {"يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}
_BARE_DAYS = {"جمعه": 5, "سبت": 6, "احد": 7, "اثنين": 1, "ثلاثاء": 2, "اربعاء": 3, "خميس": 4}


def _set(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    adv = _g(m, "adv")
    if adv:
        return m.start(), m.end(), "SET", _SET_ADV[adv]
    wd = _g(m, "cwd") or _g(m, "cwd2")
    if wd:
        return m.start(), m.end(), "SET", f"XXXX-WXX-{_BARE_DAYS[wd]}"
    pwd = _g(m, "pwd")
    if pwd:
        return m.start(), m.end(), "SET", f"XXXX-WXX-{DAYS[pwd] + 1}"
    cu = _g(m, "cu")
    if cu:
        return m.start(), m.end(), "SET", _SET_UNIT[cu]
    rep = _g(m, "rep")
    if rep:
        unit = rep[:-1] if rep.endswith("ا") else rep
        return m.start(), m.end(), "SET", _SET_UNIT[unit]
    fu = _g(m, "fu")
    if fu:
        return m.start(), m.end(), "SET", _SET_UNIT[fu]
    return None


_HOURS = {"واحده": 1, "ثانيه": 2, "ثالثه": 3, "رابعه": 4, "خامسه": 5, "سادسه": 6, "سابعه": 7,
          "ثامنه": 8, "تاسعه": 9, "عاشره": 10}


def _clock_rule(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    hh = _g(m, "hh") or _g(m, "hh2")
    mi = _g(m, "mi") or _g(m, "mi2")
    if hh is None:
        hw = _g(m, "hw")
        if hw:
            toks = _norm(hw).split()
            h = _HOURS.get(toks[0].removeprefix("ال"), 1 if "حاديه" in toks[0] else 0)
            if len(toks) > 1:
                h = 10 + (1 if "حاديه" in toks[0] else 2)
            hh = str(h)
        else:
            hh = _g(m, "hn")
        frac = _g(m, "frac") or ""
        mi = "30" if "نصف" in frac else "15" if "ربع" in frac else "00"
        if "الا" in frac:
            hh, mi = str(int(hh or 0) - 1), "45"
    ap = _g(m, "ap") or _g(m, "ap2")
    clock = _clock(hh, mi, _norm(ap) if ap else None)
    if clock is None:
        return None
    date = _context_day(m, ctx)
    return m.start(), m.end(), "TIME", date + clock


def _context_day(m: re.Match[str], ctx: _Ctx) -> str:
    dx = _g(m, "dx")
    if ctx.dct is None:
        return "XXXX-XX-XX"
    if dx:
        dxn = _norm(dx)
        if dxn in DAYS:
            mode = "future" if ctx.direction(m.start(), m.end()) > 0 else "past"
            return cm.weekday_date(DAYS[dxn], ctx.dct, mode).isoformat()
        return (ctx.dct + dt.timedelta(days=_DX_SHIFT.get(dxn) or 0)).isoformat()
    # The day comes from an earlier date in the same sentence, else the DCT.
    for h in reversed(ctx.hits):
        between = ctx.folded[h[1]:m.start()]
        if _SENT_END.search(between):
            break
        if re.fullmatch(r"\d{4}-\d\d-\d\d", h[3][:10]) and h[2] in ("DATE", "TIME"):
            return h[3][:10]
    return ctx.dct.isoformat()


def _bare_clock(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    clock = _clock(m.group("hh"), m.group("mi"), _g(m, "ap"))
    if clock is None:
        return None
    before = ctx.before(m.start(), 3)
    if re.search(r"[\d/]\s*$", before):
        return None
    return m.start(), m.end(), "TIME", _context_day(m, ctx) + clock


_REF = {"الان": "PRESENT_REF", "حاليا": "PRESENT_REF", "هذه الايام": "PRESENT_REF",
        "موخرا": "PAST_REF", "حديثا": "PAST_REF", "مستقبلا": "FUTURE_REF", "قريبا": "FUTURE_REF",
        "الماضي": "PAST_REF", "الحاضر": "PRESENT_REF"}


def _ref(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    text = _norm(m.group("now"))
    core = text.lstrip("ل") if not text.startswith("ال") else text
    after = ctx.folded[m.end():m.end() + 8]
    prev = ctx.prev_word(m.start())
    if core == "قريبا" and re.match(r"\s+(?:من|جدا\s+من)(?!\w)", after):
        return None
    if core == "الماضي" and prev != "في":
        return None
    if ("مستقبل" in core and not core.startswith("مستقبلا")
            and prev not in ("في", "المستقبل") and "القريب" not in core and "البعيد" not in core):
        return None
    if core == "الحاضر" and prev not in ("في", "الوقت"):
        return None
    if "وقت" in core or "اونه" in core:
        value = "PAST_REF" if "اونه" in core else "PRESENT_REF"
    elif "فتره" in core:
        value = {"الماضيه": "PAST_REF", "الاخيره": "PAST_REF"}.get(core.split()[-1], "FUTURE_REF")
    elif "مستقبل" in core:
        value = "FUTURE_REF"
    else:
        value = _REF.get(core.split()[0], "PRESENT_REF")  # "قريبا جدا"
    return m.start(), m.end(), "DATE", value


def _holiday(m: re.Match[str], ctx: _Ctx) -> Hit | None:
    h = _norm(m.group("h"))
    fixed = {"عيد الحب": (2, 14), "عيد العمال": (5, 1), "عيد الام": (3, 21),
             "الكريسماس": (12, 25)}
    hijri = {"عيد الفطر": (10, 1), "عيد الاضحي": (12, 10), "يوم عرفه": (12, 9),
             "المولد النبوي": (3, 12)}
    direction = ctx.direction(m.start(), m.end())
    for key, (mo, d) in hijri.items():
        if h.startswith(key):
            if ctx.dct is None:
                return m.start(), m.end(), "DATE", "XXXX-XX-XX"
            date = cm.nearest_hijri(mo, d, ctx.dct, direction)
            return (m.start(), m.end(), "DATE", date.isoformat()) if date else None
    if "ليله القدر" in h:
        return None
    if "عيد الميلاد" in h:
        mo, d = 12, 25
    elif h.startswith("راس السنه"):
        if "الهجريه" in h:
            if ctx.dct is None:
                return None
            date = cm.nearest_hijri(1, 1, ctx.dct, direction)
            return (m.start(), m.end(), "DATE", date.isoformat()) if date else None
        mo, d = 1, 1
    else:
        mo, d = fixed.get(h, (0, 0))
        if not mo:
            return None
    if ctx.dct is None:
        return m.start(), m.end(), "DATE", f"XXXX-{mo:02d}-{d:02d}"
    year = cm.nearest_year(mo, d, ctx.dct, direction)
    return m.start(), m.end(), "DATE", f"{year}-{mo:02d}-{d:02d}"


HANDLERS: dict[str, Handler] = {
    "numdate": _numdate, "hdate": _hdate, "range_days": _range_days, "date": _date,
    "range_years": _range_years, "day_of_month": _day_of_month, "month": _month,
    "hmonth": _hmonth, "weekday": _weekday, "deictic": _deictic, "quarter": _quarter,
    "hyear": _hyear, "hnumdate": _hnumdate, "year": _year, "year_mod": _year,
    "year_suffix": _year, "decade": _decade,
    "century": _century, "season": _season, "sport_season": _sport_season,
    "rel_unit": _rel_unit, "fiscal": _fiscal, "anaphor": _anaphor,
    "anniversary": _anniversary, "ago": _ago, "ago_vague": _ago_vague,
    "duration_def": _duration_def, "set": _set,
    "duration": _duration, "clock": _clock_rule, "bare_clock": _bare_clock, "ref": _ref,
    "holiday": _holiday, "bare_year": _bare_year, "late": _late, "hour_def": _hour_def,
    "zone_clock": _bare_clock,
}
assert set(HANDLERS) == {name for name, _ in RULES}


def _parse_dct(dct: str | None) -> Date | None:
    if not dct:
        return None
    try:
        return dt.date.fromisoformat(str(dct).strip()[:10])
    except ValueError:
        return None


def _trigger_words() -> frozenset[str]:
    """First words of every rule (folded); the scan only tries rules at these words."""
    words: set[str] = set()
    tables = (MONTHS, HMONTHS, DAYS, UNITS, POD_PREFIX, POD_ADVERB, CARDINALS, ORDINALS)
    for table in tables:
        words.update(k.split()[0] for k in table)
    words.update(w.split()[0] for w in (*PERIOD_MODS, *VAGUE_COUNTS))
    words.update(f"{d}{s}" for d in _DECADE for s in ("يات", "ات"))
    words.update(folded(
        "ال اليوم يوم امس الامس غدا الغد بعد قبل اول البارحه الليله الليل هذه هذا شهر الشهر "
        "شهري اسبوع الاسبوع عام العام عامي سنه السنه سنتي موسم الموسم عقد العقد قرن القرن نصف "
        "النصف ربع الربع صيف شتاء ربيع خريف كل ايام مره مرتين يوميا اسبوعيا شهريا سنويا ساعه "
        "الساعه الان حاليا وقت الوقت اونه الاونه موخرا حديثا مستقبلا قريبا مستقبل المستقبل "
        "الماضي الحاضر فتره الفتره عيد الكريسماس راس المولد منتصف الاف مئات السنين "
        "ليله صباح مساء فجر ظهر عصر ذلك تلك ذات نفس").split())
    words.update(["ال" + w for w in list(words) if not w.startswith("ال")])
    return frozenset(words)


_TRIGGERS = _trigger_words()


def _token_offsets(tok: str) -> tuple[int, ...]:
    """Offsets within a word token (`\\w+`) where a rule may start."""
    triggers = _TRIGGERS
    if tok[0].isdigit():
        return (0,)
    out: list[int] = []
    for k in range(3):
        core = tok[k:]
        if not core:
            break
        if core in triggers or core[0].isdigit() or core[2:3].isdigit() or (
                k and tok[k - 1] == "ل" and "ا" + core in triggers):
            out.append(k)
            break
        if k < 2 and tok[k] not in "وفبلك":
            break
    if not tok.isalpha():
        d = next((i for i, c in enumerate(tok) if c.isdigit()), None)
        if d:
            out.append(d)  # a date glued to a word: "الميادين6-1-2022"
    return tuple(out)


# Only these all-letter tokens can start a rule: a trigger after up to two proclitics, the
# leading ا of the trigger possibly fused with a preposition ل ("للعام"). A superset:
# `_token_offsets` decides.
_PROCLITICS = ("", *"وفبلك", *(a + b for a in "وفبلك" for b in "وفبلك"))
_CANDIDATE_WORDS = frozenset(
    p + w for p in _PROCLITICS
    for w in _TRIGGERS | {w[1:] for w in _TRIGGERS if w.startswith("ا")})
_WORD = re.compile(r"\w+")
_OFFSETS: dict[str, tuple[int, ...]] = {}


def _chunk_offsets(chunk: str) -> tuple[int, ...]:
    """Offsets within a space-free stretch of text where a rule may start."""
    if chunk in _CANDIDATE_WORDS:
        return _token_offsets(chunk)
    out: list[int] = []
    for m in _WORD.finditer(chunk):
        tok = m.group()
        if tok in _CANDIDATE_WORDS or not tok.isalpha():
            out.extend(m.start() + k for k in _token_offsets(tok))
    return tuple(out)


def _starts(folded_text: str) -> list[int]:
    """Positions where a rule may start: trigger words, after up to two proclitics, and digits."""
    # Word tokens never cross a space, and an all-letter chunk is one token: splitting on " "
    # and picking chunks with C-level iteration leaves Python work for the few chunks that
    # are trigger words or hold non-letters (digits, punctuation, line breaks).
    chunks = folded_text.split(" ")
    picked = list(compress(range(len(chunks)), map(
        or_, map(_CANDIDATE_WORDS.__contains__, chunks), map(not_, map(str.isalpha, chunks)))))
    if not picked:
        return []
    where = list(accumulate(map(len, chunks), initial=0))
    out: list[int] = []
    cache = _OFFSETS
    for i in picked:
        chunk = chunks[i]
        offsets = cache.get(chunk)
        if offsets is None:
            if len(cache) >= 100_000:
                cache.clear()
            offsets = cache[chunk] = _chunk_offsets(chunk)
        if offsets:
            p = where[i] + i  # one space before each chunk but the first
            out.extend([p + k for k in offsets])
    return out


_RULE_TABLE = [(re.compile(pattern), HANDLERS[name]) for name, pattern in RULES]
_DISPATCH = Dispatch(pattern for _, pattern in RULES)
RuleList = tuple[tuple[re.Pattern[str], Handler], ...]
# Rules that can match at a position, by the text's next WIDTH characters (raw, then as
# `normal` sees them, which many raw ones share); bounded, for long-running processes.
_CANDIDATES: dict[str, RuleList] = {}
_BY_NORMAL: dict[str, RuleList] = {}
_CANDIDATES_MAX = 100_000


def _candidates(head: str) -> RuleList:
    """The rules, in priority order, that can match where the text continues with `head`."""
    if len(_CANDIDATES) >= _CANDIDATES_MAX:
        _CANDIDATES.clear()
        _BY_NORMAL.clear()
    key = normal(head)
    rules = _BY_NORMAL.get(key)
    if rules is None:
        rules = tuple(_RULE_TABLE[i] for i in _DISPATCH.rules(key))
        _BY_NORMAL[key] = rules
    _CANDIDATES[head] = rules
    return rules


def tag_folded(folded_text: str, dct: Date | None, full_scan: bool = False) -> list[Hit]:
    """All hits in folded text, in order, without overlaps.

    Rules are tried only where a trigger word starts (`full_scan` tries every position: the
    same result, much slower; kept to test the trigger list).
    """
    ctx = _Ctx(folded_text, dct)
    starts = range(len(folded_text)) if full_scan else _starts(folded_text)
    cache = _CANDIDATES
    pos = 0
    for start in starts:
        if start < pos:
            continue
        head = folded_text[start:start + WIDTH]
        rules = cache.get(head)
        if rules is None:
            rules = _candidates(head)
        result: Hit | list[Hit] | None = None
        for regex, handler in rules:
            rm = regex.match(folded_text, start)
            if rm is None or rm.end() == start:
                continue
            result = handler(rm, ctx)
            if result:
                break
        if not result:
            continue
        hits = result if isinstance(result, list) else [result]
        hits = [h for h in hits if h[1] > h[0]]
        if not hits:
            continue
        ctx.hits.extend(hits)
        pos = max(h[1] for h in hits)
    _merge_ranges(ctx)
    _clock_days_from_right(ctx)
    _weekdays_of_dates(ctx)
    return ctx.hits


_AGREES = re.compile(r"\s*[،,(]?\s*(?:الموافق|الموافقه|وفق)\s*")


def _weekdays_of_dates(ctx: _Ctx) -> None:
    """"يوم الأحد الموافق 24/10/1436هـ": the weekday is the day of the date it is given as
    (when that date falls on it), not the last or next such weekday."""
    hits = ctx.hits
    for i in range(len(hits) - 1):
        h, nxt = hits[i], hits[i + 1]
        day = _FULL_DAY.match(nxt[3])
        mine = _FULL_DAY.match(h[3])
        if not (day and mine and nxt[2] == "DATE" and _AGREES.fullmatch(ctx.folded, h[1], nxt[0])):
            continue
        named = [d for w, d in DAYS.items() if w in ctx.folded[h[0]:h[1]].split()]
        if named and dt.date.fromisoformat(day.group(1)).weekday() == named[0]:
            hits[i] = (h[0], h[1], h[2], day.group(1) + h[3][10:])


_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d$")
_FULL_DAY = re.compile(r"(\d{4}-\d\d-\d\d)(T(?:EV|NI|AF|MO|MI))?")
_DAY_CUE = re.compile(r"(?<!\w)[وفبل]?(?:اليوم|امس|غدا|الغد|" + "|".join(DAYS) + r")(?!\w)")
# What may stand between a clock time and the day it belongs to: brackets, a zone.
_CLOCK_GAP = re.compile(r"[\s()\[\]،,]*(?:بتوقيت(?:\s+[^\W\d]+){1,2}[\s()\[\]،,]*)?(?:من\s+)?")


def _clock_days_from_right(ctx: _Ctx) -> None:
    """"الساعة 11.59 (2059 بتوقيت جرينتش) مساء أمس الأحد": a clock with no day before it
    takes the day written right after it (a zoned copy of the clock may stand between)."""
    hits, dct = ctx.hits, ctx.dct
    if dct is None:
        return
    for i, h in enumerate(hits):
        if h[2] != "TIME" or not _CLOCK_VALUE.match(h[3]) or h[3][:10] != dct.isoformat() \
                or _DAY_CUE.search(ctx.folded, h[0], h[1]):
            continue
        pos = h[1]
        for nxt in hits[i + 1:]:
            if not _CLOCK_GAP.fullmatch(ctx.folded, pos, nxt[0]):
                break
            if nxt[2] == "TIME" and _CLOCK_VALUE.match(nxt[3]) \
                    and not _DAY_CUE.search(ctx.folded, nxt[0], nxt[1]):
                pos = nxt[1]  # the same clock in another zone
                continue
            day = _FULL_DAY.match(nxt[3])
            if day and nxt[2] in ("DATE", "TIME"):
                hour, minute = int(h[3][11:13]), h[3][14:16]
                if day.group(2) in ("TEV", "TAF", "TNI") and hour < 12 and (
                        day.group(2) != "TNI" or hour >= 6):
                    hour += 12
                hits[i] = (h[0], h[1], "TIME", f"{day.group(1)}T{hour:02d}:{minute}")
            break


_RANGE_JOIN = re.compile(r"\s*(?:-|–|الي|حتي|وحتي|ولغايه|لغايه)\s*$")
_RANGE_OPEN = re.compile(r"(?<!\w)(?:من|منذ|بين)\s+$")
_EXPLICIT_YEAR = re.compile(r"\d{4}|(?<!\w)(?:ال)?(?:" + "|".join(REL_SIGN) + r")(?!\w)")


def _merge_ranges(ctx: _Ctx) -> None:
    """"من يوليو 2017 وحتى يناير الماضي": two months (or two days) joined into one range."""
    hits = ctx.hits
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        b = hits[i + 1] if i + 1 < len(hits) else None
        if (b is not None and a[2] == "DATE" and b[2] == "DATE"
                and _RANGE_JOIN.fullmatch(ctx.folded, a[1], b[0]) is not None
                and _RANGE_OPEN.search(ctx.before(a[0], 12))):
            value = _range_value(ctx, a, b)
            if value:
                out.append((a[0], b[1], "DATE", value))
                i += 2
                continue
        out.append(a)
        i += 1
    ctx.hits = out


def _range_value(ctx: _Ctx, a: Hit, b: Hit) -> str | None:
    shape = re.compile(r"(\d{4})-(\d\d)(-\d\d)?")
    ma, mb = shape.fullmatch(a[3]), shape.fullmatch(b[3])
    if ma is None or mb is None or bool(ma.group(3)) != bool(mb.group(3)):
        return None
    ya, yb = int(ma.group(1)), int(mb.group(1))
    rest_a, rest_b = a[3][4:], b[3][4:]
    a_explicit = _EXPLICIT_YEAR.search(ctx.folded, a[0], a[1]) is not None
    b_explicit = _EXPLICIT_YEAR.search(ctx.folded, b[0], b[1]) is not None
    # The explicit end gives its year to the start ("من أبريل إلى سبتمبر 2016"), and the other
    # way round; each end was resolved alone, so re-place the one without a year.
    if not a_explicit and (b_explicit or ya != yb):
        ya = yb if rest_a <= rest_b else yb - 1
    elif a_explicit and not b_explicit:
        yb = ya if rest_b >= rest_a else ya + 1
    if (ya, rest_a) > (yb, rest_b):
        return None
    return f"{ya:04d}{rest_a}/{yb:04d}{rest_b}"


def tag(text: str, dct: str | None = None) -> list[TimeExpr]:
    """All temporal expressions of `text`, sorted by start, values resolved against `dct`."""
    if not text:
        return []
    folded_text, offsets = fold_map(text)
    out: list[TimeExpr] = []
    for start, end, typ, value in tag_folded(folded_text, _parse_dct(dct)):
        s, e = offsets.start(start), offsets.end(end, len(text))
        out.append(TimeExpr(text=text[s:e], start=s, end=e, type=typ, value=value))
    return out
