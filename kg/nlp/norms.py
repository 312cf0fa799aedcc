"""Token norms that see through spelling variants and attached proclitics.

``token.norm_`` becomes the matching key of the token (``kg.textnorm.match_key``) with the
proclitics stripped whenever what remains is a word of the lexicon: "وأوكرانيا" ->
"اوكرانيا", "لترامب" -> "ترامب", "بالكرملين" -> "الكرملين", "لـ30" -> "30". Matchers with
``attr="NORM"`` then match entries however they are attached. Character offsets are
untouched: tokens are not split.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import RESOURCES, load_lexicon
from kg.textnorm import match_key


@dataclass(frozen=True)
class Proclitics:
    """The proclitics of a language, read from ``resources/<lang>/morphology.yaml``."""

    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    lam_article: str
    min_stem: int

    def stems(self, key: str) -> Iterable[str]:
        """Candidate stems of ``key``, from least to most stripped."""
        forms = [key]
        for conj in self.conjunctions:
            if key.startswith(conj) and len(key) - len(conj) >= self.min_stem:
                forms.append(key[len(conj) :])
        for form in list(forms):
            if self.lam_article and form.startswith(self.lam_article):
                forms.append(self.article + form[len(self.lam_article) :])
            for prep in self.prepositions:
                if form.startswith(prep) and len(form) - len(prep) >= self.min_stem:
                    forms.append(form[len(prep) :])
        return forms[1:]


@functools.lru_cache(maxsize=4)
def load_proclitics(lang: str) -> Proclitics:
    """Read the proclitics of ``lang``."""
    path = Path(RESOURCES) / lang / "morphology.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return Proclitics(
        conjunctions=tuple(data.get("conjunctions") or ()),
        prepositions=tuple(data.get("prepositions") or ()),
        article=data.get("article") or "",
        lam_article=data.get("lam_article") or "",
        min_stem=int(data.get("min_stem") or 1),
    )


class CliticNorms:
    """Set ``token.norm_`` to the lexicon form of each token."""

    def __init__(self, vocabulary: frozenset[str], proclitics: Proclitics) -> None:
        self.vocabulary = vocabulary
        self.proclitics = proclitics
        self._cache: dict[str, str] = {}

    def norm(self, text: str) -> str:
        """The lexicon form of one token's text."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        key = match_key(text)
        result = key
        if key not in self.vocabulary:
            for stem in self.proclitics.stems(key):
                if stem in self.vocabulary or stem.isdigit():
                    result = stem
                    break
        if len(self._cache) < 500_000:
            self._cache[text] = result
        return result

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if not token.is_space:
                token.norm_ = self.norm(token.text)
        return doc


@Language.factory("dkg_clitic_norms", default_config={"lang": "ar"})
def make_clitic_norms(nlp: Language, name: str, lang: str) -> CliticNorms:
    """Factory of the clitic-aware norm component."""
    return CliticNorms(lexicon_vocabulary(nlp, lang), load_proclitics(lang))


def lexicon_vocabulary(nlp: Language, lang: str) -> frozenset[str]:
    """Every token of every gazetteer name and cue phrase, as matching keys."""
    lex = load_lexicon(lang)
    phrases: list[str] = []
    for entry in lex.entries.values():
        phrases.extend(entry.ar)
        phrases.extend(entry.adj)
        phrases.append(entry.en)
    phrases.extend(t["ar"] for t in lex.titles)
    phrases.extend(lex.honorifics + lex.counterpart + lex.pair)
    phrases.extend(lex.role_modifiers + lex.person_roles)
    for name, value in lex.cues.items():
        if isinstance(value, dict):
            phrases.extend(str(k) for k in value)
        elif isinstance(value, list):
            phrases.extend(lex.cue_list(name))
    words = {match_key(tok.text) for phrase in phrases for tok in nlp.make_doc(str(phrase))}
    words.discard("")
    return frozenset(words)
