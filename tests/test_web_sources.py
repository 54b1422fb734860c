"""Saved pages, feeds and web archives, built by the tests (tests/web_pages.py)."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import socket

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.errors import InputError
from storygraph.model import Article, Skipped
from storygraph.sources import html, read_paths
from storygraph.sources.html import read_html
from tests import web_pages as pages
from tests.test_contract import check_contract

runner = CliRunner()
FURNITURE = ("cookie", "Home", "Privacy", "All rights reserved", "Related stories",
             *pages.RELATED, pages.COMMENT)


def read(*paths):
    items = list(read_paths(paths))
    return ([i for i in items if isinstance(i, Article)],
            [str(i) for i in items if isinstance(i, InputError)],
            [str(i) for i in items if isinstance(i, Skipped)])


def one(path):
    articles, errors, _ = read(path)
    assert errors == []
    (article,) = articles
    return article


def no_furniture(text: str) -> None:
    for words in FURNITURE:
        assert words not in text


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Reading must never go to the network: any connection attempt fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("a reader tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_json_ld_news_page(tmp_path):
    path = tmp_path / "bakery.html"
    path.write_text(pages.json_ld_page(), encoding="utf-8")
    article = one(path)
    assert article.title == "Kelby bakery to close with loss of 120 jobs"
    assert article.published == "2025-03-14"
    assert article.source == "Vale Post"
    assert article.url == article.key == "https://valepost.example/news/kelby-bakery"
    assert article.authors == ("Jane Ross", "Tom Lee")
    assert article.text.split("\n") == [article.title, *pages.BAKERY]
    no_furniture(article.text)


def test_an_open_graph_only_page(tmp_path):
    path = tmp_path / "floods.htm"
    path.write_text(pages.open_graph_page(), encoding="utf-8")
    article = one(path)
    assert (article.title, article.published, article.source, article.authors) == (
        "River Kel floods force 300 from homes", "2025-03-17", "Dales Herald", ("Priya Shah",))
    assert article.url == "https://dalesherald.example/2025/03/17/kel-floods"
    assert article.text.split("\n")[1:] == pages.FLOODS
    no_furniture(article.text)


def test_comments_and_related_links_are_left_out(tmp_path):
    path = tmp_path / "union.html"
    path.write_text(pages.commented_page(), encoding="utf-8")
    article = one(path)
    assert article.text.startswith("Bakery closure: union calls meeting\nWorkers at")
    assert article.text.endswith("The company has said 120 jobs are at risk.")
    no_furniture(article.text)
    # No url in the page: the file is the key.
    assert article.url is None and article.key == str(path)


def test_a_live_blog_keeps_every_update(tmp_path):
    path = tmp_path / "live.html"
    path.write_text(pages.live_blog_page(), encoding="utf-8")
    article = one(path)
    assert article.authors == ("Jane Ross",)
    for update in ("arrived at the plant gates", "all 120 staff", "Workers are gathering"):
        assert update in article.text
    no_furniture(article.text)


def test_a_page_in_the_encoding_its_meta_charset_declares(tmp_path):
    path = tmp_path / "cafe.html"
    path.write_bytes(pages.latin1_page())
    article = one(path)
    assert "Zoë Müller said the closure was «a blow»" in article.text
    assert "Señor José Núñez" in article.text


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "shift_jis", "koi8-r"])
def test_a_page_in_utf8_that_declares_another_encoding_reads_as_utf8(tmp_path, declared):
    path = tmp_path / "cafe.html"
    path.write_bytes(pages.latin1_page().decode("iso-8859-1").replace(
        "iso-8859-1", declared).encode("utf-8"))
    article = one(path)
    assert "Zoë Müller said the closure was «a blow»" in article.text
    assert "Señor José Núñez" in article.text


def test_a_gzipped_page_reads_as_the_page(tmp_path):
    plain = tmp_path / "a.html"
    plain.write_text(pages.json_ld_page(), encoding="utf-8")
    zipped = tmp_path / "b.html.gz"
    zipped.write_bytes(gzip.compress(plain.read_bytes()))
    assert one(zipped) == one(plain)


def test_a_page_given_under_another_name_is_recognised(tmp_path):
    path = tmp_path / "saved-page"
    path.write_text(pages.open_graph_page(), encoding="utf-8")
    assert one(path).source == "Dales Herald"


def test_offsets_point_into_the_extracted_text(tmp_path, nlp):
    path = tmp_path / "bakery.html"
    path.write_text(pages.json_ld_page(), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    check_contract(data)
    assert data["article"]["authors"] == ["Jane Ross", "Tom Lee"]
    assert "<" not in data["article"]["text"]
    speakers = {c["speaker_text"] for c in data["claims"]}
    assert "Mayor Ann Vale" in speakers or "Ann Vale" in speakers
    names = {e["name"] for e in data["entities"]}
    assert "Whitlock Bakeries" in names
    assert not any("cookie" in n.lower() or "<" in n for n in names)


@pytest.mark.parametrize("layout", ["json_ld_page", "live_blog_page"])
def test_a_story_in_a_div_reads_as_the_same_story_in_an_article(layout):
    # A page with one <article> is read from it alone; the same page with that element
    # a <div> is read from the block holding its prose. The story must be the same.
    markup = getattr(pages, layout)()
    whole = re.sub(r"<(/?)article\b", r"<\1div", markup)
    assert "<article" in markup and "<article" not in whole
    assert (read_html(markup.encode(), origin="a").text
            == read_html(whole.encode(), origin="b").text)


def test_a_lone_teaser_card_article_does_not_hide_the_story():
    markup = pages.page("<title>Floods</title>", (
        f'<div class="story"><h1>River Kel floods</h1>{pages.paragraphs(pages.FLOODS)}</div>'
        '<article class="card"><a href="/x"><h3>Bakery to close</h3></a><p>Whitlock '
        "Bakeries will close its Kelby plant in June, the company said.</p></article>"))
    text = read_html(markup.encode(), origin="card").text
    assert all(paragraph in text for paragraph in pages.FLOODS)


@pytest.mark.parametrize("layout", pages.DIV_LAYOUTS, ids=lambda f: f.__name__)
def test_a_page_without_an_article_element_is_read_from_its_story_block(layout):
    markup, headline, story, furniture = layout()
    assert "<article" not in markup and "<main" not in markup
    text = read_html(markup.encode(), origin=layout.__name__).text
    lines = text.split("\n")
    assert lines[0] == headline
    assert [line for line in lines if line in story] == story  # all of it, in order
    no_furniture(text)
    for words in furniture:
        assert words not in text
    # ... and read from that block alone, not from the whole page.
    container = html._story_container(html._parse(markup, layout.__name__))
    assert len(container.xpath("/html/body/*")) == 1
    assert "All rights reserved" not in container.text_content()


def test_a_page_with_no_convincing_block_is_read_whole():
    # Prose straight in <body>, no block around it: trafilatura reads the page.
    markup = (f"<html><body>{pages.NAV}<h1>River Kel floods force 300 from homes</h1>"
              f"{pages.paragraphs(pages.FLOODS)}{pages.FOOTER}</body></html>")
    tree = html._parse(markup, "body")
    assert html._story_container(tree) is tree
    text = read_html(markup.encode(), origin="body").text
    assert [line for line in text.split("\n") if line in pages.FLOODS] == pages.FLOODS


@pytest.mark.parametrize(("tag", "attributes", "furniture"), [
    ("aside", {}, True), ("nav", {}, True), ("header", {}, True), ("form", {}, True),
    ("div", {"class": "comment-list"}, True), ("div", {"id": "comments"}, True),
    ("div", {"class": "relatedStories"}, True), ("div", {"id": "ad_slot"}, True),
    ("div", {"class": "col topAd"}, True), ("section", {"class": "newsletter-signup"}, True),
    ("div", {"class": "cookie-banner"}, True), ("div", {"class": "share-tools"}, True),
    ("div", {"class": "promo"}, True), ("div", {"class": "article-body"}, False),
    ("div", {"class": "headline"}, False), ("div", {"class": "commentary-body"}, False),
    ("div", {"class": "shadow loading"}, False), ("section", {"id": "story"}, False),
])
def test_what_counts_as_page_furniture(tag, attributes, furniture):
    element = lxml_html.Element(tag, attributes)
    assert html._is_furniture(element) is furniture


@pytest.mark.parametrize("layout", [pages.cms_page, pages.table_cells_page])
def test_offsets_of_a_div_only_page_point_into_its_extracted_text(tmp_path, nlp, layout):
    path = tmp_path / "page.html"
    path.write_text(layout()[0], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    check_contract(data)  # every offset is checked against the text
    assert data["article"]["text"].split("\n")[1:] == layout()[2]
    assert data["claims"] and data["entities"]


RSS_ITEMS = [
    {"title": "Kelby bakery to close", "link": "https://valepost.example/news/kelby-bakery"
                                               "?utm_source=rss&utm_medium=feed",
     "published": "Fri, 14 Mar 2025 09:30:00 GMT", "author": "Jane Ross",
     "summary": "Whitlock Bakeries is to close its Kelby plant."},
    {"title": "Union calls meeting", "link": "https://valepost.example/news/union-meeting",
     "published": "Sat, 15 Mar 2025 08:00:00 GMT", "author": "Tom Lee",
     "summary": "A short summary that the content outdoes.",
     "content": "<p>Workers at the Kelby plant will meet on Monday.</p>"
                "<p>Regional secretary Sam Roe said the union would ask for a delay.</p>"},
]


def test_feed_entries_are_articles_with_the_fullest_text(tmp_path):
    path = tmp_path / "news.rss"
    path.write_text(pages.rss_feed(RSS_ITEMS), encoding="utf-8")
    articles, errors, _ = read(path)
    assert errors == []
    first, second = articles
    assert first.text == "Whitlock Bakeries is to close its Kelby plant."
    assert second.text == ("Workers at the Kelby plant will meet on Monday.\n"
                           "Regional secretary Sam Roe said the union would ask for a delay.")
    assert (second.title, second.published, second.source, second.authors, second.key) == (
        "Union calls meeting", "2025-03-15T08:00:00+00:00", "Vale Post - News", ("Tom Lee",),
        "https://valepost.example/news/union-meeting")


@pytest.mark.parametrize("cut_at", ["<description>", "</description>"],
                         ids=["before-text", "in-text"])
def test_a_truncated_feed_keeps_the_entries_before_the_cut(tmp_path, cut_at):
    feed = pages.rss_feed([{**RSS_ITEMS[0], "link": f"https://valepost.example/{i}"}
                           for i in range(3)])
    third = feed.index("<item>", feed.index("<item>", feed.index("<item>") + 1) + 1)
    path = tmp_path / "cut.rss"
    path.write_text(feed[: feed.index(cut_at, third) - 10], encoding="utf-8")
    articles, errors, _ = read(path)
    # The entry cut before its text ends has none and is not read: the error says so.
    assert [a.text for a in articles] == [RSS_ITEMS[0]["summary"]] * 2
    (error,) = errors
    assert re.fullmatch(rf"{re.escape(str(path))}: feed is truncated after entry 2 \("
                        r"(no element found|unclosed token) at line \d+, column \d+\)", error)
    # Cut inside an entry's content, the entry keeps its summary; the error says where.
    feed = pages.rss_feed(RSS_ITEMS)
    path.write_text(feed[: feed.index("Regional secretary") + 20], encoding="utf-8")
    articles, (error,), _ = read(path)
    assert articles[1].text == RSS_ITEMS[1]["summary"]
    assert error.startswith(f"{path}: feed is truncated after entry 2 (unclosed CDATA section")
    # A feed that is only not well-formed is read whole, without an error.
    path.write_text(feed.replace("Kelby plant", "Kelby plant & bakery"), encoding="utf-8")
    assert [len(x) for x in read(path)] == [2, 0, 0]


def test_an_atom_feed(tmp_path):
    path = tmp_path / "herald.atom"
    path.write_text(pages.atom_feed([{
        "title": "Floods", "link": "https://dalesherald.example/floods", "author": "Priya Shah",
        "updated": "2025-03-17T06:00:00Z", "summary": "300 residents left their homes."}]),
        encoding="utf-8")
    (entry,) = read(path)[0]
    assert (entry.url, entry.published, entry.authors, entry.source) == (
        "https://dalesherald.example/floods", "2025-03-17T06:00:00+00:00", ("Priya Shah",),
        "Dales Herald")


def test_a_url_the_parser_refuses_is_read_as_written(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(
        {"text": "Kari Holm said fares would rise.", "url": "http://[oops/a"}) + "\n")
    (tmp_path / "b.rss").write_text(pages.rss_feed([{**RSS_ITEMS[0], "link": "http://[::1/b"}]),
                                    encoding="utf-8")
    articles, errors, _ = read(tmp_path)
    assert errors == []
    assert sorted(a.url for a in articles) == ["http://[::1/b", "http://[oops/a"]


def test_a_feed_with_a_reference_to_half_a_surrogate_pair_says_so(tmp_path):
    path = tmp_path / "odd.rss"
    feed = pages.rss_feed([RSS_ITEMS[0]], title="Vale")
    path.write_text(feed.replace("<title>Vale<", "<title>Vale&#xD800;<"), encoding="utf-8")
    assert read(path)[1] == [
        f"{path}: feed holds \\ud800, half of a UTF-16 surrogate pair and no character"]


def test_an_entry_keyed_by_its_guid_has_no_control_character_and_no_megabyte_key(tmp_path):
    """The key is printed by `list`: ESC there starts a terminal sequence."""
    entry = "<item><guid>{}</guid><description>Kari Holm said fares would rise.</description>"
    feed = pages.rss_feed([]).replace("</channel>", entry.format("&#x1b;[2Jpost\n 7") + "</item>"
                                      + entry.format("g" * 1_000_000) + "</item></channel>")
    path = tmp_path / "guids.rss"
    path.write_text(feed, encoding="utf-8")
    articles, errors, _ = read(path)
    assert errors == []
    assert [a.key for a in articles] == ["[2Jpost 7", "text:" + articles[1].id]


def test_an_entry_dated_year_zero_is_read_with_its_other_date(tmp_path):
    path = tmp_path / "odd.atom"
    path.write_text(pages.atom_feed([{
        "title": "Floods", "link": "https://dalesherald.example/floods", "author": "Priya Shah",
        "updated": "2025-03-17T06:00:00Z", "summary": "300 residents left their homes."}]
        ).replace("<updated>", "<published>0000-01-01T00:00:00Z</published><updated>"),
        encoding="utf-8")
    (entry,), errors, _ = read(path)
    assert errors == []
    assert entry.published == "2025-03-17T06:00:00+00:00"


def test_an_entry_whose_page_was_saved_takes_the_page_text(tmp_path):
    (tmp_path / "news.xml").write_text(pages.rss_feed(RSS_ITEMS), encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "bakery.html").write_text(
        pages.json_ld_page().replace('"datePublished": "2025-03-14T09:30:00Z", ', ""),
        encoding="utf-8")
    articles, errors, _ = read(tmp_path)
    assert errors == []
    by_url = {a.url: a for a in articles}
    assert len(articles) == 2  # the entry and its page are one article
    page = by_url["https://valepost.example/news/kelby-bakery"]
    assert page.text.split("\n")[1:] == pages.BAKERY
    assert page.published == "2025-03-14T09:30:00+00:00"  # the page had none: the entry's
    assert page.authors == ("Jane Ross", "Tom Lee")  # the page's own byline wins
    assert by_url["https://valepost.example/news/union-meeting"].text.startswith("Workers")


def test_an_entry_without_text_takes_its_saved_page_else_is_one_error(tmp_path):
    # Feed exports often hold only titles and links, the pages saved beside them.
    items = [{"title": "Kelby bakery to close", "published": "Fri, 14 Mar 2025 09:30:00 GMT",
              "link": "https://valepost.example/news/kelby-bakery"},
             {"title": "Gone", "link": "https://valepost.example/news/gone"},
             {"title": "No link either"}]
    (tmp_path / "links.rss").write_text(pages.rss_feed(items), encoding="utf-8")
    (tmp_path / "bakery.html").write_text(
        pages.json_ld_page().replace('"datePublished": "2025-03-14T09:30:00Z", ', ""),
        encoding="utf-8")
    articles, errors, _ = read(tmp_path)
    (page,) = articles
    assert page.text.split("\n")[1:] == pages.BAKERY
    assert page.published == "2025-03-14T09:30:00+00:00"  # the entry's, the page has none
    feed = tmp_path / "links.rss"
    assert errors == [
        f"{feed}: entry 3: feed entry has no text (neither content nor summary)",
        f"{feed}: entry 2: feed entry has no text (neither content nor summary) and no saved "
        "page of https://valepost.example/news/gone was given with it"]
    # The feed alone: both entries with a link are errors, naming the page to give.
    _, alone, _ = read(feed)
    assert len(alone) == 3 and "kelby-bakery was given with it" in alone[1]
    # An entry with text is not replaced by one without, whichever comes first.
    for order in (items[:1] + RSS_ITEMS[:1], RSS_ITEMS[:1] + items[:1]):
        feed.write_text(pages.rss_feed([{**i, "link": items[0]["link"]} for i in order]),
                        encoding="utf-8")
        (entry,), errors, _ = read(feed)
        assert entry.text == RSS_ITEMS[0]["summary"] and errors == []


def test_a_web_archive_gives_each_html_response_as_a_page(tmp_path):
    undated = pages.commented_page().replace(
        '<meta property="article:published_time" content="2025-03-15">', "")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(pages.warc_archive([
        ("https://valepost.example/news/kelby-bakery?ref=home", pages.json_ld_page().encode()),
        ("https://valepost.example/news/union", undated.encode()),
    ]))
    articles, errors, skipped = read(path)
    assert errors == []
    bakery, union = articles
    assert bakery.url == bakery.key == "https://valepost.example/news/kelby-bakery?ref=home"
    assert bakery.published == "2025-03-14"  # the page's own date
    assert union.published == "2025-03-20"  # none in the page: the capture date
    assert union.url == "https://valepost.example/news/union"
    no_furniture(union.text)
    assert skipped == [f"{path}: skipped 5 records that are not HTML pages "
                       "(1 HTTP 301, 1 image/png, 2 request, 1 warcinfo)"]


def test_an_archive_names_the_records_it_passes_over_by_address_kind(tmp_path):
    # warcio reads no HTTP headers for a target that is not http(s): a crawler's dns:
    # lookups, or a javascript: target, are skipped by what they are, in the right number
    path = tmp_path / "crawl.warc"
    path.write_bytes(pages.warc_archive(
        [("https://valepost.example/news/union", pages.json_ld_page().encode())],
        extra_records=False))
    articles, errors, skipped = read(path)
    assert len(articles) == 1 and errors == []
    assert skipped == [f"{path}: skipped 1 record that is not an HTML page (1 request)"]
    path.write_bytes(pages.warc_archive(
        [("javascript:alert(1)", pages.json_ld_page().encode()), ("dns:valepost.example", b""),
         ("view-source:https://valepost.example/", b"")],
        extra_records=False))
    articles, errors, skipped = read(path)
    assert articles == [] and errors == []
    assert skipped == [f"{path}: skipped 6 records that are not HTML pages (3 request, 1 "
                       "response for a dns: address, 1 response for a javascript: address, 1 "
                       "response for a view-source: address)"]


@pytest.mark.parametrize("compressed", [True, False])
def test_a_truncated_archive_keeps_the_pages_before_the_cut(tmp_path, compressed):
    data = pages.warc_archive([
        ("https://valepost.example/a", pages.json_ld_page().encode()),
        ("https://dalesherald.example/b", pages.open_graph_page().encode()),
    ], gzip=compressed, extra_records=False)
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(data[: len(data) - 200])
    articles, errors, _ = read(path)
    assert [a.url for a in articles] == ["https://valepost.example/a"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}: archive is truncated")


def test_a_record_of_the_wrong_length_is_one_error_after_every_page(tmp_path, capfd):
    data = pages.warc_archive([
        ("https://valepost.example/a", pages.json_ld_page().encode()),
        ("https://dalesherald.example/b", pages.open_graph_page().encode()),
    ], gzip=False, extra_records=False)
    length = re.compile(rb"(WARC-Type: response\r\n(?:.*\r\n)*?Content-Length: )(\d+)")
    data = length.sub(lambda m: m.group(1) + str(int(m.group(2)) - 40).encode(), data, 1)
    path = tmp_path / "long.warc"
    path.write_bytes(data)
    articles, errors, _ = read(path)
    assert [a.url for a in articles] == ["https://valepost.example/a",
                                         "https://dalesherald.example/b"]
    assert errors == [f"{path}: archive is damaged: record 2 is not the length its "
                      "Content-Length says"]
    assert capfd.readouterr().err == ""  # warcio's own warning is not printed


def test_an_archive_with_a_twenty_digit_length_is_one_error(tmp_path):
    data = pages.warc_archive([("https://valepost.example/a", pages.json_ld_page().encode())],
                              gzip=False, extra_records=False)
    length = re.compile(rb"(WARC-Type: response\r\n(?:.*\r\n)*?Content-Length: )(\d+)")
    path = tmp_path / "huge.warc"
    path.write_bytes(length.sub(lambda m: m.group(1) + b"9" * 20, data, 1))
    articles, errors, _ = read(path)
    assert articles == []
    assert errors == [f"{path}: archive is damaged after record 1 (OverflowError)"]


@pytest.mark.parametrize("compressed", [False, True])
def test_an_archive_whose_first_record_is_damaged_is_not_called_no_archive(tmp_path,
                                                                          compressed):
    """A response without WARC-Target-URI: warcio fails inside the first record, which was
    reported as a file that is no WARC archive at all."""
    data = pages.warc_archive([("https://valepost.example/a", pages.json_ld_page().encode())],
                              gzip=False, extra_records=False)
    data = re.sub(rb"WARC-Target-URI: [^\r]+\r\n", b"", data)
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(gzip.compress(data) if compressed else data)
    assert read(path)[:2] == ([], [f"{path}: archive is damaged in its first record "
                                   "(AttributeError)"])


def test_a_record_whose_target_is_no_address_is_one_error_and_the_archive_goes_on(tmp_path):
    """As a front matter's url: every record of "http://" would be one article."""
    data = pages.warc_archive([("http://", pages.json_ld_page().encode()),
                               ("https://dalesherald.example/b", pages.open_graph_page().encode())],
                              gzip=False, extra_records=False)
    path = tmp_path / "odd.warc"
    path.write_bytes(data)
    articles, errors, _ = read(path)
    assert [a.url for a in articles] == ["https://dalesherald.example/b"]
    assert errors == [f"{path}: record 2 (http://): WARC-Target-URI has no host name"]


