"""Train the neural NER tagger (`marsad.extract.ner.neural`) on the ANERcorp train split.

torch and gensim are training-time tools only; tagging needs numpy alone. Steps (on a shared
2-core machine: word2vec ~25 minutes, the tagger ~15 minutes on one thread):

    pip install torch==2.13.0 && pip install -e '.[train]'         # CPU torch, gensim
    python -m marsad.extract.ner.train_neural vectors --shared ../shared --work WORK
    python -m marsad.extract.ner.train_neural train --shared ../shared --work WORK

`vectors` trains 100-d skip-gram word2vec on the shared news corpora over the vocabulary of
the CRF's clusters file (`data/clusters.tsv.gz`, same tokenisation); `train` writes
`data/neural.npz` with the weights and a snapshot of the vocabulary, cluster ids and
gazetteer (`data/gazetteer.tsv`) it was trained with. `train --dev` trains on the first
five sixths of train and reports the last sixth after each epoch (the test split is read
only by `eval/ner/eval_ner.py`); the shipped model trains on all of train for the epoch
count chosen on dev.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from marsad.extract.ner.features import DATA_DIR, Resources
from marsad.extract.ner.metrics import entity_f1, format_report
from marsad.extract.ner.neural import (
    GAZ_TAGS,
    GAZ_TYPES,
    SHAPES,
    WORD_FIELDS,
    Lexicon,
    NeuralTagger,
    lexicon_of,
)
from marsad.extract.ner.train import train_split

REPO = Path(__file__).resolve().parents[4]
CLUSTER_SIZES = (100, 400, 1600)


def cluster_arrays(res: Resources) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Words, counts and cluster ids (+1; 0 = none, row 0 = unknown word) of the clusters
    file loaded in `res`, in its order."""
    words = list(res.counts)
    counts = np.array([res.counts[w] for w in words], dtype=np.int32)
    ids = [[0, 0, 0]] + [[int(c) + 1 for c in res.clusters[w][:3]] for w in words]
    return words, counts, np.array(ids, dtype=np.int16)


