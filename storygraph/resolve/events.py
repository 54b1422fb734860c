"""Events inside a topic: split a topic's articles where they form two groups that differ.

Look-alike events (two earthquakes on the same island, two sackings of the same
coach) share most of their words and names, so one topic gathers both. What tells
them apart is what only some of its articles share: a town, a death toll, a date
written in the text, the names of the people involved. So the articles of one
topic are compared with weights local to the topic: each feature (term, entity,
number with its unit, date or year written in the text) is weighted by how few of
the topic's articles carry it (a local IDF, `log((n + 1) / df)`), so what the
whole topic shares counts for nothing and what a subset shares counts most.

The split is a spectral bisection (the normalised cut of Shi and Malik): the
articles are ordered along the second eigenvector of the normalised graph
Laplacian of their local similarities, cut where the normalised cut is lowest,
and each article then goes to the side it is on average most like. The topic is
split when the cut is below `split_cut` and neither side is smaller than
`split_min`; each side is then tried again. The partition is a function of the
set of articles alone (they are sorted first), so it does not depend on the
order in which they came.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import ThreadpoolController

if TYPE_CHECKING:
    from storygraph.resolve.stories import Params, Profile

# Prefixes of the features of the local comparison; `describe` reads them back.
_TERM, _ENTITY, _SIGNATURE = "t:", "e:", "s:"


@dataclass(frozen=True)
class Split:
    """One division of a group of articles into two events, and what tells them apart."""

    cut: float  # the normalised cut: 0 = no similarity across, 2 = none within
    sides: tuple[tuple[str, ...], tuple[str, ...]]  # article ids
    marks: tuple[tuple[str, ...], tuple[str, ...]]  # what each side has and the other lacks


def vector_norm(vector: Mapping[str, float]) -> float:
    """The Euclidean norm, exactly rounded (math.fsum): the same whatever order the
    vector's entries were made or read back in."""
    return math.sqrt(math.fsum([v * v for v in vector.values()]))


def features(profile: Profile) -> dict[str, float]:
    """Terms, entities and signature of an article in one vector, each kind prefixed."""
    found = {_TERM + k: v for k, v in profile.terms.items()}
    found.update({_ENTITY + k: v for k, v in profile.entities.items()})
    found.update({_SIGNATURE + k: v for k, v in profile.signature.items()})
    return found


def _local_vectors(profiles: Sequence[Profile]) -> tuple[np.ndarray, list[str]]:
    """Rows of L2-normalised feature vectors weighted by the local IDF; and the feature names."""
    rows = [p.features() for p in profiles]
    n = len(rows)
    df: Counter[str] = Counter(k for row in rows for k in row)
    weights = [{k: v * math.log((n + 1) / df[k]) for k, v in row.items()} for row in rows]
    norms = np.array([vector_norm(w) or 1.0
                      for w in weights])
    # A feature of one article only adds to its norm, never to a similarity: the
    # columns are the features at least two articles share (far fewer).
    names = sorted(k for k, c in df.items() if c > 1)
    column = {k: i for i, k in enumerate(names)}
    matrix = np.zeros((n, len(names)))
    for r, w in enumerate(weights):
        for k, v in w.items():
            if k in column:
                matrix[r, column[k]] = v
    return matrix / norms[:, None], names


def _normalised_cut(affinity: np.ndarray, side: np.ndarray) -> float:
    cut = affinity[np.ix_(side, ~side)].sum()
    degree = affinity.sum(axis=1)
    inside, outside = degree[side].sum(), degree[~side].sum()
    if inside <= 0 or outside <= 0:
        return 2.0
    return float(cut / inside + cut / outside)


