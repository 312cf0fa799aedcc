"""Shared fixtures: the pipeline, the sample article, the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "ar_trump_putin_call_2025-03-18.txt"
DOCS = Path(__file__).resolve().parent / "data" / "docs"


def shared_dir() -> Path:
    """The shared folder (spec, gold, data): $DIPLOKG_SHARED or the repo's sibling."""
    return Path(os.environ.get("DIPLOKG_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import get_pipeline

    return get_pipeline("ar")


@pytest.fixture()
def annotate(nlp):
    """Annotate a text as a document of a given date: returns the spaCy Doc."""
    from kg.extract import prepare
    from kg.records import Document

    def run(text: str, date: str | None = "2025-03-18"):
        return nlp(prepare(nlp, Document(id="t", text=text, date=date)))

    return run


@pytest.fixture()
def records():
    """Extract the records of texts given as (id, date, text) or of paths."""
    from kg.extract import extract_documents
    from kg.records import Document

    def run(*docs):
        documents = [Document(id=i, text=t, date=d) for i, d, t in docs]
        return list(extract_documents(documents))

    return run
