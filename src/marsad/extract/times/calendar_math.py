"""Date arithmetic for TIMEX3 values: ISO weeks, month shifts, year choice, Hijri dates."""

from __future__ import annotations

import datetime as dt
import math

try:  # Umm al-Qura tables when installed (optional), else the tabular Islamic calendar.
    from hijridate import Gregorian as _Gregorian
    from hijridate import Hijri as _Hijri
except ImportError:  # pragma: no cover - depends on the environment
    _Hijri = None
    _Gregorian = None

Date = dt.date



def _direction_cost(delta: int, direction: int) -> float:
    """Cost of a candidate `delta` days from the DCT, given the text's direction cue."""
    if direction < 0 and delta > 0:
        return 1000.0 + delta
    if direction > 0 and delta < 0:
        return 1000.0 - delta
    # No cue: the future costs double, so news about past events stays in the past.
    return float(-delta if delta <= 0 else 2 * delta)

def iso_date(d: Date) -> str:
    return d.isoformat()


def iso_week(d: Date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def valid_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def nearest_year(month: int, day: int | None, dct: Date, direction: int) -> int:
    """Year of a day/month without a year: nearest to the DCT in `direction`.

    direction -1 prefers the past (reported events), +1 the future (announced ones), 0 takes
    the nearest of the two, leaning to the past.
    """
    years = (dct.year - 1, dct.year, dct.year + 1)
    target_day = 15 if day is None else day
    if not any(valid_date(year, month, target_day) for year in years):
        target_day = min(target_day, 28)  # a day no year has ("31 سبتمبر"): by its month
    best: tuple[float, int] | None = None
    for year in years:
        d = valid_date(year, month, target_day)
        if d is None:
            continue
        delta = (d - dct).days
        if day is None and month == dct.month and year == dct.year:
            delta = 0  # the current month
        cost = _direction_cost(delta, direction)
        if best is None or cost < best[0]:
            best = (cost, year)
    if best is None:
        raise ValueError(f"no such month: {month}")
    return best[1]


def weekday_date(weekday: int, dct: Date, mode: str) -> Date:
    """Date of a weekday (Monday = 0) relative to the DCT.

    mode "last"/"next": strictly before/after; "past"/"future": the DCT itself when it is
    that weekday, else the nearest one before/after.
    """
    diff = (dct.weekday() - weekday) % 7
    if mode in ("past", "future") and diff == 0:
        return dct
    if mode in ("last", "past"):
        return dct - dt.timedelta(days=diff or 7)
    ahead = (weekday - dct.weekday()) % 7
    return dct + dt.timedelta(days=ahead or 7)


def hijri_to_gregorian(year: int, month: int, day: int) -> Date | None:
    if _Hijri is not None:
        try:
            return _Hijri(year, month, day).to_gregorian()  # type: ignore[no-any-return]
        except (ValueError, OverflowError):
            pass
    if not (1 <= month <= 12 and 1 <= day <= 30 and 1 <= year <= 2000):
        return None
    # Tabular (arithmetic) Islamic calendar: within a day or two of Umm al-Qura.
    jd = (day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
          + 1948439)
    return Date.fromordinal(jd - 1721425)


def gregorian_to_hijri_year(d: Date) -> int:
    if _Gregorian is not None:
        try:
            return int(_Gregorian(d.year, d.month, d.day).to_hijri().year)
        except (ValueError, OverflowError):
            pass
    return int((d.year - 622) * 33 / 32) + 1  # close enough to pick a candidate year


def hijri_month_range(year: int, month: int) -> tuple[Date, Date] | None:
    start = hijri_to_gregorian(year, month, 1)
    ny, nm = add_months(year, month, 1)
    nxt = hijri_to_gregorian(ny, nm, 1)
    if start is None or nxt is None:
        return None
    return start, nxt - dt.timedelta(days=1)


def nearest_hijri(month: int, day: int, dct: Date, direction: int) -> Date | None:
    """Gregorian date of a Hijri day/month without a year, nearest in `direction`."""
    hy = gregorian_to_hijri_year(dct)
    best: tuple[float, Date] | None = None
    for year in (hy - 1, hy, hy + 1):
        d = hijri_to_gregorian(year, month, day)
        if d is None:
            continue
        delta = (d - dct).days
        cost = _direction_cost(delta, direction)
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def sports_season(dct: Date, shift: int) -> str:
    start = (dct.year if dct.month >= 7 else dct.year - 1) + shift
    return f"{start}/{start + 1}"
