""":mod:`claimcheck.components.measures`: say what each quantity measures, on the blank pipeline.

The factory ``claimcheck_measures`` sets ``span._.cc_measure`` (a :class:`~claimcheck.models.Measure`) on every
span of ``doc.spans["cc_quantities"]``: the event predicate found around the number ("were killed", "killing four
people", "the death toll rose to five", "4 dead"), the class of the counted noun ("boys", "people", "victims" are
all ``person``), whether the figure is a part of a total ("two of the victims", "including three children", or a
specific kind of member such as "one man"), and whether the text calls it an update ("rose to"). Every word list
comes from ``rules/measures.json``; verbs are matched by lemma (spaCy's lookup table), so every form counts.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import lexicon_for
from ..models import Measure
from ..numbers import is_money_unit
from ..rules import Rules, load_rules
from .cues import CueMatcher
from .extensions import QUANTITIES_KEY, register
from .predicates import PERSON_PREDICATES, Predicates

_COORDINATION = frozenset({"and", "or", ","})


@Language.factory(
    "claimcheck_measures",
    default_config={"rules_dir": None},
    requires=["doc.spans"],
    assigns=["span._.cc_measure"],
)
def make_measures(nlp: Language, name: str, rules_dir: str | None = None) -> MeasureTagger:
    return MeasureTagger(nlp, load_rules(rules_dir), name=name)


class MeasureTagger:
    def __init__(self, nlp: Language, rules: Rules, *, name: str = "claimcheck_measures"):
        register()
        self.name = name
        table = rules.measures
        self.lexicon = lexicon_for(rules.nouns)
        self.after_window = int(table["after_window"])
        self.appositive_max = int(table["appositive_max"])
        self.before_window = int(table["before_window"])
        self.update_reach = int(table["update_reach"])
        self.joiners = frozenset(w.lower() for w in table["clause_joiners"])
        self.before_stops = frozenset(w.lower() for w in table.get("before_stops", ()))
        self.being_classes = frozenset(table.get("being_classes", ("person", "troop")))
        self.said_of_beings: dict[str, str] = dict(table.get("said_of_beings", {}))
        self.predicates = Predicates(table, self.lexicon)
        # the predicates' one-word nouns by lemma: "arrest" (the unit read from "86 arrests") names the event
        self._event_nouns = frozenset(self.lexicon.noun_lemma(w) for w in self.predicates.of_word)
        self.money_nouns = frozenset(w.lower() for w in table["money_nouns"])
        rows = [{"label": "PREDICATE", "pattern": " ".join(words), "id": predicate}
                for words, predicate in self.predicates.phrases if len(words) > 1]
        rows += [{"label": "PART_BEFORE", "pattern": " ".join(w), "id": "part"} for w in table["part_before"]]
        rows += [{"label": "PART_AFTER", "pattern": " ".join(w), "id": "part"} for w in table["part_after"]]
        self.cues = CueMatcher(nlp, rows)
        self.class_of: dict[str, tuple[str, bool]] = {}  # noun -> (class, specific)
        for cls, nouns in table["classes"].items():
            for noun in nouns.get("generic", ()):
                self.class_of.setdefault(noun.lower(), (cls, False))
            for noun in nouns.get("specific", ()):
                self.class_of.setdefault(noun.lower(), (cls, True))

    def __call__(self, doc: Doc) -> Doc:
        quantities = doc.spans[QUANTITIES_KEY] if QUANTITIES_KEY in doc.spans else ()
        if not quantities:
            return doc
        matches = self.cues(doc)
        by_start: dict[int, list[Span]] = {}
        by_end: dict[int, list[Span]] = {}
        for m in matches:
            by_start.setdefault(m.start, []).append(m)
            by_end.setdefault(m.end, []).append(m)
        for span in quantities:
            span._.cc_measure = self.measure(span, by_start, by_end)
        self._share_across_coordination(sorted(quantities, key=lambda s: s.start))
        return doc

    @staticmethod
    def _share_across_coordination(spans: list[Span]) -> None:
        """Two figures joined only by "and", "or" or a comma share one predicate: "transferred 5 million shells and
        dozens of missiles" (the verb before the first), "two women and one man died" (the verb after the last).
        A figure that found none takes its neighbour's; its own class and noun stay."""
        pairs = list(zip(spans, spans[1:], strict=False))
        for a, b in pairs + pairs[::-1]:  # forward, then back: a list of three shares its verb either way
            between = [t.lower_ for t in a.doc[a.end:b.start]]
            if not between or not set(between) <= _COORDINATION or not {"and", "or"} & set(between):
                continue
            if b[0].is_sent_start:
                continue
            ma, mb = a._.cc_measure, b._.cc_measure
            if ma.id is None and mb.id is not None:
                a._.cc_measure = replace(ma, id=mb.id)
            elif mb.id is None and ma.id is not None:
                b._.cc_measure = replace(mb, id=ma.id)

    def measure(self, span: Span, by_start: dict[int, list[Span]], by_end: dict[int, list[Span]]) -> Measure:
        quantity = span._.cc_quantity
        unit = quantity.unit if quantity is not None else None
        if unit is not None and is_money_unit(unit):
            # money measures what it pays for: "a ransom of $2 million" is comparable with another ransom only
            return Measure(self._scan(span, by_start, by_end, self._money_noun), unit, noun=None)
        predicate = self._scan(span, by_start, by_end, self._at)
        counted_class, specific = self._class(unit)
        noun = unit.lower() if counted_class is not None else None
        if counted_class is None and predicate in PERSON_PREDICATES and (unit is None or self._names_event(unit)):
            counted_class = "person"  # "Five killed", "2 hurt": no noun named, or the verb read as one
        if predicate in PERSON_PREDICATES and (
                (counted_class is not None and counted_class not in self.being_classes)
                or (unit is not None and span._.cc_counted is None and counted_class is None)):
            # "supplies ... displaced families: 420 tons of food", "fired 30 rockets, killing two": a casualty
            # word near a thing or a unit of measure does not count that thing
            predicate = None
        if counted_class in self.being_classes:  # "shot three people": shot, not fired
            predicate = self.said_of_beings.get(predicate, predicate)
        part = self._cue_before(span, by_end, "PART_BEFORE") or self._cue_after(span, by_start, "PART_AFTER")
        update = self.predicates.update_before(span.doc, span.start)
        return Measure(predicate, counted_class, noun=noun, specific=specific, part=part, update=update)

    # -- predicate ----------------------------------------------------------------------------------------
    def _scan(self, span: Span, by_start, by_end, lookup) -> str | None:
        """What ``lookup`` finds in the claim after the number, then after the claim in its clause, then before
        it; the first found wins."""
        doc = span.doc
        counted = span._.cc_counted
        inside_from = counted.start if counted is not None else span.end
        for i in range(inside_from, span.end):  # "4 dead", "20 wounded"
            found = lookup(doc, i, by_start)
            if found:
                return found
        after = self._past_appositive(doc, span.end)
        for i in range(after, min(len(doc), after + self.after_window)):  # "were killed"
            tok = doc[i]
            if tok.is_punct or tok.like_num or tok.lower_ in self.joiners or (i > after and tok.is_sent_start):
                break
            found = lookup(doc, i, by_start)
            if found:
                return found
        # after "rose to" the measure is the subject of the update, however long ("The flood death toll in northern
        # Italy rose to 14"): the search reaches back to the clause's start
        updating = self.predicates.update_before(doc, span.start)
        reach = self.update_reach if updating else self.before_window
        for i in range(span.start - 1, max(-1, span.start - 1 - reach), -1):  # "killing four"
            tok = doc[i]
            if (tok.is_punct and not _inside_word(tok)) or tok.like_num or doc[i + 1].is_sent_start:
                break
            if not updating and tok.lower_ in self.before_stops:  # "killed during marches by tens of thousands"
                break
            found = lookup(doc, i, by_end, ending=True)
            if found:
                return found
        return None

    def _past_appositive(self, doc: Doc, end: int) -> int:
        """Where the clause goes on after an aside between commas ("Three people, one of them a pregnant woman,
        were killed"); ``end`` itself when the claim is not followed by one."""
        if end >= len(doc) or doc[end].text != ",":
            return end
        for i in range(end + 1, min(len(doc), end + 2 + self.appositive_max)):
            if doc[i].is_sent_start or doc[i].text in (".", ";", ":", "!", "?"):
                return end
            if doc[i].text == ",":
                return i + 1
        return end

    def _at(self, doc: Doc, i: int, index: dict[int, list[Span]], ending: bool = False) -> str | None:
        """The predicate a phrase starting (or, scanning backwards, ending) at token ``i`` names, else the
        predicate of token ``i``'s lemma. A phrase wins: "shot dead" is a death, not a shooting."""
        key = i + 1 if ending else i
        for m in index.get(key, ()):
            if m.label_ == "PREDICATE":
                return m.id_
        return self.predicates.of_token(doc[i].lower_)

    def _money_noun(self, doc: Doc, i: int, index: dict[int, list[Span]], ending: bool = False) -> str | None:
        lower = doc[i].lower_
        if lower in self.money_nouns:
            return lower
        lemma = self.lexicon.noun_lemma(lower)
        return lemma if lemma in self.money_nouns else None

    # -- class, part, update ----------------------------------------------------------------------------
    def _names_event(self, unit: str) -> bool:
        """Is the word read as the unit the event itself ("2 hurt", "4 dead", "five deaths", "86 arrests", "three
        killed") rather than a thing its verb also names ("one charge", "two life sentences": a count of charges,
        not of people)? A word of the predicate's phrases in the rules, or a participle of its verb."""
        lower = unit.lower()
        if self.predicates.of_token(lower) is None:
            return False
        return (lower in self.predicates.of_word or self.lexicon.noun_lemma(lower) in self._event_nouns
                or self.lexicon.is_participle(lower))

    def _class(self, unit: str | None) -> tuple[str | None, bool]:
        if not unit:
            return None, False
        unit = unit.lower()
        found = self.class_of.get(unit) or self.class_of.get(self.lexicon.noun_lemma(unit))
        if found is None:
            return None, False
        return found

    @staticmethod
    def _cue_before(span: Span, by_end: dict[int, list[Span]], label: str, reach: int = 3) -> bool:
        """A cue ending right before the claim, or a few words before it with no punctuation or number between
        ("including three children", "among them two officers")."""
        doc = span.doc
        for end in range(span.start, max(span.start - reach, 0) - 1, -1):
            if any(m.label_ == label for m in by_end.get(end, ())):
                return True
            if end > 0 and (doc[end - 1].is_punct or doc[end - 1].like_num):
                return False
        return False

    @staticmethod
    def _cue_after(span: Span, by_start: dict[int, list[Span]], label: str) -> bool:
        """"two of the victims", "two of them": the cue comes between the number and what it counts (or right after
        the number when nothing is counted); "12 members of the jury" is no part."""
        counted = span._.cc_counted
        last = counted.start if counted is not None else span.end
        return any(m.label_ == label for i in range(span.start + 1, last + 1) for m in by_start.get(i, ())
                   if m.end <= last or counted is None)


def _inside_word(tok) -> bool:
    """A hyphen or slash between two words with no space ("Emilia-Romagna"): part of a name, not a clause break."""
    doc = tok.doc
    return tok.text in ("-", "/") and tok.i > 0 and not doc[tok.i - 1].whitespace_ and not tok.whitespace_ \
        and tok.i + 1 < len(doc)
