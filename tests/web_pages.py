"""News pages, feeds and web archives that the tests build themselves.

Each page layout is one a newsroom's site really uses: metadata in JSON-LD, in
OpenGraph tags only, a story under comments and related links, a live blog.
The stories are invented; the markup around them is what readers must see past.
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from html import escape

NAV = ('<header><nav><ul>' + "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in (
    "Home", "News", "Sport", "Business", "Weather", "Opinion")) + "</ul></nav></header>")
COOKIES = ('<div class="cookie-banner" id="consent"><p>We use cookies to give you the best '
           'experience. By continuing you accept our cookie policy.</p>'
           '<button>Accept all cookies</button></div>')
FOOTER = ('<footer><p>© 2025 Vale Post Media Ltd. All rights reserved.</p><ul>'
          '<li><a href="/terms">Terms</a></li><li><a href="/privacy">Privacy</a></li></ul>'
          '</footer>')

BAKERY = [
    "Whitlock Bakeries will close its Kelby plant in June, putting 120 jobs at risk, the "
    "company said on Friday.",
    '"This is a sad day for the town," said Mayor Ann Vale. "We will fight for every job."',
    'The firm blamed rising energy costs and said it had "no choice" but to move production '
    "to its larger site in Leeds.",
    "Union official Sam Roe said workers had been told of the closure at a meeting on "
    "Thursday morning.",
]
FLOODS = [
    "Flood defences on the River Kel failed overnight, forcing 300 residents from their homes.",
    "Council leader Mara Quint said emergency shelters had opened at two schools.",
    '"We have never seen water this high," said Quint.',
    "The Environment Agency said a further 40 homes were at risk.",
]


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{escape(t, quote=False)}</p>" for t in texts)


def page(head: str, body: str, *, charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="{charset}">{head}</head>'
            f"<body>{NAV}{COOKIES}{body}{FOOTER}</body></html>")


def json_ld_page(url: str = "https://valepost.example/news/kelby-bakery") -> str:
    """A news page whose metadata is a JSON-LD NewsArticle (and nothing in <meta>)."""
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Kelby bakery to close with loss of 120 jobs",
            "datePublished": "2025-03-14T09:30:00Z", "mainEntityOfPage": url,
            "author": [{"@type": "Person", "name": "Jane Ross"},
                       {"@type": "Person", "name": "Tom Lee"}],
            "publisher": {"@type": "Organization", "name": "Vale Post"}}
    head = (f"<title>Kelby bakery to close | Vale Post</title>"
            f'<link rel="canonical" href="{url}">'
            f'<script type="application/ld+json">{json.dumps(data)}</script>')
    body = ("<main><article><h1>Kelby bakery to close with loss of 120 jobs</h1>"
            '<p class="byline">By Jane Ross and Tom Lee</p>'
            f"{paragraphs(BAKERY)}</article></main>")
    return page(head, body)


def open_graph_page(url: str = "https://dalesherald.example/2025/03/17/kel-floods") -> str:
    """A page with OpenGraph and article:* meta tags only: no JSON-LD, no canonical link."""
    head = ("<title>River Kel floods force 300 from homes - Dales Herald</title>"
            '<meta property="og:type" content="article">'
            '<meta property="og:title" content="River Kel floods force 300 from homes">'
            f'<meta property="og:url" content="{url}">'
            '<meta property="og:site_name" content="Dales Herald">'
            '<meta property="article:published_time" content="2025-03-17T06:00:00+00:00">'
            '<meta name="author" content="Priya Shah">')
    body = (f'<div class="story"><h1>River Kel floods force 300 from homes</h1>'
            f'<div class="story-body">{paragraphs(FLOODS)}</div></div>')
    return page(head, body)


COMMENT = "I was there and the smoke was awful, the council did nothing about it"
RELATED = ["Mill closure hits town", "Energy prices soar again", "Bakery chain profits fall"]


def commented_page() -> str:
    """A story followed by related links and a reader comment thread."""
    head = ('<title>Bakery closure: union calls meeting</title>'
            '<meta property="og:title" content="Bakery closure: union calls meeting">'
            '<meta property="og:site_name" content="Vale Post">'
            '<meta property="article:published_time" content="2025-03-15">')
    story = [
        "Workers at the Whitlock Bakeries plant in Kelby will meet on Monday to discuss the "
        "planned closure, the Bakers Union said.",
        "Regional secretary Sam Roe said the union would ask the company to delay the move "
        "to Leeds until a buyer for the site had been sought.",
        "The company has said 120 jobs are at risk.",
    ]
    related = "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    comments = "".join(
        f'<div class="comment"><span class="user">reader{i}</span><p>{COMMENT} ({i})</p></div>'
        for i in range(3))
    body = (f"<article><h1>Bakery closure: union calls meeting</h1>{paragraphs(story)}"
            f'</article><aside class="related"><h2>Related stories</h2><ul>{related}</ul>'
            f'</aside><section id="comments" class="comments"><h2>Comments (3)</h2>{comments}'
            "</section>")
    return page(head, body)


def live_blog_page() -> str:
    """A live blog: a LiveBlogPosting with timestamped updates, newest first."""
    updates = [
        ("11:05", "Mayor Ann Vale has arrived at the plant gates to speak to workers."),
        ("10:40", "The company confirmed that all 120 staff have been told of the closure."),
        ("09:55", "Workers are gathering outside the Whitlock Bakeries plant in Kelby after "
                  "the closure was announced this morning."),
    ]
    data = {"@context": "https://schema.org", "@type": "LiveBlogPosting",
            "headline": "Live: Kelby bakery closure - reaction",
            "datePublished": "2025-03-14T09:50:00Z",
            "author": {"@type": "Person", "name": "Jane Ross"},
            "publisher": {"@type": "Organization", "name": "Vale Post"}}
    posts = "".join(
        f'<div class="live-update"><time>{t}</time><p>{escape(text)}</p></div>'
        for t, text in updates)
    head = (f"<title>Live: Kelby bakery closure</title>"
            f'<link rel="canonical" href="https://valepost.example/live/kelby">'
            f'<script type="application/ld+json">{json.dumps(data)}</script>')
    body = (f'<main><article class="live-blog"><h1>Live: Kelby bakery closure - reaction</h1>'
            f"{posts}</article></main>")
    return page(head, body)


def no_article_page() -> str:
    """A section front: navigation and headlines, no story."""
    links = "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    return page("<title>News - Vale Post</title>", f"<main><ul>{links}</ul></main>")


def latin1_page() -> bytes:
    """A page saved in ISO-8859-1, as its <meta charset> says."""
    story = ["Café owner Zoë Müller said the closure was «a blow» to the high street.",
             "Señor José Núñez, who runs the bakery's café, said staff were shocked."]
    html = page("<title>Café owners react</title>",
                f"<article><h1>Café owners react</h1>{paragraphs(story)}</article>",
                charset="iso-8859-1")
    return html.encode("iso-8859-1")


def rss_feed(items: list[dict[str, str]], *, title: str = "Vale Post - News") -> str:
    """An RSS 2.0 feed; an item's "content" goes in content:encoded, "summary" in description."""
    entries = []
    for item in items:
        parts = [f"<title>{escape(item['title'])}</title>"]
        if "link" in item:
            parts.append(f"<link>{escape(item['link'])}</link>")
        if "published" in item:
            parts.append(f"<pubDate>{item['published']}</pubDate>")
        if "author" in item:
            parts.append(f"<dc:creator>{escape(item['author'])}</dc:creator>")
        if "summary" in item:
            parts.append(f"<description>{escape(item['summary'])}</description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(title)}</title><link>https://valepost.example/</link>"
            + "".join(entries) + "</channel></rss>")


