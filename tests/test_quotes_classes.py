"""Quotes: one test per speaker-attribution class, on sentences written for the tests.

Each class was found on corpus articles outside the gold set (ids in
tests/fixtures/figures/README.md); the sentences here are written, not copied.
"""

from __future__ import annotations

from marsad.extract.quotes import find_quotes
from marsad.records import Mention


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
    assert _found("وقال لنا مسؤول أمني إن التقرير جاهز.") == [("التقرير جاهز", "مسؤول أمني", False)]


def test_however_before_a_preverbal_subject() -> None:
    text = "وقال الوزير إن القوات تقدمت. بيد أن الأحمدي أشار إلى أن القصر لا يزال محاصرا."
    assert _found(text)[-1] == ("القصر لا يزال محاصرا", "الأحمدي", False)


def test_adverb_is_not_a_preverbal_subject() -> None:
    text = 'وقال رئيس البلدية إن المدينة آمنة. كما قال: "لا نستبعد شيئا".'
    assert _found(text)[-1] == ("لا نستبعد شيئا", "رئيس البلدية", True)


def _with_people(text: str, *names: str) -> list[tuple[str, str | None, str | None]]:
    mentions = []
    for k, name in enumerate(names):
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), "PER", f"P{k}"))
    return [(q.text, q.speaker_text, q.speaker) for q in find_quotes(text, mentions)]


def test_title_word_is_not_a_time_noun() -> None:
    # BB-internationalNews-1176-20181010: "المدعي العام البلغاري، سوتير تساتسروف".
    text = "وقال المدعي العام في المقاطعة إن التحقيق مستمر."
    assert _found(text)[0][1] == "المدعي العام"
    text = "وقال الأمين العام لحزب العمال العام الماضي إن الانتخابات ستجري."
    assert _found(text)[0][1] == "الأمين العام لحزب العمال"


def test_then_is_a_time_word_not_a_speaker() -> None:
    # BB-internationalNews-423-20180427: "وقال حينئذ:".
    text = 'وقال رئيس النادي إن الموسم صعب. وقال حينئذ: "سنعود أقوى".'
    assert _found(text)[-1] == ("سنعود أقوى", "رئيس النادي", True)


def test_name_in_apposition_joins_the_speaker_phrase_with_ner() -> None:
    # BB-internationalNews-146-20180313 ("وزير الخارجية الأمريكي، ريكس تيلرسون، إنه"),
    # SNN-2015-07-21-00499 ("مفوضة الشرطة في مدريد، كونثيبثيون دانكاوسا، بأن"),
    # BB-internationalNews-159-20180315 ("المندوبة الأمريكية في مجلس الأمن نيكي هيلي، إن").
    text = "وقال وزير الزراعة الكيني، بيتر مونيا، إن المحصول تراجع."
    assert _with_people(text, "بيتر مونيا") == [
        ("المحصول تراجع", "وزير الزراعة الكيني، بيتر مونيا", "P0")
    ]
    text = "وقالت مديرة المستشفى في المدينة سارة كولينز إن الجرحى بحالة مستقرة."
    assert _with_people(text, "سارة كولينز")[0][1:] == (
        "مديرة المستشفى في المدينة سارة كولينز",
        "P0",
    )
    # Without mentions the phrase stops at the comma or preposition, as before.
    assert _found("وقال وزير الزراعة الكيني، بيتر مونيا، إن المحصول تراجع.")[0][1] == (
        "وزير الزراعة الكيني"
    )


def test_name_after_a_preposition_is_not_the_speaker() -> None:
    text = "وقال الوزير في اتصال مع بيتر مونيا إن المحصول تراجع."
    assert _with_people(text, "بيتر مونيا")[0][1:] == ("الوزير", None)
    text = "وقال الوزير، في رسالة إلى بيتر مونيا، إن المحصول تراجع."
    assert _with_people(text, "بيتر مونيا")[0][1:] == ("الوزير", None)


