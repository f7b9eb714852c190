"""Entity resolution that neither merges different people nor makes names of adjectives
(issue 17, part 2): the classes found on SaudiNewsNet 2015-08-04, a development day.

The sentences are from SaudiNewsNet articles of 2015-08-04 (ids in the comments; CC BY-NC-SA
4.0, research use, see tests/fixtures/README.md); the mentions are placed by hand, as a
tagger finds them, so that the tests are of resolution alone.
"""

from __future__ import annotations

from marsad.extract.entities import (
    is_attribute,
    persons_compatible,
    recover_mentions,
    resolve,
    trim_titles,
)
from marsad.records import Article, Mention
from tagged import tagged_article as _article


def _entity(arts: list[Article], aid: str, k: int) -> str | None:
    return next(a for a in arts if a.id == aid).mentions[k].entity


def test_a_father_in_the_longer_name_is_no_one_elses_father():
    # Main made one entity of King Khalid (خالد بن عبدالعزيز, 00814) and Prince Khalid
    # al-Faisal (خالد الفيصل بن عبدالعزيز, 01282): same first name, same last name.
    king = _article("00814", "هذا المشروع افتتحه الملك خالد بن عبدالعزيز رحمه الله في العام "
                    "1399 هجرية", [("خالد بن عبدالعزيز", "PER")])
    prince = _article("01282", "حضر الاستقبال صاحب السمو الملكي الأمير خالد الفيصل بن عبدالعزيز "
                      "مستشار خادم الحرمين الشريفين", [("خالد الفيصل بن عبدالعزيز", "PER")])
    short = _article("00204", "وأوضح سمو الأمير خالد الفيصل أن نشاط السوق سيشهد أيضاً أكثر من "
                     "16 معرضاً", [("خالد الفيصل", "PER")])
    other = _article("x", "وقال خالد عبد العزيز إن", [("خالد عبد العزيز", "PER")])
    arts = [king, prince, short, other]
    resolve(arts, recover=False)
    assert _entity(arts, "01282", 0) == _entity(arts, "00204", 0)
    assert _entity(arts, "00814", 0) != _entity(arts, "01282", 0)
    assert _entity(arts, "x", 0) != _entity(arts, "01282", 0)
    assert not persons_compatible(("خالد", "بن", "عبدالعزيز"),
                                  ("خالد", "الفيصل", "بن", "عبدالعزيز"))
    # The chain itself still shortens: محمد بن نايف of محمد بن نايف بن عبدالعزيز.
    assert persons_compatible(("محمد", "بن", "نايف"), ("محمد", "بن", "نايف", "بن", "عبدالعزيز"))


def test_a_lone_name_is_not_the_family_or_the_father_of_a_full_name():
    # 00002 names King Saud and King Salman bin Abdulaziz Al Saud: main joined الملك سعود
    # to Salman (his family name) and, elsewhere, عبدالعزيز to Mohammed bin Nayef (his
    # grandfather).
    text = ("ومن بعده الملك سعود والملك فيصل والملك خالد. كما اشتملت الطوابع على عرض كم هائل "
            "من الطوابع البريدية التذكارية التي صدرت في عهد الملك سلمان بن عبدالعزيز آل سعود")
    a = _article("00002", text, [("سعود", "PER"), ("سلمان بن عبدالعزيز آل سعود", "PER")])
    b = _article("b", "وجه الأمير محمد بن نايف بن عبدالعزيز بنقل الجندي، وقال عبدالعزيز إن",
                 [("محمد بن نايف بن عبدالعزيز", "PER"), ("عبدالعزيز", "PER")])
    c = _article("c", "وقال الملك سلمان إن. وأكد سلمان بن عبدالعزيز أن",
                 [("سلمان", "PER"), ("سلمان بن عبدالعزيز", "PER")])
    arts = [a, b, c]
    resolve(arts, recover=False)
    assert _entity(arts, "00002", 0) != _entity(arts, "00002", 1)
    assert _entity(arts, "b", 0) != _entity(arts, "b", 1)
    # A given name alone still joins its article's full name.
    assert _entity(arts, "c", 0) == _entity(arts, "c", 1) == _entity(arts, "00002", 1)


