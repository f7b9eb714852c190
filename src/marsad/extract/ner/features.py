"""CRF features for Arabic tokens, built for speed.

Everything that depends on one word only (folded form, clitic-stripped forms, affixes, word
clusters, shape) is computed once per distinct word and cached, already prefixed for each
window position; a token's features are then a few list concatenations. Gazetteer features
need the sentence (multi-word matches) and are added per sentence.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.normalise import fold

DATA_DIR = Path(__file__).parent / "data"

WINDOW = (-2, -1, 1, 2)
_CONJ = "وف"
_PREP = "بلك"
_PUNCT = set(".,،؛;:!?؟\"'()[]{}«»“”‘’-–—/\\…*#@%&+=<>|_")


@dataclass(slots=True)
class Resources:
    """Unsupervised lexical resources: word clusters (with corpus counts) and gazetteers."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # Phrase as a tuple of clitic-free folded tokens -> type label such as "LOC".
    gazetteer: dict[tuple[str, ...], str] = field(default_factory=dict)
    gaz_max: int = 1
    # Dense word vectors (rows aligned with the clusters file), as {word: row}.
    vectors: dict[str, tuple[float, ...]] = field(default_factory=dict)
    # Types each word takes inside gazetteer names (token-level name lists).
    gaz_words: dict[str, str] = field(default_factory=dict)
    # Shipped word lists (build_lexicons): folded word -> (wordfreq Zipf x 2, hunspell 1/0/-).
    wordfreq: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Folded word -> person-name codes such as ("F2", "L1") (names-dataset).
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # GeoNames place names, as gazetteer keys (matched apart from the main gazetteer).
    places: dict[tuple[str, ...], str] = field(default_factory=dict)

    def gaz_key(self, f: str) -> str:
        """Gazetteer key of a folded word: clitics (told apart by corpus counts) and article
        removed, so بكازاخستان, كازاخستان and الكازاخستان meet, and كندا keeps its ك."""
        return gaz_key_of(f, self.counts)

    @classmethod
    def load(cls, clusters: Path | None = None, gazetteer: Path | None = None,
             vectors: Path | None = None, *, wordfreq: Path | None = None,
             names: Path | None = None, places: Path | None = None) -> Resources:
        res = cls()
        words: list[str] = []
        if clusters is not None and clusters.exists():
            with gzip.open(clusters, "rt", encoding="utf-8") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    # word, count, cluster ids (coarse to fine)
                    res.counts[parts[0]] = int(parts[1])
                    res.clusters[parts[0]] = tuple(parts[2:])
                    words.append(parts[0])
        if vectors is not None and vectors.exists() and words:
            import numpy as np

            # int8 rows scaled by 1/127, one per clusters-file word, in the same order.
            raw = np.frombuffer(gzip.decompress(vectors.read_bytes()), dtype=np.int8)
            mat = raw.reshape(len(words), -1).astype(np.float32) / 127.0
            res.vectors = dict(zip(words, map(tuple, mat.round(3).tolist()), strict=True))
        if gazetteer is not None and gazetteer.exists():
            for toks, label in res._phrases(gazetteer):
                res.add_name(toks, label)
        if places is not None and places.exists():
            for toks, label in res._phrases(places):
                res.places[toks] = label
        if wordfreq is not None and wordfreq.exists():
            with gzip.open(wordfreq, "rt", encoding="utf-8") as fh:
                for line in fh:
                    w, z, hs = line.rstrip("\n").split("\t")
                    res.wordfreq[w] = (z, hs)
        if names is not None and names.exists():
            found: dict[str, list[str]] = {}
            with gzip.open(names, "rt", encoding="utf-8") as fh:
                for line in fh:
                    w, kind, b = line.rstrip("\n").split("\t")
                    found.setdefault(w, []).append(kind + b)
            res.names = {w: tuple(v) for w, v in found.items()}
        return res

    def _phrases(self, path: Path) -> Iterator[tuple[tuple[str, ...], str]]:
        """(gazetteer keys, label) of each `LABEL<TAB>phrase` line of a gazetteer file."""
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip() or line.startswith("#"):
                    continue
                label, phrase = line.rstrip("\n").split("\t")[:2]
                toks = tuple(self.gaz_key(t) for t in fold(phrase).split())
                if toks:
                    yield toks, label

    def add_name(self, toks: tuple[str, ...], label: str) -> None:
        """A gazetteer name (tuple of gazetteer keys) and the types its words take."""
        self.gazetteer[toks] = label
        self.gaz_max = max(self.gaz_max, len(toks))
        if len(toks) > 1:
            for t in toks:
                self.gaz_words.setdefault(t, label)


