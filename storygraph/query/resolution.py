"""Lookups over what resolution decided: figures tracked across articles, disputes, candidate
links, and why an entity is what it is (`storygraph entity NAME --why`).

The listings run the canned queries (`figures-tracker`, `disputes`, `entity-candidates`), so
the CLI and SPARQL users see the same rows.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from storygraph.query.canned import load_query, run_canned
from storygraph.query.guard import QueryLimits
from storygraph.query.lookups import LIST_SEP, find_entities, indexed, page, split_list
from storygraph.rdf.index import SERIES_SIZES_SINCE, Standing, contradicted, day
from storygraph.rdf.namespace import (
    ENTITIES_GRAPH,
    INDEX_GRAPH,
    RESOLUTION_GRAPH,
    SERIES_BASE,
    article_iri,
)
from storygraph.rdf.sparql import values_block
from storygraph.rdf.terms import NamedNode
from storygraph.store import GraphStore, Row

FIGURE_KEYS = ("series", "value", "unit", "qualifier", "text", "about", "article_id",
               "article_url", "published", "source", "superseded_by", "superseded_at",
               "supersedes", "discrepancy")
_ENTITIES = f"<{ENTITIES_GRAPH}>"
# These listings read every dispute or candidate: fixed queries whose time grows with the
# store, behind commands that have no --timeout. A time limit would only cut them.
_WHOLE_LISTING = QueryLimits(timeout=None)


def _names(value: Any) -> list[str]:
    return sorted(set(str(value).split("; "))) if value else []


def list_figures(store: GraphStore, articles: set[str] | None = None,
                 story: str | None = None, *, limit: int | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
    """Figures grouped into series, the series with most figures first (then by name),
    in date order within each series.

    Keys (DESIGN.md contract 2, plus source, superseded_at, supersedes and discrepancy):
    series, value, unit, qualifier, text, about (names), article_id, article_url,
    published, source, superseded_by (article id or None), superseded_at, supersedes
    (ids of the articles whose figures this one replaced: a change), discrepancy (bool:
    another source gives a different value for the same thing and neither supersedes the
    other).
    `articles` keeps only figures from those article ids; `story` (an id, IRI or words of
    its label, as `storygraph stories` shows) only those from that story's articles.
    `limit` and `offset` give one page of them: the page's figures are found first (by
    the series sizes the store keeps, or by reading the chosen articles' figures), and
    only they are read whole.
    """
    chosen: set[str] | None = None
    if story is not None:
        from storygraph.query.stories import find_story, story_article_iris

        chosen = story_article_iris(store, find_story(store, story))
    if articles is not None:
        picked = {article_iri(a) for a in articles}
        chosen = picked if chosen is None else chosen & picked
    if chosen is not None and not chosen:
        return []
    if chosen is None and limit is None:  # every figure: one pass of the tracker
        rows = _largest_first(_tracked(store, None))[offset:]
    else:
        if chosen is None and indexed(store, SERIES_SIZES_SINCE):
            figures = _page_by_size(store, limit or 0, offset)
        else:
            figures = page(_figure_order(store, chosen), limit, offset)
        tracked = {row["figure"]: row for row in _tracked(store, figures)}
        rows = [tracked[f] for f in figures if f in tracked]
    flagged = None if indexed(store) else _discrepancies(store, rows)
    records = []
    for row in rows:
        record = {key: row.get(key) for key in FIGURE_KEYS}
        # The series IRI's path is readable ("jobs-at-risk/place/dunwick-rail") and unique.
        record["series"] = str(record["series"]).removeprefix(SERIES_BASE)
        record["about"] = _names(record["about"])
        record["supersedes"] = _names(record["supersedes"])
        if flagged is not None:
            record["discrepancy"] = row["figure"] in flagged
        records.append(record)
    return records


def _tracked(store: GraphStore, figures: list[str] | None) -> list[Row]:
    """`figures-tracker`'s rows for these figures (every figure for None), each with the
    ids of the articles whose figures it superseded as "supersedes".

    Two queries bound to the same figures: inside the tracker, as an OPTIONAL, Oxigraph
    read every supersession mark of the store for any page (26 ms for a page of 50 at
    10,000 articles, against 14 + 4 ms apart). Run on the store itself, not in a query
    process: the caller bounds their size."""
    if figures is not None and not figures:
        return []
    bindings = None if figures is None else {"figure": [NamedNode(f) for f in figures]}
    rows = store.select(load_query("figures-tracker"), bindings)
    supersedes = {r["figure"]: r["supersedes"] for r in store.select(_SUPERSEDES, bindings)}
    for row in rows:
        row["supersedes"] = supersedes.get(row["figure"])
    return rows


# What each figure superseded: the articles of the figures of its series that carry a mark
# (prov:wasInvalidatedBy, in the superseding article's graph) pointing at its article. Not a
# canned query: unbound, Oxigraph joins it by reading every figure's series (~1 s at 10,000
# articles); bound to a page's figures it is a few look-ups each.
_SUPERSEDES = """SELECT ?figure (GROUP_CONCAT(DISTINCT ?earlier_id; separator="; ") AS ?supersedes)
    WHERE { GRAPH ?article { ?figure sg:series ?series . ?earlier prov:wasInvalidatedBy ?article }
            GRAPH ?earlier_article { ?earlier sg:series ?series .
                                     ?earlier_article schema:identifier ?earlier_id } }
    GROUP BY ?figure"""


def _largest_first(rows: list[Row]) -> list[Row]:
    """Rows in the tracker's order (by series, date order within) with the series that
    have most rows first; Python's sort is stable, so each series keeps its order."""
    sizes = Counter(str(r["series"]) for r in rows)
    return sorted(rows, key=lambda r: -sizes[str(r["series"])])


