"""Dates in news text: resolve what an article says ("on Tuesday", "3 March") to ISO days.

Two entry points:

- `resolve_date(when_text, published)` turns the words of one date expression into an
  ISO 8601 day (YYYY-MM-DD) when they name a single day, else None. It is pure (no spaCy).
- `find_dates(doc, published=...)` lists the DATE entities of a parsed Doc that name a point
  in time (not a duration such as "147 years") with exact character offsets.

What resolves, and how:

- Explicit days: "2025-03-03", "3 March 2025", "3rd of March, 2025", "March 3, 2025",
  "Tuesday 3 March 2025", "3/14/2025" (numeric forms only when day and month cannot be
  swapped, since 03/04/2025 means different days in the UK and the US).
- A day and month without a year ("3 March", "March 3rd") take the published year; if that
  lands more than one calendar month after the published date, the previous year (news looks
  back more than forward). Without a published date they stay unresolved.
- Weekdays ("Tuesday", "on Tuesday", "Tuesday night"): the most recent such day on or before
  the published date, so the published day itself when it is that weekday. "last Tuesday"
  (or "this past Tuesday"): the same, except a week back when the published day is a Tuesday.
  "this coming Tuesday": the first one after the published date. A bare weekday in a sentence
  about the future ("will visit on Tuesday") is still resolved backwards: the words alone do
  not carry the tense, and news reports mostly look back.
- "today", "tonight", "this morning/afternoon/evening" → the published day; "yesterday",
  "last night" → the day before; "tomorrow" → the day after; "the day before yesterday" and
  "the day after tomorrow" → two days away.
- "N days/weeks/months/years ago" (digits or one..twelve, "a"/"an", a "fortnight"; optionally
  preceded by about, around, some, nearly, almost, roughly, approximately, just, only) counted
  back from the published day; months and years go back by calendar months (31 March minus one
  month is 28/29 February).

What deliberately stays None (the words are kept by the caller as `when_text`):

- Vague spans: "last week", "last month", "earlier this year", "recently", "mid-March".
- Anything coarser than a day: a bare year ("2026", "in 2026"), a month ("March 2025"),
  a decade ("the 1990s").
- Ambiguous forward references: "next Tuesday" (this week's or next week's?), "this Tuesday".
- Open bounds: "more than two years ago", "over a month ago".
- Relative expressions when the published date is unknown.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["DateMention", "find_dates", "parse_published", "resolve_date"]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
# Full names only: "sat", "sun" and "wed" are ordinary words far more often than dates.
WEEKDAYS: dict[str, int] = {
    name: index for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime|overnight))?"
# Words around a date that do not change which day it is.
_LEAD = re.compile(
    r"^(?:(?:on|the|early|late|earlier|later|since|from|until|till|by|as of)\s+)+"
)

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[t ][\d:.+\-z]*)?$")
_DAY_MONTH = re.compile(
    rf"^(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+"
    rf"({_MONTH})\.?(?:,?\s+(\d{{4}}))?$"
)
_MONTH_DAY = re.compile(
    rf"^(?:(?:{_WEEKDAY}),?\s+)?({_MONTH})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(\d{{4}}))?$"
)
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_WEEKDAY_REL = re.compile(
    rf"^(last|this past|this coming|this|next|coming)?\s*({_WEEKDAY}){_PART_OF_DAY}$"
)
_AGO = re.compile(
    r"^(?:(?:about|around|some|nearly|almost|roughly|approximately|just|only|exactly)\s+)?"
    r"(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s+"
    r"(day|week|fortnight|month|year)s?\s+ago$"
)
_DAY_WORDS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "this lunchtime": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "day before yesterday": -2,
    "the day after tomorrow": 2, "day after tomorrow": 2,
}
_DAY_WORD = re.compile(
    r"^(today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening|"
    r"this lunchtime|last night|(?:the )?day before yesterday|(?:the )?day after tomorrow)"
    + _PART_OF_DAY + "$"
)


@dataclass(frozen=True)
class DateMention:
    """One date expression in a Doc: `text == doc.text[start:end]`; `iso` is None if unresolved."""

    start: int
    end: int
    text: str
    iso: str | None


def parse_published(published: str | None) -> date | None:
    """The day of an ISO 8601 date or datetime string, or None if absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def resolve_date(when_text: str, published: str | None) -> str | None:
    """The ISO 8601 day `when_text` names, read against `published`, or None (see module doc)."""
    day = _resolve(_normalise(when_text), parse_published(published))
    return day.isoformat() if day else None


