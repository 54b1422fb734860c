"""Stories: incremental assignment on ECB+ and on our own multi-story corpus, in the store.

ECB+ (tests/data/ecbplus/ecbplus-dev.jsonl): storygraph sees only each article's
text; the gold story_id is used for scoring only. The assigner was tuned on
topics 1-10; these tests score topics 11-20 and compare, in the same test, with
a batch TF-IDF + average-linkage baseline (tests/story_eval.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from storygraph.check import find_problems, fix_tallies, repair
from storygraph.ingest import ArticleWriter, ingest
from storygraph.model import Article, Entity, Extraction, Mention, Quantity
from storygraph.pipeline import extract_articles
from storygraph.query.stories import (
    STORY_ARTICLE_KEYS,
    STORY_KEYS,
    find_story,
    list_stories,
    list_story_articles,
    story_summary,
    timeline,
)
from storygraph.rdf.index import STORY_TALLIES_SINCE
from storygraph.rdf.namespace import INDEX_GRAPH, article_iri
from storygraph.rdf.sparql import values_block
from storygraph.resolve.candidates import keys
from storygraph.resolve.stories import (
    DEFAULT_PARAMS,
    Params,
    Profile,
    StoryIndex,
    add,
    article_profile,
    cluster,
    label,
)
from storygraph.sources import read_paths
from storygraph.store import GraphStore, open_store
from storygraph.story_store import StoryPlan, StoryTracker, _Plan, unindexed_topics
from tests.fixtures_extraction import shacl_validate, union_graph
from tests.story_eval import average_linkage, b_cubed

DATA = Path(__file__).resolve().parent / "data" / "stories"
ROOT = DATA.parent.parent.parent
FLOORS = json.loads((Path(__file__).resolve().parent / "gold_floor.json").read_text())["stories"]


def memberships(store: GraphStore) -> dict[str, str]:
    """Article IRI -> story IRI, as stored."""
    rows = store.select("""SELECT ?story ?article WHERE {
        GRAPH <https://storygraph.dev/graph/stories> { ?story storyline:hasSlot ?article } }""")
    return {str(r["article"]): str(r["story"]) for r in rows}


def put_all(store: GraphStore, extractions: list[Extraction]) -> None:
    writer = ArticleWriter(store, resolve=False)
    for extraction in extractions:
        writer.write(extraction)


# --- ECB+ ---------------------------------------------------------------------------------------

def scores(labelled: list[tuple[Extraction, str]], store: GraphStore) -> tuple[float, float]:
    """B-cubed F1 of the stored stories and of the batch baseline on the same articles."""
    gold = {article_iri(e.article.id): g for e, g in labelled}
    f1 = b_cubed(memberships(store), gold)[2]
    labels = average_linkage([e.article.text for e, _ in labelled])
    baseline = b_cubed({article_iri(e.article.id): str(label)
                        for (e, _), label in zip(labelled, labels, strict=True)}, gold)[2]
    return f1, baseline


@pytest.fixture(scope="session")
def ecb_store(ecb_heldout) -> GraphStore:
    store = open_store(":memory:")
    put_all(store, [e for e, _ in ecb_heldout])
    return store


def test_ecb_b_cubed_on_heldout_topics_against_the_batch_baseline(ecb_heldout, ecb_store):
    f1, baseline = scores(ecb_heldout, ecb_store)
    print(f"stories B-cubed F1 on topics 11-20: {f1:.4f}; baseline {baseline:.4f}")
    assert f1 >= FLOORS["ecb_b_cubed_f1"]
    # Measured: the incremental assigner beats the batch baseline by a hair on
    # these held-out topics (docs/stories.md); the margin is a floor that only goes up.
    assert f1 - baseline >= FLOORS["ecb_margin_over_baseline"]


def test_ecb_b_cubed_on_tuning_topics_against_the_batch_baseline(ecb_tuning):
    tuning = ecb_tuning
    store = open_store(":memory:")
    put_all(store, [e for e, _ in tuning])
    f1, baseline = scores(tuning, store)
    print(f"stories B-cubed F1 on topics 1-10: {f1:.4f}; baseline {baseline:.4f}")
    assert f1 >= FLOORS["ecb_tuning_b_cubed_f1"]
    assert f1 > baseline


def test_ecb_ingest_order_changes_the_stories_only_within_a_bound(ecb_heldout, ecb_store):
    reversed_store = open_store(":memory:")
    put_all(reversed_store, [e for e, _ in reversed(ecb_heldout)])
    forward = memberships(ecb_store)
    backward = memberships(reversed_store)
    assert set(forward) == set(backward)
    # The two orders, scored against each other: 1.0 would be identical stories.
    agreement = b_cubed(backward, forward)[2]
    print(f"stories: forward vs reversed ingest B-cubed F1={agreement:.3f}")
    assert agreement >= FLOORS["ecb_order_agreement"]


def test_the_store_splits_big_topics_around_each_article_as_the_model_does(ecb_heldout):
    # Limits low enough that every ECB+ topic is split only around each new article, and
    # from a sample past 16 articles: what a big topic of a big store goes through.
    params = replace(DEFAULT_PARAMS, partition_limit=8, sample_limit=16)
    store = open_store(":memory:")
    writer = ArticleWriter(store, resolve=False, params=params)
    for extraction, _ in ecb_heldout:
        writer.write(extraction)
    model = cluster([(e.article.id, article_profile(e, params)) for e, _ in ecb_heldout], params)
    stored = memberships(store)
    topics = store.select("""SELECT ?topic (COUNT(?article) AS ?n) WHERE {
        GRAPH <https://storygraph.dev/graph/stories> {
          ?story sg:topic ?topic ; storyline:hasSlot ?article } } GROUP BY ?topic""")
    assert max(int(row["n"]) for row in topics) > params.sample_limit
    assert b_cubed(stored, {article_iri(a): s for a, s in model.items()})[2] == 1.0


STORIES = "<https://storygraph.dev/graph/stories>"
INDEX = f"<{INDEX_GRAPH}>"
SMALL_LIMITS = replace(DEFAULT_PARAMS, partition_limit=8, sample_limit=16)


def copied(store: GraphStore) -> GraphStore:
    copy = open_store(":memory:")
    copy.inner.extend(store.quads())  # type: ignore[attr-defined]
    return copy


def story_records(store: GraphStore) -> set[tuple[str, str, str]]:
    """What the story index and the listing read: keys, sizes, key entity records."""
    rows = store.select(f"""SELECT ?s ?p ?o WHERE {{ GRAPH {STORIES} {{ ?s ?p ?o
        FILTER(?p IN (sg:storyKey, sg:articles, sg:keyEntity, sg:entity, sg:inArticles)) }} }}""")
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}


