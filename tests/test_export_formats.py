"""Exports of the knowledge graph: the networkx projection, GEXF, GraphML and JSON.

Every file is checked by reading it back with networkx, never by comparing XML text.
"""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL

from kg.errors import UsageError
from kg.export import FORMATS, export, to_networkx, triples_to_networkx
from kg.export.gexf import PALETTE
from kg.export.jsonfmt import LINK_FIELDS
from kg.export.nx import as_networkx, dkg_term
from kg.namespace import DKG, DKGR, WD

# rdflib.XSD is a DefinedNamespace: left at module level, pytest's collection probes it
# for mock attributes and rdflib warns.
XSD_DATE = rdflib.XSD.date
GEXF_NS = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}

TRUMP, PUTIN = DKGR["leader/trump"], DKGR["leader/putin"]
USA, RUSSIA = DKGR["region/usa"], DKGR["region/russia"]
KREMLIN = DKGR["org/kremlin"]
DOC = DKGR["doc/a"]
S1, S2, S3 = DKGR["statement/1"], DKGR["statement/2"], DKGR["statement/3"]
EXCHANGE, TRUCE, TALKS = (
    DKGR["agreement/exchange"],
    DKGR["agreement/truce"],
    DKGR["agreement/talks"],
)
STOP_ARMS = DKGR["condition/stop-arms"]

EVIDENCE_1 = "قال ترامب إن الطرفين اتفقا على تبادل الأسرى."
EVIDENCE_2 = "وقال الكرملين إن بوتين وافق على وقف استهداف منشآت الطاقة."
EVIDENCE_3 = "ونفت موسكو لاحقا الاتفاق ما لم يتوقف تسليح كييف."


def _triples() -> list[tuple]:
    """A small contract graph: two leaders, two regions, an organization, a document,
    three statements, three agreements (Confirmed, Disputed, Unconfirmed), a condition."""
    date = lambda text: Literal(text, datatype=XSD_DATE)  # noqa: E731
    triples = [
        (DOC, RDF.type, DKG.Document),
        (DOC, dkg_term("fileName"), Literal("a.txt")),
        (TRUMP, RDF.type, DKG.Leader),
        (TRUMP, RDFS.label, Literal("ترامب", lang="ar")),
        (TRUMP, RDFS.label, Literal("Donald Trump", lang="en")),
        (TRUMP, OWL.sameAs, WD.Q22686),
        (TRUMP, DKG.leaderOf, USA),
        (PUTIN, RDF.type, DKG.Leader),
        (PUTIN, RDFS.label, Literal("بوتين", lang="ar")),
        (PUTIN, RDFS.label, Literal("Vladimir Putin", lang="en")),
        (PUTIN, OWL.sameAs, WD.Q7747),
        (PUTIN, DKG.leaderOf, RUSSIA),
        (USA, RDF.type, DKG.Region),
        (USA, RDFS.label, Literal("الولايات المتحدة", lang="ar")),
        (USA, OWL.sameAs, WD.Q30),
        # Russia has only an English label: the display label falls back to it.
        (RUSSIA, RDF.type, DKG.Region),
        (RUSSIA, RDFS.label, Literal("Russia", lang="en")),
        (KREMLIN, RDF.type, DKG.Organization),
        (KREMLIN, RDFS.label, Literal("الكرملين", lang="ar")),
        (KREMLIN, DKG.speaksFor, PUTIN),
        (KREMLIN, DKG.speaksFor, RUSSIA),
    ]
    statements = [
        (S1, TRUMP, USA, EVIDENCE_1, 0, 45, "2025-03-18"),
        (S2, KREMLIN, RUSSIA, EVIDENCE_2, 46, 105, "2025-03-18"),
        (S3, KREMLIN, RUSSIA, EVIDENCE_3, 106, 155, "2025-03-19"),
    ]
    for iri, speaker, side, evidence, start, end, day in statements:
        triples += [
            (iri, RDF.type, DKG.Statement),
            (iri, DKG.speaker, speaker),
            (iri, DKG.side, side),
            (iri, DKG.evidence, Literal(evidence)),
            (iri, DKG.source, DOC),
            (iri, DKG.charStart, Literal(start)),
            (iri, DKG.charEnd, Literal(end)),
            (iri, DKG.date, date(day)),
        ]
    triples += [
        (S1, DKG.asserts, EXCHANGE),
        (S1, DKG.asserts, TALKS),
        (S2, DKG.asserts, EXCHANGE),
        (S2, DKG.asserts, TRUCE),
        (S3, DKG.disputes, TRUCE),
    ]
    agreements = [
        (EXCHANGE, "تبادل الأسرى", DKG.Confirmed, EVIDENCE_1),
        (TRUCE, "وقف استهداف منشآت الطاقة", DKG.Disputed, EVIDENCE_2),
        (TALKS, "محادثات", DKG.Unconfirmed, EVIDENCE_1),
    ]
    for iri, label, status, evidence in agreements:
        triples += [
            (iri, RDF.type, DKG.Agreement),
            (iri, RDFS.label, Literal(label, lang="ar")),
            (iri, DKG.party, TRUMP),
            (iri, DKG.party, PUTIN),
            (iri, DKG.concerns, RUSSIA),
            (iri, DKG.status, status),
            (iri, DKG.evidence, Literal(evidence)),
            (iri, DKG.source, DOC),
        ]
    triples += [
        (EXCHANGE, DKG.date, date("2025-03-19")),
        (EXCHANGE, dkg_term("mentionCount"), Literal(3)),
        (TRUCE, dkg_term("durationDays"), Literal(30)),
        (TRUCE, dkg_term("startDate"), date("2025-03-18")),
        (TRUCE, DKG.hasCondition, STOP_ARMS),
        (STOP_ARMS, RDF.type, DKG.Condition),
        (STOP_ARMS, RDFS.label, Literal("وقف تسليح كييف", lang="ar")),
        (STOP_ARMS, DKG.setBy, PUTIN),
        (STOP_ARMS, DKG.evidence, Literal(EVIDENCE_3)),
        (STOP_ARMS, DKG.source, DOC),
    ]
    return triples


