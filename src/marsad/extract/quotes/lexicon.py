"""Word lists of the quote finder: reporting verbs and participles, complementizers, the
words that end or cannot start a speaker phrase, and quotation marks. Folded
(`marsad.normalise.fold`) unless a comment says otherwise; the rules are in `rules`.
"""

from __future__ import annotations

from marsad.normalise import fold

OPEN_CLOSE = {"«": "»", "“": "”", '"': '"', "„": "“", "'": "'", "‘": "’"}


def _forms(words: str) -> set[str]:
    out: set[str] = set()
    for w in words.split():
        f = fold(w)
        out.add(f)
        for pre in ("و", "ف", "ثم "):
            out.add(pre + f)
    return out


# Reporting verbs: past (with feminine/plural endings), a few present forms and the
# circumstantial participles. Not "يذكر"/"يشار" (the journalist's own formulas).
VERB_STEMS = (
    "قال أكد أضاف أشار أوضح أعلن صرح شدد لفت نوه كتب تابع اعتبر رأى حذر طالب "
    "دعا ذكر أفاد أبلغ أعرب بين أكدت استدرك أقر كشف رجح توقع اتهم أبان اعترف أكمل"
)
# Masculine singular past forms ("أكدت" in the stems is feminine).
VERB_STEMS_FOLDED = {fold(v) for v in VERB_STEMS.split()} - {fold("أكدت")}
# Verbal nouns that are the object, not the subject, right after a reporting verb:
# "أكد ضرورة …"، "طالب بضرورة …"، "أكد وقوف البرلمان …"، "كشف النقاب عن …".
MASDAR_OBJECT = {
    fold(w) for w in ["ضرورة", "بضرورة", "أهمية", "بأهمية", "وقوف", "دعم", "رفض", "التزام",
                      "حرص", "استعداد", "النقاب", "الستار"]
}  # fmt: skip
VERBS = set()
for _v in VERB_STEMS.split():
    for _suffix in ("", "ت", "وا"):
        VERBS |= _forms(_v + _suffix)
