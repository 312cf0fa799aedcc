"""A statistical NER model for the names the gazetteers and title rules miss.

The model (a spaCy pipeline trained on ANERcorp by ``make train``, shipped under
``kg/models/ar_ner``) tags PERS, LOC, ORG and MISC. This component runs it on the
document's sentences and merges what it finds into ``doc.spans["dkg_entities"]``:

- gazetteer and rule spans keep their links and classes; a model person name that
  contains a listed person ("جورج بوش" around "بوش") widens it, link unchanged; places
  that are only words of a longer organization or other name found by the model
  ("بنك فرنسا المركزي") give way to it; the rules' "not a place here" contexts
  ("بتوقيت غرينيتش") hold for the model's places too; a gazetteer place or organization
  whose first words only describe it ("جنوب لبنان", "دولة الكويت", "حركة حماس"; words in
  ``kg/resources/<lang>/descriptors.yaml``) ends at the model's name inside it, link
  kept; a quoted place name the model reads as ORG ("« الشرق الأوسط »") is one;
- a name the title rules guessed after a title takes the extent of the model's person
  name from the same first word; where the model read it and found no name at all
  ("الرئيس الأميركي امتنع"), the guess is dropped;
- a model-only PERS becomes a Person, or a Leader when a leader's title stands right
  before it ("الرئيس جورج بوش"); LOC becomes a Region, ORG an Organization; each gets
  a key from ``entity_key`` and an unlinked ``Entry`` in ``doc._.dkg_found``;
- MISC and every raw model span stay in ``doc.spans["dkg_ner"]``.

Scope: ``"all"`` sentences, ``"cued"`` ones only (a reporting, agreement, condition
or dispute cue in ``doc.spans["dkg_cues"]``), where names can become speakers and
parties, or (the default) ``"windows"``: the few tokens around each such cue, where the
speaker or party is written; the cue component must then run before this one.

Model features come from ``dkg_ner_features``, the model's own first component: the
norm is ``match_key`` and the lemma the word without its proclitics (و ف, ب ك ل, ال), so
"وبغداد", "لبغداد" and "بغداد" share a feature.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import KgError
from kg.nlp.entities import SPANS_KEY, entity_key
from kg.nlp.lexicon import Entry, Office, load_lexicon
from kg.nlp.norms import load_proclitics
from kg.textnorm import match_key

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ar_ner"
RAW_KEY = "dkg_ner"
CUES_KEY = "dkg_cues"
CLASS_OF = {"PERS": "Person", "LOC": "Region", "ORG": "Organization"}
# Cue kinds after which a sentence can yield statements, agreements or conditions.
SCOPE_CUES = frozenset(
    {
        "REPORT",
        "ACCORDING",
        "AGREE",
        "AGREE_NOUN",
        "AGREE_DIRECT",
        "COND",
        "COND_DEMAND",
        "DISPUTE",
        "DISPUTE_PHRASE",
        "PAIR_VERB",
        "WE_VERB",
    }
)
SCOPES = ("all", "cued", "windows")
# Scope "windows": the tokens around each cue where a speaker or party is written
# ("قال المتحدث باسم الخارجية X", "X يكشف"), this many before and after it.
WINDOW_BEFORE, WINDOW_AFTER = 4, 10
QUOTES = frozenset({"«", "»", '"', "''", "``", "“", "”"})


# -- features -------------------------------------------------------------------------
@functools.lru_cache(maxsize=200_000)
def word_features(text: str) -> tuple[str, str]:
    """The norm (``match_key``) and the proclitic-free stem of one word."""
    key = match_key(text)
    return key, _stem(key)


def _stem(key: str) -> str:
    clitics = load_proclitics("ar")
    stem = key
    if stem[:1] in clitics.conjunctions and len(stem) > 3:
        stem = stem[1:]
    if clitics.lam_article and stem.startswith(clitics.lam_article) and len(stem) > 4:
        return stem[2:]
    if stem[:1] in clitics.prepositions and len(stem) > 3:
        stem = stem[1:]
    if stem.startswith(clitics.article) and len(stem) > 4:
        stem = stem[len(clitics.article) :]
    return stem


def bare_forms(text: str) -> tuple[str, ...]:
    """The word's key and its candidate stems without proclitics ("لوكالة": "لوكاله",
    "وكاله"); a word that begins with a letter that can be a proclitic is kept whole."""
    key = match_key(text)
    return (key, *load_proclitics("ar").stems(key))


class NerFeatures:
    """Set ``norm_`` and ``lemma_`` of each token to the model's word features."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.norm_, token.lemma_ = word_features(token.text)
        return doc


