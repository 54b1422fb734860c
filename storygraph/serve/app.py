"""The HTTP side: a read-only SPARQL 1.1 Protocol endpoint as a Starlette application.

Routes:

* ``/sparql``          GET or POST a query (SPARQL 1.1 Protocol); without a query,
                       the service description. Updates are refused with 403.
* ``/queries``         the canned queries (JSON: name, description, url).
* ``/queries/NAME``    run one, variables bound from the URL (`?article=<IRI>`);
  ``/queries/NAME.rq`` its text.
* ``/dataset``         every stored quad (TriG, N-Quads); ``?graph=IRI`` one graph,
                       ``?default`` the default graph (Graph Store Protocol, read only).

Every query runs through `storygraph.query.open_query`, the path `storygraph query`
takes: checked first, then run in an engine process that the time limit or a client
that goes away stops at once, its answer written as it comes. `serve` gives the
application a pool of engine processes forked once (`EnginePool`), which answer
query after query; without one, each query forks its own. At most `max_queries`
run at once; more wait for a turn.

Forking from a threaded server: the engine's processes are forked from worker
threads while other threads read pipes and write to sockets. The child touches
only memory (malloc is fork-safe), the store and one pipe, and this process never
reads the store itself, so no thread can hold one of the store's locks at the
moment of a fork; the store is a read-only snapshot (see `snapshot.py`), so there
is no writer and no RocksDB background work either. The child closes the sockets
it inherits. A pool's first engines are forked before the server starts its
threads; only the replacements of engines stopped mid-answer come from threads.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import anyio
import anyio.from_thread
import anyio.to_thread
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from storygraph.errors import QueryError
from storygraph.query import (
    QueryLimits,
    QueryStream,
    QueryTimeout,
    canned_queries,
    load_query,
    open_query,
)
from storygraph.query.worker import EnginePool, open_dump
from storygraph.rdf.sparql import UPDATE_KEYWORDS, query_form
from storygraph.rdf.terms import BlankNode, Literal, NamedNode, Triple
from storygraph.serve.formats import (
    FORMATS_NS,
    GRAPH,
    Format,
    negotiate,
    offers_for,
    serialize_graph,
)
from storygraph.store import OxigraphStore

# uvicorn sets this logger up; under another server it is the standard library's default.
log = logging.getLogger("uvicorn.error")

# The largest query text accepted in a POST body: the guard caps a query at 5,000
# operators, far below this.
MAX_BODY = 1 << 20
ROW_LIMIT_HEADER = "X-Storygraph-Row-Limit"
_SEND_SIZE = 1 << 16  # bytes gathered before a write to the socket (rows still go per batch)
_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"


@dataclass(frozen=True)
class ServeOptions:
    """How far a served query may go, and who may call from a browser.

    `timeout` (seconds, None for none) and `max_rows` (rows or triples, None for
    all) apply to every query; `max_queries` run at once; `cors` lists the
    origins a browser page may query from ("*" for any).
    """

    timeout: float | None = 30.0
    max_rows: int | None = 100_000
    max_queries: int = field(default_factory=lambda: max(2, os.cpu_count() or 1))
    cors: tuple[str, ...] = ()

    @property
    def limits(self) -> QueryLimits:
        # SERVICE stays refused: a server that fetches any URL a client names would
        # reach what only this machine can.
        return QueryLimits(timeout=self.timeout, max_rows=self.max_rows)


class Refusal(Exception):
    """A request the endpoint answers with an error status and one line of text."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}

    def response(self) -> Response:
        return PlainTextResponse(f"{self}\n", self.status, headers=self.headers)


def create_app(store: OxigraphStore, options: ServeOptions | None = None, *,
               pool: EnginePool | None = None) -> Starlette:
    """The endpoint over an open store; run it with any ASGI server (`serve` uses uvicorn).

    With `pool` (engines over `store`, as many as `max_queries`), queries run in its
    engines; without, each forks its own (for a server that forks its workers after
    this: a pool's pipes would be shared between them).
    """
    endpoint = _Endpoint(store, options or ServeOptions(), pool)
    routes = [
        Route("/", endpoint.index, methods=["GET"]),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
        Route("/queries", endpoint.queries, methods=["GET"]),
        Route("/queries/{name}", endpoint.canned, methods=["GET"]),
        Route("/dataset", endpoint.dataset, methods=["GET"]),
    ]
    middleware = []
    if endpoint.options.cors:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(endpoint.options.cors),
            allow_methods=["GET", "POST"], allow_headers=["Accept", "Content-Type"],
            expose_headers=[ROW_LIMIT_HEADER],
            # A page on a public site (hosted YASGUI) may call a server on this machine
            # only if the server says so (Chromium's Private Network Access).
            allow_private_network=True))
    return Starlette(routes=routes, middleware=middleware)


