"""Who an article says its facts come from.

`source_of` reads the source a figure is attributed to in its sentence: the speaker of the
quote it sits in ("قال المرصد السوري إن 12 شخصاً …"), a source phrase ("بحسب وزارة
الصحة"، "وفقاً لوكالة رويترز"، "نقلاً عن مسؤول") or the subject of a reporting verb
before it ("أعلنت وكالة الأنباء الفرنسية عن مقتل 8"). `inline_agencies` lists the news
agencies the body cites that way ("لوكالة فرانس برس"، "(أ ف ب)"), for the article's
credits; what counts as an agency is `marsad.clean.sources.is_agency`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.clean.sources import is_agency
from marsad.normalise import fold
from marsad.normalise.calendar import GREGORIAN_MONTHS
from marsad.records import Article, Mention

__all__ = ["inline_agencies", "source_of"]

MAX_WORDS = 6  # a source phrase is a name or a designation, not a clause

_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640A-Za-z]+|\d+(?:[.,]\d+)*|[^\s\w]")
_SENT_END = frozenset(".!?؟\n")

# Source phrases: preposition frames, folded, with the ل they may carry glued to the source.
_FRAMES = {fold(w) for w in [
    "بحسب", "حسب", "وبحسب", "وحسب", "حسبما", "بحسبما", "وفق", "وفقا", "وفقاً", "ووفقا", "ووفقاً",
    "طبقا", "طبقاً", "وطبقا", "استنادا", "استناداً", "نقلا", "نقلاً", "ونقلا", "ونقلاً",
]}  # fmt: skip
_FRAME_LINKS = {fold(w) for w in ["عن", "إلى", "الى", "ما", "لما"]}
# Reporting verbs whose subject is the source of what follows.
_VERBS = {fold(v) for stem in [
    "أعلن", "قال", "ذكر", "أفاد", "أكد", "أوضح", "صرح", "كشف", "أورد", "نقل", "أشار", "بين",
    "أحصى", "وثق", "رصد", "أضاف", "نشر", "أظهر", "تحدث",
] for v in (stem, stem + "ت", "و" + stem, "و" + stem + "ت", "ف" + stem, "ف" + stem + "ت")}
_VERBS |= {fold(v) for v in ["قالت", "وقالت", "أحصت", "وأحصت"]}
def _light_stem(w: str) -> str:
    """A folded word without a conjunction, article and feminine or plural ending."""
    for pre in ("وال", "بال", "فال", "لل", "ال", "و"):
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            w = w[len(pre):]
            break
    for suf in ("ات", "ون", "ين", "ه"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


# For a figure's source, without the verbs that as often mean something else: "نقل" (to
# carry: "ونقلت أكثر من 60 شخصاً"), "بين" (between: "ومن بين المصابين"). The agency
# check of `inline_agencies` keeps them: a name it knows follows or nothing does.
_SOURCE_VERBS = _VERBS - {fold(v) for v in ["نقل", "ونقل", "فنقل", "بين", "وبين", "فبين"]}
# What a source phrase starts with when no person or organisation mention covers it: the
# bodies, officials and documents that figures are attributed to. Light stems.
_SOURCE_HEADS = {_light_stem(fold(w)) for w in [
    "وزارة", "وزير", "هيئة", "مصدر", "مصادر", "مسؤول", "مسؤولون", "مسؤولين", "متحدث",
    "الناطق", "ناطق", "وكالة", "صحيفة", "موقع", "قناة", "تلفزيون", "إذاعة", "تقرير", "تقارير",
    "بيان", "بيانات", "إحصاء", "إحصاءات", "إحصائيات", "أرقام", "دراسة", "مسح", "استطلاع",
    "مرصد", "منظمة", "الأمم", "الجيش", "الشرطة", "السلطات", "الحكومة", "مديرية", "الدفاع",
    "مصلحة", "مركز", "مؤسسة", "البنك", "صندوق", "جمعية", "لجنة", "مجلس", "شركة", "مكتب",
    "إدارة", "خبراء", "خبير", "محللون", "محلل", "شهود", "سكان", "مدير", "رئيس", "أمين",
    "محافظ", "قائد", "العقيد", "اللواء", "العميد", "الدكتور", "المهندس", "الأمير", "الشيخ",
    "سمو", "سموه", "معالي", "نائب", "عضو", "ناشطون", "ناشطين", "ناشط", "أطباء", "طبيب",
    "مستشفى", "الأمن", "جهاز", "قوات", "النيابة", "المحكمة", "الادعاء", "الأرقام", "النتائج",
    "الوزارة", "الهيئة", "المصادر", "الأجهزة", "دائرة", "سفارة", "السفير", "القنصلية",
    "البرلمان", "الاتحاد", "الرئاسة", "الديوان", "المتحدثة", "حزب", "حركة", "تنظيم", "جماعة",
    "المرصد", "الصحة", "الداخلية", "الخارجية", "الكرملين", "البيت", "البنتاغون", "مسح",
    "وسائل", "إعلام", "الإعلام", "شبكة", "جريدة", "مجلة", "التلفزيون", "الإذاعة",
]}  # fmt: skip
# Words that end a source phrase: particles, time words, verbs of the clause.
_END = {fold(w) for w in [
    "إن", "أن", "ان", "أنه", "أنها", "إنه", "إنها", "بأن", "فقد", "وقد", "عن", "في", "على",
    "إلى", "الى", "من",
    "مع", "أمس", "امس", "اليوم", "الليلة", "صباح", "مساء", "الأحد", "الاثنين", "الثلاثاء",
    "الأربعاء", "الخميس", "الجمعة", "السبت", "يوم", "خلال", "بعد", "قبل", "عقب", "إثر", "حيث",
    "التي", "الذي", "الذين", "ما", "لا", "لم", "قد", "كما", "أيضا", "أيضاً", "مقتل", "وفاة",
    "إصابة", "اعتقال", "ارتفاع", "تراجع", "انخفاض", "بلوغ", "وصول", "تسجيل", "أنباء", "مصرع",
    "الجمعه", "فإن", "فان", "بيان", "ببيان", "تقرير", "تصريحات", "تصريح", "وأن", "لكن",
    "بينما", "فيما",
]}  # fmt: skip
_PUNCT_END = set("،,.:؛;«»\"“”()[]!?؟-–")
_PAREN = re.compile(r"\(([^()]{1,30})\)")
_QUOTE_MARKS = set("«»\"“”")
# "لوكالة"، "للصحافة": the ل of the addressee ("قال لرويترز") ends the speaker phrase.
_TOLD = re.compile(r"^ل(?:ل|وكال|صحيف|قنا|موقع|رويترز|فرانس|شبك|جريد)")
_NEWS_AGENCY = re.compile(r"^(?:وكاله|الوكاله)\s+(?:ال)?(?:انباء|صحافه)\b")


@dataclass(slots=True)
class _Word:
    text: str
    folded: str
    start: int
    end: int


def _words(text: str, lo: int, hi: int, marks: bool = True) -> list[_Word]:
    """Words of text[lo:hi]; without quotation marks when `marks` is false ("وكالة «رويترز»")."""
    return [_Word(m.group(), fold(m.group()), m.start(), m.end())
            for m in _WORD.finditer(text, lo, hi)
            if marks or m.group() not in _QUOTE_MARKS]  # fmt: skip


def _sentence(text: str, start: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and text[lo - 1] not in _SENT_END:
        lo -= 1
    hi = start
    while hi < len(text) and not (
        text[hi] in _SENT_END and not (text[hi] == "." and hi + 1 < len(text)
                                       and text[hi - 1:hi].isdigit() and text[hi + 1].isdigit())
    ):
        hi += 1
    return lo, hi


def _phrase(words: list[_Word], k: int) -> tuple[int, int] | None:
    """Word range [k, j) of a source phrase starting at word k."""
    j = k
    while j < len(words) and j - k < MAX_WORDS:
        w = words[j]
        if w.text in _PUNCT_END or w.folded in _END or w.text[:1].isdigit() or w.folded in _VERBS:
            break
        if j > k and _TOLD.match(w.folded):
            break
        j += 1
    return (k, j) if j > k else None


def _strip_lam(words: list[_Word], k: int) -> int:
    """Offset into word k after a glued ل: "لوكالة" → "وكالة", "للصحة" → "الصحة" (the
    article's alif is not written after ل; the offset keeps the text as written)."""
    w = words[k].folded
    return 1 if w.startswith("ل") and len(w) > 3 else 0


def _source(text: str, words: list[_Word], k: int, cut: int,
            mentions: list[Mention]) -> dict[str, str | None] | None:
    span = _phrase(words, k)
    if span is None:
        return None
    start, end = words[span[0]].start + cut, words[span[1] - 1].end
    phrase = text[start:end].strip("«»\"“” ")
    if not phrase:
        return None
    if cut and phrase.startswith("ل"):
        phrase = "ا" + phrase  # "للصحة" → "الصحة"
    named = [m for m in mentions if m.start < end and start < m.end and m.type != "MISC"]
    if not named and _head(phrase) not in _SOURCE_HEADS:
        return None  # "وفقاً للمادة العاشرة"، "وفق الجداول الزمنية": no one's word
    return {"text": phrase, "entity": named[0].entity if named else None}


def _head(phrase: str) -> str:
    first = fold(phrase.split()[0]) if phrase.split() else ""
    return _light_stem(first)



def source_of(article: Article, start: int, end: int) -> dict[str, str | None] | None:
    """The source `article` names for the figure at [start, end), as {"text", "entity"}:
    the quote's speaker, a "بحسب X" phrase in the sentence, or the subject of the nearest
    reporting verb before the figure. None when the article names none."""
    for q in article.quotes:
        if q.start <= start < q.end and q.speaker_text:
            # "مسؤول أمني لرويترز": the speaker, without the outlet told.
            kept = q.speaker_text.split("(")[0].split()  # "كاهيل (29 عاما": no aside
            cut = next((i for i, w in enumerate(kept) if i and _TOLD.match(fold(w))), len(kept))
            if kept and not kept[0][:1].isdigit():  # "أفاد 59 % من أصحاب العمل": no one
                return {"text": " ".join(kept[:cut]), "entity": q.speaker}
            break
    text = article.text
    lo, hi = _sentence(text, start)
    words = _words(text, lo, hi)
    found = _frame_sources(text, words, article.mentions)
    if found:
        return min(found, key=lambda f: abs(f[0] - start))[1]
    for k in range(len(words) - 1, -1, -1):
        if words[k].start >= start:
            continue
        if words[k].folded in _SOURCE_VERBS and k + 1 < len(words):
            return _source(text, words, k + 1, 0, article.mentions)
    return None


def _frame_sources(text: str, words: list[_Word], mentions: list[Mention]
                   ) -> list[tuple[int, dict[str, str | None]]]:
    out: list[tuple[int, dict[str, str | None]]] = []
    for k, w in enumerate(words):
        if w.folded not in _FRAMES:
            continue
        j = k + 1
        # "بحسب ما أعلنت X"، "نقلاً عن X"، "وفقاً لـ X".
        while j < len(words) and words[j].folded in _FRAME_LINKS:
            j += 1
        if j < len(words) and words[j - 1].folded in ("ما", "لما"):
            j += 1  # the verb of "بحسب ما نقلته X"، "وفق ما أعلن X"
        if w.folded.endswith("ما") and j < len(words) and words[j].folded in _VERBS:
            j += 1  # "حسبما أفادت X"
        if j < len(words) and words[j].text in ("لـ", "ل"):
            j += 1
        if j >= len(words):
            continue
        cut = _strip_lam(words, j) if w.folded.startswith(("وفق", "طبق", "ووفق", "وطبق")) else 0
        src = _source(text, words, j, cut, mentions)
        if src:
            out.append((w.start, src))
    return out


def inline_agencies(article: Article) -> list[str]:
    """News agencies the body cites for its facts, as written: "(أ ف ب)" in the text, or an
    agency as a source phrase, a reporting verb's subject or the one told ("قال لرويترز")."""
    names: list[str] = []
    text = article.text
    for m in _PAREN.finditer(text):
        # Only the vocabulary's names: in running text "(تموز)" would pass for an initialism.
        name = m.group(1).strip()
        if fold(name) in GREGORIAN_MONTHS:
            continue  # "(آب)" is August, not "أ ب"
        if is_agency(name, initialisms=False) and name not in names:
            names.append(name)
    words = _words(text, 0, len(text), marks=False)
    for k, w in enumerate(words):
        if w.folded in _FRAMES or w.folded in _VERBS:
            j = k + 1
            while j < len(words) and words[j].folded in _FRAME_LINKS:
                j += 1
            if j < len(words) and words[j - 1].folded in ("ما", "لما"):
                j += 1  # the verb of "بحسب ما نقلته X"
            told = False
            if w.folded in _VERBS:
                # "قال مدير المرصد … لوكالة الصحافة الفرنسية": the one told, after the speaker.
                for t in range(j, min(j + 10, len(words))):
                    if words[t].text in _PUNCT_END or words[t].folded in _END:
                        break
                    if _TOLD.match(words[t].folded):
                        j, told = t, True
                        break
            if j < len(words) and words[j].text in ("لـ", "ل"):
                j += 1
            if j >= len(words):
                continue
            cut = _strip_lam(words, j) if told or w.folded.startswith(("وفق", "طبق")) else 0
            name = _agency_at(text, words, j, cut)
            if name and name not in names:
                names.append(name)
    return names


def _agency_at(text: str, words: list[_Word], j: int, cut: int) -> str | None:
    """The agency name starting at word j: the longest phrase of up to four words that
    `is_agency` knows, or "وكالة الأنباء …"/"وكالة الصحافة …" (a news agency by name)."""
    span = _phrase(words, j)
    if span is None:
        return None
    start = words[j].start + cut
    last = min(span[1], j + 4)
    for m in range(j + 1, last):
        # A quotation mark ends the name, except around it after "وكالة": "وكالة «رويترز»".
        if _QUOTE_MARKS & set(text[words[m - 1].end:words[m].start]) and m - 1 > j:
            last = m
            break
    for m in range(last, j, -1):
        name = re.sub("[«»\"“”]", "", text[start:words[m - 1].end]).strip()
        if cut and name.startswith("ل"):
            name = "ا" + name
        bare = re.sub(r"^(?:ال)?وكالة\s+", "", name).strip("«»\"“” ")
        if is_agency(name, initialisms=False) and fold(name) not in ("وكاله", "الوكاله"):
            return name
        if bare != name and is_agency(bare, initialisms=False):
            return name
        if _NEWS_AGENCY.match(fold(name)) and m - j >= 2:
            return name
    return None
