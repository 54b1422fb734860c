"""The store: identity rules, one transaction per article, persistence, locks, opening.

The identity rules, the transactions and the reads are the store interface's promise,
so those tests run on every backend: the embedded store, and a real Oxigraph server and
a real Virtuoso 7 through `storygraph.remote` (tests/sparql_servers.py starts each once
for this module, on free loopback ports, and every test starts from an empty store).
Persistence, locks and opening a directory are the embedded store's own.
"""

from __future__ import annotations

import contextlib
import gc
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from storygraph import store as store_module
from storygraph.errors import QueryError, StoreError
from storygraph.ingest import ArticleWriter
from storygraph.model import Role
from storygraph.rdf.index import (
    DATE_PUBLISHED,
    DISCREPANCY,
    INVALIDATED_AT,
    INVALIDATED_BY,
    SERIES,
    VALUE,
    figure_changes,
)
from storygraph.rdf.namespace import BASE, article_iri, entity_iri
from storygraph.rdf.update import insert_data
from storygraph.store import GraphStore, LazySelect, OxigraphStore, default_location, open_store
from tests.fixtures_extraction import (
    all_extractions,
    appeal,
    changed,
    hostile,
    sentencing,
    shacl_validate,
    union_graph,
)
from tests.sparql_servers import (
    Endpoint,
    empty,
    needs_virtuoso,
    oxigraph_server,
    virtuoso_server,
)

ENTITIES = "https://storygraph.dev/graph/entities"


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[dict[str, Callable[[], Endpoint]]]:
    """The servers, each started when a test first asks for it and stopped at the end."""
    with contextlib.ExitStack() as running:
        started: dict[str, Endpoint] = {}

        def start(name: str) -> Endpoint:
            if name not in started:
                run = oxigraph_server if name == "oxigraph" else virtuoso_server
                started[name] = running.enter_context(run(tmp_path_factory.mktemp(name)))
            return started[name]

        yield start


@pytest.fixture(params=["embedded", "oxigraph", pytest.param("virtuoso", marks=needs_virtuoso)])
def store(request, servers) -> Iterator[GraphStore]:
    """An empty store of each backend in turn."""
    if request.param == "embedded":
        with open_store(":memory:") as opened:
            yield opened
        return
    with servers(request.param).open() as opened:
        empty(opened)
        yield opened


def by_graph(store: GraphStore) -> dict[str, set[ox.Quad]]:
    graphs: dict[str, set[ox.Quad]] = defaultdict(set)
    for q in store.quads_for_pattern():
        if q.graph_name.value.startswith(BASE):  # not a server's own (Virtuoso's virtrdf#)
            graphs[q.graph_name.value].add(q)
    return graphs


def entity_names(store: GraphStore) -> dict[str, str]:
    rows = store.select(f"SELECT ?e ?n WHERE {{ GRAPH <{ENTITIES}> {{ ?e schema:name ?n }} }}")
    return {r["e"]: r["n"] for r in rows}


def bad_roles(extraction):
    """The extraction with a role pointing at an entity id it does not have."""
    return replace(extraction, roles=(*extraction.roles, Role("ghost", "chief", None, 0, 3)))


# --- identity rules -------------------------------------------------------------------------

def test_put_then_reput_changes_nothing(store: GraphStore) -> None:
    assert store.put_many(all_extractions()) == ["added", "added", "added"]
    count = store.quad_count()
    before = by_graph(store)
    assert store.put_many(all_extractions()) == ["unchanged"] * 3
    assert store.quad_count() == count
    assert by_graph(store) == before


def test_article_state(store: GraphStore) -> None:
    x = sentencing()
    assert store.article_state(x.article.key) is None
    store.put(x)
    article_id, version = store.article_state(x.article.key)
    assert (article_id, version) == (x.article.id, x.extractor_version)


def test_changed_article_replaces_exactly_its_graph(store: GraphStore) -> None:
    store.put_many(all_extractions())
    old = sentencing()
    new = changed(old)
    before = by_graph(store)
    assert store.put(new) == "replaced"
    after = by_graph(store)
    old_graph, new_graph = article_iri(old.article.id), article_iri(new.article.id)
    assert old_graph not in after and new_graph in after
    # every other article graph is untouched, quad for quad
    for graph in set(before) - {old_graph, ENTITIES}:
        assert after[graph] == before[graph]
    assert after[ENTITIES] == before[ENTITIES]  # same entities, same records
    assert store.article_state(old.article.key).article_id == new.article.id
    # the replacement is what a fresh put of the new version gives
    with open_store(":memory:") as fresh:
        fresh.put_many([new, appeal(), hostile()])
        assert fresh.quad_count() == store.quad_count()


