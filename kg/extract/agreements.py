"""Agreements: who agreed on what, with the terms of each account.

Rules (cue words from ``resources/<lang>/cues.yaml``):

- an agreement cue (verb or noun) opens an agreement; its object is what follows
  "على" (or the cue itself when no "على" follows: "اتفاق السلام");
- parties: a dual verb or "الزعيمان" means the two leaders the document is about;
  "اتفقنا" is the speaker and the other of the two; a named leader subject is that
  leader (and the other of the two, when the subject is one of them); otherwise the
  two leaders of the document;
- one object can hold several agreements: an act noun after a linker ("مع تشكيل لجان")
  or carrying the conjunction ("ومنع") starts another one;
- the object runs to the end of the clause: a comma ends it unless a time word, a
  linker or a linked act follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract.context import REPORTER_KINDS, DocContext, Sentence, short_hash
from kg.extract.statements import Said, covering, covering_all
from kg.extract.terms import Terms, read_terms
from kg.nlp.norms import load_proclitics
from kg.read import fold
from kg.records import AgreementRec
from kg.textnorm import match_key

OBJECT_WINDOW = 8
NEGATION_WINDOW = 4  # tokens before an agreement cue where a negation denies it


@dataclass
class Found:
    """An agreement mention before it becomes a record, with its object's token range."""

    record: AgreementRec
    sentence: Sentence
    start: int
    end: int
    cue: int = -1  # token where its cue starts


