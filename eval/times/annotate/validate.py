"""Validate ``eval/times/ant_gold.jsonl`` (or another file in the same format).

Checks: one JSON object per line with the required keys; ``dct`` is ``YYYY-MM-DD``; every
annotation has ``text[start:end] == text``; types are DATE/TIME/DURATION/SET; values match the
TIMEX3 value syntax of ``eval/times/GUIDELINES.md`` §3; spans are sorted and do not overlap.
Prints counts per outlet and per type. Exit status 1 on any error.

Usage::

    python eval/times/annotate/validate.py [path/to/ant_gold.jsonl]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "ant_gold.jsonl"
TYPES = {"DATE", "TIME", "DURATION", "SET"}
OUTLETS = {"skynews", "alarabia", "france24", "BBC", "CNN"}

_Y = r"(?:\d{4}|XXXX)"
_CAL = (
    rf"{_Y}(?:-(?:\d{{2}}|XX)(?:-(?:\d{{2}}|XX))?)?"  # YYYY, YYYY-MM, YYYY-MM-DD
    rf"|{_Y}-W(?:\d{{2}}|XX)(?:-[1-7])?"  # ISO week, optional weekday
    rf"|{_Y}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)"  # quarter, half, season
    r"|\d{3}|\d{2}"  # decade, century
)
DATE_ATOM = rf"(?:{_CAL}|PAST_REF|PRESENT_REF|FUTURE_REF)"
DATE_RE = re.compile(rf"^{DATE_ATOM}(?:/{DATE_ATOM})?$")
_DAY = rf"(?:{_Y}-(?:\d{{2}}|XX)-(?:\d{{2}}|XX)|{_Y}-W(?:\d{{2}}|XX)-[1-7])"
TIME_RE = re.compile(rf"^{_DAY}T(?:(?:[01]\d|2[0-4])(?::[0-5]\d)?|MO|MI|AF|EV|NI|DT)$")
_N = r"(?:\d+(?:\.\d+)?|X)"
DURATION_RE = re.compile(rf"^P(?=.)(?:{_N}(?:ML|CE|DE|Y|M|W|D))*(?:T(?=.)(?:{_N}[HMS])+)?$")


def value_ok(typ: str, value: str) -> bool:
    if typ == "DATE":
        return bool(DATE_RE.match(value))
    if typ == "TIME":
        return bool(TIME_RE.match(value))
    if typ == "DURATION":
        return bool(DURATION_RE.match(value))
    if typ == "SET":
        return bool(DURATION_RE.match(value) or DATE_RE.match(value) or TIME_RE.match(value))
    return False


def validate(path: Path) -> list[str]:
    errors: list[str] = []
    per_outlet: Counter[str] = Counter()
    per_type: Counter[str] = Counter()
    exprs_per_outlet: Counter[str] = Counter()
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        missing = {"id", "source", "dct", "text", "times"} - rec.keys()
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
            continue
        if rec["id"] in seen:
            errors.append(f"{where}: duplicate id {rec['id']}")
        seen.add(rec["id"])
        if rec["source"] not in OUTLETS:
            errors.append(f"{where}: unknown source {rec['source']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["dct"]):
            errors.append(f"{where}: bad dct {rec['dct']!r}")
        text: str = rec["text"]
        per_outlet[rec["source"]] += 1
        prev_end = -1
        for i, tm in enumerate(rec["times"]):
            tag = f"{where} [{rec['id']} #{i}]"
            if set(tm) != {"text", "start", "end", "type", "value"}:
                errors.append(f"{tag}: keys {sorted(tm)}")
                continue
            start, end = tm["start"], tm["end"]
            if not (0 <= start < end <= len(text)) or text[start:end] != tm["text"]:
                errors.append(f"{tag}: offsets {start}:{end} do not give {tm['text']!r}")
            if tm["text"] != tm["text"].strip():
                errors.append(f"{tag}: span has surrounding whitespace")
            if start < prev_end:
                errors.append(f"{tag}: span overlaps or is out of order")
            prev_end = end
            if tm["type"] not in TYPES:
                errors.append(f"{tag}: bad type {tm['type']!r}")
            elif not value_ok(tm["type"], tm["value"]):
                errors.append(f"{tag}: bad {tm['type']} value {tm['value']!r}")
            per_type[tm["type"]] += 1
            exprs_per_outlet[rec["source"]] += 1
    print(f"articles: {sum(per_outlet.values())}, expressions: {sum(per_type.values())}")
    for outlet in sorted(per_outlet):
        n_art, n_exp = per_outlet[outlet], exprs_per_outlet[outlet]
        print(f"  {outlet:9s} articles={n_art:3d} expressions={n_exp}")
    for typ in ("DATE", "TIME", "DURATION", "SET"):
        print(f"  {typ:9s} {per_type[typ]}")
    return errors


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    errors = validate(path)
    for err in errors:
        print("ERROR", err)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
