"""Extraction on a Dask cluster: the same store as a local ingest, errors one line each.

The clusters are real: a `distributed.LocalCluster` of two worker processes, and a
`dask scheduler` with a `dask worker` started here as processes for the tcp:// path.
Everything started is stopped at the end, multiprocessing's resource tracker included
(tests/test_query_limits.py asserts this process has no children left).
"""

from __future__ import annotations

import logging
import multiprocessing.resource_tracker
import os
import pickle
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import distributed
import pytest
from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.cluster import DaskExtractor
from storygraph.errors import ExtractionError, InputError
from storygraph.ingest import ingest
from storygraph.model import Article
from storygraph.sources.feeds import EntryWithoutText
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
runner = CliRunner()
# Written at ingest, so never the same twice: the time, and the merge activities' ids.
WALL_CLOCK = re.compile(r"(<http://www\.w3\.org/ns/prov#(?:generatedAtTime|endedAtTime)> )"
                        r"\"[^\"]*\"")
ACTIVITY_ID = re.compile(r"(/activity/[a-z]+-)[0-9a-f]{12}>")
TEXTS = {
    "a.txt": "Mayor Ann Lee opened the new library in Leeds on Monday.",
    "b.txt": "Police in Dover said the harbour road would close for repairs on Friday.",
    "c.txt": '"We are delighted," said coach Tom Reyes after the final in Hull.',
    "d.txt": "The council in York approved a new cycle lane on Tuesday, officials said.",
}


@pytest.fixture(scope="module", autouse=True)
def no_process_left() -> Iterator[None]:
    """The process multiprocessing starts to track semaphores for the workers outlives
    the clusters: stopped once every cluster of this module is closed (it ends when no
    worker holds its pipe any more)."""
    yield
    multiprocessing.resource_tracker._resource_tracker._stop()


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """Two worker processes; a task whose worker dies fails at once (no retries), so
    that an article killing its worker takes one death, not four, to be reported."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=":0",
                                           scheduler_kwargs={"dashboard": False},
                                           silence_logs=logging.CRITICAL)
        with distributed.Client(cluster) as connected:
            yield connected
        cluster.close()


class Fragile(distributed.WorkerPlugin):
    """Makes the workers' extractor fail on articles holding `marker`: raise, or kill
    the worker process (`die`). Restarted workers get it again; unregistering ends it."""

    def __init__(self, marker: str, *, die: bool) -> None:
        self.marker, self.die = marker, die

    def setup(self, worker) -> None:
        import storygraph.pipeline

        self.real = real = storygraph.pipeline.extract

        def fragile(doc, article, **kwargs):
            if self.marker in article.text:
                if self.die:
                    os._exit(1)
                raise IndexError("[E1002] Span index out of range.")
            return real(doc, article, **kwargs)

        storygraph.pipeline.extract = fragile

    def teardown(self, worker) -> None:
        import storygraph.pipeline

        storygraph.pipeline.extract = self.real


def write_batch(folder: Path) -> Path:
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text)
    return folder


def inputs(tmp_path: Path) -> list[Path]:
    """Two small corpora (stories that split and join, figures, quotes), a line that is
    not JSON, files of other kinds, and a text over the model's limit (an error the
    worker finds): errors and notices keep their places."""
    folder = tmp_path / "inputs"
    shutil.copytree(DATA / "stories", folder / "stories")
    shutil.copytree(DATA / "corpus", folder / "corpus")
    (folder / "broken.jsonl").write_text('{"text": "Half a line\n')
    (folder / "long.txt").write_text("word " * 220_000)
    return [folder]


def nquads(location: Path | str) -> list[str]:
    """The store's quads as N-Quads lines, sorted, with what ingest time writes blanked."""
    with open_store(location, read_only=True) as store:
        lines = (ACTIVITY_ID.sub(r"\1x>", WALL_CLOCK.sub(r'\1"T"', str(q)))
                 for q in store.inner)
        return sorted(lines)


def test_a_cluster_ingest_stores_what_a_local_one_does(nlp, client, tmp_path):
    paths = inputs(tmp_path)
    with open_store(tmp_path / "local") as store:
        local = list(ingest(paths, store, nlp))
    # Small batches in a window of three: batches finish out of order and wait for turns.
    extractor = DaskExtractor(client, batch=2, window=3)
    with open_store(tmp_path / "cluster") as store:
        clustered = list(ingest(paths, store, None, extractor=extractor))
    assert clustered == local
    assert {r.outcome for r in local} == {"added", "error", "skipped"}
    assert any("over the model's limit" in (r.error or "") for r in clustered)
    assert sum(r.outcome == "added" for r in local) == 27  # (stories/README.md is skipped)
    assert nquads(tmp_path / "cluster") == nquads(tmp_path / "local")


def test_every_input_error_survives_pickling():
    entry = Article(id="0" * 16, key="k", text="", url="https://example.org/a")
    for error in (EntryWithoutText("feed.xml:2", entry), ExtractionError("a.txt", "failed"),
                  InputError("b.txt", "text is empty")):
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), str(back), back.where, back.problem) == (
            type(error), str(error), error.where, error.problem)