def test_a_capture_date_that_is_no_day_is_not_the_published_date(tmp_path):
    undated = pages.commented_page().replace(
        '<meta property="article:published_time" content="2025-03-15">', "")
    data = pages.warc_archive([("https://valepost.example/u", undated.encode())],
                              gzip=False, extra_records=False)
    path = tmp_path / "zero.warc"
    path.write_bytes(re.sub(rb"WARC-Date: [^\r]+", b"WARC-Date: 0000-00-00T00:00:00Z", data))
    (article,), errors, _ = read(path)
    assert errors == []
    assert article.published is None


BAD_PAGES = [
    ("front.html", pages.no_article_page().encode(), "no article text found in the HTML page"),
    ("empty.html", b"", "empty HTML page"),
    ("comment.html", b"<!-- nothing else -->", "cannot parse the HTML page (Document is empty)"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), "
                                                            "expected an HTML page"),
    ("wrong.html", pages.latin1_page().replace(b"iso-8859-1", b"utf-8"),
     "not valid utf-8 text as its <meta charset> (utf-8) says (bad byte at position"),
    ("utf16.html", pages.json_ld_page().encode("utf-16-be"),
     "UTF-16 page without a byte order mark; save it as UTF-8"),
    ("odd.html", pages.latin1_page().replace(b"iso-8859-1", b"x-klingon"),
     "page declares an unknown encoding 'x-klingon'"),
    # Python codecs that are no page encoding: LookupError and UnicodeError tracebacks.
    *((f"{name}.html", pages.latin1_page().replace(b"iso-8859-1", name.encode()),
       f"page declares an unknown encoding '{name}'") for name in ("rot13", "punycode")),
    ("bomb.html.gz", gzip.compress(b" " * (201 * 1024 * 1024), 9),
     "gzip content expands past the 209,715,200 byte limit"),
    ("cut.html.gz", gzip.compress(pages.json_ld_page().encode())[:-30], "gzip file is truncated"),
    ("empty.rss", pages.rss_feed([]).encode(), "feed has no entries"),
    ("cut.rss", pages.rss_feed(RSS_ITEMS).encode().split(b"<item>")[0] + b"<it",
     "feed is truncated before its first entry (unclosed token at line 2, column"),
    ("punycode.rss", pages.rss_feed(RSS_ITEMS).replace('encoding="utf-8"', 'encoding="punycode"')
     .encode(), "feed declares an encoding that cannot be read"),
    ("sitemap.xml", b'<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url>'
                    b"</urlset>", "not an RSS or Atom feed"),
    ("empty.warc", b"", "not a WARC archive (no records)"),
    ("notes.warc", b"Pages I saved for the bakery story\nsee the folder\n" * 3,
     "not a WARC or ARC archive (it does not start with a WARC record)"),
    ("junk.warc.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 64, "not a WARC or ARC archive"),
    ("blank.warc", b"\r\n\r\n  \n",  # was "damaged after record 1 (AttributeError)"
     "not a WARC or ARC archive (it does not start with a WARC record)"),
    ("program.warc", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
     "not a WARC or ARC archive (it does not start with a WARC record)"),
    # 100,000 attributes on one tag: libxml2 took 30 s on these 1.3 MB (hours at 20 MB).
    ("flood.html", pages.json_ld_page().replace(
        "<body>", "<body " + " ".join(f"a{i}=x" for i in range(100_000)) + ">").encode(),
     "a tag in the page has 100,000 attributes; parsing that would take minutes"),
    # 100,000 unclosed paragraphs (0.4 MB) took trafilatura 30 s, growing faster than that.
    ("paragraphs.html", pages.json_ld_page().replace("<body>", "<body>" + "<p>x" * 100_000)
     .encode(), "page has 100,0"),
]


