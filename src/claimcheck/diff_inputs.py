""":mod:`claimcheck.diff_inputs`: what ``diff`` compares, whatever it was read from.

The store gives typed records directly, from its slim ``comparable`` table, and looks up a full record only when an
output shows it (:func:`claimcheck.store_reading.diff_inputs`); claim records read from stdin or extracted on the
fly are turned into the same typed records here (:func:`of_records`). Either way :class:`DiffInputs` is what
:meth:`claimcheck.compare.Comparer.compare_figures` and the outputs take.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .figures import Dateline, Denial, Figure
from .story_summary import StorySummary, summarize


class Records(Protocol):
    """Claim id -> its record, for the claims an output shows; and the records' JSON text, for the claims JSON
    lists (the store passes its stored text through unparsed)."""

    def __getitem__(self, claim_id: str) -> dict[str, Any]: ...

    def __contains__(self, claim_id: object) -> bool: ...

    def json_texts(self, ids: Iterable[str]) -> Iterator[str]: ...


class RecordDict(dict):
    """:class:`Records` over claim records in memory."""

    def json_texts(self, ids: Iterable[str]) -> Iterator[str]:
        for i in ids:
            yield json.dumps(self[i], ensure_ascii=False)


@dataclass
class DiffInputs:
    """Figures and denials in document order, each document's dateline, the stories in report order, and where to
    look up what the outputs show: claim records, and document records (their ``publisher``)."""

    figures: list[Figure]
    denials: list[Denial]
    datelines: dict[str, Dateline]
    summaries: list[StorySummary]
    records: Records
    documents: Mapping[str, Mapping[str, Any]]


def of_records(claims: Iterable[dict[str, Any]], documents: Iterable[dict[str, Any]] = (),
               stories: list[StorySummary] | None = None) -> DiffInputs:
    """The inputs of claim records (the claim contract) and their documents' records; the stories are made from
    the documents unless given (the store's, with keywords)."""
    docs = {d["id"]: d for d in documents}
    records = RecordDict()
    figures: list[Figure] = []
    denials: list[Denial] = []
    for c in claims:
        figure = Figure.of_record(c)
        if figure is not None:
            figures.append(figure)
            records[figure.id] = c
            continue
        denial = Denial.of_record(c)
        if denial is not None:
            denials.append(denial)
            records[denial.id] = c
    datelines = {i: Dateline.of_record(d) for i, d in docs.items()}
    summaries = stories if stories is not None else summarize(docs.values())
    return DiffInputs(figures, denials, datelines, summaries, records, docs)
