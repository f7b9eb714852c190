"""Write an evenly spaced slice of a JSONL(.gz) corpus, e.g. for test fixtures.

    python scripts/slice_corpus.py ../shared/corpora/news/saudinewsnet.jsonl.gz 60 out.jsonl.gz

`--days FIRST LAST`: only records whose crawl date (`date_extracted`) is in [FIRST, LAST].
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus")
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--every", type=int, default=500, help="take one line in EVERY")
    parser.add_argument("--days", nargs=2, metavar=("FIRST", "LAST"),
                        help="only records crawled on these days (ISO dates, inclusive)")
    args = parser.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as src, \
            gzip.open(args.out, "wt", encoding="utf-8") as dst:
        lines = iter(src)
        if args.days:
            first, last = args.days
            lines = (x for x in lines
                     if first <= str(json.loads(x).get("date_extracted", ""))[:10] <= last)
        for line in itertools.islice(lines, 0, None, args.every):
            dst.write(line)
            args.count -= 1
            if not args.count:
                break


if __name__ == "__main__":
    main()
