#!/usr/bin/env python3
"""Validate the entity gold files in this folder.

For every NN_slug.txt there must be an NN_slug.gold.json that is valid JSON with the
house keys; every string in "names" (entities and optional_entities) must occur in the
article text after the front matter (case-sensitive), and so must every
"must_not_be_entities" string. A surface name may belong to only one entity, and no
must-not string may equal a listed name (case-insensitive). Exit status 1 on any error.
"""
import glob, json, os, sys

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
# The folder to check: the one given, else this one (../entities2 uses this checker too).
here = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
errors = []
arts = sorted(glob.glob(os.path.join(here, "[0-9][0-9]_*.txt")))
for art in arts:
    base = os.path.basename(art)
    raw = open(art, encoding="utf-8").read()
    if not raw.startswith("---\n") or "\n---\n" not in raw[4:]:
        errors.append(f"{base}: bad front matter"); continue
    front, body = raw[4:].split("\n---\n", 1)
    keys = {l.split(":", 1)[0] for l in front.splitlines() if ":" in l}
    if not {"title", "source"} <= keys:
        errors.append(f"{base}: front matter lacks title/source")
    gpath = art[:-4] + ".gold.json"
    try:
        gold = json.load(open(gpath, encoding="utf-8"))
    except Exception as e:  # missing or invalid JSON
        errors.append(f"{base}: gold unreadable: {e}"); continue
    for k in ("article", "style", "notes", "entities", "optional_entities", "must_not_be_entities"):
        if k not in gold: errors.append(f"{base}: gold lacks {k!r}")
    if gold.get("article") != base: errors.append(f"{base}: 'article' is {gold.get('article')!r}")
    seen, ids = {}, set()
    for e in gold.get("entities", []) + gold.get("optional_entities", []):
        if e["id"] in ids: errors.append(f"{base}: duplicate id {e['id']}")
        ids.add(e["id"])
        bad = set(e["type_ok"]) - LABELS
        if bad or not e["type_ok"]: errors.append(f"{base}: {e['id']} bad type_ok {e['type_ok']}")
        if not e["names"]: errors.append(f"{base}: {e['id']} has no names")
        for n in e["names"]:
            if n not in body: errors.append(f"{base}: {e['id']}: name {n!r} not in text")
            if seen.get(n.lower(), e["id"]) != e["id"]:
                errors.append(f"{base}: name {n!r} in {seen[n.lower()]} and {e['id']}")
            seen[n.lower()] = e["id"]
    for e in gold.get("entities", []) + gold.get("optional_entities", []):
        if "parent" in e and e["parent"] not in ids:
            errors.append(f"{base}: {e['id']} parent {e['parent']!r} unknown")
    for m in gold.get("must_not_be_entities", []):
        if m not in body: errors.append(f"{base}: must-not {m!r} not in text")
        if m.lower() in seen: errors.append(f"{base}: must-not {m!r} equals a name of {seen[m.lower()]}")
golds = sorted(glob.glob(os.path.join(here, "*.gold.json")))
if len(golds) != len(arts): errors.append(f"{len(arts)} articles but {len(golds)} gold files")
print("\n".join(errors) if errors else f"OK: {len(arts)} articles, {len(golds)} gold files")
sys.exit(1 if errors else 0)
