"""Who a noun phrase refers to: a name, a title, a description or a pronoun.

The rules, in the order they are tried for a speaker or an agent:

- A person named in the phrase or in apposition to its head ("Its chair, Jo Pike,",
  "Quendon's northern director, Sam Ode,", "Transport Secretary Ann Lee") is the referent,
  never the organisation or place inside the title.
- A name the index does not hold at that place ("Lunsford said") is the entity with that
  name, or the one person with that surname.
- "a spokesperson for X", "a company spokeswoman" speak for the organisation; so does
  "the council's planning department" for the council.
- "the firm's boss", "its chief executive", "the union leader": whoever holds that post at
  that organisation, else nobody (never the organisation).
- "the minister", "the Tory MP" are the person whose title is that office (by any of its
  names, `kinds.OFFICE_SYNONYMS`); "the 61-year-old retiree", "the retired teacher" the
  person introduced with that age or description, else the person in view (the latest
  speaker or main subject in this paragraph or the one before), else the person last
  mentioned whom the description fits (what a person is or does, never an office: "the
  senator" is not whoever came last); "the former X" never the one who holds X now;
  "The Independent TD" never a node named after the word before the title.
- "the carmaker", "the watchdog", "the shire": the organisation the story called so, or by
  another word for that kind of body, or whose name says it (`kinds`); "the company" of a
  parent and its arm, the one that spoke last, or of any companies the subject of the
  sentence just before. "the co-operative" likewise, though the tokenizer splits it at
  its hyphen; "The Corporation", "the Centre" (a house style that capitalises the kind)
  the body last named with that word in a longer name, not a node named "Corporation".
  A tier asked for ("the regional council", "the shire council") picks the body of that
  tier, and never one whose name or description gives another ("X District Council").
- Of two people a description fits as well, last named in one sentence ("Health Minister X
  and Finance Minister Y"), no one unless one has spoken since: a guess is worse than none.
- "Father X" is "the priest", "Imam X" "the imam"; "the Republican" a politician of that
  party; "the ex-boss" the former manager.
- A dateline is never the subject: "NAIROBI (AP) — Jo Pike, chair of X, said" is Jo Pike's.
- he/she: the person last mentioned or resolved as a speaker whose gender fits (honorifics,
  given names, and the pronouns already resolved to them), outside quotations and never the
  one spoken to; no one named after an unnamed person spoke;
  it/they/we: the organisation or group that spoke last, else the one last mentioned.
  Never a place or a date.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.extract.gazetteer import (
    first_name_gender,
    given_name_gender,
    is_place,
    subdivision_kinds,
)
from storygraph.extract.intervals import Intervals
from storygraph.extract.kinds import (
    ANY_BODY_NOUNS,
    BUSINESS_KINDS,
    BUSINESS_NOUNS,
    LEGISLATURES,
    LOOSE_MODIFIERS,
    MEMBERS,
    NOT_MINISTERIAL,
    OFFICE_SYNONYMS,
    ORG_NOUNS,
    PARTY_POSTS,
    RELATIONS,
    SEATS,
    TOP_OFFICES,
    TOP_TITLES,
    kinds_named,
    kinds_of,
    names_office,
)
from storygraph.extract.roles import person_by_title, title_words
from storygraph.extract.text import doc_text, sentence_of
from storygraph.model import Role
from storygraph.nlp.components import dictionary_word

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Who can say or do things: a country or town speaks through its government,
# a museum or hospital through its staff.
_ACTORS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
_GROUPS = frozenset({"ORG", "NORP"})
# "83-year-old", also as spaCy splits it ("83 - year - old").
_AGE_IN_TEXT = re.compile(r"\b(\d{1,3})\s?-\s?year\s?-\s?old\b")
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
# "the teenager": a person the story gave an age from 13 to 19
_TEENAGERS = frozenset({"teenager", "teen"})
# "The grandmother-of-three" is not the one the story introduced as someone's daughter.
_ELDERS = frozenset("""grandmother grandfather grandma grandpa gran granny grandad granddad
    grandparent great-grandmother great-grandfather""".split())
_ELDER_AGE = 50
# Business nouns that also name a person's trade, and the posts of one who runs the
# business as their own: "the operator" may be the owner who drives the buses.
_OWNER_TRADES = frozenset("""operator producer builder developer housebuilder brewer distiller
    publisher retailer supplier grocer""".split())
_OWNER_TITLES = frozenset({"head", "owner", "co-owner", "founder", "co-founder", "proprietor"})
_CHILDREN = frozenset("daughter son granddaughter grandson child stepdaughter stepson".split())
# One person's kin, named where they are introduced ("his mother, X,", "X, whose son Y,"):
# "his mother said" is then that person.
_KIN = frozenset(lx.KIN_NOUNS - lx.SPOKESPEOPLE - RELATIONS
                 - {"family", "parents", "children", "kids"})
# A body spoken of with no article, as the one of its kind in the story: "Police said".
_BARE_BODIES = frozenset({"police"})
# A country's parts that speak through their governments: "the province said".
_DIVISIONS = frozenset({"state", "province", "territory"})
# Words that make an office one held before: "the former chief executive".
_PAST = frozenset({"former", "ex", "previous", "one-time", "onetime", "erstwhile"})
# ... and the words that say a post is no longer held by one the story introduced so
_FORMERLY = _PAST | {"retired"}
# "Ely-based " right before a name
_BASED_BEFORE = re.compile(r"\b([A-Z][\w.]*)-based\s+$")
# ", which is based in Ely", ", based in Ely", " (headquartered in Ely" right after a name
_BASED_AFTER = re.compile(r"\s*[,(]\s*(?:(?:which|that) (?:is|was) )?(?:based|headquartered) "
                          r"in ([A-Z]\w*)")
# "aged 93", "turned 17", "at the age of 93" in a clause about a person
_AGE_IN_CLAUSE = re.compile(r"\b(?:aged|turned) (\d{1,3})\b|\bat the age of (\d{1,3})\b")
# A party in the possessive before a name: "Labour's Jo Pike".
_PARTY_BEFORE = re.compile(r"\b([A-Z][\w.]*)(?:'s|’s|'|’)\s+$")
# A US politician's party and state after the name: "R-Texas", "D-Minn.".
_PARTY_TAG = re.compile(r"([RDI])-([A-Z][A-Za-z.]+)")
_PARTIES = {"R": "republican", "D": "democrat", "I": "independent"}
# What goes before the title in a description: "the 67-year-old cattle producer".
_ROLE_LEAD = re.compile(r"(?i)(?:(?:the|a|an)\s+)?(?:\d{1,3}\s?-\s?year\s?-\s?old\s+)?")
# Kinds of body often named without a word for their kind ("Prospect", "Shelter", "Ofwat",
# "Extinction Rebellion"), unlike councils, departments or hospitals, and not businesses,
# which the company rules take.
_OFTEN_KINDLESS = frozenset({"union", "charity", "campaign", "association", "regulator", "club"})
# A cleric's honorific before a name, and what a story may call its holder after it:
# "Father X" is "the priest", "Imam X" "the imam", "the Rev X" "the vicar" or "the rector".
_CLERICS = frozenset({"cleric", "clergyman", "clergywoman"})
_PRIESTS = _CLERICS | {"priest"}
_CLERGY: dict[str, frozenset[str]] = {
    **dict.fromkeys(("father", "fr", "monsignor", "msgr"), _PRIESTS),
    **dict.fromkeys(("rev", "revd", "reverend"), _PRIESTS | {
        "reverend", "vicar", "rector", "curate", "pastor", "chaplain"}),
    "pastor": _CLERICS | {"pastor"},
    **{post: _PRIESTS | {post} for post in ("vicar", "rector", "curate", "chaplain")},
    "canon": _PRIESTS | {"canon"},
    "bishop": _PRIESTS | {"bishop"},
    "archbishop": _PRIESTS | {"archbishop"},
    "imam": _CLERICS | {"imam"},
    "rabbi": _CLERICS | {"rabbi"},
}
# A police rank before a name, and what a story may call its holder after it.
_DETECTIVES = frozenset({"detective", "officer"})
_RANKS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("dci", "di"), _DETECTIVES | {"inspector"}),
    **dict.fromkeys(("dcs", "dsupt"), _DETECTIVES | {"superintendent"}),
    "ds": _DETECTIVES | {"sergeant"}, "dc": _DETECTIVES | {"constable"},
    "pc": frozenset({"officer", "constable"}), "sgt": frozenset({"officer", "sergeant"}),
}
# Nouns for any company, whatever it makes or does: of a parent and its arm in view, "the
# company" is the one that acted last.
_ANY_COMPANY = frozenset({"company", "firm", "business"})
# Words (lemmas) that say one body owns another ("X, which is owned by Y", "Y's British arm,
# X"); not a sale or a merger, where either party may be "the company".
_OWNING = frozenset("own owner subsidiary arm unit division parent".split())
# How far back (in paragraphs) an organisation that spoke is still "it" or "they".
_SPEAKER_REACH = 3
# Words for the tier of a government body: "X District Council" is not "the regional council".
_TIERS = frozenset({"regional", "district", "county", "city", "borough", "parish", "town",
                    "municipal", "metropolitan", "provincial", "state", "federal", "national",
                    "community", "village", "shire"})
# How far back (in paragraphs) "the retired teacher" looks for a person it fits, when no
# one was introduced with those words: the person must be fresh in the reader's mind.
_DESCRIPTION_REACH = 2


@dataclass(frozen=True)
class Speaker:
    """The entity a phrase resolves to (if any) and the words the text used."""

    entity: str | None
    text: str | None


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject; conjoined and participial verbs borrow their head's.

    A dateline is never the subject: "NAIROBI, Kenya (AP) — Jo Pike, chair of X, said",
    which the parser may read with the place as the subject, the name as a conjunct of it
    (or as no subject at all), is Jo Pike's."""
    subject = _parsed_subject(verb)
    dash = _dateline_end(verb)
    if dash is None or (subject is not None and subject.i > dash):
        return subject
    return _after_dateline(verb, dash)


# The marks that end a dateline: "LONDON —", "ACCRA, May 2 (Reuters) -", "MUMBAI:".
_DATELINE_DASHES = frozenset({"—", "–", "-", "--", ":"})
# How many tokens a dateline may run: "ACCRA, Ghana, May 2 (Reuters) -"
_DATELINE_TOKENS = 12


def _dateline_end(verb: Token) -> int | None:
    """The index of the mark that ends a dateline opening the cue's sentence before the cue:
    a place (in capitals, or one the model calls a place), then only names, numbers and an
    agency in brackets, then a dash or a colon."""
    sentence = verb.sent
    first = sentence[0]
    if not (first.is_upper and first.is_alpha and len(first) > 1) \
            and first.ent_type_ not in {"GPE", "LOC"}:
        return None
    for token in verb.doc[first.i + 1 : min(verb.i, first.i + _DATELINE_TOKENS)]:
        if token.text in _DATELINE_DASHES and token.tag_ != "HYPH":
            # (not the first of two dashes before the cue: "NHS X — which runs ... — said"
            # sets an aside off a body's name in capitals; a hyphen, "ex-chair", is no dash)
            closing = any(t.text == token.text and t.tag_ != "HYPH"
                          and (t.whitespace_ or t.text != "-")
                          for t in verb.doc[token.i + 1 : verb.i])
            return None if closing else token.i
        if not (token.pos_ in {"PROPN", "NUM", "PUNCT"} or token.is_upper) \
                or token.is_quote:
            return None
    return None


def _after_dateline(verb: Token, dash: int) -> Token | None:
    """Who the words after a dateline name, when they run up to the cue: the last word of
    a name the model found right after the dash ("Jo Pike"), else the head of the phrase
    ("The chief executive of X, Jo Pike,")."""
    doc = verb.doc
    phrase = doc[dash + 1 : verb.i]
    while len(phrase) and phrase[-1].is_punct:
        phrase = phrase[:-1]
    if not len(phrase) or any(t.is_quote or t.pos_ == "AUX" for t in phrase):
        return None
    tops = [t for t in phrase if not phrase.start <= t.head.i < phrase.end]
    if tops and tops[0].pos_ in {"PROPN", "NOUN"}:
        return tops[0]
    first = phrase[0]  # (the parser may take a given name for a verb: "Lieve Vandamme")
    if first.ent_iob_ != "B" or first.ent_type_ not in {"PERSON", "ORG"}:
        return None
    k = first.i
    while k + 1 < phrase.end and doc[k + 1].ent_iob_ == "I":
        k += 1
    return doc[k]


def _parsed_subject(verb: Token) -> Token | None:
    current: Token | None = verb
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "relcl" \
            and verb.i and verb.doc[verb.i - 1].text == ",":
        # "X reopened the stores Y closed, arguing that ...": the participle after the comma
        # goes with the sentence's verb, not the relative clause the parser hung it on
        main = verb.head.head
        while main.pos_ not in {"VERB", "AUX"} and main.head.i != main.i:
            main = main.head
        if main.pos_ in {"VERB", "AUX"}:
            current = main
    for _ in range(3):
        if current is None:
            return None
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) > 1:
            # '"... Not the people of X," said the councillor': a subject the parser took
            # from inside the quotation is not who spoke, when another is outside it
            doc = current.doc
            subjects = [c for c in subjects if not any(
                t.is_quote for t in doc[min(c.i, current.i) : max(c.i, current.i)])] or subjects
            # "Outside court, the 34-year-old said": a common noun set off by a comma before
            # another subject sets the scene; the subject is the one after the comma
            comma = max((t.i for t in doc[subjects[0].i : current.i] if t.text == ","),
                        default=None)
            if comma is not None and any(comma < c.i < current.i for c in subjects):
                subjects = [c for c in subjects if c.i > comma or c.pos_ == "PROPN"]
        if subjects:
            # "The Kelmscombe-based brewer Hopwright Ales said": two subjects; the name wins,
            # the one nearest the verb ("SEOUL, Dec 1 (Reuters) - Daeseong Air said").
            names = [s for s in subjects if s.pos_ == "PROPN"]
            # ... unless a title has the name in apposition ("Ward 3 councillor Jo Pike (DA)
            # said": "Ward" is where, not who)
            names = [s for s in subjects if s.pos_ != "PROPN" and any(
                c.dep_ == "appos" and c.pos_ == "PROPN" for c in s.children)] or names
            subject = min(names, key=lambda s: abs(current.i - s.i)) if names else subjects[0]
            doc = current.doc
            while subject.i + 1 < len(doc) and not subject.whitespace_ \
                    and doc[subject.i + 1] in subjects:
                subject = doc[subject.i + 1]  # "the ex-boss" split in three: the noun is last
            if subject.lower_ in {"who", "which", "that"} and current.dep_ == "relcl":
                return current.head  # "X, who co-founded the firm": the subject is X
            return subject
        if hung_on_name(current):
            return current.head
        aside = _subject_in_aside(current)
        if aside is not None:
            return aside
        # ("acomp": "X was keen to stress that ...", the subject of "was")
        if current.dep_ in {"conj", "advcl", "xcomp", "ccomp", "acl", "acomp"} \
                and current.head is not current:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.lower_ == "by" \
                and current.head.head.pos_ == "VERB":
            current = current.head.head  # ("X responded by saying that ...")
        elif current.dep_ == "pobj" and current.head.dep_ == "prep" \
                and current.head.head.lemma_ == "be" and verb.dep_ == "acl":
            current = current.head.head  # ("X was at pains to stress that ...")
        else:
            return None
    return None


def _subject_in_aside(verb: Token) -> Token | None:
    """"Jo Pike, writing in the Courier, argued ...": the parser makes the name the subject
    of the participle set off by commas before the verb, and leaves the verb without one."""
    doc = verb.doc
    for aside in (c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i
                  and c.tag_ in {"VBG", "VBN"} and c.i > 0 and doc[c.i - 1].text == ","
                  and doc[c.right_edge.i + 1].text == ","):
        subject = next((c for c in aside.children if c.dep_ in SUBJECT_DEPS
                        and c.i < aside.i - 1), None)
        if subject is not None:
            return subject
    return None


def hung_on_name(verb: Token) -> bool:
    """"State Sen. X, a Republican, posted that ...": the parser, finding no finite verb,
    makes the name the root of the sentence and hangs the verb on it as a participle; so
    it does with a finite past after a dateline ("LYON (AP) — X Inc., the retailer, filed
    ... and said"), the name joined to the dateline's place."""
    head = verb.head
    return verb.dep_ == "acl" and head.pos_ == "PROPN" and head.i < verb.i \
        and (head.dep_ == "ROOT" or (verb.tag_ == "VBD" and head.dep_ == "conj"
                                     and head.head.dep_ == "ROOT")) \
        and not any(c.dep_ in {"agent", "auxpass"} for c in verb.children)


