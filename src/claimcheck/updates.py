""":mod:`claimcheck.updates`: tell a later figure from a contradicting one.

A death toll, a count of arrests or of deliveries only grows as news comes in. Two reports of such a measure that
disagree are an update, not a conflict, when the higher figure comes later: its document is dated after the
other's, or its text says it updates ("the death toll rose to five") and it is not dated before the other. A
figure that goes down later, or two figures of the same day, still conflict: a conflict is between figures of the
same time. Which measures are cumulative is ``cumulative_measures`` in ``rules/measures.json``.

A figure can also be of another time altogether: an article on this year's earthquake recalls the 2004 tsunami's
toll. When the sentence of a figure names years and none of them is the year of its document (its date, else its
story's when the story's dates fall in one year), the figure is background: listed, never compared.
"""

from __future__ import annotations

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


def is_background(sentence: str, year: int | None) -> bool:
    """Does the sentence date its figure to another year than the document's ("the 2004 tsunami killed 230,000")?
    False when the document's year is not known, or the sentence names no year, or names this one."""
    if year is None:
        return False
    named = years_in(sentence)
    return bool(named) and year not in named
