"""What one more article costs a store as it grows: ingest's graph work at two store sizes.

    python bench/make_store.py /tmp/sg1k --articles 1000      # once each
    python bench/make_store.py /tmp/sg10k --articles 10000
    python bench/bench_growth.py /tmp/sg1k /tmp/sg10k [--articles 50]

For each store, a copy of it (the store is left as it is) takes `--articles` of
make_store's ECB+ extractions under names no copy in it has, through `ArticleWriter`
as ingest writes them (resolution, mapping, stories, the one write request each),
spaCy skipped: what a store's size adds to an article is this graph work, parsing is
the same at any size. Prints each stage's time, CPU time and thread CPU time per article
(the writer's own counters; "thread" is this thread's CPU alone, `time.thread_time`:
RocksDB's background compaction runs in threads of its own and lands, in process CPU,
in whichever stage it overlaps), the resolver's index reads (once a run is the aim), how
many articles' story tallies the writes counted again per article (those of stories
written whole: new ones from a split; what drives the write's growth when a store's
topics keep splitting) and the ratio of the larger store's cost to the smaller's. The
first write of a run reads the resolver's and the story tracker's indexes: it is
reported apart, as "start".
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from make_store import base_extractions, variant

from storygraph.ingest import ArticleWriter
from storygraph.store import open_store

FRESH_COPY = 1000  # a copy number no store of make_store's has: names it has not seen


def measure(path: str, articles: int, *, reword: bool = True) -> dict[str, float]:
    base = base_extractions()
    with tempfile.TemporaryDirectory(dir="/tmp") as scratch:
        copy = Path(scratch) / "store"
        shutil.copytree(path, copy)
        with open_store(str(copy)) as store:
            writer = ArticleWriter(store)
            started = time.perf_counter()
            writer.write(variant(base[0], FRESH_COPY, 0, reword=reword))
            start = time.perf_counter() - started
            writer.seconds.clear()
            writer.cpu_seconds.clear()
            writer.thread_seconds.clear()
            writer.recounted = 0
            times, cpu, thread = [], [], []
            for n in range(1, articles + 1):
                extraction = variant(base[n % len(base)], FRESH_COPY + n // len(base), 0,
                                     reword=reword)
                began, began_cpu = time.perf_counter(), time.process_time()
                began_thread = time.thread_time()
                writer.write(extraction)
                times.append(time.perf_counter() - began)
                cpu.append(time.process_time() - began_cpu)
                thread.append(time.thread_time() - began_thread)
            assert writer.resolver is not None
            loads = writer.resolver.loads
            recounted = writer.recounted / articles
    per = {stage: seconds / articles for stage, seconds in writer.seconds.items()}
    per_cpu = {f"{stage} CPU": seconds / articles
               for stage, seconds in writer.cpu_seconds.items()}
    per_thread = {f"{stage} thread": seconds / articles
                  for stage, seconds in writer.thread_seconds.items()}
    return {"start": start, "article": statistics.fmean(times),
            "p50": statistics.median(times), "CPU": statistics.fmean(cpu),
            "CPU p50": statistics.median(cpu), "thread": statistics.fmean(thread),
            **per, **per_cpu, **per_thread, "loads": loads, "recounted": recounted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", help="stores made by make_store.py, smallest first")
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--shared-topics", action="store_true", help=(
        "articles in the corpus's words, for stores made with make_store --shared-topics"))
    args = parser.parse_args()
    results = []
    for path in args.stores:
        result = measure(path, args.articles, reword=not args.shared_topics)
        results.append(result)
        stages = ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in result.items()
                           if k not in ("start", "article", "p50", "CPU", "CPU p50", "thread",
                                        "loads", "recounted"))
        print(f"{path}: start {result['start']:.1f} s; per article mean "
              f"{result['article'] * 1000:.1f} ms, p50 {result['p50'] * 1000:.1f} ms, CPU "
              f"mean {result['CPU'] * 1000:.1f} ms, p50 {result['CPU p50'] * 1000:.1f} ms, "
              f"thread mean {result['thread'] * 1000:.1f} ms ({stages}); resolver index reads: "
              f"{result['loads']:.0f}; articles whose story tallies were counted again, per "
              f"article: {result['recounted']:.1f}", flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        stages = ", ".join(f"{stage} {last[f'{stage} thread'] / first[f'{stage} thread']:.2f}"
                           for stage in ("resolve", "map", "stories", "write")
                           if first.get(f"{stage} thread"))
        print(f"ratio, largest to smallest store: mean {last['article'] / first['article']:.2f}"
              f", p50 {last['p50'] / first['p50']:.2f}; CPU mean "
              f"{last['CPU'] / first['CPU']:.2f}, stories CPU "
              f"{last['stories CPU'] / first['stories CPU']:.2f}; thread mean "
              f"{last['thread'] / first['thread']:.2f} ({stages})")


if __name__ == "__main__":
    main()
