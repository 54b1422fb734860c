"""The story graph in a SPARQL 1.1 server (storygraph.remote.SparqlStore), tested against two
real engines started here (tests/sparql_servers.py): Oxigraph server and Virtuoso 7.

The same extractions are written through ArticleWriter into the embedded store and into
the server, one SPARQL Update request an article; then every canned query must give the
same rows, and the quads must be the same. Oxigraph server gets the seed, our corpus and
ECB+ topics 1-20; Virtuoso, which answers each of the ~10 small reads an article's write
makes in 6-15 ms here, gets the seed, our corpus and ECB+ topics 1-3 (102 articles,
24-41 s; all 435 took 632 s at load 11, too long for the suite: docs/scaling.md).

Virtuoso is reached the way it is deployed: through `/sparql-auth`, with HTTP digest
credentials from the environment.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import Result
from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.errors import QueryError, StoreError, StoreWriteError
from storygraph.graph import Projection
from storygraph.ingest import ArticleWriter, ingest
from storygraph.model import Article
from storygraph.query import canned_queries, open_query, run_canned
from storygraph.query.lookups import entity_profile
from storygraph.rdf.namespace import BASE
from storygraph.rdf.terms import Literal
from storygraph.remote import SparqlStore
from storygraph.store import GraphStore, open_store
from tests.sparql_servers import (
    Endpoint,
    empty,
    needs_virtuoso,
    oxigraph_server,
    virtuoso_server,
)
from tests.test_cluster import ACTIVITY_ID, WALL_CLOCK

ROOT = Path(__file__).resolve().parent.parent
VIRTUOSO_TOPICS = {1, 2, 3}  # the ECB+ topics written to Virtuoso (see the docstring)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory) -> Iterator[Endpoint]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[Endpoint]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


@pytest.fixture(scope="module", params=["oxigraph", pytest.param("virtuoso",
                                                                  marks=needs_virtuoso)])
def server(request) -> Endpoint:
    """Each engine in turn, for the tests both must pass; each started once a module."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def extractions(nlp, ecb_dev) -> dict[str, list]:
    """What each engine gets: ours (the seed and our corpus), then ECB+."""
    from storygraph.pipeline import extract_articles
    from storygraph.sources import read_paths

    articles = [a for a in read_paths([ROOT / "seeds", ROOT / "tests" / "data" / "corpus"])
                if isinstance(a, Article)]
    own = list(extract_articles(articles, nlp))
    return {"oxigraph": own + [a.extraction for a in ecb_dev],
            "virtuoso": own + [a.extraction for a in ecb_dev
                               if a.row["topic"] in VIRTUOSO_TOPICS]}


def write_all(store: GraphStore, extractions: list) -> None:
    writer = ArticleWriter(store)
    for extraction in extractions:
        writer.write(extraction)


@pytest.fixture(scope="module")
def both(server, extractions) -> tuple[GraphStore, GraphStore]:
    written = extractions[server.name]
    embedded, remote = open_store(":memory:"), server.open()
    assert isinstance(remote, SparqlStore)
    started = time.perf_counter()
    write_all(embedded, written)
    middle = time.perf_counter()
    write_all(remote, written)
    print(f"\n{len(written)} articles: embedded {middle - started:.1f} s, "
          f"{server.name} {time.perf_counter() - middle:.1f} s")
    return embedded, remote


def canonical(rows: list[dict]) -> list[tuple]:
    """Rows in one order; a GROUP_CONCAT's parts too, since SPARQL leaves their order open."""
    def value(v: object) -> str:
        return repr("; ".join(sorted(v.split("; "))) if isinstance(v, str) else v)

    return sorted(tuple(sorted((k, value(v)) for k, v in row.items())) for row in rows)


