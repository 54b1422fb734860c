"""Cross-article resolution: the one stage before `store.put` that reads what is stored.

`Resolver(store).resolve(extraction)` returns a `Resolution`: which canonical entity each of
the article's entities is (local id -> entity IRI, handed to the RDF mapping so the hot
write path never queries), plus a few quads for the article's graph that record what was
decided and why:

* Entities. An exact name or alias match with a compatible type is the same entity. A
  lone surname ("Ms Vance", or a one-word person name) is matched to a person whose
  surname it is only when the article shares context with that person (other entities
  both appear with), and only if the honorific or given name does not contradict it;
  namesakes in other stories therefore stay apart. A name that is not known but is close
  to a known one (a typing slip, "X" vs "X UK") is linked as a candidate with a score and
  the shared context as evidence, and merged only when the evidence is strong. Each
  decision other than an exact match is an `sg:EntityMatch` in the article's graph.
* Figures. Each figure gets an `sg:series`: figures with the same unit and kind ("jobs",
  "at risk"; hedges such as "about" ignored) about a shared organisation or place are one
  series. A figure that differs from one in the same series stated more than
  `SUPERSEDE_AFTER` earlier is superseded: `prov:wasInvalidatedBy` the later article and
  `prov:invalidatedAtTime` its date, written in the later article's graph (the article
  that did it), so nothing is deleted and removing that article removes the mark.
* Disputes. A claim whose cue rejects or denies is linked (`sg:disputes`) to the earlier
  claim, in the same article or a stored one, whose content it repeats most.

The index of what is stored is read once (a handful of queries) and then kept up to date
by `stored()` as articles are put, so resolution costs dictionary look-ups per article.
Manual merges are honoured: a name that would mint an entity merged away resolves to the
entity it was merged into (see `storygraph.resolve.edits`).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import pyoxigraph as ox

from storygraph.model import Entity, Extraction, Quantity
from storygraph.rdf.mapping import (
    A,
    article_iri,
    claim_iri,
    date_literal,
    entity_iri,
    figure_iri,
)
from storygraph.rdf.namespace import (
    ENTITIES_GRAPH,
    ENTITY_BASE,
    PROV,
    RESOLUTION_GRAPH,
    SERIES_BASE,
    SG,
    XSD,
)
from storygraph.resolve.entities import (
    cached_similarity,
    core_key,
    is_full_name,
    name_key,
    name_tokens,
    person_gender,
    similar_keys,
    similar_probes,
    slug,
    type_group,
)
from storygraph.store import ArticleWrite, GraphStore

# A different figure stated more than this long after another replaces it; closer than
# this, two sources giving different values is a discrepancy, not a change.
SUPERSEDE_AFTER = timedelta(days=7)
# A likely misspelling is merged only with this much shared context; below, it is a candidate.
MERGE_MIN_SHARED = 3
MERGE_MIN_SIMILARITY = 0.85
MERGE_MIN_SHARED_SURNAME = 2  # a stored lone surname merged into a full name seen later
RESOLVER_AGENT = "storygraph"  # who made the merges resolution makes by itself
CANDIDATE_MIN_SIMILARITY = 0.75
MAX_RECORDED = 3  # alternatives recorded per decision, so --why stays readable
DISPUTING_STANCES = frozenset({"rejects", "denies"})

_ENTITIES = f"<{ENTITIES_GRAPH}>"
_RESOLUTION = f"<{RESOLUTION_GRAPH}>"


def _n(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(term))


ENTITY_MATCH = _n(SG.EntityMatch)
MATCHED_NAME = _n(SG.matchedName)
RESOLVED_TO = _n(SG.resolvedTo)
CANDIDATE = _n(SG.candidate)
METHOD = _n(SG.method)
DECISION = _n(SG.decision)
SCORE = _n(SG.score)
EVIDENCE = _n(SG.evidence)
SERIES = _n(SG.series)
DISPUTES = _n(SG.disputes)
INVALIDATED_BY = _n(PROV.wasInvalidatedBy)
INVALIDATED_AT = _n(PROV.invalidatedAtTime)
_XSD_DOUBLE = _n(XSD.double)
_XSD_DATETIME = _n(XSD.dateTime)


@dataclass(frozen=True)
class Match:
    """One decision about one of the article's names (what `sg:EntityMatch` records)."""

    name: str
    entity: str  # the canonical entity IRI the name resolved to
    method: str
    decision: str  # "merged", "candidate" or "apart"
    score: float
    candidate: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass
class Resolution:
    """What resolution decided for one article; `iris` feeds the RDF mapping."""

    article: str  # article IRI
    iris: dict[str, str] = field(default_factory=dict)  # local entity id -> entity IRI
    matches: list[Match] = field(default_factory=list)
    series: dict[int, str] = field(default_factory=dict)  # figure index -> series IRI
    superseded: list[tuple[str, str, str]] = field(default_factory=list)  # figure, by, date
    disputes: list[tuple[str, str]] = field(default_factory=list)  # claim IRI -> claim IRI
    # (kept, merged): an entity stored earlier, merged into this article's in its write.
    absorb: list[tuple[str, str]] = field(default_factory=list)
    quads: list[ox.Quad] = field(default_factory=list)


