"""Check that the gold of this set agrees with its texts (run: python check_gold.py).

Every claim key occurs exactly once in its article (ignoring case) and holds no quote
marks; claims are in text order; every speaker surface, cue, entity name, role title and
not-claim key occurs in the article; speakers and role ids point at listed entities.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
QUOTES = "\"'“”‘’"
CATEGORIES = {"named", "appositive", "pronoun", "descriptor", "cueless", "transcript"}


def body(text: str) -> str:
    """The article without its front matter."""
    return text.split("---", 2)[2] if text.startswith("---") else text


def check(gold_path: Path) -> list[str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = body((HERE / gold["article"]).read_text(encoding="utf-8"))
    low = text.lower()
    ids = {e["id"] for e in gold["entities"] + gold["optional_entities"]}
    errors: list[str] = []

    def need(phrase: str, what: str) -> None:
        if phrase.lower() not in low:
            errors.append(f"{what} not in text: {phrase!r}")

    for e in gold["entities"] + gold["optional_entities"]:
        for name in e["names"]:
            need(name, f"name of {e['id']}")
    last = -1
    for c in gold["claims"]:
        key = c["key"]
        if any(q in key for q in QUOTES.replace("’", "")):
            errors.append(f"key holds a quote mark: {key!r}")
        if low.count(key.lower()) != 1:
            errors.append(f"key found {low.count(key.lower())} times: {key!r}")
        at = low.find(key.lower())
        if at < last:
            errors.append(f"claim out of text order: {key!r}")
        last = max(last, at)
        if c["speaker"] is not None and c["speaker"] not in ids:
            errors.append(f"unknown speaker {c['speaker']!r}")
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
        if r["person"] not in ids or (r["org"] is not None and r["org"] not in ids):
            errors.append(f"role points at an unknown entity: {r}")
    return [f"{gold_path.name}: {e}" for e in errors]


def main() -> int:
    paths = sorted(HERE.glob("*.gold.json"))
    errors = [e for p in paths for e in check(p)]
    print("\n".join(errors) or f"{len(paths)} gold files agree with their texts")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
