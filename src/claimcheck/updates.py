""":mod:`claimcheck.updates`: tell a later figure from a contradicting one.

A death toll, a count of arrests or of deliveries only grows as news comes in. Two reports of such a measure that
disagree are an update, not a conflict, when the higher figure comes later: its document is dated after the
other's, or its text says it updates ("the death toll rose to five") and it is not dated before the other. A
figure that goes down later, or two figures of the same day, still conflict: a conflict is between figures of the
same time. Which measures are cumulative is ``cumulative_measures`` in ``rules/measures.json``.
"""

from __future__ import annotations

from typing import Protocol


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
