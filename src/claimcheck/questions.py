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

from rapidfuzz import fuzz, process

from .figures import Figure
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
    """The figures that answer one question, and the parts listed beside them."""

    question: Question
    claims: list[Figure] = field(default_factory=list)
    parts: list[Figure] = field(default_factory=list)


class QuestionAsker:
    """The grouping settings of one rules folder; :meth:`ask` does the work."""

    def __init__(self, rules: Rules):
        settings = rules.diff
        self.synonyms = dict(settings.get("unit_synonyms", {}))
        self.unit_match = float(settings.get("unit_match", 85))
        self.verbs = dict(rules.measures["question_verbs"])
        self.plurals = dict(rules.measures["plurals"])
        self._units: dict[str, str] = {}  # a unit as written -> as compared (every figure asks)

    def ask(self, figures: Iterable[Figure], story: str,
            representative: Mapping[str, str] | None = None) -> tuple[list[Asked], list[Figure]]:
        """Group the figures of one story by question, in a deterministic order; the figures that name no measure
        are returned apart.

        Args:
            figures: in document order.
            story: their story's id ("" for the documents with no story).
            representative: each counted unit's spelling (:meth:`representatives`); of ``figures`` when not given.
                A caller that asks story by story gives the one of all its figures, so that a unit stands for the
                same question whichever story it is in.
        """
        figures = list(figures)
        if representative is None:
            representative = self.representatives(figures)
        asked: dict[tuple[str, str, str], Asked] = {}  # (measure, counted, noun): the question of this story
        unnamed: list[tuple[Figure, str]] = []
        for f in figures:
            counted = f.counted or representative.get(self._unit(f.unit)) or "-"
            if f.measure is None:
                unnamed.append((f, counted))
                continue
            self._add(asked, story, (f.measure, counted, f.noun), f)
        predicates: dict[str, set[str]] = defaultdict(set)
        for measure, counted, _ in asked:
            predicates[counted].add(measure)
        unmeasured: list[Figure] = []
        for f, counted in unnamed:
            named = predicates.get(counted, set())
            if len(named) == 1 and not is_money_unit(counted):
                self._add(asked, story, (next(iter(named)), counted, f.noun), f)
            else:
                unmeasured.append(f)
        return [asked[key] for key in sorted(asked)], unmeasured  # in Question order: the story is one

    def question_text(self, question: Question) -> str:
        return question.text(self.verbs, self.plurals)

    @staticmethod
    def _add(asked: dict[tuple[str, str, str], Asked], story: str, key: tuple[str, str, str], figure: Figure) -> None:
        group = asked.get(key)
        if group is None:
            group = asked[key] = Asked(Question(story, *key))
        (group.parts if figure.part else group.claims).append(figure)

    def _unit(self, unit: str | None) -> str | None:
        """The counted unit as questions compare it: lower case unless an acronym, synonyms joined."""
        if unit is None:
            return None
        known = self._units.get(unit)
        if known is None:
            lowered = unit.lower() if not unit.isupper() else unit
            known = self._units[unit] = self.synonyms.get(lowered, lowered)
        return known

    def representatives(self, figures: Iterable[Figure]) -> dict[str, str]:
        """Each counted unit -> the spelling that stands for it (rapidfuzz ratio at ``unit_match``)."""
        units = sorted({u for u in (self._unit(f.unit) for f in figures) if u})
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
