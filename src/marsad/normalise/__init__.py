"""Arabic normalisation for matching and search keys.

Keys fold the spelling variation that Arabic news text carries (diacritics, tatweel,
alef and hamza forms, alef maqsura, ta marbuta, Arabic-Indic digits) so that variants
compare equal. The displayed text is never altered: callers keep the original and use
a key only to compare, index or look up.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ARABIC_LETTER",
    "digits_to_ascii",
    "fold",
    "fold_with_offsets",
    "is_arabic",
    "key",
    "strip_diacritics",
    "tokens",
]

# Harakat, tanwin, shadda, sukun, dagger alef, Quranic marks; tatweel handled separately.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# One character in, one character out, so offsets survive folding.
_LETTERS = str.maketrans(
    {
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
)

ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_ARABIC_RE = re.compile(f"[{ARABIC_LETTER}]")
_TOKEN_RE = re.compile(rf"[{ARABIC_LETTER}\u064b-\u065f\u0640\w]+")


def digits_to_ascii(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII digits (same length)."""
    return text.translate(_DIGITS)


def strip_diacritics(text: str) -> str:
    """Remove harakat and tatweel, keep every letter."""
    return _DIACRITICS.sub("", text).replace(_TATWEEL, "")


def fold(text: str) -> str:
    """Full matching key of a text: NFKC, no diacritics or tatweel, letters and digits folded.

    Lower-cases Latin text too. The result is for comparison only, never for display.
    """
    text = unicodedata.normalize("NFKC", text)
    text = strip_diacritics(text)
    return text.translate(_LETTERS).translate(_DIGITS).lower()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return, for each character of the result, its offset in `text`.

    Lets a matcher run on the folded text and report spans in the original.
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch == _TATWEEL or _DIACRITICS.match(ch):
            continue
        folded = unicodedata.normalize("NFKC", ch).translate(_LETTERS).translate(_DIGITS)
        folded = folded.lower()
        for c in folded:
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets


def key(text: str) -> str:
    """Fold and collapse whitespace and punctuation: a key for identity of whole texts."""
    return " ".join(_TOKEN_RE.findall(fold(text)))


def tokens(text: str) -> list[str]:
    """Folded word tokens of a text."""
    return _TOKEN_RE.findall(fold(text))


def is_arabic(text: str, threshold: float = 0.5) -> bool:
    """True when at least `threshold` of the letters in `text` are Arabic."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if _ARABIC_RE.match(c))
    return arabic / len(letters) >= threshold
