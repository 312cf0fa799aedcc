"""Conditions in news writing: every form the gold conventions list, setters that are
not leaders (a spokesman, a state, a party), and what is no condition ("ما إذا", "حتى
لو", "في المقابل", "شدد على أن" + noun). Texts written for these tests."""

from __future__ import annotations


def conditions(records, text: str, date: str = "2019-05-10"):
    (r,) = records(("c", date, text))
    return r.conditions


def one(records, text: str, date: str = "2019-05-10"):
    found = conditions(records, text, date)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def test_conditions_shart_an_demand_set_by_the_speaker(records):
    c = one(
        records,
        "وقال الرئيس التركي رجب طيب أردوغان إن أنقرة مستعدة لتطبيع العلاقات مع أرمينيا"
        " شرط أن تسحب قواتها من الإقليم.",
    )
    assert c.kind == "demand" and c.set_by == "leader:erdogan"
    assert c.text.startswith("شرط أن تسحب")


def test_conditions_bishart_and_shariitat(records):
    for cue in ("بشرط", "شريطة"):
        c = one(
            records,
            "وأكد الرئيس الفرنسي إيمانويل ماكرون أن باريس ستدعم الخطة"
            f" {cue} أن تحترم سيادة الدول المجاورة.",
        )
        assert c.set_by == "leader:macron" and c.kind == "demand"


def test_conditions_marhoun_bi(records):
    c = one(
        records,
        "وأوضح ماكرون أن رفع العقوبات مرهون بوقف إطلاق النار في الإقليم.",
    )
    assert c.set_by == "leader:macron"


def test_conditions_fi_hal_conditional(records):
    c = one(
        records,
        "وقال رئيس الوزراء الهندي ناريندرا مودي إن بلاده سترد بحزم في حال تعرضت لهجوم جديد.",
    )
    assert c.kind == "conditional" and c.set_by == "leader:modi"
    assert c.text.startswith("في حال تعرضت")


def test_conditions_ala_asas(records):
    c = one(
        records,
        "وأكد وزير الخارجية الأردني أيمن الصفدي أهمية التوصل إلى حل سياسي على أساس"
        " قرارات الشرعية الدولية.",
        "2020-02-03",
    )
    assert c.set_by == "leader:safadi" and c.text.startswith("على أساس قرارات")


def test_conditions_ala_asas_an_is_a_reason_not_a_condition(records):
    found = conditions(
        records,
        "وقال أردوغان إن أنقرة رفضت الطلب على أساس أن الوقت غير مناسب.",
    )
    assert found == ()


def test_conditions_muqabil_set_by_a_state(records):
    c = one(
        records,
        "وقالت اليابان إنها ستخفف القيود التجارية مقابل التزام سيول بتعهداتها.",
        "2021-07-01",
    )
    assert c.set_by == "region:JP" and c.side == "region:JP"


def test_conditions_fi_al_muqabil_and_muqabil_a_number_are_no_conditions(records):
    found = conditions(
        records,
        "وقالت اليابان إنها ستفرج عن 20 معتقلا مقابل 20 آخرين.\n"
        "وفي المقابل، قالت كوريا الجنوبية إنها ستواصل الحوار.",
        "2021-07-01",
    )
    assert found == ()


def test_conditions_idha_set_by_a_party(records):
    c = one(
        records,
        "وقال حزب العمال البريطاني إنه سيدعم الاتفاق التجاري إذا تضمن ضمانات لحقوق العمال.",
        "2020-11-20",
    )
    assert c.set_by == "org:labour_uk" and c.kind == "conditional"


def test_conditions_set_by_a_spokesman(records):
    c = one(
        records,
        "وقال المتحدث باسم وزارة الخارجية الصينية وانغ وين بين إن بكين ستشارك في"
        " المحادثات إذا وجهت إليها دعوة رسمية.",
        "2022-04-12",
    )
    assert c.set_by.startswith("person:") and c.side == "region:CN"


