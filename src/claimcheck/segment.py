""":mod:`claimcheck.segment`: split a document into paragraphs and set page furniture aside.

Claims are extracted per paragraph (a line of text), which keeps spaCy's tokenizer cache effective and
gives attribution a natural scope. A line longer than :data:`PIECE_CHARS` (a scraped page or a log stored as one
line) is cut into pieces at a sentence end, else at a space, so that no Doc is ever bigger than a piece whatever the
size of the document, and offsets stay exact.

Lines matched by a rule in ``rules/boilerplate.jsonl`` (weather widgets, teasers, newsletter prompts, bylines ...)
are kept, flagged, and never sent through the pipeline. A rule only takes a short line (at most its ``max_chars``,
:data:`BOILERPLATE_MAX_CHARS` by default) that it matches as a whole: "Subscribe to" inside a sentence of an
article is not page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .rules import Rules

_SENTENCE_END = ('.', '!', '?', '"', '”', "'", '’', ':')
#: a line longer than this goes through the pipeline in pieces of at most this many characters (spaCy refuses a
#: text over ``nlp.max_length``, a million, and its memory grows with the Doc: a piece bounds both)
PIECE_CHARS = 10_000
#: a boilerplate rule without ``max_chars`` only takes lines up to this long
BOILERPLATE_MAX_CHARS = 200
# where a piece may end: after a sentence's closing punctuation (and closing quotes or brackets) and a space
_PIECE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


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

    def __init__(self, rules: Rules, *, piece_chars: int = PIECE_CHARS):
        self._rules = [(row["id"], re.compile(row["regex"]), _block_limit(row),
                        int(row.get("max_chars", BOILERPLATE_MAX_CHARS))) for row in rules.boilerplate]
        self._longest = max((limit for *_, limit in self._rules), default=0)
        self.piece_chars = piece_chars

    def match(self, line: str) -> tuple[str, int | None] | None:
        """The first boilerplate rule that matches the whole (stripped) line, with the rule's block limit, or None.
        A line longer than the rule's ``max_chars`` is never boilerplate."""
        if len(line) > self._longest:
            return None
        for rule_id, regex, block, max_chars in self._rules:
            if len(line) <= max_chars and regex.fullmatch(line):
                return rule_id, block
        return None

    def paragraphs(self, text: str) -> Iterator[Paragraph]:
        """Yield every non-empty line of ``text``, boilerplate flagged, offsets exact; a line longer than
        ``piece_chars`` comes in pieces (see :func:`pieces`)."""
        block: tuple[str, int] | None = None  # an open block: (rule id, max words of the lines it takes)
        for start, stop in _lines(text):
            if stop - start > self.piece_chars:  # cut without copying the line first
                block = None
                for offset, piece in pieces(text, self.piece_chars, start, stop):
                    yield Paragraph(offset, piece)
                continue
            stripped = text[start:stop]
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


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, white space stripped (as ``str.strip`` does), without copying."""
    pos, n = 0, len(text)
    while pos <= n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        start, stop = pos, end
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start < stop:
            yield start, stop
        pos = end + 1


def pieces(text: str, size: int, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """Cut ``text[start:end]`` into pieces of at most ``size`` characters: (offset in ``text``, piece), stripped, in
    order.

    Each cut is at the last sentence end in the second half of the window, else at the last run of white space in it,
    else (a run of ``size`` characters with no space at all) right at ``size``. ``text[offset:offset + len(piece)]``
    is always ``piece``.
    """
    pos, n = start, len(text) if end is None else end
    while pos < n:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            return
        if n - pos <= size:
            yield pos, text[pos:n].rstrip()
            return
        window_end = pos + size
        cut = _last_match(_PIECE_END, text, pos + size // 2, window_end)
        if cut is None:
            cut = _last_match(_SPACE, text, pos + 1, window_end)
        end = cut if cut is not None else window_end
        piece = text[pos:end].rstrip()
        if piece:
            yield pos, piece
        pos = end


def _last_match(pattern: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    """Where the last match of ``pattern`` starting in ``text[lo:hi]`` ends (capped at ``hi``), or None."""
    found = None
    for m in pattern.finditer(text, lo, hi + 1):
        found = m
    if found is None:
        return None
    return min(found.end(), hi)


def _block_limit(row: dict) -> int | None:
    """A rule with ``"block": N`` also takes the short lines after it (up to N words, no closing stop)."""
    block = row.get("block")
    if block is True:
        return 4
    return int(block) if block else None


def _within_block(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not line.endswith(_SENTENCE_END)
