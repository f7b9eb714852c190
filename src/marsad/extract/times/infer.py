"""Publication date of an article without a dateline, from its own temporal cues.

The cues: "اليوم الأربعاء" / "مساء اليوم الأربعاء" / "اليوم (الأربعاء)" (today is
Wednesday), "أمس الثلاثاء" (yesterday was Tuesday), "أول أمس الأحد", "غداً الخميس", "بعد غد
الخميس", a full date called today ("اليوم الاثنين 10 يناير 2022"), and "<month>
الجاري/الحالي" (this month). Anchors (dates of embedded posts, credit lines) are on or before
the article's date; the discovery date (when the page was crawled) is on or after it. The
answer must satisfy every cue; when the cues leave more than one day, or none, the answer is
None: a wrong date is worse than no date.
"""

from __future__ import annotations

import datetime as dt
import re

from marsad.extract.times.grammar import DAY_PATTERN_FOR_INFER, MONTH, WEEKDAY, YEAR
from marsad.extract.times.lexicon import DAYS, MONTHS, folded
from marsad.normalise import fold_map

_B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))"
# deictic word + weekday: the weekday of the DCT shifted by the word.
_DEICTIC_WD = re.compile(folded(
    rf"{_B}(?:(?:صباح|مساء|ظهر|عصر|فجر|ليله)\s+)?"
    r"(?<!ذلك )(?<!تلك )(?<!ذات )(?<!نفس )"  # "ذلك اليوم (الخميس)": that day, not today
    rf"(?P<dx>اليوم|اول\s+(?:من\s+)?امس|امس|يوم\s+امس|غدا|يوم\s+الغد|بعد\s+غد)\s+"
    rf"(?:[(«]\s*)?(?P<wd>{WEEKDAY})(?!\w)(?:\s*[)»])?"
    rf"(?:\s*[،,]?\s*(?:{DAY_PATTERN_FOR_INFER})\s+(?:من\s+)?(?P<mon>{MONTH})"
    rf"(?:\s*[/\\(-]\s*(?:{MONTH})\s*\)?)?\s*[،,]?\s*(?:من\s+)?(?:عام\s+)?(?P<y>{YEAR})?)?"
))
_THIS_MONTH = re.compile(folded(
    rf"(?P<mon>{MONTH})(?:\s*[/\\(-]\s*(?P<mon2>{MONTH})\s*\)?)?\s+(?:الجاري|الحالي)(?!\w)"
))
_SHIFT = {"اليوم": 0, "امس": -1, "يوم امس": -1, "اول امس": -2, "اول من امس": -2, "غدا": 1,
          "يوم الغد": 1, "بعد غد": 2}
# An anchor further back than this leaves the week open (the article may be a week later);
# so does a cue pointing further back from the discovery date: on SaudiNewsNet a page is
# crawled within a day or two, and "اليوم الأربعاء" on a page crawled on a Tuesday is a
# slip or a preview, not a page a week old.
_MAX_GAP_DAYS = 3


def _parse(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(iso).strip()[:10])
    except ValueError:
        return None


def infer_publication_date(text: str, anchors: list[str],
                           discovered: str | None = None) -> str | None:
    """ISO date of the article, inferred from its cues and the `anchors`, or None.

    `discovered`: when the page was crawled or fetched; publication is on or before it."""
    if not text:
        return None
    folded_text, _ = fold_map(text)
    weekdays: set[int] = set()
    explicit: set[dt.date] = set()
    for m in _DEICTIC_WD.finditer(folded_text):
        shift = _SHIFT[re.sub(r"\s+", " ", m.group("dx"))]
        wd = (DAYS[m.group("wd")] - shift) % 7
        weekdays.add(wd)
        day = m.group("dn")
        if day and m.group("mon") and m.group("y"):
            month = MONTHS.get(re.sub(r"\s+", " ", m.group("mon")))
            try:
                d = dt.date(int(m.group("y")), month or 0, int(day))
            except ValueError:
                continue
            explicit.add(d - dt.timedelta(days=shift))
    months = set()
    for m in _THIS_MONTH.finditer(folded_text):
        months.add(MONTHS.get(re.sub(r"\s+", " ", m.group("mon"))))
    months.discard(None)
    if len(weekdays) > 1 or len(months) > 1 or len(explicit) > 1:
        return None  # contradictory cues
    ceiling = _parse(discovered) if discovered else None
    if explicit:
        d = next(iter(explicit))
        if weekdays and d.weekday() not in weekdays:
            return None
        if months and d.month not in months:
            return None
        if ceiling and d > ceiling:
            return None
        return d.isoformat()
    parsed = [d for d in (_parse(a) for a in anchors) if d is not None]
    if not weekdays or not (parsed or ceiling):
        return None
    wd = next(iter(weekdays))
    latest = max(parsed) if parsed else None
    if ceiling:
        # The last such weekday on or before discovery, after every anchor.
        candidate = ceiling - dt.timedelta(days=(ceiling.weekday() - wd) % 7)
        if (ceiling - candidate).days > _MAX_GAP_DAYS or (latest and candidate < latest):
            return None
    elif latest:
        # The first such weekday on or after the latest anchor.
        candidate = latest + dt.timedelta(days=(wd - latest.weekday()) % 7)
        if (candidate - latest).days > _MAX_GAP_DAYS:
            return None
    if months and candidate.month not in months:
        return None
    return candidate.isoformat()
