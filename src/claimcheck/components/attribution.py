""":mod:`claimcheck.components.attribution`: who says so, without a trained model.

The factory ``claimcheck_attribution`` adds one span per attributed statement to ``doc.spans["cc_statements"]``:
the span covers what was said (the content), and ``span._.cc_statement`` holds a :class:`Statement` (the
:class:`~claimcheck.models.Attribution`, the cue, whether it is a denial). Hedge cues go to
``doc.spans["cc_hedges"]`` (``span.id_`` is the canonical hedge).

How it works, per sentence, on the blank pipeline: reporting and denial verbs are found by lemma (spaCy's lookup
table, so "says", "said" and "told" all count) from ``rules/speakers.json``; fixed cues ("according to",
"citing", hedges, "baseless") by a CueMatcher over ``rules/attribution.jsonl``. The speaker of a verb is the run
of words before it back to a clause boundary (a comma, a quote, "that", "which" ...), trimmed of conjunctions
and auxiliaries; when there is none, the words after it ("..., said Kirby"). The content is what follows the
verb (after "that"), or, for a clause-final verb ("..., the agency reported."), what precedes the speaker.
"X, citing Y, implies" and "According to X, Y reported that" make chains: the inner source speaks, the outer
relays (``via``). A pronoun or a nameless source ("It added", "the investigation") takes the last speaker named
before it in the paragraph; one left unresolved here is resolved by the extractor from the previous paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicon import lexicon_for
from ..models import Attribution
from ..pronouns import PERSON, Antecedent, PronounResolver, full_name, pick
from ..rules import Rules, load_rules, ruler_patterns
from ..speakers import Mention, SpeakerNamer
from .cues import CueMatcher
from .extensions import ATTRIBUTION_CUES_KEY, HEDGES_KEY, STATEMENTS_KEY, register, set_spans
from .quotations import MARKS as QUOTATION_MARKS
from .quotations import inside, quotations

_COLONS = frozenset({":", "):"})
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''", "`"})
_TRAILING_STARTS = frozenset({"on", "in", "at", "to", "late", "early", "this", "last", "yesterday", "today"})
_SHARED_SUBJECT_MAX = 6
_NAME_JOINERS = frozenset({"of", "the", "and", "'s", "’s", "-"})
_RELATIVES = frozenset({"who", "which"})
_INVERTED_LOWER_STARTS = frozenset({"the", "a", "an", "his", "her", "their", "its", "one"})
_TRAILING_WORDS_MAX = 4  # "'...,' Lynch told local media Monday." still ends the clause
_CONTENT_STOPS = frozenset({",", ";", "but", "despite", "although", "though", "while"})
_INVERTED_SPEAKER_MAX = 8  # "..., said U.S. National Security Council spokesman John Kirby." fits
_NOT_BEFORE_VERB = frozenset({"a", "an", "the", "of", "amid", "from", "in", "for", "with", "to", "on", "by",
                              "its", "their", "his", "her", "our", "'s", "’s", "'", "’", "this", "that"})


@dataclass(frozen=True)
class Statement:
    """What a statement span carries. ``attribution`` is None while the speaker is a pronoun not yet resolved;
    ``speaker_text`` then keeps its words ("he") and ``allowed`` the kinds of source it may refer to (None: any
    source that spoke), for the extractor to resolve it from the paragraph before."""

    attribution: Attribution | None
    cue: str
    denial: bool = False
    speaker_text: str | None = None
    allowed: frozenset[str] | None = None
    fallback: Attribution | None = None  # the evidence itself ("the report found"), when no earlier source owns it


@Language.factory(
    "claimcheck_attribution",
    default_config={"rules_dir": None},
    assigns=["doc.spans", "span._.cc_statement"],
)
def make_attribution(nlp: Language, name: str, rules_dir: str | None = None) -> AttributionFinder:
    """Build the component from a rules folder (``None``: the rules shipped with claimcheck)."""
    return AttributionFinder(nlp, load_rules(rules_dir), name=name)


@dataclass
class _Found:
    """A statement being assembled: token indices into the Doc."""

    cue: str
    cue_at: int
    clause_start: int  # where the speaker's clause starts (the next statement's content may not run past it)
    content: tuple[int, int]
    mention: Mention | None
    via: list[Mention] = field(default_factory=list)
    denial: bool = False
    parent: _Found | None = None  # a sentence of a quotation whose cue is elsewhere: the cue's statement
    relative: str | None = None  # "who" in "X, who said": the words of the sentence that stand for X
    bare: bool = False  # a quotation no words and no cue attribute: the last source before it speaks


class AttributionFinder:
    """The component: ``doc = finder(doc)``."""

    def __init__(self, nlp: Language, rules: Rules, *, name: str = "claimcheck_attribution"):
        register()
        self.name = name
        t = rules.speakers
        self.namer = SpeakerNamer(rules)
        self.lexicon = lexicon_for(rules.nouns)
        self.verbs = frozenset(t["reporting_verbs"]) | frozenset(t.get("evidence_verbs", ()))
        self.needs_that = frozenset(t.get("verbs_needing_that", ()))
        self.denials = frozenset(t["denial_verbs"])
        self.denials_needing_word = frozenset(t.get("denial_verbs_needing_word", ()))
        # every form of every verb above, as string ids: the only tokens worth a look
        self._verb_forms = self.lexicon.form_ids(self.verbs | self.denials | self.denials_needing_word)
        self.passive_aux = frozenset(t.get("passive_aux", ()))
        self.negations = frozenset(t.get("negations", ()))
        self.boundaries = frozenset(t["subject_boundaries"])
        self.connectors = frozenset(t.get("list_connectors", ()))
        self.max_subject = int(t.get("max_subject_tokens", 12))
        self.that_window = int(t.get("that_window", 8))
        self.clause_openers = frozenset(t.get("clause_openers", ()))
        self.parentheticals = frozenset(t.get("parenthetical_starts", ()))
        self.inverted_stops = frozenset(t.get("inverted_speaker_stops", ()))
        self.forecast_aux = frozenset(t.get("forecast_aux", ()))
        self.auxiliaries = frozenset(t.get("auxiliaries", ()))
        self.quote_notes = frozenset(t.get("quotation_notes", ()))
        self.gerund_links = frozenset(t.get("gerund_links", ()))
        self.addressee_verbs = frozenset(t.get("addressee_verbs", ()))
        self.clause_subjects = frozenset(t.get("clause_subjects", ()))
        self.evidence_verbs = frozenset(t.get("evidence_verbs", ()))
        self.evidence_heads = frozenset(t.get("evidence_heads", ()))
        self.hearsay_cues = frozenset(c["id"] for c in rules.attribution_patterns if c.get("label") == "ACCORDING"
                                      and c.get("id"))
        strings = nlp.vocab.strings
        # found with the cues, in their pass over the tokens: the only tokens worth a look. spaCy's emoticon
        # exceptions keep "):" whole ('... "ideological" ((it)): "We face ...')
        worth_a_look = {"verb": self._verb_forms, "mark": {strings.add(m) for m in QUOTATION_MARKS},
                        "colon": {strings.add(c) for c in _COLONS}, "that": {strings.add("that")}}
        self.cues = CueMatcher(nlp, ruler_patterns(rules.attribution_patterns), worth_a_look)
        self.resolver = PronounResolver(self.namer, self.lexicon, t)

    # -- spaCy protocol ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        # the cues, and every token worth a look: cue verbs, quotation marks, colons, "that"
        cues, located = self.cues.find(doc)
        set_spans(doc, ATTRIBUTION_CUES_KEY, cues)
        # "estimates suggest" and "suggest" both match: keep the longest hedge (one or none: nothing to filter)
        hedges = [c for c in cues if c.label_ == "HEDGE"]
        set_spans(doc, HEDGES_KEY, filter_spans(hedges) if len(hedges) > 1 else hedges)
        verbs, marks, colons, thats = located["verb"], located["mark"], located["colon"], located["that"]
        sources = [c for c in cues if c.label_ == "ACCORDING"]
        if not verbs and not marks and not sources and not colons:
            set_spans(doc, STATEMENTS_KEY, [])  # most paragraphs: nothing to attribute
            return doc
        found: list[_Found] = []
        previous = None
        sents = list(doc.sents)
        for sent in sents:
            in_sent = [c for c in cues if sent.start <= c.start < sent.end]
            at = [i for i in verbs if sent.start <= i < sent.end]
            colon = next((k for k in colons if sent.start < k < sent.end - 2), None)
            if at or colon is not None or any(c.label_ == "ACCORDING" for c in in_sent):
                seconds = [k for k in thats if sent.start + 2 < k < sent.end and doc[k - 2].text == ","]
                found.extend(self._sentence(doc, sent, in_sent, at, previous, colon, seconds))
            previous = sent
        if marks:
            found.extend(self._quoted(doc, sents, found, quotations(doc, marks)))
        found.sort(key=lambda f: f.cue_at)
        # people only named matter to "he" and "she" alone: looked for only when this paragraph has one
        pronoun = any(f.mention is not None and f.mention.pronoun in self.resolver.personal for f in found)
        statements, antecedents = self._resolve(doc, found, self._persons(doc, sents, found) if pronoun else [])
        set_spans(doc, STATEMENTS_KEY, statements)
        if antecedents:
            doc._.cc_antecedents = antecedents
        return doc

    def _persons(self, doc: Doc, sents: list[Span], found: list[_Found]) -> list[tuple[int, Mention]]:
        """People named in the sentences with no statement of their own ("Hurd didn't elaborate ...", "For Kevin
        Allton, a USI instructor in English, ..."): candidates for a later "he" or "she"."""
        persons = []
        particles = self.resolver.name_particles
        for sent in sents:
            if any(sent.start <= f.cue_at < sent.end for f in found):
                continue
            k = sent.start
            while k < sent.end:
                if not (doc[k].text[:1].isupper() and doc[k].is_alpha):
                    k += 1
                    continue
                end = k + 1
                while end < sent.end and (doc[end].text[:1].isupper() and doc[end].is_alpha
                                          or doc[end].lower_ in particles or doc[end].text == "-"):
                    end += 1
                start = k + 1 if k == sent.start and doc[k].lower_ in self.parentheticals | self.namer.leading \
                    else k  # "For Kevin Allton", "After John Smith"
                if end - start >= 2:
                    person = self.namer.mention(doc[start:end])
                    if person is not None and person.speaker and \
                            self.resolver.kind(person.speaker, person.role) == PERSON:
                        persons.append((start, person))
                k = end
        return persons

    def _resolve(self, doc: Doc, found: list[_Found], persons: list[tuple[int, Mention]]
                 ) -> tuple[list[Span], list[Antecedent]]:
        """Statement spans for ``found`` (in text order), each pronoun or nameless source resolved to the last
        compatible source before it in the paragraph, and the paragraph's sources for the next one."""
        antecedents: list[Antecedent] = []
        results: dict[int, Statement] = {}
        spans: list[Span] = []
        waiting = list(persons)
        for f in found:
            while waiting and waiting[0][0] <= f.cue_at:
                _, person = waiting.pop(0)
                named = self._attribution_of(person, None, (), doc)
                antecedents.append(Antecedent(named, PERSON, spoke=False, at=doc[f.cue_at].idx))
            if f.parent is not None:
                continue  # a continued quotation takes its cue's speaker, below
            attribution = self._attribution(f, doc)
            words = f.mention.words if f.mention is not None else None
            allowed = None
            fallback = None
            if attribution is None:
                if f.mention is not None:
                    allowed = self.resolver.allowed(f.mention.pronoun)
                    fallback = self._evidence(f, doc)
                source = pick(allowed, antecedents)
                if source is not None:
                    attribution = replace(source.attribution, cue=f.cue, speaker_text=words, resolved=True)
                    antecedents.append(replace(source, attribution=attribution, at=doc[f.cue_at].idx))
                elif fallback is not None and not f.parent:
                    attribution, fallback = fallback, None
            else:
                attribution = full_name(attribution, antecedents)
                if f.relative is not None:
                    attribution = replace(attribution, speaker_text=f.relative, resolved=True)
                kind = self.resolver.kind(attribution.speaker, attribution.role, attribution.origin)
                antecedents.append(Antecedent(attribution, kind, at=doc[f.cue_at].idx))
            results[id(f)] = Statement(attribution, f.cue, f.denial, words, allowed, fallback)
        for f in found:
            if f.parent is None:
                continue
            parent = results.get(id(f.parent))
            if parent is None:
                continue
            attribution = parent.attribution
            if attribution is not None:
                attribution = replace(attribution, cue=f.cue, speaker_text=None, resolved=True)
            results[id(f)] = Statement(attribution, f.cue, False, None, parent.allowed)
        for f in found:
            st = results.get(id(f))
            if st is None or spans and (spans[-1].start, spans[-1].end) == f.content:
                continue  # two cues over one content ("He said jurors have told him that ..."): one claim
            span = doc[f.content[0]:f.content[1]]
            span._.cc_statement = st
            spans.append(span)
        return spans, antecedents

    def _evidence(self, f: _Found, doc: Doc) -> Attribution | None:
        """"The report found that ...", "a poll shows ...", with no one named before it to own the report: the
        evidence itself is the source ("report", "poll")."""
        words = f.mention.words
        head = words.rsplit(None, 1)[-1].lower() if words else ""
        if f.mention.pronoun is not None or head not in self.evidence_heads:
            return None
        if words == head and self.lexicon.is_plural_noun(head) and f.cue in self.hearsay_cues:
            return None  # "according to reports": hearsay, no source
        speaker = " ".join(w for w in words.split() if w.lower() not in self.namer.determiners)
        return Attribution(speaker=speaker, role=None, origin=self.namer.origin(speaker, None), via=(), cue=f.cue,
                           start=f.mention.start, end=f.mention.end, speaker_text=words)

    def _attribution(self, found: _Found, doc: Doc) -> Attribution | None:
        m = found.mention
        if m is None or m.speaker is None:
            return None
        via = tuple(v.speaker for v in found.via if v is not None and v.speaker)
        return self._attribution_of(m, found.cue, via, doc)

    def _attribution_of(self, m: Mention, cue: str | None, via: tuple[str, ...], doc: Doc) -> Attribution:
        return Attribution(speaker=m.speaker, role=m.role, origin=self.namer.origin(m.speaker, m.role), via=via,
                           cue=cue, start=m.start, end=m.end, speaker_text=m.words)

    # -- one sentence ---------------------------------------------------------------------------------
    def _quoted(self, doc: Doc, sents: list[Span], found: list[_Found], quotes: list[tuple[int, int]]
                ) -> list[_Found]:
        """The sentences of a quotation that hold no cue of their own: each is said by whoever says the rest of
        the quotation ("'... . ...,' Wilkins said."), or, when no cue touches the quotation, by the last source
        before it (a quotation that follows its speaker's statement, or goes on from the paragraph before)."""
        out: list[_Found] = []
        for sent in sents:
            if any(sent.start <= f.cue_at < sent.end for f in found):
                continue
            start, end = _content_before(doc, sent, sent.end)
            quote = inside(quotes, start, end) if end > start else None
            if quote is None and end > start:
                # '... manage them" ((it)).': a quotation followed by a bracketed note only
                quote = next((q for q in quotes if q[0] <= start < q[1] < end
                              and all(t.is_punct or t.lower_ in self.quote_notes for t in doc[q[1]:end])), None)
                end = _trim_end(doc, start, quote[1]) if quote is not None else end
            if quote is None:
                continue
            parent = next((f for f in found if f.content[0] < quote[1] and quote[0] < f.content[1]), None)
            if parent is not None:
                out.append(_Found(parent.cue, start, start, (start, end), None, parent=parent))
            else:
                out.append(_Found("quote", start, start, (start, end), None, bare=True))
        return out

    def _sentence(self, doc: Doc, sent: Span, cues: list[Span], verbs: list[int],
                  previous: Span | None = None, colon: int | None = None, seconds: list[int] = ()
                  ) -> list[_Found]:
        """The statements of one sentence; ``verbs`` are the indices of tokens that are forms of a cue verb;
        ``previous`` is the sentence before it in the paragraph, ``colon`` the index of its first colon,
        ``seconds`` those of the "that" of any ", and that"."""
        sources = [c for c in cues if c.label_ == "ACCORDING"]
        has_denial_word = [c.start for c in cues if c.label_ == "DENIAL_WORD"]
        phrase_ends = {c.start: self._source_end(doc, c, sent) for c in sources}
        consumed: set[int] = set()
        found: list[_Found] = []
        for tok in (doc[i] for i in verbs):
            if any(c.start <= tok.i < phrase_ends[c.start] for c in sources):
                continue  # inside "according to X": X's words are not verbs of their own
            kind = self._verb_kind(tok, sent, has_denial_word)
            if kind == "continue":
                if found:
                    item = self._continuation(doc, sent, tok.i, found[-1])
                    if item is not None:
                        found.append(item)
            elif kind == "subject":
                subject = self._sentence_subject(doc, sent)
                if not found and subject is not None and self._names(subject):
                    item = self._continuation(doc, sent, tok.i, _Found("", sent.start, sent.start, (0, 0),
                                                                        self.namer.mention(subject)))
                    if item is not None:
                        found.append(item)
            elif kind is not None:
                item = self._verb_statement(doc, sent, tok.i, kind, sources, phrase_ends, consumed, has_denial_word)
                if item is not None:
                    found.append(item)
                    second = self._second_that(doc, item, seconds) if seconds else None
                    if second is not None:
                        found.append(second)
        for c in sources:
            if c.start in consumed:
                continue
            outer = self.namer.mention(doc[c.end:phrase_ends[c.start]])
            content = self._according_content(doc, sent, c, phrase_ends[c.start])
            if content is None:
                continue
            inner = [f for f in found if content[0] <= f.cue_at < content[1]]
            if inner:  # "According to RIA, the Security Council reported that ...": RIA relays the council
                inner[0].via.insert(0, outer)
                continue
            found.append(_Found(cue=c.id_ or c.text.lower(), cue_at=c.start, clause_start=c.start,
                                content=content, mention=outer))
        found.sort(key=lambda f: f.cue_at)
        for a, b in zip(found, found[1:], strict=False):
            if a.content[0] < b.clause_start < a.content[1]:
                a.content = (a.content[0], _trim_end(doc, a.content[0], b.clause_start))
        found = self._relays(found)
        if colon is not None:
            found = self._colon(doc, sent, colon, found)
        if previous is not None and (doc[sent.start].text in _QUOTES or doc[previous.end - 1].text in _QUOTES):
            # "'Hide, she's got a gun!' Vanore said.": the sentencizer cut after "!", and what Vanore said is the
            # sentence before
            for f in found:
                if f.content[1] <= f.content[0] and f.cue_at > sent.start:
                    f.content = _content_before(doc, previous, previous.end)
        return [f for f in found if f.content[1] > f.content[0]]

    def _verb_kind(self, tok, sent: Span, denial_words: list[int]) -> str | None:
        """"report" for a reporting verb, "deny" for a denial verb, None for anything else."""
        lower = tok.lower_
        if not tok.is_alpha:
            return None
        lemma = self.lexicon.lemma(lower)
        if lower.endswith("ing"):
            # "..., noting that ...": the speaker of the clause before goes on
            prev = tok.doc[tok.i - 1] if tok.i > sent.start else None
            if lemma not in self.verbs or prev is None:
                return None
            if prev.text == ",":
                return "continue"
            # "Hurd ... made a point of saying that ...": the sentence's subject speaks
            return "subject" if prev.lower_ in self.gerund_links else None
        if lemma in self.denials:
            kind = "deny"
        elif lemma in self.denials_needing_word and any(i > tok.i for i in denial_words):
            kind = "deny"
        elif lemma in self.verbs:
            kind = "report"
        else:
            return None
        doc = tok.doc
        if tok.text[0].isupper() and tok.i != sent.start:
            return None  # "the United States", "Reports"
        prev = doc[tok.i - 1] if tok.i > sent.start else None
        nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if prev is not None and prev.lower_ in _NOT_BEFORE_VERB:
            return None  # "amid reports", "a statement", "to report"
        if nxt is not None and nxt.text in {"-", "–"}:
            return None  # "state-run"
        if lemma in self.evidence_verbs and prev is not None and prev.lower_ in self.evidence_heads:
            return kind  # "a poll shows", "the data showed"
        if self._noun_form(lower, lemma):
            if nxt is not None and self.lexicon.lemma(nxt.lower_) in self.verbs:
                return None  # "estimates suggest": the first is the subject
            if not self._verb_context(prev, nxt, lower):
                return None
        return kind

    def _noun_form(self, lower: str, lemma: str) -> bool:
        lex = self.lexicon
        return lower in lex.nouns or (lower != lemma and lower.endswith("s") and lemma in lex.nouns)

    def _verb_context(self, prev, nxt, lower: str) -> bool:
        """For a form that may be a noun ("report", "reports", "claims"): does it read as a verb here?"""
        if nxt is not None and nxt.lower_ == "that":
            return True
        if prev is None:
            return False
        if nxt is not None and nxt.lower_ in self.namer.pronouns and prev.lower_ in self.connectors:
            return True  # "They also claimed ... and claim she has ..."
        if lower.endswith("s"):  # third person: "Markov suggests", "the Kremlin claims", 'Sky News says "...'
            return (prev.text[:1].isupper() and nxt is not None and (not nxt.is_punct or nxt.text in _QUOTES)
                    and nxt.lower_ not in {"of", "from", "by"})
        # "officials say", "they claim", "WHO say" (an organization's acronym takes the plural)
        return prev.lower_ in self.namer.pronouns or self.lexicon.is_plural_noun(prev.lower_) or (
            prev.is_upper and len(prev) > 1 and prev.is_alpha)

    def _verb_statement(self, doc: Doc, sent: Span, v: int, kind: str, sources, phrase_ends,
                        consumed: set[int], words_at: list[int]) -> _Found | None:
        cue = doc[v].lower_
        # the words between the clause boundary and the verb; auxiliaries/adverbs are trimmed later
        j = self._clause_start(doc, sent, v)
        subject_tokens = doc[j + 1:v]
        words = [t.lower_ for t in subject_tokens]
        if any(w in self.negations for w in words):
            return None  # "has not yet reported"
        if words and words[-1] in self.passive_aux or (len(words) > 1 and words[-2] in self.passive_aux
                                                        and doc[v - 1].lower_.endswith("ly")):
            return self._passive(doc, sent, v, j, cue)
        if v + 1 < sent.end and doc[v + 1].lower_ == "by" and doc[v].lower_.endswith("ed"):
            # "an omission criticised by some activists": the noun the participle follows is what they said
            return self._passive(doc, sent, v, j, cue, participle=True)
        if self.lexicon.lemma(cue) in self.evidence_verbs and not any(w in self.evidence_heads for w in words):
            return None  # "show" reports only for a poll, data, photos ... ("the show", "he showed up")
        if words and words[-1] in self.forecast_aux:
            return None  # "Jeffs' legal team will argue ...": a statement foreseen is the writer's, not theirs
        coordinated = len(words) > 0 and words[0] in self.connectors | {"but"}
        joined = len(words) > 1 and words[-1] in self.connectors
        if any(w in self.connectors or w == "but" for w in words):
            subject_tokens = self._uncoordinate(subject_tokens)
        if any(get_string_id(w) in self._verb_forms for w in words) and any(
                t.lower in self._verb_forms and self._inflected_verb(t) for t in subject_tokens):
            return None  # "She explained how Warhol's adoption ... revealed": the subject is inside another cue
        mention = self.namer.mention(subject_tokens)
        via: list[Mention] = []
        # "They claimed A and claim B": the first statement ends where the second verb's conjunction stands
        clause_start = v - 1 if joined else j + 1
        relative = None
        # "A recent Bloomberg report, citing South Korea's defense ministry, implies ...": the cited one speaks
        if j >= sent.start and doc[j].text == ",":
            for c in sources:
                if phrase_ends[c.start] == j and (c.id_ == "citing") and c.start not in consumed:
                    k = c.start - 1 if c.start > sent.start and doc[c.start - 1].text == "," else c.start
                    i = self._clause_start(doc, sent, k)
                    relay = self.namer.mention(doc[i + 1:k])
                    cited = self.namer.mention(doc[c.end:j])
                    if relay is not None and cited is not None and not len(self.namer.trim(subject_tokens)):
                        mention, via, clause_start = cited, [relay], i + 1
                        consumed.add(c.start)
                    break
        trimmed = self.namer.trim(subject_tokens)
        if len(trimmed) > self.max_subject:
            # "Executive director of the Dallas chapter of the Council on American - Islamic Relations Alia Salem
            # said": a person's name closing a long title speaks
            k = len(trimmed)
            while k > 0 and trimmed[k - 1].text[:1].isupper() and trimmed[k - 1].is_alpha:
                k -= 1
            name = trimmed[k:] if len(trimmed) - k <= 3 else trimmed[-2:]  # "... Islamic Relations Alia Salem"
            if not (2 <= len(name) <= 4 and 0 < k and not trimmed[k - 1].text[:1].isupper()
                    and self.resolver.kind(name.text, None) == PERSON):
                return None
            trimmed = name
            mention = self.namer.mention(name)
        end = _sentence_content_end(doc, sent)
        rest = _first_words(doc, v + 1, end, _TRAILING_WORDS_MAX + 1)  # enough to tell a clause-final verb
        if not len(trimmed) and not via:
            # "..., said John Kirby." — the speaker comes after the verb and ends the clause
            inverted = self._inverted_speaker(doc, sent, v)
            if j >= sent.start and (doc[j].text == "," or doc[j].text in _QUOTES) and inverted is not None:
                mention = self.namer.mention(doc[inverted[0]:inverted[1]])
                after = inverted[1] + 1
                if inverted[1] < end and doc[inverted[1]].text == "," and end - after >= 3 and (
                        doc[after].lower_ in self.passive_aux or doc[after].lower_ in self.namer.trailing
                        and doc[after].lower_ in self.auxiliaries or self._inflected_verb(doc[after])):
                    # "Institutional recipients, said Mauer, are required to ...": the clause goes on after the
                    # speaker, and what it says is there
                    return _Found(cue, v, j, (after, end), mention, denial=kind == "deny")
                return _Found(cue, v, j, _content_before(doc, sent, j), mention, denial=kind == "deny")
            if j > sent.start and doc[j].text == "who" and doc[j - 1].text == ",":
                # "Eddie Chan, who said ...": the relative's antecedent speaks
                i = self._clause_start(doc, sent, j - 1)
                antecedent = self._trailing_name(self.namer.trim(doc[i + 1:j - 1]))
                if 0 < len(antecedent) <= self.max_subject and self._names(antecedent):
                    mention, trimmed, relative = self.namer.mention(antecedent), antecedent, "who"
                    clause_start = antecedent.start
            # "North Korea's official agency, KCNA, acknowledged ...", "K.C. Maurer, chief financial officer ...,
            # said": of a name and a description around the comma, the name speaks
            elif j >= sent.start and doc[j].text == ",":
                named = self._appositive(doc, sent, j)
                if named is not None:
                    appositive, clause_start = named
                    mention, trimmed = self.namer.mention(appositive), appositive
            # "The studio wants ..., but has said ...": a coordinated verb shares the sentence's subject
            if not len(trimmed) and coordinated:
                shared = self._sentence_subject(doc, sent)
                if shared is not None:
                    mention, trimmed = self.namer.mention(shared), shared
            if not len(trimmed):
                return None
        trailing = (j >= sent.start and 0 < len(rest) <= _TRAILING_WORDS_MAX
                    and not any(t.lower_ == "that" for t in rest)
                    and (doc[j].text in _QUOTES or doc[j].text == "," and rest[0].lower_ in _TRAILING_STARTS))
        if not rest or trailing:
            # clause-final verb: "..., the official Korean News Agency reported.", "..." Lynch told reporters."
            return _Found(cue, v, clause_start, _content_before(doc, sent, clause_start - 1), mention, via,
                          denial=kind == "deny", relative=relative)
        start = self._after_addressee(doc, v, end) if self.lexicon.lemma(cue) in self.addressee_verbs else v + 1
        that = self._that_after(doc, v, end)
        if that is not None and not any(doc[i].text == "," for i in range(v + 1, that)):
            start = that + 1
        elif self.lexicon.lemma(cue) in self.needs_that:
            # "admitted she was ...", "explained how ...": a clause with no "that" still opens with its subject
            # pronoun or a question word
            if doc[v + 1].lower_ in self.clause_openers:
                start = v + 2
            elif doc[v + 1].lower_ not in self.namer.pronouns and not self._clause_follows(doc, v + 1, end):
                return None
        if kind == "deny":
            end = self._denial_end(doc, start, end, words_at)
        if relative is not None:  # "Eddie Chan, who said 300 jobs would be created, left."
            end = next((k for k in range(start, end) if doc[k].text == ","), end)
        start = _skip_marks(doc, start, end)
        return _Found(cue, v, clause_start, (start, _trim_end(doc, start, end)), mention, via,
                      denial=kind == "deny", relative=relative)

    def _clause_follows(self, doc: Doc, start: int, end: int) -> bool:
        """A clause with no "that": a name or noun phrase, then its verb, within a few words and no comma
        ("Wilkins explained Warhol's obsession with celebrities began when ..."; not "explained the rules")."""
        for k in range(start + 1, min(end, start + self.that_window)):
            if doc[k].is_punct:
                return False
            if self._inflected_verb(doc[k]) and doc[k - 1].lower_ not in self.namer.determiners:
                return doc[start].text[:1].isupper() or doc[start].lower_ in self.namer.determiners
        return False

    def _second_that(self, doc: Doc, item: _Found, seconds: list[int]) -> _Found | None:
        """"Interior officials said federal agencies could ..., and that other parts of the law will ...": the
        second clause is a statement of its own (the first ends before it)."""
        start, end = item.content
        k = next((k - 1 for k in seconds if start + 2 < k < end - 1 and doc[k - 1].lower_ in self.connectors), None)
        if k is None:
            return None
        item.content = (start, _trim_end(doc, start, k))
        return _Found(item.cue, k + 1, item.clause_start, (k + 2, end), item.mention, list(item.via),
                      denial=item.denial, relative=item.relative)

    def _relays(self, found: list[_Found]) -> list[_Found]:
        """"X said: '...,' the Daily News reported.": a clause-final cue whose content holds another cue relays
        that statement (``via``) rather than making one of its own."""
        relays = [outer for outer in found if any(
            inner is not outer and inner.cue_at < outer.cue_at and outer.content[0] <= inner.cue_at < outer.content[1]
            and inner.mention is not None and inner.mention.speaker for inner in found)]
        for outer in relays:
            for inner in found:
                if inner is not outer and outer.content[0] <= inner.cue_at < outer.content[1] and outer.mention:
                    inner.via.insert(0, outer.mention)
        return [f for f in found if f not in relays] if relays else found

    def _colon(self, doc: Doc, sent: Span, colon: int, found: list[_Found]) -> list[_Found]:
        """What follows a colon is said by the sentence's speaker: the source of a cue before the colon ("the Church
        denied these allegations: ...", "X said: '...'"), or, before a quotation, the name the sentence opens with
        ("David Soares/Albany County District Attorney: `` ...", "Nunzio Galantino, has called the sentence
        'dangerous': '...'"). The cue is the colon."""
        end = _sentence_content_end(doc, sent)
        start = _skip_marks(doc, colon + 1, end)
        if end - start < 2:
            return found
        before = [f for f in found if f.cue_at < colon]
        if before:
            f = before[-1]
            if f.content[0] >= colon or doc[f.content[0]].lower_ in self.parentheticals:
                # "said: '...'", "said in a statement: ...": the colon's statement replaces the verb's
                f.cue, f.content = ":", (start, end)
                return found
            if f.content[0] < colon < f.content[1]:
                f.content = (f.content[0], _trim_end(doc, f.content[0], colon))
            return sorted([*found, _Found(":", colon, colon, (start, end), f.mention, list(f.via))],
                          key=lambda x: x.cue_at)
        if doc[colon + 1].text not in _QUOTES:
            return found  # "The figures: ...", a list, a heading
        mention = self._opening_name(doc, sent, colon)
        if mention is None:
            return found
        return sorted([*found, _Found(":", colon, sent.start, (start, end), mention)], key=lambda x: x.cue_at)

    def _opening_name(self, doc: Doc, sent: Span, colon: int) -> Mention | None:
        """The source a sentence opens with, before a colon: all the words ("Name/Title"), or the subject of its
        first verb, an appositive passed over."""
        words = self.namer.trim(doc[sent.start:colon])
        slash = next((k for k, t in enumerate(words) if t.text == "/"), None)
        if slash is not None and 0 < slash < len(words) - 1 and _is_name(words[:slash]):
            name, role = words[:slash], words[slash + 1:]  # "David Soares/Albany County District Attorney"
            return Mention(name.text, role.text, words[0].idx, words[-1].idx + len(words[-1]), words=words.text)
        if 0 < len(words) <= self.max_subject and self._names(words):
            return self.namer.mention(words)
        verb = next((k for k in range(sent.start, colon) if self._inflected_verb(doc[k])), None)
        if verb is None or verb == sent.start:
            return None
        while verb > sent.start + 1 and doc[verb - 1].lower_ in self.namer.trailing:
            verb -= 1  # "..., Nunzio Galantino, has called"
        if doc[verb - 1].text == ",":
            named = self._appositive(doc, sent, verb - 1)
            return self.namer.mention(named[0]) if named is not None else None
        subject = self.namer.trim(doc[sent.start:verb])
        return self.namer.mention(subject) if 0 < len(subject) <= self.max_subject and self._names(subject) \
            else None

    def _uncoordinate(self, tokens: Span) -> Span:
        """The subject of a verb joined to another by "and": "Facebook co-founder Mark Zuckerberg tweeted to Mohamed
        and [said]" -> the words before the first verb; "The broadcasts began on August 10 and South Korea [says]"
        -> the words after the conjunction. A list of names ("Russia and North Korea") has no verb and stays."""
        joins = [k for k, t in enumerate(tokens) if t.lower_ in self.connectors or t.lower_ == "but"]
        if not joins:
            return tokens
        verb_at = next((k for k, t in enumerate(tokens) if self._inflected_verb(t)), None)
        if joins[-1] == len(tokens) - 1:  # "X did Y and [said]": the subject is X
            return tokens[:verb_at] if verb_at is not None else tokens[:0]
        if verb_at is None or verb_at > joins[-1]:
            return tokens
        return tokens[joins[-1] + 1:]

    def _inflected_verb(self, tok) -> bool:
        """A verb form that is not also a noun ("began", "tweeted", "was"; not "reports", "officials")."""
        lower = tok.lower_
        if not tok.is_alpha or tok.text[:1].isupper():
            return False
        lemma = self.lexicon.lemma(lower)
        return lemma != lower and lemma in self.lexicon.verbs and not self.lexicon.is_plural_noun(lower) \
            and lower not in self.lexicon.nouns

    def _after_addressee(self, doc: Doc, v: int, end: int) -> int:
        """Where what was told starts: past the one told ("told police he was ...", "tell BBC News every claim
        ..."), a name or one noun, when a clause follows it."""
        k = v + 1
        while k < end and k - v <= 3 and doc[k].text[:1].isupper() and doc[k].is_alpha:
            k += 1
        if k == v + 1 and k < end and doc[k].is_lower and doc[k].lower_ in self.lexicon.nouns:
            k += 1  # "police", "reporters"
        if k < end and k > v + 1 and (doc[k].lower_ in self.namer.pronouns or doc[k].lower_ in self.clause_subjects):
            return k
        return v + 1

    def _trailing_name(self, tokens: Span) -> Span:
        """The name (and role) closing a phrase: "The plan was backed by [Eddie Chan]", "... by [spokesman John
        Kirby]"."""
        k = len(tokens)
        while k > 0 and (tokens[k - 1].text[:1].isupper() or tokens[k - 1].lower_ in self.namer.role_words
                         or tokens[k - 1].lower_ in _NAME_JOINERS or tokens[k - 1].lower_ in
                         self.resolver.name_particles):
            k -= 1
        return tokens[k:]

    def _names(self, tokens) -> bool:
        """Do the words name someone ("Tom Molomby", "Major general Fuad Basya"), a role before the name allowed?"""
        _, name = self.namer.split_role(tokens)
        return len(name) > 0 and _is_name(name, self.resolver.name_particles)

    def _appositive(self, doc: Doc, sent: Span, j: int) -> tuple[Span, int] | None:
        """For "<A>, <B>, said" (``j`` the comma before the verb): the words of A or B that name the speaker, and
        where they start. A parenthetical B ("in remarks to al-Ikhbariya television") is passed over."""
        i = self._clause_start(doc, sent, j)
        if i >= sent.start + 1 and doc[i].lower_ in _RELATIVES and doc[i - 1].text == ",":
            j = i - 1  # "Shoigu, who was defense minister until May, said ...": skip the relative clause
            i = self._clause_start(doc, sent, j)
        segments = []  # (words, start), nearest the verb first
        while len(segments) < 3 and j >= sent.start and doc[j].text == ",":
            segments.append((self.namer.trim(doc[i + 1:j]), i + 1))
            j, i = i, self._clause_start(doc, sent, i)
        segments = [seg for seg in segments if len(seg[0]) and seg[0][0].lower_ not in self.parentheticals]
        if not segments:
            return None
        near, near_start = segments[0]
        near_is_name = _is_name(near) and not any(t.lower_ in self.namer.role_words for t in near)
        if len(segments) > 1:
            far, far_start = segments[1]
            far_mention = self.namer.mention(far) if self._names(far) else None
            if far_mention is not None and len(far) <= self.max_subject and (
                    not near_is_name or self.resolver.kind(far_mention.speaker, far_mention.role) == PERSON):
                return far, far_start  # "Jeff Rathke, the State Department Spokesperson, said"
        if (near_is_name or len(segments) == 1 and self._names(near)) and len(near) <= self.max_subject:
            return near, near_start  # "North Korea's official agency, KCNA, acknowledged"
        if len(segments) == 1 and near[0].lower_ in self.namer.nominal_heads:
            return near, near_start  # "The results of the ... Study published this week, revealed"
        return None

    def _inverted_speaker(self, doc: Doc, sent: Span, v: int) -> tuple[int, int] | None:
        """The words naming the speaker after a verb ("..., said U.S. National Security Council spokesman John
        Kirby."), without an age before the name ("said 61-year-old Anargyros Bizianis") or a phrase after it
        ("said Interior Secretary Dirk Kempthorne in a conference call")."""
        end = self._phrase_end(doc, v + 1, sent.end)
        start = v + 1
        if start + 1 < end and doc[start].like_num and doc[start + 1].text == "-":
            k = next((k for k in range(start, min(end, start + 6)) if doc[k].lower_ == "old"), None)
            start = k + 1 if k is not None else start
        if start >= end:
            return None
        first = doc[start]
        if not (first.text[:1].isupper() or first.lower_ in _INVERTED_LOWER_STARTS):
            return None
        # a name ends before "in a conference call", "told reporters" (never a description: "the government
        # would not abandon its drive to ...")
        end = next((k for k in range(start + 1, end) if doc[k].lower_ in self.inverted_stops
                    and doc[k - 1].text[:1].isupper()), end)
        if end - v > _INVERTED_SPEAKER_MAX or any(self._inflected_verb(t) for t in doc[start:end]):
            return None  # "acknowledged Shoigu's visit but offered no detail" names no speaker
        if end < sent.end and doc[end].text == "," and not _is_name(doc[start:end]):
            # "said one of the rebel leaders, Abdel Aziz al-Hilu, in ...": the name after the description
            name_end = self._phrase_end(doc, end + 1, sent.end)
            name = doc[end + 1:name_end]
            if 0 < len(name) <= 5 and _is_name(name, self.resolver.name_particles):
                return end + 1, name_end
        return start, end

    def _sentence_subject(self, doc: Doc, sent: Span) -> Span | None:
        """The words opening a sentence up to its first inflected verb or adverb ("The studio" wants)."""
        end = sent.start
        while end < min(sent.end, sent.start + _SHARED_SUBJECT_MAX):
            t = doc[end]
            lemma = self.lexicon.lemma(t.lower_)
            if t.is_punct or t.lower_ in self.namer.trailing or (lemma != t.lower_ and lemma in self.lexicon.verbs
                                                                  and not t.text[:1].isupper()):
                break
            end += 1
        span = self.namer.trim(doc[sent.start:end])
        return span if len(span) and end < sent.end and not doc[end].is_punct else None

    def _clause_start(self, doc: Doc, sent: Span, j: int) -> int:
        """The boundary token before position ``j`` (exclusive), or ``sent.start - 1`` when there is none."""
        i = j - 1
        while i >= sent.start:
            tok = doc[i]
            # "WHO say ..." is the organization, not the relative "who"
            if tok.text in _QUOTES or tok.lower_ in self.boundaries and not (tok.is_upper and len(tok) > 1):
                break
            i -= 1
        return i

    def _that_after(self, doc: Doc, v: int, end: int) -> int | None:
        """The first "that" within ``that_window`` tokens after the verb ("told reporters on Friday that")."""
        return next((i for i in range(v + 1, min(end, v + 1 + self.that_window)) if doc[i].lower_ == "that"), None)

    def _continuation(self, doc: Doc, sent: Span, v: int, before: _Found) -> _Found | None:
        end = _sentence_content_end(doc, sent)
        that = self._that_after(doc, v, end)
        start = that + 1 if that is not None else v + 1
        if start >= end:
            return None
        return _Found(doc[v].lower_, v, v, (start, end), before.mention, list(before.via))

    def _passive(self, doc: Doc, sent: Span, v: int, j: int, cue: str, participle: bool = False) -> _Found | None:
        """"... was reported by X": X speaks of what precedes; a passive without "by" names no one."""
        if v + 1 >= sent.end or doc[v + 1].lower_ != "by":
            return None
        end = self._phrase_end(doc, v + 2, sent.end)
        described = next((k for k in range(v + 2, end) if doc[k].lower_ == "as"), None)
        if described is not None and described + 1 < end:
            # "both described by colleagues this morning as dedicated professionals": what follows "as"
            mention = self.namer.mention(doc[v + 2:described])
            return _Found(cue, v, j + 1, (described + 1, _trim_end(doc, described + 1, end)), mention)
        mention = self.namer.mention(doc[v + 2:end])
        if participle:
            noun = _content_before(doc, doc[j + 1:v] if j >= sent.start else doc[sent.start:v], v)
            if noun[1] <= noun[0]:
                return None
            return _Found(cue, v, j + 1, noun, mention)
        return _Found(cue, v, j + 1, _content_before(doc, sent, j + 1 if j >= sent.start else sent.start), mention)

    def _according_content(self, doc: Doc, sent: Span, cue: Span, phrase_end: int) -> tuple[int, int] | None:
        """"According to X, <content>." or "<content>, according to X.": whichever side holds the words."""
        before = [t for t in doc[sent.start:cue.start] if not t.is_punct and t.lower_ not in self.namer.leading]
        if not before:
            start = phrase_end + 1 if phrase_end < sent.end and doc[phrase_end].text == "," else phrase_end
            return (start, _sentence_content_end(doc, sent))
        return _content_before(doc, sent, cue.start)

    def _source_end(self, doc: Doc, cue: Span, sent: Span) -> int:
        """End of the source after "according to": the next comma, or, when the sentence opens with it and no comma
        follows, the end of the name ("According to the Saudi Interior Ministry over 345 pilgrims ...")."""
        end = self._phrase_end(doc, cue.end, sent.end)
        if cue.start != sent.start or not any(self._inflected_verb(t) for t in doc[cue.end:end]):
            return end  # "According to X, ...": the comma ends it; no verb before it, no clause to cut off
        k = cue.end
        while k < end and doc[k].lower_ in self.namer.determiners:
            k += 1
        while k < end and (doc[k].text[:1].isupper() or doc[k].lower_ in _NAME_JOINERS and k + 1 < end
                           and doc[k + 1].text[:1].isupper()):
            k += 1
        return k if cue.end < k < end else end

    def _phrase_end(self, doc: Doc, start: int, limit: int) -> int:
        """End of a source phrase starting at ``start``: the next comma that does not continue a list
        ("American, South Korean, and Ukrainian officials"), or the clause's end."""
        i = start
        while i < limit:
            t = doc[i]
            if t.text in {";", "—", "–", ":"} or (t.is_punct and i == limit - 1 and t.text in {".", "!", "?"}):
                return i
            if t.text == "," and not self._list_continues(doc, i, limit):
                return i
            i += 1
        return limit

    def _list_continues(self, doc: Doc, comma: int, limit: int) -> bool:
        seg_end = comma + 1
        while seg_end < limit and doc[seg_end].text not in {",", ";"}:
            seg_end += 1
        segment = doc[comma + 1:seg_end]
        if not len(segment):
            return False
        if segment[0].lower_ in self.connectors:
            return len(segment) <= 5
        if len(segment) <= 3 and all(t.text[:1].isupper() for t in segment) and seg_end < limit - 1:
            return doc[seg_end + 1].lower_ in self.connectors
        return False

    def _denial_end(self, doc: Doc, start: int, end: int, denial_words: list[int]) -> int:
        """The denied content stops before "as baseless", a clause break, or the denial word itself
        ("called the reports false")."""
        for i in range(start, end):
            if doc[i].lower_ == "as" or doc[i].lower_ in _CONTENT_STOPS or i in denial_words:
                return i
        return end


def _first_words(doc: Doc, start: int, end: int, n: int) -> list:
    """The first ``n`` tokens of ``doc[start:end]`` that are not punctuation (without walking the rest)."""
    words = []
    for i in range(start, end):
        if not doc[i].is_punct:
            words.append(doc[i])
            if len(words) == n:
                break
    return words


def _sentence_content_end(doc: Doc, sent: Span) -> int:
    """The sentence end without its closing punctuation and quotes."""
    return _trim_end(doc, sent.start, sent.end)


def _trim_end(doc: Doc, start: int, end: int) -> int:
    """``end`` moved left past punctuation and quotes, not beyond ``start``."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in _QUOTES):
        end -= 1
    return end


def _content_before(doc: Doc, sent: Span, boundary: int) -> tuple[int, int]:
    """The words from the sentence start up to ``boundary`` (exclusive), quotes and commas trimmed."""
    start = sent.start
    while start < boundary and (doc[start].is_punct or doc[start].text in _QUOTES):
        start += 1
    return (start, _trim_end(doc, start, boundary))


def _is_name(tokens, particles: frozenset[str] = frozenset()) -> bool:
    """Capitalized words (and joiners): "KCNA", "Ukraine's Security Service", not "He also defended his plans";
    with ``particles``, also "Suleiman al-Amr"."""
    return tokens[0].text[:1].isupper() and all(
        t.text[:1].isupper() or t.lower_ in _NAME_JOINERS or t.lower_ in particles or not t.is_alpha for t in tokens)


def _skip_marks(doc: Doc, start: int, end: int) -> int:
    """``start`` moved right past punctuation and quotation marks ('said, "...' starts at the quotation's word)."""
    while start < end and (doc[start].is_punct or doc[start].text in _QUOTES) and doc[start].text not in "([":
        start += 1
    return start
