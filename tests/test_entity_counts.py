"""Entity counts kept by deltas (storygraph.rdf.index `count_change`), and each story's
entity tallies and key entities (storygraph.rdf.story_counts): after any sequence of puts,
replacements, syndicated copies, removals, merges and splits, and with writes killed before
or after their request, they are what a full count of the store gives; `storygraph check`
finds counts that are not, and `--repair` mends them."""

from __future__ import annotations

import contextlib
import random

import pyoxigraph as ox
import pytest

from storygraph.check import find_problems, repair
from storygraph.edits import EditError, merge, split, split_article
from storygraph.ingest import ArticleWriter
from storygraph.model import Article, Entity, Extraction, Mention, Role
from storygraph.rdf.index import ARTICLE_COUNT, INDEX, count_fixes
from storygraph.rdf.namespace import ENTITIES_GRAPH, SCHEMA, SG, STORIES_GRAPH
from storygraph.rdf.story_counts import (
    ENTITY,
    HAS_SLOT,
    IN_ARTICLES,
    IN_MENTIONS,
    KEY_ENTITY,
    TALLY,
    tally_change,
    tally_fixes,
)
from storygraph.store import GraphStore, OxigraphStore, open_store
from tests.fixtures_extraction import all_extractions, changed, text_id

# Names that recur across the generated articles (so entities gather several articles),
# among them a lone surname and the full name ingest merges it into.
NAMES = [("Vance", "PERSON"), ("Derek Vance", "PERSON"), ("Harwick Rail", "ORG"),
         ("Castleton", "GPE"), ("Mara Quill", "PERSON"), ("Ostby Foods", "ORG"),
         ("Pellworth", "GPE")]
KEYS = [f"key-{n}" for n in range(6)]
ENTITIES = ox.NamedNode(ENTITIES_GRAPH)
MENTIONS = ox.NamedNode(SCHEMA.mentions)
NER_TYPE = ox.NamedNode(SG.nerType)


class Killed(BaseException):
    """The process died here (no handler catches it)."""


def article(rng: random.Random, key: str) -> Extraction:
    """An article under `key` naming a few of NAMES, some twice, the first person holding
    a role at the first organisation when both are named (most times)."""
    chosen = rng.sample(NAMES, rng.randint(1, 4))
    said = chosen + rng.sample(chosen, rng.randint(0, len(chosen)))  # some named again
    return named(f"{key} {rng.randrange(10**6)}", key, said, rng.random() < 0.6,
                 f"2025-03-{rng.randint(1, 28):02d}")


def named(words: str, key: str, said: list[tuple[str, str]], role: bool,
          published: str) -> Extraction:
    """An article "words: name. name. ..." naming `said` in that order."""
    text = f"{words}: " + ". ".join(name for name, _ in said) + "."
    spans: dict[str, list[Mention]] = {}
    start = len(words) + 2
    for name, _ in said:
        spans.setdefault(name, []).append(Mention(start, start + len(name), name))
        start += len(name) + 2
    labels = dict(said)
    entities = tuple(Entity(f"e{i}", name, labels[name], (), tuple(mentions))
                     for i, (name, mentions) in enumerate(spans.items()))
    person = next((e for e in entities if e.type == "PERSON"), None)
    org = next((e for e in entities if e.type == "ORG"), None)
    roles = (Role(person.id, "chief executive", org.id, person.mentions[0].start,
                  person.mentions[0].end),) if person and org and role else ()
    return Extraction(Article(text_id(text), key, text, published=published), entities,
                      roles=roles, extractor_version="test")


def surname_merged(writer: ArticleWriter) -> None:
    """Ms Vance, then Derek Vance with the same company: the second write merges the
    first one's lone surname into the full name, in its own request."""
    company = [("Harwick Rail", "ORG"), ("Castleton", "GPE"), ("Pellworth", "GPE")]
    writer.write(named("first", "held-1", [("Vance", "PERSON"), *company], True,
                       "2025-02-01"))
    second = writer.write(named("second", "held-2", [("Derek Vance", "PERSON"), *company],
                                True, "2025-02-02"))
    assert second.resolution is not None and second.resolution.absorb


def entities_in(store: GraphStore) -> list[str]:
    return sorted({q.subject.value for q in store.quads_for_pattern(None, NER_TYPE, None,
                                                                    ENTITIES)})


