"""The lookup indexes kept at put (storygraph.rdf.index): the same answers as reading the store,
through puts, replacements and removals, and built alike by `check --repair` for an older store."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox

from storygraph import check
from storygraph.check import build_indexes, find_problems, repair
from storygraph.edits import merge, split, split_article
from storygraph.ingest import ArticleWriter
from storygraph.model import Article, Claim, Entity, Event, Extraction, Mention, Quantity, Role
from storygraph.query import entity_profile, list_claims, list_entities, run_canned
from storygraph.query.lookups import _claim_texts, claims_of, find_entities, indexed
from storygraph.query.paging import page_canned
from storygraph.query.resolution import list_figures
from storygraph.query.stories import list_stories, timeline
from storygraph.rdf.index import (
    ABOUT_KEY,
    ARTICLE_COUNT,
    ARTICLE_COUNTS,
    ARTICLE_KEY,
    FIGURE_COUNT,
    GRAM,
    HOLDER_HEAD,
    HOLDER_HEADS,
    INDEX_VERSION_PREDICATE,
    MENTION_COUNT,
    NAME_WORD,
    NAMED_BY,
    SAID_KEY,
    SERIES_BUCKET,
    SERIES_HEAD,
    SERIES_SIZE,
    TIMELINE_KEY,
    WORD_GRAM,
    index_version,
    name_word_quads,
    name_words,
    order_quads,
    parse_timeline_key,
    word_gram_quads,
)
from storygraph.rdf.namespace import ENTITIES_GRAPH, INDEX_GRAPH, RESOLUTION_GRAPH, SERIES_BASE
from storygraph.store import GraphStore, open_store
from tests.fixtures_extraction import all_extractions, appeal, changed, sentencing

INDEX = ox.NamedNode(INDEX_GRAPH)
RESOLUTION = ox.NamedNode(RESOLUTION_GRAPH)


def _figure(key: str, value: int, published: str, site: str = "Ardley Quarry",
            unit: str = "staff") -> Extraction:
    """"<value> <unit> were laid off at <site>": one organisation, one figure about it."""
    text = f"{value} {unit} were laid off at {site}."
    start = text.index(site)
    entity = Entity("e0", site, "ORG", (), (Mention(start, start + len(site), site),))
    words = f"{value} {unit}"
    figure = Quantity(value, unit, "laid off", words, 0, len(words), ("e0",))
    return Extraction(Article(f"{key}-{value}", key, text, published=published), (entity,),
                      quantities=(figure,), extractor_version="test")


@contextmanager
def _older(store: GraphStore, version: int = 0) -> Iterator[GraphStore]:
    """The same store as one written before the indexes (`version` 0), or with those of
    an older version only: without the series sizes (1), the series order (1, 2), the
    entity counts (1, 2, 3), the profile keys (1-4), the timeline keys (1-6) and the word
    vocabulary (1-7)."""
    keys = (ARTICLE_KEY, SAID_KEY, ABOUT_KEY, TIMELINE_KEY, WORD_GRAM)
    counts = (ARTICLE_COUNT, MENTION_COUNT, ARTICLE_COUNTS, HOLDER_HEAD, HOLDER_HEADS, *keys)
    later = {1: (FIGURE_COUNT, SERIES_SIZE, SERIES_HEAD, SERIES_BUCKET, *counts),
             2: (SERIES_HEAD, SERIES_BUCKET, *counts), 3: counts, 4: keys,
             6: (TIMELINE_KEY, WORD_GRAM), 7: (WORD_GRAM,)}
    with open_store(":memory:") as copy:
        if version == 0:
            kept = [q for q in store.quads()  # type: ignore[attr-defined]
                    if q.graph_name != INDEX and q.predicate not in (NAME_WORD, *keys)]
        else:
            kept = [q for q in store.quads()  # type: ignore[attr-defined]
                    if q.predicate not in (*later[version], INDEX_VERSION_PREDICATE)]
            kept.append(ox.Quad(INDEX, INDEX_VERSION_PREDICATE, ox.Literal(version), INDEX))
        copy.inner.extend(kept)
        yield copy


def _pages(store: GraphStore, size: int, **selection: str) -> list[dict[str, object]]:
    """The whole listing read page by page."""
    rows: list[dict[str, object]] = []
    while page := list_figures(store, limit=size, offset=len(rows), **selection):
        rows += page
    return rows


def _sizes(store: GraphStore) -> tuple[dict[str, int], set[int]]:
    """The series sizes the store keeps: per series, and the sizes there are."""
    counts = {q.subject.value: int(q.object.value)
              for q in store.quads_for_pattern(None, FIGURE_COUNT, None, INDEX)}
    return counts, {int(q.object.value)
                    for q in store.quads_for_pattern(INDEX, SERIES_SIZE, None, INDEX)}


def _order(store: GraphStore) -> set[ox.Quad]:
    """The series order the store keeps (heads and buckets)."""
    return {q for p in (SERIES_HEAD, SERIES_BUCKET)
            for q in store.quads_for_pattern(None, p, None, INDEX)}


def _flags(store: GraphStore) -> dict[tuple[str, float], bool]:
    return {(r["article_id"], r["value"]): r["discrepancy"] for r in list_figures(store)}


def test_discrepancies_kept_at_put_are_those_read_from_the_series() -> None:
    steps: list[Extraction | str] = [
        _figure("k1", 100, "2025-01-01"),
        _figure("k2", 150, "2025-01-03"),  # contradicts 100
        _figure("k3", 90, "2025-03-01"),  # supersedes both
        "k3",  # removed: they stand, and disagree, again
        _figure("k2", 100, "2025-01-03"),  # replaced by a text that agrees with k1
        _figure("k4", 120, "2025-01-02"),
        _figure("k5", 7, "2025-01-02", site="Bexley Depot"),  # another series
        _figure("k6", 40, "2025-01-04", site="Bexley Depot", unit="drivers"),  # another head
        "k1",
        "k6",  # its series, bucket and head go
    ]
    seen = []
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for step in steps:
            if isinstance(step, str):
                writer.remove(step)
            else:
                writer.write(step)
            with _older(store) as older:
                assert not indexed(older)
                assert _flags(store) == _flags(older)
            whole = list_figures(store)
            series = [r["series"] for r in whole]
            counts, sizes = _sizes(store)
            assert {SERIES_BASE + s: series.count(s) for s in series} == counts
            assert sizes == set(counts.values())
            assert _order(store) == {q for one in counts
                                     for q in order_quads(ox.NamedNode(one))}
            for size in (1, 2, 3):
                assert _pages(store, size) == whole
            seen.append(_flags(store))
    assert seen[1] == {("k1-100", 100): True, ("k2-150", 150): True}
    assert not any(seen[4].values()) and all(seen[5].values())  # agreeing, then not


def test_a_page_of_a_speakers_claims_is_that_part_of_them_all() -> None:
    """`claims --speaker` orders a page by the speakers' keys (and keys made for claims
    matched by the speaker as written) before reading it: the same rows as the whole list
    cut, with the keys kept and without them."""
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for x in all_extractions():
            writer.write(x)
        with _older(store) as older:
            for name in ("hale", "Tom Reeves", "ale", "spokesperson", "said", "r"):
                whole = list_claims(store, speaker=name)
                assert list_claims(older, speaker=name) == whole
                for source in (store, older):
                    for size in (1, 2, 5):
                        pages = [list_claims(source, speaker=name, limit=size, offset=n)
                                 for n in range(0, len(whole) + size, size)]
                        assert [row for one in pages for row in one] == whole, (name, size)


def test_repair_builds_the_indexes_put_keeps() -> None:
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for x in (*all_extractions(), _figure("k1", 100, "2025-01-01"),
                  _figure("k2", 150, "2025-01-03")):
            writer.write(x)
        assert indexed(store)
        with _older(store) as older:
            problems = find_problems(older)
            assert [p.kind for p in problems] == ["unindexed"]
            # An older store answers all the same, by reading every name.
            for name in ("hale", "Tom Reeves", "ale", "spokesperson"):
                assert entity_profile(older, name) == entity_profile(store, name)
                assert list_claims(older, speaker=name) == list_claims(store, speaker=name)
            assert repair(older, problems).fixed == {"unindexed": 1}
            assert find_problems(older) == []
            resolution = ox.NamedNode(RESOLUTION_GRAPH)
            assert {q for q in older.quads() if q.graph_name != resolution} == \
                {q for q in store.quads() if q.graph_name != resolution}  # type: ignore[attr-defined]


def test_figures_listed_largest_series_first_and_paged_before_they_are_read() -> None:
    """Pages of the listing are the listing, through the series sizes kept at put and
    through reading the figures (an older store, a story's articles)."""
    sites = ("Ardley Quarry", "Bexley Depot", "Crane Mill")
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for n, (site, value) in enumerate([(sites[1], 7), (sites[0], 100), (sites[2], 3),
                                           (sites[0], 150), (sites[1], 9), (sites[0], 90)]):
            writer.write(_figure(f"k{n}", value, f"2025-01-0{n + 1}", site=site))
        whole = list_figures(store)
        assert [r["article_id"] for r in whole] == [  # 3 quarry, 2 depot, 1 mill; by date
            "k1-100", "k3-150", "k5-90", "k0-7", "k4-9", "k2-3"]
        with _older(store) as older, _older(store, version=1) as first:
            for source in (store, older, first):
                assert list_figures(source) == whole
                for size in (1, 2, 4, 6, 10):
                    assert _pages(source, size) == whole
                assert list_figures(source, limit=2, offset=5) == whole[5:]
                assert list_figures(source, limit=0) == []
        chosen = {"k0-7", "k1-100", "k2-3", "k4-9"}
        few = list_figures(store, articles=chosen)
        assert [r["article_id"] for r in few] == ["k0-7", "k4-9", "k1-100", "k2-3"]
        assert [list_figures(store, articles=chosen, limit=1, offset=n)[0] for n in range(4)] \
            == few


def test_figures_of_a_series_in_time_order_whatever_the_offsets() -> None:
    """Publication times written with other offsets order a series by the moment, as the
    tracker's ORDER BY does, in pages and in the whole listing alike: "23:30 -05:00" on the
    1st is after "01:00Z" on the 2nd, though it is the smaller text."""
    times = ["2025-03-01T23:30:00-05:00", "2025-03-02T01:00:00Z", "2025-03-02T09:00:00+02:00"]
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for n, published in enumerate(times):
            writer.write(_figure(f"t{n}", 10 + n, published))
        whole = list_figures(store)
        assert [r["article_id"] for r in whole] == ["t1-11", "t0-10", "t2-12"]
        for size in (1, 2):
            assert _pages(store, size) == whole
        assert list_figures(store, articles={f"t{n}-{10 + n}" for n in range(3)}) == whole


def _two_figures(key: str, published: str, *figures: tuple[int, str]) -> Extraction:
    """One article with a figure "<value> staff were laid off at <site>" per (value, site)."""
    text, entities, quantities = "", [], []
    for n, (value, site) in enumerate(figures):
        sentence = f"{value} staff were laid off at {site}. "
        start = len(text) + sentence.index(site)
        entities.append(Entity(f"e{n}", site, "ORG", (), (Mention(start, start + len(site),
                                                                  site),)))
        words = f"{value} staff"
        quantities.append(Quantity(value, "staff", "laid off", words, len(text),
                                   len(text) + len(words), (f"e{n}",)))
        text += sentence
    return Extraction(Article(key, key, text.strip(), published=published), tuple(entities),
                      quantities=tuple(quantities), extractor_version="test")


def test_what_a_figure_supersedes_is_what_its_series_says_superseded_it() -> None:
    """The listing reads what each figure replaced apart from the tracker's rows: the
    articles of the figures of its own series that its article superseded, on every page,
    for a store with the indexes and one without."""
    steps = [_figure("k1", 100, "2025-01-01"),
             _figure("k2", 7, "2025-01-01", site="Bexley Depot"),
             # Replaces a figure in each of two series: each figure only its own series'.
             _two_figures("k3", "2025-02-01", (150, "Ardley Quarry"), (9, "Bexley Depot")),
             _figure("k4", 120, "2025-02-03"),  # disagrees with k3, replaces nothing
             _figure("k5", 90, "2025-03-10")]  # replaces k3's and k4's
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for step in steps:
            writer.write(step)
        whole = list_figures(store)
        replaced = {(r["series"], r["article_id"]): r["supersedes"] for r in whole}
        assert replaced == {
            (s, a): sorted(r["article_id"] for r in whole
                           if r["series"] == s and r["superseded_by"] == a)
            for s, a in replaced}
        assert sorted(r for r in replaced.values() if r) == [["k1-100"], ["k2-7"],
                                                             ["k3", "k4-120"]]
        with _older(store) as older:
            assert list_figures(older) == whole
            for size in (1, 2, 4):
                assert _pages(store, size) == whole
                assert _pages(older, size) == whole


def test_repair_gives_an_older_index_what_it_lacks() -> None:
    """A store whose indexes are of version 1 (no series sizes nor order), 2 (no series
    order), 3 (no entity counts), 4 (no profile keys), 6 (no timeline keys) or 7 (no word
    vocabulary) gets them from repair, the same as put keeps, without its name words
    written again."""
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for n, value in enumerate((100, 150, 120)):
            writer.write(_figure(f"k{n}", value, f"2025-01-0{n + 1}"))
        writer.write(_figure("k9", 7, "2025-01-02", site="Bexley Depot"))
        for version in (1, 2, 3, 4, 6, 7):
            with _older(store, version=version) as older:
                assert index_version(older) == version and indexed(older)
                assert (_order(older) == set()) == (version < 3)
                assert (_sizes(older) == ({}, set())) == (version == 1)
                counted = list(older.quads_for_pattern(None, ARTICLE_COUNT, None, INDEX))
                assert bool(counted) == (version >= 4)
                keyed = list(older.quads_for_pattern(None, ARTICLE_KEY, None, None))
                assert bool(keyed) == (version >= 6)
                timed = list(older.quads_for_pattern(None, TIMELINE_KEY, None, None))
                assert bool(timed) == (version == 7)
                assert not list(older.quads_for_pattern(None, WORD_GRAM, None, INDEX))
                problems = find_problems(older)
                assert [p.kind for p in problems] == ["unindexed"]
                assert repair(older, problems).fixed == {"unindexed": 1}
                assert find_problems(older) == []
                assert set(older.quads()) == set(store.quads())  # type: ignore[attr-defined]
                assert _sizes(older)[1] == {1, 3}


def _series_counted(store: GraphStore, named: list[int]) -> Callable[..., Any]:
    """`store.select` that notes how many series (IRIs, not literals) each query names."""
    select = store.select

    def counting(query: str, bindings: Any = None) -> Any:
        named.append(len(set(re.findall(f"<{re.escape(SERIES_BASE)}[^>]*>", query))))
        return select(query, bindings)

    return counting


def test_figure_index_built_a_few_series_at_a_time(monkeypatch) -> None:
    """`check --repair` decides the figure index a chunk of series at a time, each chunk
    from the store as the chunks before left it: the index is the one put keeps, and no
    read names more series than a chunk (a server refuses a query naming them all)."""
    monkeypatch.setattr(check, "_SERIES_CHUNK", 1)
    sites = ("Ardley Quarry", "Bexley Depot", "Crane Mill")
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        for n, (site, value) in enumerate([(sites[1], 7), (sites[0], 100), (sites[2], 3),
                                           (sites[0], 150), (sites[1], 9), (sites[0], 120)]):
            writer.write(_figure(f"k{n}", value, f"2025-01-0{n + 1}", site=site))
        for version in (0, 1, 2):
            with _older(store, version=version) as older:
                named: list[int] = []
                monkeypatch.setattr(older, "select", _series_counted(older, named))
                build_indexes(older)
                assert max(named) == 1  # one series a read (the chunk), never all three
                assert set(older.quads()) == set(store.quads())  # type: ignore[attr-defined]


def _held(n: int, names: list[tuple[str, str]], title: str | None = None) -> Extraction:
    """An article naming these entities (name, label), the first holding `title` at the
    second when one is given."""
    text = ". ".join(name for name, _ in names) + "."
    entities, start = [], 0
    for i, (name, label) in enumerate(names):
        entities.append(Entity(f"e{i}", name, label, (),
                               (Mention(start, start + len(name), name),)))
        start += len(name) + 2
    roles = (Role("e0", title, "e1", 0, len(names[0][0])),) if title else ()
    return Extraction(Article(f"held{n}", f"held-key{n}", text, published=f"2025-02-0{n}"),
                      tuple(entities), roles=roles, extractor_version="test")


def _counted(store: GraphStore) -> dict[str, tuple[int, int]]:
    """Each entity's article and mention counts, read from the mentions themselves."""
    return {str(r["e"]): (int(r["n"]), int(r["m"])) for r in store.select("""
        SELECT ?e (COUNT(DISTINCT ?g) AS ?n) (COUNT(DISTINCT ?mention) AS ?m) WHERE {
          GRAPH ?g { ?mention itsrdf:taIdentRef ?e } } GROUP BY ?e""")}


def _kept(store: GraphStore, predicate: ox.NamedNode) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, predicate, None, INDEX):
        found.setdefault(q.subject.value, set()).add(q.object.value)
    return found


