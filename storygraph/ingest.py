"""Ingest: read, extract and store articles; each article is one transaction.

`ArticleWriter` stores one article at a time. It asks the store what the article's
key changes (`GraphStore.plan_article`), resolves the article against what is
stored, and sends the article's graph, the merges resolution decided and the story
changes as one update request (`GraphStore.apply`): a kill at any instant leaves
all of an article or none of it. docs/store.md describes the design.

`ingest` runs a batch through it: texts already stored under their key are not
parsed again, nor are texts stored under another key (the key joins them), and one
article's failure is one error for that article while the rest go on; a store that
refuses writes (a full disk) stops the batch at the first failure.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Set
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from spacy.language import Language

from storygraph.edits import EditError, merge_operations
from storygraph.errors import InputError, StoreWriteError, StorygraphError
from storygraph.extract import EXTRACTOR_VERSION
from storygraph.model import Article, Extraction, Ignored, Skipped
from storygraph.pipeline import Extractor, describe, extract_articles
from storygraph.rdf.mapping import map_extraction
from storygraph.resolve.resolver import RESOLVER_AGENT, Resolution, Resolver
from storygraph.resolve.stories import DEFAULT_PARAMS, Params
from storygraph.sources import read_paths
from storygraph.store import ArticleWrite, GraphStore
from storygraph.story_store import (
    StoryAssignment,
    StoryTracker,
    one_level_stories,
    plan_rebuild,
    plan_story,
)

T = TypeVar("T")
FLUSH_EVERY = 128  # article writes between flushes of the store's memory tables
# ... or sooner, once the process has grown this much since the last flush: what RocksDB
# holds between flushes (memory tables, and index blocks of every file a query reads)
# grows with the store, from ~50 MB per 128 articles on an empty one to 128 MB at 2,000.
FLUSH_GROWTH = 48 * 2**20
# A request that counts the story tallies of more articles than this again (the events of
# a big topic split anew: hundreds of articles in a long run) reads all their mentions and
# rewrites their stories, raising the process by tens of MB (46 MB for one at 8,866 articles
# of bench_memory's run): it starts from a flushed store, not on top of a write buffer.
RECOUNT_FLUSH = 96


def resident_bytes() -> int | None:
    """This process's resident memory now, where the system says (Linux); else None."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input: an outcome for an article, or the error for a bad input."""

    key: str
    outcome: str  # added, replaced, unchanged, duplicate, removed, error, skipped, warning
    error: str | None = None
    # For "skipped": what was passed over and why; for "warning": what of an input that
    # was read is not used (an unknown JSON key); for "removed": what went.
    note: str | None = None


@dataclass(frozen=True)
class Written:
    """What one write did: the store's decision, the resolution and the story."""

    write: ArticleWrite
    resolution: Resolution | None = None
    story: StoryAssignment | None = None

    @property
    def outcome(self) -> str:
        return self.write.outcome