def strip_story_records(store: GraphStore) -> None:
    """Make `store` what a store written before the story index holds (and so before the
    stories' entity tallies: its lookup indexes of an older version)."""
    store.apply([f"DELETE WHERE {{ GRAPH {STORIES} {{ ?story sg:keyEntity ?k . ?k ?p ?o }} }}",
                 f"DELETE WHERE {{ GRAPH {STORIES} {{ ?s sg:storyKey ?key }} }}",
                 f"DELETE WHERE {{ GRAPH {STORIES} {{ ?s sg:articles ?n }} }}",
                 f"DELETE WHERE {{ GRAPH {INDEX} {{ ?s sg:entityTally ?t . ?t ?p ?o }} }}",
                 f"DELETE WHERE {{ GRAPH {INDEX} {{ ?s sg:indexVersion ?v }} }}",
                 f"INSERT DATA {{ GRAPH {INDEX} {{ {INDEX} sg:indexVersion "
                 f"{STORY_TALLIES_SINCE - 1} }} }}"],
                what="story records of an older store")


def test_the_story_index_is_kept_with_each_story_and_an_older_store_gets_it(ecb_heldout):
    """Each story is filed under its centroid's keys within its topic (`sg:storyKey`) and
    each topic keeps its size: what planning reads instead of every story of a big topic.
    A store written before them gets them from `check --repair`, or topic by topic from
    ingest, and the stories come out the same either way."""
    extractions = [e for e, _ in ecb_heldout][:90]
    store = open_store(":memory:")
    put_all_with(store, extractions[:60], SMALL_LIMITS)
    stories = store.select(f"""SELECT ?story ?topic ?profile ?size WHERE {{ GRAPH {STORIES} {{
        ?story sg:topic ?topic ; sg:profile ?profile ; sg:articles ?size }} }}""")
    filed = story_records(store)
    for row in stories:
        topic_id = str(row["topic"]).rsplit("/", 1)[-1]
        centroid = Profile.from_json(json.loads(str(row["profile"])))
        assert {o for s, p, o in filed if s == str(row["story"]) and p.endswith("storyKey")} \
            == {f"{topic_id} {k}" for k in keys(centroid, SMALL_LIMITS.index_terms)}
    sizes = {str(r["topic"]): int(r["size"]) for r in store.select(f"""SELECT ?topic ?size
        WHERE {{ GRAPH {STORIES} {{ ?topic a sg:Topic ; sg:articles ?size }} }}""")}
    slots = {str(r["topic"]): int(r["n"]) for r in store.select(f"""SELECT ?topic
        (COUNT(?article) AS ?n) WHERE {{ GRAPH {STORIES} {{ ?story sg:topic ?topic ;
        storyline:hasSlot ?article }} }} GROUP BY ?topic""")}
    assert sizes == slots and max(sizes.values()) > SMALL_LIMITS.sample_limit

    older = copied(store)
    strip_story_records(older)
    assert [p.kind for p in find_problems(older)] == ["unindexed-topic", "unindexed"]
    repaired = copied(older)
    repair(repaired, find_problems(repaired))
    assert find_problems(repaired) == []
    assert story_records(repaired) == filed

    # Ingest files each older topic it meets and places the articles alike.
    put_all_with(store, extractions[60:], SMALL_LIMITS)
    put_all_with(older, extractions[60:], SMALL_LIMITS)
    assert memberships(older) == memberships(store)
    met = {str(r["topic"]) for r in older.select(f"""SELECT DISTINCT ?topic WHERE {{
        GRAPH {STORIES} {{ ?story sg:topic ?topic ; storyline:hasSlot ?a }}
        {values_block(["a"], [[NamedNode(article_iri(e.article.id))] for e in extractions[60:]])}
        }}""")}
    assert met and not met & set(unindexed_topics(older))


