"""Rules that find figures: number parsing, the counted noun, hedges, exclusions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.quantities.lexicon import (
    AFTER_MONEY,
    ARMED_HEADS,
    BARE_OK_PREV,
    CLITICS,
    COUNT_ADJ,
    COUNT_CONTEXT,
    CURRENCIES,
    DUAL_ENDS,
    DUALABLE,
    FORMS,
    GROUP_MEMBERS,
    HEDGE_WORDS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    HUNDREDS,
    IDENTIFIER_NOUNS,
    KILO,
    LABEL_NOUNS,
    MAY_FOLLOW,
    MEMBER_HEADS,
    MODIFIER_SPELLING,
    MONTHS,
    NOT_DUALS,
    NUMBER_STARTS,
    NUMBER_WORDS,
    ONE_TWO,
    ONE_TWO_WORDS,
    ONES,
    ORGANISATIONS,
    OTHERS,
    PERCENT,
    PLURALS,
    SCALES,
    SINGULARS,
    STARTERS,
    STOP,
    TEEN_HEADS,
    TENS,
    TIME_AFTER,
    TIME_BEFORE,
    TIME_KEYS,
    TIME_UNITS,
    UNIT_MODIFIERS,
    VAGUE,
    WEEKDAYS,
    YEAR_BEFORE,
)
from marsad.normalise import fold, fold_map, strip_diacritics
from marsad.records import Quantity

# "8ر2": a decimal written with ر and its two parts in reverse (2.8), as wire copy prints it;
# "8. 14 مليون" is the same reversed decimal (14.8) with a point and a space, before a scale
# word only; "4،3 ملايين": an Arabic comma as the decimal point, before a scale word only.
_SCALE_AHEAD = r"(?=\s*(?:مليون|ملايين|مليار|مليارات|بليون|الف|الاف|تريليون)(?![\u0621-\u064a]))"
_TOKEN_RE = re.compile(
    r"(?P<num>\d+ر\d+(?![\u0621-\u064a\d])"
    rf"|(?<![\d.,\u060c])\d{{1,2}}\. \d{{1,3}}{_SCALE_AHEAD}|\d+\u060c\d{{1,3}}{_SCALE_AHEAD}"
    r"|\d+(?:[.,\u066b\u066c]\d+)*)"
    r"|(?P<word>[\u0621-\u064a]+)|(?P<lat>[^\W\d_]+)|(?P<p>\S|\n)"
)


@dataclass(slots=True)
class _Tok:
    kind: str  # num | word | lat | p
    text: str
    start: int  # folded offsets
    end: int


@dataclass(slots=True)
class _Fig:
    first: int  # token index of the first token of the whole expression
    num_first: int
    num_last: int  # last token of the number (including scale words)
    last: int  # last token of the whole expression
    value: float
    digits: bool
    approx: bool = False
    bound: str | None = None
    unit: str | None = None
    unit_from_text: bool = False
    dropped: bool = False
    clitic: bool = False  # first token carries a conjunction/preposition to skip


def _strip_article(f: str) -> str:
    for pre in ("وال", "بال", "فال", "كال", "لل", "ال"):
        if f.startswith(pre) and len(f) - len(pre) >= 2:
            return f[len(pre) :] if pre != "لل" else f[2:]
    return f


@lru_cache(maxsize=65536)
def _key_folded(f: str) -> tuple[str, bool]:
    """Key of a folded noun, and whether the lexicon knew it."""
    cands = [f]
    if f.endswith("ا") and len(f) > 2:
        cands.append(f[:-1])  # accusative tanwin alef: قتيلا
    if f.endswith("اء") and len(f) > 3:
        cands.append(f[:-1])
    for suf, rep in (
        ("يين", "ي"),
        ("يون", "ي"),
        ("ين", ""),
        ("ون", ""),
        ("ات", "ه"),
        ("ات", ""),
        ("تين", "ه"),
        ("تان", "ه"),
        ("ان", ""),
        ("يات", "يه"),
    ):
        if f.endswith(suf) and len(f) - len(suf) >= 2:
            cands.append(f[: -len(suf)] + rep)
    if f.endswith("ي") and len(f) > 3:
        cands.append(f + "ن")  # construct state of a sound plural: "منفذي" (منفذين)
    for c in cands:
        if c in FORMS:
            return FORMS[c], True
    return f, False


def unit_key(noun: str) -> str:
    """The counted noun as a key: singular indefinite lemma, no diacritics or article.

    "قتيلاً"، "قتلى"، "القتلى" → "قتيل"; "جنود"، "جندياً"، "جنديين" → "جندي";
    "مركبات" → "مركبة"; "دولارات" → "دولار"; "%"، "في المئة" → "بالمئة".
    Unknown words keep their written spelling minus article and case ending.
    Multi-word units ("كيلومتر مربع") key their head word and keep the rest.
    """
    words = strip_diacritics(noun).split()
    if not words:
        return ""
    if len(words) > 1 and fold(words[0]) in {"في", "ب"}:
        words = words[1:]
    head, rest = words[0], words[1:]
    f = fold(head)
    key, known = _key_folded(f)
    if not known:
        bare = _strip_article(f)
        key, known = _key_folded(bare)
        if not known:
            # Keep the writer's spelling (ة, hamza) for unknown words.
            cut = len(f) - len(bare)
            key = head[cut:] if len(head) == len(f) else bare
            if key.endswith("ا") and len(key) > 3 and not key.endswith("يا"):
                key = key[:-1]
            elif key.endswith("اً"):
                key = key[:-2]
            key = _regular_singular(key)
    tail = [strip_diacritics(w) for w in rest if fold(w) in UNIT_MODIFIERS]
    return " ".join([key, *tail])


def _regular_singular(word: str) -> str:
    """Singular of an unknown regular plural: nisba "إسرائيليين" → "إسرائيلي",
    participle "مجيبين" → "مجيب". Other unknown words are kept as written."""
    for suf in ("يين", "يون"):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)] + "ي"
    if word.startswith("م") and word.endswith(("ين", "ون")) and len(word) >= 6:
        return word[:-2]
    return word


def _is_counted_noun(tok: _Tok) -> bool:
    if tok.kind != "word":
        return tok.text in {"%", "٪", "$", "€", "£"}
    f = tok.text
    if f in STOP or f in MONTHS or f in WEEKDAYS:
        return False
    if f in FORMS or _key_folded(f)[1]:
        return True
    if f.startswith(("و", "ف")) and len(f) >= 5 and f.endswith("ي") and f[1:] not in STOP:
        return not f[1:].startswith("ال")  # an unknown nisba noun: "فلبيني", "فنزويلي"
    if f.startswith(("و", "ف")) or f.startswith("ال") or f.startswith("لل"):
        return False
    if f[0] in "بل" and len(f) >= 4:
        return False  # a preposition phrase: "أصيب 200 بجروح"
    # Unknown words with an imperfective prefix are most often verbs ("40 تظهر").
    if f.startswith("ي") or (f[0] in "تن" and len(f) <= 5 and not f.endswith("ه")):
        return False
    return len(f) >= 2


def _digits_value(s: str, scaled: bool = False) -> float:
    """Value of a digit token; `scaled` when a scale word follows ("13.226 مليار")."""
    if "ر" in s or ". " in s:
        fraction, _, whole = s.partition("ر" if "ر" in s else ". ")
        return float(whole + "." + fraction)
    s = s.replace("\u060c", ".")
    s = s.replace("\u066c", ",").replace("\u066b", ".")
    parts = re.split(r"[.,]", s)
    seps = re.findall(r"[.,]", s)
    if not seps:
        return float(s)
    if scaled and len(seps) == 1:
        # Before a scale word one separator is the decimal point: nobody writes
        # 13226 billion as "13.226 مليار" (guidelines: "7,967 ملايين" is 7.967 million).
        return float(parts[0] + "." + parts[1])
    # Groups of exactly three after a separator are thousands ("1,600", "1.600");
    # a lone other-length group is a decimal part ("2.5", "1,5").
    thousands = all(len(p) == 3 for p in parts[1:]) and (len(seps) > 1 or len(parts[0]) <= 3)
    if thousands and len(set(seps)) == 1 and not (s.startswith("0") and seps[0] == "."):
        return float("".join(parts))
    if len(seps) == 1:
        return float(parts[0] + "." + parts[1])
    # Mixed: the last separator is the decimal point.
    head = "".join(parts[:-1])
    return float(head + "." + parts[-1])


def _strip_clitic(w: str, table: dict[str, object]) -> str | None:
    if w in table:
        return w
    if len(w) > 2 and w[0] in CLITICS and w[1:] in table:
        return w[1:]
    return None


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.n = len(toks)

    def word(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < self.n and self.toks[i].kind == "word" else ""

    def tok_is(self, i: int, text: str) -> bool:
        return 0 <= i < self.n and self.toks[i].text == text

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i and j (i < j) touch, with no space between them."""
        return self.toks[i].end == self.toks[j].start

    def scale(self, j: int, cur: float, has_num: bool) -> tuple[float, int] | None:
        """Apply a scale word at j to `cur`; return (value, last token) or None."""
        w = self.word(j)
        if w not in SCALES:
            return None
        mult, kind = SCALES[w]
        if has_num:
            if kind == "dual":
                return None
            value = cur * mult
        elif kind == "plural":
            return None  # "آلاف" alone is vague
        elif kind == "dual" or (w in ("الفا", "مليونا", "مليارا") and not self.and_more(j)):
            value = 2 * mult  # "مليارا دولار": two; "مليارا وتسعة وخمسين مليونا": one and more
        else:
            value = mult
        return self._and_a_half(j, w, value, mult)

    def and_more(self, j: int) -> bool:
        """Whether "و" and a number follow word j ("مليارا وتسعة", "مليونا و800 ألف")."""
        nxt = self.word(j + 1)
        if nxt == "و":
            return j + 2 < self.n and self.toks[j + 2].kind == "num"
        return nxt.startswith("و") and nxt[1:] in NUMBER_WORDS

    def _and_a_half(self, j: int, w: str, value: float, mult: float) -> tuple[float, int]:
        """Add a following "ونصف" to a scale word at `j`: "مليون ونصف (مليون)"."""
        if self.word(j + 1) != "ونصف":
            return value, j
        if self.word(j + 2) == w:
            return value + mult / 2, j + 2  # "مليون ونصف مليون لاجئ"
        return value + mult / 2, j + 1

    def number(self, i: int) -> tuple[float, int, bool] | None:
        """Parse a number starting at token i: (value, last token index, from digits)."""
        got = self.simple_number(i)
        if got is None:
            return None
        value, last, digits = got
        # "مليونا و800 ألف ريال", "3 ملايين و500 ألف": one figure.
        if (
            self.word(last) in SCALES
            and self.word(last + 1) == "و"
            and last + 2 < self.n
            and self.toks[last + 2].kind == "num"
            and self.adjacent(last + 1, last + 2)
        ):
            more = self.simple_number(last + 2)
            if more is not None and more[1] > last + 2 and more[0] < value:
                return value + more[0], more[1], digits
        return value, last, digits

    def simple_number(self, i: int) -> tuple[float, int, bool] | None:
        tok = self.toks[i]
        if tok.kind == "num":
            try:
                value = _digits_value(tok.text, self.word(i + 1) in SCALES)
            except ValueError:
                return None
            last = i
            sc = self.scale(i + 1, value, True)
            if sc is None and self.tok_is(i - 1, "(") and self.tok_is(i + 1, ")"):
                sc = self.scale(i + 2, value, True)  # "(1.7) مليون وظيفة"
            if sc:
                value, last = sc
            return value, last, True
        if tok.kind != "word":
            return None
        return self.words(i)

    def piece(self, w: str, j: int, first: bool) -> tuple[float, str, int] | None:
        """One number word at j (w has its conjunction removed): (value, kind, last)."""
        head = _strip_clitic(w, TEEN_HEADS) if first else (w if w in TEEN_HEADS else None)
        if head and self.word(j + 1) in ("عشر", "عشره"):
            return 10 + TEEN_HEADS[head], "teen", j + 1
        one = _strip_clitic(w, ONES) if first else (w if w in ONES else None)
        if one and (one not in ONE_TWO or self.tens_follow(j)):
            if self.word(j + 1) in ("عشر", "عشره") and one not in ("عشر", "عشره"):
                return 10 + ONES[one], "teen", j + 1
            if self.word(j + 1) in ("ميه", "مايه"):
                return ONES[one] * 100, "hundred", j + 1
            return ONES[one], "ones", j
        ten = _strip_clitic(w, TENS) if first else (w if w in TENS else None)
        if ten:
            return TENS[ten], "tens", j
        hundred = _strip_clitic(w, HUNDREDS) if first else (w if w in HUNDREDS else None)
        if hundred:
            return HUNDREDS[hundred], "hundred", j
        return None

    def tens_follow(self, j: int) -> bool:
        """Whether "وعشرون"-like tens follow word j: "اثنان وعشرون" is 22, not "اثنان"."""
        nxt = self.word(j + 1)
        return nxt.startswith("و") and nxt[1:] in TENS

    def words(self, i: int) -> tuple[float, int, bool] | None:
        """Number words: "ثمانية آلاف"، "خمسة وعشرين"، "مليون ونصف"، "نصف مليون"."""
        w = self.word(i)
        if w.startswith("ال") and w not in SCALES:
            return None  # definite: ordinal or back-reference ("الثلاثة"); "ألف" is not
        if w == "نصف" and self.word(i + 1) in SCALES:
            sc = self.scale(i + 1, 0.5, True)
            return (sc[0], sc[1], False) if sc else None
        total = 0.0
        cur = 0.0
        last = -1
        kind_before = ""
        j = i
        while j < self.n:
            w = self.word(j)
            if not w:
                break
            if kind_before:
                if not (w.startswith("و") and len(w) > 2):
                    break
                w = w[1:]
            got = self.piece(w, j, not kind_before)
            if got is None:
                if not kind_before and (sw := _strip_clitic(w, SCALES)):
                    sc = self.scale_word(sw, j)
                    if sc is None:
                        return None
                    total, last = sc
                    kind_before = "scale"
                    j = last + 1
                    continue
                break
            value, kind, end = got
            if kind not in MAY_FOLLOW[kind_before]:
                break
            cur += value
            last = end
            kind_before = kind
            j = end + 1
            sc = self.scale(j, cur, True)
            if sc:
                total += sc[0]
                cur = 0
                last = sc[1]
                kind_before = "scale"
                j = last + 1
        if last < 0:
            return None
        # "ثلاثة وأربعين فاصلة ثمانية كيلوجرامات": the decimal point in words (43.8).
        if self.word(last + 1) == "فاصله" and cur and not total:
            frac = self.piece(self.word(last + 2), last + 2, False)
            if frac is not None and frac[1] == "ones":
                return cur + frac[0] / 10, last + 2, False
        return total + cur, last, False

    def scale_word(self, w: str, j: int) -> tuple[float, int] | None:
        mult, kind = SCALES[w]
        if kind == "plural":
            return None
        two = kind == "dual" or (w in ("الفا", "مليونا", "مليارا") and not self.and_more(j))
        value = 2 * mult if two else mult
        return self._and_a_half(j, w, value, mult)


