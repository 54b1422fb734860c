"""Time the lookups of a large store: p50 and p95 in the library and as whole CLI processes.

    python bench/make_store.py /tmp/sg10k --articles 10000     # once
    python bench/bench_lookups.py /tmp/sg10k [--samples 20] [--cli-samples 10] [--only NAME ...]
        [--before CHECKOUT]

Each lookup runs on names, stories and articles drawn from the store with a fixed
seed (people who are quoted, stories, articles), so it is measured on the answers a
reader would ask for rather than on one lucky name; the hub row looks up the most
mentioned entity, the largest answer there is; the part rows look up the longest word
of each sampled name without its first letter, which is no whole word of a name.
Library rows time the call on an open store (wall, and CPU of this process and of the
query processes it forked);
CLI rows run `storygraph ...` as a new process each time (interpreter start-up,
imports, opening the store, the query and printing the first page of the table),
with its CPU time from `wait4`. The baselines in the same run are `python -c pass`
(the interpreter alone) and `storygraph --help` (start-up alone). With --before, each
CLI sample is run by that checkout's storygraph (a worktree of the commit to compare
with) right before this one's, so both see the same load. Canned queries run as
`query NAME --limit 50` (the first page) and, in the library, under the same row limit;
`article` is bound to an article, as its text says it must be.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from process import ProcessRun, compile_storygraph, run_bare_python, run_storygraph

PAGE = 50
PROFILES = 5  # as `storygraph entity` shows in a table
# Longer than any lookup should take; one that takes longer is reported as such and
# its remaining samples are skipped.
GIVE_UP = 120.0


@dataclass
class Lookup:
    name: str
    library: Callable[[Any, str], object] | None  # (store, sample) -> result
    cli: list[str] | None  # argv, "{}" replaced by the sample
    samples: str  # which sampler gives its arguments


def _lookups() -> list[Lookup]:
    import pyoxigraph as ox

    from storygraph.query import (
        QueryLimits,
        canned_queries,
        entity_profile,
        list_claims,
        list_entities,
        run_canned,
    )
    from storygraph.query.resolution import list_figures
    from storygraph.query.stories import list_stories, timeline

    page = QueryLimits(max_rows=PAGE)
    lookups = [
        # What the table view reads: the best matches' profiles, their lists paged.
        Lookup("entity NAME", lambda s, n: entity_profile(s, n, items=PAGE, matches=PROFILES),
               ["entity", "{}"], "speakers"),
        Lookup("entity HUB", lambda s, n: entity_profile(s, n, items=PAGE, matches=PROFILES),
               ["entity", "{}"], "hub"),
        Lookup("claims --speaker NAME", lambda s, n: list_claims(s, speaker=n, limit=PAGE),
               ["claims", "--speaker", "{}"], "speakers"),
        # A part of a word of a name ("lair" of "Tony Blair"): no whole word of any name.
        Lookup("entity PART", lambda s, n: entity_profile(s, n, items=PAGE, matches=PROFILES),
               ["entity", "{}"], "parts"),
        Lookup("claims --speaker PART", lambda s, n: list_claims(s, speaker=n, limit=PAGE),
               ["claims", "--speaker", "{}"], "parts"),
        Lookup("entities", lambda s, _: list_entities(s, limit=PAGE), ["entities"], "none"),
        Lookup("stories", lambda s, _: list_stories(s, limit=PAGE), ["stories"], "none"),
        Lookup("timeline --story S", lambda s, story: timeline(s, story=story, limit=PAGE),
               ["timeline", "--story", "{}"], "stories"),
        Lookup("timeline --entity NAME", lambda s, n: timeline(s, entity=n, limit=PAGE),
               ["timeline", "--entity", "{}"], "speakers"),
        Lookup("figures", lambda s, _: list_figures(s, limit=PAGE), ["figures"], "none"),
        Lookup("figures --story S", lambda s, story: list_figures(s, story=story, limit=PAGE),
               ["figures", "--story", "{}"], "stories"),
    ]
    for query in canned_queries():
        if query == "article":
            lookups.append(Lookup(
                "query article", lambda s, a: run_canned(s, "article", article=ox.NamedNode(a)),
                None, "articles"))
        else:
            lookups.append(Lookup(
                f"query {query}", lambda s, _, q=query: run_canned(s, q, limits=page),
                ["query", query, "--limit", str(PAGE)], "none"))
    return lookups


def _samplers(store: Any, count: int) -> dict[str, list[str]]:
    rng = random.Random(16)
    speakers = sorted({str(r["name"]) for r in store.select("""
        SELECT DISTINCT ?name WHERE {
          GRAPH ?a { ?claim prov:wasAttributedTo ?speaker }
          GRAPH <https://storygraph.dev/graph/entities> { ?speaker schema:name ?name ;
                                                                  sg:nerType "PERSON" } }""")})
    stories = sorted(str(r["story"]).rsplit("/", 1)[-1] for r in store.select(
        "SELECT DISTINCT ?story WHERE { GRAPH <https://storygraph.dev/graph/stories> "
        "{ ?story a storyline:Storyline ; storyline:hasSlot ?article } }"))
    articles = sorted(str(r["a"]) for r in store.select(
        "SELECT ?a WHERE { GRAPH ?a { ?a a schema:NewsArticle } }"))
    hub = store.select("""
        SELECT ?name (COUNT(?mention) AS ?n) WHERE {
          GRAPH ?a { ?mention itsrdf:taIdentRef ?e }
          GRAPH <https://storygraph.dev/graph/entities> { ?e schema:name ?name } }
        GROUP BY ?e ?name ORDER BY DESC(?n) LIMIT 1""")
    chosen = rng.sample(speakers, min(count, len(speakers)))
    return {
        "speakers": chosen,
        # the longest word of each sampled name but its first letter
        "parts": [max(name.split(), key=len)[1:] for name in chosen],
        "stories": rng.sample(stories, min(count, len(stories))),
        "articles": rng.sample(articles, min(count, len(articles))),
        "hub": [str(hub[0]["name"])] * count if hub else [],
        "none": [""] * count,
    }


def percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p95 (nearest rank) of a list of seconds."""
    ordered = sorted(values)
    rank = max(0, -(-95 * len(ordered) // 100) - 1)
    return statistics.median(ordered), ordered[rank]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_library(lookup: Lookup, store: Any, samples: list[str]) -> tuple[list[float], list[float]]:
    assert lookup.library is not None
    walls, cpus = [], []
    for sample in samples:
        cpu, children = time.process_time(), _children_cpu()
        started = time.perf_counter()
        lookup.library(store, sample)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu + _children_cpu() - children)
        if walls[-1] > GIVE_UP:
            break
    return walls, cpus


def time_cli(run: Callable[[str, Path | None], ProcessRun], samples: list[str],
             codes: list[Path | None]) -> dict[Path | None, tuple[list[float], list[float]]]:
    """Wall and CPU seconds of `run(sample, code)` for each sample, by each checkout's code
    in turn (None: this one), sample by sample."""
    timed: dict[Path | None, tuple[list[float], list[float]]] = {c: ([], []) for c in codes}
    for sample in samples:
        for code in codes:
            done = run(sample, code)
            timed[code][0].append(done.seconds)
            timed[code][1].append(done.cpu_seconds)
        if done.seconds > GIVE_UP:
            break
    return timed


def _row(name: str, where: str, walls: list[float], cpus: list[float]) -> str:
    p50, p95 = percentiles(walls)
    c50, c95 = percentiles(cpus)
    return (f"{name:34} {where:7} p50 {p50 * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms  "
            f"CPU p50 {c50 * 1000:8.1f} ms  p95 {c95 * 1000:8.1f} ms  (n={len(walls)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--samples", type=int, default=20, help="library calls per lookup")
    parser.add_argument("--cli-samples", type=int, default=10, help="processes per lookup")
    parser.add_argument("--only", nargs="*", help="names of the lookups to run")
    parser.add_argument("--no-cli", action="store_true", help="library only")
    parser.add_argument("--before", type=Path,
                        help="a checkout whose storygraph runs each CLI sample too, first")
    args = parser.parse_args()

    from storygraph.query import stats
    from storygraph.store import open_store

    lookups = [x for x in _lookups() if not args.only or x.name in args.only]
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}", flush=True)
    store = open_store(args.store, read_only=True)
    try:
        counts = stats(store)
        print(f"{counts['articles']} articles, {counts['quads']} quads", flush=True)
        samples = _samplers(store, max(args.samples, args.cli_samples))
        for lookup in lookups:
            if lookup.library is not None:
                walls, cpus = time_library(lookup, store, samples[lookup.samples][:args.samples])
                print(_row(lookup.name, "library", walls, cpus), flush=True)
    finally:
        store.close()
    if args.no_cli:
        return
    codes: list[Path | None] = [args.before, None] if args.before else [None]
    for code in codes:
        compile_storygraph(code)
        run_storygraph(["--help"], code=code)  # untimed: what the first process reads from disk
    runs = [run_bare_python() for _ in range(args.cli_samples)]
    print(_row("python -c pass", "process", [r.seconds for r in runs],
               [r.cpu_seconds for r in runs]), flush=True)
    none = [""] * args.cli_samples
    for name, argv, location, chosen in [("--help (start-up)", ["--help"], None, none)] + [
            (x.name, x.cli, args.store, samples[x.samples][:args.cli_samples])
            for x in lookups if x.cli is not None]:
        timed = time_cli(lambda sample, code, argv=argv, at=location: run_storygraph(
            [a.replace("{}", sample) for a in argv], at, code=code), chosen, codes)
        for code, (walls, cpus) in timed.items():
            where = "CLI" if not args.before else ("before" if code else "after")
            print(_row(name, where, walls, cpus), flush=True)
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