class ArticleWriter:
    """Stores articles one transaction each: graph, resolution records and story together.

    `resolve=False` leaves cross-article resolution out (entities get plain name-slug
    ids), for fixtures that want the mapping as it is. `seconds` adds up the time spent
    per stage (resolve, map, stories, write), `cpu_seconds` the process's CPU time and
    `thread_seconds` the calling thread's, for benchmarks: the store's own background
    threads (RocksDB compaction) count in the first, not in the second.
    """

    def __init__(self, store: GraphStore, *, resolve: bool = True,
                 params: Params = DEFAULT_PARAMS) -> None:
        self.store = store
        self.resolver = Resolver(store, release=self._flush) if resolve else None
        self.params = params
        self.stories = StoryTracker(store, params)
        self.seconds: Counter[str] = Counter()
        self.cpu_seconds: Counter[str] = Counter()  # the same stages' CPU time
        self.thread_seconds: Counter[str] = Counter()  # ... this thread's alone
        # Articles whose story tallies the requests counted again (`StoryPlan.recounted`):
        # how much of a store's stories its writes rewrite whole, for benchmarks.
        self.recounted = 0
        self._unflushed = 0
        self._flushed_at: int | None = None  # resident bytes after the last flush
        self._resident: int | None = None  # ... after the last article's write
        # The most one article raised it above where the previous one left it, since the
        # last flush: read as each stage ends, so that what a stage holds only while it
        # runs (a figure series read, a story plan) counts, not only what stays.
        self._largest_rise = 0
        self._largest_request = 0  # ... one article's update request did
        self._migrated = False

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        started, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started
            self.cpu_seconds[stage] += time.process_time() - cpu
            self.thread_seconds[stage] += time.thread_time() - thread

    def migrate(self) -> int:
        """Give the stories of the one-level model (a store written before topics) their
        topics and events, one transaction each, before the first write; how many."""
        if self._migrated:
            return 0
        stories = one_level_stories(self.store)
        for story in stories:
            plan = plan_rebuild(self.store, story, self.params, self.stories)
            self.store.apply(plan.operations, what=f"story {story}")
            self.stories.applied(plan)
        self._migrated = True
        return len(stories)

    def invalidate(self) -> None:
        """Forget what was read from the store (after a failed write): read it again."""
        if self.resolver is not None:
            self.resolver.invalidate()
        self.stories.invalidate()

    def write(self, extraction: Extraction) -> Written:
        """Store one extracted article under its key (see `storygraph.store`)."""
        write = self.store.plan_article(extraction.article, extraction.extractor_version)
        if not write.changes:
            return Written(write)
        if not write.write_graph:
            return self.commit(write, self.store.article_operations(write).operations,
                                extraction.article.where)
        resolution = None
        if self.resolver is not None:
            with self._timed("resolve"):
                resolution = self.resolver.resolve(extraction, write.dropping)
            self._risen(resident_bytes())
        with self._timed("map"):
            change = self.store.article_operations(
                write, map_extraction(extraction, resolution=resolution))
            operations = list(change.operations)
            for kept, merged in list(resolution.absorb) if resolution else ():
                try:
                    merging, _ = merge_operations(self.store, kept, merged, by=RESOLVER_AGENT,
                                                  pending=change.inserted,
                                                  dropping=write.dropping)
                except EditError:
                    # The store cannot take it (read-only): the candidate link stays, and
                    # the resolver's index (`stored`) must not fold the two either.
                    resolution.absorb.remove((kept, merged))
                    continue
                operations += merging
        self._risen(resident_bytes())
        return self.commit(write, operations, extraction.article.where, extraction, resolution)

    def add_key(self, article: Article) -> Written:
        """Store `article`'s key for a text already stored (under another key), unparsed."""
        version = self.store.stored_version(article.id)
        if version is None:
            raise ValueError(f"{article.where}: its text is not stored; write the extraction")
        write = self.store.plan_article(article, version)
        if not write.changes:
            return Written(write)
        return self.commit(write, self.store.article_operations(write).operations,
                            article.where)

    def remove(self, key: str) -> Written | None:
        """Remove what is stored under `key`; None if nothing is."""
        write = self.store.plan_removal(key)
        if write is None:
            return None
        return self.commit(write, self.store.article_operations(write).operations, key)

    def _flush(self) -> None:
        # RocksDB keeps writes in memory tables (~0.35 MB an article) until they are
        # flushed, and what queries read in caches until it is reopened (which a flush
        # does): flushing now and then keeps ingest's memory flat.
        self.store.flush()
        self._unflushed = 0
        self._flushed_at = resident_bytes()
        # The next article's growth counts from here: the resolver flushes while it reads
        # its index, after which the process may sit above the last article's mark.
        self._resident = self._flushed_at
        self._largest_rise = self._largest_request = 0

    def _risen(self, resident: int | None) -> None:
        """Note how far the article being written has raised the process by now."""
        if resident is not None and self._resident is not None:
            self._largest_rise = max(self._largest_rise, resident - self._resident)

    def _past(self, resident: int | None, growth: int) -> bool:
        """Whether growing `growth` more from `resident` takes the process past
        FLUSH_GROWTH above where the last flush left it."""
        return (resident is not None and self._flushed_at is not None
                and resident + growth - self._flushed_at > FLUSH_GROWTH)

    def commit(self, write: ArticleWrite, operations: list[str], where: str,
                extraction: Extraction | None = None,
                resolution: Resolution | None = None) -> Written:
        """Apply `write` (its article `operations`) with its story changes, in one request."""
        self.migrate()
        with self._timed("stories"):
            story = plan_story(self.store, write.dropping,
                               extraction if write.write_graph else None, self.params,
                               self.stories)
        with self._timed("write"):
            before = resident_bytes()
            self._risen(before)
            # What planning holds (a long article's graph and plan: 10-20 MB in a large
            # store) is in memory now: flush first if the request, growing the process as
            # much as the largest since the last flush did, would take it past
            # FLUSH_GROWTH, or if it counts many articles' tallies again.
            if self._unflushed and (story.recounted > RECOUNT_FLUSH
                                    or self._past(before, self._largest_request)):
                self._flush()
                before = self._flushed_at
            self.store.apply([*operations, *story.operations], what=f"article {where}")
            self.recounted += story.recounted
            self.stories.applied(story)
            self._unflushed += 1
            resident = resident_bytes()
            if resident is not None and before is not None:
                self._largest_request = max(self._largest_request, resident - before)
            self._risen(resident)
            # The next article may raise the process as much as the largest since the last
            # flush did (more in a large store, whose reads fill RocksDB's caches faster),
            # at its highest, not only where it ends: flush before it would take the
            # growth past FLUSH_GROWTH, not after.
            if self._unflushed == FLUSH_EVERY or self._past(resident, self._largest_rise):
                self._flush()
            else:
                if self._flushed_at is None:
                    self._flushed_at = resident
                self._resident = resident
        if self.resolver is not None:
            with self._timed("resolve"):
                self.resolver.stored(extraction, resolution, write)
        return Written(write, resolution, story.assignment)


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    nlp: Language | None,
    *,
    reextract: bool = False,
    prune: bool = False,
    n_process: int = 1,
    extractor: Extractor | None = None,
) -> Iterator[IngestResult]:
    """Store every article under `paths`; each article is one transaction.

    Articles stored under the same key with the same text are not parsed again,
    unless `reextract` is set and they were extracted by an older version. With
    `prune`, keys stored but not among the inputs are removed afterwards (each
    reported as "removed"), unless an input could not be read.

    Articles are parsed by `nlp` in `n_process` processes (forked workers, also when
    `n_process` is 1 and more than a batch comes, so that this process resolves,
    assigns stories and writes while they parse), or by `extractor` (for example
    `storygraph.cluster.DaskExtractor`), which must hand them back in input order;
    resolution, stories and writes happen here, in that order, either way.
    """
    if extractor is None:
        if nlp is None:
            raise ValueError("ingest needs a model (nlp) or an extractor")
        model = nlp

        def extractor(items: Iterable[Article | InputError | Skipped]
                      ) -> Iterator[Extraction | InputError | Skipped]:
            return extract_articles(items, model, n_process=n_process, in_workers=True)

    writer = ArticleWriter(store)
    done: deque[IngestResult] = deque()  # outcomes known without parsing, in input order
    errors = 0

    def current(version: str | None) -> bool:
        return version is not None and (not reextract or version == EXTRACTOR_VERSION)

    # this run's inputs by key (what --prune keeps): where each was read and what of it is
    # stored (not the text)
    given: dict[str, tuple[str, tuple[object, ...]]] = {}

    def to_parse(items: Iterable[Article | InputError | Skipped]
                 ) -> Iterator[Article | InputError | Skipped]:
        for item in items:
            if isinstance(item, Article):
                earlier = given.get(item.key)
                fields = _stored_fields(item)
                if earlier is not None and earlier[1] != fields:
                    # Two inputs of one key: the later is stored, and every run stores both
                    # in turn, so the user is told.
                    done.append(IngestResult(item.key, "warning", note=(
                        f"{item.where}: key {item.key} was given before in this run, by "
                        f"{earlier[0]}, with another text or metadata; the later is stored")))
                given[item.key] = (item.where, fields)
                state = store.article_state(item.key)
                if state is not None and state.article_id == item.id and current(
                        state.extractor_version):
                    if not store.metadata_changed(item):
                        done.append(IngestResult(item.key, "unchanged"))
                        continue
                    # the same text with an edited headline, date or byline: written anew
                elif current(store.stored_version(item.id)):
                    # The text is stored under another key: the key joins it, now, so that
                    # a later input of this batch sees the store as it is.
                    done.append(_guarded(item.key, item.where, writer, writer.add_key, item))
                    continue
            yield item

    for result in extractor(to_parse(read_paths(paths))):
        yield from _drain(done)
        if isinstance(result, InputError):
            errors += 1
            yield IngestResult(result.where, "error", str(result))
        elif isinstance(result, Skipped):
            yield IngestResult(result.where, "warning" if isinstance(result, Ignored)
                               else "skipped", note=str(result))
        else:
            outcome = _guarded(result.article.key, result.article.where, writer, writer.write,
                               result)
            errors += outcome.outcome == "error"
            yield outcome
    yield from _drain(done)
    if prune:
        yield from _prune(writer, given.keys(), errors)


