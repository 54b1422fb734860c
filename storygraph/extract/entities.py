"""Named entities of one article: found, merged and typed by evidence.

spaCy's NER gives candidate spans and a label for each; a small model gets
many labels wrong on news (firms tagged PERSON, towns tagged ORG). So every
mention of an entity votes for a type, and cue words, honorifics, name heads
and a place gazetteer vote too. Mentions are merged within the article
(full name → "Ms Surname" → surname), and definite descriptions ("the firm",
"the union") are linked to the entity they refer back to.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from storygraph.extract import lexicon as lx
from storygraph.extract.gazetteer import (
    first_name_gender,
    given_name_gender,
    is_country,
    is_landscape,
    is_place,
    sure_gender,
    town_population,
)
from storygraph.extract.text import doc_text, per_sentence, sentence_of
from storygraph.model import Entity, Mention
from storygraph.nlp.components import dictionary_word

_POSSESSIVE = ("'s", "’s", "'", "’")
# Labels of the spans our own rules find before the model's (see _with_parties), which the
# model's spans do not cut and towns do not take over.
_OWN_LABELS = frozenset({"PARTY", "SEAT", "BODY", "PLAYER", "TEAM", "SHIP", "MODEL"})
_DAYS_AND_MONTHS = frozenset(w.casefold() for w in (*calendar.day_name, *calendar.month_name) if w)
_DIGIT = re.compile(r"\d")
# Road numbers: "M62", "A1(M)", "N17" (Ireland), "A4232".
_ROAD = re.compile(r"[AMBN]\d{1,4}(\(M\))?")
# A web address is its publisher: "Gossipwire.com", "Daft.ie", "Rentwise.co.uk" (also as a
# tokenised text spaces it: "Gossipwire . com").
_TLD = r"\.(com|net|org|co|uk|ie|ca|au|nz|news|tv)"
_WEBSITE = re.compile(rf"[A-Za-z][\w-]*({_TLD})+")
_DOMAIN_AFTER = re.compile(r" ?\. ?(com|net|org)\b")
# A known given name before a surname ("Mark X") counts once per entity, as much as the
# model's label can: a given name is strong evidence, but firms are named after people.
GIVEN_NAME_VOTES = 3
# The model's label counts once per mention, but no more than this over an article: a
# surname it mislabels ORG in every paragraph must not outvote "Mark X", "X, 28," or "Mr X".
MODEL_VOTES_MAX = 3


@dataclass
class _Cluster:
    """Mentions believed to name one thing, with the evidence about its type."""

    keys: set[tuple[str, ...]] = field(default_factory=set)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # proper-name mentions
    names: list[tuple[str, ...]] = field(default_factory=list)  # display tokens per mention
    votes: Counter[str] = field(default_factory=Counter)  # evidence: cue words, heads, names
    model: Counter[str] = field(default_factory=Counter)  # the model's label, per mention
    ner: Counter[str] = field(default_factory=Counter)
    descriptors: set[str] = field(default_factory=set)
    gender: str | None = None
    honorific: bool = False
    last_seen: int = 0
    sites: int = 0  # mentions where the name stands for a place one is at ("at X", "into X")
    definite: int = 0  # mentions after "the" ("the Tarn")
    placed: int = 0  # ... and a preposition ("on the Tarn", "west of the Orra")
    counted: int = 0  # mentions after "a", "its", "four" ("a Heat Recovery Unit")
    kind_marked: int = 0  # ... counted or owned, over words between ("its annual Grid Plan")
    in_headings: int = 0  # mentions in a line with no full stop: a headline or a heading
    positional: int = 0  # mentions capitalised only where they stand (a sentence's first word)
    noun_shaped: int = 0  # ... used as nouns are ("Bakery owner", "Ploughs sat", "Capacity:")
    speaking: int = 0  # mentions that are the subject of a speech verb ("Forecasters said")
    listed: int = 0  # mentions of a known town in a list with a place ("at X and Y")
    worked: int = 0  # mentions set in quotation marks or beside a work's noun ("the film X")
    party: bool = False  # named as a political party somewhere (lexicon.PARTY_NAMES)
    expands: set[tuple[str, ...]] = field(default_factory=set)  # names its initials stood for


@dataclass(frozen=True)
class IndexedMention:
    start: int
    end: int
    entity: str
    kind: str  # "name" | "nominal" | "title" | "pronoun"


def _span(mention: IndexedMention) -> tuple[int, int]:
    return mention.start, mention.end


@dataclass
class EntityIndex:
    """What the other extractors ask about entities: which entity is at a place in the text.

    Mentions are kept in text order with their starts beside them, so a look-up bisects
    instead of scanning: a paragraph of thousands of quotes asks thousands of times.
    """

    entities: list[Entity]
    types: dict[str, str]
    gender: dict[str, str | None]
    descriptors: dict[str, set[str]]
    mentions: list[IndexedMention]  # in text order; change them through `add`
    _starts: list[int] = field(init=False, repr=False)
    _longest: int = field(init=False, repr=False)  # no mention is longer: how far back to look
    # each entity's mentions as (start, end, order in `mentions` among the same span, kind)
    _of: dict[str, list[tuple[int, int, int, str]]] = field(init=False, repr=False)
    _added: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=_span)
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self._of = defaultdict(list)
        for k, m in enumerate(self.mentions):
            self._of[m.entity].append((m.start, m.end, k, m.kind))
        self._added = len(self.mentions)

    def at(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps [start, end), preferring names: the last name
        in text order, else the first mention."""
        first: IndexedMention | None = None
        for i in range(bisect_left(self._starts, end) - 1, -1, -1):
            m = self.mentions[i]
            if m.start + self._longest <= start:
                break
            if start < m.end:
                if m.kind == "name":
                    return m.entity
                first = m
        return first.entity if first else None

    def entities_in(self, start: int, end: int) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for i in range(bisect_left(self._starts, start), bisect_right(self._starts, end)):
            m = self.mentions[i]
            if m.end <= end:
                seen.setdefault(m.entity)
        return tuple(seen)

    def within_mention(self, start: int, end: int, entity: str) -> bool:
        """Whether [start, end) lies inside one mention of `entity`."""
        for i in range(bisect_right(self._starts, start) - 1, -1, -1):
            m = self.mentions[i]
            if m.start + self._longest < end:
                return False
            if m.entity == entity and end <= m.end:
                return True
        return False

    def starting_at(self, start: int) -> Iterator[IndexedMention]:
        """The mentions that start at `start`, in text order."""
        for i in range(bisect_left(self._starts, start), bisect_right(self._starts, start)):
            yield self.mentions[i]

    def ending_within(self, low: int, high: int) -> Iterator[IndexedMention]:
        """The mentions that end in [low, high], the latest in text order first."""
        for i in range(bisect_right(self._starts, high) - 1, -1, -1):
            m = self.mentions[i]
            if m.start + self._longest < low:
                return
            if low <= m.end <= high:
                yield m

    def last_before(self, position: int, *, types: set[str], gender: str | None = None,
                    kinds: frozenset[str] = frozenset({"name", "nominal", "title"})) -> str | None:
        """The most recent entity of a type mentioned before `position` (pronoun antecedents)."""
        for i in range(bisect_right(self._starts, position) - 1, -1, -1):
            m = self.mentions[i]
            if m.end > position or m.kind not in kinds:
                continue
            if self.types.get(m.entity) not in types:
                continue
            known = self.gender.get(m.entity)
            if gender and known and known != gender:
                continue
            return m.entity
        return None

    def add(self, start: int, end: int, entity: str, kind: str) -> None:
        # after the mentions of the same span, as appending and sorting would put it
        i = bisect_right(self.mentions, (start, end), key=_span)
        self.mentions.insert(i, IndexedMention(start, end, entity, kind))
        self._starts.insert(i, start)
        self._longest = max(self._longest, end - start)
        insort(self._of[entity], (start, end, self._added, kind))
        self._added += 1

    def new_entity(self, name: str, label: str, descriptors: set[str] | None = None) -> str:
        """An entity found after the entity pass ("the government" said twice, a transcript
        speaker the model missed), numbered after the others; its mentions go in by `add`."""
        entity_id = f"e{len(self.entities) + 1}"
        while entity_id in self.types:
            entity_id += "x"
        self.entities.append(Entity(entity_id, name, label))
        self.types[entity_id] = label
        self.gender[entity_id] = None
        self.descriptors[entity_id] = descriptors or set()
        return entity_id

    def retype(self, entity_id: str, label: str) -> None:
        """Give an entity another type, when a later pass knows better (a transcript's
        label "CALLER (PÁDRAIG)" says the "Pádraig" the model called a place is a person)."""
        self.entities = [replace(e, type=label) if e.id == entity_id else e
                         for e in self.entities]
        self.types[entity_id] = label

    def last_mentioned(self, entities: Iterable[str], position: int) -> str | None:
        """Of `entities`, the one mentioned last in a mention that ends by `position`."""
        found = []
        for entity in entities:
            mentions = self._of.get(entity, ())
            for i in range(bisect_left(mentions, (position,)) - 1, -1, -1):
                if mentions[i][1] <= position:
                    found.append((mentions[i][:3], entity))
                    break
        return max(found)[1] if found else None

    def named_by(self, entity: str, position: int) -> bool:
        """Whether the entity's name was written before `position`."""
        return any(kind == "name" and end <= position
                   for _, end, _, kind in self._of.get(entity, ()))


def extract_entities(doc: Doc, *, skip: list[tuple[int, int]],
                     headline: tuple[int, int] | None = None) -> EntityIndex:
    """Find, merge and type the named entities of `doc`, ignoring spans in `skip`.

    A name found only in the headline is dropped: Title Case Headlines Read Like Names
    to a small model, and every real actor of a story is named again in its body.
    """
    candidates = _candidates(doc, skip)
    clusters = _cluster(candidates, kin=_KIN.search(doc_text(doc)) is not None)
    if headline is not None:
        body = doc_text(doc)[headline[1] :]
        clusters = [c for c in clusters if _named_in_body(c, headline, body)]
    text = doc_text(doc)
    if any(ch.islower() for ch in text):
        clusters = [c for c in clusters
                    if not _only_in_headings(c, text) and not _heading_line(c, text)]
    for cluster in clusters:
        _vote_gazetteer(cluster)
    _vote_parents_of_arms(clusters)
    _vote_towns_of_councils(clusters)
    typed = [(c, _decide_type(c)) for c in clusters]
    typed = _without_junk([(c, t) for c, t in typed if t is not None], doc_text(doc))
    typed.sort(key=lambda ct: ct[0].spans[0][0])

    entities: list[Entity] = []
    types: dict[str, str] = {}
    gender: dict[str, str | None] = {}
    descriptors: dict[str, set[str]] = {}
    indexed: list[IndexedMention] = []
    for number, (cluster, label) in enumerate(typed, start=1):
        entity_id = f"e{number}"
        own = [n for n in cluster.names if not _arm_of([n], cluster)] or cluster.names
        name = " ".join(max(own, key=lambda n: (len(n), n[0].casefold() not in _ABBREVIATIONS,
                                                -cluster.names.index(n))))
        surfaces = dict.fromkeys(text for _, _, text in cluster.spans)
        aliases = tuple(s for s in surfaces if s != name)
        mentions = tuple(Mention(s, e, text) for s, e, text in sorted(set(cluster.spans)))
        entities.append(Entity(entity_id, name, label, aliases, mentions))
        types[entity_id] = label
        gender[entity_id] = cluster.gender
        descriptors[entity_id] = {w.lower() for w in name.split()} | cluster.descriptors
        indexed += (IndexedMention(m.start, m.end, entity_id, "name") for m in mentions)
    index = EntityIndex(entities, types, gender, descriptors, indexed)
    _link_nominals(doc, index, skip)
    return index


def _vote_parents_of_arms(clusters: list[_Cluster]) -> None:
    """"Kallmerra UK will run the service": a firm's national arm says the name it begins is
    a firm's, where the small model reads a foreign word alone as a place."""
    parents = {n[0].casefold() for c in clusters for n in c.names
               if len(n) == 2 and _national_arm(n)}
    for cluster in clusters:
        if any(len(k) == 1 and k[0] in parents for k in cluster.keys) \
                and not _known_place_word(cluster.names[0][0]):
            cluster.votes["ORG"] += 3


def _vote_towns_of_councils(clusters: list[_Cluster]) -> None:
    """"Nenagh Town Council met ... Nenagh needed a bypass": a known town's name alone, where
    the article names a council after it, is the town, not a short form of the council."""
    towns = {k[0] for c in clusters for k in c.keys if len(k) >= 2 and k[-1] == "council"}
    for cluster in clusters:
        if any(len(k) == 1 and k[0] in towns for k in cluster.keys) \
                and not _person_evidence(cluster) and _known_place_word(cluster.names[0][0]):
            cluster.votes["GPE"] += 2


# Words that name a kind of thing, an office or a part of a sentence, never one thing by
# themselves: a name made only of them is a heading fragment or a capitalised common word
# ("Council", "General Secretary", "Since the Government"). One-word bodies ("Treasury"),
# outlets ("the Post") and clubs ("City") are names.
_GENERIC = (lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS | lx.LOC_NAME_HEADS | lx.GENERIC_WORDS
            | lx.ROLE_NOUNS | lx.TITLE_WORDS | lx.TITLE_MODIFIERS | lx.NAME_EDGE_WORDS
            | {w.casefold() for w in lx.POST_NOMINALS}) \
    - lx.BODY_NAMES - lx.OUTLET_HEADS - lx.CLUB_HEADS


def _without_junk(typed: list[tuple[_Cluster, str]],
                  text: str) -> list[tuple[_Cluster, str]]:
    """Drop generic names and terms; "the Council" is the one council the article names."""
    # (a work's title the article never marks as one: the small model's guess at a line,
    # a route or a slogan, "Heart of the Dales", "Workers on the Wear")
    kept = [(c, t) for c, t in typed
            if not _junk(c) and not _term(c, text) and not _capitalised_noun(c, text)
            and not (t == "WORK_OF_ART" and not c.worked)]
    for cluster, _ in typed:
        if not _junk(cluster):
            continue
        words = {w.casefold() for w in max(cluster.names, key=len)}
        owners = [c for c, _ in kept if len(max(c.names, key=len)) > len(words)
                  and words <= {w.casefold() for w in max(c.names, key=len)}]
        if len(owners) > 1:  # "the Academy": the Academy of X, not the Academy Awards
            owners = [c for c in owners if _head_word(max(c.names, key=len)) in words]
        if len(owners) == 1:
            _absorb(owners[0], cluster)
    return kept


def _head_word(name: tuple[str, ...]) -> str:
    """What a name is a name of: the word before its "of" ("Academy of X"), else its last."""
    words = [w.casefold() for w in name]
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _junk(cluster: _Cluster) -> bool:
    """A name made only of generic words, unless the article says what it is."""
    name = max(cluster.names, key=len)
    if not cluster.honorific and (all(_common_acronym(w) for w in name)
                                  or " ".join(name).casefold() in lx.POLICY_TERMS
                                  or _policy_phrase(name)):
        return True  # "CCTV", "GPs", "Spending Review": a kind of thing, however often named
    if cluster.honorific or cluster.descriptors or cluster.party \
            or (is_place(" ".join(name)) and _decide_type(cluster) in {"GPE", "LOC"}) \
            or sum(cluster.model.values()) >= 3:
        return False  # (a generic word that is also some small town's name only if a place)
    words = [w.casefold() for w in name]
    if len(words) == 2 and words[1] in lx.FAC_NAME_HEADS and words[0] != words[1] \
            and words[0] in lx.LOC_NAME_HEADS | lx.FAC_NAME_HEADS:
        return False  # "the Valley Hotel", "Station Road": a site named after its setting
    # ("the Bill" is no one called Bill)
    return all(w.casefold().rstrip(".") in _GENERIC for w in name) \
        and (first_name_gender(name[0]) is None or cluster.definite == len(cluster.spans))


# Last words of a Title Case phrase that name an activity or a field, not a thing ("Natural
# Flood Management", "Rural Affairs"), and of one that names a plan or a policy, a name only
# with more than one word before it ("the National Development Plan", not "the Local Plan").
_ACTIVITY_HEADS = frozenset("""management resilience affairs allocation assessment guidance
    consultation""".split())
_POLICY_HEADS = frozenset("""plan plans strategy programme program scheme framework policy
    review budget target targets initiative agenda pathway allowance round""".split())


def _policy_phrase(name: tuple[str, ...]) -> bool:
    """An activity's name ("Natural Flood Management", "Climate Action and Resilience") or a
    plan's of two words ("Local Plan", "Allocation Round"), the other words all common ones,
    none a place's, a given name or a name's head (not "Marshall Plan", "Kent Strategy")."""
    head = name[-1].casefold()
    return len(name) >= 2 and (head in _ACTIVITY_HEADS or (
        len(name) == 2 and head in _POLICY_HEADS)) and _common_words(name[:-1])


def _common_acronym(word: str) -> bool:
    return word.removesuffix("s") in lx.COMMON_ACRONYMS


def _term(cluster: _Cluster, text: str) -> bool:
    """A Title Case term the article also writes in lower case ("Heat Recovery Unit" ...
    "a heat recovery unit"), or only ever counts or owns ("an Improvement Notice", "its
    Annual Report"): a thing's kind, not its name."""
    name = max(cluster.names, key=len)
    if len(name) < 2 or cluster.honorific or not all(
            w.isalpha() and (w.istitle() or (w in lx.ACRONYM_SKIPS and 0 < k < len(name) - 1))
            for k, w in enumerate(name)):
        return False
    phrase = " ".join(name).lower()
    if is_place(phrase) or town_population(phrase):
        return False
    if cluster.counted == len(cluster.spans) and not cluster.votes["GIVEN_NAME"]:
        return True
    # (a substring test first: the pattern scans the whole text, once per name)
    if phrase in text and re.search(rf"\b{re.escape(phrase)}\b", text) is not None:
        return True
    # Common words only ("a single Electric Arc Furnace", "their Water Use Licence"), with
    # nothing that says a body: a kind of thing where it is only ever counted or owned (but
    # in headlines and headings, which leave out "a" and "the"), or whose initials are
    # written in the plural ("Treatment Plants (TPs)", "built EAFs"): no body is.
    if not _common_words(name) or cluster.descriptors or cluster.votes["GIVEN_NAME"]:
        return False
    bracketed = {m.group(1) for m in re.finditer(
        rf"{re.escape(' '.join(name))} \((\w+)\)", text) if _acronym_like(m.group(1))}
    initials = bracketed | {n[0] for n in cluster.names if len(n) == 1 and _acronym_like(n[0])}
    # A name of common words with its initials in brackets after it, that nothing says is a
    # body and that names no members, is a technique's ("Carbon Capture and Storage (CCS)").
    return any(re.search(rf"\b{re.escape(a.removesuffix('s'))}s\b", text) for a in initials) \
        or (cluster.kind_marked > 0 and cluster.votes["ORG"] <= 0
            and cluster.kind_marked + cluster.in_headings >= len(cluster.spans)) \
        or (bool(bracketed) and cluster.votes["ORG"] <= 0 and not _people_words(name))


def _people_words(name: tuple[str, ...]) -> bool:
    """A name with a word for people in it ("Friends of the Moor", "Motor Traders"): bodies
    are named after their members; a technique ("Carbon Capture and Storage") is not."""
    return any(w.casefold() in lx.PERSON_NOUNS or w.casefold() in lx.ROLE_NOUNS
               or w.casefold().endswith(("ers", "ors", "ists", "ians", "ants", "ents"))
               or w.casefold() in {"friends", "citizens", "people", "members", "staff"}
               for w in name)


# Last words that make a name of common words a name ("Network Rail" is none of them).
_NAME_ENDS = lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS | lx.LOC_NAME_HEADS | lx.OUTLET_HEADS \
    | lx.CLUB_HEADS | lx.PLACE_NAME_HEADS | lx.LAW_NAME_HEADS | lx.EVENT_NAME_HEADS


def _common_words(name: tuple[str, ...]) -> bool:
    """Words all found in the dictionary, none a place's, a given name or a name's head; the
    small words between them aside ("Carbon Capture and Storage" is a kind of thing too)."""
    words = [w for w in name if w.casefold() not in lx.ACRONYM_SKIPS]
    return bool(words) and all(
        dictionary_word(w) and not _known_place_word(w) and first_name_gender(w) is None
        for w in words) and not {w.casefold() for w in words} & _NAME_ENDS


# --- candidates -------------------------------------------------------------------------

@dataclass
class _Candidate:
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]  # name tokens without honorific, article or descriptor
    ner: str | None
    votes: Counter[str]
    model: Counter[str]
    descriptors: set[str]
    gender: str | None
    honorific: bool
    site: bool = False
    party: bool = False
    definite: bool = False
    placed: bool = False
    counted: bool = False
    expands: tuple[str, ...] | None = None  # the name these initials followed in brackets
    kind_marked: bool = False
    in_heading: bool = False
    listed: bool = False
    worked: bool = False
    positional: bool = False
    noun_shaped: bool = False
    speaking: bool = False


