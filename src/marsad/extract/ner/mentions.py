"""Mentions in running text: tokenise with offsets, tag, and trim clitics off the spans."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from marsad.extract.ner.conll import normalise_tag
from marsad.extract.ner.features import best_split, gaz_key_of, without_article
from marsad.extract.ner.lexicon import (
    CALENDAR_WORDS,
    COMMON_COUNT,
    CURRENCY_WORDS,
    FORMULAS,
    GENERIC_HEADS,
    HIJRI_WORDS,
    ORG_HEADS,
    TITLES,
    Lexicon,
    is_function_word,
    shipped_lexicon,
)
from marsad.extract.ner.metrics import spans
from marsad.extract.ner.tagger import Tagger, load_tagger
from marsad.extract.spans import Taken
from marsad.normalise import fold, key, tokens
from marsad.records import Mention

# Words (letters, digits, harakat, tatweel) or single punctuation marks, as ANERcorp splits.
_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+|[^\w\s]")
_SENT_END = {".", "!", "?", "؟", "…", "؛"}
_MAX_SENT = 120  # long lines without punctuation: cut so the CRF sees sentence-sized input


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[list[Token]]:
    """Sentences of tokens with offsets into `text`; a newline also ends a sentence."""
    sents: list[list[Token]] = []
    cur: list[Token] = []
    # Line by line (no token spans a newline), so a sentence break at each new line.
    pos = 0
    for line in text.split("\n"):
        if cur:
            sents.append(cur)
            cur = []
        for m in _TOKEN.finditer(text, pos, pos + len(line)):
            if len(cur) >= _MAX_SENT:
                sents.append(cur)
                cur = []
            word = m.group()
            cur.append(Token(word, *m.span()))
            if word in _SENT_END:
                sents.append(cur)
                cur = []
        pos += len(line) + 1
    if cur:
        sents.append(cur)
    return sents


# Per-word memos: the same words recur across texts, and fold/best_split dominate otherwise.
_MEMO_MAX = 300_000
_FOLDED: dict[str, str] = {}
# id(counts) -> (counts, {folded word: best_split(word, counts)}); holding `counts` keeps
# its id from being reused by another dict while the entry lives.
_SPLITS: dict[int, tuple[dict[str, int], dict[str, tuple[int, str]]]] = {}


def _fold(word: str) -> str:
    f = _FOLDED.get(word)
    if f is None:
        if len(_FOLDED) > _MEMO_MAX:
            _FOLDED.clear()
        f = _FOLDED[word] = fold(word)
    return f


def _split(f: str, counts: dict[str, int], seen: set[str] | None = None) -> tuple[int, str]:
    """`best_split(f, counts, seen)`, with the part that depends on `counts` alone memoised."""
    entry = _SPLITS.get(id(counts))
    if entry is None or entry[0] is not counts:
        if len(_SPLITS) > 16:
            _SPLITS.clear()
        entry = _SPLITS[id(counts)] = (counts, {})
    memo = entry[1]
    r = memo.get(f)
    if r is None:
        if len(memo) > _MEMO_MAX:
            memo.clear()
        r = memo[f] = best_split(f, counts)
    # best_split consults `seen` only when no reading has a corpus count.
    if seen and r[0] == 0 and not counts.get(f, 0):
        return best_split(f, counts, seen)
    return r


def _gaz_key(f: str, counts: dict[str, int]) -> str:
    # gaz_key_of through the memo.
    if not counts:
        return gaz_key_of(f, counts)
    return without_article(_split(f, counts)[1])


def proclitic_length(token: str, counts: dict[str, int], seen: set[str]) -> int:
    """How many leading characters of an entity's first token are clitics, not the name.

    Splitting by form alone over-strips (واشنطن, بيروت, كازاخستان after و): the split kept is
    the one whose remainder is the most frequent word in the news corpora, or, for words the
    corpora don't know, a remainder that occurs on its own in the same text. The article is
    part of the name (القاهرة, ألماتي) unless the same text also writes the name without it.
    """
    f = _fold(token)
    if not f:  # a tatweel used as a dash ("ـ ولله الحمد ـ") folds to nothing
        return 0
    if len(f) != len(token):  # diacritics or ligatures: fold changed lengths
        return _proclitic_length_unfolded(token, counts, seen)
    cut, word = _split(f, counts, seen)
    if cut == 1 and f[0] == "ك" and counts.get(f, 0) >= _RARE:
        return 0  # كيري is a name, not ك + يري: the news knows it as written
    if cut == 0 and f[0] in "وف" and len(f) > 5 and not counts.get(f, 0) and any(
            counts.get(f[1:] + end, 0) for end in ("يا", "ا")):
        # A short form the corpora only know in full (وبيلاروس beside بيلاروسيا).
        return 1
    if word.startswith("ال") and len(word) > 4:
        bare = word[2:]
        if bare in seen and counts.get(bare, 0) >= counts.get(word, 0):
            # لل (cut 1) elided the alef: the article's remaining ل goes too.
            cut += 1 if word != f[cut:] else 2
    return cut


def _proclitic_length_unfolded(token: str, counts: dict[str, int], seen: set[str]) -> int:
    # Fold letter by letter, keeping a map back to the original offsets.
    letters = [(i, fold(c)) for i, c in enumerate(token)]
    letters = [(i, c) for i, c in letters if c]
    folded = "".join(c for _, c in letters)
    n = proclitic_length(folded, counts, seen) if len(folded) == len(letters) else 0
    return letters[n][0] if 0 < n < len(letters) else 0


def _is_nisba(f: str) -> bool:
    # الكازاخستاني، الروسية: adjectives of origin, which precede names but are not names.
    return f.startswith("ال") and len(f) > 5 and f.endswith(("ي", "يه"))


_PLACE_STEMS: dict[int, frozenset[str]] = {}


def _place_stems(gazetteer: dict[tuple[str, ...], str]) -> frozenset[str]:
    """Stems of the adjectives of one-word place names (روس of روسيا)."""
    stems = _PLACE_STEMS.get(id(gazetteer))
    if stems is None:
        stems = frozenset(st for k, v in gazetteer.items() if v == "LOC" and len(k) == 1
                          for st in _nisba_stems(k[0]))
        _PLACE_STEMS[id(gazetteer)] = stems
    return stems


def _is_place_adjective(f: str, stems: frozenset[str]) -> bool:
    # الكازاخستاني / الكازاخي from كازاخستان, الروسية from روسيا; القرضاوي has no such place.
    if not _is_nisba(f):
        return False
    stem = f[2:-2] if f.endswith("يه") else f[2:-1]
    return stem in stems


def _nisba_stems(name: str) -> set[str]:
    # روسيا -> روس، سوريا -> سور، كازاخستان -> كازاخستان and كازاخ، مصر -> مصر
    out = {name}
    for end in ("يا", "ا", "ه"):
        if name.endswith(end) and len(name) - len(end) >= 3:
            out.add(name[:-len(end)])
    if name.endswith("ستان") and len(name) > 6:
        out.add(name[:-4])
    return out


def find_mentions_with(tagger: Tagger, text: str, counts: dict[str, int] | None = None,
                       gazetteer: dict[tuple[str, ...], str] | None = None, *,
                       propagate: bool = True) -> list[Mention]:
    """Mentions found by any tagger. `counts` (word frequencies) and `gazetteer` default to the
    tagger's own resources when it has them (the CRF does). With `propagate`, a name found
    once is also marked where else it occurs in the text."""
    res = getattr(getattr(tagger, "features", None), "res", None)
    if counts is None:
        counts = res.counts if res is not None else {}
    if gazetteer is None:
        gazetteer = res.gazetteer if res is not None else {}
    sents = tokenize(text)
    tags = tagger.tag([[t.text for t in s] for s in sents])
    seen = {_fold(t.text) for s in sents for t in s}
    stems = _place_stems(gazetteer)
    out: list[Mention] = []
    for toks, tg in zip(sents, tags, strict=True):
        for i, j, typ in sorted(spans([normalise_tag(x) for x in tg])):
            # Trim punctuation the tagger included at the edges.
            while i < j and not toks[i].text[0].isalnum():
                i += 1
            while j > i and not toks[j - 1].text[-1].isalnum():
                j -= 1
            if typ == "PER":
                # "رئيس كازاخستان قاسم ..." tagged as one person: the place and any nisba
                # adjective before the name are not part of it.
                while j - i > 2:
                    f = _fold(toks[i].text)
                    place = gazetteer.get((_gaz_key(f, counts),)) == "LOC"
                    if place:
                        m = _mention(text, toks[i], toks[i], "LOC", counts, seen)
                        if m is not None:
                            out.append(m)
                    elif not _is_nisba(f):
                        break
                    i += 1
            if i >= j or (j - i == 1 and (_fold(toks[i].text) in GENERIC_HEADS
                                          or _is_place_adjective(_fold(toks[i].text), stems))):
                continue
            m = _mention(text, toks[i], toks[j - 1], typ, counts, seen)
            if m is not None:
                out.append(m)
    out = _place_cues(text, sents, out, counts, seen)
    out = _person_cues(text, sents, out, counts, seen, stems)
    out = _org_names(text, sents, out, counts, seen, gazetteer)
    if propagate:
        out.extend(_propagate(text, sents, out, counts, seen))
        out.sort(key=lambda m: (m.start, m.end))
    return _names_only(text, out, shipped_lexicon())


_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+")


def is_name_phrase(text: str, typ: str, lex: Lexicon | None = None) -> bool:
    """Whether a mention's text can name something: not only function, calendar, title or
    role words (على أن, يوليو, الرئيس, ولي العهد), not a lone generic head (منطقة), and for a
    person or a one-word mention not only ordinary words either (الظهر, وزير الخارجية القطري)."""
    lex = lex or shipped_lexicon()
    words = _WORD.findall(text)
    core: list[str] = []
    after_title = False
    for w in words:
        f = fold(w)
        if f in TITLES:
            after_title = True
            continue
        # What a title's office is (وزير الخارجية القطري): frequent words with the article.
        after_title = after_title and f.startswith("ال") and lex.count(f) >= COMMON_COUNT
        if not (after_title or is_function_word(w) or f in CALENDAR_WORDS or not f.isalpha()):
            core.append(f)
    if not core or (len(core) == 1 and lex.stem(core[0]) in GENERIC_HEADS):
        return False
    folded = tokens(text)
    if " ".join(folded) in FORMULAS or (
            len(folded) == 2 and folded[1] == "الله" and folded[0].endswith(("ه", "ها"))):
        return False  # رحمه الله، أيده الله، بإذن الله (نصر الله, فضل الله are names)
    if len(core) == 1 and _common_alone(core[0], typ, lex):
        return False
    if typ == "PER" or len(words) == 1:
        return not all(lex.is_common(f) for f in core)
    return True


def _common_alone(f: str, typ: str, lex: Lexicon) -> bool:
    """A word that is no name on its own: a Hijri month for a person (رمضان), a head of
    organisation names (وكالة، التقرير), a currency (دولار), a frequent word with the
    article in a cluster of ordinary words (الشباب، الكهرباء; the mined gazetteer has some),
    or, for a place or organisation, a frequent nisba adjective (الشمالية، المدني)."""
    if (f in ORG_HEADS or lex.stem(f) in ORG_HEADS or f in CURRENCY_WORDS
            or lex.is_definite_common(f)):
        return True
    if typ == "PER":
        return f in HIJRI_WORDS
    return _is_nisba(f) and lex.count(f) >= COMMON_COUNT and not lex.is_place(f)


def _names_only(text: str, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """Mentions without function words at their edges (المملكة أو), and only those that can
    name something (`is_name_phrase`)."""
    out: list[Mention] = []
    for m in found:
        words = [w for w in _WORD.finditer(m.text)]
        while words and is_function_word(words[0].group()):
            words.pop(0)
        while words and is_function_word(words[-1].group()):
            words.pop()
        if not words:
            continue
        if words[0].start() > 0 or words[-1].end() < len(m.text):
            start, end = m.start + words[0].start(), m.start + words[-1].end()
            m = Mention(text=text[start:end], start=start, end=end, type=m.type)
        if is_name_phrase(m.text, m.type, lex):
            out.append(m)
    return out


_PLACE_CUES = frozenset(tokens("مدينة العاصمة بلدة قرية محافظة ولاية إقليم"))
_RARE = 100  # fewer occurrences than this in the news corpora: not an ordinary word


def _place_cues(text: str, sents: list[list[Token]], found: list[Mention],
                counts: dict[str, int], seen: set[str]) -> list[Mention]:
    """What follows a place cue (مدينة X, العاصمة X) is a place: a mention there becomes a
    place (with every same-named mention in the text), and up to three untagged rare words
    there (names the corpora don't know, such as ألما أتا) become one."""
    by_start = {m.start: m for m in found}
    taken = Taken(len(text), ((m.start, m.end) for m in found))
    places: set[str] = set()
    extra: list[Mention] = []
    for toks in sents:
        for i, tok in enumerate(toks[:-1]):
            if _split(_fold(tok.text), counts)[1] not in _PLACE_CUES:
                continue
            nxt = toks[i + 1]
            m = next((by_start[p] for p in range(nxt.start, nxt.end) if p in by_start), None)
            if m is not None:
                places.add(key(m.text))
                continue
            j = i + 1
            last = None
            while j < len(toks) and j <= i + 5:
                t = toks[j]
                if t.text in "-–" and last is not None:
                    j += 1
                    continue
                f = _fold(t.text)
                if not f.isalpha() or counts.get(f, 0) >= _RARE or len(f) < 3:
                    break
                last = j
                j += 1
                if last - i >= 3:
                    break
            if last is None:
                continue
            start, end = nxt.start, toks[last].end
            if not taken.overlaps(start, end):
                extra.append(Mention(text=text[start:end], start=start, end=end, type="LOC"))
                taken.add(start, end)
    if places:
        for m in found:
            if key(m.text) in places:
                m.type = "LOC"
    return sorted(found + extra, key=lambda m: (m.start, m.end))


_PERSON_TITLES = frozenset(tokens(
    "وزير الوزير رئيس الرئيس نائب النائب المتحدث المتحدثة الناطق الناطقة سفير السفير مبعوث "
    "المبعوث الأمين أمين مستشار المستشار زعيم الزعيم قائد القائد مدير المدير العاهل الملك "
    "الأمير الشيخ السيناتور الجنرال"))


def _person_cues(text: str, sents: list[list[Token]], found: list[Mention],
                 counts: dict[str, int], seen: set[str],
                 stems: frozenset[str]) -> list[Mention]:
    """A name the tagger missed after a title and its country (وزير خارجية كازاخستان مختار
    تليوبيردي:): two or three untagged words without clitics, none of them a common word, the
    last one rare (names the corpora don't know), closing the clause, become a person."""
    taken = Taken(len(text), ((m.start, m.end) for m in found))
    by_type = {typ: Taken(len(text), ((m.start, m.end) for m in found if m.type == typ))
               for typ in ("LOC", "ORG", "PER", "MISC")}

    def tagged(t: Token, types: tuple[str, ...] = ("LOC", "ORG", "PER", "MISC")) -> bool:
        return any(by_type[typ].overlaps(t.start, t.end) for typ in types)

    extra: list[Mention] = []
    for toks in sents:
        folded = [_fold(t.text) for t in toks]
        for i, f in enumerate(folded):
            if _split(f, counts)[1] not in _PERSON_TITLES:
                continue
            # The title's country: a place mention or a place's adjective (الروسي), within
            # the next four words and before any punctuation.
            anchor = None
            for k in range(i + 1, min(i + 5, len(toks))):
                if not folded[k].isalpha():
                    break
                if tagged(toks[k], ("LOC",)) or _is_place_adjective(folded[k], stems):
                    anchor = k
                elif anchor is not None:
                    break
            if anchor is None:
                continue
            j = anchor + 1
            if j < len(toks) and toks[j].text in "،,":
                j += 1
            run: list[int] = []
            while j < len(toks) and len(run) < 3 and folded[j].isalpha() and len(folded[j]) > 1:
                # Names after a title carry no clitics (وأسهموا, للإحصاء are not names).
                if (counts.get(folded[j], 0) >= _COMMON or tagged(toks[j])
                        or _split(folded[j], counts, seen)[0]):
                    break
                run.append(j)
                j += 1
            # A given name and a family name (the first without the article), the last word
            # one the corpora hardly know, closing the clause: a verb or an adjective after
            # a title (الرئيس الفرنسي سيتمكن من) fails one of these.
            if (len(run) < 2 or (j < len(toks) and folded[j].isalpha())
                    or folded[run[0]].startswith("ال")
                    or counts.get(folded[run[-1]], 0) >= _RARE):
                continue
            first, last = toks[run[0]], toks[run[-1]]
            if taken.overlaps(first.start, last.end):
                continue
            m = _mention(text, first, last, "PER", counts, seen)
            if m is not None:
                extra.append(m)
                taken.add(m.start, m.end)
    return sorted(found + extra, key=lambda m: (m.start, m.end)) if extra else found


# Heads of organisation names built of nouns: منظمة معاهدة الأمن الجماعي، وكالة الفضاء الروسية.
_ORG_NAME_HEADS = frozenset(tokens(
    "منظمة وكالة وزارة مجلس هيئة لجنة اتحاد جامعة شركة بنك صندوق مؤسسة حزب حركة جبهة جمعية "
    "مركز معهد محكمة رابطة مفوضية"))
_ORG_TAIL = 4  # words after the head
_INITIALISM = re.compile(r"\s*\(\s*([A-Z][A-Z.&-]{1,9})\s*\)")


def _org_names(text: str, sents: list[list[Token]], found: list[Mention],
               counts: dict[str, int], seen: set[str],
               gazetteer: dict[tuple[str, ...], str]) -> list[Mention]:
    """Organisation names kept whole. The tagger often stops short of an organisation's
    last nouns (منظمة معاهدة الأمن | الجماعي) or misses it (وكالة الفضاء الروسية): a head
    (`_ORG_NAME_HEADS`, clitics allowed) followed by up to four words without clitics, the
    first of which may be indefinite (its construct: معاهدة) and the rest definite, is one
    organisation when its last word is a nisba adjective (الجماعي، الروسية) or a place; an
    organisation mention the words belong to is replaced by the whole. An initialism in
    parentheses right after an organisation (CSTO) is a mention of it too."""

    def place(f: str) -> bool:
        return gazetteer.get((_gaz_key(f, counts),)) == "LOC"

    by_pos = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in by_pos]
    drop: set[int] = set()
    extra: list[Mention] = []
    for toks in sents:
        folded = [_fold(t.text) for t in toks]
        covering: list[int | None] = []
        for t in toks:  # the mention over each token (mentions do not overlap)
            k = bisect_left(starts, t.end) - 1
            covering.append(k if k >= 0 and t.start < by_pos[k].end else None)
        for i, f in enumerate(folded):
            head = covering[i]
            if _split(f, counts)[1] not in _ORG_NAME_HEADS or (
                    head is not None and by_pos[head].type not in ("ORG", "MISC")):
                continue
            words: list[int] = []
            j = i + 1
            while j < len(toks) and len(words) < _ORG_TAIL:
                w = folded[j]
                c = covering[j]
                if not w.isalpha() or is_function_word(toks[j].text) or (
                        c is not None and by_pos[c].type not in ("ORG", "MISC")):
                    break
                if not w.startswith("ال") and (words or _split(w, counts, seen)[0]):
                    break
                words.append(j)
                j += 1
            ends = [k for k in words if folded[k].startswith("ال")
                    and (_is_nisba(folded[k]) or place(folded[k]))]
            if not ends:
                continue
            last = max(ends)
            inner = {c for c in covering[i:last + 1] if c is not None}
            if any(by_pos[c].end > toks[last].end or by_pos[c].start < toks[i].start
                   for c in inner):
                continue  # a mention reaching outside the name: leave it be
            m = _mention(text, toks[i], toks[last], "ORG", counts, seen)
            if m is None or any(by_pos[c].start == m.start and by_pos[c].end == m.end
                                for c in inner):
                continue
            drop |= inner
            extra.append(m)
            for k in range(i, last + 1):
                covering[k] = None
    out = [m for k, m in enumerate(by_pos) if k not in drop] + extra
    out.sort(key=lambda m: (m.start, m.end))
    taken = [(m.start, m.end) for m in out]
    for m in list(out):
        if m.type != "ORG":
            continue
        ini = _INITIALISM.match(text, m.end)
        if ini and not any(a < ini.end(1) and ini.start(1) < b for a, b in taken):
            out.append(Mention(ini.group(1), ini.start(1), ini.end(1), "ORG"))
    out.sort(key=lambda m: (m.start, m.end))
    return out


