""":mod:`claimcheck.store_reading`: what the read-only commands (``stories``, ``diff``) take from the store."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .store import Store, open_existing
from .story_summary import StorySummary, keyword, summarize

KEYWORDS = 8


def stored_stories(path: Path) -> list[StorySummary]:
    """A summary of every story in the store at ``path``, keywords from the story centroids."""
    with open_existing(path) as store:
        return summaries(store, store.documents())


def diff_inputs(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[StorySummary]]:
    """What ``diff`` compares, read in one go: the claims it compares, every document, and the story summaries
    (made from the same document records, not read a second time)."""
    with open_existing(path, hint="run 'claimcheck extract PATHS' first, or give paths or '-'") as store:
        if store.count()[1] == 0:
            raise InputError(f"the store at {path} holds no claims: run 'claimcheck extract PATHS' first")
        claims, documents = list(store.comparable_claims()), list(store.documents())
        return claims, documents, summaries(store, documents)


@dataclass(frozen=True)
class ReportInputs:
    """What ``report`` reads from the store in one go: every claim (``diff`` compares the ones it compares; the
    article views mark them all), every document, the story summaries, and the documents' texts."""

    claims: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    summaries: list[StorySummary]
    texts: dict[str, str]  # document id -> the text its offsets index (none for one stored before texts were kept)
    last_run: str | None


def report_inputs(path: Path) -> ReportInputs:
    """The store's claims, documents, stories and texts, for the HTML report."""
    with open_existing(path) as store:
        if store.count()[1] == 0:
            raise InputError(f"the store at {path} holds no claims: run 'claimcheck extract PATHS' first")
        documents = list(store.documents())
        return ReportInputs(list(store.claims()), documents, summaries(store, documents),
                            store.texts(d["id"] for d in documents if d["status"] == "ok"), store.info()["last_run"])


def summaries(store: Store, documents: Iterable[dict[str, Any]]) -> list[StorySummary]:
    """The stories of ``documents``, with keywords from the store's story centroids."""
    keywords = {sid: [keyword(t) for t, _ in heapq.nlargest(KEYWORDS, centroid.items(),
                                                            key=lambda kv: (kv[1], kv[0]))]
                for sid, _, _, _, centroid, _ in store.stories()}
    return summarize(documents, keywords)
