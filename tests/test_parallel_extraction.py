"""`--jobs N`: N processes parse and extract, and the results are those of one process, in
input order, with the reader's errors where they came and a dead process costing only the
article that killed it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storygraph.pipeline
from storygraph.cli import app
from storygraph.errors import ExtractionError, InputError
from storygraph.model import Article, Skipped
from storygraph.pipeline import extract_articles
from storygraph.sources import read_paths
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))[:9]
ECBPLUS = ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"
KILLER = "This sentence makes the parser process die."


def inputs() -> list[Article | InputError | Skipped]:
    """Corpus articles with a reader's error and a skip notice among them."""
    articles = list(read_paths(CORPUS))
    return [*articles[:3], InputError("broken.json", "invalid JSON"), *articles[3:7],
            Skipped("notes/", ".csv files (not an article)", 2), *articles[7:]]


def outcome(items) -> list[object]:
    return [item.to_json() if hasattr(item, "to_json") else str(item) for item in items]


def test_processes_give_what_one_process_gives_in_the_same_order(nlp):
    alone = outcome(extract_articles(inputs(), nlp))
    together = outcome(extract_articles(inputs(), nlp, n_process=2))
    assert len(alone) == len(CORPUS) + 2
    assert together == alone


def test_in_workers_one_process_parses_beside_this_one_once_more_than_a_batch_comes(
        nlp, monkeypatch):
    real = storygraph.pipeline.extract

    def signed(doc, article, **kwargs):  # which process extracted it
        return replace(real(doc, article, **kwargs), model=str(os.getpid()))

    monkeypatch.setattr(storygraph.pipeline, "extract", signed)
    alone = list(extract_articles(inputs(), nlp))
    beside = list(extract_articles(inputs(), nlp, in_workers=True))
    assert len([a for a in inputs() if isinstance(a, Article)]) > storygraph.pipeline.BATCH
    here = str(os.getpid())
    assert {r.model for r in alone if hasattr(r, "model")} == {here}
    workers = {r.model for r in beside if hasattr(r, "model")}
    assert len(workers) == 1 and here not in workers
    assert outcome(replace(r, model="") if hasattr(r, "model") else r for r in beside) == \
        outcome(replace(r, model="") if hasattr(r, "model") else r for r in alone)
    # A batch or less is not worth a worker: it is parsed here.
    few = [item for item in inputs()][:5]
    assert {r.model for r in extract_articles(few, nlp, in_workers=True)
            if hasattr(r, "model")} == {here}


def test_an_article_that_kills_its_process_is_one_error(nlp, monkeypatch):
    real = storygraph.pipeline.extract

    def dies_on_the_marker(doc, article, **kwargs):
        if KILLER in article.text:
            os._exit(3)  # as a crash in native code would: no exception, no result
        return real(doc, article, **kwargs)

    # The workers are forked after this, so they run it too.
    monkeypatch.setattr(storygraph.pipeline, "extract", dies_on_the_marker)
    articles = [item for item in inputs() if isinstance(item, Article)]
    doomed = Article(id="doomed", key="doomed.txt", text=f"Ann Lee spoke in Leeds. {KILLER}")
    items = [*articles[:2], doomed, *articles[2:]]
    results = list(extract_articles(items, nlp, n_process=2))
    assert [r.where if isinstance(r, ExtractionError) else r.article.where
            for r in results] == [i.where for i in items]
    failed = [r for r in results if isinstance(r, ExtractionError)]
    assert [(e.where, e.problem) for e in failed] == [
        ("doomed.txt", "extraction failed (the process parsing it died)")]


def test_ingest_with_two_jobs_stores_what_one_job_stores(tmp_path):
    runner = CliRunner()
    counts = []
    for jobs in ("1", "2"):
        store = tmp_path / f"store{jobs}"
        result = runner.invoke(app, ["ingest", *map(str, CORPUS[:5]), "--store", str(store),
                                     "--jobs", jobs])
        assert result.exit_code == 0, result.output
        with open_store(store) as opened:
            counts.append(len(opened.inner))
        listed = runner.invoke(app, ["claims", "--store", str(store), "--format", "json"])
        counts.append(sorted(c["text"] for c in json.loads(listed.output)))
    assert counts[0] == counts[2] and counts[1] == counts[3]


# Forked, ProcessPoolExecutor starts every worker at once: -j 100000 was 100,000 forks of
# a process holding the model.
@pytest.mark.parametrize("jobs", ["0", "-1", "100000"])
def test_jobs_out_of_range_are_refused(jobs):
    result = CliRunner().invoke(app, ["extract", "x.txt", "--jobs", jobs])
    assert result.exit_code == 2


def test_ctrl_c_stops_every_process_quietly(tmp_path):
    """Ctrl-C reaches the whole process group, as a terminal sends it: the ingest ends
    with 130, no worker's traceback, and no worker left behind."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "storygraph", "ingest", str(ECBPLUS), "--store",
         str(tmp_path / "store"), "--jobs", "2"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        _wait_for_children(process.pid, 2)  # the model loaded, the workers forked
        time.sleep(0.5)  # and parsing
        assert process.poll() is None
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=60)
        time.sleep(0.5)
        left = True
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            left = False
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, output.decode()
    assert b"Traceback" not in output
    assert not left  # no process of the group outlived the ingest


def test_ctrl_c_while_a_worker_waits_for_work_ends_it_without_a_traceback(capfd):
    """The case the whole-ingest test meets only by chance: the interrupt reaches a worker
    between tasks, reading the pool's queue, not inside a task."""
    import spacy

    pool = storygraph.pipeline._Parsers(spacy.blank("en"), 1)
    try:
        assert pool.submit([]).result(timeout=60) == []  # forked, and now idle
        (worker,) = [process.pid for process in pool.executor._processes.values()]
        os.kill(worker, signal.SIGINT)
        deadline = time.monotonic() + 30
        while Path("/proc", str(worker)).exists() and _state(worker) != "Z" \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _state(worker) in ("Z", None)  # it ended
    finally:
        pool.close()
    assert "Traceback" not in capfd.readouterr().err


def _state(pid: int) -> str | None:
    try:
        return Path("/proc", str(pid), "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def _wait_for_children(pid: int, count: int, timeout: float = 60.0) -> None:
    """Until process `pid` has `count` children (read from /proc: Linux, as CI)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = 0
        for entry in os.listdir("/proc"):
            with contextlib.suppress(OSError):
                if entry.isdigit() and _parent(Path("/proc", entry, "stat").read_text()) == pid:
                    children += 1
        if children >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"process {pid} did not start {count} workers in {timeout} s")


def _parent(stat: str) -> int:
    # /proc/PID/stat: "pid (command) state ppid ...", the command may hold spaces.
    return int(stat.rsplit(")", 1)[1].split()[1])
