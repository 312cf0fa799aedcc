"""The ontology holds every contract term, labelled and commented, and kg/namespace.py matches it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.namespace import DKG, PROV
from kg.ontology import load_ontology, load_shapes, ontology_dir

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "gen_namespace.py"
DKG_NS = "https://w3id.org/diplokg/ontology#"

# Every dkg: term of shared/spec/CONTRACT.md (copied by hand: the contract is prose).
CONTRACT_CLASSES = [
    "Leader",
    "Region",
    "Organization",
    "Person",
    "Statement",
    "Agreement",
    "Condition",
    "Document",
]
CONTRACT_STATUSES = ["Confirmed", "Unconfirmed", "Disputed"]
CONTRACT_OBJECT_PROPERTIES = [
    "leaderOf",
    "speaksFor",
    "speaker",
    "side",
    "asserts",
    "disputes",
    "party",
    "concerns",
    "hasCondition",
    "setBy",
    "status",
    "source",
]
CONTRACT_DATATYPE_PROPERTIES = ["evidence", "charStart", "charEnd", "date"]


def _gen_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_namespace", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _dkg_terms(graph: Graph) -> list[URIRef]:
    return sorted(
        {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(DKG_NS)}
    )


def test_ontology_terms_parse_without_imports(onto: Graph) -> None:
    assert (URIRef("https://w3id.org/diplokg/ontology"), RDF.type, OWL.Ontology) in onto
    assert not list(onto.triples((None, OWL.imports, None)))
    assert ontology_dir() == ROOT / "ontology"


@pytest.mark.parametrize("name", CONTRACT_CLASSES + ["Status"])
def test_ontology_terms_contract_class(onto: Graph, name: str) -> None:
    assert (DKG[name], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", CONTRACT_STATUSES)
def test_ontology_terms_status_individual(onto: Graph, name: str) -> None:
    assert (DKG[name], RDF.type, DKG.Status) in onto


@pytest.mark.parametrize(
    ("name", "kind"),
    [(n, OWL.ObjectProperty) for n in CONTRACT_OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in CONTRACT_DATATYPE_PROPERTIES],
)
def test_ontology_terms_contract_property(onto: Graph, name: str, kind: URIRef) -> None:
    assert (DKG[name], RDF.type, kind) in onto
    assert onto.value(DKG[name], RDFS.domain) is not None
    assert onto.value(DKG[name], RDFS.range) is not None


def test_ontology_terms_every_term_labelled_and_commented(onto: Graph) -> None:
    terms = _dkg_terms(onto)
    assert len(terms) > len(CONTRACT_CLASSES) + len(CONTRACT_OBJECT_PROPERTIES)
    missing = []
    for term in terms:
        labels = {
            lit.language for lit in onto.objects(term, RDFS.label) if isinstance(lit, Literal)
        }
        comments = {c.language for c in onto.objects(term, RDFS.comment) if isinstance(c, Literal)}
        if not {"en", "ar"} <= labels or "en" not in comments:
            missing.append(str(term))
    assert not missing, f"terms without en+ar labels and an en comment: {missing}"


def _union_members(onto: Graph, node) -> set[URIRef]:
    union = onto.value(node, OWL.unionOf)
    return set(onto.items(union)) if union is not None else {node}


@pytest.mark.parametrize(
    ("prop", "domain"),
    [
        ("speaker", {"Statement"}),
        ("disputes", {"Statement"}),
        ("speaksFor", {"Organization", "Person"}),
        ("concerns", {"Statement", "Agreement", "Condition"}),
        ("hasCondition", {"Agreement", "Statement"}),
        ("evidence", {"Statement", "Agreement", "Condition"}),
        ("source", {"Statement", "Agreement", "Condition"}),
        ("charStart", {"Statement", "Agreement", "Condition"}),
        ("date", {"Statement", "Agreement", "Document"}),
    ],
)
def test_ontology_terms_domains(onto: Graph, prop: str, domain: set[str]) -> None:
    got = _union_members(onto, onto.value(DKG[prop], RDFS.domain))
    assert got == {DKG[name] for name in domain}


def test_ontology_terms_prov_alignment(onto: Graph) -> None:
    assert (DKG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo) in onto
    for name in ("Leader", "Person", "Organization"):
        assert (DKG[name], RDFS.subClassOf, PROV.Agent) in onto
    assert (DKG.Statement, RDFS.subClassOf, PROV.Entity) in onto


def test_ontology_terms_namespace_matches_ontology(onto: Graph) -> None:
    declared = {name for name in DKG.__annotations__ if not name.startswith("_")}
    assert declared == {str(t)[len(DKG_NS) :] for t in _dkg_terms(onto)}
    with pytest.raises(AttributeError):
        _ = DKG.Agreemnt  # _fail = True: a typo fails loudly


def test_ontology_terms_generated_module_in_sync() -> None:
    generated = _gen_module().render(Graph().parse(ROOT / "ontology" / "diplokg.ttl"))
    committed = (ROOT / "kg" / "namespace.py").read_text(encoding="utf-8")
    assert generated == committed, "kg/namespace.py is stale: run python tools/gen_namespace.py"


def test_ontology_terms_check_flags_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "namespace.py"
    stale.write_text("# old\n", encoding="utf-8")
    args = [sys.executable, str(TOOL), "--check", "--output", str(stale)]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "out of date" in result.stderr
    subprocess.run(args[:2] + ["--output", str(stale)], check=True, capture_output=True)
    assert subprocess.run(args, capture_output=True, check=False).returncode == 0


def test_ontology_terms_shapes_every_shape_has_message() -> None:
    shapes = load_shapes()
    tops = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    assert len(tops) > 20
    silent = [str(s) for s in tops if shapes.value(s, SH.message) is None]
    assert not silent, f"shapes without sh:message: {silent}"
    used = {o for o in shapes.objects() if isinstance(o, URIRef) and str(o).startswith(DKG_NS)}
    unknown = {str(o) for o in used} - {str(t) for t in _dkg_terms(load_ontology())}
    assert not unknown, f"shapes use terms the ontology lacks: {unknown}"
