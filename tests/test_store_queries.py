"""Queries on the store (Oxigraph) give the rows rdflib gives; the same refusals apply."""

from __future__ import annotations

import json

import pytest
from conftest import DOCS, SAMPLE, shared_dir

from kg import query as q
from kg import store
from kg.build import collect, to_graph
from kg.cli import main
from kg.errors import QueryError
from kg.read import read_paths

DAY = shared_dir() / "data" / "saudinewsnet" / "2015-07-21.zip"
# List columns of the named queries (the CLI test compares the other columns).
LISTS = {"parties": ", ", "asserted_by": "; ", "disputed_by": "; ", "conflicts": ", ",
         "evidence": " || "}  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A store and the in-memory graph of the same documents."""
    root = tmp_path_factory.mktemp("store")
    records = collect(read_paths([SAMPLE, DOCS]))
    store.update(root, [r.document for r in records], collect)
    return root, to_graph(records)


@pytest.mark.parametrize("name", q.names())
def test_store_named_query_rows_equal_rdflib(corpus, name):
    root, graph = corpus
    text, bindings = q.named(name)
    expected = q.run(graph, text, bindings)
    got = store.run(root, text, bindings)
    assert got.variables == expected.variables
    assert got == expected  # lists are sorted by the queries themselves
    if name in {"agreements", "disputed", "unconfirmed"}:
        assert expected.rows, f"{name}: the test graph should give rows"


def test_store_query_ask_and_literal_forms(corpus):
    root, graph = corpus
    sparql = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
    SELECT ?s ?start ?date ?fn WHERE { ?s dkg:charStart ?start ; dkg:date ?date ;
      dkg:source/dkg:fileName ?fn } ORDER BY ?s ?start ?date ?fn"""
    assert store.run(root, sparql) == q.run(graph, sparql)
    plain = 'PREFIX dkg: <https://w3id.org/diplokg/ontology#> ASK { ?a dkg:actType "halt" }'
    assert store.run(root, plain) == q.run(graph, plain) == q.Result(("ask",), (("true",),))


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "not allowed"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p }", "syntax error"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT and ASK"),
    ],
)
def test_store_query_refusals(corpus, sparql, message):
    with pytest.raises(QueryError, match=message):
        store.run(corpus[0], sparql)


def test_store_query_time_limit(corpus):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryError, match="time limit"):
        store.run(corpus[0], slow, timeout=0.5)


def test_store_cli_build_query_export_validate(tmp_path, capsys):
    root, ttl = tmp_path / "st", tmp_path / "g.ttl"
    assert main(["build", str(SAMPLE), "--store", str(root), "-q"]) == 0
    assert main(["build", str(SAMPLE), str(DOCS), "--store", str(root), "-o", str(ttl)]) == 0
    err = capsys.readouterr().err
    assert "1 unchanged" in err and "graph rewritten" in err
    assert main(["build", str(SAMPLE), str(DOCS), "--store", str(root), "-q"]) == 0
    assert "0 added, 0 changed" in capsys.readouterr().err
    for name in ("disputed", "statements"):
        assert main(["query", "--store", str(root), name, "--format", "json"]) == 0
        got = json.loads(capsys.readouterr().out)
        assert main(["query", str(ttl), name, "--format", "json"]) == 0
        expected = json.loads(capsys.readouterr().out)
        assert [r[v] for r in got for v in r if v not in LISTS] == [
            r[v] for r in expected for v in r if v not in LISTS
        ]
        assert got
    assert main(["validate", "--store", str(root)]) == 0
    assert "conforms" in capsys.readouterr().out
    out = tmp_path / "g.graphml"
    assert main(["export", "--store", str(root), "--format", "graphml", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert main(["query", "--store", str(tmp_path / "none"), "disputed"]) == 1
    assert "not a store" in capsys.readouterr().err
    assert main(["validate"]) == 2


@pytest.mark.slow
@pytest.mark.skipif(not DAY.exists(), reason="SaudiNewsNet not present in ../shared/data")
def test_store_named_queries_equal_rdflib_on_a_corpus_day(tmp_path):
    records = collect(read_paths([DAY]))
    store.update(tmp_path, [r.document for r in records], collect)
    graph = to_graph(records)
    for name in q.names():
        text, bindings = q.named(name)
        expected = q.run(graph, text, bindings)
        assert store.run(tmp_path, text, bindings) == expected, name
