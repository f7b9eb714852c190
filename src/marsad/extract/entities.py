"""Cross-article entity resolution: one Entity per real-world person, place or organisation.

Mentions are keyed by their folded tokens (`marsad.normalise`), with titles and generic
descriptors (الرئيس, جمهورية, مدينة ...) dropped. Keys are then merged when they are
 - the same word sequence once spaces and hyphens are ignored (ألما آتا = ألما-آتا = ألماآتا);
 - transliteration variants: the same consonant skeleton (long vowels and hamza seats
   removed) and a high character similarity (ألماتي ~ ألما آتا, توكاييف ~ توكايف);
 - the same first and last name with and without middle names;
 - a short form of exactly one longer name (توكاييف -> قاسم جومارت توكاييف), preferring the
   long name seen in the same article, and staying apart when the short form is ambiguous.
Different names that merely share letters (كازاخستان / قرغيزستان) differ in skeleton.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from marsad.extract.ner.mentions import Token, tokenize
from marsad.normalise import tokens
from marsad.records import Article, Entity, Mention

# Words that precede a name without being part of it (folded forms).
TITLES = frozenset(tokens(
    "الرئيس رئيس السيد السيدة الشيخ الشيخة الأمير الأميرة الملك الملكة الدكتور الدكتورة "
    "د المهندس الأستاذ الوزير وزير وزيرة الوزيرة النائب نائب الجنرال اللواء العميد العقيد "
    "المشير الفريق الزعيم المستشار المستشارة الإمام البابا السلطان القائد الحاج المدرب "
    "اللاعب الفنان الفنانة الكاتب الكاتبة المتحدث المتحدثة الناطق المحامي القاضي السفير "
    "السفيرة المبعوث الممثل الممثلة المغني المغنية"
))
# Generic heads of place names that the same place is also named without.
LOC_HEADS = frozenset(tokens("جمهورية دولة مدينة مملكة إمارة سلطنة"))
_VOWELS = str.maketrans("", "", "اويء")
_TYPE_GROUP = {"PER": "PER", "LOC": "PLACE", "ORG": "PLACE", "MISC": "PLACE"}


def mention_key(text: str, typ: str) -> tuple[str, ...]:
    """Folded tokens of a mention without leading titles/descriptors or a nisba that follows."""
    toks = tokens(text)
    heads = TITLES if typ == "PER" else LOC_HEADS if typ == "LOC" else frozenset()
    while len(toks) > 1 and toks[0] in heads:
        toks = toks[1:]
    if typ == "PER":
        # "الرئيس الكازاخستاني قاسم ...": an adjective right after a title is not the name.
        while len(toks) > 1 and toks[0].startswith("ال") and toks[0].endswith(("ي", "يه")):
            toks = toks[1:]
    return tuple(toks)


def skeleton(compact: str) -> str:
    """Consonant skeleton: drop long vowels and hamza seats, which transliterations vary."""
    return compact.translate(_VOWELS)


@dataclass
class _Node:
    key: tuple[str, ...]
    group: str
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (article id, mention)

    @property
    def compact(self) -> str:
        return "".join(self.key)


class _UnionFind:
    """Union-find whose roots are their set's smallest member, and which lists members."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}  # root -> its set (any order)

    def find(self, x: int) -> int:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = [x]
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = min(ra, rb), max(ra, rb)
            self.parent[hi] = lo
            self.members[lo].extend(self.members.pop(hi))


