"""Build the background data the story stage ships (src/marsad/stories/data).

- background_df.json.gz: per light stem, how many articles of ANT and SaudiNewsNet use it
  (stable TF-IDF weights for clustering, timelines and summaries);
- formula_shingles.u32.gz: word 5-gram hashes found on at least --formula-days distinct
  days: set phrases of official news (protocol, weather bulletins, greetings) that many
  texts share without copying one another. Reuse detection ignores them.

SaudiNewsNet's 10-11 August 2015 are skipped: they are kept for the held-out check.

    python eval/stories/build_background.py [--shared ../shared] [--min-df 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.normalise import tokens
from marsad.stories.reuse import shingle_hashes
from marsad.stories.text import content_stems, token_spans

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "src" / "marsad" / "stories" / "data"
HELD_OUT = ("2015-08-10", "2015-08-11")
CORPORA = (("ant-v2.1-multisource.jsonl.gz", "published"),
           ("saudinewsnet.jsonl.gz", "date_extracted"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--min-df", type=int, default=5)
    ap.add_argument("--formula-days", type=int, default=5)
    args = ap.parse_args()
    news = Path(args.shared) / "corpora" / "news"
    df: Counter[str] = Counter()
    day_shingles: list[np.ndarray] = []  # (hash * 1e8 + yyyymmdd), unique per article
    n = 0
    for name, date_key in CORPORA:
        with gzip.open(news / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                day = str(rec.get(date_key) or "")[:10]
                if day in HELD_OUT:
                    continue
                text = f"{rec.get('title') or ''}\n{rec.get('text') or ''}"
                df.update(set(content_stems(tokens(text))))
                n += 1
                if day:
                    hs = np.unique(np.array(shingle_hashes(
                        [t.form for t in token_spans(rec.get("text") or "")]), dtype=np.uint64))
                    stamp = np.uint64(int(day.replace("-", "")))
                    day_shingles.append(hs * np.uint64(10**8) + stamp)
    kept = {t: c for t, c in df.items() if c >= args.min_df}
    DATA.mkdir(parents=True, exist_ok=True)
    with gzip.open(DATA / "background_df.json.gz", "wt", encoding="utf-8") as fh:
        json.dump({"n": n, "df": dict(sorted(kept.items()))}, fh, ensure_ascii=False)
    pairs = np.unique(np.concatenate(day_shingles))
    hashes, days = np.unique(pairs // np.uint64(10**8), return_counts=True)
    formula = np.sort(hashes[days >= args.formula_days]).astype("<u4")
    with gzip.open(DATA / "formula_shingles.u32.gz", "wb") as fh:
        fh.write(formula.tobytes())
    print(f"{n} documents, {len(kept)} stems with df >= {args.min_df},"
          f" {len(formula)} formula shingles -> {DATA}")


if __name__ == "__main__":
    main()