def put_all_with(store: GraphStore, extractions: list[Extraction], params: Params) -> None:
    writer = ArticleWriter(store, resolve=False, params=params)
    for extraction in extractions:
        writer.write(extraction)


# --- Our own corpus: three stories, two look-alike closures sharing a union officer ------------

HARTWELL = ("https://example.org/news/hartwell-kelby-closure",
            "https://example.org/courier/hartwell-talks",
            "https://example.org/news/hartwell-kelby-confirmed")
BRENMOOR = ("https://example.org/business/brenmoor-ashby",
            "https://example.org/gazette/brenmoor-rescue")
FLOODS = ("https://example.org/courier/kelby-floods",
          "https://example.org/news/kelby-flood-cleanup")


@pytest.fixture(scope="module")
def own(nlp) -> list[Extraction]:
    return [e for e in extract_articles(read_paths([DATA]), nlp) if isinstance(e, Extraction)]


@pytest.fixture(scope="module")
def own_store(nlp) -> GraphStore:
    store = open_store(":memory:")
    results = list(ingest([DATA], store, nlp))
    assert [r.outcome for r in results] == ["added"] * 7
    return store


def story_by_url(store: GraphStore) -> dict[str, str]:
    return {r["article_url"]: r["story"] for r in list_story_articles(store)}


def test_own_corpus_look_alike_closures_stay_apart(own_store):
    stories = story_by_url(own_store)
    assert len({stories[u] for u in HARTWELL}) == 1
    assert len({stories[u] for u in BRENMOOR}) == 1
    assert len({stories[u] for u in FLOODS}) == 1
    # Two factory closures with the same union officer quoted: different stories.
    assert stories[HARTWELL[0]] != stories[BRENMOOR[0]]
    # Floods in the town of the bakery closure, the same weeks: one topic, two events.
    assert stories[HARTWELL[0]] != stories[FLOODS[0]]
    assert stories[FLOODS[0]] != stories[BRENMOOR[0]]