def _figure_order(store: GraphStore, articles: set[str] | None) -> list[str]:
    """The IRIs of the figures of these articles (of all for None), in listing order."""
    start = "" if articles is None else values_block(
        ["article"], [[NamedNode(a)] for a in sorted(articles)])
    return [str(r["figure"]) for r in _largest_first(_by_series(store.select(f"""
        SELECT ?figure ?series WHERE {{ {start} {_FIGURE_ROWS} }} {_FIGURE_ORDER}""")))]


def _page_by_size(store: GraphStore, limit: int, offset: int) -> list[str]:
    """The IRIs of figures `offset` to `offset + limit` of the whole listing, found by the
    series sizes the store keeps (`storygraph.rdf.index`): the sizes, then the series of
    each size from the largest until the page is covered, then those series' figures."""
    index = f"<{INDEX_GRAPH}>"
    sizes = sorted((int(r["n"]) for r in store.select(
        f"SELECT ?n WHERE {{ GRAPH {index} {{ {index} sg:seriesSize ?n }} }}")), reverse=True)
    series: list[str] = []
    seen = skip = 0
    for size in sizes:
        if seen >= offset + limit:
            break
        for one in sorted(str(r["series"]) for r in store.select(
                f"SELECT ?series WHERE {{ GRAPH {index} {{ ?series sg:figureCount {size} }} }}")):
            if seen + size <= offset:
                seen += size
                continue
            if not series:
                skip = offset - seen
            series.append(one)
            seen += size
            if seen >= offset + limit:
                break
    if not series:
        return []
    rank = {one: n for n, one in enumerate(series)}
    rows = store.select(f"""SELECT ?figure ?series WHERE {{
        {values_block(["series"], [[NamedNode(one)] for one in series])} {_FIGURE_ROWS}
        }} {_FIGURE_ORDER}""")
    rows.sort(key=lambda r: rank[str(r["series"])])
    return [str(r["figure"]) for r in rows][skip:skip + limit]


# The figures of a series (only a figure has one, with its words and place) and what orders
# them as `figures-tracker` does (`ORDER BY ?series (!BOUND(?published)) ?published
# ?article_id ?begin`), but for the series: Oxigraph decodes an IRI at each comparison
# that orders by it (216 figures of a series: 8.0 ms ordered with it, 4.8 without), so the
# rows are put in series order after (`_by_series`, a stable sort: the same order).
_FIGURE_ROWS = """GRAPH ?article {
      ?figure sg:series ?series ; nif:beginIndex ?begin .
      ?article schema:identifier ?article_id }
    OPTIONAL { GRAPH ?article { ?article schema:datePublished ?published } }"""
