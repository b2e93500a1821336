""":mod:`claimcheck.cli`: the ``claimcheck`` command. Thin: parse, call the library, pick the output.

Machine output goes to stdout; progress, warnings and errors go to stderr. Errors the user must act on
(a missing path, a malformed rules file, an unknown topic) print one line and exit with status 2.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import AbstractContextManager, ExitStack, nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn

from . import __version__
from .errors import ClaimcheckError
from .output import WRITERS, WholeRecords
from .report import ClaimsTable
from .store import Store, default_db_path

app = typer.Typer(help="Extract numeric and attributed claims from news articles and compare them.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
rules_app = typer.Typer(help="Inspect and check the rules folder.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
store_app = typer.Typer(help="See what the store holds, and take documents out of it.", no_args_is_help=True)
app.add_typer(store_app, name="store")

err_console = Console(stderr=True)


def stdout_console() -> Console:
    """A console for tables on stdout; when piped (make, a log file) it gets room instead of rich's 80 columns."""
    console = Console()
    return console if console.is_terminal else Console(width=160)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


RulesOption = Annotated[Path | None, typer.Option(
    "--rules", help="Rules folder to use instead of the built-in one (also $CLAIMCHECK_RULES).",
    file_okay=False)]


def fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {escape(one_line(message))}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def one_line(message: str) -> str:
    """A message as one printable line: a control character or line break (in a file name, a rules key) is shown
    escaped, as Python writes it in a string."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """claimcheck: where five outlets report five numbers, show which agree."""


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(
        help="Files or folders (walked for .txt, .md, .jsonl, .html/.htm); '-' reads standard input.")],
    format: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format; default: table on a terminal, json otherwise.")] = None,
    topic: Annotated[str | None, typer.Option(help="Only claims of this topic id (see 'rules topics').")] = None,
    rules: RulesOption = None,
    db: Annotated[Path | None, typer.Option(
        help="Store database (default .claimcheck/claims.db, or $CLAIMCHECK_DB).", dir_okay=False)] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not read or write the store.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes on this machine (1: this process).")] = 1,
    engine: Annotated[Engine, typer.Option(
        help="Where the pipeline runs: local (this machine, --jobs) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://HOST:PORT) for --engine dask; none: a cluster on this machine.")]
    = None,
    timeout: Annotated[float, typer.Option(
        min=0.1, help="Seconds to wait for the Dask scheduler before giving up.")] = 10.0,
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="json/jsonl: put each document's text (what the offsets index) in its record.")] = False,
) -> None:
    """Extract claims from articles (text, JSONL, saved web pages), print them, and save them to the store for
    'diff' and 'report'.

    An interrupted run (Ctrl-C) keeps every document it finished; run the same command again to go on.
    """
    from .pipeline import shared_nlp
    from .process import Extractor
    from .reader import INPUT_KINDS, check_paths, read_inputs
    from .rules import check_topic, load_rules

    chosen = format or (Format.table if sys.stdout.isatty() else Format.json)
    runner = store = None
    try:  # everything that can refuse the run does so here, before a byte is written to stdout
        check_paths(paths)
        if scheduler is not None and engine is not Engine.dask:
            raise ClaimcheckError("--scheduler needs --engine dask")
        if with_text and chosen not in (Format.json, Format.jsonl):
            raise ClaimcheckError("--with-text needs --format json or jsonl (the documents' records carry the text)")
        loaded = load_rules(rules)
        if topic is not None:
            check_topic(topic, loaded)
        store = None if no_store else Store(db or default_db_path())
        nlp = shared_nlp(loaded) if engine is Engine.local and jobs == 1 else None
        runner = _engine(engine, jobs, scheduler, loaded, timeout)
    except ClaimcheckError as e:
        if store is not None:
            store.close()
        raise fail(str(e)) from None

    sink = ClaimsTable() if chosen is Format.table else WRITERS[chosen.value](sys.stdout)
    counts = {"ok": 0, "skipped": 0, "error": 0}
    n_claims = n_cached = 0
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err_console,
                        transient=True, disable=not err_console.is_terminal)

    def warn(message: str) -> None:
        err_console.print(f"[yellow]warning:[/] {escape(one_line(message))}", highlight=False, soft_wrap=True)

    whole = WholeRecords()
    try:
        with progress, runner or nullcontext(), whole:
            task = progress.add_task("extracting", total=None)
            documents = read_inputs(paths, on_warning=warn)
            extractor = Extractor(nlp, loaded)
            for result in extractor.run(documents, store=store, engine=runner):
                document = result.document
                counts[document.status] += 1
                n_cached += result.cached
                if document.status != "ok":
                    warn(f"{document.path}: {document.status} ({document.reason})")
                if result.replaced is not None:
                    warn(f"{document.path}: its id {document.id!r} was stored from {result.replaced}, which it "
                         f"replaces (the store keeps one document an id: give each record a unique id)")
                claims = [c for c in result.claims if topic is None or c.get("topic") == topic]
                n_claims += len(claims)
                with whole.writing():
                    sink.add(document.to_dict(with_text=with_text), claims)
                progress.update(task, advance=1, description=f"extracting {escape(one_line(document.id))}")
    except KeyboardInterrupt:
        _finish(sink, chosen)  # what was finished, as a complete document
        saved = "" if store is None else f"; they are saved in {store.path}: run the same command to go on"
        raise fail(f"interrupted after {sum(counts.values())} documents{saved}", code=130) from None
    except (ClaimcheckError, sqlite3.Error) as e:  # the store's disk is full, a folder vanished while read ...
        _finish(sink, chosen)
        raise fail(str(e)) from None
    finally:
        if store is not None:
            store.close()
    n_docs = sum(counts.values())
    if n_docs == 0:
        raise fail(f"no {INPUT_KINDS} input found under {' '.join(paths)}")
    if hasattr(sink, "restory"):
        sink.restory(extractor.moved)
    _finish(sink, chosen)
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    if n_cached:
        summary += f"; {n_cached} unchanged since the last run, read from the store"
    where = "" if store is None else f" · saved to {store.path}"
    err_console.print(f"{n_docs} documents ({summary}) · {n_claims} claims{where}", highlight=False,
                      soft_wrap=True)


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _engine(engine: Engine, jobs: int, scheduler: str | None, rules, timeout: float):
    """The engine for the options given, or None for this process."""
    from .engines import DaskEngine, ProcessEngine

    if engine is Engine.dask:
        return DaskEngine(rules, scheduler, timeout=timeout)
    return ProcessEngine(rules, jobs) if jobs > 1 else None


def _finish(sink, chosen: Format) -> None:
    """Complete the output: render the table, or close the JSON/JSONL/CSV stream."""
    if chosen is Format.table:
        sink.render(stdout_console())
    else:
        sink.close()


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class FailOn(str, Enum):
    conflict = "conflict"


@app.command()
def diff(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Articles to extract on the fly; '-' reads an 'extract --format json' document from stdin; "
             "none: the store that 'extract' filled.")] = None,
    topic: Annotated[str | None, typer.Option(help="Only this topic id (see 'rules topics').")] = None,
    story: Annotated[str | None, typer.Option(help="Only this story id (see 'claimcheck stories').")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="table, json or markdown.")] = DiffFormat.table,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Exit with status 1 when a conflict is found.")] = None,
    agreements: Annotated[bool, typer.Option(
        "--agreements", help="List every agreeing pair of a group in JSON (default: counts, and the first few).")]
    = False,
    rules: RulesOption = None,
    db: Annotated[Path | None, typer.Option(
        help="Store database (default .claimcheck/claims.db, or $CLAIMCHECK_DB).", dir_okay=False)] = None,
) -> None:
    """Compare claims across sources, story by story and measure by measure: where they agree, are compatible,
    conflict, or a later figure updates an earlier one."""
    from .compare import Comparer, Totals
    from .diff_json import write_json
    from .diff_report import markdown_stories, render_stories, summary_line
    from .rules import check_topic, load_rules

    with ExitStack() as stack:
        try:
            loaded = load_rules(rules)
            if topic is not None:
                check_topic(topic, loaded)
            inputs = stack.enter_context(_diff_inputs(paths or [], loaded, db, story))
            if story is not None and not any(s.id == story for s in inputs.summaries):
                raise ClaimcheckError(f"no story {story!r}: 'claimcheck stories' lists them")
        except ClaimcheckError as e:
            raise fail(str(e)) from None
        compared = Comparer(loaded, list_agreements=agreements).compare_figures(
            inputs.figures, inputs.denials, inputs.datelines, inputs.summaries, topic=topic, story=story)
        # each story is written as it is graded: the whole comparison of a big store is never held
        totals = Totals()
        stories = totals.counting(compared.stories)
        if format is DiffFormat.json:
            # compact: at a million claims, indenting took eight times as long as the rest of the dump (jq
            # pretty-prints)
            write_json(stories, inputs.records, sys.stdout.write)
            sys.stdout.write("\n")
        elif format is DiffFormat.markdown:
            sys.stdout.writelines(markdown_stories(stories, inputs.records, inputs.documents))
        else:
            render_stories(stories, inputs.records, inputs.documents, stdout_console())
    err_console.print(summary_line(totals), highlight=False)
    if fail_on is FailOn.conflict and totals.conflicts:
        raise typer.Exit(1)


def _diff_inputs(paths: list[str], rules, db: Path | None, story: str | None) -> AbstractContextManager:
    """What diff compares (:class:`claimcheck.diff_inputs.DiffInputs`): from stdin ('-'), from articles extracted
    now, or from the store (which stays open while the output is written: it looks up the records it shows)."""
    from .diff_inputs import of_records
    from .reader import check_paths, read_claims_document, read_inputs
    from .store_reading import diff_inputs

    if paths == ["-"]:
        return nullcontext(of_records(*read_claims_document(sys.stdin)))
    if paths:
        from .pipeline import build_nlp
        from .process import Extractor

        check_paths(paths)
        return nullcontext(of_records(*Extractor(build_nlp(rules), rules).records(read_inputs(paths))))
    return diff_inputs(db or default_db_path(), story=story)


@app.command()
def report(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The HTML file to write ('-': standard output).", dir_okay=False)]
    = Path("report.html"),
    topic: Annotated[str | None, typer.Option(help="Only this topic id (see 'rules topics').")] = None,
    story: Annotated[str | None, typer.Option(help="Only this story id (see 'claimcheck stories').")] = None,
    rules: RulesOption = None,
    db: Annotated[Path | None, typer.Option(
        help="Store database (default .claimcheck/claims.db, or $CLAIMCHECK_DB).", dir_okay=False)] = None,
) -> None:
    """Write what 'diff' finds as one self-contained HTML page: stories, questions, verdicts, number lines, and
    each claim in its article. It opens from a file, offline, and fetches nothing."""
    from .compare import Comparer
    from .diff_report import summary_line
    from .html_report import build, render
    from .rules import check_topic, load_rules
    from .store_reading import report_inputs

    path = db or default_db_path()
    try:
        loaded = load_rules(rules)
        if topic is not None:
            check_topic(topic, loaded)
        inputs = report_inputs(path)
        if story is not None and not any(d.get("story") == story for d in inputs.documents):
            raise ClaimcheckError(f"no story {story!r}: 'claimcheck stories' lists them")
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    # the comparison diff makes, from the same records: the report shows diff's groups and verdicts
    comparison = Comparer(loaded).compare(inputs.claims, inputs.documents, topic=topic, story=story,
                                          stories=inputs.summaries)
    source = f"{path} · last extract {inputs.last_run or 'unknown'}" + (f" · topic {topic}" if topic else "") + (
        f" · story {story}" if story else "")
    page = render(build(comparison, inputs.claims, inputs.texts, source=source))
    if str(output) == "-":
        sys.stdout.write(page)
        where = "standard output"
    else:
        try:
            _write_whole(output, page)
        except OSError as e:
            raise fail(f"cannot write {output}: {e.strerror or e}") from None
        where = str(output)
    err_console.print(f"report written to {escape(where)}: {summary_line(comparison.totals())}", highlight=False,
                      soft_wrap=True)


def _write_whole(path: Path, text: str) -> None:
    """Write a file whole or not at all: a reader never opens half a report."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("eval")