def _candidates(doc: Doc, skip: list[tuple[int, int]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    covered: set[int] = set()
    for group in _campaign_groups(doc):
        candidate = _candidate(doc, group, "BODY")
        if candidate and not _skipped(skip, candidate.start, candidate.end):
            found.append(candidate)
            covered.update(range(group.start, group.end))
    for ent, label in _named_spans(doc):
        if covered.intersection(range(ent.start, ent.end)):
            continue
        held = _person_after_portfolio(doc, ent) if label in {"PERSON", "ORG"} else None
        if (label not in lx.ENTITY_LABELS and label not in _OWN_LABELS | {"TOWN"}) \
                or (label not in _OWN_LABELS
                    and (_title_modifier(doc, ent) or _portfolio(ent)
                         or (held is not None and held != ent))):
            covered.update(range(ent.start, ent.end))
            holder = _person_after_portfolio(doc, ent) if label in lx.ENTITY_LABELS else None
            if holder is not None and (candidate := _candidate(doc, holder, "PERSON")) \
                    and not _skipped(skip, candidate.start, candidate.end):
                found.append(candidate)
            continue
        if _slogan(doc, ent, label):
            covered.update(range(ent.start, ent.end))
            continue
        candidate = _candidate(doc, ent, label)
        if candidate and not _skipped(skip, candidate.start, candidate.end):
            found.append(candidate)
            covered.update(range(ent.start, ent.end))
    # Short forms the NER missed when they stand alone: surnames ("..., Sorrell said") and
    # the first word of an organisation's name ("Rookhope" for "Rookhope Building Society").
    full_names = [tuple(t.text for t in ent) for ent in doc.ents
                  if ent.label_ == "PERSON" and len(ent) > 1]
    short_forms = {_surname(name): "PERSON" for name in full_names}
    bodies = [ent for ent in doc.ents if ent.label_ == "ORG" and len(ent) > 1
              and ent[-1].lower_ in lx.ORG_NAME_HEADS]
    short_forms.update({ent[0].text: "ORG" for ent in bodies if ent[0].text not in short_forms})
    body_starts = {(ent[0].text, ent[1].text) for ent in bodies}
    body_names = {tuple(t.text for t in ent) for ent in bodies}
    for token in doc:
        if token.i not in covered and token.pos_ == "PROPN" and token.text in short_forms \
                and not _hyphenated(token) and not _ends_a_place(token) \
                and not _opens_another_name(token, body_starts) \
                and not _opens_family_name(token) \
                and not _ends_a_full_name(token, full_names) \
                and not _ends_a_longer_name(token) \
                and not _skipped(skip, token.idx, token.idx + len(token.text)):
            span = _body_written_whole(doc, token, body_names, covered) \
                or doc[token.i : token.i + 1]
            candidate = _candidate(doc, span, short_forms[token.text])
            if candidate:
                found.append(candidate)
                covered.update(range(span.start, span.end))
    # Proper-noun runs the NER missed ("the North Wessex Chamber").
    unmarked: list[Span] = []
    i = 0
    while i < len(doc):
        if (doc[i].pos_ != "PROPN" and not _town_read_as_a_noun(doc[i])) or i in covered:
            i += 1
            continue
        j = i
        while j < len(doc) and (doc[j].pos_ == "PROPN" or _joins_names(doc, j)
                                or (j > i and _joins_names(doc, j - 1))) \
                and j not in covered and not doc[j].is_space and doc[j].whitespace_ != "\n":
            j += 1
        j = _and_body(doc, i, j, covered)
        j = _plural_possessive_body(doc, i, j, covered)
        if j > i and i - 1 not in covered and (_place_prefix_before(doc, i, doc[j - 1])
                                               or _campaign_verb(doc, i)):
            i -= 1
        span = doc[i:j] if j > i else doc[i : i + 1]
        label = None
        if (opening := _cause_opening(doc, i)) < i:
            span, label = doc[opening : span.end], "ORG"  # "Friends of Kilmory Woods"
        elif (holder := _person_after_portfolio(doc, span)) is not None:
            span, label = holder, "PERSON"
        if j < len(doc) and j not in covered and _known_place(list(span)) \
                and _team_after(doc, span):
            span, label = doc[i : j + 1], "ORG"  # "the Hexley 49ers", the model saw none
            j += 1
        candidate = None if _slogan(doc, span, label) else _candidate(doc, span, label)
        if candidate and not _skipped(skip, candidate.start, candidate.end):
            found.append(candidate)
        elif candidate is None and j - i >= 2:
            unmarked.append(span)
        i = max(j, i + 1)
    # A run of two words or more with no mark of its own ("X Grid has responded") is a name
    # where the article marks the same words as one elsewhere ("Power company X Grid says").
    named = {tuple(w.casefold() for w in c.tokens) for c in found if len(c.tokens) >= 2}
    for span in unmarked:
        candidate = _candidate(doc, span, None, vouched=True)
        if candidate and tuple(w.casefold() for w in candidate.tokens) in named \
                and not _skipped(skip, candidate.start, candidate.end):
            found.append(candidate)
    _link_bracketed_initials(doc, found)
    found += _names_read_as_nouns(doc, found, skip)
    found += _plural_names(doc, found, skip)
    found += _outlets_told(doc, found, skip)
    found = _headline_names(doc, found)
    found.sort(key=lambda c: c.start)
    return found


def _plural_possessive_body(doc: Doc, i: int, j: int, covered: set[int]) -> int:
    """Where a run of proper nouns ends: past a plural's apostrophe where the run goes on
    to a body's head ("the Kelvale Allotment Holders' Protection Association", "Harlow
    Tenants' Federation"); the run alone stops at the apostrophe, which left "Protection
    Association" a name of its own."""
    if not (i < j < len(doc) - 1 and doc[j].text in {"'", "’"} and doc[j - 1].lower_.endswith("s")
            and doc[j - 1].is_title and doc[j].whitespace_ == " "):
        return j
    k = _proper_nouns_after(doc, j + 1, untagged=False, covered=covered)
    return k if k > j + 1 and doc[k - 1].lower_ in lx.ORG_NAME_HEADS else j


def _proper_nouns_after(doc: Doc, start: int, *, most: int | None = None, alpha: bool = False,
                        untagged: bool = True, covered: set[int] | frozenset[int] = frozenset()
                        ) -> int:
    """Where a run of capitalised proper nouns from `start` ends: each after a space (on
    the same line), at most `most` of them, letters only with `alpha`, none the model
    tagged (with `untagged`) nor in `covered`."""
    k = start
    while k < len(doc) and (most is None or k - start < most) \
            and doc[k - 1].whitespace_ == " " and doc[k].pos_ == "PROPN" and doc[k].is_title \
            and (doc[k].is_alpha or not alpha) and not (untagged and doc[k].ent_type_) \
            and k not in covered:
        k += 1
    return k


def _town_read_as_a_noun(token: Token) -> bool:
    """"Leyburn residents packed the hall": a sentence's first word the tagger took for a
    common noun, that is no dictionary word and is a known town's name."""
    return token.is_sent_start and token.pos_ == "NOUN" and token.is_title \
        and token.is_alpha and not dictionary_word(token.text) and _known_place([token])


def _ends_a_longer_name(token: Token) -> bool:
    """"Halvik Water" beside "Varrow Water": the word after another capitalised proper noun
    (no honorific) is the end of another name, not a short form standing alone."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if _in_heading(token.doc, token) and dictionary_word(before.lower_):
        return False  # (a headline capitalises its verbs: "Red Sox Will Nab X")
    return before.pos_ == "PROPN" and before.text[:1].isupper() and before.is_alpha \
        and before.whitespace_ == " " and not _honorific(before)


def _link_bracketed_initials(doc: Doc, found: list[_Candidate]) -> None:
    """Initials in brackets after a body's name stand for that name, whatever they spell
    ("NHS Wessex Integrated Care Board (ICB)")."""
    for body, initials in _bracketed_bodies(doc):
        name = next((c for c in found if c.end == body.end_char
                     and body.start_char <= c.start), None)
        short = next((c for c in found if c.start == initials.start_char), None)
        if name is not None and short is not None:
            short.expands = tuple(w.casefold() for w in name.tokens)


def _names_read_as_nouns(doc: Doc, found: list[_Candidate],
                         skip: list[tuple[int, int]]) -> list[_Candidate]:
    """Other mentions of a one-word name the tagger took for a common noun ("the Gulls
    sacked ..." beside "the Gulls were ...", "checked into Serenity"): the same capitalised word
    inside a sentence, in an article that never writes it in lower case."""
    names = {c.tokens[0]: c.ner for c in found if len(c.tokens) == 1 and c.tokens[0].istitle()}
    taken = [(c.start, c.end) for c in found]
    lowered = {t.lower_ for t in doc if t.is_lower}
    extra: list[_Candidate] = []
    for token in doc:
        # (a sentence's first word only where it is a known town's name and no dictionary
        # word: "Leyburn residents packed the hall" beside "in Leyburn", not "Ploughs sat
        # idle" beside "the Ploughs", nor a firm's name in a headline)
        if token.pos_ != "NOUN" or token.text not in names \
                or (token.is_sent_start and not _town_read_as_a_noun(token)) \
                or token.lower_ in lowered or not _free(token, taken, skip):
            continue
        candidate = _candidate(doc, doc[token.i : token.i + 1], names[token.text])
        if candidate:
            extra.append(candidate)
    return extra


def _plural_names(doc: Doc, found: list[_Candidate],
                  skip: list[tuple[int, int]]) -> list[_Candidate]:
    """"the Gulls", "the Hornets": a plural capitalised inside a sentence after "the", that
    the model saw no name in and the article never writes in lower case, names a team or a
    band (a body). Not a known place ("the Cotswolds"), nor a word of the kinds of things
    and offices ("the Councils")."""
    taken = [(c.start, c.end) for c in found]
    lowered = {t.lower_ for t in doc if t.is_lower}
    extra: list[_Candidate] = []
    for token in doc:
        if token.tag_ not in {"NNS", "NNPS"} or not token.is_title or token.is_sent_start \
                or token.ent_type_ or token.i == 0 or doc[token.i - 1].lower_ != "the" \
                or token.lower_ in lowered or token.lower_ in _GENERIC \
                or token.lower_.rstrip("s") in _GENERIC or _known_place([token]) \
                or _in_title_case_line(token) or not _free(token, taken, skip) \
                or (token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper()):
            continue
        candidate = _candidate(doc, doc[_cause_opening(doc, token.i) : token.i + 1], "ORG")
        if candidate:
            extra.append(candidate)
    return extra


_OUTLET_KINDS = frozenset("magazine newspaper tabloid website".split())
_TELLING = frozenset("tell talk speak".split())


def _outlets_told(doc: Doc, found: list[_Candidate],
                  skip: list[tuple[int, int]]) -> list[_Candidate]:
    """A common word capitalised inside a sentence, where one is told or talked to ("her rep
    told People", "Talking to Variety") or before "magazine" ("People magazine"), that the
    model saw no name in: an outlet named with a common word (ORG). Not in a Title Case line,
    not a plural ("told Members", a House's), nor an outlet's head word without "the" ("told
    News at Ten", but "told the Clarion")."""
    taken = [(c.start, c.end) for c in found]
    extra: list[_Candidate] = []
    for token in doc:
        if not token.is_title or token.is_sent_start or token.ent_type_ \
                or not dictionary_word(token.text) or _in_title_case_line(token) \
                or not _free(token, taken, skip) or doc[token.i - 1].text[:1].isupper() \
                or (token.lower_.endswith("s") and dictionary_word(token.lower_[:-1])) \
                or (token.lower_ in lx.OUTLET_HEADS and doc[token.i - 1].lower_ != "the"):
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        told = (token.dep_ in {"dobj", "dative"} and token.head.lemma_ in _TELLING) or (
            token.dep_ == "pobj" and token.head.lower_ == "to"
            and token.head.head.lemma_ in _TELLING)
        if told or (after is not None and after.lower_ in _OUTLET_KINDS):
            candidate = _candidate(doc, doc[token.i : token.i + 1], "ORG")
            if candidate:
                candidate.votes["ORG"] += 3
                extra.append(candidate)
    return extra


def _free(token: Token, taken: list[tuple[int, int]], skip: list[tuple[int, int]]) -> bool:
    """Outside the names found so far and the skipped spans."""
    end = token.idx + len(token.text)
    return not _skipped(skip, token.idx, end) \
        and not any(s < end and token.idx < e for s, e in taken)


def _hyphenated(token: Token) -> bool:
    """The second half of a hyphenated name ("Colbourne" of "Prentiss-Colbourne"): no short
    form of its own."""
    return token.i > 1 and token.doc[token.i - 1].text == "-" \
        and not token.doc[token.i - 2].whitespace_ and not token.doc[token.i - 1].whitespace_


def _title_case(sentence: Span) -> bool:
    """A headline-like line: no full stop, four words of four letters or more, nearly all
    capitalised (a sentence naming three bodies can be nearly all capitals too)."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    ends = [t for t in sentence if not t.is_space]
    return len(words) >= 4 and 5 * sum(t.text[:1].isupper() for t in words) >= 4 * len(words) \
        and bool(ends) and ends[-1].text != "."


def _in_title_case_line(token: Token) -> bool:
    """Whether `token` is in a headline-like line, judged once per sentence."""
    return per_sentence(token, "title_case", _title_case)


def _headline_names(doc: Doc, found: list[_Candidate]) -> list[_Candidate]:
    """A Title Case line runs names into the words around them ("Mara Quill Checks Into
    Court-Ordered Rehab", "Senate Overturns Hale Rule"): a span there that the article never
    writes elsewhere, holding a name it does, is that name ("Mara Quill", "Hale") and the
    name heads after it ("Ada Lark Center" stays whole where the body says "Ada Lark").
    Not a name with an honorific, nor in a line with a colon: speakers' labels ("Dame X Y:")."""
    spans = [doc.char_span(c.start, c.end, alignment_mode="expand") for c in found]
    titled = [span is not None and _in_title_case_line(span[0]) for span in spans]
    body = {tuple(w.casefold() for w in c.tokens)
            for c, t in zip(found, titled, strict=True) if not t}
    result: list[_Candidate] = []
    for c, span, t in zip(found, spans, titled, strict=True):
        if not t or span is None or c.honorific \
                or per_sentence(span[0], "colon", lambda s: ":" in s.text) \
                or tuple(w.casefold() for w in c.tokens) in body:
            result.append(c)
            continue
        words = [tok for tok in span if not tok.is_punct and not tok.is_space]
        runs = _body_runs(words, body)
        if not runs:
            result.append(c)
            continue
        # The first name keeps the proper nouns before it ("Mara" of "Mara Quill" where
        # the body says "Quill"), not a verb ("Overturn Hale Rules").
        first = runs[0][0]
        while first > 0 and words[first - 1].pos_ == "PROPN" \
                and not words[first - 1].tag_.startswith("VB"):
            first -= 1
        runs[0] = (first, runs[0][1])
        for first, last in runs:
            part = _candidate(doc, doc[words[first].i : words[last].i + 1], c.ner)
            if part is not None:
                result.append(part)
    return result


def _body_runs(words: list[Token], body: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """The longest runs of `words` (first, last index) that are names written in the body,
    with the name heads after them, not overlapping; not one a small word continues."""
    runs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            last = first + size - 1
            if taken & set(range(first, last + 1)):
                continue
            if tuple(w.lower_ for w in words[first : last + 1]) not in body:
                continue
            if last + 1 < len(words) and not words[last + 1].text[:1].isupper():
                continue  # the name runs on: "Department" in "Department of Health"
            while last + 1 < len(words) and not taken & {last + 1} \
                    and words[last + 1].lower_ in _NAME_OR_OUTLET_HEADS:
                last += 1  # "Ashvale" in the body, "Ashvale Hospital Cuts Beds" above it
            runs.append((first, last))
            taken.update(range(first, last + 1))
    joined: list[tuple[int, int]] = []
    for first, last in sorted(runs):  # "Lindsay" + "Lohan", both said alone: one name
        if joined and joined[-1][1] + 1 == first:
            first = joined.pop()[0]
        joined.append((first, last))
    return joined


# First words of place names that are also adjectives ("Little Mardale", "Great Ayton").
_PLACE_PREFIXES = frozenset("little great upper lower nether old new long high".split())


def _place_prefix_before(doc: Doc, start: int, last: Token) -> bool:
    """Whether the word before token `start` opens the place's name of a body ending in
    `last`, read as an adjective by the model ("Little Mardale Parish Council")."""
    if start == 0:
        return False
    before = doc[start - 1]
    return before.lower_ in _PLACE_PREFIXES and before.text.istitle() \
        and before.whitespace_ == " " and not before.ent_type_ \
        and last.lower_ in lx.ORG_NAME_HEADS


def _named_spans(doc: Doc) -> list[tuple[Span, str]]:
    """NER spans, mended where the small model cuts names in the wrong place."""
    spans: list[tuple[Span, str]] = []
    longer = {tuple(t.text for t in e if t.lower_ != "the") for e in doc.ents
              if e.label_ == "ORG" and len(e) >= 3}
    for ent in _with_gaelic_names(doc, _with_union_locals(doc, _with_joined_unions(
            doc, _with_surnames(doc, _with_parties(doc))))):
        if ent[0].text in {"Q.", "Q:"} and all(_honorific(t) for t in ent[1:]):
            continue  # "Q. Mrs" of "Q. Mrs Oduya-Slater, ...": the name is read as a run
        while len(ent) > 1 and ent[-1].is_space:
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)  # a line break ends no name
        if spans and spans[-1][0].start <= ent.start and ent.end <= spans[-1][0].end:
            continue  # already inside a mended name ("Denver" + "49ers")
        if ent.label_ in _OWN_LABELS:
            while spans and spans[-1][0].end > ent.start:
                spans.pop()
            spans.append((ent, ent.label_))
            continue
        if spans and (_arm_after(doc, spans[-1], ent) or _regional_arm(doc, spans[-1], ent)):
            spans[-1] = (doc[spans[-1][0].start : ent.end], "ORG")
            continue
        if spans and _named_after_a_landmark(spans[-1], ent):
            spans[-1] = (doc[spans[-1][0].start : ent.end], "ORG")  # "X" "Bay Dolphins"
            continue
        if spans and _cut_at_and(doc, spans[-1], ent):
            spans[-1] = (doc[spans[-1][0].start : ent.end], "ORG")  # "the X Nursing and" "Y"
            continue
        if (arm := _regional_arm_before(doc, ent)) is not None and not (
                spans and spans[-1][0].end > arm.start):
            spans.append((arm, "ORG"))  # "NHS Wendle and Orrin", only the last word seen
            continue
        if spans and _name_goes_on(doc, spans[-1], ent):
            spans[-1] = (doc[spans[-1][0].start : ent.end], "PERSON")  # "Datuk Teo" "Kian Seng"
            continue
        if ent.label_ in {"DATE", "TIME"} and (places := _places_in(ent)):
            spans += [(place, "GPE") for place in places]  # "27/09/2013 - Kazakhstan to ..."
            continue
        ent, label = _mend_bracket(doc, _without_score(ent), ent.label_)
        if (pieces := _split_at_an_owner(ent, label) or _split_at_a_place(ent, label)
                or _split_at_an_inner_article(ent, label)):
            spans += pieces  # "Underfell in Tring", "X Ltd of Amble": a name, then a place
            continue
        if (law := _law_before(doc, ent)) is not None:
            while spans and spans[-1][0].end > law.start:
                spans.pop()  # ("Tenancy Deposits" read as a firm before "Bill")
            spans.append((law, "LAW"))
            continue
        after = doc[ent.end] if ent.end < len(doc) else None
        if label == "GPE" and after is not None and after.lower_ == "government" \
                and is_country(ent.text):
            spans.append((doc[ent.start : ent.end + 1], "ORG"))  # "the UK government"
            continue
        words = [t for t in ent if t.is_alpha]
        if label == "WORK_OF_ART" and len(words) >= 3 and words[0].lower_ == "the" \
                and words[-1].lower_ in lx.OUTLET_HEADS and words[-1].is_title:
            label = "ORG"  # "''The Ardby Reporter''": an outlet in quotation marks, no work
        if label == "NORP":
            if after is not None and after.lower_ in lx.STANDALONE_BODIES:
                ent, label = doc[ent.start : ent.end + 1], "ORG"  # "the Scottish government"
            elif ent.root.dep_ in {"amod", "compound", "nmod"}:
                label = "NOT_A_NAME"  # "a Dutch-owned firm": an adjective, not an actor
        elif not any(t.text[:1].isupper() for t in ent) or (
            len(ent) == 1 and ent[0].pos_ in {"VERB", "ADJ", "ADV"}
            and ((ent[0].is_sent_start and not _firm_before_a_workplace(ent[0]))
                 or _hyphen_after(doc, ent[0]))
        ):
            label = "NOT_A_NAME"  # "bee", "lorry", "Sacked miners"
        elif (parts := _list_items(ent)) is not None:
            # "Bala, Corwen, Llangollen": a list, one name per item; a list
            # of towns whatever the model called it ("Tullyvane, Ardcross and Kilbeg").
            parts = [piece for part in parts for piece in _places_and(part)]
            places = [_known_place(list(part)) for part in parts]
            towns = label != "PERSON" and (2 * sum(places) > len(parts) or (
                any(places) and _list_goes_on_to_a_place(ent)))
            # (an item no gazetteer knows is a place too where the model's label is one no
            # town has: "Kilbeg, Drumlow" read as a title)
            spans += [(part, "GPE" if towns and (known or label in _NEVER_A_TOWN) else label)
                      for part, known in zip(parts, places, strict=True)]
            continue
        elif any(t.lower_ == "and" for t in ent[1:-1]) and not is_place(ent.text) \
                and (label in {"GPE", "LOC"} or _two_places(ent)):
            # "around Thirsk and Bedale": two places, not one.
            middle = next(t.i for t in ent[1:-1] if t.lower_ == "and")
            label = label if label in {"GPE", "LOC"} else "GPE"
            spans += [(doc[ent.start : middle], label), (doc[middle + 1 : ent.end], label)]
            continue
        elif label in _NEVER_A_TOWN | {"ORG"} and _known_place(list(ent)) \
                and _listed_with_a_place(ent.root):
            # "Tullyvane, Ardcross and Amble": a known town in a list with a place the
            # model saw is a place, not a product, a work or a firm
            label = "GPE"
        elif (journey := _journey(ent)) is not None:
            spans += journey  # "the branch from Grantham to Skegness": two places
            continue
        elif label in {"ORG", "FAC"}:
            ent = _mend_org(doc, ent)
        elif label == "GPE" and _team_after(doc, ent):
            ent, label = doc[ent.start : ent.end + 1], "ORG"  # "Hexley 49ers"
        if label in {"ORG", "GPE", "LOC"} and (whole := _cut_short(doc, ent, longer)) is not None:
            ent, label = whole, "ORG"  # "X Estuary" + "Plating" of "X Estuary Plating Ltd"
        if label in {"PERSON", "ORG", "FAC", "GPE", "LOC"}:
            before_heads = ent.end
            ent = _heads_after(doc, _extend_left(doc, ent))
            if ent.end > before_heads and ent[-1].lower_ in lx.OUTLET_HEADS \
                    and ent.start > 0 and doc[ent.start - 1].lower_ == "the":
                label = "ORG"  # "the X Reporter": an outlet, however the model read X
            if spans and spans[-1][1] in _OWN_LABELS \
                    and ent.start < spans[-1][0].end < ent.end:
                ent = doc[spans[-1][0].end : ent.end]  # not back into a seat or a party
        if label != "PERSON" and len(ent) == 1 and ent.start > 0 \
                and _honorific(doc[ent.start - 1]) and given_name_gender(ent.text) is not None:
            label = "PERSON"  # "Dr Seonaid" (Garvock-Crook) read as a product: a titled given name
        if label == "PERSON":
            ent = _extend_right(doc, ent)
        if (label == "PERSON" or (len(ent) == 1 and given_name_gender(ent.text) is not None)) \
                and (surnamed := _particle_surname_after(doc, ent)) is not None:
            ent, label = surnamed, "PERSON"
        elif label == "PERSON" and (given := _given_name_before_particle(doc, ent)) is not None:
            ent = given
        if label in {"PERSON", "GPE", "ORG"}:
            barrelled = _double_barrelled(doc, ent)
            if barrelled.end > ent.end and _given_or_titled(doc, ent):
                ent, label = barrelled, "PERSON"
            elif _speaks_as_a_person(barrelled):
                ent, label = barrelled, "PERSON"
        while spans and spans[-1][0].end > ent.start:
            spans.pop()  # swallowed by the mended name
        spans += _split_a_byline(ent) or [(ent, label)]
    return _with_towns(doc, spans)


def _cut_short(doc: Doc, ent: Span, longer: set[tuple[str, ...]]) -> Span | None:
    """"Dee Estuary" + "Plating in 2019", where the model tagged "Dee Estuary Plating Ltd"
    elsewhere: the model's name and the proper nouns right after it on the line begin a
    body's name the article writes in full, so they are that body's short name, not a place."""
    words = tuple(t.text for t in ent if t.lower_ != "the")
    best = None
    for end in range(ent.end + 1, _proper_nouns_after(doc, ent.end, most=3) + 1):
        run = words + tuple(t.text for t in doc[ent.end : end])
        if any(len(name) > len(run) and name[: len(run)] == run for name in longer):
            best = end
    return None if best is None else doc[ent.start : best]


def _places_in(ent: Span) -> list[Span]:
    """Places the model took into a date ("27/09/2013 - Kazakhstan to hold ..."): runs of
    capitalised proper nouns, no month's or day's name nor a compass point, that the
    gazetteer knows; none where the date runs on into a name ("East 14th" + "Street")."""
    found: list[Span] = []
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text[:1].isupper() and ent[-1].whitespace_ == " ":
        return found
    k = ent.start
    while k < ent.end:
        j = k
        while j < ent.end and ent.doc[j].pos_ == "PROPN" and ent.doc[j].is_title \
                and ent.doc[j].lower_ not in _DAYS_AND_MONTHS:
            j += 1
        if j > k and is_place(ent.doc[k:j].text) \
                and ent.doc[k:j].text.casefold() not in _REGION_WORDS:
            found.append(ent.doc[k:j])
        k = max(j, k + 1)
    return found


def _arm_after(doc: Doc, name: tuple[Span, str], country: Span) -> bool:
    """"Moriyama-Ishi UK" read as a name and a country: a firm's national arm, where the
    country follows the name with nothing between and is no noun's modifier ("gave Lee UK
    citizenship"), and the name is no person's with a given name."""
    span, label = name
    after = doc[country.end] if country.end < len(doc) else None
    return country.label_ == "GPE" and len(country) == 1 and is_country(country.text) \
        and span.end == country.start and label in {"PERSON", "ORG"} \
        and span[-1].whitespace_ == " " and not span[-1].is_punct \
        and (after is None or after.pos_ not in {"NOUN", "PROPN", "NUM"}) \
        and _national_arm(tuple(t.text for t in (*span, country[0]) if not t.is_space)) \
        and not any(t.lower_ in {"the", "a", "an"} for t in span)


def _name_goes_on(doc: Doc, name: tuple[Span, str], rest: Span) -> bool:
    """"Datuk Teo Kian Seng" read as two people, "Datuk Teo" and "Kian Seng" (or "Datuk Yap"
    and a firm, "Leong"): an honorific and one word, then more of the name, capitalised proper
    nouns with only spaces between."""
    span, label = name
    return label == "PERSON" and 2 <= len(span) <= 3 and (rest.label_ == "PERSON" or (
        rest.label_ == "ORG" and len(rest) == 1 and rest[0].lower_ not in lx.ORG_NAME_HEADS)) \
        and _honorific(span[0]) and span[-1].is_title and span[-1].whitespace_ == " " \
        and span.end <= rest.start \
        and all(t.is_title and t.is_alpha and t.whitespace_ == " " and t.pos_ == "PROPN"
                and (t.i >= rest.start or not t.ent_type_) for t in doc[span.end : rest.end - 1]) \
        and rest[-1].is_title and rest[-1].is_alpha


def _named_after_a_landmark(name: tuple[Span, str], rest: Span) -> bool:
    """"Donegal Bay Dolphins" read as a place and a person ("Donegal", "Bay Dolphins"): a
    place's word, then with only a space between a name that opens with a landform's word
    ("Bay", "Valley", "Lake") and goes on: a club or a body named after the bay or the
    valley, one name."""
    span, label = name
    return label in {"GPE", "LOC"} and rest.label_ in {"PERSON", "ORG"} and len(span) == 1 \
        and span.end == rest.start and span[-1].whitespace_ == " " and len(rest) >= 2 \
        and rest[0].lower_ in lx.LOC_NAME_HEADS and rest[0].is_title \
        and all(t.is_title and t.is_alpha for t in rest)


def _cut_at_and(doc: Doc, name: tuple[Span, str], rest: Span) -> bool:
    """"the Irish Nursing and" "Midwifery Staff Organisation": a body's name the model ended
    on its "and", the rest of it a body's name right after."""
    span, label = name
    return label == "ORG" and rest.label_ == "ORG" and len(span) > 1 \
        and span[-1].lower_ in {"and", "&"} and span.end == rest.start \
        and rest[-1].lower_ in lx.ORG_NAME_HEADS  # (not two places: "Settle and" "Hellifield")


def _regional_arm_before(doc: Doc, region: Span) -> Span | None:
    """"NHS Wendle and Orrin" where the model saw only "Orrin": the acronym, place and
    "and" before it, none of them in a name of the model's, make the regional arm."""
    start = region.start - 3
    if start < 0 or not 1 <= len(region) <= 2:
        return None
    arm = doc[start : region.end]
    if any(t.ent_type_ for t in arm[:3]) or not arm[1].is_title:
        return None
    return arm if _regional_arm(doc, (arm[:2], "ORG"), region) else None


def _regional_arm(doc: Doc, name: tuple[Span, str], region: Span) -> bool:
    """"NHS Wendle and Orrin", "HSE Orrin and Tullagh" read as a body (or a person) and
    a second name: a national body's acronym and the region it serves, whose two places are
    joined by "and" (one place the gazetteer knows, or two), with no name after them."""
    span, label = name
    after = doc[region.end] if region.end < len(doc) else None
    if label not in {"PERSON", "ORG"} or len(span) != 2 or not _acronym_like(span[0].text) \
            or not span[0].text.isupper() or span.end + 1 != region.start \
            or doc[span.end].lower_ != "and" or not 1 <= len(region) <= 2 \
            or not all(t.is_title for t in region) \
            or (after is not None and after.pos_ in {"NOUN", "PROPN", "NUM"}):
        return False
    place = span[1].text
    return is_place(f"{place} and {region.text}") or (is_place(place) and is_place(region.text))


def _two_places(ent: Span) -> bool:
    """"Powys and Monmouthshire", "Tring and Amble Bridge" read as one body: two places the
    gazetteer knows, joined by "and", with no body's head word but in a town's own name."""
    middle = next(t.i for t in ent[1:-1] if t.lower_ == "and")
    halves = [ent.doc[ent.start : middle], ent.doc[middle + 1 : ent.end]]
    if all(is_place(half.text) for half in halves) \
            and not any(t.lower_ in _NAMED_HEADS for t in ent):
        return True
    return all(_known_place([t for t in half if not t.is_punct]) for half in halves)


def _with_parties(doc: Doc) -> list[Span]:
    """The model's entities, with every party's name whole and labelled PARTY: "Fianna Fáil's"
    read as a person, "Welsh Liberal" as an adjective, "DUP" before "councillor X", or
    no entity at all ("Cllr X (Alliance)"). A longer name with a party in it stays whole
    ("the Green Party of England and Wales", "the Labour Party Conference", "Denver
    Republicans"). Electoral districts likewise, labelled SEAT (_seat_spans), and bodies named
    before a person's title, labelled BODY (_body_before_title)."""
    parties = _party_spans(doc) + _seat_spans(doc)
    # (the tokens the spans so far cover: a span overlaps one of them if it holds one; asking
    # every span made a list of a thousand ships quadratic)
    covered = {i for p in parties for i in range(p.start, p.end)}
    for found in (_body_before_title(doc),
                  [s for pair in _bracketed_bodies(doc) for s in pair], _team_sheets(doc),
                  _club_spans(doc), _ship_spans(doc), _class_spans(doc)):
        found = [s for s in found if not any(i in covered for i in range(s.start, s.end))]
        parties += found
        covered.update(i for s in found for i in range(s.start, s.end))
    parties.sort(key=lambda span: span.start)
    if not parties:
        return list(doc.ents)
    result: list[Span] = list(parties)
    heads = lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS | lx.EVENT_NAME_HEADS
    starts = [p.start for p in parties]
    longest = max(len(p) for p in parties)
    for ent in doc.ents:
        # (only spans starting less than the longest one's length before the entity can reach it)
        inside = [p for p in parties[bisect_right(starts, ent.start - longest) :
                                     bisect_left(starts, ent.end)]
                  if p.start < ent.end and ent.start < p.end]
        if not inside:
            result.append(ent)
            continue
        first, last = inside[0], inside[-1]
        tail = doc[last.end : ent.end]
        if (first.start > ent.start and not doc[first.start - 1].is_punct
                and doc[first.start - 1].text not in _POSSESSIVE
                and not (first.label_ in {"BODY", "SHIP"}
                         and doc[first.start - 1].lower_ == "the")) \
                or (first.start >= ent.start and len(tail) > 0
                    and (tail[0].lower_ == "of" or tail[-1].lower_ in heads)):
            # "Denver Republicans", "Young Conservatives": another name ending in a party's
            result = [p for p in result if p not in inside] + [ent]
            continue
        for a, b in ((ent.start, first.start), (last.end, ent.end)):
            piece = doc[a:b]
            while len(piece) and (piece[0].text in _POSSESSIVE or piece[0].is_punct):
                piece = piece[1:]
            if len(piece) and any(t.text[:1].isupper() for t in piece):
                result.append(Span(doc, piece.start, piece.end, label=ent.label_))
    return sorted(result, key=lambda span: (span.start, -len(span)))


_PARTY_LONGEST = max(len(name.split()) for name in lx.PARTY_NAMES) + 1
# A name's text begins with its first token's: a token no name begins with starts none.
_PARTY_PREFIXES = frozenset(name[:k] for name in lx.PARTY_NAMES | lx.PARTY_WORDS
                            for k in range(1, len(name) + 1))


def _party_spans(doc: Doc) -> list[Span]:
    """Every party's name in the text (lexicon.PARTY_NAMES), and a party word that is also a
    common word ("Labour", "Green", "Alliance") where it is said of politicians."""
    found: list[Span] = []
    i = 0
    while i < len(doc):
        match = None
        if doc[i].text[:1].isupper() and doc[i].text in _PARTY_PREFIXES:
            for j in range(min(len(doc), i + _PARTY_LONGEST), i, -1):
                span = doc[i:j]
                if span.text in lx.PARTY_NAMES or (
                        j == i + 1 and span.text in lx.PARTY_WORDS and _said_of_politicians(span)):
                    match = span
                    break
        if match is not None:
            found.append(Span(doc, match.start, match.end, label="PARTY"))
            i = match.end
        else:
            i += 1
    return found


# Who holds a seat ("the MP for X"), and the nouns after a seat's name ("the X constituency").
_SEAT_LETTERS = frozenset(w.casefold() for w in lx.POST_NOMINALS) \
    - {"qc", "kc", "sc", "obe", "mbe", "cbe", "kbe", "dbe"}
_NOT_SEAT_WORDS = frozenset("independent backbench veteran new newly tory".split())
_SEAT_NOUNS = frozenset("constituency riding seat ward electorate division".split())
_SEAT_HOLDERS = _SEAT_LETTERS | {"member", "candidate", "senator", "councillor", "cllr",
                                 "representative", "assemblyman", "assemblywoman"}
_MEMBERS = _SEAT_LETTERS | {"member"}


def _seat_spans(doc: Doc) -> list[Span]:
    """Electoral districts, one place however many their names join: "the MP for
    Wendle, Tring and Amble", "who represents Ross, Tobb and Gorran", "the Ilsley
    and Penlow constituency". Not yet before a member's letters ("Morvane and Tullagh MSP
    X"): the parser often takes the seat's first word for the head of the speaker's phrase,
    and a claim then goes to the place."""
    found: list[Span] = []
    for token in doc:
        word = token.lower_.rstrip(".")
        before = doc[token.i - 1] if token.i > 0 else None
        if token.text[:1].isupper() and before is not None and (
                (before.lower_ == "for" and token.i >= 2
                 and doc[token.i - 2].lower_.rstrip(".") in _SEAT_HOLDERS)
                or before.lemma_ == "represent"):
            span = _seat_run(doc, token.i, 1)
            member = before.lower_ == "for" and doc[token.i - 2].lower_.rstrip(".") in _MEMBERS
            if span is not None and _place_named(span, member=member):
                found.append(span)  # not "the lawyer who represents Jane Doe"
        elif word in _SEAT_NOUNS and token.is_lower:
            span = _seat_run(doc, token.i - 1, -1)
            if span is not None:
                found.append(span)
        elif token.text.rstrip(".") in lx.POST_NOMINALS and word in _SEAT_LETTERS \
                and _name_after(doc, token.i + 1 + (token.i + 1 < len(doc)
                                                    and doc[token.i + 1].text == ",")):
            # "Morvane and Tullagh MSP X", "Orrin Lake-South MLA X", "the X and Y MP, Z,"
            span = _seat_run(doc, token.i - 1, -1)
            if span is not None and _place_named(span, before_letters=True):
                found.append(span)
                continue
        if (word in _PLACE_OFFICES or word in _SEAT_LETTERS) and token.i >= 2:
            # "the Tarnby mayor", "The Orrisby MP, Jo Pike,": a place between "the" and its
            # office, whether or not the gazetteer knows it
            span = _seat_run(doc, token.i - 1, -1)
            if span is not None and span.start > 0 and doc[span.start - 1].lower_ == "the" \
                    and not _given_or_people(span):
                found.append(span)
    found.sort(key=lambda span: span.start)
    return [s for k, s in enumerate(found) if k == 0 or s.start >= found[k - 1].end]


# Offices held for a town or a county, said after its name ("the Tarnby mayor").
_PLACE_OFFICES = frozenset("mayor councillor sheriff provost alderman reeve".split())


def _given_or_people(span: Span) -> bool:
    """A given name ("the Jo mayor" is no town's) or a people's word ("the Welsh MP")."""
    return _given_name(tuple(t.text for t in span)) is not None or any(
        t.lower_ in lx.PEOPLE_ADJECTIVES or t.lower_ in lx.DEMONYMS or t.tag_ == "JJ"
        for t in span) or any(
        e.label_ == "NORP" and e.start < span.end and span.start < e.end for e in span.doc.ents)


def _name_after(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()


def _seat_run(doc: Doc, i: int, step: int) -> Span | None:
    """The capitalised words from token i on (step 1) or back (step -1), with the "and", ","
    and hyphens that join them, that are no party, office or title ("Labour MP")."""
    words: list[int] = []
    joined = False  # an "and" seen: a comma before it joins a list of places
    while 0 <= i < len(doc):
        token = doc[i]
        word = token.lower_.rstrip(".")
        if token.text[:1].isupper() and token.is_alpha:
            if word in lx.ROLE_NOUNS or word in lx.TITLE_WORDS or word in lx.TITLE_MODIFIERS \
                    or word in lx.HONORIFICS \
                    or (word in lx.GENERIC_WORDS and word not in _REGION_WORDS) \
                    or word in lx.NAME_EDGE_WORDS or word in _NOT_SEAT_WORDS \
                    or token.text in lx.PARTY_NAMES or token.text in lx.PARTY_WORDS:
                break
            words.append(i)
        elif token.lower_ in _TOWN_LINKS and token.is_lower and not token.whitespace_ \
                and doc[i - 1].text == "-":
            words.append(i)  # "Ilsley-on-Tarn North"
        elif token.text in {"and", "&", "-"} or (token.text == "," and (joined or step == 1)):
            nxt = doc[i + step] if 0 <= i + step < len(doc) else None
            if nxt is None or not (nxt.text[:1].isupper() or (
                    token.text == "-" and nxt.lower_ in _TOWN_LINKS)):
                break
            joined = joined or token.text in {"and", "&"}
            words.append(i)
        else:
            break
        i += step
    while words and not doc[words[-1]].is_alpha:
        words.pop()
    if not words:
        return None
    start, end = min(words), max(words) + 1
    if step == 1:
        # A comma before the last "and" joins the seat's places; one after it ends the seat
        # ("the MP for Wendle and Amble, Ann Gorran,").
        last_and = max((k for k in range(start, end) if doc[k].text in {"and", "&"}),
                       default=start)
        end = next((k for k in range(last_and, end) if doc[k].text == ","), end)
    while end > start and doc[end - 1].text == ",":
        end -= 1
    return Span(doc, start, end, label="SEAT")


def _place_named(span: Span, *, before_letters: bool = False, member: bool = False) -> bool:
    """A seat's name: places joined ("X and Y", "X-Y") or a known place in it ("North
    Norfolk", "Mid Dorset"), not a person ("represents Jane Doe"). After "the Member (MP, MSP)
    for", any name: only seats are held so ("the Member for Bass")."""
    if member or any(t.text in {"and", "&", "-"} for t in span):
        return True  # (given names too are places: "Doonan-Penlow", "Kelvale-North")
    if _given_name(tuple(t.text for t in span)) is not None:
        return False
    if not before_letters and any(e.label_ == "PERSON" and span.start <= e.start
                                  and e.end <= span.end for e in span.doc.ents):
        return False  # (a person the model glued to the seat's name is no reason; before
        # a member's letters, "North Wendle MP X", the person is the one after them)
    words = [t.text for t in span]
    pieces = words + [" ".join(p) for p in pairwise(words)]
    return any(is_place(p) or town_population(p) for p in pieces)


# Lower-case words of a title before a name beside the role nouns ("chief executive",
# "regional officer", "managing director", "general secretary").
_TITLE_ADJECTIVES = frozenset(
    """chief managing regional national general executive deputy senior local acting interim
    former joint principal lead area district branch group finance operations commercial
    technical medical press policy""".split())
_NAME_JOINS = frozenset({"and", "&", "of", "the", "-"})


def _body_before_title(doc: Doc) -> list[Span]:
    """A body named before a person's title: "Kelvale Chamber of Commerce chief executive
    X", "Makers Wessex chief executive X", "Mid and East Orrin Borough Council Mayor X".
    The small model cuts such names or skips them, since they modify the title. A title in
    capitals ("Mayor X") takes only a name with a body's head word, since before it stands
    a portfolio as often ("Health Secretary X"); an electoral seat before a member's letters
    is left to _seat_spans."""
    found: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        title = ent.start  # back over the title and honorifics: "Mayor Ald X", "chair Dr X"
        while title > 0 and (_title_word(doc[title - 1]) or (
                _honorific(doc[title - 1]) and doc[title - 1].text[:1].isupper())):
            title -= 1
        words = doc[title : ent.start]
        if not any(t.lower_.rstrip(".") in lx.ROLE_NOUNS for t in words):
            continue
        workplace = title > 1 and _workplace_word(doc[title - 1])
        if workplace:  # "Grocemart store manager X", "Varnholt plant manager X"
            title -= 1
        span = _name_before(doc, title)
        if span is not None and not _known_place(list(span)) \
                and _body_name(span, words, workplace=workplace):
            # (a place before an office, "Anchorage attorney X", is left to the model)
            found.append(Span(doc, span.start, span.end, label="BODY"))
    return found


# The works, shop or office a person's title is held at, before the title ("store manager",
# "plant director", "depot supervisor"): the name before it is the firm's.
_WORKPLACE_NOUNS = frozenset(
    """store shop supermarket branch plant factory works site depot mill mine yard shipyard
    warehouse hotel restaurant pub office studio lab laboratory farm quarry refinery
    smelter station""".split())


def _firm_before_a_workplace(token: Token) -> bool:
    """"Grocemart store manager X" opening a sentence: a word no dictionary has, however the
    model tags it, before a shop's or works' title is the firm's name."""
    return not dictionary_word(token.text) and token.i + 1 < len(token.doc) \
        and _workplace_word(token.doc[token.i + 1])


def _workplace_word(token: Token) -> bool:
    return token.is_lower and token.lower_ in _WORKPLACE_NOUNS and token.i + 1 < len(token.doc) \
        and _title_word(token.doc[token.i + 1])


def _title_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    if not token.is_alpha and "-" not in token.text:
        return False
    if token.text[:1].isupper():
        return (word in lx.ROLE_NOUNS and word not in _SEAT_LETTERS) or _general_secretary(token)
    return word in lx.ROLE_NOUNS or word in _TITLE_ADJECTIVES or word in lx.TITLE_MODIFIERS \
        or _general_secretary(token)


def _general_secretary(token: Token) -> bool:
    """"General" of "General Secretary": the office that heads a union or a party, so a name
    before it is a body's ("Amalgam General Secretary X"), never a portfolio."""
    doc = token.doc
    return token.lower_ == "general" and token.i + 1 < len(doc) \
        and doc[token.i + 1].lower_ == "secretary"


def _name_before(doc: Doc, end: int) -> Span | None:
    """The capitalised words ending at token end-1, with the small words that join them
    ("of", "and", "&", "the", hyphens), within the sentence."""
    k = end
    while k > 0:
        token = doc[k - 1]
        if (token.text[:1].isupper() and not token.is_punct and "\n" not in token.whitespace_) \
                or (not token.whitespace_ and k < end and (
                    token.text == "-" or doc[k].text == "-")):
            k -= 1  # (hyphens join one name: "Ilsley-on-Tarn Town Council")
        elif (token.lower_ in _NAME_JOINS or token.text in _POSSESSIVE) and k < end and k >= 2 \
                and doc[k - 2].text[:1].isupper() and not doc[k - 1].is_sent_start:
            k -= 1
        else:
            break
        if doc[k].is_sent_start:
            break
    while k < end and doc[k].lower_ in _NAME_JOINS:
        k += 1
    return doc[k:end] if k < end else None


def _body_name(span: Span, title: Span, *, workplace: bool = False) -> bool:
    """Whether the words before a title name a body, not a portfolio, an office, a person or
    a sentence opener."""
    if any((e.label_ == "NORP" and e.start < span.end and span.start < e.end)
           or (e.label_ != "PERSON" and (e.start, e.end) == (span.start, span.end))
           for e in span.doc.ents):
        return False  # "Japanese owner X"; or the model has the name already
    words = [t.lower_ for t in span if t.is_alpha]
    if not words or all(w in _GENERIC or w in lx.TITLE_MODIFIERS or w in lx.ORG_NAME_HEADS
                        for w in words):
        return False  # "Club secretary X", "City engineer X"
    headed = any(t.lower_ in lx.ORG_NAME_HEADS for t in span) or _general_secretary(title[0])
    if title[0].text[:1].isupper() or (title[0].lower_ in _TITLED_OFFICES
                                       and span[-1].lower_ not in lx.ORG_NAME_HEADS):
        return headed and title[0].lower_ not in _PORTFOLIO_OFFICES  # "NSW Energy Minister X"
    person = any(e.label_ == "PERSON" and e.start < span.end and span.start < e.end
                 for e in span.doc.ents)
    if not headed and ((person and len(span) == 1)
                       or _given_name(tuple(t.text for t in span)) is not None):
        return False  # "Trump adviser X", "Boris Johnson aide X"
    if len(span) == 1 and span[0].is_sent_start and not _capitals(span[0].text) \
            and not any(t.text == span[0].text and not t.is_sent_start for t in span.doc) \
            and not ((workplace or _firms_office(title)) and not dictionary_word(span[0].text)):
        return False  # "Fellow campaigner X", "Shop owner X": capitalised as the first word
        # (not a word no dictionary has before a shop's or works' title, "Grocemart store
        # manager X", or before an office only a firm has, "Orvane managing director X")
    return not any(t.text in lx.PARTY_NAMES or t.text in lx.PARTY_WORDS for t in span)


# Offices only a firm has ("managing director", "chief executive"), not a town's or a
# portfolio's.
_FIRM_OFFICES = frozenset({("managing", "director"), ("chief", "executive"), ("ceo",),
                           ("chairman",), ("chairwoman",), ("founder",)})


def _firms_office(title: Span) -> bool:
    words = tuple(t.lower_ for t in title if t.is_alpha)
    return any(words[k : k + len(office)] == office
               for office in _FIRM_OFFICES for k in range(len(words)))


# What may stand between the words of a name its initials spell: small words, commas,
# hyphens and a plural possessive ("Department of Agriculture, Environment and Rural
# Affairs (DAFRA)", "Orra-Vell ... (OVCMA)", "Dock Workers' Union (DWU)").
_EXPANSION_JOINS = lx.ACRONYM_SKIPS | {",", "-", "'", "’"}
_EXPANSION_WORDS_MAX = 14  # tokens


def _bracketed_bodies(doc: Doc) -> list[tuple[Span, Span]]:
    """"the Harbour and Pilotage Agency (HPA)": a body's name and its initials in brackets
    right after it, as (name, initials), labelled BODY. The initials decide where the name
    starts, however the model cut it ("Maritime" + "Coastguard Agency", or "Agency (MCA");
    "the Fisheries Agency and the Combined Authority (CA)" is the second body only).
    Only a name that ends in a body's head word or that the model calls an organisation
    where it ends (not "Liquefied Natural Gas (LNG)"). Where the model's name starts earlier
    and runs to the bracket ("NHS Wessex Integrated Care Board (ICB)"), the body is the
    model's whole name."""
    found: list[tuple[Span, Span]] = []
    for bracket in doc:
        k = bracket.i
        if bracket.text != "(" or k + 2 >= len(doc) or doc[k + 2].text != ")" \
                or not _acronym_like(doc[k + 1].text) or k == 0 \
                or not doc[k - 1].text.istitle() \
                or (doc[k - 1].lower_ not in lx.ORG_NAME_HEADS and doc[k - 1].ent_type_ != "ORG"):
            continue
        start = _expansion_start(doc, k, doc[k + 1].text)
        if start is None or (doc[k - 1].lower_ not in lx.ORG_NAME_HEADS and _common_words(
                tuple(t.text for t in doc[start:k] if t.is_alpha))):
            continue  # ("an Electric Arc Furnace (EAF)" the model read as a body)
        ent = next((e for e in doc.ents if e.start < start < e.end == k), None)
        if ent is not None \
                and not any(t.lower_ in {"and", "&", ","} for t in doc[ent.start : start]):
            start = ent.start if ent[0].lower_ != "the" else ent.start + 1
        found.append((Span(doc, start, k, label="BODY"), Span(doc, k + 1, k + 2, label="BODY")))
    return found


def _expansion_start(doc: Doc, bracket: int, acronym: str) -> int | None:
    """The first token of the longest run of capitalised words and small joins before token
    `bracket` whose initials spell `acronym` (a plural's "s" aside: "CETPs"), if one does."""
    wanted = {acronym.casefold(), acronym.removesuffix("s").casefold()}
    best = None
    k = bracket
    sentence = sentence_of(doc[bracket]).start
    while k > max(sentence, bracket - _EXPANSION_WORDS_MAX):
        token = doc[k - 1]
        if token.text in _EXPANSION_JOINS or token.lower_ in _EXPANSION_JOINS:
            k -= 1
            continue
        if not (token.is_alpha and token.text[:1].isupper()) or "\n" in token.whitespace_:
            break
        k -= 1
        words = tuple(t.text for t in doc[k:bracket] if t.is_alpha)
        if {i.casefold() for i in _initials(words)} & wanted:
            best = k
    return best


_CLASS_NUMBER = re.compile(r"\d{2,4}")


def _class_spans(doc: Doc) -> list[Span]:
    """"the Class 812", "60 Class 893 trains": a class of trains or locomotives by its number,
    labelled MODEL (a product); the small model reads it as a number or skips it."""
    found = [Span(doc, t.i, t.i + 2, label="MODEL") for t in doc[:-1]
             if t.text == "Class" and _CLASS_NUMBER.fullmatch(doc[t.i + 1].text)
             and not doc[t.i + 1].whitespace_.count("\n")]
    # "eight Zephyra trains": a word no dictionary has, counted or owned before a vehicle,
    # which the model reads as part of the noun
    taken = {i for s in found for i in range(s.start, s.end)}
    found += [Span(doc, t.i, t.i + 1, label="MODEL") for t in doc
              if t.i not in taken and t.text.istitle() and t.is_alpha and not t.is_sent_start
              and t.ent_type_ in {"", "NORP"} and not dictionary_word(t.text)
              and _model_of_vehicles(doc, [t])]
    return sorted(found, key=lambda s: s.start)


def _ship_spans(doc: Doc) -> list[Span]:
    """A ship's prefix and the capitalised words after it, with "of" and "the" between them
    ("HMS Valiant", "the MV Isle of Tarra", "SS Great Britain"), labelled SHIP; not in
    a line of capitals ("MY TOWN"), where the prefix may be a word. A merchant ship's prefix
    also begins firms' and clubs' names ("MV Agusta", "SS Lazio"): a ship only after "the"
    or with a ship's word nearby (_at_sea)."""
    found: list[Span] = []
    for token in doc:
        if token.text not in lx.SHIP_PREFIXES or token.i + 1 >= len(doc) \
                or per_sentence(token, "in capitals", lambda s: s.text.isupper()) \
                or (found and token.i < found[-1].end) \
                or (token.text in lx.MERCHANT_SHIP_PREFIXES and not _at_sea(token)):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end - 1].whitespace_ == " " and (
                (doc[end].text[:1].isupper() and doc[end].is_alpha and end == token.i + 1)
                or (doc[end].text.istitle() and doc[end].is_alpha)
                or (doc[end].lower_ in {"of", "the"} and end + 1 < len(doc)
                    and doc[end + 1].text[:1].isupper())):
            end += 1
        if end > token.i + 1 and doc[end - 1].text[:1].isupper():
            found.append(Span(doc, token.i, end, label="SHIP"))
    return found


def _at_sea(prefix: Token) -> bool:
    """"the MV X", or a ship's word (vessel, ferry, crew, docked ...) in the prefix's sentence
    or the one before or after it."""
    doc = prefix.doc
    if prefix.i > 0 and doc[prefix.i - 1].lower_ == "the":
        return True
    sentence = sentence_of(prefix)
    # (each sentence read once: a list of ships in one sentence asked it for every ship)
    return any(per_sentence(token, "ship words", _has_ship_word)
               for token in (doc[sentence.start - 1] if sentence.start > 0 else None, prefix,
                             doc[sentence.end] if sentence.end < len(doc) else None)
               if token is not None)


def _has_ship_word(sentence: Span) -> bool:
    return any(t.lemma_.casefold() in lx.SHIP_WORDS or t.lower_ in lx.SHIP_WORDS
               for t in sentence)


# Words a team sheet may hold beside the players' names, outside brackets.
_TEAM_SHEET_LABELS = frozenset(
    "subs substitutes replacements bench not used unused capt c captain gk".split())
_TEAM_SHEET_PLAYERS_MIN = 6
_SHEET_MARKS = frozenset("(),;:.")


# Nicknames that end a club's name after its town's ("Dunmore Wanderers", "Ayle Rovers").
_CLUB_NICKNAMES = frozenset("wanderers rovers rangers harriers albion athletic".split())
_CLUB_WORDS_MAX = 3  # "Kelvale St Johnstone Rovers" is rarer than the model's cut


def _club_spans(doc: Doc) -> list[Span]:
    """Clubs named in a sentence about a match (a score, "beat", "league"), labelled TEAM: a
    name ending in a club's nickname ("Peebles Wanderers beat ..."), or a town's name and
    then a capitalised plural ("Kelso Borderers 24-10", "lost to Hawick Saxons"). The small
    model reads such names as products or people, or skips them."""
    found: list[Span] = []
    for i, token in enumerate(doc):
        plural = token.text.istitle() and token.lower_.endswith("s") and len(token) > 3
        if not (token.lower_ in _CLUB_NICKNAMES or plural) or i == 0 \
                or not token.text.istitle():
            continue
        start = i
        while start > 0 and i - start + 1 < _CLUB_WORDS_MAX and doc[start - 1].text.istitle() \
                and doc[start - 1].pos_ == "PROPN" and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        if start == i or (found and found[-1].end > start) or (
                start > 0 and (doc[start - 1].text.istitle() or doc[start - 1].text == "&"
                               or doc[start - 1].lower_ in {"and", "of"})):
            continue  # (a longer name, "Brighton and Hove Albion", is the model's to find)
        words = doc[start:i]
        if first_name_gender(words[0].text) is not None or _honorific(words[0]):
            continue  # "Maurice Cheeks", "Jerry Rangers": a person's name
        if token.lower_ not in _CLUB_NICKNAMES and not (
                town_population(words.text) > 0 and not _known_place([token])):
            continue
        found_words, score = per_sentence(token, "match words", _match_words)
        end = i + 1
        if end < len(doc) and doc[end].text in lx.CLUB_PREFIXES:
            end += 1  # "Ashgrove Albion FC"
        if score or any(k < start or k >= end for k in found_words):
            found.append(Span(doc, start, end, label="TEAM"))
    return found


def _team_sheets(doc: Doc) -> list[Span]:
    """A team sheet: a line of names split by commas and semicolons, under labels ending in
    a colon ("Ashdale Forest: Penlow; Tobb, Hebb, ...; Replacements: ..."). Each name is a
    player's, labelled PLAYER, whatever the model made of it (towns, firms); the label
    before the first colon is the team's, labelled TEAM. Bracketed notes ("(capt)",
    "(4-3-3)") are passed over, but for a substitute's name ("(Lee 65)")."""
    found: list[Span] = []
    start = 0
    for i in range(len(doc) + 1):
        if i < len(doc) and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_:
            continue
        found += _team_sheet(doc, start, min(i + 1, len(doc)))
        start = i + 1
    return found


def _team_sheet(doc: Doc, start: int, end: int) -> list[Span]:
    """The players and the team of doc[start:end], one line, if it is a team sheet."""
    items: list[tuple[int, int, str]] = []  # (start, end, the mark after it)
    depth, first = 0, start
    for token in doc[start:end]:
        if not set(token.text) <= _SHEET_MARKS:
            continue
        depth = max(0, depth + token.text.count("(") - token.text.count(")"))
        if depth == 0 and token.text[-1] in ",;:.":  # ("):" is one token)
            items.append((first, token.i, token.text[-1]))
            first = token.i + 1
    if first < end:
        items.append((first, end, ""))
    names: list[tuple[int, int]] = []
    team: tuple[int, int] | None = None
    semicolons = sum(mark == ";" for _, _, mark in items)
    bad = 0
    for a, b, mark in items:
        words = [t for t in _outside_brackets(doc[a:b]) if not t.is_space]
        if not words:
            continue
        if any(t.lower_.rstrip(".") in _TEAM_SHEET_LABELS for t in words):
            continue
        if mark == ":":
            if team is None and not names:
                team = (words[0].i, words[-1].i + 1)
            continue
        if len(words) <= 3 and all(t.text[:1].isupper() and (t.is_alpha or t.text[:-1].isalpha()
                                                             or t.text in {"-", "'"})
                                   for t in words):
            names.append((words[0].i, words[-1].i + 1))
        else:
            bad += 1
    if semicolons == 0 or len(names) < _TEAM_SHEET_PLAYERS_MIN or 5 * bad > len(names):
        return []
    names += _substitutes(doc[start:end])
    spans = [Span(doc, a, b, label="PLAYER") for a, b in sorted(names)]
    if team is not None:
        spans.insert(0, Span(doc, *team, label="TEAM"))
    return spans


def _substitutes(line: Span) -> list[tuple[int, int]]:
    """The players brought on, in brackets after those they replaced: "Penlow (Tarrow 71)"."""
    found: list[tuple[int, int]] = []
    words: list[Token] = []
    for token in line:
        if "(" in token.text:
            words = []
        elif ")" in token.text:
            names = [t for t in words if t.is_alpha]
            if names and any(t.like_num for t in words) and len(names) <= 3 \
                    and all(t.text.istitle() for t in names) \
                    and names[-1].i - names[0].i + 1 == len(names):
                found.append((names[0].i, names[-1].i + 1))
        else:
            words.append(token)
    return found


def _outside_brackets(span: Span) -> list[Token]:
    kept: list[Token] = []
    depth = 0
    for token in span:
        if set(token.text) <= _SHEET_MARKS:
            depth = max(0, depth + token.text.count("(") - token.text.count(")"))
        elif depth == 0:
            kept.append(token)
    return kept


def _said_of_politicians(span: Span) -> bool:
    """"the Labour MP", "Alliance councillor X", "Labor's candidate", "Cllr X (Green)", "X, a
    Republican from Kansas,", "voted for Reform"."""
    doc = span.doc
    after = doc[span.end : span.end + 2]
    before = doc[max(0, span.start - 2) : span.start]
    if not after:
        return False
    word = after[0].lower_.rstrip(".")
    if word in lx.PARTY_FOLLOWERS or (after[0].text in _POSSESSIVE and len(after) > 1 and (
            after[1].lower_ in lx.PARTY_FOLLOWERS or after[1].lower_ in lx.ROLE_NOUNS)):
        return True
    if before and before[-1].text == "(" and after[0].text == ")":
        return len(before) > 1 and before[0].pos_ == "PROPN"  # "Cllr Rónán Tullagh (Alliance)"
    apposed = (before and before[-1].text == ",") or (
        len(before) == 2 and before[-1].lower_ in {"a", "an"} and before[0].text == ",")
    if apposed and word in {",", ".", ";", "who", "from", "of", "representing"}:
        return True  # "Sen. Ruth Calder, a Republican from Kansas"
    return len(before) == 2 and before[-1].lower_ in {"for", "to"} \
        and before[0].lemma_ in {"vote", "defect", "switch"}


# Small words inside hyphenated place names ("Ross-on-Wye", "Ilsley-on-Tarn").
_TOWN_LINKS = frozenset("on upon in under by le la les de du des en sur sous the super cum".split())
_TOWN_WORDS_MAX = 8  # tokens: "Saint - Jean - sur - Richelieu"
_TOWN_JOINS = frozenset({"-", "'s", "’s"})


def _with_towns(doc: Doc, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Towns of two words or more, whole, in place of the pieces the model made of them.

    The small model cuts "Doonan-on-Tarn" to "Tarn", tags "Kirkby Doonan" a person and
    "Newport Pagnell" an organisation. A name a body is named after stays inside the body's
    name ("Market Wendle District Council"); a model span that crosses a town's edge
    is widened to the whole town.
    """
    towns = _town_spans(doc)
    if not towns:
        return spans
    result: list[tuple[Span, str]] = []
    used: set[int] = set()
    for ent, label in spans:
        town = next((t for t in towns if t.start < ent.end and ent.start < t.end), None)
        if town is not None and label not in _OWN_LABELS and all(
                t.is_punct or t.pos_ in {"CCONJ", "DET"}
                for t in ent if not town.start <= t.i < town.end):
            # (no body's name: "in Ardwick, Queen's Hythe and Westmere", the model's
            # span running on to the list's "and")
            ent = doc[max(ent.start, town.start) : min(ent.end, town.end)]
        elif town is not None and label not in _OWN_LABELS and town.start <= ent.start \
                and town.end + 1 < ent.end and doc[town.end].pos_ == "CCONJ" \
                and doc[town.end + 1].lower_ not in _AREA_WORDS:
            # "Bishop" + "Castle and Bedale": the town, then the list's next name (not "X
            # and District Chamber of Trade", a body named after the town)
            used.add(town.start)
            result += [(town, "TOWN"), (doc[town.end + 1 : ent.end], label)]
            continue
        if label in _OWN_LABELS:
            used.update(t.start for t in towns if t.start < ent.end and ent.start < t.end)
            result.append((ent, label))
            continue
        if town is not None and not (ent.start <= town.start and town.end <= ent.end
                                     and len(ent) > len(town)):
            used.add(town.start)
            if town.start <= ent.start and ent.end <= town.end:
                ent, label = _named_after(doc, town)
            else:
                ent = doc[min(ent.start, town.start) : max(ent.end, town.end)]
        elif town is not None:
            used.add(town.start)
        result.append((ent, label))
    result += [_named_after(doc, t) for t in towns if t.start not in used]
    result.sort(key=lambda s: (s[0].start, -len(s[0])))
    merged: list[tuple[Span, str]] = []
    for ent, label in result:
        if merged and merged[-1][0].end > ent.start:
            continue  # the same town twice, or a piece of a longer span
        merged.append((ent, label))
    return merged


# "X and District Chamber of Trade": the town and the country around it.
_AREA_WORDS = frozenset("district area region county borough".split())


def _named_after(doc: Doc, town: Span) -> tuple[Span, str]:
    """The town, or the body or building named after it that the model did not see
    ("Ilsley-on-Tarn Town Council", "Kelvale & District Chamber of Trade")."""
    end = town.end
    if end + 2 < len(doc) and doc[end].lower_ in {"and", "&"} \
            and doc[end + 1].lower_ in _AREA_WORDS and doc[end + 1].text.istitle():
        end += 2
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
            and doc[end - 1].whitespace_ == " ":
        end += 1
    end = _of_tail(doc, town.start, end)
    head = doc[end - 1].lower_
    if end > town.end and head in lx.ORG_NAME_HEADS:
        return doc[town.start : end], "ORG"
    if end > town.end and head in lx.FAC_NAME_HEADS:
        return doc[town.start : end], "FAC"
    return town, "TOWN"


def _town_spans(doc: Doc) -> list[Span]:
    towns: list[Span] = []
    # How many tokens from each on could be in a town's name (see _town): a span with
    # any other is none, so only spans within that run are tried.
    run = [0] * (len(doc) + 1)
    for token in reversed(doc):
        if _town_word(token):
            run[token.i] = run[token.i + 1] + 1
    i = 0
    while i < len(doc):
        found = None
        if doc[i].text[:1].isupper():
            for j in range(min(len(doc), i + _TOWN_WORDS_MAX, i + run[i]), i + 1, -1):
                if _town(doc[i:j]):
                    found = doc[i:j]
                    break
        if found is not None:
            towns.append(found)
            i = found.end
        else:
            i += 1
    return towns


def _town_word(token: Token) -> bool:
    """A token a town's name may hold (what _town asks of each)."""
    if token.is_space or "\n" in token.whitespace_:
        return False
    return token.text in _TOWN_JOINS or token.text[:1].isupper() or (
        token.lower_ in _TOWN_LINKS and token.whitespace_ == "")


_WATERS = frozenset("sea ocean".split())


def _town(span: Span) -> bool:
    """A place name of two words or more: known to the gazetteer, or shaped like
    "Ross-on-Wye" (capitalised words joined by hyphens and small words)."""
    first, last = span[0], span[-1]
    if not last.text[:1].isupper() or any(t.is_space or "\n" in t.whitespace_ for t in span):
        return False
    words = [t for t in span if t.text not in _TOWN_JOINS]
    if any(not (t.text[:1].isupper() or (t.lower_ in _TOWN_LINKS and t.whitespace_ == ""))
           for t in words):
        return False
    hyphenated = any(t.text == "-" for t in span) and all(
        t.whitespace_ == "" for t in span[:-1])
    if hyphenated and any(t.lower_ in _TOWN_LINKS for t in words):
        return True
    if len(words) < 2 or not town_population(span.text) or last.lower_ in _WATERS:
        return False  # (some hamlet is called "North Sea": the sea is what news names)
    joined = span[1].text in _TOWN_JOINS
    if not joined and (_honorific(first) or first_name_gender(first.text) is not None):
        # "Prince George", "Glen Ellyn", "Castle Tobb": a person's name as often as a
        # town's, so a town only after a place preposition.
        before = span.doc[first.i - 1] if first.i > 0 else None
        return before is not None and before.lower_ in lx.PLACE_PREPOSITIONS
    return True


def _mend_bracket(doc: Doc, ent: Span, label: str) -> tuple[Span, str]:
    """A span that opens a bracket it does not close: the model cut a name at ")".

    "the Road Traffic (Speed Limits) Bill" is one name, a law's; in a speaker line "The
    Minister for Finance and the Economy (Jo Pike):" the bracket holds the name; elsewhere
    the name ends before the bracket.
    """
    opened = [t.i for t in ent if t.text == "("]
    if not opened or any(t.text == ")" for t in doc[opened[-1] : ent.end]):
        return ent, label
    bracket = opened[-1]
    if ent.end < len(doc) and doc[ent.end].text == ")":
        stop = ent.end + 1
        while stop < len(doc) and doc[stop].text[:1].isupper() and doc[stop].is_alpha \
                and doc[stop - 1].whitespace_ == " ":
            stop += 1
        if stop > ent.end + 1 and doc[stop - 1].lower_ in lx.LAW_NAME_HEADS:
            return doc[ent.start : stop], "LAW"
        if ent.end - bracket > 2 or bracket == ent.start:
            return doc[bracket + 1 : ent.end], label  # a name, not an acronym: "(Jo Pike)"
    if bracket > ent.start:
        return doc[ent.start : bracket], label
    return doc[bracket + 1 : ent.end], label


def _team_after(doc: Doc, ent: Span) -> bool:
    """A team's nickname right after its city: "Denver 49ers", "Halifax Stallions"."""
    if ent.end >= len(doc) or ent[-1].whitespace_ != " ":
        return False
    word = doc[ent.end]
    if word.ent_type_ not in {"", "CARDINAL"} or not re.fullmatch(r"\d*[A-Za-z]+s", word.text):
        return False
    if word.text[:1].isdigit():
        return True
    # "Halifax Stallions", but not a Title Case headline's verb ("Storm in Fiji Kills 4").
    long_words = [t for t in sentence_of(word) if t.is_alpha and len(t) > 3]
    headline = sum(t.text[:1].isupper() for t in long_words) > 0.6 * len(long_words)
    return word.pos_ == "PROPN" and word.text.istitle() and not headline


# Words that put a thing in a place, inside what the model read as one name.
_PLACING_WORDS = frozenset("in at near between".split())
_FIRM_SUFFIXES = frozenset("ltd ltd. limited plc inc inc. llc llp".split())


_NOT_SURNAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                                 "QUANTITY"}) | _OWN_LABELS


def _with_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name the model cut after the given name: "Nurse Ann" + "Quarrell", "Ann"
    (read as a place) + "Quarrell", or "Ann" and an untagged "Quarrell" after it, are one
    name, a person's (the office before it is trimmed later)."""
    result: list[Span] = []
    for ent in ents:
        prev = result[-1] if result else None
        if prev is not None and prev.label_ not in _NOT_SURNAME_LABELS \
                and ent.label_ not in _NOT_SURNAME_LABELS and prev.end == ent.start \
                and _ends_in_given_name(prev) and _surname_shaped(list(ent)):
            result[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        if ent.label_ not in _NOT_SURNAME_LABELS and _ends_in_given_name(ent) \
                and ent.end < len(doc) and not doc[ent.end].ent_type_ \
                and doc[ent.end].pos_ == "PROPN" and _surname_shaped([doc[ent.end]]) \
                and (ent.end + 1 >= len(doc) or not doc[ent.end + 1].text[:1].isupper()):
            ent = Span(doc, ent.start, ent.end + 1, label="PERSON")
        result.append(ent)
    return result


def _with_joined_unions(doc: Doc, ents: list[Span]) -> list[Span]:
    """"the Hospital and Estates Workers Union", "the United Forest and Mill Workers": a
    union named for two trades, which the model cuts at the "and" into two names; not two
    bodies ("St Ives Hospital and Unite", "the UK and the European Union"), so the first part
    is one or two words, no place, that the article names nowhere else on its own."""
    result: list[Span] = []
    for ent in ents:
        prev = result[-1] if result else None
        if prev is not None and ent.start == prev.end + 1 and doc[prev.end].lower_ in {"and", "&"} \
                and ent[-1].lower_ in lx.UNION_WORDS and len(ent) >= 2 \
                and 1 <= len([t for t in prev if t.lower_ != "the"]) <= 2 \
                and all(t.is_title or t.lower_ == "the" for t in prev) \
                and prev[-1].lower_ not in lx.ORG_NAME_HEADS and ent[0].lower_ != "the" \
                and prev.label_ not in {"GPE", "LOC", "NORP"} and not is_place(prev.text) \
                and not any(other is not prev and other.text.casefold().removeprefix("the ")
                            == prev.text.casefold().removeprefix("the ") for other in ents):
            result[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        result.append(ent)
    return result


def _with_union_locals(doc: Doc, ents: list[Span]) -> list[Span]:
    """A North American union's branch named after its union, "Local" and its number
    ("Amalgamated Transit Workers Local 1142"), is one name, which the model ends before the
    number. ("Local 47" alone stays no entity: the entity sets' gold names the union.)"""
    locals_ = [Span(doc, t.i, t.i + 2, label="ORG") for t in doc[:-1]
               if t.text == "Local" and doc[t.i + 1].is_digit and len(doc[t.i + 1]) <= 5]
    if not locals_:
        return ents
    result: list[Span] = []
    for ent in ents:
        local = next((n for n in locals_ if ent.start < n.end and n.start < ent.end), None)
        if local is not None and ent.end == local.end - 1 and ent.start < local.start:
            result.append(Span(doc, ent.start, local.end, label="ORG"))  # "... Local 1142"
        elif not (result and ent.start == ent.end - 1 and result[-1].end == ent.end
                  and result[-1][-2].text == "Local"):
            result.append(ent)  # (not the number, read as a figure, of the name just made)
    return result


# Words for a business that a person is called too ("a property developer", "a builder").
_PEOPLES_TRADES = frozenset("""developer builder contractor haulier brewer distiller operator
    supplier producer miner publisher grocer exporter importer wholesaler distributor
    housebuilder""".split())


# Scottish Gaelic surnames: "Mac a' Phearsain", "Nic a' Bhreatannaich" (the "a'" is its own
# two tokens); the model cuts them at the particle.
_GAELIC_LEADS = frozenset({"Mac", "Nic", "Mhic"})


def _with_gaelic_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Peigi Mac a' Phearsain": a given name (or an honorific), "Mac" or "Nic", "a'" and a
    capitalised word are one person's name, whatever pieces the model made of it."""
    names = []
    for token in doc[1:-3]:
        k = token.i
        if token.text in _GAELIC_LEADS and doc[k + 1].lower_ == "a" \
                and not doc[k + 1].whitespace_ and doc[k + 2].text in {"'", "’"} \
                and doc[k + 3].is_title and doc[k - 1].is_title and (
                    given_name_gender(doc[k - 1].text) is not None or _honorific(doc[k - 1])):
            names.append(Span(doc, k - 1, k + 4, label="PERSON"))  # (or "Mrs Mac a' X")
    if not names:
        return ents
    kept = [e for e in ents if not any(e.start < n.end and n.start < e.end for n in names)]
    return sorted(kept + names, key=lambda e: e.start)


def _ends_in_given_name(ent: Span) -> bool:
    """A span whose last word is a given name followed by one space, no place's name."""
    last = ent[-1]
    return last.whitespace_ == " " and last.is_title \
        and first_name_gender(last.text) is not None and not is_place(last.text)


def _surname_shaped(words: list[Token]) -> bool:
    """One capitalised word (hyphens allowed), no name's head word: not two ("Yeo" + "Kah
    Seng" is a name written surname first, which the given-name list cannot tell)."""
    if len(words) > 1 and all(not w.whitespace_ for w in words[:-1]) \
            and all(w.text == "-" for w in words[1::2]):
        words = [w for w in words if w.text != "-"]  # one word with hyphens: "Lévesque-Boivin"
        return all(w.text[:1].isupper() and w.is_alpha and not w.is_upper for w in words)
    return len(words) == 1 and all(
        w.text[:1].isupper() and w.text.replace("-", "").replace("'", "").isalpha()
        and not w.text.isupper() and w.lower_ not in _NAME_OR_OUTLET_HEADS
        for w in words)


# A saint's title: "St Brannoc's Hospital" is named after the saint, who owns nothing.
_SAINTS = frozenset("st saint ste".split())
# People in the plural that the dictionary's inflection rules miss ("Children's Hospital").
_IRREGULAR_PLURALS = frozenset("children women men people".split())


def _split_at_an_owner(ent: Span, label: str) -> list[tuple[Span, str]] | None:
    """"the Orrin Council's Bridges Repair Fund", "Tring's Market Street", "the FBI's Leeds
    Field Office" read as one name: the owner and the thing owned, two names of two or more
    words after the possessive. Not a name with a possessive of its own: a known place
    ("Bishop's Tobb"), a single common word before it ("Children's Hospital"), a title or
    a saint's ("Queen's University", "St Brannoc's University Hospitals Trust"), or one word
    after it ("Tobb's Bank")."""
    doc = ent.doc
    if label not in {"GPE", "LOC", "FAC", "ORG"} or _known_place(list(ent)):
        return None
    inner = [t.i for t in ent[1:-1] if t.text in _POSSESSIVE[:2]]
    if len(inner) != 1:
        return None
    k = inner[0]
    owner = doc[ent.start + (ent[0].lower_ == "the") : k]
    owned = doc[k + 1 : ent.end]
    if len(owner) == 0 or len(owned) < 2 or not all(t.text[:1].isupper() for t in owned) \
            or not owner[0].text[:1].isupper() \
            or _honorific(owner[0]) or owner[0].lower_.rstrip(".") in _SAINTS \
            or (len(owner) == 1 and (dictionary_word(owner[0].text)
                                     or owner[0].lower_ in _IRREGULAR_PLURALS)):
        return None
    return [(owner, "GPE" if _known_place(list(owner)) else label), (owned, label)]


def _split_at_an_inner_article(ent: Span, label: str) -> list[tuple[Span, str]] | None:
    """"told the Commons the NHS was ...": two names, the object and the next clause's
    subject, where "the" follows a proper noun inside the span (not "Friends of the Earth",
    "Alfred the Great")."""
    if label not in {"ORG", "GPE", "FAC"}:
        return None
    inner = next((t for t in ent[1:-1] if t.lower_ == "the" and ent[t.i - ent.start - 1]
                  .pos_ == "PROPN" and ent[t.i - ent.start - 1].lower_ not in _NAME_JOINS), None)
    if inner is None or not ent[inner.i - ent.start + 1].text[:1].isupper():
        return None
    doc = ent.doc
    return [(doc[ent.start : inner.i], label), (doc[inner.i + 1 : ent.end], label)]


def _split_a_byline(ent: Span) -> list[tuple[Span, str]] | None:
    """"Ann Roe Tarn Valley Echo", "By Tom Hale BBC News": a byline's writer and outlet
    read as one name; a given name and a surname, then a name whose last word is an
    outlet's ("Echo", "Herald", "News")."""
    words = [t for t in ent if not (t.lower_ == "by" and t.i == ent.start)]
    if len(words) < 4 or given_name_gender(words[0].text) is None \
            or not all(t.text[:1].isupper() and t.is_alpha for t in words) \
            or words[-1].lower_ not in lx.OUTLET_HEADS or words[1].lower_ in lx.OUTLET_HEADS \
            or given_name_gender(words[2].text) is not None:
        return None
    doc = ent.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if text[line_start : ent.start_char].strip().casefold() not in {"", "by"} \
            or line.strip() != text[line_start : ent.end_char].strip():
        return None  # a byline is a line of its own ("Dee Lowe Wildlife Network" may be a body)
    return [(doc[words[0].i : words[2].i], "PERSON"), (doc[words[2].i : ent.end], "ORG")]


def _split_at_a_place(ent: Span, label: str) -> list[tuple[Span, str]] | None:
    """"the Underfell ground in Tring", "Old Mill Bridge between Amble", "Orrin Civil
    Engineering Ltd of Tring" read as one name: the thing, and the known place after "in",
    "at", "near", "between" (or "of" after a firm's suffix), each a name of its own. Not a
    known place's own name ("Kirkby in Doonan"), nor a name whose second half is no place
    ("Women in Business")."""
    doc = ent.doc
    if label not in {"GPE", "LOC", "FAC", "ORG", "PERSON"} or _known_place(list(ent)):
        return None
    for t in ent[1:-1]:
        placing = t.lower_ in _PLACING_WORDS or (
            t.lower_ == "of" and doc[t.i - 1].lower_ in _FIRM_SUFFIXES)
        if not placing or not t.is_lower:
            continue
        start = t.i + 1 + (doc[t.i + 1].lower_ == "the")
        place = doc[start : ent.end]
        before = doc[ent.start + (ent[0].lower_ == "the") : t.i]
        if len(place) and len(before) and before[0].text[:1].isupper() \
                and _known_place([w for w in place if not w.is_punct]):
            return [(before, label), (place, "GPE")]
    return None


def _without_score(ent: Span) -> Span:
    """"Hessford Rovers 2-0" read as one name: the club, without the match's score."""
    words = ent.text.split()
    if len(words) > 1 and _SCORE.fullmatch(words[-1]):
        end = ent.end
        while end > ent.start and (ent.doc[end - 1].like_num or ent.doc[end - 1].text in "-–"):
            end -= 1
        return ent.doc[ent.start : end]
    return ent


def _law_before(doc: Doc, ent: Span) -> Span | None:
    """"The Tenancy Deposits (Amendment) Bill" where the model took "Bill" alone for a man:
    the law's head word and the Title Case words before it (brackets and small words
    between), where they have a law's shape (_law_name)."""
    if len(ent) != 1 or ent[0].lower_ not in lx.LAW_HEADS or not ent[0].is_title:
        return None
    start = ent.start
    governors = set(ent.root.ancestors)  # (a heading's verb: "Councillors Reject X Bill")
    while start > 0 and doc[start - 1].whitespace_ in {" ", ""} \
            and doc[start - 1] not in governors and (
            (doc[start - 1].is_title and doc[start - 1].is_alpha
             and doc[start - 1].lower_ not in lx.NAME_EDGE_WORDS)
            or doc[start - 1].text in {"(", ")"}
            or (doc[start - 1].lower_ in {"and", "of"} and start > 1
                and doc[start - 2].text[:1].isupper())):
        start -= 1
    while start < ent.start and not doc[start].text[:1].isupper():
        start += 1
    if start == ent.start or (doc[start - 1].whitespace_ == "" if start > 0 else False):
        return None
    tokens = [t for t in doc[start : ent.end] if t.text not in {"(", ")"}]
    return doc[start : ent.end] if _law_name(tokens) and _bill_shaped(
        list(doc[start : ent.end]), ent[0]) else None


def _list_items(ent: Span) -> list[Span] | None:
    """The items of a span that is a comma-separated list of names, else None.

    Not "Springfield, Illinois" (a place and its region), nor a long name the model cut
    inside ("Department of Heritage, Culture, Arts").
    """
    commas = [t.i for t in ent[1:-1] if t.text == ","]
    if not commas or any(t.is_lower and t.is_alpha for t in ent):
        return None
    bounds = [ent.start, *commas, ent.end]
    parts = [ent.doc[a + (a != ent.start) : b] for a, b in pairwise(bounds)]
    if any(not p.text[:1].isupper() for p in parts):
        return None
    if ent.label_ in {"GPE", "LOC"} and all(is_place(p.text) for p in parts[1:]):
        return None
    return parts


def _extend_left(doc: Doc, ent: Span) -> Span:
    """"Seraphina Wolde" when the model tagged only "Wolde"; "Dunmere Borough Council"."""
    start = ent.start
    governors = set(ent.root.ancestors)
    while start > 1 and _joins_names(doc, start - 1) and not doc[start - 2].ent_type_:
        start -= 2  # "Anne-" + "Marie Penvose"
    while start > 0:
        before = doc[start - 1]
        word = before.lower_.rstrip(".")
        if _place_prefix_before(doc, start, ent[-1]):
            start -= 1
            continue
        if _campaign_verb(doc, start) or _noun_opening_a_name(doc, start):
            start -= 1
            break
        # (a given name the tagger took for an adjective: "Blessed Marsalis")
        given = before.pos_ == "ADJ" and before.dep_ == "amod" and before.is_title \
            and first_name_gender(before.text) is not None and ent.label_ in {"PERSON", "GPE"}
        # (nor a word the name hangs from: a name's words before it depend on it, and one
        # it depends on is a verb written in capitals, "Councillors Reject Housing Bill")
        if (before.pos_ != "PROPN" and not given) or before.ent_type_ \
                or not before.text[:1].isupper() or before in governors \
                or word in lx.HONORIFICS or word in lx.ROLE_NOUNS or word in lx.TITLE_MODIFIERS \
                or before.whitespace_ != " ":
            break
        # "Minister for Enterprise X", "Minister for Rural Affairs X" stay X: a portfolio,
        # not a given name. (Not where X ends in a body's or a site's head: "with Dunmore
        # Cancer Centre" is one name, whatever the model made of "Cancer Centre".)
        if first_name_gender(before.text) is None and ent[-1].lower_ not in _NAMED_HEADS and (
                (start >= 2 and doc[start - 2].pos_ == "ADP") or _in_portfolio(doc, start - 1)):
            break
        start -= 1
    return doc[_cause_opening(doc, start) : ent.end]


_CAUSE_OPENINGS = frozenset({("friends", "of"), ("save", "the")})
# People in the plural who band together "for" or "against" a cause and take it as their
# group's name: "Parents for Safer Streets", "Kellow Residents Against the Bypass".
_CAMPAIGNERS = frozenset(
    """parents mothers fathers grandparents families residents neighbours neighbors
    citizens women men doctors nurses teachers students scientists farmers
    veterans taxpayers ratepayers voters tenants campaigners""".split())


def _campaign_groups(doc: Doc) -> Iterator[Span]:
    """Campaign groups named for a cause: people in the plural in Title Case, "for" or
    "against", and a Title Case run (the model tags the cause or the place alone), with
    the Title Case words before them ("Ohio Parents for ..."); not "The"."""
    for token in doc:
        i, k = token.i, token.i + 2
        if token.lower_ not in _CAMPAIGNERS or not token.is_title or k >= len(doc) \
                or doc[i + 1].lower_ not in {"for", "against"} or not doc[i + 1].is_alpha:
            continue
        if doc[k].lower_ == "the" and k + 1 < len(doc):
            k += 1
        end = k
        while end < len(doc) and doc[end - 1].whitespace_ == " " and (
                doc[end].is_title or (doc[end].lower_ in {"and", "&", "of"} and end > k)):
            end += 1
        while end > k and not doc[end - 1].is_title:
            end -= 1
        if end == k:
            continue
        start = i
        while start > 0 and doc[start - 1].is_title and doc[start - 1].whitespace_ == " " \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].lower_ != "the":
            start -= 1
        yield doc[start:end]




def _cause_opening(doc: Doc, start: int) -> int:
    """Where a group named for its cause starts: "Friends of (the)" before a place's name
    ("Friends of Kilmory Woods"), a campaign verb and "the" ("Save the Children"); the
    model tags the place or the thing alone."""
    k = start - 1
    if k >= 1 and doc[k].lower_ == "the" and doc[k - 1].lower_ == "of":
        k -= 1
    if k >= 1 and doc[k - 1].is_title and doc[k - 1].whitespace_ == " " \
            and (doc[k - 1].lower_, doc[k].lower_) in _CAUSE_OPENINGS \
            and (doc[k].lower_ != "the" or doc[k - 1].text in lx.CAMPAIGN_VERBS):
        return k - 1
    return start


def _in_portfolio(doc: Doc, i: int) -> bool:
    """Token `i` ends a run of capitalised words after an office's "for" ("Minister for
    Rural Affairs", "Secretary of State for Work and Pensions")."""
    return _portfolio_start(doc, i) is not None


def _portfolio_start(doc: Doc, i: int) -> int | None:
    """Where the run of capitalised words that token `i` is in starts, after an office's
    "for"; None when no office's "for" opens it."""
    while i > 0 and (doc[i].is_title or doc[i].lower_ in {"and", "&"}):
        i -= 1
    if i >= 1 and doc[i].lower_ == "for" and doc[i - 1].lower_ in _PORTFOLIO_OFFICES | {"state"}:
        return i + 1
    # (a chair "of" a subject: "Professor of Geography Ruth Castellano")
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ == "professor" \
            and doc[i - 1].is_title:
        return i + 1
    return None


def _person_after_portfolio(doc: Doc, span: Span) -> Span | None:
    """"Minister for Health Stephen Donnelly": the holder's name after the office's
    portfolio, where the run goes on from the portfolio to a given name ("Stephen"), an
    initial ("Minister for Ports K. Varadan") or, failing both, two or more words no
    dictionary holds after one that it does ("MEC for Roads Lwazi Nqeto"). The model may
    tag the run from anywhere in the portfolio, or only the surname."""
    first = _portfolio_start(doc, span.start)
    if first is None:
        return None
    for k in range(first + 1, span.end - 1):
        if (first_name_gender(doc[k].text) is not None or _initial(doc[k])) \
                and all(t.is_title for t in doc[k : span.end]):
            return doc[k : span.end]
    k = span.end
    while k > first and doc[k - 1].is_title and doc[k - 1].is_alpha \
            and not dictionary_word(doc[k - 1].lower_) and not _known_place([doc[k - 1]]):
        k -= 1
    if span.end - k >= 2 and k > first and dictionary_word(doc[k - 1].lower_):
        return doc[k : span.end]
    return None


def _initial(token: Token) -> bool:
    """"R." of "R. Thangavelu": one capital and a full stop."""
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def _noun_opening_a_name(doc: Doc, start: int) -> bool:
    """"the charity Asthma Relief Scotland": a Title Case word the tagger read as a common
    noun, after "the" or a kind of body, opens the name (not an office: "the Health
    Secretary X" stops at the office)."""
    if start < 2:
        return False
    before, kind = doc[start - 1], doc[start - 2]
    return before.pos_ == "NOUN" and before.is_title and not before.is_sent_start \
        and before.whitespace_ == " " and not before.ent_type_ \
        and before.lower_ not in lx.ROLE_NOUNS | lx.TITLE_MODIFIERS | lx.TITLE_WORDS \
        and not _honorific(before) \
        and (kind.lower_ == "the" or (kind.is_lower and kind.lower_ in lx.ORG_DESCRIPTORS))


def _extend_right(doc: Doc, ent: Span) -> Span:
    """"Dr. Corinna Yardley" when the model tagged only "Corinna": the capitalised proper nouns
    right after a person's name that no other name or date holds."""
    end = ent.end
    if len(ent) > 1 and ent[-1].text in _NICKNAME_MARKS:
        end -= 1  # the model stopped inside the marks: "Sam '"
    elif len(ent) == 3 and ent[1].text in _NICKNAME_MARKS:
        end -= 2  # ... or on the nickname: 'Ernesto "Dodong'
    nicknamed = end - ent.start == 1 and _nickname_at(doc, end)
    if nicknamed:
        end += 3  # "Cornelius (Con) Marrin", "Sam 'Red' Nevitt": the surname follows
    while end < len(doc) and doc[end - 1].whitespace_ == " ":
        after = doc[end]
        word = after.text.rstrip(".")
        # (the surname after a nickname, whatever the model made of it)
        if after.pos_ != "PROPN" or (after.ent_type_ and not nicknamed) or not after.is_title \
                or word.casefold() in lx.HONORIFICS or word in lx.POST_NOMINALS \
                or after.lower_ in lx.ROLE_NOUNS:
            break
        end += 1
    return doc[ent.start : end]


_NICKNAME_MARKS = {"(": ")", '"': '"', "'": "'", "‘": "’", "“": "”", "``": "''"}


def _nickname_at(doc: Doc, i: int) -> bool:
    """One capitalised word in brackets or quotation marks at `i`, then a proper noun."""
    return i + 3 < len(doc) and doc[i].text in _NICKNAME_MARKS \
        and doc[i + 1].is_title and doc[i + 1].is_alpha \
        and doc[i + 1].text not in lx.PARTY_NAMES | lx.PARTY_WORDS \
        and doc[i + 2].text == _NICKNAME_MARKS[doc[i].text] \
        and doc[i + 3].pos_ == "PROPN" and doc[i + 3].is_title \
        and doc[i + 3].lower_ not in lx.ROLE_NOUNS and not _honorific(doc[i + 3])


def _without_nickname(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name without a nickname set in brackets or quotation marks inside it."""
    kept: list[str] = []
    k = 0
    while k < len(words):
        word = words[k]
        if 0 < k < len(words) - 1 and word[0] in _NICKNAME_MARKS \
                and word[-1] == _NICKNAME_MARKS[word[0]] and len(word) > 2:
            k += 1  # "(Toby)" written together
        elif 0 < k < len(words) - 3 and word in _NICKNAME_MARKS \
                and words[k + 2] == _NICKNAME_MARKS[word]:
            k += 3  # "( Bibi )" spaced out
        else:
            kept.append(word)
            k += 1
    return tuple(kept)


# First words of a river's or a lake's name, the rest of the name after them.
_WATER_OPENINGS = frozenset("river lough loch lake".split())


def _heads_after(doc: Doc, ent: Span) -> Span:
    """"The Wendle Echo" when the model tagged only "Wendle": a name's capitalised heads
    right after it ("Echo", "Council", "Bridge") that no other name holds."""
    end = ent.end
    while end < len(doc) and doc[end - 1].whitespace_ == " " and doc[end].is_title \
            and not doc[end].ent_type_ and (
                (doc[end].pos_ == "PROPN" and doc[end].lower_ in _NAME_OR_OUTLET_HEADS)
                or doc[end].lower_ in lx.OUTLET_HEADS):  # ("The X Reporter said", a noun)
        end += 1
    words = [t for t in ent if t.lower_ != "the"]
    if end == ent.end and len(words) >= 2 and words[0].lower_ in _WATER_OPENINGS \
            and words[0].is_title:
        # "the River South Esk" with only "the River South" tagged: a river's name goes on
        # over the proper nouns right after it on its line
        end = _proper_nouns_after(doc, end, most=2, alpha=True)
    if end == ent.end:
        # "The South West Wendle Chamber of Commerce" with only "South West" tagged: a
        # region, more proper nouns and a body's head word are one body's name
        k = _proper_nouns_after(doc, end, most=3)
        if k > end + 1 and doc[k - 1].lower_ in lx.ORG_NAME_HEADS \
                and doc[k - 1].lower_ not in lx.CLUB_HEADS:
            end = _of_tail(doc, ent.start, k)
    return doc[ent.start : end]


# The model's labels that a known town's name in a list of places never has.
_NEVER_A_TOWN = frozenset({"WORK_OF_ART", "PRODUCT", "LAW", "EVENT"})


def _listed_with_a_place(head: Token) -> bool:
    """In a list with a name the model calls a place, not before a noun ("the X and Y
    contracts")."""
    linked = [head.head] if head.dep_ == "conj" else []
    linked += [c for c in head.children if c.dep_ == "conj"]
    return head.dep_ not in {"compound", "amod", "nmod"} \
        and any(t.ent_type_ in {"GPE", "LOC"} for t in linked)


def _list_goes_on_to_a_place(ent: Span) -> bool:
    """"Kilbeg, Drumlow" + "and Ardcarn": a list the model cut before its last item,
    a place."""
    doc = ent.doc
    k = ent.end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    return k + 1 < len(doc) and doc[k].lower_ in {"and", "or"} \
        and (doc[k + 1].ent_type_ in {"GPE", "LOC"} or _known_place([doc[k + 1]]))


def _places_and(part: Span) -> list[Span]:
    """"Edenderry and Birr", the last item of a list: two known places, else one name."""
    middle = next((t.i for t in part[1:-1] if t.lower_ == "and"), None)
    if middle is None:
        return [part]
    pieces = [part.doc[part.start : middle], part.doc[middle + 1 : part.end]]
    return pieces if all(_known_place(list(p)) for p in pieces) else [part]


def _journey(ent: Span) -> list[tuple[Span, str]] | None:
    """"Grantham to Skegness" read as one name: two known places joined by "to"."""
    middle = next((t.i for t in ent[1:-1] if t.text == "to"), None)
    if middle is None:
        return None
    doc = ent.doc
    parts = [doc[ent.start : middle], doc[middle + 1 : ent.end]]
    if all(_known_place(list(p)) for p in parts):
        return [(p, "GPE") for p in parts]
    return None


def _place_said(doc: Doc, tokens: list[Token]) -> bool:
    """A name the model skipped where the text puts a place: after "in", "to", "from" or
    "between", or in a list beside a place ("Leeds and York", "Tring, Amble and
    Boston"), or before "area" ("the Baytown area"). Only for known places: the gazetteer
    says what the name is, the text that it is meant as one."""
    if not _known_place(tokens):
        return False
    head = tokens[-1]
    if head.dep_ == "pobj" and head.head.lower_ in lx.PLACE_PREPOSITIONS | {"to", "at"}:
        return True
    if head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ in {"area", "areas"}:
        return True  # "the Baytown area"
    return _beside_a_place(head) or _named_as_places(head)


# Kinds of place a list of names may be introduced by ("towns including X, Y and Z").
_PLACE_KINDS = frozenset("town village city county suburb hamlet parish townland community "
                         "borough municipality settlement".split())
# The kinds of place people live in, that an apposition may say a name is ("X, a village").
_SETTLEMENTS = frozenset("town village city suburb hamlet townland".split())


def _named_as_places(head: Token) -> bool:
    """An item of a list said to be towns or villages: "neighbouring towns including X, Y
    and Z", "villages such as X and Y", "the towns of X and Y"."""
    first = _first_conjunct(head)
    link = first.head
    if first.dep_ != "pobj" or link.lower_ not in {"including", "like", "as", "of"}:
        return False
    kind = link.head
    if kind.lower_ == "such" and kind.head.i < kind.i:  # "villages such as"
        kind = kind.head
    return kind.pos_ == "NOUN" and kind.tag_ == "NNS" and kind.lemma_ in _PLACE_KINDS


_FIRST_CONJUNCTS = "storygraph.first_conjuncts"


def _first_conjunct(token: Token) -> Token:
    """The first item of the list `token` is an item of (itself if none), each list walked
    once per doc: walking back from every item of a list of a thousand names was quadratic."""
    doc = token.doc
    firsts: dict[int, int] = doc.user_data.setdefault(_FIRST_CONJUNCTS, {})
    path: list[int] = []
    item = token
    while item.i not in firsts and item.dep_ == "conj" and item.head.i < item.i:
        path.append(item.i)
        item = item.head
    first = firsts.setdefault(item.i, item.i)
    for i in path:
        firsts[i] = first
    return doc[first]


def _beside_a_place(head: Token) -> bool:
    """In a list with a known place or one the model calls a place ("Leeds and York")."""
    linked = [head.head] if head.dep_ == "conj" else []
    linked += [c for c in head.children if c.dep_ == "conj"]
    # (the whole of a town's name: "Market Harborough and X", "Kirkby Stephen and X")
    return any(t.ent_type_ in {"GPE", "LOC"} or (t.pos_ == "PROPN" and (
        _known_place([t]) or _known_place([*(c for c in t.lefts if c.dep_ == "compound"), t])))
               for t in linked)


def _hyphen_after(doc: Doc, token: Token) -> bool:
    return token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_


def _mend_org(doc: Doc, ent: Span) -> Span:
    """"Hollinsby and Tarnvale NHS Trust" (NER took only the second half), "St. Ilsa's Centre"."""
    heads = lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS
    start, end = ent.start, ent.end
    if any(t.lower_ in heads for t in ent) and start >= 2 \
            and doc[start - 1].lower_ in {"and", "&"} and doc[start - 2].pos_ == "PROPN" \
            and ent[0].lower_ != "the" and doc[start - 2].lower_ not in lx.ORG_NAME_HEADS \
            and (doc[start - 2].ent_iob_ != "I" or ent[0].lower_ in _AREA_WORDS
                 or _first_half(doc, start - 2)):
        start -= 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and (
                not doc[start - 1].ent_type_ or doc[start].ent_iob_ == "I"):
            start -= 1
    if start >= 2 and doc[start - 1].text in {"'s", "’s"} and doc[start - 2].pos_ == "PROPN":
        start -= 2  # "St. Ilsa's" + "Medical Center"
        while start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == "St."):
            start -= 1
    if ent[-1].text in {"'s", "’s"}:
        end -= 1
    if ent[-1].lower_ in {"and", "&", "of"}:
        # "Carbon Capture and" + "Storage": a name does not end in its joining word
        while end < len(doc) and doc[end - 1].whitespace_ == " " and doc[end].is_title \
                and doc[end].is_alpha and not doc[end].ent_type_:
            end += 1
    plural_owner = ent[-1].text in {"'", "’"} and ent[-1].i > ent.start  # "X Workers' Guild"
    if plural_owner:
        end -= 1
    end = _of_tail(doc, start, end)
    if end + 1 < len(doc) and (doc[end].text in {"'s", "’s"} or plural_owner):
        stop = end + 1
        while stop < len(doc) and doc[stop].pos_ == "PROPN":
            stop += 1
        if stop > end + 1 and doc[stop - 1].lower_ in heads:
            end = stop
    return doc[start:end]


def _first_half(doc: Doc, i: int) -> bool:
    """Token i ends a body's name the model cut before its "and" ("The Allied Dock" and
    "Crane Workers"): an ORG span with no head word of its own, no place's name."""
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    # (or a person's that starts with no given name: "X Fire" of "X Fire and Rescue")
    return ent is not None and ent.end == i + 1 and (ent.label_ == "ORG" or (
            ent.label_ == "PERSON" and len(ent) > 1
            and _given_name(tuple(t.text for t in ent)) is None)) \
        and ent[-1].lower_ not in _NAMED_HEADS and not _known_place(
            [t for t in ent if t.lower_ != "the"]) \
        and not (ent.start > 0 and doc[ent.start - 1].text == ",")  # "X, Y and Z": a list


# Heads of bodies named for their cause ("the Society for the Protection of X").
_CAUSE_HEADS = frozenset("society association trust foundation fund alliance coalition league "
                         "federation institute campaign charity".split())
# Heads whose name goes on with a portfolio list ("Department of Agriculture, Food and the
# Marine").
_PORTFOLIO_HEADS = frozenset("department ministry committee".split())


def _of_tail(doc: Doc, start: int, end: int) -> int:
    """Where a body's name the model cut before "of" ends: "the Federal Reserve Bank" + "of
    Kansas City", "University of the West" + "of Scotland", "Department of Culture, Media"
    + "and Sport"."""
    heads = {t.lower_ for t in doc[start:end]} & (lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS)
    if not heads:
        return end
    # "Department of Heritage, Culture, Arts": a portfolio after the head, listed up to an "and"
    portfolio = any(t.lower_ in _PORTFOLIO_HEADS and t.i + 1 < end
                    and doc[t.i + 1].lower_ in {"of", "for"} for t in doc[start:end])
    while end - start > 1 and doc[end - 1].lower_ in {"of", "the", ","}:
        end -= 1  # "the University of the West of" + "Scotland", "the Department of X,"
    k = end
    while k + 1 < len(doc):
        word = doc[k]
        links = {"of"} | ({"and", "&", ","} if portfolio else set())
        # ("the Royal Society" + "for the Protection of Birds"; a bare "for" goes on to
        # far more than a name: "X Council for Tarn's schools")
        if word.lower_ == "for" and doc[k + 1].lower_ == "the" and heads & _CAUSE_HEADS:
            links.add("for")
        if word.lower_ not in links:
            if _and_one_more(doc, k, start):
                end = k + 2  # "University of the Moors" + "and Dales"
            break
        if word.text == "," and not any(t.lower_ in {"and", "&"} for t in doc[k : k + 12]):
            break  # "the Department of X, Minister Y said": no list goes on
        j = k + 1
        if doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        if not (doc[j].text[:1].isupper() and doc[j].is_alpha) \
                or doc[j].lower_ in _DAYS_AND_MONTHS:
            break  # (not "X Council for Tuesday's meeting")
        first = j
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha \
                and doc[j - 1].whitespace_ == " ":
            j += 1
        if word.lower_ != "of" and {t.lower_ for t in doc[first:j]} & (
                lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS) and (
                j - first > 1 or doc[first].lower_ in _PORTFOLIO_HEADS
                or (j < len(doc) and doc[j].lower_ in {"of", "for"})):
            # "the Department for Education and the Department for Transport": two; a
            # last portfolio that is a head word alone ("..., Heritage and Media") is no body
            break
        if is_country(doc[first:j].text):
            break  # "the Labour Party" of Malta: the country stays a place of its own
        k = end = j
    return end


def _and_one_more(doc: Doc, k: int, start: int) -> bool:
    """"and" at `k` then one capitalised common word that ends the name, after an "of the"
    in it: "the University of the Moors and Dales", "Friends of the Lakes and Fells";
    not "the Bank of Tarn and Halvik" (two bodies, or a body and a place)."""
    return k + 2 < len(doc) and doc[k].lower_ in {"and", "&"} \
        and any(t.lower_ == "of" and doc[t.i + 1].lower_ == "the" for t in doc[start : k - 1]) \
        and doc[k + 1].is_title and doc[k + 1].is_alpha and doc[k].whitespace_ == " " \
        and dictionary_word(doc[k + 1].lower_) and doc[k + 1].lower_ not in lx.ORG_NAME_HEADS \
        and not doc[k + 2].text[:1].isupper()


def _skipped(skip: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in skip)


def _candidate(doc: Doc, span: Span, label: str | None, *,
               vouched: bool = False) -> _Candidate | None:
    """The name in `span` with the evidence about its type; `vouched`: a proper-noun run
    known to be a name from elsewhere in the article, so it needs no mark of its own."""
    # A whole town's name (see _with_towns) keeps its words: "Bishop's Tobb" has
    # no honorific and no owner.
    town, party, seat = label == "TOWN", label == "PARTY", label == "SEAT"
    body, team, player = label in {"BODY", "TEAM"}, label == "TEAM", label == "PLAYER"
    if town or seat:
        label = "GPE"
    if body or party:
        label = "ORG"
    if player:
        label = "PERSON"
    ship = label in {"SHIP", "MODEL"}
    if ship:
        label = "PRODUCT"
    tokens = [t for t in span if not t.is_space]
    if len(tokens) > 1 and tokens[0].text in {"Q.", "Q:"}:
        tokens = tokens[1:]  # "Q. Mrs Oduya, ...": a transcript's question, then the name
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or tokens[0].is_punct
                      or tokens[0].is_quote or tokens[0].text in {"``", "''"}
                      or tokens[0].text in _POSSESSIVE[:2]):  # "Labour's Cllr X": from "'s"
        tokens = tokens[1:]
    # "£2m. Delacroix", "2. Delacroix": a figure ending the sentence, or a list's number,
    # before the name
    if len(tokens) > 2 and tokens[0].like_num and tokens[1].text.endswith(".") \
            and tokens[1].text[:1].islower():
        tokens = tokens[2:]
    elif len(tokens) > 1 and tokens[0].text[:1].isdigit() and tokens[0].text.endswith("."):
        tokens = tokens[1:]
    elif len(tokens) > 1 and _CLOCK_TIME.fullmatch(tokens[0].text):
        tokens = tokens[1:]  # "09:30 Schools across ...": a live page's entry time
    if len(tokens) > 2 and tokens[0].lower_ in _DAYS_AND_MONTHS and tokens[1].text in _POSSESSIVE:
        tokens = tokens[2:]  # "Saturday's Hill Hockey League final": the league
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if label == "PERSON" and tokens and _after_an_amount(doc, tokens[0]):
        # "a £14m Tarnby scheme": the model's person is the scheme's place or firm
        label = "GPE" if _known_place(tokens) else None
    # So does a building, road or body named after a royal: "King George V Bridge"
    # (not "Mrs Justice Hall": any title before a surname like Hall or Park).
    named_after = len(tokens) > 2 and tokens[-1].lower_ in _NAMED_HEADS \
        and tokens[0].lower_ in {"king", "queen", "prince", "princess"}
    votes: Counter[str] = Counter()
    model: Counter[str] = Counter()
    descriptors: set[str] = set()
    gender: str | None = None
    honorific = False
    tokens, cut_end = (tokens, False) if town or party or seat \
        else _trim(tokens, label, votes)
    if party:
        votes["ORG"] += 4
    if seat:
        votes["GPE"] += 4
    if not tokens or (len(tokens) == 1 and tokens[0].tag_ == "JJ" and tokens[0].dep_ == "amod"
                      and tokens[0].lower_.endswith(_DEMONYM_ENDINGS)
                      and not (town or party or body)):
        return None  # a nationality before a noun, "Its Danish arm", names no actor
    if _demonym_before_a_noun(tokens) and not (town or party or body):
        votes["NORP"] += 4  # "new Welsh legislation", "Welsh rail": what the model read as a name
    if body:
        votes["ORG"] += 3
    if player:
        votes["PERSON"] += 4
    if team:
        votes["ORG"] += 3  # over a place's head word ("X Forest: ..."), twice a body's
    if ship:
        votes["PRODUCT"] += 6  # over the heads of its name ("MV Isle of X", "HMS X Castle")

    # A lowercase noun at the end is a descriptor, not part of the name ("X union").
    while len(tokens) > 1 and tokens[-1].is_lower and tokens[-1].is_alpha \
            and tokens[-1].pos_ == "NOUN" \
            and tokens[-1].lower_ not in lx.STANDALONE_BODIES:
        descriptors.add(tokens[-1].lower_)
        tokens = tokens[:-1]
    # Letters after the name ("Jo Pike MP") say a person as an honorific does.
    while len(tokens) > 1 and tokens[-1].text.rstrip(".") in lx.POST_NOMINALS:
        honorific = True
        tokens = tokens[:-1]
    if len(tokens) == 1 and _honorific(tokens[0]) and _name_after_abbreviation(doc, tokens[0]):
        return None  # "Engr. Afolayan", the tokenizer having cut the abbreviation off the name
    if len(tokens) > 2 and _honorific(tokens[0]) and tokens[1].lower_ in {"of", "for"}:
        # "Constable of St Ebba": an office's place or body, no person; "Minister for Rural
        # Health": a portfolio, nothing named
        if tokens[0].lower_ in _PORTFOLIO_OFFICES and tokens[1].lower_ == "for":
            return None
        tokens = tokens[2:]
    # Honorifics, inside the span or just before it: "Mrs Justice X", "Det Insp X".
    first = tokens[0]
    while len(tokens) > 1 and _honorific(tokens[0]) and not (town or named_after) \
            and not _titled_town(tokens):
        honorific = True
        gender = gender or lx.HONORIFICS[tokens[0].lower_.rstrip(".")]
        tokens = tokens[1:]
    while first.i > 0 and _honorific(doc[first.i - 1]) and doc[first.i - 1].text[:1].isupper() \
            and not (town or named_after):
        honorific = True
        first = doc[first.i - 1]
        gender = gender or lx.HONORIFICS[first.lower_.rstrip(".")]
    # "Mark X": a given name is evidence even where the model's label is ORG ("Delphina Mint"
    # read as a brand). A given name alone is not: theatres and brands are called "Lyric".
    # (the name's words, hyphens kept: "Jean-François Bélanger-Roy")
    words = tuple(doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].split())
    if tokens[0].text[:1].isupper() and (
            (label in {"PERSON", None} and len(tokens) >= 2)
            or (label in {"ORG", "GPE"} and len(words) == 2 and tokens[-1].tag_ == "NNP"
                and not _known_place(tokens)
                and not set(_lower(tokens)) & (_NAMED_HEADS | _PLACE_OF_HEADS | {"co", "co."}))):
        given = _given_name(tuple(t.text for t in tokens)) if label in {"PERSON", None} \
            else _given_name(words)
        if given is None and _family_name_first(words):
            given = ""  # ("Trần Thị Thu Hà": the family name says a person, not the sex)
        if given is not None:
            # Counted only where nothing else says organisation or place (see _decide_type).
            votes["GIVEN_NAME"] += GIVEN_NAME_VOTES
            gender = gender or given
    # Name tokens keep hyphenated parts together ("Lloyd-Pennant").
    name_tokens = _without_nickname(words)
    if not any(ch.isalpha() for ch in "".join(name_tokens)):
        return None
    # (a personal honorific marks the run as a name: "Mrs Chidi Okonkwo-Hassan"; not an
    # office addressed so, "Mr Speaker", "Madam Chair")
    personal = honorific and first.lower_.rstrip(".") in _PERSONAL_HONORIFICS \
        and all(t.is_title or t.text == "-" for t in tokens) and not _honorific(tokens[0]) \
        and not any(_office_word(t) or t.lower_ == "speaker" for t in tokens)
    if label is None and not vouched and not personal and not _plausible_name(doc, tokens):
        return None
    if tokens[0].lower_ in lx.TITLE_WORDS and tokens[-1].i + 1 < len(doc) \
            and doc[tokens[-1].i + 1].lower_ in lx.ROLE_NOUNS and not (town or party or seat):
        return None  # "Shadow Transport" of "Shadow Transport Secretary X": a portfolio
    if label is None and (_acronym_speaker(tokens) or _acronym_beside_a_body(tokens)):
        votes["ORG"] += 3

    start = first.idx if honorific else tokens[0].idx
    end = span[-1].idx + len(span[-1].text)
    # Keep the descriptor inside the mention span but drop a possessive or article.
    last = tokens[-1] if cut_end else span[-1]
    while last.i > tokens[-1].i and (last.text in _POSSESSIVE or last.is_punct or last.is_space
                                     or last.text.rstrip(".") in lx.POST_NOMINALS):
        last = doc[last.i - 1]
    end = last.idx + len(last.text)
    text = doc_text(doc)[start:end]

    _vote_heads(votes, tokens)
    _vote_label(model, label, tokens, honorific)
    _vote_context(doc, votes, descriptors, tokens)
    if votes["PERSON"] <= 0 and not honorific and _landform(tokens):
        votes["LOC"] += 3  # "at Tansey Hill", "the Skerry Rock lighthouse"
    if tokens[-1].dep_ == "dobj" and tokens[-1].head.lemma_ == "represent" \
            and not set(_lower(tokens)) & _NAMED_HEADS:
        votes["GPE"] += 3  # "Halloran represents Corran North": a seat
    if _townspeople_after(doc, tokens[-1]):
        votes["GPE"] += 2  # "Drumcarra's mayor", "Drumcarra residents": a town's people
    if _region_after_a_place(doc, tokens):
        votes["GPE"] += 4  # "Gundaroo, NSW,": a state's letters after a town
    if label in {"PERSON", None} and _which_after(tokens[-1]) and not _known_place(tokens):
        votes["ORG"] += 2  # "Drumcarra Cruisers, which has 28 boats": no person is "which"
    if _named_as_places(tokens[-1]):
        votes["GPE"] += 3
    if label == "PERSON" and _named_for_a_leader(tokens[-1]):
        votes["PERSON"] += 3
    if honorific:
        votes["PERSON"] += 4
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    site = (before is not None and before.lower_ in _SITE_PREPOSITIONS) \
        or _checked_into(doc, tokens[0])
    definite = before is not None and before.lower_ == "the"
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    # (not "in the Bellavista district": there "the" is the district's)
    placed = definite and before.i > 0 and doc[before.i - 1].pos_ == "ADP" \
        and not (after is not None and after.pos_ in {"NOUN", "PROPN"})
    # "a Heat Recovery Unit", "four Rapid Response Units": a kind of
    # thing counted, unless the name only qualifies a noun ("a Grocemart store") or says what
    # someone is ("X, a Liberal Democrat,")
    counted = before is not None and before.i == tokens[0].i - 1 and not honorific \
        and tokens[-1].dep_ != "appos" \
        and (before.lower_ in _COUNTING_WORDS or (before.like_num and before.is_alpha)) \
        and not (after is not None and after.pos_ in {"NOUN", "PROPN"})
    return _Candidate(start, end, text, name_tokens, label, votes, model, descriptors, gender,
                      honorific, site, party, definite, placed, counted,
                      kind_marked=not honorific and _counted_or_owned(tokens),
                      in_heading=_in_heading(doc, tokens[0]),
                      positional=_positional(doc, tokens[0]),
                      noun_shaped=_noun_shaped(doc, tokens),
                      speaking=tokens[-1].dep_ == "nsubj"
                      and tokens[-1].head.lemma_ in lx.CUE_VERBS,
                      listed=_known_place(tokens) and _beside_a_place(tokens[-1]),
                      worked=_work_named(doc, tokens))


_CLOCK_TIME = re.compile(r"[012]?\d[:.][0-5]\d")
_AMOUNT_UNITS = frozenset("m bn k mn million billion trillion".split())
_CURRENCY_SIGNS = frozenset("£ $ € ¥ ₹".split())


def _after_an_amount(doc: Doc, first: Token) -> bool:
    """"£14m X", "$2 billion X", "€300,000 X": a sum of money right before the name, which
    then names what the money is for or whose it is, never a person."""
    k = first.i - 1
    if k >= 0 and doc[k].lower_ in _AMOUNT_UNITS:
        k -= 1
    if k < 0 or not doc[k].like_num:
        return False
    return k > 0 and doc[k - 1].text in _CURRENCY_SIGNS


_HEADING_WORDS_MAX = 15


def _in_heading(doc: Doc, token: Token) -> bool:
    """In a line that does not end as a sentence does, of a headline's length at most."""
    text = doc_text(doc)
    stop = text.find("\n", token.idx)
    line = text[text.rfind("\n", 0, token.idx) + 1 : len(text) if stop < 0 else stop].strip()
    return not line.endswith((".", "!", "?", '"', "”", "’", "'", ":", ";", ",")) \
        and len(line.split()) <= _HEADING_WORDS_MAX


def _positional(doc: Doc, first: Token) -> bool:
    """A word capitalised by where it stands: the first of a sentence or a line (after a
    bullet or a quotation mark), or in a heading or a line of capitals."""
    k = first.i - 1
    while k >= 0 and (doc[k].is_quote or doc[k].text in {"•", "-", "–", "*", "|", "``"}
                      or _CLOCK_TIME.fullmatch(doc[k].text)):
        k -= 1  # (a live page's entry opens with its time: "09:30 Schools ...")
    if k < 0 or first.is_sent_start or "\n" in doc[k].text or "\n" in doc[k].whitespace_ \
            or doc[k].text in {".", "!", "?", ":", "|"}:
        return True
    return _in_heading(doc, first) or first.text.isupper()


def _noun_shaped(doc: Doc, tokens: list[Token]) -> bool:
    """One word used as a common noun is: before a lower-case noun it qualifies ("Bakery
    owner", "Quarry owners"), as a label before a colon ("Capacity:"), or in the plural
    ("Ploughs sat idle", "Commuters queued")."""
    if len(tokens) != 1:
        return False
    word = tokens[0]
    after = doc[word.i + 1] if word.i + 1 < len(doc) else None
    plural = word.lower_.endswith("s") and not word.lower_.endswith("ss") \
        and dictionary_word(word.lower_[:-1])
    # (not a firm the model saw, before its staff or stock: "Oracle executives", "Apple
    # shares", or before a job of two or more words and the holder's name: "Kestrel data
    # scientist Jo Pike"; the model takes no common noun there for a firm: "Farm shop owner")
    owned = after is not None and word.ent_type_ == "ORG" and (
        after.lemma_ in _STAFF_NOUNS | _STOCK_NOUNS or _job_then_name(doc, word.i + 1))
    return (after is not None and (after.text == ":" or (
        after.is_lower and after.is_alpha and after.pos_ == "NOUN" and not owned)
        or (after.text in _POSSESSIVE[2:] and plural))) or plural


def _job_then_name(doc: Doc, start: int) -> bool:
    """From `start`, two or more lower-case words ending in a job ("software engineer"),
    then a capitalised word: a title set before its holder's name."""
    end = start
    while end < len(doc) and doc[end].is_lower and doc[end].is_alpha:
        end += 1
    return end - start >= 2 and doc[end - 1].lemma_ in lx.ROLE_NOUNS \
        and end < len(doc) and doc[end].is_title


# What a firm's name stands before as an owner's: its shares and what it earns.
_STOCK_NOUNS = frozenset("share stock profit revenue earnings".split())
_ACRONYM_LETTERS_MAX = 4  # "EU", "WARN": initials, however the dictionary spells them
_TOWN_NAMING_A_WORD = 10_000  # people: a town this big is what its word names in news


def _capitalised_noun(cluster: _Cluster, text: str) -> bool:
    """"Commuters see it differently", "Bakery owner X", "Ploughs sat idle", "Capacity: 2,300":
    one dictionary word, capitalised only where a sentence, line or heading starts, and used
    there as a common noun is or written in lower case elsewhere in the article. One that
    speaks ("Unite said", "Forecasters said") is kept: a body, or a group speaking for one
    that speaker attribution reads; so is one the article says what it is ("the union
    Community")."""
    name = max(cluster.names, key=len)
    if len(name) != 1 or cluster.honorific or cluster.descriptors or cluster.party \
            or cluster.speaking or cluster.positional < len(cluster.spans) \
            or sum(cluster.model.values()) >= 3:
        return False
    word = name[0]
    lower = word.casefold()
    # (a town's name only where a town of some size has it: "Deal", not "Comfort", "Cafe")
    if not word.isalpha() or not dictionary_word(word) or first_name_gender(word) is not None \
            or (word.isupper() and len(word) <= _ACRONYM_LETTERS_MAX) or is_place(word) \
            or town_population(word) >= _TOWN_NAMING_A_WORD \
            or lower in lx.BODY_NAMES or lower in lx.CLUB_HEADS:
        return False
    stem = lower.removesuffix("s")
    return cluster.noun_shaped == len(cluster.spans) \
        or re.search(rf"\b{re.escape(stem)}s?\b", text) is not None


def _counted_or_owned(tokens: list[Token]) -> bool:
    """"a single Electric Arc Furnace", "34 three-car Battery Units", "the plant's Annual
    Report", "their Water Use Licence": the name's head is counted or owned, with or without
    words between; not where the name qualifies a noun ("a Grocemart store")."""
    head = tokens[-1]
    if head.dep_ == "compound" or head.dep_ == "appos":
        return False
    return any(c.i < tokens[0].i and ((c.dep_ == "det" and c.lower_ in _COUNTING_WORDS)
                                      or c.dep_ in {"nummod", "poss"})
               for c in head.children)


_NAMED_HEADS = lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS | lx.LOC_NAME_HEADS
_NAME_OR_OUTLET_HEADS = _NAMED_HEADS | lx.OUTLET_HEADS
_NAMED_NOT_OUTLET_HEADS = _NAMED_HEADS - lx.OUTLET_HEADS
# Honorifics only a person's name follows (not "Sister", "Father", "Judge": also words).
_PERSONAL_HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame cllr rev".split())
_BODY_OR_SITE_HEADS = (lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS) - {"city", "town", "county"}
_DEMONYM_ENDINGS = ("ish", "ese", "an", "ch", "i", "ic")
# Words before a kind of thing, not before a name: an indefinite article, a quantifier
# (not a possessive: "its Riverside Works" is a site of its own).
_COUNTING_WORDS = frozenset("a an every each another "
                            "several many some any".split())


def _demonym_before_a_noun(tokens: list[Token]) -> bool:
    """One word shaped as nationalities are, qualifying the lower-case noun after it."""
    if len(tokens) != 1:
        return False
    word = tokens[0]
    after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return word.is_title and (word.lower_.endswith(("ish", "ese")) or word.lower_ in lx.DEMONYMS
                              or word.lower_ in lx.PEOPLE_ADJECTIVES) \
        and word.dep_ in {"amod", "compound"} and after is not None and after.is_lower \
        and after.pos_ == "NOUN"


def _name_after_abbreviation(doc: Doc, token: Token) -> bool:
    """`token` then its full stop, then a capitalised word: "Engr. Tunde Afolayan"."""
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "." \
        and not token.whitespace_ and doc[token.i + 2].is_title


def _trim(tokens: list[Token], label: str | None,
          votes: Counter[str]) -> tuple[list[Token], bool]:
    """What of a span is the name: without the sentence opener, the office before a person
    ("Chair X", "Opposition MLA X"), the owner before a possessive ("X's United Y") or a
    heading's trailing words ("X Against the"). Also whether the end was cut."""
    while len(tokens) > 1 and tokens[0].lower_ in lx.NAME_EDGE_WORDS:
        tokens = tokens[1:]
    if label == "PERSON" and len(tokens) >= 3 and _offices_word(tokens[0]):
        tokens = tokens[1:]  # "Councillors Ada Pennock and Ivo Marsh": the pair's office
    end = len(tokens)
    while end > 1 and (tokens[end - 1].lower_ in lx.NAME_EDGE_WORDS
                       or (label != "ORG" and _office_word(tokens[end - 1])
                           and not _surname_not_office(tokens[:end]))):
        end -= 1  # "X Against the", "Tring Mayor"
    cut_end = end < len(tokens)
    tokens = tokens[:end]
    if label != "ORG" or not set(_lower(tokens)) & (lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS):
        inner = [k for k, t in enumerate(tokens[:-1]) if k > 0 and t.text in _POSSESSIVE[:2]]
        if inner:
            tokens = tokens[inner[-1] + 1 :]  # "Pruszek's United Conservative"
    # "Dean Ventnor", a two-word name the model calls a person: a given name, not an office.
    given = label == "PERSON" and len(tokens) == 2 and tokens[0].lower_ in lx.ROLE_NOUNS \
        and first_name_gender(tokens[0].text) is not None
    offices = [k for k, t in enumerate(tokens[:-1])
               if (_office_word(t) or t.text.rstrip(".") in lx.POST_NOMINALS)
               and tokens[k + 1].text[:1].isupper() and not (given and k == 0)
               and all(_office_word(u) or u.text[:1].isupper() for u in tokens[:k])]
    rest = tokens[offices[-1] + 1 :] if offices else []
    if offices and (label in {"PERSON", None} or tokens[offices[-1]].text in lx.POST_NOMINALS
                    or first_name_gender(tokens[offices[-1] + 1].text) is not None
                    or (len(rest) in {2, 3} and all(t.pos_ == "PROPN" for t in rest)
                        and not set(_lower(rest)) & _NAMED_HEADS)):
        # ("Attorney General Brent Dewhirst" read as a body: a name after the office)
        tokens = tokens[offices[-1] + 1 :]
        votes["PERSON"] += 3
    elif len(tokens) >= 3 and _word_before_a_name(tokens) and (
            label in {"PERSON", None} or (len(tokens) == 3 and (
                _portfolio_or_demonym(tokens) or tokens[0].text in lx.PARTY_WORDS))):
        tokens = tokens[1:]  # "Sculptress Odile Penvose", "American Kamal Strand"
        if label == "ORG":
            votes["PERSON"] += 3  # (the model read the nationality or portfolio as a body's)
    elif len(tokens) > 1 and tokens[0].lower_ in lx.ORG_DESCRIPTORS and tokens[0].text.istitle() \
            and tokens[0].lower_ not in lx.ORG_NAME_HEADS and tokens[1].lower_ not in {"and", "&"}:
        # ("Developer Glenmoray Power"; not "Hospital and Estates Workers Union")
        tokens = tokens[1:]
        votes["ORG"] += 3
    return tokens, cut_end


def _age_after(last: Token) -> bool:
    """", 58," or ", 58." after a name: a person's age."""
    doc = last.doc
    after = doc[last.i + 1 : last.i + 4]
    return len(after) == 3 and after[0].text == "," and after[1].is_digit \
        and 0 < int(after[1].text) < 120 and after[2].text in {",", "."}


def _surname_not_office(tokens: list[Token]) -> bool:
    """"Martin Head said", "Okafor Head, 58,", "Mr Head": an office's word last is a surname
    after a lone given name, where the article gives the name an age, or the word alone an
    honorific or a cue (not "Tring Mayor", "Jo Pike Shadow" before "Minister")."""
    last = tokens[-1]
    doc = last.doc
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and (after.lower_ == "of" or after.text[:1].isupper()):
        return False  # "Kerrigan Head of Science", "Pike Shadow Minister"
    if len(tokens) == 2 and first_name_gender(tokens[0].text) is not None \
            and not _office_word(tokens[0]):
        return True
    run = [t.text for t in tokens]
    if any(_age_after(doc[t.i + len(run) - 1]) for t in doc
           if [u.text for u in doc[t.i : t.i + len(run)]] == run):
        return True  # "Okafor Head, 58, has run the club": people are given ages
    return _used_as_surname(doc, last.text)


def _given_or_titled(doc: Doc, ent: Span) -> bool:
    """A person's name by its shape: an honorific before or in it ("Mrs X"), or a given name
    and a surname ("Greta Morvik"); not "the Vell-Orra river"."""
    words = list(ent)
    while words and _honorific(words[0]):
        words = words[1:]
    titled = len(words) < len(ent) or (ent.start > 0 and _honorific(doc[ent.start - 1]))
    return bool(words) and (titled or (
        len(words) in {2, 3} and given_name_gender(words[0].text) is not None))


def _double_barrelled(doc: Doc, ent: Span) -> Span:
    """"Greta Morvik-Lund" where the model stopped at the hyphen (or read "Greta
    Morvik" as a place): the capitalised words hyphened on to a person's name with no
    space are the rest of the surname."""
    end = ent.end
    upper = ent[-1].text.isupper()  # "Ms GRETA MORVIK-LUND"
    while end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-" \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha \
            and (doc[end + 1].is_title or (upper and doc[end + 1].is_upper)):
        end += 2
    return doc[ent.start : end]


def _speaks_as_a_person(name: Span) -> bool:
    """"Oladele Adesina-Wragg stated ...", with a given name the lists lack and the name read
    as a place or a body: a capitalised word and a double surname, no place among them, that
    say something (the subject of a cue) or that a person's title is set beside ("the
    managing director of X, Tunde Bankole-Hurst,"). Not a route between two places ("the New
    Delhi-Agra road"; a surname alone may be a place, "Hart"), nor an office ("The
    Auditor-General reported")."""
    words = [t for t in name if t.text != "-"]
    if len(name) != 4 or name[2].text != "-" or name[1].whitespace_ or name[2].whitespace_ \
            or not all(t.is_title and t.is_alpha and not t.is_stop
                       and t.lower_ not in lx.ROLE_NOUNS for t in words) \
            or is_place(words[0].text) or is_place(name[:2].text) \
            or (is_place(words[1].text) and is_place(words[2].text)):
        return False
    head = name.root
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.lemma_ in lx.CUE_VERBS:
        return True
    holder = head.head
    if holder.dep_ == "pobj" and holder.head.lower_ == "of":
        holder = holder.head.head  # "the director of X, Name,": the parser hangs it on X
    return head.dep_ == "appos" and holder.lower_ in lx.PERSON_NOUNS | lx.ROLE_NOUNS


_PARTICLES_MAX = 3  # "van der", "de la", "de los": a surname's particles before its name


def _particle_surname_after(doc: Doc, ent: Span) -> Span | None:
    """"Anneke ten Brink", "Giulia di Matteo" where the model cut the name at the particle
    (or read the given name as a place): the given name, lower-case particles and the
    capitalised surname after them are one person's name, unless the whole is a place's."""
    end = ent.end
    while end < len(doc) and end - ent.end < _PARTICLES_MAX and doc[end - 1].whitespace_ == " " \
            and doc[end].is_lower and doc[end].lower_ in lx.SURNAME_PARTICLES:
        end += 1
    if end == ent.end or end >= len(doc) or doc[end - 1].whitespace_ != " " \
            or not doc[end].is_title or not doc[end].is_alpha:
        return None
    surname = next((e for e in doc.ents if e.start == end), None)
    last = surname.end if surname is not None and surname.label_ in {"PERSON", "ORG", "GPE"} \
        else end + 1
    name = doc[ent.start : last]
    return None if is_place(name.text) else name


def _given_name_before_particle(doc: Doc, ent: Span) -> Span | None:
    """"Iestyn ap Rhisiart", "Peadar de Búrca" where the model found only the surname: a
    known given name and lower-case particles before it are the rest of the name."""
    start = ent.start
    while start > 0 and ent.start - start < _PARTICLES_MAX and doc[start - 1].is_lower \
            and doc[start - 1].lower_ in lx.SURNAME_PARTICLES and doc[start - 1].whitespace_:
        start -= 1
    if start == ent.start or start == 0 or not doc[start - 1].whitespace_ \
            or not doc[start - 1].is_title or given_name_gender(doc[start - 1].text) is None:
        return None
    return doc[start - 1 : ent.end]


def _word_before_a_name(tokens: list[Token]) -> bool:
    """A capitalised word before a given name and a surname that is no given name itself and
    ends as jobs and nationalities do, or a party's: what the model took into the name
    ("Sculptress Odile Penvose", "American Kamal Strand", "the Conservative Hilary Pengelly")."""
    first = tokens[0]
    # (the given name may be one a town has too: "Orchardist Mary Tollan")
    return first.text.istitle() and first.is_alpha and not _honorific(first) \
        and first.lower_ not in lx.SURNAME_PARTICLES and first_name_gender(first.text) is None \
        and given_name_gender(tokens[1].text) is not None \
        and tokens[2].text[:1].isupper() \
        and not _known_place(tokens[:1]) and tokens[1].lower_ not in lx.LOC_NAME_LEADS \
        and tokens[-1].lower_ not in _NAMED_HEADS | _AREA_WORDS \
        and (first.lower_.endswith((*lx.ROLE_SUFFIXES, "ess", "an", "ese", "ish"))
             or first.text in lx.PARTY_WORDS or first.text == "Independent")


def _portfolio_or_demonym(tokens: list[Token]) -> bool:
    """A name the model read as a body's because of the word before it: a nationality
    ("Canadian Ravi Doonan") or an office's portfolio ("Secretary of the Treasury Ravi Doonan",
    where the span starts at "Treasury")."""
    first, doc = tokens[0], tokens[0].doc
    if first.lower_.endswith(("an", "ese", "ish")) and first.ent_iob_ == "B":
        return True
    return first.i >= 3 and doc[first.i - 1].lower_ == "the" and doc[first.i - 2].lower_ == "of" \
        and (doc[first.i - 3].lower_ in lx.ROLE_NOUNS)


def _titled_town(tokens: list[Token]) -> bool:
    """A town whose name starts with a title: "Bishop Tobb", "Bishop's Tobb"."""
    text = doc_text(tokens[0].doc)
    return any(town_population(text[tokens[0].idx : t.idx + len(t.text)]) > 0
               for t in tokens[1:3])


def _office_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return token.text[:1].isupper() and (word in lx.ROLE_NOUNS or word in lx.TITLE_WORDS)


def _offices_word(token: Token) -> bool:
    """An office in the plural before the names of two who hold it: "Councillors",
    "Senators"."""
    word = token.lower_
    return token.text[:1].isupper() and word.endswith("s") and (
        word[:-1] in lx.ROLE_NOUNS or word[:-1] in lx.TITLE_HONORIFICS)


def _lower(tokens: list[Token]) -> list[str]:
    return [t.lower_ for t in tokens]


def _honorific(token: Token) -> bool:
    """"Ms X", "Cllr X", "Cr X" (a councillor in Australia and New Zealand); not "MS X" in
    running text, a Member of the Senedd's letters, nor "CR", letters of a firm's name."""
    return token.lower_.rstrip(".") in lx.HONORIFICS \
        and not (token.text == "MS" and not sentence_of(token).text.isupper()) \
        and token.text != "CR"


def _title_modifier(doc: Doc, span: Span) -> bool:
    """A lone word in a title before a name ("Health Minister Jo Bloggs") is not an entity,
    nor the portfolio of an office named without one ("the Fisheries Minister told")."""
    if len(span) != 1 or span.end + 1 >= len(doc):
        return False
    title, name = doc[span.end], doc[span.end + 1]
    # (not "the Wales Secretary"; but "the Home Secretary", though some hamlet is "Home")
    place = is_place(span.text) or (town_population(span.text) > 0
                                    and not dictionary_word(span.text.lower()))
    if title.lower_ in _TITLED_OFFICES and span.start > 0 \
            and doc[span.start - 1].lower_ in {"the", "'s", "’s"} and not place:
        return True
    return title.text[:1].isupper() and title.lower_.rstrip(".") in lx.ROLE_NOUNS \
        and name.pos_ == "PROPN"


# Offices held "for" a portfolio ("the Minister for Fisheries", "Secretary of
# State for Housing"); a spokesperson "for" a body speaks for it, so is not here.
# (a South African province's MEC and a Kenyan county's executive hold one too: "MEC for
# Health", "County Executive for Agriculture")
_PORTFOLIO_OFFICES = frozenset(
    "minister secretary commissioner undersecretary mec executive".split())
# Offices that hold a portfolio only with "for" after them: "executive mayor X" is a mayor.
_TITLED_OFFICES = _PORTFOLIO_OFFICES - {"executive"}


def _portfolio(span: Span) -> bool:
    """The portfolio of an office ("the minister for Culture and Rural Affairs", "the
    Secretary of State for Rural Affairs", "the Minister of Fisheries") is part of
    a title, not a named thing; a place ("Secretary of State for Wales") and a body
    ("Minister for the Cabinet Office", "regional secretary of the X Union") stay names."""
    doc = span.doc
    k = span.start - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ not in {"for", "of"}:
        return False
    office = doc[k - 1]
    if office.lower_ == "state" and k >= 3 and doc[k - 2].lower_ == "of":
        office = doc[k - 3]  # "Secretary of State for", "Minister of State for"
    words = [t for t in span if t.lower_ != "the"]
    if doc[k].lower_ == "of" and office.lower_ in _PORTFOLIO_OFFICES and words \
            and words[0].lower_ == "state":
        return True  # "State for Work and Pensions": the model's cut of "Secretary of State"
    # "of" a portfolio only after a minister: "the general secretary of the X Union" is
    # the union's
    of_portfolio = office.lower_ == "minister" and not set(_lower(words)) & _BODY_OR_SITE_HEADS
    return office.lower_ in _PORTFOLIO_OFFICES and bool(words) \
        and (doc[k].lower_ == "for" or of_portfolio) \
        and not _known_place(words) and words[-1].lower_ != "office" \
        and not (len(words) == 1 and words[0].lower_ in lx.BODY_NAMES)


def _acronym_speaker(tokens: list[Token]) -> bool:
    """"ZDF reported", "NFU said": an acronym that reports or speaks is an organisation
    (countries, "UK" and "US", are known to the gazetteer)."""
    word = tokens[0]
    return len(tokens) == 1 and word.text.isupper() and _acronym_like(word.text) \
        and word.dep_ == "nsubj" and (word.head.lemma_ in lx.CUE_VERBS
                                      or word.head.lemma_ == "report")


def _and_body(doc: Doc, i: int, j: int, covered: set[int]) -> int:
    """Where a proper-noun run ends when "and" joins it to the rest of a body's name ("The
    Harbour and Metal Trades Union"): one or two words, then "and" or "&", then a run
    that ends in a body's head word. Not two bodies ("Orrin Council and Tullagh Council")."""
    if not 0 < j - i <= 2 or j + 1 >= len(doc) or doc[j].lower_ not in {"and", "&"} \
            or doc[j - 1].lower_ in lx.ORG_NAME_HEADS:
        return j
    k = j + 1
    while k < len(doc) and doc[k].pos_ == "PROPN" and k not in covered \
            and doc[k].whitespace_ != "\n":
        k += 1
    return k if k > j + 1 and doc[k - 1].lower_ in lx.ORG_NAME_HEADS else j


def _joins_names(doc: Doc, j: int) -> bool:
    """A hyphen with no space on either side after a given name or a proper noun: "Anne-Marie
    Drummock", "the Olifants-Doorn Water Board"."""
    # (a word in capitals after one, as transcripts print names, whatever its tag:
    # "JENNIFER KELLOW-PRICE")
    return doc[j].text == "-" and j > 0 and j + 1 < len(doc) and (
        doc[j + 1].pos_ == "PROPN" or (doc[j + 1].is_upper and doc[j + 1].is_alpha
                                       and doc[j - 1].is_upper and len(doc[j - 1]) > 1)) \
        and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
        and (first_name_gender(doc[j - 1].text) is not None
             or (doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper()))


def _acronym_beside_a_body(tokens: list[Token]) -> bool:
    """"talks with the Home Office and DVLA": an acronym in a list with an organisation is one."""
    word = tokens[0]
    if len(tokens) != 1 or not word.text.isupper() or not _acronym_like(word.text):
        return False
    linked = [word.head] if word.dep_ == "conj" else []
    linked += [c for c in word.children if c.dep_ == "conj"]
    return any(t.ent_type_ == "ORG" for t in linked)


# An Irish surname after "Ó", "Ní", "Mac" may take a lower-case h, n or t before its capital:
# "Ó hEochaidh", "Ní hAodha", "Mac an tSaoir".
_MUTATED = re.compile(r"[hnt][A-ZÁÉÍÓÚ]")


def _name_cased(word: str) -> bool:
    """Whether a word is written as a word of a name is: a capital first, or a mutated one."""
    return word[:1].isupper() or _MUTATED.match(word) is not None


def _family_name_first(words: tuple[str, ...] | list[str], *, cased: bool = True) -> bool:
    """A name of two to four capitalised words led by a family name written first (`cased`
    False: of casefolded words)."""
    return 2 <= len(words) <= 4 and words[0].casefold() in lx.FAMILY_NAMES_FIRST \
        and all((w[:1].isupper() or not cased) and w.replace("-", "").isalpha() for w in words)


def _opens_family_name(token: Token) -> bool:
    """"Trần" of "Trần Thị Thu Hà": the first of a run of names led by a family name."""
    run = []
    for t in token.doc[token.i : token.i + 4]:
        if t.pos_ != "PROPN":
            break
        run.append(t.text)
    return len(run) >= 2 and _family_name_first(run)


def _plausible_name(doc: Doc, tokens: list[Token]) -> bool:
    """A proper-noun run the NER skipped is kept only if something marks it as a name."""
    if _acronym_speaker(tokens) or _acronym_beside_a_body(tokens) or _website(tokens[-1]) \
            or (len(tokens) == 1 and _capitals(tokens[0].text) and _run_by(doc, tokens[0])) \
            or (len(tokens) == 1 and tokens[0].lower_ in lx.BODY_NAMES):
        return True  # ("trains run by GWRX": an operator's letters; "Whitehall said")
    last = tokens[-1].lower_
    if last in lx.ORG_NAME_HEADS or last in lx.FAC_NAME_HEADS or last in lx.LOC_NAME_HEADS \
            or _law_name(tokens):
        return len(tokens) > 1
    if last in _OPERATOR_TAILS and 2 <= len(tokens) <= 3 and all(t.is_title for t in tokens) \
            and not _names_a_site(tokens) and not _known_place(tokens[:-1]):
        return True  # "Passengers on Kestrel Rail", "Kellow Transit said": an operator
    if _hyphen_after(doc, tokens[-1]) and tokens[-1].i + 2 < len(doc) \
            and doc[tokens[-1].i + 2].lower_ in _HOME_PARTICIPLES:
        return True  # "Kelmscombe-based"
    words = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].split()
    if _family_name_first(words):
        return True  # "Nguyễn Văn Hùng", missed by the model
    if len(words) in {2, 3} and all(_name_cased(w) for w in words) and (
            first_name_gender(tokens[0].text) is not None or (
                tokens[0].i > 0 and doc[tokens[0].i - 1].text in lx.POST_NOMINALS)):
        # "Delphina Mortlake", "Anne-Marie Penvose" missed by the model: a given name and a
        # surname, or a name after a member's letters ("Mid Wendle MLA Niamh Carrickfold")
        return True
    if _place_said(doc, tokens) or (
            tokens[-1].i + 1 < len(doc) and _area_after(doc[tokens[-1].i + 1])):
        return True
    if _townspeople_after(doc, tokens[-1]) and _known_place(tokens):
        return True  # "Leyburn residents", "Otley's high street": a known town's
    if _kind_before(doc, tokens[0]):
        return True  # "Power company X Grid", "energy firm X"
    head = _apposition_head(doc, tokens[-1])
    return head is not None and (head.lower_ in lx.ORG_DESCRIPTORS or head.lower_ in lx.ROLE_NOUNS)


def _kind_before(doc: Doc, first: Token) -> bool:
    """A kind of organisation right before a name ("the energy firm X", "Power company X")."""
    before = doc[first.i - 1] if first.i > 0 else None
    return before is not None and before.is_lower and before.pos_ == "NOUN" \
        and before.lower_ in lx.ORG_DESCRIPTORS


def _ends_a_place(token: Token) -> bool:
    """The last word of a known place's name written whole ("Wendle" in "Market
    Wendle", "Tullagh" in "Co Tullagh"): the place, not a body's short form."""
    doc = token.doc
    for size in (1, 2):
        if token.i - size < 0 or doc[token.i - size].whitespace_ != " ":
            break
        if _known_place(list(doc[token.i - size : token.i + 1])):
            return True
    return False


def _opens_another_name(token: Token, body_starts: set[tuple[str, str]]) -> bool:
    """The first word of another body's or site's name ("X Police" beside "X Fire and
    Rescue"), not the short form of the one the model found (nor that one written whole)."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is None or not after.is_title or token.whitespace_ != " " \
            or (token.text, after.text) in body_starts:
        return False
    # (the head may come two words on: "X General Hospital", "X Cancer Care Centre")
    k = token.i + 1
    while k < min(len(doc), token.i + 4) and doc[k].is_title and doc[k].pos_ == "PROPN":
        if doc[k].lower_ in _NAMED_NOT_OUTLET_HEADS:
            return True
        if doc[k].whitespace_ != " ":
            break
        k += 1
    return after.lower_ in _NAMED_NOT_OUTLET_HEADS


def _body_written_whole(doc: Doc, token: Token, names: set[tuple[str, ...]],
                        covered: set[int]) -> Span | None:
    """"Varrow Lifting Ltd was founded ...", where the model tagged that body's name
    elsewhere but not here: the name written whole, not its first word as a short form
    (which left "Lifting Ltd" a name of its own)."""
    for name in sorted(names, key=len, reverse=True):
        end = token.i + len(name)
        if name[0] == token.text and end <= len(doc) \
                and tuple(t.text for t in doc[token.i : end]) == name \
                and not covered.intersection(range(token.i, end)):
            return doc[token.i : end]
    return None


def _ends_a_full_name(token: Token, names: list[tuple[str, ...]]) -> bool:
    """The last word of a full name written whole here ("X Sky, which is based ..." where
    the model tagged "X Sky" elsewhere): no short form, the name itself."""
    words = tuple(t.text for t in token.doc[max(0, token.i - 3) : token.i + 1])
    return any(len(name) > 1 and words[-len(name):] == name for name in names)


def _campaign_verb(doc: Doc, start: int) -> bool:
    """"Save X Woods", "Stop X Quarry": a campaign named with a capitalised verb before
    the thing it campaigns for."""
    return start > 0 and doc[start - 1].text in lx.CAMPAIGN_VERBS \
        and doc[start - 1].whitespace_ == " "


_QUOTE_MARKS = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})
_QUOTED_TOKENS_MAX = 12  # a slogan or a headline, not a speech
_TITLE_SMALL_WORDS = frozenset("of the and a an to at in for on or with by from as".split())
_SLOGAN_WORDS = frozenset("no not our your my we us you i me".split())


def _quoted_phrase(doc: Doc, span: Span) -> tuple[int, int] | None:
    """The token range between the quotation marks that enclose `span` on its line, when
    they open and close within a headline's length of it."""
    start, end = span.start, span.end
    while start < end and doc[start].text in _QUOTE_MARKS:
        start += 1
    while end > start and doc[end - 1].text in _QUOTE_MARKS:
        end -= 1
    i = start - 1
    while i >= 0 and doc[i].text not in _QUOTE_MARKS:
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_ or end - i > _QUOTED_TOKENS_MAX:
            return None
        i -= 1
    j = end
    while j < len(doc) and doc[j].text not in _QUOTE_MARKS:
        if "\n" in doc[j].text or "\n" in doc[j - 1].whitespace_ or j - i > _QUOTED_TOKENS_MAX:
            return None
        j += 1
    # An opening mark follows a space (or starts the text) and a closing one sticks to the
    # word before it: not a plural possessive ("the Workers' Party").
    if i < 0 or j >= len(doc) or (i > 0 and not doc[i - 1].whitespace_) \
            or doc[i].whitespace_ or doc[j - 1].whitespace_:
        return None
    return i + 1, j


def _slogan(doc: Doc, span: Span, label: str | None) -> bool:
    """A quoted phrase in Title Case that is a slogan or a headline ("Save Our Jobs",
    "Hands Off Our Hospital", "Jobs Axed At Works"), or a quoted title the model calls a
    work with no work named around it (a campaign's cry): no named thing, unless a noun
    says a work ("the documentary 'X'", "the 'X' report") or "titled" comes before it."""
    quoted = _quoted_phrase(doc, span)
    if quoted is None:
        return False
    words = [t for t in doc[quoted[0] : quoted[1]] if t.is_alpha]
    if len(words) < 2 or not all(t.text[:1].isupper() or t.lower_ in _TITLE_SMALL_WORDS
                                 for t in words) \
            or not all(t.text[:1].isupper() for t in (words[0], words[-1])):
        return False
    before = [t for t in doc[max(0, quoted[0] - 3) : quoted[0] - 1] if t.is_alpha][-1:]
    after = doc[quoted[1] + 1] if quoted[1] + 1 < len(doc) else None
    if any(t.lemma_.lower() in lx.WORK_NOUNS | lx.WORK_TITLE_VERBS for t in before) \
            or (after is not None and after.lower_ in lx.WORK_NOUNS):
        return False
    return label == "WORK_OF_ART" or any(
        t.lower_ in _SLOGAN_WORDS or t.text in lx.CAMPAIGN_VERBS
        or t.pos_ in {"VERB", "AUX", "PRON"} for t in words)


def _work_named(doc: Doc, tokens: list[Token]) -> bool:
    """A title said to be a work's: in quotation marks, or beside a noun for a work ("the
    documentary X", "X, a novel", "the X report"), or after "titled"."""
    first, last = tokens[0], tokens[-1]
    if _quoted_phrase(doc, doc[first.i : last.i + 1]) is not None:
        return True
    near = [t for t in doc[max(0, first.i - 3) : first.i] if t.is_alpha][-2:]
    near += [t for t in doc[last.i + 1 : last.i + 4] if t.is_alpha][:2]
    return any(t.lemma_.lower() in lx.WORK_NOUNS | lx.WORK_TITLE_VERBS for t in near)


def _website(last: Token) -> bool:
    """A name that is a web address, or runs on into one ("Gossipwire . com")."""
    return _WEBSITE.fullmatch(last.text) is not None \
        or _DOMAIN_AFTER.match(doc_text(last.doc), last.idx + len(last.text)) is not None


def _apposition_head(doc: Doc, last: Token) -> Token | None:
    """The head noun of ", the Basel-based manufacturer of ..., " right after a name; none
    where a speech verb follows the noun ("plant in X, the company said"): that noun is the
    speaker of the sentence, not a word about X."""
    if last.i + 2 >= len(doc) or doc[last.i + 1].text != ",":
        return None
    head = None
    for token in doc[last.i + 2 : last.i + 12]:
        if "\n" in token.text or "\n" in doc[token.i - 1].whitespace_:
            break  # a name ending its line ("Photo: X,"): the next line is no apposition
        if token.tag_ in {"WRB", "WDT", "WP", "WP$"}:
            # "in X, where the firm has worked": a clause about X, no apposition (but "X, a
            # maker that ...": the relative clause is the apposition's)
            return head
        if (token.is_punct and token.text not in {"-", "–"}) or token.pos_ in {"ADP", "AUX"} \
                or (token.pos_ == "VERB" and token.dep_ != "amod"):
            if head is not None and token.i == head.i + 1 and token.lemma_ in lx.CUE_VERBS:
                return None
            break
        if token.pos_ == "NOUN":
            head = token
    return head


def _head_noun_after(doc: Doc, last: Token) -> Token | None:
    """The descriptor a name modifies: "the NEU teaching union" → union.

    Read from the surface (lowercase words right after the name), since the
    small parser often takes such a word for a verb.
    """
    for token in doc[last.i + 1 : last.i + 3]:
        if not (token.is_lower and token.is_alpha):
            return None
        if token.lower_ in lx.ORG_DESCRIPTORS and token.pos_ == "NOUN":
            return token
    return None


# Those who work for or own a body, named after it ("Avanti West Coast managers").
_STAFF_NOUNS = frozenset("manager boss executive shareholder director staff employee "
                         "staffer".split())
# A centre or unit named for the work it does at desks is a body, not a building.
_DESK_HEADS = frozenset("centre center unit".split())
_DESK_WORKS = frozenset("research forecast forecasting policy studies advice information "
                        "monitoring".split())
_PLACE_OF_HEADS = frozenset("city town county borough district state republic kingdom".split())


# Last words of an operator's or a train maker's name ("Marcher Rail"). An article that
# also names its works by it ("the X Rail factory", "X Rail's plant") keeps one node for firm
# and works, typed by its other evidence, so that "the site" and "the plant" still find it.
_OPERATOR_TAILS = frozenset({"rail", "transit"})


def _names_a_site(tokens: list[Token]) -> bool:
    """Whether the article says the name before a works' noun, anywhere."""
    doc, words = tokens[0].doc, [t.text for t in tokens]
    for start in range(len(doc) - len(words)):
        if [t.text for t in doc[start : start + len(words)]] != words:
            continue
        k = start + len(words)
        if k < len(doc) and doc[k].text in _POSSESSIVE:
            k += 1
        if k < len(doc) and doc[k].lower_ in lx.FAC_DESCRIPTORS | lx.FAC_NAME_HEADS:
            return True
    return False


_STATION_CITY = 100_000  # people: a city with termini named "City Word"
_RAIL_WORDS = frozenset("train rail railway station platform concourse passenger commuter "
                        "service timetable terminus line".split())


def _city_station(tokens: list[Token]) -> bool:
    """A big city's name and one more word that is no place, no head of a body's, a site's
    or a club's name, no region's word and no given name, in a sentence about trains:
    a terminus named the way railways name them ("Kelvale Piccadilly", "London Euston"),
    not "Manchester United", "London Midland" nor "Glasgow Central" (left to the model)."""
    if len(tokens) != 2 or not tokens[1].text.istitle() or not tokens[1].is_alpha:
        return False
    word = tokens[1].lower_
    if town_population(tokens[0].text) < _STATION_CITY or is_place(tokens[1].text) \
            or word in _NAME_ENDS or word in lx.CLUB_HEADS or word in _REGION_WORDS \
            or word in lx.PLACE_NAME_HEADS or first_name_gender(tokens[1].text) is not None \
            or is_country(tokens[1].text) or word.endswith("s") or _played_as_a_club(tokens):
        return False  # (a plural is a club's nickname: "Kelvale Rhinos")
    return any(t.lemma_.casefold() in _RAIL_WORDS for t in sentence_of(tokens[0]))


# First words of hills' names in Scotland and Ireland. "Ben" is a man's name too, so a hill's
# only in a sentence about hills (_HILL_WORDS).
_HILL_LEADS = frozenset("Beinn Sgurr Slieve Sliabh Stob Meall Carn Cnoc".split())
_HILL_WORDS = frozenset("climb climber hillwalker walker hiker mountaineer summit peak ascent "
                        "descent slope ridge munro mountain hill crag trail path fell".split())


def _said_of_hills(token: Token) -> bool:
    return any(t.lemma_.casefold() in _HILL_WORDS for t in sentence_of(token))


def _vote_heads(votes: Counter[str], tokens: list[Token]) -> None:
    last = tokens[-1].lower_
    # "Port of Ardcross", "University of Kent": the word before "of" is the head.
    of = next((k for k, t in enumerate(tokens[1:-1], start=1) if t.lower_ == "of"), None)
    head = tokens[of - 1].lower_ if of is not None else ""
    if _ROAD.fullmatch("".join(t.text for t in tokens)):
        votes["FAC"] += 4
    elif _law_name(tokens) or head in lx.LAW_HEADS:
        votes["LAW"] += 4  # "the Working Time Regulations", "the X Act 1996", "Treaty of Y"
    elif len(tokens) > 1 and last in lx.POLICY_HEADS and tokens[-1].text.istitle() \
            and tokens[-2].text[:1].isupper():
        votes["LAW"] += 4  # "the Tasman Accord", "the X Strategy": a policy, no person
    elif _website(tokens[-1]):
        votes["ORG"] += 4
    elif len(tokens) > 1 and tokens[0].text in lx.CLUB_PREFIXES and _played_as_a_club(tokens):
        votes["ORG"] += 4  # "SS Caprona won 2-1", "FC Vetra's striker": a club
    elif len(tokens) == 1 and last in lx.BODY_NAMES and tokens[0].text[:1].isupper():
        votes["ORG"] += 3
    elif len(tokens) > 1 and last in lx.GENERATIONAL_SUFFIXES:
        votes["PERSON"] += 3
    elif len(tokens) > 2 and tokens[0].lower_ in lx.LOC_NAME_LEADS \
            and last in _BODY_OR_SITE_HEADS and last in lx.ORG_NAME_HEADS:
        votes["ORG"] += 3  # "Mount X Town Council", "Cape X Workers' Union": a body
        # (not "Lake X City", a town)
    elif len(tokens) > 1 and tokens[0].lower_ in lx.LOC_NAME_LEADS \
            and tokens[1].text[:1].isupper():
        votes["LOC"] += 3
    elif _city_station(tokens):
        votes["FAC"] += 4  # "London Euston", "at Manchester Piccadilly, queues for trains"
    elif len(tokens) == 2 and tokens[1].text.istitle() and (
            tokens[0].text in _HILL_LEADS
            or (tokens[0].text == "Ben" and _said_of_hills(tokens[0]))):
        votes["LOC"] += 4  # "Sgurr Dearg"; "climbing Ben Arrin", "Ben Arrin's summit"
    elif len(tokens) > 2 and tokens[0].lower_ in _PLACE_PREFIXES \
            and tokens[1].lower_ in lx.LOC_NAME_LEADS and tokens[2].text[:1].isupper():
        votes["LOC"] += 3  # "Upper Lough Erne", "Little Lake X"
    elif len(tokens) > 1 and tokens[0].lower_ in lx.EVENT_NAME_LEADS \
            and tokens[1].text[:1].isupper():
        votes["EVENT"] += 4
    elif len(tokens) > 1 and tokens[0].lower_ in lx.FAC_NAME_LEADS:
        votes["FAC"] += 4
    elif len(tokens) > 1 and tokens[0].text in lx.CAMPAIGN_VERBS \
            and tokens[1].text[:1].isupper():
        votes["ORG"] += 4  # "Save X Woods": a campaign group
    elif last in lx.ORG_NAME_HEADS | lx.FIRM_TAILS and len(tokens) > 1:
        votes["ORG"] += 3
    elif last in {"éireann", "eireann"} and len(tokens) > 1:
        votes["ORG"] += 4  # "Iarnród Éireann", "Met Éireann": Irish "of Ireland", a body's
    elif last in _OPERATOR_TAILS and len(tokens) > 1 and tokens[-1].is_title \
            and not _names_a_site(tokens):
        votes["ORG"] += 3  # "Marcher Rail", "Solent Coastway Rail": an operator or a maker
    elif last in lx.OUTLET_HEADS and len(tokens) > 1 and tokens[-1].is_title \
            and given_name_gender(tokens[0].text) is None and not _known_place(tokens):
        votes["ORG"] += 3  # "the Varrow Herald", "Tarn Valley Echo": a newspaper
    elif last in _DESK_HEADS and len(tokens) > 1 and tokens[-2].lower_ in _DESK_WORKS:
        votes["ORG"] += 3  # "the Orrin Research Centre", "X Policy Unit": a body
    elif _national_arm(tuple(t.text for t in tokens)) \
            and not _used_as_surname(tokens[0].doc, tokens[-1].text):
        votes["ORG"] += 3
    elif last in lx.FAC_NAME_HEADS and len(tokens) > 1:
        votes["FAC"] += 3
    elif last in lx.EVENT_NAME_HEADS and len(tokens) > 1:
        votes["EVENT"] += 3
    elif last in lx.LOC_NAME_HEADS and head in lx.ORG_NAME_HEADS | {"friends"}:
        votes["ORG"] += 3  # "the University of the Moors and Dales": a body's name
    elif last in lx.LOC_NAME_HEADS and len(tokens) > 1:
        votes["LOC"] += 3
    elif last in lx.PLACE_NAME_HEADS and len(tokens) > 1 and tokens[-1].text.istitle():
        if last in lx.CLUB_HEADS and _played_as_a_club(tokens):
            votes["ORG"] += 3  # "Kelvale County manager", "beat Kelvale County 2-0"
        else:
            votes["GPE"] += 3  # "Orrin County", "Hoxley Parish": an area's name
    elif head in _PLACE_OF_HEADS:
        votes["GPE"] += 3  # "City of Palmer", "County of Durham"
    elif head in lx.ORG_NAME_HEADS:
        votes["ORG"] += 3
    elif head in lx.FAC_NAME_HEADS and head != "house":  # "House of Lords" is a chamber
        votes["FAC"] += 3


# Last words of a hill's, a rock's or a headland's name that are surnames too ("Damon Hill",
# "Ann Head"): a landform only after a first word that is no given name.
_LANDFORM_HEADS = frozenset("hill rock head point ridge tor crag fell pike knoll ness cliff "
                            "cliffs sands dunes heath".split())


def _landform(tokens: list[Token]) -> bool:
    """Two words, the second a landform's ("Tansey Hill", "Skerry Rock"), said at a site, no
    speaker ("said Lister Point"), and the second not used alone for a person in the article
    ("Ms Hill said"). A first word that is a given name too ("Merry Hill", "Bell Rock") needs
    a site's own words: "at" or "near" (not "a letter from", "a report on"), or "lighthouse"
    or "summit" after it ("X lighthouse"), and "at" no look or shout aimed at someone
    ("glared at Mark Hill")."""
    if not (len(tokens) == 2 and tokens[1].lower_ in _LANDFORM_HEADS and tokens[1].is_title
            and tokens[0].is_title and tokens[0].is_alpha
            and tokens[1].head.lemma_ not in lx.CUE_VERBS and _at_a_site(tokens)
            and not _used_as_surname(tokens[0].doc, tokens[1].text)):
        return False
    if given_name_gender(tokens[0].text) is None:
        return True
    doc = tokens[0].doc
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    return (before is not None and before.lower_ in {"at", "near"}
            and before.head.lemma_ not in _AIMED_AT) \
        or (after is not None and after.lower_ in {"lighthouse", "summit"})


# Verbs that take a person after "at": "glared at X", "shouted at X".
_AIMED_AT = frozenset(
    "look glance stare glare shout yell scream swear laugh smile wink point aim fire throw "
    "hurl lash snap bark sneer jeer".split())


def _at_a_site(tokens: list[Token]) -> bool:
    """"at X", "near X", "on X", or "the X lighthouse": the name is said where things are."""
    doc = tokens[0].doc
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    return (before is not None and before.lower_ in {"at", "near", "on", "off", "from"}) or (
        after is not None and after.is_lower
        and after.lower_ in lx.FAC_DESCRIPTORS | {"lighthouse", "summit"})


# A match's score, not part of a longer run of numbers ("2024-25", "01-04-2025").
_SCORE = re.compile(r"(?<![\d–-])\d{1,2}[-–]\d{1,2}(?![\d–-])")


def _played_as_a_club(tokens: list[Token]) -> bool:
    """A football club named after its county or town ("Kelvale County"): one with its
    manager, players or fans right after the name, or in a sentence about a match (a score,
    "beat", "league", "striker"); a county has none of those."""
    doc, last = tokens[0].doc, tokens[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and after.text in _POSSESSIVE[:2] and last.i + 2 < len(doc):
        after = doc[last.i + 2]  # "Kelvale County's striker"
    if after is not None and after.lower_ in lx.CLUB_PEOPLE:
        return True
    # (each sentence read once: a list of counties in one sentence asked it for every one)
    found, score = per_sentence(last, "match words", _match_words)
    return (bool(found) and (found[0] < tokens[0].i or found[-1] > last.i)) or score


def _match_words(sentence: Span) -> tuple[list[int], bool]:
    """Where a sentence says a match is played (a score, "beat", "league"), and whether
    its text holds a score anywhere."""
    found = [t.i for t in sentence
             if t.lower_ in lx.MATCH_WORDS or _SCORE.fullmatch(t.text) is not None]
    return found, _SCORE.search(sentence.text) is not None


def _law_name(tokens: list[Token]) -> bool:
    """"the Habitats Directive", "the Employment Rights Act 1996": a law's head word last,
    or before its year, after a capitalised word. "Bill" is a given name too ("Uncle Bill",
    "Old Bill"), so a bill's name needs a law's shape besides (_bill_shaped)."""
    words = [t for t in tokens if not (t.is_digit and len(t) == 4)] if len(tokens) > 2 \
        else tokens
    return len(words) > 1 and words[-1].lower_ in lx.LAW_HEADS and words[-1].text.istitle() \
        and words[-2].text[:1].isupper() \
        and (words[-1].lower_ != "bill" or _bill_shaped(tokens, words[-1]))


# Words before a bill's name that make it one thing of a kind ("the X Bill", "Labour's X
# Bill", "this X Bill"), as no one's given name is written.
_LAW_DETERMINERS = frozenset("the this that its their his her our 's ’s".split())


def _bill_shaped(tokens: list[Token], head: Token) -> bool:
    """"the Renters Reform Bill", "the X (Amendment) Bill", "X Bill 2025", "Peers back Water
    Safety Bill" (a heading's last words): a bill, not a man called Bill with a word or
    a kin's title before ("Uncle Bill said")."""
    doc = head.doc
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if head.i > 0 and doc[head.i - 1].lower_ in lx.KIN_NOUNS:
        return False  # ("her Uncle Bill": a kin's title, whatever stands before it)
    if (before is not None and before.lower_ in _LAW_DETERMINERS) \
            or any(t.text in {"(", ")"} or (t.is_digit and len(t) == 4) for t in tokens) \
            or (after is not None and after.is_digit and len(after) == 4) \
            or {t.lower_ for t in tokens} & lx.LAW_WORDS:
        return True
    prefix = tokens[:-1]
    # (one word before it will do where the heading's verb takes the bill as its object,
    # "Councillors Reject Housing Bill": no man is called so)
    governed = before is not None and before in head.ancestors
    return (len(prefix) > 1 or (len(prefix) == 1 and governed)) and _in_heading(doc, head) \
        and (after is None or after.is_punct or after.is_space) \
        and not any(first_name_gender(t.text) is not None or t.lower_ in lx.KIN_NOUNS
                    or _honorific(t) for t in prefix)


# First words that make "X Ireland" a region's name, not a firm's national arm.
_REGION_WORDS = frozenset(
    "new north south east west northern southern eastern western central great greater upper "
    "lower mid middle inner outer rural coastal atlantic pacific baltic maritime".split()) \
    | lx.WORLD_REGIONS


def _national_arm(words: tuple[str, ...]) -> bool:
    """"Oskarsson UK", "Dorrance Ireland", "Ardmore Ireland": a name and then a country, read
    alone, is a firm's arm in that country unless its first word is a given name ("Eddie
    Jordan"; see _arm_shape for the rest)."""
    return _arm_shape(words) and _given_name(words) is None


@lru_cache(maxsize=4096)
def _arm_shape(words: tuple[str, ...]) -> bool:
    """A name and then a country that is not a place ("Northern Ireland", "Arctic Norway")
    nor a thing of the country ("the Constitution of Moldova", typed by its head).
    (Remembered: clustering asks it of every name of every pair of clusters.)"""
    name = " ".join(words)
    return len(words) >= 2 and (is_country(words[-1]) or _country({(words[-1].casefold(),)})
                                is not None) \
        and not is_place(name) and name.casefold() not in lx.WORLD_REGIONS \
        and words[0].casefold() not in _REGION_WORDS \
        and not any(w.casefold() == "of" for w in words)


def _used_as_surname(doc: Doc, word: str) -> bool:
    """"England said ...", "Ms England": the article uses a country's name alone for a person,
    so "Chidinma England" is that person, not a firm's English arm."""
    for token in doc:
        if token.text != word:
            continue
        before = doc[token.i - 1] if token.i > 0 else None
        if before is not None and _honorific(before):
            return True
        if before is not None and before.text[:1].isupper() and before.pos_ == "PROPN":
            continue  # inside a longer name: "Enterprise Ireland"
        if token.ent_type_ == "PERSON" or (
                token.dep_ == "nsubj" and token.head.lemma_ in lx.CUE_VERBS):
            return True
    return False


def _vote_label(votes: Counter[str], label: str | None, tokens: list[Token],
                honorific: bool) -> None:
    if label is None:
        return
    if label == "PERSON" and not honorific and (
        (len(tokens) == 1 and not _given_name_alone(tokens[0]))
        or _hyphened_word(tokens) or any(_DIGIT.search(t.text) for t in tokens)
    ):
        # A lone capitalised word is a person only if the article also gives a
        # first name or an honorific; decided when clusters are merged.
        votes["PERSON?"] += 1
        return
    votes[label] += 1


# What a town has, said after its name: "the X council" is the town's council.
_PLACE_INSTITUTIONS = frozenset("council hospital school college university police court".split())


def _known_place(tokens: list[Token]) -> bool:
    name = " ".join(t.text for t in tokens)
    return is_place(name) or town_population(name) > 0


def _owns_a_site(doc: Doc, possessive: Token) -> bool:
    """"X's plant", "X's Mossbank factory": the thing owned is a works, within three words."""
    for token in doc[possessive.i + 1 : possessive.i + 4]:
        if token.is_lower and token.lower_ in lx.FAC_DESCRIPTORS:
            return token.lower_ not in {"school", "hospital", "station", "airport", "campus",
                                        "ground", "stadium", "prison"}
        if not token.text[:1].isupper():
            return False
    return False


# What only a firm has, after its name and a possessive ("X's UK subsidiary", "X's shares").
_FIRMS_OWN = frozenset({("subsidiary",), ("subsidiaries",), ("shareholders",), ("shares",),
                        ("chief", "executive"), ("ceo",), ("chairman",), ("chairwoman",),
                        ("founder",), ("parent",), ("share", "price")})


def _firms_own(doc: Doc, possessive: Token) -> bool:
    """What follows "X's", within one capitalised word ("X's UK subsidiary"), is a firm's."""
    for start in (possessive.i + 1, possessive.i + 2):
        if start > possessive.i + 1 and not doc[possessive.i + 1].text[:1].isupper():
            break
        for part in _FIRMS_OWN:
            end = start + len(part)
            if end <= len(doc) and tuple(t.lower_ for t in doc[start:end]) == part:
                return True
    return False


def _capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _given_name(words: tuple[str, ...]) -> str | None:
    """The gender of the given name a name starts with, if it does: not "Ardmore Ireland", an
    acronym that is spelt like a given name, but "JOHN SMITH" in a line of capitals."""
    if _capitals(words[0]) and not all(_capitals(w) for w in words):
        return None
    parts = words[0].split("-")
    if len(parts) == 2 and all(parts):
        # "Jean-François", "Marc-André": two given names joined
        genders = [first_name_gender(part) for part in parts]
        return genders[0] if None not in genders else None
    return first_name_gender(words[0])


def _hyphened_word(tokens: list[Token]) -> bool:
    """"Tanaka-Hoshi": one word of two capitalised halves joined by a hyphen, neither a
    man's nor a woman's given name ("Jean-Paul" is); alone like a single word (a firm's name
    as often as a surname)."""
    return len(tokens) == 3 and tokens[1].text in {"-", "‑"} \
        and not tokens[0].whitespace_ and not tokens[1].whitespace_ \
        and all(t.is_title and t.is_alpha and not first_name_gender(t.text)
                for t in (tokens[0], tokens[2]))


def _given_name_alone(token: Token) -> bool:
    """"Imelda", "Craig": a given name the model calls a person, not "the Lyric" (a theatre)
    nor "Ostrand's UK managing director" (a firm with a Norwegian name and its officer)."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return not _capitals(token.text) and first_name_gender(token.text) is not None \
        and not (before is not None and before.pos_ == "DET") \
        and not (after is not None and after.text in _POSSESSIVE)


# Vehicles a maker sells by a model's name ("eight Nimbus trains", "a fleet of Lynx trams").
# ("coach" is as often a team's: "the fifth NBA head coach")
_VEHICLES = frozenset("train tram bus locomotive unit aircraft jet plane airliner car van "
                      "truck lorry tractor model platform".split())
_MODEL_MODIFIERS_MAX = 2  # "Streetglide hydrogen buses", "X battery-electric trains"


def _model_of_vehicles(doc: Doc, tokens: list[Token]) -> bool:
    """A name before a vehicle's noun, counted or owned ("14 new Lynx trams", "its X buses",
    "60 Class 812 trains", "the X platform"): a model the maker sells, not an operator's
    fleet ("Northern trains were cancelled": no count, no owner) nor a town's buses."""
    first, last = tokens[0], tokens[-1]
    k = last.i + 1
    while k < len(doc) and k - last.i <= _MODEL_MODIFIERS_MAX and doc[k].is_lower \
            and doc[k].lemma_ not in _VEHICLES and (doc[k].pos_ in {"ADJ", "NOUN"}
                                                    or doc[k].text == "-"):
        k += 1
    if k >= len(doc) or not doc[k].is_lower or doc[k].lemma_ not in _VEHICLES \
            or _known_place(tokens):
        return False
    j = first.i - 1
    while j >= 0 and doc[j].lower_ in {"new", "more", "further", "extra", "additional"}:
        j -= 1
    return j >= 0 and ((doc[j].like_num and doc[j].pos_ == "NUM")  # (not "the fifth X")
                       or doc[j].lower_ in {"its", "their", "of"}
                       or doc[j].text in _POSSESSIVE[:2]
                       or (doc[j].lower_ == "the" and doc[k].lemma_ in {"model", "platform"}))


def _said_to_be_a_model(doc: Doc, tokens: list[Token]) -> bool:
    """"a 40-foot model called the X", "a bus named X": a vehicle's noun, then "called" or
    "named", then the name; or "The X is a three-carriage train": the name is said to be
    one vehicle (a model's name, not its maker's)."""
    first, last = tokens[0], tokens[-1]
    j = first.i - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j >= 1 and doc[j].lower_ in {"called", "named"} and doc[j - 1].lemma_ in _VEHICLES \
            and doc[j - 1].is_lower:
        return True
    if last.dep_ != "nsubj" or last.head.lemma_ != "be":
        return False
    return any(child.dep_ == "attr" and child.lemma_ in _VEHICLES and child.is_lower
               and any(d.lower_ in {"a", "an"} for d in child.children)
               for child in last.head.children)


# Lowercase nouns after a river's bare name that make it the river's ("the Tay estuary").
_RIVER_PARTS = frozenset("river estuary catchment tributary floodplain delta".split())


def _in_a_longer_name(doc: Doc, words: list[str]) -> bool:
    """Whether the article writes these words inside a longer capitalised name."""
    n = len(words)
    for start in range(len(doc) - n + 1):
        if [t.text for t in doc[start : start + n]] != words:
            continue
        before = doc[start - 1] if start > 0 else None
        after = doc[start + n] if start + n < len(doc) else None
        if (after is not None and after.text.istitle() and not after.is_sent_start) \
                or (before is not None and before.text.istitle() and not before.is_sent_start):
            return True
    return False


def _said_of_a_river(doc: Doc, tokens: list[Token]) -> bool:
    """"the Tay estuary", "the Noyyal river", "the Severn burst its banks", "the Wey's
    banks", "the banks of the Ouse": a river, whatever a town or a person shares its name."""
    first, last = tokens[0], tokens[-1]
    if first.is_sent_start or any(t.pos_ != "PROPN" and dictionary_word(t.text) for t in tokens):
        return False  # "Tidal river levels", "Local river groups": a word, no river's name
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and after.is_lower and after.lower_ in _RIVER_PARTS:
        # (not "Tring river levels"; nor a short form of a longer name the article has, "the
        # Orra estuary" beside "the Orra Estuary Partnership": that name's to claim it)
        return first.i > 0 and doc[first.i - 1].lower_ == "the" \
            and not _in_a_longer_name(doc, [t.text for t in tokens])
    if after is not None and after.text in _POSSESSIVE[:2] and last.i + 2 < len(doc) \
            and doc[last.i + 2].lower_ == "banks":
        return True
    if last.dep_ == "nsubj" and last.head.lemma_ == "burst" \
            and any(c.lower_ == "banks" for c in last.head.children):
        return True
    return first.i >= 3 and [t.lower_ for t in doc[first.i - 3 : first.i]] == \
        ["banks", "of", "the"]


def _vote_context(doc: Doc, votes: Counter[str], descriptors: set[str],
                  tokens: list[Token]) -> None:
    first, last = tokens[0], tokens[-1]
    # Descriptors just before the name: "train builder X", "Transport Secretary X".
    for k in (1, 2):
        if first.i - k < 0:
            break
        word = doc[first.i - k]
        if word.is_punct or word.is_space or word.pos_ in {"ADP", "VERB", "AUX"} \
                or word.lower_ in {"the", "a", "an", "of"}:
            break  # "the business in X", "the team fired X": the descriptor is another thing's
        if word.lower_ in lx.ORG_DESCRIPTORS and word.pos_ == "NOUN":
            votes["ORG"] += 3
            descriptors.add(word.lower_)
        elif word.lower_ in lx.ROLE_NOUNS or (k == 1 and word.lower_ in _KIN_BEFORE):
            if (len(tokens) == 1 or last.lower_ not in lx.ORG_NAME_HEADS) \
                    and word.lower_ not in _ROLES_FIRMS_HOLD:
                votes["PERSON"] += 3  # (not "owner X Metals": a firm that owns)
            break
    # Right after: "X-based", "X, a company", "X union" (descriptor already stripped).
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and after.text in _POSSESSIVE[:2] and last.i + 2 < len(doc) \
            and doc[last.i + 2].lower_ == "council" and _known_place(tokens):
        votes["GPE"] += 2  # "Bedale's council tax": the town's council
    elif after is not None and after.text in _POSSESSIVE[:2] and (
            _owns_a_site(doc, after) or _firms_own(doc, after)) and not _known_place(tokens):
        # "Varnholt's Mossbank plant": a firm that owns a works; "Kallmerra's UK subsidiary",
        # "X's chief executive": what only a firm has
        votes["ORG"] += 3
    if after is not None and after.text in {"-", "–"} and last.i + 2 < len(doc) \
            and doc[last.i + 2].lower_ in _HOME_PARTICIPLES:
        votes["GPE"] += 3
    elif _home_before_a_named_kind(tokens):
        votes["GPE"] += 3  # "Tring dairy farmer X", "the Amble software firm X"
    elif (modified := _head_noun_after(doc, last)) is not None \
            and modified.lower_ in lx.ORG_DESCRIPTORS:
        if first.i > 0 and doc[first.i - 1].lower_ in {"a", "an"}:
            votes["GPE"] += 2  # "a X bus maker": X says where the maker is, not its name
        elif modified.lower_ in _PLACE_INSTITUTIONS and _known_place(tokens):
            votes["GPE"] += 2  # "the Tring hospital", "Amble council": the town's
        else:
            votes["ORG"] += 3
            descriptors.add(modified.lower_)
    elif after is not None and _workplace_word(after) and not _known_place(tokens) \
            and not (first.i > 0 and doc[first.i - 1].lower_ == "the"):
        votes["ORG"] += 3  # "Varnholt plant manager X": the firm whose plant she runs
        # (not "the Quarrendon mine manager", the mine's own name)
    elif after is not None and after.lower_ in lx.FAC_DESCRIPTORS and after.is_lower:
        votes["FAC"] += 2
        descriptors.add(after.lower_)
    elif _area_after(after):
        votes["GPE"] += 3  # "Akhal province", "the Lebap region": an area's name
    elif after is not None and after.is_lower and after.lemma_ in _STAFF_NOUNS \
            and after.pos_ == "NOUN" and not _known_place(tokens):
        # "X managers", "X shareholders": a place has none, an employer does
        votes["ORG"] += 4
        votes["GPE"] -= 1
        votes["LOC"] -= 1
    elif after is not None and after.is_lower and not _known_place(tokens) \
            and _firms_office(doc[after.i : after.i + 2]):
        votes["ORG"] += 3  # "X managing director Y", "X chief executive Y": a firm's officer
        votes["GPE"] -= 1
    if _model_of_vehicles(doc, tokens):
        votes["PRODUCT"] += 2  # "eight Nimbus trains", "its Streetglide hydrogen buses"
    if _said_to_be_a_model(doc, tokens):
        votes["PRODUCT"] += 3  # "a model called the X", "The X is a three-carriage train"
    if _said_of_a_river(doc, tokens):
        votes["LOC"] += 4  # "the Tay estuary", "the Severn burst its banks"
    if _region_in_the_plural(doc, tokens):
        votes["LOC"] += 4  # "across the Wolds", "off the Marrens": a region's name
    if _checked_into(doc, first):
        votes["FAC"] += 3
    if _run_by(doc, first):
        votes["ORG"] += 4  # "services run by X": an operator; a place runs nothing
        votes["GPE"] -= 2
        votes["LOC"] -= 2
    # "X, a parent," / "X, the Basel-based manufacturer,": the apposition says what X is.
    appositive = _apposition_head(doc, last)
    # (a trade a person may ply too says nothing against a given name: "the developer, Tom
    # Vance,", "Tom Vance, a local builder,")
    named = len(tokens) >= 2 and _given_name(tuple(t.text for t in tokens)) is not None
    if appositive is not None and not (named and appositive.lower_ in _PEOPLES_TRADES):
        if appositive.lower_ in lx.ORG_DESCRIPTORS:
            votes["ORG"] += 3
            descriptors.add(appositive.lower_)
        elif (appositive.lower_ in lx.ROLE_NOUNS or appositive.lemma_ in lx.PERSON_NOUNS) \
                and appositive.lower_ not in _ROLES_FIRMS_HOLD:
            votes["PERSON"] += 3
        elif appositive.lower_ in _SETTLEMENTS and not any(
                t.tag_ in {"WP$", "WDT", "WP"} for t in doc[last.i + 2 : appositive.i]):
            votes["GPE"] += 3  # "X, a market town in Y," (not "X, the iwi whose town")
    noun_before = doc[first.i - 2] if first.i >= 2 and doc[first.i - 1].text == "," else None
    if noun_before is not None and noun_before.lower_ not in _ROLES_FIRMS_HOLD and (
            noun_before.lower_ in lx.ROLE_NOUNS or noun_before.lemma_ in lx.PERSON_NOUNS
            or noun_before.lower_ in _KIN_BEFORE):
        votes["PERSON"] += 3  # "A parent, X," / "Its president, X," / "his brother, X"
    elif noun_before is not None and noun_before.lower_ in lx.ORG_DESCRIPTORS \
            and noun_before.pos_ == "NOUN" and noun_before.dep_ != "pobj" \
            and not (named and noun_before.lower_ in _PEOPLES_TRADES):
        votes["ORG"] += 3  # "A second union, X," / "the builder, X,"
        # (not "the leader on the council, X": X renames the phrase's head)
        descriptors.add(noun_before.lower_)
    if _person_context(doc, first, last) or _people_paired(tokens):
        votes["PERSON"] += 3
    # "Springfield, Illinois": a place followed by its state or country; or by the state's
    # letters ("DUNMORROW, Pa. —", a dateline).
    if after is not None and after.text == "," and last.i + 2 < len(doc):
        region = doc[last.i + 2]
        if (region.pos_ == "PROPN" and is_place(region.text) and not is_place(
                " ".join(t.text for t in tokens)) and region.ent_type_ in {"GPE", ""}) \
                or (region.lower_ in _ABBREVIATED_REGIONS and region.text[:1].isupper()):
            votes["GPE"] += 3
    if _home_after_an_age(doc, first):
        votes["GPE"] += 3  # "Jo Pike, 59, of Tarnby": where she lives
    # "from X to Y": both are places.
    if first.i > 0 and doc[first.i - 1].lower_ == "to" \
            and any(t.lower_ == "from" for t in doc[max(0, first.i - 6) : first.i - 1]):
        votes["GPE"] += 1.5
    # "in X", "across X": a place, unless the name itself says otherwise.
    head = last
    while head.dep_ == "compound" and head.head.i != head.i and head.head.i <= last.i + 1:
        head = head.head
    head = _first_conjunct(head)  # "from Tullyvane, Ardcross and X": the first of the list says
    if head.dep_ == "pobj" and (head.head.lower_ in lx.PLACE_PREPOSITIONS or (
            head.head.lower_ == "to" and head.head.head.lemma_.lower() in lx.JOURNEY_WORDS)):
        votes["GPE"] += 1.5
    elif head.dep_ == "pobj" and head.head.lower_ == "of" \
            and head.head.head.lemma_ in lx.PLACE_OF_NOUNS:
        # "residents of X", "the mayor of X"; "the town of X" says what X is outright
        kind = head.head.head
        votes["GPE"] += 4 if kind.lemma_ in _PLACE_KINDS and kind.tag_ == "NN" \
            and kind.i + 2 == first.i else 2
    if last.dep_ == "nsubj" and last.head.lemma_ == "employ" \
            and first_name_gender(first.text) is None:
        votes["ORG"] += 3  # "X employs 2,000 people": an employer, not a place
        votes["GPE"] -= 1
    # "X said", "X told": speakers are people or organisations, not places.
    if last.dep_ in {"nsubj", "nsubjpass"} and last.head.lemma_ in lx.CUE_VERBS:
        votes["GPE"] -= 1
        votes["LOC"] -= 1


def _home_after_an_age(doc: Doc, first: Token) -> bool:
    """"Name, 59, of X": a person's age, then "of" and where the person lives."""
    k = first.i
    return k >= 5 and doc[k - 1].lower_ == "of" and doc[k - 2].text == "," \
        and doc[k - 3].like_num and doc[k - 4].text == "," and doc[k - 5].pos_ == "PROPN"


# Prepositions of ground covered ("across the Wolds", "off the Skerries"); "in the Xs" and
# "on the Xs" name a building or a body as often (measured: on a held-out set "in" and "on"
# cost a name).
_REGION_PREPOSITIONS = frozenset("across throughout over off through along".split())


def _region_in_the_plural(doc: Doc, tokens: list[Token]) -> bool:
    """"across the Wolds", "off the Marrens": one plural word after "the" and a preposition of
    ground covered, no place the gazetteer knows (those it types itself), no body ("the
    Commons"), party ("the Greens"), paper ("the Times"), building's head or people ("the
    Lords")."""
    if len(tokens) != 1 or tokens[0].i < 2:
        return False
    word = tokens[0]
    lower = word.lower_
    singular = lower[:-1]
    if not (word.text[:1].isupper() and word.is_alpha and lower.endswith("s")
            and not lower.endswith("ss") and len(lower) > 3):
        return False
    if doc[word.i - 1].lower_ != "the" or doc[word.i - 2].lower_ not in _REGION_PREPOSITIONS:
        return False
    return not (_known_place(tokens) or lower in lx.BODY_NAMES or word.text in lx.PARTY_WORDS
                or word.text in lx.PARTY_NAMES or lower in lx.OUTLET_HEADS
                or lower in _GENERIC or singular in _NAMED_HEADS or singular in lx.ROLE_NOUNS
                or singular in lx.TITLE_WORDS or singular in lx.HONORIFICS
                or singular in lx.DEMONYMS)


# "X-based", "X-born": what a place is to a firm or a person from it.
_HOME_PARTICIPLES = frozenset("based born bred raised".split())
# Roles a firm holds as often as a person ("the plant's owner, X", "administrators X").
_ROLES_FIRMS_HOLD = frozenset("owner partner landlord tenant administrator adviser advisor "
                              "consultant".split())
# Verbs whose agent ("run by X") is the body that runs a service or a site.
_OPERATING_VERBS = frozenset("run operate manage".split())


def _run_by(doc: Doc, first: Token) -> bool:
    """"trains run by X", "the site, operated by X": X is an operator, unless a given name
    or the model says a person ("a shop run by Ann Lee")."""
    return first.i >= 2 and doc[first.i - 1].lower_ == "by" \
        and doc[first.i - 2].tag_.startswith("VB") and doc[first.i - 2].lemma_ in _OPERATING_VERBS \
        and first.ent_type_ != "PERSON" and first_name_gender(first.text) is None


def _named_for_a_leader(last: Token) -> bool:
    """"the X administration", "an X-era rule", "the X presidency": a time or a government
    called after the person who led it (asked only of names the model calls people, so not
    "the Labour administration")."""
    doc = last.doc
    after = doc[last.i + 1 : last.i + 3]
    if after and after[0].text in {"-", "–"} and not last.whitespace_:
        after = after[1:]
    return bool(after) and after[0].is_lower and after[0].lower_ in lx.LEADERS_TIMES


_KIND_WORDS_MAX = 3  # "groundworks firm", "dairy farmer", "grain grower"


def _home_before_a_named_kind(tokens: list[Token]) -> bool:
    """"Tring dairy farmer Ann Lee", "Amble groundworks firm Orrin Civils", "the Tring
    software firm X": a known town before a lower-case kind of firm or person and that one's
    name says where it is from; the kind is the name's after it, not the town's."""
    doc, last = tokens[0].doc, tokens[-1]
    k = last.i + 1
    while k < len(doc) and k - last.i <= _KIND_WORDS_MAX and doc[k].is_lower \
            and doc[k].is_alpha:
        k += 1
    if k == last.i + 1 or k >= len(doc) or doc[k - 1].pos_ != "NOUN" \
            or not (doc[k].is_title and doc[k].pos_ == "PROPN"):
        return False
    if first_name_gender(tokens[0].text) is not None:
        return False
    # (a town too small for the gazetteer, where the kind is one a place has and an
    # employer does not: "Tarrowin grain grower X", not "Grocemart store manager X")
    return _known_place(tokens) or (doc[k - 1].lemma_ in _HOME_KINDS and not any(
        dictionary_word(t.text) for t in tokens))


# People named by where they live and what they do there, not by whom they work for.
_HOME_KINDS = frozenset("farmer grower resident mum dad mother father pensioner villager "
                        "shopkeeper publican landowner breeder fisherman crofter".split())


def _area_after(after: Token | None) -> bool:
    """A lower-case area noun right after a name that is no body's ("X province", but not "the
    X district council")."""
    if after is None or not after.is_lower or after.lower_ not in lx.AREA_NOUNS:
        return False
    doc = after.doc
    return after.i + 1 >= len(doc) or doc[after.i + 1].lower_ not in lx.ORG_DESCRIPTORS


def _checked_into(doc: Doc, first: Token) -> bool:
    """"checked herself into X", "checked out of X", "admitted to X", "her stay at X",
    "a check-in to X": a building that takes people in (lexicon.CHECK_IN_WORDS)."""
    k = first.i - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1
    if k >= 0 and doc[k].lemma_ == "enter" and doc[k].pos_ == "VERB":
        return True  # "she never entered X"
    if k < 1 or doc[k].lower_ not in {"into", "to", "at", "of"}:
        return False
    if doc[k].lower_ == "of" and doc[k - 1].lower_ != "out":
        return False
    before = doc[max(0, k - 4) : k]
    words = {t.lemma_.lower() for t in before} | {"".join(t.lower_ for t in before[-3:])}
    return bool(words & lx.CHECK_IN_WORDS)


# Kin nouns that stand before a name ("my wife X", "his brother, X"); not "the family X".
_KIN_BEFORE = lx.KIN_NOUNS - {"family", "parents", "children", "kids", "agent", "lawyer",
                              "attorney", "publicist"}


def _person_context(doc: Doc, first: Token, last: Token) -> bool:
    """What is said only of people: "X, 28,", "X's wife", "X ... his contract", "X said he",
    "X, who"."""
    after = doc[last.i + 1 : last.i + 4]
    if after and after[0].text.rstrip(".") in lx.POST_NOMINALS and last.i > first.i \
            and (first.i == 0 or doc[first.i - 1].pos_ not in {"DET", "PRON"}):
        return True  # "Jo Pike MP" where the model stopped before the letters, not "the X MP"
    if len(after) >= 3 and after[0].text == "," and after[1].like_num \
            and after[1].text.isdigit() and 0 < int(after[1].text) < 110 \
            and after[2].text in {",", ".", ";"}:
        return True
    if len(after) >= 2 and after[0].text in _POSSESSIVE[:2] and after[1].lower_ in lx.KIN_NOUNS:
        return True
    if _who_after(last):
        return True  # "X, who has hosted ...": organisations are "which"
    if last.dep_ != "nsubj" or last.head.pos_ not in {"VERB", "AUX"}:
        return False
    if last.head.lemma_ in lx.CUE_VERBS and any(
            c.dep_ == "ccomp" and any(w.dep_ in {"nsubj", "nsubjpass"} and w.lower_ in {"he", "she"}
                                      and w.i <= last.head.i + 2 for w in c.children)
            for c in last.head.children):
        return True  # "X said (that) he was ...": a firm says "it" or "we"
    # "X signed his contract", "X hurt herself": only the verb's own object, since a his/her
    # further down ("X learned of his activities") is as often someone else's.
    for child in last.head.children:
        if child.dep_ == "dobj" and child.i > last.i and (
                child.lower_ in {"himself", "herself"}
                or any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in child.children)):
            return True
    return False


def _people_paired(tokens: list[Token]) -> bool:
    """"said Zell and Tarrow": a lone name the model calls a person, joined by "and" to
    another lone name it calls a person, the two speaking. A firm's name is rarely tagged so
    twice over."""
    if len(tokens) != 1 or tokens[0].ent_type_ != "PERSON" or _known_place(tokens):
        return False
    word = tokens[0]
    pair = [word.head] if word.dep_ == "conj" else []
    pair += [c for c in word.children if c.dep_ == "conj"]
    first = min([word, *pair], key=lambda t: t.i)
    if first.dep_ != "nsubj" or first.head.lemma_ not in lx.CUE_VERBS:
        return False  # (only speakers: towns, too, are read as people in pairs)
    return any(t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and t.text[:1].isupper()
               and not _known_place([t])
               and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I")
               and any(c.lower_ == "and" for c in t.doc[min(t.i, word.i) : max(t.i, word.i)])
               for t in pair)


def _who_after(last: Token) -> bool:
    """"X, who has ...": a relative "who" right after the name, with a singular verb, where
    the name is no preposition's object ("councillors from X, who have ..." are the
    councillors) and has no head of a body or place."""
    doc = last.doc
    if last.i + 2 >= len(doc) or doc[last.i + 1].text != "," or doc[last.i + 2].lower_ != "who" \
            or last.dep_ == "pobj" or last.lower_ in _NAMED_HEADS | _AREA_WORDS:
        return False
    clause = doc[last.i + 2].head
    return clause.dep_ == "relcl" and clause.head.i == last.i \
        and not any(t.tag_ == "VBP" for t in (clause, *clause.children))


_TOWNSPEOPLE = frozenset("mayor residents townspeople townsfolk villagers ratepayers".split())
_ABBREVIATED_REGIONS = frozenset().union(*lx.REGION_ABBREVIATIONS.values())


# Parts only a town has, said after its name: "X's high street", "X town centre".
_TOWN_PARTS = frozenset({("high", "street"), ("town", "centre"), ("town", "center"),
                         ("city", "centre"), ("outskirts",), ("streets",), ("seafront",),
                         ("market", "square")})


def _townspeople_after(doc: Doc, last: Token) -> bool:
    """"X's mayor", "X residents": the people of a town after its name; or a part of the town,
    "X's high street", "X town centre", where it is what is spoken of ("the Grocemart high street
    store" is a firm's store)."""
    k = last.i + 1
    if k < len(doc) and doc[k].text in _POSSESSIVE[:2]:
        k += 1
    if k < len(doc) and doc[k].lower_ in _TOWNSPEOPLE and doc[k].is_lower:
        return True
    for part in _TOWN_PARTS:
        end = k + len(part)
        if end <= len(doc) and tuple(t.text for t in doc[k:end]) == part \
                and (end == len(doc) or doc[end].pos_ not in {"NOUN", "PROPN"}):
            return True
    return False


def _region_after_a_place(doc: Doc, tokens: list[Token]) -> bool:
    """"Gundaroo, NSW": a region's abbreviation after a name and a comma."""
    first = tokens[0]
    return len(tokens) == 1 and first.lower_ in _ABBREVIATED_REGIONS and first.i >= 2 \
        and doc[first.i - 1].text == "," and doc[first.i - 2].pos_ == "PROPN"


def _which_after(last: Token) -> bool:
    """"X, which has ...": a relative "which" right after the name, its clause the name's."""
    doc = last.doc
    if last.i + 2 >= len(doc) or doc[last.i + 1].text != "," \
            or doc[last.i + 2].lower_ != "which":
        return False
    clause = doc[last.i + 2].head
    return clause.dep_ == "relcl" and clause.head.i == last.i


def _vote_gazetteer(cluster: _Cluster) -> None:
    name = " ".join(max(cluster.names, key=len))
    if cluster.honorific:
        return
    if name.casefold().removeprefix("the ") in lx.WORLD_REGIONS or is_landscape(name):
        cluster.votes["LOC"] += 4
    elif is_country(name):
        cluster.votes["GPE"] += 4
    elif is_place(name):
        cluster.votes["GPE"] += 2.5
    elif town_population(name) and not (
            cluster.votes["GIVEN_NAME"] or cluster.votes["PERSON"] > 0 or cluster.votes["ORG"] > 0):
        # Small towns share their names with people, firms and common words ("Amble",
        # "Stanley Homes", "Church"): a town only where the text also hints at a place and
        # nothing says person or organisation; listed with places ("at X and Y"), more so,
        # where the model saw a name at all (not "Commerce and Industry", which towns are too)
        if sum(cluster.model.values()) > 0:
            cluster.votes["GPE"] += 2 * cluster.listed
        if _place_hinted(cluster, name):
            cluster.votes["GPE"] += 2


def _place_hinted(cluster: _Cluster, name: str) -> bool:
    """"in X", "X-based", "tests at X", the model's GPE or LOC, or a name of two words or
    more."""
    return cluster.votes["GPE"] > 0 or cluster.model["GPE"] + cluster.model["LOC"] > 0 \
        or len(name.split()) > 1 or cluster.sites > 0


# --- merging ----------------------------------------------------------------------------

# Words for a person's family: where a story has them, "Mr X" after "Edna X" may be her
# husband, not her. (Without them, an honorific at odds with a given name is more often a
# slip or a misread name than another person.)
_KIN = re.compile(r"\b(?:husband|wife|son|daughter|father|mother|brother|sister|widow|widower"
                  r"|sons|daughters|brothers|sisters|grandson|granddaughter|grandfather"
                  r"|grandmother|parents|mum|dad|spouse)\b", re.IGNORECASE)


def _cluster(candidates: list[_Candidate], *, kin: bool = False) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, ...], _Cluster] = {}
    surnames = _Surnames()
    for c in candidates:
        key = lookup = tuple(t.casefold() for t in c.tokens)
        cluster = by_key.get(key)
        if kin and cluster is not None and _other_sex(c, cluster):
            # "Mr Hollis" after "Edna Hollis ... her husband": him, under a key of his own
            lookup = (*key, f"({c.gender})")
            cluster = by_key.get(lookup)
        titled = _titled_surname(c, key, cluster, surnames)
        cluster = titled or cluster or _antecedent(c, key, clusters, surnames, kin=kin)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
        cluster.keys.add(key)
        surnames.add(cluster, key)
        if titled is None:
            by_key[lookup] = cluster
        cluster.spans.append((c.start, c.end, c.text))
        cluster.names.append(c.tokens)
        cluster.votes.update(c.votes)
        if _surname_of_person(key, cluster):
            # The small model labels a lone surname ORG or GPE as often as not; after the
            # full name ("Barry X" ... "X said") its label is no evidence against the person.
            cluster.model["PERSON"] += c.model["PERSON"]
        else:
            cluster.model.update(c.model)
            if c.ner:
                cluster.ner[c.ner] += 1
        cluster.descriptors |= c.descriptors
        cluster.gender = cluster.gender or c.gender
        cluster.honorific = cluster.honorific or c.honorific
        cluster.sites += c.site
        cluster.definite += c.definite
        cluster.placed += c.placed
        cluster.counted += c.counted
        cluster.kind_marked += c.kind_marked
        cluster.in_headings += c.in_heading
        cluster.positional += c.positional
        cluster.noun_shaped += c.noun_shaped
        cluster.speaking += c.speaking
        cluster.listed += c.listed
        cluster.worked += c.worked
        cluster.party = cluster.party or c.party
        if c.expands:
            cluster.expands.add(c.expands)
        cluster.last_seen = c.start
    # Surname clusters seen before the full name ("Okolie" in a headline).
    merged: list[_Cluster] = []
    for cluster in clusters:
        target = None
        if all(len(k) == 1 for k in cluster.keys):
            (key,) = tuple(cluster.keys)[:1]
            target = _surname_owner(key[0], surnames)  # (no owner: its names are one word)
            if target is not None and kin and _other_sex(cluster, target):
                target = None  # (her husband, "Mr Hollis", kept apart above)
            if target is not None and _person_like(target) \
                    and (firm := _founders_firm(cluster, target, clusters)) is not None:
                _absorb(firm, cluster)
                continue
        elif all(k[0] in lx.SURNAME_PARTICLES for k in cluster.keys):
            target = _particle_surname_owner(max(cluster.keys, key=len),
                                             [c for c in clusters if c is not cluster])
        if target is not None and _person_like(target):
            _absorb(target, cluster)
            for key in cluster.keys:
                surnames.add(target, key)
        else:
            merged.append(cluster)
    # Short forms of organisation and facility names ("Hexley" for "Hexley Athletic FC",
    # "Lyric" for "the Dunbarrow Lyric"), unless the short form is a place of its own.
    result: list[_Cluster] = []
    ends = _NameEnds()
    for cluster in merged:
        ends.add(cluster)
    legal = _legal_names(merged)
    for cluster in merged:
        if (firm := _legal_name_of(cluster, legal)) is not None:
            _absorb(firm, cluster)  # "Varrow Plating" for "Varrow Plating Ltd"
            ends.add(firm)
            continue
        named_as = cluster.ner.most_common(1)[0][0] if cluster.ner else None
        # (a lone word the model calls a person but nothing else does, and no town's name,
        # is a firm's short form: "Tillerby" for "Tillerby Metals", not "Wasilla" for "Wasilla
        # Bible Church")
        unnamed = named_as == "PERSON" and not _person_evidence(cluster) \
            and not town_population(" ".join(cluster.names[0]))
        longer = None if not (named_as in {"ORG", "FAC"} or unnamed) or _place_like(cluster) \
            or _decide_type(cluster) in {"GPE", "LOC"} else _long_form(cluster, ends)
        if longer is not None and unnamed and not any(
                k[-1] in lx.ORG_NAME_HEADS for k in longer.keys):
            longer = None
        if longer is None and 2 * cluster.sites > len(cluster.spans):
            longer = _site_named_after(cluster, [c for c in merged if c is not cluster])
        if longer is not None:
            _absorb(longer, cluster)
            ends.add(longer)
        else:
            result.append(cluster)
    return _one_thing(result)


def _legal_names(clusters: list[_Cluster]) -> dict[tuple[str, ...], _Cluster]:
    """Clusters by their names of two words or more before a legal form ("Ltd", "plc")."""
    return {key[:-k]: cluster for cluster in clusters for key in cluster.keys
            for k in (1, 2) if len(key) > k + 1
            and all(w in lx.CORPORATE_SUFFIXES for w in key[-k:])}


def _legal_name_of(cluster: _Cluster, legal: dict[tuple[str, ...], _Cluster]) -> _Cluster | None:
    """The firm whose name, without its legal form, is one of `cluster`'s names of two
    words or more ("Varrow Plating" ... "Varrow Plating Ltd"), whatever the model called
    the shorter, unless it has a mark of a person (an honorific, "X said he")."""
    firm = next((legal[k] for k in cluster.keys if k in legal), None)
    return None if firm is None or firm is cluster or cluster.honorific \
        or cluster.votes["PERSON"] > 0 else firm


_NAMED_AFTER_PLACES = frozenset(
    "council town city county borough district university college police constabulary "
    "parliament assembly government".split()
)


def _named_in_body(cluster: _Cluster, headline: tuple[int, int], body: str) -> bool:
    if not all(headline[0] <= s and e <= headline[1] for s, e, _ in cluster.spans):
        return True
    name = " ".join(max(cluster.names, key=len))
    return is_place(name) or re.search(rf"\b{re.escape(name)}\b", body) is not None


def _only_in_headings(cluster: _Cluster, text: str) -> bool:
    """Common words read as a name only in lines written all in capitals ("WHAT THE COUNCIL
    SAYS", "NEWS | URGENT CARE"): a section heading or a kicker. Each word is a generic one,
    a reporting verb, or one the article also writes in lower case; a name in a capitals
    headline ("ROVERS SIGN KOLAR") keeps its own words."""
    def in_capitals(start: int, end: int) -> bool:
        stop = text.find("\n", end)
        line = text[text.rfind("\n", 0, start) + 1 : len(text) if stop < 0 else stop]
        return not any(ch.islower() for ch in line)

    def common(word: str) -> bool:
        lower = word.casefold()
        return lower in _GENERIC or lower.removesuffix("s") in lx.CUE_VERBS \
            or re.search(rf"\b{re.escape(lower)}\b", text) is not None
    name = max(cluster.names, key=len)
    return all(in_capitals(s, e) for s, e, _ in cluster.spans) \
        and all(common(w) for w in name) and not is_place(" ".join(name))


def _heading_line(cluster: _Cluster, text: str) -> bool:
    """Common words alone on their line, each time the article names them, opening as a
    section's heading does ("Background", "Key Points", "Next steps:"): not a name. A line
    of one name ("Jo Pike", a byline; "Kelvale Road", an address; a body named in common
    words) stays."""
    def alone(start: int, end: int) -> bool:
        stop = text.find("\n", end)
        line = text[text.rfind("\n", 0, start) + 1 : len(text) if stop < 0 else stop]
        return line.strip().rstrip(":").strip() == text[start:end].strip()
    name = max(cluster.names, key=len)
    return name[0].casefold() in lx.HEADING_OPENERS \
        and all(alone(s, e) for s, e, _ in cluster.spans) \
        and all(dictionary_word(w) and not _known_place_word(w) for w in name) \
        and not is_place(" ".join(name))


def _titled_surname(c: _Candidate, key: tuple[str, ...], alone: _Cluster | None,
                    surnames: _Surnames) -> _Cluster | None:
    """"Mr Varrick" after "Rowan Varrick", where the word alone already named something
    else before him (the firm "Varrick, which has built tugs"): the honorific says the
    person, whatever the word alone names; the word alone keeps its own cluster."""
    if alone is None or not c.honorific or len(key) != 1 or alone.honorific:
        return None
    owner = _surname_owner(key[0], surnames)
    return owner if owner is not None and owner is not alone \
        and owner.spans[0][0] > alone.spans[0][0] and _person_evidence(owner) else None


def _founders_firm(lone: _Cluster, person: _Cluster, clusters: list[_Cluster]) -> _Cluster | None:
    """"Varrick Marine Engineering ... Varrick, which has built tugs ... managing director
    Rowan Varrick": a word used alone before the person's full name, where a firm's name
    it begins came before him too, is the firm's short name, unless a mark of a person came
    with it (an honorific, "Varrick, 52,", "Varrick said he"). Not a body named after a
    place ("Kerry County Council ... Kerry")."""
    word = next(iter(lone.keys))[0]
    start = person.spans[0][0]
    if lone.honorific or lone.votes["PERSON"] > 0 or lone.spans[0][0] > start \
            or not _person_evidence(person) or is_place(word):
        return None
    return next((other for other in clusters
                 if other is not lone and other is not person and other.spans[0][0] < start
                 and any(len(k) >= 2 and k[0] == word and k[-1] in lx.ORG_NAME_HEADS
                         for k in other.keys)), None)


def _surname_of_person(key: tuple[str, ...], cluster: _Cluster) -> bool:
    """A lone word that is the surname of a full name in `cluster`, a person's."""
    return len(key) == 1 and any(len(k) >= 2 and _surname(k) == key[0] for k in cluster.keys) \
        and _person_like(cluster)


def _place_like(cluster: _Cluster) -> bool:
    name = " ".join(max(cluster.names, key=len))
    return is_place(name) or cluster.votes["GPE"] > 0


def _long_form(cluster: _Cluster, ends: _NameEnds) -> _Cluster | None:
    shorts = [k for k in cluster.keys if all(len(k) < len(o) for o in cluster.keys if o != k)]
    if not shorts or max(len(k) for k in cluster.keys) > 2:
        return None
    short = shorts[0]
    for other in ends.sharing(short):
        if other is cluster:
            continue
        for key in other.keys:
            n = len(short)
            if len(key) <= n:
                continue
            if any(len(k) > n and k != key[: len(k)] for k in cluster.keys):
                continue  # "Farrowdale Athletic" is no short form of "Farrowdale Supporters' Trust"
            rest = key[n:] if key[:n] == short else key[:-n] if key[-n:] == short else None
            # The long form adds a name head ("Hospital", "FC", "River"), not another name,
            # and is not a body named after a place ("X Town Council", "X University").
            # (no person's: asked last, as deciding a type for every other is slow)
            if rest and set(rest) & _NAMED_HEADS \
                    and not set(rest) & _NAMED_AFTER_PLACES and not _person_like(other):
                return other
    return None


@dataclass
class _NameEnds:
    """Clusters by the first and last one or two words of their longer names, for _long_form:
    reading every cluster for each short form made a list of firms quadratic."""

    clusters: list[_Cluster] = field(default_factory=list)
    number: dict[int, int] = field(default_factory=dict)  # id(cluster) -> its place
    by_end: defaultdict[tuple[str, ...], set[int]] = field(
        default_factory=lambda: defaultdict(set))

    def add(self, cluster: _Cluster) -> None:
        """Index `cluster`, again after it absorbs another (its names only grow)."""
        if id(cluster) not in self.number:
            self.number[id(cluster)] = len(self.clusters)
            self.clusters.append(cluster)
        n = self.number[id(cluster)]
        for key in cluster.keys:
            for k in (1, 2):
                if len(key) > k:
                    self.by_end[key[:k]].add(n)
                    self.by_end[key[-k:]].add(n)

    def sharing(self, short: tuple[str, ...]) -> list[_Cluster]:
        """The clusters, in order, with a longer name that begins or ends with `short`."""
        return [self.clusters[n] for n in sorted(self.by_end.get(short, ()))]


_SITE_PREPOSITIONS = frozenset("at into in from".split())


def _site_named_after(cluster: _Cluster, others: list[_Cluster]) -> _Cluster | None:
    """"at Ada Lark" in an article about the Ada Lark Center: a short form of the site
    named after the person, where the text mostly says someone is at it or goes into it."""
    for other in others:
        for key in other.keys:
            if len(key) >= 2 and key[-1] in lx.FAC_NAME_HEADS and key[:-1] in cluster.keys:
                return other
    return None


def _antecedent(c: _Candidate, key: tuple[str, ...], clusters: list[_Cluster],
                surnames: _Surnames, *, kin: bool = False) -> _Cluster | None:
    if len(key) > 1 and key[0] in lx.SURNAME_PARTICLES:
        owner = _particle_surname_owner(key, clusters)
        if owner is not None and (c.honorific or _person_like(owner)):
            return owner
    if len(key) == 1:
        owner = _surname_owner(key[0], surnames)
        if owner is not None and kin and _other_sex(c, owner):
            return None  # "Mr Hollis" after "Edna Hollis ... her husband": him, not her
        if owner is not None and (c.honorific or _person_like(owner)):
            return owner
        # ("Sir", "Dame" take the given name: "Dame Rosamund" after "Dame Rosamund X")
        knighted = c.honorific and c.text.split()[0].casefold() in {"sir", "dame"}
        if (not c.honorific or knighted) and not _capitals(c.tokens[0]) \
                and first_name_gender(c.tokens[0]) is not None:
            # "Delphina" after "Delphina Mint": a given name alone, if one person has it.
            # (the type last: deciding it for every cluster made long lists quadratic)
            people = [cl for cl in clusters
                      if any(len(k) >= 2 and k[0] == key[0] for k in cl.keys)
                      and _person_like(cl)]
            if len(people) == 1:
                return people[0]
        # ("Yeo" after "Datuk Seri Yeo Kok Leong": a family name written first, as Chinese
        # names are; one person's three-word name only, and no given name the lists know)
        if (first_name_gender(c.tokens[0]) is None
                or c.tokens[0].casefold() in lx.FAMILY_NAMES_FIRST) \
                and not _acronym_like(c.tokens[0]):
            people = [cl for cl in clusters
                      if any((len(k) == 3 or _family_name_first(k, cased=False))
                             and k[0] == key[0]
                             for k in cl.keys)
                      and _person_like(cl)]
            if len(people) == 1:
                return people[0]
        if _acronym_like(c.tokens[0]):
            for cluster in reversed(clusters):
                if any(key[0] in _initials(k) for k in cluster.keys):
                    return cluster
    return None


def _acronym_like(word: str) -> bool:
    """"DfT", "NHS", "DVSA": two capitals or more, letters only."""
    return word.isalpha() and 2 <= len(word) <= 7 and sum(ch.isupper() for ch in word) >= 2


@lru_cache(maxsize=65536)
def _initials(key: tuple[str, ...]) -> frozenset[str]:
    """The acronyms a name of two words or more may go by: with its small words or without,
    a hyphenated word giving one letter a part ("Ouse-Derwent Catchment Management Agency",
    ODCMA), without a place or state before it ("U.S. Forest Service Agency", FSA;
    "Ohio Department of Labor", DOL), a country's letters after it kept whole
    ("Marine Fisheries UK", MFUK). (Remembered: asked again of each name as clusters join.)"""
    if len(key) < 2:
        return frozenset()
    words = [part for w in key for part in w.split("-") if part]
    forms = [words, [w for w in words if w not in lx.ACRONYM_SKIPS]]
    first = words[0]
    if len(words) > 2 and ("." in first or len(first) <= 3 or _known_place_word(first)):
        forms += [form[1:] for form in forms]
    result = set()
    for form in forms:
        result.add("".join(w[0] for w in form))
        if len(form) > 2 and form[0] == first \
                and _letters_of_a_country_or_state(first):
            # "UK Health Security Agency", UKHSA: the country's letters kept whole
            result.add(first + "".join(w[0] for w in form[1:]))
        last = form[-1].replace(".", "") if form else ""
        if len(form) > 1 and 2 <= len(last) <= 3 and _country({(last,)}) is not None:
            result.add("".join(w[0] for w in form[:-1]) + last)
    return frozenset(result)


_STATE_LETTERS = frozenset(a for a in _ABBREVIATED_REGIONS if a.isalpha())


def _letters_of_a_country_or_state(word: str) -> bool:
    """"UK", "US", "NSW", "WA": a country's or a state's letters, written without stops."""
    return 2 <= len(word) <= 3 and (word in _STATE_LETTERS or (
        word.isalpha() and is_country(word)))


def _known_place_word(word: str) -> bool:
    return is_place(word) or town_population(word) > 0


def _one_thing(clusters: list[_Cluster]) -> list[_Cluster]:
    """Join names the article uses for one thing: an acronym and its expansion in either
    order ("DfT" ... "the Department for Transport"), names that differ only in a small word
    ("Department of Transport"), one country's names ("UK", "Britain") and a firm's national
    arm ("Kestmoor UK" for "Kestmoor")."""
    earlier = _Earlier()
    for cluster in clusters:
        target = _same_thing(cluster, earlier)
        if target is not None:
            for short, body in ((cluster, target), (target, cluster)):
                if _without_its_place(short, body):
                    # What the model and the given-name list made of the name cut from its
                    # place ("Red" is a given name) says nothing once the body is known.
                    short.model.clear()
                    short.votes.pop("GIVEN_NAME", None)
            _absorb(target, cluster)
            earlier.changed(target)
        else:
            earlier.add(cluster)
    # An expansion seen before its acronym has already joined; one seen after it is found
    # here, so the acronym joins whichever comes first.
    return earlier.clusters


@dataclass
class _Earlier:
    """The clusters _one_thing has kept so far, indexed by what each join test of
    _same_thing can match (_signs), so a new cluster is tested only against the few that
    share a sign with it (_probes): testing it against every earlier one made an article
    of a thousand names (an honours list, a results page) take most of a minute."""

    clusters: list[_Cluster] = field(default_factory=list)
    by_sign: defaultdict[tuple[str, object], list[int]] = field(
        default_factory=lambda: defaultdict(list))
    signs: list[set[tuple[str, object]]] = field(default_factory=list)
    countries: list[int | None] = field(default_factory=list)
    by_country: defaultdict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    number: dict[int, int] = field(default_factory=dict)  # id(cluster) -> its place

    def add(self, cluster: _Cluster) -> None:
        n = len(self.clusters)
        self.number[id(cluster)] = n
        self.clusters.append(cluster)
        self.signs.append(set())
        self.countries.append(None)
        self.changed(cluster)

    def changed(self, cluster: _Cluster) -> None:
        """Index what `cluster` has gained: a cluster's names only grow, so its old signs
        stay true; its country is the first of its keys' and may change."""
        n = self.number[id(cluster)]
        for sign in _signs(cluster) - self.signs[n]:
            self.signs[n].add(sign)
            self.by_sign[sign].append(n)
        country = _country(cluster.keys)
        if country != self.countries[n]:
            if self.countries[n] is not None:
                self.by_country[self.countries[n]].discard(n)
            if country is not None:
                self.by_country[country].add(n)
            self.countries[n] = country

    def first_of_country(self, country: int) -> _Cluster | None:
        numbers = self.by_country.get(country)
        return self.clusters[min(numbers)] if numbers else None

    def candidates(self, cluster: _Cluster) -> list[_Cluster]:
        """The earlier clusters, in order, that share a sign with `cluster`'s probes."""
        numbers: set[int] = set()
        for probe in _probes(cluster):
            numbers.update(self.by_sign.get(probe, ()))
        return [self.clusters[n] for n in sorted(numbers)]


def _signs(cluster: _Cluster) -> set[tuple[str, object]]:
    """What an earlier cluster offers each test of _same_thing, the side it plays in it."""
    signs: set[tuple[str, object]] = set()
    for key in cluster.keys:
        signs.add(("key", key))  # _without_its_place (short), expands
        if len(key) == 1:
            signs.add(("word", key[0]))  # _abbreviates, _town_short, _town_end (short)
            signs.add(("town", key[0].partition("-")[0]))  # _town_short (town)
        else:
            signs.add(("end", key[-1]))  # _town_end (town)
        signs.update(("abbreviation", a)
                     for a in lx.REGION_ABBREVIATIONS.get(" ".join(key), ()))
        if (group := _body_group(key)) is not None:
            signs.add(("body", group))  # _one_body_in_two_languages
        if len(key) > 2:
            signs.add(("plain", _plain_key(key)))
        signs.update(("prefix", key[:n]) for n in range(1, len(key) + 1))  # _arm_of, _cut_...
        signs.update(("after place", key[n:]) for n in (1, 2) if len(key) > n)
        if len(key) >= 3 and key[0] in lx.ORG_NAME_HEADS and key[1] in {"of", "for"}:
            signs.add(("cut", key[:-1]))  # _cut_before_its_list (short)
    signs.update(("expands", k) for k in cluster.expands)
    signs.update(("acronym", a) for a in _acronyms(cluster))
    signs.update(("initials", i) for i in _expansions(cluster))
    signs.update(("firm", _key(n)[:-1]) for n in cluster.names if _arm_shape(n))
    return signs


def _probes(cluster: _Cluster) -> set[tuple[str, object]]:
    """The signs an earlier cluster must have for a test of _same_thing to join it to the
    new `cluster`, in either role: every test that passes shares one."""
    probes: set[tuple[str, object]] = set()
    for key in cluster.keys:
        if (group := _body_group(key)) is not None:
            probes.add(("body", group))
        probes.add(("expands", key))
        probes.add(("firm", key))  # _short_of_arm
        probes.add(("after place", key))  # _without_its_place (cluster short)
        probes.update(("key", key[n:]) for n in (1, 2) if len(key) > n)  # ... (body)
        if len(key) == 1:
            probes.add(("abbreviation", key[0]))
            probes.add(("town", key[0]))  # _town_short (cluster short)
            probes.add(("end", key[0]))  # _town_end (cluster short)
        probes.add(("word", key[0].partition("-")[0]))  # _town_short (cluster the town)
        probes.add(("word", key[-1]))  # _town_end (cluster the town)
        probes.update(("word", a) for a in lx.REGION_ABBREVIATIONS.get(" ".join(key), ()))
        if len(key) > 2:
            probes.add(("plain", _plain_key(key)))
        if len(key) >= 3 and key[0] in lx.ORG_NAME_HEADS and key[1] in {"of", "for"}:
            probes.add(("prefix", key[:-1]))  # _cut_before_its_list (cluster short)
        probes.update(("cut", key[:n]) for n in range(2, len(key)))  # ... (cluster the body)
    probes.update(("key", k) for k in cluster.expands)
    probes.update(("initials", a) for a in _acronyms(cluster))
    probes.update(("acronym", i) for i in _expansions(cluster))
    probes.update(("prefix", _key(n)[:-1]) for n in cluster.names if _arm_shape(n))
    return probes


def _same_thing(cluster: _Cluster, earlier: _Earlier) -> _Cluster | None:
    """The one earlier cluster `cluster` names too: the first of its country, else the only
    one a test joins it to."""
    country = _country(cluster.keys)
    if country is not None:
        first = earlier.first_of_country(country)
        if first is not None:
            return first
    found = [other for other in earlier.candidates(cluster) if _joins(cluster, other)]
    return found[0] if len(found) == 1 else None


def _joins(cluster: _Cluster, other: _Cluster) -> bool:
    keys = cluster.keys
    return _abbreviates(keys, other.keys) or _abbreviates(other.keys, keys) \
        or _head_alone(keys, other) or _head_alone(other.keys, cluster) \
        or _one_body_in_two_languages(keys, other.keys) \
        or _stands_for(cluster, other) or _stands_for(other, cluster) \
        or bool(cluster.expands & other.keys or other.expands & keys) \
        or bool({_plain_key(k) for k in keys if len(k) > 2}
                & {_plain_key(o) for o in other.keys if len(o) > 2}) \
        or _arm_of(cluster.names, other) or _short_of_arm(cluster, other) \
        or _town_short(keys, other) or _town_short(other.keys, cluster) \
        or _town_end(cluster, other) or _town_end(other, cluster) \
        or _without_its_place(cluster, other) or _without_its_place(other, cluster) \
        or _cut_before_its_list(keys, other) or _cut_before_its_list(other.keys, cluster)


def _one_body_in_two_languages(keys: set[tuple[str, ...]],
                               others: set[tuple[str, ...]]) -> bool:
    """"Iarnród Éireann" and "Irish Rail": one body's Irish (or Welsh) and English names."""
    groups = {_body_group(k) for k in keys} - {None}
    return bool(groups & {_body_group(k) for k in others})


def _body_group(key: tuple[str, ...]) -> int | None:
    name = _unaccented(" ".join(key))
    return next((n for n, group in enumerate(lx.BODY_SYNONYMS) if name in group), None)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))