def _in_order(rows: list[dict[str, object]], key: tuple[str, ...]) -> list[tuple[object, ...]]:
    return [tuple(r[k] for k in key) for r in rows]


def listed_names(store: GraphStore) -> set[str]:
    return {str(r["name"]) for r in list_entities(store)}


def _agrees(store: GraphStore) -> None:
    """The entity counts and holder heads the index keeps are those read from the store,
    the word vocabulary holds the words of the names there are,
    its lists of values hold exactly the values there are, pages read from them are the
    whole queries' (rows that tie on every ordered value may come in another order), and
    profiles read through the profile keys are those read without them."""
    counted = _counted(store)
    articles, mentions = _kept(store, ARTICLE_COUNT), _kept(store, MENTION_COUNT)
    assert {e: (int(min(articles[e])), int(min(mentions[e]))) for e in articles} == counted
    assert all(len(v) == 1 for v in (*articles.values(), *mentions.values()))
    assert _kept(store, ARTICLE_COUNTS) == \
        ({INDEX_GRAPH: {str(n) for n, _ in counted.values()}} if counted else {})
    holders = {str(r["e"]): str(r["name"]) for r in store.select("""SELECT ?e ?name WHERE {
        GRAPH ?g { ?role a schema:Role ; schema:roleName ?t ; sg:holder ?e }
        GRAPH <https://storygraph.dev/graph/entities> { ?e schema:name ?name } }""")}
    assert _kept(store, HOLDER_HEAD) == {e: {name[:3]} for e, name in holders.items()}
    assert _kept(store, HOLDER_HEADS) == \
        ({INDEX_GRAPH: {n[:3] for n in holders.values()}} if holders else {})
    for name, key in (("entities-by-articles", ("articles", "mentions", "name")),
                      ("people-roles", ("name", "role", "organization_name"))):
        whole = run_canned(store, name).rows
        for offset in (0, 1, 2):
            for limit in (1, 2, 3, len(whole) + 1):
                found = page_canned(store, name, limit, offset)
                assert found is not None
                rows, more = found
                assert _in_order(rows.rows, key) == _in_order(whole, key)[offset:offset + limit]
                assert more or offset + limit >= len(whole)
        everything = page_canned(store, name, len(whole) + 1)
        assert everything is not None
        assert sorted(map(repr, everything[0].rows)) == sorted(map(repr, whole))
    with _older(store, version=4) as older:  # profiles without the profile keys
        for r in listed_names(store):
            for items in (None, 1, 2):
                assert entity_profile(store, r, items=items) == \
                    entity_profile(older, r, items=items)
    with _older(store, version=3) as older:  # matches ordered without the counts kept
        for r in listed_names(store):
            assert find_entities(store, r) == find_entities(older, r)
    _vocabulary_is_the_names_words(store)
    with _older(store, version=7) as older:  # parts of words, found by reading every name
        names = listed_names(store) | {str(r["w"]) for r in store.select(
            "SELECT ?w WHERE { GRAPH ?g { ?claim sg:speakerText ?w } }")}
        for part in sorted({n[a:b] for n in names for a, b in ((1, -1), (1, 4), (0, 3))}):
            assert find_entities(store, part) == find_entities(older, part), part
            assert list_claims(store, speaker=part) == list_claims(older, speaker=part)
            assert list_claims(store, speaker=part, limit=2) == \
                list_claims(older, speaker=part, limit=2)
    with _older(store, version=6) as older:  # timelines without the timeline keys
        stories = [None, *(str(s["story"]).rsplit("/", 1)[-1] for s in list_stories(store))]
        for r in listed_names(store):
            for story in stories:
                whole = timeline(store, story=story, entity=r)
                assert timeline(older, story=story, entity=r) == whole
                for source in (store, older):
                    for size in (1, 2, 5):
                        pages = [timeline(source, story=story, entity=r, limit=size, offset=n)
                                 for n in range(0, len(whole) + size, size)]
                        assert [row for one in pages for row in one] == whole, (r, size)
    # What a profile reads of its claims is what the claims' whole rows say, in their order.
    claims = [str(c["claim"]) for c in claims_of(store, None)]
    for chosen in (claims, claims[::2], claims[1::3], claims[:1]):
        rows = claims_of(store, chosen)
        assert _claim_texts(store, chosen, speakers=False) == [c["text"] for c in rows]
        assert _claim_texts(store, chosen, speakers=True) == [
            f"{c['speaker_name'] or 'unknown'}: {c['text']}" for c in rows]
    listed = list_entities(store)
    for size in (1, 2, 5):
        pages: list[dict[str, object]] = []
        while part := list_entities(store, limit=size, offset=len(pages)):
            pages += part
        assert pages == listed


