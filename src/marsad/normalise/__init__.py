"""Arabic normalisation for matching and search keys.

Keys fold the spelling variation that Arabic news text carries (diacritics, tatweel,
alef and hamza forms, alef maqsura, ta marbuta, Arabic-Indic digits) so that variants
compare equal. The displayed text is never altered: callers keep the original and use
a key only to compare, index or look up.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

import numpy as np

__all__ = [
    "ARABIC_LETTER",
    "OffsetMap",
    "digits_to_ascii",
    "fold",
    "fold_map",
    "fold_with_offsets",
    "is_arabic",
    "key",
    "strip_diacritics",
    "tokens",
]

# Harakat, tanwin, shadda, sukun, dagger alef, Quranic marks, and tatweel: deleted.
_DELETED = "".join(chr(c) for r in ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
                                    (0x06D6, 0x06ED), (0x0640, 0x0640))
                   for c in range(r[0], r[1] + 1))
_DIACRITICS = re.compile(f"[{_DELETED}]")
_DELETED_CODES = np.array([ord(c) for c in _DELETED], dtype=np.uint32)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# One character in, one character out (or none), so offsets survive folding.
_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",  # Persian yeh
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",  # Persian keheh
    "ڤ": "ف",
    "پ": "ب",
    "چ": "ج",
    "گ": "ك",
    "\u200c": " ",  # zero-width non-joiner
    "\u00a0": " ",
}
# One table for the whole fold: a single pass of str.translate.
_FOLD = str.maketrans({**_LETTERS, **{c: None for c in _DELETED}})
_FOLD.update(_DIGITS)

ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_ARABIC_RE = re.compile(f"[{ARABIC_LETTER}]")
_TOKEN_RE = re.compile(rf"[{ARABIC_LETTER}\u064b-\u065f\u0640\w]+")


def digits_to_ascii(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII digits (same length)."""
    return text.translate(_DIGITS)


def strip_diacritics(text: str) -> str:
    """Remove harakat and tatweel, keep every letter."""
    return _DIACRITICS.sub("", text)


def _nfkc(text: str) -> str:
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


# Words recur across articles: their folds are kept (bounded, for long-running processes).
_WORD_FOLDS: dict[str, str] = {}
_WORD_MAX = 48
_WORD_FOLDS_MAX = 300_000


def fold(text: str) -> str:
    """Full matching key of a text: NFKC, no diacritics or tatweel, letters and digits folded.

    Lower-cases Latin text too. The result is for comparison only, never for display.
    """
    if len(text) > _WORD_MAX:
        return _fold(text)
    hit = _WORD_FOLDS.get(text)
    if hit is None:
        if len(_WORD_FOLDS) >= _WORD_FOLDS_MAX:
            _WORD_FOLDS.clear()
        hit = _WORD_FOLDS[text] = _fold(text)
    return hit


def _fold(text: str) -> str:
    text = _nfkc(text)
    if _DELETED_RUN.search(text):
        text = _DELETED_RUN.sub("", text)
    for a, b in _PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text.lower()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return, for each character of the result, its offset in `text`.

    Lets a matcher run on the folded text and report spans in the original.
    """
    if unicodedata.is_normalized("NFKC", text):
        folded = text.translate(_FOLD).lower()
        if len(folded) == len(text):
            return folded, list(range(len(text)))
        codes = _codes(text)
        kept = np.flatnonzero(~np.isin(codes, _DELETED_CODES))
        if len(kept) == len(folded):  # lower() kept every length
            return folded, kept.tolist()
    # Character by character (NFKC, fold, lower), each distinct character worked out once:
    # a loop over every character cost seconds per MB.
    forms = {ord(c): unicodedata.normalize("NFKC", c).translate(_FOLD).lower()
             for c in set(text)}
    codes = _codes(text)
    lengths = np.zeros(max(forms, default=0) + 1, dtype=np.int64)
    for c, form in forms.items():
        lengths[c] = len(form)
    return text.translate(forms), np.repeat(np.arange(len(text)), lengths[codes]).tolist()


def _codes(text: str) -> np.ndarray:
    """Code points of `text` (lone surrogates, which a decoder may let through, included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


# str.replace per mapped character beats str.translate severalfold on Arabic text.
_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (a, b) for a, b in {**_LETTERS, **{chr(0x0660 + i): str(i) for i in range(10)},
                        **{chr(0x06F0 + i): str(i) for i in range(10)}}.items())
_DELETED_RUN = re.compile(f"[{_DELETED}]+")
# Characters NFKC could change (presentation forms, ligatures, fullwidth, super/subscripts).
_COMPAT = re.compile("[\u00aa-\u00be\u0132-\u01cc\u02b0-\u02b8\u2000-\u2189"
                     "\ufb00-\ufeff\uff00-\uffef]")


class OffsetMap:
    """Maps an index of a folded text back to the original text (see `fold_map`)."""

    __slots__ = ("_at", "_full", "_shift", "size")

    def __init__(self, at: list[int], shift: list[int], size: int,
                 full: list[int] | None = None) -> None:
        self.size = size  # length of the folded text
        self._at = at  # folded positions from which `shift` applies
        self._shift = shift
        self._full = full

    def start(self, i: int) -> int:
        """Original offset of folded character `i`."""
        if self._full is not None:
            return self._full[i]
        k = bisect_right(self._at, i)
        return i + (self._shift[k - 1] if k else 0)

    def end(self, i: int, length: int) -> int:
        """Original end offset for a folded end offset `i` (exclusive) in a text of `length`.

        Marks deleted after the last character (tanween in "قريباً") stay in the span.
        """
        if i <= 0:
            return 0
        if i >= self.size:
            return length
        return self.start(i)


def fold_map(text: str) -> tuple[str, OffsetMap]:
    """`fold(text)` with an `OffsetMap` back to `text`: the fast way to match on folded text."""
    if _COMPAT.search(text) and not unicodedata.is_normalized("NFKC", text):
        folded, offsets = fold_with_offsets(text)
        return folded, OffsetMap([], [], len(folded), offsets)
    at: list[int] = []
    shift: list[int] = []
    folded = text
    if _DELETED_RUN.search(text):
        removed = 0
        for m in _DELETED_RUN.finditer(text):
            removed += m.end() - m.start()
            at.append(m.end() - removed)
            shift.append(removed)
        folded = _DELETED_RUN.sub("", text)
    for a, b in _PAIRS:
        if a in folded:
            folded = folded.replace(a, b)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # rare capitals whose lower case is longer
        folded, offsets = fold_with_offsets(text)
        return folded, OffsetMap([], [], len(folded), offsets)
    return lowered, OffsetMap(at, shift, len(lowered))


def key(text: str) -> str:
    """Fold and collapse whitespace and punctuation: a key for identity of whole texts."""
    return " ".join(_TOKEN_RE.findall(fold(text)))


def tokens(text: str) -> list[str]:
    """Folded word tokens of a text."""
    return _TOKEN_RE.findall(fold(text))


def is_arabic(text: str, threshold: float = 0.5) -> bool:
    """True when at least `threshold` of the letters in `text` are Arabic."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return False
    # Every character of the Arabic letter ranges is alphabetic: count them in one scan.
    return len(_ARABIC_RE.findall(text)) / letters >= threshold