def test_pronoun_verb_after_a_newly_named_subject_with_ner() -> None:
    # BB-economy-155-20180603: "ونفى منوتشين أن …، وقال إنه …" after a quote by another
    # speaker.
    text = (
        "وقال رئيس الوزراء الكندي إن الرسوم غير مقبولة. "
        "ونفى غاريسون أن تكون بلاده قد تراجعت، وقال إنه نقل المخاوف إلى الرئيس."
    )
    got = _with_people(text, "غاريسون")
    assert got[-1] == ("نقل المخاوف إلى الرئيس", "غاريسون", "P0")
    # Without NER the pronoun still continues the previous speaker.
    assert _found(text)[-1][1] == "رئيس الوزراء الكندي"
    # The same person named again: keep the full earlier phrase.
    text = (
        "وقال وزير المالية ستيفن غاريسون إن الرسوم مؤقتة. "
        "وحذر غاريسون من حرب تجارية، وقال إنه متفائل."
    )
    start = text.index("ستيفن غاريسون")
    second = text.index("غاريسون", start + 8)
    mentions = [
        Mention("ستيفن غاريسون", start, start + 13, "PER", "P0"),
        Mention("غاريسون", second, second + 7, "PER", "P0"),
    ]
    assert find_quotes(text, mentions)[-1].speaker_text == "وزير المالية ستيفن غاريسون"


def test_describing_verb_with_a_quoted_fragment() -> None:
    # BB-internationalNews-146-20180313 ("ووصفت موسكو هذه المزاعم بأنها "…""),
    # CN-internationalNews-579-20180907 ("واصفة إياها بـ"أولوية مطلقة""),
    # AL-internationalNews-965-20180503 ("كما وصف ميليشيات الحوثي بأنها "…"").
    assert _found('ووصف الوزير الهجوم بأنه "جبان".') == [("جبان", "الوزير", True)]
    assert _found('ووصف وزير الداخلية الحادث بأنه "مأساة وطنية".') == [
        ("مأساة وطنية", "وزير الداخلية", True)
    ]
    text = 'وقال رئيس البلدية إن الطريق أغلق، واصفا إياه بـ"الشريان الحيوي".'
    assert _found(text)[-1] == ("الشريان الحيوي", "رئيس البلدية", True)
    text = 'وقال المتحدث إن الهجوم فشل. كما وصف جماعة الحوثي بأنها "ميليشيا طائفية".'
    assert _found(text)[-1] == ("ميليشيا طائفية", "المتحدث", True)
    text = 'ووصفت باريس هذه الاتهامات بأنها "مختلقة".'
    start = text.index("باريس")
    quotes = find_quotes(text, [Mention("باريس", start, start + 5, "LOC", "L1")])
    assert [(q.text, q.speaker_text) for q in quotes] == [("مختلقة", "باريس")]
    # A label with no reported speaker.
    assert _found('وانتهى ما وصف بـ"محاولة الانقلاب" خلال ساعات.') == []


def test_company_name_in_marks_is_part_of_the_speaker() -> None:
    # BB-economy-197-20180726 ("قالت شركة "إيماركتر" للأبحاث إن"),
    # SNN-2015-07-21-02747 ("كشفت شركة "سامسونج"").
    text = 'وقالت شركة "نور" للأبحاث إن المبيعات تراجعت.'
    assert _found(text) == [("المبيعات تراجعت", 'شركة "نور"', False)]


def test_object_pronoun_after_the_verb_is_not_the_speaker() -> None:
    # BB-internationalNews-161-20180316 ("قالت فيه إن"), CN-internationalNews-486-20180814
    # ("التي قال عنها: "…"").
    text = 'وقال الوزير إن الوضع صعب. وتحدث عن العملة التي قال عنها: "ستتعافى قريبا".'
    assert _found(text)[-1] == ("ستتعافى قريبا", "الوزير", True)


def test_subordinator_and_circumstantial_participle_are_not_subjects() -> None:
    # AL-economy-1045-20180718 ("بعدما كان توقّع أن").
    text = "وقال الخبير إن السوق هادئة. وارتفع المؤشر، بعدما توقع أن يتراجع."
    assert _found(text)[-1] == ("يتراجع", "الخبير", False)


def test_quoted_surname_is_the_speaker() -> None:
    # SNN-2015-07-31-02199 ("وبيّن "الفالح" أنه …"), SNN-2015-07-22-01936
    # ("وقال "بدر الشمراني" إن"), SNN-2015-07-25-01223 ("وأشارت "IDC" أن").
    text = 'وأوضح "المطيري" أن المشروع سينتهي قريبا. وأضاف أن التكلفة ارتفعت.'
    assert _found(text) == [
        ("المشروع سينتهي قريبا", '"المطيري"', False),
        ("التكلفة ارتفعت", '"المطيري"', False),
    ]


def test_outlet_told_ends_the_speaker_phrase() -> None:
    # SNN-2015-08-10-01481 ("مورينيو لشبكة سكاي سبورتس"), SNN-2015-08-06-01562
    # ("أوغلو لهيئة الاذاعة والتلفزيون التركية").
    text = "وقال المدرب لشبكة الرياضة إن اللاعب مصاب."
    assert _found(text) == [("اللاعب مصاب", "المدرب", False)]


