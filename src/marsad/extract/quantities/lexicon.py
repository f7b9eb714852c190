"""Word lists of Arabic figures: number words, scales, hedges, units, and the nouns around a
figure that make it a count, a time, a label or a group. Keys are folded
(`marsad.normalise.fold`) unless a comment says otherwise.
"""

from __future__ import annotations

from importlib import resources

from marsad.normalise import calendar, fold


def _lexicon_lines(name: str) -> list[str]:
    text = resources.files("marsad.extract").joinpath("lexicon", name).read_text("utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _load_forms() -> tuple[dict[str, str], set[str], set[str], set[str]]:
    """Folded form → key; singulars; singulars whose plural is broken; listed plurals."""
    forms: dict[str, str] = {}
    singulars: set[str] = set()
    broken: set[str] = set()
    plurals: set[str] = set()
    for line in _lexicon_lines("singulars.txt"):
        word = line.strip()
        singulars.add(fold(word))
        forms.setdefault(fold(word), word)
    for line in _lexicon_lines("plurals.tsv"):
        singular, _, plurals_text = line.partition("\t")
        fs = fold(singular)
        singulars.add(fs)
        forms[fs] = singular
        for plural in plurals_text.split():
            fp = fold(plural)
            forms[fp] = singular
            plurals.add(fp)
            # "Xين/Xون" plurals are ambiguous with the dual; only broken plurals
            # (or feminine -ات) leave "Xين" free to be read as a dual.
            if not (fp.endswith(("ين", "ون")) and fp.startswith(fs[:2])):
                broken.add(fs)
    for line in _lexicon_lines("units_extra.tsv"):
        variant, _, unit = line.partition("\t")
        forms[fold(variant)] = unit.strip()
    return forms, singulars, broken, plurals


FORMS, SINGULARS, DUALABLE, PLURALS = _load_forms()


NOT_DUALS = {fold(w) for w in _lexicon_lines("not_duals.txt")}


# Time words: figures with these units are durations, ages or dates, not counts.
TIME_UNITS = {
    fold(w)
    for w in [
        "ساعة",
        "دقيقة",
        "ثانية",
        "يوم",
        "أسبوع",
        "شهر",
        "عام",
        "سنة",
        "عقد",
        "قرن",
        "ليلة",
        "فجر",
        "صباح",
        "مساء",
        "ساعات",
        "دقائق",
        "ثوان",
        "ثواني",
        "أيام",
        "أسابيع",
        "أشهر",
        "شهور",
        "أعوام",
        "سنوات",
        "سنين",
        "عقود",
        "قرون",
        "ليال",
        "ليالي",
        "يومين",
        "أسبوعين",
        "شهرين",
        "عامين",
        "سنتين",
        "ساعتين",
        "دقيقتين",
        "ليلتين",
        "قرنين",
        "عقدين",
    ]
}


MONTHS = set(calendar.GREGORIAN_MONTHS) | set(calendar.HIJRI_MONTHS)
MONTHS |= {"كانون", "تشرين", "ربيع", "جمادي"}


MONTHS |= {fold(m) for m in ("ذو", "ذي")}


WEEKDAYS = set(calendar.WEEKDAYS)


ONES = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}  # fmt: skip


TEEN_HEADS = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}


TENS = {
    stem + end: value
    for stem, value in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50),
                        ("ست", 60), ("سبع", 70), ("ثمان", 80), ("تسع", 90))
    for end in ("ون", "ين")
}  # fmt: skip


HUNDREDS = {"ميه": 100, "مايه": 100}


for _h in ("ميتان", "ميتين", "مايتان", "مايتين", "ميتا", "ميتي", "مايتا", "مايتي"):
    HUNDREDS[_h] = 200


for _stem, _v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                  ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):  # fmt: skip
    HUNDREDS[_stem + "ميه"] = _v * 100
    HUNDREDS[_stem + "مايه"] = _v * 100


# Scale words: (multiplier, kind) where kind is "one" (ألف), "dual" (ألفين) or
# "plural" (آلاف: needs a number before it, alone it is vague).
SCALES: dict[str, tuple[float, str]] = {}


for _words, _mult in (
    (("الف", "الفا"), 1e3), (("مليون", "مليونا"), 1e6),
    (("مليار", "مليارا", "بليون", "بليونا"), 1e9), (("تريليون", "ترليون"), 1e12),
):  # fmt: skip
    for _w in _words:
        SCALES[_w] = (_mult, "one")


