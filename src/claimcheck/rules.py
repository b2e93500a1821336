""":mod:`claimcheck.rules`: load and validate the user-editable rules folder.

Every vocabulary, cue word and pattern claimcheck uses lives in ``rules/`` as data. This module reads it once,
checks every line and every key against the one schema of :mod:`claimcheck.rules_schema`, and fails with
``path:line: key: what was expected`` before any document is read.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import compiled_cache
from .errors import RulesError
from .rules_schema import check_row, load_table, read_text, token_patterns_checked

# Files a rules folder must hold, with the kind of each.
PATTERN_FILES = ("quantities.jsonl", "topics.jsonl", "attribution.jsonl")
REGEX_FILES = ("boilerplate.jsonl", "metadata.jsonl")
TABLE_FILES = ("numbers.json", "nouns.json", "speakers.json", "diff.json", "stories.json", "measures.json")
RECORD_FILES = ("sources.jsonl",)

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


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSONL rules file, each checked against its schema (``//`` lines are comments)."""
    rows = []
    for lineno, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise RulesError(f"{path}:{lineno}: not valid JSON ({e.msg})") from None
        except (ValueError, RecursionError) as e:
            raise RulesError(f"{path}:{lineno}: not valid JSON ({str(e).splitlines()[0] if str(e) else e!r})") \
                from None
        check_row(path, lineno, row)
        row["_line"] = lineno
        rows.append(row)
    return rows


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
    for name in (*PATTERN_FILES, *REGEX_FILES, *TABLE_FILES, *RECORD_FILES):
        if not (root / name).is_file():
            raise RulesError(f"{root / name}:0: rules file missing")
    digest = hashlib.sha256()
    for name in (*PATTERN_FILES, *REGEX_FILES, *TABLE_FILES, *RECORD_FILES):
        digest.update(name.encode() + b"\0" + read_text(root / name).encode())
    fingerprint = digest.hexdigest()[:16]
    # rules whose token patterns spaCy accepted once (any command, any earlier run) are not shown to spaCy again:
    # the schema's other checks still run, and a command that never tokenizes never imports spaCy
    checked_key = compiled_cache.entry_key("token-patterns-valid", digest.hexdigest())
    checked = compiled_cache.load("rules-checked", checked_key) == b"ok"
    with token_patterns_checked() if checked else nullcontext():
        loaded = {name: _read_jsonl(root / name) for name in (*PATTERN_FILES, *REGEX_FILES, *RECORD_FILES)}
        numbers, nouns, speakers, diff, stories, measures = (load_table(root / name) for name in TABLE_FILES)
    if not checked:
        compiled_cache.save("rules-checked", checked_key, b"ok")
    topics = tuple(sorted({row["id"] for row in loaded["topics.jsonl"]}))
    return Rules(
        path=root,
        fingerprint=fingerprint,
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
