"""Small, careful operations on SPARQL query text.

* `query_form` tells SELECT / ASK / CONSTRUCT / DESCRIBE from an update, so an
  update can be refused with a clear message before anything runs.
* `bind` pre-binds variables by inserting a VALUES block at the start of the
  query's WHERE group. Values are written with pyoxigraph's N-Triples escaping,
  so user text can only ever be a value, never syntax. (Oxigraph's own
  `substitutions`, like oxrdflib's `initBindings`, only accept projected
  variables; a trailing VALUES clause would join after GROUP BY and silently
  stop filtering aggregated queries. A VALUES block inside the group has
  neither problem and works unchanged against any SPARQL 1.1 endpoint.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from itertools import product
from typing import Any

from storygraph.errors import QueryError
from storygraph.rdf.terms import BlankNode, Literal, NamedNode

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
)

# SPARQL's IRIREF: anything but these characters between < and >.
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*"
)
_WORD = re.compile(r"[A-Za-z]+")
_VARIABLE = re.compile(r"[?$]?([A-Za-z_][A-Za-z0-9_]*)")


def query_form(query: str) -> str:
    """The first keyword after the prologue, upper-cased: "SELECT", "DROP", ..."""
    start = _PROLOGUE.match(query)
    position = start.end() if start else 0
    word = _WORD.match(query, position)
    return word.group(0).upper() if word else ""


def term(value: Any) -> NamedNode | BlankNode | Literal:
    """A Python value (or a pyoxigraph term) as the RDF term to bind."""
    if isinstance(value, (NamedNode, BlankNode, Literal)):
        return value
    if isinstance(value, str):
        # Stored text is composed (NFC, as read); a name typed with decomposed accents
        # must find it.
        return Literal(unicodedata.normalize("NFC", value))
    if isinstance(value, (bool, int, float)):
        return Literal(value)
    raise QueryError(f"cannot bind a value of type {type(value).__name__}")


def values_block(variables: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    """`VALUES (?a ?b) { (t1 t2) ... }` with every value escaped as an RDF term."""
    names = []
    for variable in variables:
        match = _VARIABLE.fullmatch(variable)
        if match is None:
            raise QueryError(f"not a SPARQL variable name: {variable!r}")
        names.append("?" + match.group(1))
    body = " ".join("(" + " ".join(str(term(v)) for v in row) + ")" for row in rows)
    return f"VALUES ({' '.join(names)}) {{ {body} }}"


def bind(query: str, bindings: Mapping[str, Any]) -> str:
    """The query with each variable in `bindings` pre-bound to its value.

    A list (or set) binds its variable to each of its values in turn, so a query
    can start from several things at once; an empty one leaves nothing to match.
    """
    if not bindings:
        return query
    choices = [sorted(v, key=str) if isinstance(v, (set, frozenset)) else
               v if isinstance(v, (list, tuple)) else [v] for v in bindings.values()]
    block = values_block(bindings.keys(), product(*choices))
    groups = _top_level_groups(query)
    if not groups:
        raise QueryError("malformed SPARQL: the query has no { ... } group")
    start, end = groups[0]
    if query_form(query) == "CONSTRUCT":
        if query[:start].rstrip().upper().endswith("WHERE"):
            # "CONSTRUCT WHERE { T }" cannot hold VALUES: spell it out as
            # "CONSTRUCT { T } WHERE { VALUES ... T }", which means the same.
            template = query[start + 1:end]
            head = query[:start].rstrip()[: -len("WHERE")]
            return f"{head}{{{template}}} WHERE {{ {block} {template}}}{query[end + 1:]}"
        if len(groups) > 1:  # the first group was the template
            start = groups[1][0]
    return f"{query[:start + 1]} {block} {query[start + 1:]}"


def _top_level_groups(query: str) -> list[tuple[int, int]]:
    """(open, close) positions of { ... } groups at depth 0, skipping strings, IRIs, comments."""
    groups: list[tuple[int, int]] = []
    depth = 0
    opened = -1
    i = 0
    n = len(query)
    while i < n:
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = n if end == -1 else end + 1
            continue
        if c == "<":
            match = _IRI.match(query, i)
            if match:
                i = match.end()
                continue
        elif c in "\"'":
            i = _skip_string(query, i)
            continue
        elif c == "{":
            if depth == 0:
                opened = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and opened >= 0:
                groups.append((opened, i))
        i += 1
    if depth > 0 and opened >= 0:
        groups.append((opened, n))  # unbalanced: let the parser report where
    return groups


def _skip_string(query: str, i: int) -> int:
    quote = query[i]
    long_quote = query.startswith(quote * 3, i)
    delimiter = quote * 3 if long_quote else quote
    j = i + len(delimiter)
    while j < len(query):
        if query[j] == "\\":
            j += 2
            continue
        if query.startswith(delimiter, j):
            return j + len(delimiter)
        j += 1
    return len(query)