for _w, _mult in (
    ("الفين", 1e3),
    ("الفان", 1e3),
    ("الفي", 1e3),  # construct state: "ألفي جندي"
    ("مليونين", 1e6),
    ("مليونان", 1e6),
    ("مليوني", 1e6),
    ("مليارين", 1e9),
    ("ملياران", 1e9),
    ("ملياري", 1e9),
):
    SCALES[_w] = (_mult, "dual")


for _w, _mult in (("الاف", 1e3), ("الوف", 1e3), ("ملايين", 1e6), ("مليارات", 1e9),
                  ("بلايين", 1e9), ("تريليونات", 1e12)):  # fmt: skip
    SCALES[_w] = (_mult, "plural")


CLITICS = ("و", "ب", "ل", "ف", "ك")


ONE_TWO = ("واحد", "واحده", "اثنان", "اثنين", "اثنتان", "اثنتين")


# Arabic order: thousands, hundreds, ones, then tens ("ألف وخمسمئة وخمسة وعشرون").
MAY_FOLLOW = {
    "": {"ones", "teen", "tens", "hundred"},
    "scale": {"ones", "teen", "tens", "hundred"},
    "hundred": {"ones", "teen", "tens"},
    "ones": {"tens"},
    "teen": set(),
    "tens": set(),
}


# Hedges, folded token sequences → (bound). All hedges set approx.
HEDGES_BEFORE: list[tuple[tuple[str, ...], str | None]] = [
    (tuple(h.split()), b)
    for group, b in (
        (
            "نحو|حوالي|قرابه|زهاء|ما يقارب|يقارب|تقارب|ما يناهز|يناهز|في حدود|ما يقرب من|"
            "يقرب من|تقريبا",
            None,
        ),
        (
            "اكثر من|ازيد من|ما يزيد علي|ما يزيد عن|يزيد علي|يزيد عن|ما لا يقل عن|"
            "لا يقل عن|ما لا يقل علي|ما يربو علي|يربو علي|يفوق|تفوق|فوق|ما فوق|"
            "ما يفوق|اكثر من|على الاقل|علي الاقل",
            "min",
        ),
        (
            "اقل من|ما لا يزيد علي|ما لا يزيد عن|لا يزيد علي|لا يزيد عن|حتي|لا يتجاوز|"
            "لا تتجاوز|ما لا يتجاوز|دون|ما دون|ما يصل الي|يصل الي|تصل الي",
            "max",
        ),
    )
    for h in group.split("|")
]


HEDGES_BEFORE.sort(key=lambda hb: -len(hb[0]))


HEDGE_WORDS = {seq[0] for seq, _ in HEDGES_BEFORE}


HEDGES_AFTER: list[tuple[tuple[str, ...], str | None]] = [
    (("تقريبا",), None),
    (("علي", "الاقل"), "min"),
    (("علي", "الاكثر"), "max"),
]


# Words that are never the counted noun right after a number.
STOP = {
    fold(w)
    for w in [
        "في",
        "من",
        "إلى",
        "الى",
        "على",
        "علي",
        "عن",
        "مع",
        "بعد",
        "قبل",
        "منذ",
        "خلال",
        "حتى",
        "أو",
        "ثم",
        "أن",
        "إن",
        "قد",
        "لم",
        "لن",
        "لا",
        "ما",
        "هو",
        "هي",
        "هم",
        "التي",
        "الذي",
        "الذين",
        "اللذين",
        "عندما",
        "عند",
        "بين",
        "ضد",
        "حيث",
        "لكن",
        "بينما",
        "فيما",
        "مقابل",
        "كما",
        "تحت",
        "فوق",
        "حول",
        "عبر",
        "أمام",
        "دون",
        "أي",
        "ذلك",
        "هذا",
        "هذه",
        "تلك",
        "منه",
        "منهم",
        "منها",
        "منهن",
        "بينهم",
        "بينها",
        "فقط",
        "له",
        "لها",
        "لهم",
        "كل",
        "إلا",
        "ألا",
        "إذ",
        "إذا",
        "لو",
        "كان",
        "كانت",
        "يكون",
        "تكون",
        "وفق",
        "وفقا",
        "نحو",
        "حوالي",
        "أيضا",
        "تقريبا",
        "مقارنة",
        "بنسبة",
        "بمعدل",
        "بقيمة",
        "قيمة",
        "إضافة",
        "وسط",
        "لدى",
        "أكثر",
        "أقل",
        "جراء",
        "إثر",
        "عقب",
        "رغم",
        "إنه",
        "أنه",
        "إنها",
        "أنها",
        "ليس",
        "بل",
        "كلا",
        "سوى",
        "غير",
        "لصالح",
        "مما",
        "ممن",
        "عما",
        "ظهرا",
        "صباحا",
        "مساء",
        "فجرا",
        "عصرا",
        "ليلا",
        "عالميا",
        "محليا",
        "دوليا",
        "عربيا",
        "سنويا",
        "يوميا",
        "شهريا",
        "أسبوعيا",
        "أيضاً",
        "فحسب",
        "وحدها",
        "وحده",
    ]
}