def test_entity_counts_kept_through_merges_splits_replacements_and_removals() -> None:
    """Entity counts, role holders' heads and profile keys follow every write that changes
    what names an entity: puts, an automatic surname merge in an article's own write, a
    merge and its split by hand, one article split off an entity, a replacement and
    removals; `check --repair` gives an older store the same."""
    company = [("Harwick Rail", "ORG"), ("Castleton", "GPE"), ("Pellworth", "GPE")]
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        writer.write(_held(1, [("Vance", "PERSON"), *company], "chief executive"))
        _agrees(store)
        second = writer.write(_held(2, [("Derek Vance", "PERSON"), *company], "chairman"))
        assert second.resolution is not None and second.resolution.absorb  # merged in its write
        _agrees(store)
        for x in all_extractions():
            writer.write(x)
        _agrees(store)
        entity = "https://storygraph.dev/entity/"
        hale, reeves = entity + "person/victor-hale", entity + "person/tom-reeves"
        merge(store, hale, reeves, by="desk")
        _agrees(store)
        split(store, hale, reeves, by="desk")
        _agrees(store)
        article = "https://storygraph.dev/article/" + sentencing().article.id
        split_article(store, hale, article, by="desk")
        _agrees(store)
        writer.write(changed(appeal()))
        _agrees(store)
        with _older(store, version=3) as older:
            build_indexes(older)
            resolution = ox.NamedNode(RESOLUTION_GRAPH)
            assert {q for q in older.quads() if q.graph_name != resolution} == \
                {q for q in store.quads()  # type: ignore[attr-defined]
                 if q.graph_name != resolution}
        for key in (appeal().article.key, "held-key1", sentencing().article.key):
            writer.remove(key)
            _agrees(store)
        assert _kept(store, ARTICLE_COUNTS)  # the rest still counted


