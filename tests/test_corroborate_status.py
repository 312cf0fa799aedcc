"""Merging mentions into agreements and deciding status over the whole graph."""

from __future__ import annotations

from kg.corroborate import corroborate, merge
from kg.records import AgreementRec, DocRecords, Document, StatementRec

PAIR = ("leader:putin", "leader:trump")


def mention(
    mid,
    doc,
    start,
    *,
    act="halt",
    keywords=("الطاقه",),
    said="s1",
    dispute=False,
    scope=(),
    duration=None,
    quantity=None,
    date="2025-03-18",
):
    return AgreementRec(
        id=mid,
        doc_id=doc,
        start=start,
        end=start + 10,
        evidence=f"e {mid}",
        parties=PAIR,
        act=act,
        object="o",
        keywords=keywords,
        asserted_by=() if dispute else (said,),
        disputed_by=(said,) if dispute else (),
        scope=scope,
        duration_days=duration,
        quantity=quantity,
        date=date,
    )


def statement(sid, side):
    return StatementRec(
        id=sid, doc_id="d", start=0, end=1, evidence="x", speaker="org:x", side=side, date=None
    )


def doc(doc_id, statements, agreements):
    return DocRecords(Document(id=doc_id, text="x"), (), tuple(statements), tuple(agreements), ())


def statuses(*docs):
    return sorted((a.status, a.conflicts) for a in corroborate(docs))


def test_corroborate_one_side_is_unconfirmed():
    d = doc("a", [statement("s1", "region:RU")], [mention("m1", "a", 0)])
    assert statuses(d) == [("Unconfirmed", ())]


def test_corroborate_two_sides_confirm_across_documents_in_any_order():
    a = doc("a", [statement("s1", "region:RU")], [mention("m1", "a", 0, said="s1")])
    b = doc("b", [statement("s2", "region:US")], [mention("m2", "b", 0, said="s2")])
    assert statuses(a, b) == statuses(b, a) == [("Confirmed", ())]
    assert corroborate([a, b])[0].id == corroborate([b, a])[0].id


def test_corroborate_denial_makes_disputed():
    a = doc("a", [statement("s1", "region:RU")], [mention("m1", "a", 0, said="s1")])
    b = doc("b", [statement("s2", "region:UA")], [mention("m2", "b", 0, said="s2", dispute=True)])
    assert statuses(a, b) == [("Disputed", ())]


def test_corroborate_conflicting_terms_make_disputed():
    a = doc(
        "a", [statement("s1", "region:RU")], [mention("m1", "a", 0, said="s1", scope=("الطاقه",))]
    )
    b = doc(
        "b",
        [statement("s2", "region:US")],
        [mention("m2", "b", 0, said="s2", scope=("الطاقه", "البنيه التحتيه"))],
    )
    assert statuses(a, b) == [("Disputed", ("scope",))]


def test_corroborate_a_term_given_by_one_side_only_is_no_conflict():
    a = doc("a", [statement("s1", "region:RU")], [mention("m1", "a", 0, said="s1", duration=30)])
    b = doc("b", [statement("s2", "region:US")], [mention("m2", "b", 0, said="s2")])
    assert statuses(a, b) == [("Confirmed", ())]


def test_corroborate_merge_needs_act_words_and_distinct_sentences():
    same_sentence = [mention("m1", "a", 0), mention("m2", "a", 0)]
    other_act = [mention("m1", "a", 0), mention("m2", "a", 50, act="exchange")]
    no_shared_word = [mention("m1", "a", 0), mention("m2", "a", 50, keywords=("الاسرى",))]
    far_apart = [mention("m1", "a", 0), mention("m2", "b", 0, date="2025-09-01")]
    generic_one_word = [mention("m1", "a", 0, act="agree"), mention("m2", "a", 50, act="agree")]
    for mentions in (same_sentence, other_act, no_shared_word, far_apart, generic_one_word):
        assert len(merge(mentions)) == 2
    assert len(merge([mention("m1", "a", 0), mention("m2", "b", 0)])) == 1


def test_corroborate_agreement_only_denied_is_kept_disputed():
    """A reported agreement that its only statement denies is a disputed agreement (the
    gold conventions: "تنفي" a reported deal), not nothing."""
    d = doc("a", [statement("s1", "region:UA")], [mention("m1", "a", 0, dispute=True)])
    [agreement] = corroborate([d])
    assert agreement.status == "Disputed"
    assert agreement.asserted_by == () and agreement.disputed_by == ("s1",)
