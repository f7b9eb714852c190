"""Figures and quotes on sentences copied from SaudiNewsNet (development days, none held out).

SaudiNewsNet (inparallel/SaudiNewsNet) is CC BY-NC-SA 4.0; each sentence names its article.
"""

from __future__ import annotations

from marsad.extract.quantities import find_quantities
from marsad.extract.quotes import find_quotes


def _found(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


# SNN-2015-08-04-00487
BUDGET = (
    "وأوضح العربي أن حجم الاستثمارات الحكومية المستهدفة للنقل والطرق خلال العام المالي "
    "الجديد، والذي بدأ اعتبارا من شهر يوليو الماضي ينتهي في 30 يونيو 2016، بلغ 11.908 مليار "
    "جنيه، منهم 7.7 مليار جنيه لإنشاء وتطوير الطرق الرئيسية والجسور بنسبة 64.7%"
)
# SNN-2015-08-04-00303
SHARES = (
    'وقال مسؤول في بورصة مصر طلب عدم ذكر اسمه "تم عرض 487.317 مليون سهم للبيع لحساب دعم '
    'استقرار سعر سهم "إعمار مصر" في السوق بسعر 3.80 جنيه للسهم وبنسبة تخصيص 18.48 مرة".'
)
# SNN-2015-08-04-00092
DEMAND = (
    "وتتوقع منظمة الدول المصدرة للبترول، التي تقول «مورغان ستانلي» إنها المسؤولة عن الإنتاج "
    "الزائد، أن يرتفع الطلب بمقدار 1.34 مليون برميل يوميا عام 2016."
)
# SNN-2015-08-04-00095
AID = (
    "وأكد البيان أن التزام الولايات المتحدة هذا العام بتقديم الدعم العسكري المقدر بحوالى "
    "1.3 مليار دولار، يأتي في إطار مساندة جهود مصر الأمنية والعسكرية لمواجهة الإرهاب على "
    "عدة جبهات."
)


def test_three_decimals_before_a_scale_word_are_a_fraction() -> None:
    # Three digits after the point read as thousands made these a thousand times too big.
    assert ("11.908 مليار جنيه", 11.908e9, "جنيه") in _found(BUDGET)
    assert ("7.7 مليار جنيه", 7.7e9, "جنيه") in _found(BUDGET)
    assert _found(SHARES)[0] == ("487.317 مليون سهم", 487.317e6, "سهم")
    # Without a scale word three digits after a separator still group thousands.
    assert _found("وتحمل 1,600 برميل") == [("1,600 برميل", 1600, "برميل")]
    assert _found("وبلغ عدد الزوار 1.600 زائر") == [("1.600 زائر", 1600, "زائر")]


def test_quote_is_not_cut_at_a_decimal_point() -> None:
    quotes = find_quotes(DEMAND, [])
    assert [q.text for q in quotes][-1].endswith("1.34 مليون برميل يوميا عام 2016")
    quotes = find_quotes(AID, [])
    assert len(quotes) == 1 and "1.3 مليار دولار" in quotes[0].text
    assert quotes[0].text.endswith("على عدة جبهات")


# SNN-2015-08-04-00201 and SNN-2015-08-04-00206: wire copy writing 2.1 as "1ر2".
RBS = (
    'قامت الحكومة البريطانية ببيع 4ر5% من الاسهم في " البنك الملكي الاسكتلندي"، مقابل 1ر2 '
    "مليار جنيه استرليني (3ر3 مليار دولار)، كمرحلة أولى في عملية بيع مقررة لحصتها بالكامل في "
    "البنك."
)
PROFIT = (
    "تراجعت أرباح الشركة قبل حساب الضرائب والفوائد بنسبة 7ر2% خلال الربع الثاني من العام "
    "الحالي إلى 52ر2 مليار يورو (76ر2 مليار دولار) مقابل 6ر2 مليار يورو خلال الفترة نفسها من "
    "العام الماضي."
)


def test_decimal_written_with_ra_reads_in_reverse() -> None:
    assert [(v, u) for _, v, u in _found(RBS)] == [
        (5.4, "بالمئة"), (2.1e9, "جنيه إسترليني"), (3.3e9, "دولار")]
    assert [v for _, v, _ in _found(PROFIT)] == [2.7, 2.52e9, 2.76e9, 2.6e9]


# SNN-2015-07-21-00013, SNN-2015-07-22-00925, SNN-2015-07-23-00830, SNN-2015-07-25-00791.
DIVISION = (
    "شيع النظام السوري أمس جثمان اللواء محسن مخلوف، قائد الفرقة 11 دبابات وقريب والدة رئيس "
    "النظام السوري بشار الأسد في اللاذقية"
)
BRIGADE_55 = (
    "وجاءت الانفجارات عقب قصف طيران قوات التحالف العربي بعدد من الغارات لمعسكر اللواء 55 "
    "صواريخ حرس جمهوري سابقا"
)
BRIGADE_15 = (
    "إن اشتداد الضربات الجوية التي طالت كلا من قاعدة العند في محافظة لحج واللواء 15 ميكا في "
    "محافظة أبين وكذلك اشتداد المعارك من حولهما"
)
BRIGADE_17 = (
    "وقصف طيران التحالف الخميس، مبنى قيادة اللواء 17 مشاة الذي يقع في باب المندب بمحافظة تعز "
    "ما اسفر عن مقتل 15 من المتمردين الحوثيين كانوا متجمعين في مبنى القيادة"
)


def test_unit_numbers_are_not_counts() -> None:
    # The number after a formation noun names it: "الفرقة 11 دبابات" is no count of tanks.
    assert _found(DIVISION) == []
    assert _found(BRIGADE_55) == []
    assert _found(BRIGADE_15) == []  # a conjunction on the noun: "واللواء 15"
    # The count in the same sentence stays.
    assert [(v, u) for _, v, u in _found(BRIGADE_17)] == [(15, "متمرد")]
    # Written cases: flights, resolutions after a preposition, shirts; a hedge makes a count.
    assert _found("وأقلعت الرحلة 370 ركاب إلى بكين") == []
    assert _found("وفقا للقرار 2216 الصادر عن مجلس الأمن") == []
    assert _found("ويرتدي القميص رقم 10 في المنتخب") == []
    assert _found("وضم اللواء نحو 3 آلاف جندي") == [("نحو 3 آلاف جندي", 3000, "جندي")]
