"""Figures and quotes on sentences copied from SaudiNewsNet, 2015-08-04 (development day).

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
