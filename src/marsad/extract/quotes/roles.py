"""Speakers by role: "رئيس كازاخستان قال" is the person the article names as holding it.

A role is an office (its head word, `lexicon.OFFICES`, and the nouns that complete it:
"وزير الخارجية"، "المتحدث باسم الرئاسة") and the places it is of: a place mention, a
country of the gazetteer, or its nisba ("الكازاخي" of كازاخستان, "الروسي" of روسيا). The
holders of roles in a text are the person mentions with a role written right before them
("رئيس كازاخستان، قاسم جومارت توكاييف") or as an apposition after them ("توكاييف، رئيس
كازاخستان،"). A speaker phrase that is only a role resolves to the holder of the same office
whose places do not conflict with it (the one whose places it names, when some do; the last
one named before the quote when several remain; a bare office only from holders named
before the quote); with no holder it stays a role.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from marsad.extract.quotes.lexicon import GENERIC_PLACES, OFFICES, PHRASE_STOP, SENT_END, VERBS
from marsad.normalise import fold
from marsad.records import Article, Entity, Mention

__all__ = ["Holder", "Role", "add_titles", "holders", "parse_role", "resolve_elsewhere",
           "resolve_role", "role_of_phrase", "speaker_role"]

_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640A-Za-z0-9]+|[^\s]")
_MAX_ROLE = 6  # words of a role phrase
_WINDOW = 160  # characters around a name that hold its role
_CLOSED = {fold(w) for w in ["باسم", "ل", "لل"]}  # joiners inside an office ("المتحدث باسم")
_HASHTAG_HEAD = re.compile(r"#(?:[^\W_]+_)+$")
_HASHTAG = re.compile(r"#[^\W_]+(?:_[^\W_]+)+")


@dataclass(frozen=True, slots=True)
class Role:
    office: tuple[str, ...]  # folded, without the article
    places: tuple[str, ...]  # place stems, folded, without the article and nisba ending
    generic: bool  # names the country only generically ("رئيس الجمهورية")


@dataclass(frozen=True, slots=True)
class Holder:
    role: Role
    text: str  # the role as written ("رئيس كازاخستان")
    entity: str
    name: str  # the person mention's text
    start: int  # where the person mention starts


@cache
def _place_names() -> frozenset[str]:
    """One-word gazetteer places, folded, without the article."""
    path = resources.files("marsad.extract.ner").joinpath("data", "gazetteer.tsv")
    out: set[str] = set()
    for line in path.read_text("utf-8").splitlines():
        label, _, phrase = line.partition("\t")
        if label == "LOC" and " " not in phrase:
            out.add(_bare(phrase))
    return frozenset(out)


def _bare(f: str) -> str:
    return f[2:] if f.startswith("ال") and len(f) > 4 else f


def _nisba_stem(f: str) -> str | None:
    """The stem of a definite nisba adjective (الكازاخي -> كازاخ, الروسيه -> روس)."""
    if not f.startswith("ال"):
        return None
    for end in ("يه", "يين", "يون", "ي"):
        if f.endswith(end) and len(f) - 2 - len(end) >= 3:
            return f[2:-len(end)]
    return None


def _place_stem(f: str, in_place: bool) -> str | None:
    """The stem a word names a place by, or None: inside a place mention, a gazetteer
    place, or the nisba of one."""
    bare = _bare(f)
    if in_place or bare in _place_names():
        return bare
    stem = _nisba_stem(f)
    if stem is not None and any(p.startswith(stem) and len(p) - len(stem) <= 5
                                for p in _place_names()):
        return stem
    return None


def _same_place(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)


def parse_role(words: list[str], places: list[bool] | None = None) -> Role | None:
    """The role a phrase names (folded words; `places`: which lie inside place mentions), or
    None when it does not start with an office or holds something else than a role."""
    if not words or len(words) > _MAX_ROLE:
        return None
    places = places or [False] * len(words)
    head = _bare(words[0])
    if head not in OFFICES:
        return None
    office: list[str] = [head]
    stems: list[str] = []
    generic = False
    for w, in_place in zip(words[1:], places[1:], strict=True):
        if w in ("،", ",") or not w:  # a tatweel dash folds to nothing
            continue
        if not w[0].isalpha() or w in PHRASE_STOP or w in VERBS:
            return None
        if w in GENERIC_PLACES:
            generic = True
            continue
        stem = _place_stem(w, in_place)
        if stem is not None:
            if not stems or not _same_place(stems[-1], stem):
                stems.append(stem)
        else:
            office.append(_bare(w))
    return Role(tuple(office), tuple(stems), generic)


_fold = lru_cache(maxsize=65536)(fold)


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Folded words and marks of text[start:end], with their offsets in `text`."""
    return [(_fold(m.group()), m.start(), m.end())
            for m in _WORD.finditer(text, start, len(text) if end is None else end)]