@pytest.mark.parametrize(("name", "content", "problem"), BAD_PAGES,
                         ids=[b[0] for b in BAD_PAGES])
def test_bad_web_inputs_give_one_clear_line(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    articles, errors, _ = read(path)
    assert articles == []
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}: ")
    assert problem in errors[0]
    assert "\n" not in errors[0]


def test_a_huge_page_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.html"
    path.write_bytes(b"<html><body><p>" + b"word " * (5 * 1024 * 1024) + b"</p></body></html>")
    (error,) = read(path)[1]
    size = path.stat().st_size
    assert error == (f"{path}: page is {size:,} bytes, over the 20,971,520 byte limit for "
                     "one HTML page")


# libxml2 reads on past a '<' or '>' in a quoted value, and past a stray '<' between
# attributes: the tag still has every attribute, and parsing it still takes minutes.
@pytest.mark.parametrize("breaker", ['q="<"', "q='>'", "q=<", "<q=1", 'q="a>b<c"'])
def test_an_attribute_flood_is_refused_whatever_its_values_hold(breaker):
    attributes = " ".join(f"a{i}=x" + (f" {breaker}" if i % 50 == 0 else "")
                          for i in range(40_000))
    markup = pages.json_ld_page().replace("<body>", f"<body {attributes}>")
    with pytest.raises(InputError, match=r"a tag in the page has 40,[0-9]{3} attributes"):
        html._refuse_attribute_floods(markup, "flood.html")


