"""Where the story is in a page: paragraphs, headings and page furniture.

Web articles arrive with a headline, image captions and credits, section
headings and a follow-us footer. Furniture must not become story entities or
claims, and a heading must never be taken for a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOOTER = re.compile(
    r"^(follow\b.*\b(on|via)\b.*(facebook|twitter|x|instagram|tiktok|threads|bluesky|youtube)"
    r"|send your (story|stories)|sign up (for|to)|get in touch|related topics|more on this story"
    r"|share this|copyright\b|©|all rights reserved|read more:|download the .* app"
    r"|subscribe\b|click here|listen (to|on)\b|watch:|image (source|caption)|media caption"
    r"|getty images|follow us\b|you can (follow|contact|email)|contact (us|the) "
    # credits and sign-offs: "Picture: X", "(Reporting by X; Editing by Y)", "Media contact: X"
    r"|\(?(additional )?(reporting|editing|writing) by\b|(media|press) (contact|enquiries)\b)",
    re.IGNORECASE,
)
_SOCIAL = re.compile(r"\b(facebook|instagram|whatsapp|twitter|tiktok|youtube|snapchat)\b", re.I)
_CREDIT_TAIL = re.compile(
    r"(\[[^\]\n]{1,40}\]|\((?:photo|image|picture)?:?\s*[^)\n]{1,40}/[^)\n]{1,40}\)"
    r"|\b[\w .&-]{0,40}/(?:getty images|reuters|afp|pa media|pa|ap|epa|shutterstock|alamy))"
    r"\s*$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?:;\"”’']\s*$")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int  # exclusive, without the trailing newline
    text: str
    kind: str  # "headline" | "heading" | "body" | "furniture"


def paragraphs(text: str, *, title: str | None = None) -> list[Paragraph]:
    """Split on line breaks and say what each line is."""
    result: list[Paragraph] = []
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    for number, match in enumerate(lines):
        line = match.group()
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.start() + len(line.rstrip())
        kind = _kind(line.strip(), result, title, last=number == len(lines) - 1)
        result.append(Paragraph(start, end, text[start:end], kind))
    return result


_CREDIT_LINE = re.compile(
    r"^(?:(?i:photo|image|picture)(?i: credit)?:?\s*)?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
    r"\s?/\s?[A-Z][\w.&'’ -]{1,40}$"
    # "Picture: Jane Smith", "Photograph: Jane Smith" (not "Pictured: X at the plant")
    r"|^(?i:photo|photograph|image|picture)(?i: credit)?\s*:\s*[A-Z][\w.'’-]*"
    r"(?: [A-Z][\w.'’-]*){0,3}$"
)


# Footers that introduce a list of links, one per line ("Related topics").
_LINK_LIST = re.compile(
    r"^(related (topics|internet links|stories|content)|more on this story|top stories"
    r"|more from|see also|you may also like|read more)\b", re.IGNORECASE)


def _kind(line: str, before: list[Paragraph], title: str | None, *, last: bool) -> str:
    if not before and title and _same(line, title) and not last and len(line.split()) <= 25:
        return "headline"
    if _FOOTER.search(line) or (_SOCIAL.search(line) and len(_SOCIAL.findall(line)) >= 2):
        return "furniture"
    if _CREDIT_LINE.match(line):
        return "furniture"  # "Jane Smith/Getty Images" under a picture
    if before and before[-1].kind == "furniture" and len(line.split()) <= 6 \
            and not _TERMINAL.search(line) and any(
                _LINK_LIST.match(p.text) for p in before[-3:] if p.kind == "furniture"):
        return "furniture"  # the links under "Related topics"
    words = line.split()
    unquoted = line.strip("\"'“”‘’ ")
    if len(words) <= 8 and not _TERMINAL.search(unquoted) and not unquoted.endswith(","):
        return "heading"
    return "body"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def furniture_spans(text: str, pieces: list[Paragraph]) -> list[tuple[int, int]]:
    """Character spans to ignore: furniture lines and image credits at line ends."""
    spans = [(p.start, p.end) for p in pieces if p.kind == "furniture"]
    for p in pieces:
        if p.kind == "furniture":
            continue
        credit = _CREDIT_TAIL.search(p.text)
        if credit and credit.start() > 0:
            spans.append((p.start + credit.start(), p.end))
    return sorted(spans)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