def eval_command(
    gold: Annotated[list[str], typer.Argument(
        help="Gold files: quantulum3 quantities.json, Recognizers-Text spec JSON, claimcheck quantity or "
             "attribution JSONL; or 'stories' and JSONL corpora whose records name their gold event.")],
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="table or json.")] = EvalFormat.table,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List misses, false alarms, unit errors.")] = False,
    gold_field: Annotated[str, typer.Option(help="eval stories: the record field naming the gold event.")]
    = "cluster",
    orders: Annotated[int, typer.Option(min=0, help="eval stories: also score this many shuffled input orders.")]
    = 0,
    conflicts: Annotated[bool, typer.Option(
        "--conflicts", help="eval stories: also run diff over the corpus and count conflicts across gold events.")]
    = False,
    rules: RulesOption = None,
) -> None:
    """Score against gold files: quantities (P/R/F1 for value and value+unit), attribution (source and
    relation P/R/F1, also per cue; resolved speakers, speaker words, chain, hedge and denial accuracy), or, after
    the word 'stories', story grouping (B-cubed and pairwise P/R/F1 against the records' gold events), per file."""
    import json

    from .evaluate import evaluate
    from .evaluate_attribution import NO_CUE, is_attribution_gold, merge_cues, score_attribution
    from .pipeline import build_nlp
    from .report import attribution_cue_table, attribution_table, eval_errors, eval_table

    if gold and gold[0] == "stories":
        _eval_stories(gold[1:], format, gold_field, orders, conflicts, rules)
        return
    try:
        paths = _gold_files(gold)
        nlp = build_nlp(rules)
        reports = [score_attribution(nlp, p) if is_attribution_gold(p) else evaluate(nlp, p) for p in paths]
    except (ClaimcheckError, ValueError) as e:
        raise fail(str(e)) from None
    if format is EvalFormat.json:
        typer.echo(json.dumps([r.as_dict(errors=show_errors) for r in reports], indent=2, ensure_ascii=False))
        return
    console = stdout_console()
    quantity_reports = [r for r in reports if r.level != "attribution"]
    attribution_reports = [r for r in reports if r.level == "attribution"]
    if quantity_reports:
        console.print(eval_table(quantity_reports))
    if attribution_reports:
        console.print(attribution_table(attribution_reports))
        # per cue only for gold that names its cues (the older files do not)
        with_cues = [r for r in attribution_reports if set(r.by_cue) - {NO_CUE}]
        for r in with_cues:
            console.print(attribution_cue_table(r.name.rsplit("/", 1)[-1], r.by_cue))
        if len(with_cues) > 1:
            console.print(attribution_cue_table("all files above", merge_cues(with_cues)))
    if show_errors:
        for r in reports:
            eval_errors(r, console)