def _stored_fields(article: Article) -> tuple[object, ...]:
    """What of an input the store keeps: its text and metadata."""
    return (article.id, article.title, article.published, article.source, article.url,
            article.authors)


def _guarded(key: str, where: str, writer: ArticleWriter, step: Callable[[T], Written | None],
             item: T) -> IngestResult:
    """Run one article's write; its failure is an error for it alone, unless the store
    refuses writes altogether (StoreWriteError), which ends the batch."""
    try:
        written = step(item)
        return IngestResult(key, written.outcome if written else "unchanged")
    except StoreWriteError:
        raise
    except StorygraphError as error:
        return IngestResult(key, "error", str(error))
    except Exception as error:  # a bug met by one article must not end the batch
        writer.invalidate()  # its indexes may hold part of the article: read again
        return IngestResult(key, "error", f"{where}: ingest failed ({describe(error)})")


def _prune(writer: ArticleWriter, seen: Set[str], errors: int
           ) -> Iterator[IngestResult]:
    if errors:
        yield IngestResult("--prune", "error", f"--prune skipped: {errors} input(s) failed, so "
                           "what they hold is unknown; nothing was removed")
        return
    for key in sorted(writer.store.article_keys() - seen):
        said = _removal(writer.store, key)  # what is stored before it goes
        result = _guarded(key, key, writer, writer.remove, key)
        yield replace(result, note=said) if result.outcome == "removed" else result


