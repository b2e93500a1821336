""":mod:`claimcheck.components.cues`: match the cue patterns of a rules file, PhraseMatcher first.

Every component finds its cue words ("according to", "nearly", month names, topic words) from rows of a rules
JSONL file, in the format of spaCy's ``SpanRuler`` (``{"label", "pattern", "id"}``; a pattern is a phrase or a
list of token dicts). ``SpanRuler`` runs its token ``Matcher`` over every token of every text, and profiling
showed that as the largest cost of extraction, although nearly all our token patterns only say "this word, in
any case" (``{"LOWER": ...}``, ``{"LOWER": {"IN": [...]}}``) or "this exact word" (``{"ORTH": ...}``). Those
become PhraseMatcher patterns built from the words themselves (so "jan." stays one token, as the tokenizer
keeps it in text), and the token Matcher only runs for the patterns that need it. The matches are the same
spans ``SpanRuler.match`` returns: deduplicated, sorted, with ``label_`` and ``id_``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

# a token pattern with more combinations than this goes to the token Matcher instead of being expanded
_MAX_PHRASES_PER_PATTERN = 64


class CueMatcher:
    """``matcher(doc) -> list[Span]`` for the rows of one rules file.

    ``words`` ({kind: string ids of lower-case forms, as ``Lexicon.form_ids`` gives them}) are single words to
    locate in the same pass over the tokens: ``matcher.find(doc)`` also says where each kind's words stand. Every
    PhraseMatcher pass reads each token's lexeme again, and for the attribution component one pass less was a
    twentieth of its time (doc.to_array(LOWER) and a set lookup per token in Python had been a tenth); so exact
    one-word patterns (``ORTH``) ride on the LOWER pass too.
    """

    def __init__(self, nlp: Language, rows: list[dict[str, Any]], words: dict[str, Iterable[int]] | None = None):
        vocab = nlp.vocab
        self._by_attr = {"LOWER": PhraseMatcher(vocab, attr="LOWER"), "ORTH": PhraseMatcher(vocab, attr="ORTH")}
        self._tokens = Matcher(vocab, validate=True)
        self._labels: dict[int, tuple[str, str]] = {}
        exact: list[tuple[str, list[list[str]]]] = []  # the ORTH patterns
        for row in rows:
            label, span_id, pattern = row["label"], row.get("id", ""), row["pattern"]
            key = f"{label}\x1f{span_id}"
            self._labels[vocab.strings.add(key)] = (label, span_id)
            if isinstance(pattern, str):
                self._by_attr["LOWER"].add(key, [nlp.make_doc(pattern)])
                continue
            phrases = _as_phrases(pattern)
            if phrases is None:
                self._tokens.add(key, [pattern])
            elif phrases[0] == "ORTH":
                exact.append((key, phrases[1]))
            else:
                self._by_attr["LOWER"].add(key, [Doc(vocab, words=words) for words in phrases[1]])
        # Exact words ("may" the hedge, not the month; "Jan", "JAN", not "jan"). When every one is a single word,
        # the LOWER pass finds them by their lower-case form and a token is kept when it is the word itself: a pass
        # over the tokens less. internal key -> (the row's key, the words' string ids)
        self._exact: dict[int, tuple[int, set[int]]] = {}
        one_word = all(len(words) == 1 for _, word_lists in exact for words in word_lists)
        for key, word_lists in exact:
            patterns = [Doc(vocab, words=words) for words in word_lists]
            if not one_word:
                self._by_attr["ORTH"].add(key, patterns)
                continue
            internal = f"{key}\x1fexact"
            _, orths = self._exact.setdefault(vocab.strings.add(internal), (vocab.strings.add(key), set()))
            orths.update(vocab.strings.add(words[0]) for words in word_lists)
            self._by_attr["LOWER"].add(internal, patterns)
        self._kinds: dict[int, str] = {}
        for kind, ids in (words or {}).items():
            key = f"\x1fword\x1f{kind}"  # no row's key: those start with their label
            self._kinds[vocab.strings.add(key)] = kind
            # a pattern given as its attribute values (the form spaCy's own pickling passes back to ``add``): the
            # lemma table knows its forms by string id only, so there is no text to make a pattern Doc from
            self._by_attr["LOWER"].add(key, [(i,) for i in ids])
        self._active = [m for m in (*self._by_attr.values(), self._tokens) if len(m)]

    def __call__(self, doc: Doc) -> list[Span]:
        if self._kinds or self._exact:
            return self.find(doc)[0]
        found = {(key, start, end) for matcher in self._active for key, start, end in matcher(doc) if start != end}
        spans = {Span(doc, start, end, label=self._labels[key][0], span_id=self._labels[key][1])
                 for key, start, end in found}
        return sorted(spans)

    def find(self, doc: Doc) -> tuple[list[Span], dict[str, list[int]]]:
        """The cue spans, and for each kind of ``words`` the indices of its tokens, in token order."""
        words: dict[str, list[int]] = {kind: [] for kind in self._kinds.values()}
        found = set()
        for matcher in self._active:
            for key, start, end in matcher(doc):
                if key in self._kinds:
                    words[self._kinds[key]].append(start)  # only the LOWER pass has them: in token order
                    continue
                if key in self._exact:
                    key, orths = self._exact[key]
                    if doc[start].orth not in orths:
                        continue
                if start != end:
                    found.add((key, start, end))
        # as in __call__ (written twice: a call more costs the components without words on every paragraph)
        spans = {Span(doc, start, end, label=self._labels[key][0], span_id=self._labels[key][1])
                 for key, start, end in found}
        return sorted(spans), words


def _as_phrases(pattern: list[dict[str, Any]]) -> tuple[str, list[list[str]]] | None:
    """("LOWER"|"ORTH", word lists) for a pattern of exact words only; None when it needs the token Matcher."""
    attrs = {attr for token in pattern for attr in token}
    if len(attrs) != 1 or not attrs <= {"LOWER", "ORTH"}:
        return None
    (attr,) = attrs
    choices: list[list[str]] = []
    for token in pattern:
        value = token[attr]
        if isinstance(value, str):
            choices.append([value])
        elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
            choices.append(list(value["IN"]))
        else:
            return None
    combinations = 1
    for options in choices:
        combinations *= len(options)
    if combinations > _MAX_PHRASES_PER_PATTERN:
        return None
    return attr, [list(words) for words in product(*choices)]
