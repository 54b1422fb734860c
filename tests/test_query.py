"""SPARQL queries, canned queries and lookups; expected rows are derived from the fixtures."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

import pyoxigraph as ox
import pytest

from storygraph.errors import QueryError
from storygraph.model import Extraction
from storygraph.query import (
    CLAIM_KEYS,
    QueryLimits,
    article_ref,
    canned_queries,
    entity_profile,
    find_entities,
    list_claims,
    list_entities,
    load_query,
    queries_dir,
    run_canned,
    run_query,
    stats,
)
from storygraph.rdf.index import name_words
from storygraph.rdf.namespace import article_iri, entity_iri
from storygraph.resolve import canonical_id
from storygraph.store import GraphStore, open_store
from tests.fixtures_extraction import (
    BACKSLASH,
    CURLY,
    DROP_LTD,
    OBRIEN,
    all_extractions,
    appeal,
    sentence_of,
    sentencing,
)

EXTRACTIONS = all_extractions()


@pytest.fixture(scope="module")
def store() -> GraphStore:
    with open_store(":memory:") as opened:
        opened.put_many(EXTRACTIONS)
        yield opened


def name_of(x: Extraction, entity_id: str | None) -> str | None:
    entity = x.entity(entity_id)
    return entity.name if entity else None


def plain(value: Any) -> bool:
    """A value DESIGN.md's listing contract allows."""
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


# --- running any query ----------------------------------------------------------------------

def test_select(store: GraphStore) -> None:
    result = run_query(store, "SELECT ?name WHERE { GRAPH ?g { ?e schema:name ?name } } "
                              "ORDER BY ?name LIMIT 2")
    assert result.kind == "select"
    assert result.variables == ["name"]
    assert result.records() == [{"name": "Amelia Carter"}, {"name": "Brightwater Council"}]


def test_ask(store: GraphStore) -> None:
    result = run_query(store, "ASK { ?c a schema:Quotation }")
    assert (result.kind, result.boolean, result.records()) == ("ask", True, [{"result": True}])


def test_construct_and_describe(store: GraphStore) -> None:
    construct = run_query(store, "CONSTRUCT { ?e schema:name ?n } WHERE { ?e schema:name ?n }")
    assert construct.kind == "construct"
    assert len(construct.triples) == len(list_entities(store))
    def triples(text: str, format: ox.RdfFormat) -> set[ox.Triple]:
        return {q.triple for q in ox.parse(text, format=format)}

    assert triples(construct.to_ntriples(), ox.RdfFormat.N_TRIPLES) == set(construct.triples)
    turtle = construct.to_turtle()
    assert "@prefix schema:" in turtle
    assert triples(turtle, ox.RdfFormat.TURTLE) == set(construct.triples)
    describe = run_query(store, "DESCRIBE ?e WHERE { ?e schema:name \"Tom Reeves\" }")
    assert describe.kind == "describe"
    assert {"subject", "predicate", "object"} == set(describe.records()[0])


@pytest.mark.parametrize("update", [
    "DROP ALL",
    "insert data { <urn:a> <urn:b> <urn:c> }",
    "# sneaky\nPREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
    "CLEAR GRAPH <https://storygraph.dev/graph/entities>",
    "LOAD <https://example.org/data.ttl>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(store: GraphStore, update: str) -> None:
    count = store.quad_count()
    with pytest.raises(QueryError, match="updates are not allowed"):
        run_query(store, update)
    assert store.quad_count() == count


@pytest.mark.parametrize(("query", "position"), [
    ("SELECT ?x WHERE { ?x ?y }", "line 1, column"),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}", "line 4, column"),
    ("SELEC * { ?s ?p ?o }", "line 1, column"),
    ("SELECT ?x WHERE { ?x ?y ?z ", "line 1, column"),
])
def test_malformed_sparql_names_the_position(store: GraphStore, query: str,
                                             position: str) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL at " + position) as error:
        run_query(store, query)
    assert "\n" not in str(error.value)


# --- canned queries -------------------------------------------------------------------------

def test_canned_queries_are_found_and_say_what_they_answer() -> None:
    names = canned_queries()
    assert {"who-said-what", "people-roles", "figures", "entities-by-articles",
            "article"} <= set(names)
    for name, description in names.items():
        assert load_query(name).startswith("#"), name
        assert len(description) > 20, name
    assert queries_dir().joinpath("figures.rq").is_file()


@pytest.mark.parametrize("name", ["nope", "../pyproject.toml", "../queries/figures",
                                  "x" * 300])  # a name too long for the system: no OSError
def test_unknown_canned_query(name: str) -> None:
    with pytest.raises(QueryError, match="no canned query named"):
        load_query(name)


def test_who_said_what(store: GraphStore) -> None:
    expected = Counter()
    for x in EXTRACTIONS:
        for c in x.claims:
            about = "; ".join(sorted(name_of(x, a) for a in c.about))
            expected[(name_of(x, c.speaker) or c.speaker_text, c.cue, c.text, c.direct,
                      about, c.date, x.article.id)] += 1
    rows = run_canned(store, "who-said-what").rows
    got = Counter()
    for r in rows:
        about = "; ".join(sorted(r["about"].split("; ")))
        got[(r["speaker_name"], r["cue"], r["text"], r["direct"], about, r["date"],
             r["article_id"])] += 1
    assert got == expected
    # dated claims first, in date order
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates) and rows[-1]["date"] is None


