"""The story explorer: one self-contained HTML file that works offline from file://.

Everything is inline: the page's style and script, Cytoscape.js (vendored from the
npm package `cytoscape`, MIT, licence in `assets/cytoscape.LICENSE`) and the data.
Nothing is fetched: a Content-Security-Policy allows no network source at all and
only the page's own two scripts (by their SHA-256), so even a value that slipped
past escaping could not run.

Escaping: every string taken from articles travels as JSON inside a
`<script type="application/json">` block, with `<`, `>` and `&` written as JSON
escapes so no article text can close the block; the page script puts strings into
the document only through `textContent` and attribute setters, never as markup.

The page: the entity graph (click a node), the entity list and a search box (names
and aliases), the profile of the chosen entity (type, aliases, roles, first/last
seen, what they said, what was said about them, figures about them, and every
sentence mentioning them, each linked to its place in the Sources section and,
when the article has a url, to the sentence in the article itself), a timeline of
the articles and their events, the claims with speakers and quotes, figures over
time, and the sources.

A page a browser can open: a whole store of 10,000 articles made a 391 MB page
that no browser opens, so a page holds at most about `PAGE_BYTES`. When the
selection (the whole store, or what the filters chose) is bigger, the page holds
its largest stories, whole, until the next would not fit (articles without a
story count as stories of one), and lists every story left out with the command
that exports it; a story too big alone keeps its latest articles. In the browser,
a big graph's Cytoscape elements are made only for what is shown (the overview's
150 most mentioned entities, or one entity and its neighbours). Co-occurrence links, which grow
with the square of the entities an article names, are kept to the
`COOCCURRENCE_LINKS` strongest (named together in the most articles). The page
says what it left out and how to get it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections import defaultdict
from importlib.resources import files
from typing import Any
from urllib.parse import quote

from storygraph.export.cytoscape import cytoscape_data
from storygraph.export.filters import Selection, select
from storygraph.graph import Edge, Projection, article_dates, article_stories
from storygraph.query.stories import article_authors
from storygraph.rdf.mapping import (
    ABOUT,
    ANCHOR_OF,
    ATTRIBUTED_TO,
    BEGIN,
    CUE,
    DATE_CREATED,
    DIRECT,
    HAS_ACTOR,
    HAS_PLACE,
    HAS_TIMESTAMP,
    KIND,
    QUALIFIER,
    SPEAKER_TEXT,
    TARGET,
    UNIT_TEXT,
    VALUE,
    WHEN_TEXT,
    heuristic_sentence,
)
from storygraph.rdf.namespace import ENTITIES_GRAPH, STORIES_GRAPH
from storygraph.rdf.sparql import values_block
from storygraph.rdf.terms import NamedNode
from storygraph.store import GraphStore

ENTITIES = f"<{ENTITIES_GRAPH}>"
STORIES = f"<{STORIES_GRAPH}>"
# Issue 16 asks for at most 20 MB; half that keeps the export of a 10,000-article store
# near 10 s and the page's opening in Chromium near 5 s (bench/README.md).
PAGE_BYTES = 10_000_000
# What an article costs the page, from its text: its sentences, claims, figures,
# entities and links come to about this many bytes a character of text, plus a fixed
# part (measured on pages of 1,000-3,000 ECB+ articles: 11-12 KB for 2,000 characters).
BYTES_PER_CHARACTER = 5
BYTES_PER_ARTICLE = 1_000
COST_BATCH = 500  # articles whose cost is asked for at once
COOCCURRENCE_LINKS = 20_000
EXPORT_STORY = "storygraph export --format html --story {story} story.html"


def write_html(store: GraphStore, path: str | os.PathLike[str], *,
               selection: Selection | None = None, title: str = "Story explorer",
               budget: int = PAGE_BYTES) -> dict[str, int]:
    """Write the explorer page to `path`; returns counts of what it shows.

    `budget` is the page's size in bytes, roughly (see the module docstring).
    """
    selection = selection or select(store)
    if selection.story_label:
        title = f"{title}: {selection.story_label}"
    part, left_out = fit_page(store, selection, budget)
    data = explorer_data(store, part, title=title)
    links = data.pop("cooccurrence")
    data["notice"] = None if left_out is None and links["shown"] == links["of"] else {
        "part": left_out, "cooccurrence": links}
    page = render_page(data)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(page)
    return {"entities": len(data["graph"]["elements"]["nodes"]),
            "relations": len(data["graph"]["elements"]["edges"]),
            "articles": len(data["articles"]), "claims": len(data["claims"]),
            "figures": len(data["figures"])}


def fit_page(store: GraphStore, selection: Selection, budget: int = PAGE_BYTES
             ) -> tuple[Selection, dict[str, Any] | None]:
    """The part of `selection` a page of about `budget` bytes holds, and what it left out.

    Stories are taken whole, largest first, until the next one does not fit (what an
    article costs is only asked for the stories considered). The notice (None when
    all of it fits) says how many articles and stories the page holds of how many,
    and lists each story left out with the command that exports it.
    """
    articles = selection.articles if selection.articles is not None else article_dates(store)
    story_of = _stories(store)
    groups: dict[str, list[str]] = defaultdict(list)
    for article in sorted(articles):
        groups[story_of[article][0] if article in story_of else article].append(article)
    labels = dict(story_of.values())
    order = sorted(groups, key=lambda g: (-len(groups[g]), labels.get(g, ""), g))
    kept: list[str] = []
    used = taken = 0
    costs: dict[str, int] = {}
    while taken < len(order):
        batch, size = [], 0
        while taken + len(batch) < len(order) and size < COST_BATCH:
            batch.append(order[taken + len(batch)])
            size += len(groups[batch[-1]])
        costs.update(page_costs(store, frozenset(a for g in batch for a in groups[g])))
        for group in batch:
            cost = sum(costs.get(a, BYTES_PER_ARTICLE) for a in groups[group])
            if used + cost > budget:
                break
            kept.extend(groups[group])
            used += cost
            taken += 1
        else:
            continue
        break
    if taken == len(order):
        return selection, None
    if not kept:  # one story bigger than a page: its latest articles
        dates = article_dates(store)
        for article in sorted(groups[order[0]], key=lambda a: dates.get(a) or "", reverse=True):
            used += costs.get(article, BYTES_PER_ARTICLE)
            if used > budget:
                break
            kept.append(article)
    left = [{"story": g.rsplit("/", 1)[-1], "label": labels[g], "articles": len(groups[g]),
             "command": EXPORT_STORY.format(story=g.rsplit("/", 1)[-1])}
            for g in order[taken:] if g in labels]
    part = Selection(frozenset(kept), selection.entities, store, selection.story,
                     selection.story_label)
    return part, {"articles": len(kept), "of_articles": len(articles),
                  "stories": max(taken, 1), "of_stories": len(order),
                  "left_out": left, "command": EXPORT_STORY.format(story="STORY")}


def page_costs(store: GraphStore, articles: frozenset[str] | None = None) -> dict[str, int]:
    """Article IRI -> about what it adds to the page, in bytes (from its text's length)."""
    scope = "" if articles is None else values_block(
        ["article"], [[NamedNode(a)] for a in sorted(articles)])
    rows = store.select(f"""
        SELECT ?article (STRLEN(?text) AS ?chars) WHERE {{ {scope}
          GRAPH ?article {{ ?article a schema:NewsArticle ; nif:isString ?text }} }}""")
    return {str(r["article"]): BYTES_PER_ARTICLE + int(BYTES_PER_CHARACTER * int(r["chars"]))
            for r in rows}


def _stories(store: GraphStore) -> dict[str, tuple[str, str]]:
    """Article IRI -> (story IRI, story label)."""
    rows = store.select(f"""
        SELECT ?article ?story ?label WHERE {{
          GRAPH {STORIES} {{ ?story storyline:hasSlot ?article ; rdfs:label ?label }} }}""")
    return {str(r["article"]): (str(r["story"]), str(r["label"])) for r in rows}


def _asset(name: str) -> str:
    return files("storygraph.export").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` appears literally."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(data: dict[str, Any]) -> str:
    """The whole page as text, for `data` from `explorer_data`."""
    library = _asset("cytoscape.min.js")
    app = _asset("explorer.js")
    for script in (library, app):
        if "</script" in script.lower():  # would end the inline element early
            raise ValueError("an inline script contains '</script'")
    policy = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
              f"script-src {_hash(library)} {_hash(app)}")
    template = _asset("explorer.html")
    # str.replace, not format(): the CSS and scripts are full of braces.
    parts = {
        "{{POLICY}}": policy,
        "{{TITLE}}": _text(data["title"]),
        "{{STYLE}}": _asset("explorer.css"),
        "{{DATA}}": script_json(data),
        "{{LIBRARY}}": library,
        "{{APP}}": app,
    }
    out = template
    for marker, value in parts.items():
        head, sep, tail = out.partition(marker)
        if not sep:
            raise ValueError(f"template lacks {marker}")
        out = head + value + tail
    return out


def _text(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


# --- the data -------------------------------------------------------------------------------


def explorer_data(store: GraphStore, selection: Selection, *, title: str) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready values.

    `cooccurrence` says how many co-occurrence links there are and which the page keeps.
    """
    projection = selection.projection
    scope = ""
    if selection.articles is not None:
        scope = values_block(["article"], [[NamedNode(a)] for a in sorted(selection.articles)])
    articles = _articles(store, scope)
    stories = article_stories(store)
    for article in articles:
        article["story"] = stories.get(article["iri"])
    index = {a["iri"]: a for a in articles}
    texts = {a["iri"]: a.pop("text") for a in articles}
    sentences: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)

    def sentence(article: str, begin: int | None, end: int | None) -> str | None:
        if article not in index or begin is None or end is None:
            return None
        sentences[article][(begin, end)] = texts[article][begin:end]
        return f"{index[article]['n']}-{begin}-{end}"

    entities = {node for node, _ in projection.nodes}
    mentions: dict[str, list[str]] = defaultdict(list)
    for row in store.select(f"""
        SELECT ?article ?entity ?begin ?end WHERE {{ {scope}
          GRAPH ?article {{ ?m itsrdf:taIdentRef ?entity ; nif:beginIndex ?begin ;
                                nif:endIndex ?end }} }}
        ORDER BY ?article ?begin"""):
        if row["entity"] not in entities or row["article"] not in texts:
            continue
        span = heuristic_sentence(texts[row["article"]], row["begin"], row["end"])
        sid = sentence(row["article"], *span)
        if sid and sid not in mentions[row["entity"]]:
            mentions[row["entity"]].append(sid)

    spans = {row["thing"]: (row["sb"], row["se"]) for row in store.select(f"""
        SELECT ?thing ?sb ?se WHERE {{ {scope}
          GRAPH ?article {{ ?thing nif:sentence ?s . ?s nif:beginIndex ?sb ; nif:endIndex ?se }}
        }}""")}
    # The speaker's name only through the claim's own link, so an unresolved speaker
    # does not take some entity's name.
    names = {row["speaker"]: row["name"] for row in store.select(f"""
        SELECT DISTINCT ?speaker ?name WHERE {{ {scope}
          GRAPH ?article {{ ?claim prov:wasAttributedTo ?speaker }}
          GRAPH {ENTITIES} {{ ?speaker schema:name ?name }} }}""")}

    claims = []
    for article, claim, said in _stated(store, scope, "schema:Claim", (DIRECT,)):
        speaker, speaker_text = _one(said, ATTRIBUTED_TO), _one(said, SPEAKER_TEXT)
        claims.append({
            "speaker": speaker if speaker in entities else None,
            "speaker_name": names.get(speaker) or speaker_text, "speaker_text": speaker_text,
            "cue": _one(said, CUE), "text": _one(said, ANCHOR_OF),
            "direct": bool(_one(said, DIRECT)),
            "date": _day(_one(said, DATE_CREATED)) or index[article]["date"],
            "article": index[article]["n"],
            "about": [a for a in said.get(ABOUT.value, ()) if a in entities],
            "sentence": sentence(article, *spans.get(claim, (None, None))),
        })

    figures = []
    for article, figure, stated in _stated(store, scope, "schema:QuantitativeValue"):
        stated_by = _one(stated, ATTRIBUTED_TO)
        figures.append({
            "value": _one(stated, VALUE), "unit": _one(stated, UNIT_TEXT),
            "qualifier": _one(stated, QUALIFIER), "text": _one(stated, ANCHOR_OF),
            "article": index[article]["n"], "date": index[article]["date"],
            "about": [a for a in stated.get(ABOUT.value, ()) if a in entities],
            "stated_by": stated_by if stated_by in entities else None,
            "sentence": sentence(article, *spans.get(figure, (None, None))),
        })

    events = []
    for article, _, told in _stated(store, scope, "sem:Event"):
        events.append({
            "kind": _one(told, KIND), "text": _one(told, ANCHOR_OF),
            "date": _day(_one(told, HAS_TIMESTAMP)), "when_text": _one(told, WHEN_TEXT),
            "article": index[article]["n"],
            **{k: value if (value := _one(told, p)) in entities else None
               for k, p in (("agent", HAS_ACTOR), ("target", TARGET), ("place", HAS_PLACE))},
        })

    for article in articles:
        spans = sorted(sentences.get(article["iri"], {}).items())
        article["sentences"] = [{"id": f"{article['n']}-{b}-{e}", "start": b, "text": text}
                                for (b, e), text in spans]
    relations, cooccurrence = _strongest(projection)
    cyto = cytoscape_data(projection, edges=relations)
    for node in cyto["elements"]["nodes"]:
        node["data"]["sentences"] = mentions.get(node["data"]["id"], [])
    return {"title": title, "graph": cyto, "articles": articles, "claims": claims,
            "figures": figures, "events": events, "cooccurrence": cooccurrence}


def _strongest(projection: Projection) -> tuple[list[Edge], dict[str, int]]:
    """Every role, claim and event edge, and the strongest co-occurrence links.

    A co-occurrence link is kept when its pair is named together in at least
    `min_articles` articles, the least number that keeps at most COOCCURRENCE_LINKS.
    """
    strengths = projection.cooccurrence_strengths()
    total = sum(strengths.values())
    least, kept = 1, total
    while kept > COOCCURRENCE_LINKS:
        kept -= strengths[least]
        least += 1
    return list(projection.edges(min_cooccurrence=least)), {
        "shown": kept, "of": total, "min_articles": least}


def _articles(store: GraphStore, scope: str) -> list[dict[str, Any]]:
    rows = store.select(f"""
        SELECT ?article ?id ?title ?published ?source ?url ?text WHERE {{ {scope}
          GRAPH ?article {{
            ?article a schema:NewsArticle ; schema:identifier ?id ; nif:isString ?text .
            OPTIONAL {{ ?article schema:headline ?title }}
            OPTIONAL {{ ?article schema:datePublished ?published }}
            OPTIONAL {{ ?article sg:source ?source }}
            OPTIONAL {{ ?article schema:url ?url }}
          }} }}""")
    # Story order: dated articles by date, undated after them, then by id.
    rows.sort(key=lambda r: (r["published"] is None, str(r["published"] or ""), r["id"]))
    authors = article_authors(store)
    return [{"iri": r["article"], "n": n, "id": r["id"], "title": r["title"],
             "date": _day(r["published"]), "published": r["published"], "source": r["source"],
             "authors": authors.get(str(r["id"]), []), "url": _safe_url(r["url"]),
             "text": r["text"]}
            for n, r in enumerate(rows)]


def _safe_url(url: Any) -> str | None:
    """Only http(s) urls become links: a `javascript:` url in an article must not."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
    return None


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


def _stated(store: GraphStore, scope: str, kind: str, required: tuple[NamedNode, ...] = ()
            ) -> list[tuple[str, str, dict[str, list[Any]]]]:
    """(article, thing, {predicate IRI: values}) for each `kind` thing the articles state.

    In text order (article, then offset); things lacking their words, offset or a
    `required` property are left out. One plain pattern (`?thing a kind ; ?p ?o`):
    Oxigraph evaluates a row of OPTIONALs over a few hundred articles by scanning
    what every article states, which took 10 s of a 15 s page at 10,000 articles.
    """
    rows = store.select(f"""
        SELECT ?article ?thing ?p ?o WHERE {{ {scope}
          GRAPH ?article {{ ?thing a {kind} ; ?p ?o }} }}""")
    found: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for row in rows:
        values = found.setdefault((row["article"], row["thing"]), {}).setdefault(row["p"], [])
        if row["o"] not in values:
            values.append(row["o"])
    needed = [p.value for p in (ANCHOR_OF, BEGIN, *required)]
    kept = [(article, thing, said) for (article, thing), said in found.items()
            if all(p in said for p in needed)]
    return sorted(kept, key=lambda item: (item[0], item[2][BEGIN.value][0], item[1]))


def _one(said: dict[str, list[Any]], predicate: NamedNode) -> Any:
    values = said.get(predicate.value)
    return values[0] if values else None
