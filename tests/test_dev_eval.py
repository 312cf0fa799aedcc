"""`make dev-eval` (tools/dev_eval.py): the development set built article by article."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import shared_dir

TOOL = Path(__file__).resolve().parent.parent / "tools" / "dev_eval.py"


def _tool():
    spec = importlib.util.spec_from_file_location("dev_eval", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold_dir() -> Path:
    folder = shared_dir() / "gold" / "dev"
    if not (folder / "materialize.py").exists() or not (shared_dir() / "data").exists():
        pytest.skip("../shared/gold/dev and ../shared/data not present")
    return folder


def test_dev_eval_table_has_a_row_per_document_and_the_micro_row(gold_dir, tmp_path, capsys):
    code = _tool().main(["--gold", str(gold_dir), "--cache", str(tmp_path), "--only", "dev_01"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0 and (tmp_path / "dev_01.txt").exists()
    assert out[0].split()[:3] == ["document", "Lead", "Reg"]
    assert [line.split()[0] for line in out[1:3]] == ["dev_01", "micro"]
    assert out[3].startswith("agreements tp ")


def test_dev_eval_json_sums_the_documents(gold_dir, tmp_path, capsys):
    tool = _tool()
    code = tool.main(
        ["--gold", str(gold_dir), "--cache", str(tmp_path), "--json", "--only", "dev_01", "dev_02"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and [d["document"] for d in data["documents"]] == ["dev_01.txt", "dev_02.txt"]
    for metric in ("agreements", "conditions", "statements"):
        assert data["micro"][metric]["tp"] == sum(d[metric]["tp"] for d in data["documents"])


def test_dev_eval_missing_gold_folder_is_one_line(tmp_path, capsys):
    assert _tool().main(["--gold", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "dev-eval: error:" in err