def _graph(seed: int | None = None) -> Graph:
    triples = _triples()
    if seed is not None:
        random.Random(seed).shuffle(triples)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


@pytest.fixture
def graph() -> Graph:
    return _graph()


def _edge_set(G: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, v, k) for u, v, k in G.edges(keys=True)}


def _assert_attrs_kept(expected: dict, actual: dict, where: str) -> None:
    for key, value in expected.items():
        assert key in actual, f"{where}: attribute {key!r} lost"
        assert actual[key] == value, f"{where}: {key!r} is {actual[key]!r}, expected {value!r}"


# --------------------------------------------------------------------------- projection


def test_export_projection_nodes_and_classes(graph: Graph) -> None:
    G = to_networkx(graph)
    classes = {n: d["cls"] for n, d in G.nodes(data=True)}
    assert classes == {
        str(TRUMP): "Leader",
        str(PUTIN): "Leader",
        str(USA): "Region",
        str(RUSSIA): "Region",
        str(KREMLIN): "Organization",
        str(EXCHANGE): "Agreement",
        str(TRUCE): "Agreement",
        str(TALKS): "Agreement",
        str(STOP_ARMS): "Condition",
    }


def test_export_projection_edges(graph: Graph) -> None:
    G = to_networkx(graph)
    s = str
    expected = {
        (s(TRUMP), s(EXCHANGE), "asserts"),
        (s(TRUMP), s(TALKS), "asserts"),
        (s(KREMLIN), s(EXCHANGE), "asserts"),
        (s(KREMLIN), s(TRUCE), "asserts"),
        (s(KREMLIN), s(TRUCE), "disputes"),
        (s(TRUMP), s(USA), "leaderOf"),
        (s(PUTIN), s(RUSSIA), "leaderOf"),
        (s(KREMLIN), s(PUTIN), "speaksFor"),
        (s(KREMLIN), s(RUSSIA), "speaksFor"),
        (s(TRUCE), s(STOP_ARMS), "hasCondition"),
        (s(STOP_ARMS), s(PUTIN), "setBy"),
    }
    for agreement in (EXCHANGE, TRUCE, TALKS):
        expected |= {
            (s(agreement), s(TRUMP), "party"),
            (s(agreement), s(PUTIN), "party"),
            (s(agreement), s(RUSSIA), "concerns"),
        }
    assert _edge_set(G) == expected
    assert all(d["rel"] == k.split("-")[0] for _, _, k, d in G.edges(keys=True, data=True))