def test_a_long_tag_of_few_attributes_is_not_a_flood():
    markup = pages.json_ld_page().replace(
        "<body>", '<body ' + " ".join(f'data-x{i}="{"<>" * 2000}"' for i in range(200)) + ">")
    html._refuse_attribute_floods(markup, "long.html")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_file_that_never_ends_is_read_no_further_than_the_limit(monkeypatch):
    monkeypatch.setattr("storygraph.sources.readers.MAX_FILE_BYTES", 4096)
    (error,) = read("/dev/zero")[1]  # its size says 0
    assert error == "/dev/zero: file is over the 4,096 byte limit"


def test_hostile_markup_is_read_as_text_or_refused(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
              + ']><rss version="2.0"><channel><title>x</title><item><title>t</title>'
              '<link>https://e.example/a</link><description>&i;</description></item>'
              "</channel></rss>")
    (tmp_path / "laughs.rss").write_text(laughs)
    (tmp_path / "xxe.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<rss version="2.0"><channel><title>x</title><item><title>t</title>'
        "<link>https://e.example/b</link><description>&x;</description></item></channel></rss>")
    (tmp_path / "deep.html").write_text(
        "<html><body><article>" + "<div>" * 50_000 + "<p>Deep.</p>" + "</div>" * 50_000
        + "</article></body></html>")
    (tmp_path / "script.html").write_text(pages.page(
        "<title>x</title>", "<article><h1>Council vote</h1><p>The council voted on Monday to "
        "close the library, its leader said.</p><script>alert('x')</script>"
        "<p>Campaigners said they would appeal against the decision.</p></article>"))
    articles, errors, _ = read(tmp_path)
    texts = {a.url or a.key: a.text for a in articles}
    assert all("alert" not in t and "localhost" not in t for t in texts.values())
    entities = ("feed declares its own XML entities (<!ENTITY>), as an entity bomb or a read "
                "of a local file does; no news feed needs them")
    assert errors == [f"{tmp_path / 'laughs.rss'}: {entities}",
                      f"{tmp_path / 'xxe.rss'}: {entities}",
                      f"{tmp_path / 'deep.html'}: the page nests elements more than 2,048 "
                      "deep; the text past that depth would be lost"]