def atom_feed(entries: list[dict[str, str]]) -> str:
    body = "".join(
        f"<entry><title>{escape(e['title'])}</title><link href=\"{escape(e['link'])}\"/>"
        f"<id>{escape(e['link'])}</id><updated>{e['updated']}</updated>"
        f"<author><name>{escape(e['author'])}</name></author>"
        f"<summary>{escape(e['summary'])}</summary></entry>" for e in entries)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Dales Herald</title><id>urn:dales</id><updated>2025-03-17T06:00:00Z</updated>"
            + body + "</feed>")


def warc_archive(pages: list[tuple[str, bytes]], *, gzip: bool = True,
                 captured: datetime = datetime(2025, 3, 20, 12, 0, tzinfo=timezone.utc),
                 extra_records: bool = True) -> bytes:
    """A web archive as a crawler writes it: for each page a request and a response record,
    plus (with `extra_records`) a warcinfo record, an image and a redirect."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    stamp = captured.strftime("%Y-%m-%dT%H:%M:%SZ")

    def response(url: str, status: str, content_type: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                           http_headers=headers,
                                           warc_headers_dict={"WARC-Date": stamp})
        writer.write_record(record)

    if extra_records:
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for url, body in pages:
        request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example")],
                                   is_http_request=True)
        writer.write_record(writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), http_headers=request,
            warc_headers_dict={"WARC-Date": stamp}))
        response(url, "200 OK", "text/html; charset=utf-8", body)
    if extra_records:
        response("https://valepost.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
        response("https://valepost.example/old", "301 Moved Permanently", "text/html", b"")
    return out.getvalue()


# Div-only layouts: no <article>, no <main>; the story sits in <div>s, table cells or
# <section>s among furniture. Each function gives the page, its headline, its story
# paragraphs in order and words of furniture that must not be read as story.

HARBOUR = [
    "Work to repair the storm-damaged harbour wall at Porthkell will begin next month and "
    "cost £2.4 million, the harbour trust said.",
    "The wall was breached in January when waves of more than six metres struck the coast.",
    "Trust chairman Neil Carrow said the repairs would be finished before the summer season.",
    '"Fishing boats have had to land their catch elsewhere for weeks," said skipper Jo '
    "Tremayne.",
    "The Environment Agency is paying for half of the work, the trust said.",
]
BUS = [
    "Marden's last evening bus route will end in May after the county council withdrew its "
    "subsidy, the operator Greyline said on Thursday.",
    "The number 12 service carries about 400 passengers a week, most of them shift workers "
    "at the hospital.",
    '"People will simply not be able to get to work," said councillor Dev Patel, who has '
    "started a petition.",
]
SCHOOL = [
    "Part of the roof of Hollins Primary School in Marden collapsed on Tuesday night, hours "
    "after pupils had gone home, the county council said.",
    "Head teacher Ruth Okafor said the school would stay closed for the rest of the week "
    "while engineers checked the building.",
    '"Nobody was hurt, and that is what matters," she said. "But we need answers about how '
    'this happened."',
    "The council said the 1960s building had passed a safety inspection in September.",
]
COUNT = [
    ("02:10", "The returning officer has declared the result in Marden North: Labour hold "
              "the seat with a majority of 1,204."),
    ("01:45", "Turnout in Marden South was 61 per cent, up from 54 per cent at the last "
              "election, officials said."),
    ("01:05", "Counting staff at the leisure centre say the first result is expected within "
              "the hour."),
    ("00:30", "Ballot boxes from all 48 polling stations have now arrived at the count in "
              "Marden."),
]
SIDE_LINKS = ["Weather warning for the weekend", "Council tax to rise by 5 per cent",
              "Marden Town reach cup final"]
AD_TEXT = "Get half price on your first box of our delicious meal kits, delivered to your door"
NEWSLETTER = "Sign up to our morning newsletter for the best of local journalism every day"
READER_COMMENT = ("I have taken that bus for twenty years and nobody ever asked the people "
                  "who actually use it what they thought about any of this")


def _links(titles: list[str], cls: str) -> str:
    return (f'<div class="{cls}"><ul>' + "".join(
        f'<li><a href="/news/{i}">{escape(t)}</a></li>' for i, t in enumerate(titles))
        + "</ul></div>")


def cms_page() -> tuple[str, str, list[str], list[str]]:
    """A CMS template: wrappers in wrappers, the story split by an advert and an inline
    related box, a share bar, a sidebar with most-read links and a newsletter box."""
    headline = "Porthkell harbour wall repairs to cost £2.4m"
    text = [paragraphs(HARBOUR[:2]), paragraphs(HARBOUR[2:4]), paragraphs(HARBOUR[4:])]
    body = (
        '<div id="page"><div class="masthead"><h1 class="logo"><a href="/">Vale Post</a></h1>'
        '</div><div class="container"><div class="row"><div class="col-md-8">'
        '<div class="article-wrapper"><div class="article-header">'
        f'<h1 class="headline">{escape(headline)}</h1><div class="byline">By Anna Price</div>'
        '</div><div class="share-tools"><a href="/s/fb">Share on Facebook</a>'
        '<a href="/s/x">Share on X</a></div><div class="article-body">'
        f'<div class="rich-text">{text[0]}</div>'
        f'<div class="ad-slot"><p>{AD_TEXT}</p></div>'
        f'<div class="rich-text">{text[1]}</div>'
        f'<div class="relatedInline"><h4>Read more</h4>{_links(SIDE_LINKS[:1], "links")}'
        f'</div><div class="rich-text">{text[2]}</div></div></div></div>'
        f'<div class="col-md-4">{_links(SIDE_LINKS, "most-read")}'
        f'<div class="newsletter-signup"><p>{NEWSLETTER}</p><input type="email"></div>'
        "</div></div></div></div>")
    return (page(f"<title>{escape(headline)}</title>", body), headline, HARBOUR,
            ["Share on", AD_TEXT, NEWSLETTER, *SIDE_LINKS, "Read more"])


def long_comments_page() -> tuple[str, str, list[str], list[str]]:
    """A short story under related links and a comment thread each longer than it, one
    comment of several paragraphs longer than the story itself."""
    headline = "Marden's last evening bus to stop in May"
    comments = "".join(
        f'<div class="comment-body"><p class="author">reader{i}</p>'
        + "".join(f"<p>{READER_COMMENT} ({i}.{j})</p>" for j in range(1 + 3 * (i == 0)))
        + "</div>" for i in range(8))
    related = [f"{t} - and what it means for Marden" for t in SIDE_LINKS * 4]
    body = (f'<div class="story"><h1>{escape(headline)}</h1>{paragraphs(BUS)}</div>'
            f'{_links(related, "more-stories related")}'
            f'<div id="comments"><h2>Comments (8)</h2>{comments}</div>')
    return (page(f"<title>{escape(headline)}</title>", body), headline, BUS,
            [READER_COMMENT, *SIDE_LINKS, "Comments (8)"])


def div_live_blog_page() -> tuple[str, str, list[str], list[str]]:
    """A live blog in <div>s: one post per update, each a time and a paragraph."""
    headline = "Marden council election count - live"
    posts = "".join(f'<div class="live-post"><span class="time">{t}</span><p>{escape(text)}</p>'
                    "</div>" for t, text in COUNT)
    body = (f'<div class="liveblog"><h1>{escape(headline)}</h1><div class="posts">{posts}'
            f'</div></div><div class="sidebar">{_links(SIDE_LINKS, "latest")}</div>')
    return (page(f"<title>{escape(headline)}</title>", body), headline,
            [text for _, text in COUNT], SIDE_LINKS)


def headline_outside_page() -> tuple[str, str, list[str], list[str]]:
    """The headline in a banner above the columns; the story in one column, teasers with
    prose-length sentences in the other; the site's name an <h1> too."""
    headline = "School roof collapses overnight in Marden"
    teasers = "".join(
        f'<div class="teaser"><h3>{escape(t)}</h3><p>Read the full story about {escape(t)} '
        "and more from our reporters across the county.</p></div>" for t in SIDE_LINKS)
    body = (f'<div id="brand"><h1>Marden Mercury</h1></div><div class="banner"><h1>'
            f'{escape(headline)}</h1><p class="standfirst">Pupils safe</p></div>'
            f'<div class="columns"><div class="story-text">{paragraphs(SCHOOL)}</div>'
            f'<div class="rail">{teasers}</div></div>')
    return (page(f"<title>{escape(headline)}</title>", body), headline, SCHOOL,
            ["Read the full story", *SIDE_LINKS, "Marden Mercury"])


