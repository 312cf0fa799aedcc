"""Leaders, regions, organizations and persons: gazetteers plus title and role rules.

Finding is phrase matching on token norms (so spelling variants and proclitics match);
annotating applies the rules, all driven by data files:

- gazetteer names, longest match first; a place name in a non-place context
  ("بتوقيت غرينيتش", "صحيفة واشنطن بوست") is dropped;
- a nationality adjective ("الأميركي") is a mention of its country;
- a title with a country ("الرئيس الروسي", "رئيس وزراء العراق") stands for whoever held
  that office on the document's date, unless a name follows or precedes it, in which
  case the name is the leader (listed or not);
- a role ("المتحدث باسم الكرملين", "نائب كبير موظفي البيت الأبيض،") followed by a name
  introduces a Person who speaks for the organization or country of the role.

Result: ``doc.spans["dkg_entities"]``, spans labelled with the class and ``kb_id_`` the
entity key; entities not in a gazetteer are described in ``doc._.dkg_found``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.lexicon import Entry, Lexicon, Office, load_lexicon
from kg.nlp.norms import lexicon_vocabulary, load_proclitics
from kg.textnorm import match_key, strip_diacritics

SPANS_KEY = "dkg_entities"
MAX_NAME = 3
QUOTES = frozenset({"«", "»", '"', "“", "”"})
HAMZA_ALEFS = frozenset("أإآ")  # a word that begins with one has no article ("ألكسيس")


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase match: label, token start and end."""

    label: str
    start: int
    end: int


def _pattern(nlp: Language, phrase: str) -> Doc:
    words = [match_key(t.text) for t in nlp.make_doc(str(phrase))]
    doc = Doc(nlp.vocab, words=[w for w in words if w])
    for token in doc:
        token.norm_ = token.text
    return doc


def _add(matcher: PhraseMatcher, nlp: Language, label: str, phrases) -> None:
    docs = [_pattern(nlp, p) for p in phrases if str(p).strip()]
    docs = [d for d in docs if len(d)]
    if docs:
        matcher.add(label, docs)


def _person_span(doc, start: int, end: int, country, role: str, found: dict) -> Span:
    """An unlisted person named at ``start:end`` after its role, of ``country``."""
    name = doc[start:end].text
    key = entity_key("Person", name)
    found.setdefault(key, Entry(key=key, cls="Person", en="", ar=(name,), country=country))
    span = Span(doc, start, end, label="Person", kb_id=key)
    span._.dkg_role = role
    return span


def entity_key(cls: str, name: str) -> str:
    """The key of an entity that no gazetteer lists: class and a hash of its name."""
    digest = hashlib.sha1(match_key(name).encode("utf-8")).hexdigest()[:12]
    return f"{cls.lower()}:n-{digest}"