class _Endpoint:
    def __init__(self, store: OxigraphStore, options: ServeOptions,
                 pool: EnginePool | None) -> None:
        self.store = store
        self.options = options
        self.pool = pool
        self._slots: anyio.Semaphore | None = None
        self._threads: anyio.CapacityLimiter | None = None

    @property
    def slots(self) -> anyio.Semaphore:
        # Made on first use: anyio primitives belong to the running event loop.
        if self._slots is None:
            self._slots = anyio.Semaphore(self.options.max_queries)
        return self._slots

    @property
    def threads(self) -> anyio.CapacityLimiter:
        if self._threads is None:
            self._threads = anyio.CapacityLimiter(self.options.max_queries)
        return self._threads

    # --- routes -------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return PlainTextResponse(
            "storygraph: a read-only SPARQL 1.1 endpoint over the story graph\n\n"
            f"{base}/sparql             query (GET ?query=, or POST); without a query, "
            "the service description\n"
            f"{base}/queries            the canned queries\n"
            f"{base}/queries/NAME       run one (?variable=value, <IRI> for an IRI)\n"
            f"{base}/dataset            every stored quad (TriG, N-Quads); ?graph=IRI one graph\n")

    async def sparql(self, request: Request) -> Response:
        try:
            query, default_graphs, named_graphs = await _protocol_request(request)
        except Refusal as refusal:
            return refusal.response()
        if query is None:
            return _service_description(request, self.options)
        return self._answer(request, lambda: open_query(
            self.store, query, limits=self.options.limits, terms=True,
            default_graphs=default_graphs, named_graphs=named_graphs, pool=self.pool))

    async def queries(self, request: Request) -> Response:
        base = str(request.url_for("queries")).rstrip("/")
        return JSONResponse([{"name": name, "description": description,
                              "url": f"{base}/{name}", "text": f"{base}/{name}.rq"}
                             for name, description in canned_queries().items()])

    async def canned(self, request: Request) -> Response:
        name = request.path_params["name"]
        try:
            text = load_query(name)
        except QueryError as error:
            return Refusal(404, str(error)).response()
        if name.endswith(".rq"):
            return PlainTextResponse(text, media_type=_QUERY_BODY)
        try:
            bindings = _bindings(request.query_params)
        except Refusal as refusal:
            return refusal.response()
        return self._answer(request, lambda: open_query(
            self.store, text, bindings, limits=self.options.limits, terms=True,
            pool=self.pool))

    async def dataset(self, request: Request) -> Response:
        params = request.query_params
        graphs = params.getlist("graph")
        if len(graphs) > 1 or (graphs and "default" in params):
            return Refusal(400, "give one graph: ?graph=IRI or ?default").response()
        graph = "" if "default" in params else (graphs[0] if graphs else None)
        if graph:
            try:
                NamedNode(graph)
            except ValueError:
                return Refusal(400, f"not an IRI: {graph!r}").response()
        return self._answer(request, lambda: open_dump(self.store, graph, pool=self.pool),
                            one_graph=graph is not None)

    def _answer(self, request: Request, start: Callable[[], AbstractContextManager[QueryStream]],
                *, one_graph: bool = False) -> Response:
        return _StreamedAnswer(self, start, request.headers.get("accept"), one_graph=one_graph)


async def _protocol_request(request: Request) -> tuple[str | None, list[str] | None,
                                                      list[str] | None]:
    """The query and dataset of a SPARQL Protocol request (query None: none was sent).

    Any update form is refused with 403: the `update` parameter, an
    application/sparql-update body, or a query text that is an update.
    """
    if request.method == "GET":
        params: dict[str, list[str]] = {k: request.query_params.getlist(k)
                                        for k in request.query_params}
        queries = params.get("query", [])
    else:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == _UPDATE_BODY:
            raise _read_only()
        body = await _body(request)
        if content_type == _FORM:
            params = parse_qs(body, keep_blank_values=True)
            queries = params.get("query", [])
        elif content_type == _QUERY_BODY:
            params = {k: request.query_params.getlist(k) for k in request.query_params}
            queries = [body]
        else:
            raise Refusal(415, f"POST a query as {_FORM} (query=...) or as {_QUERY_BODY}; "
                          f"not {content_type or 'without a content type'}")
    if "update" in params:
        raise _read_only()
    if len(queries) > 1:
        raise Refusal(400, "give one query parameter, not several")
    if not queries:
        if request.method == "POST":
            raise Refusal(400, "no query parameter in the request")
        return None, None, None
    query = queries[0]
    if not query.strip():
        raise Refusal(400, "the query is empty")
    if query_form(query) in UPDATE_KEYWORDS:
        raise _read_only()
    default_graphs = params.get("default-graph-uri")
    named_graphs = params.get("named-graph-uri")
    for graph in (default_graphs or []) + (named_graphs or []):
        try:
            NamedNode(graph)
        except ValueError:
            raise Refusal(400, f"not an IRI: {graph!r}") from None
    return query, default_graphs, named_graphs


