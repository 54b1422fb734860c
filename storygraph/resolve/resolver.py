"""Cross-article resolution: the one stage before `store.put` that reads what is stored.

`Resolver(store).resolve(extraction)` returns a `Resolution`: which canonical entity each of
the article's entities is (local id -> entity IRI, handed to the RDF mapping so the hot
write path never queries), plus what was decided and why, which the mapping records in the
article's graph (`storygraph.rdf.mapping.resolution_quads`):

* Entities. An exact name or alias match with a compatible type is the same entity. A
  lone surname ("Ms Corwen", or a one-word person name) is matched to a person whose
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

The store is read through its interface only (`select_each`), never written: the write is the
caller's. The index of what is stored is read once (a handful of queries, each streamed, the
store released between them) into a private on-disk SQLite file (`storygraph.resolve.known`)
and then kept up to date by `stored()` as articles are put, so resolution costs indexed
look-ups per article, and a run's memory does not grow with the store.
Manual merges are honoured: a name that would mint an entity merged away resolves to the
entity it was merged into (see `storygraph.edits`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol

from storygraph.model import Entity, Extraction, Quantity
from storygraph.rdf.namespace import (
    ENTITIES_GRAPH,
    ENTITY_BASE,
    RESOLUTION_GRAPH,
    SERIES_BASE,
    article_iri,
    claim_iri,
    entity_iri,
    figure_iri,
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
from storygraph.resolve.known import (
    CORE,
    INITIAL,
    KEY,
    SIMILAR,
    SURNAME,
    Claim,
    Figure,
    StoredIndex,
)

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


class Selects(Protocol):
    """What resolution reads the store through (`storygraph.store.GraphStore.select_each`)."""

    def select_each(self, query: str, bindings: Mapping[str, Any] | None = None
                    ) -> Iterator[Mapping[str, Any]]: ...


class Written(Protocol):
    """A committed write, as `Resolver.stored` folds it (`storygraph.store.ArticleWrite`)."""

    @property
    def dropping(self) -> tuple[str, ...]: ...

    @property
    def write_graph(self) -> bool: ...


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
    """What resolution decided for one article, handed to the RDF mapping: `iris` names the
    article's entities, and `rdf.mapping.resolution_quads` records the rest in its graph."""

    article: str  # article IRI
    iris: dict[str, str] = field(default_factory=dict)  # local entity id -> entity IRI
    matches: list[Match] = field(default_factory=list)
    series: dict[int, str] = field(default_factory=dict)  # figure index -> series IRI
    superseded: list[tuple[str, str, str]] = field(default_factory=list)  # figure, by, date
    disputes: list[tuple[str, str]] = field(default_factory=list)  # claim IRI -> claim IRI
    # (kept, merged): an entity stored earlier, merged into this article's in its write.
    absorb: list[tuple[str, str]] = field(default_factory=list)


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
    return tuple(sorted(content_words(text)))


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


def _disputed(denial: Claim, pool: list[Claim]) -> Claim | None:
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


def _nothing() -> None:
    pass