_COMMON = 3000  # a one-word name more frequent than this in the news is also a common word


def _propagate(text: str, sents: list[list[Token]], found: list[Mention],
               counts: dict[str, int], seen: set[str]) -> list[Mention]:
    """Other occurrences of names found elsewhere in the same text (one sense per text):
    a name the tagger recognised once, in a telling context, is the same name where the
    context is weaker."""
    names: dict[tuple[str, ...], str] = {}
    for m in found:
        k = tuple(tokens(m.text))
        if not k or (len(k) == 1 and (len(k[0]) < 4 or counts.get(k[0], 0) > _COMMON)):
            continue
        names.setdefault(k, m.type)
    if not names:
        return []
    longest = max(len(k) for k in names)
    firsts = {k[0] for k in names}
    taken = Taken(len(text), ((m.start, m.end) for m in found))
    extra: list[Mention] = []
    for toks in sents:
        folded = [_fold(t.text) for t in toks]
        i = 0
        while i < len(toks):
            hit = 0
            first = folded[i]
            # The word as written first, then without clitics: a fixed order, so ties
            # between readings never depend on the hash seed.
            stem = _split(first, counts, seen)[1]
            cands = (first,) if stem == first else (first, stem)
            if firsts.isdisjoint(cands):  # no name starts here
                i += 1
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                rest = tuple(folded[i + 1:i + n])
                for cand in cands:
                    typ = names.get((cand, *rest))
                    if typ is None:
                        continue
                    start, end = toks[i].start, toks[i + n - 1].end
                    if not taken.overlaps(start, end):
                        m = _mention(text, toks[i], toks[i + n - 1], typ, counts, seen)
                        if m is not None:
                            extra.append(m)
                            taken.add(start, end)
                    hit = n
                    break
                if hit:
                    break
            i += max(hit, 1)
    return extra


def _mention(text: str, first: Token, last: Token, typ: str, counts: dict[str, int],
             seen: set[str]) -> Mention | None:
    start = first.start + proclitic_length(first.text, counts, seen)
    if start >= last.end:
        return None
    return Mention(text=text[start:last.end], start=start, end=last.end, type=typ)


def find_mentions(text: str) -> list[Mention]:
    """Named entities in `text` with the shipped model: offsets index `text`, types PER, LOC,
    ORG or MISC, clitics (و ف ب ل ك, and ال when not part of the name) outside the span."""
    return find_mentions_with(load_tagger(None), text)
