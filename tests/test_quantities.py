"""Figures: counts, money, percentages and durations, with exact offsets; and what is not one."""

from __future__ import annotations

import json
from itertools import islice

import pytest

from storygraph.extract.quantities import extract_quantities
from storygraph.model import Quantity
from tests.conftest import ECBPLUS

# (sentence, [(value, unit, qualifier, text)]) — every figure the sentence states, in order.
CASES = [
    # business: counts split by kind, with what is happening to them
    (
        "The bakery chain said 450 permanent jobs and 620 temporary contractors were at risk.",
        [
            (450, "jobs", "permanent, at risk", "450 permanent jobs"),
            (620, "contractors", "temporary, at risk", "620 temporary contractors"),
        ],
    ),
    (
        "Kestrel Rail confirmed 900 permanent and 350 temporary posts would go at its depot.",
        [
            (900, "posts", "permanent, cut", "900 permanent"),
            (350, "posts", "temporary, cut", "350 temporary posts"),
        ],
    ),
    (
        "The care home employs 120 full-time staff and 45 agency workers, and dozens of "
        "residents will move.",
        [
            (120, "staff", "full-time", "120 full-time staff"),
            (45, "workers", "agency", "45 agency workers"),
            (None, "residents", "approximate", "dozens of residents"),
        ],
    ),
    (
        "The union warned that thousands more jobs could be lost across the region.",
        [(None, "jobs", "more, at risk, approximate", "thousands more jobs")],
    ),
    (
        "The firm will cut 1,300 jobs and create 200 new roles at its Swindon site.",
        [(1300, "jobs", "cut", "1,300 jobs"), (200, "roles", "new", "200 new roles")],
    ),
    (
        "Harlow Motors will close its plant with the loss of 620 jobs, while 150 staff will be "
        "redeployed.",
        [(620, "jobs", None, "620 jobs"), (150, "staff", None, "150 staff")],
    ),
    (
        "Shares in Orbis fell 14 percent to 212p after the firm warned of a €300m loss.",
        [
            (14, "percent", None, "14 percent"),
            (2.12, "GBP", None, "212p"),
            (300_000_000, "EUR", None, "€300m"),
        ],
    ),
    (
        "The regulator said two million customers were affected and 30 million dollars would "
        "be repaid.",
        [
            (2_000_000, "customers", None, "two million customers"),
            (30_000_000, "USD", None, "30 million dollars"),
        ],
    ),
    (
        "The airline grounded 30 aircraft and cancelled 1,200 flights, a 12 per cent cut.",
        [
            (30, "aircraft", None, "30 aircraft"),
            (1200, "flights", None, "1,200 flights"),
            (12, "percent", None, "12 per cent"),
        ],
    ),
    # health
    (
        "Hundreds of patients waited more than 12 hours in A&E at Northgate General.",
        [
            (None, "patients", "approximate", "Hundreds of patients"),
            (12, "hours", "more than", "12 hours"),
        ],
    ),
    (
        "An additional 200 nurses and a further 300 porters will be hired by the trust.",
        [(200, "nurses", "more, new", "200 nurses"), (300, "porters", "more, new", "300 porters")],
    ),
    (
        "The state hospital has built 12 clinics in six months and treated 1m people.",
        [
            (12, "clinics", None, "12 clinics"),
            (6, "months", None, "six months"),
            (1_000_000, "people", None, "1m people"),
        ],
    ),
    (
        "Nearly 2,000 teachers, more than 400 nurses and up to 300 doctors joined the strike.",
        [
            (2000, "teachers", "approximate", "2,000 teachers"),
            (400, "nurses", "more than", "400 nurses"),
            (300, "doctors", "up to", "300 doctors"),
        ],
    ),
    # local politics
    (
        "Riverside Council will spend £2.5m on 40 new homes, and council tax will rise by 4.99%.",
        [
            (2_500_000, "GBP", None, "£2.5m"),
            (40, "homes", "new", "40 new homes"),
            (4.99, "percent", None, "4.99%"),
        ],
    ),
    (
        "The ward's 28 beds were all full on Monday, and the 2024 budget was cut by 8 per cent.",
        [(28, "beds", None, "28 beds"), (8, "percent", None, "8 per cent")],
    ),
    (
        "Fewer than 100 members voted, and 85% of them backed strikes over a 5% pay offer.",
        [
            (100, "members", "less than", "100 members"),
            (85, "percent", None, "85%"),
            (5, "percent", None, "5%"),
        ],
    ),
    (
        "A £10 an hour minimum wage would cover 5,000 carers, the councillor said.",
        [(10, "GBP", "per hour", "£10"), (5000, "carers", None, "5,000 carers")],
    ),
    (
        "The museum, which has stood for 147 years, received half a million pounds from donors.",
        [(147, "years", None, "147 years"), (500_000, "GBP", None, "half a million pounds")],
    ),
    # courts
    (
        "Judge Amanda Clarke jailed Peter Voss for nine years and fined his firm $1.2 million.",
        [(9, "years", None, "nine years"), (1_200_000, "USD", None, "$1.2 million")],
    ),
    (
        "The jury took four hours to convict Lena Ortiz of 14 counts of fraud worth £850,000.",
        [
            (4, "hours", None, "four hours"),
            (14, "counts", None, "14 counts"),
            (850_000, "GBP", None, "£850,000"),
        ],
    ),
    (
        "Police arrested 23 people and seized 6kg of cocaine during raids on 11 properties.",
        [
            (23, "people", "arrested", "23 people"),
            (6, "kg", None, "6kg"),
            (11, "properties", None, "11 properties"),
        ],
    ),
    # accidents: the figure of the second clause borrows the first clause's noun
    (
        "Twelve people were killed and 40 injured when the coach overturned near Tarbes.",
        [(12, "people", "killed", "Twelve people"), (40, "people", "injured", "40")],
    ),
    (
        "Three climbers died and five were rescued after the avalanche, officials said.",
        [(3, "climbers", "died", "Three climbers"), (5, "climbers", "rescued", "five")],
    ),
    (
        "About 2,400 homes were left without power after the storm.",
        [(2400, "homes", "approximate", "2,400 homes")],
    ),
    # sport
    (
        "The striker scored 31 goals in 38 games before his £45m move to Lisbon.",
        [
            (31, "goals", None, "31 goals"),
            (38, "games", None, "38 games"),
            (45_000_000, "GBP", None, "£45m"),
        ],
    ),
    (
        "The 29-year-old midfielder signed a three-year contract worth an estimated $15m a season.",
        [
            (3, "years", None, "three-year"),
            (15_000_000, "USD", "per season, approximate", "$15m"),
        ],
    ),
    (
        "Tens of thousands of fans lined the streets, and the parade lasted three hours.",
        [
            (None, "fans", "approximate", "Tens of thousands of fans"),
            (3, "hours", None, "three hours"),
        ],
    ),
    (
        "The club paid US$12m for the winger and €1bn was pledged for the new stadium.",
        [(12_000_000, "USD", None, "US$12m"), (1_000_000_000, "EUR", None, "€1bn")],
    ),
    (
        "Unemployment rose 0.3 percentage points to 4.4 per cent.",
        [
            (0.3, "percentage points", None, "0.3 percentage points"),
            (4.4, "percent", None, "4.4 per cent"),
        ],
    ),
    (
        "Only one person was arrested, and one of the officers was hurt.",
        [(1, "person", "arrested", "one person")],
    ),
    (
        "The 2,000 residents of Ashby were told that tens of millions of pounds would be spent.",
        [
            (2000, "residents", None, "2,000 residents"),
            (None, "GBP", "approximate", "tens of millions of pounds"),
        ],
    ),
    # not figures: dates, times, phone numbers, names, ranks, scores, ranges, ratios, years
    ("Year 6 pupils sat their tests, and Tier 2 rules applied to 5G masts.", []),
    ("The under-18s won 2-1 and the top 10 clubs qualified.", []),
    ("World War Two veterans and Apollo 11 astronauts visited Room 101.", []),
    ("The navy seized 7.62mm rifles and a 5m boat.", []),
    # a tokenised corpus splits "1,300" and "40.3": half a number is worse than none
    ("Some 1 , 300 doctors signed the letter , and turnout was 40 . 3 per cent .", []),
    ("The verdict was delivered at 10am on Tuesday 3 March 2025.", []),
    ("Call 0300 555 0101 or visit room 12 on floor 3 of the town hall.", []),
    ("The Windows 11 update and the Covid-19 rules were discussed on page 4.", []),
    ("The HS2 line and the M6 were closed in 2019.", []),
    ("She finished first in the 2nd heat and the team won 3-1.", []),
    ("One in five adults and two-thirds of voters backed the plan.", []),
    ("Between 500 and 600 fans gathered, and 10 to 15 stewards were on duty.", []),
    ("The 47-year-old defendant, 52, was sentenced in 2021.", []),
    ("Tickets cost between £10 and £15 and the show starts at 7.30pm.", []),
    ("The studio lost $10 million to $15 million, and bids rose from 10% to 15%.", []),
    ("The Boeing 737 took off from Gate 22 at Terminal 5.", []),
    ("The firm was founded in 1877 and moved to Hall Street in 1923.", []),
    ("Two years ago the council met, and three days later it voted.", []),
]


