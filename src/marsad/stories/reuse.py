"""Copied text between articles: wire stories republished whole, or single paragraphs.

Candidates come from MinHash LSH over overlapping windows of each article, so that one
copied paragraph inside a long article is found as well as a whole copied story. Each
candidate pair is then aligned on shared word n-grams; only long copied passages count,
so a shared short quote or a shared fact is not reuse.
"""

from __future__ import annotations

import gzip
import re
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from itertools import combinations

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.normalise import key
from marsad.records import Article, Reuse
from marsad.stories.text import Token, token_spans

SHINGLE = 5  # words per shingle, for both LSH and alignment
WINDOW = 40  # words per LSH window: about one paragraph
STEP = 20
NUM_PERM = 64
LSH_THRESHOLD = 0.2
GAP = 4  # unmatched words tolerated inside one copied passage (small edits)
CLAUSE = 20  # words of a dropped or added clause between copied runs of one passage
MIN_PASSAGE = 12  # shorter matched runs are shared phrases, not copying
MIN_PASSAGE_WORDS = 41  # a copied paragraph: "roughly 40+ words"...
MIN_UNBROKEN = 30  # ...that the other text also carries nearly unbroken (not paraphrased)
MIN_LONG = 60  # a passage this long is copying however the other side edits it
MIN_PARAGRAPH = 25  # words of a paragraph that, copied whole, is copying
MIN_WHOLE_STORY = 20  # words of a short story that, copied nearly whole, is a copied story
WHOLE_STORY_SHARE = 0.8  # of the shorter text's words
MIN_SHORT_ITEM = 35  # words of a short item's runs, carried in order, that are copying...
SHORT_ITEM_SHARE = 0.5  # ...when they are this share of it
BOILERPLATE_SHARE = 0.05  # a shingle in this share of one outlet's articles is a template
# A band key this many articles share is a template or a set phrase, not a copy: it would
# make every article of an outlet a candidate of all the others.
BAND_LIMIT = 100

# Agency and outlet names as articles credit them, folded; keyed by a canonical id.
# Outlet ids of SaudiNewsNet are included so that credits resolve to them.
_ALIASES: dict[str, tuple[str, ...]] = {
    "was": ("واس", "وكالة الأنباء السعودية", "spa", "saudi press agency"),
    "almayadeen": ("الميادين", "al mayadeen", "almayadeen"),
    "sputnik": ("سبوتنيك", "sputnik"),
    "tass": ("تاس", "tass"),
    "afp": ("أ ف ب", "ا ف ب", "فرانس برس", "وكالة فرانس برس", "وكالة الصحافة الفرنسية",
            "وكالة الأنباء الفرنسية"),
    "reuters": ("رويترز", "وكالة رويترز", "reuters"),
    "ap": ("أسوشيتد برس", "اسوشيتد برس", "associated press"),
    "dpa": ("د ب أ", "د.ب.أ", "د. ب.أ", "وكالة الأنباء الألمانية", "dpa"),
    "saba": ("سبأ", "وكالة الأنباء اليمنية", "وكالة الأنباء اليمنية الرسمية",
             "وكالة الأنباء اليمنية سبأ"),
    "kuna": ("كونا", "وكالة الأنباء الكويتية", "kuna"),
    "irna": ("إرنا", "ارنا", "وكالة الأنباء الإيرانية", "وكالة الانباء الايرانية الرسمية",
             "وكالة الأنباء الإيرانية الرسمية", "irna"),
    "mena": ("أ ش أ", "وكالة أنباء الشرق الأوسط", "mena"),
    "wam": ("وام", "وكالة أنباء الإمارات", "wam"),
    "qna": ("قنا", "وكالة الأنباء القطرية", "qna"),
    "bna": ("وكالة أنباء البحرين", "bna"),
    "anadolu": ("الأناضول", "وكالة الأناضول", "anadolu"),
    "sana": ("سانا", "sana"),
    "aawsat": ("الشرق الأوسط", "aawsat"),
    "alriyadh": ("الرياض", "جريدة الرياض", "alriyadh"),
    "okaz": ("عكاظ", "okaz"),
    "aljazirah": ("الجزيرة", "aljazirah"),
    "alwatan": ("الوطن", "alwatan"),
    "alyaum": ("اليوم", "alyaum"),
    "sabq": ("سبق", "sabq"),
    "aleqtisadiya": ("الاقتصادية", "aleqtisadiya"),
    "almadina": ("المدينة", "almadina"),
    "alweeam": ("الوئام", "alweeam"),
    "3alyoum": ("عاجل", "3alyoum"),
    "syriahomenews": ("سيرياهوم نيوز", "syriahomenews"),
}
_WIRES = frozenset({"was", "afp", "reuters", "ap", "sana", "tass", "sputnik", "dpa", "saba",
                    "kuna", "irna", "mena", "wam", "qna", "bna", "anadolu"})


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canon, names in _ALIASES.items():
        for name in (canon, *names):
            index[key(name)] = canon
    return index


