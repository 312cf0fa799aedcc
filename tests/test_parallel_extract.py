"""Extraction on worker processes: a pure batch function, the same records and graph."""

from __future__ import annotations

from conftest import DOCS, SAMPLE

from kg.build import collect, serialize, to_graph
from kg.cli import main
from kg.parallel import batches, collect_parallel, extract_batch, to_document, to_item
from kg.read import read_paths


def documents():
    return list(read_paths([SAMPLE, DOCS]))


def test_parallel_items_round_trip():
    for document in documents():
        item = to_item(document)
        assert isinstance(item, tuple) and item[0] == document.id and item[1] == document.text
        assert to_document(item) == document


def test_parallel_extract_batch_is_extraction_in_order():
    docs = documents()
    got = extract_batch([to_item(d) for d in reversed(docs)])
    assert [r.document.id for r in got] == [d.id for d in reversed(docs)]
    assert {r.document.id: r for r in got} == {r.document.id: r for r in collect(docs)}


def test_parallel_batches_cover_all_documents():
    docs = documents()
    sizes = [len(b) for b in batches(docs, size=3)]
    assert sum(sizes) == len(docs) and max(sizes) <= 3 and len(sizes) == -(-len(docs) // 3)


def test_parallel_collect_gives_the_same_graph():
    docs, seen = documents(), []
    records = collect_parallel(docs, jobs=2, batch_size=1, progress=seen.append)
    assert len(seen) == len(records) == len(docs)
    assert sorted(r.document.id for r in records) == sorted(d.id for d in docs)
    assert serialize(to_graph(records)) == serialize(to_graph(collect(docs)))


def test_parallel_cli_jobs_output_is_byte_identical(tmp_path):
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    assert main(["build", str(SAMPLE), str(DOCS), "-o", str(one), "-q"]) == 0
    assert main(["build", str(SAMPLE), str(DOCS), "-o", str(two), "-q", "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
