"""Saved web pages → `Article`: the story's text and metadata, without the page around it.

trafilatura finds the article body (navigation, cookie banners, related links and
comments left out) and reads the metadata a news page carries: JSON-LD
`NewsArticle`, OpenGraph and `<meta>` tags, the canonical link. The graph stores
the extracted text, so every offset points into that text, not into the markup.
Nothing here fetches: trafilatura only parses the bytes it is given.
"""

from __future__ import annotations

import codecs
import contextlib
import itertools
import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from lxml import etree
from lxml import html as lxml_html

from storygraph.errors import InputError
from storygraph.model import Article
from storygraph.sources.metadata import (
    article_id,
    is_web_address,
    looks_utf16,
    plain_text,
    split_authors,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document

# A saved news page is well under a megabyte; markup past this is not a page we can read.
MAX_PAGE_BYTES = 20 * 1024 * 1024
# Reading time grows faster than the number of elements (trafilatura: 25,000 paragraphs in
# 3 s, 100,000 in 30 s): a page with more is refused. A news page has a few thousand, a
# long live blog some ten thousand.
MAX_PAGE_ELEMENTS = 50_000
# libxml2 compares each attribute of a tag with every one before it: a tag of 50,000
# attributes takes 8 s to parse, one of a million (20 MB) hours. A page whose tags add up
# to more than this many comparisons (about 3 s) is refused; news pages stay far below.
MAX_ATTRIBUTE_WORK = 10**9
# A tag and its attributes as an HTML parser reads them: a value is quoted only where the
# quote opens it, a quoted value may hold '<' and '>', and a stray '<' or quote elsewhere is
# part of a name or value, not the tag's end. Stopping at any '<' (as this did) let a page
# hide a flood behind one `q="<"` every few hundred attributes. An unclosed quote is read
# as ending at the next space, so a flood behind it is counted, never missed.
_ATTRIBUTE = re.compile(r"""[\s/]+[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_TAG = re.compile(rf"<[A-Za-z][^\s/>]*(?:{_ATTRIBUTE.pattern})*")
# Only a tag this long can hold 500 attributes; shorter ones cost little, however many.
_LONG_TAG_CHARACTERS = 1000
# Python codecs that are no encoding a page is saved in: `<meta charset="rot13">` (or
# base64, zlib: not text codecs at all) was a LookupError traceback, punycode a UnicodeError,
# and unicode_escape would turn "\\u001b" in the markup into ESC.
_NOT_PAGE_ENCODINGS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape",
                                 "undefined", "mbcs", "oem"})
# Where the HTML standard looks for a <meta charset>: the first 1024 bytes (we allow more).
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# lxml refuses a str that declares its own encoding (XHTML's <?xml ... encoding=?>).
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_PROSE_WORDS = 8
# Every element an HtmlElement, chosen in C (see `_parse`); comments and PIs are dropped.
# huge_tree: without it libxml2 drops every element past 255 levels deep, and all that
# follows them (page builders nest that deep); with it the limit is 2,048, checked in `_parse`.
_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True,
                               remove_pis=True, huge_tree=True)
MAX_DEPTH = 2048
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file are an HTML document."""
    return _HTML_START.match(head.removeprefix(codecs.BOM_UTF8)) is not None


def decode_html(data: bytes, *, origin: str, declared: str | None = None) -> str:
    """The page as text, in the encoding it declares (an HTTP header, else `<meta charset>`).

    A byte order mark wins, as in browsers. A page that declares nothing is read
    as UTF-8, else as windows-1252, which is what browsers assume for it.
    """
    if b"\x00" in data[:8192] and not data.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if looks_utf16(data[:8192]):
            raise InputError(origin, "UTF-16 page without a byte order mark; save it as UTF-8")
        raise InputError(origin, "binary file (contains NUL bytes), expected an HTML page")
    for mark, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                           (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(mark):
            return _decode(data, encoding, origin, "its byte order mark")
    if declared is None:
        match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
        if match is not None:
            declared = match.group(1).decode("ascii")
            how = f"its <meta charset> ({declared})"
        else:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                return data.decode("windows-1252", errors="replace")
    else:
        how = f"its Content-Type header ({declared})"
    try:
        codec = codecs.lookup(declared)
    except LookupError:
        codec = None
    if codec is None or not getattr(codec, "_is_text_encoding", True) \
            or codec.name in _NOT_PAGE_ENCODINGS:
        raise InputError(origin, f"page declares an unknown encoding {declared!r}")
    encoding = codec.name
    if encoding.startswith(("utf-16", "utf-32")):
        encoding = "utf-8"  # a page that was readable ASCII to this point is not UTF-16/32
    if encoding in {"latin-1", "iso8859-1", "ascii"}:
        encoding = "windows-1252"  # the HTML standard reads these labels so
    if encoding != "utf-8" and not data.isascii():
        # A page saved as UTF-8 under its old template's declaration: text in another
        # encoding is valid UTF-8 only by accident ("Ã©"), never for a whole page.
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8")
    return _decode(data, encoding, origin, how)


def _decode(data: bytes, encoding: str, origin: str, how: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(origin, f"not valid {codecs.lookup(encoding).name} text as "
                                 f"{how} says (bad byte at position {error.start})") from None


def read_html(data: bytes, *, origin: str, url: str | None = None,
              captured: str | None = None, charset: str | None = None) -> Article:
    """One article from one saved page.

    `url` is where the page was fetched (a web archive's target URI): it wins over
    the page's canonical link. `captured` is when it was fetched, the date used
    when the page states none. `charset` is what an HTTP header declared.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(origin, f"page is {len(data):,} bytes, over the "
                                 f"{MAX_PAGE_BYTES:,} byte limit for one HTML page")
    markup = decode_html(data, origin=origin, declared=charset)
    if not markup.strip():
        raise InputError(origin, "empty HTML page")
    _refuse_attribute_floods(markup, origin)
    tree = _parse(markup, origin)
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_PAGE_ELEMENTS:
        raise InputError(origin, f"page has {elements:,} elements, over the "
                                 f"{MAX_PAGE_ELEMENTS:,} storygraph reads in one page "
                                 "(reading it would take minutes)")
    metadata = _page_metadata(tree, url)
    # Imported here: it takes 0.7 s, which a run over text files should not pay.
    from trafilatura import bare_extraction

    # Precision over recall: a section front's list of links is no article. `fast`
    # skips the second opinion of readability and jusText, which halves the time
    # (bench/) and made no difference on our page layouts (tests/web_pages.py).
    document = bare_extraction(
        _story_container(tree, title=tree.findtext(".//title")), url=url or metadata.url,
        with_metadata=False,
        include_comments=False, include_tables=False, include_images=False,
        deduplicate=False, favor_precision=True, fast=True)
    text = _clean(document.text) if document is not None and document.text else ""
    if not text:
        raise InputError(origin, "no article text found in the HTML page")
    page_url = url or _absolute(metadata.url)
    return Article(
        id=article_id(text),
        key=page_url or origin,
        text=text,
        title=metadata.title or None,
        published=_day(metadata.date) or _day(captured),
        source=metadata.sitename or None,
        url=page_url,
        authors=split_authors(metadata.author or ""),
    )


def _refuse_attribute_floods(markup: str, origin: str) -> None:
    """Refuse a page whose tags hold so many attributes that parsing it would hang."""
    counts = [len(_ATTRIBUTE.findall(tag.group())) for tag in _TAG.finditer(markup)
              if tag.end() - tag.start() >= _LONG_TAG_CHARACTERS]
    if sum(count * count for count in counts) > MAX_ATTRIBUTE_WORK:
        raise InputError(origin, f"a tag in the page has {max(counts):,} attributes; "
                                 "parsing that would take minutes, and no news page has it")


def _parse(markup: str, origin: str) -> HtmlElement:
    """The page's tree, every element a plain `HtmlElement`.

    lxml.html picks each element's class in a Python callback, a third of the time
    trafilatura takes on a page (bench/); its form and label classes add nothing here.
    """
    from trafilatura.utils import repair_faulty_html

    markup = repair_faulty_html(_XML_DECLARATION.sub("", markup, count=1), markup[:50].lower())
    try:
        tree = lxml_html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:  # e.g. nothing but a comment
        raise InputError(origin, f"cannot parse the HTML page ({error})") from None
    _check_depth(origin, "the page")
    return tree


def _check_depth(origin: str, what: str) -> None:
    """An error when the last parse stopped at libxml2's depth limit."""
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in _PARSER.error_log):
        raise InputError(origin, f"{what} nests elements more than {MAX_DEPTH:,} deep; "
                                 "the text past that depth would be lost")


def _story_container(tree: HtmlElement, *, title: str | None = None) -> HtmlElement:
    """The page cut down to the block that holds the story, or the whole page when no
    block is convincing.

    Reading costs in proportion to elements, and menus, promotions and link lists are
    most of a page's: a page read from its story block alone is several times faster
    (bench/). The block is its one `<article>`, unless some one element outside it
    holds more prose directly, as the story's container does when the `<article>` is
    a related-story card. Without such an `<article>` (div-only templates, several
    `<article>`s as teaser cards or live blog posts) it is the element holding the
    most prose directly, widened to the smallest element around it that holds most of
    the page's prose (a story split by inline promotions, a live blog's posts), with
    the headline moved in when it sits outside (an `<h1>` the page's `<title>` agrees
    with, when it has one). Prose is paragraphs of 8 words or
    more that are not mostly links, outside furniture (`_is_furniture`): comments,
    one paragraph per comment box, and link lists do not outweigh a story. trafilatura
    still reads the block and drops what furniture is left inside it.
    """
    weights = _prose_weights(tree)
    if not weights:
        return tree
    within: Counter[HtmlElement] = Counter()  # prose inside each element, at any depth
    for holder, weight in weights.items():
        within[holder] += weight
        for ancestor in holder.iterancestors():
            within[ancestor] += weight
    articles = tree.xpath("//article")
    if len(articles) == 1 and within[articles[0]] and within[articles[0]] >= max(
            (w for h, w in weights.items() if not _inside(h, articles[0])), default=0):
        return _page_of(articles[0], headline=_headline(articles[0], title))
    total = sum(weights.values())
    block = max(weights, key=weights.__getitem__)
    while within[block] < _STORY_SHARE * total:
        block = block.getparent()
    if block.tag in {"body", "html"}:
        return tree
    # The rest of the story nearby (a lead above the block, the other half of a story
    # split by an advert) is in a parent a little bigger than the block; a parent many
    # times bigger is the page around the story, whose stray prose (an "about us"
    # blurb) is not worth reading the whole page for.
    while ((parent := block.getparent()).tag not in {"body", "html"}
           and within[parent] > within[block]
           and _count_elements(parent) <= _NEARBY_GROWTH * _count_elements(block)):
        block = parent
    _untable(block, weights)
    return _page_of(block, headline=_headline(block, title))


# The story block holds at least this share of the page's prose (see `_story_container`).
_STORY_SHARE = 0.8
# A parent adding prose to the block is read with it unless it has this many times the
# block's elements.
_NEARBY_GROWTH = 4
_count_elements = etree.XPath("count(descendant-or-self::*)")
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
# Words that start a part of a furniture's class or id (`comment-list`, `relatedStories`,
# `ad_slot`); "ad" only as a whole part, as "headline" and "shadow" hold it too, and
# "commentary" is an opinion piece.
_FURNITURE_WORD = re.compile(
    r"comment(?!ary)|related|share|sharing|social|cookie|consent|newsletter|promo|advert|"
    r"sponsor|outbrain|taboola|disqus|sidebar|ads?$", re.IGNORECASE)
_NAME_PARTS = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"\w+")
_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th"})


def _is_furniture(element: HtmlElement, *, headers: bool = True) -> bool:
    """Whether the element is page furniture by its tag or by its class or id."""
    if element.tag in _FURNITURE_TAGS and (headers or element.tag != "header"):
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return any(_FURNITURE_WORD.match(part) for part in _NAME_PARTS.split(names) if part)


def _prose_weights(tree: HtmlElement) -> Counter[HtmlElement]:
    """Characters of prose each element holds directly, by element: a paragraph's
    count to its parent, a table cell holding its text without paragraphs to itself.
    A paragraph's links do not count, and one mostly of links is no prose."""
    furniture: dict[HtmlElement, bool] = {}
    weights: Counter[HtmlElement] = Counter()
    for block in tree.iter("p", "td"):
        if block.tag == "td" and _has_blocks(block):
            continue  # its paragraphs or inner cells count
        text = block.text_content()
        if len(text.split()) < _PROSE_WORDS:
            continue
        prose = len(text) - sum(len(link.text_content()) for link in block.iter("a"))
        if 2 * prose <= len(text) or _in_furniture(block, furniture):
            continue
        weights[block if block.tag == "td" else block.getparent()] += prose
    return weights


_has_blocks = etree.XPath("boolean(.//p | .//div | .//td)")


def _in_furniture(element: HtmlElement, known: dict[HtmlElement, bool]) -> bool:
    """Whether the element or an ancestor is furniture, remembering every answer."""
    path = []
    node: HtmlElement | None = element
    while node is not None and node not in known:
        path.append(node)
        node = node.getparent()
    answer = known[node] if node is not None else False
    for node in reversed(path):
        answer = answer or _is_furniture(node)
        known[node] = answer
    return answer


def _headline(block: HtmlElement, title: str | None) -> HtmlElement | None:
    """The story's `<h1>` when the block has none and it sits before the block: the
    nearest one that is not in navigation, a sidebar or a footer (a `<header>` can hold
    a story's title), not a site's name (a link home, or a word or two), and, when the
    page has a title, with at least half its words in it (not a section's name)."""
    if block.find(".//h1") is not None:
        return None
    titled = set(_WORD.findall(title.lower())) if title else None
    for heading in reversed(block.xpath("preceding::h1")):
        text = heading.text_content()
        links = sum(len(link.text_content()) for link in heading.iter("a"))
        words = _WORD.findall(text.lower())
        if len(words) < 3 or 2 * links > len(text) or (
                titled is not None and 2 * sum(w in titled for w in words) < len(words)):
            continue
        if not any(_is_furniture(node, headers=False)
                   for node in itertools.chain((heading,), heading.iterancestors())):
            return heading
    return None


def _untable(block: HtmlElement, weights: Counter[HtmlElement]) -> None:
    """A layout table around the story made plain blocks: trafilatura leaves tables out
    (we keep no data tables), and would drop the story with them. Tables without prose,
    data tables inside the story, stay tables."""
    for holder in weights:
        if not _inside(holder, block):
            continue
        node = holder
        if holder.tag == "td" and not _has_blocks(holder):  # a cell of text: a paragraph
            holder.tag = "p"
            if holder is block:
                continue
            node = holder.getparent()
        while True:
            if node.tag in _TABLE_TAGS:
                node.tag = "div"
            if node is block:
                break
            node = node.getparent()


def _inside(element: HtmlElement, block: HtmlElement) -> bool:
    return element is block or block in element.iterancestors()


def _page_of(block: HtmlElement, *, headline: HtmlElement | None = None) -> HtmlElement:
    """A page holding only the block as its `<article>`, the headline first in it; both
    are moved out of the page (the metadata was read from it before).

    trafilatura reads an `<article>` as the story, its headline included; a `<div>` it
    knows nothing of loses the headline and is read by more general rules.
    """
    page = lxml_html.document_fromstring("<html><body></body></html>", parser=_PARSER)
    body = page.find("body")
    if block.tag == "p":  # a table cell of text (`_untable`)
        wrapper = body.makeelement("div", {})
        wrapper.append(block)
        block = wrapper
    block.tag = "article"
    if headline is not None:
        headline.tail = None
        block.insert(0, headline)
    body.append(block)
    return page


def _page_metadata(tree: HtmlElement, url: str | None) -> Document:
    """trafilatura's `extract_metadata`, in its order, without the categories, tags and
    licence, which we do not keep and which cost a third of reading a page (bench/).

    JSON-LD over <meta> and OpenGraph; the date is the page's own (metadata, markup,
    url): no "extensive search", which takes any date-like text, such as the
    copyright line's year, for the publication date.
    """
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # a one-word <meta name="author"> is a site handle
    with contextlib.suppress(Exception):  # trafilatura guards its JSON-LD reader so too
        metadata = extract_meta_json(tree, metadata)
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    metadata.date = find_date(tree, url=metadata.url, original_date=True,
                              extensive_search=False, max_date=date.today().isoformat())
    metadata.sitename = (metadata.sitename or extract_sitename(tree) or "").lstrip("@") or None
    return metadata


def fragment_text(fragment: str, *, origin: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one line per block.

    A fragment nested past `MAX_DEPTH` is an error naming `origin`, as a page is:
    its text would be lost.
    """
    if "<" not in fragment:
        return _clean(fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div", parser=_PARSER)
    except (ValueError, TypeError):
        return ""
    _check_depth(origin, "the entry's HTML")
    for element in root.iter("script", "style", "noscript", "template"):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.text is not None or len(element):
            element.text = "\n" + (element.text or "")
    return _clean(root.text_content())


_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "section",
           "article", "figcaption", "pre", "dd", "dt")


def _clean(text: str) -> str:
    """Spaces inside a line collapsed, blank lines dropped: one paragraph a line."""
    lines = (" ".join(line.split()) for line in plain_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _absolute(url: str | None) -> str | None:
    return url if url and is_web_address(url) else None


def _day(value: str | None) -> str | None:
    """The day a date says, if it is one the calendar has (not `0000-00-00`)."""
    if not value or not _ISO_DAY.match(value):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
