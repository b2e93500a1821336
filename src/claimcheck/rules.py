""":mod:`claimcheck.rules`: load and validate the user-editable rules folder.

Every vocabulary, cue word and pattern claimcheck uses lives in ``rules/`` as data. This module reads it once,
checks every line, and fails with ``path:line: reason`` before any document is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.schemas import validate_token_pattern

from .errors import RulesError
from .numbers import entries

# Files a rules folder must hold, with the kind of each.
PATTERN_FILES = ("quantities.jsonl", "topics.jsonl", "attribution.jsonl")
REGEX_FILES = ("boilerplate.jsonl", "metadata.jsonl")
TABLE_FILES = ("numbers.json", "nouns.json", "speakers.json", "diff.json", "stories.json", "measures.json")
RECORD_FILES = ("sources.jsonl",)

_REQUIRED_KEYS = {
    "quantities.jsonl": {"label", "pattern"},
    "topics.jsonl": {"label", "pattern", "id"},
    "attribution.jsonl": {"label", "pattern"},
    "boilerplate.jsonl": {"id", "regex"},
    "metadata.jsonl": {"field", "regex"},
    "sources.jsonl": {"id", "name"},
}
_METADATA_FIELDS = {"title", "publisher", "published"}


def default_rules_dir() -> Path:
    """The rules folder used when none is given: ``$CLAIMCHECK_RULES``, else the packaged copy.

    A wheel carries the rules inside the package; an editable install reads the repository's ``rules/``.
    """
    env = os.environ.get("CLAIMCHECK_RULES")
    if env:
        return Path(env)
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True)
class Rules:
    """The parsed contents of a rules folder. Lists keep file order, so output is deterministic."""

    path: Path
    fingerprint: str
    quantity_patterns: list[dict[str, Any]]
    topic_patterns: list[dict[str, Any]]
    boilerplate: list[dict[str, Any]]
    metadata: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    numbers: dict[str, Any]
    nouns: dict[str, Any]
    attribution_patterns: list[dict[str, Any]] = field(default_factory=list)
    speakers: dict[str, Any] = field(default_factory=dict)
    diff: dict[str, Any] = field(default_factory=dict)
    stories: dict[str, Any] = field(default_factory=dict)
    measures: dict[str, Any] = field(default_factory=dict)
    topics: tuple[str, ...] = field(default=())


def _read_jsonl(path: Path, required: set[str]) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise RulesError(f"{path}:{lineno}: not valid JSON ({e.msg})") from None
            if not isinstance(row, dict):
                raise RulesError(f"{path}:{lineno}: each line must be a JSON object")
            missing = required - set(row)
            if missing:
                raise RulesError(f"{path}:{lineno}: missing key(s) {', '.join(sorted(missing))}")
            row["_line"] = lineno
            rows.append(row)
    return rows


def _check_pattern(path: Path, row: dict[str, Any]) -> None:
    pattern = row["pattern"]
    where = f"{path}:{row['_line']}"
    if isinstance(pattern, str):
        if not pattern.strip():
            raise RulesError(f"{where}: empty phrase pattern")
        return
    if not isinstance(pattern, list) or not pattern:
        raise RulesError(f"{where}: a pattern is a phrase string or a non-empty list of token dicts")
    errors = validate_token_pattern(pattern)
    if errors:
        raise RulesError(f"{where}: invalid token pattern: {errors[0]}")
    # POS/LEMMA/DEP/TAG need a trained model: the blank pipeline would raise E155 at match time.
    for token in pattern:
        for key in ("POS", "TAG", "LEMMA", "DEP", "MORPH", "ENT_TYPE"):
            if key in token:
                raise RulesError(f"{where}: {key} needs a trained pipeline; use LOWER, ORTH, SHAPE, REGEX or IN")


def _check_regex(path: Path, row: dict[str, Any]) -> None:
    try:
        re.compile(row["regex"])
    except re.error as e:
        raise RulesError(f"{path}:{row['_line']}: bad regex ({e})") from None


def _read_table(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as f:
            table = json.load(f)
    except json.JSONDecodeError as e:
        raise RulesError(f"{path}:{e.lineno}: not valid JSON ({e.msg})") from None
    if not isinstance(table, dict):
        raise RulesError(f"{path}:1: must hold a JSON object")
    return table


def _check_numbers(path: Path, table: dict[str, Any]) -> None:
    for key in ("small", "tens", "scales", "scale_abbreviations", "multiples", "fractions", "vague"):
        if not isinstance(table.get(key), dict):
            raise RulesError(f"{path}:1: missing table {key!r}")
    for row in table.get("digit_shapes", ()):
        try:
            re.compile(row["regex"])
        except (re.error, KeyError, TypeError) as e:
            raise RulesError(f"{path}:1: digit_shapes entry {row!r}: needs a valid 'regex' ({e})") from None
    for part, regexes in table.get("token_splits", {}).items():
        for regex in regexes if not part.startswith("_") else ():
            try:
                re.compile(regex)
            except (re.error, TypeError) as e:
                raise RulesError(f"{path}:1: token_splits {part} entry {regex!r}: not a valid regex ({e})") from None
    for suffix, word in entries(table, "money_scale_suffixes").items():
        if word not in table["scales"]:
            raise RulesError(f"{path}:1: money_scale_suffixes {suffix!r}: {word!r} is not in 'scales'")
    for word, bounds in table["vague"].items():
        if not (isinstance(bounds, list) and len(bounds) == 2 and bounds[0] < bounds[1]):
            raise RulesError(f"{path}:1: vague {word!r} must be [low, high] with low < high")


_SPEAKER_LISTS = ("reporting_verbs", "denial_verbs", "subject_boundaries", "role_words", "institution_words")
_ATTRIBUTION_LABELS = {"ACCORDING", "HEDGE", "DENIAL_WORD"}


def _check_speakers(path: Path, table: dict[str, Any]) -> None:
    for key in _SPEAKER_LISTS:
        if not isinstance(table.get(key), list):
            raise RulesError(f"{path}:1: missing list {key!r}")


def _check_attribution(path: Path, row: dict[str, Any]) -> None:
    if row["label"] not in _ATTRIBUTION_LABELS:
        raise RulesError(f"{path}:{row['_line']}: label must be one of {', '.join(sorted(_ATTRIBUTION_LABELS))}")


def load_rules(path: str | os.PathLike | None = None) -> Rules:
    """Read and validate a rules folder.

    Raises:
        RulesError: a file is missing or a line is malformed; the message names the file and line.
    """
    root = Path(path) if path is not None else default_rules_dir()
    root = root.resolve()
    return _ADOPTED.get(root) or _load_rules_cached(root, _stamp(root))


def _stamp(root: Path) -> tuple:
    """Size and modification time of each rules file: a folder edited since it was read is read again."""
    stamp = []
    for name in (*PATTERN_FILES, *REGEX_FILES, *TABLE_FILES, *RECORD_FILES):
        try:
            info = (root / name).stat()
            stamp.append((info.st_mtime_ns, info.st_size))
        except OSError:
            stamp.append(None)  # reported by the loader, with the file's name
    return tuple(stamp)


# Rules sent to another process or machine (a Dask worker, say), keyed by the folder they were read from there:
# the pipeline's components name their rules by folder, which need not exist where they run.
_ADOPTED: dict[Path, Rules] = {}


def adopt_rules(rules: Rules) -> None:
    """Make ``load_rules(rules.path)`` return ``rules`` in this process without reading the folder."""
    _ADOPTED[rules.path] = rules


@lru_cache(maxsize=32)
def _load_rules_cached(root: Path, stamp: tuple) -> Rules:
    if not root.is_dir():
        raise RulesError(f"{root}: rules folder not found")
    digest = hashlib.sha256()
    for name in (*PATTERN_FILES, *REGEX_FILES, *TABLE_FILES, *RECORD_FILES):
        file = root / name
        if not file.is_file():
            raise RulesError(f"{file}:0: rules file missing")
        digest.update(name.encode() + b"\0" + file.read_bytes())
    loaded = {name: _read_jsonl(root / name, _REQUIRED_KEYS[name]) for name in _REQUIRED_KEYS}
    for name in PATTERN_FILES:
        for row in loaded[name]:
            _check_pattern(root / name, row)
    for name in REGEX_FILES:
        for row in loaded[name]:
            _check_regex(root / name, row)
    for row in loaded["metadata.jsonl"]:
        if row["field"] not in _METADATA_FIELDS:
            raise RulesError(f"{root / 'metadata.jsonl'}:{row['_line']}: field must be one of "
                             f"{', '.join(sorted(_METADATA_FIELDS))}")
    numbers = _read_table(root / "numbers.json")
    _check_numbers(root / "numbers.json", numbers)
    nouns = _read_table(root / "nouns.json")
    speakers = _read_table(root / "speakers.json")
    diff = _read_table(root / "diff.json")
    stories = _read_table(root / "stories.json")
    measures = _read_table(root / "measures.json")
    _check_speakers(root / "speakers.json", speakers)
    for row in loaded["attribution.jsonl"]:
        _check_attribution(root / "attribution.jsonl", row)
    topics = tuple(sorted({row["id"] for row in loaded["topics.jsonl"]}))
    return Rules(
        path=root,
        fingerprint=digest.hexdigest()[:16],
        quantity_patterns=loaded["quantities.jsonl"],
        topic_patterns=loaded["topics.jsonl"],
        boilerplate=loaded["boilerplate.jsonl"],
        metadata=loaded["metadata.jsonl"],
        sources=loaded["sources.jsonl"],
        numbers=numbers,
        nouns=nouns,
        attribution_patterns=loaded["attribution.jsonl"],
        speakers=speakers,
        diff=diff,
        stories=stories,
        measures=measures,
        topics=topics,
    )


def ruler_patterns(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Strip our bookkeeping keys: rows in ``SpanRuler.add_patterns`` format, for :class:`CueMatcher`."""
    return [{k: v for k, v in row.items() if k in ("label", "pattern", "id")} for row in rows]


def check_topic(topic: str, rules: Rules) -> str:
    """Return ``topic`` if the rules define it; otherwise raise with the closest known ids as suggestions."""
    if topic in rules.topics:
        return topic
    from rapidfuzz import process

    close = [m for m, score, _ in process.extract(topic, rules.topics, limit=3) if score >= 60]
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; known topics: {', '.join(rules.topics)}"
    raise RulesError(f"unknown topic {topic!r}{hint}")
