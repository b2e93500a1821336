""":mod:`claimcheck.components.years`: is a four-digit number a year or a count?

"in 2000" and "the 2024 election" are years, "2022 soldiers" is a count; "the 2022 elections", "2021 protests",
"the 2020 farmers protest", "In 2021 Russian imports" are years although a plural noun follows. Without a parser
the noun decides: a noun the rules count people or things by (the classes of ``rules/measures.json``, the
collective heads of ``rules/nouns.json``) makes a count; a noun that names an event or a period's figure
(``dated_nouns`` in ``rules/nouns.json``), or a preposition or determiner before the number (``year_before`` in
``rules/numbers.json``: "in", "since", "the"), makes a year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..lexicon import Lexicon

if TYPE_CHECKING:
    from .number_phrases import NumberPhrase
    from .scan_context import ScanContext


class Years:
    """The year words of one rules folder."""

    def __init__(self, *, dated: frozenset[str], countable: frozenset[str], before: frozenset[str],
                 lexicon: Lexicon):
        self.dated = dated
        self.countable = countable
        self.before = before
        self.lexicon = lexicon

    @classmethod
    def from_rules(cls, numbers: dict, nouns: dict, measures: dict, lexicon: Lexicon) -> Years:
        countable = {w for c in measures.get("classes", {}).values() for w in (*c.get("generic", ()),
                                                                              *c.get("specific", ()))}
        countable.update(nouns.get("collective_heads", ()))
        countable.update(nouns.get("participle_nouns", ()))
        return cls(dated=frozenset(nouns.get("dated_nouns", ())), countable=frozenset(countable),
                   before=frozenset(numbers.get("year_before", ())), lexicon=lexicon)

    def is_year(self, ctx: ScanContext, a: NumberPhrase, *, is_range: bool, qualifier: Span | None,
                unit: str | None, counted: Span | None) -> bool:
        """Is ``a`` a year here? ``unit`` and ``counted`` are what the scan found after it."""
        if not a.is_year_like or is_range or qualifier is not None:
            return False  # "about 2000 people", "from 2008 to 2012" (the scan's own year range)
        if unit is None:
            return True  # "in 2000", "since 2022"
        if counted is None:
            return False  # a unit: "2000 km"
        lex = self.lexicon
        doc = ctx.doc
        head = counted[-1].lower_
        if not lex.is_plural_form(head) and head not in self.countable:
            return True  # "the 2024 election", "a 2007 study"
        if unit in self.dated:
            return True  # "the 2022 elections", "2021 protests"
        after_year = a.start > 0 and doc[a.start - 1].lower_ in self.before
        after = doc[counted.end] if counted.end < len(doc) else None
        if after_year and after is not None and after.is_alpha and not lex.is_plural_form(after.lower_) \
                and lex.noun_lemma(after.lower_) in self.dated:
            return True  # "the 2020 farmers protest"; not "2000 farmers protest" (a count and its verb)
        if unit in self.countable or head in self.countable:
            return False  # "2022 soldiers", "in 1500 people"
        return after_year  # "In 2021 Russian imports"
