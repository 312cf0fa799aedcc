"""Records to RDF: the only place that knows how the contract is written in triples.

IRIs are minted deterministically from record ids (hashes of document ids and offsets)
and gazetteer ids; no blank nodes. Triples are built with rdflib terms only.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from kg.corroborate import Agreement
from kg.namespace import DKG, DKGR, PROV, WD
from kg.records import DocRecords, Document, EntityInfo

_CLASS = {
    "Leader": DKG.Leader,
    "Region": DKG.Region,
    "Organization": DKG.Organization,
    "Person": DKG.Person,
}
_STATUS = {"Confirmed": DKG.Confirmed, "Unconfirmed": DKG.Unconfirmed, "Disputed": DKG.Disputed}


def entity_iri(key: str) -> URIRef:
    """ "leader:putin" -> dkgr:leader/putin."""
    kind, _, ident = key.partition(":")
    return DKGR[f"{kind}/{quote(ident, safe='-_.')}"]


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document."""
    return DKGR[f"doc/{quote(doc_id, safe='-_.')}"]


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph()
    graph.bind("dkg", str(DKG._NS))
    graph.bind("dkgr", str(DKGR))
    graph.bind("wd", str(WD))
    graph.bind("prov", str(PROV))
    graph.bind("owl", str(OWL))
    graph.bind("skos", str(SKOS))
    return graph


def _date(value: str | None) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value else None


def _add(graph: Graph, s: URIRef, p: URIRef, o) -> None:
    if o is not None and o != "":
        graph.add((s, p, o))


def add_document(graph: Graph, document: Document) -> None:
    """The Document node: file name, title, date, publisher."""
    node = document_iri(document.id)
    graph.add((node, RDF.type, DKG.Document))
    path = document.path or document.id
    name = PurePath(path).name if "!" not in path else path
    graph.add((node, DKG.fileName, Literal(name)))
    lang = document.language or None
    _add(graph, node, DKG.title, Literal(document.title, lang=lang) if document.title else None)
    _add(graph, node, DKG.publisher, Literal(document.source) if document.source else None)
    _add(graph, node, DKG.date, _date(document.date))


def merge_entities(records: Iterable[DocRecords]) -> dict[str, EntityInfo]:
    """Entities of all documents, one per key: labels united, mentions summed."""
    merged: dict[str, EntityInfo] = {}
    for record in records:
        for info in record.entities:
            old = merged.get(info.key)
            if old is None:
                merged[info.key] = info
                continue
            labels = tuple(dict.fromkeys(old.labels_ar + info.labels_ar))
            merged[info.key] = EntityInfo(
                key=old.key,
                cls=old.cls,
                labels_ar=labels,
                label_en=old.label_en,
                qid=old.qid,
                name=old.name,
                country=old.country or info.country,
                office=old.office or info.office,
                kind=old.kind,
                located_in=old.located_in,
                speaks_for=tuple(dict.fromkeys(old.speaks_for + info.speaks_for)),
                mentions=old.mentions + info.mentions,
            )
    return merged


def add_entity(graph: Graph, info: EntityInfo, lang: str = "ar") -> None:
    """An entity node with its labels, identity and affiliations."""
    node = entity_iri(info.key)
    graph.add((node, RDF.type, _CLASS[info.cls]))
    for label in info.labels_ar:
        graph.add((node, RDFS.label, Literal(label, lang=lang)))
    _add(graph, node, RDFS.label, Literal(info.label_en, lang="en") if info.label_en else None)
    graph.add((node, SKOS.prefLabel, Literal(info.name or info.labels_ar[0])))
    if info.qid:
        graph.add((node, OWL.sameAs, WD[info.qid]))
    if info.cls == "Leader" and info.country:
        graph.add((node, DKG.leaderOf, entity_iri(info.country)))
    _add(graph, node, DKG.office, Literal(info.office) if info.office else None)
    if info.cls == "Region":
        _add(graph, node, DKG.regionKind, Literal(info.kind) if info.kind else None)
        if info.located_in:
            graph.add((node, DKG.locatedIn, entity_iri(info.located_in)))
    for target in info.speaks_for:
        graph.add((node, DKG.speaksFor, entity_iri(target)))
    if info.mentions:
        graph.add((node, DKG.mentionCount, Literal(info.mentions)))


