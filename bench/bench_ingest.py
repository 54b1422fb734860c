"""Ingest throughput against bare spaCy, in one run, on the same texts and model.

    python bench/bench_ingest.py [--store memory|disk] [--jobs N] [--limit N]

Baseline: the model's full pipeline over the texts with `nlp.pipe` in `--jobs` processes
(what any spaCy-based tool pays at least). storygraph, three times: stage by stage in this
process (read → parse → extract → resolve → store → stories, each timed; store: mapping to
RDF and the one write request per article, which holds the story and resolution changes
too); end to end as `ingest --jobs N` runs it (`extract_articles(..., in_workers=True)`:
N forked processes parse and extract while this one resolves, assigns stories and writes,
so N + 1 processes, N of them parsing); and end to end with everything in this one
process (how `--jobs 1` ran before, `serial`). Wall and CPU seconds (this process and the
processes it waited for), and ratios to the baseline's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import resource
import tempfile
import time
from pathlib import Path

import spacy
from spacy.language import Language

from storygraph.extract import extract
from storygraph.ingest import ArticleWriter
from storygraph.model import Article, Extraction
from storygraph.nlp import load_model, model_name
from storygraph.pipeline import extract_articles
from storygraph.sources import read_paths
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"


def cpu_seconds() -> float:
    """CPU time of this process and of the child processes it has waited for."""
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def end_to_end(articles: list[Article], nlp: Language, store_kind: str, jobs: int, *,
               in_workers: bool) -> tuple[float, float]:
    """Wall and CPU seconds to extract and write `articles` as ingest does."""
    with tempfile.TemporaryDirectory() as tmp:
        location = ":memory:" if store_kind == "memory" else str(Path(tmp) / "store")
        with open_store(location) as store:
            writer = ArticleWriter(store)
            started, cpu = time.perf_counter(), cpu_seconds()
            for extraction in extract_articles(articles, nlp, n_process=jobs,
                                               in_workers=in_workers):
                assert isinstance(extraction, Extraction), extraction
                writer.write(extraction)
            return time.perf_counter() - started, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("memory", "disk"), default="disk")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    started = time.perf_counter()
    articles = list(itertools.islice(read_paths([ROOT / "seeds", CORPUS]), args.limit))
    read_s = time.perf_counter() - started
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    name = model_name()
    bare = spacy.load(name)
    bare("warm up")
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in bare.pipe(texts, n_process=args.jobs, batch_size=16):
        pass
    baseline_s, baseline_cpu = time.perf_counter() - started, cpu_seconds() - cpu

    nlp = load_model(name)
    nlp("warm up")
    started, cpu = time.perf_counter(), cpu_seconds()
    docs = list(nlp.pipe(texts, n_process=args.jobs, batch_size=16))
    parse_s, parse_cpu = time.perf_counter() - started, cpu_seconds() - cpu

    started, cpu = time.perf_counter(), cpu_seconds()
    extractions = [extract(doc, article) for doc, article in zip(docs, articles, strict=True)]
    extract_s, extract_cpu = time.perf_counter() - started, cpu_seconds() - cpu

    with tempfile.TemporaryDirectory() as tmp:
        location = ":memory:" if args.store == "memory" else str(Path(tmp) / "store")
        with open_store(location) as store:
            # As ingest does it: one transaction per article (graph, resolution, story),
            # with the writer's own stage counters.
            writer = ArticleWriter(store)
            started = time.perf_counter()
            for extraction in extractions:
                writer.write(extraction)
            graph_s = time.perf_counter() - started
            quads = store.quad_count()
    resolve_s, stories_s = writer.seconds["resolve"], writer.seconds["stories"]
    # The rest of the graph layer: planning the article's write, mapping it to RDF and
    # the one write request.
    store_s = graph_s - resolve_s - stories_s

    total = read_s + parse_s + extract_s + resolve_s + store_s + stories_s

    overlapped_s, overlapped_cpu = end_to_end(articles, nlp, args.store, args.jobs,
                                              in_workers=True)
    # With one job, also all in this process (how --jobs 1 ran before).
    serial_s, serial_cpu = end_to_end(articles, nlp, args.store, 1, in_workers=False) \
        if args.jobs == 1 else (float("nan"), float("nan"))
    report = {
        "articles": len(articles), "words": words, "model": name, "jobs": args.jobs,
        "store": args.store, "quads": quads, "python": platform.python_version(),
        "baseline_spacy_s": round(baseline_s, 2),
        "storygraph_s": round(total, 2),
        "ratio": round(total / baseline_s, 2),
        "end_to_end_s": round(read_s + overlapped_s, 2),
        "end_to_end_ratio": round((read_s + overlapped_s) / baseline_s, 2),
        "cpu_s": {"baseline_spacy": round(baseline_cpu, 2), "parse": round(parse_cpu, 2),
                  "extract": round(extract_cpu, 2),
                  **{stage: round(seconds, 2) for stage, seconds in writer.cpu_seconds.items()},
                  "end_to_end": round(overlapped_cpu, 2), "serial": round(serial_cpu, 2)},
        "end_to_end_cpu_ratio": round(overlapped_cpu / baseline_cpu, 2),
        "serial_s": round(read_s + serial_s, 2),
        "serial_ratio": round((read_s + serial_s) / baseline_s, 2),
        "processes": {"baseline_spacy": args.jobs, "end_to_end": args.jobs + 1, "serial": 1},
        "stages_s": {"read": round(read_s, 3), "parse": round(parse_s, 2),
                     "extract": round(extract_s, 2), "resolve": round(resolve_s, 2),
                     "store": round(store_s, 2), "stories": round(stories_s, 2)},
        "stages_share": {k: f"{v / total:.0%}" for k, v in
                         {"read": read_s, "parse": parse_s, "extract": extract_s,
                          "resolve": resolve_s, "store": store_s, "stories": stories_s}.items()},
        "words_per_s": {"baseline": round(words / baseline_s), "storygraph": round(words / total)},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