def test_stories_graph_conforms_to_the_shapes(own_store):
    conforms, report = shacl_validate(union_graph(own_store.quads()))
    assert conforms, report


def test_list_stories_rows(own_store):
    rows = list_stories(own_store)
    assert all(set(r) == set(STORY_KEYS) for r in rows)
    assert sorted(r["articles"] for r in rows) == [2, 2, 3]
    stories = story_by_url(own_store)
    brenmoor = next(r for r in rows if r["story"] == stories[BRENMOOR[0]])
    # Time span from the published dates in the front matter.
    assert (brenmoor["start"], brenmoor["end"]) == ("2026-03-03", "2026-03-19")
    assert {"Brenmoor Steel", "Priya Castellano", "Ashby"} <= set(brenmoor["top_entities"])
    assert "Brenmoor Steel" in brenmoor["label"] or "Priya Castellano" in brenmoor["label"]
    hartwell = next(r for r in rows if r["story"] == stories[HARTWELL[0]])
    assert hartwell["articles"] == 3
    assert (hartwell["start"], hartwell["end"]) == ("2026-03-02", "2026-04-10")


def test_list_story_articles_rows_in_date_order(own_store):
    rows = list_story_articles(own_store)
    assert all(tuple(r) == STORY_ARTICLE_KEYS for r in rows)
    assert len(rows) == 7
    titles = {r["article_url"]: r["article_title"] for r in rows}
    assert titles[BRENMOOR[1]] == ("Ashby steelworks rescue bid as Brenmoor puts job losses at 850")
    for story in {r["story"] for r in rows}:
        dates = [r["published"] for r in rows if r["story"] == story]
        assert dates == sorted(dates)


def test_find_story_by_label_words_and_id(own_store):
    brenmoor = story_by_url(own_store)[BRENMOOR[0]]
    assert find_story(own_store, brenmoor.rsplit("/", 1)[-1]) == brenmoor
    label = next(r["label"] for r in list_stories(own_store) if r["story"] == brenmoor)
    assert find_story(own_store, label.split(" · ")[0].lower()) == brenmoor


def test_timeline_dated_first_in_date_order_with_sources(own_store):
    items = timeline(own_store)
    assert {i["kind"] for i in items} == {"event", "claim", "figure"}
    dated = [i for i in items if i["dated"]]
    assert items[:len(dated)] == dated
    assert [i["date"] for i in dated] == sorted(i["date"] for i in dated)
    assert all(i["article_id"] for i in items)


def test_timeline_for_an_entity_and_a_story(own_store):
    items = timeline(own_store, entity="Castellano")
    assert items and all(i["story"] == story_by_url(own_store)[BRENMOOR[0]] for i in items)
    assert any("blast furnace" in i["text"] for i in items)
    brenmoor = story_by_url(own_store)[BRENMOOR[0]]
    in_story = timeline(own_store, story=brenmoor.rsplit("/", 1)[-1])
    assert {i["article_url"] for i in in_story} == set(BRENMOOR)


def test_timeline_pages_are_the_timeline(own_store):
    """Items that tie on date, article and place come in one order (by IRI), so pages read
    one by one are the whole timeline."""
    for entity in (None, "Castellano", "Brenmoor"):
        whole = timeline(own_store, entity=entity)
        assert whole
        assert [timeline(own_store, entity=entity, limit=1, offset=n)[0]
                for n in range(len(whole))] == whole


def test_story_summary_what_each_article_added(own_store):
    brenmoor = story_by_url(own_store)[BRENMOOR[0]]
    summary = story_summary(own_store, brenmoor)
    first, second = summary["updates"]
    assert first["article_url"] == BRENMOOR[0] and second["article_url"] == BRENMOOR[1]
    assert "Priya Castellano" in first["new_entities"]
    assert "Priya Castellano" not in second["new_entities"]
    assert "900 jobs" in " ".join(first["new_figures"] + first["changed_figures"])
    assert any("850" in f for f in second["changed_figures"] + second["new_figures"])
    assert summary["summary"].startswith(summary["label"])
    assert first["why"].startswith("started a topic")
    assert second["why"].startswith("joined its topic at ")
    assert "Brenmoor Steel" in second["why"]


