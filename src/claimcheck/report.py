""":mod:`claimcheck.report`: rich tables for people. Handed a Console; never prints on its own."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def format_number(x: float | None) -> str:
    if x is None:
        return "∞"
    if abs(x) >= 1e9 and x % 1e7 == 0:
        return f"{x / 1e9:g} bn"
    if abs(x) >= 1e6 and x % 1e4 == 0:
        return f"{x / 1e6:g} M"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


def format_interval(q: dict[str, Any]) -> str:
    """ "[4.5 M, 5 M)" style: brackets say whether each end is included."""
    if q.get("value") is not None and q.get("low") == q.get("high") == q.get("value"):
        return format_number(q["value"])
    left = "[" if q.get("low_inclusive") and q.get("low") is not None else "("
    right = "]" if q.get("high_inclusive") and q.get("high") is not None else ")"
    low = "-∞" if q.get("low") is None else format_number(q["low"])
    return f"{left}{low}, {format_number(q.get('high'))}{right}"


def flags(q: dict[str, Any]) -> str:
    return " ".join(name for name in ("approximate", "vague", "additional") if q.get(name))


def format_source(attribution: dict[str, Any] | None) -> str:
    """ "Shin Won-sik (South Korean Defense Minister)", "South Korea's defense ministry via Bloomberg"."""
    if not attribution:
        return ""
    text = attribution["speaker"]
    if attribution.get("role"):
        text += f" ({attribution['role']})"
    if attribution.get("via"):
        text += " via " + " > ".join(attribution["via"])
    return text


def notes(claim: dict[str, Any]) -> str:
    parts = [flags(claim.get("quantity") or {})]
    if claim.get("hedges"):
        parts.append("hedged: " + ", ".join(claim["hedges"]))
    if claim.get("denial"):
        parts.append("DENIAL")
    return " · ".join(p for p in parts if p)


class ClaimsTable:
    """Accumulates claims per document and renders one table: at most ``limit`` rows, since a terminal table of
    a feed's hundred thousand claims takes minutes to lay out and nobody reads it; the caption says how many more
    there are and which formats carry them all."""

    def __init__(self, title: str = "Claims", limit: int = 2000):
        self.table = Table(title=title, show_lines=False, header_style="bold", expand=False)
        for column, style in (("document", "cyan"), ("claim", ""), ("interval", "green"), ("unit", ""),
                              ("topic", "magenta"), ("source", "yellow"), ("notes", "dim")):
            self.table.add_column(column, style=style, overflow="fold")
        self.rows = 0
        self.limit = limit

    def add(self, document: dict[str, Any], claims: Iterable[dict[str, Any]]) -> None:
        first = True
        for claim in claims:
            self.rows += 1
            if self.rows > self.limit:
                continue
            q = claim.get("quantity") or {}
            label = document["id"] if first else ""
            self.table.add_row(label, Text(claim["text"]), format_interval(q) if q else claim["kind"],
                               q.get("unit") or "", claim.get("topic") or "",
                               Text(format_source(claim.get("attribution"))), notes(claim))
            first = False

    def render(self, console: Console) -> None:
        if self.rows > self.limit:
            self.table.caption = (f"the first {self.limit:,} of {self.rows:,} claims: --format json, jsonl or csv "
                                  f"writes them all")
        console.print(self.table)


def eval_table(reports) -> Table:
    """P/R/F1 for value and value+unit, one row per gold file."""
    table = Table(title="Quantity extraction", header_style="bold")
    for column in ("gold file", "level", "cases", "value P", "value R", "value F1", "+unit P", "+unit R",
                   "+unit F1", "excluded by rule"):
        table.add_column(column, justify="left" if column in ("gold file", "level", "excluded by rule") else "right")
    for r in reports:
        v, u = r.value, r.value_unit
        excluded = ", ".join(f"{k} {n}" for k, n in sorted(r.excluded.items())) or "-"
        table.add_row(r.name.rsplit("/", 1)[-1], r.level, str(r.cases), f"{v.precision:.1%}", f"{v.recall:.1%}",
                      f"[bold]{v.f1:.1%}[/]", f"{u.precision:.1%}", f"{u.recall:.1%}", f"[bold]{u.f1:.1%}[/]",
                      excluded)
    return table


def attribution_table(reports) -> Table:
    """Source and relation P/R/F1, resolved recall, speaker-span accuracy and chain/hedge/denial accuracy, one row
    per attribution gold file."""
    table = Table(title="Attribution", header_style="bold")
    for column in ("gold file", "cases", "claims", "source P", "source R", "source F1", "relation P", "relation R",
                   "relation F1", "resolved R", "speaker words", "via", "hedges", "denials"):
        table.add_column(column, justify="left" if column == "gold file" else "right")
    for r in reports:
        s, rel = r.speaker, r.relation
        resolved = f"{r.resolved.recall:.1%}" if r.resolved.tp + r.resolved.fn else "-"
        words = f"{r.speaker_text_ok / r.speaker_text_scored:.1%}" if r.speaker_text_scored else "-"
        table.add_row(r.name.rsplit("/", 1)[-1], str(r.cases), str(r.gold_claims), f"{s.precision:.1%}",
                      f"{s.recall:.1%}", f"[bold]{s.f1:.1%}[/]", f"{rel.precision:.1%}", f"{rel.recall:.1%}",
                      f"[bold]{rel.f1:.1%}[/]", resolved, words, f"{r.share(r.via_ok):.1%}",
                      f"{r.share(r.hedge_ok):.1%}", f"{r.share(r.denial_ok):.1%}")
    return table


def attribution_cue_table(name: str, by_cue: dict[str, Any], *, min_gold: int = 3) -> Table:
    """Source and relation scores per gold cue (``CueScores`` by cue); cues with fewer than ``min_gold`` gold
    claims are pooled into one row so that the table stays readable (``-f json`` lists every cue)."""
    from .evaluate_attribution import pool_cues

    table = Table(title=f"Attribution by cue: {name}", header_style="bold")
    for column in ("cue", "gold", "found", "missed", "false", "source P", "source R", "relation P", "relation R"):
        table.add_column(column, justify="left" if column == "cue" else "right")
    for cue, sc in pool_cues(by_cue, min_gold=min_gold):
        s, rel = sc.source, sc.relation
        table.add_row(cue, str(sc.gold), str(s.tp), str(s.fn), str(s.fp), f"{s.precision:.1%}", f"{s.recall:.1%}",
                      f"{rel.precision:.1%}", f"{rel.recall:.1%}")
    return table


def eval_errors(report, console: Console) -> None:
    """The misses, false alarms and unit errors (or attribution errors) of one gold file."""
    console.rule(report.name)
    if report.level == "attribution":
        sections = (("errors", report.errors),)
    else:
        sections = (("misses", report.misses), ("false alarms", report.false_alarms),
                    ("unit errors", report.unit_errors))
    for title, rows in sections:
        if rows:
            console.print(f"[bold]{title}[/] ({len(rows)})")
            for text, detail in rows:
                console.print(f"  {detail}  [dim]in[/] {text[:120]!r}", highlight=False, soft_wrap=True)


def stories_table(summaries) -> Table:
    """``claimcheck stories``: one row per story."""
    table = Table("story", "headline", "docs", "outlets", "dates", "names and words", header_style="bold")
    for s in summaries:
        outlets = ", ".join(s.outlets[:4]) + (f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else "")
        dates = s.first if s.first == s.last else f"{s.first or '?'} – {s.last or '?'}"
        table.add_row(s.id, s.title or "", str(len(s.documents)), outlets, dates if s.first else "",
                      ", ".join(s.keywords[:6]))
    return table


def stories_eval_table(reports) -> Table:
    """``claimcheck eval stories``: B-cubed and pairwise scores per corpus."""
    table = Table("file", "docs", "stories", "gold events", "B³ P", "B³ R", "B³ F1", "pair P", "pair R", "pair F1",
                  "shuffled B³ F1", "conflicts across events", header_style="bold")
    for r in reports:
        shuffled = ""
        if r.shuffled_f1:
            shuffled = (f"{100 * sum(r.shuffled_f1) / len(r.shuffled_f1):.1f} "
                        f"({100 * min(r.shuffled_f1):.1f}–{100 * max(r.shuffled_f1):.1f})")
        across = ""
        if r.conflicts is not None:
            across = f"{r.cross_event} of {r.conflicts}" + (f" ({100 * r.cross_event / r.conflicts:.1f} %)"
                                                            if r.conflicts else "")
        table.add_row(r.name, str(r.documents), str(r.stories), str(r.events),
                      *(f"{100 * x:.1f}" for x in (r.bcubed.precision, r.bcubed.recall, r.bcubed.f1,
                                                   r.pairwise.precision, r.pairwise.recall, r.pairwise.f1)),
                      shuffled, across)
    return table
