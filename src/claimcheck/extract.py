""":mod:`claimcheck.extract`: claims from a processed Doc, as records of the claim contract.

Pure generators over a Doc: they read what the pipeline's components set and never change the Doc.
A Doc here is one paragraph of a document; ``offset`` is where that paragraph starts in the document text,
so every claim's ``start``/``end`` index the document text itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from spacy.tokens import Doc

from .components.extensions import QUANTITIES_KEY
from .models import Claim


def claim_id(doc_id: str, kind: str, start: int, end: int) -> str:
    """Stable across runs for the same input: a hash of where the claim is, not of when it was found."""
    digest = hashlib.sha1(f"{doc_id}\0{kind}\0{start}\0{end}".encode()).hexdigest()
    return f"c{digest[:15]}"


def quantity_claims(doc: Doc, *, doc_id: str, offset: int = 0) -> Iterator[Claim]:
    """Yield a ``kind="quantity"`` claim for each span the quantities component found.

    Args:
        doc: a Doc processed by a pipeline with ``claimcheck_quantities`` (and, for topics, ``claimcheck_topics``).
        doc_id: the document id the claims belong to.
        offset: the character offset of ``doc.text`` within the document text.
    """
    spans = doc.spans[QUANTITIES_KEY] if QUANTITIES_KEY in doc.spans else ()
    for span in spans:
        start, end = offset + span.start_char, offset + span.end_char
        sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
        yield Claim(
            id=claim_id(doc_id, "quantity", start, end),
            doc=doc_id,
            kind="quantity",
            start=start,
            end=end,
            text=span.text,
            sentence=sent.text,
            sentence_start=offset + sent.start_char,
            topic=span._.cc_topic,
            quantity=span._.cc_quantity,
        )
