""":mod:`claimcheck.evaluate`: score quantity extraction against gold files.

Three gold formats are read (detected from the content):

- quantulum3's ``quantities.json``: ``[{"req": text, "res": [{"value", "unit", "surface"}]}]``
- Microsoft Recognizers-Text spec files: ``[{"Input", "Results": [{"Text", "Resolution": {"value", "unit"?,
  "isoCurrency"?}, "Start", "End"}]}]``; range values are interval strings such as ``"(30,)"`` or ``"[20,100]"``
- claimcheck's own JSONL: ``{"text": ..., "quantities": [{"value": 5} | {"low": 1, "high": 3}, "unit": ...]}``

A prediction matches a gold quantity when the values agree (to 1e-6 relative) and, where the gold gives a
position, the spans overlap; for intervals both bounds must agree. *value+unit* also needs the unit to agree
(through ``unit_map.json`` beside the gold file, where there is one) and, for intervals, whether each end is
included. Each gold quantity and each prediction is used at most once.

Gold quantities that our definition excludes (a year, a date, a designation, a reference such as "one of them")
are not dropped: they are counted under ``excluded`` with the rule that excludes them, and left out of recall.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from .components.extensions import CUES_KEY, EXCLUDED_KEY, NUMBERS_KEY, QUANTITIES_KEY

_INTERVAL = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])$")


@dataclass(frozen=True)
class Item:
    """One quantity, gold or predicted. A point has ``value``; an interval has ``low``/``high``."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    low_inclusive: bool | None = None
    high_inclusive: bool | None = None
    unit: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    # how a prediction was worded: Recognizers-Text counts "equal to 20" and "more than 20" as ranges,
    # "about 20" and "dozens" not
    qualified: bool = False
    approximate: bool = False
    vague: bool = False

    @property
    def is_interval(self) -> bool:
        return self.value is None

    def describe(self) -> str:
        if self.is_interval:
            left = "[" if self.low_inclusive else "("
            right = "]" if self.high_inclusive else ")"
            number = f"{left}{_fmt(self.low)}, {_fmt(self.high)}{right}"
        else:
            number = _fmt(self.value)
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.text!r} = {number}{unit}" if self.text else f"{number}{unit}"


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


@dataclass(frozen=True)
class Case:
    text: str
    gold: tuple[Item, ...]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision * 100, 1),
                "recall": round(self.recall * 100, 1), "f1": round(self.f1 * 100, 1)}


@dataclass
class Report:
    """The scores of one gold file."""

    name: str
    level: str
    cases: int = 0
    value: Score = field(default_factory=Score)
    value_unit: Score = field(default_factory=Score)
    excluded: Counter = field(default_factory=Counter)
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, str]] = field(default_factory=list)
    unit_errors: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self, *, errors: bool = False) -> dict[str, Any]:
        out = {"file": self.name, "level": self.level, "cases": self.cases, "value": self.value.as_dict(),
               "value_unit": self.value_unit.as_dict(), "excluded": dict(sorted(self.excluded.items()))}
        if errors:
            out["misses"] = [{"text": t, "gold": g} for t, g in self.misses]
            out["false_alarms"] = [{"text": t, "predicted": p} for t, p in self.false_alarms]
            out["unit_errors"] = [{"text": t, "detail": d} for t, d in self.unit_errors]
        return out


# -- reading gold files ----------------------------------------------------------------------------------

# Recognizers-Text files annotate one kind of quantity each; predictions of other kinds are not scored there.
_SPEC_KINDS = {"NumberModel": "number", "NumberRangeModel": "range", "PercentModel": "percent",
               "CurrencyModel": "currency", "DimensionModel": "dimension"}
_MINOR_CURRENCIES = frozenset({"cent", "penny", "dime"})
PERCENT_OF_BASE = "percent of N"


def kind_of(item: Item, measurement_units: frozenset[str]) -> set[str]:
    """The kinds a predicted quantity counts as: range, percent, currency, dimension."""
    kinds = set()
    two_ends = (item.is_interval or item.low != item.high) and not item.vague
    if (two_ends or item.qualified) and not item.approximate:
        kinds.add("range")
    unit = (item.unit or "").split(" per ")[0]  # "USD per barrel" is money
    if unit == "percent":
        kinds.add("percent")
    elif (len(unit) == 3 and unit.isupper()) or unit in _MINOR_CURRENCIES:
        kinds.add("currency")
    elif unit in measurement_units:
        kinds.add("dimension")
    return kinds