_FIGURE_ORDER = "ORDER BY (!BOUND(?published)) ?published ?article_id ?begin"


def _by_series(rows: list[Row]) -> list[Row]:
    """Rows in `_FIGURE_ORDER` put in series order (IRIs compare as their text in SPARQL)."""
    return sorted(rows, key=lambda r: str(r["series"]))


def _discrepancies(store: GraphStore, rows: list[dict[str, Any]]) -> set[str]:
    """Which of these figures another source contradicts (`storygraph.rdf.index`), for a
    store written before it kept that: reads the series of these figures, each once."""
    series = sorted({str(r["series"]) for r in rows})
    if not series:
        return set()
    members: dict[str, list[Standing]] = {}
    for r in store.select(f"""
            SELECT ?series ?figure ?article ?value ?published ?at ?by WHERE {{
              {values_block(["series"], [[NamedNode(s)] for s in series])}
              GRAPH ?article {{ ?figure sg:series ?series ; schema:value ?value }}
              OPTIONAL {{ GRAPH ?article {{ ?article schema:datePublished ?published }} }}
              OPTIONAL {{ GRAPH ?by {{ ?figure prov:wasInvalidatedBy ?by ;
                                           prov:invalidatedAtTime ?at }} }}
            }}"""):
        members.setdefault(str(r["series"]), []).append(Standing(
            str(r["figure"]), str(r["article"]), r["value"], day(r["published"]),
            day(r["at"]), None if r["by"] is None else str(r["by"])))
    return {f for figures in members.values() for f in contradicted(figures)}


DISPUTE_KEYS = ("speaker_name", "text", "article_id", "date", "disputed_speaker_name",
                "disputed_text", "disputed_article_id", "disputed_date", "speaker",
                "disputed_speaker", "claim", "disputed")


def list_disputes(store: GraphStore, *, limit: int | None = None, offset: int = 0
                  ) -> list[dict[str, Any]]:
    """Who disputes whom: one row per `sg:disputes` link (keys: DISPUTE_KEYS), in date
    order. `limit` and `offset` give one page of them."""
    rows = run_canned(store, "disputes", limits=_WHOLE_LISTING).rows
    return [{key: row.get(key) for key in DISPUTE_KEYS} for row in page(rows, limit, offset)]


def list_candidates(store: GraphStore) -> list[dict[str, Any]]:
    """Candidate links: entity, candidate, their names, score, method, name, article, evidence."""
    rows = []
    for row in run_canned(store, "entity-candidates", limits=_WHOLE_LISTING).rows:
        record = dict(row)
        record["evidence"] = _names(row["evidence"])
        rows.append(record)
    return rows


