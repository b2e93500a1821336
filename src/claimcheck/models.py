""":mod:`claimcheck.models`: the value types of the claim record contract (schema ``claimcheck/claims@2``).

Frozen dataclasses, turned into plain dicts with :func:`to_dict` for JSON, the store and worker processes.
The field names and their meaning are documented in ``docs/schema.md`` and checked by the JSON Schema in
``claimcheck/schema/claims-2.schema.json``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Document:
    """One input document and what became of it."""

    id: str
    path: str
    sha256: str | None
    status: str  # "ok" | "skipped" | "error"
    reason: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    story: str | None = None  # the story it was grouped into (claimcheck.stories); None until it is placed
    # the year it reports on, set with its story: its date's, else the latest year its text names; diff compares
    # figures only between documents of one year (a conflict is between figures of the same time)
    year: int | None = None
    encoding: str | None = None  # what the bytes were decoded with ("utf-8", "cp1252", ...); None if not decoded
    # the hash of the text the claims' offsets index: the decoded file for text, the extracted main text for a web
    # page (whose ``sha256`` is that of its HTML); None when no text was read
    text_sha256: str | None = None
    # The decoded text is carried for processing but never serialized.
    text: str | None = field(default=None, repr=False, compare=False)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The document record; with ``with_text``, the text its claims' offsets index too (``text``)."""
        record = asdict(self)
        if not with_text:
            del record["text"]
        return record


@dataclass(frozen=True)
class Change:
    """One end of a change the text states "from A to B" ("grew from 5.55 million to 12 million", "dropped to 9.7%
    in January, from 10%"): both figures are claims, and each carries the change so a consumer can read it as a
    range. ``end`` says which end this figure is, ``low``/``high`` are the lower and the upper stated end (a range at
    one end counts with its outer bound), ``direction`` is "up" or "down" (None when the ends overlap)."""

    end: str  # "from" | "to"
    low: float | None
    high: float | None
    direction: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"end": self.end, "low": _clean_number(self.low), "high": _clean_number(self.high),
                "direction": self.direction}


@dataclass(frozen=True)
class Quantity:
    """A number as the text asserts it: the stated value and the interval it commits to.

    ``low``/``high`` of None mean the interval is open on that side (unbounded). ``low_inclusive`` and
    ``high_inclusive`` tell "more than 5" (exclusive) from "at least 5" (inclusive).
    """

    value: float | None
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualifier: str | None = None
    unit: str | None = None
    approximate: bool = False
    vague: bool = False
    additional: bool = False
    change: Change | None = None  # an end of a change stated "from A to B"


@dataclass(frozen=True)
class Attribution:
    """Who says so. ``speaker`` is the name ("Shin Won-sik"), ``role`` what the text calls them ("South Korean
    Defense Minister"), ``origin`` a canonical key for where the claim comes from ("south korea defense ministry",
    "kcna"), ``via`` the relays, outermost first ("Bloomberg"), ``cue`` the reporting word, and ``start``/``end``
    the offsets of the words naming the speaker (role and name) in the document text. ``speaker_text`` is what
    the claim's own sentence calls the source ("he", "Interior Secretary Dirk Kempthorne"; None when no words do,
    as in a continued quotation), and ``resolved`` says the speaker was found elsewhere (a pronoun, a relative, a
    quotation carried on); ``start``/``end`` are then those of the words that named it."""

    speaker: str
    role: str | None
    origin: str | None
    via: tuple[str, ...]
    cue: str | None
    start: int
    end: int
    speaker_text: str | None = None
    resolved: bool = False


@dataclass(frozen=True)
class Measure:
    """What a quantity measures: the event predicate (``id``: "killed", "supplied"; None when the text names none)
    and the class of what is counted (``counted_class``: "person", "shell"; written ``class`` in JSON).
    ``part``: the text says the figure is part of a total ("two of the victims", "including three children");
    ``update``: the text says it updates an earlier figure ("the death toll rose to five")."""

    id: str | None
    counted_class: str | None
    noun: str | None = None  # the counted noun as the class table names it ("boy", "people")
    specific: bool = False  # the noun names a kind of member ("boy", "officer"), not the whole ("people")
    part: bool = False
    update: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "class": self.counted_class, "noun": self.noun, "specific": self.specific,
                "part": self.part, "update": self.update}


@dataclass(frozen=True)
class Claim:
    id: str
    doc: str
    kind: str  # "quantity" | "statement"
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    topic: str | None
    quantity: Quantity | None
    attribution: Attribution | None = None
    hedges: tuple[str, ...] = ()
    denial: bool = False
    measure: Measure | None = None


def _clean_number(x: Any) -> Any:
    """Integral floats become ints so "5000000" is not printed as "5000000.0"; floats are rounded to 6 digits."""
    if isinstance(x, float) and math.isfinite(x):
        if x.is_integer():
            return int(x)
        return round(x, 6)
    return x


def to_dict(claim: Claim) -> dict[str, Any]:
    """A claim as a plain, JSON-ready dict in contract order.

    Field by field rather than ``dataclasses.asdict``, which deep-copies recursively and showed up at a tenth of
    extraction time in the profile; the records are the same.
    """
    record = {f.name: getattr(claim, f.name) for f in _CLAIM_FIELDS}
    q = claim.quantity
    if q is not None:
        record["quantity"] = {f.name: _clean_number(getattr(q, f.name)) for f in _QUANTITY_FIELDS}
        record["quantity"]["change"] = q.change.to_dict() if q.change is not None else None
    a = claim.attribution
    if a is not None:
        record["attribution"] = {f.name: getattr(a, f.name) for f in _ATTRIBUTION_FIELDS}
        record["attribution"]["via"] = list(a.via)
    record["hedges"] = list(claim.hedges)
    record["measure"] = claim.measure.to_dict() if claim.measure is not None else None
    return record


_CLAIM_FIELDS = fields(Claim)
_QUANTITY_FIELDS = fields(Quantity)
_ATTRIBUTION_FIELDS = fields(Attribution)
