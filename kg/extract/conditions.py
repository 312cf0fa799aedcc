"""Conditions: who sets them, what they attach to, and who disputes them.

Rules (cue words from ``resources/<lang>/cues.yaml`` and ``cues_conditions.yaml``):

- a condition cue ("شرط", "وجوب", "يتعين", "إذا", "في حال", "مقابل", "على أساس" ...)
  opens a condition running to the end of its clause; demands and conditionals are
  told apart, because "the conditions X set" refers to X's demands, not to X's "if";
- "ما إذا" (whether) and "حتى لو" (even if) are no conditions, nor "في المقابل" (on the
  other hand), "على أساس أن" (on the grounds that), "مقابل" before a number;
- "على أن" is a proviso only before a verb ("على أن يكون"); right after a reporting
  verb, or before a noun, it opens what was said ("شدد ... على أن مواقف ...");
- inside the object of an agreement, "ضرورة"/"على أن" name what is agreed, and
  "الشروط التي ..." refers to conditions already set: neither opens a condition;
- a cue inside the clause of the condition before it is part of that condition
  ("يجب على إيران تغيير سياستها إذا ما أرادت ...": one condition);
- the setter is the speaker of the statement it stands in; when the sentence makes an
  agreement the subject of its terms ("بموجب الاتفاق يتعين على ..."), the setter is a
  party the sentence names, not a speaker carried from an earlier sentence; when no
  statement was found, the subject of the sentence's reporting verb, if it is named;
- it attaches to the agreement of its sentence, else to that statement (a position);
- a disputing statement that refers to "the conditions X set" disputes every demand
  set in the document by X's side.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.agreements import Found
from kg.extract.context import DocContext, Sentence, short_hash, speaker_rank
from kg.extract.statements import Said, covering
from kg.nlp.lexicon import Lexicon
from kg.read import fold
from kg.records import ConditionRec
from kg.textnorm import match_key

REF_WINDOW = 5
CLAUSE_ENDS = frozenset(",،.:؛;")


@dataclass(frozen=True)
class _Words:
    """The word lists of ``cues_conditions.yaml``, folded for token lookups."""

    not_after: frozenset[str]
    not_before: dict[str, frozenset[str]]
    not_tokens: frozenset[str]
    proviso_prefixes: tuple[str, ...]
    proviso_negations: frozenset[str]
    needs_verb: frozenset[tuple[str, ...]]
    locative: frozenset[str]
    needs_verb_window: int
    temporal: frozenset[str]
    pronoun_suffixes: tuple[str, ...]
    complementizers: frozenset[str]
    adjective_window: int
    exception: frozenset[str]
    exception_prefixes: tuple[str, ...]
    exception_next: frozenset[str]
    exception_negations: frozenset[str]
    terms: frozenset[str]
    setter_window: int


_CACHE: dict[int, tuple[Lexicon, _Words]] = {}


def _words_of(lex: Lexicon) -> _Words:
    """Fold the lists of ``lex`` once."""

    def folded(name: str) -> frozenset[str]:
        return frozenset(match_key(w) for w in lex.cue_list(name))

    return _Words(
        not_after=folded("condition_not_after"),
        not_before={
            match_key(cue): frozenset(match_key(w) for w in words)
            for cue, words in (lex.cues.get("condition_not_before") or {}).items()
        },
        not_tokens=folded("condition_not_tokens"),
        proviso_prefixes=tuple(match_key(w) for w in lex.cue_list("proviso_prefixes")),
        proviso_negations=folded("proviso_negations"),
        needs_verb=frozenset(
            tuple(match_key(w) for w in phrase.split())
            for phrase in lex.cue_list("condition_needs_verb")
        ),
        locative=folded("location_words"),
        needs_verb_window=int(lex.cues.get("needs_verb_window", 1)),
        temporal=folded("condition_temporal_before_pronoun"),
        pronoun_suffixes=tuple(match_key(w) for w in lex.cue_list("pronoun_suffixes")),
        exception=folded("exception_words"),
        complementizers=folded("complementizers"),
        adjective_window=int(lex.cues.get("setter_adjective_window", 3)),
        exception_prefixes=tuple(match_key(w) for w in lex.cue_list("exception_prefixes")),
        exception_next=folded("exception_next_words"),
        exception_negations=folded("exception_negations"),
        terms=folded("agreement_terms"),
        setter_window=int(lex.cues.get("setter_window", 10)),
    )


def _words(ctx: DocContext) -> _Words:
    """The condition word lists of the document's lexicon (cached per lexicon)."""
    cached = _CACHE.get(id(ctx.lex))
    if cached is None or cached[0] is not ctx.lex:
        cached = _CACHE[id(ctx.lex)] = (ctx.lex, _words_of(ctx.lex))
    return cached[1]


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
        if not sentence.cues_labelled("COND") and not _exceptions(ctx, sentence):
            continue
        found = by_sentence.get(sentence.index, [])
        for cue in _cues(ctx, sentence, found):
            record = _condition(ctx, sentence, cue, saids.get(sentence.index, []), found)
            if record is not None:
                out.append(record)
    return out


