"""Which rules can match at a position, from the next few characters alone.

Trying all rules at every trigger costs most of the tagging time, yet the first few characters
rule out nearly all of them. Each rule's regex is parsed once into the set of strings its
matches can start with (up to `WIDTH` characters, `None` standing for "any character"); a
position then tries only the rules whose prefixes fit the text there. The sets over-approximate
(lookarounds are ignored, unknown constructs match anything), so no match is ever missed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# re's own parser: the analysis needs the parse tree, and any surprise falls back to "any".
try:
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    _c = _p = None

WIDTH = 5
Prefix = tuple[str | None, ...]
# Character classes with at most this many members are expanded; larger ones become "any".
_MAX_CLASS = 32
# Prefixes and texts alike see every digit as "0" and every space as " ": \d and \s then
# stay one character each instead of an "any" that would let digit rules fit every word.
DIGIT, SPACE = "0", " "


def _unit(ch: str) -> str:
    return DIGIT if ch.isdecimal() else SPACE if ch.isspace() else ch


def normal(head: str) -> str:
    """`head` as prefixes see it (digits "0", spaces " ")."""
    return "".join([_unit(ch) for ch in head])


def _any(budget: int) -> set[Prefix]:
    """Strings of any length: the safe answer for constructs not analysed."""
    return {(None,) * n for n in range(budget + 1)}


def _extend(heads: set[Prefix], items: Any, budget: int) -> set[Prefix]:
    out: set[Prefix] = set()
    cache: dict[int, set[Prefix]] = {}
    for head in heads:
        room = budget - len(head)
        if room <= 0:
            out.add(head)
            continue
        if room not in cache:
            cache[room] = _seq(items, room)
        out.update(head + tail for tail in cache[room])
    return out


def _seq(items: Iterable[Any], budget: int) -> set[Prefix]:
    cur: set[Prefix] = {()}
    for op, av in items:
        nxt: set[Prefix] = set()
        for head in cur:
            room = budget - len(head)
            if room <= 0:
                nxt.add(head)
            else:
                nxt.update(head + tail for tail in _item(op, av, room))
        cur = nxt
        if all(len(p) >= budget for p in cur):
            break
    return cur


def _class(av: Any) -> set[Prefix] | None:
    chars: set[str] = set()
    for op, arg in av:
        if op is _c.LITERAL:
            chars.add(_unit(chr(arg)))
        elif op is _c.RANGE and arg[1] - arg[0] < _MAX_CLASS:
            chars.update(_unit(chr(c)) for c in range(arg[0], arg[1] + 1))
        elif op is _c.CATEGORY and arg is _c.CATEGORY_DIGIT:
            chars.add(DIGIT)
        elif op is _c.CATEGORY and arg is _c.CATEGORY_SPACE:
            chars.add(SPACE)
        else:  # NEGATE, other categories (\w, \D ...), big ranges
            return None
    return {(ch,) for ch in chars} if len(chars) <= _MAX_CLASS else None


def _item(op: Any, av: Any, budget: int) -> set[Prefix]:
    if op is _c.LITERAL:
        return {(_unit(chr(av)),)}
    if op in (_c.NOT_LITERAL, _c.ANY):
        return {(None,)}
    if op is _c.IN:
        return _class(av) or {(None,)}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {()}  # zero width; ignoring the condition only widens the set
    if op is _c.BRANCH:
        out: set[Prefix] = set()
        for branch in av[1]:
            out |= _seq(branch, budget)
        return out
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        return _any(budget) if add_flags & _c.SRE_FLAG_IGNORECASE else _seq(sub, budget)
    if op is getattr(_c, "ATOMIC_GROUP", object()):
        return _seq(av, budget)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", object())):
        lo, hi, sub = av
        cur: set[Prefix] = {()}
        for _ in range(min(lo, budget + 1)):
            cur = _extend(cur, sub, budget)
        found = set(cur)
        # Past `budget` extra rounds every non-empty chain is full: more add nothing.
        for _ in range(min(hi, lo + budget + 1) - min(lo, budget + 1)):
            if all(len(p) >= budget for p in cur):
                break
            cur = _extend(cur, sub, budget)
            found |= cur
        return found
    return _any(budget)  # back-references, conditionals, anything new


def prefixes(pattern: str, width: int = WIDTH) -> set[Prefix]:
    """Every string (cut at `width`) that a match of `pattern` can start with."""
    if _p is None:
        return _any(width)
    try:
        tree = _p.parse(pattern)
        if tree.state.flags & _c.SRE_FLAG_IGNORECASE:
            return _any(width)
        return _seq(tree, width)
    except Exception:  # an unfamiliar parse tree: give up on filtering, never on matching
        return _any(width)


class _Node:
    __slots__ = ("ends", "kids")

    def __init__(self) -> None:
        self.kids: dict[str | None, _Node] = {}
        self.ends: set[int] = set()  # rules with a prefix ending here


class Dispatch:
    """A trie of every rule's prefixes: which rules can match before a given text."""

    def __init__(self, patterns: Iterable[str], width: int = WIDTH) -> None:
        self._root = _Node()
        for index, pattern in enumerate(patterns):
            for prefix in prefixes(pattern, width):
                node = self._root
                for ch in prefix:
                    node = node.kids.setdefault(ch, _Node())
                node.ends.add(index)

    def rules(self, head: str) -> list[int]:
        """Indices (ascending) of the rules whose matches can start with `head`: the next
        `WIDTH` characters (fewer at the end of the text) passed through `normal`."""
        found: set[int] = set()
        stack = [(self._root, 0)]
        while stack:
            node, i = stack.pop()
            found |= node.ends
            if i < len(head):
                for key in (head[i], None):
                    kid = node.kids.get(key)
                    if kid is not None:
                        stack.append((kid, i + 1))
        return sorted(found)
