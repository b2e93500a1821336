""":mod:`claimcheck.output`: write claim records as JSON, JSONL or CSV, streaming.

Records are produced once (by :mod:`claimcheck.process`); the format is chosen only here, at the end.
JSON is one object ``{"schema", "claims": [...], "documents": [...]}`` written as claims arrive, so memory
stays flat however large the corpus; JSONL is one record per line, each tagged ``"record": "claim"`` or
``"record": "document"``; CSV flattens claims to one row each.
"""

from __future__ import annotations

import csv
import json
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from . import CLAIMS_SCHEMA

CSV_COLUMNS = ("id", "doc", "kind", "start", "end", "text", "topic", "value", "low", "high", "low_inclusive",
               "high_inclusive", "qualifier", "unit", "approximate", "vague", "additional", "speaker", "hedges",
               "denial", "sentence", "change", "change_low", "change_high")


# characters JSON may leave raw inside strings but that line-based tools (Python's str.splitlines, some JSONL readers)
# take for line breaks: escaped, so one record is always one line
_LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS)


class JsonWriter:
    """Streams one JSON document; call :meth:`add` any number of times, then :meth:`close`.

    Nothing is written before the first document arrives, so a run that fails before reading any input leaves stdout
    empty; one that stops later (Ctrl-C) calls :meth:`close` and leaves a complete document of what it finished.
    """

    def __init__(self, out: TextIO):
        self.out = out
        self._first = True
        self._opened = False
        self._documents: list[dict[str, Any]] = []

    def _open(self) -> None:
        if not self._opened:
            self.out.write(f'{{"schema": "{CLAIMS_SCHEMA}", "claims": [')
            self._opened = True

    def add(self, document: dict[str, Any], claims: Iterable[dict[str, Any]]) -> None:
        self._open()
        self._documents.append(document)
        for claim in claims:
            # one write per claim, separator included: a Ctrl-C between two writes must not leave a dangling comma
            self.out.write(("\n  " if self._first else ",\n  ") + _dumps(claim))
            self._first = False

    def restory(self, moved: dict[str, str]) -> None:
        """Give the documents not yet written the stories a later split moved them to."""
        restory(self._documents, moved)

    def close(self) -> None:
        self._open()
        self.out.write("\n], \"documents\": [")
        self.out.write(",".join("\n  " + _dumps(d) for d in self._documents))
        self.out.write("\n]}\n")


class JsonlWriter:
    def __init__(self, out: TextIO):
        self.out = out
        self._documents: list[dict[str, Any]] = []

    def add(self, document: dict[str, Any], claims: Iterable[dict[str, Any]]) -> None:
        self._documents.append(document)
        for claim in claims:
            self.out.write(_dumps({"record": "claim", **claim}) + "\n")

    def restory(self, moved: dict[str, str]) -> None:
        """Give the documents not yet written the stories a later split moved them to."""
        restory(self._documents, moved)

    def close(self) -> None:
        for document in self._documents:
            self.out.write(_dumps({"record": "document", **document}) + "\n")


class CsvWriter:
    """Claims only, one row each; documents are summarized on stderr by the CLI. The header is written with the
    first row (or on :meth:`close`), so a run that fails before any input leaves stdout empty."""

    def __init__(self, out: TextIO):
        self.writer = csv.writer(out)
        self._header = False

    def _open(self) -> None:
        if not self._header:
            self.writer.writerow(CSV_COLUMNS)
            self._header = True

    def add(self, document: dict[str, Any], claims: Iterable[dict[str, Any]]) -> None:
        for claim in claims:
            self._open()
            self.writer.writerow([flat_value(claim, col) for col in CSV_COLUMNS])

    def close(self) -> None:
        self._open()


def restory(documents: list[dict[str, Any]], moved: dict[str, str]) -> None:
    """Give document records the stories a split moved them to after they were placed (see
    :attr:`claimcheck.story_assignment.StoryAssigner.moved`). Documents are written after the claims, so a split
    during the run reaches their records."""
    for document in documents:
        if document.get("id") in moved:
            document["story"] = moved[document["id"]]


def flat_value(claim: dict[str, Any], column: str) -> Any:
    """A claim field by flat column name: quantity fields, the speaker, hedges joined with ';'."""
    if column in claim and column not in ("quantity", "attribution", "hedges"):
        return claim[column]
    if column == "speaker":
        return (claim.get("attribution") or {}).get("speaker")
    if column == "hedges":
        return ";".join(claim.get("hedges") or ())
    quantity = claim.get("quantity") or {}
    if column.startswith("change"):  # "change" is the end ("from", "to"); change_low, change_high the range
        change = quantity.get("change") or {}
        return change.get("end") if column == "change" else change.get(column.removeprefix("change_"))
    return quantity.get(column)


WRITERS = {"json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter}


class WholeRecords:
    """Ctrl-C while a record is being written takes effect once it is written whole.

    A write to a full pipe can be cut by the signal half-way through a record (the reader sees ``},`` and then the
    closing ``]}``); with this, the KeyboardInterrupt is raised right after the record, and the writer can close the
    document cleanly. A second Ctrl-C during the same write interrupts at once. Only in the main thread (signals are
    delivered there); elsewhere it does nothing.
    """

    def __init__(self) -> None:
        self._writing = False
        self._pending = False
        self._previous: Any = None

    def __enter__(self) -> WholeRecords:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _handle(self, signum: int, frame: Any) -> None:
        if self._writing and not self._pending:
            self._pending = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def writing(self) -> Iterator[None]:
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
        if self._pending:
            self._pending = False
            raise KeyboardInterrupt