def test_export_projection_statement_edge_attributes(graph: Graph) -> None:
    G = to_networkx(graph)
    edge = G.edges[str(TRUMP), str(EXCHANGE), "asserts"]
    assert edge == {
        "rel": "asserts",
        "evidence": EVIDENCE_1,
        "source": "a.txt",
        "date": "2025-03-18",
        "side": "الولايات المتحدة",
        "statement": str(S1),
    }
    assert G.edges[str(KREMLIN), str(TRUCE), "disputes"]["side"] == "Russia"


def test_export_projection_node_attributes(graph: Graph) -> None:
    G = to_networkx(graph)
    trump = G.nodes[str(TRUMP)]
    assert (trump["label"], trump["label_ar"], trump["label_en"]) == (
        "ترامب",
        "ترامب",
        "Donald Trump",
    )
    assert trump["wikidata"] == "Q22686"
    assert trump["n_sources"] == 1
    assert G.nodes[str(RUSSIA)]["label"] == "Russia"
    assert "wikidata" not in G.nodes[str(RUSSIA)]
    exchange = G.nodes[str(EXCHANGE)]
    assert exchange["status"] == "Confirmed"
    assert (exchange["n_assert"], exchange["n_dispute"]) == (2, 0)
    assert exchange["mentions"] == 3
    assert exchange["date"] == "2025-03-19"
    assert exchange["evidence"] == EVIDENCE_1
    truce = G.nodes[str(TRUCE)]
    assert (truce["status"], truce["n_assert"], truce["n_dispute"]) == ("Disputed", 1, 1)
    assert G.nodes[str(STOP_ARMS)]["evidence"] == EVIDENCE_3


def test_export_agreement_without_label_is_named_by_its_object(graph: Graph) -> None:
    # The mapping gives agreements no rdfs:label: their object is what a drawing shows.
    graph.remove((TALKS, RDFS.label, None))
    graph.add((TALKS, dkg_term("object"), Literal("محادثات تقنية", lang="ar")))
    graph.add((TALKS, dkg_term("object"), Literal("مفاوضات تقنية", lang="ar")))
    talks = to_networkx(graph).nodes[str(TALKS)]
    assert talks["label"] == "محادثات تقنية"  # the first in sorted order, never the IRI
    assert "label_ar" not in talks


def test_export_parallel_statements_get_distinct_keys(graph: Graph) -> None:
    s4 = DKGR["statement/4"]
    graph.add((s4, RDF.type, DKG.Statement))
    graph.add((s4, DKG.speaker, TRUMP))
    graph.add((s4, DKG.asserts, EXCHANGE))
    graph.add((s4, DKG.date, Literal("2025-03-20", datatype=XSD_DATE)))
    G = to_networkx(graph)
    keys = sorted(k for k in G[str(TRUMP)][str(EXCHANGE)])
    assert keys == ["asserts", "asserts-2"]
    # the earlier statement keeps the plain key
    assert G.edges[str(TRUMP), str(EXCHANGE), "asserts-2"]["statement"] == str(s4)


@pytest.mark.parametrize("build", [to_networkx, triples_to_networkx])
def test_export_attributes_are_plain_and_single_typed(graph: Graph, build) -> None:
    G = build(graph)
    for items in (
        [d for _, d in G.nodes(data=True)],
        [d for _, _, d in G.edges(data=True)],
    ):
        types: dict[str, set[type]] = {}
        for data in items:
            for key, value in data.items():
                assert type(value) in (str, int, float), f"{key}={value!r}"
                types.setdefault(key, set()).add(type(value))
        assert all(len(t) == 1 for t in types.values()), types


def test_export_triples_graph_keeps_every_triple(graph: Graph) -> None:
    G = triples_to_networkx(graph)
    links = [(s, p, o) for s, p, o in graph if not isinstance(o, Literal)]
    assert G.number_of_edges() == len(links)
    edge = G.edges[str(KREMLIN), str(PUTIN), "speaksFor"]
    assert edge == {"predicate": str(DKG.speaksFor)}
    assert G.nodes[str(TRUMP)]["label"] == "Donald Trump | ترامب"
    assert G.nodes[str(S1)]["charStart"] == 0
    assert G.nodes[str(S1)]["date"] == "2025-03-18"
    assert str(DKG.Leader) in G  # rdf:type objects are nodes too


# --------------------------------------------------------------------------- files


