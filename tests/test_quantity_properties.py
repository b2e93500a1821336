"""Properties of the quantity scan over arbitrary strings of number words, symbols and units: it never raises,
every interval is ordered, a stated value lies inside its interval, and every span is exact text of the Doc."""

from hypothesis import given, settings
from hypothesis import strategies as st

_PIECES = ["a", "the", "one", "two", "three", "twenty", "hundred", "thousand", "million", "half", "third", "fifths",
           "first", "-", "–", "and", "or", "to", "between", "from", "more", "than", "less", "equal", "%",
           "percent", "$", "£", "usd", "USD", "m", "k", "M", "MM", "in", "ft", "inches", "°", "C", "(", ")", "{",
           "<", ">", "≤", "±", "+/-", "^", "x", "10", "1.5", "3,000", "12,34,567", "1.111,11", "2^10", "of", "his",
           "crew", "members", "score", "couple", "dozen", "several", "dozens", "tens", "per", "hour", "year",
           "earlier", "ranged", "-5", "−12", "5k", "8-", "16-meter", "euro30", "billion", "MagSafe", "block", "at",
           "point", "wounded", "full", "racks", ",", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), st.sampled_from([" ", ""]))
def test_scan_is_total_and_intervals_are_ordered(nlp, pieces, sep):
    text = sep.join(pieces)
    doc = nlp(text)
    for span in doc.spans["cc_quantities"]:
        q = span._.cc_quantity
        assert text[span.start_char:span.end_char] == span.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, (span.text, q)
        if q.value is not None and not q.approximate:
            assert (q.low is None or q.low <= q.value) and (q.high is None or q.value <= q.high), (span.text, q)