class AgreementFinder:
    """Find the agreement mentions of a document."""

    def __init__(self, ctx: DocContext, saids: dict[int, list[Said]]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.saids = saids
        proclitics = load_proclitics(ctx.lex.lang)
        self.conjunctions = proclitics.conjunctions
        self.article = proclitics.article
        self.stop = ctx.lex.stopwords
        self.noun_links = frozenset(match_key(w) for w in ctx.lex.cue_list("agreement_noun_links"))
        self.joiners = frozenset(match_key(w) for w in ctx.lex.cue_list("subject_joiners"))
        self.on = frozenset(match_key(w) for w in ctx.lex.cue_list("object_preposition"))
        self.between = frozenset(match_key(w) for w in ctx.lex.cue_list("between"))
        self.reach = frozenset(match_key(w) for w in ctx.lex.cue_list("reach_words"))
        titles = [t["ar"] for t in ctx.lex.titles] + ctx.lex.honorifics
        self.title_words = frozenset(match_key(w) for t in titles for w in t.split())

    def run(self) -> list[Found]:
        """Every agreement mention, in document order."""
        out: list[Found] = []
        for sentence in self.ctx.sentences:
            for cue in sentence.longest_cues("AGREE"):
                out.extend(self._agreements(sentence, cue))
        return out

    # -- object and its acts ---------------------------------------------------------
    def _object_start(self, sentence: Sentence, cue: Span) -> int:
        """After "على" when it follows the cue; between them a verb may have its subject
        and adverbs, a noun only its parties ("اتفاق تم بين الزعيمين على") and one
        adjective before "على" or another object marker ("اتفاق نهائي بشأن")."""
        noun = self._is_noun(sentence, cue)
        window = min(cue.end + OBJECT_WINDOW, sentence.end)
        near = sentence.entities_between(cue.end, window + 10) + [
            c for c in sentence.cues_between(cue.end, window + 10) if c.label_ == "PAIR"
        ]
        covered = {i for e in near for i in range(e.start, e.end)}
        free = 1
        for i in range(cue.end, min(cue.end + OBJECT_WINDOW, sentence.end)):
            token = self.doc[i]
            if token.is_punct or self._cue_at(sentence, i, "AGREE"):
                break
            if token.norm_ in self.on:
                return i + 1
            marker = self._cue_at(sentence, i, "OBJ_MARK")
            if noun and marker is not None:  # "الاتفاق حول ..." refers back: only "اتفاق"
                definite = self.article and cue[0].norm_.startswith(self.article)
                return cue.end if definite else marker.end
            if noun and i not in covered and token.norm_ not in self.noun_links:
                if not free:
                    break
                free -= 1
        return cue.end

    def _is_noun(self, sentence: Sentence, cue: Span) -> bool:
        return any(c.label_ == "AGREE_NOUN" for c in sentence.cues_at(cue.start))

    def _object_end(self, sentence: Sentence, start: int) -> int:
        i = start
        while i < sentence.end:
            token = self.doc[i]
            if i > start and self._cue_at(sentence, i, "AGREE"):
                return i
            if (
                i > start
                and self._cue_at(sentence, i, "COND")
                and not self._cue_at(sentence, i, "COND_IN_OBJ")
            ):
                return i
            closes = token.text in ".:؛;!?؟" or (token.is_punct and token.text not in ',،"«»“”()')
            if closes:
                return i
            if token.text in ",،" and not self._continues(sentence, i + 1):
                return i
            i += 1
        return sentence.end

    def _continues(self, sentence: Sentence, i: int) -> bool:
        """After a comma: does the object go on (a time word, a linker, a linked act)?"""
        if i >= sentence.end:
            return False
        if self._cue_at(sentence, i, "RELDAY", "WEEKDAY", "LINK", "IMMEDIATE"):
            return True
        return self._has_conjunction(i) and bool(self._cue_at(sentence, i, "ACT", "COND_IN_OBJ"))

    def _has_conjunction(self, i: int) -> bool:
        key = match_key(self.doc[i].text)
        norm = self.doc[i].norm_
        return any(key.startswith(c) and not norm.startswith(c) for c in self.conjunctions)

    def _cue_at(self, sentence: Sentence, i: int, *labels: str) -> Span | None:
        for cue in sentence.cues_at(i):
            if cue.label_.split("|")[0] in labels:
                return cue
        return None

    def _splits(self, sentence: Sentence, start: int, end: int) -> list[tuple[int, int]]:
        """Token ranges of the agreements inside one object."""
        bounds = [start]
        for i in range(start + 1, end):
            if not self._cue_at(sentence, i, "ACT"):
                continue
            before = i - 1
            linked = bool(self._cue_at(sentence, before, "LINK")) or self._has_conjunction(i)
            linked = linked or (
                self._has_conjunction(before)
                and bool(self._cue_at(sentence, before, "COND_IN_OBJ"))
            )
            if linked:
                bounds.append(i)
        ranges = []
        for a, b in zip(bounds, bounds[1:] + [end], strict=True):
            stop = b
            while stop > a + 1 and (
                self.doc[stop - 1].is_punct
                or self._cue_at(sentence, stop - 1, "LINK", "COND_IN_OBJ")
            ):
                stop -= 1
            ranges.append((a, stop))
        return ranges

    # -- parties ---------------------------------------------------------------------
    def _parties(self, sentence: Sentence, cue: Span, said: Said | None) -> tuple[str, ...]:
        pair = self.ctx.pair
        labels = {c.label_ for c in sentence.cues_between(cue.start, cue.end)}
        near = [
            c for c in sentence.cues_labelled("PAIR") if cue.start - 3 <= c.start <= cue.end + 3
        ]
        if "PAIR_VERB" in labels or near:
            if pair:
                return pair
            before = self._leaders_before(sentence, cue)
            if len(before) >= 2:
                return before
        if "WE_VERB" in labels and said is not None and self._leader(said.speaker):
            return self._with_pair((said.speaker,))
        named = self._named_leaders(sentence, cue)
        if named:
            return self._with_pair(named)
        if pair and self._about_pair(sentence, said):
            return pair
        leaders = sorted({e.kb_id_ for e in sentence.entities if self._leader(e.kb_id_)})
        if leaders:
            return tuple(leaders)
        return self._states(sentence, minimum=1 if "WE_VERB" in labels else 2)

    def _states(self, sentence: Sentence, minimum: int) -> tuple[str, ...]:
        """With no leader named: the states the sentence names, when there are at least
        ``minimum`` ("وافقت تركيا على السماح للولايات المتحدة ...": a consent between two
        states; "اتفقنا" said for one state: it and the other it names). One state alone is
        a one-sided decision, not an agreement."""
        states = sorted(
            {
                e.kb_id_
                for e in sentence.entities
                if (entry := self.ctx.entry(e.kb_id_)) is not None
                and entry.cls == "Region"
                and entry.kind == "country"
            }
        )
        return tuple(states) if len(states) >= minimum else ()

    def _about_pair(self, sentence: Sentence, said: Said | None) -> bool:
        """Whether an agreement without a named subject is the pair's: its speaker is, or
        speaks for, one of them, or this or the previous sentence names them."""
        pair = set(self.ctx.pair)
        if said is not None and (said.speaker in pair or set(self._speaker_leader(said)) & pair):
            return True
        for other in (self.ctx.sentence_before(sentence), sentence):
            if other is not None and (other.entity_keys() & pair or other.cues_labelled("PAIR")):
                return True
        return False

    def _leaders_before(self, sentence: Sentence, cue: Span) -> tuple[str, ...]:
        """Who a dual verb without a pair of its own refers to: the leaders or countries
        named before it in the sentence ("أعلنت السعودية وإيران أنهما اتفقتا")."""
        window = sentence.entities_between(
            max(sentence.start, cue.start - OBJECT_WINDOW * 3), cue.start
        )
        found = {self._acting_leader(e) for e in window if not e._.dkg_adj}
        return tuple(sorted(k for k in found if k))

    def _with_pair(self, leaders: tuple[str, ...]) -> tuple[str, ...]:
        if any(k in self.ctx.pair for k in leaders):
            return tuple(sorted(set(leaders) | set(self.ctx.pair)))
        return tuple(sorted(set(leaders)))

    def _named_leaders(self, sentence: Sentence, cue: Span) -> tuple[str, ...]:
        """The subject's leaders: named right after the cue ("اتفق بوتين وترامب",
        "اتفقت السعودية وروسيا": a country stands for whoever acts for it), right before
        it ("توصلت إيران والقوى الكبرى إلى اتفاق"), or after "بين"."""
        after = self._subject(sentence, cue.end, 1)
        if after:
            return after
        for i in range(cue.end, min(cue.end + 3, sentence.end)):
            if self.doc[i].norm_ in self.between:
                return self._subject(sentence, i + 1, 1)
        return self._subject(sentence, cue.start - 1, -1)

    def _subject(self, sentence: Sentence, i: int, step: int) -> tuple[str, ...]:
        """Leaders of the entities joined by "و" from token ``i`` on, in direction ``step``."""
        found: list[str] = []
        steps = 0
        while sentence.start <= i < sentence.end and steps < OBJECT_WINDOW:
            here = sentence.entities_at(i) if step > 0 else sentence.entities_ending_at(i + 1)
            span = next((e for e in here if not e._.dkg_adj), None)
            if span is not None:
                leader = self._acting_leader(span)
                if leader is None:
                    break
                found.append(leader)
                i = span.end if step > 0 else span.start - 1
            elif (
                self.doc[i].norm_ in self.joiners
                or self.doc[i].norm_ in self.title_words
                or (step < 0 and self.doc[i].norm_ in self.reach)
            ):
                i += step
            else:
                break
            steps += 1
        return tuple(sorted(set(found)))

    def _acting_leader(self, span: Span) -> str | None:
        entry = self.ctx.entry(span.kb_id_)
        if entry is None:
            return None
        if entry.cls == "Leader":
            return entry.key
        if entry.cls == "Region" and entry.kind == "country":
            return entry.key  # a state is a party of its own (CONTRACT.md, dkg:party)
        if entry.cls == "Organization" and entry.kind not in REPORTER_KINDS:
            return entry.key  # a body: a coalition, a movement, the UN
        return None

    def _leader(self, key: str) -> bool:
        entry = self.ctx.entry(key)
        return entry is not None and entry.cls == "Leader"

    def _speaker_leader(self, said: Said | None) -> tuple[str, ...]:
        if said is None:
            return ()
        if self._leader(said.speaker):
            return (said.speaker,)
        entry = self.ctx.entry(said.speaker)
        if entry and entry.cls == "Organization" and entry.country and entry.speaks_for_office:
            holder = self.ctx.lex.holder(entry.speaks_for_office, entry.country, self.ctx.date)
            if holder is not None:
                return (holder.key,)
        return ()

    def _noun_with_object(self, sentence: Sentence, cue: Span) -> bool:
        """Without "على", only a signing verb takes an object ("وقعا اتفاقية"), and a noun
        only an act or a definite noun right after it when indefinite ("اتفاق السلام",
        "اتفاق وقف ..."): "الاتفاق" alone refers back, "اتفاق هش" describes."""
        if not self._is_noun(sentence, cue):
            return any(c.label_ == "AGREE_DIRECT" for c in sentence.cues_at(cue.start))
        if self.article and cue[0].norm_.startswith(self.article):
            return False
        if cue.end >= sentence.end:
            return False
        nxt = self.doc[cue.end]
        return bool(self._cue_at(sentence, cue.end, "ACT")) or (
            nxt.is_alpha and bool(self.article) and nxt.norm_.startswith(self.article)
        )

    # -- records ---------------------------------------------------------------------
    def _agreements(self, sentence: Sentence, cue: Span) -> list[Found]:
        if self._negated(sentence, cue):
            return []
        said = covering(self.saids.get(sentence.index, []), cue.start)
        parties = self._parties(sentence, cue, said)
        if not parties:
            return []
        start = self._object_start(sentence, cue)
        if start == cue.end and not self._noun_with_object(sentence, cue):
            return []
        end = self._object_end(sentence, start)
        parties = self._with_counterpart(sentence, parties, start, end)
        if not parties:
            return []
        out = []
        for a, b in self._splits(sentence, start, end):
            record = self._record(sentence, cue, said, parties, a, max(b, a))
            out.append(Found(record, sentence, a, max(b, a), cue.start))
        return out

    def _with_counterpart(
        self, sentence: Sentence, parties: tuple[str, ...], start: int, end: int
    ) -> tuple[str, ...]:
        """A state or body alone agrees with someone: the states its object names
        ("وافقت الكويت على السماح لبريطانيا ..."); with none it decided alone, which is
        no agreement ("وافقت الحكومة على رفع الأسعار")."""
        if len(parties) != 1 or self._leader(parties[0]):
            return parties
        own = {parties[0], self.ctx.country_of(parties[0])}
        others = {
            e.kb_id_
            for e in sentence.entities_between(start, end)
            if (entry := self.ctx.entry(e.kb_id_)) is not None
            and entry.cls == "Region"
            and entry.kind == "country"
            and e.kb_id_ not in own
            and not self._locative(sentence, e.start)
        }
        return tuple(sorted({*parties, *others})) if others else ()

    def _locative(self, sentence: Sentence, i: int) -> bool:
        """Whether the place at token ``i`` is where something happens ("في شمال سوريا")."""
        return any(c.end == i for c in sentence.cues_labelled("LOCATIVE"))

    def _negated(self, sentence: Sentence, cue: Span) -> bool:
        """ "دون التوصل إلى اتفاق", "لم يتم الاتفاق": a negation a few words before."""
        start = cue.start - NEGATION_WINDOW
        return any(start <= c.start < cue.start for c in sentence.cues_labelled("AGREE_NEG"))

    def _record(self, sentence, cue, said, parties, start, end) -> AgreementRec:
        doc, ctx = self.doc, self.ctx
        inside = sentence.cues_between(start, end)
        acts = [c.label_.split("|")[1] for c in inside if c.label_.startswith("ACT|")]
        act = (
            acts[0]
            if acts
            else ("relations" if any(c.label_ == "REL_OBJ" for c in inside) else "agree")
        )
        terms: Terms = read_terms(doc, start, end, inside, ctx.date)
        concerns = sorted(
            {e.kb_id_ for e in sentence.entities_between(start, end) if e.label_ == "Region"}
        )
        char_start = doc[start].idx if start < len(doc) else sentence.unit.end
        joint = covering_all(self.saids.get(sentence.index, []), cue.start)
        asserted = tuple(s.id for s in joint if not s.dispute)
        disputed = tuple(s.id for s in joint if s.dispute)
        return AgreementRec(
            id=short_hash(ctx.document.id, sentence.unit.start, char_start, cue.start),
            doc_id=ctx.document.id,
            start=sentence.unit.start,
            end=sentence.unit.end,
            evidence=ctx.evidence(sentence),
            parties=parties,
            act=act,
            object=fold(doc[start:end].text) if end > start else fold(cue.text),
            keywords=self._keywords(sentence, start, end),
            concerns=tuple(concerns),
            asserted_by=asserted,
            disputed_by=disputed,
            scope=terms.scope,
            duration_days=terms.duration_days,
            quantity=terms.quantity,
            start_date=terms.start_date,
            date=ctx.date,
        )

    def _keywords(self, sentence: Sentence, start: int, end: int) -> tuple[str, ...]:
        """Content words of the object (not its act nouns), to tell whether two accounts
        are one: "وقف استهداف الطاقة" and "وقف إطلاق النار على منشآت الطاقة" share one."""
        acts = {
            i
            for c in sentence.cues_between(start, end)
            if c.label_.startswith("ACT|")
            for i in range(c.start, c.end)
        }
        words = set()
        for token in self.doc[start:end]:
            norm = token.norm_
            if token.is_alpha and len(norm) > 2 and norm not in self.stop and token.i not in acts:
                words.add(norm)
        return tuple(sorted(words))
