"""Ingest as a batch: one article's failure is one line for it, a store that takes no
writes stops the batch at the first one."""

from __future__ import annotations

import errno
from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

import storygraph.pipeline
from storygraph.cli import app
from storygraph.errors import ExtractionError
from storygraph.ingest import ingest
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

    def fragile(self, extraction):
        if "harbour" in extraction.article.text:
            raise KeyError("ghost")
        return real(self, extraction)

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

    opened = OxigraphStore.__init__

    def cramped(self, path, *, read_only=False):
        opened(self, path, read_only=read_only)
        self._store = FullDisk(self._store, room=0)

    monkeypatch.setattr(OxigraphStore, "__init__", cramped)
    batch = write_batch(tmp_path / "batch")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(batch), "--store", str(store)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert lines[0] == f"nothing stored · store {store}"
    assert lines[1].startswith(f"Error: cannot write article {(batch / 'a.txt').resolve()}")
    assert lines[1].endswith("No space left on device (stopped there)")
