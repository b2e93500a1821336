"""The rules folder: validation with file:line, and user-added topics working from data alone."""

import json
import shutil

import pytest

from claimcheck.errors import RulesError
from claimcheck.pipeline import build_nlp
from claimcheck.rules import check_topic, load_rules

from .conftest import RULES


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def append(path, line):
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return sum(1 for _ in path.open(encoding="utf-8"))


@pytest.mark.parametrize("file,line,message", [
    ("quantities.jsonl", '{"label": "QUALIFIER", "pattern": "about"', "not valid JSON"),
    ("topics.jsonl", '{"label": "TOPIC", "pattern": "tanks"}', "id: missing: a non-empty string is required"),
    ("topics.jsonl", '{"label": "TOPIC", "pattern": [{"POS": "NOUN"}], "id": "x"}', "pattern[0].POS: LOWER, ORTH"),
    ("quantities.jsonl", '{"label": "UNIT", "pattern": [{"LOWERR": "km"}]}', "pattern: a valid token pattern"),
    ("boilerplate.jsonl", '{"id": "bad", "regex": "(unclosed"}', "regex: a valid regular expression (missing )"),
    ("metadata.jsonl", '{"field": "author", "regex": "x(?P<value>y)"}', "field: one of title, publisher, published"),
])
def test_malformed_rules_name_file_and_line(rules_copy, file, line, message):
    lineno = append(rules_copy / file, line)
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert str(err.value).startswith(f"{rules_copy / file}:{lineno}:")
    assert message in str(err.value)


def test_broken_table_names_its_line(rules_copy):
    (rules_copy / "numbers.json").write_text('{\n  "small": {"one": 1,\n}\n')
    with pytest.raises(RulesError, match=r"numbers.json:3:"):
        load_rules(rules_copy)


def test_missing_file(rules_copy):
    (rules_copy / "topics.jsonl").unlink()
    with pytest.raises(RulesError, match="topics.jsonl:0: rules file missing"):
        load_rules(rules_copy)


def test_user_adds_a_topic_by_editing_rules(rules_copy):
    append(rules_copy / "topics.jsonl", '{"label": "TOPIC", "pattern": "tanks", "id": "armour"}')
    rules = load_rules(rules_copy)
    assert "armour" in rules.topics
    doc = build_nlp(rules)("Germany pledged 14 Leopard tanks to Kyiv.")
    [span] = doc.spans["cc_quantities"]
    assert (span.text, span._.cc_topic) == ("14 Leopard tanks", "armour")


def test_user_adds_a_qualifier_by_editing_rules(rules_copy):
    append(rules_copy / "quantities.jsonl", '{"label": "QUALIFIER", "pattern": "a good", "id": "gt"}')
    doc = build_nlp(rules_copy)("They waited a good 40 minutes.")
    [span] = doc.spans["cc_quantities"]
    assert span.text == "a good 40 minutes" and span._.cc_quantity.low_inclusive is False


def test_fingerprint_follows_content(rules_copy):
    before = load_rules(rules_copy).fingerprint
    other = rules_copy.parent / "other"
    shutil.copytree(rules_copy, other)
    append(other / "topics.jsonl", '{"label": "TOPIC", "pattern": "tanks", "id": "armour"}')
    assert load_rules(other).fingerprint != before


def test_topic_suggestions(rules):
    assert check_topic("artillery", rules) == "artillery"
    with pytest.raises(RulesError, match="did you mean artillery"):
        check_topic("artilery", rules)


def test_required_topics_exist(rules):
    assert {"artillery", "troops", "missiles", "killed", "injured", "arrested", "displaced", "money",
            "people"} <= set(rules.topics)


def test_user_adds_a_token_split_by_editing_rules(rules_copy):
    """A glued form the tokenizer keeps whole becomes a quantity once numbers.json says where to cut."""
    sentence = "Police seized 300kilos of cocaine."
    before = build_nlp(RULES)(sentence)
    assert list(before.spans["cc_quantities"]) == []
    table = json.loads((rules_copy / "numbers.json").read_text(encoding="utf-8"))
    table["token_splits"]["suffixes"].append("(?<=[0-9])kilos")
    (rules_copy / "numbers.json").write_text(json.dumps(table), encoding="utf-8")
    doc = build_nlp(rules_copy)(sentence)
    assert [(s.text, s._.cc_quantity.unit) for s in doc.spans["cc_quantities"]] == [("300kilos", "kilogram")]


def test_bad_token_split_is_named(rules_copy):
    table = json.loads((rules_copy / "numbers.json").read_text(encoding="utf-8"))
    table["token_splits"]["infixes"].append("(unclosed")
    (rules_copy / "numbers.json").write_text(json.dumps(table), encoding="utf-8")
    with pytest.raises(RulesError, match=r"numbers.json:\d+: token_splits.infixes\[\d+\]: a valid regular expression"):
        load_rules(rules_copy)


def test_rules_edited_after_loading_are_read_again(rules_copy):
    """A notebook user edits a rules file and rebuilds the pipeline: the edit counts without a restart."""
    sentence = "They waited a good 40 minutes."
    before = build_nlp(rules_copy)(sentence)
    assert before.spans["cc_quantities"][0]._.cc_quantity.qualifier is None
    append(rules_copy / "quantities.jsonl", '{"label": "QUALIFIER", "pattern": "a good", "id": "gt"}')
    after = build_nlp(rules_copy)(sentence)
    assert after.spans["cc_quantities"][0]._.cc_quantity.qualifier == "a good"