def _cues(ctx: DocContext, sentence: Sentence, found: list[Found]) -> list[Span]:
    """The condition cues of a sentence that open a condition of their own."""
    kept: list[Span] = []
    cues = [*sentence.cues_labelled("COND"), *_exceptions(ctx, sentence)]
    for cue in sorted(cues, key=lambda c: (c.start, -len(c))):
        if kept and cue.start < _clause_end(ctx, sentence, kept[-1].end):
            continue  # inside the condition before it (or overlapping its cue)
        around = [
            c
            for c in sentence.cues_between(max(0, cue.start - 4), cue.end + 4)
            if _overlaps(cue, c)
        ]
        if any(c.label_ == "COND_REF" for c in around) or _not_condition(ctx, sentence, cue):
            continue
        says = any(c.label_ == "COND_SAYS" for c in around)
        if says and not _proviso(ctx, sentence, cue):
            continue
        if _needs_verb(ctx, cue) and not _verb_follows(ctx, sentence, cue):
            continue
        agreed = any(c.label_ == "COND_IN_OBJ" for c in around)
        if agreed and any(f.start - 1 <= cue.start < f.end for f in found):
            continue
        kept.append(cue)
    return kept


def _exceptions(ctx: DocContext, sentence: Sentence) -> list[Span]:
    """'لن نشارك إلا بضمانات': an exception word before a word with the preposition
    (or before 'بعد'), a negation earlier in its clause; a cue span over the word."""
    words = _words(ctx)
    doc = ctx.doc
    out: list[Span] = []
    for i in range(sentence.start, sentence.end - 1):
        if doc[i].norm_ not in words.exception:  # norms are folded: no call per token
            continue
        nxt = match_key(doc[i + 1].text)
        if not (nxt in words.exception_next or nxt.startswith(words.exception_prefixes)):
            continue
        start = _clause_start(ctx, sentence, i)
        if any(match_key(doc[j].text) in words.exception_negations for j in range(start, i)):
            out.append(Span(doc, i, i + 1, label="COND"))
    return out


def _not_condition(ctx: DocContext, sentence: Sentence, cue: Span) -> bool:
    """'ما إذا' (whether), 'حتى لو' (even if), 'في المقابل', 'على أساس أن', 'مقابل 100'."""
    words = _words(ctx)
    doc = ctx.doc
    if any(match_key(t.text) in words.not_tokens for t in cue):
        return True
    if cue.start > sentence.start and match_key(doc[cue.start - 1].text) in words.not_after:
        return True
    if cue.end < sentence.end:
        nxt = doc[cue.end]
        after = words.not_before.get(_cue_key(cue), frozenset())
        if match_key(nxt.text) in after or nxt.norm_ in after:
            return True
        if nxt.like_num and match_key(cue[-1].text).endswith("مقابل"):
            return True
        if _cue_key(cue) in words.temporal and _has_pronoun(ctx, nxt):
            return True
    return False


def _cue_key(cue: Span) -> str:
    """The lexicon form of a cue, its proclitics stripped ("وعند" -> "عند")."""
    return " ".join(match_key(t.norm_) for t in cue)


def _has_pronoun(ctx: DocContext, token: Token) -> bool:
    """Whether ``token`` ends in a possessive pronoun ("سؤاله", "وصولهم")."""
    key = match_key(token.text)
    return len(key) > 4 and key.endswith(_words(ctx).pronoun_suffixes)


