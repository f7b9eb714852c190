import gzip
import json
from pathlib import Path

from marsad.normalise import (
    digits_to_ascii,
    fold,
    fold_map,
    fold_with_offsets,
    is_arabic,
    key,
    tokens,
)
from marsad.normalise.calendar import month_number, weekday_number


def test_fold_merges_hamza_alef_and_ta_marbuta_variants() -> None:
    assert fold("ألما آتا") == fold("ألما أتا") == fold("الما اتا")
    assert fold("منظمة") == fold("منظمه")
    assert fold("مصطفى") == fold("مصطفي")
    assert fold("مسؤول") == fold("مسوول")


def test_fold_removes_diacritics_and_tatweel_but_keeps_letters() -> None:
    assert fold("قُتِلَ") == "قتل"
    assert fold("كازاخـــستان") == "كازاخستان"
    assert fold("يُعجبك") == fold("يعجبك")


def test_digits() -> None:
    assert digits_to_ascii("١٠ يناير ٢٠٢٢") == "10 يناير 2022"
    assert fold("۲۰۲۲") == "2022"


def test_fold_with_offsets_maps_back_to_original() -> None:
    text = "قُتِلَ ١٦ شخصاً"
    folded, offsets = fold_with_offsets(text)
    start = folded.index("16")
    assert text[offsets[start]: offsets[start + 1] + 1] == "١٦"
    assert len(folded) == len(offsets)


def test_key_ignores_punctuation_and_spacing() -> None:
    assert key("ألما-آتا!") == key("الما  اتا")
    assert tokens("وقال الرئيس، أمس") == ["وقال", "الرييس", "امس"]


def test_displayed_text_is_untouched() -> None:
    text = "قاسم جومارت توكاييف"
    fold(text)
    assert text == "قاسم جومارت توكاييف"


def test_is_arabic() -> None:
    assert is_arabic("أكد رئيس كازاخستان")
    assert not is_arabic("This is how #Almaty looks like now.")


def test_calendar_names_in_regional_variants() -> None:
    assert month_number("كانون الثاني") == month_number("يناير") == month_number("جانفي") == 1
    assert month_number("آب") == month_number("أغسطس") == 8
    assert month_number("شهر") is None
    assert weekday_number("الإثنين") == weekday_number("الاثنين") == 0


def test_fold_map_agrees_with_fold_and_offsets(fixtures: Path, example_dir: Path) -> None:
    samples = [p.read_text() for p in sorted(example_dir.glob("*.txt"))]
    samples += ["ﷲ أكبر ﻻ", "İstanbul ٢٠٢٢ـ", "مُحَمَّدٌ\u200cعلي", "قريباً."]
    with gzip.open(fixtures / "corpora" / "snn-slice.jsonl.gz", "rt", encoding="utf-8") as fh:
        samples += [json.loads(line)["text"] for line in fh]
    for text in samples:
        expected, offsets = fold_with_offsets(text)
        got, mapping = fold_map(text)
        assert got == expected == fold(text)
        assert [mapping.start(i) for i in range(len(got))] == offsets
