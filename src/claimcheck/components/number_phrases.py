""":mod:`claimcheck.components.number_phrases`: which tokens make one number, and what it is worth.

The quantity component's scan calls :meth:`NumberPhraseReader.read` at every token that may start a number. The
reader decides how far the phrase reaches ("three hundred and forty", "twenty-one", "a quarter million", "1.2bn",
"2 1/2", "one in five", "several dozen"), asks :class:`~claimcheck.numbers.NumberWords` for its value, and says
when a number word is something else here: an ordinal ("a third employee"), part of a compound ("third-party"),
a noun ("his score"), a pronoun ("the one you mentioned"). Units, ranges and qualifiers are the component's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..numbers import CONNECTORS, POWER_IN_TEXT, THOUSANDS_GROUP, NumberWords, is_ordinal, parse_digits

if TYPE_CHECKING:
    from .scan_context import ScanContext

HYPHENS = frozenset({"-", "–"})
# "1,3" before a scale word: a decimal comma
_DECIMAL_COMMA = re.compile(r"^\d{1,3},\d{1,2}$")
# a group of three digits that starts with a zero: no number of its own ("000", "050")
_ZERO_GROUP = re.compile(r"^0\d{2}$")


def glued_hyphen(doc: Doc, k: int) -> bool:
    """Is token k a hyphen with no space on either side ("a 3-inch screen", "short-range")?"""
    return 0 < k < len(doc) and doc[k].text in HYPHENS and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def _money_before(doc: Doc, last: int, reach: int) -> bool:
    """Is there a currency sign ("$", "€", "US$") among the ``reach`` tokens before token ``last``?"""
    return any(t.is_currency or t.text.endswith("$") for t in doc[max(0, last - reach):last])


@dataclass(frozen=True)
class NumberPhrase:
    """A number phrase read from the tokens: [start, end) token indices."""

    start: int
    end: int
    value: float | None
    vague: tuple[float, float] | None = None
    words_only: bool = False
    scale: float | None = None  # trailing scale word's multiplier ("twelve thousand" -> 1000)
    base: float | None = None  # the value without that trailing scale ("twelve")
    is_year_like: bool = False
    share: bool = False  # a part of a whole written as one: "a fifth", "two-thirds", "one in five", "3/4"
    unit: str | None = None  # a word that is its own unit: "twice" (2 time)


class NumberPhraseReader:
    """Reads number phrases with the vocabulary of one rules folder."""

    def __init__(self, numbers: NumberWords, lexicon: Lexicon):
        self.numbers = numbers
        self.lexicon = lexicon
        n = numbers
        self._after_a = (set(n.scales) | set(n.multiples) | set(n.fractions) | set(n.denominators)
                         | {"few", "couple", "dozen"})

    def read(self, doc: Doc, i: int, ctx: ScanContext | None = None) -> NumberPhrase | None:
        """The number phrase starting at token i ("three hundred and forty", "a quarter million", "5m",
        "one in five", "dozens"), or None. ``ctx`` gives the cues around it, where the scan has them."""
        n, nw = len(doc), self.numbers
        first = doc[i].lower_
        j = i
        if first in ("a", "an") and i + 2 <= n and doc[i + 1].lower_ in nw.multiples_need_count and not (
                i + 2 < n and (doc[i + 2].lower_ == "of" or self.lexicon.is_plural_noun(doc[i + 2].lower_))):
            return None  # "for a score", "a couple": nouns; "a score of people", "a couple weeks" count
        if first in ("a", "an") and i + 1 < n and doc[i + 1].lower_ in nw.one_with_a:
            return NumberPhrase(i, i + 1, 1.0, words_only=True)  # "a gallon of beer", "a penny"
        if first in ("a", "an"):
            if i + 1 >= n or not (doc[i + 1].lower_ in self._after_a or (
                    doc[i + 1].lower_ in nw.tens and self._denominator_ahead(doc, i + 1))):  # "a twenty-first"
                return None
            j = i + 1
        word = doc[j].lower_
        if j == i:
            multiplier = self._multiplier(ctx, doc, i)
            if multiplier is not None:
                return multiplier
            comma = self._decimal_comma(doc, i)
            if comma is not None:
                return comma
        if j > i and word in nw.denominators and ends_phrase(doc, j + 1) and not (
                j + 1 < n and doc[j + 1].text in HYPHENS):
            return self._finish(doc, i, j + 1)  # "a fifth", "a fifth of the vote"; not "an eighth-round"
        if word in nw.vague:
            return self._read_vague(doc, i, j)
        if self._word_is_no_number(ctx, doc, i, j):
            return None
        if word in ("couple",) and j + 2 < n and doc[j + 1].lower_ == "of" and doc[j + 2].lower_ in nw.scales:
            return self._finish(doc, i, j + 3)
        if first in nw.negative_words and i + 1 < n and self.is_number_token(doc[i + 1]) \
                and doc[i + 1].text[:1] not in ("-", "−"):
            j = i + 1  # "minus five"; but "minus-5" is the signed figure alone
        elif not self.is_number_token(doc[j]):
            return None
        last, k = j, j + 1
        while k < n:
            if doc[k].is_space:  # "fifty   two": runs of spaces are tokens of their own
                k += 1
                continue
            if self._continues(doc, last, k):
                last, k = k, k + 1
                continue
            if _stray_comma_space(doc, last, k):
                last, k = k + 1, k + 2  # "fell about 2, 000ft": a thousands group cut off by a stray space
                continue
            nxt = next_word(doc, k + 1)
            if nxt is not None and self._connects(doc, last, k, nxt):
                last, k = nxt, nxt + 1
                continue
            break
        if last == j and word == "one" and i > 0 and doc[i - 1].lower_ in nw.pronoun_one_after:
            after = next_word(doc, j + 1)
            lemma = self.lexicon.lemma(doc[after].lower_) if after is not None else None
            if lemma not in self.lexicon.nouns or lemma in self.lexicon.verbs:
                return None  # "the one you mentioned", "which one": a pronoun; but "that one mile" counts
        number = self._finish(doc, i, last + 1)
        return self._ratio(doc, number) if number is not None else None

    def _multiplier(self, ctx: ScanContext | None, doc: Doc, i: int) -> NumberPhrase | None:
        """ "twice", "thrice", "doubled", "tripled"; "double" and "triple" after a qualifier or before a determiner
        ("more than double last year's", "double the number"), not "a double murder" (``multipliers`` in
        ``rules/numbers.json``)."""
        nw, lower = self.numbers, doc[i].lower_
        factor = nw.multiplier_words.get(lower)
        if factor is None:
            factor = nw.multiplier_adjectives.get(lower)
            nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            qualified = ctx is not None and ctx.cue_ending(i, ("QUALIFIER",)) is not None
            if factor is None or not (qualified or nxt in nw.reference_determiners or nxt in nw.subset_determiners
                                      or (i + 2 < len(doc) and doc[i + 2].lower_ in ("'s", "’s"))):
                return None
        return NumberPhrase(i, i + 1, float(factor), words_only=True, unit=nw.multiplier_unit)

    def _decimal_comma(self, doc: Doc, i: int) -> NumberPhrase | None:
        """ "GBP 1,3 billion": a comma before one or two digits, then a scale word, is a decimal comma (a list
        such as "1,3" has no scale after it)."""
        text = doc[i].text
        if i + 1 >= len(doc) or not _DECIMAL_COMMA.match(text):
            return None
        scale = self.numbers.scales.get(doc[i + 1].lower_)
        if scale is None:
            return None
        base = float(text.replace(",", "."))
        return NumberPhrase(i, i + 2, base * scale, scale=scale, base=base)

    def _word_is_no_number(self, ctx: ScanContext | None, doc: Doc, i: int, j: int) -> bool:
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
        if word in nw.fractions and j + 2 < n and doc[j + 1].text in HYPHENS \
                and doc[j + 2].lower_ in nw.fraction_compounds:
            return True  # "a third-party app", "his half-brother"; but "a half-hour", "a quarter-century"
        if word in nw.denominators and glued_hyphen(doc, j + 1) and j + 2 < n and doc[j + 2].is_alpha \
                and doc[j + 2].lower_ not in nw.scales:
            return True  # "the world's third-largest", "a third-floor flat": an ordinal compound, no share
        if j == i and word in nw.fractions and word.isalpha() and not self._fraction_stands(ctx, doc, i):
            return True  # "the second quarter", "second half"; but "half of", "half the milk", "about half"
        if j == i and word in nw.scales and not (i + 1 < n and doc[i + 1].lower_ in nw.scales):
            return True  # "USD million", "Thousand Oaks": a scale alone needs "a" or a number ("hundred thousand")
        if j == i and word in nw.multiples_need_count:
            return True  # "his score", "the couple"; but "a score of", "two pairs"
        return False

    def _fraction_stands(self, ctx: ScanContext | None, doc: Doc, i: int) -> bool:
        """Is a fraction word with no number before it a share ("half of", "half a million", "half the milk",
        "more than half")? Not in "the second half" or "a quarter" of a game."""
        nw = self.numbers
        if i + 1 < len(doc):
            nxt = doc[i + 1]
            if nxt.lower_ in ("of", "a", "an") or nxt.lower_ in nw.scales or nxt.lower_ in nw.multiples \
                    or nxt.text in HYPHENS or nxt.lower_ in nw.reference_determiners:
                return True  # "half of", "half a million", "a half-dozen", "half-hour", "half the milk"
        return ctx is not None and ctx.cue_ending(i, ("QUALIFIER", "RANGE_START")) is not None

    def _ratio(self, doc: Doc, a: NumberPhrase) -> NumberPhrase:
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
            b = self.read(doc, end)
            if b is None or b.value is None or b.vague is not None or b.is_year_like or b.value == 0:
                return a
            if words == ("in",) and not a.value < b.value:
                return a
            if words == ("out", "of") and not a.value <= b.value:
                return a  # "12 out of 10" is two numbers
            if words == ("over",) and not ends_phrase(doc, b.end):
                return a
            return NumberPhrase(a.start, b.end, a.value / b.value, words_only=a.words_only and b.words_only,
                                share=True)
        return a

    def _read_vague(self, doc: Doc, i: int, j: int) -> NumberPhrase | None:
        """ "dozens", "millions of", "tens of thousands", "several hundred", "a few thousand"."""
        nw, n = self.numbers, len(doc)
        word = doc[j].lower_
        low, high = nw.vague[word]
        k = j + 1
        if word in nw.vague_needs_scale:
            if glued_hyphen(doc, k) and k + 1 < n:
                k += 1  # "multi-billion"
            if k < n and (doc[k].lower_ in nw.scales or doc[k].lower_ in nw.multiples):
                scale = nw.scales.get(doc[k].lower_) or nw.multiples[doc[k].lower_]  # "several hundred", "a few dozen"
                return NumberPhrase(i, k + 1, None, (low * scale, high * scale), words_only=True)
            return None
        if k + 1 < n and doc[k].lower_ == "of" and doc[k + 1].lower_ in nw.plural_scales:
            scale = nw.plural_scales[doc[k + 1].lower_]
            return NumberPhrase(i, k + 2, None, (low * scale, high * scale), words_only=True)
        if word in ("tens", "scores") and not (k < n and doc[k].lower_ == "of"):
            return None  # "tens" and "scores" count only in "tens of ...", "scores of ..."
        return NumberPhrase(i, k, None, (low, high), words_only=True)

    def is_number_token(self, tok) -> bool:
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
            return lower.endswith("s") or prev.lower_ not in ("a", "an") or ends_phrase(doc, k + 1)
        if prev.lower_ in nw.point_words or (prev.lower_ in nw.small and _after_point(doc, last, nw)):
            return lower in nw.small or lower in nw.tens
        prev_digits = parse_digits(prev.text) is not None
        if prev_digits:
            if lower in nw.scales or lower in nw.multiples or lower in nw.plural_multiples:
                return True
            if tok.text in nw.money_scales and not tok.is_lower:
                # "$20MM", "€10B"; never "1B Mark Teixeira" (first base)
                return not prev.whitespace_ and _money_before(doc, last, 3)  # "$140-150MM", "US$ 1MM"
            if lower == "m" and _dimension_word_after(doc, k + 1, nw):
                return False  # "1.8m tall", "a 5m-long wall": metres
            if lower in nw.scale_abbreviations:
                # "5 bn" may stand apart; single letters must be attached ("5m") or follow money ("£5 m")
                return not prev.whitespace_ or lower in nw.detached_abbreviations or (
                    tok.is_lower and _money_before(doc, last, 2))
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
        if lower in nw.fractions and prev.lower_ in nw.cardinals and not glued_hyphen(doc, k + 1):
            return True  # "one half", "two thirds"; not "two half-hour sessions", "two half-brothers"
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
            if not (nw.is_word(lower) or lower in HYPHENS or lower == "and"):
                return False
        return False

    def _connects(self, doc: Doc, last: int, k: int, nxt_i: int) -> bool:
        """Does connector token k join the phrase ending at ``last`` to the word at ``nxt_i``?
        ("twenty-one", "fifty - two", "hundred and forty", "half a million", "one and a half")."""
        nw = self.numbers
        conn, prev, nxt = doc[k].lower_, doc[last].lower_, doc[nxt_i].lower_
        words = nw.cardinals
        if conn in HYPHENS:
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
            after = next_word(doc, nxt_i + 1)
            return ((prev in nw.fractions or prev in nw.plural_fractions) and nxt in ("a", "an")
                    and after is not None and doc[after].lower_ in nw.scales)
        if conn == "and":
            if (prev == "hundred" or prev in nw.scales) and (
                    nxt in words or (doc[nxt_i].text.isdigit() and len(doc[nxt_i].text) <= 2)):
                return True  # "three hundred and forty", "two thousand and two hundred", "3 hundred and 21"
            if prev == "hundred" and nxt in nw.denominators and nxt not in nw.fractions:
                return True  # "one one hundred and fifth"
            after = next_word(doc, nxt_i + 1)
            if nxt in ("a", "an") and after is not None:
                return doc[after].lower_ in nw.fractions or doc[after].lower_ in nw.denominators
            # "twenty and three fifths": a fraction joined on
            return nw.is_word(prev) and nxt in words and any(
                doc[m].lower_ in nw.denominators for m in range(nxt_i + 1, min(len(doc), nxt_i + 4)))
        if conn in ("a", "an"):
            return prev in nw.fractions and (nxt in nw.scales or nxt in nw.multiples)
        return False

    def _finish(self, doc: Doc, start: int, end: int) -> NumberPhrase | None:
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
        share = 0 < value < 1 and any(t in nw.fractions or t in nw.plural_fractions or t in nw.denominators
                                      or ("/" in t and parse_digits(t) is not None) for t in tokens)
        return NumberPhrase(start, end, value, words_only=words_only, scale=scale, base=base, is_year_like=year_like,
                            share=share)

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


def merge_powers(doc: Doc, text: str) -> None:
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


def _stray_comma_space(doc: Doc, last: int, k: int) -> bool:
    """Is token k a comma typed with a space before a group of three digits that starts with a zero ("2, 000ft"),
    which no list of numbers has, after a number of one to three digits?"""
    prev = doc[last]
    return (k + 1 < len(doc) and doc[k].text == "," and doc[k].whitespace_ == " " and prev.text.isdigit()
            and len(prev.text) <= 3 and not prev.whitespace_ and _ZERO_GROUP.match(doc[k + 1].text) is not None)


def next_word(doc: Doc, k: int) -> int | None:
    """The index of the first token from k on that is not whitespace."""
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k if k < len(doc) else None


def ends_phrase(doc: Doc, k: int) -> bool:
    k2 = next_word(doc, k)
    return k2 is None or doc[k2].is_punct or doc[k2].lower_ == "of"


def _dimension_word_after(doc: Doc, k: int, nw: NumberWords) -> bool:
    """Is token k, or the token after a hyphen at k ("5m-long"), a dimension word ("tall", "long")?"""
    if k + 1 < len(doc) and doc[k].text in HYPHENS and not doc[k].whitespace_:
        k += 1
    return k < len(doc) and doc[k].lower_ in nw.dimension_words


def _after_point(doc: Doc, last: int, nw: NumberWords) -> bool:
    """Is token ``last`` among the digits spoken after "point"?"""
    m = last - 1
    while m >= 0 and (doc[m].lower_ in nw.small or doc[m].is_space):
        m -= 1
    return m >= 0 and doc[m].lower_ in nw.point_words
