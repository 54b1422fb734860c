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


# --- node scoring on the entity corpus (tests/data/entities/README.md) ---------------------------

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def name_key(text: str) -> str:
    """Names compare case-insensitively, whitespace collapsed, curly apostrophes straight,
    without a leading "the" (the graph's mentions leave the article out)."""
    key = " ".join(text.translate(_APOSTROPHES).split()).casefold()
    return key[4:] if key.startswith("the ") else key


@dataclass
class NodeScore:
    """One article's graph nodes against its gold, or the sum over articles.

    A node's forms are its name and aliases. It matches every gold entity (required or
    optional) one of whose names or canonical name equals one of its forms (`name_key`).
    - right: matches one gold entity and has one of its types;
    - mistyped: matches one gold entity with a type it does not accept;
    - conflated: matches several gold entities (an arm merged into its `parent` is one);
    - junk: matches no gold entity (a must-not string or any other unlisted string);
    - a node matching an optional entity with an accepted type is fine but not counted right.
    Required entities are found when some node matches them, typed when some matching node
    has an accepted type, split when two or more nodes match them.
    """

    required: int = 0
    found: int = 0
    typed: int = 0
    split: int = 0
    nodes: int = 0
    junk: list[str] = field(default_factory=list)
    mistyped: list[str] = field(default_factory=list)
    conflated: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def bad(self) -> int:
        return len(self.junk) + len(self.mistyped) + len(self.conflated)

    def add(self, other: NodeScore) -> None:
        for name in ("required", "found", "typed", "split", "nodes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("junk", "mistyped", "conflated", "missed"):
            getattr(self, name).extend(getattr(other, name))

    def summary(self) -> dict[str, Any]:
        return {
            "typed_recall": round(self.typed / self.required, 4) if self.required else 0.0,
            "found": round(self.found / self.required, 4) if self.required else 0.0,
            "split": self.split,
            "nodes": self.nodes,
            "bad_share": round(self.bad / self.nodes, 4) if self.nodes else 0.0,
            "junk": len(self.junk),
            "mistyped": len(self.mistyped),
            "conflated": len(self.conflated),
        }


def score_nodes(gold: dict[str, Any], extraction: dict[str, Any]) -> NodeScore:
    """`extraction` is the JSON contract of `storygraph extract --format json`."""
    result = NodeScore()
    required = gold["entities"]
    every = [*required, *gold.get("optional_entities", [])]
    by_id = {g["id"]: g for g in every}
    names = {g["id"]: {name_key(n) for n in (*g["names"], g["canonical"])} for g in every}
    matches: dict[str, list[dict[str, Any]]] = {g["id"]: [] for g in every}
    for node in extraction["entities"]:
        result.nodes += 1
        forms = {name_key(node["name"]), *(name_key(a) for a in node["aliases"])}
        hits = {gid for gid, ns in names.items() if forms & ns}
        # A national arm read as an alias of its parent company is one node, not a conflation.
        hits -= {gid for gid in hits if by_id[gid].get("parent") in hits}
        label = f"{node['name']} ({node['type']})"
        if not hits:
            result.junk.append(label)
            continue
        if len(hits) > 1:
            result.conflated.append(f"{label} = {sorted(hits)}")
        for gid in hits:
            matches[gid].append(node)
        if len(hits) == 1 and node["type"] not in by_id[next(iter(hits))]["type_ok"]:
            result.mistyped.append(f"{label} for {next(iter(hits))}")
    for g in required:
        result.required += 1
        found = matches[g["id"]] or [n for n in extraction["entities"]
                                     if g.get("parent") and n in matches[g["parent"]]
                                     and names[g["id"]] & {name_key(a) for a in n["aliases"]}]
        if not found:
            result.missed.append(f"{g['id']} ({'/'.join(g['type_ok'])})")
            continue
        result.found += 1
        result.split += len(found) > 1
        if any(n["type"] in g["type_ok"] for n in found):
            result.typed += 1
        else:
            result.missed.append(f"type {g['id']}: {[n['type'] for n in found]}")
    return result
