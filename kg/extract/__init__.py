"""From annotated Docs to plain records: entities, statements, agreements, conditions.

Extraction is a pure function from ``(Document, Doc)`` to ``DocRecords``; the only
state is the shared lexicon. ``extract_documents`` runs the spaCy pipeline over a
stream of Documents and yields records, so that any engine (processes, Dask, Spark)
can run it on batches unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.agreements import AgreementFinder, Found
from kg.extract.conditions import find_conditions, resolve_references
from kg.extract.context import DocContext
from kg.extract.references import ReferenceFinder
from kg.extract.statements import Attributor, Said
from kg.nlp import get_pipeline
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.lexicon import Entry, load_lexicon
from kg.read import fold, segment
from kg.records import DocRecords, Document, EntityInfo, StatementRec


def prepare(nlp: Language, document: Document) -> Doc:
    """A Doc of the document's text, line breaks as spaces (offsets unchanged)."""
    text = document.text.replace("\r", " ").replace("\n", " ")
    nlp.max_length = max(nlp.max_length, len(text) + 1)  # the reader bounds the length
    doc = nlp.make_doc(text)
    doc._.dkg_date = document.date
    doc._.dkg_units = segment(document.text)
    starts = numpy.full((len(doc), 1), -1, dtype="int64")  # set all at once: token by
    for unit in doc._.dkg_units:  # token the setter re-checks the whole Doc each time
        span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
        if span is not None:
            starts[span.start, 0] = 1
    if len(doc):
        starts[0, 0] = 1
        doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


def extract_documents(
    documents: Iterable[Document], lang: str = "ar", batch_size: int = 64
) -> Iterator[DocRecords]:
    """Run the pipeline over ``documents`` and yield the records of each."""
    nlp = get_pipeline(lang)
    pairs = ((prepare(nlp, d), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract(doc, document)


def extract(doc: Doc, document: Document) -> DocRecords:
    """All records of one annotated document."""
    ctx = DocContext(
        document,
        doc,
        load_lexicon(document.language or "ar"),
        doc._.dkg_units or segment(document.text),
        doc._.dkg_found or {},
    )
    saids = Attributor(ctx).run()
    found = AgreementFinder(ctx, saids).run()
    found = _with_references(ctx, saids, found)
    conditions = find_conditions(ctx, saids, found)
    resolve_references(ctx, saids, conditions)
    statements = [_statement(ctx, s) for group in saids.values() for s in group]
    return DocRecords(
        document=document,
        entities=tuple(_entities(ctx, saids, found, conditions)),
        statements=tuple(sorted(statements, key=lambda s: (s.start, s.id))),
        agreements=tuple(f.record for f in found),
        conditions=tuple(conditions),
        sentences=len(ctx.units),
    )


def _with_references(ctx: DocContext, saids: dict[int, list[Said]], found: list) -> list:
    """Narrated agreements and referred ones: a narrated mention at an identified referred
    noun ("اتفاق فيينا على ...") takes the reference's ``ref``; the other references
    become mentions of their own."""
    finder = ReferenceFinder(ctx, saids)
    refs = finder.resolve(finder.find())
    if not refs:
        return found
    records = finder.records(refs)
    out = list(found)
    for ref, record in zip(refs, records, strict=True):
        same = [
            i
            for i, f in enumerate(out)
            if f.sentence.index == ref.sentence.index
            and min(f.cue, f.start) - 4 <= ref.start < max(f.end, f.start + 1)
        ]
        if same:  # a bare noun in a narrated agreement ("تم الاتفاق على") is that one
            for i in same if ref.identified else ():
                if not out[i].record.ref:
                    out[i] = dataclasses.replace(
                        out[i], record=dataclasses.replace(out[i].record, ref=record.ref)
                    )
            continue
        out.append(Found(record, ref.sentence, ref.start, ref.end))
    return out


def _statement(ctx: DocContext, said: Said) -> StatementRec:
    sentence = said.sentence
    concerns = sorted({e.kb_id_ for e in sentence.entities if e.label_ == "Region"})
    return StatementRec(
        id=said.id,
        doc_id=ctx.document.id,
        start=sentence.unit.start,
        end=sentence.unit.end,
        evidence=ctx.evidence(sentence),
        speaker=said.speaker,
        side=ctx.country_of(said.speaker),
        date=ctx.date,
        cue=said.cue,
        concerns=tuple(concerns),
        disputes_conditions=tuple(said.disputes_conditions),
    )


def _entities(
    ctx: DocContext, saids: dict[int, list[Said]], found: list, conditions: list
) -> list[EntityInfo]:
    """Every entity the document mentions, plus the countries and leaders they imply."""
    surfaces: dict[str, list[str]] = {}
    for span in ctx.doc.spans.get(ENTITIES, []):
        forms = surfaces.setdefault(span.kb_id_, [])
        if not _role_only(span):
            text = fold(span.text)
            if text not in forms:
                forms.append(text)
    infos: dict[str, EntityInfo] = {}
    for key in sorted(surfaces):
        _add_entity(ctx, key, surfaces[key], infos)
    queue = [s.speaker for group in saids.values() for s in group]
    queue += [p for f in found for p in f.record.parties]  # a country's acting leader
    queue += [c.set_by for c in conditions]
    queue += [i for info in infos.values() for i in _implied(info)]
    while queue:  # what the mentioned entities imply: countries, leaders spoken for
        key = queue.pop()
        if key not in infos:
            _add_entity(ctx, key, [], infos)
            queue.extend(_implied(infos[key]) if key in infos else ())
    return [infos[k] for k in sorted(infos)]


def _implied(info: EntityInfo) -> list[str]:
    return [k for k in (info.country, info.located_in, *info.speaks_for) if k]


def _role_only(span: Span) -> bool:
    return bool(span._.dkg_role) and span._.dkg_role == span.text


def _add_entity(ctx: DocContext, key: str, forms: list[str], infos: dict[str, EntityInfo]) -> None:
    if key in infos:
        return
    entry = ctx.entry(key)
    if entry is None:
        return
    labels = tuple(dict.fromkeys([*forms, *entry.ar[:1]]))
    country = ctx.country_of(key)
    info = EntityInfo(
        key=key,
        cls=entry.cls,
        labels_ar=labels,
        label_en=entry.en,
        qid=entry.qid,
        name=entry.en or (entry.ar[0] if entry.ar else key),
        country=country if entry.cls != "Region" else None,
        office=_office(ctx, entry),
        kind=entry.kind,
        located_in=_located_in(ctx, entry),
        speaks_for=_speaks_for(ctx, entry),
        mentions=ctx.mention_counts.get(key, 0),
    )
    infos[key] = info


def _located_in(ctx: DocContext, entry: Entry) -> str | None:
    if entry.cls != "Region" or not entry.country or f"region:{entry.country}" == entry.key:
        return None
    key = f"region:{entry.country}"
    return key if ctx.entry(key) is not None else None


def _office(ctx: DocContext, entry: Entry) -> str | None:
    office = entry.office_at(ctx.date) if entry.cls == "Leader" else None
    return office.role if office else None


def _speaks_for(ctx: DocContext, entry: Entry) -> tuple[str, ...]:
    if entry.cls == "Person":
        country = ctx.country_of(entry.country) if entry.country else None
        return (country,) if country else ()
    country = ctx.country_of(entry.key) if entry.cls == "Organization" else None
    if country is None:
        return ()
    out = [country]
    if entry.speaks_for_office and entry.country:
        holder = ctx.lex.holder(entry.speaks_for_office, entry.country, ctx.date)
        if holder is not None:
            out.append(holder.key)
    return tuple(out)
