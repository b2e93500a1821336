""":mod:`claimcheck.pronouns`: who "he", "it", "they" and "who" are, without a parser.

A speaker written as a pronoun ("he said", "It added", "They also claimed") is the last *compatible* source named
before it: a person for "he" and "she", an organization or a group for "they", an organization or a thing (a
study, a report) for "it".
Candidates are the sources that spoke before, and, for "he" and "she", the people named as the subject of a
sentence ("Hurd didn't elaborate ... He explained that ..."). What kind of source a name is comes from words
alone (``rules/speakers.json``): an institution word or a known outlet makes an organization ("the Texas Department
of Criminal Justice", "Reuters"), a plural head a group ("Interior officials", "critics"), a role before a name or
two capitalized words a person ("Interior Secretary Dirk Kempthorne", "Michelle Warren"); one capitalized word is
left unknown ("Verisign", "Hurd") and fits any pronoun. A pronoun that no candidate fits stays unresolved: no
speaker is better than a wrong one.

Without a parser nothing here sees gender, number agreement or binding; see the README.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from .lexicon import Lexicon
from .models import Attribution
from .speakers import SpeakerNamer

PERSON, GROUP, ORGANIZATION, THING, UNKNOWN = "person", "group", "organization", "thing", "unknown"


@dataclass(frozen=True)
class Antecedent:
    """A source a later pronoun may refer to, and what kind of source it is."""

    attribution: Attribution
    kind: str
    spoke: bool = True  # False for a person only named (a sentence's subject), not yet quoted
    at: int = 0  # where it was named or spoke: a character offset, to keep candidates in text order


class PronounResolver:
    """The kinds each pronoun may refer to, from ``pronoun_kinds`` in ``rules/speakers.json``."""

    def __init__(self, namer: SpeakerNamer, lexicon: Lexicon, table: dict):
        self.namer = namer
        self.lexicon = lexicon
        self.pronoun_kinds = {p: frozenset(kinds) for p, kinds in table.get("pronoun_kinds", {}).items()}
        self.organization_words = frozenset(table.get("organization_words", ())) | namer.institution_words
        self.thing_words = frozenset(table.get("thing_words", ()))
        # the pronouns that refer to persons alone ("he", "she")
        self.personal = frozenset(p for p, kinds in self.pronoun_kinds.items() if kinds == frozenset({PERSON}))
        self.name_particles = frozenset(table.get("name_particles", ()))
        self.connectors = frozenset(table.get("list_connectors", ()))
        self._kinds: dict[tuple[str, str | None], str] = {}  # the same speakers come back paragraph after paragraph

    def kind(self, speaker: str, role: str | None, origin: str | None = None) -> str:
        """person, group, organization, thing or unknown, from the words of a speaker and its role (``origin``, when
        the caller has it, saves looking up the outlets and countries again)."""
        key = (speaker, role)
        kind = self._kinds.get(key)
        if kind is None:
            if len(self._kinds) > 10_000:
                self._kinds.clear()
            if origin is None:
                origin = self.namer.origin(speaker, role)
            kind = self._kinds[key] = self._kind(speaker, role, origin)
        return kind

    def _kind(self, speaker: str, role: str | None, origin: str | None) -> str:
        words = speaker.replace("’", "'").split()
        lowered = [w.lower().strip("(),") for w in words]
        if origin in self.namer.outlet_ids or any(w in self.organization_words for w in lowered):
            return ORGANIZATION
        if lowered[-1] in self.thing_words:
            return THING  # "a new study", "the report": "it", never "they"
        if origin in self.namer.countries:
            return ORGANIZATION  # "South Korea says ...": a country speaks through its government
        if any(w in self.connectors for w in lowered) or (
                words[-1].islower() and self.lexicon.is_plural_noun(lowered[-1])):  # "officials", not "Waters"
            return GROUP
        if role is not None or (len(words) >= 2 and all(w[:1].isupper() or w in self.name_particles
                                                        for w in words)):
            return PERSON
        return UNKNOWN

    def allowed(self, pronoun: str | None) -> frozenset[str] | None:
        """The kinds ``pronoun`` may refer to; None for any (a nameless source: "the investigation")."""
        return self.pronoun_kinds.get(pronoun.lower()) if pronoun else None


def pick(allowed: frozenset[str] | None, candidates: list[Antecedent]) -> Antecedent | None:
    """The last candidate (``candidates`` in text order) of a kind in ``allowed`` (None: any source that spoke).

    A person only named, not quoted, is a candidate for a pronoun that allows persons alone ("he", "she").
    """
    for candidate in reversed(candidates):
        if not candidate.spoke and allowed != frozenset({PERSON}):
            continue
        if allowed is None or candidate.kind == UNKNOWN or candidate.kind in allowed:
            return candidate
    return None


SURNAME_MATCH = 85.0


def full_name(attribution: Attribution, candidates: list[Antecedent]) -> Attribution:
    """A one-word speaker that misspells the surname of a person named before ("Mauer" after "K.C. Maurer", "Water"
    after "Kathryn Waters"), or an acronym spelled out before ("WHO" after "World Health Organisation (WHO)"),
    speaks as that name; ``speaker_text`` keeps the words as printed. A surname spelled right stays as written:
    it names the person already, and ``origin_families`` joins it to the full name."""
    speaker = attribution.speaker
    if attribution.role is not None or " " in speaker:
        return attribution
    for candidate in reversed(candidates):
        name = candidate.attribution.speaker
        if " " not in name:
            continue
        if speaker.isupper() and len(speaker) > 1 and f"({speaker})" in name:
            return _as(attribution, candidate.attribution)
        last = name.split()[-1]
        if candidate.kind == PERSON and last != speaker and last[:1] == speaker[:1] \
                and fuzz.ratio(last.lower(), speaker.lower()) >= SURNAME_MATCH:
            return _as(attribution, candidate.attribution)
    return attribution


def _as(attribution: Attribution, named: Attribution) -> Attribution:
    return replace(attribution, speaker=named.speaker, role=named.role, origin=named.origin)
