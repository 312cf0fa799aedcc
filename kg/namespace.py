"""Namespaces of the diplokg graph.

``DKG`` is regenerated from ``ontology/diplokg.ttl`` by ``tools/gen_namespace.py``;
a test keeps the two in sync. Code writes ``DKG.Agreement``, never an IRI string.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

DKGR = Namespace("https://w3id.org/diplokg/resource/")
WD = Namespace("http://www.wikidata.org/entity/")
PROV = Namespace("http://www.w3.org/ns/prov#")


class DKG(DefinedNamespace):
    """Terms of the diplokg ontology (https://w3id.org/diplokg/ontology#)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplokg/ontology#")

    # classes
    Leader: URIRef
    Region: URIRef
    Organization: URIRef
    Person: URIRef
    Statement: URIRef
    Agreement: URIRef
    Condition: URIRef
    Document: URIRef
    # status values
    Confirmed: URIRef
    Unconfirmed: URIRef
    Disputed: URIRef
    # properties
    leaderOf: URIRef
    speaksFor: URIRef
    speaker: URIRef
    side: URIRef
    asserts: URIRef
    disputes: URIRef
    party: URIRef
    concerns: URIRef
    hasCondition: URIRef
    setBy: URIRef
    status: URIRef
    evidence: URIRef
    source: URIRef
    charStart: URIRef
    charEnd: URIRef
    date: URIRef
