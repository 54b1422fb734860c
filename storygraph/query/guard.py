"""What a query text must pass before the SPARQL engine sees it.

Three checks on the text alone, by one tokenizer that skips strings, IRIs and
comments as the SPARQL grammar does:

* updates are refused (storygraph only reads);
* `SERVICE` is refused unless the caller allows it: it makes the engine send
  HTTP requests, and storygraph promises to work offline;
* size: Oxigraph's parser and evaluator recurse once per nested bracket and once
  per link of a chain (`1+1+...`, `{} UNION {} ...`, `?a && ?b && ...`), and run
  out of stack and crash the process, not raise, at about 2,100 nested braces,
  4,700 nested parentheses or 6,500 UNIONs on an 8 MB stack (measured on
  pyoxigraph 0.5). So the nesting depth and the number of operators are capped
  far below that; the worker also runs the engine on a thread with a known,
  large stack (see `worker.py`), so the margin does not depend on the caller's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storygraph.errors import QueryError
from storygraph.rdf.sparql import UPDATE_KEYWORDS, query_form

DEFAULT_TIMEOUT = 30.0
# Real queries nest a few levels and use tens of operators; the caps are 20x
# (nesting) and 1.3x (operators, at the 64 MB stack the worker gives the engine:
# about 8x the counts above) away from a crash.
MAX_NESTING = 100
MAX_OPERATORS = 5000

# Keywords that each add a level to the query's algebra tree.
_GROUP_KEYWORDS = frozenset(("UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE",
                             "EXISTS"))

_TOKEN = re.compile(r"""
    (?P<skip>\s+|\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)
             |'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)
             |"(?:[^"\\\n]|\\.)*"?
             |'(?:[^'\\\n]|\\.)*'?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<term>[?$]\w+|(?:[^\W\d][\w.\-]*)?:[\w.\-:%\\]*|_:[\w.\-]+|\d[\w.]*)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<operator>&&|\|\||!=|<=|>=|[=<>+\-*/|^!])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class QueryLimits:
    """How far a query may go. The defaults are what `storygraph query` uses.

    `timeout`: seconds from the start until the whole answer has been read
    (writing rows out counts too); None for no limit.
    `max_rows`: stop after this many rows (or triples); None for all.
    `allow_service`: let SERVICE send HTTP requests to remote endpoints.
    """

    timeout: float | None = DEFAULT_TIMEOUT
    max_rows: int | None = None
    allow_service: bool = False
    max_nesting: int = MAX_NESTING
    max_operators: int = MAX_OPERATORS


@dataclass(frozen=True)
class CheckedQuery:
    """A query text that passed the checks, with what the checks learnt."""

    text: str
    form: str
    uses_service: bool


def check_query(text: str, limits: QueryLimits) -> CheckedQuery:
    """Refuse updates, SERVICE (unless allowed) and texts deep or long enough to crash the engine.

    A malformed query passes when nothing here is wrong: the parser names its
    position better than a tokenizer can.
    """
    form = query_form(text)
    if form in UPDATE_KEYWORDS:
        raise QueryError(f"SPARQL updates are not allowed ({form}); storygraph only runs "
                         "SELECT, ASK, CONSTRUCT and DESCRIBE queries")
    depth = deepest = operators = 0
    uses_service = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            operators += 1
            if depth > deepest:
                deepest = depth
                if deepest > limits.max_nesting:
                    line = text.count("\n", 0, match.start()) + 1
                    raise QueryError(f"query nests brackets more than {limits.max_nesting} "
                                     f"deep (at line {line}); the engine would run out of stack")
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "operator":
            operators += 1
        elif kind == "word":
            keyword = match.group().upper()
            if keyword in _GROUP_KEYWORDS:
                operators += 1
            uses_service = uses_service or keyword == "SERVICE"
    if operators > limits.max_operators:
        raise QueryError(f"query has {operators:,} operators, brackets and group keywords "
                         f"(the limit is {limits.max_operators:,}); the engine would run out of "
                         "stack. Put long lists of alternatives in a VALUES block")
    if uses_service and not limits.allow_service:
        raise QueryError("SERVICE sends the query to a remote endpoint and storygraph works "
                         "offline; pass --allow-service to permit it")
    return CheckedQuery(text, form, uses_service)
