"""Cost of one story assignment as the number of stories grows (it must stay flat).

    python bench/bench_stories.py [--rounds 40] [--out bench/stories.json]

Real articles, many times over: the ECB+ articles and our own corpus are parsed
once; round r adds every one of them again as a new article about new people and
places (its names and rare words carry the round number; common words stay as
they were), so each round adds as many stories as the real articles hold, with
the vocabulary overlap of real news. The in-memory assigner (`StoryIndex`, the
same code ingest runs) takes them one by one; the time per article is reported
per block of rounds against the number of stories held, next to what comparing
each article with every topic (the assigner before the candidate index) costs
at the same size.

It also checks what the index bounds change: on the real articles alone, the
stories with the default bounds against unbounded candidate lookup (B-cubed F1
of one against the other; 1.0 is identical).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storygraph.model import Article, Extraction  # noqa: E402
from storygraph.nlp import load_model  # noqa: E402
from storygraph.pipeline import extract_articles  # noqa: E402
from storygraph.resolve.candidates import keys  # noqa: E402
from storygraph.resolve.stories import (  # noqa: E402
    DEFAULT_PARAMS,
    Profile,
    StoryIndex,
    article_profile,
    background_idf,
    decide,
)
from storygraph.sources import read_paths  # noqa: E402
from tests.story_eval import b_cubed  # noqa: E402

ECBPLUS = ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"
OWN = [*sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")),
       ROOT / "tests" / "data" / "stories", ROOT / "seeds"]
RARE_IDF = 4.0  # words rarer than this in general English are renamed per round


def real_profiles() -> list[tuple[str, Profile]]:
    rows = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines()]
    articles: list = [Article(id=hashlib.sha256(r["text"].encode()).hexdigest()[:16],
                              key=f"ecbplus:{i}", text=r["text"]) for i, r in enumerate(rows)]
    articles += [a for a in read_paths(OWN) if isinstance(a, Article)]
    return [(e.article.id, article_profile(e))
            for e in extract_articles(articles, load_model(), n_process=2)
            if isinstance(e, Extraction)]


def renamed(profile: Profile, round_: int) -> Profile:
    """The same article about other people and places: names and rare words carry the round."""
    def rename(key: str) -> str:
        return f"{key}{round_}" if background_idf(key) >= RARE_IDF else key

    return Profile(terms={rename(k): v for k, v in profile.terms.items()},
                   entities={f"{k}{round_}": v for k, v in profile.entities.items()},
                   dates=profile.dates,
                   names={f"{k}{round_}": f"{n} {round_}" for k, n in profile.names.items()},
                   signature=profile.signature)


def scan(index: StoryIndex, samples: list[Profile]) -> tuple[float, float]:
    """Comparing each sample with every topic (no index), as before: CPU seconds per
    article, and the share of samples for which the index picks the same topic (or none)."""
    threshold = index.params.topic_threshold
    started = time.process_time()
    scanned = [decide(p, index.topics, index.params, threshold=threshold).story for p in samples]
    seconds = (time.process_time() - started) / len(samples)
    found = [decide(p, {s: index.topics[s] for s in index.index.candidates(p)}, index.params,
                    threshold=threshold).story for p in samples]
    return seconds, sum(a == b for a, b in zip(scanned, found, strict=True)) / len(samples)


def lookup_work(index: StoryIndex, samples: list[Profile]) -> tuple[float, float]:
    """Per article: postings entries read, and topics scored in full (counts, not time)."""
    params, postings = index.params, index.index.postings
    read = scored = 0
    for profile in samples:
        for key in keys(profile, params.query_terms):
            size = len(postings.get(key, ()))
            read += size if size <= params.max_posting else 0
        scored += len(index.index.candidates(profile))
    return read / len(samples), scored / len(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--block", type=int, default=5, help="rounds per reported row")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    options = parser.parse_args()
    base = real_profiles()
    print(f"{len(base)} real articles; {options.rounds} rounds")

    unbounded = replace(DEFAULT_PARAMS, max_posting=10**9, max_candidates=10**9)
    exact = StoryIndex(unbounded)
    bounded = StoryIndex()
    for article_id, profile in base:
        exact.add_article(article_id, profile)
        bounded.add_article(article_id, profile)
    agreement = b_cubed(bounded.assignments(), exact.assignments())[2]
    print(f"default bounds against unbounded lookup on the real articles: "
          f"B-cubed F1 {agreement:.4f}")

    index = StoryIndex()
    rows = []
    for block in range(0, options.rounds, options.block):
        times = []
        for round_ in range(block, min(block + options.block, options.rounds)):
            for article_id, profile in base:
                variant = renamed(profile, round_)
                started = time.process_time()
                index.add_article(f"{article_id}-{round_}", variant)
                times.append(time.process_time() - started)
        # Samples of the rounds just added: they have their own topics to find.
        samples = [renamed(p, round_) for _, p in base[::10]]
        read, scored = lookup_work(index, samples)
        scan_seconds, same = scan(index, samples)
        row = {"articles": len(index.profiles), "topics": len(index.topics),
               "stories": len(set(index.assignments().values())),
               "largest_topic": max(len(m) for m in index.members.values()),
               "ms_per_article": round(1000 * statistics.fmean(times), 2),
               "postings_read": round(read), "topics_scored": round(scored, 1),
               "scan_ms_per_article": round(1000 * scan_seconds, 2),
               "same_topic_as_scan": round(same, 3)}
        rows.append(row)
        print(json.dumps(row), flush=True)
    first, last = rows[0], rows[-1]
    print(f"CPU ms per article: {first['ms_per_article']} with {first['topics']} topics, "
          f"{last['ms_per_article']} with {last['topics']} "
          f"(ratio {last['ms_per_article'] / first['ms_per_article']:.2f}); "
          f"postings read {first['postings_read']} -> {last['postings_read']}, "
          f"topics scored {first['topics_scored']} -> {last['topics_scored']}; "
          f"a scan of every topic: {first['scan_ms_per_article']} -> "
          f"{last['scan_ms_per_article']} ms")
    if options.out:
        options.out.write_text(json.dumps({
            "machine": f"{platform.machine()}, {platform.python_version()}",
            "index_agreement_b_cubed": round(agreement, 4), "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
