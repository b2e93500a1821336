""":mod:`claimcheck.components.quotations`: where the quotations of a paragraph open and close.

A quotation often runs over several sentences, and only one of them carries the cue ("'... . ...,' Wilkins
said."; "He said, '... . ...'"); the others are the same speaker's. Double quotation marks are paired in text
order: curly and TeX-style marks (“ ” `` '') say which end they are, a straight ``"`` opens when no quotation is
open and closes when one is. Single quotes are left alone: they are apostrophes as often as quotation marks
("wasn't 'forced'"). A quotation still open at the end of the paragraph runs to its end (news continues a long
quotation in the next paragraph without closing it); a closing mark with no opening one closes a quotation that
began in the paragraph before.
"""

from __future__ import annotations

from spacy.tokens import Doc

_OPENING = frozenset({"“", "``", "`"})  # the tokenizer cuts TeX's `` in two; the second one changes nothing
_CLOSING = frozenset({"”", "''"})
_EITHER = frozenset({'"'})


MARKS = _OPENING | _CLOSING | _EITHER


def quotations(doc: Doc, marks: list[int]) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the quotations of ``doc`` (one paragraph), marks included, in order;
    ``marks`` are the indices of the tokens in ``MARKS`` (the caller finds them with the rest of its tokens)."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    for i in marks:
        text = doc[i].text
        if text in _OPENING or (text in _EITHER and start is None):
            if start is None:
                start = i
        else:
            if start is None and found:
                continue  # a stray closing mark after a quotation of this paragraph closed
            found.append((0 if start is None else start, i + 1))
            start = None
    if start is not None:
        found.append((start, len(doc)))
    return found


def inside(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation holding the tokens ``[start, end)`` whole, if any."""
    return next((q for q in quotes if q[0] <= start and end <= q[1]), None)
