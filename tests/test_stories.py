"""Stories: grouping documents into events, online and stable, kept in the store; the scores of eval stories."""

import dataclasses
import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.evaluate_stories import bcubed, pairwise, score_stories
from claimcheck.models import Document
from claimcheck.process import Extractor
from claimcheck.reader import read_inputs
from claimcheck.store import Store
from claimcheck.stories import story_id
from claimcheck.story_assignment import StoryAssigner

from .conftest import ROOT, SEEDS

BENCH = ROOT / "bench" / "ecbplus.jsonl"
SCHEMA = ROOT / "src/claimcheck/schema/stories-1.schema.json"
runner = CliRunner()


def bench_records(*clusters, per_cluster=6):
    """The first documents of some ECB+ events (dev topics only), in file order."""
    out, seen = [], {}
    with BENCH.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["cluster"] in clusters and seen.get(record["cluster"], 0) < per_cluster:
                seen[record["cluster"]] = seen.get(record["cluster"], 0) + 1
                out.append(record)
    return out


def documents(rules, records, tmp_path, name):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    extractor = Extractor(None, rules)
    return [extractor.prepare(d)[0] for d in read_inputs([str(path)])]


def place_all(rules, docs, store=None):
    """Where each document ends up: the story it was placed in, or the one a later split moved it to."""
    assigner = StoryAssigner(rules, store)
    placed = {d.id: assigner.place(d).story for d in docs}
    return {**placed, **assigner.moved}


def test_seeds_are_one_story(tmp_path):
    db = tmp_path / "claims.db"
    assert runner.invoke(app, ["extract", str(SEEDS), "--db", str(db), "-f", "json"]).exit_code == 0
    result = runner.invoke(app, ["stories", "--db", str(db), "-f", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, json.loads(SCHEMA.read_text()))
    [story] = out["stories"]
    assert len(story["documents"]) == 5
    assert story["title"] == "Russian Shoigu’s visit to North Korea sparks new arms fears"
    assert story["first"] == story["last"] == "2024-12-28"
    assert {"Shoigu", "Pyongyang"} <= set(story["keywords"])
    table = runner.invoke(app, ["stories", "--db", str(db)])
    assert "Shoigu" in table.stdout and "1 story · 5 documents" in table.stderr


def test_two_events_of_one_kind_are_two_stories(rules, tmp_path):
    """Two actresses check into rehab, years apart (Tara Reid, Lindsay Lohan): two stories, not one."""
    records = bench_records("1_ecb", "1_ecbplus")
    placed = place_all(rules, documents(rules, records, tmp_path, "feed.jsonl"))
    gold = {r["id"]: r["cluster"] for r in records}
    assert bcubed(placed, gold).f1 > 0.9
    assert len(set(placed.values())) >= 2


def test_two_runs_give_the_stories_of_one_run(rules, tmp_path):
    records = bench_records("1_ecb", "1_ecbplus", "35_ecb", "3_ecb", per_cluster=5)
    docs = documents(rules, records, tmp_path, "feed.jsonl")
    with Store(tmp_path / "one.db") as store:
        at_once = place_all(rules, docs, store)
    half = len(docs) // 2
    with Store(tmp_path / "two.db") as store:
        first = place_all(rules, docs[:half], store)
    with Store(tmp_path / "two.db") as store:
        second = place_all(rules, docs[half:], store)
    assert {**first, **second} == at_once
    with Store(tmp_path / "two.db") as store:  # what the store keeps is what was placed
        saved = {doc: story for doc, story, _ in store.members()}
    assert saved == at_once


PIRACY = ("12_ecb", "12_ecbplus")  # the Indian Navy foils a piracy raid in the Gulf of Aden: 2008, and again in 2011


def test_a_story_of_two_events_splits_in_two(rules, tmp_path):
    """Online, the 2011 raid's first report is closer to the 2008 story than to nothing and joins it, and its
    followers join too; at a check (every few documents) its members form two groups and it splits: the 2008 group keeps
    the id (its first document opened the story), the 2011 group becomes a story of its own."""
    records = bench_records(*PIRACY, per_cluster=8)
    docs = documents(rules, records, tmp_path, "feed.jsonl")
    gold = {r["id"]: r["cluster"] for r in records}
    placed = place_all(rules, docs)
    assert bcubed(placed, gold).f1 == 1.0
    assert placed[records[0]["id"]] == story_id(records[0]["id"])
    unsplit = rules.stories | {"split_ratio": 0}
    assert bcubed(place_all(dataclasses.replace(rules, stories=unsplit), docs), gold).f1 < 0.7


def test_a_split_across_two_runs_gives_the_stories_of_one_run(rules, tmp_path):
    records = bench_records(*PIRACY, per_cluster=8)
    docs = documents(rules, records, tmp_path, "feed.jsonl")
    with Store(tmp_path / "one.db") as store:
        at_once = place_all(rules, docs, store)
    with Store(tmp_path / "two.db") as store:
        first = place_all(rules, docs[:10], store)
    with Store(tmp_path / "two.db") as store:  # the split happens in this run, and moves documents of the first
        second = place_all(rules, docs[10:], store)
        saved = {doc: story for doc, story, _ in store.members()}
    assert {**first, **second} == at_once == saved
    assert len(set(at_once.values())) == 2


def test_extract_output_carries_the_story_a_split_moved_a_document_to(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in bench_records(*PIRACY, per_cluster=8)), encoding="utf-8")
    db = tmp_path / "claims.db"
    out = runner.invoke(app, ["extract", str(feed), "--db", str(db), "-f", "json"])
    assert out.exit_code == 0, out.output
    written = {d["id"]: d["story"] for d in json.loads(out.stdout)["documents"]}
    listed = json.loads(runner.invoke(app, ["stories", "--db", str(db), "-f", "json"]).stdout)["stories"]
    assert written == {doc: s["id"] for s in listed for doc in s["documents"]}
    assert len(listed) == 2