def test_ingest_order_on_own_corpus_gives_the_same_stories(own):
    forward, backward = open_store(":memory:"), open_store(":memory:")
    put_all(forward, own)
    put_all(backward, list(reversed(own)))
    assert b_cubed(memberships(backward), memberships(forward))[2] == 1.0


def test_a_new_process_continues_the_same_stories(own, tmp_path):
    path = tmp_path / "store"
    with open_store(path) as store:
        put_all(store, own[:4])
    with open_store(path) as store:  # a new store object: only what is persisted is known
        put_all(store, own[4:])
        continued = memberships(store)
    once = open_store(":memory:")
    put_all(once, own)
    assert b_cubed(continued, memberships(once))[2] == 1.0


def test_a_replaced_article_leaves_its_story(own, nlp, tmp_path):
    store = open_store(":memory:")
    put_all(store, own)
    old = own[-1]
    changed = Extraction(article=Article(
        id="0" * 16, key=old.article.key, text=old.article.text + "\nUpdated.",
        title=old.article.title, published=old.article.published, url=old.article.url),
        entities=old.entities, roles=old.roles, claims=old.claims,
        quantities=old.quantities, events=old.events,
        extractor_version=old.extractor_version, model=old.model)
    assert ArticleWriter(store, resolve=False).write(changed).outcome == "replaced"
    members = memberships(store)
    assert article_iri(old.article.id) not in members
    assert article_iri("0" * 16) in members
    assert sum(r["articles"] for r in list_stories(store)) == 7


def test_story_summary_shows_a_changed_figure(own_store):
    # The first flood report says 200 homes, the clean-up report 250.
    floods = story_by_url(own_store)[FLOODS[1]]
    updates = {u["article_url"]: u for u in story_summary(own_store, floods)["updates"]}
    assert "200 homes" in updates[FLOODS[0]]["new_figures"]
    assert "250 homes (was 200)" in updates[FLOODS[1]]["changed_figures"]


def test_an_article_whose_key_now_holds_a_copy_leaves_its_story(own):
    # The key of the first article now holds the text of another stored article:
    # the key joins that article ("duplicate"), the graph no key holds any more is
    # dropped, and its story lets it go.
    store = open_store(":memory:")
    put_all(store, own)
    first, other = own[0], own[-1]
    copy = Extraction(article=Article(id=other.article.id, key=first.article.key,
                                      text=other.article.text, url=first.article.url),
                      entities=other.entities, roles=other.roles, claims=other.claims,
                      quantities=other.quantities, events=other.events,
                      extractor_version=other.extractor_version, model=other.model)
    assert ArticleWriter(store, resolve=False).write(copy).outcome == "duplicate"
    members = memberships(store)
    assert article_iri(first.article.id) not in members
    assert sum(r["articles"] for r in list_stories(store)) == 6


def test_each_article_follows_only_the_one_before_it_in_its_story(ecb_store):
    """storyline:follows is rewritten whole when a story changes (stale links from an
    earlier order used to stay: an article came to follow several others)."""
    rows = ecb_store.select("""SELECT ?story ?article ?before WHERE {
        GRAPH <https://storygraph.dev/graph/stories> { ?story storyline:hasSlot ?article
          OPTIONAL { ?article storyline:follows ?before } } }""")
    by_story: dict[str, list[tuple[str, str | None]]] = {}
    for row in rows:
        by_story.setdefault(str(row["story"]), []).append((str(row["article"]), row["before"]))
    for members in by_story.values():
        links = [before for _, before in members]
        assert links.count(None) == 1  # the first article follows none
        assert len(links) == len({a for a, _ in members})  # one link (or none) each
        assert {b for b in links if b} <= {a for a, _ in members}


# --- The two levels in the store: topics, events, splits, the index, older stores ------------

