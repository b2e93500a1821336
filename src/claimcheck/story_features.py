""":mod:`claimcheck.story_features`: what a document is about, as a sparse vector, for grouping into stories.

Three kinds of feature, each weighted by how much it tells one event from another:

- **content words**, lemmatised with spacy-lookups-data's lemma table, weighted like TF-IDF: a sublinear term
  frequency times the word's rarity in English (minus its log probability in the same package's ``lexeme_prob``
  table). The rarity comes from a fixed background corpus instead of the feed, so a document's vector never
  changes when other documents arrive: that is what keeps story ids stable across runs.
- **names**: capitalised words that are not a common word opening a sentence ("Tara Reid", "Malibu",
  "Promises"), boosted: two earthquakes or two shootings share their vocabulary and differ in their names.
- **numbers** written in digits ("6.1", "1,000", "33"), which tell apart events of one kind as well as names do.

Words of the title count more. No spaCy here: the tables are read straight from the package's data files, and
a regular expression tokenizes, so grouping costs a fraction of extraction.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from .rules import Rules

# words (with inner apostrophes, hyphens and dots: "U.S.", "Won-sik"), and numbers with separators
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_](?:[\w’'.-]*\w)?")
_SENTENCE_BREAK = re.compile(r"[.!?]['\"’”)]*\s+|\n")


@dataclass(frozen=True)
class StoryFeatures:
    """A document's feature vector (unit length; term -> weight) and its published date, if known."""

    doc: str
    vector: dict[str, float]
    published: date | None = None
    title: str | None = None


@cache
def _table(name: str) -> dict[str, float | str]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"en_{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


class FeatureReader:
    """The feature settings of one rules folder (``rules/stories.json``); :meth:`read` makes a vector."""

    def __init__(self, rules: Rules):
        s = rules.stories
        self.common = float(s["common_rarity"])
        self.max_rarity = float(s["max_rarity"])
        self.unknown = float(s["unknown_rarity"])
        self.name_boost = float(s["name_boost"])
        self.title_boost = float(s["title_boost"])
        self.number_weight = float(s["number_weight"])
        self.min_number = float(s["min_number"])
        self.stop_words = frozenset(w.lower() for w in s["stop_words"])

        self._prob = _table("lexeme_prob")
        self._lemma = _table("lemma_lookup")

    def rarity(self, word: str) -> float:
        """How much a (lower-case) word tells: 0 for the commonest words, ``max_rarity`` for rare ones."""
        logprob = self._prob.get(word)
        raw = self.unknown + self.common if logprob is None else -float(logprob)
        return min(max(raw - self.common, 0.0), self.max_rarity)

    def read(self, doc: str, text: str, *, title: str | None = None, published: str | None = None) -> StoryFeatures:
        counts: Counter[str] = Counter()
        weights: dict[str, float] = {}
        self._count(text, counts, weights, 1.0)
        if title:
            self._count(title, counts, weights, self.title_boost)
        vector = {}
        for term, n in counts.items():
            vector[term] = (1.0 + math.log(n)) * weights[term]
        norm = math.sqrt(sum(v * v for v in vector.values()))
        if norm > 0:
            vector = {t: v / norm for t, v in vector.items()}
        return StoryFeatures(doc, vector, _date(published), title)

    def _count(self, text: str, counts: Counter, weights: dict[str, float], boost: float) -> None:
        sentence_start = 0
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        b = 0
        for m in _TOKEN.finditer(text):
            while b < len(breaks) and breaks[b] <= m.start():
                sentence_start = breaks[b]
                b += 1
            token = m.group()
            if token[0].isdigit():
                term = self._number(token)
                if term is not None:
                    self._add(term, self.number_weight * boost, counts, weights)
                continue
            lower = token.lower().replace("’", "'")
            if lower.endswith("'s"):
                lower = lower[:-2]
            elif lower.endswith("'"):
                lower = lower[:-1]
            if lower in self.stop_words:
                continue
            rarity = self.rarity(lower)
            opens_sentence = m.start() == sentence_start or not text[sentence_start:m.start()].strip()
            if token[0].isupper() and (not opens_sentence or rarity >= self.max_rarity / 2):
                if rarity > 0:
                    self._add("n:" + lower.rstrip("."), rarity * self.name_boost * boost, counts, weights)
                continue
            lemma = self._lemma.get(lower, lower)
            if not isinstance(lemma, str) or lemma in self.stop_words:
                continue
            weight = min(rarity, self.rarity(lemma)) if lemma != lower else rarity
            if weight > 0:
                self._add("w:" + lemma, weight * boost, counts, weights)

    def _number(self, token: str) -> str | None:
        digits = token.replace(",", "").rstrip(".")
        try:
            value = float(digits)
        except ValueError:
            return None
        if value.is_integer() and abs(value) < self.min_number:
            return None
        return "#" + (str(int(value)) if value.is_integer() else repr(value))

    @staticmethod
    def _add(term: str, weight: float, counts: Counter, weights: dict[str, float]) -> None:
        counts[term] += 1
        weights[term] = max(weights.get(term, 0.0), weight)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
