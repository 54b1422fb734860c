"""Lookups behind the listing commands: lists of flat dicts with DESIGN.md's row keys.

Values are str, int, float, bool, None or lists of str, so every row serialises
to JSON and CSV as the contract says. User text (a name to look up) reaches
SPARQL only as a VALUES value escaped by pyoxigraph, never pasted into the query.

A lookup costs what its answer costs: it first finds the few things asked about
(the entities a name matches, the claims of those speakers), then every other
query starts from them, bound in a VALUES block, so the store's indexes lead
straight to their statements instead of a pattern being matched against the
whole store and filtered.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from storygraph.rdf.index import (
    ENTITY_COUNTS_SINCE,
    GRAM,
    INDEX,
    NAMES_SINCE,
    PROFILE_KEYS_SINCE,
    WORD_GRAM,
    WORD_VOCABULARY_SINCE,
    article_key,
    claim_key,
    index_version,
    key_item,
    key_order,
    name_words,
    node_word,
    word_grams,
)
from storygraph.rdf.namespace import ARTICLE_BASE, ENTITIES_GRAPH, ENTITY_BASE, INDEX_GRAPH
from storygraph.rdf.sparql import values_block
from storygraph.rdf.terms import Literal, NamedNode
from storygraph.store import GraphStore

# GROUP_CONCAT separator for lists: a control character no name or text contains.
LIST_SEP = "\u001f"
ENTITIES = f"<{ENTITIES_GRAPH}>"


def split_list(value: Any) -> list[str]:
    """The distinct items of a list made with `LIST_SEP`, sorted."""
    return sorted(set(str(value).split(LIST_SEP))) if value else []


def _needle(name: str) -> str:
    return values_block(["needle"], [[name]])


def bound(variable: str, iris: Iterable[str]) -> str:
    """A VALUES block binding `variable` to these IRIs: where a lookup's query starts."""
    return values_block([variable], [[NamedNode(iri)] for iri in iris])


def optional_in_article(*patterns: str) -> str:
    """Each pattern as its own `OPTIONAL { GRAPH ?article { ... } }`.

    Oxigraph evaluates an OPTIONAL written inside a GRAPH block without the
    bindings from outside it: `VALUES ?claim {...} GRAPH ?article { ?claim ...
    OPTIONAL {...} }` matched every claim in the store before joining (8 s for
    16 claims at 10,000 articles, against 1 ms written this way).
    """
    return "\n".join(f"OPTIONAL {{ GRAPH ?article {{ {p} }} }}" for p in patterns)


_T = TypeVar("_T")


def page(rows: list[_T], limit: int | None, offset: int = 0) -> list[_T]:
    """Rows `offset` to `offset + limit` (all from `offset` when `limit` is None)."""
    return rows[offset:] if limit is None else rows[offset:offset + limit]


def list_entities(store: GraphStore, *, limit: int | None = None, offset: int = 0
                  ) -> list[dict[str, Any]]:
    """Every entity: entity, name, type, mentions (count), articles (count), most widely
    covered first. `limit` and `offset` give one page of them: read from the counts the
    index keeps where the store has them (`most_covered`), down to the page only."""
    if limit is not None:
        found = most_covered(store, offset + limit)
        # Past the last counted entity come those no article mentions: read them all.
        if found is not None and (found[1] or len(found[0]) >= offset + limit):
            return [{key: r[key] for key in _LISTED}
                    for r in page(found[0], limit, offset)]
    rows = store.select(f"""
        SELECT ?entity ?name ?type (COUNT(DISTINCT ?mention) AS ?mentions)
               (COUNT(DISTINCT ?article) AS ?articles)
        WHERE {{
          GRAPH {ENTITIES} {{ ?entity schema:name ?name ; sg:nerType ?type }}
          OPTIONAL {{ GRAPH ?article {{ ?mention itsrdf:taIdentRef ?entity }} }}
        }}
        GROUP BY ?entity ?name ?type
        ORDER BY DESC(?articles) DESC(?mentions) ?name ?entity
    """)
    return [{key: r[key] for key in _LISTED} for r in page(rows, limit, offset)]