def test_a_split_of_a_stored_story_is_recorded_and_explained(own_store):
    # In file order the floods reports first join the bakery closure's story (too few
    # articles to split); when the topic can be split, that story is, with a PROV record.
    stories = story_by_url(own_store)
    floods = story_summary(own_store, stories[FLOODS[0]])
    closure = story_summary(own_store, stories[HARTWELL[0]])
    assert "River Lune" in floods["event"].split(" against ")[0]
    assert "Dunmore" in closure["event"].split(" against ")[0]
    assert floods["history"] and "split from story" in floods["history"][-1]
    rows = own_store.select("""SELECT ?used ?cut (COUNT(?made) AS ?made_n) WHERE {
        GRAPH <https://storygraph.dev/graph/stories> { ?split a sg:StorySplit , prov:Activity ;
          prov:used ?used ; prov:generated ?made ; sg:cut ?cut ;
          prov:wasAssociatedWith ?agent ; prov:endedAtTime ?at } } GROUP BY ?used ?cut""")
    assert len(rows) == 1 and rows[0]["made_n"] == 2 and rows[0]["cut"] < 0.42
    topics = own_store.select("""SELECT ?topic (COUNT(?story) AS ?n) WHERE {
        GRAPH <https://storygraph.dev/graph/stories> { ?story sg:topic ?topic } }
        GROUP BY ?topic""")
    assert sorted(r["n"] for r in topics) == [1, 2]


def test_the_topic_index_is_read_once_and_kept_current(own):
    store = open_store(":memory:")
    writer = ArticleWriter(store, resolve=False)
    for extraction in own:
        writer.write(extraction)
    assert writer.stories.loads == 1
    assert writer.stories.index.filed == StoryTracker(store).index.filed


def one_level(store: GraphStore, keep: str, fold: str) -> None:
    """Make `store` look as the one-level model left it: no topics, and story `fold`'s
    articles in story `keep` (its centroid summed from their profiles)."""
    assert keep != fold
    graph = "<https://storygraph.dev/graph/stories>"
    rows = store.select(f"""SELECT ?p WHERE {{ GRAPH {graph} {{
        ?s storyline:hasSlot ?a . ?a sg:profile ?p VALUES ?s {{ <{keep}> <{fold}> }} }} }}""")
    total = Profile(count=0)
    for row in rows:
        total = add(total, Profile.from_json(json.loads(str(row["p"]))))
    text = json.dumps(json.dumps(total.to_json(), sort_keys=True))
    store.apply([
        f"DELETE WHERE {{ GRAPH {graph} {{ ?t a sg:Topic ; ?p ?o }} }}",
        f"DELETE WHERE {{ GRAPH {graph} {{ ?s sg:topic ?t }} }}",
        f"DELETE WHERE {{ GRAPH {graph} {{ ?s sg:why ?w }} }}",
        f"DELETE WHERE {{ GRAPH {graph} {{ ?a a sg:StorySplit ; ?p ?o }} }}",
        f"DELETE WHERE {{ GRAPH {graph} {{ <{keep}> sg:profile ?p }} }}",
        f"INSERT DATA {{ GRAPH {graph} {{ <{keep}> sg:profile {text} }} }}",
        f"""DELETE {{ GRAPH {graph} {{ <{fold}> ?p ?o }} }}
            INSERT {{ GRAPH {graph} {{ <{keep}> storyline:hasSlot ?a }} }}
            WHERE {{ GRAPH {graph} {{ <{fold}> ?p ?o OPTIONAL {{ <{fold}> storyline:hasSlot ?a }}
            }} }}"""], what="the one-level model's stories")
    # Its stories' entity tallies as a full count gives (the migration counts them again).
    fix_tallies(store)


def test_check_repair_gives_a_one_level_store_its_topics_and_events(own, nlp):
    store = open_store(":memory:")
    put_all(store, own)
    before = story_by_url(store)
    one_level(store, before[HARTWELL[0]], before[FLOODS[0]])
    assert len({story_by_url(store)[u] for u in HARTWELL + FLOODS}) == 1
    assert [p.kind for p in find_problems(store)] == ["one-level-story"]
    done = repair(store, find_problems(store), lambda: nlp)
    assert done.fixed == {"one-level-story": 2} and not done.failed
    assert find_problems(store) == []
    after = story_by_url(store)
    assert b_cubed(after, before)[2] == 1.0  # the floods and the closure apart again
    assert story_summary(store, after[FLOODS[0]])["history"]


