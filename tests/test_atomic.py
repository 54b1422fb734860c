"""One article is one transaction: a kill at any stage boundary leaves the store exactly as
if the articles before it had been ingested and nothing else, and ingesting again then
gives the store an uninterrupted run gives.

The corpus makes ingest do everything it can do per article: resolve, merge a lone
surname stored earlier into the full name a later article brings (the automatic merge),
start stories and join them. Kills are injected in-process at every boundary (an
exception no handler catches, as a kill leaves nothing to run), with real `os._exit`
kills and a full disk in subprocesses and store doubles.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

import storygraph.ingest
import storygraph.pipeline
from storygraph.check import find_problems
from storygraph.errors import StoreWriteError
from storygraph.ingest import ingest
from storygraph.resolve.resolver import Resolver
from storygraph.store import GraphStore, OxigraphStore, open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "resolution"
# Ms Vance first, then the article naming Helen Vance with the same company: the second
# article merges the first one's "Vance" into Helen Vance in its own transaction.
ORDER = ["b2_coachline_reply.txt", "b1_coachline_depot.txt", "c1_hospital_ward.txt",
         "c2_hospital_ward.txt"]


class Killed(BaseException):
    """The process died here: nothing after this point runs (no handler catches it)."""


def corpus(folder: Path, count: int = len(ORDER)) -> Path:
    folder.mkdir(exist_ok=True)
    for i, name in enumerate(ORDER[:count]):
        shutil.copy(DATA / name, folder / f"{i}_{name}")
    return folder


_STAMPS = {"http://www.w3.org/ns/prov#generatedAtTime", "http://www.w3.org/ns/prov#endedAtTime"}
_ACTIVITY = re.compile(r"(activity/(?:merge|split))-[0-9a-f]{12}")


def normalised(store: GraphStore) -> set[tuple[str, ...]]:
    """Every quad, without the times a run writes and with merge activities unnumbered."""
    return {tuple(_ACTIVITY.sub(r"\1", str(t)) for t in (q.subject, q.predicate, q.object,
                                                         q.graph_name))
            for q in store.quads() if q.predicate.value not in _STAMPS}


@pytest.fixture(scope="module")
def prefixes(nlp, tmp_path_factory) -> list[set[tuple[str, ...]]]:
    """The store after ingesting the first 0, 1, ... articles, uninterrupted."""
    found = []
    for count in range(len(ORDER) + 1):
        folder = corpus(tmp_path_factory.mktemp("prefix"), count)
        with open_store(":memory:") as store:
            if count:
                assert {r.outcome for r in ingest([folder], store, nlp)} == {"added"}
            found.append(normalised(store))
    assert "<https://storygraph.dev/activity/merge>" in {q[0] for q in found[-1]}
    return found


def assert_whole(store: GraphStore, prefixes: list[set[tuple[str, ...]]]) -> int:
    """The store is the uninterrupted store after some number of articles; which one."""
    assert find_problems(store) == []
    state = normalised(store)
    assert state in prefixes, "the store holds part of an article"
    return prefixes.index(state)


def dying(owner: object, name: str, when: str, call: int,
           die: Callable[[], None]) -> Callable[..., object]:
    """`owner.name`, which calls `die` before or after its `call`-th call."""
    real = getattr(owner, name)
    calls = 0

    def hooked(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == call and when == "before":
            die()
        result = real(*args, **kwargs)
        if calls == call and when == "after":
            die()
        return result

    return hooked


def kill_at(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, when: str,
            call: int) -> None:
    def die() -> None:
        raise Killed(name)

    monkeypatch.setattr(owner, name, dying(owner, name, when, call, die))


# Every boundary between the stages of one article's ingest, at the article that merges
# (the second) and around every write; with how many articles the kill leaves stored.
BOUNDARIES = [
    *((storygraph.pipeline, "extract", when, 2, 1) for when in ("before", "after")),
    *((Resolver, "resolve", when, 2, 1) for when in ("before", "after")),
    *((storygraph.ingest, "map_extraction", when, 1, 0) for when in ("before", "after")),
    *((storygraph.ingest, "merge_operations", when, 1, 1) for when in ("before", "after")),
    *((storygraph.ingest, "plan_story", when, call, call - 1)
      for call in (2, 3) for when in ("before", "after")),
    *((OxigraphStore, "apply", "before", call, call - 1) for call in (1, 2, 3, 4)),
    *((OxigraphStore, "apply", "after", call, call) for call in (1, 2, 3, 4)),
    *((Resolver, "stored", "after", call, call) for call in (1, 2)),
]


@pytest.mark.parametrize(("owner", "name", "when", "call", "stored"), BOUNDARIES,
                         ids=[f"{b[1]}-{b[2]}-{b[3]}" for b in BOUNDARIES])
def test_a_kill_at_a_stage_boundary_leaves_whole_articles(nlp, tmp_path, prefixes, monkeypatch,
                                                          owner, name, when, call, stored):
    folder = corpus(tmp_path / "articles")
    with open_store(tmp_path / "store") as store:
        with monkeypatch.context() as patch:
            kill_at(patch, owner, name, when, call)
            with pytest.raises(Killed):
                list(ingest([folder], store, nlp))
        assert assert_whole(store, prefixes) == stored
        outcomes = sorted(r.outcome for r in ingest([folder], store, nlp))
        assert outcomes == ["added"] * (len(ORDER) - stored) + ["unchanged"] * stored
        assert normalised(store) == prefixes[-1]


def test_a_full_disk_at_any_write_stops_there_and_loses_nothing(nlp, tmp_path, prefixes,
                                                                monkeypatch):
    folder = corpus(tmp_path / "articles")
    for room in range(len(ORDER)):
        with open_store(":memory:") as store:
            real = store.apply
            writes = 0

            def cramped(operations, *, what, real=real, room=room):
                nonlocal writes
                if writes == room:
                    raise StoreWriteError(f"cannot write {what}: No space left on device")
                writes += 1
                real(operations, what=what)

            with monkeypatch.context() as patch:
                patch.setattr(store, "apply", cramped)
                results = []
                with pytest.raises(StoreWriteError):
                    results.extend(ingest([folder], store, nlp))
            assert [r.outcome for r in results] == ["added"] * room
            assert assert_whole(store, prefixes) == room
            list(ingest([folder], store, nlp))
            assert normalised(store) == prefixes[-1]


KILLER = textwrap.dedent("""
    import os, sys
    import storygraph.ingest
    from storygraph.cli import app
    from storygraph.store import OxigraphStore
    from tests.test_atomic import dying

    owner, name, when, call = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    owner = OxigraphStore if owner == "store" else storygraph.ingest
    setattr(owner, name, dying(owner, name, when, call, lambda: os._exit(137)))
    app(sys.argv[5:])
