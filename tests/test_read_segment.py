"""kg.read.segment: sentences and headings with exact offsets; kg.read.fold."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.read import continuation_words, fold, is_continuation_word, segment

SAMPLE = Path(__file__).parent.parent / "examples" / "ar_trump_putin_call_2025-03-18.txt"
RESOURCES = Path(__file__).parent.parent / "kg" / "resources"


def _units(text: str) -> list[tuple[str, bool]]:
    return [(text[u.start : u.end], u.heading) for u in segment(text)]


@pytest.fixture(scope="module")
def sample() -> tuple[str, list[tuple[str, bool]]]:
    text = SAMPLE.read_text(encoding="utf-8")
    return text, _units(text)


# -- the sample article ---------------------------------------------------------------------


def test_segment_sample_wrapped_sentence_is_one_unit(sample) -> None:
    _, units = sample
    expected = "أكد الكرملين أن\nالاتصال ناقش ملف أوكرانيا، لافتا إلى\nاتفاق تم بين الزعيمين على إبقاء التواصل."
    assert (expected, False) in units


def test_segment_sample_sentence_wrapped_after_wasat(sample) -> None:
    _, units = sample
    matching = [
        u
        for u, _ in units
        if u.endswith("وسط\nاتفاق على إنهاء الصراع بشكل دائم تزامناً مع مفاوضات تقنية.")
    ]
    assert len(matching) == 1
    assert matching[0].startswith("بدوره، أكد البيت الأبيض")


def test_segment_sample_headings(sample) -> None:
    _, units = sample
    headings = [u for u, heading in units if heading]
    assert headings == [
        "الكرملين: بوتين يوافق على وقف استهداف الطاقة الأوكرانية لـ 30 يوما",
        "إيران وإسرائيل",
        '"جيدة وبناءة للغاية".. ترامب يكشف تفاصيل مكالمته مع بوتين',
        '"إضعاف" أوكرانيا',
    ]


def test_segment_sample_short_tail_is_not_a_heading_boundary(sample) -> None:
    _, units = sample
    assert ("ويشمل ذلك صفقات اقتصادية ضخمة واستقرارا جيوسياسيا عند تحقيق\nالسلام.", False) in units
    assert all(not u.startswith("السلام.") for u, _ in units)


def test_segment_sample_splits_sentences_inside_a_line(sample) -> None:
    _, units = sample
    texts = [u for u, _ in units]
    assert any(u.endswith('الحصول على "تفاصيل" من واشنطن.') for u in texts)
    assert any(u.startswith('وقال: "سندعم اقتراحات كهذه') for u in texts)


def test_segment_sample_offsets_are_exact_sorted_disjoint(sample) -> None:
    text, _ = sample
    units = segment(text)
    assert len(units) == 29
    previous_end = 0
    for unit in units:
        piece = text[unit.start : unit.end]
        assert piece == piece.strip() and piece
        assert unit.start >= previous_end
        previous_end = unit.end
    # nothing but whitespace is left between units
    covered = "".join(text[u.start : u.end] for u in units)
    assert fold(covered.replace("\n", " ")).replace(" ", "") == "".join(text.split())


# -- small synthetic cases ------------------------------------------------------------------


def test_segment_english_wrap_ending_in_preposition() -> None:
    text = "Talks were held\nin Geneva.\nLeaders met in\nGeneva on Monday."
    assert _units(text) == [
        ("Talks were held\nin Geneva.", False),  # the next line starts lower case
        ("Leaders met in\nGeneva on Monday.", False),  # "in" needs a complement
    ]


def test_segment_arabic_wrap_ending_in_particle() -> None:
    text = "انتهى الاجتماع.\nقال الوزير إن\nالمحادثات مستمرة."
    assert _units(text) == [
        ("انتهى الاجتماع.", False),
        ("قال الوزير إن\nالمحادثات مستمرة.", False),
    ]


def test_segment_arabic_wrap_with_attached_conjunction() -> None:
    text = "انتهى الاجتماع.\nووصل الوفد ومن\nالمتوقع أن يغادر غدا."
    assert _units(text)[1] == ("ووصل الوفد ومن\nالمتوقع أن يغادر غدا.", False)


def test_segment_blank_line_ends_a_unit() -> None:
    text = "The ministers met in\n\nGeneva on Monday."
    assert _units(text) == [("The ministers met in", False), ("Geneva on Monday.", False)]


def test_segment_decimal_is_not_a_sentence_end() -> None:
    text = "Growth was 3.5 percent. Inflation fell to 2.1 percent."
    assert _units(text) == [
        ("Growth was 3.5 percent.", False),
        ("Inflation fell to 2.1 percent.", False),
    ]


def test_segment_abbreviations() -> None:
    text = "Dr. Smith met Mr. Lavrov in the U.S. capital. They spoke."
    assert [u for u, _ in _units(text)] == [
        "Dr. Smith met Mr. Lavrov in the U.S. capital.",
        "They spoke.",
    ]
    arabic = "التقى د. محمد الوزير. ثم غادر."
    assert [u for u, _ in _units(arabic)] == ["التقى د. محمد الوزير.", "ثم غادر."]


def test_segment_english_heading_followed_by_sentence() -> None:
    text = "Peace talks resume\nThe two leaders spoke on Tuesday. They agreed to meet."
    assert _units(text) == [
        ("Peace talks resume", True),
        ("The two leaders spoke on Tuesday.", False),
        ("They agreed to meet.", False),
    ]


def test_segment_arabic_heading_after_sentence() -> None:
    text = "اتفق الطرفان على الهدنة.\nملف الأسرى\nتبادل الطرفان الأسرى أمس."
    assert _units(text) == [
        ("اتفق الطرفان على الهدنة.", False),
        ("ملف الأسرى", True),
        ("تبادل الطرفان الأسرى أمس.", False),
    ]


def test_segment_line_after_unfinished_line_is_not_a_heading() -> None:
    text = "شدد على الحاجة إلى\nالسلام.\nوأضاف أن الوضع صعب."
    assert _units(text) == [("شدد على الحاجة إلى\nالسلام.", False), ("وأضاف أن الوضع صعب.", False)]


def test_segment_hard_wrapped_block_has_no_headings() -> None:
    # every line is about as long as the longest: a fixed-width wrap, not headings
    text = (
        "The delegations met on Monday in Geneva.\n"
        "Officials said both sides agreed to hold\n"
        "Further talks next week to discuss detail\n"
        "Of the prisoner exchange and the truce."
    )
    units = _units(text)
    assert not any(heading for _, heading in units)
    assert units[-1][0].startswith("Officials said") and units[-1][0].endswith("the truce.")


def test_segment_quotation_spanning_a_sentence_end() -> None:
    text = 'He said: "We agree. We will sign." Then he left.'
    assert [u for u, _ in _units(text)] == ['He said: "We agree. We will sign."', "Then he left."]
    arabic = 'وقال: "نحن موافقون. سنوقع غدا". ثم غادر.'
    assert [u for u, _ in _units(arabic)] == ['وقال: "نحن موافقون. سنوقع غدا".', "ثم غادر."]


def test_segment_crlf_offsets() -> None:
    text = "Leaders met in\r\nGeneva.\r\n\r\nNext paragraph.\r\n"
    units = segment(text)
    assert [text[u.start : u.end] for u in units] == [
        "Leaders met in\r\nGeneva.",
        "Next paragraph.",
    ]


def test_segment_empty_and_whitespace() -> None:
    assert segment("") == []
    assert segment(" \n\t\n") == []


def test_fold() -> None:
    assert fold("  أكد الكرملين أن\r\nالاتصال \t ناقش\n\n") == "أكد الكرملين أن الاتصال ناقش"


# -- resources -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_segment_continuation_word_files(lang: str) -> None:
    lines = (RESOURCES / lang / "continuation_words.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(entry.split()) == 1 for entry in entries)
    assert len(entries) == len(set(entries))


@pytest.mark.parametrize(
    "word",
    ["أن", "إن", "إلى", "الى", "من", "في", "على", "عن", "مع", "و", "ومن", "فإن", "of", "The"],
)
def test_segment_continuation_words_recognised(word: str) -> None:
    assert is_continuation_word(word)


@pytest.mark.parametrize("word", ["وسائل", "السلام", "Geneva", "علي", "وزير"])
def test_segment_content_words_do_not_continue(word: str) -> None:
    assert not is_continuation_word(word)
    assert continuation_words()  # the lists loaded at all


def test_segment_double_period_ends_sentences_inside_a_paragraph() -> None:
    """Saudi papers separate a paragraph's sentences with "..": each is its own unit; a
    headline's ".." stays inside it."""
    body = (
        "وقال وزير الخارجية الأردني إن المحادثات مع الجانب العراقي كانت مثمرة وبناءة، "
        "وإن البلدين يعملان على فتح المعبر الحدودي قريبا.. وأضاف أن اللجنة المشتركة "
        "ستجتمع في بغداد الشهر المقبل لبحث ملفات الطاقة والنقل والتجارة بين البلدين.. "
        "وأكد أن العلاقات بين عمان وبغداد تشهد تطورا ملحوظا في المرحلة الحالية."
    )
    text = "الأردن والعراق.. تعاون جديد في الطاقة\n\n" + body + "\n"
    units = [text[u.start : u.end] for u in segment(text)]
    assert units[0] == "الأردن والعراق.. تعاون جديد في الطاقة"
    assert [u[:12] for u in units[1:]] == ["وقال وزير ال", "وأضاف أن الل", "وأكد أن العل"]


def test_segment_headline_listing_several_voices_is_split_at_each_double_period() -> None:
    text = "قمة الدوحة.. أمير قطر: نرحب بالجميع.. أردوغان: ندعم الحل\n\nوقال أمير قطر إن القمة ناجحة.\n"
    units = [text[u.start : u.end] for u in segment(text)]
    assert units[:3] == ["قمة الدوحة..", "أمير قطر: نرحب بالجميع..", "أردوغان: ندعم الحل"]
