""":mod:`claimcheck.compare`: compare quantity claims across sources — agree, compatible, conflict.

Claims are compared only with claims that answer the same question: the same story and the same measure
(:mod:`claimcheck.questions`), so nothing is compared all-against-all over a corpus. An increment ("an additional
1,000 to 3,000 soldiers") is summed with the figure it extends in the same document (the last earlier claim of its
block) and the cumulative interval is compared instead of either part. Within a block:

- two intervals **agree** when they are the same; are **compatible** when they overlap; **conflict** when they are
  disjoint (open and closed ends count: "nearly 5 million" = [4.5M, 5M) and "more than 5 million" = (5M, inf)
  conflict, touching at a point neither includes). A conflict's gap is the distance between the intervals over the
  larger magnitude; its severity comes from the thresholds in ``rules/diff.json``.
- the group's verdict is *conflict* if any pair conflicts, else *agree* if all agree, else *compatible*. On a line,
  intervals that overlap pairwise share a common part (Helly), so the combined figure is that intersection when
  there is no conflict; otherwise low / best / high across sources, as UCDP records multi-source counts.
- each claim's origin is its attribution's origin, or the publisher for an unattributed claim; origins are joined
  into families (:func:`claimcheck.speakers.origin_families`), so "2 outlets, 1 origin" is visible.
- near-identical sentences across documents (syndicated copy) are flagged, so repetition is not corroboration.
- for a measure that only grows (a death toll), a later, higher figure updates an earlier one instead of
  contradicting it (:mod:`claimcheck.updates`); the combined figure is then taken over the latest figures.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from . import pairs
from .diff_inputs import DiffInputs, Records, of_records
from .entries import Entry, _below, _finite, apart, entry_of, gap, relation, unplaced
from .figures import Dateline, Denial, Figure
from .questions import Asked, Question, QuestionAsker
from .rules import Rules
from .speakers import SpeakerNamer, origin_families
from .story_summary import StorySummary
from .updates import Background, compile_recalls

DIFF_SCHEMA = "claimcheck/diff@2"
SECONDARY = "not compared: contradicts its document's first figure"  # how the reports list a secondary figure


def severity(g: float, thresholds: dict[str, float]) -> str:
    if g <= thresholds.get("minor", 0.05):
        return "minor"
    if g <= thresholds.get("moderate", 0.25):
        return "moderate"
    return "major"


def combined(entries: list[Entry], verdict: str, families: dict[str, str]) -> dict[str, Any]:
    """The intersection when nothing conflicts, else low / best / high across sources."""
    sources = len({e.doc for e in entries})
    origins = len({families.get(e.origin, e.origin) for e in entries})
    if verdict != "conflict":
        low = max(entries, key=lambda e: (e.low, not e.low_inclusive))
        high = min(entries, key=lambda e: (e.high, e.high_inclusive))
        lo, hi = low.low, high.high
        best = (lo + hi) / 2 if math.isfinite(lo) and math.isfinite(hi) else (lo if math.isfinite(lo) else hi)
        bounds = {"low": _finite(lo), "high": _finite(hi), "low_inclusive": low.low_inclusive,
                  "high_inclusive": high.high_inclusive}
    else:
        lows = [e.low for e in entries]
        highs = [e.high for e in entries]
        bests = [b for b in (e.best for e in entries) if b is not None and math.isfinite(b)]
        best = statistics.median(bests) if bests else None
        bounds = {"low": _finite(min(lows)), "high": _finite(max(highs)), "low_inclusive": True,
                  "high_inclusive": True}
    return {**bounds, "best": _finite(best) if best is not None else None, "sources": sources, "origins": origins}


# -- grouping ---------------------------------------------------------------------------------------------

@dataclass
class Group:
    """One question's figures and what they were found to be. What a group lists pair by pair (its widest
    conflicts, its updates, its near-identical pairs: hundreds of thousands over a big store) is kept as the pairs
    and written out only when an output asks (``conflicts``, ``updates``, ``syndicated``): the terminal report of a
    big store shows a few stories, and JSON writes one story at a time."""

    question: Question
    text: str  # the question in English: "how many people killed?"
    topic: str | None  # the topic most of its claims carry (what --topic filters on)
    entries: list[Entry]
    verdict: str = "agree"
    reason: str = ""
    combined: dict[str, Any] | None = None
    conflict_pairs: list[tuple[Entry, Entry]] = field(default_factory=list)  # those listed: the widest first
    conflict_count: int = 0
    agreements: list[dict[str, Any]] = field(default_factory=list)  # the first few, or all when asked for
    agreement_counts: dict[str, int] = field(default_factory=lambda: {"agree": 0, "compatible": 0})
    cumulative: list[dict[str, Any]] = field(default_factory=list)
    syndicated_pairs: tuple[list[int], list[int]] = ([], [])  # entries with near-identical sentences
    denials: list[str] = field(default_factory=list)
    loose_increments: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # claims the text calls parts of the total: listed, not compared
    update_pairs: tuple[list[int], list[int]] = ([], [])  # (earlier, later) entries: the later updates the earlier
    other_years: int = 0  # pairs from documents of different years: not compared (see apart)
    unplaced: int = 0  # disagreeing pairs of a dated and an undated document: not conflicts (see unplaced)
    secondary: list[str] = field(default_factory=list)  # a document's later figures against its first: see _own_figures
    # describes a conflicting pair (the comparer's, with its origin families and severity thresholds)
    describe_conflict: Callable[[Entry, Entry], dict[str, Any]] | None = field(default=None, repr=False,
                                                                               compare=False)

    @cached_property
    def conflicts(self) -> list[dict[str, Any]]:
        describe_pair = self.describe_conflict
        return [describe_pair(a, b) for a, b in self.conflict_pairs] if describe_pair else []

    @cached_property
    def updates(self) -> list[dict[str, Any]]:
        return [_update(self.entries[a], self.entries[b]) for a, b in zip(*self.update_pairs, strict=True)]

    @cached_property
    def syndicated(self) -> list[list[str]]:
        return [[self.entries[a].ids[0], self.entries[b].ids[0]] for a, b in zip(*self.syndicated_pairs, strict=True)]

    @property
    def update_count(self) -> int:
        return len(self.update_pairs[0])

    @property
    def part_of(self) -> str | None:
        """For a question about a specific kind of member ("how many boys killed?"), the general one's label."""
        return self.question.general.label if self.question.noun else None

    def as_dict(self) -> dict[str, Any]:
        q = self.question
        return {"story": q.story or None, "measure": {"id": q.measure, "class": q.counted, "noun": q.noun or None},
                "question": self.text, "topic": self.topic, "part_of": self.part_of,
                "claims": [i for e in self.entries for i in e.ids], "verdict": self.verdict, "reason": self.reason,
                "combined": self.combined, "conflicts": self.conflicts, "conflict_count": self.conflict_count,
                "agreements": self.agreements, "agreement_counts": self.agreement_counts,
                "updates": self.updates, "parts": self.parts, "secondary": self.secondary,
                "cumulative": self.cumulative, "syndicated": self.syndicated, "other_years": self.other_years,
                "unplaced": self.unplaced, "denials": self.denials, "increments_without_base": self.loose_increments}


