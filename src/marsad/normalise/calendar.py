"""Calendar vocabulary of Arabic news: month and weekday names in their regional variants.

Keys are folded with `marsad.normalise.fold`, so look-ups must fold their input too.
"""

from __future__ import annotations

from marsad.normalise import fold

# Gregorian months: Egyptian/Gulf transliterations, Levantine/Iraqi (Syriac) names and
# Maghrebi (French-derived) names, each with common spelling variants.
_GREGORIAN: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "ينير", "يناير"),
    2: ("فبراير", "شباط", "فيفري", "فبراير", "فبرير"),
    3: ("مارس", "آذار", "اذار", "مارس"),
    4: ("أبريل", "ابريل", "نيسان", "أفريل", "افريل", "إبريل"),
    5: ("مايو", "أيار", "ايار", "ماي", "مايو"),
    6: ("يونيو", "حزيران", "جوان", "يونيه", "يونيو"),
    7: ("يوليو", "تموز", "جويلية", "يوليه", "يوليوز"),
    8: ("أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت", "غشت"),
    9: ("سبتمبر", "أيلول", "ايلول", "شتنبر"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول", "أكتوبر"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر", "نوفمبر"),
    12: ("ديسمبر", "كانون الأول", "كانون الاول", "دجنبر", "ديسمبر"),
}

_HIJRI: dict[int, tuple[str, ...]] = {
    1: ("محرم",),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع الاول", "ربيع أول"),
    4: ("ربيع الثاني", "ربيع الآخر", "ربيع الاخر", "ربيع ثاني"),
    5: ("جمادى الأولى", "جمادى الاولى", "جمادى الأول"),
    6: ("جمادى الآخرة", "جمادى الاخرة", "جمادى الثانية"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة"),
    12: ("ذو الحجة", "ذي الحجة"),
}

# Monday = 0, as in datetime.date.weekday().
_WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("الاثنين", "الإثنين", "الأثنين", "اثنين"),
    1: ("الثلاثاء", "ثلاثاء"),
    2: ("الأربعاء", "الاربعاء", "أربعاء", "اربعاء"),
    3: ("الخميس", "خميس"),
    4: ("الجمعة", "جمعة"),
    5: ("السبت", "سبت"),
    6: ("الأحد", "الاحد", "أحد", "احد"),
}


def _index(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {fold(name): number for number, names in table.items() for name in names}


GREGORIAN_MONTHS: dict[str, int] = _index(_GREGORIAN)
HIJRI_MONTHS: dict[str, int] = _index(_HIJRI)
WEEKDAYS: dict[str, int] = _index(_WEEKDAYS)


def month_number(name: str) -> int | None:
    """Gregorian month number of a month name in any regional variant, or None."""
    return GREGORIAN_MONTHS.get(fold(name).strip())


def weekday_number(name: str) -> int | None:
    """Weekday (Monday = 0) of an Arabic weekday name, or None."""
    return WEEKDAYS.get(fold(name).strip())
