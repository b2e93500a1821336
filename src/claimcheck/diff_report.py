""":mod:`claimcheck.diff_report`: show a :class:`~claimcheck.compare.Comparison` to people.

A rich terminal report (per group: the claims, a number line of each source's interval, the verdict and why)
and Markdown for pasting into a story or a ticket. Handed a Console; never prints on its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rich.console import Console
from rich.console import Group as RichGroup
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .compare import SECONDARY, Comparison, Group, StoryComparison, Totals, describe
from .diff_inputs import Records
from .entries import Entry
from .number_line import Scale
from .report import format_interval, format_number, format_source
from .story_summary import StorySummary

VERDICT_STYLE = {"agree": "bold green", "compatible": "bold yellow", "conflict": "bold red"}
CHART_WIDTH = 48
_AGREEMENTS_SHOWN = 5
_LINES_SHOWN = 10  # cumulative figures, near-identical pairs and denials listed under a group
_ROWS_SHOWN = 30  # a group of thousands of figures shows the ones its conflicts cite and a sample
FIGURES_SHOWN = 2000  # the terminal report stops after the story that brings the figures shown to this


def number_line(entries: list[Entry], width: int = CHART_WIDTH) -> list[str]:
    """One line per entry: its interval drawn on a shared scale (:class:`claimcheck.number_line.Scale`: log when the
    figures span a factor of 20; a vague "millions of" does not set it); an interval that runs past the scale ends in
    an arrow."""
    scale = Scale.fit(entries)
    if scale is None:
        return ["" for _ in entries]

    def pos(x: float) -> int:
        where = scale.where(x)
        if where == -math.inf:
            return -1
        if where == math.inf:
            return width
        return round(where * (width - 1))

    lines = []
    for e in entries:
        left, right = pos(e.low), pos(e.high)
        cells = ["·"] * width
        if right < 0 or left >= width:  # wholly off the scale (a vague figure far from the precise ones)
            cells[0 if right < 0 else width - 1] = "◀" if right < 0 else "▶"
            lines.append("".join(cells))
            continue
        start, end = max(left, 0), min(right, width - 1)
        for i in range(start, end + 1):
            cells[i] = "━"
        if start == end and 0 <= start < width:
            cells[start] = "●"
        if left < 0:
            cells[0] = "◀"
        elif e.low_inclusive:
            cells[start] = "[" if start != end else cells[start]
        else:
            cells[start] = "(" if start != end else cells[start]
        if right >= width:
            cells[width - 1] = "▶"
        elif start != end:
            cells[end] = "]" if e.high_inclusive else ")"
        lines.append("".join(cells))
    ends = f"{format_number(scale.value(0))} … {format_number(scale.value(1))}"
    return [*lines, ends + (" (log)" if scale.log else "")]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(totals: Totals) -> str:
    """What a comparison found, in one line: "1 story · 5 questions · 1 conflict · 0 updates"."""
    return " · ".join((_count(totals.stories, "story", "stories"), _count(totals.questions, "question", "questions"),
                       _count(totals.conflicts, "conflict", "conflicts"),
                       _count(totals.updates, "update", "updates")))


def story_heading(story: StorySummary) -> str:
    return f"Story: {story.heading}" if story.id else "Documents with no story"


def render(comparison: Comparison, console: Console) -> None:
    """The terminal report: story by story, then question by question (see :func:`render_stories`)."""
    render_stories(comparison.parts(), comparison.claims, comparison.documents, console)


def render_stories(parts: Iterable[StoryComparison], claims: Records, documents: Mapping[str, Mapping[str, Any]],
                   console: Console, *, limit: int = FIGURES_SHOWN) -> None:
    """The terminal report of stories as they come.

    It stops after the story that brings the figures shown to ``limit`` and says how many more stories there are:
    as extract's table stops at 2,000 claims, because a report of ten million claims would be hundreds of
    megabytes that nobody reads, and rich lays a table out at about 4,000 lines a second. The stories come largest
    first; ``--story ID`` shows any one, and JSON and Markdown list them all.
    """
    hidden = Totals()
    shown = 0
    for part in parts:
        if shown >= limit:
            hidden.add(part)
            continue
        shown += _render_story(part, claims, documents, console)
    if hidden.stories:
        more = f"{hidden.stories:,} more stor{'y' if hidden.stories == 1 else 'ies'}"
        console.print(Text(f"… and {more}, {hidden.questions:,} "
                           f"questions, {hidden.conflicts:,} conflicts: the report stops at {limit:,} figures "
                           "(--story ID shows one; json and markdown list all)",
                           style="dim"))


def _render_story(part: StoryComparison, claims: Records, documents: Mapping[str, Mapping[str, Any]],
                  console: Console) -> int:
    """One story's rule, panels and table of figures reported once; the number of figures shown."""
    story = part.summary
    console.rule(Text(story_heading(story), style="bold"))
    single = [g for g in part.groups if reported_once(g)]
    shown = sum(len(g.entries) for g in single)
    for group in part.groups:
        if not reported_once(group):
            console.print(_panel(group, claims, documents))
            shown += len(rows_shown(group))
    if single:
        console.print(_once_table(single, claims))
    background = part.background
    if background:
        console.print(Text(f"{len(background)} figure{'s' * (len(background) != 1)} in this story are dated to "
                           "another year by their sentence (background) and are not compared", style="dim"))
    unmeasured = part.unmeasured
    if unmeasured:
        console.print(Text(f"{len(unmeasured)} figure{'s' * (len(unmeasured) != 1)} in this story name no "
                           "measure (what was counted happened to it: killed, supplied, ...) and are not "
                           "compared (--format json lists them)", style="dim"))
    return shown


