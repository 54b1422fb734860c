"""The story graph in a SPARQL 1.1 server (storygraph.remote.SparqlStore), tested against a
real Oxigraph server (`oxigraph serve`, from the `oxigraph` package) started here.

The same extractions (the seed, our corpus and ECB+ topics 1-20) are written through
ArticleWriter into the embedded store and into the server, one SPARQL Update request an
article; then every canned query must give the same rows, and the quads must be the same.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from storygraph.errors import QueryError, StoreWriteError
from storygraph.ingest import ArticleWriter, ingest
from storygraph.model import Article
from storygraph.query import canned_queries, open_query, run_canned
from storygraph.query.lookups import entity_profile
from storygraph.remote import SparqlStore
from storygraph.store import GraphStore, open_store

ROOT = Path(__file__).resolve().parent.parent
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """`oxigraph serve` on a free local port; its query URL. Stopped at the end."""
    assert OXIGRAPH, "the oxigraph server (pip package 'oxigraph') is not installed"
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr \
                else "oxigraph serve ended"
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).close()
                break
            assert time.monotonic() < deadline, "oxigraph serve did not answer in 30 s"
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module")
def extractions(nlp, ecb_dev) -> list:
    from storygraph.pipeline import extract_articles
    from storygraph.sources import read_paths

    articles = [a for a in read_paths([ROOT / "seeds", ROOT / "tests" / "data" / "corpus"])
                if isinstance(a, Article)]
    own = list(extract_articles(articles, nlp))
    return own + [a.extraction for a in ecb_dev]


def write_all(store: GraphStore, extractions: list) -> None:
    writer = ArticleWriter(store)
    for extraction in extractions:
        writer.write(extraction)


@pytest.fixture(scope="module")
def both(server, extractions) -> tuple[GraphStore, GraphStore]:
    embedded, remote = open_store(":memory:"), open_store(server)
    assert isinstance(remote, SparqlStore)
    started = time.perf_counter()
    write_all(embedded, extractions)
    middle = time.perf_counter()
    write_all(remote, extractions)
    print(f"\n{len(extractions)} articles: embedded {middle - started:.1f} s, "
          f"oxigraph server {time.perf_counter() - middle:.1f} s")
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
    graphs = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
              "FILTER(!isLiteral(?o) || datatype(?o) != xsd:dateTime) } GROUP BY ?g")
    ours, theirs = canonical(embedded.select(graphs)), canonical(remote.select(graphs))
    assert theirs == ours
    assert sum(int(row[1][1]) for row in ours) > 10_000


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
    remote = open_store(server)
    before = remote.quad_count()
    with pytest.raises(StoreWriteError, match="write article x"):
        remote.apply(["INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }",
                      "this is not SPARQL"], what="article x")
    assert remote.quad_count() == before


def test_a_server_answers_plain_queries_only(server) -> None:
    """Terms, engine pools and dataset clauses are the embedded engine's (serve's) business."""
    with pytest.raises(QueryError, match="answers plain queries only"), \
            open_query(open_store(server), "ASK { ?s ?p ?o }", terms=True):
        pass


def test_credentials_never_reach_a_message(server, monkeypatch) -> None:
    monkeypatch.setenv("STORYGRAPH_STORE_USER", "reporter")
    monkeypatch.setenv("STORYGRAPH_STORE_PASSWORD", "s3cret-words")
    remote = open_store(server)
    with pytest.raises(QueryError) as raised:
        remote.select("SELECT ?x WHERE { ?x ?y }")
    assert "s3cret" not in str(raised.value) and "s3cret" not in repr(remote)