_LISTED = ("entity", "name", "type", "mentions", "articles")
_INDEX = f"<{INDEX_GRAPH}>"


def most_covered(store: GraphStore, wanted: int) -> tuple[list[dict[str, Any]], bool] | None:
    """The entities that articles mention, most widely covered first (most articles, then
    most mentions, then name and IRI): rows of entity, name, type, articles and mentions,
    at least the first `wanted` where there are that many, and whether more follow.

    Read from the counts the index keeps (`storygraph.rdf.index`, version 4): the counts
    there are, then the entities of each count from the largest, each count whole (so
    ties are ordered here); None for a store without them.
    """
    if not indexed(store, ENTITY_COUNTS_SINCE):
        return None
    counts = sorted((int(r["n"]) for r in store.select(
        f"SELECT ?n WHERE {{ GRAPH {_INDEX} {{ {_INDEX} sg:articleCounts ?n }} }}")),
        reverse=True)
    rows: list[dict[str, Any]] = []
    for n in counts:
        if len(rows) >= wanted:
            return rows, True
        group = store.select(f"""SELECT ?entity ?name ?type ?mentions WHERE {{
            GRAPH {_INDEX} {{ ?entity sg:articleCount {n} ; sg:mentionCount ?mentions }}
            GRAPH {ENTITIES} {{ ?entity schema:name ?name ; sg:nerType ?type }} }}""")
        rows += sorted(({**r, "articles": n} for r in group), key=lambda r: (
            -int(r["mentions"]), str(r["name"]), str(r["entity"])))
    return rows, False


def indexed(store: GraphStore, since: int = NAMES_SINCE) -> bool:
    """Whether the store keeps the lookup indexes (`storygraph.rdf.index`) of version
    `since` (by default the first: name words, discrepancy flags) up to date."""
    return index_version(store) >= since


def _named(store: GraphStore, name: str) -> set[str] | None:
    """What has a name or a speaker as written with every word of `name` (entities and
    claims, by IRI), read from the name-word index; None when the store has no index."""
    words = sorted(set(name_words(name)), key=len, reverse=True)  # longer words are rarer
    if not words or not indexed(store):
        return None
    # What has the first word, once each, then whether it has each other word too: a join
    # of the words' postings multiplied the graphs that repeat them ("Gulf of Aden" named
    # in 500 articles, each with its words: 500 x 500 x 500 rows before DISTINCT).
    others = " ".join(f"FILTER EXISTS {{ GRAPH ?g{n} {{ ?named sg:nameWord {Literal(w)} }} }}"
                      for n, w in enumerate(words[1:], 1))
    return {str(r["named"]) for r in store.select(f"""
        SELECT ?named WHERE {{
          {{ SELECT DISTINCT ?named WHERE {{ GRAPH ?g0 {{ ?named sg:nameWord
                                                          {Literal(words[0])} }} }} }}
          {others} }}""")}


def matching_entities(store: GraphStore, name: str) -> dict[str, bool]:
    """IRIs of the entities whose name or any alias contains `name` (any case), each with
    whether one of those names is `name` itself.

    Whole words first, through the name-word index: "Blair" finds "Tony Blair" but
    not "Blairgowrie". Only when no name holds `name` as whole words (a part of a word,
    or a store without the index) are all names searched for it as a part.
    """
    return _matching(store, name)


def _matching(store: GraphStore, name: str, records: list[dict[str, Any]] | None = None
              ) -> dict[str, bool]:
    """`matching_entities`; `records` (a list) gets the index's finds' records as
    `find_entities` reads them, where the store keeps the counts they are ordered by."""
    named = _named(store, name)
    found = named and _entities_named(store, name, named, records)
    if found:
        return found
    within = _named_within(store, name)
    return _entities_containing(store, name) if within is None else \
        _entities_named(store, name, within, records)