@dataclass
class Comparison:
    """The result of :meth:`Comparer.compare`: groups story by story, and the records they refer to."""

    stories: list[StorySummary]  # in report order; a story id of "" holds the claims of documents with none
    groups: dict[str, list[Group]]  # story id -> its groups, by question
    claims: Records  # claim id -> record, for the claims the groups name
    documents: Mapping[str, Mapping[str, Any]]
    families: dict[str, str]
    unmeasured: dict[str, list[str]] = field(default_factory=dict)  # story id -> claims that name no measure
    background: dict[str, list[str]] = field(default_factory=dict)  # story id -> figures of another year

    @property
    def conflicts(self) -> int:
        return sum(g.conflict_count for groups in self.groups.values() for g in groups)

    def all_groups(self) -> list[Group]:
        return [g for s in self.stories for g in self.groups.get(s.id, ())]

    def parts(self) -> Iterator[StoryComparison]:
        """Story by story, as :meth:`Comparer.compare_figures` gave them."""
        for s in self.stories:
            yield StoryComparison(s, self.groups.get(s.id, []), self.unmeasured.get(s.id, []),
                                  self.background.get(s.id, []))

    def totals(self) -> Totals:
        totals = Totals()
        for part in self.parts():
            totals.add(part)
        return totals

    def as_dict(self) -> dict[str, Any]:
        parts = list(self.parts())
        used = sorted(set().union(*(p.named() for p in parts)))
        return {"schema": DIFF_SCHEMA, "stories": [p.as_dict() for p in parts],
                "claims": [self.claims[i] for i in used]}


