"""Cue spans: reporting verbs, agreement and condition cues, dispute words, time words.

All cue lexicons come from ``resources/<lang>/cues.yaml``. The component only marks
where cues stand (``doc.spans["dkg_cues"]``, labelled ``KIND`` or ``KIND|value``); what
they mean for statements and agreements is decided in ``kg.extract``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.nlp.entities import _add
from kg.nlp.lexicon import load_lexicon

SPANS_KEY = "dkg_cues"

# cue list in cues.yaml -> span label
_LISTS = {
    "reporting": "REPORT",
    "according_to": "ACCORDING",
    "dispute": "DISPUTE",
    "dispute_phrases": "DISPUTE_PHRASE",
    "agreement": "AGREE",
    "act_linkers": "LINK",
    "relation_objects": "REL_OBJ",
    "condition": "COND",
    "condition_demand": "COND_DEMAND",
    "condition_agreed_in_object": "COND_IN_OBJ",
    "condition_not_after_reporting": "COND_SAYS",
    "agreement_nouns": "AGREE_NOUN",
    "agreement_direct": "AGREE_DIRECT",
    "object_markers": "OBJ_MARK",
    "pair_verbs": "PAIR_VERB",
    "we_verbs": "WE_VERB",
    "condition_reference": "COND_REF",
    "immediate": "IMMEDIATE",
    "scope_terms": "SCOPE",
    # agreements referred to (cues_references.yaml)
    "reference_nouns": "REF_NOUN",
    "reference_nouns_named_only": "REF_NAMED_ONLY",
    "reference_adjectives": "REF_ADJ",
    "reference_descriptive": "REF_DESC",
    "reference_relatives": "REF_REL",
    "conclusion_verbs": "CONCLUDE",
    "conclusion_nouns": "CONCLUDE_NOUN",
    "conclusion_past": "PAST",
    "conclusion_present": "CONCLUDE_NOW",
    "reference_party_links": "REF_LINK",
    "reference_demonstratives": "REF_DEM",
    "reference_hypothetical": "REF_HYPO",
    "reference_not": "REF_NOT",
    "opposition": "OPPOSE",
    "agreed_relative": "REF_AGREED",
    "agreed_what": "REF_AGREED_WHAT",
    "agreement_negation": "AGREE_NEG",
    "location_words": "LOCATIVE",
    "views": "VIEWS",
    "dispute_aims": "DISPUTE_AIM",
    "harm_words": "HARM",
    "invitation_nouns": "INVITATION",
    "invitation_accepted": "ACCEPTED",
    "views_concur": "CONCUR",
    "opposition_after": "OPPOSE_AFTER",
}
# cue mapping in cues.yaml -> span label prefix (the value goes after "|")
_MAPS = {
    "acts": "ACT",
    "reporting_with": "REPORT_WITH",
    "duration_units": "UNIT",
    "duration_words": "DUR",
    "number_words": "NUM",
    "relative_days": "RELDAY",
    "weekdays": "WEEKDAY",
}


class CueMarker:
    """Mark every cue phrase of the lexicon in a Doc."""

    def __init__(self, nlp: Language, lang: str) -> None:
        lex = load_lexicon(lang)
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for name, label in _LISTS.items():
            _add(self.matcher, nlp, label, lex.cue_list(name))
        for name, prefix in _MAPS.items():
            for phrase, value in (lex.cues.get(name) or {}).items():
                _add(self.matcher, nlp, f"{prefix}|{value}", [phrase])
        for agreement in lex.agreements.values():  # well-known agreements by name
            _add(self.matcher, nlp, f"AGR_NAME|{agreement.key}", list(agreement.ar))
            _add(self.matcher, nlp, f"AGR_AMBIG|{agreement.key}", list(agreement.ar_ambiguous))
        _add(self.matcher, nlp, "PAIR", lex.pair)
        _add(self.matcher, nlp, "COUNTERPART", lex.counterpart)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, s.end, s.label_))
        return doc


@Language.factory("dkg_cues", default_config={"lang": "ar"})
def make_cues(nlp: Language, name: str, lang: str) -> CueMarker:
    """Factory of the cue component."""
    return CueMarker(nlp, lang)
