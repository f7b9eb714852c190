"""Dates written on a page: datelines, date widgets and dated credit lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from marsad.normalise import fold
from marsad.normalise.calendar import GREGORIAN_MONTHS, WEEKDAYS

__all__ = ["PageDate", "find_date", "parse_numeric_date"]

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in GREGORIAN_MONTHS), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))

# On folded text: "12 كانون الثاني 2022", "10 يناير/كانون الثاني 2022", "الاثنين 10 يناير 2022".
_NAMED = re.compile(
    rf"(?<!\w)(?P<day>\d{{1,2}})\s*(?:من\s+)?(?P<month>{_MONTH_ALT})"
    rf"(?:\s*[/(]\s*(?:{_MONTH_ALT})\s*\)?)?\s*[,،]?\s*(?P<year>(?:19|20)\d\d)(?!\d)"
)
_NUMERIC = re.compile(
    r"(?<!\d)(?:(?P<y1>(?:19|20)\d\d)[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>(?:19|20)\d\d))(?!\d)"
)
_TIME = re.compile(
    r"(?<!\d)(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?!\d)(?:\s*(?P<ampm>ص|م|am|pm))?"
)
_WEEKDAY = re.compile(rf"(?<!\w)(?:يوم\s+)?(?:{_WEEKDAY_ALT})(?!\w)")
# Words that often stand beside a date on a page without making it something else.
_FILLER = re.compile(
    r"(?<!\w)(?:نشر|تاريخ|النشر|اخر|تحديث|في|بتوقيت|غرينتش|جرينتش|مكه|المكرمه|"
    r"ت\s*م|gmt|utc|am|pm|ص|م|هـ|ه|الموافق)(?!\w)"
)


@dataclass(slots=True, frozen=True)
class PageDate:
    value: str  # ISO date, or date and time
    leftover: int  # words on the line that are not part of the date


def parse_numeric_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_date(line: str) -> PageDate | None:
    """The date a line states (with its time of day when given), or None.

    `leftover` counts the line's other words, so a caller can tell a bare dateline
    ("11 يناير 2022 00:47") from a widget ("الأربعاء 27 نوفمبر 2024 أبوظبي الإمارات").
    """
    folded = fold(line)
    found: date | None = None
    span: tuple[int, int] | None = None
    match = _NAMED.search(folded)
    if match:
        found = parse_numeric_date(match["day"], str(GREGORIAN_MONTHS[match["month"]]),
                                   match["year"])
        span = match.span()
    else:
        numeric = _NUMERIC.search(folded)
        if numeric:
            if numeric["y1"]:
                found = parse_numeric_date(numeric["d1"], numeric["m1"], numeric["y1"])
            else:
                found = parse_numeric_date(numeric["d2"], numeric["m2"], numeric["y2"])
            span = numeric.span()
    if found is None or span is None:
        return None
    rest = folded[: span[0]] + " " + folded[span[1]:]
    value = found.isoformat()
    clock = _TIME.search(rest)
    if clock:
        hour = int(clock["h"])
        if clock["ampm"] in ("م", "pm") and hour < 12:
            hour += 12
        value = f"{value}T{hour:02d}:{clock['m']}"
        rest = rest[: clock.start()] + " " + rest[clock.end():]
    rest = _WEEKDAY.sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    leftover = len(re.findall(r"\w+", rest))
    return PageDate(value=value, leftover=leftover)