@Language.factory("dkg_ner_features")
def make_ner_features(nlp: Language, name: str) -> NerFeatures:
    """Factory of the feature component (the model's first component)."""
    return NerFeatures()


@functools.lru_cache(maxsize=2)
def load_model(path: str = str(MODEL_DIR)) -> Language:
    """The trained NER pipeline shipped in the package (loaded once, offline)."""
    if not Path(path, "config.cfg").exists():
        raise KgError(f"{path}: no NER model there; run `make train` to build it")
    return spacy.load(path)


# -- the component --------------------------------------------------------------------
class ModelRecognizer:
    """Run the NER model on a document's sentences and merge its names into the layer."""

    def __init__(
        self, nlp: Language, lang: str, scope: str, model: str | None, batch_size: int = 256
    ) -> None:
        if scope not in SCOPES:
            raise KgError(f"dkg_ner: scope must be one of {SCOPES}, not {scope!r}")
        self.scope = scope
        self.model = load_model(model or str(MODEL_DIR))
        self.batch_size = batch_size
        lex = load_lexicon(lang)
        self.stopwords = frozenset(_stem(w) for w in lex.stopwords)
        self.not_place_before, self.not_place_after = lex.not_place_before, lex.not_place_after
        # descriptor words by the class of the gazetteer span they open ("دولة", "حركة")
        self.descriptors = {
            cls: lex.descriptors.get(kind, frozenset())
            for cls, kind in (("Region", "place"), ("Organization", "organization"))
        }
        self.titles = {
            tuple(match_key(t.text) for t in nlp.make_doc(str(title["ar"]))): title["role"]
            for title in lex.titles
        }
        self.title_len = max((len(t) for t in self.titles), default=0)

    def __call__(self, doc: Doc) -> Doc:
        hits, read = self.predict([doc])[0]
        self.set_annotations(doc, hits, read)
        return doc

    def pipe(self, docs, batch_size: int = 64):
        """Annotate a stream of Docs, running the model on their sentences in batches."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotate(batch)
                batch = []
        yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]):
        for doc, (hits, read) in zip(docs, self.predict(docs), strict=True):
            self.set_annotations(doc, hits, read)
            yield doc

    # -- finding --------------------------------------------------------------------
    def sentences(self, doc: Doc) -> list[Span]:
        """The sentences the model reads: every one, or those with a cue."""
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        if self.scope == "all":
            return sents
        cued = [s for s in doc.spans.get(CUES_KEY, []) if s.label_.split("|")[0] in SCOPE_CUES]
        starts = sorted({s.start for s in cued})
        chosen = [s for s in sents if any(s.start <= i < s.end for i in starts)]
        if self.scope == "cued":
            return chosen
        return self._windows(chosen, cued)

    def _windows(self, sents: list[Span], cued: list[Span]) -> list[Span]:
        """Merged windows around the cues, each inside its sentence."""
        out: list[Span] = []
        for sent in sents:
            spans = sorted(
                (max(sent.start, c.start - WINDOW_BEFORE), min(sent.end, c.end + WINDOW_AFTER))
                for c in cued
                if sent.start <= c.start < sent.end
            )
            merged: list[list[int]] = []
            for a, b in spans:
                if merged and a <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], b)
                else:
                    merged.append([a, b])
            out.extend(sent.doc[a:b] for a, b in merged)
        return out

    def predict(
        self, docs: list[Doc]
    ) -> list[tuple[list[tuple[int, int, str]], list[tuple[int, int]]]]:
        """For each doc, the model's names, ``(start, end, tag)`` token spans, each name
        also found where it recurs in the doc's read sentences (see ``propagate``), and
        the ``(start, end)`` token ranges the model read."""
        pieces: list[tuple[int, int]] = []  # (doc index, offset)
        subdocs: list[Doc] = []
        ranges: list[list[tuple[int, int]]] = [[] for _ in docs]
        for index, doc in enumerate(docs):
            for sent in self.sentences(doc):
                subdocs.append(Doc(self.model.vocab, words=[t.text for t in sent]))
                pieces.append((index, sent.start))
                ranges[index].append((sent.start, sent.end))
        subdocs = list(self.model.pipe(subdocs, batch_size=self.batch_size))
        hits: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for (index, offset), sub in zip(pieces, subdocs, strict=True):
            hits[index].extend(
                (offset + e.start, offset + e.end, e.label_)
                for e in sub.ents
                if not _blank(sub[e.start : e.end]) and self._name_like(sub[e.start : e.end])
            )
        return [
            (propagate(doc, h, r, self.stopwords), r)
            for doc, h, r in zip(docs, hits, ranges, strict=True)
        ]

    def _name_like(self, span: Span) -> bool:
        """Not a name: only function words ("لي", "منه"), or one word of two letters."""
        words = [t.text for t in span if not t.is_punct]
        if len(words) == 1 and _letters(words[0]) <= 2:
            return False
        return not all(_stem(match_key(w)) in self.stopwords for w in words)

    # -- annotating -----------------------------------------------------------------
    def set_annotations(
        self,
        doc: Doc,
        hits: list[tuple[int, int, str]],
        read: list[tuple[int, int]] | None = None,
    ) -> None:
        """Store raw spans; add model-only names to the entity layer; drop the names the
        title rules guessed where the model, having read them, found no name (``read``:
        the token ranges it read)."""
        doc.spans[RAW_KEY] = [Span(doc, s, e, label=t) for s, e, t in hits]
        layer = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
        found = doc._.dkg_found if doc._.dkg_found is not None else {}
        taken = {i: span for span in layer for i in range(span.start, span.end)}
        for start, end, tag in hits:
            inside = {id(taken[i]): taken[i] for i in range(start, end) if i in taken}
            if _part_of_name(inside.values(), start, end, tag) or _quoted_place(
                doc, inside.values(), start, end, tag
            ):
                layer = [s for s in layer if id(s) not in inside]
                inside = {}
            if tag not in CLASS_OF:
                continue
            if not inside and not (tag == "LOC" and self._not_a_place(doc, start, end)):
                if not (tag == "LOC" and self._only_descriptor(doc, start, end)):
                    layer.append(self._new(doc, start, end, tag, found))
            elif len(inside) == 1:
                span = next(iter(inside.values()))
                layer = self._widen(doc, layer, span, start, end, tag)
                layer = self._narrow(doc, layer, span, start, end, tag, found)
                layer = self._drop_descriptor(doc, layer, span, start, end, tag)
        if read:
            layer = [s for s in layer if not _vetoed(s, hits, read, found)]
        doc.spans[SPANS_KEY] = sorted(layer, key=lambda s: (s.start, s.end, s.label_))
        doc._.dkg_found = found

    def _widen(
        self, doc: Doc, layer: list[Span], span: Span, start: int, end: int, tag: str
    ) -> list[Span]:
        """A listed person inside a longer model name of a person takes the longer extent
        (measured: widening places hurt, "فرنسا" + a following team name)."""
        person = tag == "PERS" and span.label_ in ("Leader", "Person")
        if (
            not person
            or span._.dkg_adj
            or span._.dkg_role
            or (start, end) == (span.start, span.end)
            or not (start <= span.start and span.end <= end)
        ):
            return layer
        wide = Span(doc, start, end, label=span.label_, kb_id=span.kb_id_)
        return [wide if s is span else s for s in layer]

    def _narrow(
        self,
        doc: Doc,
        layer: list[Span],
        span: Span,
        start: int,
        end: int,
        tag: str,
        found: dict,
    ) -> list[Span]:
        """A name the title rules guessed ("جاك شيراك انذاك": up to three name-like words)
        ends where the model's person name from the same first word ends, shorter or
        longer ("زيد بن رعد" -> "زيد بن رعد الحسين"), or where a shorter one inside it
        ends; it stays unlinked, its key follows the name."""
        guessed = span.kb_id_ in found and span.label_ in ("Leader", "Person")
        if not guessed or tag != "PERS" or (start, end) == (span.start, span.end):
            return layer
        inside = span.start <= start and end <= span.end
        if not (start == span.start or (inside and end == span.end)):
            return layer
        name = doc[start:end].text
        key = entity_key(span.label_, name)
        found.setdefault(key, replace(found[span.kb_id_], key=key, ar=(name,)))
        narrow = Span(doc, start, end, label=span.label_, kb_id=key)
        narrow._.dkg_role = span._.dkg_role
        return [narrow if s is span else s for s in layer]

    def _drop_descriptor(
        self, doc: Doc, layer: list[Span], span: Span, start: int, end: int, tag: str
    ) -> list[Span]:
        """A gazetteer place or organization whose first words only describe the model's
        name inside it ("جنوب لبنان" around "لبنان", "دولة الكويت", "حركة حماس") ends at
        the name; the link stays. The words are in ``kg/resources/<lang>/descriptors.yaml``."""
        words = self.descriptors.get(span.label_, frozenset())
        if (
            CLASS_OF.get(tag) != span.label_
            or span._.dkg_adj
            or not (span.start < start and end == span.end)
            or not all(words.intersection(bare_forms(t.text)) for t in doc[span.start : start])
        ):
            return layer
        narrow = Span(doc, start, end, label=span.label_, kb_id=span.kb_id_)
        return [narrow if s is span else s for s in layer]

    def _only_descriptor(self, doc: Doc, start: int, end: int) -> bool:
        """A word that describes a place and names none ("والمملكة", "المدينة")."""
        words = self.descriptors["Region"]
        return all(
            words.intersection((*bare_forms(t.text), _stem(match_key(t.text))))
            for t in doc[start:end]
        )

    def _not_a_place(self, doc: Doc, start: int, end: int) -> bool:
        """The gazetteers' own test: "بتوقيت غرينيتش" is a time, not a place; a name in
        quotes ('لـ"الرياض"') is a paper's."""
        before = doc[start - 1].norm_ if start > 0 else ""
        after = doc[end].norm_ if end < len(doc) else ""
        if before in QUOTES and after in QUOTES:
            return True
        return before in self.not_place_before or after in self.not_place_after

    def _new(self, doc: Doc, start: int, end: int, tag: str, found: dict) -> Span:
        name = doc[start:end].text
        role = self._title_before(doc, start) if tag == "PERS" else None
        cls = "Leader" if role else CLASS_OF[tag]
        key = entity_key(cls, name)
        offices = (Office(role[0], None, "0000-01-01", "9999-12-31"),) if role else ()
        found.setdefault(key, Entry(key=key, cls=cls, en="", ar=(name,), offices=offices))
        span = Span(doc, start, end, label=cls, kb_id=key)
        if role:
            span._.dkg_role = role[1]
        return span

    def _title_before(self, doc: Doc, start: int) -> tuple[str, str] | None:
        """The office and words of a leader's title ending right before ``start``."""
        for size in range(min(self.title_len, start), 0, -1):
            words = tuple(t.norm_ for t in doc[start - size : start])
            role = self.titles.get(words)
            if role is not None:
                return role, doc[start - size : start].text
        return None


