"""Fast folding with an offset map, equivalent to `marsad.normalise.fold_with_offsets`.

`fold_with_offsets` walks the text one character at a time (about 8 ms for an average
article); the tagger folds every article, so it uses `str.translate` and records only
where characters were deleted. Texts with compatibility characters that NFKC would
rewrite fall back to `fold_with_offsets`, so results always agree with `fold`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from marsad.normalise import fold_with_offsets

_DELETE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
# Characters NFKC could change (presentation forms, ligatures, fullwidth, super/subscripts).
_COMPAT = re.compile(
    "[\u00aa-\u00be\u0132-\u01cc\u02b0-\u02b8\u2000-\u2189\ufb00-\ufeff\uff00-\uffef]")

# One character in, one out (as in `marsad.normalise`); applied with `str.replace`, which
# is several times faster than `str.translate` on non-ASCII text.
_PAIRS: tuple[tuple[str, str], ...] = tuple(zip(
    "أإآٱٲٳىیةؤئکڤپچگ\u200c\u00a0٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "ااااااييهويكفبجك  01234567890123456789", strict=True))


class OffsetMap:
    """Maps an index of the folded text back to the original text."""

    __slots__ = ("_at", "_full", "_shift", "size")

    def __init__(self, at: list[int], shift: list[int], size: int,
                 full: list[int] | None = None) -> None:
        self.size = size  # length of the folded text
        self._at = at  # folded positions from which `shift` applies
        self._shift = shift
        self._full = full

    def start(self, i: int) -> int:
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


def fold_fast(text: str) -> tuple[str, OffsetMap]:
    """Fold `text` like `marsad.normalise.fold` and return the offset map."""
    if _COMPAT.search(text) and unicodedata.normalize("NFKC", text) != text:
        folded, offsets = fold_with_offsets(text)
        return folded, OffsetMap([], [], len(folded), offsets)
    at: list[int] = []
    shift: list[int] = []
    removed = 0
    folded = text
    if _DELETE.search(text):
        for m in _DELETE.finditer(text):
            removed += m.end() - m.start()
            at.append(m.end() - removed)
            shift.append(removed)
        folded = _DELETE.sub("", text)
    for a, b in _PAIRS:
        if a in folded:
            folded = folded.replace(a, b)
    lowered = folded.lower()
    if len(lowered) != len(folded):
        # Rare non-ASCII capitals: keep exact agreement with `fold` through the slow path.
        folded_s, offsets = fold_with_offsets(text)
        return folded_s, OffsetMap([], [], len(folded_s), offsets)
    return lowered, OffsetMap(at, shift, len(lowered))