def test_conditions_ala_an_proviso_before_a_verb(records):
    c = one(
        records,
        "وقال أردوغان إن الحكومة وافقت على المقترح، على أن يبدأ التنفيذ مطلع العام المقبل.",
    )
    assert c.set_by == "leader:erdogan" and c.text.startswith("على أن يبدأ")


def test_conditions_ala_an_before_a_noun_is_what_was_said(records):
    found = conditions(
        records,
        "وشدد أردوغان في مؤتمر صحفي مشترك عقده في أنقرة، على أن مواقف بلاده ثابتة.",
    )
    assert found == ()


def test_conditions_whether_and_even_if_are_no_conditions(records):
    found = conditions(
        records,
        "وسئل مودي عما إذا كانت الهند ستشارك في القمة.\n"
        "وقال مودي إن الهند ستواصل الإصلاحات حتى لو تأخر النمو.",
    )
    assert found == ()


def test_conditions_demand_and_its_if_in_one_clause_are_one_condition(records):
    c = one(
        records,
        "وقال ماكرون إنه يجب على الأطراف وقف القتال إذا أرادت استئناف المفاوضات.",
    )
    assert c.kind == "demand" and c.set_by == "leader:macron"


def test_conditions_yataayyan_and_qad_yataayyan(records):
    c = one(records, "وقال مودي إنه يتعين على الجانبين احترام خط المراقبة.")
    assert c.kind == "demand" and c.set_by == "leader:modi"
    assert conditions(records, "وقال مودي إن الهند قد يتعين عليها مراجعة خططها.") == ()


def test_conditions_any_agreement_that_does(records):
    c = one(
        records,
        "وقالت كندا إنها لن تؤيد أي اتفاق لا يحمي صناعة الألبان المحلية.",
        "2018-09-20",
    )
    assert c.set_by == "region:CA"


def test_conditions_terms_of_an_agreement_are_set_by_its_parties(records):
    text = (
        "وقال رئيس الوزراء الكندي جاستن ترودو إن المفاوضات كانت صعبة.\n"
        "وبموجب الاتفاق يتعين على المكسيك رفع الأجور في قطاع السيارات.\n"
    )
    (c,) = conditions(records, text, "2018-10-01")
    assert c.set_by == "region:MX"


def test_conditions_the_two_sides_set_them(records):
    text = (
        "استقبل الرئيس الفرنسي إيمانويل ماكرون رئيس الوزراء الهندي ناريندرا مودي في باريس.\n"
        "وأكد الجانبان ضرورة احترام حرية الملاحة في المحيط الهندي.\n"
    )
    (c,) = conditions(records, text, "2019-08-22")
    assert c.set_by in ("leader:macron", "leader:modi")


def test_conditions_fi_halat_before_a_noun_and_ind_a_time_are_no_conditions(records):
    found = conditions(
        records,
        "وقال أردوغان إن المنطقة لا تزال في حالة حرب مع الإرهاب.\n"
        "وعند سؤاله عن الانتخابات، قال أردوغان إنها ستجري في موعدها.\n"
        "وقال أردوغان إن القافلة توقفت عند حاجز أمني قرب الحدود.",
    )
    assert found == ()
    c = one(records, "وقال أردوغان إن أنقرة سترد في حالة تعرضت قواتها لهجوم.")
    assert c.text.startswith("في حالة تعرضت")


def test_conditions_illa_bi_after_a_negation(records):
    c = one(
        records,
        'وقال رئيس الوزراء الهندي ناريندرا مودي: "لن نعود إلى المفاوضات إلا بضمانات واضحة".',
    )
    assert c.set_by == "leader:modi" and c.text.startswith("إلا بضمانات")
    assert conditions(records, "وقال مودي إن الاجتماع لم يستمر إلا ساعة واحدة.") == ()


def test_conditions_unnamed_official_sets_for_his_state_not_the_reported_subject(records):
    c = one(
        records,
        "وقال مسؤول مصري إن الرئيس الفرنسي إيمانويل ماكرون لابد وأن يحضر القمة.",
    )
    assert c.side == "region:EG" and c.set_by != "leader:macron"
