""":mod:`claimcheck.components.designations`: when a number is part of a name rather than a quantity.

"iPhone 14", "the S&P 500 fell", "the benchmark Stoxx 600 index", "two new 737 Max jets", "Model 3 sedans", "ZIP
Code 90049", "No. 2 FBI official", "Formula One racing team", "a Beriev 200 airplane": a name right before the
number (capitalised, CamelCase or an acronym), a name word of the rules (``NAME_BEFORE`` in
``rules/quantities.jsonl``: "Article", "Boeing", "No.", "Model"), a name that carries its number (``NUMBERED_NAME``:
index names such as "S&P", "FTSE", "Fortune") or a model word right after it (``model_words`` in
``rules/numbers.json``: "Max", "Pro", "Ultra") makes the number part of the name; unless a unit follows, or a
counted noun that the name does not explain ("In Gaza 40 people died", "Apple sold 10 million iPhones").

No spaCy model is involved: the decision reads the cue spans and the shape of the neighbouring tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicon import Lexicon

if TYPE_CHECKING:
    from .number_phrases import NumberPhrase
    from .scan_context import ScanContext


def is_camel_case(tok: Token) -> bool:
    """ "iPhone", "BlackBerry", "GarageBand": letters only, with a capital after a small letter."""
    text = tok.text
    return tok.is_alpha and any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False))


def _capitalised(tok: Token) -> bool:
    return tok.is_title or (tok.is_alpha and tok.text[0].isupper())


class Designations:
    """The name words of one rules folder, and the rule that reads a number as part of a name."""

    def __init__(self, model_words: frozenset[str], lexicon: Lexicon):
        self.model_words = model_words
        self.lexicon = lexicon

    def names(self, ctx: ScanContext, a: NumberPhrase, *, is_range: bool, qualifier: Span | None,
              unit: str | None, counted: Span | None) -> bool:
        """Is the number phrase ``a`` part of a name? ``unit`` and ``counted`` are what the scan found after it."""
        doc = ctx.doc
        measured = unit is not None and counted is None  # a unit or currency after the figure: "Nikkei 225 points"
        last = doc[a.end - 1]
        if not last.whitespace_ and a.end < len(doc) and doc[a.end].is_alpha and last.text[-1].isdigit() \
                and ctx.longest_at(a.end, ("UNIT", "CURRENCY")) is None:
            return True  # "5G": letters glued to the digits
        if a.start == 0 or qualifier is not None or is_range:
            return False
        prev = doc[a.start - 1]
        if ctx.cue_ending(a.start, ("NUMBERED_NAME",)) is not None and not measured:
            return True  # "the S&P 500 fell", "Fortune 500 companies": the name carries its number
        if ctx.cue_ending(a.start, ("NAME_BEFORE",)) is not None:
            return True  # "Article 5", "Boeing 787", "No. 2 FBI official", "Model 3 sedans"
        if a.scale is not None:
            return False  # "10 million iPhone units", "Apple 5 billion": a count or an amount
        name_before = _capitalised(prev) and not prev.is_sent_start and not ctx.cue_ending(a.start, ("CURRENCY",))
        if name_before and unit is None:
            return True  # "Voyager 2", "MagSafe 2"
        if a.words_only and a.unit is None:
            # "Formula One racing team", "Air Force One landed"; not a headline in title case ("Say Two Men Died")
            nxt = doc[a.end] if a.end < len(doc) else None
            return name_before and doc[a.start].is_title and not (nxt is not None and _capitalised(nxt))
        if is_camel_case(prev) and not measured:
            return True  # "iPhone 14", "BlackBerry 10 platform": the noun after is the name's
        if a.end < len(doc) and doc[a.end].is_title and doc[a.end].lower_ in self.model_words:
            return True  # "737 Max jets", "11 Pro Max", "Galaxy Note 20 Ultra"
        if name_before and counted is not None and a.value != 1 \
                and not self.lexicon.is_plural_form(counted[-1].lower_):
            return True  # "a Beriev 200 airplane": a count above one would name airplanes
        if prev.is_upper and prev.is_alpha and len(prev) > 1 and not prev.is_sent_start \
                and not measured and ctx.longest_at(a.start - 1, ("UNIT", "CURRENCY")) is None:
            # "IE 9 versions", "USB 3.0 ports", "AK 47 rifles": an acronym before digits names a model, even
            # with a noun after it; not "AMD +0.26%" (a measure) or "THAT TWO MEN" (capitals throughout)
            return True
        return self._model_name_after(ctx, a, counted)

    def _model_name_after(self, ctx: ScanContext, a: NumberPhrase, counted: Span | None) -> bool:
        """ "the new 787 Dreamliner": a bare whole number in digits, then a capitalised word the lexicon does not
        know and that is no plural, names a model. Not "14 Boeing 787s" (a maker the rules name: a count of its
        aircraft) nor "5 Democrats", "43 RBIs"."""
        doc = ctx.doc
        if counted is None or counted.start != a.end or a.value is None or a.value != int(a.value):
            return False
        word = doc[a.end]
        lower = word.lower_
        if not word.is_title or lower.endswith("s") or ctx.cue_at(a.end, "NAME_BEFORE") is not None:
            return False  # "43 RBIs", "11 Yemenis": plurals the lexicon does not know
        lex = self.lexicon
        return (not lex.is_plural_form(lower) and lower not in lex.nouns and lower not in lex.adjectives
                and not lex.is_plural_form(counted[-1].lower_))
