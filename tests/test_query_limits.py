"""Queries a user cannot run away with: time limit, Ctrl-C, streaming, --limit, SERVICE, size.

The store is built here: 3,000 quads in 50 graphs, about the size of the store
where a three-way cross join ran until killed. Waits are generous upper bounds
on work that would otherwise never end, so a slow machine cannot fail them.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from storygraph import cli
from storygraph.cli import app
from storygraph.errors import QueryError
from storygraph.query import (
    QueryLimits,
    QueryTimeout,
    check_query,
    open_query,
    run_query,
    worker,
)
from storygraph.query.guard import DEFAULT_TIMEOUT
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
EX = "https://example.org/"
QUADS = 3000
CROSS_JOIN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS_JOIN_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 2.7e10 rows
runner = CliRunner()


def run(*args: object, input: str | bytes | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("limits") / "store"
    with open_store(path) as store:
        store.inner.extend(
            ox.Quad(ox.NamedNode(f"{EX}e{i}"), ox.NamedNode(f"{EX}p{i % 7}"),
                    ox.Literal(f"value {i}"), ox.NamedNode(f"{EX}g{i % 50}"))
            for i in range(QUADS))
    return str(path)


@pytest.fixture
def store(store_path):
    with open_store(store_path, read_only=True) as opened:
        yield opened


def children(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (Linux /proc; zombies count as gone)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended while we looked
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


@contextmanager
def cli_process(*args: str, **popen: Any) -> Iterator[subprocess.Popen]:
    """`storygraph ARGS` as a real process importing this tree, Ctrl-C handled as in a shell.

    Killed after two minutes, so a test of something that never ends fails, not hangs.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "storygraph", *args], env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **popen)
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    try:
        yield process
    finally:
        watchdog.cancel()
        process.kill()
        process.wait()


# --- the time limit ---------------------------------------------------------------------------

def test_a_three_way_cross_join_stops_at_its_time_limit(store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"query timed out after 1 s and was stopped"):
        run_query(store, CROSS_JOIN_COUNT, limits=QueryLimits(timeout=1))
    assert time.monotonic() - started < 30  # unstopped, it runs for hours
    assert children(os.getpid()) == []  # the engine's process is gone, and its memory with it


def test_the_command_stops_a_cross_join_at_timeout(store_path):
    started = time.monotonic()
    result = run("query", CROSS_JOIN_COUNT, "--store", store_path, "--timeout", "1")
    assert result.exit_code == 1
    assert one_error_line(result.stderr).startswith("Error: query timed out after 1 s")
    assert time.monotonic() - started < 30
    assert cli.QUERY_TIMEOUT == DEFAULT_TIMEOUT


def test_ctrl_c_stops_a_running_query_at_once(store_path):
    with cli_process("query", CROSS_JOIN_COUNT, "--store", store_path, "--timeout", "0",
                     stderr=subprocess.PIPE, text=True) as process:
        while not (engines := children(process.pid)):  # wait until the query runs
            assert process.poll() is None
            time.sleep(0.1)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=15)
    assert process.returncode == 130
    assert one_error_line(stderr) == "Error: query interrupted (Ctrl-C); it was stopped"
    assert not set(engines) & set(children(process.pid))


# --- streaming and --limit --------------------------------------------------------------------

def test_rows_are_written_while_the_query_runs(store_path):
    # This SELECT never finishes (2.7e10 rows): every row printed came before its end.
    result = run("query", CROSS_JOIN_ROWS, "--store", store_path, "--timeout", "2",
                 "--format", "csv")
    assert result.exit_code == 1
    assert "timed out" in one_error_line(result.stderr)
    lines = result.stdout.splitlines()
    assert lines[0] == "a,b,c,d,e,f,g,h,i"
    assert len(lines) > 1000