_ALIAS_INDEX = _alias_index()


def outlet_id(name: str | None) -> str | None:
    """Canonical id of an outlet or agency name in any spelling (domain, Arabic name)."""
    if not name:
        return None
    k = key(name)
    for prefix in ("www ",):
        k = k.removeprefix(prefix)
    for suffix in (" com", " net", " org", " ru", " sa"):
        k = k.removesuffix(suffix)
    return _ALIAS_INDEX.get(k, _ALIAS_INDEX.get(k.replace(" ", ""), k))


def _credits(article: Article) -> set[str]:
    return {c for c in (outlet_id(x) for x in article.credits) if c}


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.replace(tzinfo=None)


@dataclass(slots=True)
class _Doc:
    article: Article
    toks: tuple[Token, ...]
    shingles: list[int]  # hash of the shingle starting at each word


def shingle_hashes(forms: list[str]) -> list[int]:
    """32-bit hash of the word shingle starting at each word."""
    # Encoded once per word: UTF-8 of the joined words is the join of their UTF-8.
    words = [f.encode() for f in forms]
    return [
        zlib.crc32(b" ".join(words[i : i + SHINGLE]))
        for i in range(max(0, len(forms) - SHINGLE + 1))
    ]


def _shingle_set(name: str) -> frozenset[int]:
    path = resources.files("marsad.stories").joinpath(f"data/{name}")
    try:
        with path.open("rb") as raw, gzip.open(raw) as fh:
            return frozenset(np.frombuffer(fh.read(), dtype="<u4").tolist())
    except FileNotFoundError:
        return frozenset()


@cache
def formula_shingles() -> frozenset[int]:
    """Shingles of set phrases seen on many days of a large news background (shipped)."""
    return _shingle_set("formula_shingles.u32.gz")


@cache
def boilerplate_shingles() -> frozenset[int]:
    """Shingles of set phrases, as `formula_shingles`, from a background that leaves out
    every held-out day (shipped; built by eval/stories/build_boilerplate.py)."""
    return _shingle_set("boilerplate_shingles.u32.gz")


def _prepare(article: Article) -> _Doc:
    toks = token_spans(article.text)
    return _Doc(article, toks, shingle_hashes([t.form for t in toks]))


def _boilerplate(docs: list[_Doc]) -> set[int]:
    """Shingles that recur across many articles of one outlet: footers and templates."""
    by_outlet: dict[str | None, list[_Doc]] = defaultdict(list)
    for d in docs:
        by_outlet[d.article.outlet].append(d)
    common: set[int] = set()
    for group in by_outlet.values():
        if len(group) < 10:
            continue
        counts: Counter[int] = Counter()
        for d in group:
            counts.update(set(d.shingles))
        limit = max(3, BOILERPLATE_SHARE * len(group))
        common.update(h for h, c in counts.items() if c >= limit)
    return common


