"""A store in any SPARQL 1.1 server, over the SPARQL 1.1 Protocol.

`open_store("http://host:7878/query")` (or `--store URL`) keeps the graph in a
server instead of the embedded Oxigraph: reads are SPARQL queries, and each
`apply` (one article's graph, resolution and story) is one SPARQL Update request,
which most servers run as one transaction (Virtuoso commits its operations one by one:
docs/scaling.md says what that means). Nothing else changes: every
stage talks to `GraphStore`, and the planning, indexes and edits read through
`quads_for_pattern`, which is one SELECT here.

Endpoints: the URL is the query endpoint. The update endpoint is
`$STORYGRAPH_UPDATE_URL` when set, else the query URL with a last path segment
`query` replaced by `update` (Oxigraph server, Fuseki: `/ds/query` -> `/ds/update`),
else the query URL itself (Virtuoso, GraphDB, Neptune: one `/sparql` for both).

The server must answer queries with the union of the named graphs as the default
graph, as the embedded store does: Oxigraph server with `--union-default-graph`
(it is also asked per request), Fuseki with `tdb2:unionDefaultGraph true`;
Virtuoso and GraphDB do so already.

Credentials: `$STORYGRAPH_STORE_USER` and `$STORYGRAPH_STORE_PASSWORD`, sent by the
scheme the server's challenge asks for (HTTP digest, as Virtuoso's `/sparql-auth`
does, or basic), or by `$STORYGRAPH_STORE_AUTH` (`basic` or `digest`) when set. They
go only into the Authorization header and never appear in a message, a log line,
`repr` or the store's location; a URL with `user:password@` in it is refused, since
command lines end up in shell histories and process lists.

What differs between servers and is handled here, not per engine: a server may
give values in their canonical form ("1" for a boolean true: Virtuoso), blank node
labels that are not valid N-Triples labels (Virtuoso's `nodeID://b1`), an ASK
answer as a one-row table (Virtuoso with `CaseMode` other than 2), and graphs of
its own (Virtuoso's `virtrdf#`): `quad_count` counts storygraph's graphs only.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from storygraph.errors import QueryError, StoreError, StoreWriteError
from storygraph.rdf.mapping import ENTITIES
from storygraph.rdf.namespace import BASE, PREFIXES
from storygraph.rdf.terms import BlankNode, Literal, NamedNode, Quad, RdfFormat, Triple, parse
from storygraph.store import GraphStore, SelectResult, UnfinishedWrite, python_value

UPDATE_URL_VAR = "STORYGRAPH_UPDATE_URL"
USER_VAR = "STORYGRAPH_STORE_USER"
PASSWORD_VAR = "STORYGRAPH_STORE_PASSWORD"
AUTH_VAR = "STORYGRAPH_STORE_AUTH"
TIMEOUT_VAR = "STORYGRAPH_STORE_TIMEOUT"
_DEFAULT_TIMEOUT = 300.0  # seconds a request may take before it is given up
_SCHEMES = ("basic", "digest")

# On the query's first line, so that a server's "syntax error at line N" is the user's N.
_PROLOGUE = "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items())
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
# storygraph's own graphs, apart from those a server keeps for itself.
_OURS = f'FILTER(STRSTARTS(STR(?g), "{BASE}"))'
# A write's journal: a graph of its own, outside storygraph's graphs (see `apply`).
_JOURNAL = "urn:storygraph:write:"
_WHAT, _OPERATIONS, _DONE, _FAILED = (f"<{BASE}ns#journal{name}>"
                                      for name in ("What", "Operations", "Done", "Failed"))
_JOURNAL_BEGAN = re.compile(re.escape(_JOURNAL) + r"(\d{20})-")


class NoAnswer(StoreError):
    """The server gave no answer (unreachable, connection lost, time limit): a request may
    have run, in part or whole, or still be running."""


class SparqlStore(GraphStore):
    """The story graph in a SPARQL 1.1 server."""

    def __init__(self, url: str, *, read_only: bool = False,
                 update_url: str | None = None, timeout: float | None = None) -> None:
        self.location = _without_credentials(url)
        self.read_only = read_only
        self.update_url = _without_credentials(
            update_url or os.environ.get(UPDATE_URL_VAR) or _update_url(url))
        self.timeout = timeout or float(os.environ.get(TIMEOUT_VAR) or _DEFAULT_TIMEOUT)
        # One session: its connections are kept open between the many small reads an
        # article's write makes, and a digest challenge is answered once, not per request.
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "storygraph"
        user = os.environ.get(USER_VAR) or None
        self._credentials = None if user is None else (user, os.environ.get(PASSWORD_VAR) or "")
        scheme = _scheme(os.environ.get(AUTH_VAR))
        if self._credentials is not None and scheme is not None:
            self._session.auth = _auth(scheme, *self._credentials)
        self._closed = False
        self._unfinished: list[str] | None = None  # the unfinished writes, once read
        self._check()

    def __repr__(self) -> str:
        return f"<SparqlStore {self.location}>"

    def _check(self) -> None:
        """Fail at once, in one line, when the server is not there or not a SPARQL endpoint."""
        self._execute("ASK { ?s ?p ?o }")

    # --- the protocol ---------------------------------------------------------------

    def _post(self, url: str, form: dict[str, str], accept: str, what: str) -> bytes:
        if self._closed:
            raise StoreError(f"store {self.location} is closed")
        try:
            response = self._session.post(url, data=form, headers={"Accept": accept},
                                          timeout=self.timeout)
            if response.status_code == 401 and self._answer_challenge(response):
                response = self._session.post(url, data=form, headers={"Accept": accept},
                                              timeout=self.timeout)
        except requests.RequestException as exc:
            raise NoAnswer(f"{what}: cannot reach {url}: {_reason(exc)}") from None
        if response.status_code in (401, 403):
            raise StoreError(f"{what}: {url} answered {response.status_code} "
                             f"{response.reason}: {self._credential_hint()}")
        if response.status_code >= 400:
            detail = " ".join(response.content[:300].decode("utf-8", "replace").split())
            message = f"{what}: {url} answered {response.status_code} {response.reason}" + \
                (f": {detail}" if detail else "")
            if response.status_code in (400, 422):
                raise QueryError(message)
            raise StoreError(message)
        _refuse_part(response, what, url)
        return response.content

    def _answer_challenge(self, response: requests.Response) -> bool:
        """Take the scheme the server's first challenge names (digest or basic) for the
        credentials; whether there is something new to try."""
        challenge = response.headers.get("WWW-Authenticate", "").lower()
        named = [s for s in _SCHEMES if s in challenge]
        if self._credentials is None or self._session.auth is not None or not named:
            return False
        # requests' digest support answers the next challenge itself, then reuses the
        # server's nonce: two extra round trips for the whole session, not one a request.
        self._session.auth = _auth("digest" if "digest" in named else "basic",
                                   *self._credentials)
        return True

    def _credential_hint(self) -> str:
        if self._credentials is None:
            return f"it wants credentials: set ${USER_VAR} and ${PASSWORD_VAR}"
        return (f"it refused the credentials of ${USER_VAR} and ${PASSWORD_VAR} (a wrong "
                "password, or a user without the right to do this)")

    def _execute(self, query: str) -> SelectResult | bool | list[Triple]:
        match = _FORM.search(_strip_prologue(query))
        form = match.group(1).upper() if match else "SELECT"
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        body = self._post(self.location, {"query": _PROLOGUE + query,
                                          "union-default-graph": ""},
                          _N_TRIPLES if graph_form else _RESULTS_JSON, "query")
        if graph_form:
            return [q.triple for q in parse(body, format=RdfFormat.N_TRIPLES)]
        try:
            answer = json.loads(body)
        except ValueError:
            raise StoreError(f"query: {self.location} did not answer SPARQL results JSON") \
                from None
        if "boolean" in answer:
            return bool(answer["boolean"])
        variables = list(answer["head"].get("vars", []))
        rows = [{v: python_value(_term(b[v])) if v in b else None for v in variables}
                for b in answer["results"]["bindings"]]
        if form == "ASK":
            # Virtuoso under a CaseMode other than 2 answers an ASK as one row of 1 or 0.
            return any(value for row in rows for value in row.values())
        return SelectResult(variables, rows)

    def quads_for_pattern(self, subject: Any = None, predicate: Any = None, object: Any = None,
                          graph_name: Any = None) -> Iterator[Quad]:
        # Bound terms go into the pattern itself, so the server uses its indexes, and the
        # quads are put together again here from them and the variables' values.
        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        slot = {name: str(term) if term is not None else f"?{name}"
                for name, term in terms.items()}
        free = [name for name, term in terms.items() if term is None]
        query = (f"SELECT {' '.join('?' + n for n in free) or '*'} WHERE "
                 f"{{ GRAPH {slot['g']} {{ {slot['s']} {slot['p']} {slot['o']} }} }}")
        body = self._post(self.location, {"query": query}, _RESULTS_JSON, "read")
        for b in json.loads(body)["results"]["bindings"]:
            found = {name: _term(b[name]) if name in b else terms[name] for name in terms}
            yield Quad(found["s"], found["p"], found["o"], found["g"])

    def _recorded(self, entities: Iterable[str]) -> set[str]:
        values = " ".join(str(NamedNode(e)) for e in entities)
        if not values:
            return set()
        rows = self.select(f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {values} }} "
                           f"GRAPH {ENTITIES} {{ ?e a ?type }} }}")
        return {str(row["e"]) for row in rows}

    def apply(self, operations: Sequence[str], *, what: str) -> None:
        """Run `operations` as one request, journaled so that a server which commits them
        one by one (Virtuoso) can be brought to all of them after a failure half way.

        The request first writes its operations into a journal graph, then runs each one
        followed by a mark of how far it got, and drops the journal last. A request that
        fails half way leaves its journal: `unfinished_writes` finds it, `finish_write`
        runs what is left, and until then this store refuses other writes, which would be
        planned on a half-written graph. On a server that runs a request as one
        transaction (Oxigraph server, Fuseki, GraphDB) a failure leaves nothing, journal
        included. The marks are per item of `operations`: an item of several operations
        joined by ";" that failed inside runs again whole, its first part twice.
        """
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")
        operations = [o for o in operations if o]
        if not operations:
            return
        self._refuse_if_unfinished()
        # Named by when it began, so that unfinished writes are finished in the order made.
        journal = f"<{_JOURNAL}{time.time_ns():020d}-{uuid.uuid4().hex[:12]}>"
        opening = (f"INSERT DATA {{ GRAPH {journal} {{ {journal} {_WHAT} {Literal(what)} ; "
                   f"{_OPERATIONS} {Literal(json.dumps(operations))} }} }}")
        self._update([opening, *_journaled(journal, operations, 0)], what, journal)

    def unfinished_writes(self) -> list[UnfinishedWrite]:
        ours = f'FILTER(STRSTARTS(STR(?j), "{_JOURNAL}"))'
        # Two reads: grouping by a long text is what some engines (Virtuoso) cannot do.
        done = {str(r["j"]): int(r["last"]) for r in self.select(
            f"SELECT ?j (MAX(?i) AS ?last) WHERE {{ GRAPH ?j {{ ?j {_DONE} ?i }} {ours} }} "
            "GROUP BY ?j")}
        rows = self.select(f"SELECT ?j ?what ?operations ?failed WHERE {{ GRAPH ?j {{ "
                           f"?j {_WHAT} ?what ; {_OPERATIONS} ?operations "
                           f"OPTIONAL {{ ?j {_FAILED} ?failed }} }} {ours} }}")
        return sorted((UnfinishedWrite(str(r["j"]), str(r["what"]),
                                       tuple(json.loads(str(r["operations"]))),
                                       done.get(str(r["j"]), -1),
                                       r["failed"] is None and self._recent(str(r["j"])))
                       for r in rows), key=lambda w: w.journal)

    def _recent(self, journal: str) -> bool:
        """Whether a write that began as `journal`'s name says could still be running: it
        began less than a request's time limit ago (by this machine's clock)."""
        began = _JOURNAL_BEGAN.match(journal)
        return began is None or time.time() - int(began.group(1)) / 1e9 < self.timeout

    def finish_write(self, write: UnfinishedWrite) -> None:
        """Run what is left of `write`; refused while it may be another writer's request
        still under way (nobody saw it fail, and it began within a request's time limit)."""
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")
        if write.may_be_running:
            raise StoreWriteError(
                f"{self.location}: the write of {write.what} began less than "
                f"{self.timeout:.0f} s ago and may still be running (another storygraph "
                "writing here?): run check --repair again when no other storygraph writes "
                "to this server")
        journal = str(NamedNode(write.journal))
        self._update(list(_journaled(journal, write.operations, write.done + 1)), write.what,
                     journal)
        self._unfinished = None  # read again at the next write

    def _refuse_if_unfinished(self) -> None:
        if self._unfinished is None:
            self._unfinished = [w.what for w in self.unfinished_writes()]
        if self._unfinished:
            raise StoreWriteError(
                f"{self.location} holds a write that failed half way ({self._unfinished[0]}): "
                f"run `storygraph check --repair --store {self.location}` to finish it before "
                "writing more")

    def _update(self, operations: list[str], what: str, journal: str) -> None:
        try:
            self._post(self.update_url, {"update": _PROLOGUE + " ;\n".join(operations)}, "*/*",
                       f"write {what}")
        except (QueryError, StoreError) as exc:
            self._unfinished = None  # it may have left its journal: look before writing again
            if not isinstance(exc, NoAnswer):  # the server said it failed: it is over
                self._mark_failed(journal)
            raise StoreWriteError(str(exc)) from None

    def _mark_failed(self, journal: str) -> None:
        """Say in the journal, if the request left one, that its request is over, so that
        `check --repair` can finish it at once rather than wait out a request's time limit.
        Best effort: a server that cannot be reached now leaves the journal unmarked."""
        with contextlib.suppress(QueryError, StoreError):
            self._post(self.update_url, {"update": (
                f"INSERT {{ GRAPH {journal} {{ {journal} {_FAILED} true }} }} "
                f"WHERE {{ GRAPH {journal} {{ {journal} {_WHAT} ?what }} }}")}, "*/*",
                "mark a failed write")

    def quad_count(self) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }}")
        return int(rows[0]["n"] or 0)

    def flush(self) -> None:
        """Nothing to do: the server keeps its own memory."""

    def close(self) -> None:
        self._closed = True
        self._session.close()


