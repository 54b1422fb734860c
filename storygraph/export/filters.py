"""What an export covers: every filter of `storygraph export` resolves to one `Selection`.

The filters, in the order they apply:

* ``since`` / ``until`` keep the articles published on or between those days
  (inclusive, YYYY-MM-DD); an undated article is left out as soon as either is given,
  since nothing says it falls in the range.
* ``story`` keeps the articles of one story (its id, or words of its label, as
  `storygraph stories` lists them; see `storygraph.query.stories.find_story`).
* ``entity`` + ``hops`` keep the ego network: the entity that best matches the name
  (as `storygraph entity` finds it) and every entity within ``hops`` relations of it,
  in either direction, in the graph of the articles kept so far. The articles kept are
  then those that mention at least one entity of that network.

A `Selection` holds the article IRIs kept (None: every article) and the entity IRIs
kept (None: every entity those articles mention). Graph exports project the kept
articles and cut the ego network; RDF exports write the kept articles' graphs and the
entity records of every entity they mention (and, for a story, the story's own
record), so a filtered dump stays self-contained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from storygraph.errors import QueryError, StorygraphError
from storygraph.graph import Projection, article_dates
from storygraph.rdf.namespace import STORIES_GRAPH
from storygraph.rdf.terms import NamedNode
from storygraph.store import GraphStore

if TYPE_CHECKING:
    import networkx as nx


class FilterError(StorygraphError):
    """A filter names no entity or story, or a date that is not YYYY-MM-DD."""


@dataclass(frozen=True)
class ExportFilter:
    """The export filters as the user gave them (all optional)."""

    entity: str | None = None
    hops: int = 1
    since: str | None = None
    until: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise FilterError(f"--{name} {value!r} is not a date (YYYY-MM-DD)") from None
        if self.hops < 0:
            raise FilterError(f"--hops must be 0 or more, not {self.hops}")
        if self.entity is not None and not self.entity.strip():  # would match some entity
            raise FilterError("--entity is empty: give an entity's name or alias")

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.entity, self.since, self.until, self.story))


@dataclass(frozen=True)
class Selection:
    """The articles and entities an export covers (None: all of them).

    `projection` is their graph as the streaming writers take it, and `graph` the
    same as a networkx graph; each is built on first use (the networkx graph of a
    large store costs gigabytes, and the RDF dumps and the chart need neither).
    """

    articles: frozenset[str] | None
    entities: frozenset[str] | None
    store: GraphStore = field(repr=False, compare=False)
    story: str | None = None  # the story's IRI and label when the story filter is on
    story_label: str | None = None
    ego: Projection | None = field(default=None, repr=False, compare=False)  # entity filter's

    @cached_property
    def projection(self) -> Projection:
        return self.ego or Projection(self.store, articles=self.articles,
                                      entities=self.entities)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return self.projection.to_networkx()


def select(store: GraphStore, spec: ExportFilter | None = None) -> Selection:
    """Resolve `spec` against the store (see the module docstring)."""
    spec = spec or ExportFilter()
    articles: set[str] | None = None
    if spec.since is not None or spec.until is not None:
        low, high = spec.since or "0000-01-01", spec.until or "9999-12-31"
        articles = {a for a, day in article_dates(store).items()
                    if day is not None and low <= day <= high}
    story = label = None
    if spec.story is not None:
        story, label, story_articles = _story(store, spec.story)
        articles = story_articles if articles is None else articles & story_articles
    if spec.entity is None:
        return Selection(None if articles is None else frozenset(articles), None, store,
                         story, label)
    import networkx as nx

    projection = Projection(store, articles=articles)
    graph = projection.to_networkx()
    centre = _entity(store, spec.entity, graph)
    ego = nx.ego_graph(graph, centre, radius=spec.hops, undirected=True)
    entities = frozenset(ego.nodes)
    mentioning = _articles_mentioning(store, entities)
    kept = mentioning if articles is None else mentioning & articles
    return Selection(frozenset(kept), entities, store, story, label, projection.subset(entities))


def _entity(store: GraphStore, name: str, graph: nx.MultiDiGraph) -> str:
    from storygraph.query.lookups import find_entities

    for match in find_entities(store, name):
        if match["entity"] in graph:
            return str(match["entity"])
    raise FilterError(f"no entity matching {name!r} in the articles selected")


def _articles_mentioning(store: GraphStore, entities: frozenset[str]) -> set[str]:
    rows = store.select("SELECT DISTINCT ?article ?entity "
                        "WHERE { GRAPH ?article { ?article schema:mentions ?entity } }")
    return {str(r["article"]) for r in rows if r["entity"] in entities}


def _story(store: GraphStore, ref: str) -> tuple[str, str, set[str]]:
    """The story `ref` names: its IRI, label and article IRIs."""
    from storygraph.query.stories import find_story

    try:
        story = find_story(store, ref)
    except QueryError as error:
        raise FilterError(str(error)) from None
    rows = store.select(f"""
        SELECT ?article ?label WHERE {{
          GRAPH <{STORIES_GRAPH}> {{ ?story rdfs:label ?label ; storyline:hasSlot ?article }}
        }}""", {"story": NamedNode(story)})
    return story, str(rows[0]["label"]) if rows else story, {str(r["article"]) for r in rows}