def test_relative_clause_and_time_phrase_end_or_skip_the_phrase() -> None:
    # SNN-2015-08-09-00591 ("جريج رامي وهو وكيل خاص"), SNN-2015-07-26-00159
    # ("قالت أول من أمس إنه").
    text = "وقال سامي الفهد وهو مسؤول في الشركة إن الأسعار سترتفع."
    assert _found(text)[0][1] == "سامي الفهد"
    text = "وقال الوزير إن الطريق مغلق. وقال أول من أمس إن الجسر سيفتح."
    assert _found(text)[-1] == ("الجسر سيفتح", "الوزير", False)


def test_describing_verb_in_a_relative_clause_takes_the_named_antecedent() -> None:
    # SK-internationalNews-15-20180218 ("ريك سكوت، الذي وصف المجزرة بأنها "…"").
    text = 'ورفض الحاكم سامي الفهد، الذي وصف الحادث بأنه "مأساة"، الإجابة.'
    assert _with_people(text, "سامي الفهد") == [("مأساة", "سامي الفهد", "P0")]


def test_name_inside_an_object_is_not_the_speaker_with_ner() -> None:
    # BB-internationalNews-1178-20181010 ("وحذرت السلطات الأمريكية من احتمال تسبب مايكل").
    text = "وحذرت السلطات من احتمال وصول مايكل إلى الساحل، وقالت إن السكان يجب أن يغادروا."
    got = _with_people(text, "مايكل")
    assert all(spk != "السلطات من احتمال وصول مايكل" for _, spk, _ in got)
    text = "وقال المشرف العام على المهرجان المهندس سامي الفهد إن الزوار كثر."
    assert _with_people(text, "سامي الفهد")[0][1] == (
        "المشرف العام على المهرجان المهندس سامي الفهد"
    )


def test_subject_after_an_opener_may_begin_with_waw() -> None:
    # BB-middleEast-286-20180404 ("وكانت وسائل إعلام روسية قد قالت إن"),
    # AL-internationalNews-1710-20180620 ("لكن موينش قال إن").
    text = "وكانت وزارة الخارجية قد قالت إن المحادثات مستمرة."
    assert _found(text) == [("المحادثات مستمرة", "وزارة الخارجية", False)]
    text = "أما وزير المالية فقال إن العجز سيتقلص."
    assert _found(text) == [("العجز سيتقلص", "وزير المالية", False)]
    text = "وقال الوزير إن الأسعار سترتفع. لكن صندوق النقد قال إن التضخم سيتراجع."
    assert _found(text)[-1] == ("التضخم سيتراجع", "صندوق النقد", False)
    # The subject before "، قد أكد" is kept, and a participle continues it.
    text = "وكان وزير الطاقة، قد أكد التزام المملكة بالاتفاق، مبينا أن السوق مستقرة."
    assert _found(text) == [("السوق مستقرة", "وزير الطاقة", False)]


def test_quoted_name_inside_the_speaker_phrase() -> None:
    # SNN-2015-07-21-02832 ("المتحدث باسم "بوينغ" لوكالة …"), SNN-2015-07-23-01299.
    text = 'وقال المتحدث باسم "الحركة"، سالم نصر، إن القوات انسحبت.'
    assert _found(text) == [("القوات انسحبت", 'المتحدث باسم "الحركة"', False)]
    text = "وأفاد «المرصد السوري لحقوق الإنسان» بأن القصف توقف."
    assert _found(text) == [("القصف توقف", "«المرصد السوري لحقوق الإنسان»", False)]
    text = 'وذكرت شبكة "فوكس نيوز" الأمريكية، أن الجيش تقدم.'
    assert _found(text) == [("الجيش تقدم", 'شبكة "فوكس نيوز" الأمريكية', False)]
    text = "وقال سامي، مدير العمليات في «الشركة»: «الطلب يرتفع»."
    assert _found(text) == [("الطلب يرتفع", "سامي", True)]
    text = 'وفي حديث لـ"العربية.نت" قال الوزير إن الميزانية جاهزة.'
    assert _found(text) == [("الميزانية جاهزة", "الوزير", False)]


