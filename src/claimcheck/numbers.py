""":mod:`claimcheck.numbers`: numbers written in digits and in words, with no spaCy involved.

``NumberWords`` holds the vocabulary from ``rules/numbers.json`` and turns a list of lowercased tokens such as
``["three", "hundred", "and", "forty"]``, ``["1.2", "bn"]`` or ``["half", "a", "million"]`` into a value.
The token scanner that decides *which* tokens belong together lives in the quantities component.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
# "1.3e6", "-12e-1", "12.32e+14": digits, then an exponent
SCIENTIFIC = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+$")
# a group of a number written with spaces between thousands ("1 234 567", "40 000")
THOUSANDS_GROUP = re.compile(r"^\d{3}(?:\.\d+)?$")
# "12,34,567.89": Indian grouping, pairs of digits before the last group of three
_INDIAN = re.compile(r"^[+-]?\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$")
# "1.111,11": dots between thousands, a decimal comma; the dot groups make it unambiguous
_CONTINENTAL = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$")
# powers: "1.1^23", "2.5^-1", "1.3x10^6", "2.48×10−5" (the minus may be U+2212)
_POWER = r"[+-]?\d+(?:\.\d+)?(?:[x×]\d+\^[+\-−]*|[x×]10[−-]|\^[+\-−]*)\d+"
POWER_IN_TEXT = re.compile(r"(?<![\w.^])" + _POWER + r"(?![\w.^])")
_POWER_PARTS = re.compile(r"^([+-]?\d+(?:\.\d+)?)(?:[x×](\d+))?\^?([+\-−]*)(\d+)$")
_FRACTION = re.compile(r"^([+-]?\d+)/(\d+)$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
# Words that join number words without adding to them: "three hundred and forty", "twenty-one", "a million".
CONNECTORS = frozenset({"-", "and", "a", "an", "of"})


def entries(table: dict[str, Any], key: str) -> dict[str, Any]:
    """The sub-table ``key`` of a rules table without its ``_about``-style notes."""
    return {k: v for k, v in table.get(key, {}).items() if not k.startswith("_")}


def ascii_minus(text: str) -> str:
    """``"−12"`` (U+2212, the typographic minus) -> ``"-12"``, so number parsers see one sign."""
    return "-" + text[1:] if text[:1] == "−" else text


# any digit: the tokenizer's number cuts and the digit shapes are only tried on text that has one
has_digit = re.compile(r"\d").search


def parse_digits(text: str) -> float | None:
    """``"10,000"`` -> 10000.0, ``"7.2"`` -> 7.2, ``".08"`` -> 0.08, ``"1/2"`` -> 0.5; None if not a number.

    Comma groups must be groups of three, so "10,00" or "1,2" (lists) are not read as numbers; the two
    unambiguous other groupings are: Indian "12,34,567.89" and continental "1.111,11" (dots, then a comma).
    """
    if not text or not any(ch.isdigit() for ch in text):
        return None
    text = ascii_minus(text)  # "−12 °C"
    m = _FRACTION.match(text)
    if m:
        den = int(m.group(2))
        return int(m.group(1)) / den if den else None
    if SCIENTIFIC.match(text):
        return float(text)
    if ("^" in text or "10" in text) and POWER_IN_TEXT.fullmatch(text):
        return _power(text)
    if _INDIAN.match(text):
        return float(text.replace(",", ""))
    if _CONTINENTAL.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def _power(text: str) -> float | None:
    mantissa, base, signs, exponent = _POWER_PARTS.match(text).groups()
    power = -int(exponent) if (signs.count("-") + signs.count("−")) % 2 else int(exponent)
    try:
        return float(mantissa) * float(base) ** power if base else float(mantissa) ** power
    except (OverflowError, ZeroDivisionError):
        return None


def is_ordinal(text: str) -> bool:
    return bool(_ORDINAL.match(text))


class NumberWords:
    """The number vocabulary of one rules folder."""

    def __init__(self, table: dict[str, Any]):
        self.small: dict[str, float] = table["small"]
        self.tens: dict[str, float] = table["tens"]
        self.scales: dict[str, float] = table["scales"]
        self.scale_abbreviations: dict[str, float] = table["scale_abbreviations"]
        self.multiples: dict[str, float] = table["multiples"]
        self.fractions: dict[str, float] = table["fractions"]
        self.vague: dict[str, tuple[float, float]] = {k: tuple(v) for k, v in table["vague"].items()}
        self.vague_needs_scale = frozenset(table.get("vague_needs_scale", ()))
        self.tolerance: float = float(table.get("approximation_tolerance", 0.1))
        self.year_range: tuple[int, int] = tuple(table.get("year_range", (1000, 2100)))
        self.reference_determiners = frozenset(table.get("reference_determiners", ()))
        # plural forms: "thousands" -> 1000 (for "tens of thousands"), "thirds" -> 1/3 ("two-thirds")
        self.plural_scales = {w + "s": v for w, v in self.scales.items()}
        self.plural_fractions = {w + "s": v for w, v in self.fractions.items()}
        self.plural_fractions["halves"] = self.fractions.get("half", 0.5)
        self.cardinals = frozenset([*self.small, *self.tens])  # "one" ... "ninety"
        self.plural_multiples = {w + "s": v for w, v in self.multiples.items()}
        self.denominators: dict[str, float] = dict(table.get("denominators", {}))
        self.denominators.update({w + "s": v for w, v in list(self.denominators.items())})
        self.compound_denominators = entries(table, "compound_denominators")
        self.compound_denominators.update({w + "s": v for w, v in list(self.compound_denominators.items())})
        self.negative_words = frozenset(table.get("negative_words", ()))
        self.detached_abbreviations = frozenset(table.get("detached_scale_abbreviations", ()))
        # "his score", "the couple": these are nouns unless "a" or a number comes first ("a score of", "two pairs")
        self.multiples_need_count = frozenset(table.get("multiples_need_count", ()))
        self.money_scales = entries(table, "money_scale_suffixes")
        self.rate_words = frozenset(table.get("rate_words", ()))
        self.rate_adverbs: dict[str, str] = dict(table.get("rate_adverbs", {}))
        self.rate_bases = tuple(tuple(w.split()) for w in table.get("rate_bases", ()))
        self.glued_units = frozenset(table.get("glued_units", ()))
        self.subset_determiners = frozenset(table.get("subset_determiners", ()))
        self.fraction_compounds = frozenset(table.get("fraction_compounds", ()))
        self.unit_powers: dict[str, str] = dict(table.get("unit_powers", {}))
        self.one_with_a = frozenset(table.get("units_counted_by_a", ()))
        self.range_verbs = frozenset(table.get("range_verbs", ()))
        self.not_rate_after = frozenset(table.get("not_rate_after", ()))
        self.dimension_words = frozenset(table.get("dimension_words", ()))
        self.pronoun_one_after = frozenset(table.get("pronoun_one_after", ()))
        self.ratio_words = tuple(tuple(w.split()) for w in table.get("ratio_words", ()))
        self.bound_joiners = frozenset(table.get("bound_joiners", ()))
        self.compound_units = entries(table, "compound_units")
        self.point_words = frozenset(table.get("decimal_point_words", ()))
        multipliers = table.get("multipliers", {})
        self.multiplier_unit: str = multipliers.get("unit", "time")
        self.multiplier_words: dict[str, float] = dict(multipliers.get("words", {}))
        self.multiplier_adjectives: dict[str, float] = dict(multipliers.get("adjectives", {}))
        self.share_unit: str | None = table.get("share_unit")
        self.words = frozenset(
            [*self.small, *self.tens, *self.scales, *self.multiples, *self.fractions, *self.plural_fractions,
             *self.plural_multiples]
        )

    def is_word(self, lower: str) -> bool:
        return lower in self.words

    def scale_of(self, lower: str) -> float | None:
        """The multiplier of a scale word or abbreviation ("million", "bn"), else None."""
        return self.scales.get(lower) or self.scale_abbreviations.get(lower)

    def value(self, tokens: Sequence[str]) -> float | None:
        """The value of a number phrase given as lowercased tokens; None if the tokens are not one number.

        Classic accumulate-and-scale: units and tens add up, "hundred" multiplies the running group,
        larger scales close the group into the total ("one million two hundred thousand"). On top of that:
        a sign word ("minus"), a spoken decimal point ("two hundred point zero three"), denominators
        ("three fifths", "a trillionth") and a fraction joined by "and" ("one hundred and three quarters").
        """
        tokens = _join_thousands([t for t in tokens if t not in ("-", "–", ",") and t.strip()])  # "2, 000"
        sign = 1.0
        if tokens and tokens[0] in self.negative_words:
            sign, tokens = -1.0, tokens[1:]
        point = next((i for i, t in enumerate(tokens) if t in self.point_words), None)
        if point is not None:
            whole, decimals = self.value(tokens[:point]), self._decimal_digits(tokens[point + 1:])
            if whole is None or decimals is None:
                return None
            return sign * float(f"{int(whole)}.{decimals}")
        fraction = self._compound_fraction(tokens)
        if fraction is not None:
            return sign * fraction
        for i in range(len(tokens) - 1, 0, -1):
            if tokens[i] == "and" and any(t in self.denominators or t in self.fractions or t in self.plural_fractions
                                          for t in tokens[i + 1:]):
                left, right = self._accumulate(tokens[:i]), self._accumulate(tokens[i + 1:])
                if left is None or right is None:
                    return None
                if self.scales.get(tokens[-1], 0) >= 1000 and tokens[i - 1] not in self.scales:
                    # "five and a half million": the scale after the fraction covers the whole
                    left_scaled = self._accumulate(tokens[i + 1:-1])
                    if left_scaled is not None:
                        return sign * (left + left_scaled) * self.scales[tokens[-1]]
                if self.scales.get(tokens[i - 1], 0) >= 1000 and not any(t in self.scales for t in tokens[i + 1:]):
                    # "3 million and a half": the fraction is of the scale before it
                    return sign * (left + right * self.scales[tokens[i - 1]])
                return sign * (left + right)
        value = self._accumulate(tokens)
        return None if value is None else sign * value

    def _compound_fraction(self, tokens: Sequence[str]) -> float | None:
        """A fraction whose denominator is more than one word: "three twenty-firsts" = 3/21, "one hundred thirty
        fifths" = 100/35, "one one hundred fifth" = 1/105; "one hundred and thirty fifths" = 130/5 ("and" keeps
        the tens in the numerator). None when the phrase is no such fraction, for the plain reading to decide.
        """
        last = tokens[-1] if tokens else None
        if last in self.fractions or last in self.plural_fractions:
            return None  # "two thirds", "three quarters": the plain reading
        denominator = self.denominators.get(last) or self.compound_denominators.get(last)
        if denominator is None:
            return None
        k = len(tokens) - 1  # where the denominator starts
        before = tokens[k - 1] if k else None
        if before in self.tens and (k < 2 or tokens[k - 2] != "and"):
            denominator, k = denominator + self.tens[before], k - 1
        elif last in self.compound_denominators:
            return None  # "first" is a denominator only after a tens word
        else:
            j = k - 2 if before == "and" else k - 1
            scale = 100.0 if j >= 0 and tokens[j] == "hundred" else (self.scale_of(tokens[j]) if j >= 0 else None)
            if denominator in (10, 100, 1000) and any(t == "and" for t in tokens[:k]):
                return None  # "two hundred and fifty-four hundredths" = 200.54: the decimal reading
            if scale is not None and scale > denominator:  # "one hundred fifth"; not "thousand trillionths"
                multiplier, k = 1.0, j
                if j >= 1 and tokens[j - 1] in self.small:
                    if j >= 2 and tokens[j - 2] in self.tens:
                        return None  # "ninety-five hundred fifths" = 9500/5: the plain reading
                    multiplier, k = self.small[tokens[j - 1]], j - 1
                denominator += multiplier * scale
            elif not any(t == "and" and i and tokens[i - 1] == "hundred" for i, t in enumerate(tokens[:k])):
                return None  # a one-word denominator ("three fifths"): the plain reading
            # else "one hundred and thirty fifths": the British "and" keeps the numerator whole (130/5)
        numerator_tokens = tokens[:k]
        if not numerator_tokens or numerator_tokens[-1] == "and":
            return None
        if any(t == "and" and (i == 0 or tokens[i - 1] != "hundred" and self.scale_of(tokens[i - 1]) is None)
               for i, t in enumerate(numerator_tokens)):
            return None  # "twenty and three fifths": a fraction joined on, the plain reading
        numerator = 1.0 if numerator_tokens in (["a"], ["an"]) else self._accumulate(numerator_tokens)
        return None if numerator is None else numerator / denominator

    def _decimal_digits(self, tokens: Sequence[str]) -> str | None:
        """ "zero three" -> "03", "seventy one" -> "71"."""
        if tokens and all(t in self.small and self.small[t] < 10 for t in tokens):
            return "".join(str(int(self.small[t])) for t in tokens)
        value = self._accumulate(tokens)
        return None if value is None else str(int(value))

    def _accumulate(self, tokens: Sequence[str]) -> float | None:
        total = 0.0
        current: float | None = None
        # what was added since "hundred": a multiple counts only that part ("three hundred and two dozen" = 324)
        since_hundred = 0.0
        seen_number = False
        previous = None
        for tok in tokens:
            if tok in CONNECTORS:
                previous = tok
                continue
            digits = parse_digits(tok)
            if digits is not None:
                # "2 1/2": a fraction after a whole number adds to it
                current = (current or 0.0) + digits
                since_hundred += digits
            elif tok in self.small or tok in self.tens:
                added = self.small.get(tok) or self.tens.get(tok) or 0.0
                current = (current or 0.0) + added
                since_hundred += added
            elif tok in self.multiples or tok in self.plural_multiples:
                factor = self.multiples.get(tok) or self.plural_multiples[tok]
                if current is not None and since_hundred and since_hundred < current:
                    current = current - since_hundred + since_hundred * factor
                else:
                    current = (current if current is not None else 1.0) * factor
                since_hundred = 0.0
            elif tok in self.denominators:
                numerator = total + (current if current is not None else (0.0 if total else 1.0))
                current = numerator / self.denominators[tok]
                total = 0.0
            elif tok in self.fractions or tok in self.plural_fractions:
                frac = self.fractions.get(tok) or self.plural_fractions[tok]
                current = (current if current is not None else 1.0) * frac
            elif tok == "hundred" or (tok == "hundreds" and current is not None):
                current = (current if current is not None else 1.0) * 100
                since_hundred = 0.0
            elif tok in self.plural_scales and current is not None:  # "two thousands"
                total += current * self.plural_scales[tok]
                current = None
                since_hundred = 0.0
            elif self.scale_of(tok) is not None:
                if current is None and total and previous is not None and self.scale_of(previous) is not None:
                    total *= self.scale_of(tok)  # "three lakh crore", "a thousand million": scales multiply
                else:
                    total += (current if current is not None else 1.0) * self.scale_of(tok)
                current = None
                since_hundred = 0.0
            else:
                return None
            seen_number = True
            previous = tok
        if not seen_number:
            return None
        return total + (current or 0.0)


def _join_thousands(tokens: list[str]) -> list[str]:
    """["1", "234", "567.89"] -> ["1234567.89"]: groups of three digits after a number of one to three digits."""
    out: list[str] = []
    for tok in tokens:
        if out and THOUSANDS_GROUP.match(tok) and re.fullmatch(r"\d{1,}", out[-1]) and "." not in out[-1]:
            out[-1] += tok
        else:
            out.append(tok)
    return out


def is_money_unit(unit: str) -> bool:
    """An amount of money carries an ISO 4217 code as its unit ("USD", "EUR"), a rate of pay one per something
    ("EUR per month")."""
    code = unit.split(" per ")[0]
    return len(code) == 3 and code.isalpha() and code.isupper()