def _rows(quantities: list[Quantity]) -> list[tuple]:
    return [(q.value, q.unit, q.qualifier, q.text) for q in quantities]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_extract_quantities(nlp, sentence: str, expected: list[tuple]) -> None:
    doc = nlp(sentence)
    quantities = extract_quantities(doc)
    for q in quantities:
        assert doc.text[q.start : q.end] == q.text
        assert q.stated_by is None
        assert q.about == ()
    assert _rows(quantities) == expected


def test_values_are_int_when_whole(nlp) -> None:
    doc = nlp("The fund grew to £4.2m and then to $1.5bn, a 2.5 per cent rise.")
    values = [q.value for q in extract_quantities(doc)]
    assert values == [4_200_000, 1_500_000_000, 2.5]
    assert [type(v) for v in values] == [int, int, float]


def test_skip_drops_page_furniture(nlp) -> None:
    text = "Share this page: 12 comments\nThe council will build 300 new homes."
    doc = nlp(text)
    furniture = (0, text.index("\n"))

    def skip(start: int, end: int) -> bool:
        return start < furniture[1] and end > furniture[0]

    assert [q.text for q in extract_quantities(doc)] == ["12 comments", "300 new homes"]
    assert [q.text for q in extract_quantities(doc, skip=skip)] == ["300 new homes"]


def test_about_comes_from_the_callers_sentence_entities(nlp) -> None:
    text = "Brightwell Foods will cut 250 jobs. The mayor said 40 stalls will close."
    doc = nlp(text)
    calls: list[tuple[int, int]] = []

    def entities_in(start: int, end: int) -> tuple[str, ...]:
        calls.append((start, end))
        return ("org-1",) if start == 0 else ("person-2",)

    quantities = extract_quantities(doc, entities_in=entities_in, published="2025-03-05")
    assert [(q.text, q.about) for q in quantities] == [
        ("250 jobs", ("org-1",)),
        ("40 stalls", ("person-2",)),
    ]
    # The caller is asked about whole sentences.
    assert calls[0] == (0, text.index(" The mayor"))


def test_real_articles_run_with_valid_offsets(nlp) -> None:
    with ECBPLUS.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 40)]
    total = 0
    for doc in nlp.pipe(texts):
        for q in extract_quantities(doc):
            assert 0 <= q.start < q.end <= len(doc.text)
            assert doc.text[q.start : q.end] == q.text
            assert q.value is None or isinstance(q.value, (int, float))
            assert q.unit
            total += 1
    assert total > 0
