"""Agreements that are referred to, not narrated, and their later bare mentions.

News names an agreement once by what identifies it and then refers back to it:

- a well-known agreement by one of its gazetteer names ("خطة العمل الشاملة المشتركة";
  an ambiguous name such as "الاتفاق النووي" only when the document names one of its
  parties) links to that entry, the same node in every document;
- a definite agreement noun with an identifying adjective ("الاتفاق النووي"), a relative
  clause of its conclusion ("الاتفاق الذي تم التوصل إليه"), or its parties ("الاتفاق بين
  إيران والقوى الكبرى"); an indefinite one with a name or object after it ("اتفاق فيينا",
  "إعلان القاهرة", "اتفاقية الشراكة") or concluded ("وقعت الفصائل اتفاقا");
- a bare definite noun ("الاتفاق", "هذا الاتفاق", "الاتفاقية") refers to the agreement
  the document spoke of last (or, before any, the first it names).

Mentions of one agreement in one document share a ``ref``; corroboration puts mentions
with the same ``ref`` on one node. A statement whose sentence opposes, rejects, doubts or
undoes the agreement ("ضد الاتفاق", "لإفشال الاتفاق", "الاتفاق غامض") disputes it; any
other statement that speaks of it asserts it. Cue words: ``resources/<lang>/cues_references.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from kg.extract.context import DocContext, Sentence, short_hash
from kg.extract.statements import Said, covering_all
from kg.read import fold
from kg.records import AgreementRec
from kg.textnorm import load_proclitics, match_key, strip_article

PARTY_WINDOW = 8  # tokens after "بين"/"مع" or in a relative clause that may name parties
CLAUSE_WINDOW = 4  # tokens between a relative pronoun and its verb of conclusion
OPPOSE_WINDOW = 3  # tokens between an opposing word and the agreement noun
INVITATION_WINDOW = 4  # tokens between "قبلت" and "الدعوة" (its subject)
VIEWS_WINDOW = 15  # tokens between a word of views and a word of concurring


@dataclass
class Reference:
    """One mention of a referred agreement."""

    sentence: Sentence
    start: int  # token range of the noun (or the gazetteer name)
    end: int
    known: str | None = None  # gazetteer key
    words: frozenset[str] = frozenset()  # what identifies it: adjectives, names, objects
    identified: bool = False
    parties: tuple[str, ...] = ()
    opposed: bool = False
    cluster: str = ""
    by_noun: bool = True  # False: an accepted invitation, views that concur


@dataclass
class _Cluster:
    key: str
    known: str | None
    words: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    last: int = -1
    named_by_noun: bool = True  # bare nouns refer back only to agreements named by a noun


class ReferenceFinder:
    """Find referred agreements in a document and resolve their bare mentions."""

    def __init__(self, ctx: DocContext, saids: dict[int, list[Said]]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.saids = saids
        self.article = load_proclitics(ctx.lex.lang).article or ""
        self.joiners = frozenset(match_key(w) for w in ctx.lex.cue_list("subject_joiners"))
        self.stop = ctx.lex.stopwords
        self.adjectives = frozenset(
            strip_article(match_key(w), 3) for w in ctx.lex.cue_list("reference_adjectives")
        )
        self.doc_keys = {e.kb_id_ for s in ctx.sentences for e in s.entities}

    # -- finding -----------------------------------------------------------------------
    def find(self) -> list[Reference]:
        """Every referred mention, in document order, before resolution."""
        out: list[Reference] = []
        for sentence in self.ctx.sentences:
            taken: set[int] = set()
            for span in sentence.cues_labelled("AGR_NAME", "AGR_AMBIG"):
                ref = self._known(sentence, span)
                if ref is not None and not taken & set(range(span.start, span.end)):
                    out.append(ref)
                    taken.update(range(span.start, span.end))
            for span in sentence.cues_labelled("REF_AGREED", "REF_AGREED_WHAT"):
                out.append(self._agreed(sentence, span))
                taken.update(range(span.start, span.end))
            for span in sentence.cues_labelled("INVITATION"):
                ref = self._invitation(sentence, span)
                if ref is not None and span.start not in taken:
                    out.append(ref)
                    taken.update(range(span.start, span.end))
            concur = self._concurring(sentence)
            if concur is not None:
                out.append(concur)
            blocked = {i for c in sentence.cues_labelled("REF_NOT") for i in range(c.start, c.end)}
            for noun in sentence.longest_cues("REF_NOUN"):
                if noun.start in taken or noun.start in blocked:
                    continue
                ref = self._read(sentence, noun)
                if ref is not None:
                    out.append(ref)
                    taken.update(range(noun.start, noun.end))
        return out

    def _known(self, sentence: Sentence, span: Span) -> Reference | None:
        kind, key = span.label_.split("|", 1)
        entry = self.ctx.lex.agreements.get(key)
        if entry is None:
            return None
        if kind == "AGR_AMBIG" and not set(entry.parties) & self._named_parties():
            return None
        if self.ctx.date and entry.date and self.ctx.date[:4] < entry.date[:4]:
            return None  # a name can only refer to an agreement of its past
        ref = Reference(sentence, span.start, span.end, known=key, identified=True)
        ref.words = frozenset(self._content(span.start, span.end))
        ref.opposed = self._opposed(sentence, span.start, span.end)
        return ref

    def _agreed(self, sentence: Sentence, span: Span) -> Reference:
        """ "الإصلاحات التي تم الاتفاق عليها": the words before are what was agreed;
        "ما تم الاتفاق عليه" refers back to the agreement spoken of."""
        ref = Reference(sentence, span.start, span.end)
        if span.label_ == "REF_AGREED_WHAT":
            return ref  # "ما تم الاتفاق عليه": no antecedent of its own
        words = [
            t.norm_
            for t in self.doc[max(sentence.start, span.start - 3) : span.start]
            if t.is_alpha and t.norm_ not in self.stop and len(t.norm_) > 2
        ]
        ref.identified = True
        ref.words = frozenset(words[-2:])
        return ref

    def _invitation(self, sentence: Sentence, span: Span) -> Reference | None:
        """ "وقبلت الحركة الدعوة": an accepted invitation, its subject between verb and noun."""
        verbs = [
            c
            for c in sentence.cues_labelled("ACCEPTED")
            if span.start - INVITATION_WINDOW <= c.start < span.start
        ]
        if not verbs:
            return None
        ref = Reference(sentence, span.start, span.end, identified=True, by_noun=False)
        ref.words = frozenset({self.doc[span.start].norm_})
        ref.parties = self._parties_in(sentence, verbs[0].end, span.end + PARTY_WINDOW)
        return ref

    def _concurring(self, sentence: Sentence) -> Reference | None:
        """ "وجهات نظر X و Y متطابقة", "تطابق وجهات النظر بين البلدين": an agreement of views,
        its parties the leaders and states named from the first word to the last."""
        views, concur = sentence.cues_labelled("VIEWS"), sentence.cues_labelled("CONCUR")
        pairs = [
            (min(v.start, c.start), max(v.end, c.end))
            for v in views
            for c in concur
            if abs(v.start - c.start) <= VIEWS_WINDOW
        ]
        if not pairs:
            return None
        start, end = min(pairs)
        ref = Reference(sentence, start, end, identified=True, by_noun=False)
        ref.words = frozenset(self.doc[c.start].norm_ for c in concur)  # its own agreement
        ref.parties = self._parties_in(sentence, start, end + PARTY_WINDOW)
        return ref if ref.parties else None

    def _named_parties(self) -> set[str]:
        """Region and organization keys the document names, with the countries of cities."""
        keys = set(self.doc_keys)
        for key in self.doc_keys:
            entry = self.ctx.entry(key)
            if entry is not None and entry.country:
                keys.add(f"region:{entry.country}")
        return keys

    def _read(self, sentence: Sentence, noun: Span) -> Reference | None:
        """What a noun mention is: identified, bare, or no agreement (None)."""
        definite = self._definite(noun)
        before = noun.start - 1
        if before >= sentence.start and self._cue_ends(sentence, before, "REF_HYPO"):
            return None
        if self._denied(sentence, noun.start, definite):
            return None  # "دون التوصل إلى اتفاق", "لم يتم الاتفاق على"
        named_only = any(c.label_ == "REF_NAMED_ONLY" for c in sentence.cues_at(noun.start))
        ref = Reference(sentence, noun.start, noun.end)
        j = noun.end
        entity = self._entity_at(sentence, j)
        if entity is not None:
            ref.identified = True
            ref.words = frozenset({entity.kb_id_})
            ref.parties = self._parties_from(sentence, j)
        elif named_only and self._cue_starts(sentence, j, "ACT"):
            ref.identified = True  # "إعلان إقامة شراكة استراتيجية": what it declares
            ref.words = frozenset(self._content(j + 1, min(j + 3, sentence.end)))
        elif named_only:
            return None
        elif definite:
            self._read_definite(sentence, ref)
        elif not self._read_construct(sentence, ref):
            return None
        ref.opposed = self._opposed(sentence, noun.start, max(ref.end, noun.end))
        return ref

    def _read_definite(self, sentence: Sentence, ref: Reference) -> None:
        """ "الاتفاق النووي", "الاتفاق الذي أبرم بين ...", "الاتفاق مع إيران"; else bare."""
        j = ref.end
        words: set[str] = set()
        while j < sentence.end and (
            self._cue_starts(sentence, j, "REF_ADJ") or self._cue_starts(sentence, j, "REF_DESC")
        ):
            if self._cue_starts(sentence, j, "REF_ADJ"):
                words.add(self.doc[j].norm_)
            ref.identified = True
            j += 1
        ref.words = frozenset(words)
        if j < sentence.end and self._cue_starts(sentence, j, "OBJ_MARK") and not words:
            named = self._content(j + 1, min(j + 3, sentence.end))
            if named:  # "الاتفاق حول تقنيات المعلومات": what it is about names it
                ref.identified = True
                ref.words = frozenset(named)
        elif j < sentence.end and self._cue_starts(sentence, j, "REF_REL"):
            window = range(j + 1, min(j + 1 + CLAUSE_WINDOW, sentence.end))
            if any(self._cue_starts(sentence, k, "CONCLUDE") for k in window):
                ref.identified = True
                ref.parties = self._parties_in(sentence, j + 1, j + 1 + PARTY_WINDOW)
        elif j < sentence.end and self._cue_starts(sentence, j, "REF_LINK"):
            parties = self._parties_from(sentence, j + 1)
            if parties:
                ref.identified = True
                ref.parties = parties

    def _read_construct(self, sentence: Sentence, ref: Reference) -> bool:
        """An indefinite noun: "اتفاقية الشراكة", "اتفاق السلام" (its object follows), or one
        just concluded ("وقعت الفصائل اتفاقا", "أبرمتا اتفاقية")."""
        j = ref.end
        if j < sentence.end and strip_article(self.doc[j].norm_, 3) in self.adjectives:
            ref.identified = True  # "اتفاق نووي": named by what it is about
            ref.words = frozenset({self.doc[j].norm_})
            j += 1
        words = []
        while j < sentence.end and len(words) < 2 and self._content_word(j, definite=True):
            words.append(self.doc[j].norm_)
            j += 1
        if words:
            ref.identified = True
            ref.words = frozenset(words)
            return True
        if ref.identified:
            self._announced(sentence, ref, j)
            return True
        start = max(sentence.start, ref.start - OPPOSE_WINDOW - 1)
        if any(self._concluded(sentence, k) for k in range(start, ref.start)):
            ref.identified = True
            ref.parties = self._parties_in(sentence, start, ref.start)
            return True
        if j < sentence.end and self._cue_starts(sentence, j, "REF_LINK"):
            ref.parties = self._parties_from(sentence, j + 1)  # "تفاهم مع الوكالة الدولية"
            ref.identified = bool(ref.parties)
            # named by its kind and its parties: "هدنة مع روسيا" is no other agreement
            ref.words = frozenset({strip_article(self.doc[ref.start].norm_, 3), *ref.parties})
            return ref.identified
        return self._announced(sentence, ref, j)

    def _announced(self, sentence: Sentence, ref: Reference, j: int) -> bool:
        """ "هدنة إنسانية هشة أعلنها التحالف": concluded by the parties named after."""
        after = range(j, min(j + OPPOSE_WINDOW, sentence.end))
        verb = next((k for k in after if self._cue_starts(sentence, k, "CONCLUDE")), None)
        if verb is None:
            return False
        ref.identified = True
        ref.parties = self._parties_in(sentence, verb + 1, verb + 1 + PARTY_WINDOW)
        return True

    def _denied(self, sentence: Sentence, start: int, definite: bool) -> bool:
        """A negation a few words before: before an indefinite noun it denies it ("لا
        اتفاق", "دون التوصل إلى اتفاق"); before a definite one only with a verb of
        conclusion between ("لم يتم الاتفاق"; "لم يحمل الاتفاق" speaks of one)."""
        window = start - OPPOSE_WINDOW - 1
        for neg in sentence.cues_labelled("AGREE_NEG"):
            if not window <= neg.start < start:
                continue
            between = range(neg.end, start)
            if not definite or any(
                self._cue_starts(sentence, k, label)
                for k in between
                for label in ("CONCLUDE", "CONCLUDE_NOUN", "CONCLUDE_NOW")
            ):
                return True
        return False

    def _concluded(self, sentence: Sentence, k: int) -> bool:
        """A past verb of conclusion at ``k``, or its verbal noun after a word of time past."""
        if self._cue_starts(sentence, k, "CONCLUDE"):
            return True
        return (
            k > sentence.start
            and self._cue_starts(sentence, k, "CONCLUDE_NOUN")
            and self._cue_ends(sentence, k - 1, "PAST")
        )

    # -- token tests -------------------------------------------------------------------
    def _definite(self, noun: Span) -> bool:
        return noun[0].norm_.startswith(self.article)

    def _content_word(self, i: int, definite: bool) -> bool:
        token = self.doc[i]
        norm = token.norm_
        if not token.is_alpha or norm in self.stop or len(norm) < 3:
            return False
        return norm.startswith(self.article) if definite else True

    def _content(self, start: int, end: int) -> set[str]:
        return {
            t.norm_
            for t in self.doc[start:end]
            if t.is_alpha and t.norm_ not in self.stop and len(t.norm_) > 2
        }

    def _cue_starts(self, sentence: Sentence, i: int, label: str) -> bool:
        return any(c.label_.split("|")[0] == label for c in sentence.cues_at(i))

    def _cue_ends(self, sentence: Sentence, i: int, label: str) -> bool:
        return any(c.end == i + 1 for c in sentence.cues_labelled(label))

    def _entity_at(self, sentence: Sentence, i: int) -> Span | None:
        here = [e for e in sentence.entities_at(i) if e.label_ in ("Region", "Organization")]
        return next((e for e in here if not e._.dkg_adj), None)

    def _party(self, span: Span) -> str | None:
        entry = self.ctx.entry(span.kb_id_)
        if entry is None or span._.dkg_adj:
            return None
        if entry.cls in ("Leader", "Organization"):
            return entry.key
        if entry.cls == "Region" and entry.kind == "country":
            return entry.key
        return None

    def _parties_from(self, sentence: Sentence, i: int) -> tuple[str, ...]:
        """Entities joined by "و" from token ``i`` on ("روسيا وتونس", "إيران والقوى")."""
        found: list[str] = []
        steps = 0
        while i < sentence.end and steps < PARTY_WINDOW:
            span = next(iter(sentence.entities_at(i)), None)
            if span is not None:
                party = self._party(span)
                if party is None:
                    break
                found.append(party)
                i = span.end
            elif self.doc[i].norm_ in self.joiners or self._cue_starts(sentence, i, "REF_LINK"):
                i += 1
            else:
                break
            steps += 1
        return tuple(sorted(set(found)))

    def _parties_in(self, sentence: Sentence, start: int, end: int) -> tuple[str, ...]:
        spans = sentence.entities_between(max(start, sentence.start), min(end, sentence.end))
        return tuple(sorted({p for p in map(self._party, spans) if p}))

    def _opposed(self, sentence: Sentence, start: int, end: int) -> bool:
        before = any(
            start - OPPOSE_WINDOW <= c.end <= start for c in sentence.cues_labelled("OPPOSE")
        )
        after = any(
            end <= c.start <= end + OPPOSE_WINDOW for c in sentence.cues_labelled("OPPOSE_AFTER")
        )
        return before or after

    # -- resolution --------------------------------------------------------------------
    def resolve(self, refs: list[Reference]) -> list[Reference]:
        """Give every mention its cluster; bare mentions with nothing to refer to are dropped.
        Bare mentions before any agreement is named refer to the first one named."""
        clusters: list[_Cluster] = []
        owner: dict[int, _Cluster] = {}
        pending: list[Reference] = []
        for position, ref in enumerate(refs):
            cluster = self._cluster_for(ref, clusters, position)
            if cluster is None:
                pending.append(ref)
                continue
            owner[id(ref)] = cluster
            cluster.words |= _stems(ref.words)
            cluster.parties |= set(ref.parties)
            cluster.last = position
        nouns = [c for c in clusters if c.named_by_noun]
        for ref in pending if nouns else ():
            owner[id(ref)] = nouns[0]
        for ref in refs:
            ref.cluster = owner[id(ref)].key if id(ref) in owner else ""
        return [r for r in refs if r.cluster]

    def _cluster_for(
        self, ref: Reference, clusters: list[_Cluster], position: int
    ) -> _Cluster | None:
        if ref.known:
            found = next((c for c in clusters if c.known == ref.known), None)
            return found or self._new(clusters, ref, ref.known)
        if ref.words:
            found = next((c for c in clusters if c.words & _stems(ref.words)), None)
            return found or self._new(clusters, ref, None)
        if clusters:
            nouns = [c for c in clusters if c.named_by_noun]
            if nouns:
                return max(nouns, key=lambda c: c.last)
        return self._new(clusters, ref, None) if ref.identified else None

    def _new(self, clusters: list[_Cluster], ref: Reference, known: str | None) -> _Cluster:
        key = known or "ref:" + short_hash(self.ctx.document.id, ref.sentence.unit.start, ref.start)
        cluster = _Cluster(key, known, named_by_noun=ref.by_noun)
        clusters.append(cluster)
        return cluster

    # -- records -----------------------------------------------------------------------
    def records(self, refs: list[Reference]) -> list[AgreementRec]:
        """One record per mention, the cluster's parties and the gazetteer's on each."""
        parties: dict[str, set[str]] = {}
        for ref in refs:
            parties.setdefault(ref.cluster, set()).update(ref.parties)
        for key, found in parties.items():
            entry = self.ctx.lex.agreements.get(key)
            if entry is not None:
                found.update(p for p in entry.parties if self.ctx.entry(p) is not None)
        return [self._record(ref, tuple(sorted(parties[ref.cluster]))) for ref in refs]

    def _record(self, ref: Reference, parties: tuple[str, ...]) -> AgreementRec:
        sentence, doc = ref.sentence, self.doc
        joint = covering_all(self.saids.get(sentence.index, []), ref.start)
        disputed = tuple(s.id for s in joint if s.dispute or ref.opposed)
        asserted = tuple(s.id for s in joint if s.id not in disputed)
        concerns = sorted(
            {e.kb_id_ for e in sentence.entities if e.label_ == "Region" and not e._.dkg_adj}
        )
        return AgreementRec(
            id=short_hash(self.ctx.document.id, sentence.unit.start, doc[ref.start].idx, "ref"),
            doc_id=self.ctx.document.id,
            start=sentence.unit.start,
            end=sentence.unit.end,
            evidence=self.ctx.evidence(sentence),
            parties=parties,
            act="agree",
            object=fold(doc[ref.start : ref.end].text),
            keywords=tuple(sorted(ref.words)),
            concerns=tuple(concerns),
            asserted_by=asserted,
            disputed_by=disputed,
            date=self.ctx.date,
            ref=ref.cluster,
        )


def _stems(words: frozenset[str]) -> frozenset[str]:
    """Words without the article, so that "اتفاق نووي" and "الاتفاق النووي" share one."""
    return frozenset(strip_article(w, 3) for w in words)
