"""Scoring entity typing against ECB+ named-mention gold (tests/data/ecbplus/README.md).

Both sides are lists of typed character spans in one article's text. A gold
mention is matched to the overlapping system mention that shares the most
characters with it (ties: the earlier one), and the other way round.

- typed recall: share of gold mentions whose matched system mention has an
  accepted type (GPE_OR_LOC accepts GPE or LOC);
- found: share of gold mentions overlapped by any system mention, whatever its type;
- typing precision: share of system mentions overlapping some gold mention whose
  matched gold mention accepts their type. A system mention overlapping no gold
  mention is not counted (ECB+ annotates only the participants of its events).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storygraph.model import Extraction

Span = tuple[int, int, str]  # start, end (exclusive), type

ACCEPTED = {"GPE_OR_LOC": frozenset({"GPE", "LOC"})}


def accepts(gold_type: str, system_type: str) -> bool:
    return system_type in ACCEPTED.get(gold_type, frozenset({gold_type}))


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _best(span: Span, others: list[Span]) -> Span | None:
    best, most = None, 0
    for other in others:
        shared = _overlap(span, other)
        if shared > most:
            best, most = other, shared
    return best


@dataclass
class TypingScore:
    gold: int = 0
    found: int = 0
    typed: int = 0
    system: int = 0  # system mentions overlapping a gold mention
    system_right: int = 0
    by_type: Counter[str] = field(default_factory=Counter)  # gold type -> typed right
    gold_by_type: Counter[str] = field(default_factory=Counter)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, system)

    def add(self, gold: Iterable[Span], system: Iterable[Span]) -> None:
        gold, system = list(gold), list(system)
        for g in gold:
            self.gold += 1
            self.gold_by_type[g[2]] += 1
            match = _best(g, system)
            if match is None:
                self.confusions[(g[2], "-")] += 1
                continue
            self.found += 1
            if accepts(g[2], match[2]):
                self.typed += 1
                self.by_type[g[2]] += 1
            else:
                self.confusions[(g[2], match[2])] += 1
        for s in system:
            match = _best(s, gold)
            if match is not None:
                self.system += 1
                self.system_right += accepts(match[2], s[2])

    @property
    def typed_recall(self) -> float:
        return self.typed / self.gold if self.gold else 0.0

    @property
    def typing_precision(self) -> float:
        return self.system_right / self.system if self.system else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "typed_recall": round(self.typed_recall, 4),
            "typing_precision": round(self.typing_precision, 4),
            "found": round(self.found / self.gold, 4) if self.gold else 0.0,
            "by_type": {t: f"{self.by_type[t]}/{n}" for t, n in sorted(self.gold_by_type.items())},
            "top_confusions": [f"{g}->{s}: {n}" for (g, s), n in self.confusions.most_common(8)],
        }


def gold_spans(row: dict[str, Any]) -> list[Span]:
    return [(e["start"], e["end"], e["type"]) for e in row["entities"]]


def graph_spans(extraction: Extraction) -> list[Span]:
    """Every mention of every entity of an extraction, with its entity's type."""
    return [(m.start, m.end, e.type) for e in extraction.entities for m in e.mentions]