""")


@pytest.mark.parametrize(("owner", "name", "when", "call"), [
    ("ingest", "merge_operations", "after", 1),
    ("store", "apply", "before", 2),
    ("store", "apply", "after", 2),
])
def test_a_real_kill_of_the_process(nlp, tmp_path, prefixes, owner, name, when, call):
    folder = corpus(tmp_path / "articles")
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, str(script), owner, name, when, str(call),
                             "ingest", str(folder), "--store", str(store)],
                            env=env, capture_output=True, text=True, timeout=300)
    assert killed.returncode == 137, killed.stderr
    with open_store(store) as reopened:
        done = assert_whole(reopened, prefixes)
        assert done == (2 if (name, when) == ("apply", "after") else 1)
        list(ingest([folder], reopened, nlp))
        assert normalised(reopened) == prefixes[-1]


def test_an_older_store_is_found_out_and_repaired(nlp, tmp_path, prefixes):
    """What a crash between separate writes left in stores before one transaction per
    article: an article in no story, a story slot pointing at a dropped graph, an orphan
    entity record, a key in two graphs."""
    folder = corpus(tmp_path / "articles")
    with open_store(tmp_path / "store") as store:
        list(ingest([folder], store, nlp))
        stories = ox.NamedNode("https://storygraph.dev/graph/stories")
        slots = list(store.inner.quads_for_pattern(
            None, ox.NamedNode("http://purl.org/ontology/storyline/hasSlot"), None, stories))
        first, last = slots[0].object, slots[-1].object
        # The last article lost its story; the first article's graph is gone.
        store.inner.update(f"DELETE WHERE {{ GRAPH {stories} {{ ?s ?p {last} }} }} ; "
                     f"DELETE WHERE {{ GRAPH {stories} {{ {last} ?p ?o }} }} ; "
                     f"DROP GRAPH {first}")
        store.inner.add(ox.Quad(ox.NamedNode("https://storygraph.dev/entity/person/nobody"),
                          ox.NamedNode("https://storygraph.dev/ns#nerType"),
                          ox.Literal("PERSON"),
                          ox.NamedNode("https://storygraph.dev/graph/entities")))
        kinds = {p.kind for p in find_problems(store)}
        assert {"no-story", "missing-article", "orphan-entity", "story-state"} <= kinds
    from typer.testing import CliRunner

    from storygraph.cli import app

    found = CliRunner().invoke(app, ["check", "--store", str(tmp_path / "store")])
    assert found.exit_code == 1
    assert "found 1 article(s) in no story: https://storygraph.dev/article/" in found.stdout
    repaired = CliRunner().invoke(app, ["check", "--repair", "--store", str(tmp_path / "store")])
    assert repaired.exit_code == 0, repaired.output
    assert "repaired 1 article(s) in no story" in repaired.stdout
    assert repaired.stdout.strip().splitlines()[-1].startswith("no problems")
    with open_store(tmp_path / "store") as store:
        assert find_problems(store) == []
        # Ingesting again brings back what the crash lost and changes nothing else.
        list(ingest([folder], store, nlp))
        assert find_problems(store) == []


def test_every_article_error_kind_keeps_the_store_whole(nlp, tmp_path, prefixes, monkeypatch):
    """An unexpected error inside one article's write (not a kill) is that article's error;
    the store holds the others whole, and the next run completes it."""
    folder = corpus(tmp_path / "articles")
    calls = 0
    real = storygraph.ingest.plan_story

    def broken(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("story planner bug")
        return real(*args, **kwargs)

    with open_store(":memory:") as store:
        with monkeypatch.context() as patch:
            patch.setattr(storygraph.ingest, "plan_story", broken)
            results = list(ingest([folder], store, nlp))
        assert [r.outcome for r in results] == ["added", "error", "added", "added"]
        assert results[1].error.endswith("ingest failed (RuntimeError: story planner bug)")
        assert find_problems(store) == []
        again = {r.key: r.outcome for r in ingest([folder], store, nlp)}
        assert again[results[1].key] == "added"
        assert sorted(again.values()) == ["added", "unchanged", "unchanged", "unchanged"]
        # Articles after the failed one were resolved without it, so the store need not be
        # the uninterrupted one; it is whole, and every article is in it.
        assert len(store.article_keys()) == len(ORDER)
