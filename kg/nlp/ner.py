"""A statistical NER model for the names the gazetteers and title rules miss.

The model (a spaCy pipeline trained on ANERcorp by ``make train``, shipped under
``kg/models/ar_ner``) tags PERS, LOC, ORG and MISC. This component runs it on the
document's sentences and merges what it finds into ``doc.spans["dkg_entities"]``:

- gazetteer and rule spans keep their links and classes; a model name that contains one
  of the same kind ("جورج بوش" around a listed "بوش") widens it, link unchanged;
- a model-only PERS becomes a Person, or a Leader when a leader's title stands right
  before it ("الرئيس جورج بوش"); LOC becomes a Region, ORG an Organization; each gets
  a key from ``entity_key`` and an unlinked ``Entry`` in ``doc._.dkg_found``;
- MISC and every raw model span stay in ``doc.spans["dkg_ner"]``.

Scope: ``"all"`` sentences, or ``"cued"`` ones only (a reporting, agreement, condition
or dispute cue in ``doc.spans["dkg_cues"]``), where names can become speakers and
parties; the cue component must then run before this one.

Model features come from ``dkg_ner_features``, the model's own first component: the
norm is ``match_key`` and the lemma the word without its proclitics (و ف, ب ك ل, ال), so
"وبغداد", "لبغداد" and "بغداد" share a feature.
"""

from __future__ import annotations

import functools
import logging
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
SCOPE_CUES = frozenset({"REPORT", "ACCORDING", "AGREE", "AGREE_NOUN", "AGREE_DIRECT",
                        "COND", "COND_DEMAND", "DISPUTE", "DISPUTE_PHRASE", "PAIR_VERB",
                        "WE_VERB"})
SCOPES = ("all", "cued")


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
        stem = stem[len(clitics.article):]
    return stem


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

    def __init__(self, nlp: Language, lang: str, scope: str, model: str | None,
                 batch_size: int = 256) -> None:
        if scope not in SCOPES:
            raise KgError(f"dkg_ner: scope must be one of {SCOPES}, not {scope!r}")
        self.scope = scope
        self.model = load_model(model or str(MODEL_DIR))
        self.batch_size = batch_size
        lex = load_lexicon(lang)
        self.titles = {tuple(match_key(t.text) for t in nlp.make_doc(str(title["ar"]))):
                       title["role"] for title in lex.titles}
        self.title_len = max((len(t) for t in self.titles), default=0)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict([doc])[0])
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
        for doc, hits in zip(docs, self.predict(docs), strict=True):
            self.set_annotations(doc, hits)
            yield doc

    # -- finding --------------------------------------------------------------------
    def sentences(self, doc: Doc) -> list[Span]:
        """The sentences the model reads: every one, or those with a cue."""
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        if self.scope == "all":
            return sents
        cued = [s for s in doc.spans.get(CUES_KEY, []) if s.label_.split("|")[0] in SCOPE_CUES]
        starts = sorted({s.start for s in cued})
        return [s for s in sents if any(s.start <= i < s.end for i in starts)]

    def predict(self, docs: list[Doc]) -> list[list[tuple[int, int, str]]]:
        """The model's names in each doc: ``(start, end, tag)`` token spans."""
        pieces: list[tuple[int, int]] = []  # (doc index, offset)
        subdocs: list[Doc] = []
        for index, doc in enumerate(docs):
            for sent in self.sentences(doc):
                words = [t.text for t in sent if not t.is_space] and [t.text for t in sent]
                if words:
                    subdocs.append(Doc(self.model.vocab, words=words))
                    pieces.append((index, sent.start))
        for _name, proc in self.model.pipeline:
            subdocs = list(proc.pipe(subdocs, batch_size=self.batch_size))
        hits: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for (index, offset), sub in zip(pieces, subdocs, strict=True):
            hits[index].extend((offset + e.start, offset + e.end, e.label_) for e in sub.ents
                               if not _blank(sub[e.start:e.end]))
        return hits

    # -- annotating -----------------------------------------------------------------
    def set_annotations(self, doc: Doc, hits: list[tuple[int, int, str]]) -> None:
        """Store raw spans; add model-only names to the entity layer."""
        doc.spans[RAW_KEY] = [Span(doc, s, e, label=t) for s, e, t in hits]
        layer = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
        found = doc._.dkg_found if doc._.dkg_found is not None else {}
        taken = {i: span for span in layer for i in range(span.start, span.end)}
        for start, end, tag in hits:
            if tag not in CLASS_OF:
                continue
            inside = {id(taken[i]): taken[i] for i in range(start, end) if i in taken}
            if not inside:
                layer.append(self._new(doc, start, end, tag, found))
            elif len(inside) == 1:
                layer = self._widen(doc, layer, next(iter(inside.values())), start, end, tag)
        doc.spans[SPANS_KEY] = sorted(layer, key=lambda s: (s.start, s.end, s.label_))
        doc._.dkg_found = found

    def _widen(self, doc: Doc, layer: list[Span], span: Span, start: int, end: int,
               tag: str) -> list[Span]:
        """A listed name inside a longer model name of its kind takes the longer extent."""
        same_kind = CLASS_OF[tag] == span.label_ or (tag == "PERS" and span.label_ == "Leader")
        if not same_kind or span._.dkg_adj or span._.dkg_role or (start, end) == (
                span.start, span.end) or not (start <= span.start and span.end <= end):
            return layer
        wide = Span(doc, start, end, label=span.label_, kb_id=span.kb_id_)
        return [wide if s is span else s for s in layer]

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
            words = tuple(t.norm_ for t in doc[start - size:start])
            role = self.titles.get(words)
            if role is not None:
                return role, doc[start - size:start].text
        return None


def _blank(span: Span) -> bool:
    return all(t.is_punct or t.is_space for t in span)


@Language.factory("dkg_ner", default_config={"lang": "ar", "scope": "cued", "model": None})
def make_ner(nlp: Language, name: str, lang: str, scope: str, model: str | None
             ) -> ModelRecognizer:
    """Factory of the model component; ``model`` is a path (default: the shipped one)."""
    return ModelRecognizer(nlp, lang, scope, model)
