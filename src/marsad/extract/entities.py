"""Cross-article entity resolution: one Entity per real-world person, place or organisation.

Mentions are keyed by their folded tokens (`marsad.normalise`), with titles and roles
(الرئيس, ولي العهد, خادم الحرمين الشريفين ...) and generic descriptors (جمهورية, مدينة ...)
dropped; a mention that is only a title, or only ordinary words (`ner.lexicon`), gets no
entity, nor does a definite nisba right after a definite word (الدفاع المدني، المرأة
السعودية: an adjective), nor an ordinary word of `lexicon/common_alone.txt` (الاتفاق، الوطن)
without a sign that it is the name there (quotes, a head such as نادي, a name beside it).
Titles running on after a place or organisation (جامعة تبوك الدكتور) are trimmed off it.
Keys are then merged when they are
 - the same word sequence once spaces and hyphens are ignored (ألما آتا = ألما-آتا = ألماآتا);
 - transliteration variants: the same consonant skeleton (long vowels and hamza seats
   removed) and a high character similarity (ألماتي ~ ألما آتا, توكاييف ~ توكايف), unless
   both are words of the news vocabulary that the word clusters tell apart (الأمن / اليمن),
   or one is an ordinary word (الدولي / الدليوي); names of several words word by word
   (جامع / جامعة الملك عبدالعزيز stay apart);
 - the same first and last name with and without middle names;
 - a short form of exactly one longer name (توكاييف -> قاسم جومارت توكاييف), preferring the
   long name seen in the same article, and staying apart when the short form is ambiguous.
Two person names never merge when their cores conflict: another given name, another father
in the nasab chain (محمد بن نايف / محمد بن سلمان; خالد بن عبدالعزيز is not خالد الفيصل بن
عبدالعزيز, whose father is الفيصل), another family, or a one-word form that is not the
other's surname (سلمان is the father of محمد بن سلمان, not his short name; سعود of آل سعود is
no short form either).
Different names that merely share letters (كازاخستان / قرغيزستان) differ in skeleton, and a
form the corpora never show is no spelling of a frequent name more than a letter away
(ألمانيا / الأمونيا). A given name alone (عبدالعزيز، محمد: the first word of other person
names), or a surname many bear (القحطاني), is no one across articles: it joins the one full
name of its own article with it, else is an entity of that article alone; a run of five
names or more without a nasab particle (a list the tagger ran together) is no one. An
initialism in parentheses right after a name (منظمة معاهدة الأمن الجماعي (CSTO)) is that
name's.

`resolve` also works incrementally: entities stored by earlier runs (`known`, found through
`name_keys`) take part in the merging, keep their ids, and are redirected when merged.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from marsad.extract.ner.lexicon import (
    COMMON_COUNT,
    KNOWN_COUNT,
    Lexicon,
    is_function_word,
    shipped_lexicon,
)
from marsad.extract.ner.lexicon import TITLES as ROLE_WORDS
from marsad.extract.ner.mentions import Token, is_name_phrase, tokenize
from marsad.extract.spans import Taken
from marsad.normalise import fold, tokens
from marsad.records import Article, Entity, Mention

# Words that precede a name without being part of it (folded forms).
TITLES = ROLE_WORDS
# Generic heads of place names that the same place is also named without.
LOC_HEADS = frozenset(tokens("جمهورية دولة مدينة مملكة إمارة سلطنة"))
_VOWELS = str.maketrans("", "", "اويء")
_TYPE_GROUP = {"PER": "PER", "LOC": "PLACE", "ORG": "PLACE", "MISC": "PLACE"}
# Nasab and family particles (folded): ابن، بن، بنت، آل.
_NASAB = frozenset(("بن", "ابن", "بنت"))
_FAMILY = "آل"  # kept apart from the article: آل عمر is not العمر
_PARTICLES = _NASAB | {_FAMILY}
# Written apart or together (عبد الله / عبدالله): one token in a key.
_JOIN_NEXT = frozenset(("عبد", "ابو", "ابي"))
_NodeKey = tuple[str, tuple[str, ...]]
# Titles that are also given names or family names after a name (أحمد الشيخ, محمد أمير).
_INITIALISM = re.compile(r"[A-Z][A-Z.&-]{1,9}")
_PARENS = re.compile(r"\s*\(\s*")
_UNSEEN_SIM = 0.9  # a spelling the corpora never show, of a frequent name: one letter off
# ... and of a rarer word: a long vowel changed in a short name is another name (جبوري /
# جباري, رشادة / رشيدة), an added one in a long name a transliteration (هامبورغ / همبورغ).
_RARE_SIM = 0.85
_NAME_WORDS = frozenset(tokens("أمير الأمير ملك الملك د السيد الشيخ الحاج الإمام"))
# Kinship after a name names another person (عبدالخالق شقيق عبدالملك الحوثي): the name stops.
_KIN = frozenset(tokens("شقيق شقيقة نجل نجلة والد والدة زوج زوجة أخو أخت حفيد حفيدة أرملة"))
_PREV_WORD = re.compile(r"(\w+)[ \t]+$")
_DEFINITE = re.compile(r"^(?:[وفبك]?ال|لل)")  # as written: إلى and ألمح are not
# Definite nouns a name stands after in apposition (النادي الأهلي، القناة العربية): a nisba
# after them can be the name itself.
_APPOSITION_HEADS = frozenset(tokens("النادي القناة الصحيفة الجريدة"))
_QUOTES = tuple('"«»“”\'')
# The key's first word of a paper cited by its name in quotes (لـ"الرياض"، لـ«الشرق الأوسط»):
# Saudi papers bear the names of places and words, and are not those places.
PRESS = "<press>"
_CITED = re.compile(r"(?:(?<![\w])لـ?|(?:صحيفة|جريدة|مجلة|علمت|حصلت|وعلمت|وحصلت)\s*)\s*$")
# Heads that name what follows them (the word after is a name, not its ordinary sense).
_NAME_HEADS = frozenset(tokens(
    "نادي النادي فريق الفريق صحيفة الصحيفة جريدة الجريدة قناة القناة مدينة المدينة "
    "محافظة المحافظة منطقة المنطقة بلدة حي مركز لاعب لاعبي مدرب جماهير رئيس"))


def mention_key(text: str, typ: str, lex: Lexicon | None = None) -> tuple[str, ...]:
    """Folded tokens of a mention without titles and descriptors; () when nothing is left.

    Leading titles and descriptors go, and for persons a nisba or an ordinary word right
    after them and everything from a title that follows the name (عبدالعزيز الفايز سفير
    خادم الحرمين ...).
    """
    if typ == "ORG" and len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        inner = tuple(tokens(text[1:-1]))
        return (PRESS, *inner) if inner else ()
    toks = _join_compounds(tokens(text))
    heads = TITLES if typ == "PER" else LOC_HEADS if typ == "LOC" else frozenset()
    while toks and toks[0] in heads:
        toks = toks[1:]
    if typ == "PER" and toks:
        # "الرئيس الكازاخستاني قاسم ...": an adjective right after a title is not the name.
        while len(toks) > 1 and toks[0].startswith("ال") and toks[0].endswith(("ي", "يه")):
            toks = toks[1:]
        lex = lex or shipped_lexicon()
        while len(toks) > 2 and lex.is_common(toks[0]):  # زميلي جون كيري
            toks = toks[1:]
        for i in range(1, len(toks)):
            if (toks[i] in TITLES and toks[i] not in _NAME_WORDS) or toks[i] in _KIN:
                toks = toks[:i]
                break
        while toks and toks[-1] in _PARTICLES:  # "محمد بن سلمان بن عبدالعزيز آل"
            toks = toks[:-1]
        if all(t in _PARTICLES for t in toks):
            toks = []
    return tuple(toks)


@cache
def _common_alone() -> frozenset[str]:
    path = resources.files("marsad.extract").joinpath("lexicon", "common_alone.txt")
    return frozenset(fold(w) for line in path.read_text("utf-8").splitlines()
                     if (w := line.strip()) and not w.startswith("#"))


def common_alone(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """An ordinary word of `lexicon/common_alone.txt` (الاتفاق، الوطن، الخبر) with no sign in
    the text that it is the name here: quotes around it, a head before it (نادي الوحدة،
    صحيفة الوطن), or a name of its type right before or after it (الدمام والخبر)."""
    toks = tokens(m.text)
    words = _common_alone()
    if m.text[:1] in _QUOTES:  # a paper (`cite_press`)
        return False
    if len(toks) != 1 or (toks[0] not in words and not (
            toks[0][:1] in "وبل" and toks[0][1:] in words)):
        return False
    before, after = text[max(0, m.start - 30):m.start], text[m.end:m.end + 3]
    if before.rstrip("ـ ").endswith(_QUOTES) and after.lstrip()[:1] in _QUOTES:
        return False
    prev = _PREV_WORD.search(before)
    if prev is not None and fold(prev.group(1)).lstrip("وبل") in _NAME_HEADS:
        return False
    for o in mentions:
        if o is m or o.type != m.type:
            continue
        first, second = (o, m) if o.end <= m.start else (m, o)
        gap = text[first.end:second.start]
        if len(gap) <= 3 and (gap.strip() in ("", "،", ",", "-", "و") and (
                gap.strip() or second.text.startswith("و"))):
            return False
    return True


def cite_press(text: str, m: Mention) -> None:
    """A place or an ordinary word in quotes after ل or a paper's head (لـ"الرياض"، صحيفة
    «الشرق الأوسط»، علمت "الوطن") is a paper: the mention takes in its quotes and becomes an
    organisation, keyed apart from the place or the word (`PRESS`)."""
    if m.start < 2 or m.end >= len(text) or m.type == "PER" or not (
            m.type == "LOC" or fold(m.text) in _common_alone()
            or " ".join(tokens(m.text)) in _gazetteer_places()):
        return  # other organisations (لـ«داعش») are themselves in quotes
    if text[m.start - 1] not in _QUOTES or text[m.end] not in _QUOTES or len(tokens(m.text)) > 3:
        return
    if _CITED.search(text, max(0, m.start - 12), m.start - 1) is None:
        return
    m.start, m.end, m.type = m.start - 1, m.end + 1, "ORG"
    m.text = text[m.start:m.end]


def is_attribute(text: str, m: Mention) -> bool:
    """A one-word definite nisba right after a definite word: an adjective of that word
    (الدفاع المدني، الحدود الشمالية، المرأة السعودية), or the end of a longer name (المملكة
    العربية السعودية), not a name of its own, whatever the tagger said. Persons' nisba
    surnames (الساعدي القذافي) stay names."""
    if m.type == "PER":
        return False
    toks = tokens(m.text)
    if len(toks) != 1 or not _is_definite_nisba(toks[0]):
        return False
    prev = _PREV_WORD.search(text, max(0, m.start - 40), m.start)
    if prev is None or not _DEFINITE.match(prev.group(1)) or is_function_word(prev.group(1)):
        return False
    f = fold(prev.group(1))
    return f not in _APPOSITION_HEADS and f[1:] not in _APPOSITION_HEADS


def _is_definite_nisba(f: str) -> bool:
    return f.startswith("ال") and len(f) >= 6 and f.endswith(("ي", "يه", "يين", "يون"))


def trim_titles(text: str, m: Mention) -> None:
    """Drop the titles a place or organisation mention runs into (جامعة تبوك الدكتور: the
    title of the person named next)."""
    if m.type == "PER":
        return
    words = list(re.finditer(r"\S+", m.text))
    end = len(words)
    while end > 1 and fold(words[end - 1].group()) in TITLES:
        end -= 1
    if end < len(words):
        m.end = m.start + words[end - 1].end()
        m.text = text[m.start:m.end]


def _join_compounds(toks: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(toks):
        if toks[i] == "ال":  # آل, folded
            out.append(_FAMILY)
            i += 1
        elif toks[i] in _JOIN_NEXT and i + 1 < len(toks):
            out.append(toks[i] + toks[i + 1])
            i += 2
        else:
            out.append(toks[i])
            i += 1
    return out


def skeleton(compact: str) -> str:
    """Consonant skeleton: drop long vowels and hamza seats, which transliterations vary."""
    return compact.translate(_VOWELS)


@dataclass
class _Node:
    key: tuple[str, ...]
    group: str
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (article id, mention)
    known: str | None = None  # the stored entity whose variant this is

    @property
    def compact(self) -> str:
        return "".join(self.key)


class _UnionFind:
    """Union-find whose roots are their set's smallest member, and which lists members.

    `allowed(a, b)`, when given, vetoes a union of the sets of `a` and `b`."""

    def __init__(self, allowed: Callable[[list[int], list[int]], bool] | None = None) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}  # root -> its set (any order)
        self.allowed = allowed

    def find(self, x: int) -> int:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = [x]
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.allowed is not None and not self.allowed(self.members[ra], self.members[rb]):
            return False
        lo, hi = min(ra, rb), max(ra, rb)
        self.parent[hi] = lo
        self.members[lo].extend(self.members.pop(hi))
        return True


def variants_match(a: str, b: str, lex: Lexicon | None = None) -> bool:
    """Two compact (space-free, folded) names that are spellings of one name.

    Two words of the news vocabulary are spellings of one only when the word clusters put
    them together (أميركا / أمريكا, not الأمن / اليمن or الصدق / الصادق); an ordinary word is
    no spelling of a name the vocabulary does not know."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    short, long = sorted((a, b), key=len)
    if long in (short + "ي", short + "يه"):  # الصيني is the adjective of الصين
        return False
    lex = lex or shipped_lexicon()
    if len(a) != len(b) and min(lex.count(a), lex.count(b)) >= KNOWN_COUNT:
        return False  # two words the news writes often, a letter apart: النصر / الأنصار
    sa, sb = skeleton(a), skeleton(b)
    sim = Indel.normalized_similarity(a, b)
    if not ((sa == sb and len(sa) >= 3 and sim >= 0.75)
            # One extra or missing consonant in a long name (بيلاروس / بيلاروسيا stays out).
            or (len(a) >= 8 and sim >= 0.92)):
        return False
    same = lex.same_word(a, b)
    if same is not None:
        return same
    # A name the news writes often has a settled spelling: a form the corpora never show
    # that differs by more than a letter is another word (الأمونيا، القواصم، ساعديها).
    if min(lex.count(a), lex.count(b)) == 0 and max(lex.count(a), lex.count(b)) >= \
            COMMON_COUNT and sim < _UNSEEN_SIM:
        return False
    return not (lex.is_common(a) or lex.is_common(b))


