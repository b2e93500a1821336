"""Engines (this process, a process pool, Dask) give the same output; one failing document fails alone;
an interrupted run leaves a consistent store and the next run goes on from it."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.engines import LocalEngine, ProcessEngine, Task, extract_tasks
from claimcheck.pipeline import build_nlp
from claimcheck.process import Extractor
from claimcheck.reader import read_inputs
from claimcheck.store import Store

from .conftest import ROOT, SEEDS

ECBPLUS = ROOT / "bench" / "ecbplus.jsonl"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds plus 60 ECB+ articles: real news with quantities, speakers and boilerplate."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with ECBPLUS.open(encoding="utf-8") as f, (folder / "ecbplus.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(islice(f, 60))
    return folder


def outputs(results):
    return [(r.document.to_dict(), r.claims) for r in results]


def test_process_pool_gives_the_same_output_as_one_process(corpus, nlp, rules):
    extractor = Extractor(nlp, rules)
    local = outputs(extractor.run(read_inputs([str(corpus)])))
    with ProcessEngine(rules, jobs=2) as engine:
        engine.chunk_chars = 20_000  # several chunks in flight, so order across workers is exercised
        pooled = outputs(extractor.run(read_inputs([str(corpus)]), engine=engine))
    assert len(local) == 65
    assert sum(len(claims) for _, claims in local) > 250
    assert pooled == local
    ids = [c["id"] for _, claims in local for c in claims]
    assert len(ids) == len(set(ids))  # the claim contract: ids unique across the output


def test_cli_jobs_output_matches_one_process(corpus):
    runner = CliRunner()
    one = runner.invoke(app, ["extract", str(corpus), "-f", "jsonl", "--no-store"])
    two = runner.invoke(app, ["extract", str(corpus), "-f", "jsonl", "--no-store", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert one.stdout.count("\n") > 250


def test_dask_engine_on_a_local_cluster_matches_a_local_run(corpus):
    distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed "
                                                                "(pip install 'claimcheck[dask]')")
    runner = CliRunner()
    local = runner.invoke(app, ["extract", str(corpus), "-f", "json", "--no-store"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = runner.invoke(app, ["extract", str(corpus), "-f", "json", "--no-store",
                                     "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout)["documents"] == json.loads(local.stdout)["documents"]
    assert json.loads(remote.stdout)["claims"] == json.loads(local.stdout)["claims"]


def test_scheduler_without_dask_engine_is_a_usage_error(corpus):
    result = CliRunner().invoke(app, ["extract", str(corpus), "--scheduler", "tcp://127.0.0.1:1", "--no-store"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.stderr


@Language.component("test_raises_on_boom")
def _raises_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("a rule broke")
    return doc


def test_a_document_that_breaks_the_pipeline_fails_alone(rules, nlp):
    broken = build_nlp(rules)
    broken.add_pipe("test_raises_on_boom", first=True)
    tasks = [Task("a", (("The army sent 5,000 troops.", 0),)),
             Task("b", (("Officials said BOOM.", 0),)),
             Task("c", (("Nearly 300 people were killed.", 10),))]
    results = extract_tasks(broken, tasks)
    assert [r.error is None for r in results] == [True, False, True]
    assert "ValueError: a rule broke" in results[1].error
    assert results[0].claims == extract_tasks(nlp, tasks[:1])[0].claims
    assert results[2].claims[0]["start"] == 10


def test_local_engine_streams_chunks_in_order(nlp):
    engine = LocalEngine(nlp)
    chunks = [[Task(str(i), ((f"They sent {i + 2} tanks.", 0),))] for i in range(5)]
    values = [results[0].claims[0]["quantity"]["value"] for results in engine.map(chunks)]
    assert values == [2, 3, 4, 5, 6]


# -- resuming ------------------------------------------------------------------------------------------
def interrupted_after(documents, n):
    for k, document in enumerate(documents):
        if k == n:
            raise KeyboardInterrupt
        yield document


def stored(db: Path) -> dict[str, list[str]]:
    """doc id -> its stored claim ids, read with plain SQL (what any other tool would see)."""
    with sqlite3.connect(db) as con:
        docs = {doc: [] for (doc,) in con.execute("SELECT id FROM documents")}
        for doc, claim in con.execute("SELECT doc, id FROM claims ORDER BY doc, seq"):
            docs[doc].append(claim)
    return docs


def test_interrupted_run_keeps_finished_documents_and_rerun_skips_them(tmp_path, corpus, nlp, rules):
    extractor = Extractor(nlp, rules)
    reference = {r.document.id: [c["id"] for c in r.claims] for r in extractor.run(read_inputs([str(corpus)]))}
    db = tmp_path / "claims.db"
    yielded = []
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        for result in extractor.run(interrupted_after(read_inputs([str(corpus)]), 50), store=store):
            yielded.append(result.document.id)
    kept = stored(db)
    assert 0 < len(kept) < 65
    assert set(kept) == set(yielded)  # every document handed out is stored, nothing else
    assert all(kept[doc] == reference[doc] for doc in kept)  # whole: no document without its claims
    with Store(db) as store:
        again = list(extractor.run(read_inputs([str(corpus)]), store=store))
    assert {r.document.id for r in again if r.cached} == set(kept)
    assert {r.document.id: [c["id"] for c in r.claims] for r in again} == reference
    assert stored(db) == reference


def test_a_save_that_fails_half_way_leaves_the_document_as_it_was(tmp_path):
    db = tmp_path / "claims.db"
    doc = {"id": "a.txt", "sha256": "1", "status": "ok"}
    claim = {"id": "c1", "doc": "a.txt", "kind": "quantity", "topic": None, "quantity": {"unit": None}}
    with Store(db) as store:
        store.save(doc, [claim], "f")
        with pytest.raises(sqlite3.Error):  # the second row cannot be bound: after DELETE and the document row
            unbindable = {**claim, "id": "c2", "topic": ["not", "a", "column value"]}
            store.save({**doc, "sha256": "2"}, [claim, unbindable], "f")
        store.save({"id": "b.txt", "sha256": "3", "status": "ok"}, [], "f")
    with Store(db) as store:
        assert store.cached_claims("a.txt", "1", "f") == [claim]
        assert store.count() == (2, 1)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_on_the_command_line_then_rerun(tmp_path):
    db = tmp_path / "claims.db"
    command = [sys.executable, "-m", "claimcheck", "extract", str(ECBPLUS), "-f", "jsonl", "--db", str(db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    for _ in range(200):  # some documents are out (and so saved) before the interrupt
        process.stdout.readline()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted after" in err and "run the same command to go on" in err
    kept = stored(db)
    assert 0 < len(kept) < 982
    rerun = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert f"{len(kept)} unchanged since the last run" in rerun.stderr
    fresh = subprocess.run([*command[:-2], "--no-store"], capture_output=True, text=True, env=env, check=True)
    assert rerun.stdout == fresh.stdout
