""":mod:`claimcheck.entries`: one figure on the number line, and how two figures stand to each other.

What :mod:`claimcheck.compare` asks of a pair (do the intervals conflict, agree or overlap; how far apart; are the
two documents of different years, or is one dated and the other not) and what :mod:`claimcheck.pairs` answers for
a whole block at once: both take these from here, so neither imports the other's workings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from .figures import Figure


@dataclass(frozen=True)
class Entry:
    """One figure on the number line: a claim, or a base claim plus its increments (``ids`` lists them all)."""

    ids: tuple[str, ...]
    doc: str
    low: float
    high: float
    low_inclusive: bool
    high_inclusive: bool
    value: float | None
    origin: str
    text: str
    sentence: str
    vague: bool = False
    published: str | None = None  # the document's date, for telling updates from conflicts
    update: bool = False  # the text says this figure updates an earlier one ("rose to")
    year: int | None = None  # the year its document reports on (its date's, else its story's), when known
    placed: bool = True  # its document carries a date of its own: see unplaced

    @cached_property
    def interval_text(self) -> str:
        """:func:`describe`: written once, though an entry is described in every update and conflict it is in."""
        from .report import format_interval

        return format_interval({"value": self.value, "low": _finite(self.low), "high": _finite(self.high),
                                "low_inclusive": self.low_inclusive, "high_inclusive": self.high_inclusive})

    @property
    def best(self) -> float | None:
        """A single best estimate: the stated value, else the midpoint of a finite interval, else its finite end."""
        if self.value is not None:
            return self.value
        if math.isfinite(self.low) and math.isfinite(self.high):
            return (self.low + self.high) / 2
        if math.isfinite(self.low):
            return self.low
        return self.high if math.isfinite(self.high) else None


def entry_of(figure: Figure, origin: str, published: str | None = None, year: int | None = None,
             placed: bool = True) -> Entry:
    return Entry((figure.id,), figure.doc, figure.low, figure.high, bool(figure.low_inclusive),
                 bool(figure.high_inclusive), figure.value, origin, figure.text, figure.sentence, bool(figure.vague),
                 published, bool(figure.update), year, placed)


# -- interval logic --------------------------------------------------------------------------------------

def _below(a: Entry, b: Entry) -> bool:
    """Is all of ``a`` strictly below all of ``b``?"""
    return a.high < b.low or (a.high == b.low and not (a.high_inclusive and b.low_inclusive))


def apart(a: Entry, b: Entry) -> bool:
    """Are the two figures from documents of different years? Then they are never compared: a conflict is between
    figures of the same time, and a story's documents years apart report different occasions (a trial and its
    appeal, this year's quake and the one it recalls) or the same fact twice over."""
    return a.year is not None and b.year is not None and a.year != b.year


def unplaced(a: Entry, b: Entry) -> bool:
    """Is one figure's document dated and the other's not? Then a disagreement is not called a conflict. An undated
    document is in its story only because its words matched: against a dated document's figure, a different one
    may be an update or another occasion of the same kind (ECB+ topic 20: "two people" hurt in an undated report
    of one Qeshm earthquake, "80 wounded" in a report dated 2005 of another). Undated documents are compared
    among themselves (a folder of saved texts): nothing tells them apart in time, and the story is the only
    guide."""
    return a.placed != b.placed


def relation(a: Entry, b: Entry) -> str:
    """"agree", "compatible" or "conflict"."""
    if _below(a, b) or _below(b, a):
        return "conflict"
    same = (_close(a.low, b.low) and _close(a.high, b.high) and a.low_inclusive == b.low_inclusive
            and a.high_inclusive == b.high_inclusive)
    return "agree" if same else "compatible"


def gap(a: Entry, b: Entry) -> float:
    """The relative distance between two disjoint intervals (0 when they only touch); 0 for overlapping ones."""
    lo, hi = (a, b) if _below(a, b) else (b, a)
    if not _below(lo, hi):
        return 0.0
    distance = hi.low - lo.high
    scale = max(abs(hi.low), abs(lo.high), 1.0)
    return distance / scale


def _finite(x: float | None) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


def _close(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
