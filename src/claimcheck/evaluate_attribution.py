""":mod:`claimcheck.evaluate_attribution`: score attribution against a gold file of our own.

The gold format is JSONL, one text (a paragraph, or a few; lines are paragraphs) per line, listing *every*
attributed claim in it and the unattributed claims worth checking::

    {"text": "...", "claims": [{"span": "nearly five million artillery shells",
                                "speaker": "South Korea's defense ministry", "via": ["Bloomberg"],
                                "hedged": true, "denial": false, "cue": "implies",
                                "speaker_text": "A recent Bloomberg report", "resolved": false}]}

``span`` is a substring of the text that the predicted claim must overlap (the quantity, or a few words of a
statement's content); ``speaker`` null means the claim has no attribution. ``cue`` (the reporting word as written,
``":"`` for a colon, ``"quote"`` for a quotation with no cue word), ``speaker_text`` (the words of the sentence that
name the source) and ``resolved`` (the speaker is named elsewhere: a pronoun, or no words at all) are optional.

Speakers match when rapidfuzz's ``token_set_ratio`` of their normalized forms reaches 90 (so "the Kharkiv
prosecutor's office" matches "Kharkiv prosecutor’s office"). Scores:

- **source** precision/recall/F1: the right speaker on a claim that overlaps the gold span (a predicted attribution
  on a claim no gold entry covers, or a wrong speaker, is a false alarm);
- **relation** precision/recall/F1: the right speaker on the right content. A quantity is its own content, so a
  quantity claim with the right source is right; a statement's content must hold the whole gold span and none of
  the words naming its speaker (so a content that stops short, or that swallowed "X said", does not count);
- both scores per gold cue (a false alarm on a claim gold leaves unattributed is counted under the predicted cue),
  the source recall of the claims whose speaker is ``resolved``, and, over the right sources whose gold names them
  in the sentence, how many speaker spans are the gold's words (``speaker_text``: "New Zealand media", not
  "Zealand media");
- over gold claims, the share with the right chain (``via``), hedge flag and denial flag.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language

from .evaluate import Score
from .extract import SpeakerContext, paragraph_claims
from .models import Claim

SPEAKER_MATCH = 90.0
NO_CUE = "(no cue given)"


@dataclass(frozen=True)
class GoldClaim:
    span: str
    speaker: str | None
    via: tuple[str, ...] = ()
    hedged: bool = False
    denial: bool = False
    cue: str | None = None
    speaker_text: str | None = None
    resolved: bool = False


@dataclass
class CueScores:
    """Source and relation scores of the claims of one cue."""

    source: Score = field(default_factory=Score)
    relation: Score = field(default_factory=Score)

    @property
    def gold(self) -> int:
        return self.source.tp + self.source.fn

    def add(self, other: CueScores) -> None:
        for a, b in ((self.source, other.source), (self.relation, other.relation)):
            a.tp, a.fp, a.fn = a.tp + b.tp, a.fp + b.fp, a.fn + b.fn

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "source": self.source.as_dict(), "relation": self.relation.as_dict()}


@dataclass
class AttributionReport:
    name: str
    level: str = "attribution"
    cases: int = 0
    gold_claims: int = 0
    speaker: Score = field(default_factory=Score)  # the source score
    relation: Score = field(default_factory=Score)
    by_cue: dict[str, CueScores] = field(default_factory=dict)
    resolved: Score = field(default_factory=Score)
    speaker_text_ok: int = 0
    speaker_text_scored: int = 0
    via_ok: int = 0
    hedge_ok: int = 0
    denial_ok: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def share(self, n: int) -> float:
        return n / self.gold_claims if self.gold_claims else 1.0

    def cue(self, name: str) -> CueScores:
        return self.by_cue.setdefault(name, CueScores())

    def as_dict(self, *, errors: bool = False) -> dict[str, Any]:
        span_share = self.speaker_text_ok / self.speaker_text_scored if self.speaker_text_scored else 1.0
        out = {"file": self.name, "level": "attribution", "cases": self.cases, "gold_claims": self.gold_claims,
               "speaker": self.speaker.as_dict(), "relation": self.relation.as_dict(),
               "resolved": self.resolved.as_dict(),
               "speaker_text_accuracy": round(span_share * 100, 1), "speaker_text_scored": self.speaker_text_scored,
               "via_accuracy": round(self.share(self.via_ok) * 100, 1),
               "hedge_accuracy": round(self.share(self.hedge_ok) * 100, 1),
               "denial_accuracy": round(self.share(self.denial_ok) * 100, 1),
               "by_cue": {cue: s.as_dict() for cue, s in sorted(self.by_cue.items(),
                                                                key=lambda kv: (-kv[1].gold, kv[0]))}}
        if errors:
            out["errors"] = [{"text": t, "detail": d} for t, d in self.errors]
        return out


def is_attribution_gold(path: Path) -> bool:
    """A JSONL file whose first record has ``claims`` (rather than ``quantities``)."""
    if path.suffix != ".jsonl":
        return False
    with path.open(encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                try:
                    return "claims" in json.loads(line)
                except ValueError:
                    return False
    return False


def read_attribution_gold(path: Path) -> list[tuple[str, list[GoldClaim]]]:
    cases = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            claims = [GoldClaim(c["span"], c.get("speaker"), tuple(c.get("via", ())), bool(c.get("hedged")),
                                bool(c.get("denial")), c.get("cue"), c.get("speaker_text"), bool(c.get("resolved")))
                      for c in record["claims"]]
            text = record["text"]
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{path}:{lineno}: a line needs \"text\" and \"claims\" ({e})") from None
        for c in claims:
            if c.span not in text:
                raise ValueError(f"{path}:{lineno}: span {c.span!r} is not in the text")
        cases.append((text, claims))
    return cases


def normalize_speaker(name: str) -> str:
    name = name.lower().replace("’", "'")
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return re.sub(r"\s+", " ", name).strip()


def same_speaker(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return fuzz.token_set_ratio(normalize_speaker(a), normalize_speaker(b)) >= SPEAKER_MATCH


def predict(nlp: Language, text: str) -> list[Claim]:
    """Claims of a gold text, paragraph by paragraph (one per line), with speakers carried as in a real run."""
    claims, context, offset = [], SpeakerContext(), 0
    for line in text.split("\n"):
        if line.strip():
            claims.extend(paragraph_claims(nlp(line), doc_id="gold", offset=offset, context=context))
        offset += len(line) + 1
    return claims


def relation_holds(claim: Claim, start: int, end: int) -> bool:
    """Is the claim's span the right content for the gold span ``[start, end)``? (See the module docstring.)"""
    if claim.kind == "quantity":
        return claim.start < end and start < claim.end
    att = claim.attribution
    if not (claim.start <= start and end <= claim.end):
        return False
    return att is None or not (claim.start < att.end and att.start < claim.end)