def _gold_files(paths: list[str]) -> list[Path]:
    """The gold files named, each checked to exist before any is read."""
    for p in paths:
        if not Path(p).is_file():
            raise ClaimcheckError(f"no such gold file: {p}")
    return [Path(p) for p in paths]


def _eval_stories(paths: list[str], format: EvalFormat, gold_field: str, orders: int, conflicts: bool,
                  rules: Path | None) -> None:
    import json

    from .evaluate_stories import score_stories
    from .report import stories_eval_table
    from .rules import load_rules

    try:
        if not paths:
            raise ClaimcheckError("eval stories needs a JSONL corpus whose records name their gold event")
        _gold_files(paths)
        loaded = load_rules(rules)
        reports = [score_stories(loaded, p, gold_field=gold_field, orders=orders, conflicts=conflicts)
                   for p in paths]
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    if format is EvalFormat.json:
        typer.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        stdout_console().print(stories_eval_table(reports))


class StoriesFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def stories(
    format: Annotated[StoriesFormat, typer.Option("--format", "-f", help="table or json.")] = StoriesFormat.table,
    db: Annotated[Path | None, typer.Option(
        help="Store database (default .claimcheck/claims.db, or $CLAIMCHECK_DB).", dir_okay=False)] = None,
) -> None:
    """List the stories the store's documents were grouped into: headline, documents, outlets, dates, names."""
    import json

    from .report import stories_table
    from .store_reading import stored_stories
    from .story_summary import STORIES_SCHEMA

    try:
        summaries = stored_stories(db or default_db_path())
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    if format is StoriesFormat.json:
        typer.echo(json.dumps({"schema": STORIES_SCHEMA, "stories": [s.to_dict() for s in summaries]},
                              ensure_ascii=False, indent=1))
    else:
        stdout_console().print(stories_table(summaries))
    placed = sum(len(s.documents) for s in summaries)
    err_console.print(f"{len(summaries)} stor{'y' if len(summaries) == 1 else 'ies'} · {placed} documents",
                      highlight=False)


