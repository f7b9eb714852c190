"""puckling side of bench/bench_times.py, run by a Python >= 3.13 interpreter in a subprocess.

    .venv-puckling/bin/python bench/puckling_worker.py [--timeout-ms MS] < docs.jsonl

Make the interpreter once with
    python3.13 -m venv .venv-puckling && .venv-puckling/bin/pip install puckling
and pass it to the bench with `--puckling-python .venv-puckling/bin/python`.

Reads JSON lines `{"id", "text", "dct"}` on stdin. The first output line is
`{"ready": true, "version": ...}` (or `{"ready": false, "error": ...}`); then one line per
document, `{"id", "secs", "spans"}`, where `secs` is the time of puckling's `parse` call alone
(start-up, imports and rule loading are done before the first document) and `spans` are
`{"text","start","end","type","value"}` with TIMEX3-like values. This file imports nothing from
marsad, so the puckling venv needs only puckling.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from typing import Any

Span = dict[str, Any]

# Duration grains (puckling's Grain values) as TIMEX3 units; quarters become months.
_DUR_UNIT = {"year": "Y", "month": "M", "week": "W", "day": "D",
             "hour": "TH", "minute": "TM", "second": "TS"}


def _instant(when: dt.datetime, grain: str) -> tuple[str, str]:
    """(type, value) of an instant at its grain: DATE down to days, TIME below."""
    if grain == "year":
        return "DATE", f"{when.year:04d}"
    if grain == "quarter":
        return "DATE", f"{when.year:04d}-Q{(when.month - 1) // 3 + 1}"
    if grain == "month":
        return "DATE", f"{when.year:04d}-{when.month:02d}"
    if grain == "week":
        year, week, _ = when.isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}"
    if grain == "day":
        return "DATE", when.date().isoformat()
    # Hours and finer: TIMEX3 writes clock times as hh:mm (the gold does too).
    return "TIME", f"{when.date().isoformat()}T{when.hour:02d}:{when.minute:02d}"


def _part_of_day(start: dt.datetime, end: dt.datetime, body: str) -> str | None:
    """TIMEX3 part of day for an hour-grain interval inside one day (Duckling's morning etc.)."""
    if (end - start) > dt.timedelta(hours=24):
        return None
    h0, h1 = start.hour, end.hour or 24
    if h0 >= 18:
        # Duckling gives evening and "tonight" the same 18-24 interval: the surface decides.
        return "TNI" if "ليل" in body else "TEV"
    if h1 <= 12:
        return "TMO"
    if h0 == 12 and h1 <= 14:
        return "TMI"
    if h0 >= 12:
        return "TAF"
    return None


def to_span(ent: Any, ref: dt.datetime) -> Span | None:
    """One puckling entity as a TIMEX3-like span, or None when it has no time value."""
    from puckling import DurationValue, InstantValue, IntervalValue, OpenIntervalValue, TimeValue

    base: Span = {"text": ent.body, "start": ent.start, "end": ent.end}
    value = ent.value
    if isinstance(value, DurationValue):
        grain = value.grain.value
        n = value.value * (3 if grain == "quarter" else 1)
        unit = _DUR_UNIT.get(grain, "M")
        text = f"PT{n}{unit[1]}" if unit.startswith("T") else f"P{n}{unit}"
        return {**base, "type": "DURATION", "value": text}
    if not isinstance(value, TimeValue):
        return None
    prim = value.primary
    if isinstance(prim, InstantValue):
        when = prim.value.replace(tzinfo=None)
        if prim.grain.value == "second" and when == ref:
            return {**base, "type": "DATE", "value": "PRESENT_REF"}  # Duckling's "now"
        typ, val = _instant(when, prim.grain.value)
        return {**base, "type": typ, "value": val}
    if isinstance(prim, IntervalValue):
        a, b = prim.start.value.replace(tzinfo=None), prim.end.value.replace(tzinfo=None)
        if prim.start.grain.value == "hour" and prim.end.grain.value == "hour":
            part = _part_of_day(a, b, ent.body)
            if part is not None:
                return {**base, "type": "TIME", "value": f"{a.date().isoformat()}{part}"}
        # puckling's closed intervals end on the last unit included, as TIMEX3 ranges do.
        ta, va = _instant(a, prim.start.grain.value)
        _, vb = _instant(b, prim.end.grain.value)
        return {**base, "type": ta, "value": va if va == vb else f"{va}/{vb}"}
    if isinstance(prim, OpenIntervalValue):
        # "حتى 19 مارس", "بعد 2014": only the bound is a calendar value.
        typ, val = _instant(prim.instant.value.replace(tzinfo=None), prim.instant.grain.value)
        return {**base, "type": typ, "value": val}
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--timeout-ms", type=int, default=0,
                    help="puckling's per-parse time budget (0: none, the offline setting)")
    args = ap.parse_args(argv)
    out = sys.stdout
    try:
        import puckling
        from puckling import Context, Lang, Locale, Options, parse
    except ImportError as exc:
        out.write(json.dumps({"ready": False, "error": f"puckling not importable: {exc}"}) + "\n")
        return 0
    options = Options(parse_timeout_ms=args.timeout_ms or None)
    dims: Any = ("time", "duration")
    # Load and compile the Arabic rules before the first timed document.
    parse("قبل يومين", Context(dt.datetime(2018, 1, 1), Locale(Lang.AR)), options, dims=dims)
    out.write(json.dumps({"ready": True, "version": puckling.__version__,
                          "python": sys.version.split()[0]}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        # Midnight of the DCT, so that a clock time later in the day stays on the DCT.
        ref = dt.datetime.fromisoformat((doc.get("dct") or "2018-01-01")[:10])
        ctx = Context(reference_time=ref, locale=Locale(Lang.AR))
        t0 = time.perf_counter()
        try:
            ents = parse(doc["text"], ctx, options, dims=dims)
        except Exception:  # a crash on one article counts as nothing found
            ents = []
        secs = time.perf_counter() - t0
        spans = [s for s in (to_span(e, ref) for e in ents) if s is not None]
        out.write(json.dumps({"id": doc["id"], "secs": secs, "spans": spans},
                             ensure_ascii=False) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