# Heads of a public body's name that house style capitalises when the body is named again
# by them alone ("Kelvale Council ... the Council will write to residents").
_BODY_HEADS_ALONE = frozenset("council department ministry agency authority trust board "
                              "commission".split())


def _head_alone(keys: set[tuple[str, ...]], body: _Cluster) -> bool:
    """"the Council" after "Kelvale District Council": the body's head written alone, as a
    name, for the one body of that kind the article names (_same_thing joins only where one
    earlier cluster passes)."""
    if len(keys) != 1:
        return False
    (key,) = keys
    return len(key) == 1 and key[0] in _BODY_HEADS_ALONE \
        and any(len(k) >= 2 and k[-1] == key[0] for k in body.keys)


def _cut_before_its_list(keys: set[tuple[str, ...]], body: _Cluster) -> bool:
    """"the Department of Agriculture" in an article that names "the Department of
    Agriculture, Fisheries and Rural Development" (or "of Health and Community Care"): a body
    of several portfolios called by its first one. The short name is a body's head with "of"
    or "for" and one portfolio, and the long name goes on from it with a comma or "and"."""
    shorts = {k for k in keys if len(k) >= 3 and k[0] in lx.ORG_NAME_HEADS
              and k[1] in {"of", "for"}}
    # (a name's tokens keep their comma: "agriculture,")
    return any(len(key) > len(k) + 1 and key[: len(k) - 1] == k[:-1]
               and (key[len(k) - 1] == k[-1] + ","
                    or (key[len(k) - 1] == k[-1] and key[len(k)] in {"and", "&"}))
               for k in shorts for key in body.keys)