def _in_place(mentions: list[Mention], s: int, e: int) -> bool:
    return any(m.type == "LOC" and m.start <= s and e <= m.end for m in mentions)


def holders(text: str, mentions: list[Mention]) -> list[Holder]:
    """The persons a text names with a role right before or after them, in text order."""
    named = [(m.start, m.end) for m in mentions if m.type in ("PER", "ORG")]
    out: list[Holder] = []
    for m in [*mentions, *_hashtag_names(text, mentions)]:
        if m.type != "PER" or m.entity is None or (m.start and text[m.start - 1].isalpha()):
            continue  # (a name after a clitic, لمحمد: no role runs into it)
        # A hashtag holds the whole name, the tagger's mention only its end: "#محمد_الجدعان".
        tag = _HASHTAG_HEAD.search(text, max(0, m.start - 40), m.start)
        first = tag.start() if tag else m.start - (text[m.start - 1 : m.start] == "#")
        # Only the words around the name: a role is a few words long.
        before = _tokens(text, max(0, first - _WINDOW), first)
        toks = [*before, ("\x00", m.start, m.end), *_tokens(text, m.end, m.end + _WINDOW)]
        i = len(before)
        for k, (a, b) in enumerate((_role_before(toks, i), _role_after(toks, i))):
            if k == 0 and a >= 0:
                b = _without_first_name(toks, a, b)
            if a < 0 or any(s < toks[b - 1][2] and toks[a][1] < e for s, e in named):
                continue
            words = [t for t, _, _ in toks[a:b]]
            role = parse_role(words, [_in_place(mentions, s, e) for _, s, e in toks[a:b]])
            if role is not None:
                out.append(Holder(role, text[toks[a][1]:toks[b - 1][2]], m.entity, m.text,
                                  m.start))
    return out


def _without_first_name(toks: list[tuple[str, int, int]], a: int, b: int) -> int:
    """The end of a role before a name without the given name the tagger left out of the
    mention: "وزير الخارجية التركي مولود [جاويش أوغلو]". After a definite word of the role,
    an indefinite word cannot go on with it; it begins the name."""
    while b - a > 1:
        w = toks[b - 1][0]
        earlier = [t for t, _, _ in toks[a + 1 : b - 1]]
        if (w.startswith("ال") or _bare(w) in OFFICES or not w.isalpha()
                or not any(t.startswith("ال") for t in earlier)):
            break
        b -= 1
    return b


