"""Start-up: the commands that never tokenize import no spaCy, and what is built once from the rules is cached in
the user's cache folder, keyed by the rules and the code, and rebuilt from scratch when the cache is damaged."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from claimcheck import compiled_cache, story_features
from claimcheck.cli import app
from claimcheck.errors import RulesError
from claimcheck.rules import _load_rules_cached, _stamp

from .conftest import RULES, SEEDS

# run a command as `claimcheck` does, then say on stderr which heavy modules it imported
_PROBE = textwrap.dedent("""
    import atexit, sys
    atexit.register(lambda: print("IMPORTED", " ".join(m for m in ("spacy", "thinc") if m in sys.modules),
                                  file=sys.stderr))
    sys.argv = ["claimcheck", *sys.argv[1:]]
    from claimcheck.cli import main
    main()
""")
TOKENIZING = {"extract", "eval", "rules check"}


def run(args, cache, cwd):
    env = {**os.environ, "CLAIMCHECK_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, cwd=cwd)
    imported = [line for line in done.stderr.splitlines() if line.startswith("IMPORTED")][-1].split()[1:]
    return done, imported


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A store filled by extract with its own fresh cache: the way a user meets diff, stories and store."""
    root = tmp_path_factory.mktemp("startup")
    done, imported = run(["extract", str(SEEDS), "--db", str(root / "claims.db"), "-f", "json"], root / "cache", root)
    assert done.returncode == 0, done.stderr
    assert "spacy" in imported  # the probe sees spaCy where it is imported
    return root


@pytest.mark.parametrize("args", [["diff"], ["diff", "-f", "json"], ["stories"], ["store", "info"], ["store", "list"],
                                  ["rules", "topics"], ["report", "-o", "report.html"],
                                  ["store", "remove", "001_261e641a7064720c.txt"]])
def test_commands_that_never_tokenize_import_no_spacy(filled, args):
    done, imported = run([*args, *(["--db", str(filled / "claims.db")] if args[0] != "rules" else [])],
                         filled / "cache", filled)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert imported == []


def _commands(group, prefix=()):
    for info in group.registered_commands:
        yield (*prefix, info.name or info.callback.__name__.replace("_", "-"))
    for sub in group.registered_groups:
        yield from _commands(sub.typer_instance, (*prefix, sub.name))


def test_every_command_but_the_tokenizing_ones_starts_without_spacy(filled):
    """Each command's own imports, for commands added later too (a command's --help loads its module)."""
    commands = [c for c in _commands(app) if " ".join(c) not in TOKENIZING]
    assert {("diff",), ("stories",), ("rules", "topics"), ("store", "info")} <= set(commands)
    for command in commands:
        done, imported = run([*command, "--help"], filled / "cache", filled)
        assert done.returncode == 0 and imported == [], (command, done.stderr)


def test_rules_not_yet_checked_are_checked_with_spacy_even_by_diff(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    with (rules / "quantities.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"label": "UNIT", "pattern": [{"LOWERR": "km"}]}\n')
    done, _ = run(["rules", "topics", "--rules", str(rules)], tmp_path / "cache", tmp_path)
    assert done.returncode == 2 and "pattern: a valid token pattern" in done.stderr


def test_a_rules_edit_is_checked_again(tmp_path, monkeypatch):
    """A folder once accepted is trusted by its content: an edit (a new fingerprint) goes through spaCy again."""
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    _load_rules_cached(rules.resolve(), _stamp(rules.resolve()))
    assert list((tmp_path / "cache").glob("rules-checked-*"))
    with (rules / "topics.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"label": "TOPIC", "pattern": [{"LOWER": {"INN": ["x"]}}], "id": "x"}\n')
    with pytest.raises(RulesError, match="a valid token pattern"):
        _load_rules_cached(rules.resolve(), _stamp(rules.resolve()))


def test_the_cached_probability_table_is_the_table(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    built = story_features._log_probabilities.__wrapped__(18.0)
    [saved] = tmp_path.glob("lexeme-prob-*")
    again = story_features._log_probabilities.__wrapped__(18.0)
    assert again == built and list(again) == list(built)
    assert "\n" in built and built["the"] < -2  # words that are line breaks survive the round trip
    assert saved.stat().st_mtime_ns == next(tmp_path.glob("lexeme-prob-*")).stat().st_mtime_ns  # read, not rebuilt


@pytest.mark.parametrize("damage", [
    lambda data: data[:len(data) // 2],                      # a write cut short
    lambda data: data[:-9] + b"\x00" * 9,                    # bytes changed on disk
    lambda data: b"",                                       # an empty file
    lambda data: data.replace(b"claimcheck-cache 1", b"something else", 1),
])
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    built = story_features._log_probabilities.__wrapped__(18.0)
    [saved] = tmp_path.glob("lexeme-prob-*")
    saved.write_bytes(damage(saved.read_bytes()))
    assert story_features._log_probabilities.__wrapped__(18.0) == built
    assert compiled_cache.load("lexeme-prob", saved.name[len("lexeme-prob-"):-4]) is not None  # saved anew


def test_a_cache_folder_that_cannot_be_written_costs_time_not_the_run(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(blocker / "cache"))
    assert compiled_cache.save("x", "k", b"payload") is False
    assert compiled_cache.load("x", "k") is None
    done, _ = run(["extract", str(SEEDS / "000_6b33e73df73c8612.txt"), "--no-store", "-f", "json"], blocker / "cache",
                  tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["claims"], done.stderr


def test_entries_are_keyed_by_code_and_inputs():
    assert compiled_cache.entry_key("a", "1") != compiled_cache.entry_key("a", "2")
    assert compiled_cache.entry_key("a", "1") == compiled_cache.entry_key("a", "1")