def test_timeline_keys_one_per_entity_an_item_involves() -> None:
    """Each entity an event, claim or figure involves gets a key of the item: whether the
    item has its own date, that date or its article's (empty: the article has none), the
    article, the item's start and IRI. Things that are not such items get none."""
    text = ("Mayor Ilse Brandt opened the Kelvin Bridge in Dunmore on 4 May. "
            "She said the bridge cost 12 million pounds.")

    def mention(name: str) -> tuple[Mention, ...]:
        start = text.index(name)
        return (Mention(start, start + len(name), name),)

    people = (Entity("e1", "Ilse Brandt", "PERSON", (), mention("Ilse Brandt")),
              Entity("e2", "Kelvin Bridge", "FAC", (), mention("Kelvin Bridge")),
              Entity("e3", "Dunmore", "GPE", (), mention("Dunmore")))
    said = text.index("the bridge cost")
    extraction = Extraction(
        Article("bridge-1", "bridge", text), people,
        roles=(Role("e1", "Mayor", None, 0, 5),),
        claims=(Claim("e1", "She", "said", text[said:-1], False, None, said, len(text) - 1,
                      text.index("She"), len(text), about=("e2",)),),
        quantities=(Quantity(12_000_000, "pounds", None, "12 million pounds",
                             text.index("12 million"), len(text) - 1, about=("e2",)),),
        events=(Event("opening", "e1", "e2", "e3", "2025-05-04", "on 4 May",
                      text[:text.index(" on 4")], 0, text.index(" on 4")),),
        extractor_version="test")
    with open_store(":memory:") as store:
        ArticleWriter(store).write(extraction)
        keys: dict[str, set[tuple[bool, str, str, int, str]]] = {}
        for q in store.quads_for_pattern(None, TIMELINE_KEY, None, None):
            key = parse_timeline_key(q.object.value)
            assert key.article_id == "bridge-1"
            name = store.select("SELECT ?n WHERE { GRAPH ?g { ?e schema:name ?n } }",
                                {"e": q.subject})[0]["n"]
            keys.setdefault(str(name), set()).add(
                (key.dated, key.date, key.item.rsplit("#", 1)[1].split("-")[0], key.begin,
                 q.graph_name.value))
    graph = "https://storygraph.dev/article/bridge-1"
    event = (True, "2025-05-04", "event", 0, graph)
    claim = (False, "", "claim", said, graph)
    figure = (False, "", "quantity", text.index("12 million"), graph)
    assert keys == {"Ilse Brandt": {event, claim}, "Kelvin Bridge": {event, claim, figure},
                    "Dunmore": {event}}