def _named_within(store: GraphStore, name: str) -> set[str] | None:
    """What has a name or a speaker as written with a word holding the longest word of
    `name` (as a part: "blai" of "blair"), from the index's word vocabulary and the
    name-word index: every name that holds `name` is among them. None when the store has
    no vocabulary or that word is shorter than the vocabulary's grams."""
    part = max(name_words(name), key=len, default="")
    if len(part) < GRAM or not indexed(store, WORD_VOCABULARY_SINCE):
        return None
    # The words with every gram of the part.
    words: set[str] | None = None
    for gram in sorted(word_grams(part)):
        holding = {q.subject.value for q in store.quads_for_pattern(
            None, WORD_GRAM, Literal(gram), INDEX)}
        words = holding if words is None else words & holding
        if not words:
            return set()
    holders = [w for w in sorted(words or ()) if part in node_word(w)]
    if not holders:
        return set()
    words_block = values_block(["word"], [[Literal(node_word(w))] for w in holders])
    return {str(r["named"]) for r in store.select(f"""SELECT DISTINCT ?named WHERE {{
        {words_block} GRAPH ?g {{ ?named sg:nameWord ?word }} }}""")}


def _entities_named(store: GraphStore, name: str, named: set[str],
                    records: list[dict[str, Any]] | None = None) -> dict[str, bool]:
    """Those of the index's finds that are entities with a name containing `name`.

    Record names first (one each); the names articles gave (one per article and name) are
    read only for the entities whose own name is not `name` itself, so looking up the most
    mentioned entity by its name does not read what each of its articles called it.
    With `records` (and the counts kept), the records' type and mention count are read
    with their names, into `records`: a hub's name matches a hundred entities.
    """
    needle = unicodedata.normalize("NFC", name).lower()
    entities = sorted(n for n in named if n.startswith(ENTITY_BASE))
    found: dict[str, bool] = {}
    if not entities:
        return found
    counted = records is not None and indexed(store, ENTITY_COUNTS_SINCE)
    for r in store.select(f"""
            SELECT ?entity ?matched ?type ?mentions WHERE {{ {bound("entity", entities)}
              GRAPH {ENTITIES} {{ ?entity schema:name ?matched }}
              OPTIONAL {{ GRAPH {ENTITIES} {{ ?entity sg:nerType ?type }} }}
              OPTIONAL {{ GRAPH {_INDEX} {{ ?entity sg:mentionCount ?mentions }} }} }}"""
                          if counted else f"""
            SELECT ?entity ?matched WHERE {{ {bound("entity", entities)}
              GRAPH {ENTITIES} {{ ?entity schema:name ?matched }} }}"""):
        if counted and r["type"] is not None:
            records.append({"entity": r["entity"], "name": r["matched"], "type": r["type"],
                            "mentions": r["mentions"]})
        matched = str(r["matched"]).lower()
        if needle in matched:
            found[str(r["entity"])] = matched == needle
    rest = [e for e in entities if not found.get(e)]
    if rest:
        for r in store.select(f"""
                SELECT DISTINCT ?entity ?matched WHERE {{ {bound("entity", rest)}
                  GRAPH ?g {{ ?entity schema:alternateName ?matched }} }}"""):
            matched = str(r["matched"]).lower()
            if needle in matched:
                found[str(r["entity"])] = found.get(str(r["entity"]), False) or \
                    matched == needle
    return found


def _entities_containing(store: GraphStore, name: str) -> dict[str, bool]:
    """Entities with a name containing `name` (any case), by reading every name."""
    rows = store.select(f"""
        SELECT ?entity (MAX(?whole) AS ?exact) WHERE {{
          {_needle(name)}
          {{ GRAPH {ENTITIES} {{ ?entity schema:name ?matched }} }}
          UNION
          {{ GRAPH ?any {{ ?entity schema:alternateName ?matched }} }}
          FILTER(CONTAINS(LCASE(STR(?matched)), LCASE(STR(?needle))))
          BIND(LCASE(STR(?matched)) = LCASE(STR(?needle)) AS ?whole)
        }} GROUP BY ?entity
    """)
    return {str(r["entity"]): bool(r["exact"]) for r in rows}


