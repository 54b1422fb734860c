"""Roles: the titles people hold, from appositions and pre-modifiers.

    "Scott Knowles, chief executive of the chamber, said"  → apposition
    "Transport Secretary Mark Harper said"                 → pre-modifier
    "Unite general secretary Sharon Graham"                → org inside the pre-modifier
    "Jo Bloggs, a production manager at the site,"         → org from "at the site"
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.model import Role

_MAX_TITLE_TOKENS = 12
_ORG_PREPOSITIONS = frozenset({"of", "at", "for", "with", "from"})


def extract_roles(doc: Doc, index: EntityIndex) -> list[Role]:
    roles: dict[tuple[str, str], Role] = {}
    people = {e.id for e in index.entities if e.type == "PERSON"}
    for mention in index.mentions:
        if mention.entity not in people or mention.kind != "name":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for role in (_apposition(doc, span, mention.entity, index),
                     _premodifier(doc, span, mention.entity, index)):
            if role is not None:
                roles.setdefault((role.person, role.title.casefold()), role)
    return sorted(roles.values(), key=lambda r: r.start)


def _apposition(doc: Doc, span, person: str, index: EntityIndex) -> Role | None:
    """", <title>," right after the name."""
    after = span.end
    if after >= len(doc) or doc[after].text != ",":
        return None
    tokens: list[Token] = []
    for token in doc[after + 1 : after + 1 + _MAX_TITLE_TOKENS]:
        if token.text in {",", ";", "(", ")", "\n"} or token.is_space or \
                (token.text == "." and token.i == token.sent.end - 1):
            break
        if token.pos_ in {"VERB", "AUX"} and token.tag_ not in {"VBN", "VBG"}:
            return None
        tokens.append(token)
    if not tokens:
        return None
    end_token = tokens[-1].i + 1
    if end_token < len(doc) and doc[end_token].text not in {",", ")", ";", "."}:
        return None
    return _role_from(doc, tokens, person, index)


def _premodifier(doc: Doc, span, person: str, index: EntityIndex) -> Role | None:
    """Title words right before the name, stopping at a determiner or punctuation."""
    tokens: list[Token] = []
    i = span.start - 1
    if i >= 0 and doc[i].lower_.rstrip(".") in lx.HONORIFICS:
        return None
    while i >= 0 and len(tokens) < _MAX_TITLE_TOKENS:
        token = doc[i]
        if token.is_punct or token.is_space or token.pos_ in {"DET", "VERB", "AUX", "ADP",
                                                              "PRON", "CCONJ", "SCONJ"}:
            break
        if token.lower_ in {"'s", "’s"}:
            break
        tokens.insert(0, token)
        i -= 1
    # The title must end right before the name with a role noun ("Transport Secretary").
    while tokens and tokens[-1].lower_ not in lx.ROLE_NOUNS:
        return None
    return _role_from(doc, tokens, person, index) if tokens else None


def _role_from(doc: Doc, tokens: list[Token], person: str, index: EntityIndex) -> Role | None:
    while tokens and tokens[0].lower_ in {"a", "an", "the", "its", "their", "his", "her"}:
        tokens = tokens[1:]
    if not tokens or not any(t.lower_ in lx.ROLE_NOUNS for t in tokens):
        return None
    if all(t.lower_ in lx.WEAK_ROLE_NOUNS or t.is_stop for t in tokens):
        return None
    org = None
    title_tokens = tokens
    # "chief executive of the chamber", "a manager at the site"
    for k, token in enumerate(tokens):
        if token.lower_ in _ORG_PREPOSITIONS and k > 0:
            rest = tokens[k + 1 :]
            if rest:
                org = index.at(rest[0].idx, rest[-1].idx + len(rest[-1].text))
                if org is not None and index.types.get(org) == "PERSON":
                    org = None
            if org is not None:
                title_tokens = tokens[:k]
            break
    # "Unite general secretary": an organisation named inside the title.
    if org is None:
        for k, token in enumerate(tokens):
            found = index.at(token.idx, token.idx + len(token.text))
            if found and found != person and index.types.get(found) in {"ORG", "GPE", "NORP"}:
                org = found
                rest = tokens[k + 1 :]
                while rest and rest[0].text in {"'s", "’s"}:
                    rest = rest[1:]
                if rest and k == 0:
                    title_tokens = rest
                break
    if not title_tokens:
        return None
    start = title_tokens[0].idx
    end = title_tokens[-1].idx + len(title_tokens[-1].text)
    return Role(person=person, title=doc.text[start:end], org=org, start=start, end=end)


def title_words(text: str) -> set[str]:
    """Content words of a title, for matching "the transport secretary" to a role."""
    stop = {"the", "a", "an", "of", "for", "and", "to", "at", "in", "'s", "’s"}
    return {w.strip(",.").casefold() for w in text.split() if w.casefold() not in stop}


def person_by_title(phrase: str, roles: list[Role]) -> str | None:
    """The person whose role contains every content word of `phrase`, if exactly one does."""
    words = title_words(phrase)
    if not words or not words & lx.ROLE_NOUNS:
        return None
    holders = {r.person for r in roles if words <= title_words(r.title)}
    return holders.pop() if len(holders) == 1 else None