@rules_app.command("check")
def rules_check(rules: RulesOption = None) -> None:
    """Validate every rules file; report the first problem as path:line."""
    from .pipeline import build_nlp
    from .rules import load_rules

    try:
        loaded = load_rules(rules)
        build_nlp(loaded)
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    err_console.print(f"rules OK: {loaded.path} (fingerprint {loaded.fingerprint})", highlight=False)


@rules_app.command("topics")
def rules_topics(rules: RulesOption = None) -> None:
    """List the topic ids the rules define, one per line."""
    from .rules import load_rules

    try:
        loaded = load_rules(rules)
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    for topic in loaded.topics:
        typer.echo(topic)


DbOption = Annotated[Path | None, typer.Option(
    help="Store database (default .claimcheck/claims.db, or $CLAIMCHECK_DB).", dir_okay=False)]


class StoreFormat(str, Enum):
    table = "table"
    json = "json"


@store_app.command("info")
def store_info(db: DbOption = None,
               format: Annotated[StoreFormat, typer.Option("--format", "-f", help="table or json.")]
               = StoreFormat.table) -> None:
    """Documents (by status), claims, stories, size, the rules fingerprints used, and the last run."""
    import json

    from .store_commands import human_size, open_existing

    try:
        with open_existing(db or default_db_path()) as store:
            info = store.info()
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    if format is StoreFormat.json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=1))
        return
    statuses = ", ".join(f"{n} {status}" for status, n in info["by_status"].items()) or "none"
    prints = ", ".join(f"{fp} ({n})" for fp, n in info["fingerprints"].items()) or "none"
    for label, value in (("store", info["path"]), ("version", info["schema_version"]),
                         ("documents", f"{info['documents']} ({statuses})"), ("claims", info["claims"]),
                         ("stories", info["stories"]), ("size", human_size(info["size_bytes"])),
                         ("rules fingerprints", prints), ("last run", info["last_run"] or "never")):
        typer.echo(f"{label + ':':<20}{value}")


