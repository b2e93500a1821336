""":mod:`claimcheck.speakers`: turn the words that name a source into a speaker, a role and an origin.

"South Korean Defense Minister Shin Won-sik" -> speaker "Shin Won-sik", role "South Korean Defense Minister";
"A recent Bloomberg report" -> speaker "Bloomberg"; "intelligence reports from American officials" -> speaker
"American officials". The origin is a canonical key for where a claim really comes from, so that claims can be
grouped by it: a known outlet's id from ``rules/sources.jsonl`` ("kcna"), else the institution the role or name
points to ("south korea defense ministry" for the minister, the ministry and its officials alike), else the
person. All vocabularies come from ``rules/speakers.json``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .rules import Rules

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class Mention:
    """A named source: ``speaker`` is None when the words name no one ("the investigation", "it")."""

    speaker: str | None
    role: str | None
    start: int  # character offsets of the words naming the source, relative to the Doc
    end: int
    pronoun: str | None = None  # the pronoun, lowercased, when the words are one ("he", "it")
    words: str = ""  # the words themselves, role included ("Interior Secretary Dirk Kempthorne", "he")


class SpeakerNamer:
    """The naming vocabularies of one rules folder."""

    def __init__(self, rules: Rules):
        t = rules.speakers
        self.determiners = frozenset(t.get("determiners", ()))
        self.leading = frozenset(t.get("leading_strip", ())) | self.determiners
        self.trailing = frozenset(t.get("trailing_strip", ()))
        self.nominal_heads = frozenset(t.get("nominal_heads", ()))
        self.nominal_modifiers = frozenset(t.get("nominal_modifiers", ())) | self.determiners
        self.owner_prepositions = frozenset(t.get("owner_prepositions", ()))
        self.role_words = frozenset(t["role_words"])
        self.institution_words = frozenset(t["institution_words"])
        self.origin_drop = frozenset(t.get("origin_drop", ()))
        self.pronouns = frozenset(t.get("pronouns", ()))
        self._nouns = rules.nouns
        self._lexicon_loaded = None
        replacements = {**t.get("demonyms", {}), **t.get("origin_synonyms", {})}
        self._replacements = replacements
        self._replace_re = _word_alternation(replacements)
        self.countries = frozenset(t.get("demonyms", {}).values()) | frozenset(
            v for v in t.get("origin_synonyms", {}).values() if v in ("united states", "united kingdom"))
        self._outlets: dict[str, tuple[str, str]] = {}
        for source in rules.sources:
            for alias in (source["name"], *source.get("aliases", ())):
                self._outlets[alias.lower()] = (source["id"], source["name"])
        self._outlet_re = _word_alternation(self._outlets)
        self.outlet_ids = frozenset(source["id"] for source in rules.sources)
        # every country as a whole word, found at every position (in a lookahead, overlapping names all match)
        names = sorted(self.countries, key=lambda c: (-len(c), c))
        self._country_re = re.compile(r"(?=\b(" + "|".join(re.escape(c) for c in names) + r")\b)") if names else None

    # -- trimming -------------------------------------------------------------------------------------
    def trim(self, tokens: Sequence) -> Sequence:
        """Drop leading conjunctions/determiners and trailing auxiliaries, adverbs and punctuation."""
        start, end = 0, len(tokens)
        while start < end:  # each token is read once: making a Token is most of the cost here
            tok = tokens[start]
            if not (tok.lower_ in self.leading or tok.is_punct):
                break
            start += 1
        while end > start:
            tok = tokens[end - 1]
            if not (tok.lower_ in self.trailing or tok.is_punct and tok.text != ")" or self._adverb(tok)):
                break
            end -= 1
        return tokens[start:end]

    @property
    def _lexicon(self):
        # loaded on first use: diff, stories and the store name speakers without importing spaCy (issue 18)
        if self._lexicon_loaded is None:
            from .lexicon import lexicon_for

            self._lexicon_loaded = lexicon_for(self._nouns)
        return self._lexicon_loaded

    def _adverb(self, tok) -> bool:
        """"He steadfastly [said]", "I was basically [hauled]": a lower-case -ly word that is no noun or adjective
        ("family", "daily" stay)."""
        lower = tok.lower_
        return lower.endswith("ly") and tok.is_lower and lower not in self._lexicon.nouns \
            and lower not in self._lexicon.adjectives

    def is_pronoun(self, tokens: Sequence) -> bool:
        return len(tokens) == 1 and tokens[0].lower_ in self.pronouns

    # -- naming ---------------------------------------------------------------------------------------
    def mention(self, tokens: Sequence) -> Mention | None:
        """Name the source in ``tokens`` (a Span or a slice of one); None when there is nothing to name."""
        tokens = self.trim(tokens)
        if not len(tokens):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        words = tokens.text if hasattr(tokens, "text") else _text(tokens)  # a Span has its own text
        if self.is_pronoun(tokens):  # "It added", "he said": resolved from context
            return Mention(None, None, start, end, pronoun=tokens[0].lower_, words=words)
        owner = self._owner(tokens)
        if owner is not None:
            if not len(owner):  # "the investigation", "the report": names no one; resolved from context
                return Mention(None, None, start, end, words=words)
            tokens = owner
        role, name = self.split_role(tokens)
        return Mention(_text(name), _text(role) if role is not None else None, start, end, words=words)

    def _owner(self, tokens: Sequence) -> Sequence | None:
        """For a nominal source ("a Bloomberg report", "reports from officials") the words naming its owner."""
        for i, tok in enumerate(tokens):
            if tok.lower_ not in self.nominal_heads:
                continue
            if i + 1 < len(tokens) and tokens[i + 1].lower_ in self.owner_prepositions:
                owner = tokens[i + 2:]
                # "results of the ... Study published in the Medical Journal ...": the owner ends at its participle
                end = next((k for k, t in enumerate(owner) if k and t.is_lower and t.lower_.endswith("ed")
                            and self._lexicon.is_participle(t.lower_)), len(owner))
                return self.trim(owner[:end])
            if i == len(tokens) - 1:
                lo, hi = 0, i
                while hi > lo and (tokens[hi - 1].lower_ in self.nominal_modifiers
                                   or tokens[hi - 1].text in _POSSESSIVE):
                    hi -= 1
                while lo < hi and tokens[lo].lower_ in self.nominal_modifiers and not (
                        tokens[lo].text[:1].isupper() and lo + 1 < hi and tokens[lo + 1].text[:1].isupper()):
                    lo += 1  # "latest reports", not the "New" of "New Zealand media reports"
                return tokens[lo:hi]
        return None

    def split_role(self, tokens: Sequence) -> tuple[Sequence | None, Sequence]:
        """"Defense Minister Shin Won-sik" -> ("Defense Minister", "Shin Won-sik"); no role word: (None, tokens)."""
        last = None
        for i, tok in enumerate(tokens):
            if tok.lower_ in self.role_words:
                last = i
        if last is None or last == len(tokens) - 1 or not tokens[last + 1].text[:1].isupper():
            return None, tokens
        if last == 0 and tokens[0].text.endswith("."):  # "Mr. Kim" is a name, not a role and a name
            return None, tokens
        return tokens[: last + 1], tokens[last + 1:]

    def outlet(self, text: str) -> tuple[str, str] | None:
        """The (id, name) of a known outlet or agency named in ``text``, or None."""
        if self._outlet_re is None:
            return None
        m = self._outlet_re.search(text.lower())
        return self._outlets[m.group(0)] if m else None

    # -- origins --------------------------------------------------------------------------------------
    def origin(self, speaker: str | None, role: str | None) -> str | None:
        """The canonical key of where a claim comes from (see the module docstring)."""
        if speaker is None:
            return None
        for text in (speaker, role):
            if text:
                outlet = self.outlet(text)
                if outlet is not None:
                    return outlet[0]
        if role:  # a minister speaks for the ministry, a spokesman for the council; a "political scientist" for himself
            words = self.origin_words(role)
            if any(w in self.institution_words for w in words):
                return " ".join(words)
        words = self.origin_words(speaker)
        return " ".join(words) or speaker.lower()

    def origin_words(self, text: str) -> list[str]:
        """Lowercased words with demonyms and synonyms mapped ("South Korean" -> "south korea") and
        generic words ("officials", "spokesman", possessives) dropped."""
        text = text.lower().replace("’", "'")
        text = re.sub(r"'s\b", " ", text)
        text = re.sub(r"[()\[\],]", " ", text)
        if self._replace_re is not None:
            text = self._replace_re.sub(lambda m: self._replacements[m.group(0)], text)
        return [w for w in text.split() if w not in self.origin_drop]

    def country(self, origin: str) -> str | None:
        """The country an origin key names, if any (used to keep different countries' bodies apart): the longest
        one it names, the first in alphabetical order among as long ones."""
        if self._country_re is None:
            return None
        found = [m.group(1) for m in self._country_re.finditer(origin)]
        return min(found, key=lambda c: (-len(c), c)) if found else None



def origin_families(origins: Iterable[str], namer: SpeakerNamer, *, threshold: float = 90.0) -> dict[str, str]:
    """Map each origin key to its family's representative (the shortest key, then alphabetical).

    Two keys join one family when they name the same country (or neither names one) and rapidfuzz's
    ``token_set_ratio`` reaches ``threshold``: "south korea defense ministry" and "south korea" (officials) join;
    "russia security council" and "united states national security council" do not.

    Only candidates are scored, never every pair (a hundred thousand names would be ten billion pairs): keys that
    share one of a key's rarest words, enough of them that a key scoring ``threshold`` with it through shared words
    must share one (a key whose words all appear in another shares its rarest one), and keys whose words, sorted,
    share one of their rarest three-letter pieces, enough of them that two strings that close in spelling must
    share one ("officials" and "official", "heffner" and "hefner": q-gram prefix filtering). A word or piece
    that more than 500 keys share is no block (it would cost 250,000 scores and tells little): two keys that only
    such words or pieces bring together are not compared.
    """
    keys = sorted(set(o for o in origins if o))
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_country: dict[str | None, list[str]] = {}
    for k in keys:
        by_country.setdefault(namer.country(k), []).append(k)
    for bucket in by_country.values():
        if len(bucket) < 2:
            continue
        for i, others in _candidate_pairs(bucket, threshold / 100):
            for j in others:
                if fuzz.token_set_ratio(bucket[i], bucket[j], score_cutoff=threshold):
                    ra, rb = find(bucket[i]), find(bucket[j])
                    if ra != rb:
                        keep, drop = sorted((ra, rb), key=lambda k: (len(k), k))
                        parent[drop] = keep
    return {k: find(k) for k in keys}


_BLOCK_MOST = 500  # a word or piece in more keys than this is no block: it says little, and costs k² scores


def _candidate_pairs(keys: list[str], share: float) -> Iterator[tuple[int, list[int]]]:
    """For each key, the other keys worth scoring with it at a ratio of ``share`` (0.9), by index, in order (see
    :func:`origin_families`)."""
    words = [sorted(set(k.split())) for k in keys]
    postings: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            postings.setdefault(w, []).append(i)
    pieces = [_pieces(" ".join(sorted(k.split()))) for k in keys]
    seen: dict[tuple[str, int], int] = {}
    for ps in pieces:
        for p in ps:
            seen[p] = seen.get(p, 0) + 1
    prefixes: list[list[tuple[str, int]]] = []
    prefix_postings: dict[tuple[str, int], list[int]] = {}
    for i, ps in enumerate(pieces):
        # two strings within an Indel ratio of `share` share at least this many three-letter pieces (q-gram lemma)
        must_share = max(1, math.ceil((len(ps) + 2) * (1 - 6 * (1 - share)) - 2))
        prefix = sorted(ps, key=lambda p: (seen[p], p))[:max(1, len(ps) - must_share + 1)]
        prefixes.append(prefix)
        for p in prefix:
            prefix_postings.setdefault(p, []).append(i)

    # a ratio of `share` through shared words leaves the other words of one key at most this part of its length
    unshared = 2 * (1 - share) / share
    for i, ws in enumerate(words):
        found: set[int] = set()
        letters, most_unshared = 0, unshared * len(keys[i])
        for w in sorted(ws, key=lambda w: (len(postings[w]), w)):
            if len(postings[w]) <= _BLOCK_MOST:
                found.update(postings[w])
            letters += len(w)
            if letters > most_unshared:
                break
        for p in prefixes[i]:
            if len(prefix_postings[p]) <= _BLOCK_MOST:
                found.update(prefix_postings[p])
        found.discard(i)
        if found:  # a pair may come from either side's probe, and then from both: scored twice, joined once
            yield i, sorted(found)


def _pieces(text: str) -> list[tuple[str, int]]:
    """The three-letter pieces of ``text``, each with how many times it came before (a multiset as a set)."""
    count: dict[str, int] = {}
    pieces = []
    for i in range(max(1, len(text) - 2)):
        piece = text[i:i + 3]
        count[piece] = count.get(piece, 0) + 1
        pieces.append((piece, count[piece]))
    return pieces


def _text(tokens: Sequence) -> str:
    if not len(tokens):
        return ""
    # the span's own text, not a slice of doc.text (which joins every token of the Doc at each call)
    return tokens[0].doc[tokens[0].i: tokens[-1].i + 1].text


def _word_alternation(words: Iterable[str]) -> re.Pattern | None:
    words = sorted(words, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")
