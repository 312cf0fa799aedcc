"""Plain records handed from stage to stage: frozen, slotted, picklable."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """One input text. ``text`` is exactly what was decoded: every offset points into it."""

    id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO yyyy-mm-dd, when the input gives it
    source: str = ""  # publisher, or the file the text came from
    path: str = ""  # file (and member) it was read from
    language: str = "ar"


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence or a heading: ``text[start:end]`` of its document."""

    start: int
    end: int
    heading: bool = False
    quoted: bool = False  # it goes on a quote that an earlier sentence opened


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """An entity as one document sees it: class, names, identity, affiliations."""

    key: str  # "leader:putin", "region:RU", "org:kremlin", "person:n-1a2b3c..."
    cls: str  # Leader | Region | Organization | Person
    labels_ar: tuple[str, ...]  # surface forms as written, then the canonical name
    label_en: str = ""
    name: str = ""  # the one display name: English when known, else the Arabic name
    qid: str | None = None
    country: str | None = None  # region key: leader's country, org's or person's state
    office: str | None = None  # a leader's office in this document's time
    kind: str | None = None  # region kind or organization kind
    located_in: str | None = None  # region key of a city's or province's country
    speaks_for: tuple[str, ...] = ()  # keys of leaders or regions
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class StatementRec:
    """One act of saying, by one speaker, in one sentence of one document."""

    id: str
    doc_id: str
    start: int  # the sentence's offsets in the document text
    end: int
    evidence: str
    speaker: str  # entity key
    side: str | None  # region key
    date: str | None
    cue: str = ""
    concerns: tuple[str, ...] = ()
    disputes_conditions: tuple[str, ...] = ()  # condition ids
    quote: str = ""


@dataclass(frozen=True, slots=True)
class AgreementRec:
    """One mention of an agreement; corroboration merges mentions into agreements."""

    id: str
    doc_id: str
    start: int
    end: int
    evidence: str
    parties: tuple[str, ...]  # leader, region and organization keys
    act: str  # kind of act: halt, exchange, form, ...
    object: str  # what is agreed, as written
    keywords: tuple[str, ...]  # content words of the object, normalized
    concerns: tuple[str, ...] = ()
    asserted_by: tuple[str, ...] = ()  # statement ids
    disputed_by: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    duration_days: int | None = None
    quantity: int | None = None
    start_date: str | None = None
    date: str | None = None  # the document's date
    # mentions with the same ref are one agreement: "agreement:ID" (a well-known one, in
    # every document) or "ref:HASH" (one document's referred agreement)
    ref: str = ""


@dataclass(frozen=True, slots=True)
class ConditionRec:
    """A requirement or an "if" attached to an agreement mention or a statement."""

    id: str
    doc_id: str
    start: int
    end: int
    evidence: str
    text: str
    kind: str  # demand | conditional
    set_by: str  # entity key
    side: str | None
    attached_to: str  # agreement mention id or statement id
    concerns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocRecords:
    """Everything extracted from one document: plain data, picklable."""

    document: Document
    entities: tuple[EntityInfo, ...]
    statements: tuple[StatementRec, ...]
    agreements: tuple[AgreementRec, ...]
    conditions: tuple[ConditionRec, ...]
    sentences: int = 0
