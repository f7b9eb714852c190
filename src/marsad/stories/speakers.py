"""Speakers by role across a story: "قال رئيس كازاخستان" in one article is the person another
article of the same story names as holding that office ("رئيس كازاخستان، قاسم جومارت
توكاييف"), when its own article names no one (`marsad.extract.quotes.roles`).

Incremental: only the quotes of new articles are resolved, against the holders named in
the articles of their story (stored ones included), so a batch reads no other story.
"""

from __future__ import annotations

from collections.abc import Iterable

from marsad.extract.quotes import roles
from marsad.records import Article

__all__ = ["resolve_story_roles"]


def resolve_story_roles(members: Iterable[Article], new_ids: set[str]) -> int:
    """Give the role-only quotes of the members in `new_ids` the holder of that role named
    in another member; returns how many quotes got a speaker."""
    members = list(members)
    pending = [(a, q) for a in members if a.id in new_ids
               for q in a.quotes if q.speaker is None and q.speaker_text]
    if not pending or len(members) < 2:
        return 0
    found: dict[str, list[roles.Holder]] = {a.id: roles.holders(a.text, a.mentions)
                                            for a in members}
    done = 0
    for a, q in pending:
        assert q.speaker_text is not None
        role = roles.speaker_role(a, q.start, q.speaker_text)
        if role is None:
            continue
        others = [h for other, hs in found.items() if other != a.id for h in hs]
        entity = roles.resolve_elsewhere(role, others)
        if entity is not None:
            q.speaker = entity
            done += 1
    return done