def train_vectors(shared: Path, work: Path, *, dim: int = 100, epochs: int = 3,
                  workers: int = 2) -> None:
    """Skip-gram word2vec over the news, one paragraph a line, for the clusters' words."""
    from gensim.models import Word2Vec

    from marsad.extract.ner.build_clusters import iter_news
    from marsad.normalise import tokens

    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "news.txt"
    with open(corpus, "w", encoding="utf-8") as out:
        for text in iter_news(shared):
            for para in text.split("\n"):
                toks = tokens(para)
                if len(toks) > 2:
                    out.write(" ".join(toks) + "\n")
    words, counts, _ = cluster_arrays(Resources.load(DATA_DIR / "clusters.tsv.gz"))
    model = Word2Vec(vector_size=dim, window=5, sg=1, negative=5, sample=1e-4,
                     workers=workers, seed=0)
    model.build_vocab_from_freq(dict(zip(words, counts.tolist(), strict=True)))
    model.train(corpus_file=str(corpus), total_words=int(counts.sum()), epochs=epochs)
    np.save(work / "vectors.npy", np.stack([model.wv[w] for w in words]).astype(np.float32))


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit rows as int8 with a per-row scale; a zero row 0 for unknown words."""
    v = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-8)
    scale = np.abs(v).max(axis=1) / 127.0
    q = np.round(v / scale[:, None]).astype(np.int8)
    return (np.vstack([np.zeros((1, v.shape[1]), np.int8), q]),
            np.concatenate([[0.0], scale]).astype(np.float32))


def resource_arrays(work: Path) -> dict[str, np.ndarray]:
    """Vocabulary, counts, clusters, quantised vectors, gazetteer and characters."""
    res = Resources.load(DATA_DIR / "clusters.tsv.gz", DATA_DIR / "gazetteer.tsv")
    words, counts, clusters = cluster_arrays(res)
    q, scale = quantise(np.load(work / "vectors.npy"))
    char_words: dict[str, int] = {}
    for w in words:
        for c in set(w):
            char_words[c] = char_words.get(c, 0) + 1
    chars = "".join(sorted(c for c, n in char_words.items() if n >= 5 and c != "\n"))
    gaz = "\n".join(f"{label}\t{' '.join(p)}" for p, label in res.gazetteer.items())
    return {"words": np.array("\n".join(words)), "counts": counts, "clusters": clusters,
            "vectors_q": q, "vectors_scale": scale, "gazetteer": np.array(gaz),
            "chars": np.array(chars)}


def build_model(vectors: Any, n_chars: int, *, hidden: int, dilations: tuple[int, ...],
                n_tags: int, dropout: float) -> Any:
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.vec = nn.Embedding.from_pretrained(vectors, freeze=True)
            self.emb = nn.ModuleDict({
                "c0": nn.Embedding(CLUSTER_SIZES[0] + 1, 16),
                "c1": nn.Embedding(CLUSTER_SIZES[1] + 1, 16),
                "c2": nn.Embedding(CLUSTER_SIZES[2] + 1, 16),
                "shape": nn.Embedding(len(SHAPES), 8),
                "freq": nn.Embedding(7, 8),
                "cut": nn.Embedding(3, 4),
                "gazword": nn.Embedding(len(GAZ_TYPES) + 1, 8),
                "char": nn.Embedding(n_chars, 32, padding_idx=0),
                "gaz": nn.Embedding(len(GAZ_TAGS) + 1, hidden),
            })
            self.char = nn.Linear(3 * 32, 64)
            n_in = 2 * vectors.shape[1] + 6 * 16 + 8 + 8 + 4 + 8 + 64
            self.inp = nn.Linear(n_in, hidden)
            self.convs = nn.ModuleList(nn.Linear(3 * hidden, hidden) for _ in dilations)
            self.out = nn.Linear(hidden, n_tags)
            self.trans = nn.Parameter(torch.zeros(n_tags, n_tags))
            self.start = nn.Parameter(torch.zeros(n_tags))
            self.end = nn.Parameter(torch.zeros(n_tags))
            self.drop = nn.Dropout(dropout)

        def word_part(self, ids: Any, word_drop: float = 0.0) -> Any:
            nf = len(WORD_FIELDS)
            w, b = ids[:, 0], ids[:, 1]
            if self.training and word_drop:
                keep = torch.rand(len(ids)) >= word_drop
                w, b = w * keep, b * keep
            e = self.emb
            parts = [self.vec(w), self.vec(b)]
            parts += [e[f"c{i % 3}"](ids[:, 2 + i]) for i in range(6)]
            parts += [e[name](ids[:, i]) for i, name in enumerate(WORD_FIELDS[8:], start=8)]
            ch = ids[:, nf:]
            x = e["char"](ch)
            xp = F.pad(x, (0, 0, 1, 1))
            y = F.relu(self.char(torch.cat([xp[:, :-2], xp[:, 1:-1], xp[:, 2:]], dim=2)))
            y = y.masked_fill((ch == 0)[:, :, None], 0.0)
            parts.append(y.max(dim=1).values)
            return self.inp(self.drop(torch.cat(parts, dim=1)))

        def emissions(self, type_ids: Any, tok_type: Any, gaz: Any, mask: Any,
                      word_drop: float = 0.0) -> Any:
            """tok_type, gaz, mask: (B, L) padded; returns (B, L, tags)."""
            wp = self.word_part(type_ids, word_drop)
            m = mask[:, :, None].float()
            x = F.relu(wp[tok_type] + self.emb["gaz"](gaz)) * m
            for d, conv in zip(dilations, self.convs, strict=True):
                xp = F.pad(self.drop(x), (0, 0, d, d))
                length = x.shape[1]
                cat = torch.cat([xp[:, :length], xp[:, d:d + length], xp[:, 2 * d:]], dim=2)
                x = (x + F.relu(conv(cat))) * m
            return self.out(x)

        def nll(self, em: Any, tags: Any, mask: Any) -> Any:
            """CRF negative log-likelihood, summed over the batch."""
            bsz, length, _ = em.shape
            ar = torch.arange(bsz)
            score = self.start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
            alpha = self.start[None] + em[:, 0]
            for t in range(1, length):
                mt = mask[:, t]
                score = score + (self.trans[tags[:, t - 1], tags[:, t]]
                                 + em[ar, t, tags[:, t]]) * mt
                nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None], dim=1) + em[:, t]
                alpha = torch.where(mt[:, None].bool(), nxt, alpha)
            last = tags[ar, mask.sum(1).long() - 1]
            score = score + self.end[last]
            return (torch.logsumexp(alpha + self.end[None], dim=1) - score).sum()

    return Net()


def export(net: Any, tags: list[str], dilations: tuple[int, ...]) -> dict[str, np.ndarray]:
    """Weights in neural.py's layout (x @ w + b)."""
    def t(x: Any) -> np.ndarray:
        return x.detach().cpu().numpy().astype(np.float32)

    out = {f"emb_{k}": t(m.weight) for k, m in net.emb.items()}
    out.update({"w_char": t(net.char.weight).T, "b_char": t(net.char.bias),
                "w_in": t(net.inp.weight).T, "b_in": t(net.inp.bias),
                "w_out": t(net.out.weight).T, "b_out": t(net.out.bias),
                "crf_trans": t(net.trans), "crf_start": t(net.start), "crf_end": t(net.end),
                "tags": np.array("\n".join(tags)), "dilations": np.array(dilations)})
    for i, conv in enumerate(net.convs):
        out[f"w_conv{i}"] = t(conv.weight).T
        out[f"b_conv{i}"] = t(conv.bias)
    return out


