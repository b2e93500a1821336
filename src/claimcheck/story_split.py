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

import math
from collections.abc import Sequence
from dataclasses import dataclass

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
    """The best two-group split of ``vectors`` (each of unit length), or None when no start gives two groups of
    ``min_group`` members or more. Deterministic: the same vectors in the same order give the same split."""
    n = len(vectors)
    if n < 2 * min_group:
        return None
    best: Split | None = None
    for start in sorted({k * n // _STARTS for k in range(_STARTS)}):
        seed = vectors[start]
        far = min(range(n), key=lambda i: (_dot(seed, vectors[i]), i))
        groups = _two_means(vectors, vectors[start], vectors[far])
        if groups is None or min(len(groups[0]), len(groups[1])) < min_group:
            continue
        split = Split(groups[0], groups[1], _ratio(vectors, *groups))
        if best is None or split.ratio < best.ratio:
            best = split
    return best


def _two_means(vectors: Sequence[Vector], a: Vector, b: Vector) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    first: tuple[int, ...] = ()
    second: tuple[int, ...] = ()
    for _ in range(_ROUNDS):
        # ties go to the first group, so the result never depends on dict order
        nearer_a = [_dot(v, a) >= _dot(v, b) for v in vectors]
        new_first = tuple(i for i, near in enumerate(nearer_a) if near)
        if new_first == first:
            break
        first = new_first
        second = tuple(i for i, near in enumerate(nearer_a) if not near)
        if not first or not second:
            return None
        a, b = _unit(_sum(vectors, first)), _unit(_sum(vectors, second))
    return first, second


def _ratio(vectors: Sequence[Vector], first: tuple[int, ...], second: tuple[int, ...]) -> float:
    sum_a, sum_b = _sum(vectors, first), _sum(vectors, second)
    across = _dot(sum_a, sum_b) / (len(first) * len(second))
    within = min(_within(sum_a, len(first)), _within(sum_b, len(second)))
    return across / within if within > 0 else math.inf


def _within(total: Vector, n: int) -> float:
    """Mean similarity of the n unit vectors whose sum is ``total``, over their n(n-1)/2 pairs."""
    return (_dot(total, total) - n) / (n * (n - 1))


def _sum(vectors: Sequence[Vector], members: tuple[int, ...]) -> Vector:
    total: Vector = {}
    for i in members:
        for t, w in vectors[i].items():
            total[t] = total.get(t, 0.0) + w
    return total


def _unit(v: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
    return {t: w / norm for t, w in v.items()}


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(t, 0.0) for t, w in a.items())
