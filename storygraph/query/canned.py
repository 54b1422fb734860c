"""The canned queries shipped in `queries/*.rq`, found in the repo and when installed.

The wheel carries them as `storygraph/queries` (pyproject's force-include); a
source checkout has them in the top-level `queries/` folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from storygraph.errors import QueryError

if TYPE_CHECKING:
    from storygraph.query.guard import QueryLimits
    from storygraph.query.result import QueryResult
    from storygraph.store import GraphStore

# Paths, not importlib.resources (~5 ms of every process that reads a query, for a package
# that is never imported from a zip).
_PACKAGED_QUERIES = Path(__file__).resolve().parents[1] / "queries"
_REPO_QUERIES = Path(__file__).resolve().parents[2] / "queries"


def queries_dir() -> Path:
    """Where the .rq files are: inside the installed package, else the repo's queries/."""
    if _PACKAGED_QUERIES.is_dir():
        return _PACKAGED_QUERIES
    return _REPO_QUERIES


def canned_queries() -> dict[str, str]:
    """Name ("who-said-what") -> what it answers (its leading comment, one line)."""
    result = {}
    folder = queries_dir()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            result[entry.name[:-3]] = describe(entry.read_text(encoding="utf-8"))
    return result


def describe(text: str) -> str:
    """The leading `#` comment of a query, joined into one line."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        lines.append(stripped.lstrip("#").strip())
    return " ".join(line for line in lines if line)


def load_query(name: str) -> str:
    """The text of a canned query by name ("figures" or "figures.rq")."""
    stem = name[:-3] if name.endswith(".rq") else name
    entry = queries_dir().joinpath(f"{stem}.rq")
    if "/" in stem or "\\" in stem or not _is_file(entry):
        known = ", ".join(canned_queries()) or "none"
        raise QueryError(f"no canned query named {name!r} (known: {known})")
    return entry.read_text(encoding="utf-8")


def _is_file(entry: Path) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a name too long for the system (`/queries/aaaa…` on the endpoint)
        return False


def run_canned(store: GraphStore, name: str, *, limits: QueryLimits | None = None,
               **bindings: Any) -> QueryResult:
    """Run a canned query, with variables pre-bound (`run_canned(s, "article", article=iri)`).

    It takes the same guarded path as any query text, under `limits` (default: QueryLimits()).
    Unbound under a row limit, a query that pages (`storygraph.query.paging`) reads only
    what its first rows need, on the store itself (its size bounded by the limit, so no
    time limit applies).
    """
    # The query engine's processes are imported by what runs a query through them, not by
    # a lookup that only reads a canned query's text (`load_query`).
    from storygraph.query.result import QueryResult, run_query

    if not bindings and limits is not None and limits.max_rows:
        from storygraph.query.paging import page_canned

        paged = page_canned(store, name, limits.max_rows)
        if paged is not None:
            rows, more = paged
            return QueryResult("select", variables=rows.variables, rows=rows.rows,
                               truncated=more)
    return run_query(store, load_query(name), bindings or None, limits)
