"""Show the common word spans of two articles, to judge a reuse candidate.

Usage: python spans.py ID_A ID_B [--min 10]
Prints each maximal common run of >= --min normalised words (greedy, longest
first, non-overlapping) and how much of each article those runs cover.
"""

from __future__ import annotations

import argparse

from candidates import longest_common_span
from common import selected, words


def common_spans(a: list[str], b: list[str], min_len: int) -> list[tuple[int, int, int]]:
    """Greedy non-overlapping common spans, longest first: (length, start_a, start_b)."""
    out: list[tuple[int, int, int]] = []
    segs: list[tuple[int, int, int, int]] = [(0, len(a), 0, len(b))]
    while segs:
        a0, a1, b0, b1 = segs.pop()
        n, i, j = longest_common_span(a[a0:a1], b[b0:b1])
        if n < min_len:
            continue
        out.append((n, a0 + i, b0 + j))
        segs.append((a0, a0 + i, b0, b0 + j))
        segs.append((a0 + i + n, a1, b0 + j + n, b1))
    return sorted(out, key=lambda t: t[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--min", type=int, default=10)
    args = ap.parse_args()
    arts = {x["id"]: x for x in selected()}
    xa, xb = arts[args.a], arts[args.b]
    ta, tb = words(xa["text"]), words(xb["text"])
    spans = common_spans(ta, tb, args.min)
    cov = sum(n for n, _, _ in spans)
    print(f"A {xa['id']} [{xa['source']}] {xa['date_extracted']} {len(ta)}w | {xa['title']}")
    print(f"B {xb['id']} [{xb['source']}] {xb['date_extracted']} {len(tb)}w | {xb['title']}")
    print(
        f"spans>={args.min}: {len(spans)}  covered={cov}w  A={cov / max(1, len(ta)):.2f}"
        f"  B={cov / max(1, len(tb)):.2f}  longest={max((n for n, _, _ in spans), default=0)}"
    )
    for n, i, _ in spans:
        print(f"  [{n}] {' '.join(ta[i : i + n])}")


if __name__ == "__main__":
    main()
