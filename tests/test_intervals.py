import math

import pytest

from claimcheck import intervals


@pytest.mark.parametrize("qid,low,high,low_inc,high_inc,approx", [
    (None, 100, 100, True, True, False),
    ("exact", 100, 100, True, True, False),
    ("approx", 90, 110, True, True, True),
    ("approx_below", 90, 100, True, False, True),
    ("approx_above", 100, 110, False, True, True),
    ("gt", 100, None, False, False, False),
    ("ge", 100, None, True, False, False),
    ("lt", None, 100, False, False, False),
    ("le", None, 100, False, True, False),
])
def test_point_semantics(qid, low, high, low_inc, high_inc, approx):
    q = intervals.point(100, qid, tolerance=0.1)
    assert (q.low, q.high) == (pytest.approx(low) if low else low, pytest.approx(high) if high else high)
    assert (q.low_inclusive, q.high_inclusive, q.approximate) == (low_inc, high_inc, approx)
    assert q.value == 100


def test_nearly_and_more_than_do_not_overlap():
    """The seeds' "nearly five million" and "more than 5 million" must be disjoint intervals."""
    nearly = intervals.point(5e6, "approx_below", tolerance=0.1)
    more = intervals.point(5e6, "gt", tolerance=0.1)
    assert nearly.high == more.low and not nearly.high_inclusive and not more.low_inclusive


def test_negative_values_widen_symmetrically():
    q = intervals.point(-10, "approx", tolerance=0.1)
    assert q.low == pytest.approx(-11) and q.high == pytest.approx(-9)


def test_range_with_qualifier():
    q = intervals.span(10, 12, "approx", tolerance=0.1)
    assert q.value is None and q.low == pytest.approx(9) and q.high == pytest.approx(13.2)
    assert intervals.span(10, 12, "le", tolerance=0.1).low is None


def test_vague_is_half_open_and_keeps_bounding_qualifiers():
    q = intervals.vague(24, 100, None)
    assert (q.low, q.high, q.high_inclusive, q.vague) == (24, 100, False, True)
    assert intervals.vague(24, 100, "gt").high is None


def test_unknown_qualifier_names_the_known_ones():
    with pytest.raises(ValueError, match="approx_below"):
        intervals.point(1, "roughly", tolerance=0.1)


def test_no_nan():
    assert not math.isnan(intervals.point(0, "approx", tolerance=0.1).low)
