"""Quotation spans in raw text, across paragraphs and quote-mark styles.

News quotes that run over several paragraphs open a quote mark on every
paragraph and close only the last; a paragraph that opens a quote and never
closes it ends the quote at the paragraph's end. Apostrophes ("we've",
"workers'") are told from single quote marks by what stands on either side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storygraph.extract.layout import Paragraph

_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»"}
_SINGLE_OPEN = {"‘": "’"}
_OPEN_CONTEXT = set(" \t\n([{—–-/:")
# A straight opening mark may close curly and the other way round; a curly opening
# mark takes a straight closing one only when the paragraph has no curly one.
_MIXED_CLOSING = {'"': "”", "”": '"'}


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # exclusive, before the closing mark (or the paragraph end)
    open_at: int  # index of the opening mark
    closed: bool
    paragraphs: tuple[int, ...]  # indices into the paragraph list


def find_quotes(text: str, pieces: list[Paragraph]) -> list[Quote]:
    quotes: list[Quote] = []
    pending: Quote | None = None  # a quote left open at the end of a paragraph
    for number, paragraph in enumerate(pieces):
        if paragraph.kind == "furniture":
            pending = None
            continue
        spans = _scan(text, paragraph.start, paragraph.end,
                      runs_on=_opens_single(text, pieces, number + 1))
        if paragraph.kind == "headline":
            # A headline quotes within itself; it never runs on into the body.
            quotes += [Quote(o + 1, e, o, True, (number,)) for o, e, closed in spans if closed]
            continue
        if pending is not None:
            first = spans[0] if spans else None
            if first is not None and first[0] == paragraph.start:
                # This paragraph opens with a quote mark: the quote goes on.
                opened, end, closed = first
                pending = Quote(pending.start, end, pending.open_at, closed,
                                (*pending.paragraphs, number))
                spans = spans[1:]
                if closed:
                    quotes.append(pending)
                    pending = None
            else:
                closing = _closing_first(text, paragraph.start, paragraph.end)
                if closing is not None:
                    # Text split a line per sentence: the quote closes in this line.
                    pending = Quote(pending.start, closing, pending.open_at, True,
                                    (*pending.paragraphs, number))
                    spans = [span for span in spans if span[0] > closing]
                quotes.append(pending)
                pending = None
        for opened, end, closed in spans:
            quote = Quote(opened + 1 + _mark_extra(text, opened), end, opened, closed, (number,))
            if closed:
                quotes.append(quote)
            else:
                if pending is not None:
                    quotes.append(pending)
                pending = quote
    if pending is not None:
        quotes.append(pending)
    trimmed = (_trim(text, q) for q in quotes)
    return [q for q in trimmed if q.end > q.start]


def _mark_extra(text: str, opened: int) -> int:
    return 1 if text.startswith("``", opened) else 0


def _opens_single(text: str, pieces: list[Paragraph], number: int) -> bool:
    """Whether the next body paragraph opens with a single quote mark (and so may go on one)."""
    while number < len(pieces) and pieces[number].kind == "furniture":
        number += 1
    return number < len(pieces) and pieces[number].kind == "body" \
        and text[pieces[number].start] in "‘'"


def _scan(text: str, start: int, end: int, *, runs_on: bool = False
          ) -> list[tuple[int, int, bool]]:
    """(opening mark index, content end, closed) for each quote in one paragraph.

    A single mark that opens the paragraph and never closes in it, before a paragraph
    that opens with one too, is a quotation running on (the British style); elsewhere
    an unclosed single mark is an apostrophe ("'90s", "rock 'n' roll").
    """
    found: list[tuple[int, int, bool]] = []
    i = start
    while i < end:
        ch = text[i]
        close_with: str | None = None
        if ch in _DOUBLE_OPEN:
            close_with = _DOUBLE_OPEN[ch]
        elif ch == '"' and not _orphan_closing(text, i, end):
            close_with = '"'
        elif text.startswith("``", i):
            close_with = "''"
        elif ch in _SINGLE_OPEN and _opens(text, i, start):
            close_with = "’"
        elif ch == "'" and _opens(text, i, start) and not text.startswith("''", i):
            close_with = "'"
        if close_with is None:
            i += 1
            continue
        content_start = i + (2 if text.startswith("``", i) else 1)
        closing = _closing(text, content_start, end, close_with)
        if close_with in _MIXED_CLOSING:
            # Curly and straight marks mixed in one quote: '"It spread fast,” he said.'
            other = _closing(text, content_start, end, _MIXED_CLOSING[close_with])
            if other is not None and (closing is None or (close_with == '"' and other < closing)):
                closing = other
        if closing is None:
            if close_with in {"’", "'"} and not (runs_on and i == start):
                i += 1  # an apostrophe, not a quote
                continue
            found.append((i, end, False))
            break
        found.append((i, closing, True))
        i = closing + len(close_with)
    return found


def _closing_first(text: str, start: int, end: int) -> int | None:
    """Where a line closes a double quotation before opening any: 'fight, " said X'."""
    for i in range(start, end):
        ch = text[i]
        if ch == "”" or text.startswith("''", i) or (ch == '"' and _orphan_closing(text, i, end)):
            return i
        if ch in _DOUBLE_OPEN or ch == '"' or text.startswith("``", i):
            return None
    return None


def _orphan_closing(text: str, i: int, end: int) -> bool:
    """A straight mark with a word before it and a space after closes a quote; it never opens.

    Left unpaired (its opening mark lost, or never written), it would otherwise open a
    quotation of the gap before the next mark: `...as well." "I apologise,` would
    quote the space between the two and pair the rest off by one.
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    if before == " " and i > 1 and text[i - 2] in ",.!?":
        before = text[i - 2]  # pre-tokenised text closes with a spaced mark: 'go , " he said'
    return after.isspace() and not before.isspace() and before not in _OPEN_CONTEXT


# Pre-tokenised text writes "Tara 's" and "we 've": clitics, not quotations.
_CLITIC = re.compile(r"['’](?:s|re|ve|ll|d|m|t)\b", re.IGNORECASE)


def _opens(text: str, i: int, paragraph_start: int) -> bool:
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if _CLITIC.match(text, i):
        return False
    return (before in _OPEN_CONTEXT or i == paragraph_start) and not after.isspace()


def _closing(text: str, i: int, end: int, mark: str) -> int | None:
    while i < end:
        j = text.find(mark, i, end)
        if j < 0:
            return None
        if mark in {"’", "'"}:
            after = text[j + 1] if j + 1 < len(text) else " "
            if after.isalnum() or text[j - 1].isspace():
                i = j + 1  # "we’ve", "it's": an apostrophe inside the quote
                continue
        return j
    return None


def _trim(text: str, quote: Quote) -> Quote:
    start, end = quote.start, quote.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Quote(start, end, quote.open_at, quote.closed, quote.paragraphs)
