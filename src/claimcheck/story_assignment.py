""":mod:`claimcheck.story_assignment`: place each extracted document in a story, and keep the stories in the store.

The glue between :mod:`claimcheck.stories` (the clustering, no I/O) and :mod:`claimcheck.store` (persistence):
:class:`StoryAssigner` restores the stories a store holds, places documents one at a time in arrival order,
and writes changed stories back before each commit of the store, so a document and the story it joined are saved
together. Without a store it keeps the stories of one run in memory.

A document keeps its story while its text is unchanged and no split of its story moves it: unrelated documents
never move it, and a story's id never moves to other documents. A split (two events found in one story, see
:mod:`claimcheck.story_split`) moves the group without the story's first document to a new story: the store is
updated, and :attr:`StoryAssigner.moved` tells the caller, for records it has not written yet. A document whose
text changed is taken out of its story and placed again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .models import Document
from .rules import Rules
from .store import Store
from .stories import Member, Story, StoryIndex
from .story_features import FeatureReader


class StoryAssigner:
    """Places documents in stories; see the module docstring."""

    def __init__(self, rules: Rules, store: Store | None = None):
        self.features = FeatureReader(rules)
        self.index = StoryIndex(rules)
        self.store = store
        self._dirty: set[str] = set()
        self._dropped: set[str] = set()
        self.moved: dict[str, str] = {}  # document -> the story a split moved it to, for output written already
        if store is not None:
            stories = [Story(sid, size, centroid=centroid, first=_day(first), last=_day(last),
                             years=_counts(years.get("years")), named_years=_counts(years.get("named")))
                       for sid, size, first, last, centroid, years in store.stories()]
            tracked = {s.id: s for s in stories if self.index.tracks(s.size)}
            if tracked:
                for doc, sid, kept in store.members():
                    if sid in tracked:
                        tracked[sid].members.append(_member(doc, kept))
            self.index.load(stories)
            store.before_commit.append(self.flush)

    def place(self, document: Document) -> Document:
        """The document with its ``story`` set; documents that are not ``ok`` have no text and get no story."""
        if document.status != "ok" or document.text is None:
            return document
        if self.store is not None:
            placed = self.store.membership(document.id)
            if placed is not None:
                story, sha256, kept = placed
                if sha256 == document.text_sha256:
                    return replace(document, story=story, year=kept.get("year"))
                self.take_out(story, kept, document.id)  # its text changed: out of its story, and placed again
        features = self.features.read(document.id, document.text, title=document.title,
                                      published=document.published)
        member = self.index.member(features) if self.store is not None else None  # what the store keeps of it
        story, _ = self.index.assign(features, member)
        self._touched(story)
        for doc, moved_to in self.index.moved:  # a split: earlier documents of the story move to a new one
            self._touched(moved_to)
            if doc != document.id:
                self.moved[doc] = moved_to
                if self.store is not None:
                    self.store.move(doc, moved_to)
        self.index.moved.clear()
        if member is not None:
            self.store.place(document.id, story, document.text_sha256,
                             {"terms": member.terms, "year": member.year, "years": list(member.years),
                              "published": _iso(member.published)})
        return replace(document, story=story, year=features.year)

    def take_out(self, story: str, kept: dict, doc: str | None = None) -> None:
        """Take a document out of its story, from what the store kept of it (its heaviest terms and its years):
        its text changed, or it was removed from the store."""
        self.index.remove(story, kept.get("terms", {}), kept.get("year"), kept.get("years", ()), doc)
        self._touched(story)

    def flush(self) -> None:
        """Write the stories changed since the last flush to the store."""
        if self.store is None:
            return
        live = {s.id: s for s in self.index.stories()}
        states = [(s.id, s.size, _iso(s.first), _iso(s.last), s.centroid,
                   {"years": s.years, "named": s.named_years})
                  for sid in sorted(self._dirty) if (s := live.get(sid)) is not None]
        self.store.save_stories(states, dropped=sorted(self._dropped - set(live)))
        self._dirty.clear()
        self._dropped.clear()

    def _touched(self, story: str) -> None:
        self._dirty.add(story)
        self._dropped.add(story)  # deleted on flush only if it no longer exists


def _member(doc: str, kept: dict) -> Member:
    """A story member as the store kept it (a document stored before dates were kept has none)."""
    return Member(doc, kept.get("terms", {}), kept.get("year"), tuple(kept.get("years", ())),
                  _day(kept.get("published")))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _counts(saved: dict | None) -> dict[int, int]:
    """Year counts as saved (JSON keys are strings) -> {year: count}."""
    return {int(y): int(n) for y, n in (saved or {}).items()}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