def find_entities(store: GraphStore, name: str) -> list[dict[str, Any]]:
    """Entities matching `name` (substring of name or alias, any case), best match first:
    whole-name matches, then the most mentioned."""
    records: list[dict[str, Any]] = []
    exact = _matching(store, name, records)
    if not exact:
        return []
    if exact.keys() <= {str(r["entity"]) for r in records}:  # read with the matching
        rows = [r for r in records if str(r["entity"]) in exact]
    elif indexed(store, ENTITY_COUNTS_SINCE):  # the counts the index keeps
        rows = store.select(f"""
            SELECT ?entity ?name ?type ?mentions WHERE {{ {bound("entity", exact)}
              GRAPH {ENTITIES} {{ ?entity schema:name ?name ; sg:nerType ?type }}
              OPTIONAL {{ GRAPH {_INDEX} {{ ?entity sg:mentionCount ?mentions }} }} }}""")
    else:
        rows = store.select(f"""
            SELECT ?entity ?name ?type (COUNT(?mention) AS ?mentions) WHERE {{
              {bound("entity", exact)}
              GRAPH {ENTITIES} {{ ?entity schema:name ?name ; sg:nerType ?type }}
              OPTIONAL {{ GRAPH ?article {{ ?mention itsrdf:taIdentRef ?entity }} }}
            }} GROUP BY ?entity ?name ?type
        """)
    rows.sort(key=lambda r: (not exact[str(r["entity"])], -int(r["mentions"] or 0),
                             str(r["name"]), str(r["entity"])))
    return [{"entity": r["entity"], "name": r["name"], "type": r["type"]} for r in rows]


def entity_profile(store: GraphStore, name: str, *, items: int | None = None,
                   matches: int | None = None) -> list[dict[str, Any]]:
    """A profile per entity matching `name`, best match first; `matches` keeps the best
    that many (all for None).

    Keys: entity, name, type, aliases, mentions (count), articles (ids of the articles
    that mention it, in date order), roles ("title, organisation"), wrote (ids of the
    articles it is an author of), said (claim texts), said_about ("speaker: text"), and
    the counts of the lists: article_count, wrote_count, said_count, said_about_count.
    `items` keeps the first that many of each list (all for None): the rest is counted,
    not read, so the profile of the most mentioned entity costs about what a small one
    does.
    """
    found = find_entities(store, name)
    return _profiles(store, found if matches is None else found[:matches], items)


