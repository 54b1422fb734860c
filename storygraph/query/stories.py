"""Stories, their articles, timelines and what each article added, from the stories graph.

Rows are flat dicts with DESIGN.md's keys; user text (a story's label words, an
entity name) only ever reaches SPARQL as an escaped VALUES value.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from storygraph.errors import QueryError
from storygraph.query.lookups import (
    LIST_SEP,
    bound,
    indexed,
    matching_entities,
    optional_in_article,
    page,
)
from storygraph.rdf.index import INVOLVED, TIMELINE_KEYS_SINCE, parse_timeline_key
from storygraph.rdf.namespace import (
    ENTITIES_GRAPH,
    LIST_KEY_SEPARATOR,
    SG,
    STORIES_GRAPH,
    STORY_BASE,
    article_iri,
)
from storygraph.rdf.terms import NamedNode
from storygraph.store import GraphStore

_STORIES = f"<{STORIES_GRAPH}>"
_STORIES_NODE = NamedNode(STORIES_GRAPH)
_LIST_KEY = NamedNode(str(SG.listKey))
_ENTITIES = f"<{ENTITIES_GRAPH}>"

STORY_KEYS = ("story", "label", "start", "end", "articles", "top_entities")
STORY_ARTICLE_KEYS = ("story", "story_label", "article_id", "article_url", "article_title",
                      "published", "authors")


def _stories(store: GraphStore, stories: list[str] | None = None) -> list[dict[str, Any]]:
    """story, label, start, end, articles (count) of every story (or of these), biggest first.

    Four plain reads joined here rather than one grouped query: Oxigraph groups a join of
    labels, dates and slots far more slowly than it reads each (a third of the time at
    10,000 articles).
    """
    start = bound("story", stories) if stories is not None else ""

    def read(pattern: str, variable: str, tail: str = "") -> list[dict[str, Any]]:
        return store.select(f"SELECT ?story {variable} WHERE "
                            f"{{ {start} GRAPH {_STORIES} {{ {pattern} }} }} {tail}")

    # The size written with each story; a story written before sizes were kept is counted.
    sizes = {str(r["story"]): r["articles"] for r in read("?story sg:articles ?articles",
                                                          "?articles")}
    labels = read("?story a storyline:Storyline ; rdfs:label ?label", "?label")
    uncounted = [str(r["story"]) for r in labels if str(r["story"]) not in sizes]
    if uncounted:
        sizes.update((str(r["story"]), r["articles"]) for r in store.select(f"""
            SELECT ?story (COUNT(?article) AS ?articles) WHERE {{ {bound("story", uncounted)}
              GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }} }} GROUP BY ?story"""))
    starts = {str(r["story"]): r["start"] for r in read("?story schema:startDate ?start",
                                                        "?start")}
    ends = {str(r["story"]): r["end"] for r in read("?story schema:endDate ?end", "?end")}
    rows = [{"story": str(r["story"]), "label": r["label"], "start": starts.get(str(r["story"])),
             "end": ends.get(str(r["story"])), "articles": sizes[str(r["story"])]}
            for r in labels if str(r["story"]) in sizes]
    # SPARQL's order: a story without a start before the dated ones (the order of the
    # places kept with the stories, `storygraph.story_store.list_key`).
    rows.sort(key=lambda r: (-r["articles"], r["start"] is not None, str(r["start"] or ""),
                             str(r["label"]), r["story"]))
    return rows


def list_stories(store: GraphStore, *, limit: int | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
    """One row per story: story, label, start, end, articles (count), top_entities (names).

    Biggest stories first. top_entities are its key entities, those most of its
    articles mention first. `limit` and `offset` give one page of them.
    """
    # A page's stories are known from their places alone, then only theirs are read. The
    # whole list, or a store written before the places were kept, is read.
    places = None if limit is None else story_places(store)
    if places is not None:
        chosen = [place.rsplit(LIST_KEY_SEPARATOR, 1)[-1]
                  for place in places[offset:offset + limit]]
        rows = _stories(store, chosen) if chosen else []
    else:
        rows = page(_stories(store), limit, offset)
    return _with_key_entities(store, rows)


def story_places(store: GraphStore) -> list[str] | None:
    """Every story's place in the list (`sg:listKey`: text that sorts in the list's order,
    biggest first, and ends with the story's IRI), sorted; None when some story has none
    (written before they were kept)."""
    places = sorted(q.object.value for q in store.quads_for_pattern(None, _LIST_KEY, None,
                                                                     _STORIES_NODE))
    if places and len(places) == store.select(f"""SELECT (COUNT(?story) AS ?n) WHERE {{
            GRAPH {_STORIES} {{ ?story a storyline:Storyline }} }}""")[0]["n"]:
        return places
    return None


def _with_key_entities(store: GraphStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    key_entities = _key_entity_names(store, [str(r["story"]) for r in rows])
    return [{"story": r["story"], "label": r["label"], "start": r["start"], "end": r["end"],
             "articles": r["articles"], "top_entities": key_entities.get(str(r["story"]), [])}
            for r in rows]


def _key_entity_names(store: GraphStore, stories: list[str]) -> dict[str, list[str]]:
    """Each story's key entities' names, those most of its articles name first: read from
    the records written with the story (`sg:keyEntity`), or counted for a story written
    before they were kept (one without `sg:articles`)."""
    if not stories:
        return {}
    kept = {str(r["story"]) for r in store.select(f"""SELECT ?story WHERE {{
        {bound("story", stories)} GRAPH {_STORIES} {{ ?story sg:articles ?articles }} }}""")}
    rows = store.select(f"""
        SELECT ?story ?name ?articles WHERE {{
          {bound("story", sorted(kept))}
          GRAPH {_STORIES} {{ ?story sg:keyEntity ?key .
                              ?key sg:entity ?entity ; sg:inArticles ?articles }}
          GRAPH {_ENTITIES} {{ ?entity schema:name ?name }}
        }}""") if kept else []
    older = [s for s in stories if s not in kept]
    if older:
        rows += store.select(f"""
            SELECT ?story ?name (COUNT(DISTINCT ?article) AS ?articles)
            WHERE {{
              {bound("story", older)}
              GRAPH {_STORIES} {{ ?story schema:about ?entity ; storyline:hasSlot ?article }}
              GRAPH ?article {{ ?article schema:mentions ?entity }}
              GRAPH {_ENTITIES} {{ ?entity schema:name ?name }}
            }}
            GROUP BY ?story ?entity ?name
        """)
    rows.sort(key=lambda r: (str(r["story"]), -r["articles"], str(r["name"])))
    names: dict[str, list[str]] = {}
    for r in rows:
        names.setdefault(str(r["story"]), []).append(str(r["name"]))
    return names


def story_article_iris(store: GraphStore, story: str) -> set[str]:
    """The IRIs of the articles of the story with this IRI."""
    return {str(r["article"]) for r in store.select(f"""
        SELECT ?article WHERE {{ {bound("story", [story])}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }} }}""")}


def list_story_articles(store: GraphStore, story: str | None = None, *,
                        limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """One row per article: story, story_label, article_id, article_url, article_title,
    published, authors (names).

    Grouped by story (biggest first), in date order within a story. `limit` and
    `offset` give one page of them.
    """
    start = bound("story", [find_story(store, story)]) if story else ""
    rows = store.select(f"""
        SELECT ?story ?story_label ?article ?article_id ?article_url ?article_title ?published
        WHERE {{
          {start}
          GRAPH {_STORIES} {{ ?story rdfs:label ?story_label ; storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id }}
          {optional_in_article("?article schema:url ?article_url",
                               "?article schema:headline ?article_title",
                               "?article schema:datePublished ?published")}
        }}
    """)
    sizes: Counter[str] = Counter(str(r["story"]) for r in rows)
    dates = _article_dates(store, rows)
    rows.sort(key=lambda r: (-sizes[str(r["story"])], str(r["story"]),
                             dates.get(str(r["article"])) or "9999", str(r["article_id"])))
    rows = page(rows, limit, offset)
    authors = article_authors(store, [str(r["article"]) for r in rows])
    return [{**{k: r[k] for k in STORY_ARTICLE_KEYS if k != "authors"},
             "authors": authors.get(str(r["article_id"]), [])} for r in rows]


def _article_dates(store: GraphStore, rows: list[dict[str, Any]]) -> dict[str, str | None]:
    """Each row's article date: its published date, else the day the story assigner gave it
    (read, from its profile, only for the articles without one)."""
    dates: dict[str, str | None] = {str(r["article"]): r["published"] for r in rows}
    undated = sorted(a for a, d in dates.items() if d is None)
    if undated:
        for r in store.select(f"""
                SELECT ?article ?profile WHERE {{ {bound("article", undated)}
                  GRAPH {_STORIES} {{ ?article sg:profile ?profile }} }}"""):
            dates[str(r["article"])] = _profile_date(r["profile"])
    return dates


def article_authors(store: GraphStore, articles: list[str] | None = None
                    ) -> dict[str, list[str]]:
    """Each article's authors (their entities' names), by article id, in name order; of every
    article, or of these (IRIs)."""
    start = bound("article", articles) if articles is not None else ""
    rows = store.select(f"""
        SELECT ?article_id ?name WHERE {{
          {start}
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
    if ref is None or not ref.strip():
        raise QueryError("name a story by its id or words of its label")
    wanted = ref.strip()
    iri = wanted if wanted.startswith(STORY_BASE) else STORY_BASE + wanted
    try:
        start = bound("story", [iri])
    except ValueError:  # words, not an id
        start = ""
    if start and store.select(f"""SELECT ?story WHERE {{ {start}
            GRAPH {_STORIES} {{ ?story a storyline:Storyline ; storyline:hasSlot ?article }}
            }} LIMIT 1"""):
        return iri
    needles = wanted.casefold().split()
    for row in _stories(store):  # biggest first
        haystack = str(row["label"]).casefold()
        if all(n in haystack for n in needles):
            return str(row["story"])
    raise QueryError(f"no story matches {ref!r} (see `storygraph stories`)")


def timeline(store: GraphStore, story: str | None = None, entity: str | None = None, *,
             limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Events, claims and figures in date order, each with its article and date.

    Items with a resolved date come first, by that date; undated ones follow by
    their article's date (articles without one last). `story` is a story id or
    label words; `entity` a name or part of one (any alias). `limit` and `offset`
    give one page of them.
    Keys: date, dated, kind (event | claim | figure), what (event kind, claim
    cue, figure unit), who (agent or speaker), text, article_id, article_url,
    published, story.
    """
    # What the timeline starts from: the story's articles, the items naming the entity.
    start = ""
    articles = None
    if story is not None:
        articles = story_article_iris(store, find_story(store, story))
        start += bound("article", articles or [STORY_BASE])  # a story with no articles: none
    if entity is not None:
        matches = matching_entities(store, entity)
        if not matches:
            raise QueryError(f"no entity matches {entity!r}")
        if limit is not None and indexed(store, TIMELINE_KEYS_SINCE):
            items = _first_items(store, matches, articles, offset + limit)
        else:
            # A branch per link: with the links as VALUES, Oxigraph read every statement
            # naming the entities (their mentions too) and joined (195 against 11 ms for 24
            # entities named in 240 articles at 10,000 articles).
            links = " UNION ".join(f"{{ GRAPH ?article {{ ?item {link} ?involved }} }}"
                                   for link in _INVOLVED)
            items = sorted({str(r["item"]) for r in store.select(f"""
                SELECT ?item WHERE {{ {bound("involved", matches)} {links} }}""")})
        start += bound("item", items or [STORY_BASE])
    # Optional parts after the UNION, not inside its branches: Oxigraph evaluates an
    # OPTIONAL inside a branch without the bindings from outside (1.3 s against 10 ms for
    # one story at 10,000 articles). Each optional predicate belongs to one kind of item.
    rows = store.select(f"""
        SELECT DISTINCT ?item ?kind ?event_kind ?cue ?unit ?actor ?attributed ?who_text ?text
               ?event_date ?claim_date ?begin ?article
        WHERE {{
          {start}
          {{
            GRAPH ?article {{ ?item a sem:Event ; sg:kind ?event_kind ; nif:anchorOf ?text ;
                                    nif:beginIndex ?begin }}
            BIND("event" AS ?kind)
          }} UNION {{
            GRAPH ?article {{ ?item a schema:Claim ; nif:anchorOf ?text ; nif:beginIndex ?begin }}
            BIND("claim" AS ?kind)
          }} UNION {{
            GRAPH ?article {{ ?item a schema:QuantitativeValue ; nif:anchorOf ?text ;
                                    nif:beginIndex ?begin }}
            BIND("figure" AS ?kind)
          }}
          {optional_in_article("?item sem:hasTimeStamp ?event_date",
                               "?item sem:hasActor ?actor", "?item sg:cue ?cue",
                               "?item schema:dateCreated ?claim_date",
                               "?item prov:wasAttributedTo ?attributed",
                               "?item sg:speakerText ?who_text", "?item schema:unitText ?unit")}
        }}
    """)
    for r in rows:
        event, claim = r["kind"] == "event", r["kind"] == "claim"
        r["what"] = r["event_kind"] if event else r["cue"] if claim else r["unit"]
        r["who_entity"] = r["actor"] if event else r["attributed"]
        r["item_date"] = r["event_date"] if event else r["claim_date"] if claim else None
        if not claim:
            r["who_text"] = None
    articles = _timeline_articles(store, sorted({str(r["article"]) for r in rows}))
    items = []
    for r in rows:
        article = articles.get(str(r["article"]))
        if article is None:
            continue  # an article in no story
        dated = r["item_date"] is not None
        article_date = article["date"]
        items.append({
            "date": str(r["item_date"] if dated else article_date) if (dated or article_date)
            else None,
            "dated": dated,
            "kind": r["kind"],
            "what": r["what"],
            "who": r["who_entity"],
            "text": r["text"],
            "article_id": article["article_id"],
            "article_url": article["article_url"],
            "published": article["published"],
            "story": article["story"],
            "_who_text": r["who_text"],
            # Ties (an event and a claim at one place) by IRI: the rows come in no set order,
            # and a page read by another process must not repeat or skip one.
            "_order": (*_place(dated, str(r["item_date"]) if dated else article_date,
                               article["article_id"], r["begin"], r["item"]),
                       # and rows of one item at one place (two actors) by what they show
                       str(r["kind"]), *(str(r[k] or "") for k in ("what", "who_entity",
                                                                   "who_text", "text"))),
        })
    items.sort(key=lambda i: i["_order"])
    items = page(items, limit, offset)
    names = _entity_names(store, {str(i["who"]) for i in items if i["who"]})
    for item in items:
        del item["_order"]
        written = item.pop("_who_text")
        item["who"] = names.get(str(item["who"])) or written
    return items


# What links an event, claim or figure to an entity it involves (`INVOLVED`).
_INVOLVED = tuple(f"<{link.value}>" for link in INVOLVED)


def _place(dated: bool, date: str | None, article_id: Any, begin: Any, item: Any
           ) -> tuple[bool, str, str, int, str]:
    """Where an item comes in a timeline: dated items first, by their own date, then the
    rest by their article's (articles without one last), then article, start and IRI."""
    return not dated, date or "9999", str(article_id), int(begin or 0), str(item)


def _first_items(store: GraphStore, entities: list[str], articles: set[str] | None,
                 count: int) -> list[str]:
    """The items in the first `count` places of the timeline of the items that involve
    `entities` (in `articles`, if given), from the timeline keys the index keeps: one
    scan, then only the articles' story and, for those without a date, the assigner's
    day. Every place has an item's row at least, so these items' rows hold the first
    `count` rows of the whole timeline."""
    # The article's graph is named by its id (`article_iri`): not read, it is not decoded.
    keys = [parse_timeline_key(str(r["key"])) for r in store.select(f"""
        SELECT ?key WHERE {{ {bound("involved", entities)}
          GRAPH ?article {{ ?involved sg:timelineKey ?key }} }}""")]
    keyed = [(key, article_iri(key.article_id)) for key in keys]
    if articles is not None:
        keyed = [(key, article) for key, article in keyed if article in articles]
    in_story = _in_a_story(store, sorted({article for _, article in keyed}))
    # An undated item of an article without a date comes by the day the assigner gave it.
    days = _article_dates(store, [{"article": a, "published": None} for a in sorted(
        {article for key, article in keyed if not key.date and article in in_story})])
    places = sorted({_place(key.dated, key.date or days.get(article), key.article_id,
                            key.begin, key.item)
                     for key, article in keyed if article in in_story})
    return sorted({place[-1] for place in places[:count]})


def _in_a_story(store: GraphStore, articles: list[str]) -> set[str]:
    """Those of `articles` (IRIs) that some story holds: a timeline lists only theirs."""
    if not articles:
        return set()
    return {str(r["article"]) for r in store.select(f"""
        SELECT DISTINCT ?article WHERE {{ {bound("article", articles)}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }} }}""")}


def _timeline_articles(store: GraphStore, articles: list[str]) -> dict[str, dict[str, Any]]:
    """id, url, published, story and date (published, else the assigner's day) per article
    IRI, for the articles that have a story."""
    if not articles:
        return {}
    rows = store.select(f"""
        SELECT ?article ?article_id ?article_url ?published ?story WHERE {{
          {bound("article", articles)}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id }}
          {optional_in_article("?article schema:url ?article_url",
                               "?article schema:datePublished ?published")}
        }}""")
    dates = _article_dates(store, rows)
    return {str(r["article"]): {**r, "date": dates.get(str(r["article"]))} for r in rows}


def _entity_names(store: GraphStore, iris: set[str]) -> dict[str, str]:
    if not iris:
        return {}
    rows = store.select(f"""
        SELECT ?entity ?name WHERE {{
          {bound("entity", sorted(iris))}
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
    with another value), new_figures, and why (how the article came to the story's
    topic: the similarity, its parts and what it shared, when it was assigned); event
    (what sets the story apart from the rest of its topic, None if nothing does) and
    history (the splits and merges of stored stories that made it, in words).
    """
    iri = find_story(store, story)
    head = _with_key_entities(store, _stories(store, [iri]))[0]
    articles = list_story_articles(store, iri)
    chosen = bound("story", [iri])
    mentions = store.select(f"""
        SELECT DISTINCT ?article_id ?name WHERE {{ {chosen}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id ; schema:mentions ?entity }}
          GRAPH {_ENTITIES} {{ ?entity schema:name ?name }}
        }} ORDER BY ?name
    """)
    claims = store.select(f"""
        SELECT ?article_id ?text WHERE {{ {chosen}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id .
                           ?claim a schema:Claim ; nif:anchorOf ?text ; nif:beginIndex ?begin }}
        }} ORDER BY ?begin
    """)
    figures = store.select(f"""
        SELECT ?article_id ?figure ?value ?unit ?text ?series
               (GROUP_CONCAT(DISTINCT ?about_name; separator="{LIST_SEP}") AS ?about)
        WHERE {{ {chosen}
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article }}
          GRAPH ?article {{ ?article schema:identifier ?article_id .
                           ?figure a schema:QuantitativeValue ; nif:anchorOf ?text ;
                                   nif:beginIndex ?begin }}
          {optional_in_article("?figure schema:value ?value", "?figure schema:unitText ?unit",
                               "?figure sg:series ?series")}
          # The name lookup sits with the link: an unbound ?about_entity would match any name.
          OPTIONAL {{ GRAPH ?article {{ ?figure schema:about ?about_entity }}
                      GRAPH {_ENTITIES} {{ ?about_entity schema:name ?about_name }} }}
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
    return {**head, "summary": summary, "event": _event_why(store, iri),
            "history": _story_history(store, iri), "updates": updates}


def _event_why(store: GraphStore, story: str) -> str | None:
    """What sets the story's articles apart from the rest of its topic, as recorded."""
    rows = store.select(f"SELECT ?why WHERE {{ GRAPH {_STORIES} {{ ?story sg:why ?why }} }}",
                        {"story": NamedNode(story)})
    return str(rows[0]["why"]) if rows else None


def _story_history(store: GraphStore, story: str) -> list[str]:
    """The splits and merges that made the story, oldest first, in words."""
    rows = store.select(f"""
        SELECT ?activity ?kind ?at ?why (GROUP_CONCAT(DISTINCT STR(?used); separator=" ") AS ?from)
        WHERE {{ GRAPH {_STORIES} {{
          ?activity prov:generated ?story ; a ?kind ; prov:used ?used ; prov:endedAtTime ?at
          OPTIONAL {{ ?activity sg:why ?why }}
          FILTER(?kind IN (sg:StorySplit, sg:StoryMerge)) }} }}
        GROUP BY ?activity ?kind ?at ?why ORDER BY ?at ?activity
    """, {"story": NamedNode(story)})
    found = []
    for row in rows:
        sources = ", ".join(s.rsplit("/", 1)[-1] for s in str(row["from"]).split())
        if str(row["kind"]).endswith("StorySplit"):
            found.append(f"{str(row['at'])[:10]}: split from story {sources}"
                         + (f" {row['why']}" if row["why"] else ""))
        else:
            found.append(f"{str(row['at'])[:10]}: one event of stories {sources}")
    return found


def _article_profiles(store: GraphStore, story: str) -> dict[str, dict[str, Any]]:
    rows = store.select(f"""
        SELECT ?article_id ?profile WHERE {{
          GRAPH {_STORIES} {{ ?story storyline:hasSlot ?article . ?article sg:profile ?profile }}
          GRAPH ?article {{ ?article schema:identifier ?article_id }} }}
    """, {"story": NamedNode(story)})
    return {str(r["article_id"]): json.loads(str(r["profile"])) for r in rows}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)
