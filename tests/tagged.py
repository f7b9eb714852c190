"""Articles with hand-placed mentions, for tests of what comes after the tagger."""

from __future__ import annotations

from marsad.records import Article, Mention


def tagged_article(aid: str, text: str, names: list[tuple[str, str]]) -> Article:
    """An article whose mentions are `names` (text, type), found in text order."""
    mentions = []
    pos = 0
    for name, typ in names:  # in text order, each after the one before
        start = text.index(name, pos)
        mentions.append(Mention(name, start, start + len(name), typ))
        pos = start + len(name)
    return Article(id=aid, origin=aid, text=text, mentions=mentions)
