"""What every extraction step reads from one annotated Doc: units, entities, cues."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.lexicon import Entry, Lexicon
from kg.read import fold
from kg.records import Document, Unit

# Organizations of these kinds report what others say; they are never the speaker.
REPORTER_KINDS = frozenset({"news_agency", "media"})
_SPEAKER_RANK = {"Leader": 0, "Person": 0, "Organization": 1, "Region": 2}


def short_hash(*parts: object) -> str:
    """A short, stable hash of ``parts`` for instance ids."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Sentence:
    """A unit with its token range and the cue and entity spans inside it (sorted by
    start), indexed by position so that rules stay linear on very long sentences."""

    index: int
    unit: Unit
    start: int  # token range
    end: int
    cues: list[Span]
    entities: list[Span]
    _index: dict = field(default_factory=dict, repr=False)

    def _by(self, name: str, spans: list[Span], key) -> dict:
        table = self._index.get(name)
        if table is None:
            table = {}
            for span in spans:
                table.setdefault(key(span), []).append(span)
            self._index[name] = table
        return table

    def cues_labelled(self, *prefixes: str) -> list[Span]:
        """Cue spans whose label starts with one of ``prefixes``."""
        kinds = self._by("kind", self.cues, lambda c: c.label_.split("|")[0])
        if len(prefixes) == 1:
            return kinds.get(prefixes[0], [])
        return sorted((c for p in prefixes for c in kinds.get(p, [])), key=lambda c: c.start)

    def longest_cues(self, label: str) -> list[Span]:
        """Cue spans of ``label``, the longest at each place, none overlapping."""
        kept: list[Span] = []
        for cue in sorted(self.cues_labelled(label), key=lambda c: (c.start, -len(c))):
            if not kept or cue.start >= kept[-1].end:
                kept.append(cue)
        return kept

    def cues_at(self, i: int) -> list[Span]:
        """Cue spans starting at token ``i``."""
        return self._by("cue_start", self.cues, lambda c: c.start).get(i, [])

    def entities_at(self, i: int) -> list[Span]:
        """Entity spans starting at token ``i``."""
        return self._by("ent_start", self.entities, lambda e: e.start).get(i, [])

    def entities_ending_at(self, i: int) -> list[Span]:
        """Entity spans ending right before token ``i``."""
        return self._by("ent_end", self.entities, lambda e: e.end).get(i, [])

    def entity_keys(self) -> set[str]:
        """Keys of the entities the sentence names."""
        keys = self._index.get("keys")
        if keys is None:
            keys = self._index["keys"] = {e.kb_id_ for e in self.entities}
        return keys

    def cues_between(self, start: int, end: int) -> list[Span]:
        """Cue spans lying within tokens ``start:end``."""
        return self._between("cue_starts", self.cues, start, end)

    def entities_between(self, start: int, end: int) -> list[Span]:
        """Entity spans lying within tokens ``start:end``."""
        return self._between("ent_starts", self.entities, start, end)

    def _between(self, name: str, spans: list[Span], start: int, end: int) -> list[Span]:
        starts = self._index.get(name)
        if starts is None:  # spans are sorted by start
            starts = self._index[name] = [s.start for s in spans]
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        return [s for s in spans[lo:hi] if s.end <= end]