def explain_entity(store: GraphStore, name: str, *, items: int | None = None,
                   matches: int | None = None) -> list[dict[str, Any]]:
    """Why each entity matching `name` is what it is, best match first; `matches` keeps
    the best that many (all for None).

    Keys: entity, name, type; names (each name form with the article ids that use it);
    articles (id, title, published); decisions (the resolution decisions that point at
    it or weighed it: article, name as written, method, decision, score, the other entity,
    evidence names); edits (manual merges and splits: kind, who, when, kept, merged,
    undone); and the counts of the lists: names_count, article_count, decision_count,
    edit_count. `items` keeps the first that many of each list (all for None): an entity
    named in thousands of articles is explained in a page, not in thousands of lines.
    """
    explained = []
    found = find_entities(store, name)
    for match in (found if matches is None else found[:matches]):
        entity = NamedNode(match["entity"])
        bound = values_block(["entity"], [[entity]])
        names = store.select(f"""
            SELECT ?alias (GROUP_CONCAT(DISTINCT ?id; separator="{LIST_SEP}") AS ?ids)
            WHERE {{ {bound} GRAPH ?g {{ ?entity schema:alternateName ?alias .
                                        ?g schema:identifier ?id }} }}
            GROUP BY ?alias ORDER BY ?alias""")
        articles = store.select(f"""
            SELECT DISTINCT ?id ?title ?published WHERE {{ {bound}
              GRAPH ?g {{ ?g schema:mentions ?entity ; schema:identifier ?id .
                         OPTIONAL {{ ?g schema:headline ?title }}
                         OPTIONAL {{ ?g schema:datePublished ?published }} }} }}
            ORDER BY (!BOUND(?published)) ?published ?id""")
        decisions = store.select(f"""
            SELECT ?id ?written ?method ?decision ?score ?resolved ?resolved_name ?candidate
                   ?candidate_name
                   (GROUP_CONCAT(DISTINCT ?evidence_name; separator="{LIST_SEP}") AS ?evidence)
            WHERE {{ {bound}
              GRAPH ?g {{ ?m a sg:EntityMatch ; sg:matchedName ?written ; sg:method ?method ;
                             sg:decision ?decision ; sg:score ?score ; sg:resolvedTo ?resolved .
                         OPTIONAL {{ ?m sg:candidate ?candidate }}
                         ?g schema:identifier ?id }}
              FILTER(?resolved = ?entity || COALESCE(?candidate = ?entity, false))
              OPTIONAL {{ GRAPH {_ENTITIES} {{ ?resolved schema:name ?resolved_name }} }}
              # The name lookup sits with the link: an unbound ?candidate would match any name.
              OPTIONAL {{ GRAPH ?g {{ ?m sg:candidate ?candidate }}
                          GRAPH {_ENTITIES} {{ ?candidate schema:name ?candidate_name }} }}
              OPTIONAL {{ GRAPH ?g {{ ?m sg:evidence ?e }}
                          GRAPH {_ENTITIES} {{ ?e schema:name ?evidence_name }} }}
            }}
            GROUP BY ?id ?written ?method ?decision ?score ?resolved ?resolved_name ?candidate
                     ?candidate_name
            ORDER BY ?id ?written DESC(?score)""")
        edits = store.select(f"""
            SELECT ?activity ?kind ?who ?at ?kept ?merged ?undone_by WHERE {{ {bound}
              GRAPH <{RESOLUTION_GRAPH}> {{
                ?activity sg:kept ?kept ; sg:merged ?merged ; prov:endedAtTime ?at ;
                          prov:wasAssociatedWith/schema:name ?who ; a ?class .
                VALUES (?class ?kind) {{ (sg:Merge "merge") (sg:Split "split") }}
                OPTIONAL {{ ?activity prov:wasInvalidatedBy ?undone_by }}
              }}
              FILTER(?kept = ?entity || ?merged = ?entity)
            }} ORDER BY ?at ?activity""")
        explained.append({
            "entity": match["entity"],
            "name": match["name"],
            "type": match["type"],
            "names": [_name_form(r, items) for r in page(names, items)],
            "articles": [{"id": r["id"], "title": r["title"], "published": r["published"]}
                         for r in page(articles, items)],
            "decisions": [_decision(r, match["entity"]) for r in page(decisions, items)],
            "edits": [{"kind": r["kind"], "by": r["who"], "at": r["at"], "kept": r["kept"],
                       "merged": r["merged"], "undone": r["undone_by"] is not None}
                      for r in page(edits, items)],
            "names_count": len(names),
            "article_count": len(articles),
            "decision_count": len(decisions),
            "edit_count": len(edits),
        })
    return explained


def _name_form(row: dict[str, Any], items: int | None) -> dict[str, Any]:
    ids = split_list(row["ids"])
    return {"name": row["alias"], "articles": page(ids, items), "article_count": len(ids)}


def _decision(row: dict[str, Any], entity: str) -> dict[str, Any]:
    # Seen from this entity: "the other" is the candidate when the name resolved here,
    # else the entity the name resolved to.
    here = row["resolved"] == entity
    return {
        "article_id": row["id"],
        "name": row["written"],
        "method": row["method"],
        "decision": row["decision"],
        "score": row["score"],
        "resolved_to": row["resolved_name"] or row["resolved"],
        "other": (row["candidate_name"] or row["candidate"]) if here
        else (row["resolved_name"] or row["resolved"]),
        "evidence": split_list(row["evidence"]),
    }


__all__ = ["DISPUTE_KEYS", "FIGURE_KEYS", "explain_entity", "list_candidates",
           "list_disputes", "list_figures"]
