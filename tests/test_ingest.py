"""Ingest as a batch: one article's failure is one line for it, a store that takes no
writes stops the batch at the first one."""

from __future__ import annotations

import dataclasses
import errno
import itertools
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import storygraph.pipeline
from storygraph.check import find_problems
from storygraph.cli import app
from storygraph.errors import ExtractionError
from storygraph.ingest import ingest
from storygraph.model import Article
from storygraph.resolve.resolver import Resolver
from storygraph.sources import read_paths
from storygraph.store import open_store

runner = CliRunner()

TEXTS = {
    "a.txt": "Mayor Ann Lee opened the new library in Leeds on Monday.",
    "b.txt": "Police in Dover said the harbour road would close for repairs on Friday.",
    "c.txt": '"We are delighted," said coach Tom Reyes after the final in Hull.',
}


def write_batch(folder: Path) -> Path:
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text)
    return folder


def test_an_extractor_bug_in_one_article_is_one_line_and_the_rest_go_on(nlp, tmp_path,
                                                                         monkeypatch):
    real = storygraph.pipeline.extract

    def fragile(doc, article, **kwargs):
        if "harbour" in article.text:
            raise IndexError("[E1002] Span index out of range.")
        return real(doc, article, **kwargs)

    monkeypatch.setattr(storygraph.pipeline, "extract", fragile)
    batch = write_batch(tmp_path / "batch")
    with open_store(":memory:") as store:
        results = list(ingest([batch], store, nlp))
    assert [r.outcome for r in results] == ["added", "error", "added"]
    assert results[1].error == (f"{(batch / 'b.txt').resolve()}: extraction failed "
                                "(IndexError: [E1002] Span index out of range.)")
    items = list(storygraph.pipeline.extract_articles(read_paths([batch]), nlp))
    assert isinstance(items[1], ExtractionError) and len(items) == 3


def test_a_bug_after_extraction_is_one_line_too(nlp, tmp_path, monkeypatch):
    real = Resolver.resolve

    def fragile(self, extraction, *args):
        if "harbour" in extraction.article.text:
            raise KeyError("ghost")
        return real(self, extraction, *args)

    monkeypatch.setattr(Resolver, "resolve", fragile)
    batch = write_batch(tmp_path / "batch")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(batch), "--store", str(store)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"Error: {(batch / 'b.txt').resolve()}: ingest failed (KeyError: 'ghost')",
                     f"2 added, 1 error · store {store}"]


