"""The notebooks run headless from top to bottom and are stored without outputs.

Each runs in a fresh kernel (nbclient) from the notebooks/ folder, with its pictures
and exports sent to a temporary folder through ``DIPLOKG_OUT``; a failing cell fails
the test with the cell's traceback.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _run(name: str, out: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("DIPLOKG_OUT", str(out))
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return notebook


def _text(notebook: nbformat.NotebookNode) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
            parts.append(output.get("data", {}).get("text/html", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["01_sample.ipynb", "02_corpus.ipynb"])
def test_notebooks_are_stored_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code
    assert all(not c.outputs and c.execution_count is None for c in code)


def test_notebooks_sample_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = _run("01_sample.ipynb", tmp_path, monkeypatch)
    text = _text(notebook)
    assert "disputed: 1 agreement(s)" in text
    assert "<table>" in text and 'dir="auto"' in text
    assert (tmp_path / "sample.png").read_bytes().startswith(PNG_SIGNATURE)
    assert {"sample.gexf", "sample.graphml"} <= {p.name for p in tmp_path.iterdir()}


@pytest.mark.slow
def test_notebooks_corpus_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = _run("02_corpus.ipynb", tmp_path, monkeypatch)
    text = _text(notebook)
    assert "agreements per status:" in text
    assert "<th>betweenness</th>" in text
    for png in ("corpus_status.png", "corpus.png"):
        assert (tmp_path / png).read_bytes().startswith(PNG_SIGNATURE)


def test_notebooks_corpus_falls_back_to_shipped_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPLOKG_SHARED", str(tmp_path / "no-shared-here"))
    notebook = _run("02_corpus.ipynb", tmp_path, monkeypatch)
    text = _text(notebook)
    assert "the sample article and tests/data/docs" in text
    assert "4 documents" in text