def encode(lex: Lexicon, sents: list[list[tuple[str, str]]], tags: list[str],
           ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
    """Type table (inputs per distinct token) and per sentence (type ids, gaz ids, tag ids)."""
    types: dict[str, int] = {}
    keys: dict[str, str] = {}
    rows: list[list[int]] = []
    out = []
    for s in sents:
        tids = []
        for tok, _ in s:
            if tok not in types:
                ids, _, keys[tok] = lex.word_inputs(tok)
                types[tok] = len(rows)
                rows.append(ids)
            tids.append(types[tok])
        out.append((np.array(tids), np.array(lex.gazetteer_ids([keys[t] for t, _ in s])),
                    np.array([tags.index(g) for _, g in s])))
    return np.array(rows, dtype=np.int64), out


def train(train_sents: list[list[tuple[str, str]]], dev: list[list[tuple[str, str]]],
          resources: dict[str, np.ndarray], *, epochs: int, hidden: int = 128,
          dilations: tuple[int, ...] = (1, 2, 4), dropout: float = 0.3,
          word_drop: float = 0.15, lr: float = 2e-3, batch: int = 32, seed: int = 0,
          threads: int = 1, average: int = 10,
          ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Train; returns the model's arrays (weights averaged over the last `average` epochs:
    dev F1 swings by ~2 points from one epoch to the next) and a log, with dev F1 per epoch
    and of the averaged model when `dev` is given."""
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    random.seed(seed)
    t0 = time.time()
    tags = sorted({g for s in train_sents for _, g in s}, key=lambda g: (g != "O", g[2:], g))
    lex = lexicon_of(resources)
    table, enc = encode(lex, train_sents, tags)
    vectors = torch.tensor(resources["vectors_q"].astype(np.float32)
                           * resources["vectors_scale"][:, None])
    net = build_model(vectors, len(str(resources["chars"])) + 4, hidden=hidden,
                      dilations=dilations, n_tags=len(tags), dropout=dropout)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (1.0 + 0.05 * e))
    log: dict[str, Any] = {"epochs": [], "tags": tags}
    avg: dict[str, Any] = {}
    # Batches of sentences of similar length (less padding in the CRF's loop), in random
    # order, regrouped each epoch.
    by_length = sorted(range(len(enc)), key=lambda i: (len(enc[i][0]), random.random()))
    for epoch in range(epochs):
        net.train()
        jitter = sorted(by_length, key=lambda i: len(enc[i][0]) + random.uniform(-3, 3))
        batches = [jitter[b:b + batch] for b in range(0, len(jitter), batch)]
        random.shuffle(batches)
        total = 0.0
        for ids in batches:
            group = [enc[i] for i in ids]
            used = np.unique(np.concatenate([g[0] for g in group]))
            remap = {int(u): j for j, u in enumerate(used)}
            length = max(len(g[0]) for g in group)
            tt = np.zeros((len(group), length), np.int64)
            gz = np.zeros_like(tt)
            tg = np.zeros_like(tt)
            mk = np.zeros_like(tt)
            for i, (ti, gi, yi) in enumerate(group):
                n = len(ti)
                tt[i, :n] = [remap[int(x)] for x in ti]
                gz[i, :n], tg[i, :n], mk[i, :n] = gi, yi, 1
            em = net.emissions(torch.tensor(table[used]), torch.tensor(tt), torch.tensor(gz),
                               torch.tensor(mk), word_drop)
            loss = net.nll(em, torch.tensor(tg), torch.tensor(mk).float())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        sched.step()
        net.eval()
        if epoch >= epochs - average:
            for name, value in net.state_dict().items():
                avg[name] = avg.get(name, 0) + value / min(average, epochs)
        entry: dict[str, Any] = {"epoch": epoch + 1, "loss": round(total, 1),
                                 "seconds": round(time.time() - t0)}
        if dev:
            entry["dev_f1"] = round(dev_f1({**resources, **export(net, tags, dilations)},
                                           dev), 4)
        print(json.dumps(entry), file=sys.stderr, flush=True)
        log["epochs"].append(entry)
    net.load_state_dict(avg)
    final = {**resources, **export(net, tags, dilations)}
    if dev:
        log["averaged_dev_f1"] = round(dev_f1(final, dev), 4)
    log["train_seconds"] = round(time.time() - t0, 1)
    return final, log


def dev_f1(arrays: dict[str, np.ndarray], dev: list[list[tuple[str, str]]]) -> float:
    pred = NeuralTagger.from_arrays(arrays).tag([[t for t, _ in s] for s in dev])
    return entity_f1([[g for _, g in s] for s in dev], pred)["micro"]["f1"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("vectors", "train"))
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--work", type=Path, required=True, help="scratch folder (word2vec)")
    ap.add_argument("--out", type=Path, default=DATA_DIR / "neural.npz")
    ap.add_argument("--dev", action="store_true", help="train on 5/6 of train, report the rest")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--dilations", default="1,2,4")
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--word-drop", type=float, default=0.15)
    ap.add_argument("--average", type=int, default=10,
                    help="average the weights of the last N epochs")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    if args.step == "vectors":
        train_vectors(args.shared, args.work, workers=args.threads)
        return 0
    split = train_split(args.shared, dev=args.dev)
    if split is None:
        return 2
    sents, dev = split
    arrays, log = train(sents, dev, resource_arrays(args.work), epochs=args.epochs,
                        hidden=args.hidden,
                        dilations=tuple(int(d) for d in args.dilations.split(",")),
                        dropout=args.dropout, word_drop=args.word_drop, seed=args.seed,
                        threads=args.threads, average=args.average)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)  # type: ignore[arg-type]  # numpy stub quirk
    print(f"trained in {log['train_seconds']}s -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB)")
    if dev:
        pred = NeuralTagger(args.out).tag([[t for t, _ in s] for s in dev])
        print(format_report(entity_f1([[g for _, g in s] for s in dev], pred)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
