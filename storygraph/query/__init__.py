"""Query the story graph: any SPARQL text, the canned queries, and the lookups behind the CLI.

    from storygraph.query import run_query, list_claims
    result = run_query(store, "SELECT ?name WHERE { ?e schema:name ?name }")
    rows = list_claims(store, speaker="Ross")
    with open_query(store, text, limits=QueryLimits(timeout=5, max_rows=100)) as stream:
        for row in stream.rows(): ...

Every query a user writes goes through `open_query` (or `run_query`, which
collects its answer): checked by `guard.py`, run by `worker.py` in a process
that a time limit, Ctrl-C or a row limit stops at once.
"""

from storygraph.query.canned import canned_queries, describe, load_query, queries_dir, run_canned
from storygraph.query.guard import QueryLimits, check_query
from storygraph.query.lookups import (
    CLAIM_KEYS,
    article_ref,
    entity_profile,
    find_entities,
    list_claims,
    list_entities,
    stats,
)
from storygraph.query.resolution import (
    explain_entity,
    list_candidates,
    list_disputes,
    list_figures,
)
from storygraph.query.result import QueryResult, run_query, write_triples
from storygraph.query.worker import QueryStream, QueryTimeout, open_query

__all__ = [
    "CLAIM_KEYS",
    "QueryLimits",
    "QueryResult",
    "QueryStream",
    "QueryTimeout",
    "article_ref",
    "canned_queries",
    "check_query",
    "describe",
    "entity_profile",
    "explain_entity",
    "find_entities",
    "list_candidates",
    "list_claims",
    "list_disputes",
    "list_entities",
    "list_figures",
    "load_query",
    "open_query",
    "queries_dir",
    "run_canned",
    "run_query",
    "stats",
    "write_triples",
]
