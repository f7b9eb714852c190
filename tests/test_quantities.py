"""Figures: value, hedge, bound and unit on real news text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract.quantities import find_quantities, unit_key
from marsad.records import Quantity

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "kazakhstan-2022"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "figures"


def _figures(text: str) -> list[tuple[float, bool, str | None, str | None]]:
    return [(q.value, q.approx, q.bound, q.unit) for q in find_quantities(text)]


def _check_offsets(text: str, found: list[Quantity]) -> None:
    for q in found:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("noun", "key"),
    [
        ("قتيلاً", "قتيل"), ("قتلى", "قتيل"), ("القتلى", "قتيل"), ("جريحاً", "جريح"),
        ("جرحى", "جريح"), ("جنود", "جندي"), ("جندياً", "جندي"), ("جنديين", "جندي"),
        ("عسكرياً", "عسكري"), ("مركبة", "مركبة"), ("مركبات", "مركبة"), ("أشخاص", "شخص"),
        ("شخص", "شخص"), ("دولار", "دولار"), ("دولارات", "دولار"), ("ضحايا", "ضحية"),
        ("للإرهابيين", "إرهابي"), ("%", "بالمئة"), ("في المئة", "بالمئة"),
        ("مصابين", "مصاب"), ("كيلومتر مربع", "كيلومتر مربع"),
    ],
)  # fmt: skip
def test_unit_key(noun: str, key: str) -> None:
    assert unit_key(noun) == key


def test_example_casualties_troops_and_vehicles() -> None:
    text = (EXAMPLES / "001_9b9f325115adac4c.txt").read_text("utf-8")
    found = find_quantities(text)
    _check_offsets(text, found)
    assert [(q.text, q.value, q.approx, q.bound, q.unit) for q in found] == [
        ("2030 عسكرياً", 2030, False, None, "عسكري"),
        ("16 قتيلاً", 16, False, None, "قتيل"),
        ("أكثر من 1600 جريح", 1600, True, "min", "جريح"),
        ("2030 جندياً", 2030, False, None, "جندي"),
        ("250 مركبة", 250, False, None, "مركبة"),
        ("نحو ثمانية آلاف شخص", 8000, True, None, "شخص"),
    ]
    # The year in "منذ الاستقلال في عام 1991" and the date "6 يناير" are not figures.
    assert all(q.value not in (1991, 6) for q in found)


def test_example_context_unit_words_and_duration() -> None:
    text = (EXAMPLES / "000_290f06278cc07417.txt").read_text("utf-8")
    assert _figures(text) == [(6, False, None, "موجة"), (20000, True, None, "إرهابي")]
    # "لمدة أسبوعين", "10 أيام", "14:15" and "2022" are left to the time tagger.


def test_example_partitive_dual_and_officers() -> None:
    text2 = (EXAMPLES / "002_5bbd08d60b413066.txt").read_text("utf-8")
    assert _figures(text2) == [(8, False, None, "عنصر أمن")]  # "5 planes" is English
    text4 = (EXAMPLES / "004_bd72ef28dc9e31a3.txt").read_text("utf-8")
    assert _figures(text4) == [(16, False, None, "ضابط"), (2, False, None, "جندي")]
    text3 = (EXAMPLES / "003_532da77875c1d980.txt").read_text("utf-8")
    # Dates "6-1-2022", "الـ17 من مايو 1992", "من 5 إلى 19 كانون الثاني" are out.
    assert _figures(text3) == [(50, True, None, "مركبة")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وتحمل 1,600 برميل", [(1600, False, None, "برميل")]),
        ("بلغت ٢٫٥ مليار دولار", [(2.5e9, False, None, "دولار")]),
        ("ارتفع بنسبة 15 في المئة", [(15, False, None, "بالمئة")]),
        ("أصيب 10 أشخاص على الأقل", [(10, True, "min", "شخص")]),
        ("قتل ما بين 10 و15 قتيلاً", [(10, False, None, "قتيل"), (15, False, None, "قتيل")]),
        # accusative "مليونًا" (one million) and more; "مليونا دولار" alone is two
        ("بلغ العرض مليونا و800 ألف ريال", [(1.8e6, False, None, "ريال")]),
        ("خمسة وعشرين شخصا", [(25, False, None, "شخص")]),
        ("نجا شخص واحد", [(1, False, None, "شخص")]),
        ("ما لا يقل عن 300 معتقل", [(300, True, "min", "معتقل")]),
        ("أقل من 5 بالمئة", [(5, True, "max", "بالمئة")]),
        ("أطلق صاروخين", [(2, False, None, "صاروخ")]),
        ("نصف مليون لاجئ", [(5e5, False, None, "لاجئ")]),
    ],
)
def test_figure_forms(text: str, expected: list[tuple[float, bool, str | None, str]]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "في عام 2015 شهدت المدينة",  # year
        "وصل في 25 يناير الماضي",  # date
        "في الساعة 10 صباحا",  # clock time
        "يبلغ من العمر 45 عاماً",  # age
        "استمر لمدة 10 أيام",  # duration
        "وفق المادة 5 من الدستور",  # article number
        "فاز الفريق 2-1 على ضيفه",  # score
        "قتل عشرات المدنيين وآلاف الجرحى",  # vague numerals
        "تعاون البلدين والطرفين",  # definite duals
        "اتصل على الرقم 0555123456",  # phone number
    ],
)
def test_not_figures(text: str) -> None:
    assert find_quantities(text) == []


def test_corpus_fixture_articles() -> None:
    articles = [json.loads(ln) for ln in (FIXTURES / "ant_articles.jsonl").open(encoding="utf-8")]
    by_id = {a["id"]: a["text"] for a in articles}
    gaza = by_id["AL-internationalNews-1238-20180518"]
    found = find_quantities(gaza)
    _check_offsets(gaza, found)
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("حوالي 62 قتيلا", 62, "قتيل"),
        ("ثلاث سيارات", 3, "سيارة"),
        ("53 طنا", 53, "طن"),
    ]
    syria = by_id["BB-middleEast-675-20180628"]
    figures = _figures(syria)
    assert (40, True, "min", "مدني") in figures
    assert (5, False, None, "طفل") in figures
    assert all(v != 2015 for v, *_ in figures)  # "منذ عام 2015"


def test_diacritics_and_presentation_forms_keep_offsets() -> None:
    text = "سقط ثَمانيةُ قَتلى و ﻋﺸﺮﺓ جرحى"
    found = find_quantities(text)
    _check_offsets(text, found)
    assert [(q.value, q.unit) for q in found] == [(8, "قتيل"), (10, "جريح")]
