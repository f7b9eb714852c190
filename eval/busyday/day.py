"""The test day's SaudiNewsNet records: read them from the corpus, write them as JSONL."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DAY = "2015-07-31"  # SNN date_extracted of the test day (issue 17, part 5)
CORPUS = "corpora/news/saudinewsnet.jsonl.gz"


def records(shared: Path, day: str = DAY) -> Iterator[dict[str, Any]]:
    with gzip.open(shared / CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if str(rec.get("date_extracted", ""))[:10] == day:
                yield rec


def write_day(shared: Path, out: Path, day: str = DAY) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for rec in records(shared, day):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n