def test_memory_stays_flat_while_a_big_result_streams(store_path):
    # A 9-million-row join: read it through a pipe and compare the memory of the
    # command and of its engine process early on and 15x further in. Holding the
    # rows would cost ~100 MB by then.
    with cli_process("query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "--store", store_path,
                     "--timeout", "0", "--format", "csv", stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE) as process:
        rows = 0
        early: dict[int, float] = {}
        while rows < 150_000:
            chunk = process.stdout.read(1 << 16)
            assert chunk, process.stderr.read()
            rows += chunk.count(b"\n")
            if not early and rows >= 10_000:
                (engine,) = children(process.pid)
                early = {pid: rss_mb(pid) for pid in (process.pid, engine)}
        late = {pid: rss_mb(pid) for pid in early}
    for pid, before in early.items():
        assert late[pid] - before < 25, (early, late)


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_limit_stops_a_huge_query_after_n_rows(store_path, fmt):
    text = "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = run("query", text, "--store", store_path, "--limit", "5", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "stopped at --limit 5; there may be more"
    if fmt == "csv":
        assert len(result.stdout.splitlines()) == 6
    elif fmt == "json":
        assert len(json.loads(result.stdout)) == 5
    else:
        assert len([line for line in result.stdout.splitlines() if "value" in line]) == 5


