"""Folded Arabic vocabulary of time: numbers, ordinals, units, parts of day, modifiers.

Every key is already folded (`marsad.normalise.fold`): ة→ه, ى→ي, أ/إ/آ→ا, no diacritics.
"""

from __future__ import annotations

import re

from marsad.normalise.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS

_FOLD = str.maketrans("أإآؤئىة", "اااوييه")


def folded(text: str) -> str:
    """Fold the letters of a hand-written literal or pattern (keys here are typed folded)."""
    return text.translate(_FOLD)


# Cardinals; "عشر/عشره" after a unit adds ten (خمسه عشر = 15), see `number_value`.
CARDINALS: dict[str, int] = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2,
    "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    "مئه": 100, "مائه": 100, "مئتين": 200, "مائتين": 200, "مئتي": 200, "مائتي": 200,
    "مئتا": 200, "مئتان": 200, "ثلاثمئه": 300, "ثلاثمائه": 300, "اربعمئه": 400,
    "اربعمائه": 400, "خمسمئه": 500, "خمسمائه": 500, "الف": 1000,
}
# Ordinal stems for days of the month, quarters, centuries ("الـ" optional).
ORDINALS: dict[str, int] = {
    "اول": 1, "اولي": 1, "حادي": 1, "حاديه": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3,
    "رابع": 4, "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7,
    "سابعه": 7, "ثامن": 8, "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
    "عشرين": 20, "ثلاثين": 30, "اخير": -1, "اخيره": -1,
}
VAGUE_COUNTS = ("بضعه", "بضع", "عده", "عشرات", "مئات", "الاف", "بعض")

# Duration units: folded word -> (TIMEX3 unit, count implied by the form or None).
UNITS: dict[str, tuple[str, int | None]] = {}
for _unit, _sing, _dual, _plur in (
    ("D", ("يوم", "يوما"), ("يومين", "يومان"), ("ايام",)),
    ("W", ("اسبوع", "اسبوعا"), ("اسبوعين", "اسبوعان"), ("اسابيع",)),
    ("M", ("شهر", "شهرا"), ("شهرين", "شهران"), ("اشهر", "شهور")),
    ("Y", ("عام", "عاما", "سنه"), ("عامين", "عامان", "سنتين", "سنتان"),
     ("اعوام", "سنوات", "سنين")),
    ("TH", ("ساعه",), ("ساعتين", "ساعتان"), ("ساعات",)),
    ("TM", ("دقيقه",), ("دقيقتين", "دقيقتان"), ("دقائق",)),
    ("TS", ("ثانيه",), ("ثانيتين",), ("ثوان", "ثواني", "ثوان")),
    ("DE", ("عقد", "عقدا"), ("عقدين", "عقدان"), ("عقود",)),
    ("CE", ("قرن", "قرنا"), ("قرنين", "قرنان"), ("قرون",)),
):
    for _w in _sing:
        UNITS[_w] = (_unit, 1)
    for _w in _dual:
        UNITS[_w] = (_unit, 2)
    for _w in _plur:
        UNITS[_w] = (_unit, None)

# Words after a bare "عقد" that make it the noun "holding" (عقد اجتماع، عقد هذا الملتقى),
# not "a decade": demonstratives and event nouns (stems; any ending, the article allowed).
HOLDING_NEXT = ("هذا", "هذه", "ذلك", "تلك", "مثل", "هذين", "هاتين")
EVENT_STEMS = ("اجتماع", "مؤتمر", "لقاء", "لقاءات", "جلس", "قم", "ندو", "ورش", "صفق", "اتفاق",
               "انتخاب", "مباحث", "محادث", "مفاوض", "دور", "منتد", "ملتق", "مهرجان", "معرض",
               "حفل", "مباراه", "مباريات", "مناظر", "محاكم", "جمعي", "مشاورات", "شراك", "تحالف",
               "صلح", "هدن", "قران", "زواج", "امسي", "دورات", "اعتصام", "تظاهر", "مسير")

# "عن" gives an age only after a death ("توفي عن 78 عاما"); "تحدث عن 75 عاما" is a length.
DEATH_WORDS = ("توفي", "توفيت", "رحل", "رحلت", "مات", "ماتت", "وفاته", "وفاتها", "ناهز",
               "يناهز", "تناهز", "قضي", "فارق", "فارقت", "نعت", "نعي", "رحيله", "رحيلها")