def test_ingest_of_a_mixed_folder_reports_skips_and_errors_and_keeps_the_good(tmp_path, nlp):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "bakery.html").write_text(pages.json_ld_page(), encoding="utf-8")
    (folder / "front.html").write_text(pages.no_article_page(), encoding="utf-8")
    (folder / "crawl.warc.gz").write_bytes(pages.warc_archive(
        [("https://dalesherald.example/floods", pages.open_graph_page().encode())]))
    (folder / "logo.png").write_bytes(b"\x89PNG")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(store)])
    assert result.exit_code == 1
    lines = result.stderr.strip().split("\n")
    assert f"Error: {folder / 'front.html'}: no article text found in the HTML page" in lines
    assert f"Note: {folder}: skipped 1 file with .png: not a format storygraph reads" in lines
    assert (f"Note: {folder / 'crawl.warc.gz'}: skipped 4 records that are not HTML pages "
            "(1 HTTP 301, 1 image/png, 1 request, 1 warcinfo)") in lines
    assert lines[-1].startswith("2 added, 1 error")
    listed = runner.invoke(app, ["stories", "--articles", "--store", str(store),
                                 "--format", "json"])
    rows = {r["article_url"]: r for r in json.loads(listed.stdout)}
    assert rows["https://valepost.example/news/kelby-bakery"]["authors"] == [
        "Jane Ross", "Tom Lee"]
    assert rows["https://dalesherald.example/floods"]["authors"] == ["Priya Shah"]
    assert rows["https://dalesherald.example/floods"]["published"] == "2025-03-17"
    # Bad inputs given again, alone, change nothing that is stored.
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes((folder / "crawl.warc.gz").read_bytes()[:-120])
    again = runner.invoke(app, ["ingest", str(folder / "front.html"), str(cut), "--store",
                                str(store)])
    assert again.exit_code == 1
    stats = runner.invoke(app, ["stats", "--store", str(store), "--format", "json"])
    assert json.loads(stats.stdout)["articles"] == 2