def _words_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of as many words are spellings of one only if no word of one is another word
    in the other, its consonants changed beyond the article (مؤسسة الملك عبدالعزيز is not
    المؤسس الملك عبدالعزيز, nor جامع ... جامعة), though the whole strings are a letter
    apart; السوفيتي / السوفياتي and الولايات / لولايات are one word."""
    if len(a) != len(b) or len(a) < 2:
        return True
    return all(skeleton(_bare(x)) == skeleton(_bare(y)) for x, y in zip(a, b, strict=True))


def _bare(f: str) -> str:
    for article in ("ال", "ل"):
        if f.startswith(article) and len(f) > len(article) + 2:
            return f[len(article):]
    return f


def _tokens_match(x: str, y: str, lex: Lexicon) -> bool:
    """Two words that are spellings of one name (`variants_match`); a word the corpora
    never show is no spelling of one they do show unless a letter or so apart."""
    if x == y:
        return True
    if not variants_match(x, y, lex):
        return False
    counts = lex.count(x), lex.count(y)
    return min(counts) > 0 or max(counts) == 0 or \
        Indel.normalized_similarity(x, y) >= _RARE_SIM


def persons_compatible(a: tuple[str, ...], b: tuple[str, ...], lex: Lexicon | None = None
                       ) -> bool:
    """Whether two person keys (`mention_key`) can name one person.

    The shorter name's words must be the longer one's, in order: from its given name, or as
    its surname tail; fathers in the nasab chains (the words after بن) agree position by
    position, families (آل X) agree, and a one-word name is only the other's surname."""
    if a == b or "".join(a) == "".join(b):
        return True
    lex = lex or shipped_lexicon()
    short, long = sorted((a, b), key=len)
    if len(short) == len(long):
        return all(_tokens_match(x, y, lex) for x, y in zip(short, long, strict=True))
    for prefix in (_NASAB, frozenset((_FAMILY,))):
        fs = [short[i + 1] for i in range(len(short) - 1) if short[i] in prefix]
        fl = [long[i + 1] for i in range(len(long) - 1) if long[i] in prefix]
        if not all(_tokens_match(x, y, lex) for x, y in zip(fs, fl, strict=False)):
            return False
    if not _fathers_agree(short, long, lex):
        return False
    if short[0] in _PARTICLES or (len(long) > len(short)
                                  and long[-len(short) - 1] in _PARTICLES
                                  and all(_tokens_match(x, y, lex)
                                          for x, y in zip(short, long[-len(short):],
                                                          strict=True))):
        return False
    if len(short) == 1:
        return _tokens_match(short[0], long[-1], lex)
    if not _tokens_match(short[0], long[0], lex):
        # Not from the given name: only a tail (جومارت توكاييف of قاسم جومارت توكاييف).
        return all(_tokens_match(x, y, lex) for x, y in zip(short, long[-len(short):],
                                                             strict=True))
    it = iter(long[1:])
    return all(any(_tokens_match(t, u, lex) for u in it) for t in short[1:])