LABEL_NOUNS = {
    fold(w)
    for w in [
        "رقم",
        "الرقم",
        "المادة",
        "الفقرة",
        "البند",
        "القرار",
        "القانون",
        "المرسوم",
        "الفصل",
        "الباب",
        "الدورة",
        "الجولة",
        "المرحلة",
        "المرتبة",
        "المركز",
        "النسخة",
        "الحلقة",
        "الموسم",
        "الدقيقة",
        "الشوط",
        "الصفحة",
        "الطابق",
        "السورة",
        "الآية",
        "الطريق",
        "الرحلة",
        "الخط",
        "القناة",
        "العدد",
        "الأسبوع",
        "اليوم",
        "الساعة",
        "مجموعة",
        "مادة",
        "فقرة",
        "بند",
        "قرار",
        "قانون",
        "مرسوم",
        "قناة",
        "رحلة",
        "طريق",
        "دورة",
        "جولة",
        "نسخة",
    ]
}


# Nouns a number names rather than counts: military formations, numbered articles and
# resolutions, flights, shirts, roads, rooms, pages ("اللواء 117 مشاة"، "الفرقة 3 مدرع"،
# "الرحلة 370"، "القميص رقم 10"). A number right after one is an identifier whatever
# follows it. Nouns that are also a sentence's subject before a count ("الدورة 1053 عضواً")
# stay in LABEL_NOUNS, which only drops a number with no counted noun.
IDENTIFIER_NOUNS = {
    fold(w)
    for w in [
        "اللواء", "لواء", "الفرقة", "الكتيبة", "كتيبة", "الفوج", "السرية", "الفيلق", "السرب",
        "رقم", "المادة", "مادة", "الفقرة", "فقرة", "البند", "بند", "القرار", "قرار",
        "المرسوم", "مرسوم", "القانون", "الرحلة", "رحلة", "القميص", "الطريق", "الغرفة",
        "العنبر", "البوابة", "الطابق", "الصفحة", "السورة", "الآية", "الفصل", "الحلقة",
    ]
}  # fmt: skip

COUNT_CONTEXT = {fold(w) for w in ["عدد", "حصيلة", "إجمالي", "مجموع", "أعداد", "حصيلة"]}


COUNT_ADJ = {
    fold(w) for w in ["الإجمالي", "الكلي", "النهائي", "الرسمي", "الجديد", "الأولي", "الحقيقي"]
}


BARE_OK_PREV = {
    fold(w)
    for w in [
        "إلى",
        "الى",
        "بلغ",
        "بلغت",
        "يبلغ",
        "تبلغ",
        "وبلغ",
        "وبلغت",
        "ليبلغ",
        "لتبلغ",
        "وصل",
        "وصلت",
        "ليصل",
        "لتصل",
        "تجاوز",
        "تجاوزت",
        "يتجاوز",
        "يتخطى",
        "تخطى",
        "قتل",
        "قتلت",
        "مقتل",
        "أصيب",
        "إصابة",
        "اعتقل",
        "اعتقال",
        "سجل",
        "سجلت",
        "سقط",
        "بـ",
        "ب",
    ]
}


TIME_AFTER = {
    fold(w)
    for w in [
        "صباحا",
        "مساء",
        "ظهرا",
        "فجرا",
        "ليلا",
        "عصرا",
        "بتوقيت",
        "بالتوقيت",
        "غرينتش",
        "تغ",
        "ت.غ",
    ]
}


TIME_BEFORE = {
    fold(w) for w in ["الساعة", "الساعه", "الدقيقة", "الدقيقه", "الثانية", "عمر", "العمر", "سن"]
}


YEAR_BEFORE = {
    fold(w)
    for w in [
        "عام",
        "العام",
        "لعام",
        "عامي",
        "سنة",
        "السنة",
        "لسنة",
        "سنتي",
        "موسم",
        "ميزانية",
        "رؤية",
        "منذ",
    ]
}


OTHERS = {fold(w) for w in ["آخرين", "آخرون", "أخرى", "أخريات"]}


PERCENT = {"بالميه", "بالمايه", "%", "٪"}