def table_page() -> tuple[str, str, list[str], list[str]]:
    """An old table layout: a cell of links, a cell with the story's paragraphs."""
    headline = "River Kel floods force 300 from homes"
    nav = "".join(f'<a href="/{i}">{escape(t)}</a><br>' for i, t in enumerate(SIDE_LINKS))
    body = (f'<table width="100%"><tr><td class="left">{nav}</td><td class="main-cell">'
            f"<h1>{escape(headline)}</h1>{paragraphs(FLOODS)}</td></tr></table>")
    return page(f"<title>{escape(headline)}</title>", body), headline, FLOODS, SIDE_LINKS


def table_cells_page() -> tuple[str, str, list[str], list[str]]:
    """Older still: one table row a paragraph, the text straight in the cell."""
    headline = "Marden's last evening bus to stop in May"
    rows = "".join(f"<tr><td>{escape(t)}</td></tr>" for t in BUS)
    body = (f'<table><tr><td>{_links(SIDE_LINKS, "menu")}</td></tr></table>'
            f"<h1>{escape(headline)}</h1><table>{rows}</table>")
    return page(f"<title>{escape(headline)}</title>", body), headline, BUS, SIDE_LINKS


def sections_page() -> tuple[str, str, list[str], list[str]]:
    """A long read in <section>s, each under its own subheading."""
    headline = "Kelby bakery to close with loss of 120 jobs"
    body = (f'<div class="longform"><h1>{escape(headline)}</h1>'
            f"<section><h2>The closure</h2>{paragraphs(BAKERY[:2])}</section>"
            f"<section><h2>The reasons</h2>{paragraphs(BAKERY[2:])}</section></div>"
            f'<section class="share"><a href="/s">Share this article</a></section>'
            f"<section>{_links(SIDE_LINKS, 'more')}</section>")
    return (page(f"<title>{escape(headline)}</title>", body), headline, BAKERY,
            ["Share this", *SIDE_LINKS])


