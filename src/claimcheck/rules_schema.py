""":mod:`claimcheck.rules_schema`: the one typed schema of every rules file, used by loading and ``rules check``.

Every key the code reads from ``rules/`` is declared here with its type and allowed values; :func:`check_table` and
:func:`check_row` refuse an unknown key, a missing key or a wrong type with one line, ``file:line: key: what was
expected``. Keys starting with ``_`` are notes for people (``"_about"``) and are allowed in every object; they are
dropped when a table is loaded, so no code ever sees them as words.

The shapes are small classes with one method, ``check(value) -> what was expected, or None``; a containing shape
reports where in the value the problem is (``vague.dozens``, ``digit_shapes[3].regex``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import RulesError

# -- shapes ---------------------------------------------------------------------------------------------------
Problem = tuple[str, str]  # (where inside the value, e.g. ".dozens" or "[3].regex"; what was expected)


class Shape:
    """A type of rules value. ``problems`` yields where and what, empty when the value fits."""

    expected = "a value"

    def problems(self, value: Any) -> Iterator[Problem]:
        if not self.fits(value):
            yield "", self.expected

    def fits(self, value: Any) -> bool:  # pragma: no cover  (every shape overrides one of the two)
        return True


class Text(Shape):
    def __init__(self, *, empty: bool = False):
        self.empty = empty
        self.expected = "a string" if empty else "a non-empty string"

    def fits(self, value: Any) -> bool:
        return isinstance(value, str) and (self.empty or value.strip() != "")


class Number(Shape):
    """An int or a float (never a bool), within ``[low, high]`` when given; ``whole`` wants an int."""

    def __init__(self, low: float | None = None, high: float | None = None, *, whole: bool = False):
        self.low, self.high, self.whole = low, high, whole
        kind = "a whole number" if whole else "a number"
        if low is not None and high is not None:
            self.expected = f"{kind} from {low:g} to {high:g}"
        elif low is not None:
            self.expected = f"{kind} of at least {low:g}"
        else:
            self.expected = kind

    def fits(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.whole and not isinstance(value, int):
            return False
        if value != value or value in (float("inf"), float("-inf")):
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


class Flag(Shape):
    expected = "true or false"

    def fits(self, value: Any) -> bool:
        return isinstance(value, bool)


class OneOf(Shape):
    def __init__(self, *values: str):
        self.values = values
        self.expected = "one of " + ", ".join(values)

    def fits(self, value: Any) -> bool:
        return isinstance(value, str) and value in self.values


class Regex(Shape):
    """A Python regular expression; ``groups`` names the groups it must have."""

    def __init__(self, *, groups: tuple[str, ...] = ()):
        self.groups = groups
        self.expected = "a valid regular expression" + (f" with a group (?P<{groups[0]}>...)" if groups else "")

    def problems(self, value: Any) -> Iterator[Problem]:
        if not isinstance(value, str) or not value:
            yield "", self.expected
            return
        try:
            compiled = re.compile(value)
        except (re.error, RecursionError, OverflowError) as e:
            yield "", f"{self.expected} ({getattr(e, 'msg', e)})"
            return
        missing = [g for g in self.groups if g not in compiled.groupindex]
        if missing:
            yield "", self.expected


class Either(Shape):
    def __init__(self, *shapes: Shape, expected: str):
        self.shapes, self.expected = shapes, expected

    def fits(self, value: Any) -> bool:
        return any(not list(s.problems(value)) for s in self.shapes)


class ListOf(Shape):
    def __init__(self, item: Shape, *, min_items: int = 0):
        self.item, self.min_items = item, min_items
        self.expected = f"a list of {_plural(item.expected)}" + (" (not empty)" if min_items else "")

    def problems(self, value: Any) -> Iterator[Problem]:
        if not isinstance(value, list) or len(value) < self.min_items:
            yield "", self.expected
            return
        for i, item in enumerate(value):
            for where, what in self.item.problems(item):
                yield f"[{i}]{where}", what


class Interval(Shape):
    """``[low, high]`` with low < high (``whole``: whole numbers)."""

    def __init__(self, *, whole: bool = False):
        self.number = Number(whole=whole)
        self.expected = f"[low, high]: two {'whole ' if whole else ''}numbers with low < high"

    def fits(self, value: Any) -> bool:
        return (isinstance(value, list) and len(value) == 2 and all(self.number.fits(v) for v in value)
                and value[0] < value[1])


class MapOf(Shape):
    """An object of any keys (words) to values of one shape; ``_`` keys are notes."""

    def __init__(self, value: Shape, *, min_items: int = 0):
        self.value, self.min_items = value, min_items
        self.expected = f"an object of words to {_plural(value.expected)}" + (" (not empty)" if min_items else "")

    def problems(self, value: Any) -> Iterator[Problem]:
        if not isinstance(value, dict) or len(_words(value)) < self.min_items:
            yield "", self.expected
            return
        for key, item in _words(value).items():
            if not key.strip():
                yield "", "no empty key"
            for where, what in self.value.problems(item):
                yield f".{key}{where}", what


@dataclass
class Key:
    shape: Shape
    required: bool = True


class Record(Shape):
    """An object with named keys: each required one present, no other (except ``_`` notes)."""

    def __init__(self, keys: dict[str, Shape | Key], *, check: Callable[[dict], Iterator[Problem]] | None = None):
        self.keys = {k: v if isinstance(v, Key) else Key(v) for k, v in keys.items()}
        self.check = check
        self.expected = "an object with " + ", ".join(self.keys)

    def problems(self, value: Any) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield "", self.expected
            return
        for key in value:
            if not isinstance(key, str) or (key not in self.keys and not key.startswith("_")):
                close = _closest(str(key), self.keys)
                yield f".{key}", "unknown key" + (f" (did you mean {close!r}?)" if close else
                                                 f" (known: {', '.join(self.keys)})")
        for key, spec in self.keys.items():
            if key not in value:
                if spec.required:
                    yield f".{key}", f"missing: {spec.shape.expected} is required"
                continue
            for where, what in spec.shape.problems(value[key]):
                yield f".{key}{where}", what
        if self.check is not None:
            yield from self.check(value)


def _plural(expected: str) -> str:
    for one, many in (("a non-empty string", "non-empty strings"), ("a string", "strings"),
                      ("a whole number", "whole numbers"), ("a number", "numbers"),
                      ("a valid regular expression", "valid regular expressions")):
        if expected.startswith(one):
            return many + expected[len(one):]
    return expected


def _words(table: dict) -> dict:
    return {k: v for k, v in table.items() if not (isinstance(k, str) and k.startswith("_"))}


def _closest(key: str, known) -> str | None:
    from rapidfuzz import process

    found = process.extractOne(key, list(known), score_cutoff=70)
    return found[0] if found else None


# -- token patterns (quantities, topics, attribution) ------------------------------------------------------------
class Pattern(Shape):
    """A SpanRuler pattern: a phrase, or a list of token dicts the blank pipeline can match (no POS, LEMMA ...)."""

    expected = "a phrase string or a non-empty list of token dicts"
    _NEEDS_MODEL = ("POS", "TAG", "LEMMA", "DEP", "MORPH", "ENT_TYPE")

    def problems(self, value: Any) -> Iterator[Problem]:
        if isinstance(value, str):
            if not value.strip():
                yield "", "a non-empty phrase"
            return
        if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
            yield "", self.expected
            return
        errors = [] if _TOKEN_PATTERNS_CHECKED.get() else _spacy_pattern_errors(value)
        if errors:
            yield "", f"a valid token pattern ({errors[0]})"
            return
        for i, token in enumerate(value):
            for key in self._NEEDS_MODEL:
                if key in token:
                    yield f"[{i}].{key}", "LOWER, ORTH, SHAPE, REGEX or IN: this needs a trained pipeline"
            for where, regex in _token_regexes(token):
                try:
                    re.compile(regex)
                except (re.error, RecursionError, OverflowError) as e:
                    yield f"[{i}]{where}", f"a valid regular expression ({getattr(e, 'msg', e)})"


# set while a rules folder whose token patterns spaCy has already accepted is read again (see claimcheck.rules):
# the commands that never tokenize then need no spaCy, whose import is half a second
_TOKEN_PATTERNS_CHECKED: ContextVar[bool] = ContextVar("token_patterns_checked", default=False)


@contextmanager
def token_patterns_checked() -> Iterator[None]:
    """Within this block, token patterns skip spaCy's own check (every other check of the schema still runs)."""
    reset = _TOKEN_PATTERNS_CHECKED.set(True)
    try:
        yield
    finally:
        _TOKEN_PATTERNS_CHECKED.reset(reset)


