"""Figures: one test per construction class, on sentences written for the tests.

Each class was found on corpus articles outside the gold set (ids in
tests/fixtures/figures/README.md); the sentences here are written, not copied.
"""

from __future__ import annotations

import pytest

from marsad.extract.quantities import find_quantities, unit_key


def _found(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("noun", "key"),
    [
        # Broken plurals added to the lexicon.
        ("جوانب", "جانب"), ("هجمات", "هجوم"), ("قساوسة", "قس"), ("عملاء", "عميل"),
        ("حقول", "حقل"), ("مجمعات", "مجمع"), ("فرق", "فريق"), ("خلايا", "خلية"),
        ("موانئ", "ميناء"), ("هدن", "هدنة"),
        # Construct state of a sound plural.
        ("منفذي", "منفذ"),
        # Unknown regular plurals: nisba and participle.
        ("إسرائيليين", "إسرائيلي"), ("برازيليين", "برازيلي"), ("مجيبين", "مجيب"),
    ],
)  # fmt: skip
def test_unit_key_plurals(noun: str, key: str) -> None:
    assert unit_key(noun) == key


def test_broken_plural_after_small_number() -> None:
    text = "قصفت الطائرات عشرة مواقع في ثلاثة مجمعات عسكرية، وأرسلت سبعة فرق إنقاذ."
    assert _found(text) == [
        ("عشرة مواقع", 10, "موقع"),
        ("ثلاثة مجمعات", 3, "مجمع"),
        ("سبعة فرق", 7, "فريق"),
    ]


def test_partitive_with_indefinite_group_in_idafa() -> None:
    text = "وكشف التحقيق تورط 7 من عملاء جهاز المخابرات، وقتل نحو 50 من أعضاء الحركة."
    assert [(v, u) for _, v, u in _found(text)] == [(7, "عميل"), (50, "عضو")]


def test_one_and_two_written_out_before_a_group() -> None:
    text = "قتل واحد من المهاجمين، واعتقل اثنان من منفذي الهجوم، وطردت اثنين من الدبلوماسيين."
    assert [(v, u) for _, v, u in _found(text)] == [(1, "مهاجم"), (2, "منفذ"), (2, "دبلوماسي")]


def test_one_of_a_superlative_is_not_a_count() -> None:
    assert _found("وتعد المدينة واحدة من أكبر المدن، وهي واحدة من ثلاث مناطق.") == [
        ("ثلاث مناطق", 3, "منطقة")
    ]


def test_two_before_a_plural_noun() -> None:
    assert _found("وأعلنت الوزارة مقتل اثنين فلسطينيين.") == [("اثنين فلسطينيين", 2, "فلسطيني")]


def test_pronoun_before_one_is_not_a_noun() -> None:
    assert _found("المنظومة هي واحدة في كل مكان، وتوضح أنها واحدة من بناته.") == []


def test_others_take_the_unit_of_an_earlier_figure_in_the_passage() -> None:
    # The earlier figure is more than a dozen tokens back, in the same passage.
    text = (
        "قتل 19 شخصاً على الأقل في الاشتباكات التي اندلعت فجر اليوم بين الجيش والمسلحين "
        "قرب الحدود الشمالية، وأصيب أكثر من 20 آخرين."
    )
    assert _found(text)[-1] == ("أكثر من 20 آخرين", 20, "شخص")
    assert _found("قتل 5 جنود في الهجوم، وأصيب اثنان آخران بجروح.")[-1] == (
        "اثنان آخران", 2, "جندي"
    )


def test_others_after_a_vague_count_take_its_noun() -> None:
    text = "أسفرت المعارك عن مقتل عشرات الحوثيين، مع أسر أربعة آخرين."
    assert _found(text) == [("أربعة آخرين", 4, "حوثي")]


def test_duals() -> None:
    # Nominative "-ان" is never a plural, so nisba nouns count too.
    assert _found("وقتل عسكريان في الهجوم.") == [("عسكريان", 2, "عسكري")]
    # An agreeing dual adjective is not a second figure.
    assert _found("وقال مسؤولون إن سفينتين تابعتين للمنظمة احتجزتا.") == [
        ("سفينتين", 2, "سفينة")
    ]
    # Names and listed plurals that look like duals.
    assert _found("فاز ميلان على إنتر، وتظاهر ناشطين في المدينة للصين.") == []