@dataclass(frozen=True)
class Removal:
    """What `remove_articles` did for one reference: a sentence saying so, or an error."""

    ref: str
    summary: str = ""
    error: str | None = None


def remove_articles(store: GraphStore, refs: Iterable[str]) -> Iterator[Removal]:
    """Remove what is stored under each key (or article id), one transaction per key.

    An article leaves with its last key: its graph, its place in its story and the
    entity records no other article needs. A key whose article other keys still hold
    only lets go of it.
    """
    writer = ArticleWriter(store)
    for ref in refs:
        keys = [ref] if store.article_state(ref) else sorted(store.keys_of(ref))
        if not keys:
            yield Removal(ref, error=f"no article is stored under key or id {ref!r}")
            continue
        for key in keys:
            said = _removal(store, key)
            if writer.remove(key) is not None:
                yield Removal(ref, said)


def _removal(store: GraphStore, key: str) -> str:
    """What removing `key` does, said before it is removed: the article goes ("removed KEY:
    article ID “TITLE”"), or stays under its other keys."""
    state = store.article_state(key)
    if state is None:
        return f"removed {key}"
    title = store.title(state.article_id)
    named = f"article {state.article_id}" + (f" \u201c{title}\u201d" if title else "")
    others = sorted(store.keys_of(state.article_id) - {key})
    if not others:
        return f"removed {key}: {named}"
    return f"removed key {key}: {named} stays, stored under {', '.join(others)}"


def _drain(pending: deque[IngestResult]) -> Iterator[IngestResult]:
    while pending:
        yield pending.popleft()
