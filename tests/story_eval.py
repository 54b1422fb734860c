"""Scoring story clusterings: B-cubed, and the batch baseline the assigner must beat.

The baseline is the textbook one: TF-IDF vectors (IDF from the documents being
clustered), cosine similarity, average-linkage agglomerative clustering cut at a
similarity threshold (tuned on ECB+ topics 1-10, like the assigner).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from storygraph.resolve.stories import words

BASELINE_THRESHOLD = 0.15  # tuned on ECB+ topics 1-10 (docs/stories.md)


def b_cubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `predicted` (item -> cluster) against `gold`."""
    items = list(gold)
    by_predicted: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in items:
        by_predicted.setdefault(predicted[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        cluster = by_predicted[predicted[item]]
        truth = by_gold[gold[item]]
        both = len(cluster & truth)
        precision += both / len(cluster)
        recall += both / len(truth)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def tfidf_matrix(texts: Sequence[str]) -> np.ndarray:
    """Rows of L2-normalised TF-IDF vectors; IDF from these texts (smoothed)."""
    counts = [Counter(words(t)) for t in texts]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    vocab = {w: i for i, w in enumerate(sorted(df))}
    n = len(texts)
    matrix = np.zeros((n, len(vocab)))
    for row, c in enumerate(counts):
        for w, tf in c.items():
            matrix[row, vocab[w]] = (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[w])) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def average_linkage(texts: Sequence[str], threshold: float = BASELINE_THRESHOLD) -> list[int]:
    """Cluster labels: merge the two clusters of highest mean cosine until it drops below."""
    vectors = tfidf_matrix(texts)
    sim = vectors @ vectors.T
    n = len(texts)
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    labels = list(range(n))
    np.fill_diagonal(sim, -np.inf)
    while True:
        masked = np.where(np.outer(active, active), sim, -np.inf)
        i, j = np.unravel_index(np.argmax(masked), masked.shape)
        if masked[i, j] < threshold:
            break
        # Lance-Williams for average linkage: the merged cluster's similarity to
        # any other is the size-weighted mean of its parts'.
        merged = (sizes[i] * sim[i] + sizes[j] * sim[j]) / (sizes[i] + sizes[j])
        sim[i, :] = merged
        sim[:, i] = merged
        sim[i, i] = -np.inf
        sizes[i] += sizes[j]
        active[j] = False
        labels = [i if lab == j else lab for lab in labels]
    return labels