def test_marks_right_after_the_verb_are_speech_or_a_label() -> None:
    # FR-internationalNews-620-20180408 (long speech after the speaker's adjuncts);
    # labels: AL-economy-1045-20180718 ("الراجحي كابيتال"), SNN-2015-07-21-02747.
    assert _found('وأعلنت "جماعة نصرة الإسلام والمسلمين" مسؤوليتها عن الهجوم.') == []
    assert _found('أعلنت الشركة، إطلاق مسمى "الضيف" بدلاً من "المسافر"، أمس.') == []
    text = 'وقالت المسؤولة "هناك قتيلان هما امرأة وضابط شرطة" في المدينة.'
    assert _found(text) == [("هناك قتيلان هما امرأة وضابط شرطة", "المسؤولة", True)]
    text = 'وقال الحاكم لوكالة الأنباء "أوقفنا أربعة مشتبه بهم"، موضحا أن التمشيط مستمر.'
    assert _found(text) == [
        ("أوقفنا أربعة مشتبه بهم", "الحاكم", True),
        ("التمشيط مستمر", "الحاكم", False),
    ]


def test_straight_marks_with_a_space_inside_or_before_punctuation() -> None:
    # SK-middleEast-1235-20180425 ('وأضاف:" عندما …'), AL-internationalNews-1968-20180717.
    text = 'وقال الجندي: "لن نطلق النار". وأضاف:" عندما يقتربون نرد عليهم".'
    assert _found(text) == [
        ("لن نطلق النار", "الجندي", True),
        ("عندما يقتربون نرد عليهم", "الجندي", True),
    ]
    text = 'وقال المدير: "نعمل على راحة الضيوف". وأضاف "الجاسر" أن الخدمة تحسنت.'
    assert _found(text)[-1] == ("الخدمة تحسنت", '"الجاسر"', False)


def test_adverb_after_the_verb_is_not_the_subject() -> None:
    # SK-internationalNews-2950-20180810 ("قد أشار بوضوح الشهر الماضي إلى أن").
    text = "وقال الوزير إن الخطة جاهزة. وأكد بوضوح أن التنفيذ سيبدأ قريبا."
    assert _found(text)[-1] == ("التنفيذ سيبدأ قريبا", "الوزير", False)
    text = "وقال المدرب إن الفريق جاهز. واعترف علناً أن الدفاع ضعيف."
    assert _found(text)[-1] == ("الدفاع ضعيف", "المدرب", False)


def test_stating_verbs_and_quote_ending_participles() -> None:
    # SNN-2015-07-27-01326 ("واعترف موتا أنه"), BB-middleEast-132-20180304.
    assert _found("واعترفت المنظمة بأن القافلة لم تدخل.") == [("القافلة لم تدخل", "المنظمة", False)]
    assert _found("وأبان رئيس اللجنة أن المهرجان نجح.") == [("المهرجان نجح", "رئيس اللجنة", False)]
    text = "وقال الوزير إن لبنان عزيز عليه مذكراً بكلام قديم."
    assert _found(text) == [("لبنان عزيز عليه", "الوزير", False)]


def test_source_tag_and_a_new_quotation_end_an_indirect_quote() -> None:
    # CN-middleEast-1368-20180912 ("…، وفقا لما"); the second sentence is written.
    text = "وقال المتحدث إن المشتبه به اعتقل، بحسب الشرطة."
    assert _found(text) == [("المشتبه به اعتقل", "المتحدث", False)]
    text = "وأعلن رئيس النادي إن الإدارة رفعت خطابا في يونيو وقال: «ننتظر الرد»."
    assert _found(text) == [
        ("الإدارة رفعت خطابا في يونيو", "رئيس النادي", False),
        ("ننتظر الرد", "رئيس النادي", True),
    ]


def test_relative_clause_speaker_is_the_antecedent() -> None:
    # CN-internationalNews-471-20180811 ("الشاب الذي قال:"), SNN-2015-08-06-00188.
    text = "وتعرض اللاعب لانتقادات من المدرب السابق الذي قال إن اللاعب مدلل."
    assert _found(text) == [("اللاعب مدلل", "المدرب السابق", False)]
    # Not the thing the clause is about, nor before an object pronoun.
    text = "وقال الوزير إن الحكومة مستعدة. ورفض الاتفاق الذي قال إنه ظالم."
    assert _found(text)[-1][1] == "الوزير"
    text = 'وقال الرئيس إن الاقتصاد قوي. وتحدث عن العملة التي قال عنها: "تنزلق سريعا".'
    assert _found(text)[-1] == ("تنزلق سريعا", "الرئيس", True)


