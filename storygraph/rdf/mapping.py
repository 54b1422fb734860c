"""Extraction -> RDF quads, built directly as pyoxigraph terms.

This is the hot write path: DESIGN.md measured that building rdflib terms costs
more than the store insert itself, so nothing here touches rdflib objects; the
predicates are converted to pyoxigraph nodes once, at import.

Layout (see also vocab.ttl and shapes.ttl):

* One named graph per article, `https://storygraph.dev/article/<article.id>`,
  holding everything that article says. The graph name is also the IRI of the
  article itself (a schema:NewsArticle and a nif:Context whose nif:isString is
  the text all offsets point into). Mentions, roles, claims, figures, events and
  source sentences are hash IRIs under it (`...#claim-3`, `...#sentence-10-52`).
* Canonical entities live in the shared graph `https://storygraph.dev/graph/entities`:
  `https://storygraph.dev/entity/<canonical_id>` with rdf:type, schema:name and
  sg:nerType, and nothing else. Everything that depends on what one article
  said about an entity (aliases, which names it used, that it mentions the
  entity) lives in that article's graph, so replacing or dropping an article
  removes exactly its contribution and never another article's.
* The entity graph holds one record per entity; the store decides which
  article's record is kept (the first writer's) and drops records no article
  mentions any more. `map_extraction` keeps them separate for that reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Protocol

from storygraph.errors import StoreError
from storygraph.rdf.namespace import (
    ENTITIES_GRAPH,
    ITSRDF,
    NIF,
    PROV,
    RDF,
    SCHEMA,
    SEM,
    SG,
    XSD,
    article_iri,
    claim_iri,
    entity_iri,
    figure_iri,
)
from storygraph.rdf.terms import Literal, NamedNode, Quad
from storygraph.resolve import canonical_id, type_group

if TYPE_CHECKING:
    from storygraph.model import Entity, Extraction


def _node(term: str) -> NamedNode:
    return NamedNode(str(term))


# pyoxigraph versions of every term we write, built once at import.
A = _node(RDF.type)
ENTITIES = _node(ENTITIES_GRAPH)

NEWS_ARTICLE = _node(SCHEMA.NewsArticle)
HEADLINE = _node(SCHEMA.headline)
DATE_PUBLISHED = _node(SCHEMA.datePublished)
URL = _node(SCHEMA.url)
IDENTIFIER = _node(SCHEMA.identifier)
MENTIONS = _node(SCHEMA.mentions)
AUTHOR = _node(SCHEMA.author)
NAME = _node(SCHEMA.name)
ALTERNATE_NAME = _node(SCHEMA.alternateName)
ROLE = _node(SCHEMA.Role)
ROLE_NAME = _node(SCHEMA.roleName)
CLAIM = _node(SCHEMA.Claim)
QUOTATION = _node(SCHEMA.Quotation)
ABOUT = _node(SCHEMA.about)
DATE_CREATED = _node(SCHEMA.dateCreated)
QUANTITATIVE_VALUE = _node(SCHEMA.QuantitativeValue)
VALUE = _node(SCHEMA.value)
UNIT_TEXT = _node(SCHEMA.unitText)

GENERATED_AT = _node(PROV.generatedAtTime)
DERIVED_FROM = _node(PROV.wasDerivedFrom)
ATTRIBUTED_TO = _node(PROV.wasAttributedTo)

CONTEXT = _node(NIF.Context)
PHRASE = _node(NIF.Phrase)
SENTENCE = _node(NIF.Sentence)
IS_STRING = _node(NIF.isString)
REFERENCE_CONTEXT = _node(NIF.referenceContext)
BEGIN = _node(NIF.beginIndex)
END = _node(NIF.endIndex)
ANCHOR_OF = _node(NIF.anchorOf)
IN_SENTENCE = _node(NIF.sentence)
IDENT_REF = _node(ITSRDF.taIdentRef)

EVENT = _node(SEM.Event)
HAS_ACTOR = _node(SEM.hasActor)
HAS_PLACE = _node(SEM.hasPlace)
HAS_TIMESTAMP = _node(SEM.hasTimeStamp)

KEY = _node(SG.key)
SOURCE = _node(SG.source)
EXTRACTOR_VERSION = _node(SG.extractorVersion)
MODEL = _node(SG.model)
NER_TYPE = _node(SG.nerType)
HOLDER = _node(SG.holder)
ORGANIZATION = _node(SG.organization)
CUE = _node(SG.cue)
DIRECT = _node(SG.direct)
STANCE = _node(SG.stance)
SPEAKER_TEXT = _node(SG.speakerText)
QUALIFIER = _node(SG.qualifier)
KIND = _node(SG.kind)
TARGET = _node(SG.target)
WHEN_TEXT = _node(SG.whenText)

# What resolution decided, and what manual edits record (`storygraph.edits`).
ENTITY_MATCH = _node(SG.EntityMatch)
MATCHED_NAME = _node(SG.matchedName)
RESOLVED_TO = _node(SG.resolvedTo)
CANDIDATE = _node(SG.candidate)
METHOD = _node(SG.method)
DECISION = _node(SG.decision)
SCORE = _node(SG.score)
EVIDENCE = _node(SG.evidence)
SERIES = _node(SG.series)
DISPUTES = _node(SG.disputes)
INVALIDATED_BY = _node(PROV.wasInvalidatedBy)
INVALIDATED_AT = _node(PROV.invalidatedAtTime)

# One class per type group (see storygraph.resolve): exactly four, so a query
# for "every place" needs no subclass reasoning; sg:nerType keeps the fine label.
CLASS_BY_GROUP: dict[str, NamedNode] = {
    "person": _node(SCHEMA.Person),
    "organization": _node(SCHEMA.Organization),
    "place": _node(SCHEMA.Place),
    "thing": _node(SCHEMA.Thing),
}

_XSD_DATE = _node(XSD.date)
XSD_DATETIME = _node(XSD.dateTime)
_XSD_DOUBLE = _node(XSD.double)
_XSD_GYEAR_MONTH = _node(XSD.gYearMonth)
_XSD_GYEAR = _node(XSD.gYear)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")
_YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_YEAR = re.compile(r"\d{4}")
# A sentence ends at . ! or ? (with any closing quotes or brackets) before
# whitespace, or at a line break. Only used for figures and events, which carry
# no sentence offsets of their own in the model.
_SENTENCE_END = re.compile(r"([.!?][\"'\u201d\u2019)\]]*)\s+|\n\s*")
_SENTENCE_WINDOW = 2000


def date_literal(value: str) -> Literal:
    """An ISO 8601 date as the matching XSD type; anything else stays a plain string.

    A date that does not parse is kept as words rather than dropped or stored as
    an ill-typed literal that would make every date comparison fail.
    """
    text = value.strip()
    try:
        if _DATE.fullmatch(text):
            datetime.strptime(text, "%Y-%m-%d")
            return Literal(text, datatype=_XSD_DATE)
        match = _DATETIME.fullmatch(text)
        if match:
            # xsd:dateTime needs seconds; ISO 8601 lets them be left out.
            lexical = match.group(1) + (match.group(2) or ":00") + (match.group(3) or "")
            datetime.fromisoformat(lexical.replace("Z", "+00:00"))
            return Literal(lexical, datatype=XSD_DATETIME)
    except ValueError:
        return Literal(value)
    if _YEAR_MONTH.fullmatch(text):
        return Literal(text, datatype=_XSD_GYEAR_MONTH)
    if _YEAR.fullmatch(text):
        return Literal(text, datatype=_XSD_GYEAR)
    return Literal(value)


def heuristic_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around text[start:end], by punctuation and line breaks."""
    begin = 0
    window_start = max(0, start - _SENTENCE_WINDOW)
    for match in _SENTENCE_END.finditer(text, window_start, start):
        begin = match.end()
    if begin == 0 and window_start > 0:
        begin = window_start
    match = _SENTENCE_END.search(text, max(end, begin))
    if match is None:
        stop = len(text.rstrip())
    else:
        stop = match.end(1) if match.group(1) else match.start()
    return begin, max(stop, end)


