"""Conditions: who sets them, what they attach to, and who disputes them.

Rules (cue words from ``resources/<lang>/cues.yaml``):

- a condition cue ("شرط", "وجوب", "ضرورة", "ينبغي أن", "إذا", "عند" ...) opens a
  condition running to the end of its clause; demands and conditionals are told
  apart, because "the conditions X set" refers to X's demands, not to X's "if";
- right after a reporting verb, "على أن" opens what was said ("شدد على أن");
- inside the object of an agreement, "ضرورة"/"على أن" name what is agreed, and
  "الشروط التي ..." refers to conditions already set: neither opens a condition;
- the setter is the speaker of the statement it stands in; it attaches to the
  agreement of its sentence, else to that statement (a position);
- a disputing statement that refers to "the conditions X set" disputes every demand
  set in the document by X's side.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.agreements import Found
from kg.extract.context import DocContext, Sentence, short_hash
from kg.extract.statements import Said, covering
from kg.read import fold
from kg.records import ConditionRec

REF_WINDOW = 5


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def find_conditions(
    ctx: DocContext, saids: dict[int, list[Said]], agreements: list[Found]
) -> list[ConditionRec]:
    """Every condition of the document, in order."""
    out: list[ConditionRec] = []
    by_sentence: dict[int, list[Found]] = {}
    for f in agreements:
        by_sentence.setdefault(f.sentence.index, []).append(f)
    for sentence in ctx.sentences:
        found = by_sentence.get(sentence.index, [])
        for cue in _cues(sentence, found):
            record = _condition(ctx, sentence, cue, saids.get(sentence.index, []), found)
            if record is not None:
                out.append(record)
    return out


def _cues(sentence: Sentence, found: list[Found]) -> list[Span]:
    kept: list[Span] = []
    for cue in sorted(sentence.cues_labelled("COND"), key=lambda c: (c.start, -len(c))):
        if kept and cue.start < kept[-1].end:
            continue
        around = [
            c
            for c in sentence.cues_between(max(0, cue.start - 4), cue.end + 4)
            if _overlaps(cue, c)
        ]
        if any(c.label_ == "COND_REF" for c in around):
            continue
        says = any(c.label_ == "COND_SAYS" for c in around)
        if says and any(
            c.label_ in ("REPORT", "ACCORDING")
            for c in sentence.cues_between(max(sentence.start, cue.start - 3), cue.start)
        ):
            continue
        agreed = any(c.label_ == "COND_IN_OBJ" for c in around)
        if agreed and any(f.start - 1 <= cue.start < f.end for f in found):
            continue
        kept.append(cue)
    return kept


def _condition(
    ctx: DocContext, sentence: Sentence, cue: Span, saids: list[Said], found: list[Found]
) -> ConditionRec | None:
    said = covering(saids, cue.start)
    if said is None:
        return None
    end = cue.end
    while end < sentence.end and not (ctx.doc[end].is_punct and ctx.doc[end].text in ",،.:؛;"):
        end += 1
    if end == cue.end:
        return None
    demand = any(_overlaps(cue, c) for c in sentence.cues_labelled("COND_DEMAND"))
    target = _attached(found, cue)
    concerns = sorted(
        {e.kb_id_ for e in sentence.entities_between(cue.start, end) if e.label_ == "Region"}
    )
    return ConditionRec(
        id=short_hash(ctx.document.id, ctx.doc[cue.start].idx),
        doc_id=ctx.document.id,
        start=sentence.unit.start,
        end=sentence.unit.end,
        evidence=ctx.evidence(sentence),
        text=fold(ctx.doc[cue.start : end].text),
        kind="demand" if demand else "conditional",
        set_by=said.speaker,
        side=ctx.country_of(said.speaker),
        attached_to=target.record.id if target else said.id,
        concerns=tuple(concerns),
    )


def _attached(found: list[Found], cue: Span) -> Found | None:
    inside = [f for f in found if f.start <= cue.start <= f.end]
    if inside:
        return inside[0]
    before = [f for f in found if f.end <= cue.start]
    return before[-1] if before else (found[0] if found else None)


def resolve_references(
    ctx: DocContext, saids: dict[int, list[Said]], conditions: list[ConditionRec]
) -> None:
    """Disputing statements that refer to "the conditions X set" dispute X's demands."""
    for sentence in ctx.sentences:
        for said in saids.get(sentence.index, []):
            if not said.dispute:
                continue
            for ref in sentence.cues_labelled("COND_REF"):
                side = _referent_side(ctx, sentence, ref)
                if side is None:
                    continue
                said.disputes_conditions.extend(
                    c.id
                    for c in conditions
                    if c.kind == "demand"
                    and c.side == side
                    and c.id not in said.disputes_conditions
                )


def _referent_side(ctx: DocContext, sentence: Sentence, ref: Span) -> str | None:
    for entity in sentence.entities_between(ref.end, ref.end + REF_WINDOW + 4):
        if entity.start <= ref.end + REF_WINDOW and ctx.can_speak(entity):
            return ctx.country_of(entity.kb_id_)
    return None
