"""Every ``Doc``/``Span`` extension of the project, registered in one place."""

from __future__ import annotations

from spacy.tokens import Doc, Span

# The document's date (ISO), used to resolve roles in time ("الرئيس الروسي" in 2010).
if not Doc.has_extension("dkg_date"):
    Doc.set_extension("dkg_date", default=None)
# Entities found by rules but not in a gazetteer: key -> kg.nlp.lexicon.Entry.
if not Doc.has_extension("dkg_found"):
    Doc.set_extension("dkg_found", default=None)
# Sentence and heading units of the document: list of kg.records.Unit.
if not Doc.has_extension("dkg_units"):
    Doc.set_extension("dkg_units", default=None)
# On an entity span: the words of the role that introduced it ("الرئيس الروسي").
if not Span.has_extension("dkg_role"):
    Span.set_extension("dkg_role", default=None)
# On an entity span: True when the mention is a nationality adjective ("الأميركي").
if not Span.has_extension("dkg_adj"):
    Span.set_extension("dkg_adj", default=False)