def _fathers_agree(short: tuple[str, ...], long: tuple[str, ...], lex: Lexicon) -> bool:
    """A name the longer one writes as someone's father (the word after بن) follows, in the
    shorter, only that same son: خالد بن عبدالعزيز (King Khalid) and خالد عبدالعزيز are not
    خالد الفيصل بن عبدالعزيز, whose father is الفيصل."""
    sons = [(long[i - 1], long[i + 1]) for i in range(1, len(long) - 1) if long[i] in _NASAB]
    names = [t for t in short if t not in _PARTICLES]
    for x, y in pairwise(names):
        for son, father in sons:
            if _tokens_match(y, father, lex) and not _tokens_match(x, son, lex):
                return False
    return True


def recover_mentions(articles: list[Article], known: list[Entity] | None = None, *,
                     names: list[tuple[str, str]] | None = None) -> int:
    """Add mentions for names found in one article where another writes them unnoticed.

    A name the tagger found in one outlet's report (ألما أتا after مدينة), or a variant of a
    `known` entity, is looked for, in any of its spellings, in the articles' text: windows of
    one to three words whose space- and hyphen-free form is the name or a variant of it
    (`variants_match`); windows holding a function word or only ordinary words are not
    names. Returns the number of mentions added.

    `names` ((text, type), in the order met): the names to look for instead of those of
    `articles` and `known`, so that a part of a run (a Spark partition) finds what the whole
    run would.
    """
    lex = shipped_lexicon()
    by_skeleton: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: set[str] = set()
    if names is None:
        names = [(m.text, m.type) for art in articles for m in art.mentions]
        names += [(v, e.type) for e in known or () for v in e.variants]
    for text, typ in names:
        if typ not in ("PER", "LOC", "ORG"):
            continue
        compact = "".join(mention_key(text, typ, lex))
        if len(compact) >= 5 and compact not in seen and is_name_phrase(text, typ, lex):
            seen.add(compact)
            by_skeleton[skeleton(compact)].append((compact, typ))
    prefixes = {sk[:j] for sk in by_skeleton for j in range(len(sk) + 1)}
    added = 0
    # word -> (its folded tokens joined, their skeleton): a window's forms are the
    # concatenations of its words'.
    pieces: dict[str, tuple[str, str]] = {}
    for art in articles:
        taken = Taken(len(art.text), ((m.start, m.end) for m in art.mentions))
        new: list[Mention] = []
        for sent in tokenize(art.text):
            runs: list[list[Token]] = [[]]
            for t in sent:  # windows never cross punctuation or a function word
                if t.text[0].isalnum() and not is_function_word(t.text):
                    runs[-1].append(t)
                elif t.text not in ("-", "–"):
                    runs.append([])
            for words in runs:
                added += _recover_run(art, words, by_skeleton, taken, new, pieces, prefixes)
        if new:
            art.mentions = sorted([*art.mentions, *new], key=lambda m: (m.start, m.end))
    return added