def _town_short(keys: set[tuple[str, ...]], town: _Cluster) -> bool:
    """"Doonan" for "Doonan-in-Tarn", "Amble" for "Amble-on-Orra": the first word of a
    hyphenated town's name, in an article that names the town."""
    shorts = {k[0] for k in keys if len(k) == 1 and "-" not in k[0]}
    return any(len(k) == 1 and k[0].partition("-")[0] in shorts for k in town.keys) \
        and _decide_type(town) in {"GPE", "LOC"}


def _town_end(short: _Cluster, town: _Cluster) -> bool:
    """"Holbeck" for "Bishop's Holbeck", "Hythe" for "Queen's Hythe": the last word of a
    known town of two words or more, in an article that names the town, said of no person."""
    # (not "Galway" for "Co Galway", "Australia" for "Western Australia": places of their own)
    ends = {k[0] for k in short.keys if len(k) == 1 and not is_place(k[0]) and not is_country(k[0])}
    return bool(ends) and all(len(k) == 1 for k in short.keys) and not short.honorific \
        and not short.votes["GIVEN_NAME"] and short.votes["PERSON"] <= 0 \
        and any(len(k) > 1 and k[-1] in ends and _known_place_word(" ".join(k))
                for k in town.keys) \
        and _decide_type(town) in {"GPE", "LOC"}