def _read_only() -> Refusal:
    return Refusal(403, "this endpoint is read-only: SPARQL updates are refused "
                   "(write with storygraph ingest, remove, merge or split)")


async def _body(request: Request) -> str:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise Refusal(413, f"the request body is over {MAX_BODY:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refusal(413, f"the request body is over {MAX_BODY:,} bytes")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the request body is not UTF-8") from None


def _bindings(params: QueryParams) -> dict[str, object]:
    """URL parameters as variable bindings: `<...>` is an IRI, anything else a plain string."""
    bindings: dict[str, object] = {}
    for name in params:
        values = params.getlist(name)
        if len(values) > 1:
            raise Refusal(400, f"give ?{name} once")
        value = values[0]
        if value.startswith("<") and value.endswith(">"):
            try:
                bindings[name] = NamedNode(value[1:-1])
            except ValueError:
                raise Refusal(400, f"not an IRI: {value}") from None
        else:
            bindings[name] = value
    return bindings


class _StreamedAnswer(Response):
    """Start a query (or dump), pick the format the client accepts for its kind, and write
    the answer as it comes. A failure before the first byte is a status (400, 503 for the
    time limit, 406); one after it aborts the connection, so a cut answer never looks whole.
    """

    def __init__(self, endpoint: _Endpoint,
                 start: Callable[[], AbstractContextManager[QueryStream]],
                 accept: str | None, *, one_graph: bool) -> None:
        super().__init__()
        self._endpoint = endpoint
        self._start = start
        self._accept = accept
        self._one_graph = one_graph

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = self._endpoint
        async with endpoint.slots:
            opened = self._start()
            try:
                # Quick but for ASK, whose answer is the first message: the engine starts,
                # parses, and says what kind of answer comes.
                stream = await anyio.to_thread.run_sync(opened.__enter__,
                                                        limiter=endpoint.threads)
            except QueryError as error:
                await _refusal(error).response()(scope, receive, send)
                return
            offers = offers_for(stream.kind, one_graph=self._one_graph)
            chosen = negotiate(self._accept, offers)
            if chosen is None:
                await anyio.to_thread.run_sync(opened.__exit__, None, None, None,
                                               limiter=endpoint.threads)
                listed = ", ".join(offer.media_type for offer in offers)
                refusal = Refusal(406, f"this answer can be had as {listed}")
                await refusal.response()(scope, receive, send)
                return
            # The status waits for the first rows: a time limit or an engine error before
            # them is still an error status (503, 400), not an answer cut short.
            failure = await _while_connected(stream, receive, endpoint.threads,
                                             stream.wait_first)
            if isinstance(failure, QueryError):
                await anyio.to_thread.run_sync(opened.__exit__, None, None, None,
                                               limiter=endpoint.threads)
                await _refusal(failure).response()(scope, receive, send)
                return
            headers = [(b"content-type", chosen.content_type.encode()), (b"vary", b"accept")]
            limit = endpoint.options.max_rows
            if limit is not None and stream.kind != "quads":
                headers.append((ROW_LIMIT_HEADER.lower().encode(), str(limit).encode()))
            try:
                await send({"type": "http.response.start", "status": 200, "headers": headers})
            except BaseException:
                await anyio.to_thread.run_sync(opened.__exit__, None, None, None,
                                               limiter=endpoint.threads)
                raise
            started = time.monotonic()
            failure = await _stream_body(stream, opened, chosen, receive, send, endpoint.threads)
        if failure is not None:
            # The status is sent: end without the body's end, so the client sees a cut answer.
            log.warning("answer stopped after %.1f s: %s", time.monotonic() - started,
                        " ".join(str(failure).split()) or type(failure).__name__)
            return
        if stream.truncated:
            log.info("answer cut at the row limit (%s)", limit)


