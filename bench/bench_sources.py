"""Reading saved pages against parsing them: pages/s and the ratio to spaCy, in one run.

    python bench/bench_sources.py [--limit N] [--repeat N]

Pages: each ECB+ dev article (real news text, tests/data/ecbplus) inside the markup
of a typical news site: navigation and a menu, an inline script and style, a cookie
banner, JSON-LD, share bars, promotions, related and most-read links, comments and a
footer (about 1,500 elements a page; reading costs in proportion to elements, not
bytes). Three timings on the same articles:

* reading the pages (`read_html`: decode, trafilatura, metadata) one by one, in each
  of the layouts of `LAYOUTS`: the story in an `<article>`, in a `<div>`, in `<div>`s
  split by an advert with the headline above them, in a table cell, in `<section>`s
  (each must give the same text);
* reading the same pages out of one gzipped WARC archive (`read_paths`);
* the baseline: the model's pipeline as storygraph runs it, `nlp.pipe` over the
  texts that reading gave back (what parsing those articles costs).

The target is reading ≤ 1/10 of parsing; the ratios are printed. Each is the best of
`--repeat` runs in CPU time and in wall-clock time: on a shared machine the wall clock
swings with other people's work, CPU time much less.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from lxml import html as lxml_html

from storygraph.model import Article
from storygraph.nlp import load_model, model_name
from storygraph.sources import read_paths
from storygraph.sources.html import read_html
from tests.web_pages import warc_archive

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"

SCRIPT = "window.dataLayer=window.dataLayer||[];" + "".join(
    f"function track{i}(e){{dataLayer.push({{event:'t{i}',target:e.target.id}})}}"
    for i in range(400))
STYLE = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i:06x}}}" for i in range(300))
NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(120))
RELATED = "".join(f'<li><a href="/news/{i}"><img src="/i/{i}.jpg" alt="">Related headline '
                  f"number {i} about something else</a></li>" for i in range(20))
COMMENTS = "".join(f'<div class="comment"><b>reader{i}</b><p>Comment {i}: I do not agree '
                   f"with this at all, the council should have acted sooner.</p></div>"
                   for i in range(10))
FOOTER = "".join(f'<li><a href="/about/{i}">Footer link {i}</a></li>' for i in range(40))
# Furniture in plain <div>s, as most sites build it (no <nav> or <aside> to say so).
MENU = "".join(f'<div class="menu-item"><a href="/s/{i}"><span>Topic {i}</span></a></div>'
               for i in range(150))
PROMOS = "".join(
    f'<div class="promo"><a href="/p/{i}"><div class="media"><img src="/p/{i}.jpg" alt=""></div>'
    f'<div class="promo-text"><h3>Promoted headline {i} about another story</h3>'
    f"<p>A teaser sentence for promo {i}.</p></div></a></div>" for i in range(40))
MOST_READ = "".join(f'<li><span class="rank">{i}</span><a href="/m/{i}">Most read headline {i}'
                    "</a></li>" for i in range(1, 11))
SHARE = "".join(f'<a class="share" href="/share/{s}"><span>Share on {s}</span></a>'
                for s in ("Facebook", "X", "WhatsApp", "Email", "LinkedIn"))


def story(layout: str, headline: str, body: list[str]) -> str:
    """The story's markup in one of the layouts news sites use."""
    title = f"<h1>{escape(headline)}</h1>"
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body)
    half = len(body) // 2
    if layout == "<article>":
        return f'<article>{title}<p class="byline">By Jane Ross</p>{paragraphs}</article>'
    if layout == "<div>":
        return f'<div>{title}<p class="byline">By Jane Ross</p>{paragraphs}</div>'
    if layout == "<div>s, headline outside, split by an advert":
        return (f'<div class="article-header">{title}<div class="byline">By Jane Ross</div>'
                '</div><div class="article-text"><div class="text-block">'
                + "".join(f"<p>{escape(p)}</p>" for p in body[:half])
                + '</div><div class="ad-slot"><p>Advertisement: half price on your first '
                'box of meal kits, delivered to your door</p></div><div class="text-block">'
                + "".join(f"<p>{escape(p)}</p>" for p in body[half:]) + "</div></div>")
    if layout == "<td>":
        return f'<table><tr><td class="story">{title}{paragraphs}</td></tr></table>'
    if layout == "<section>s":
        return (f"<div>{title}<section>"
                + "".join(f"<p>{escape(p)}</p>" for p in body[:half]) + "</section><section>"
                + "".join(f"<p>{escape(p)}</p>" for p in body[half:]) + "</section></div>")
    raise ValueError(layout)