def _vocabulary_is_the_names_words(store: GraphStore) -> None:
    """Each name has its words in the name-word index (no more), and the vocabulary holds
    the words of the names there are."""
    names = [q for p in NAMED_BY for q in store.quads_for_pattern(None, p, None, None)
             if q.graph_name != RESOLUTION]  # an edit's agent is no entity
    assert set(store.quads_for_pattern(None, NAME_WORD, None, None)) == \
        set(name_word_quads(names))
    words = {w for q in names for w in name_words(q.object.value)}
    assert set(store.quads_for_pattern(None, WORD_GRAM, None, INDEX)) == \
        set(word_gram_quads(w for w in words if len(w) >= GRAM))


def test_word_vocabulary_follows_merges_splits_and_removals() -> None:
    """A word leaves the vocabulary with the last name that has it (a merged record, a
    removed article) and comes back with a name that has it again (a split), so a part of
    it finds what has it then."""

    def person(key: str, name: str) -> Extraction:
        text = f"{name} spoke to reporters."
        return Extraction(Article(f"{key}-1", key, text, published="2025-02-01"),
                          (Entity("e1", name, "PERSON", (), (Mention(0, len(name), name),)),),
                          extractor_version="test")

    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        writer.write(person("v1", "Orla Quenby"))
        writer.write(person("v2", "Tamsin Wrexley"))
        writer.write(person("v3", "Tamsin Wrexley"))
        _vocabulary_is_the_names_words(store)
        found = [str(r["name"]) for r in find_entities(store, "rexle")]
        assert found == ["Tamsin Wrexley"]
        kept, merged = (str(find_entities(store, n)[0]["entity"]) for n in ("Quenby", "Wrexley"))
        merge(store, kept, merged, by="desk")
        _vocabulary_is_the_names_words(store)
        split(store, kept, merged, by="desk")
        _vocabulary_is_the_names_words(store)
        assert [str(r["name"]) for r in find_entities(store, "rexle")] == found
        for key in ("v2", "v3"):
            writer.remove(key)
            _vocabulary_is_the_names_words(store)
        assert find_entities(store, "rexle") == []


