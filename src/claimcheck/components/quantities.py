""":mod:`claimcheck.components.quantities`: find numeric claims in a Doc, without a trained model.

The factory ``claimcheck_quantities`` adds one span per quantity to ``doc.spans["cc_quantities"]``; each span
covers the qualifier, the number (or range, or vague amount) and what it counts, e.g. "nearly five million
artillery shells", and carries ``span._.cc_quantity`` (a :class:`~claimcheck.models.Quantity`) and
``span._.cc_counted`` (the counted noun phrase, or None).

How it works: a CueMatcher built from ``rules/quantities.jsonl`` marks the cue words (qualifiers, increments,
range words, currencies, units, month names ...). A left-to-right scan then reads each number phrase
(:mod:`~claimcheck.components.number_phrases`, with the vocabulary of ``rules/numbers.json``), joins ranges,
looks left for cues and right for a unit or a counted noun (``rules/nouns.json`` and spaCy's lemma tables), and
drops what is not a quantity (years, dates, times,
designations, scores, pronoun "one"; digit runs such as phone numbers are set aside before the scan). Last,
neighbouring claims that state one figure are merged ("5 feet 2 inches", "44 mg to 50 mg", "more than 10 and
less than 40").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import intervals
from ..lexicon import Lexicon, lexicon_for
from ..models import Quantity
from ..numbers import NumberWords, has_digit, is_money_unit
from ..rules import Rules, load_rules, ruler_patterns
from .ages import Ages
from .changes import Changes
from .cues import CueMatcher
from .designations import Designations
from .ellipsis import Ellipsis
from .extensions import CUES_KEY, EXCLUDED_KEY, NUMBERS_KEY, QUANTITIES_KEY, register
from .number_phrases import HYPHENS, NumberPhrase, NumberPhraseReader, glued_hyphen, merge_powers, next_word
from .predicates import Predicates
from .scan_context import ScanContext
from .tallies import Tallies
from .years import Years

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


class QuantityFinder:
    """The component: ``doc = finder(doc)``. Holds the compiled cues and vocabularies of one rules folder."""

    def __init__(self, nlp: Language, rules: Rules, *, name: str = "claimcheck_quantities",
                 lexicon: Lexicon | None = None):
        register()
        self.name = name
        self.numbers = NumberWords(rules.numbers)
        nouns = rules.nouns
        self.lexicon = lexicon or lexicon_for(nouns)
        self.partitive = frozenset(nouns.get("partitive_heads", ()))
        self.max_counted = int(nouns.get("max_counted_tokens", 6))
        # stop words that still modify a counted noun ("two full racks", "five other workers")
        self.stop_modifiers = frozenset(nouns.get("stop_word_modifiers", ()))
        self.participle_nouns = frozenset(nouns.get("participle_nouns", ()))
        self.level_nouns = frozenset(nouns.get("level_nouns", ()))
        self.people_in_a_state = frozenset(nouns.get("people_in_a_state", ()))
        self.cues = CueMatcher(nlp, ruler_patterns(rules.quantity_patterns))
        n = self.numbers
        self._starters = n.words | set(n.vague) | n.negative_words | {"a", "an"} | set(n.multiplier_words) \
            | set(n.multiplier_adjectives)
        # (reason, regex, needs a digit, needs one of these strings): a shape written with \d is only looked for in
        # text that has a digit, which two paragraphs in three of news do not; a rare shape says what it needs
        self.digit_shapes = [(row["reason"], re.compile(row["regex"]), "\\d" in row["regex"],
                              tuple(row.get("needs", ()))) for row in rules.numbers.get("digit_shapes", ())]
        self.reader = NumberPhraseReader(self.numbers, self.lexicon)
        self.predicates = Predicates(rules.measures, self.lexicon)
        self.tallies = Tallies(rules.numbers.get("tally_unit"), self.reader)
        self.ellipsis = Ellipsis.from_rules(nouns)
        self.changes = Changes.from_rules(rules.numbers, self.numbers, self.lexicon)
        self.ages = Ages.from_rules(rules.numbers, rules.measures, self.lexicon)
        self.years = Years.from_rules(rules.numbers, nouns, rules.measures, self.lexicon)
        self.designations = Designations(frozenset(rules.numbers.get("model_words", ())), self.lexicon)

    # -- spaCy protocol ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: read once
        merge_powers(doc, text)
        cues = self.cues(doc)
        doc.spans[CUES_KEY] = cues
        ctx = ScanContext(doc, cues)
        self._mark_digit_shapes(ctx, text)
        spans = list(self.find(ctx))
        self.ellipsis.fill(spans)  # "Fifty employees ..., 170 in Pueblo": the noun left out
        spans = self._join_neighbours(ctx, spans)
        self.ellipsis.share_units(spans)  # "3, 5 and 7 km"
        self.changes.mark(spans)  # "from £61 million to £23 million": both ends, read as a range too
        doc.spans[QUANTITIES_KEY] = spans
        doc.spans[NUMBERS_KEY] = ctx.numbers
        doc.spans[EXCLUDED_KEY] = ctx.excluded
        return doc

    def _mark_digit_shapes(self, ctx: ScanContext, text: str) -> None:
        """Dates, addresses, phone numbers ... found over the text (``digit_shapes`` in the rules): excluded with
        their reason, and no number phrase starts inside them."""
        doc = ctx.doc
        digits = has_digit(text) is not None
        lower = None
        for reason, pattern, needs_digit, needs in self.digit_shapes:
            if needs_digit and not digits:
                continue
            if needs:
                lower = text.lower() if lower is None else lower
                if not any(n in lower for n in needs):
                    continue
            for m in pattern.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=reason, alignment_mode="expand")
                if span is not None and not ctx.blocked.intersection(range(span.start, span.end)):
                    ctx.excluded.append(span)
                    ctx.blocked.update(range(span.start, span.end))

    # -- the scan -------------------------------------------------------------------------------------
    def find(self, ctx: ScanContext):
        """Yield quantity spans in document order; numbers read and numbers excluded are noted on ``ctx``."""
        doc = ctx.doc
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if i in ctx.blocked or not (tok.like_num or tok.lower_ in self._starters):
                i += 1
                continue
            number = self.reader.read(doc, i, ctx)
            if number is None:
                i += 1
                continue
            ctx.record_number(number)
            span, resume = self._build(ctx, number)
            if span is not None:
                yield span
            i = max(resume, i + 1)

    def _join_neighbours(self, ctx: ScanContext, spans: list[Span]) -> list[Span]:
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
            after = next_word(span.doc, span.end)
            if not rule.get("bare") or (after is not None and span.doc[after].text not in _CLAUSE_ENDS):
                return None
        elif second.unit != rule["minor"]:
            return None
        if not 0 <= second.value < per:
            return None
        total = first.value + second.value / per
        return replace(first, value=total, low=total, high=total)

    def _joined(self, ctx: ScanContext, prev: Span, span: Span) -> Quantity | None:
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
        if joiner == "," and self._spoken_range(prev, span):
            # "40, 45 minutes", "married 40, 50 years": two close figures, the unit said once, are a range
            return replace(intervals.span(first.value, second.value, None, tolerance=self.numbers.tolerance),
                           unit=second.unit)
        join = ctx.cue_at(prev.end, "RANGE_JOIN")
        if join is None or first.unit is None or second.unit is None or first.qualifier or second.qualifier \
                or first.value is None or second.value is None or first.additional or second.additional:
            return None
        word = join.text.lower()
        if word == "or":
            return None  # "128GB or 256GB": two options, not a range
        if word == "to" and self._change_from(ctx, prev.start, rising=first.value < second.value):
            return None  # "prices rose from $40 to $50": a change, not a range
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

    @staticmethod
    def _spoken_range(prev: Span, span: Span) -> bool:
        """ "40, 45 minutes": a bare whole number, a comma, and a larger one under twice it with a unit (not a
        counted noun), in no longer list ("3, 5, 7 km" or "3, 5 and 7 km" are figures each)."""
        first, second = prev._.cc_quantity, span._.cc_quantity
        doc = span.doc
        if first.unit is not None or first.qualifier or second.qualifier or prev._.cc_counted is not None \
                or span._.cc_counted is not None or second.unit is None or len(prev) != 1 \
                or first.value is None or second.value is None or first.value != int(first.value) \
                or not first.value < second.value < 2 * first.value:
            return False
        before = doc[prev.start - 2:prev.start] if prev.start >= 2 else None
        after = doc[span.end:span.end + 2] if span.end + 2 <= len(doc) else None
        return not (before is not None and before[0].like_num and before[1].text == ",") \
            and not (after is not None and after[0].lower_ in (",", "and", "or") and after[1].like_num)

    def _change_from(self, ctx: ScanContext, start: int, *, rising: bool) -> bool:
        """Does "from" after a change verb the figures follow stand right before the number at ``start`` ("rose
        from 5 to 12")?"""
        cue = ctx.cue_before(start, "RANGE_START", text="from")
        return cue is not None and self.changes.verb_before(ctx.doc, cue.start, rising=rising)

    def _scale_in(self, span: Span) -> float | None:
        return next((s for s in (self.numbers.scale_of(t.lower_) for t in span) if s is not None), None)

    # -- ranges, cues, units, counted nouns -----------------------------------------------------------
    def _read_range(self, ctx: ScanContext, a: NumberPhrase) -> tuple[NumberPhrase, NumberPhrase, bool] | None:
        """A range "A to B", "A-B", "between A and B", "A or B": (A, B, is_score) or None."""
        doc, k = ctx.doc, a.end
        if k + 1 < len(doc) and doc[k].text in HYPHENS and doc[k].whitespace_ and not doc[k - 1].whitespace_:
            k += 1  # "8- to 16-meter": the first number's hyphen waits for the unit of the second
        spread = ctx.cue_at(k, "PLUS_MINUS")
        if spread is not None and a.vague is None and a.value is not None and spread.end < len(doc):
            b = self.reader.read(doc, spread.end)  # "9.83e-3 +/- 1e-5": [a - b, a + b]
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
        b = self.reader.read(doc, join.end)
        if b is None or b.vague is not None or b.value is None:
            return None
        low = a.value
        if a.scale is None and b.scale is not None and b.base is not None and a.value < b.base:
            low = a.value * b.scale  # "between ten and twelve thousand": the scale reaches back
        if word == "to" and self._change_from(ctx, a.start, rising=low < b.value):
            return None  # "rose from 5 to 12 million": a change with two ends (claimcheck.components.changes)
        if word in HYPHENS and low >= b.value:
            return a, b, True  # "2-0" is a score, not a range
        if low >= b.value:
            return None  # "from 10 to 5" is a change, not a range
        return replace(a, value=low), b, False

    def _build(self, ctx: ScanContext, a: NumberPhrase) -> tuple[Span | None, int]:
        """Turn a number phrase into a quantity span (or None), and say where the scan resumes."""
        doc, tol = ctx.doc, self.numbers.tolerance
        if self.tallies.is_tally(ctx, a):
            a = replace(a, unit=self.tallies.unit)  # "378 to 262" after "majority": two counts of votes
        rng = self._read_range(ctx, a) if a.unit is None else None
        end = a.end
        left = a.start
        if rng is not None:
            a, b, is_score = rng
            if is_score or (a.is_year_like and b.is_year_like):
                # "2-0" is a score; "1999-2003", "from 2008 to 2012" are years
                ctx.excluded.append(Span(doc, a.start, b.end, label="score" if is_score else "year"))
                return None, b.end
            ctx.record_number(b)
            end = b.end
            start_cue = ctx.cue_before(a.start, "RANGE_START")
            if start_cue is not None:
                left = start_cue.start
        # what stands before: qualifier, increment, currency symbol, in any order
        qualifier = currency = None
        additional = age_cue = False
        for _ in range(3):
            cue = ctx.cue_ending(left, ("QUALIFIER", "INCREMENT", "CURRENCY", "AGE_BEFORE"))
            if cue is None:
                break
            if cue.label_ == "QUALIFIER" and qualifier is None:
                qualifier = cue
            elif cue.label_ == "AGE_BEFORE" and not age_cue:
                age_cue = True  # "under the age of 26": the qualifier stands before the age words
            elif cue.label_ == "INCREMENT" and not additional:
                additional = True
            elif cue.label_ == "CURRENCY" and currency is None and (
                    _is_symbol_or_code(cue.text, cue.id_, self.lexicon)
                    or not doc[cue.end - 1].whitespace_):  # "euro30 billion"
                currency = cue.id_
            else:
                break
            left = cue.start
        # what stands after: postfix qualifier, "more", a unit or currency word, or a counted noun
        unit = a.unit or currency
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
        # a word that is its own unit ("twice") takes no other
        unit_cue = None if a.unit is not None else self._unit_cue_at(ctx, a, rng, end)
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
            if end + 1 < len(doc) and glued_hyphen(doc, end) and doc[end + 1].is_alpha \
                    and (self.lexicon.is_nominal(glued) or self.lexicon.is_plural_noun(glued)) \
                    and ctx.cue_at(end, "QUALIFIER_AFTER") is None and ctx.cue_at(end + 1, "QUALIFIER_AFTER") is None \
                    and not doc[end + 1].is_stop \
                    and not (end + 2 < len(doc) and doc[end + 2].text in HYPHENS and not doc[end + 1].whitespace_):
                # (not "six-plus", nor "480-nautical-mile", which reads on)
                counted = doc[end + 1:end + 2]  # "the 1,000-member church" counts members, "a three-game streak" games
            else:
                counted = self._read_counted(doc, end, skip_of=partial)
                if counted is not None and a.value is not None and a.value >= 2 and a.value == int(a.value) \
                        and rng is None:
                    counted = self._compound_modifier(counted)
            if counted is None and a.value is not None and a.value >= 2 and rng is None:
                counted = self._subset_counted(doc, end)  # "two of his brothers", "seven of its villages"
            if counted is not None:
                head = counted[-1]
                unit = head.lower_[:-1] if _ACRONYM_PLURAL.match(head.text) \
                    else self.lexicon.noun_lemma(head.lower_, proper=head.is_title)  # "43 RBIs", "11 Yemenis"
                end = counted.end
                if unit in self.partitive:
                    end = self._partitive_tail(doc, end)
        unit, end = self.ages.unit(ctx, a, unit=unit, counted=counted, end=end, age_cue=age_cue,
                                   qualifier=qualifier)
        if unit is None and counted is None and a.share and (rng is None or rng[1].share):
            # "half a mile", "two-tenths of a mile", "a quarter of a century" are in that unit; "one-seventh of the
            # U.S.'s", "more than half" are shares
            unit, end = self._share_of(ctx, end)
        powers = self.numbers.unit_powers
        if unit is not None and counted is None and end < len(doc) and doc[end].lower_ in powers:
            unit, end = f"{powers[doc[end].lower_]} {unit}", end + 1  # "4 km squared" = 4 square kilometre
        if unit is not None and unit not in ("percent", self.numbers.share_unit):
            # "188 miles an hour", "$15.4/hour", "50 km/ms", "three thousand Americans every year"
            per = self._rate_unit(ctx, end, money=is_money_unit(unit))
            if per is not None:
                unit, end = f"{unit} per {per.id_}", per.end
        reason = self._not_a_quantity(ctx, a, rng is not None, qualifier, unit, counted)
        if reason is not None:
            ctx.excluded.append(Span(doc, a.start, rng[1].end if rng else a.end, label=reason))
            return None, max(end, a.end)
        if counted is not None and ((len(counted) == 1 and unit in self.level_nouns)
                                    or counted[-1].lower_ in self.people_in_a_state):
            unit = None  # "the 5000 mark": a level, no count of marks; "2 hurt": people, not named
        quantity = self._quantity(a, rng, qualifier_id, tol)
        quantity = replace(quantity, unit=unit, additional=additional, qualifier=qualifier_text)
        span = Span(doc, left, end, label="QUANTITY")
        span._.cc_quantity = quantity
        span._.cc_counted = counted
        return span, end

    def _share_of(self, ctx: ScanContext, end: int) -> tuple[str | None, int]:
        """The unit of a share ending at ``end``: "half a mile", "two-tenths of a mile", "two millionths of a
        second" are in that unit or noun; "one-seventh of the U.S.'s", "more than half" are a share
        (``share_unit``)."""
        doc = ctx.doc
        k = end + 1 if end < len(doc) and doc[end].lower_ == "of" else end
        if k + 1 < len(doc) and doc[k].lower_ in ("a", "an"):
            cue = ctx.longest_at(k + 1, ("UNIT",))
            if cue is not None:
                return cue.id_, cue.end
            noun = doc[k + 1]
            if k > end and noun.is_alpha and noun.lower_ in self.lexicon.nouns and not noun.is_stop:
                return noun.lower_, k + 2  # singular after "a" (the lemma table reads "second" as "2")
        return self.numbers.share_unit, end

    def _unit_cue_at(self, ctx: ScanContext, a: NumberPhrase, rng, end: int) -> Span | None:
        """The unit or currency cue after a number ending at ``end``: right after it, glued by a hyphen ("a 3-inch
        screen"), in brackets ("20 (kg)"), or "in" read as inches."""
        doc = ctx.doc
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
        if unit_cue is None and end + 1 < len(doc) and glued_hyphen(doc, end):
            unit_cue = ctx.longest_at(end + 1, ("UNIT", "CURRENCY"))  # "a 3-inch screen", "a 12-cent dividend"
        if unit_cue is None and end + 2 < len(doc) and doc[end].text in _OPENING:
            inner = ctx.longest_at(end + 1, ("UNIT",))  # "20 (kg)", "20 {kg}"
            if inner is not None and inner.end < len(doc) and doc[inner.end].text == _OPENING[doc[end].text]:
                unit_cue = Span(doc, end, inner.end + 1, label="UNIT", span_id=inner.id_)
        if unit_cue is None and self._inch_after(ctx, a, end):
            unit_cue = Span(doc, end, end + 1, label="UNIT", span_id="inch")  # "2 in thick", "5 ft 2 in"
        return unit_cue

    def _inch_after(self, ctx: ScanContext, a: NumberPhrase, k: int) -> bool:
        """"in" after a number is inches only where a preposition could not be: before a dimension word or the
        end of the clause ("2 in thick", "my pencil is 2 in"), or after a unit whose smaller unit is the inch
        (``compound_units``: "5 ft 2 in")."""
        doc = ctx.doc
        if k >= len(doc) or doc[k].lower_ != "in":
            return False
        before = ctx.cue_ending(a.start, ("UNIT",))
        if before is not None and self.numbers.compound_units.get(before.id_, {}).get("minor") == "inch":
            return True
        return k + 1 == len(doc) or (doc[k + 1].is_punct and doc[k + 1].text not in HYPHENS) \
            or doc[k + 1].lower_ in self.numbers.dimension_words

    def _rate_unit(self, ctx: ScanContext, k: int, *, money: bool) -> Span | None:
        """The unit after "per", "/", "a", "an", "each" or "every" at token k ("an hour", "every year"), or an
        adverb of rate ("annually"), which makes the unit a rate; a hyphen may join it ("fifty-miles-per hour")."""
        doc = ctx.doc
        if k + 1 < len(doc) and glued_hyphen(doc, k) and doc[k + 1].lower_ in self.numbers.rate_words:
            k += 1
        if k < len(doc) and doc[k].lower_ in self.numbers.rate_adverbs:
            return Span(doc, k, k + 1, label="UNIT", span_id=self.numbers.rate_adverbs[doc[k].lower_])
        if k + 1 >= len(doc) or doc[k].lower_ not in self.numbers.rate_words:
            return None
        per = ctx.longest_at(k + 1, ("UNIT",))
        if per is not None and per.end < len(doc) and doc[per.end].lower_ in self.numbers.not_rate_after \
                and not (money and doc[per.end].lower_ == "on"):
            return None  # "$1.17 billion a year earlier": a time, not a rate; but "$5.9 billion a year on security"
        return per

    def _quantity(self, a: NumberPhrase, rng, qid: str | None, tol: float) -> Quantity:
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
        start, m, last_nominal, head, last_proper = k, k, None, None, False
        while m < n and m - start < self.max_counted:
            tok = doc[m]
            lower = tok.lower_
            if lower in HYPHENS and m == start:
                m += 1  # "three-game streak": the hyphen joins, but is no noun itself ("110-" is nothing)
                continue
            if m > start and glued_hyphen(doc, m) and m + 1 < n and doc[m + 1].is_alpha:
                m += 1  # a compound: "short-range", "Korean-made"
                continue
            if m > start and self._number_in_name(doc, m):
                m += 1  # "50,000 Model 3 sedans", "two new 737 Max jets", "Covid 19 deaths": a name's number
                continue
            if m > start and _MODEL_PLURAL.match(tok.text) and doc[m - 1].text[:1].isupper():
                head = m  # "14 Boeing 787s", "two Airbus A380s": the model's plural is what is counted
                break
            if not (tok.is_alpha or ("-" in tok.text and any(c.isalpha() for c in tok.text))) or tok.like_num:
                break  # (a dash "--" is no word)
            if lower in ("and", "&") and last_proper and last_nominal == m - 1 and m + 1 < n \
                    and doc[m + 1].is_alpha and doc[m + 1].text[0].isupper():
                m += 1  # "500,000 VW and Audi cars": names joined before one noun
                continue
            proper = (tok.is_title and m > 0 and not tok.is_sent_start) or (tok.is_upper and len(tok) > 1)
            compound = m > start and doc[m - 1].lower_ in HYPHENS and not doc[m - 1].whitespace_
            if tok.is_stop and not (proper or compound or lower in self.stop_modifiers):  # "two full racks"
                break
            # an acronym ending in "s" ("FLDS") is no plural the table lacks
            plural = lex.is_plural_noun(lower) if tok.is_upper else lex.is_plural_form(lower)
            if plural and not (
                    lower in lex.collective and m + 1 < n and lex.is_plural_noun(doc[m + 1].lower_)
                    and doc[m + 1].lower_ not in lex.collective):
                head = m  # the first plural noun; but "crew members" counts members
                break
            # a verb form: "-ed", or an irregular past the noun table lacks ("threw", "shook"; not "shot", "left")
            participle = lex.is_participle(lower)
            verb_form = participle and (lower.endswith("ed") or lower not in lex.nouns)
            if last_nominal == m - 1 and not proper and verb_form \
                    and not doc[m - 1].lower_.endswith("ly") \
                    and not _plural_noun_ahead(doc, m + 1, lex):
                break  # "one man died", "747 plant species listed": the verb after the noun ends it
            if m == start and not proper and verb_form and lower not in self.participle_nouns \
                    and not _noun_at(doc, m + 1, lex):
                break  # "10,000 gathered in the square": the verb, not what is counted ("1,000 armed men" is)
            if proper and last_nominal is not None and not last_proper and not compound \
                    and not _noun_after_names(doc, m, lex):
                # "one reason Doug McDermott pulled": a name after a common noun starts a new phrase, unless a
                # noun follows the name ("a 4.6 magnitude California earthquake", "four gigabit Ethernet switches")
                break
            if proper or lex.is_nominal(lower):
                last_nominal, last_proper = m, proper
            elif not participle:
                break
            m += 1
        end = head if head is not None else last_nominal
        if end is None:
            return None
        return doc[start:end + 1]

    def _number_in_name(self, doc: Doc, m: int) -> bool:
        """Is the whole number at token m, inside a counted phrase, part of a name: after a capitalised word
        ("Model 3", "Covid 19") or before a model word ("737 Max")?"""
        tok = doc[m]
        if not tok.text.isdigit():
            return False
        prev = doc[m - 1]
        if prev.is_alpha and prev.text[0].isupper() and not prev.is_sent_start:
            return True
        return m + 1 < len(doc) and doc[m + 1].is_title and doc[m + 1].lower_ in self.designations.model_words

    def _compound_modifier(self, counted: Span) -> Span:
        """ "the 5 man jury", "a three car pileup": after a number above one, a singular noun before another noun is
        what is counted (the number and it modify the last noun), as in "the 1,000-member church"."""
        lex, doc = self.lexicon, counted.doc
        last = counted[-1].lower_
        if len(counted) < 2 or lex.is_plural_form(last):
            return counted  # a plural head, even one the table lacks ("gangland slayings"), is what is counted
        for tok in counted[:-1]:
            proper = tok.is_title or tok.is_upper
            if not proper and tok.is_alpha and tok.lower_ in lex.nouns and tok.lower_ not in lex.adjectives \
                    and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text in HYPHENS):
                # not the first half of a compound: "break-ins", "match-up", "28 - year - old" typed with spaces
                return doc[counted.start:tok.i + 1]
        return counted

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

    def _not_a_quantity(self, ctx: ScanContext, a: NumberPhrase, is_range: bool, qualifier, unit,
                        counted) -> str | None:
        """Why a number is not a quantity claim (year, date, time, designation, reference), or None if it is."""
        doc = ctx.doc
        if ctx.cue_ending(a.start, ("DATE_WORD",)) is not None or ctx.cue_at(a.end, "DATE_WORD") is not None:
            return "date"  # "March 14", "14 March"
        if ctx.cue_at(a.end, "TIME_AFTER") is not None:
            return "time"  # "10 a.m."
        if qualifier is None and any(tuple(t.lower_ for t in doc[max(0, a.start - len(w)):a.start]) == w
                                     for w in self.numbers.rate_bases):
            return "rate base"  # "12 newborns per 1,000 people": the base of the rate before it
        if self.years.is_year(ctx, a, is_range=is_range, qualifier=qualifier, unit=unit, counted=counted):
            return "year"  # "in 2000", "the 2024 election", "the 2022 elections"; not "2022 soldiers"
        if self.designations.names(ctx, a, is_range=is_range, qualifier=qualifier, unit=unit, counted=counted):
            return "designation"  # "5G", "Boeing 787", "iPhone 14", "the S&P 500", "737 Max jets"
        if a.start >= 2 and doc[a.start - 1].lower_ in ("and", ",", "to", "-", "or") \
                and doc[a.start - 2].like_num and ctx.cue_ending(a.start - 2, ("DATE_WORD",)) is not None:
            return "date"  # the "6" of "January 2 and 6"
        if a.words_only and a.value == 1 and qualifier is None and counted is not None and len(counted) == 1 \
                and self.lexicon.is_plural_form(counted[0].lower_) and counted[0].lower_ not in self.lexicon.collective:
            return "reference"  # "one needs to see": the pronoun and a verb, since one counts no plural
        # a unit word ("the nine acre site") or a noun glued by a hyphen ("the five-boat formation") describes a
        # size, it does not refer back
        measured = (unit is not None and counted is None) or (
            counted is not None and counted.start == a.end + 1 and glued_hyphen(doc, a.end))
        if a.words_only and a.vague is None and not is_range and a.scale is None and a.start > 0 and not measured \
                and doc[a.start - 1].lower_ in self.numbers.reference_determiners \
                and a.value is not None and a.value < _PRONOUN_WORD_LIMIT:
            return "reference"  # "the two sides": things already named, not a count being claimed
        if a.words_only and a.vague is None and not is_range and unit is None and a.scale is None \
                and a.value is not None and a.value < _PRONOUN_WORD_LIMIT and a.value == int(a.value) \
                and not self.predicates.person_event_after(doc, a.end) \
                and not self.predicates.update_before(doc, a.start) \
                and not (a.end < len(doc) and doc[a.end].lower_ in self.ellipsis.anaphors):
            # "one of them", "the two met"; but "Five killed", "two were injured", "the toll rose to five" and "five
            # others" (a noun left out: claimcheck.components.ellipsis) count
            return "reference"
        return None


