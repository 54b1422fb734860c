"""Serve a snapshot of the store, so an ingest can go on writing while it is served.

What pyoxigraph 0.5 allows: a read-only store (`Store.read_only`), documented as
undefined behaviour while another process writes the same directory (RocksDB
compacts and deletes the files a reader still expects); the secondary instances
of 0.4, which followed a writer, are gone. So `serve` never reads the directory an
ingest may be writing. At start it opens the store for writing, which takes the
store's lock (so no writer is half-way through an article, and none can start
meanwhile), writes a RocksDB checkpoint of it with `Store.backup`, and closes it.
The checkpoint sits beside the store, on the same file system, so its data files
are hard links: it takes milliseconds and almost no disk whatever the store's size.
Then the checkpoint is served read-only, and the store is free for `ingest`.

The cost: what is served is the store as it was when `serve` started. Restart it to
serve what was ingested since. As the store is compacted, files it no longer needs
stay alive through the checkpoint's links until `serve` ends and removes it; a
checkpoint left by a `serve` that was killed is removed by the next one.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storygraph.errors import ServeError, StoreError
from storygraph.store import OxigraphStore, open_store


@contextmanager
def snapshot(location: str) -> Iterator[Path]:
    """A checkpoint of the store at `location`, removed when the block ends."""
    source = Path(location).absolute()
    with open_store(source, read_only=True):  # a missing or damaged store: its own line
        pass
    _remove_stale(source)
    target = source.parent / f".{source.name}.serve-{os.getpid()}"
    # One `finally` from the first byte written: a Ctrl-C during the backup, or any error,
    # removes what was written as surely as the end of serving does.
    try:
        try:
            with open_store(source, read_only=False) as store:
                assert isinstance(store, OxigraphStore)  # a path opens the embedded store
                store.backup(target)
        except StoreError as error:
            if "in use" in str(error):
                raise ServeError(
                    f"store {location} is being written by another process (an ingest?); "
                    "serve snapshots it when no process writes it: start it when that ends"
                ) from None
            raise
        except OSError as error:
            raise ServeError(f"cannot snapshot store {location} into {target}: "
                             f"{' '.join(str(error).split())}") from None
        yield target
    finally:
        shutil.rmtree(target, ignore_errors=True)


def _remove_stale(source: Path) -> None:
    """Checkpoints of this store whose `serve` process is gone."""
    pattern = re.compile(rf"\.{re.escape(source.name)}\.serve-(\d+)")
    for entry in source.parent.glob(f".{source.name}.serve-*"):
        match = pattern.fullmatch(entry.name)
        if match and entry.is_dir() and not _alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
