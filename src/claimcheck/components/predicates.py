""":mod:`claimcheck.components.predicates`: the event words of ``rules/measures.json``, read token by token.

Shared by two components: ``claimcheck_measures`` asks which predicate a word names ("killing" -> killed), and
``claimcheck_quantities`` asks whether a small number in words is the subject of a casualty ("Five killed", "two
were injured") or the object of an update ("the death toll rose to five"): then it is a count, not a reference
back to things already named ("the two met").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import Lexicon

# auxiliaries between a subject and its participle: "two were killed", "five have died", "three had been hurt"
_AUXILIARIES = frozenset({"were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "reportedly",
                          "also", "later", "all", "both"})
# predicates whose subject, when no noun is named, is people: "Five killed", "12 injured", "3 arrested"
PERSON_PREDICATES = frozenset({"killed", "injured", "arrested", "displaced", "evacuated"})


class Predicates:
    """The predicate words and the update phrases of one rules folder."""

    def __init__(self, measures: dict, lexicon: Lexicon):
        self.lexicon = lexicon
        self.of_lemma: dict[str, str] = {}
        self.of_word: dict[str, str] = {}  # one-word phrases: "dead", "injuries"
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        for predicate, words in measures["predicates"].items():
            for lemma in words.get("lemmas", ()):
                self.of_lemma.setdefault(lemma.lower(), predicate)
            for phrase in words.get("phrases", ()):
                parts = tuple(phrase.lower().split())
                if len(parts) == 1:
                    self.of_word.setdefault(parts[0], predicate)
                self.phrases.append((parts, predicate))
        self.updates = [tuple(w.lower() for w in words) for words in measures["update_before"]]

    def of_token(self, lower: str) -> str | None:
        """The predicate a single word names, by its form or its lemma."""
        return self.of_word.get(lower) or self.of_lemma.get(self.lexicon.lemma(lower)) or self.of_lemma.get(lower)

    def person_event_after(self, doc: Doc, end: int) -> bool:
        """Is the number ending at ``end`` the subject of a casualty or arrest ("Five killed", "two were hurt",
        "three died")?"""
        i = end
        while i < len(doc) and i - end < 3 and doc[i].lower_ in _AUXILIARIES:
            i += 1
        return i < len(doc) and self.of_token(doc[i].lower_) in PERSON_PREDICATES

    def update_before(self, doc: Doc, start: int) -> bool:
        """Do the words just before ``start`` say the figure updates an earlier one ("rose to", "reached")?"""
        words = [t.lower_ for t in doc[max(0, start - 3):start]]
        return any(tuple(words[len(words) - len(u):]) == u for u in self.updates if len(u) <= len(words))
