"""The one schema of the rules files: every key the code reads is declared, and every way to get one wrong is a
one-line ``file:line: key: expected`` error."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from claimcheck.errors import RulesError
from claimcheck.rules import load_rules
from claimcheck.rules_schema import ROWS, TABLES, Key, MapOf, Record, check_table, describe, line_of

from .conftest import RULES

SRC = Path(__file__).resolve().parents[1] / "src" / "claimcheck"


def shipped(name: str) -> tuple[str, dict]:
    text = (RULES / name).read_text(encoding="utf-8")
    return text, json.loads(text)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_shipped_tables_have_every_required_key_and_no_other(name):
    text, table = shipped(name)
    declared = {k for k, _, _ in describe(name)}
    required = {k for k, _, req in describe(name) if req}
    written = {k for k in table if not k.startswith("_")}
    assert written <= declared and required <= written
    loaded = check_table(RULES / name, text, table)
    assert not any(k.startswith("_") for k in loaded)  # notes never reach the code


def _cases():
    for name in sorted(TABLES):
        _, table = shipped(name)
        for key in sorted(k for k in table if not k.startswith("_")):
            yield name, key


@pytest.mark.parametrize("name,key", list(_cases()))
def test_every_key_missing_or_mistyped_is_named_with_its_line(name, key):
    text, table = shipped(name)
    line = text[:text.index(f'"{key}"')].count("\n") + 1
    without = {k: v for k, v in table.items() if k != key}
    if TABLES[name].keys[key].required:
        with pytest.raises(RulesError, match=rf"^{RULES / name}:\d+: {key}: missing: .+ is required$"):
            check_table(RULES / name, text, without)
    wrong = "a string" if not isinstance(table[key], str) else 12
    with pytest.raises(RulesError) as err:
        check_table(RULES / name, text, {**table, key: wrong})
    assert str(err.value).startswith(f"{RULES / name}:{line}: {key}: ")


def test_nested_problems_name_the_path_and_the_line():
    text, table = shipped("numbers.json")
    table["vague"]["dozens"] = [100, 24]
    with pytest.raises(RulesError) as err:
        check_table(RULES / "numbers.json", text, table)
    line = text[:text.index('"dozens"')].count("\n") + 1
    assert str(err.value) == (f"{RULES / 'numbers.json'}:{line}: vague.dozens: "
                              "[low, high]: two numbers with low < high")
    third = table["digit_shapes"][2]["regex"]
    assert line_of(text, ".digit_shapes[2].regex") == text[:text.index(json.dumps(third))].count("\n") + 1


@pytest.mark.parametrize("file,line,expected", [
    ("topics.jsonl", '{"label": "TOPIC", "pattern": "tanks", "id": "armour", "colour": "red"}',
     "colour: unknown key (known: label, pattern, id, note)"),
    ("quantities.jsonl", '{"label": "QUALIFIER", "pattern": "a good", "id": "greater"}',
     "id: a qualifier id: one of exact, approx"),
    ("quantities.jsonl", '{"label": "UNITS", "pattern": "km", "id": "kilometre"}', "label: one of QUALIFIER"),
    ("metadata.jsonl", '{"field": "title", "regex": "^(.*)$"}', "regex: a valid regular expression with a group"),
    ("boilerplate.jsonl", '{"id": "x", "regex": "^x$", "block": "yes"}', "block: a whole number of words"),
    ("sources.jsonl", '{"id": "x", "name": "X", "aliases": "X News"}', "aliases: a list of non-empty strings"),
    ("attribution.jsonl", "[1, 2]", "each line must be a JSON object"),
    ("topics.jsonl", '{"label": "TOPIC", "pattern": [{"LOWER": {"REGEX": "("}}], "id": "x"}',
     "pattern[0].LOWER.REGEX: a valid regular expression"),
])
def test_bad_rows(tmp_path, file, line, expected):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    with (rules / file).open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    lineno = len((rules / file).read_text(encoding="utf-8").splitlines())
    with pytest.raises(RulesError) as err:
        load_rules(rules)
    assert str(err.value).startswith(f"{rules / file}:{lineno}: {expected}")


def test_duplicate_key_and_wrong_encoding(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "diff.json").write_text('{\n "unit_match": 85,\n "unit_match": 90\n}\n', encoding="utf-8")
    with pytest.raises(RulesError, match=r"diff.json:2: unit_match: written twice"):
        load_rules(rules)
    shutil.copy(RULES / "diff.json", rules / "diff.json")
    (rules / "topics.jsonl").write_bytes('{"label": "TOPIC", "pattern": "caf\xe9", "id": "x"}\n'.encode("latin-1"))
    with pytest.raises(RulesError, match=r"topics.jsonl:1: not UTF-8 \(byte 0xe9\)"):
        load_rules(rules)


# -- no key is read without going through the schema ---------------------------------------------------------------
_TABLE_NAMES = {"numbers": "numbers.json", "nouns": "nouns.json", "speakers": "speakers.json", "diff": "diff.json",
                "stories": "stories.json", "measures": "measures.json"}
# the local names the code gives a rules table or a sub-table of one before reading keys from it
_ALIASES = {"t", "s", "table", "settings", "nouns", "numbers", "measures", "thresholds", "splits", "words", "rule"}


def _declared_keys() -> set[str]:
    keys: set[str] = set()

    def walk(shape):
        if isinstance(shape, Record):
            for key, spec in shape.keys.items():
                keys.add(key)
                walk(spec.shape if isinstance(spec, Key) else spec)
        elif isinstance(shape, MapOf):
            walk(shape.value)
        elif hasattr(shape, "item"):
            walk(shape.item)

    for record in (*TABLES.values(), *ROWS.values()):
        walk(record)
    return keys


def _read_keys(tree: ast.AST) -> set[str]:
    """String keys read with ``x["key"]`` or ``x.get("key")`` where x is a rules table: ``rules.numbers``,
    ``self.settings`` or a local alias."""
    def is_table(node) -> bool:
        if isinstance(node, ast.Attribute) and node.attr in _TABLE_NAMES:
            return isinstance(node.value, ast.Name) and node.value.id == "rules"
        if isinstance(node, ast.Attribute) and node.attr in ("settings", "thresholds"):
            return True
        return isinstance(node, ast.Name) and node.id in _ALIASES

    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and is_table(node.value) and isinstance(node.slice, ast.Constant) \
                and isinstance(node.slice.value, str):
            keys.add(node.slice.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and is_table(node.func.value) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            keys.add(node.args[0].value)
    return keys


def test_every_key_the_code_reads_is_declared():
    declared = _declared_keys()
    read: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name in ("rules_schema.py", "evaluate.py", "evaluate_attribution.py", "evaluate_stories.py"):
            continue  # the schema itself; the evals read gold files, not rules
        for key in _read_keys(ast.parse(path.read_text(encoding="utf-8"))):
            read.setdefault(key, set()).add(path.name)
    assert len(read) > 60  # the scan finds the code's reads (numbers.py alone reads 30 keys)
    undeclared = {k: sorted(v) for k, v in read.items() if k not in declared and not k.startswith("_")}
    assert not undeclared, f"keys read but not in rules_schema.py: {undeclared}"