def _spacy_pattern_errors(value: list) -> list[str]:
    from spacy.schemas import validate_token_pattern

    return validate_token_pattern(value)


def _token_regexes(token: dict) -> Iterator[tuple[str, str]]:
    for attr, value in token.items():
        if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
            yield f".{attr}.REGEX", value["REGEX"]


# -- the files -------------------------------------------------------------------------------------------------
#: the qualifier ids and what they mean: claimcheck.intervals
QUALIFIER_IDS = ("exact", "approx", "approx_below", "approx_above", "gt", "ge", "lt", "le")
QUANTITY_LABELS = ("QUALIFIER", "QUALIFIER_AFTER", "INCREMENT", "INCREMENT_AFTER", "RANGE_START", "RANGE_JOIN",
                   "PLUS_MINUS", "CURRENCY", "UNIT", "DATE_WORD", "TIME_AFTER", "NAME_BEFORE", "NUMBERED_NAME",
                   "AGE_BEFORE", "TALLY")
_NOTE = Key(Text(empty=True), required=False)
WORDS = ListOf(Text())


def _quantity_ids(row: dict) -> Iterator[Problem]:
    label, rid = row.get("label"), row.get("id")
    if label == "QUALIFIER" and rid not in QUALIFIER_IDS:
        yield ".id", "a qualifier id: one of " + ", ".join(QUALIFIER_IDS)
    elif label == "QUALIFIER_AFTER" and rid not in (*QUALIFIER_IDS, "or_equal"):
        yield ".id", "a qualifier id: one of " + ", ".join((*QUALIFIER_IDS, "or_equal"))
    elif label in ("CURRENCY", "UNIT") and not (isinstance(rid, str) and rid.strip()):
        what = "currency (ISO 4217 code)" if label == "CURRENCY" else "unit"
        yield ".id", f"the canonical {what}: a non-empty string"