def _without_its_place(short: _Cluster, body: _Cluster) -> bool:
    """"the Blue Hawks" in an article that names "the Tulsa Blue Hawks", "the Courier" beside
    "the Tulsa Courier": a body's name without the place it starts with, when no one was called
    so with a title."""
    if short.honorific or _decide_type(body) != "ORG" \
            or any(set(k) & _NAMED_HEADS or is_place(" ".join(k)) for k in short.keys):
        return False  # (the Ohio Department of Transport is not the federal one)
    return any(key[n:] in short.keys and is_place(" ".join(key[:n]))
               for key in body.keys for n in (1, 2) if len(key) > n)


def _stands_for(acronym: _Cluster, name: _Cluster) -> bool:
    """An acronym alone (not already joined to its expansion) and a name that is no person's
    ("AP" is not Aaron Ferrabee)."""
    return all(len(k) == 1 for k in acronym.keys) and bool(
        _acronyms(acronym) & _expansions(name)) and not _person_like(name)


def _acronyms(cluster: _Cluster) -> set[str]:
    return {n[0].casefold() for n in cluster.names if len(n) == 1 and _acronym_like(n[0])}


def _expansions(cluster: _Cluster) -> set[str]:
    return set().union(*(_initials(k) for k in cluster.keys))


def _plain_key(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in key if w not in lx.ACRONYM_SKIPS)


