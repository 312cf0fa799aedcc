"""Check a graph against the SHACL shapes of the output contract (``ontology/shapes.ttl``)."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node
from rdflib.util import guess_format

from kg.errors import InputError
from kg.namespace import DKG, DKGR, PROV, WD
from kg.ontology import shared_shapes

log = logging.getLogger(__name__)

# Longest namespace first, so that a namespace nested in another wins.
_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "dkg": str(DKG._NS),
            "dkgr": str(DKGR),
            "dkgsh": "https://w3id.org/diplokg/shapes#",
            "wd": str(WD),
            "prov": str(PROV),
            "rdf": str(RDF),
            "rdfs": str(RDFS),
            "owl": str(OWL),
            "xsd": str(XSD),
            "sh": str(SH),
        }.items(),
        key=lambda item: -len(item[1]),
    )
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, every field a plain string (prefixes shortened)."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def line(self) -> str:
        """Return ``focus  path  message`` for a report."""
        return f"{self.focus}  {self.path or '-'}  {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of validating one graph."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self, limit: int = 50) -> str:
        """Return a readable report: one line per result (at most ``limit``), then a count."""
        lines = [v.line() for v in self.violations[:limit]]
        hidden = len(self.violations) - len(lines)
        if hidden > 0:
            lines.append(f"... and {hidden} more")
        lines.append(_summary(self.violations))
        return "\n".join(lines)


def validate(graph: Graph) -> Report:
    """Validate ``graph`` against the contract's SHACL shapes (no inference).

    ``graph`` is read only. Class tests see only its own ``rdf:type`` triples.
    """
    import pyshacl  # heavy: imported only when validation runs

    started = time.perf_counter()
    conforms, results, _text = pyshacl.validate(
        graph,
        shacl_graph=shared_shapes(),
        inference="none",
        advanced=False,
        meta_shacl=False,
        abort_on_first=False,
        allow_warnings=False,
        do_owl_imports=False,
    )
    violations = sorted(_violations(results), key=_sort_key)
    log.info(
        "validated %d triples in %.2f s: %d results",
        len(graph),
        time.perf_counter() - started,
        len(violations),
    )
    return Report(conforms=bool(conforms), violations=violations)


def validate_file(path: str | Path) -> Report:
    """Load an RDF file (Turtle unless its suffix says otherwise) and validate it."""
    return validate(load_graph(path))


# Formats read from untrusted files: the Turtle family only. RDF/XML (external XML
# entities) and JSON-LD (remote @context) can make a parser reach the network.
SAFE_FORMATS = frozenset({"turtle", "nt", "ntriples", "nquads", "trig", "n3"})


def load_graph(path: str | Path) -> Graph:
    """Parse a Turtle-family RDF file (Turtle unless its suffix says otherwise), never
    fetching anything: no owl:imports are followed, RDF/XML and JSON-LD are refused."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = guess_format(str(path)) or "turtle"
    if fmt not in SAFE_FORMATS:
        raise InputError(
            f"{path}: {fmt} is not read (it can fetch remote content); use Turtle or N-Triples"
        )
    graph = Graph()
    try:
        graph.parse(path, format=fmt)
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from err
    except Exception as err:  # rdflib raises several unrelated types on bad syntax
        raise InputError(f"{path}: not valid RDF: {_one_line(err)}") from err
    return graph


def _violations(results: Graph) -> list[Violation]:
    found = []
    for result in results.objects(None, SH.result):
        found.append(
            Violation(
                focus=_short(results.value(result, SH.focusNode)),
                path=_path_text(results, results.value(result, SH.resultPath)),
                message=_message(results, result),
                severity=_short(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
                value=_short(results.value(result, SH.value)),
            )
        )
    return found


def _message(results: Graph, result: Node) -> str:
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    if messages:
        return " ".join(messages)
    return f"fails {_short(results.value(result, SH.sourceConstraintComponent))}"


def _path_text(graph: Graph, path: Node | None) -> str:
    """Render a SHACL property path in the SPARQL style (``^dkg:asserts``, ``a/b``)."""
    if path is None:
        return ""
    if not isinstance(path, BNode):
        return _short(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, step) for step in Collection(graph, path))
    for predicate, mark in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return f"({_path_text(graph, inner)}){mark}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    return "[path]"


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.n3()
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, namespace in _PREFIXES:
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
    return text if isinstance(term, URIRef) else f"_:{text}"


def _sort_key(violation: Violation) -> tuple[str, str, str, str]:
    return (violation.focus, violation.path, violation.message, violation.value)


def _summary(violations: list[Violation]) -> str:
    counts = Counter(v.severity for v in violations)
    errors = counts.pop("Violation", 0)
    parts = [f"{errors} violation{'' if errors == 1 else 's'}"]
    parts += [f"{n} {sev.lower()}{'' if n == 1 else 's'}" for sev, n in sorted(counts.items())]
    return ", ".join(parts)


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