ROWS: dict[str, Record] = {
    "quantities.jsonl": Record({"label": OneOf(*QUANTITY_LABELS), "pattern": Pattern(),
                                "id": Key(Text(), required=False), "note": _NOTE}, check=_quantity_ids),
    "topics.jsonl": Record({"label": OneOf("TOPIC", "EVENT"), "pattern": Pattern(), "id": Text(), "note": _NOTE}),
    "attribution.jsonl": Record({"label": OneOf("ACCORDING", "HEDGE", "DENIAL_WORD"), "pattern": Pattern(),
                                 "id": Key(Text(), required=False), "note": _NOTE}),
    "boilerplate.jsonl": Record({
        "id": Text(), "regex": Regex(), "note": _NOTE,
        "block": Key(Either(Number(1, whole=True), Flag(), expected="a whole number of words of at least 1, or true"),
                     required=False),
        "max_chars": Key(Number(1, whole=True), required=False)}),
    "metadata.jsonl": Record({
        "field": OneOf("title", "publisher", "published"), "regex": Regex(groups=("value",)), "note": _NOTE,
        "formats": Key(ListOf(Text()), required=False), "first_lines": Key(Number(1, whole=True), required=False),
        "max_chars": Key(Number(1, whole=True), required=False)}),
    "sources.jsonl": Record({"id": Text(), "name": Text(), "aliases": Key(WORDS, required=False),
                             "domains": Key(WORDS, required=False), "note": _NOTE}),
}

NUMBERS = MapOf(Number())
COUNT = Number(0, whole=True)
SHARE = Number(0, 1)


def _money_scales_known(table: dict) -> Iterator[Problem]:
    scales = table.get("scales") if isinstance(table.get("scales"), dict) else {}
    for suffix, word in _words(table.get("money_scale_suffixes") or {}).items():
        if isinstance(word, str) and word not in scales:
            yield f".money_scale_suffixes.{suffix}", f"a word of 'scales' ({', '.join(_words(scales))})"