def _recover_run(art: Article, words: list[Token], by_skeleton: dict[str, list[tuple[str, str]]],
                 taken: Taken, new: list[Mention],
                 pieces: dict[str, tuple[str, str]] | None = None,
                 prefixes: set[str] | None = None) -> int:
    """Longest-first windows of 3, 2, 1 words over a run of words without punctuation.

    `pieces` memoises each word's forms; `prefixes` (every prefix of every key of
    `by_skeleton`) lets windows whose first word can't begin a known skeleton be skipped.
    """
    if pieces is None:
        pieces = {}
    lex = shipped_lexicon()
    # tokens() of words joined by spaces is the words' tokens in turn: fold each word once.
    compacts: list[str] = []
    skels: list[str] = []
    for w in words:
        pc = pieces.get(w.text)
        if pc is None:
            c = "".join(tokens(w.text))
            pc = pieces[w.text] = (c, skeleton(c))
        compacts.append(pc[0])
        skels.append(pc[1])
    added = 0
    i = 0
    while i < len(words):
        if prefixes is not None and skels[i] not in prefixes:
            i += 1
            continue
        hit = 0
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            first, last = words[i], words[i + n - 1]
            compact = "".join(compacts[i:i + n])
            if len(compact) < 5 or (n > 1 and any(lex.is_common(c)
                                                  for c in compacts[i:i + n])):
                continue  # ألف لاجئ is no spelling of الأفلاج
            for name, typ in by_skeleton.get("".join(skels[i:i + n]), ()):
                found = Mention(text=art.text[first.start:last.end], start=first.start,
                                end=last.end, type=typ)
                if variants_match(compact, name) and is_name_phrase(found.text, typ) and \
                        not is_attribute(art.text, found) and \
                        not common_alone(art.text, found, [*art.mentions, *new]):
                    if not taken.overlaps(first.start, last.end):
                        new.append(found)
                        taken.add(first.start, last.end)
                        added += 1
                    hit = n
                    break
            if hit:
                break
        i += max(hit, 1)
    return added


