"""The seed and the test corpus, extracted and stored for real, against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib

from storygraph.pipeline import extract_articles
from storygraph.sources import read_paths
from storygraph.store import open_store
from tests.fixtures_extraction import shacl_validate

ROOT = Path(__file__).resolve().parent.parent


def test_stored_seed_and_corpus_conform_to_the_shapes(nlp):
    paths = [ROOT / "seeds", *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))[:6]]
    with open_store(":memory:") as store:
        for extraction in extract_articles(read_paths(paths), nlp):
            store.put(extraction)
        # The shapes check entity records across graphs, so validate the union.
        union = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()]
        graph = rdflib.Graph().parse(
            data=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
        conforms, report = shacl_validate(graph)
    assert conforms, report
