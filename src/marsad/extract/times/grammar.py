"""The rule grammar: regex fragments over folded text and the ordered rule patterns.

Rules are tried in order at each position, so longer, more specific forms come first. The
patterns see folded text (`marsad.normalise.fold_map`), where أ/إ/آ→ا, ى→ي, ة→ه and
digits are ASCII.
Conventions follow eval/times/GUIDELINES.md: proclitics (و ف ب ل ك) and leading
prepositions are outside the span, the article ال is inside.
"""

from __future__ import annotations

from marsad.extract.times.lexicon import (
    CARDINALS,
    DAYS,
    HMONTHS,
    MONTHS,
    ORDINALS,
    PERIOD_MODS,
    POD_ADVERB,
    POD_PREFIX,
    REL_SIGN,
    UNITS,
    VAGUE_COUNTS,
    alternation,
    folded,
)

# Start of a word, possibly after proclitics (kept outside the span).
B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
# The article; after the preposition ل it fuses ("للعام"), and the span keeps one ل.
AL = r"(?:ال|(?<=(?<!\w)ل)ل|(?<=(?<!\w)[وف]ل)ل)"
E = r"(?!\w)"
YEAR = r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)"

MONTH = alternation(MONTHS)
HMONTH = alternation(HMONTHS)
WEEKDAY = alternation(DAYS)
REL = alternation(REL_SIGN)
MODS = alternation(PERIOD_MODS)
POD_PRE = alternation(POD_PREFIX)
POD_ADV = alternation(POD_ADVERB)
CARD = alternation(CARDINALS)
NUMWORDS = rf"(?:{CARD})(?:\s+و?\s?(?:{CARD})){{0,3}}"
VAGUE = alternation(VAGUE_COUNTS)
ORD_STEM = alternation(k for k, v in ORDINALS.items() if 0 < v < 20)
ORD = (rf"(?:ال)?(?:{ORD_STEM})(?:\s+(?:ال)?عشره?|\s+و\s?(?:ال)?(?:عشرين|ثلاثين))?{E}"
       rf"|(?:ال)?(?:عشرين|ثلاثين){E}")
UNIT = alternation(UNITS)
PLURAL_OR_DUAL = alternation(k for k, v in UNITS.items() if v[1] != 1)
# Singular in the accusative, counted by 11-99: "الاثني عشر شهرا", "الخمسة عشر عاما".
ACCUSATIVE = alternation(k for k, v in UNITS.items() if v[1] == 1 and k.endswith("ا"))


def day(name: str) -> str:
    """A day of the month: "5", "الـ5", "الخامس", "الحادي والعشرين"."""
    return rf"(?:(?:ال\s?)?(?P<{name}n>[0-3]?\d)(?!\d)|(?P<{name}o>{ORD}))"


DAY_PATTERN_FOR_INFER = r"(?:ال\s?)?(?P<dn>[0-3]?\d)(?!\d)"
# The other calendar's name of the month, after a slash or bracket, or a space in wire
# copy ("24 يوليو تموز").
MONTHX = rf"(?P<mon>{MONTH})(?:(?:\s*[/\\(-]\s*|\s+)(?P<mon2>{MONTH})(?:\s*\))?)?{E}"
YEARPART = (
    r"(?:"
    rf"\s*[،,]?\s*(?:من\s+)?(?:{AL}?(?:عام|سنه)\s+)?(?P<y>{YEAR})(?:\s*م{E}|\s*ميلادي(?:ه)?{E})?"
    rf"|\s+(?:من\s+)?{AL}?(?:عام|سنه)\s+(?P<yrel>{REL}){E}"
    r"|\s+من\s+(?P<ythis>هذا\s+العام|هذه\s+السنه)"
    r")?"
)
CLOCK = r"(?P<hh>[0-2]?\d)[:.](?P<mi>[0-5]\d)(?!\d)"
# Wire reports write a zoned clock without a colon: "الساعة 0928 بتوقيت جرينتش".
WIRE_CLOCK = r"(?P<hh2>[01]\d|2[0-3])(?P<mi2>[0-5]\d)(?=\s*بتوقيت)"
TIMEPART = (
    rf"(?:\s*[،,]?\s*(?:(?:في\s+)?(?:تمام\s+)?{AL}?ساعه\s+)?{CLOCK}"
    rf"(?:\s*(?P<ap>{POD_ADV}|ص|م){E})?)?"
)
DX_PRE = r"اليوم|يوم\s+امس|يوم\s+الغد|بعد\s+غد|امس|غدا|يوم"
WD_PRE = (rf"(?:(?:(?P<pod>{POD_PRE})\s+)?(?:(?P<dx>{DX_PRE})\s+)?(?P<wd>{WEEKDAY})\s*[،,]?\s*"
          r"(?:في\s+)?|يوم\s+)?")
