""":mod:`claimcheck.pipeline`: the rule-based spaCy pipeline, on ``spacy.blank("en")``.

No trained pipeline is needed or loaded: sentence boundaries come from spaCy's rule-based ``sentencizer``,
quantities and topics from claimcheck's own components, all patterns from the rules folder.
"""

from __future__ import annotations

import os
import re

import spacy
from spacy.attrs import LIKE_NUM, ORTH
from spacy.lang.en.lex_attrs import like_num as _ENGLISH_LIKE_NUM
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from . import components  # noqa: F401  (registers the factories)
from .errors import RulesError
from .numbers import POWER_IN_TEXT, SCIENTIFIC, ascii_minus, entries, has_digit
from .rules import Rules, load_rules


def build_nlp(rules: Rules | str | os.PathLike | None = None) -> Language:
    """A blank English pipeline with claimcheck's components, configured from ``rules``.

    Args:
        rules: a loaded :class:`~claimcheck.rules.Rules`, a rules folder, or None for the default rules.
    """
    if not isinstance(rules, Rules):
        rules = load_rules(rules)
    try:
        return _build(rules)
    except RulesError:
        raise
    except Exception as e:  # noqa: BLE001  (rules that pass the schema and still break a component: one line)
        message = (str(e).strip().splitlines() or [""])[0][:200]
        raise RulesError(f"{rules.path}: the pipeline cannot be built from these rules "
                         f"({type(e).__name__}: {message})") from None


def _build(rules: Rules) -> Language:
    nlp = spacy.blank("en")
    _split_number_affixes(nlp, rules)
    # "Lt. Frank Vanore said": a title's period is no sentence end (spaCy's exceptions know "Gov." but not "Lt.")
    for title in rules.speakers.get("title_abbreviations", ()):
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    # "1.3e6" and "1.1^23" are numbers too: the scan starts at tokens that are like_num
    nlp.vocab.lex_attr_getters[LIKE_NUM] = _like_num_or_scientific
    nlp.add_pipe("sentencizer")
    config = {"rules_dir": str(rules.path)}
    nlp.add_pipe("claimcheck_quantities", config=config)
    nlp.add_pipe("claimcheck_attribution", config=config)
    nlp.add_pipe("claimcheck_topics", config=config)
    nlp.add_pipe("claimcheck_measures", config=config)
    return nlp


# pipelines built by shared_nlp, by rules fingerprint (content), most recent last
_SHARED: dict[str, Language] = {}
_SHARED_MAX = 4


def shared_nlp(rules: Rules) -> Language:
    """The pipeline for ``rules``, built once per rules content in this process and shared (a long-lived process,
    a test run or a notebook calling ``extract`` again pays the build once, not at every call)."""
    nlp = _SHARED.pop(rules.fingerprint, None)
    if nlp is None:
        nlp = build_nlp(rules)
    _SHARED[rules.fingerprint] = nlp
    while len(_SHARED) > _SHARED_MAX:
        del _SHARED[next(iter(_SHARED))]
    return nlp


def _like_num_or_scientific(text: str) -> bool:
    text = ascii_minus(text)  # "−12 °C"
    return _ENGLISH_LIKE_NUM(text) or bool(SCIENTIFIC.match(text)) or bool(POWER_IN_TEXT.fullmatch(text))