class EntityRecognizer:
    """Find gazetteer names, titles and roles; annotate entity spans."""

    def __init__(self, nlp: Language, lang: str) -> None:
        self.lex: Lexicon = load_lexicon(lang)
        self.proclitics = load_proclitics(lang)
        self.article = self.proclitics.article
        self.names = PhraseMatcher(nlp.vocab, attr="NORM")
        self.rules = PhraseMatcher(nlp.vocab, attr="NORM")
        for entry in self.lex.entries.values():
            _add(self.names, nlp, entry.key, [*entry.ar, entry.en])
            if entry.adj:
                _add(self.names, nlp, "ADJ|" + entry.key, entry.adj)
        for index, title in enumerate(self.lex.titles):
            _add(self.rules, nlp, f"TITLE|{index}", [title["ar"]])
        _add(self.rules, nlp, "ROLE", self.lex.person_roles)
        _add(self.rules, nlp, "MOD", self.lex.role_modifiers)
        _add(self.rules, nlp, "HON", self.lex.honorifics)
        _add(self.rules, nlp, "COUNTERPART", self.lex.counterpart)
        self.not_names = lexicon_vocabulary(nlp, lang) - self._name_tokens()
        self.surnames = self._surnames()
        self.reporting = frozenset(match_key(w) for w in self.lex.cue_list("reporting"))
        self.modifiers = frozenset(match_key(w) for w in self.lex.role_modifiers)
        self.not_current = frozenset(
            tuple(match_key(w) for w in phrase.split()) for phrase in self.lex.not_current
        )

    def _surnames(self) -> dict[str, str]:
        """Last word of a listed leader's name -> the leader, where only one has it:
        "فرنسوا هولاند" (a spelling the list lacks) is still Hollande."""
        owners: dict[str, set[str]] = {}
        for entry in self.lex.entries.values():
            if entry.cls != "Leader":
                continue
            for name in entry.ar:
                words = match_key(name).split()
                if len(words) >= 2 and len(words[-1]) > 2:
                    owners.setdefault(words[-1], set()).add(entry.key)
        return {w: next(iter(k)) for w, k in owners.items() if len(k) == 1}

    def _name_tokens(self) -> frozenset[str]:
        words = {
            match_key(w)
            for e in self.lex.entries.values()
            if e.cls == "Leader"
            for name in e.ar
            for w in name.split()
        }
        return frozenset(words)

    # -- finding --------------------------------------------------------------------
    def match(self, doc: Doc) -> tuple[list[Hit], list[Hit]]:
        """Gazetteer hits (longest, non-overlapping) and rule hits (titles, roles)."""
        raw = [Hit(doc.vocab.strings[m], s, e) for m, s, e in self.names(doc)]
        spans = filter_spans([Span(doc, h.start, h.end, label=h.label) for h in raw])
        names = [Hit(s.label_, s.start, s.end) for s in spans]
        rules = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.rules(doc)]
        rules = [Hit(s.label_, s.start, s.end) for s in filter_spans(rules)]
        return names + self._places_in_names(doc, raw, names), rules

    def _places_in_names(self, doc: Doc, raw: list[Hit], names: list[Hit]) -> list[Hit]:
        """Places named inside an institution's name ("مجلس التعاون لدول الخليج العربية",
        "منظمة التحرير الفلسطينية") are mentions of them too (GOLD-FORMAT conventions, 8);
        not inside the name of a paper, channel or agency. Labelled "IN|"."""
        bodies = [
            h
            for h in names
            if not h.label.startswith("ADJ|")
            and self.lex.entries[h.label].cls == "Organization"
            and self.lex.entries[h.label].kind not in self.lex.descriptors.get("reporter_kinds", ())
        ]
        if not bodies:
            return []
        inner = [
            Span(doc, h.start, h.end, label=h.label)
            for h in raw
            if (h.label.startswith("ADJ|") or self.lex.entries[h.label].cls == "Region")
            and any(
                b.start <= h.start and h.end <= b.end and (b.start, b.end) != (h.start, h.end)
                for b in bodies
            )
        ]
        return [Hit("IN|" + s.label_, s.start, s.end) for s in filter_spans(inner)]

    # -- annotating -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        names, rules = self.match(doc)
        self.set_annotations(doc, names, rules)
        return doc

    def set_annotations(self, doc: Doc, names: list[Hit], rules: list[Hit]) -> None:
        """Apply the rules to the hits and store the entity spans on ``doc``."""
        found: dict[str, Entry] = {}
        spans: list[Span] = []
        inside = [h for h in names if h.label.startswith("IN|")]
        names = [h for h in names if not h.label.startswith("IN|")]
        name_at = {h.start: h for h in names}
        name_end = {h.end: h for h in names}
        for hit in inside:
            label = hit.label[3:]
            span = Span(doc, hit.start, hit.end, label="Region", kb_id=label.split("|")[-1])
            span._.dkg_adj = label.startswith("ADJ|")
            spans.append(span)
        for hit in names:
            if hit.label.startswith("ADJ|"):
                span = Span(doc, hit.start, hit.end, label="Region", kb_id=hit.label[4:])
                span._.dkg_adj = True
                spans.append(span)
            elif not self._not_a_place(doc, hit):
                entry = self.lex.entries[hit.label]
                key, cls = hit.label, entry.cls
                if cls == "Leader" and not self._leads_on(entry, doc._.dkg_date):
                    key, cls = self._out_of_office(entry, doc._.dkg_date, found), "Person"
                spans.append(Span(doc, hit.start, hit.end, label=cls, kb_id=key))
        for hit in rules:
            kind = hit.label.split("|")[0]
            if kind == "TITLE":
                span = self._title(doc, hit, name_at, name_end, found)
            elif kind in ("ROLE", "MOD"):
                span = self._role(doc, hit, rules, name_at, found)
            else:
                span = None
            if span is not None:
                spans.append(span)
        spans = _drop_inside_rule_names(_drop_inside_same(spans), found)
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, s.end, s.label_))
        doc._.dkg_found = found

    def _is_leader(self, hit: Hit) -> bool:
        entry = self.lex.entries.get(hit.label)
        return entry is not None and entry.cls == "Leader"

    def _is_state(self, code: str | None) -> bool:
        region = self.lex.entries.get(f"region:{code}") if code else None
        return region is not None and region.kind == "country"

    def _leads_on(self, entry: Entry, date: str | None) -> bool:
        """A listed leader is a Leader on ``date`` only while holding an office of a state
        ("الرئيس المخلوع علي عبدالله صالح" in 2015, a future minister, the EU's president
        are persons); undated documents keep every listed leader."""
        if not date:
            return True
        return any(o.start <= date <= o.end and self._is_state(o.country) for o in entry.offices)

    def _out_of_office(self, entry: Entry, date: str | None, found: dict) -> str:
        """The key of a listed leader as a Person, speaking for the country of the office
        nearest ``date``."""
        key = "person:" + entry.key.split(":", 1)[1]
        office = entry.office_at(date)
        country = office.country if office and self._is_state(office.country) else None
        found.setdefault(
            key,
            Entry(
                key=key,
                cls="Person",
                en=entry.en,
                ar=entry.ar,
                qid=entry.qid,
                country=f"region:{country}" if country else None,
            ),
        )
        return key

    def _not_a_place(self, doc: Doc, hit: Hit) -> bool:
        entry = self.lex.entries[hit.label]
        if entry.cls != "Region":
            return False
        before = doc[hit.start - 1].norm_ if hit.start > 0 else ""
        after = doc[hit.end].norm_ if hit.end < len(doc) else ""
        if entry.kind != "country" and before in QUOTES and after in QUOTES:
            return True  # 'وقالت مصادر لـ"الرياض"': a city's name in quotes names a paper
        return before in self.lex.not_place_before or after in self.lex.not_place_after

    def _country_after(self, doc: Doc, pos: int, name_at: dict, construct: bool):
        hit = name_at.get(pos)
        if hit is None:
            return None, pos
        if hit.label.startswith("ADJ|"):
            return hit.label[4:], hit.end
        entry = self.lex.entries.get(hit.label)
        if construct and entry and entry.cls == "Region" and entry.kind == "country":
            return entry.key, hit.end
        return None, pos

    def _title(self, doc: Doc, hit: Hit, name_at: dict, name_end: dict, found: dict):
        title = self.lex.titles[int(hit.label.split("|")[1])]
        construct = bool(title.get("construct"))
        country, pos = self._country_after(doc, hit.end, name_at, construct)
        if country is None and title.get("country"):
            country = f"region:{title['country']}"
        if construct and country is None:
            return None
        if hit.start > 0 and doc[hit.start - 1].norm_ in self.modifiers:
            return None  # "نائب وزير الدفاع", "مساعد الرئيس": not the office's holder
        former = self._not_current_at(doc, pos)
        if former:
            return self._former(doc, hit, pos, pos + former, country, name_at, found)
        named = name_at.get(pos)
        if named and self._is_leader(named) and not self._foreign(named, country):
            return None  # "الرئيس الروسي فلاديمير بوتين": the name is the mention
        role_words = doc[hit.start : pos].text
        end = self._name_end(doc, pos)
        if end > pos and country is not None:
            span = self._new_leader(doc, pos, end, title["role"], country, role_words, found)
            holder = self._sole_holder(title["role"], country, doc._.dkg_date)
            if holder is None or span.kb_id_ not in found:
                return span
            found.pop(span.kb_id_, None)  # "والرئيس المصري وضع أسسا": the title is Sisi
            span = Span(doc, hit.start, pos, label="Leader", kb_id=holder.key)
            span._.dkg_role = role_words
            return span
        if end > pos:  # "وزير الخارجية محمد ظريف": a listed leader of the title's office
            span = self._by_surname(doc, pos, end, title["role"], None, role_words, found)
            if span is not None:
                return span
        before = name_end.get(hit.start)
        if before and self._is_leader(before):
            return None  # "بوتين الرئيس الروسي"
        start = self._name_start(doc, hit.start)
        if country is not None and hit.start - start >= 2 and self._opens_clause(doc, start):
            return self._new_leader(
                doc, start, hit.start, title["role"], country, role_words, found
            )
        if country is None:
            return None
        holder = self.lex.holder(title["role"], country.split(":", 1)[1], doc._.dkg_date)
        if holder is None:
            return None
        span = Span(doc, hit.start, pos, label="Leader", kb_id=holder.key)
        span._.dkg_role = role_words
        return span

    def _not_current_at(self, doc: Doc, pos: int) -> int:
        """The length of a word like "السابق" at ``pos`` (0: none)."""
        for phrase in self.not_current:
            words = tuple(match_key(t.text) for t in doc[pos : pos + len(phrase)])
            if words == phrase:
                return len(phrase)
        return 0

    def _former(self, doc, hit, pos, after, country, name_at, found) -> Span | None:
        """ "الرئيس الأميركي السابق X": X, unlisted, is a person of that country; the title
        stands for nobody of the day."""
        if after in name_at:
            return None  # a listed name: a person on the date, by the gazetteer's offices
        end = self._name_end(doc, after)
        if end == after:
            return None
        return _person_span(doc, after, end, country, doc[hit.start : after].text, found)

    def _foreign(self, named: Hit, country: str | None) -> bool:
        """A listed leader named after a title of a country they never held an office of
        ("وزير الدفاع الأمريكي آشتون كارتر" is not Catherine Ashton)."""
        entry = self.lex.entries[named.label]
        code = country.split(":", 1)[1] if country else None
        return code is not None and all(o.country != code for o in entry.offices)

    def _sole_holder(self, role: str, country: str, date: str | None) -> Entry | None:
        """The listed holder on ``date`` of an office one person holds at a time."""
        if not date or role not in self.lex.one_holder:
            return None
        return self.lex.holder(role, country.split(":", 1)[1], date)

    def _by_surname(self, doc, start, end, role, code, role_words, found) -> Span | None:
        for i in range(start, end):  # a listed leader's surname ends the name ...
            known = self.surnames.get(doc[i].norm_)
            entry = self.lex.entries.get(known) if known else None
            offices = entry.offices if entry is not None else ()
            # ... when the leader held an office of that country (or that role, for a title
            # without a country): "وزير الخارجية اللبناني محمود حمود" is not the Somali
            # president Hassan Sheikh Mohamud
            if any((o.country == code) if code else (o.role == role) for o in offices):
                label = "Leader"
                if not self._leads_on(entry, doc._.dkg_date):
                    known, label = self._out_of_office(entry, doc._.dkg_date, found), "Person"
                span = Span(doc, start, i + 1, label=label, kb_id=known)
                span._.dkg_role = role_words
                return span
        return None

    def _new_leader(self, doc, start, end, role, country, role_words, found) -> Span:
        code = country.split(":", 1)[1] if country else None
        span = self._by_surname(doc, start, end, role, code, role_words, found)
        if span is not None:
            return span
        name = doc[start:end].text
        key = entity_key("Leader", name)
        office = Office(
            role, country.split(":", 1)[1] if country else None, "0000-01-01", "9999-12-31"
        )
        found.setdefault(key, Entry(key=key, cls="Leader", en="", ar=(name,), offices=(office,)))
        span = Span(doc, start, end, label="Leader", kb_id=key)
        span._.dkg_role = role_words
        return span

    def _role(self, doc: Doc, hit: Hit, rules: list[Hit], name_at: dict, found: dict):
        if hit.label == "MOD":
            return None  # a modifier alone ("نائب") introduces nobody
        pos, speaks_for = hit.end, None
        while pos in name_at:  # the organization or country of the role
            target = name_at[pos]
            entry = self.lex.entries.get(target.label)
            if entry is not None and entry.cls == "Leader":
                return None
            speaks_for = target.label[4:] if target.label.startswith("ADJ|") else target.label
            pos = target.end
        if speaks_for is None:
            return None  # "مدير مستشفى ...": a role of nobody we can place
        if pos < len(doc) and doc[pos].is_punct and doc[pos].text in ",،":
            pos += 1
        named = name_at.get(pos)
        if named is not None:
            return None
        end = self._name_end(doc, pos)
        if end == pos:
            return None
        return _person_span(doc, pos, end, speaks_for, doc[hit.start : hit.end].text, found)

    def _name_like(self, doc: Doc, i: int, first: bool) -> bool:
        token = doc[i]
        if token.is_punct or token.is_space or token.like_num or len(token.text) < 2:
            return False
        if not token.is_alpha:
            return False
        norm = token.norm_
        if norm in self.lex.stopwords or norm in self.not_names:
            return False
        if match_key(token.text) in self.lex.stopwords:
            return False  # "لدى", whose norm without the "proclitic" is "دي"
        if first and self._definite(token):
            return False
        if i > 0 and token.is_sent_start:
            return False
        return not (first and norm in self.proclitics.name_particles)

    def _definite(self, token) -> bool:
        """A word with the article, bare or behind proclitics ("الوزير", "بالتصدي")."""
        if not self.article:
            return False
        key = match_key(token.text)
        clitics = self.proclitics.conjunctions + self.proclitics.prepositions
        raw = strip_diacritics(token.text)
        for lead in ("", *clitics):
            rest = raw[len(lead) :] if raw.startswith(lead) else ""
            if rest[:1] in HAMZA_ALEFS and match_key(rest).startswith(self.article):
                return False  # "ألكسيس تسيبراس", "وإلهام": a hamza, not the article
        starts = (self.article, self.proclitics.lam_article or self.article)
        if token.norm_.startswith(self.article) or key.startswith(starts):
            return True
        return any(key.startswith(c + self.article) for c in clitics)

    def _name_end(self, doc: Doc, pos: int) -> int:
        end = pos
        while end < len(doc) and end - pos < MAX_NAME and self._name_like(doc, end, end == pos):
            end += 1
        return end

    def _opens_clause(self, doc: Doc, i: int) -> bool:
        """A name written before its title stands where a clause begins: at the start of
        a sentence, after punctuation or after a reporting verb ("وقال X رئيس الوزراء")."""
        if i == 0 or doc[i].is_sent_start:
            return True
        before = doc[i - 1]
        return before.is_punct or before.norm_ in self.reporting

    def _name_start(self, doc: Doc, pos: int) -> int:
        start = pos
        while start > 0 and pos - start < MAX_NAME and self._name_like(doc, start - 1, False):
            start -= 1
        while start < pos and not self._name_like(doc, start, True):
            start += 1
        return start