def groupable(text: str, m: Mention, mentions: list[Mention], lex: Lexicon | None = None
              ) -> tuple[str, ...]:
    """A mention made ready in its article's text (titles trimmed off, a cited paper taken
    with its quotes) and its name key; () when it names nothing: a title, ordinary words, an
    adjective."""
    lex = lex or shipped_lexicon()
    trim_titles(text, m)
    cite_press(text, m)
    k = mention_key(m.text, m.type, lex)
    if not k or not is_name_phrase(m.text, m.type, lex) or (
            m.type == "PER" and _run_on(k)) or is_attribute(text, m) or \
            common_alone(text, m, mentions):
        return ()
    return k


def resolve(articles: list[Article], known: list[Entity] | None = None, *,
            recover: bool = True, judged: bool = False) -> tuple[list[Entity], dict[str, str]]:
    """Group every article's mentions into entities; sets `mention.entity` to the entity id.

    `known`: entities stored by earlier runs (with their variants), found by the caller
    through `name_keys` of the new mentions; they take part in the merging and keep their
    ids. Returns the entities these articles create or change (`Entity.articles` lists only
    ids among `articles`) and redirects {known id: surviving id} for known entities merged
    into another. A mention that is only a title or ordinary words gets no entity. With
    `recover`, names found in one article (or known) are first also looked for in the others
    (`recover_mentions`), so an outlet's spelling the tagger missed still joins its entity.
    `judged`: every mention passed `groupable` in its article already (the articles may then
    hold their mentions without their text, as Spark's name blocks do).
    """
    lex = shipped_lexicon()
    known = list(known or [])
    if recover:
        recover_mentions(articles, known)
    nodes: dict[_NodeKey, _Node] = {}
    aliases: list[tuple[_NodeKey, _NodeKey]] = []  # a name and its initialism: X (CSTO)
    for art in articles:
        prev: tuple[Mention, _NodeKey] | None = None
        for m in art.mentions:
            m.entity = None
            k = mention_key(m.text, m.type, lex) if judged else \
                groupable(art.text, m, art.mentions, lex)
            if not k:
                continue
            group = _TYPE_GROUP.get(m.type, "PLACE")
            node = nodes.setdefault((group, k), _Node(k, group))
            node.mentions.append((art.id, m))
            if (prev is not None and _INITIALISM.fullmatch(m.text)
                    and _PARENS.fullmatch(art.text[prev[0].end:m.start])
                    and art.text[m.end:m.end + 3].lstrip().startswith(")")):
                aliases.append((prev[1], (group, k)))
            prev = (m, (group, k))
    # Variants of stored entities; a variant two of them share (a surname linked per article)
    # ties neither.
    owners: dict[_NodeKey, set[str]] = defaultdict(set)
    for e in known:
        group = _TYPE_GROUP.get(e.type, "PLACE")
        for v in {e.name, *e.variants}:
            k = mention_key(v, e.type, lex)
            if k:
                owners[group, k].add(e.id)
    for nk, eids in owners.items():
        node = nodes.setdefault(nk, _Node(nk[1], nk[0]))
        if len(eids) == 1:
            node.known = next(iter(eids))
    # The same multi-word name tagged a person in one article and a place in others (نور
    # سلطان after العاصمة vs. alone) is one name: the minority reading joins the majority.
    for (group, k), node in list(nodes.items()):
        other = nodes.get(("PLACE" if group == "PER" else "PER", k))
        if other is not None and len(k) >= 2 and k[0] != PRESS and \
                len(node.mentions) < len(other.mentions):
            other.mentions.extend(node.mentions)
            node.mentions.clear()
    nodes = {nk: n for nk, n in nodes.items() if n.mentions or n.known}
    order = sorted(nodes)  # deterministic
    uf = _UnionFind()
    by_group: dict[str, list[int]] = defaultdict(list)
    first_of: dict[str, int] = {}
    for i, nk in enumerate(order):
        uf.find(i)
        by_group[nk[0]].append(i)
        eid = nodes[nk].known
        if eid is not None:  # a stored entity stays one
            uf.union(first_of.setdefault(eid, i), i)

    def allowed(xs: list[int], ys: list[int]) -> bool:
        # No chain through a rare spelling joins two frequent words the clusters tell apart
        # (البحثية ~ البحثة ~ الباحثة), and person cores agree.
        one_x = [c for x in xs if len(nodes[order[x]].key) == 1
                 and lex.count(c := nodes[order[x]].compact) >= KNOWN_COUNT]
        one_y = [c for y in ys if len(nodes[order[y]].key) == 1
                 and lex.count(c := nodes[order[y]].compact) >= KNOWN_COUNT]
        if any(lex.same_word(a, b) is False for a in one_x for b in one_y):
            return False
        if nodes[order[xs[0]]].group != "PER":
            return True
        return all(persons_compatible(a, b, lex)
                   for a in _fullest([nodes[order[x]].key for x in xs], lex)
                   for b in _fullest([nodes[order[y]].key for y in ys], lex))


    uf.allowed = allowed
    index = {nk: i for i, nk in enumerate(order)}
    for a, b in aliases:
        if a in index and b in index:
            uf.union(index[a], index[b])

    # 1. Spelling and transliteration variants. Only pairs that could match are compared
    # (same skeleton, or similar long names): the partition is that of all pairs.
    for ids in by_group.values():
        compacts = [nodes[order[i]].compact for i in ids]
        for x, y in _variant_candidates(compacts):
            kx, ky = nodes[order[ids[x]]].key, nodes[order[ids[y]]].key
            if (_tokens_match(kx[0], ky[0], lex) if len(kx) == len(ky) == 1 else
                    variants_match(compacts[x], compacts[y], lex) and _words_agree(kx, ky)):
                uf.union(ids[x], ids[y])

    # 2. Full names with and without middle names (فلاديمير [فلاديميروفيتش] بوتين).
    by_ends: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in by_group.get("PER", []):
        a = nodes[order[i]].key
        by_ends[a[0], a[-1]].append(i)
    for same_ends in by_ends.values():
        for i in same_ends:
            a = nodes[order[i]].key
            for j in same_ends:
                b = nodes[order[j]].key
                if 2 <= len(a) < len(b) and _in_order(a, b):
                    uf.union(i, j)

    # 3. Short forms: a name that is a contiguous part of longer names of the same group. A
    # one-word person name that others bear as a given name (صالح, خالد) is ambiguous even
    # with one candidate.
    given = {nodes[order[j]].key[0] for j in by_group.get("PER", [])
             if len(nodes[order[j]].key) >= 2}
    # ... and so is a surname many people bear (القحطاني، الغامدي، صالح).
    shared = given | _gazetteer_given() | _gazetteer_surnames()
    for ids in by_group.values():
        # Every contiguous part of every name -> the names holding it, in `ids` order.
        parts: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for j in ids:
            kj = nodes[order[j]].key
            for part in {kj[a:b] for a in range(len(kj)) for b in range(a + 1, len(kj) + 1)
                         if b - a < len(kj)}:
                parts[part].append(j)
        # Longest first: a name's longer short forms join it before shorter ones are
        # weighed, so two forms of one name are not two candidates.
        for i in sorted(ids, key=lambda i: -len(nodes[order[i]].key)):
            short = nodes[order[i]]
            cands = {uf.find(j) for j in parts.get(short.key, ())
                     if _short_form_ok(short, nodes[order[j]], lex)}
            cands.discard(uf.find(i))
            if len(cands) == 1 and not (short.group == "PER" and len(short.key) == 1
                                        and short.key[0] in shared):
                uf.union(i, cands.pop())
            elif cands:
                # Ambiguous overall: link per article to the long name that article uses.
                _link_per_article(short, cands, nodes, order, uf)

    clusters: dict[int, list[_Node]] = defaultdict(list)
    for i, nk in enumerate(order):
        clusters[uf.find(i)].append(nodes[nk])
    _lone_given_names(clusters, shared)
    return _build_entities(clusters, {e.id: e for e in known}, lex)


