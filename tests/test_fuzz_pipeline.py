"""Property-based fuzzing of the whole pipeline: random Unicode, Arabic-heavy text,
random line breaks and punctuation never crash it, and its graph always passes the shapes.

A bounded run is part of `make test`; `make fuzz` runs it for ten minutes
(FUZZ_EXAMPLES sets the examples per run).
"""

from __future__ import annotations

import os

from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import to_graph
from kg.extract import extract_documents
from kg.read import segment
from kg.records import Document
from kg.validate import validate

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

# Words of real news: the sample article plus the cue words, names and titles that drive
# the rules, so that random text often forms statements, agreements and conditions.
WORDS = sorted(
    set(SAMPLE.read_text(encoding="utf-8").split())
    | {
        "قال",
        "أكد",
        "نفى",
        "رفض",
        "اتفقا",
        "اتفق",
        "على",
        "اتفاق",
        "بشرط",
        "إذا",
        "ضرورة",
        "الزعيمان",
        "الرئيس",
        "الروسي",
        "الأميركي",
        "بوتين",
        "ترامب",
        "الكرملين",
        "لـ",
        "30",
        "يوما",
        "الشروط",
        "التي",
        "تهدف",
        "إلى",
        "وزير",
        "الخارجية",
        "السعودي",
        "غدا",
    }
)
PUNCT = [".", "،", ",", ":", "؟", "!", '"', "«", "»", "(", ")", "\n", "\n\n", " ", "..", "-"]

arabic_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT), st.text(min_size=1, max_size=6)),
    min_size=1,
    max_size=120,
).map(lambda parts: " ".join(parts))
any_text = st.text(min_size=1, max_size=400)

# News-shaped sentences: a source, a reporting verb, an agreement and maybe a condition,
# with random words, punctuation and line breaks thrown in.
SPEAKERS = [
    "الكرملين",
    "البيت الأبيض",
    "الرئيس الروسي",
    "ترامب",
    "بوتين",
    "طهران",
    "وزير الخارجية السعودي عادل الجبير",
    "المتحدث باسم الكرملين دميتري بيسكوف",
]
VERBS = ["قال", "أكد", "وأوضح", "نفى", "رفض", "اعتبر", "أعلن", "كشف", "وفقا لما ذكره"]
AGREE = [
    "اتفقا على",
    "اتفق الزعيمان على",
    "وافق بوتين على",
    "اتفاق على",
    "اتفقنا على",
    "توصلا إلى اتفاق بشأن",
    "وقعا اتفاقية",
]
CONDS = ["بشرط", "إذا", "ضرورة", "وجوب", "عند", "الشروط التي طرحها بوتين تهدف إلى"]
word = st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT))
sentence = st.tuples(
    st.sampled_from(VERBS),
    st.sampled_from(SPEAKERS),
    st.sampled_from(["أن", "إن", ":", ""]),
    st.sampled_from(AGREE),
    st.lists(word, max_size=12),
    st.one_of(st.just([]), st.tuples(st.sampled_from(CONDS), st.lists(word, max_size=6))),
    st.sampled_from([".", "\n", ".\n", "", "،"]),
).map(
    lambda p: (
        " ".join([p[0], p[1], p[2], p[3], *p[4], *([p[5][0], *p[5][1]] if p[5] else [])]) + p[6]
    )
)
news_text = st.lists(st.one_of(sentence, arabic_text), min_size=1, max_size=8).map("\n".join)
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.one_of(news_text, arabic_text, any_text), min_size=1, max_size=3), date=dates
)
def test_fuzz_pipeline_never_crashes_and_conforms(texts, date):
    documents = [Document(id=f"d{i}", text=t, date=date) for i, t in enumerate(texts)]
    records = list(extract_documents(documents))
    for record in records:
        text = record.document.text
        for s in record.statements:
            assert 0 <= s.start < s.end <= len(text)
            assert s.evidence == " ".join(text[s.start : s.end].split())
    report = validate(to_graph(records))
    assert report.conforms, report.text()


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(text=st.one_of(arabic_text, any_text))
def test_fuzz_segment_units_are_exact_sorted_and_disjoint(text):
    units = segment(text)
    last = 0
    for unit in units:
        assert last <= unit.start < unit.end <= len(text)
        piece = text[unit.start : unit.end]
        assert piece == piece.strip() and piece
        last = unit.end