LAYOUTS = ("<article>", "<div>", "<div>s, headline outside, split by an advert", "<td>",
           "<section>s")


def news_page(number: int, record: dict, layout: str = "<article>") -> str:
    lines = [line for line in record["text"].split("\n") if line.strip()]
    headline, body = lines[0], lines[1:] or lines
    meta = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
            "datePublished": "2025-03-14T09:30:00Z", "author": {"@type": "Person",
                                                               "name": "Jane Ross"}}
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(headline)}'
            f'</title><link rel="canonical" href="https://news.example/{number}">'
            f'<script type="application/ld+json">{json.dumps(meta)}</script>'
            f"<style>{STYLE}</style><script>{SCRIPT}</script></head><body>"
            f'<header><nav><ul>{NAV}</ul></nav><div class="menu">{MENU}</div></header>'
            f'<div class="cookies">We use cookies. <button>Accept</button></div>'
            f'<main><div class="share-bar">{SHARE}</div>{story(layout, headline, body)}'
            f'<div class="share-bar">{SHARE}</div><div class="promos">{PROMOS}</div>'
            f'<aside class="related"><ul>{RELATED}</ul></aside>'
            f'<div class="most-read"><h2>Most read</h2><ol>{MOST_READ}</ol></div>'
            f'<section class="comments">{COMMENTS}</section></main>'
            f"<footer><ul>{FOOTER}</ul></footer></body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()

    with CORPUS.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in itertools.islice(lines, args.limit)]
    layouts = {layout: [news_page(n, r, layout).encode("utf-8") for n, r in enumerate(records)]
               for layout in LAYOUTS}
    pages = layouts["<article>"]
    read_html(pages[0], origin="warm-up")

    def best(run: Callable[[], object]) -> Timing:
        """The fastest of `--repeat` runs, in CPU and in wall-clock seconds."""
        runs = []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            runs.append(Timing(time.process_time() - cpu, time.perf_counter() - wall))
        return Timing(min(r.cpu for r in runs), min(r.wall for r in runs))

    def read_all(batch: list[bytes]) -> list[Article]:
        return [read_html(page, origin=f"page {n}") for n, page in enumerate(batch)]

    articles = read_all(pages)
    for layout, batch in layouts.items():  # each layout gives every line of prose, in order
        for article, other in zip(articles, read_all(batch), strict=True):
            prose = [line for line in article.text.split("\n") if len(line.split()) >= 8]
            assert [line for line in other.text.split("\n") if line in prose] == prose, layout
    timings = {f"read, {layout}": best(lambda batch=batch: read_all(batch))
               for layout, batch in layouts.items()}
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "crawl.warc.gz"
        archive.write_bytes(warc_archive(
            [(f"https://news.example/{n}", page) for n, page in enumerate(pages)],
            extra_records=False))
        assert sum(isinstance(a, Article) for a in read_paths([archive])) == len(articles)
        timings["read WARC"] = best(lambda: list(read_paths([archive])))

    nlp = load_model(model_name())
    nlp("warm up")
    texts = [a.text for a in articles]
    parse = best(lambda: list(nlp.pipe(texts, batch_size=16)))

    n = len(pages)
    words = sum(len(t.split()) for t in texts)
    elements = sum(sum(1 for _ in lxml_html.fromstring(p).iter()) for p in pages) / n
    print(f"machine: {platform.processor() or platform.machine()}, python "
          f"{platform.python_version()}, model {model_name()}, best of {args.repeat}")
    print(f"{n} pages, {sum(map(len, pages)) / n / 1024:.0f} KB and {elements:.0f} elements "
          f"each, {words / n:.0f} words of story each")
    print(f"{'':50} {'CPU ms/page':>12} {'wall ms/page':>13} {'pages/s':>8} {'ratio CPU':>10} "
          f"{'ratio wall':>11}")
    for name, timing in (*timings.items(), ("parse (baseline)", parse)):
        print(f"{name:50} {1000 * timing.cpu / n:12.1f} {1000 * timing.wall / n:13.1f} "
              f"{n / timing.wall:8.1f} {timing.cpu / parse.cpu:10.3f} "
              f"{timing.wall / parse.wall:11.3f}")
    print("target: reading a page <= 0.100 of parsing its article")


@dataclass(frozen=True)
class Timing:
    cpu: float
    wall: float


if __name__ == "__main__":
    main()
