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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .rules import Rules

if TYPE_CHECKING:  # numpy is imported where families are found: commands that never do start without it
    import numpy as np

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_S_ENDING = re.compile(r"'s\b")
_BRACKETS = re.compile(r"[()\[\],]")
_ORIGINS_KEPT = 100_000  # origins remembered by (speaker, role), past which the memo starts over


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
        # the same speaker is named again and again (in the next paragraphs, in other articles of the story)
        self._origins: dict[tuple[str, str | None], str] = {}
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
        key = (speaker, role)
        if key not in self._origins:
            if len(self._origins) >= _ORIGINS_KEPT:
                self._origins.clear()
            self._origins[key] = self._origin(speaker, role)
        return self._origins[key]

    def _origin(self, speaker: str, role: str | None) -> str:
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
        text = _S_ENDING.sub(" ", text)
        text = _BRACKETS.sub(" ", text)
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
    share one ("officials" and "official", "heffner" and "hefner": q-gram prefix filtering) and have enough
    letters in common to reach that ratio. A word or piece that more than 500 keys share is no block (it would
    cost 250,000 scores and tells little): two keys that only such words or pieces bring together are not
    compared. Candidates are found and filtered as numpy arrays and scored in one call to rapidfuzz's
    ``process.cpdist`` (C++, every core): at a hundred thousand names a Python loop over them took minutes.
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
        left, right = _candidate_pairs(bucket, threshold / 100)
        if not len(left):
            continue
        scores = process.cpdist([bucket[i] for i in left.tolist()], [bucket[j] for j in right.tolist()],
                                scorer=fuzz.token_set_ratio, score_cutoff=threshold, workers=-1)
        # a family's representative is its smallest key whatever the order of joins: the partition decides
        for i, j in zip(left[scores > 0].tolist(), right[scores > 0].tolist(), strict=True):
            ra, rb = find(bucket[i]), find(bucket[j])
            if ra != rb:
                keep, drop = sorted((ra, rb), key=lambda k: (len(k), k))
                parent[drop] = keep
    return {k: find(k) for k in keys}


_BLOCK_MOST = 500  # a word or piece in more keys than this is no block: it says little, and costs k² scores


