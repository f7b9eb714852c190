"""Quotes: one test per speaker-attribution class, on sentences written for the tests.

Each class was found on corpus articles outside the gold set (ids in
tests/fixtures/figures/README.md); the sentences here are written, not copied.
"""

from __future__ import annotations

from marsad.extract.quotes import find_quotes


def _found(text: str) -> list[tuple[str, str | None, bool]]:
    return [(q.text, q.speaker_text, q.direct) for q in find_quotes(text, [])]


def test_outlet_told_is_not_the_quote() -> None:
    text = 'وقال المتحدث باسم الوزارة لـ"رويترز": "الهجوم كان بسيارة ملغومة".'
    assert _found(text) == [("الهجوم كان بسيارة ملغومة", "المتحدث باسم الوزارة", True)]
    text = "وقالت الوزيرة لوكالة «فرانس برس» إن المفاوضات مستمرة."
    assert _found(text) == [("المفاوضات مستمرة", "الوزيرة", False)]


def test_dotted_initials_stay_in_the_speaker_name() -> None:
    text = "وقال إس.سوريش كومار، مفوض الإغاثة، إن 11 شخصا لقوا حتفهم."
    assert _found(text) == [("11 شخصا لقوا حتفهم", "إس.سوريش كومار", False)]


def test_time_noun_and_adjuncts_end_the_speaker_phrase() -> None:
    text = "وقال ممثلو الادعاء الأسبوع الماضي إن التحقيق لم يكشف عن خطة."
    assert _found(text)[0][1] == "ممثلو الادعاء"
    text = "وقالت الحكومة الإيطالية بالاسم إنها لن تستقبل السفينة."
    assert _found(text)[0][1] == "الحكومة الإيطالية"
    text = "وقالت والدة الضحية لوكالة الأنباء الفرنسية إن ابنها خرج للتنزه."
    assert _found(text)[0][1] == "والدة الضحية"


def test_object_pronoun_before_the_subject() -> None:
    assert _found("وأفاد به مصدران مطلعان بأن التقرير جاهز.") == [
        ("التقرير جاهز", "مصدران مطلعان", False)
    ]
    assert _found("وقال لنا مسؤول أمني إن التقرير جاهز.") == [
        ("التقرير جاهز", "مسؤول أمني", False)
    ]


def test_however_before_a_preverbal_subject() -> None:
    text = "وقال الوزير إن القوات تقدمت. بيد أن الأحمدي أشار إلى أن القصر لا يزال محاصرا."
    assert _found(text)[-1] == ("القصر لا يزال محاصرا", "الأحمدي", False)


def test_adverb_is_not_a_preverbal_subject() -> None:
    text = 'وقال رئيس البلدية إن المدينة آمنة. كما قال: "لا نستبعد شيئا".'
    assert _found(text)[-1] == ("لا نستبعد شيئا", "رئيس البلدية", True)
