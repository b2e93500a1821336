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
_ORDINAL_SUFFIX = re.compile(r"(\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLOSING = ('.', '!', '?', ':', ';', ',')


class MetadataReader:
    def __init__(self, rules: Rules):
        self._rules = [(row["field"], re.compile(row["regex"]), tuple(row.get("formats", ())),
                        row.get("first_lines"), row.get("max_chars")) for row in rules.metadata]
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
        found: dict[str, str | None] = {"title": None, "publisher": None, "published": None}
        used: set[int] = set()  # a dateline or credit line is no headline
        for field, regex, formats, first_lines, max_chars in self._rules:
            if found[field] is not None:
                continue
            for para in paragraphs[:first_lines]:
                if max_chars is not None and len(para.text) > max_chars:
                    continue
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
                    used.add(para.start)
                    break
        found["title"] = _title([p for p in paragraphs if p.start not in used])
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
    if not formats:
        return value
    # "Sept. 18th, 2013" and "FEB. 2, 2009" are also tried as "Sep 18 2013", "Feb 2 2009": one spelling for strptime
    plain = _ORDINAL_SUFFIX.sub(r"\1", value.replace(".", " ").replace(",", " "))
    plain = " ".join(w[:3] if w.lower().startswith("sept") else w.capitalize() if w.isupper() else w
                     for w in plain.split())
    for text in (value, plain):
        for fmt in formats:
            try:
                return datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                continue
    return None
