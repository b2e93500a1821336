""":mod:`claimcheck.evaluate_attribution`: score attribution against a gold file of our own.

The gold format is JSONL, one text (a paragraph, or a few; lines are paragraphs) per line, listing *every*
attributed claim in it and the unattributed claims worth checking::

    {"text": "...", "claims": [{"span": "nearly five million artillery shells",
                                "speaker": "South Korea's defense ministry", "via": ["Bloomberg"],
                                "hedged": true, "denial": false}]}

``span`` is a substring of the text that the predicted claim must overlap (the quantity, or a few words of a
statement's content); ``speaker`` null means the claim has no attribution. Speakers match when rapidfuzz's
``token_set_ratio`` of their normalized forms reaches 90 (so "the Kharkiv prosecutor's office" matches
"Kharkiv prosecutor’s office"). Scores: speaker precision/recall/F1 (a predicted attribution on a claim no gold
entry covers is a false alarm), and, over gold claims, the share with the right chain (``via``), hedge flag and
denial flag.
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


@dataclass(frozen=True)
class GoldClaim:
    span: str
    speaker: str | None
    via: tuple[str, ...] = ()
    hedged: bool = False
    denial: bool = False


@dataclass
class AttributionReport:
    name: str
    level: str = "attribution"
    cases: int = 0
    gold_claims: int = 0
    speaker: Score = field(default_factory=Score)
    via_ok: int = 0
    hedge_ok: int = 0
    denial_ok: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def share(self, n: int) -> float:
        return n / self.gold_claims if self.gold_claims else 1.0

    def as_dict(self, *, errors: bool = False) -> dict[str, Any]:
        out = {"file": self.name, "level": "attribution", "cases": self.cases, "gold_claims": self.gold_claims,
               "speaker": self.speaker.as_dict(), "via_accuracy": round(self.share(self.via_ok) * 100, 1),
               "hedge_accuracy": round(self.share(self.hedge_ok) * 100, 1),
               "denial_accuracy": round(self.share(self.denial_ok) * 100, 1)}
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
                                bool(c.get("denial"))) for c in record["claims"]]
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
            hit = next((c for c in predicted if c.start < end and start < c.end and c.id not in used), None)
            if hit is not None:
                used.add(hit.id)
            att = hit.attribution if hit is not None else None
            speaker = att.speaker if att is not None else None
            if same_speaker(g.speaker, speaker):
                if g.speaker is not None:
                    report.speaker.tp += 1
            else:
                if g.speaker is not None:
                    report.speaker.fn += 1
                if speaker is not None:
                    report.speaker.fp += 1
                report.errors.append((text, f"{g.span!r}: speaker {speaker!r}, gold {g.speaker!r}"))
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
                report.speaker.fp += 1
                report.errors.append((text, f"{c.text[:60]!r}: speaker {c.attribution.speaker!r}, not in gold"))
    return report