_ABBREVIATIONS = frozenset().union(*lx.REGION_ABBREVIATIONS.values())


def _abbreviates(shorts: set[tuple[str, ...]], region: set[tuple[str, ...]]) -> bool:
    """"N.S." in an article that names Nova Scotia, "Calif." beside California."""
    return any(len(short) == 1 and short[0] in lx.REGION_ABBREVIATIONS.get(" ".join(key), ())
               for short in shorts for key in region)


# Each country's names, to the number of the first group of COUNTRY_SYNONYMS holding it.
_COUNTRY_NUMBERS = {name: number for number, names in reversed(list(enumerate(
    lx.COUNTRY_SYNONYMS))) for name in names}


def _country(keys: set[tuple[str, ...]]) -> int | None:
    for key in keys:
        number = _COUNTRY_NUMBERS.get(" ".join(key))
        if number is not None:
            return number
    return None


def _arm_of(names: list[tuple[str, ...]], other: _Cluster) -> bool:
    """"Kestmoor UK" is an arm of "Kestmoor" or "Kestmoor Steel" when the article names both
    (the firm keeps its own name; the arm is an alias). Firms are named after people too:
    "Ingvald Ireland" is the arm of "Ingvald Marine"."""
    for name in names:
        key = _key(name)
        if _arm_shape(name) and _decide_type(other) == "ORG" \
                and any(o[: len(key) - 1] == key[:-1] and o != key for o in other.keys):
            return True
    return False


