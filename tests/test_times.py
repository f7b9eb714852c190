"""Behaviour of the Arabic temporal tagger on real news text (fixtures under fixtures/times)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract.times import infer_publication_date, tag
from marsad.normalise import fold_map

FIXTURES = Path(__file__).parent / "fixtures" / "times"
SHARED_ANT = (Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "news"
              / "ant-v2.1-multisource.jsonl.gz")


def page(prefix: str) -> str:
    return next(FIXTURES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def triples(text: str, dct: str | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


# Every date expression of the example pages, as a careful reader resolves it.
EXAMPLES = {
    "000": ("2022-01-12", [
        ("12 كانون الثاني 2022 14:15", "TIME", "2022-01-12T14:15"),
        ("أوائل العام الحالي", "DATE", "2022"),
        ("الثاني من الشهر الجاري", "DATE", "2022-01-02"),
        ("أسبوعين", "DURATION", "P2W"),
        ("السادس من الشهر الجاري", "DATE", "2022-01-06"),
        ("الإثنين الماضي", "DATE", "2022-01-10"),
        ("العاشر من هذا الشهر", "DATE", "2022-01-10"),
        ("يومين", "DURATION", "P2D"),
        ("10 أيام", "DURATION", "P10D"),
    ]),
    "001": ("2022-01-11", [
        ("الأربعاء 27 نوفمبر 2024", "DATE", "2024-11-27"),  # the site's own header date
        ("11 يناير 2022 00:47", "TIME", "2022-01-11T00:47"),
        ("أمس", "DATE", "2022-01-10"),
        ("قريباً", "DATE", "FUTURE_REF"),
        ("عام 1991", "DATE", "1991"),
        ("6 يناير", "DATE", "2022-01-06"),
        ("أيام", "DURATION", "PXD"),
    ]),
    "002": ("2022-01-05", [
        ("اليوم الأربعاء", "DATE", "2022-01-05"),
        ("مساء اليوم الأربعاء", "TIME", "2022-01-05TEV"),
        ("اليوم", "DATE", "2022-01-05"),
        ("الـ 5 إلى الـ 19 من كانون الثاني/ يناير الحالي", "DATE", "2022-01-05/2022-01-19"),
    ]),
    "003": ("2022-01-06", [
        ("صباح اليوم الخميس", "TIME", "2022-01-06TMO"),
        ("يومين", "DURATION", "P2D"),
        ("الـ7 من تشرين الأول/أكتوبر 2002", "DATE", "2002-10-07"),
        ("الـ17 من مايو 1992", "DATE", "1992-05-17"),
        ("أمس الأربعاء", "DATE", "2022-01-05"),
        ("5 إلى 19 كانون الثاني/ يناير الحالي", "DATE", "2022-01-05/2022-01-19"),
        ("مساء أمس الأربعاء", "TIME", "2022-01-05TEV"),
        ("6-1-2022", "DATE", "2022-01-06"),
    ]),
    "004": ("2022-01-10", [
        ("١٠ يناير ٢٠٢٢", "DATE", "2022-01-10"),
        ("اليوم الاثنين 10 يناير/كانون الثاني 2022", "DATE", "2022-01-10"),
        ("يوم الغد الثلاثاء في 11 يناير/كانون الثاني", "DATE", "2022-01-11"),
        ("يناير", "DATE", "2022-01"),
        ("عدة أيام", "DURATION", "PXD"),
        ("ثلاثين عاماً", "DURATION", "P30Y"),
    ]),
}


@pytest.mark.parametrize("prefix", sorted(EXAMPLES))
def test_example_pages_resolve_like_a_reader(prefix: str) -> None:
    dct, expected = EXAMPLES[prefix]
    got = triples(page(prefix), dct)
    for item in expected:
        assert item in got, f"{item} not in {got}"


def test_example_pages_have_no_false_years_or_hidden_months() -> None:
    text = page("001")
    got = triples(text, "2022-01-11")
    values = {v for _, _, v in got}
    # "2030 عسكرياً", "1600 جريح" are counts; "انقلاب" contains "آب" (August).
    assert "2030" not in values and "1600" not in values
    assert not any(v.endswith("-08") for v in values)


def test_offsets_index_the_original_text() -> None:
    for prefix, (dct, _) in EXAMPLES.items():
        text = page(prefix)
        found = tag(text, dct)
        assert found == sorted(found, key=lambda t: t.start)
        for t in found:
            assert text[t.start:t.end] == t.text


def test_key_cases_from_the_issue() -> None:
    # "الإثنين الماضي" in the article of Wednesday 12 January 2022.
    assert triples("أكد بوتين الإثنين الماضي أن الهجوم", "2022-01-12") == [
        ("الإثنين الماضي", "DATE", "2022-01-10")]
    assert triples("أكد رئيس كازاخستان، أمس، أن", "2022-01-11") == [("أمس", "DATE", "2022-01-10")]
    # Reported past events prefer the past, announced ones the future.
    assert triples("وقع الهجوم في 20 ديسمبر", "2018-03-05")[0][2] == "2017-12-20"
    assert triples("ستعقد القمة في 15 أبريل", "2018-03-05")[0][2] == "2018-04-15"
    assert triples("نشرت القوات في 6 يناير", "2022-01-11")[0][2] == "2022-01-06"


@pytest.mark.parametrize(("text", "dct", "expected"), [
    ("في السادس من الشهر الجاري", "2022-01-12", [("السادس من الشهر الجاري", "DATE", "2022-01-06")]),
    ("بالأمس قال", "2018-03-05", [("الأمس", "DATE", "2018-03-04")]),
    ("أول أمس", "2018-03-05", [("أول أمس", "DATE", "2018-03-03")]),
    ("بعد غد الأربعاء", "2018-03-05", [("بعد غد الأربعاء", "DATE", "2018-03-07")]),
    ("غداً", "2018-03-05", [("غداً", "DATE", "2018-03-06")]),
    ("للعام المقبل", "2018-03-05", [("لعام المقبل", "DATE", "2019")]),
    ("منذ يومين", "2018-03-05", [("يومين", "DURATION", "P2D")]),
    ("قبل يومين", "2018-03-05", [("قبل يومين", "DATE", "2018-03-03")]),
    ("بعد يومين من الهجوم", "2018-03-05", [("يومين", "DURATION", "P2D")]),
    ("الأسبوع الماضي", "2018-03-05", [("الأسبوع الماضي", "DATE", "2018-W09")]),
    ("أوائل العام الحالي", "2018-03-05", [("أوائل العام الحالي", "DATE", "2018")]),
    ("الليلة", "2018-03-05", [("الليلة", "TIME", "2018-03-05TNI")]),
    ("في ٥ آذار/مارس ٢٠١٨", "2018-03-10", [("٥ آذار/مارس ٢٠١٨", "DATE", "2018-03-05")]),
    ("في 5 جانفي 2018", None, [("5 جانفي 2018", "DATE", "2018-01-05")]),
    ("الخميس 25 جمادى الآخرة 1439 هـ الموافق 15 مارس 2018", "2018-03-15", [
        ("الخميس 25 جمادى الآخرة 1439 هـ", "DATE", "2018-03-15"),
        ("15 مارس 2018", "DATE", "2018-03-15")]),
    ("منذ عام 2011", "2018-03-05", [("عام 2011", "DATE", "2011")]),
    ("بين 2011 و2014", "2018-03-05", [("2011 و2014", "DATE", "2011/2014")]),
    ("عامي 2014 و2015", "2018-03-05", [("عامي 2014", "DATE", "2014"), ("2015", "DATE", "2015")]),
    ("لمدة ثلاثة أشهر", "2018-03-05", [("ثلاثة أشهر", "DURATION", "P3M")]),
    ("خلال الساعات الـ24 الماضية", "2018-03-05", [("الساعات الـ24 الماضية", "DURATION", "PT24H")]),
    ("الساعة الثامنة مساء", "2018-03-05", [("الساعة الثامنة مساء", "TIME", "2018-03-05T20:00")]),
    ("يصدر أسبوعياً", "2018-03-05", [("أسبوعياً", "SET", "P1W")]),
    ("في الثمانينيات", "2018-03-05", [("الثمانينيات", "DATE", "198")]),
    ("القرن العشرين", "2018-03-05", [("القرن العشرين", "DATE", "19")]),
    ("الربع الأول من العام الجاري", "2018-03-05", [
        ("الربع الأول من العام الجاري", "DATE", "2018-Q1")]),
    ("قضى عام الحزن", "2018-03-05", []),  # a bare singular needs a cue
    ("لمدة عام ونصف", "2018-03-05", [("عام ونصف", "DURATION", "P18M")]),
])
def test_expressions(text: str, dct: str | None, expected: list[tuple[str, str, str]]) -> None:
    assert triples(text, dct) == expected


def test_without_dct_values_stay_underspecified() -> None:
    got = triples("وصل الوفد أمس، ويغادر في 5 يناير، واجتمع الأحد الماضي", None)
    assert got == [("أمس", "DATE", "XXXX-XX-XX"), ("5 يناير", "DATE", "XXXX-01-05"),
                   ("الأحد الماضي", "DATE", "XXXX-WXX-7")]


@pytest.mark.parametrize("text", [
    "محاولة انقلاب فاشلة",  # آب inside a word
    "الرأي العام والأمين العام والنائب العام",  # عام = general/public
    "قال أحد المسؤولين إن جمعة وصل",  # أحد = one; جمعة (a name) without the article
    "نشروا 2030 عسكرياً و1600 جريح",  # counts, not years
    "البالغ من العمر 30 عاماً",  # an age
    "مارس ضغوطاً على الحكومة",  # مارس = exercised
    "اتفق الاثنين معا على الخطة",  # الاثنين = both
])
def test_non_temporal_text(text: str) -> None:
    assert tag(text, "2018-03-05") == []


def test_ant_sentences() -> None:
    rows = [json.loads(line) for line in
            (FIXTURES / "ant_sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in rows}
    expect = {
        "AL-sport-": None,
    }
    del expect
    found = {r["id"]: triples(r["text"], r["dct"]) for r in rows}
    flat = {(t, ty, v) for items in found.values() for t, ty, v in items}
    for item in [
        ("الأسبوع الماضي", "DATE", "2018-W08"),  # DCT Sunday 2018-03-04
        ("قبل يومين", "DATE", "2018-02-26"),
        ("الخميس المقبل", "DATE", "2018-03-29"),
        ("ثلاثة أيام", "DURATION", "P3D"),
        ("الشهر الماضي", "DATE", "2018-01"),
        ("شهر رمضان القادم", "DATE", "2018-05-16/2018-06-14"),
        ("صيف 2019", "DATE", "2019-SU"),
        ("قبل ثلاث سنوات", "DATE", "2015"),
        ("الربع الأول من 2018", "DATE", "2018-Q1"),
        ("القرن الحادي والعشرين", "DATE", "20"),
    ]:
        assert item in flat, item
    assert not any(v == "66" or "P66Y" in v for _, _, v in flat)  # the age "66 عاما"
    assert by_id  # fixture present


def test_infer_publication_date_from_content() -> None:
    text = page("002")  # no dateline; "اليوم الأربعاء"; tweets of 5 January 2022
    assert infer_publication_date(text, ["2022-01-05", "2022-01-05"]) == "2022-01-05"
    # Without anchors a weekday alone does not fix the date.
    assert infer_publication_date(text, []) is None
    # An anchor two weeks back leaves the week open.
    assert infer_publication_date(text, ["2021-12-20"]) is None
    # A full date called "today" fixes it by itself.
    assert infer_publication_date(page("004"), []) == "2022-01-10"
    # Contradictory cues give nothing.
    assert infer_publication_date("اليوم الأربعاء ... اليوم الخميس", ["2022-01-05"]) is None
    assert infer_publication_date("", ["2022-01-05"]) is None


def test_bad_input_does_not_raise() -> None:
    assert tag("", "2018-03-05") == []
    assert tag("أمس", "not a date") == [tag("أمس", None)[0]]
    got = triples("في 31 فبراير 2018 و99/99/2018", "2018-03-05")
    assert got == [("فبراير 2018", "DATE", "2018-02")]  # no 31 February, no month 99
    # A day no year has, without a year (an advert in SaudiNewsNet, 11 Aug 2015): the month.
    got = triples("صلاحية العرض: من 1 يوليو (تموز) إلى 31 سبتمبر (أيلول)", "2015-08-11")
    assert got[-1] == ("سبتمبر (أيلول)", "DATE", "2015-09")


def test_trigger_scan_finds_what_a_full_scan_finds() -> None:
    import datetime as dt

    from marsad.extract.times.tagger import tag_folded

    texts = [page(p) for p in EXAMPLES]
    texts += [json.loads(line)["text"] for line in
              (FIXTURES / "ant_sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    for text in texts:
        folded_text, _ = fold_map(text)
        d = dt.date(2018, 3, 5)
        assert tag_folded(folded_text, d) == tag_folded(folded_text, d, full_scan=True)


def _reference_starts(folded_text: str) -> list[int]:
    """The trigger scan written plainly, token by token: `_starts` must give the same list."""
    import re

    from marsad.extract.times.tagger import _TRIGGERS

    out: list[int] = []
    for m in re.finditer(r"\w+", folded_text):
        tok, p = m.group(), m.start()
        if tok[0].isdigit():
            out.append(p)
            continue
        for k in range(3):
            core = tok[k:]
            if not core:
                break
            if core in _TRIGGERS or core[0].isdigit() or core[2:3].isdigit() or (
                    k and tok[k - 1] == "ل" and "ا" + core in _TRIGGERS):
                out.append(p + k)
                break
            if k < 2 and tok[k] not in "وفبلك":
                break
        if not tok.isalpha():
            d = next((i for i, c in enumerate(tok) if c.isdigit()), None)
            if d:
                out.append(p + d)
    return out


def _scan_texts() -> list[str]:
    texts = [page(p) for p in EXAMPLES]
    texts += [json.loads(line)["text"] for line in
              (FIXTURES / "ant_sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    # Glued digits, proclitics, ل fused with ال, odd spacing and non-ASCII digits.
    texts += ["الميادين6-1-2022 وللعام  والعام\nفبالعام،2019 _2020 x²3 (2018) ب2020 ولل", " ",
              "  العام ", "كل٣ ايام ٢٠١٩م"]
    return [fold_map(t)[0] for t in texts]


def test_trigger_scan_matches_the_plain_token_scan() -> None:
    from marsad.extract.times.tagger import _starts

    for text in _scan_texts():
        assert _starts(text) == _reference_starts(text)


def test_prefilter_never_drops_a_rule_that_matches() -> None:
    import re

    from marsad.extract.times.grammar import RULES
    from marsad.extract.times.prefilter import WIDTH, Dispatch, normal

    dispatch = Dispatch(pattern for _, pattern in RULES)
    compiled = [re.compile(pattern) for _, pattern in RULES]
    for text in _scan_texts()[:12]:
        for start in range(len(text)):
            allowed = set(dispatch.rules(normal(text[start:start + WIDTH])))
            for i, rx in enumerate(compiled):
                if i not in allowed:
                    m = rx.match(text, start)
                    assert m is None or m.end() == start, (RULES[i][0], text[start:start + 20])


def test_prefixes_cover_classes_digits_and_repeats() -> None:
    from marsad.extract.times.prefilter import Dispatch, normal

    d = Dispatch([r"(?:ال)?(?:عام|سنه)\s+\d{4}", r"[0-3]?\d\s*[/.]", r"(?<!\w)x\w*"])
    assert d.rules(normal("العام")) == [0]
    assert d.rules(normal("سنه 2")) == [0]
    assert d.rules(normal("12/05")) == [1]
    assert d.rules(normal("٩ .")) == [1]  # any decimal digit
    assert d.rules(normal("xyz")) == [2]
    assert d.rules(normal("x")) == [2]
    assert d.rules(normal("الشهر")) == []
