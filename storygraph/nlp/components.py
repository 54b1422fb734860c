"""Our spaCy components, registered by name so pipelines are assembled by name."""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

PARAGRAPHS = "storygraph_paragraphs"
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "''"})
_SENTENCE_END = frozenset({".", "!", "?"})


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break and keep closing quotes with their sentence.

    News text puts one paragraph per line; the small parser otherwise runs
    sentences across paragraphs and hands a closing quote mark to the next one.
    Must run before the parser, which respects sentence starts set here.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
        elif "\n" in previous.whitespace_ or previous.text.endswith("\n"):
            token.is_sent_start = True
        elif token.text in _CLOSING_QUOTES and previous.text in _SENTENCE_END:
            token.is_sent_start = False
    return doc


TAG_MAP = "storygraph_tag_map"
_ATTRS = ("POS", "MORPH", "LEMMA")
# What the attribute_ruler's patterns and the lemmatizer read of a token, and the token's
# POS, MORPH and LEMMA before them: together they decide what the two set.
_READ = [TAG, DEP, ORTH, POS, MORPH, LEMMA]
_SET = [POS, MORPH, LEMMA]
_LEMMATIZER_MODES = frozenset({"rule", "lookup"})  # whose lemma depends on _READ alone
_ROWS_KEPT = 2**15  # rows whose outcome is kept (~8 MB; 11,700 in 150 news articles)
# The English words the lemmatizer knows (its index of nouns, verbs, adjectives and adverbs,
# WordNet's), filled when a pipeline's lemmatizer is taken in (`TagMap.lemmatize_with`).
_DICTIONARY: set[str] = set()
# Endings of inflected forms and what the dictionary form ends in instead.
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""),
                ("ed", "e"), ("ied", "y"))


def dictionary_word(word: str) -> bool:
    """Whether `word`, in any case and inflection ("Hubs", "Charging", "Liquefied"), is an
    English common word the lemmatizer knows. WordNet also lists some places and given
    names ("london", "john"): ask the gazetteer about those first. False before a pipeline
    with a rule lemmatizer is loaded."""
    lower = word.casefold()
    return lower in _DICTIONARY or any(
        lower.endswith(ending) and lower[: -len(ending)] + stem in _DICTIONARY
        for ending, stem in _INFLECTIONS if len(lower) > len(ending) + 2)


@Language.factory(TAG_MAP, default_config={"patterns": []})
def make_tag_map(nlp: Language, name: str, patterns: list[dict]) -> TagMap:
    """Built from the attribute_ruler patterns it replaces (see `load_model`)."""
    return TagMap(patterns)


class TagMap:
    """POS, morphology and lemma from the fine tag, as the model's attribute_ruler sets them,
    and the lemma as the model's lemmatizer would then set it (`lemmatize_with`).

    The attribute_ruler runs a Matcher over every token (14% of the small pipeline's
    time here), the rule lemmatizer a Python call per token (7%). Their one-token
    patterns test only the tag, the word, the dependency label and whitespace, and the
    lemmatizer reads the word, POS and morphology, so what both set is a function of a
    few attributes: it is worked out once per distinct row of them (by a token having
    it) and written to the whole doc as arrays. The few two-token patterns (colloquial
    contractions such as "gon na") are left out.
    """

    def __init__(self, patterns: list[dict]) -> None:
        self.by_tag: dict[str, list[tuple[int, dict, dict]]] = {}
        self.by_word: dict[str, list[tuple[int, dict, dict]]] = {}
        self.anywhere: list[tuple[int, dict, dict]] = []
        self.lemmatizer: Lemmatizer | None = None
        # (tag, dep, orth, pos, morph, lemma) -> (pos, morph string, lemma string) to set;
        # strings, since a memory zone frees the strings it added (and their hashes).
        self._set: dict[tuple[int, ...], tuple[int, str, str]] = {}
        self._rules: dict[tuple[str, str], list[tuple[int, dict, dict]]] = {}
        order = 0
        for entry in patterns:
            attrs = {k: entry["attrs"][k] for k in _ATTRS if k in entry["attrs"]}
            for pattern in entry["patterns"]:
                if len(pattern) != 1 or not attrs:
                    continue
                test = pattern[0]
                rule = (order, test, attrs)
                order += 1
                if isinstance(test.get("TAG"), str):
                    self.by_tag.setdefault(test["TAG"], []).append(rule)
                elif "LOWER" in test:
                    words = test["LOWER"]
                    for word in words.get("IN", []) if isinstance(words, dict) else [words]:
                        self.by_word.setdefault(word, []).append(rule)
                else:
                    self.anywhere.append(rule)

    def lemmatize_with(self, lemmatizer: Lemmatizer) -> bool:
        """Also set lemmas as `lemmatizer` (taken out of the pipeline) would; False if its
        mode's lemmas may depend on more than this component reads."""
        if lemmatizer.mode not in _LEMMATIZER_MODES:
            return False
        lemmatizer._validate_tables()
        # The rule lemmatizer asks whether a candidate form is in its index of known
        # lemmas, a list per POS (57,528 nouns): a set answers the same, without a scan.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, lemmas in list(index.items()):
            index[pos] = frozenset(lemmas)
            _DICTIONARY.update(lemmas)
        self.lemmatizer = lemmatizer
        self._set.clear()
        return True

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows, first, where = numpy.unique(doc.to_array(_READ), axis=0, return_index=True,
                                          return_inverse=True)
        strings = doc.vocab.strings
        values = numpy.empty((len(rows), len(_SET)), dtype=numpy.uint64)
        for k, row in enumerate(map(tuple, rows.tolist())):
            pos, morph, lemma = self._set.get(row) or self._work_out(doc[int(first[k])], row)
            values[k] = (pos, strings.add(morph), strings.add(lemma))
        doc.from_array(_SET, values[where.reshape(-1)])
        return doc

    def _work_out(self, token: Token, row: tuple[int, ...]) -> tuple[int, str, str]:
        """What the attribute_ruler, then the lemmatizer, set on `token` (and so on every
        token with its `row`); sets it on `token` as they do."""
        values = {"TAG": token.tag_, "LOWER": token.lower_, "DEP": token.dep_,
                  "IS_SPACE": token.is_space}
        key = (values["TAG"], values["LOWER"])
        rules = self._rules.get(key)
        if rules is None:
            rules = self._rules[key] = sorted(
                self.by_tag.get(key[0], []) + self.by_word.get(key[1], []) + self.anywhere,
                key=lambda rule: rule[0])
        chosen: dict[str, str] = {}
        for _, test, attrs in rules:
            if _matches(values, test):
                chosen.update(attrs)
        if "POS" in chosen:
            token.pos_ = chosen["POS"]
        if "MORPH" in chosen:
            token.set_morph(chosen["MORPH"])
        if "LEMMA" in chosen:
            token.lemma_ = chosen["LEMMA"]
        lemmatizer = self.lemmatizer
        if lemmatizer is not None and (lemmatizer.overwrite or token.lemma == 0):
            token.lemma_ = lemmatizer.lemmatize(token)[0]
        if len(self._set) == _ROWS_KEPT:
            self._set.clear()  # a bounded memo: most tokens are of the commonest rows
        self._set[row] = done = (token.pos, str(token.morph), token.lemma_)
        return done


def _matches(values: dict[str, str | bool], test: dict) -> bool:
    for key, wanted in test.items():
        value = values.get(key)
        if isinstance(wanted, dict):
            if "IN" in wanted and value not in wanted["IN"]:
                return False
            if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
                return False
        elif value != wanted:
            return False
    return True
