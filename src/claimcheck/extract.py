""":mod:`claimcheck.extract`: claims from a processed Doc, as records of the claim contract.

Pure functions over a Doc: they read what the pipeline's components set and never change the Doc.
A Doc here is one paragraph of a document; ``offset`` is where that paragraph starts in the document text,
so every claim's ``start``/``end`` (and its attribution's) index the document text itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from .components.extensions import HEDGES_KEY, QUANTITIES_KEY, STATEMENTS_KEY
from .models import Attribution, Claim
from .pronouns import Antecedent, full_name, pick


def claim_id(doc_id: str, kind: str, start: int, end: int) -> str:
    """Stable across runs for the same input: a hash of where the claim is, not of when it was found."""
    digest = hashlib.sha1(f"{doc_id}\0{kind}\0{start}\0{end}".encode()).hexdigest()
    return f"c{digest[:15]}"


@dataclass
class SpeakerContext:
    """The sources the paragraph before named, so "It added that ..." at the start of the next paragraph resolves.

    Only the paragraph right before counts: a paragraph that names no source breaks the chain.
    """

    antecedents: list[Antecedent] = field(default_factory=list)
    # where the paragraph that named each one starts: its offsets are shifted only when one is used
    offsets: list[int] = field(default_factory=list)

    @property
    def last(self) -> Attribution | None:
        """The last source that spoke in the paragraph before."""
        return next((_shift(a.attribution, o) for a, o in zip(reversed(self.antecedents), reversed(self.offsets),
                                                                strict=True) if a.spoke), None)


def paragraph_claims(doc: Doc, *, doc_id: str, offset: int = 0, context: SpeakerContext | None = None) -> list[Claim]:
    """All claims of one paragraph, in text order: quantities (attributed when a statement holds them) and
    attributed statements that hold no quantity.

    Args:
        doc: a Doc processed by claimcheck's pipeline (quantities, attribution, topics).
        doc_id: the document id the claims belong to.
        offset: the character offset of ``doc.text`` within the document text.
        context: carries the sources named from one paragraph of a document to the next.
    """
    carried = context.antecedents if context is not None else []
    named = list(doc._.cc_antecedents or ())
    own = len(named)
    offsets = [offset] * own
    statements = []
    for span in _spans(doc, STATEMENTS_KEY):
        st = span._.cc_statement
        if st.attribution is not None:
            attribution = _shift(st.attribution, offset)
            if carried:
                attribution = full_name(attribution, carried)  # "Water said" after "Kathryn Waters"
        else:
            # "He said ...", a quotation going on: the last compatible source of the paragraph before
            source = pick(st.allowed, carried) if carried else None
            attribution = None
            if source is not None:
                at = next(k for k, a in enumerate(carried) if a is source)
                attribution = replace(_shift(source.attribution, context.offsets[at]), cue=st.cue,
                                      speaker_text=st.speaker_text, resolved=True)
                named.append(replace(source, attribution=attribution, at=offset + span.start_char))
                offsets.append(0)  # already shifted
            elif st.fallback is not None:
                attribution = _shift(st.fallback, offset)  # "The report found ...": the report, owned by no one
        statements.append((span, attribution, st.denial))
    if context is not None:
        if len(named) > own:
            order = sorted(range(len(named)), key=lambda k: named[k].at + offsets[k])
            named, offsets = [named[k] for k in order], [offsets[k] for k in order]
        context.antecedents, context.offsets = named, offsets
    hedges = _spans(doc, HEDGES_KEY)
    claims = []
    quantities = _spans(doc, QUANTITIES_KEY)
    for span in quantities:
        holder = next((s for s in statements if s[0].start_char <= span.start_char and span.end_char <= s[0].end_char),
                      None)
        attribution, denial = (holder[1], holder[2]) if holder else (None, False)
        claims.append(_claim(span, doc_id, offset, "quantity", attribution, denial, hedges,
                             quantity=span._.cc_quantity))
    for span, attribution, denial in statements:
        if attribution is None and not denial:
            continue  # a cue with no one behind it says nothing about sources
        if any(span.start_char <= q.start_char and q.end_char <= span.end_char for q in quantities):
            continue  # the quantity claims inside carry this attribution
        claims.append(_claim(span, doc_id, offset, "statement", attribution, denial, hedges, quantity=None))
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    return claims


def _claim(span: Span, doc_id: str, offset: int, kind: str, attribution: Attribution | None, denial: bool,
           hedges, *, quantity) -> Claim:
    doc = span.doc
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    found = []
    for h in hedges:
        if sent.start <= h.start < sent.end and h.start < span.end and h.id_ not in found:
            found.append(h.id_)
    start, end = offset + span.start_char, offset + span.end_char
    return Claim(
        id=claim_id(doc_id, kind, start, end),
        doc=doc_id,
        kind=kind,
        start=start,
        end=end,
        text=span.text,
        sentence=sent.text,
        sentence_start=offset + sent.start_char,
        topic=span._.cc_topic,
        quantity=quantity,
        attribution=attribution,
        hedges=tuple(found),
        denial=denial,
        measure=span._.cc_measure if kind == "quantity" else None,
    )


def _shift(attribution: Attribution, offset: int) -> Attribution:
    return replace(attribution, start=attribution.start + offset, end=attribution.end + offset)


def _spans(doc: Doc, key: str):
    return doc.spans[key] if key in doc.spans else ()
