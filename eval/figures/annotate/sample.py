"""Seeded sample of articles for the figures/quotes gold set.

Usage: python eval/figures/annotate/sample.py [--seed 20240607] > sample.jsonl

Reads the two corpora from ``shared/corpora/news`` next to the repository,
keeps articles likely to carry figures and quotes, and shuffles each outlet's
pool (sorted by id) with ``random.Random(f"{seed}:{outlet}")`` and emits the
first ``--per-outlet`` articles with their rank; articles are annotated in rank
order, none skipped. The emitted ``text`` is a prefix of the
article body cut at a paragraph boundary (or, for a single over-long
paragraph, at a sentence boundary) so that it holds 600-2500 characters.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CORPORA = REPO.parent / "shared" / "corpora" / "news"
ANT = CORPORA / "ant-v2.1-multisource.jsonl.gz"
SNN = CORPORA / "saudinewsnet.jsonl.gz"

ANT_OUTLETS = ["skynews", "alarabia", "france24", "BBC", "CNN"]
ANT_CATEGORIES = {"internationalNews", "middleEast", "economy"}
SNN_OUTLETS = ["aawsat", "alriyadh", "okaz", "sabq", "alyaum"]
PER_OUTLET = 3

MIN_CHARS = 600
MAX_CHARS = 2500

REPORTING = re.compile(
    r"(?:قال|أكد|أضاف|أوضح|أعلن|صرح|أشار|لفت|شدد|ذكر|أفاد|اعتبر|حذر)"
    r"\w*\s+(?:\S+\s+){0,6}?(?:إن|أن|بأن|إلى أن)\b|[«“]"
)
DIGITS = re.compile(r"[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*")
NUMBER_WORDS = re.compile(
    r"\b(?:ثلاث|أربع|خمس|ست|سبع|ثماني|تسع|عشر|عشرين|ثلاثين|أربعين|خمسين|مئة|مائة|ألف|آلاف"
    r"|مليون|ملايين|مليار)\w*"
)
YEAR = re.compile(r"^(?:1[89]|20)\d\d$|^١[٨٩]\d\d$|^٢٠\d\d$")


def read(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def cut(text: str) -> str | None:
    """Return a prefix of ``text`` of MIN..MAX chars ending at a paragraph/sentence end."""
    text = text.rstrip()
    if len(text) <= MAX_CHARS:
        return text if len(text) >= MIN_CHARS else None
    best = -1
    for m in re.finditer(r"\n", text):
        head = text[: m.start()].rstrip()
        if len(head) > MAX_CHARS:
            break
        best = len(head)
    if best < MIN_CHARS:
        best = -1
        for m in re.finditer(r"[.!؟?](?=\s)", text):
            if m.end() > MAX_CHARS:
                break
            best = m.end()
    if best < MIN_CHARS:
        return None
    return text[:best]


def figure_count(text: str) -> int:
    digits = [m.group() for m in DIGITS.finditer(text) if not YEAR.match(m.group())]
    return len(digits) + len(NUMBER_WORDS.findall(text))


def eligible(text: str) -> bool:
    return len(REPORTING.findall(text)) >= 2 and figure_count(text) >= 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=20240607)
    parser.add_argument("--per-outlet", type=int, default=PER_OUTLET)
    args = parser.parse_args()

    pools: dict[str, list[dict[str, str]]] = {s: [] for s in ANT_OUTLETS + SNN_OUTLETS}
    for path, outlets in ((ANT, ANT_OUTLETS), (SNN, SNN_OUTLETS)):
        for rec in read(path):
            if rec["source"] not in outlets:
                continue
            if path == ANT and rec.get("category") not in ANT_CATEGORIES:
                continue
            text = cut(rec["text"])
            if text is None or not eligible(text):
                continue
            pools[rec["source"]].append({"id": rec["id"], "source": rec["source"], "text": text})

    for source in ANT_OUTLETS + SNN_OUTLETS:
        pool = sorted(pools[source], key=lambda r: r["id"])
        print(f"{source}: {len(pool)} eligible", file=sys.stderr)
        random.Random(f"{args.seed}:{source}").shuffle(pool)
        for rank, rec in enumerate(pool[: args.per_outlet]):
            print(json.dumps({**rec, "rank": rank}, ensure_ascii=False))


if __name__ == "__main__":
    main()