def test_limit_counts_triples_of_a_construct(store_path):
    result = run("query", "CONSTRUCT { ?a ?b ?d } WHERE { ?a ?b ?c . ?d ?e ?f }",
                 "--store", store_path, "--limit", "7", "--format", "json")
    assert result.exit_code == 0
    assert result.stdout.count(" .\n") == 7


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_streamed_output_is_the_whole_answer_in_the_listing_formats(store, store_path, fmt):
    text = ("SELECT ?s ?o ?n WHERE { ?s ?p ?o BIND(STRLEN(?o) AS ?n) FILTER(?p != <urn:x>) } "
            "ORDER BY ?s")
    expected = store.select(text)
    assert len(expected) > 2 * worker._BATCH_ROWS  # several batches
    result = run("query", text, "--store", store_path, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":  # the same text print_rows writes
        assert result.stdout == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        lines = result.stdout.splitlines()
        assert lines[0] == "s,o,n"
        assert lines[1:] == [f"{r['s']},{r['o']},{r['n']}" for r in expected]
    else:
        assert result.stdout.count("┃ o") == 1  # one header, however many batches
        assert [line.split("│")[1].strip() for line in result.stdout.splitlines()
                if "value" in line] == [r["o"] for r in expected]


def test_a_closed_pipe_ends_the_command_quietly(store_path):
    with cli_process("query", CROSS_JOIN_ROWS, "--store", store_path, "--format", "csv",
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout.readline() == b"a,b,c,d,e,f,g,h,i\n"
        process.stdout.close()  # as `| head -1` does
        assert process.wait(timeout=30) == 0
        assert process.stderr.read() == b""


def test_the_library_streams_with_a_row_limit(store):
    with open_query(store, CROSS_JOIN_ROWS, limits=QueryLimits(max_rows=1200)) as answer:
        assert answer.variables == list("abcdefghi")
        rows = list(answer.rows())
    assert len(rows) == 1200 and answer.truncated
    result = run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", limits=QueryLimits(max_rows=10))
    assert len(result.rows) == 10 and result.truncated
    result = run_query(store, "SELECT ?s WHERE { ?s ?p ?o }")
    assert len(result.rows) == QUADS and not result.truncated


def test_without_fork_the_same_path_runs_in_process(store, monkeypatch):
    monkeypatch.setattr(worker, "CAN_FORK", False)
    assert len(run_query(store, "SELECT ?s WHERE { ?s ?p ?o }").rows) == QUADS
    with pytest.raises(QueryTimeout):  # checked between batches there
        run_query(store, CROSS_JOIN_ROWS, limits=QueryLimits(timeout=0.5))
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(store, "SELECT * { SERVICE <http://localhost/> { ?s ?p ?o } }")


# --- SERVICE ----------------------------------------------------------------------------------

class Endpoint(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers badly, and counts the requests it gets."""

    requests: list[str] = []  # noqa: RUF012 (shared by the handler instances on purpose)
    BODY = b"SECRET-REMOTE-BODY do not echo me"

    def do_GET(self) -> None:
        self.answer()

    def do_POST(self) -> None:
        self.answer()

    def answer(self) -> None:
        Endpoint.requests.append(self.path)
        status, kind = {"/error": (500, "text/plain"), "/html": (200, "text/html")}.get(
            self.path.split("?")[0], (200, "application/sparql-results+json"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}/ok> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}/ok> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}/ok> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE#why not\n<{url}/ok>{{ ?s ?p ?o }} }}",
    "ASK {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <{url}/ok> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}/ok> {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_and_nothing_is_sent(store_path, endpoint, template):
    Endpoint.requests.clear()
    result = run("query", template.format(url=endpoint), "--store", store_path)
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert "SERVICE" in line or "malformed SPARQL" in line  # an escaped keyword is no keyword
    assert Endpoint.requests == []


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?service <urn:p> "SERVICE <http://x/> { }" } # SERVICE',
    "PREFIX service: <urn:s#> SELECT * WHERE { ?s service:SERVICE <urn:SERVICE> }",
])
def test_the_word_service_elsewhere_is_no_service(store, text):
    assert check_query(text, QueryLimits()).uses_service is False
    assert run_query(store, text).rows == []


@pytest.mark.parametrize(("path", "reason"), [
    ("/error", "answered HTTP 500"),
    ("/html", "content type that is not SPARQL results"),
    ("/ok", "not valid SPARQL results"),
])
def test_a_bad_remote_answer_is_one_line_without_its_body(store_path, endpoint, path, reason):
    Endpoint.requests.clear()
    result = run("query", f"SELECT * WHERE {{ SERVICE <{endpoint}{path}> {{ ?s ?p ?o }} }}",
                 "--store", store_path, "--allow-service")
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert line.startswith("Error: SERVICE request failed:") and reason in line
    assert "SECRET" not in result.output
    assert Endpoint.requests  # it was allowed, so it did ask


def test_an_unbound_service_variable_is_one_line(store_path):
    result = run("query", "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }", "--store",
                 store_path, "--allow-service")
    assert result.exit_code == 1
    assert "SERVICE ?var needs the variable bound" in one_error_line(result.stderr)


# --- queries the engine cannot survive --------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }",
     "nests brackets more than 100 deep"),
    ("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000, "nests brackets"),
    ("SELECT * WHERE { ?s ?p ?o " + "[ <urn:p> " * 500 + "?x" + " ]" * 500 + " }",
     "nests brackets"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["1"] * 10_000) + ") }",
     "10,003 operators"),
    ("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 8000) + " }", "operators"),
])
def test_too_deep_or_too_long_is_one_line_before_the_parser(store_path, text, message):
    result = run("query", text, "--store", store_path)
    assert result.exit_code == 1
    assert message in one_error_line(result.stderr)


def test_a_crash_in_the_engine_ends_only_its_process(store):
    # With the checks switched off, 200,000 nested groups overflow the engine's
    # stack: the query's process dies, this one reports it.
    unchecked = QueryLimits(max_nesting=10**9, max_operators=10**9)
    text = "SELECT * WHERE " + "{" * 200_000 + " ?s ?p ?o " + "}" * 200_000
    with pytest.raises(QueryError, match=r"the SPARQL engine crashed on this query \(SIG"):
        run_query(store, text, limits=unchecked)
    assert run_query(store, "ASK { ?s ?p ?o }").boolean is True


def test_the_checks_pass_real_queries():
    for name in ("who-said-what", "figures-tracker", "timeline", "entity-candidates"):
        text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        assert check_query(text, QueryLimits()).form == "SELECT"


# --- arguments that are not UTF-8 -------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["query", "caf\udce9"],
    ["entity", "caf\udce9"],
    ["ingest", "/tmp/caf\udce9.txt"],
    ["claims", "--speaker", "\udcff"],
    ["export", "out\udce9.graphml"],
])
def test_an_argument_that_is_not_utf8_is_one_line(args):
    result = run(*args)
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == (
        f"Error: argument {ascii(os.fsencode(args[-1]))[1:]} is not valid UTF-8")


def test_a_real_non_utf8_argument(store_path):
    with cli_process("entity", os.fsdecode(b"Caf\xe9"), "--store", store_path,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert one_error_line(stderr.decode()) == r"Error: argument 'Caf\xe9' is not valid UTF-8"


@pytest.mark.parametrize("name", ["STORYGRAPH_STORE", "STORYGRAPH_MODEL"])
def test_a_setting_from_the_environment_that_is_not_utf8_is_one_line(monkeypatch, name):
    monkeypatch.setenv(name, os.fsdecode(b"caf\xe9"))
    result = run("stats")
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == f"Error: environment variable {name} is not valid UTF-8"


def test_a_query_on_stdin_that_is_not_utf8(store_path):
    result = run("query", "-", "--store", store_path, input=b"SELECT * { ?s ?p \xff }")
    assert result.exit_code == 1
    assert one_error_line(result.stderr).startswith("Error: <stdin>: not UTF-8 text")
