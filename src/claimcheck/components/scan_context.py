""":mod:`claimcheck.components.scan_context`: what the quantity scan knows about one Doc as it goes.

The cue spans of the Doc, indexed by where they start and end, and what the scan has noted: every number phrase
read, the numbers it judged no quantity (with the reason), and the tokens inside a digit shape.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .number_phrases import NumberPhrase


class ScanContext:
    """One Doc's cue spans, indexed by where they start and end, and what the scan noted on the way."""

    __slots__ = ("doc", "starts", "ends", "labels", "numbers", "excluded", "blocked", "_numbers_end")

    def __init__(self, doc: Doc, cues: list[Span]):
        self.doc = doc
        self.starts: dict[int, list[Span]] = defaultdict(list)
        self.ends: dict[int, list[Span]] = defaultdict(list)
        for cue in cues:
            self.ends[cue.end].append(cue)
            self.starts[cue.start].append(cue)
        self.labels = frozenset(cue.label_ for cue in cues)  # a rule whose cue is absent need not look
        self.numbers: list[Span] = []  # every number phrase read, quantities or not
        self.excluded: list[Span] = []  # numbers that are not quantity claims, labelled with the reason
        self.blocked: set[int] = set()  # tokens inside a digit shape that is not a quantity (a date, a phone number)
        self._numbers_end = 0

    def record_number(self, number: NumberPhrase) -> None:
        """Note a number phrase read, once (a range's second number is read twice)."""
        if number.start < self._numbers_end or number.value is None:
            return
        span = Span(self.doc, number.start, number.end, label="NUMBER")
        span._.cc_value = number.value
        self.numbers.append(span)
        self._numbers_end = number.end

    def cue_at(self, i: int, label: str, *, text: str | None = None) -> Span | None:
        """The first cue of ``label`` starting at token i (optionally with this lowercased text)."""
        return _first(self.starts.get(i, ()), label, text)

    def cue_before(self, i: int, label: str, *, text: str | None = None) -> Span | None:
        """The first cue of ``label`` ending at token i (optionally with this lowercased text)."""
        return _first(self.ends.get(i, ()), label, text)

    def longest_at(self, i: int, labels: tuple[str, ...]) -> Span | None:
        return _longest(self.starts.get(i, ()), labels)

    def cue_ending(self, i: int, labels: tuple[str, ...]) -> Span | None:
        return _longest(self.ends.get(i, ()), labels)


def _first(cues, label: str, text: str | None) -> Span | None:
    return next((c for c in cues if c.label_ == label and (text is None or c.text.lower() == text)), None)


def _longest(cues, labels: tuple[str, ...]) -> Span | None:
    found = [c for c in cues if c.label_ in labels]
    return max(found, key=len) if found else None
