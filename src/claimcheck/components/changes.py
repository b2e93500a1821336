""":mod:`claimcheck.components.changes`: "from A to B" as a change with both ends, not a range.

"The subsidy is falling from £61 million in 2008 to £23 million", "grew from 5.55 million to 12 million", "the
rate dropped to 9.7% in January, from 10%", "the range grew from up to 252 miles to 287 miles", "output rose from
24.2 to 33-35 billion euros", "employs 1,200, up from 900": both figures are claims, and each carries a
:class:`~claimcheck.models.Change` (which end it is, the lower and upper stated end, the direction) so that a
consumer can still read the pair as a range.

A change verb before "from" that the figures follow (``changes`` in ``rules/numbers.json``, as lemmas: "rise",
"fall", "grow") tells a change from a range ("from 10 to 20 people were killed" stays the range it was, so does
"reduced from 44 mg to 50 mg"); "up from" and "down from" pair the figure with the claim before it. A bare
"from" figure takes the scale and unit of the "to" figure ("from 24.2 to 33-35 billion euros": 24.2 billion
euros), as the scale of a range reaches back.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from ..models import Change, Quantity
from ..numbers import NumberWords

_FROM, _TO = "from", "to"
_PAIR_REACH = 20  # tokens from one end of a change to the other
_SCALE_REACH = 10  # "from 24.2 to 33 billion": the bare end takes the scale if it is within ten times the other's


class Changes:
    """The change words of one rules folder."""

    def __init__(self, *, up: frozenset[str], down: frozenset[str], either: frozenset[str],
                 up_down: frozenset[str], reach: int, numbers: NumberWords, lexicon: Lexicon):
        self.up, self.down, self.either = up, down, either
        self.up_down = up_down
        self.reach = reach
        self.numbers = numbers
        self.lexicon = lexicon

    @classmethod
    def from_rules(cls, numbers: dict, words: NumberWords, lexicon: Lexicon) -> Changes:
        table = numbers.get("changes", {})
        return cls(up=frozenset(table.get("up", ())), down=frozenset(table.get("down", ())),
                   either=frozenset(table.get("either", ())), up_down=frozenset(table.get("up_down", ())),
                   reach=int(table.get("reach", 4)), numbers=words, lexicon=lexicon)

    def verb_before(self, doc: Doc, from_index: int, *, rising: bool) -> bool:
        """Is there a change verb going that way among the few words before the "from" at ``from_index`` ("rose
        sharply from", "has been cut from", "an increase from")?"""
        agree = self.up if rising else self.down
        for k in range(from_index - 1, max(-1, from_index - 1 - self.reach), -1):
            tok = doc[k]
            if tok.is_punct or tok.like_num:
                return False
            for word in (tok.lower_, self.lexicon.lemma(tok.lower_)):
                if word in agree or word in self.either:
                    return True
                if word in self.up or word in self.down:
                    return False  # "reduced from 44 mg to 50 mg": the figures go against the verb, no change
        return False

    def mark(self, spans: list[Span]) -> None:
        """Pair the ends of each change among the quantity spans of a Doc and set their ``change``."""
        taken: set[int] = set()
        for i, span in enumerate(spans):
            if i in taken or _marker(span) != _FROM:
                continue
            j = self._other_end(spans, i, taken)
            if j is None:
                continue
            taken.update((i, j))
            self._set(spans[i], spans[j])

    def _other_end(self, spans: list[Span], i: int, taken: set[int]) -> int | None:
        """The "to" end of the change whose "from" end is ``spans[i]``: the nearest "to" figure in the sentence
        (after it, or before it: "dropped to 9.7% in January, from 10%"), or the claim before "up from"."""
        span, doc = spans[i], spans[i].doc
        for j in sorted(range(len(spans)), key=lambda j: abs(j - i)):
            other = spans[j]
            if j == i or j in taken or abs(other.start - span.start) > _PAIR_REACH or not _same_sentence(span, other):
                continue
            if _marker(other) == _TO and _units_agree(span, other):
                return j
        before = span.start - 2  # the word before "from"
        if before >= 0 and doc[before].lower_ in self.up_down and i > 0 and i - 1 not in taken \
                and _same_sentence(spans[i - 1], span) and _units_agree(spans[i - 1], span):
            return i - 1  # "1,200 people, up from 900"
        return None

    def _set(self, start: Span, end: Span) -> None:
        a, b = start._.cc_quantity, end._.cc_quantity
        a = self._reach_back(start, a, end, b)
        if a.unit is None and b.unit is not None:
            a = replace(a, unit=b.unit)
        elif b.unit is None and a.unit is not None:
            b = replace(b, unit=a.unit)
        (a_low, a_high), (b_low, b_high) = _stated(a), _stated(b)
        ends = [x for x in (a_low, a_high, b_low, b_high) if x is not None]
        low, high = (min(ends), max(ends)) if ends else (None, None)
        direction = None
        if None not in (a_low, a_high, b_low, b_high):
            direction = "up" if b_low > a_high else "down" if b_high < a_low else None
        start._.cc_quantity = replace(a, change=Change(_FROM, low, high, direction))
        end._.cc_quantity = replace(b, change=Change(_TO, low, high, direction))

    def _reach_back(self, start: Span, a: Quantity, end: Span, b: Quantity) -> Quantity:
        """ "from 24.2 to 33-35 billion euros": a bare "from" figure takes the scale of the "to" figure."""
        if a.unit is not None or a.value is None or a.vague or _scale(start, self.numbers) is not None:
            return a
        scale = _scale(end, self.numbers)
        top = b.value if b.value is not None else b.low
        if scale is None or top is None or not 0 < a.value * scale <= top * _SCALE_REACH:
            return a
        return replace(a, value=a.value * scale, low=_times(a.low, scale), high=_times(a.high, scale))


def _marker(span: Span) -> str | None:
    """ "from" or "to" right before the claim; a range that begins with "from" is a range, no end of a change."""
    doc = span.doc
    return doc[span.start - 1].lower_ if span.start > 0 and doc[span.start - 1].lower_ in (_FROM, _TO) else None


def _same_sentence(a: Span, b: Span) -> bool:
    first, last = (a, b) if a.start <= b.start else (b, a)
    return not any(t.is_sent_start for t in first.doc[first.start + 1:last.start + 1])


def _units_agree(a: Span, b: Span) -> bool:
    ua, ub = a._.cc_quantity.unit, b._.cc_quantity.unit
    return ua is None or ub is None or ua == ub


def _stated(q: Quantity) -> tuple[float | None, float | None]:
    """The figure as stated, before a qualifier widens or opens it: "up to 252" is 252."""
    if q.value is not None:
        return q.value, q.value
    return q.low, q.high


def _scale(span: Span, numbers: NumberWords) -> float | None:
    return next((s for s in (numbers.scale_of(t.lower_) for t in span) if s is not None), None)


def _times(x: float | None, scale: float) -> float | None:
    return None if x is None else x * scale
