"""The shipped NER model loads offline from the package and says what it was trained on."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

import kg
from kg.nlp import build_pipeline
from kg.nlp.ner import MODEL_DIR, load_model

PACKAGE = Path(kg.__file__).resolve().parent


def test_ner_model_is_inside_the_package_and_small():
    assert MODEL_DIR.is_relative_to(PACKAGE)
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 30 * 2**20


def test_ner_model_meta_states_data_and_licence():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert any("ANERcorp" in source["name"] for source in meta["sources"])


def test_ner_model_loads_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the NER model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    load_model.cache_clear()
    model = load_model()
    assert set(model.get_pipe("ner").labels) == {"PERS", "LOC", "ORG", "MISC"}
    assert "dkg_ner" in build_pipeline("ar").pipe_names


def test_ner_model_missing_is_one_clear_error(tmp_path):
    from kg.errors import KgError

    with pytest.raises(KgError, match="make train"):
        load_model(str(tmp_path))
