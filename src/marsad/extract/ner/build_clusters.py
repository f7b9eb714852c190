"""Word clusters from the shared news corpora (training time only).

PPMI over a +-2 word window, truncated SVD, then k-means at several granularities: coarse
clusters generalise, fine ones keep distinctions. Output: `word<TAB>count<TAB>c1<TAB>c2<TAB>c3`, one
line per folded word, gzip-compressed; with --vectors also `vectors.bin`, 50-dimensional
vectors for the same words (gzip of int8 rows). Needs scipy/scikit-learn (already dependencies).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from marsad.normalise import tokens

NEWS_FILES = ("ant-v2.1-multisource.jsonl.gz", "saudinewsnet.jsonl.gz")
GRANULARITIES = (100, 400, 1600)
VECTOR_DIM = 50
FIT_WORDS = 50_000  # k-means fits on the most frequent words; rarer ones take the nearest


def iter_news(shared: Path, limit: int | None = None) -> Iterator[str]:
    """Yield article texts (title + body) from the shared news corpora."""
    n = 0
    for name in NEWS_FILES:
        path = shared / "corpora" / "news" / name
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                yield f"{obj.get('title') or ''}\n{obj.get('text') or ''}"
                n += 1
                if limit and n >= limit:
                    return


def build(shared: Path, out: Path, *, min_count: int = 5, max_vocab: int = 150_000,
          n_context: int = 20_000, dim: int = 200, seed: int = 0,
          vectors: bool = False) -> None:
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    t0 = time.time()
    docs = [tokens(t) for t in iter_news(shared)]
    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, c in counts.most_common(max_vocab) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    print(f"{len(docs)} docs, {sum(counts.values())} tokens, vocab {len(vocab)} "
          f"({time.time() - t0:.0f}s)", file=sys.stderr)

    # One id stream with -1 between documents so windows never cross them.
    ids = np.fromiter((index.get(w, -1) for d in docs for w in [*d, None]),
                      dtype=np.int64)
    del docs
    rows, cols = [], []
    for d in (1, 2):
        a, b = ids[:-d], ids[d:]
        ok = (a >= 0) & (b >= 0)
        a, b = a[ok], b[ok]
        for t, c in ((a, b), (b, a)):
            keep = c < n_context
            rows.append(t[keep])
            cols.append(c[keep])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float32), (r, c)),
                          shape=(len(vocab), n_context)).tocsr()
    m.sum_duplicates()
    # PPMI with context-distribution smoothing (alpha 0.75).
    total = m.sum()
    row_p = np.asarray(m.sum(axis=1)).ravel() / total
    col = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p = col / col.sum()
    coo = m.tocoo()
    pmi = np.log((coo.data / total) / (row_p[coo.row] * col_p[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    print(f"ppmi nnz {ppmi.nnz} ({time.time() - t0:.0f}s)", file=sys.stderr)
    svd = TruncatedSVD(n_components=dim, random_state=seed)
    emb = svd.fit_transform(ppmi)
    emb = emb / np.sqrt(svd.singular_values_)  # eigenvalue weighting p=0.5
    # The first component is mostly word frequency: left in, it lumps most words together.
    emb = normalize(emb[:, 1:])
    print(f"svd done ({time.time() - t0:.0f}s)", file=sys.stderr)
    labels = []
    for k in GRANULARITIES:
        km = KMeans(n_clusters=k, random_state=seed, n_init=1, max_iter=30)
        km.fit(emb[:FIT_WORDS])
        labels.append(km.predict(emb))
        print(f"k={k} done ({time.time() - t0:.0f}s)", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for i, w in enumerate(vocab):
            ids = "\t".join(str(int(lab[i])) for lab in labels)
            fh.write(f"{w}\t{counts[w]}\t{ids}\n")
    # Dense features: the first 50 components (after the frequency one), unit rows, as int8
    # (x2 so the range uses the bytes), rows in the clusters file's order.
    if vectors:
        vec = normalize(emb[:, :VECTOR_DIM]) * 2
        q = np.clip(np.round(vec * 127), -127, 127).astype(np.int8)
        out.with_name("vectors.bin").write_bytes(gzip.compress(q.tobytes(), 9))
    print(f"wrote {out} ({time.time() - t0:.0f}s)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parents[4]
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=repo.parent / "shared")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "clusters.tsv.gz")
    ap.add_argument("--vectors", action="store_true",
                    help="also write vectors.bin (for train --vectors; not shipped)")
    args = ap.parse_args(argv)
    build(args.shared, args.out, vectors=args.vectors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
