"""Text helpers shared by the story stage: token spans, light stemming, sentences, dates.

Normalisation itself comes from `marsad.normalise`; this module only adds what matching
copied passages and comparing articles need on top of it.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from marsad.normalise import ARABIC_LETTER, digits_to_ascii, fold
from marsad.records import TimeExpr

# Same token definition as `marsad.normalise.tokens`.
_TOKEN_RE = re.compile(rf"[{ARABIC_LETTER}\u064b-\u065f\u0640\w]+")
_SENT_END = re.compile(r"(?<=[.!?؟…])[\"'”»)]*\s+|\n+")
_NUMERIC = re.compile(r"^[0-9]+([.,][0-9]+)?$")
_NUMBER = re.compile(r"[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*")
_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$")

# Function words that say nothing about which event an article reports (folded forms).
_STOPWORD_TEXT = """
في من على الى إلى عن مع أن ان إن هذا هذه ذلك تلك التي الذي الذين اللذين اللتين ما لا لم لن
قد كان كانت يكون تكون وقد وكان وكانت وفي ومن وعلى وإلى وأن وان او أو ثم كما حيث بعد قبل خلال
عند منذ حتى بين هو هي هم هن نحن انه أنه إنه انها أنها إنها له لها لهم به بها فيه فيها منه منها
عليه عليها اليه إليه إليها كل بعض غير أي أى اي أيضا ايضا وقال قال وأضاف اضاف وأشار أشار وأكد
أكد وذكر ذكر وأوضح أوضح مشيرا مؤكدا مضيفا لافتا وتابع تابع اليوم أمس امس غدا الماضي الجاري
الحالي المقبل يوم عام العام سنة شهر الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
إلا الا لكن ولكن بل وهو وهي كذلك هناك هنا وقت الوقت عبر ضمن لدى دون ولا وما وذلك وهذا وهذه
التى والتي والذي ومع بأن بان لأن لان فإن فان وإن وكل أما اما إذا اذا لو عدد
"""
STOPWORDS = frozenset(fold(w) for w in _STOPWORD_TEXT.split())

_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("هما", "كما", "ها", "ان", "ات", "ون", "ين", "يه", "يا", "هم", "ه", "ي", "ا")


class Token(NamedTuple):
    form: str  # folded
    start: int  # offsets into the original text
    end: int


@lru_cache(maxsize=4096)
def token_spans(text: str) -> tuple[Token, ...]:
    """Folded tokens of `text` with their offsets in the original text.

    Cached: reuse, clustering, timelines and claims all read the same article bodies.
    """
    # Tokens are found in the original (the pattern admits diacritics and tatweel) and
    # folded one by one: folding never merges or splits words, and this keeps offsets.
    return tuple(Token(_fold_word(m.group()), m.start(), m.end())
                 for m in _TOKEN_RE.finditer(text))


@cache
def _fold_word(word: str) -> str:
    return fold(word)


@cache
def stem(word: str) -> str:
    """Light stem of a folded token: strip one article/conjunction prefix and one suffix.

    Aggressive enough that "الاحتجاجات"/"احتجاجات"/"والاحتجاجات" meet, light enough that
    roots of different words stay apart; it is only used to compare texts.
    """
    w = word
    if len(w) >= 5 and w[0] == "و" and not w.startswith("ول"):
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            # A nisba adjective ("كازاخستاني") should meet its noun ("كازاخستان").
            if s == "ي":
                return stem_suffix_once(w)
            break
    return w


def stem_suffix_once(w: str) -> str:
    for s in _SUFFIXES[:-2]:
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[: -len(s)]
    return w


def content_stems(words: Iterable[str]) -> list[str]:
    """Stems of the folded tokens that carry content (no stopwords, no bare numbers)."""
    return [s for s in map(content_stem, words) if s]


@cache
def content_stem(word: str) -> str:
    """Stem of a content word, "" for a stopword or a bare number (one lookup per word)."""
    if word in STOPWORDS or len(word) <= 1 or _NUMERIC.match(word):
        return ""
    return stem(word)


def number_key(value: float) -> str:
    """One spelling of a number's value: 1263.0 -> "1263", 2.40 -> "2.4"."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def figures(text: str) -> set[str]:
    """The numbers written in digits in `text`, as `number_key`s ("1,263" = "1263")."""
    out: set[str] = set()
    for m in _NUMBER.finditer(text):
        s = digits_to_ascii(m.group())
        if _THOUSANDS.match(s):
            s = s.replace(",", "")
        s = s.replace("٫", ".").replace(",", ".").replace("٬", "")
        try:
            out.add(number_key(float(s)))
        except ValueError:  # "1.2.3": a date or a version, kept as written
            out.add(s)
    return out


@dataclass(slots=True, frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int  # position in the article


def sentences(text: str, min_chars: int = 20) -> list[Sentence]:
    """Sentences of an article body, split at sentence punctuation and line breaks."""
    out: list[Sentence] = []
    pos = 0
    for m in [*_SENT_END.finditer(text), None]:
        end = m.start() if m else len(text)
        nxt = m.end() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if len(stripped) >= min_chars:
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Sentence(stripped, pos + lead, pos + lead + len(stripped), len(out)))
        pos = nxt
    return out


def day_of(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime (or TIMEX3 day value), else None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_TIMEX_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T[\w:.]*)?(?:/|$)")


def timex_day(t: TimeExpr) -> str | None:
    """The day a time expression points at, when it is day-precise, else None.

    Accepts dates ("2022-01-05"), times of day ("2022-01-05TEV", "2022-01-12T14:15") and
    ranges, which count from their first day ("2022-01-05/2022-01-19").
    """
    if t.type not in ("DATE", "TIME"):
        return None
    m = _TIMEX_DAY.match(t.value)
    return m.group(1) if m else None


@cache
def background_df() -> tuple[int, dict[str, int]]:
    """Document frequencies of stems in a large Arabic news background (shipped data).

    A fixed background keeps term weights stable across runs, so that incremental
    clustering of a handful of new articles weighs words as a full batch would.
    """
    path = resources.files("marsad.stories").joinpath("data/background_df.json.gz")
    try:
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return 0, {}
    return int(data["n"]), {k: int(v) for k, v in data["df"].items()}


@lru_cache(maxsize=200_000)
def idf(term: str) -> float:
    n, df = background_df()
    if not n:
        return 1.0
    # Unseen stems are rare: treat them as seen in one document.
    return math.log((n + 1) / (df.get(term, 0) + 1)) + 1.0