def test_a_page_or_a_feed_on_stdin_is_recognised(monkeypatch):
    for content, expected in ((pages.open_graph_page(), "Dales Herald"),
                              (pages.rss_feed(RSS_ITEMS[:1]), "Vale Post - News")):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
        (article,) = read("-")[0]
        assert article.source == expected


def test_an_archive_or_a_feed_with_a_doctype_on_stdin_is_read_as_such(monkeypatch):
    """Sniffed as text, a WARC archive was stored as one article of its headers and
    markup, and an RSS 0.91 feed (which has a DOCTYPE) as one article of its XML."""
    warc = pages.warc_archive([("https://valepost.example/a", pages.json_ld_page().encode())],
                              gzip=False, extra_records=False)
    feed = pages.rss_feed(RSS_ITEMS[:1]).replace(
        "\n", '\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n', 1)
    for content, expected in ((warc, "https://valepost.example/a"),
                              (gzip.compress(warc), "https://valepost.example/a"),
                              (feed.encode(), RSS_ITEMS[0]["link"])):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(content)))
        articles, errors, _ = read("-")
        assert errors == [] and [a.url for a in articles] == [expected]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(warc[:-200])))
    assert read("-")[:2] == ([], ["<stdin>: archive is truncated inside record 2"])


def test_an_entry_without_a_link_is_keyed_by_its_id_else_its_text(tmp_path):
    items = [{"title": "A", "summary": "First entry text."},
             {"title": "B", "summary": "Second entry text."}]

    def feed(entries):
        return pages.rss_feed(entries).replace(
            "<title>A</title>", "<title>A</title><guid>tag:vale,2025:a</guid>")

    path = tmp_path / "nolinks.rss"
    path.write_text(feed(items), encoding="utf-8")
    first, second = read(path)[0]
    assert first.key == "tag:vale,2025:a" and first.url is None
    assert second.key == f"text:{second.id}"
    # Order does not matter: the same entries the other way round keep their keys.
    path.write_text(feed(items[::-1]), encoding="utf-8")
    assert [a.key for a in read(path)[0]] == [second.key, first.key]