@dataclass
class MappedArticle:
    """One extraction as quads: the article graph, plus entity records kept apart.

    `entity_quads` maps an entity IRI to its record in the shared entity graph;
    the store writes a record only if the entity has none yet.
    """

    graph: NamedNode
    article_quads: list[Quad] = field(default_factory=list)
    entity_quads: dict[str, list[Quad]] = field(default_factory=dict)

    def all_quads(self) -> list[Quad]:
        quads = list(self.article_quads)
        for record in self.entity_quads.values():
            quads.extend(record)
        return quads


def extraction_quads(
    extraction: Extraction, *, generated_at: datetime | None = None,
    resolution: Resolved | None = None,
) -> list[Quad]:
    """Every quad one extraction contributes: its article graph and its entity records."""
    return map_extraction(extraction, generated_at=generated_at,
                          resolution=resolution).all_quads()


class Resolved(Protocol):
    """What cross-article resolution hands the mapping (`storygraph.resolve.Resolution`).

    `iris` maps a local entity id to its canonical entity IRI; the rest is what resolution
    decided (matches, series, supersession, disputes), written by `resolution_quads`.
    """

    article: str
    iris: dict[str, str]
    matches: Sequence[Decided]
    series: dict[int, str]
    superseded: Sequence[tuple[str, str, str]]
    disputes: Sequence[tuple[str, str]]