def _short_of_arm(short: _Cluster, arm: _Cluster) -> bool:
    """"Ardmore" after "Ardmore Ireland": the bare name after its national form, when the article
    names no longer form of it ("Dorrance Medical" is a parent the arm stays apart from)."""
    firms = {k[:-1] for n in arm.names if _arm_shape(n) for k in [_key(n)]}
    return bool(firms) and short.keys <= firms and _decide_type(short) == "ORG"


def _key(name: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t.casefold() for t in name)


def _surname_owner(word: str, surnames: _Surnames) -> _Cluster | None:
    """The person whose full name ends with `word`, the latest seen if several."""
    if len(word) <= 3 and (is_country(word) or _country({(word,)}) is not None):
        return None  # "UK", "US" are no one's surname, even after "Oskarsson UK"
    owners = surnames.owners.get(word)
    if not owners:
        return None
    return max((owners[n] for n in sorted(owners)), key=lambda c: c.last_seen)


@dataclass
class _Surnames:
    """Clusters by the last word of each full name (_surname), in the order they began:
    finding a surname's owner by reading every cluster made a list of names quadratic."""

    owners: defaultdict[str, dict[int, _Cluster]] = field(
        default_factory=lambda: defaultdict(dict))
    begun: dict[int, int] = field(default_factory=dict)  # id(cluster) -> its number

    def add(self, cluster: _Cluster, key: tuple[str, ...]) -> None:
        number = self.begun.setdefault(id(cluster), len(self.begun))
        if len(key) >= 2:
            self.owners[_surname(key)][number] = cluster


