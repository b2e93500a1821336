""":mod:`claimcheck.stories`: group documents into stories, one real-world event or development each, online.

The model is the single-pass clustering of news-monitoring systems (topic detection and tracking): each
document, in arrival order, is compared with the centroids of the stories so far and joins the most similar
one when the similarity reaches a threshold, or opens a story of its own. It is incremental by construction: a
later run adds its documents to the stories a store holds, and a story's id (a hash of the document that opened
it) never changes when unrelated documents arrive.

No document is compared with every story: an inverted index from each story's heaviest terms to the story gives
the candidates, the way a search engine finds documents by their words, and only those are scored in full.
Time is a soft signal: one event's coverage runs for weeks or months, so a date far from a story's lowers the
similarity (down to a floor) instead of ruling the story out.

No I/O here: :class:`StoryIndex` takes :class:`~claimcheck.story_features.StoryFeatures` and keeps its state in
plain attributes; :meth:`StoryIndex.stories` and :meth:`StoryIndex.from_stories` save and restore it.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .rules import Rules
from .story_features import StoryFeatures
from .story_split import two_events


@dataclass(frozen=True)
class Member:
    """What a story keeps of each document while it may still split: its heaviest terms (as the store keeps
    them), its years and its date."""

    doc: str
    terms: dict[str, float]
    year: int | None = None
    years: tuple[int, ...] = ()
    published: date | None = None


@dataclass
class Story:
    """One story's state: its id, how many documents it holds, its centroid and its dates."""

    id: str
    size: int = 0
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member vectors, heaviest terms only
    first: date | None = None
    last: date | None = None
    norm: float = 0.0
    years: dict[int, int] = field(default_factory=dict)  # its documents' years (StoryFeatures.year): how many each
    named_years: dict[int, int] = field(default_factory=dict)  # how many of its documents name each year
    # its documents, while the story is small enough to be checked for two events (None once it is not)
    members: list[Member] | None = field(default_factory=list)

    def top_terms(self, n: int) -> list[str]:
        return [t for t, _ in heapq.nlargest(n, self.centroid.items(), key=lambda kv: (kv[1], kv[0]))]


def story_id(founding_document: str) -> str:
    """A story is named after the document that opened it: stable whatever arrives later."""
    return "s" + hashlib.sha1(founding_document.encode()).hexdigest()[:11]