def test_canned_queries_take_the_guarded_path(store: GraphStore) -> None:
    rows = run_canned(store, "who-said-what").rows
    limited = run_canned(store, "who-said-what", limits=QueryLimits(max_rows=2))
    assert len(rows) > 2 and limited.rows == rows[:2] and limited.truncated


def test_people_roles(store: GraphStore) -> None:
    articles: dict[tuple, set[str]] = defaultdict(set)
    for x in EXTRACTIONS:
        for role in x.roles:
            articles[(name_of(x, role.person), role.title, name_of(x, role.org))].add(
                x.article.id)
    expected = {(*key, len(ids)) for key, ids in articles.items()}
    rows = run_canned(store, "people-roles").rows
    got = {(r["name"], r["role"], r["organization_name"], r["articles"]) for r in rows}
    assert got == expected
    assert len(rows) == len(expected)


def test_figures(store: GraphStore) -> None:
    expected = set()
    for x in EXTRACTIONS:
        for q in x.quantities:
            start, end = sentence_of(x.article.text, q.start, q.end)
            about = "; ".join(sorted(name_of(x, a) for a in q.about))
            expected.add((q.value, q.unit, q.qualifier, q.text, about, name_of(x, q.stated_by),
                          x.article.text[start:end], x.article.id, x.article.published))
    rows = run_canned(store, "figures").rows
    got = {(r["value"], r["unit"], r["qualifier"], r["text"], r["about"], r["stated_by_name"],
            r["sentence"], r["article_id"], r["published"]) for r in rows}
    assert got == expected
    assert len(rows) == len(expected)