class Decided(Protocol):
    """One decision about a name (`storygraph.resolve.Match`)."""

    name: str
    entity: str
    method: str
    decision: str
    score: float
    candidate: str | None
    evidence: tuple[str, ...]


def resolution_quads(result: Resolved) -> list[Quad]:
    """The quads recording what resolution decided for one article, each in its graph."""
    graph = NamedNode(result.article)
    quads: list[Quad] = []
    for n, match in enumerate(result.matches):
        node = NamedNode(f"{result.article}#match-{n}")
        quads += [
            Quad(node, A, ENTITY_MATCH, graph),
            Quad(node, MATCHED_NAME, Literal(match.name), graph),
            Quad(node, RESOLVED_TO, NamedNode(match.entity), graph),
            Quad(node, METHOD, Literal(match.method), graph),
            Quad(node, DECISION, Literal(match.decision), graph),
            Quad(node, SCORE, Literal(str(float(match.score)), datatype=_XSD_DOUBLE), graph),
        ]
        if match.candidate:
            quads.append(Quad(node, CANDIDATE, NamedNode(match.candidate), graph))
        quads += [Quad(node, EVIDENCE, NamedNode(e), graph) for e in match.evidence]
    for i, series in sorted(result.series.items()):
        quads.append(Quad(NamedNode(figure_iri(result.article, i)), SERIES,
                          NamedNode(series), graph))
    for figure, by, when in result.superseded:
        # The mark lives in the graph of the article that did the superseding.
        by_graph = NamedNode(by)
        stamp = date_literal(when + "T00:00:00")
        quads += [Quad(NamedNode(figure), INVALIDATED_BY, by_graph, by_graph),
                  Quad(NamedNode(figure), INVALIDATED_AT, stamp, by_graph)]
    for claim, target in result.disputes:
        # In this article's graph even when the denial is an earlier-stored article's:
        # this article's arrival made the link, and replacing it redoes it.
        quads.append(Quad(NamedNode(claim), DISPUTES, NamedNode(target), graph))
    return quads


def map_extraction(
    extraction: Extraction, *, generated_at: datetime | None = None,
    resolution: Resolved | None = None,
) -> MappedArticle:
    """Map one extraction; raises StoreError naming the article if it is inconsistent.

    Without a `resolution`, entities get the plain name-slug id of `canonical_id`.
    """
    try:
        return _Mapper(extraction, generated_at, resolution).run()
    except StoreError:
        raise
    except (ValueError, TypeError) as exc:  # e.g. a lone surrogate, a bad IRI character
        raise StoreError(f"article {extraction.article.key}: cannot map to RDF: {exc}") from exc


