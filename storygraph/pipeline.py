"""Articles in, extractions out: parse with spaCy (batched, optionally in parallel) and extract.

With several processes (`n_process`), each parses *and* extracts a batch of articles
and sends back plain extractions, as Dask workers do (`storygraph.cluster`): this
process is left the resolution, stories and writes. (spaCy's own `n_process` sends
whole parsed documents back, which this process then had to unpack and extract
while its parsers competed with it for the cores: `--jobs 2` was slower than 1.)
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from spacy.language import Language

from storygraph.errors import ExtractionError, InputError
from storygraph.extract import extract
from storygraph.model import Article, Entity, Extraction, Skipped

# Articles parsed in one spaCy memory zone: one process frees its strings this often.
ZONE = 256
BATCH = 8  # articles a parser process takes at a time: its work dwarfs the hand-over
Item = Article | InputError | Skipped
Result = Extraction | InputError | Skipped
# Parses articles and extracts them, handing errors and skip notices on, all in input
# order: `extract_articles` with a model, or `storygraph.cluster.DaskExtractor`.
Extractor = Callable[[Iterable[Item]], Iterator[Result]]


def extract_articles(
    items: Iterable[Item],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 16,
    zone: int | None = None,
    in_workers: bool = False,
) -> Iterator[Result]:
    """Extract every article; errors (from reading or from length) and skip notices pass
    through in order. With `n_process` above 1, that many processes parse and extract,
    `BATCH` articles at a time (`in_processes`). With `in_workers`, so do they when
    `n_process` is 1, once more than `BATCH` articles come: this process is then free
    for what it does with each batch (ingest: resolve, assign stories, write) while
    the worker parses the next, on another core.

    An article the extractor fails on comes out as an `ExtractionError` naming it, and
    the batch goes on. Memory stays flat however many articles come: only the items
    between the reader and the parser's batch are held, and every `zone` articles
    (default `ZONE`; a worker process's batch with several processes) the
    strings and lexemes spaCy added for them are freed (`Language.memory_zone`), since
    extractions hold plain strings only.
    """
    if n_process > 1:
        yield from in_processes(items, nlp, n_process)
        return
    if in_workers:
        # A worker costs a fork and a hand-over: not worth it for a batch or less.
        source = iter(items)
        first = chunks(source, BATCH)
        head = next(first, [])
        more = next(first, None)
        if more is not None:
            yield from in_processes(itertools.chain(head, more, source), nlp, 1)
            return
        items = head
    model = str(nlp.meta.get("storygraph_name") or nlp.meta.get("name", ""))
    size = zone or ZONE
    # Items read but not yet handed on, in input order; the parser yields docs in the
    # same order, so each doc belongs to the first article waiting here.
    pending: deque[Item] = deque()
    source = iter(items)
    exhausted = False

    def texts() -> Iterator[tuple[str, Article]]:
        nonlocal exhausted
        count = 0
        for item in source:
            if isinstance(item, Article) and len(item.text) > nlp.max_length:
                item = InputError(
                    item.where,
                    f"text is {len(item.text):,} characters, over the model's limit of "
                    f"{nlp.max_length:,}",
                )
            pending.append(item)
            if isinstance(item, Article):
                yield item.text, item
                count += 1
                if count == size:
                    return  # the zone ends here; the next one reads on from `source`
        exhausted = True

    while not exhausted:
        with nlp.memory_zone():
            docs = nlp.pipe(texts(), as_tuples=True, batch_size=batch_size)
            for doc, article in docs:
                # Errors before this article come out first, in input order.
                while not isinstance(pending[0], Article):
                    yield pending.popleft()
                pending.popleft()
                try:
                    result: Extraction | InputError = with_authors(
                        extract(doc, article, model=model))
                except Exception as exc:  # one article's bug must not end the batch
                    result = ExtractionError(article.where,
                                             f"extraction failed ({describe(exc)})")
                    result.__cause__ = exc
                yield result
    yield from pending


def in_processes(items: Iterable[Item], nlp: Language, processes: int, *,
                 batch: int = BATCH) -> Iterator[Result]:
    """`extract_articles` in `processes` forked processes, `batch` articles a task, results
    in input order; at most two batches a process are out at a time, read from `items`
    only as earlier ones are handed on.

    A batch whose process died (killed, or a crash in native code) is done again one
    article at a time, so only an article that kills its process is lost, as one error.
    """
    pool = _Parsers(nlp, processes)
    out: deque[tuple[list[Item], Future[list[Result]] | None]] = deque()
    try:
        for chunk in chunks(items, batch):
            articles = [item for item in chunk if isinstance(item, Article)]
            out.append((chunk, pool.submit(articles) if articles else None))
            while len(out) > 2 * processes or (out and _done(out[0][1])):
                yield from pool.results(*out.popleft())
        while out:
            yield from pool.results(*out.popleft())
    finally:
        pool.close()


def _done(future: Future[list[Result]] | None) -> bool:
    return future is None or future.done()


class _Parsers:
    """The worker processes of `in_processes`, made again when one dies."""

    def __init__(self, nlp: Language, size: int) -> None:
        self.nlp = nlp
        self.size = size
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # Forked, the workers share the loaded model's pages with this process; where
        # there is no fork (Windows), each loads the model again by its name.
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            return ProcessPoolExecutor(self.size, multiprocessing.get_context("fork"),
                                       initializer=_use_model, initargs=(self.nlp, None))
        name = str(self.nlp.meta.get("storygraph_name") or "")
        return ProcessPoolExecutor(self.size, multiprocessing.get_context("spawn"),
                                   initializer=_use_model, initargs=(None, name or None))

    def submit(self, articles: list[Article]) -> Future[list[Result]]:
        try:
            return self.executor.submit(_extract_batch, articles)
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()
            return self.executor.submit(_extract_batch, articles)

    def results(self, chunk: list[Item], future: Future[list[Result]] | None) -> list[Result]:
        if future is None:
            return merged(chunk, [])
        try:
            return merged(chunk, future.result())
        except BrokenProcessPool:
            pass
        extracted: list[Result] = []
        for item in chunk:
            if isinstance(item, Article):
                try:
                    extracted.extend(self.submit([item]).result())
                except BrokenProcessPool:
                    extracted.append(ExtractionError(
                        item.where, "extraction failed (the process parsing it died)"))
        return merged(chunk, extracted)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


_MODEL: Language | None = None  # a worker process's model


def _use_model(nlp: Language | None, name: str | None) -> None:
    global _MODEL
    # Ctrl-C reaches the whole process group. A worker waiting for its next task would
    # print KeyboardInterrupt's traceback; SystemExit can hang there (the exit's clean-up
    # reads a pipe). Leaving at once loses nothing: the parent, interrupted too, stops the
    # pool, and a batch cut short is one the parent would do again were it not.
    signal.signal(signal.SIGINT, _leave)
    if nlp is None:
        from storygraph.nlp import load_model

        nlp = load_model(name)
    _MODEL = nlp


def _leave(signum: int, frame: object) -> None:
    os._exit(130)


def _extract_batch(articles: list[Article]) -> list[Result]:
    assert _MODEL is not None
    return list(extract_articles(articles, _MODEL, zone=len(articles)))


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Items in runs holding `size` articles each (errors and notices where they came)."""
    chunk: list[Item] = []
    articles = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Article):
            articles += 1
            if articles == size:
                yield chunk
                chunk, articles = [], 0
    if chunk:
        yield chunk


def merged(chunk: list[Item], extracted: list[Result]) -> list[Result]:
    """The chunk with each article replaced by its result (one each, in order); errors
    and notices of the reader never went to a parser."""
    results = iter(extracted)
    return [next(results) if isinstance(item, Article) else item for item in chunk]


def describe(exc: BaseException) -> str:
    """`IndexError: list index out of range`, on one line."""
    words = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {words}" if words else type(exc).__name__


def with_authors(extraction: Extraction) -> Extraction:
    """Give every byline name an entity, so authors are resolved like anyone the text names.

    A name the text already mentions is that entity; any other becomes an entity
    without mentions: a person, or an organisation when the byline is one word or
    the outlet itself ("Reuters", "BBC News").
    """
    known = {n.casefold() for e in extraction.entities for n in (e.name, *e.aliases)}
    added: list[Entity] = []
    for number, name in enumerate(extraction.article.authors):
        if name.casefold() in known:
            continue
        known.add(name.casefold())
        is_outlet = len(name.split()) == 1 or name == extraction.article.source
        added.append(Entity(id=f"author-{number}", name=name,
                            type="ORG" if is_outlet else "PERSON"))
    if not added:
        return extraction
    return replace(extraction, entities=(*extraction.entities, *added))
