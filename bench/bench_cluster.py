"""Ingest throughput with parsing on Dask workers against --jobs, on the same texts.

    python bench/bench_cluster.py [--limit N] [--modes jobs:1,jobs:2,local:1,local:2]

Each mode ingests the first N ECB+ development articles into a fresh store on disk, as
`storygraph ingest` does (resolution, stories and writes in this process): `jobs:N` parses
and extracts in N processes forked here, `local:N` on a Dask LocalCluster of N worker processes.
Starting a cluster and loading the model on its workers is timed apart (a real cluster is
started once for many ingests); the ingest is timed from the first read to the last write.
The machine's load average is printed with the figures: they mean little without it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
import time
from pathlib import Path

from storygraph.cluster import dask_extractor, extract_batch
from storygraph.ingest import ingest
from storygraph.model import Article
from storygraph.nlp import load_model, model_name
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"


def run(mode: str, inputs: Path, folder: Path) -> dict[str, object]:
    kind, count = mode.split(":")
    with open_store(folder / mode.replace(":", "-")) as store:
        if kind == "jobs":
            nlp = load_model()
            started = time.perf_counter()
            results = list(ingest([inputs], store, nlp, n_process=int(count)))
            ingest_s, startup_s = time.perf_counter() - started, 0.0
        else:
            started = time.perf_counter()
            with dask_extractor(mode) as extractor:
                workers = list(extractor.client.nthreads())
                warm = Article(id="0" * 16, key="warm-up", text="A word.")
                extractor.client.gather([
                    extractor.client.submit(extract_batch, extractor.model, [warm],
                                            workers=[worker], pure=False)
                    for worker in workers])
                startup_s = time.perf_counter() - started
                started = time.perf_counter()
                results = list(ingest([inputs], store, None, extractor=extractor))
                ingest_s = time.perf_counter() - started
        quads = store.quad_count()
    added = sum(r.outcome == "added" for r in results)
    return {"mode": mode, "added": added, "quads": quads, "startup_s": round(startup_s, 1),
            "ingest_s": round(ingest_s, 1), "articles_per_s": round(added / ingest_s, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--modes", default="jobs:1,jobs:2,local:1,local:2")
    args = parser.parse_args()
    os.environ.setdefault("STORYGRAPH_MODEL", model_name())

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    report: dict[str, object] = {"articles": args.limit, "cores": os.cpu_count(),
                                 "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "articles.jsonl"
        inputs.write_text("\n".join(itertools.islice(lines, args.limit)) + "\n")
        report["runs"] = [run(mode, inputs, Path(tmp)) for mode in args.modes.split(",")]
    report["load_after"] = os.getloadavg()[0]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
