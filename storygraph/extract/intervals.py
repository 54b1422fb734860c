"""Sorted character intervals answering "is this position inside one?" in log time.

Extraction asks it for every cue word and every quotation of an article; a linear scan
per question made one long paragraph quadratic (issue 12).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """Half-open [start, end) intervals, in any order and possibly overlapping."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        numbered = sorted((start, end, k) for k, (start, end) in enumerate(spans))
        self._starts = [start for start, _, _ in numbered]
        self._ends = [end for _, end, _ in numbered]
        self._numbers = [k for _, _, k in numbered]
        # The furthest end among the intervals starting at or before each one.
        self._reach = list(accumulate(self._ends, max))

    def contains(self, position: int) -> bool:
        """Whether some interval holds `position`."""
        last = bisect_right(self._starts, position) - 1
        return last >= 0 and self._reach[last] > position

    def overlapping(self, start: int, end: int) -> list[int]:
        """Input positions of the intervals that overlap [start, end), in input order."""
        first = bisect_right(self._reach, start)
        stop = bisect_left(self._starts, end)
        return sorted(self._numbers[k] for k in range(first, stop) if self._ends[k] > start)
