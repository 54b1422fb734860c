"""Parsing and extraction on a Dask cluster; resolution and writes stay in this process.

`DaskExtractor` is an extractor for `storygraph.ingest.ingest`: it sends articles in
batches to Dask workers (dask.distributed), each of which parses and extracts them with
its own copy of the spaCy model (loaded once per worker process), and hands the
extractions back in input order, so that the store after a cluster ingest is the store
a local ingest of the same inputs makes. Only a bounded window of batches is out at a
time: results stream back as they complete (`as_completed`) and wait, re-ordered, only
for the batches before them.

A batch whose worker died (or that failed for any other reason than extraction, which
`extract_articles` already turns into one error per article) is sent again one article
per task, one task at a time, so an article that kills its worker is one error and the
others of its batch are stored. A missing model on the workers ends the ingest: every
batch would fail.

Only this module imports dask, and only the CLI's `--scheduler` imports this module.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from storygraph.errors import ClusterError, ExtractionError, StorygraphError
from storygraph.model import Article
from storygraph.nlp import MODEL_ENV, load_model
from storygraph.pipeline import Item, Result, chunks, describe, extract_articles, merged

if TYPE_CHECKING:
    from distributed import Client, Future


BATCH = 8  # articles per task: a few seconds of parsing, small next to a task's overhead
CONNECT_TIMEOUT = "10s"  # to reach a scheduler; a wrong address fails in this long
# spaCy's pipeline and its memory zones are not for several threads at once: a worker
# process with several threads parses one batch at a time.
_PARSING = threading.Lock()


def extract_batch(model: str | None, articles: list[Article]) -> list[Result]:
    """On a worker: parse and extract `articles`, one result each, in order."""
    with _PARSING:
        nlp = load_model(model)  # once per worker process (cached)
        return list(extract_articles(articles, nlp, zone=len(articles)))


class DaskExtractor:
    """Extract articles on the Dask cluster `client` talks to, `batch` articles per task.

    The model is `model`, else this process's $STORYGRAPH_MODEL, else the workers' own
    default. At most `window` batches (default: two per worker thread, so each has the next one
    waiting) are out at a time, read from the input only as earlier ones are handed on.
    """

    def __init__(self, client: Client, *, model: str | None = None, batch: int = BATCH,
                 window: int | None = None) -> None:
        self.client = client
        # The model this process would use: workers elsewhere may not have its setting.
        self.model = model or os.environ.get(MODEL_ENV)
        self.batch = batch
        self.window = window or max(2, 2 * sum(client.nthreads().values()))

    def __call__(self, items: Iterable[Item]) -> Iterator[Result]:
        from distributed import as_completed

        batches = chunks(items, self.batch)
        running: dict[Future, int] = {}
        sent: dict[int, list[Item]] = {}
        ready: dict[int, list[Result]] = {}
        completed = as_completed()
        submitted = handed = 0  # batches sent, batches handed on
        exhausted = False
        try:
            while True:
                while not exhausted and submitted - handed < self.window:
                    chunk = next(batches, None)
                    if chunk is None:
                        exhausted = True
                        break
                    articles = [item for item in chunk if isinstance(item, Article)]
                    if articles:
                        future = self.client.submit(extract_batch, self.model, articles,
                                                    pure=False)
                        running[future] = submitted
                        sent[submitted] = chunk
                        completed.add(future)
                    else:  # errors and skip notices only: nothing to send
                        ready[submitted] = merged(chunk, [])
                    submitted += 1
                if handed in ready:
                    yield from ready.pop(handed)
                    handed += 1
                    continue
                if exhausted and handed == submitted:
                    return
                future = next(completed)
                index = running.pop(future)
                ready[index] = self._results(future, sent.pop(index))
        finally:
            for future in running:
                future.cancel()

    def _results(self, future: Future, chunk: list[Item]) -> list[Result]:
        if future.status == "finished":
            return merged(chunk, future.result())
        _raise_if_fatal(future)
        # The batch was lost (its worker died, most likely): again, one article a task and
        # one at a time, first in the queue, so that only an article that kills its worker
        # is lost, never one that happened to wait on the same worker.
        from distributed import wait

        results: list[Result] = []
        for item in chunk:
            if not isinstance(item, Article):
                continue
            single = self.client.submit(extract_batch, self.model, [item], pure=False,
                                        priority=1)
            wait([single])
            if single.status == "finished":
                results.extend(single.result())
            else:
                _raise_if_fatal(single)
                results.append(ExtractionError(item.where, _failure(single)))
        return merged(chunk, results)


def _raise_if_fatal(future: Future) -> None:
    """A library error on a worker (the model is missing) would meet every article."""
    error = future.exception()
    if isinstance(error, StorygraphError):
        raise error


def _failure(future: Future) -> str:
    from distributed import KilledWorker

    error = future.exception()
    if isinstance(error, KilledWorker):
        return "extraction failed (the Dask worker extracting it died)"
    return f"extraction failed ({describe(error) if error else future.status})"


@contextmanager
def dask_extractor(scheduler: str, *, model: str | None = None,
                   batch: int = BATCH) -> Iterator[DaskExtractor]:
    """A `DaskExtractor` on `scheduler`: `local:N` starts N worker processes here (closed
    on leaving), anything else is a scheduler's address (`tcp://host:8786`)."""
    import logging

    from distributed import Client, LocalCluster

    workers = _local_workers(scheduler)
    cluster = None
    try:
        if workers is not None:
            # No dashboard, and the scheduler's HTTP port any free one (not 8787, which
            # another cluster may hold); what workers log, this process says itself.
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", scheduler_kwargs={"dashboard": False},
                                   silence_logs=logging.CRITICAL)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} "
                           f"({describe(error)})") from None
    try:
        yield DaskExtractor(client, model=model, batch=batch)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _local_workers(scheduler: str) -> int | None:
    """N for `local:N`; None for an address; a ClusterError for anything else."""
    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if count.isdigit() and int(count) > 0:
            return int(count)
    elif "://" in scheduler:
        return None
    raise ClusterError(f"--scheduler {scheduler!r}: give a scheduler's address "
                       "(tcp://HOST:8786) or local:N for N local worker processes")
