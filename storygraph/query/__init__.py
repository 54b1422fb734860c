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

from storygraph.lazy import lazy_exports

# Imported when first used (see storygraph.lazy): `storygraph entity` needs the lookups, not
# the query engine's processes.
_EXPORTS = {
    "storygraph.query.canned": ("canned_queries", "describe", "load_query", "queries_dir",
                                "run_canned"),
    "storygraph.query.guard": ("QueryLimits", "check_query"),
    "storygraph.query.lookups": ("CLAIM_KEYS", "article_ref", "entity_profile",
                                 "find_entities", "list_claims", "list_entities", "stats"),
    "storygraph.query.resolution": ("explain_entity", "list_candidates", "list_disputes",
                                    "list_figures"),
    "storygraph.query.result": ("QueryResult", "run_query", "write_triples"),
    "storygraph.query.worker": ("QueryStream", "QueryTimeout", "open_query"),
}
__getattr__ = lazy_exports(__name__, _EXPORTS)
__all__ = sorted(name for names in _EXPORTS.values() for name in names)
