"""The spaCy pipeline: a blank tokenizer, clitic-aware norms, entities and cue spans.

spaCy ships no trained Arabic pipeline, and nothing may be downloaded, so the pipeline
is built from ``spacy.blank(lang)`` plus the project's own rule components, whose
lexicons are the data files under ``kg/resources``.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from kg.nlp import cues, entities, extensions, ner, norms  # noqa: F401  (register factories)

# Quotes and punctuation that news glues to words: `جيد".`, `بـ"تدمير`, `(إكس)`.
_SUFFIXES = [r"[\.\,\u060C\u061B:!\?\u061F\"\u00BB\u201D\u2019\)\]\u2026]"]
_PREFIXES = [r"[\"\u00AB\u201C\u2018\(\[]"]
_INFIXES = [r"(?<=[\u0600-\u06FF])[\"\u00AB\u201C](?=[\u0600-\u06FF])"]


def _tune_tokenizer(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + _SUFFIXES).search
    tokenizer.prefix_search = compile_prefix_regex(list(nlp.Defaults.prefixes) + _PREFIXES).search
    tokenizer.infix_finditer = compile_infix_regex(
        list(nlp.Defaults.infixes or ()) + _INFIXES
    ).finditer


def build_pipeline(lang: str = "ar") -> Language:
    """A fresh pipeline for ``lang``: tokenizer, norms, entities, cues."""
    nlp = spacy.blank(lang)
    _tune_tokenizer(nlp)
    nlp.add_pipe("dkg_clitic_norms", config={"lang": lang})
    nlp.add_pipe("dkg_entities", config={"lang": lang})
    nlp.add_pipe("dkg_cues", config={"lang": lang})
    nlp.add_pipe("dkg_ner", config={"lang": lang})  # after the cues: it reads cued sentences
    return nlp


@functools.lru_cache(maxsize=2)
def get_pipeline(lang: str = "ar") -> Language:
    """The shared pipeline of this process for ``lang`` (built once)."""
    return build_pipeline(lang)