VERBS |= _forms("قالت رأت دعت دعوا رأوا")
PRESENT = _forms("يقول تقول يضيف تضيف يرى ترى يؤكد تؤكد يوضح توضح يشير تشير يعتبر تعتبر")
VERBS |= PRESENT
PARTICIPLES = _forms(
    "مضيفا مضيفة مشيرا مشيرة مؤكدا مؤكدة موضحا موضحة لافتا لافتة معتبرا معتبرة "
    "منوها منوهة مشددا مشددة محذرا محذرة قائلا قائلة مبينا مبينة معربا معربة "
    "مطالبا مطالبة داعيا داعية متابعا متابعة مستدركا مذكرا"
)  # not "مذكرة": the noun "memo"
# Verbs of describing with a quoted fragment: "وصف الوزير الهجوم بأنه "جبان""،
# "واصفاً إياه بـ"المروع"" (eval/figures/GUIDELINES.md 2.1).
WASF = _forms("وصف وصفت وصفوا يصف تصف يصفون")
WASF_PART = _forms("واصفا واصفة واصفين واصفتين")
WASF_OBJ = {"ه", "ها", "هم", "ته", "تها", "تهم", "وه", "وها", "وهم"}
WASF_BEFORE_MARK = {
    fold(w) for w in ["بأنه", "بأنها", "بأنهم", "بأن", "ب", "بـ", "إياه", "إياها", "إياهم", "أنه",
                      "أنها"]
}  # fmt: skip
# "ما وصف بـ"…""، "من وصفتهم بـ"…"": a label with no reported speaker.
WASF_NOT = {fold(w) for w in ["ما", "من", "بما", "لما", "مما", "عما", "فيما"]}
COMPLEMENTIZERS = {
    fold(w): w
    for w in [
        "إن",
        "أن",
        "بأن",
        "إنه",
        "أنه",
        "بأنه",
        "إنها",
        "أنها",
        "بأنها",
        "إنهم",
        "أنهم",
        "بأنهم",
        "إننا",
        "أننا",
        "بأننا",
        "إنني",
        "أنني",
        "إنّ",
        "أنّ",
    ]
}
TWO_WORD_COMP = {
    ("الي", "ان"),
    ("من", "ان"),
    ("علي", "ان"),
    ("الي", "انه"),
    ("الي", "انها"),
    ("علي", "انه"),
    ("من", "انه"),
    ("الي", "انهم"),
    ("علي", "انها"),
}
TIME_WORDS = {
    fold(w)
    for w in [
        "أمس",
        "اليوم",
        "الليلة",
        "صباح",
        "مساء",
        "غدا",
        "الأحد",
        "الاثنين",
        "الإثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الماضي",
        "الماضية",
        "الجاري",
        "مؤخرا",
        "أيضا",
        "كذلك",
        "بدوره",
        "بدورها",
        "بعدها",
        "بعده",
        "لاحقا",
        "سابقا",
        "حينئذ",
        "حينها",
        "آنذاك",
        "وقتها",
        "يومها",
    ]
}
# Words that end the speaker phrase: prepositional adjuncts and clause particles.
PHRASE_STOP = {
    fold(w)
    for w in [
        "في",
        "خلال",
        "على",
        "عبر",
        "أمام",
        "مع",
        "لدى",
        "عن",
        "إلى",
        "من",
        "عقب",
        "إثر",
        "بعد",
        "قبل",
        "منذ",
        "حول",
        "ضمن",
        "أثناء",
        "بشأن",
        "حيال",
        "إزاء",
        "وفي",
        "وخلال",
        "و",
        "ف",
        "ثم",
        "لكن",
        "لأن",
        "حين",
        "عندما",
        "إذ",
        "بينما",
        "فيما",
        "التي",
        "الذي",
        "الذين",
        "وهو",
        "وهي",
        "وهم",
        "وهما",
        "أن",
        "إن",
        "بأن",
        "إنه",
        "أنه",
    ]
}
LABEL_BEFORE = {
    fold(w)
    for w in [
        "تنظيم",
        "جماعة",
        "حركة",
        "عملية",
        "صحيفة",
        "جريدة",
        "مجلة",
        "وكالة",
        "قناة",
        "شبكة",
        "إذاعة",
        "تلفزيون",
        "محطة",
        "موقع",
        "برنامج",
        "كتاب",
        "فيلم",
        "هاشتاغ",
        "وسم",
        "شعار",
        "اسم",
        "مسمى",
        "لقب",
        "حملة",
        "مبادرة",
        "مشروع",
        "مسلسل",
        "رواية",
        "أغنية",
        "شركة",
        "مؤسسة",
        "منظمة",
        "مجموعة",
        "منصة",
        "تطبيق",
        "مصرف",
        "بنك",
        "مطعم",
        "فندق",
        "ب",
        "بـ",
        # Naming: "المعروف باسم "المقلوبة""، "مجموعة تدعى "مورمون"".
        "باسم",
        "تدعى",
        "يدعى",
        "تسمى",
        "يسمى",
        "المسمى",
        "المسماة",
        "بعنوان",
    ]
}
# "لـ"رويترز""، "لوكالة "فرانس برس"": the outlet told, inside the reporting clause.
TOLD = {"ل", "لبي", "لسي"} | {"ل" + w for w in LABEL_BEFORE if len(w) > 2}  # لبي بي سي
TOLD |= {fold(w) for w in ["لهيئة", "لشبكة", "لإذاعة", "لتلفزيون", "لمحطة", "لموقع", "لمراسل"]}
# Prepositional adjuncts that end a speaker phrase: "ببيان"، "بالقول"، "بالاسم".
BY = {fold(w) for w in ["ببيان", "بتصريح", "بتصريحات", "بتغريدة", "بكلمة", "بقوله", "بقولها"]}
# Object pronouns between the verb and its subject: "أفاد به مصدران".
OBJ_PRONOUNS = {
    fold(w) for w in ["به", "بها", "لنا", "لي", "لهم", "له", "لها", "فيه", "فيها", "عنه", "عنها",
                      "عنهم"]
}  # fmt: skip
# Clause-initial "however": "بيد أن"، "غير أن"، "إلا أن" before the subject.
HOWEVER = {fold(w) for w in ["بيد", "غير", "إلا", "على", "كما"]}
# Time nouns that end a speaker phrase ("ممثلو الادعاء الأسبوع الماضي").
TIME_NOUNS = {
    fold(w) for w in ["الأسبوع", "الشهر", "العام", "السنة", "يوم", "ليلة", "مساء", "صباح"]
}
# Definite time nouns that are also title words ("المدعي العام"، "الأمين العام"): a time
# only before a time adjective or a number ("العام الماضي"، "العام 2014").
TIME_NOUNS_AMBIGUOUS = {fold(w) for w in ["العام", "السنة", "الشهر", "الأسبوع"]}
TIME_ADJ = {
    fold(w) for w in ["الماضي", "الماضية", "الجاري", "الجارية", "الحالي", "الحالية", "المقبل",
                      "المقبلة", "القادم", "القادمة", "المنصرم", "المنصرمة", "نفسه", "ذاته"]
}  # fmt: skip
# Prepositions before a name that make it an object, not the speaker ("مع جون كيري").
# In the gap before the name, these make it part of an object ("حذرت السلطات من احتمال
# تسبب مايكل"); على/إلى/لدى occur inside titles ("المشرف العام على"، "المبعوث إلى").
GAP_BLOCK = {fold(w) for w in ["من", "عن", "مع", "ضد", "حول", "بين", "بشأن"]}
OBJ_PREP = {fold(w) for w in ["مع", "عن", "إلى", "على", "من", "ضد", "بين", "أمام", "حول"]}
# Not a pre-verbal subject: adverbs, conjunctions, demonstratives.
NOT_SUBJECT = {
    fold(w)
    for w in ["كما", "حيث", "بينما", "فيما", "يومها", "عندها", "حينها", "ما", "تلك", "ذلك", "هذا",
              "هذه", "لما", "كذلك", "وقد", "قد", "لقد", "ولقد", "ثم", "لكن", "ولكن", "إذ", "إذا",
              "لكنه", "لكنها", "لكنهم", "ولكنه", "ولكنها", "بيد", "بعدما", "عندما", "حينما",
              "كلما", "طالما", "مثلما", "قبلما", "ريثما", "وفق", "وفقا", "حسب", "بحسب"]
}  # fmt: skip
# Circumstantial participles (not reporting verbs) that cannot start a subject.
ADVERBIAL_MASC = ["متحدثا", "معلقا", "مستشهدا"]
ADVERBIAL = {fold(w) for w in [*ADVERBIAL_MASC, "متحدثة", "معلقة", "مستشهدة"]}
# Adverbs and masculine accusative participles, which cannot be the subject right after
# the verb ("فيقول مؤيدا لـ…:"، "أوضح بجلاء أن"); not the feminine forms, which are also
# nouns ("قالت متحدثة باسم الجيش").
HAL = {fold(w) for w in [*ADVERBIAL_MASC, "مؤيدا", "مبتسما", "بوضوح", "بجلاء", "بشدة", "بصراحة"]}
TANWEEN_FATH = "\u064b"
# Verbs of saying proper: a quotation right after them is speech even when the clause
# goes on ("وقال البابا أمام الآلاف "…" …"); after other verbs only a long one is.
SAYING = _forms("قال قالت قالوا أضاف أضافت تابع تابعت أكمل أكملت كتب كتبت") | _forms(
    "قائلا قائلة مضيفا مضيفة متابعا متابعة"
)
LEADING_SKIP = {
    fold(w)
    for w in ["أما", "وكان", "كان", "وكانت", "كانت", "إليه", "إليها", "إليهم", "له", "لها", "لهم",
              "لكن", "ولكن"]
}  # fmt: skip
AUX_END = {fold(w) for w in ["قد"]}
AFTER_ATTRIB = _forms("قال قالت يقول تقول أضاف أضافت حسب بحسب وفق وفقا أكد أكدت")
NAQALA = _forms("نقل نقلت نقلا ونقلت")
QAWL = {fold(w) for w in ["قوله", "قولها", "قولهم"]}
RELATIVE = {fold(w) for w in ["الذي", "التي", "الذين", "اللذين", "اللتين"]}
BARE_COMPLEMENTIZER = {fold(w) for w in ["إن", "أن", "بأن", "إلى", ":"]}
CONTINUE = _forms("أضاف أضافت تابع تابعت أكمل أكملت استدرك استدركت")
# Participles that end the quote before them without reporting speech themselves
# (GUIDELINES 2.2): "…، معلناً الحداد"، "…، نافياً ما وصفه بـ…".
ENDS_QUOTE = _forms("معلنا معلنة نافيا نافية")
LAFAT = _forms("لفت لفتت")
MY_ATTENTION = {fold(w) for w in ["نظري", "انتباهي", "نظرنا", "انتباهنا"]}
# Openers whose subject is nobody named: pronouns ("وأنا أقول مع الدكتور …:") and the
# writer's own "كنت" ("وكنت أسمع الأصوات تتعالى: «…»").
UNNAMED_OPENERS = {fold(w) for w in ["أنا", "نحن", "أنت", "هو", "هي", "هم", "هما", "كنت", "كنا"]}
SOURCE_TAG = {fold(w) for w in ["حسب", "بحسب", "وفق", "وفقا", "طبقا"]}
# "من جهته،"، "من جانبها،": an opener before the sentence's verb.
SIDE = {fold(w) for w in ["جهته", "جهتها", "جهتهم", "جانبه", "جانبها", "جانبهم", "ناحيته",
                          "ناحيتها"]}