def _words_only(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the punctuation, quotation marks and spaces at either end."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _cue_key(cue: str | None) -> str:
    return cue.lower() if cue else NO_CUE


def _match(predicted: list[Claim], start: int, end: int, used: set[str]) -> Claim | None:
    """The predicted claim a gold span is scored against: the first unused one overlapping it, an attributed one
    first (an unattributed figure that grazes a gold statement should not hide the statement's claim)."""
    overlapping = [c for c in predicted if c.start < end and start < c.end and c.id not in used]
    return next((c for c in overlapping if c.attribution is not None), overlapping[0] if overlapping else None)


def score_attribution(nlp: Language, path: Path) -> AttributionReport:
    cases = read_attribution_gold(path)
    report = AttributionReport(name=str(path), cases=len(cases))
    for text, gold in cases:
        predicted = predict(nlp, text)
        used: set[str] = set()
        for g in gold:
            report.gold_claims += 1
            start = text.index(g.span)
            end = start + len(g.span)
            hit = _match(predicted, start, end, used)
            # the content a claim holds is words: a gold span's own end punctuation ("It's Warhol.") is no part of it
            start, end = _words_only(text, start, end)
            if hit is not None:
                used.add(hit.id)
            att = hit.attribution if hit is not None else None
            speaker = att.speaker if att is not None else None
            cue = report.cue(_cue_key(g.cue) if g.speaker is not None else _cue_key(att.cue if att else None))
            _score_source(report, cue, g, speaker, text, hit, start, end)
            via = tuple(att.via) if att is not None else ()
            if len(via) == len(g.via) and all(same_speaker(a, b) for a, b in zip(via, g.via, strict=True)):
                report.via_ok += 1
            else:
                report.errors.append((text, f"{g.span!r}: via {list(via)}, gold {list(g.via)}"))
            hedged = bool(hit.hedges) if hit is not None else False
            if hedged == g.hedged:
                report.hedge_ok += 1
            else:
                report.errors.append((text, f"{g.span!r}: hedges {list(hit.hedges) if hit else []}, "
                                            f"gold hedged={g.hedged}"))
            denial = hit.denial if hit is not None else False
            if denial == g.denial:
                report.denial_ok += 1
            else:
                report.errors.append((text, f"{g.span!r}: denial {denial}, gold {g.denial}"))
        for c in predicted:
            if c.id not in used and c.attribution is not None:
                cue = report.cue(_cue_key(c.attribution.cue))
                for score in (report.speaker, report.relation, cue.source, cue.relation):
                    score.fp += 1
                report.errors.append((text, f"{c.text[:60]!r}: speaker {c.attribution.speaker!r}, not in gold"))
    return report


def _score_source(report: AttributionReport, cue: CueScores, g: GoldClaim, speaker: str | None, text: str,
                  hit: Claim | None, start: int, end: int) -> None:
    """Source, relation, resolved and speaker-span counts for one gold claim and the claim it was matched to."""
    right = g.speaker is not None and same_speaker(g.speaker, speaker)
    related = right and hit is not None and relation_holds(hit, start, end)
    for total, by_cue, ok in ((report.speaker, cue.source, right), (report.relation, cue.relation, related)):
        for score in (total, by_cue):
            if ok:
                score.tp += 1
            else:
                score.fn += g.speaker is not None
                score.fp += speaker is not None
    if g.speaker is not None and g.resolved:
        report.resolved.tp += right
        report.resolved.fn += not right
        report.resolved.fp += speaker is not None and not right
    if right and not related:
        report.errors.append((text, f"{g.span!r}: content {hit.text[:60]!r} is not the right span"))
    elif not right and not (g.speaker is None and speaker is None):
        report.errors.append((text, f"{g.span!r}: speaker {speaker!r}, gold {g.speaker!r}"
                                    f"{f' (cue {g.cue!r})' if g.cue else ''}"))
    if right and g.speaker_text and not g.resolved:
        report.speaker_text_scored += 1
        att = hit.attribution
        words = att.speaker_text if att.speaker_text is not None else text[att.start:att.end]
        if normalize_speaker(words) == normalize_speaker(g.speaker_text):
            report.speaker_text_ok += 1
        else:
            report.errors.append((text, f"{g.span!r}: speaker words {words!r}, gold {g.speaker_text!r}"))



def merge_cues(reports: list[AttributionReport]) -> dict[str, CueScores]:
    """The per-cue scores of several gold files added up."""
    merged: dict[str, CueScores] = {}
    for r in reports:
        for cue, sc in r.by_cue.items():
            merged.setdefault(cue, CueScores()).add(sc)
    return merged


def pool_cues(by_cue: dict[str, CueScores], *, min_gold: int) -> list[tuple[str, CueScores]]:
    """Cues with at least ``min_gold`` gold claims, most frequent first, then one row pooling the rest."""
    rows = sorted(((c, s) for c, s in by_cue.items() if s.gold >= min_gold), key=lambda kv: (-kv[1].gold, kv[0]))
    rest = [s for s in by_cue.values() if s.gold < min_gold]
    if rest:
        pooled = CueScores()
        for sc in rest:
            pooled.add(sc)
        rows.append((f"other ({len(rest)} cues)", pooled))
    return rows
