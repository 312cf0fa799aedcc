"""Project the RDF graph onto networkx graphs.

Two views: :func:`to_networkx` is the picture a researcher draws (who asserts or
disputes which agreement, who is party to it, which regions it concerns), and
:func:`triples_to_networkx` keeps every triple. Both return graphs whose node and
edge attributes are plain ``str``/``int``/``float``, one type per attribute, never
``None``, with nodes and edges added in sorted order so that every writer is
deterministic.
"""

from __future__ import annotations

import datetime as dt
import decimal
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from kg.errors import UsageError
from kg.namespace import DKG, WD

log = logging.getLogger(__name__)

#: Terms the regenerated ``DKG`` namespace will hold; until then they are built by hand.
_PENDING_TERMS = frozenset(
    {
        "fileName",
        "title",
        "url",
        "object",
        "actType",
        "scope",
        "durationDays",
        "quantity",
        "startDate",
        "conflictingTerm",
        "cue",
        "quote",
        "locatedIn",
        "regionKind",
        "office",
        "conditionText",
        "mentionCount",
    }
)


def dkg_term(name: str) -> URIRef:
    """Return ``DKG.<name>``, or build the IRI for a term the namespace does not hold yet.

    Only names in ``_PENDING_TERMS`` fall back, so a typo still fails loudly.
    """
    try:
        return getattr(DKG, name)
    except AttributeError:
        if name not in _PENDING_TERMS:
            raise
        return URIRef(str(DKG._NS) + name)


#: Projected classes, in the order that decides the class of a node typed twice.
NODE_CLASSES: tuple[str, ...] = (
    "Leader",
    "Person",
    "Organization",
    "Region",
    "Agreement",
    "Condition",
)

#: Object properties copied as edges: predicate name -> (subject classes, object classes).
_STRUCTURAL_EDGES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "party": (frozenset({"Agreement"}), frozenset({"Leader"})),
    "concerns": (frozenset({"Agreement", "Condition"}), frozenset({"Region"})),
    "hasCondition": (frozenset({"Agreement"}), frozenset({"Condition"})),
    "setBy": (frozenset({"Condition"}), frozenset(NODE_CLASSES) - {"Agreement", "Condition"}),
    "leaderOf": (frozenset({"Leader"}), frozenset({"Region"})),
    "speaksFor": (frozenset({"Organization", "Person"}), frozenset({"Leader", "Region"})),
}

#: Statement predicates whose objects count as "touched" by a statement (for n_sources).
_STATEMENT_LINKS = ("speaker", "side", "asserts", "disputes", "concerns", "hasCondition")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
JOIN = " | "


# --------------------------------------------------------------------------- values


def local_name(iri: Node) -> str:
    """The part of an IRI after its last ``#`` or ``/`` (the whole string if none)."""
    text = str(iri)
    for sep in ("#", "/"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[1]
            break
    return text


def plain_value(value: Any) -> str | int | float | None:
    """Turn an rdflib term or Python value into ``str``, ``int`` or ``float``.

    Dates become ISO strings, lists and sets are sorted and joined with ``" | "``,
    booleans become ``"true"``/``"false"`` and ``None`` stays ``None`` (callers drop it).
    """
    if isinstance(value, Literal):
        value = value.toPython()
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str) and not isinstance(value, Node):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        parts = sorted(str(plain_value(v)) for v in value if v is not None)
        return JOIN.join(parts) if parts else None
    return str(value)


def iso_date(value: Any) -> str | None:
    """The ``yyyy-mm-dd`` prefix of a date-like value, or ``None`` when it has none."""
    text = plain_value(value)
    if isinstance(text, str) and _ISO_DATE.match(text):
        return text[:10]
    return None


def _unify(items: Iterable[dict[str, Any]]) -> None:
    """Give every attribute one type across ``items``: int+float -> float, else str."""
    items = list(items)
    types: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for key, value in data.items():
            types[key].add(type(value))
    for key, seen in types.items():
        if len(seen) < 2:
            continue
        target = float if seen <= {int, float} else str
        for data in items:
            if key in data:
                data[key] = target(data[key])


