""":mod:`claimcheck.updates`: tell a later figure from a contradicting one.

A death toll, a count of arrests or of deliveries only grows as news comes in. Two reports of such a measure that
disagree are an update, not a conflict, when the higher figure comes later: its document is dated after the
other's, or its text says it updates ("the death toll rose to five") and it is not dated before the other. A
figure that goes down later, or two figures of the same day, still conflict: a conflict is between figures of the
same time. Which measures are cumulative is ``cumulative_measures`` in ``rules/measures.json``.

A figure can also be of another time altogether: an article on this year's earthquake recalls the 2004 tsunami's
toll. When the sentence of a figure names years and none of them is the year of its document (its date, else its
story's when the story's dates fall in one year), or recalls another time in
words the rules list (``recalls`` in ``rules/diff.json``: "In February, ...", "three years ago"), the figure is
background: listed, never compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .story_features import years_in


class Dated(Protocol):
    published: str | None  # ISO date of the document, when known
    update: bool  # the text says the figure updates an earlier one


def supersedes(later: Dated, earlier: Dated) -> bool:
    """Does ``later`` (the higher figure) update ``earlier`` rather than contradict it?"""
    if later.published and earlier.published:
        if later.published > earlier.published:
            return True
        if later.published < earlier.published:
            return False
    return later.update


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Recall:
    """One ``recalls`` pattern of ``rules/diff.json``, compiled (case-insensitive), with its optional ``words``:
    every sentence it matches holds one of them (lower case). The pattern is tried on every compared figure's
    sentence, and a regular expression that may start anywhere costs tens of microseconds a sentence; a sentence
    without any of the words is not searched."""

    pattern: re.Pattern[str]
    words: tuple[str, ...] = ()

    def finditer(self, sentence: str, lowered: str) -> Iterator[re.Match[str]]:
        if self.words and not any(w in lowered for w in self.words):
            return iter(())
        return self.pattern.finditer(sentence)


def compile_recalls(rows: Iterable[dict]) -> tuple[Recall, ...]:
    """The ``recalls`` of ``rules/diff.json``, compiled."""
    return tuple(Recall(re.compile(row["regex"], re.IGNORECASE), tuple(w.lower() for w in row.get("words", ())))
                 for row in rows)


def is_background(sentence: str, year: int | None, recalls: Iterable[Recall] = (),
                  published: str | None = None, after: int = 0) -> bool:
    """Does the sentence date its figure to another time than the document's? It names years and not the
    document's ("the 2004 tsunami killed 230,000"), or it recalls another time in words the rules list ("In
    February, a quake hit Zarand, killing 612"; "three years ago"), unless the month it names is the document's.
    Only recalls that start at ``after`` or later count (an attributed figure's offset in its sentence: "In July,
    the minister revealed that ..." dates the statement, not the figure)."""
    return _elsewhen(_when(sentence, tuple(recalls)), year, after, published)


class Background:
    """:func:`is_background` for the figures of a comparison: what a sentence says of time (the years it names,
    the times it recalls and where) is read once per distinct sentence, which its figures share (several claims to
    a sentence, syndicated copy)."""

    def __init__(self, recalls: Iterable[Recall]):
        self.recalls = tuple(recalls)
        self.read: dict[str, tuple[set[int], tuple[tuple[int, str | None], ...]]] = {}

    def __call__(self, sentence: str, year: int | None, after: int, published: str | None) -> bool:
        when = self.read.get(sentence)
        if when is None:
            when = self.read[sentence] = _when(sentence, self.recalls)
        return _elsewhen(when, year, after, published)


_NEVER: tuple[set[int], tuple[tuple[int, str | None], ...]] = (set(), ())  # sentences that name no time: shared


def _when(sentence: str, recalls: tuple[Recall, ...]) -> tuple[set[int], tuple[tuple[int, str | None], ...]]:
    """The years a sentence names, and every recall it holds: where it starts, and the month it names (None)."""
    lowered = sentence.lower() if recalls else ""
    recalled = []
    for recall in recalls:
        for m in recall.finditer(sentence, lowered):
            recalled.append((m.start(), m.group("month") if "month" in m.re.groupindex else None))
    years = years_in(sentence)
    return (years, tuple(recalled)) if years or recalled else _NEVER


def _elsewhen(when: tuple[set[int], tuple[tuple[int, str | None], ...]], year: int | None, after: int,
              published: str | None) -> bool:
    years, recalled = when
    if year is not None and years and year not in years:
        return True
    return any(start >= after and not _in_month(month, published) for start, month in recalled)


def _in_month(month: str | None, published: str | None) -> bool:
    """Is the month a recall names the month of the document's date ("In February" in a February article)?"""
    if not month or not published or len(published) < 7:
        return False
    return published[5:7] == f"{_MONTHS.index(month[:3].lower()) + 1:02d}"
