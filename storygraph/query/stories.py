"""Stories, their articles, timelines and what each article added, from the stories graph.

Rows are flat dicts with DESIGN.md's keys; user text (a story's label words, an
entity name) only ever reaches SPARQL as an escaped VALUES value.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from storygraph.errors import QueryError
from storygraph.query.lookups import find_entities
from storygraph.rdf.namespace import ENTITIES_GRAPH, STORIES_GRAPH
from storygraph.rdf.sparql import values_block
from storygraph.store import GraphStore

_SEP = "\u001f"
_STORIES = f"<{STORIES_GRAPH}>"
_ENTITIES = f"<{ENTITIES_GRAPH}>"

STORY_KEYS = ("story", "label", "start", "end", "articles", "top_entities")
STORY_ARTICLE_KEYS = ("story", "story_label", "article_id", "article_url", "article_title",
                      "published", "authors")
TIMELINE_KEYS = ("date", "dated", "kind", "what", "who", "text", "article_id", "article_url",
                 "published", "story")


def list_stories(store: GraphStore) -> list[dict[str, Any]]:
    """One row per story: story, label, start, end, articles (count), top_entities (names).

    Biggest stories first. top_entities are its key entities, those most of its
    articles mention first.
    """
    rows = store.select(f"""
        SELECT ?story ?label ?start ?end (COUNT(DISTINCT ?article) AS ?articles)
        WHERE {{ GRAPH {_STORIES} {{
          ?story a storyline:Storyline ; rdfs:label ?label ; storyline:hasSlot ?article .
          OPTIONAL {{ ?story schema:startDate ?start }}
          OPTIONAL {{ ?story schema:endDate ?end }}
        }} }}
        GROUP BY ?story ?label ?start ?end
        ORDER BY DESC(?articles) ?start ?label ?story
    """)
    key_entities = _key_entity_names(store)
    return [{"story": r["story"], "label": r["label"], "start": r["start"], "end": r["end"],
             "articles": r["articles"], "top_entities": key_entities.get(str(r["story"]), [])}
            for r in rows]


def _key_entity_names(store: GraphStore) -> dict[str, list[str]]:
    rows = store.select(f"""
        SELECT ?story ?name (COUNT(DISTINCT ?article) AS ?articles)
        WHERE {{
          GRAPH {_STORIES} {{ ?story schema:about ?entity ; storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:mentions ?entity }}
          GRAPH {_ENTITIES} {{ ?entity schema:name ?name }}
        }}
        GROUP BY ?story ?entity ?name
        ORDER BY ?story DESC(?articles) ?name
    """)
    names: dict[str, list[str]] = {}
    for r in rows:
        names.setdefault(str(r["story"]), []).append(str(r["name"]))
    return names


def list_story_articles(store: GraphStore, story: str | None = None) -> list[dict[str, Any]]:
    """One row per article: story, story_label, article_id, article_url, article_title,
    published, authors (names).

    Grouped by story (biggest first), in date order within a story.
    """
    filter_ = values_block(["story"], [[ox.NamedNode(find_story(store, story))]]) if story else ""
    rows = store.select(f"""
        SELECT ?story ?story_label ?article_id ?article_url ?article_title ?published ?profile
        WHERE {{
          {filter_}
          GRAPH {_STORIES} {{ ?story rdfs:label ?story_label ; storyline:hasSlot ?article .
                             ?article sg:profile ?profile }}
          GRAPH ?article {{
            ?article schema:identifier ?article_id .
            OPTIONAL {{ ?article schema:url ?article_url }}
            OPTIONAL {{ ?article schema:headline ?article_title }}
            OPTIONAL {{ ?article schema:datePublished ?published }}
          }}
        }}
    """)
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[str(r["story"])] = sizes.get(str(r["story"]), 0) + 1
    rows.sort(key=lambda r: (-sizes[str(r["story"])], str(r["story"]),
                             _profile_date(r["profile"]) or "9999", str(r["article_id"])))
    authors = article_authors(store)
    return [{**{k: r[k] for k in STORY_ARTICLE_KEYS if k != "authors"},
             "authors": authors.get(str(r["article_id"]), [])} for r in rows]


def article_authors(store: GraphStore) -> dict[str, list[str]]:
    """Each article's authors (their entities' names), by article id, in name order."""
    rows = store.select(f"""
        SELECT ?article_id ?name WHERE {{
          GRAPH ?article {{ ?article schema:identifier ?article_id ; schema:author ?author }}
          GRAPH {_ENTITIES} {{ ?author schema:name ?name }}
        }} ORDER BY ?article_id ?name
    """)
    found: dict[str, list[str]] = {}
    for r in rows:
        found.setdefault(str(r["article_id"]), []).append(str(r["name"]))
    return found


def _profile_date(profile: Any) -> str | None:
    try:
        return json.loads(str(profile)).get("date")
    except (ValueError, AttributeError):
        return None


def find_story(store: GraphStore, ref: str | None) -> str:
    """The IRI of the story `ref` names: its IRI, its id, or words of its label.

    Label words match when every word is in the label (any case); the story with
    most articles wins. Raises QueryError when nothing matches.
    """
    stories = list_stories(store)
    if ref is None or not ref.strip():
        raise QueryError("name a story by its id or words of its label")
    wanted = ref.strip()
    for row in stories:
        iri = str(row["story"])
        if wanted in (iri, iri.rsplit("/", 1)[-1]):
            return iri
    needles = wanted.casefold().split()
    for row in stories:  # biggest first
        haystack = str(row["label"]).casefold()
        if all(n in haystack for n in needles):
            return str(row["story"])
    raise QueryError(f"no story matches {ref!r} (see `storygraph stories`)")


def timeline(store: GraphStore, story: str | None = None,
             entity: str | None = None) -> list[dict[str, Any]]:
    """Events, claims and figures in date order, each with its article and date.

    Items with a resolved date come first, by that date; undated ones follow by
    their article's date (articles without one last). `story` is a story id or
    label words; `entity` a name or part of one (any alias).
    Keys: date, dated, kind (event | claim | figure), what (event kind, claim
    cue, figure unit), who (agent or speaker), text, article_id, article_url,
    published, story.
    """
    filters = ""
    if story is not None:
        filters += values_block(["story"], [[ox.NamedNode(find_story(store, story))]])
    if entity is not None:
        matches = find_entities(store, entity)
        if not matches:
            raise QueryError(f"no entity matches {entity!r}")
        filters += values_block(["involved"], [[ox.NamedNode(m["entity"])] for m in matches])
        filters += """
          GRAPH ?article { ?item ?link ?involved }
          FILTER(?link IN (sem:hasActor, sg:target, sem:hasPlace, prov:wasAttributedTo,
                           schema:about))"""
    rows = store.select(f"""
        SELECT DISTINCT ?item ?kind ?what ?who_entity ?who_text ?text ?item_date ?begin
               ?article_id ?article_url ?published ?story ?profile
        WHERE {{
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article . ?article sg:profile ?profile }}
          {filters}
          GRAPH ?article {{
            ?article schema:identifier ?article_id .
            OPTIONAL {{ ?article schema:url ?article_url }}
            OPTIONAL {{ ?article schema:datePublished ?published }}
            {{
              ?item a sem:Event ; sg:kind ?what ; nif:anchorOf ?text ; nif:beginIndex ?begin .
              BIND("event" AS ?kind)
              OPTIONAL {{ ?item sem:hasTimeStamp ?item_date }}
              OPTIONAL {{ ?item sem:hasActor ?who_entity }}
            }} UNION {{
              ?item a schema:Claim ; nif:anchorOf ?text ; nif:beginIndex ?begin .
              BIND("claim" AS ?kind)
              OPTIONAL {{ ?item sg:cue ?what }}
              OPTIONAL {{ ?item schema:dateCreated ?item_date }}
              OPTIONAL {{ ?item prov:wasAttributedTo ?who_entity }}
              OPTIONAL {{ ?item sg:speakerText ?who_text }}
            }} UNION {{
              ?item a schema:QuantitativeValue ; nif:anchorOf ?text ; nif:beginIndex ?begin .
              BIND("figure" AS ?kind)
              OPTIONAL {{ ?item schema:unitText ?what }}
              OPTIONAL {{ ?item prov:wasAttributedTo ?who_entity }}
            }}
          }}
        }}
    """)
    names = _entity_names(store, {str(r["who_entity"]) for r in rows if r["who_entity"]})
    items = []
    for r in rows:
        article_date = r["published"] or _profile_date(r["profile"])
        dated = r["item_date"] is not None
        items.append({
            "date": str(r["item_date"] if dated else article_date) if (dated or article_date)
            else None,
            "dated": dated,
            "kind": r["kind"],
            "what": r["what"],
            "who": names.get(str(r["who_entity"])) or r["who_text"],
            "text": r["text"],
            "article_id": r["article_id"],
            "article_url": r["article_url"],
            "published": r["published"],
            "story": r["story"],
            "_order": (not dated, (str(r["item_date"]) if dated else article_date) or "9999",
                       str(r["article_id"]), int(r["begin"] or 0)),
        })
    items.sort(key=lambda i: i.pop("_order"))
    return items


def _entity_names(store: GraphStore, iris: set[str]) -> dict[str, str]:
    if not iris:
        return {}
    rows = store.select(f"""
        SELECT ?entity ?name WHERE {{
          {values_block(["entity"], [[ox.NamedNode(i)] for i in sorted(iris)])}
          GRAPH {_ENTITIES} {{ ?entity schema:name ?name }} }}
    """)
    return {str(r["entity"]): str(r["name"]) for r in rows}


def story_summary(store: GraphStore, story: str) -> dict[str, Any]:
    """A story's summary and, per article in date order, what it added.

    Keys: story, label, start, end, articles (count), top_entities, summary (a
    sentence), and updates: one dict per article with article_id, article_url,
    article_title, published, authors, date, new_entities (names not in any earlier
    article of the story), new_claims (claim texts), changed_figures ("value
    unit (was value)" for a figure whose unit and subject an earlier article gave
    with another value), new_figures, and why (how the article came to the story:
    the similarity, its parts and what it shared, when it was assigned).
    """
    iri = find_story(store, story)
    head = next(r for r in list_stories(store) if r["story"] == iri)
    articles = list_story_articles(store, iri)
    bound = values_block(["story"], [[ox.NamedNode(iri)]])
    mentions = store.select(f"""
        SELECT DISTINCT ?article_id ?name WHERE {{ {bound}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id ; schema:mentions ?entity }}
          GRAPH {_ENTITIES} {{ ?entity schema:name ?name }}
        }} ORDER BY ?name
    """)
    claims = store.select(f"""
        SELECT ?article_id ?text WHERE {{ {bound}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id .
                           ?claim a schema:Claim ; nif:anchorOf ?text ; nif:beginIndex ?begin }}
        }} ORDER BY ?begin
    """)
    figures = store.select(f"""
        SELECT ?article_id ?figure ?value ?unit ?text ?series
               (GROUP_CONCAT(DISTINCT ?about_name; separator="{_SEP}") AS ?about)
        WHERE {{ {bound}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id .
                           ?figure a schema:QuantitativeValue ; nif:anchorOf ?text ;
                                   nif:beginIndex ?begin .
                           OPTIONAL {{ ?figure schema:value ?value }}
                           OPTIONAL {{ ?figure schema:unitText ?unit }}
                           OPTIONAL {{ ?figure schema:about ?about_entity }}
                           OPTIONAL {{ ?figure sg:series ?series }} }}
          OPTIONAL {{ GRAPH {_ENTITIES} {{ ?about_entity schema:name ?about_name }} }}
        }} GROUP BY ?article_id ?figure ?value ?unit ?text ?series ?begin ORDER BY ?begin
    """)
    dates = {r["article_id"]: r["published"] for r in articles}
    profiles = _article_profiles(store, iri)
    seen_entities: set[str] = set()
    seen_figures: dict[tuple[str, str], Any] = {}  # what a figure was, by what it measures
    updates = []
    for row in articles:
        article_id = row["article_id"]
        names = [str(m["name"]) for m in mentions if m["article_id"] == article_id]
        new_entities = [n for n in names if n not in seen_entities]
        seen_entities.update(names)
        changed, new = [], []
        for f in (f for f in figures if f["article_id"] == article_id):
            if f["value"] is None or not f["unit"]:
                continue
            # Figures that measure the same thing share a series (storygraph.resolve);
            # without one, the same unit about the same entities.
            key = (str(f["series"]), "") if f["series"] else (str(f["unit"]),
                                                              str(f["about"] or ""))
            shown = f"{_number(f['value'])} {f['unit']}"
            if key in seen_figures and seen_figures[key] != f["value"]:
                changed.append(f"{shown} (was {_number(seen_figures[key])})")
            elif key not in seen_figures:
                new.append(shown)
            seen_figures[key] = f["value"]
        updates.append({
            "article_id": article_id,
            "article_url": row["article_url"],
            "article_title": row["article_title"],
            "published": row["published"],
            "authors": row["authors"],
            "date": dates.get(article_id) or profiles.get(str(article_id), {}).get("date"),
            "why": profiles.get(str(article_id), {}).get("why"),
            "new_entities": new_entities,
            "new_claims": [str(c["text"]) for c in claims if c["article_id"] == article_id],
            "changed_figures": changed,
            "new_figures": new,
        })
    span = ""
    if head["start"]:
        span = f" from {head['start']}" + (f" to {head['end']}" if head["end"] != head["start"]
                                          else "")
    who = ", ".join(head["top_entities"][:3])
    summary = (f"{head['label']}: {head['articles']} article(s){span}"
               + (f"; mostly about {who}." if who else "."))
    return {**head, "summary": summary, "updates": updates}


def _article_profiles(store: GraphStore, story: str) -> dict[str, dict[str, Any]]:
    rows = store.select(f"""
        SELECT ?article_id ?profile WHERE {{
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article . ?article sg:profile ?profile }}
          GRAPH ?article {{ ?article schema:identifier ?article_id }} }}
    """, {"story": ox.NamedNode(story)})
    return {str(r["article_id"]): json.loads(str(r["profile"])) for r in rows}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)