def _profiles(store: GraphStore, matches: list[dict[str, Any]], items: int | None
              ) -> list[dict[str, Any]]:
    """The profiles of these matches (`find_entities` rows), each list read for all of them
    at once: a query per list, not one per entity and list (five profiles were ~40
    queries, most of them a few look-ups)."""
    if not matches:
        return []
    iris = [str(m["entity"]) for m in matches]
    entities = bound("entity", iris)
    keyed = indexed(store, PROFILE_KEYS_SINCE)
    aliases = _by_entity(store.select(f"""
        SELECT DISTINCT ?entity ?alias
        WHERE {{ {entities} GRAPH ?g {{ ?entity schema:alternateName ?alias }} }}"""))
    mentions = {str(r["entity"]): r["mentions"] for r in store.select(
        f"""SELECT ?entity ?mentions WHERE {{ {entities}
        GRAPH {_INDEX} {{ ?entity sg:mentionCount ?mentions }} }}""" if keyed else f"""
        SELECT ?entity (COUNT(?mention) AS ?mentions)
        WHERE {{ {entities} GRAPH ?article {{ ?mention itsrdf:taIdentRef ?entity }} }}
        GROUP BY ?entity""")}
    # Every article, in date order, counted as they are read: one short column.
    articles = _article_keys(store, iris, keyed)
    roles = _by_entity(store.select(f"""
        SELECT DISTINCT ?entity ?title ?org_name WHERE {{ {entities}
          GRAPH ?g {{ ?role sg:holder ?entity ; schema:roleName ?title }}
          OPTIONAL {{ GRAPH ?g {{ ?role sg:organization ?org }}
                      GRAPH {ENTITIES} {{ ?org schema:name ?org_name }} }}
        }} ORDER BY ?entity ?title ?org_name"""))
    wrote = _by_entity(store.select(f"""
        SELECT DISTINCT ?entity ?article_id WHERE {{ {entities}
          GRAPH ?article {{ ?article schema:author ?entity ; schema:identifier ?article_id }}
        }} ORDER BY ?entity ?article_id"""))
    said = _claims_in_order(store, "prov:wasAttributedTo", iris, keyed)
    about = _claims_in_order(store, "schema:about", iris, keyed)
    said_texts = _texts_of_claims(
        store, [c for iri in iris for c in page(said[iri], items)], speakers=False)
    about_texts = _texts_of_claims(
        store, [c for iri in iris for c in page(about[iri], items)], speakers=True)
    return [{
        "entity": match["entity"],
        "name": match["name"],
        "type": match["type"],
        "aliases": sorted({a["alias"] for a in aliases[iri]} - {match["name"]}),
        "mentions": mentions.get(iri, 0),
        "articles": [key_item(k) for k in page(articles[iri], items)],
        "roles": [r["title"] + (f", {r['org_name']}" if r["org_name"] else "")
                  for r in roles[iri]],
        "wrote": [r["article_id"] for r in page(wrote[iri], items)],
        "said": [t for c in page(said[iri], items) for t in said_texts.get(c, ())],
        "said_about": [t for c in page(about[iri], items) for t in about_texts.get(c, ())],
        "article_count": len(articles[iri]),
        "wrote_count": len(wrote[iri]),
        "said_count": len(said[iri]),
        "said_about_count": len(about[iri]),
    } for match, iri in zip(matches, iris, strict=True)]


def _by_entity(rows: list[dict[str, Any]], variable: str = "entity"
               ) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by the IRI in `variable`, each group in the rows' order; an IRI with
    no row gets an empty list."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        grouped[str(r[variable])].append(r)
    return grouped


def _article_keys(store: GraphStore, iris: list[str], keyed: bool) -> dict[str, list[str]]:
    """The profile keys ("published TAB id", `storygraph.rdf.index`) of the articles whose
    mentions name each of the entities `iris`, in profile order: as the index keeps them
    (one scan), or made from each article's id and date."""
    if keyed:
        rows = [(r["entity"], str(r["key"])) for r in store.select(f"""SELECT ?entity ?key
            WHERE {{ {bound("entity", iris)} GRAPH ?g {{ ?entity sg:articleKey ?key }} }}""")]
    else:
        rows = [(r["entity"], article_key(r["published"], r["article_id"]))
                for r in store.select(f"""
            SELECT ?entity ?article_id ?published WHERE {{
              {{ SELECT DISTINCT ?entity ?article WHERE {{
                {bound("entity", iris)} GRAPH ?article {{ ?mention itsrdf:taIdentRef ?entity }}
              }} }}
              GRAPH ?article {{ ?article schema:identifier ?article_id }}
              {optional_in_article("?article schema:datePublished ?published")} }}""")]
    keys: dict[str, list[str]] = {iri: [] for iri in iris}
    for entity, key in rows:
        keys[str(entity)].append(key)
    return {iri: sorted(found, key=key_order) for iri, found in keys.items()}


_CLAIM_KEYS = {"prov:wasAttributedTo": "sg:saidKey", "schema:about": "sg:aboutKey"}


def _claims_in_order(store: GraphStore, link: str, iris: list[str], keyed: bool
                     ) -> dict[str, list[str]]:
    """IRIs of the claims linked by `link` (prov:wasAttributedTo, schema:about) to each of
    the entities `iris`, in story order: by the profile keys the index keeps (one scan
    for all), or by keys made alike from what orders them (a query each)."""
    keys: dict[str, list[str]] = {iri: [] for iri in iris}
    if keyed:
        for r in store.select(f"""SELECT ?target ?key WHERE {{ {bound("target", iris)}
                GRAPH ?g {{ ?target {_CLAIM_KEYS[link]} ?key }} }}"""):
            keys[str(r["target"])].append(str(r["key"]))
    else:
        for iri in iris:
            keys[iri] = _claim_keys(store, f"""{{ SELECT DISTINCT ?claim ?article WHERE {{
                {bound("target", [iri])}
                GRAPH ?article {{ ?claim {link} ?target ; a schema:Claim }} }} }}""")
    return {iri: [key_item(k) for k in sorted(found, key=key_order)]
            for iri, found in keys.items()}


