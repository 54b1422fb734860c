"""Ingest: read, extract and store articles, skipping what the store already has."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from storygraph.errors import InputError, StoreWriteError, StorygraphError
from storygraph.extract import EXTRACTOR_VERSION
from storygraph.model import Article, Skipped
from storygraph.pipeline import describe, extract_articles
from storygraph.resolve.resolver import Resolver
from storygraph.resolve.stories import assign_story
from storygraph.sources import read_paths
from storygraph.store import GraphStore


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input: an outcome for an article, or the error for a bad input."""

    key: str
    outcome: str  # "added" | "replaced" | "unchanged" | "duplicate" | "error" | "skipped"
    error: str | None = None
    note: str | None = None  # for "skipped": what was passed over and why


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    nlp: Language,
    *,
    reextract: bool = False,
    n_process: int = 1,
) -> Iterator[IngestResult]:
    """Store every article under `paths`; each article is one transaction.

    Articles stored under the same key with the same text are not parsed again,
    unless `reextract` is set and they were extracted by an older version.
    """
    unchanged: list[IngestResult] = []
    resolver = Resolver(store)  # reads the store once, then follows what is put

    def needs_work(items: Iterable[Article | InputError | Skipped]
                   ) -> Iterator[Article | InputError | Skipped]:
        for item in items:
            if isinstance(item, Article):
                state = store.article_state(item.key)
                if state is not None and state.article_id == item.id and (
                    not reextract or state.extractor_version == EXTRACTOR_VERSION
                ):
                    unchanged.append(IngestResult(item.key, "unchanged"))
                    continue
            yield item

    for result in extract_articles(needs_work(read_paths(paths)), nlp, n_process=n_process):
        yield from _drain(unchanged)
        if isinstance(result, InputError):
            yield IngestResult(result.where, "error", str(result))
        elif isinstance(result, Skipped):
            yield IngestResult(result.where, "skipped", note=str(result))
        else:
            try:
                resolution = resolver.resolve(result)
                outcome = store.put(result, resolution)
                resolver.stored(result, resolution, outcome)
                assign_story(store, result, outcome)
                yield IngestResult(result.article.key, outcome)
            except StoreWriteError:
                raise  # the store takes no writes (disk full): every later article would fail
            except StorygraphError as error:
                # One article the store refused (nothing of it was written): report, go on.
                yield IngestResult(result.article.key, "error", str(error))
            except Exception as error:  # a bug met by one article must not end the batch
                resolver.invalidate()  # its index may hold part of the article: read again
                yield IngestResult(result.article.key, "error",
                                   f"{result.article.key}: ingest failed ({describe(error)})")
    yield from _drain(unchanged)


def _drain(pending: list[IngestResult]) -> Iterator[IngestResult]:
    while pending:
        yield pending.pop(0)
