""":mod:`claimcheck.questions`: which claims answer the same question, so that only they are compared.

A question is a story and a measure: "in the story of the Chargers' DUI arrest, how many people were arrested?".
Claims answer the same question when their documents are in the same story (:mod:`claimcheck.stories`) and they
measure the same thing (:mod:`claimcheck.components.measures`): the same event predicate ("killed") and the same
class of what is counted ("person": people, victims and the elided noun of "Five killed" alike). A claim whose
class is not known falls back to its counted unit, with the synonyms of ``rules/diff.json`` and rapidfuzz for
spelling variants, as before stories existed.

Three refinements keep like with like:

- **No predicate named** ("the trade included millions of artillery shells"): the claim joins the one question of
  its story that counts the same thing with a predicate, when there is exactly one; otherwise it says nothing
  about what it measures and is listed as *unmeasured*, never compared: "five people" and "120,000 people" in
  an earthquake story are the dead and the homeless, not two reports of one figure. An amount of money without
  the noun it pays for ("$100 million") is unmeasured the same way.
- **Parts are not totals**: a figure the text calls a part ("two of the victims", "including three children") is
  listed with its question and never compared; a figure of a specific kind of member ("one man", "two boys") is a
  question of its own, shown as a part of the general one ("how many people killed? of whom boys: ...").
- Claims of documents with no story (an extract from before stories, or claims given without documents) share
  one story, ``None``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from .numbers import is_money_unit
from .rules import Rules


@dataclass(frozen=True, order=True)
class Question:
    """The key of one comparison group. ``measure`` is the predicate id ("killed") or, when none was named, the
    topic; ``counted`` the class or unit ("person", "shell", "USD"); ``noun`` names a specific kind of member
    ("boy") for the questions that are parts of a general one."""

    story: str
    measure: str
    counted: str
    noun: str = ""

    @property
    def label(self) -> str:
        """"killed: person", "killed: person (boy)" — the measure as the JSON names it."""
        return f"{self.measure}: {self.counted}" + (f" ({self.noun})" if self.noun else "")

    @property
    def general(self) -> Question:
        """The general question a specific one is part of."""
        return Question(self.story, self.measure, self.counted)

    def text(self, verbs: Mapping[str, str], plurals: Mapping[str, str]) -> str:
        """The question in English: "how many people killed?", "how many shells supplied?", "how much in USD?"."""
        verb = verbs.get(self.measure, "")
        if is_money_unit(self.counted):
            return f"how much in {self.counted}: {self.measure}?"
        what = plural(self.noun or self.counted, plurals) if self.counted != "-" else "of it"
        prefix = "" if verb else f"{self.measure}: "
        return f"{prefix}how many {what}{' ' + verb if verb else ''}?"


@dataclass
class Asked:
    """The claims that answer one question, and the parts listed beside them."""

    question: Question
    claims: list[dict[str, Any]] = field(default_factory=list)
    parts: list[dict[str, Any]] = field(default_factory=list)


class QuestionAsker:
    """The grouping settings of one rules folder; :meth:`ask` does the work."""

    def __init__(self, rules: Rules):
        settings = rules.diff
        self.synonyms = dict(settings.get("unit_synonyms", {}))
        self.unit_match = float(settings.get("unit_match", 85))
        self.verbs = dict(rules.measures["question_verbs"])
        self.plurals = dict(rules.measures["plurals"])

    def ask(self, claims: Iterable[dict[str, Any]],
            story_of: Mapping[str, str | None]) -> tuple[list[Asked], dict[str, list[dict[str, Any]]]]:
        """Group quantity claims (records of the claim contract) by question, in a deterministic order; the
        claims that name no measure are returned apart, by story.

        Args:
            claims: quantity claims with a topic, in document order.
            story_of: document id -> story id (documents missing here share the story ``None``).
        """
        claims = list(claims)
        representative = self._unit_representatives(claims)
        asked: dict[Question, Asked] = {}
        unnamed: list[tuple[dict[str, Any], str, str, str]] = []
        for c in claims:
            story = story_of.get(c["doc"]) or ""
            measure = c.get("measure") or {}
            counted = measure.get("class") or representative.get(self._unit(c)) or "-"
            noun = (measure.get("noun") or "") if measure.get("specific") else ""
            if measure.get("id") is None:
                unnamed.append((c, story, counted, noun))
                continue
            self._add(asked, Question(story, measure["id"], counted, noun), c)
        predicates: dict[tuple[str, str], set[str]] = defaultdict(set)
        for q in asked:
            predicates[(q.story, q.counted)].add(q.measure)
        unmeasured: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c, story, counted, noun in unnamed:
            named = predicates.get((story, counted), set())
            if len(named) == 1 and not is_money_unit(counted):
                self._add(asked, Question(story, next(iter(named)), counted, noun), c)
            else:
                unmeasured[story].append(c)
        return [asked[q] for q in sorted(asked)], dict(unmeasured)

    def question_text(self, question: Question) -> str:
        return question.text(self.verbs, self.plurals)

    @staticmethod
    def _add(asked: dict[Question, Asked], question: Question, claim: dict[str, Any]) -> None:
        group = asked.setdefault(question, Asked(question))
        if (claim.get("measure") or {}).get("part"):
            group.parts.append(claim)
        else:
            group.claims.append(claim)

    def _unit(self, claim: dict[str, Any]) -> str | None:
        unit = (claim.get("quantity") or {}).get("unit")
        if unit is None:
            return None
        unit = unit.lower() if not unit.isupper() else unit
        return self.synonyms.get(unit, unit)

    def _unit_representatives(self, claims: list[dict[str, Any]]) -> dict[str, str]:
        """Each counted unit -> the spelling that stands for it (rapidfuzz ratio at ``unit_match``)."""
        units = sorted({u for u in map(self._unit, claims) if u})
        representative = {u: u for u in units}
        if len(units) > 1:
            scores = process.cdist(units, units, scorer=fuzz.ratio, score_cutoff=self.unit_match)
            for i, u in enumerate(units):
                for j in range(i):
                    if scores[i][j] and representative[units[j]] == units[j]:
                        representative[u] = units[j]
                        break
        return representative


def plural(noun: str, irregular: Mapping[str, str]) -> str:
    """English plural of a class or unit name, for headings: person -> people (``plurals`` in
    ``rules/measures.json``), shell -> shells."""
    if noun in irregular:
        return irregular[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
