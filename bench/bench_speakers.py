"""Speaker attribution per category on tests/data/speakers, with the seed and tests/data/corpus.

    python bench/bench_speakers.py [--set speakers|descriptors|descriptors2|descriptors3|
        descriptors4|descriptors5|transcripts] [--misses] [--mistakes] [--only NN]

`--set descriptors` (or `descriptors2` to `descriptors5`) scores
tests/data/descriptors (descriptor speakers in many house styles; the later sets by other
writers) instead of the development set;
`--set transcripts` scores tests/data/transcripts (ten shapes of transcript).

Recall is gold claims given the right speaker; located is gold claims covered by some
claim whatever its speaker; precision (per category) is right over right plus wrong among
located claims; overall precision is right claims over all claims emitted, and over the
attributed ones (see tests/speaker_scoring.py). The seed and tests/data/corpus lines use
tests/scoring.py, as their floor tests do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storygraph.nlp import load_model  # noqa: E402
from storygraph.pipeline import extract_articles  # noqa: E402
from storygraph.sources import read_paths  # noqa: E402
from tests.scoring import score  # noqa: E402
from tests.speaker_scoring import CATEGORIES, AttributionScore, score_folder  # noqa: E402

DATA = ROOT / "tests" / "data"
SEED = ROOT / "seeds" / "000_e6440d5d4de0186f.txt"
SEED_GOLD = DATA / "seed" / "000_e6440d5d4de0186f.json"


def speakers(nlp, only: str | None, folder: str = "speakers") -> AttributionScore:
    return score_folder(DATA / folder, nlp, f"{only or ''}*.txt")


def claim_scores(nlp, files: list[Path], gold_of) -> tuple[int, int, int, int]:
    """(gold claims found, gold claims, emitted claims right, emitted claims)."""
    sums = [0, 0, 0, 0]
    for path, result in zip(files, extract_articles(read_paths(files), nlp), strict=True):
        s = score(gold_of(path), result.to_json())
        for k, value in enumerate((s.claims, s.claims_total, s.system_claims_right,
                                   s.system_claims)):
            sums[k] += value
    return sums[0], sums[1], sums[2], sums[3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list gold claims not right")
    parser.add_argument("--mistakes", action="store_true",
                        help="list attributed claims that are not right")
    parser.add_argument("--only", help="articles whose file name starts with this")
    parser.add_argument("--set", default="speakers",
                        choices=["speakers", "descriptors", "descriptors2", "descriptors3",
                                 "descriptors4", "descriptors5", "transcripts"],
                        help="which folder of tests/data to score")
    args = parser.parse_args()
    nlp = load_model()

    total = speakers(nlp, args.only, args.set)
    print(f"{'tests/data/' + args.set:<14} {'gold':>5} {'located':>8} {'right':>6} {'wrong':>6} "
          f"{'recall':>7} {'precision':>9}")
    for group in (*CATEGORIES, "indirect", "all"):
        print(f"{group:<19} {total.gold[group]:>5} {total.located_rate(group):>8.3f} "
              f"{total.right[group]:>6} {total.wrong[group]:>6} {total.recall(group):>7.3f} "
              f"{total.group_precision(group):>9.3f}")
    print(f"emitted {total.emitted}, attributed {total.attributed}, right {total.emitted_right}; "
          f"precision {total.precision:.3f} (attributed only {total.attributed_precision:.3f}); "
          f"claims on not-claims {total.not_claims}")

    if not args.only:
        seed_gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
        found, gold, right, emitted = claim_scores(nlp, [SEED], lambda _: seed_gold)
        print(f"seed: claims {found}/{gold}, emitted {emitted}, extra {emitted - right}")
        corpus = sorted((DATA / "corpus").glob("*.txt"))
        found, gold, right, emitted = claim_scores(
            nlp, corpus, lambda p: json.loads(p.with_suffix(".gold.json").read_text()))
        print(f"tests/data/corpus: claim recall {found / gold:.3f} ({found}/{gold}), "
              f"precision {right / emitted:.3f} ({right}/{emitted})")
    if args.misses:
        print("\nmisses:", *total.misses, sep="\n  ")
    if args.mistakes:
        print("\nmistakes:", *total.mistakes, sep="\n  ")


if __name__ == "__main__":
    main()