@lru_cache(maxsize=65536)
def _dual(f: str) -> str | None:
    """Singular key when `f` is an indefinite dual of a countable noun ("جنديين")."""
    clitic = len(f) > 4 and f[0] in "بل" and not f.startswith("لل")  # "للصين" is ل+ال
    for w in (f, f[1:] if clitic else ""):
        if not w or w.startswith("ال") or w in PLURALS or w in NOT_DUALS:
            continue  # "ناشطين" is the listed plural of ناشط, not its dual
        for suf, rep in (("تين", "ه"), ("تان", "ه"), ("ين", ""), ("ان", "")):
            if w.endswith(suf) and len(w) - len(suf) >= 2:
                stem = w[: -len(suf)] + rep
                # "هدفين" is mostly a score.
                if stem in TIME_UNITS or stem == "هدف":
                    return None
                # Nominative "-ان" is never a plural ("عسكريان"); "-ين" is for nouns
                # whose plural is broken or feminine.
                if stem in SINGULARS and (stem in DUALABLE or rep == "ه" or suf == "ان"):
                    return FORMS.get(stem, stem)
    return None


def _hedge_before(p: _Parser, i: int) -> tuple[int, str | None] | None:
    """A hedge ending right before token i: (its first token, bound)."""
    for seq, bound in HEDGES_BEFORE:
        k = len(seq)
        if i - k < 0:
            continue
        ok = True
        for m, w in enumerate(seq):
            t = p.word(i - k + m)
            if m == 0 and t != w and not (len(t) == len(w) + 1 and t[0] in CLITICS and t[1:] == w):
                ok = False
                break
            if m == 0 and t == "ل" + w and w in ("يصل", "تصل"):
                ok = False  # "ليصل إلى 50.50 دولار": the value reached, not "up to"
                break
            if m > 0 and t != w:
                ok = False
                break
        if ok:
            return i - k, bound
    return None


