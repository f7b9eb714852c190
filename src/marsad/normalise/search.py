"""The search analyzer: what a text and a query become for full-text search (no SQL here).

Every store engine indexes `analyze(title)` and `analyze(text)` and matches `parse(q)`, so
a word matches whatever its spelling and clitics:

- `fold` (diacritics, tatweel, hamza and alef forms, ta marbuta, alef maqsura, digits);
- light stemming of each folded word, cached per word type: proclitics (ال وال فال بال
  كال لل; a lone و ف ب ك ل only when the rest is a word at least a quarter as frequent in
  the news vocabulary of `extract/ner/data/clusters.tsv.gz`, so وزير and لبنان keep their
  first letter while وقال and بلبنان lose it), then one pronoun suffix (ها هم هن هما كم كن
  نا ه ك ي) and one plural or feminine ending (ات ون ين ان ه), a ت left before a pronoun
  read as the ta marbuta it was; stems keep at least three letters (two after ال), and
  one-word names of the NER gazetteer keep their endings (لبنان, ايران).

`parse` reads any string as words and "double-quoted phrases"; every other character
(FTS operators, brackets, *, :, ^) is a separator and AND/OR/NOT/NEAR are plain words, so a
query can only ever be a conjunction of quoted terms. `snippet` cuts the passage to show,
with the matches marked on the original text.

`ANALYZER` names this version: a store indexed with another re-indexes on upgrade.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.normalise import fold, fold_with_offsets

__all__ = ["ANALYZER", "MAX_QUERY", "MAX_TERMS", "MAX_WORD", "ParsedQuery", "analyze",
           "match_expression", "parse", "snippet", "stem", "terms"]

ANALYZER = "light-1"
MAX_TERMS = 12  # terms a query keeps (phrases included); the rest are dropped
MAX_QUERY = 1000  # characters of a query read
MAX_WORD = 64  # a longer "word" of a query is no word any text holds

_DATA = Path(__file__).resolve().parents[1] / "extract" / "ner" / "data"
_WORD = re.compile(r"[^\W_]+")
_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
_PROCLITICS = "وفبكل"
_PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")
_ENDINGS = ("ات", "ون", "ين", "ه")  # not ان: it ends more names (-stan, رمضان) than duals


@lru_cache(maxsize=1)
def _resources() -> tuple[dict[str, tuple[int, str]], frozenset[str]]:
    """Count and word cluster (of 400) of each word of the news vocabulary, and the
    one-word names of the NER gazetteer, which keep their first letter and endings."""
    vocabulary: dict[str, tuple[int, str]] = {}
    with gzip.open(_DATA / "clusters.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            word, count, _, cluster, _ = line.split("\t", 4)
            vocabulary[word] = (int(count), cluster)
    names: set[str] = set()
    with open(_DATA / "gazetteer.tsv", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                phrase = line.rstrip("\n").split("\t", 1)[-1]
                if " " not in phrase:
                    names.add(fold(phrase))
    return vocabulary, frozenset(names)


def _clitic(word: str, rest: str, vocabulary: dict[str, tuple[int, str]]) -> bool:
    """Whether the first letter of `word` is a proclitic: the rest, of three letters or
    more, is a word at least as frequent or used alike (the same word cluster: وقال and قال,
    not كبير and بير); or, both unknown, the letter is a conjunction before four letters."""
    if len(rest) < 3:
        return False
    seen, whole = vocabulary.get(rest), vocabulary.get(word)
    if seen is None:
        return whole is None and word[0] in "وف" and len(rest) >= 4
    return whole is None or seen[0] >= whole[0] or seen[1] == whole[1]


def _proclitics(word: str, vocabulary: dict[str, tuple[int, str]]) -> str:
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= len(article) // 3 + 2:
            return word[len(article):]
    w = word
    if w[0] in "وف" and _clitic(w, w[1:], vocabulary):
        w = w[1:]
        for article in ("ال", "بال", "كال", "لل"):
            if w.startswith(article) and len(w) - len(article) >= 2:
                return w[len(article):]
    if w[0] in "بكل" and _clitic(w, w[1:], vocabulary):
        w = w[1:]
    return w


def _suffixes(w: str, name: bool) -> str:
    """One pronoun, then (unless `name`, or after a pronoun but for ات) one ending; a ت left
    before a pronoun and a final nisba ي are the ta marbuta and adjective they were."""
    pronoun = False
    if not name:
        for suffix in _PRONOUNS:
            if w.endswith(suffix) and len(w) - len(suffix) >= (4 if suffix == "ي" else 3):
                w = w[:-len(suffix)]
                pronoun = True
                if w.endswith("ت") and not w.endswith("ات") and len(w) >= 5:
                    w = w[:-1]  # مدينتها
                break
    for ending in ("ات",) if pronoun else ("ه",) if name else _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= (4 if name else 3):
            w = w[:-len(ending)]
            break
    # سعودي, السعودية and السعوديين alike.
    return w[:-1] if w.endswith("ي") and len(w) >= 5 else w


@lru_cache(maxsize=400_000)
def stem(word: str) -> str:
    """The light stem of one folded word (non-Arabic words are returned as they are)."""
    if len(word) < 3 or not _ARABIC_WORD.fullmatch(word):
        return word
    vocabulary, names = _resources()
    if word in names:
        w = word[2:] if word.startswith("ال") and len(word) > 4 else word
        return _suffixes(w, True)
    rest = word[1:]
    if word[0] in _PROCLITICS and rest in names and (
            vocabulary.get(rest, (0,))[0] >= vocabulary.get(word, (0,))[0]):
        return stem(rest)  # بلبنان, للبنان, وبكين, بالمدينة (not كبير: بير is rarer)
    w = _proclitics(word, vocabulary)
    return _suffixes(w, w in names or "ال" + w in names)


def terms(text: str) -> list[str]:
    """The search terms of a text, in order (one per word)."""
    return [stem(w) for w in _WORD.findall(fold(text))]


def analyze(text: str | None) -> str:
    """A text as the search index holds it: its terms separated by spaces."""
    return " ".join(terms(text)) if text else ""


@dataclass(slots=True)
class ParsedQuery:
    """A query as search terms: `groups` must all match (a group of several terms is a
    phrase); `terms` lists each term once, in query order."""

    groups: list[list[str]] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def parse(q: str) -> ParsedQuery:
    """Words and "double-quoted phrases" of any string (an unclosed quote runs to the end);
    at most `MAX_TERMS` terms from the first `MAX_QUERY` characters."""
    out = ParsedQuery()
    budget = MAX_TERMS
    for k, part in enumerate(q[:MAX_QUERY].split('"')):
        found = [t for t in terms(part) if len(t) <= MAX_WORD][:budget]
        if not found:
            continue
        budget -= len(found)
        for group in [found] if k % 2 else [[t] for t in found]:  # odd parts: inside quotes
            if group not in out.groups:
                out.groups.append(group)
        if budget <= 0:
            break
    out.terms = list(dict.fromkeys(t for g in out.groups for t in g))
    return out


def match_expression(query: ParsedQuery) -> str | None:
    """The FTS5 MATCH text of a parsed query: each group a quoted phrase, all required.
    Terms hold letters and digits only, so quoting is all the escaping needed."""
    if not query.groups:
        return None
    return " ".join('"' + " ".join(g) + '"' for g in query.groups)


def snippet(text: str, wanted: list[str] | set[str], width: int = 200,
            spans: list[tuple[int, int]] | None = None) -> list[tuple[str, bool]]:
    """The passage of about `width` characters of `text` with the most distinct matches, as
    segments (text, matched). Words whose term is in `wanted` and the character `spans`
    given (mentions) are matched; the segments joined are a slice of `text`."""
    if not text:
        return []
    folded, offsets = fold_with_offsets(text)
    wanted = set(wanted)
    hits: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(folded):
        term = stem(m.group())
        if term in wanted:
            end = offsets[m.end()] if m.end() < len(offsets) else len(text)
            hits.append((offsets[m.start()], end, term))
    hits += [(s, e, "\0span") for s, e in spans or () if 0 <= s < e <= len(text)]
    hits.sort()
    # Best window: the start (a match) whose `width` characters hold most distinct keys.
    best, best_score = 0, (0, 0)
    for i, (start, _, _) in enumerate(hits[:300]):
        inside = [h for h in hits[i:i + 300] if h[1] <= start + width]
        score = (len({h[2] for h in inside}), len(inside))
        if score > best_score:
            best, best_score = i, score
    if hits:
        lead = hits[best][0]
        lo = max(0, lead - width // 4)
        hi = min(len(text), lo + width)
        hi = max(hi, min(len(text), hits[best][1]))
    else:
        lo, hi = 0, min(len(text), width)
    # Whole words at the edges.
    if lo > 0:
        space = text.rfind(" ", 0, lo)
        lo = space + 1 if space >= 0 and lo - space < 30 else lo
    if hi < len(text):
        space = text.find(" ", hi)
        hi = space if space >= 0 and space - hi < 30 else hi
    segments: list[tuple[str, bool]] = []
    at = lo
    for start, end, _ in hits:
        start, end = max(start, at), min(end, hi)
        if start >= end:
            continue
        if start > at:
            segments.append((text[at:start], False))
        segments.append((text[start:end], True))
        at = end
    if at < hi:
        segments.append((text[at:hi], False))
    return segments
