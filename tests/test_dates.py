"""Dates: resolving what articles say against the published day, and finding date mentions."""

from __future__ import annotations

import pytest

from storygraph.extract.dates import DateMention, find_dates, parse_published, resolve_date

# 5 March 2025 is a Wednesday.
WED = "2025-03-05"

RESOLVE_CASES = [
    # explicit days, every common news form
    ("3 March 2025", WED, "2025-03-03"),
    ("March 3, 2025", WED, "2025-03-03"),
    ("March 3 2025", WED, "2025-03-03"),
    ("3rd March", WED, "2025-03-03"),
    ("the 3rd of March", WED, "2025-03-03"),
    ("2025-03-03", WED, "2025-03-03"),
    ("2024-11-30T18:45:00Z", WED, "2024-11-30"),
    ("on 3 March", WED, "2025-03-03"),
    ("Tuesday 4 March 2025", WED, "2025-03-04"),
    ("Sunday, March 2", WED, "2025-03-02"),
    ("Sept. 22, 2008", WED, "2008-09-22"),
    ("March 3 , 2025", WED, "2025-03-03"),  # tokenised corpora space the comma
    # no year: the published year, unless that is more than a month ahead
    ("March 10", WED, "2025-03-10"),
    ("on 30 April", WED, "2024-04-30"),
    ("24 December", WED, "2024-12-24"),
    ("29 February", WED, None),  # 2025 has no 29 February
    # weekdays: the most recent one on or before the published day
    ("Tuesday", WED, "2025-03-04"),
    ("on Tuesday", WED, "2025-03-04"),
    ("Wednesday", WED, "2025-03-05"),
    ("last Wednesday", WED, "2025-02-26"),
    ("last Friday", WED, "2025-02-28"),
    ("Friday", WED, "2025-02-28"),
    ("Monday night", WED, "2025-03-03"),
    ("late on Thursday", WED, "2025-02-27"),
    ("this coming Friday", WED, "2025-03-07"),
    ("next Tuesday", WED, None),  # this week's or next week's: left open
    # days relative to publication
    ("today", WED, "2025-03-05"),
    ("yesterday", WED, "2025-03-04"),
    ("tomorrow", WED, "2025-03-06"),
    ("last night", WED, "2025-03-04"),
    ("the day before yesterday", WED, "2025-03-03"),
    ("3 days ago", WED, "2025-03-02"),
    ("two weeks ago", WED, "2025-02-19"),
    ("two months ago", WED, "2025-01-05"),
    ("about two months ago", WED, "2025-01-05"),
    ("some three weeks ago", WED, "2025-02-12"),
    ("nearly a year ago", WED, "2024-03-05"),
    ("a year ago", "2024-02-29", "2023-02-28"),  # clamped to the month's end
    ("one month ago", "2025-03-31", "2025-02-28"),
    # vague or coarser than a day: keep the words, no date
    ("last week", WED, None),
    ("last month", WED, None),
    ("earlier this year", WED, None),
    ("2026", WED, None),
    ("in 2026", WED, None),
    ("March 2025", WED, None),
    ("the 1990s", WED, None),
    ("more than two years ago", WED, None),
    ("03/04/2025", WED, None),  # 3 April or 4 March?
    ("14/03/2025", WED, "2025-03-14"),
    ("", WED, None),
    # without a published date only explicit full dates resolve
    ("3 March 2025", None, "2025-03-03"),
    ("March 3, 2025", None, "2025-03-03"),
    ("3 March", None, None),
    ("Tuesday", None, None),
    ("yesterday", None, None),
    ("two months ago", None, None),
    ("Tuesday", "not a date", None),
]


@pytest.mark.parametrize(("when_text", "published", "expected"), RESOLVE_CASES)
def test_resolve_date(when_text: str, published: str | None, expected: str | None) -> None:
    assert resolve_date(when_text, published) == expected


def test_parse_published_reads_dates_and_datetimes() -> None:
    assert str(parse_published("2025-03-05T09:30:00+00:00")) == "2025-03-05"
    assert parse_published(None) is None
    assert parse_published("March 2025") is None


# (sentence, published, [(mention text, iso)]) — the pinned model's DATE entities filtered
# to points in time.
FIND_CASES = [
    (
        "The health secretary toured the ward on Tuesday and wrote to the trust last Friday.",
        WED,
        [("Tuesday", "2025-03-04"), ("last Friday", "2025-02-28")],
    ),
    (
        "The mill, which has spun cotton for 147 years, could close by 2026.",
        WED,
        [("2026", None)],
    ),
    (
        "The trial began on 3 March 2025 and the verdict is expected on March 10.",
        WED,
        [("3 March 2025", "2025-03-03"), ("March 10", "2025-03-10")],
    ),
    (
        "The club said yesterday that the 33-year-old striker had left after many months of talks.",
        WED,
        [("yesterday", "2025-03-04")],
    ),
    (
        "Ms Okafor, who has led the school for 12 years, will step down next month.",
        WED,
        [("next month", None)],
    ),
    (
        "Protesters gathered on Monday night, and the hearing was adjourned until Thursday.",
        WED,
        [("Monday night", "2025-03-03"), ("Thursday", "2025-02-27")],
    ),
    (
        "Officers were called at 10am on Sunday.",
        WED,
        [("Sunday", "2025-03-02")],
    ),
    (
        "Doctors have met every Tuesday since the outbreak began last week.",
        WED,
        [("last week", None)],
    ),
    (
        "The budget, published on the 3rd of February, covers the next five years.",
        WED,
        [("3rd of February", "2025-02-03")],
    ),
    (
        "She was first elected in May 2019 and re-elected two months ago.",
        WED,
        [("May 2019", None), ("two months ago", "2025-01-05")],
    ),
    (
        "The minister visited the plant on Tuesday.",
        None,
        [("Tuesday", None)],
    ),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), FIND_CASES)
def test_find_dates(nlp, sentence: str, published: str | None, expected: list) -> None:
    doc = nlp(sentence)
    mentions = find_dates(doc, published=published)
    for mention in mentions:
        assert isinstance(mention, DateMention)
        assert doc.text[mention.start : mention.end] == mention.text
    assert [(m.text, m.iso) for m in mentions] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The 47-year-old had worked there for 12 years, every Monday, over many months, "
        "for decades and the past year.",
        "She began a 90-day course of treatment and signed an eight-year contract.",
        "Call the helpline on 0845 125 2222 for advice.",
    ],
)
def test_find_dates_leaves_out_durations_ages_recurring_and_numbers(nlp, sentence: str) -> None:
    assert find_dates(nlp(sentence), published=WED) == []
