""":mod:`claimcheck.store_reading`: what the read-only commands (``stories``, ``diff``) take from the store."""

from __future__ import annotations

import gc
import heapq
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diff_inputs import DiffInputs
from .errors import InputError
from .figures import Dateline
from .store import Store, open_existing
from .story_summary import StorySummary, keyword, outlet_of, summarize, summarize_rows

KEYWORDS = 8


def stored_stories(path: Path) -> list[StorySummary]:
    """A summary of every story in the store at ``path``, keywords from the story centroids."""
    with open_existing(path) as store:
        return summaries(store, store.documents())


@contextmanager
def diff_inputs(path: Path, *, story: str | None = None) -> Iterator[DiffInputs]:
    """What ``diff`` compares, read in one go from the slim ``comparable`` table (no claim record parsed), with
    every document's dateline and the story summaries (made from the same document records, read once); the
    store stays open while the caller writes its output, which looks up the records it shows. ``story``: only the
    claims of that story."""
    with open_existing(path, hint="run 'claimcheck extract PATHS' first, or give paths or '-'") as store:
        if store.count()[1] == 0:
            raise InputError(f"the store at {path} holds no claims: run 'claimcheck extract PATHS' first")
        datelines: dict[str, Dateline] = {}

        def shown() -> Iterator[tuple[str | None, str, str | None, str | None, str | None]]:
            for doc_id, in_story, published, publisher, year, title, url in store.datelines():
                doc_id = sys.intern(doc_id)  # the figures' doc strings are interned too: one object each
                in_story, published, publisher = _shared(in_story), _shared(published), _shared(publisher)
                datelines[doc_id] = Dateline(in_story, published, publisher, year)
                yield in_story, doc_id, title, published, outlet_of(publisher, url)

        with _collector_paused():
            inputs = DiffInputs(list(store.figures(story=story)), list(store.denials(story=story)), datelines,
                                summarize_rows(shown(), _keywords(store)), StoredRecords(store),
                                StoredDocuments(store))
        gc.freeze()  # what was read lives until diff ends: no collection need look at it again
        try:
            yield inputs
        finally:
            gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while millions of tuples are read: each collection would walk all those
    read so far (a third of the reading time at ten million claims), and reading makes no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class StoredRecords:
    """:class:`claimcheck.diff_inputs.Records` looked up in the store as an output asks for them; JSON gets the
    stored text as it is (records are stored as ``json.dumps`` writes them, so parsing and writing them again
    would give the same text)."""

    def __init__(self, store: Store):
        self.store = store

    def __getitem__(self, claim_id: str) -> dict[str, Any]:
        for _, text in self.store.records((claim_id,)):
            return json.loads(text)
        raise KeyError(claim_id)

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, str) and any(True for _ in self.store.records((claim_id,)))

    def json_texts(self, ids: Iterable[str]) -> Iterator[str]:
        for _, text in self.store.records(ids):
            yield text


class StoredDocuments(Mapping[str, dict[str, Any]]):
    """Document records looked up in the store as an output asks for them (the publisher of each row shown)."""

    def __init__(self, store: Store):
        self.store = store

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        document = self.store.document(doc_id)
        if document is None:
            raise KeyError(doc_id)
        return document

    def __iter__(self) -> Iterator[str]:
        return (d["id"] for d in self.store.documents())

    def __len__(self) -> int:
        return self.store.count()[0]


def _shared(text: str | None) -> str | None:
    """One string object for the many equal ones a big store repeats (story ids, dates, outlets)."""
    return sys.intern(text) if text is not None else None


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
    return summarize(documents, _keywords(store))


def _keywords(store: Store) -> dict[str, list[str]]:
    """Each story's keywords: the heaviest terms of its centroid."""
    return {sid: [keyword(t) for t, _ in heapq.nlargest(KEYWORDS, centroid.items(), key=lambda kv: (kv[1], kv[0]))]
            for sid, _, _, _, centroid, _ in store.stories()}