def _proviso(ctx: DocContext, sentence: Sentence, cue: Span) -> bool:
    """'..., على أن يكون ...': a proviso, not what a reporting verb introduces."""
    before = sentence.cues_between(max(sentence.start, cue.start - 3), cue.start)
    if any(c.label_ in ("REPORT", "ACCORDING") for c in before):
        return False
    if cue.end >= sentence.end:
        return False
    return _is_verb(ctx, ctx.doc[cue.end])


def _needs_verb(ctx: DocContext, cue: Span) -> bool:
    """Whether ``cue`` opens a condition only before a verb ("بأي اتفاق يمنع ...")."""
    return tuple(match_key(t.norm_) for t in cue) in _words(ctx).needs_verb


def _verb_follows(ctx: DocContext, sentence: Sentence, cue: Span) -> bool:
    """A verb right after ``cue``, or after its counterpart ("أي اتفاق مع إيران يمنع")."""
    i = cue.end
    if any(c.label_ == "REF_LINK" for c in sentence.cues_at(i)):
        named = sentence.entities_at(i + 1)
        if named:
            i = max(e.end for e in named)
    for j in range(i, min(i + _words(ctx).needs_verb_window, sentence.end)):
        token = ctx.doc[j]
        if token.is_punct and token.text in CLAUSE_ENDS:
            return False
        if _is_verb(ctx, token):
            return True
    return False


def _is_verb(ctx: DocContext, token: Token) -> bool:
    """Whether ``token`` reads as an imperfect verb (or a negation before one)."""
    words = _words(ctx)
    key = match_key(token.text)
    if key in words.proviso_negations:
        return True
    return len(key) > 2 and key.startswith(words.proviso_prefixes)


def _clause_end(ctx: DocContext, sentence: Sentence, start: int) -> int:
    """The token index where the clause that runs on from ``start`` ends."""
    end = start
    while end < sentence.end and not (ctx.doc[end].is_punct and ctx.doc[end].text in CLAUSE_ENDS):
        end += 1
    return end


def _clause_start(ctx: DocContext, sentence: Sentence, end: int) -> int:
    """The token index where the clause that runs up to ``end`` starts."""
    start = end
    while start > sentence.start and not (
        ctx.doc[start - 1].is_punct and ctx.doc[start - 1].text in CLAUSE_ENDS
    ):
        start -= 1
    return start


def _condition(
    ctx: DocContext, sentence: Sentence, cue: Span, saids: list[Said], found: list[Found]
) -> ConditionRec | None:
    end = _clause_end(ctx, sentence, cue.end)
    start = cue.start
    if end == cue.end:  # "في هذه الحال" closing its clause: the clause is the condition
        start = _clause_start(ctx, sentence, cue.start)
        if start == cue.start:
            return None
    said = covering(saids, cue.start)
    target = _attached(found, cue)
    setter = _setter(ctx, sentence, cue, said)
    if setter is None:
        return None
    demand = any(_overlaps(cue, c) for c in sentence.cues_labelled("COND_DEMAND"))
    concerns = sorted(
        {e.kb_id_ for e in sentence.entities_between(start, end) if e.label_ == "Region"}
    )
    attached = target.record.id if target else (said.id if said else "")
    return ConditionRec(
        id=short_hash(ctx.document.id, ctx.doc[cue.start].idx),
        doc_id=ctx.document.id,
        start=sentence.unit.start,
        end=sentence.unit.end,
        evidence=ctx.evidence(sentence),
        text=fold(ctx.doc[start:end].text),
        kind="demand" if demand else "conditional",
        set_by=setter,
        side=ctx.country_of(setter),
        attached_to=attached,
        concerns=tuple(concerns),
    )


def _setter(ctx: DocContext, sentence: Sentence, cue: Span, said: Said | None) -> str | None:
    """Who sets the condition at ``cue``: the speaker of its statement, a party of the
    agreement whose terms the sentence gives, or the named subject of its reporting verb."""
    pair = _pair_subject(ctx, sentence, cue)
    if pair is not None:
        return pair
    if said is not None and said.cue:
        return said.speaker
    if _gives_terms(ctx, sentence, cue):
        party = _nearest_party(ctx, sentence, cue)
        if party is not None:
            return party
    if said is not None:
        return said.speaker
    return _reporting_subject(ctx, sentence, cue)