# The index holds one of these per stored entity, figure and claim: slots keep them small.
@dataclass(slots=True)
class _Known:
    iri: str
    group: str
    name: str
    names: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Figure:
    iri: str
    article: str
    published: date | None
    value: float | None
    series: str | None
    invalidated_by: str | None  # the article whose mark supersedes it


@dataclass(slots=True)
class _Claim:
    iri: str
    article: str
    published: date | None
    speaker: str | None
    words: tuple[str, ...]  # content_words, sorted and interned: a tenth of a frozenset's size
    disputing: bool = False  # its cue rejects or denies
    answered: bool = False  # it already disputes a claim
    text: str = ""  # casefolded, whitespace-normalised
    seq: int = 0  # its place in the index, the order claims are compared in


# Words that carry no content when comparing what two claims say.
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with about into over after before
    that this these those it its it's they them their there he she his her him we our us you
    your i me my is are was were be been being has have had do does did will would could
    should may might can cannot must not no nor so than then too very also just only still
    all any some such what which who whom whose when where why how said says say told tell
    claim claims claimed deny denies denied reject rejects rejected dispute disputes disputed
    allegation allegations suggestion suggestions report reports""".split()
)
_WORD = re.compile(r"[a-z][a-z']+")
_DENIAL_WORD = re.compile(r"\b(?:den(?:y|ies|ied|ial)|reject\w*|dismiss\w*|disput\w*)\b")


def content_words(text: str) -> frozenset[str]:
    """The content words of a claim, cut to five letters so "decided"/"decide" agree."""
    return frozenset(w[:5] for w in _WORD.findall(text.casefold())
                     if w not in _STOPWORDS and len(w) >= 3)


def _stored_words(text: str) -> tuple[str, ...]:
    return tuple(sorted(sys.intern(w) for w in content_words(text)))


def _flat(text: str) -> str:
    return " ".join(text.casefold().split())


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _strength(shared: int) -> float:
    """Context evidence as a score: 0 shared entities -> 0, 1 -> 0.5, 2 -> 0.667, 3 -> 0.75."""
    return round(shared / (shared + 1), 3)


def _is_generic(name: str) -> bool:
    # "government", "the police": descriptions standing in for an unnamed body say
    # nothing about which story an article belongs to.
    return not name[:1].isupper()


def qualifier_family(qualifier: str | None) -> str:
    """The kind of a figure: its known kind words, without hedges or descriptors.

    "at risk, approximate" -> "at risk"; "train manufacturing, at risk, more than" ->
    "at risk" (a descriptor of the noun says which jobs, not which count); "permanent"
    stays, since 550 permanent jobs and 780 jobs in all are different counts.
    """
    if not qualifier:
        return ""
    kinds = _kind_words()
    return ", ".join(sorted(p.strip() for p in qualifier.split(",")
                            if p.strip() in kinds))


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    # The extractor's own vocabulary of kinds, so the two never drift apart. Imported here:
    # the extract package loads spaCy, which only ingest (which has it loaded) needs.
    from storygraph.extract.quantities import EVENT_QUALIFIERS, KNOWN_QUALIFIERS

    return frozenset(KNOWN_QUALIFIERS) | frozenset(EVENT_QUALIFIERS.values()) | {"at risk"}


def _disputed(denial: _Claim, pool: list[_Claim]) -> _Claim | None:
    """The claim in `pool` that `denial` answers: most of its content words, by another speaker.

    At least three content words in common, covering half of the shorter claim; a speaker
    does not dispute themself.
    """
    best: tuple[float, int] | None = None
    chosen = None
    mine = frozenset(denial.words)
    for other in pool:
        if other is denial or (denial.speaker is not None and other.speaker == denial.speaker):
            continue
        if other.disputing:
            continue  # two denials of one thing answer a third claim, not each other
        if denial.text and denial.text in other.text and _DENIAL_WORD.search(other.text):
            continue  # the denial itself retold ("X was denied a permit"), not what it answers
        common = len(mine.intersection(other.words))
        if common < 3:
            continue
        overlap = common / min(len(mine), len(other.words))
        if overlap < 0.5:
            continue
        if best is None or (overlap, common) > best:
            best, chosen = (overlap, common), other
    return chosen


def _compatible(group: str, other: str, name: str) -> bool:
    """Can a name of type `group` be the same thing as a known entity of type `other`?

    The small model swaps organisation, place and facility labels freely, and sometimes
    calls an organisation a person; a full name of two words or more is evidence enough
    across any of those. A one-word name may only cross between the non-person groups.
    """
    if group == other:
        return True
    if len(name_tokens(name)) >= 2:
        return True
    return "person" not in (group, other)


class _Postings:
    """Key -> the entities indexed under it, with a lone entity held as itself.

    Most keys of the name indexes (near-name pieces above all) hold one entity, and an
    empty set costs 216 bytes: holding the string alone keeps the index of a 10,000-article
    store a third smaller.
    """

    __slots__ = ("_entries",)

    def __init__(self) -> None:
        self._entries: dict[str, str | set[str]] = {}

    def get(self, key: str) -> Collection[str]:
        entry = self._entries.get(key, ())
        return (entry,) if isinstance(entry, str) else entry

    def items(self) -> Iterator[tuple[str, Collection[str]]]:
        for key in self._entries:
            yield key, self.get(key)

    def add(self, key: str, iri: str) -> None:
        entry = self._entries.get(key)
        if entry is None:
            self._entries[key] = iri
        elif isinstance(entry, str):
            if entry != iri:
                self._entries[key] = {entry, iri}
        else:
            entry.add(iri)

    def discard(self, key: str, iri: str) -> None:
        entry = self._entries.get(key)
        if entry is None:
            return
        if isinstance(entry, str):
            if entry == iri:
                del self._entries[key]
            return
        entry.discard(iri)
        if len(entry) == 1:
            self._entries[key] = next(iter(entry))


class Resolver:
    """Resolves articles one after another against the store (see the module docstring)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._loaded = False
        self.loads = 0  # times the index was read from the store (once a run, unless a
        # write failed part-way: the counter benchmarks and tests read)
        self._contexts: dict[str, set[str]] = {}  # memo for context_of, reset per article
        self._dropping: set[str] = set()  # graphs the article being resolved replaces

    # --- the index of what is stored -----------------------------------------------------

    def invalidate(self) -> None:
        """Forget the index; the next article reads it from the store again."""
        self._loaded = False

    def _load(self) -> None:
        self.loads += 1
        self.known: dict[str, _Known] = {}
        self.by_key = _Postings()
        self.by_core = _Postings()
        self.by_surname = _Postings()
        self.by_initial = _Postings()
        self.by_similar = _Postings()  # similar_keys -> entities
        self.article_entities: dict[str, set[str]] = defaultdict(set)
        self.published: dict[str, date | None] = {}
        self.figures: dict[str, list[_Figure]] = defaultdict(list)  # series -> figures
        self.claims: list[_Claim] = []
        self.claims_by_word: dict[str, list[_Claim]] = defaultdict(list)
        self.denials: list[_Claim] = []  # the stored claims whose cue rejects or denies
        store = self.store
        for row in store.select(f"""
            SELECT ?e ?name ?type WHERE {{ GRAPH {_ENTITIES} {{ ?e schema:name ?name ;
                                                                  sg:nerType ?type }} }}"""):
            self._add_known(str(row["e"]), str(row["name"]), type_group(str(row["type"])))
        for row in store.select("""
            SELECT DISTINCT ?e ?alias WHERE { GRAPH ?g { ?g a schema:NewsArticle .
                                                         ?e schema:alternateName ?alias } }"""):
            self._add_name(str(row["e"]), str(row["alias"]))
        for row in store.select("""
            SELECT ?g ?published WHERE { GRAPH ?g { ?g a schema:NewsArticle .
                                         OPTIONAL { ?g schema:datePublished ?published } } }"""):
            self.published[sys.intern(str(row["g"]))] = _day(row["published"])  # type: ignore[arg-type]
        for row in store.select("""
            SELECT ?g ?e WHERE { GRAPH ?g { ?g schema:mentions ?e } }"""):
            self._add_mention(str(row["g"]), str(row["e"]))
        for row in store.select("""
            SELECT ?f ?g ?value ?series ?by WHERE {
              GRAPH ?g { ?f a schema:QuantitativeValue ; sg:series ?series .
                         OPTIONAL { ?f schema:value ?value } }
              OPTIONAL { GRAPH ?h { ?f prov:wasInvalidatedBy ?by } }
            }"""):
            article = sys.intern(str(row["g"]))
            self.figures[str(row["series"])].append(_Figure(
                str(row["f"]), article, self.published.get(article),
                row["value"] if isinstance(row["value"], (int, float)) else None,
                str(row["series"]), str(row["by"]) if row["by"] else None))
        for row in store.select("""
            SELECT ?c ?g ?text ?speaker ?stance (BOUND(?target) AS ?answered) WHERE {
              GRAPH ?g { ?c a schema:Claim ; nif:anchorOf ?text .
                         OPTIONAL { ?c prov:wasAttributedTo ?speaker }
                         OPTIONAL { ?c sg:stance ?stance } }
              OPTIONAL { GRAPH ?h { ?c sg:disputes ?target } } }"""):
            article = sys.intern(str(row["g"]))
            self._add_claim(_Claim(str(row["c"]), article, self.published.get(article),
                                   sys.intern(str(row["speaker"])) if row["speaker"] else None,
                                   _stored_words(str(row["text"])),
                                   row["stance"] in DISPUTING_STANCES, bool(row["answered"]),
                                   _flat(str(row["text"]))))
        # Entities merged away by hand: a name that would mint one resolves to the survivor.
        self.redirects: dict[str, str] = {
            str(r["merged"]): str(r["kept"]) for r in store.select(f"""
            SELECT ?merged ?kept WHERE {{ GRAPH {_RESOLUTION} {{
              ?m a sg:Merge ; sg:merged ?merged ; sg:kept ?kept .
              FILTER NOT EXISTS {{ ?m prov:wasInvalidatedBy ?undo }} }} }}""")}
        # Pairs a person split apart: never merged again automatically.
        self.apart: set[frozenset[str]] = {
            frozenset((str(r["kept"]), str(r["merged"]))) for r in store.select(f"""
            SELECT ?kept ?merged WHERE {{ GRAPH {_RESOLUTION} {{
              ?s a sg:Split ; sg:kept ?kept ; sg:merged ?merged }} }}""")}
        self._loaded = True

    def _add_known(self, iri: str, name: str, group: str) -> None:
        if iri not in self.known:
            self.known[iri] = _Known(iri, group, name)
        self._add_name(iri, name)

    def _add_name(self, iri: str, name: str) -> None:
        known = self.known.get(iri)
        if known is None or not name or name in known.names:
            return
        known.names.add(name)
        for index, key in self._name_keys(known, name):
            index.add(key, iri)

    def _drop_name(self, iri: str, name: str) -> None:
        known = self.known[iri]
        known.names.discard(name)
        for index, key in self._name_keys(known, name):
            index.discard(key, iri)

    def _name_keys(self, known: _Known, name: str) -> list[tuple[_Postings, str]]:
        """Where a name of `known` is indexed: (index, key) pairs."""
        key = name_key(name)
        keys = [(self.by_key, key)]
        # Every name, descriptions too: a near-name is scored against all of an entity's.
        keys += [(self.by_similar, k) for k in similar_keys(name)]
        if _is_generic(name):
            # A description ("government") matches only itself: as a near-name or a
            # surname it would pull in every organisation.
            return keys
        keys += [(self.by_core, core_key(name)), (self.by_initial, key[:1])]
        tokens = name_tokens(name)
        if known.group == "person" and tokens:
            keys.append((self.by_surname, tokens[-1]))
        return keys

    def _add_claim(self, claim: _Claim) -> None:
        claim.seq = self.claims[-1].seq + 1 if self.claims else 0
        self.claims.append(claim)
        for word in claim.words:
            self.claims_by_word[word].append(claim)
        if claim.disputing:
            self.denials.append(claim)

    def _index_claims(self) -> None:
        """The claims' word index and denials again, from `claims` (after some left)."""
        self.claims_by_word = defaultdict(list)
        self.denials = []
        for claim in self.claims:
            for word in claim.words:
                self.claims_by_word[word].append(claim)
            if claim.disputing:
                self.denials.append(claim)

    def _sharing_three_words(self, claim: _Claim) -> list[_Claim]:
        """The stored claims with at least three of `claim`'s content words (what
        `_disputed` asks for), in index order. One with three of them has one of any
        len(words) - 2 of them: the rarest are looked up."""
        rarest = sorted(claim.words, key=lambda w: len(self.claims_by_word.get(w, ())))
        found: dict[int, _Claim] = {}
        for word in rarest[:max(len(rarest) - 2, 0)]:
            for other in self.claims_by_word.get(word, ()):
                found[other.seq] = other
        return [found[seq] for seq in sorted(found)]

    def _add_mention(self, article: str, iri: str) -> None:
        # One string per article and entity however often they are read: a store's rows
        # hold each of them hundreds of times.
        article = sys.intern(article)
        known = self.known.get(iri)
        if known is not None:
            iri = known.iri
            known.articles.add(article)
        self.article_entities[article].add(iri)

    def context_of(self, iri: str) -> set[str]:
        """Entities that appear in the same articles as `iri` (named ones only)."""
        cached = self._contexts.get(iri)
        if cached is not None:
            return cached
        known = self.known.get(iri)
        if known is None:
            return set()
        seen: set[str] = set()
        for article in known.articles:
            seen |= self.article_entities.get(article, set())
        seen.discard(iri)
        context = {e for e in seen if e in self.known and not _is_generic(self.known[e].name)}
        self._contexts[iri] = context
        return context

    # --- resolving one article ------------------------------------------------------------

    def resolve(self, extraction: Extraction, dropping: Collection[str] = ()) -> Resolution:
        """Resolve one article; `dropping` are the article graphs its write drops (its own
        older version), which nothing is compared with."""
        if not self._loaded:
            self._load()
        self._dropping = set(dropping)
        article = article_iri(extraction.article.id)
        result = Resolution(article)
        self._contexts = {}
        pending: list[Entity] = []
        for entity in extraction.entities:
            group = type_group(entity.type)
            if group == "person" and not is_full_name(entity.name):
                pending.append(entity)  # a lone surname ("Vance", "Mr Vance") needs context
                continue
            exact = self._exact(entity, group)
            if len(exact) == 1:
                result.iris[entity.id] = exact[0]
            else:
                pending.append(entity)
        context = {iri for local, iri in result.iris.items()
                   if not _is_generic(self._local_name(extraction, local))}
        for entity in pending:
            self._resolve_pending(extraction, entity, context, result)
        self._absorb_surnames(extraction, result)
        self._figures(extraction, result)
        self._disputes(extraction, result)
        result.quads.extend(self._match_quads(result))
        return result

    @staticmethod
    def _local_name(extraction: Extraction, local: str) -> str:
        entity = extraction.entity(local)
        return entity.name if entity else ""

    def _forms(self, entity: Entity) -> list[str]:
        """The entity's own name, and its aliases that are names, not descriptions."""
        return [n for n in dict.fromkeys((entity.name, *entity.aliases))
                if n == entity.name or not _is_generic(n)]

    def _exact(self, entity: Entity, group: str) -> list[str]:
        found: dict[str, None] = {}
        forms = self._forms(entity)
        if group == "person":
            # "Williams" or "Mr Williams" beside "Lou Williams" is a surname: it matches
            # through context (lone surnames), never by itself.
            forms = [f for f in forms if is_full_name(f)]
        for form in forms:
            for iri in sorted(self.by_key.get(name_key(form))):
                known = self.known[iri]
                if _compatible(group, known.group, form):
                    found[self.redirects.get(iri, iri)] = None
        return list(found)

    def _shared(self, context: set[str], iri: str) -> list[str]:
        return sorted(context & self.context_of(iri))

    def _resolve_pending(self, extraction: Extraction, entity: Entity, context: set[str],
                         result: Resolution) -> None:
        group = type_group(entity.type)
        tokens = name_tokens(entity.name)
        if group == "person" and not is_full_name(entity.name) and tokens:
            self._resolve_surname(entity, tokens[-1], context, result)
            return
        exact = self._exact(entity, group)
        if exact:
            # One name, several entities (namesakes kept apart before): context decides.
            ranked = sorted(exact, key=lambda i: (-len(self._shared(context, i)),
                                                  -len(self.known[i].articles), i))
            result.iris[entity.id] = ranked[0]
            return
        self._resolve_similar(entity, group, context, result)

    def _resolve_surname(self, entity: Entity, surname: str, context: set[str],
                         result: Resolution) -> None:
        gender = person_gender(self._forms(entity))
        scored: list[tuple[int, str, list[str]]] = []
        for iri in sorted(self.by_surname.get(surname)):
            iri = self.redirects.get(iri, iri)
            known = self.known.get(iri)
            if known is None or known.group != "person":
                continue
            other = person_gender(sorted(known.names))
            if gender and other and gender != other:
                continue  # "Mr Vance" is not Helen Vance
            shared = self._shared(context, iri)
            scored.append((len(shared), iri, shared))
        scored.sort(key=lambda s: (-s[0], s[1]))
        best = scored[0] if scored and scored[0][0] > 0 else None
        if best is not None and (len(scored) == 1 or scored[1][0] < best[0]):
            result.iris[entity.id] = best[1]
            result.matches.append(Match(entity.name, best[1], "surname in context", "merged",
                                        _strength(best[0]),
                                        evidence=tuple(best[2])))
            rest = scored[1:]
        else:
            result.iris[entity.id] = self._mint(entity, result, follow=False)
            rest = scored
        for shared_count, iri, shared in rest[:MAX_RECORDED]:
            result.matches.append(Match(
                entity.name, result.iris[entity.id], "surname in context",
                "candidate" if shared_count else "apart",
                _strength(shared_count), candidate=iri,
                evidence=tuple(shared)))

    def _resolve_similar(self, entity: Entity, group: str, context: set[str],
                         result: Resolution) -> None:
        forms = self._forms(entity)
        if group == "person":
            # Compare full names only: a shared surname alias is not a similar name.
            forms = [f for f in forms if is_full_name(f)]
        # The entities with a name of the same core or initial (what is compared), of
        # those only the ones with a name similar_probes finds: the rest score 0.
        pool: set[str] = set()
        near: set[str] = set()
        initials = {name_key(form)[:1] for form in forms}
        for form in forms:
            pool.update(self.by_core.get(core_key(form)))
            for probe in similar_probes(form):
                near.update(self.by_similar.get(probe))
        pool |= {iri for iri in near
                 if any(iri in self.by_initial.get(initial) for initial in initials)}
        scored: list[tuple[float, float, str, list[str]]] = []
        for iri in sorted(pool):
            known = self.known[iri]
            if group != known.group and "person" in (group, known.group):
                continue
            names = [n for n in known.names if known.group != "person" or is_full_name(n)]
            # Names far apart in length are neither a slip nor "X" vs "X UK" (cheap test first).
            similarity = max((cached_similarity(f, n) for f in forms for n in names
                              if abs(len(f) - len(n)) <= 2 or core_key(f) == core_key(n)
                              or f.endswith(" " + n) or n.endswith(" " + f)),
                             default=0.0)
            if similarity < CANDIDATE_MIN_SIMILARITY:
                continue
            shared = self._shared(context, iri)
            score = round(0.5 * similarity + 0.5 * _strength(len(shared)), 3)
            scored.append((score, similarity, self.redirects.get(iri, iri), shared))
        scored.sort(key=lambda s: (-s[0], s[2]))
        if scored:
            score, similarity, iri, shared = scored[0]
            # Merged only within one type group: "Germans" beside "Germany" is a candidate.
            if (similarity >= MERGE_MIN_SIMILARITY and len(shared) >= MERGE_MIN_SHARED
                    and self.known[iri].group == group):
                result.iris[entity.id] = iri
                result.matches.append(Match(entity.name, iri, "similar name", "merged", score,
                                            evidence=tuple(shared)))
                return
        result.iris[entity.id] = self._mint(entity, result)
        for score, _similarity, iri, shared in scored[:MAX_RECORDED]:
            result.matches.append(Match(entity.name, result.iris[entity.id], "similar name",
                                        "candidate", score, candidate=iri,
                                        evidence=tuple(shared)))

    def _absorb_surnames(self, extraction: Extraction, result: Resolution) -> None:
        """A person stored under a lone surname, now named in full with the same company.

        The earlier article's entity cannot be rewritten by this article's mapping, so a
        strong match (MERGE_MIN_SHARED_SURNAME shared entities, no other person of that
        surname sharing as much with it, no contradicting honorific, no split between the
        two on record) is merged in the article's own write, as a `sg:Merge` by storygraph
        itself, which
        `storygraph split` undoes. Weaker matches are candidates.
        """
        context = {iri for local, iri in result.iris.items()
                   if not _is_generic(self._local_name(extraction, local))}
        taken: set[str] = set()
        for entity in extraction.entities:
            tokens = name_tokens(entity.name)
            if type_group(entity.type) != "person" or not is_full_name(entity.name):
                continue
            full = result.iris[entity.id]
            gender = person_gender(self._forms(entity))
            for iri in sorted(self.by_surname.get(tokens[-1])):
                known = self.known.get(iri)
                if (known is None or iri == full or iri in taken or known.group != "person"
                        or is_full_name(known.name)
                        or frozenset((full, iri)) in self.apart):
                    continue
                other = person_gender(sorted(known.names))
                if gender and other and gender != other:
                    continue
                theirs = self.context_of(iri)
                shared = sorted((context - {full}) & theirs)
                if not shared:
                    continue
                rivals = [p for p in self.by_surname.get(tokens[-1]) if p not in (full, iri)
                          and is_full_name(self.known[p].name)
                          and len(theirs & self.context_of(p)) >= len(shared)]
                strong = len(shared) >= MERGE_MIN_SHARED_SURNAME and not rivals
                result.matches.append(Match(
                    known.name, full, "surname in context", "merged" if strong else "candidate",
                    _strength(len(shared)), candidate=iri, evidence=tuple(shared)))
                if strong:
                    result.absorb.append((full, iri))
                    taken.add(iri)

    def _mint(self, entity: Entity, result: Resolution, *, follow: bool = True) -> str:
        """A new canonical IRI for the name; a namesake kept apart gets "-2", "-3", ...

        An IRI merged away resolves to the entity it was merged into, unless the caller
        (`follow=False`) has just weighed that entity and kept this name apart from it.
        """
        base = f"{type_group(entity.type)}/{slug(entity.name)}"
        taken = set(result.iris.values())
        n = 1
        while True:
            iri = entity_iri(base if n == 1 else f"{base}-{n}")
            if iri in self.redirects:
                if follow:
                    return self.redirects[iri]
                n += 1
                continue
            if iri not in self.known and iri not in taken:
                return iri
            n += 1

    # --- figures and disputes ---------------------------------------------------------------

    def _sites(self, q: Quantity, result: Resolution, extraction: Extraction) -> list[str]:
        sites = []
        for local in q.about:
            entity = extraction.entity(local)
            iri = result.iris.get(local)
            if entity is None or iri is None or _is_generic(entity.name):
                continue
            if type_group(entity.type) != "person" and iri not in sites:
                sites.append(iri)
        return sites

    def _figures(self, extraction: Extraction, result: Resolution) -> None:
        published = _day(extraction.article.published)
        for i, q in enumerate(extraction.quantities):
            if not q.unit:
                continue
            kind = (q.unit.casefold(), qualifier_family(q.qualifier))
            sites = self._sites(q, result, extraction)
            series = self._series_for(kind, sites)
            if series is None:
                label = slug(" ".join(p for p in kind if p))
                where = sites[0][len(ENTITY_BASE):] if sites else \
                    f"article/{extraction.article.id}/{i}"
                series = SERIES_BASE + label + "/" + where
            result.series[i] = series
            self._supersede(i, q, series, published, result)

    def _series_for(self, kind: tuple[str, str], sites: list[str]) -> str | None:
        """The stored series of this kind whose main site is one of `sites`, if any.

        A series IRI ends with the path of the site its first figure was about, so a
        figure about several sites finds every series it may belong to by look-up.
        """
        if not sites:
            return None
        prefix = SERIES_BASE + slug(" ".join(p for p in kind if p)) + "/"
        votes: Counter[str] = Counter()
        for site in sites:
            series = prefix + site[len(ENTITY_BASE):]
            if series in self.figures:
                votes[series] += len(self.figures[series])
        if votes:
            return sorted(votes, key=lambda s: (-votes[s], s))[0]
        return None

    def _supersede(self, i: int, q: Quantity, series: str, published: date | None,
                   result: Resolution) -> None:
        if published is None or q.value is None:
            return
        mine = figure_iri(result.article, i)
        later: list[_Figure] = []
        for other in self.figures.get(series, []):
            if other.published is None or other.value is None or other.value == q.value:
                continue
            if other.article in self._dropping:
                continue  # this article's own older version, about to be replaced
            # A mark made by this article's own older version leaves with it: mark again.
            marked = other.invalidated_by is not None and \
                other.invalidated_by not in self._dropping
            if published - other.published > SUPERSEDE_AFTER and not marked:
                result.superseded.append((other.iri, result.article, published.isoformat()))
            elif other.published - published > SUPERSEDE_AFTER:
                later.append(other)
        if later:
            first = min(later, key=lambda f: (f.published, f.iri))
            assert first.published is not None
            result.superseded.append((mine, first.article, first.published.isoformat()))

    def _disputes(self, extraction: Extraction, result: Resolution) -> None:
        published = _day(extraction.article.published)
        local = [_Claim(claim_iri(result.article, i), result.article, published,
                        result.iris.get(c.speaker) if c.speaker else None,
                        _stored_words(c.text), c.stance in DISPUTING_STANCES,
                        text=_flat(c.text))
                 for i, c in enumerate(extraction.claims)]

        def stored(c: _Claim) -> bool:
            # Not the article's own older version, which its write drops.
            return c.article != result.article and c.article not in self._dropping

        def dated_before(c: _Claim, when: date | None) -> bool:
            return when is None or c.published is None or c.published <= when

        for i, mine in enumerate(local):
            if mine.disputing:
                target = _disputed(mine, local[:i] + [
                    c for c in self._sharing_three_words(mine)
                    if stored(c) and dated_before(c, published)])
                if target is not None:
                    result.disputes.append((mine.iri, target.iri))
                    mine.answered = True
        # A denial stored before the claim it answers arrived (articles come in any order).
        for denial in self.denials:
            if denial.answered or not stored(denial):
                continue
            pool = [c for c in local if dated_before(c, denial.published)]
            target = _disputed(denial, pool)
            if target is not None:
                result.disputes.append((denial.iri, target.iri))

    # --- quads and index upkeep ---------------------------------------------------------------

    def _match_quads(self, result: Resolution) -> list[ox.Quad]:
        graph = ox.NamedNode(result.article)
        quads: list[ox.Quad] = []
        for n, match in enumerate(result.matches):
            node = ox.NamedNode(f"{result.article}#match-{n}")
            quads += [
                ox.Quad(node, A, ENTITY_MATCH, graph),
                ox.Quad(node, MATCHED_NAME, ox.Literal(match.name), graph),
                ox.Quad(node, RESOLVED_TO, ox.NamedNode(match.entity), graph),
                ox.Quad(node, METHOD, ox.Literal(match.method), graph),
                ox.Quad(node, DECISION, ox.Literal(match.decision), graph),
                ox.Quad(node, SCORE, ox.Literal(str(float(match.score)), datatype=_XSD_DOUBLE),
                        graph),
            ]
            if match.candidate:
                quads.append(ox.Quad(node, CANDIDATE, ox.NamedNode(match.candidate), graph))
            quads += [ox.Quad(node, EVIDENCE, ox.NamedNode(e), graph) for e in match.evidence]
        for i, series in sorted(result.series.items()):
            quads.append(ox.Quad(ox.NamedNode(figure_iri(result.article, i)), SERIES,
                                 ox.NamedNode(series), graph))
        for figure, by, when in result.superseded:
            # The mark lives in the graph of the article that did the superseding.
            by_graph = ox.NamedNode(by)
            stamp = date_literal(when + "T00:00:00")
            quads += [ox.Quad(ox.NamedNode(figure), INVALIDATED_BY, by_graph, by_graph),
                      ox.Quad(ox.NamedNode(figure), INVALIDATED_AT, stamp, by_graph)]
        for claim, target in result.disputes:
            # In this article's graph even when the denial is an earlier-stored article's:
            # this article's arrival made the link, and replacing it redoes it.
            quads.append(ox.Quad(ox.NamedNode(claim), DISPUTES, ox.NamedNode(target), graph))
        return quads

    def forget(self, articles: Collection[str]) -> None:
        """Drop articles whose graphs are gone (replaced or removed) from the index, cheaply.

        Names they gave stay known, which is harmless: a name is evidence only with context,
        and the context (which articles mention what) is what is dropped here.
        """
        old = {a for a in articles if a in self.published}
        for article in old:
            for iri in self.article_entities.pop(article, set()):
                if iri in self.known:
                    self.known[iri].articles.discard(article)
            self.published.pop(article, None)
        if old:
            for series, figures in self.figures.items():
                self.figures[series] = [f for f in figures if f.article not in old]
                for figure in self.figures[series]:
                    if figure.invalidated_by in old:
                        figure.invalidated_by = None  # its mark left with the old graph
            self.claims = [c for c in self.claims if c.article not in old]
            self._index_claims()

    def stored(self, extraction: Extraction | None, resolution: Resolution | None,
               write: ArticleWrite) -> None:
        """Fold a committed write into the index, the merges resolution made with it too."""
        if not self._loaded:
            return
        self.forget(write.dropping)
        if extraction is None or resolution is None or not write.write_graph:
            return
        article = resolution.article
        published = _day(extraction.article.published)
        self.published[article] = published
        first_name: dict[str, tuple[str, str]] = {}
        for entity in extraction.entities:
            iri = resolution.iris[entity.id]
            first_name.setdefault(iri, (entity.name, type_group(entity.type)))
        for iri, (name, group) in first_name.items():
            self._add_known(iri, name, group)
        for entity in extraction.entities:
            iri = resolution.iris[entity.id]
            for form in (entity.name, *entity.aliases):
                self._add_name(iri, form)
            self._add_mention(article, iri)
        invalidated = {f: by for f, by, _when in resolution.superseded}
        if invalidated:
            # A figure superseded is in the series of the figure that superseded it.
            for series_iri in set(resolution.series.values()):
                for figure in self.figures.get(series_iri, ()):
                    if figure.iri in invalidated:
                        figure.invalidated_by = invalidated[figure.iri]
        for i, series_iri in resolution.series.items():
            q = extraction.quantities[i]
            iri = figure_iri(article, i)
            self.figures[series_iri].append(_Figure(
                iri, article, published, q.value, series_iri, invalidated.get(iri)))
        answered = {claim for claim, _target in resolution.disputes}
        for claim in self.denials:  # what answers a claim is a denial
            if claim.iri in answered:
                claim.answered = True
        for i, c in enumerate(extraction.claims):
            iri = claim_iri(article, i)
            self._add_claim(_Claim(iri, article, published,
                                   resolution.iris.get(c.speaker) if c.speaker else None,
                                   _stored_words(c.text), c.stance in DISPUTING_STANCES,
                                   iri in answered, _flat(c.text)))
        for kept, merged in resolution.absorb:
            self._merged(kept, merged)

    def _merged(self, kept: str, merged: str) -> None:
        """Fold what the index knows of `merged` into `kept`, as the merge did in the store
        (`storygraph.resolve.edits.merge_operations`): the merged entity's record leaves,
        every statement naming it (its names as aliases, mentions, claims it made) names
        the kept entity, and the name that would mint it again redirects to the kept one.
        Reading the whole index again instead costs seconds at 10,000 articles."""
        gone = self.known.get(merged)
        survivor = self.known.get(kept)
        if gone is None or survivor is None:
            self.invalidate()  # not what resolution decided against: read the store
            return
        names = list(gone.names)
        for name in names:
            self._drop_name(merged, name)
        del self.known[merged]
        for article in gone.articles:
            entities = self.article_entities.get(article)
            if entities is not None:
                entities.discard(merged)
                entities.add(kept)
            survivor.articles.add(article)
        for name in names:
            self._add_name(kept, name)
        for claim in self.claims:
            if claim.speaker == merged:
                claim.speaker = kept
        self.redirects[merged] = kept


__all__ = ["Match", "Resolution", "Resolver", "content_words", "qualifier_family"]