class FullDisk:
    """A store whose writes fail as on a full disk, after `room` successful writes."""

    def __init__(self, inner: ox.Store, room: int) -> None:
        self.inner, self.room = inner, room

    def _spend(self) -> None:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= 1

    def update(self, *args, **kwargs):
        self._spend()
        return self.inner.update(*args, **kwargs)

    def extend(self, *args, **kwargs):
        self._spend()
        return self.inner.extend(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_a_full_disk_stops_the_batch_at_the_first_error(nlp, tmp_path, monkeypatch):
    from storygraph.store import OxigraphStore

    opened = OxigraphStore._open
    opens = 0

    def cramped(self):
        # Every time the engine's store is opened: when the command opens it, and again
        # after each flush (ingest flushes while it reads the resolver's index).
        nonlocal opens
        opens += 1
        return FullDisk(opened(self), room=0)

    monkeypatch.setattr(OxigraphStore, "_open", cramped)
    batch = write_batch(tmp_path / "batch")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(batch), "--store", str(store)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert lines[0] == f"nothing stored · store {store}"
    assert lines[1].startswith(f"Error: cannot write article {(batch / 'a.txt').resolve()}")
    assert lines[1].endswith("No space left on device (stopped there)")
    assert opens > 1


# --- the store's files ----------------------------------------------------------------------

def one_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with open_store(path) as store:
        store.apply(['INSERT DATA { GRAPH <https://x.example/g> { <https://x.example/s> '
                     '<https://x.example/p> "o" } }'], what="a test quad")
    return path


def damage_current(path: Path) -> None:
    (path / "CURRENT").write_text("garbage\n")


def damage_tables(path: Path) -> None:
    for table in path.glob("*.sst"):
        data = bytearray(table.read_bytes())
        data[len(data) // 3: len(data) // 3 + 64] = bytes(64)
        table.write_bytes(bytes(data))


def remove_current(path: Path) -> None:
    (path / "CURRENT").unlink()


@pytest.mark.parametrize("damage", [damage_current, damage_tables, remove_current])
def test_a_damaged_store_is_one_line(tmp_path, damage):
    path = one_store(tmp_path)
    damage(path)
    for command in (["stats"], ["ingest", str(tmp_path / "none.txt")], ["check"]):
        result = runner.invoke(app, [*command, "--store", str(path)])
        assert result.exit_code == 1, command
        (line,) = [line for line in result.stderr.splitlines() if line.strip()]
        assert line.startswith(f"Error: store {path} is damaged ("), line
        assert line.endswith("restore it from a copy, or ingest the articles again into a "
                             "new store")


class DamagedTable(FullDisk):
    """A store that opens, and whose damaged table RocksDB meets only when it writes (a
    compaction reads it), as a table garbled past its index does: an update fails, and so
    does a flush when `flushes` is set."""

    def __init__(self, inner: ox.Store, flushes: bool) -> None:
        super().__init__(inner, room=0)
        self.flushes = flushes

    def _spend(self) -> None:
        raise RuntimeError("Corruption: block checksum mismatch: stored = 1, computed = 2 "
                           "in store/000162.sst offset 0 size 4024")

    def flush(self) -> None:
        if self.flushes:
            self._spend()
        self.inner.flush()


@pytest.mark.parametrize("flushes", [True, False])
def test_a_damaged_table_met_while_writing_is_one_line(nlp, tmp_path, monkeypatch, flushes):
    from storygraph.store import OxigraphStore

    path = one_store(tmp_path)
    opened = OxigraphStore._open
    monkeypatch.setattr(OxigraphStore, "_open",
                        lambda self: DamagedTable(opened(self), flushes=flushes))
    batch = write_batch(tmp_path / "batch")
    result = runner.invoke(app, ["ingest", str(batch), "--store", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert lines[0] == f"nothing stored · store {path}"
    assert lines[1].startswith("Error: cannot write")
    assert f": store {path} is damaged (Corruption: block checksum mismatch" in lines[1]
    assert lines[1].endswith("ingest the articles again into a new store (stopped there)")


def test_a_folder_of_other_files_is_not_made_a_store(tmp_path):
    folder = tmp_path / "my documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    batch = write_batch(tmp_path / "batch")
    result = runner.invoke(app, ["ingest", str(batch), "--store", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {folder} is a folder of other files, not a store; "
                                     "give a new or empty folder for the store")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    for command in (["stats"], ["ingest", str(batch)]):
        result = runner.invoke(app, [*command, "--store", str(folder / "notes.txt")])
        assert result.stderr.strip() == (f"Error: {folder / 'notes.txt'} is a file, not a "
                                         "store; give a folder for the store")


FILLER = """
import resource, signal, sys
from storygraph.check import find_problems
from storygraph.cli import app
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
app(sys.argv[2:])
"""


def test_a_really_full_disk_stops_at_the_first_failed_write(nlp, tmp_path):
    """No file may grow past a limit (RLIMIT_FSIZE): RocksDB's writes fail as on a full disk."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for n in range(12):
        (batch / f"{n:02}.txt").write_text(f"Story {n}\n\n" + " ".join(
            f"Mayor Ann Lee-{n} opened library number {i} in Leeds on Monday." for i in
            range(40)))
    script = tmp_path / "filler.py"
    script.write_text(FILLER)
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    # Room for an article or two (~0.4 MB of write-ahead log each), not for all twelve.
    full = subprocess.run([sys.executable, str(script), str(1_000_000), "ingest", str(batch),
                           "--store", str(store)], env=env, capture_output=True, text=True,
                          timeout=600)
    assert full.returncode == 1, full.stderr
    errors = [line for line in full.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, full.stderr
    assert "File too large (stopped there)" in errors[0]
    stored = re.search(r"^(\d+) added · store", full.stderr, re.MULTILINE)
    assert stored is not None and 0 < int(stored.group(1)) < 12, full.stderr
    with open_store(store) as reopened:
        assert find_problems(reopened) == []
        assert len(reopened.article_keys()) == int(stored.group(1))
        outcomes = [r.outcome for r in ingest([batch], reopened, nlp)]
        assert sorted(outcomes).count("added") == 12 - int(stored.group(1))
        assert find_problems(reopened) == []


def test_names_typed_with_decomposed_accents_find_the_stored_ones(nlp, tmp_path):
    composed = ('Zoë Brontë, the mayor of Málaga, said: "The café will reopen in May." '
                "Brontë spoke on Monday.")
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", composed))
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(tmp_path / "nfd.txt"), "--store",
                               str(store)]).exit_code == 0
    typed = unicodedata.normalize("NFD", "Zoë Brontë")
    assert typed != "Zoë Brontë"
    result = runner.invoke(app, ["entity", typed, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [p["name"] for p in json.loads(result.stdout)] == ["Zoë Brontë"]
    result = runner.invoke(app, ["claims", "--speaker", unicodedata.normalize("NFD", "Brontë"),
                                 "--store", str(store), "--format", "json"])
    assert [c["text"] for c in json.loads(result.stdout)] == ["The café will reopen in May"]


def test_the_parser_forgets_what_it_learnt_from_each_zone_of_articles(nlp):
    """spaCy adds every new word to its vocabulary for good; a run of new names (a news
    archive's) would grow without end. Extraction parses in memory zones that free them."""
    articles = [Article(id=str(n), key=str(n), text=f"Zorblat{n} Quenmarr met Vlistra{n} Odo "
                        f"in Pradovik{n} on Monday, said Kwemba{n}.") for n in range(6)]
    before = len(nlp.vocab.strings)
    zoned = [x.to_json() for x in storygraph.pipeline.extract_articles(articles, nlp, zone=2)]
    assert len(nlp.vocab.strings) == before
    whole = [x.to_json() for x in storygraph.pipeline.extract_articles(articles, nlp, zone=10)]
    assert zoned == whole and any(x["entities"] for x in zoned)


def test_a_flush_releases_the_database_caches_and_keeps_everything(tmp_path):
    path = one_store(tmp_path)

    def opened() -> int:  # RocksDB starts a new info log (LOG.old.* kept) at every open
        return len(list(path.glob("LOG.old.*")))

    with open_store(path) as store:
        count, opens = store.quad_count(), opened()
        store.flush()
        assert opened() == opens + 1  # reopened: its caches went with the old handle
        assert store.quad_count() == count
        store.apply(['INSERT DATA { GRAPH <https://x.example/g> { <https://x.example/s> '
                     '<https://x.example/p> "o2" } }'], what="another quad")
        view = store.rdflib_dataset()
        store.flush()
        assert opened() == opens + 1  # an rdflib view holds it: flushed, not reopened
        assert view is not None
    with open_store(path) as reopened:
        assert reopened.quad_count() == count + 1


class _Memory:
    """The writer's process as the tests see it: each article's update request grows it
    by `requests[i]` MB, its story planning by `planning[i]`, and a flush leaves it at the
    next of `floors`; `flushed` says how many requests had run at each flush (one that
    the resolver's index reads flush too)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, store: object, *, requests: list[int],
                 floors: Iterable[int], planning: list[int] | None = None,
                 recounted: list[int] | None = None) -> None:
        import storygraph.ingest as ingest_module

        self.now = self.highest = 100
        self.requests, self.floors = iter(requests), iter(floors)
        self.flushed: list[int] = []
        self.applied = 0
        monkeypatch.setattr(ingest_module, "resident_bytes", lambda: self.now * 2**20)
        real_flush, real_apply, real_plan = store.flush, store.apply, ingest_module.plan_story

        def flush() -> None:
            real_flush()
            self.now = next(self.floors)
            self.flushed.append(self.applied)

        def apply(operations: list[str], *, what: str) -> None:
            real_apply(operations, what=what)
            self.now += next(self.requests)
            self.applied += 1

        def plan_story(*args: object, **kwargs: object) -> object:
            plan = real_plan(*args, **kwargs)
            self.now += (planning or [0] * 99)[self.applied]
            self.highest = max(self.highest, self.now)
            return dataclasses.replace(plan, recounted=(recounted or [0] * 99)[self.applied])

        monkeypatch.setattr(store, "flush", flush)
        monkeypatch.setattr(store, "apply", apply)
        monkeypatch.setattr(ingest_module, "plan_story", plan_story)


def _flushes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, requests: list[int],
             floors: Iterable[int], **growth: list[int]) -> list[int]:
    """Five articles written (without resolution) from 100 MB: after how many requests
    each flush came."""
    return _written(tmp_path, monkeypatch, requests, floors, **growth).flushed


def _written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, requests: list[int],
             floors: Iterable[int], **growth: list[int]) -> _Memory:
    import storygraph.ingest as ingest_module
    from tests.fixtures_extraction import copies, sentencing

    with open_store(tmp_path / "store") as store:
        memory = _Memory(monkeypatch, store, requests=requests, floors=floors, **growth)
        writer = ingest_module.ArticleWriter(store, resolve=False)
        for extraction in copies(sentencing(), 5):
            writer.write(extraction)
        assert store.quad_count() > 0
    return memory


def test_the_writer_flushes_when_the_process_has_grown_not_only_every_128_articles(
        tmp_path, monkeypatch):
    """What RocksDB holds between flushes grows with the store: a flush comes once the
    process has grown by FLUSH_GROWTH since the last one, however few articles that took."""
    # 100 (first write: the mark), 110 (+10), 160 (+60 > 48: flush, then 120 the mark),
    # 130 (+10), 140 (+20): one flush, after the third request.
    assert _flushes(tmp_path, monkeypatch, [0, 10, 50, 10, 10], floors=[120]) == [3]


def test_the_writer_flushes_before_the_next_article_would_pass_the_growth_allowed(
        tmp_path, monkeypatch):
    """A flush comes once the next article, growing the process as much as the largest
    since the last flush did, would take it past FLUSH_GROWTH: the peak stays below it."""
    # 100 (the mark), 120 (+20), 140 (+40, and the next may add 20: 60 > 48, flush;
    # 141 the mark), 150 (+9), 160 (+19, and 10 more: 29): one flush, after the third
    # request (not at 150 MB in the fifth, once past the allowed growth).
    assert _flushes(tmp_path, monkeypatch, [0, 20, 20, 9, 10], floors=[141]) == [3]


def test_the_writer_flushes_before_a_request_once_planning_took_the_room_it_needs(
        tmp_path, monkeypatch):
    """A long article's graph and story plan are held while its request runs: when the
    request, growing the process as much as the largest since the last flush, would take
    it past FLUSH_GROWTH from there, the flush comes before the request, not after it."""
    # 100 (the mark), 110, 120, then planning the fourth article holds 30 MB: 150, and its
    # request may add 10 (60 > 48): a flush before it, after three requests.
    assert _flushes(tmp_path, monkeypatch, [0, 10, 10, 10, 10], floors=[130],
                    planning=[0, 0, 0, 30, 0]) == [3]


def test_what_an_article_holds_only_while_it_is_planned_counts_towards_the_next_flush(
        tmp_path, monkeypatch):
    """Planning each article holds 30 MB that its request gives back (a figure series or a
    story read whole, freed by the end): the next article may rise as far, so the flush
    comes before it would take the process past FLUSH_GROWTH, not once the 10 MB each
    article keeps have added up."""
    # 100 (the mark), then each article: +30 planning, -20 by the end of its request: 130
    # -> 110, 140 -> 120, and the next may reach 150 (50 > 48): a flush after the third
    # request (100), and again after the fifth. Counting only what articles keep, the
    # fourth would have reached 150 in planning.
    memory = _written(tmp_path, monkeypatch, [0, -20, -20, -20, -20], floors=[100, 100],
                      planning=[0, 30, 30, 30, 30])
    assert memory.flushed == [3, 5]
    assert memory.highest == 140


def test_a_request_that_counts_many_articles_again_starts_from_a_flushed_store(
        tmp_path, monkeypatch):
    """A story write that counts the tallies of many articles again (a big topic's events
    split anew) reads all their mentions: it starts from a flushed store, however little
    the process has grown."""
    from storygraph.ingest import RECOUNT_FLUSH

    assert _flushes(tmp_path, monkeypatch, [0, 1, 1, 1, 1], floors=[100],
                    recounted=[0, 0, RECOUNT_FLUSH + 1, 0, 0]) == [2]


def test_the_growth_of_the_article_after_an_index_read_counts_from_its_last_flush(
        tmp_path, monkeypatch):
    """The resolver flushes while it reads its index again (after a failed write); what the
    process holds after that read is no article's growth, so no flush follows for it."""
    import storygraph.ingest as ingest_module
    from tests.fixtures_extraction import copies, sentencing

    with open_store(tmp_path / "store") as store:
        # The index read at 100 MB, then each request adds 10; read again, it leaves 150.
        memory = _Memory(monkeypatch, store, requests=[10, 10, 10],
                         floors=itertools.repeat(100))
        writer = ingest_module.ArticleWriter(store)
        first, second, third = copies(sentencing(), 3)
        writer.write(first)
        writer.write(second)
        writer.invalidate()
        memory.floors = itertools.repeat(150)
        writer.write(third)  # 160 MB: 10 MB since the last flush, far from FLUSH_GROWTH
        assert writer.resolver is not None and writer.resolver.loads == 2
        assert set(memory.flushed) == {0, 2}  # the index reads' flushes only


def test_an_unknown_json_key_is_a_warning_and_the_article_is_stored(nlp, tmp_path):
    feed = tmp_path / "day.jsonl"
    feed.write_text(json.dumps({"text": TEXTS["a.txt"], "Date": "2024-03-01"}) + "\n"
                    + json.dumps({"text": TEXTS["b.txt"], "Date": "2024-03-02"}) + "\n")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(feed), "--store", str(store)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"Warning: {feed}:1: unknown key 'Date' ignored, and on 1 more line; "
                     "did you mean 'published'?", f"2 added · store {store}"]
    with open_store(store, read_only=True) as stored:
        assert len(stored.article_keys()) == 2
    result = runner.invoke(app, ["extract", str(feed), "--format", "json"])
    assert result.exit_code == 0
    assert f"Warning: {feed}:1: unknown key 'Date' ignored" in result.stderr