def test_story_ids_do_not_change_when_unrelated_documents_arrive(rules, tmp_path):
    first_batch = documents(rules, bench_records("1_ecb", per_cluster=6), tmp_path, "a.jsonl")
    later = documents(rules, bench_records("22_ecb", "16_ecb", per_cluster=6), tmp_path, "b.jsonl")
    with Store(tmp_path / "s.db") as store:
        before = place_all(rules, first_batch, store)
    with Store(tmp_path / "s.db") as store:
        after_unrelated = place_all(rules, later, store)
        again = place_all(rules, first_batch, store)  # unchanged text: kept where it was
    assert again == before
    assert not set(after_unrelated.values()) & set(before.values())
    assert len(set(before.values())) == 1  # one event, one story


def test_a_document_with_no_title_date_or_match_gets_a_story_of_its_own(rules, tmp_path):
    docs = documents(rules, bench_records("1_ecb", per_cluster=3), tmp_path, "a.jsonl")
    odd = Document("odd", "odd", "0" * 64, "ok", text="ok.")
    placed = place_all(rules, [*docs, odd])
    assert placed["odd"] and placed["odd"] not in {placed[d.id] for d in docs}
    skipped = Document("skipped", "skipped", None, "skipped", "empty file")
    assert StoryAssigner(rules).place(skipped).story is None  # no text: nothing to group


def test_a_changed_document_is_placed_again(rules, tmp_path):
    docs = documents(rules, bench_records("1_ecb", per_cluster=4), tmp_path, "a.jsonl")
    with Store(tmp_path / "s.db") as store:
        before = place_all(rules, docs, store)
    other = documents(rules, bench_records("22_ecb", per_cluster=1), tmp_path, "b.jsonl")[0]
    changed = Document(docs[-1].id, docs[-1].path, other.sha256, "ok", text=other.text)
    with Store(tmp_path / "s.db") as store:
        story = StoryAssigner(rules, store).place(changed).story
        store.commit()  # changed stories are written with the documents, at each commit
        sizes = {sid: size for sid, size, *_ in store.stories()}
    assert story != before[docs[-1].id]
    assert sizes[before[docs[0].id]] == len(docs) - 1 and sizes[story] == 1


def test_a_version_1_store_is_upgraded_in_place(tmp_path):
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE documents (id TEXT PRIMARY KEY, sha256 TEXT, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
                                record TEXT NOT NULL);
        CREATE TABLE claims (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
                             topic TEXT, unit TEXT, low REAL, high REAL, record TEXT NOT NULL);
        INSERT INTO documents VALUES ('a.txt', 'x', 'old', 'ok', '{"id": "a.txt", "status": "ok"}');
    """)
    con.commit()
    con.close()
    with Store(db) as store:
        assert [d["id"] for d in store.documents()] == ["a.txt"]  # nothing stored is lost
        assert list(store.stories()) == []
    assert sqlite3.connect(db).execute("SELECT value FROM meta").fetchone() == ("4",)


def test_a_store_from_a_newer_claimcheck_is_refused_in_one_line(tmp_path):
    db = tmp_path / "new.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    result = runner.invoke(app, ["stories", "--db", str(db)])
    assert result.exit_code == 2
    assert "written by a newer claimcheck" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_scores_by_hand():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert bcubed(dict(gold), gold).f1 == 1.0
    merged = {d: "s" for d in gold}
    assert bcubed(merged, gold).precision == 0.5 and bcubed(merged, gold).recall == 1.0
    assert pairwise(merged, gold).precision == pytest.approx(2 / 6)
    split = {d: d for d in gold}
    assert bcubed(split, gold).precision == 1.0 and bcubed(split, gold).recall == 0.5
    assert pairwise(split, gold).recall == 0.0


def test_eval_stories_scores_a_gold_corpus(rules, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in bench_records("1_ecb", "22_ecb", per_cluster=4)))
    report = score_stories(rules, path, orders=2)
    assert report.documents == 8 and report.events == 2
    assert report.bcubed.f1 == 1.0 and len(report.shuffled_f1) == 2
    result = runner.invoke(app, ["eval", "stories", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    [scores] = json.loads(result.stdout)
    assert scores["bcubed"]["f1"] == 100.0 and scores["gold_events"] == 2
    missing = runner.invoke(app, ["eval", "stories", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "no such gold file" in missing.stderr
    Path(tmp_path / "nogold.jsonl").write_text('{"id": "a", "text": "Hello there."}\n')
    no_gold = runner.invoke(app, ["eval", "stories", str(tmp_path / "nogold.jsonl")])
    assert no_gold.exit_code == 2 and "no record has a 'cluster' field" in no_gold.stderr