# The verb "بيّن", folded like the preposition "بين" (between).
BAYNA = _forms("بين")
SENT_END = set(".!?؟\n")
DIRECT_MAX = 2000

# Speakers by role (`roles`). Heads of an office as written without the article, folded:
# "رئيس كازاخستان"، "وزير الخارجية الروسي"، "المتحدث باسم الرئاسة".
OFFICES = {
    fold(w) for w in [
        "رئيس", "رئيسة", "وزير", "وزيرة", "نائب", "متحدث", "متحدثة", "ناطق", "ناطقة", "سفير",
        "سفيرة", "مبعوث", "مبعوثة", "مندوب", "مندوبة", "أمين", "مدير", "مديرة", "قائد", "زعيم",
        "ملك", "ملكة", "أمير", "عاهل", "ولي", "مستشار", "مستشارة", "ممثل", "ممثلة", "محافظ",
        "حاكم", "مفوض", "مفوضة", "منسق", "سكرتير", "مساعد", "مساعدة", "وكيل", "قنصل",
        "مرشد", "مفتي", "رئيسا", "شيخ", "دكتور", "دكتورة", "مهندس", "لواء", "عميد", "عقيد",
        "مقدم", "رائد", "جنرال", "مشير", "محامي", "قاضي", "مدرب",
    ]
}  # fmt: skip
# Words after an office that name the country it is of without naming it: "رئيس الجمهورية".
GENERIC_PLACES = {fold(w) for w in ["الجمهورية", "جمهورية", "البلاد", "الدولة", "المملكة"]}
# Honorifics that stand for the person named before them: "وأكد سموه أن".
HONORIFIC_PRONOUNS = {fold(w) for w in ["سموه", "سموها", "معاليه", "معاليها", "فضيلته",
                                         "سعادته", "سيادته", "فخامته", "جلالته", "دولته"]}
# Head nouns that, with the article alone, stand for the organisation named before with that
# head: "وأضافت المنظمة" after "منظمة هيومن رايتس ووتش" (folded, without the article).
ORG_HEADS = {fold(w) for w in [
    "منظمة", "وزارة", "شركة", "حركة", "جماعة", "صحيفة", "وكالة", "مرصد", "حزب", "تنظيم",
    "هيئة", "لجنة", "مركز", "مجلس", "قناة", "جمعية", "مؤسسة", "جبهة", "رابطة", "مفوضية",
    "شبكة", "إذاعة", "مجموعة", "ميليشيا", "جامعة", "محكمة", "بعثة", "اتحاد", "تحالف",
]}  # fmt: skip
