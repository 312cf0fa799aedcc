"""kg.nlp.ner: model names merge into the entity layer without overriding gazetteers."""

from __future__ import annotations

import pytest

from kg.nlp import build_pipeline
from kg.nlp.entities import SPANS_KEY, entity_key
from kg.nlp.ner import RAW_KEY, propagate


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline("ar")


def _before_model(nlp, text):
    """A Doc annotated by every component that runs before the model's."""
    return _run_before_model(nlp, nlp.make_doc(text))


def _run_before_model(nlp, doc):
    for name, proc in nlp.pipeline:
        if name == "dkg_ner":
            break
        doc = proc(doc)
    return doc


def _span(doc, text):
    return next(s for s in doc.spans[SPANS_KEY] if s.text == text)


def _hit(doc, text, tag):
    span = next(
        doc[i:j]
        for i in range(len(doc))
        for j in range(i + 1, len(doc) + 1)
        if doc[i:j].text == text
    )
    return (span.start, span.end, tag)


def test_ner_model_only_names_become_unlinked_entities(nlp):
    doc = _before_model(nlp, "قال بوتين إن زخاريوس كوستاندينو زار كفرنبودة مع منظمة أطباء الغد")
    hits = [
        _hit(doc, "بوتين", "PERS"),
        _hit(doc, "زخاريوس كوستاندينو", "PERS"),
        _hit(doc, "كفرنبودة", "LOC"),
        _hit(doc, "منظمة أطباء الغد", "ORG"),
    ]
    nlp.get_pipe("dkg_ner").set_annotations(doc, hits)
    assert _span(doc, "بوتين").kb_id_ == "leader:putin"  # the gazetteer keeps its link
    expected = {
        "زخاريوس كوستاندينو": "Person",
        "كفرنبودة": "Region",
        "منظمة أطباء الغد": "Organization",
    }
    for name, cls in expected.items():
        span = _span(doc, name)
        assert span.label_ == cls
        assert span.kb_id_ == entity_key(cls, name)
        entry = doc._.dkg_found[span.kb_id_]
        assert entry.cls == cls and entry.qid is None and entry.ar == (name,)
    assert len(doc.spans[RAW_KEY]) == 4


def test_ner_person_after_leader_title_is_a_leader(nlp):
    doc = _before_model(nlp, "استقبل الرئيس زخاريوس كوستاندينو الوفد")
    nlp.get_pipe("dkg_ner").set_annotations(doc, [_hit(doc, "زخاريوس كوستاندينو", "PERS")])
    span = _span(doc, "زخاريوس كوستاندينو")
    assert span.label_ == "Leader" and span._.dkg_role == "الرئيس"
    assert doc._.dkg_found[span.kb_id_].offices[0].role == "president"


def test_ner_longer_model_name_widens_listed_name_keeping_link(nlp):
    doc = _before_model(nlp, "قال فلاديمير فلاديميروفيتش بوتين أمس")
    assert _span(doc, "بوتين").kb_id_ == "leader:putin"
    hit = _hit(doc, "فلاديمير فلاديميروفيتش بوتين", "PERS")
    nlp.get_pipe("dkg_ner").set_annotations(doc, [hit])
    span = _span(doc, "فلاديمير فلاديميروفيتش بوتين")
    assert span.kb_id_ == "leader:putin" and span.label_ == "Leader"


def test_ner_model_name_of_another_kind_does_not_replace_gazetteer(nlp):
    doc = _before_model(nlp, "وصل الوفد إلى موسكو أمس")
    nlp.get_pipe("dkg_ner").set_annotations(doc, [_hit(doc, "موسكو", "PERS")])
    span = _span(doc, "موسكو")
    assert span.label_ == "Region" and span.kb_id_ == "region:moscow"


def test_ner_propagate_finds_surname_and_attached_mentions(nlp):
    doc = nlp.make_doc("قال دونالد رامسفيلد إن الحرب طويلة . وأضاف رامسفيلد أن ورامسفيلد يرى")
    found = propagate(doc, [(1, 3, "PERS")], [(0, len(doc))])
    assert [doc[s:e].text for s, e, _ in found] == ["دونالد رامسفيلد", "رامسفيلد", "ورامسفيلد"]
    assert {t for _, _, t in found} == {"PERS"}


def test_ner_cued_scope_reads_only_sentences_with_cues(nlp):
    recognizer = nlp.get_pipe("dkg_ner")
    doc = nlp.make_doc("استقبل الوزير ضيوفه في القصر. وقال الوزير إن الاتفاق قريب.")
    for token in doc:  # two sentences, as kg.extract.prepare marks them
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    doc = _run_before_model(nlp, doc)
    old = recognizer.scope
    try:
        recognizer.scope = "cued"
        sentences = recognizer.sentences(doc)
        assert [s.text for s in sentences] == ["وقال الوزير إن الاتفاق قريب."]
        recognizer.scope = "all"
        assert len(recognizer.sentences(doc)) == 2
    finally:
        recognizer.scope = old