HOURWORD = (r"(?:ال)?(?:واحده|ثانيه|ثالثه|رابعه|خامسه|سادسه|سابعه|ثامنه|تاسعه|عاشره)"
            r"(?:\s+عشره?)?|(?:ال)?(?:حاديه|ثانيه)\s+عشره?")
DUR_COUNT = rf"(?:\d+(?:[.,]\d+)?|{NUMWORDS}|{VAGUE})"
DUR_ADJ = (r"(?:\s+(?P<adj>طويله|قليله|عديده|كثيره|متتاليه|متواصله|كامله|كاملا|كاملين|اضافيه"
           r"|اخري|اخر|عده|قليلا|معدوده|قليلين)(?!\w))?")
# Feminine duals agree in -تين: "السنتين الأخيرتين", "الساعتين الماضيتين".
DUR_REL = (r"(?:\s+(?P<drel>الماضيه|الماضيين|الماضيتين|الماضي|الاخيره|الاخيرين|الاخيرتين|الاخير"
           r"|المقبله|المقبلين|المقبلتين|المقبل|القادمه|القادمين|القادمتين|القادم|المنصرمه"
           r"|المنصرمتين|المنصرم|الفائته|السابقه|الاولي)(?!\w))?")
DURATION = (
    rf"(?:(?P<half0>نصف|ربع)\s+(?P<u0>{UNIT})"
    rf"|(?P<n>{DUR_COUNT})\s+(?P<u>{UNIT})(?:\s+و\s?(?P<half>نصف|ربع))?"
    rf"|(?P<u2>{UNIT})(?:\s+و\s?(?P<half2>نصف|ربع))?"
    rf"|(?P<ml>{AL}?(?:الاف|مئات)\s+{AL}سنين)"
    rf"){E}(?:\s+ونيف{E})?{DUR_ADJ}{DUR_REL}"
)
_DREL = (r"(?P<drel3>الماضيه|الماضيين|الماضيتين|الاخيره|الاخيرين|الاخيرتين|المقبله|المقبلين"
         r"|المقبلتين|القادمه|القادمين|القادمتين|المنصرمه|المنصرمتين|الفائته|السابقه|الاولي"
         r"|المتبقيه|اللاحقه|التاليه)(?!\w)")
# "العام المالي [الجاري] [2017/2018]": a fiscal year (its months depend on the country).
FISCAL = (rf"(?P<fis>\s+(?:ال)?ماليه?{E})(?:\s+(?P<frel>{REL}){E})?"
          rf"(?:\s+(?P<fy1>{YEAR})(?:\s*[-/]\s*(?P<fy2>{YEAR}))?)?")
DURATION_DEF = (  # "الأيام الثلاثة الماضية", "الساعات الـ24 الماضية", "الأربعة أشهر الماضية"
    rf"(?:(?P<u3>{AL}(?:{PLURAL_OR_DUAL})){E}(?:\s+(?:ال\s?)?(?P<n3>\d+|(?:ال)?{NUMWORDS}))?"
    rf"|{AL}(?P<n4>{NUMWORDS})\s+(?P<u4>{AL}?(?:{PLURAL_OR_DUAL})|{ACCUSATIVE}){E})"
    rf"(?:\s+(?P<adj3>القليله|الطويله|العديده))?(?:\s+{_DREL})?"
    rf"(?P<part>\s+من\s+(?:(?P<py>{YEAR})|{AL}?(?:عام|سنه)(?:{FISCAL}|(?:\s+(?P<prel>{REL}))?{E})))?"
)