def gaz_key_of(f: str, counts: dict[str, int]) -> str:
    return without_article(best_split(f, counts)[1] if counts else noart(f))


def without_article(w: str) -> str:
    """A clitic-free folded word without its article (but ال of a short word stays)."""
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def split_clitics(f: str, counts: dict[str, int] | None = None) -> tuple[str, str, str]:
    """Split a folded word into (proclitics, article, base) by form alone.

    Candidate split only: `و` of واشنطن also "splits". Callers that need a decision use
    `strip_decision`; features use both the word and the candidate so the CRF can weigh them.
    """
    pre = ""
    w = f
    if len(w) > 3 and w[0] in _CONJ:
        pre, w = w[0], w[1:]
    if len(w) > 3 and w[0] in _PREP:
        if w.startswith("لل") and len(w) > 4:
            # ل + ال contracts to لل: the article's alef is gone.
            return pre + "ل", "ل", w[2:]
        pre, w = pre + w[0], w[1:]
    art = ""
    if len(w) > 4 and w.startswith("ال"):
        art, w = "ال", w[2:]
    return pre, art, w


def candidate_splits(f: str) -> list[tuple[int, str]]:
    """Every reading of a folded word as proclitics + word: (characters cut, the word).

    With لل the article's alef is elided: the word is given back its article (للامم ->
    الامم) though only the first ل is cut.
    """
    out = [(0, f)]
    i = 1 if len(f) > 3 and f[0] in _CONJ else 0
    if i:
        out.append((1, f[1:]))
    for j in {0, i}:
        w = f[j:]
        if len(w) > 3 and w[0] in _PREP:
            if w.startswith("لل") and len(w) > 4:
                out.append((j + 1, "ا" + w[1:]))
            else:
                out.append((j + 1, w[1:]))
    return out


def best_split(f: str, counts: dict[str, int], seen: frozenset[str] | set[str] = frozenset(),
               ) -> tuple[int, str]:
    """The reading of `f` whose word is most frequent in the news corpora (or, for words they
    don't know, that occurs on its own in `seen`, the same text); (0, f) when none beats f."""
    best = (counts.get(f, 0), 0, f)
    for cut, w in candidate_splits(f)[1:]:
        c = counts.get(w, 0)
        if c > best[0]:
            best = (c, cut, w)
    if best[1] == 0 and best[0] == 0 and seen:
        for cut, w in candidate_splits(f)[1:]:
            if w in seen and len(w) >= 3:
                return cut, w
    return best[1], best[2]


def noart(f: str) -> str:
    """Folded word without proclitics (و ف ب ل ك) but with its article restored (لل -> ال)."""
    pre, art, base = split_clitics(f)
    return ("ال" + base) if art else base if pre else f


def shape(tok: str) -> str:
    if tok.isdigit():
        return "D"
    if all(c in _PUNCT for c in tok):
        return "P"
    if tok.isascii():
        return "L" if tok.isalpha() else "A"
    if any(c.isdigit() for c in tok):
        return "M"
    return "W"


# Own features, window features by offset, folded form, name key, gazetteer key.
WordFeatures = tuple[list[str], dict[int, list[str]], str, str, str]
# Words per cache generation: 40k types cover about 94% of news tokens.
CACHE_WORDS = 40_000


