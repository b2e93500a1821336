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
from array import array
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from . import compiled_cache
from .rules import Rules

# words (with inner apostrophes, hyphens and dots: "U.S.", "Won-sik"), and numbers with separators
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_](?:[\w’'.-]*\w)?")
_SENTENCE_BREAK = re.compile(r"[.!?]['\"’”)]*\s+|\n")
# a year written in full ("in 2013", "May 2, 2013"), not part of a longer number
_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?!\d|,\d|\.\d)")


@dataclass(frozen=True)
class StoryFeatures:
    """A document's feature vector (unit length; term -> weight) and its published date, if known."""

    doc: str
    vector: dict[str, float]
    published: date | None = None
    title: str | None = None
    year: int | None = None  # the year of its date, else the latest year its text names
    years: frozenset[int] = frozenset()  # every year the text names (and its date's)
    lead: frozenset[str] = frozenset()  # the names and numbers of the title and the first sentences


def _table_path(name: str) -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / f"en_{name}.json.gz"


def _table(name: str) -> dict[str, float | str]:
    with gzip.open(_table_path(name), "rt", encoding="utf-8") as f:
        return json.load(f)


@cache
def _lemmas() -> dict[str, str]:
    return _table("lemma_lookup")


@cache
def _log_probabilities(rarest: float) -> dict[str, float]:
    """Log probabilities of the English words more common than ``rarest`` (a million entries in the table; the
    rarer ones all weigh the most anyway, like a word the table lacks, so they need no memory).

    Parsing the table takes a second, most of ``extract``'s start-up on one sentence: the cut table is kept in the
    user's cache folder (:mod:`claimcheck.compiled_cache`), keyed by ``rarest`` and the table file, and read back
    in a twentieth of that time."""
    source = _table_path("lexeme_prob")
    try:
        info = source.stat()
        key = compiled_cache.entry_key("lexeme_prob", repr(rarest), str(info.st_size), str(info.st_mtime_ns))
    except OSError:
        key = None
    if key is not None:
        saved = _unpack_probabilities(compiled_cache.load("lexeme-prob", key))
        if saved is not None:
            return saved
    table = {w: p for w, p in _table("lexeme_prob").items() if -p < rarest}
    if key is not None:
        compiled_cache.save("lexeme-prob", key, _pack_probabilities(table))
    return table


def _pack_probabilities(table: dict[str, float]) -> bytes:
    """The words (UTF-8, a NUL between two: some words are line breaks), then their log probabilities (8-byte
    floats): read back exactly, with no parser that could run code (the cache folder is the user's to write)."""
    words = "\0".join(table).encode("utf-8")
    values = array("d", table.values())
    return len(table).to_bytes(8, "little") + len(words).to_bytes(8, "little") + words + values.tobytes()


def _unpack_probabilities(payload: bytes | None) -> dict[str, float] | None:
    """:func:`_pack_probabilities` undone; None for anything that is not what it wrote."""
    if payload is None or len(payload) < 16:
        return None
    n, size = int.from_bytes(payload[:8], "little"), int.from_bytes(payload[8:16], "little")
    values = array("d")
    try:
        words = payload[16:16 + size].decode("utf-8").split("\0") if n else []
        values.frombytes(payload[16 + size:])
    except (UnicodeDecodeError, ValueError):
        return None
    if len(words) != n or len(values) != n:
        return None
    return dict(zip(words, values, strict=True))


class FeatureReader:
    """The feature settings of one rules folder (``rules/stories.json``); :meth:`read` makes a vector."""

    def __init__(self, rules: Rules):
        s = rules.stories
        self.common = float(s["common_rarity"])
        self.max_rarity = float(s["max_rarity"])
        self.name_boost = float(s["name_boost"])
        self.title_boost = float(s["title_boost"])
        self.number_weight = float(s["number_weight"])
        self.min_number = float(s["min_number"])
        self.number_channel = float(s["number_channel"])
        self.lead_sentences = int(s["lead_sentences"])
        self.stop_words = frozenset(w.lower() for w in s["stop_words"])

        self._prob = _log_probabilities(self.common + self.max_rarity)
        self._words: dict[str, tuple[str | None, float, str | None, float]] = {}  # token -> what it adds
        self._lemma = _lemmas()

    def rarity(self, word: str) -> float:
        """How much a (lower-case) word tells: 0 for the commonest words, ``max_rarity`` for rare ones."""
        logprob = self._prob.get(word)
        raw = self.max_rarity + self.common if logprob is None else -float(logprob)
        return min(max(raw - self.common, 0.0), self.max_rarity)

    def read(self, doc: str, text: str, *, title: str | None = None, published: str | None = None) -> StoryFeatures:
        counts: Counter[str] = Counter()
        weights: dict[str, float] = {}
        lead: set[str] = set()  # the names and numbers of the title and the first sentences: who and how many
        self._count(text, counts, weights, 1.0, lead, self.lead_sentences)
        if title:
            self._count(title, counts, weights, self.title_boost, lead, 1)
        vector = {term: (1.0 + math.log(n)) * weights[term] for term, n in counts.items()}
        # numbers are a channel of their own: two documents' similarity is that of their words and names plus
        # number_channel times that of their numbers (the same toll, magnitude, score or year)
        numbers = _unit({t: v for t, v in vector.items() if t[0] == "#"})
        vector = _unit({t: v for t, v in vector.items() if t[0] != "#"})
        scale = math.sqrt(self.number_channel)
        vector.update((t, v * scale) for t, v in numbers.items())
        when = _date(published)
        years = years_in(text)
        if when is not None:
            years.add(when.year)
        year = when.year if when is not None else max(years, default=None)
        return StoryFeatures(doc, vector, when, title, year, frozenset(years),
                             frozenset(t for t in lead if t in vector))

    def _count(self, text: str, counts: Counter, weights: dict[str, float], boost: float, lead: set[str],
               lead_sentences: int) -> None:
        """Add the text's terms to ``counts`` (with their heaviest weight) and the names and numbers of its first
        ``lead_sentences`` sentences to ``lead`` (what every report of one event repeats)."""
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        b, first_in_sentence = 0, True
        for m in _TOKEN.finditer(text):
            start = m.start()
            while b < len(breaks) and breaks[b] <= start:
                first_in_sentence = True
                b += 1
            token = m.group()
            opens_sentence, first_in_sentence = first_in_sentence, False
            found = self._words.get(token)
            if found is None:
                found = self._words[token] = self._read_word(token)
            term, weight, opening_term, opening_weight = found
            if opens_sentence:
                term, weight = opening_term, opening_weight
            if term is not None:
                counts[term] += 1
                if b < lead_sentences and (term[0] == "#" or term[0] == "n"):
                    lead.add(term)
                weight *= boost
                if weight > weights.get(term, 0.0):
                    weights[term] = weight

    def _read_word(self, token: str) -> tuple[str | None, float, str | None, float]:
        """What a token adds, once per distinct token: (term, weight) inside a sentence and at its start, where a
        capital letter says less (only a rare word opening a sentence is read as a name)."""
        if token[0].isdigit():
            term = self._number(token)
            return term, self.number_weight, term, self.number_weight
        lower = token.lower().replace("’", "'")
        if lower.endswith("'s"):
            lower = lower[:-2]
        elif lower.endswith("'"):
            lower = lower[:-1]
        if lower in self.stop_words:
            return None, 0.0, None, 0.0
        rarity = self.rarity(lower)
        word_term, word_weight = None, 0.0
        lemma = self._lemma.get(lower, lower)
        if isinstance(lemma, str) and lemma not in self.stop_words:
            weight = min(rarity, self.rarity(lemma)) if lemma != lower else rarity
            if weight > 0:
                word_term, word_weight = "w:" + lemma, weight
        if not token[0].isupper():
            return word_term, word_weight, word_term, word_weight
        name_term = "n:" + lower.rstrip(".") if rarity > 0 else None
        name_weight = rarity * self.name_boost
        if rarity >= self.max_rarity / 2:
            return name_term, name_weight, name_term, name_weight
        return name_term, name_weight, word_term, word_weight

    def _number(self, token: str) -> str | None:
        digits = token.replace(",", "").rstrip(".")
        try:
            value = float(digits)
        except ValueError:
            return None
        if value.is_integer() and abs(value) < self.min_number:
            return None
        return "#" + (str(int(value)) if value.is_integer() else repr(value))



def years_in(text: str) -> set[int]:
    """The years a text writes in full ("in 2013", "the 2004 tsunami"), not parts of longer numbers."""
    if "18" not in text and "19" not in text and "20" not in text:  # every such year does: most texts, at no regex
        return set()
    return {int(y) for y in _YEAR.findall(text)}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm > 0 else vector


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
