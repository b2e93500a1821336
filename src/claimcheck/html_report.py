""":mod:`claimcheck.html_report`: a :class:`~claimcheck.compare.Comparison` as one self-contained HTML file.

:func:`build` turns the comparison ``diff`` makes (the same groups and verdicts as ``diff --format json``) and the
documents' texts into typed view records; :func:`render` fills the Jinja2 template ``templates/report.html.j2``
with them, autoescaped: every field and every article's text reaches the page as text, whatever it holds. The page
makes no request of any kind (its Content-Security-Policy allows none): styles are inline, the number lines are
inline SVG, and the one inline script (allowed by its hash, nothing else is) only filters groups by topic and
verdict. An article view is shown when a link points into it (CSS ``:target``), with the claim's span and its
sentence lit up and every other claim of the article marked by kind (:mod:`claimcheck.article_view`).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .article_view import ArticleText, cut, kind_of
from .compare import SECONDARY, Comparison, Group, describe
from .diff_report import reported_once, rows_shown, story_heading
from .number_line import Chart, chart
from .report import format_interval, format_number, format_source
from .story_summary import StorySummary, outlet

ROWS_SHOWN = 100  # a group of thousands of figures shows those its conflicts cite and a sample, as diff does
LINES_SHOWN = 10  # updates, parts, near-identical pairs, denials listed under a group
VERDICTS = ("conflict", "compatible", "agree")


@dataclass(frozen=True)
class ClaimRow:
    """One figure of a group, as the report lists it."""

    href: str  # its place in its article view
    doc: str
    outlet: str
    quote: str
    interval: str
    source: str  # who says so, with the chain of relays ("… via Bloomberg"); "" for the publisher itself
    hedges: tuple[str, ...]
    kind: str
    sentence: tuple[str, str, str]  # the claim's sentence as (before, the claim, after), to show it in its context


@dataclass(frozen=True)
class Note:
    """A line under a group: an update, a part of the total, a cumulative figure, syndicated copy, a denial."""

    kind: str
    text: str
    href: str | None = None


@dataclass(frozen=True)
class GroupView:
    question: str
    part_of: str | None
    topic: str
    verdict: str
    reason: str
    combined: str | None
    rows: tuple[ClaimRow, ...]
    hidden: int  # figures not listed (a group bigger than ROWS_SHOWN)
    chart: Chart | None
    conflicts: tuple[str, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class StoryView:
    anchor: str
    title: str
    outlets: tuple[str, ...]
    dates: str
    documents: int
    questions: int
    conflicts: int
    groups: tuple[GroupView, ...]  # compared: two figures or more, or parts and updates beside one
    once: tuple[GroupView, ...]  # reported once: nothing to compare
    background: int
    unmeasured: int


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    doc: str
    title: str
    outlet: str
    published: str
    url: str | None
    text: ArticleText | None  # None when the store has no text for it
    claims: int


@dataclass(frozen=True)
class Report:
    title: str
    source: str  # where the figures come from: the store's path and its last run
    stories: tuple[StoryView, ...]
    articles: tuple[ArticleView, ...]
    topics: tuple[str, ...]
    verdict_counts: tuple[tuple[str, int], ...]
    conflicts: int
    questions: int


def build(comparison: Comparison, claims: Iterable[Mapping[str, Any]], texts: Mapping[str, str], *,
          source: str = "", title: str = "claimcheck report") -> Report:
    """The report's view of a comparison.

    Args:
        comparison: what :meth:`claimcheck.compare.Comparer.compare` returned (as ``diff`` uses it).
        claims: every claim of the documents the report may show (the article views mark them all).
        texts: document id -> the text its claims' offsets index.
        source: a line saying where the figures come from.
        title: the page's title.
    """
    shown_docs = _documents_shown(comparison)
    anchors = {doc: f"d-{i}" for i, doc in enumerate(sorted(shown_docs))}
    by_doc: dict[str, list[Mapping[str, Any]]] = {doc: [] for doc in shown_docs}
    for c in claims:
        if c["doc"] in by_doc:
            by_doc[c["doc"]].append(c)
    articles = tuple(_article(doc, anchors[doc], comparison.documents.get(doc, {}), by_doc[doc], texts.get(doc))
                     for doc in sorted(shown_docs))
    placed = {m.claim for a in articles if a.text for part in a.text.parts
              for m in _marks(part) if m.first}

    def href(claim_id: str, doc: str) -> str:
        return f"#c-{claim_id}" if claim_id in placed else f"#{anchors[doc]}"

    stories = tuple(_story(s, i, comparison, href) for i, s in enumerate(comparison.stories))
    groups = [g for s in stories for g in (*s.groups, *s.once)]
    counts = tuple((v, sum(g.verdict == v for g in groups)) for v in VERDICTS)
    topics = tuple(sorted({g.topic for g in groups if g.topic}))
    return Report(title, source, stories, articles, topics, counts, comparison.conflicts, len(groups))


def _documents_shown(comparison: Comparison) -> set[str]:
    """The documents whose claims the report lists: every one a link can lead to."""
    ids = {i for groups in comparison.groups.values() for g in groups
           for i in (*(i for e in g.entries for i in e.ids), *g.parts, *g.secondary, *g.denials)}
    ids |= {i for by_story in (comparison.unmeasured, comparison.background) for ids_ in by_story.values()
            for i in ids_}
    return {comparison.claims[i]["doc"] for i in ids if i in comparison.claims}


def _story(summary: StorySummary, index: int, comparison: Comparison, href) -> StoryView:
    groups = comparison.groups.get(summary.id, [])
    compared: list[GroupView] = []
    once: list[GroupView] = []
    for g in groups:
        if g.entries or g.parts:  # a group of increments without a base figure shows nothing but in JSON
            (once if reported_once(g) else compared).append(_group(g, comparison, href))
    dates = summary.first if summary.first == summary.last else f"{summary.first or '?'} – {summary.last or '?'}"
    return StoryView(f"s-{index}", story_heading(summary).removeprefix("Story: "), summary.outlets,
                     dates if summary.first else "", len(summary.documents), len(compared) + len(once),
                     sum(g.conflict_count for g in groups), tuple(compared), tuple(once),
                     len(comparison.background.get(summary.id, ())), len(comparison.unmeasured.get(summary.id, ())))


def _group(group: Group, comparison: Comparison, href) -> GroupView:
    claims, documents = comparison.claims, comparison.documents
    entries = rows_shown(group, ROWS_SHOWN)
    rows = []
    for e in entries:
        claim = claims[e.ids[0]]
        hedges = tuple(sorted({h for i in e.ids for h in claims[i].get("hedges", ())}))
        rows.append(ClaimRow(href(e.ids[0], e.doc), e.doc, outlet(documents.get(e.doc, {})) or "", e.text,
                             describe(e), format_source(claim.get("attribution")), hedges, kind_of(claim),
                             _in_sentence(claim)))
    c = group.combined
    combined = None
    if c:
        best = format_number(c["best"]) if c["best"] is not None else "–"
        combined = (f"{format_interval(c)}, best {best} · {c['sources']} outlet{'s' * (c['sources'] != 1)}, "
                    f"{c['origins']} origin{'s' * (c['origins'] != 1)}")
    conflicts = tuple(
        f"{x['severity']}, gap {x['gap']:.1%}: {x['reason']} · {x['documents'][0]} vs {x['documents'][1]}"
        + (" · same origin: not independent" if x["shared_origin"] else "") for x in group.conflicts)
    return GroupView(group.text, group.part_of, group.topic or "", group.verdict, group.reason, combined,
                     tuple(rows), len(group.entries) - len(entries), chart(entries, c), conflicts,
                     tuple(_notes(group, comparison, href)))


def _in_sentence(claim: Mapping[str, Any]) -> tuple[str, str, str]:
    """(before, claim, after) in the claim's sentence; the sentence alone when the offsets do not place it there."""
    sentence, text = claim.get("sentence") or "", claim.get("text") or ""
    at = claim.get("start", 0) - claim.get("sentence_start", 0)
    if 0 <= at and sentence[at:at + len(text)] == text:
        return sentence[:at], text, sentence[at + len(text):]
    return sentence, "", ""


