""":mod:`claimcheck.intervals`: what a qualified number asserts, as an interval. No spaCy involved.

The semantics of each qualifier id (the ``id`` of a QUALIFIER pattern in ``rules/quantities.jsonl``) are the
table in the README, "Qualifiers". ``t`` is ``approximation_tolerance`` from ``rules/numbers.json``.

======================  =====================  ==============================
qualifier id            example                interval for x
======================  =====================  ==============================
(none), ``exact``       "5 million"            [x, x]
``approx``              "about 50"             [x - t|x|, x + t|x|]
``approx_below``        "nearly 5 million"     [x - t|x|, x)
``approx_above``        "just over 100"        (x, x + t|x|]
``gt``                  "more than 20"         (x, +inf)
``ge``                  "at least 20"          [x, +inf)
``lt``                  "fewer than 20"        (-inf, x)
``le``                  "up to 3,000"          (-inf, x]
======================  =====================  ==============================
"""

from __future__ import annotations

from dataclasses import replace

from .models import Quantity

QUALIFIER_IDS = ("exact", "approx", "approx_below", "approx_above", "gt", "ge", "lt", "le")
APPROXIMATE_IDS = frozenset({"approx", "approx_below", "approx_above"})


def point(x: float, qualifier_id: str | None, *, tolerance: float) -> Quantity:
    """The interval asserted by a single number under a qualifier."""
    slack = abs(x) * tolerance
    q = qualifier_id or "exact"
    shapes = {
        "exact": (x, x, True, True),
        "approx": (x - slack, x + slack, True, True),
        "approx_below": (x - slack, x, True, False),
        "approx_above": (x, x + slack, False, True),
        "gt": (x, None, False, False),
        "ge": (x, None, True, False),
        "lt": (None, x, False, False),
        "le": (None, x, False, True),
    }
    if q not in shapes:
        raise ValueError(f"unknown qualifier id {q!r}; expected one of {', '.join(QUALIFIER_IDS)}")
    low, high, low_inc, high_inc = shapes[q]
    return Quantity(value=x, low=low, high=high, low_inclusive=low_inc, high_inclusive=high_inc,
                    approximate=q in APPROXIMATE_IDS)


def span(low: float, high: float, qualifier_id: str | None, *, tolerance: float) -> Quantity:
    """The interval asserted by a range "low to high", widened or opened by a qualifier on the range."""
    lo = point(low, qualifier_id, tolerance=tolerance)
    hi = point(high, qualifier_id, tolerance=tolerance)
    return Quantity(value=None, low=lo.low, high=hi.high, low_inclusive=lo.low_inclusive,
                    high_inclusive=hi.high_inclusive, approximate=lo.approximate)


def vague(low: float, high: float, qualifier_id: str | None) -> Quantity:
    """A vague amount ("dozens", "millions of") is the half-open interval [low, high) from the rules.

    A bounding qualifier keeps its side: "more than hundreds" opens the top.
    """
    q = Quantity(value=None, low=low, high=high, high_inclusive=False, vague=True)
    if qualifier_id in ("gt", "ge"):
        return replace(q, high=None, low_inclusive=qualifier_id == "ge")
    if qualifier_id in ("lt", "le"):
        return replace(q, low=None, low_inclusive=False)
    return q


def bounds_joined(first: Quantity, second: Quantity) -> Quantity | None:
    """ "more than 10 and less than 40": two one-sided bounds on the same figure, as the interval between them.

    None unless one bound is below-only and the other above-only and the interval between them is not empty
    ("more than 40 and less than 10" are two claims, not one).
    """
    lower = next((q for q in (first, second) if q.low is not None and q.high is None), None)
    upper = next((q for q in (first, second) if q.high is not None and q.low is None), None)
    if lower is None or upper is None or lower is upper:
        return None
    if lower.low > upper.high or (lower.low == upper.high and not (lower.low_inclusive and upper.high_inclusive)):
        return None
    return Quantity(value=None, low=lower.low, high=upper.high, low_inclusive=lower.low_inclusive,
                    high_inclusive=upper.high_inclusive, qualifier=" and ".join(q for q in (first.qualifier,
                                                                                            second.qualifier) if q),
                    unit=first.unit or second.unit, approximate=first.approximate or second.approximate)
