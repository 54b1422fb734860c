"""Latency of `storygraph serve` under concurrent clients, against Oxigraph's own server.

    python bench/bench_serve.py STORE [--clients 8] [--queries 200]

Starts `storygraph serve` on STORE and, as the baseline, Oxigraph's Rust HTTP
server (`oxigraph serve-read-only --union-default-graph`, from the `oxigraph`
package) on the same directory; both on loopback ports. Then, for each server,
N client processes (each with one keep-alive HTTP connection) send M queries each,
as fast as answers come, and every request's wall time is recorded from the
client's side: from sending the request until the last byte of the answer.

The queries are what a client of a story graph asks, in turn, with the values
varied per request (drawn from the store before the run):

* lookup:  an entity by its exact name (SELECT, JSON)
* profile: DESCRIBE of an entity (Turtle)
* said:    what one speaker said, in which article (SELECT, JSON)
* article: the names one article mentions (SELECT, JSON)
* stories: the canned stories listing (SELECT, JSON)
* count:   how many articles (SELECT, JSON)

Printed: p50, p95 and max latency and queries per second for each server, with
1 client and with N, then per query kind; the server's CPU time a query (its own
and its children's, reaped or running, from /proc, so the engine processes count), which
is what a machine's load does not change; the ratios of storygraph's to
Oxigraph's figures. The same texts go to both servers (with their PREFIX
declarations), and both read the union of the graphs as the default graph.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from storygraph.query import load_query
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = "PREFIX schema: <https://schema.org/>\n"
PROV = "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
NIF = "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"
ENTITIES = "https://storygraph.dev/graph/entities"
JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


def workload(store_path: str, count: int) -> list[tuple[str, str, str]]:
    """(kind, query text, Accept) for `count` requests, values drawn from the store."""
    with open_store(store_path, read_only=True) as store:
        names = [r["name"] for r in store.select(
            "SELECT DISTINCT ?name WHERE { GRAPH <https://storygraph.dev/graph/entities> "
            "{ ?e schema:name ?name } } ORDER BY ?name LIMIT 500")]
        entities = [r["e"] for r in store.select(
            "SELECT DISTINCT ?e WHERE { GRAPH <https://storygraph.dev/graph/entities> "
            "{ ?e a schema:Person } } ORDER BY ?e LIMIT 500")]
        speakers = [r["s"] for r in store.select(
            "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?c prov:wasAttributedTo ?s } } "
            "ORDER BY ?s LIMIT 500")]
        articles = [r["a"] for r in store.select(
            "SELECT ?a WHERE { ?a a schema:NewsArticle } ORDER BY ?a LIMIT 500")]
    stories = load_query("stories")
    kinds = [
        ("lookup", lambda i: (SCHEMA + "SELECT ?e ?type WHERE { ?e schema:name "
                              f"{json.dumps(names[i % len(names)])} ; a ?type }}", JSON)),
        ("profile", lambda i: (f"DESCRIBE <{entities[i % len(entities)]}>", TURTLE)),
        ("said", lambda i: (PROV + NIF + "SELECT ?text ?article WHERE { GRAPH ?article { "
                            f"?claim prov:wasAttributedTo <{speakers[i % len(speakers)]}> ; "
                            "nif:anchorOf ?text } }", JSON)),
        ("article", lambda i: (SCHEMA + "SELECT DISTINCT ?name WHERE { "
                               f"GRAPH <{articles[i % len(articles)]}> {{ ?a schema:mentions ?e }} "
                               f"GRAPH <{ENTITIES}> {{ ?e schema:name ?name }} }}", JSON)),
        ("stories", lambda i: (stories, JSON)),
        ("count", lambda i: (SCHEMA + "SELECT (COUNT(?a) AS ?n) WHERE "
                             "{ ?a a schema:NewsArticle }", JSON)),
    ]
    requests = []
    for i in range(count):
        kind, make = kinds[i % len(kinds)]
        text, accept = make(i // len(kinds))
        requests.append((kind, text, accept))
    return requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            raise SystemExit(f"server ended: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"server not up: {log.read_text()[-2000:]}") from None
            time.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, of the children it has reaped and of those still running
    (the engine processes: one-off or pooled)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if stat.parent.name == str(pid):
            ticks += sum(int(f) for f in fields[11:15])  # its own and its reaped children's
        elif fields[1] == str(pid):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(command: list[str], port: int, log: Path) -> Iterator[int]:
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        wait_until_up(port, process, log)
        yield process.pid
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def client(args: tuple[int, str, list[tuple[str, str, str]]]) -> list[tuple[str, float, int]]:
    """One client: its requests in turn on one connection; (kind, seconds, status) each."""
    port, path, requests = args
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    timings = []
    for kind, text, accept in requests:
        body = urllib.parse.urlencode({"query": text})
        started = time.perf_counter()
        connection.request("POST", path, body=body, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        timings.append((kind, time.perf_counter() - started, response.status))
    connection.close()
    return timings


def run(port: int, path: str, requests: list[tuple[str, str, str]], clients: int,
        per_client: int) -> tuple[list[tuple[str, float, int]], float]:
    """Every client gets `per_client` requests, each starting at a different place in the mix."""
    shares = [(port, path, [requests[(c * 7 + i) % len(requests)] for i in range(per_client)])
              for c in range(clients)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(client, shares)
    return [t for timings in results for t in timings], time.perf_counter() - started


def summary(timings: list[tuple[str, float, int]], wall: float) -> dict[str, float]:
    seconds = sorted(t for _, t, _ in timings)
    failed = sum(1 for _, _, status in timings if status != 200)
    return {"n": len(seconds), "failed": failed,
            "p50": 1000 * statistics.median(seconds),
            "p95": 1000 * seconds[int(0.95 * (len(seconds) - 1))],
            "max": 1000 * seconds[-1], "qps": len(seconds) / wall}


def line(label: str, figures: dict[str, float]) -> str:
    return (f"{label:<34} p50 {figures['p50']:8.1f} ms   p95 {figures['p95']:8.1f} ms   "
            f"max {figures['max']:8.1f} ms   {figures['qps']:6.1f} q/s   "
            f"({figures['n']:.0f} queries, {figures['failed']:.0f} failed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=200, help="per client")
    parser.add_argument("--max-queries", type=int, default=None,
                        help="storygraph serve --max-queries (default: its own)")
    options = parser.parse_args()
    requests = workload(options.store, 600)
    print(f"store {options.store}; machine: {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; Python {sys.version.split()[0]}, "
          f"pyoxigraph {ox.__version__}")
    ours_port, theirs_port = free_port(), free_port()
    serve = [sys.executable, "-m", "storygraph", "serve", "--store", options.store,
             "--port", str(ours_port), "--quiet", "--timeout", "0", "--max-rows", "0"]
    if options.max_queries:
        serve += ["--max-queries", str(options.max_queries)]
    oxigraph = [str(Path(sys.executable).parent / "oxigraph"), "serve-read-only", "--location",
                options.store, "--bind", f"127.0.0.1:{theirs_port}", "--union-default-graph"]
    figures: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as logs:
        for name, command, port, path in (("storygraph serve", serve, ours_port, "/sparql"),
                                          ("oxigraph serve", oxigraph, theirs_port, "/query")):
            with server(command, port, Path(logs) / f"{name}.log") as pid:
                client((port, path, requests[:12]))  # warm the caches of both alike
                single, single_wall = run(port, path, requests, 1, options.queries)
                cpu = cpu_seconds(pid)
                many, many_wall = run(port, path, requests, options.clients, options.queries)
                cpu = cpu_seconds(pid) - cpu
            figures[name] = {"1": summary(single, single_wall),
                             "n": summary(many, many_wall)}
            figures[name]["n"]["cpu"] = 1000 * cpu / len(many)
            for kind in sorted({k for k, _, _ in many}):
                kind_timings = [t for t in many if t[0] == kind]
                figures[name][kind] = summary(kind_timings, many_wall)
            print(line(f"{name}, 1 client", figures[name]["1"]))
            print(line(f"{name}, {options.clients} clients", figures[name]["n"])
                  + f"; server CPU {figures[name]['n']['cpu']:.1f} ms a query")
            for kind in sorted(k for k in figures[name] if k not in ("1", "n")):
                print(line(f"  {kind}", figures[name][kind]))
    ours, theirs = figures["storygraph serve"], figures["oxigraph serve"]
    for key, label in (("1", "1 client"), ("n", f"{options.clients} clients")):
        ratio = {k: ours[key][k] / theirs[key][k] for k in ("p50", "p95", "qps")}
        print(f"ratio storygraph/oxigraph, {label}: p50 {ratio['p50']:.1f}x, "
              f"p95 {ratio['p95']:.1f}x, throughput {ratio['qps']:.2f}x")
    print(f"ratio of server CPU a query: {ours['n']['cpu'] / theirs['n']['cpu']:.1f}x")


if __name__ == "__main__":
    main()