def test_nested_reporting_keeps_the_inner_speech_and_speaker() -> None:
    # GUIDELINES 2.2; FR-internationalNews-2535-20180731 ("أن أحد المعتقلين … اعترف بأن").
    text = "وأشار الوزير إلى أن شاهد عيان، رفض كشف هويته، قال إنه رأى سيارة مسرعة."
    assert _found(text) == [("رأى سيارة مسرعة", "شاهد عيان، رفض كشف هويته", False)]
    # "الأدلة تشير إلى أن" (BB-middleEast-315-20180409) describes, it does not report.
    text = "وقال الاتحاد الأوروبي إن الأدلة تشير إلى أن الجيش مسؤول."
    assert _found(text) == [("الأدلة تشير إلى أن الجيش مسؤول", "الاتحاد الأوروبي", False)]
    # A relative clause is not the subject of a nested verb.
    text = "وقال الوزير إن الرجل الذي قال إنه شاهد الحادث اختفى."
    assert _found(text) == [("الرجل الذي قال إنه شاهد الحادث اختفى", "الوزير", False)]


def test_subject_of_a_reporting_verb_without_speech_goes_on() -> None:
    # SNN-2015-08-09-01244 ("شدد رئيس لجنة التدريب … على ضرورة … وأضاف أن"),
    # BB-internationalNews-685-20180622 ("ولكن سالفيني أعلن تمسكه برأيه، قائلا").
    text = (
        'وقال محللون: "الأسعار سترتفع". '
        "وأعلنت وزارة الخزانة الأمريكية فرض عقوبات على الشركة. "
        "وأفادت في بيان بأن العقوبات تشمل مديرها."
    )
    assert _found(text)[-1] == ("العقوبات تشمل مديرها", "وزارة الخزانة الأمريكية", False)
    text = "ودعا البيان الختامي للمؤتمر إلى دعم الجيش وشدد على أن الجيش هو القوة الشرعية."
    assert _found(text) == [("الجيش هو القوة الشرعية", "البيان الختامي", False)]
    # An object right after the verb is not a new speaker: a masculine verb before a
    # feminine noun, or a verbal noun such as "وقوف".
    text = (
        "وقال القنصل إن المصابين غادروا. واعتبر الإصابة بالتسمم أمرا متوقعا، مضيفا أنها تكثر صيفا."
    )
    assert _found(text)[-1] == ("تكثر صيفا", "القنصل", False)
    text = (
        "وقال رئيس البرلمان إن الدعم مستمر. وأكد وقوف البرلمان مع الشعب، مشيرا إلى أن النصر قريب."
    )
    assert _found(text)[-1] == ("النصر قريب", "رئيس البرلمان", False)


def test_what_someone_described_as() -> None:
    # CN-middleEast-1553-20181016 ("ما وصفه الرئيس اليمني بـ"الإهمال""), AL-economy-604-20180517.
    text = 'وأقال الرئيس الحكومة بسبب ما وصفه الرئيس اليمني بـ"الإهمال" في الأداء.'
    assert _found(text) == [("الإهمال", "الرئيس اليمني", True)]
    text = 'وكشف الوزير أن فرنسا تعهدت بالدعم، نافياً ما وصفه بـ"الدعاية" حول الأسلحة.'
    assert _found(text) == [
        ("فرنسا تعهدت بالدعم", "الوزير", False),
        ("الدعاية", "الوزير", True),
    ]


def test_verb_first_sentence_with_a_colon_quotes_its_subject() -> None:
    # SNN-2015-07-21-02473 ("وعلق بيليه سابقا على خروجه …: «…»"); not a list of titles
    # (SNN-2015-08-11-00183, "وأشهرها: «…»، و«…»").
    text = (
        "ودافعت ابنته سارة عن والدتها في مقابلة مع إذاعة «النجوم»: «أمي صادقة». "
        "وأضافت: «لن نستسلم»."
    )
    assert _found(text) == [("أمي صادقة", "ابنته سارة", True), ("لن نستسلم", "ابنته سارة", True)]
    assert _found("وتألق الممثل في مسلسلات كثيرة وأشهرها: «الرجل الآخر»، و«الحاج متولي».") == []
    assert _found("وأنا أقول مع الكاتب: «خصخصوها»") == []
    # The writer is the one who hears (ANT BB-sport-131-20180426, a development article).
    assert _found('وكنت أسمع الأصوات تتعالى: "محمد صلاح! هيا، انطلق".') == []


def test_caught_my_eye_is_not_a_reporting_verb() -> None:
    # SNN-2015-07-21-00472 ("لفت نظري شيء غريب جدا، وهو أن …"), SNN-2015-07-21-00177.
    assert _found("لفت نظري مقال الأستاذ سامي بعنوان «الصحة أولا» وقد نشرته الصحيفة.") == []
