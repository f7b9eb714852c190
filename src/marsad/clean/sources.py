"""Who published a page and whom it names as its source.

Publishers come from copyright lines, signature lines and correspondent bylines; credits
from "المصدر: …" lines, parenthesised agency credits "(أ ف ب)", "(وكالات)", credit lines
such as "فرانس24/ أ ف ب", and republication signatures "(موقع-مصدر 6-1-2022)".
"""

from __future__ import annotations

import re

from marsad.normalise import fold

__all__ = [
    "copyright_owner",
    "correspondent_outlet",
    "credit_line",
    "is_agency",
    "is_org_name",
    "parenthesised_credits",
    "republication_signature",
]

# News agencies and wire services that Arabic outlets credit, by the names they print.
# General vocabulary of the field, not a list of any site's strings.
_AGENCIES = (
    "وكالات", "وكالة", "أ ف ب", "ا ف ب", "أ.ف.ب", "فرانس برس", "فرانس 24", "فرانس24",
    "رويترز", "أ ب", "أسوشيتد برس", "اسوشيتد برس", "د ب أ", "د.ب.أ", "الأناضول", "الاناضول",
    "سبوتنيك", "تاس", "ريا نوفوستي", "إنترفاكس", "شينخوا", "كونا", "واس", "وام", "قنا", "بترا",
    "سانا", "أ ش أ", "واج", "ومع", "إرنا", "ارنا", "فارس", "تسنيم", "بنا", "العمانية", "سبأ",
    "الجزيرة", "العربية", "الميادين", "سكاي نيوز", "بي بي سي", "CNN", "BBC", "AFP", "Reuters",
    "AP", "DPA", "RT", "روسيا اليوم", "الحدث", "نيويورك تايمز", "واشنطن بوست", "بلومبيرغ",
    "بلومبرغ", "الغارديان", "الجارديان", "متابعات", "يونهاب", "كيودو", "أكي", "آكي",
)
_AGENCY_KEYS = {fold(a).replace(".", "").replace(" ", "") for a in _AGENCIES}
# Initialisms printed with spaces or dots: "أ ف ب", "د. ب. أ", "أ ش أ".
_INITIALISM = re.compile(r"^(?:[\u0621-\u064a]\.?\s?){2,4}$")

_ORG_WORDS = re.compile(
    r"(?<!\w)(?:مجموعه|مركز|موقع|صحيفه|جريده|وكاله|قناه|شبكه|نيوز|تلفزيون|اذاعه|مؤسسه|"
    r"دار|منصه|مجله|بوابه|news|tv|media|network|group|press|times|post)(?!\w)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"(?:جميع\s+)?(?:ال)?حقوق\s+(?:ال\w+\s+)?(?:محفوظة|محفوظه)|©|\(c\)"
    r"|all rights reserved|copyright",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?")
_SOURCE_LINE = re.compile(r"^(?:ال)?(?:مصدر|المصدر|نقلا عن|نقلاً عن|عن)\s*[:：]\s*(?P<names>.+)$")
_CORRESPONDENT = re.compile(
    r"(?<!\w)(?:مراسل|مراسلة|موفد|موفدة|مندوب)\s+(?:قناة\s+|موقع\s+|صحيفة\s+|وكالة\s+|شبكة\s+)?"
    r"(?P<name>ال[\u0621-\u064a]+|[A-Z][\w]+)"
)
# Correspondents of a kind, not of an outlet: "مراسل الصحيفة في موسكو".
_GENERIC = {fold(w) for w in (
    "الصحيفة", "الوكالة", "القناة", "الموقع", "الشبكة", "الحربي", "الخاص", "الرياضي", "الأخبار",
    "التلفزيون", "الإذاعة", "المجلة", "الجريدة",
)}
_REPUBLISHED = re.compile(
    r"^\(\s*(?P<outlet>[^()\-–]+?)\s*[-–]\s*(?P<source>[^()]+?)\s*"
    r"(?P<date>\d{1,2}[-/.]\d{1,2}[-/.]\d{4})?\s*\)$"
)
_PAREN = re.compile(r"\(([^()]{1,40})\)")


def _agency_key(name: str) -> str:
    return fold(name).replace(".", "").replace(" ", "")


def is_agency(name: str, initialisms: bool = True) -> bool:
    """True for a news agency or outlet name as credited, including initialisms.

    `initialisms=False` for names met in running text, where any short word would pass
    for one: only the names of the vocabulary count."""
    name = name.strip()
    return _agency_key(name) in _AGENCY_KEYS or (
        initialisms and bool(_INITIALISM.match(fold(name))))


def is_org_name(text: str) -> bool:
    return bool(_ORG_WORDS.search(fold(text)))


def copyright_owner(line: str) -> str | None:
    """The owner named by a copyright line, or "" for a copyright line naming none."""
    if not _COPYRIGHT.search(line):
        return None
    owner = _COPYRIGHT.sub(" ", line)
    owner = _YEARS.sub(" ", owner)
    owner = re.split(r"[.|؛;]\s|\s[-–]\s", owner.strip(" .|"))[0]  # drop disclaimers
    owner = re.sub(r"^\s*(?:ل|لـ|لـ\s|ل\s)", "", owner.strip(" .،-–|"))
    owner = owner.strip(" .،-–|©")
    if owner.startswith("ل") and len(owner) > 3 and not owner.startswith("لا"):
        # "لمركز الاتحاد للأخبار": the preposition is glued to the owner's name.
        owner = owner[1:]
    return owner.strip()


def correspondent_outlet(text: str) -> str | None:
    """The outlet of the first correspondent byline ("أفاد مراسل الميادين") in `text`."""
    for match in _CORRESPONDENT.finditer(text):
        name = match["name"]
        if fold(name) not in _GENERIC:
            return name
    return None


def credit_line(line: str) -> list[str] | None:
    """Names credited by a whole line: "المصدر: تاس", "فرانس24/ أ ف ب", "(وكالات)".

    None when the line is not a credit line.
    """
    stripped = line.strip().strip("*").strip()
    source = _SOURCE_LINE.match(stripped)
    if source:
        return _split_names(source["names"])
    inner = stripped[1:-1] if stripped.startswith("(") and stripped.endswith(")") else stripped
    names = _split_names(inner)
    if names and all(is_agency(n) for n in names):
        return names
    service = re.match(r"^(?:خدمة|بالاتفاق مع|خاص بـ?)\s*(?P<name>.+)$", inner)
    if service:
        return [service["name"].strip("«»\"' ")]
    return None


def _split_names(text: str) -> list[str]:
    parts = re.split(r"\s*(?:/|\||،|,|\s-\s|\s–\s|\sو(?=\S))\s*", text.strip(" .:"))
    return [p.strip(" .:«»\"'") for p in parts if p.strip(" .:«»\"'")]


def republication_signature(line: str) -> tuple[str, list[str], str | None] | None:
    """(publisher, credited sources, date text) of "(سيرياهوم نيوز-الميادين6-1-2022)"."""
    match = _REPUBLISHED.match(line.strip())
    if not match:
        return None
    return match["outlet"].strip(), _split_names(match["source"]), match["date"]


def parenthesised_credits(line: str) -> list[str]:
    """Agency credits in parentheses within a line: "ألماتي (وكالات)", "… الشغب (أ ف ب)"."""
    return [m.group(1).strip() for m in _PAREN.finditer(line) if is_agency(m.group(1))]
