""":mod:`claimcheck.evaluate_stories`: score story grouping against gold events (``claimcheck eval stories``).

A JSONL corpus whose records carry a gold event field (``cluster`` in ``bench/ecbplus.jsonl``) is read the way
``extract`` reads it, each document's metadata is filled the same way, and the documents are placed in stories by
the same :class:`~claimcheck.story_assignment.StoryAssigner`, in file order and, optionally, in shuffled orders
(online grouping depends on arrival order; the spread says by how much). Never the gold field nor the document ids
are seen by the grouping. Scores: B-cubed precision, recall and F1 (per document: how much of its story is its
event, and of its event its story), and pairwise P/R/F1 over pairs of documents.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from math import comb
from pathlib import Path
from typing import Any

from .errors import InputError
from .models import Document
from .process import Extractor
from .reader import read_inputs
from .rules import Rules
from .story_assignment import StoryAssigner


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> Scores:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)


@dataclass
class StoryReport:
    """The scores of one corpus, in file order, and the B-cubed F1 of each shuffled order."""

    name: str
    documents: int
    stories: int
    events: int
    bcubed: Scores
    pairwise: Scores
    shuffled_f1: list[float] = field(default_factory=list)
    conflicts: int | None = None  # conflicts diff lists over the corpus (with --conflicts)
    cross_event: int | None = None  # of which between claims of two different gold events
    level: str = "stories"

    def as_dict(self, errors: bool = False) -> dict[str, Any]:
        return {"file": self.name, "level": self.level, "documents": self.documents, "stories": self.stories,
                "gold_events": self.events,
                "bcubed": {"precision": round(self.bcubed.precision * 100, 1),
                           "recall": round(self.bcubed.recall * 100, 1), "f1": round(self.bcubed.f1 * 100, 1)},
                "pairwise": {"precision": round(self.pairwise.precision * 100, 1),
                             "recall": round(self.pairwise.recall * 100, 1), "f1": round(self.pairwise.f1 * 100, 1)},
                "shuffled_bcubed_f1": [round(f * 100, 1) for f in self.shuffled_f1],
                "conflicts": self.conflicts, "cross_event_conflicts": self.cross_event}


def score_stories(rules: Rules, path: str | Path, *, gold_field: str = "cluster", orders: int = 0,
                  conflicts: bool = False) -> StoryReport:
    """Group the corpus at ``path`` into stories and score them against ``gold_field``.

    Args:
        rules: the rules folder whose ``stories.json`` is measured.
        path: a JSONL corpus (``id``, ``text``, the gold field; ``title``/``published`` used as ``extract`` does).
        gold_field: the record field naming the gold event.
        orders: how many shuffled orders to score as well (seeds 1..orders).
        conflicts: also extract the claims, run diff over the corpus, and count the conflicts it lists between
            claims of two different gold events (what a fact-checker would be misled by).

    Raises:
        InputError: the file holds no record with the gold field.
    """
    gold = _gold(Path(path), gold_field)
    extractor = Extractor(None, rules)
    documents = [extractor.prepare(d)[0] for d in read_inputs([str(path)]) if d.id in gold]
    if not documents:
        raise InputError(f"{path}: no record has a {gold_field!r} field to score stories against")
    predicted = _place(rules, documents)
    shuffled = []
    for seed in range(1, orders + 1):
        order = list(documents)
        random.Random(seed).shuffle(order)
        shuffled.append(bcubed(_place(rules, order), gold).f1)
    report = StoryReport(Path(path).name, len(documents), len(set(predicted.values())),
                         len({gold[d] for d in predicted}), bcubed(predicted, gold), pairwise(predicted, gold),
                         shuffled)
    if conflicts:
        report.conflicts, report.cross_event = _conflicts(rules, path, gold)
    return report


def _conflicts(rules: Rules, path: str | Path, gold: dict[str, str]) -> tuple[int, int]:
    """(conflicts diff lists, those between documents of different gold events) over the whole corpus."""
    from .compare import Comparer
    from .pipeline import build_nlp

    claims, documents = Extractor(build_nlp(rules), rules).records(read_inputs([str(path)]))
    comparison = Comparer(rules).compare(claims, documents)
    pairs = [c["documents"] for g in comparison.all_groups() for c in g.conflicts]
    return len(pairs), sum(1 for a, b in pairs if gold.get(a) != gold.get(b))


def _place(rules: Rules, documents: list[Document]) -> dict[str, str]:
    assigner = StoryAssigner(rules)
    placed = {d.id: assigner.place(d).story or f"unplaced:{d.id}" for d in documents}
    return {**placed, **assigner.moved}  # where later splits moved them


def _gold(path: Path, gold_field: str) -> dict[str, str]:
    gold = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and "id" in record and record.get(gold_field) is not None:
                gold[str(record["id"])] = str(record[gold_field])
    return gold


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> Scores:
    """B-cubed precision and recall, averaged over documents (Bagga and Baldwin, 1998)."""
    cells = Counter((predicted[d], gold[d]) for d in predicted)
    story_sizes = Counter(predicted.values())
    event_sizes = Counter(gold[d] for d in predicted)
    n = len(predicted)
    precision = sum(k * k / story_sizes[s] for (s, _), k in cells.items()) / n
    recall = sum(k * k / event_sizes[e] for (_, e), k in cells.items()) / n
    return Scores.of(precision, recall)


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> Scores:
    """Over pairs of documents: a pair is predicted when both share a story, right when both share an event."""
    cells = Counter((predicted[d], gold[d]) for d in predicted)
    both = sum(comb(k, 2) for k in cells.values())
    in_story = sum(comb(k, 2) for k in Counter(predicted.values()).values())
    in_event = sum(comb(k, 2) for k in Counter(gold[d] for d in predicted).values())
    return Scores.of(both / in_story if in_story else 1.0, both / in_event if in_event else 1.0)