@pytest.mark.parametrize("depth", [300, 1500])
def test_a_page_nested_hundreds_deep_keeps_its_text_and_what_follows(depth):
    # libxml2's default stops at 255 levels and drops the rest of the page with it
    page = ("<html><body><article>" + "<div>" * depth + "<p>The harbour board said the "
            "dues would rise in April after a review of the costs.</p>" + "</div>" * depth +
            "<p>Skippers said they had not been told about the rise before Monday.</p>"
            "</article></body></html>")
    article = read_html(page.encode(), origin="deep.html")
    assert article.text.split("\n") == [
        "The harbour board said the dues would rise in April after a review of the costs.",
        "Skippers said they had not been told about the rise before Monday."]


def test_a_feed_entry_nested_hundreds_deep_keeps_its_text():
    content = "<div>" * 400 + "<p>The ferry will not sail.</p>" + "</div>" * 400 + "<p>Next.</p>"
    assert html.fragment_text(content, origin="f.rss") == "The ferry will not sail.\nNext."


def test_a_feed_entry_nested_past_the_parsers_limit_is_its_own_error(tmp_path):
    deep = "<div>" * 3000 + "<p>The ferry will not sail.</p>" + "</div>" * 3000
    path = tmp_path / "deep.rss"
    path.write_text(pages.rss_feed([{**RSS_ITEMS[1], "content": deep}, RSS_ITEMS[0]]),
                    encoding="utf-8")
    articles, errors, _ = read(path)
    # The deep entry is one error naming it, never an entry read as its summary or link
    # alone; the entry after it is read.
    assert [a.text for a in articles] == [RSS_ITEMS[0]["summary"]]
    assert errors == [f"{path}: entry 1: the entry's HTML nests elements more than 2,048 "
                      "deep; the text past that depth would be lost"]