def test_an_article_split_off_gives_the_new_entity_its_own_names_words() -> None:
    """The entity an article is split off to takes the name that article gave (a lone
    surname here) and that name's words, not the words of the record it was split from:
    a part of the name finds it, and the record's other words leave the vocabulary with
    the last article naming the kept entity."""
    company = [("Harwick Rail", "ORG"), ("Castleton", "GPE")]
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        writer.write(_held(1, [("Vance", "PERSON"), *company], "chief executive"))
        second = writer.write(_held(2, [("Derek Vance", "PERSON"), *company], "chairman"))
        assert second.resolution is not None and second.resolution.absorb
        kept = str(find_entities(store, "Derek Vance")[0]["entity"])
        new = split_article(store, kept, "https://storygraph.dev/article/held1", by="desk").merged
        _vocabulary_is_the_names_words(store)
        assert {q.object.value for q in store.quads_for_pattern(
            ox.NamedNode(new), NAME_WORD, None, ox.NamedNode(ENTITIES_GRAPH))} == {"vance"}
        assert {str(r["entity"]): str(r["name"]) for r in find_entities(store, "anc")} == \
            {kept: "Derek Vance", new: "Vance"}
        writer.remove("held-key2")
        _vocabulary_is_the_names_words(store)
        assert find_entities(store, "erek") == []
        assert [str(r["entity"]) for r in find_entities(store, "anc")] == [new]


def test_name_words() -> None:
    assert name_words("Siobhán O’Brien-Kerr (3)") == ["siobhán", "o", "brien", "kerr", "3"]
    assert name_words("Siobha\u0301n") == ["siobhán"]  # typed decomposed
    assert name_words("  ") == []
