"""A whole SaudiNewsNet day through `kg build`: no error, figures reported, valid graph."""

from __future__ import annotations

import re

import pytest
from conftest import shared_dir

from kg.cli import main

DAY = shared_dir() / "data" / "saudinewsnet" / "2015-07-21.zip"


@pytest.mark.slow
@pytest.mark.skipif(not DAY.exists(), reason="SaudiNewsNet not present in ../shared/data")
def test_pipeline_corpus_day_builds_and_validates(capsys, tmp_path):
    out = tmp_path / "day.ttl"
    assert main(["build", str(DAY), "-o", str(out), "-q"]) == 0
    err = capsys.readouterr().err
    found = re.search(r"(\d+) documents, (\d+) sentences, \d+ words, (\d+) entity mentions", err)
    assert found, err
    documents, sentences, mentions = map(int, found.groups())
    assert documents > 1500 and sentences > documents and mentions > documents
    assert main(["validate", str(out)]) == 0