def _normalise(text: str) -> str:
    text = " ".join(text.lower().replace("\u2019", "'").split())
    text = text.strip(" .,;:()[]\"'")
    # Tokenised corpora write "March 3 , 2025"; glue the comma back.
    text = text.replace(" ,", ",")
    return _LEAD.sub("", text)


def _resolve(text: str, pub: date | None) -> date | None:
    if not text:
        return None
    if m := _ISO.match(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH.match(text):
        return _explicit(int(m[1]), MONTHS[m[2]], m[3], pub)
    if m := _MONTH_DAY.match(text):
        return _explicit(int(m[2]), MONTHS[m[1]], m[3], pub)
    if m := _NUMERIC.match(text):
        return _numeric(int(m[1]), int(m[2]), int(m[3]))
    if pub is None:
        # Everything below counts from the published day.
        return None
    if m := _DAY_WORD.match(text):
        return pub + timedelta(days=_DAY_WORDS[m[1]])
    if m := _WEEKDAY_REL.match(text):
        return _weekday(WEEKDAYS[m[2]], m[1], pub)
    if m := _AGO.match(text):
        count = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1]]
        return _ago(count, m[2], pub)
    return None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit(day: int, month: int, year: str | None, pub: date | None) -> date | None:
    if year:
        return _day(int(year), month, day)
    if pub is None:
        return None
    candidate = _day(pub.year, month, day)
    if candidate is None:
        return None
    # "3 March" in an article of 10 January most likely means last March: a report
    # looks back far more often than it looks forward more than a month.
    if candidate > _add_months(pub, 1):
        return _day(pub.year - 1, month, day)
    return candidate


def _numeric(first: int, second: int, year: int) -> date | None:
    """d/m/yyyy or m/d/yyyy, only when the reading does not depend on the convention."""
    uk = _day(year, second, first)
    us = _day(year, first, second)
    if uk and us and uk != us:
        return None
    return uk or us


def _weekday(target: int, modifier: str | None, pub: date) -> date | None:
    back = (pub.weekday() - target) % 7
    if modifier in (None, ""):
        return pub - timedelta(days=back)
    if modifier in ("last", "this past"):
        return pub - timedelta(days=back or 7)
    if modifier in ("this coming", "coming"):
        return pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
    # "next Tuesday" and "this Tuesday" are read both ways by speakers.
    return None


def _ago(count: int, unit: str, pub: date) -> date | None:
    if unit == "day":
        return pub - timedelta(days=count)
    if unit == "week":
        return pub - timedelta(weeks=count)
    if unit == "fortnight":
        return pub - timedelta(weeks=2 * count)
    months = count if unit == "month" else 12 * count
    return _add_months(pub, -months)


