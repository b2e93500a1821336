""":mod:`claimcheck.components.ellipsis`: a number whose noun was left out counts the noun named just before.

"Fifty employees were laid off at Ogden, 170 in Pueblo and 80 in Centennial", "18 states follow the federal
minimum, while 24 already have higher rates", "2,000 homes burned and nearly 70,000 more are at risk", "four
airlines closed and five others grounded", "24 of 26 Swiss Cantons": the bare number counts employees, states,
homes, airlines, cantons. Three shapes, with the words from ``elided_nouns`` in ``rules/nouns.json``:

- a bare number right before "of" and a number that counts something ("24 of 26 Swiss Cantons");
- a number followed by an anaphoric word ("70,000 more", "five others");
- a bare number after a joiner (",", "and", "while") whose previous claim, in the same sentence, counts a noun;
- bare figures listed right before one with a unit: "3, 5 and 7 km".

Only the quantity's unit is filled; the span is not widened, since the noun is not written there.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

_LIST_JOINERS = frozenset({",", "and", "or"})  # "3, 5 and 7 km"


class Ellipsis:
    """The ellipsis words of one rules folder."""

    def __init__(self, *, joiners: frozenset[str], anaphors: frozenset[str]):
        self.joiners = joiners
        self.anaphors = anaphors

    @classmethod
    def from_rules(cls, nouns: dict) -> Ellipsis:
        table = nouns.get("elided_nouns", {})
        return cls(joiners=frozenset(table.get("joiners", ())), anaphors=frozenset(table.get("anaphors", ())))

    def fill(self, spans: list[Span]) -> None:
        """Give each quantity span whose noun was left out the unit of the noun it takes from its neighbours."""
        counts: dict[int, str] = {}  # span index -> the noun it counts (written or filled in)
        for i, span in enumerate(spans):
            q = span._.cc_quantity
            counted = span._.cc_counted
            if counted is not None and counted[-1].lower_ not in self.anaphors:
                counts[i] = q.unit
                continue
            if not self._bare(span, counted):
                continue
            noun = self._of_next(spans, i) or self._before(spans, i, counts, anaphoric=counted is not None)
            if noun is not None:
                span._.cc_quantity = replace(q, unit=noun)
                counts[i] = noun

    @staticmethod
    def share_units(spans: list[Span]) -> None:
        """ "3, 5 and 7 km": bare figures listed before one with a unit (not a counted noun) are in that unit. Run
        after neighbours are joined, so "40, 45 minutes" is one range first."""
        for i in range(len(spans) - 2, -1, -1):
            span, nxt = spans[i], spans[i + 1]
            q, after = span._.cc_quantity, nxt._.cc_quantity
            if q.unit is not None or span._.cc_counted is not None or q.vague or nxt._.cc_counted is not None \
                    or after.unit is None or nxt.start != span.end + 1 \
                    or span.doc[span.end].lower_ not in _LIST_JOINERS:
                continue
            span._.cc_quantity = replace(q, unit=after.unit)

    def _bare(self, span: Span, counted: Span | None) -> bool:
        """A whole count with no unit, or with only an anaphoric word for a noun ("five others")."""
        q = span._.cc_quantity
        if q.vague or q.value is None or q.value != int(q.value) or q.value < 1:
            return False
        return q.unit is None or (counted is not None and counted[-1].lower_ in self.anaphors)

    @staticmethod
    def _of_next(spans: list[Span], i: int) -> str | None:
        """ "24 of 26 Swiss Cantons": the next claim, right after "of", counts a noun."""
        span = spans[i]
        if i + 1 >= len(spans) or span.end >= len(span.doc) or span.doc[span.end].lower_ != "of":
            return None
        nxt = spans[i + 1]
        return nxt._.cc_quantity.unit if nxt.start == span.end + 1 and nxt._.cc_counted is not None else None

    def _before(self, spans: list[Span], i: int, counts: dict[int, str], *, anaphoric: bool) -> str | None:
        """The noun of the previous claim, in the same sentence, when this one is joined to it ("..., 170 in
        Pueblo and 80") or refers back to it ("70,000 more", "five others")."""
        if i == 0 or i - 1 not in counts:
            return None
        span, prev = spans[i], spans[i - 1]
        doc = span.doc
        if any(doc[k].is_sent_start for k in range(prev.end, span.start + 1)):
            return None
        last = doc[span.end - 1].lower_
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if anaphoric or last in self.anaphors or after in self.anaphors:
            return counts[i - 1]  # "nearly 70,000 more", "five others"
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in self.joiners and not any(t.like_num for t in doc[prev.end:span.start]):
            return counts[i - 1]  # "..., 170 in Pueblo and 80 in Centennial"
        return None