TABLES: dict[str, Record] = {
    "numbers.json": Record({
        "small": NUMBERS, "tens": NUMBERS, "scales": MapOf(Number(1)), "scale_abbreviations": MapOf(Number(1)),
        "multiples": NUMBERS, "fractions": NUMBERS, "vague": MapOf(Interval()), "vague_needs_scale": WORDS,
        "approximation_tolerance": Number(0, 1), "year_range": Interval(whole=True),
        "reference_determiners": WORDS, "denominators": NUMBERS, "negative_words": WORDS,
        "decimal_point_words": WORDS, "unit_suffixes": WORDS, "detached_scale_abbreviations": WORDS,
        "pronoun_one_after": WORDS, "ratio_words": WORDS, "bound_joiners": WORDS,
        "compound_units": MapOf(Record({"minor": Text(), "per_major": Number(1),
                                        "bare": Key(Flag(), required=False)})),
        "digit_shapes": ListOf(Record({"reason": Text(), "regex": Regex(), "note": _NOTE,
                                       "needs": Key(ListOf(Text(), min_items=1), required=False)})),
        "token_splits": Record({"infixes": ListOf(Regex()), "prefixes": ListOf(Regex()),
                                "suffixes": ListOf(Regex())}),
        "multiples_need_count": WORDS, "money_scale_suffixes": MapOf(Text()), "rate_words": WORDS,
        "dimension_words": WORDS, "not_rate_after": WORDS, "compound_denominators": NUMBERS,
        "range_verbs": WORDS, "units_counted_by_a": WORDS, "glued_units": WORDS, "unit_powers": MapOf(Text()),
        "subset_determiners": WORDS, "fraction_compounds": WORDS, "model_words": WORDS,
        "year_before": WORDS, "ages": Record({"units": MapOf(Text()), "after": WORDS}),
        "multipliers": Record({"unit": Text(), "words": MapOf(Number(0)), "adjectives": MapOf(Number(0))}),
        "share_unit": Text(), "tally_unit": Text(), "rate_adverbs": MapOf(Text()), "rate_bases": WORDS,
        "changes": Record({"up": WORDS, "down": WORDS, "either": WORDS, "up_down": WORDS,
                           "reach": Number(1, whole=True)}),
    }, check=_money_scales_known),
    "nouns.json": Record({
        "partitive_heads": WORDS, "collective_heads": WORDS, "max_counted_tokens": Number(1, whole=True),
        "noun_lemmas": MapOf(Text()), "stop_word_modifiers": WORDS, "participle_nouns": WORDS, "dated_nouns": WORDS,
        "level_nouns": WORDS, "people_in_a_state": WORDS,
        "elided_nouns": Record({"joiners": WORDS, "anaphors": WORDS}),
    }),
    "speakers.json": Record({
        "reporting_verbs": WORDS, "verbs_needing_that": WORDS, "denial_verbs": WORDS,
        "denial_verbs_needing_word": WORDS, "passive_aux": WORDS, "negations": WORDS, "pronouns": WORDS,
        "subject_boundaries": WORDS, "leading_strip": WORDS, "trailing_strip": WORDS, "determiners": WORDS,
        "nominal_heads": WORDS, "nominal_modifiers": WORDS, "owner_prepositions": WORDS, "role_words": WORDS,
        "institution_words": WORDS, "origin_drop": WORDS, "origin_synonyms": MapOf(Text()),
        "demonyms": MapOf(Text()), "list_connectors": WORDS, "max_subject_tokens": Number(1, whole=True),
        "that_window": Number(1, whole=True),
        # issue 15 (optional, so that rules folders written before still load)
        "pronoun_kinds": Key(MapOf(WORDS), required=False), "organization_words": Key(WORDS, required=False),
        "thing_words": Key(WORDS, required=False),
        "name_particles": Key(WORDS, required=False), "clause_openers": Key(WORDS, required=False),
        "parenthetical_starts": Key(WORDS, required=False), "inverted_speaker_stops": Key(WORDS, required=False),
        "title_abbreviations": Key(WORDS, required=False), "forecast_aux": Key(WORDS, required=False),
        "auxiliaries": Key(WORDS, required=False),
        "quotation_notes": Key(WORDS, required=False), "gerund_links": Key(WORDS, required=False),
        "evidence_verbs": Key(WORDS, required=False), "evidence_heads": Key(WORDS, required=False),
        "addressee_verbs": Key(WORDS, required=False), "clause_subjects": Key(WORDS, required=False),
    }),
    "diff.json": Record({
        "unit_synonyms": MapOf(Text()), "unit_match": Number(0, 100),
        "severity": Record({"minor": Number(0), "moderate": Number(0)}),
        "syndication_threshold": Number(0, 100), "denial_subjects": MapOf(WORDS),
        "pairwise_limit": Number(1, whole=True), "conflicts_listed": COUNT,
        "recalls": Key(ListOf(Record({"regex": Regex(), "note": _NOTE, "words": Key(WORDS, required=False)})),
                       required=False),
        "agreements_listed": Key(COUNT, required=False),
    }),
    "stories.json": Record({
        "common_rarity": Number(0), "max_rarity": Number(0), "name_boost": Number(0), "title_boost": Number(0),
        "number_weight": Number(0), "min_number": Number(0), "centroid_terms": Number(1, whole=True),
        "query_terms": Number(1, whole=True), "candidates": Number(1, whole=True), "join_threshold": SHARE,
        "name_novelty": SHARE, "lead_names": COUNT, "seen_share": SHARE, "time_grace_days": Number(0),
        "time_half_life_days": Number(0.001), "time_floor": SHARE, "stop_words": WORDS,
        "number_channel": Number(0), "join_threshold_single": SHARE, "lead_novelty": SHARE,
        "lead_sentences": Number(1, whole=True), "year_conflict": SHARE,
        "split_ratio": Key(Number(0), required=False), "split_min_group": Key(Number(1, whole=True), required=False),
        "split_sizes": Key(ListOf(Number(2, whole=True)), required=False),
        "member_terms": Key(Number(1, whole=True), required=False),
    }),
    "measures.json": Record({
        "predicates": MapOf(Record({"lemmas": Key(WORDS, required=False), "phrases": Key(WORDS, required=False)})),
        "money_nouns": WORDS, "after_window": COUNT, "appositive_max": COUNT, "before_window": COUNT,
        "update_reach": COUNT,
        "clause_joiners": WORDS, "before_stops": Key(WORDS, required=False),
        "being_classes": Key(WORDS, required=False),
        "said_of_beings": Key(MapOf(Text()), required=False),
        "classes": MapOf(Record({"generic": Key(WORDS, required=False), "specific": Key(WORDS, required=False)})),
        "part_before": ListOf(ListOf(Text(), min_items=1)), "part_after": ListOf(ListOf(Text(), min_items=1)),
        "update_before": ListOf(ListOf(Text(), min_items=1)), "question_verbs": MapOf(Text()),
        "plurals": MapOf(Text()), "cumulative_measures": WORDS,
    }),
}


