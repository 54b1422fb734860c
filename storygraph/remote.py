"""A store in any SPARQL 1.1 server, over the SPARQL 1.1 Protocol.

`open_store("http://host:7878/query")` (or `--store URL`) keeps the graph in a
server instead of the embedded Oxigraph: reads are SPARQL queries, and each
`apply` (one article's graph, resolution and story) is one SPARQL Update request,
which a SPARQL 1.1 server runs as one transaction. Nothing else changes: every
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

Credentials: `$STORYGRAPH_STORE_USER` and `$STORYGRAPH_STORE_PASSWORD` for HTTP
basic authentication. They are sent only in the Authorization header and never
appear in a message, a log line or an exception.
"""

from __future__ import annotations

import base64
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from typing import Any

import pyoxigraph as ox

from storygraph.errors import QueryError, StoreError, StoreWriteError
from storygraph.rdf.namespace import PREFIXES
from storygraph.store import GraphStore, SelectResult, python_value

UPDATE_URL_VAR = "STORYGRAPH_UPDATE_URL"
USER_VAR = "STORYGRAPH_STORE_USER"
PASSWORD_VAR = "STORYGRAPH_STORE_PASSWORD"
TIMEOUT_VAR = "STORYGRAPH_STORE_TIMEOUT"
_DEFAULT_TIMEOUT = 300.0  # seconds a request may take before it is given up

_PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"


class SparqlStore(GraphStore):
    """The story graph in a SPARQL 1.1 server."""

    def __init__(self, url: str, *, read_only: bool = False,
                 update_url: str | None = None, timeout: float | None = None) -> None:
        self.location = url
        self.read_only = read_only
        self.update_url = update_url or os.environ.get(UPDATE_URL_VAR) or _update_url(url)
        self.timeout = timeout or float(os.environ.get(TIMEOUT_VAR) or _DEFAULT_TIMEOUT)
        self._headers = {"User-Agent": "storygraph"}
        user, password = os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR)
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"
        self._closed = False
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
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
            headers={**self._headers, "Accept": accept,
                     "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
            message = f"{what}: {url} answered {exc.code} {exc.reason}" + \
                (f": {detail}" if detail else "")
            if exc.code in (400, 422):
                raise QueryError(message) from None
            raise StoreError(message) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{what}: cannot reach {url}: {reason}") from None

    def _execute(self, query: str) -> SelectResult | bool | list[ox.Triple]:
        match = _FORM.search(_strip_prologue(query))
        form = match.group(1).upper() if match else "SELECT"
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        body = self._post(self.location, {"query": _PROLOGUE + query,
                                          "union-default-graph": ""},
                          _N_TRIPLES if graph_form else _RESULTS_JSON, "query")
        if graph_form:
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
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
        return SelectResult(variables, rows)

    def quads_for_pattern(self, subject: Any = None, predicate: Any = None, object: Any = None,
                          graph_name: Any = None) -> Iterator[ox.Quad]:
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
            yield ox.Quad(found["s"], found["p"], found["o"], found["g"])

    def apply(self, operations: Sequence[str], *, what: str) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")
        request = " ;\n".join(o for o in operations if o)
        if not request:
            return
        try:
            self._post(self.update_url, {"update": _PROLOGUE + request}, "*/*", f"write {what}")
        except (QueryError, StoreError) as exc:
            raise StoreWriteError(str(exc)) from None

    def quad_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"] or 0)

    def flush(self) -> None:
        """Nothing to do: the server keeps its own memory."""

    def close(self) -> None:
        self._closed = True


def _update_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = re.sub(r"/query$", "/update", parts.path)
    return urllib.parse.urlunsplit(parts._replace(path=path))


def _strip_prologue(query: str) -> str:
    """The query without its PREFIX and BASE lines and comments, to find its form."""
    return re.sub(r"(?im)^\s*(#.*|(PREFIX|BASE)\s+\S*\s*<[^>]*>)\s*$", "", query)


def _term(binding: dict[str, str]) -> Any:
    """A SPARQL results JSON term as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)
