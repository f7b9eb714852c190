"""Which words are ordinary words, titles or roles rather than names.

Names are told from common words through the NER resources: corpus counts of the shipped
word clusters (a word the news uses hundreds of times is a real word), their cluster ids
(two real words in different clusters are different words, not two spellings of one; a
cluster few of whose words are gazetteer names holds ordinary words), and the gazetteer's
one-word names. Function words, month and weekday names, titles and roles
are listed here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from marsad.extract.ner.features import Resources, best_split, gaz_key_of
from marsad.normalise import fold, tokens
from marsad.normalise.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS

# Particles, pronouns, prepositions and other closed-class words (folded). على is checked
# as written (`is_function_word`): folded, it is the name علي.
FUNCTION_WORDS = frozenset(tokens(
    "في من الى إلى عن مع أن ان إن انه أنه إنه انها أنها إنها هذا هذه ذلك تلك هؤلاء التي الذي "
    "الذين اللذين اللتين ما ماذا لا لم لن قد لقد كان كانت يكون تكون او أو ام أم ثم كما حيث "
    "حين بعد قبل خلال عند عندما منذ حتى بين هو هي هم هن هما نحن أنا انت أنت له لها لهم به "
    "بها فيه فيها منه منها عليه عليها اليه إليه إليها كل بعض غير أي أى اي أيضا ايضا إلا الا "
    "لكن ولكن بل كذلك هناك هنا عبر ضمن لدى دون ضد نحو سوى لأن لان فإن فان بأن بان إذا اذا إذ "
    "اذ لو لولا كي لكي أما اما يا هل متى أين كيف لماذا مثل أول اول أمس امس غدا اليوم الآن "
    "لما و ف أولئك اولئك أولائك"
))
_FUNCTION_AS_WRITTEN = frozenset(("على", "وعلى", "فعلى"))

CALENDAR_WORDS = frozenset(GREGORIAN_MONTHS) | frozenset(WEEKDAYS)
# One-word Hijri months: alone, رمضان or شوال is the month, not a person (رجب طيب أردوغان
# is a name by its other words).
HIJRI_WORDS = frozenset(m for m in HIJRI_MONTHS if " " not in m)

# Words a tagger sometimes marks alone as a place: heads of names, not names (folded).
GENERIC_HEADS = frozenset(tokens(
    "جمهورية مدينة منطقة دولة مملكة إمارة ولاية محافظة عاصمة العاصمة الجمهورية المدينة "
    "المنطقة الدولة المملكة الولاية المحافظة إقليم الإقليم بلدية"))

# Heads of organisation names and document nouns: alone they name nothing (وكالة, تنظيم,
# التقرير); with their complement they do (وكالة الفضاء الروسية).
ORG_HEADS = frozenset(tokens(
    "وكالة منظمة تنظيم جامعة جزيرة أمانة تقرير التقرير مجلس المجلس وزارة الوزارة هيئة الهيئة "
    "لجنة اللجنة شركة الشركة حزب الحزب نادي النادي بنك البنك مؤسسة المؤسسة مركز المركز جمعية "
    "الجمعية حركة الحركة جماعة الجماعة صحيفة الصحيفة قناة القناة مستشفى المستشفى الأمم اتحاد "
    "مديرية المديرية إدارة الإدارة"))
# Currency words, with the article and the accusative: units after a figure, not names.
CURRENCY_WORDS = frozenset(f for w in tokens(
    "دولار ريال يورو جنيه درهم دينار ليرة روبل يوان روبية فرنك تومان شيكل")
    for f in (w, "ال" + w, w + "ا"))
# Devotional formulas a tagger takes for names (folded, whole mentions).
FORMULAS = frozenset(" ".join(tokens(p)) for p in (
    "رحمه الله", "رحمها الله", "رحمة الله", "بإذن الله", "لله الحمد", "الحمد لله", "إن شاء الله",
    "صلى الله عليه وسلم", "سبحانه وتعالى", "عز وجل", "حفظه الله", "رعاه الله", "يرحمه الله"))

# Titles and roles: they precede or follow a name without being one (folded).
TITLES = frozenset(tokens(
    "الرئيس رئيس السيد السيدة الشيخ الشيخة الأمير الأميرة أمير الملك الملكة ملك الدكتور "
    "الدكتورة د المهندس الأستاذ الوزير وزير وزيرة الوزيرة النائب نائب الجنرال اللواء العميد "
    "العقيد المشير الفريق الزعيم زعيم المستشار المستشارة مستشار الإمام البابا السلطان القائد "
    "قائد الحاج المدرب اللاعب الفنان الفنانة الكاتب الكاتبة المتحدث المتحدثة متحدث الناطق "
    "الناطقة المحامي القاضي السفير السفيرة سفير المبعوث مبعوث الممثل الممثلة المغني المغنية "
    "العاهل عاهل سمو سموه معالي معاليه فخامة صاحب السمو الملكي جلالة الرئيسة القنصل المدير "
    "مدير الأمين أمين المفتي خادم الحرمين الشريفين ولي العهد ولي"
))

COMMON_COUNT = 300  # a word the news uses this often, and no gazetteer name, is a common word
NAME_CLUSTER = 0.15  # ... unless its cluster has at least this share of names (أوباما, كيري)
KNOWN_COUNT = 100  # words this frequent count in a cluster's share of names


def is_function_word(word: str) -> bool:
    """A closed-class word (as written, clitics included: وعلى, فإن)."""
    if word in _FUNCTION_AS_WRITTEN:
        return True
    f = fold(word)
    return f in FUNCTION_WORDS or (len(f) > 2 and f[0] in "وف" and f[1:] in FUNCTION_WORDS)


@dataclass
class Lexicon:
    """Corpus counts, cluster ids and one-word gazetteer names of the NER resources."""

    counts: dict[str, int] = field(default_factory=dict)
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: frozenset[str] = frozenset()  # gazetteer keys of one-word names
    places: frozenset[str] = frozenset()  # ... of one-word places
    # Fine cluster id -> share of its known words that are gazetteer names.
    name_share: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, res: Resources) -> Lexicon:
        lex = cls(res.counts, res.clusters, frozenset(k[0] for k in res.gazetteer if len(k) == 1),
                  frozenset(k[0] for k, v in res.gazetteer.items() if len(k) == 1 and v == "LOC"))
        total: Counter[str] = Counter()
        named: Counter[str] = Counter()
        for w, c in res.counts.items():
            ids = res.clusters.get(w)
            if c >= KNOWN_COUNT and ids:
                total[ids[-1]] += 1
                named[ids[-1]] += lex.is_name(w)
        lex.name_share = {cl: named[cl] / n for cl, n in total.items()}
        return lex

    def stem(self, f: str) -> str:
        """A folded word without the clitics the corpus counts tell apart."""
        return best_split(f, self.counts)[1] if self.counts else f

    def count(self, f: str) -> int:
        return max(self.counts.get(f, 0), self.counts.get(self.stem(f), 0))

    def cluster(self, f: str) -> str | None:
        """The fine cluster of a folded word (or of its clitic-free form); None for a word
        the news vocabulary does not hold."""
        ids = self.clusters.get(f) or self.clusters.get(self.stem(f))
        return ids[-1] if ids else None

    def is_name(self, f: str) -> bool:
        return gaz_key_of(f, self.counts) in self.names

    def is_place(self, f: str) -> bool:
        return gaz_key_of(f, self.counts) in self.places

    def is_common(self, f: str) -> bool:
        """A folded word that is an ordinary word: a function or calendar word, a title, or a
        word the news uses often that is neither a gazetteer name nor in a cluster of names."""
        s = self.stem(f)
        if s in FUNCTION_WORDS or s in CALENDAR_WORDS or s in TITLES or f in TITLES:
            return True
        if self.count(f) < COMMON_COUNT or self.is_name(f):
            return False
        cl = self.cluster(f)
        return cl is None or self.name_share.get(cl, 0.0) < NAME_CLUSTER

    def is_definite_common(self, f: str) -> bool:
        """A word with the article that the news uses often in a cluster of ordinary words
        (الكريم، التوفيق، النبي): a common word even where the mined gazetteer has it."""
        if not f.startswith("ال") or self.count(f) < COMMON_COUNT:
            return False
        cl = self.cluster(f)
        return cl is None or self.name_share.get(cl, 0.0) < NAME_CLUSTER

    def same_word(self, a: str, b: str) -> bool | None:
        """Whether two folded words of the news vocabulary are one word: the clusters put
        spellings of one word together (أميركا / أمريكا) and different words apart (الأمن /
        اليمن, الصدق / الصادق). None when either is not in the vocabulary."""
        ca, cb = self.cluster(a), self.cluster(b)
        return None if ca is None or cb is None else ca == cb


_SHIPPED: Lexicon | None = None


def shipped_lexicon() -> Lexicon:
    """The lexicon of the shipped CRF's resources, loaded once."""
    global _SHIPPED
    if _SHIPPED is None:
        from marsad.extract.ner.tagger import default_tagger

        res = getattr(getattr(default_tagger(), "features", None), "res", None)
        _SHIPPED = Lexicon.of(res) if res is not None else Lexicon()
    return _SHIPPED
