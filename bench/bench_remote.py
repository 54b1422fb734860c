"""What writing articles into a SPARQL server costs, against the embedded store.

    python bench/bench_remote.py [--articles 100] [--virtuoso]

Extracts the seed, our corpus and the first ECB+ development articles once, then writes
the same extractions through `ArticleWriter` (resolution, stories, one update request an
article, as `storygraph ingest` does) into an in-memory embedded store (the baseline) and
into a real Oxigraph server (`oxigraph serve`, from the `oxigraph` package) started here
on a loopback port; with `--virtuoso`, into a Virtuoso 7 too (`virtuoso-t`, Debian's
`virtuoso-opensource-7-bin`). Parsing is left out: it is the same whichever store.

Printed for each store: seconds an article (wall, and this process's CPU), and for the
servers the requests an article (reads, updates) counted at the client, and the ratio of
the wall time to the embedded store's. The servers run on this machine, so their CPU is
not this process's: read the wall-time ratio on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storygraph.ingest import ArticleWriter  # noqa: E402
from storygraph.model import Article, Extraction  # noqa: E402
from storygraph.nlp import load_model  # noqa: E402
from storygraph.pipeline import extract_articles  # noqa: E402
from storygraph.remote import SparqlStore  # noqa: E402
from storygraph.sources import read_paths  # noqa: E402
from storygraph.store import GraphStore, open_store  # noqa: E402
from tests.sparql_servers import oxigraph_server, virtuoso_server  # noqa: E402


def extractions(limit: int) -> list[Extraction]:
    paths = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus",
             ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"]
    articles = [a for a in read_paths(paths) if isinstance(a, Article)][:limit]
    return [x for x in extract_articles(articles, load_model()) if isinstance(x, Extraction)]


def write(store: GraphStore, written: list[Extraction]) -> tuple[float, float, Counter[str]]:
    """Wall and CPU seconds an article, and the requests (by kind) made to a server."""
    requests: Counter[str] = Counter()
    if isinstance(store, SparqlStore):
        post = store._post

        def counted(url: str, form: dict[str, str], accept: str, what: str) -> bytes:
            requests["update" if "update" in form else "read"] += 1
            return post(url, form, accept, what)

        store._post = counted  # type: ignore[method-assign]
    writer = ArticleWriter(store)
    wall, cpu = time.perf_counter(), time.process_time()
    for extraction in written:
        writer.write(extraction)
    n = len(written)
    return (time.perf_counter() - wall) / n, (time.process_time() - cpu) / n, requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--virtuoso", action="store_true")
    args = parser.parse_args()
    written = extractions(args.articles)
    n = len(written)
    print(f"{n} articles; per article: wall ms, CPU ms (this process), reads, updates")
    with open_store(":memory:") as embedded:
        base, cpu, _ = write(embedded, written)
    print(f"embedded (in memory)  {base * 1000:7.1f} {cpu * 1000:7.1f}")
    servers = [("Oxigraph server", oxigraph_server)]
    if args.virtuoso:
        servers.append(("Virtuoso 7", virtuoso_server))
    for name, run in servers:
        with tempfile.TemporaryDirectory() as location, run(Path(location)) as endpoint, \
                endpoint.open() as remote:
            wall, cpu, requests = write(remote, written)
        print(f"{name:<21} {wall * 1000:7.1f} {cpu * 1000:7.1f} {requests['read'] / n:6.1f} "
              f"{requests['update'] / n:5.1f}   {wall / base:.1f}x the embedded store")


if __name__ == "__main__":
    main()