def step(rng: random.Random, store: GraphStore, writer: ArticleWriter,
         written: dict[str, Extraction], merges: list[tuple[str, str]]) -> None:
    """One random write: a put (new, replacement, syndicated copy or a fixture), a
    removal, a merge, a split of a merge, or an article split off an entity."""
    kind = rng.choice(["put", "put", "put", "copy", "fixture", "remove", "merge", "split",
                       "split-article"])
    if kind == "put":
        key = rng.choice(KEYS)
        written[key] = article(rng, key)
        writer.write(written[key])
    elif kind == "copy" and written:  # the same text under another key
        source = written[rng.choice(sorted(written))]
        key = rng.choice(KEYS)
        copy = Extraction(Article(source.article.id, key, source.article.text,
                                  published=source.article.published),
                          source.entities, roles=source.roles, extractor_version="test")
        written[key] = copy
        writer.write(copy)
    elif kind == "fixture":
        fixture = rng.choice(all_extractions())
        writer.write(changed(fixture) if rng.random() < 0.5 else fixture)
    elif kind == "remove" and written:
        writer.remove(written.pop(rng.choice(sorted(written))).article.key)
    elif kind in ("merge", "split-article"):
        known = entities_in(store)
        if len(known) < 2:
            return
        kept, other = rng.sample(known, 2)
        try:
            if kind == "merge":
                merge(store, kept, other, by="desk")
                merges.append((kept, other))
            else:
                graphs = sorted({q.graph_name.value for q in store.quads_for_pattern(
                    None, MENTIONS, ox.NamedNode(kept), None)})
                if graphs:
                    split_article(store, kept, rng.choice(graphs), by="desk")
        except EditError:
            pass
    elif kind == "split" and merges:
        kept, other = merges.pop(rng.randrange(len(merges)))
        with contextlib.suppress(EditError):
            split(store, kept, other, by="desk")
    writer.invalidate()  # edits made beside the writer: it reads the store again


def assert_counted(store: GraphStore) -> None:
    """The counts and story tallies kept are a full count's, and some are kept once
    articles name entities."""
    assert count_fixes(store) == ([], [])
    assert tally_fixes(store) == ([], [])
    mentioned = next(iter(store.quads_for_pattern(None, MENTIONS, None, None)), None)
    for predicate in (ARTICLE_COUNT, TALLY):
        assert (next(iter(store.quads_for_pattern(None, predicate, None, INDEX)), None)
                is None) == (mentioned is None)


@pytest.mark.parametrize("seed", range(4))
def test_counts_follow_any_sequence_of_writes(seed: int) -> None:
    rng = random.Random(seed)
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        written: dict[str, Extraction] = {}
        merges: list[tuple[str, str]] = []
        surname_merged(writer)
        assert_counted(store)
        for _ in range(40):
            step(rng, store, writer, written, merges)
            assert_counted(store)


