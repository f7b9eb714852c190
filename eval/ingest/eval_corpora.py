"""Ingest N articles from each shared news corpus and check their metadata survived.

    python eval/ingest/eval_corpora.py [--shared ../shared] [--n 1000]

Prints, per corpus: articles read, problems (with reasons), and how many came out with
title, outlet and date from metadata (a publication or a crawl date); plus the share of
each export's text kept by cleaning.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from marsad.clean import clean
from marsad.ingest import read_file
from marsad.records import Article, Problem

ROOT = Path(__file__).resolve().parents[2]
CORPORA = {"ANT v2.1": "ant-v2.1-multisource.jsonl.gz", "SaudiNewsNet": "saudinewsnet.jsonl.gz"}


def _slice(src: Path, n: int, dst: Path) -> None:
    """Evenly spaced lines, so that every outlet and period is represented."""
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        total = sum(1 for _ in fh)
    step = max(1, total // n)
    with gzip.open(src, "rt", encoding="utf-8") as fh, dst.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(fh, 0, step * n, step))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        return _run(args.shared, args.n, Path(work))


def _run(shared: Path, n: int, work: Path) -> int:
    failed = False
    for name, filename in CORPORA.items():
        src = shared / "corpora" / "news" / filename
        if not src.exists():
            print(f"{name}: {src} not found", file=sys.stderr)
            return 2
        sample = work / filename.replace(".gz", "")
        _slice(src, n, sample)
        ok = problems = 0
        reasons: Counter[str] = Counter()
        kept = total = 0
        for doc in read_file(sample):
            result = doc if isinstance(doc, Problem) else clean(doc)
            if isinstance(result, Problem):
                problems += 1
                reasons[result.reason] += 1
                continue
            assert isinstance(result, Article) and not isinstance(doc, Problem)
            ok += bool(result.title and result.outlet and result.published
                       and result.published_basis in ("metadata", "discovered"))
            body = set(result.text.split("\n"))
            for line in doc.content.split("\n"):
                line = re.sub(r"\s+", " ", re.sub("[\u200e\u200f]", "", line)).strip()
                total += len(line)
                kept += len(line) * (line in body)
        read_n = ok + problems
        print(f"{name}: {read_n} records, {ok} articles with title, outlet and date from "
              f"metadata (publication or crawl date), {problems} problems {dict(reasons)}; "
              f"text kept {kept / total:.2%}")
        failed |= ok + problems != n
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