def _pair_subject(ctx: DocContext, sentence: Sentence, cue: Span) -> str | None:
    """'وأكد الجانبان ...': the two sides the document is about set it; the first of
    them stands for both."""
    if not ctx.pair:
        return None
    for verb in sentence.cues_labelled("REPORT"):
        if verb.end > cue.start:
            break
        if any(c.label_ == "PAIR" for c in sentence.cues_at(verb.end)):
            return ctx.pair[0]
    return None


def _gives_terms(ctx: DocContext, sentence: Sentence, cue: Span) -> bool:
    """'بموجب الاتفاق ...', 'ويفرض الاتفاق ...': the sentence states an agreement's terms."""
    terms = _words(ctx).terms
    doc = ctx.doc
    return any(
        doc[i].norm_ in terms or match_key(doc[i].text) in terms
        for i in range(sentence.start, cue.start)
    ) and bool(sentence.cues_labelled("AGREE_NOUN", "AGR_NAME", "AGREE"))


def _nearest_party(ctx: DocContext, sentence: Sentence, cue: Span) -> str | None:
    """The entity able to set terms nearest before ``cue`` in its sentence, else the
    first one after it ("يتعين على إيران ...")."""
    before = [e for e in sentence.entities_between(sentence.start, cue.start) if _can_set(ctx, e)]
    if before:
        return max(before, key=lambda e: (e.end, -speaker_rank(e))).kb_id_
    end = _clause_end(ctx, sentence, cue.end)
    after = [e for e in sentence.entities_between(cue.end, end) if _can_set(ctx, e)]
    return after[0].kb_id_ if after else None


def _can_set(ctx: DocContext, entity: Span) -> bool:
    """An entity that may set a condition: one that may speak, and not a place named
    after a locative word ("مؤسسة بحثية في نيويورك": where, not who)."""
    if not ctx.can_speak(entity):
        return False
    if entity.label_ != "Region" or entity.start == 0:
        return True
    previous = ctx.doc[entity.start - 1]
    return match_key(previous.norm_) not in _words(ctx).locative


def _reporting_subject(ctx: DocContext, sentence: Sentence, cue: Span) -> str | None:
    """The speakable entity named after the last reporting verb before ``cue`` (past
    titles and honorifics the statement finder does not know) and before what was said
    ("قالت وزارة العدل إن بولارد ...": not Pollard), or right before the verb; else the
    country of a nationality adjective there ("قال مسؤول سعودي" -> Saudi Arabia); else
    the first one named in what was said (the subject of the verb is then unknown)."""
    window = _words(ctx).setter_window
    verbs = [c for c in sentence.cues_labelled("REPORT") if c.end <= cue.start]
    if not verbs:
        return None
    verb = verbs[-1]
    limit = _said_starts(ctx, verb.end, min(verb.end + window, cue.start))
    named = sentence.entities_between(verb.end, limit)
    after = [e for e in named if _can_set(ctx, e)]
    if after:
        return sorted(after, key=lambda e: (speaker_rank(e), e.start))[0].kb_id_
    before = [e for e in sentence.entities_ending_at(verb.start) if _can_set(ctx, e)]
    if before:
        return before[0].kb_id_
    reach = verb.end + _words(ctx).adjective_window
    adjectives = [e for e in named if e.label_ == "Region" and e._.dkg_adj and e.end <= reach]
    if adjectives:
        return adjectives[0].kb_id_
    end = min(verb.end + window, cue.start)
    inside = [e for e in sentence.entities_between(limit, end) if _can_set(ctx, e)]
    return inside[0].kb_id_ if inside else None


def _said_starts(ctx: DocContext, start: int, limit: int) -> int:
    """Where what was said begins after a verb: its complementizer ("أن", "إن", ":")."""
    words = _words(ctx).complementizers
    for i in range(start, limit):
        if match_key(ctx.doc[i].text) in words or ctx.doc[i].text in words:
            return i
    return limit


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