def _hashtag_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Hashtag names the tagger missed ("#محمد_الجدعان") of a person it tagged elsewhere in
    the text by the same name or its last word ("الجدعان"), as mentions of that person."""
    persons: dict[str, str] = {}
    for m in mentions:
        if m.type == "PER" and m.entity is not None:
            persons.setdefault(_fold(m.text), m.entity)
    if not persons:
        return []
    covered = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for h in _HASHTAG.finditer(text):
        s, e = h.start() + 1, h.end()
        if any(a < e and s < b for a, b in covered):
            continue
        words = h.group()[1:].split("_")
        entity = persons.get(_fold(" ".join(words))) or persons.get(_fold(words[-1]))
        if entity is not None:
            out.append(Mention(text[s:e], s, e, "PER", entity))
    return out


def _stop(w: str) -> bool:
    return w in SENT_END or w in PHRASE_STOP or w in VERBS or w in ("(", ")", ":", "«", "»")


def _role_before(toks: list[tuple[str, int, int]], i: int) -> tuple[int, int]:
    """[a, b) of the role phrase ending right before token i (a comma between allowed)."""
    b = i - 1 if i > 0 and toks[i - 1][0] in ("،", ",") else i
    a = -1
    for j in range(b - 1, max(-1, b - 1 - _MAX_ROLE), -1):
        w = toks[j][0]
        if w in ("،", ",") or (_stop(w) and w not in _CLOSED):
            break
        if _bare(w) in OFFICES:
            a = j
    return (a, b) if a >= 0 else (-1, -1)


def _role_after(toks: list[tuple[str, int, int]], i: int | None) -> tuple[int, int]:
    """[a, b) of an apposition after the name ending at token i: "توكاييف، رئيس كازاخستان،"."""
    if i is None or i + 2 >= len(toks) or toks[i + 1][0] not in ("،", ","):
        return -1, -1
    a = i + 2
    if _bare(toks[a][0]) not in OFFICES:
        return -1, -1
    b = a + 1
    while b < min(len(toks), a + _MAX_ROLE) and not (
            toks[b][0] in ("،", ",") or (_stop(toks[b][0]) and toks[b][0] not in _CLOSED)):
        b += 1
    if b >= len(toks) or toks[b][0] not in ("،", ",", ".", "\n"):
        return -1, -1  # not closed: the words after the name run on into the clause
    return a, b


def role_of_phrase(phrase: str, start: int, mentions: list[Mention]) -> Role | None:
    """The role a speaker phrase (at `start` in the text) names, if it is only a role."""
    toks = _tokens(phrase)
    flags = [_in_place(mentions, start + s, start + e) for _, s, e in toks]
    return parse_role([t for t, _, _ in toks], flags)


def _fits(speaker: Role, holder: Role) -> int:
    """-1 when the holder's role is not the speaker's; else how many places both name. The
    speaker may shorten a compound office ("رئيسة لجنة نوبل" of "رئيسة لجنة نوبل للسلام"),
    not name only its head ("الرئيس" is not "رئيس الوزراء")."""
    n = len(speaker.office)
    if speaker.office != holder.office and (n < 2 or holder.office[:n] != speaker.office):
        return -1
    if not speaker.places:
        return 0
    if not holder.places:
        return 0  # "الرئيس توكاييف": the office fits, its country is not said
    shared = sum(any(_same_place(p, q) for q in holder.places) for p in speaker.places)
    return shared if shared == len(speaker.places) else -1


def resolve_role(role: Role, before: int, found: list[Holder]) -> Holder | None:
    """The holder a speaker's role names: among the best-fitting holders, the one named last
    before `before` (the quote's offset). A role of a place ("رئيس كازاخستان") may be
    named after the quote too (a headline's); a bare office ("الرئيس") only before it."""
    scored = [(f, h) for h in found if (f := _fits(role, h.role)) >= 0]
    if not scored:
        return None
    best = max(f for f, _ in scored)
    cands = [h for f, h in scored if f == best]
    earlier = [h for h in cands if h.start < before]
    if earlier:
        return max(earlier, key=lambda h: h.start)
    return min(cands, key=lambda h: h.start) if role.places else None


def add_titles(entities: list[Entity], articles: list[Article]) -> None:
    """Give each entity the roles the articles write next to its name (`holders`), most
    used first."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a in articles:
        for h in holders(a.text, a.mentions):
            counts[h.entity][h.text] += 1
    for e in entities:
        got = counts.get(e.id)
        if got:
            e.titles = sorted({*e.titles, *got}, key=lambda t: (-got.get(t, 0), t))


def speaker_role(article: Article, quote_start: int, phrase: str) -> Role | None:
    """The role a quote's speaker phrase names in `article` (the phrase nearest before the
    quote, else after it), if the phrase is only a role."""
    at = article.text.rfind(phrase, 0, quote_start + 1)
    if at < 0:
        at = article.text.find(phrase)
    if at < 0:
        return None
    return role_of_phrase(phrase, at, article.mentions)


def resolve_elsewhere(role: Role, found: list[Holder]) -> str | None:
    """The entity holding `role` among holders named in other articles (of a story): only a
    role that says whose office it is (its places: "رئيس كازاخستان"), or a compound office
    ("المتحدث باسم الرئاسة") with one holder; the holder must name the same places. The one
    named most often wins; a tie between entities leaves the role unresolved."""
    if role.generic and not role.places:
        return None  # "رئيس الجمهورية": which country is not said
    if not role.places and len(role.office) < 2:
        return None  # "الرئيس": any president of the story
    counts: Counter[str] = Counter()
    for h in found:
        if h.role.office != role.office:
            continue
        if role.places and _fits(role, h.role) <= 0:
            continue  # the other article must say it is the same country's office
        if not role.places and h.role.places:
            continue  # "المتحدث باسم الرئاسة" vs "المتحدث باسم الرئاسة الروسية": which?
        counts[h.entity] += 1
    if not counts:
        return None
    if not role.places and len(counts) > 1:
        return None
    top = counts.most_common(2)
    return top[0][0] if len(top) == 1 or top[0][1] > top[1][1] else None
