"""Model loading and our spaCy components."""

from __future__ import annotations

import pytest

from storygraph.errors import ModelError
from storygraph.nlp import load_model, model_name


def test_the_tag_map_agrees_with_the_attribute_ruler_it_replaces(nlp):
    import spacy

    texts = ["We've had it, she said, and they're not coming back.",
             "The council has approved what was, which is that the firm had to go."]
    reference = spacy.load(nlp.meta["storygraph_name"])
    reference.add_pipe("storygraph_paragraphs", before="parser")
    for ours, theirs in zip(nlp.pipe(texts), reference.pipe(texts), strict=True):
        assert [(t.pos_, t.lemma_, str(t.morph)) for t in ours] == \
            [(t.pos_, t.lemma_, str(t.morph)) for t in theirs]
    assert "attribute_ruler" not in nlp.pipe_names


def test_paragraphs_start_sentences(nlp):
    doc = nlp("He left.\n\n\"We are done,\" she said.")
    starts = [sent.text.strip() for sent in doc.sents]
    assert starts == ["He left.", '"We are done," she said.']


def test_model_choice_and_a_missing_model(monkeypatch):
    monkeypatch.setenv("STORYGRAPH_MODEL", "some_model")
    assert model_name() == "some_model"
    assert model_name("other") == "other"
    with pytest.raises(ModelError, match="not installed"):
        load_model("no_such_model_installed_here")
