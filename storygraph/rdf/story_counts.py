"""Each story's key entities, kept by deltas as its articles come and go.

A story names as its key entities (`schema:about`, with an `sg:keyEntity` record of how
many of its articles name each) the people, organisations and places most of its
articles mention. Counting them from every article of the story at each write made a
write cost what the story holds; instead the index graph keeps each story's tally of
every entity its articles name (`sg:entityTally`: the entity, the articles naming it,
their mentions of it), changed at each write by what the write changes, as the entity
counts of `storygraph.rdf.index` are (`tally_change`): an article that joins a story
adds what its graph names, one that leaves (or is dropped) takes it away, a merge or
split of two entities takes away what the graphs it rewrites gave their stories and
adds what they give after. The key entities are then ranked from the tallies
(`key_entities`): those of an article's graph and the story's key entities before,
when the story only gained articles (no other entity's tally moved), or all the
story's tallies when it lost some. `tally_fixes` gives what a full count says the
tallies and key entity records should be, for `storygraph check`.

A tally's IRI is its story's key entity record's ("STORY/key/MD5(entity)"), so a key
entity record holds the tally's numbers, in the stories graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from storygraph.rdf.index import INDEX, QuadSource, iri_list
from storygraph.rdf.mapping import ABOUT, ENTITIES, IDENT_REF, A
from storygraph.rdf.namespace import (
    SCHEMA,
    SG,
    STORIES_GRAPH,
    STORYLINE,
)
from storygraph.rdf.terms import Literal, NamedNode, Quad

KEY_ENTITIES = 5  # key entities a story names
KEY_CLASSES = tuple(NamedNode(c) for c in (SCHEMA.Person, SCHEMA.Organization,
                                           SCHEMA.Place))
TALLY = NamedNode(SG.entityTally)
ENTITY = NamedNode(SG.entity)
IN_ARTICLES = NamedNode(SG.inArticles)
IN_MENTIONS = NamedNode(SG.inMentions)
KEY_ENTITY = NamedNode(SG.keyEntity)
HAS_SLOT = NamedNode(STORYLINE.hasSlot)
STORIES = NamedNode(STORIES_GRAPH)


def tally_iri(story: str, entity: str) -> str:
    """A story's tally of an entity, and its key entity record when it is one."""
    return f"{story}/key/{hashlib.md5(entity.encode()).hexdigest()}"


def tally_change(graphs: Iterable[NamedNode | str], sign: int, *,
                 story: str | None = None,
                 entities: Iterable[NamedNode | str] | None = None,
                 lateral: bool = False) -> str:
    """The operation that adds (`sign` 1) what the mentions in `graphs` give the tallies
    of `story` (by default each graph's story, by its slot as the operation runs), of
    `entities` only when given, or takes it away (-1). A tally that reaches 0 leaves.
    `lateral`: the engine takes LATERAL (Oxigraph), see `_each`."""
    chosen = iri_list(graphs)
    only = None if entities is None else iri_list(entities)
    if not chosen or only == "":
        return ""
    values = f"VALUES ?e {{ {only} }}" if only else ""
    home = (f"VALUES ?s {{ {NamedNode(story)} }}" if story is not None
            else f"GRAPH {STORIES} {{ ?s {HAS_SLOT} ?g }}")
    op = "+" if sign > 0 else "-"
    counted = (f"OPTIONAL {{ GRAPH {INDEX} {{ ?r {IN_ARTICLES} ?n0 }} }} "
               f"OPTIONAL {{ GRAPH {INDEX} {{ ?r {IN_MENTIONS} ?m0 }} }}")
    # ?none is never bound: a tally that reaches 0 is not written again, and one that
    # lives on keeps its links (only its numbers are deleted and inserted: the links
    # inserted again are already there, which costs a look-up, not a write).
    return f"""DELETE {{ GRAPH {INDEX} {{ ?s {TALLY} ?gone . ?gone {ENTITY} ?e .
                                            ?r {IN_ARTICLES} ?n0 ; {IN_MENTIONS} ?m0 }} }}
        INSERT {{ GRAPH {INDEX} {{ ?s {TALLY} ?live . ?live {ENTITY} ?e ; {IN_ARTICLES} ?n ;
                                            {IN_MENTIONS} ?m }} }}
        WHERE {{ {{ SELECT ?s ?e (COUNT(DISTINCT ?g) AS ?dn) (COUNT(*) AS ?dm)
                    WHERE {{ VALUES ?g {{ {chosen} }} {values} {home}
                             GRAPH ?g {{ ?mention {IDENT_REF} ?e }} }}
                    GROUP BY ?s ?e }}
                 BIND(IRI(CONCAT(STR(?s), "/key/", MD5(STR(?e)))) AS ?r)
                 {_each(counted, lateral)}
                 BIND(COALESCE(?n0, 0) {op} ?dn AS ?n1)
                 BIND(COALESCE(?m0, 0) {op} ?dm AS ?m1)
                 BIND(IF(?n1 > 0, ?none, ?r) AS ?gone)
                 BIND(IF(?n1 > 0, ?r, ?none) AS ?live)
                 BIND(IF(?n1 > 0, ?n1, ?none) AS ?n)
                 BIND(IF(?n1 > 0, ?m1, ?none) AS ?m) }}"""