def test_ner_windows_scope_reads_around_the_cues(nlp):
    recognizer = nlp.get_pipe("dkg_ner")
    assert recognizer.scope == "windows"  # the default: where speakers and parties stand
    text = (
        "استقبل الوزير ضيوفه في القصر. وفي مؤتمر طويل جدا عن أمور كثيرة ومتنوعة وعديدة "
        "وقال الوزير كمال حسن إن البلدين قريبان من تفاهم."
    )
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    doc = _run_before_model(nlp, doc)
    windows = recognizer.sentences(doc)
    assert windows and all("ضيوفه" not in w.text for w in windows)
    assert any("كمال حسن" in w.text for w in windows)
    assert all(len(w) <= 4 + 1 + 10 + 4 for w in windows)


def test_ner_place_descriptor_gives_way_to_model_place_keeping_link(nlp):
    doc = _before_model(nlp, "انتشرت القوات في جنوب لبنان وفي روسيا البيضاء")
    south = _span(doc, "جنوب لبنان").kb_id_
    hits = [_hit(doc, "لبنان", "LOC"), _hit(doc, "روسيا", "LOC")]
    nlp.get_pipe("dkg_ner").set_annotations(doc, hits)
    assert _span(doc, "لبنان").kb_id_ == south
    assert not any(s.text == "جنوب لبنان" for s in doc.spans[SPANS_KEY])
    # only describing words before the name are dropped, never a name's own words
    assert _span(doc, "روسيا البيضاء").label_ == "Region"


def test_ner_quoted_place_read_as_organization_is_an_organization(nlp):
    doc = _before_model(nlp, "قالت صحيفة « الشرق الأوسط » إن الشرق الأوسط يتغير")
    # (the rules already drop the quoted one: a place name in quotes names a paper)
    starts = [t.i for t in doc if t.text == "الشرق"]
    hits = [(i, i + 2, "ORG") for i in starts]
    nlp.get_pipe("dkg_ner").set_annotations(doc, hits)
    labels = [s.label_ for s in doc.spans[SPANS_KEY] if s.text == "الشرق الأوسط"]
    assert labels == ["Organization", "Region"]


def test_ner_function_words_are_not_names(nlp):
    recognizer = nlp.get_pipe("dkg_ner")
    doc = nlp.make_doc("قال لي منه إن كمال حسن وصل")
    assert not recognizer._name_like(doc[1:2])  # "لي": two letters
    assert not recognizer._name_like(doc[2:3])  # "منه": a function word
    assert recognizer._name_like(doc[4:6])


def test_ner_organization_and_state_descriptors_give_way_keeping_link(nlp):
    doc = _before_model(nlp, "قال المتحدث باسم حركة حماس إن أمير دولة الكويت وصل")
    hamas, kuwait = _span(doc, "حركة حماس").kb_id_, _span(doc, "دولة الكويت").kb_id_
    hits = [_hit(doc, "حماس", "ORG"), _hit(doc, "الكويت", "LOC")]
    nlp.get_pipe("dkg_ner").set_annotations(doc, hits)
    assert _span(doc, "حماس").kb_id_ == hamas
    assert _span(doc, "الكويت").kb_id_ == kuwait


def test_ner_descriptor_behind_a_proclitic_gives_way(nlp):
    doc = _before_model(nlp, "وقال مصدر لوكالة فرانس برس إن الوفد وصل")
    agency = _span(doc, "لوكالة فرانس برس").kb_id_
    nlp.get_pipe("dkg_ner").set_annotations(doc, [_hit(doc, "فرانس برس", "ORG")])
    assert _span(doc, "فرانس برس").kb_id_ == agency


def test_ner_guessed_name_after_title_is_dropped_when_model_reads_no_name(nlp):
    text = "قال الرئيس الأميركي امتنع عن الرد"
    doc = _before_model(nlp, text)
    guessed = [s for s in doc.spans[SPANS_KEY] if s._.dkg_role and s.text == "امتنع"]
    assert guessed  # the title rules guess the word after the title
    nlp.get_pipe("dkg_ner").set_annotations(doc, [], read=[(0, len(doc))])
    assert not any(s.text == "امتنع" for s in doc.spans[SPANS_KEY])
    # where the model did not read, the rules' guess stands
    doc = _before_model(nlp, text)
    nlp.get_pipe("dkg_ner").set_annotations(doc, [], read=[(0, 1)])
    assert any(s.text == "امتنع" for s in doc.spans[SPANS_KEY])


def test_ner_guessed_name_takes_the_model_extent_from_its_first_word(nlp):
    doc = _before_model(nlp, "وقال الأمير الأردني زيد بن رعد الحسين في كلمته")
    guessed = next(s for s in doc.spans[SPANS_KEY] if s._.dkg_role)
    assert guessed.text != "زيد بن رعد الحسين"
    nlp.get_pipe("dkg_ner").set_annotations(doc, [_hit(doc, "زيد بن رعد الحسين", "PERS")])
    span = _span(doc, "زيد بن رعد الحسين")
    assert span.label_ in ("Person", "Leader") and span._.dkg_role


def test_ner_function_word_after_title_is_no_name(nlp):
    doc = _before_model(nlp, "دعا مندوب فرنسا لدى الأمم المتحدة إلى الهدوء")
    assert not any(s.text == "لدى" for s in doc.spans[SPANS_KEY])