def lead_apart_page() -> tuple[str, str, list[str], list[str]]:
    """The headline and a lead paragraph in a block of their own above the story's."""
    headline = "Porthkell harbour wall repairs to cost £2.4m"
    lead = ("Fishermen at Porthkell have waited since January for the harbour they work from "
            "to be made safe.")
    body = (f'<div class="story-wrap"><div class="story-top"><h1>{escape(headline)}</h1>'
            f'<p class="lead">{lead}</p></div><div class="story-main">{paragraphs(HARBOUR)}'
            f'</div></div>{_links(SIDE_LINKS * 3, "most-read")}')
    return (page(f"<title>{escape(headline)}</title>", body), headline, [lead, *HARBOUR],
            SIDE_LINKS)


def section_name_page() -> tuple[str, str, list[str], list[str]]:
    """A section's name in the page's only <h1>; the story's headline an <h2>."""
    headline = "Marden's last evening bus to stop in May"
    body = ('<div class="section-head"><h1>Local news and views</h1></div>'
            f'<div class="story"><h2>{escape(headline)}</h2>{paragraphs(BUS)}</div>')
    return (page(f"<title>{escape(headline)} | Marden Mercury</title>", body), headline, BUS,
            ["Local news"])


DIV_LAYOUTS = [cms_page, long_comments_page, div_live_blog_page, headline_outside_page,
               table_page, table_cells_page, sections_page, lead_apart_page,
               section_name_page]