def test_ingest_migrates_a_one_level_store_before_writing(own):
    store = open_store(":memory:")
    later = [e for e in own if e.article.url == BRENMOOR[1]]
    put_all(store, [e for e in own if e not in later])
    before = story_by_url(store)
    one_level(store, before[HARTWELL[0]], before[FLOODS[0]])
    put_all(store, later)
    assert find_problems(store) == []
    once = open_store(":memory:")
    put_all(once, own)
    assert b_cubed(memberships(store), memberships(once))[2] == 1.0


# --- The same stories whatever the hash seed ---------------------------------------------------

def look_alike_quakes() -> list[Extraction]:
    """Two quakes on one island, made to tie: each article writes the same names in its own
    way (one key, several spellings) and states several days; pairs of articles are alike."""
    events = (("Dargahan", "Ali Jafari", "September", 2008, "5.6", 5),
              ("Ziranag", "Reza Alishvandi", "November", 2005, "5.9", 10))
    spellings = (str, str.upper, lambda name: name.replace(" ", " - "), str.title)
    made = []
    for town, person, month, year, magnitude, toll in events:
        for i in range(8):
            names = [spell(name) for spell, name in zip(
                (spellings[i % 4], spellings[(i + 1) % 4], spellings[(i + 2) % 4]),
                (town, person, "Qeshm Island"), strict=True)]
            text = (f"{names[2]} quake. A {magnitude} magnitude tremor struck {names[0]} "
                    f"on {month} {10 + i // 2}, {year}; by {month} {12 + i // 2}, {year} "
                    f"{toll} people were dead, {names[1]} said, as villages counted the damage.")
            entities = tuple(
                Entity(id=f"e{k}", name=name, type=kind,
                       mentions=(Mention(text.index(name), text.index(name) + len(name), name),))
                for k, (name, kind) in enumerate(zip(names, ("GPE", "PERSON", "GPE"),
                                                     strict=True)))
            at = text.index(f"{toll} people")
            made.append(Extraction(
                Article(id=f"{town.lower()}{i}", key=f"quake:{town}:{i}", text=text),
                entities=entities,
                quantities=(Quantity(toll, "people", None, f"{toll} people", at, at + 9),)))
    return made


def test_a_topic_that_says_it_is_small_and_is_not_costs_a_count_not_its_profiles():
    # A store written around the model (a copy's stories put straight into it) can hold a
    # topic whose record and centroid count 4 articles while its stories hold 16: planning
    # asks for the articles of a small neighbour to split them with its own (`split_merge`),
    # and gets none of such a topic, not the profiles of all it holds.
    store = open_store(":memory:")
    put_all_with(store, look_alike_quakes(), SMALL_LIMITS)
    ((topic, profile),) = ((str(r["topic"]), str(r["profile"])) for r in store.select(
        f"SELECT ?topic ?profile WHERE {{ GRAPH {STORIES} {{ ?topic a sg:Topic ; "
        f"sg:profile ?profile }} }}"))
    node = f"<{topic}>"
    told = json.dumps({**json.loads(profile), "n": 4}, sort_keys=True)
    store.apply([f"DELETE WHERE {{ GRAPH {STORIES} {{ {node} sg:profile ?p ; sg:articles ?n }} }}",
                 f"INSERT DATA {{ GRAPH {STORIES} {{ {node} sg:profile {json.dumps(told)} ; "
                 f"sg:articles 4 }} }}"], what="a topic that says it is small")
    plan = _Plan(store, StoryTracker(store, SMALL_LIMITS))
    assert plan.topic(topic).centroid.count == 4
    assert plan._members(topic) is None
    assert not plan.profiles and not plan.tracker.articles and not plan.topics[topic].stories
    # A topic as small as it says gives its articles' profiles.
    honest = open_store(":memory:")
    put_all_with(honest, look_alike_quakes()[:4], SMALL_LIMITS)
    plan = _Plan(honest, StoryTracker(honest, SMALL_LIMITS))
    (topic,) = (str(r["topic"]) for r in honest.select(
        f"SELECT ?topic WHERE {{ GRAPH {STORIES} {{ ?topic a sg:Topic }} }}"))
    assert len(plan._members(topic) or {}) == 4

