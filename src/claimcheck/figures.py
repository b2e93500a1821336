""":mod:`claimcheck.figures`: what ``diff`` reads of claims and documents, as typed records.

A claim record (the claim contract) carries everything extract found: offsets, the attribution's words,
qualifiers, hedges. ``diff`` grades a few fields of a few claims: quantity claims with a topic or a whole measure
(:class:`Figure`), and denials (:class:`Denial`); of a document, its story, date, publisher and year
(:class:`Dateline`). They are read once, at the boundary: from records (``of_record``), or from the store's
``comparable`` table, which keeps exactly these fields, so that a store of millions of claims is compared without
parsing one record (:mod:`claimcheck.store`). Everything after the boundary works on these records; the full
records are looked up only for what an output shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

_INT64 = 2**63  # SQLite's INTEGER stops there: a value beyond it is kept as a float (as low and high always are)


class Figure(NamedTuple):
    """A quantity claim that ``diff`` compares, as it reads it (see :meth:`of_record` for where each field comes
    from). A named tuple rather than a dataclass: the store makes a million of them straight from its rows
    (``Figure._make``), and there its flags are SQLite's 1 and 0, which compare and test as True and False."""

    id: str
    doc: str
    topic: str | None
    unit: str | None  # the counted unit as written ("soldiers"); questions fall back on it without a class
    low: float  # -inf for an open lower end
    high: float  # inf for an open upper end
    low_inclusive: bool
    high_inclusive: bool
    value: float | None
    vague: bool
    additional: bool  # an increment ("an additional 1,000"): summed into the figure it extends
    measure: str | None  # the predicate id ("killed"); None when the claim names none
    counted: str | None  # the measure's class ("person")
    noun: str  # the specific kind of member ("boy") of a specific measure, else ""
    part: bool  # the text calls it a part of a total ("two of the victims")
    update: bool  # the text says it updates an earlier figure ("rose to")
    origin: str | None  # its attribution's origin, when the attribution names one
    attributed: bool  # it has an attribution at all (a sentence opening on a month then dates a statement)
    text: str
    sentence: str

    @classmethod
    def of_record(cls, claim: Mapping[str, Any]) -> Figure | None:
        """The figure of a claim record, or None when ``diff`` does not compare it: only quantity claims with a
        quantity and either a topic or a whole measure (a predicate and a class from the rules)."""
        q = claim.get("quantity")
        measure = claim.get("measure") or {}
        if claim.get("kind") != "quantity" or not q or not (claim.get("topic") or (measure.get("id")
                                                                                    and measure.get("class"))):
            return None
        attribution = claim.get("attribution")
        return cls(claim["id"], claim["doc"], claim.get("topic"), q.get("unit"),
                   float(q["low"]) if q.get("low") is not None else -math.inf,
                   float(q["high"]) if q.get("high") is not None else math.inf,
                   bool(q.get("low_inclusive", True)), bool(q.get("high_inclusive", True)), _number(q.get("value")),
                   bool(q.get("vague")), bool(q.get("additional")), measure.get("id"), measure.get("class"),
                   (measure.get("noun") or "") if measure.get("specific") else "", bool(measure.get("part")),
                   bool(measure.get("update")), (attribution.get("origin") or None) if attribution else None,
                   bool(attribution), claim.get("text", ""), claim.get("sentence", ""))


class Denial(NamedTuple):
    """A statement that denies ("Pyongyang denied any arms transfers"): listed beside the groups of its story
    whose subject it names."""

    id: str
    doc: str
    topic: str | None
    text: str

    @classmethod
    def of_record(cls, claim: Mapping[str, Any]) -> Denial | None:
        if claim.get("kind") != "statement" or not claim.get("denial"):
            return None
        return cls(claim["id"], claim["doc"], claim.get("topic"), claim.get("text", ""))


class Dateline(NamedTuple):
    """What ``diff`` reads of a document: the story it is in, its date and publisher, and the year it reports on
    (:attr:`claimcheck.models.Document.year`). A named tuple, as :class:`Figure`: a million are made at once."""

    story: str | None
    published: str | None
    publisher: str | None
    year: int | None

    @classmethod
    def of_record(cls, document: Mapping[str, Any]) -> Dateline:
        return cls(document.get("story"), document.get("published"), document.get("publisher"),
                   document.get("year"))


def _number(x: Any) -> Any:
    """A value as the store can keep it: an int beyond SQLite's INTEGER becomes a float."""
    return float(x) if isinstance(x, int) and not isinstance(x, bool) and not -_INT64 <= x < _INT64 else x
