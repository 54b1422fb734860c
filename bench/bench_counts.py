"""What keeping entity counts costs a write, against counting the entities again.

    python bench/make_store.py /tmp/sg10k --articles 10000
    cp -a /tmp/sg10k /tmp/sg10k-copy      # the bench writes (and leaves counts as they were)
    python bench/bench_counts.py /tmp/sg10k-copy

For 30 articles spread over the store and the 10 whose entities are the most covered,
times (CPU) the count operations of a drop and of a put of that article graph
(`count_change` -1, then 1, each with `entity_settle` of its role holders, as a write
does: the counts end as they began),
against a count of the same entities across the store (what counting them again at
each write read, as storygraph did before: `COUNT(DISTINCT ...)` over every graph
that names them). Then, for merges of an entity in two articles into each of the 5
most covered, the merge's count operations without its rewrite. Ends with `storygraph
check`'s full count (`count_fixes`): the counts must still be right.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import pyoxigraph as ox

from storygraph.rdf.index import (
    ARTICLE_COUNT,
    IDENT_REF,
    INDEX,
    count_change,
    count_fixes,
    entity_settle,
)
from storygraph.rdf.mapping import HOLDER, MENTIONS
from storygraph.store import GraphStore, open_store


def cpu_ms(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return (time.process_time() - started) * 1000


def recount(store: GraphStore, entities: list[ox.NamedNode]) -> None:
    """Count these entities' articles and mentions across the store."""
    store.select(f"""SELECT ?e (COUNT(DISTINCT ?g) AS ?n) (COUNT(DISTINCT ?m) AS ?c) WHERE {{
        VALUES ?e {{ {" ".join(map(str, entities))} }} GRAPH ?g {{ ?m itsrdf:taIdentRef ?e }}
        }} GROUP BY ?e""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="a copy of a make_store.py store (it is written to)")
    args = parser.parse_args()
    with open_store(args.store) as store:
        counts = {q.subject: int(q.object.value)
                  for q in store.quads_for_pattern(None, ARTICLE_COUNT, None, INDEX)}
        graphs = sorted({q.graph_name for q in store.quads_for_pattern(None, MENTIONS)},
                        key=str)

        def named(graph: ox.NamedNode) -> list[ox.NamedNode]:
            return [q.object for q in store.quads_for_pattern(graph, MENTIONS, None, graph)]

        spread = graphs[::max(1, len(graphs) // 30)][:30]
        covered = sorted(graphs, key=lambda g: -sum(counts.get(e, 0) for e in named(g)))[:10]
        for label, chosen in (("spread", spread), ("most covered", covered)):
            counted, deltas = [], []
            for graph in chosen:
                entities = named(graph)
                counted.append(cpu_ms(lambda e=entities: recount(store, e)))
                holders = [q.object for q in store.quads_for_pattern(None, HOLDER, None, graph)]
                for sign in (-1, 1):
                    deltas.append(cpu_ms(lambda g=graph, h=holders, s=sign: store.apply(
                        [count_change([g], s), *entity_settle(h)], what="counts")))
            each = statistics.fmean(len(named(g)) for g in chosen)
            coverage = statistics.median(sum(counts.get(e, 0) for e in named(g)) for g in chosen)
            print(f"{label}: {len(chosen)} articles, {each:.0f} entities each, their articles "
                  f"summed (median) {coverage:.0f}; CPU ms p50 / mean: counted again "
                  f"{statistics.median(counted):.1f} / {statistics.fmean(counted):.1f}, "
                  f"deltas {statistics.median(deltas):.1f} / {statistics.fmean(deltas):.1f}")
        ranked = sorted(counts, key=lambda e: -counts[e])
        pairs = list(zip(ranked[:5], [e for e in ranked if counts[e] == 2][:5], strict=True))
        counted, deltas = [], []
        for kept, merged in pairs:
            rewritten = {q.graph_name for q in store.quads_for_pattern(None, IDENT_REF, merged)}
            counted.append(cpu_ms(lambda k=kept, m=merged: recount(store, [k, m])))
            deltas.append(cpu_ms(lambda k=kept, m=merged, g=rewritten: store.apply(
                [count_change(g, -1, [k, m]), count_change(g, 1, [k, m]),
                 *entity_settle([k, m])], what="counts")))
        print(f"merge into the most covered ({', '.join(str(counts[k]) for k, _ in pairs)} "
              f"articles): CPU ms p50 counted again {statistics.median(counted):.1f}, deltas "
              f"{statistics.median(deltas):.1f}")
        started = time.process_time()
        stale, fresh = count_fixes(store)
        print(f"check's full count: {len(stale) + len(fresh)} quads to fix, "
              f"{time.process_time() - started:.1f} s CPU")


if __name__ == "__main__":
    main()