# -- checking ----------------------------------------------------------------------------------------------------
def check_row(path: Path, lineno: int, row: Any) -> dict[str, Any]:
    """Check one line of a JSONL rules file against its schema; return it.

    Raises:
        RulesError: ``file:line: key: what was expected``.
    """
    if not isinstance(row, dict):
        raise RulesError(f"{path}:{lineno}: each line must be a JSON object")
    for where, what in ROWS[path.name].problems(row):
        raise RulesError(f"{path}:{lineno}: {_key(where)}: {what}")
    return row


def check_table(path: Path, text: str, table: Any) -> dict[str, Any]:
    """Check a JSON rules table against its schema; return it without its ``_`` notes (at every level).

    Raises:
        RulesError: ``file:line: key: what was expected``; the line is where the key is written (the line of the
            object holding it when the key is missing).
    """
    if not isinstance(table, dict):
        raise RulesError(f"{path}:1: the file must hold one JSON object")
    for where, what in TABLES[path.name].problems(table):
        raise RulesError(f"{path}:{line_of(text, where)}: {_key(where)}: {what}")
    return _without_notes(table)


def _key(where: str) -> str:
    return where.lstrip(".") or "(the line)"


def _without_notes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_notes(v) for k, v in value.items() if not (isinstance(k, str) and k.startswith("_"))}
    if isinstance(value, list):
        return [_without_notes(v) for v in value]
    return value


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def line_of(text: str, where: str) -> int:
    """The line of ``text`` (a JSON table) where the key path ``where`` (".vague.dozens", ".digit_shapes[3].regex")
    is written: each key is looked for after its parent's place (in list item ``[i]``, its ``i + 1``-th occurrence);
    a missing key keeps the parent's line."""
    pos, item = 0, 0
    for m in _STEP.finditer(where):
        if m.group(1) is None:
            item = int(m.group(2))
            continue
        key = re.compile(r'"' + re.escape(json.dumps(m.group(1))[1:-1]) + r'"\s*:')
        found = None
        for _ in range(item + 1):
            found = key.search(text, found.end() if found else pos)
            if found is None:
                break
        item = 0
        if found is None:
            break
        pos = found.start()
    return text.count("\n", 0, pos) + 1


def load_table(path: Path) -> dict[str, Any]:
    """Read, parse and check a JSON rules table. A key written twice is an error (JSON would keep the last)."""
    text = read_text(path)
    try:
        table = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        raise RulesError(f"{path}:{e.lineno}: not valid JSON ({e.msg})") from None
    except _Duplicate as e:
        raise RulesError(f"{path}:{line_of(text, '.' + e.key)}: {e.key}: written twice") from None
    except (ValueError, RecursionError) as e:
        raise RulesError(f"{path}:1: not valid JSON ({str(e).splitlines()[0] if str(e) else type(e).__name__})") \
            from None
    return check_table(path, text, table)


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise RulesError(f"{path}:0: cannot read ({e.strerror or e})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise RulesError(f"{path}:{line}: not UTF-8 (byte 0x{data[e.start]:02x}); rules files are UTF-8") from None


class _Duplicate(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise _Duplicate(key)
        table[key] = value
    return table


def describe(name: str) -> list[tuple[str, str, bool]]:
    """(key, what is expected, required) for every key of one rules file (a JSONL file: of each line)."""
    record = TABLES.get(name) or ROWS[name]
    return [(k, v.shape.expected, v.required) for k, v in record.keys.items()]
