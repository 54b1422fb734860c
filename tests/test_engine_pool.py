"""A pool of engine processes (`EnginePool`): forked once, reused while answers end whole,
killed and replaced when an answer is stopped (time limit, row limit, cancel).

Every answer is compared with the one a one-off forked engine gives, and which
engines live is read from the pool and from /proc, so a query that stops without
stopping its engine's work fails here.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from storygraph.errors import QueryError
from storygraph.query import QueryLimits, QueryTimeout, open_query
from storygraph.query.worker import EnginePool, open_dump
from storygraph.store import open_store

EX = "https://example.org/"
QUADS = 3000
CROSS_JOIN_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Rows are tried one by one and none passes: no first row before the time limit.
NO_ROW_FOR_LONG = ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
                   "FILTER(STRLEN(STR(?c)) + STRLEN(STR(?f)) + STRLEN(STR(?i)) < 0) }")
QUERIES = [
    "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    f"ASK {{ <{EX}e7> ?p ?o }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{EX}g3> {{ ?s ?p ?o }} }}",
    "SELECT ?x WHERE { BIND(1/0 AS ?x) }",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("pool") / "store"
    with open_store(path) as writer:
        writer.inner.extend(
            ox.Quad(ox.NamedNode(f"{EX}e{i}"), ox.NamedNode(f"{EX}p{i % 7}"),
                    ox.Literal(f"value {i}"), ox.NamedNode(f"{EX}g{i % 50}"))
            for i in range(QUADS))
    with open_store(path, read_only=True) as opened:
        yield opened


@pytest.fixture
def pool(store):
    with EnginePool(store, 2) as opened:
        yield opened


def answer(store, text: str, pool: EnginePool | None = None, **limits: object) -> object:
    with open_query(store, text, limits=QueryLimits(**limits), pool=pool) as stream:
        if stream.kind == "ask":
            return stream.boolean
        if stream.kind == "select":
            return list(stream.rows())
        return sorted(stream.ntriples())


def alive(pid: int) -> bool:
    """A live process: one of its threads is not a zombie. A killed engine's main thread
    is a zombie before its other thread has exited, and until then that thread holds the
    process's descriptors (its pipes stay open); the larger the process, the longer."""
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    for thread in threads:
        try:
            state = Path(f"/proc/{pid}/task/{thread}/stat").read_text().rsplit(")", 1)[1]
        except OSError:
            continue
        if state.split()[0] != "Z":
            return True
    return False


def wait_for_replacement(pool: EnginePool, before: list[int], seconds: float = 10) -> list[int]:
    """The pool's engines once one of `before` is gone and another took its place."""
    deadline = time.monotonic() + seconds
    while True:
        now = pool.pids()
        if len(now) == len(before) and now != before:
            return now
        assert time.monotonic() < deadline, (before, now)
        time.sleep(0.05)


def test_the_same_engines_answer_query_after_query(store, pool):
    engines = pool.pids()
    assert len(engines) == 2 and all(alive(pid) for pid in engines)
    for _ in range(3):
        for text in QUERIES:
            assert answer(store, text, pool) == answer(store, text)
    assert pool.pids() == engines  # no engine was forked, none stopped


def test_the_dump_from_the_pool_is_every_quad(store, pool):
    engines = pool.pids()
    with open_dump(store, pool=pool) as dump:
        lines = [line for batch in dump.batches() for line in batch]
    assert set(ox.parse("".join(lines), format=ox.RdfFormat.N_QUADS)) == set(store.quads())
    with open_dump(store, f"{EX}g3", pool=pool) as dump:
        assert sum(len(batch) for batch in dump.batches()) == QUADS // 50
    assert pool.pids() == engines


def test_an_engine_errors_and_answers_the_next_query(store, pool):
    engines = pool.pids()
    with pytest.raises(QueryError, match="malformed SPARQL"):  # the engine's parser says so
        answer(store, "SELECT * WHERE { ?s ?p ?o FILTER(?o > <not absolute>) }", pool)
    assert answer(store, QUERIES[1], pool) == [{"n": QUADS}]
    assert pool.pids() == engines