class StoryIndex:
    """Online story clustering (see the module docstring). ``assign`` one document at a time, in arrival order."""

    def __init__(self, rules: Rules):
        s = rules.stories
        self.threshold = float(s["join_threshold"])
        self.novelty = float(s["name_novelty"])
        self.lead_names = int(s["lead_names"])
        self.seen_share = float(s["seen_share"])
        self.centroid_terms = int(s["centroid_terms"])
        self.query_terms = int(s["query_terms"])
        self.candidates = int(s["candidates"])
        self.grace = float(s["time_grace_days"])
        self.half_life = float(s["time_half_life_days"])
        self.floor = float(s["time_floor"])
        self.threshold_single = float(s["join_threshold_single"])
        self.year_conflict = float(s["year_conflict"])
        self.lead_novelty = float(s["lead_novelty"])
        self.member_terms = int(s.get("member_terms", 64))
        self.split_ratio = float(s.get("split_ratio", 0.0))
        self.split_min_group = int(s.get("split_min_group", 2))
        self.split_sizes = frozenset(int(n) for n in s.get("split_sizes", ()))
        self.split_until = max(self.split_sizes, default=0)
        self.moved: list[tuple[str, str]] = []  # (document, story) moved by a split since the caller last looked
        self._stories: dict[str, Story] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._indexed: dict[str, frozenset[str]] = {}

    # -- state ----------------------------------------------------------------------------------------------
    def stories(self) -> list[Story]:
        return list(self._stories.values())

    def load(self, stories: list[Story]) -> None:
        """Restore saved stories (from :meth:`stories`, through the store), their ``members`` given for those
        that may still split (:meth:`tracks`)."""
        for story in stories:
            story.norm = math.sqrt(sum(v * v for v in story.centroid.values()))
            if not self.tracks(story.size):
                story.members = None
            self._stories[story.id] = story
            self._reindex(story)

    def tracks(self, size: int) -> bool:
        """Does a story of this size keep its members, to be checked for two events at the next split size?"""
        return size < self.split_until

    # -- assignment -----------------------------------------------------------------------------------------
    def assign(self, features: StoryFeatures, member: Member | None = None) -> tuple[str, float]:
        """The id of the story the document joins (a new one when none is close enough), and the similarity.
        ``member``: the document's :meth:`member`, when the caller has made it already (to store it)."""
        best, score = self.best_match(features)
        if best is None or score < self.threshold_for(best):
            best = self._open(features.doc)
        self._add(best, features, member)
        if best.size in self.split_sizes and self.split_ratio > 0:
            other = self._split(best)
            if other is not None and any(m.doc == features.doc for m in other.members or ()):
                return other.id, score
        return best.id, score

    def member(self, features: StoryFeatures) -> Member:
        """What a story keeps of a document: its ``member_terms`` heaviest terms, years and date."""
        terms = dict(heapq.nlargest(self.member_terms, features.vector.items(), key=lambda kv: (kv[1], kv[0])))
        return Member(features.doc, terms, features.year, tuple(sorted(features.years)), features.published)

    def _split(self, story: Story) -> Story | None:
        """Split ``story`` in two when its members form two events (:func:`~claimcheck.story_split.two_events`):
        the group that holds the document that opened it keeps its id; the other becomes a story named after its
        first document by id. The documents moved are added to :attr:`moved`. Returns the new story, if any."""
        members = sorted(story.members or (), key=lambda m: m.doc)  # order-independent: one run or two
        split = two_events([m.terms for m in members], self.split_min_group)
        if split is None or split.ratio >= self.split_ratio:
            return None
        first = [members[i] for i in split.first]
        second = [members[i] for i in split.second]
        founder = {story_id(m.doc) for m in first}
        if story.id not in founder and (story.id in {story_id(m.doc) for m in second} or len(second) > len(first)):
            first, second = second, first
        other = self._open(second[0].doc)
        for target, group in ((story, first), (other, second)):
            _refill(target, group)
            self._reindex(target)
        self.moved += [(m.doc, other.id) for m in second]
        return other

    def threshold_for(self, story: Story) -> float:
        """A story of one document takes only close documents (one pairwise similarity is noisy); the bar falls
        towards ``join_threshold`` as the story grows and its average becomes reliable."""
        return self.threshold + (self.threshold_single - self.threshold) / max(story.size, 1)

    def best_match(self, features: StoryFeatures) -> tuple[Story | None, float]:
        best, best_score = None, 0.0
        names = self._lead_names(features)  # once per document, not per candidate
        for story in self._candidates(features.vector):
            score = self.similarity(features, story, names)
            if score > best_score or (score == best_score and best is not None and story.id < best.id):
                best, best_score = story, score
        return best, best_score

    def similarity(self, features: StoryFeatures, story: Story,
                   names: list[tuple[float, str]] | None = None) -> float:
        if story.norm == 0:
            return 0.0
        centroid = story.centroid
        get = centroid.get
        dot = sum(w * get(t, 0.0) for t, w in features.vector.items())
        score = dot / story.size  # average link: the mean similarity to the story's documents
        names = self._lead_names(features) if names is None else names
        return (score * self._name_factor(names, story) * self._time_factor(features.published, story)
                * self._year_factor(features, story) * self._lead_factor(features, story))

    def _year_factor(self, features: StoryFeatures, story: Story) -> float:
        """Two events of one kind are often years apart (rehab again, another DUI, the same fix a second time):
        a document from a year that the story's documents are not from, nor name, is likely another event.
        Lowered by ``year_conflict`` times the share of the story's dated documents that disagree."""
        year = features.year
        known = sum(story.years.values())
        if not self.year_conflict or year is None or known == 0:
            return 1.0
        agree = max(story.years.get(year, 0), story.named_years.get(year, 0),
                    sum(n for y, n in story.years.items() if y in features.years))
        return 1.0 - self.year_conflict * (1.0 - min(agree, known) / known)

    def _lead_factor(self, features: StoryFeatures, story: Story) -> float:
        """What the title and first sentences say (who, how many) every report of an event repeats: the more of
        the document's lead names and numbers the story's documents lack, the likelier another event."""
        if not self.lead_novelty or not features.lead or story.size < 2:
            return 1.0
        vector, centroid = features.vector, story.centroid
        total = sum(vector[t] for t in features.lead)
        unseen = sum(vector[t] for t in features.lead if t not in centroid)
        return 1.0 - self.lead_novelty * unseen / total

    def _lead_names(self, features: StoryFeatures) -> list[tuple[float, str]]:
        return heapq.nlargest(self.lead_names, ((w, t) for t, w in features.vector.items() if t.startswith("n:")))

    def _name_factor(self, names: list[tuple[float, str]], story: Story) -> float:
        """A document whose own leading names the story has never seen is likely a new event of the same kind
        (another player arrested, another building on fire): its similarity is lowered."""
        if not names:
            return 1.0
        total = sum(w for w, _ in names)
        seen = sum(w for w, t in names if story.centroid.get(t, 0.0) >= self.seen_share * story.size * w)
        return 1.0 - self.novelty * (1.0 - seen / total)

    def _time_factor(self, published: date | None, story: Story) -> float:
        if published is None or story.first is None or story.last is None:
            return 1.0
        if published < story.first:
            days = (story.first - published).days
        elif published > story.last:
            days = (published - story.last).days
        else:
            return 1.0
        days -= self.grace
        if days <= 0:
            return 1.0
        return max(self.floor, 0.5 ** (days / self.half_life))

    def _candidates(self, vector: dict[str, float]) -> list[Story]:
        """Stories sharing one of the document's heaviest terms, best partial score first, at most ``candidates``."""
        query = heapq.nlargest(self.query_terms, vector.items(), key=lambda kv: (kv[1], kv[0]))
        partial: dict[str, float] = defaultdict(float)
        for term, weight in query:
            for sid in self._postings.get(term, ()):
                story = self._stories[sid]
                partial[sid] += weight * story.centroid.get(term, 0.0) / story.norm
        ranked = heapq.nlargest(self.candidates, partial.items(), key=lambda kv: (kv[1], kv[0]))
        return [self._stories[sid] for sid, _ in ranked]

    def remove(self, story_id: str, vector: dict[str, float], year: int | None = None,
               years: Iterable[int] = (), doc: str | None = None) -> None:
        """Take a document back out of its story (its text changed and it is placed again): its vector (as
        stored: its heaviest terms, so the centroid is restored approximately) and its years.

        A story left with no document is dropped; its id is never reused for another story.
        """
        story = self._stories.get(story_id)
        if story is None:
            return
        story.size -= 1
        if story.members is not None and doc is not None:
            story.members = [m for m in story.members if m.doc != doc]
        for counts, gone in ((story.years, [year] if year is not None else []), (story.named_years, years)):
            for y in gone:
                if counts.get(y, 0) > 1:
                    counts[y] -= 1
                else:
                    counts.pop(y, None)
        if story.size <= 0:
            del self._stories[story_id]
            for t in self._indexed.pop(story_id, ()):
                self._postings[t].discard(story_id)
            return
        centroid = story.centroid
        for term, weight in vector.items():
            if term in centroid:
                left = centroid[term] - weight
                if left > 1e-9:
                    centroid[term] = left
                else:
                    del centroid[term]
        story.norm = math.sqrt(sum(v * v for v in centroid.values()))
        self._reindex(story)

    def _open(self, doc: str) -> Story:
        sid = story_id(doc)
        n = 1
        while sid in self._stories:  # the same document id opening two stories (re-extracted elsewhere)
            n += 1
            sid = story_id(f"{doc}#{n}")
        story = Story(sid)
        self._stories[sid] = story
        return story

    def _add(self, story: Story, features: StoryFeatures, member: Member | None = None) -> None:
        centroid = story.centroid
        for term, weight in features.vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        if len(centroid) > 2 * self.centroid_terms:  # amortised: trim to the heaviest terms now and then
            story.centroid = centroid = dict(heapq.nlargest(self.centroid_terms, centroid.items(),
                                                            key=lambda kv: (kv[1], kv[0])))
        story.norm = math.sqrt(sum(v * v for v in centroid.values()))
        story.size += 1
        if story.members is not None:
            if self.tracks(story.size - 1):
                story.members.append(member or self.member(features))
            else:
                story.members = None  # past the last split size: never checked again, so nothing kept
        if features.year is not None:
            story.years[features.year] = story.years.get(features.year, 0) + 1
        for y in features.years:
            story.named_years[y] = story.named_years.get(y, 0) + 1
        if features.published is not None:
            story.first = min(story.first or features.published, features.published)
            story.last = max(story.last or features.published, features.published)
        # the heaviest terms of a big story hardly move with one more document: its index entries are renewed
        # every few documents, not at each (finding them sorts the centroid)
        if story.size < 16 or story.size % 8 == 0:
            self._reindex(story)

    def _reindex(self, story: Story) -> None:
        terms = frozenset(story.top_terms(self.query_terms * 2))
        old = self._indexed.get(story.id, frozenset())
        for t in old - terms:
            self._postings[t].discard(story.id)
        for t in terms - old:
            self._postings[t].add(story.id)
        self._indexed[story.id] = terms


def _refill(story: Story, members: list[Member]) -> None:
    """A story's state rebuilt from what its members kept (after a split): centroid, size, years and dates."""
    centroid: dict[str, float] = {}
    for m in members:
        for t, w in m.terms.items():
            centroid[t] = centroid.get(t, 0.0) + w
    story.centroid = centroid
    story.norm = math.sqrt(sum(v * v for v in centroid.values()))
    story.size = len(members)
    story.members = list(members)
    story.years, story.named_years = {}, {}
    for m in members:
        if m.year is not None:
            story.years[m.year] = story.years.get(m.year, 0) + 1
        for y in m.years:
            story.named_years[y] = story.named_years.get(y, 0) + 1
    dates = [m.published for m in members if m.published is not None]
    story.first, story.last = (min(dates), max(dates)) if dates else (None, None)
