"""Bad input and unsafe queries: one clear line naming the file, the right exit code,
the rest of the batch still built, nothing already written lost, nothing fetched."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile

import pytest
from conftest import ROOT, SAMPLE
from rdflib import Graph

from kg.cli import main

TEXT = "قال الرئيس الروسي فلاديمير بوتين إن الاتصال كان جيدا."


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("kg: error:")]


@pytest.fixture()
def good(tmp_path):
    path = tmp_path / "in" / "good_2025-03-18.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "png.txt": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
    "broken_utf8.txt": (TEXT.encode() + b"\xff\xfe\xfd" + TEXT.encode(), "byte"),
    "bad.jsonl": (json.dumps({"id": "a", "text": TEXT}).encode() + b"\n{not json\n", "line 2"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_robustness_bad_file_one_line_and_batch_goes_on(capsys, tmp_path, good, name):
    content, message = BAD_FILES[name]
    bad = good.parent / name
    bad.write_bytes(content)
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", good.parent, "-o", out, "-q")
    lines = error_lines(err)
    assert code == 1 and "Traceback" not in err
    assert any(name in line and message in line for line in lines), err
    assert out.exists() and "Vladimir Putin" in out.read_text(encoding="utf-8")


def test_robustness_strict_stops_at_the_first_bad_file(capsys, tmp_path, good):
    (good.parent / "a_empty.txt").write_bytes(b"")
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", good.parent, "-o", out, "--strict")
    assert code == 1 and len(error_lines(err)) == 1 and not out.exists()


def test_robustness_mixed_encodings_in_one_folder(capsys, tmp_path, good):
    (good.parent / "b_2025-03-18.txt").write_bytes(TEXT.encode("cp1256"))
    (good.parent / "c_2025-03-18.txt").write_bytes(TEXT.encode("utf-16"))
    (good.parent / "d_2025-03-18.txt").write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", good.parent, "-o", out)
    assert code == 0, err
    assert "4 documents" in err


def test_robustness_huge_file_is_refused_by_name(capsys, tmp_path, good):
    big = good.parent / "big.txt"
    line = (TEXT + "\n").encode()
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", good.parent, "-o", out, "-q")
    assert code == 1 and any("big.txt" in x and "too long" in x for x in error_lines(err))
    assert out.exists()


def test_robustness_one_long_line_without_punctuation(capsys, tmp_path):
    path = tmp_path / "line.txt"
    path.write_text(
        ("كلمة عربية طويلة بلا ترقيم قال بوتين اتفقا على " * 5000)[:200_000], encoding="utf-8"
    )
    started = time.monotonic()
    code, _, err = run(capsys, "build", path, "-o", tmp_path / "g.ttl", "-q")
    assert code == 0, err
    assert time.monotonic() - started < 60


def test_robustness_html_is_read_as_text(capsys, caplog, tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>"
        f"<p>{TEXT}</p><script>alert(1)</script></body></html>"
    )
    (tmp_path / "page_2025-03-18.html").write_text(page, encoding="utf-8")
    (tmp_path / "saved_2025-03-18.txt").write_text(page, encoding="utf-8")
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", tmp_path, "-o", out)
    assert code == 0 and caplog.text.count("HTML markup ignored") == 2
    graph = out.read_text(encoding="utf-8")
    assert "Vladimir Putin" in graph and "alert" not in graph and "<p>" not in graph


def test_robustness_zip_with_a_bad_member(capsys, tmp_path):
    archive = tmp_path / "day.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("good.json", json.dumps([{"id": "a", "text": TEXT}]))
        handle.writestr("bad.json", "this is not json")
        handle.writestr("notes.bin", b"\x00\x01")
    out = tmp_path / "g.ttl"
    code, _, err = run(capsys, "build", archive, "-o", out, "-q")
    assert code == 1 and any("day.zip!bad.json" in x for x in error_lines(err))
    assert out.exists()


def test_robustness_gold_with_a_missing_key(capsys, tmp_path):
    graph = tmp_path / "g.ttl"
    assert main(["build", str(SAMPLE), "-o", str(graph), "-q"]) == 0
    capsys.readouterr()
    gold = tmp_path / "gold.yaml"
    gold.write_text("document: x.txt\nentities:\n  - {key: a, class: Leader}\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", graph, gold)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "labels" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "x.txt"],
        ["query"],
        ["export", "g.ttl", "--format", "pdf", "-o", "x"],
        ["nonsense-command"],
        ["build", "--no-such-option", "x", "-o", "y"],
    ],
)
def test_robustness_usage_errors_exit_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2 and "Traceback" not in err


def test_robustness_query_time_limit(capsys, tmp_path):
    graph = tmp_path / "g.ttl"
    assert main(["build", str(SAMPLE), "-o", str(graph), "-q"]) == 0
    slow = tmp_path / "slow.rq"
    slow.write_text(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        encoding="utf-8",
    )
    started = time.monotonic()
    code, _, err = run(capsys, "query", graph, "--sparql", slow, "--timeout", "1")
    assert code == 1 and "time limit" in err and time.monotonic() - started < 10


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_robustness_queries_never_reach_the_network(capsys, tmp_path, monkeypatch, query):
    graph = tmp_path / "g.ttl"
    graph.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    rq = tmp_path / "q.rq"
    rq.write_text(query, encoding="utf-8")
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    code, _, err = run(capsys, "query", graph, "--sparql", rq)
    assert code == 1 and "not allowed" in err and len(err.strip().splitlines()) == 1


def _no_network(*args, **kwargs):
    raise AssertionError("the tool tried to reach the network")


def test_robustness_untrusted_rdf_fetches_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    imports = tmp_path / "imports.ttl"
    imports.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<urn:me> owl:imports <http://example.org/ontology.ttl> .\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "query", imports, "leaders")
    assert code == 0, err
    xxe = tmp_path / "evil.rdf"
    xxe.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://example.org/">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;</rdf:RDF>',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", xxe)
    assert code == 1 and "evil.rdf" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_robustness_sigkill_during_build_keeps_the_previous_graph(tmp_path):
    out = tmp_path / "g.ttl"
    assert main(["build", str(SAMPLE), "-o", str(out), "-q"]) == 0
    before = out.read_bytes()
    text = SAMPLE.read_text(encoding="utf-8")
    corpus = tmp_path / "many.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(3000):
            handle.write(json.dumps({"id": f"d{i}", "text": text, "date": "2025-03-18"}) + "\n")
    kg = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]
    child = subprocess.Popen(
        [*kg, "build", str(corpus), "-o", str(out), "-q"], cwd=ROOT, stderr=subprocess.DEVNULL
    )
    time.sleep(3)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert out.read_bytes() == before
    assert len(Graph().parse(out)) > 100