def read_gold(path: Path) -> tuple[str, list[Case]]:
    """Return the scoring level and the cases of a gold file in any known format.

    The level is "number" (every number phrase is a prediction), "quantity" (every quantity claim), or one kind
    of quantity for a Recognizers-Text file that annotates only that kind ("range", "percent", ...).
    """
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".jsonl":
        return "quantity", list(_own_cases(text, path))
    data = json.loads(text)
    if data and isinstance(data, list) and "req" in data[0]:
        return "quantity", [_quantulum_case(c) for c in data]
    if data and isinstance(data, list) and "Input" in data[0]:
        level = _SPEC_KINDS.get(path.stem, "quantity")
        return level, [_recognizers_case(c) for c in data]
    raise ValueError(f"{path}: not a known gold format (quantulum3, Recognizers-Text spec, or claimcheck JSONL)")


def _own_cases(text: str, path: Path) -> Iterator[Case]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            items = tuple(Item(value=q.get("value"), low=q.get("low"), high=q.get("high"),
                               low_inclusive=q.get("low_inclusive"), high_inclusive=q.get("high_inclusive"),
                               unit=q.get("unit"), text=q.get("text"))
                          for q in record["quantities"])
            yield Case(record["text"], items)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise ValueError(f"{path}:{lineno}: a line needs \"text\" and \"quantities\" ({e})") from None


def _quantulum_case(case: dict[str, Any]) -> Case:
    text = case["req"]
    items = []
    for res in case["res"]:
        surface = res.get("surface")
        start = text.find(surface) if surface else -1
        where = {"start": start if start >= 0 else None, "end": start + len(surface) if start >= 0 else None,
                 "text": surface, "unit": res.get("unit")}
        value, uncertainty = float(res["value"]), res.get("uncertainty")
        if uncertainty:  # quantulum3 writes a range "3 to 4 L" as its middle, 3.5, with an uncertainty of 0.5
            items.append(Item(low=value - uncertainty, high=value + uncertainty, **where))
        else:
            items.append(Item(value=value, **where))
    return Case(text, tuple(items))


def _recognizers_case(case: dict[str, Any]) -> Case:
    items = []
    for res in case.get("Results", ()):
        resolution = res.get("Resolution") or {}
        raw = str(resolution.get("value", "null"))
        unit = resolution.get("isoCurrency") or resolution.get("unit")
        where = {"start": res.get("Start"), "end": res["End"] + 1 if "End" in res else None, "text": res.get("Text")}
        m = _INTERVAL.match(raw)
        if m:
            items.append(Item(low=_number(m.group(2)), high=_number(m.group(3)), low_inclusive=m.group(1) == "[",
                              high_inclusive=m.group(4) == "]", unit=unit, **where))
        else:
            is_percent = raw.endswith("%")
            value = _number(raw.rstrip("%"))
            items.append(Item(value=value, unit="percent" if is_percent else unit, **where))
    return Case(case["Input"], tuple(items))


def _number(text: str) -> float | None:
    text = text.strip().replace("∞", "inf")
    if text in ("", "null", "+inf", "-inf", "inf"):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def load_unit_map(gold: Path) -> dict[str, Any]:
    """Gold unit names -> claimcheck units, from the ``unit_map.json`` files of the gold file's folder and the two
    above it, merged: a nearer file's keys win (``devsets/news/unit_map.json`` adds the ECB+ gold's own conventions
    to ``devsets/unit_map.json``)."""
    merged: dict[str, Any] = {}
    for folder in reversed(list(gold.resolve().parents)[:3]):
        candidate = folder / "unit_map.json"
        if candidate.is_file():
            merged.update(json.loads(candidate.read_text(encoding="utf-8")))
    return merged


# -- predicting and matching ------------------------------------------------------------------------------

def predictions(doc, level: str) -> list[Item]:
    """What the pipeline found: every number phrase ("number" level) or every quantity claim."""
    if level == "number":
        return [Item(value=s._.cc_value, start=s.start_char, end=s.end_char, text=s.text)
                for s in doc.spans[NUMBERS_KEY]]
    items = []
    for span in doc.spans[QUANTITIES_KEY]:
        q = span._.cc_quantity
        items.append(Item(value=q.value, low=q.low, high=q.high, low_inclusive=q.low_inclusive,
                          high_inclusive=q.high_inclusive, unit=q.unit, start=span.start_char, end=span.end_char,
                          text=span.text, qualified=q.qualifier is not None, approximate=q.approximate,
                          vague=q.vague))
    return items


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _overlaps(gold: Item, pred: Item) -> bool:
    if gold.start is None or pred.start is None:
        return True
    return pred.start < gold.end and gold.start < pred.end


def value_match(gold: Item, pred: Item) -> bool:
    if not _overlaps(gold, pred):
        return False
    if gold.is_interval:
        return _close(gold.low, pred.low) and _close(gold.high, pred.high)
    return pred.value is not None and _close(gold.value, pred.value)


