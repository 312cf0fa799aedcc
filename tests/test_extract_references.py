"""Agreements referred to, not narrated, on texts written for the tests (other years,
countries and agreements than the development articles)."""

from __future__ import annotations

from kg.corroborate import corroborate


def _agreements(records, text: str, date: str = "2019-06-10"):
    (r,) = records(("a", date, text))
    return r, corroborate([r])


def test_extract_references_named_then_bare_mentions_are_one_agreement(records):
    text = (
        "وقال وزير الخارجية الفرنسي جان إيف لودريان إن الاتفاق النووي لا يزال قائما.\n"
        "وأضاف لودريان أن باريس متمسكة بهذا الاتفاق.\n"
        "وأكد لودريان أن الاتفاق يحتاج إلى دعم أوروبي.\n"
    )
    r, merged = _agreements(records, text)
    assert len(r.agreements) == 3 and len({a.ref for a in r.agreements}) == 1
    (agreement,) = merged
    assert len(agreement.mentions) == 3 and agreement.asserted_by


def test_extract_references_relative_clause_of_conclusion_with_parties(records):
    text = (
        "وقال رئيس الوزراء الإثيوبي آبي أحمد إن الاتفاق الذي تم التوصل إليه بين إثيوبيا "
        "وإريتريا ينهي عقدين من الحرب.\n"
    )
    r, merged = _agreements(records, text, "2018-07-10")
    (a,) = r.agreements
    assert {"region:ET", "region:ER"} <= set(a.parties)
    assert merged[0].status == "Unconfirmed"


def test_extract_references_construct_with_a_place_or_an_object(records):
    text = (
        "وقال وزير الخارجية القطري إن اتفاق الدوحة أنهى الأزمة.\n"
        "وأكد الوزير أن اتفاقية الشراكة ستوقع قريبا.\n"
    )
    r, merged = _agreements(records, text, "2008-05-25")
    assert len(r.agreements) == 2 and all(a.ref for a in r.agreements)
    assert (
        len({a.ref for a in r.agreements}) == 2 and len(merged) == 2
    )  # two agreements: nothing identifies them as one


def test_extract_references_bare_noun_without_antecedent_is_nothing(records):
    text = "وقال الرئيس التركي رجب طيب أردوغان إن الاتفاق لن يغير شيئا.\n"
    r, _ = _agreements(records, text)
    assert r.agreements == ()


def test_extract_references_hypothetical_and_planned_are_not_agreements(records):
    text = (
        "وقال وزير الخارجية الألماني هايكو ماس إن أي اتفاق يجب أن يحترم القانون الدولي.\n"
        "وأضاف ماس أن المحادثات تجري بهدف التوصل إلى اتفاق.\n"
        "وقال ماس إن برلين تعمل بالاتفاق مع باريس.\n"
    )
    r, _ = _agreements(records, text)
    assert r.agreements == ()


def test_extract_references_opposition_disputes_the_agreement(records):
    text = "وقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن حكومته ستعمل لإفشال الاتفاق النووي.\n"
    _, merged = _agreements(records, text, "2015-08-01")
    (agreement,) = merged
    assert agreement.status == "Disputed" and agreement.disputed_by


def test_extract_references_states_are_parties(records):
    text = "وأعلن وزير الخارجية المصري سامح شكري اتفاق مصر والسودان على تشكيل لجنة مشتركة.\n"
    r, _ = _agreements(records, text, "2016-03-01")
    (a,) = r.agreements
    assert a.parties == ("region:EG", "region:SD")


def test_extract_references_agreed_relative_clause(records):
    text = (
        "وقال وزير الخارجية الكويتي إن تنفيذ المشاريع التي تم الاتفاق عليها سيبدأ العام المقبل.\n"
    )
    r, _ = _agreements(records, text, "2017-02-01")
    (a,) = r.agreements
    assert "المشاريع" in a.keywords


def test_extract_references_accepted_invitation_is_an_agreement(records):
    text = (
        "الرئيس التركي رجب طيب أردوغان يقبل دعوة لزيارة الجزائر\n\n"
        "وقال أردوغان إنه يقبل دعوة الرئيس الجزائري لزيارة الجزائر الشهر المقبل.\n"
    )
    r, _ = _agreements(records, text, "2014-11-10")
    assert r.agreements and "leader:erdogan" in r.agreements[0].parties


def test_extract_references_concluded_indefinite_noun(records):
    text = "وقال المبعوث الأممي إن الأطراف الليبية وقعت اتفاقا مبدئيا في الصخيرات.\n"
    r, _ = _agreements(records, text, "2015-07-12")
    assert len(r.agreements) == 1


def test_extract_references_negated_agreement_is_nothing(records):
    text = (
        "واختتمت المحادثات بين الهند وباكستان في إسلام آباد دون التوصل إلى اتفاق بشأن كشمير.\n"
        "وقال وزير الخارجية الهندي إنه لم يتم الاتفاق على موعد الجولة المقبلة.\n"
    )
    r, _ = _agreements(records, text, "2012-09-08")
    assert r.agreements == ()


def test_extract_references_consent_between_two_states(records):
    text = "وقال وزير الدفاع الكويتي إن الكويت وافقت على السماح لبريطانيا باستخدام قاعدة جوية.\n"
    r, _ = _agreements(records, text, "2003-02-01")
    (a,) = r.agreements
    assert a.parties == ("region:GB", "region:KW")