def _sentence_start(p: _Parser, i: int, limit: int = 14) -> int:
    j = i
    while j > 0 and i - j < limit:
        t = p.toks[j - 1]
        if t.kind == "p" and t.text in ".!?؟؛\n":
            break
        j -= 1
    return j


def _context_unit(p: _Parser, i: int) -> str | None:
    """Unit of an elided noun from a preceding "عدد/حصيلة X" in the clause."""
    lo = _sentence_start(p, i)
    for j in range(i - 1, lo - 1, -1):
        w = p.word(j)
        base = w[1:] if w[:1] in "وب" and w[1:] in COUNT_CONTEXT else w
        base = _strip_article(base) if base not in COUNT_CONTEXT else base
        if base in COUNT_CONTEXT:
            for k in range(j + 1, min(j + 4, i)):
                nw = p.word(k)
                if not nw or nw in COUNT_ADJ or nw in STOP:
                    continue
                return unit_key(_strip_article(nw))
            return None
    return None


def _is_date_after(p: _Parser, j: int) -> bool:
    """Token j starts a month name or "من الشهر" (so the number before is a day)."""
    w = p.word(j)
    nxt = p.word(j + 1)
    return w in MONTHS or (w == "من" and (nxt in MONTHS or nxt in ("الشهر", "شهر")))


