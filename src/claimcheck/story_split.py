""":mod:`claimcheck.story_split`: find two events inside one story.

Online clustering decides on one document at a time: when the first report of a second event of the same kind
arrives (another quake on the same island, another piracy raid by the same navy), it is closer to the story than
to nothing, joins it, and the reports of that event follow it in. What the online pass cannot see, the story's
documents show once there are a few of each: two groups, each close within itself and far from the other.

:func:`two_events` looks for such a split with two-means over the documents' unit vectors (spherical k-means,
several deterministic starts) and measures it by the ratio of the mean similarity across the two groups to the
lower of the two mean similarities within them: a story of one event has no split whose groups are much closer
within than across. Every mean comes from the groups' summed vectors (for unit vectors, the sum of all pairwise
dot products is the squared norm of the sum), so a check is linear in the story's size.

No I/O and no state: :class:`~claimcheck.stories.StoryIndex` decides when to check and what to move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Vector = dict[str, float]

_STARTS = 4  # two-means starts, from members spread over the story (sorted by document id: order-independent)
_ROUNDS = 10


@dataclass(frozen=True)
class Split:
    """Two groups of a story's members (indices into the list checked), and how apart they are."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    ratio: float  # mean similarity across the groups / the lower mean similarity within one


def two_events(vectors: Sequence[Vector], min_group: int) -> Split | None:
    """The best two-group split of ``vectors`` (made unit length here: a member keeps only its heaviest terms), or
    None when no start gives two groups of ``min_group`` members or more. Deterministic: the same vectors in the
    same order give the same split."""
    n = len(vectors)
    if n < 2 * min_group:
        return None
    matrix = _matrix(vectors)  # a story is checked up to 64 members: a small dense matrix is the fast way
    best: Split | None = None
    for start in sorted({k * n // _STARTS for k in range(_STARTS)}):
        far = int(np.argmin(matrix @ matrix[start]))  # the first of equals: deterministic
        groups = _two_means(matrix, matrix[start], matrix[far])
        if groups is None or min(len(groups[0]), len(groups[1])) < min_group:
            continue
        split = Split(tuple(int(i) for i in groups[0]), tuple(int(i) for i in groups[1]), _ratio(matrix, *groups))
        if best is None or split.ratio < best.ratio:
            best = split
    return best


def _matrix(vectors: Sequence[Vector]) -> np.ndarray:
    """One row a vector, each of unit length."""
    terms = {t: i for i, t in enumerate(sorted({t for v in vectors for t in v}))}
    matrix = np.zeros((len(vectors), len(terms)))
    for row, v in enumerate(vectors):
        for t, w in v.items():
            matrix[row, terms[t]] = w
    norms = np.sqrt((matrix * matrix).sum(axis=1, keepdims=True))
    return matrix / np.where(norms > 0, norms, 1.0)


def _two_means(matrix: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    first = second = np.empty(0, dtype=int)
    for _ in range(_ROUNDS):
        nearer_a = matrix @ a >= matrix @ b  # ties go to the first group
        new_first = np.flatnonzero(nearer_a)
        if np.array_equal(new_first, first):
            break
        first, second = new_first, np.flatnonzero(~nearer_a)
        if not len(first) or not len(second):
            return None
        a, b = _unit(matrix[first].sum(axis=0)), _unit(matrix[second].sum(axis=0))
    return first, second


def _ratio(matrix: np.ndarray, first: np.ndarray, second: np.ndarray) -> float:
    sum_a, sum_b = matrix[first].sum(axis=0), matrix[second].sum(axis=0)
    across = float(sum_a @ sum_b) / (len(first) * len(second))
    within = min(_within(sum_a, len(first)), _within(sum_b, len(second)))
    return across / within if within > 0 else float("inf")


def _within(total: np.ndarray, n: int) -> float:
    """Mean similarity of the n unit vectors whose sum is ``total``, over their n(n-1)/2 pairs."""
    return (float(total @ total) - n) / (n * (n - 1))


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.sqrt(v @ v))
    return v / norm if norm else v
