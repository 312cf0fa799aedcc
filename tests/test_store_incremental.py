"""The on-disk store: incremental adds, re-adds, changed documents, kills, readers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DOCS, ROOT, SAMPLE
from rdflib.compare import isomorphic

from kg import store
from kg.build import collect, to_graph
from kg.query import named, run
from kg.read import read_paths


def documents(*paths):
    return list(read_paths(paths))


def memory_graph(docs):
    return to_graph(collect(docs))


def graph_dirs(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob("graph-*"))


STATUS = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT ?a ?s WHERE { ?a dkg:status ?s } ORDER BY ?a"""


def test_store_incremental_add_equals_memory_build(tmp_path):
    first, more = documents(SAMPLE), documents(DOCS)
    stats = store.update(tmp_path, first, collect)
    assert (stats.added, stats.unchanged, stats.graph_rewritten) == (1, 0, True)
    one = store.load_rdflib(tmp_path)
    assert isomorphic(one, memory_graph(first))

    stats = store.update(tmp_path, more, collect)
    assert (stats.added, stats.unchanged, stats.documents) == (len(more), 0, 1 + len(more))
    both = store.load_rdflib(tmp_path)
    expected = memory_graph(first + more)
    assert set(both) == set(expected) and isomorphic(both, expected)
    assert stats.triples == len(expected)
    # statuses were recomputed over all documents, not only the added ones
    assert store.run(tmp_path, STATUS) == run(expected, STATUS)
    alone = to_graph(collect(first))
    assert set(both) - set(alone) and set(alone) - set(both)


def test_store_readd_adds_nothing(tmp_path):
    docs = documents(SAMPLE, DOCS)
    store.update(tmp_path, docs, collect)
    before, dirs = store.load_rdflib(tmp_path), graph_dirs(tmp_path)
    calls = []

    def extract(items):
        items = list(items)
        calls.append(len(items))
        return collect(items)

    stats = store.update(tmp_path, reversed(docs), extract)
    assert (stats.added, stats.changed, stats.unchanged) == (0, 0, len(docs))
    assert not stats.graph_rewritten and calls == [0]
    assert graph_dirs(tmp_path) == dirs
    after = store.load_rdflib(tmp_path)
    assert len(after) == len(before) and set(after) == set(before)


def test_store_changed_document_replaces_its_triples(tmp_path):
    docs = documents(SAMPLE, DOCS)
    store.update(tmp_path, docs, collect)
    edited = replace(docs[0], text=docs[0].text.split("\n\n")[0], title="edited")
    stats = store.update(tmp_path, [edited], collect)
    assert (stats.added, stats.changed, stats.graph_rewritten) == (0, 1, True)
    expected = memory_graph([edited, *docs[1:]])
    assert set(store.load_rdflib(tmp_path)) == set(expected)
    assert store.documents_count(tmp_path) == len(docs)


def test_store_reader_keeps_its_graph_while_a_build_replaces_it(tmp_path):
    store.update(tmp_path, documents(SAMPLE), collect)
    reader = store.open_graph(tmp_path)
    old = store.run(tmp_path, *named("agreements"), store=reader)
    store.update(tmp_path, documents(DOCS), collect)
    assert store.run(tmp_path, *named("agreements"), store=reader) == old
    new = store.run(tmp_path, *named("agreements"))
    assert len(new.rows) > len(old.rows)


KILLER = """
import os, signal, sys
from kg import store
from kg.build import collect
from kg.read import read_paths

real = store._write_graph_dir

def write_then_die(*args):
    real(*args)  # the new graph directory is complete, but not yet published
    os.kill(os.getpid(), signal.SIGKILL)

store._write_graph_dir = write_then_die
store.update(sys.argv[1], read_paths([sys.argv[2]]), collect)
"""


def test_store_killed_build_leaves_previous_content(tmp_path):
    root = tmp_path / "store"
    store.update(root, documents(SAMPLE), collect)
    before, dirs = store.load_rdflib(root), graph_dirs(root)
    script = tmp_path / "kill.py"
    script.write_text(textwrap.dedent(KILLER), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(root), str(DOCS)], cwd=ROOT, capture_output=True
    )
    assert proc.returncode == -9, proc.stderr.decode()
    assert len(graph_dirs(root)) == len(dirs) + 1  # the orphan, never pointed at
    assert store.documents_count(root) == 1
    assert set(store.load_rdflib(root)) == set(before)
    stats = store.update(root, documents(DOCS), collect)
    assert stats.added == len(documents(DOCS)) and stats.graph_rewritten
    assert len(graph_dirs(root)) == 2  # the new graph and the previous one; orphan gone


def test_store_missing_is_one_clear_error(tmp_path):
    from kg.errors import InputError

    with pytest.raises(InputError, match="not a store"):
        store.load_rdflib(tmp_path / "nothing")
    with pytest.raises(InputError, match="not a store"):
        store.run(tmp_path, "ASK { ?s ?p ?o }")
