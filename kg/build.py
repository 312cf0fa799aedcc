"""The pipeline end to end: documents -> records -> corroboration -> RDF graph."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.corroborate import corroborate
from kg.extract import extract_documents
from kg.fsio import atomic_open
from kg.mapping import add_agreement, add_entity, add_records, merge_entities, new_graph
from kg.records import DocRecords, Document

log = logging.getLogger(__name__)


@dataclass
class BuildStats:
    """What a build found, for the user."""

    documents: int = 0
    sentences: int = 0
    words: int = 0
    entities: int = 0
    statements: int = 0
    agreements: int = 0
    conditions: int = 0
    status: dict[str, int] = field(default_factory=dict)

    def add(self, record: DocRecords) -> None:
        """Count one document's records."""
        self.documents += 1
        self.sentences += record.sentences
        self.words += len(record.document.text.split())
        self.entities += sum(e.mentions for e in record.entities)
        self.statements += len(record.statements)
        self.conditions += len(record.conditions)

    def summary(self) -> str:
        """One line of figures."""
        status = ", ".join(f"{n} {s.lower()}" for s, n in sorted(self.status.items()))
        return (
            f"{self.documents} documents, {self.sentences} sentences, {self.words} words, "
            f"{self.entities} entity mentions, {self.statements} statements, "
            f"{self.agreements} agreements ({status or 'none'}), "
            f"{self.conditions} conditions"
        )


def collect(
    documents: Iterable[Document],
    lang: str = "ar",
    progress: Callable[[DocRecords], None] | None = None,
) -> list[DocRecords]:
    """Extract the records of every document, calling ``progress`` after each."""
    out = []
    for record in extract_documents(documents, lang=lang):
        out.append(record)
        if progress is not None:
            progress(record)
    return out


def to_graph(records: list[DocRecords], stats: BuildStats | None = None) -> Graph:
    """The knowledge graph of ``records``, corroborated over all of them."""
    graph = new_graph()
    records = sorted(records, key=lambda r: r.document.id)
    for info in merge_entities(records).values():
        add_entity(graph, info)
    for record in records:
        add_records(graph, record, record.document.language or "ar")
    agreements = corroborate(records)
    for agreement in agreements:
        add_agreement(graph, agreement)
    if stats is not None:
        stats.agreements = len(agreements)
        for agreement in agreements:
            stats.status[agreement.status] = stats.status.get(agreement.status, 0) + 1
    return graph


def serialize(graph: Graph) -> bytes:
    """Deterministic Turtle: sorted subjects and predicates, no blank nodes."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write_graph(graph: Graph, path: str | Path) -> None:
    """Write ``graph`` as Turtle to ``path`` atomically."""
    data = serialize(graph)
    with atomic_open(path, "wb") as handle:
        handle.write(data)


Extractor = Callable[[Iterable[Document]], list[DocRecords]]


def extractor(
    lang: str = "ar", jobs: int = 1, progress: Callable[[DocRecords], None] | None = None
) -> Extractor:
    """A function from documents to records: in this process, or on ``jobs`` workers."""
    if jobs <= 1:
        return lambda documents: collect(documents, lang=lang, progress=progress)
    from kg.parallel import collect_parallel

    return lambda documents: collect_parallel(documents, lang=lang, jobs=jobs, progress=progress)


def check_graph(graph: Graph) -> None:
    """Raise ValidationError when ``graph`` does not conform to the shapes."""
    from kg.errors import ValidationError
    from kg.validate import validate

    report = validate(graph)
    if not report.conforms:
        raise ValidationError(
            "the graph does not conform to the shapes (nothing written):\n" + report.text()
        )


def build_store(
    root: str | Path,
    documents: Iterable[Document],
    extract: Extractor,
    validate: bool = True,
    output: str | Path | None = None,
    stats: BuildStats | None = None,
):
    """Add ``documents`` to the store at ``root`` (``kg.store.update``); its UpdateStats.

    The store's whole graph is validated before it replaces the previous one (unless
    ``validate`` is false), ``stats`` describes all its documents when the graph is
    rewritten, and ``output`` receives a Turtle copy of the graph.
    """
    from kg import store

    def on_graph(graph: Graph, records: list[DocRecords]) -> None:
        if output is not None:
            write_graph(graph, output)

    result = store.update(
        root,
        documents,
        extract,
        check=check_graph if validate else None,
        on_graph=on_graph,
        build_stats=stats,
    )
    if output is not None and not result.graph_rewritten:
        write_graph(store.load_rdflib(root), output)
    return result