def _run_on(key: tuple[str, ...]) -> bool:
    """Five names or more without a nasab or family particle: a list the tagger ran together
    ("حسين شيعان أحمد عكاش محمد حسين ..."), not one person."""
    return len(key) >= 5 and not any(t in _PARTICLES or t.startswith("ابو") for t in key)


def _gazetteer_given() -> frozenset[str]:
    """Given names: the first word of two or more person names of the shipped gazetteer."""
    return _gazetteer_words()[0]


def _gazetteer_surnames() -> frozenset[str]:
    """Surnames many bear: the last word of four or more person names of the gazetteer
    (tribal and family names: القحطاني، الغامدي; not أوباما or كيري)."""
    return _gazetteer_words()[1]


@cache
def _gazetteer_places() -> frozenset[str]:
    path = resources.files("marsad.extract.ner").joinpath("data", "gazetteer.tsv")
    return frozenset(phrase for line in path.read_text("utf-8").splitlines()
                     for label, _, phrase in [line.partition("\t")] if label == "LOC")


@cache
def _gazetteer_words() -> tuple[frozenset[str], frozenset[str]]:
    firsts: Counter[str] = Counter()
    lasts: Counter[str] = Counter()
    path = resources.files("marsad.extract.ner").joinpath("data", "gazetteer.tsv")
    for line in path.read_text("utf-8").splitlines():
        label, _, phrase = line.partition("\t")
        words = _join_compounds(phrase.split())
        if label == "PERS" and len(words) >= 2:
            firsts[words[0]] += 1
            lasts[words[-1]] += 1
    return (frozenset(w for w, n in firsts.items() if n >= _SHARED_GIVEN),
            frozenset(w for w, n in lasts.items() if n >= _SHARED_SURNAME))