def _panel(group: Group, claims: Records, documents: Mapping[str, Mapping[str, Any]]) -> Panel:
    table = Table(show_header=True, header_style="bold", expand=False, box=None, pad_edge=False)
    for column in ("document", "publisher", "claim", "interval", "source", "hedges", "number line"):
        table.add_column(column, overflow="fold", no_wrap=column == "number line")
    shown = rows_shown(group)
    chart = number_line(shown)
    for entry, line in zip(shown, chart, strict=False):
        claim = claims[entry.ids[0]]
        document = documents.get(entry.doc, {})
        hedges = {h for i in entry.ids for h in claims[i].get("hedges", ())}
        table.add_row(entry.doc, document.get("publisher") or "", Text(f"“{entry.text}”"), describe(entry),
                      Text(format_source(claim.get("attribution")) or "(publisher)"), ", ".join(sorted(hedges)),
                      Text(line, style="cyan"))
    if len(chart) > len(shown):
        table.add_row("", "", "", "", "", "", Text(chart[-1], style="dim"))
    if len(shown) < len(group.entries):
        table.add_row("", "", Text(f"… and {len(group.entries) - len(shown):,} more figures (--format json lists "
                                   "every one)", style="dim"), "", "", "", "")
    parts: list[Any] = [table]
    verdict = Text(f"{group.verdict.upper()}", style=VERDICT_STYLE[group.verdict])
    verdict.append(f"  {group.reason}", style="")
    parts.append(verdict)
    c = group.combined
    if c:
        outlets, origins = c["sources"], c["origins"]
        parts.append(Text(f"combined: {format_interval(c)}, best {_best(c)}"
                          f" · {outlets} outlet{'s' * (outlets != 1)}, {origins} origin{'s' * (origins != 1)}"))
    for conflict in group.conflicts:
        shared = " · same origin: not independent" if conflict["shared_origin"] else ""
        a, b = conflict["documents"]
        parts.append(Text(f"conflict ({conflict['severity']}, gap {conflict['gap']:.1%}): {conflict['reason']}"
                          f" · {a} vs {b}{shared}", style="red"))
    for update in group.updates[:_LINES_SHOWN]:
        parts.append(Text(f"update: {update['reason']} · {_dates(update)}", style="blue"))
    parts += _more(group.updates, "updates")
    for i in group.parts[:_LINES_SHOWN]:
        p = claims[i]
        parts.append(Text(f"part of the total: “{p['text']}” ({p['doc']})", style="dim"))
    parts += _more(group.parts, "parts")
    for i in group.secondary[:_LINES_SHOWN]:
        p = claims[i]
        parts.append(Text(f"{SECONDARY}: “{p['text']}” ({p['doc']})", style="dim"))
    parts += _more(group.secondary, "secondary figures")
    for cum in group.cumulative[:_LINES_SHOWN]:
        texts = " + ".join(claims[i]["text"] for i in cum["claims"])
        parts.append(Text(f"cumulative: {texts} = {format_number(cum['low'])}–{format_number(cum['high'])}"))
    parts += _more(group.cumulative, "cumulative figures")
    for a, b in group.syndicated[:_LINES_SHOWN]:
        parts.append(Text(f"near-identical wording in {claims[a]['doc']} and {claims[b]['doc']}"
                          " (syndicated copy is not corroboration)", style="magenta"))
    parts += _more(group.syndicated, "near-identical pairs")
    for agreement in group.agreements[:_AGREEMENTS_SHOWN]:
        a, b = (claims[i]["text"] for i in agreement["claims"])
        parts.append(Text(f"{agreement['verdict']}: “{a}” and “{b}” overlap", style="green"))
    for i in group.denials[:_LINES_SHOWN]:
        d = claims[i]
        speaker = (d.get("attribution") or {}).get("speaker", "?")
        parts.append(Text(f"denial by {speaker}: “{d['text']}” ({d['doc']})", style="yellow"))
    parts += _more(group.denials, "denials")
    title = group.text + (f"  (part of {group.part_of})" if group.part_of else "")
    return Panel(RichGroup(*parts), title=title, title_align="left")


def reported_once(group: Group) -> bool:
    """A figure only one report gives, with nothing beside it: nothing to compare, one line is enough."""
    return len(group.entries) <= 1 and not (group.parts or group.update_count or group.cumulative)