@dataclass
class StoryComparison:
    """One story's part of a comparison: its groups, by question, and the figures it lists without comparing."""

    summary: StorySummary
    groups: list[Group]
    unmeasured: list[str]  # figures that name no measure
    background: list[str]  # figures of another time

    def as_dict(self) -> dict[str, Any]:
        s = self.summary
        return {**s.to_dict(), "id": s.id or None, "groups": [g.as_dict() for g in self.groups],
                "unmeasured": self.unmeasured, "background": self.background}

    def named(self) -> set[str]:
        """The claims this story names, whose records the JSON lists: its groups' figures, denials and parts, and
        the figures it lists without comparing."""
        return ({i for g in self.groups for e in g.entries for i in e.ids}
                | {i for g in self.groups for i in (*g.denials, *g.parts, *g.secondary)}
                | {*self.unmeasured, *self.background})


@dataclass
class Totals:
    """What a comparison found, counted story by story as the stories come (the summary line, ``--fail-on``)."""

    stories: int = 0
    questions: int = 0
    conflicts: int = 0
    updates: int = 0

    def add(self, part: StoryComparison) -> None:
        self.stories += 1
        self.questions += len(part.groups)
        self.conflicts += sum(g.conflict_count for g in part.groups)
        self.updates += sum(g.update_count for g in part.groups)

    def counting(self, parts: Iterable[StoryComparison]) -> Iterator[StoryComparison]:
        """``parts`` as they come, each counted first."""
        for part in parts:
            self.add(part)
            yield part


@dataclass
class Compared:
    """What :meth:`Comparer.compare_figures` returns: the origin families, and the stories, graded one by one as
    they are iterated (once)."""

    families: dict[str, str]
    stories: Iterator[StoryComparison]