def _refusal(error: QueryError) -> Refusal:
    return Refusal(503 if isinstance(error, QueryTimeout) else 400, str(error))


async def _stream_body(stream: QueryStream, opened: AbstractContextManager[QueryStream],
                       chosen: Format, receive: Receive, send: Send,
                       threads: anyio.CapacityLimiter) -> Exception | None:
    """Write the answer from a worker thread, which also closes the stream when it is done.

    Returns None when the whole answer was sent (and ended), else why it stopped.
    """
    def write() -> None:
        try:
            sink = _Sink(send)
            chosen.write(stream, sink)
            sink.flush(last=True)  # before the engine's process is reaped, which takes ms
        finally:
            opened.__exit__(None, None, None)

    return await _while_connected(stream, receive, threads, write)


async def _while_connected(stream: QueryStream, receive: Receive,
                           threads: anyio.CapacityLimiter,
                           work: Callable[[], None]) -> Exception | None:
    """Run `work` in a worker thread; the exception it raised, or None.

    A client that goes away, or a server shutting down, cancels the query: its
    engine is killed, and the thread, left to finish alone, ends at once.
    """
    failure: list[Exception] = []

    def run() -> None:
        try:
            work()
        except Exception as error:  # a failure in the thread must reach the caller, not vanish
            failure.append(error)

    async def watch() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
        stream.cancel()

    try:
        async with anyio.create_task_group() as group:
            group.start_soon(watch)
            await anyio.to_thread.run_sync(run, limiter=threads, abandon_on_cancel=True)
            group.cancel_scope.cancel()
    except anyio.get_cancelled_exc_class():
        stream.cancel()
        raise
    return failure[0] if failure else None


class _Sink:
    """Bytes from a writer thread to the client, in pieces of about 64 KB, or sooner on flush."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._buffer = bytearray()

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= _SEND_SIZE:
            self.flush()
        return len(data)

    def flush(self, *, last: bool = False) -> None:
        """Send what is gathered; `last` ends the answer."""
        if self._buffer or last:
            message: Message = {"type": "http.response.body", "body": bytes(self._buffer),
                                "more_body": not last}
            self._buffer.clear()
            anyio.from_thread.run(self._send, message)


# --- the service description ------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def _service_description(request: Request, options: ServeOptions) -> Response:
    """SPARQL 1.1 Service Description of this endpoint, in the RDF format the client accepts."""
    endpoint = NamedNode(str(request.url_for("sparql")))
    dataset, graph = BlankNode(), BlankNode()

    def iri(value: str) -> NamedNode:
        return NamedNode(value)

    limits = [f"at most {options.max_queries} queries at once"]
    if options.timeout is not None:
        limits.append(f"each stopped after {options.timeout:g} s")
    if options.max_rows is not None:
        limits.append(f"answers cut at {options.max_rows:,} rows or triples "
                      f"(the {ROW_LIMIT_HEADER} header says so)")
    triples = [
        Triple(endpoint, iri(RDF_TYPE), iri(SD + "Service")),
        Triple(endpoint, iri(SD + "endpoint"), endpoint),
        Triple(endpoint, iri(SD + "supportedLanguage"), iri(SD + "SPARQL11Query")),
        Triple(endpoint, iri(SD + "feature"), iri(SD + "UnionDefaultGraph")),
        Triple(endpoint, iri(SD + "defaultDataset"), dataset),
        Triple(dataset, iri(RDF_TYPE), iri(SD + "Dataset")),
        Triple(dataset, iri(SD + "defaultGraph"), graph),
        Triple(graph, iri(RDF_TYPE), iri(SD + "Graph")),
        Triple(endpoint, iri(RDFS + "label"), Literal("storygraph")),
        Triple(endpoint, iri(RDFS + "comment"), Literal(
            "Read-only: updates are refused. The default graph is the union of every "
            "article's, entity and story graph. " + _sentence(limits) +
            "SERVICE is refused.")),
        Triple(endpoint, iri(RDFS + "seeAlso"), iri(str(request.url_for("queries")))),
        Triple(endpoint, iri(RDFS + "seeAlso"), iri(str(request.url_for("dataset")))),
    ]
    triples += [Triple(endpoint, iri(SD + "resultFormat"), iri(offer.w3c))
                for offer in offers_for("select") + offers_for("construct")]
    chosen = negotiate(request.headers.get("accept"), GRAPH) or GRAPH[0]
    body = serialize_graph(triples, chosen, {"sd": SD, "formats": FORMATS_NS})
    return Response(body, media_type=chosen.content_type, headers={"vary": "accept"})


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + ". "