def _add_months(day: date, months: int) -> date:
    """Calendar arithmetic with the day clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if year < 1:
        return date.min
    if year > 9999:
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- mentions in a parsed Doc -----------------------------------------------------------

_UNIT_NOUNS = frozenset(
    [
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights",
        "week", "weeks", "fortnight", "fortnights", "month", "months", "year", "years", "decade",
        "decades", "century", "centuries"
    ]
)
# A number or quantity word in front of a unit noun makes it a length of time.
_QUANTIFIERS = frozenset(
    [
        "a", "an", "many", "several", "few", "some", "couple", "number", "dozens", "hundreds"
    ]
)
# Words that turn "years" back into a point in time.
_POINTERS = frozenset(
    [
        "ago", "earlier", "later", "before", "after", "previous", "following", "same"
    ]
)
_DEICTIC = frozenset(["last", "this", "next", "that"])
_RECURRING = frozenset(
    [
        "every", "each", "daily", "weekly", "monthly", "annually", "annual", "yearly", "nightly"
    ]
)
_AGE = frozenset(["old", "aged", "age", "ages"])
_DAY_TOKENS = frozenset(WEEKDAYS) | {"today", "tonight", "yesterday", "tomorrow"}
_TIME_DAY = re.compile(r"\b(last night|this morning|this afternoon|this evening)\b")


def find_dates(doc: Doc, *, published: str | None = None) -> list[DateMention]:
    """DATE entities of `doc` that name a point in time, resolved against `published`.

    Durations ("147 years", "many months", "the past 12 years"), ages ("33-year-old") and
    recurring times ("every Tuesday") are left out; points too coarse to resolve ("last
    week", "2026") are kept with `iso=None`. A leading "on" is left out of the span, and so
    is "the" before a day number ("the 3rd of March" → "3rd of March"). TIME entities are
    kept only when they name a day ("Tuesday night", "last night"). Capitalised weekday names
    and "yesterday" the model left untagged are added, since they are nearly always dates.
    """
    pub = parse_published(published)
    mentions: list[DateMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        covered.update(range(ent.start, ent.end))
        span = _trim(ent)
        if span is None or not _is_point(span):
            continue
        if ent.label_ == "TIME" and not _names_day(span):
            continue
        mentions.append(_mention(span, pub))
    for token in doc:
        if token.i in covered or token.ent_type_:
            continue
        lower = token.lower_
        if (lower in WEEKDAYS and token.text[0].isupper()) or lower == "yesterday":
            span = doc[token.i : token.i + 1]
            if _is_point(span):
                mentions.append(_mention(span, pub))
    mentions.sort(key=lambda m: m.start)
    return mentions


_TRAILING = frozenset({"and", "or", "'s", "\u2019s", "to", "of"})


def _mention(span: Span, pub: date | None) -> DateMention:
    day = _resolve(_normalise(span.text), pub)
    return DateMention(
        span.start_char, span.end_char, span.text, day.isoformat() if day else None
    )


def _trim(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _TRAILING):
        end -= 1  # "the 1940s and", "last year 's"
    while start < end - 1:
        lower = doc[start].lower_
        following = doc[start + 1].lower_
        if lower == "on" or (
            lower == "the" and (following[:1].isdigit() or following in MONTHS)
        ) or doc[start].is_punct:
            start += 1
        else:
            break
    return doc[start:end] if end > start else None


def _names_day(span: Span) -> bool:
    lowers = {t.lower_ for t in span}
    return bool(lowers & _DAY_TOKENS) or bool(_TIME_DAY.search(span.text.lower()))


_DATE_WORDS = (
    frozenset(MONTHS) | frozenset(WEEKDAYS) | _UNIT_NOUNS | _DAY_TOKENS
    | frozenset(
        "weekend season morning afternoon evening night lunchtime christmas easter summer "
        "winter spring autumn quarter term half yesterday's today's".split()
    )
)
_DATE_NUMBER = re.compile(
    r"^(?:(?:1\d|20|21)\d{2}s?|'?\d0s|\d{1,2}(?:st|nd|rd|th)|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})$"
)
_HYPHEN_UNIT = re.compile(r"\w-(?:year|month|week|day|hour|minute)s?$")


def _is_date_word(token: Token) -> bool:
    lower = token.lower_.rstrip(".")
    return lower in _DATE_WORDS or bool(_DATE_NUMBER.match(lower))


def _is_point(span: Span) -> bool:
    """False for durations, ages and recurring times; True for everything else."""
    lowers = [t.lower_ for t in span]
    words = set(lowers)
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in _RECURRING or words & _RECURRING or words & _AGE:
        return False
    if any(w.endswith("-old") for w in lowers):
        return False
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if after in _AGE or after == "-":
        # "33-year-old" split as "33 - year - old", "12-year sentence".
        return False
    if not any(_is_date_word(t) for t in span):
        return False  # a bare "40" (an age the model took for a date), a mislabelled name
    if "-" in lowers or any(_HYPHEN_UNIT.search(w) for w in lowers):
        return False  # "eight-year", "90 - day": a length used as a modifier
    if words & _POINTERS or after in _POINTERS:
        return True  # "two years ago", "the following week"
    for i, lower in enumerate(lowers):
        if lower not in _UNIT_NOUNS:
            continue
        before = lowers[i - 1] if i else ""
        if lower.endswith("s"):
            # A plural unit ("12 years", "decades", "the past 12 months") is a length.
            return False
        if before[:1].isdigit() or before in _QUANTIFIERS or before in NUMBER_WORDS:
            return False  # "a year", "one month"
        if before == "past":
            return False  # "the past year" is a stretch of time
        if before in _DEICTIC or before in ("the", "that"):
            return True  # "last year", "this week", "the same day"
    return True
