"""Our spaCy components, registered by name so pipelines are assembled by name."""

from __future__ import annotations

from spacy.language import Language
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


@Language.factory(TAG_MAP, default_config={"patterns": []})
def make_tag_map(nlp: Language, name: str, patterns: list[dict]) -> TagMap:
    """Built from the attribute_ruler patterns it replaces (see `load_model`)."""
    return TagMap(patterns)


class TagMap:
    """POS, morphology and lemma from the fine tag, as the model's attribute_ruler sets them.

    The attribute_ruler runs a Matcher over every token (9% of the small pipeline's
    time here). Its one-token patterns test only the tag, the word, the dependency
    label and whitespace, so they are indexed by tag and by word and tested in their
    own order, later ones winning. The few two-token patterns (colloquial contractions
    such as "gon na") are left out.
    """

    def __init__(self, patterns: list[dict]) -> None:
        self.by_tag: dict[str, list[tuple[int, dict, dict]]] = {}
        self.by_word: dict[str, list[tuple[int, dict, dict]]] = {}
        self.anywhere: list[tuple[int, dict, dict]] = []
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

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            key = (token.tag_, token.lower_)
            rules = self._rules.get(key)
            if rules is None:
                rules = self._rules[key] = sorted(
                    self.by_tag.get(key[0], []) + self.by_word.get(key[1], []) + self.anywhere,
                    key=lambda rule: rule[0])
            chosen: dict[str, str] = {}
            for _, test, attrs in rules:
                if _matches(token, test):
                    chosen.update(attrs)
            if "POS" in chosen:
                token.pos_ = chosen["POS"]
            if "MORPH" in chosen:
                token.set_morph(chosen["MORPH"])
            if "LEMMA" in chosen:
                token.lemma_ = chosen["LEMMA"]
        return doc


def _matches(token: Token, test: dict) -> bool:
    for key, wanted in test.items():
        value = {"TAG": token.tag_, "LOWER": token.lower_, "DEP": token.dep_,
                 "IS_SPACE": token.is_space}.get(key)
        if isinstance(wanted, dict):
            if "IN" in wanted and value not in wanted["IN"]:
                return False
            if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
                return False
        elif value != wanted:
            return False
    return True