def _provenance(
    graph: Graph, node: URIRef, doc_id: str, start: int, end: int, evidence: str
) -> None:
    graph.add((node, DKG.evidence, Literal(evidence)))
    graph.add((node, DKG.source, document_iri(doc_id)))
    graph.add((node, DKG.charStart, Literal(start)))
    graph.add((node, DKG.charEnd, Literal(end)))


def statement_iri(sid: str) -> URIRef:
    """The IRI of a statement."""
    return DKGR[f"statement/{sid}"]


def condition_iri(cid: str) -> URIRef:
    """The IRI of a condition."""
    return DKGR[f"condition/{cid}"]


def agreement_iri(aid: str) -> URIRef:
    """The IRI of an agreement."""
    return DKGR[f"agreement/{aid}"]


def add_records(graph: Graph, record: DocRecords, lang: str = "ar") -> None:
    """Statements and conditions of one document (agreements come from corroboration)."""
    add_document(graph, record.document)
    statements = {s.id for s in record.statements}
    for s in record.statements:
        node = statement_iri(s.id)
        graph.add((node, RDF.type, DKG.Statement))
        graph.add((node, DKG.speaker, entity_iri(s.speaker)))
        _add(graph, node, DKG.side, entity_iri(s.side) if s.side else None)
        _provenance(graph, node, s.doc_id, s.start, s.end, s.evidence)
        _add(graph, node, DKG.date, _date(s.date))
        _add(graph, node, DKG.cue, Literal(s.cue, lang=lang) if s.cue else None)
        for region in s.concerns:
            graph.add((node, DKG.concerns, entity_iri(region)))
        for cid in s.disputes_conditions:
            graph.add((node, DKG.disputes, condition_iri(cid)))
    for c in record.conditions:
        node = condition_iri(c.id)
        graph.add((node, RDF.type, DKG.Condition))
        graph.add((node, DKG.setBy, entity_iri(c.set_by)))
        _provenance(graph, node, c.doc_id, c.start, c.end, c.evidence)
        graph.add((node, DKG.conditionText, Literal(c.text, lang=lang)))
        for region in c.concerns:
            graph.add((node, DKG.concerns, entity_iri(region)))
        if c.attached_to in statements:
            graph.add((statement_iri(c.attached_to), DKG.hasCondition, node))


def _add_known(graph: Graph, node: URIRef, key: str, lang: str) -> None:
    """A well-known agreement's names and Wikidata identity, from its gazetteer entry."""
    from kg.nlp.lexicon import load_lexicon

    entry = load_lexicon(lang).agreements.get(key)
    if entry is None:
        return
    if entry.en:
        graph.add((node, RDFS.label, Literal(entry.en, lang="en")))
    if entry.ar:
        graph.add((node, RDFS.label, Literal(entry.ar[0], lang="ar")))
    if entry.qid:
        graph.add((node, OWL.sameAs, WD[entry.qid]))


def add_agreement(graph: Graph, agreement: Agreement, lang: str = "ar") -> None:
    """A merged agreement with every mention's provenance, its terms and its status."""
    node = agreement_iri(agreement.id)
    graph.add((node, RDF.type, DKG.Agreement))
    graph.add((node, DKG.status, _STATUS[agreement.status]))
    graph.add((node, DKG.actType, Literal(agreement.act)))
    if agreement.known:
        _add_known(graph, node, agreement.known, lang)
    for party in agreement.parties:
        graph.add((node, DKG.party, entity_iri(party)))
    for sid in agreement.asserted_by:
        graph.add((statement_iri(sid), DKG.asserts, node))
    for sid in agreement.disputed_by:
        graph.add((statement_iri(sid), DKG.disputes, node))
    for term in agreement.conflicts:
        graph.add((node, DKG.conflictingTerm, Literal(term)))
    for cid in agreement.conditions:
        graph.add((node, DKG.hasCondition, condition_iri(cid)))
    for m in agreement.mentions:
        _provenance(graph, node, m.doc_id, m.start, m.end, m.evidence)
        graph.add((node, DKG.object, Literal(m.object, lang=lang)))
        for region in m.concerns:
            graph.add((node, DKG.concerns, entity_iri(region)))
        if m.scope:
            graph.add((node, DKG.scope, Literal(" | ".join(m.scope), lang=lang)))
        _add(
            graph,
            node,
            DKG.durationDays,
            Literal(m.duration_days) if m.duration_days is not None else None,
        )
        _add(graph, node, DKG.quantity, Literal(m.quantity) if m.quantity is not None else None)
        _add(graph, node, DKG.startDate, _date(m.start_date))
        _add(graph, node, DKG.date, _date(m.start_date))
