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
It keeps an `EnginePool`: engine processes forked once that answer query after
query, so a request pays neither a fork nor a cold store cache; an engine that
is stopped before its answer ends (time limit, row limit, a client gone) is
killed, as a one-off child is, and the pool forks another in its place.
"""

from __future__ import annotations

import abc
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

from storygraph.errors import QueryError, StoreError
from storygraph.query.guard import CheckedQuery, QueryLimits, check_query
from storygraph.rdf.sparql import bind
from storygraph.rdf.terms import DefaultGraph, NamedNode
from storygraph.store import (
    GraphStore,
    LazySelect,
    OxigraphStore,
    Row,
    SelectResult,
    query_error,
)

Kind = Literal["select", "ask", "construct", "describe", "quads"]
# A message from the engine: ("select", [variables]), ("ask", bool), ("triples", None),
# ("quads", None), ("rows", [tuple of values, ...]), ("lines", [N-Triples or N-Quads
# line, ...]), ("end", None) or ("error", one-line message).
Message = tuple[str, Any]
Producer = Callable[[], Iterator[Message]]
# What an engine is asked to do: ("query", CheckedQuery, terms, default graphs, named graphs) or
# ("dump", graph name or None); sent to a pooled engine pickled.
Job = tuple[Any, ...]

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
        self._ahead: Message | None = None
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
            self._next()  # the end, sent with it: a pooled engine is free again
        elif tag == "quads":
            self.kind = "quads"
        else:
            self.kind = "describe" if form == "DESCRIBE" else "construct"

    def _next(self) -> Message:
        if self._ahead is not None:
            message, self._ahead = self._ahead, None
            return message
        tag, value = next(self._messages)
        if tag == "error":
            raise QueryError(value)
        return tag, value

    def wait_first(self) -> None:
        """Wait until the first batch of the answer, or its end, has come.

        So a failure before any row (the time limit, the engine's error) raises
        here, while a server can still answer with an error status.
        """
        if self.kind != "ask" and self._ahead is None:
            self._ahead = self._next()

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
               named_graphs: Sequence[str] | None = None,
               pool: EnginePool | None = None) -> Iterator[QueryStream]:
    """Check a query, start it under `limits`, and stop it when the block ends.

    `bindings` pre-bind variables to values (`storygraph.rdf.sparql.bind`).
    With `terms`, SELECT rows hold pyoxigraph terms (None where unbound) instead
    of plain values, so IRIs, blank nodes, datatypes and languages stay apart.
    The default graph is the union of all graphs unless `default_graphs` names
    the graphs to merge into it; `named_graphs` restricts what GRAPH can see
    (the SPARQL Protocol's default-graph-uri and named-graph-uri).
    With `pool` (an `EnginePool` over `store`) one of its engines runs the query.
    Raises QueryError (QueryTimeout for the time limit) with a one-line message.
    """
    limits = limits or QueryLimits()
    checked = check_query(bind(text, bindings) if bindings else text, limits)
    if not isinstance(store, OxigraphStore):
        # A SPARQL server runs the query under its own limits; the time limit is checked
        # here between batches, as for an engine in this process.
        if terms or pool is not None or default_graphs is not None or named_graphs is not None:
            raise QueryError(f"{type(store).__name__} answers plain queries only")
        remote = _InlineChannel(partial(_remote_answer, store, checked), limits.timeout)
        try:
            yield QueryStream(remote, checked.form, limits.max_rows)
        finally:
            remote.close()
        return
    job: Job = ("query", checked, terms, default_graphs, named_graphs)
    channel = (pool.channel(job, limits.timeout) if pool is not None
               else _open_channel(partial(_run, _engine(store), job), limits.timeout))
    try:
        yield QueryStream(channel, checked.form, limits.max_rows)
    finally:
        channel.close()


@contextmanager
def open_dump(store: GraphStore, graph: str | None = None, *,
              pool: EnginePool | None = None) -> Iterator[QueryStream]:
    """Stream stored quads as N-Quads lines (kind "quads"): all of them, or one graph's.

    `graph` is a graph IRI, or "" for the default graph. A dump has no time or
    size limit: it ends when every quad is sent or the stream is closed.
    """
    if graph is None:
        name: NamedNode | DefaultGraph | None = None
    else:
        name = NamedNode(graph) if graph else DefaultGraph()
    job: Job = ("dump", name)
    channel = (pool.channel(job, None) if pool is not None
               else _open_channel(partial(_run, _engine(store), job), None))
    try:
        yield QueryStream(channel, "QUADS", None)
    finally:
        channel.close()


def _engine(store: GraphStore) -> OxigraphStore:
    if not isinstance(store, OxigraphStore):  # the worker drives Oxigraph's lazy iterators
        raise QueryError(f"{type(store).__name__} cannot run queries under limits")
    return store


def _open_channel(produce: Producer, timeout: float | None) -> _Channel:
    if not CAN_FORK:
        return _InlineChannel(produce, timeout)
    return _ForkedChannel(_Engine.fork(lambda answers, _: _serve(produce, answers)), timeout)


# --- the engine's side ------------------------------------------------------------------------

def _run(store: OxigraphStore, job: Job) -> Iterator[Message]:
    """The messages answering one job: a query, or a dump of stored quads."""
    if job[0] == "query":
        _, checked, terms, default_graphs, named_graphs = job
        return _answer(store, checked, terms, default_graphs, named_graphs)
    return _dump(store, job[1])


def _answer(store: OxigraphStore, checked: CheckedQuery, terms: bool,
            default_graphs: Sequence[str] | None,
            named_graphs: Sequence[str] | None) -> Iterator[Message]:
    """What the engine answers, as messages; a failure is the last message, never an exception."""
    try:
        result = store.stream(checked.text, terms=terms, default_graphs=default_graphs,
                              named_graphs=named_graphs)
        if isinstance(result, bool):
            yield "ask", result
        elif isinstance(result, LazySelect):
            yield "select", result.variables
            for batch in _batches(result.rows):
                yield "rows", batch
        else:
            yield from _triple_messages(result)
        yield "end", None
    except SyntaxError as exc:
        yield "error", str(query_error(exc))
    except Exception as exc:  # the engine's errors carry no useful type: OSError, RuntimeError
        yield "error", _failure(exc, checked.uses_service)


def _remote_answer(store: GraphStore, checked: CheckedQuery) -> Iterator[Message]:
    """A store's own answer (one request to its server) as the engine's messages."""
    try:
        result = store.query(checked.text)
        if isinstance(result, bool):
            yield "ask", result
        elif isinstance(result, SelectResult):
            yield "select", result.variables
            for batch in _batches(tuple(row[v] for v in result.variables)
                                  for row in result.rows):
                yield "rows", batch
        else:
            yield from _triple_messages(result)
        yield "end", None
    except (QueryError, StoreError) as exc:
        yield "error", str(exc)


def _triple_messages(triples: Iterable[Any]) -> Iterator[Message]:
    yield "triples", None
    for batch in _batches(f"{triple} .\n" for triple in triples):
        yield "lines", batch


def _dump(store: OxigraphStore, graph: NamedNode | DefaultGraph | None) -> Iterator[Message]:
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

class _Channel(abc.ABC):
    """Where the engine's messages come from, until a deadline."""

    def __init__(self, timeout: float | None) -> None:
        # Wall-clock time from the start: writing the rows out counts too, so the
        # command ends near the limit whatever is slow.
        self._timeout = timeout
        self._deadline = None if timeout is None else time.monotonic() + timeout

    @abc.abstractmethod
    def messages(self) -> Iterator[Message]: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    @abc.abstractmethod
    def cancel(self) -> None: ...

    def _timed_out(self) -> QueryTimeout:
        self.close()
        return QueryTimeout(f"query timed out after {self._timeout:g} s and was stopped "
                            "(allow longer with --timeout SECONDS, 0 for no limit)")


class _Engine:
    """A forked engine process: its pid, the pipe its answers come on and, for a pooled
    engine, the pipe its jobs go to."""

    def __init__(self, pid: int, answers: int, jobs: int | None) -> None:
        self.pid = pid
        self.answers = answers
        self.jobs = jobs

    @classmethod
    def fork(cls, work: Callable[[int, int | None], None], *, pooled: bool = False,
             close: Callable[[], Iterable[int]] = tuple) -> _Engine:
        """Fork a child that runs `work(answers write end, jobs read end)` and never returns.

        `close` gives descriptors of this process the child must not hold (other
        engines' pipes: a copy held by a sibling would keep a pipe open after its
        engine is gone).
        """
        answers_read, answers_write = os.pipe()
        jobs_read, jobs_write = os.pipe() if pooled else (None, None)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            try:
                for descriptor in (answers_read, jobs_write, *close()):
                    if descriptor is not None:
                        with contextlib.suppress(OSError):
                            os.close(descriptor)
                work(answers_write, jobs_read)
            finally:
                os._exit(70)
        os.close(answers_write)
        if jobs_read is not None:
            os.close(jobs_read)
        return cls(pid, answers_read, jobs_write)

    def descriptors(self) -> tuple[int, ...]:
        return (self.answers,) if self.jobs is None else (self.answers, self.jobs)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def stop(self, *, kill: bool = True) -> int:
        """Kill (unless it ended by itself), reap and close its pipes; its wait status."""
        if kill:
            self.kill()
        _, status = os.waitpid(self.pid, 0)
        for descriptor in self.descriptors():
            with contextlib.suppress(OSError):
                os.close(descriptor)
        return status


class _ForkedChannel(_Channel):
    """The engine in a forked child, read through a pipe with the time limit.

    A one-off child is reaped when its answer ends; a pooled engine whose answer
    ended goes back to its pool, and one stopped before that is killed.
    """

    def __init__(self, engine: _Engine, timeout: float | None,
                 pool: EnginePool | None = None) -> None:
        super().__init__(timeout)
        self._engine: _Engine | None = engine
        self._pool = pool
        # `cancel` may come from another thread: the pid must not be signalled once
        # reaped (the system may have given it to another process by then), nor once
        # the engine went back to its pool (another query may have it).
        self._engine_lock = threading.Lock()
        self._cancelled = False

    def messages(self) -> Iterator[Message]:
        buffer = bytearray()
        while self._engine is not None:
            while len(buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(buffer)
                if len(buffer) < _HEADER.size + size:
                    break
                message = pickle.loads(buffer[_HEADER.size:_HEADER.size + size])
                del buffer[:_HEADER.size + size]
                if message[0] in ("end", "error"):
                    self._release(finished=not buffer)
                    yield message
                    return
                yield message
            remaining = None if self._deadline is None else self._deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise self._timed_out()
            fd = self._engine.answers
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise self._timed_out()
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise self._died()
            buffer += chunk

    def _died(self) -> QueryError:
        status = self._release(finished=False, kill=False)
        if self._cancelled:
            return QueryError("the query was cancelled")
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            return QueryError(f"the SPARQL engine crashed on this query ({name}); it may be "
                              "too large or too deeply nested")
        return QueryError(f"the query process stopped unexpectedly (exit {status >> 8})")

    def _release(self, *, finished: bool, kill: bool = True) -> int:
        """Done with the engine: back to its pool if its answer ended whole (`finished`),
        else (or if it is a one-off child) stopped. Its wait status, 0 if it lives on."""
        with self._engine_lock:
            engine, self._engine = self._engine, None
            if engine is None:
                return 0
            if self._pool is not None and finished and not self._cancelled:
                self._pool.give_back(engine)
                return 0
            status = engine.stop(kill=kill or self._pool is not None)
        if self._pool is not None:
            self._pool.replace(engine)
        return status

    def close(self) -> None:
        self._release(finished=False)

    def cancel(self) -> None:
        # Only the signal: the reading thread sees the pipe end and reaps the child.
        with self._engine_lock:
            self._cancelled = True
            if self._engine is not None:
                self._engine.kill()


class EnginePool:
    """Engine processes forked once over an open store, each answering one job at a time.

    A query taken by a pooled engine skips the fork (and the reaping) a one-off child
    costs, and finds the store's caches as the engine's earlier queries left them.
    `size` engines are forked at once; more jobs at a time than that fork more, which
    are stopped when they come back. The engines read the store they inherited:
    this process must not write it while the pool lives (serve reads a snapshot).
    Close the pool (or use it as a context manager) to stop them.
    """

    def __init__(self, store: GraphStore, size: int) -> None:
        self._store = _engine(store)
        self._size = size
        self._lock = threading.Lock()
        self._idle: list[_Engine] = []
        self._engines: dict[int, _Engine] = {}  # every live engine, by pid
        self._closed = False
        if CAN_FORK:
            for _ in range(size):
                self._idle.append(self._fork())

    def __enter__(self) -> EnginePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pids(self) -> list[int]:
        """The live engines' process ids."""
        with self._lock:
            return sorted(self._engines)

    def channel(self, job: Job, timeout: float | None) -> _Channel:
        """Give `job` to an idle engine (forking one if none is idle); read its answer."""
        if not CAN_FORK:
            return _InlineChannel(partial(_run, self._store, job), timeout)
        payload = pickle.dumps(job, pickle.HIGHEST_PROTOCOL)
        while True:
            with self._lock:
                if self._closed:
                    raise QueryError("the engine pool is closed")
                engine = self._idle.pop() if self._idle else None
            if engine is None:
                engine = self._fork()
            try:
                assert engine.jobs is not None
                _write_all(engine.jobs, _HEADER.pack(len(payload)) + payload)
            except OSError:  # it died while idle (killed from outside): take another
                engine.stop()
                self._forget(engine)
                continue
            return _ForkedChannel(engine, timeout, self)

    def give_back(self, engine: _Engine) -> None:
        """An engine whose answer ended: idle again, or stopped if the pool is full or closed."""
        with self._lock:
            keep = not self._closed and len(self._idle) < self._size
            if keep:
                self._idle.append(engine)
        if not keep:
            engine.stop()
            self._forget(engine)

    def replace(self, engine: _Engine) -> None:
        """An engine was stopped before its answer ended: fork another in its place now,
        so the next query does not wait for a fork."""
        self._forget(engine)
        with self._lock:
            wanted = not self._closed and len(self._engines) < self._size
        if wanted:
            fresh = self._fork()
            self.give_back(fresh)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for engine in idle:
            engine.stop()
            self._forget(engine)

    def _fork(self) -> _Engine:
        store = self._store
        engine = _Engine.fork(lambda answers, jobs: _serve_jobs(store, answers, jobs),
                              pooled=True, close=self._descriptors)
        with self._lock:
            self._engines[engine.pid] = engine
        return engine

    def _forget(self, engine: _Engine) -> None:
        with self._lock:
            self._engines.pop(engine.pid, None)

    def _descriptors(self) -> list[int]:
        # Called in a new child, where no other thread runs: no lock (another thread of
        # the parent may have held it at the fork, and would never release it here).
        return [d for engine in list(self._engines.values()) for d in engine.descriptors()]


def _serve(produce: Producer, fd: int) -> None:
    """A one-off child: run the engine, send its messages, exit."""
    def run() -> None:
        with contextlib.suppress(OSError):  # EPIPE: the parent stopped reading
            _send(produce(), fd)
        os._exit(0)

    _child(run, keep=fd)


def _serve_jobs(store: OxigraphStore, fd: int, jobs: int | None) -> None:
    """A pooled engine: answer each job that comes, until its pipe closes."""
    assert jobs is not None

    def run() -> None:
        with contextlib.suppress(OSError):  # EPIPE: the parent stopped reading
            while (job := _read_job(jobs)) is not None:
                _send(_run(store, job), fd)
        os._exit(0)

    _child(run, keep=fd)


def _send(messages: Iterable[Message], fd: int) -> None:
    for message in messages:
        payload = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        _write_all(fd, _HEADER.pack(len(payload)) + payload)


def _read_job(fd: int) -> Job | None:
    """The next job on the pipe; None when the parent closed it."""
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    payload = _read_exactly(fd, size)
    return None if payload is None else pickle.loads(payload)


def _read_exactly(fd: int, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def _child(run: Callable[[], None], *, keep: int) -> None:
    """The child's set-up: `run` on a big-stack thread, while this one watches the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills us
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file if the engine crashes
    _close_inherited_sockets(keep=keep)
    parent = os.getppid()
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
