"""Every IRI storygraph writes, declared once.

Each vocabulary is a small class listing only the terms we use, as annotations:
`SG.key` is the IRI "https://storygraph.dev/ns#key" (a plain string), and a term
the class does not declare raises AttributeError where it is used, so a misspelt
term fails instead of silently minting a new IRI. Our own vocabulary is `SG`; the
external ones we reuse are schema.org, PROV, RDF, RDFS, XSD, NIF, ITSRDF, SEM and
the BBC Storyline ontology. No other module spells an IRI out.

This module does not import rdflib: every command imports it (through the store),
and importing rdflib alone costs more than a lookup should take. Code that hands
a term to rdflib wraps it (`rdflib.URIRef(SCHEMA.name)`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

# A vocabulary term's IRI. The annotations below declare terms; they are never set.
IRI = str


class _Vocabulary(type):
    """Metaclass of a vocabulary: `Vocabulary.term` is `_NS + "term"` for declared terms."""

    _NS: str
    _terms: frozenset[str]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]
                ) -> _Vocabulary:
        namespace["_terms"] = frozenset(namespace.get("__annotations__", ()))
        return super().__new__(mcs, name, bases, namespace)

    def __getattr__(cls, name: str) -> Any:  # called only when the class has no such attribute
        if name in cls._terms:
            return cls._NS + name
        raise AttributeError(f"{name!r} is not a term of {cls.__name__} ({cls._NS})")


class Vocabulary(metaclass=_Vocabulary):
    """Base of the vocabulary classes (rdflib calls the same idea DefinedNamespace)."""

    _NS = ""


# Where our own resources (articles, entities, shared graphs) live.
BASE = "https://storygraph.dev/"
ARTICLE_BASE = BASE + "article/"
ENTITY_BASE = BASE + "entity/"
GRAPH_BASE = BASE + "graph/"
ENTITIES_GRAPH = GRAPH_BASE + "entities"
STORIES_GRAPH = GRAPH_BASE + "stories"  # stories, their articles and the assigner's state
STORY_BASE = BASE + "story/"
TOPIC_BASE = BASE + "topic/"
RESOLUTION_GRAPH = GRAPH_BASE + "resolution"  # manual merges and splits, never deleted
INDEX_GRAPH = GRAPH_BASE + "index"  # what lookups read, kept up to date at put (rdf/index.py)
SERIES_BASE = BASE + "series/"
WORD_BASE = BASE + "word/"  # a word of some name, in the index graph's vocabulary
ACTIVITY_BASE = BASE + "activity/"
AGENT_BASE = BASE + "agent/"

class SCHEMA(Vocabulary):
    """schema.org: articles, people, organisations, places, claims, roles, figures."""

    _NS = "https://schema.org/"

    NewsArticle: IRI
    Thing: IRI
    Person: IRI
    Organization: IRI
    Place: IRI
    Claim: IRI
    Quotation: IRI
    Role: IRI
    QuantitativeValue: IRI
    headline: IRI
    datePublished: IRI
    url: IRI
    identifier: IRI
    mentions: IRI
    author: IRI
    name: IRI
    alternateName: IRI
    roleName: IRI
    about: IRI
    dateCreated: IRI
    value: IRI
    unitText: IRI
    startDate: IRI
    endDate: IRI


class PROV(Vocabulary):
    """PROV-O: where facts come from, who changed what, and what was superseded."""

    _NS = "http://www.w3.org/ns/prov#"

    Activity: IRI
    Agent: IRI
    wasDerivedFrom: IRI
    wasAttributedTo: IRI
    generatedAtTime: IRI
    wasInvalidatedBy: IRI
    invalidatedAtTime: IRI
    wasAssociatedWith: IRI
    endedAtTime: IRI
    used: IRI
    generated: IRI


class RDF(Vocabulary):
    _NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    type: IRI
    Statement: IRI
    subject: IRI
    predicate: IRI
    object: IRI


class RDFS(Vocabulary):
    _NS = "http://www.w3.org/2000/01/rdf-schema#"

    label: IRI


class XSD(Vocabulary):
    _NS = "http://www.w3.org/2001/XMLSchema#"

    date: IRI
    dateTime: IRI
    double: IRI
    gYear: IRI
    gYearMonth: IRI


class SG(Vocabulary):
    """storygraph's own vocabulary: only what schema.org, PROV, NIF and SEM lack.

    Published with labels and comments in `storygraph/rdf/vocab.ttl`.
    """

    _NS = "https://storygraph.dev/ns#"

    # Articles and how they were read.
    key: IRI  # a key it is stored under: its url, else its file's path, else "text:<id>"
    source: IRI  # the outlet's name as given by the input ("BBC News")
    extractorVersion: IRI  # version of storygraph's extractor that wrote the graph
    model: IRI  # the spaCy model the extractor used

    # Entities.
    nerType: IRI  # the OntoNotes label (PERSON, ORG, GPE, ...)

    # Roles: schema.org's Role pattern has no plain "who holds it" / "where" pair.
    holder: IRI  # Role -> the person holding it
    organization: IRI  # Role -> the organisation it is held in

    # Claims.
    cue: IRI  # the reporting verb or phrase ("said", "according to")
    direct: IRI  # true when the content is, or contains, quoted words
    stance: IRI  # the speaker's stance where the extractor tells one
    speakerText: IRI  # the speaker as written, also when unresolved

    # Figures.
    qualifier: IRI  # "about", "more than", "up to", ...

    # Events.
    kind: IRI  # what happened: "visit", "announcement", "open letter", ...
    target: IRI  # who or what the event was directed at
    whenText: IRI  # the original words for the time ("last week")

    # Stories: the story assigner's state (a centroid, or one article's vectors) as JSON.
    profile: IRI
    Topic: IRI  # articles about one subject; its stories are the events among them
    topic: IRI  # story -> the topic it is an event of
    why: IRI  # story -> what tells its articles apart from the rest of its topic
    StorySplit: IRI  # an activity: a stored story's articles fell into several events
    StoryMerge: IRI  # an activity: stored stories became one event
    cut: IRI  # the normalised cut of the split (0 = nothing shared across)
    # Kept at write so that listing stories reads them instead of counting every story's
    # articles and mentions.
    articles: IRI  # story or topic -> how many articles it holds
    # A story's keys in its topic's candidate index ("TOPIC-ID e:name", "TOPIC-ID t:word"):
    # an article of a big topic is ranked against the stories found through them.
    storyKey: IRI
    listKey: IRI  # story -> where it comes in the list of stories, as text that sorts so
    keyEntity: IRI  # story -> a key entity's record: the entity and how many articles name it
    entity: IRI  # key entity record -> the entity
    inArticles: IRI  # key entity record -> how many of the story's articles name it
    # In the index graph, each story's tally of every entity its articles name, kept by
    # deltas at each write (`storygraph.rdf.story_counts`): its key entities come from it.
    entityTally: IRI  # story -> its tally of one entity (the key entity record's IRI)
    inMentions: IRI  # tally -> how many mentions of the entity the story's articles hold

    # Cross-article resolution: how a name in one article was matched to an entity.
    EntityMatch: IRI  # one non-trivial decision, kept in the article's graph
    matchedName: IRI  # the name as the article gives it
    resolvedTo: IRI  # the canonical entity the article's name now points to
    candidate: IRI  # another entity it may be (or was weighed against)
    method: IRI  # "surname in context", "similar name", "shared name", ...
    decision: IRI  # "merged", "candidate" or "apart"
    score: IRI  # how strong the evidence was, 0..1
    evidence: IRI  # an entity both share in their context

    # Manual merges and splits (PROV activities in the resolution graph).
    Merge: IRI
    Split: IRI
    kept: IRI  # the entity that stays
    merged: IRI  # the entity folded into it (or split back out of it)
    undoes: IRI  # Split -> the Merge it reverses
    rewrote: IRI  # activity -> an rdf:Statement it changed (as it was before)
    inGraph: IRI  # that statement's graph
    preexisting: IRI  # the rewritten statement already existed, so undoing keeps it

    # Figures and claims across articles.
    series: IRI  # figures measuring the same thing share one series
    disputes: IRI  # a claim rejects or denies another claim

    # Lookup indexes (storygraph/rdf/index.py).
    nameWord: IRI  # one lower-cased word of a name or of a speaker as written
    discrepancy: IRI  # figure -> true: another source contradicts it (in the index graph)
    indexVersion: IRI  # the index graph -> which indexes the store keeps up to date
    figureCount: IRI  # series -> how many figures it holds (in the index graph)
    seriesSize: IRI  # the index graph -> a figure count some series has
    seriesHead: IRI  # the index graph -> the start of some series' IRI (series order)
    seriesBucket: IRI  # series, or a head's node -> a longer start of a series' IRI
    articleCount: IRI  # entity -> how many articles mention it (in the index graph)
    mentionCount: IRI  # entity -> how many mentions name it (in the index graph)
    articleCounts: IRI  # the index graph -> an article count some entity has
    holderHead: IRI  # role holder -> the first characters of its name (in the index graph)
    holderHeads: IRI  # the index graph -> a head some role holder has
    # entity -> text that orders the articles that mention it, and the claims it made or
    # that are about it, as its profile lists them (in each article's graph)
    articleKey: IRI
    saidKey: IRI
    aboutKey: IRI
    timelineKey: IRI  # entity -> text that orders an item involving it in its timeline
    wordGram: IRI  # a word of the vocabulary -> three letters in a row it holds (index graph)


class STORYLINE(Vocabulary):
    """BBC Storyline ontology: a story and the articles (slots) that tell it, in order."""

    _NS = "http://purl.org/ontology/storyline/"

    Storyline: IRI
    hasSlot: IRI
    follows: IRI


class NIF(Vocabulary):
    """NIF 2.0 core: text anchoring by character offsets."""

    _NS = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

    Context: IRI
    Phrase: IRI
    Sentence: IRI
    isString: IRI
    referenceContext: IRI
    beginIndex: IRI
    endIndex: IRI
    anchorOf: IRI
    sentence: IRI


class ITSRDF(Vocabulary):
    """ITS 2.0 RDF: `taIdentRef` is what NIF uses to link a mention to its entity."""

    _NS = "http://www.w3.org/2005/11/its/rdf#"

    taIdentRef: IRI


class SEM(Vocabulary):
    """Simple Event Model."""

    _NS = "http://semanticweb.cs.vu.nl/2009/11/sem/"

    Event: IRI
    hasActor: IRI
    hasPlace: IRI
    hasTimeStamp: IRI


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

# Joins the parts of a story's sg:listKey. Below every printable character, so "Leek"
# sorts before "Leek North"; a tab, not a control character, which XML 1.0 (RDF/XML,
# GraphML) cannot carry.
LIST_KEY_SEPARATOR = "\t"


# --- the IRIs of the things an article holds -----------------------------------------------

def article_iri(article_id: str) -> str:
    """The IRI of an article, which is also the name of its graph."""
    return ARTICLE_BASE + quote(article_id, safe="")


def claim_iri(article: str, index: int) -> str:
    """The IRI of the article's `index`-th claim, given the article's IRI."""
    return f"{article}#claim-{index}"


def figure_iri(article: str, index: int) -> str:
    """The IRI of the article's `index`-th figure, given the article's IRI."""
    return f"{article}#quantity-{index}"


def entity_iri(canonical: str) -> str:
    """The IRI of a canonical entity such as "person/ann-ross".

    Letters stay readable ("person/siobhán-obrien" is a valid IRI); anything
    else a future resolver might put in an id is percent-encoded.
    """
    return ENTITY_BASE + "".join(
        c if c.isalnum() or c in "-/" else quote(c, safe="") for c in canonical
    )


__all__ = [
    "ACTIVITY_BASE",
    "AGENT_BASE",
    "ARTICLE_BASE",
    "BASE",
    "ENTITIES_GRAPH",
    "ENTITY_BASE",
    "GRAPH_BASE",
    "INDEX_GRAPH",
    "ITSRDF",
    "LIST_KEY_SEPARATOR",
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
    "TOPIC_BASE",
    "WORD_BASE",
    "XSD",
    "article_iri",
    "claim_iri",
    "entity_iri",
    "figure_iri",
]
