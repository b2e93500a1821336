""":mod:`claimcheck.updates`: tell a later figure from a contradicting one.

A death toll, a count of arrests or of deliveries only grows as news comes in. Two reports of such a measure that
disagree are an update, not a conflict, when the higher figure comes later: its document is dated after the
other's, or its text says it updates ("the death toll rose to five") and it is not dated before the other. A
figure that goes down later, or two figures of the same day, still conflict: a conflict is between figures of the
same time. Which measures are cumulative is ``cumulative_measures`` in ``rules/measures.json``.

A figure can also be of another time altogether: an article on this year's earthquake recalls the 2004 tsunami's
toll. When the sentence of a figure names years and none of them is the year of its document (its date, else its
story's when the story's dates fall in one year, else the latest year its text names), or recalls another time in
words the rules list (``recalls`` in ``rules/diff.json``: "In February, ...", "three years ago"), the figure is
background: listed, never compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def compile_recalls(rows: Iterable[dict]) -> tuple[re.Pattern[str], ...]:
    """The ``recalls`` patterns of ``rules/diff.json``, compiled (case-insensitive)."""
    return tuple(re.compile(row["regex"], re.IGNORECASE) for row in rows)


def is_background(sentence: str, year: int | None, recalls: Iterable[re.Pattern[str]] = (),
                  published: str | None = None, after: int = 0) -> bool:
    """Does the sentence date its figure to another time than the document's? It names years and not the
    document's ("the 2004 tsunami killed 230,000"), or it recalls another time in words the rules list ("In
    February, a quake hit Zarand, killing 612"; "three years ago"), unless the month it names is the document's.
    Only recalls that start at ``after`` or later count (an attributed figure's offset in its sentence: "In July,
    the minister revealed that ..." dates the statement, not the figure)."""
    named = years_in(sentence)
    if year is not None and named and year not in named:
        return True
    for pattern in recalls:
        m = pattern.search(sentence, after)
        if m is not None and not _in_month(m, published):
            return True
    return False


def _in_month(m: re.Match[str], published: str | None) -> bool:
    """Is the month the match names the month of the document's date ("In February" in a February article)?"""
    if "month" not in m.re.groupindex or not m.group("month") or not published or len(published) < 7:
        return False
    return published[5:7] == f"{_MONTHS.index(m.group('month')[:3].lower()) + 1:02d}"
