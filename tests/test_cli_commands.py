"""The kg command: build, validate, query, export, eval; one-line errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from conftest import DOCS, SAMPLE, shared_dir
from rdflib import Graph

from kg.cli import main
from kg.namespace import DKG


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("g") / "sample.ttl"
    assert main(["build", str(SAMPLE), "-o", str(path), "-q"]) == 0
    return path


def test_cli_build_reports_and_is_deterministic(capsys, tmp_path, sample_graph):
    out = tmp_path / "again.ttl"
    code, _, err = run(capsys, "build", SAMPLE, "-o", out)
    assert code == 0
    assert "1 documents" in err and "sentences" in err and "entity mentions" in err
    assert out.read_bytes() == sample_graph.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("empty.txt", b"", "empty"), ("blob.txt", b"\x00\x01\x02\xff" * 64, "binary")],
)
def test_cli_build_bad_input_is_one_line_and_keeps_old_output(
    capsys, tmp_path, name, content, message
):
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "g.ttl"
    out.write_text("previous graph", encoding="utf-8")
    code, stdout, err = run(capsys, "build", bad, "-o", out)
    assert code == 1
    assert "Traceback" not in err and name in err and message in err
    assert out.read_text(encoding="utf-8") == "previous graph"


def test_cli_build_reads_legacy_encodings(capsys, tmp_path):
    text = "قال الرئيس الروسي فلاديمير بوتين إن الاتصال كان جيدا."
    (tmp_path / "a_2025-03-18.txt").write_bytes(text.encode("cp1256"))
    (tmp_path / "b_2025-03-18.txt").write_bytes(text.encode("utf-16"))
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", tmp_path, "-o", out)
    assert code == 0, err
    code, stdout, _ = run(capsys, "query", out, "leaders", "--format", "tsv")
    assert "Vladimir Putin" in stdout


def test_cli_build_one_bad_file_does_not_stop_the_batch(capsys, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", tmp_path, "-o", out)
    assert code == 1 and "empty.txt" in err and out.exists()


def test_cli_validate_reports_a_missing_required_triple(capsys, tmp_path, sample_graph):
    code, out, _ = run(capsys, "validate", sample_graph)
    assert code == 0 and "conforms" in out
    graph = Graph().parse(sample_graph)
    statement = next(graph.subjects(DKG.speaker, None))
    graph.remove((statement, DKG.speaker, None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    code, out, err = run(capsys, "validate", broken)
    assert code == 1
    assert "dkg:speaker" in out and "exactly one dkg:speaker" in out and "Traceback" not in err


def test_cli_query_named_disputed_shows_why(capsys, sample_graph):
    code, out, _ = run(capsys, "query", sample_graph, "disputed")
    assert code == 0
    assert "Disputed" in out and "scope" in out and "Russia: Kremlin" in out
    assert "United States: Donald Trump" in out and "(1 rows)" in out


@pytest.mark.parametrize(
    "name",
    ["unconfirmed", "confirmed", "agreements", "statements", "leaders", "regions", "conditions"],
)
def test_cli_query_every_named_query_runs(capsys, sample_graph, name):
    code, out, err = run(capsys, "query", sample_graph, name, "--format", "json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)


def test_cli_query_user_sparql_and_refusals(capsys, tmp_path, sample_graph):
    good = tmp_path / "count.rq"
    good.write_text(
        "PREFIX dkg: <https://w3id.org/diplokg/ontology#>\n"
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a dkg:Agreement }",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "query", sample_graph, "--sparql", good, "--format", "tsv")
    assert code == 0 and out.splitlines()[1].isdigit()
    cases = {
        "bad.rq": ("SELECT ?x WHERE { ?x ", "syntax"),
        "service.rq": (
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "SERVICE",
        ),
        "update.rq": ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "Update"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        code, _, err = run(capsys, "query", sample_graph, "--sparql", tmp_path / name)
        assert code == 1 and message in err and len(err.strip().splitlines()) == 1


def test_cli_query_unknown_name_is_a_usage_error(capsys, sample_graph):
    code, _, err = run(capsys, "query", sample_graph, "nonsense")
    assert code == 2 and "disputed" in err


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_cli_export_loads_back(capsys, tmp_path, sample_graph, fmt):
    out = tmp_path / f"g.{fmt}"
    code, _, err = run(capsys, "export", sample_graph, "--format", fmt, "-o", out)
    assert code == 0 and "nodes" in err
    if fmt == "gexf":
        graph = nx.read_gexf(out)
    elif fmt == "graphml":
        graph = nx.read_graphml(out)
    else:
        graph = json.loads(out.read_text(encoding="utf-8"))
    assert len(graph["nodes"] if isinstance(graph, dict) else graph.nodes) > 10


def test_cli_missing_graph_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "query", tmp_path / "nope.ttl", "leaders")
    assert code == 1 and "nope.ttl" in err and "Traceback" not in err


# The sample's gold, copied from ../shared/gold so that the acceptance lines always run.
GOLD = Path(__file__).resolve().parent / "data" / "gold" / "ar_trump_putin_call_2025-03-18.yaml"


def test_cli_gold_copy_is_the_shared_gold():
    shared = shared_dir() / "gold" / GOLD.name
    if not shared.exists():
        pytest.skip("shared gold not present")
    assert GOLD.read_bytes() == shared.read_bytes()


def test_cli_eval_sample_meets_the_acceptance_lines(capsys, sample_graph):
    code, out, _ = run(capsys, "eval", sample_graph, GOLD, "--json")
    assert code == 0
    micro = json.loads(out)["micro"]
    assert micro["leader"]["f1"] == 1.0
    assert micro["region"]["f1"] >= 0.95
    assert micro["agreements"]["f1"] >= 0.85
    for metric in ("agreement_status", "agreement_sides", "agreement_parties"):
        assert micro[metric]["accuracy"] >= 0.80
    assert micro["agreement_merged"]["accuracy"] == 1.0
    assert micro["conditions"]["f1"] >= 0.80
    assert micro["condition_set_by"]["accuracy"] >= 0.80
    assert micro["condition_disputed"]["accuracy"] >= 0.80
    assert micro["statement_speaker"]["accuracy"] >= 0.85


def test_cli_cross_document_confirmation_and_denial(capsys, tmp_path):
    confirm = DOCS / "ar_us_confirms_prisoners_2025-03-19.txt"
    deny = DOCS / "ar_kyiv_denies_prisoners_2025-03-20.txt"
    first, second, third = (tmp_path / n for n in ("1.ttl", "2.ttl", "3.ttl"))
    assert main(["build", str(SAMPLE), str(confirm), "-o", str(first), "-q"]) == 0
    code, out, _ = run(capsys, "query", first, "confirmed", "--format", "tsv")
    rows = out.strip().splitlines()[1:]
    assert len(rows) == 1 and "175" in rows[0]
    assert main(["build", str(deny), str(confirm), str(SAMPLE), "-o", str(second), "-q"]) == 0
    assert main(["build", str(SAMPLE), str(confirm), str(deny), "-o", str(third), "-q"]) == 0
    assert second.read_bytes() == third.read_bytes()
    code, out, _ = run(capsys, "query", second, "disputed", "--format", "tsv")
    assert "175" in out and "Ukrainian Ministry of Foreign Affairs" in out
    code, out, _ = run(capsys, "query", second, "confirmed", "--format", "tsv")
    assert "175" not in out
