"""The entity layer on patterns of Arabic news writing: who is a leader on the article's
date, ministers of any portfolio, offices of one holder, places (texts written for these
tests: other years, countries and people than the development articles)."""

from __future__ import annotations


def ents(doc):
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["dkg_entities"]]


def by_class(doc, cls):
    return [(s.text, s.kb_id_) for s in doc.spans["dkg_entities"] if s.label_ == cls]


# -- leaders: the office held on the article's date ---------------------------------------
def test_news_former_leader_is_a_person_of_his_country(annotate):
    doc = annotate("وقال الرئيس الأميركي السابق باراك أوباما إن الديمقراطية في خطر.", "2019-06-02")
    assert by_class(doc, "Leader") == []
    assert ("باراك أوباما", "person:obama") in by_class(doc, "Person")
    assert doc._.dkg_found["person:obama"].country == "region:US"
    # in office that day, or an undated text: a leader
    assert "leader:obama" in {
        k for _, k in by_class(annotate("قال باراك أوباما", "2012-03-01"), "Leader")
    }
    assert "leader:obama" in {k for _, k in by_class(annotate("قال باراك أوباما", None), "Leader")}


def test_news_an_office_of_the_eu_is_no_state_office(annotate):
    doc = annotate("وقال جوزيب بوريل إن الاتحاد سيرسل مراقبين.", "2021-02-10")
    assert by_class(doc, "Leader") == []
    assert ("جوزيب بوريل", "person:borrell") in by_class(doc, "Person")


def test_news_surname_after_a_title_without_country_links_the_listed_leader(annotate):
    doc = annotate("والتقى وزير الخارجية سيرغيه لافروف نظيره.", "2020-09-14")
    assert ("سيرغيه لافروف", "leader:lavrov") in by_class(doc, "Leader")
    doc = annotate("وكان الرئيس باراك حسين أوباما قد زار المدينة.", "2019-06-02")
    assert ("باراك حسين أوباما", "person:obama") in by_class(doc, "Person")


# -- ministers of any portfolio, deputies ---------------------------------------------
def test_news_minister_of_any_portfolio_is_a_leader(annotate):
    doc = annotate("وقال وزير الدفاع التركي خلوصي أكار إن القوات مستعدة.", "2019-10-12")
    leaders = by_class(doc, "Leader")
    assert [t for t, _ in leaders] == ["خلوصي أكار"]
    assert doc._.dkg_found[leaders[0][1]].offices[0].country == "TR"
    doc = annotate("وأعلن وزير الداخلية الألماني هورست زيهوفر خطة جديدة.", "2019-10-12")
    assert [t for t, _ in by_class(doc, "Leader")] == ["هورست زيهوفر"]


def test_news_deputy_minister_is_no_leader(annotate):
    doc = annotate("وقال نائب وزير الدفاع الروسي ألكسندر فومين إن الحوار ممكن.", "2019-10-12")
    assert by_class(doc, "Leader") == []


def test_news_deputy_crown_prince_resolves_in_time(annotate):
    doc = annotate("واستقبل ولي ولي العهد السعودي وزير الخارجية الفرنسي.", "2016-05-03")
    assert "leader:mbs" in {k for _, k in by_class(doc, "Leader")}
    assert "leader:mbn" not in {k for _, k in by_class(doc, "Leader")}


# -- offices of one holder ------------------------------------------------------------
def test_news_words_after_a_held_title_are_no_new_leader(annotate):
    doc = annotate("أكد أن لقاء الملك والرئيس الفرنسي وضع أسسا متينة للتعاون.", "2019-03-02")
    leaders = by_class(doc, "Leader")
    assert ("والرئيس الفرنسي", "leader:macron") in leaders
    assert not any(k.startswith("leader:n-") for _, k in leaders)


def test_news_name_with_a_hamza_is_no_definite_word(annotate):
    doc = annotate("وقال رئيس الوزراء الألباني إيدي راما إن بلاده مستعدة.", "2016-04-04")
    assert [t for t, _ in by_class(doc, "Leader")] == ["إيدي راما"]


def test_news_listed_name_after_a_title_of_another_country(annotate):
    # "آشتون" is Catherine Ashton's surname; she never held a Kenyan office
    doc = annotate("وقال وزير الخارجية الكيني آشتون موانغي إن بلاده تدعم الاتفاق.", "2016-04-04")
    leaders = by_class(doc, "Leader")
    assert len(leaders) == 1 and leaders[0][0].startswith("آشتون")
    assert leaders[0][1].startswith("leader:n-")  # unlisted: not Catherine Ashton
    assert by_class(doc, "Person") == []


# -- regions --------------------------------------------------------------------------
def test_news_provinces_and_towns_of_the_gazetteer(annotate):
    doc = annotate("وصل الوفد إلى ولاية شمال دارفور ثم إلى مدينة قابس ومحافظة ذمار.", "2017-01-09")
    keys = {k for _, k in by_class(doc, "Region")}
    assert {"region:north_darfur", "region:gabes", "region:dhamar"} <= keys
    assert "region:darfur" not in keys  # the state, not the wider region


def test_news_european_adjective_and_arab_states_are_no_regions(annotate):
    doc = annotate(
        "وقال البرلمان الأوروبي إن الدول العربية والشركات الأوروبية مدعوة.", "2018-01-09"
    )
    keys = {k for _, k in by_class(doc, "Region")}
    assert "region:europe" not in keys and "region:arab_world" not in keys
    assert "region:europe" in {
        k for _, k in by_class(annotate("زار أوربا مرتين", "2018-01-09"), "Region")
    }


def test_news_city_name_in_quotes_is_a_paper(annotate):
    doc = annotate('وقال مسؤول لـ"الدوحة" إن الطريق إلى الدوحة مفتوح.', "2018-01-09")
    regions = by_class(doc, "Region")
    assert len(regions) == 1 and regions[0][1] == "region:doha"


def test_news_word_that_ends_in_a_place_name_is_no_place(annotate):
    # "كريمة" (generous) is "ك" + "ريمة": Raymah is listed only as "محافظة ريمة"
    doc = annotate("وقدمت الحكومة مساعدة كريمة إلى السكان.", "2018-01-09")
    assert by_class(doc, "Region") == []


def test_news_place_inside_a_body_name_is_a_mention_but_not_in_a_paper_name(annotate):
    doc = annotate("ورحبت الحكومة السعودية بالقرار، وفق وكالة الأنباء السعودية.", "2018-01-09")
    regions = by_class(doc, "Region")
    assert regions == [("السعودية", "region:SA")]  # the government's adjective only
    orgs = {k for _, k in by_class(doc, "Organization")}
    assert len(orgs) == 2
