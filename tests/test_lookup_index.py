"""The lookup indexes kept at put (storygraph.rdf.index): the same answers as reading the store,
through puts, replacements and removals, and built alike by `check --repair` for an older store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox

from storygraph.check import find_problems, repair
from storygraph.ingest import ArticleWriter
from storygraph.model import Article, Entity, Extraction, Mention, Quantity
from storygraph.query import entity_profile, list_claims
from storygraph.query.lookups import indexed
from storygraph.query.resolution import list_figures
from storygraph.rdf.index import NAME_WORD, name_words
from storygraph.rdf.namespace import INDEX_GRAPH, RESOLUTION_GRAPH
from storygraph.store import GraphStore, open_store
from tests.fixtures_extraction import all_extractions

INDEX = ox.NamedNode(INDEX_GRAPH)


def _figure(key: str, value: int, published: str, site: str = "Ardley Quarry") -> Extraction:
    """"<value> staff were laid off at <site>": one organisation, one figure about it."""
    text = f"{value} staff were laid off at {site}."
    start = text.index(site)
    entity = Entity("e0", site, "ORG", (), (Mention(start, start + len(site), site),))
    words = f"{value} staff"
    figure = Quantity(value, "staff", "laid off", words, 0, len(words), ("e0",))
    return Extraction(Article(f"{key}-{value}", key, text, published=published), (entity,),
                      quantities=(figure,), extractor_version="test")


@contextmanager
def _older(store: GraphStore) -> Iterator[GraphStore]:
    """The same store as one written before the indexes: without them."""
    with open_store(":memory:") as copy:
        copy.inner.extend([q for q in store.quads()  # type: ignore[attr-defined]
                           if q.graph_name != INDEX and q.predicate != NAME_WORD])
        yield copy


def _flags(store: GraphStore) -> dict[tuple[str, float], bool]:
    return {(r["article_id"], r["value"]): r["discrepancy"] for r in list_figures(store)}


def test_discrepancies_kept_at_put_are_those_read_from_the_series() -> None:
    steps: list[Extraction | str] = [
        _figure("k1", 100, "2025-01-01"),
        _figure("k2", 150, "2025-01-03"),  # contradicts 100
        _figure("k3", 90, "2025-03-01"),  # supersedes both
        "k3",  # removed: they stand, and disagree, again
        _figure("k2", 100, "2025-01-03"),  # replaced by a text that agrees with k1
        _figure("k4", 120, "2025-01-02"),
        _figure("k5", 7, "2025-01-02", site="Bexley Depot"),  # another series
        "k1",
    ]
    seen = []
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for step in steps:
            if isinstance(step, str):
                writer.remove(step)
            else:
                writer.write(step)
            with _older(store) as older:
                assert not indexed(older)
                assert _flags(store) == _flags(older)
            seen.append(_flags(store))
    assert seen[1] == {("k1-100", 100): True, ("k2-150", 150): True}
    assert not any(seen[4].values()) and all(seen[5].values())  # agreeing, then not


def test_repair_builds_the_indexes_put_keeps() -> None:
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for x in (*all_extractions(), _figure("k1", 100, "2025-01-01"),
                  _figure("k2", 150, "2025-01-03")):
            writer.write(x)
        assert indexed(store)
        with _older(store) as older:
            problems = find_problems(older)
            assert [p.kind for p in problems] == ["unindexed"]
            # An older store answers all the same, by reading every name.
            for name in ("hale", "Tom Reeves", "ale", "spokesperson"):
                assert entity_profile(older, name) == entity_profile(store, name)
                assert list_claims(older, speaker=name) == list_claims(store, speaker=name)
            assert repair(older, problems).fixed == {"unindexed": 1}
            assert find_problems(older) == []
            resolution = ox.NamedNode(RESOLUTION_GRAPH)
            assert {q for q in older.quads() if q.graph_name != resolution} == \
                {q for q in store.quads() if q.graph_name != resolution}  # type: ignore[attr-defined]


def test_name_words() -> None:
    assert name_words("Siobhán O’Brien-Kerr (3)") == ["siobhán", "o", "brien", "kerr", "3"]
    assert name_words("Siobha\u0301n") == ["siobhán"]  # typed decomposed
    assert name_words("  ") == []
