""":mod:`claimcheck.story_summary`: what a person needs to know about each story, from the document records.

A story's headline is its most central title: the one whose words the other titles of the story share most
(rapidfuzz's ``token_set_ratio``, averaged), so a syndicated headline or an off-beat one does not stand for the
story. Outlets, dates and documents come from the document records; keywords, where given, from the story's
centroid. Works the same on the store's records and on an ``extract --format json`` document read from stdin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any
from urllib.parse import urlparse

from rapidfuzz import fuzz, process

STORIES_SCHEMA = "claimcheck/stories@1"
_HEADLINE_SAMPLE = 200  # titles compared per story: enough to find the centre of a story of thousands


@dataclass(frozen=True)
class StorySummary:
    id: str
    title: str | None
    documents: tuple[str, ...]
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    keywords: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "documents": list(self.documents), "outlets": list(self.outlets),
                "first": self.first, "last": self.last, "keywords": list(self.keywords)}

    @property
    def heading(self) -> str:
        """"Story: <headline> — 4 outlets, Feb 20–22" as the reports print it."""
        title = self.title or (", ".join(self.keywords[:4]) if self.keywords else self.id)
        n = len(self.outlets) or len(self.documents)
        what = "outlet" if self.outlets else "document"
        dates = _date_range(self.first, self.last)
        return f"{title} — {n} {what}{'s' * (n != 1)}" + (f", {dates}" if dates else "")


def summarize(documents: Iterable[Mapping[str, Any]],
              keywords: Mapping[str, Sequence[str]] | None = None) -> list[StorySummary]:
    """One summary per story the documents name, largest story first (then by first date and id)."""
    return summarize_rows(((d.get("story"), d["id"], d.get("title"), d.get("published"), outlet(d))
                           for d in documents), keywords)


def summarize_rows(rows: Iterable[tuple[str | None, str, str | None, str | None, str | None]],
                   keywords: Mapping[str, Sequence[str]] | None = None) -> list[StorySummary]:
    """:func:`summarize` over what a summary shows of each document, (story, id, title, published, outlet):
    the store gives these for a million documents without parsing their records."""
    members: dict[str, list[tuple[str, str | None, str | None, str | None]]] = defaultdict(list)
    for story, doc_id, title, published, where in rows:
        if story:
            members[story].append((doc_id, title or None, published or None, where))
    summaries = []
    for sid, docs in members.items():
        docs = sorted(docs, key=itemgetter(0))
        dates = sorted(published for _, _, published, _ in docs if published)
        summaries.append(StorySummary(
            id=sid,
            title=headline([title for _, title, _, _ in docs if title]),
            documents=tuple(doc_id for doc_id, _, _, _ in docs),
            outlets=tuple(sorted({o for _, _, _, o in docs if o})),
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            keywords=tuple((keywords or {}).get(sid, ())),
        ))
    return sorted(summaries, key=lambda s: (-len(s.documents), s.first or "9999", s.id))


def outlet(document: Mapping[str, Any]) -> str | None:
    """The publisher, else the host of the document's URL."""
    return outlet_of(document.get("publisher"), document.get("url"))


def outlet_of(publisher: str | None, url: str | None) -> str | None:
    """:func:`outlet` of a document's publisher and URL."""
    if publisher:
        return publisher
    if url:
        host = urlparse(url if "//" in url else f"//{url}").hostname
        if host:
            return host.removeprefix("www.")
    return None


def headline(titles: Sequence[str]) -> str | None:
    """The most central of a story's titles (see the module docstring); the first one on a tie."""
    if not titles:
        return None
    sample = list(titles[:_HEADLINE_SAMPLE])
    if len(sample) <= 2:
        return sample[0]
    import numpy as np  # here: the commands that list stories start without it

    # each distinct title scored once (syndicated copy repeats a headline); the matrix of the sample is then read
    # from those scores, so every sum is the same one, in the same order
    index: dict[str, int] = {}
    which = [index.setdefault(t, len(index)) for t in sample]
    distinct = process.cdist(list(index), list(index), scorer=fuzz.token_set_ratio)
    scores = distinct[np.ix_(which, which)]
    centrality = scores.sum(axis=1)
    best = max(range(len(sample)), key=lambda i: (centrality[i], -i))
    return sample[best]


def keyword(term: str) -> str:
    """A centroid term as a person reads it: "n:reid" -> "Reid", "w:earthquake" -> "earthquake", "#6.1" -> "6.1"."""
    if term.startswith("n:"):
        return " ".join(w[:1].upper() + w[1:] for w in term[2:].split())
    return term[2:] if term.startswith("w:") else term.lstrip("#")


def _date_range(first: str | None, last: str | None) -> str:
    from datetime import date

    if not first:
        return ""
    a, b = date.fromisoformat(first), date.fromisoformat(last or first)
    if a == b:
        return f"{a:%b} {a.day}, {a.year}"
    if a.year == b.year and a.month == b.month:
        return f"{a:%b} {a.day}–{b.day}, {a.year}"
    if a.year == b.year:
        return f"{a:%b} {a.day} – {b:%b} {b.day}, {a.year}"
    return f"{a:%b} {a.day}, {a.year} – {b:%b} {b.day}, {b.year}"
