// storygraph story explorer. Every string from articles is put in the page with
// textContent or setAttribute, never as markup, so article text cannot inject HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("storygraph-data").textContent);
  var nodes = data.graph.elements.nodes.map(function (n) { return n.data; });
  var edges = data.graph.elements.edges.map(function (e) { return e.data; });
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var articles = data.articles;
  var sentenceText = {};
  articles.forEach(function (a) {
    a.sentences.forEach(function (s) { sentenceText[s.id] = s.text; });
  });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function name(id) { return byId[id] ? byId[id].label : null; }
  function articleLabel(n) {
    var a = articles[n];
    return (a.title || a.id) + (a.source ? " — " + a.source : "") +
      (a.authors.length ? ", by " + a.authors.join(", ") : "") + (a.date ? ", " + a.date : ", undated");
  }
  function sentenceLink(sid, label) {
    var link = el("a", label || "source sentence");
    link.setAttribute("href", "#s-" + sid);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      showTab("sources");
      var target = document.getElementById("s-" + sid);
      if (target) {
        target.classList.add("flash");
        target.scrollIntoView({ block: "center" });
        setTimeout(function () { target.classList.remove("flash"); }, 2500);
      }
    });
    return link;
  }
  function entityButton(id) {
    var n = byId[id];
    var button = el("button", null, "entity-link");
    var dot = add(button, el("span", null, "dot"));
    dot.style.background = n.color;
    add(button, document.createTextNode(n.label));
    button.addEventListener("click", function () { select(id); });
    return button;
  }

  // --- header -----------------------------------------------------------------------
  document.getElementById("title").textContent = data.title;
  document.getElementById("summary").textContent =
    nodes.length + " entities · " + edges.length + " relations · " + articles.length +
    " articles · " + data.claims.length + " claims · " + data.figures.length + " figures";

  // --- what the page leaves out (a large store or selection) ------------------------
  var notice = document.getElementById("notice");
  function number(n) { return Number(n).toLocaleString("en"); }
  if (data.notice) {
    notice.hidden = false;
    var part = data.notice.part, links = data.notice.cooccurrence;
    if (part) {
      add(notice, el("p", "This page holds " + number(part.stories) + " of " + number(part.of_stories) +
        " stories (" + number(part.articles) + " of " + number(part.of_articles) +
        " articles), the largest that fit: a page with all of them would be too big for a browser."));
      var how = add(notice, el("p", "For the rest, export one story to its own page: "));
      add(how, el("code", part.command));
      add(how, document.createTextNode(" (STORY is a story's id or words of its label), or choose articles with --since, --until or --entity."));
      if (part.left_out.length) {
        var more = add(notice, el("details"));
        add(more, el("summary", "Stories not on this page (" + number(part.left_out.length) + ")"));
        var ul = add(more, el("ul"));
        part.left_out.forEach(function (s) {
          var li = add(ul, el("li", s.label + " · " + number(s.articles) + " articles · "));
          add(li, el("code", s.command));
        });
      }
    }
    if (links.shown < links.of) {
      add(notice, el("p", "Co-occurrence links: the " + number(links.shown) + " strongest of " + number(links.of) +
        " (pairs named together in at least " + number(links.min_articles) + " articles). " +
        "Every link is in the GraphML and GEXF exports (storygraph export --format gexf story.gexf)."));
    }
  }

  // --- graph ------------------------------------------------------------------------
  // A big graph shows its most mentioned entities first (all of them would be dots too
  // small to see), and choosing an entity shows it with its neighbours. Cytoscape then
  // holds only what is shown: making elements for every entity and link of a large
  // page took longer than opening the rest of it.
  var big = nodes.length > 400;
  var OVERVIEW = 150;
  var nodeElements = {};
  data.graph.elements.nodes.forEach(function (n) { nodeElements[n.data.id] = n; });
  var touching = {};  // entity id -> the links that start or end at it
  data.graph.elements.edges.forEach(function (e) {
    [e.data.source, e.data.target].forEach(function (id) { (touching[id] = touching[id] || []).push(e); });
  });
  function isCooccurrence(e) { return e.data.relation === "co_occurs"; }
  var cooccurrences = data.graph.elements.edges.filter(isCooccurrence).length;
  // Co-occurrence links make a clique per article; they are hidden at first so the
  // roles, claims and events stand out, and a checkbox brings them back.
  var showCooccurrences = cooccurrences === edges.length;
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: big ? [] : data.graph.elements,
    layout: { name: "preset" },  // overview() lays out what is shown
    style: data.graph.style.concat([
      { selector: "node", style: { "font-size": 11, "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 6 } },
      { selector: "edge[relation = 'co_occurs']", style: { "target-arrow-shape": "none", width: 1, opacity: 0.35 } },
      { selector: "node.hit", style: { "border-width": 4, "border-color": "#000" } },
      { selector: "node:selected", style: { "border-width": 5, "border-color": "#d55e00" } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: ".hidden", style: { display: "none" } }
    ]),
    maxZoom: 1.6
  });
  function hideCooccurrences() {
    cy.edges("[relation = 'co_occurs']").toggleClass("hidden", !showCooccurrences);
  }
  function show(ids) {  // big graphs: Cytoscape holds these entities and the links among them
    var within = {};
    ids.forEach(function (id) { within[id] = true; });
    var elements = ids.map(function (id) { return nodeElements[id]; });
    ids.forEach(function (id) {
      (touching[id] || []).forEach(function (e) {
        if (e.data.source === id && within[e.data.target]) elements.push(e);  // once, at its source
      });
    });
    cy.elements().remove();
    cy.add(elements);
    hideCooccurrences();
  }
  function cose(eles) {
    eles.layout({ name: "cose", animate: false, randomize: false, idealEdgeLength: function () { return 110; },
                  nodeRepulsion: function () { return 400000; }, nodeOverlap: 20, gravity: 40,
                  padding: 30 }).run();
  }
  function overview() {
    cy.elements().removeClass("faded");
    if (big) {
      show(nodes.slice().sort(function (a, b) { return b.mentions - a.mentions; })
        .slice(0, OVERVIEW).map(function (n) { return n.id; }));
    }
    cose(cy.elements(":visible"));
    cy.fit(cy.elements(":visible"), 30);
  }
  function focus(id) {
    var links = (touching[id] || []).filter(function (e) { return showCooccurrences || !isCooccurrence(e); });
    if (!links.length) links = touching[id] || [];  // only co-occurrences: show those entities
    var around = [id];
    links.forEach(function (e) {
      [e.data.source, e.data.target].forEach(function (other) {
        if (around.length < 80 && around.indexOf(other) < 0) around.push(other);
      });
    });
    show(around);
    var node = cy.getElementById(id);
    cy.nodes().layout({ name: "concentric", animate: false, padding: 30, minNodeSpacing: 30,
                        concentric: function (n) { return n.same(node) ? 2 : 1; },
                        levelWidth: function () { return 1; } }).run();
    cy.fit(cy.nodes(), 40);
  }
  hideCooccurrences();
  overview();
  window.addEventListener("keydown", function (event) { if (event.key === "Escape") overview(); });
  cy.on("tap", "node", function (event) { select(event.target.id()); });

  var legend = document.getElementById("legend");
  var reset = add(legend, el("button", big ? "overview (" + OVERVIEW + " most mentioned)" : "overview"));
  reset.addEventListener("click", overview);
  var toggle = add(legend, el("label", null, "muted"));
  var box = add(toggle, el("input"));
  box.type = "checkbox";
  box.id = "show-cooccurs";
  box.checked = showCooccurrences;
  add(toggle, document.createTextNode(" co-occurrence links (" + cooccurrences + ")"));
  box.addEventListener("change", function () {
    showCooccurrences = box.checked;
    hideCooccurrences();
  });
  add(legend, el("span", "edges: role · said about · event", "muted")).style.setProperty("--c", "transparent");
  var seenTypes = {};
  nodes.forEach(function (n) { seenTypes[n.type] = n.color; });
  Object.keys(seenTypes).sort().forEach(function (t) {
    var item = add(legend, el("span", t));
    item.style.setProperty("--c", seenTypes[t]);
  });

  // --- entity list ------------------------------------------------------------------
  var list = document.getElementById("entity-list");
  nodes.slice().sort(function (a, b) { return b.mentions - a.mentions || a.label.localeCompare(b.label); })
    .forEach(function (n) {
      var li = add(list, el("li"));
      add(li, entityButton(n.id));
      add(li, el("span", " " + n.type + " · " + n.mentions + " mentions", "muted"));
    });

  // --- profile ----------------------------------------------------------------------
  function select(id) {
    var n = byId[id];
    if (!n) return;
    cy.$(":selected").unselect();
    if (big) focus(id);
    var node = cy.getElementById(id);
    node.select();
    if (!big) {
      cy.elements().addClass("faded");
      node.closedNeighborhood().removeClass("faded");
    }
    var box = document.getElementById("profile");
    box.hidden = false;
    box.textContent = "";
    var h = add(box, el("h2"));
    var dot = add(h, el("span", null, "dot"));
    dot.style.background = n.color;
    add(h, document.createTextNode(n.label));
    add(box, el("div", n.type + " · " + n.mentions + " mentions in " + n.articles + " article(s)", "muted"));
    var seen = n.first_seen ? "first seen " + n.first_seen + ", last seen " + n.last_seen : "no dated article";
    add(box, el("div", seen, "muted"));
    if (n.aliases && n.aliases.length) add(box, el("div", "Also called: " + n.aliases.join(", ")));
    if (n.roles && n.roles.length) add(box, el("div", "Roles: " + n.roles.join("; ")));
    var said = data.claims.filter(function (c) { return c.speaker === id; });
    var about = data.claims.filter(function (c) { return c.about.indexOf(id) >= 0; });
    var figs = data.figures.filter(function (f) { return f.about.indexOf(id) >= 0 || f.stated_by === id; });
    section(box, "Said", said, claimItem);
    section(box, "Said about them", about, claimItem);
    section(box, "Figures", figs, function (f) {
      var li = el("li", f.text + (f.unit ? " (" + f.unit + ")" : ""));
      if (f.sentence) { add(li, document.createTextNode(" ")); add(li, sentenceLink(f.sentence)); }
      return li;
    });
    section(box, "Mentioned in", n.sentences || [], function (sid) {
      var li = el("li");
      var article = articles[Number(sid.split("-")[0])];
      add(li, sentenceLink(sid, sentenceText[sid])).classList.add("mention-link");
      add(li, el("div", articleLabel(article.n), "muted"));
      if (article.url) {
        var ext = add(li, el("a", "open in the article", "muted"));
        ext.setAttribute("href", article.url + "#:~:text=" + encodeURIComponent(sentenceText[sid].slice(0, 80)));
        ext.setAttribute("rel", "noopener noreferrer");
        ext.setAttribute("target", "_blank");
      }
      return li;
    });
    box.scrollIntoView({ block: "nearest" });
  }
  function section(box, title, items, render) {
    if (!items.length) return;
    add(box, el("h3", title + " (" + items.length + ")"));
    var ul = add(box, el("ul"));
    items.forEach(function (item) { add(ul, render(item)); });
  }
  function claimItem(c) {
    var li = el("li", null, "claim");
    var who = add(li, el("div"));
    if (c.speaker) add(who, entityButton(c.speaker));
    else add(who, el("strong", c.speaker_name || "unknown speaker"));
    // The words the article used ("he", "the union"), so a reader can check the attribution.
    if (c.speaker && c.speaker_text && c.speaker_text.toLowerCase() !== (c.speaker_name || "").toLowerCase())
      add(who, el("span", " (as “" + c.speaker_text + "”)", "muted"));
    add(who, el("span", " " + (c.cue || "said") + (c.date ? " · " + c.date : ""), "muted"));
    add(li, el(c.direct ? "blockquote" : "p", c.direct ? "“" + c.text + "”" : c.text));
    var meta = add(li, el("div", null, "muted"));
    if (c.about.length) {
      add(meta, document.createTextNode("about "));
      c.about.forEach(function (a, i) {
        if (i) add(meta, document.createTextNode(", "));
        add(meta, entityButton(a));
      });
      add(meta, document.createTextNode(" · "));
    }
    if (c.sentence) add(meta, sentenceLink(c.sentence));
    return li;
  }

  // --- search -----------------------------------------------------------------------
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    var box = document.getElementById("results");
    var ul = document.getElementById("result-list");
    ul.textContent = "";
    cy.nodes().removeClass("hit");
    if (!q) { box.hidden = true; return; }
    box.hidden = false;
    var hits = nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 ||
        (n.aliases || []).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    });
    hits.forEach(function (n) {
      cy.getElementById(n.id).addClass("hit");
      add(add(ul, el("li")), entityButton(n.id));
    });
    var quotes = data.claims.filter(function (c) { return c.text.toLowerCase().indexOf(q) >= 0; });
    quotes.slice(0, 20).forEach(function (c) { add(ul, claimItem(c)); });
    if (!hits.length && !quotes.length) add(ul, el("li", "Nothing matches.", "muted"));
  });

  // --- tabs -------------------------------------------------------------------------
  function showTab(name) {
    document.querySelectorAll("#tabs button").forEach(function (b) {
      b.classList.toggle("active", b.getAttribute("data-tab") === name);
    });
    document.querySelectorAll(".tab").forEach(function (t) { t.hidden = t.id !== name; });
  }
  document.querySelectorAll("#tabs button").forEach(function (b) {
    b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); });
  });

  // --- timeline ---------------------------------------------------------------------
  var timeline = document.getElementById("timeline");
  articles.forEach(function (a) {
    var box = add(timeline, el("div", null, "article"));
    add(box, el("div", (a.date || "undated") + (a.story ? " · story: " + a.story : ""), "muted"));
    add(box, el("h3", a.title || a.id));
    add(box, el("div", (a.source || "") + (a.authors.length ? " · by " + a.authors.join(", ") : "") + " · " +
      data.claims.filter(function (c) { return c.article === a.n; }).length + " claims · " +
      data.figures.filter(function (f) { return f.article === a.n; }).length + " figures", "muted"));
    var evs = data.events.filter(function (e) { return e.article === a.n; });
    if (evs.length) {
      var ul = add(box, el("ul"));
      evs.forEach(function (e) {
        var li = add(ul, el("li"));
        add(li, el("strong", e.kind || "event"));
        add(li, document.createTextNode(": "));
        if (e.agent) add(li, entityButton(e.agent));
        if (e.target) { add(li, document.createTextNode(" → ")); add(li, entityButton(e.target)); }
        if (e.place) { add(li, document.createTextNode(" in ")); add(li, entityButton(e.place)); }
        add(li, el("span", " “" + e.text + "”" + (e.date ? " · " + e.date : e.when_text ? " · " + e.when_text : ""), "muted"));
      });
    }
  });
  if (!articles.length) add(timeline, el("p", "No articles.", "muted"));

  // --- claims -----------------------------------------------------------------------
  var claimsBox = document.getElementById("claims");
  var claimList = add(claimsBox, el("ul"));
  data.claims.forEach(function (c) { add(claimList, claimItem(c)); });
  if (!data.claims.length) add(claimsBox, el("p", "No claims.", "muted"));

  // --- figures over time ------------------------------------------------------------
  var figBox = document.getElementById("figures");
  var points = data.figures.filter(function (f) { return typeof f.value === "number" && f.value > 0; });
  var NS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, parent) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  if (points.length) {
    var used = [];
    points.forEach(function (f) { if (used.indexOf(f.article) < 0) used.push(f.article); });
    used.sort(function (a, b) { return a - b; });
    var W = Math.max(480, 140 * used.length + 120), H = 320, L = 70, R = 20, T = 20, B = 60;
    var logs = points.map(function (f) { return Math.log10(f.value); });
    var lo = Math.floor(Math.min.apply(null, logs)), hi = Math.ceil(Math.max.apply(null, logs));
    if (hi === lo) hi = lo + 1;
    var chart = svg("svg", { width: W, height: H, role: "img", "aria-label": "Figures over time" }, figBox);
    function x(article) { return L + (used.indexOf(article) + 0.5) * (W - L - R) / used.length; }
    function y(v) { return T + (hi - Math.log10(v)) / (hi - lo) * (H - T - B); }
    for (var e = lo; e <= hi; e++) {
      svg("line", { x1: L, x2: W - R, y1: y(Math.pow(10, e)), y2: y(Math.pow(10, e)), stroke: "#eee" }, chart);
      svg("text", { x: L - 6, y: y(Math.pow(10, e)) + 4, "text-anchor": "end" }, chart).textContent = Number(Math.pow(10, e)).toLocaleString("en");
    }
    used.forEach(function (n) {
      var label = svg("text", { x: x(n), y: H - B + 16, "text-anchor": "middle" }, chart);
      label.textContent = articles[n].date || "undated";
      var t2 = svg("text", { x: x(n), y: H - B + 30, "text-anchor": "middle" }, chart);
      t2.textContent = (articles[n].source || "").slice(0, 22);
    });
    var units = [];
    points.forEach(function (f, i) {
      var unit = f.unit || "number";
      if (units.indexOf(unit) < 0) units.push(unit);
      var sameArticle = points.filter(function (g) { return g.article === f.article; });
      var k = sameArticle.indexOf(f), spread = Math.min(60, (W - L - R) / used.length / 2);
      var cx = x(f.article) + (sameArticle.length > 1 ? (k / (sameArticle.length - 1) - 0.5) * spread : 0);
      var palette = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442"];
      var dot = svg("circle", { cx: cx, cy: y(f.value), r: 6, fill: palette[units.indexOf(unit) % palette.length], "class": "figure-point" }, chart);
      svg("title", {}, dot).textContent = f.text + " — " + articleLabel(f.article);
    });
    add(figBox, el("p", "One point per stated figure; value on a log scale, articles in date order (undated last), colour by unit: " + units.join(", ") + ".", "muted"));
  }
  if (data.figures.length) {
    var table = add(figBox, el("table"));
    var head = add(add(table, el("thead")), el("tr"));
    ["Figure", "Value", "Unit", "About", "Article", ""].forEach(function (t) { add(head, el("th", t)); });
    var body = add(table, el("tbody"));
    data.figures.forEach(function (f) {
      var tr = add(body, el("tr"));
      add(tr, el("td", f.text));
      add(tr, el("td", f.value === null ? "" : Number(f.value).toLocaleString("en")));
      add(tr, el("td", f.unit || ""));
      var about = add(tr, el("td"));
      f.about.forEach(function (a) { add(about, entityButton(a)); add(about, document.createTextNode(" ")); });
      add(tr, el("td", articleLabel(f.article)));
      var src = add(tr, el("td"));
      if (f.sentence) add(src, sentenceLink(f.sentence, "sentence"));
    });
  } else {
    add(figBox, el("p", "No figures.", "muted"));
  }

  // --- sources ----------------------------------------------------------------------
  var sources = document.getElementById("sources");
  articles.forEach(function (a) {
    var box = add(sources, el("div", null, "article"));
    var h = add(box, el("h3"));
    if (a.url) {
      var link = add(h, el("a", a.title || a.url));
      link.setAttribute("href", a.url);
      link.setAttribute("rel", "noopener noreferrer");
      link.setAttribute("target", "_blank");
    } else {
      h.textContent = a.title || a.id;
    }
    add(box, el("div", (a.source || "") + (a.authors.length ? " · by " + a.authors.join(", ") : "") + " · " + (a.date || "undated"), "muted"));
    a.sentences.forEach(function (s) {
      var p = add(box, el("p", s.text, "sentence"));
      p.id = "s-" + s.id;
    });
  });

  // For scripting and tests: the graph and the profile opener.
  window.storygraph = { cy: cy, select: select, data: data };
})();
