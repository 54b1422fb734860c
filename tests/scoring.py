"""Score an extraction against a gold file, by the matching rules written in the gold's notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_CLAIM_CHARS = 600
_QUOTES = re.compile(r"[\"“”‘’'`]")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unquoted(text: str) -> str:
    return _norm(_QUOTES.sub("", text))


@dataclass
class Score:
    entities_total: int = 0
    entities_found: int = 0
    entities_typed: int = 0
    split: int = 0
    extra: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    claims_total: int = 0
    claims: int = 0
    system_claims: int = 0
    system_claims_right: int = 0
    roles_total: int = 0
    roles: int = 0
    quantities_total: int = 0
    quantities: int = 0
    events_total: int = 0
    events: int = 0
    missed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "entities_typed": self.entities_typed,
            "entities_found": self.entities_found,
            "split": self.split,
            "extra": len(self.extra),
            "furniture": len(self.furniture),
            "claims": self.claims,
            "roles": self.roles,
            "quantities": self.quantities,
            "events": self.events,
        }


def score(gold: dict[str, Any], extraction: dict[str, Any]) -> Score:
    """`extraction` is the JSON contract of `storygraph extract --format json`."""
    result = Score()
    gold_entities = gold["entities"]
    optional = gold.get("optional_entities", [])
    names = {g["id"]: {_norm(n) for n in (*g["names"], g["canonical"])}
             for g in (*gold_entities, *optional)}
    furniture = {_norm(n) for n in gold.get("must_not_be_entities", [])}

    system_to_gold: dict[str, str] = {}
    for entity in extraction["entities"]:
        forms = {_norm(entity["name"]), *(_norm(a) for a in entity["aliases"])}
        match = next((gid for gid, ns in names.items() if forms & ns), None)
        if match is not None:
            system_to_gold[entity["id"]] = match
        elif forms & furniture:
            result.furniture.append(entity["name"])
        else:
            result.extra.append(entity["name"])
    by_id = {e["id"]: e for e in extraction["entities"]}

    result.entities_total = len(gold_entities)
    for g in gold_entities:
        matched = [sid for sid, gid in system_to_gold.items() if gid == g["id"]]
        if not matched:
            result.missed.append(f"entity {g['id']}")
            continue
        result.entities_found += 1
        if len(matched) > 1:
            result.split += 1
        if any(by_id[sid]["type"] in g["type_ok"] for sid in matched):
            result.entities_typed += 1
        else:
            result.missed.append(f"type {g['id']}: {[by_id[s]['type'] for s in matched]}")

    claims = [c for c in extraction["claims"] if len(c["text"]) <= MAX_CLAIM_CHARS]
    result.claims_total = len(gold["claims"])
    for g in gold["claims"]:
        key = _unquoted(g["key"])
        if any(system_to_gold.get(c["speaker"]) == g["speaker"] and key in _unquoted(c["text"])
               for c in claims):
            result.claims += 1
        else:
            result.missed.append(f"claim {g['speaker']}: {g['key']}")
    result.system_claims = len(claims)
    result.system_claims_right = sum(
        1 for c in claims
        if any(system_to_gold.get(c["speaker"]) == g["speaker"]
               and _unquoted(g["key"]) in _unquoted(c["text"]) for g in gold["claims"])
    )

    result.roles_total = len(gold.get("roles", []))
    for g in gold.get("roles", []):
        if any(system_to_gold.get(r["person"]) == g["person"]
               and g["title_key"].casefold() in r["title"].casefold()
               for r in extraction["roles"]):
            result.roles += 1
        else:
            result.missed.append(f"role {g['person']}: {g['title_key']}")

    result.quantities_total = len(gold.get("quantities", []))
    for g in gold.get("quantities", []):
        if any(g["text_key"].casefold() in q["text"].casefold()
               and (g["unit_key"].casefold() in (q["unit"] or "").casefold()
                    or g["unit_key"].casefold() in q["text"].casefold())
               for q in extraction["quantities"]):
            result.quantities += 1
        else:
            result.missed.append(f"quantity {g['text_key']}")

    result.events_total = len(gold.get("events", []))
    for g in gold.get("events", []):
        key = g["kind_key"].casefold()
        if any((key in e["kind"].casefold() or key in e["text"].casefold())
               and (g.get("agent") is None or system_to_gold.get(e["agent"]) == g["agent"])
               for e in extraction["events"]):
            result.events += 1
        else:
            result.missed.append(f"event {g['kind_key']} by {g.get('agent')}")
    return result
