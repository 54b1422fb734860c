"""Model loading and our spaCy components."""

from __future__ import annotations

import pytest

from storygraph.errors import ModelError
from storygraph.nlp import load_model, model_name
from storygraph.nlp.components import dictionary_word


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


_TEXTS = ["The ferry operators were cutting routes, the unions said on Tuesday.",
          "Ministers had been warned; she is leaving and he's staying, it seems.",
          "Two bakeries closed. Their owners blamed rising rents and fewer shoppers.",
          "The wolves are sleeping.\n\n\"We counted them twice,\" a ranger said.",
          ""]


def test_the_tag_map_sets_the_lemmas_the_lemmatizer_would(nlp):
    import spacy

    from storygraph.nlp.components import PARAGRAPHS, TAG_MAP

    # The model's lemmatizer as a pipe of its own (its index lists untouched), after a
    # tag map that sets only what the attribute_ruler would.
    reference = spacy.load(nlp.meta["storygraph_name"])
    reference.add_pipe(PARAGRAPHS, before="parser")
    patterns = reference.get_pipe("attribute_ruler").patterns
    reference.replace_pipe("attribute_ruler", TAG_MAP, config={"patterns": patterns})
    assert "lemmatizer" not in nlp.pipe_names
    assert "lemmatizer" in reference.pipe_names
    for ours, theirs in zip(nlp.pipe(_TEXTS), reference.pipe(_TEXTS), strict=True):
        assert [(t.pos_, t.lemma_, str(t.morph)) for t in ours] == \
            [(t.pos_, t.lemma_, str(t.morph)) for t in theirs]
    assert [t.lemma_ for t in nlp("The unions were striking.")] == \
        ["the", "union", "be", "strike", "."]


def test_the_tag_map_sets_the_same_once_its_memo_is_full(nlp, monkeypatch):
    import storygraph.nlp.components as components

    def attributes(docs):
        return [[(t.pos_, t.lemma_, str(t.morph)) for t in doc] for doc in docs]

    tag_map = nlp.get_pipe(components.TAG_MAP)
    full = attributes(nlp.pipe(_TEXTS))
    monkeypatch.setattr(components, "_ROWS_KEPT", 3)
    tag_map._set.clear()
    assert attributes(nlp.pipe(_TEXTS)) == full
    assert len(tag_map._set) <= 3
    tag_map._set.clear()


@pytest.mark.parametrize(("word", "known"), [
    ("Furnace", True), ("Hubs", True), ("Charging", True), ("Liquefied", True),
    ("Studies", True), ("Brackwater", False), ("Alstom", False), ("Wolborough", False)])
def test_dictionary_words_in_any_case_and_inflection(nlp, word: str, known: bool):
    assert dictionary_word(word) is known


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
