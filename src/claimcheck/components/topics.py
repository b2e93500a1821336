""":mod:`claimcheck.components.topics`: give each quantity the topic of what it counts.

The factory ``claimcheck_topics`` matches the vocabulary of ``rules/topics.jsonl`` into ``doc.spans["cc_topics"]``
(``span.id_`` is the topic id) and sets ``span._.cc_topic`` on every span of ``doc.spans["cc_quantities"]`` and
``doc.spans["cc_statements"]``. Two kinds of rule: ``TOPIC`` names what is counted ("artillery shells" ->
artillery) and is looked for inside the claim, preferring the counted noun's head; ``EVENT`` names what happened
to it ("were killed" -> killed) and is looked for just after the claim, in the same clause, and wins when found,
because "12 people were killed" is a claim about deaths more than about people.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..rules import Rules, load_rules, ruler_patterns
from .cues import CueMatcher
from .extensions import QUANTITIES_KEY, STATEMENTS_KEY, TOPICS_KEY, register

_EVENT_WINDOW = 4  # tokens after a claim in which an EVENT word still speaks of it


@Language.factory(
    "claimcheck_topics",
    default_config={"rules_dir": None},
    requires=["doc.spans"],
    assigns=["doc.spans", "span._.cc_topic"],
)
def make_topics(nlp: Language, name: str, rules_dir: str | None = None) -> TopicTagger:
    return TopicTagger(nlp, load_rules(rules_dir), name=name)


class TopicTagger:
    def __init__(self, nlp: Language, rules: Rules, *, name: str = "claimcheck_topics"):
        register()
        self.name = name
        self.cues = CueMatcher(nlp, ruler_patterns(rules.topic_patterns))

    def __call__(self, doc: Doc) -> Doc:
        claims = [*(doc.spans[QUANTITIES_KEY] if QUANTITIES_KEY in doc.spans else ()),
                  *(doc.spans[STATEMENTS_KEY] if STATEMENTS_KEY in doc.spans else ())]
        if not claims:
            doc.spans[TOPICS_KEY] = []
            return doc
        matches = self.cues(doc)
        doc.spans[TOPICS_KEY] = matches
        for span in claims:
            span._.cc_topic = topic_of(span, matches)
        return doc


def topic_of(claim: Span, matches: list[Span]) -> str | None:
    """The topic id of a quantity span: an EVENT just after it, else the TOPIC of its head, else any TOPIC."""
    event = _event_after(claim, matches)
    if event is not None:
        return event
    counted = claim._.cc_counted
    inside = [m for m in matches if m.label_ == "TOPIC" and m.start >= claim.start and m.end <= claim.end]
    if counted is not None:
        head = counted.end - 1
        on_head = [m for m in inside if m.start <= head < m.end]
        if on_head:
            return max(on_head, key=len).id_
    return inside[0].id_ if inside else None


def _event_after(claim: Span, matches: list[Span]) -> str | None:
    doc = claim.doc
    limit = min(len(doc), claim.end + _EVENT_WINDOW)
    for i in range(claim.end, limit):
        tok = doc[i]
        if tok.is_punct or tok.like_num or tok.is_sent_start:
            break
        for m in matches:
            if m.label_ == "EVENT" and m.start == i:
                return m.id_
    return None
