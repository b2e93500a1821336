"""Fuzzing ``claimcheck extract`` through typer's CliRunner: random bytes, encodings, JSONL and rules edits.

The property, for every generated case: the exit code is 0 (or 2 when the rules were edited into something the
schema refuses), no traceback, every input document is accounted for in the output, and stdout is valid JSON (or
JSONL, or CSV) when the run succeeds; on exit 2 stdout is empty and stderr ends with one ``error:`` line.

The suite runs a few hundred cases; ``CLAIMCHECK_FUZZ_EXAMPLES=100000`` runs more (the figure in the closing note of
issue 14 was produced that way, outside the suite).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import typer.testing as typer_testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.reader import decode, normalize_newlines

from .conftest import RULES, SEEDS

EXAMPLES = int(os.environ.get("CLAIMCHECK_FUZZ_EXAMPLES", "300"))
runner = CliRunner()
COMMAND = typer_testing._get_command(app)  # built once: typer's runner rebuilds it at every invoke otherwise

SENTENCES = [s.strip() + "." for f in sorted(SEEDS.glob("*.txt")) for s in f.read_text().split(".") if s.strip()]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "cp1250", "cp1251", "koi8-r",
             "shift_jis", "gb18030", "iso-8859-7", "mac_roman"]
EXTRA = "São Paulo “quoted” — café Straße Москва 東京 €5 ½ ±0.2 \u00a0\u2028\ufeff\r\n\r\x00\x0b\x1c"

news = st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(alphabet=EXTRA + "abc 0123456789.,%$", max_size=40),
                          st.text(max_size=30)), min_size=0, max_size=8).map(" ".join)
lines = st.lists(news, max_size=4).map(lambda parts: "\n".join(parts))
encoded = st.tuples(lines, st.sampled_from(ENCODINGS)).map(lambda t: t[0].encode(t[1], errors="replace"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6)


@st.composite
def jsonl_line(draw) -> bytes:
    record = {"id": draw(st.one_of(st.text(max_size=12), st.integers(), json_values)),
              "text": draw(st.one_of(news, news, json_values, st.sampled_from(SENTENCES).map(lambda s: s * 200)))}
    for key in draw(st.lists(st.sampled_from(["title", "source", "url", "published", "extra"]), max_size=3)):
        record[key] = draw(json_values)
    if draw(st.booleans()):
        del record[draw(st.sampled_from(["id", "text"]))]
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    kind = draw(st.sampled_from(["whole", "whole", "whole", "truncated", "nul", "junk", "blank"]))
    if kind == "truncated":
        line = line[: draw(st.integers(0, len(line)))]
    elif kind == "nul":
        at = draw(st.integers(0, len(line)))
        line = line[:at] + "\x00" + line[at:]
    elif kind == "junk":
        return draw(st.binary(max_size=40))
    elif kind == "blank":
        line = " "
    return line.encode(draw(st.sampled_from(["utf-8", "utf-8", "cp1252", "utf-16"])), errors="replace")


jsonl = st.lists(jsonl_line(), max_size=5).map(lambda ls: b"\n".join(ls))
content = st.one_of(encoded, encoded, jsonl, st.binary(max_size=300), st.just(b""))
files = st.dictionaries(st.sampled_from(["a.txt", "b.md", "c.jsonl", "d.jsonl", "e.txt", "sub/f.txt"]), content,
                        min_size=1, max_size=4)

TABLES = ["numbers.json", "nouns.json", "speakers.json", "diff.json", "stories.json", "measures.json"]
ROW_FILES = ["quantities.jsonl", "topics.jsonl", "attribution.jsonl", "boilerplate.jsonl", "metadata.jsonl",
             "sources.jsonl"]


@st.composite
def rules_edit(draw):
    """One edit of the shipped rules: a key of a table dropped, renamed or given a random value; a line appended to a
    JSONL file; or a file cut short."""
    name = draw(st.sampled_from(TABLES + ROW_FILES))
    kind = draw(st.sampled_from(["drop", "rename", "value", "append", "truncate"]))
    return name, kind, draw(json_values), draw(st.integers(0, 10_000)), draw(st.text(max_size=8))


def apply_edit(root: Path, edit) -> None:
    name, kind, value, number, word = edit
    path = root / name
    if kind == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: number % (len(data) + 1)])
        return
    if name in TABLES:
        table = json.loads(path.read_text(encoding="utf-8"))
        keys = sorted(k for k in table if not k.startswith("_"))
        key = keys[number % len(keys)]
        if kind == "drop":
            del table[key]
        elif kind == "rename":
            table[key + (word or "_x")] = table.pop(key)
        else:
            table[key] = value
        path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    else:
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(value if kind != "append" else {"label": word, "pattern": value, "id": word}) + "\n")


def expected_documents(name: str, data: bytes) -> int:
    """How many document records one input must give: one per file, or one per non-blank line of a JSONL file."""
    if not name.endswith(".jsonl"):
        return 1
    text = decode(data).text
    if text is None or not text.strip():
        return 1
    return sum(1 for line in normalize_newlines(text).split("\n") if line.strip())


def invoke(args: list[str], stdin: bytes | None = None):
    # typer's runner, with the click command built once (building it is most of an invoke's time)
    build = typer_testing._get_command
    typer_testing._get_command = lambda _: COMMAND
    try:
        return runner.invoke(app, args, input=stdin, catch_exceptions=True)
    finally:
        typer_testing._get_command = build


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 1000,
          suppress_health_check=list(HealthCheck))
@given(inputs=files, stdin=st.one_of(st.none(), st.none(), content), fmt=st.sampled_from(["json", "jsonl", "csv"]),
       edit=st.one_of(*[st.none()] * 19, rules_edit()), store=st.booleans())
def test_extract_never_tracebacks_and_loses_nothing(inputs, stdin, fmt, edit, store):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "in"
        for name, data in inputs.items():
            (corpus / name).parent.mkdir(parents=True, exist_ok=True)
            (corpus / name).write_bytes(data)
        args = ["extract", str(corpus), "-f", fmt]
        expected = sum(expected_documents(n, d) for n, d in inputs.items())
        if stdin is not None:
            args.append("-")
            expected += expected_documents("-.jsonl" if stdin.lstrip()[:1] == b"{" else "-", stdin)
        args += ["--db", str(root / "x.db")] if store else ["--no-store"]
        if edit is not None:
            shutil.copytree(RULES, root / "rules")
            apply_edit(root / "rules", edit)
            args += ["--rules", str(root / "rules")]
        result = invoke(args, stdin)

        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.stderr
        assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
        if result.exit_code == 2:
            assert edit is not None, result.stderr  # only broken rules may refuse the run
            assert result.stdout == ""
            assert result.stderr.strip().splitlines()[-1].startswith("error: ")
            return
        if fmt == "json":
            out = json.loads(result.stdout)
            assert len(out["documents"]) == expected
            assert {c["doc"] for c in out["claims"]} <= {d["id"] for d in out["documents"]}
        elif fmt == "jsonl":
            records = [json.loads(line) for line in result.stdout.splitlines()]
            assert sum(r["record"] == "document" for r in records) == expected
        else:
            rows = list(csv.reader(io.StringIO(result.stdout)))
            assert rows and rows[0][0] == "id"
