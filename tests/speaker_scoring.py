"""Score speaker attribution against the gold of tests/data/speakers (format in its README).

A gold claim is *located* when an emitted claim's span covers its key (the key's place in
the article is unique), and *right* when such a claim also names the gold speaker. An
emitted claim is *right* when it covers a gold key with that key's speaker; it is a
*not-claim* when it covers a key of quoted words that are nobody's claim. Precision is right
emitted claims over all emitted claims (speakerless ones included: they are what a reader
gets), and over attributed claims alone.

A gold claim whose speaker is null has no antecedent in the text ("Analysts said", "a
source close to the minister"): it is right when a claim covers it with no speaker, so
that giving it to someone named counts as a wrong speaker.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from storygraph.pipeline import extract_articles
from storygraph.sources import read_paths

CATEGORIES = ("named", "pronoun", "descriptor", "appositive", "cueless", "transcript")
# A claim longer than this covers keys by accident (a whole transcript turned into one claim).
MAX_CLAIM_CHARS = 600
_NOT_IN_GOLD = "(an entity the gold does not hold)"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class AttributionScore:
    gold: Counter[str] = field(default_factory=Counter)  # per category, "indirect", "all"
    located: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)  # located, with another speaker
    emitted: int = 0
    attributed: int = 0
    emitted_right: int = 0
    attributed_right: int = 0
    not_claims: int = 0  # emitted claims on quoted words that are nobody's claim
    misses: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)

    def add(self, other: AttributionScore) -> None:
        for mine, theirs in ((self.gold, other.gold), (self.located, other.located),
                             (self.right, other.right), (self.wrong, other.wrong)):
            mine.update(theirs)
        self.emitted += other.emitted
        self.attributed += other.attributed
        self.emitted_right += other.emitted_right
        self.attributed_right += other.attributed_right
        self.not_claims += other.not_claims
        self.misses += other.misses
        self.mistakes += other.mistakes

    def recall(self, group: str = "all") -> float:
        return self.right[group] / max(self.gold[group], 1)

    def located_rate(self, group: str = "all") -> float:
        return self.located[group] / max(self.gold[group], 1)

    def group_precision(self, group: str) -> float:
        """Of the located gold claims of a group, the share given the right speaker."""
        return self.right[group] / max(self.right[group] + self.wrong[group], 1)

    @property
    def precision(self) -> float:
        return self.emitted_right / max(self.emitted, 1)

    @property
    def attributed_precision(self) -> float:
        return self.attributed_right / max(self.attributed, 1)


def score_attribution(gold: dict[str, Any], extraction: dict[str, Any],
                      name: str = "") -> AttributionScore:
    """`extraction` is the JSON contract of `storygraph extract --format json`."""
    text = extraction["article"]["text"]
    lower = text.casefold()
    result = AttributionScore()
    to_gold = _entity_map(gold, extraction)
    by_id = {e["id"]: e["name"] for e in extraction["entities"]}
    claims = [c for c in extraction["claims"] if c["end"] - c["start"] <= MAX_CLAIM_CHARS]

    def speaker_of(claim: dict[str, Any]) -> str | None:
        """The gold id of a claim's speaker: None when it has none, a mark for no gold entity."""
        if claim["speaker"] is None:
            return None
        return to_gold.get(claim["speaker"], _NOT_IN_GOLD)

    def place(key: str) -> tuple[int, int]:
        start = lower.find(key.casefold())
        if start < 0:
            raise ValueError(f"{name}: gold key not in the text: {key!r}")
        return start, start + len(key)

    def covering(span: tuple[int, int]) -> list[dict[str, Any]]:
        return [c for c in claims if c["start"] <= span[0] and span[1] <= c["end"]]

    keyed = [(g, place(g["key"])) for g in gold["claims"]]
    for g, span in keyed:
        groups = ("all", g["category"], *(("indirect",) if g["indirect"] else ()))
        found = covering(span)
        speakers = [speaker_of(c) for c in found]
        for group in groups:
            result.gold[group] += 1
            if found:
                result.located[group] += 1
            if g["speaker"] in speakers:
                result.right[group] += 1
            elif any(c["speaker"] is not None for c in found):
                result.wrong[group] += 1
        if g["speaker"] not in speakers:
            given = [f"{by_id.get(c['speaker'])} ({c['speaker_text']})" for c in found]
            result.misses.append(f"{name} [{g['category']}] {g['speaker']} "
                                 f"({g['speaker_surface'] or '-'}): {g['key']!r} -> "
                                 f"{'; '.join(given) if given else 'not located'}")
    not_claims = [place(n["key"]) for n in gold.get("not_claims", [])]
    for c in claims:
        result.emitted += 1
        attributed = c["speaker"] is not None
        result.attributed += attributed
        holds = [g for g, span in keyed if c["start"] <= span[0] and span[1] <= c["end"]]
        if any(speaker_of(c) == g["speaker"] for g in holds):
            result.emitted_right += 1
            result.attributed_right += attributed
            continue
        if any(c["start"] <= s and e <= c["end"] for s, e in not_claims):
            result.not_claims += 1
        if attributed:
            wanted = ", ".join(sorted({g["speaker"] or "nobody named" for g in holds})) \
                or "no gold claim"
            result.mistakes.append(f"{name} {by_id.get(c['speaker'])} ({c['speaker_text']}) "
                                   f"for {wanted}: {c['text'][:70]!r}")
    return result


def _entity_map(gold: dict[str, Any], extraction: dict[str, Any]) -> dict[str, str]:
    """System entity id -> gold entity id, by a shared name or alias."""
    names: dict[str, str] = {}
    for g in (*gold["entities"], *gold.get("optional_entities", [])):
        for surface in (g["canonical"], *g["names"]):
            names.setdefault(_norm(surface), g["id"])
    mapping = {}
    for entity in extraction["entities"]:
        for surface in (entity["name"], *entity["aliases"]):
            if _norm(surface) in names:
                mapping[entity["id"]] = names[_norm(surface)]
                break
    return mapping


def score_folder(folder: Path, nlp: Language, pattern: str = "*.txt") -> AttributionScore:
    """Extract every article of a gold folder (NAME.txt beside NAME.gold.json) and score it."""
    files = sorted(folder.glob(pattern))
    total = AttributionScore()
    for path, result in zip(files, extract_articles(read_paths(files), nlp), strict=True):
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        total.add(score_attribution(gold, result.to_json(), path.name[:2]))
    return total