def _notes(group: Group, comparison: Comparison, href) -> list[Note]:
    claims = comparison.claims
    notes = [Note("update", f"{u['reason']} · {u['documents'][0]} ({u['from'] or 'undated'}) → "
                            f"{u['documents'][1]} ({u['to'] or 'undated'})") for u in group.updates[:LINES_SHOWN]]
    notes += [Note("part", f"part of the total: “{claims[i]['text']}” ({claims[i]['doc']})", href(i, claims[i]["doc"]))
              for i in group.parts[:LINES_SHOWN]]
    notes += [Note("part", f"{SECONDARY}: “{claims[i]['text']}” ({claims[i]['doc']})", href(i, claims[i]["doc"]))
              for i in group.secondary[:LINES_SHOWN]]
    notes += [Note("cumulative", " + ".join(claims[i]["text"] for i in cum["claims"])
                   + f" = {format_number(cum['low'])}–{format_number(cum['high'])}")
              for cum in group.cumulative[:LINES_SHOWN]]
    notes += [Note("syndicated", f"near-identical wording in {claims[a]['doc']} and {claims[b]['doc']} "
                                 "(syndicated copy is not corroboration)") for a, b in group.syndicated[:LINES_SHOWN]]
    for i in group.denials[:LINES_SHOWN]:
        d = claims[i]
        speaker = (d.get("attribution") or {}).get("speaker", "?")
        notes.append(Note("denial", f"denial by {speaker}: “{d['text']}” ({d['doc']})", href(i, d["doc"])))
    hidden = sum(max(0, len(items) - LINES_SHOWN) for items in (group.updates, group.parts, group.secondary,
                                                                  group.cumulative, group.syndicated, group.denials))
    if hidden:
        notes.append(Note("more", f"… and {hidden:,} more lines ('claimcheck diff --format json' lists every one)"))
    return notes