def _plural_noun_ahead(doc: Doc, k: int, lex) -> bool:
    """Is there a plural noun among the next three words, before any stop word or number ("Korean made missiles";
    not "one bomb landed just 5 feet away")?"""
    for tok in doc[k:min(len(doc), k + 3)]:
        if tok.is_stop or tok.like_num or not tok.is_alpha:
            return False
        if lex.is_plural_noun(tok.lower_):
            return True
    return False


def _noun_after_names(doc: Doc, k: int, lex) -> bool:
    """Does a common noun follow the run of capitalised words at token k?"""
    while k < len(doc) and doc[k].is_alpha and (doc[k].is_title or doc[k].is_upper):
        k += 1
    if k >= len(doc) or not doc[k].is_alpha or doc[k].is_stop:
        return False
    lower = doc[k].lower_
    return lower in lex.nouns or lex.is_plural_noun(lower)


def _noun_at(doc: Doc, k: int, lex) -> bool:
    """Does a noun follow at token k, perhaps after adjectives ("armed men", "compelling new features")?"""
    while k < len(doc) and doc[k].is_alpha and not doc[k].is_stop:
        lower = doc[k].lower_
        if doc[k].is_title or doc[k].is_upper:
            k += 1  # a name modifies ("armed Somali pirates") but is no head ("struck southern Iran")
            continue
        if lower in lex.nouns or lex.lemma(lower) in lex.nouns or lex.is_plural_noun(lower):
            return True
        if lower not in lex.adjectives:
            return False
        k += 1
    return False


