"""The CPU of one article's story operations in its write request, as the store grows.

    python bench/make_store.py /tmp/sg1k --articles 1000      # once each
    python bench/make_store.py /tmp/sg10k --articles 10000
    python bench/bench_story_ops.py /tmp/sg1k /tmp/sg10k [--articles 30]

For each store, a copy of it takes `--articles` of make_store's ECB+ extractions under
names no copy in it has, through `ArticleWriter` as ingest writes them, but each
operation of a write request is run alone and timed (CPU), so the story part of the
request (what `plan_story` gives: slots, links, the story's record, its tallies and key
entities) is told from the article's part (its graph, counts, indexes). Flushes are
left out of both: they come with a store's memory, not with an article.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench_growth import FRESH_COPY
from make_store import base_extractions, variant

import storygraph.ingest
from storygraph.ingest import ArticleWriter
from storygraph.rdf.namespace import PREFIXES
from storygraph.store import OxigraphStore, open_store
from storygraph.story_store import StoryPlan


def measure(path: str, articles: int) -> dict[str, list[float]]:
    base = base_extractions()
    story_operations: set[str] = set()
    plan = storygraph.ingest.plan_story

    def planned(*args: object, **kwargs: object) -> StoryPlan:
        made = plan(*args, **kwargs)  # type: ignore[arg-type]
        story_operations.update(made.operations)
        return made

    spent: dict[str, list[float]] = {"story": [], "article": []}
    storygraph.ingest.plan_story = planned  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory(dir="/tmp") as scratch:
            copy = Path(scratch) / "store"
            shutil.copytree(path, copy)
            with open_store(str(copy)) as store:
                assert isinstance(store, OxigraphStore)
                inner = store.inner

                def apply(operations: Sequence[str], *, what: str) -> None:
                    parts = {"story": 0.0, "article": 0.0}
                    for operation in filter(None, operations):
                        began = time.process_time()
                        inner.update(operation, prefixes=PREFIXES)
                        part = "story" if operation in story_operations else "article"
                        parts[part] += time.process_time() - began
                    for part, seconds in parts.items():
                        spent[part].append(seconds)

                store.apply = apply  # type: ignore[method-assign]
                store.flush = lambda: None  # type: ignore[method-assign]
                writer = ArticleWriter(store)
                writer.write(variant(base[0], FRESH_COPY, 0))  # reads the indexes
                for part in spent.values():
                    part.clear()
                for n in range(1, articles + 1):
                    writer.write(variant(base[n % len(base)], FRESH_COPY + n // len(base), 0))
    finally:
        storygraph.ingest.plan_story = plan
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", help="stores made by make_store.py, smallest first")
    parser.add_argument("--articles", type=int, default=30)
    args = parser.parse_args()
    for path in args.stores:
        spent = measure(path, args.articles)
        print(path + ": " + "; ".join(
            f"{part} operations CPU mean {statistics.fmean(v) * 1000:.1f} ms, "
            f"p50 {statistics.median(v) * 1000:.1f} ms, max {max(v) * 1000:.1f} ms"
            for part, v in spent.items()), flush=True)


if __name__ == "__main__":
    main()