_SHARED_GIVEN = 2
_SHARED_SURNAME = 4


def _lone_given_names(clusters: dict[int, list[_Node]], given: set[str] | frozenset[str]
                      ) -> None:
    """A given name or a shared surname alone (عبدالعزيز، سعد، القحطاني) names no one across
    articles: each of its mentions joins the one full name its own article writes with that
    first or last name, else the article's mentions of it are an entity of their own (not
    linked to other articles', nor to one stored before)."""
    full: dict[tuple[str, str], set[int]] = defaultdict(set)  # (article, first or last name)
    for root, members in clusters.items():
        for n in members:
            if n.group == "PER" and len(n.key) >= 2:
                for art_id, _ in n.mentions:
                    full[art_id, n.key[0]].add(root)
                    if n.key[-2] not in _PARTICLES:  # سعود of آل سعود is not its short name
                        full[art_id, n.key[-1]].add(root)
    alone: dict[tuple[str, tuple[str, ...]], _Node] = {}
    for members in list(clusters.values()):
        if members[0].group != "PER" or not all(
                len(n.key) == 1 and n.key[0] in given for n in members):
            continue
        for n in members:
            for art_id, m in n.mentions:
                roots = full.get((art_id, n.key[0]), set())
                if len(roots) == 1:
                    clusters[next(iter(roots))][0].mentions.append((art_id, m))
                else:
                    key = members[0].key
                    alone.setdefault((art_id, key), _Node(key, "PER")).mentions.append(
                        (art_id, m))
            n.mentions = []
    for n, (_, node) in enumerate(sorted(alone.items(), key=lambda x: x[0])):
        clusters[-1 - n] = [node]


def name_keys(name: str, typ: str) -> list[str]:
    """Blocking keys of a name: a stored entity is a candidate for a new mention when one of
    its variants shares a key with it (every merge `resolve` makes needs a shared key).

    Keys: the consonant skeleton (spelling variants), its one-letter deletions for long
    names (one extra or missing consonant), every contiguous part a short form could be, and
    a person's first and last name (middle names dropped)."""
    k = mention_key(name, typ)
    if not k:
        return []
    group = _TYPE_GROUP.get(typ, "PLACE")
    sk = skeleton("".join(k))
    keys = {f"{group}:s:{sk}"}
    if len("".join(k)) >= 7:
        keys.update(f"{group}:d:{sk[:i]}{sk[i + 1:]}" for i in range(len(sk)))
        keys.add(f"{group}:d:{sk}")
    keys.update(f"{group}:p:{' '.join(k[a:b])}" for a in range(len(k))
                for b in range(a + 1, len(k) + 1))
    if group == "PER" and len(k) >= 2:
        keys.add(f"PER:e:{k[0]} {k[-1]}")
    return sorted(keys)


def _variant_candidates(compacts: list[str]) -> list[tuple[int, int]]:
    """Index pairs (x < y) that `variants_match` could accept: a superset of its matches.

    It accepts equal skeletons (equal names included) or, for names of 8+ characters,
    Indel similarity >= 0.92, which needs both names 7+ long; those are prefiltered with
    rapidfuzz's batch scorer at a lower cutoff so float rounding cannot drop a pair.
    """
    pairs: set[tuple[int, int]] = set()
    by_skel: dict[str, list[int]] = defaultdict(list)
    for x, c in enumerate(compacts):
        by_skel[skeleton(c)].append(x)
    for members in by_skel.values():
        pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    long = [x for x, c in enumerate(compacts) if len(c) >= 7]
    if len(long) > 1:
        texts = [compacts[x] for x in long]
        step = 512  # rows per batch: bounds the score matrix's memory
        for lo in range(0, len(long), step):
            scores = cdist(texts[lo:lo + step], texts, scorer=Indel.normalized_similarity,
                           score_cutoff=0.9, dtype=np.float32, workers=-1)
            for r, c in zip(*np.nonzero(scores), strict=True):
                a, b = long[lo + int(r)], long[int(c)]
                if a < b and max(len(compacts[a]), len(compacts[b])) >= 8:
                    pairs.add((a, b))
    return sorted(pairs)