def _journaled(journal: str, operations: Sequence[str], start: int) -> Iterator[str]:
    """`operations` from `start` on, each followed by the journal's mark that it ran, then
    the journal dropped."""
    for i in range(start, len(operations)):
        yield operations[i]
        yield f"INSERT DATA {{ GRAPH {journal} {{ {journal} {_DONE} {i} }} }}"
    yield f"DROP SILENT GRAPH {journal}"


def _refuse_part(response: requests.Response, what: str, url: str) -> None:
    """An answer the server says is not whole is an error, not a shorter answer: planning
    and the indexes would take a missing row for a missing fact. Virtuoso says so in
    headers: it cuts results at `[SPARQL] ResultSetMaxRows` (10,000 in its own
    virtuoso.ini), and answers what it found when an "anytime" query runs out of time."""
    cut = response.headers.get("X-SPARQL-MaxRows")
    if cut is not None:
        raise StoreError(f"{what}: {url} cut its answer at {cut} rows; raise the server's "
                         "row limit (Virtuoso: [SPARQL] ResultSetMaxRows in virtuoso.ini)")
    state = response.headers.get("X-SQL-State")
    if state:
        reason = " ".join(response.headers.get("X-SQL-Message", "").split())
        raise StoreError(f"{what}: {url} answered in part only ({state}" +
                         (f": {reason})" if reason else ")"))


