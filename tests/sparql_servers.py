"""Real SPARQL servers for the remote-store tests, started on free local ports and stopped at
the end: Oxigraph server (`oxigraph serve`, from the `oxigraph` package) and Virtuoso
Open-Source 7 (`virtuoso-t`, Debian's virtuoso-opensource-7-bin; .ci/run installs it).

Each is a context manager giving an `Endpoint`: the URL to give `--store`, and the
environment a client needs (Virtuoso's writes go through `/sparql-auth`, with digest
credentials of a user made for the test).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storygraph.rdf.namespace import BASE
from storygraph.store import GraphStore, open_store

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql-v")
needs_virtuoso = pytest.mark.skipif(
    not (VIRTUOSO and ISQL), reason="Virtuoso is not installed here (apt-get install "
    "virtuoso-opensource-7-bin; .ci/run installs it)")

# The user the tests' Virtuoso gets for storygraph: allowed SPARQL updates, through
# /sparql-auth (HTTP digest). A throwaway server on loopback, so the password is no secret.
VIRTUOSO_USER = "storygraph"
VIRTUOSO_PASSWORD = "story-graph-test"


@dataclass(frozen=True)
class Endpoint:
    """A running server: the store URL, and the environment its client needs."""

    url: str
    name: str
    env: dict[str, str] = field(default_factory=dict)

    def open(self, **extra_env: str) -> GraphStore:
        """A store over this server; the environment counts when it opens (it reads its
        credentials then), so it is set only for that."""
        with pytest.MonkeyPatch.context() as patch:
            for name, value in {**self.env, **extra_env}.items():
                patch.setenv(name, value)
            return open_store(self.url)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, name: str, log: Path, seconds: float
              ) -> None:
    """Until `url` answers at all (any HTTP status counts), or fail saying why not."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise AssertionError(f"{name} ended: {log.read_text(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} did not answer in {seconds:.0f} s")
        time.sleep(0.2)


@contextlib.contextmanager
def _running(command: list[str], cwd: Path, probe: str, name: str, seconds: float
             ) -> Iterator[subprocess.Popen]:
    log = cwd / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(probe, process, name, log, seconds)
        yield process
    finally:
        process.terminate()  # both shut down cleanly on SIGTERM
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def oxigraph_server(location: Path) -> Iterator[Endpoint]:
    """`oxigraph serve` on a free local port, its data in `location`."""
    assert OXIGRAPH, "the oxigraph server (pip package 'oxigraph') is not installed"
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    with _running([OXIGRAPH, "serve", "--location", str(location / "data"), "--bind",
                   f"127.0.0.1:{port}", "--union-default-graph"], location,
                  f"{url}?query=ASK%7B%7D", "oxigraph serve", 30):
        yield Endpoint(url, "oxigraph")


# Small buffers (8 kB each): the tests' graphs are a few hundred thousand quads.
# CaseMode 2 is what Virtuoso's own virtuoso.ini sets; with another, ASK is answered
# as a one-row table.
_VIRTUOSO_INI = """\
[Database]
DatabaseFile = db/virtuoso.db
ErrorLogFile = db/virtuoso.log
LockFile = db/virtuoso.lck
TransactionFile = db/virtuoso.trx
xa_persistent_file = db/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = db/virtuoso-temp.db
TransactionFile = db/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CaseMode = 2
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = www
ServerThreads = 10
MaxClientConnections = 10
KeepAliveTimeout = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


def isql(port: int, statement: str) -> str:
    """Run SQL in the tests' Virtuoso as its administrator (whose password a new
    database has: dba)."""
    assert ISQL
    done = subprocess.run([ISQL, f"127.0.0.1:{port}", "dba", "dba", f"exec={statement}"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and "Error" not in done.stdout + done.stderr, \
        done.stdout + done.stderr
    return done.stdout


@contextlib.contextmanager
def virtuoso_server(location: Path) -> Iterator[Endpoint]:
    """Virtuoso on free local ports, its database in `location`; the endpoint is
    `/sparql-auth`, with the digest credentials of a user allowed SPARQL updates."""
    assert VIRTUOSO and ISQL, "Virtuoso is not installed"
    sql_port, http_port = free_port(), free_port()
    (location / "db").mkdir()
    (location / "www").mkdir()
    (location / "virtuoso.ini").write_text(
        _VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    # -f: in the foreground, so that it is this process that stops at the end.
    with _running([VIRTUOSO, "-f", "-c", "virtuoso.ini"], location,
                  f"{base}/sparql?query=ASK%7B%7D", "virtuoso-t", 120):
        isql(sql_port, f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); "
                       f"GRANT SPARQL_UPDATE TO \"{VIRTUOSO_USER}\";")
        yield Endpoint(f"{base}/sparql-auth", "virtuoso", {"STORYGRAPH_STORE_USER": VIRTUOSO_USER,
                                               "STORYGRAPH_STORE_PASSWORD": VIRTUOSO_PASSWORD})


def empty(remote: GraphStore) -> None:
    """Drop storygraph's graphs in a server (not the server's own) and any write journal."""
    graphs = [r["g"] for r in remote.select(
        f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g),
        "{BASE}") || STRSTARTS(STR(?g), "urn:storygraph:write:")) }}""")]
    if graphs:
        remote._post(remote.update_url,  # type: ignore[attr-defined]
                     {"update": " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)},
                     "*/*", "empty the store")
