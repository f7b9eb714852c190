"""Shared helpers for the unseen reuse gold (annotator's reading aids, independent of marsad).

Reads only the allowed days; the excluded days (2015-07-31, 08-01, 08-04, 08-06, 08-10, 08-11)
are skipped by their date field without being looked at.
"""

from __future__ import annotations

import gzip
import json
import re
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]
REPO = Path(__file__).resolve().parents[3]
CORPUS = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared")) / "corpora" / "news" / "saudinewsnet.jsonl.gz"
ALLOWED = {f"2015-07-{d:02d}" for d in range(22, 30)} | {
    "2015-08-02", "2015-08-03", "2015-08-05", "2015-08-07", "2015-08-08", "2015-08-09"}

_DIAC = re.compile(r"[\u064B-\u0652\u0640\u0670]")
_NONWORD = re.compile(r"[^\w]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def day_articles(day: str) -> list[dict[str, Any]]:
    assert day in ALLOWED, day
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["date_extracted"][:10] == day:
                out.append(rec)
    return sorted(out, key=lambda a: a["id"])


def norm(text: str) -> str:
    text = _DIAC.sub("", text).translate(_DIGITS)
    text = re.sub("[إأآٱا]", "ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    text = _NONWORD.sub(" ", text)
    text = text.replace("_", " ")
    # light spelling variants: "عبد الله"/"عبدالله", "المئة"/"المائة"
    text = re.sub(r"\b(عبد|ابو|بن) (?=\w)", r"\1", text)
    text = re.sub(r"\b(ال)?مئه\b", lambda m: (m.group(1) or "") + "مائه", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return norm(text).split()


def shingles(toks: list[str], n: int = 8) -> set[tuple[str, ...]]:
    return {tuple(toks[i: i + n]) for i in range(max(0, len(toks) - n + 1))}


def longest_common_span(a: list[str], b: list[str]) -> tuple[int, int, int]:
    best = (0, 0, 0)
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                v = prev[j - 1] + 1
                cur[j] = v
                if v > best[0]:
                    best = (v, i - v, j - v)
        prev = cur
    return best


def common_spans(a: list[str], b: list[str], min_len: int) -> list[tuple[int, int, int]]:
    """Greedy non-overlapping common runs, longest first: (length, start_a, start_b)."""
    out: list[tuple[int, int, int]] = []
    segs = [(0, len(a), 0, len(b))]
    while segs:
        a0, a1, b0, b1 = segs.pop()
        n, i, j = longest_common_span(a[a0:a1], b[b0:b1])
        if n < min_len:
            continue
        out.append((n, a0 + i, b0 + j))
        segs.append((a0, a0 + i, b0, b0 + j))
        segs.append((a0 + i + n, a1, b0 + j + n, b1))
    return sorted(out, key=lambda t: t[1])


def all_common_spans(a: list[str], b: list[str], min_len: int) -> list[tuple[int, int, int]]:
    """Common runs >= min_len anywhere (allows reordering): maximal diagonal runs, then
    greedily keep non-overlapping ones (in A and in B), longest first."""
    posb: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        posb.setdefault(w, []).append(j)
    runs = []
    seen = set()
    for i, w in enumerate(a):
        for j in posb.get(w, ()):
            if (i, j) in seen:
                continue
            if i > 0 and j > 0 and a[i - 1] == b[j - 1]:
                continue  # not a run start
            n = 0
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            if n >= min_len:
                runs.append((n, i, j))
    runs.sort(key=lambda t: -t[0])
    usedA = [False] * len(a)
    usedB = [False] * len(b)
    out = []
    for n, i, j in runs:
        # trim overlap
        ii, jj, nn = i, j, n
        while nn and (usedA[ii] or usedB[jj]):
            ii += 1; jj += 1; nn -= 1
        k = 0
        while k < nn and not usedA[ii + k] and not usedB[jj + k]:
            k += 1
        if k >= min_len:
            for t in range(k):
                usedA[ii + t] = True
                usedB[jj + t] = True
            out.append((k, ii, jj))
    return sorted(out, key=lambda t: t[1])
