"""Every IRI storygraph writes, declared once.

Our own vocabulary is the single `SG` class; the external vocabularies we reuse
are either rdflib's own classes (schema.org, PROV, RDF, XSD) or small
`DefinedNamespace` classes listing only the terms we use, so a misspelt term
fails at import time instead of silently minting a new IRI. No other module
spells an IRI out.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, XSD, DefinedNamespace

# Where our own resources (articles, entities, shared graphs) live.
BASE = "https://storygraph.dev/"
ARTICLE_BASE = BASE + "article/"
ENTITY_BASE = BASE + "entity/"
GRAPH_BASE = BASE + "graph/"
ENTITIES_GRAPH = GRAPH_BASE + "entities"
STORIES_GRAPH = GRAPH_BASE + "stories"  # stories, their articles and the assigner's state
STORY_BASE = BASE + "story/"
RESOLUTION_GRAPH = GRAPH_BASE + "resolution"  # manual merges and splits, never deleted
SERIES_BASE = BASE + "series/"
ACTIVITY_BASE = BASE + "activity/"
AGENT_BASE = BASE + "agent/"

SCHEMA = SDO  # https://schema.org/ (rdflib's name for it is SDO)


class SG(DefinedNamespace):
    """storygraph's own vocabulary: only what schema.org, PROV, NIF and SEM lack.

    Published with labels and comments in `storygraph/rdf/vocab.ttl`.
    """

    _NS = Namespace("https://storygraph.dev/ns#")
    _fail = True

    # Articles and how they were read.
    key: URIRef  # a key it is stored under: its url, else its file's path, else "text:<id>"
    source: URIRef  # the outlet's name as given by the input ("BBC News")
    extractorVersion: URIRef  # version of storygraph's extractor that wrote the graph
    model: URIRef  # the spaCy model the extractor used

    # Entities.
    nerType: URIRef  # the OntoNotes label (PERSON, ORG, GPE, ...)

    # Roles: schema.org's Role pattern has no plain "who holds it" / "where" pair.
    holder: URIRef  # Role -> the person holding it
    organization: URIRef  # Role -> the organisation it is held in

    # Claims.
    cue: URIRef  # the reporting verb or phrase ("said", "according to")
    direct: URIRef  # true when the content is, or contains, quoted words
    stance: URIRef  # the speaker's stance where the extractor tells one
    speakerText: URIRef  # the speaker as written, also when unresolved

    # Figures.
    qualifier: URIRef  # "about", "more than", "up to", ...

    # Events.
    kind: URIRef  # what happened: "visit", "announcement", "open letter", ...
    target: URIRef  # who or what the event was directed at
    whenText: URIRef  # the original words for the time ("last week")

    # Stories: the story assigner's state (a centroid, or one article's vectors) as JSON.
    profile: URIRef

    # Cross-article resolution: how a name in one article was matched to an entity.
    EntityMatch: URIRef  # one non-trivial decision, kept in the article's graph
    matchedName: URIRef  # the name as the article gives it
    resolvedTo: URIRef  # the canonical entity the article's name now points to
    candidate: URIRef  # another entity it may be (or was weighed against)
    method: URIRef  # "surname in context", "similar name", "shared name", ...
    decision: URIRef  # "merged", "candidate" or "apart"
    score: URIRef  # how strong the evidence was, 0..1
    evidence: URIRef  # an entity both share in their context

    # Manual merges and splits (PROV activities in the resolution graph).
    Merge: URIRef
    Split: URIRef
    kept: URIRef  # the entity that stays
    merged: URIRef  # the entity folded into it (or split back out of it)
    undoes: URIRef  # Split -> the Merge it reverses
    rewrote: URIRef  # activity -> an rdf:Statement it changed (as it was before)
    inGraph: URIRef  # that statement's graph
    preexisting: URIRef  # the rewritten statement already existed, so undoing keeps it

    # Figures and claims across articles.
    series: URIRef  # figures measuring the same thing share one series
    disputes: URIRef  # a claim rejects or denies another claim


class STORYLINE(DefinedNamespace):
    """BBC Storyline ontology: a story and the articles (slots) that tell it, in order."""

    _NS = Namespace("http://purl.org/ontology/storyline/")
    _fail = True

    Storyline: URIRef
    hasSlot: URIRef
    follows: URIRef


class NIF(DefinedNamespace):
    """NIF 2.0 core: text anchoring by character offsets."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    Phrase: URIRef
    Sentence: URIRef
    isString: URIRef
    referenceContext: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    sentence: URIRef


class ITSRDF(DefinedNamespace):
    """ITS 2.0 RDF: `taIdentRef` is what NIF uses to link a mention to its entity."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef


# Prefixes every query may use without declaring them (passed to the store, and
# written out as PREFIX lines where a query has to travel as text).
PREFIXES: dict[str, str] = {
    "sg": str(SG._NS),
    "schema": str(SCHEMA._NS),
    "prov": str(PROV._NS),
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "sem": str(SEM._NS),
    "storyline": str(STORYLINE._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "xsd": str(XSD._NS),
}

__all__ = [
    "ACTIVITY_BASE",
    "AGENT_BASE",
    "ARTICLE_BASE",
    "BASE",
    "ENTITIES_GRAPH",
    "ENTITY_BASE",
    "GRAPH_BASE",
    "ITSRDF",
    "NIF",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RESOLUTION_GRAPH",
    "SCHEMA",
    "SEM",
    "SERIES_BASE",
    "SG",
    "STORIES_GRAPH",
    "STORYLINE",
    "STORY_BASE",
    "XSD",
]
