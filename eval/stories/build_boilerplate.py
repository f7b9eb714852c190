"""Build the boilerplate phrases clustering discounts (src/marsad/stories/data).

boilerplate_shingles.u32.gz: word 5-gram hashes (`reuse.shingle_hashes`) that recur on
many distinct days of a corpus: protocol titles ("خادم الحرمين الشريفين الملك سلمان بن
عبدالعزيز آل سعود"), set formulas ("بعث برقية تهنئة"), agency and outlet footers. An event
is told over a few days; a phrase found on most days of the corpus is no sign of one.
A shingle is kept when it occurs on at least 8 of SaudiNewsNet's 14 days or 10 of
ANT's 330 days.

SaudiNewsNet's 31 July, 6, 10 and 11 August 2015 are left out: they are kept for held-out
checks. The result does not depend on what a run is given, only on these corpora.

    python eval/stories/build_boilerplate.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import numpy as np

from marsad.stories.reuse import shingle_hashes
from marsad.stories.text import token_spans

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "src" / "marsad" / "stories" / "data"
HELD_OUT = ("2015-07-31", "2015-08-06", "2015-08-10", "2015-08-11")
CORPORA = (("ant-v2.1-multisource.jsonl.gz", "published", 10),
           ("saudinewsnet.jsonl.gz", "date_extracted", 8))  # file, date field, min days


def day_counts(path: Path, date_key: str) -> tuple[np.ndarray, np.ndarray, int]:
    """Each shingle of a corpus with the number of distinct days it occurs on."""
    stamps: dict[str, int] = {}
    pairs: list[np.ndarray] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            day = str(rec.get(date_key) or "")[:10]
            if not day or day in HELD_OUT:
                continue
            stamp = stamps.setdefault(day, len(stamps))
            forms = [t.form for t in token_spans(rec.get("text") or "")]
            hs = np.unique(np.array(shingle_hashes(forms), dtype=np.uint64))
            pairs.append(hs * np.uint64(1 << 20) + np.uint64(stamp))
    unique = np.unique(np.concatenate(pairs))
    hashes, days = np.unique(unique >> np.uint64(20), return_counts=True)
    return hashes, days, len(stamps)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(DATA))
    args = ap.parse_args()
    news = Path(args.shared) / "corpora" / "news"
    kept: list[np.ndarray] = []
    for name, date_key, limit in CORPORA:
        hashes, days, n_days = day_counts(news / name, date_key)
        kept.append(hashes[days >= limit])
        print(f"{name}: {n_days} days, {len(kept[-1])} shingles on >= {limit} of them")
    out = np.unique(np.concatenate(kept)).astype("<u4")
    Path(args.out).mkdir(parents=True, exist_ok=True)
    with gzip.open(Path(args.out) / "boilerplate_shingles.u32.gz", "wb") as fh:
        fh.write(out.tobytes())
    print(f"{len(out)} boilerplate shingles -> {args.out}")


if __name__ == "__main__":
    main()