_KEYS_CHUNK = 500


def _claim_keys(store: GraphStore, start: str) -> list[str]:
    """Profile keys (`claim_key`: what orders claims as `claims_of` does) made for the
    claims that `start` (a pattern binding ?claim) gives, each a claim `claims_of` reads."""
    return [claim_key(r["published"] if r["date"] is None else r["date"], r["article_id"],
                      r["begin"], r["claim"])
            for r in store.select(f"""
        SELECT ?claim ?date ?published ?article_id ?begin WHERE {{ {start}
          GRAPH ?article {{ ?claim a schema:Claim ; nif:anchorOf ?text ; nif:beginIndex ?begin ;
                                   sg:direct ?direct .
                            ?article schema:identifier ?article_id }}
          {optional_in_article("?article schema:datePublished ?published",
                               "?claim schema:dateCreated ?date")} }}""")]


CLAIM_KEYS = ("claim", "speaker", "speaker_name", "speaker_text", "cue", "text", "direct",
              "date", "article_id", "article_url", "sentence")


def list_claims(store: GraphStore, speaker: str | None = None, *, limit: int | None = None,
                offset: int = 0) -> list[dict[str, Any]]:
    """Claims in story order, optionally only those whose speaker matches `speaker`.

    A speaker matches on the entity's name or any alias (substring, any case),
    or on the speaker as the article wrote it (which is all an unresolved speaker has).
    Keys: claim, speaker, speaker_name, speaker_text (the words the article used for
    the speaker: "he", "the union"), cue, text, direct, date, article_id, article_url,
    sentence. `limit` and `offset` give one page of them.
    """
    if speaker is None:
        return page(claims_of(store, None), limit, offset)
    named = _named(store, speaker)
    entities = _entities_named(store, speaker, named) if named else {}
    written = _claims_written(store, speaker, named) if named else set()
    if not entities and not written:  # not whole words of any name (or no index)
        within = _named_within(store, speaker)
        entities = _entities_containing(store, speaker) if within is None else \
            _entities_named(store, speaker, within)
        written = _claims_written(store, speaker, within)
    if limit is None:
        chosen = _claims_by(store, "prov:wasAttributedTo", entities) | written
        return page(claims_of(store, chosen), limit, offset)
    # A page: what orders the claims first (the speakers' keys the index keeps, keys made
    # for the rest), then only the page's claims read whole (a row is ~15 look-ups: 216
    # claims of a name 24 entities share took 32 ms at 10,000 articles).
    keys: set[str] = set()
    if entities and indexed(store, PROFILE_KEYS_SINCE):
        keys = {str(r["key"]) for r in store.select(f"""SELECT ?key WHERE {{
            {bound("target", entities)} GRAPH ?g {{ ?target sg:saidKey ?key }} }}""")}
        rest = written - {key_item(k) for k in keys}
    else:
        rest = _claims_by(store, "prov:wasAttributedTo", entities) | written
    # A few hundred claims a query: past about a thousand VALUES rows Oxigraph plans the
    # join otherwise (at 10,000 articles, 800 claims 77 ms, 1,200 claims 6.5 s).
    rest_ordered = sorted(rest)
    for start in range(0, len(rest_ordered), _KEYS_CHUNK):
        keys.update(_claim_keys(store, bound("claim", rest_ordered[start:start + _KEYS_CHUNK])))
    ordered = sorted(keys, key=key_order)
    return claims_of(store, [key_item(k) for k in page(ordered, limit, offset)])


