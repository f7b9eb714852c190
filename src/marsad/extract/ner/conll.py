"""Reading and writing CoNLL-style files: one token per line, blank line between sentences."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# AQMAR and ANERcorp spell the same types differently; evaluation maps both to these.
TYPE_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC",
            "MIS": "MISC"}


def read_conll(path: str | Path, *, tags: bool = True,
               sentence_end: str | None = None) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) pairs. The first column is the token, the last the tag.

    With `tags=False` the tag is "" (a file of bare tokens). `sentence_end` names a token that
    also ends a sentence (Wojood's `$#$`).
    """
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok = parts[0]
            if sentence_end is not None and tok == sentence_end:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tag = parts[-1] if tags and len(parts) > 1 else ""
            cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def normalise_tag(tag: str) -> str:
    """Map a corpus tag to B-/I- over PER, LOC, ORG, MISC (or O); tolerates AQMAR's typos."""
    tag = tag.strip().rstrip("`")
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    typ = tag[2:].lstrip("-").upper()
    if typ.startswith("MIS"):
        typ = "MISC"
    mapped = TYPE_MAP.get(typ)
    return f"{tag[0]}-{mapped}" if mapped else "O"


def format_conll(sents: Iterable[Iterable[tuple[str, str]]]) -> str:
    return "\n\n".join("\n".join(f"{t}\t{g}" for t, g in s) for s in sents) + "\n"
