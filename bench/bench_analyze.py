"""Time `marsad.analyze` on a slice of the ANT corpus: articles/s and peak memory.

    python bench/bench_analyze.py [--shared ../shared] [--n 1000]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

import marsad

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "news" / "ant-v2.1-multisource.jsonl.gz"
    if not corpus.exists():
        print(f"bench: {corpus} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "ant-slice.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as src:
            sample.write_text("".join(itertools.islice(src, args.n)), "utf-8")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        dossier = marsad.analyze([sample])
        elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    n = len(dossier.articles)
    print(f"analyze: {n} ANT articles in {elapsed:.1f} s = {n / elapsed:.0f} articles/s; "
          f"{len(dossier.stories)} stories, {len(dossier.entities)} entities, "
          f"{len(dossier.reuse)} reuse links")
    print(f"peak memory: {peak / 1024:.0f} MiB (before analyze: {before / 1024:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
