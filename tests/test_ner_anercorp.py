"""The entity layer on ANERcorp's test split (slow; needs ../shared/data).

Issue 4 asks for micro F1 >= 0.70, PERS >= 0.65 and LOC >= 0.85 from `kg ner-eval` on
anercorp/test.txt. The shipped model and the layer's rules reach micro 0.707, PERS
0.676, LOC 0.852 (docs/ner.md). The margins are small: models of the same recipe
trained with other seeds score 0.69 to 0.71 (docs/ner.md), so a retrained model must
be checked against these targets before it is shipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ner_eval import evaluate_file

TEST = Path(__file__).resolve().parents[2] / "shared" / "data" / "anercorp" / "test.txt"
ACCEPTANCE = {"micro": 0.70, "PERS": 0.65, "LOC": 0.85}


@pytest.mark.slow
@pytest.mark.skipif(not TEST.exists(), reason=f"{TEST} not present (shared data absent)")
def test_ner_anercorp_test_scores():
    scores = evaluate_file(TEST)
    for name, target in ACCEPTANCE.items():
        assert scores[name]["f1"] >= target, (name, scores[name])