def _bisect(vectors: np.ndarray, refine_rounds: int) -> tuple[np.ndarray, float]:
    """The best two-way cut of the rows of `vectors`: a boolean side mask and its normalised cut."""
    affinity = np.maximum(vectors @ vectors.T, 0.0)
    np.fill_diagonal(affinity, 0.0)
    n = len(affinity)
    degree = affinity.sum(axis=1)
    degree = np.where(degree > 0, degree, 1e-9)
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(n) - affinity * np.outer(scale, scale)
    _, eigenvectors = np.linalg.eigh(laplacian)
    order = np.argsort(eigenvectors[:, 1] * scale, kind="stable")
    # Sweep along the Fiedler order: moving the i-th article over adds its links
    # to the articles after it to the cut and takes away those to the ones before.
    ordered = affinity[np.ix_(order, order)]
    change = np.triu(ordered, 1).sum(axis=1) - np.tril(ordered, -1).sum(axis=1)
    cuts = np.cumsum(change)[:-1]
    volume_in = np.cumsum(degree[order])[:-1]
    scores = cuts / volume_in + cuts / (degree.sum() - volume_in)
    side = np.zeros(n, dtype=bool)
    side[order[:int(np.argmin(scores)) + 1]] = True
    itself = (vectors * vectors).sum(axis=1)
    for _ in range(refine_rounds):
        # Each article goes to the side whose other articles it is on average most like.
        if side.all() or not side.any():
            break
        to_in = vectors @ vectors[side].sum(axis=0) - np.where(side, itself, 0.0)
        to_out = vectors @ vectors[~side].sum(axis=0) - np.where(side, 0.0, itself)
        n_in = np.maximum(side.sum() - side, 1)
        n_out = np.maximum((~side).sum() - ~side, 1)
        moved = to_in / n_in > to_out / n_out
        if (moved == side).all():
            break
        side = moved
    if side.all() or not side.any():
        return side, 2.0
    return side, _normalised_cut(affinity, side)


# How many of each kind of feature name a side of a split: names, then days and
# numbers, then words.
_MARKS = ((_ENTITY, 3), (_SIGNATURE, 3), (_TERM, 2))


def _marks(vectors: np.ndarray, names: list[str], side: np.ndarray,
           labels: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What each side has and the other lacks: names, days and numbers, words.

    A mark is in at least half more of one side's articles than of the other's,
    ranked by how much more weight it has there.
    """
    difference = vectors[side].mean(axis=0) - vectors[~side].mean(axis=0)
    present = vectors > 0
    share = present[side].mean(axis=0) - present[~side].mean(axis=0)
    marks = []
    for sign in (1.0, -1.0):
        ranked = sorted((i for i in range(len(names)) if sign * share[i] >= 0.5),
                        key=lambda i: (-sign * difference[i], names[i]))
        found: list[str] = []
        for kind, limit in _MARKS:
            found += [describe(names[i], labels) for i in ranked
                      if names[i].startswith(kind)][:limit]
        marks.append(tuple(found))
    return marks[0], marks[1]


def describe(feature: str, labels: Mapping[str, str]) -> str:
    """A feature of the local comparison in words: a name, a word, a date, a number."""
    kind, key = feature[:2], feature[2:]
    if kind == _ENTITY:
        return labels.get(key, key)
    if kind == _SIGNATURE:
        return key.split(":", 1)[1]
    return key


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def partition(members: Mapping[str, Profile], params: Params) -> tuple[list[tuple[str, ...]],
                                                                        list[Split]]:
    """The events among one topic's articles (each a sorted tuple of ids) and the splits made."""
    # One BLAS thread: on matrices this small, OpenBLAS's threads only wait for each
    # other, and on a busy machine an eigenvector of 96 articles took 260 ms instead of 1.
    with _blas().limit(limits=1, user_api="blas"):
        return _partition(members, params)


def _partition(members: Mapping[str, Profile], params: Params
               ) -> tuple[list[tuple[str, ...]], list[Split]]:
    groups: list[tuple[str, ...]] = []
    splits: list[Split] = []
    # A name written two ways ("Jo Pike-Lee", "Jo Pike - Lee") is shown as the article with
    # the smallest id writes it, as in the event's centroid: a function of the articles,
    # not of the order the caller holds them in (the store's come from a set).
    labels: dict[str, str] = {}
    for article in sorted(members):
        for key, name in members[article].names.items():
            labels.setdefault(key, name)
    pending = [tuple(sorted(members))]
    while pending:
        ids = pending.pop()
        if len(ids) < 2 * params.split_min:
            groups.append(ids)
            continue
        vectors, names = _local_vectors([members[a] for a in ids])
        side, cut = _bisect(vectors, params.refine_rounds)
        first = tuple(a for a, inside in zip(ids, side, strict=True) if inside)
        second = tuple(a for a, inside in zip(ids, side, strict=True) if not inside)
        if cut >= params.split_cut or min(len(first), len(second)) < params.split_min:
            groups.append(ids)
            continue
        if first > second:
            first, second, side = second, first, ~side
        splits.append(Split(round(cut, 4), (first, second), _marks(vectors, names, side, labels)))
        pending.extend((second, first))
    return sorted(groups), splits
