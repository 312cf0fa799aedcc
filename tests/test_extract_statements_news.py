"""Statements of news writing: unnamed sources, bodies, roles, headlines, states.

Short texts written for these tests (other years, countries and people than any
development article)."""

from __future__ import annotations


def said(records, date: str, text: str) -> list:
    (r,) = records(("a", date, text))
    return list(r.statements)


def labels(records, date: str, text: str) -> dict[str, tuple[str, ...]]:
    (r,) = records(("a", date, text))
    return {e.key: e.labels_ar for e in r.entities}


def test_unnamed_source_is_a_person_on_its_country_side(records):
    text = "وقالت مصادر سودانية إن المحادثات مع المتمردين ستستأنف الأسبوع المقبل."
    (s,) = said(records, "2019-04-20", text)
    assert s.speaker.startswith("person:")
    assert s.side == "region:SD"


def test_unnamed_official_with_nationality(records):
    text = "وقال مسؤول تركي إن أنقرة لن تسمح بإقامة منطقة عازلة على حدودها."
    (s,) = said(records, "2012-10-03", text)
    assert s.speaker.startswith("person:") and s.side == "region:TR"


def test_body_without_gazetteer_entry_speaks(records):
    text = "وقال مجلس الثورة في الخرطوم إن المفاوضات لم تبدأ بعد."
    (s,) = said(records, "2019-05-02", text)
    assert s.speaker.startswith("organization:")
    ents = labels(records, "2019-05-02", text)
    assert any("مجلس الثورة" in lab for lab in ents[s.speaker])


def test_headline_colon_names_the_speaker(records):
    text = "أردوغان: لن نتخلى عن حقوقنا في شرق المتوسط\n\nوكانت أنقرة قد أرسلت سفينة."
    statements = said(records, "2020-08-20", text)
    assert statements and statements[0].speaker == "leader:erdogan"


def test_headline_of_several_voices_split_at_double_dots(records):
    text = "الأزمة الخليجية.. أردوغان: الحصار خطأ.. ماكرون: ندعو إلى الحوار\n\nنص الخبر."
    speakers = [s.speaker for s in said(records, "2017-06-20", text)]
    assert "leader:erdogan" in speakers and "leader:macron" in speakers


def test_state_speaks_before_its_verb(records):
    (s,) = said(records, "2012-09-10", "ورفضت أنقرة الاتهامات السورية بدعم المسلحين.")
    assert s.side == "region:TR"


def test_narration_is_no_statement(records):
    text = "وزار مصر نحو مليون سائح أوروبي في فصل الشتاء الماضي."
    assert said(records, "2013-01-15", text) == []
