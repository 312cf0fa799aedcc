"""Agreements (parties, objects, terms, several per sentence) and conditions."""

from __future__ import annotations

CALL = "أجرى الرئيس الأميركي دونالد ترامب اتصالا مع الرئيس الروسي فلاديمير بوتين.\n"


def test_extract_agreements_dual_verb_means_the_two_leaders(records):
    text = (
        CALL
        + "وأكد الكرملين أن الزعيمين اتفقا على تبادل 175 أسيرا غداً الأربعاء، مع تشكيل لجان خبراء.\n"
    )
    (r,) = records(("a", "2025-03-18", text))
    objects = [(a.act, a.object) for a in r.agreements]
    assert [act for act, _ in objects] == ["exchange", "form"]
    exchange = r.agreements[0]
    assert exchange.parties == ("leader:putin", "leader:trump")
    assert exchange.quantity == 175 and exchange.start_date == "2025-03-19"
    assert exchange.asserted_by and not exchange.disputed_by


def test_extract_agreements_duration_in_digits_and_words(records):
    text = CALL + "وقال الكرملين إن بوتين وافق على وقف استهداف الطاقة لـ30 يوما.\n"
    text += "وقال الكرملين إن الطرفين اتفقا على هدنة لثلاثين يوماً.\n"
    (r,) = records(("a", "2025-03-18", text))
    assert [a.duration_days for a in r.agreements] == [30, 30]
    assert r.agreements[0].scope == ("الطاقه",)


def test_extract_agreements_we_verb_is_speaker_and_counterpart(records):
    text = (
        CALL + 'وكتب ترامب: "اتفقنا على وقف فوري لإطلاق النار على منشآت الطاقة والبنية التحتية".\n'
    )
    (r,) = records(("a", "2025-03-18", text))
    (a,) = r.agreements
    assert a.parties == ("leader:putin", "leader:trump")
    assert set(a.scope) == {"الطاقه", "البنيه التحتيه"} and a.start_date == "2025-03-18"


def test_extract_agreements_noun_needs_an_object(records):
    text = CALL + "وقال ترامب إن الاتفاق لا يقوم على الثقة، وإنه اتفاق هش.\n"
    (r,) = records(("a", "2025-03-18", text))
    assert r.agreements == ()


def test_extract_agreements_signing_verb_takes_direct_object(records):
    text = "وقال وزير الخارجية السعودي عادل الجبير إن الجانبين وقعا اتفاقية للتعاون في مجال الطاقة مع روسيا.\n"
    text = (
        "أعلن وزير الخارجية السعودي عادل الجبير ونظيره الروسي سيرغي لافروف في موسكو موقفهما.\n"
        + text
    )
    (r,) = records(("a", "2015-08-11", text))
    assert [a.parties for a in r.agreements] == [("leader:jubeir", "leader:lavrov")]


def test_extract_agreements_other_years_and_leaders(records):
    text = (
        "أعلن وزير الخارجية السعودي عادل الجبير في مؤتمر صحفي مع نظيره الروسي سيرغي لافروف أن البلدين اتفقا على\n"
        "تشكيل لجنة مشتركة لمتابعة الأزمة السورية.\n"
    )
    (r,) = records(("a", "2015-08-11", text))
    (a,) = r.agreements
    assert a.parties == ("leader:jubeir", "leader:lavrov") and a.act == "form"
    assert "region:SY" in a.concerns


def test_extract_conditions_setter_kind_and_object_boundary(records):
    text = (
        CALL
        + "وقال لافروف إن موسكو وافقت على مواصلة المشاورات بشرط أن تشمل جميع الأطراف.\n"
        + "كما شدد بوتين على وجوب التوقف عن تسليح كييف.\n"
        + "وأكد بوتين أنه سيضمن حياة الجنود إذا استسلموا.\n"
    )
    (r,) = records(("a", "2025-03-18", text))
    got = [(c.text, c.kind, c.set_by) for c in r.conditions]
    assert got == [
        ("بشرط أن تشمل جميع الأطراف", "demand", "leader:lavrov"),
        ("وجوب التوقف عن تسليح كييف", "demand", "leader:putin"),
        ("إذا استسلموا", "conditional", "leader:putin"),
    ]
    assert "بشرط" not in r.agreements[0].object
    assert r.conditions[0].attached_to == r.agreements[0].id