# Partitive "N من X": the group X → the key of one member.
GROUP_MEMBERS = [
    (("قوات", "الامن"), "عنصر أمن"), (("القوات", "الامنيه"), "عنصر أمن"),
    (("قوات", "الشرطه"), "شرطي"), (("عناصر", "الشرطه"), "شرطي"),
    (("افراد", "الشرطه"), "شرطي"), (("رجال", "الشرطه"), "شرطي"), (("الشرطه",), "شرطي"),
    (("رجال", "الامن"), "عنصر أمن"), (("عناصر", "الامن"), "عنصر أمن"),
    (("افراد", "الامن"), "عنصر أمن"), (("الامن",), "عنصر أمن"),
    (("الاجهزه", "الامنيه"), "عنصر أمن"), (("قوات", "الجيش"), "جندي"),
    (("عناصر", "الجيش"), "جندي"), (("افراد", "الجيش"), "جندي"), (("الجيش",), "جندي"),
    (("القوات",), "عنصر"), (("قوات",), "عنصر"),
]  # fmt: skip


MEMBER_HEADS = {fold(w) for w in ["أفراد", "عناصر", "أعضاء", "رجال", "منتسبي", "منتسبو"]}


# "3042 من تنظيم داعش": members of an organisation → عنصر.
ORGANISATIONS = {
    fold(w) for w in ["تنظيم", "التنظيم", "جماعة", "الجماعة", "حركة", "الحركة", "ميليشيا",
                      "ميليشيات", "مليشيا", "مليشيات", "الميليشيات", "حزب", "الحزب"]
}  # fmt: skip


# Armed/security group heads: coordinated ("7 من ضباط وأفراد الحرس") → عنصر; one of
# them with another people noun ("10 من المدنيين وقوات الأمن") → شخص.
ARMED_HEADS = {
    fold(w) for w in ["ضباط", "أفراد", "جنود", "عناصر", "رجال", "قوات", "شرطة", "جيش", "أمن",
                      "منتسبي", "حراس", "مقاتلي", "مقاتلين", "عسكريين"]
}  # fmt: skip


CURRENCIES = {
    "دولار", "ريال", "يورو", "جنيه", "درهم", "دينار", "ليرة", "روبل", "ين", "يوان", "روبية",
    "جنيه إسترليني", "فرنك", "تومان", "شيكل",
}  # fmt: skip


UNIT_MODIFIERS = {fold(w) for w in ["مربع", "مكعب", "مئوية", "استرليني", "إسترليني", "فهرنهايت"]}


UNIT_MODIFIERS |= {fold(w) + "ا" for w in ["مربع", "مكعب"]}


NUMBER_WORDS = set(ONES) | set(TENS) | set(HUNDREDS) | set(SCALES) | set(TEEN_HEADS)


NUMBER_WORDS |= {"نصف"}


ONE_TWO_SET = {"واحد", "واحده", "اثنان", "اثنين", "اثنتان", "اثنتين"}


# Words that start a number: number words, and number words after a clitic ("وثلاثة",
# "بخمسة"), except "وست"/"والف" (verbs and nouns far more often than numbers).
NUMBER_STARTS = (NUMBER_WORDS - ONE_TWO_SET) | {
    c + w for c in CLITICS for w in NUMBER_WORDS - ONE_TWO_SET - {"ست", "الف"}
}


DUAL_ENDS = ("ين", "ان")  # "تين"/"تان" included


ONE_TWO_WORDS = {"واحد", "واحده", "واحدا", "اثنان", "اثنين", "اثنتان", "اثنتين"}


STARTERS = NUMBER_STARTS | ONE_TWO_WORDS | {"والف"}


MODIFIER_SPELLING = {fold(w): w for w in ["مربع", "مكعب", "مئوية", "إسترليني", "فهرنهايت"]}


# "كيلو" + a unit written apart: "كيلو مترين"، "5 كيلو غرامات".
KILO = {"متر": "كيلومتر", "غرام": "كيلوغرام", "جرام": "كيلوغرام", "واط": "كيلوواط"}


MODIFIER_SPELLING |= {fold(w) + "ا": w for w in ["مربع", "مكعب"]}


TIME_KEYS = set(
    ["ساعة", "دقيقة", "ثانية", "يوم", "أسبوع", "شهر", "عام", "سنة", "عقد", "قرن", "ليلة"]
)


VAGUE = {fold(w) for w in ["عشرات", "مئات", "مئات", "آلاف", "ألوف", "ملايين", "عدد", "العديد"]}


AFTER_MONEY = {fold(w) for w in ["فقط", "سنويا", "شهريا", "لمدة", "مقابل", "وفق", "بحسب"]}
