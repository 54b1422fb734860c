"""Query the story graph: any SPARQL text, the canned queries, and the lookups behind the CLI.

    from storygraph.query import run_query, list_claims
    result = run_query(store, "SELECT ?name WHERE { ?e schema:name ?name }")
    rows = list_claims(store, speaker="Ross")
"""

from storygraph.query.canned import canned_queries, describe, load_query, queries_dir, run_canned
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
from storygraph.query.result import QueryResult, run_query

__all__ = [
    "CLAIM_KEYS",
    "QueryResult",
    "article_ref",
    "canned_queries",
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
    "queries_dir",
    "run_canned",
    "run_query",
    "stats",
]