def propagate(
    doc: Doc,
    hits: list[tuple[int, int, str]],
    ranges: list[tuple[int, int]],
    stopwords: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str]]:
    """``hits`` plus every other place in ``ranges`` where a found name recurs.

    News names a person in full once and by surname after ("دونالد رامسفيلد" ...
    "رامسفيلد"); the model, reading one sentence at a time, misses many of the later
    mentions. Words compare by stem, so "ورامسفيلد" is "رامسفيلد" too; a one-word name
    recurs only when longer than three letters and not a stopword ("علي" would be "على").
    """
    stems = [word_features(t.text)[1] for t in doc]
    names: dict[tuple[str, ...], str] = {}
    for start, end, tag in hits:
        if tag == "MISC":
            continue
        key = tuple(stems[start:end])
        keys = [key, key[-1:]] if tag == "PERS" and len(key) >= 2 else [key]
        for k in keys:
            if len(k) > 1 or (len(k[0]) > 3 and k[0] not in stopwords):
                names.setdefault(k, tag)
    taken = {i for start, end, _ in hits for i in range(start, end)}
    longest = max((len(k) for k in names), default=0)
    extra: list[tuple[int, int, str]] = []
    for first, last in ranges:
        i = first
        while i < last:
            size = next(
                (
                    n
                    for n in range(min(longest, last - i), 0, -1)
                    if tuple(stems[i : i + n]) in names and not taken.intersection(range(i, i + n))
                ),
                0,
            )
            if size:
                extra.append((i, i + size, names[tuple(stems[i : i + size])]))
                i += size
            else:
                i += 1
    return sorted(hits + extra)