def stories_report(corpus: Path) -> str:
    """The stories of the articles in `corpus` (extractions, JSON lines), in memory and
    through the store (with big-topic limits low enough that the ECB+ topics go that way)."""
    extractions = [Extraction.from_json(json.loads(line))
                   for line in corpus.read_text(encoding="utf-8").splitlines()]
    report = []
    for params in (DEFAULT_PARAMS, replace(DEFAULT_PARAMS, partition_limit=8, sample_limit=16)):
        index = StoryIndex(params)
        for extraction in extractions:
            index.add_article(extraction.article.id, article_profile(extraction, params))
        members: dict[str, list[str]] = {}
        for article, story in sorted(index.assignments().items()):
            members.setdefault(story, []).append(article)
        for story, group in sorted(members.items()):
            centroid = Profile(count=0)
            for article in group:
                centroid = add(centroid, index.profiles[article], params)
            report.append(f"{story} {label(centroid)} {group}")
        report += [repr(split) for topic in sorted(index.splits)
                   for split in index.splits[topic]]
        store = open_store(":memory:")
        writer = ArticleWriter(store, resolve=False, params=params)
        for extraction in extractions:
            writer.write(extraction)
        rows = store.select("""SELECT ?s ?p ?o WHERE {
            GRAPH <https://storygraph.dev/graph/stories> { ?s ?p ?o } }""")
        # The time an activity ended is the one thing that may differ.
        report += sorted(f"{r['s']} {r['p']} {r['o']}" for r in rows
                         if not str(r["p"]).endswith("endedAtTime"))
    return "\n".join(report)


def test_stories_do_not_depend_on_the_hash_seed(ecb_heldout, tmp_path):
    # Sets and dicts of strings iterate in an order that changes with PYTHONHASHSEED: two
    # processes given the same articles in the same order must give the same stories,
    # labels and reasons. Two ECB+ topics whose splits name an organisation written two
    # ways, and the made-up quakes, which tie on purpose.
    ecb = [e for e, _ in ecb_heldout if any(w in e.article.text
                                            for w in ("Matanuska", "TallGrass", "Tallgrass"))]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(e.to_json()) + "\n"
                              for e in [*ecb, *look_alike_quakes()]), encoding="utf-8")
    script = ("import sys; from pathlib import Path; "
              "from tests.test_stories import stories_report; "
              "sys.stdout.write(stories_report(Path(sys.argv[1])))")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(corpus)], cwd=ROOT,
                             env={**os.environ, "PYTHONHASHSEED": seed},
                             stdout=subprocess.PIPE, text=True) for seed in ("1", "2")]
    first, second = (run.communicate(timeout=120)[0] for run in runs)
    assert all(run.returncode == 0 for run in runs)
    assert "apart from" in first and "Dargahan" in first and "tallgrass" in first.casefold()
    assert first == second


def test_a_plan_counts_the_articles_whose_tallies_it_counts_again(own, monkeypatch):
    """`StoryPlan.recounted`, what the writer flushes before when it is large: the articles
    of the stories a plan writes whole (a new story, a story split), none for an article
    that joins a story as it was read."""
    import storygraph.ingest

    plans: list[StoryPlan] = []
    planned = storygraph.ingest.plan_story
    monkeypatch.setattr(storygraph.ingest, "plan_story",
                        lambda *args, **kwargs: plans.append(planned(*args, **kwargs))
                        or plans[-1])
    writer = ArticleWriter(open_store(":memory:"))
    for extraction in own:
        writer.write(extraction)
    assert plans[0].recounted == 1  # its own new story
    # The floods reports split from the closure's story: their new story is written whole.
    split = [p for p in plans if any("StorySplit" in op for op in p.operations)]
    assert split and all(p.recounted >= len(FLOODS) for p in split)
    joined = [p for p in plans if p.assignment and not p.assignment.created]
    assert any(p.recounted == 0 for p in joined)
    assert writer.recounted == sum(p.recounted for p in plans)  # bench_growth reports it
