"""The SHACL shapes accept a small contract-conforming graph and name what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.errors import InputError
from kg.namespace import DKG, DKGR, WD
from kg.ontology import load_shapes
from kg.validate import Report, validate, validate_file

# Not rdflib's XSD: pytest probes module globals for attributes, and XSD warns on each.
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

DOC = DKGR["doc-1"]
TRUMP = DKGR["leader-trump"]
PUTIN = DKGR["leader-putin"]
RUSSIA = DKGR["region-russia"]
KREMLIN = DKGR["org-kremlin"]
STATEMENT = DKGR["stmt-1"]
AGREEMENT = DKGR["agr-1"]
CONDITION = DKGR["cond-1"]
SENTENCE = "وقال الكرملين إن الرئيسين اتفقا على تبادل 175 أسيرا."


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD_INTEGER)


def valid_graph() -> Graph:
    """A Document, entities, one Statement asserting one Agreement with one Condition."""
    g = Graph()
    g += [
        (DOC, RDF.type, DKG.Document),
        (DOC, DKG.fileName, Literal("ar_example_2025-01-01.txt")),
        (DOC, DKG.date, Literal("2025-01-01", datatype=XSD_DATE)),
        (TRUMP, RDF.type, DKG.Leader),
        (TRUMP, RDFS.label, Literal("ترامب", lang="ar")),
        (TRUMP, OWL.sameAs, WD.Q22686),
        (PUTIN, RDF.type, DKG.Leader),
        (PUTIN, RDFS.label, Literal("بوتين", lang="ar")),
        (PUTIN, DKG.leaderOf, RUSSIA),
        (RUSSIA, RDF.type, DKG.Region),
        (RUSSIA, RDFS.label, Literal("روسيا", lang="ar")),
        (KREMLIN, RDF.type, DKG.Organization),
        (KREMLIN, RDFS.label, Literal("الكرملين", lang="ar")),
        (KREMLIN, DKG.speaksFor, PUTIN),
        (STATEMENT, RDF.type, DKG.Statement),
        (STATEMENT, DKG.speaker, KREMLIN),
        (STATEMENT, DKG.side, RUSSIA),
        (STATEMENT, DKG.asserts, AGREEMENT),
        (AGREEMENT, RDF.type, DKG.Agreement),
        (AGREEMENT, DKG.status, DKG.Unconfirmed),
        (AGREEMENT, DKG.party, TRUMP),
        (AGREEMENT, DKG.party, PUTIN),
        (AGREEMENT, DKG.quantity, _int(175)),
        (AGREEMENT, DKG.hasCondition, CONDITION),
        (CONDITION, RDF.type, DKG.Condition),
        (CONDITION, DKG.setBy, PUTIN),
    ]
    for node in (STATEMENT, AGREEMENT, CONDITION):
        g += [
            (node, DKG.evidence, Literal(SENTENCE, lang="ar")),
            (node, DKG.source, DOC),
            (node, DKG.charStart, _int(10)),
            (node, DKG.charEnd, _int(62)),
        ]
    return g


def test_validate_shapes_accepts_valid_graph() -> None:
    report = validate(valid_graph())
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.text().endswith("0 violations")


# (removed triple, the property name the report must show, the focus node it must show)
REQUIRED = [
    ((STATEMENT, DKG.speaker, KREMLIN), "dkg:speaker", "dkgr:stmt-1"),
    ((STATEMENT, DKG.evidence, Literal(SENTENCE, lang="ar")), "dkg:evidence", "dkgr:stmt-1"),
    ((STATEMENT, DKG.source, DOC), "dkg:source", "dkgr:stmt-1"),
    ((STATEMENT, DKG.charStart, _int(10)), "dkg:charStart", "dkgr:stmt-1"),
    ((STATEMENT, DKG.charEnd, _int(62)), "dkg:charEnd", "dkgr:stmt-1"),
    ((AGREEMENT, DKG.status, DKG.Unconfirmed), "dkg:status", "dkgr:agr-1"),
    ((AGREEMENT, DKG.evidence, Literal(SENTENCE, lang="ar")), "dkg:evidence", "dkgr:agr-1"),
    ((AGREEMENT, DKG.source, DOC), "dkg:source", "dkgr:agr-1"),
    ((AGREEMENT, DKG.charStart, _int(10)), "dkg:charStart", "dkgr:agr-1"),
    ((AGREEMENT, DKG.charEnd, _int(62)), "dkg:charEnd", "dkgr:agr-1"),
    ((CONDITION, DKG.setBy, PUTIN), "dkg:setBy", "dkgr:cond-1"),
    ((CONDITION, DKG.evidence, Literal(SENTENCE, lang="ar")), "dkg:evidence", "dkgr:cond-1"),
    ((CONDITION, DKG.source, DOC), "dkg:source", "dkgr:cond-1"),
    ((CONDITION, DKG.charStart, _int(10)), "dkg:charStart", "dkgr:cond-1"),
    ((CONDITION, DKG.charEnd, _int(62)), "dkg:charEnd", "dkgr:cond-1"),
    ((TRUMP, RDFS.label, Literal("ترامب", lang="ar")), "rdfs:label", "dkgr:leader-trump"),
    ((RUSSIA, RDFS.label, Literal("روسيا", lang="ar")), "rdfs:label", "dkgr:region-russia"),
    ((KREMLIN, RDFS.label, Literal("الكرملين", lang="ar")), "rdfs:label", "dkgr:org-kremlin"),
]


def _assert_names(report: Report, focus: str, path: str, word: str = "") -> None:
    """The report fails and has a line ``focus  path  message`` whose message holds ``word``."""
    assert not report.conforms
    text = report.text()
    prefix = f"{focus}  {path}  "
    wanted = [line for line in text.splitlines() if line.startswith(prefix) and word in line]
    assert wanted, f"no line for {focus} {path} {word} in:\n{text}"


def _ids(cases: list[tuple]) -> list[str]:
    """Readable test ids: the focus node and the path or word each case checks."""
    return [f"{case[2]} {case[1]}" for case in cases]


@pytest.mark.parametrize(("triple", "path", "focus"), REQUIRED, ids=_ids(REQUIRED))
def test_validate_shapes_missing_required_triple(triple, path: str, focus: str) -> None:
    g = valid_graph()
    assert triple in g
    g.remove(triple)
    _assert_names(validate(g), focus, path)


def test_validate_shapes_agreement_without_party_or_statement_conforms() -> None:
    """An agreement the newspaper narrates, with no party named, is still an agreement."""
    g = valid_graph()
    g.remove((AGREEMENT, DKG.party, None))
    g.remove((STATEMENT, DKG.asserts, AGREEMENT))
    assert validate(g).conforms


def test_validate_shapes_state_and_body_parties_conform() -> None:
    g = valid_graph()
    g.add((AGREEMENT, DKG.party, RUSSIA))
    g.add((AGREEMENT, DKG.party, KREMLIN))
    assert validate(g).conforms


# (added triple, the path the report must show, the focus node it must show)
WRONG_VALUES = [
    ((STATEMENT, DKG.speaker, TRUMP), "dkg:speaker", "dkgr:stmt-1"),  # two speakers
    ((STATEMENT, DKG.side, DKGR["region-usa"]), "dkg:side", "dkgr:stmt-1"),  # not a Region
    ((AGREEMENT, DKG.status, DKG.Disputed), "dkg:status", "dkgr:agr-1"),  # two statuses
    ((AGREEMENT, DKG.status, DKGR["claimed"]), "dkg:status", "dkgr:agr-1"),  # not a status
    # not a Leader, Region or body: the shape checks the types of the parties
    ((AGREEMENT, DKG.party, DOC), "dkg:party/rdf:type", "dkgr:agr-1"),
    ((DOC, DKG.asserts, AGREEMENT), "^dkg:asserts", "dkgr:agr-1"),  # not a Statement
    (
        (TRUMP, OWL.sameAs, URIRef("http://dbpedia.org/resource/T")),
        "owl:sameAs",
        "dkgr:leader-trump",
    ),
    ((PUTIN, DKG.leaderOf, KREMLIN), "dkg:leaderOf", "dkgr:leader-putin"),
    ((STATEMENT, DKG.date, Literal("18 March 2025")), "dkg:date", "dkgr:stmt-1"),
    ((CONDITION, DKG.charStart, _int(-1)), "dkg:charStart", "dkgr:cond-1"),
    ((STATEMENT, DKG.charStart, Literal("10")), "dkg:charStart", "dkgr:stmt-1"),
    ((RUSSIA, RDFS.label, Literal("Russia")), "rdfs:label", "dkgr:region-russia"),  # no @lang
]


@pytest.mark.parametrize(("triple", "path", "focus"), WRONG_VALUES, ids=_ids(WRONG_VALUES))
def test_validate_shapes_wrong_value(triple, path: str, focus: str) -> None:
    g = valid_graph()
    g.add(triple)
    _assert_names(validate(g), focus, path)


# (added triple, the value node the report must show, the property its message must name)
WRONG_CLASSES = [
    ((STATEMENT, DKG.disputes, RUSSIA), "dkg:disputes", "dkgr:region-russia"),
    ((CONDITION, DKG.setBy, DOC), "dkg:setBy", "dkgr:doc-1"),
    ((STATEMENT, DKG.speaker, DKGR["nobody"]), "dkg:speaker", "dkgr:nobody"),
    ((TRUMP, DKG.speaksFor, RUSSIA), "dkg:speaksFor", "dkgr:leader-trump"),
    ((KREMLIN, DKG.speaksFor, DOC), "dkg:speaksFor", "dkgr:doc-1"),
]


@pytest.mark.parametrize(("triple", "word", "focus"), WRONG_CLASSES, ids=_ids(WRONG_CLASSES))
def test_validate_shapes_value_of_wrong_class(triple, word: str, focus: str) -> None:
    g = valid_graph()
    g.add(triple)
    _assert_names(validate(g), focus, "rdf:type", word)


def test_validate_shapes_offsets_in_order() -> None:
    g = valid_graph()
    g.set((STATEMENT, DKG.charEnd, _int(5)))
    _assert_names(validate(g), "dkgr:stmt-1", "dkg:charStart")


def test_validate_shapes_document_needs_name_or_url() -> None:
    g = valid_graph()
    g.remove((DOC, DKG.fileName, None))
    report = validate(g)
    assert "dkgr:doc-1  -  A Document needs a dkg:fileName or a dkg:url." in report.text()
    g.add((DOC, DKG.url, Literal("https://example.org/article")))
    assert validate(g).conforms


def test_validate_shapes_report_text_is_limited() -> None:
    g = valid_graph()
    for i in range(5):
        g.add((DKGR[f"stmt-x{i}"], RDF.type, DKG.Statement))
    report = validate(g)
    text = report.text(limit=3)
    lines = text.splitlines()
    assert len(report.violations) > 3
    assert len(lines) == 5  # three results, "... and N more", the count
    assert lines[3] == f"... and {len(report.violations) - 3} more"
    assert lines[4] == f"{len(report.violations)} violations"
    assert all(isinstance(v.focus, str) and isinstance(v.path, str) for v in report.violations)


def test_validate_shapes_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    valid_graph().serialize(path, format="turtle")
    assert validate_file(path).conforms


def test_validate_shapes_file_bad_turtle(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        validate_file(path)
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message


def test_validate_shapes_file_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate_file(tmp_path / "absent.ttl")


def test_validate_shapes_flat_layout() -> None:
    """The layout that keeps pySHACL fast (timed in `make bench`, never here).

    No property shape hangs from a node shape through sh:property and no class test
    is an sh:or/sh:node of several classes: either makes pySHACL evaluate once per
    focus node (the figures are in the comment at the top of ontology/shapes.ttl).
    """
    shapes = load_shapes()
    assert not list(shapes.triples((None, SH.property, None)))
    assert not list(shapes.triples((None, SH.node, None)))
    with_or = set(shapes.subjects(SH["or"], None))
    targets = {shapes.value(shape, SH.targetClass) for shape in with_or}
    # the one sh:or left is on Documents, a handful per graph
    assert targets <= {DKG.Document}, targets


@pytest.mark.slow
def test_validate_shapes_100k_triples_conform() -> None:
    """A graph of 100 k triples made of copies of the valid graph conforms."""
    base = valid_graph()
    local = {STATEMENT, AGREEMENT, CONDITION}
    big = Graph()
    copies = 0
    while len(big) < 100_000:
        rename = {node: URIRef(f"{node}-{copies}") for node in local}
        big += [(rename.get(s, s), p, rename.get(o, o)) for s, p, o in base]
        copies += 1
    report = validate(big)
    assert report.conforms, report.text(limit=5)
