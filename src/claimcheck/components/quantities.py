""":mod:`claimcheck.components.quantities`: find numeric claims in a Doc, without a trained model.

The factory ``claimcheck_quantities`` adds one span per quantity to ``doc.spans["cc_quantities"]``; each span
covers the qualifier, the number (or range, or vague amount) and what it counts, e.g. "nearly five million
artillery shells", and carries ``span._.cc_quantity`` (a :class:`~claimcheck.models.Quantity`) and
``span._.cc_counted`` (the counted noun phrase, or None).

How it works: a CueMatcher built from ``rules/quantities.jsonl`` marks the cue words (qualifiers, increments,
range words, currencies, units, month names ...). A left-to-right scan then reads each number phrase with the
vocabulary of ``rules/numbers.json``, joins ranges, looks left for cues and right for a unit or a counted
noun (``rules/nouns.json`` and spaCy's lemma tables), and drops what is not a quantity (years, dates, times,
designations, scores, pronoun "one"; digit runs such as phone numbers are set aside before the scan). Last,
neighbouring claims that state one figure are merged ("5 feet 2 inches", "44 mg to 50 mg", "more than 10 and
less than 40").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import intervals
from ..lexicon import Lexicon, english_lexicon
from ..models import Quantity
from ..numbers import CONNECTORS, POWER_IN_TEXT, THOUSANDS_GROUP, NumberWords, is_ordinal, parse_digits
from ..rules import Rules, load_rules, ruler_patterns
from .cues import CueMatcher
from .extensions import CUES_KEY, EXCLUDED_KEY, NUMBERS_KEY, QUANTITIES_KEY, register

_HYPHENS = frozenset({"-", "–"})
_CLAUSE_ENDS = frozenset({".", ",", ";", "!", "?", ")"})
_PRONOUN_WORD_LIMIT = 10  # word numbers below this need a counted noun: "the two met", "one of them"


@Language.factory(
    "claimcheck_quantities",
    default_config={"rules_dir": None},
    assigns=["doc.spans", "span._.cc_quantity", "span._.cc_counted"],
)
def make_quantities(nlp: Language, name: str, rules_dir: str | None = None) -> QuantityFinder:
    """Build the component from a rules folder (``None``: the rules shipped with claimcheck)."""
    return QuantityFinder(nlp, load_rules(rules_dir), name=name)


@dataclass(frozen=True)
class _Number:
    """A number phrase read from the tokens: [start, end) token indices."""

    start: int
    end: int
    value: float | None
    vague: tuple[float, float] | None = None
    words_only: bool = False
    scale: float | None = None  # trailing scale word's multiplier ("twelve thousand" -> 1000)
    base: float | None = None  # the value without that trailing scale ("twelve")
    is_year_like: bool = False


class QuantityFinder:
    """The component: ``doc = finder(doc)``. Holds the compiled cues and vocabularies of one rules folder."""

    def __init__(self, nlp: Language, rules: Rules, *, name: str = "claimcheck_quantities",
                 lexicon: Lexicon | None = None):
        register()
        self.name = name
        self.numbers = NumberWords(rules.numbers)
        nouns = rules.nouns
        self.lexicon = lexicon or english_lexicon(frozenset(nouns.get("collective_heads", ())),
                                                  tuple(sorted(nouns.get("noun_lemmas", {}).items())))
        self.partitive = frozenset(nouns.get("partitive_heads", ()))
        self.max_counted = int(nouns.get("max_counted_tokens", 6))
        # stop words that still modify a counted noun ("two full racks", "five other workers")
        self.stop_modifiers = frozenset(nouns.get("stop_word_modifiers", ()))
        self.cues = CueMatcher(nlp, ruler_patterns(rules.quantity_patterns))
        n = self.numbers
        self._starters = n.words | set(n.vague) | n.negative_words | {"a", "an"}
        # (reason, regex, needs a digit): a shape written with \d is only looked for in text that has a digit,
        # which two paragraphs in three of news do not
        self.digit_shapes = [(row["reason"], re.compile(row["regex"]), "\\d" in row["regex"])
                             for row in rules.numbers.get("digit_shapes", ())]
        self._after_a = (set(n.scales) | set(n.multiples) | set(n.fractions) | set(n.denominators)
                         | {"few", "couple", "dozen"})

    # -- spaCy protocol ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: read once
        _merge_powers(doc, text)
        cues = self.cues(doc)
        doc.spans[CUES_KEY] = cues
        ctx = _Context(doc, cues)
        self._mark_digit_shapes(ctx, text)
        doc.spans[QUANTITIES_KEY] = self._join_neighbours(ctx, list(self.find(ctx)))
        doc.spans[NUMBERS_KEY] = ctx.numbers
        doc.spans[EXCLUDED_KEY] = ctx.excluded
        return doc

    def _mark_digit_shapes(self, ctx: _Context, text: str) -> None:
        """Dates, addresses, phone numbers ... found over the text (``digit_shapes`` in the rules): excluded with
        their reason, and no number phrase starts inside them."""
        doc = ctx.doc
        has_digit = _HAS_DIGIT(text) is not None
        for reason, pattern, needs_digit in self.digit_shapes:
            if needs_digit and not has_digit:
                continue
            for m in pattern.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=reason, alignment_mode="expand")
                if span is not None and not ctx.blocked.intersection(range(span.start, span.end)):
                    ctx.excluded.append(span)
                    ctx.blocked.update(range(span.start, span.end))

    # -- the scan -------------------------------------------------------------------------------------
    def find(self, ctx: _Context):
        """Yield quantity spans in document order; numbers read and numbers excluded are noted on ``ctx``."""
        doc = ctx.doc
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if i in ctx.blocked or not (tok.like_num or tok.lower_ in self._starters):
                i += 1
                continue
            number = self._read_number(doc, i, ctx)
            if number is None:
                i += 1
                continue
            ctx.record_number(number)
            span, resume = self._build(ctx, number)
            if span is not None:
                yield span
            i = max(resume, i + 1)

    def _join_neighbours(self, ctx: _Context, spans: list[Span]) -> list[Span]:
        """Merge neighbouring claims that state one figure: a figure and its smaller unit ("5 feet 2 inches"), a
        range with the unit on both ends ("44 mg to 50 mg") and two one-sided bounds ("greater than 100 and
        smaller than 300")."""
        doc = ctx.doc
        out: list[Span] = []
        for span in spans:
            prev = out[-1] if out else None
            joined = None
            if prev is not None and span.start == prev.end:
                joined = self._compound(prev, span)
            elif prev is not None and span.start == prev.end + 1:
                joined = self._joined(ctx, prev, span)
            if joined is None:
                out.append(span)
                continue
            start = prev.start
            if joined.value is None:  # a range: "between 44 mg and 50 mg" starts at "between"
                start_cue = ctx.cue_before(prev.start, "RANGE_START")
                start = start_cue.start if start_cue is not None else start
            merged = Span(doc, start, span.end, label="QUANTITY")
            merged._.cc_quantity = joined
            merged._.cc_counted = span._.cc_counted or prev._.cc_counted
            out[-1] = merged
        return out

    def _compound(self, prev: Span, span: Span) -> Quantity | None:
        """ "5 feet 2 inches", "3 dollars 50 cents", "15 dollars 50": a figure and its smaller unit, as one."""
        first, second = prev._.cc_quantity, span._.cc_quantity
        rule = self.numbers.compound_units.get(first.unit or "")
        if rule is None or first.value is None or second.value is None or first.qualifier or second.qualifier:
            return None
        per = float(rule["per_major"])
        if second.unit is None:
            # a bare number stands for the smaller unit only at the end of a clause: "It costs 15 dollars 50.",
            # not "The $2799 17'' Pro"
            after = _next_word(span.doc, span.end)
            if not rule.get("bare") or (after is not None and span.doc[after].text not in _CLAUSE_ENDS):
                return None
        elif second.unit != rule["minor"]:
            return None
        if not 0 <= second.value < per:
            return None
        total = first.value + second.value / per
        return replace(first, value=total, low=total, high=total)

    def _joined(self, ctx: _Context, prev: Span, span: Span) -> Quantity | None:
        first, second = prev._.cc_quantity, span._.cc_quantity
        joiner = ctx.doc[prev.end].lower_
        if joiner == "and":
            compound = self._compound(prev, span)  # "thirteen dollars and forty-five cents"
            if compound is not None:
                return compound
        if first.unit and second.unit and first.unit != second.unit:
            return None
        if joiner in self.numbers.bound_joiners:
            joined = intervals.bounds_joined(first, second)
            if joined is not None:
                return joined
        join = ctx.cue_at(prev.end, "RANGE_JOIN")
        if join is None or first.unit is None or second.unit is None or first.qualifier or second.qualifier \
                or first.value is None or second.value is None or first.additional or second.additional:
            return None
        word = join.text.lower()
        if word == "or":
            return None  # "128GB or 256GB": two options, not a range
        if word == "and" and ctx.cue_before(prev.start, "RANGE_START", text="between") is None:
            return None
        low = first.value
        scale = self._scale_in(span)
        if scale is not None and self._scale_in(prev) is None and low * scale < second.value:
            low *= scale  # "between $140 and $150 million": the scale reaches back
        high = second.value
        if low >= high:
            start = ctx.cue_before(prev.start, "RANGE_START", text="from")
            if start is None or start.start == 0 or ctx.doc[start.start - 1].lower_ not in self.numbers.range_verbs:
                return None  # "fell from $50 to $40" is a change, two claims, as for ranges of bare numbers
            low, high = high, low  # "temperatures ranged from -18 °C to -34 °C"
        return replace(intervals.span(low, high, None, tolerance=self.numbers.tolerance), unit=first.unit)

    def _scale_in(self, span: Span) -> float | None:
        return next((s for s in (self.numbers.scale_of(t.lower_) for t in span) if s is not None), None)

        # -- reading one number phrase --------------------------------------------------------------------
    def _read_number(self, doc: Doc, i: int, ctx: _Context | None = None) -> _Number | None:
        n, nw = len(doc), self.numbers
        first = doc[i].lower_
        j = i
        if first in ("a", "an") and i + 2 <= n and doc[i + 1].lower_ in nw.multiples_need_count and not (
                i + 2 < n and (doc[i + 2].lower_ == "of" or self.lexicon.is_plural_noun(doc[i + 2].lower_))):
            return None  # "for a score", "a couple": nouns; "a score of people", "a couple weeks" count
        if first in ("a", "an") and i + 1 < n and doc[i + 1].lower_ in nw.one_with_a:
            return _Number(i, i + 1, 1.0, words_only=True)  # "a gallon of beer", "a penny"
        if first in ("a", "an"):
            if i + 1 >= n or not (doc[i + 1].lower_ in self._after_a or (
                    doc[i + 1].lower_ in nw.tens and self._denominator_ahead(doc, i + 1))):  # "a twenty-first"
                return None
            j = i + 1
        word = doc[j].lower_
        if j > i and word in nw.denominators and _ends_phrase(doc, j + 1) and not (
                j + 1 < n and doc[j + 1].text in _HYPHENS):
            return self._finish(doc, i, j + 1)  # "a fifth", "a fifth of the vote"; not "an eighth-round"
        if word in nw.vague:
            return self._read_vague(doc, i, j)
        if self._word_is_no_number(ctx, doc, i, j):
            return None
        if word in ("couple",) and j + 2 < n and doc[j + 1].lower_ == "of" and doc[j + 2].lower_ in nw.scales:
            return self._finish(doc, i, j + 3)
        if first in nw.negative_words and i + 1 < n and self._is_number_token(doc[i + 1]):
            j = i + 1  # "minus five"
        elif not self._is_number_token(doc[j]):
            return None
        last, k = j, j + 1
        while k < n:
            if doc[k].is_space:  # "fifty   two": runs of spaces are tokens of their own
                k += 1
                continue
            if self._continues(doc, last, k):
                last, k = k, k + 1
                continue
            nxt = _next_word(doc, k + 1)
            if nxt is not None and self._connects(doc, last, k, nxt):
                last, k = nxt, nxt + 1
                continue
            break
        if last == j and word == "one" and i > 0 and doc[i - 1].lower_ in nw.pronoun_one_after:
            after = _next_word(doc, j + 1)
            lemma = self.lexicon.lemma(doc[after].lower_) if after is not None else None
            if lemma not in self.lexicon.nouns or lemma in self.lexicon.verbs:
                return None  # "the one you mentioned", "which one": a pronoun; but "that one mile" counts
        number = self._finish(doc, i, last + 1)
        return self._ratio(doc, number) if number is not None else None

    def _word_is_no_number(self, ctx: _Context | None, doc: Doc, i: int, j: int) -> bool:
        """Is the number word at j (after "a" at i when j > i) used as something else here: an ordinal, part of
        a compound, a noun ("his score"), a lone scale or fraction?"""
        n, nw = len(doc), self.numbers
        word = doc[j].lower_
        if j > i and word in nw.denominators and j + 1 < n \
                and doc[j + 1].is_alpha and doc[j + 1].lower_ not in ("of", "a", "an") \
                and doc[j + 1].lower_ not in nw.scales and doc[j + 1].lower_ not in nw.multiples \
                and not (ctx is not None and ctx.longest_at(j + 1, ("UNIT", "CURRENCY")) is not None) \
                and not nw.is_word(doc[j + 1].lower_):
            return True  # "a third employee", "a fifth time": ordinals; "a third of", "a half turn" are shares
        if word in nw.fractions and j + 2 < n and doc[j + 1].text in _HYPHENS \
                and doc[j + 2].lower_ in nw.fraction_compounds:
            return True  # "a third-party app", "his half-brother"; but "a half-hour", "a quarter-century"
        if j == i and word in nw.fractions and word.isalpha() and not self._fraction_stands(ctx, doc, i):
            return True  # "the second quarter", "second half"; but "half of", "half the milk", "about half"
        if j == i and word in nw.scales and not (i + 1 < n and doc[i + 1].lower_ in nw.scales):
            return True  # "USD million", "Thousand Oaks": a scale alone needs "a" or a number ("hundred thousand")
        if j == i and word in nw.multiples_need_count:
            return True  # "his score", "the couple"; but "a score of", "two pairs"
        return False

    def _fraction_stands(self, ctx: _Context | None, doc: Doc, i: int) -> bool:
        """Is a fraction word with no number before it a share ("half of", "half a million", "half the milk",
        "more than half")? Not in "the second half" or "a quarter" of a game."""
        nw = self.numbers
        if i + 1 < len(doc):
            nxt = doc[i + 1]
            if nxt.lower_ in ("of", "a", "an") or nxt.lower_ in nw.scales or nxt.lower_ in nw.multiples \
                    or nxt.text in _HYPHENS or nxt.lower_ in nw.reference_determiners:
                return True  # "half of", "half a million", "a half-dozen", "half-hour", "half the milk"
        return ctx is not None and ctx.cue_ending(i, ("QUALIFIER", "RANGE_START")) is not None

    def _ratio(self, doc: Doc, a: _Number) -> _Number:
        """ "one in five", "two out of three", "one over three": A/B as one number; else ``a`` unchanged.

        "in" needs A < B ("killed 12 in 2 attacks" is no ratio), "over" needs B to end the phrase ("5 over 3
        years" is no ratio), B may not be a year ("3 in 2020").
        """
        if a.value is None or a.vague is not None:
            return a
        for words in self.numbers.ratio_words:
            end = a.end + len(words)
            if end >= len(doc) or tuple(t.lower_ for t in doc[a.end:end]) != words:
                continue
            if not (doc[end].like_num or self.numbers.is_word(doc[end].lower_)):
                return a
            b = self._read_number(doc, end)
            if b is None or b.value is None or b.vague is not None or b.is_year_like or b.value == 0:
                return a
            if words == ("in",) and not a.value < b.value:
                return a
            if words == ("out", "of") and not a.value <= b.value:
                return a  # "12 out of 10" is two numbers
            if words == ("over",) and not _ends_phrase(doc, b.end):
                return a
            return _Number(a.start, b.end, a.value / b.value, words_only=a.words_only and b.words_only)
        return a

    def _read_vague(self, doc: Doc, i: int, j: int) -> _Number | None:
        """ "dozens", "millions of", "tens of thousands", "several hundred", "a few thousand"."""
        nw, n = self.numbers, len(doc)
        word = doc[j].lower_
        low, high = nw.vague[word]
        k = j + 1
        if word in nw.vague_needs_scale:
            if k < n and (doc[k].lower_ in nw.scales or doc[k].lower_ in nw.multiples):
                scale = nw.scales.get(doc[k].lower_) or nw.multiples[doc[k].lower_]  # "several hundred", "a few dozen"
                return _Number(i, k + 1, None, (low * scale, high * scale), words_only=True)
            return None
        if k + 1 < n and doc[k].lower_ == "of" and doc[k + 1].lower_ in nw.plural_scales:
            scale = nw.plural_scales[doc[k + 1].lower_]
            return _Number(i, k + 2, None, (low * scale, high * scale), words_only=True)
        if word in ("tens", "scores") and not (k < n and doc[k].lower_ == "of"):
            return None  # "tens" and "scores" count only in "tens of ...", "scores of ..."
        return _Number(i, k, None, (low, high), words_only=True)

    def _is_number_token(self, tok) -> bool:
        lower = tok.lower_
        if self.numbers.is_word(lower):
            return True
        return tok.like_num and not is_ordinal(lower) and parse_digits(tok.text) is not None

    def _continues(self, doc: Doc, last: int, k: int) -> bool:
        """Can token k extend the number phrase whose last token is ``last``?"""
        tok, prev = doc[k], doc[last]
        lower, nw = tok.lower_, self.numbers
        if lower in nw.compound_denominators:
            return prev.lower_ in nw.tens  # "three twenty firsts"
        if (lower in nw.cardinals or lower == "hundred") and (nw.is_word(prev.lower_) or prev.lower_ in ("a", "an")) \
                and self._denominator_ahead(doc, k):
            return True  # "three twenty-firsts", "one one hundred fifth": the denominator has words of its own
        if lower in nw.denominators and (nw.is_word(prev.lower_) or prev.lower_ in ("a", "an")):
            # "three fifths", "a trillionth"; after "a", a lone ordinal needs "of" or an end ("a fifth time")
            return lower.endswith("s") or prev.lower_ not in ("a", "an") or _ends_phrase(doc, k + 1)
        if prev.lower_ in nw.point_words or (prev.lower_ in nw.small and _after_point(doc, last, nw)):
            return lower in nw.small or lower in nw.tens
        prev_digits = parse_digits(prev.text) is not None
        if prev_digits:
            if lower in nw.scales or lower in nw.multiples or lower in nw.plural_multiples:
                return True
            if tok.text in nw.money_scales and not tok.is_lower:
                # "$20MM", "€10B"; never "1B Mark Teixeira" (first base)
                return not prev.whitespace_ and any(t.is_currency or t.text.endswith("$")
                                                    for t in doc[max(0, last - 3):last])  # "$140-150MM", "US$ 1MM"
            if lower == "m" and k + 1 < len(doc) and doc[k + 1].lower_ in nw.dimension_words:
                return False  # "1.8m tall", "a 48m wall": metres
            if lower in nw.scale_abbreviations:
                # "5 bn" may stand apart; single letters must be attached ("5m") or follow money ("£5 m")
                return not prev.whitespace_ or lower in nw.detached_abbreviations or (
                    tok.is_lower and any(t.is_currency or t.text.endswith("$") for t in doc[max(0, last - 2):last]))
            if _spaced_thousands(doc, last, k):
                return True  # "1 234 567", "40 000"
            # "2 1/2"
            return "/" in tok.text and parse_digits(tok.text) is not None and prev.text.isdigit()
        if prev.lower_ in ("a", "an") and last > 0 and (
                (lower in nw.fractions and doc[last - 1].lower_ == "and")  # "one and a half"
                or (lower in nw.scales and doc[last - 1].lower_ == "of")):  # "two thirds of a million"
            return True
        if (prev.lower_ == "hundred" or prev.lower_ in nw.scales) and (
                lower in nw.cardinals or (tok.text.isdigit() and len(tok.text) <= 2)):
            return True  # "two hundred thirty", "one million two thousand", "4 thousand 3 hundred"
        if not nw.is_word(prev.lower_):
            return False
        if lower in nw.fractions and prev.lower_ in nw.cardinals:
            return True  # "one half", "two thirds"
        if lower in nw.scales or lower in nw.multiples or lower in nw.plural_fractions or lower in nw.plural_multiples:
            return True
        if lower in nw.plural_scales and prev.lower_ in nw.cardinals:
            return True  # "five hundreds", "two thousands": a non-standard plural, still one number
        if lower in nw.small and prev.lower_ in nw.tens:  # "twenty one"
            return True
        if lower in nw.point_words and k + 1 < len(doc) and doc[k + 1].lower_ in nw.words:
            return True
        return False

    def _denominator_ahead(self, doc: Doc, k: int) -> bool:
        """Do the words after token k end in a denominator ("twenty-firsts", "hundred fifth")?"""
        nw = self.numbers
        for m in range(k + 1, min(len(doc), k + 5)):
            lower = doc[m].lower_
            if lower in nw.compound_denominators or (lower in nw.denominators and lower not in nw.fractions
                                                     and lower not in nw.plural_fractions):
                return True
            if not (nw.is_word(lower) or lower in _HYPHENS or lower == "and"):
                return False
        return False

    def _connects(self, doc: Doc, last: int, k: int, nxt_i: int) -> bool:
        """Does connector token k join the phrase ending at ``last`` to the word at ``nxt_i``?
        ("twenty-one", "fifty - two", "hundred and forty", "half a million", "one and a half")."""
        nw = self.numbers
        conn, prev, nxt = doc[k].lower_, doc[last].lower_, doc[nxt_i].lower_
        words = nw.cardinals
        if conn in _HYPHENS:
            if prev in nw.fractions and nxt in nw.multiples:
                return True  # "a half-dozen"
            if nxt in nw.scales and nxt != "hundred" and (prev in words or parse_digits(doc[last].text) is not None):
                return True  # "$140-million", "one-million dollars"
            if prev in words and nxt in nw.fractions:
                return True  # "one-half miles", "one-third"
            if prev in nw.tens and nxt in nw.compound_denominators:
                return True  # "twenty-first"
            return (prev in nw.tens and nxt in nw.small) or (
                (prev in words or prev in nw.scales) and (nxt in nw.plural_fractions or nxt in nw.denominators))
        if conn == "of":  # "two thirds of a million"
            after = _next_word(doc, nxt_i + 1)
            return ((prev in nw.fractions or prev in nw.plural_fractions) and nxt in ("a", "an")
                    and after is not None and doc[after].lower_ in nw.scales)
        if conn == "and":
            if (prev == "hundred" or prev in nw.scales) and (
                    nxt in words or (doc[nxt_i].text.isdigit() and len(doc[nxt_i].text) <= 2)):
                return True  # "three hundred and forty", "two thousand and two hundred", "3 hundred and 21"
            if prev == "hundred" and nxt in nw.denominators and nxt not in nw.fractions:
                return True  # "one one hundred and fifth"
            after = _next_word(doc, nxt_i + 1)
            if nxt in ("a", "an") and after is not None:
                return doc[after].lower_ in nw.fractions or doc[after].lower_ in nw.denominators
            # "twenty and three fifths": a fraction joined on
            return nw.is_word(prev) and nxt in words and any(
                doc[m].lower_ in nw.denominators for m in range(nxt_i + 1, min(len(doc), nxt_i + 4)))
        if conn in ("a", "an"):
            return prev in nw.fractions and (nxt in nw.scales or nxt in nw.multiples)
        return False

    def _finish(self, doc: Doc, start: int, end: int) -> _Number | None:
        # never end on a connector ("three hundred and" + "forty" failed)
        while end > start and doc[end - 1].lower_ in CONNECTORS:
            end -= 1
        if end <= start:
            return None
        end = self._and_ends_number(doc, start, end)
        nw = self.numbers
        if end - start == 2 and doc[start].lower_ in nw.cardinals and doc[start].lower_ != "one" \
                and doc[end - 1].lower_ in nw.denominators and not doc[end - 1].lower_.endswith("s"):
            end -= 1  # "the two millionth visitor": a fraction above one would say "millionths"
        money_scales = self.numbers.money_scales
        tokens = [money_scales.get(t.text) or t.lower_ for t in doc[start:end]]  # "MM" -> "million"
        value = self.numbers.value(tokens)
        if value is None:
            return None
        words_only = all(parse_digits(t) is None for t in tokens)
        scale = self.numbers.scale_of(tokens[-1]) if len(tokens) > 1 else None
        base = self.numbers.value(tokens[:-1]) if scale else None
        text = doc[start].text
        year_lo, year_hi = self.numbers.year_range
        year_like = (end - start == 1 and text.isdigit() and len(text) == 4 and year_lo <= int(text) <= year_hi)
        return _Number(start, end, value, words_only=words_only, scale=scale, base=base, is_year_like=year_like)

    def _and_ends_number(self, doc: Doc, start: int, end: int) -> int:
        """Where a phrase joined by "and" really ends: "3 hundred and 2 hundred" is two numbers (what follows
        "and" must be smaller than the scale before it), and so is "4 thousand 3 hundred and 0"."""
        nw = self.numbers
        if start > 0 and doc[start - 1].lower_ == "between" and not (end < len(doc) and doc[end].lower_ == "and"):
            # "between half and two-thirds": the "and" joins the range; but "between two hundred and fifty and
            # three hundred" keeps its compound, since another "and" follows
            first_and = next((k for k in range(start + 1, end - 1) if doc[k].lower_ == "and"), None)
            if first_and is not None:
                return first_and

        def scale(word: str) -> float:
            return 100.0 if word == "hundred" else nw.scale_of(word) or 0.0

        for k in range(start + 1, end - 1):
            if doc[k].lower_ != "and" or not scale(doc[k - 1].lower_):
                continue
            rest = [t.lower_ for t in doc[k + 1:end]]
            right, left = max(map(scale, rest)), max(scale(t.lower_) for t in doc[start:k])
            # the right part repeats a scale the left already has; "two hundred and two thousand" is one number
            if scale(doc[k - 1].lower_) <= right <= left or nw.value(rest) == 0:
                return k
        return end

    # -- ranges, cues, units, counted nouns -----------------------------------------------------------
    def _read_range(self, ctx: _Context, a: _Number) -> tuple[_Number, _Number, bool] | None:
        """A range "A to B", "A-B", "between A and B", "A or B": (A, B, is_score) or None."""
        doc, k = ctx.doc, a.end
        if k + 1 < len(doc) and doc[k].text in _HYPHENS and doc[k].whitespace_ and not doc[k - 1].whitespace_:
            k += 1  # "8- to 16-meter": the first number's hyphen waits for the unit of the second
        spread = ctx.cue_at(k, "PLUS_MINUS")
        if spread is not None and a.vague is None and a.value is not None and spread.end < len(doc):
            b = self._read_number(doc, spread.end)  # "9.83e-3 +/- 1e-5": [a - b, a + b]
            if b is not None and b.value is not None and b.value > 0:
                return replace(a, value=a.value - b.value), replace(b, value=a.value + b.value), False
        join = ctx.cue_at(k, "RANGE_JOIN")
        if join is None or a.vague is not None or k + 1 >= len(doc):
            return None
        word = join.text.lower()
        if word == "and" and ctx.cue_before(a.start, "RANGE_START", text="between") is None:
            return None
        nxt = doc[join.end]
        if not (nxt.like_num or self.numbers.is_word(nxt.lower_)):
            return None
        b = self._read_number(doc, join.end)
        if b is None or b.vague is not None or b.value is None:
            return None
        low = a.value
        if a.scale is None and b.scale is not None and b.base is not None and a.value < b.base:
            low = a.value * b.scale  # "between ten and twelve thousand": the scale reaches back
        if word in _HYPHENS and low >= b.value:
            return a, b, True  # "2-0" is a score, not a range
        if low >= b.value:
            return None  # "from 10 to 5" is a change, not a range
        return replace(a, value=low), b, False

    def _build(self, ctx: _Context, a: _Number) -> tuple[Span | None, int]:
        """Turn a number phrase into a quantity span (or None), and say where the scan resumes."""
        doc, tol = ctx.doc, self.numbers.tolerance
        rng = self._read_range(ctx, a)
        end = a.end
        left = a.start
        if rng is not None:
            a, b, is_score = rng
            if is_score:
                ctx.excluded.append(Span(doc, a.start, b.end, label="score"))
                return None, b.end
            ctx.record_number(b)
            end = b.end
            start_cue = ctx.cue_before(a.start, "RANGE_START")
            if start_cue is not None:
                left = start_cue.start
        # what stands before: qualifier, increment, currency symbol, in any order
        qualifier = currency = None
        additional = False
        for _ in range(3):
            cue = ctx.cue_ending(left, ("QUALIFIER", "INCREMENT", "CURRENCY"))
            if cue is None:
                break
            if cue.label_ == "QUALIFIER" and qualifier is None:
                qualifier = cue
            elif cue.label_ == "INCREMENT" and not additional:
                additional = True
            elif cue.label_ == "CURRENCY" and currency is None and (
                    _is_symbol_or_code(cue.text, cue.id_) or not doc[cue.end - 1].whitespace_):  # "euro30 billion"
                currency = cue.id_
            else:
                break
            left = cue.start
        # what stands after: postfix qualifier, "more", a unit or currency word, or a counted noun
        unit = currency
        after = ctx.cue_at(end, "QUALIFIER_AFTER")
        if after is not None and _starts_bound(doc, after.end, self.numbers):
            after = None  # "equal to 5000 or less than 6000": "or less" begins the next bound
        qualifier_id = qualifier.id_ if qualifier is not None else None
        qualifier_text = qualifier.text.lower() if qualifier is not None else None
        if after is not None:
            if after.id_ == "or_equal" and qualifier_id in _CLOSED:
                # "less than 5000 or equal": the bound becomes closed
                qualifier_id, end = _CLOSED[qualifier_id], after.end
                qualifier_text = f"{qualifier_text} {after.text.lower()}"
            elif after.id_ != "or_equal" and (qualifier is None or qualifier_id in _YIELDS_TO_AFTER):
                # "about five hundred or more", "equal to 5000 or less": the bound after says more
                qualifier, qualifier_id, qualifier_text, end = after, after.id_, after.text.lower(), after.end
        if ctx.cue_at(end, "INCREMENT_AFTER") is not None and ctx.cue_at(end, "QUALIFIER", text="more than") is None:
            additional, end = True, end + 1
        unit_cue = ctx.longest_at(end, ("UNIT", "CURRENCY"))
        if unit_cue is not None:
            # a word that is both a unit and a currency ("pounds"): money with a scale ("361 million pounds"), a
            # unit without one ("a baby of two pounds")
            scaled = a.scale is not None or (rng is not None and rng[1].scale is not None)
            wanted = "CURRENCY" if scaled else "UNIT"
            unit_cue = next((c for c in ctx.starts.get(end, ()) if c.label_ == wanted and len(c) == len(unit_cue)),
                            unit_cue)
        if unit_cue is not None and unit_cue.text in self.numbers.glued_units and doc[unit_cue.start - 1].whitespace_:
            unit_cue = None  # "-5C" is degrees, "the 5 C programme" is not
        if unit_cue is None and end + 1 < len(doc) and doc[end].text in _HYPHENS and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_:
            unit_cue = ctx.longest_at(end + 1, ("UNIT", "CURRENCY"))  # "a 3-inch screen", "a 12-cent dividend"
        if unit_cue is None and end + 2 < len(doc) and doc[end].text in _OPENING:
            inner = ctx.longest_at(end + 1, ("UNIT",))  # "20 (kg)", "20 {kg}"
            if inner is not None and inner.end < len(doc) and doc[inner.end].text == _OPENING[doc[end].text]:
                unit_cue = Span(doc, end, inner.end + 1, label="UNIT", span_id=inner.id_)
        if unit_cue is None and self._inch_after(doc, a, end):
            unit_cue = Span(doc, end, end + 1, label="UNIT", span_id="inch")  # "2 in thick", "5 ft 2 in"
        counted = None
        if unit_cue is not None and not (unit_cue.label_ == "CURRENCY" and currency):
            unit = unit_cue.id_
            end = unit_cue.end
            if unit_cue.label_ == "CURRENCY" and rng is None and a.scale is None and end < len(doc) \
                    and doc[end].lower_ in self.numbers.scales and a.value is not None:
                # "75 USD million": the scale after the code
                scale = self.numbers.scales[doc[end].lower_]
                a = replace(a, value=a.value * scale, scale=scale, base=a.value)
                end += 1
            if unit_cue.label_ == "UNIT" and self.lexicon.lemma(unit_cue.text.lower()) in self.partitive:
                end = self._partitive_tail(doc, end)
        elif unit is None:
            # "millions of shells", "two-thirds of voters": the amount is a part of what follows "of"
            partial = a.vague is not None or (a.value is not None and 0 < a.value < 1) \
                or doc[a.end - 1].lower_ in self.numbers.multiples  # "a score of people", "a dozen of them"
            glued = doc[end + 1].lower_ if end + 1 < len(doc) else ""
            if doc[end - 1].whitespace_ == "" and end + 1 < len(doc) and doc[end].text in _HYPHENS \
                    and not doc[end].whitespace_ and doc[end + 1].is_alpha \
                    and (self.lexicon.is_nominal(glued) or self.lexicon.is_plural_noun(glued)) \
                    and ctx.cue_at(end, "QUALIFIER_AFTER") is None and ctx.cue_at(end + 1, "QUALIFIER_AFTER") is None \
                    and not doc[end + 1].is_stop \
                    and not (end + 2 < len(doc) and doc[end + 2].text in _HYPHENS and not doc[end + 1].whitespace_):
                # (not "six-plus", nor "480-nautical-mile", which reads on)
                counted = doc[end + 1:end + 2]  # "the 1,000-member church" counts members, "a three-game streak" games
            else:
                counted = self._read_counted(doc, end, skip_of=partial)
            if counted is None and a.value is not None and a.value >= 2 and rng is None:
                counted = self._subset_counted(doc, end)  # "two of his brothers", "seven of its villages"
            if counted is not None:
                head = counted[-1]
                unit = self.lexicon.noun_lemma(head.lower_)
                end = counted.end
                if unit in self.partitive:
                    end = self._partitive_tail(doc, end)
        powers = self.numbers.unit_powers
        if unit is not None and counted is None and end < len(doc) and doc[end].lower_ in powers:
            unit, end = f"{powers[doc[end].lower_]} {unit}", end + 1  # "4 km squared" = 4 square kilometre
        if unit is not None and counted is None and unit != "percent":
            per = self._rate_unit(ctx, end)  # "188 miles an hour", "$15.4/hour", "50 km/ms"
            if per is not None:
                unit, end = f"{unit} per {per.id_}", per.end
        reason = self._not_a_quantity(ctx, a, rng is not None, qualifier, unit, counted)
        if reason is not None:
            ctx.excluded.append(Span(doc, a.start, rng[1].end if rng else a.end, label=reason))
            return None, max(end, a.end)
        quantity = self._quantity(a, rng, qualifier_id, tol)
        quantity = replace(quantity, unit=unit, additional=additional, qualifier=qualifier_text)
        span = Span(doc, left, end, label="QUANTITY")
        span._.cc_quantity = quantity
        span._.cc_counted = counted
        return span, end

    def _inch_after(self, doc: Doc, a: _Number, k: int) -> bool:
        """"in" after a number is inches only where a preposition could not be: before a dimension word or the
        end of the clause ("2 in thick", "my pencil is 2 in"), or after feet ("5 ft 2 in")."""
        if k >= len(doc) or doc[k].lower_ != "in":
            return False
        if a.start > 0 and doc[a.start - 1].lower_ in ("ft", "feet", "foot"):
            return True
        return k + 1 == len(doc) or (doc[k + 1].is_punct and doc[k + 1].text not in _HYPHENS) \
            or doc[k + 1].lower_ in self.numbers.dimension_words

    def _rate_unit(self, ctx: _Context, k: int) -> Span | None:
        """The unit after "per", "/", "a" or "an" at token k ("an hour"), which makes the unit a rate."""
        doc = ctx.doc
        if k + 1 >= len(doc) or doc[k].lower_ not in self.numbers.rate_words:
            return None
        per = ctx.longest_at(k + 1, ("UNIT",))
        if per is not None and per.end < len(doc) and doc[per.end].lower_ in self.numbers.not_rate_after:
            return None  # "$1.17 billion a year earlier": a time, not a rate
        return per

    def _quantity(self, a: _Number, rng, qid: str | None, tol: float) -> Quantity:
        if a.vague is not None:
            return intervals.vague(*a.vague, qid)
        if rng is not None:
            low, b, _ = rng
            return intervals.span(low.value, b.value, qid, tolerance=tol)
        return intervals.point(a.value, qid, tolerance=tol)

    def _read_counted(self, doc: Doc, k: int, *, skip_of: bool) -> Span | None:
        """The noun phrase a number counts: modifiers up to the first plural noun ("North Korean Hwasong-11
        missiles"), or up to the last nominal word when nothing is plural ("one missile")."""
        n, lex = len(doc), self.lexicon
        if skip_of and k < n and doc[k].lower_ == "of":
            k += 1
        start, m, last_nominal, head = k, k, None, None
        while m < n and m - start < self.max_counted:
            tok = doc[m]
            lower = tok.lower_
            if lower in _HYPHENS and m == start:
                m += 1  # "three-game streak": the hyphen joins, but is no noun itself ("110-" is nothing)
                continue
            if lower in _HYPHENS and m > start and not doc[m - 1].whitespace_ and not tok.whitespace_ \
                    and m + 1 < n and doc[m + 1].is_alpha:
                m += 1  # a compound: "short-range", "Korean-made"
                continue
            if not (tok.is_alpha or "-" in tok.text) or tok.like_num:
                break
            proper = (tok.is_title and m > 0 and not tok.is_sent_start) or (tok.is_upper and len(tok) > 1)
            compound = m > start and doc[m - 1].lower_ in _HYPHENS and not doc[m - 1].whitespace_
            if tok.is_stop and not (proper or compound or lower in self.stop_modifiers):  # "two full racks"
                break
            if lex.is_plural_noun(lower) and not (
                    lower in lex.collective and m + 1 < n and lex.is_plural_noun(doc[m + 1].lower_)
                    and doc[m + 1].lower_ not in lex.collective):
                head = m  # the first plural noun; but "crew members" counts members
                break
            if last_nominal == m - 1 and not proper and lower.endswith("ed") and lex.is_participle(lower) \
                    and not doc[m - 1].lower_.endswith("ly") \
                    and not any(lex.is_plural_noun(t.lower_) for t in doc[m + 1:min(n, m + 4)]):
                break  # "one man died", "747 plant species listed": the verb after the noun ends it
            if proper or lex.is_nominal(lower):
                last_nominal = m
            elif not lex.is_participle(lower):
                break
            m += 1
        end = head if head is not None else last_nominal
        if end is None:
            return None
        return doc[start:end + 1]

    def _subset_counted(self, doc: Doc, k: int) -> Span | None:
        """The plural noun of "of" + a determiner or possessive ("of his brothers", "of the victims"): a count of
        them. "one of them" stays a reference (no noun); so does "one of the victims" (the caller wants two or
        more)."""
        if k + 2 >= len(doc) or doc[k].lower_ != "of":
            return None
        det = doc[k + 1].lower_
        if det not in self.numbers.reference_determiners and det not in self.numbers.subset_determiners:
            return None
        counted = self._read_counted(doc, k + 2, skip_of=False)
        if counted is None or not self.lexicon.is_plural_noun(counted[-1].lower_):
            return None
        return counted

    def _partitive_tail(self, doc: Doc, end: int) -> int:
        """ "containers of ammunition": a partitive head takes its "of ..." phrase into the claim."""
        if end < len(doc) and doc[end].lower_ == "of":
            tail = self._read_counted(doc, end + 1, skip_of=False)
            if tail is not None:
                return tail.end
        return end

    def _not_a_quantity(self, ctx: _Context, a: _Number, is_range: bool, qualifier, unit, counted) -> str | None:
        """Why a number is not a quantity claim (year, date, time, designation, reference), or None if it is."""
        doc = ctx.doc
        if ctx.cue_ending(a.start, ("DATE_WORD",)) is not None or ctx.cue_at(a.end, "DATE_WORD") is not None:
            return "date"  # "March 14", "14 March"
        if ctx.cue_at(a.end, "TIME_AFTER") is not None:
            return "time"  # "10 a.m."
        described = unit is not None or qualifier is not None
        if a.is_year_like and not is_range and not described:
            return "year"  # "in 2000", "since 2022"
        if a.is_year_like and counted is not None and not self.lexicon.is_plural_noun(counted[-1].lower_) \
                and qualifier is None:
            return "year"  # "the 2024 election"
        last = doc[a.end - 1]
        if not last.whitespace_ and a.end < len(doc) and doc[a.end].is_alpha and last.text[-1].isdigit() \
                and ctx.longest_at(a.end, ("UNIT", "CURRENCY")) is None:
            return "designation"  # "5G": letters glued to the digits
        if a.start >= 2 and doc[a.start - 1].lower_ in ("and", ",", "to", "-", "or") \
                and doc[a.start - 2].like_num and ctx.cue_ending(a.start - 2, ("DATE_WORD",)) is not None:
            return "date"  # the "6" of "January 2 and 6"
        if a.start > 0 and qualifier is None and not is_range:
            prev = doc[a.start - 1]
            if ctx.cue_ending(a.start, ("NAME_BEFORE",)) is not None:
                return "designation"  # "Article 5", "Boeing 787"
            if (prev.is_title or (prev.is_alpha and prev.text[0].isupper())) and not prev.is_sent_start \
                    and not ctx.cue_ending(a.start, ("CURRENCY",)) \
                    and unit is None and a.scale is None:
                return "designation"  # "Voyager 2", "MagSafe 2"
        measured = unit is not None and counted is None  # a unit word: "the nine acre site" is a size
        if a.words_only and a.vague is None and not is_range and a.scale is None and a.start > 0 and not measured \
                and doc[a.start - 1].lower_ in self.numbers.reference_determiners \
                and a.value is not None and a.value < _PRONOUN_WORD_LIMIT:
            return "reference"  # "the two sides": things already named, not a count being claimed
        if a.words_only and a.vague is None and not is_range and unit is None and a.scale is None \
                and a.value is not None and a.value < _PRONOUN_WORD_LIMIT and a.value == int(a.value):
            return "reference"  # "one of them", "the two met"
        return None


_OPENING = {"(": ")", "[": "]", "{": "}", "<": ">"}
_HAS_DIGIT = re.compile(r"\d").search
# "less than X or equal": an open bound closed by the words after the number
_CLOSED = {"lt": "le", "gt": "ge"}
# qualifiers before a number that a bound after it overrides
_YIELDS_TO_AFTER = intervals.APPROXIMATE_IDS | {"exact"}


def _starts_bound(doc: Doc, k: int, nw: NumberWords) -> bool:
    """Is token k ("than 6000", "6000") the rest of a comparison with a number of its own?"""
    if k < len(doc) and doc[k].lower_ == "than":
        k += 1
    return k < len(doc) and (doc[k].like_num or nw.is_word(doc[k].lower_))


def _merge_powers(doc: Doc, text: str) -> None:
    """Make "1.1^23" and "1.3x10^6" one token each (the tokenizer cuts at "^" and "x"), so they read as a number."""
    if "^" not in text and "10−" not in text:
        return
    spans = [doc.char_span(m.start(), m.end()) for m in POWER_IN_TEXT.finditer(text)]
    with doc.retokenize() as retokenizer:
        for span in spans:
            if span is not None and len(span) > 1:
                retokenizer.merge(span)


def _spaced_thousands(doc: Doc, last: int, k: int) -> bool:
    """Is token k a group of three digits continuing a number written with spaces ("1 234 567", "40\u202f000")?

    The group before it has one to three digits (so "2015 100" is a year and a number), and they are apart by
    one space, or by one no-break space that the tokenizer keeps as a token of its own.
    """
    prev = doc[last]
    if not THOUSANDS_GROUP.match(doc[k].text) or not (prev.text.isdigit() and len(prev.text) <= 3):
        return False
    if k == last + 1:
        return prev.whitespace_ == " "
    return k == last + 2 and doc[last + 1].text in ("\u202f", "\u00a0") and not prev.whitespace_


def _next_word(doc: Doc, k: int) -> int | None:
    """The index of the first token from k on that is not whitespace."""
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k if k < len(doc) else None


def _ends_phrase(doc: Doc, k: int) -> bool:
    k2 = _next_word(doc, k)
    return k2 is None or doc[k2].is_punct or doc[k2].lower_ == "of"


def _after_point(doc: Doc, last: int, nw: NumberWords) -> bool:
    """Is token ``last`` among the digits spoken after "point"?"""
    m = last - 1
    while m >= 0 and (doc[m].lower_ in nw.small or doc[m].is_space):
        m -= 1
    return m >= 0 and doc[m].lower_ in nw.point_words


def _is_symbol_or_code(text: str, code: str) -> bool:
    """Before a number only a symbol ("$", "US$") or an ISO code ("USD", "usd 20") names a currency, not "won"."""
    return not text.isalpha() or text.isupper() or text.lower() == code.lower()


class _Context:
    """One Doc's cue spans, indexed by where they start and end, and what the scan noted on the way."""

    __slots__ = ("doc", "starts", "ends", "numbers", "excluded", "blocked", "_numbers_end")

    def __init__(self, doc: Doc, cues: list[Span]):
        self.doc = doc
        self.starts: dict[int, list[Span]] = defaultdict(list)
        self.ends: dict[int, list[Span]] = defaultdict(list)
        for cue in cues:
            self.ends[cue.end].append(cue)
            self.starts[cue.start].append(cue)
        self.numbers: list[Span] = []  # every number phrase read, quantities or not
        self.excluded: list[Span] = []  # numbers that are not quantity claims, labelled with the reason
        self.blocked: set[int] = set()  # tokens inside a digit shape that is not a quantity (a date, a phone number)
        self._numbers_end = 0

    def record_number(self, number: _Number) -> None:
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
