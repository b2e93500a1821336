""":mod:`claimcheck.segment`: split a document into paragraphs and set page furniture aside.

Claims are extracted per paragraph (a line of text), which keeps spaCy's tokenizer cache effective and
gives attribution a natural scope. Lines matched by a rule in ``rules/boilerplate.jsonl`` (weather widgets,
teasers, newsletter prompts, bylines ...) are kept, flagged, and never sent through the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .rules import Rules

_SENTENCE_END = ('.', '!', '?', '"', '”', "'", '’', ':')


@dataclass(frozen=True)
class Paragraph:
    """A stripped, non-empty line of a document, with its character offset in the document text."""

    start: int
    text: str
    boilerplate: str | None = None  # the id of the rule that matched, or None for reporting

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Segmenter:
    """Compiled boilerplate rules; call :meth:`paragraphs` for each document."""

    def __init__(self, rules: Rules):
        self._rules = [(row["id"], re.compile(row["regex"]), _block_limit(row)) for row in rules.boilerplate]

    def match(self, line: str) -> tuple[str, int | None] | None:
        """The first boilerplate rule a line matches, with the rule's block limit, or None."""
        for rule_id, regex, block in self._rules:
            if regex.search(line):
                return rule_id, block
        return None

    def paragraphs(self, text: str) -> Iterator[Paragraph]:
        """Yield every non-empty line of ``text``, boilerplate flagged, offsets exact."""
        block: tuple[str, int] | None = None  # an open block: (rule id, max words of the lines it takes)
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = pos + line.index(stripped[0])
                hit = self.match(stripped)
                if hit is not None:
                    rule_id, limit = hit
                    block = (rule_id, limit) if limit else None
                    yield Paragraph(start, stripped, rule_id)
                elif block is not None and _within_block(stripped, block[1]):
                    yield Paragraph(start, stripped, block[0])
                else:
                    block = None
                    yield Paragraph(start, stripped)
            pos += len(line) + 1


def _block_limit(row: dict) -> int | None:
    """A rule with ``"block": N`` also takes the short lines after it (up to N words, no closing stop)."""
    block = row.get("block")
    if block is True:
        return 4
    return int(block) if block else None


def _within_block(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not line.endswith(_SENTENCE_END)
