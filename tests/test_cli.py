"""The command line: formats, stdout vs stderr, exit codes, the store, and the claim contract."""

import csv
import io
import json
import shutil

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck import schema_path
from claimcheck.cli import app

from .conftest import RULES, SEEDS

runner = CliRunner()


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    """Run in an empty folder so the default store lands there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMCHECK_DB", raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def seeds_json(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "claims.db"
    result = runner.invoke(app, ["extract", str(SEEDS), "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result


def test_json_is_the_default_when_piped_and_stderr_has_only_diagnostics(seeds_json, cwd):
    result = runner.invoke(app, ["extract", str(SEEDS), "--no-store"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "claimcheck/claims@2"
    assert "5 documents (5 ok)" in result.stderr and "{" not in result.stderr


def test_output_validates_against_the_shipped_schema(seeds_json):
    out, _ = seeds_json
    schema = json.loads(schema_path().read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(out, schema)


def test_claims_keep_the_contract(seeds_json):
    out, _ = seeds_json
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    ids = [c["id"] for c in out["claims"]]
    assert len(ids) == len(set(ids))
    for c in out["claims"]:
        doc_text = texts[c["doc"]]
        assert doc_text[c["start"]:c["end"]] == c["text"]
        assert doc_text[c["sentence_start"]:c["sentence_start"] + len(c["sentence"])] == c["sentence"]
        assert c["text"] in c["sentence"]
    assert {d["id"] for d in out["documents"]} == set(texts)


def test_ids_are_stable_across_runs(seeds_json, cwd):
    out, _ = seeds_json
    again = json.loads(runner.invoke(app, ["extract", str(SEEDS), "--no-store", "-f", "json"]).stdout)
    assert [c["id"] for c in again["claims"]] == [c["id"] for c in out["claims"]]


EXPECTED = {
    "millions of artillery shells": ("artillery", "shell"),
    "nearly five million artillery shells": ("artillery", "shell"),
    "more than 5 million artillery shells": ("artillery", "shell"),
    "between 10,000 to 12,000 troops": ("troops", "troop"),
    "an additional 1,000 to 3,000 soldiers": ("troops", "soldier"),
    "thousands of soldiers": ("troops", "soldier"),
    "approximately 50 North Korean Hwasong-11 missiles": ("missiles", "missile"),
    "more than 20 North Korean-made weapons": ("missiles", "weapon"),
    "dozens of short-range ballistic missiles": ("missiles", "missile"),
    "around 7,000 containers of ammunition": ("artillery", "container"),
}


def test_seed_claims_end_to_end(seeds_json):
    out, _ = seeds_json
    found = {c["text"]: c for c in out["claims"]}
    for text, (topic, unit) in EXPECTED.items():
        assert text in found, text
        assert (found[text]["topic"], found[text]["quantity"]["unit"]) == (topic, unit)
    assert found["an additional 1,000 to 3,000 soldiers"]["quantity"]["additional"] is True
    # no number from years or page furniture
    for c in (c for c in out["claims"] if c["kind"] == "quantity"):
        assert not c["text"].isdigit(), c["text"]
        assert "55.1" not in c["text"] and "2024" not in c["text"]


def test_topic_filter(cwd):
    result = runner.invoke(app, ["extract", str(SEEDS), "--no-store", "-f", "json", "--topic", "troops"])
    out = json.loads(result.stdout)
    assert {c["topic"] for c in out["claims"]} == {"troops"}
    assert len(out["documents"]) == 5


def test_unknown_topic_is_one_line_exit_2(cwd):
    result = runner.invoke(app, ["extract", str(SEEDS), "--topic", "artilery"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean artillery" in result.stderr and result.stderr.count("\n") == 1


def test_missing_path_is_one_line_exit_2(cwd):
    result = runner.invoke(app, ["extract", str(SEEDS), "nope/"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no such file or folder: nope/"
    assert result.stdout == ""


def test_malformed_rules_stop_before_reading(cwd, tmp_path):
    rules = tmp_path / "myrules"
    shutil.copytree(RULES, rules)
    with (rules / "topics.jsonl").open("a") as f:
        f.write("{broken\n")
    result = runner.invoke(app, ["extract", str(SEEDS), "--rules", str(rules)])
    assert result.exit_code == 2
    assert "topics.jsonl:" in result.stderr and "not valid JSON" in result.stderr
    assert result.stdout == ""
    assert not (cwd / ".claimcheck").exists()


def test_bad_documents_are_listed_and_warned(cwd):
    corpus = cwd / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Officials said 300 people were killed.")
    (corpus / "empty.md").write_text("")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02")
    (corpus / "wire.jsonl").write_text('{"id": "w1", "text": "Some 40 people were hurt."}\n{oops\n')
    result = runner.invoke(app, ["extract", str(corpus), "-f", "json"])
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    statuses = {d["id"]: d["status"] for d in out["documents"]}
    assert statuses == {"bin.txt": "skipped", "empty.md": "skipped", "good.txt": "ok", "w1": "ok",
                        f"{corpus}/wire.jsonl:2": "error"}
    assert result.stderr.count("warning:") == 3
    assert "wire.jsonl:2" in result.stderr
    assert {c["doc"] for c in out["claims"]} == {"good.txt", "w1"}


def test_empty_folder_is_an_error(cwd):
    (cwd / "empty").mkdir()
    result = runner.invoke(app, ["extract", str(cwd / "empty")])
    assert result.exit_code == 2 and "no .txt, .md, .jsonl or .html input" in result.stderr


def test_jsonl_and_csv(cwd):
    result = runner.invoke(app, ["extract", str(SEEDS), "--no-store", "-f", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {line["record"] for line in lines} == {"claim", "document"}
    assert sum(line["record"] == "document" for line in lines) == 5
    result = runner.invoke(app, ["extract", str(SEEDS), "--no-store", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    row = next(r for r in rows if r["text"] == "nearly five million artillery shells")
    assert (row["low"], row["high"], row["unit"], row["qualifier"]) == ("4500000", "5000000", "shell", "nearly")


def test_table_format(cwd):
    result = runner.invoke(app, ["extract", str(SEEDS), "--no-store", "-f", "table"])
    assert result.exit_code == 0
    assert "artillery" in result.stdout and "Claims" in result.stdout


def test_stdin(cwd):
    text = "Officials said nearly 300 people were killed and 40 were hurt."
    result = runner.invoke(app, ["extract", "-", "--no-store", "-f", "json"], input=text)
    out = json.loads(result.stdout)
    assert out["documents"][0]["id"].startswith("stdin:") and out["documents"][0]["path"] == "-"
    assert out["claims"][0]["text"] == "nearly 300 people" and out["claims"][0]["topic"] == "killed"


def test_store_default_location_and_env(cwd, monkeypatch):
    runner.invoke(app, ["extract", str(SEEDS), "-f", "json"])
    assert (cwd / ".claimcheck" / "claims.db").is_file()
    monkeypatch.setenv("CLAIMCHECK_DB", str(cwd / "elsewhere.db"))
    runner.invoke(app, ["extract", str(SEEDS), "-f", "json"])
    assert (cwd / "elsewhere.db").is_file()


def test_rules_commands(cwd):
    result = runner.invoke(app, ["rules", "check"])
    assert result.exit_code == 0 and "rules OK" in result.stderr
    topics = runner.invoke(app, ["rules", "topics"]).stdout.split()
    assert "artillery" in topics and "troops" in topics


def test_every_command_has_help():
    for args in (["--help"], ["extract", "--help"], ["rules", "check", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_team_contract_checker_passes(tmp_path, cwd):
    """The shared contract checker (tests/tools/check_claims.py) accepts our output, offsets included."""
    import subprocess
    import sys
    from pathlib import Path

    result = runner.invoke(app, ["extract", str(SEEDS), "--no-store", "-f", "json"])
    out = tmp_path / "claims.json"
    out.write_text(result.stdout)
    checker = Path(__file__).parent / "tools" / "check_claims.py"
    done = subprocess.run([sys.executable, str(checker), str(out), str(SEEDS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert "0 problems" in done.stdout and "offsets checked" in done.stdout


def test_a_long_claims_table_shows_its_first_rows_and_says_how_to_get_all(tmp_path):
    """A terminal table of a feed's 100,000 claims took minutes to lay out: it stops at its limit and says so."""
    from rich.console import Console

    from claimcheck.report import ClaimsTable

    result = CliRunner().invoke(app, ["extract", str(SEEDS), "-f", "json", "--db", str(tmp_path / "c.db")])
    out = json.loads(result.stdout)
    claims = out["claims"]
    documents = {d["id"]: d for d in out["documents"]}
    table = ClaimsTable(limit=5)
    for claim in claims:
        table.add(documents[claim["doc"]], [claim])
    console = Console(record=True, width=200)
    table.render(console)
    out = console.export_text()
    assert len(table.table.rows) == 5 and table.rows == len(claims) > 5
    assert f"the first 5 of {len(claims)} claims" in out and "--format json" in out


def test_a_record_that_replaces_another_files_record_of_the_same_id_is_announced(tmp_path):
    """Two JSONL files that both number their records from 1: the store keeps one document an id, so the second
    file's record replaces the first's; extract says so instead of losing it silently (a new user's feed)."""
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "An earthquake killed 12 people in Iran on Sunday."}\n')
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "A flood killed 40 people in Italy on Monday."}\n')
    db = str(tmp_path / "c.db")
    first = CliRunner().invoke(app, ["extract", str(tmp_path / "a.jsonl"), "-f", "jsonl", "--db", db])
    assert first.exit_code == 0 and "which it replaces" not in first.stderr
    second = CliRunner().invoke(app, ["extract", str(tmp_path / "b.jsonl"), "-f", "jsonl", "--db", db])
    assert second.exit_code == 0
    assert "its id '1' was stored from" in second.stderr and "a.jsonl:1" in second.stderr
    again = CliRunner().invoke(app, ["extract", str(tmp_path / "b.jsonl"), "-f", "jsonl", "--db", db])
    assert "which it replaces" not in again.stderr  # the same file again replaces nothing of another's
