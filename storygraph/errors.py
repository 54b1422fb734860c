"""One exception hierarchy; every message is a single line a user can act on."""

from __future__ import annotations


class StorygraphError(Exception):
    """Base class: the CLI prints `Error: <message>` and exits non-zero."""


class InputError(StorygraphError):
    """An input file (or one line of it) cannot be read as an article."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:
        # Unpickled without calling __init__ again (whose arguments are not the message
        # pickle keeps), so that an error can come back from a Dask worker.
        return _unpickled, (type(self), self.args), self.__dict__


def _unpickled(cls: type[InputError], args: tuple[object, ...]) -> InputError:
    return cls.__new__(cls, *args)


class ExtractionError(InputError):
    """An article the extractor failed on (a bug, not bad input): that article is reported
    and skipped, the rest of the batch goes on."""


class ModelError(StorygraphError):
    """The spaCy model cannot be found or loaded."""


class ClusterError(StorygraphError):
    """The Dask scheduler cannot be reached, or `--scheduler` names no cluster."""


class StoreError(StorygraphError):
    """The store cannot be opened or written."""


class StoreWriteError(StoreError):
    """The store refused a write (disk full, I/O error): nothing of that article was
    written, and a batch stops there, since every later write would fail the same way."""


class QueryError(StorygraphError):
    """A SPARQL query is malformed or not allowed."""


class ServeError(StorygraphError):
    """The endpoint cannot start (the address is taken, the store cannot be snapshotted)."""
