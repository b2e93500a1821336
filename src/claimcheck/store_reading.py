""":mod:`claimcheck.store_reading`: what the read-only commands (``stories``, ``diff``) take from the store."""

from __future__ import annotations

import heapq
from pathlib import Path

from .errors import InputError
from .store import Store
from .story_summary import StorySummary, keyword, summarize

KEYWORDS = 8


def existing_store(path: Path) -> Store:
    """Open a store that must already exist (reading it makes no sense otherwise)."""
    if not path.is_file():
        raise InputError(f"no store at {path}: run 'claimcheck extract PATHS' first")
    return Store(path)


def stored_stories(path: Path) -> list[StorySummary]:
    """A summary of every story in the store at ``path``, keywords from the story centroids."""
    with existing_store(path) as store:
        keywords = {sid: [keyword(t) for t, _ in heapq.nlargest(KEYWORDS, centroid.items(),
                                                                key=lambda kv: (kv[1], kv[0]))]
                    for sid, _, _, _, centroid, _ in store.stories()}
        return summarize(store.documents(), keywords)