@Language.factory("dkg_entities", default_config={"lang": "ar"})
def make_entities(nlp: Language, name: str, lang: str) -> EntityRecognizer:
    """Factory of the entity component."""
    return EntityRecognizer(nlp, lang)


def _drop_inside_same(spans: list[Span]) -> list[Span]:
    """Without the spans that lie inside a longer one of the same entity: "هولاند" in the
    title rules' "فرنسوا هولاند", both Hollande, is one mention, the longer."""
    by_key: dict[str, list[Span]] = {}
    for span in spans:
        by_key.setdefault(span.kb_id_, []).append(span)
    return [
        span
        for span in spans
        if not any(
            o.start <= span.start and span.end <= o.end and len(o) > len(span)
            for o in by_key[span.kb_id_]
        )
    ]


def _drop_inside_rule_names(spans: list[Span], found: dict) -> list[Span]:
    """Without the listed persons inside a longer name the title rules found: "آشتون" of
    Catherine Ashton inside "وزير الدفاع الأمريكي آشتون كارتر"."""
    named = [s for s in spans if s.label_ == "Leader" and _rule_made(s.kb_id_, found)]
    return [
        span
        for span in spans
        if span.label_ not in ("Leader", "Person")
        or _rule_made(span.kb_id_, found)
        or not any(
            o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in named
        )
    ]


def _rule_made(key: str, found: dict) -> bool:
    """An entity the rules found, not a gazetteer's (nor a listed leader out of office)."""
    return key in found and key.split(":", 1)[-1].startswith("n-")
