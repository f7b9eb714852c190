"""Speakers by role (issue 14, part 3): a speaker phrase that names a role is the person the
text names as holding it, or no one; a quote is never a place's.

Sentences from the example pages (examples/kazakhstan-2022, tagged by the shipped CRF) and
from SaudiNewsNet 2015-08-02 (a development day; CC BY-NC-SA 4.0, research use: articles
SNN-2015-08-02-00025 and -00464, shortened).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import extract
from marsad.extract.ner import find_mentions
from marsad.extract.quotes import find_quotes
from marsad.extract.quotes.roles import holders, parse_role, role_of_phrase
from marsad.normalise import fold
from marsad.records import Article, Entity, Mention

PAGES = sorted((Path(__file__).parent.parent / "examples" / "kazakhstan-2022").glob("*.txt"))


def _linked(text: str) -> Article:
    art = Article(id="a", origin="a", text=text, mentions=find_mentions(text))
    extract.link([art])
    return art


def _entity_of(art: Article, surface: str) -> str:
    ids = {m.entity for m in art.mentions if surface in m.text and m.entity}
    assert len(ids) == 1, (surface, art.mentions)
    return ids.pop()


def _role(phrase: str):
    return parse_role([fold(w) for w in phrase.split()])


def test_a_role_is_an_office_and_its_places():
    assert _role("رئيس كازاخستان") == _role("رئيس كازاخستان")
    kz, adj = _role("رئيس كازاخستان"), _role("الرئيس الكازاخي")
    assert kz.office == adj.office == ("رييس",)
    assert kz.places == ("كازاخستان",) and adj.places == ("كازاخ",)
    fm = _role("وزير الخارجية الروسي")
    assert fm.office == ("وزير", "خارجيه") and fm.places == ("روس",)
    assert _role("المتحدث باسم الرئاسة").office == ("متحدث", "باسم", "رياسه")
    assert _role("رئيس الجمهورية").generic
    # Not roles: a body, a name, a clause.
    assert _role("وزارة الخارجية الروسية") is None
    assert _role("قاسم جومارت توكاييف") is None
    assert _role("رئيس الحكومة في مؤتمر صحفي") is None


def test_holders_are_named_with_their_role_before_or_after():
    text = ("وصل رئيس كازاخستان، قاسم جومارت توكاييف إلى ألما آتا. "
            "والتقى توكاييف، رئيس الدولة، بالمسؤولين.")
    a = text.index("قاسم")
    b = text.index("توكاييف،")
    mentions = [Mention("قاسم جومارت توكاييف", a, a + 19, "PER", "P1"),
                Mention("توكاييف", b, b + 7, "PER", "P1")]
    got = [(h.text, h.entity) for h in holders(text, mentions)]
    assert got == [("رئيس كازاخستان", "P1"), ("رئيس الدولة", "P1")]


@pytest.fixture(scope="module")
def pages() -> tuple[list[Article], list[Entity]]:
    arts = [Article(id=p.stem, origin=p.name, text=p.read_text("utf-8")) for p in PAGES]
    for a in arts:
        a.mentions = find_mentions(a.text)
    return arts, extract.link(arts)


@pytest.mark.parametrize("phrase", ["رئيس كازاخستان", "الرئيس الكازاخي", "الرئيس الكازاخستاني",
                                    "رئيس الجمهورية", "الرئيس"])
def test_role_speakers_on_the_example_pages_are_tokayev(pages, phrase):
    # Before: "رئيس كازاخستان" went to the country كازاخستان, the others to no one.
    arts, ents = pages
    (tokayev,) = [e.id for e in ents if e.name == "قاسم جومارت توكاييف"]
    quotes = [q for a in arts for q in a.quotes if q.speaker_text == phrase]
    assert quotes and {q.speaker for q in quotes} == {tokayev}


def test_every_quote_on_the_example_pages_is_someone_not_a_place(pages):
    arts, ents = pages
    places = {e.id for e in ents if e.type == "LOC"}
    assert not [q.speaker_text for a in arts for q in a.quotes if q.speaker in places]


def test_titles_are_stored_with_the_entity(pages):
    _, ents = pages
    (tokayev,) = [e for e in ents if e.name == "قاسم جومارت توكاييف"]
    assert {"رئيس كازاخستان", "الرئيس الكازاخستاني"} <= set(tokayev.titles)
    (awali,) = [e for e in ents if "أوالي" in e.name]
    assert awali.titles == ["المتحدث باسم الرئاسة"]


def test_the_role_fits_the_holder_of_that_office_and_country():
    art = _linked(
        "التقى وزير الخارجية المصري سامح شكري وزير الخارجية الأمريكي جون كيري في القاهرة. "
        "وقال وزير الخارجية المصري إن المحادثات كانت بناءة. "
        "وأكد وزير الخارجية الأمريكي أن بلاده تدعم مصر.")
    first, second = art.quotes
    assert first.speaker == _entity_of(art, "شكري")
    assert second.speaker == _entity_of(art, "كيري")


def test_a_role_nobody_holds_in_the_text_stays_a_role():
    art = _linked("وقال وزير الطاقة الروسي إن الإنتاج سيرتفع. "
                  "وكان الرئيس الروسي فلاديمير بوتين قد زار المنطقة.")
    assert art.quotes[0].speaker_text == "وزير الطاقة الروسي"
    assert art.quotes[0].speaker is None


def test_a_place_inside_the_speaker_phrase_is_not_the_speaker():
    text = "وقالت شرطة ألما أتا إن العملية مستمرة. وقالت روسيا إن الوضع مستقر."
    a, b = text.index("ألما"), text.index("روسيا")
    mentions = [Mention("ألما أتا", a, a + 8, "LOC", "L1"), Mention("روسيا", b, b + 5, "LOC", "L2")]
    police, russia = find_quotes(text, mentions)
    assert police.speaker_text == "شرطة ألما أتا" and police.speaker is None
    assert russia.speaker == "L2"  # the country as the actor is its government speaking


def test_role_of_phrase_reads_place_mentions():
    text = "قال رئيس جمهورية تتارستان إن"
    s = text.index("تتارستان")
    role = role_of_phrase("رئيس جمهورية تتارستان", 4,
                          [Mention("تتارستان", s, s + 8, "LOC", "L")])
    assert role is not None and role.places == ("تتارستان",)


def test_a_surname_the_tagger_missed_is_the_person_named_in_full():
    # SNN-2015-08-02-01179 (shortened): the second "العربي" is not tagged.
    art = _linked("وقال وزير التخطيط أشرف العربي إن الحكومة ستعلن الخطة. "
                  "وقال العربي في مقابلة مع رويترز أمس: «ليس هناك منح خلال 2015».")
    first, second = art.quotes
    assert second.speaker_text == "العربي"
    assert second.speaker == first.speaker == _entity_of(art, "أشرف العربي")
    # A word that is nobody's surname in the text stays no one.
    art = _linked("وقال المصدر إن الاجتماع تأجل.")
    assert art.quotes[0].speaker is None


def test_an_honorific_or_a_bare_title_speaks_for_the_person_named_before():
    # As in SNN-2015-08-04-00111 (tests/fixtures/entities) and SNN-2015-08-02 Saudi news.
    art = _linked("استقبل صاحب السمو الملكي الأمير فيصل بن خالد أمير منطقة عسير الوفد. "
                  "وأكد سموه أن المنطقة تشهد نهضة.")
    assert art.quotes[0].speaker_text == "سموه"
    assert art.quotes[0].speaker == _entity_of(art, "فيصل بن خالد")
    art = _linked("وقال الشيخ محمد بن زايد إن الدعم مستمر. وأضاف الشيخ أن التحالف باق.")
    assert [q.speaker_text for q in art.quotes] == ["الشيخ محمد بن زايد", "الشيخ"]
    assert {q.speaker for q in art.quotes} == {_entity_of(art, "محمد بن زايد")}
    art = _linked("وأكد سموه أن المنطقة تشهد نهضة.")  # nobody named before
    assert art.quotes[0].speaker is None


def test_a_word_that_folds_to_nothing_is_no_crash() -> None:
    # A lone tatweel used as a dash ("المليك المفدى ـ أيضاً ـ") folds to "": linking a
    # store of SaudiNewsNet stopped on it.
    assert parse_role(["وزير", "", "الخارجيه"]) == parse_role(["وزير", "الخارجيه"])
