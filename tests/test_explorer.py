"""The offline story explorer in a real browser (Debian's Chromium, driven by Playwright).

The page must load from file:// with no console error and no network request, show
the seed's entities, find "Haigh", open a profile on click, keep article text as
text (an injected <script> or onerror never runs), and the Cytoscape JSON export
must load in Cytoscape.js with the same counts as the projection.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.model import Article, Entity, Extraction
from storygraph.store import open_store
from tests.fixtures_extraction import claim, mentions, text_id

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Skipped only on a machine without Chromium; CI (which .ci/run gives Chromium) never skips.
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed here (apt-get install chromium; .ci/run installs it)")

ROOT = Path(__file__).resolve().parent.parent
# The flags this machine needs (env/machines/python.md): no sandbox as root, and no
# background networking, whose connections the closed network refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
runner = CliRunner()


@dataclass
class Visit:
    page: Any
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.console if m[0] in ("error", "pageerror")]

    @property
    def outside(self) -> list[str]:
        """Requests for anything but the page itself."""
        return [u for u in self.requests if u != self.url]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary profile (user data dir).
        chromium = playwright.chromium.launch(executable_path=CHROMIUM or "chromium", args=FLAGS,
                                              headless=True)
        yield chromium
        chromium.close()


def visit(browser: Any, path: Path) -> Visit:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    seen = Visit(page, path.resolve().as_uri())
    page.on("console", lambda m: seen.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: seen.console.append(("pageerror", str(e))))
    page.on("request", lambda r: seen.requests.append(r.url))
    page.goto(seen.url)
    page.wait_for_function("window.storygraph !== undefined", timeout=20000)
    return seen


@pytest.fixture(scope="module")
def seed_store(nlp, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("explorer") / "store"
    result = runner.invoke(app, ["ingest", str(ROOT / "seeds"), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


@pytest.fixture(scope="module")
def seed_page(seed_store: str, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "story.html"
    result = runner.invoke(app, ["export", str(out), "--format", "html", "--store", seed_store])
    assert result.exit_code == 0, result.output
    return out


def test_seed_page_loads_offline_and_shows_the_entities(browser: Any, seed_page: Path,
                                                        seed_store: str, seed_gold: dict) -> None:
    seen = visit(browser, seed_page)
    page = seen.page
    assert seen.errors == []
    assert seen.outside == []
    gold = seed_gold
    listed = page.inner_text("#entity-list")
    for entity in gold["entities"]:
        if entity["id"] != "government":
            assert any(name in listed for name in entity["names"]), entity["id"]
    from storygraph.graph import to_networkx

    with open_store(seed_store, read_only=True) as store:
        projection = to_networkx(store)
    assert page.evaluate("window.storygraph.cy.nodes().length") == projection.number_of_nodes()
    assert page.evaluate("window.storygraph.cy.edges().length") == projection.number_of_edges()
    page.click("#tabs button[data-tab=claims]")
    claims = page.inner_text("#claims")
    assert "Harper" in claims
    assert "(as “he”)" in claims  # the surface form beside the resolved speaker
    page.close()


def test_search_finds_haigh_and_a_click_shows_her_profile(browser: Any,
                                                          seed_page: Path) -> None:
    seen = visit(browser, seed_page)
    page = seen.page
    page.fill("#search", "Haigh")
    results = page.inner_text("#result-list")
    assert "Louise Haigh" in results
    page.click("#result-list .entity-link >> text=Louise Haigh")
    profile = page.inner_text("#profile")
    assert profile.startswith("Louise Haigh")
    assert "PERSON" in profile and "Mentioned in" in profile.replace("MENTIONED IN", "Mentioned in")
    # Each sentence that mentions her links to that sentence in the Sources section.
    links = page.locator("#profile a.mention-link")
    texts = [links.nth(i).inner_text() for i in range(links.count())]
    assert any("Haigh" in t for t in texts)
    link = links.nth(next(i for i, t in enumerate(texts) if "Haigh" in t))
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.is_visible(f"[id='{target}']")
    assert page.inner_text(f"[id='{target}']") == link.inner_text()
    # Clicking a node in the graph opens a profile too.
    page.evaluate("""() => { const cy = window.storygraph.cy;
        cy.nodes().filter(n => n.data('label') === 'Mark Harper').emit('tap'); }""")
    assert page.inner_text("#profile").startswith("Mark Harper")
    assert seen.errors == [] and seen.outside == []
    page.close()


EVIL_PERSON = '"><img src=x onerror="window.__pwned=1">'
EVIL_ORG = "<script>window.__pwned=2</script> Holdings"
EVIL_QUOTE = "</script><script>window.__pwned=3</script><img src=y onerror=window.__pwned=4>"
EVIL_TEXT = (f"Hostile page\n{EVIL_PERSON} said: \"{EVIL_QUOTE}\"\n"
             f"{EVIL_ORG} declined to comment.")


def hostile() -> Extraction:
    t = EVIL_TEXT
    article = Article(id=text_id(t), key="javascript:window.__pwned=5", text=t,
                      title="<b onmouseover=window.__pwned=6>Hostile</b> page",
                      published="2024-05-01", source="<i>Evil</i> News",
                      url="javascript:window.__pwned=5")
    return Extraction(
        article=article,
        entities=(Entity("x1", EVIL_PERSON, "PERSON", (), mentions(t, EVIL_PERSON)),
                  Entity("x2", EVIL_ORG, "ORG", (), mentions(t, EVIL_ORG))),
        roles=(),
        claims=(claim(t, "x1", EVIL_PERSON, "said", EVIL_QUOTE, direct=True, about=("x2",)),),
        quantities=(), events=(), extractor_version="test-1", model="hand-made")


def test_injected_markup_renders_as_text(browser: Any, tmp_path: Path) -> None:
    from storygraph.export.html import write_html

    with open_store(":memory:") as store:
        store.put(hostile())
        out = tmp_path / "hostile.html"
        write_html(store, out)
    seen = visit(browser, out)
    page = seen.page
    page.click("#tabs button[data-tab=claims]")
    page.fill("#search", "Holdings")
    page.click("#result-list .entity-link >> nth=0")
    page.click("#tabs button[data-tab=sources]")
    page.evaluate("window.storygraph.select(window.storygraph.cy.nodes()[0].id())")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, b, i, script:not([src])').length") \
        == 3  # only the page's own three script elements
    text = page.inner_text("body")
    assert EVIL_PERSON in text and EVIL_ORG in text and EVIL_QUOTE in text
    assert page.evaluate("document.querySelectorAll('a[href^=javascript]').length") == 0
    assert seen.errors == [] and seen.outside == []
    page.close()


def test_cytoscape_json_loads_in_cytoscape_js(browser: Any, seed_page: Path, seed_store: str,
                                              tmp_path: Path) -> None:
    out = tmp_path / "story.cyjs.json"
    result = runner.invoke(app, ["export", str(out), "-f", "cytoscape", "--store", seed_store])
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    seen = visit(browser, seed_page)  # the explorer page carries Cytoscape.js
    counts = seen.page.evaluate("""(json) => {
        const cy = cytoscape({headless: true, elements: json.elements, style: json.style});
        return [cy.nodes().length, cy.edges().length]; }""", exported)
    assert counts == [len(exported["elements"]["nodes"]), len(exported["elements"]["edges"])]
    from storygraph.graph import to_networkx

    with open_store(seed_store, read_only=True) as store:
        projection = to_networkx(store)
    assert counts == [projection.number_of_nodes(), projection.number_of_edges()]
    assert seen.errors == []
    seen.page.close()


def crowd(group: int, size: int = 10) -> Extraction:
    """One article naming `size` people; 42 of them name more than the explorer draws at once."""
    names = [f"Person Number{group * size + i:03d}" for i in range(size)]
    t = f"A crowded story {group}\n" + ". ".join(f"{name} spoke" for name in names) + "."
    entities = tuple(Entity(f"c{i}", name, "PERSON", (), mentions(t, name))
                     for i, name in enumerate(names))
    article = Article(id=text_id(t), key=f"crowd-{group}", text=t, title="A crowded story",
                      published="2024-06-01", source="Wire")
    return Extraction(article=article, entities=entities, roles=(), claims=(), quantities=(),
                      events=(), extractor_version="test-1", model="hand-made")


def test_a_big_graph_starts_with_an_overview_and_focuses_on_a_choice(browser: Any,
                                                                   tmp_path: Path) -> None:
    from storygraph.export.html import write_html

    with open_store(":memory:") as store:
        store.put_many(crowd(g) for g in range(42))
        out = tmp_path / "crowd.html"
        write_html(store, out)
    seen = visit(browser, out)
    page = seen.page
    # Every entity is on the page and in the list; the graph draws the 150 most mentioned
    # (and Cytoscape holds only those: a big graph's elements are made as they are shown).
    assert page.evaluate("window.storygraph.data.graph.elements.nodes.length") == 420
    assert page.locator("#entity-list li").count() == 420
    assert page.evaluate("window.storygraph.cy.nodes(':visible').length") == 150
    assert page.evaluate("window.storygraph.cy.nodes().length") == 150
    page.fill("#search", "Number419")
    page.click("#result-list .entity-link >> nth=0")
    assert page.inner_text("#profile").startswith("Person Number419")
    # Only co-occurrences link them: the chosen one and the nine named with them.
    visible = page.evaluate("window.storygraph.cy.nodes(':visible').map(n => n.data('label'))")
    assert sorted(visible) == [f"Person Number{i}" for i in range(410, 420)]
    assert seen.errors == [] and seen.outside == []
    page.close()


# --- a page for a large store: what fits, and how to get the rest ---------------------------

def court_and_flood(path: Path) -> str:
    """An on-disk store with two stories: the court case (three articles) and a flood (one)."""
    from storygraph.ingest import ArticleWriter
    from tests.fixtures_extraction import all_extractions
    from tests.test_export import flood

    with open_store(path) as store:
        writer = ArticleWriter(store, resolve=False)
        for extraction in [*all_extractions(), flood()]:
            writer.write(extraction)
    return str(path)


def test_a_page_over_budget_holds_the_largest_story_and_says_how_to_get_the_rest(
        browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storygraph.export import html
    from storygraph.query.stories import list_stories

    store_path = court_and_flood(tmp_path / "store")
    with open_store(store_path, read_only=True) as store:
        costs = html.page_costs(store)
        stories = {s["label"]: s for s in list_stories(store)}
        out = tmp_path / "big.html"
        # A budget one byte short of everything: the flood story (one article) drops out.
        monkeypatch.setattr(html, "COOCCURRENCE_LINKS", 3)
        counts = html.write_html(store, out, budget=sum(costs.values()) - 1)
    assert counts["articles"] == 3
    flood_story = next(s for s in stories.values() if s["articles"] == 1)
    seen = visit(browser, out)
    page = seen.page
    assert seen.errors == [] and seen.outside == []
    notice = page.inner_text("#notice")
    assert "This page holds 1 of 2 stories (3 of 4 articles)" in notice
    assert "storygraph export --format html --story STORY story.html" in notice
    assert "Co-occurrence links: the 3 strongest of" in notice
    page.click("#notice summary")
    listed = page.inner_text("#notice details")
    ident = str(flood_story["story"]).rsplit("/", 1)[-1]
    command = f"storygraph export --format html --story {ident}"
    assert f"{flood_story['label']} · 1 articles · {command}" in listed
    shown = page.evaluate("window.storygraph.data.articles.map(a => a.title)")
    assert "Rivertown flood forces hundreds from homes" not in shown and len(shown) == 3
    assert page.evaluate("window.storygraph.cy.edges('[relation = \"co_occurs\"]').length") == 3
    page.close()
    # The command the page gives writes the flood's page, whole.
    monkeypatch.undo()
    rest = tmp_path / "story.html"
    result = runner.invoke(app, ["export", str(rest), "--format", "html", "--story", ident,
                                 "--store", store_path])
    assert result.exit_code == 0, result.output
    seen = visit(browser, rest)
    assert seen.page.evaluate("window.storygraph.data.articles.map(a => a.title)") == [
        "Rivertown flood forces hundreds from homes"]
    assert seen.page.is_hidden("#notice") and seen.errors == []
    seen.page.close()