class Comparer:
    """The diff settings of one rules folder; :meth:`compare` does the work."""

    def __init__(self, rules: Rules, *, list_agreements: bool = False):
        self.settings = rules.diff
        # agreeing pairs are counted; only the first few of each group are listed, unless all are asked for
        self.list_agreements = list_agreements
        self.agreements_listed = int(self.settings.get("agreements_listed", 5))
        self.namer = SpeakerNamer(rules)
        self.asker = QuestionAsker(rules)
        self.cumulative_measures = frozenset(rules.measures["cumulative_measures"])
        self.thresholds = self.settings.get("severity", {})
        self.syndication = float(self.settings.get("syndication_threshold", 90))
        self.denial_subjects = {k: [w.lower() for w in v] for k, v in self.settings.get("denial_subjects", {}).items()}
        self.pairwise_limit = int(self.settings.get("pairwise_limit", 300))
        self.conflicts_listed = int(self.settings.get("conflicts_listed", 50))
        self.recalls = compile_recalls(self.settings.get("recalls", ()))
        self._publisher_origins: dict[str, str] = {}

    def compare(self, claims: Iterable[dict[str, Any]], documents: Iterable[dict[str, Any]] = (),
                *, topic: str | None = None, story: str | None = None,
                stories: list[StorySummary] | None = None) -> Comparison:
        """Group and grade ``claims`` (records of the claim contract, in document order).

        Args:
            claims: quantity claims and denials; others are ignored.
            documents: their documents' records (``story``, ``published``, ``publisher``).
            topic: only claims of this topic.
            story: only this story.
            stories: story summaries to use (the store's, with keywords); made from ``documents`` otherwise.
        """
        return self.collect(of_records(claims, documents, stories), topic=topic, story=story)

    def collect(self, inputs: DiffInputs, *, topic: str | None = None, story: str | None = None) -> Comparison:
        """The whole comparison of ``inputs``, every story's groups held in memory (the HTML report's view)."""
        compared = self.compare_figures(inputs.figures, inputs.denials, inputs.datelines, inputs.summaries,
                                        topic=topic, story=story)
        parts = list(compared.stories)
        return Comparison([p.summary for p in parts], {p.summary.id: p.groups for p in parts if p.groups},
                          inputs.records, inputs.documents, compared.families,
                          {p.summary.id: p.unmeasured for p in parts if p.unmeasured},
                          {p.summary.id: p.background for p in parts if p.background})

    def compare_figures(self, figures: Iterable[Figure], denials: Iterable[Denial],
                        datelines: Mapping[str, Dateline], summaries: list[StorySummary], *,
                        topic: str | None = None, story: str | None = None) -> Compared:
        """Group and grade figures (in document order), story by story: what :meth:`compare` does once the
        records are read (the store gives these typed records directly: :mod:`claimcheck.store_reading`).

        What spans stories is done first (origin families, the units that stand for each other, each document's
        year); then each story is graded when the returned stories are iterated, in report order, so a caller
        that writes each story out as it comes never holds more than one story's groups.

        Args:
            datelines: document id -> its story, date, publisher and year.
            summaries: the stories in report order.
            topic: only figures of this topic or measure.
            story: only this story.
        """
        def story_of(doc: str) -> str | None:
            dateline = datelines.get(doc)
            return dateline.story if dateline is not None else None

        quantities = figures if isinstance(figures, list) else list(figures)
        if story is not None or topic is not None:
            quantities = [f for f in quantities if (story is None or story_of(f.doc) == story)
                          # a topic id that is also a measure ("killed", "injured") selects by either: "Four people
                          # were injured" has the topic people and measures injured; "the death toll rose to 14"
                          # has no topic, and is compared because its measure is whole (a predicate, and a class)
                          and (topic is None or f.topic == topic or f.measure == topic)]
        # only named origins can be variants of each other; a document standing for itself is its own family
        families = origin_families({o for f in quantities if (o := self._named_origin(f, datelines))}, self.namer)
        year_of = _Years(datelines, summaries)
        dated_elsewhen = Background(self.recalls)
        background: dict[str, list[str]] = defaultdict(list)
        current: dict[str, list[Figure]] = defaultdict(list)  # story -> the figures it compares, in document order
        for f in quantities:
            dateline = datelines.get(f.doc)
            sid, published = (dateline.story or "", dateline.published) if dateline is not None else ("", None)
            if dated_elsewhen(f.sentence, year_of(f.doc), _recalls_from(f), published):
                background[sid].append(f.id)
            else:
                current[sid].append(f)
        # one spelling per unit over every story, as when all stories were asked at once
        representative = self.asker.representatives(f for fs in current.values() for f in fs)
        denials_in: dict[str, list[Denial]] = defaultdict(list)  # story -> its denials, in document order
        for d in denials:
            if story is None or story_of(d.doc) == story:
                denials_in[story_of(d.doc) or ""].append(d)

        def one(summary: StorySummary) -> StoryComparison | None:
            sid = summary.id
            asked_questions, unmeasured = self.asker.ask(current.get(sid, ()), sid, representative)
            denying: dict[str | None, list[str]] = {}  # topic -> the story's denials of that subject
            groups = []
            for asked in asked_questions:
                group = self._group(asked, families, datelines, year_of)
                if group.topic not in denying:
                    denying[group.topic] = [d.id for d in denials_in.get(sid, ()) if self._denies(d, group.topic)]
                group.denials = list(denying[group.topic])
                groups.append(group)
            listed = [f.id for f in unmeasured]
            if not (groups or listed or background.get(sid)):
                return None
            return StoryComparison(summary, groups, listed, background.get(sid, []))

        def each() -> Iterator[StoryComparison]:
            known = {s.id for s in summaries}
            for summary in summaries:
                part = one(summary)
                if part is not None:
                    yield part
            # "": documents with no story; or stories the summaries lack
            for sid in sorted((set(current) | set(background)) - known):
                in_story = {f.doc for f in quantities if (story_of(f.doc) or "") == sid}
                part = one(StorySummary(sid, None, tuple(sorted(in_story)), (), None, None))
                if part is not None:
                    yield part

        return Compared(families, each())

    def _named_origin(self, figure: Figure, datelines: Mapping[str, Dateline]) -> str | None:
        """The attribution's origin, else the publisher's; None when neither is named (the document itself is then
        the origin: see :meth:`_origin`)."""
        return figure.origin or self._publisher_origin(datelines.get(figure.doc))

    def _origin(self, figure: Figure, datelines: Mapping[str, Dateline]) -> str:
        return self._named_origin(figure, datelines) or f"document {figure.doc}"

    def _publisher_origin(self, dateline: Dateline | None) -> str | None:
        """The publisher's origin key (cached: every unattributed claim of an outlet asks for it)."""
        publisher = dateline.publisher if dateline is not None else None
        if not publisher:
            return None
        origin = self._publisher_origins.get(publisher)
        if origin is None:
            origin = self._publisher_origins[publisher] = self.namer.origin(publisher, None)
        return origin

    def _denies(self, denial: Denial, topic: str | None) -> bool:
        if topic is not None and denial.topic == topic:
            return True
        words = denial.text.lower()
        return any(w in words for w in self.denial_subjects.get(topic, ()))

    # -- one group ----------------------------------------------------------------------------------------
    def _group(self, asked: Asked, families: dict[str, str], datelines: Mapping[str, Dateline],
               year_of: Callable[[str], int | None]) -> Group:
        topics = Counter(f.topic for f in asked.claims + asked.parts)
        topic = min(topics, key=lambda t: (-topics[t], t or "")) if topics else None
        entries, cumulative, loose = self._with_increments(asked.claims, datelines, year_of)
        entries, secondary = _own_figures(entries)
        group = Group(asked.question, self.asker.question_text(asked.question), topic, entries,
                      cumulative=cumulative, loose_increments=loose, parts=[f.id for f in asked.parts],
                      secondary=secondary)
        if not entries:
            group.verdict, group.reason = "agree", ("only parts of a total" if asked.parts else
                                                    "only increments without a base figure")
            return group
        if len(entries) <= self.pairwise_limit:
            self._pairwise(group, families)
        else:
            self._sweep(group, families)
        superseded = set(group.update_pairs[0])
        latest = [e for k, e in enumerate(entries) if k not in superseded] or entries
        group.combined = combined(latest, group.verdict, families)
        group.syndicated_pairs = self._syndicated(entries)
        return group

    def _with_increments(self, figures: list[Figure], datelines: Mapping[str, Dateline],
                         year_of: Callable[[str], int | None]):
        """Entries for a block: each increment summed into the last earlier figure of its document."""
        entries: list[Entry] = []
        cumulative, loose = [], []
        last_in_doc: dict[str, int] = {}
        for f in figures:
            dateline = datelines.get(f.doc)
            published = dateline.published if dateline is not None else None
            e = entry_of(f, self._origin(f, datelines), published, year_of(f.doc), _dated(published))
            if f.additional:
                base_at = last_in_doc.get(f.doc)
                if base_at is None:
                    loose.append(f.id)
                    continue
                base = entries[base_at]
                total = Entry(base.ids + e.ids, base.doc, base.low + e.low, base.high + e.high,
                              base.low_inclusive and e.low_inclusive, base.high_inclusive and e.high_inclusive,
                              None, base.origin, f"{base.text} + {e.text}", base.sentence, base.vague or e.vague,
                              base.published, base.update or e.update, base.year, base.placed)
                entries[base_at] = total
                cumulative.append({"claims": list(total.ids), "low": _finite(total.low), "high": _finite(total.high)})
                continue
            last_in_doc[f.doc] = len(entries)
            entries.append(e)
        return entries, cumulative, loose

    def _conflict(self, a: Entry, b: Entry, families: dict[str, str]) -> dict[str, Any]:
        g = gap(a, b)
        shared = families.get(a.origin, a.origin) == families.get(b.origin, b.origin)
        lo, hi = (a, b) if _below(a, b) else (b, a)
        reason = f"{lo.text!r} {describe(lo)} lies below {hi.text!r} {describe(hi)}"
        if g == 0:
            reason += " (they touch at a point neither includes)"
        return {"claims": [a.ids[0], b.ids[0]], "documents": [a.doc, b.doc], "reason": reason, "gap": round(g, 4),
                "severity": severity(g, self.thresholds), "shared_origin": shared}

    def _pairwise(self, group: Group, families: dict[str, str]) -> None:
        """Grade every pair of a block (:func:`claimcheck.pairs.grade`, all at once): a conflict of a measure that
        only grows is an update when the higher figure supersedes the lower (a toll can grow over years too: an
        update whatever the years); pairs of different years are not compared; a disagreement between a dated and
        an undated document is counted, not called a conflict; the others conflict, agree or are compatible."""
        entries = group.entries
        grades = pairs.grade(entries, cumulative=group.question.measure in self.cumulative_measures)
        group.update_pairs = grades.updates
        group.other_years = grades.other_years
        group.unplaced = grades.unplaced
        (ci, cj), (ai, aj), same = grades.conflicts, grades.agreeing, grades.same
        agree = sum(same)
        group.agreement_counts = {"agree": agree, "compatible": len(same) - agree}
        listed = len(ai) if self.list_agreements else self.agreements_listed
        group.agreements = [{"claims": [entries[a].ids[0], entries[b].ids[0]],
                             "verdict": "agree" if s else "compatible"}
                            for a, b, s in zip(ai[:listed], aj[:listed], same, strict=False)]
        group.conflict_count = len(ci)
        group.conflict_pairs = [(entries[ci[k]], entries[cj[k]]) for k in self._widest_of(grades.gaps)]
        group.describe_conflict = partial(self._conflict, families=families)
        group.verdict = "conflict" if ci else ("compatible" if agree < len(same) else "agree")
        group.reason = _reason(group)
        if group.update_count:
            n = group.update_count
            group.reason += f"; {n} later figure{'s' * (n != 1)} update{'s' * (n == 1)} an earlier one"

    def _widest_of(self, gaps: list[float]) -> list[int]:
        """Which conflicts to list, by their gaps: the widest first, as rounded in the output; a stable sort keeps
        pair order among equals (as :meth:`_widest`). Of a block with thousands of conflicts only the gaps that
        may round as high as the k-th widest are rounded and sorted: rounding keeps order and moves a gap by at
        most half of 1e-4, so a gap below the k-th widest by more than 1e-4 cannot be among the first k."""
        n, k = len(gaps), self.conflicts_listed
        candidates: list[int] | range = range(n)
        if n > 4 * k:
            g = np.asarray(gaps)
            kth = np.partition(g, n - k)[n - k]
            candidates = np.flatnonzero(g >= kth - 2e-4).tolist()
        widths = {i: -round(gaps[i], 4) for i in candidates}
        return sorted(candidates, key=widths.__getitem__)[:k]

    def _widest(self, pairs: list[tuple[Entry, Entry]]) -> list[tuple[Entry, Entry]]:
        """The conflicting pairs to list: the widest gaps first (as rounded in the output; a stable sort keeps
        text order among equals). Only these are described, however many pairs conflict."""
        return sorted(pairs, key=lambda pair: -round(gap(*pair), 4))[:self.conflicts_listed]

    def _sweep(self, group: Group, families: dict[str, str]) -> None:
        """For big blocks: count conflicting pairs by sorting (O(n log n)) and list those around the extremes."""
        entries = group.entries
        placed = [e for e in entries if e.placed]
        unplaced_ = [e for e in entries if not e.placed]
        count = _disagreeing(placed) + _disagreeing(unplaced_)
        group.unplaced = _disagreeing(entries) - count  # the rest disagree across the two (see unplaced)
        group.other_years = _pairs_apart(entries)
        group.conflict_count = count
        self._count_agreements(group)
        if count:
            by_low = sorted(entries, key=lambda e: -e.low)[:self.conflicts_listed]
            by_high = sorted(entries, key=lambda e: e.high)[:self.conflicts_listed]
            pairs = [(a, b) for a in by_high for b in by_low
                     if _below(a, b) and not apart(a, b) and not unplaced(a, b)]
            group.conflict_pairs = self._widest(pairs)
            group.describe_conflict = partial(self._conflict, families=families)
            group.verdict = "conflict"
        else:
            same = all(relation(entries[0], e) == "agree" for e in entries[1:]
                       if not apart(entries[0], e) and not unplaced(entries[0], e))
            group.verdict = "agree" if same else "compatible"
        group.reason = _reason(group)

    @staticmethod
    def _count_agreements(group: Group) -> None:
        """For a swept group: pairs with the same interval agree, the other pairs compared that do not conflict are
        compatible (counted by grouping, never listed: a big group has millions of pairs)."""
        same: dict[tuple, list[Entry]] = defaultdict(list)
        for e in group.entries:
            same[(e.low, e.high, e.low_inclusive, e.high_inclusive)].append(e)
        # pairs of different known years are not compared
        agree = sum(len(es) * (len(es) - 1) // 2 - _pairs_apart(es) for es in same.values())
        n = len(group.entries)
        compared = n * (n - 1) // 2 - group.other_years - group.unplaced
        group.agreement_counts = {"agree": agree, "compatible": compared - group.conflict_count - agree}

    def _syndicated(self, entries: list[Entry]) -> tuple[list[int], list[int]]:
        """Pairs of entries (indexes, in order) from different documents whose sentences are near-identical."""
        if len(entries) < 2:
            return [], []
        if len(entries) > self.pairwise_limit:
            return self._syndicated_by_fingerprint(entries)
        sentences = [e.sentence for e in entries]
        # a block of dozens of sentences is scored on every core (C++ threads; the same scores)
        scores = process.cdist(sentences, sentences, scorer=fuzz.ratio, score_cutoff=self.syndication,
                               workers=-1 if len(sentences) >= 64 else 1)
        doc_no: dict[str, int] = {}
        docs = np.array([doc_no.setdefault(e.doc, len(doc_no)) for e in entries])
        # each pair once (i < j, in order), of two documents, scoring at least the threshold (0 below it)
        i, j = np.nonzero(np.triu(scores > 0, 1) & (docs[:, None] != docs[None, :]))
        return i.tolist(), j.tolist()

    def _syndicated_by_fingerprint(self, entries: list[Entry]) -> tuple[list[int], list[int]]:
        """For big blocks, linear: each claim is paired with the first earlier claim of another document that
        shares one of its sentence's fingerprints (the whole sentence, its first half, its second half, lower-case,
        spaces collapsed) and is near-identical by the same ratio as the small blocks. A near-copy changes a
        word or two: one half is then the same."""
        first: dict[str, int] = {}
        earlier_of: list[int] = []
        later_of: list[int] = []
        for k, e in enumerate(entries):
            prints = _fingerprints(e.sentence)
            for key in prints:
                at = first.get(key)
                if at is not None and entries[at].doc != e.doc and (key == prints[0] or fuzz.ratio(
                        entries[at].sentence, e.sentence, score_cutoff=self.syndication)):
                    earlier_of.append(at)
                    later_of.append(k)
                    break
            for key in prints:
                first.setdefault(key, k)
        return earlier_of, later_of


def _fingerprints(sentence: str) -> tuple[str, ...]:
    """The whole sentence, then its halves by words (half-sentences of fewer than four words say too little)."""
    words = sentence.lower().split()
    whole = " ".join(words)
    half = len(words) // 2
    if half < 4:
        return (whole,)
    return whole, "<" + " ".join(words[:half]), ">" + " ".join(words[half:])


def _pairs_apart(entries: list[Entry]) -> int:
    """How many pairs of ``entries`` are :func:`apart` (both years known, and different), by counting years."""
    years = Counter(e.year for e in entries if e.year is not None)
    dated = sum(years.values())
    return dated * (dated - 1) // 2 - sum(k * (k - 1) // 2 for k in years.values())


def _disagreeing(entries: list[Entry]) -> int:
    """How many pairs of ``entries`` do not overlap and are not :func:`apart`: the disjoint pairs of all, less those
    among entries of known years, plus those within each year."""
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.year is not None:
            by_year[e.year].append(e)
    dated = [e for es in by_year.values() for e in es]
    return _disjoint_pairs(entries) - _disjoint_pairs(dated) + sum(_disjoint_pairs(es) for es in by_year.values())


def _disjoint_pairs(entries: list[Entry]) -> int:
    """How many pairs of ``entries`` do not overlap, by sorting (O(n log n)); as :func:`_below` decides, so a
    touching open end counts here as it does pair by pair."""
    lows = sorted((e.low, not e.low_inclusive) for e in entries)
    pairs = sum(len(lows) - bisect.bisect_left(lows, (e.high, e.high_inclusive)) for e in entries)
    return pairs - sum(1 for e in entries if _below(e, e))  # an empty interval, (5, 5), is not below itself


def _own_figures(entries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """A document's own figure for a question is the first it gives, and any later one that does not contradict it;
    a later figure that does (a recalled occasion, one district's count, a hypothetical, a misread number) is not
    what the document reports of the event, so it is listed as secondary and not compared across documents. A
    figure the text says updates an earlier one ("rose to") stays. Audited on ECB+ listed conflicts labelled by
    hand (devsets/conflicts): every real dev conflict kept, spurious ones down by a third to four fifths."""
    first: dict[str, Entry] = {}
    own: list[Entry] = []
    secondary: list[str] = []
    for e in entries:
        lead = first.setdefault(e.doc, e)
        if e is lead or e.update or relation(lead, e) != "conflict":
            own.append(e)
        else:
            secondary.extend(e.ids)
    return own, secondary


def _recalls_from(figure: Figure) -> int:
    """Where in its sentence a recall of another time starts to date the figure: anywhere for an unattributed
    figure; for an attributed one only after the figure ("In July, the minister revealed that ..." dates a
    statement; "... the $90 million deal they gave to Torii Hunter last season" dates the figure)."""
    if not figure.attributed:
        return 0
    at = figure.sentence.find(figure.text)
    return at if at >= 0 else len(figure.sentence) + 1  # nowhere: the figure's place is not known


def _dated(published: str | None) -> bool:
    """Does a document carry a date of its own (its record's ``published``: metadata, or a dateline the reader
    found)? A year its text names is not enough: it is as often a recalled one ("since a 9.1 temblor in 2004")."""
    return bool(published and published[:4].isdigit())


class _Years:
    """Each document's year, looked up as asked: its date's, else its story's when the story's dates fall in one
    year, else unknown; None for a document not given. Not the latest year its text names (Dateline.year, which
    stories weigh): that is as often a recalled one (ECB+ topic 37: undated reports of the 2009 Manokwari quake
    name 2002 and 2004, the quakes they recall), and two reports of one event would be kept apart by what they
    recall."""

    def __init__(self, datelines: Mapping[str, Dateline], stories: list[StorySummary]):
        self.datelines = datelines
        self.story_year = {s.id: int(s.first[:4]) for s in stories
                           if s.first and s.last and s.first[:4] == s.last[:4]}
        self.known: dict[str, int | None] = {}

    def __call__(self, doc: str) -> int | None:
        if doc in self.known:
            return self.known[doc]
        d = self.datelines.get(doc)
        year = None
        if d is not None:
            if _dated(d.published):
                year = int(d.published[:4])
            else:
                year = self.story_year.get(d.story or "")
        self.known[doc] = year
        return year


def _update(earlier: Entry, later: Entry) -> dict[str, Any]:
    why = "dated later" if later.published and earlier.published and later.published > earlier.published else \
        "says it updates"
    return {"claims": [earlier.ids[0], later.ids[0]], "documents": [earlier.doc, later.doc],
            "from": earlier.published, "to": later.published,
            "reason": f"{earlier.text!r} {describe(earlier)} then {later.text!r} {describe(later)} ({why})"}


def describe(e: Entry) -> str:
    """The interval as the claims table writes it: "[4.5 M, 5 M)", "(5 M, ∞)", "50"."""
    return e.interval_text


def _reason(group: Group) -> str:
    return _verdict_reason(group) + _not_compared(group)


def _verdict_reason(group: Group) -> str:
    n = len(group.entries)
    if group.verdict == "conflict":
        # the widest conflict alone is described here; the others when an output lists them
        worst = group.describe_conflict(*group.conflict_pairs[0]) if group.conflict_pairs else None
        text = f"{group.conflict_count} of {n * (n - 1) // 2} pairs do not overlap"
        return text + (f"; widest gap: {worst['reason']}" if worst else "")
    left_out = group.unplaced or group.other_years
    if group.verdict == "compatible":
        return ("the intervals compared overlap" if left_out else f"all {n} intervals overlap") + \
            ", none contradicts another"
    if n == 1:
        return "a single figure"
    return "the figures compared are the same" if left_out else f"all {n} figures are the same"


def _not_compared(group: Group) -> str:
    """What the verdict leaves out, so that a reader does not take silence for agreement."""
    notes = []
    if group.secondary:
        n = len(group.secondary)
        notes.append(f"{n} later figure{'s' * (n != 1)} contradicting {'their' if n != 1 else 'its'} document's first, "
                     f"not compared")
    if group.unplaced:
        notes.append(f"{group.unplaced} disagreeing pair{'s' * (group.unplaced != 1)} of a dated and an undated "
                     f"document, not called conflicts")
    if group.other_years:
        notes.append(f"{group.other_years} pair{'s' * (group.other_years != 1)} from documents of different years, "
                     f"not compared")
    return "".join(f"; {note}" for note in notes)