def test_entities_by_articles(store: GraphStore) -> None:
    articles: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    names: dict[str, str] = {}
    for x in EXTRACTIONS:
        for e in x.entities:
            iri = entity_iri(canonical_id(e))
            names.setdefault(iri, e.name)
            articles[iri].add(x.article.id)
            mentions[iri] += len(e.mentions)
    rows = run_canned(store, "entities-by-articles").rows
    assert {(r["entity"], r["name"], r["articles"], r["mentions"]) for r in rows} == {
        (iri, names[iri], len(articles[iri]), mentions[iri]) for iri in names}
    counts = [(r["articles"], r["mentions"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0]["name"] == "Victor Hale"


def test_article(store: GraphStore) -> None:
    x = appeal()
    expected = {("mention", m.start, m.end, m.text, e.name) for e in x.entities
                for m in e.mentions}
    expected |= {("role", r.start, r.end, x.article.text[r.start:r.end], name_of(x, r.person))
                 for r in x.roles}
    expected |= {("claim", c.start, c.end, c.text, name_of(x, c.speaker)) for c in x.claims}
    expected |= {("event", v.start, v.end, v.text, name_of(x, v.agent)) for v in x.events}
    iri = ox.NamedNode(article_iri(x.article.id))
    rows = run_canned(store, "article", article=iri).rows
    assert {(r["kind"], r["begin"], r["end"], r["text"], r["who"]) for r in rows} == expected
    assert [r["begin"] for r in rows] == sorted(r["begin"] for r in rows)
    assert {r["article"] for r in rows} == {iri.value}


@pytest.mark.parametrize("ref", ["id", "key", "url", "iri"])
def test_article_ref(store: GraphStore, ref: str) -> None:
    x = sentencing()
    given = {"id": x.article.id, "key": x.article.key, "url": x.article.url,
             "iri": article_iri(x.article.id)}[ref]
    assert article_ref(store, given) == article_iri(x.article.id)
    assert article_ref(store, '"nothing" }') is None


# --- lookups --------------------------------------------------------------------------------

def test_list_entities_rows(store: GraphStore) -> None:
    rows = list_entities(store)
    assert all(list(r) == ["entity", "name", "type", "mentions", "articles"] for r in rows)
    hale = next(r for r in rows if r["name"] == "Victor Hale")
    assert (hale["type"], hale["mentions"], hale["articles"]) == ("PERSON", 6, 3)
    json.dumps(rows)


def test_list_claims_rows(store: GraphStore) -> None:
    rows = list_claims(store)
    assert len(rows) == sum(len(x.claims) for x in EXTRACTIONS)
    assert all(tuple(r) == CLAIM_KEYS for r in rows)
    assert {"claim", "speaker", "speaker_name", "cue", "text", "direct", "date", "article_id",
            "article_url"} <= set(CLAIM_KEYS)
    assert all(plain(v) for r in rows for v in r.values())
    carter = next(r for r in rows if r["speaker_name"] == "Amelia Carter")
    assert carter["sentence"] == (
        'Judge Amelia Carter said: "This was a cynical betrayal of the people who trusted you."')
    assert carter["article_url"] == "https://news.example/hale-jailed"
    assert carter["speaker"] == entity_iri("person/amelia-carter")
    # The resolved speaker with the words the article used for them, to check one by the other.
    okafor = next(r for r in rows if r["speaker_text"] == "Prosecutor Nadia Okafor")
    assert okafor["speaker_name"] == "Nadia Okafor"


@pytest.mark.parametrize(("speaker", "texts"), [
    ("reeves", {"his client would appeal", "The sentence is manifestly excessive."}),
    ("TOM", {"his client would appeal", "The sentence is manifestly excessive."}),
    ("Carter", {"This was a cynical betrayal of the people who trusted you."}),
    ("spokesperson", {"a date would be set in May"}),  # unresolved, matched as written
    ("Victor Hale", set()),
])
def test_list_claims_by_speaker(store: GraphStore, speaker: str, texts: set[str]) -> None:
    assert {r["text"] for r in list_claims(store, speaker=speaker)} == texts


def test_entity_profile(store: GraphStore) -> None:
    [hale] = entity_profile(store, "hale")
    assert hale["name"] == "Victor Hale" and hale["type"] == "PERSON"
    assert hale["aliases"] == ["Hale", "Mr Hale"]
    assert hale["articles"] == [x.article.id for x in sorted(  # in date order, undated last
        EXTRACTIONS, key=lambda x: (x.article.published is None, x.article.published or ""))]
    assert hale["article_count"] == len(EXTRACTIONS)
    assert hale["roles"] == ["former council leader, Brightwater Council",
                             "former leader, Brightwater Council"]
    assert hale["said"] == []
    assert set(hale["said_about"]) == {
        f"{name_of(x, c.speaker)}: {c.text}" for x in EXTRACTIONS for c in x.claims
        if any(name_of(x, a) == "Victor Hale" for a in c.about)}
    [reeves] = entity_profile(store, "Tom Reeves")
    assert set(reeves["said"]) == {"his client would appeal",
                                   "The sentence is manifestly excessive."}
    assert reeves["roles"] == ["lawyer"]
    assert all(plain(v) for v in hale.values())
    assert entity_profile(store, "nobody at all") == []


def test_entity_profile_pages_its_lists(store: GraphStore) -> None:
    """`items` keeps the first of each list, in the same order, with the counts of all;
    `matches` the best matching entities."""
    for name in ("hale", "Tom Reeves"):  # claims about him; claims he made
        [whole] = entity_profile(store, name)
        for items in (0, 1, 2):
            [first] = entity_profile(store, name, items=items)
            for key in ("articles", "wrote", "said", "said_about"):
                assert first[key] == whole[key][:items]
            assert {k: v for k, v in first.items() if k.endswith("count")} == {
                "article_count": len(whole["articles"]), "wrote_count": len(whole["wrote"]),
                "said_count": len(whole["said"]),
                "said_about_count": len(whole["said_about"])}
    [reeves] = entity_profile(store, "Tom Reeves", items=1)
    assert len(reeves["said"]) == 1 and reeves["said_count"] == 2
    everyone = entity_profile(store, "e")
    assert len(everyone) > 3
    assert entity_profile(store, "e", matches=2) == everyone[:2]


def test_exact_match_ranks_first(store: GraphStore) -> None:
    names = [e["name"] for e in find_entities(store, "e")]  # a part of words: every name
    assert len(names) > 3
    assert [e["name"] for e in find_entities(store, "Tom Reeves")] == ["Tom Reeves"]


def test_whole_words_first_then_parts(store: GraphStore) -> None:
    # "Hale" is a word of Victor Hale's names and a part of none else's that counts;
    # "ale" is a word of no name, so every name holding it as a part is found.
    assert [e["name"] for e in find_entities(store, "hale")] == ["Victor Hale"]
    assert {e["name"] for e in find_entities(store, "ale")} == expected_entities("ale") \
        == {n for x in EXTRACTIONS for e in x.entities
            for n in [e.name] if any("ale" in m.lower() for m in (e.name, *e.aliases))}


def _words(text: str) -> set[str]:
    return set(name_words(text))


def _holds(needle: str, names: tuple[str, ...], *, whole: bool) -> bool:
    """One of the names contains `needle`, and (whole) the names hold each of its words."""
    if not any(needle.lower() in n.lower() for n in names):
        return False
    return not whole or (bool(_words(needle)) and _words(needle) <= set().union(
        *map(_words, names)))


def expected_entities(needle: str) -> set[str]:
    """Names of entities whose names hold needle as whole words, else as any part (any case)."""
    for whole in (True, False):
        found = {e.name for x in EXTRACTIONS for e in x.entities
                 if _holds(needle, (e.name, *e.aliases), whole=whole)}
        if found:
            return found
    return set()


def expected_claims(needle: str) -> set[str]:
    """Claims whose speaker's names or speaker as written hold needle as whole words, else as
    any part."""
    for whole in (True, False):
        found = set()
        for x in EXTRACTIONS:
            for c in x.claims:
                speaker = x.entity(c.speaker)
                names = (speaker.name, *speaker.aliases) if speaker else ()
                if (names and _holds(needle, names, whole=whole)) or _holds(
                        needle, (c.speaker_text or "",), whole=whole):
                    found.add(c.text)
        if found or not whole:
            return found
        # Whole words of some speaker's name without a claim still stop the search.
        if any(_holds(needle, (e.name, *e.aliases), whole=True)
               for x in EXTRACTIONS for e in x.entities):
            return found
    return set()


HOSTILE = ['"', "'", "}", "{", "SELECT", "DROP", "\\", "?s", "#", "<", ">", ";",
           '" } ?s ?p ?o . { "', "') } DROP ALL #", "\\u0022", "\\\"", "}}{{", "\n",
           "SELECT * WHERE { ?s ?p ?o }", OBRIEN, CURLY, DROP_LTD, BACKSLASH, "O'Brien", ""]


@pytest.mark.parametrize("needle", HOSTILE)
def test_hostile_names_are_only_values(store: GraphStore, needle: str) -> None:
    count = store.quad_count()
    assert {e["name"] for e in find_entities(store, needle)} == expected_entities(needle)
    assert {p["name"] for p in entity_profile(store, needle)} == expected_entities(needle)
    assert {c["text"] for c in list_claims(store, speaker=needle)} == expected_claims(needle)
    assert article_ref(store, needle) is None
    assert store.quad_count() == count


def test_hostile_entity_profile_content(store: GraphStore) -> None:
    [obrien] = entity_profile(store, OBRIEN)
    assert obrien["name"] == OBRIEN
    assert obrien["said"] == [f"I never saw the {CURLY} accounts."]
    assert obrien["aliases"] == ["O'Brien"]
    [drop] = entity_profile(store, "select * where")
    assert drop["name"] == DROP_LTD
    [curly] = entity_profile(store, "{curly}")
    assert curly["said_about"] == [f"{OBRIEN}: I never saw the {CURLY} accounts."]
    [backslash] = entity_profile(store, "back\\slash")
    assert backslash["roles"] == [f"director, {DROP_LTD}"]


def test_stats(store: GraphStore) -> None:
    canonical = {canonical_id(e) for x in EXTRACTIONS for e in x.entities}
    assert stats(store) == {
        "articles": len(EXTRACTIONS),
        "entities": len(canonical),
        "mentions": sum(len(e.mentions) for x in EXTRACTIONS for e in x.entities),
        "roles": sum(len(x.roles) for x in EXTRACTIONS),
        "claims": sum(len(x.claims) for x in EXTRACTIONS),
        "figures": sum(len(x.quantities) for x in EXTRACTIONS),
        "events": sum(len(x.events) for x in EXTRACTIONS),
        "quads": store.quad_count(),
    }


def test_stats_of_an_empty_store() -> None:
    with open_store(":memory:") as empty:
        assert stats(empty) == {"articles": 0, "entities": 0, "mentions": 0, "roles": 0,
                                "claims": 0, "figures": 0, "events": 0, "quads": 0}
        assert list_entities(empty) == [] and list_claims(empty) == []