def _candidates(docs: list[_Doc]) -> set[tuple[int, int]]:
    """Pairs of documents sharing an LSH band key of a window (MinHash LSH).

    The keys are `window_bands` with only the shipped formulas left out, and a key more
    than `BAND_LIMIT` documents share is ignored, exactly as a store's band index and the
    Spark job find candidates: the batch's own templates must not change the windows, or
    one run and many runs through a store would propose different pairs."""
    formulas = formula_shingles()
    owners: list[int] = []
    keys: list[int] = []
    for i, d in enumerate(docs):
        found = window_bands(d.shingles, formulas)
        keys.extend(found)
        owners.extend([i] * len(found))
    pairs: set[tuple[int, int]] = set()
    if not keys:
        return pairs
    order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
    ordered = np.asarray(keys, dtype=np.int64)[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(np.append(starts, len(ordered)))
    members = np.asarray(owners)[order]
    for s, n in zip(starts.tolist(), sizes.tolist(), strict=True):
        if 2 <= n <= BAND_LIMIT:  # a document holds a key once (a set per document)
            pairs.update(combinations(sorted(members[s:s + n].tolist()), 2))
    return pairs


@cache
def _lsh_shape() -> tuple[MinHash, list[tuple[int, int]]]:
    """The permutations, and the band ranges datasketch's LSH takes for `LSH_THRESHOLD`."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return MinHash(num_perm=NUM_PERM, hashfunc=int), list(lsh.hashranges)


_BAND_MIX = 0x9E3779B97F4A7C15
_MASK = (1 << 64) - 1


def band_keys(article: Article) -> list[int]:
    """LSH band keys (signed 64-bit) of an article's windows, for a store's band index.

    These are the keys `_candidates` buckets, so stored articles are found as candidates
    as in one run. Only shipped formula shingles are left out: which shingles are an
    outlet's template depends on the batch, a key must not.
    """
    return sorted(window_bands(_prepare(article).shingles, formula_shingles()))


def window_bands(sh: list[int], skip: set[int] | frozenset[int]) -> set[int]:
    """Band keys (as `band_keys`) of the windows of one article's shingles, leaving out
    `skip` (the shipped formulas, for `band_keys` and `_candidates`)."""
    template, ranges = _lsh_shape()
    keys: set[int] = set()
    for s in range(0, max(1, len(sh) - WINDOW + STEP), STEP) if sh else ():
        values = [h for h in sh[s : s + WINDOW] if h not in skip]
        if len(values) < MIN_PASSAGE:
            continue
        m = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=template.permutations,
                    scheme=template.scheme)
        m.update_batch(values)
        hv = m.hashvalues.tolist()  # values below 2**32: two fit one key exactly
        for band, (lo, hi) in enumerate(ranges):
            assert hi - lo == 2, "band_keys packs two hash values per band"
            mixed = ((hv[lo] << 32) | hv[lo + 1]) ^ (((band + 1) * _BAND_MIX) & _MASK)
            keys.add(mixed - (1 << 64) if mixed >> 63 else mixed)
    return keys


def _covered(a: _Doc, b: _Doc, skip: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """Words of `a` that lie in a shingle also found in `b`: those that are evidence of
    copying (no formula or template shingle), and those shared at all."""
    theirs = set(b.shingles)
    evidence = np.zeros(len(a.toks), dtype=bool)
    shared = np.zeros(len(a.toks), dtype=bool)
    for i, h in enumerate(a.shingles):
        if h in theirs:
            shared[i : i + SHINGLE] = True
            if h not in skip:
                evidence[i : i + SHINGLE] = True
    return evidence, shared


def _runs(covered: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int, int]]:
    """Copied passages as (first word, end word, matched words), bridging small gaps.

    Only evidence words count as matched, but shared words do not count as a gap: a stock
    phrase inside a copied paragraph is copied with it, it does not cut it in two."""
    mask, shared = covered
    runs: list[tuple[int, int, int]] = []
    idx = np.flatnonzero(mask)
    if not len(idx):
        return runs
    unshared = np.concatenate(([0], np.cumsum(~shared)))  # unshared words before each word
    start = prev = int(idx[0])
    matched = 1
    for k in idx[1:]:
        k = int(k)
        if unshared[k] - unshared[prev + 1] <= GAP:
            matched += 1
        else:
            runs.append((start, prev + 1, matched))
            start, matched = k, 1
        prev = k
    runs.append((start, prev + 1, matched))
    return [r for r in runs if r[2] >= MIN_PASSAGE]


def _edited_passage(runs: list[tuple[int, int, int]]) -> int:
    """Matched words of the largest group of runs at most a clause apart: one passage
    copied with clauses dropped, added or reordered."""
    best = total = 0
    end = None
    for s, e, n in runs:
        total = total + n if end is not None and s - end <= CLAUSE else n
        end = e
        best = max(best, total)
    return best


def _in_order(a: _Doc, b: _Doc, runs: list[tuple[int, int, int]]) -> int:
    """Matched words of the runs of `a` that `b` carries in the same order (the heaviest
    increasing chain, each run placed at the median position of its shingles in `b`)."""
    where: dict[int, int] = {}
    for k, h in enumerate(b.shingles):
        where.setdefault(h, k)
    points: list[tuple[int, int]] = []
    for s, e, n in runs:
        at = sorted(where[h] for h in a.shingles[s:e] if h in where)
        if at:
            points.append((at[len(at) // 2], n))
    best: list[int] = []
    for i, (pos, n) in enumerate(points):
        best.append(n + max((best[j] for j in range(i) if points[j][0] < pos), default=0))
    return max(best, default=0)


def _paragraphs(doc: _Doc) -> list[int]:
    """The paragraph (line) of each word: newlines before it, found by bisection."""
    text = doc.article.text
    breaks = [m.start() for m in re.finditer("\n", text)]
    return [bisect_left(breaks, t.start) for t in doc.toks]


def _whole_paragraph(doc: _Doc, runs: list[tuple[int, int, int]]) -> bool:
    """Whether a copied run covers a whole paragraph (of some length) of `doc`."""
    para = _paragraphs(doc)
    size = Counter(para)
    for s, e, _ in runs:
        for p, n in Counter(para[s:e]).items():
            if size[p] >= MIN_PARAGRAPH and n >= 0.9 * size[p]:
                return True
    return False


def _is_copy(a: _Doc, b: _Doc, runs_a: list[tuple[int, int, int]],
             runs_b: list[tuple[int, int, int]]) -> bool:
    """Copying, not a shared quote, formula or fact: a passage of 40-odd words that both
    texts carry nearly unbroken, a long one (60+) however the other side edits it, a long
    one that both carry with only clauses changed, 60+ words of runs both carry in the
    same order (35+ and half of a short item), or a whole paragraph found whole in both."""
    if not runs_a or not runs_b:
        return False
    long_a, long_b = max(r[2] for r in runs_a), max(r[2] for r in runs_b)
    # A short story carried nearly whole is a copied wire story, whatever its length.
    short, runs = (a, runs_a) if len(a.toks) <= len(b.toks) else (b, runs_b)
    if (min(long_a, long_b) >= MIN_WHOLE_STORY
            and sum(r[2] for r in runs) >= WHOLE_STORY_SHARE * len(short.toks)):
        return True
    longest, other = max(long_a, long_b), min(long_a, long_b)
    if longest >= MIN_LONG or (longest >= MIN_PASSAGE_WORDS and other >= MIN_UNBROKEN):
        return True
    # Sentences shared here and there are quotes or a common source's facts; only when
    # they make up one passage in both texts is it a copied, lightly edited one.
    if min(_edited_passage(runs_a), _edited_passage(runs_b)) >= MIN_LONG:
        return True
    # Or when both carry them in one order: a text copied with sentences dropped or
    # rewritten between its runs, where told-again facts and quotes come in any order.
    # A short item copied in large part needs fewer words: half of it, 35+ in one order.
    ordered = min(_in_order(a, b, runs_a), _in_order(b, a, runs_b))
    if ordered >= MIN_LONG or (min(long_a, long_b) >= MIN_WHOLE_STORY
                               and ordered >= max(MIN_SHORT_ITEM, SHORT_ITEM_SHARE
                                                  * min(len(a.toks), len(b.toks)))):
        return True
    return _whole_paragraph(a, runs_a) and _whole_paragraph(b, runs_b)


def _wire(article: Article) -> str | None:
    """The wire an article's text comes from: its own outlet if it is a wire, else the one
    wire it credits (two different wires credited say nothing)."""
    own = outlet_id(article.outlet)
    if own in _WIRES:
        return own
    wires = _credits(article) & _WIRES
    return next(iter(wires)) if len(wires) == 1 else None


def _window(article: Article) -> tuple[datetime | None, datetime | None]:
    """Earliest and latest moment the article can have been published (None: unbounded).

    A publication time with a time of day is a moment, a date alone its whole day. A
    discovery (crawl) time only bounds it from above: a page seen at 08:16 may have been
    written the night before.
    """
    discovered = getattr(article, "discovered", None)
    published = article.published
    if article.published_basis == "discovered" or (published and published == discovered):
        published, discovered = None, discovered or published
    lo = hi = _parse_time(published)
    if lo is not None and len(published or "") <= 10:
        hi = lo + timedelta(days=1) - timedelta(microseconds=1)
    seen = _parse_time(discovered)
    if seen is not None:
        hi = seen if hi is None else min(hi, seen)
    return lo, hi


def _direction(a: Article, b: Article) -> tuple[Article | None, str | None, bool]:
    """The article the other copied from by credits and outlets (or None), the wire or
    outlet both took the text from when they name it, and whether publication times may
    still tell the direction."""
    oa, ob = outlet_id(a.outlet), outlet_id(b.outlet)
    ca, cb = _credits(a), _credits(b)
    a_credits_b = ob is not None and ob in ca
    b_credits_a = oa is not None and oa in cb
    wa, wb = _wire(a), _wire(b)
    if a_credits_b != b_credits_a:
        source = b if a_credits_b else a
        return source, _wire(source), False
    wire_a, wire_b = oa in _WIRES, ob in _WIRES
    if wire_a != wire_b:
        return (a, oa, False) if wire_a else (b, ob, False)
    # Both credit the same third source: each copied it, neither copied the other.
    common = sorted((ca & cb & _ALIASES.keys()) - {oa, ob})
    if common:
        return None, common[0], False
    via = wa if wa == wb else None
    if (wa is None) != (wb is None) and not (ca if wa is None else cb) & _ALIASES.keys() - {oa, ob}:
        via = wa or wb  # one credits a wire; the other, crediting no other source, has its text
    return None, via, True


def _earlier(a: Article, b: Article) -> Article | None:
    """The article surely published first: it was out (or seen) before the other could
    have been published. Same-day dates, or two crawl times, tell nothing."""
    (lo_a, hi_a), (lo_b, hi_b) = _window(a), _window(b)
    if hi_a is not None and lo_b is not None and hi_a < lo_b:
        return a
    if hi_b is not None and lo_a is not None and hi_b < lo_a:
        return b
    return None


def shared_wires(found: list[Reuse]) -> None:
    """`_shared_wires` over reuse found pair by pair (in parts, e.g. on Spark)."""
    _shared_wires(found)


def _shared_wires(found: list[Reuse]) -> None:
    """Name the wire of two copies that both carry the text of a third article taken
    from it: A and B each copying X, which is (or credits) the wire W, took W's text."""
    linked: dict[str, dict[str, str]] = defaultdict(dict)  # article -> neighbour -> via
    for r in found:
        if r.via:
            x, y = r.articles
            linked[x][y] = linked[y][x] = r.via
    for r in found:
        if r.via:
            continue
        a, b = r.articles
        wires = {via for n, via in linked[a].items() if linked[b].get(n) == via}
        if len(wires) == 1:
            r.via = wires.pop()


def _passages(doc: _Doc, runs: list[tuple[int, int, int]]) -> list[str]:
    """Copied passages as text, cut at paragraph breaks; a paragraph copied nearly whole
    is given whole."""
    text = doc.article.text
    para = _paragraphs(doc)
    words_in = Counter(para)
    out: list[str] = []
    for s, e, _ in runs:
        pieces: dict[int, list[int]] = defaultdict(list)
        for k in range(s, e):
            pieces[para[k]].append(k)
        for p, ks in pieces.items():
            start, end = doc.toks[ks[0]].start, doc.toks[ks[-1]].end
            if len(ks) >= 0.7 * words_in[p]:
                start = text.rfind("\n", 0, start) + 1
                end = text.find("\n", end) % (len(text) + 1)
            elif len(ks) < 5:
                continue
            passage = text[start:end].strip()
            if passage and passage not in out:
                out.append(passage)
    return out


def template_shingles(articles: list[Article]) -> set[int]:
    """Shingles of outlet templates (footers, standing lines) among `articles`."""
    return _boilerplate([_prepare(a) for a in articles])


def find_reuse(articles: list[Article], pairs: set[tuple[str, str]] | None = None,
               templates: set[int] | None = None, *, wires: bool = True) -> list[Reuse]:
    """Pairs of articles where one copies text from the other, or both copy one source.

    `pairs` (article ids): align only these candidates, e.g. found through a store's
    band index (`band_keys`), instead of running LSH over `articles`. `templates`: the
    outlet template shingles to ignore, when `articles` are not a fair sample to find them
    in (candidates picked for sharing text would make copied text look like a template).
    `wires`: name the wire two copies of a third share (`shared_wires`); off when the
    reuse of a run is found in parts, then named once over the whole.
    """
    docs = [_prepare(a) for a in articles]
    skip = (_boilerplate(docs) if templates is None else templates) | formula_shingles()
    out: list[Reuse] = []
    if pairs is None:
        candidates = sorted(_candidates(docs))
    else:
        at = {d.article.id: i for i, d in enumerate(docs)}
        candidates = sorted({(min(at[a], at[b]), max(at[a], at[b])) for a, b in pairs
                             if a in at and b in at and a != b})
    for i, j in candidates:
        a, b = docs[i], docs[j]
        if a.article.id == b.article.id:
            continue
        runs_a = _runs(_covered(a, b, skip))
        runs_b = _runs(_covered(b, a, skip))
        share_a = sum(e - s for s, e, _ in runs_a) / max(1, len(a.toks))
        share_b = sum(e - s for s, e, _ in runs_b) / max(1, len(b.toks))
        if not _is_copy(a, b, runs_a, runs_b):
            continue
        source, via, timed = _direction(a.article, b.article)
        if timed:
            source = _earlier(a.article, b.article)
        if source is a.article:
            copier, runs, share = b, runs_b, share_b
        elif source is b.article:
            copier, runs, share = a, runs_a, share_a
        else:
            # Unknown direction: report the side that is more a copy of the other.
            copier, runs, share = (
                (a, runs_a, share_a) if share_a >= share_b else (b, runs_b, share_b))
        pair = sorted([a.article.id, b.article.id])
        out.append(
            Reuse(
                articles=pair,
                source=source.id if source else None,
                passages=_passages(copier, runs),
                share=round(min(1.0, share), 3),
                via=via,
            )
        )
    if wires:
        _shared_wires(out)
    return out