def _article(doc: str, anchor: str, document: Mapping[str, Any], claims: list[Mapping[str, Any]],
             text: str | None) -> ArticleView:
    notes = {c["id"]: _mark_note(c) for c in claims}
    return ArticleView(anchor, doc, document.get("title") or doc, outlet(document) or "",
                       document.get("published") or "", document.get("url"), None if text is None else
                       cut(text, claims, notes), len(claims))


def _mark_note(claim: Mapping[str, Any]) -> str:
    """What hovering over a marked claim says: the kind, the interval, who says so."""
    parts = [kind_of(claim)]
    if claim.get("quantity"):
        parts.append(format_interval(claim["quantity"]))
    source = format_source(claim.get("attribution"))
    if source:
        parts.append(f"says {source}")
    if claim.get("hedges"):
        parts.append("hedged: " + ", ".join(claim["hedges"]))
    return " · ".join(parts)


def _marks(part):
    pieces = part.pieces if hasattr(part, "pieces") else (part,)
    return [p.mark for p in pieces if p.mark is not None]


# -- rendering ----------------------------------------------------------------------------------------------------

@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # autoescape on for every template: article text and every field are data, never markup
    env = Environment(loader=PackageLoader("claimcheck", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["coord"] = lambda x: f"{x:.1f}"
    env.filters["figure"] = format_number
    return env


def script() -> str:
    """The report's one script (filtering), as the page carries it."""
    return _environment().loader.get_source(_environment(), "filter.js")[0]


def content_security_policy() -> str:
    """Nothing may be fetched; inline styles, and only the report's own script (by its hash), may run."""
    digest = base64.b64encode(hashlib.sha256(script().encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def render(report: Report) -> str:
    """The report as one HTML document."""
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, script=script(), csp=content_security_policy(),
                           kinds=("quantity", "statement", "denial"))