def test_the_time_limit_kills_the_engine_and_another_takes_its_place(store, pool):
    engines = pool.pids()
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        answer(store, CROSS_JOIN_ROWS, pool, timeout=1)
    assert time.monotonic() - started < 10
    now = wait_for_replacement(pool, engines)
    gone = set(engines) - set(now)
    assert len(gone) == 1 and not alive(gone.pop())
    assert answer(store, QUERIES[1], pool) == [{"n": QUADS}]


def test_the_first_row_can_be_waited_for_under_the_time_limit(store, pool):
    with open_query(store, NO_ROW_FOR_LONG, limits=QueryLimits(timeout=1), pool=pool) as stream:
        assert stream.kind == "select"  # the engine has started: the kind is known
        with pytest.raises(QueryTimeout):
            stream.wait_first()
    with open_query(store, QUERIES[0], pool=pool) as stream:
        stream.wait_first()
        rows = list(stream.rows())
    assert rows == answer(store, QUERIES[0])  # the first batch waited for is not lost


def test_an_answer_cut_at_the_row_limit_replaces_its_engine(store, pool):
    engines = pool.pids()
    rows = answer(store, CROSS_JOIN_ROWS, pool, max_rows=700)
    assert isinstance(rows, list) and len(rows) == 700
    wait_for_replacement(pool, engines)
    assert answer(store, QUERIES[2], pool) is True


def test_cancel_from_another_thread_stops_the_engine(store, pool):
    engines = pool.pids()
    with open_query(store, CROSS_JOIN_ROWS, pool=pool) as stream:
        rows = stream.rows()
        next(rows)
        threading.Timer(0.2, stream.cancel).start()
        with pytest.raises(QueryError, match="cancelled"):
            for _ in rows:
                pass
    now = wait_for_replacement(pool, engines)
    assert all(alive(pid) for pid in now)


def test_more_queries_than_engines_fork_more_and_stop_them_after(store, pool):
    engines = pool.pids()
    answers: dict[int, object] = {}

    def ask(i: int) -> None:
        answers[i] = answer(store, f"SELECT ?o WHERE {{ <{EX}e{i}> ?p ?o }}", pool)

    opened = [open_query(store, CROSS_JOIN_ROWS, pool=pool) for _ in range(2)]
    streams = [context.__enter__() for context in opened]  # both engines busy
    try:
        threads = [threading.Thread(target=ask, args=(i,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert answers == {i: [{"o": f"value {i}"}] for i in range(3)}
        assert len(pool.pids()) > 2  # forked for the queries that found no idle engine
    finally:
        for stream, context in zip(streams, opened, strict=True):
            stream.close()
            context.__exit__(None, None, None)
    # The extra engines were stopped when they came back; the two busy ones were replaced.
    deadline = time.monotonic() + 10
    while len(pool.pids()) != 2 or set(pool.pids()) & set(engines):
        assert time.monotonic() < deadline, pool.pids()
        time.sleep(0.05)


def test_engines_killed_while_idle_are_passed_over(store, pool):
    victims = pool.pids()
    for victim in victims:
        os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(alive(victim) for victim in victims):  # a signal is not a death: wait for it
        assert time.monotonic() < deadline
        time.sleep(0.05)
    for text in QUERIES:
        assert answer(store, text, pool) == answer(store, text)
    assert not set(victims) & set(pool.pids())


def test_closing_the_pool_stops_its_engines(store):
    pool = EnginePool(store, 3)
    engines = pool.pids()
    assert len(engines) == 3
    assert answer(store, QUERIES[1], pool) == [{"n": QUADS}]
    pool.close()
    assert pool.pids() == [] and not any(alive(pid) for pid in engines)
    with pytest.raises(QueryError, match="closed"):
        answer(store, QUERIES[1], pool)
