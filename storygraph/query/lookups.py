"""Lookups behind the listing commands: lists of flat dicts with DESIGN.md's row keys.

Values are str, int, float, bool, None or lists of str, so every row serialises
to JSON and CSV as the contract says. User text (a name to look up) reaches
SPARQL only as a VALUES value escaped by pyoxigraph, never pasted into the query.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from storygraph.rdf.namespace import ENTITIES_GRAPH
from storygraph.rdf.sparql import values_block
from storygraph.store import GraphStore

# GROUP_CONCAT separator for lists: a control character no name or text contains.
_SEP = "\u001f"
ENTITIES = f"<{ENTITIES_GRAPH}>"

# Entities whose canonical name or any alias, as any article gave it, contains
# ?needle (case-insensitively). ?exact marks a whole-name match, to rank first.
_MATCH_ENTITY = f"""
  {{ GRAPH {ENTITIES} {{ ?entity schema:name ?matched }} }}
  UNION
  {{ GRAPH ?any {{ ?entity schema:alternateName ?matched }} }}
  FILTER(CONTAINS(LCASE(STR(?matched)), LCASE(STR(?needle))))
  BIND(LCASE(STR(?matched)) = LCASE(STR(?needle)) AS ?exact)
"""


def _split(value: Any) -> list[str]:
    if not value:
        return []
    return sorted(set(str(value).split(_SEP)))


def _needle(name: str) -> str:
    return values_block(["needle"], [[name]])


def list_entities(store: GraphStore) -> list[dict[str, Any]]:
    """Every entity: entity, name, type, mentions (count), articles (count)."""
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
    return [{"entity": r["entity"], "name": r["name"], "type": r["type"],
             "mentions": r["mentions"], "articles": r["articles"]} for r in rows]


def find_entities(store: GraphStore, name: str) -> list[dict[str, Any]]:
    """Entities matching `name` (substring of name or alias, any case), best match first."""
    rows = store.select(f"""
        SELECT ?entity ?name ?type (MAX(?exact) AS ?is_exact)
        WHERE {{
          {_needle(name)}
          {_MATCH_ENTITY}
          GRAPH {ENTITIES} {{ ?entity schema:name ?name ; sg:nerType ?type }}
        }}
        GROUP BY ?entity ?name ?type
    """)
    counts = {e["entity"]: e for e in list_entities(store)}
    rows.sort(key=lambda r: (not r["is_exact"], -counts.get(r["entity"], {}).get("mentions", 0),
                             r["name"], r["entity"]))
    return [{"entity": r["entity"], "name": r["name"], "type": r["type"]} for r in rows]


def entity_profile(store: GraphStore, name: str) -> list[dict[str, Any]]:
    """A profile per entity matching `name`, best match first.

    Keys: entity, name, type, aliases, mentions, articles (article ids), roles
    ("title, organisation"), wrote (ids of the articles it is an author of), said
    (claim texts), said_about ("speaker: text").
    """
    profiles = []
    for match in find_entities(store, name):
        entity = ox.NamedNode(match["entity"])
        bound = values_block(["entity"], [[entity]])
        aliases = store.select(f"""
            SELECT DISTINCT ?alias
            WHERE {{ {bound} GRAPH ?g {{ ?entity schema:alternateName ?alias }} }}
        """)
        seen = store.select(f"""
            SELECT (COUNT(DISTINCT ?mention) AS ?mentions)
                   (GROUP_CONCAT(DISTINCT ?article_id; separator="{_SEP}") AS ?articles)
            WHERE {{ {bound} GRAPH ?article {{
              ?mention itsrdf:taIdentRef ?entity . ?article schema:identifier ?article_id }} }}
        """)[0]
        roles = store.select(f"""
            SELECT DISTINCT ?title ?org_name WHERE {{ {bound}
              GRAPH ?g {{ ?role sg:holder ?entity ; schema:roleName ?title }}
              OPTIONAL {{ GRAPH ?g {{ ?role sg:organization ?org }}
                          GRAPH {ENTITIES} {{ ?org schema:name ?org_name }} }}
            }} ORDER BY ?title ?org_name
        """)
        wrote = store.select(f"""
            SELECT DISTINCT ?article_id WHERE {{ {bound}
              GRAPH ?article {{ ?article schema:author ?entity ; schema:identifier ?article_id }}
            }} ORDER BY ?article_id
        """)
        said = [c["text"] for c in _claims(store, speaker=entity)]
        about = _claims(store, about=entity)
        profiles.append({
            "entity": match["entity"],
            "name": match["name"],
            "type": match["type"],
            "aliases": sorted({a["alias"] for a in aliases} - {match["name"]}),
            "mentions": seen["mentions"],
            "articles": _split(seen["articles"]),
            "roles": [r["title"] + (f", {r['org_name']}" if r["org_name"] else "")
                      for r in roles],
            "wrote": [r["article_id"] for r in wrote],
            "said": said,
            "said_about": [f"{c['speaker_name'] or 'unknown'}: {c['text']}" for c in about],
        })
    return profiles


CLAIM_KEYS = ("claim", "speaker", "speaker_name", "speaker_text", "cue", "text", "direct",
              "date", "article_id", "article_url", "sentence")


def list_claims(store: GraphStore, speaker: str | None = None) -> list[dict[str, Any]]:
    """Claims in story order, optionally only those whose speaker matches `speaker`.

    A speaker matches on the entity's name or any alias (substring, any case),
    or, for claims whose speaker was not resolved, on the speaker as written.
    Keys: claim, speaker, speaker_name, speaker_text (the words the article used for
    the speaker: "he", "the union"), cue, text, direct, date, article_id, article_url,
    sentence.
    """
    return _claims(store, speaker_name=speaker)


def _claims(store: GraphStore, *, speaker_name: str | None = None,
            speaker: ox.NamedNode | None = None,
            about: ox.NamedNode | None = None) -> list[dict[str, Any]]:
    filters = ""
    if speaker_name is not None:
        filters = f"""
          {_needle(speaker_name)}
          FILTER(
            CONTAINS(LCASE(COALESCE(?speaker_text, "")), LCASE(STR(?needle)))
            # BOUND first: inside EXISTS an unbound ?speaker would match any entity.
            || (BOUND(?speaker) && EXISTS {{ GRAPH {ENTITIES} {{ ?speaker schema:name ?n }}
                         FILTER(CONTAINS(LCASE(STR(?n)), LCASE(STR(?needle)))) }})
            || (BOUND(?speaker) && EXISTS {{ GRAPH ?any {{ ?speaker schema:alternateName ?n }}
                         FILTER(CONTAINS(LCASE(STR(?n)), LCASE(STR(?needle)))) }})
          )"""
    if speaker is not None:
        # A FILTER, not a VALUES join: joining would also keep claims whose
        # ?speaker is unbound (unresolved speakers).
        filters += values_block(["wanted"], [[speaker]]) + " FILTER(?speaker = ?wanted)"
    if about is not None:
        filters += values_block(["about"], [[about]])
        filters += " GRAPH ?article { ?claim schema:about ?about }"
    rows = store.select(f"""
        SELECT ?claim ?speaker ?speaker_name ?speaker_text ?cue ?text ?direct ?date ?article_id
               ?article_url ?sentence
        WHERE {{
          GRAPH ?article {{
            ?claim a schema:Claim ; nif:anchorOf ?text ; nif:beginIndex ?begin ; sg:direct ?direct .
            ?article schema:identifier ?article_id .
            OPTIONAL {{ ?article schema:url ?article_url }}
            OPTIONAL {{ ?article schema:datePublished ?published }}
            OPTIONAL {{ ?claim sg:cue ?cue }}
            OPTIONAL {{ ?claim schema:dateCreated ?date }}
            OPTIONAL {{ ?claim sg:speakerText ?speaker_text }}
            OPTIONAL {{ ?claim prov:wasAttributedTo ?speaker }}
            OPTIONAL {{ ?claim nif:sentence/nif:anchorOf ?sentence }}
          }}
          # The name lookup sits with the link, so an unresolved speaker stays
          # unbound instead of matching every entity's name.
          OPTIONAL {{
            GRAPH ?article {{ ?claim prov:wasAttributedTo ?speaker }}
            GRAPH {ENTITIES} {{ ?speaker schema:name ?entity_name }}
          }}
          BIND(COALESCE(?entity_name, ?speaker_text) AS ?speaker_name)
          BIND(COALESCE(?date, ?published) AS ?when)  # undated claims sort last
          {filters}
        }}
        ORDER BY (!BOUND(?when)) ?when ?article_id ?begin
    """)
    return [{key: row[key] for key in CLAIM_KEYS} for row in rows]


def article_ref(store: GraphStore, ref: str) -> str | None:
    """The IRI of a stored article given its id, key, url or IRI; None if there is none."""
    rows = store.select("""
        SELECT ?article WHERE {
          GRAPH ?article {
            ?article schema:identifier ?id ; sg:key ?key .
            OPTIONAL { ?article schema:url ?url }
          }
          FILTER(?id = ?ref || ?key = ?ref || COALESCE(?url = ?ref, false) || STR(?article) = ?ref)
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