def _candidate_pairs(keys: list[str], share: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of ``keys`` worth scoring at a ratio of ``share`` (0.9), as two arrays of indexes, the smaller
    first, each pair once, in order (see :func:`origin_families`)."""
    import numpy as np

    n = len(keys)
    words = [sorted(set(k.split())) for k in keys]
    postings: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            postings.setdefault(w, []).append(i)
    pieces = [_pieces(" ".join(sorted(k.split()))) for k in keys]
    seen = Counter(p for ps in pieces for p in ps)
    prefix_postings: dict[tuple[str, int], list[int]] = {}
    for i, ps in enumerate(pieces):
        # two strings within an Indel ratio of `share` share at least this many three-letter pieces (q-gram lemma)
        must_share = max(1, math.ceil((len(ps) + 2) * (1 - 6 * (1 - share)) - 2))
        for p in sorted(sorted(ps), key=seen.__getitem__)[:max(1, len(ps) - must_share + 1)]:  # rarest first
            prefix_postings.setdefault(p, []).append(i)

    # a ratio of `share` through shared words leaves the other words of one key at most this part of its length
    unshared = 2 * (1 - share) / share
    probes: dict[str, list[int]] = {}  # a word -> the keys that look up its posting
    for i, ws in enumerate(words):
        letters, most_unshared = 0, unshared * len(keys[i])
        for w in sorted(ws, key=lambda w: (len(postings[w]), w)):
            if len(postings[w]) <= _BLOCK_MOST:
                probes.setdefault(w, []).append(i)
            letters += len(w)
            if letters > most_unshared:
                break
    found: list[np.ndarray] = []
    if probes:  # every prober with every key of the posting, in arrays (a posting after another, flat)
        probed = list(probes)
        sizes = np.array([len(postings[w]) for w in probed], dtype=np.int64)
        flat = np.array([i for w in probed for i in postings[w]], dtype=np.int64)
        starts = np.cumsum(sizes) - sizes
        word = np.repeat(np.arange(len(probed)), [len(probes[w]) for w in probed])
        prober = np.array([i for w in probed for i in probes[w]], dtype=np.int64)
        a = np.repeat(prober, sizes[word])
        b = flat[np.repeat(starts[word] - (np.cumsum(sizes[word]) - sizes[word]), sizes[word]) + np.arange(len(a))]
        found.append(np.minimum(a, b) * n + np.maximum(a, b))
    slack = (1 - share) * (1 + 1e-9)  # a margin for rounding: a pair scored needlessly costs only its score
    letters = _Letters(words, slack)
    by_piece = [letters.roughly_close(_all_pairs(np.array(members, dtype=np.int64), n), n)
                for members in prefix_postings.values()
                if 1 < len(members) <= _BLOCK_MOST]  # a piece's posting is also the keys that look it up
    if by_piece:
        found.append(letters.close(_distinct(np.concatenate(by_piece)), n))
    if not found:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    pairs = _distinct(np.concatenate(found))
    left, right = pairs // n, pairs % n
    other = left != right
    return left[other], right[other]


class _Letters:
    """Which pairs of keys may be within an Indel ratio of ``1 - slack``, from the letters of their distinct
    words, joined (see :meth:`close`)."""

    def __init__(self, words: list[list[str]], slack: float):
        import numpy as np

        n = len(words)
        texts = [" ".join(ws) for ws in words]
        self.slack = slack
        self.lengths = np.array([len(t) for t in texts], dtype=np.int64)
        codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(n, dtype=np.int64), self.lengths)
        # a to z and the space have a bucket each, any other character one of five
        buckets = np.where((codes >= 97) & (codes <= 122), codes - 97, np.where(codes == 32, 26, 27 + codes % 5))
        counts = np.bincount(owner * _BUCKETS + buckets, minlength=n * _BUCKETS).reshape(n, _BUCKETS)
        self.counts = np.minimum(counts, 255).astype(np.uint8)
        self.present = _bits(counts)  # which buckets a key has letters in
        # each word's letters and a space, in buckets of words (see close)
        ids: dict[str, int] = {}
        cells = [(i * _BUCKETS + ids.setdefault(w, len(ids)) % _BUCKETS, len(w) + 1)
                 for i, ws in enumerate(words) for w in ws]
        weights = np.bincount([c for c, _ in cells], [w for _, w in cells], minlength=n * _BUCKETS)
        self.weights = weights.astype(np.uint16).reshape(n, _BUCKETS)
        self.worded = _bits(self.weights)  # which buckets of words a key has words in
        # the words shared score alone when the other words of one key are short beside them (the shorter key's
        # shared words are then at least this part of it)
        self.through_shared = (1 - slack) / (1 + slack)

    def roughly_close(self, pairs: np.ndarray, n: int) -> np.ndarray:
        """A cheap first cut of :meth:`close`: the letters two keys have in common are at most one key's length
        less one for every bucket it has letters in and the other has none; and keys with no bucket of words in
        common share no word."""
        import numpy as np

        i, j = pairs // n, pairs % n
        pi, pj = self.present[i], self.present[j]
        li, lj = self.lengths[i], self.lengths[j]
        common = np.minimum(li - np.bitwise_count(pi & ~pj), lj - np.bitwise_count(pj & ~pi))
        spelled = li + lj - 2 * common <= self.slack * (li + lj)
        shared = ((self.worded[i] & self.worded[j]) != 0) & (common >= self.through_shared * np.minimum(li, lj) - 1)
        return pairs[spelled | shared]

    def close(self, pairs: np.ndarray, n: int) -> np.ndarray:
        """The ``pairs`` (coded ``i * n + j``) that may score. token_set_ratio compares the distinct words
        joined when two keys share no word, and the strings of the words they do not share (counted at the length
        of the whole) when they share some: either way an Indel distance of at least len(a) + len(b) - 2 * (the
        letters they have in common, in any order). Or the words shared score alone: those words then make most
        of the shorter key (all of it when its words are all in the other), and their length is bounded by
        counting each key's letters word by word in buckets of words. Letters and words are counted in buckets
        (a collision only adds), so no pair that could score is dropped; most pairs a rare piece brings together
        have too few letters in common."""
        import numpy as np

        kept = []
        for at in range(0, len(pairs), 1 << 18):  # in slices: the letter counts of a million pairs are 64 MB
            chunk = pairs[at:at + (1 << 18)]
            i, j = chunk // n, chunk % n
            total = self.lengths[i] + self.lengths[j]
            common = np.minimum(self.counts[i], self.counts[j]).sum(axis=1, dtype=np.int64)
            spelled = total - 2 * common <= self.slack * total
            most = self.through_shared * np.minimum(self.lengths[i], self.lengths[j]) - 1
            shared = ~spelled & (common >= most)
            shared[shared] = np.minimum(self.weights[i[shared]], self.weights[j[shared]]).sum(
                axis=1, dtype=np.int64) >= most[shared]
            kept.append(chunk[spelled | shared])
        return np.concatenate(kept) if kept else pairs


_BUCKETS = 32  # letters are counted in this many buckets (see _close_in_letters)


def _bits(counts: np.ndarray) -> np.ndarray:
    """Each row's nonzero columns (of 32) as the bits of one number."""
    import numpy as np

    return ((counts > 0).astype(np.uint32) << np.arange(_BUCKETS, dtype=np.uint32)).sum(axis=1, dtype=np.uint32)


def _all_pairs(block: np.ndarray, n: int) -> np.ndarray:
    """Every pair of the ascending indexes ``block``, coded ``i * n + j``."""
    import numpy as np

    a, b = np.triu_indices(len(block), 1)
    return block[a] * n + block[b]


def _distinct(pairs: np.ndarray) -> np.ndarray:
    """Sorted, each once (numpy's own unique hashes, several times slower on tens of millions)."""
    import numpy as np

    if not len(pairs):
        return pairs
    pairs.sort()
    return pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]


def _pieces(text: str) -> list[tuple[str, int]]:
    """The three-letter pieces of ``text``, each with how many times it came before (a multiset as a set)."""
    pieces = [text[i:i + 3] for i in range(max(1, len(text) - 2))]
    if len(set(pieces)) == len(pieces):  # most keys repeat no piece
        return [(p, 1) for p in pieces]
    count: dict[str, int] = {}
    numbered = []
    for piece in pieces:
        count[piece] = count.get(piece, 0) + 1
        numbered.append((piece, count[piece]))
    return numbered


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
