""":mod:`claimcheck.metadata`: a document's title, publisher and date, where its text names them.

Patterns come from ``rules/metadata.jsonl`` (a regex with a ``value`` group, per field, in priority order);
publisher names and domains are made canonical with ``rules/sources.jsonl``. Values a JSONL record gives
explicitly always win over what is read from the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from .rules import Rules
from .segment import Paragraph

_TITLE_MAX_CHARS = 200
_CLOSING = ('.', '!', '?', ':', ';', ',')


class MetadataReader:
    def __init__(self, rules: Rules):
        self._rules = [(row["field"], re.compile(row["regex"]), tuple(row.get("formats", ())))
                       for row in rules.metadata]
        self._names: dict[str, str] = {}
        for source in rules.sources:
            for alias in (source["name"], *source.get("aliases", ()), *source.get("domains", ())):
                self._names[alias.lower()] = source["name"]

    def canonical_source(self, name: str) -> str:
        """An outlet's canonical name ("Bloomberg LP" -> "Bloomberg"); unknown names come back unchanged."""
        key = name.strip().lower()
        if key in self._names:
            return self._names[key]
        for suffix in (" lp", " news", " llc", " inc", " ltd"):
            if key.endswith(suffix) and key[: -len(suffix)] in self._names:
                return self._names[key[: -len(suffix)]]
        if key.startswith("www."):
            return self.canonical_source(key[4:])
        return name.strip()

    def read(self, paragraphs: Sequence[Paragraph]) -> dict[str, str | None]:
        """Title, publisher and published (ISO date) found in the paragraphs; None where not found."""
        found: dict[str, str | None] = {"title": _title(paragraphs), "publisher": None, "published": None}
        for field, regex, formats in self._rules:
            if found[field] is not None:
                continue
            for para in paragraphs:
                m = regex.search(para.text)
                if m is None:
                    continue
                value = m.group("value").strip()
                if field == "published":
                    value = _parse_date(value, formats)
                elif field == "publisher":
                    value = self.canonical_source(value)
                if value:
                    found[field] = value
                    break
        return found


def _title(paragraphs: Sequence[Paragraph]) -> str | None:
    """The first reporting line, when it reads like a headline: short and without a closing stop."""
    for para in paragraphs:
        if para.boilerplate is None:
            text = para.text
            if len(text) <= _TITLE_MAX_CHARS and not text.endswith(_CLOSING):
                return text
            return None
    return None


def _parse_date(value: str, formats: Sequence[str]) -> str | None:
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value if not formats else None
