"""Who said what: speakers after and before the verb, headlines, carried attribution."""

from __future__ import annotations

from conftest import SAMPLE


def speakers(records):
    return [(s.speaker, s.evidence) for r in records for s in r.statements]


def test_extract_statements_speaker_after_verb_past_title(records):
    (r,) = records(
        (
            "a",
            "2025-03-18",
            "وفي هذا السياق، كشف الرئيس الأميركي دونالد ترامب أن المكالمة كانت جيدة.",
        )
    )
    assert [s.speaker for s in r.statements] == ["leader:trump"]
    assert r.statements[0].side == "region:US"


def test_extract_statements_headline_and_subject_before_verb(records):
    text = "الكرملين: بوتين يوافق على الهدنة\nترامب يكشف تفاصيل مكالمته مع بوتين\n"
    (r,) = records(("a", "2025-03-18", text))
    assert [s.speaker for s in r.statements] == ["org:kremlin", "leader:trump"]


def test_extract_statements_carry_to_verbs_without_subject_and_past_headings(records):
    text = (
        "بدوره، أكد البيت الأبيض أن المفاوضات ستبدأ.\n"
        "وأوضح في بيان أن الاتصال كان جيدا.\n"
        "إيران وإسرائيل\n"
        "إلى ذلك، ناقش الزعيمان قضايا الشرق الأوسط، واتفقا على منع انتشار الصراعات.\n"
        "وناقش الزعيمان قضايا أخرى.\n"
    )
    (r,) = records(("a", "2025-03-18", text))
    assert [s.speaker for s in r.statements] == ["org:white_house"] * 3
    assert all(s.side == "region:US" for s in r.statements)


def test_extract_statements_news_agency_is_not_the_speaker(records):
    text = (
        "من جهته أعلن الرئيس الأوكراني فولوديمير زيلينسكي أنه يريد التحدث.\n"
        'وصرح خلال مؤتمر صحافي: "أعتقد أنه سيكون منصفا"، وفق وكالة الأنباء الفرنسية.\n'
    )
    (r,) = records(("a", "2025-03-18", text))
    assert [s.speaker for s in r.statements] == ["leader:zelensky", "leader:zelensky"]


def test_extract_statements_according_to_a_person(records):
    text = "كما أضاف أن الاتصال بدأ، وفقًا لما ذكره المتحدث باسم الكرملين دميتري بيسكوف."
    (r,) = records(("a", "2025-03-18", text))
    assert any(s.speaker.startswith("person:") and s.side == "region:RU" for s in r.statements)


def test_extract_statements_region_speaks(records):
    (r,) = records(("a", "2025-03-18", "ورفضت طهران ما وصفته بالتدخل في شؤون المنطقة."))
    assert [(s.speaker, s.side) for s in r.statements] == [("region:tehran", "region:IR")]


def test_extract_statements_carry_expires(records):
    text = "قال البيت الأبيض إن الاتصال جيد.\n"
    text += "".join(f"واتفق الجانبان على البند رقم {i}.\n" for i in range(10))
    (r,) = records(("a", "2025-03-18", text))
    assert 1 < len(r.statements) < 10


def test_extract_statements_carry_only_to_claims(records):
    text = "قال البيت الأبيض إن الاتصال جيد.\nوناقش الجانبان قضايا أخرى.\nواتفقا على اللقاء.\n"
    (r,) = records(("a", "2025-03-18", text))
    assert [s.evidence[:6] for s in r.statements] == ["قال ال", "واتفقا"]


def test_extract_statements_offsets_point_into_the_text(records):
    text = SAMPLE.read_text(encoding="utf-8")
    (r,) = records(("s", "2025-03-18", text))
    for s in r.statements:
        assert " ".join(text[s.start : s.end].split()) == s.evidence