# Parts of day as prefixes ("صباح اليوم") and as adverbs ("صباحا").
POD_PREFIX: dict[str, str] = {
    "صباح": "MO", "فجر": "MO", "ظهر": "MI", "ظهيره": "MI", "بعد ظهر": "AF", "عصر": "AF",
    "قبل ظهر": "MO",
    "مساء": "EV", "ليله": "NI", "ليل": "NI", "منتصف ليل": "24",
}
POD_ADVERB: dict[str, str] = {
    "صباحا": "MO", "فجرا": "MO", "ظهرا": "MI", "بعد الظهر": "AF", "عصرا": "AF",
    "مساء": "EV", "مساءا": "EV", "ليلا": "NI",
}

PAST_REL = ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق",
            "السابقه", "المنقضي")
PRESENT_REL = ("الجاري", "الجاريه", "الحالي", "الحاليه")
FUTURE_REL = ("المقبل", "المقبله", "القادم", "القادمه")
REL_SIGN: dict[str, int] = {
    **{w: -1 for w in PAST_REL}, **{w: 0 for w in PRESENT_REL}, **{w: 1 for w in FUTURE_REL},
}
PERIOD_MODS = ("اوائل", "مطلع", "بدايه", "بدايات", "منتصف", "اواسط", "اواخر", "نهايه",
               "ختام", "اخر", "اول", "مستهل", "اوخر")

# Month names that are also common words need a calendar context (a day, a year, شهر, ...).
# ("يوليه" is also the verb "he gives it": "الحرص الذي يوليه").
WEAK_MONTHS = frozenset({"مارس", "اب", "ماي", "نيسان", "اوت", "جوان", "غشت", "ينير", "يوليه"})
MONTHS: dict[str, int] = dict(GREGORIAN_MONTHS)
HMONTHS: dict[str, int] = dict(HIJRI_MONTHS)
HMONTHS.update({"جمادي الاخر": 6, "ربيع اخر": 4, "ذي القعده": 11, "ذو القعده": 11})
DAYS: dict[str, int] = {k: v for k, v in WEEKDAYS.items() if k.startswith("ال")}

DECADES: dict[str, int] = {
    "عشريني": 2, "ثلاثيني": 3, "اربعيني": 4, "خمسيني": 5, "ستيني": 6, "سبعيني": 7,
    "ثمانيني": 8, "تسعيني": 9,
}
SEASONS: dict[str, str] = {"صيف": "SU", "شتاء": "WI", "ربيع": "SP", "خريف": "FA"}


def alternation(words: object) -> str:
    """Regex alternation of folded words, longest first, spaces matching any whitespace."""
    items = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def number_value(text: str) -> int | None:
    """Value of a number in digits or words ("خمسه وتسعين" = 95), None if vague or unknown."""
    text = text.strip()
    if text.startswith("ال") and not text[2:3].isdigit():
        text = text[2:]
    text = text.removeprefix("ال").strip()
    if text.isdigit():
        return int(text)
    total = 0
    last = 0
    for tok in text.split():
        tok = tok.removeprefix("و") if tok not in CARDINALS else tok
        tok = tok.removeprefix("ال") if tok not in CARDINALS else tok
        if tok in ("عشر", "عشره") and 0 < last < 10:
            total += 10
            last = 10
            continue
        value = CARDINALS.get(tok)
        if value is None:
            return None
        total += value
        last = value
    return total or None


def ordinal_value(text: str) -> int | None:
    """Value of an ordinal ("الحادي والعشرين" = 21, "العاشر" = 10)."""
    total = 0
    last = 0
    for tok in text.split():
        tok = tok.removeprefix("و") if tok not in ORDINALS else tok
        tok = tok.removeprefix("ال")
        if tok in ("عشر", "عشره") and 0 < last < 10:
            total += 10
            continue
        value = ORDINALS.get(tok)
        if value is None or value < 0:
            return None
        total += value
        last = value
    return total or None


def _fold_tables() -> None:
    """Safety net: fold every key typed above, in case a literal kept a hamza or ta marbuta."""
    g = globals()
    for name in ("CARDINALS", "ORDINALS", "UNITS", "POD_PREFIX", "POD_ADVERB", "REL_SIGN",
                 "DECADES", "SEASONS"):
        g[name] = {folded(k): v for k, v in g[name].items()}
    for name in ("VAGUE_COUNTS", "PAST_REL", "PRESENT_REL", "FUTURE_REL", "PERIOD_MODS",
                 "HOLDING_NEXT", "EVENT_STEMS", "DEATH_WORDS"):
        g[name] = tuple(folded(k) for k in g[name])


_fold_tables()
