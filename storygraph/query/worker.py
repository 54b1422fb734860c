"""Run a query where it can be stopped: a time limit, Ctrl-C and a row limit that really end it.

pyoxigraph evaluates SPARQL in Rust with no way to cancel: an aggregate or
ORDER BY over a large join is one call that returns when it is done, and Python
only sees Ctrl-C after it returns. A thread running it cannot be stopped either;
abandoning one leaves the work going and its memory held. So the query runs in
a child process, and stopping it is `SIGKILL`: the work ends at once and the
operating system takes back all of its memory.

The child is made with `fork`: it inherits the open store, in memory or on disk,
with nothing to reopen or copy, in a few milliseconds. It sends its answer over
a pipe in batches as the engine yields rows; the pipe's small buffer makes it
wait while the caller writes them out, so neither process holds the result.
A crash in the engine (which the size checks in `guard.py` should prevent) ends
the child, not the caller, and becomes one error line.

Where `fork` does not exist (Windows) the query runs in the calling process: the
same checks, streaming and row limit, but the time limit is only checked
between batches and Ctrl-C waits for the engine.

A server (`storygraph serve`) uses the same path from many threads at once:
`cancel()` stops an engine from another thread (a client went away), the child
closes the sockets it inherited (they are the server's), `terms=True` keeps RDF
terms whole for the SPARQL results formats, and `open_dump` streams stored quads.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import select
import signal
import stat
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, Literal

import pyoxigraph as ox

from storygraph.errors import QueryError
from storygraph.query.guard import CheckedQuery, QueryLimits, check_query
from storygraph.rdf.namespace import PREFIXES
from storygraph.rdf.sparql import bind
from storygraph.store import GraphStore, OxigraphStore, Row, python_value, query_error

Kind = Literal["select", "ask", "construct", "describe", "quads"]
# A message from the engine: ("select", [variables]), ("ask", bool), ("triples", None),
# ("quads", None), ("rows", [tuple of values, ...]), ("lines", [N-Triples or N-Quads
# line, ...]), ("end", None) or ("error", one-line message).
Message = tuple[str, Any]
Producer = Callable[[], Iterator[Message]]

CAN_FORK = hasattr(os, "fork")
# The engine's recursion is bounded by guard.py's caps; this stack holds about
# 8x what an 8 MB one does, whatever stack the caller's thread has. It is
# address space only: pages are used as the recursion touches them.
ENGINE_STACK = 64 * 1024 * 1024
_BATCH_ROWS = 500
_BATCH_SECONDS = 0.05  # rows reach the caller at least this often while they come
_HEADER = struct.Struct(">I")


class QueryTimeout(QueryError):
    """The engine took longer than the time limit; its work was stopped."""


class QueryStream:
    """The answer of a running query, read as it comes. Close it (or use `open_query`).

    `kind` and `variables` are known on opening; then iterate `rows()` (SELECT),
    `ntriples()` (CONSTRUCT, DESCRIBE: one N-Triples line each) or `batches()`
    of either (or of N-Quads lines, from `open_dump`), or read `boolean` (ASK).
    `truncated` is true once `max_rows` stopped the query before the engine said
    it had finished (there may be more).
    """

    def __init__(self, channel: _Channel, form: str, max_rows: int | None) -> None:
        self._channel = channel
        self._messages = channel.messages()
        self._max_rows = max_rows
        self.truncated = False
        self.variables: list[str] = []
        self.boolean: bool | None = None
        tag, value = self._next()
        if tag == "select":
            self.kind: Kind = "select"
            self.variables = value
        elif tag == "ask":
            self.kind = "ask"
            self.boolean = value
        elif tag == "quads":
            self.kind = "quads"
        else:
            self.kind = "describe" if form == "DESCRIBE" else "construct"

    def _next(self) -> Message:
        tag, value = next(self._messages)
        if tag == "error":
            raise QueryError(value)
        return tag, value

    def batches(self) -> Iterator[list[Any]]:
        """The answer in the batches the engine sent: rows (dicts) or N-Triples lines.

        A caller that writes each batch out as it comes (and flushes) shows rows
        while the query still runs, holding one batch at a time.
        """
        if self.kind == "ask":
            raise QueryError("an ASK query has a boolean, not rows")
        sent = 0
        limit = self._max_rows
        while limit is None or sent < limit:
            tag, batch = self._next()
            if tag == "end":
                return
            if limit is not None:
                batch = batch[:limit - sent]
            sent += len(batch)
            if tag == "rows":
                yield [dict(zip(self.variables, values, strict=True)) for values in batch]
            else:
                yield batch
        self.truncated = True
        self.close()

    def rows(self) -> Iterator[Row]:
        """SELECT rows as dicts of plain values, one key per projected variable."""
        if self.kind != "select":
            raise QueryError(f"a {self.kind.upper()} query has no rows")
        for batch in self.batches():
            yield from batch

    def ntriples(self) -> Iterator[str]:
        """CONSTRUCT / DESCRIBE triples as N-Triples lines (each ends with " .\\n")."""
        if self.kind not in ("construct", "describe"):
            raise QueryError(f"a {self.kind.upper()} query has no triples")
        for batch in self.batches():
            yield from batch

    def close(self) -> None:
        """Stop the engine (if it is still working) and free what it holds."""
        self._channel.close()

    def cancel(self) -> None:
        """Stop the engine from another thread; the thread reading the answer then gets
        QueryError("the query was cancelled"). Call `close` afterwards, as always."""
        self._channel.cancel()


@contextmanager
def open_query(store: GraphStore, text: str, bindings: Mapping[str, Any] | None = None,
               limits: QueryLimits | None = None, *, terms: bool = False,
               default_graphs: Sequence[str] | None = None,
               named_graphs: Sequence[str] | None = None) -> Iterator[QueryStream]:
    """Check a query, start it under `limits`, and stop it when the block ends.

    `bindings` pre-bind variables to values (`storygraph.rdf.sparql.bind`).
    With `terms`, SELECT rows hold pyoxigraph terms (None where unbound) instead
    of plain values, so IRIs, blank nodes, datatypes and languages stay apart.
    The default graph is the union of all graphs unless `default_graphs` names
    the graphs to merge into it; `named_graphs` restricts what GRAPH can see
    (the SPARQL Protocol's default-graph-uri and named-graph-uri).
    Raises QueryError (QueryTimeout for the time limit) with a one-line message.
    """
    limits = limits or QueryLimits()
    checked = check_query(bind(text, bindings) if bindings else text, limits)
    inner = _engine(store)
    dataset: dict[str, Any] = {"use_default_graph_as_union": default_graphs is None}
    if default_graphs is not None:
        dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs is not None:
        dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    channel = _open_channel(partial(_answer, inner, checked, terms, dataset), limits.timeout)
    try:
        yield QueryStream(channel, checked.form, limits.max_rows)
    finally:
        channel.close()


@contextmanager
def open_dump(store: GraphStore, graph: str | None = None) -> Iterator[QueryStream]:
    """Stream stored quads as N-Quads lines (kind "quads"): all of them, or one graph's.

    `graph` is a graph IRI, or "" for the default graph. A dump has no time or
    size limit: it ends when every quad is sent or the stream is closed.
    """
    inner = _engine(store)
    if graph is None:
        name: ox.NamedNode | ox.DefaultGraph | None = None
    else:
        name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    channel = _open_channel(partial(_dump, inner, name), None)
    try:
        yield QueryStream(channel, "QUADS", None)
    finally:
        channel.close()


def _engine(store: GraphStore) -> ox.Store:
    if not isinstance(store, OxigraphStore):  # the worker drives Oxigraph's lazy iterators
        raise QueryError(f"{type(store).__name__} cannot run queries under limits")
    return store.inner


def _open_channel(produce: Producer, timeout: float | None) -> _Channel:
    return _ForkedChannel(produce, timeout) if CAN_FORK else _InlineChannel(produce, timeout)


# --- the engine's side ------------------------------------------------------------------------

def _answer(store: ox.Store, checked: CheckedQuery, terms: bool,
            dataset: Mapping[str, Any]) -> Iterator[Message]:
    """What the engine answers, as messages; a failure is the last message, never an exception."""
    try:
        result = store.query(checked.text, prefixes=PREFIXES, **dataset)
        if isinstance(result, ox.QueryBoolean):
            yield "ask", bool(result)
        elif isinstance(result, ox.QuerySolutions):
            yield "select", [v.value for v in result.variables]
            value = _same if terms else python_value
            for batch in _batches(tuple(value(term) for term in solution)
                                  for solution in result):
                yield "rows", batch
        else:
            yield "triples", None
            for batch in _batches(f"{triple} .\n" for triple in result):
                yield "lines", batch
        yield "end", None
    except SyntaxError as exc:
        yield "error", str(query_error(exc))
    except Exception as exc:  # the engine's errors carry no useful type: OSError, RuntimeError
        yield "error", _failure(exc, checked.uses_service)


def _same(term: Any) -> Any:
    return term


def _dump(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph | None) -> Iterator[Message]:
    try:
        yield "quads", None
        for batch in _batches(f"{quad} .\n"
                              for quad in store.quads_for_pattern(None, None, None, graph)):
            yield "lines", batch
        yield "end", None
    except Exception as exc:  # a damaged file, an I/O error: one line, as for queries
        yield "error", f"reading the store failed: {' '.join(str(exc).split())[:300]}"


def _batches(items: Iterable[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    sent = time.monotonic()
    for item in items:
        batch.append(item)
        now = time.monotonic()
        if len(batch) >= _BATCH_ROWS or now - sent >= _BATCH_SECONDS:
            yield batch
            batch = []
            sent = now
    if batch:
        yield batch


_HTTP_ERROR = re.compile(r"^Error (\d{3})\b[^<>]*? returned by (\S+)")
_CONTENT_TYPE = re.compile(r"Unsupported Content-Type returned by service <([^>\s]*)>")
# Errors raised on this machine before anything came back (refused, no route,
# unknown host, a port Oxigraph will not use): safe to show as they are.
_LOCAL_OS_ERROR = re.compile(r"^(?:[\w ,'.-]{1,120} \(os error \d+\)"
                             r"|failed to lookup address information: [\w ,'.-]{1,120}"
                             r"|The port \d+ is not allowed for HTTP\(S\)[\w ,'.-]{0,120})$")


def _failure(exc: Exception, uses_service: bool) -> str:
    """The engine's error as one line; for SERVICE only what is known not to quote the remote.

    Oxigraph puts the remote answer's body into some of its messages ("Error 500
    ... with payload: <body>", the results parser's complaints about it), so a
    SERVICE failure is described from a fixed list of shapes, never echoed.
    """
    message = " ".join(str(exc).split())
    if not uses_service:
        return f"query failed: {message[:300]}"
    if match := _HTTP_ERROR.match(message):
        reason = f"{match.group(2)} answered HTTP {match.group(1)}"
    elif match := _CONTENT_TYPE.search(message):
        reason = f"{match.group(1)} answered with a content type that is not SPARQL results"
    elif "service name is unbound" in message:
        reason = "SERVICE ?var needs the variable bound to an endpoint IRI"
    elif message.startswith("Parser error"):
        reason = "the remote answer is not valid SPARQL results"
    elif isinstance(exc, OSError) and _LOCAL_OS_ERROR.match(message):
        reason = message  # a local network error (refused, no route), not remote text
    else:
        reason = "the remote endpoint could not be used"
    return f"SERVICE request failed: {reason[:300]}"


# --- the caller's side ------------------------------------------------------------------------

class _Channel:
    """Where the engine's messages come from, until a deadline."""

    def __init__(self, timeout: float | None) -> None:
        # Wall-clock time from the start: writing the rows out counts too, so the
        # command ends near the limit whatever is slow.
        self._timeout = timeout
        self._deadline = None if timeout is None else time.monotonic() + timeout

    def messages(self) -> Iterator[Message]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def cancel(self) -> None:
        raise NotImplementedError

    def _timed_out(self) -> QueryTimeout:
        self.close()
        return QueryTimeout(f"query timed out after {self._timeout:g} s and was stopped "
                            "(allow longer with --timeout SECONDS, 0 for no limit)")


class _ForkedChannel(_Channel):
    """The engine in a forked child, read through a pipe with the time limit."""

    def __init__(self, produce: Producer, timeout: float | None) -> None:
        super().__init__(timeout)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            try:
                os.close(read_fd)
                _serve(produce, write_fd)
            finally:
                os._exit(70)
        os.close(write_fd)
        self._pid: int | None = pid
        self._fd: int | None = read_fd
        # `cancel` may come from another thread: the pid must not be signalled once
        # reaped (the system may have given it to another process by then).
        self._pid_lock = threading.Lock()
        self._cancelled = False

    def messages(self) -> Iterator[Message]:
        buffer = bytearray()
        while self._fd is not None:
            while len(buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(buffer)
                if len(buffer) < _HEADER.size + size:
                    break
                message = pickle.loads(buffer[_HEADER.size:_HEADER.size + size])
                del buffer[:_HEADER.size + size]
                yield message
                if message[0] in ("end", "error"):
                    self.close()
                    return
            remaining = None if self._deadline is None else self._deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise self._timed_out()
            ready, _, _ = select.select([self._fd], [], [], remaining)
            if not ready:
                raise self._timed_out()
            chunk = os.read(self._fd, 1 << 16)
            if not chunk:
                raise self._died()
            buffer += chunk

    def _died(self) -> QueryError:
        status = self._reap(kill=False)
        if self._cancelled:
            return QueryError("the query was cancelled")
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            return QueryError(f"the SPARQL engine crashed on this query ({name}); it may be "
                              "too large or too deeply nested")
        return QueryError(f"the query process stopped unexpectedly (exit {status >> 8})")

    def _reap(self, *, kill: bool) -> int:
        status = 0
        with self._pid_lock:
            if self._pid is not None:
                if kill:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self._pid, signal.SIGKILL)
                _, status = os.waitpid(self._pid, 0)
                self._pid = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        return status

    def close(self) -> None:
        self._reap(kill=True)

    def cancel(self) -> None:
        # Only the signal: the reading thread sees the pipe end and reaps the child.
        with self._pid_lock:
            self._cancelled = True
            if self._pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGKILL)


