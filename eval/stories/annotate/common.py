"""Shared helpers for the SaudiNewsNet story/reuse annotation tools."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "news" / "saudinewsnet.jsonl.gz"
HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "snn_gold.jsonl"
REUSE = HERE.parent / "snn_reuse.jsonl"

# Days 2015-08-10 and 2015-08-11 are held out: never read them.
FIRST_DAY = "2015-08-01"
LAST_DAY = "2015-08-09"
HELD_OUT = ("2015-08-10", "2015-08-11")
MIN_OUTLET_ARTICLES = 50
N_OUTLETS = 5

_DIAC = re.compile(r"[\u064B-\u0652\u0640]")
_NONWORD = re.compile(r"[^\w]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def in_window(date: str) -> bool:
    day = date[:10]
    return FIRST_DAY <= day <= LAST_DAY and day not in HELD_OUT


def iter_window() -> Iterator[dict[str, Any]]:
    """Yield corpus articles dated 1-9 Aug 2015 (held-out days skipped unread)."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec: dict[str, Any] = json.loads(line)
            if in_window(rec["date_extracted"]):
                yield rec


def choose_block(arts: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """Deterministic selection rule (see README.md).

    For each day in 1-9 Aug, take the N_OUTLETS smallest outlets that have at
    least MIN_OUTLET_ARTICLES articles that day (ties by name); choose the day
    where those outlets' total is smallest (the smallest all-articles block
    meeting the outlet constraint). Every article of those outlets that day
    is labelled.
    """
    per: Counter[tuple[str, str]] = Counter()
    days: set[str] = set()
    for a in arts:
        day = a["date_extracted"][:10]
        per[(day, a["source"])] += 1
        days.add(day)
    best: tuple[int, str, list[str]] | None = None
    for day in sorted(days):
        ok = sorted(
            (n, src) for (d, src), n in per.items() if d == day and n >= MIN_OUTLET_ARTICLES
        )[:N_OUTLETS]
        if len(ok) < N_OUTLETS:
            continue
        size = sum(n for n, _ in ok)
        if best is None or size < best[0]:
            best = (size, day, [src for _, src in ok])
    if best is None:
        raise SystemExit("no eligible day")
    return best[1], sorted(best[2])


def selected() -> list[dict[str, Any]]:
    arts = list(iter_window())
    day, outlets = choose_block(arts)
    sel = [a for a in arts if a["date_extracted"][:10] == day and a["source"] in outlets]
    return sorted(sel, key=lambda a: a["id"])


def norm(text: str) -> str:
    text = _DIAC.sub("", text).translate(_DIGITS)
    text = re.sub("[إأآا]", "ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    text = _NONWORD.sub(" ", text)
    # spelling variants that break verbatim runs: "عبد الله"/"عبدالله", "المئة"/"المائة"
    text = re.sub(r"\b(عبد|ابو|بن) (?=\w)", r"\1", text)
    text = re.sub(r"\bمئه\b|\bالمئه\b", lambda m: m.group(0).replace("مئه", "مائه"), text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return norm(text).split()
