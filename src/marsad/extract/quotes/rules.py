"""The quote finder's rules: direct and indirect quotes in Arabic news text, with speakers.

Direct quotes are the text inside «»، ""، “” or '' attributed to a speaker; indirect
speech is the clause after a reporting verb (قال، أكد، أضاف، أشار، أوضح، أعلن …)
and a complementizer (إن/أن/بأن/إلى أن) or a colon. The speaker is the noun phrase
after the verb ("المتحدث باسم الرئاسة بيريك أوالي"), or before it ("السلطات
الكازاخستانية أكدت"); a verb with a pronoun subject ("وأضاف"، "مضيفاً"، "وتابع")
continues the previous speaker, or the subject of an earlier reporting verb whose object
was a noun ("أعلنت الوزارة فرض عقوبات … وأفادت بأن"). A relative clause's speaker is its
antecedent ("مارادونا الذي قال إن"); in nested reporting ("أشار إلى أن شاهداً قال إنه")
only the inner speech is a quote, the inner speaker's. Conventions follow
eval/figures/GUIDELINES.md.

Works with or without named-entity mentions: with them, `speaker` is the entity id of
the PER/ORG mention inside the speaker phrase (or of its antecedent).
"""


from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from marsad.extract.ner.lexicon import TITLES as PERSON_TITLES
from marsad.extract.quotes import roles
from marsad.extract.quotes.lexicon import (
    ADVERBIAL,
    AFTER_ATTRIB,
    AUX_END,
    BARE_COMPLEMENTIZER,
    BAYNA,
    BY,
    COMPLEMENTIZERS,
    CONTINUE,
    DIRECT_MAX,
    ENDS_QUOTE,
    GAP_BLOCK,
    HAL,
    HONORIFIC_PRONOUNS,
    HOWEVER,
    LABEL_BEFORE,
    LAFAT,
    LEADING_SKIP,
    MASDAR_OBJECT,
    MY_ATTENTION,
    NAQALA,
    NOT_SUBJECT,
    OBJ_PREP,
    OBJ_PRONOUNS,
    OPEN_CLOSE,
    ORG_HEADS,
    PARTICIPLES,
    PHRASE_STOP,
    PRESENT,
    QAWL,
    RELATIVE,
    SAYING,
    SENT_END,
    SIDE,
    SOURCE_TAG,
    TANWEEN_FATH,
    TIME_ADJ,
    TIME_NOUNS,
    TIME_NOUNS_AMBIGUOUS,
    TIME_WORDS,
    TOLD,
    TWO_WORD_COMP,
    UNNAMED_OPENERS,
    VERB_STEMS_FOLDED,
    VERBS,
    WASF,
    WASF_BEFORE_MARK,
    WASF_NOT,
    WASF_OBJ,
    WASF_PART,
)
from marsad.normalise import fold, fold_map, tokens
from marsad.records import Mention, Quote

__all__ = ["find_quotes", "speaker_names"]

_MARKS = re.compile("[\u064b-\u0652\u0640]")
# A dot between letters is part of the word: "إس.سوريش"، "العربية.نت", and a decimal point
# part of the number: "2.4 مليون"; neither ends a sentence.
_TOKEN_RE = re.compile(
    r"[\u0621-\u064a]+(?:\.[\u0621-\u064a]+)*|\d+(?:[.\u066b]\d+)+|[^\W_]+|\S|\n"
)
_MARK_TOKENS = {*OPEN_CLOSE, *OPEN_CLOSE.values()}
_OPENERS = re.compile("[" + re.escape("".join(OPEN_CLOSE)) + "]")


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class _Speaker:
    text: str | None
    start: int  # original offsets of the phrase, -1 when inherited
    end: int
    entity: str | None


def _quote_spans(folded: str) -> list[tuple[int, int]]:
    """(open, close) folded offsets of quotation-mark pairs, in order, not nested."""
    spans: list[tuple[int, int]] = []
    n = len(folded)
    i = 0
    # The next closing mark of each kind, found once: searching again from every opening
    # mark that has none made a page of unclosed marks quadratic.
    next_close: dict[str, int] = {}
    while True:
        m = _OPENERS.search(folded, i)
        if m is None:
            break
        i = m.start()
        ch = folded[i]
        close = OPEN_CLOSE[ch]
        # A straight mark opens only before a word, not after one ("it's", "الواقع"."); a double
        # one may have a space inside when it follows a space or colon: "وأضاف:" عندما".
        if ch in "'\"" and (i + 1 >= n or not folded[i + 1].isalnum()):
            loose = (
                ch == '"' and (i == 0 or folded[i - 1] in " :\n") and folded[i + 1 : i + 2] == " "
            )
            if not (loose and folded[i + 2 : i + 3].isalpha()):
                i += 1
                continue
        j = next_close.get(close, i)
        if 0 <= j <= i:
            j = next_close[close] = folded.find(close, i + 1)
        limit = DIRECT_MAX if ch in "«“„" else 600
        if j < 0 or j - i > limit or (ch in "'\"" and "\n" in folded[i:j]):
            i += 1
            continue
        if ch == "'" and j - i < 3:
            i += 1
            continue
        spans.append((i, j))
        i = j + 1
    return spans


class _Overlapping:
    """Mentions overlapping a span, in list order, found by bisection: a scan of every
    mention per speaker made long texts quadratic."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
        self.starts = [mentions[k].start for k in self.order]
        self.reach = max((m.end - m.start for m in mentions), default=0)

    def __call__(self, start: int, end: int) -> list[Mention]:
        lo = bisect_left(self.starts, start - self.reach)
        hi = bisect_left(self.starts, end)
        found = [self.mentions[k] for k in sorted(self.order[lo:hi])]
        return [m for m in found if m.end > start]


def _bare_heads(w: str) -> set[str]:
    """A folded word and its readings without a clitic and article: "لمنظمه" → "منظمه"."""
    return {w} | {w[len(pre):] for pre in ("وال", "بال", "لل", "ال", "ل", "و")
                  if w.startswith(pre) and len(w) - len(pre) >= 3}


_MAX_ORG_WORDS = 6


def _org_name(phrase: str) -> bool:
    """A speaker phrase that names a body: a head noun of an organisation and its name
    ("وزارة الاقتصاد والتخطيط"، "المرصد السوري لحقوق الإنسان"), not the head alone
    ("الوزارة") nor a clause."""
    words = tokens(phrase)
    if not 2 <= len(words) <= _MAX_ORG_WORDS or not all(w.isalpha() for w in words):
        return False
    if any(c in "-–()" for c in phrase) or sum(c in _MARK_TOKENS for c in phrase) % 2:
        return False  # an aside, or a mark left open: "الهيئة - أخيرا -"، "صحيفة «الخبر"
    if any(w in PHRASE_STOP or w in VERBS or w in TIME_WORDS or w in NOT_SUBJECT
           or w in NAQALA or w in SOURCE_TAG for w in words[1:]):
        return False  # "الحزب هذا القصف": the object follows
    if not words[0].startswith("ال") and not any(c in _MARK_TOKENS for c in phrase) and any(
            not w.startswith(("ال", "و")) for w in words[2:]):
        return False  # "منظمة غربية تتابع الحوادث": a description, not a name
    return bool(_bare_heads(words[0]) & ORG_HEADS)


def _speaker_entity(overlapping: _Overlapping, start: int, end: int) -> str | None:
    """The PER (else ORG) entity of the speaker phrase [start, end). A place is the speaker only
    as the whole phrase (a country acting: "قالت روسيا"), never inside one: "رئيس
    كازاخستان" and "شرطة ألما أتا" are not the place."""
    found = [m for m in overlapping(start, end) if m.entity is not None]
    for types in (("PER",), ("ORG",)):  # a person named in the phrase, else their body
        for m in found:
            if m.type in types:
                return m.entity
    for m in found:
        if m.start <= start and end <= m.end:
            return m.entity
    return None