_RULES: list[tuple[str, str]] = [
    ("numdate",
     r"(?<![\d/.\-])(?:(?P<d>\d{1,2})\s?(?P<sep>[/\-.])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?"
     r"(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)(?P<sep2>[/\-.])(?P<m2>\d{1,2})(?P=sep2)"
     r"(?P<d2>\d{1,2}))(?![\d/\-]|\.\d)" + TIMEPART),
    ("hnumdate",
     r"(?<![\d/.\-])(?:(?P<d>\d{1,2})\s?(?P<sep>[/\-.])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?"
     r"(?P<y>1[34]\d\d)|(?P<y2>1[34]\d\d)\s?(?P<sep2>[/\-.])\s?(?P<m2>\d{1,2})\s?(?P=sep2)\s?"
     r"(?P<d2>\d{1,2}))(?![\d/\-]|\.\d)(?:\s*ه(?!\w))?"),
    ("hdate",
     rf"{B}{WD_PRE}{day('a')}\s+(?:من\s+)?(?:شهر\s+)?(?P<hm>{HMONTH}){E}"
     rf"(?:\s+(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<hy>1[3-5]\d\d)(?!\d)(?:\s*ه{E}|\s+للهجره|\s+هجريه?)?)?"),
    ("range_days",
     rf"{B}{day('a')}\s*(?P<conj>-|–|الي|حتي|لغايه|و)\s*{day('b')}\s+(?:من\s+)?(?:شهر\s+)?"
     rf"{MONTHX}(?:\s+(?P<mrel>{REL}){E})?{YEARPART}"),
    ("date",
     rf"{B}{WD_PRE}{day('a')}\s*(?:من\s+)?(?:شهر\s+)?{MONTHX}(?:\s+(?P<mrel>{REL}){E})?"
     rf"{YEARPART}{TIMEPART}"),
    ("fiscal", rf"{B}(?:(?P<mod>{MODS})\s+)?{AL}?(?:عام|سنه){FISCAL}"),
    ("range_years",
     rf"{B}(?:(?P<n>{AL}?(?:عام|سنه|عامين|سنتين)|عامي|سنتي|موسم|{AL}موسم)\s+)?(?P<y1>{YEAR})"
     rf"(?:\s*(?P<conj>[-–/])\s*|\s+(?P<conj2>الي|حتي|و)\s?(?:{AL}?عام\s+)?)(?P<y2>{YEAR})"),
    ("day_of_month",
     rf"{B}{day('a')}\s+من\s+(?:(?P<this>هذا)\s+)?{AL}?شهر(?:\s+(?P<rel>{REL}))?{E}"),
    ("month",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?:(?P<sh>{AL}?شهر|شهري)\s+)?{MONTHX}"
     rf"(?:\s+(?P<mrel>{REL}){E})?{YEARPART}"),
    ("hmonth",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?:(?P<sh>{AL}?شهر)\s+)?(?P<hm>{HMONTH}){E}"
     rf"(?:\s+(?P<hrel>المبارك|الكريم|المعظم|{REL}){E})?"
     rf"(?:\s+(?:من\s+)?(?:عام\s+)?(?P<hy>1[3-5]\d\d)(?!\d)(?:\s*ه{E}|\s+هجريه?)?)?"),
    ("weekday",
     rf"{B}(?:(?P<pod>{POD_PRE})\s+)?(?:(?P<dx>{DX_PRE})\s+)?(?P<wd>{WEEKDAY})"
     rf"(?:\s+(?P<rel>{REL}))?{E}(?:\s+(?P<pod2>{POD_ADV}){E})?"),
    ("anniversary",
     rf"{B}هذا\s+اليوم\s+(?:قبل\s+(?P<n>\d+|{NUMWORDS})\s+(?:عاما|عام|سنه|سنوات|اعوام|سنين)"
     rf"|من\s+(?:{AL}?(?:عام|سنه)\s+)?(?P<y>{YEAR})){E}"),
    ("anaphor",
     rf"{B}(?:(?:ذلك|تلك|ذات|نفس)\s+(?P<u>{AL}(?:يوم|ليله|عام|سنه|شهر))"
     rf"|(?P<u2>{AL}(?:يوم|ليله))\s+(?:نفسه|ذاته|نفسها|ذاتها)){E}"),
    ("deictic",
     rf"{B}(?:(?P<pod>{POD_PRE})\s+)?(?P<dx>اول\s+امس|اول\s+من\s+امس|امس\s+الاول|يوم\s+امس"
     r"|يوم\s+الغد|بعد\s+غد|الامس|امس|البارحه|غدا|الغد|اليوم|الليله(?:\s+الماضيه)?"
     rf"|هذه\s+الليله|الليل){E}(?:\s+(?P<pod2>{POD_ADV}){E})?"),
    ("quarter",
     rf"{B}{AL}?(?P<q>ربع|نصف)\s+(?:ال)?(?P<o>اول|ثاني|ثالث|رابع|اخير){E}"
     rf"(?:\s+من\s+(?:(?P<yn>{AL}?(?:عام|سنه))(?:{FISCAL}|(?:\s+(?P<rel>{REL}){E})?)|(?P<y>{YEAR}))"
     rf"|\s+(?P<y2>{YEAR}))?"),
    # A Hijri year: "عام 1415هـ", "1436 هجرية"; after عام/سنة a year 1300-1499 is Hijri
    # even unmarked ("منذ عام 1407").
    ("hyear",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?:(?P<n>{AL}?(?:عام|سنه))\s+)?(?P<hy>1[34]\d\d)(?!\d)"
     rf"(?P<mark>\s*ه{E}|\s+هجريه?{E}|\s+للهجره{E})?"),
    ("year",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?:(?P<n>{AL}?(?:عام|سنه)|عامي|سنتي)\s+)(?P<y>{YEAR})"
     rf"(?:\s*م{E}|\s*ميلادي(?:ه)?{E})?"),
    ("year_mod", rf"{B}(?P<mod>{MODS})\s+(?P<y>{YEAR})(?:\s*م{E})?"),
    ("year_suffix", rf"(?<![\d.,])(?P<y>{YEAR})(?:\s*م|\s+ميلادي(?:ه)?){E}"),
    ("decade",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?:{AL}?عقد\s+)?{AL}?(?P<dec>عشرين|ثلاثين|اربعين|خمسين|ستين|سبعين|ثمانين|تسعين)"
     rf"(?:يات|ات){E}(?:\s+(?:من\s+)?{AL}?قرن\s+(?P<c>الماضي|المنصرم|الحالي|الجاري|العشرين"
     rf"|التاسع\s+عشر|الحادي\s+والعشرين|\d{{1,2}}){E})?"),
    ("century",
     rf"{B}(?:(?P<mod>{MODS})\s+)?{AL}?قرن\s+(?P<c>الماضي|المنصرم|الحالي|الجاري|المقبل|الحادي\s+والعشرين"
     rf"|(?:ال)?(?:حادي|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع)\s+عشر|العشرين|ال\s?\d{{1,2}}"
     rf"|\d{{1,2}}){E}"),
    ("season",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?P<s>{AL}?(?:صيف|شتاء|ربيع|خريف)){E}"
     rf"(?:\s+(?P<y>{YEAR})|\s+(?P<rel>{REL}){E}|\s+(?:من\s+)?{AL}?(?:عام|سنه)\s+"
     rf"(?:(?P<y2>{YEAR})|(?P<rel2>{REL}){E}))?"),
    ("sport_season",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?:(?P<this>هذا)\s+)?(?P<u>{AL}موسم)"
     rf"(?:\s+(?P<rel>{REL}))?{E}"),
    ("rel_unit",
     rf"{B}(?:(?P<mod>{MODS})\s+)?(?:(?P<this>هذا|هذه)\s+)?(?P<u>{AL}(?:اسبوع|شهر|عام|سنه|عقد))"
     rf"(?:\s+(?P<rel>{REL}|نفسه|ذاته))?{E}"),
    ("ago", rf"{B}(?P<pre>قبل|بعد)\s+(?:(?:نحو|حوالي|قرابه|زهاء|اقل\s+من|اكثر\s+من)\s+)?"
            rf"{DURATION}"),
    # "قبل فترة": a while ago (a non-calendar head, so only with "ago/from now" sense).
    ("ago_vague", rf"{B}(?P<pre>قبل|بعد)\s+(?:فتره|مده)(?:\s+(?:قصيره|وجيزه|طويله|قريبه))?"
                  rf"(?:\s+من\s+الوقت)?{E}"),
    ("duration_def", rf"{B}{DURATION_DEF}"),
    ("set",
     rf"{B}(?:(?P<adv>يوميا|اسبوعيا|شهريا|سنويا){E}"
     rf"|كل\s+(?:(?P<cu>يوم|اسبوع|شهر|عام|سنه|ساعه|عامين|سنتين|اسبوعين|شهرين)(?!\w)"
     rf"(?!\s+(?:من|تقريبا)\b)(?:\s+(?P<cwd>جمعه|سبت|احد|اثنين|ثلاثاء|اربعاء|خميس){E})?"
     rf"|(?P<cwd2>جمعه|سبت|احد|اثنين|ثلاثاء|اربعاء|خميس){E})"
     rf"|ايام\s+(?P<pwd>{WEEKDAY}){E}"
     rf"|(?P<rep>يوما|اسبوعا|شهرا|عاما|سنه)\s+(?:بعد|تلو)\s+(?:يوم|اسبوع|شهر|عام|سنه|اخري|الاخر|الاخري){E}"
     rf"|(?P<freq>مره|مرتين|(?:\d+|{NUMWORDS})\s+مرات)\s+(?:في|كل)\s+{AL}?"
     rf"(?P<fu>يوم|اسبوع|شهر|عام|سنه){E})"),
    ("duration", rf"{B}{DURATION}"),
    ("clock",
     rf"{B}{AL}?ساعه\s+(?:{CLOCK}|{WIRE_CLOCK}|(?P<hw>{HOURWORD})|(?P<hn>[0-2]?\d)(?![\d:]))"
     rf"(?:\s+(?:و\s?)?(?P<frac>النصف|نصف|الربع|ربع|الا\s+ربع|الا\s+الربع)){{0,1}}{E}"
     rf"(?:\s+(?:من\s+)?(?P<ap>{POD_ADV}|صباح|مساء|فجر|ظهر|عصر|ليل){E}|\s*(?P<ap2>ص|م){E})?"
     rf"(?:\s+(?:يوم\s+)?(?P<dx>اليوم|امس\s+الاول|اول\s+(?:من\s+)?امس|امس|غدا|يوم\s+امس"
     rf"|{WEEKDAY}){E})?"),
    ("late", rf"{B}ساعه\s+متاخره\s+من\s+(?:(?P<dx>{DX_PRE}|الليل|النهار)\s*)?"
             rf"(?P<wd>{WEEKDAY})?{E}"),
    ("hour_def", rf"{B}{AL}ساعه{E}(?!\s*(?:\d|ال|من|بتوقيت))"),
    ("zone_clock", r"(?<![\d:.])(?P<hh>[0-2]?\d)(?:[.:]|(?<=\d\d)(?=\d\d(?!\d)))(?P<mi>[0-5]\d)"
                   r"(?=\s*بتوقيت)"),
    ("bare_clock", rf"(?<![\d:.])(?P<hh>[0-2]?\d):(?P<mi>[0-5]\d)(?![\d:])"
                   rf"(?:\s*(?P<ap>{POD_ADV}|ص|م){E})?"),
    ("ref",
     rf"{B}(?:(?P<now>الان|حاليا|{AL}وقت\s+(?:الحالي|الراهن)|هذه\s+الايام|{AL}اونه\s+الاخيره"
     rf"|مؤخرا|حديثا|مستقبلا|قريبا(?:\s+جدا)?|{AL}مستقبل(?:\s+(?:القريب|البعيد|المنظور))?|الماضي"
     rf"|{AL}وقت\s+الحاضر|الحاضر|{AL}فتره\s+(?:الاخيره|المقبله|الماضيه)){E})"),
    ("holiday",
     rf"{B}(?P<h>عيد\s+الميلاد(?:\s+المجيد)?|ليله\s+عيد\s+الميلاد|الكريسماس|راس\s+السنه"
     r"(?:\s+الميلاديه|\s+الهجريه|\s+الجديده)?|عيد\s+الحب|عيد\s+الفطر(?:\s+المبارك)?"
     r"|عيد\s+الاضحي(?:\s+المبارك)?|يوم\s+عرفه|المولد\s+النبوي(?:\s+الشريف)?|عيد\s+العمال"
     rf"|عيد\s+الام|ليله\s+القدر){E}"),
    ("bare_year", rf"(?<![\d.,/\-:])(?P<y>{YEAR})(?![\d%]|[.,/:\-]\d)"),
]

RULES: list[tuple[str, str]] = [(name, folded(pattern)) for name, pattern in _RULES]
