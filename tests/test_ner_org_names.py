"""Organisation and multi-word names kept whole, and a name's forms merged (issue 14, part
4), on sentences of the example pages (examples/kazakhstan-2022) and of SaudiNewsNet
2015-08-02 (a development day; CC BY-NC-SA 4.0, research use; SNN-2015-08-02-00943 and
-00166, shortened).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import extract
from marsad.extract.entities import resolve
from marsad.extract.ner import find_mentions
from marsad.records import Article

PAGES = sorted((Path(__file__).parent.parent / "examples" / "kazakhstan-2022").glob("*.txt"))


def _orgs(text: str) -> list[str]:
    return [m.text for m in find_mentions(text) if m.type == "ORG"]


@pytest.mark.parametrize(("text", "name"), [
    # Before: "منظمة معاهدة الأمن" (the tagger stops before the adjective), or nothing.
    ("مشيراً إلى أن جميع دول منظمة معاهدة الأمن الجماعي عملت كجبهة موحدة.",
     "منظمة معاهدة الأمن الجماعي"),
    ("مع الإشارة إلى أن مجلس الأمن الجماعي لمنظمة معاهدة الأمن الجماعي، قد قرر إرسال قوات.",
     "مجلس الأمن الجماعي"),
    ("وأعلنت وكالة الفضاء الروسية أن الحراسة في قاعدة بايكونور الفضائية مشددة.",
     "وكالة الفضاء الروسية"),
    ("وأكدت وزارة الخارجية الروسية أن روسيا تؤيد استقرار الوضع.", "وزارة الخارجية الروسية"),
    ("وقال وزير الخارجية إن حزب العمال الكردستاني نفذ الهجوم.", "حزب العمال الكردستاني"),
])
def test_organisation_names_are_found_whole(text, name):
    assert name in _orgs(text)


def test_a_head_without_a_name_after_it_is_no_organisation():
    assert _orgs("وقالت لجنة التحقيق إن الأدلة كافية.") == []
    assert _orgs("وأضاف أن الوكالة ستصدر تقريرها.") == []


def test_the_csto_is_found_whole_on_the_example_pages():
    arts = [Article(id=p.stem, origin=p.name, text=p.read_text("utf-8")) for p in PAGES]
    for a in arts:
        a.mentions = find_mentions(a.text)
    ents = extract.link(arts)
    (csto,) = [e for e in ents if "منظمة معاهدة الأمن الجماعي" in e.variants]
    assert len(csto.articles) == 5
    assert not [e for e in ents if e.name == "منظمة معاهدة الأمن"]
    # The council of the CSTO is not the UN Security Council.
    councils = {e.id for e in ents if e.name in ("مجلس الأمن", "مجلس الأمن الجماعي")}
    assert len(councils) == 2


def test_an_initialism_in_parentheses_is_the_same_organisation():
    a = Article(id="a", origin="a",
                text="وقالت منظمة معاهدة الأمن الجماعي (CSTO) إن القوات ستنسحب.")
    a.mentions = find_mentions(a.text)
    assert [m.text for m in a.mentions] == ["منظمة معاهدة الأمن الجماعي", "CSTO"]
    ents, _ = resolve([a])
    assert [(e.name, e.variants) for e in ents] == [
        ("منظمة معاهدة الأمن الجماعي", ["CSTO", "منظمة معاهدة الأمن الجماعي"])]
    assert a.mentions[0].entity == a.mentions[1].entity