_OPENING = {"(": ")", "[": "]", "{": "}", "<": ">"}
# a model's plural: "787s", "A380s", "747-200Fs"
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
_MODEL_PLURAL = re.compile(r"^[A-Z]{0,3}\d+(?:-\d+)?[A-Z]{0,3}s$")
# "less than X or equal": an open bound closed by the words after the number
_CLOSED = {"lt": "le", "gt": "ge"}
# qualifiers before a number that a bound after it overrides
_YIELDS_TO_AFTER = intervals.APPROXIMATE_IDS | {"exact"}


def _starts_bound(doc: Doc, k: int, nw: NumberWords) -> bool:
    """Is token k ("than 6000", "6000") the rest of a comparison with a number of its own?"""
    if k < len(doc) and doc[k].lower_ == "than":
        k += 1
    return k < len(doc) and (doc[k].like_num or nw.is_word(doc[k].lower_))


def _is_symbol_or_code(text: str, code: str, lexicon: Lexicon) -> bool:
    """Before a number only a symbol ("$", "US$"), an ISO code ("USD", "usd 20") or a capitalised abbreviation that
    is no English word ("Rs 200 crore", "KSh 10") names a currency, not "won" or "dollars"."""
    lower = text.lower()
    if not text.isalpha() or text.isupper() or lower == code.lower():
        return True
    forms = (lower, lexicon.lemma(lower))
    # (a lemma of one or two letters is the table reading "Rs" as the plural of the letter r)
    return text[0].isupper() and not any(w in words for w in forms if len(w) > 2
                                         for words in (lexicon.nouns, lexicon.verbs, lexicon.adjectives))