class _Finder:
    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.mentions = mentions
        self.folded, self.omap = fold_map(text)
        self.toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(self.folded)]
        self.n = len(self.toks)
        self.qspans = _quote_spans(self.folded)
        self.in_quote = [-1] * self.n  # index of the quote span a token lies inside
        self.open_at: dict[int, int] = {}  # token index of an opening mark → span index
        k = 0
        for ti, t in enumerate(self.toks):
            while k < len(self.qspans) and self.qspans[k][1] < t.start:
                k += 1
            if k < len(self.qspans):
                o, c = self.qspans[k]
                if t.start == o:
                    self.open_at[ti] = k
                elif o < t.start < c:
                    self.in_quote[ti] = k
        self.quotes: list[Quote] = []
        self.used_spans: set[int] = set()
        self.last: _Speaker | None = None
        self.last_quote_end = 0
        self.persons = sorted(
            (m for m in mentions if m.type == "PER"), key=lambda m: (m.start, m.end)
        )
        self.person_at = {m.start: m for m in reversed(self.persons)}
        self.holders: list[roles.Holder] | None = None  # found when a role speaks
        self._orgs: list[tuple[int, set[str], str]] | None = None  # found for "المنظمة"
        self.unnamed_orgs: list[tuple[int, int]] = []  # speakers named as a body, untagged
        # Indexes, so that no step scans every token, mention or quote again.
        self.orig_starts = [self.omap.start(t.start) for t in self.toks]
        self.person_starts = [m.start for m in self.persons]
        self.person_by_end: dict[int, Mention] = {}
        for m in self.persons:
            self.person_by_end.setdefault(m.end, m)
        self.mentions_at: dict[int, list[Mention]] = {}
        for m in mentions:
            self.mentions_at.setdefault(m.start, []).append(m)
        self.overlapping = _Overlapping(mentions)
        self._ends: list[int] | None = None
        self._starts: list[int] | None = None
        self._next_stop: list[int] = []  # filled by _before_index on first use
        self._last_comma: list[int] = []
        self._prev_content: list[int] = []
        self._blocked: list[int] = []
        self._speech_before: list[int] | None = None
        self.span_open: dict[int, int] = {}  # quote span → token index of its opening mark
        for ti, sp in self.open_at.items():
            self.span_open.setdefault(sp, ti)

    # -- helpers ---------------------------------------------------------------
    def w(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < self.n else ""

    def orig_start(self, ti: int) -> int:
        return self.orig_starts[ti]

    def orig(self, fs: int, fe: int) -> tuple[int, int]:
        return self.omap.start(fs), self.omap.start(fe - 1) + 1

    def sentence_end(self, i: int) -> int:
        """Index of the first sentence-ending token at or after i (outside quotes)."""
        if self._ends is None:
            self._ends = self._sentence_ends()
        return self._ends[i] if i < self.n else self.n

    def _sentence_ends(self) -> list[int]:
        """`sentence_end` of every token, from the last back: a scan from each verb ran to
        the end of a text without sentence ends (quadratic)."""
        ends = [self.n] * (self.n + 1)
        starts = [t.start for t in self.toks]
        for j in range(self.n - 1, -1, -1):
            if j in self.open_at:
                # Jump over the quotation; it belongs to this sentence.
                close = self.qspans[self.open_at[j]][1]
                ends[j] = ends[max(j + 1, bisect_left(starts, close, j))]
            elif self.toks[j].text in SENT_END and self.in_quote[j] < 0:
                ends[j] = j
            else:
                ends[j] = ends[j + 1]
        return ends

    def sentence_start(self, i: int) -> int:
        if self._starts is None:  # each token's, once: a scan back from each verb was quadratic
            self._starts = [0] * (self.n + 1)
            for j in range(1, self.n + 1):
                t = self.toks[j - 1]
                self._starts[j] = j if t.text in SENT_END and self.in_quote[j - 1] < 0 \
                    else self._starts[j - 1]
        return self._starts[i] if 0 <= i <= self.n else (i if i <= 0 else self._starts[-1])

    def _before_index(self) -> None:
        """Per-token arrays for `speaker_before`, so that it costs no scan of the sentence."""
        n = self.n
        self._last_comma = [-1] * (n + 1)  # last "،"/"," before each index
        self._prev_content = [-1] * (n + 1)  # last token not in AUX_END before each index
        self._blocked = [0] * (n + 1)  # tokens quoted or ending a sentence, before each index
        self._next_stop = [n] * (n + 1)  # first phrase stop, verb or participle at or after
        for j in range(n):
            w = self.w(j)
            self._last_comma[j + 1] = j if w in ("،", ",") else self._last_comma[j]
            self._prev_content[j + 1] = self._prev_content[j] if w in AUX_END else j
            self._blocked[j + 1] = self._blocked[j] + (
                self.in_quote[j] >= 0 or w in SENT_END)
        for j in range(n - 1, -1, -1):
            w = self.w(j)
            stop = w in PHRASE_STOP or w in VERBS or w in PARTICIPLES
            self._next_stop[j] = j if stop else self._next_stop[j + 1]

    def complementizer(self, i: int) -> int | None:
        """Token index after the complementizer starting at i, or None."""
        w = self.w(i)
        if w in COMPLEMENTIZERS:
            return i + 1
        if (w, self.w(i + 1)) in TWO_WORD_COMP:
            return i + 2
        return None

    # -- speaker phrase -----------------------------------------------------------
    def speaker_after(self, i: int) -> tuple[int, int, int] | None:
        """Speaker tokens [a, b) after a verb at i-1, and the index where content starts.

        Returns (a, b, k) with a == b for a pronoun subject; k points at the
        complementizer, colon or opening mark. None when no speech follows.
        """
        j = i
        limit = min(self.n, i + 25)
        a = b = -1
        while j < limit:
            w = self.w(j)
            if j in self.open_at and a >= 0 and self.w(j - 1) in TOLD:
                # قال لـ"رويترز": «…»: the outlet told is not the quote.
                if b < 0:
                    b = j - 1
                c = self.qspans[self.open_at[j]][1]
                while j < self.n and self.toks[j].start <= c:
                    j += 1
                continue
            if (
                j in self.open_at
                and a >= 0
                and (
                    self._quoted_name(j)
                    or self.w(j - 1) in LABEL_BEFORE
                    or self.w(j - 1) == "باسم"
                )
            ):
                # وكالة “سبوتنيك” أن …، المتحدث باسم "المقاومة"، …: a quoted name inside the
                # speaker phrase.
                c = self.qspans[self.open_at[j]][1]
                while j < self.n and self.toks[j].start <= c:
                    j += 1
                continue
            if j in self.open_at and a < 0 and self._quoted_speaker(j):
                # وبيّن "الفالح" أنه …: a quoted surname is the speaker.
                c = self.qspans[self.open_at[j]][1]
                a = j
                while j < self.n and self.toks[j].start <= c:
                    j += 1
                b = j
                continue
            if a < 0 and w == "اول" and self.w(j + 1) == "من" and self.w(j + 2) == "امس":
                j += 3  # "قالت أول من أمس"
                continue
            if j in self.open_at or w == ":" or self.complementizer(j) is not None:
                if a < 0:
                    a = b = j
                elif b < 0:
                    b = j
                return a, b, j
            if w in PARTICIPLES and (self.w(j + 1) == ":" or j + 1 in self.open_at):
                # "قال مؤكداً: «…»"، "الذي قال موضحاً: “…”": the participle only qualifies the
                # saying.
                if a >= 0 and b < 0:
                    b = j
                j += 1
                continue
            if w in SENT_END or w in VERBS or w in PARTICIPLES:
                return None
            if w in ("،", ","):
                if a >= 0 and b < 0:
                    b = j
                j += 1
                continue
            if a < 0:
                if w in TIME_WORDS or w in OBJ_PRONOUNS:
                    j += 1
                    continue
                if (
                    w in PHRASE_STOP
                    or w.startswith(("لل", "بال"))
                    or w in TOLD
                    or w in BY
                    or w in SOURCE_TAG
                    or w in NAQALA
                    or self._adverbial(j)
                ):
                    a = j  # pronoun subject; adjuncts follow ("قالت وفقا لما ترجمته …:")
                    b = j
                    j += 1
                    continue
                a = j
            elif b < 0 and (
                w in PHRASE_STOP
                or w.startswith("لل")
                or w in TIME_WORDS
                or self._time_noun(j)
                or w in TOLD
                or w in BY
                or w in QAWL
                or w in ("(", "كان", "كانت")
                or (w.startswith("بال") and len(w) > 4)
            ):
                b = j
            j += 1
        return None

    def _between(self, i: int, k: int) -> bool:
        """"بين" written without its shadda is the preposition when a comma parts it from
        the complementizer: "قمة … بين الرئيس الأمريكي … والزعيم الكوري، يفترض أن"."""
        s, e = self.orig(self.toks[i].start, self.toks[i].end)
        return "\u0651" not in self.text[s:e] and any(
            self.w(j) in ("،", ",") or (j > i + 1 and self.w(j)[:1] == "و")
            for j in range(i + 1, k))

    def _adverbial(self, j: int) -> bool:
        """An accusative word right after the verb is an adverb or a circumstantial
        participle, not the (nominative) subject: "اعترف علناً أن"، "فيقول مؤيدا لـ…:"."""
        if self.w(j) in HAL:
            return True
        s, e = self.orig(self.toks[j].start, self.toks[j].end)
        return TANWEEN_FATH in self.text[s : e + 1]

    def _time_noun(self, j: int) -> bool:
        w = self.w(j)
        if w not in TIME_NOUNS:
            return False
        if w not in TIME_NOUNS_AMBIGUOUS:
            return True
        nxt = self.w(j + 1)
        return nxt in TIME_ADJ or nxt[:1].isdigit()

    def _after_short_mark(self, j: int, most_words: int) -> int | None:
        """The token after the quotes opened at token j, when they hold at most
        `most_words` words."""
        o, c = self.qspans[self.open_at[j]]
        if len(self.folded[o + 1 : c].split()) > most_words:
            return None
        k = j
        while k < self.n and self.toks[k].start <= c:
            k += 1
        return k

    def _quoted_speaker(self, j: int) -> bool:
        """The mark at token j right after a reporting verb encloses a short name and is
        followed by a complementizer: "وأكد "الجاسر" أن …"، "أفاد «المرصد السوري لحقوق
        الإنسان» بأن …"."""
        k = self._after_short_mark(j, 5)
        return k is not None and self.complementizer(k) is not None

    def _quoted_name(self, j: int) -> bool:
        """The mark at token j encloses a short name followed by more of the clause."""
        k = self._after_short_mark(j, 3)
        if k is None:
            return False
        nxt = self.w(k)
        return (
            nxt not in SENT_END
            and nxt not in ("،", ",", "")
            and (nxt in PHRASE_STOP or nxt == ":" or self.complementizer(k) is not None)
        )

    def make_speaker(self, a: int, b: int) -> _Speaker | None:
        while a < b and (self.w(a) in LEADING_SKIP or self.w(a) in ("،", ",")):
            a += 1
        while b > a and self.w(b - 1) in ("،", ",", "(", ")"):
            b -= 1
        # A mark left alone at an edge (the close of a quoted name before "الذي قال").
        marks = [j for j in range(a, b) if self.w(j) in _MARK_TOKENS]
        if len(marks) == 1 and marks[0] in (a, b - 1):
            a, b = (a + 1, b) if marks[0] == a else (a, b - 1)
        if b <= a:
            return None
        fs, fe = self.toks[a].start, self.toks[b - 1].end
        s, e = self.orig(fs, fe)
        phrase = self.text[s:e]
        entity = _speaker_entity(self.overlapping, s, e)
        if entity is None:
            entity = (self._role_holder(phrase, s) or self._surname_holder(phrase, s)
                      or self._honorific_holder(phrase, s) or self._head_anaphor(phrase, s))
        if entity is None and not self.overlapping(s, e) and _org_name(phrase):
            # The name without the marks around it: "«المرصد السوري لحقوق الإنسان»".
            if self.text[s] in _MARK_TOKENS and self.text[e - 1] in _MARK_TOKENS:
                s, e = s + 1, e - 1
            self.unnamed_orgs.append((s, e))
        return _Speaker(phrase, s, e, entity)

    def _head_anaphor(self, phrase: str, start: int) -> str | None:
        """ "وأضافت المنظمة" after "منظمة "هيومن رايتس ووتش"": the organisation last named
        before with that head noun, in its name or right before it."""
        words = tokens(phrase)
        if len(words) != 1 or not words[0].startswith("ال") or words[0][2:] not in ORG_HEADS:
            return None
        head = words[0][2:]
        if self._orgs is None:
            self._orgs = []
            for m in self.mentions:
                if m.type != "ORG" or m.entity is None:
                    continue
                before = tokens(self.text[max(0, m.start - 30) : m.start])
                first = tokens(m.text)[:1]
                heads = {h for w in [*first, *before[-1:]] for h in _bare_heads(w)}
                self._orgs.append((m.start, heads, m.entity))
        found = [(s, e) for s, heads, e in self._orgs if s < start and head in heads]
        return max(found)[1] if found else None

    def _honorific_holder(self, phrase: str, start: int) -> str | None:
        """ "وأكد سموه"، "وأضاف معاليه": the person named last before."""
        if fold(phrase.strip()) not in HONORIFIC_PRONOUNS:
            return None
        before = [m for m in self.persons if m.entity is not None and m.end <= start]
        return before[-1].entity if before else None

    def _surname_holder(self, phrase: str, start: int) -> str | None:
        """A speaker named by a surname the tagger missed ("وقال العربي"، "الدكتور الأحول"):
        the person the text names in full with that surname, the last one before the quote
        (else the first after it)."""
        words = [w for w in tokens(phrase) if w not in PERSON_TITLES]
        if len(words) != 1 or len(words[0]) < 4:
            return None
        found = [m for m in self.persons if m.entity is not None and len(tokens(m.text)) >= 2
                 and tokens(m.text)[-1] == words[0]]
        before = [m for m in found if m.start < start]
        if before:
            return before[-1].entity
        return found[0].entity if found else None

    def _role_holder(self, phrase: str, start: int) -> str | None:
        """The person holding the role a speaker phrase names ("رئيس كازاخستان"), when the
        text names one (`roles`)."""
        role = roles.role_of_phrase(phrase, start, self.mentions)
        if role is None:
            return None
        if self.holders is None:
            self.holders = roles.holders(self.text, self.mentions)
        found = roles.resolve_role(role, start, self.holders)
        return found.entity if found is not None else None

    def speaker_before(self, verb: int) -> _Speaker | None:
        """Pre-verbal subject: "السلطات الكازاخستانية أكدت"."""
        start = opening = self.sentence_start(verb)
        if not self._next_stop:
            self._before_index()
        # Skip a leading "من جانبها،"/"بدوره،" adjunct, not the subject before "، قد أكد":
        # the last comma of the sentence before the verb, unless only AUX_END words follow
        # it (a comma right before the verb counts).
        if verb - 1 >= start and self.w(verb - 1) in ("،", ","):
            start = verb
        else:
            j = self._last_comma[min(verb, max(self._prev_content[verb], 0))]
            if j >= start:
                start = j + 1
        while start < verb and self.w(start) in LEADING_SKIP:
            start += 1
        if self.w(start) in HOWEVER and self.w(start + 1) in ("ان", "انه", "انها"):
            start += 2  # "بيد أن الأحمدي أشار": the subject follows "أن"
        end = verb
        while end > start and self.w(end - 1) in AUX_END:
            end -= 1
        if 0 <= start < end:  # "… ألفانو فقال في افتتاح المؤتمر إن … اعتبر فيه أن"
            end = min(end, self._next_stop[start])
        if start >= end or end - start > 6:
            return None
        first = self.w(start)
        if (
            first in PHRASE_STOP
            or first in TIME_WORDS
            or first in NOT_SUBJECT
            or first in PARTICIPLES
            # "متحدثاً عن الليرة التي قال عنها:", not "إلا أن متحدثاً باسم الشركة قال"
            or (first in ADVERBIAL and self.w(start - 1) not in BARE_COMPLEMENTIZER)
            # Sentence-initial "و" is a conjunction ("وتحدث"); after "وكانت"/"أما"/a
            # comma it is the word's own letter ("وكانت وزارة الخزانة قد قالت").
            or (first.startswith("و") and (start == opening or first[1:] in PHRASE_STOP))
        ):
            return None
        if start < verb and self._blocked[verb] - self._blocked[start] > 0:
            return None
        return self.make_speaker(start, end)

    def _subject_without_speech(self, verb: int) -> _Speaker | None:
        """Subject of a reporting verb whose object is a noun, the antecedent of the
        pronoun verbs and participles that follow: "أعلنت وزارة الخزانة فرض عقوبات … وأفادت
        في بيان بأن"، "وكان الوزير قد أكد التزام المملكة …، مبينا أن"."""
        if not self._pronoun_speech_follows(verb):
            return None
        start = self.sentence_start(verb)
        if verb > start:
            # Only after "وكان"/"أما"/"لكن" or before "قد": else the words before the verb
            # are rarely its subject ("حسبما أفادت"، "ولم توضح").
            if self.w(start) in LEADING_SKIP or self.w(verb - 1) in AUX_END:
                return self.speaker_before(verb)
            return None
        # Verb first: its subject runs to an adjunct, or to the object that an indefinite
        # word opens after a definite one ("وزارة الخزانة الأمريكية | فرض عقوبات").
        j = verb + 1
        while self.w(j) in TIME_WORDS or self.w(j) in OBJ_PRONOUNS:
            j += 1
        a = b = j
        while b < min(self.n, a + 6):
            w = self.w(b)
            if (
                w in PHRASE_STOP
                or w in SENT_END
                or w in ("،", ",", ":")
                or w in VERBS
                or w in PARTICIPLES
                or w.startswith(("لل", "بال"))
                or w in TOLD
                or self.in_quote[b] >= 0
                or b in self.open_at
                or self._adverbial(b)
                or self._time_noun(b)
                or (b > a and self.w(b - 1).startswith("ال") and not w.startswith("ال"))
            ):
                break
            b += 1
        first = self.w(a)
        if b == a or first in NOT_SUBJECT or first in MASDAR_OBJECT or len(first) < 2:
            return None
        verb_w = self.w(verb)[1:] if self.w(verb)[:1] in ("و", "ف") else self.w(verb)
        if verb_w in VERB_STEMS_FOLDED and first.startswith("ال") and first.endswith("ه"):
            return None  # masculine verb, feminine noun: an object ("واعتبر الإصابة …")
        return self.make_speaker(a, b)

    def _pronoun_speech_follows(self, verb: int) -> bool:
        """A participle or a conjoined verb later in the sentence, or a conjoined verb
        opening the next one, reports speech with this verb's subject."""
        end = self.sentence_end(verb)
        if self._speech_before is None:  # tokens reporting speech before each index
            self._speech_before = [0]
            for j in range(self.n):
                w = self.w(j)
                self._speech_before.append(self._speech_before[-1] + (
                    self.in_quote[j] < 0 and (w in PARTICIPLES or (w[:1] == "و" and w in VERBS))))
        if end > verb + 1 and self._speech_before[end] > self._speech_before[verb + 1]:
            return True
        nxt = end + 1
        while nxt < self.n and self.w(nxt) in SENT_END:
            nxt += 1
        if self.w(nxt)[:1] != "و" or self.w(nxt) not in VERBS:
            return False
        got = self.speaker_after(nxt + 1)
        return got is not None and got[0] == got[1]

    def _relative_antecedent(self, verb: int, k: int) -> _Speaker | None:
        """ "من الأسطورة دييجو مارادونا الذي قال إن …": the noun phrase before the relative
        pronoun is the speaker. Not before "إنه/إنها": "الاتفاق الذي قال إنه سيئ" is about
        the antecedent, said by someone else; nor with an object pronoun after the verb:
        "عملتها الليرة التي قال عنها:"."""
        if self.w(verb - 1) not in RELATIVE or self.w(k) not in BARE_COMPLEMENTIZER:
            return None
        if any(self.w(j) in OBJ_PRONOUNS for j in range(verb + 1, k)):
            return None
        end = verb - 1
        if self.w(end - 1) in ("،", ","):
            end -= 1
        start = end
        while (
            start > max(0, end - 6)
            and self.w(start - 1) not in PHRASE_STOP
            and self.w(start - 1) not in SOURCE_TAG
            and self.w(start - 1) not in TIME_WORDS
            and self.w(start - 1) not in SENT_END
            and self.w(start - 1) not in VERBS
            and self.w(start - 1) not in ("،", ",")
            and self.in_quote[start - 1] < 0
            and start - 1 not in self.open_at
        ):
            start -= 1
        if start == end or self.w(start) in NOT_SUBJECT:
            return None
        return self.make_speaker(start, end)

    # -- speakers from NER mentions ---------------------------------------------------
    def _tok_at(self, orig_start: int) -> int:
        """Index of the token holding original offset `orig_start`, or -1."""
        ti = bisect_right(self.orig_starts, orig_start) - 1  # tokens are in text order
        if ti < 0:
            return -1
        s, e = self.orig(self.toks[ti].start, self.toks[ti].end)
        return ti if s <= orig_start < e else -1

    def _extend_to_name(self, spk: _Speaker, k: int) -> _Speaker:
        """Reach a person's name the phrase stopped short of.

        "وزير الخارجية الأمريكي، ريكس تيلرسون، إن"، "المندوبة الأمريكية في مجلس الأمن
        نيكي هيلي، إن": with NER, a PER mention between the phrase and the complementizer
        is the speaker's name (not after a preposition: "مع جون كيري").
        """
        if not self.persons or spk.start < 0 or k >= self.n:
            return spk
        limit = self.omap.start(self.toks[k].start)
        if self._has_person(spk):
            return spk
        for p in range(bisect_left(self.person_starts, spk.end), len(self.persons)):
            m = self.persons[p]
            if m.start > limit:
                break  # sorted by start: every later one ends after the limit too
            if m.end > limit:
                continue
            ti = self._tok_at(m.start)
            if ti < 0 or self.in_quote[ti] >= 0:
                return spk
            s0, _ = self.orig(self.toks[ti].start, self.toks[ti].end)
            if s0 < m.start or self.w(ti - 1) in OBJ_PREP or self.w(ti - 1) in TOLD:
                return spk  # "لجون"، "مع جون": an addressee or object
            gap = range(bisect_left(self.orig_starts, spk.end), ti)  # after the phrase
            if any(self.w(j) in GAP_BLOCK for j in gap):
                return spk  # "حذرت السلطات من احتمال تسبب مايكل": the name is in an object
            if any(self.w(j) in SENT_END or j in self.open_at for j in gap):
                return spk
            phrase = self.text[spk.start : m.end]
            if len(phrase.split()) > 16:
                return spk
            entity = m.entity if m.entity is not None else spk.entity
            return _Speaker(phrase, spk.start, m.end, entity)
        return spk

    def _person_ending_before(self, ti: int) -> Mention | None:
        """The PER mention whose last token is token ti-1, not an object or addressee (after
        a preposition or the ل of the one told)."""
        if ti <= 0 or self.in_quote[ti - 1] >= 0:
            return None
        m = self.person_by_end.get(self.orig(self.toks[ti - 1].start, self.toks[ti - 1].end)[1])
        if m is None or m.entity is None:
            return None
        first = self._tok_at(m.start)
        if first < 0 or self.w(first - 1) in OBJ_PREP or self.w(first - 1) in TOLD:
            return None
        return m

    def _named_before_fa(self, verb: int) -> _Speaker | None:
        """ "… رئيس الوزراء الإيطالي باولو جنتيلوني فذكّر بأن": a verb with ف right after a
        name continues that name's clause; the name is its subject."""
        if self.w(verb)[:1] != "ف" or self.sentence_start(verb) == verb:
            return None
        m = self._person_ending_before(verb)
        return None if m is None else _Speaker(m.text, m.start, m.end, m.entity)

    def _earlier_person(self, verb: int) -> _Speaker | None:
        """The last person named, not as an object, in this sentence before the verb or in
        the one before: "ويعرض صاحب الركن محمد جهاد تجاربه …، مبيناً أن"."""
        start = self.sentence_start(verb)
        return self._person_since(self.sentence_start(start - 1) if start > 0 else 0, verb)

    def _person_since(self, start: int, verb: int) -> _Speaker | None:
        """The last person named from token `start` to the verb (after the last quote), not
        as an object (after a preposition) nor inside a quotation."""
        lo = max(self.orig_start(start), self.last_quote_end)
        k = bisect_left(self.person_starts, self.orig_start(verb)) - 1
        while k >= 0 and self.persons[k].start >= lo:
            m = self.persons[k]
            ti = self._tok_at(m.start)
            if m.entity is not None and ti >= 0 and self.in_quote[ti] < 0 and not (
                    self.w(ti - 1) in OBJ_PREP or self.w(ti - 1) in TOLD
                    or self.w(ti - 1) in GAP_BLOCK):
                return _Speaker(m.text, m.start, m.end, m.entity)
            k -= 1
        return None

    def _fronted_subject(self, verb: int) -> _Speaker | None:
        """ "أن معالي وزير الصحة الدكتور خالد الفالح حسبما جاء في «عكاظ» … أوضح بجلاء أن": a
        verb without a conjunction inside a sentence, with no subject after it, agrees with
        a subject named before it in the sentence: the last person named there who is not
        an object (after a preposition) nor inside a quotation, after the last quote."""
        if self.w(verb)[:1] in ("و", "ف") or not self.persons:
            return None
        start = self.sentence_start(verb)
        return None if start == verb else self._person_since(start, verb)

    def _has_person(self, spk: _Speaker | None) -> bool:
        if spk is None:
            return False
        k = bisect_left(self.person_starts, spk.start)
        return k < len(self.persons) and self.person_starts[k] < spk.end

    def _new_named_subject(self, verb: int) -> _Speaker | None:
        """A pronoun verb after a sentence whose subject is a newly named person.

        "ونفى منوتشين أن … وقال إنه …": the subject of the pronoun verb is منوتشين,
        not the previous quote's speaker. Needs NER mentions: the PER mention right
        after the first verb of the current or previous sentence, after the last quote.
        """
        if not self.persons:
            return None
        since = max(self.last_quote_end, self.last.end if self.last else 0)
        verb_start = self.omap.start(self.toks[verb].start)
        s1 = self.sentence_start(verb)
        starts = [s1]
        if s1 > 0 and s1 == verb:
            starts.append(self.sentence_start(s1 - 1))
        for st in starts:
            # "من جهته، رد وزير الخارجية …"، "بدوره، أكد …": the verb follows the opener.
            if (self.w(st) in PHRASE_STOP and self.w(st + 1) in SIDE
                    and self.w(st + 2) in ("،", ",")):
                st += 3
            elif self.w(st) in TIME_WORDS and self.w(st + 1) in ("،", ","):
                st += 2
            # The sentence's first word is a verb (with و/ف) and its subject follows:
            # "ونفى منوتشين"، "وكتب وزير العدل، آيليت شاكيد، تغريدة …".
            first = self.w(st)
            # A first word without و/ف too ("ألقى مايك بنس … خطابا …، مشيرا إلى"), unless
            # a particle or preposition ("مع ترامب").
            if (len(first) < 2 or first in NOT_SUBJECT or first in PHRASE_STOP
                    or first in TIME_WORDS or first in LEADING_SKIP or first in SOURCE_TAG):
                continue
            for j in range(st + 1, min(st + 8, verb)):
                w = self.w(j)
                if (
                    w in SENT_END
                    or w in PHRASE_STOP
                    or self.in_quote[j] >= 0
                    or j in self.open_at
                ):
                    break
                if w in ("،", ","):
                    # Only an apposition may follow a comma: "وزير العدل، آيليت شاكيد".
                    nstart = self.omap.start(self.toks[j + 1].start) if j + 1 < self.n else -1
                    if nstart not in self.person_at:
                        break
                    continue
                m = self.person_at.get(self.omap.start(self.toks[j].start))
                if m is None:
                    continue
                if not since <= m.start < verb_start:
                    break
                if self.last is not None and self.last.text and m.text in self.last.text:
                    return None
                s0 = self.omap.start(self.toks[st + 1].start)
                return _Speaker(self.text[s0 : m.end], s0, m.end, m.entity)
        return None

    # -- quotes -------------------------------------------------------------------
    def add(self, fs: int, fe: int, speaker: _Speaker, direct: bool) -> None:
        # Trim spaces and final punctuation.
        while fe > fs and (self.folded[fe - 1].isspace() or self.folded[fe - 1] in ".،,؛"):
            fe -= 1
        while fs < fe and self.folded[fs].isspace():
            fs += 1
        if fe - fs < 2:
            return
        s, e = self.orig(fs, fe)
        while e < len(self.text) and _MARKS.match(self.text[e]):
            e += 1  # keep a final case ending ("قريباً")
        self.quotes.append(Quote(self.text[s:e], s, e, speaker.entity, speaker.text, direct))
        self.last_quote_end = max(self.last_quote_end, e)

    def content(self, k: int, speaker: _Speaker, attached: bool = True, saying: bool = True) -> int:
        """Emit the quote whose content starts at token k; return the index to go on from.

        `attached`: nothing but the verb and its speaker phrase comes before token k;
        `saying`: the verb is one of `SAYING`."""
        j = k
        if self.w(j) == ":":
            j += 1
        else:
            after = self.complementizer(j)
            if after is not None:
                j = after
        if j >= self.n:
            return j
        end = self.sentence_end(j)
        if j in self.open_at:
            span = self.open_at[j]
            o, c = self.qspans[span]
            # Marks around (essentially) the whole content: one direct quote.
            tail = self.folded[c + 1 : self.toks[end].start if end < self.n else len(self.folded)]
            closed = tail.lstrip(" ")[:1] in ("،", ",", ".", "؛", "")
            whole = closed or len(tail.strip(" .،,؛\n")) < 3 or self._next_element(c)
            long_quote = len(self.folded[o + 1 : c].split()) > 4
            speech = (long_quote and (whole or saying or attached)) or (whole and saying)
            if j == k and not speech:
                # Marks right after the verb, with no colon or complementizer: a short
                # quotation is a name or label ("وأعلنت "جماعة نصرة الإسلام" مسؤوليتها"،
                # "أعلنت الشركة، إطلاق مسمى "الضيف"") unless it is all a verb of saying
                # says; a long one is speech unless it follows other words of the clause
                # after a verb not of saying ("وقالت فلانة "هناك قتيلان …" في ماسايا").
                return k + 1
            if whole or j == k:
                self.used_spans.add(span)
                self.add(o + 1, c, speaker, True)
                ci = j
                while ci < self.n and self.toks[ci].start <= c:
                    ci += 1
                return ci
        inner = self._nested(j, end)
        if inner is not None:
            return self.content(inner[1], inner[0])
        # Indirect: to the sentence end or the next reporting element.
        stop = end
        for q in range(j, end):
            if self.w(q) in ("،", ",") and (
                self.w(q + 1) in PARTICIPLES or self.w(q + 1) in VERBS
            ):
                stop = q
                break
            if self.in_quote[q] < 0 and (
                self.w(q) in PARTICIPLES or self.w(q) in WASF_PART or self.w(q) in ENDS_QUOTE
            ):
                stop = q
                break
            if (
                self.in_quote[q] < 0
                and self.w(q) in VERBS
                and q > j
                and self.w(q - 1) in ("،", ",", "كما", "فيما", "بينما")
            ):
                stop = q - 1 if self.w(q - 1) in ("كما", "فيما", "بينما") else q
                break
            if (
                self.in_quote[q] < 0
                and q > j
                and self.w(q)[:1] in ("و", "ف")
                and self.w(q) in VERBS
                and (self.w(q + 1) == ":" or q + 1 in self.open_at)
            ):
                stop = q  # "… في يونيو 2014م وقال: «…»": a new quotation
                break
            if self.w(q) in ("،", ",") and self.w(q + 1) in SOURCE_TAG:
                stop = q  # "…، بحسب الشرطة": a trailing source tag is not the quote
                break
        while stop > j and self.w(stop - 1) in ("،", ","):
            stop -= 1
        for q in range(j, stop):
            if q in self.open_at:
                self.used_spans.add(self.open_at[q])
        fe = self.toks[stop - 1].end if stop > j else self.toks[j].end
        self.add(self.toks[j].start, fe, speaker, False)
        return stop

    def _nested(self, j: int, end: int) -> tuple[_Speaker, int] | None:
        """ "وأشار ماي إلى أن شاهد عيان، رفض كشف هويته، قال إنه …": the clause opens with the
        subject of a reporting verb, whose speech alone is annotated, as that subject's.
        Returns the inner speaker and where its content starts."""
        for q in range(j + 1, min(end, j + 12)):
            w = self.w(q)
            if (
                self.in_quote[q] >= 0
                or q in self.open_at
                or w in PARTICIPLES
                # A clause, not a noun phrase: "الهجوم يبدو …، لكنه أضاف أن"، "هو الذي".
                or w in PHRASE_STOP
                or w in NOT_SUBJECT
                or w in LEADING_SKIP
            ):
                return None
            if w not in VERBS:
                continue
            # "وقال"، "أضاف": the same speaker goes on; "الأدلة تشير إلى أن": a present
            # tense describes what things show, not a report.
            if w[:1] in ("و", "ف") or w in CONTINUE or w in PRESENT:
                return None
            got = self.speaker_after(q + 1)
            if got is None:
                continue  # "رفض كشف هويته": a verb with an object, inside the phrase
            if got[0] != got[1] or got[2] > q + 3 or self.complementizer(got[2]) is None:
                return None
            spk = self.make_speaker(j, q)
            return (spk, got[2]) if spk is not None else None
        return None

    def _next_element(self, close: int) -> bool:
        """After the closing mark at `close` comes ", مضيفاً …" or a new sentence."""
        rest = self.folded[close + 1 : close + 40].lstrip(" ،,")
        first = rest.split(" ", 1)[0] if rest else ""
        return first in PARTICIPLES or first in VERBS

    def _wasf_kind(self, w: str) -> str | None:
        """ "verb", "pronoun" (object attached: "ووصفها") or "participle"."""
        if "صف" not in w:
            return None
        if w in WASF:
            return "verb"
        if w in WASF_PART:
            return "participle"
        # "ووصفه"، "فوصفها", and "وصفه" whose و is the root's.
        for base in (w, w[1:]):
            if base.startswith(("وصف", "يصف", "تصف")) and base[3:] in WASF_OBJ:
                return "pronoun"
        return None

    def describe(self, i: int) -> int | None:
        """ "وصف X Y بأنه "…"": the quoted fragment, attributed to X. Returns the index to
        go on from, or None when this is not such a construction."""
        kind = self._wasf_kind(self.w(i))
        # "ما وصف بـ"…"" (passive) is a label; "ما وصفه بـ"…"" has a speaker.
        if kind is None or (self.w(i - 1) in WASF_NOT and kind != "pronoun"):
            return None
        antecedent = None
        if self.w(i - 1) in ("الذي", "التي", "الذين"):
            # "ريك سكوت، الذي وصف المجزرة بأنها "…"": the speaker is the antecedent.
            k = i - 2 if self.w(i - 2) in ("،", ",") else i - 1
            end = self.toks[k - 1].end if k > 0 else -1
            antecedent = self.person_by_end.get(self.omap.start(end - 1) + 1)
            if antecedent is None:
                return None
        mark = -1
        for j in range(i + 1, min(self.n, i + 12)):
            w = self.w(j)
            if j in self.open_at:
                if self.w(j - 1) in WASF_BEFORE_MARK:
                    mark = j
                break
            if w in SENT_END or w in VERBS or self.complementizer(j) is not None:
                if self.w(j) in ("بانه", "بانها", "بانهم", "بان", "انه", "انها"):
                    continue
                break
        if mark < 0:
            return None
        span = self.open_at[mark]
        if span in self.used_spans:
            return None
        o, c = self.qspans[span]
        spk: _Speaker | None = None
        if antecedent is not None:
            spk = _Speaker(antecedent.text, antecedent.start, antecedent.end, antecedent.entity)
        elif kind == "verb":
            spk = self._describer(i + 1, mark - 1)
            if spk is None:
                spk = self.speaker_before(i)
        elif kind == "pronoun" and self.w(i - 1) in WASF_NOT:
            # "ما وصفه الرئيس بـ"…"": the subject, if any, follows the verb; else the
            # clause's speaker goes on ("…، نافياً ما وصفه بـ"…"").
            end = i + 1
            while end < mark and not (
                self.w(end) in WASF_BEFORE_MARK or self.w(end) in PHRASE_STOP
            ):
                end += 1
            spk = self.make_speaker(i + 1, end) if end > i + 1 else None
        elif kind == "pronoun":
            spk = self.speaker_before(i)
        if not self._has_person(spk):
            spk = self._new_named_subject(i) or spk
        if spk is None and self.last is not None:
            spk = _Speaker(self.last.text, -1, -1, self.last.entity)
        if spk is None:
            return None
        if spk.start >= 0:
            self.last = spk
        self.used_spans.add(span)
        self.add(o + 1, c, spk, True)
        j = mark
        while j < self.n and self.toks[j].start <= c:
            j += 1
        return j

    def _describer(self, a: int, end: int) -> _Speaker | None:
        """Subject of "وصف" between the verb and the object: a named PER/ORG mention
        ("ووصفت موسكو هذه المزاعم")، else a title and its complement ("وزير الخارجية")
        when a further word (the object) follows. None for a pronoun subject."""
        if end - a < 2:
            return None  # only the object: "كما وصف ميليشيات الحوثي بأنها"
        for j in range(a, min(end - 1, a + 4)):
            if self.w(j) in PHRASE_STOP or self.w(j) in ("،", ","):
                break
            ts = self.omap.start(self.toks[j].start)
            for m in self.mentions_at.get(ts, ()):
                if m.type in ("PER", "ORG", "LOC"):
                    k = j
                    while k < end and self.omap.start(self.toks[k].start) < m.end:
                        k += 1
                    if k < end:
                        return self.make_speaker(a, k)
        first = self.w(a)
        if first in PHRASE_STOP or first in NOT_SUBJECT:
            return None
        if first.startswith("ال"):
            b = a + 1  # "وصف الوزير الهجوم"
        elif self.w(a + 1).startswith("ال"):
            b = a + 2  # "وصف وزير الخارجية الهجوم"; "وصف ميليشيات الحوثي" is the object
        else:
            return None
        return self.make_speaker(a, b) if b < end else None

    def run(self) -> list[Quote]:
        i = 0
        while i < self.n:
            w = self.w(i)
            if self.in_quote[i] >= 0:
                i += 1
                continue
            nxt = self.describe(i)
            if nxt is not None:
                i = nxt
                continue
            if w[:1] == "و" and (i == 0 or self.toks[i - 1].text in SENT_END):
                nxt = self._colon_quote(i)
                if nxt is not None:
                    i = nxt
                    continue
            if w in NAQALA and self.w(i + 1) != "عن":
                # "نقلت وكالة رويترز عن مسؤول قوله إن …": speaker after "عن".
                j = i + 1
                while j < min(self.n, i + 8) and self.w(j) != "عن":
                    j += 1
                if self.w(j) == "عن":
                    i = j
                    w = "عن_naqala"
            if w == "عن_naqala" or (w in NAQALA and self.w(i + 1) == "عن"):
                j = i + 1 if w == "عن_naqala" else i + 2
                k = j
                while (
                    k < min(self.n, j + 16)
                    and self.w(k) not in QAWL
                    and self.complementizer(k) is None
                    and self.w(k) not in SENT_END
                ):
                    k += 1
                spk = self.make_speaker(j, k) if k > j else None
                if spk is not None and (self.w(k) in QAWL or self.complementizer(k) is not None):
                    self.last = spk
                    i = self.content(k + 1 if self.w(k) in QAWL else k, spk)
                    continue
                i += 1
                continue
            if w in LAFAT and self.w(i + 1) in MY_ATTENTION:
                i += 2  # "لفت نظري مقال …" ("caught my eye"), not "لفت إلى أن"
                continue
            if w in VERBS or w in PARTICIPLES:
                got = self.speaker_after(i + 1)
                if got is not None and w in BAYNA and self._between(i, got[2]):
                    got = None
                if got is not None:
                    a, b, k = got
                    spk: _Speaker | None = None
                    if a < b and w not in PARTICIPLES:
                        spk = self.make_speaker(a, b)
                        if spk is not None:
                            spk = self._extend_to_name(spk, k)
                    elif w in VERBS:
                        spk = (self._named_before_fa(i) or self._relative_antecedent(i, k)
                               or self.speaker_before(i) or self._fronted_subject(i))
                    pronoun = (w in VERBS and a == b) or w in PARTICIPLES
                    if pronoun and not self._has_person(spk):
                        spk = self._new_named_subject(i) or spk
                    if spk is None and self.last is not None:
                        spk = _Speaker(self.last.text, -1, -1, self.last.entity)
                    if spk is None and pronoun and (k <= i + 3 or w in VERBS):
                        # No speaker yet: the person named before it, else someone unnamed
                        # (the quote is one all the same: "…، مبيناً أن").
                        spk = self._earlier_person(i) or _Speaker(None, -1, -1, None)
                    if spk is not None and spk.start >= 0:
                        self.last = spk
                    if spk is not None:
                        i = self.content(k, spk, attached=b == k, saying=w in SAYING)
                        continue
                elif w in VERBS:
                    subject = self._subject_without_speech(i)
                    # The same speaker named again ("وحذر غاريسون") keeps the fuller phrase.
                    if subject is not None and not (
                        self.last is not None
                        and self.last.text
                        and subject.text
                        and subject.text in self.last.text
                    ):
                        self.last = subject
            i += 1
        self._attributed_after()
        self.quotes.sort(key=lambda q: q.start)
        return self.quotes

    def _colon_quote(self, i: int) -> int | None:
        """ "ودافعت ابنته دالما عن والدتها في مقابلة …: «…»": a sentence opening (at i) with
        a verb (not one of saying) and its subject, then a colon and a quotation, quotes
        the subject. Returns the index to go on from, or None."""
        w = self.w(i)
        reach = self.toks[min(self.n, i + 20) - 1].end
        if (
            ":" not in self.folded[self.toks[i].end : reach]
            or self.in_quote[i] >= 0
            or len(w) < 4
            or w[1:].startswith("ال")
            or w in VERBS
            or w in NAQALA
            or w in PHRASE_STOP
            or w in NOT_SUBJECT
            or w in LEADING_SKIP
            or w in TIME_WORDS
            or w[1:] in UNNAMED_OPENERS
            or w[1:] in PHRASE_STOP
            or w[1:] in SOURCE_TAG
        ):
            return None
        colon = -1
        for j in range(i + 1, min(self.n, i + 20)):
            x = self.w(j)
            if self.in_quote[j] >= 0 or j in self.open_at:
                continue  # a quoted name: "مع إذاعة «أونس دييس»"
            if x == ":":
                colon = j
                break
            if (
                x in SENT_END
                or x in VERBS
                or x in PARTICIPLES
                or self.complementizer(j) is not None
            ):
                return None
        if colon < 0 or colon + 1 not in self.open_at:
            return None
        close = self.qspans[self.open_at[colon + 1]][1]
        if re.match(r"\s*[،,]\s*و?\s*[«“\"]", self.folded[close + 1 : close + 8]):
            return None  # a list of titles: "وأشهرها: «…»، و«…»"
        b = i + 1
        while b < colon and not (
            self.w(b) in PHRASE_STOP
            or self.w(b) in ("،", ",", "(")
            or self.w(b) in TIME_WORDS
            or b in self.open_at
            or self.w(b).startswith(("لل", "بال"))
        ):
            b += 1
        if b == i + 1 or b - i > 5 or self._adverbial(i + 1) or self.w(i + 1) in NOT_SUBJECT:
            return None
        spk = self.make_speaker(i + 1, b)
        if spk is None:
            return None
        self.last = spk
        return self.content(colon, spk)

    def _attributed_after(self) -> None:
        """«…»، قال الوزير / "…" بحسب المصدر: speaker after the quotation."""
        for span, (o, c) in enumerate(self.qspans):
            if span in self.used_spans:
                continue
            ti = self.span_open.get(span)
            if ti is None:
                continue
            if self.w(ti - 1) in LABEL_BEFORE or self.w(ti - 1) in TOLD:
                continue  # "وفي حديث لـ"العربية.نت" قال الحريري": the outlet told
            j = ti
            while j < self.n and self.toks[j].start <= c:
                j += 1
            while self.w(j) in ("،", ","):
                j += 1
            if self.w(j) not in AFTER_ATTRIB:
                continue
            k = j + 1
            if self.w(k) in ("ما", "لما") and self.w(k + 1) in VERBS | NAQALA:
                k += 2  # "بحسب ما قال المتحدث"، "وفق ما نقلت رويترز"
            while k < self.n and self.w(k) in TIME_WORDS:
                k += 1
            b = k
            while (
                b < min(self.n, k + 8)
                and self.w(b) not in PHRASE_STOP
                and self.w(b) not in SENT_END
                and self.w(b) not in ("،", ",")
                and not (b > k and self.w(b) in TOLD)
            ):
                b += 1
            spk = self.make_speaker(k, b)
            if spk is not None:
                spk = self._extend_to_name(spk, min(self.n - 1, b))
            if spk is None and self.last is not None:
                spk = self.last
            if spk is not None:
                self.add(o + 1, c, spk, True)


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Direct and indirect quotes in `text`, each with its speaker, in text order."""
    return _Finder(text, mentions).run()


def speaker_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """ORG mentions for the speakers that a text names as a body the tagger did not tag
    ("وقالت وزارة الاقتصاد والتخطيط إن"), so that their quotes have a speaker entity."""
    finder = _Finder(text, mentions)
    finder.run()
    return [Mention(text[s:e], s, e, "ORG") for s, e in sorted(set(finder.unnamed_orgs))]
