"""Resolution against a large store: reading the resolver's index, and resolving articles.

    python bench/make_store.py /tmp/sg10k --articles 10000     # once
    python bench/bench_resolve.py /tmp/sg10k [--articles 100] [--copy 1000]

Reads the store's resolver index once (what an ingest run pays once, and what it paid
again after every automatic surname merge before issue 16), then resolves `--articles`
of make_store's ECB+ extractions under names no copy in the store has (copy numbers from
1,000), one after another against the index, without writing them. Prints the read,
the time per article (p50, p95, mean; CPU mean and p50), the near-name look-ups'
entities read (`near`'s pool) and the name pairs scored per article (the memoised
`name_similarity`'s misses: what the near-name search compared). `--copy 100` takes
names of copies 100 and up, whose keys are as long as a 4,000-article store's copies
1-9 and so are all compared with them (copy 1,000's are two letters longer).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from typing import Any

from make_store import base_extractions, variant

from storygraph.resolve import entities
from storygraph.resolve.resolver import Resolver
from storygraph.store import open_store

FRESH_COPY = 1000  # a copy number no store of make_store's has: names it has not seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="a store made by make_store.py")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--copy", type=int, default=FRESH_COPY,
                        help="the first copy number the articles' names take")
    args = parser.parse_args()
    base = base_extractions()
    with open_store(args.store, read_only=True) as store:
        resolver = Resolver(store)
        started = time.perf_counter()
        resolver.resolve(variant(base[0], args.copy, 0))  # reads the index
        read = time.perf_counter() - started
        pools: list[int] = []
        near = resolver.index.near

        def counted(*given: Any, **named: Any) -> Any:
            pool = near(*given, **named)
            pools.append(len(pool))
            return pool

        resolver.index.near = counted  # type: ignore[method-assign]
        times, cpu, pairs = [], [], []
        for n in range(args.articles):
            extraction = variant(base[n % len(base)], args.copy + 1 + n // len(base), 0)
            before = entities._similarity.cache_info().misses
            started, started_cpu = time.perf_counter(), time.process_time()
            resolver.resolve(extraction)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            pairs.append(entities._similarity.cache_info().misses - before)
    ms = sorted(t * 1000 for t in times)
    print(f"{platform.node()} python {platform.python_version()}, store {args.store}, "
          f"{resolver.index.entity_count()} entities, {resolver.index.article_count()} articles")
    print(f"index read: {read:.2f} s (loads: {resolver.loads})")
    print(f"resolve, {len(ms)} articles: p50 {ms[len(ms) // 2]:.1f} ms, "
          f"p95 {ms[int(len(ms) * 0.95)]:.1f} ms, mean {statistics.fmean(ms):.1f} ms; CPU mean "
          f"{statistics.fmean(cpu) * 1000:.1f} ms, p50 {statistics.median(cpu) * 1000:.1f} ms; "
          f"near-name pool: {statistics.fmean(pools or [0]):.1f} entities a look-up; "
          f"name pairs scored per article: mean {statistics.fmean(pairs):.0f}, "
          f"max {max(pairs)}")


if __name__ == "__main__":
    main()