class Resolver:
    """Resolves articles one after another against the store (see the module docstring)."""

    def __init__(self, store: Selects, *, release: Callable[[], None] | None = None) -> None:
        self.store = store
        # Called before the index is read and after each of its queries: an ingest flushes
        # the store there, so that neither its write buffer nor what one query read stays
        # in memory while the next query reads (on a large store, tens of MB each).
        self.release = release or _nothing
        self._loaded = False
        self.loads = 0  # times the index was read from the store (once a run, unless a
        # write failed part-way: the counter benchmarks and tests read)
        self._contexts: dict[str, set[str]] = {}  # memo for context_of, reset per article
        self._dropping: set[str] = set()  # graphs the article being resolved replaces
        self.index = StoredIndex()  # read from the store at the first article

    # --- the index of what is stored -----------------------------------------------------

    def invalidate(self) -> None:
        """Forget the index; the next article reads it from the store again."""
        self._loaded = False

    def _load(self) -> None:
        self.loads += 1
        self.index.close()
        self.index = StoredIndex()
        self.release()
        with self.index.batch():
            for row in self._read(f"""
                SELECT ?e ?name ?type WHERE {{ GRAPH {_ENTITIES} {{ ?e schema:name ?name ;
                                                        sg:nerType ?type }} }}"""):
                self._add_known(str(row["e"]), str(row["name"]), type_group(str(row["type"])))
            for row in self._read("""
                SELECT DISTINCT ?e ?alias WHERE { GRAPH ?g { ?g a schema:NewsArticle .
                                                  ?e schema:alternateName ?alias } }"""):
                self._add_name(str(row["e"]), str(row["alias"]))
            published: dict[str, date | None] = {}  # while reading figures and claims
            for row in self._read("""
                SELECT ?g ?published WHERE { GRAPH ?g { ?g a schema:NewsArticle .
                                     OPTIONAL { ?g schema:datePublished ?published } } }"""):
                article = str(row["g"])
                published[article] = _day(row["published"])  # type: ignore[arg-type]
                self.index.add_article(article, published[article])
            self.index.load_mentions((str(row["g"]), str(row["e"])) for row in self._read("""
                SELECT ?g ?e WHERE { GRAPH ?g { ?g schema:mentions ?e } }"""))
            for row in self._read("""
                SELECT ?f ?g ?value ?series ?by WHERE {
                  GRAPH ?g { ?f a schema:QuantitativeValue ; sg:series ?series .
                             OPTIONAL { ?f schema:value ?value } }
                  OPTIONAL { GRAPH ?h { ?f prov:wasInvalidatedBy ?by } }
                }"""):
                article = str(row["g"])
                self.index.add_figure(Figure(
                    str(row["f"]), article, published.get(article),
                    row["value"] if isinstance(row["value"], (int, float)) else None,
                    str(row["series"]), str(row["by"]) if row["by"] else None))
            for row in self._read("""
                SELECT ?c ?g ?text ?speaker ?stance (BOUND(?target) AS ?answered) WHERE {
                  GRAPH ?g { ?c a schema:Claim ; nif:anchorOf ?text .
                             OPTIONAL { ?c prov:wasAttributedTo ?speaker }
                             OPTIONAL { ?c sg:stance ?stance } }
                  OPTIONAL { GRAPH ?h { ?c sg:disputes ?target } } }"""):
                article = str(row["g"])
                self.index.add_claim(Claim(
                    str(row["c"]), article, published.get(article),
                    str(row["speaker"]) if row["speaker"] else None,
                    _stored_words(str(row["text"])), row["stance"] in DISPUTING_STANCES,
                    bool(row["answered"]), _flat(str(row["text"]))))
        # Entities merged away by hand: a name that would mint one resolves to the survivor.
        self.redirects: dict[str, str] = {
            str(r["merged"]): str(r["kept"]) for r in self._read(f"""
            SELECT ?merged ?kept WHERE {{ GRAPH {_RESOLUTION} {{
              ?m a sg:Merge ; sg:merged ?merged ; sg:kept ?kept .
              FILTER NOT EXISTS {{ ?m prov:wasInvalidatedBy ?undo }} }} }}""")}
        # Pairs a person split apart: never merged again automatically.
        self.apart: set[frozenset[str]] = {
            frozenset((str(r["kept"]), str(r["merged"]))) for r in self._read(f"""
            SELECT ?kept ?merged WHERE {{ GRAPH {_RESOLUTION} {{
              ?s a sg:Split ; sg:kept ?kept ; sg:merged ?merged }} }}""")}
        self._loaded = True

    def _read(self, query: str) -> Iterator[Mapping[str, Any]]:
        """A query's rows as the store yields them; the store released after the last."""
        yield from self.store.select_each(query)
        self.release()


    def _add_known(self, iri: str, name: str, group: str) -> None:
        self.index.add_entity(iri, group, name, named=not _is_generic(name),
                              lone=group == "person" and not is_full_name(name))
        self._add_name(iri, name)

    def _add_name(self, iri: str, name: str) -> None:
        group = self.index.group(iri)
        if group is None or not name or not self.index.add_name(iri, name):
            return
        self.index.post(self._name_keys(group, name), iri)

    def _drop_name(self, iri: str, name: str) -> None:
        group = self.index.group(iri)
        assert group is not None
        self.index.drop_name(iri, name)
        self.index.unpost(self._name_keys(group, name), iri)

    @staticmethod
    def _name_keys(group: str, name: str) -> list[tuple[int, str]]:
        """Where a name of an entity of `group` is indexed: (index, key) pairs."""
        key = name_key(name)
        keys = [(KEY, key)]
        # Every name, descriptions too: a near-name is scored against all of an entity's.
        keys += [(SIMILAR, k) for k in similar_keys(name)]
        if _is_generic(name):
            # A description ("government") matches only itself: as a near-name or a
            # surname it would pull in every organisation.
            return keys
        keys += [(CORE, core_key(name)), (INITIAL, key[:1])]
        tokens = name_tokens(name)
        if group == "person" and tokens:
            keys.append((SURNAME, tokens[-1]))
        return keys

    def _sharing_three_words(self, claim: Claim, *, open_denials: bool = False) -> list[Claim]:
        """The stored claims with at least three of `claim`'s content words (what
        `_disputed` asks for), in index order; with `open_denials`, only unanswered denials."""
        if len(claim.words) < 3:
            return []
        return self.index.claims_sharing(claim.words, 3, open_denials=open_denials)

    def context_of(self, iri: str) -> set[str]:
        """Entities that appear in the same articles as `iri` (named ones only)."""
        cached = self._contexts.get(iri)
        if cached is None:
            cached = self._contexts[iri] = self.index.context(iri) \
                if self.index.has_entity(iri) else set()
        return cached

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
                pending.append(entity)  # a lone surname ("Corwen", "Mr Corwen") needs context
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
            for iri in sorted(self.index.posted(KEY, (name_key(form),))):
                other = self.index.group(iri)
                if other is not None and _compatible(group, other, form):
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
            mentions = self.index.article_counts(exact)
            ranked = sorted(exact, key=lambda i: (-len(self._shared(context, i)),
                                                  -mentions.get(i, 0), i))
            result.iris[entity.id] = ranked[0]
            return
        self._resolve_similar(entity, group, context, result)

    def _resolve_surname(self, entity: Entity, surname: str, context: set[str],
                         result: Resolution) -> None:
        gender = person_gender(self._forms(entity))
        scored: list[tuple[int, str, list[str]]] = []
        namesakes = sorted(self.index.posted(SURNAME, (surname,)))
        records = self.index.entities([self.redirects.get(iri, iri) for iri in namesakes])
        for iri in namesakes:
            iri = self.redirects.get(iri, iri)
            known = records.get(iri)
            if known is None or known.group != "person":
                continue
            other = person_gender(sorted(known.names))
            if gender and other and gender != other:
                continue  # "Mr Corwen" is not Helen Corwen
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
        # those only the ones whose names meet enough of similar_probes' pieces: the rest
        # score 0.
        # Across types only between non-person groups ("Germans" and "Germany").
        pool = self.index.near({core_key(form) for form in forms},
                               [similar_probes(form) for form in forms],
                               {name_key(form)[:1] for form in forms}, person=group == "person")
        scored: list[tuple[float, float, str, list[str]]] = []
        for iri in sorted(pool):
            known = pool[iri]
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
                    and self.index.group(iri) == group):
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
            namesakes: list[str] | None = None  # every person of that surname, if need be
            for iri, name in self.index.lone_surnames(tokens[-1]):
                if iri == full or iri in taken or frozenset((full, iri)) in self.apart:
                    continue
                other = person_gender(self.index.names(iri))
                if gender and other and gender != other:
                    continue
                theirs = self.context_of(iri)
                shared = sorted((context - {full}) & theirs)
                if not shared:
                    continue
                if namesakes is None:
                    namesakes = [p for p, (_group, name) in self.index.heads(
                        self.index.posted(SURNAME, (tokens[-1],))).items() if is_full_name(name)]
                rivals = [p for p in namesakes if p not in (full, iri)
                          and len(theirs & self.context_of(p)) >= len(shared)]
                strong = len(shared) >= MERGE_MIN_SHARED_SURNAME and not rivals
                result.matches.append(Match(
                    name, full, "surname in context", "merged" if strong else "candidate",
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
            if iri not in taken and not self.index.has_entity(iri):
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
            if self.index.has_series(series):
                votes[series] += len(self.index.figures(series))
        if votes:
            return sorted(votes, key=lambda s: (-votes[s], s))[0]
        return None

    def _supersede(self, i: int, q: Quantity, series: str, published: date | None,
                   result: Resolution) -> None:
        if published is None or q.value is None:
            return
        mine = figure_iri(result.article, i)
        later: list[Figure] = []
        for other in self.index.figures(series):
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
        local = [Claim(claim_iri(result.article, i), result.article, published,
                        result.iris.get(c.speaker) if c.speaker else None,
                        _stored_words(c.text), c.stance in DISPUTING_STANCES,
                        text=_flat(c.text))
                 for i, c in enumerate(extraction.claims)]

        def stored(c: Claim) -> bool:
            # Not the article's own older version, which its write drops.
            return c.article != result.article and c.article not in self._dropping

        def dated_before(c: Claim, when: date | None) -> bool:
            return when is None or c.published is None or c.published <= when

        for i, mine in enumerate(local):
            if mine.disputing:
                target = _disputed(mine, local[:i] + [
                    c for c in self._sharing_three_words(mine)
                    if stored(c) and dated_before(c, published)])
                if target is not None:
                    result.disputes.append((mine.iri, target.iri))
                    mine.answered = True
        # A denial stored before the claim it answers arrived (articles come in any order):
        # one that shares three words with a claim of the article, the only ones it can answer.
        denials = {denial.seq: denial for claim in local if not claim.disputing
                   for denial in self._sharing_three_words(claim, open_denials=True)}
        for denial in (denials[seq] for seq in sorted(denials)):
            if not stored(denial):
                continue
            pool = [c for c in local if dated_before(c, denial.published)]
            target = _disputed(denial, pool)
            if target is not None:
                result.disputes.append((denial.iri, target.iri))

    # --- index upkeep ---------------------------------------------------------------------

    def forget(self, articles: Collection[str]) -> None:
        """Drop articles whose graphs are gone (replaced or removed) from the index, cheaply.

        Names they gave stay known, which is harmless: a name is evidence only with context,
        and the context (which articles mention what) is what is dropped here.
        """
        old = [a for a in sorted(set(articles)) if self.index.has_article(a)]
        if old:
            self.index.forget(old)

    def stored(self, extraction: Extraction | None, resolution: Resolution | None,
               write: Written) -> None:
        """Fold a committed write into the index, the merges resolution made with it too."""
        if not self._loaded:
            return
        with self.index.batch():
            self.forget(write.dropping)
            if extraction is not None and resolution is not None and write.write_graph:
                self._fold(extraction, resolution)

    def _fold(self, extraction: Extraction, resolution: Resolution) -> None:
        article = resolution.article
        published = _day(extraction.article.published)
        self.index.add_article(article, published)
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
            self.index.add_mention(article, iri)
        # A figure superseded is in the series of the figure that superseded it.
        invalidated = {f: by for f, by, _when in resolution.superseded}
        for figure, by in invalidated.items():
            self.index.mark(figure, by, set(resolution.series.values()))
        for i, series_iri in resolution.series.items():
            q = extraction.quantities[i]
            iri = figure_iri(article, i)
            self.index.add_figure(Figure(
                iri, article, published, q.value, series_iri, invalidated.get(iri)))
        answered = {claim for claim, _target in resolution.disputes}
        self.index.answered(answered)  # what answers a claim is a denial
        for i, c in enumerate(extraction.claims):
            iri = claim_iri(article, i)
            self.index.add_claim(Claim(iri, article, published,
                                       resolution.iris.get(c.speaker) if c.speaker else None,
                                       _stored_words(c.text), c.stance in DISPUTING_STANCES,
                                       iri in answered, _flat(c.text)))
        for kept, merged in resolution.absorb:
            self._merged(kept, merged)

    def _merged(self, kept: str, merged: str) -> None:
        """Fold what the index knows of `merged` into `kept`, as the merge did in the store
        (`storygraph.edits.merge_operations`): the merged entity's record leaves,
        every statement naming it (its names as aliases, mentions, claims it made) names
        the kept entity, and the name that would mint it again redirects to the kept one.
        Reading the whole index again instead costs seconds at 10,000 articles."""
        if not (self.index.has_entity(merged) and self.index.has_entity(kept)):
            self.invalidate()  # not what resolution decided against: read the store
            return
        names = self.index.names(merged)
        for name in names:
            self._drop_name(merged, name)
        self.index.drop_entity(merged)
        self.index.move_mentions(merged, kept)
        for name in names:
            self._add_name(kept, name)
        self.index.respeak(merged, kept)
        self.redirects[merged] = kept


__all__ = ["Match", "Resolution", "Resolver", "content_words", "qualifier_family"]
