""":mod:`claimcheck.pipeline`: the rule-based spaCy pipeline, on ``spacy.blank("en")``.

No trained pipeline is needed or loaded: sentence boundaries come from spaCy's rule-based ``sentencizer``,
quantities and topics from claimcheck's own components, all patterns from the rules folder.
"""

from __future__ import annotations

import os

import spacy
from spacy.attrs import LIKE_NUM
from spacy.lang.en.lex_attrs import like_num as _ENGLISH_LIKE_NUM
from spacy.language import Language
from spacy.util import compile_suffix_regex

from . import components  # noqa: F401  (registers the factories)
from .numbers import SCIENTIFIC
from .rules import Rules, load_rules


def build_nlp(rules: Rules | str | os.PathLike | None = None) -> Language:
    """A blank English pipeline with claimcheck's components, configured from ``rules``.

    Args:
        rules: a loaded :class:`~claimcheck.rules.Rules`, a rules folder, or None for the default rules.
    """
    if not isinstance(rules, Rules):
        rules = load_rules(rules)
    nlp = spacy.blank("en")
    _split_scale_suffixes(nlp, rules)
    # "1.3e6" is a number too: the scan starts at tokens that are like_num
    nlp.vocab.lex_attr_getters[LIKE_NUM] = _like_num_or_scientific
    nlp.add_pipe("sentencizer")
    config = {"rules_dir": str(rules.path)}
    nlp.add_pipe("claimcheck_quantities", config=config)
    nlp.add_pipe("claimcheck_attribution", config=config)
    nlp.add_pipe("claimcheck_topics", config=config)
    return nlp


def _like_num_or_scientific(text: str) -> bool:
    return _ENGLISH_LIKE_NUM(text) or bool(SCIENTIFIC.match(text))


def _split_scale_suffixes(nlp: Language, rules: Rules) -> None:
    """Make "1.2bn", "5mn" and "200lbs" two tokens, as spaCy already does for "74m" and "30km"."""
    abbreviations = sorted([*rules.numbers["scale_abbreviations"], *rules.numbers.get("unit_suffixes", ())],
                           key=len, reverse=True)
    suffix = r"(?<=[0-9])(?:" + "|".join(abbreviations) + r")\b"
    suffixes = list(nlp.Defaults.suffixes) + [suffix]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
