"""Token norms that see through spelling variants and attached proclitics.

``token.norm_`` becomes the matching key of the token (``kg.textnorm.match_key``) with the
proclitics stripped whenever what remains is a word of the lexicon: "وأوكرانيا" ->
"اوكرانيا", "لترامب" -> "ترامب", "بالكرملين" -> "الكرملين", "لـ30" -> "30". Matchers with
``attr="NORM"`` then match entries however they are attached. Character offsets are
untouched: tokens are not split.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import load_lexicon
from kg.textnorm import Proclitics, load_proclitics, match_key


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


_VOCABULARIES: dict[tuple[int, str], frozenset[str]] = {}


def lexicon_vocabulary(nlp: Language, lang: str) -> frozenset[str]:
    """Every token of every gazetteer name and cue phrase, as matching keys (computed once
    per pipeline: the norm and the entity components both need it)."""
    key = (id(nlp), lang)
    if key not in _VOCABULARIES:
        _VOCABULARIES[key] = _vocabulary(nlp, lang)
    return _VOCABULARIES[key]


def _vocabulary(nlp: Language, lang: str) -> frozenset[str]:
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
    # Agreement names are written with their proclitics ("بين إسرائيل ولبنان"): a word of
    # theirs joins the vocabulary only when it is no attached form of a word already in
    # it, else "ولبنان" would stop reading as "لبنان".
    proclitics = load_proclitics(lang)
    for agreement in lex.agreements.values():
        for phrase in agreement.ar + agreement.ar_ambiguous:
            for tok in nlp.make_doc(phrase):
                key = match_key(tok.text)
                if key and not any(stem in words for stem in proclitics.stems(key)):
                    words.add(key)
    return frozenset(words)
