"""Validate ``eval/figures/gold.jsonl`` and print counts.

Usage: python eval/figures/annotate/validate.py [path/to/gold.jsonl]

Checks: one JSON object per line with the required fields and types; every
item's offsets satisfy ``text[start:end] == item["text"]``; spans carry no
outer whitespace; quantity spans do not overlap each other, nor quote spans;
``bound`` is null, "min" or "max" and implies ``approx``. Exits non-zero on
any error. With ``--check-source`` it also checks that each ``text`` is a
prefix of the corpus article it comes from (needs ``shared/corpora``).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
GOLD = REPO / "eval" / "figures" / "gold.jsonl"
CORPORA = REPO.parent / "shared" / "corpora" / "news"

QUANTITY_FIELDS: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "start": (int,),
    "end": (int,),
    "value": (int, float),
    "approx": (bool,),
    "bound": (str, type(None)),
    "unit": (str, type(None)),
}
QUOTE_FIELDS: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "start": (int,),
    "end": (int,),
    "speaker_text": (str,),
    "speaker_name": (str,),
    "direct": (bool,),
}


def check_items(
    rid: str, text: str, items: list[dict[str, Any]], fields: dict[str, tuple[type, ...]]
) -> list[str]:
    errors: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, item in enumerate(items):
        where = f"{rid} item {i}"
        for name, types in fields.items():
            if name not in item:
                errors.append(f"{where}: missing {name}")
            elif not isinstance(item[name], types) or (
                bool not in types and isinstance(item[name], bool)
            ):
                errors.append(f"{where}: bad type for {name}: {item[name]!r}")
        if errors:
            continue
        start, end = item["start"], item["end"]
        if not 0 <= start < end <= len(text) or text[start:end] != item["text"]:
            errors.append(f"{where}: offsets do not match {item['text']!r}")
        if item["text"] != item["text"].strip():
            errors.append(f"{where}: span has outer whitespace")
        if "bound" in fields:
            if item["bound"] not in (None, "min", "max"):
                errors.append(f"{where}: bad bound {item['bound']!r}")
            if item["bound"] is not None and not item["approx"]:
                errors.append(f"{where}: bound without approx")
        spans.append((start, end))
    spans.sort()
    for (_, e1), (s2, _) in pairwise(spans):
        if s2 < e1:
            errors.append(f"{rid}: overlapping spans at {s2}")
    return errors


def corpus_texts(ids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in ("ant-v2.1-multisource.jsonl.gz", "saudinewsnet.jsonl.gz"):
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in ids:
                    found[rec["id"]] = rec["text"]
    return found


def main(argv: list[str]) -> int:
    check_source = "--check-source" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else GOLD
    errors: list[str] = []
    records: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: {exc}")
            continue
        for key, typ in (
            ("id", str),
            ("source", str),
            ("text", str),
            ("quantities", list),
            ("quotes", list),
        ):
            if not isinstance(rec.get(key), typ):
                errors.append(f"line {n}: missing or bad {key}")
        if any(e.startswith(f"line {n}:") for e in errors):
            continue
        errors += check_items(rec["id"], rec["text"], rec["quantities"], QUANTITY_FIELDS)
        errors += check_items(rec["id"], rec["text"], rec["quotes"], QUOTE_FIELDS)
        records.append(rec)
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    if check_source:
        texts = corpus_texts(set(ids))
        for rec in records:
            if not texts.get(rec["id"], "").startswith(rec["text"]):
                errors.append(f"{rec['id']}: text is not a prefix of the corpus article")
    per_source: Counter[str] = Counter()
    for rec in records:
        per_source[rec["source"]] += 1
        per_source[f"{rec['source']}:quantities"] += len(rec["quantities"])
        per_source[f"{rec['source']}:quotes"] += len(rec["quotes"])
    print(
        f"articles={len(records)} quantities={sum(len(r['quantities']) for r in records)} "
        f"quotes={sum(len(r['quotes']) for r in records)}"
    )
    for source in sorted({r["source"] for r in records}):
        print(
            f"  {source}: articles={per_source[source]} "
            f"quantities={per_source[source + ':quantities']} "
            f"quotes={per_source[source + ':quotes']}"
        )
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
