"""Geometry of the server-drawn SVG charts; the templates draw them (and escape the text)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["Bar", "BarChart", "TimelineChart", "TimelineEvent", "bars", "timeline"]

WIDTH, PAD = 640, 30


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _x(day: date, first: date, span: int, rtl: bool) -> float:
    # Right to left pages put the earliest day at the right end of the axis.
    share = (day - first).days / span
    return (WIDTH - PAD - (WIDTH - 2 * PAD) * share) if rtl else PAD + (WIDTH - 2 * PAD) * share


@dataclass(slots=True)
class Bar:
    day: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(slots=True)
class BarChart:
    width: int
    height: int
    base: int  # y of the axis
    bars: list[Bar]
    first: str | None
    last: str | None
    peak: int


def bars(per_day: list[tuple[str, int]], rtl: bool, height: int = 120) -> BarChart:
    """One bar per day that has a count, placed by its date (gaps show as gaps)."""
    days = [(d, n, parsed) for d, n in per_day if (parsed := _day(d)) is not None]
    base = height - 20
    if not days:
        return BarChart(WIDTH, height, base, [], None, None, 0)
    first, last = min(p for *_, p in days), max(p for *_, p in days)
    span = max(1, (last - first).days)
    step = (WIDTH - 2 * PAD) / (span + 1)
    width = max(1.0, min(24.0, step * 0.8))
    peak = max(n for _, n, _ in days) or 1
    out = []
    for d, n, parsed in days:
        h = max(1.0, (base - 10) * n / peak)
        x = _x(parsed, first, span, rtl) if span > 0 else WIDTH / 2
        out.append(Bar(d, n, round(x - width / 2, 1), round(base - h, 1), round(width, 1),
                       round(h, 1)))
    return BarChart(WIDTH, height, base, out, first.isoformat(), last.isoformat(), peak)


@dataclass(slots=True)
class TimelineEvent:
    index: int  # position in the story's timeline, from 1
    day: str
    text: str
    x: float
    y: float
    articles: list[str]


@dataclass(slots=True)
class TimelineChart:
    width: int
    height: int
    axis: int
    events: list[TimelineEvent]
    labels: list[tuple[float, str]]  # (x, day) once per day


def timeline(entries: list[dict[str, Any]], rtl: bool) -> TimelineChart:
    """One dot per dated timeline entry; entries of one day stack above the axis."""
    dated = [(i, e, d) for i, e in enumerate(entries, 1) if (d := _day(e.get("date")))]
    if not dated:
        return TimelineChart(WIDTH, 0, 0, [], [])
    first, last = min(d for *_, d in dated), max(d for *_, d in dated)
    span = max(1, (last - first).days)
    per_day: dict[date, int] = defaultdict(int)
    stack = max(1, max(sum(1 for *_, d in dated if d == day) for *_, day in dated))
    stack = min(stack, 8)
    axis = 20 + 14 * stack
    events = []
    for i, e, d in dated:
        level = per_day[d]
        per_day[d] += 1
        events.append(TimelineEvent(
            i, str(e.get("date")), str(e.get("text", "")), round(_x(d, first, span, rtl), 1),
            float(axis - 10 - 14 * min(level, stack - 1)),
            [str(a) for a in e.get("articles", [])]))
    labels = [(round(_x(d, first, span, rtl), 1), d.isoformat()) for d in sorted(per_day)]
    return TimelineChart(WIDTH, axis + 30, axis, events, labels)
