"""Who a noun phrase refers to: a name, a title, a description or a pronoun."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.extract.roles import person_by_title
from storygraph.extract.text import doc_text
from storygraph.model import Role

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Who can say or do things: a country or town speaks through its government,
# a museum or hospital through its staff.
_ACTORS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})


@dataclass(frozen=True)
class Speaker:
    """The entity a phrase resolves to (if any) and the words the text used."""

    entity: str | None
    text: str | None


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject; conjoined and participial verbs borrow their head's."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # "The Kelmscombe-based brewer Hopwright Ales said": two subjects; the name wins.
            subject = next((s for s in subjects if s.pos_ == "PROPN"), subjects[0])
            if subject.lower_ in {"who", "which", "that"} and current.dep_ == "relcl":
                return current.head  # "X, who co-founded the firm": the subject is X
            return subject
        if current.dep_ in {"conj", "advcl", "xcomp", "ccomp", "acl"} \
                and current.head is not current:
            current = current.head
        else:
            return None
    return None


def resolve_reference(doc: Doc, head: Token, index: EntityIndex, roles: list[Role]) -> Speaker:
    """Resolve the noun phrase headed by `head` to an entity of the article."""
    start, end = noun_phrase(doc, head)
    text = doc_text(doc)[start:end]
    lower = head.lower_
    if lower in lx.PERSON_PRONOUNS:
        gender = lx.PERSON_PRONOUNS[lower]
        forward = _cataphora(doc, head, index, gender)
        if forward is not None:
            return Speaker(forward, head.text)
        return Speaker(index.last_before(head.idx, types={"PERSON"}, gender=gender), head.text)
    if lower in lx.THING_PRONOUNS or lower in lx.PLURAL_PRONOUNS:
        return Speaker(index.last_before(head.idx, types={"ORG"}), head.text)
    entity = index.at(head.idx, head.idx + len(head.text)) or index.at(start, end)
    if entity is None:
        # "its chief executive, Ann Ross, said": the apposition names the speaker.
        for child in head.children:
            if child.dep_ == "appos":
                entity = index.at(child.idx, child.idx + len(child.text))
                if entity is not None:
                    break
    if entity is not None and index.types.get(entity) not in _ACTORS:
        entity = None
    if entity is None and lower in lx.ROLE_NOUNS:
        org = _org_of(head, index)
        if org is not None and lower in lx.ANONYMOUS_SPEAKERS:
            return Speaker(org, text)  # "a spokesperson for X" speaks for X
        entity = person_by_title(text, roles)
        if entity is not None:
            index.add(start, end, entity, "title")
    return Speaker(entity, text)


def _cataphora(doc: Doc, pronoun: Token, index: EntityIndex, gender: str) -> str | None:
    """"In his letter, Mr X said": a possessive before the subject it refers to."""
    if pronoun.dep_ != "poss":
        return None
    root = pronoun.sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.i < pronoun.i:
        return None
    entity = index.at(subject.idx, subject.idx + len(subject.text))
    if entity is None or index.types.get(entity) != "PERSON":
        return None
    known = index.gender.get(entity)
    return entity if not known or known == gender else None


def noun_phrase(doc: Doc, head: Token) -> tuple[int, int]:
    """Character span of a noun phrase, without relative clauses or appositions."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in {"compound", "poss", "case"} or (
            child.dep_ == "prep" and child.lower_ in {"for", "of", "at"}
        ):
            right = max(right, child.right_edge.i)
        else:
            break
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _org_of(head: Token, index: EntityIndex) -> str | None:
    for child in head.children:
        if child.dep_ == "prep":
            for obj in child.children:
                right = obj.right_edge
                found = index.at(obj.left_edge.idx, right.idx + len(right.text))
                if found and index.types.get(found) in {"ORG", "GPE"}:
                    return found
    return None