def sanitize(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a sorted copy of ``G`` with plain attribute values, one type per attribute.

    ``None`` values are dropped; terms, dates, lists and other values are converted
    by :func:`plain_value`. Nodes and edges are re-added in sorted order.
    """
    nodes = {str(n): _plain_attrs(d) for n, d in G.nodes(data=True)}
    edges = {
        (str(u), str(v), str(k)): _plain_attrs(d) for u, v, k, d in G.edges(keys=True, data=True)
    }
    _unify(nodes.values())
    _unify(edges.values())
    return _build(nodes, edges, graph_attrs=dict(G.graph))


def _plain_attrs(data: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key in sorted(data, key=str):
        value = plain_value(data[key])
        if value is not None:
            out[str(key)] = value
    return out


def _build(
    nodes: Mapping[str, dict[str, Any]],
    edges: Mapping[tuple[str, str, str], dict[str, Any]],
    graph_attrs: Mapping[str, Any] | None = None,
) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(**(graph_attrs or {}))
    for node in sorted(nodes):
        G.add_node(node, **{k: nodes[node][k] for k in sorted(nodes[node])})
    for u, v, k in sorted(edges):
        data = edges[u, v, k]
        G.add_edge(u, v, key=k, **{a: data[a] for a in sorted(data)})
    return G


def _unique_key(taken: set[tuple[str, str, str]], u: str, v: str, name: str) -> str:
    """``name`` for the first edge between ``u`` and ``v`` with that name, then ``name-2``, ..."""
    key, n = name, 1
    while (u, v, key) in taken:
        n += 1
        key = f"{name}-{n}"
    taken.add((u, v, key))
    return key


# --------------------------------------------------------------------------- graph reading


def _first(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    values = sorted(graph.objects(subject, predicate), key=str)
    return values[0] if values else None


def _labels(graph: Graph, subject: Node) -> dict[str, str]:
    """``label_ar``/``label_en`` (first in sorted order) and the display ``label``."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for label in graph.objects(subject, RDFS.label):
        lang = (getattr(label, "language", None) or "").split("-")[0].lower()
        by_lang[lang].append(str(label))
    out = {f"label_{lang}": min(by_lang[lang]) for lang in ("ar", "en") if by_lang[lang]}
    fallbacks = [by_lang[lang] for lang in sorted(by_lang) if lang not in ("ar", "en")]
    # An agreement has no rdfs:label: what was agreed (dkg:object) names it.
    for predicate in (dkg_term("title"), dkg_term("conditionText"), dkg_term("object")):
        fallbacks.append([str(v) for v in graph.objects(subject, predicate)])
    display = out.get("label_ar") or out.get("label_en")
    if display is None:
        display = next((min(values) for values in fallbacks if values), local_name(subject))
    out["label"] = display
    return out


def _node_class(graph: Graph, subject: Node) -> str | None:
    types = {
        local_name(t) for t in graph.objects(subject, RDF.type) if str(t).startswith(str(DKG._NS))
    }
    return next((cls for cls in NODE_CLASSES if cls in types), None)


def _classify(graph: Graph) -> dict[URIRef, str]:
    """Every IRI typed with one of :data:`NODE_CLASSES`, mapped to its class name."""
    classes: dict[URIRef, str] = {}
    for cls in NODE_CLASSES:
        for subject in graph.subjects(RDF.type, getattr(DKG, cls)):
            if isinstance(subject, URIRef) and subject not in classes:
                classes[subject] = _node_class(graph, subject) or cls
    return classes


def _document_name(graph: Graph, document: Node) -> str:
    name = _first(graph, document, dkg_term("fileName"))
    return str(name) if name is not None else str(document)


def _statement_sort_key(graph: Graph, statement: Node) -> tuple[str, str, int, str]:
    date = iso_date(_first(graph, statement, DKG.date)) or ""
    source = _first(graph, statement, DKG.source)
    start = plain_value(_first(graph, statement, DKG.charStart))
    return (date, str(source or ""), start if isinstance(start, int) else -1, str(statement))


# --------------------------------------------------------------------------- projection


@dataclass(frozen=True, slots=True)
class _Statements:
    """The graph's Statements in a fixed order, indexed by what they point at."""

    ordered: tuple[Node, ...]
    by_target: Mapping[tuple[str, Node], tuple[Node, ...]]
    documents: Mapping[Node, frozenset[Node]]


def _index_statements(graph: Graph) -> _Statements:
    ordered = sorted(
        graph.subjects(RDF.type, DKG.Statement), key=lambda s: _statement_sort_key(graph, s)
    )
    by_target: dict[tuple[str, Node], list[Node]] = defaultdict(list)
    documents: dict[Node, set[Node]] = defaultdict(set)
    for statement in ordered:
        sources = set(graph.objects(statement, DKG.source))
        for name in _STATEMENT_LINKS:
            for target in graph.objects(statement, getattr(DKG, name)):
                by_target[name, target].append(statement)
                documents[target].update(sources)
    return _Statements(
        ordered=tuple(ordered),
        by_target={k: tuple(v) for k, v in by_target.items()},
        documents={k: frozenset(v) for k, v in documents.items()},
    )


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Project a contract graph onto a ``MultiDiGraph`` of the things researchers draw.

    Nodes are Leaders, Regions, Organizations, Persons, Agreements and Conditions
    (id = IRI). Each Statement becomes an ``asserts``/``disputes`` edge from its
    speaker; ``party``, ``concerns``, ``hasCondition``, ``setBy``, ``leaderOf`` and
    ``speaksFor`` are copied. Edge keys are the predicate's local name, suffixed
    ``-2``, ``-3``, ... when several edges of one kind join the same two nodes.
    """
    classes = _classify(graph)
    statements = _index_statements(graph)
    edges = _statement_edges(graph, statements.ordered, classes)
    edges.update(_structural_edges(graph, classes, taken=set(edges)))
    nodes = {str(iri): _node_attrs(graph, iri, cls, statements) for iri, cls in classes.items()}
    _unify(nodes.values())
    _unify(edges.values())
    log.debug("projected %d nodes and %d edges", len(nodes), len(edges))
    return _build(nodes, edges)


def _statement_edges(
    graph: Graph, statements: Iterable[Node], classes: Mapping[URIRef, str]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    taken: set[tuple[str, str, str]] = set()
    dropped = 0
    for statement in statements:
        attrs = _statement_attrs(graph, statement)
        speakers = sorted(
            (s for s in graph.objects(statement, DKG.speaker) if s in classes), key=str
        )
        for rel in ("asserts", "disputes"):
            for target in sorted(graph.objects(statement, getattr(DKG, rel)), key=str):
                if target not in classes or not speakers:
                    dropped += 1
                    continue
                for speaker in speakers:
                    key = _unique_key(taken, str(speaker), str(target), rel)
                    edges[str(speaker), str(target), key] = {"rel": rel, **attrs}
    if dropped:
        log.warning("%d statement edges dropped: speaker or target is not a typed entity", dropped)
    return edges


def _statement_attrs(graph: Graph, statement: Node) -> dict[str, Any]:
    attrs: dict[str, Any] = {"statement": str(statement)}
    evidence = _first(graph, statement, DKG.evidence)
    source = _first(graph, statement, DKG.source)
    date = iso_date(_first(graph, statement, DKG.date))
    side = _first(graph, statement, DKG.side)
    if evidence is not None:
        attrs["evidence"] = str(evidence)
    if source is not None:
        attrs["source"] = _document_name(graph, source)
    if date is not None:
        attrs["date"] = date
    if side is not None:
        attrs["side"] = _labels(graph, side)["label"]
    return attrs


def _structural_edges(
    graph: Graph, classes: Mapping[URIRef, str], taken: set[tuple[str, str, str]]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rel, (domain, range_) in _STRUCTURAL_EDGES.items():
        pairs = sorted(
            (str(s), str(o))
            for s, o in graph.subject_objects(getattr(DKG, rel))
            if classes.get(s) in domain and classes.get(o) in range_
        )
        for u, v in pairs:
            edges[u, v, _unique_key(taken, u, v, rel)] = {"rel": rel}
    return edges


def _node_attrs(graph: Graph, iri: URIRef, cls: str, statements: _Statements) -> dict[str, Any]:
    attrs: dict[str, Any] = {"cls": cls, **_labels(graph, iri)}
    same_as = sorted(str(o) for o in graph.objects(iri, OWL.sameAs))
    qids = [o[len(str(WD)) :] for o in same_as if o.startswith(str(WD))]
    if qids:
        attrs["wikidata"] = qids[0]
    documents = set(graph.objects(iri, DKG.source)) | statements.documents.get(iri, frozenset())
    attrs["n_sources"] = len(documents)
    mentions = plain_value(_first(graph, iri, dkg_term("mentionCount")))
    if isinstance(mentions, int):
        attrs["mentions"] = mentions
    if cls in ("Agreement", "Condition"):
        attrs.update(_claim_attrs(graph, iri, statements))
    return attrs


def _claim_attrs(graph: Graph, iri: URIRef, statements: _Statements) -> dict[str, Any]:
    """Attributes of an Agreement or Condition: status, dates, support, evidence."""
    asserting = statements.by_target.get(("asserts", iri), ())
    disputing = statements.by_target.get(("disputes", iri), ())
    attrs: dict[str, Any] = {"n_assert": len(asserting), "n_dispute": len(disputing)}
    status = _first(graph, iri, DKG.status)
    if status is not None:
        attrs["status"] = local_name(status)
    for name, predicate in (("date", DKG.date), ("start_date", dkg_term("startDate"))):
        date = iso_date(_first(graph, iri, predicate))
        if date:
            attrs[name] = date
    duration = plain_value(_first(graph, iri, dkg_term("durationDays")))
    if isinstance(duration, int | float):
        attrs["duration_days"] = int(duration)
    evidence = _first(graph, iri, DKG.evidence)
    if evidence is None:
        found = (_first(graph, s, DKG.evidence) for s in asserting)
        evidence = next((e for e in found if e is not None), None)
    if evidence is not None:
        attrs["evidence"] = str(evidence)
    return attrs


# --------------------------------------------------------------------------- all triples


def triples_to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Every triple as a ``MultiDiGraph``: IRI/blank objects are edges, literals attributes.

    Literal values are keyed by the predicate's local name on their subject (several
    values are sorted and joined with ``" | "``); edges are keyed by the predicate's
    local name and carry the full IRI as ``predicate``.
    """
    literals: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    nodes: dict[str, dict[str, Any]] = {}
    links: list[tuple[str, str, str, str]] = []
    for s, p, o in sorted(graph, key=lambda t: tuple(str(x) for x in t)):
        nodes.setdefault(str(s), {})
        if isinstance(o, Literal):
            literals[str(s)][local_name(p)].append(o)
        else:
            nodes.setdefault(str(o), {})
            links.append((str(s), str(o), local_name(p), str(p)))
    for node, values in literals.items():
        nodes[node] = {name: _join_literals(vals) for name, vals in values.items()}
    taken: set[tuple[str, str, str]] = set()
    edges = {
        (u, v, _unique_key(taken, u, v, name)): {"predicate": iri} for u, v, name, iri in links
    }
    _unify(nodes.values())
    return _build(nodes, edges)


def _join_literals(values: list[Literal]) -> str | int | float:
    plain = [plain_value(v) for v in values]
    plain = [v for v in plain if v is not None]
    if len(plain) == 1:
        return plain[0]
    return JOIN.join(sorted(str(v) for v in plain))


# --------------------------------------------------------------------------- writers' input


def as_networkx(data: nx.MultiDiGraph | nx.DiGraph | Graph) -> nx.MultiDiGraph:
    """What the writers export: the projection of an rdflib graph, or a networkx graph.

    Either way the result is sanitized (see :func:`sanitize`), so writers never see
    ``None``, rdflib terms, dates, lists or an attribute with two types.
    """
    if isinstance(data, Graph):
        return sanitize(to_networkx(data))
    if isinstance(data, nx.DiGraph | nx.MultiDiGraph):
        G = data if data.is_multigraph() else nx.MultiDiGraph(data)
        return sanitize(G)
    raise UsageError(
        f"cannot export a {type(data).__name__}: expected an rdflib Graph or a directed networkx graph"
    )
