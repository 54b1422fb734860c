"""Reading saved pages against parsing them: pages/s and the ratio to spaCy, in one run.

    python bench/bench_sources.py [--limit N] [--repeat N]

Pages: each ECB+ dev article (real news text, tests/data/ecbplus) inside the markup
of a typical news site, about 100 KB a page: navigation, an inline script and
style, a cookie banner, JSON-LD, related links, comments and a footer. Three timings
on the same articles:

* reading the pages (`read_html`: decode, trafilatura, metadata) one by one;
* reading the same pages out of one gzipped WARC archive (`read_paths`);
* the baseline: the model's pipeline as storygraph runs it, `nlp.pipe` over the
  texts that reading gave back (what parsing those articles costs).

The target is reading ≤ 1/10 of parsing; the ratio is printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import tempfile
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

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


def news_page(number: int, record: dict) -> str:
    lines = [line for line in record["text"].split("\n") if line.strip()]
    headline, body = lines[0], lines[1:] or lines
    meta = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
            "datePublished": "2025-03-14T09:30:00Z", "author": {"@type": "Person",
                                                               "name": "Jane Ross"}}
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(headline)}'
            f'</title><link rel="canonical" href="https://news.example/{number}">'
            f'<script type="application/ld+json">{json.dumps(meta)}</script>'
            f"<style>{STYLE}</style><script>{SCRIPT}</script></head><body>"
            f'<header><nav><ul>{NAV}</ul></nav></header><div class="cookies">We use cookies. '
            f'<button>Accept</button></div><main><article><h1>{escape(headline)}</h1>'
            f'<p class="byline">By Jane Ross</p>{paragraphs}</article>'
            f'<aside class="related"><ul>{RELATED}</ul></aside>'
            f'<section class="comments">{COMMENTS}</section></main>'
            f"<footer><ul>{FOOTER}</ul></footer></body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()

    with CORPUS.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in itertools.islice(lines, args.limit)]
    pages = [news_page(n, r).encode("utf-8") for n, r in enumerate(records)]
    read_html(pages[0], origin="warm-up")

    def best(run: Callable[[], object]) -> float:
        """The fastest of `--repeat` runs: the machine is shared, the minimum is the cost."""
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return min(times)

    articles = [read_html(page, origin=f"page {n}") for n, page in enumerate(pages)]
    read_s = best(lambda: [read_html(page, origin=f"page {n}") for n, page in enumerate(pages)])
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "crawl.warc.gz"
        archive.write_bytes(warc_archive(
            [(f"https://news.example/{n}", page) for n, page in enumerate(pages)],
            extra_records=False))
        from_archive = [a for a in read_paths([archive]) if isinstance(a, Article)]
        assert len(from_archive) == len(articles)
        warc_s = best(lambda: list(read_paths([archive])))

    nlp = load_model(model_name())
    nlp("warm up")
    texts = [a.text for a in articles]
    parse_s = best(lambda: list(nlp.pipe(texts, batch_size=16)))

    n = len(pages)
    words = sum(len(t.split()) for t in texts)
    kept = sum(len(t) for t in texts) / sum(len(p) for p in pages)
    print(f"machine: {platform.processor() or platform.machine()}, python "
          f"{platform.python_version()}, model {model_name()}, best of {args.repeat}")
    print(f"{n} pages, {sum(map(len, pages)) / n / 1024:.0f} KB of markup each, "
          f"{words / n:.0f} words of story each ({kept:.1%} of the markup kept)")
    print(f"read pages       {read_s:6.2f} s  {n / read_s:7.1f} pages/s  "
          f"{1000 * read_s / n:6.1f} ms/page")
    print(f"read WARC        {warc_s:6.2f} s  {n / warc_s:7.1f} pages/s  "
          f"{1000 * warc_s / n:6.1f} ms/page")
    print(f"parse (baseline) {parse_s:6.2f} s  {n / parse_s:7.1f} articles/s  "
          f"{1000 * parse_s / n:6.1f} ms/article")
    print(f"ratio reading/parsing: pages {read_s / parse_s:.3f}, WARC {warc_s / parse_s:.3f} "
          "(target <= 0.100)")


if __name__ == "__main__":
    main()