def test_export_gexf_round_trip(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    assert FORMATS["gexf"](graph, path) == (9, 20)
    expected = as_networkx(graph)
    H = nx.read_gexf(path)
    assert set(H.nodes) == set(expected.nodes)
    for node, data in expected.nodes(data=True):
        _assert_attrs_kept(data, H.nodes[node], node)
    assert _edge_set(H) == _edge_set(expected)
    for u, v, k, data in expected.edges(keys=True, data=True):
        _assert_attrs_kept(data, H.edges[u, v, k], f"{u} -{k}-> {v}")


def test_export_gexf_colours_and_timeline(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    FORMATS["gexf"](graph, path)
    root = ET.parse(path).getroot()
    graph_el = root.find("g:graph", GEXF_NS)
    assert (graph_el.get("mode"), graph_el.get("timeformat")) == ("dynamic", "date")
    nodes = {n.get("id"): n for n in root.iterfind("g:graph/g:nodes/g:node", GEXF_NS)}

    def colour(iri: URIRef) -> tuple[int, int, int]:
        el = nodes[str(iri)].find("viz:color", GEXF_NS)
        return int(el.get("r")), int(el.get("g")), int(el.get("b"))

    confirmed, disputed, unconfirmed = colour(EXCHANGE), colour(TRUCE), colour(TALKS)
    assert (confirmed, disputed, unconfirmed) == (
        PALETTE["Confirmed"],
        PALETTE["Disputed"],
        PALETTE["Unconfirmed"],
    )
    assert len({confirmed, disputed, unconfirmed, colour(TRUMP), colour(USA)}) == 5
    assert disputed[0] > 150 > disputed[1]  # red
    assert confirmed[1] > 120 > confirmed[0]  # green
    # start = the earliest date touching the node, end = start date + duration
    assert nodes[str(EXCHANGE)].get("start") == "2025-03-18"
    assert nodes[str(TRUCE)].get("start") == "2025-03-18"
    assert nodes[str(TRUCE)].get("end") == "2025-04-17"
    assert nodes[str(USA)].get("start") is None  # undated nodes stay valid without one
    edge_starts = {e.get("start") for e in root.iterfind("g:graph/g:edges/g:edge", GEXF_NS)}
    assert {"2025-03-18", "2025-03-19", None} == edge_starts
    sizes = {n: float(el.find("viz:size", GEXF_NS).get("value")) for n, el in nodes.items()}
    assert sizes[str(EXCHANGE)] > sizes[str(USA)] > 0
    assert root.find("g:meta", GEXF_NS).get("lastmodifieddate") == "2025-03-19"


def test_export_graphml_round_trip(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    assert FORMATS["graphml"](graph, path) == (9, 20)
    expected = as_networkx(graph)
    H = nx.read_graphml(path, force_multigraph=True)
    assert set(H.nodes) == set(expected.nodes)
    for node, data in expected.nodes(data=True):
        _assert_attrs_kept(data, H.nodes[node], node)
        assert {"r", "g", "b", "size"} <= set(H.nodes[node])
    truce = H.nodes[str(TRUCE)]
    assert (truce["r"], truce["g"], truce["b"]) == PALETTE["Disputed"]
    by_key = {(u, v, d["networkx_key"]): d for u, v, d in H.edges(data=True)}
    assert set(by_key) == _edge_set(expected)
    assert len({k for _, _, k in H.edges(keys=True)}) == H.number_of_edges()  # unique ids
    for u, v, k, data in expected.edges(keys=True, data=True):
        _assert_attrs_kept(data, by_key[u, v, k], f"{u} -{k}-> {v}")


def test_export_json_round_trip(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    assert FORMATS["json"](graph, path) == (9, 20)
    payload = json.loads(path.read_text(encoding="utf-8"))
    H = nx.node_link_graph(payload, directed=True, multigraph=True, edges="edges", **LINK_FIELDS)
    asserts = [e for e in payload["edges"] if e["key"] == "asserts"]
    assert asserts and all(e["source"] == "a.txt" for e in asserts)  # not the link's end
    expected = as_networkx(graph)
    assert dict(H.nodes(data=True)) == dict(expected.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in H.edges(keys=True, data=True)} == {
        (u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)
    }


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_deterministic(fmt: str, tmp_path: Path) -> None:
    first, second, shuffled = tmp_path / "1", tmp_path / "2", tmp_path / "3"
    export(_graph(), fmt, first)
    export(_graph(), fmt, second)
    export(_graph(seed=7), fmt, shuffled)
    assert first.read_bytes() == second.read_bytes() == shuffled.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_unknown_format_is_a_usage_error(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown export format 'dot'"):
        export(graph, "dot", tmp_path / "g.dot")
    assert not (tmp_path / "g.dot").exists()


def test_export_triples_graph_writes_gexf(graph: Graph, tmp_path: Path) -> None:
    G = triples_to_networkx(graph)
    path = tmp_path / "t.gexf"
    assert FORMATS["gexf"](G, path) == (G.number_of_nodes(), G.number_of_edges())
    H = nx.read_gexf(path)
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes[str(S1)]["charEnd"] == 45


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_empty_graph(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"empty.{fmt}"
    assert export(Graph(), fmt, path) == (0, 0)
    readers = {
        "gexf": nx.read_gexf,
        "graphml": nx.read_graphml,
        "json": lambda p: nx.node_link_graph(
            json.loads(p.read_text()), edges="edges", **LINK_FIELDS
        ),
    }
    assert readers[fmt](path).number_of_nodes() == 0


def test_export_rejects_other_inputs(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot export a str"):
        FORMATS["gexf"]("graph.ttl", tmp_path / "g.gexf")


# --------------------------------------------------------------------------- the sample article

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ar_trump_putin_call_2025-03-18.txt"


@pytest.fixture(scope="module")
def sample_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.cli import main

    path = tmp_path_factory.mktemp("sample") / "sample.ttl"
    assert main(["build", str(SAMPLE), "-o", str(path), "-q"]) == 0
    return path


def test_export_sample_gexf_and_graphml_from_the_cli_load_back_whole(
    sample_ttl: Path, tmp_path: Path
) -> None:
    from kg.cli import main
    from kg.validate import load_graph

    expected = as_networkx(load_graph(sample_ttl))
    assert expected.number_of_nodes() > 20 and expected.number_of_edges() > 40
    for fmt in ("gexf", "graphml"):
        path = tmp_path / f"sample.{fmt}"
        assert main(["export", str(sample_ttl), "--format", fmt, "-o", str(path)]) == 0
        if fmt == "gexf":
            H = nx.read_gexf(path)
            edges = {(u, v, k): d for u, v, k, d in H.edges(keys=True, data=True)}
        else:
            H = nx.read_graphml(path, force_multigraph=True)
            edges = {(u, v, d["networkx_key"]): d for u, v, d in H.edges(data=True)}
        assert set(H.nodes) == set(expected.nodes), fmt
        for node, data in expected.nodes(data=True):
            _assert_attrs_kept(data, H.nodes[node], f"{fmt} {node}")
        assert set(edges) == _edge_set(expected), fmt
        for u, v, k, data in expected.edges(keys=True, data=True):
            _assert_attrs_kept(data, edges[u, v, k], f"{fmt} {u} -{k}-> {v}")


def test_export_sample_gexf_has_colours_and_times(sample_ttl: Path, tmp_path: Path) -> None:
    from kg.validate import load_graph

    path = tmp_path / "sample.gexf"
    FORMATS["gexf"](load_graph(sample_ttl), path)
    root = ET.parse(path).getroot()
    assert root.find("g:graph", GEXF_NS).get("mode") == "dynamic"
    nodes = list(root.iterfind("g:graph/g:nodes/g:node", GEXF_NS))
    assert all(n.find("viz:color", GEXF_NS) is not None for n in nodes)
    assert all(float(n.find("viz:size", GEXF_NS).get("value")) > 0 for n in nodes)
    projection = as_networkx(load_graph(sample_ttl))
    status_of = {n: d.get("status") for n, d in projection.nodes(data=True)}
    for node in nodes:
        status = status_of[node.get("id")]
        if status:
            colour = node.find("viz:color", GEXF_NS)
            assert tuple(int(colour.get(c)) for c in "rgb") == PALETTE[status]
    assert "Disputed" in status_of.values()
    dated = [n for n in nodes if n.get("start")]
    assert dated and all(n.get("start").startswith("2025-03") for n in dated)
    edge_starts = [e.get("start") for e in root.iterfind("g:graph/g:edges/g:edge", GEXF_NS)]
    assert any(edge_starts)