def _claims_written(store: GraphStore, speaker: str, named: set[str] | None) -> set[str]:
    """Claims whose speaker as written contains `speaker` (any case): among the index's
    finds, or (None) by reading every claim's speaker."""
    if named is None:
        return {str(r["claim"]) for r in store.select(f"""
            SELECT ?claim WHERE {{ {_needle(speaker)}
              GRAPH ?article {{ ?claim sg:speakerText ?written }}
              FILTER(CONTAINS(LCASE(STR(?written)), LCASE(STR(?needle)))) }}""")}
    needle = unicodedata.normalize("NFC", speaker).lower()
    claims = sorted(n for n in named if n.startswith(ARTICLE_BASE))
    if not claims:
        return set()
    return {str(r["claim"]) for r in store.select(f"""
        SELECT ?claim ?written WHERE {{ {bound("claim", claims)}
          GRAPH ?article {{ ?claim sg:speakerText ?written }} }}""")
            if needle in str(r["written"]).lower()}


def _claims_by(store: GraphStore, link: str, iris: Iterable[str]) -> set[str]:
    """IRIs of the claims linked by `link` (prov:wasAttributedTo, schema:about) to these."""
    iris = list(iris)
    if not iris:
        return set()
    return {str(r["claim"]) for r in store.select(f"""
        SELECT DISTINCT ?claim WHERE {{ {bound("target", iris)}
          GRAPH ?article {{ ?claim {link} ?target ; a schema:Claim }} }}""")}


def claims_of(store: GraphStore, claims: Iterable[str] | None) -> list[dict[str, Any]]:
    """Rows (CLAIM_KEYS) of these claims, or of every claim for None, in story order:
    by date (the claim's, else its article's; undated last), article and place in it."""
    if claims is not None:
        claims = sorted(claims)
        if not claims:
            return []
    rows = store.select(_claims_query(
        claims, "?claim ?speaker ?speaker_name ?speaker_text ?cue ?text ?direct ?date "
        "?article_id ?article_url ?sentence",
        "?article schema:url ?article_url", "?claim sg:cue ?cue",
        "?claim nif:sentence ?in_sentence . ?in_sentence nif:anchorOf ?sentence"))
    return [{key: row[key] for key in CLAIM_KEYS} for row in rows]


def _claim_texts(store: GraphStore, claims: list[str], *, speakers: bool) -> list[str]:
    """What a profile shows of these claims, in the order given (`claims_of`'s, as their
    profile keys sort): their words, each after its speaker's name ("name: words",
    "unknown" for none) with `speakers`."""
    texts = _texts_of_claims(store, claims, speakers=speakers)
    return [text for claim in claims for text in texts.get(claim, ())]


def _texts_of_claims(store: GraphStore, claims: list[str], *, speakers: bool
                     ) -> dict[str, list[str]]:
    """`_claim_texts` of each of these claims.

    Only that is read: a claim's whole row (its sentence, cue, link and speaker) is ~15
    look-ups, and ordering them again in the store decodes what it compares at each
    comparison (a hub's two pages of 50: 8.3 ms, against 2.1 ms unordered).
    """
    if not claims:
        return {}
    speaker = f"""{optional_in_article("?claim sg:speakerText ?speaker_text")}
          OPTIONAL {{ GRAPH ?article {{ ?claim prov:wasAttributedTo ?speaker }}
                      GRAPH {ENTITIES} {{ ?speaker schema:name ?entity_name }} }}
          BIND(COALESCE(?entity_name, ?speaker_text) AS ?speaker_name)"""
    found: dict[str, list[str]] = defaultdict(list)
    for r in store.select(f"""SELECT ?claim ?text ?speaker_name WHERE {{
            {bound("claim", dict.fromkeys(claims))} GRAPH ?article {{ ?claim a schema:Claim ;
                                                               nif:anchorOf ?text }}
            {speaker if speakers else ""} }}"""):
        found[str(r["claim"])].append(
            f"{r['speaker_name'] or 'unknown'}: {r['text']}" if speakers else str(r["text"]))
    return found


