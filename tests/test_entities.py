"""Entity resolution: spelling variants, short forms and titles merge; look-alikes don't."""

from __future__ import annotations

from marsad.extract.entities import mention_key, resolve, variants_match
from marsad.records import Article, Mention


def _article(aid: str, names: list[tuple[str, str]]) -> Article:
    text = ""
    mentions = []
    for name, typ in names:
        start = len(text)
        text += name + " . "
        mentions.append(Mention(text=name, start=start, end=start + len(name), type=typ))
    return Article(id=aid, origin=aid, text=text, mentions=mentions)


def _entity_of(entities, surface):
    hits = [e for e in entities if surface in e.variants]
    assert len(hits) == 1, (surface, hits)
    return hits[0]


def test_almaty_spellings_merge_and_stay_apart_from_nur_sultan():
    arts = [
        _article("a1", [("ألما آتا", "LOC"), ("ألماتي", "LOC"), ("نور سلطان", "LOC")]),
        _article("a2", [("ألما أتا", "LOC"), ("ألما - أتا", "LOC"), ("كازاخستان", "LOC")]),
        _article("a3", [("ألما اتا", "LOC"), ("ألما-آتا", "LOC"), ("قرغيزستان", "LOC")]),
    ]
    ents, _ = resolve(arts)
    almaty = _entity_of(ents, "ألما آتا")
    assert set(almaty.variants) == {"ألما آتا", "ألماتي", "ألما أتا", "ألما - أتا", "ألما اتا",
                                    "ألما-آتا"}
    assert almaty.articles == ["a1", "a2", "a3"]
    assert _entity_of(ents, "نور سلطان").id != almaty.id
    assert _entity_of(ents, "كازاخستان").id != _entity_of(ents, "قرغيزستان").id
    for art in arts:
        for m in art.mentions:
            assert m.entity == _entity_of(ents, m.text).id


def test_short_form_and_title_join_full_name_but_not_other_people():
    arts = [
        _article("a1", [("قاسم جومارت توكاييف", "PER"), ("توكاييف", "PER"),
                        ("فلاديمير بوتين", "PER")]),
        _article("a2", [("الرئيس توكاييف", "PER"), ("بوتين", "PER"),
                        ("فلاديمير فلاديميروفيتش بوتين", "PER")]),
        _article("a3", [("الرئيس الكازاخستاني قاسم جومارت توكاييف", "PER")]),
    ]
    ents, _ = resolve(arts)
    tok = _entity_of(ents, "توكاييف")
    assert tok.name == "قاسم جومارت توكاييف"
    assert {"الرئيس توكاييف", "الرئيس الكازاخستاني قاسم جومارت توكاييف"} <= set(tok.variants)
    put = _entity_of(ents, "بوتين")
    assert put.id != tok.id
    assert {"فلاديمير بوتين", "فلاديمير فلاديميروفيتش بوتين"} <= set(put.variants)
    assert [e.type for e in ents] == ["PER", "PER"]


def test_ambiguous_surname_is_linked_per_article():
    arts = [
        _article("a1", [("جورج بوش", "PER"), ("بوش", "PER")]),
        _article("a2", [("جيب بوش", "PER"), ("بوش", "PER")]),
    ]
    ents, _ = resolve(arts)
    george, jeb = _entity_of(ents, "جورج بوش"), _entity_of(ents, "جيب بوش")
    assert george.id != jeb.id
    assert arts[0].mentions[1].entity == george.id
    assert arts[1].mentions[1].entity == jeb.id


def test_ids_are_stable_and_independent_of_order():
    def build():
        return [_article("x", [("روسيا", "LOC"), ("فلاديمير بوتين", "PER")]),
                _article("y", [("بوتين", "PER"), ("روسيا", "ORG")])]

    first, _ = resolve(build())
    second, _ = resolve(list(reversed(build())))
    assert [(e.id, e.name) for e in first] == [(e.id, e.name) for e in second]
    russia = _entity_of(first, "روسيا")
    assert russia.articles == ["x", "y"]


def test_lookalike_names_do_not_match():
    assert variants_match("الماتي", "الماتا")
    assert variants_match("توكاييف", "توكايف")
    assert not variants_match("كازاخستان", "قرغيزستان")
    assert not variants_match("سوريا", "روسيا")
    assert not variants_match("توكاييف", "بوتين")
    assert not variants_match("النمسا", "تونس")


def test_mention_key_drops_titles_and_nisba():
    assert mention_key("الرئيس الكازاخستاني قاسم جومارت توكاييف", "PER") == (
        "قاسم", "جومارت", "توكاييف")
    assert mention_key("جمهورية كازاخستان", "LOC") == ("كازاخستان",)
    assert mention_key("ألما-آتا", "LOC") == ("الما", "اتا")


def test_minority_type_of_a_multiword_name_joins_the_majority():
    arts = [_article("a", [("نور سلطان", "LOC")]), _article("b", [("نور سلطان", "LOC")]),
            _article("c", [("نور سلطان", "PER"), ("سلطان", "PER")])]
    ents, _ = resolve(arts)
    nur = _entity_of(ents, "نور سلطان")
    assert nur.type == "LOC" and nur.articles == ["a", "b", "c"]