def unit_match(gold: Item, pred: Item, unit_map: dict[str, Any], level: str | None = None) -> bool:
    if gold.is_interval and gold.low_inclusive is not None:
        ends_ok = ((gold.low is None or gold.low_inclusive == pred.low_inclusive)
                   and (gold.high is None or gold.high_inclusive == pred.high_inclusive))
        if not ends_ok:
            return False
    # a name that means different units at different levels ("Pound": GBP in the currency file, a weight
    # elsewhere) is mapped in a "_<level>" section first
    level_map = unit_map.get(f"_{level}", {}) if level else {}
    want = level_map.get(gold.unit, unit_map.get(gold.unit, gold.unit)) if gold.unit is not None else None
    # "_also": units a gold file's older convention names otherwise ("" for no unit), accepted besides the mapped one
    if pred.unit is not None and pred.unit in unit_map.get("_also", {}).get(gold.unit or "", ()):
        return True
    if want == "*":  # quantulum3's "dimensionless": any counted noun, or no unit, is right
        return pred.unit is None or pred.unit not in unit_map.get("_measurement_units", ())
    return want == pred.unit


def score_case(case: Case, doc, level: str, unit_map: dict[str, Any], report: Report,
               measurement_units: frozenset[str] = frozenset()) -> None:
    preds = predictions(doc, level)
    if level not in ("number", "quantity"):
        preds = [p for p in preds if level in kind_of(p, measurement_units)]
    excluded = _excluded(doc)
    if level == "number":
        # every number phrase read is scored here, so only what was never read counts as excluded by rule
        # (a date "5/17/2018", a phone number), not a number read and then judged no quantity ("one of them")
        excluded = [e for e in excluded if not e[3]]
    percent_first = _percent_first(doc)
    used: set[int] = set()
    for gold in case.gold:
        if gold.is_interval and gold.low is None and gold.high is None:
            # "the dollar", "a percentage": a unit named with no amount is no numeric claim
            report.excluded["no figure"] += 1
            continue
        if gold.unit == "percent" and gold.start in percent_first:
            # Recognizers-Text reads "percent of 10" as 10 %, a calque of Chinese 百分之十; in English the figure
            # after "percent of" is the base of an unstated share ("what percent of 10 million voters"), and it is
            # read as that number
            report.excluded[PERCENT_OF_BASE] += 1
            continue
        match = next((i for i, p in enumerate(preds) if i not in used and value_match(gold, p)), None)
        if match is None:
            reason = _excluded_reason(gold, excluded)
            if reason is not None:
                report.excluded[reason] += 1
                continue
            report.value.fn += 1
            report.value_unit.fn += 1
            report.misses.append((case.text, gold.describe()))
            continue
        used.add(match)
        report.value.tp += 1
        if unit_match(gold, preds[match], unit_map, level):
            report.value_unit.tp += 1
        else:
            report.value_unit.fn += 1
            report.value_unit.fp += 1
            report.unit_errors.append((case.text, f"gold {gold.describe()} / predicted {preds[match].describe()}"))
    for i, pred in enumerate(preds):
        if i not in used:
            report.value.fp += 1
            report.value_unit.fp += 1
            report.false_alarms.append((case.text, pred.describe()))


def _excluded_reason(gold: Item, excluded: Iterable[tuple[str, int, int, list[float]]]) -> str | None:
    """The rule that excluded the number a gold quantity names: by position, or by value when gold has none."""
    for reason, start, end, values in excluded:
        if gold.start is not None:
            if start < gold.end and gold.start < end:
                return reason
        elif gold.value is not None and any(_close(gold.value, v) for v in values):
            return reason
    return None


def _percent_first(doc) -> set[int]:
    """Where a percent unit cue (from the rules) opens a phrase "percent of N" with no figure before it."""
    starts = set()
    for cue in doc.spans[CUES_KEY]:
        if cue.label_ != "UNIT" or cue.id_ != "percent" or cue.end >= len(doc) or doc[cue.end].lower_ != "of":
            continue
        before = doc[cue.start - 1] if cue.start > 0 else None
        if before is None or not before.like_num:
            starts.add(cue.start_char)
    return starts


def _excluded(doc) -> list[tuple[str, int, int, list[float]]]:
    numbers = doc.spans[NUMBERS_KEY]
    return [(span.label_, span.start_char, span.end_char,
             [n._.cc_value for n in numbers if span.start <= n.start and n.end <= span.end])
            for span in doc.spans[EXCLUDED_KEY]]


def evaluate(nlp: Language, gold_path: Path) -> Report:
    """Score the pipeline on one gold file."""
    level, cases = read_gold(gold_path)
    unit_map = load_unit_map(gold_path)
    report = Report(name=str(gold_path), level=level, cases=len(cases))
    # a duration is no dimension ("three hours"): Recognizers-Text reads durations with its DateTime model
    durations = frozenset(unit_map.get("_duration_units", ()))
    measurement_units = frozenset(v for k, v in unit_map.items()
                                  if not k.startswith("_") and v != "*" and v not in durations)
    for case, doc in zip(cases, nlp.pipe(c.text for c in cases), strict=True):
        score_case(case, doc, level, unit_map, report, measurement_units)
    return report
