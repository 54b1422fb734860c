"""Figures a journalist quotes: counts, money, percentages and durations.

`extract_quantities(doc)` reads a parsed spaCy Doc and returns `Quantity` records (see
`storygraph.model`), each with exact character offsets into `doc_text(doc)`.

What a figure looks like here:

- A number: digits ("2,400", "4.2"), number words ("six", "twenty-five", "two million",
  "a dozen", "half a million"), a scale glued or spelled ("4.2m", "1bn", "30k", "2.5 million"),
  or a magnitude plural used as an estimate ("thousands", "hundreds of", "dozens of",
  "tens of thousands of"), which gives `value=None` and the qualifier "approximate".
- A unit, found in this order:
  1. percent: "12%", "12 per cent", "12 percent", "12pc" → "percent"; "3.5 percentage points"
     → "percentage points";
  2. money: a currency sign or code before the number ("£4.2m", "$ 30 million", "US$12m",
     "EUR 5bn") or a currency word after it ("30 million dollars", "50 pence", "500 euros";
     "pounds" only with a scale word or "sterling", since "10 pounds" is often a weight) →
     the ISO 4217 code, value in whole currency units (50p → 0.5 GBP). A bare "$" is USD;
  3. duration: "147 years", "six months", "a 12-year sentence" → unit in the plural
     ("years", "months", ...); a duration of one ("a year", "one day") is left out, as are
     ages ("33-year-old", "aged 33") and time points ("two years ago", "three days later");
  4. the counted noun the number modifies in the parse (nummod, through compounds and
     adjectives: "2,400 steel making jobs" → "jobs"), or the noun after "of"
     ("hundreds of patients", "2,400 of its workers"), lowercased as written; a noun shared
     by two numbers ("550 permanent and 780 temporary jobs"); or, for "Twelve people were
     killed and 40 injured", the noun of the conjoined clause's figure. The noun must be
     plural, a collective ("staff", "police"), a unit abbreviation ("km"), or the number
     must be one: "the 2019 election" and "Windows 11 update" are not counts.
  A number with none of these units is not reported: a bare "33" or "won 25" says too little.
- A qualifier, the words that say which kind, joined with ", " in this order: the words
  between number and noun ("permanent", "full-time", "train manufacturing", "more"); what
  the clause says happened to them ("at risk", "killed", "injured", "died", "arrested",
  "cut", "new", ...); "more" for "an additional/a further/another 200"; a rate ("per hour");
  and the hedge on the number: "approximate" (about, around, nearly, some, an estimated,
  magnitude plurals), "more than", "at least", "up to" or "less than".
- The text runs from the number (its currency sign included) through the unit word, so
  hedges before the number and qualifiers after the noun ("at risk") are never part of it:
  they live in `qualifier` only. A number whose noun is shared or elided keeps only its own
  words ("550 permanent" in "550 permanent and 780 temporary jobs"; "40" in "40 injured").

What is not a figure: dates and times ("3 March 2025", "2026", "10am", "10.30"), years,
phone numbers (leading zeros, runs of digit groups, "+44"), ranks and designators ("No 10",
"page 3", "Section 5", "top 10", ordinals), numbers inside names ("M25", "Covid-19",
"Windows 11", "Boeing 737": inside a named entity or right after a capitalised name),
scores and ranges ("3-1", "500 to 600", "between 500 and 600"), ratios ("one in five"),
fractions ("two-thirds"), and anything the caller's `skip(start, end)` marks as page
furniture. Precision comes first: when a reading is doubtful the number is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from storygraph.extract.text import doc_text, sentence_of
from storygraph.model import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["extract_quantities"]

# --- vocabularies -----------------------------------------------------------------------

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Glued abbreviations ("4.2m", "1bn"). "m" and "k" are also metres and kilometres, so they
# count as scales only after a currency sign or before a plural noun ("1m people").
SHORT_SCALES: dict[str, int] = {
    "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
    "k": 1_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000, "mm": 1_000_000,
}
# "mm" is finance's million ("$200MM") and also millimetres.
AMBIGUOUS_SCALES = frozenset({"m", "k", "b", "mm"})
# Magnitude plurals used as estimates: "thousands of", "hundreds more".
APPROX_WORDS = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores"})
# "scores" is also what a team has; it counts only before "of".
APPROX_NEED_OF = frozenset({"scores"})

CURRENCY_SIGNS: dict[str, str] = {
    "£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₹": "INR", "us$": "USD", "a$": "AUD",
    "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
    "r$": "BRL",
}
CURRENCY_CODES = frozenset(
    [
        "USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "AUD", "CAD", "HKD", "NZD", "SGD", "SEK",
        "NOK", "DKK", "ZAR", "BRL", "RUB"
    ]
)
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB",
}
# "Australian dollars", "Hong Kong dollars": the adjective picks the currency.
DOLLAR_COUNTRIES: dict[str, str] = {
    "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
    "new zealand": "NZD", "singapore": "SGD",
}
PENCE = frozenset({"p", "pence", "penny"})
PERCENT_WORDS = frozenset({"%", "percent", "pc"})

DURATIONS: dict[str, str] = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days",
    "night": "nights", "week": "weeks", "fortnight": "fortnights", "month": "months",
    "year": "years", "decade": "decades", "century": "centuries",
}
DURATION_PLURALS = frozenset(DURATIONS.values())
# Words after a duration that make it a point in time or an age.
TIME_POINTERS = frozenset({"ago", "earlier", "later", "before", "after", "old", "previously"})

# Nouns counted in the singular: "200 staff", "300 police".
COLLECTIVES = frozenset(
    [
        "staff", "personnel", "police", "crew", "cattle", "livestock", "sheep", "deer", "fish",
        "aircraft", "clergy", "faculty", "infantry", "offspring", "people", "folk", "headcount",
        "workforce", "militia", "youth"
    ]
)
# Singular unit abbreviations that follow a number.
MEASURE_UNITS = frozenset(
    [
        "km", "kg", "mph", "kph", "cm", "mm", "ft", "lb", "lbs", "mw", "gw", "kw", "kwh", "mwh",
        "gwh", "twh", "ha", "mg", "ml", "sq", "mi"
    ]
)
# Nouns after a number that make it something other than a count.
NOT_UNITS = frozenset(
    [
        "halves", "thirds", "quarters", "fifths", "sixths", "sevenths", "eighths", "ninths",
        "tenths", "times", "am", "pm", "a.m.", "p.m.", "o'clock", "gmt", "bst", "utc", "cet", "est",
        "edt", "pst", "hrs"
    ]
)
# Words before a number that make it a label, a rank or an age, not an amount.
DESIGNATORS = frozenset(
    [
        "page", "pages", "p.", "pp.", "section", "sections", "article", "articles", "chapter",
        "chapters", "clause", "clauses", "paragraph", "para", "no", "no.", "nos", "number", "num",
        "#", "room", "platform", "gate", "route", "flight", "bus", "junction", "line", "level",
        "tier", "grade", "stage", "phase", "round", "game", "episode", "season", "series", "volume",
        "vol", "part", "schedule", "figure", "fig", "table", "rule", "amendment", "top", "bottom",
        "version", "v", "aged", "age", "ages", "size", "model", "type", "category", "channel",
        "highway", "interstate", "band", "division", "league", "heat", "lane", "pier", "terminal",
        "exit", "unit", "ward", "block", "floor", "seat", "row"
    ]
)
# After these a 4-digit number is a year: "in 2019", "since 1877".
YEAR_PREPOSITIONS = frozenset(
    [
        "in", "since", "by", "from", "until", "till", "to", "of", "during", "before", "after",
        "between", "circa", "c.", "early", "late", "mid", "the"
    ]
)

# Hedges before a number, longest first; value is the qualifier they give.
HEDGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("in", "excess", "of"), "more than"),
    (("upwards", "of"), "more than"),
    (("more", "than"), "more than"),
    (("greater", "than"), "more than"),
    (("just", "over"), "more than"),
    (("fewer", "than"), "less than"),
    (("less", "than"), "less than"),
    (("just", "under"), "approximate"),
    (("at", "least"), "at least"),
    (("no", "fewer", "than"), "at least"),
    (("up", "to"), "up to"),
    (("as", "many", "as"), "up to"),
    (("as", "much", "as"), "up to"),
    (("close", "to"), "approximate"),
    (("an", "estimated"), "approximate"),
    (("over",), "more than"),
    (("under",), "less than"),
    (("about",), "approximate"),
    (("around",), "approximate"),
    (("roughly",), "approximate"),
    (("approximately",), "approximate"),
    (("nearly",), "approximate"),
    (("almost",), "approximate"),
    (("some",), "approximate"),
    (("estimated",), "approximate"),
    (("circa",), "approximate"),
    (("c.",), "approximate"),
)
_HEDGES_LONGEST_FIRST = sorted(HEDGES, key=lambda pair: -len(pair[0]))
# "an additional 200 jobs", "a further 300", "another 50": the figure adds to an earlier one.
MORE_WORDS = frozenset({"additional", "further", "extra", "another"})

# Pre-modifiers kept as qualifiers one by one; other modifiers stay together as a phrase.
KNOWN_QUALIFIERS = frozenset(
    [
        "permanent", "temporary", "full-time", "part-time", "new", "more", "additional", "extra",
        "existing", "current", "former", "skilled", "unskilled", "injured", "killed", "dead",
        "missing", "confirmed", "suspected", "direct", "indirect", "seasonal", "casual", "contract",
        "agency", "frontline", "front-line", "senior", "junior"
    ]
)
# Modifiers that say nothing about which kind.
EMPTY_MODIFIERS = frozenset(
    [
        "other", "such", "own", "same", "the", "these", "those", "its", "their", "his", "her"
    ]
)

# What the clause says happened to the counted things: verb lemma → qualifier.
EVENT_QUALIFIERS: dict[str, str] = {
    "kill": "killed", "injure": "injured", "wound": "injured", "hurt": "injured",
    "die": "died", "arrest": "arrested", "detain": "detained", "charge": "charged",
    "evacuate": "evacuated", "rescue": "rescued", "displace": "displaced",
    "hospitalise": "hospitalised", "hospitalize": "hospitalised", "cut": "cut", "axe": "cut",
    "ax": "cut", "shed": "cut", "slash": "cut", "scrap": "cut", "lose": "lost",
    "threaten": "at risk", "endanger": "at risk", "create": "new", "hire": "new",
    "recruit": "new", "add": "new", "go": "cut", "shoot": "shot", "stab": "stabbed",
}
INTRANSITIVE_EVENTS = frozenset({"die", "go"})
# "jobs will go (at the plant)" is a cut; "500 fans went to the match" is a journey.
GO_DIRECTIONS = frozenset(
    {"to", "into", "onto", "on", "for", "through", "towards", "toward", "with", "via", "by"}
)
# Losses that have not happened yet: "could be lost" is "at risk", not "lost".
LOSS_QUALIFIERS = frozenset({"cut", "lost"})
# "would" is left out: "said 550 jobs would go" reports a decision, not a risk.
HEDGING_MODALS = frozenset({"could", "may", "might"})
# "at risk", "under threat", "in jeopardy" after the noun or as the clause's predicate.
RISK_PHRASES: dict[str, frozenset[str]] = {
    "at": frozenset({"risk"}), "under": frozenset({"threat", "review"}),
    "in": frozenset({"jeopardy", "danger"}),
}
RATE_NOUNS = frozenset(
    {"hour", "day", "week", "month", "year", "annum", "head", "person", "season", "game", "shift"}
)

MONTH_NAMES = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec"
    ]
)
WEEKDAY_NAMES = frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    ]
)
NAME_LABELS = frozenset(
    [
        "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP",
        "LANGUAGE"
    ]
)
DASHES = frozenset({"-", "–", "—", "to"})

# Letters that may follow a number with no space: units, scales, "p", "pc", "s" of "1990s".
GLUED_SUFFIXES = (
    MEASURE_UNITS | frozenset(SCALES) | frozenset(SHORT_SCALES) | PENCE | PERCENT_WORDS
    | frozenset(DURATIONS) | DURATION_PLURALS | frozenset({"am", "pm"})
)

_DIGITS = re.compile(
    r"^(?P<cur>[£$€¥₹])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?P<suffix>mn|mm|bn|trn|tn|m|b|k|p|pc|%)?\.?$"
)


# --- the number phrase -------------------------------------------------------------------


@dataclass
class _Number:
    """A number phrase: tokens first..last (currency sign included), parsed value."""

    first: int  # first token, a currency sign if there is one
    num_first: int  # first token of the number itself
    last: int  # last token (scale word included)
    end_char: int  # where the text ends (a glued "m." loses its full stop)
    value: Decimal | None  # None for "thousands of"
    currency: str | None = None
    percent: str | None = None  # "percent" or "percentage points"
    pence: bool = False
    scaled: bool = False  # a scale word or abbreviation was read
    ambiguous_scale: bool = False  # "5m": million or metres?
    words: bool = False  # spelled out ("six")
    year_like: bool = False  # four digits, no comma, 1000-2100
    scale_word: str | None = None  # the abbreviation read as a scale ("m", "bn", "mm")


# The words a number phrase may start with (see _parse_number and what it calls).
_NUMBER_STARTS = frozenset({*CURRENCY_SIGNS, *ONES, *TENS, *APPROX_WORDS, "a", "an", "dozen",
                            "tens", "hundreds"})


def _may_start_number(token: Token) -> bool:
    """False where `_parse_number` is sure to find nothing (most tokens): cheap to ask."""
    text, lower = token.text, token.lower_
    if lower in _NUMBER_STARTS or text[0].isdigit() or text[0] in "£$€¥₹" \
            or text in CURRENCY_CODES or text == "US":
        return True
    return "-" in lower and lower != "-" and all(p in ONES or p in TENS
                                                 for p in lower.split("-"))


def _parse_number(doc: Doc, i: int) -> _Number | None:
    """Read the number phrase that starts at token i, or None."""
    currency, j = _currency_before(doc, i)
    if j >= len(doc):
        return None
    number = _digits(doc, j) or _words(doc, j) or _approx(doc, j)
    if number is None:
        return None
    number.first = i
    if currency:
        if number.currency and number.currency != currency:
            return None
        number.currency = currency
    return _read_scale_and_unit_words(doc, number)


def _currency_before(doc: Doc, i: int) -> tuple[str | None, int]:
    token = doc[i]
    lower = token.lower_
    if lower in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[lower], i + 1
    if token.text in CURRENCY_CODES and i + 1 < len(doc) and doc[i + 1].text[:1].isdigit():
        return token.text, i + 1
    if token.text == "US" and i + 1 < len(doc) and doc[i + 1].text == "$" and not token.whitespace_:
        return "USD", i + 2
    return None, i


def _digits(doc: Doc, j: int) -> _Number | None:
    token = doc[j]
    match = _DIGITS.match(token.text.lower())
    if match is None or (not token.text[0].isdigit() and token.text[0] not in "£$€¥₹"):
        return None
    whole = match["int"]
    if len(whole) > 1 and whole.startswith("0"):
        return None  # phone numbers and codes: "0800", "020"
    try:
        value = Decimal(whole.replace(",", "") + ("." + match["frac"] if match["frac"] else ""))
    except InvalidOperation:
        return None
    end_char = token.idx + len(token.text.rstrip("."))
    number = _Number(j, j, j, end_char, value)
    if match["cur"]:
        number.currency = CURRENCY_SIGNS[match["cur"]]
    number.year_like = (
        "," not in whole and not match["frac"] and len(whole) == 4 and 1000 <= value <= 2100
        and not match["suffix"]
    )
    suffix = match["suffix"]
    if suffix in SHORT_SCALES:
        number.value = value * SHORT_SCALES[suffix]
        number.scaled = True
        number.scale_word = suffix
        number.ambiguous_scale = suffix in AMBIGUOUS_SCALES
    elif suffix == "p":
        number.pence = True
    elif suffix in ("pc", "%"):
        number.percent = "percent"
    return number


def _words(doc: Doc, j: int) -> _Number | None:
    """Spelled numbers: "six", "twenty-five", "two hundred and fifty", "a dozen"."""
    total = current = 0
    seen = scaled = False
    k = j
    last = None
    while k < len(doc):
        lower = doc[k].lower_
        parts = lower.split("-") if "-" in lower and lower != "-" else [lower]
        if all(p in ONES or p in TENS for p in parts) and len(parts) <= 2:
            for part in parts:
                current += ONES.get(part, 0) + TENS.get(part, 0)
            seen, last = True, k
        elif (
            lower == "-" and seen and not doc[k - 1].whitespace_ and k + 1 < len(doc)
            and doc[k + 1].lower_ in ONES and doc[k - 1].lower_ in TENS
        ):
            pass  # "twenty - five" split by the tokenizer
        elif lower in ("a", "an") and not seen and k + 1 < len(doc) and (
            doc[k + 1].lower_ in SCALES or doc[k + 1].lower_ == "dozen"
        ):
            current, seen = 1, True
        elif (lower == "dozen" and seen) or (lower == "dozen" and k == j):
            current = (current or 1) * 12
            seen, last = True, k
        elif lower == "hundred" and seen:
            current = (current or 1) * 100
            last = k
        elif lower in SCALES and seen:
            total += (current or 1) * SCALES[lower]
            current, last = 0, k
            scaled = True
        elif lower == "and" and last is not None and doc[last].lower_ == "hundred" and (
            k + 1 < len(doc) and (doc[k + 1].lower_ in ONES or doc[k + 1].lower_ in TENS)
        ):
            pass  # "two hundred and fifty"
        else:
            break
        k += 1
    if last is None:
        return None
    number = _Number(j, j, last, doc[last].idx + len(doc[last].text), Decimal(total + current))
    number.words = True
    number.scaled = scaled
    return number


def _approx(doc: Doc, j: int) -> _Number | None:
    """ "thousands", "tens of thousands", "hundreds of millions": value unknown."""
    lower = doc[j].lower_
    if lower in ("tens", "hundreds") and j + 2 < len(doc) and doc[j + 1].lower_ == "of" and (
        doc[j + 2].lower_ in APPROX_WORDS
    ):
        last = j + 2
    elif lower in APPROX_WORDS:
        last = j
    else:
        return None
    if doc[last].lower_ in APPROX_NEED_OF and not (
        last + 1 < len(doc) and doc[last + 1].lower_ == "of"
    ):
        return None
    return _Number(j, j, last, doc[last].idx + len(doc[last].text), None)


def _read_scale_and_unit_words(doc: Doc, number: _Number) -> _Number:
    """Extend over "million", a glued "m", "per cent", "percentage points", "dollars"."""
    k = number.last + 1
    if (
        k + 1 < len(doc) and doc[k].text in ("-", "–") and not doc[k - 1].whitespace_
        and not doc[k].whitespace_ and doc[k + 1].lower_ in SCALES
    ):
        k += 1  # "$31.5-million contract"
    if number.value is not None and not number.words and k < len(doc):
        token = doc[k]
        lower = token.lower_.rstrip(".") if token.lower_ != "." else ""
        glued = not doc[k - 1].whitespace_
        if lower in SCALES and not number.scaled:
            number.value *= SCALES[lower]
            number.scaled, number.last = True, k
        elif lower in SHORT_SCALES and not number.scaled and (glued or number.currency):
            number.value *= SHORT_SCALES[lower]
            number.scaled, number.last = True, k
            number.ambiguous_scale = lower in AMBIGUOUS_SCALES
            number.scale_word = lower
        if number.last == k:
            number.end_char = token.idx + len(token.text.rstrip("."))
    k = number.last + 1
    if k < len(doc) and number.value is not None and number.percent is None:
        lower = doc[k].lower_
        if lower in PERCENT_WORDS:
            number.percent, number.last = "percent", k
        elif lower == "per" and k + 1 < len(doc) and doc[k + 1].lower_ == "cent":
            number.percent, number.last = "percent", k + 1
        elif lower == "percentage" and k + 1 < len(doc) and doc[k + 1].lower_ in (
            "point", "points"
        ):
            number.percent, number.last = "percentage points", k + 1
        if number.percent:
            number.end_char = doc[number.last].idx + len(doc[number.last].text)
    return number


# --- what is not a figure ----------------------------------------------------------------


def _is_not_a_figure(doc: Doc, n: _Number) -> bool:
    """Dates, times, years, phone numbers, names, ranks, scores, ranges and ratios."""
    first, last = n.num_first, n.last
    before = doc[n.first - 1] if n.first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    before_lower = before.lower_ if before is not None else ""
    after_lower = after.lower_ if after is not None else ""
    for k in range(first, last + 1):
        label = doc[k].ent_type_
        if label in NAME_LABELS:
            return True  # "Windows 11", "No 10", "Section 5 of the Act"
        if label in ("DATE", "TIME") and (n.value is None or not n.scaled) and not (
            _has_duration_after(doc, n) or n.currency or n.percent
        ):
            return True  # "3 March 2025", "2019", "10am"; "147 years" is a duration
    # Month and weekday names are capitalised; "may" is a modal verb far more often.
    for neighbour in (before, after):
        if neighbour is not None and neighbour.text[:1].isupper() and (
            neighbour.lower_.rstrip(".") in MONTH_NAMES or neighbour.lower_ in WEEKDAY_NAMES
        ):
            return True  # "3 March", "March 3", "Tuesday 3"
    if after_lower in NOT_UNITS:
        return True  # "10 am", "three times", "two thirds"
    if (
        after is not None and not doc[last].whitespace_ and after.is_alpha
        and after_lower not in GLUED_SUFFIXES and not n.scaled and not n.percent
    ):
        return True  # "5G", "3D": a code, not a count
    if before is not None and before_lower in DESIGNATORS and not n.currency:
        return True
    if n.year_like and not n.currency and not n.percent and (
        before_lower in YEAR_PREPOSITIONS or before is None or before.is_punct
        or doc[first].ent_type_ in ("DATE", "")
    ):
        return True
    if (
        before is not None and before.is_title and before.pos_ == "PROPN"
        and not n.currency and n.value is not None and n.value < 1000 and "," not in doc[first].text
    ):
        return True  # "Apollo 11", "Boeing 737", "Article 50"
    if before is not None and before.text in ("-", "–") and n.first >= 2 and (
        doc[n.first - 2].is_alpha
    ) and not n.currency:
        return True  # "Covid - 19", "F-16"
    if before is not None and before.text.startswith("+"):
        return True
    return bool(_in_range_or_run(doc, n) or _is_ratio(doc, n))


def _has_duration_after(doc: Doc, n: _Number) -> bool:
    k = n.last + 1
    if k < len(doc) and doc[k].text in ("-", "–"):
        k += 1
    return (k < len(doc) and doc[k].lower_ in DURATIONS) or (
        k < len(doc) and doc[k].lower_ in DURATION_PLURALS
    )


def _is_number_token(token: Token) -> bool:
    return bool(token.text[:1].isdigit() or token.lower_ in ONES or token.lower_ in TENS)


def _in_range_or_run(doc: Doc, n: _Number) -> bool:
    """ "500 to 600", "3-1", "between 500 and 600", "two or three", "0800 123 4567"."""
    first, last = n.first, n.last
    if last + 2 < len(doc) and doc[last + 1].lower_ in DASHES | {"or"}:
        other = _parse_number(doc, last + 2)
        if other is None and _is_number_token(doc[last + 2]):
            return True  # "3-1"
        # "10% to 15%" is a range; "fell 14 percent to 212p" is a change and a price.
        if other is not None and other.percent == n.percent and (
            (other.currency is None and not other.pence) == (n.currency is None and not n.pence)
        ):
            return True
    if first >= 2 and doc[first - 1].lower_ in DASHES | {"or", "and"}:
        # Walk back over the number before the connector: "$10 million to $15 million",
        # "between £10m and £15m", "10% to 15%" (but not "14 percent to 212p").
        j = first - 2
        kind = {"percent": False, "money": False}
        while j >= 0 and (
            _is_number_token(doc[j]) or doc[j].lower_ in CURRENCY_SIGNS
            or doc[j].lower_ in SCALES or doc[j].lower_ in SHORT_SCALES
            or doc[j].lower_ in PERCENT_WORDS or doc[j].lower_ in ("per", "cent")
        ):
            kind["percent"] |= doc[j].lower_ in PERCENT_WORDS or doc[j].lower_ == "cent"
            kind["money"] |= doc[j].lower_ in CURRENCY_SIGNS
            j -= 1
        walked = j < first - 2 and any(_is_number_token(t) for t in doc[j + 1 : first - 1])
        same_kind = kind["percent"] == bool(n.percent) and kind["money"] == bool(n.currency)
        if walked and same_kind and (
            doc[first - 1].lower_ != "and" or (j >= 0 and doc[j].lower_ == "between")
        ):
            return True
    if first >= 1 and doc[first - 1].lower_ == "between":
        return True
    # "1 , 300" and "40 . 3": a number broken by a tokenised corpus; either half alone is wrong.
    num_first = n.num_first
    if num_first >= 2 and doc[num_first - 1].text in (",", ".") and (
        doc[num_first - 2].whitespace_ and doc[num_first - 2].text[-1:].isdigit()
    ):
        return True
    # "5 : 55p" and "10:30": clock times, split or not.
    if num_first >= 2 and doc[num_first - 1].text == ":" and doc[num_first - 2].text[-1:].isdigit():
        return True
    if last + 2 < len(doc) and doc[last + 1].text == ":" and doc[last + 2].text[:1].isdigit():
        return True
    if last + 2 < len(doc) and doc[last + 1].text in (",", ".") and doc[last].whitespace_ and (
        doc[last + 2].text[:1].isdigit()
    ):
        return True
    # Digit groups side by side are a phone or account number, not an amount.
    if last + 1 < len(doc) and doc[last + 1].text.isdigit() and doc[first].text[:1].isdigit():
        return True
    return bool(first >= 1 and doc[first - 1].text.isdigit() and doc[first].text[:1].isdigit())


def _is_ratio(doc: Doc, n: _Number) -> bool:
    """ "one in five adults", "three out of four voters": a share, not a count of adults."""
    words = [t.lower_ for t in doc[n.last + 1 : n.last + 4]]
    if words[:1] == ["in"] and len(words) > 1 and _is_number_token(doc[n.last + 2]):
        return True
    if words[:2] == ["out", "of"] and len(words) > 2 and _is_number_token(doc[n.last + 3]):
        return True
    if words[:2] == ["of", "every"]:
        return True  # "23 of every 24 hours"
    before = [t.lower_ for t in doc[max(0, n.first - 3) : n.first]]
    if before[-1:] == ["in"] and len(before) > 1 and _is_number_token(doc[n.first - 2]):
        return True
    return bool(
        before[-2:] == ["out", "of"] and len(before) > 2 and _is_number_token(doc[n.first - 3])
    )


# --- the unit ----------------------------------------------------------------------------


@dataclass
class _Unit:
    unit: str
    noun: int | None  # token index of the counted noun, if any
    text_end: int  # token index where the text ends (inclusive)
    modifiers: tuple[int, ...] = ()  # pre-modifier tokens between number and noun
    borrowed: bool = False  # the noun belongs to another number
    anchor: int | None = None  # the token whose clause says what happened to the figure


def _currency_after(doc: Doc, n: _Number) -> tuple[str, int] | None:
    """ "30 million dollars", "500 euros", "50 pence", "two million pounds"."""
    k = n.last + 1
    if k >= len(doc):
        return None
    lower = doc[k].lower_
    if lower in PENCE and (lower != "p" or not doc[k - 1].whitespace_):
        return "pence", k
    if lower not in CURRENCY_WORDS:
        return None
    if lower.startswith("pound") and not n.scaled and not (
        k + 1 < len(doc) and doc[k + 1].lower_ == "sterling"
    ):
        return None  # "10 pounds" may be a weight
    code = CURRENCY_WORDS[lower]
    if code == "USD":
        # "30 million Australian dollars" puts the adjective between number and word.
        for window in (1, 2):
            if n.first - window >= 0:
                name = doc[n.first - window : n.first].text.lower()
                code = DOLLAR_COUNTRIES.get(name, code)
    end = k + 1 if k + 1 < len(doc) and doc[k + 1].lower_ == "sterling" else k
    return code, end


def _duration_noun(doc: Doc, n: _Number) -> int | None:
    """The time noun right after the number ("147 years", "a 12-year sentence"), if any."""
    k = n.last + 1
    if k < len(doc) and doc[k].text in ("-", "–"):
        k += 1
    if k < len(doc) and (doc[k].lower_ in DURATIONS or doc[k].lower_ in DURATION_PLURALS):
        return k
    return None


def _is_time_point(doc: Doc, k: int) -> bool:
    """ "two years ago", "two minutes after", "33-year-old": a time or an age, not a length."""
    nxt = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    if nxt in TIME_POINTERS:
        return True
    return nxt in ("-", "–") and k + 2 < len(doc) and doc[k + 2].lower_ == "old"


def _is_countable(noun: Token, value: Decimal | None) -> bool:
    lower = noun.lower_
    if lower in NOT_UNITS or lower in MONTH_NAMES or lower in WEEKDAY_NAMES:
        return False
    if noun.tag_ in ("NNS", "NNPS") or lower in COLLECTIVES or lower in MEASURE_UNITS:
        return True
    # A singular noun counts only one thing: "one person", not "the 2019 election".
    return value == 1 and noun.pos_ == "NOUN"


def _counted_noun(doc: Doc, n: _Number) -> _Unit | None:
    """The noun the number counts, through the parse, contiguous with the number."""
    nxt = n.last + 1
    if nxt < len(doc) and doc[nxt].lower_ in MEASURE_UNITS:
        # "5km routes": the measure is the unit, whatever the parse hangs it on.
        return _Unit(doc[nxt].lower_, nxt, nxt)
    last = doc[n.last]
    head = last
    # Climb nummod/quantmod/compound links rightwards: "thousands more jobs", "a dozen firms".
    for _ in range(3):
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and (
            head.head.i > head.i
        ):
            head = head.head
        else:
            break
    if head.i > n.last and head.pos_ in ("NOUN", "PROPN"):
        between = range(n.last + 1, head.i)
        if _is_modifier_run(doc, between, head):
            return _noun_unit(doc, n, head)
    # The parse missed it ("1m people" tagged as a verb): accept only a plural noun
    # immediately after the number.
    nxt = n.last + 1
    if (
        nxt < len(doc) and doc[nxt].tag_ in ("NNS", "NNPS") and doc[nxt].pos_ in ("NOUN", "PROPN")
        and doc[nxt].ent_type_ not in NAME_LABELS  # "10,500 Writers Guild of America members"
    ):
        return _noun_unit(doc, n, doc[nxt])
    return None


def _noun_unit(doc: Doc, n: _Number, noun: Token) -> _Unit | None:
    if not _is_countable(noun, n.value):
        return None
    modifiers = tuple(range(n.last + 1, noun.i))
    return _Unit(noun.lower_, noun.i, noun.i, modifiers, anchor=noun.i)


def _is_modifier_run(doc: Doc, between: range, noun: Token) -> bool:
    """True if every token between number and noun modifies the noun (no clause breaks)."""
    for k in between:
        token = doc[k]
        if token.pos_ in ("CCONJ", "DET", "ADP", "PRON", "VERB", "AUX", "NUM") and not (
            token.pos_ == "VERB" and token.tag_ in ("VBG", "VBN")
        ):
            return False
        if token.is_punct and token.text not in ("-", "–"):
            return False
        if _is_number_token(token) or any(ch.isdigit() for ch in token.text):
            return False  # "8-by-12 feet", "2,400 of its 4,000 workers"
        if noun not in token.ancestors:
            return False
    return True


def _of_noun(doc: Doc, n: _Number) -> _Unit | None:
    """ "hundreds of patients", "2,400 of its 4,000 workers", "dozens of homes"."""
    k = n.last + 1
    if k >= len(doc) or doc[k].lower_ != "of":
        return None
    if n.value is not None and n.value <= 1:
        return None  # "one of the largest"
    for child in doc[k].children:
        if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN") and child.i > k:
            stretch = range(k + 1, child.i)
            if all(
                doc[m].pos_ in ("DET", "PRON", "ADJ", "NOUN", "NUM", "PROPN")
                or doc[m].text in ("-", "–")
                for m in stretch
            ) and (_is_countable(child, None) or child.lower_ in CURRENCY_WORDS):
                # The number heads "hundreds of patients": its clause is the figure's.
                return _Unit(child.lower_, child.i, child.i, anchor=n.last)
    return None


def _shared_noun(doc: Doc, n: _Number) -> _Unit | None:
    """ "550 permanent and 780 temporary jobs": the first number shares the second's noun.

    Read from the surface (number, adjectives, "and", number, noun), because the parser
    often hangs the first number on the verb instead.
    """
    k = n.last + 1
    modifiers: list[int] = []
    while k < len(doc) and (
        doc[k].pos_ == "ADJ" or doc[k].tag_ in ("VBN", "VBG") or doc[k].text in ("-", "–")
        or (doc[k].pos_ == "NOUN" and modifiers and doc[k - 1].text in ("-", "–"))
    ):
        modifiers.append(k)
        k += 1
    if not modifiers or k + 1 >= len(doc) or doc[k].lower_ not in ("and", "or"):
        return None
    other = _parse_number(doc, k + 1)
    if other is None or other.value is None or other.currency or other.percent:
        return None
    unit = _counted_noun(doc, other)
    if unit is None or unit.noun is None or unit.unit in MEASURE_UNITS:
        return None
    noun = doc[unit.noun]
    return _Unit(noun.lower_, noun.i, modifiers[-1], tuple(modifiers), borrowed=True, anchor=noun.i)


def _elided_noun(doc: Doc, n: _Number, found: dict[int, _Unit]) -> _Unit | None:
    """ "Twelve people were killed and 40 injured": 40 counts the people of the first clause."""
    token = doc[n.last]
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    if n.last + 1 < len(doc) and doc[n.last + 1].lower_ == "of":
        return None  # "one of the officers" counts officers, whatever the other clause says
    verb = token.head
    if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.i in found:
            unit = found[child.i]
            return _Unit(unit.unit, child.i, n.last, borrowed=True, anchor=n.last)
    return None


# --- qualifiers --------------------------------------------------------------------------


def _modifier_phrases(doc: Doc, modifiers: tuple[int, ...]) -> list[str]:
    phrases: list[str] = []
    run: list[str] = []
    k = 0
    tokens = list(modifiers)
    while k < len(tokens):
        token = doc[tokens[k]]
        word = token.text if token.pos_ == "PROPN" else token.lower_
        if word in ("-", "–"):
            k += 1
            continue
        # Re-join hyphenated modifiers split by the tokenizer: "full - time".
        if k + 2 < len(tokens) and doc[tokens[k + 1]].text in ("-", "–"):
            word = f"{word}-{doc[tokens[k + 2]].lower_}"
            k += 2
        k += 1
        if word in EMPTY_MODIFIERS:
            continue
        if word in KNOWN_QUALIFIERS:
            if run:
                phrases.append(" ".join(run))
                run = []
            phrases.append(word)
        else:
            run.append(word)
    if run:
        phrases.append(" ".join(run))
    return phrases


def _event_qualifiers(doc: Doc, anchor: Token) -> list[str]:
    """What happened to the counted things: "were killed", "at risk", "will cut 500 jobs"."""
    found: list[str] = []
    # After the noun: "2,400 jobs at risk", "12 people killed".
    for child in anchor.children:
        if child.i < anchor.i:
            continue
        if child.dep_ == "prep" and _risk_phrase(child):
            found.append("at risk")
        elif child.dep_ in ("acl", "amod") and child.lemma_.lower() in EVENT_QUALIFIERS:
            found.append(_event_word(child))
    # "200 jobs and a further 300 posts will be created": a conjunct shares the first
    # conjunct's place in the clause.
    while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN", "NUM"):
        anchor = anchor.head
    verb = anchor.head
    if anchor.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ in ("VERB", "AUX"):
        lemma = verb.lemma_.lower()
        if lemma == "go" and (anchor.dep_ != "nsubj" or any(
            child.dep_ in ("dobj", "xcomp", "acomp", "prt", "advmod")
            or (child.dep_ == "prep" and child.lower_ in GO_DIRECTIONS)
            for child in verb.children
        )):
            pass  # only a bare "jobs will go" means a cut; "500 fans went to the match" does not
        elif lemma in EVENT_QUALIFIERS and not (
            # The active subject of "kill", "evacuate", "create" is the agent, not the figure;
            # a participle ("40 injured") or an intransitive ("three died") is the figure.
            anchor.dep_ == "nsubj" and lemma not in INTRANSITIVE_EVENTS and verb.tag_ != "VBN"
        ):
            found.append(_event_word(verb))
        elif lemma in ("be", "remain", "stay", "put", "leave", "place"):
            found.extend(
                "at risk" for child in verb.children if child.dep_ == "prep" and _risk_phrase(child)
            )
    return list(dict.fromkeys(found))


def _event_word(verb: Token) -> str:
    word = EVENT_QUALIFIERS[verb.lemma_.lower()]
    if word in LOSS_QUALIFIERS and any(
        child.dep_ == "aux" and child.lower_ in HEDGING_MODALS for child in verb.children
    ):
        return "at risk"  # "could be lost", "may be cut"
    return word


def _risk_phrase(prep: Token) -> bool:
    nouns = RISK_PHRASES.get(prep.lower_)
    return bool(nouns) and any(
        child.dep_ == "pobj" and child.lower_ in nouns for child in prep.children
    )


def _hedge(doc: Doc, first: int) -> str | None:
    lowers = [t.lower_ for t in doc[max(0, first - 3) : first]]
    for words, qualifier in _HEDGES_LONGEST_FIRST:
        if tuple(lowers[-len(words) :]) == words:
            return qualifier
    return None


def _more_before(doc: Doc, first: int) -> bool:
    before = [t.lower_ for t in doc[max(0, first - 2) : first]]
    return bool(before) and before[-1] in MORE_WORDS


def _rate(doc: Doc, end: int) -> str | None:
    """ "£10 an hour", "£30,000 a year", "$5 per person" → "per hour"."""
    words = [t.lower_ for t in doc[end + 1 : end + 3]]
    if len(words) == 2 and words[0] in ("a", "an", "per") and words[1] in RATE_NOUNS:
        return f"per {words[1]}"
    return None


# --- assembly ----------------------------------------------------------------------------


def extract_quantities(
    doc: Doc,
    *,
    published: str | None = None,
    skip: Callable[[int, int], bool] | None = None,
    entities_in: Callable[[int, int], tuple[str, ...]] | None = None,
) -> list[Quantity]:
    """Figures stated in `doc`, in text order (see the module docstring for what counts).

    `skip(start, end)` is True for character spans to ignore (page furniture);
    `entities_in(sentence_start, sentence_end)` gives the entity ids a figure is about.
    `published` is accepted for symmetry with the other extractors; figures do not depend
    on it today.
    """
    del published  # figures carry no dates; kept so callers pass the same keywords everywhere
    numbers: list[_Number] = []
    i = 0
    while i < len(doc):
        number = _parse_number(doc, i) if _may_start_number(doc[i]) else None
        if number is None:
            i += 1
            continue
        _apply_half(doc, number)
        numbers.append(number)
        i = number.last + 1

    found: dict[int, _Unit] = {}  # noun token index → unit, for elided nouns
    results: list[tuple[_Number, _Unit]] = []
    pending: list[_Number] = []
    for number in numbers:
        if _is_not_a_figure(doc, number):
            continue
        unit = _unit(doc, number)
        if unit is None:
            pending.append(number)
            continue
        results.append((number, unit))
        if unit.noun is not None and not unit.borrowed:
            found[unit.noun] = unit
    for number in pending:
        # Only plain counts borrow a noun from a sibling clause.
        if number.value is not None and not number.scaled and not number.ambiguous_scale:
            unit = _elided_noun(doc, number, found)
            if unit is not None:
                results.append((number, unit))

    quantities = []
    seen: set[tuple[int, int]] = set()
    for number, unit in sorted(results, key=lambda pair: pair[0].first):
        quantity = _build(doc, number, unit, entities_in)
        if quantity is None or (quantity.start, quantity.end) in seen:
            continue
        if skip is not None and skip(quantity.start, quantity.end):
            continue
        seen.add((quantity.start, quantity.end))
        quantities.append(quantity)
    return quantities


def _apply_half(doc: Doc, number: _Number) -> None:
    """ "half a million" → 500,000 (the tokens "half a" come before the number)."""
    if (
        number.first >= 1 and doc[number.first].lower_ in ("a", "an")
        and doc[number.first - 1].lower_ == "half" and number.value is not None
    ):
        number.value = number.value / 2
        number.first = number.num_first = number.first - 1


def _unit(doc: Doc, n: _Number) -> _Unit | None:
    if n.percent:
        return _Unit(n.percent, None, n.last)
    if n.currency:
        return _Unit(n.currency, None, n.last)
    money = _currency_after(doc, n)
    if money is not None:
        code, end = money
        if code == "pence":
            if n.value is None:
                return None
            n.value = n.value / 100
            return _Unit("GBP", None, end)
        return _Unit(code, None, end)
    if n.pence:
        if n.value is None:
            return None
        n.value = n.value / 100
        return _Unit("GBP", None, n.last)
    if n.value is None:
        # "millions of pounds", "hundreds of patients", "thousands more jobs".
        if n.last + 2 < len(doc) and doc[n.last + 1].lower_ == "of":
            nxt = doc[n.last + 2].lower_
            if nxt in CURRENCY_WORDS:
                return _Unit(CURRENCY_WORDS[nxt], None, n.last + 2)
        return _of_noun(doc, n) or _counted_noun(doc, n)
    time_noun = _duration_noun(doc, n)
    if time_noun is not None:
        if _is_time_point(doc, time_noun) or n.value == 1 or n.scaled or n.year_like:
            # "1100 hours" is a clock time.
            # A point in time is a date's business; "a year", "one day" are rarely figures.
            return None
        lower = doc[time_noun].lower_
        return _Unit(DURATIONS.get(lower, lower), time_noun, time_noun)
    if n.year_like and doc[n.first].ent_type_ not in ("CARDINAL", "QUANTITY"):
        return None
    if n.last + 1 < len(doc) and doc[n.last + 1].text in ("-", "–"):
        return None  # "a 550-strong workforce", "a three-step plan", "a 12-gauge shotgun"
    unit = _counted_noun(doc, n) or _of_noun(doc, n) or _shared_noun(doc, n)
    if unit is None:
        return None
    if n.ambiguous_scale and (
        n.scale_word == "mm" or not (unit.noun is not None and doc[unit.noun].tag_ == "NNS")
    ):
        return None  # "a 5m wall", "7.62mm rifles": metres and millimetres, not millions
    if n.words and n.value == 1 and unit.noun is not None and (
        (n.first >= 1 and doc[n.first - 1].pos_ in ("DET", "PRON")) or unit.unit in DURATIONS
    ):
        return None  # "the one thing", "no one"
    return unit


def _build(
    doc: Doc,
    n: _Number,
    unit: _Unit,
    entities_in: Callable[[int, int], tuple[str, ...]] | None,
) -> Quantity | None:
    start = doc[n.first].idx
    if unit.text_end > n.last:
        end_token = doc[unit.text_end]
        end = end_token.idx + len(end_token.text)
    else:
        end = n.end_char
    text = doc_text(doc)[start:end]
    if not text.strip():
        return None

    qualifiers: list[str] = []
    if _more_before(doc, n.first):
        qualifiers.append("more")
    qualifiers.extend(_modifier_phrases(doc, unit.modifiers))
    if unit.anchor is not None:
        events = _event_qualifiers(doc, doc[unit.anchor])
        if n.value == 1 and not events:
            # "One place", "one thing": a lone one is a figure only when something happened
            # to it ("one man was arrested").
            return None
        qualifiers.extend(events)
    elif n.currency or unit.unit in CURRENCY_CODES:
        rate = _rate(doc, unit.text_end)
        if rate:
            qualifiers.append(rate)
    hedge = _hedge(doc, n.first)
    if hedge and not (unit.unit in DURATION_PLURALS and doc[n.first - 1].lower_ == "over"):
        # "over three years" is a period, not "more than three years".
        qualifiers.append(hedge)
    if n.value is None and "approximate" not in qualifiers:
        qualifiers.append("approximate")
    qualifiers = list(dict.fromkeys(q for q in qualifiers if q))

    about: tuple[str, ...] = ()
    if entities_in is not None:
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            sentence = sentence_of(doc[n.first])
            about = tuple(entities_in(sentence.start_char, sentence.end_char))
        else:
            about = tuple(entities_in(0, len(doc_text(doc))))
    return Quantity(
        value=_number_value(n.value),
        unit=unit.unit,
        qualifier=", ".join(qualifiers) or None,
        text=text,
        start=start,
        end=end,
        about=about,
        stated_by=None,
    )


def _number_value(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