@store_app.command("list")
def store_list(
    pattern: Annotated[str | None, typer.Argument(help="Only ids matching this glob ('stdin:*').")] = None,
    db: DbOption = None,
    format: Annotated[StoreFormat, typer.Option("--format", "-f", help="table or json.")] = StoreFormat.table,
) -> None:
    """Every stored document: id, status (and why), story, number of claims."""
    import json

    from rich.table import Table

    from .store_commands import open_existing

    try:
        with open_existing(db or default_db_path()) as store:
            rows = list(store.document_rows(pattern))
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    if format is StoreFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        table = Table("id", "status", "story", "claims", "reason", box=None)
        for r in rows:
            table.add_row(escape(r["id"]), r["status"], r["story"] or "", str(r["claims"]), escape(r["reason"] or ""))
        stdout_console().print(table)
    err_console.print(f"{len(rows)} documents", highlight=False)


@store_app.command("remove")
def store_remove(
    ids: Annotated[list[str], typer.Argument(help="Document ids, or globs ('stdin:*'), as 'store list' shows them.")],
    db: DbOption = None,
    rules: RulesOption = None,
) -> None:
    """Take documents out of the store: their claims, and their place in a story, go too."""
    from .rules import load_rules
    from .store_commands import open_existing, remove_documents, resolve_ids

    try:
        loaded = load_rules(rules)
        with open_existing(db or default_db_path()) as store:
            n = remove_documents(store, resolve_ids(store, ids), loaded)
            path = store.path
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    err_console.print(f"removed {n} document{'' if n == 1 else 's'} from {path}", highlight=False, soft_wrap=True)


@store_app.command("clear")
def store_clear(
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every document, claim and story from the store (asks first unless --yes)."""
    from .store_commands import open_existing

    try:
        with open_existing(db or default_db_path()) as store:
            docs, claims = store.count()
            if not yes and not typer.confirm(f"Delete {docs} documents and {claims} claims from {store.path}?",
                                             err=True):
                err_console.print("nothing deleted", highlight=False)
                raise typer.Exit(1)
            store.clear()
            path = store.path
    except ClaimcheckError as e:
        raise fail(str(e)) from None
    err_console.print(f"cleared {path}: {docs} documents and {claims} claims deleted", highlight=False,
                      soft_wrap=True)


def main() -> None:
    app()