def test_extract_references_one_state_deciding_alone_is_no_agreement(records):
    text = "وقال المتحدث إن الحكومة الأردنية وافقت على رفع أسعار الوقود.\n"
    r, _ = _agreements(records, text, "2012-11-13")
    assert r.agreements == ()


def test_extract_references_we_agreed_said_for_a_state(records):
    text = (
        "وقال السفير المغربي في موسكو إن الرباط تسعى لتوسيع التعاون مع روسيا، "
        'إذ قال: "اتفقنا على إنشاء لجنة اقتصادية مشتركة".\n'
    )
    r, _ = _agreements(records, text, "2016-03-15")
    (a,) = r.agreements
    assert {"region:MA", "region:RU"} <= set(a.parties)


def test_extract_references_declaration_of_an_act(records):
    text = (
        "وقال وزير الخارجية الهندي إن الزيارة شهدت إعلان إقامة شراكة استراتيجية بين الهند "
        "والإمارات.\n"
    )
    r, _ = _agreements(records, text, "2017-01-26")
    assert len(r.agreements) == 1 and r.agreements[0].ref


def test_extract_references_views_that_concur_are_an_agreement(records):
    text = (
        "وعقد أمير الكويت الشيخ صباح الأحمد جلسة مباحثات مع الرئيس الفرنسي فرانسوا هولاند.\n"
        "وكانت وجهات نظر الشيخ صباح الأحمد والرئيس هولاند متطابقة حول الأزمة السورية.\n"
    )
    r, _ = _agreements(records, text, "2016-05-10")
    (a,) = r.agreements
    assert a.parties == ("leader:hollande", "leader:sabah_al_ahmad")


def test_extract_references_bare_noun_in_a_narrated_agreement_is_that_agreement(records):
    text = (
        "وأكد الجانبان الأردني والعراقي أنه تم الاتفاق على فتح معبر طريبيل.\n"
        "وقال وزير الخارجية الأردني إن وجهات نظر الأردن والعراق متطابقة بشأن مكافحة الإرهاب.\n"
    )
    r, merged = _agreements(records, text, "2017-08-30")
    assert len(r.agreements) == 2 and len(merged) == 2


def test_extract_references_truce_announced_by_a_body(records):
    text = (
        "وقال المتحدث باسم الأمم المتحدة إن القتال توقف وسط هدنة إنسانية أعلنها الاتحاد "
        "الأفريقي في جنوب السودان.\n"
    )
    r, _ = _agreements(records, text, "2014-05-10")
    (a,) = r.agreements
    assert "org:african_union" in a.parties


def test_extract_references_understanding_with_a_body(records):
    text = "وقال وزير الخارجية الكوري الشمالي إن هناك تفاهم مع الأمم المتحدة بشأن المساعدات.\n"
    r, _ = _agreements(records, text, "2012-02-29")
    (a,) = r.agreements
    assert a.ref and any(p.startswith("org:") for p in a.parties)


def test_extract_references_invitation_accepted_with_the_subject_between(records):
    text = "وقال وزير الخارجية الروسي سيرغي لافروف إن الحركة قبلت الدعوة لزيارة موسكو.\n"
    r, _ = _agreements(records, text, "2016-01-20")
    assert len(r.agreements) == 1


def test_extract_references_agreed_participle(records):
    text = "وأكد وزير الخارجية السوداني أن الحوار سيستمر على أساس المسار المتفق عليه.\n"
    r, _ = _agreements(records, text, "2019-04-02")
    (a,) = r.agreements
    assert "المسار" in a.keywords


def test_extract_references_known_agreement_is_one_node_across_documents(records):
    from rdflib import OWL, RDF, RDFS, URIRef

    from kg.build import to_graph
    from kg.namespace import DKG, WD

    one = (
        "a",
        "2017-06-02",
        "وقال الرئيس الفرنسي إيمانويل ماكرون إن اتفاق باريس للمناخ غير قابل للتفاوض.\n",
    )
    two = (
        "b",
        "2017-06-05",
        "وأكد وزير الخارجية الصيني أن بكين ملتزمة باتفاقية باريس للمناخ.\n",
    )
    r1, r2 = records(one, two)
    assert [a.ref for a in (*r1.agreements, *r2.agreements)] == ["agreement:paris_agreement"] * 2
    graph = to_graph([r1, r2])
    (node,) = set(graph.subjects(RDF.type, DKG.Agreement))
    assert node == URIRef("https://w3id.org/diplokg/resource/agreement/paris_agreement")
    assert (node, OWL.sameAs, WD["Q21707860"]) in graph
    assert "Paris Agreement" in {str(x) for x in graph.objects(node, RDFS.label)}
    assert graph.value(node, DKG.status) == DKG.Confirmed  # France and China assert it


def test_extract_references_ambiguous_name_needs_a_party_in_the_document(records):
    with_party = (
        "a",
        "2016-02-12",
        "وقال وزير الخارجية الألماني إن أوكرانيا وروسيا ملزمتان بتنفيذ اتفاق مينسك.\n",
    )
    without = ("b", "2016-02-12", "وقال المتحدث إن الجميع ملزم بتنفيذ اتفاق مينسك.\n")
    r1, r2 = records(with_party, without)
    assert [a.ref for a in r1.agreements] == ["agreement:minsk_2"]
    assert all(not a.ref.startswith("agreement:") for a in r2.agreements)