def test_the_same_quads_in_both(both) -> None:
    embedded, remote = both
    # Times are when each write ran; a story activity done again (a split undone and made
    # anew) keeps one IRI and gets another end time, one more quad when a second went by.
    # A server's own graphs (Virtuoso's virtrdf#) are not ours to compare.
    graphs = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
              "FILTER(!isLiteral(?o) || datatype(?o) != xsd:dateTime) "
              f'FILTER(STRSTARTS(STR(?g), "{BASE}")) }} GROUP BY ?g')
    ours, theirs = canonical(embedded.select(graphs)), canonical(remote.select(graphs))
    assert theirs == ours
    assert sum(int(row[1][1]) for row in ours) > 5_000


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_gives_the_same_rows(both, name: str) -> None:
    embedded, remote = both
    ours, theirs = run_canned(embedded, name), run_canned(remote, name)
    assert theirs.kind == ours.kind
    assert theirs.variables == ours.variables
    assert canonical(theirs.rows) == canonical(ours.rows)
    assert ours.rows or name in {"entity-candidates", "disputes"}, f"{name}: no rows at all"


def test_lookups_read_the_server(both) -> None:
    embedded, remote = both
    name = embedded.select("SELECT ?n WHERE { ?e a schema:Person ; schema:name ?n } "
                           "ORDER BY ?n LIMIT 1")[0]["n"]
    assert entity_profile(remote, name) == entity_profile(embedded, name)


def test_a_second_ingest_changes_nothing(both, nlp) -> None:
    _, remote = both
    before = remote.quad_count()
    outcomes = [r.outcome for r in ingest([ROOT / "seeds"], remote, nlp)]
    assert outcomes == ["unchanged"] and remote.quad_count() == before


def test_a_write_the_server_refuses_is_one_error_and_nothing_half_written(server) -> None:
    remote = server.open()
    before = remote.quad_count()
    graph = f"<{BASE}test/refused>"
    with pytest.raises(StoreWriteError, match="write article x"):
        remote.apply([f"INSERT DATA {{ GRAPH {graph} {{ <urn:a> <urn:b> <urn:c> }} }}",
                      "this is not SPARQL"], what="article x")
    assert remote.quad_count() == before