def test_names_a_word_apart_are_not_spellings_of_one():
    # Main: جامع الملك عبدالعزيز (a mosque, 00704) in جامعة الملك عبدالعزيز (a university),
    # المؤسس الملك عبدالعزيز (the founder, 00002) in مؤسسة الملك عبدالعزيز.
    mosque = _article("00704", "في مقر السوق شرق جامع الملك عبدالعزيز.",
                      [("جامع الملك عبدالعزيز", "ORG")])
    uni = _article("u", "وأعلنت جامعة الملك عبدالعزيز عن", [("جامعة الملك عبدالعزيز", "ORG")])
    founder = _article("00002", "صدرت في عهد المؤسس الملك عبدالعزيز ـ طيب الله ثراه",
                       [("المؤسس الملك عبدالعزيز", "ORG")])
    foundation = _article("f", "ودعمت مؤسسة الملك عبدالعزيز", [("مؤسسة الملك عبدالعزيز", "ORG")])
    spelled = _article("s", "في الاتحاد السوفياتي", [("الاتحاد السوفياتي", "LOC")])
    spelled2 = _article("s2", "في الاتحاد السوفيتي", [("الاتحاد السوفيتي", "LOC")])
    arts = [mosque, uni, founder, foundation, spelled, spelled2]
    resolve(arts, recover=False)
    assert _entity(arts, "00704", 0) != _entity(arts, "u", 0)
    assert _entity(arts, "00002", 0) != _entity(arts, "f", 0)
    assert _entity(arts, "s", 0) == _entity(arts, "s2", 0)  # one word, two spellings


def test_an_unseen_form_is_no_spelling_of_a_rarer_name_a_vowel_away():
    # 01164 سليم الجبوري (speaker of the Iraqi parliament) and 01226 عبدالعزيز جباري (a Yemeni
    # presidential adviser): main joined جبوري and جباري.
    a = _article("01226", "وصف عبدالعزيز جباري مستشار الرئيس اليمني. وقال جباري",
                 [("عبدالعزيز جباري", "PER"), ("جباري", "PER")])
    b = _article("b", "وقال جبوري إن", [("جبوري", "PER")])
    arts = [a, b]
    resolve(arts, recover=False)
    assert _entity(arts, "01226", 1) != _entity(arts, "b", 0)


def test_a_nisba_after_a_definite_word_is_an_adjective_not_a_name():
    # 00389 الدفاع المدني (civil defence) and 00447 المرأة السعودية (the Saudi woman): main
    # made المدني a place of 125 mentions and put 186 such adjectives in السعودية.
    civil = ("واصلت فرق الدفاع المدني بحثها عن شخصين جرفتهما الأمطار التي شهدتها منطقة عسير "
             "الأيام الماضية")
    woman = ("من أهم الإنجازات التي تحققت في عهد المغفور له الملك الراحل عبد الله بن عبد العزيز "
             "هو ملف المرأة السعودية, وكل ما يخصها في حياتها ومستقبلها.")
    actor = ("للمزايدة السياسية والأخلاقية على الدول التي تتصدى للمخطط الإيراني، وفي مقدمتها "
             "السعودية، متصورا أنه")
    a = _article("00389", civil, [("المدني", "LOC"), ("عسير", "LOC")])
    b = _article("00447", woman, [("السعودية", "LOC")])
    c = _article("00812", actor, [("السعودية", "LOC")])
    assert is_attribute(a.text, a.mentions[0]) and is_attribute(b.text, b.mentions[0])
    assert not is_attribute(c.text, c.mentions[0])
    assert not is_attribute(a.text, a.mentions[1])
    resolve([a, b, c], recover=False)
    assert a.mentions[0].entity is None and b.mentions[0].entity is None
    assert c.mentions[0].entity is not None and a.mentions[1].entity is not None
    # Nor does another article's السعودية make a mention of the adjective.
    d = _article("d", "وسجلت السوق السعودية ارتفاعا", [])
    assert recover_mentions([c, d]) == 0
    # A person's nisba surname and a name after an apposition head stay names.
    p = _article("p", "وقال الساعدي القذافي", [("القذافي", "PER")])
    q = _article("q", "وفاز النادي الأهلي", [("الأهلي", "ORG")])
    assert not is_attribute(p.text, p.mentions[0]) and not is_attribute(q.text, q.mentions[0])


def test_a_title_after_an_organisation_is_the_next_persons():
    # 00840: "المتحدث الرسمي لجامعة تبوك الدكتور سمير النجدي": main's entity was named
    # "جامعة تبوك الدكتور".
    text = ("من جهته، أكد لـ\"الوطن\" المتحدث الرسمي لجامعة تبوك الدكتور سمير النجدي أن جامعة "
            "تبوك بادرت")
    a = _article("00840", text, [("جامعة تبوك الدكتور", "ORG"), ("سمير النجدي", "PER"),
                                 ("جامعة تبوك", "ORG")])
    m = a.mentions[0]
    trim_titles(a.text, m)
    assert m.text == "جامعة تبوك" and a.text[m.start:m.end] == m.text
    a.mentions[0] = Mention("جامعة تبوك الدكتور", m.start, m.start + 18, "ORG")
    ents, _ = resolve([a], recover=False)
    assert [e.name for e in ents if e.type == "ORG"] == ["جامعة تبوك"]
    assert a.mentions[0].entity == a.mentions[2].entity