def test_a_page_nested_past_the_parsers_limit_is_one_error():
    page = "<html><body>" + "<div>" * 3000 + "<p>Deep.</p>" + "</div>" * 3000 + "</body></html>"
    with pytest.raises(InputError, match=r"^deep.html: the page nests elements more than "
                                         r"2,048 deep; the text past that depth would be lost"):
        read_html(page.encode(), origin="deep.html")


def test_a_saved_page_keeps_its_own_title_when_its_feed_entry_has_one_too_long(tmp_path):
    # The entry without text only lends the page what it lacks: an entry's title past a
    # line is not taken, and the page, with a headline of its own, is read
    items = [{"title": "Kelby bakery " * 100, "published": "Fri, 14 Mar 2025 09:30:00 GMT",
              "link": "https://valepost.example/news/kelby-bakery"}]
    (tmp_path / "links.rss").write_text(pages.rss_feed(items), encoding="utf-8")
    (tmp_path / "bakery.html").write_text(
        pages.json_ld_page().replace('"datePublished": "2025-03-14T09:30:00Z", ', ""),
        encoding="utf-8")
    articles, errors, _ = read(tmp_path)
    assert errors == []
    (page,) = articles
    assert page.text.split("\n")[1:] == pages.BAKERY and len(page.title) < 100
    assert page.published == "2025-03-14T09:30:00+00:00"  # still the entry's date