def test_extract_statements_headline_voices_after_a_double_period(records):
    text = (
        "قمة أنقرة.. أردوغان: لن نتراجع.. بوتين: الحوار ممكن\n\n"
        "وقال الرئيس التركي رجب طيب أردوغان إن بلاده لن تتراجع عن موقفها.\n"
    )
    (r,) = records(("a", "2016-08-09", text))
    speakers = [s.speaker for s in r.statements if s.start < text.index("\n")]
    assert speakers == ["leader:erdogan", "leader:putin"]


def test_extract_statements_more_reporting_verbs_and_the_particle_of_abbara(records):
    text = (
        "وأشاد وزير الخارجية البريطاني ويليام هيغ بدور الكويت في دعم الاستقرار.\n"
        "وعبر هيغ عن أمله في تعزيز العلاقات بين البلدين.\n"
        "وتمتد شبكة النقل عبر الخليج إلى الهند.\n"
    )
    (r,) = records(("a", "2012-04-10", text))
    assert [s.speaker for s in r.statements] == ["leader:hague", "leader:hague"]


def test_extract_statements_unnamed_sources_speak_for_their_country(records):
    text = (
        "وقال مسؤول سوداني إن الخرطوم لن تشارك في المحادثات.\n"
        "وأفادت مصادر دبلوماسية أن الاجتماع تأجل إلى الأسبوع المقبل.\n"
        "وبحسب مصادر تركية فإن أنقرة ستغلق المعبر.\n"
    )
    (r,) = records(("a", "2019-05-02", text))
    speakers = {e.key: e for e in r.entities if e.cls == "Person"}
    assert len(r.statements) == 3
    sides = [s.side for s in r.statements]
    assert sides == ["region:SD", None, "region:TR"]
    assert all(s.speaker in speakers for s in r.statements)
    assert "مسؤول سوداني" in speakers[r.statements[0].speaker].labels_ar


def test_extract_statements_person_introduced_by_a_role_speaks_for_its_state(records):
    text = "وقال المتحدث باسم وزارة الخارجية المغربية ناصر بوريطة للصحفيين إن المبادرة جيدة.\n"
    (r,) = records(("a", "2016-09-01", text))
    (s,) = r.statements
    person = next(e for e in r.entities if e.key == s.speaker)
    assert person.cls in ("Person", "Leader") and s.side == "region:MA"


def test_extract_statements_honorific_pronoun_and_surname_refer_back(records):
    text = (
        "استقبل أمير الكويت الشيخ صباح الأحمد وزير الخارجية البريطاني ويليام هيغ.\n"
        "وأكد سموه حرص الكويت على تعزيز العلاقات.\n"
        "وقال مسئول أمريكي إن واشنطن تتابع الزيارة.\n"
    )
    (r,) = records(("a", "2012-04-10", text))
    assert [s.side for s in r.statements] == ["region:KW", "region:US"]
    assert r.statements[0].speaker == "leader:sabah_al_ahmad"


def test_extract_statements_unlisted_body_speaks_for_its_country(records):
    text = "وقالت وزارة العدل الكندية إن التحقيق سيستمر.\n"
    (r,) = records(("a", "2018-12-06", text))
    (s,) = r.statements
    body = next(e for e in r.entities if e.key == s.speaker)
    assert body.cls == "Organization" and s.side == "region:CA"


def test_extract_statements_quote_over_several_sentences_is_one_statement_each(records):
    text = (
        'وقال وزير الخارجية الفرنسي لوران فابيوس: "المفاوضات صعبة جدا. '
        'لا نريد اتفاقا ضعيفا بأي ثمن. نحن نعمل بجد مع شركائنا".\n'
        "وفي الجانب الآخر ارتفعت أسعار النفط في الأسواق.\n"
    )
    (r,) = records(("a", "2015-03-20", text))
    assert [s.speaker for s in r.statements] == ["leader:fabius"] * 3


def test_extract_statements_unnamed_body_before_its_verb(records):
    text = "وكانت السلطات الفرنسية أعلنت أن الحدود ستغلق مؤقتا.\n"
    (r,) = records(("a", "2015-11-14", text))
    (s,) = r.statements
    assert s.side == "region:FR"
