"""Check that a speaker gold folder agrees with its texts (format in tests/data/speakers/README.md).

    python tests/gold_format.py tests/data/descriptors4

Every claim key occurs exactly once in its article (ignoring case) and holds no quote marks;
claims are in text order; every speaker surface, cue, entity name, role title and not-claim
key occurs in the article; speakers and role ids point at listed entities, and every speaker
is named in the article (has a name there).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

QUOTES = "\"'“”‘"  # the right single curly quote is also an apostrophe, so keys may hold it
CATEGORIES = {"named", "appositive", "pronoun", "descriptor", "cueless", "transcript"}


def body(text: str) -> str:
    """The article without its front matter."""
    return text.split("---", 2)[2] if text.startswith("---") else text


def check(gold_path: Path) -> list[str]:
    """What is wrong with one NAME.gold.json against the article it names, beside it."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = body((gold_path.parent / gold["article"]).read_text(encoding="utf-8"))
    low = text.lower()
    entities = {e["id"]: e for e in gold["entities"] + gold["optional_entities"]}
    errors: list[str] = []

    def need(phrase: str, what: str) -> None:
        if phrase.lower() not in low:
            errors.append(f"{what} not in text: {phrase!r}")

    for e in entities.values():
        for name in e["names"]:
            need(name, f"name of {e['id']}")
    last = -1
    for c in gold["claims"]:
        key = c["key"]
        if any(q in key for q in QUOTES):
            errors.append(f"key holds a quote mark: {key!r}")
        if low.count(key.lower()) != 1:
            errors.append(f"key found {low.count(key.lower())} times: {key!r}")
        at = low.find(key.lower())
        if at < last:
            errors.append(f"claim out of text order: {key!r}")
        last = max(last, at)
        if c["speaker"] is not None and c["speaker"] not in entities:
            errors.append(f"unknown speaker {c['speaker']!r}")
        elif c["speaker"] is not None and not entities[c["speaker"]]["names"]:
            errors.append(f"speaker {c['speaker']!r} is not named in the article")
        if c["category"] not in CATEGORIES:
            errors.append(f"unknown category {c['category']!r}")
        if (c["category"] == "cueless") != (c["speaker_surface"] == "" and c["cue"] == ""):
            errors.append(f"cueless claims, and only they, have no surface or cue: {key!r}")
        for field in ("speaker_surface", "cue"):
            if c[field] and c[field] not in text:
                errors.append(f"{field} not verbatim in text: {c[field]!r}")
    for n in gold["not_claims"]:
        if n["key"] not in text:
            errors.append(f"not_claim key not in text: {n['key']!r}")
    for r in gold["roles"]:
        need(r["title_key"], f"title of {r['person']}")
        if r["person"] not in entities or (r["org"] is not None and r["org"] not in entities):
            errors.append(f"role points at an unknown entity: {r}")
    return [f"{gold_path.name}: {e}" for e in errors]


def check_folder(folder: Path) -> list[str]:
    return [e for p in sorted(folder.glob("*.gold.json")) for e in check(p)]


def main(folder: Path) -> int:
    errors = check_folder(folder)
    count = len(list(folder.glob("*.gold.json")))
    print("\n".join(errors) or f"{count} gold files agree with their texts")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
