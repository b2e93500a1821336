""":mod:`claimcheck.article_view`: an article's text cut into pieces for showing its claims, the way displaCy shows
entity spans.

The text is cut at every claim's start and end and at the bounds of the sentences claims came from. Pieces inside
a claim's sentence are grouped into a :class:`Sentence`, so the sentence of the claim a reader followed a link to
can be lit up around it; a piece inside claims is marked with the innermost (shortest) one, by kind: a quantity, an
attributed statement, or a denial. Offsets are the claim records' own (``start``/``end``, ``sentence_start``); a
claim whose offsets do not index the text as given (a text changed since its claims were stored) is not placed,
and is counted in :attr:`ArticleText.unplaced`. No HTML here: the template draws the pieces.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Mark:
    """The claim a piece of text belongs to (the innermost when claims overlap)."""

    claim: str  # its id
    kind: str  # "quantity" | "statement" | "denial"
    first: bool  # the claim's first piece: the one a link to the claim lands on
    note: str  # what a reader sees on hovering: the interval, who says so


@dataclass(frozen=True)
class Piece:
    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class Sentence:
    """The sentence (or run of sentences) some claims came from, cut into pieces."""

    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class ArticleText:
    """An article's text as a sequence of plain pieces and claim sentences."""

    parts: tuple[Piece | Sentence, ...]
    placed: int
    unplaced: int


def kind_of(claim: Mapping[str, Any]) -> str:
    """The colour a claim is shown in: a denial is a statement that denies; other statements; quantities."""
    if claim.get("denial"):
        return "denial"
    return "statement" if claim.get("kind") == "statement" else "quantity"


def cut(text: str, claims: Iterable[Mapping[str, Any]], notes: Mapping[str, str] | None = None) -> ArticleText:
    """Cut ``text`` into pieces for its claims (records of the claim contract, of this document).

    Args:
        text: the document text the claims' offsets index.
        claims: its claims, in any order.
        notes: claim id -> the hover text of its mark.
    """
    placed: list[Mapping[str, Any]] = []
    unplaced = 0
    for c in claims:
        start, end = c.get("start"), c.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) \
                and text[start:end] == c.get("text"):
            placed.append(c)
        else:
            unplaced += 1
    placed.sort(key=lambda c: (c["start"], -c["end"], c["id"]))
    sentences = _sentence_spans(text, placed)
    bounds = sorted({0, len(text)} | {b for c in placed for b in (c["start"], c["end"])}
                    | {b for span in sentences for b in span})
    notes = notes or {}
    seen: set[str] = set()
    parts: list[Piece | Sentence] = []
    current: list[Piece] = []  # the pieces of the sentence being built
    starts = [s for s, _ in sentences]
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = [c for c in placed if c["start"] <= a and b <= c["end"]]
        mark = None
        if covering:
            inner = min(covering, key=lambda c: (c["end"] - c["start"], c["start"], c["id"]))
            first = inner["id"] not in seen
            seen.add(inner["id"])
            mark = Mark(inner["id"], kind_of(inner), first, notes.get(inner["id"], ""))
        piece = Piece(text[a:b], mark)
        i = bisect.bisect_right(starts, a) - 1
        inside = i >= 0 and a < sentences[i][1]
        if inside:
            current.append(piece)
            if b == sentences[i][1]:
                parts.append(Sentence(tuple(current)))
                current = []
        else:
            parts.append(piece)
    if current:
        parts.append(Sentence(tuple(current)))
    return ArticleText(tuple(_merged(parts)), len(placed), unplaced)


def _sentence_spans(text: str, claims: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """The claims' sentences as (start, end), overlapping ones joined, each widened to hold its claims."""
    spans = []
    for c in claims:
        start = c.get("sentence_start")
        sentence = c.get("sentence") or ""
        if isinstance(start, int) and text[start:start + len(sentence)] == sentence:
            spans.append((min(start, c["start"]), max(start + len(sentence), c["end"])))
        else:
            spans.append((c["start"], c["end"]))
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _merged(parts: list[Piece | Sentence]) -> list[Piece | Sentence]:
    """Neighbouring plain pieces as one (fewer elements for the browser to lay out)."""
    out: list[Piece | Sentence] = []
    for part in parts:
        if isinstance(part, Piece) and part.mark is None and out and isinstance(out[-1], Piece) \
                and out[-1].mark is None:
            out[-1] = Piece(out[-1].text + part.text)
        else:
            out.append(part)
    return out