class _Mapper:
    """Holds the per-article state (entity IRIs, sentence nodes) for one mapping."""

    def __init__(self, extraction: Extraction, generated_at: datetime | None,
                 resolution: Resolved | None = None) -> None:
        self.extraction = extraction
        self.resolution = resolution
        self.text = extraction.article.text
        self.graph = NamedNode(article_iri(extraction.article.id))
        self.base = self.graph.value
        self.generated_at = generated_at or datetime.now(timezone.utc)
        self.mapped = MappedArticle(self.graph)
        self.quads = self.mapped.article_quads
        self.entities: dict[str, NamedNode] = {}
        self.sentences: dict[tuple[int, int], NamedNode] = {}
        # Claim sentences come from the parser; figures and events reuse them
        # when they fall inside one, before falling back to punctuation.
        self.known_sentences = sorted(
            {(c.sentence_start, c.sentence_end) for c in extraction.claims}
        )

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def add_text(self, s: NamedNode, p: NamedNode, value: str | None) -> None:
        if value is not None:
            self.quads.append(Quad(s, p, Literal(value), self.graph))

    def run(self) -> MappedArticle:
        self.map_article()
        for entity in self.extraction.entities:
            self.map_entity(entity)
        mention = 0
        for entity in self.extraction.entities:
            node = self.entities[entity.id]
            for m in entity.mentions:
                mention += 1
                subject = NamedNode(f"{self.base}#mention-{mention}")
                self.add(subject, A, PHRASE)
                self.anchor(subject, m.start, m.end, m.text)
                self.add(subject, IDENT_REF, node)
        for author in self.extraction.author_ids():
            self.add(self.graph, AUTHOR, self.entities[author])
        self.map_roles()
        self.map_claims()
        self.map_quantities()
        self.map_events()
        if self.resolution is not None:
            self.quads.extend(resolution_quads(self.resolution))
        return self.mapped

    def map_article(self) -> None:
        art = self.extraction.article
        g = self.graph
        self.add(g, A, NEWS_ARTICLE)
        self.add(g, A, CONTEXT)
        self.add_text(g, IDENTIFIER, art.id)  # the id is the hash of the normalised text
        self.add_text(g, KEY, art.key)
        self.add_text(g, IS_STRING, art.text)
        self.add_text(g, HEADLINE, art.title)
        if art.published:
            self.add(g, DATE_PUBLISHED, date_literal(art.published))
        self.add_text(g, SOURCE, art.source)
        self.add_text(g, URL, art.url)
        self.add_text(g, EXTRACTOR_VERSION, self.extraction.extractor_version)
        self.add_text(g, MODEL, self.extraction.model or None)
        stamp = self.generated_at.isoformat(timespec="seconds")
        self.add(g, GENERATED_AT, Literal(stamp, datatype=XSD_DATETIME))

    def map_entity(self, entity: Entity) -> None:
        resolved = self.resolution.iris.get(entity.id) if self.resolution else None
        iri = resolved or entity_iri(canonical_id(entity))
        node = NamedNode(iri)
        first_in_article = iri not in self.mapped.entity_quads
        self.entities[entity.id] = node
        if first_in_article:
            # Two local entities may resolve to one canonical entity; the first
            # one's name and label make the record, the rest become aliases.
            self.mapped.entity_quads[iri] = [
                Quad(node, A, CLASS_BY_GROUP[type_group(entity.type)], ENTITIES),
                Quad(node, NAME, Literal(entity.name), ENTITIES),
                Quad(node, NER_TYPE, Literal(entity.type), ENTITIES),
            ]
            self.add(self.graph, MENTIONS, node)
        # The names this article uses, kept in the article graph so they leave with it.
        for name in dict.fromkeys((entity.name, *entity.aliases)):
            self.add(node, ALTERNATE_NAME, Literal(name))

    def ref(self, entity_id: str, what: str) -> NamedNode:
        try:
            return self.entities[entity_id]
        except KeyError:
            raise StoreError(
                f"article {self.extraction.article.key}: {what} refers to unknown entity "
                f"id {entity_id!r}"
            ) from None

    def anchor(self, subject: NamedNode, start: int, end: int, text: str | None = None) -> None:
        self.add(subject, REFERENCE_CONTEXT, self.graph)
        self.add(subject, BEGIN, Literal(start))
        self.add(subject, END, Literal(end))
        self.add(subject, ANCHOR_OF, Literal(self.text[start:end] if text is None else text))

    def sentence(self, start: int, end: int) -> NamedNode:
        node = self.sentences.get((start, end))
        if node is None:
            node = NamedNode(f"{self.base}#sentence-{start}-{end}")
            self.sentences[(start, end)] = node
            self.add(node, A, SENTENCE)
            self.anchor(node, start, end)
        return node

    def sentence_around(self, start: int, end: int) -> NamedNode:
        for s, e in self.known_sentences:
            if s <= start and end <= e:
                return self.sentence(s, e)
        return self.sentence(*heuristic_sentence(self.text, start, end))

    def map_roles(self) -> None:
        for i, role in enumerate(self.extraction.roles):
            node = NamedNode(f"{self.base}#role-{i}")
            self.add(node, A, ROLE)
            self.add_text(node, ROLE_NAME, role.title)
            self.add(node, HOLDER, self.ref(role.person, "a role"))
            if role.org is not None:
                self.add(node, ORGANIZATION, self.ref(role.org, "a role"))
            self.anchor(node, role.start, role.end)

    def map_claims(self) -> None:
        for i, claim in enumerate(self.extraction.claims):
            node = NamedNode(claim_iri(self.base, i))
            self.add(node, A, CLAIM)
            if claim.direct:
                self.add(node, A, QUOTATION)
            self.anchor(node, claim.start, claim.end, claim.text)
            self.add(node, DIRECT, Literal(claim.direct))
            self.add_text(node, CUE, claim.cue)
            self.add_text(node, STANCE, claim.stance)
            self.add_text(node, SPEAKER_TEXT, claim.speaker_text)
            if claim.speaker is not None:
                self.add(node, ATTRIBUTED_TO, self.ref(claim.speaker, "a claim's speaker"))
            for about in claim.about:
                self.add(node, ABOUT, self.ref(about, "a claim's about"))
            if claim.date:
                self.add(node, DATE_CREATED, date_literal(claim.date))
            self.add(node, IN_SENTENCE, self.sentence(claim.sentence_start, claim.sentence_end))
            self.add(node, DERIVED_FROM, self.graph)

    def map_quantities(self) -> None:
        for i, q in enumerate(self.extraction.quantities):
            node = NamedNode(figure_iri(self.base, i))
            self.add(node, A, QUANTITATIVE_VALUE)
            if q.value is not None:
                self.add(node, VALUE, Literal(q.value))
            self.add_text(node, UNIT_TEXT, q.unit)
            self.add_text(node, QUALIFIER, q.qualifier)
            self.anchor(node, q.start, q.end, q.text)
            for about in q.about:
                self.add(node, ABOUT, self.ref(about, "a figure's about"))
            if q.stated_by is not None:
                self.add(node, ATTRIBUTED_TO, self.ref(q.stated_by, "a figure's stated_by"))
            self.add(node, IN_SENTENCE, self.sentence_around(q.start, q.end))

    def map_events(self) -> None:
        for i, event in enumerate(self.extraction.events):
            node = NamedNode(f"{self.base}#event-{i}")
            self.add(node, A, EVENT)
            self.add_text(node, KIND, event.kind)
            for what, predicate, ref in (
                ("agent", HAS_ACTOR, event.agent),
                ("target", TARGET, event.target),
                ("place", HAS_PLACE, event.place),
            ):
                if ref is not None:
                    self.add(node, predicate, self.ref(ref, f"an event's {what}"))
            if event.date:
                self.add(node, HAS_TIMESTAMP, date_literal(event.date))
            self.add_text(node, WHEN_TEXT, event.when_text)
            self.anchor(node, event.start, event.end, event.text)
            self.add(node, IN_SENTENCE, self.sentence_around(event.start, event.end))
