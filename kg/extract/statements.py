"""Who said what: statements from reporting cues, with attribution that carries.

Rules (cue words from ``resources/<lang>/cues.yaml``):

- a reporting verb's speaker is the first entity after it, past titles, honorifics
  and nationality adjectives ("كشف الرئيس الأميركي دونالد ترامب"), else the entity
  right before it ("ترامب يكشف", "طهران رفضت");
- a headline "الكرملين: ..." is a statement of the entity before the colon;
- "وفقا لما ذكره X", "بحسب X" name the speaker after them (news agencies report,
  they do not speak, so "وفق وكالة الأنباء الفرنسية" leaves the speaker as it was);
- a verb without a subject of its own continues the last speaker, and so does a
  sentence that reports an agreement, a condition or a dispute without a source of its
  own: attribution carries from sentence to sentence and past sub-headings, until a
  new source is named (or ``attribution_carry`` sentences have passed).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from spacy.tokens import Span

from kg.extract.context import DocContext, Sentence, short_hash, speaker_rank
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.entities import entity_key
from kg.nlp.lexicon import Entry
from kg.read import fold
from kg.textnorm import load_proclitics, match_key

MAX_SKIP = 4
COMPLEMENT_WINDOW = 15
ROLE_LOOKAHEAD = 12  # tokens of a role phrase between a verb and the person it introduces
ROLE_WINDOW = 5  # tokens between a role's body or country and the person holding it
PARTICLE_WINDOW = 6  # tokens between "عبر" and its "عن" (the subject stands between)
HARM_WINDOW = 2  # tokens between "تهدف إلى" and the harm it names


@dataclass
class Said:
    """A statement in the making: one speaker in one sentence."""

    id: str
    sentence: Sentence
    speaker: str
    position: int  # token index of its cue
    cue: str
    dispute: bool = False
    disputes_conditions: list[str] = field(default_factory=list)


class Attributor:
    """Find the statements of a document, sentence by sentence."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        lex = ctx.lex

        words = [t["ar"] for t in lex.titles] + lex.honorifics + lex.role_modifiers
        words += lex.person_roles + lex.counterpart
        words += lex.cue_list("skip_after_verb")
        self.skip = frozenset(match_key(w) for phrase in words for w in phrase.split())
        self.carry_limit = int(lex.cues.get("attribution_carry", 6))
        self.joiners = frozenset(match_key(w) for w in lex.cue_list("subject_joiners"))
        self.complementizers = frozenset(match_key(w) for w in lex.cue_list("complementizers"))
        proclitics = load_proclitics(lex.lang)
        self.conjunctions, self.article = proclitics.conjunctions, proclitics.article or ""
        self.source_nouns = frozenset(match_key(w) for w in lex.cue_list("source_nouns"))
        self.source_bodies = frozenset(match_key(w) for w in lex.cue_list("source_bodies"))
        self.source_words = int(lex.cues.get("source_max_words", 4))
        self.honorifics = {
            match_key(w): frozenset(roles or ())
            for w, roles in (lex.cues.get("honorific_pronouns") or {}).items()
        }

    def run(self) -> dict[int, list[Said]]:
        """Statements per sentence index, in token order."""
        carry: str | None = None
        age = 0  # sentences since the carried source was named
        out: dict[int, list[Said]] = {}
        for sentence in self.ctx.sentences:
            if age >= self.carry_limit:
                carry = None
            saids, named = self._sentence(sentence, carry)
            if named != carry or any(s.cue for s in saids):
                age = 0
            elif not sentence.unit.heading:
                age += 1
            carry = named
            if saids:
                out[sentence.index] = saids
        return out

    def _sentence(self, sentence: Sentence, carry: str | None) -> tuple[list[Said], str | None]:
        found: list[tuple[int, str, str, bool]] = []  # position, speaker, cue, dispute
        for headline in self._headlines(sentence):
            found.append((headline.start, headline.kb_id_, ":", False))
            carry = headline.kb_id_
        disputes = [c for c in sentence.cues_labelled("DISPUTE")]
        for cue in self._speech_cues(sentence):
            named = self._after(cue, sentence)
            if named is None and cue.label_.split("|")[0] in ("REPORT", "REPORT_WITH"):
                named = self._before(cue, sentence)
            if named is None:
                named = self._role_holder(cue, sentence)
            if named is None:
                named = self._referred(cue, sentence)
            source = self._source(cue, sentence) if named is None else None
            if named is None and source is None and cue.label_ == "REPORT":
                source = self._source_before(cue, sentence)
            if named is None and source is None and cue.label_ == "ACCORDING":
                continue
            if named is None and source is None and self._unknown_subject(cue, sentence):
                carry = None
                continue
            inside = named is not None and sentence.start <= named.start < sentence.end
            joint = [named, *(self._joined(named, sentence) if inside else [])] if named else []
            speakers = [s.kb_id_ for s in joint] or [source or (found[-1][1] if found else carry)]
            if speakers[0] is None:
                continue
            dispute = any(d.start < cue.end and cue.start < d.end for d in disputes)
            found.extend((cue.start, speaker, cue.text, dispute) for speaker in speakers)
            carry = speakers[0]
        goes_on = sentence.unit.quoted or self._claims(sentence)  # a quote's next sentence
        if not found and carry and not sentence.unit.heading and goes_on:
            found.append((sentence.start, carry, "", False))
        return self._merge(sentence, found), carry

    def _source(self, cue: Span, sentence: Sentence) -> str | None:
        """An unnamed but identifiable source right after the verb ("مصادر دبلوماسية",
        "مسؤول أمريكي"): a Person entity of its own, on the side of the country its words
        name; its key is added to the document's found entities."""
        i = cue.end
        if i >= sentence.end:
            return None
        head = self.doc[i].norm_
        cls = "Organization" if head in self.source_bodies else "Person"
        if cls == "Person" and head not in self.source_nouns:
            return None
        end = i + 1
        while end < min(i + self.source_words, sentence.end):
            token = self.doc[end]
            if not token.is_alpha or self._opens_speech(token) or sentence.cues_at(end):
                break
            if any(not e._.dkg_adj for e in sentence.entities_at(end)):
                break  # "مصادر تركية فإن أنقرة": the source ends before another name
            end += 1
        return self._source_entity(sentence, i, end, cls)

    def _source_before(self, cue: Span, sentence: Sentence) -> str | None:
        """An unnamed source or body right before the verb, with its adjectives
        ("السلطات البريطانية أبدت", "مصادر مطلعة قالت")."""
        for i in range(cue.start - 1, max(sentence.start, cue.start - self.source_words) - 1, -1):
            head = self.doc[i].norm_
            if head in self.source_bodies or head in self.source_nouns:
                between = self.doc[i + 1 : cue.start]
                if all(t.is_alpha and not sentence.cues_at(t.i) for t in between):
                    cls = "Organization" if head in self.source_bodies else "Person"
                    return self._source_entity(sentence, i, cue.start, cls)
                return None
            if not self.doc[i].is_alpha:
                return None
        return None

    def _source_entity(self, sentence: Sentence, i: int, end: int, cls: str) -> str:
        """The entity of the source phrase ``i:end``, added to the document's found ones."""
        phrase = self.doc[i:end]
        country = self._country_in(sentence, i, end)
        key = entity_key(cls, phrase.text)
        if key not in self.ctx.found:
            labels = tuple(dict.fromkeys((fold(phrase.text), fold(self.doc[i].text))))
            if cls == "Organization" and country:  # a body's country is an ISO code
                country = country.split(":", 1)[1]
            self.ctx.found[key] = Entry(key=key, cls=cls, en="", ar=labels, country=country)
        return key

    def _country_in(self, sentence: Sentence, start: int, end: int) -> str | None:
        for span in sentence.entities_between(start, end):
            entry = self.ctx.entry(span.kb_id_)
            # a country or a body of one; a city is where the office is, not whose it is
            if entry is not None and (
                entry.cls == "Organization" or (entry.cls == "Region" and entry.kind == "country")
            ):
                found = self.ctx.country_of(span.kb_id_)
                if found:
                    return found
        adjectives = self.ctx.lex.country_of_adj
        for token in self.doc[start:end]:
            norm = token.norm_
            found = adjectives.get(norm) or adjectives.get(self.article + norm)
            if found:
                return found
        return None

    def _opens_speech(self, token) -> bool:
        """A complementizer, also with its proclitic ("فإن", "بأن")."""
        key = match_key(token.text)
        return token.norm_ in self.complementizers or any(
            key[len(p) :] in self.complementizers for p in self.conjunctions if key.startswith(p)
        )

    def _unknown_subject(self, cue: Span, sentence: Sentence) -> bool:
        """'وأكد المصدر أن ...': a word that is no known source stands between the verb
        and what was said, so the verb has a subject of its own that we cannot name."""
        i = cue.end
        if i >= sentence.end:
            return False
        token = self.doc[i]
        if not token.is_alpha or token.norm_ in self.ctx.lex.stopwords or bool(sentence.cues_at(i)):
            return False
        window = range(i + 1, min(i + COMPLEMENT_WINDOW, sentence.end))
        return any(
            self.doc[j].norm_ in self.complementizers or self.doc[j].text == ":" for j in window
        )

    def _claims(self, sentence: Sentence) -> bool:
        """Whether a sentence without a source of its own says something the graph keeps
        (an agreement, a condition, a dispute): only then is it attributed by carry."""
        return bool(sentence.cues_labelled("AGREE", "COND", "DISPUTE_PHRASE"))

    def _speech_cues(self, sentence: Sentence) -> list[Span]:
        cues = [c for c in sentence.cues_labelled("REPORT", "ACCORDING")]
        cues += [c for c in sentence.cues_labelled("REPORT_WITH") if self._particle(c, sentence)]
        kept: list[Span] = []
        for cue in sorted(cues, key=lambda c: (c.start, -(c.end - c.start))):
            if kept and cue.start < kept[-1].end:
                continue
            kept.append(cue)
        return kept

    def _harmful_aims(self, sentence: Sentence) -> list[Span]:
        """ "تهدف إلى إضعاف ...": an aim of harm, which contests what it is said of."""
        harms = {c.start for c in sentence.cues_labelled("HARM")}
        return [
            aim
            for aim in sentence.cues_labelled("DISPUTE_AIM")
            if any(aim.end + k in harms for k in range(HARM_WINDOW))
        ]

    def _particle(self, cue: Span, sentence: Sentence) -> bool:
        """Whether the particle a "reporting_with" verb needs follows it ("عبر ... عن")."""
        particle = match_key(cue.label_.split("|", 1)[1])
        end = min(cue.end + PARTICLE_WINDOW, sentence.end)
        return any(self.doc[i].norm_ == particle for i in range(cue.end, end))

    def _merge(self, sentence: Sentence, found: list[tuple[int, str, str, bool]]) -> list[Said]:
        saids: dict[str, Said] = {}
        for position, speaker, cue, dispute in sorted(found, key=lambda f: f[0]):
            said = saids.get(speaker)
            if said is None:
                sid = short_hash(self.ctx.document.id, sentence.unit.start, speaker)
                saids[speaker] = Said(sid, sentence, speaker, position, cue, dispute)
            else:
                said.dispute = said.dispute or dispute
        for phrase in [*sentence.cues_labelled("DISPUTE_PHRASE"), *self._harmful_aims(sentence)]:
            said = covering(list(saids.values()), phrase.start)
            if said is not None:
                said.dispute = True
        return sorted(saids.values(), key=lambda s: s.position)

    def _spans_at(self, sentence: Sentence, i: int) -> list[Span]:
        return sentence.entities_at(i)

    def _headline(self, sentence: Sentence) -> Span | None:
        for span in self._spans_at(sentence, sentence.start):
            nxt = span.end
            if nxt < sentence.end and self.doc[nxt].text == ":" and self.ctx.can_speak(span):
                return span
        return None

    def _headlines(self, sentence: Sentence) -> list[Span]:
        """ "X: ..." at the start of a sentence; in a headline also after "..", where one
        headline gives several voices ("الاتفاق النووي.. ظريف: تنازلنا.. نتانياهو: ...")."""
        first = self._headline(sentence)
        out = [first] if first is not None else []
        if not sentence.unit.heading:
            return out
        for i in range(sentence.start + 1, sentence.end):
            if self.doc[i].text != ":" or not self._after_separator(sentence, i):
                continue
            spans = [s for s in sentence.entities_ending_at(i) if self.ctx.can_speak(s)]
            if spans and spans[0] not in out:
                out.append(spans[0])
        return out

    def _after_separator(self, sentence: Sentence, colon: int) -> bool:
        """Whether the words before ``colon`` follow a ".." (or the headline's start)."""
        spans = sentence.entities_ending_at(colon)
        start = min((s.start for s in spans), default=colon)
        return start == sentence.start or self.doc[start - 1].text in ("..", "…", "...")

    def _after(self, cue: Span, sentence: Sentence) -> Span | None:
        """The speaker named right after ``cue``, past titles, adjectives and the country
        of a title ("قال رئيس وزراء اليونان تسيبراس": the leader, not Greece)."""
        i, skipped, best = cue.end, 0, None
        while i < sentence.end and skipped <= MAX_SKIP:
            spans = self._spans_at(sentence, i)
            speakers = sorted((s for s in spans if self.ctx.can_speak(s)), key=speaker_rank)
            if speakers and speaker_rank(speakers[0]) < 2:
                return self._person_after(speakers[0], sentence) or speakers[0]
            if speakers and best is None:  # "رئيس القوات سمير جعجع": the person named after
                person = self._named_after(speakers[0], sentence)
                if person is not None:
                    return person
            if speakers and best is None:
                best = speakers[0]
            if spans:
                i = max(s.end for s in spans)
            elif self.doc[i].norm_ in self.skip:
                i += 1
            else:
                break
            skipped += 1
        return best

    def _joined(self, span: Span, sentence: Sentence) -> list[Span]:
        """Co-speakers joined by "و" ("أعلنت السعودية وإيران"): a joint statement."""
        out, i = [], span.end
        while i < sentence.end:
            joined = self.doc[i].norm_ in self.joiners
            if joined:
                i += 1
            elif i < sentence.end:
                token = self.doc[i]
                key = match_key(token.text)
                joined = any(
                    key.startswith(j) and not token.norm_.startswith(j) for j in self.joiners
                )
            nxt = [
                s
                for s in self._spans_at(sentence, i)
                if self.ctx.can_speak(s) and s.label_ == span.label_
            ]
            if not joined or not nxt:
                break
            out.append(nxt[0])
            i = nxt[0].end
        return out

    def _referred(self, cue: Span, sentence: Sentence) -> Span | None:
        """A speaker the text has named before, referred to by an honorific pronoun
        ("وشدد معاليه": the leader named last) or by the last word of the name
        ("وكرر جعجع" after "سمير جعجع")."""
        if cue.end >= sentence.end:
            return None
        word = self.doc[cue.end].norm_
        earlier = [
            e
            for e in self.ctx.doc.spans.get(ENTITIES, [])
            if e.end <= cue.start and e.label_ in ("Person", "Leader") and self.ctx.can_speak(e)
        ]
        if word in self.honorifics:
            leaders = [e for e in earlier if e.label_ == "Leader"]
            fitting = [e for e in leaders if self._office(e.kb_id_) in self.honorifics[word]]
            return (fitting or leaders or [None])[-1]
        named = [e for e in earlier if len(e) > 1 and e[-1].norm_ == word]
        return named[-1] if named else None

    def _office(self, key: str) -> str | None:
        entry = self.ctx.entry(key)
        office = entry.office_at(self.ctx.date) if entry is not None else None
        return office.role if office else None

    def _role_holder(self, cue: Span, sentence: Sentence) -> Span | None:
        """The person a role introduces after the verb, before what was said ("وقال
        المتحدث الرسمي لمكتب الأمم المتحدة في جنيف، أحمد فوزي: ...", "انتقد رئيس اللجنة
        الاقتصادية في البرلمان الإيراني أحمد توكلي"); it voices the role's state."""
        found = self._person_within(sentence, cue.end, ROLE_LOOKAHEAD, stop_at_punct=False)
        if found is not None:
            self._give_side(found, self._country_in(sentence, cue.end, found.start))
        return found

    def _give_side(self, person: Span, country: str | None) -> None:
        """A person the text introduces by a role voices the role's state or body."""
        entry = self.ctx.found.get(person.kb_id_)
        if country and entry is not None and entry.cls == "Person" and not entry.country:
            self.ctx.found[person.kb_id_] = dataclasses.replace(entry, country=country)

    def _named_after(self, span: Span, sentence: Sentence) -> Span | None:
        """A person or leader named within a few words after a body or place
        ("المتحدث باسم الخارجية المصرية أحمد أبو زيد"): the role's holder speaks."""
        return self._person_within(sentence, span.end, ROLE_WINDOW, stop_at_punct=True)

    def _person_within(
        self, sentence: Sentence, start: int, window: int, stop_at_punct: bool
    ) -> Span | None:
        """The first person or leader from ``start`` within ``window`` tokens, before what
        was said opens (a complementizer, ":", a reporting or agreement cue)."""
        for i in range(start, min(start + window, sentence.end)):
            token = self.doc[i]
            if token.norm_ in self.complementizers or token.text == ":":
                return None
            if stop_at_punct and token.is_punct:
                return None
            if any(c.label_.split("|")[0] in ("REPORT", "AGREE") for c in sentence.cues_at(i)):
                return None
            people = [
                s
                for s in self._spans_at(sentence, i)
                if s.label_ in ("Person", "Leader") and self.ctx.can_speak(s)
            ]
            if people:
                return people[0]
        return None

    def _person_after(self, span: Span, sentence: Sentence) -> Span | None:
        """'نائب كبير موظفي البيت الأبيض، دان سكافينو': the person, not the office."""
        i = span.end
        if i < sentence.end and self.doc[i].text in ",،":
            i += 1
        for other in self._spans_at(sentence, i):
            if other.label_ == "Person":
                return other
        return None

    def _before(self, cue: Span, sentence: Sentence) -> Span | None:
        """The speaker written right before a verb ("ترامب يكشف", "طهران رفضت")."""
        spans = [e for e in sentence.entities_ending_at(cue.start) if self.ctx.can_speak(e)]
        spans.sort(key=speaker_rank)
        return spans[0] if spans else None


def covering(saids: list[Said], position: int) -> Said | None:
    """The statement whose cue stands last before ``position`` (else the first one)."""
    if not saids:
        return None
    before = [s for s in saids if s.position <= position]
    return before[-1] if before else saids[0]


def covering_all(saids: list[Said], position: int) -> list[Said]:
    """The statement covering ``position`` and its co-speakers (a joint statement)."""
    said = covering(saids, position)
    return [s for s in saids if said is not None and s.position == said.position]
