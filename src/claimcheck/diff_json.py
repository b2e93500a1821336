""":mod:`claimcheck.diff_json`: a comparison as ``claimcheck/diff@2`` JSON, written story by story.

The same text as ``json.dumps(comparison.as_dict(), ensure_ascii=False)`` (tested), without building it: each story
is written as it is graded, then the records of the claims the stories name, sorted by id, as the records source
gives them (the store passes its stored text through). At ten million claims the whole document is over a
gigabyte; built in memory first, it would need several.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from .compare import DIFF_SCHEMA, Comparison, StoryComparison
from .diff_inputs import Records


def write_json(parts: Iterable[StoryComparison], records: Records, write: Callable[[str], Any]) -> None:
    """Write the stories as they come, then the claims they name."""
    used: set[str] = set()
    write(json.dumps({"schema": DIFF_SCHEMA}, ensure_ascii=False)[:-1] + ', "stories": [')
    for n, part in enumerate(parts):
        used.update(part.named())
        write((", " if n else "") + json.dumps(part.as_dict(), ensure_ascii=False))
    write('], "claims": [')
    for n, text in enumerate(records.json_texts(sorted(used))):
        write((", " if n else "") + text)
    write("]}")


def comparison_json(comparison: Comparison) -> str:
    """The whole comparison as one string (for tests and small inputs)."""
    pieces: list[str] = []
    write_json(comparison.parts(), comparison.claims, pieces.append)
    return "".join(pieces)