def test_a_request_that_fails_half_way(server) -> None:
    """The second operation fails when it runs (CREATE GRAPH of a graph that has triples),
    after the first has inserted. Oxigraph server runs the request as one transaction:
    nothing of it stays, its journal included. Virtuoso commits each operation as it runs
    (its endpoint commits after the request whatever the outcome): the first stays, and so
    does the journal, which says how far it got; the store refuses other writes until
    the rest has run. docs/scaling.md says so."""
    remote = server.open()
    graph, blocker = f"<{BASE}test/half-way>", f"<{BASE}test/blocker>"
    remote.apply([f"INSERT DATA {{ GRAPH {graph} {{ <urn:a> <urn:b> 'kept' }} "
                  f"GRAPH {blocker} {{ <urn:a> <urn:b> <urn:c> }} }}"], what="setup")
    with pytest.raises(StoreWriteError, match="write article y"):
        remote.apply([f"INSERT DATA {{ GRAPH {graph} {{ <urn:a> <urn:b> 'second' }} }}",
                      f"CREATE GRAPH {blocker}",
                      f"INSERT DATA {{ GRAPH {graph} {{ <urn:a> <urn:b> 'third' }} }}"],
                     what="article y")

    def stayed() -> set[str]:
        rows = remote.select(f"SELECT ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        return {r["o"] for r in rows}

    if server.name != "virtuoso":
        assert stayed() == {"kept"} and remote.unfinished_writes() == []
    else:
        assert stayed() == {"kept", "second"}
        [unfinished] = remote.unfinished_writes()
        assert (unfinished.what, unfinished.done, len(unfinished.operations)) == ("article y", 0, 3)
        with pytest.raises(StoreWriteError, match=r"failed half way \(article y\).*check --repair"):
            server.open().apply([f"DROP SILENT GRAPH {graph}"], what="another")
        # What made it fail is gone (a full disk given room): the rest runs as written.
        remote._post(remote.update_url, {"update": f"DROP SILENT GRAPH {blocker}"}, "*/*",
                     "unblock")
        remote.finish_write(unfinished)
        assert stayed() == {"kept", "second", "third"} and remote.unfinished_writes() == []
    remote.apply([f"DROP SILENT GRAPH {graph}", f"DROP SILENT GRAPH {blocker}"], what="cleanup")


@needs_virtuoso
def _journal(remote: SparqlStore, began: float, graph: str, *, failed: bool) -> str:
    """A write's journal as a request leaves it, made by hand: began at `began` (seconds
    since the epoch), one operation inserting into `graph`, none of it run."""
    from storygraph.remote import _FAILED, _JOURNAL, _OPERATIONS, _WHAT

    journal = f"<{_JOURNAL}{int(began * 1e9):020d}-0123456789ab>"
    operation = f"INSERT DATA {{ GRAPH {graph} {{ <urn:a> <urn:b> 'finished' }} }}"
    marks = f"{journal} {_WHAT} 'article z' ; {_OPERATIONS} {Literal(json.dumps([operation]))}"
    marks += f" ; {_FAILED} true" if failed else ""
    remote._post(remote.update_url, {"update": f"INSERT DATA {{ GRAPH {journal} {{ {marks} }} }}"},
                 "*/*", "make a journal")
    return journal


def test_a_write_that_may_still_be_running_is_not_finished_by_repair(server) -> None:
    """A journal nobody saw fail, begun within a request's time limit, may be another
    writer's request under way: `check --repair` leaves it, in one line. Once older than
    that limit, or marked failed by the client that saw it fail, it is finished."""
    remote = server.open()
    assert isinstance(remote, SparqlStore)
    graph = f"<{BASE}test/live>"

    def finished() -> bool:
        return remote.query(f"ASK {{ GRAPH {graph} {{ ?s ?p 'finished' }} }}") is True

    def drop(*graphs: str) -> None:  # only what this test made: the server is shared
        remote._post(remote.update_url, {"update": " ;\n".join(
            f"DROP SILENT GRAPH {g}" for g in graphs)}, "*/*", "clean up")

    journal = _journal(remote, time.time(), graph, failed=False)
    [live] = remote.unfinished_writes()
    assert live.may_be_running
    with pytest.raises(StoreWriteError, match=r"article z began less than \d+ s ago and may "
                       r"still be running.*check --repair again"):
        remote.finish_write(live)
    result = cli("check", "--repair", "--store", server.url, env=server.env)
    assert result.exit_code != 0 and "may still be running" in result.output
    assert "Traceback" not in result.output and not finished()
    drop(journal)
    for began, failed in ((time.time() - 2 * remote.timeout, False), (time.time(), True)):
        journal = _journal(remote, began, graph, failed=failed)
        [over] = remote.unfinished_writes()
        assert not over.may_be_running
        remote.finish_write(over)
        assert finished() and remote.unfinished_writes() == []
        drop(journal, graph)


def test_a_write_given_up_without_an_answer_is_not_marked_failed(oxigraph, monkeypatch) -> None:
    """Only a server's error answer marks a write's journal failed: a request the client gave
    up on (its time limit, a lost connection) may still be running on the server."""
    remote = oxigraph.open()
    assert isinstance(remote, SparqlStore)
    marked: list[str] = []
    monkeypatch.setattr(remote, "_mark_failed", marked.append)
    with pytest.raises(StoreWriteError, match="write article q"):
        remote.apply(["this is not SPARQL"], what="article q")
    assert len(marked) == 1  # the server answered 400: that request is over
    graph = f"<{BASE}test/given-up>"
    remote.apply([f"DROP SILENT GRAPH {graph}"], what="a write that works")  # looks for journals

    def no_answer(*args: object, **kwargs: object) -> requests.Response:
        raise requests.ReadTimeout("read timed out")

    monkeypatch.setattr(remote._session, "post", no_answer)
    with pytest.raises(StoreWriteError, match=r"write article r.*cannot reach"):
        remote.apply([f"INSERT DATA {{ GRAPH {graph} {{ <urn:a> <urn:b> <urn:c> }} }}"],
                     what="article r")
    assert len(marked) == 1


def test_an_answer_the_server_cut_short_is_an_error(virtuoso) -> None:
    """Virtuoso cuts an answer at its row limit and says so in a header; lowered here for
    this store's requests (its endpoint takes `maxrows` as a parameter)."""
    remote = virtuoso.open()
    remote._session.params = {"maxrows": "3"}
    assert len(remote.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 2")) == 2
    with pytest.raises(StoreError, match="cut its answer at 3 rows"):
        remote.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 10")


def test_a_server_answers_plain_queries_only(server) -> None:
    """Terms, engine pools and dataset clauses are the embedded engine's (serve's) business."""
    with pytest.raises(QueryError, match="answers plain queries only"), \
            open_query(server.open(), "ASK { ?s ?p ?o }", terms=True):
        pass


# --- credentials -------------------------------------------------------------------------

SECRET = "s3cret-words"
runner = CliRunner()


def cli(*args: object, env: dict[str, str | None]) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=env)


def test_credentials_never_reach_a_message(server) -> None:
    """Oxigraph server asks for none: they are set all the same, and must not show."""
    env = server.env or {"STORYGRAPH_STORE_USER": "reporter", "STORYGRAPH_STORE_PASSWORD": SECRET}
    password = env["STORYGRAPH_STORE_PASSWORD"]
    remote = server.open(**env)
    with pytest.raises(QueryError) as raised:
        remote.select("SELECT ?x WHERE { ?x ?y }")
    assert password not in str(raised.value) and password not in repr(remote)


def test_credentials_in_the_url_are_refused_without_showing_them(server) -> None:
    url = server.url.replace("http://", f"http://reporter:{SECRET}@")
    with pytest.raises(StoreError, match="holds credentials") as raised:
        open_store(url)
    assert SECRET not in str(raised.value)


@pytest.mark.parametrize("url", ["http://[x", "http://reporter:s3cret@[x/q", "http://host:x/",
                                 "http://host:99999/"])
def test_a_url_that_is_no_url_is_one_line(url: str) -> None:
    """Refused before any request, without showing the URL (it may hold credentials)."""
    with pytest.raises(StoreError, match="the store URL is not valid"):
        open_store(url)
    result = cli("stats", "--store", url, env={})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the store URL is not valid (")
    assert result.stderr.count("\n") == 1 and "s3cret" not in result.stderr


@needs_virtuoso
def test_a_wrong_password_is_one_line_and_a_failure(virtuoso) -> None:
    """Against Virtuoso's /sparql-auth, which wants HTTP digest."""
    env = {**virtuoso.env, "STORYGRAPH_STORE_PASSWORD": SECRET}
    result = cli("query", "ASK { ?s ?p ?o }", "--store", virtuoso.url, env=env)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "401" in lines[0] and "STORYGRAPH_STORE_PASSWORD" in lines[0]
    assert SECRET not in result.output + result.stderr
    # No credentials at all: the same, saying which variables to set.
    result = cli("query", "ASK { ?s ?p ?o }", "--store", virtuoso.url, env={
        "STORYGRAPH_STORE_USER": None, "STORYGRAPH_STORE_PASSWORD": None})
    assert result.exit_code == 1 and "set $STORYGRAPH_STORE_USER" in result.stderr


# --- HTTP basic, against a small proxy of our own in front of Oxigraph server -------------

@contextlib.contextmanager
def basic_auth_proxy(target: str, user: str, password: str) -> Iterator[str]:
    """A local server that wants HTTP basic credentials and passes what it is sent to
    `target` (Oxigraph server has no authentication of its own)."""
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="storygraph test"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = self.path.rsplit("/", 1)[-1]
            answer = requests.post(target.rsplit("/", 1)[0] + "/" + path, data=body, headers={
                "Content-Type": self.headers["Content-Type"],
                "Accept": self.headers.get("Accept", "*/*")}, timeout=60)
            self.send_response(answer.status_code)
            self.send_header("Content-Type", answer.headers.get("Content-Type", "text/plain"))
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, *args: object) -> None:
            """Quiet."""

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{proxy.server_port}/query"
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_basic_credentials_reach_a_server_that_asks_for_them(oxigraph) -> None:
    with basic_auth_proxy(oxigraph.url, "reporter", "right-one") as url:
        remote = Endpoint(url, name="proxy").open(STORYGRAPH_STORE_USER="reporter",
                                                 STORYGRAPH_STORE_PASSWORD="right-one")
        remote.apply([f"INSERT DATA {{ GRAPH <{BASE}test/basic> {{ <urn:a> <urn:b> 'c' }} }}"],
                     what="article basic")
        assert remote.ask(f"ASK {{ GRAPH <{BASE}test/basic> {{ <urn:a> <urn:b> 'c' }} }}")
        remote.apply([f"DROP GRAPH <{BASE}test/basic>"], what="cleanup")
        with pytest.raises(StoreError, match="401") as raised:
            Endpoint(url, name="proxy").open(STORYGRAPH_STORE_USER="reporter",
                                             STORYGRAPH_STORE_PASSWORD=SECRET)
        assert SECRET not in str(raised.value)
        with pytest.raises(StoreError, match="STORYGRAPH_STORE_USER"):
            Endpoint(url, name="proxy").open()


# --- parsing on Dask workers, writing to a server ------------------------------------------

def blanked(store: GraphStore) -> list[str]:
    """The store's quads as sorted N-Quads lines, with what ingest time writes blanked."""
    return sorted(ACTIVITY_ID.sub(r"\1x>", WALL_CLOCK.sub(r'\1"T"', str(q)))
                  for q in store.quads_for_pattern())


def test_a_cluster_ingest_into_a_server_stores_what_a_local_one_does(nlp, tmp_path) -> None:
    """`ingest --scheduler local:2 --store http://...`: two Dask workers parse, the client
    resolves and writes each article to the server; the graph is the one a sequential
    ingest into the embedded store makes."""
    paths = [str(ROOT / "seeds"), str(ROOT / "tests" / "data" / "stories")]
    with open_store(":memory:") as embedded:
        outcomes = [r.outcome for r in ingest(paths, embedded, nlp)]
        ours = blanked(embedded)
    added = outcomes.count("added")
    assert added == 8
    (tmp_path / "server").mkdir()
    with oxigraph_server(tmp_path / "server") as endpoint:
        done = subprocess.run(
            [sys.executable, "-m", "storygraph", "ingest", *paths, "--store", endpoint.url,
             "--scheduler", "local:2"], env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr
        summary = done.stderr.splitlines()[-1]
        assert summary.startswith(f"{added} added · ") and summary.endswith(endpoint.url)
        with endpoint.open() as remote:
            theirs = blanked(remote)
    assert len(ours) > 2_000 and theirs == ours


@pytest.mark.parametrize("name", ["entities-by-articles", "figures", "figures-tracker",
                                  "people-roles", "stories", "story-articles", "timeline",
                                  "who-said-what"])
def test_a_canned_querys_first_rows_page_on_the_server(both, name: str) -> None:
    """Paged (storygraph.query.paging) through the server's SPARQL: its first rows."""
    from storygraph.query.paging import page_canned

    _, remote = both
    whole = run_canned(remote, name).rows
    for limit in (1, 7, 40):
        found = page_canned(remote, name, limit)
        # ECB+ articles have no dates: the date pagers leave those queries whole.
        assert found is not None or name in {"figures", "who-said-what"}
        if found is not None:
            assert found[0].rows == whole[:limit], (name, limit)


def test_the_graph_export_reads_the_same_from_a_server(both) -> None:
    """The projection's per-article queries (grouped, concatenated) on each engine."""
    embedded, remote = both
    ours, theirs = Projection(embedded), Projection(remote)
    assert theirs.nodes == ours.nodes
    assert sorted(theirs.edges(), key=repr) == sorted(ours.edges(), key=repr)
    assert len(ours.nodes) > 100


# --- a write that fails half way, finished by `check --repair` ----------------------------

@needs_virtuoso
def test_an_article_write_that_fails_before_any_of_its_operations_is_finished_by_check(
        extractions, tmp_path, monkeypatch) -> None:
    """On Virtuoso, which commits a request's operations one by one, an article's write
    is made to fail before each of its operations in turn (and before its journal is
    dropped): `check` finds the unfinished write, ingest refuses to write on, and
    `check --repair` runs the rest, after which the store holds what an uninterrupted
    ingest writes and `check` finds nothing."""
    import storygraph.remote as remote_module
    from storygraph.check import find_problems, repair

    written = extractions["virtuoso"][:2]
    blocker = f"<{BASE}test/blocker>"
    journaled = remote_module._journaled
    with virtuoso_server(tmp_path) as endpoint:
        remote = endpoint.open()
        assert isinstance(remote, SparqlStore)
        write_all(remote, written)
        clean = blanked(remote)
        failing_before: int | None = 0
        operations = None
        while failing_before is not None:
            empty(remote)
            writer = ArticleWriter(remote)
            for extraction in written[:-1]:
                writer.write(extraction)
            remote.apply([f"INSERT DATA {{ GRAPH {blocker} {{ <urn:a> <urn:b> <urn:c> }} }}"],
                         what="the blocker")

            def failing(journal: str, ops, start: int, at: int = failing_before):
                for i, operation in enumerate(journaled(journal, ops, start)):
                    if i == 2 * at:  # before operation `at` (each is followed by its mark)
                        yield f"CREATE GRAPH {blocker}"
                    yield operation

            monkeypatch.setattr(remote_module, "_journaled", failing)
            with pytest.raises(StoreWriteError):
                writer.write(written[-1])
            monkeypatch.setattr(remote_module, "_journaled", journaled)
            [unfinished] = remote.unfinished_writes()
            operations = operations or len(unfinished.operations)
            assert unfinished.done == failing_before - 1
            with pytest.raises(StoreWriteError, match="failed half way"):
                endpoint.open().apply([f"DROP SILENT GRAPH {blocker}"], what="the next")
            remote._post(remote.update_url, {"update": f"DROP SILENT GRAPH {blocker}"}, "*/*",
                         "unblock")
            problems = find_problems(remote)
            assert problems[0].kind == "unfinished-write"
            repair(remote, problems)
            assert find_problems(remote) == [], failing_before
            assert blanked(remote) == clean, f"failed before operation {failing_before}"
            failing_before = failing_before + 1 if failing_before < operations else None
    print(f"\n{operations} operations, each failed before once")
    assert operations and operations > 5



def test_removals_leave_the_server_as_they_leave_the_embedded_store(both) -> None:
    """Last of the module's tests of `both`: it changes both stores. What a removal takes
    away (the article, its counts, the words no name has any more) it takes away on the
    server too."""
    embedded, remote = both
    for key in sorted(embedded.article_keys())[:3]:
        for store in (embedded, remote):
            ArticleWriter(store).remove(key)
    words = f"SELECT ?s ?o WHERE {{ GRAPH <{BASE}graph/index> {{ ?s sg:wordGram ?o }} }}"
    assert canonical(remote.select(words)) == canonical(embedded.select(words))
    test_the_same_quads_in_both(both)


def test_an_edited_headline_or_date_on_a_server_rewrites_and_then_stays(server, nlp,
                                                                       tmp_path) -> None:
    """The server compares the metadata: a time given with "+00:00" is the one it keeps
    as "Z" (unchanged), an edited headline or an hour later is written anew, once.
    Each read of an unchanged article is a request, so it reads few."""
    path = tmp_path / "ferry.jsonl"
    remote = server.open()

    def given(title: str, published: str) -> list[str]:
        path.write_text(json.dumps({
            "text": "Skippers at Orrin Quay said on Tuesday the ferry fares would rise.",
            "title": title, "published": published, "authors": ["Cal Vesey"],
            "url": "https://quaynews.example/ferry-fares"}) + "\n")
        return [r.outcome for r in ingest([path], remote, nlp)]

    assert given("Fares rise", "2025-05-06T08:00:00+00:00") == ["added"]
    reads = 0
    counted = remote.quads_for_pattern

    def counting(*args: object) -> Iterator[object]:
        nonlocal reads
        reads += 1
        return counted(*args)

    remote.quads_for_pattern = counting  # type: ignore[method-assign]
    assert given("Fares rise", "2025-05-06T08:00:00Z") == ["unchanged"]
    assert reads <= 6
    del remote.quads_for_pattern
    assert given("Fares rise in May", "2025-05-06T08:00:00Z") == ["replaced"]
    assert given("Fares rise in May", "2025-05-06T09:00:00+00:00") == ["replaced"]
    assert given("Fares rise in May", "2025-05-06T09:00:00Z") == ["unchanged"]
    ArticleWriter(remote).remove("https://quaynews.example/ferry-fares")  # the server is shared