def _auth(scheme: str, user: str, password: str) -> AuthBase:
    return HTTPDigestAuth(user, password) if scheme == "digest" else HTTPBasicAuth(user, password)


def _scheme(configured: str | None) -> str | None:
    if not configured:
        return None
    scheme = configured.strip().lower()
    if scheme not in _SCHEMES:
        raise StoreError(f"${AUTH_VAR} is {configured!r}: give basic or digest")
    return scheme


def _without_credentials(url: str) -> str:
    """The URL, refused when it carries a user or password (which it would show wherever
    it is printed); credentials belong in the environment."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (read to check it: "http://host:x/")
    except ValueError as error:  # "http://[x": not shown, as it may hold credentials
        raise StoreError(f"the store URL is not valid ({error})") from None
    if parts.username is not None or parts.password is not None:
        host = parts.hostname or ""
        raise StoreError(f"the store URL for {host} holds credentials: give them in "
                         f"${USER_VAR} and ${PASSWORD_VAR} instead")
    return url


def _update_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = re.sub(r"/query$", "/update", parts.path)
    return urllib.parse.urlunsplit(parts._replace(path=path))


def _reason(exc: requests.RequestException) -> str:
    """Why a request failed, in a few words (requests' own messages repeat the URL and
    nest the underlying errors' reprs)."""
    if isinstance(exc, requests.Timeout):
        return "no answer in time"
    if isinstance(exc, requests.ConnectionError):
        found = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", str(exc))
        return found.group(1).strip() if found else "the connection failed"
    return type(exc).__name__


def _strip_prologue(query: str) -> str:
    """The query without its PREFIX and BASE lines and comments, to find its form."""
    return re.sub(r"(?im)^\s*(#.*|(PREFIX|BASE)\s+\S*\s*<[^>]*>)\s*$", "", query)


def _term(binding: dict[str, str]) -> Any:
    """A SPARQL results JSON term as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        try:
            return BlankNode(value)
        except ValueError:  # not a valid label, as Virtuoso's "nodeID://b1": one made of it
            return BlankNode("b" + value.encode().hex())
    if "xml:lang" in binding:
        return Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        datatype = binding["datatype"]
        if datatype == _BOOLEAN and value in ("1", "0"):
            # The canonical form, as the embedded store and storygraph's writes have it.
            value = "true" if value == "1" else "false"
        return Literal(value, datatype=NamedNode(datatype))
    return Literal(value)