def tally_drop(story: str) -> str:
    """The operation that drops all of a story's tallies."""
    return (f"DELETE WHERE {{ GRAPH {INDEX} {{ {NamedNode(story)} {TALLY} ?r . "
            f"?r ?p ?o }} }}")


def _each(pattern: str, lateral: bool) -> str:
    """`pattern`, matched for each row so far when the engine takes LATERAL: Oxigraph
    joins a computed IRI (a tally's) by reading every tally of the store otherwise (100+
    ms at 10,000 articles, against 1 ms). Other engines get standard SPARQL 1.1."""
    return f"LATERAL {{ {pattern} }}" if lateral else pattern


def key_entities(story: str, added: Iterable[str] | None = None, *,
                 lateral: bool = False) -> str:
    """The operation that writes a story's key entity records again from its tallies,
    ranked among its key entities as the operation finds them and those the `added`
    graphs name (enough when the story only gained articles since they were ranked: no
    other tally moved), or among all its tallies (`added` None)."""
    node = NamedNode(story)
    if added is None:
        tallies = f"GRAPH {INDEX} {{ {node} {TALLY} ?r . ?r {ENTITY} ?e ; {IN_ARTICLES} ?n ; " \
                  f"{IN_MENTIONS} ?m }}"
    else:
        candidates = f"GRAPH {STORIES} {{ {node} {ABOUT} ?e }}"
        if chosen := iri_list(added):
            candidates = (f"{{ {candidates} }} UNION "
                          f"{{ VALUES ?g {{ {chosen} }} GRAPH ?g {{ ?x {IDENT_REF} ?e }} }}")
        tallies = (f"{{ SELECT DISTINCT ?e WHERE {{ {candidates} }} }}\n"
                   f"            BIND(IRI(CONCAT(\"{story}/key/\", MD5(STR(?e)))) AS ?r)\n"
                   f"            " + _each(f"GRAPH {INDEX} {{ ?r {IN_ARTICLES} ?n ; "
                                          f"{IN_MENTIONS} ?m }}", lateral))
    classes = ", ".join(str(c) for c in KEY_CLASSES)
    # The records before are matched in the same WHERE: an update deletes what it found
    # before it inserts, so the ranking reads them as they were.
    return f"""DELETE {{ GRAPH {STORIES} {{ {node} {ABOUT} ?old ; {KEY_ENTITY} ?key .
                                           ?key ?p ?o }} }}
        INSERT {{ GRAPH {STORIES} {{ {node} {ABOUT} ?e ; {KEY_ENTITY} ?r .
                                    ?r {ENTITY} ?e ; {IN_ARTICLES} ?n }} }}
        WHERE {{ {{ GRAPH {STORIES} {{ {node} {KEY_ENTITY} ?key . ?key ?p ?o }} }}
          UNION {{ GRAPH {STORIES} {{ {node} {ABOUT} ?old }} }}
          UNION {{ SELECT ?e ?r ?n WHERE {{
            {tallies}
            FILTER EXISTS {{ GRAPH {ENTITIES} {{ ?e a ?class }}
                             FILTER(?class IN ({classes})) }}
          }} ORDER BY DESC(?n) DESC(?m) ?e LIMIT {KEY_ENTITIES} }} }}"""