def test_an_ordinary_word_alone_is_a_name_only_with_a_sign_of_one():
    # 2015-07-27 and 2015-08-04: الاتفاق (the Iran agreement, 160 mentions a day, mostly
    # recovered from one article's tag into all the others) and الوطن (the homeland) were the
    # two biggest organisations; the club and the paper are written with a sign of the name.
    deal = _article("00155", "يرون أن الاتفاق النووي مع إيران سيسهل على إسرائيل",
                    [("الاتفاق", "ORG"), ("إيران", "LOC"), ("إسرائيل", "LOC")])
    club = _article("01007", "ويلعب لنادي المحرق، وانضم لصفوف نادي الاتفاق كلاعب محترف",
                    [("الاتفاق", "ORG")])
    paper = _article("00758", "كشف مدير موقع إحصائيات الدوري السعودي نعيم البكر لـ\"الوطن\" أنها "
                     "موجودة", [("نعيم البكر", "PER"), ("الوطن", "ORG")])
    home = _article("00444", "العيون الساهرة لهذا الوطن العزيز", [("الوطن", "ORG")])
    town = _article("00490", "معارض جي فاكتوري في كلا من الدمام والخبر والمدينة المنورة .",
                    [("الدمام", "LOC"), ("والخبر", "LOC"), ("المدينة المنورة", "LOC")])
    news = _article("00910", "رابط الخبر بصحيفة الوئام", [("الخبر", "LOC")])
    arts = [deal, club, paper, home, town, news]
    resolve(arts)
    assert deal.mentions[0].entity is None and home.mentions[0].entity is None
    assert news.mentions[0].entity is None
    assert club.mentions[0].entity is not None and paper.mentions[1].entity is not None
    assert town.mentions[1].entity is not None
    assert deal.mentions[1].entity is not None  # إيران beside it is a name all the same
    # Recovering the club's name finds no "الاتفاق" in the deal's text.
    assert not any(m.text == "الاتفاق" for m in deal.mentions[1:])


def test_a_paper_cited_by_a_places_name_is_not_the_place():
    # 2015-07-27: 61 of the 157 mentions of الشرق الأوسط (the Middle East) were the paper
    # Asharq Al-Awsat quoting its sources (لـ«الشرق الأوسط»), الرياض the paper beside the city.
    a = _article("a", "حيث تشير مصادر خاصة لـ«الشرق الأوسط» إلى أن حارس مرمى الخليج",
                 [("الشرق الأوسط", "LOC")])
    b = _article("b", "لتحقيق الاستقرار في الشرق الأوسط والعالم", [("الشرق الأوسط", "LOC")])
    c = _article("c", "قال د. سامي الصالح سفير خادم الحرمين الشريفين لدى الأردن ل\" الرياض\" إن "
                 "السفارة باشرت. وسيتوجه إلى الرياض", [("الرياض", "LOC"), ("الرياض", "LOC")])
    d = _article("d", "وأكد مصدر لـ\"الرياض\" أن", [("الرياض", "ORG")])
    e = _article("e", "وأعلن ولاؤه لـ«داعش» أمس، وقال داعش", [("داعش", "ORG"), ("داعش", "ORG")])
    ents, _ = resolve([a, b, c, d, e], recover=False)
    assert a.mentions[0].text == "«الشرق الأوسط»" and a.mentions[0].type == "ORG"
    assert a.mentions[0].entity != b.mentions[0].entity
    assert c.mentions[0].text == "الرياض"  # a space inside the quotes: not tight, the city
    assert d.mentions[0].entity != c.mentions[1].entity
    assert e.mentions[0].entity == e.mentions[1].entity  # an organisation quoted is itself
    paper = next(x for x in ents if x.id == d.mentions[0].entity)
    assert paper.type == "ORG" and paper.name == "\"الرياض\""


def test_kinship_inside_a_person_mention_ends_the_name():
    # 2015-07-27: "عبد الخالق شقيق عبدالملك الحوثي" (Abdulkhaliq, brother of Abdulmalik
    # al-Houthi) tagged as one person: main keyed the two brothers as one name.
    a = _article("a", "وقتل عبد الخالق شقيق عبدالملك الحوثي في الغارة. وقال عبدالملك الحوثي إن",
                 [("عبد الخالق شقيق عبدالملك الحوثي", "PER"), ("عبدالملك الحوثي", "PER")])
    resolve([a], recover=False)
    assert a.mentions[0].entity != a.mentions[1].entity
