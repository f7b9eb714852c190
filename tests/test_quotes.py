"""Quotes: direct and indirect speech, attributed to the right speaker."""

from __future__ import annotations

import json
from pathlib import Path

from marsad.extract.quotes import find_quotes
from marsad.normalise import fold
from marsad.records import Mention, Quote

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "kazakhstan-2022"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "figures"


def _example(name: str) -> str:
    return next(EXAMPLES.glob(f"{name}_*.txt")).read_text("utf-8")


def _by_start(quotes: list[Quote], text: str, needle: str) -> Quote:
    at = text.index(needle)
    hits = [q for q in quotes if q.start <= at < q.end]
    assert hits, f"no quote covers {needle!r}"
    return hits[0]


def test_example_spokesman_and_continuation() -> None:
    text = _example("000")
    quotes = find_quotes(text, [])
    for q in quotes:
        assert text[q.start : q.end] == q.text
    first = _by_start(quotes, text, "نؤكد أن الرئيس وصل")
    assert first.direct
    assert first.speaker_text == "المتحدث باسم الرئاسة بيريك أوالي"
    assert first.text.startswith("نؤكد") and first.text.endswith("فيها")
    second = _by_start(quotes, text, "عقد اجتماع مع أقارب")
    assert "أوالي" in (second.speaker_text or "")


def test_example_tokayev_wang_yi_pashinyan() -> None:
    text1 = _example("001")
    quotes1 = find_quotes(text1, [])
    assert _by_start(quotes1, text1, "عدد الضحايا المدنيين").speaker_text == "توكاييف"
    # "وأضاف: «…»" continues the previous speaker (Tokayev).
    added = _by_start(quotes1, text1, "لم نستخدم أبداً")
    assert added.direct and added.speaker_text == "توكاييف"
    wang = _by_start(quotes1, text1, "الاضطرابات الأخيرة في كازاخستان")
    assert wang.direct and wang.speaker_text == "وزير الخارجية الصيني وانغ يي"
    # Scare quotes inside an indirect clause are not quotes of their own.
    assert not any(q.text == "متطرفين" for q in quotes1)

    text3 = _example("003")
    quotes3 = find_quotes(text3, [])
    pash = _by_start(quotes3, text3, "فيما يتعلق بنداء رئيس")
    assert pash.direct and pash.speaker_text == "باشينيان"
    mfa = _by_start(quotes3, text3, "روسيا تؤيد استقرار الوضع")
    assert mfa.speaker_text == "وزارة الخارجية الروسية"
    # "أشارت وكالة “سبوتنيك” إلى وقوع …" has no complementizer: not a quote.
    assert not any("تبادل لإطلاق النار" in q.text for q in quotes3)

    text4 = _example("004")
    quotes4 = find_quotes(text4, [])
    coup = _by_start(quotes4, text4, "أعمال الشغب في كازاخستان كانت محاولة انقلاب")
    assert coup.direct and coup.speaker_text == "رئيس جمهورية كازاخستان قاسم جومارت توكاييف"
    assert coup.text == "أعمال الشغب في كازاخستان كانت محاولة انقلاب"


def test_indirect_span_stops_at_next_reporting_element() -> None:
    text = _example("001")
    quotes = find_quotes(text, [])
    q = _by_start(quotes, text, "من المقرر أن تغادر القوة")
    assert not q.direct
    assert q.text.endswith("كازاخستان قريباً")  # ", كما أكد فلاديمير بوتين …" is Putin's
    putin = _by_start(quotes, text, "القوات الروسية موجودة")
    assert putin.speaker_text == "فلاديمير بوتين"


def test_pre_verbal_subject() -> None:
    text = _example("002")
    quotes = find_quotes(text, [])
    q = _by_start(quotes, text, "تحرير مطار ألما أتا")
    assert q.speaker_text == "السلطات الكازاخستانية" and q.direct


def test_speaker_entity_from_mentions_and_continuation() -> None:
    text = "وقال وزير الخارجية سامح شكري إن المحادثات مثمرة. وأضاف أن الجولة المقبلة قريبة."
    start = text.index("سامح شكري")
    mentions = [Mention("سامح شكري", start, start + 9, "PER", "E7")]
    quotes = find_quotes(text, mentions)
    assert [(q.text, q.speaker, q.speaker_text, q.direct) for q in quotes] == [
        ("المحادثات مثمرة", "E7", "وزير الخارجية سامح شكري", False),
        ("الجولة المقبلة قريبة", "E7", "وزير الخارجية سامح شكري", False),
    ]


def test_not_quotes() -> None:
    assert find_quotes("يذكر أن الاحتجاجات بدأت في الثاني من الشهر.", []) == []
    assert find_quotes('وأعلن تنظيم "داعش" مسؤوليته عن الهجوم.', []) == []
    assert find_quotes("ودعا الوزير إلى وقف إطلاق النار.", []) == []


def test_naqala_an() -> None:
    text = "ونقلت وكالة رويترز عن مسؤول أمني قوله إن الهجوم أسفر عن خسائر."
    (q,) = find_quotes(text, [])
    assert q.speaker_text == "مسؤول أمني" and q.text == "الهجوم أسفر عن خسائر"


def test_corpus_article_observatory() -> None:
    articles = [json.loads(ln) for ln in (FIXTURES / "ant_articles.jsonl").open(encoding="utf-8")]
    text = next(a["text"] for a in articles if a["id"] == "BB-middleEast-675-20180628")
    quotes = find_quotes(text, [])
    direct = [q for q in quotes if q.direct]
    assert [fold(q.speaker_text or "") for q in direct] == [fold("المرصد")] * 2
    assert direct[0].text.startswith("نفذت 35 هجمة جوية")