def test_replacement_drops_entities_only_the_old_version_mentioned(store: GraphStore) -> None:
    store.put_many([sentencing(), appeal()])
    okafor = entity_iri("person/nadia-okafor")
    hale = entity_iri("person/victor-hale")
    assert okafor in entity_names(store)
    # a new version of the first article that only names Victor Hale
    old = sentencing()
    slim = replace(changed(old), entities=old.entities[:1], roles=(), claims=(),
                   quantities=(), events=())
    assert store.put(slim) == "replaced"
    names = entity_names(store)
    assert okafor not in names  # no article mentions her any more
    assert names[hale] == "Victor Hale"  # still mentioned by both articles
    assert entity_iri("person/tom-reeves") in names  # still mentioned by the appeal
    conforms, report = shacl_validate(union_graph(store.quads_for_pattern()))
    assert conforms, report


def test_replacement_carries_any_text(store: GraphStore) -> None:
    # the replacement travels as SPARQL Update text: escaping must hold for any string
    nasty = "\n\x00\x01\x7f\r\u2028😀 \\u0022 \"\"\" \'\'\' } DROP ALL ;"
    store.put(hostile())
    new = changed(hostile(), nasty)
    assert store.put(new) == "replaced"
    [row] = store.select("SELECT ?t WHERE { ?a nif:isString ?t }")
    assert row["t"] == new.article.text


def test_entity_record_is_the_first_writers(store: GraphStore) -> None:
    store.put(appeal())
    x = sentencing()
    renamed = replace(x, entities=(replace(x.entities[0], name="VICTOR HALE"), *x.entities[1:]))
    store.put(renamed)
    assert entity_names(store)[entity_iri("person/victor-hale")] == "Victor Hale"
    aliases = store.select(
        "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?e schema:alternateName ?a } }",
        {"e": ox.NamedNode(entity_iri("person/victor-hale"))})
    assert {"VICTOR HALE", "Victor Hale", "Hale", "Mr Hale"} <= {r["a"] for r in aliases}


def test_new_extractor_version_replaces(store: GraphStore) -> None:
    x = sentencing()
    store.put(x)
    count = store.quad_count()
    assert store.put(replace(x, extractor_version="test-2")) == "replaced"
    assert store.article_state(x.article.key).extractor_version == "test-2"
    assert store.quad_count() == count


def test_same_text_under_another_key_is_a_duplicate(store: GraphStore) -> None:
    x = sentencing()
    store.put(x)
    count = store.quad_count()
    copy = replace(x, article=replace(x.article, key="https://mirror.example/copy"))
    assert store.put(copy) == "duplicate"
    assert store.quad_count() == count + 1  # the second key, nothing else
    assert store.article_state("https://mirror.example/copy") == store.article_state(
        x.article.key)
    assert store.put(copy) == "unchanged"
    assert store.article_keys() == {x.article.key, "https://mirror.example/copy"}


def test_changed_article_whose_new_text_is_stored_elsewhere(store: GraphStore) -> None:
    store.put_many([sentencing(), appeal()])
    # the appeal's page now carries the sentencing story, word for word
    moved = replace(sentencing(), article=replace(sentencing().article, key=appeal().article.key))
    assert store.put(moved) == "duplicate"
    # The key now holds the sentencing text; the appeal's text, which no key holds any
    # more, is gone with it.
    assert store.article_state(appeal().article.key).article_id == sentencing().article.id
    with open_store(":memory:") as fresh:
        fresh.put(sentencing())
        assert by_graph(fresh).keys() == by_graph(store).keys()


def test_remove(store: GraphStore) -> None:
    store.put_many([sentencing(), appeal()])
    writer = ArticleWriter(store)
    assert writer.remove(sentencing().article.key).outcome == "removed"
    assert writer.remove(sentencing().article.key) is None
    with open_store(":memory:") as fresh:
        fresh.put(appeal())
        assert by_graph(fresh).keys() == by_graph(store).keys()
        assert fresh.quad_count() == store.quad_count()