class FeatureExtractor:
    """Turns tokenised sentences into crfsuite attribute lists."""

    def __init__(self, resources: Resources | None = None, *, use_clusters: bool = True,
                 use_gazetteer: bool = True, use_affixes: bool = True,
                 use_clitics: bool = True, use_vectors: bool = True,
                 use_wordfreq: bool = True, use_hunspell: bool = True, use_names: bool = True,
                 use_places: bool = True) -> None:
        self.res = resources or Resources()
        self.use_clusters = use_clusters and bool(self.res.clusters)
        self.use_gazetteer = use_gazetteer and bool(self.res.gazetteer)
        self.use_affixes = use_affixes
        self.use_clitics = use_clitics
        self.use_vectors = use_vectors and bool(self.res.vectors)
        self.use_wordfreq = use_wordfreq and bool(self.res.wordfreq)
        self.use_hunspell = use_hunspell and bool(self.res.wordfreq)
        self.use_names = use_names and bool(self.res.names)
        self.use_places = use_places and bool(self.res.places)
        # token -> (own features, window features by offset, folded, name key, gazetteer key);
        # two generations (see _word) so hot words stay cached and memory stays bounded.
        self._cache: dict[str, WordFeatures] = {}
        self._old: dict[str, WordFeatures] = {}
        self._vec_cache: dict[str, dict[str, float]] = {}
        # Per gazetteer (by id): (its size, first word -> longest phrase length), which
        # skips most positions.
        self._gaz_first: dict[int, tuple[int, dict[str, int]]] = {}

    def _word(self, tok: str) -> WordFeatures:
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        hit = self._old.get(tok)
        if hit is not None:
            self._keep(tok, hit)
            return hit
        f = fold(tok)
        sh = shape(tok)
        ctx = [f"w={f}", f"sh={sh}"]
        own = [f"sh={sh}", f"len={min(len(f), 8)}"]
        na = best_split(f, self.res.counts)[1] if self.res.counts else f
        gk = na[2:] if na.startswith("ال") and len(na) > 4 else na
        if not self.res.counts:
            gk = gaz_key_of(f, {})
        if self.use_clitics:
            pre, art, base = split_clitics(f)
            if not self.res.counts:
                na = noart(f)
            ctx.append(f"b={base}")
            own.append(f"pre={pre}|{art}")
            if na != f:
                ctx.append(f"na={na}")
        if self.use_affixes and sh == "W":
            for n in (1, 2, 3):
                if len(f) > n:
                    own.append(f"p{n}={f[:n]}")
                    own.append(f"s{n}={f[-n:]}")
        if self.use_clusters:
            cl = self.res.clusters.get(f)
            if cl is None:
                ctx.append("c=none")
            else:
                ctx.extend(f"c{i}={c}" for i, c in enumerate(cl))
            if na != f:
                # The word without its clitics: وبوتين is rare, بوتين is not.
                cl = self.res.clusters.get(na)
                if cl is not None:
                    ctx.extend(f"nc{i}={c}" for i, c in enumerate(cl))
            cnt = self.res.counts.get(f, 0)
            own.append(f"freq={min(len(str(cnt)), 6) if cnt else 0}")
        if self.use_gazetteer:
            gw = self.res.gaz_words.get(gk)
            if gw is not None:
                ctx.append(f"gw={gw}")
        if self.use_wordfreq or self.use_hunspell:
            wf = self.res.wordfreq
            for tag, w in (("", f), ("n", na)) if na != f else (("", f),):
                z, hs = wf.get(w, ("none", ""))
                if self.use_wordfreq:
                    own.append(f"{tag}wf={z}")
                if self.use_hunspell and hs in ("0", "1"):
                    own.append(f"{tag}hs={hs}")
        if self.use_names:
            codes = self.res.names.get(na) or self.res.names.get(gk)
            if codes:
                # A listed name that is also a frequent word (أمل، وصل) is weaker evidence.
                z = self.res.wordfreq.get(na, ("0", ""))[0]
                common = "c" if z != "none" and int(z) >= 9 else ""
                ctx.extend(f"nm={c}{common}" for c in codes)
        own = own + ctx
        by_off = {o: [f"{o}:{x}" for x in ctx] for o in WINDOW}
        out = (own, by_off, f, na, gk)
        self._keep(tok, out)
        return out

    def _keep(self, tok: str, features: WordFeatures) -> None:
        # A word costs about 4 KB here: a full generation becomes the old one, and words
        # not seen again during the next are dropped with it.
        if len(self._cache) >= CACHE_WORDS:
            self._old = self._cache
            self._cache = {}
        self._cache[tok] = features

    def clear_cache(self) -> None:
        self._cache.clear()
        self._old.clear()
        self._vec_cache.clear()

    def name_key(self, tok: str) -> str:
        """A token's folded form without clitics (cached): how recurring names are matched."""
        return self._word(tok)[3]

    def gazetteer_tags(self, keys: list[str], gaz: dict[tuple[str, ...], str] | None = None,
                       ) -> list[str | None]:
        """Longest-match gazetteer labels (B-X/I-X) over a sentence of gazetteer keys (in
        the main gazetteer unless `gaz` is given)."""
        if gaz is None:
            gaz = self.res.gazetteer
        first = self._gaz_first.get(id(gaz))
        if first is None or first[0] != len(gaz):
            lengths: dict[str, int] = {}
            for phrase in gaz:
                if phrase and len(phrase) > lengths.get(phrase[0], 0):
                    lengths[phrase[0]] = len(phrase)
            first = self._gaz_first[id(gaz)] = (len(gaz), lengths)
        longest = first[1]
        out: list[str | None] = [None] * len(keys)
        i = 0
        n = len(keys)
        while i < n:
            top = longest.get(keys[i], 0)
            if not top:  # no phrase starts with this word
                i += 1
                continue
            for L in range(min(top, n - i), 0, -1):
                lab = gaz.get(tuple(keys[i:i + L]))
                if lab is not None:
                    out[i] = "B-" + lab
                    for j in range(i + 1, i + L):
                        out[j] = "I-" + lab
                    i += L
                    break
            else:
                i += 1
        return out

    def sentence(self, toks: list[str]) -> list[list[str]]:
        words = [self._word(t) for t in toks]
        n = len(words)
        keys = [w[4] for w in words]
        gaz = self.gazetteer_tags(keys) if self.use_gazetteer else None
        geo = self.gazetteer_tags(keys, self.res.places) if self.use_places else None
        feats: list[list[str]] = []
        for i, (own, _, f, _, _) in enumerate(words):
            x = ["bias", *own]
            for o in WINDOW:
                j = i + o
                if 0 <= j < n:
                    x.extend(words[j][1][o])
                else:
                    x.append(f"{o}:BOS" if j < 0 else f"{o}:EOS")
            prev = words[i - 1][2] if i else "<s>"
            nxt = words[i + 1][2] if i + 1 < n else "</s>"
            x.append(f"bg-={prev}|{f}")
            x.append(f"bg+={f}|{nxt}")
            if gaz is not None:
                g = gaz[i]
                if g is not None:
                    x.append(f"g={g}")
                    x.append(f"gt={g[2:]}")
                if i and gaz[i - 1] is not None:
                    x.append(f"-1:g={gaz[i - 1]}")
                if i + 1 < n and gaz[i + 1] is not None:
                    x.append(f"1:g={gaz[i + 1]}")
            if geo is not None:
                # Only the place list's B/I: its label is always LOC.
                if geo[i] is not None:
                    x.append(f"gp={geo[i][0]}")
                if i and geo[i - 1] is not None:
                    x.append(f"-1:gp={geo[i - 1][0]}")
                if i + 1 < n and geo[i + 1] is not None:
                    x.append(f"1:gp={geo[i + 1][0]}")
            feats.append(x)
        if self.use_vectors:
            return [self._with_vector(x, w[2]) for x, w in zip(feats, words, strict=True)]
        return feats

    def _with_vector(self, x: list[str], f: str) -> dict[str, float]:  # type: ignore[override]
        vec = self._vec_cache.get(f)
        if vec is None:
            row = self.res.vectors.get(f) or self.res.vectors.get(noart(f)) or ()
            vec = {f"e{i}": v for i, v in enumerate(row)}
            if len(self._vec_cache) >= CACHE_WORDS:
                self._vec_cache.clear()
            self._vec_cache[f] = vec
        d = dict.fromkeys(x, 1.0)
        d.update(vec)
        return d

    def sentences(self, sents: Iterable[list[str]]) -> list[list[list[str]]]:
        return [self.sentence(s) for s in sents]
