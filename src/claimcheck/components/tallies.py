""":mod:`claimcheck.components.tallies`: vote tallies are two counts of votes, not a score or a change.

"By a majority of 378 to 262", "the bill passed in the Senate, 81–16", "the court voted 5-4": two numbers joined by
"to" or a dash, the first not below the second, after a vote word (``TALLY`` cues of ``rules/quantities.jsonl``)
with no other number in between, are each a count in ``tally_unit`` ("vote", ``rules/numbers.json``). Without
such a word "2-0" stays a score and "from 10 to 5" a change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .number_phrases import NumberPhrase, NumberPhraseReader
    from .scan_context import ScanContext

_JOINS = frozenset({"to", "-", "–", "—"})
_REACH = 10  # tokens from the vote word to the tally: "passed in the Senate, 81–16"


class Tallies:
    """The tally rule of one rules folder: its unit, and the reader that reads a tally's second number."""

    def __init__(self, unit: str | None, reader: NumberPhraseReader):
        self.unit = unit
        self.reader = reader

    def is_tally(self, ctx: ScanContext, a: NumberPhrase) -> bool:
        """Is ``a`` either number of a vote tally?"""
        if self.unit is None or a.value is None or a.vague is not None or "TALLY" not in ctx.labels:
            return False
        doc = ctx.doc
        if a.end + 1 < len(doc) and doc[a.end].lower_ in _JOINS:
            b = self.reader.read(doc, a.end + 1)
            if b is not None and b.value is not None and b.value <= a.value and self._vote_before(ctx, a.start):
                return True  # the first: "378" of "378 to 262"
        if a.start >= 2 and doc[a.start - 1].lower_ in _JOINS:
            first = _number_ending(ctx, a.start - 1)
            return first is not None and first[1] >= a.value and self._vote_before(ctx, first[0])  # the "262"
        return False

    @staticmethod
    def _vote_before(ctx: ScanContext, start: int) -> bool:
        """A vote word within reach before token ``start``, in its sentence, with no number in between."""
        doc = ctx.doc
        for k in range(start - 1, max(-1, start - 1 - _REACH), -1):
            if ctx.cue_before(k + 1, "TALLY") is not None:
                return True
            if doc[k].like_num or doc[k].is_sent_start:
                return False
        return False


def _number_ending(ctx: ScanContext, end: int) -> tuple[int, float] | None:
    """(start, value) of the number phrase the scan read that ends at token ``end``: a tally's first number."""
    for span in reversed(ctx.numbers):
        if span.end == end:
            return span.start, span._.cc_value
        if span.end < end:
            return None
    return None