def _once_table(groups: list[Group], claims: Records) -> Table:
    table = Table(title="reported once: nothing to compare", title_justify="left", title_style="dim", box=None,
                  header_style="dim", pad_edge=False)
    for column in ("question", "claim", "interval", "document", "source"):
        table.add_column(column, overflow="fold")
    for group in groups:
        for entry in group.entries:
            claim = claims[entry.ids[0]]
            table.add_row(group.text, Text(f"“{entry.text}”"), describe(entry), entry.doc,
                          Text(format_source(claim.get("attribution")) or "(publisher)"))
    return table


def _dates(update: dict[str, Any]) -> str:
    a, b = update["documents"]
    return f"{a} ({update['from'] or 'undated'}) → {b} ({update['to'] or 'undated'})"


def _more(items: list, what: str) -> list[Text]:
    hidden = len(items) - _LINES_SHOWN
    return [Text(f"… and {hidden:,} more {what} (--format json lists every one)", style="dim")] if hidden > 0 else []


def rows_shown(group: Group, limit: int = _ROWS_SHOWN) -> list[Entry]:
    """All figures of a small group; of a big one, those in the listed conflicts first, then the first others."""
    if len(group.entries) <= limit:
        return group.entries
    cited: dict[str, None] = {}  # both sides of the widest conflicts first
    for conflict in group.conflicts:
        cited.update(dict.fromkeys(conflict["claims"]))
    chosen = set(list(cited)[:limit])
    for e in group.entries:
        if len(chosen) >= limit:
            break
        chosen.add(e.ids[0])
    return [e for e in group.entries if e.ids[0] in chosen]  # in document order, as small groups are shown


def _best(combined: dict[str, Any]) -> str:
    return format_number(combined["best"]) if combined["best"] is not None else "–"


def markdown(comparison: Comparison) -> str:
    """The comparison as Markdown."""
    return "".join(markdown_stories(comparison.parts(), comparison.claims, comparison.documents))


def markdown_stories(parts: Iterable[StoryComparison], claims: Records,
                     documents: Mapping[str, Mapping[str, Any]]) -> Iterator[str]:
    """The comparison as Markdown, one piece per story as the stories come (joined: :func:`markdown`)."""
    pending = "# claimcheck diff\n\n"
    for part in parts:
        story = part.summary
        out = [f"## {_md(story_heading(story))}", ""]
        for group in part.groups:
            if not group.entries and not group.parts:
                continue  # only an increment with no base: nothing to show but in JSON
            part_of = f" (part of {group.part_of})" if group.part_of else ""
            out += [f"### {group.text}{part_of}", "", f"**{group.verdict}**: {group.reason}", ""]
            out += ["| document | publisher | claim | interval | source | hedges |", "|---|---|---|---|---|---|"]
            for e in group.entries:
                claim = claims[e.ids[0]]
                publisher = documents.get(e.doc, {}).get("publisher") or ""
                hedges = ", ".join(sorted({h for i in e.ids for h in claims[i].get("hedges", ())}))
                source = format_source(claim.get("attribution")) or "(publisher)"
                out.append(f"| {_md(e.doc)} | {_md(publisher)} | “{_md(e.text)}” | {describe(e)} | {_md(source)} "
                           f"| {hedges} |")
            out.append("")
            c = group.combined
            if c:
                out.append(f"Combined: {format_interval(c)}, best {_best(c)}"
                           f"; {c['sources']} outlet(s), {c['origins']} origin(s).")
            for conflict in group.conflicts:
                shared = " Same origin: not independent." if conflict["shared_origin"] else ""
                a, b = conflict["documents"]
                out.append(f"- Conflict ({conflict['severity']}, gap {conflict['gap']:.1%}): "
                           f"{_md(conflict['reason'])} ({_md(a)} vs {_md(b)}).{shared}")
            for update in group.updates:
                out.append(f"- Update: {_md(update['reason'])}, {_md(_dates(update))}.")
            for i in group.parts:
                p = claims[i]
                out.append(f"- Part of the total: “{_md(p['text'])}” ({_md(p['doc'])}).")
            for i in group.secondary:
                p = claims[i]
                out.append(f"- {SECONDARY[0].upper()}{SECONDARY[1:]}: “{_md(p['text'])}” ({_md(p['doc'])}).")
            for a, b in group.syndicated:
                out.append(f"- Near-identical wording in {claims[a]['doc']} and {claims[b]['doc']}.")
            for i in group.denials:
                d = claims[i]
                speaker = (d.get("attribution") or {}).get("speaker", "?")
                out.append(f"- Denial by {_md(speaker)}: “{_md(d['text'])}” ({d['doc']}).")
            out.append("")
        if part.background:
            out += [f"{len(part.background)} figure(s) in this story are dated to another year (background), not "
                    "compared.", ""]
        if part.unmeasured:
            out += [f"{len(part.unmeasured)} figure(s) in this story name no measure and are not compared.", ""]
        # the whole document ends in one newline: a story's trailing blank line is written only when another
        # story follows
        yield pending
        pending = "\n".join(out) + "\n"
    yield pending.rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
