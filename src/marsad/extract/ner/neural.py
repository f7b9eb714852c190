"""A neural NER tagger that runs in numpy: dilated CNN over word, character, cluster and
gazetteer inputs, with a CRF output layer (Viterbi decoding).

Trained with torch by `marsad.extract.ner.train_neural` (torch is a training-time tool
only); the weights and every lexical resource the model was trained with (word2vec vectors
from the shared news, the CRF's word clusters and gazetteer as they were) ship in one
`.npz`, so the tagger never depends on files another model may rebuild.

A token's input is the sum of a per-word part (computed once per distinct word and cached:
word and clitic-stripped word vectors, a character CNN, cluster ids, shape, corpus
frequency, proclitic length, gazetteer-word type) and a per-position part (longest-match
gazetteer tag). Sentences are laid end to end with zero gaps as wide as the largest
dilation, so one matrix product per layer serves the whole batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from marsad.extract.ner.consistency import propagate_tags
from marsad.extract.ner.features import (
    DATA_DIR,
    FeatureExtractor,
    Resources,
    best_split,
    shape,
    without_article,
)
from marsad.normalise import fold

DEFAULT_NEURAL = DATA_DIR / "neural.npz"
SHAPES = ("D", "P", "L", "A", "M", "W")
GAZ_TYPES = ("LOC", "ORG", "PERS", "MISC")
GAZ_TAGS = tuple(f"{b}-{t}" for t in GAZ_TYPES for b in "BI")
_GAZ_ID = {tag: i + 1 for i, tag in enumerate(GAZ_TAGS)}  # 0: no gazetteer match
# Per-word integer inputs, in this order, then MAX_CHARS character ids.
WORD_FIELDS = ("word", "base", "c0", "c1", "c2", "bc0", "bc1", "bc2", "shape", "freq", "cut",
               "gazword")
MAX_CHARS = 20
PAD, BOW, EOW, UNK_CHAR = 0, 1, 2, 3
_CACHE_MAX = 300_000


class Lexicon:
    """Words and the resources keyed by them: vocabulary rows, counts, cluster ids,
    gazetteer, character ids. Turns words into the integer inputs of WORD_FIELDS."""

    def __init__(self, words: Sequence[str], counts: Sequence[int], clusters: np.ndarray,
                 gazetteer: dict[tuple[str, ...], str], chars: str) -> None:
        # Row 0 of the word table is "unknown".
        self.index = {w: i + 1 for i, w in enumerate(words)}
        self.counts = dict(zip(words, (int(c) for c in counts), strict=True))
        self.clusters = clusters  # (len(words) + 1, 3), 0 = none, else cluster id + 1
        self.chars = {c: i + 4 for i, c in enumerate(chars)}
        self.res = Resources(counts=self.counts)
        for phrase, label in gazetteer.items():
            self.res.add_name(phrase, label)
        self.matcher = FeatureExtractor(self.res, use_clusters=False)

    def word_inputs(self, tok: str) -> tuple[list[int], str, str]:
        """(WORD_FIELDS values + character ids, name key, gazetteer key) of one token."""
        f = fold(tok)
        cut, base = best_split(f, self.counts)
        gk = without_article(base)  # features.gaz_key_of, reusing the split just made
        wid = self.index.get(f, 0)
        bid = self.index.get(base, 0) if base != f else wid
        cnt = self.counts.get(f, 0)
        gw = self.res.gaz_words.get(gk)
        ids = [wid, bid, *self.clusters[wid].tolist(), *self.clusters[bid].tolist(),
               SHAPES.index(shape(tok)), min(len(str(cnt)), 6) if cnt else 0, min(cut, 2),
               GAZ_TYPES.index(gw) + 1 if gw in GAZ_TYPES else 0]
        chars = [BOW, *(self.chars.get(c, UNK_CHAR) for c in f[:MAX_CHARS - 2]), EOW]
        ids.extend(chars + [PAD] * (MAX_CHARS - len(chars)))
        return ids, base, gk

    def gazetteer_ids(self, keys: list[str]) -> list[int]:
        """Per token 0 (no match) or the id of its longest-match B-/I- gazetteer tag."""
        return [0 if g is None else _GAZ_ID[g] for g in self.matcher.gazetteer_tags(keys)]


def lexicon_of(a: dict[str, Any]) -> Lexicon:
    """The Lexicon stored in a model's arrays."""
    gaz = {}
    for line in str(a["gazetteer"]).split("\n"):
        label, _, phrase = line.partition("\t")
        gaz[tuple(phrase.split(" "))] = label
    return Lexicon(str(a["words"]).split("\n"), a["counts"], a["clusters"], gaz,
                   str(a["chars"]))


