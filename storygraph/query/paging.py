"""The first rows of a canned query without evaluating it over the whole store.

A canned query run whole orders every row the store gives it (`ORDER BY` over every
claim, figure or story item: seconds at 10,000 articles), so a row limit alone still pays
for all of them. Each query here is ordered by something a page can be found from: the
story label that leads `timeline` and `story-articles`, the article date that leads
`figures` and `who-said-what` (ties broken within the article), the place each story keeps
in the list for `stories`, the series order the index keeps for `figures-tracker`, the
role holders' heads it keeps for `people-roles` (ordered by name). A pager
finds the few stories, articles or series whose rows can come first, runs the canned query
itself bound to them (so the engine orders them as it orders the whole), and widens the set
until the rows it holds are surely the first ones. `entities-by-articles` is ordered by
what it counts: its rows are the counts the index keeps for each entity.

`page_canned` gives the same rows as the whole query's first `limit` after `offset` (rows
that tie on every ordered value may come in another order, as SPARQL leaves them), or
None when the query has no pager or the store lacks what one needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from storygraph.query.canned import load_query
from storygraph.query.lookups import bound
from storygraph.rdf.namespace import (
    ENTITIES_GRAPH,
    INDEX_GRAPH,
    LIST_KEY_SEPARATOR,
    STORIES_GRAPH,
)
from storygraph.rdf.terms import Literal, NamedNode
from storygraph.store import GraphStore, Row, SelectResult

_STORIES = f"<{STORIES_GRAPH}>"
_ENTITIES = f"<{ENTITIES_GRAPH}>"
Pager = Callable[[GraphStore, str, int], tuple[SelectResult, bool] | None]


def page_canned(store: GraphStore, name: str, limit: int, offset: int = 0
                ) -> tuple[SelectResult, bool] | None:
    """Rows `offset` to `offset + limit` of canned query `name` run unbound, and whether
    more may follow; None when it has no pager here (run it whole)."""
    pager = _PAGERS.get(name[:-3] if name.endswith(".rq") else name)
    if pager is None or limit <= 0:
        return None
    found = pager(store, name, offset + limit)
    if found is None:
        return None
    result, more = found
    rows = result.rows[offset:offset + limit]
    return SelectResult(result.variables, rows), more or len(result.rows) > offset + limit


def _run(store: GraphStore, name: str, variable: str, iris: Iterable[str]) -> SelectResult:
    result = store.query(load_query(name), {variable: [NamedNode(i) for i in sorted(iris)]})
    assert isinstance(result, SelectResult)
    return result


def _by_label(store: GraphStore, name: str, wanted: int) -> tuple[SelectResult, bool]:
    """Queries ordered by story label first: the stories of the first labels, in label
    order (SPARQL orders plain strings by code point, as Python does), a widening run of
    labels at a time until `wanted` rows are held."""
    stories: dict[str, set[str]] = {}
    for r in store.select(f"""SELECT ?story ?label WHERE {{
            GRAPH {_STORIES} {{ ?story rdfs:label ?label }} }}"""):
        stories.setdefault(str(r["label"]), set()).add(str(r["story"]))
    labels = sorted(stories)
    rows: list[Row] = []
    variables: list[str] = []
    done = 0
    step = 1
    while done < len(labels) and len(rows) < wanted:
        chosen = set(labels[done:done + step])
        result = _run(store, name, "story", set().union(*(stories[label] for label in chosen)))
        variables = result.variables
        # A story with another label further on gives those rows when that label comes.
        rows += [r for r in result.rows if r["story_label"] in chosen]
        done += len(chosen)
        step *= 2
    if not variables:
        return _run(store, name, "story", []), False
    return SelectResult(variables, rows), done < len(labels)


def _by_date(item: str, kind: str, own_dates: bool) -> Pager:
    """Queries with a row per `item` (of class `kind`), ordered by date first (undated
    last), then article and place in it.

    The date is the article's, or with `own_dates` the item's own (`schema:dateCreated`,
    projected as `date`) where it has one. For a day B, the items of the articles published
    on or before it and those with their own date on or before it (or not comparable with
    it) are bound: every other row is dated after B, so once the rows surely dated on or
    before B are `wanted`, they are the first. B moves later until they are.
    """
    def pager(store: GraphStore, name: str, wanted: int) -> tuple[SelectResult, bool] | None:
        articles, dates = max(wanted // 4, 8), wanted
        while True:
            last = _kth_date(store, "?any schema:datePublished ?first", articles)
            if last is None:
                return None  # the undated articles come into it: run it whole
            if own_dates:
                own = _kth_date(store, "?item schema:dateCreated ?first", dates)
                if own is not None:
                    last = _earlier(store, last, own)
            # In the query's order of articles (date, id), for the cut below.
            dated = store.select("""SELECT ?article ?published ?id
                    (COALESCE(?published <= ?last, false) AS ?on)
                WHERE { GRAPH ?article { ?article schema:datePublished ?published }
                        FILTER(!COALESCE(?published > ?last, false))
                        OPTIONAL { GRAPH ?article { ?article schema:identifier ?id } } }
                ORDER BY ?published ?id""", {"last": last})
            on = {str(r["article"]) for r in dated if r["on"]}
            items = store.select(f"""SELECT ?article ?item ?own WHERE {{
                {bound("article", [str(r["article"]) for r in dated])}
                GRAPH ?article {{ ?item a {kind} }}
                {"OPTIONAL { GRAPH ?article { ?item schema:dateCreated ?own } }"
                 if own_dates else ""} }}""")
            sure = {str(r["item"]) for r in items if str(r["article"]) in on
                    and r.get("own") is None}
            chosen = {str(r["item"]) for r in items}
            if own_dates:
                for r in store.select("""SELECT ?item (COALESCE(?own <= ?last, false) AS ?on)
                        WHERE { GRAPH ?article { ?item schema:dateCreated ?own }
                                FILTER(!COALESCE(?own > ?last, false)) }""", {"last": last}):
                    chosen.add(str(r["item"]))
                    if r["on"]:
                        sure.add(str(r["item"]))
            if len(sure) >= wanted:
                # Dated by their articles, the items of the first articles to hold `wanted`
                # are bound (with those it cannot place), not every item the widening found:
                # 3x as many figures at 10,000 articles, and the canned query is what costs.
                first = sure if own_dates else _first_articles(dated, items, wanted)
                result = _run(store, name, item, first | (chosen - sure))
                if sum(1 for r in result.rows if r[item] in first) >= wanted:
                    return result, True
            # Widen by what the articles so far gave: a few rounds, not one per doubling.
            articles *= min(8, max(2, -(-wanted * 5 // (4 * max(len(sure), 1)))))
            dates *= 2

    return pager


def _first_articles(dated: list[Row], items: list[Row], wanted: int) -> set[str]:
    """The items of the first articles dated on or before the bound (`dated`, in the
    query's order) that hold `wanted` items, and of any tied with the last of them on date
    and id: every row of another article comes after theirs."""
    held: dict[str, list[str]] = {}
    for r in items:
        held.setdefault(str(r["article"]), []).append(str(r["item"]))
    first: set[str] = set()
    last = None
    for r in dated:
        if not r["on"]:
            continue
        key = (str(r["published"]), str(r.get("id")))
        if last is not None and key != last:
            break
        first.update(held.get(str(r["article"]), []))
        if len(first) >= wanted and last is None:
            last = key
    return first


def _kth_date(store: GraphStore, pattern: str, k: int) -> Literal | None:
    """The `k`-th earliest date of `pattern` (binding ?first), None if there are fewer."""
    rows = store.select(f"""SELECT (STR(?last) AS ?text) (DATATYPE(?last) AS ?type) ?dates
        WHERE {{ {{ SELECT (MAX(?first) AS ?last) (COUNT(?first) AS ?dates) WHERE {{
          {{ SELECT ?first WHERE {{ GRAPH ?any {{ {pattern} }} }} ORDER BY ?first LIMIT {k} }}
        }} }} }}""")
    if not rows or rows[0]["dates"] < k:
        return None
    return Literal(str(rows[0]["text"]), datatype=NamedNode(str(rows[0]["type"])))


def _earlier(store: GraphStore, a: Literal, b: Literal) -> Literal:
    """The earlier of two dates as SPARQL compares them (`a` if they do not compare)."""
    return b if store.ask("ASK { FILTER(?b < ?a) }", {"a": a, "b": b}) else a


def _stories_first(store: GraphStore, name: str, wanted: int
                   ) -> tuple[SelectResult, bool] | None:
    """`stories`: the places the stories keep in the list (`sg:listKey`) order them as the
    query does (most articles, start, label); the first `wanted` and any tied with the last
    of them are bound."""
    from storygraph.query.stories import story_places

    places = story_places(store)
    if places is None:
        return None
    cut = [place.rsplit(LIST_KEY_SEPARATOR, 1) for place in places]
    if len(cut) > wanted:
        tie = cut[wanted - 1][0]
        while wanted < len(cut) and cut[wanted][0] == tie:
            wanted += 1
    result = _run(store, name, "story", [story for _, story in cut[:wanted]])
    if len(result.rows) < wanted < len(cut):
        return None  # a story without a row (no slot left): the places do not say which
    return result, wanted < len(cut)


def _series_first(store: GraphStore, name: str, wanted: int
                  ) -> tuple[SelectResult, bool] | None:
    """`figures-tracker`, ordered by series IRI first: the first series from the series
    order the index keeps (heads, then a head's buckets, then a bucket's series, each
    sorted here), a widening run of series at a time until `wanted` rows are held."""
    from storygraph.rdf.index import SERIES_ORDER_SINCE, index_version, series_head

    if index_version(store) < SERIES_ORDER_SINCE:
        return None
    index = f"<{INDEX_GRAPH}>"
    heads = sorted(str(r["head"]) for r in store.select(
        f"SELECT ?head WHERE {{ GRAPH {index} {{ {index} sg:seriesHead ?head }} }}"))

    def series() -> Iterator[tuple[str, int]]:
        for head in heads:
            buckets = store.select(f"""SELECT ?bucket WHERE {{ GRAPH {index} {{
                {series_head(head)} sg:seriesBucket ?bucket }} }}""")
            for bucket in sorted(str(r["bucket"]) for r in buckets):
                yield from sorted((str(r["series"]), int(r["n"])) for r in store.select(
                    f"""SELECT ?series ?n WHERE {{ GRAPH {index} {{
                          ?series sg:seriesBucket ?bucket ; sg:figureCount ?n }} }}""",
                    {"bucket": bucket}))

    rows: list[Row] = []
    variables: list[str] = []
    pending = series()
    more = True
    while more and len(rows) < wanted:
        chosen, figures = [], 0
        for one, count in pending:  # a figure gives a row at least: enough figures first
            chosen.append(one)
            figures += count
            if figures >= wanted - len(rows):
                break
        else:
            more = False
        # Bound to the series' figures: bound to the series, Oxigraph read every figure's
        # (116 against 23 ms for 50 at 10,000 articles). A figure in another series too
        # gives that series' rows when it comes.
        figures = store.select(f"""SELECT ?figure WHERE {{ {bound("series", chosen)}
            GRAPH ?article {{ ?figure sg:series ?series }} }}""")
        result = _run(store, name, "figure", {str(r["figure"]) for r in figures})
        variables = result.variables
        rows += [r for r in result.rows if r["series"] in chosen]
    return SelectResult(variables or _run(store, name, "series", []).variables, rows), more


def _most_covered(store: GraphStore, name: str, wanted: int
                  ) -> tuple[SelectResult, bool] | None:
    """`entities-by-articles`: its rows are what the index keeps for each entity (its
    article and mention counts, `storygraph.query.lookups.most_covered`), in its order."""
    from storygraph.query.lookups import most_covered

    found = most_covered(store, wanted)
    if found is None:
        return None
    variables = ["entity", "name", "type", "articles", "mentions"]
    return SelectResult(variables, [{v: r[v] for v in variables} for r in found[0]]), found[1]


def _holders_first(store: GraphStore, name: str, wanted: int
                   ) -> tuple[SelectResult, bool] | None:
    """`people-roles`, ordered by the holder's name first: the role holders in name order
    from the heads the index keeps (`sg:holderHead`: each head's holders are a few dozen,
    sorted here), a widening run of names at a time, each name whole, until `wanted` rows
    are held."""
    from storygraph.rdf.index import ENTITY_COUNTS_SINCE, index_version

    if index_version(store) < ENTITY_COUNTS_SINCE:
        return None
    index = f"<{INDEX_GRAPH}>"
    heads = sorted(str(r["head"]) for r in store.select(
        f"SELECT ?head WHERE {{ GRAPH {index} {{ {index} sg:holderHeads ?head }} }}"))

    def holders() -> Iterator[tuple[str, str]]:  # (name, holder) in name order
        for head in heads:
            yield from sorted({(str(r["name"]), str(r["holder"])) for r in store.select(
                f"""SELECT ?holder ?name WHERE {{ GRAPH {index} {{ ?holder sg:holderHead ?head }}
                      GRAPH {_ENTITIES} {{ ?holder schema:name ?name }} }}""", {"head": head})
                if str(r["name"]).startswith(head)})  # a holder's other names: their heads

    rows: list[Row] = []
    variables: list[str] = []
    pending = holders()
    following = next(pending, None)
    while following is not None and len(rows) < wanted:
        chosen: set[tuple[str, str]] = set()
        last = None
        # Holders of one name all together: their rows interleave by role.
        while following is not None and (len(chosen) < wanted - len(rows) or
                                         following[0] == last):
            chosen.add(following)
            last = following[0]
            following = next(pending, None)
        result = _run(store, name, "person", {holder for _, holder in chosen})
        variables = result.variables
        rows += [r for r in result.rows if (r["name"], r["person"]) in chosen]
    return (SelectResult(variables or _run(store, name, "person", []).variables, rows),
            following is not None)


_PAGERS: dict[str, Pager] = {
    "timeline": _by_label,
    "story-articles": _by_label,
    "figures": _by_date("figure", "schema:QuantitativeValue", own_dates=False),
    "who-said-what": _by_date("claim", "schema:Claim", own_dates=True),
    "stories": _stories_first,
    "figures-tracker": _series_first,
    "entities-by-articles": _most_covered,
    "people-roles": _holders_first,
}