def _other_sex(c: _Candidate | _Cluster, owner: _Cluster) -> bool:
    """A surname under an honorific of one sex ("Mr", "Mrs") whose owner's given name is
    surely of the other ("Edna"; not "mostly" one sex in the lists, nor a name of either)."""
    if not c.honorific or c.gender not in {"m", "f"}:
        return False
    other = "f" if c.gender == "m" else "m"
    given = {sure_gender(k[0]) for k in owner.keys if len(k) >= 2}
    # (a cluster of a titled surname only has the honorific's sex)
    return given == {other} if given else owner.gender == other


def _particle_surname_owner(key: tuple[str, ...], clusters: list[_Cluster]) -> _Cluster | None:
    """"Mr van der Berg", "De la Cruz" (`key` led by a particle): the person whose full name
    ends with that surname, "Ruud van der Berg", the latest seen if several."""
    owners = [c for c in clusters if any(len(k) > len(key) and k[-len(key):] == key
                                         for k in c.keys)]
    return max(owners, key=lambda c: c.last_seen) if owners else None


def _surname(key: tuple[str, ...]) -> str:
    """"comeaux" for ("arcade", "joseph", "comeaux", "jr")."""
    if len(key) >= 2 and key[-1].casefold() in lx.GENERATIONAL_SUFFIXES:
        return key[-2]
    return key[-1]


def _person_evidence(cluster: _Cluster) -> bool:
    """Something beside the model's label says person: an honorific, a given name, a cue."""
    return cluster.honorific or cluster.votes["GIVEN_NAME"] > 0 or cluster.votes["PERSON"] > 0


def _person_like(cluster: _Cluster) -> bool:
    return _decide_type(cluster) == "PERSON"




def _tally(cluster: _Cluster) -> Counter[str]:
    """Evidence votes plus the model's label votes, capped."""
    votes = Counter(cluster.votes)
    for label, n in cluster.model.items():
        votes[label] += min(n, MODEL_VOTES_MAX)
    return votes


def _absorb(target: _Cluster, other: _Cluster) -> None:
    target.keys |= other.keys
    target.spans += other.spans
    target.names += other.names
    target.votes.update(other.votes)
    target.model.update(other.model)
    target.ner.update(other.ner)
    target.descriptors |= other.descriptors
    target.gender = target.gender or other.gender
    target.honorific = target.honorific or other.honorific
    target.sites += other.sites
    target.definite += other.definite
    target.placed += other.placed
    target.counted += other.counted
    target.kind_marked += other.kind_marked
    target.in_headings += other.in_headings
    target.positional += other.positional
    target.noun_shaped += other.noun_shaped
    target.speaking += other.speaking
    target.listed += other.listed
    target.worked += other.worked
    target.party = target.party or other.party
    target.expands |= other.expands
    target.last_seen = max(target.last_seen, other.last_seen)


def _decide_type(cluster: _Cluster) -> str | None:
    votes = _tally(cluster)
    uncertain = votes.pop("PERSON?", 0)
    given_name = min(votes.pop("GIVEN_NAME", 0), GIVEN_NAME_VOTES)
    cues = sum(cluster.votes[k] for k in ("ORG", "FAC", "GPE", "LOC", "EVENT"))
    if given_name and cues < GIVEN_NAME_VOTES:  # "in X" alone (1.5) does not outweigh "Mark"
        votes["PERSON"] += given_name
    has_full_name = any(len(k) >= 2 and k[-1] not in lx.ORG_NAME_HEADS for k in cluster.keys)
    if uncertain:
        if cluster.honorific or (has_full_name and votes["PERSON"] > 0):
            votes["PERSON"] += uncertain
        else:
            # A lone name never given a first name or an honorific: in news
            # copy that is a firm, a brand or a project far more often than a person.
            votes["ORG"] += 0.5 * uncertain
    votes = Counter({k: v for k, v in votes.items() if v > 0})
    if not votes:
        return None
    best = max(votes.values())
    tied = [label for label, v in votes.items() if v == best]
    decided = sorted(tied)[0]
    if len(tied) > 1 and cluster.ner:
        decided = next((label for label, _ in cluster.ner.most_common() if label in tied),
                       decided)
    if decided == "GPE" and cluster.definite == len(cluster.spans) and cluster.placed \
            and all(len(k) == 1 for k in cluster.keys) and _river_word(cluster.names[0][0]) \
            and _country(cluster.keys) is None:
        # "on the Tarn", "west of the Orra": a place's name said with "the" after a
        # preposition is a river or a region; towns go without it (not "the Commonwealth
        # would", no preposition)
        return "LOC"
    return decided


def _river_word(word: str) -> bool:
    """A known place's name (so not "the Polytechnic", "the Crescents"), and no country's, no
    acronym ("the UAE") and no compass point ("the West")."""
    return _known_place_word(word) and not is_country(word) and not _capitals(word) \
        and word.casefold() not in _REGION_WORDS


# --- definite descriptions ----------------------------------------------------------------

def _link_nominals(doc: Doc, index: EntityIndex, skip: list[tuple[int, int]]) -> None:
    """Link "the firm", "the union", "the site" to the entity they refer back to."""
    unnamed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for token in doc:
        noun = token.lower_
        if token.pos_ != "NOUN" or token.tag_ != "NN" or _skipped(skip, token.idx, token.idx + 1):
            continue
        if noun not in lx.NOMINAL_KINDS and noun not in lx.STANDALONE_BODIES:
            continue
        det = next((c for c in token.children if c.dep_ in {"det", "poss"}), None)
        if det is None or det.lower_ not in {"the", "its", "their"}:
            continue
        if not all(t.is_alpha for t in doc[det.i : token.i + 1]):
            continue
        if any(c.dep_ in {"compound", "amod"} and c.pos_ == "PROPN" for c in token.children):
            continue
        if index.at(token.idx, token.idx + len(token.text)) is not None:
            continue
        start, end = det.idx, token.idx + len(token.text)
        if noun in lx.STANDALONE_BODIES and noun not in lx.NOMINAL_KINDS:
            named = _named_body(index, noun, start)
            if named is not None:
                index.add(start, end, named, "nominal")
            else:
                unnamed[noun].append((start, end))
            continue
        antecedent = _nominal_antecedent(index, noun, start)
        if antecedent is not None:
            index.add(start, end, antecedent, "nominal")
            entity = next(e for e in index.entities if e.id == antecedent)
            mention = Mention(start, end, doc_text(doc)[start:end])
            mentions = tuple(sorted((*entity.mentions, mention), key=lambda m: m.start))
            _replace(index, Entity(entity.id, entity.name, entity.type, entity.aliases, mentions))
    # "the government" the article never names is a node only if the story comes back to
    # it: said once in passing, it is context, and a node called "government" would join
    # every other article's government.
    for noun, spans in unnamed.items():
        if len(spans) >= 2:
            entity_id = index.new_entity(noun, "ORG", {noun})
            for start, end in spans:
                index.add(start, end, entity_id, "nominal")


def _nominal_antecedent(index: EntityIndex, noun: str, position: int) -> str | None:
    kind = lx.NOMINAL_KINDS[noun]
    if kind == "site":
        types = {"FAC"}
    elif kind in {"company", "union", "chamber", "council", "club", "charity", "trust",
                  "party", "agency", "university", "school"}:
        types = {"ORG"}
    else:
        types = {"ORG", "FAC"}
    candidates = [e for e, type_ in index.types.items() if type_ in types]
    # First choice: an entity whose name or descriptors contain the noun itself.
    found = index.last_mentioned(
        (e for e in candidates if noun in index.descriptors.get(e, ())), position)
    if found is not None:
        return found
    if kind in {"company", "site", "club"}:
        names = {e.id: e.name.casefold() for e in index.entities} if kind == "company" else {}
        found = index.last_mentioned(
            (e for e in candidates
             if not (kind == "club" and not index.descriptors.get(e, set()) & lx.CLUB_HEADS)
             and not (kind == "company" and _not_a_company(index, e, names))), position)
        if found is not None:
            return found
    return None


# What a name says a body is when it is no company: a public body, a union, a party or an
# outlet reporting on the story ("the company" is none of them).
_NOT_COMPANY_WORDS = lx.NON_COMPANY_HEADS | lx.UNION_WORDS | lx.OUTLET_HEADS | {"inspectorate"}


def _not_a_company(index: EntityIndex, entity: str, names: dict[str, str]) -> bool:
    return bool(index.descriptors.get(entity, set()) & _NOT_COMPANY_WORDS) \
        or names[entity] in lx.BODY_NAMES or names[entity] in lx.PARTY_NAMES


def _named_body(index: EntityIndex, noun: str, position: int) -> str | None:
    """"the government" is the one government the article has named before ("the Scottish
    Government", "the Ontario government"), if it has named one."""
    bodies = [e.id for e in index.entities if index.types.get(e.id) == "ORG"
              and e.name.split()[-1].casefold() == noun and index.named_by(e.id, position)]
    return bodies[0] if len(bodies) == 1 else None


def _replace(index: EntityIndex, entity: Entity) -> None:
    index.entities = [entity if e.id == entity.id else e for e in index.entities]


def finalize(index: EntityIndex, text: str) -> tuple[Entity, ...]:
    """Entities with every indexed mention (names, descriptions, titles) attached."""
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in index.mentions:
        by_entity[m.entity].append(Mention(m.start, m.end, text[m.start : m.end]))
    result = []
    for e in index.entities:
        mentions = tuple(sorted(set(by_entity.get(e.id, ())), key=lambda m: (m.start, m.end)))
        result.append(Entity(e.id, e.name, e.type, e.aliases, mentions))
    return tuple(result)
