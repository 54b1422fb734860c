"""`Intervals` answers as a scan over every interval would, on overlapping and empty ones too."""

from __future__ import annotations

import random

import pytest

from storygraph.extract.intervals import Intervals


@pytest.mark.parametrize("seed", range(20))
def test_intervals_agree_with_a_scan(seed: int) -> None:
    rng = random.Random(seed)
    spans = [(s, s + rng.randint(0, 15)) for s in (rng.randint(0, 50) for _ in range(12))]
    intervals = Intervals(spans)
    for position in range(-2, 70):
        assert intervals.contains(position) == any(s <= position < e for s, e in spans)
    for start in range(-2, 70, 3):
        for end in (start, start + 1, start + 9, start + 30):
            expected = [k for k, (s, e) in enumerate(spans) if s < end and start < e]
            assert intervals.overlapping(start, end) == expected


def test_no_intervals() -> None:
    assert not Intervals([]).contains(0)
    assert Intervals([]).overlapping(0, 10) == []
