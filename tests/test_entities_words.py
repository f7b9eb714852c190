"""Entity resolution that does not merge different people, places or words (issue 17, part
2): the classes found on SaudiNewsNet 2015-08-02, a development day.

Fixture: paragraphs of 22 SaudiNewsNet articles of 2015-08-02 (CC BY-NC-SA 4.0, research
use), see tests/fixtures/README.md; tagged by the shipped CRF, then linked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad import extract
from marsad.extract.entities import resolve, variants_match
from marsad.extract.ner import find_mentions
from marsad.extract.ner.mentions import is_name_phrase
from marsad.records import Article, Entity, Mention
from tagged import tagged_article as _article

FIXTURE = Path(__file__).parent / "fixtures" / "entities" / "snn_2015_08_02.jsonl"


@pytest.fixture(scope="module")
def day() -> tuple[list[Article], list[Entity]]:
    arts = []
    for line in FIXTURE.read_text("utf-8").splitlines():
        d = json.loads(line)
        arts.append(Article(id=d["id"], origin=d["id"], text=d["text"],
                            mentions=find_mentions(d["text"])))
    return arts, extract.link(arts)


def _linked(arts: list[Article]) -> set[str]:
    return {m.text for a in arts for m in a.mentions if m.entity}


def test_common_words_and_formulas_are_no_entities(day):
    # Main made entities of these: الشباب (youth, 201 mentions that day), التقرير (the
    # report), وكالة (agency), رحمه الله, دولار (a unit after a figure), رمضان (the month).
    arts, _ = day
    linked = _linked(arts)
    assert not linked & {"الشباب", "التقرير", "وكالة", "رحمه الله", "دولار", "رمضان"}
    for text, typ in [("الشباب", "ORG"), ("التقرير", "ORG"), ("تقرير", "ORG"), ("وكالة", "ORG"),
                      ("رحمه الله", "ORG"), ("بإذن الله", "ORG"), ("دولار", "MISC"),
                      ("رمضان", "PER"), ("الكهرباء", "ORG")]:
        assert not is_name_phrase(text, typ), text
    for text, typ in [("الهلال", "ORG"), ("السعودية", "LOC"), ("الرياض", "LOC"),
                      ("رمضان عبدالله", "PER"), ("وكالة الفضاء الروسية", "ORG"),
                      ("الأسد", "PER")]:
        assert is_name_phrase(text, typ), text


def test_rare_forms_are_not_spellings_of_frequent_names(day):
    # Main linked each of these to the frequent name one letter or vowel away.
    _, ents = day
    for name, other in [("ألمانيا", "الأمونيا"), ("القصيم", "القواصم"), ("بريدة", "بئر يدوية"),
                        ("السعودية", "ساعديها")]:
        assert not any(name in e.variants and other in e.variants for e in ents), name
    assert not variants_match("المانيا", "الامونيا")
    assert not variants_match("سعوديه", "ساعديها")
    assert variants_match("توكاييف", "توكايف")  # two unseen spellings of one rare name
    assert variants_match("الاحساء", "الاحسا")


def test_a_run_on_list_of_names_is_no_person(day):
    # "حسين شيعان أحمد عكاش محمد حسين عمر هوساوي خالد الغامدي": players listed one after
    # another, tagged as one name; main made it a person whose short forms were both
    # حسين شيعان and خالد الغامدي.
    _, ents = day
    players = ("حسين شيعان", "أحمد عكاش", "خالد الغامدي", "عمر هوساوي")
    for e in ents:
        assert sum(any(p in v for v in e.variants) for p in players) <= 1, e


def test_a_lone_given_name_is_the_full_name_of_its_article_or_its_own():
    # From 2015-08-02: "عبدالعزيز" alone was one entity over 22 articles (the founding
    # king, fathers in nasab chains, other people).
    a = _article("a", "قال صدام حسين إن الحرب بدأت. وأضاف صدام أن الجيش جاهز.",
                 [("صدام حسين", "PER"), ("صدام", "PER")])
    b = _article("b", "وصل عبدالعزيز إلى المدينة. وقال عبدالعزيز إن الطريق طويل.",
                 [("عبدالعزيز", "PER")])
    b.mentions.append(Mention("عبدالعزيز", b.text.rindex("عبدالعزيز"),
                              b.text.rindex("عبدالعزيز") + 9, "PER"))
    c = _article("c", "وأكد عبدالعزيز الفايز أن المشروع اكتمل.", [("عبدالعزيز الفايز", "PER")])
    d = _article("d", "التقى محمد بالوفد. وقال محمد بن نايف إن الأمن مستتب.",
                 [("محمد", "PER"), ("محمد بن نايف", "PER")])
    e = _article("e", "وقال عبدالعزيز إن الموسم انتهى.", [("عبدالعزيز", "PER")])
    ents, _ = resolve([a, b, c, d, e], recover=False)
    assert a.mentions[0].entity == a.mentions[1].entity is not None
    assert d.mentions[0].entity == d.mentions[1].entity
    # Alone in its article, a given name is that article's entity: not another article's
    # عبدالعزيز الفايز, nor the عبدالعزيز of a third.
    assert b.mentions[0].entity == b.mentions[1].entity
    assert len({b.mentions[0].entity, c.mentions[0].entity, e.mentions[0].entity}) == 3
    assert sorted(x.name for x in ents) == ["صدام حسين", "عبدالعزيز", "عبدالعزيز",
                                            "عبدالعزيز الفايز", "محمد بن نايف"]


def test_a_run_on_list_joins_none_of_its_names():
    run_on = "حسين شيعان أحمد عكاش محمد حسين عمر هوساوي خالد الغامدي"
    a = _article("a", f"وشارك {run_on} في التدريب.", [(run_on, "PER")])
    b = _article("b", "وسجل خالد الغامدي الهدف.", [("خالد الغامدي", "PER")])
    c = _article("c", "وأصيب حسين شيعان في المباراة.", [("حسين شيعان", "PER")])
    ents, _ = resolve([a, b, c], recover=False)
    assert a.mentions[0].entity is None
    assert sorted(e.name for e in ents) == ["حسين شيعان", "خالد الغامدي"]


def test_a_surname_many_bear_joins_only_its_own_articles_full_name():
    # 2015-08-02: "القحطاني" of several articles joined the one جديع القحطاني of the day.
    a = _article("a", "وقال جديع القحطاني إن الحملة مستمرة. وأضاف القحطاني أن",
                 [("جديع القحطاني", "PER"), ("القحطاني", "PER")])
    b = _article("b", "وأوضح القحطاني أن الفريق جاهز.", [("القحطاني", "PER")])
    c = _article("c", "وقال باراك أوباما إن. وأضاف أوباما",
                 [("باراك أوباما", "PER"), ("أوباما", "PER")])
    d = _article("d", "وأكد أوباما أن", [("أوباما", "PER")])
    resolve([a, b, c, d], recover=False)
    assert a.mentions[0].entity == a.mentions[1].entity != b.mentions[0].entity
    assert b.mentions[0].entity is not None
    # A surname few bear still joins the one full name of the day across articles.
    assert c.mentions[0].entity == c.mentions[1].entity == d.mentions[0].entity
