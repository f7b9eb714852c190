"""Character spans already claimed in a text, for extractors that must not overlap."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Taken"]


class Taken:
    """Spans (start, end) claimed in a text of `size` characters. Adding or testing a span
    costs its length, not the number of spans held: scanning a list of them per candidate
    made long texts quadratic."""

    __slots__ = ("_marks",)

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._marks = bytearray(size)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        start, end = max(0, start), min(end, len(self._marks))
        if end > start:
            self._marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a claimed span."""
        return end > start and self._marks.find(1, max(0, start), end) != -1