def char_cnn(ids: np.ndarray, emb: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Max-pooled width-3 convolution over character embeddings; ids (n, MAX_CHARS).

    Words are taken in groups of equal length, each cut to its length: the PAD columns
    past it would only add zeros (most words are far shorter than MAX_CHARS)."""
    lengths = (ids != PAD).sum(axis=1)
    out = np.empty((len(ids), w.shape[1]), dtype=np.float32)
    for n in np.unique(lengths):
        rows = np.flatnonzero(lengths == n)
        out[rows] = _char_conv(ids[rows, :n], emb, w, b)
    return out


def _char_conv(ids: np.ndarray, emb: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Words of one length, no PAD: zero columns either side stand for torch's padding."""
    x = emb[ids]  # (n, L, E)
    n, _, e = x.shape
    z = np.zeros((n, 1, e), dtype=x.dtype)
    xp = np.concatenate([z, x, z], axis=1)
    cat = np.concatenate([xp[:, :-2], xp[:, 1:-1], xp[:, 2:]], axis=2)  # (n, L, 3E)
    return np.maximum(cat @ w + b, 0.0).max(axis=1)


def viterbi(em: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> list[list[int]]:
    """Best tag paths for a padded batch of emissions (B, L, T), batched over sentences."""
    bsz, length, _ = em.shape
    score = start + em[:, 0]
    back = np.zeros((length, bsz, em.shape[2]), dtype=np.int64)
    for t in range(1, length):
        cand = score[:, :, None] + trans[None]  # (B, from, to)
        best = cand.argmax(axis=1)
        new = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + em[:, t]
        live = (t < lengths)[:, None]
        score = np.where(live, new, score)
        back[t] = np.where(live, best, np.arange(em.shape[2])[None])
    last = (score + end).argmax(axis=1)
    paths: list[list[int]] = []
    for i in range(bsz):
        n = int(lengths[i])
        tag = int(last[i])
        path = [tag]
        for t in range(n - 1, 0, -1):
            tag = int(back[t, i, tag])
            path.append(tag)
        paths.append(path[::-1])
    return paths


class NeuralTagger:
    """The shipped neural model (or any `.npz` written by `train_neural`)."""

    def __init__(self, path: str | Path = DEFAULT_NEURAL, *, consistency: bool = True) -> None:
        from marsad.extract.ner.tagger import TaggerError

        path = Path(path)
        if not path.is_file():
            raise TaggerError(f"neural NER model not found: {path}")
        try:
            with np.load(path, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except (OSError, ValueError) as exc:
            raise TaggerError(f"cannot read neural NER model {path}: {exc}") from exc
        self._init(arrays, consistency)

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], *,
                    consistency: bool = True) -> NeuralTagger:
        self = cls.__new__(cls)
        self._init(arrays, consistency)
        return self

    def _init(self, a: dict[str, Any], consistency: bool) -> None:
        self.consistency = consistency
        self.lex = lexicon_of(a)
        # As on CrfTagger: find_mentions_with takes word counts and gazetteer from here.
        self.features = self.lex.matcher
        self.tags = str(a["tags"]).split("\n")
        self.dilations = [int(d) for d in a["dilations"]]
        # Word vectors: int8 rows with a per-row scale (row 0: unknown, zero), dequantised
        # only for the words met.
        self.vectors_q = a["vectors_q"]
        self.vectors_scale = a["vectors_scale"].astype(np.float32)
        self.p = {k: v.astype(np.float32) for k, v in a.items()
                  if k.startswith(("emb_", "w_", "b_", "crf_"))}
        h = self.p["b_in"].shape[0]
        self._rows = np.zeros((1024, h), dtype=np.float32)
        self._cache: dict[str, tuple[int, str, str]] = {}

    def clear_cache(self) -> None:
        """Forget the per-word inputs computed so far (for cold-cache benchmarks)."""
        self._cache.clear()

    def name_key(self, tok: str) -> str:
        return self._word_rows([tok])[0][1]

    def _word_rows(self, toks: Sequence[str]) -> list[tuple[int, str, str]]:
        """(row in the per-word input cache, name key, gazetteer key) for each token."""
        cache = self._cache
        new = [t for t in dict.fromkeys(toks) if t not in cache]
        if new:
            if len(cache) + len(new) > _CACHE_MAX:
                cache.clear()
                new = list(dict.fromkeys(toks))
            inputs = [self.lex.word_inputs(t) for t in new]
            ids = np.array([x[0] for x in inputs], dtype=np.int64)
            vecs = self.word_part(ids)
            start = len(cache)
            if start + len(new) > len(self._rows):
                grown = np.zeros((max(2 * len(self._rows), start + len(new)),
                                  self._rows.shape[1]), dtype=np.float32)
                grown[:start] = self._rows[:start]
                self._rows = grown
            self._rows[start:start + len(new)] = vecs
            for i, (t, (_, base, gk)) in enumerate(zip(new, inputs, strict=True)):
                cache[t] = (start + i, base, gk)
        return [cache[t] for t in toks]

    def word_part(self, ids: np.ndarray) -> np.ndarray:
        """Per-word input projection for rows of WORD_FIELDS + character ids."""
        p = self.p
        nf = len(WORD_FIELDS)
        parts = [self.vectors_q[ids[:, i]] * self.vectors_scale[ids[:, i], None]
                 for i in (0, 1)]
        # The stripped word's clusters (bc0-bc2) share the word's tables (c0-c2).
        parts += [p[f"emb_{name.removeprefix('b')}"][ids[:, i]]
                  for i, name in enumerate(WORD_FIELDS[2:nf], start=2)]
        parts.append(char_cnn(ids[:, nf:], p["emb_char"], p["w_char"], p["b_char"]))
        return np.concatenate(parts, axis=1) @ p["w_in"] + p["b_in"]

    def emissions(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence an (n, tags) array of CRF emission scores."""
        p = self.p
        gap = max(self.dilations)
        rows = self._word_rows([t for s in sentences for t in s])
        if not rows:
            return [np.zeros((0, len(self.tags)), dtype=np.float32) for _ in sentences]
        pos: list[int] = []
        gaz: list[int] = []
        at = gap
        i = 0
        for s in sentences:
            pos.extend(range(at, at + len(s)))
            gaz.extend(self.lex.gazetteer_ids([r[2] for r in rows[i:i + len(s)]]))
            at += len(s) + gap
            i += len(s)
        idx = np.array([r[0] for r in rows], dtype=np.int64)
        where = np.array(pos, dtype=np.int64)
        x = np.maximum(self._rows[idx] + p["emb_gaz"][np.array(gaz)], 0.0)
        h = np.zeros((at, x.shape[1]), dtype=np.float32)
        h[where] = x
        for layer, d in enumerate(self.dilations):
            cat = np.concatenate([h[where - d], x, h[where + d]], axis=1)
            x = x + np.maximum(cat @ p[f"w_conv{layer}"] + p[f"b_conv{layer}"], 0.0)
            h[where] = x
        em = x @ p["w_out"] + p["b_out"]
        out = []
        i = 0
        for s in sentences:
            out.append(em[i:i + len(s)])
            i += len(s)
        return out

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """Tags for sentences of one text (or neighbouring sentences of a corpus); names
        found in one sentence are also tagged where they recur nearby (see consistency)."""
        tags: list[list[str]] = [[] for _ in sentences]
        p = self.p
        # Batches of similar length keep Viterbi's padding small.
        order = sorted((i for i, s in enumerate(sentences) if s),
                       key=lambda i: len(sentences[i]))
        for b in range(0, len(order), 256):
            ids = order[b:b + 256]
            ems = self.emissions([sentences[i] for i in ids])
            lengths = np.array([len(e) for e in ems])
            pad = np.zeros((len(ems), int(lengths.max()), len(self.tags)), dtype=np.float32)
            for j, e in enumerate(ems):
                pad[j, :len(e)] = e
            paths = viterbi(pad, lengths, p["crf_trans"], p["crf_start"], p["crf_end"])
            for i, path in zip(ids, paths, strict=True):
                tags[i] = [self.tags[t] for t in path]
        if not self.consistency:
            return tags
        keys = [[r[1] for r in self._word_rows(s)] for s in sentences]
        return propagate_tags(keys, tags, self.lex.counts)
