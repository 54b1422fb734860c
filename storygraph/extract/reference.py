"""Who a noun phrase refers to: a name, a title, a description or a pronoun.

The rules, in the order they are tried for a speaker or an agent:

- A person named in the phrase or in apposition to its head ("Its chair, Jo Pike,",
  "Carrow's northern director, Sam Ode,", "Transport Secretary Ann Lee") is the referent,
  never the organisation or place inside the title.
- A name the index does not hold at that place ("Henricks said") is the entity with that
  name, or the one person with that surname.
- "a spokesperson for X", "a company spokeswoman" speak for the organisation.
- "the minister" is the one person who holds that title; "the 61-year-old retiree",
  "the retired teacher" the person introduced with that age or description, else the
  person last mentioned whom the description fits (an everyday description, never an
  office: "the senator" is not whoever came last).
- he/she: the person last mentioned whose gender fits (honorifics, given names, and the
  pronouns already resolved to them), outside quotations and never the one spoken to;
  it/they/we: the organisation or group that spoke last, else the one last mentioned.
  Never a place or a date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.extract.gazetteer import first_name_gender
from storygraph.extract.intervals import Intervals
from storygraph.extract.roles import person_by_title
from storygraph.extract.text import doc_text
from storygraph.model import Role

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Who can say or do things: a country or town speaks through its government,
# a museum or hospital through its staff.
_ACTORS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
_GROUPS = frozenset({"ORG", "NORP"})
# "83-year-old", also as spaCy splits it ("83 - year - old").
_AGE_IN_TEXT = re.compile(r"\b(\d{1,3})\s?-\s?year\s?-\s?old\b")
# How far back (in paragraphs) an organisation that spoke is still "it" or "they".
_SPEAKER_REACH = 3
# How far back (in paragraphs) "the retired teacher" looks for a person it fits, when no
# one was introduced with those words: the person must be fresh in the reader's mind.
_DESCRIPTION_REACH = 2


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
        if hung_on_name(current):
            return current.head
        if current.dep_ in {"conj", "advcl", "xcomp", "ccomp", "acl"} \
                and current.head is not current:
            current = current.head
        else:
            return None
    return None


def hung_on_name(verb: Token) -> bool:
    """"State Sen. X, a Republican, posted that ...": the parser, finding no finite verb,
    makes the name the root of the sentence and hangs the verb on it as a participle."""
    head = verb.head
    return verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ == "PROPN" \
        and head.i < verb.i and not any(c.dep_ in {"agent", "auxpass"} for c in verb.children)


@dataclass(frozen=True)
class _Mention:
    start: int
    entity: str
    subject: bool  # the grammatical subject of its clause
    aside: bool  # inside a quotation, or the one spoken to ("told CBC News"): no antecedent
    named: bool  # a name, not "the firm" or a title


class Referents:
    """What pronouns and descriptions can point back to in one article, built once.

    Also learns as it goes: a person once called "she" is female for later pronouns,
    and every resolved speaker is remembered so "it said" can follow the last one.
    """

    def __init__(self, doc: Doc, index: EntityIndex, quoted: Intervals,
                 body: Intervals | None = None) -> None:
        self.index = index
        self.body = body  # where the story is told: not the headline, headings or captions
        self.gender: dict[str, str | None] = dict(index.gender)
        self.ages: dict[str, set[int]] = {}
        self.words: dict[str, set[str]] = {}
        self.mentions: list[_Mention] = []
        # Where each non-empty line starts (blank lines between paragraphs do not count).
        self.paragraph_starts = [0, *(m.start() for m in re.finditer(r"(?<=\n)\S",
                                                                      doc_text(doc)))]
        for entity in index.entities:
            if entity.type == "PERSON" and not self.gender.get(entity.id):
                # "Keith says": a lone given name still says he is a man
                given = next((w for w in entity.name.split()
                              if w.casefold().rstrip(".") not in lx.HONORIFICS), None)
                self.gender[entity.id] = (first_name_gender(given) if given else None) or None
        for m in index.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            self.mentions.append(_Mention(m.start, m.entity, root.dep_ in SUBJECT_DEPS,
                                          _spoken_to(root) or quoted.contains(m.start),
                                          m.kind == "name"))
            if index.types.get(m.entity) == "PERSON" and m.kind == "name":
                self._describe(doc, span, m.entity)
        self.mentions += self._unindexed(doc, quoted)
        self.mentions.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.spoke: list[tuple[int, str]] = []  # (position, entity) of resolved speakers
        # (position, organisation, gender) where an unnamed spokesman or spokeswoman spoke
        self.spokespeople: list[tuple[int, str, str | None]] = []
        # Named only as the one spoken to ("told CBC News"): an outlet, never "the company".
        self.audiences = {m.entity for m in self.mentions if m.named} - {
            m.entity for m in self.mentions if m.named and not m.aside}

    def _unindexed(self, doc: Doc, quoted: Intervals) -> list[_Mention]:
        """One-word names the entity pass missed at some place ("Brightledger, the app,").

        Only a word that is the whole name or alias of one organisation: a surname alone
        may be a relative's, and longer names are found where they stand.
        """
        covered = Intervals((m.start, m.end) for m in self.index.mentions)
        names: dict[str, str | None] = {}
        for entity in self.index.entities:
            if entity.type == "ORG":
                for name in (entity.name, *entity.aliases):
                    if " " not in name:
                        key = name.casefold()
                        names[key] = entity.id if names.get(key, entity.id) == entity.id \
                            else None
        found = []
        for token in doc:
            entity = names.get(token.lower_) if token.pos_ == "PROPN" else None
            if entity is not None and not covered.contains(token.idx):
                found.append(_Mention(token.idx, entity, token.dep_ in SUBJECT_DEPS,
                                      _spoken_to(token) or quoted.contains(token.idx), True))
        return found

    # --- what the article says about people ------------------------------------------------

    def _describe(self, doc: Doc, name: Span, person: str) -> None:
        """Ages and words set beside a name: "Ann Lee, 71,", "retired teacher Ann Lee"."""
        ages = self.ages.setdefault(person, set())
        words = self.words.setdefault(person, set())
        for token in name:  # the titles in a name ("Sen. X" is "the senator"), not the name
            word = token.lower_.rstrip(".")
            if word in lx.HONORIFIC_TITLES or word in lx.TITLE_HONORIFICS:
                words.add(lx.HONORIFIC_TITLES.get(word, word))
        i = name.start - 1
        while i >= 0 and doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ", "PROPN"}:
            words.add(doc[i].lower_)  # "retired plasterer Tony Gedge"
            i -= 1
        before = _AGE_IN_TEXT.search(doc_text(doc)[max(0, name.start_char - 24) : name.start_char])
        if before is not None and not doc_text(doc)[before.end() : name.start_char].strip(" ,"):
            ages.add(int(before.group(1)))  # "83-year-old Ann Lee"
        after = name.end
        if after + 1 < len(doc) and doc[after].text in {",", "("}:
            k = after + 1
            if doc[k].like_num and doc[k].text.isdigit():
                ages.add(int(doc[k].text))  # "Margaret Fell, 83,"
                k += 1
                if k < len(doc) and doc[k].text in {",", ")"}:
                    k += 1
            for token in doc[k : k + 8]:
                if token.text in {",", ".", ";", ")", "—", "–", ":"} or token.is_quote \
                        or token.pos_ in {"VERB", "AUX"} or token.lower_ in {"who", "which"}:
                    break
                if token.pos_ in {"NOUN", "ADJ"}:
                    words.add(token.lower_)  # "Keith, a former bus driver,"

    def learn(self, position: int, entity: str | None, subject: str | None) -> None:
        """Remember a resolved speaker, and what the subject word says about them.

        A pronoun gives a person's gender; "a spokeswoman" (for an organisation) is
        who a "she" in the next sentences may be.
        """
        if entity is None:
            return
        self.spoke.insert(bisect_right(self.spoke, (position, entity)), (position, entity))
        gender = lx.PERSON_PRONOUNS.get(subject or "")
        if gender and not self.gender.get(entity):
            self.gender[entity] = gender
        if subject in lx.ANONYMOUS_SPEAKERS and self.index.types.get(entity) != "PERSON":
            self.spokespeople.append((position, entity, lx.GENDERED_NOUNS.get(subject)))

    def paragraph(self, position: int) -> int:
        return bisect_right(self.paragraph_starts, position) - 1

    # --- antecedents -----------------------------------------------------------------------

    def pronoun(self, position: int, gender: str) -> str | None:
        """He or she: the person last mentioned, unless an organisation's spokesman or
        spokeswoman spoke since ("A spokesman for X said ... he said": X)."""
        person = self.person(position, gender)
        k = bisect_left(self.spokespeople, (position, "", None)) - 1
        if k >= 0:
            spoken_at, org, spoken_by = self.spokespeople[k]
            last_person = max((m.start for m in self.mentions[: bisect_left(self.starts, position)]
                               if m.entity == person), default=-1)
            if spoken_at > last_person and spoken_by in {None, gender} \
                    and self.paragraph(position) - self.paragraph(spoken_at) <= 1:
                return org
        return person

    def person(self, position: int, gender: str | None, *, age: int | None = None,
               words: frozenset[str] = frozenset(), reach: int | None = None) -> str | None:
        """The person last mentioned before `position` that fits (within `reach` paragraphs)."""
        here = self.paragraph(position)
        for m in reversed(self.mentions[: bisect_left(self.starts, position)]):
            if reach is not None and here - self.paragraph(m.start) > reach:
                return None
            if m.aside or self.index.types.get(m.entity) != "PERSON":
                continue
            known = self.gender.get(m.entity)
            if gender and known and known != gender:
                continue
            ages = self.ages.get(m.entity)
            if age is not None and ages and age not in ages:
                continue
            if words and not words & self.words.get(m.entity, set()):
                continue
            return m.entity
        return None

    def described(self, position: int, gender: str | None, age: int | None,
                  noun: str) -> str | None:
        """The person introduced with this age, or with this noun, the latest first."""
        if age is not None and any(age in ages for ages in self.ages.values()):
            return self.person(position, gender, age=age, words=frozenset())
        if any(noun in words for words in self.words.values()):
            return self.person(position, gender, words=frozenset({noun}))
        return None

    def organisation(self, position: int, noun: str) -> str | None:
        """The body "the company", "the union", "the hospital" refers back to.

        One whose name ends in a word of that kind ("X Ferries" is a company, "X Hospital"
        a hospital, not "X Hospital Nurses' Federation") or that the text called so ("the
        union X"); else, for "the company" or "the group", any organisation that was the
        subject of a sentence or spoke, when none says what it is. Of these, the one named
        in this paragraph or the one before, else the one the story introduced first.
        Never the one only spoken to, nor one named only in a headline or caption.
        """
        here = self.paragraph(position)
        heads = lx.BODY_NOUNS[noun]
        spoke = {entity for at, entity in self.spoke if at < position}
        pools: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        for m in self.mentions[: bisect_left(self.starts, position)]:
            if not m.named or m.aside or m.entity in self.audiences \
                    or (self.body is not None and not self.body.contains(m.start)):
                continue
            fit = self._fits(m.entity, noun, heads)
            if fit == 2 or (fit == 1 and (m.subject or m.entity in spoke)):
                pools[2 - fit].setdefault(m.entity, []).append(m.start)
        for pool in pools:
            recent = [e for e, at in pool.items() if here - self.paragraph(at[-1]) <= 1]
            if recent:
                return max(recent, key=lambda e: pool[e][-1])
            if pool:
                return min(pool, key=lambda e: pool[e][0])
        return None

    def _fits(self, entity: str, noun: str, heads: frozenset[str]) -> int:
        """2: the entity is that kind of body; 1: it may be ("the company"); 0: it is not."""
        kind = self.index.types.get(entity)
        if kind not in {"ORG", "FAC"}:  # (a museum or a hospital may be typed a place)
            return 0
        name = next(e.name for e in self.index.entities if e.id == entity)
        words = [w.strip("’'").casefold() for w in name.split()]
        # The head stands before "of" or "for" ("Department for X"), and is not a number
        # ("Local 88").
        cut = next((k for k, w in enumerate(words) if w in {"of", "for"}), len(words))
        head = next((w for w in reversed(words[:cut]) if not w.isdigit()), "")
        described = self.index.descriptors.get(entity, set()) - set(words) | {head}
        if head in heads or noun in described:
            return 2
        if noun not in lx.COMPANY_NOUNS or kind != "ORG" \
                or head in lx.OUTLET_HEADS or set(words) & lx.NON_COMPANY_HEADS:
            return 0
        return 1

    def group(self, position: int, types: frozenset[str]) -> str | None:
        """The organisation that spoke last (a few paragraphs back), else the last one named."""
        here = self.paragraph(position)
        k = bisect_left(self.spoke, (position, "")) - 1
        if k >= 0:
            spoken_at, entity = self.spoke[k]
            if self.index.types.get(entity) in types \
                    and here - self.paragraph(spoken_at) <= _SPEAKER_REACH:
                return entity
        for m in reversed(self.mentions[: bisect_left(self.starts, position)]):
            if not m.aside and self.index.types.get(m.entity) in types:
                return m.entity
        return None


def _spoken_to(token: Token) -> bool:
    """"told CBC News", "said in an email to the Gazette": the one spoken to, not a speaker."""
    head = token.head
    if token.dep_ in {"dobj", "dative"}:
        return head.lemma_ == "tell"
    if token.dep_ != "pobj" or head.lower_ != "to":
        return False
    head = head.head
    if head.pos_ == "NOUN" and head.head.dep_ == "prep":  # "in an email to", "in a statement to"
        head = head.head.head
    return head.pos_ == "VERB" and head.lemma_ in lx.CUE_VERBS


def resolve_reference(doc: Doc, head: Token, index: EntityIndex, roles: list[Role],
                      referents: Referents | None = None) -> Speaker:
    """Resolve the noun phrase headed by `head` to an entity of the article."""
    start, end = noun_phrase(doc, head)
    text = doc_text(doc)[start:end]
    lower = head.lower_
    if lower in lx.NOBODY:
        return Speaker(None, None)  # "nobody told them": no one to attribute
    if lower in lx.PERSON_PRONOUNS:
        gender = lx.PERSON_PRONOUNS[lower]
        forward = _cataphora(doc, head, index, gender)
        if forward is not None:
            return Speaker(forward, head.text)
        if referents is not None:
            return Speaker(referents.pronoun(head.idx, gender), head.text)
        return Speaker(index.last_before(head.idx, types={"PERSON"}, gender=gender), head.text)
    if lower in lx.THING_PRONOUNS or lower in lx.PLURAL_PRONOUNS:
        if referents is not None:
            # "it" is an organisation; "they" may also be a group of people ("Unionists")
            types = _GROUPS if lower in lx.PLURAL_PRONOUNS else frozenset({"ORG"})
            return Speaker(referents.group(head.idx, types), head.text)
        return Speaker(index.last_before(head.idx, types={"ORG"}), head.text)
    person = _named_person(doc, head, index)
    if person is not None:
        return Speaker(person, text)
    if referents is not None and lower in lx.BODY_NOUNS and head.tag_ == "NN" \
            and doc[head.left_edge.i].lower_ in {"the", "its", "their"} \
            and not any(c.pos_ == "PROPN" for c in head.children):
        return Speaker(referents.organisation(head.idx, lower), text)  # "the company"
    entity = index.at(head.idx, head.idx + len(head.text))
    if entity is None and head.pos_ == "PROPN":
        entity = entity_by_name(index, text)
    if entity is None and lower in lx.ANONYMOUS_SPEAKERS:
        org = _org_of(doc, head, index, roles, referents) \
            or _org_modifier(doc, head, index, referents)
        if org is not None:
            return Speaker(org, text)  # "a spokesperson for X", "a company spokeswoman"
    if index.types.get(entity or "") != "PERSON" and (
            head.is_lower or doc[head.left_edge.i].lower_ in {"the", "a", "an"}):
        # "the minister", "the Premier", "the retired teacher": a person, if one fits
        described = _description(doc, head, start, index, roles, referents)
        if described is not None:
            index.add(start, end, described, "title")
            return Speaker(described, text)
    if entity is None:
        entity = index.at(start, end)
        if lower in lx.ROLE_NOUNS and index.types.get(entity or "") != "PERSON":
            entity = None  # "the quarry's owner": the quarry is not who spoke
    if entity is not None and referents is not None and head.pos_ == "NOUN" \
            and entity in referents.audiences:
        entity = None  # "the company" is not the outlet the company spoke to
    if entity is not None and index.types.get(entity) not in _ACTORS:
        entity = None
    if entity is not None and index.types.get(entity) == "NORP" and head.tag_ == "NNP" \
            and doc[head.left_edge.i].lower_ == "the":
        entity = None  # "the Texas Republican" is one person, not the party
    return Speaker(entity, text)


def _named_person(doc: Doc, head: Token, index: EntityIndex) -> str | None:
    """A person named by the head or in apposition to it: "Its chair, Jo Pike,".

    Compounds count under a title ("Agriculture Minister Jo Pike"), not under a group
    noun ("the Pike family" is not Jo Pike).
    """
    titled = head.pos_ == "PROPN" or head.lower_ in lx.ROLE_NOUNS
    tokens = [head, *(c for c in head.children
                      if c.dep_ == "appos" or (titled and c.dep_ == "compound"))]
    if head.lower_ in lx.ROLE_NOUNS:
        # "The president of Local 47, Rosa Delgado,": the parser hangs her on "Local 47"
        tokens += [t for prep in head.children if prep.dep_ == "prep"
                   for t in prep.subtree if t.dep_ == "appos"]
    for token in tokens:
        for candidate in (token, *(c for c in token.children if c.dep_ == "compound")):
            found = index.at(candidate.idx, candidate.idx + len(candidate.text))
            if found is not None and index.types.get(found) == "PERSON":
                return found
    return _glued_name(doc, head, index)


def _glued_name(doc: Doc, head: Token, index: EntityIndex) -> str | None:
    """"Harlow Mills regional director for the North East Petra Lindahl added": a title so
    long that the parser takes the name at its end for part of a place ("the Midlands
    Graham Pike"). Not "the lawyer for Jo Pike", where the name is the whole phrase (and
    speaks through the lawyer, as an organisation through its spokesperson)."""
    last = head.right_edge
    if last.dep_ != "pobj" or not any(t.lower_ in lx.ROLE_NOUNS
                                      for t in doc[head.left_edge.i : last.i]):
        return None
    name = next((m for m in index.mentions if m.start <= last.idx < m.end
                 and m.kind == "name" and index.types.get(m.entity) == "PERSON"), None)
    if name is None or doc[last.left_edge.i].idx >= name.start:
        return None
    return name.entity


def entity_by_name(index: EntityIndex, phrase: str) -> str | None:
    """The entity a proper name means where the index does not hold it: its name or surname."""
    wanted = " ".join(phrase.split()).casefold()
    named = [e.id for e in index.entities
             if wanted in {e.name.casefold(), *(a.casefold() for a in e.aliases)}]
    if len(named) == 1:
        return named[0]
    if " " in wanted:
        return None
    people = [e.id for e in index.entities
              if e.type == "PERSON" and e.name.split()[-1].casefold() == wanted]
    return people[0] if len(people) == 1 else None


def _description(doc: Doc, head: Token, start: int, index: EntityIndex, roles: list[Role],
                 referents: Referents | None) -> str | None:
    """The person a description or a title stands for: "the minister", "the 71-year-old"."""
    if referents is None and head.lower_ not in lx.ROLE_NOUNS:
        return None
    phrase = doc_text(doc)[start : head.idx + len(head.text)]
    return describe(phrase, head.idx, roles, referents)


def describe(phrase: str, position: int, roles: list[Role],
             referents: Referents | None) -> str | None:
    """The person a descriptive phrase ending at its head noun stands for, if one fits."""
    words = [w for w in re.findall(r"[\w’'-]+", phrase.casefold()) if w not in {"the", "a", "an"}]
    if not words:
        return None
    lower = words[-1]
    if lower in lx.NOMINAL_KINDS or lower in lx.ORG_DESCRIPTORS or lower in lx.STANDALONE_BODIES:
        return None  # "the union", "the company": an organisation, never a person
    if lower in lx.ROLE_NOUNS:
        holder = person_by_title(phrase, roles)
        if holder is not None:
            return holder
    if referents is None or not phrase.casefold().startswith("the "):
        return None
    found = _AGE_IN_TEXT.search(phrase)
    age = int(found.group(1)) if found else None
    gender = next((lx.GENDERED_NOUNS[w] for w in reversed(words) if w in lx.GENDERED_NOUNS),
                  None)
    described = referents.described(position, gender, age, lower)
    if described is not None:
        return described
    everyday = age is not None or lower in lx.PERSON_NOUNS or lower in lx.GENDERED_NOUNS \
        or lower in lx.PEOPLE_DESCRIPTORS
    if everyday and lower not in lx.OFFICES:
        # "the retired dinner lady says": the person just named, if the description fits
        return referents.person(position, gender, age=age, reach=_DESCRIPTION_REACH)
    return None


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


def _body(noun: Token, referents: Referents | None) -> str | None:
    """The organisation "the department" or "company" (in "a company spokeswoman") means."""
    if referents is None or noun.lower_ not in lx.BODY_NOUNS or noun.tag_ != "NN" \
            or any(c.pos_ == "PROPN" for c in noun.children):
        return None
    return referents.organisation(noun.idx, noun.lower_)


def _org_of(doc: Doc, head: Token, index: EntityIndex, roles: list[Role],
            referents: Referents | None) -> str | None:
    """"a spokesperson for X", "a source at X" (not "a source with knowledge of X").

    X speaks through them whatever X is: a company, a town, or a person ("a spokeswoman
    for the governor").
    """
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "at", "of", "from"}:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                if referents is not None and obj.lower_ in lx.BODY_NOUNS and obj.tag_ == "NN":
                    return _body(obj, referents)  # "a spokesperson for the department"
                if obj.lower_ in lx.OFFICES and doc[obj.left_edge.i].lower_ == "the":
                    # "a spokeswoman for the governor": the one who holds that office
                    holder = _description(doc, obj, obj.left_edge.idx, index, roles, referents)
                    if holder is not None:
                        return holder
                right = obj.right_edge
                found = index.at(obj.left_edge.idx, right.idx + len(right.text))
                if found and index.types.get(found) in _ACTORS:
                    return found
    return None


def _org_modifier(doc: Doc, head: Token, index: EntityIndex,
                  referents: Referents | None) -> str | None:
    """"A company spokeswoman": the organisation the text last called "the company"."""
    for child in head.children:
        if child.dep_ not in {"compound", "amod", "nmod"}:
            continue
        if referents is not None and child.lower_ in lx.BODY_NOUNS:
            return _body(child, referents)
        found = index.at(child.idx, child.idx + len(child.text))
        if found is not None and index.types.get(found) in {"ORG", "GPE"}:
            return found
        noun = child.lower_
        names = {e.id: {w.casefold() for w in e.name.split()} for e in index.entities}
        for m in reversed(index.mentions):
            if m.start >= head.idx or index.types.get(m.entity) != "ORG":
                continue
            named = doc_text(doc)[m.start : m.end].split()[-1].casefold()
            # "the council" linked to its council before, or a council named "X Council"
            if named == noun and (m.kind == "nominal" or noun in names.get(m.entity, ())):
                return m.entity
    return None
