""":mod:`claimcheck.components.extensions`: every custom attribute claimcheck sets, registered once.

Names carry the ``cc_`` prefix. Span values are keyed by character offsets (not by label), which is fine here:
one quantity never shares its exact characters with another.
"""

from collections.abc import Iterable

from spacy.tokens import Doc, Span, SpanGroup

QUANTITIES_KEY = "cc_quantities"  # doc.spans key: one span per quantity claim
CUES_KEY = "cc_quantity_cues"  # doc.spans key: qualifiers, units, currencies... matched from the rules
TOPICS_KEY = "cc_topics"  # doc.spans key: topic vocabulary matches
NUMBERS_KEY = "cc_numbers"  # doc.spans key: every number phrase read (span._.cc_value), claims or not
EXCLUDED_KEY = "cc_excluded"  # doc.spans key: numbers that are not claims, labelled year/date/designation...
STATEMENTS_KEY = "cc_statements"  # doc.spans key: what a source said (span._.cc_statement)
HEDGES_KEY = "cc_hedges"  # doc.spans key: hedge cues ("reportedly", "might"); span.id_ is the canonical hedge
ATTRIBUTION_CUES_KEY = "cc_attribution_cues"  # doc.spans key: "according to", "citing", hedges, denial words


def register() -> None:
    """Register the extensions; safe to call any number of times."""
    for name in ("cc_quantity", "cc_counted", "cc_topic", "cc_value", "cc_statement", "cc_measure"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    # the sources a paragraph named (claimcheck.pronouns.Antecedent), for pronouns in the paragraph after it
    if not Doc.has_extension("cc_antecedents"):
        Doc.set_extension("cc_antecedents", default=None)


def set_spans(doc: Doc, key: str, spans: Iterable[Span]) -> None:
    """``doc.spans[key] = spans``, the SpanGroup made here as spaCy would make it: given a list, ``doc.spans`` makes
    it through two more Python calls, a cost that shows for a component setting its keys on every paragraph."""
    doc.spans[key] = SpanGroup(doc, name=key, spans=spans)
