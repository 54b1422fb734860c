"""The RDF mapping: vocabulary, SHACL shapes, canonical ids, dates and sentences."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF

from storygraph.errors import StoreError
from storygraph.model import Entity, Role
from storygraph.rdf import extraction_quads, map_extraction, resource
from storygraph.rdf import namespace as ns
from storygraph.rdf.mapping import date_literal, heuristic_sentence
from storygraph.rdf.namespace import entity_iri
from storygraph.resolve import canonical_id, slug
from tests.fixtures_extraction import (
    all_extractions,
    appeal,
    hostile,
    sentencing,
    shacl_validate,
    union_graph,
)

# Terms as rdflib nodes (the vocabulary gives IRIs as strings), for the rdflib graphs below.
U = rdflib.URIRef
SG_PREFIX = str(ns.SG._NS)
SG_TERMS = set(ns.SG.__annotations__)
SG_KEY = U(ns.SG.key)
NAME, ALTERNATE_NAME = U(ns.SCHEMA.name), U(ns.SCHEMA.alternateName)
PERSON, CLAIM, IDENTIFIER = U(ns.SCHEMA.Person), U(ns.SCHEMA.Claim), U(ns.SCHEMA.identifier)
BEGIN, END, ANCHOR_OF = U(ns.NIF.beginIndex), U(ns.NIF.endIndex), U(ns.NIF.anchorOf)
REFERENCE_CONTEXT, SENTENCE = U(ns.NIF.referenceContext), U(ns.NIF.sentence)

log = logging.getLogger(__name__)
STAMP = datetime(2024, 4, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def mapped() -> rdflib.Graph:
    return union_graph([q for x in all_extractions()
                        for q in extraction_quads(x, generated_at=STAMP)])


# --- canonical ids --------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "label", "expected"), [
    ("Louise Haigh", "PERSON", "person/louise-haigh"),
    ("The Guardian", "ORG", "organization/guardian"),
    ("Sainsbury's", "ORG", "organization/sainsburys"),
    ("Derby", "GPE", "place/derby"),
    ("Litchurch Lane", "FAC", "place/litchurch-lane"),
    ("British", "NORP", "thing/british"),
    ("  U.K.  government ", "ORG", "organization/u-k-government"),
    ("Siobhán O\u2019Brien", "PERSON", "person/siobhán-obrien"),
])
def test_canonical_id(name: str, label: str, expected: str) -> None:
    assert canonical_id(Entity("x", name, label)) == expected


def test_slug_of_punctuation_only_is_stable_and_distinct() -> None:
    assert slug("!!!") == slug("!!!")
    assert slug("!!!") != slug("???")
    assert slug("!!!").startswith("x")


def test_entity_iri_is_readable_and_valid() -> None:
    iri = entity_iri("person/siobhán-obrien")
    assert iri == "https://storygraph.dev/entity/person/siobhán-obrien"
    ox.NamedNode(iri)  # a valid IRI
    assert entity_iri("thing/a b") == "https://storygraph.dev/entity/thing/a%20b"


# --- vocabulary -----------------------------------------------------------------------------

def test_vocab_ttl_declares_exactly_the_sg_terms() -> None:
    vocab = rdflib.Graph().parse(data=resource("vocab.ttl"), format="turtle")
    declared = {str(s)[len(SG_PREFIX):] for s in vocab.subjects(RDF.type, None)
                if str(s).startswith(SG_PREFIX)}
    assert declared == SG_TERMS


def test_misspelt_term_fails() -> None:
    with pytest.raises(AttributeError):
        ns.SG.speaker  # noqa: B018


def test_only_declared_sg_terms_are_written(mapped: rdflib.Graph) -> None:
    used = {str(p)[len(SG_PREFIX):] for p in mapped.predicates()
            if str(p).startswith(SG_PREFIX)}
    assert used <= SG_TERMS


# --- SHACL ----------------------------------------------------------------------------------

def test_mapped_fixtures_conform_to_shapes(mapped: rdflib.Graph) -> None:
    conforms, report = shacl_validate(mapped)
    assert conforms, report


@pytest.mark.parametrize("breakage", ["no_name", "reversed_offsets", "dangling_entity",
                                       "no_key", "claim_without_sentence"])
def test_broken_graph_fails_shapes(mapped: rdflib.Graph, breakage: str) -> None:
    graph = rdflib.Graph()
    for triple in mapped:
        graph.add(triple)
    if breakage == "no_name":
        graph.remove((None, NAME, None))
    elif breakage == "reversed_offsets":
        for s, _, o in list(graph.triples((None, BEGIN, None))):
            graph.set((s, END, rdflib.Literal(int(o) - 1)))
    elif breakage == "dangling_entity":
        person = next(graph.subjects(RDF.type, PERSON))
        graph.remove((person, None, None))
    elif breakage == "no_key":
        graph.remove((None, SG_KEY, None))
    elif breakage == "claim_without_sentence":
        claim = next(graph.subjects(RDF.type, CLAIM))
        graph.remove((claim, SENTENCE, None))
    conforms, report = shacl_validate(graph)
    assert not conforms
    log.info(report)


# --- layout ---------------------------------------------------------------------------------

def test_article_graph_and_entity_graph_layout() -> None:
    x = sentencing()
    mapped = map_extraction(x, generated_at=STAMP)
    assert mapped.graph.value == f"https://storygraph.dev/article/{x.article.id}"
    assert all(q.graph_name == mapped.graph for q in mapped.article_quads)
    entity_graph = ox.NamedNode("https://storygraph.dev/graph/entities")
    records = [q for record in mapped.entity_quads.values() for q in record]
    assert records and all(q.graph_name == entity_graph for q in records)
    # one record per canonical entity: type, name, NER label, and nothing else
    assert set(mapped.entity_quads) == {entity_iri(canonical_id(e)) for e in x.entities}
    assert all(len(record) == 3 for record in mapped.entity_quads.values())
    # aliases are said by the article, so they live in its graph
    aliases = {(q.subject.value, q.object.value) for q in mapped.article_quads
               if q.predicate.value == str(ALTERNATE_NAME)}
    assert (entity_iri("person/victor-hale"), "Hale") in aliases


def test_mapping_is_deterministic_given_the_timestamp() -> None:
    x = hostile()
    assert extraction_quads(x, generated_at=STAMP) == extraction_quads(x, generated_at=STAMP)


def test_offsets_and_words_survive(mapped: rdflib.Graph) -> None:
    text = sentencing().article.text
    count = 0
    for node in mapped.subjects(REFERENCE_CONTEXT, None):
        article = mapped.value(node, REFERENCE_CONTEXT)
        if str(mapped.value(article, IDENTIFIER)) != sentencing().article.id:
            continue
        begin = int(mapped.value(node, BEGIN))
        end = int(mapped.value(node, END))
        assert text[begin:end] == str(mapped.value(node, ANCHOR_OF))
        count += 1
    assert count > 20


def test_unknown_entity_reference_names_the_article() -> None:
    x = sentencing()
    bad = x.__class__(**{**x.__dict__, "roles": (Role("nobody", "chief", None, 0, 3),)})
    with pytest.raises(StoreError, match=r"hale-jailed: a role refers to unknown entity id"):
        map_extraction(bad)


def test_two_local_entities_with_one_canonical_id_make_one_record() -> None:
    x = appeal()
    twin = Entity("p9", "victor hale", "PERSON", ("VH",), ())
    mapped = map_extraction(x.__class__(**{**x.__dict__, "entities": (*x.entities, twin)}))
    record = mapped.entity_quads[entity_iri("person/victor-hale")]
    assert [q.object.value for q in record if q.predicate.value == str(NAME)] == [
        "Victor Hale"]


# --- dates and sentences --------------------------------------------------------------------

@pytest.mark.parametrize(("value", "lexical", "datatype"), [
    ("2024-03-12", "2024-03-12", "date"),
    ("2024-03-20T09:30Z", "2024-03-20T09:30:00Z", "dateTime"),
    ("2024-03-20T09:30:15+01:00", "2024-03-20T09:30:15+01:00", "dateTime"),
    ("2024-03", "2024-03", "gYearMonth"),
    ("2024", "2024", "gYear"),
    ("2024-02-30", "2024-02-30", "string"),
    ("last Tuesday", "last Tuesday", "string"),
])
def test_date_literal(value: str, lexical: str, datatype: str) -> None:
    literal = date_literal(value)
    assert literal.value == lexical
    assert literal.datatype.value.endswith("#" + datatype)


def test_heuristic_sentence() -> None:
    text = 'First one. He said "it will cost £2.4m." Then more\nNext line here'
    start = text.index("£2.4m")
    begin, end = heuristic_sentence(text, start, start + 5)
    assert text[begin:end] == 'He said "it will cost £2.4m."'
    start = text.index("more")
    assert text[slice(*heuristic_sentence(text, start, start + 4))] == "Then more"
    start = text.index("here")
    assert text[slice(*heuristic_sentence(text, start, start + 4))] == "Next line here"


def test_an_iri_from_the_package_does_not_import_the_mapping() -> None:
    # The IRI helpers live beside the bases they join (rdf/namespace.py); a lookup that
    # names an entity must not pay for the mapping, which imports resolution.
    code = ("import sys, storygraph.rdf as rdf; "
            "print(rdf.article_iri('a b'), rdf.entity_iri('person/ann-ross')); "
            "print('storygraph.rdf.mapping' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [ns.ARTICLE_BASE + "a%20b",
                                   ns.ENTITY_BASE + "person/ann-ross", "False"]