def _split_number_affixes(nlp: Language, rules: Rules) -> None:
    """Cut numbers from what is glued to them: "1.2bn", "200lbs", "USD115", "115USD", "10,000–12,000", "x>10".

    spaCy already splits "74m" and "30km"; the rest comes from the rules: the scale abbreviations and unit
    suffixes, the three-letter currency codes, and ``token_splits`` in ``numbers.json``.
    """
    scales = sorted(rules.numbers["scale_abbreviations"], key=len, reverse=True)
    units = sorted(rules.numbers.get("unit_suffixes", ()), key=len, reverse=True)
    codes = sorted(set(_currency_prefixes(rules.quantity_patterns)), key=lambda c: (-len(c), c))
    splits = rules.numbers.get("token_splits", {})
    # scale letters keep their case ("5m" is 5 million, "3M" a company); unit abbreviations do not ("2.4GHz")
    suffixes = [r"(?<=[0-9])(?:" + "|".join(scales) + r")\b", *splits.get("suffixes", ())]
    if units:
        suffixes.insert(1, r"(?<=[0-9])(?i:" + "|".join(units) + r")\b")
    prefixes = list(splits.get("prefixes", ()))
    money_scales = sorted(entries(rules.numbers, "money_scale_suffixes"), key=len, reverse=True)
    if money_scales:  # "$20MM", "€10B": case kept, so "300mm" stays millimetres
        suffixes.append(r"(?<=[0-9])(?:" + "|".join(money_scales) + r")\b")
    if codes:
        alternatives = "|".join(re.escape(c) for c in codes)
        suffixes.append(r"(?<=[0-9])(?i:" + alternatives + r")$")
        prefixes.append(r"(?i:" + alternatives + r")(?=[0-9])")
    # spaCy keeps "m." and "k." whole for initials; after digits they are a scale and a full stop ("£74m.")
    old = nlp.tokenizer
    specials = old.rules
    for abbreviation in (*scales, *units):
        specials.pop(abbreviation + ".", None)
    defaults = nlp.Defaults
    # one new tokenizer with every setting, rather than setting them one by one on the blank one: each setting
    # reloads the 1,700 special cases, which was a sixth of extract's start-up
    nlp.tokenizer = Tokenizer(
        nlp.vocab, rules=specials,
        prefix_search=_DigitAffixes(compile_prefix_regex, defaults.prefixes, prefixes).search,
        suffix_search=_DigitAffixes(compile_suffix_regex, defaults.suffixes, suffixes).search,
        infix_finditer=_DigitAffixes(compile_infix_regex, defaults.infixes, splits.get("infixes", ())).finditer,
        token_match=old.token_match, url_match=old.url_match, faster_heuristics=old.faster_heuristics)


def _currency_prefixes(rows: list[dict]) -> list[str]:
    """The currency codes and prefixes the tokenizer cuts from a figure glued to them, from the CURRENCY rows:
    codes of two or three letters ("usd", "rm", "ksh"), letters before a dollar sign ("us$", "s$") and a dollar
    sign before letters, which stays one token ("$us", "$a": "$A17,000")."""
    found = []
    for row in rows:
        if row["label"] != "CURRENCY":
            continue
        pattern = row["pattern"]
        if not isinstance(pattern, str) and len(pattern) == 1 and isinstance(pattern[0].get("LOWER"), str):
            pattern = pattern[0]["LOWER"]
        if isinstance(pattern, str) and re.fullmatch(r"[a-z]{2,3}|[a-z]{1,3}\$|\$[a-z]{1,2}", pattern):
            found.append(pattern)
    return found


class _DigitAffixes:
    """spaCy's affix patterns, then ours, which all cut around digits and so are tried only on strings with one.

    One regex of both would try every extra alternative at every position of every string: 15 % of the tokenizer's
    time on ECB+. ``pattern`` is that one regex, which is what spaCy writes when the tokenizer is saved.
    """

    def __init__(self, compile_regex, spacy_patterns, own_patterns):
        self.base = compile_regex(list(spacy_patterns))
        self.own = compile_regex(list(own_patterns)) if own_patterns else None
        self.pattern = compile_regex([*spacy_patterns, *own_patterns]).pattern

    def search(self, text: str):
        found = self.base.search(text)
        if self.own is None or not has_digit(text):
            return found
        own = self.own.search(text)
        if own is not None and (found is None or own.start() < found.start()
                                or (own.start() == found.start() and own.end() > found.end())):
            return own  # the leftmost match wins, as in one regex; at the same place the longer ("$A" over "$")
        return found

    def finditer(self, text: str):
        found = list(self.base.finditer(text))
        if self.own is None or not has_digit(text):
            return found
        for own in self.own.finditer(text):
            if not any(own.start() < m.end() and m.start() < own.end() for m in found):
                found.append(own)
        return sorted(found, key=lambda m: m.start())