def _fullest(keys: list[tuple[str, ...]], lex: Lexicon) -> list[tuple[str, ...]]:
    """The person keys no longer key of the list contains: قاسم جومارت and توكاييف are both
    parts of قاسم جومارت توكاييف, not rivals."""
    out: list[tuple[str, ...]] = []
    for k in sorted(set(keys), key=lambda k: (-len(k), k)):
        if not any(len(f) > len(k) and persons_compatible(k, f, lex) for f in out):
            out.append(k)
    return out


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


def _short_form_ok(short: _Node, long: _Node, lex: Lexicon) -> bool:
    n = len(short.key)
    if short.group == "PER":
        # A surname (last tokens), or first name and patronymic (فلاديمير فلاديميروفيتش);
        # a lone first name is too ambiguous, and so is a father or a family (سلمان of
        # محمد بن سلمان, سعود of آل سعود).
        # A nasab start (عبدالله بن عبدالعزيز) is also a king's name: it is the short form
        # of a longer chain (... بن X, ... آل X), not of one ending in another surname.
        prefix = n >= 2 and long.key[:n] == short.key and (
            not _NASAB & set(short.key) or long.key[n] in _PARTICLES)
        return ((long.key[-n:] == short.key or prefix)
                and persons_compatible(short.key, long.key, lex))
    # Places/organisations: a multi-word tail (معاهدة الأمن الجماعي of منظمة ...), but no
    # place is short for the paper of its name.
    return n >= 2 and long.key[-n:] == short.key and long.key[0] != PRESS


def _link_per_article(short: _Node, cands: set[int], nodes: dict[_NodeKey, _Node],
                      order: list[_NodeKey], uf: _UnionFind) -> None:
    # Split the ambiguous short form per article; an article naming exactly one candidate in
    # full gets its short mentions attached to that candidate.
    arts_of = {c: {a for i in uf.members[c] for a, _ in nodes[order[i]].mentions}
               for c in cands}
    if short.group == "PER":  # only into names its core fits
        lex = shipped_lexicon()
        cands = {c for c in cands if all(
            persons_compatible(short.key, k, lex)
            for k in _fullest([nodes[order[i]].key for i in uf.members[c]], lex))}
    for art_id, m in list(short.mentions):
        hits = [c for c in cands if art_id in arts_of[c]]
        if len(hits) == 1:
            short.mentions.remove((art_id, m))
            target = nodes[order[hits[0]]]  # a root is its set's first node
            target.mentions.append((art_id, m))


def _name_rank(s: str, surface: Counter[str], typ: str) -> tuple[int | bool | str, ...]:
    if typ == "PER":
        # Fullest form: most name tokens once titles are dropped, then one that does not
        # stop at a particle (عبدالله بن عبدالعزيز آل), then most common.
        return (len(mention_key(s, "PER")), not _ends_in_particle(s), surface[s], s)
    return (0, True, surface[s], len(s), s)


def _ends_in_particle(s: str) -> bool:
    toks = _join_compounds(tokens(s))
    return bool(toks) and toks[-1] in _PARTICLES


def _entity_id(typ: str, name_key: str) -> str:
    digest = hashlib.sha1(f"{typ}:{name_key}".encode()).hexdigest()[:10]
    return f"{typ.lower()}-{digest}"


def _build_entities(clusters: dict[int, list[_Node]], known: dict[str, Entity],
                    lex: Lexicon) -> tuple[list[Entity], dict[str, str]]:
    entities: list[Entity] = []
    redirects: dict[str, str] = {}
    used: set[str] = set(known)
    for members in clusters.values():
        mentions = [am for n in members for am in n.mentions]
        stored = sorted((known[k] for k in {n.known for n in members} if k is not None),
                        key=lambda e: (-len(e.articles), e.id))
        if not mentions and len(stored) <= 1:
            continue  # a stored entity these articles do not touch
        types = Counter(m.type for _, m in mentions)
        surface = Counter(m.text for _, m in mentions)
        for e in stored:
            types[e.type] += max(len(e.articles), 1)
            surface[e.name] += max(len(e.articles), 1)
            for v in e.variants:
                surface[v] += 0
        typ = max(types, key=lambda t: (types[t], t))
        name = max(surface, key=lambda s, c=surface, t=typ: _name_rank(s, c, t))
        if stored:
            eid = stored[0].id
            redirects.update((e.id, eid) for e in stored[1:])
        else:
            base = _entity_id(typ, " ".join(mention_key(name, typ, lex)))
            eid, n = base, 2
            while eid in used:
                eid, n = f"{base}-{n}", n + 1
        used.add(eid)
        for _, m in mentions:
            m.entity = eid
        entities.append(Entity(
            id=eid, name=name, type=typ,
            variants=sorted(surface, key=lambda s: (-surface[s], s)),
            articles=sorted({a for a, _ in mentions}),
        ))
    entities.sort(key=lambda e: (e.type, e.name, e.id))
    return entities, redirects