@dataclass(frozen=True)
class _Mention:
    start: int
    entity: str
    subject: bool  # the grammatical subject of its clause
    aside: bool  # inside a quotation, or the one spoken to ("told CBC News"): no antecedent
    named: bool  # a name, not "the firm" or a title


class _Positions:
    """Where each entity is mentioned, in text order: a look-up bisects one entity's
    positions instead of walking every earlier mention, which in a long paragraph made
    each look-up as long as the text."""

    def __init__(self, mentions: Iterable[_Mention]) -> None:
        self.starts: dict[str, list[int]] = {}
        for m in mentions:
            self.starts.setdefault(m.entity, []).append(m.start)

    def __iter__(self) -> Iterator[tuple[str, list[int]]]:
        return iter(self.starts.items())

    def last_before(self, entity: str | None, position: int) -> int | None:
        starts = self.starts.get(entity or "", ())
        k = bisect_left(starts, position)
        return starts[k - 1] if k else None

    def first_after(self, entity: str, position: int) -> int | None:
        starts = self.starts.get(entity, ())
        k = bisect_right(starts, position)
        return starts[k] if k < len(starts) else None


class Referents:
    """What pronouns and descriptions can point back to in one article, built once.

    Also learns as it goes: a person once called "she" is female for later pronouns,
    and every resolved speaker is remembered so "it said" can follow the last one.
    """

    def __init__(self, doc: Doc, index: EntityIndex, quoted: Intervals,
                 body: Intervals | None = None, lede: tuple[int, int] | None = None) -> None:
        self.index = index
        self.body = body  # where the story is told: not the headline, headings or captions
        self.lede = lede  # the story's first paragraph of prose
        self.gender: dict[str, str | None] = dict(index.gender)
        self.ages: dict[str, set[int]] = {}
        self.words: dict[str, set[str]] = {}  # words set beside a name
        self.heads: dict[str, set[str]] = {}  # the noun of a description beside a person's name
        self.tasks: dict[str, set[str]] = {}  # what a person's post is over ("who chairs the X")
        # whose lawyer, agent or doctor a person was introduced as ("Her lawyer, X,": "her";
        # "Ann Roe's agent, X,": Ann Roe's entity; "The family's lawyer, X,": "family")
        self.owners: dict[str, str] = {}
        # the words before the noun of a description beside a body's name ("British" in
        # "British snack maker X", "Frankfurt-listed" in "X, the Frankfurt-listed maker")
        self.modifiers: dict[str, set[str]] = {}
        self.called: dict[str, set[str]] = {}  # the nouns a body was referred to by
        self.names = {entity.id: entity.name for entity in index.entities}
        # "people" whose names say they are a body or a place: no "he" or "the coach" for them
        self.bodylike = {e.id for e in index.entities if e.type == "PERSON" and _bodylike(e.name)}
        self._fit: dict[tuple[str, str], int] = {}  # `_fits`, remembered
        self._surnames: dict[str, list[str]] | None = None
        self.mentions: list[_Mention] = []
        # (position, person) of each person named as the subject of a sentence's main verb:
        # who the sentence is about, not someone in its object or an aside
        self.main_subjects: list[tuple[int, str]] = []
        # ... and each organisation named so, with the bodies named inside its phrase
        self.body_subjects: list[tuple[int, str]] = []
        self.named_within: dict[int, set[str]] = {}
        # where a body is named beside another as one subject ("X and Y have blamed each
        # other"), or in brackets only ("(AP)", a dateline's agency): no one's spokesperson
        self.joint: set[int] = set()
        self.bracketed: set[int] = set()
        # Where each non-empty line starts (blank lines between paragraphs do not count).
        self.paragraph_starts = [0, *(m.start() for m in re.finditer(r"(?<=\n)\S",
                                                                      doc_text(doc)))]
        self.sentence_starts = [sentence.start_char for sentence in doc.sents]
        for entity in index.entities:
            if entity.type == "PERSON" and not self.gender.get(entity.id):
                # "Keith says": a lone given name still says he is a man
                given = next((w for w in entity.name.split()
                              if w.casefold().rstrip(".") not in lx.HONORIFICS), None)
                # (a given name before a surname is one, whatever place shares it: "Mary X")
                gender_of = given_name_gender if given != entity.name.split()[-1] \
                    else first_name_gender
                self.gender[entity.id] = (gender_of(given) if given else None) or None
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
                if _main_subject(root) and not quoted.contains(m.start):
                    self.main_subjects.append((m.start, m.entity))
            elif index.types.get(m.entity) in {"ORG", "FAC"} and m.kind == "name":
                family = self._family(span)
                if family is not None and _main_subject(root) and not quoted.contains(m.start):
                    self.main_subjects.append((m.start, family))
                if _main_subject(root) and not quoted.contains(m.start):
                    self.body_subjects.append((m.start, m.entity))
                    # the bodies named in its own phrase ("X UK, the arm of X Group,")
                    self.named_within[m.start] = set(index.entities_in(
                        root.left_edge.idx, root.right_edge.idx + len(root.right_edge)))
                self.words.setdefault(m.entity, set()).update(_beside_body(doc, span))
                self.modifiers.setdefault(m.entity, set()).update(_modifiers_beside(doc, span))
                if _joined(root, index, m.entity):
                    self.joint.add(m.start)
                if span.start and span.end < len(doc) and doc[span.start - 1].text == "(" \
                        and doc[span.end].text == ")":
                    self.bracketed.add(m.start)
        # (position, noun, body) where the story set people at a body: "Researchers at X"
        self.members: list[tuple[int, str, str]] = [
            (token.idx, token.lower_, body) for token in doc if token.lower_ in MEMBERS
            for body in _members_at(token, index)]
        self.mentions += self._unindexed(doc, quoted)
        self.mentions.sort(key=lambda m: m.start)
        self.main_subjects += self._families_unnamed(doc, quoted)
        self.main_subjects.sort()
        self.body_subjects.sort()
        # pairs of bodies one sentence names with a word for owning
        self.owned: set[frozenset[str]] = set()
        for sentence in doc.sents:
            # ("its own plans" says nothing of owning)
            if any(t.lemma_.casefold() in _OWNING and t.pos_ in {"VERB", "NOUN"}
                   for t in sentence):
                bodies = {m.entity for m in index.mentions
                          if sentence.start_char <= m.start < sentence.end_char
                          and index.types.get(m.entity) == "ORG"}
                self.owned.update(frozenset({a, b}) for a in bodies for b in bodies if a != b)
        self.starts = [m.start for m in self.mentions]
        voiced = [m for m in self.mentions if not m.aside]
        named = [m for m in voiced if m.named]
        in_body = [m for m in named if self.body is None or self.body.contains(m.start)]
        self.mentioned = _Positions(self.mentions)
        self.voiced = _Positions(voiced)  # not in a quotation, nor the one spoken to
        self.named = _Positions(named)  # ... and by name
        self.named_subjects = _Positions(m for m in named if m.subject)
        self.body_named = _Positions(in_body)  # ... and where the story is told
        self.body_named_subjects = _Positions(m for m in in_body if m.subject)
        self.spoke: list[tuple[int, str]] = []  # (position, entity) of resolved speakers
        self.first_spoke: dict[str, int] = {}
        # where a speaker the text ties to no entity spoke ("The operator said", "Residents said")
        self.unheard: list[int] = []
        # ... of those, where a person the story does not name spoke ("A former employee said")
        self.unnamed: list[int] = []
        self.kept: list[Role] = []  # roles learnt from descriptions ("the former striker")
        # (position, organisation, gender) where an unnamed spokesman or spokeswoman spoke
        self.spokespeople: list[tuple[int, str, str | None]] = []
        # Named only as the one spoken to ("told CBC News"): an outlet, never "the company".
        self.audiences = {m.entity for m in self.mentions if m.named} - {
            m.entity for m in self.mentions if m.named and not m.aside}

    def _family(self, span: Span) -> str | None:
        """"the Corvens will stay on" (a name the model may take for a body): the family of
        the one person surnamed Corven, who is then the one in view."""
        word = span.text
        if len(span) != 1 or not word.endswith("s") or not span.start \
                or span.doc[span.start - 1].lower_ != "the":
            return None
        people = self._surnamed.get(word[:-1], ())
        return people[0] if len(people) == 1 else None

    @property
    def _surnamed(self) -> dict[str, list[str]]:
        """The people of the story by the last word of their names."""
        if self._surnames is None:
            self._surnames = {}
            for e in self.index.entities:
                if e.type == "PERSON" and " " in e.name:
                    self._surnames.setdefault(e.name.split()[-1], []).append(e.id)
        return self._surnames

    def _families_unnamed(self, doc: Doc, quoted: Intervals) -> list[tuple[int, str]]:
        """"the Corvens" as the subject of a sentence where the model found no name: the
        one person surnamed Corven is still who the sentence is about."""
        return [(token.idx, family) for token in doc
                if token.is_title and token.text.endswith("s") and token.i
                and doc[token.i - 1].lower_ == "the" and _main_subject(token)
                and not quoted.contains(token.idx)
                and self.index.at(token.idx, token.idx + len(token.text)) is None
                and (family := self._family(doc[token.i : token.i + 1])) is not None]

    def _unindexed(self, doc: Doc, quoted: Intervals) -> list[_Mention]:
        """One-word names the entity pass missed at some place ("Ledgerly, the app,",
        "Kennerly, a retired schoolteacher,").

        Only a word that is the whole name or alias of one organisation, or the surname of
        one person and of no one else named (a surname shared may be a relative's); longer
        names are found where they stand.
        """
        covered = Intervals((m.start, m.end) for m in self.index.mentions)
        names: dict[str, str | None] = {}
        surnames: dict[str, str | None] = {}
        for entity in self.index.entities:
            if entity.type == "ORG":
                for name in (entity.name, *entity.aliases):
                    if " " not in name:
                        key = name.casefold()
                        names[key] = entity.id if names.get(key, entity.id) == entity.id \
                            else None
            elif entity.type == "PERSON" and " " in entity.name:
                key = entity.name.split()[-1]
                surnames[key] = entity.id if surnames.get(key, entity.id) == entity.id else None
        found = []
        for token in doc:
            entity = names.get(token.lower_) if token.pos_ == "PROPN" else None
            if entity is None and token.is_title and (token.pos_ == "PROPN" or (
                    token.is_sent_start and token.i + 1 < len(doc)
                    and doc[token.i + 1].text == ",")):
                entity = surnames.get(token.text)  # (the parser may take "Kennerly," for an adverb)
            if entity is not None and not covered.contains(token.idx):
                found.append(_Mention(token.idx, entity, token.dep_ in SUBJECT_DEPS,
                                      _spoken_to(token) or quoted.contains(token.idx), True))
                if entity in names.values():
                    self.words.setdefault(entity, set()).update(
                        _beside_body(doc, doc[token.i : token.i + 1]))
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
        # a title the model took into the name: "Collector K. Anuradha" is "the Collector"
        # (not a given name that ends like a trade: "Porter Jones")
        for token in name[:-1]:
            if not token.is_title or not _post_word(token.lower_) \
                    or first_name_gender(token.text) is not None \
                    or given_name_gender(token.text) is not None:
                break
            words.add(token.lower_)
        # a cleric's honorific, in the name or right before it: "Father X" is "the priest"
        # (capitalised and before the name's last word: not "her father, X", nor "Jo Bishop")
        for token in doc[max(0, name.start - 1) : name.end - 1]:
            if token.is_title:
                words.update(_CLERGY.get(token.lower_.rstrip("."), ()))
            if token.is_upper or token.is_title:
                words.update(_RANKS.get(token.lower_.rstrip("."), ()))  # "DCI X": "the detective"
        heads = self.heads.setdefault(person, set())
        after = doc[name.end] if name.end < len(doc) else None
        letters = after.text.rstrip(".") if after is not None else ""
        if letters.isupper() and letters in lx.POST_NOMINALS:
            words.add(letters.casefold())  # "Jo Pike MSP": "the Tory MSP"
        i = name.start - 1
        # (a title the tagger takes for a verb, "Drumlow captain X", is still a title)
        # (and "Former" opening the sentence: "Former striker X")
        # (and a word capitalised to open the sentence before a lower-case one: "Schools
        # inspector X", "Advocate depute X")
        # (and a participle inside the title: "Former world surfing champion X")
        while i >= 0 and (doc[i].is_lower or doc[i].lower_ in _PAST or (
                doc[i].is_sent_start and doc[i].is_title and i < name.start - 1)) and (
                doc[i].pos_ in {"NOUN", "ADJ", "PROPN"} or doc[i].lower_ in lx.ROLE_NOUNS
                or doc[i].lower_ in _PAST or (i == name.start - 1 and _post_word(doc[i].lower_))
                or (doc[i].tag_ in {"VBG", "VBN"} and doc[i].is_lower and i < name.start - 1)):
            words.add(doc[i].lower_)  # "retired plasterer Jo Pike"
            if i == name.start - 1 and (doc[i].pos_ == "NOUN" or doc[i].lower_ in lx.ROLE_NOUNS):
                heads.add(doc[i].lower_)
            i -= 1
        if i < name.start - 1 and (_post_word(doc[name.start - 1].lower_)
                                   or doc[name.start - 1].lower_ in PARTY_POSTS):
            # "Labour councillor X": "the Labour councillor"; "Green Party candidate X"
            while i >= 0 and doc[i].pos_ == "PROPN" and i >= name.start - 5:
                words.add(doc[i].lower_)
                i -= 1
        based = _BASED_BEFORE.search(doc_text(doc), max(0, name.start_char - 40), name.start_char)
        if based is not None:
            words.add(based.group(1).casefold())  # "Ely-based Jo Pike": "the Ely analyst"
        party = _PARTY_BEFORE.search(doc_text(doc), max(0, name.start_char - 40), name.start_char)
        if party is not None and party.group(1).casefold() in _PARTY_WORDS:
            words.add(party.group(1).casefold())  # "Labour's Jo Pike": "the Labour councillor"
        root = name.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < name.start \
                and root.head.is_lower and (_everyday(root.head.lower_)
                                            or root.head.lower_ in RELATIONS
                                            or root.head.lower_ in _CHILDREN
                                            or root.head.lower_ in _KIN):
            # "another economist, Jo Pike,", "His agent, Jo Pike,": "the economist", "the
            # agent" (an office is left to the roles: "The business secretary, X," is not
            # "the health secretary")
            words.add(root.head.lower_)
            heads.add(root.head.lower_)
            owner = next((c for c in root.head.children if c.dep_ == "poss"), None)
            if owner is not None and (root.head.lower_ in RELATIONS
                                      or root.head.lower_ in _KIN):
                self.owners[person] = _owner_key(owner, self.index)
        if root.dep_ == "appos" and root.head.i < name.start and root.head.pos_ == "NOUN" \
                and any(c.lower_ in _FORMERLY for c in root.head.children if c.i < root.head.i):
            # "The former chief executive of X, Jo Pike,": a former one, as "Former chief
            # executive Jo Pike" is
            words.update({"former", root.head.lower_})
        words.update(_work_done(root))
        before = _AGE_IN_TEXT.search(doc_text(doc)[max(0, name.start_char - 24) : name.start_char])
        if before is not None and not doc_text(doc)[before.end() : name.start_char].strip(" ,"):
            ages.add(int(before.group(1)))  # "83-year-old Ann Lee"
        after = name.end
        if after + 1 < len(doc) and doc[after].text in {",", "("}:
            k = after + 1
            if doc[k].like_num and doc[k].text.isdigit():
                ages.add(int(doc[k].text))  # "Margaret Cawley, 83,"
                k += 1
                if k < len(doc) and doc[k].text in {",", ")"}:
                    k += 1
            if doc[after].text == "(" and k + 1 < len(doc) and doc[k + 1].text == ")" \
                    and doc[k].text[:1].isupper():
                words.add(doc[k].lower_)  # "X (DA)", "X (Lab)": "the DA councillor"
            head = None
            party = _PARTY_TAG.match(doc_text(doc), doc[k].idx)
            if party is not None:  # "Sen. X, R-Texas,": "the Texas Republican"
                words.update({_PARTIES[party.group(1)], party.group(2).rstrip(".").casefold()})
            for token in doc[k : k + 8]:
                if token.text in {",", ".", ";", ")", "—", "–", ":"} or token.is_quote \
                        or token.pos_ in {"VERB", "AUX"} or token.lower_ in {"who", "which"}:
                    break
                if token.pos_ in {"NOUN", "ADJ"} or token.ent_type_ == "NORP":
                    words.add(token.lower_)  # "Keith, a former bus driver,", "a Republican"
                if token.pos_ == "ADP" or token.lower_ in {"whose", "that"}:
                    break  # "a producer whose land", "a manager at the site"
                if token.pos_ == "NOUN":
                    head = token.lower_
            if head is not None:
                heads.add(head)  # what the text says the person is: "a cattle producer"
        ages.update(_age_said(doc, name))
        for clause in (c for c in name.root.children if c.dep_ == "relcl"
                       and c.lemma_ == "represent"):
            # "X, who represents Fennick ward,": "the Fennick councillor"
            words.update(t.lower_ for c in clause.children if c.dep_ == "dobj"
                         for t in c.subtree if t.pos_ == "PROPN")
        for clause in (c for c in name.root.children if c.dep_ == "relcl"):
            # "X, who chairs the planning committee,": what X's post is over
            for thing in (c for c in clause.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
                self.tasks.setdefault(person, set()).update(
                    {thing.lower_, *(c.lower_ for c in thing.children
                                     if c.dep_ == "compound" and c.is_lower)})
        noun = _predicate_noun(name.root)
        if noun is not None:  # "X works as a welder", "X is a retired nurse"
            heads.add(noun.lower_)
            words.update({noun.lower_, *(c.lower_ for c in noun.children
                                         if c.dep_ in {"amod", "compound"} and c.is_lower)})
        held = _post_held(name.root)
        if held is not None:
            # "X, who was chief executive until 2021,", "X stepped down as chair": a former one
            words.update({held.lower_, "former", *(c.lower_ for c in held.children
                                                  if c.dep_ == "compound" and c.is_lower)})

    def learn(self, position: int, entity: str | None, subject: str | None) -> None:
        """Remember a resolved speaker, and what the subject word says about them.

        A pronoun gives a person's gender; "a spokeswoman" (for an organisation) is
        who a "she" in the next sentences may be.
        """
        if entity is None:
            return
        self.spoke.insert(bisect_right(self.spoke, (position, entity)), (position, entity))
        self.first_spoke[entity] = min(position, self.first_spoke.get(entity, position))
        gender = lx.PERSON_PRONOUNS.get(subject or "")
        if gender and not self.gender.get(entity):
            self.gender[entity] = gender
        if subject in lx.ANONYMOUS_SPEAKERS and self.index.types.get(entity) != "PERSON":
            self.spokespeople.append((position, entity, lx.GENDERED_NOUNS.get(subject)))

    def base(self, word: str) -> bool:
        """Whether the story set a body in this place ("X, which is based in Ely"): "the Ely
        firm" is a firm there, not a body the model found in the word."""
        based = f"{word.casefold()}-based"
        return any(based in words for words in self.modifiers.values())

    def members_of(self, position: int, noun: str) -> str | None:
        """"The researchers" after "Researchers at X", a few paragraphs back: X."""
        here = self.paragraph(position)
        return next((body for at, said, body in reversed(self.members) if at < position
                     and said == noun and here - self.paragraph(at) <= _SPEAKER_REACH), None)

    def spoke_unknown(self, position: int, noun: str) -> None:
        """Remember that someone the text ties to no entity spoke here: an "it" or "they"
        right after is most likely them, and so no one known; "he" or "she", if a person
        ("a former employee", "one crofter")."""
        insort(self.unheard, position)
        if _everyday(noun) or noun in RELATIONS:
            insort(self.unnamed, position)

    def unnamed_since(self, person: str, position: int) -> bool:
        """Whether a person the story does not name (or whose name was not found) spoke
        after this person was last mentioned or heard, in this paragraph or the one before:
        a description now is more likely theirs than the named one's."""
        k = bisect_left(self.spoke, (position, "")) - 1
        heard = max((at for at, e in self.spoke[: k + 1] if e == person), default=-1)
        last = max(self.voiced.last_before(person, position) or -1, heard)
        u = bisect_left(self.unnamed, position) - 1
        return u >= 0 and self.unnamed[u] > last \
            and self.paragraph(position) - self.paragraph(self.unnamed[u]) <= 1

    def paragraph(self, position: int) -> int:
        return bisect_right(self.paragraph_starts, position) - 1

    # --- antecedents -----------------------------------------------------------------------

    def pronoun(self, position: int, gender: str) -> str | None:
        """He or she: the person last mentioned or resolved as a speaker, unless someone the
        story does not name spoke since ("A neighbour said ... she said": no one known), or an
        organisation's spokesman or spokeswoman did ("A spokesman for X said ... he said": X)."""
        person = self.person(position, gender)
        said_at = self.voiced.last_before(person, position) if person is not None else None
        for spoken_at, entity in _latest_first(self.spoke, position):
            # a person resolved as a speaker since ("The chairwoman said ... she said"), or
            # one who spoke of the person last named ("Haske said Crantock had apologised. '...,'
            # he added": Haske, not the one Haske spoke of)
            if said_at is not None and spoken_at <= said_at \
                    and not self._spoken_of(spoken_at, said_at, position):
                break
            if self.fits_person(entity, gender):
                person, said_at = entity, spoken_at
                break
        u = bisect_left(self.unnamed, position) - 1
        if u >= 0 and (said_at is None or self.unnamed[u] > said_at) \
                and self.paragraph(position) - self.paragraph(self.unnamed[u]) <= 1:
            # "A former employee said ... 'Nobody knew,' she said": the one who spoke, unnamed
            return None
        k = bisect_left(self.spokespeople, (position, "", None)) - 1
        if k >= 0:
            spoken_at, org, spoken_by = self.spokespeople[k]
            last_person = self.mentioned.last_before(person, position)
            last_person = -1 if last_person is None else last_person
            if spoken_at > last_person and spoken_by in {None, gender} \
                    and self.paragraph(position) - self.paragraph(spoken_at) <= 1:
                return org
        return person

    def _spoken_of(self, spoken_at: int, said_at: int, position: int) -> bool:
        """A mention after a speaker's cue in the cue's own sentence, the pronoun in a later
        sentence of the same paragraph or the next two: the person spoken of, not the one
        speaking."""
        sentence = bisect_right(self.sentence_starts, spoken_at)
        return spoken_at < said_at and bisect_right(self.sentence_starts, said_at) == sentence \
            and bisect_right(self.sentence_starts, position) > sentence \
            and self.paragraph(position) - self.paragraph(spoken_at) <= 2

    def person(self, position: int, gender: str | None, *, age: int | None = None,
               words: frozenset[str] = frozenset(), also: frozenset[str] = frozenset(),
               reach: int | None = None, aged: bool = False,
               unless: frozenset[str] = frozenset()) -> str | None:
        """The person last mentioned before `position` that fits (within `reach` paragraphs):
        one of `words` set beside their name, and one of `also` if any is given, none of
        `unless`; with `aged`, one the story gave that age."""
        found = [(at, entity) for entity, _ in self.voiced
                 if self.fits_person(entity, gender, age, words, also, aged, unless)
                 and (at := self.voiced.last_before(entity, position)) is not None]
        if not found:
            return None
        at, entity = max(found)
        if gender and self.gender.get(entity) != gender:
            # ("Mary Trask met Sam Okafor. '...,' she said": a person whose name says she fits
            # beats a later one whose name says nothing, in the same paragraph)
            known = [(k, e) for k, e in found if self.gender.get(e) == gender
                     and self.paragraph(k) == self.paragraph(at)]
            if known:
                at, entity = max(known)
        return entity if reach is None or self.paragraph(position) - self.paragraph(at) <= reach \
            else None

    def fits_person(self, entity: str, gender: str | None, age: int | None = None,
                     words: frozenset[str] = frozenset(),
                     also: frozenset[str] = frozenset(), aged: bool = False,
                     unless: frozenset[str] = frozenset()) -> bool:
        """Whether a person fits what a pronoun or a description says of them."""
        if self.index.types.get(entity) != "PERSON" or entity in self.bodylike:
            return False
        known = self.gender.get(entity)
        ages = self.ages.get(entity)
        said = self.words.get(entity, set())
        return not (gender and known and known != gender) \
            and not (age is not None and (ages or aged) and age not in (ages or ())) \
            and not (words and not words & said) and not (also and not also & said) \
            and not unless & said

    def in_view(self, position: int, gender: str | None, age: int | None,
                unless: frozenset[str] = frozenset()) -> str | None:
        """The person a story is about at `position`: of the speakers resolved and the people
        named as the subject of a main verb, in this paragraph or the one before, the latest
        whose gender and age fit ("X, who farms with his partner, Y, said ... '...,' the
        41-year-old said": X, not the partner named last)."""
        here = self.paragraph(position)
        people = heapq.merge(_latest_first(self.spoke, position),
                             _latest_first(self.main_subjects, position), reverse=True)
        for at, entity in people:
            if here - self.paragraph(at) > 1:
                return None
            if self.fits_person(entity, gender, age, unless=unless):
                return entity
        return None

    def eldest(self, position: int, gender: str | None,
               unless: frozenset[str] = frozenset()) -> str | None:
        """"The grandmother" no one is in view for: the oldest person named before
        `position` whom the story gave an age of a grandparent's (_ELDER_AGE or more)."""
        found = [(max(ages), entity) for entity, ages in self.ages.items()
                 if ages and max(ages) >= _ELDER_AGE
                 and self.fits_person(entity, gender, unless=unless)
                 and self.voiced.last_before(entity, position) is not None]
        return max(found)[1] if found else None

    def person_after(self, position: int, gender: str | None, age: int | None,
                     unless: frozenset[str] = frozenset()) -> str | None:
        """"THE landlord of one of the town's oldest pubs says he will be forced out" opening
        a story: the first person the next two paragraphs name whom the description fits."""
        if self.lede is None or not self.lede[0] <= position < self.lede[1]:
            return None
        found = [(at, entity) for entity, _ in self.named
                 if self.fits_person(entity, gender, age or None, unless=unless)
                 and (at := self.named.first_after(entity, position)) is not None]
        if not found:
            return None
        at, entity = min(found)
        return entity if self.paragraph(at) - self.paragraph(position) <= 2 else None

    def described(self, position: int, gender: str | None, age: int | None,
                  noun: str, modifiers: frozenset[str] = frozenset()) -> str | None:
        """The person introduced with this age, or with this noun, the latest first; of
        those, one introduced with a word that goes before the noun too ("the Ohio senator"
        for "Sen. X, R-Ohio")."""
        if age is not None and any(age in ages for ages in self.ages.values()):
            # the one introduced with that age, not whoever came since with none given
            return self.person(position, gender, age=age, words=frozenset(), aged=True)
        if any(noun in words for words in self.words.values()):
            fitting = self.person(position, gender, words=frozenset({noun}), also=modifiers) \
                if modifiers else None
            if fitting is None and modifiers & _BELOW:
                return None  # "the deputy leader" is not the leader
            return fitting or self.person(position, gender, words=frozenset({noun}))
        return None

    def division(self, position: int, kind: str) -> str | None:
        """The country's part of that kind ("state", "province") named last before
        `position`: "Ottawa and Manitoba ... The province said" is Manitoba."""
        for k in range(bisect_left(self.starts, position) - 1, -1, -1):
            entity = self.mentions[k].entity
            if self.index.types.get(entity) in {"GPE", "LOC"} \
                    and kind in subdivision_kinds(self.names.get(entity, "")):
                return entity
        return None

    def introduced(self, position: int, noun: str) -> str | None:
        """The person the story introduced as a `noun` ("X, a cattle producer,"), the
        latest before `position`: "the producer" is then that person, not a company."""
        found = [(at, entity) for entity, heads in self.heads.items() if noun in heads
                 and (at := self.voiced.last_before(entity, position)) is not None]
        return max(found)[1] if found else None

    def one_of(self, position: int, people: list[str]) -> str | None:
        """Of several people a description fits as well ("the minister" for two ministers),
        the one mentioned last; but where the last two were last named in one sentence
        ("Health Minister X and Finance Minister Y visited"), only the one of them who has
        spoken since that sentence began, else "" for no one: a guess is worse than none."""
        found = sorted(((at, p) for p in people
                        if (at := self.voiced.last_before(p, position)) is not None),
                       reverse=True)
        if len(found) < 2:
            return found[0][1] if found else None
        sentence = bisect_right(self.sentence_starts, found[0][0]) - 1
        if bisect_right(self.sentence_starts, found[1][0]) - 1 != sentence:
            return found[0][1]
        since = self.sentence_starts[sentence] if sentence >= 0 else 0
        tied = {p for at, p in found
                if bisect_right(self.sentence_starts, at) - 1 == sentence}
        spoke = {p for at, p in _latest_first(self.spoke, position) if at >= since} & tied
        return spoke.pop() if len(spoke) == 1 else ""

    def latest(self, position: int, entities: list[str]) -> str | None:
        """Of these entities, the one mentioned last before `position`."""
        found = [(at, entity) for entity in entities
                 if (at := self.voiced.last_before(entity, position)) is not None]
        return max(found)[1] if found else None

    def organisation(self, position: int, noun: str, *, least: int = 1,
                     modifiers: frozenset[str] = frozenset()) -> str | None:
        """The body "the company", "the union", "the carmaker", "the shire" refers back to
        (see `_organisation`); what it was called is remembered as what kind it is."""
        found = self._organisation(position, noun, least, modifiers)
        if found is not None:
            self.called.setdefault(found, set()).add(noun)
        return found

    def _organisation(self, position: int, noun: str, least: int,
                      modifiers: frozenset[str]) -> str | None:
        """The body "the company", "the union", "the carmaker", "the shire" refers back to.

        Best, one the story called so ("the carmaker X", "X, the ASX-listed miner") or whose
        name says it is that kind of body ("X Motors" makes cars, "X Hospital" is a
        hospital, not "X Hospital Nurses' Federation"); then one with the word elsewhere in
        its name ("X Shire Council" for "the shire"); else, for a business noun ("the
        company", "the retailer"), any company that was the subject of a sentence or spoke,
        when none says what it is. Of these, the one named in this paragraph, else the one
        named in the one before unless another was named more often (then that one, the
        story's main body of the kind), else the one the story introduced first; else, for
        a business noun, the one company the story has named, if named in this paragraph or
        the one before. Never the one only spoken to, nor one named only in a headline or
        caption. With `least` 3, only a body the story called so or whose name's head says
        it (a word `kinds` does not know: "the foundry" is no "X Foundry Workers Union").
        Words before the noun
        ("the Frankfurt-listed group", "the British company") pick, of these, the last one
        described with them. Where none fits, "the union" (a kind of body often named
        without a word for its kind: `_OFTEN_KINDLESS`) may be a body whose name and
        description say no kind ("Prospect said ... The union said") that spoke a few
        paragraphs back or was a subject in this paragraph or the one before, unless the
        story called it a body of another kind ("the company").
        """
        here = self.paragraph(position)
        # (first, last place, times) each body that may be meant is named before `position`
        pools: tuple[dict[str, tuple[int, int, int]], ...] = ({}, {}, {})
        for entity, starts in self.body_named:
            fit = self._fits(entity, noun)
            if fit < max(least, 1):
                continue
            if fit == 1 and not self._spoke_before(entity, position):
                starts = self.body_named_subjects.starts.get(entity, [])
            k = bisect_left(starts, position)
            if k:
                pools[3 - fit][entity] = (starts[0], starts[k - 1], k)
        # (any body so described, though named only in passing: "Velmont's X and Y's Z bid")
        described = [(starts[k - 1], e) for e, starts in self.body_named
                     if modifiers & self.modifiers.get(e, set())
                     and self._fits(e, noun) >= max(least, 1)
                     and (k := bisect_left(starts, position))]
        if described:
            return max(described)[1]
        if modifiers & _TIERS:
            # "the shire council": of the councils, the ones of that tier, if any
            tiered = tuple({e: v for e, v in pool.items() if modifiers & self._tiers(e)}
                           for pool in pools)
            pools = tiered if any(tiered) else pools
        found = self._pooled(here, pools)
        if found is not None and self._placed_apart(modifiers, found):
            return None  # "the Velmont company" is not the one the story set in Corran
        if found is not None and self._tier_apart(modifiers, found):
            return None  # "the regional council" is not "X District Council"
        if found is not None and noun in _ANY_COMPANY:
            acting = self._acting(position, found, {e: 3 - k for k, pool in enumerate(pools)
                                                    for e in pool})
            if acting is not None:
                return acting
        if found is not None:
            return found
        if least <= 1 and noun in BUSINESS_NOUNS:
            # "Staff at X were told ... The supermarket said": the one company named in
            # this paragraph or the one before, though only as the place where things
            # happened (one named further back, a dateline's agency, is out of view)
            named = [(starts[k - 1], e) for e, starts in self.body_named
                     if self._fits(e, noun) and (k := bisect_left(starts, position))
                     and here - self.paragraph(starts[k - 1]) <= 1]
            if len(named) == 1:
                return named[0][1]
        if least <= 1 and kinds_of(noun) & _OFTEN_KINDLESS:
            kindless = []
            for entity, _ in self.named:
                spoke = self._spoke_before(entity, position) \
                    or self._officer_spoke(entity, position)
                last = (self.named if spoke else self.named_subjects).last_before(entity, position)
                if last is not None and here - self.paragraph(last) <= (
                        _SPEAKER_REACH if spoke else 1) and self._kindless(entity, noun):
                    kindless.append((last, entity))
            if kindless:
                return max(kindless)[1]
        if self.lede is not None and self.lede[0] <= position < self.lede[1]:
            return self._named_after(position, noun, max(least, 2))
        return None

    def _placed_apart(self, modifiers: frozenset[str], body: str) -> bool:
        """Whether a place asked for ("the Velmont company") is not one the story set the
        body in, where it set it in another."""
        def places(words: Iterable[str]) -> set[str]:
            return {w for w in words if is_place(w) or self.base(w)}
        asked, said = places(modifiers), places(self.modifiers.get(body, ()))
        return bool(asked and said) and not asked & said

    def _tier_apart(self, modifiers: frozenset[str], body: str) -> bool:
        """Whether a tier of government asked for ("the regional council", "the county
        council") is not the body's, whose name or description gives another."""
        asked, said = modifiers & _TIERS, self._tiers(body)
        return bool(asked and said) and not asked & said

    def _tiers(self, body: str) -> set[str]:
        """The tiers of government a body's name or description gives."""
        return (_name_words(self.names[body]) | self.modifiers.get(body, set())
                | self.words.get(body, set())) & _TIERS

    def _pooled(self, here: int, pools: tuple[dict[str, tuple[int, int, int]], ...]
                ) -> str | None:
        """Of the bodies that may be meant, best fit first, (first, last place, times) each
        is named: the one named in this paragraph, else in the one before unless another
        was named more often, else the one the story introduced first."""
        for pool in pools:
            recent = [(last, e) for e, (_, last, _) in pool.items()
                      if here - self.paragraph(last) <= 1]
            if recent:
                last, entity = max(recent)
                if self.paragraph(last) == here:
                    return entity
                # (one named in passing in the paragraph before, "X Community Council
                # chair Y said", is not "the council" of a story that named another more)
                most, (_, _, times) = max(pool.items(),
                                          key=lambda item: (item[1][2], -item[1][0]))
                return most if times > pool[entity][2] else entity
            if pool:
                return min((first, e) for e, (first, _, _) in pool.items())[1]
        return None

    def _related(self, one: str, other: str) -> bool:
        """Whether two bodies are a parent and its arm: their names open with the same word
        ("X UK", "X Group"), or one sentence names both with a word for owning ("X, which is
        owned by Y", "Y's British subsidiary, X")."""
        if one == other:
            return False
        first = {e: self.names[e].split()[0].casefold() for e in (one, other)}
        # (a brand's own word, not a common one many bodies open with: "National Ferries"
        # and "National Coaches" are no parent and arm)
        return (first[one] == first[other] and first[one] not in _DETERMINERS
                and not dictionary_word(first[one])) \
            or frozenset({one, other}) in self.owned

    def _acting(self, position: int, found: str, fits: dict[str, int]) -> str | None:
        """The company "the company" means, where it is not `found` (the body chosen by
        fit and place): of the companies that may be meant (`fits`, with how well each
        fits), the one that spoke last in this paragraph or the one before, of those that
        fit best, if it and `found` are a parent and its arm; else the subject of the main
        verb of the sentence just before ("X confirmed the date. In a statement, the company
        said"), or one that named `found` in its own phrase ("X UK, the British arm of X
        Group, will close ... the company said")."""
        here = self.paragraph(position)
        spoke = [(at, e) for at, e in _latest_first(self.spoke, position)
                 if e in fits and here - self.paragraph(at) <= 1
                 # (not one the story has called a body of another kind: "the union")
                 and all(kinds_of(noun) & BUSINESS_KINDS for noun in self.called.get(e, ()))]
        if spoke:
            best = max(fits[e] for _, e in spoke)
            last = next(e for _, e in spoke if fits[e] == best)
            return last if self._related(last, found) else None
        sentence = bisect_right(self.sentence_starts, position) - 1
        for at, entity in _latest_first(self.body_subjects, position):
            if here - self.paragraph(at) > 1:
                break
            if entity in fits and (bisect_right(self.sentence_starts, at) == sentence
                                   or found in self.named_within.get(at, ())):
                return entity
        return None

    def _named_after(self, position: int, noun: str, least: int) -> str | None:
        """"... shift patterns that the union says will cut pay" in a lede, before the story
        names the union: the first body of that kind named in the next two paragraphs."""
        if self.body is None:
            return None
        found = [(at, entity) for entity, _ in self.body_named
                 if (at := self.body_named.first_after(entity, position)) is not None
                 and self._fits(entity, noun) >= least]
        if not found:
            return None
        at, entity = min(found)
        return entity if self.paragraph(at) - self.paragraph(position) <= 2 else None

    def _spoke_before(self, entity: str, position: int) -> bool:
        return self.first_spoke.get(entity, position) < position

    def _officer_spoke(self, entity: str, position: int) -> bool:
        """Whether someone whose title names the body ("GMB organiser Jo Pike") spoke in
        this paragraph or the one before: the body speaks through its officer."""
        here = self.paragraph(position)
        name = _name_words(self.names[entity])
        for spoken_at, person in _latest_first(self.spoke, position):
            if here - self.paragraph(spoken_at) > 1:
                return False
            if self.index.types.get(person) == "PERSON" and name <= self.words.get(person, set()):
                return True
        return False

    def body_named_with(self, position: int, word: str, *, longer: bool = False) -> str | None:
        """"Fire officials said", "Police said": the organisation last named with that word
        in its name ("the Drumlow Fire Department", "Kilbrae Police"); before the story
        names it, the first one named later in the paragraph (in a lede, in the next two
        paragraphs). With `longer`, only a name of more words than that one."""
        wanted = word.casefold()
        bodies = [e for e, _ in self.named if self.index.types.get(e) == "ORG"
                  and wanted in _name_words(self.names[e])
                  and not (longer and len(self.names[e].split()) < 2)]
        before = [(at, e) for e in bodies
                  if (at := self.named.last_before(e, position)) is not None]
        if before:
            return max(before)[1]
        after = [(at, e) for e in bodies
                 if (at := self.named.first_after(e, position)) is not None]
        if not after:
            return None
        at, entity = min(after)
        # (in a lede, the next two paragraphs; elsewhere the same one: "Police said a man
        # had been arrested. Cumbria Police said he had been released")
        reach = 2 if self.lede is not None and self.lede[0] <= position < self.lede[1] else 0
        return entity if self.paragraph(at) - self.paragraph(position) <= reach else None

    def _kindless(self, entity: str, noun: str) -> bool:
        """Whether nothing says what kind of body an organisation is ("Prospect", "the GMB"),
        nor that it is of another kind than `noun` says."""
        if self.index.types.get(entity) != "ORG":
            return False
        name = self.names[entity]
        words = {w.strip("’'").casefold() for w in name.split()}
        said = words | self.index.descriptors.get(entity, set()) | self.words.get(entity, set())
        if kinds_named(said) or words & lx.OUTLET_HEADS \
                or name.split()[-1].casefold() in lx.ORG_NAME_HEADS - lx.UNION_WORDS:
            return False  # ("X Construction", "the X Government" say what they are)
        return all(kinds_of(other) & kinds_of(noun) for other in self.called.get(entity, ()))

    def fits(self, entity: str, noun: str) -> bool:
        """Whether the story says the entity is that kind of body."""
        return self._fits(entity, noun) >= 2

    def _fits(self, entity: str, noun: str) -> int:
        """3: the entity is that kind of body; 2: its name holds the word; 1: it may be
        ("the company"); 0: it is not. (Remembered: what it reads is settled once the
        referents are built, and every "the company" asks it of every body before it.)"""
        fit = self._fit.get((entity, noun))
        if fit is None:
            fit = self._fit[entity, noun] = self._fits_now(entity, noun)
        return fit

    def _fits_now(self, entity: str, noun: str) -> int:
        kind = self.index.types.get(entity)
        if kind == "PERSON":
            return 0
        name = self.names[entity]
        if kind not in {"ORG", "FAC"} and not kinds_of(noun) & kinds_named(
                {name.split()[-1].casefold()}):
            return 0  # (a museum or a hospital may be typed a place, "X Air" a town)
        words = [w.strip("’'").casefold() for w in name.split()]
        # The head stands before "of" or "for" ("Department for X"), and is not a number
        # ("Local 88").
        cut = next((k for k, w in enumerate(words) if w in {"of", "for"}), len(words))
        head = next((w for w in reversed(words[:cut]) if not w.isdigit()), "")
        described = (self.index.descriptors.get(entity, set()) - set(words)) \
            | self.words.get(entity, set()) | {head}
        wanted = kinds_of(noun)
        if "union" in wanted and _employers_body(words, head) \
                and "union" not in kinds_named(described - {head}):
            return 0  # (a builders' federation is no union, unless the story calls it one)
        if wanted and wanted <= BUSINESS_KINDS and "union" in kinds_named({head}):
            return 0  # ("the foundry" is no "Foundry Workers Union": a union is no business)
        if "company" in wanted:  # a carmaker or a bank is a company too
            wanted |= BUSINESS_KINDS
        if noun in described or head in lx.BODY_NOUNS.get(noun, ()) \
                or wanted & kinds_named(described) or noun == _singular(head):
            return 3  # ("X Dairies" is "the dairy")
        if noun in words or noun in {_singular(w) for w in words} \
                or (wanted & kinds_named(set(words)) and not kinds_named({head})):
            # "X Shire Council" is the shire, "Indigenous Services X" a department, but
            # "X Paper Workers Union" is a union, not a paper maker
            return 2
        if noun in ANY_BODY_NOUNS:
            # ("the organisation" may be any body but an outlet: a charity, a union)
            return int(kind == "ORG" and head not in lx.OUTLET_HEADS)
        if noun not in BUSINESS_NOUNS or kind != "ORG" \
                or head in lx.OUTLET_HEADS or set(words) & lx.NON_COMPANY_HEADS \
                or kinds_named(described) - BUSINESS_KINDS:
            return 0  # (nor one the story said is another kind of body: a union, a charity)
        return 1

    def spoke_last(self, position: int, types: frozenset[str]) -> str | None:
        """Who spoke last before `position`, in its paragraph or the one before, if one of
        these types."""
        k = bisect_left(self.spoke, (position, "")) - 1
        if k < 0:
            return None
        spoken_at, entity = self.spoke[k]
        if self.index.types.get(entity) not in types \
                or self.paragraph(position) - self.paragraph(spoken_at) > 1:
            return None
        return entity

    def spoken_for(self, position: int, roles: list[Role]) -> str | None:
        """The organisation a bare "a spokesperson said" speaks for: the one that spoke
        last, else the one the sentences just before were about (see `subject_body`), else
        the one organisation named in this paragraph or the one before, if no one but its
        own officers ("Chief executive X said") has spoken since; never one named beside
        another as one subject ("X and Y blamed each other"), nor a dateline's agency; None
        where two are as likely."""
        told = self._told(position)
        for found in (self.spoke_last(position, frozenset({"ORG"})), self.subject_body(position)):
            if found is not None and found not in told:
                return None if not found or self.named.last_before(found, position) \
                    in self.joint else found
        here = self.paragraph(position)
        bodies = {e for e, starts in self.body_named if self.index.types.get(e) == "ORG"
                  and e not in told
                  and any(here - self.paragraph(at) <= 1 and at not in self.bracketed
                          for at in starts[: bisect_left(starts, position)])}
        if len(bodies) != 1:
            return None
        body = bodies.pop()
        since = self.body_named.last_before(body, position) or 0
        spoke = {e for at, e in _latest_first(self.spoke, position) if at > since}
        return body if all(e == body or _officer(e, body, roles) for e in spoke) else None

    def _told(self, position: int) -> set[str]:
        """Who the sentence at `position` says was spoken to ("A spokesperson told the Echo"):
        never the one the spokesperson speaks for."""
        k = bisect_right(self.sentence_starts, position)
        end = self.sentence_starts[k] if k < len(self.sentence_starts) else None
        told = {m.entity for m in self.mentions[bisect_left(self.starts, position):]
                if (end is None or m.start < end) and m.aside}
        # (and the body whose name holds the short name it was told by: "the Echo")
        words = [_name_words(self.names.get(e, "")) for e in told]
        return told | {e for e, name in self.names.items()
                       if any(w and w <= _name_words(name) for w in words)}

    def subject_body(self, position: int) -> str | None:
        """The organisation last named as a sentence's subject, in this paragraph or the one
        before, if no one has spoken since; "" where that sentence has another as a subject
        too ("X wants to build a depot, but Y has refused"): either may be meant."""
        here = self.paragraph(position)
        found = [(at, e) for e, _ in self.named_subjects if self.index.types.get(e) == "ORG"
                 and (at := self.named_subjects.last_before(e, position)) is not None
                 and here - self.paragraph(at) <= 1]
        if not found:
            return None
        at, entity = max(found)
        k = bisect_left(self.spoke, (position, "")) - 1
        if k >= 0 and self.spoke[k][0] >= at:
            return None
        sentence = bisect_right(self.sentence_starts, at)
        return "" if any(e != entity and bisect_right(self.sentence_starts, other) == sentence
                         for other, e in found) else entity

    def group(self, position: int, types: frozenset[str]) -> str | None:
        """The organisation that spoke last (a few paragraphs back), else the last one named."""
        here = self.paragraph(position)
        k = bisect_left(self.spoke, (position, "")) - 1
        u = bisect_left(self.unheard, position) - 1
        if u >= 0 and here - self.paragraph(self.unheard[u]) <= 1 \
                and (k < 0 or self.spoke[k][0] < self.unheard[u]) \
                and not any(m.subject and self.index.types.get(m.entity) in types for m in
                            self.mentions[bisect_left(self.starts, self.unheard[u]) :
                                          bisect_left(self.starts, position)]):
            # "The operator said ... It said": the operator, whoever that is (unless a body
            # was the subject of a sentence since)
            return None
        if k >= 0:
            spoken_at, entity = self.spoke[k]
            # (a hospital or a museum that spoke speaks as an organisation)
            if self.index.types.get(entity) in types | {"FAC"} \
                    and here - self.paragraph(spoken_at) <= _SPEAKER_REACH:
                return entity
        for k in range(bisect_left(self.starts, position) - 1, -1, -1):
            m = self.mentions[k]
            if not m.aside and self.index.types.get(m.entity) in types:
                return m.entity
        return None


def _body_subject_before(doc: Doc, pronoun: Token, index: EntityIndex, roles: list[Role],
                         referents: Referents, types: frozenset[str]) -> str | None:
    """The body that is the subject of the sentence right before the pronoun's, in its
    paragraph: "X has bought the depot. It said ..." is X, whoever spoke before; so is
    "The association has gathered 900 signatures. They said ...". Not a person, nor a
    pronoun (the chain goes on through what was learned)."""
    sentence = pronoun.sent
    if sentence.start == 0 or doc[sentence.start - 1].is_space \
            or "\n" in doc[sentence.start - 1].text_with_ws:
        return None  # (the first sentence of its paragraph)
    root = doc[sentence.start - 1].sent.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ == "PRON" or any(
            c.dep_ in {"conj", "cc"} for c in subject.children):
        return None  # ("X and Y have fought": either)
    if subject.pos_ == "PROPN":
        found = index.at(subject.idx, subject.idx + len(subject.text))
    elif _body_noun(subject):
        found = resolve_reference(doc, subject, index, roles, referents, speaking=False).entity
    else:
        return None
    return found if found is not None and index.types.get(found) in types else None


def _bodylike(name: str) -> bool:
    """A name the model took for a person's that says it is a body's or a place's ("Dunmore
    Water", "Brindle Town", "Orrin County"): no given name opens it, and its last word is
    the head of a body's or an area's name."""
    words = name.split()
    if len(words) < 2 or given_name_gender(words[0]) is not None \
            or words[0].casefold().rstrip(".") in lx.HONORIFICS:
        return False
    last = words[-1].casefold()
    return last in lx.ORG_NAME_HEADS or last in lx.CLUB_HEADS or last in lx.PLACE_NAME_HEADS \
        or last in lx.LOC_NAME_HEADS or bool(kinds_named({last}))


def _employers_body(words: list[str], head: str) -> bool:
    """Whether a name whose head may be a union's ("federation", "guild") says its members
    are businesses ("X Building Federation", "Federation of Small Businesses") and not
    workers ("X Transport Workers' Federation")."""
    return head in lx.SHARED_UNION_HEADS and bool(lx.EMPLOYER_WORDS.intersection(words)) \
        and not lx.WORKER_WORDS.intersection(words)


def _singular(word: str) -> str:
    """The singular of a plural noun in a name ("dairies", "farms"), else the word."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us")) else word


def _latest_first(found: list[tuple[int, str]], position: int) -> Iterator[tuple[int, str]]:
    """Of (position, entity) pairs in order, those before `position`, the latest first,
    without copying the list (a long article asks at every pronoun)."""
    for k in range(bisect_left(found, (position, "")) - 1, -1, -1):
        yield found[k]


def _beside_body(doc: Doc, name: Span) -> set[str]:
    """Nouns that say what an organisation is, set beside its name: "carmaker Ostrand
    Motors", "meat processor X", "X, the ASX-listed miner behind ...", "X, the regulator,"."""
    found = set()
    i = name.start - 1
    while i >= 0 and doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ", "PROPN"}:
        glued = _glued_span(doc[i]) if i == name.start - 1 else None
        if glued is not None:
            # ("dairy co-operative X": the tagger may take "operative" for an adjective)
            found.add(glued.text.casefold())
            i = glued.start
        elif doc[i].pos_ != "ADJ":
            found.add(doc[i].lower_)
        i -= 1
    found |= {c.lower_ for c in name.root.children
              if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i >= name.end}
    if name.root.dep_ == "appos" and name.root.head.pos_ == "NOUN" \
            and name.root.head.i < name.start:
        found.add(name.root.head.lower_)  # "the industry regulator, Ebury,"
    return found


# What a court report calls the one it tries, and the verbs of being tried.
_DEFENDANT = frozenset({"defendant", "accused"})
_TRIED = frozenset({"charge", "convict", "sentence", "jail", "acquit", "remand", "indict",
                    "prosecute", "fine"})


def _work_done(name: Token) -> set[str]:
    """What a person is by what the sentence says they did: "X founded the firm", "the firm
    was founded by X" make X its founder (`lexicon.ROLE_VERBS`); "Passing sentence, X told"
    makes X the judge."""
    verb = name.head
    if name.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head  # "founded in 1986 by X"
    elif name.dep_ == "nsubjpass" and verb.lemma_ in _TRIED:
        return set(_DEFENDANT)  # "X was charged with ...", "X was jailed for ..."
    elif name.dep_ != "nsubj":
        return set()
    if verb.lemma_ == "plead":
        return set(_DEFENDANT)  # "X pleaded guilty at Quendon Crown Court"
    # (the parser may keep only "sentence" of "Passing sentence,")
    if name.dep_ == "nsubj" and any(
            c.dep_ in {"advcl", "npadvmod"} and c.i < name.i and (c.lemma_ == "sentence" or (
                c.lemma_ == "pass" and any(o.lower_ == "sentence" for o in c.children)))
            for c in verb.children):
        return {"judge"}  # "Passing sentence, Lady X said", "Sentencing him, X told"
    title = lx.ROLE_VERBS.get(verb.lemma_) if verb.pos_ == "VERB" else None
    return {title} if title is not None else set()


def _age_said(doc: Doc, name: Span) -> set[int]:
    """An age a sentence gives a person outside "X, 64,": "X is 64", "X, who is 62,",
    "X, aged 40,", "X, who has died aged 93", "X, who died at the age of 90"."""
    found: set[int] = set()
    root = name.root
    clauses = [c for c in root.children if c.dep_ in {"relcl", "acl", "amod"} and c.i > root.i]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        clauses.append(root.head)
    for clause in clauses:
        if clause.lemma_ == "be":
            found |= {int(c.text) for c in clause.children
                      if c.dep_ in {"attr", "acomp"} and c.text.isdigit() and 0 < int(c.text) < 120}
        else:
            words = doc_text(doc)[clause.left_edge.idx : clause.right_edge.idx
                                   + len(clause.right_edge.text)]
            found |= {int(a or b) for a, b in _AGE_IN_CLAUSE.findall(words)}
    return found


def _predicate_noun(subject: Token) -> Token | None:
    """What a sentence says its subject is or works as: "X is a welder", "X works as a
    nurse", "X became the club's captain"."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_ not in {"be", "become", "work", "serve"}:
        return None
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN":
            return child
        if child.dep_ == "prep" and child.lower_ == "as":
            return next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"),
                        None)
    return None


# Verbs that say of their subject a post held before: "served as", "stepped down as".
_LEFT_POST = frozenset({"serve", "step", "retire", "resign", "quit"})


def _post_held(name: Token) -> Token | None:
    """The post a sentence says a person held before: "X, who was chief executive until
    2021,", "X served as chair", "X stepped down as chief executive" (not "X is chair")."""
    verbs = [c for c in name.children if c.dep_ == "relcl" and c.i > name.i]
    if name.dep_ == "nsubj":
        verbs.append(name.head)
    for verb in verbs:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or (subject != name and subject.lower_ != "who"):
            continue
        if verb.lemma_ == "be" and verb.tag_ == "VBD":
            noun = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"),
                        None)
        elif verb.lemma_ in _LEFT_POST:
            noun = next((o for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
                         for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
        else:
            continue
        if noun is not None and _post_word(noun.lower_):
            return noun
    return None


def _modifiers_beside(doc: Doc, name: Span) -> set[str]:
    """The words before the noun of a description set beside a body's name: before the name
    ("British snack maker X": british, snack) and in apposition after it ("X, the
    Frankfurt-listed maker of crisps,": frankfurt-listed)."""
    found = set()
    i = name.start - 1
    while i >= 0 and not doc[i].is_space and (doc[i].pos_ in {"ADJ", "NOUN", "PROPN"} or (
            doc[i].tag_ in {"VBN", "HYPH"} and not doc[i].whitespace_)) \
            and not (doc[i].ent_type_ and doc[i].ent_type_ not in {"NORP", "GPE"}):
        i -= 1
    if i + 1 < name.start:
        found |= _words_before(doc, doc[i + 1].idx, doc[name.start])
    if i >= 1 and i == name.start - 1 and doc[i].text in {"'s", "’s"} \
            and (doc[i - 1].ent_type_ in {"GPE", "LOC"} or is_place(doc[i - 1].text)):
        found.add(doc[i - 1].lower_)  # "Velmont's X": "the Velmont company"
    for appos in (c for c in name.root.children if c.dep_ == "appos" and c.i >= name.end):
        found |= _words_before(doc, appos.left_edge.idx, appos)
    text = doc_text(doc)
    based = _BASED_BEFORE.search(text, max(0, name.start_char - 40), name.start_char) \
        or _BASED_AFTER.match(text, name.end_char)
    if based is not None:
        # "Ely-based X", "X, which is based in Ely,": "the Ely-based firm", "the Ely firm"
        place = based.group(1).casefold()
        found |= {place, f"{place}-based"}
    return found


def _words_before(doc: Doc, start: int, head: Token) -> frozenset[str]:
    """The words of a phrase from `start` up to its head noun, lower-cased, hyphenated words
    whole, without determiners: "The Frankfurt-listed group" gives frankfurt-listed."""
    words = (w.strip(",.’'").casefold() for w in doc_text(doc)[start : head.idx].split())
    return _with_bases(w for w in words if w and w not in _DETERMINERS)


def _with_bases(words: Iterable[str]) -> frozenset[str]:
    """Words with the place of each "X-based" beside it: "the Ely-based firm" is the Ely
    firm."""
    found = set(words)
    return frozenset(found | {w.removesuffix("-based") for w in found if w.endswith("-based")})


def _officer(person: str, body: str, roles: list[Role]) -> bool:
    """Whether a person holds a post that heads a body at this one, or at none the text
    says ("Chief executive X" in a story about one company)."""
    return any(r.person == person and r.org in {None, body}
               and any(top in r.title.casefold() for top in TOP_TITLES) for r in roles)


def _joined(root: Token, index: EntityIndex, entity: str) -> bool:
    """Whether a name is joined by "and" to another entity's as one subject: "X and Y
    have blamed each other", "Y and X said"."""
    if root.dep_ not in SUBJECT_DEPS and not (root.dep_ == "conj"
                                              and root.head.dep_ in SUBJECT_DEPS):
        return False
    others = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        others.append(root.head)
    return any((found := index.at(t.idx, t.idx + len(t.text))) is not None and found != entity
               for t in others)


def _main_subject(token: Token) -> bool:
    """The subject of its sentence's main verb (or of a verb joined to it), or a name in
    apposition to it."""
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        token = token.head  # "Her daughter, Jo Pike, thought": Jo Pike is the subject
    verb = token.head
    return token.dep_ in SUBJECT_DEPS and (verb.dep_ == "ROOT" or (
        verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


def _members_at(token: Token, index: EntityIndex,
                types: frozenset[str] | None = frozenset({"ORG", "FAC"})) -> list[str]:
    """The body people are set at: "Researchers at X", "scientists from X", "lawyers for
    X" (of these `types`, or anything named)."""
    found = []
    for prep in (c for c in token.children if c.dep_ == "prep"
                 and c.lower_ in {"at", "from", "of", "with", "for"}):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            # (up to the noun: not a place in an apposition, "X, a Leeds consultancy")
            body = index.at(obj.left_edge.idx, obj.idx + len(obj.text))
            if body is not None and (types is None or index.types.get(body) in types):
                found.append(body)
    return found


# Cue verbs whose "to X" is a body asked to act, not an outlet told ("complained to the
# council", "reported it to police", "wrote to X"): the body that may answer.
_PETITIONS = frozenset({"complain", "appeal", "report", "write", "apply", "petition", "protest",
                        "object", "plead", "submit"})


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
    return head.pos_ == "VERB" and head.lemma_ in lx.CUE_VERBS and head.lemma_ not in _PETITIONS


def resolve_reference(doc: Doc, head: Token, index: EntityIndex, roles: list[Role],
                      referents: Referents | None = None, *, speaking: bool = True) -> Speaker:
    """Resolve the noun phrase headed by `head` to an entity of the article: the one who
    speaks, or with `speaking` False the one who acts ("Members of X voted" is X's vote, "Members
    of X said" no one named)."""
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
            before = _body_subject_before(doc, head, index, roles, referents, types)
            return Speaker(before or referents.group(head.idx, types), head.text)
        return Speaker(index.last_before(head.idx, types={"ORG"}), head.text)
    if lower in lx.BYSTANDERS:
        return Speaker(None, text)  # "Residents of X said": no one the story names, not X
    if referents is not None and lower in _DIVISIONS and head.tag_ == "NN" \
            and [c.lower_ for c in head.children] == ["the"]:
        found = referents.division(head.idx, lower)
        if found is not None:
            return Speaker(found, text)  # "Ottawa and Manitoba ... The province said"
    if lower in (lx.BODY_VOICES if speaking else lx.GROUP_MEMBERS) and head.tag_ == "NNS":
        body = next(iter(_members_at(head, index)), None)
        if body is not None:
            return Speaker(body, text)  # "Campaigners from X", "Analysts at X, a Y firm,"
    if speaking and lower in lx.BODY_MEMBERS and head.tag_ in {"NNS", "NN"} \
            and _members_at(head, index, None):
        return Speaker(None, text)  # "Supporters of X", "Staff at X": themselves, not X
    if referents is not None and _nationality(doc, head):
        # "the Scot said": the person in view, never an entity named "Scot" (the model may
        # tag the word as a person or a body)
        return Speaker(describe(text, head.idx, roles, referents, _clause_gender(head)), text)
    if referents is not None and _party_member(doc, head):
        # "the Republican said": a politician of that party, never the party
        return Speaker(_partisan(head, roles, referents), text)
    person = _named_person(doc, head, index) or _named_before(doc, head, index)
    if person is not None:
        return Speaker(person, text)
    named = _named_body(head, index)
    if named is not None:
        return Speaker(named, text)  # "Fenwater's largest landlord, Marrowby Realty Trust,"
    if referents is not None:
        office = _office_at(doc, head, index, roles, referents)
        if office is not None:
            return Speaker(office or None, text)
        if _body_noun(head):
            # "the company", "The Seoul-based airline", "the council's highways department"
            capitalised = [c for c in head.children
                           if c.pos_ == "PROPN" and c.dep_ in {"compound", "amod", "nmod"}
                           and c.text[:1].isupper()]
            modifiers = [index.at(c.idx, c.idx + len(c.text)) for c in capitalised]
            # ("The Glasgow side" is a team from there, never the place, however typed)
            places = [is_place(c.text) or referents.base(c.text) for c in capitalised]
            named = [m for m, place in zip(modifiers, places, strict=True)
                     if m is not None and not place and referents.fits(m, lower)]
            found = _possessor(doc, head, index, referents) or next(iter(named), None) \
                or referents.introduced(start, lower) \
                or referents.organisation(start, lower, modifiers=_words_before(doc, start, head))
            # (looked for before the phrase: not itself)
            if found is not None and lower in _OWNER_TRADES:
                found = _owner_in_view(found, start, roles, referents) or found
            if found is not None or not modifiers or all(places):
                # (a capitalised word before the noun that is no such body is where it is:
                # "The Fife side")
                return Speaker(found, text)
        elif (_kind_word(head) or _glued_kind(head)) and doc[head.left_edge.i].lower_ == "the":
            # "The cooperative said", "The co-operative said": the body whose name or
            # description says it is one
            found = referents.organisation(start, _glued(head) or lower, least=3)
            if found is not None:
                return Speaker(found, text)
        if _capitalised_kind(doc, head):
            # "The Corporation said", "the Council added" (a house style that capitalises a
            # body's kind when it stands for its name): the body last named with that word
            # in a longer name ("Vellanur Municipal Corporation"), not a node named "Corporation"
            found = referents.body_named_with(head.idx, lower, longer=True)
            if found is not None:
                return Speaker(found, text)
    entity = index.at(head.idx, head.idx + len(head.text))
    if entity is None and referents is not None and lower in _BARE_BODIES \
            and not any(c.dep_ in {"det", "poss", "compound", "amod"} for c in head.children):
        found = referents.body_named_with(head.idx, lower)
        if found is not None:
            return Speaker(found, text)  # "Police said": the force the story named
    if entity is None and (head.pos_ == "PROPN" or head.is_title or (head.is_upper
                                                                     and len(head) > 1)):
        # (a surname the parser takes for a common noun: "Farriers said", "Ms KELL-PRICE")
        entity = entity_by_name(index, text)
        if entity is None and head.pos_ == "PROPN":
            entity = _titled_surname(doc, start, head, index) or _short_name(index, text)
    elif head.pos_ == "PROPN" and index.types.get(entity) != "PERSON" \
            and not index.within_mention(start, end, entity):
        # "Prentiss-Colbourne said", the model having tagged "Colbourne" alone: a piece of the
        # name is no one; the whole is the one person with that surname
        named = entity_by_name(index, text)
        entity = named if index.types.get(named or "") == "PERSON" else entity
    if entity is None and referents is not None and lower in lx.SPOKESPEOPLE \
            and doc[head.left_edge.i].lower_ == "the" and head.i - head.left_edge.i == 1:
        named = _named_spokesperson(head.idx, lower, roles, referents)
        if named is not None:
            return Speaker(named, text)  # "Its head of communications, X, said ... The
            # spokesman said": X, not the body
    if entity is None and (lower in lx.ANONYMOUS_SPEAKERS or lower in MEMBERS
                           or lower in lx.DOCUMENTS):
        org = _org_of(doc, head, index, roles, referents) \
            or _org_modifier(doc, head, index, referents) \
            or _spoken_for(doc, head, index, referents) \
            or (_issuer(doc, head, index) if lower in lx.DOCUMENTS else None)
        if org is None and referents is not None and lower in MEMBERS \
                and doc[head.left_edge.i].lower_ == "the":
            org = referents.members_of(head.idx, lower)  # "the researchers" set at X before
        if org is None and referents is not None and lower in lx.SPOKESPEOPLE \
                and all(c.dep_ in {"det", "punct"} for c in head.children):
            # a bare "a spokeswoman said" speaks for the body that has just spoken, else for
            # the one the sentences just before were about ("X apologised. A spokesman said")
            org = referents.spoken_for(head.idx, roles)
        if org is not None:
            # "a spokesperson for X", "a company spokeswoman", "an official of the Corporation"
            return Speaker(_standing_for(org, head.idx, referents), text)
    if index.types.get(entity or "") != "PERSON" and (
            head.is_lower or doc[head.left_edge.i].lower_ in {"the", "a", "an"}):
        # "the minister", "the Premier", "the retired teacher": a person, if one fits
        described = _description(doc, head, start, index, roles, referents)
        if described is None and referents is not None and lower in _KIN \
                and any(c.dep_ == "poss" for c in head.children):
            described = _kin_of(head, index, referents)
        if described is not None and referents is not None and lower in RELATIONS \
                and not _same_owner(head, described, index, referents):
            described = None  # "Her lawyer, X, ... The prosecution's lawyer said": not X
        if described is not None:
            index.add(start, end, described, "title")
            kept = keep_role(doc, start, head, described, roles) if referents else None
            if referents is not None and kept is not None:
                referents.kept.append(kept)
            return Speaker(described, text)
    if entity is None:
        entity = index.at(start, end)
        if (lower in lx.ROLE_NOUNS or (head.is_lower and (_post_word(lower) or _everyday(lower)))) \
                and index.types.get(entity or "") != "PERSON":
            # "the quarry's owner", "the Labour corporator", "the Tarnby resident": the body
            # or the place is not who spoke
            entity = None
        elif lower in lx.ROLE_NOUNS and doc[head.left_edge.i].lower_ == "the" \
                and index.at(head.idx, head.idx + len(head.text)) != entity:
            entity = None  # "The Independent TD": a word before the title is no one's name
        elif _titled_name(doc, head) and index.types.get(entity or "") != "PERSON" \
                and index.at(head.idx, head.idx + len(head.text)) != entity:
            # "Harwick Health MEC Jo Pike", the name found by no one: the body in her title
            # is not who spoke
            entity = None
        elif lower in lx.KIN_NOUNS - lx.SPOKESPEOPLE \
                and any(c.dep_ == "poss" for c in head.children):
            entity = None  # "Mr X's lawyer argued", "X's wife said": not X, and unnamed
    if entity is not None and referents is not None and head.pos_ == "NOUN" \
            and entity in referents.audiences:
        entity = None  # "the company" is not the outlet the company spoke to
    if entity is not None and index.types.get(entity) not in _ACTORS:
        entity = None
    if entity is not None and index.types.get(entity) == "NORP" and head.tag_ == "NNP" \
            and doc[head.left_edge.i].lower_ == "the":
        entity = None  # "the Texas Republican" is one person, not the party
    return Speaker(entity, text)


# Words of a title or description that make its holder a spokesperson.
_SPEAKING_POSTS = frozenset({"spokesman", "spokeswoman", "spokesperson", "communications"})


def _named_spokesperson(position: int, noun: str, roles: list[Role],
                        referents: Referents) -> str | None:
    """"The spokesman" after a spokesperson or a head of communications the story named
    ("Its Head of Corporate Communications, Mr X, said"): that person, the latest such of
    a fitting gender; None when the story named none, and the body speaks."""
    gender = lx.GENDERED_NOUNS.get(noun)
    # (the model may take "Corporate Communications" in the title for a body)
    posted = {r.person for r in roles if (title_words(r.title) | _name_words(
        referents.names.get(r.org or "", ""))) & _SPEAKING_POSTS} | {
        person for person, words in referents.words.items() if words & _SPEAKING_POSTS}
    return referents.latest(position, [p for p in posted
                                       if referents.fits_person(p, gender)])


def _owner_in_view(body: str, position: int, roles: list[Role],
                   referents: Referents) -> str | None:
    """"X, who runs Y Buses, says ... '...,' the operator told me": the person in view who
    runs or owns the business a trade noun refers to is the one who spoke, not the firm (a
    chief executive or a chair is not: "the operator said" after one is the company)."""
    owners = {r.person for r in roles if r.org == body and r.title.casefold() in _OWNER_TITLES}
    if not owners:
        return None
    in_view = referents.in_view(position, None, None)
    return in_view if in_view in owners else None


def _named_before(doc: Doc, head: Token, index: EntityIndex) -> str | None:
    """"Kennerly, a retired schoolteacher, said": the parser takes the description for the
    subject and the name before it for an adverb; the name is who spoke."""
    left = head.left_edge.i
    if doc[left].lower_ not in {"a", "an"} or left < 2 or doc[left - 1].text != ",":
        return None
    name = doc[left - 2]
    if not name.text[:1].isupper() or name.i != sentence_of(name).start:
        return None
    found = index.at(name.idx, name.idx + len(name.text)) or entity_by_name(index, name.text)
    return found if index.types.get(found or "") == "PERSON" else None


def _named_body(head: Token, index: EntityIndex) -> str | None:
    """An organisation named in apposition to a common noun: "Its landlord, X Trust,"."""
    if head.pos_ != "NOUN":
        return None
    for child in head.children:
        # set off by a comma, or right after the noun ("Campaign group Clearwater Now")
        if child.dep_ == "appos" and child.pos_ == "PROPN" and (
                head.doc[child.left_edge.i - 1].text == "," or child.left_edge.i == head.i + 1):
            found = index.at(child.idx, child.idx + len(child.text))
            if found is not None and index.types.get(found) in _GROUPS:
                return found
    return None


def _body_noun(head: Token) -> bool:
    """"the carmaker", "The Seoul-based airline", "the parish council", "The Fife side":
    a common noun for one organisation."""
    lower = head.lower_
    if not head.is_lower or lower in lx.STANDALONE_BODIES or head.tag_ in {"NNS", "NNPS"} \
            or (lower not in ORG_NOUNS and lower not in lx.BODY_NOUNS
                and lower not in ANY_BODY_NOUNS):
        return False
    return head.doc[head.left_edge.i].lower_ in {"the", "its", "their"}


def _body_of(doc: Doc, token: Token, index: EntityIndex, referents: Referents) -> str | None:
    """The organisation a possessor or modifier names: "the firm('s)", "its", "Acme('s)"."""
    if token.lower_ in lx.THING_PRONOUNS or token.lower_ in lx.PLURAL_PRONOUNS:
        return referents.group(token.idx, frozenset({"ORG"}))
    if token.is_lower and (token.lower_ in ORG_NOUNS or token.lower_ in lx.BODY_NOUNS):
        return referents.organisation(token.idx, token.lower_)
    if _kind_word(token):
        return referents.organisation(token.idx, token.lower_, least=3)
    found = index.at(token.idx, token.idx + len(token.text))
    return found if index.types.get(found or "") in {"ORG", "FAC", "GPE"} else None


def _glued(token: Token) -> str | None:
    """The word a token is part of when the tokenizer split it at hyphens ("co-operative",
    "not-for-profit"), lower-cased; None for a token that stands alone."""
    span = _glued_span(token)
    return None if span is None else span.text.casefold()


def _glued_span(token: Token) -> Span | None:
    """The tokens of the hyphened word `token` is part of, if it is part of one."""
    doc, i, j = token.doc, token.i, token.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_ and doc[i - 2].is_alpha:
        i -= 2
    while j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ \
            and not doc[j + 1].whitespace_ and doc[j + 2].is_alpha:
        j += 2
    return doc[i : j + 1] if i < j else None


def _glued_kind(noun: Token) -> bool:
    """A hyphened common noun that may say what kind of body something is ("the
    co-operative"; the tagger may take its last piece for an adjective), as `_kind_word`."""
    word = _glued(noun)
    return word is not None and noun.is_lower and not (
        _everyday(word) or word in lx.OFFICES or word in RELATIONS or word in MEMBERS
        or word in OFFICE_SYNONYMS or noun.lower_ in lx.ROLE_NOUNS)


# Capitalised words for a kind of body that some house styles write for the body itself
# ("the Corporation", "the Centre"), besides the nouns `kinds` and `lexicon` know.
_CAPITALISED_KINDS = ORG_NOUNS | frozenset(lx.BODY_NOUNS) | frozenset(
    {"centre", "center", "institute", "service", "executive"})


def _standing_for(entity: str, position: int, referents: Referents | None) -> str:
    """A node named only by a capitalised kind ("Corporation", of "an official of the
    Corporation") is the body last named with that word in a longer name, if any."""
    name = referents.names.get(entity, "") if referents is not None else ""
    if referents is None or " " in name or name.casefold() not in _CAPITALISED_KINDS:
        return entity
    return referents.body_named_with(position, name, longer=True) or entity


def _capitalised_kind(doc: Doc, head: Token) -> bool:
    """"The Corporation", "the Council": "the" and one capitalised word for a kind of body."""
    return head.is_title and head.i >= 1 and head.left_edge.i == head.i - 1 \
        and doc[head.i - 1].lower_ == "the" and head.lower_ in _CAPITALISED_KINDS


def _titled_name(doc: Doc, head: Token) -> bool:
    """A name after a word for a post in its phrase: "Harwick Health MEC Jo Pike"."""
    return head.pos_ == "PROPN" and any(
        t.lower_ in lx.ROLE_NOUNS and t.pos_ != "VERB" for t in doc[head.left_edge.i : head.i])


def _kind_word(noun: Token) -> bool:
    """A common noun that may say what kind of body something is, outside the kinds
    `kinds` knows ("the brewery", "the cooperative", "the league"): whatever is not a
    person's noun. It refers only to a body whose name's head or description is that word
    (see `Referents.organisation`)."""
    lower = noun.lower_
    return noun.pos_ == "NOUN" and noun.tag_ == "NN" and noun.is_lower and not (
        _everyday(lower) or lower in lx.OFFICES or lower in RELATIONS or lower in MEMBERS
        or lower in lx.ANONYMOUS_SPEAKERS or lower in OFFICE_SYNONYMS or lower in lx.NOBODY)


def _possessor(doc: Doc, head: Token, index: EntityIndex, referents: Referents) -> str | None:
    """"The council's highways department said": the council speaks through it."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ == "PRON":
        return None  # "their union" is the union of the people, not of "them"
    return _body_of(doc, owner, index, referents)


# Verbs of putting out a document: "X issued a statement", "X sent a letter to parents".
_ISSUING = frozenset("issue release send publish write put sign circulate post".split())
# How many sentences back the document may have been put out.
_ISSUER_SENTENCES = 3


def _issuer(doc: Doc, head: Token, index: EntityIndex) -> str | None:
    """"The statement said", "the letter added": the one named as the subject of putting out
    that document a few sentences before ("X issued a statement on Monday."), a person or a
    body; none when the bare noun has words of its own ("a council statement")."""
    if doc[head.left_edge.i].lower_ != "the" or head.i - head.left_edge.i != 1:
        return None
    sentence = head.sent
    first = sentence.start
    for _ in range(_ISSUER_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for token in reversed(doc[first : head.left_edge.i]):
        if token.lemma_ != head.lemma_ or token.dep_ != "dobj" \
                or token.head.lemma_ not in _ISSUING:
            continue
        if any(c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"}
               and c.i == token.right_edge.i + 1 for c in (*token.children, *token.head.children)):
            return None  # "published a report by Dr X": its author, not who put it out
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        start, end = noun_phrase(doc, subject)
        found = index.at(start, end) or index.at(subject.idx, subject.idx + len(subject.text))
        return found if index.types.get(found or "") in _ACTORS else None
    return None


def _spoken_for(doc: Doc, head: Token, index: EntityIndex,
                referents: Referents | None) -> str | None:
    """"The council's spokeswoman", "its spokesman": the body that owns them (a person's
    spokesman, "his spokesman", is left to the person's own rules)."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or referents is None or owner.lower_ in lx.PERSON_PRONOUNS:
        return None
    return _body_of(doc, owner, index, referents)


def _office_at(doc: Doc, head: Token, index: EntityIndex, roles: list[Role],
               referents: Referents) -> str | None:
    """"The firm's boss", "the union leader", "its chief executive", "the chief executive
    of the company" (a possessor the parser did not hang as one, before "’s", counts):
    whoever holds that post at that organisation, else "" for nobody
    (never the organisation itself: "the company's chairman" unnamed is not the company).

    None when the phrase is no such thing.
    """
    lower = head.lower_
    if lower in lx.ANONYMOUS_SPEAKERS or not (
            lower in lx.ROLE_NOUNS or lower in OFFICE_SYNONYMS or lower in lx.TITLE_HONORIFICS):
        return None
    owners = [c for c in head.children if c.dep_ == "poss"] \
        + [c for c in head.lefts if c.dep_ != "poss" and doc[c.i + 1].tag_ == "POS"] \
        + [c for c in head.children if c.dep_ == "compound" and c.is_lower
           and c.lower_ in ORG_NOUNS] \
        + [o for prep in head.children if prep.dep_ == "prep" and prep.lower_ in {"of", "at"}
           for o in prep.children if o.dep_ == "pobj"]
    if not owners or owners[0].lower_ in lx.PERSON_PRONOUNS:
        return None
    org = _body_of(doc, owners[0], index, referents)
    words = [t.text for t in head.lefts
             if t.dep_ in {"compound", "amod"} and t not in owners and t.tag_ != "POS"]
    if org is None:
        if owners[0].pos_ == "NOUN" and owners[0].is_lower and owners[0].dep_ == "pobj" \
                and owners[0].head.lower_ == "of" and lower not in MEMBERS \
                and doc[owners[0].left_edge.i].lower_ == "the":
            # "The principal of the primary school" where the story names no school: one
            # titled so, else no one (not whoever was in view: a councillor is no principal)
            return office_holder([*words, head.text], head.idx, roles, referents) or ""
        return None
    return office_holder([*words, head.text], head.idx, roles, referents, org=org) or ""


def office_holder(words: list[str], position: int, roles: list[Role], referents: Referents | None,
           *, org: str | None = None) -> str | None:
    """The person whose title is the office these words name: "minister" holds for a
    "business secretary", "MP" for a TD, "boss" for a managing director; a capitalised or
    loose word before it ("the Tory MP", "the veteran councillor") need not be in the
    title. With `org`, the post must be at that organisation (or at none the text says).
    The one whose title holds most of the words; of several, the one mentioned last, or ""
    where two are as likely (`Referents.one_of`)."""
    words = [w for w in words if w.casefold() not in _DETERMINERS]
    if not words:
        return None
    written = words[-1].casefold().rstrip(".")
    office = lx.HONORIFIC_TITLES.get(written, written)  # "rep" is a representative
    past = any(w.casefold() in _PAST for w in words[:-1])
    best: dict[str, int] = {}
    elsewhere = False  # a holder of the office the phrase sets at another place
    holding: set[str] = set()  # those whose title does not say they held it before
    for role in roles:
        if referents is not None and any(role is kept for kept in referents.kept):
            continue  # a role learnt from a description is no evidence for the next one
        if org is not None and role.org is not None and not _same_body(role.org, org, referents):
            continue
        title_set = title_words(role.title)
        if not _holds(written, role.title) or (
                past and not _PAST & {w.casefold() for w in role.title.split()}):
            continue  # ("the former chief executive" is not the one who holds the post now)
        # "the chief" is the police chief, not the manager
        score = 3 * bool({office, written} & title_set)
        for word in words[:-1]:
            if word.casefold() in title_set or word.casefold() in _PAST:
                score += 1  # ("ex" of "the ex-boss" is the "former" of the title)
            elif word[:1].isupper() and _said_of(word, role, referents):
                score += 2  # "the Drumlow coach": the coach at Drumlow
            elif word.islower() and _of_body(word, role, referents):
                score += 2  # "the water boss": the chief executive of X Water
            elif word.casefold() in {"defence", "defense"} and _holds("lawyer", role.title):
                continue  # "the defence advocate": the accused's counsel
            elif word[:1].isupper() and _said_of_another(word, role.person, referents):
                break  # "the Ely analyst" is the one the story set beside Ely
            elif word[:1].isupper() and _placed_elsewhere(word, written, role, referents):
                elsewhere = True
                break  # "the Welsh minister" is not the Scottish minister
            elif word[:1].isupper() and _another_portfolio(word, written, role.title, words):
                break  # "the Transport Minister" is not the Chief Minister
            elif referents is not None and word.casefold() in referents.tasks.get(role.person, ()):
                score += 1  # "the committee chair" for "X, who chairs the planning committee,"
            elif not (word[:1].isupper() or word.casefold() in LOOSE_MODIFIERS):
                break  # "the health secretary" is not the business secretary
        else:
            score += 2 * (org is not None and role.org is not None)
            best[role.person] = max(best.get(role.person, -1), score)
            if past or not _FORMERLY & {w.casefold() for w in role.title.split()}:
                holding.add(role.person)
    if not best:
        # ("the Tarnby mayor" where the one mayor named is Holbeck's: no one, not him)
        return "" if elsewhere else None
    if holding and set(best) - holding:
        # "the minister" is the one who holds the post, not "X, a former health minister"
        best = {p: score for p, score in best.items() if p in holding}
    top = max(best.values())
    people = [p for p, score in best.items() if score == top]
    if len(people) == 1:
        return people[0]
    if referents is None:
        return None
    return referents.one_of(position, people)


def _another_portfolio(word: str, office: str, title: str, words: list[str]) -> bool:
    """A capitalised common word before the office ("Transport" of "the Transport Minister")
    where the holder's title puts another word before it ("Chief Minister"), none of the
    words written: another post."""
    before = title.casefold().split()
    before = before[: before.index(office)] if office in before else []
    written = {w.casefold() for w in words}
    qualifiers = [w for w in before if w not in _DETERMINERS and w not in LOOSE_MODIFIERS]
    return bool(qualifiers) and not written & set(qualifiers) \
        and dictionary_word(word) and not is_place(word)


def _said_of(word: str, role: Role, referents: Referents | None) -> bool:
    """Whether a capitalised word before an office says who holds it: it names the body
    the post is at ("the Quarrendon chief executive"), or the text set it beside the holder's
    name ("the Ohio senator" for "Sen. X, R-Ohio")."""
    if referents is None:
        return False
    wanted = word.strip("’'").casefold()
    if wanted in referents.words.get(role.person, ()):
        return True
    body = next((e for e in referents.index.entities if e.id == role.org), None)
    return body is not None and any(wanted in _name_words(name)
                                    for name in (body.name, *body.aliases))


def _placed_elsewhere(word: str, office: str, role: Role, referents: Referents | None) -> bool:
    """Whether a place before the office ("the Tarnby mayor", "the Welsh minister") is not
    the one the holder's title sets before it ("Holbeck mayor", "Scottish rural affairs
    minister") or the place the post is at ("the mayor of Holbeck"): another's post. A
    title with no place says nothing against it."""
    if referents is None or not _place_word(word, referents):
        return False
    before = role.title.split()
    cut = next((k for k, w in enumerate(before) if w.casefold().rstrip(".") == office),
               len(before))
    places = {w.strip(",’'").removesuffix("’s").removesuffix("'s").casefold()
              for w in before[:cut] if w[:1].isupper() and (
                  _place_word(w, referents) or not (dictionary_word(w)
                                                    or w.casefold() in _PARTY_WORDS))}
    if role.org is not None and referents.index.types.get(role.org) in {"GPE", "NORP"}:
        places |= _name_words(referents.names.get(role.org, ""))
    return bool(places) and word.casefold() not in places


def _place_word(word: str, referents: Referents | None) -> bool:
    """A place or a people: "Tarnby", "Welsh", "Ontario" (a place the story named counts)."""
    word = word.strip(",’'").removesuffix("’s").removesuffix("'s")
    if word.casefold() in lx.DEMONYMS or word.casefold() in lx.PEOPLE_ADJECTIVES or is_place(word):
        return True
    return referents is not None and any(
        e.type in {"GPE", "NORP"} and e.name.casefold() == word.casefold()
        for e in referents.index.entities)


def _of_body(word: str, role: Role, referents: Referents | None) -> bool:
    """Whether a lower-case word before an office is a word of the name of the body the post
    is at, or a kind the story called it ("the water boss" for X Water's chief executive,
    "the union chief" for the general secretary of X Union)."""
    if referents is None or role.org is None:
        return False
    return word in _name_words(referents.names.get(role.org, "")) \
        or word in referents.called.get(role.org, ()) \
        or referents.fits(role.org, word)


def _said_of_another(word: str, person: str, referents: Referents | None) -> bool:
    """Whether the text set this word beside another person's name ("Ely-based Jo Pike")."""
    wanted = word.strip("’'").casefold()
    return referents is not None and any(
        wanted in words for other, words in referents.words.items()
        if other != person and referents.index.types.get(other) == "PERSON")


def _name_words(name: str) -> set[str]:
    return {w.strip("’'").removesuffix("’s").removesuffix("'s").casefold() for w in name.split()}


def _holds(office: str, title: str) -> bool:
    """Whether a title is that office, by any of its names ("business secretary" is a
    minister, "managing director" a boss)."""
    office = office.casefold().rstrip(".")
    words = title_words(title)
    named = lx.HONORIFIC_TITLES.get(office, office)
    if named in TOP_OFFICES:
        return named in words or any(top in title.casefold() for top in TOP_TITLES)
    if named == "minister" and "minister" not in words:
        return "secretary" in words and not words & NOT_MINISTERIAL
    if "mp" in OFFICE_SYNONYMS.get(named, ()) and "member" in words and words & LEGISLATURES:
        return True  # "the MP" for "the local member of parliament"
    return any(word in words and names_office(named, word, words)
               for word in OFFICE_SYNONYMS.get(named, frozenset({named})) | {office})


def keep_role(doc: Doc, start: int, head: Token, person: str,
              roles: list[Role]) -> Role | None:
    """A description that says what the person is ("the former striker", "The cattle
    producer") is kept as their role when no title of theirs says it already."""
    noun = head.lower_
    if not head.is_lower or not _post_word(noun) \
            or noun in lx.ANONYMOUS_SPEAKERS or noun in lx.WEAK_ROLE_NOUNS \
            or any(r.person == person and _holds(noun, r.title) for r in roles):
        return None
    phrase = doc_text(doc)[start : head.idx + len(head.text)]
    lead = _ROLE_LEAD.match(phrase)
    begin = start + (lead.end() if lead else 0)
    if begin >= head.idx + len(head.text) or "'" in phrase[lead.end() if lead else 0 :] \
            or "’" in phrase:
        return None  # ("the company's chairman" is a post at the company, found or not)
    role = Role(person=person, title=doc_text(doc)[begin : head.idx + len(head.text)],
                org=None, start=begin, end=head.idx + len(head.text))
    roles.append(role)
    return role


def _same_body(one: str, other: str, referents: Referents | None) -> bool:
    """One organisation under two entities ("Ostrand" and "Ostrand Motors"): one name's
    words all in the other's."""
    if one == other or referents is None:
        return one == other
    names = {e.id: {w.casefold() for w in e.name.split()} for e in referents.index.entities
             if e.id in {one, other}}
    first, second = names.get(one, set()), names.get(other, set())
    return bool(first and second) and (first <= second or second <= first)


def _named_person(doc: Doc, head: Token, index: EntityIndex) -> str | None:
    """A person named by the head or in apposition to it: "Its chair, Jo Pike,".

    Compounds count under a title ("Agriculture Minister Jo Pike"), not under a group
    noun ("the Pike family" is not Jo Pike).
    """
    titled = (head.pos_ == "PROPN" or head.lower_ in lx.ROLE_NOUNS) and not (
        head.lower_ in lx.ROLE_NOUNS and doc[head.left_edge.i].lower_ in {"the", "a", "an"})
    # ("The Independent TD": a title after "the" holds no name, whatever the model says)
    tokens = [head, *(c for c in head.children
                      if c.dep_ == "appos" or (titled and c.dep_ == "compound"))]
    # "The report's author, the transport economist Dr Jo Pike,": a name in apposition to
    # the description in apposition
    tokens += [c for t in tokens[1:] if t.dep_ == "appos" and t.pos_ == "NOUN"
               for c in t.children if c.dep_ == "appos"]
    if head.lower_ in lx.ROLE_NOUNS:
        # "The president of Local 47, Rosa Whitcliffe,": the parser hangs her on "Local 47"
        tokens += [t for prep in head.children if prep.dep_ == "prep"
                   for t in prep.subtree if t.dep_ == "appos"]
        # "president and CEO Jo Pike": a second title joined to the first, then the name
        # (not "the president and Jo Pike", two people)
        tokens += [c for c in head.children if c.dep_ == "conj" and any(
            t.dep_ == "compound" and t.lower_ in lx.ROLE_NOUNS for t in c.children)]
    for token in tokens:
        compounds = [c for c in token.children if c.dep_ == "compound"] \
            if titled or token is not head else []
        for candidate in (token, *compounds):
            found = index.at(candidate.idx, candidate.idx + len(candidate.text))
            if found is not None and index.types.get(found) == "PERSON":
                return found
    return _named_after_title(doc, head, index) or _glued_name(doc, head, index)


def _named_after_title(doc: Doc, head: Token, index: EntityIndex) -> str | None:
    """"Opposition corporator Jo Pike said", the parser taking the title for a verb and the
    name for its object: a person's name right after a word for a post is that person."""
    # (the tagger may take the title, subject of the cue, for a verb)
    if not head.is_lower or head.i + 1 >= len(doc) or not _post_word(head.lower_) or not (
            head.pos_ == "NOUN" or head.dep_ in SUBJECT_DEPS):
        return None
    after = doc[head.i + 1]
    name = next((m for m in index.starting_at(after.idx) if m.kind == "name"), None)
    if name is None or index.types.get(name.entity) != "PERSON" \
            or not any(t.head == head for t in doc.char_span(
                name.start, name.end, alignment_mode="expand") or ()):
        return None
    return name.entity


def _glued_name(doc: Doc, head: Token, index: EntityIndex) -> str | None:
    """"Hexley Mills regional director for the North East Petra Orlova added": a title so
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
    """The entity a proper name means where the index does not hold it: its name or surname
    ("Ms Corbeau" is the one person surnamed Corbeau, unless the honorific says another gender)."""
    wanted = " ".join(phrase.split()).casefold()
    named = [e.id for e in index.entities
             if wanted in {e.name.casefold(), *(a.casefold() for a in e.aliases)}]
    if len(named) == 1:
        return named[0]
    words = wanted.split()
    honorific = words[0].rstrip(".") if len(words) >= 2 else None
    if honorific in lx.HONORIFICS:
        words = words[1:]
    else:
        honorific = None
    # one word, or a surname led by particles ("Ms de la Cruz", "Van der Berg")
    if len(words) != 1 and words[0] not in lx.SURNAME_PARTICLES:
        return None
    people = [e for e in index.entities
              if e.type == "PERSON" and e.name.casefold().split()[-len(words):] == words]
    if not people and len(words) == 1 and first_name_gender(words[0]) is None:
        # ("Yeo" of "Yeo Kok Leong": a family name written first, as Chinese names are)
        people = [e for e in index.entities
                  if e.type == "PERSON" and len(e.name.split()) == 3
                  and e.name.casefold().split()[0] == words[0]]
    if len(people) != 1:
        return None
    said = lx.HONORIFICS.get(honorific or "")
    known = index.gender.get(people[0].id) or first_name_gender(people[0].name.split()[0])
    return None if said and known and said != known else people[0].id


def _short_name(index: EntityIndex, phrase: str) -> str | None:
    """"Northern Isles said" after "Northern Isles Ferries": the one organisation whose
    longer name the words open, where they name nothing of their own."""
    words = phrase.casefold().split()
    if len(words) < 2:
        return None  # (one word opens too many names: "Northern", "Kent")
    bodies = {e.id for e in index.entities if e.type == "ORG"
              and len(names := e.name.casefold().split()) > len(words)
              and names[: len(words)] == words}
    return bodies.pop() if len(bodies) == 1 else None


def _titled_surname(doc: Doc, start: int, head: Token, index: EntityIndex) -> str | None:
    """"Chief nurse Temitope Adeosun-Brooke told ..." where the model found no name there but
    "Ms Adeosun-Brooke" later: the name after the title words is the one person with that
    surname, whose given name, if the story gave one, is the one written here."""
    if head.i + 1 < len(doc) and doc[head.i + 1].text == "-":
        return None  # (the phrase ends inside a hyphenated name)
    first = head.i
    while first - 1 >= 0 and doc[first - 1].idx >= start and (
            doc[first - 1].pos_ == "PROPN" or (doc[first - 1].text == "-"
                                               and not doc[first - 1].whitespace_)):
        first -= 1
    if first == head.i or doc[first].idx == start:
        return None  # (one word, or a phrase that is all name: left to entity_by_name)
    words = doc_text(doc)[doc[first].idx : head.idx + len(head.text)].split()
    surname, given = words[-1].casefold(), {w.casefold() for w in words[:-1]}
    people = [e for e in index.entities if e.type == "PERSON"
              and e.name.split()[-1].casefold() == surname
              and (len(e.name.split()) == 1 or e.name.split()[0].casefold() in given)]
    return people[0].id if len(people) == 1 else None


# Words before a post that make it another, lower post: "the deputy leader", "the assistant
# manager", "the shadow chancellor", "the vice chair".
_BELOW = frozenset("deputy depute assistant vice associate shadow junior under".split())


def _owner_key(owner: Token, index: EntityIndex) -> str:
    """Whose a lawyer or an agent is, as a key to compare: "he" or "she" for a pronoun, the
    entity a name stands for, else the word ("the family's", "the prosecution's")."""
    if owner.lower_ in {"his", "her"}:
        return "he" if owner.lower_ == "his" else "she"
    if owner.lower_ == "whose":  # "X, whose son Y,": X's
        clause = next((t for t in owner.ancestors if t.dep_ == "relcl"), None)
        if clause is not None:
            owner = clause.head
    entity = index.at(owner.idx, owner.idx + len(owner.text)) if owner.pos_ == "PROPN" \
        else None
    return entity or owner.lower_


def _kin_of(head: Token, index: EntityIndex, referents: Referents) -> str | None:
    """The one person introduced by name as this kin of this owner ("his mother, X,", "Y,
    whose son X,") for "his mother said", "her son added"; none where no one or several
    were: the possessor is not who spoke."""
    kin = [p for p, heads in referents.heads.items() if head.lower_ in heads
           and referents.owners.get(p) is not None
           and _same_owner(head, p, index, referents)]
    return kin[0] if len(kin) == 1 else None


def _same_owner(head: Token, described: str, index: EntityIndex, referents: Referents) -> bool:
    """Whether "X's lawyer" may be the person introduced as someone's lawyer: the owners
    agree (the same entity, a person of the pronoun's gender, or the same word), or either
    is not said."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    known = referents.owners.get(described)
    if owner is None or known is None:
        return True
    key = _owner_key(owner, index)
    if key == known:
        return True
    if key in {"he", "she"} or known in {"he", "she"}:
        pronoun, other = (key, known) if key in {"he", "she"} else (known, key)
        if index.types.get(other) != "PERSON":
            return False  # "her lawyer" and "the prosecution's lawyer"
        gender = referents.gender.get(other)
        return gender is None or gender == lx.PERSON_PRONOUNS[pronoun]
    return False


def _description(doc: Doc, head: Token, start: int, index: EntityIndex, roles: list[Role],
                 referents: Referents | None) -> str | None:
    """The person a description or a title stands for: "the minister", "the 71-year-old"."""
    if referents is None and head.lower_ not in lx.ROLE_NOUNS:
        return None
    phrase = doc_text(doc)[start : head.idx + len(head.text)]
    found = describe(phrase, head.idx, roles, referents, _clause_gender(head))
    name = referents.names.get(found or "", "") if referents is not None else ""
    if name.casefold() in {w.casefold() for w in phrase.split()[:-1]}:
        return None  # "The Independent TD" is no one named "Independent" (a word taken for a name)
    return found


def _clause_gender(subject: Token) -> str | None:
    """"The retired nurse said she had ...": a speaker who reports what "she" did is
    most often her; the gender of he or she opening the reported clause."""
    if subject.dep_ not in SUBJECT_DEPS:
        return None
    # (the clause after the cue: a quotation before it speaks of someone else)
    for clause in (c for c in subject.head.children if c.dep_ == "ccomp" and c.i > c.head.i):
        pronoun = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if pronoun is not None and pronoun.lower_ in {"he", "she"}:
            return lx.PERSON_PRONOUNS[pronoun.lower_]
    return None


def describe(phrase: str, position: int, roles: list[Role],
             referents: Referents | None, said_gender: str | None = None) -> str | None:
    """The person a descriptive phrase ending at its head noun stands for, if one fits;
    `said_gender` is the gender the sentence gives them where the phrase gives none ("the
    founder said he had")."""
    written = [w for w in re.findall(r"[\w’'-]+", phrase)
               if w.casefold() not in {"the", "a", "an"}]
    if written and written[-1].split("-")[0].casefold() in _PAST and "-" in written[-1]:
        written[-1:] = written[-1].split("-", 1)  # "the ex-boss": a boss, no longer
    indefinite = phrase.casefold().startswith(("a ", "an "))
    if not written:
        return None
    words = [w.casefold() for w in written]
    # "the mum-of-three", "the father-of-two": a mother, a father
    lower = words[-1].split("-of-")[0] if "-of-" in words[-1] else words[-1]
    definite = phrase.casefold().startswith("the ")
    if lower in lx.NOMINAL_KINDS or lower in lx.ORG_DESCRIPTORS or lower in lx.STANDALONE_BODIES \
            or lower in ORG_NOUNS:
        # "the union", "the company": an organisation, unless a person was introduced so
        # ("X, a cattle producer,")
        return referents.introduced(position, lower) if referents and definite else None
    if (lower in lx.ROLE_NOUNS or lower in OFFICE_SYNONYMS
            or lower in lx.HONORIFIC_TITLES.values()):
        # ("a new director" is some director: only a title that says all its words)
        held = person_by_title(phrase, roles) if indefinite \
            else office_holder([*written[:-1], lower], position, roles, referents)
        if held is not None:
            return held or None  # ("" where several fit: no one, not someone else)
    if referents is None or not definite:
        return None
    found = _AGE_IN_TEXT.search(phrase)
    age = int(found.group(1)) if found else None
    gender = next((lx.GENDERED_NOUNS[w] for w in reversed([*words[:-1], lower])
                   if w in lx.GENDERED_NOUNS), None)
    gender = gender or lx.DEMONYM_GENDER.get(lower) or said_gender
    if lower in _TEENAGERS and age is None:
        # "the teenager": of those the story gave an age from 13 to 19, the latest
        teens = [teen for a in range(13, 20)
                 if (teen := referents.person(position, gender, age=a, aged=True)) is not None]
        teen = referents.latest(position, teens)
        if teen is not None:
            return teen
    if set(words[:-1]) & _PAST:
        # (no one else: the others the description fits hold the post now, or never did)
        return _former(lower, position, gender, age, roles, referents)
    modifiers = frozenset(w for w in words[:-1] if w not in LOOSE_MODIFIERS
                          and not _AGE_IN_TEXT.fullmatch(w))
    # ("the skipper" for a person introduced as "captain X": another name of the post)
    for noun in (lower, *sorted(OFFICE_SYNONYMS.get(lower, frozenset()) - {lower})):
        described = referents.described(position, gender, age, noun, modifiers)
        if described is not None and names_office(
                lower, noun, referents.words.get(described, set())):
            return described
    if lower in SEATS:
        # "the Kerry TD said" with no one titled a TD: the politician in view ("Labour
        # health spokesman X said ..."), who holds the seat the story did not mention
        in_view = referents.in_view(position, gender, age)
        if in_view is not None and _politician(in_view, roles, referents):
            return in_view
    if (_everyday(lower) and written[-1].islower()) or age is not None \
            or lower in lx.DEMONYMS:
        # (a capitalised head is a name: "The Hollywood Reporter" is no reporter)
        # "the retired dinner lady says", "the former striker said": the person just named,
        # if the description fits
        unless = _CHILDREN if lower in _ELDERS else frozenset()
        found = referents.in_view(position, gender, age, unless=unless) \
            or (referents.eldest(position, gender, unless) if lower in _ELDERS else None) \
            or referents.person(position, gender, age=age, reach=_DESCRIPTION_REACH,
                                unless=unless)
        if found is not None and age is None and referents.unnamed_since(found, position):
            return None  # "The principal of X, <no name found>, said ... The principal said"
        return found or referents.person_after(position, gender, age, unless=unless)
    return None


_PARTY_WORDS = frozenset({w.casefold() for w in lx.PARTY_WORDS}
                         | {n.casefold() for n in lx.PARTY_NAMES if " " not in n})


def _politician(person: str, roles: list[Role], referents: Referents) -> bool:
    """Whether the story set a party beside the person ("Labour health spokesman X",
    "X (Green)") and gave them no post but a party's ("spokesman", "candidate"): one who
    may hold a seat. A council leader or a mayor is not who "the MP" means."""
    said = referents.words.get(person, set()) | {
        w for r in roles if r.person == person for w in title_words(r.title)}
    posts = {w for w in said if w in lx.ROLE_NOUNS or w in OFFICE_SYNONYMS}
    return bool(said & _PARTY_WORDS) and posts <= PARTY_POSTS | SEATS


def _former(noun: str, position: int, gender: str | None, age: int | None, roles: list[Role],
            referents: Referents) -> str | None:
    """"The former chief executive" with no one titled so: the person introduced as a former
    or a retired one ("X, a retired garda sergeant,"), else the person in view, so long as
    the story does not give them that post now (that is the one who followed them); else
    None: no one, never the one who holds the post now."""
    introduced = referents.person(position, gender, age=age, words=frozenset({noun}),
                                  also=_FORMERLY)
    if introduced is not None:
        return introduced
    retired = [r.person for r in roles if _holds(noun, r.title)
               and _FORMERLY & {w.casefold() for w in r.title.split()}
               and referents.fits_person(r.person, gender, age)]
    if retired:
        return referents.latest(position, retired)
    in_view = referents.in_view(position, gender, age)
    if in_view is None or noun in referents.words.get(in_view, ()) or any(
            r.person == in_view and _holds(noun, r.title) for r in roles):
        return None
    return in_view


def post_word(token: Token) -> bool:
    """A lower-case word for a post or an occupation ("the Labour councillor")."""
    return token.is_lower and _post_word(token.lower_)


def _post_word(noun: str) -> bool:
    """A word for a post or an occupation: a role noun, or one by its ending ("corporator",
    "meteorologist") that names no thing ("the distributor", "the elevator")."""
    return noun in lx.ROLE_NOUNS or (len(noun) > 5 and noun.endswith(lx.ROLE_SUFFIXES)
                                     and noun.replace("-", "").isalpha()
                                     and noun not in ORG_NOUNS and not _names_thing(noun))


def _names_thing(noun: str) -> bool:
    """A word, or a compound ending in one ("groundwater", "takeover"), that names no
    person though it ends like an occupation."""
    return noun in lx.NOT_PEOPLE or any(
        noun[k:] in lx.THING_TAILS for k in range(3, len(noun) - 3))


def _nationality(doc: Doc, head: Token) -> bool:
    """"the Scot", "the South African", "the big Tongan": one person's nationality as the
    head of the phrase. Not "The Australian" in mid-sentence (a newspaper's title) nor "the
    Australians" (a team)."""
    first = doc[head.left_edge.i]
    if head.lower_ not in lx.DEMONYMS or not head.text[:1].isupper() or first.lower_ != "the" \
            or (first.text == "The" and not first.is_sent_start):
        return False
    # (between, only words of the nationality or of what the person is like: "the South
    # African", "the big Tongan", "the 24-year-old Kenyan"; not a noun: "the Kenyan runner")
    return all(t.text[:1].isupper() or t.pos_ in {"ADJ", "NUM", "PUNCT"} or t.lower_ in
               {"year", "old"} for t in doc[first.i + 1 : head.i]) \
        and not any(c.dep_ in {"compound", "poss"} and c.i > head.i for c in head.children)


# One member of a party, as the head of a phrase: "the Republican", "the New Democrat", "the
# Tory"; with the party words that say the same party.
_PARTY_MEMBERS: dict[str, frozenset[str]] = {
    "republican": frozenset({"republican", "gop"}),
    "democrat": frozenset({"democrat", "democratic", "democrats"}),
    "tory": frozenset({"tory", "conservative", "conservatives", "tories"}),
    "conservative": frozenset({"tory", "conservative", "conservatives", "tories"}),
    "liberal": frozenset({"liberal", "liberals"}),
    "unionist": frozenset({"unionist", "unionists", "dup", "uup"}),
    "nationalist": frozenset({"nationalist", "nationalists", "snp"}),
}
# Posts of one who may be said to be of a party ("Sen. X", "X, the MPP for Y").
_POLITICAL_POSTS = SEATS | PARTY_POSTS | frozenset(
    "representative senator governor mayor premier minister mp mpp".split())


def _party_member(doc: Doc, head: Token) -> bool:
    """"the Republican", "the New Democrat", "the veteran Tory": one member of a party as
    the head of the phrase (not "the Republicans", nor "the Republican leadership")."""
    first = doc[head.left_edge.i]
    return head.lower_ in _PARTY_MEMBERS and head.text[:1].isupper() \
        and not head.text.endswith("s") and first.lower_ == "the" \
        and not any(c.dep_ in {"compound", "poss"} and c.i > head.i for c in head.children) \
        and (head.i + 1 >= len(doc) or not doc[head.i + 1].text[:1].isupper())


def _partisan(head: Token, roles: list[Role], referents: Referents) -> str | None:
    """The person "the Republican" means: the latest one the story said is of that party;
    else the politician in view, or last named in this paragraph or the one before (one
    holding a seat or a post of politics), unless the story set another party beside them;
    else no one."""
    party = _PARTY_MEMBERS[head.lower_]
    said = referents.person(head.idx, None, words=party)
    if said is not None:
        return said
    person = referents.in_view(head.idx, None, None) \
        or referents.person(head.idx, None, reach=1)
    if person is None:
        return None
    words = referents.words.get(person, set()) | {
        w for r in roles if r.person == person for w in title_words(r.title)}
    others = {w for w in words if w in _PARTY_WORDS or w in _PARTY_MEMBERS} - party
    return person if words & _POLITICAL_POSTS and not others else None


def _everyday(noun: str) -> bool:
    """A description of what a person is or does ("the retiree", "the campaigner", "the
    retired engineer"), not an office ("the senator" is not whoever came last) nor a
    relation to someone else ("the lawyer" may be anyone's)."""
    if noun in lx.OFFICES or noun in RELATIONS or noun in lx.ANONYMOUS_SPEAKERS:
        return False
    return noun in lx.PERSON_NOUNS or noun in lx.GENDERED_NOUNS \
        or noun in lx.PEOPLE_DESCRIPTORS or _post_word(noun)


def _cataphora(doc: Doc, pronoun: Token, index: EntityIndex, gender: str) -> str | None:
    """"In his letter, Mr X said": a possessive before the subject it refers to."""
    if pronoun.dep_ != "poss":
        return None
    root = sentence_of(pronoun).root
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
    rights = list(head.rights)
    for k, child in enumerate(rights):
        if child.dep_ in {"compound", "poss", "case"} or (
            child.dep_ == "prep" and (child.lower_ in {"for", "of", "at"} or (
                child.lower_ in {"from", "with"} and head.lower_ in lx.GROUP_MEMBERS))
        ):
            # (up to an "and" before a person: "The chair of the X Trust and Ms Pike said")
            ands = [t.i - 1 for t in doc[child.i : child.right_edge.i] if t.dep_ == "cc"
                    and doc[t.i + 1].ent_iob_ == "B" and doc[t.i + 1].ent_type_ == "PERSON"]
            right = max(right, min([child.right_edge.i, *ands]))
        elif right > head.i and child.dep_ == "cc" and k + 1 < len(rights) \
                and _portfolio_word(rights[k + 1], child):
            continue  # "The Secretary of State for Work and Pensions": one portfolio
        elif right > head.i and _portfolio_word(child, doc[child.i - 1]):
            right = child.i
        else:
            break  # "The head of Quendon Rail and Jo Pike said": two speakers
    while left > 0 and not doc[left - 1].whitespace_ and (
            (doc[left - 1].text == "-" and left == head.i)
            or (doc[left - 1].is_alpha and doc[left].text == "-")):
        left -= 1  # "the ex-boss", the parser having split the word
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    if left > 0 and doc[left - 1].lower_ in {"the", "a", "an"} and (
            doc[left - 1].dep_ != "det" or left <= doc[left - 1].head.i < head.i):
        left -= 1  # "The mum-of-two said": the parser hung "The" on the verb (or on "ex")
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _portfolio_word(conj: Token, before: Token) -> bool:
    """"Pensions" of "Secretary for Work and Pensions": one capitalised word right after the
    "and" (or the comma) before it, no name of its own ("and Pike" starts a name)."""
    return conj.dep_ == "conj" and conj.i == before.i + 1 and conj.left_edge == conj \
        and conj.right_edge == conj and conj.is_title and conj.ent_iob_ != "B"


def _body(noun: Token, referents: Referents | None) -> str | None:
    """The organisation "the department" or "company" (in "a company spokeswoman") means."""
    if referents is None or (noun.lower_ not in lx.BODY_NOUNS and noun.lower_ not in ORG_NOUNS) \
            or noun.tag_ != "NN" or not noun.is_lower \
            or any(c.pos_ == "PROPN" for c in noun.children):
        return None
    return referents.organisation(noun.idx, noun.lower_)


def _org_of(doc: Doc, head: Token, index: EntityIndex, roles: list[Role],
            referents: Referents | None) -> str | None:
    """"a spokesperson for X", "a source at X" (not "a source with knowledge of X"), "a
    statement from X", "a report by X".

    X speaks through them whatever X is: a company, a town, or a person ("a spokeswoman
    for the governor").
    """
    for child in head.children:
        if child.dep_ in {"prep", "agent"} and (child.lower_ in {"for", "at", "of", "from"} or (
                child.lower_ == "by" and head.lower_ in lx.DOCUMENTS)):  # "a report by X"
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                named = _named_appos(obj, index)
                if named is not None:
                    return named  # "a spokesperson for the tenants' group X United"
                if referents is not None and obj.lower_ in lx.BODY_NOUNS and obj.tag_ == "NN":
                    return _body(obj, referents)  # "a spokesperson for the department"
                if referents is not None and _kind_word(obj) \
                        and doc[obj.left_edge.i].lower_ == "the":
                    found = referents.organisation(obj.idx, obj.lower_, least=3)
                    if found is not None:
                        return found  # "a spokesperson for the brewery"
                if obj.lower_ in lx.OFFICES and doc[obj.left_edge.i].lower_ == "the":
                    # "a spokeswoman for the governor": the one who holds that office
                    holder = _description(doc, obj, obj.left_edge.idx, index, roles, referents)
                    if holder is not None:
                        return holder
                right = _before_clause(obj)
                found = index.at(obj.left_edge.idx, right.idx + len(right.text))
                if found and index.types.get(found) in _ACTORS:
                    return found
    return None


def _named_appos(noun: Token, index: EntityIndex) -> str | None:
    """The body a description names right after it: "the tenants' group X United", "the
    campaign group, X,"."""
    for appos in (c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
        found = index.at(appos.left_edge.idx, appos.right_edge.idx + len(appos.right_edge.text))
        if found is not None and index.types.get(found) in {"ORG", "NORP"}:
            return found
    return None


def _before_clause(noun: Token) -> Token:
    """The last word of a noun's phrase before a clause or an aside hung on it: "the X Group"
    in "the X Group, which runs Y Hospital," (Y is not who speaks)."""
    last = noun
    for child in noun.rights:
        if child.dep_ in {"relcl", "acl", "appos", "punct"}:
            break
        last = child.right_edge
    return last


def _org_modifier(doc: Doc, head: Token, index: EntityIndex,
                  referents: Referents | None) -> str | None:
    """"A company spokeswoman": the organisation the text last called "the company"; not
    "a Tarnby resident", who lives there and speaks for no one else."""
    if head.lower_ in lx.PERSON_NOUNS or head.lower_ in lx.BYSTANDERS:
        return None
    for child in head.children:
        if child.dep_ not in {"compound", "amod", "nmod"}:
            continue
        # ("A Tararua District Council spokeswoman": the named council, below)
        if referents is not None and child.is_lower and child.lower_ in lx.BODY_NOUNS:
            return _body(child, referents)
        found = index.at(child.idx, child.idx + len(child.text))
        if found is None and child.is_upper and len(child) > 1:
            found = entity_by_name(index, child.text)  # "An SES spokesperson", unmarked here
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
        if referents is not None and (child.is_lower or child.is_sent_start) \
                and child.pos_ == "NOUN" and head.lower_ in MEMBERS:
            found = referents.body_named_with(head.idx, noun)
            if found is not None:
                return found  # "fire officials said": the X Fire Department's
    return None