def test_extract_conditions_agreed_necessity_is_a_term_not_a_condition(records):
    text = (
        CALL
        + "وقال البيت الأبيض إن الزعيمين اتفقا على منع انتشار الصراعات، وضرورة منع انتشار الأسلحة.\n"
    )
    (r,) = records(("a", "2025-03-18", text))
    assert r.conditions == ()
    assert [a.act for a in r.agreements] == ["prevent", "prevent"]


def test_extract_conditions_reference_disputes_the_setters_demands(records):
    text = (
        CALL
        + "وشدد بوتين على ضرورة أن يكون وقف النار مستداما.\n"
        + "وأكد بوتين أنه سيضمن حياة الجنود إذا استسلموا.\n"
        + "من جهته اعتبر الرئيس الأوكراني فولوديمير زيلينسكي أن الشروط التي طرحها بوتين تهدف إلى إضعاف أوكرانيا.\n"
    )
    (r,) = records(("a", "2025-03-18", text))
    demand, conditional = r.conditions
    disputed = {c for s in r.statements for c in s.disputes_conditions}
    assert demand.id in disputed and conditional.id not in disputed
    assert [s.speaker for s in r.statements if s.disputes_conditions] == ["leader:zelensky"]


def test_extract_agreements_denial_disputes(records):
    text = CALL + "ونفت وزارة الخارجية الأوكرانية أن يكون الرئيسان قد اتفقا على تبادل 175 أسيرا.\n"
    (r,) = records(("a", "2025-03-20", text))
    (a,) = r.agreements
    assert a.disputed_by and not a.asserted_by


def test_extract_agreements_countries_as_subject_and_joint_statement(records):
    text = (
        "أعلنت السعودية وإيران، الجمعة، أنهما اتفقتا على استئناف العلاقات الدبلوماسية "
        "بينهما وإعادة فتح السفارات خلال شهرين."
    )
    (r,) = records(("a", "2023-03-10", text))
    assert sorted(s.side for s in r.statements) == ["region:IR", "region:SA"]
    resume, reopen = r.agreements
    # states are parties of their own (CONTRACT.md, dkg:party), not their leaders
    assert resume.parties == reopen.parties == ("region:IR", "region:SA")
    assert (resume.act, reopen.act, reopen.duration_days) == ("resume", "restore", 60)
    assert len(resume.asserted_by) == 2


def test_extract_agreements_subject_before_verb_and_hours(records):
    text = (
        "وقال الرئيس التركي رجب طيب أردوغان إن تركيا وافقت على طلب الولايات المتحدة تعليق "
        "العملية العسكرية في شمال سوريا لمدة 120 ساعة."
    )
    (r,) = records(("a", "2019-10-17", text))
    (a,) = r.agreements
    # a state agrees with the state its object names; Syria is where, not who
    assert a.parties == ("region:TR", "region:US") and a.act == "suspend"
    assert a.duration_days == 5


def test_extract_agreements_noun_with_object_marker(records):
    text = "وقال وزير الخارجية الأميركي جون كيري إن إيران والقوى الكبرى توصلت إلى اتفاق نهائي بشأن البرنامج النووي."
    (r,) = records(("a", "2015-07-14", text))
    (a,) = r.agreements
    assert a.object == "البرنامج النووي"


def test_extract_conditions_reported_speech_is_not_a_condition(records):
    text = (
        "وشدد بوتين على أن المباحثات كانت مفيدة. وأكد بوتين على ضرورة وقف النار. "
        "ووافق على الهدنة على أن تبدأ غدا."
    )
    (r,) = records(("a", "2025-01-01", text))
    assert [c.text for c in r.conditions] == ["ضرورة وقف النار", "على أن تبدأ غدا"]