@dataclass
class DocContext:
    """One document, its annotated Doc and the lexicon, with derived lookups."""

    document: Document
    doc: Doc
    lex: Lexicon
    units: list[Unit]
    found: dict[str, Entry] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        """The document's date (ISO)."""
        return self.document.date

    def entry(self, key: str) -> Entry | None:
        """The gazetteer entry or rule-found entity of ``key``."""
        return self.lex.entries.get(key) or self.found.get(key)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Units with their tokens, cues and entities, in document order."""
        doc = self.doc
        cues = list(doc.spans.get(CUES, []))
        ents = list(doc.spans.get(ENTITIES, []))
        cue_starts, ent_starts = [c.start for c in cues], [e.start for e in ents]
        out = []
        for index, unit in enumerate(self.units):
            span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
            if span is None:
                continue
            a, b = span.start, span.end
            inside_cues = cues[bisect_left(cue_starts, a) : bisect_left(cue_starts, b)]
            inside_ents = ents[bisect_left(ent_starts, a) : bisect_left(ent_starts, b)]
            out.append(
                Sentence(
                    index,
                    unit,
                    a,
                    b,
                    [c for c in inside_cues if c.end <= b],
                    [e for e in inside_ents if e.end <= b],
                )
            )
        return out

    def sentence_before(self, sentence: Sentence) -> Sentence | None:
        """The sentence (or heading) right before ``sentence``, if any."""
        position = self._positions.get(sentence.index, 0)
        return self.sentences[position - 1] if position > 0 else None

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {s.index: p for p, s in enumerate(self.sentences)}

    def evidence(self, sentence: Sentence) -> str:
        """The sentence as written, line breaks folded to single spaces."""
        text = sentence._index.get("evidence")
        if text is None:
            text = fold(self.document.text[sentence.unit.start : sentence.unit.end])
            sentence._index["evidence"] = text
        return text

    @cached_property
    def mention_counts(self) -> Counter:
        """How often each entity key is mentioned in the document."""
        ents = self.doc.spans.get(ENTITIES, [])
        return Counter(e.kb_id_ for e in ents)

    def country_of(self, key: str | None) -> str | None:
        """The region key whose position ``key`` voices (a leader's country, ...), when
        the gazetteer knows that region."""
        found = self._country_of(key)
        return found if found and self.entry(found) is not None else None

    def _country_of(self, key: str | None) -> str | None:
        entry = self.entry(key) if key else None
        if entry is None:
            return None
        if entry.cls == "Leader":
            office = entry.office_at(self.date)
            return f"region:{office.country}" if office and office.country else None
        if entry.cls == "Region":
            if entry.kind in ("country", None) or not entry.country:
                return entry.key
            return f"region:{entry.country}"
        if entry.cls == "Organization":
            return f"region:{entry.country}" if entry.country else None
        if entry.cls == "Person" and entry.country:
            return self.country_of(entry.country)
        return None

    @cached_property
    def pair(self) -> tuple[str, ...]:
        """The two leaders the document is about (most mentioned, of different countries).

        "الزعيمان" and dual verbs ("اتفقا") denote them, as do unattributed agreement nouns.
        """
        ranked = sorted(
            ((n, k) for k, n in self.mention_counts.items() if self._is_leader(k)),
            key=lambda nk: (-nk[0], self._first_mention(nk[1])),
        )
        together = self._cooccurring()
        for i, (_, first) in enumerate(ranked):
            for _, second in ranked[i + 1 :]:
                if (
                    self.country_of(first) != self.country_of(second)
                    and frozenset((first, second)) in together
                ):
                    return tuple(sorted((first, second)))
        return ()

    def _cooccurring(self) -> set[frozenset]:
        """Pairs of leaders named in one sentence."""
        pairs = set()
        for sentence in self.sentences:
            leaders = sorted({e.kb_id_ for e in sentence.entities if self._is_leader(e.kb_id_)})
            pairs.update(frozenset((a, b)) for i, a in enumerate(leaders) for b in leaders[i + 1 :])
        return pairs

    def _is_leader(self, key: str) -> bool:
        entry = self.entry(key)
        return entry is not None and entry.cls == "Leader"

    def _first_mention(self, key: str) -> int:
        for span in self.doc.spans.get(ENTITIES, []):
            if span.kb_id_ == key:
                return span.start
        return len(self.doc)

    def can_speak(self, span: Span) -> bool:
        """Whether the entity of ``span`` may be the speaker of a statement."""
        entry = self.entry(span.kb_id_)
        if entry is None or span._.dkg_adj:
            return False
        return not (entry.cls == "Organization" and entry.kind in REPORTER_KINDS)


def speaker_rank(span: Span) -> int:
    """Lower is preferred when several entities could be the speaker."""
    return _SPEAKER_RANK.get(span.label_, 9)
