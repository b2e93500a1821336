""":mod:`claimcheck.number_line`: where the intervals of a comparison group go on a drawn number line.

One scale for the terminal's text line (:func:`claimcheck.diff_report.number_line`) and the HTML report's SVG
(:func:`chart`): set by the finite bounds of the precise figures, so a vague "millions of" (up to a billion) does
not squash the rest, with a tenth of the span as margin on each side, and logarithmic when the figures span a
factor of 20 or more. No drawing here: positions as fractions of the line, and the kind of each end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .entries import Entry

LOG_SPAN = 20  # figures spanning this factor or more are drawn on a log scale
_MARGIN = 0.1


@dataclass(frozen=True)
class Scale:
    """A linear or log scale from ``a`` to ``b`` (in log10 units when ``log``)."""

    a: float
    b: float
    log: bool

    @classmethod
    def fit(cls, entries: Sequence[Entry]) -> Scale | None:
        """The scale for these figures; None when none has a finite bound."""
        finite = [x for e in entries if not e.vague for x in (e.low, e.high) if math.isfinite(x)]
        if not finite:
            finite = [x for e in entries for x in (e.low, e.high) if math.isfinite(x)]
        if not finite:
            return None
        lo, hi = min(finite), max(finite)
        if lo == hi:
            lo, hi = lo * 0.8 if lo else -1.0, hi * 1.2 if hi else 1.0
            lo, hi = min(lo, hi), max(lo, hi)  # a single negative figure
        log = lo > 0 and hi / lo >= LOG_SPAN
        if log:
            pad = (math.log10(hi) - math.log10(lo)) * _MARGIN
            return cls(math.log10(lo) - pad, math.log10(hi) + pad, True)
        pad = (hi - lo) * _MARGIN
        return cls(lo - pad, hi + pad, False)

    def where(self, x: float) -> float:
        """``x`` as a fraction of the line (below 0 or above 1 when off it); -inf and +inf for unbounded ends, and
        -inf for a figure of 0 or less on a log scale."""
        if x == -math.inf or (self.log and x <= 0):
            return -math.inf
        if x == math.inf:
            return math.inf
        v = math.log10(x) if self.log else x
        return (v - self.a) / (self.b - self.a)

    def value(self, fraction: float) -> float:
        """The figure at a fraction of the line (for its labels)."""
        v = self.a + fraction * (self.b - self.a)
        return 10 ** v if self.log else v


@dataclass(frozen=True)
class Bar:
    """One interval on the line: ``x1``..``x2`` as fractions clipped to [0, 1]; each end ``closed``, ``open`` or
    ``beyond`` (the interval runs past the line: unbounded, or off the scale)."""

    x1: float
    x2: float
    left: str
    right: str

    @property
    def point(self) -> bool:
        return self.x1 == self.x2 and self.left == self.right == "closed"


@dataclass(frozen=True)
class Chart:
    """The bars of a group's figures (in the group's order), the combined figure's bar, and the labelled ends."""

    bars: tuple[Bar, ...]
    combined: Bar | None
    ticks: tuple[tuple[float, float], ...]  # (fraction, figure)
    log: bool


def bar(scale: Scale, low: float, high: float, low_inclusive: bool, high_inclusive: bool) -> Bar:
    x1, x2 = scale.where(low), scale.where(high)
    left = "beyond" if x1 < 0 else ("closed" if low_inclusive else "open")
    right = "beyond" if x2 > 1 else ("closed" if high_inclusive else "open")
    return Bar(min(max(x1, 0.0), 1.0), min(max(x2, 0.0), 1.0), left, right)


def chart(entries: Sequence[Entry], combined: dict[str, Any] | None = None) -> Chart | None:
    """The chart of a group: one bar per entry, and the combined figure's (a record of
    :func:`claimcheck.compare.combined`: ``low``/``high`` of None are unbounded). None when nothing can be placed."""
    scale = Scale.fit(entries)
    if scale is None:
        return None
    bars = tuple(bar(scale, e.low, e.high, e.low_inclusive, e.high_inclusive) for e in entries)
    joint = None
    if combined is not None:
        low = -math.inf if combined.get("low") is None else float(combined["low"])
        high = math.inf if combined.get("high") is None else float(combined["high"])
        joint = bar(scale, low, high, bool(combined.get("low_inclusive", True)),
                    bool(combined.get("high_inclusive", True)))
    # the ends of the precise figures' span, where the margin begins
    ticks = tuple((f, scale.value(f)) for f in (_MARGIN / (1 + 2 * _MARGIN), 1 - _MARGIN / (1 + 2 * _MARGIN)))
    return Chart(bars, joint, ticks, scale.log)
