""":mod:`claimcheck.components.ages`: ages are a unit of their own, ``year of age``.

"A 55-year-old man", "33 years old", "18 years of age", "at the age of 64", "under the age of 26", "aged 8", "Reid,
33, was arrested", "children under 10": the figure is an age, not a duration ("for 3 years") nor a bare number.
The words come from ``ages`` in ``rules/numbers.json`` (the age unit of each time unit, the words after it) and
the ``AGE_BEFORE`` cues of ``rules/quantities.jsonl``; who has an age ("children under 10") from the person class
of ``rules/measures.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon

if TYPE_CHECKING:
    from .number_phrases import NumberPhrase
    from .scan_context import ScanContext

_HYPHENS = frozenset({"-", "–"})
_AFTER_APPOSITION = frozenset({",", ")", ";"})
_OLDEST = 120  # no one is older: "Reid, 330," is no age
_BOUNDS = frozenset({"lt", "le", "gt", "ge"})


class Ages:
    """The age words of one rules folder."""

    def __init__(self, *, units: dict[str, str], after: tuple[tuple[str, ...], ...], people: frozenset[str],
                 lexicon: Lexicon):
        self.units = units  # time unit -> its age unit: "year" -> "year of age"
        self.after = after  # word sequences after the time unit that make it an age: ("old",), ("of", "age")
        self.people = people
        self.lexicon = lexicon
        self.year = units.get("year")

    @classmethod
    def from_rules(cls, numbers: dict, measures: dict, lexicon: Lexicon) -> Ages:
        table = numbers.get("ages", {})
        person = measures.get("classes", {}).get("person", {})
        return cls(units=dict(table.get("units", {})),
                   after=tuple(tuple(w.lower().split()) for w in table.get("after", ())),
                   people=frozenset((*person.get("generic", ()), *person.get("specific", ()))), lexicon=lexicon)

    def unit(self, ctx: ScanContext, a: NumberPhrase, *, unit: str | None, counted: Span | None, end: int,
             age_cue: bool, qualifier: Span | None) -> tuple[str | None, int]:
        """The unit and end of the claim once ages are read: ("year of age", after "-old") for "55-year-old",
        or what the scan had."""
        doc = ctx.doc
        if counted is None and unit in self.units:
            k = self._age_words_end(doc, end)
            if k is not None:
                return self.units[unit], k  # "55-year-old", "33 years old", "18 years of age"
            if age_cue:
                return self.units[unit], end  # "aged 6 months"
            return unit, end
        if unit is not None or counted is not None or self.year is None:
            return unit, end
        if age_cue or self._apposition(ctx, a) or self._person_bound(doc, qualifier):
            return self.year, end  # "at the age of 64", "Reid, 33,", "children under 10"
        return unit, end

    def _age_words_end(self, doc: Doc, k: int) -> int | None:
        """Where "old" or "of age" after a time unit ends ("-year-old": the hyphen is skipped), or None."""
        if k < len(doc) and doc[k].text in _HYPHENS:
            k += 1
        for words in self.after:
            if tuple(t.lower_ for t in doc[k:k + len(words)]) == words:
                return k + len(words)
        return None

    @staticmethod
    def _apposition(ctx: ScanContext, a: NumberPhrase) -> bool:
        """ "Reid, 33, was arrested": a whole number between commas after a name is the person's age."""
        doc = ctx.doc
        if a.words_only or a.value is None or a.value != int(a.value) or not 0 < a.value < _OLDEST \
                or a.start < 2 or a.end >= len(doc):
            return False
        name = doc[a.start - 2]
        return (doc[a.start - 1].text == "," and doc[a.end].text in _AFTER_APPOSITION and name.is_alpha
                and name.text[0].isupper() and not name.is_upper
                and ctx.cue_ending(a.start - 1, ("DATE_WORD",)) is None)

    def _person_bound(self, doc: Doc, qualifier: Span | None) -> bool:
        """ "children under 10", "adults over 65": a bound right after people, with no noun after it, is an age."""
        if qualifier is None or qualifier.id_ not in _BOUNDS or qualifier.start == 0:
            return False
        before = doc[qualifier.start - 1]
        return before.is_alpha and self.lexicon.noun_lemma(before.lower_) in self.people