def rank_again(stories: Iterable[str]) -> list[str]:
    """Operations that rank the key entities of `stories` again from all their tallies
    (after an edit rewrote some of their articles)."""
    return [key_entities(story) for story in sorted(set(stories))]


def stories_of(store: QuadSource, quads: Iterable[Quad]) -> list[str]:
    """The stories an edit rewriting `quads` changes: those whose slots hold the graphs
    of its mentions, and those whose key entity records it rewrites itself (an undone
    merge puts back what it rewrote, in stories its graphs may have left since)."""
    graphs, stories = set(), set()
    for q in quads:
        if q.predicate == IDENT_REF:
            graphs.add(q.graph_name)
        elif q.graph_name == STORIES and q.predicate in (ABOUT, KEY_ENTITY):
            stories.add(q.subject.value)
        elif q.graph_name == STORIES and q.predicate in (ENTITY, IN_ARTICLES):
            stories.add(q.subject.value.rsplit("/key/", 1)[0])
    stories |= {q.subject.value for g in graphs
                for q in store.quads_for_pattern(None, HAS_SLOT, g, STORIES)}
    return sorted(stories)


def tally_fixes(store: QuadSource) -> tuple[list[Quad], list[Quad]]:
    """The tally and key entity record quads to delete and to insert for the stories to
    hold what a full count of their articles gives: empty lists when the deltas kept
    them right. Reads every slot and every mention."""
    homes: dict[Any, list[Any]] = {}
    for q in store.quads_for_pattern(None, HAS_SLOT, None, STORIES):
        homes.setdefault(q.object, []).append(q.subject)
    counts: dict[tuple[Any, Any], list[Any]] = {}
    for q in store.quads_for_pattern(None, IDENT_REF, None, None):
        for story in homes.get(q.graph_name, ()):
            count = counts.setdefault((story, q.object), [set(), 0])
            count[0].add(q.graph_name)
            count[1] += 1
    right: set[Quad] = set()
    ranked: dict[Any, list[tuple[int, int, str, NamedNode, NamedNode]]] = {}
    keyed: dict[Any, bool] = {}
    for (story, entity), (graphs, mentions) in counts.items():
        tally = NamedNode(tally_iri(story.value, entity.value))
        right |= {Quad(story, TALLY, tally, INDEX), Quad(tally, ENTITY, entity, INDEX),
                  Quad(tally, IN_ARTICLES, Literal(len(graphs)), INDEX),
                  Quad(tally, IN_MENTIONS, Literal(mentions), INDEX)}
        if entity not in keyed:
            keyed[entity] = any(next(iter(store.quads_for_pattern(entity, A, c, ENTITIES)),
                                     None) is not None for c in KEY_CLASSES)
        if keyed[entity]:
            ranked.setdefault(story, []).append(
                (-len(graphs), -mentions, entity.value, entity, tally))
    for story, items in ranked.items():
        for articles, _, _, entity, tally in sorted(items)[:KEY_ENTITIES]:
            right |= {Quad(story, ABOUT, entity, STORIES),
                      Quad(story, KEY_ENTITY, tally, STORIES),
                      Quad(tally, ENTITY, entity, STORIES),
                      Quad(tally, IN_ARTICLES, Literal(-articles), STORIES)}
    kept = {q for graph, predicates in ((INDEX, (TALLY, ENTITY, IN_ARTICLES, IN_MENTIONS)),
                                        (STORIES, (ABOUT, KEY_ENTITY, ENTITY, IN_ARTICLES)))
            for p in predicates for q in store.quads_for_pattern(None, p, None, graph)}
    return sorted(kept - right, key=str), sorted(right - kept, key=str)