def _serve(produce: Producer, fd: int) -> None:
    """The child: run the engine on a big-stack thread, send its messages, watch the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills us
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file if the engine crashes
    _close_inherited_sockets(keep=fd)
    parent = os.getppid()

    def run() -> None:
        with contextlib.suppress(OSError):  # EPIPE: the parent stopped reading
            for message in produce():
                payload = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
                _write_all(fd, _HEADER.pack(len(payload)) + payload)
        os._exit(0)

    threading.stack_size(ENGINE_STACK)
    threading.Thread(target=run, daemon=True).start()
    while os.getppid() == parent:  # orphaned (the parent was killed): stop working
        time.sleep(0.5)
    os._exit(1)


def _close_inherited_sockets(keep: int) -> None:
    """Close the caller's sockets in the child: a server's listening socket and its clients'
    connections are the server's, and a copy held here would keep a connection the
    server closed open until the query ends. Files (the store's) stay open."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            descriptor = int(name)
            if descriptor == keep:
                continue
            with contextlib.suppress(OSError):  # the listing's own descriptor, already gone
                if stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                    os.close(descriptor)
        return


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _InlineChannel(_Channel):
    """The engine in this process, for platforms without fork."""

    def __init__(self, produce: Producer, timeout: float | None) -> None:
        super().__init__(timeout)
        self._answer = produce()
        self._cancelled = False

    def messages(self) -> Iterator[Message]:
        for message in self._answer:
            if self._cancelled:
                raise QueryError("the query was cancelled")
            if self._deadline is not None and time.monotonic() > self._deadline:
                raise self._timed_out()
            yield message

    def close(self) -> None:
        self._answer.close()

    def cancel(self) -> None:  # seen between batches: the engine cannot be stopped in-process
        self._cancelled = True