def test_results_stream_back_in_order_from_a_bounded_window(client):
    read = 0

    def articles() -> Iterator[Article]:
        nonlocal read
        for number in range(10_000):
            read += 1
            yield Article(id=f"{number:016x}", key=f"k{number}",
                          text=f"Mayor Ann Lee opened library number {number} in Leeds.")

    results = DaskExtractor(client, batch=3, window=4)(articles())
    first = [next(results) for _ in range(7)]
    assert [r.article.key for r in first] == [f"k{n}" for n in range(7)]
    # Seven handed on: the third batch is being handed on, the next four are out.
    assert read <= 3 * (2 + 4)
    results.close()  # what is still out is cancelled
    assert read <= 3 * (2 + 4)


def test_an_article_failing_extraction_on_a_worker_is_one_error(nlp, client, tmp_path):
    batch = write_batch(tmp_path / "batch")
    client.register_plugin(Fragile("harbour", die=False), name="fragile")
    try:
        with open_store(":memory:") as store:
            results = list(ingest([batch], store, None,
                                  extractor=DaskExtractor(client, batch=2)))
    finally:
        client.unregister_worker_plugin("fragile")
    assert [r.outcome for r in results] == ["added", "error", "added", "added"]
    assert results[1].error == (f"{(batch / 'b.txt').resolve()}: extraction failed "
                                "(IndexError: [E1002] Span index out of range.)")


def test_a_worker_dying_on_an_article_is_one_error_and_the_rest_are_stored(nlp, client,
                                                                           tmp_path):
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "e.txt").write_text("Firefighters in Bath rescued a cat from a tree on Sunday.")
    batch = write_batch(tmp_path / "batch")
    with open_store(tmp_path / "store") as store:
        assert [r.outcome for r in ingest([earlier], store, nlp)] == ["added"]
        client.register_plugin(Fragile("harbour", die=True), name="deadly")
        try:
            results = list(ingest([batch], store, None,
                                  extractor=DaskExtractor(client, batch=2)))
        finally:
            client.unregister_worker_plugin("deadly")
        keys = store.article_keys()
    assert [r.outcome for r in results] == ["added", "error", "added", "added"]
    assert results[1].error == (f"{(batch / 'b.txt').resolve()}: extraction failed "
                                "(the Dask worker extracting it died)")
    assert keys == {str((earlier / "e.txt").resolve()),
                    *(str((batch / n).resolve()) for n in ("a.txt", "c.txt", "d.txt"))}
    client.wait_for_workers(2, timeout=120)  # the nannies restart the dead


def test_a_model_the_workers_lack_ends_the_ingest_with_one_line(tmp_path):
    batch = write_batch(tmp_path / "batch")
    result = runner.invoke(app, ["ingest", str(batch), "--store", str(tmp_path / "s"),
                                 "--scheduler", "local:1", "--model", "no_such_model"])
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        "Error: spaCy model 'no_such_model' is not installed (storygraph never downloads "
        "models; install it as a package or pick another with --model)"]


@pytest.mark.parametrize(("args", "message"), [
    (["--scheduler", "cluster.example.org"],
     "Error: --scheduler 'cluster.example.org': give a scheduler's address "
     "(tcp://HOST:8786) or local:N for N local worker processes"),
    (["--scheduler", "local:0"],
     "Error: --scheduler 'local:0': give a scheduler's address "
     "(tcp://HOST:8786) or local:N for N local worker processes"),
])
def test_a_scheduler_that_names_no_cluster_is_one_line(tmp_path, args, message):
    batch = write_batch(tmp_path / "batch")
    result = runner.invoke(app, ["ingest", str(batch), "--store", str(tmp_path / "s"), *args])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int) -> None:
    """Until the scheduler listens (a loaded machine takes seconds to start it)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def dask_process(*args: str) -> subprocess.Popen:
    """`dask ARGS` in its own process group (a worker's nanny starts the worker)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    dask = Path(sys.executable).with_name("dask")
    return subprocess.Popen([str(dask), *args], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_ingest_through_a_scheduler_address_stores_what_a_local_one_does(tmp_path):
    batch = write_batch(tmp_path / "batch")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    started = [dask_process("scheduler", "--host", "127.0.0.1", "--port", str(port),
                            "--no-dashboard")]
    try:
        started.append(dask_process("worker", address, "--nworkers", "1", "--nthreads", "1",
                                    "--no-dashboard"))
        wait_for_port(port)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cluster = subprocess.run(
            [sys.executable, "-m", "storygraph", "ingest", str(batch), "--store",
             str(tmp_path / "cluster"), "--scheduler", address],
            env=env, capture_output=True, text=True, timeout=300)
    finally:
        for process in reversed(started):
            os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for process in started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    assert cluster.returncode == 0, cluster.stderr
    assert cluster.stderr.splitlines()[-1] == f"4 added · store {tmp_path / 'cluster'}"
    local = runner.invoke(app, ["ingest", str(batch), "--store", str(tmp_path / "local")])
    assert local.exit_code == 0
    assert nquads(tmp_path / "cluster") == nquads(tmp_path / "local")
