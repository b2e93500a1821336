""":mod:`claimcheck.pairs`: every pair of a block of figures graded at once, as numpy arrays.

A block of up to ``pairwise_limit`` (300) figures has up to 44,850 pairs; graded one Python call at a time they
took most of ``diff``'s time at a million claims. Here each question :mod:`claimcheck.compare` asks of a pair
(:func:`~claimcheck.entries.relation`, :func:`~claimcheck.entries.apart`,
:func:`~claimcheck.updates.supersedes`, :func:`~claimcheck.entries.gap`) is one operation over an n x n matrix,
written to give exactly what the scalar function gives (the tests compare the two on random blocks). Pairs are
(i, j) with i < j, in row-major order: the order the pair-by-pair loop visited them in, which the lists
(agreements, updates, the widest conflicts among equal gaps) keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .entries import Entry


_AT_ONCE = 8  # a block this size or more is graded as matrices; a smaller one pair by pair (numpy's per-call cost
# would outweigh its pairs: most blocks have two or three figures)


@dataclass(frozen=True)
class PairGrades:
    """The pairs of a block (indexes into its entries, i < j, row-major) by what becomes of them."""

    updates: tuple[list[int], list[int]]  # (earlier, later): the higher figure updates the lower one
    other_years: int  # pairs of documents of different known years: not compared
    unplaced: int  # disjoint pairs of a dated and an undated document: not called conflicts (entries.unplaced)
    conflicts: tuple[list[int], list[int]]  # disjoint intervals, compared
    gaps: list[float]  # the gap of each conflict (as entries.gap computes it)
    agreeing: tuple[list[int], list[int]]  # compared, overlapping
    same: list[bool]  # of each agreeing pair: the same interval ("agree"), else "compatible"


def grade(entries: list[Entry], *, cumulative: bool) -> PairGrades:
    """Grade every pair of ``entries``; ``cumulative``: the measure only grows (a later, higher figure updates)."""
    return _pair_by_pair(entries, cumulative) if len(entries) < _AT_ONCE else _as_matrices(entries, cumulative)


def _as_matrices(entries: list[Entry], cumulative: bool) -> PairGrades:
    n = len(entries)
    low = np.array([e.low for e in entries], dtype=float)
    high = np.array([e.high for e in entries], dtype=float)
    low_inc = np.array([e.low_inclusive for e in entries], dtype=bool)
    high_inc = np.array([e.high_inclusive for e in entries], dtype=bool)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    # below[a, b]: all of a lies strictly below all of b (entries._below)
    below = (high[:, None] < low[None, :]) | ((high[:, None] == low[None, :])
                                             & ~(high_inc[:, None] & low_inc[None, :]))
    conflict = (below | below.T) & upper
    updated = np.zeros((n, n), dtype=bool)
    if cumulative:
        updated = conflict & _oriented(_supersedes(entries), below)
    years = np.array([e.year if e.year is not None else 0 for e in entries], dtype=np.int64)
    dated = np.array([e.year is not None for e in entries], dtype=bool)
    apart = dated[:, None] & dated[None, :] & (years[:, None] != years[None, :])
    placed = np.array([e.placed for e in entries], dtype=bool)
    unplaced = placed[:, None] != placed[None, :]
    rest = upper & ~updated
    compared = rest & ~apart
    conflicts = np.nonzero(compared & conflict & ~unplaced)
    agreeing = np.nonzero(compared & ~conflict)
    same = (_close(low[:, None], low[None, :]) & _close(high[:, None], high[None, :])
            & (low_inc[:, None] == low_inc[None, :]) & (high_inc[:, None] == high_inc[None, :]))
    i, j = conflicts
    a_below = below[i, j]
    lo_high = np.where(a_below, high[i], high[j])
    hi_low = np.where(a_below, low[j], low[i])
    with np.errstate(invalid="ignore"):
        gaps = (hi_low - lo_high) / np.maximum(np.maximum(np.abs(hi_low), np.abs(lo_high)), 1.0)
    ui, uj = np.nonzero(updated)
    lower_first = below[ui, uj]
    return PairGrades((np.where(lower_first, ui, uj).tolist(), np.where(lower_first, uj, ui).tolist()),
                      int((rest & apart).sum()), int((compared & conflict & unplaced).sum()),
                      (i.tolist(), j.tolist()), gaps.tolist(),
                      (agreeing[0].tolist(), agreeing[1].tolist()), same[agreeing].tolist())


def _pair_by_pair(entries: list[Entry], cumulative: bool) -> PairGrades:
    """:func:`grade` for a small block, with the scalar functions the matrices reproduce."""
    from .entries import _below, apart, gap, relation, unplaced
    from .updates import supersedes

    updates: tuple[list[int], list[int]] = ([], [])
    conflicts: tuple[list[int], list[int]] = ([], [])
    agreeing: tuple[list[int], list[int]] = ([], [])
    gaps: list[float] = []
    same: list[bool] = []
    other_years = not_placed = 0
    for i, a in enumerate(entries):
        for j in range(i + 1, len(entries)):
            b = entries[j]
            r = relation(a, b)
            if r == "conflict" and cumulative:
                lo, hi = (i, j) if _below(a, b) else (j, i)
                if supersedes(entries[hi], entries[lo]):  # a toll can grow over years too
                    updates[0].append(lo)
                    updates[1].append(hi)
                    continue
            if apart(a, b):
                other_years += 1
            elif r == "conflict" and unplaced(a, b):
                not_placed += 1
            elif r == "conflict":
                conflicts[0].append(i)
                conflicts[1].append(j)
                gaps.append(gap(a, b))
            else:
                agreeing[0].append(i)
                agreeing[1].append(j)
                same.append(r == "agree")
    return PairGrades(updates, other_years, not_placed, conflicts, gaps, agreeing, same)


def _supersedes(entries: list[Entry]) -> np.ndarray:
    """sup[h, l]: would the higher figure h update the lower l (updates.supersedes): the later of two dated
    documents, else h when its text says it updates."""
    dates = sorted({e.published for e in entries if e.published})
    rank = {d: k for k, d in enumerate(dates)}
    r = np.array([rank[e.published] if e.published else -1 for e in entries], dtype=np.int64)
    says = np.array([e.update for e in entries], dtype=bool)
    both = (r[:, None] >= 0) & (r[None, :] >= 0) & (r[:, None] != r[None, :])
    return np.where(both, r[:, None] > r[None, :], says[:, None])


def _oriented(sup: np.ndarray, below: np.ndarray) -> np.ndarray:
    """For the pair (i, j): does its higher figure update its lower one? (j is the higher when i lies below.)"""
    return np.where(below, sup.T, sup)


def _close(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """entries._close, broadcast: equal when either is infinite, else within math.isclose's tolerances."""
    with np.errstate(invalid="ignore"):
        near = np.abs(a - b) <= np.maximum(1e-9 * np.maximum(np.abs(a), np.abs(b)), 1e-12)
    return np.where(np.isinf(a) | np.isinf(b), a == b, (a == b) | near)