def _claims_query(claims: list[str] | None, variables: str, *optional: str,
                  speakers: bool = True) -> str:
    """A query of these claims (every claim for None) giving `variables`, in story order;
    `optional` patterns in each claim's article, and with `speakers` its speaker's name
    (`?speaker`, `?speaker_text`, `?speaker_name`)."""
    start = bound("claim", claims) if claims is not None else ""
    said = ["?claim sg:speakerText ?speaker_text"] if speakers else []
    # The name lookup sits with the link, so an unresolved speaker stays unbound instead
    # of matching every entity's name.
    speaker = f"""OPTIONAL {{
            GRAPH ?article {{ ?claim prov:wasAttributedTo ?speaker }}
            GRAPH {ENTITIES} {{ ?speaker schema:name ?entity_name }}
          }}
          BIND(COALESCE(?entity_name, ?speaker_text) AS ?speaker_name)""" if speakers else ""
    return f"""
        SELECT {variables}
        WHERE {{
          {start}
          GRAPH ?article {{
            ?claim a schema:Claim ; nif:anchorOf ?text ; nif:beginIndex ?begin ; sg:direct ?direct .
            ?article schema:identifier ?article_id .
          }}
          {optional_in_article("?article schema:datePublished ?published",
                               "?claim schema:dateCreated ?date", *said, *optional)}
          {speaker}
          {_STORY_ORDER}
    """


# The end of a claim query: story order (undated claims last).
_STORY_ORDER = """BIND(COALESCE(?date, ?published) AS ?when)
        }
        ORDER BY (!BOUND(?when)) ?when ?article_id ?begin"""


def article_ref(store: GraphStore, ref: str) -> str | None:
    """The IRI of a stored article given its id, key, url or IRI; None if there is none."""
    if ref.startswith(ARTICLE_BASE):
        try:
            start = bound("article", [ref])
        except ValueError:  # not an IRI after all ("...article/a b")
            start = ""
        if start and store.select(f"""SELECT ?article WHERE {{ {start}
                                      GRAPH ?article {{ ?article a schema:NewsArticle }} }}"""):
            return ref
    rows = store.select("""
        SELECT ?article WHERE {
          { GRAPH ?article { ?article schema:identifier ?ref } }
          UNION { GRAPH ?article { ?article sg:key ?ref } }
          UNION { GRAPH ?article { ?article schema:url ?ref } }
        } LIMIT 1
    """, {"ref": ref})
    return str(rows[0]["article"]) if rows else None


def stats(store: GraphStore) -> dict[str, int]:
    """Counts of articles, entities, mentions, roles, claims, figures, events and quads."""
    counts = store.select("""
        SELECT
          (COUNT(DISTINCT ?mention) AS ?mentions)
          (COUNT(DISTINCT ?role) AS ?roles)
          (COUNT(DISTINCT ?claim) AS ?claims)
          (COUNT(DISTINCT ?figure) AS ?figures)
          (COUNT(DISTINCT ?event) AS ?events)
        WHERE {
          GRAPH ?article { ?article a schema:NewsArticle }
          { GRAPH ?article { ?mention a nif:Phrase } }
          UNION { GRAPH ?article { ?role a schema:Role } }
          UNION { GRAPH ?article { ?claim a schema:Claim } }
          UNION { GRAPH ?article { ?figure a schema:QuantitativeValue } }
          UNION { GRAPH ?article { ?event a sem:Event } }
        }
    """)[0]
    entities = store.select(
        f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH {ENTITIES} {{ ?e sg:nerType ?t }} }}"
    )[0]["n"]
    articles = store.select(
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?a a schema:NewsArticle } }"
    )[0]["n"]
    return {
        "articles": int(articles or 0),
        "entities": int(entities or 0),
        "mentions": int(counts["mentions"] or 0),
        "roles": int(counts["roles"] or 0),
        "claims": int(counts["claims"] or 0),
        "figures": int(counts["figures"] or 0),
        "events": int(counts["events"] or 0),
        "quads": store.quad_count(),
    }
