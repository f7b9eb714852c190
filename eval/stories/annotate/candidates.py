"""Propose candidate story neighbours and reuse pairs for the annotator to judge.

Usage: python candidates.py [--min-cos 0.15] > candidates.txt
The output is a reading aid only; every label is a human decision.
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np
from common import selected, words
from sklearn.feature_extraction.text import TfidfVectorizer


def shingles(toks: list[str], n: int = 8) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1))}


def longest_common_span(a: list[str], b: list[str]) -> tuple[int, int, int]:
    """Return (length, start_a, start_b) of the longest common word run."""
    best = (0, 0, 0)
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best[0]:
                    best = (cur[j], i - cur[j], j - cur[j])
        prev = cur
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-cos", type=float, default=0.15)
    ap.add_argument("--k", type=int, default=6)
    args = ap.parse_args()
    arts: list[dict[str, Any]] = selected()
    docs = [" ".join(words(a["title"] + " " + a["title"] + " " + a["text"])) for a in arts]
    vec = TfidfVectorizer(sublinear_tf=True, min_df=1, max_df=0.3, ngram_range=(1, 2))
    x = vec.fit_transform(docs)
    sim = (x @ x.T).toarray()
    np.fill_diagonal(sim, 0.0)
    toks = [words(a["text"]) for a in arts]
    sh = [shingles(t) for t in toks]
    print("# NEIGHBOURS")
    for i, a in enumerate(arts):
        order = np.argsort(-sim[i])[: args.k]
        nb = [(int(j), float(sim[i, j])) for j in order if sim[i, j] >= args.min_cos]
        if not nb:
            continue
        print(f"{a['id']} [{a['source']}] {a['title']}")
        for j, s in nb:
            b = arts[j]
            print(f"    {s:.2f} {b['id']} [{b['source']}] {b['title']}")
    print("# REUSE CANDIDATES (shared word 8-grams)")
    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            if not sh[i] or not sh[j]:
                continue
            inter = len(sh[i] & sh[j])
            if inter < 3:
                continue
            n, si, _ = longest_common_span(toks[i], toks[j])
            cont = inter / min(len(sh[i]), len(sh[j]))
            print(
                f"{arts[i]['id']} [{arts[i]['source']}] ~ {arts[j]['id']} [{arts[j]['source']}]"
                f" shared8={inter} contain={cont:.2f} lcs={n} words"
            )
            print(f"    A: {arts[i]['title']}")
            print(f"    B: {arts[j]['title']}")
            print(f"    SPAN: {' '.join(toks[i][si : si + n])[:600]}")


if __name__ == "__main__":
    main()
