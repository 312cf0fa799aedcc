"""training/: the name-swapping augmentation and the pretraining's masked features."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

from augment import augment  # noqa: E402
from pretrain import _apply_mask_with_features, set_features  # noqa: E402

from kg.nlp.ner import word_features  # noqa: E402

SENTENCES = [
    [("قال", "O"), ("سمير", "B-PERS"), ("حسن", "I-PERS"), ("في", "O"), ("بيروت", "B-LOC")],
    [("وصل", "O"), ("ومحمد", "B-PERS"), ("أمس", "O"), (".", "O")],
    [("لا", "O"), ("أسماء", "O"), ("هنا", "O")],
]


def test_augment_swaps_person_names_and_keeps_context_and_tags():
    copies = augment(SENTENCES * 20, share=1.0, seed=3)
    assert copies == augment(SENTENCES * 20, share=1.0, seed=3)  # seeded
    # only sentences with a person whose first word has no proclitic are copied
    assert len(copies) == 20
    for copy in copies:
        words = [w for w, _ in copy]
        tags = [t for _, t in copy]
        assert words[0] == "قال" and words[-2:] == ["في", "بيروت"] and tags[-1] == "B-LOC"
        name = [w for w, t in copy if t.endswith("PERS")]
        assert name and name != ["سمير", "حسن"]
        assert tags[1] == "B-PERS" and all(t == "I-PERS" for t in tags[2 : 1 + len(name)])


def test_augment_share_zero_adds_nothing():
    assert augment(SENTENCES, share=0.0) == []


def test_pretraining_masked_docs_keep_the_model_features():
    nlp = spacy.blank("ar")
    doc = set_features(nlp.make_doc("وقال الرئيس لبغداد إن الاتفاق قريب"))

    class Words:  # the replacement words spaCy's masking draws from
        def next(self):
            return "كلمة"

    numpy.random.seed(0)
    mask, masked = _apply_mask_with_features([doc], Words(), mask_prob=0.5)
    assert len(masked[0]) == len(doc)
    for token in masked[0]:
        assert (token.norm_, token.lemma_) == word_features(token.text)
    assert mask.shape == (len(doc),)