def variants_match(a: str, b: str) -> bool:
    """Two compact (space-free, folded) names that are spellings of one name."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    short, long = sorted((a, b), key=len)
    if long in (short + "ي", short + "يه"):  # الصيني is the adjective of الصين
        return False
    sa, sb = skeleton(a), skeleton(b)
    sim = Indel.normalized_similarity(a, b)
    if sa == sb and len(sa) >= 3 and sim >= 0.75:
        return True
    # One extra or missing consonant in a long name (بيلاروس / بيلاروسيا stays out: <0.9).
    return len(a) >= 8 and sim >= 0.92


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def recover_mentions(articles: list[Article]) -> int:
    """Add mentions for names found in one article where another writes them unnoticed.

    A name the tagger found in one outlet's report (ألما أتا after مدينة) is looked for, in
    any of its spellings, in the other articles' text: windows of one to three words whose
    space- and hyphen-free form is the name or a variant of it (`variants_match`). Returns
    the number of mentions added.
    """

    by_skeleton: dict[str, list[tuple[str, str]]] = defaultdict(list)
    known: set[str] = set()
    for art in articles:
        for m in art.mentions:
            compact = "".join(mention_key(m.text, m.type))
            if len(compact) >= 5 and compact not in known and m.type in ("PER", "LOC", "ORG"):
                known.add(compact)
                by_skeleton[skeleton(compact)].append((compact, m.type))
    prefixes = {sk[:j] for sk in by_skeleton for j in range(len(sk) + 1)}
    added = 0
    # word -> (its folded tokens joined, their skeleton): a window's forms are the
    # concatenations of its words'.
    pieces: dict[str, tuple[str, str]] = {}
    for art in articles:
        taken = [(m.start, m.end) for m in art.mentions]
        new: list[Mention] = []
        for sent in tokenize(art.text):
            runs: list[list[Token]] = [[]]
            for t in sent:  # windows never cross punctuation, except a hyphen in a name
                if t.text[0].isalnum():
                    runs[-1].append(t)
                elif t.text not in ("-", "–"):
                    runs.append([])
            for words in runs:
                added += _recover_run(art, words, by_skeleton, taken, new, pieces, prefixes)
        if new:
            art.mentions = sorted([*art.mentions, *new], key=lambda m: (m.start, m.end))
    return added


def _recover_run(art: Article, words: list[Token], by_skeleton: dict[str, list[tuple[str, str]]],
                 taken: list[tuple[int, int]], new: list[Mention],
                 pieces: dict[str, tuple[str, str]] | None = None,
                 prefixes: set[str] | None = None) -> int:
    """Longest-first windows of 3, 2, 1 words over a run of words without punctuation.

    `pieces` memoises each word's forms; `prefixes` (every prefix of every key of
    `by_skeleton`) lets windows whose first word can't begin a known skeleton be skipped.
    """
    if pieces is None:
        pieces = {}
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
            if len(compact) < 5:
                continue
            for name, typ in by_skeleton.get("".join(skels[i:i + n]), ()):
                if variants_match(compact, name):
                    if not any(a < last.end and first.start < b for a, b in taken):
                        new.append(Mention(text=art.text[first.start:last.end],
                                           start=first.start, end=last.end, type=typ))
                        taken.append((first.start, last.end))
                        added += 1
                    hit = n
                    break
            if hit:
                break
        i += max(hit, 1)
    return added


def resolve(articles: list[Article], *, recover: bool = True) -> list[Entity]:
    """Group every article's mentions into entities; sets `mention.entity` to the entity id.

    With `recover`, names found in one article are first also looked for in the others
    (`recover_mentions`), so an outlet's spelling the tagger missed still joins its entity.
    """
    if recover:
        recover_mentions(articles)
    nodes: dict[tuple[str, tuple[str, ...]], _Node] = {}
    for art in articles:
        for m in art.mentions:
            k = mention_key(m.text, m.type)
            if not k:
                continue
            group = _TYPE_GROUP.get(m.type, "PLACE")
            node = nodes.setdefault((group, k), _Node(k, group))
            node.mentions.append((art.id, m))
    # The same multi-word name tagged a person in one article and a place in others (نور
    # سلطان after العاصمة vs. alone) is one name: the minority reading joins the majority.
    for (group, k), node in list(nodes.items()):
        other = nodes.get(("PLACE" if group == "PER" else "PER", k))
        if other is not None and len(k) >= 2 and len(node.mentions) < len(other.mentions):
            other.mentions.extend(node.mentions)
            node.mentions.clear()
    nodes = {nk: n for nk, n in nodes.items() if n.mentions}
    order = sorted(nodes)  # deterministic
    uf = _UnionFind()
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, nk in enumerate(order):
        uf.find(i)
        by_group[nk[0]].append(i)

    # 1. Spelling and transliteration variants. Only pairs that could match are compared
    # (same skeleton, or similar long names): the partition is that of all pairs.
    for ids in by_group.values():
        compacts = [nodes[order[i]].compact for i in ids]
        for x, y in _variant_candidates(compacts):
            if variants_match(compacts[x], compacts[y]):
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

    # 3. Short forms: a name that is a contiguous part of longer names of the same group.
    for ids in by_group.values():
        # Every contiguous part of every name -> the names holding it, in `ids` order.
        parts: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for j in ids:
            kj = nodes[order[j]].key
            for part in {kj[a:b] for a in range(len(kj)) for b in range(a + 1, len(kj) + 1)
                         if b - a < len(kj)}:
                parts[part].append(j)
        for i in ids:
            short = nodes[order[i]]
            cands = {uf.find(j) for j in parts.get(short.key, ())
                     if _short_form_ok(short, nodes[order[j]])}
            cands.discard(uf.find(i))
            if len(cands) == 1:
                uf.union(i, cands.pop())
            elif cands:
                # Ambiguous overall: link per article to the long name that article uses.
                _link_per_article(short, cands, nodes, order, uf)

    clusters: dict[int, list[_Node]] = defaultdict(list)
    for i, nk in enumerate(order):
        clusters[uf.find(i)].append(nodes[nk])
    return _build_entities(clusters)


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


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


def _short_form_ok(short: _Node, long: _Node) -> bool:
    n = len(short.key)
    if short.group == "PER":
        # A surname (last tokens), or first name and patronymic (فلاديمير فلاديميروفيتش);
        # a lone first name is too ambiguous.
        return long.key[-n:] == short.key or (n >= 2 and long.key[:n] == short.key)
    # Places/organisations: a multi-word tail (معاهدة الأمن الجماعي of منظمة ...).
    return n >= 2 and long.key[-n:] == short.key


_NodeKey = tuple[str, tuple[str, ...]]


def _link_per_article(short: _Node, cands: set[int], nodes: dict[_NodeKey, _Node],
                      order: list[_NodeKey], uf: _UnionFind) -> None:
    # Split the ambiguous short form per article; an article naming exactly one candidate in
    # full gets its short mentions attached to that candidate.
    arts_of = {c: {a for i in uf.members[c] for a, _ in nodes[order[i]].mentions}
               for c in cands}
    for art_id, m in list(short.mentions):
        hits = [c for c in cands if art_id in arts_of[c]]
        if len(hits) == 1:
            short.mentions.remove((art_id, m))
            target = nodes[order[hits[0]]]  # a root is its set's first node
            target.mentions.append((art_id, m))


def _name_rank(s: str, surface: Counter[str], typ: str) -> tuple[int, int, str]:
    if typ == "PER":
        # Fullest form: most name tokens once titles are dropped, then most common.
        return (len(mention_key(s, "PER")), surface[s], s)
    return (surface[s], len(s), s)


def _entity_id(typ: str, name_key: str) -> str:
    digest = hashlib.sha1(f"{typ}:{name_key}".encode()).hexdigest()[:10]
    return f"{typ.lower()}-{digest}"


def _build_entities(clusters: dict[int, list[_Node]]) -> list[Entity]:
    entities: list[Entity] = []
    used: set[str] = set()
    for members in clusters.values():
        mentions = [am for n in members for am in n.mentions]
        if not mentions:
            continue
        types = Counter(m.type for _, m in mentions)
        typ = max(types, key=lambda t: (types[t], t))
        surface = Counter(m.text for _, m in mentions)
        name = max(surface, key=lambda s, c=surface, t=typ: _name_rank(s, c, t))
        base = _entity_id(typ, " ".join(mention_key(name, typ)))
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
    return entities