def _vetoed(span: Span, hits, read: list[tuple[int, int]], found: dict) -> bool:
    """A person the title rules guessed from the words after a title ("الرئيس الأميركي
    امتنع"), in a range the model read, where the model found no name at all."""
    return (
        span.label_ in ("Leader", "Person")
        and bool(span._.dkg_role)
        and span.kb_id_ in found
        and any(a <= span.start and span.end <= b for a, b in read)
        and not any(s < span.end and span.start < e for s, e, _ in hits)
    )


def _part_of_name(spans, start: int, end: int, tag: str) -> bool:
    """Places that are only words of a longer organization or other name the model found
    ("بنك فرنسا المركزي", "جائزة باريس الكبرى"), as "صحيفة واشنطن بوست" is for the rules."""
    spans = list(spans)
    return (
        tag in ("ORG", "MISC")
        and bool(spans)
        and all(
            s.label_ == "Region"
            and start <= s.start
            and s.end <= end
            and s.end - s.start < end - start
            for s in spans
        )
    )


def _quoted_place(doc: Doc, spans, start: int, end: int, tag: str) -> bool:
    """A place name in quotes that the model reads as an organization is the title of a
    newspaper or channel ("صحيفة « الشرق الأوسط »"), not the place."""
    spans = list(spans)
    return (
        tag == "ORG"
        and len(spans) == 1
        and spans[0].label_ == "Region"
        and (spans[0].start, spans[0].end) == (start, end)
        and start > 0
        and end < len(doc)
        and doc[start - 1].text in QUOTES
        and doc[end].text in QUOTES
    )


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _blank(span: Span) -> bool:
    return all(t.is_punct or t.is_space for t in span)


@Language.factory("dkg_ner", default_config={"lang": "ar", "scope": "windows", "model": None})
def make_ner(nlp: Language, name: str, lang: str, scope: str, model: str | None) -> ModelRecognizer:
    """Factory of the model component; ``model`` is a path (default: the shipped one)."""
    return ModelRecognizer(nlp, lang, scope, model)