def test_scales() -> None:
    assert _found("فر مليون ونصف مليون لاجئ.") == [("مليون ونصف مليون لاجئ", 1.5e6, "لاجئ")]
    assert _found("فصلت السلطات أكثر من ألفي طفل عن ذويهم.") == [
        ("أكثر من ألفي طفل", 2000, "طفل")
    ]
    assert _found("ومحو أكثر من 3 تريليونات دولار.") == [
        ("أكثر من 3 تريليونات دولار", 3e12, "دولار")
    ]


def test_range_with_a_word_number() -> None:
    assert _found("سعى لإنتاج ما بين 250 وألف جرعة.") == [
        ("250", 250, "جرعة"),
        ("ألف جرعة", 1000, "جرعة"),
    ]


def test_unknown_nisba_noun_after_a_number() -> None:
    assert _found("ويعمل نحو 262 ألف فلبيني في الكويت.") == [
        ("نحو 262 ألف فلبيني", 262000, "فلبيني")
    ]


def test_preposition_phrase_is_not_the_counted_noun() -> None:
    found = find_quantities("قتل فلسطينيان وأصيب أكثر من 200 بجروح.")
    assert [(q.text, q.value, q.unit) for q in found][-1] == ("أكثر من 200", 200, None)


def test_members_of_an_organisation_are_elements() -> None:
    # SNN-2015-08-07-00759 ("21 من مليشيا الحوثي"), AL-internationalNews-304-20180302
    # ("4 من ميليشيات الحوثي").
    assert _found("واعتقلت القوات 40 من تنظيم القاعدة في المدينة.") == [
        ("40 من تنظيم القاعدة", 40, "عنصر")
    ]
    assert _found("وأسرت القوات 9 من الميليشيات قرب الساحل.")[0][1:] == (9, "عنصر")


def test_coordinated_partitive_groups() -> None:
    # AL-economy-572-20180513 ("70 من الخبراء ورجال الأعمال").
    assert _found("وأصيب 6 من ضباط وجنود الحامية.")[0][1:] == (6, "عنصر")
    assert _found("وقتل 12 من المدنيين ورجال الشرطة.")[0][1:] == (12, "شخص")
    assert _found("وأصيب 5 من الرجال والنساء.")[0][1:] == (5, "شخص")
    # No armed group: the first group's noun, as before.
    assert _found("وأصيب 5 من الأطباء والممرضين.")[0][1:] == (5, "طبيب")


def test_elided_currency_from_an_earlier_money_figure() -> None:
    # AL-economy-939-20180708 ("بلغت 2.65 مليار، ثم لبنان … بنحو 2.62 مليار"),
    # AL-economy-574-20180513 ("مقابل نحو 42.611 مليار في مارس").
    text = "وبلغت الصادرات 4 مليارات ريال، مقابل نحو 900 مليون في العام السابق."
    assert _found(text) == [
        ("4 مليارات ريال", 4e9, "ريال"),
        ("نحو 900 مليون", 9e8, "ريال"),
    ]
    # Its own noun, another paragraph, or no scale word: no borrowed currency.
    assert _found("وبلغت الإيرادات 4 مليارات دولار، وتجاوز الإنتاج 900 مليون برميل.")[1][2] == (
        "برميل"
    )
    assert _found("بلغت الإيرادات 4 مليارات دولار.\nويسكن المدينة نحو 2 مليون.")[1][2] is None


def test_kilo_written_apart_from_its_unit() -> None:
    # AL-internationalNews-1307-20180524 ("160 كيلو مترا")، AL-internationalNews-1388-20180530
    # ("18 كيلو متر").
    assert _found("وتقع القرية على بعد 25 كيلو مترا من الحدود.") == [
        ("25 كيلو مترا", 25, "كيلومتر")
    ]
    assert _found("وتبعد البلدة كيلو مترين عن الطريق.") == [("كيلو مترين", 2, "كيلومتر")]
    assert _found("وضبط 3 كيلو غرامات من المخدرات.")[0][2] == "كيلوغرام"
