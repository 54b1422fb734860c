"""Peak memory of one ingest run against its length: 500 articles against 10,000.

    python bench/bench_memory.py [--articles 500 10000] [--jobs 1]

Each size runs in a fresh process (`ingest` into a new on-disk store, as the CLI does)
and reports its peak RSS (VmHWM) and RSS as the run goes on. The articles are the
repository's real ones (the seed, ECB+ dev, the story and resolution corpora), and then
variants of them: every capitalised word after the start of a sentence (names, mostly)
replaced by a made-up name, consistently within a variant, so each variant brings new
people, places and organisations, as a growing news archive does, with the real text's
shape. The goal: the 10,000-article run peaks at no more than 1.2x the 500-article one.

    python bench/bench_memory.py --extracted [--articles 500 10000]

does the same without parsing, in minutes rather than hours: the model is loaded (an
ingest holds it) but the articles are make_store's ECB+ extractions under new names,
written through `ArticleWriter` as ingest writes them (resolution, stories, the store).
Parsing's memory does not grow with a run (spaCy parses in memory zones); what can grow
is the graph layer's, which this measures.

    python bench/bench_memory.py --extracted --into STORE --articles 5

writes them into a copy of STORE (a RocksDB checkpoint: hard links, no copying) instead of
a new store: what a small ingest into a large store costs, reading the resolver's and the
assigner's indexes at its start. `--stages` says which of the writer's stages raised the
process how far, and which update request most, with its size, by checkpoint.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from storygraph.ingest import ArticleWriter
    from storygraph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl",
           ROOT / "tests" / "data" / "stories", ROOT / "tests" / "data" / "resolution"]
# A capitalised word that follows a lower-case word or a comma: a name, not a sentence start.
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")
_SYLLABLES = ("ka", "lo", "mi", "ren", "tor", "vel", "sa", "dun", "bri", "mar", "ol", "ta",
              "nes", "gar", "li", "po", "cas", "fen", "ro", "wyn", "bel", "dra", "ish", "qu")


def made_up(word: str, variant: int) -> str:
    """A name-like word for `word` in `variant`: two or three syllables, always the same."""
    digest = hashlib.sha256(f"{word}/{variant}".encode()).digest()
    count = 2 + digest[0] % 2
    return "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest[1:1 + count]).capitalize()


def articles(count: int) -> Iterator[dict[str, str]]:
    """`count` JSON Lines records: the real articles, then variants of them, in turn."""
    sys.path.insert(0, str(ROOT))
    from storygraph.model import Article
    from storygraph.sources import read_paths

    real = [item for item in read_paths(SOURCES) if isinstance(item, Article)]
    for n in range(count):
        article, variant = real[n % len(real)], n // len(real)
        text = article.text if variant == 0 else _NAME.sub(
            lambda m, v=variant: made_up(m.group(0), v), article.text)
        record = {"text": text, "title": text.strip().split("\n", 1)[0][:120]}
        if article.published:
            record["published"] = article.published[:10]
        yield record


def run(count: int, feed: Path, jobs: int) -> dict[str, object]:
    """Ingest `feed` into a new on-disk store in this process; RSS along the way."""
    sys.path.insert(0, str(ROOT))
    from storygraph.ingest import ingest
    from storygraph.nlp import load_model
    from storygraph.store import open_store

    nlp = load_model()
    nlp("warm up")
    checkpoints = {n for n in (100, 250, 500, 1000, 2000, 3000, 5000, 7500, 10000) if n <= count}
    samples: dict[int, float] = {0: _rss("VmRSS")}
    started, cpu = time.perf_counter(), time.process_time()
    outcomes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "store") as store:
        flushes = FlushLog(store)
        for done, result in enumerate(ingest([feed], store, nlp, n_process=jobs), start=1):
            outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
            flushes.articles = done
            if done in checkpoints:
                samples[done] = _rss("VmRSS")
        ingested = _ingest_totals(started, cpu)
        quads = store.quad_count()  # reads a whole index: RocksDB's caches fill
    return {"articles": count, "outcomes": outcomes, "quads": quads, **ingested,
            "peak_with_count_mb": _rss("VmHWM"), "rss_mb_after": samples,
            "flushes": flushes.summary(checkpoints)}


# Copies of the corpus written into an existing store are numbered from here, so that
# their names are new to a store of make_store's (whose copies are numbered from 0).
NEW_COPIES = 1000


def run_extracted(count: int, stages: bool = False, into: Path | None = None
                  ) -> dict[str, object]:
    """Write `count` of make_store's renamed ECB+ extractions into a new on-disk store, or
    into the store `into` (the parent's copy of a large one); with `stages`, how far each
    of the writer's stages raised the process (`StageTrace`)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from make_store import base_extractions, variant

    from storygraph.ingest import ArticleWriter
    from storygraph.nlp import load_model
    from storygraph.store import open_store

    nlp = load_model()
    nlp("warm up")
    base = base_extractions()
    checkpoints = {n for n in (100, 250, 500, 1000, 2000, 3000, 5000, 7500, 10000) if n <= count}
    checkpoints.add(count)
    first_copy = 0 if into is None else NEW_COPIES
    with tempfile.TemporaryDirectory() as tmp:
        samples: dict[int, float] = {0: _rss("VmRSS")}
        started, cpu = time.perf_counter(), time.process_time()
        with open_store(into or Path(tmp) / "store") as store:
            writer = ArticleWriter(store)
            flushes = FlushLog(store)
            trace = StageTrace(writer) if stages else None
            for n in range(count):
                writer.write(variant(base[n % len(base)], first_copy + n // len(base), n % 30))
                flushes.articles = n + 1
                if trace is not None:
                    trace.articles = n + 1
                if n + 1 in checkpoints:
                    samples[n + 1] = _rss("VmRSS")
                    peak = trace.peak() if trace is not None else _rss("VmHWM")
                    print(f"{n + 1} articles: RSS {samples[n + 1]} MB, peak {peak} MB, "
                          f"after the last flush {flushes.after[-1] if flushes.after else None}"
                          f" MB, {time.perf_counter() - started:.0f} s, "
                          f"CPU {time.process_time() - cpu:.0f} s", file=sys.stderr, flush=True)
            ingested = _ingest_totals(started, cpu)
            if trace is not None:
                ingested["peak_rss_mb"] = trace.peak()
            quads = store.quad_count()  # reads a whole index: RocksDB's caches fill
    report = {"articles": count, "extracted": True, "quads": quads, **ingested,
              "peak_with_count_mb": trace.peak() if trace is not None else _rss("VmHWM"),
              "rss_mb_after": samples, "flushes": flushes.summary(checkpoints)}
    if trace is not None:
        report["stage_rise_mb"] = trace.summary(checkpoints)
        report["largest_request"] = trace.largest_requests(checkpoints)
    return report


class StageTrace:
    """The most each of the writer's stages raised the process above its RSS when the stage
    began, its peak inside the stage included (not only where it ended).

    VmHWM is reset (`/proc/self/clear_refs`) as each stage begins and read as it ends, so
    the run's own peak is kept here: the highest VmHWM read. A bench-only probe: resetting
    a process's peak would mislead anyone measuring the CLI from outside.
    """

    def __init__(self, writer: ArticleWriter) -> None:
        self.articles = 0  # written so far (the caller keeps it current)
        self.rises: list[tuple[int, str, float]] = []
        # Each update request: the article, how far it raised the process, its characters
        # and operations.
        self.requests: list[tuple[int, float, int, int]] = []
        self._peak = _rss("VmHWM")
        self._stage_high = 0.0  # the stage's highest VmHWM before a request reset it
        timed, apply = writer._timed, writer.store.apply

        @contextmanager
        def traced(stage: str) -> Iterator[None]:
            self._peak = max(self._peak, _rss("VmHWM"))
            Path("/proc/self/clear_refs").write_text("5")
            began = _rss("VmRSS")
            self._stage_high = 0.0
            with timed(stage):
                yield
            highest = max(_rss("VmHWM"), self._stage_high)
            self._peak = max(self._peak, highest)
            self.rises.append((self.articles + 1, stage, round(highest - began, 1)))

        def applied(operations: list[str], *, what: str) -> None:
            self._stage_high = max(self._stage_high, _rss("VmHWM"))
            self._peak = max(self._peak, self._stage_high)
            Path("/proc/self/clear_refs").write_text("5")
            began = _rss("VmRSS")
            apply(operations, what=what)
            highest = _rss("VmHWM")
            self._stage_high = max(self._stage_high, highest)
            self._peak = max(self._peak, highest)
            self.requests.append((self.articles + 1, round(highest - began, 1),
                                  sum(map(len, operations)), len(operations)))

        writer._timed = traced  # type: ignore[method-assign]
        writer.store.apply = applied  # type: ignore[method-assign]

    def peak(self) -> float:
        self._peak = max(self._peak, _rss("VmHWM"))
        return self._peak

    def summary(self, checkpoints: set[int]) -> dict[int, dict[str, float]]:
        """By each checkpoint, over the articles since the one before: each stage's largest
        rise, in MB."""
        marks: dict[int, dict[str, float]] = {}
        previous = 0
        for mark in sorted(checkpoints):
            window = marks.setdefault(mark, {})
            for article, stage, rise in self.rises:
                if previous < article <= mark:
                    window[stage] = max(window.get(stage, 0.0), rise)
            previous = mark
        return marks

    def largest_requests(self, checkpoints: set[int]) -> dict[int, dict[str, float]]:
        """By each checkpoint, over the articles since the one before: the update request
        that raised the process most, its article, characters and operations."""
        marks: dict[int, dict[str, float]] = {}
        previous = 0
        for mark in sorted(checkpoints):
            window = [r for r in self.requests if previous < r[0] <= mark]
            if window:
                article, rise, characters, operations = max(window, key=lambda r: r[1])
                marks[mark] = {"article": article, "rise_mb": rise,
                               "characters": characters, "operations": operations}
            previous = mark
        return marks


class FlushLog:
    """RSS just before and just after each flush of the store's memory (the writer's).

    After a flush is the floor of the run's memory at that length; before one, how far
    it rose since the last: a peak is the one plus the other.
    """

    def __init__(self, store: GraphStore) -> None:
        self.articles = 0  # written so far (the caller keeps it current)
        self.at: list[int] = []
        self.before: list[float] = []
        self.after: list[float] = []
        self._flush = store.flush
        store.flush = self.flush  # type: ignore[method-assign]

    def flush(self) -> None:
        before = _rss("VmRSS")
        self._flush()
        self.at.append(self.articles + 1)  # the writer flushes inside the next write
        self.before.append(before)
        self.after.append(_rss("VmRSS"))

    def summary(self, checkpoints: set[int]) -> dict[str, object]:
        """The flushes' count, and by each checkpoint, over the flushes since the one before:
        the lowest RSS after a flush and the highest before one."""
        marks: dict[int, list[float]] = {}
        previous = 0
        for mark in sorted(checkpoints):
            window = [i for i, at in enumerate(self.at) if previous < at <= mark]
            if window:
                marks[mark] = [min(self.after[i] for i in window),
                               max(self.before[i] for i in window)]
            previous = mark
        return {"count": len(self.at), "lowest_after_highest_before_mb": marks}

def _ingest_totals(started: float, cpu: float) -> dict[str, float]:
    """The run's wall and CPU time and its peak RSS, before the bench counts the quads."""
    return {"seconds": round(time.perf_counter() - started, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1), "peak_rss_mb": _rss("VmHWM")}


def _rss(field: str) -> float:
    """VmRSS or VmHWM of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field} in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[500, 10000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--extracted", action="store_true",
                        help="write make_store's extractions instead of parsing articles")
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # a child: ingest this
    parser.add_argument("--run-extracted", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stages", action="store_true",
                        help="with --extracted: the most each writer stage raised memory")
    parser.add_argument("--into", type=Path,
                        help="with --extracted: write into a copy of this store, not a new one")
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run(args.articles[0], args.run, args.jobs)))
        return
    if args.run_extracted:
        print(json.dumps(run_extracted(args.articles[0], args.stages, args.into)))
        return
    if args.extracted:
        # make_store parses the corpus once into its cache: here, not inside the first
        # measured run, whose peak it would raise by ~90 MB.
        sys.path.insert(0, str(ROOT / "bench"))
        from make_store import base_extractions

        base_extractions()
    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.articles:
            if args.extracted:
                into = []
                if args.into:  # a fresh copy for each run, made here, outside the measure
                    copy = Path(tmp) / f"store-{count}"
                    ox.Store.read_only(str(args.into)).backup(str(copy))
                    into = ["--into", str(copy)]
                child = subprocess.run(
                    [sys.executable, __file__, "--run-extracted", "--articles", str(count),
                     *(["--stages"] if args.stages else []), *into],
                    stdout=subprocess.PIPE, text=True, check=True)  # progress on stderr
                reports.append({**json.loads(child.stdout.strip().splitlines()[-1]),
                                "into": str(args.into) if args.into else None})
                print(json.dumps(reports[-1]), flush=True)
                continue
            feed = Path(tmp) / f"articles-{count}.jsonl"
            with feed.open("w", encoding="utf-8") as out:
                for record in articles(count):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            child = subprocess.run(
                [sys.executable, __file__, "--run", str(feed), "--articles", str(count),
                 "--jobs", str(args.jobs)], capture_output=True, text=True, check=True)
            reports.append(json.loads(child.stdout.strip().splitlines()[-1]))
            print(json.dumps(reports[-1]), flush=True)
    small, large = reports[0], reports[-1]
    print(json.dumps({
        "peak_ratio": round(float(large["peak_rss_mb"]) / float(small["peak_rss_mb"]), 3),
        "sizes": [r["articles"] for r in reports], "jobs": args.jobs,
        "python": sys.version.split()[0]}, indent=2))


if __name__ == "__main__":
    main()