def _exclusion(p: _Parser, fig: _Fig) -> bool:
    """True when a digit figure is a year, date, time, ordinal, id or score."""
    toks = p.toks
    i, last = fig.num_first, fig.num_last
    tok = toks[i]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[last + 1] if last + 1 < p.n else None
    nxt2 = toks[last + 2] if last + 2 < p.n else None
    # Glued to Latin letters or inside codes: G20, F-16, 5+1, 14:15, 6-1-2022, 2/3.
    if prev is not None and p.adjacent(i - 1, i):
        if prev.kind == "lat" or prev.text in ":/+#@_" or prev.text == "ال":
            return True
        if prev.text in "-–" and i > 1 and p.adjacent(i - 2, i - 1):
            return True
        if prev.text in ".," and i > 1 and toks[i - 2].kind == "num":
            return True
    if prev is not None and prev.text == "ال":
        return True  # "الـ 17"
    if nxt is not None and last == i and p.adjacent(last, last + 1):
        if nxt.kind == "lat" or nxt.text in ":/+" or nxt.text in ("ه", "م"):
            return True
        if nxt.text in "-–" and nxt2 is not None and nxt2.kind == "num":
            return True
    if nxt is not None and nxt.text in "-–/" and nxt2 is not None and nxt2.kind == "num":
        return True  # score 2 - 1, date 6 / 1
    if prev is not None and prev.text in "-–" and i > 1 and toks[i - 2].kind == "num":
        return True
    if nxt is not None and nxt.kind == "word" and nxt.text in TIME_AFTER:
        return True
    # Days of a month: "5 يناير", "17 من مايو", "5 إلى 19 كانون الثاني".
    if _is_date_after(p, last + 1):
        return True
    if nxt is not None and nxt.text in ("الي", "و", "-") and last + 2 < p.n:
        k = last + 2
        if toks[k].kind == "num" and _is_date_after(p, k + 1):
            return True
    pw = p.word(i - 1)
    if pw in TIME_BEFORE or pw in WEEKDAYS or pw in MONTHS:
        return True
    if pw and pw[:1] in "بلو" and pw[1:] in TIME_BEFORE:
        return True
    if len(tok.text) >= 7 and tok.text.isdigit() and tok.text.startswith("0"):
        return True  # phone number
    value = fig.value
    if fig.num_last == fig.num_first and tok.text.isdigit() and len(tok.text) == 4:
        # A year-like number is a count only before a noun the lexicon knows.
        if (1800 <= value <= 2100 or 1300 <= value <= 1500) and not (
            fig.unit_from_text and nxt is not None and _key_folded(nxt.text)[1]
        ):
            return True
        if pw in YEAR_BEFORE or (pw[:1] in "بلو" and pw[1:] in YEAR_BEFORE):
            return True
    return False


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in `text`, in order, with offsets into `text`."""
    folded, omap = fold_map(text)
    toks = [_Tok(m.lastgroup or "p", m.group(), m.start(), m.end())
            for m in _TOKEN_RE.finditer(folded)]  # fmt: skip
    p = _Parser(toks)
    figs: list[_Fig] = []
    # Only digits, number words and dual-like words can start a figure: visit those.
    cands = [
        k
        for k, t in enumerate(toks)
        if t.kind == "num"
        or (t.kind == "word" and (t.text in STARTERS or t.text.endswith(DUAL_ENDS)
                                  or t.text in ("بالف", "لالف")))
    ]
    nxt_free = 0  # first token not yet inside a figure
    for i in cands:
        if i < nxt_free:
            continue
        tok = toks[i]
        parsed = None
        if tok.kind == "num" or tok.text in NUMBER_STARTS or (
            (tok.text in ONE_TWO_WORDS or (tok.text[:1] in CLITICS
                                           and tok.text[1:] in ONE_TWO_WORDS))
            and p.tens_follow(i)) or (
            tok.text in ("بالف", "لالف") and p.and_more(i) and p.word(i + 1) != "و") or (
            tok.text == "والف" and i > 0 and toks[i - 1].kind == "num"  # "بين 250 وألف"
        ):
            parsed = p.number(i)
        if parsed is not None:
            value, last, digits = parsed
            fig = _Fig(i, i, last, last, value, digits)
            _attach(p, fig, figs)
            figs.append(fig)
            nxt_free = max(last, fig.last) + 1
            continue
        if tok.text in ONE_TWO_WORDS:
            fig = _one_two(p, i, figs)
            if fig is not None:
                figs.append(fig)
                nxt_free = fig.last + 1
        elif tok.kind == "word" and len(tok.text) >= 4:
            key = _dual(tok.text)
            # "سفينتين تابعتين": a dual right after a counted dual is its adjective.
            after_dual = bool(figs) and figs[-1].last == i - 1 and figs[-1].num_first == i - 1
            if key is not None and not _after_number(p, i) and not after_dual:
                fig = _Fig(i, i, i, i, 2, False, unit=key, unit_from_text=True)
                kilo = KILO.get(key) if i > 0 and p.word(i - 1) in ("كيلو", "الكيلو") else None
                if kilo is not None:
                    fig.first, fig.unit = i - 1, kilo  # "كيلو مترين"
                _trailing_hedge(p, fig)
                figs.append(fig)
    _resolve(p, figs)
    out: list[Quantity] = []
    for fig in figs:
        if fig.dropped:
            continue
        fs, fe = toks[fig.first].start, toks[fig.last].end
        if fig.clitic:
            fs += 1  # "وأكثر من"، "لستة": the attached particle is not part of the figure
        s, e = omap.start(fs), omap.end(fe, len(text))  # end keeps a case ending: "قتيلاً"
        value = fig.value
        out.append(Quantity(text[s:e], s, e, value, fig.approx, fig.bound, fig.unit))
    return out


def _maybe_number(w: str) -> bool:
    return w in NUMBER_STARTS


def _after_number(p: _Parser, i: int) -> bool:
    return i > 0 and p.toks[i - 1].kind == "num"


def _one_two(p: _Parser, i: int, figs: list[_Fig]) -> _Fig | None:
    """One/two written out: "شخص واحد"، "اثنان من المهاجمين"، "اثنين فلسطينيين"."""
    value = 1 if p.toks[i].text.startswith("واحد") else 2
    nxt = p.word(i + 1)
    if nxt == "من" and _is_group(p, i + 2):
        fig = _Fig(i, i, i, i, value, False)
        _partitive(p, fig, i + 2)
        return fig if fig.unit is not None else None
    if value == 2 and nxt in OTHERS | {"اخران"}:
        # "وأصيب اثنان آخران": the unit of the figure before.
        fig = _Fig(i, i, i, i + 1, 2, False, unit_from_text=True)
        fig.unit = _others_unit(p, fig, figs)
        return fig
    if value == 2 and nxt and not nxt.startswith(("ال", "و")) and _is_plural(nxt):
        # "مقتل اثنين فلسطينيين": the numeral before a plural noun.
        return _Fig(i, i, i, i + 1, 2, False, unit=unit_key(nxt), unit_from_text=True)
    return _post_nominal(p, i)


def _is_plural(w: str) -> bool:
    """A known noun in a plural form: listed broken plural, or sound/construct plural."""
    key, known = _key_folded(w)
    if not known:
        return False
    return w in PLURALS or (fold(key) != w and w.endswith(("ين", "ون", "ات", "ي")))


def _is_group(p: _Parser, j: int) -> bool:
    """Token j starts the group of a partitive "N من X": definite, or a plural in idafa."""
    w = p.word(j)
    if w.startswith(("ال", "عناصر", "افراد", "رجال", "قوات")) or w in ORGANISATIONS:
        return True
    # "7 من عملاء جهاز المخابرات"، "اثنان من منفذي الهجوم".
    return _is_plural(w) and bool(p.word(j + 1))


def _post_nominal(p: _Parser, i: int) -> _Fig | None:
    """ "شخص واحد"، "طفلاً واحداً": an explicit one/two after an indefinite noun."""
    if i == 0:
        return None
    prev = p.toks[i - 1]
    if prev.kind != "word" or prev.text.startswith(("ال", "و")) or prev.text in STOP:
        return None  # "هي واحدة"، "أنها واحدة": a pronoun, not a counted noun
    if not _key_folded(prev.text)[1]:
        return None
    key = unit_key(prev.text)
    if key in TIME_KEYS or key == "مرة":
        return None
    value = 1 if p.toks[i].text.startswith("واحد") else 2
    return _Fig(i - 1, i, i, i, value, False, unit=key, unit_from_text=True)


def _trailing_hedge(p: _Parser, fig: _Fig) -> None:
    for seq, bound in HEDGES_AFTER:
        k = len(seq)
        if all(p.word(fig.last + 1 + m) == w for m, w in enumerate(seq)):
            fig.approx = True
            if bound is not None or fig.bound is None:
                fig.bound = bound if bound is not None else fig.bound
            fig.last += k
            return


def _attach(p: _Parser, fig: _Fig, figs: list[_Fig]) -> None:
    """Hedge before, counted noun after, trailing hedge."""
    hedge = _hedge_before(p, fig.num_first)
    if hedge is not None:
        fig.first, fig.bound = hedge
        fig.approx = True
        fig.clitic = p.word(fig.first) not in HEDGE_WORDS
    elif not fig.digits:
        w = p.word(fig.first)
        fig.clitic = w not in NUMBER_WORDS and w[1:] in NUMBER_WORDS
    j = fig.num_last + 1
    if j >= p.n:
        return
    tok = p.toks[j]
    w = p.word(j)
    # Percentages: "15%", "15 في المئة", "15 بالمئة".
    if tok.text in PERCENT or (w == "في" and p.word(j + 1) in ("الميه", "المايه")):
        fig.unit, fig.unit_from_text = "بالمئة", True
        fig.last = j if tok.text in PERCENT else j + 1
    elif tok.text in ("$", "€", "£"):
        fig.unit, fig.unit_from_text, fig.last = FORMS[tok.text], True, j
    elif w == "من" and _is_group(p, j + 1):
        _partitive(p, fig, j + 1)
    elif w in OTHERS:
        fig.last = j
        fig.unit_from_text = True
        fig.unit = _others_unit(p, fig, figs)
    elif _is_counted_noun(tok):
        fig.unit = unit_key(w) if tok.kind == "word" else FORMS.get(tok.text)
        fig.unit_from_text = True
        fig.last = j
        nxt = p.word(j + 1)
        if w == "كيلو" and _key_folded(nxt)[0] in KILO:
            # "5 كيلو مترات"، "3 كيلو غرام": the unit written in two words.
            fig.unit = KILO[_key_folded(nxt)[0]]
            fig.last = j + 1
            nxt = p.word(j + 2)
        if nxt in UNIT_MODIFIERS:
            fig.unit = f"{fig.unit} {strip_diacritics(MODIFIER_SPELLING.get(nxt, nxt))}"
            fig.last += 1
    elif tok.kind == "num" and not p.adjacent(fig.num_last, j):
        # "1 , 600"-like splits are rare; treat as separate numbers.
        pass
    if fig.unit is not None or fig.approx:
        _trailing_hedge(p, fig)


def _others_unit(p: _Parser, fig: _Fig, figs: list[_Fig]) -> str | None:
    """ "وأصيب 47 آخرون": the unit of the figure before, in this or the previous sentence;
    else the noun of a vague count before ("أسر عشرات الحوثيين … وأربعة آخرين")."""
    lo = max(0, fig.first - 60)
    if figs and figs[-1].last >= lo and figs[-1].unit is not None:
        return figs[-1].unit
    for j in range(fig.first - 1, lo - 1, -1):
        w = p.word(j)
        base = w[1:] if w[:1] in "وب" and w[1:] in VAGUE else w
        if base in VAGUE and p.word(j + 1):
            nxt = p.word(j + 1)
            if nxt == "من":
                nxt = p.word(j + 2)
            return unit_key(_strip_article(nxt)) if _key_folded(_strip_article(nxt))[1] else None
    return None


def _partitive(p: _Parser, fig: _Fig, j: int) -> None:
    w1, w2 = p.word(j), p.word(j + 1)
    if p.word(fig.num_first - 1) in LABEL_NOUNS:
        return  # "المادة 5 من الدستور": an identifier, not a partitive
    if w1 in ("الشهر", "العام", "السنه", "الاسبوع", "اصل", "بين", "بينهم", "كل", "اجل"):
        return
    x, y = _strip_article(w1), _strip_article(w2[1:]) if w2.startswith("و") else ""
    coordinated = bool(y) and (x in ARMED_HEADS or y in ARMED_HEADS)
    if w1 in ORGANISATIONS:
        fig.unit = "عنصر"
    elif coordinated and x in ARMED_HEADS and y in ARMED_HEADS:
        fig.unit = "عنصر"
        fig.last = j + 1
        fig.unit_from_text = True
        return
    elif coordinated and (_is_plural(x) or _is_plural(y)):
        fig.unit = "شخص"
        fig.last = j + 1
        fig.unit_from_text = True
        return
    else:
        _group_member(fig, w1, w2)
    fig.unit_from_text = True
    # Span: the noun plus its idafa complement ("عناصر الشرطة"), no adjectives.
    fig.last = j + 1 if (not w1.startswith("ال") and w2.startswith("ال")) else j


def _group_member(fig: _Fig, w1: str, w2: str) -> None:
    for seq, member in GROUP_MEMBERS:
        if (w1, w2)[: len(seq)] == seq:
            fig.unit = member
            break
    else:
        if w1 in MEMBER_HEADS and w2.startswith("ال"):
            fig.unit = unit_key(w1)
        else:
            fig.unit = unit_key(_strip_article(w1))


def _currency_from_context(p: _Parser, fig: _Fig, before: list[_Fig]) -> str | None:
    """ "3 مليارات دولار … والواردات نحو 700 مليون": a bare millions/billions figure takes
    the currency of the last money figure earlier in the same paragraph."""
    scale = SCALES.get(p.word(fig.num_last))
    if scale is None or scale[0] < 1e6:
        return None
    nxt = p.toks[fig.last + 1] if fig.last + 1 < p.n else None
    if nxt is not None and nxt.kind != "p":
        w = nxt.text
        if not (w in STOP or w.startswith("لل") or w in AFTER_MONEY):
            return None  # "155 مليون وحدة"، "478 مليار ين": a noun of its own
    for prev in reversed(before):
        if prev.dropped or prev.unit is None:
            continue
        if any(p.toks[t].text == "\n" for t in range(prev.last, fig.first)):
            return None
        return prev.unit if prev.unit in CURRENCIES else None
    return None


def _names_a_unit(p: _Parser, fig: _Fig) -> bool:
    """ "اللواء 117"، "للقرار 2216"، "والرحلة 370": the number right after an identifier
    noun (a clitic before it allowed) names the thing, it does not count anything."""
    if fig.first != fig.num_first:
        return False  # hedged: "نحو 117" is a count
    w = p.word(fig.num_first - 1)
    if w[:1] in "وفبك" and w[1:].startswith("ال"):
        w = w[1:]
    if w.startswith("لل"):
        return "ال" + w[2:] in IDENTIFIER_NOUNS or "ال" + w[1:] in IDENTIFIER_NOUNS
    return w in IDENTIFIER_NOUNS


def _resolve(p: _Parser, figs: list[_Fig]) -> None:
    """Ranges, exclusions, context units, and dropping bare numbers."""
    for k, fig in enumerate(figs):
        # Range "بين 10 و15 قتيلاً" / "من 5 إلى 7 آلاف": the first number shares the
        # unit (and scale) of the second.
        if fig.unit is None and k + 1 < len(figs):
            nxt = figs[k + 1]
            gap = nxt.num_first - fig.num_last
            between = p.word(fig.num_last + 1)
            joined = (gap == 2 and between in ("الي", "و", "او")) or (
                gap == 1
                and (p.word(nxt.num_first - 1) == "و" or p.word(nxt.num_first).startswith("و"))
            )
            if joined and nxt.unit is not None:
                fig.unit = nxt.unit
                fig.unit_from_text = True
        if fig.digits and (_exclusion(p, fig) or _names_a_unit(p, fig)):
            fig.dropped = True
            continue
        if fig.unit is not None:
            base = fig.unit.split()[0]
            if base in TIME_KEYS or fold(base) in TIME_UNITS:
                fig.dropped = True  # durations and ages
                continue
        if fig.unit is None:
            money = _currency_from_context(p, fig, figs[:k])
            if money is not None:
                fig.unit = money
                continue
            pw = p.word(fig.num_first - 1)
            ctx = _context_unit(p, fig.num_first)
            if ctx is not None:
                fig.unit = ctx if fold(ctx) not in TIME_UNITS else None
            elif not fig.approx and not (
                pw in BARE_OK_PREV or (pw[:1] == "و" and pw[1:] in BARE_OK_PREV)
            ):
                fig.dropped = True  # no counted noun, no hedge, no count context
                continue
            if not fig.digits and fig.unit is None and not fig.approx:
                fig.dropped = True
                continue
            if pw in LABEL_NOUNS and ctx is None:
                fig.dropped = True