# --- the figure index, read in a few queries -------------------------------------------------

def test_a_rewritten_graph_is_judged_by_its_new_facts_not_the_ones_it_drops(
        store: GraphStore) -> None:
    """Two figures of a series: the first superseded (by a third article) before the
    second was published, so they never stood together. The second's article is written
    again without a date: an unknown day never ends the overlap, so both are flagged;
    the dropped version's date must not be read in its place."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    series = ox.NamedNode(f"{BASE}series/test/beds")
    early, late, superseder = (ox.NamedNode(f"{BASE}article/test-{n}")
                               for n in ("early", "late", "superseder"))
    first, second = ox.NamedNode(f"{early.value}#q0"), ox.NamedNode(f"{late.value}#q0")

    def figure(node: ox.NamedNode, value: int, graph: ox.NamedNode) -> list[ox.Quad]:
        return [ox.Quad(node, SERIES, series, graph),
                ox.Quad(node, VALUE, ox.Literal(value), graph)]

    def dated(graph: ox.NamedNode, day: str) -> ox.Quad:
        return ox.Quad(graph, DATE_PUBLISHED, ox.Literal(day, datatype=ox.NamedNode(xsd + "date")),
                       graph)

    store.apply([insert_data([
        *figure(first, 40, early), dated(early, "2031-05-01"),
        *figure(second, 55, late), dated(late, "2031-07-01"),
        ox.Quad(first, INVALIDATED_BY, superseder, superseder),
        ox.Quad(first, INVALIDATED_AT,
                ox.Literal("2031-06-01T00:00:00", datatype=ox.NamedNode(xsd + "dateTime")),
                superseder)])], what="figures")

    def flagged(inserted: list[ox.Quad]) -> set[str]:
        _, fresh = figure_changes(store, inserted, [late])
        return {q.subject.value for q in fresh if q.predicate == DISCREPANCY}

    assert flagged([*figure(second, 55, late), dated(late, "2031-07-01")]) == set()
    assert flagged(figure(second, 55, late)) == {first.value, second.value}


# --- nothing partial ------------------------------------------------------------------------

def test_bad_new_article_writes_nothing(store: GraphStore) -> None:
    store.put(appeal())
    before = by_graph(store)
    with pytest.raises(StoreError, match="hale-jailed: a role refers to unknown entity id 'ghost'"):
        store.put(bad_roles(sentencing()))
    assert by_graph(store) == before


def test_bad_replacement_keeps_the_old_version(store: GraphStore) -> None:
    store.put_many([sentencing(), appeal()])
    before = by_graph(store)
    with pytest.raises(StoreError):
        store.put(bad_roles(changed(sentencing())))
    assert by_graph(store) == before


def test_put_many_keeps_what_came_before_an_error(store: GraphStore) -> None:
    with pytest.raises(StoreError):
        store.put_many([appeal(), bad_roles(sentencing()), hostile()])
    assert store.article_state(appeal().article.key) is not None
    assert store.article_state(sentencing().article.key) is None


# --- on disk --------------------------------------------------------------------------------

def test_on_disk_store_persists_across_close_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as first:
        first.put_many(all_extractions())
        count = first.quad_count()
    with open_store(path) as again:
        assert again.quad_count() == count
        assert again.put(sentencing()) == "unchanged"


def test_second_open_of_a_locked_store_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as first:
        first.put(appeal())
        with pytest.raises(StoreError, match="is in use") as error:
            open_store(path)
        assert "\n" not in str(error.value)
    with open_store(path) as reopened:  # closing released the lock
        assert reopened.quad_count() > 0


def test_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as writer:
        writer.put(appeal())
        count = writer.quad_count()
    with open_store(path, read_only=True) as reader:
        assert reader.quad_count() == count
        with pytest.raises(StoreError, match="read-only"):
            reader.put(sentencing())
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing", read_only=True)


def test_closed_store_says_so(tmp_path: Path) -> None:
    opened = open_store(tmp_path / "store")
    opened.close()
    opened.close()  # twice is fine
    with pytest.raises(StoreError, match="is closed"):
        opened.quad_count()


def test_rdflib_dataset_over_the_same_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as opened:
        opened.put(appeal())
        dataset = opened.rdflib_dataset()
        assert len(list(dataset.query("SELECT ?s WHERE { ?s a <https://schema.org/Claim> }"))) == 3
    with open_store(path) as reopened:  # the rdflib view did not keep the lock
        assert reopened.quad_count() > 0


# --- choosing the store ---------------------------------------------------------------------

def test_an_endpoint_nobody_answers_is_one_line() -> None:
    import socket

    with socket.socket() as probe:  # a local port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError, match=f"cannot reach http://127.0.0.1:{port}/query"):
        open_store(f"http://127.0.0.1:{port}/query")


def test_default_location_follows_the_environment(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYGRAPH_STORE", str(tmp_path / "env-store"))
    with open_store(None) as opened:
        assert opened.location == str(tmp_path / "env-store")
        opened.put(appeal())
    assert (tmp_path / "env-store").is_dir()
    monkeypatch.delenv("STORYGRAPH_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Path(default_location()).parts[-2:] == ("storygraph", "store")


# --- reads ----------------------------------------------------------------------------------

def test_select_gives_plain_python_values(store: GraphStore) -> None:
    store.put(sentencing())
    rows = store.select("""
        SELECT ?value ?direct ?unit ?missing WHERE {
          ?q schema:value ?value ; nif:anchorOf "about 300 families" .
          ?c sg:direct ?direct ; nif:anchorOf "his client would appeal" .
          OPTIONAL { ?q schema:unitText ?unit }
          OPTIONAL { ?q sg:nothing ?missing }
        }""")
    assert rows == [{"value": 300, "direct": False, "unit": "families", "missing": None}]


def test_every_kind_of_term_has_its_plain_value_in_every_read() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    terms = {
        "iri": (ox.NamedNode("http://example.org/a"), "http://example.org/a"),
        "blank": (ox.BlankNode("b7"), "_:b7"),
        "text": (ox.Literal("plain"), "plain"),
        "tagged": (ox.Literal("chat", language="fr"), "chat"),
        "integer": (ox.Literal("42", datatype=ox.NamedNode(xsd + "integer")), 42),
        "short": (ox.Literal("-7", datatype=ox.NamedNode(xsd + "short")), -7),
        "unsigned": (ox.Literal("7", datatype=ox.NamedNode(xsd + "unsignedByte")), 7),
        "decimal": (ox.Literal("2.5", datatype=ox.NamedNode(xsd + "decimal")), 2.5),
        "double": (ox.Literal("1e3", datatype=ox.NamedNode(xsd + "double")), 1000.0),
        "true": (ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")), True),
        "one": (ox.Literal("1", datatype=ox.NamedNode(xsd + "boolean")), True),
        "false": (ox.Literal("false", datatype=ox.NamedNode(xsd + "boolean")), False),
        "day": (ox.Literal("2025-03-01", datatype=ox.NamedNode(xsd + "date")), "2025-03-01"),
        "illtyped": (ox.Literal("many", datatype=ox.NamedNode(xsd + "integer")), "many"),
    }
    subject = ox.NamedNode("http://example.org/s")
    names = list(terms)
    query = "SELECT " + " ".join(f"?{name}" for name in names) + " ?unbound ?nothing WHERE { " \
        + " ".join(
        f"<http://example.org/s> <http://example.org/{name}> ?{name} ." for name in names
    ) + " OPTIONAL { ?unbound <http://example.org/none> ?nothing } }"
    with open_store(":memory:") as opened:
        assert isinstance(opened, OxigraphStore)
        opened.inner.extend(ox.Quad(subject, ox.NamedNode(f"http://example.org/{name}"), term)
                            for name, (term, _) in terms.items())
        expected = {name: value for name, (_, value) in terms.items()}
        expected |= {"unbound": None, "nothing": None}
        (row,) = opened.select(query)
        assert row == expected
        # bool is an int, 1000.0 == 1000: the types themselves must be the same
        assert {k: type(v) for k, v in row.items()} == {k: type(v) for k, v in expected.items()}
        assert list(row) == [*names, "unbound", "nothing"]  # projection order
        assert list(opened.select_each(query)) == [row]
        answer = opened.stream(query)
        assert isinstance(answer, LazySelect)
        assert [dict(zip(answer.variables, values, strict=True)) for values in answer.rows] \
            == [row]


def test_bindings_are_values_not_syntax(store: GraphStore) -> None:
    store.put(sentencing())
    query = "SELECT ?x WHERE { ?x sg:key ?key }"
    assert len(store.select(query, {"key": sentencing().article.key})) == 1
    assert store.select(query, {"key": '" } ?x ?p ?o . { "'}) == []


def test_updates_are_refused_and_bad_syntax_is_a_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="not allowed"):
        store.query("DROP ALL")
    # Where: each engine in its own words, at the line of the query as written.
    with pytest.raises(QueryError, match=r"line 1, column|error at 1:|line 1: syntax error"):
        store.query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryError, match="expected a SELECT"):
        store.select("ASK { ?s ?p ?o }")


def test_a_streamed_answer_keeps_none_of_its_terms_once_read() -> None:
    # The query worker streams every answer a server gives through OxigraphStore.stream:
    # what the rows held must go with them, or a long-running server grows with each query.
    weight = ox.NamedNode("http://example.org/weight")
    made = [ox.Quad(ox.NamedNode(f"http://example.org/thing/{i}"), weight, ox.Literal(i))
            for i in range(20_000)]
    with open_store(":memory:") as opened:
        assert isinstance(opened, OxigraphStore)
        opened.inner.extend(made)
        del made
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for terms in (True, False):
                answer = opened.stream("SELECT ?s ?o WHERE { ?s ?p ?o }", terms=terms)
                assert isinstance(answer, LazySelect)
                assert sum(1 for _ in answer.rows) == 20_000
                del answer
            gc.collect()
            kept = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
    assert kept < 200_000, f"{kept} bytes kept after the answers were read"


def _numbered(count: int) -> list[ox.Quad]:
    weight = ox.NamedNode("http://example.org/weight")
    return [ox.Quad(ox.NamedNode(f"http://example.org/thing/{i:05}"), weight, ox.Literal(i),
                    ox.NamedNode("http://example.org/g")) for i in range(count)]


NUMBERED = """SELECT ?thing ?weight ?none WHERE { ?thing <http://example.org/weight> ?weight .
                                              OPTIONAL { ?thing <http://example.org/no> ?none }
                                              FILTER(?weight >= ?least) } ORDER BY ?thing"""


def test_select_each_gives_the_rows_of_select_one_at_a_time(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as opened:
        assert isinstance(opened, OxigraphStore)
        opened.inner.extend(_numbered(300))
        rows = opened.select_each(NUMBERED, {"least": 280})
        assert not isinstance(rows, list)
        assert next(rows) == {"thing": "http://example.org/thing/00280", "weight": 280,
                              "none": None}
        assert [row["weight"] for row in rows] == list(range(281, 300))  # in the query's order
        assert list(opened.select_each(NUMBERED, {"least": 0})) == \
            opened.select(NUMBERED, {"least": 0})
        assert list(opened.select_each(NUMBERED, {"least": 300})) == []


def test_select_each_raises_a_querys_errors_when_called(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as opened:
        with pytest.raises(QueryError, match="not allowed"):
            opened.select_each("DROP ALL")
        with pytest.raises(QueryError, match="line 1, column"):
            opened.select_each("SELECT ?x WHERE { ?x ?y }")
        with pytest.raises(QueryError, match="expected a SELECT"):
            opened.select_each("ASK { ?s ?p ?o }")
        with pytest.raises(QueryError, match="expected a SELECT"):
            opened.select_each("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_select_each_holds_one_row_at_a_time_and_lets_go_of_the_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as opened:
        assert isinstance(opened, OxigraphStore)
        opened.inner.extend(_numbered(20_000))
        query = "SELECT ?thing ?weight WHERE { ?thing <http://example.org/weight> ?weight }"
        peaks = {}
        for read in ("select", "select_each"):
            gc.collect()
            tracemalloc.start()
            try:
                assert sum(1 for _ in getattr(opened, read)(query)) == 20_000
                peaks[read] = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        assert peaks["select_each"] * 20 < peaks["select"], peaks
        # Read to the end, the answer holds the store no more: a flush can reopen it
        # (with rows still to read, RocksDB's lock would refuse that).
        opens = len(list(path.glob("LOG.old.*")))
        opened.flush()
        assert len(list(path.glob("LOG.old.*"))) == opens + 1
        assert opened.quad_count() == 20_000


def test_the_c_library_is_looked_up_once() -> None:
    # Each flush trims the heap through it; finding it runs ldconfig, a process each time.
    assert store_module._glibc() is store_module._glibc()