@pytest.mark.parametrize("seed", range(2))
def test_a_write_killed_before_or_after_its_request_leaves_counts_whole(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kill at any write (before the request runs, or after it committed) leaves counts
    that a full count gives; a new writer (the next process) goes on from there."""
    rng = random.Random(100 + seed)
    real = OxigraphStore.apply
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        written: dict[str, Extraction] = {}
        merges: list[tuple[str, str]] = []
        kills = 0
        for _ in range(30):
            when = rng.choice(["before", "after", None])
            if when is None:
                step(rng, store, writer, written, merges)
            else:

                def dying(self: OxigraphStore, operations: list[str], *, what: str,
                          when: str = when) -> None:
                    if when == "before":
                        raise Killed(what)
                    real(self, operations, what=what)
                    raise Killed(what)

                with monkeypatch.context() as patch:
                    patch.setattr(OxigraphStore, "apply", dying)
                    try:  # what the dead process knew is lost with it
                        step(rng, store, writer, dict(written), list(merges))
                    except Killed:
                        kills += 1
                        writer = ArticleWriter(store)
            assert_counted(store)
            assert not {"entity-counts", "story-counts"} & {p.kind for p in find_problems(store)}
        assert kills > 5


def test_check_finds_counts_a_full_count_does_not_give_and_repair_mends_them() -> None:
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        rng = random.Random(7)
        for key in KEYS:
            writer.write(article(rng, key))
        for x in all_extractions():
            writer.write(x)
        counted = sorted(store.quads_for_pattern(None, ARTICLE_COUNT, None, INDEX), key=str)
        wrong, gone = counted[0], counted[1]
        assert isinstance(store, OxigraphStore)
        store.inner.remove(wrong)
        store.inner.add(ox.Quad(wrong.subject, wrong.predicate,
                                ox.Literal(int(wrong.object.value) + 5), INDEX))
        store.inner.remove(gone)
        problems = find_problems(store)
        assert [p.kind for p in problems] == ["entity-counts"]
        assert {wrong.subject.value, gone.subject.value} <= set(problems[0].items)
        assert repair(store, problems).fixed == {"entity-counts": len(problems[0].items)}
        assert find_problems(store) == []
        assert count_fixes(store) == ([], [])


def test_check_finds_story_tallies_a_full_count_does_not_give_and_repair_mends_them() -> None:
    """A tally off by some, a story's key entity record lost: `check` names their stories,
    `--repair` writes what a full count of their articles gives."""
    stories = ox.NamedNode(STORIES_GRAPH)
    with open_store(":memory:") as store:
        writer = ArticleWriter(store)
        rng = random.Random(8)
        for key in KEYS:
            writer.write(article(rng, key))
        for x in all_extractions():
            writer.write(x)
        tallied = sorted(store.quads_for_pattern(None, IN_ARTICLES, None, INDEX), key=str)
        keyed = sorted(store.quads_for_pattern(None, KEY_ENTITY, None, stories), key=str)
        wrong, lost = tallied[0], keyed[-1]
        assert isinstance(store, OxigraphStore)
        store.inner.remove(wrong)
        store.inner.add(ox.Quad(wrong.subject, wrong.predicate,
                                ox.Literal(int(wrong.object.value) + 3), INDEX))
        store.inner.remove(lost)
        problems = find_problems(store)
        assert [p.kind for p in problems] == ["story-counts"]
        assert set(problems[0].items) == {wrong.subject.value.rsplit("/key/", 1)[0],
                                          lost.subject.value}
        assert repair(store, problems).fixed == {"story-counts": len(problems[0].items)}
        assert find_problems(store) == []
        assert tally_fixes(store) == ([], [])



def tallies_of(store: GraphStore, story: ox.NamedNode) -> dict[str, set[tuple[str, str]]]:
    """A story's tallies as stored: tally IRI -> its (predicate, object) pairs, and
    ("linked", "") when the story links it."""
    found: dict[str, set[tuple[str, str]]] = {}
    for q in store.quads_for_pattern(None, None, None, INDEX):
        if q.subject.value.startswith(story.value + "/key/"):
            found.setdefault(q.subject.value, set()).add((q.predicate.value, q.object.value))
    for q in store.quads_for_pattern(story, TALLY, None, INDEX):
        found.setdefault(q.object.value, set()).add(("linked", ""))
    return found


def test_a_tally_that_lives_on_keeps_its_links_and_one_that_reaches_nothing_leaves() -> None:
    # One story of two articles, both naming Castleton, the second Mara Quill too: taking
    # the second's graph away leaves Castleton's tally (links kept, numbers moved) and
    # drops Quill's whole; giving it back gives the tallies as they were.
    store = open_store(":memory:")
    writer = ArticleWriter(store)
    writer.write(named("one", "one", [("Castleton", "GPE")], False, "2025-03-01"))
    two = named("two", "two", [("Castleton", "GPE"), ("Mara Quill", "PERSON"),
                               ("Castleton", "GPE")], False, "2025-03-01")
    writer.write(two)
    slots = list(store.quads_for_pattern(None, HAS_SLOT, None, ox.NamedNode(STORIES_GRAPH)))
    assert len(slots) == 2 and len({q.subject for q in slots}) == 1
    story = slots[0].subject
    second = next(q.object.value for q in slots if q.object.value.endswith(two.article.id))
    before = tallies_of(store, story)
    named_by = {next(o for p, o in t if p == ENTITY.value): iri for iri, t in before.items()}
    castleton, quill = (named_by[e] for e in sorted(named_by, key=lambda e: "quill" in e))
    assert len(before) == 2 and all(len(t) == 4 for t in before.values())
    store.apply([tally_change([second], -1, story=story.value)], what="a test")
    after = tallies_of(store, story)
    assert set(after) == {castleton}
    assert after[castleton] == {p for p in before[castleton]
                                if p[0] not in (IN_ARTICLES.value, IN_MENTIONS.value)} | {
        (IN_ARTICLES.value, "1"), (IN_MENTIONS.value, "1")}
    store.apply([tally_change([second], 1, story=story.value)], what="a test")
    assert tallies_of(store, story) == before
    assert (IN_MENTIONS.value, "3") in before[castleton] and quill != castleton
    assert_counted(store)


def test_a_story_rewritten_with_the_same_articles_ranks_no_key_entities() -> None:
    # A story whose record alone changes (its why or centroid, as when its topic is split
    # again around it and it keeps its articles): no tally moved, so its key entities are
    # not ranked again; one that gains, loses or drops an article has them ranked.
    from storygraph.resolve.stories import DEFAULT_PARAMS, Profile
    from storygraph.story_store import _story_changes

    story, topic = "https://example.org/story/s", "https://example.org/topic/s"
    members = {"https://example.org/article/a": "2025-03-01",
               "https://example.org/article/b": "2025-03-02"}
    links = {("https://example.org/article/b", "https://example.org/article/a")}

    def ranked(slots: set[str], left: set[str] = frozenset()) -> bool:
        operations = _story_changes(story, topic, Profile(entities={"e:x": 1.0}), "why",
                                    members, DEFAULT_PARAMS, None, slots=slots,
                                    links=links, left=left, tallied=True, lateral=True)
        return any(KEY_ENTITY.value in op and "ORDER BY DESC(?n)" in op
                   for op in operations)

    assert not ranked(set(members))
    assert ranked({"https://example.org/article/a"})  # gained b
    assert ranked(set(members) | {"https://example.org/article/c"})  # lost c
    assert ranked(set(members), {"https://example.org/article/d"})  # d dropped
