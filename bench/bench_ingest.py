"""Ingest throughput against bare spaCy, in one run, on the same texts and model.

    python bench/bench_ingest.py [--store memory|disk] [--jobs N] [--limit N]

Baseline: the model's full pipeline over the texts with `nlp.pipe` in `--jobs` processes
(what any spaCy-based tool pays at least). storygraph, twice: stage by stage (read → parse →
extract → resolve → store → stories, each timed; store: mapping to RDF and the one write
request per article, which holds the story and resolution changes too), and end to end as
`ingest --jobs N` runs it (`extract_articles` in N processes feeding the writer, so parsing
overlaps the graph work). Prints the per-stage split and both ratios to the baseline.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import tempfile
import time
from pathlib import Path

import spacy

from storygraph.extract import extract
from storygraph.ingest import ArticleWriter
from storygraph.model import Extraction
from storygraph.nlp import load_model, model_name
from storygraph.pipeline import extract_articles
from storygraph.sources import read_paths
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"


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
    started = time.perf_counter()
    for _ in bare.pipe(texts, n_process=args.jobs, batch_size=16):
        pass
    baseline_s = time.perf_counter() - started

    nlp = load_model(name)
    nlp("warm up")
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, n_process=args.jobs, batch_size=16))
    parse_s = time.perf_counter() - started

    started = time.perf_counter()
    extractions = [extract(doc, article) for doc, article in zip(docs, articles, strict=True)]
    extract_s = time.perf_counter() - started

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

    with tempfile.TemporaryDirectory() as tmp:
        location = ":memory:" if args.store == "memory" else str(Path(tmp) / "store")
        with open_store(location) as store:
            writer = ArticleWriter(store)
            started = time.perf_counter()
            for extraction in extract_articles(articles, nlp, n_process=args.jobs):
                assert isinstance(extraction, Extraction), extraction
                writer.write(extraction)
            end_to_end_s = read_s + time.perf_counter() - started
    report = {
        "articles": len(articles), "words": words, "model": name, "jobs": args.jobs,
        "store": args.store, "quads": quads, "python": platform.python_version(),
        "baseline_spacy_s": round(baseline_s, 2),
        "storygraph_s": round(total, 2),
        "ratio": round(total / baseline_s, 2),
        "end_to_end_s": round(end_to_end_s, 2),
        "end_to_end_ratio": round(end_to_end_s / baseline_s, 2),
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
