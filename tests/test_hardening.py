"""Issue 14, the seven ways a new user lost a run, a document or text: each now ends in the right output or in one
line and exit 2, and no document is lost. Run through the CLI as the issue ran them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.engines import Engine, Task, TaskResult, extract_tasks
from claimcheck.reader import decode, read_inputs
from claimcheck.segment import Segmenter, pieces

from .conftest import RULES, SEEDS

runner = CliRunner()
ECBPLUS = Path(__file__).resolve().parents[1] / "bench" / "ecbplus.jsonl"
ARTICLE = (SEEDS / "002_1dee5ac349f07ba8.txt").read_text(encoding="utf-8")


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def long_line(chars: int) -> str:
    """A scraped page stored as one line: the article's sentences repeated, no newline."""
    flat = ARTICLE.replace("\n", " ")
    return (flat + " ") * (chars // (len(flat) + 1)) + "x" * (chars % (len(flat) + 1))


# -- 1. one long paragraph ----------------------------------------------------------------------------------------
def test_pieces_cut_at_sentences_with_exact_offsets():
    text = long_line(250_000)
    cut = list(pieces(text, 10_000))
    assert all(len(p) <= 10_000 and text[o:o + len(p)] == p for o, p in cut)
    assert all(p.endswith((".", "?", "!", "”", '"')) for _, p in cut[:-1])  # cut at sentence ends
    assert "".join(text[o:o + len(p)] for o, p in cut).replace(" ", "") == text.replace(" ", "")


def test_pieces_without_space_or_sentence():
    text = "a" * 25_000 + " tail"
    cut = list(pieces(text, 10_000))
    assert [len(p) for _, p in cut] == [10_000, 10_000, 5_005]
    assert all(text[o:o + len(p)] == p for o, p in cut)


def test_long_line_becomes_paragraph_pieces(rules):
    text = "Title\n\n" + long_line(40_000) + "\nlast line."
    paras = list(Segmenter(rules).paragraphs(text))
    assert len(paras) > 4 and all(len(p.text) <= 10_000 and text[p.start:p.end] == p.text for p in paras)


def test_megabyte_single_line_first_in_folder(tmp_path):
    """The issue's case 1: a 1.1 MB one-line article first in the folder; the run goes on and loses nothing."""
    mix = tmp_path / "mix"
    mix.mkdir()
    big = long_line(1_100_000)
    (mix / "000_000_big.txt").write_text(big, encoding="utf-8")
    for f in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(f, mix)
    result = runner.invoke(app, ["extract", str(mix), "--db", str(tmp_path / "x.db"), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    documents = [r for r in records if r["record"] == "document"]
    assert [(d["id"], d["status"]) for d in documents] == [("000_000_big.txt", "ok")] + [
        (f.name, "ok") for f in sorted(SEEDS.glob("*.txt"))[:2]]
    claims = [r for r in records if r["record"] == "claim" and r["doc"] == "000_000_big.txt"]
    assert len(claims) > 1000
    assert all(big[c["start"]:c["end"]] == c["text"] for c in claims)
    assert all(big[c["sentence_start"]:c["sentence_start"] + len(c["sentence"])] == c["sentence"] for c in claims)


def test_megabyte_jsonl_record_first_with_jobs(tmp_path):
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text(json.dumps({"id": "big", "text": long_line(1_100_000)}) + "\n"
                      + json.dumps({"id": "small", "text": "Some 300 people came."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus), "--no-store", "--jobs", "2", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert [(d["id"], d["status"]) for d in out["documents"]] == [("big", "ok"), ("small", "ok")]
    assert any(c["doc"] == "small" for c in out["claims"])


class _Exploding:
    """A stand-in pipeline that fails on one document's text, as a bug in a rule would."""

    def pipe(self, stream, as_tuples, batch_size):
        for text, _context in stream:
            if "BOOM" in text:
                raise ValueError("a component failed\nwith a second line")
            raise StopIteration  # pragma: no cover


def test_a_failing_document_alone_in_its_chunk_is_an_error_with_one_line(nlp):
    [result] = extract_tasks(_Exploding(), [Task("d", (("BOOM 5 people", 0),))])
    assert result.error == "extraction failed: ValueError: a component failed"
    good, bad = extract_tasks(nlp, [Task("a", (("Some 300 people came.", 0),)), Task("b", (("x", 0),))])
    assert good.error is None and good.claims


class _BrokenPool(Engine):
    """A pool whose chunks never come back (a worker killed, a cluster gone)."""

    def submit(self, chunk):
        from concurrent.futures import Future

        future: Future = Future()
        future.set_exception(RuntimeError("worker died"))
        return future


def test_a_chunk_the_engine_loses_fails_its_documents_not_the_run():
    chunks = [[Task("a", (("x", 0),)), Task("b", (("y", 0),))], [], [Task("c", (("z", 0),))]]
    results = list(_BrokenPool().map(chunks))
    assert [len(r) for r in results] == [2, 0, 1]
    assert all(isinstance(t, TaskResult) and "worker died" in t.error for r in results for t in r)


# -- 2. boilerplate -----------------------------------------------------------------------------------------------
def test_boilerplate_words_inside_an_article_line_are_not_furniture(tmp_path):
    text = ("Residents can Subscribe to emergency alerts, officials said, after 12 people were killed. " * 30).strip()
    corpus = tmp_path / "scraped.jsonl"
    corpus.write_text(json.dumps({"id": "one-line", "text": text}) + "\n", encoding="utf-8")
    out = json.loads(runner.invoke(app, ["extract", str(corpus), "--no-store", "-f", "json"]).stdout)
    assert out["documents"][0]["status"] == "ok"
    assert len(out["claims"]) == 30


@pytest.mark.parametrize("line", [
    "Sign up for our daily newsletter and get the latest news in your inbox every morning.",
    "Subscribe to our newsletter",
    "You can also highlight the text and press Ctrl + Enter",
])
def test_short_furniture_lines_still_go(rules, line):
    assert Segmenter(rules).match(line) is not None
    assert Segmenter(rules).match(line + " " + "and then the article goes on at length. " * 6) is None


def test_a_document_that_is_all_furniture_is_skipped_with_the_reason(tmp_path):
    (tmp_path / "furniture.txt").write_text("Subscribe to our newsletter\n©2024 Bloomberg LP\nScroll to Top\n")
    (tmp_path / "article.txt").write_text("Some 300 people came.\n")
    result = runner.invoke(app, ["extract", str(tmp_path), "--no-store", "-f", "json"])
    documents = {d["id"]: d for d in json.loads(result.stdout)["documents"]}
    assert documents["furniture.txt"]["status"] == "skipped"
    assert documents["furniture.txt"]["reason"] == (
        "every line is page furniture (boilerplate: form-prompt, copyright, navigation)")
    assert documents["article.txt"]["status"] == "ok"
    assert "furniture.txt: skipped (every line is page furniture" in result.stderr


# -- 3. nothing half-written on an error exit ---------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_empty_folder_writes_nothing_to_stdout(tmp_path, fmt):
    (tmp_path / "emptydir").mkdir()
    result = runner.invoke(app, ["extract", str(tmp_path / "emptydir"), "-f", fmt, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and result.stdout == ""
    assert "no .txt, .md, .jsonl or .html input found under" in one_line_error(result)
    assert not (tmp_path / "x.db").exists()  # refused before the store was opened


def test_csv_of_a_run_without_claims_is_its_header(tmp_path):
    (tmp_path / "a.txt").write_text("No numbers here.\n")
    result = runner.invoke(app, ["extract", str(tmp_path), "--no-store", "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines() == [result.stdout.splitlines()[0]]
    assert result.stdout.startswith("id,doc,kind")


# -- 4. wrong types in rules ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("file,old,new,expected", [
    ("numbers.json", '"approximation_tolerance": 0.1', '"approximation_tolerance": "ten percent"',
     "numbers.json:{line}: approximation_tolerance: a number from 0 to 1"),
    ("topics.jsonl", '"id": "artillery"}', '"id": 5}', "topics.jsonl:1: id: a non-empty string"),
    ("diff.json", '"pairwise_limit": 300', '"pairwise_limit": "many"',
     "diff.json:{line}: pairwise_limit: a whole number of at least 1"),
    ("numbers.json", '"bound_joiners"', '"bound_joiner"',
     "numbers.json:{line}: bound_joiner: unknown key (did you mean 'bound_joiners'?)"),
    ("numbers.json", '"rate_words"', '"rate_word_list"',
     "numbers.json:{line}: rate_word_list: unknown key (did you mean 'rate_words'?)"),
])
def test_wrong_rules_are_one_line_with_file_line_and_key(tmp_path, file, old, new, expected):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    text = (rules / file).read_text(encoding="utf-8")
    assert old in text
    (rules / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    for args in (["rules", "check"], ["extract", str(SEEDS), "--no-store", "-f", "json"], ["diff", str(SEEDS)]):
        result = runner.invoke(app, [*args, "--rules", str(rules)])
        assert result.exit_code == 2 and result.stdout == ""
        assert one_line_error(result).endswith(expected.format(line=line)), result.stderr


# -- 5. an unreachable Dask scheduler ---------------------------------------------------------------------------------
def test_unreachable_scheduler_is_one_line():
    pytest.importorskip("dask.distributed")
    result = runner.invoke(app, ["extract", str(SEEDS), "--no-store", "--engine", "dask",
                                 "--scheduler", "tcp://127.0.0.1:1", "-f", "json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line_error(result).startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:1: ")


def test_silent_scheduler_times_out_within_timeout():
    """Something listens but never answers as a scheduler would: one line after --timeout, not 30 s."""
    pytest.importorskip("dask.distributed")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(0)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        result = runner.invoke(app, ["extract", str(SEEDS), "--no-store", "--engine", "dask", "--scheduler", address,
                                     "--timeout", "1", "-f", "json"])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line_error(result).startswith(f"error: cannot reach the Dask scheduler at {address}: ")


# -- 6. encodings -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,encoding,read_as", [
    ("A cidade de São Paulo tem 12 milhões de habitantes.", "latin-1", "cp1252"),
    ("Die Straße in München ist 5 km lang, sagte der Bürgermeister.", "latin-1", "cp1252"),
    ("“Five million shells,” he said — café.", "cp1252", "cp1252"),
    ("Москва сообщила, что около 5 миллионов снарядов было поставлено. " * 3, "cp1251", "cp1251"),
    ("Hello São Paulo, 5 million", "utf-16", "utf-16"),
    ("Plain São Paulo", "utf-8", "utf-8"),
    ("\ufeffWith a BOM", "utf-8", "utf-8"),
])
def test_decoding_order(text, encoding, read_as):
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text.lstrip("\ufeff"), read_as)
    assert decoded.guessed == (read_as not in ("utf-8", "utf-16"))


def test_latin1_sao_paulo_is_read_right_and_reported(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("A cidade de São Paulo tem 12 milhões de habitantes.\n".encode("latin-1"))
    result = runner.invoke(app, ["extract", str(tmp_path), "--no-store", "-f", "json"])
    out = json.loads(result.stdout)
    [document] = out["documents"]
    assert (document["status"], document["encoding"]) == ("ok", "cp1252")
    assert "São Paulo" in out["claims"][0]["sentence"]
    assert "latin1.txt: not UTF-8; read as cp1252 (a guess" in result.stderr


def test_every_document_record_names_its_encoding(tmp_path):
    (tmp_path / "a.txt").write_text("Five.")
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "Six."}\n{bad\n')
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    docs = {d.id: d.encoding for d in read_inputs([str(tmp_path)])}
    assert docs == {"a.txt": "utf-8", "x": "utf-8", f"{tmp_path / 'b.jsonl'}:2": "utf-8", "c.txt": None}


# -- 7. the store: stdin under its hash, info, list, remove, clear ----------------------------------------------
def test_stdin_goes_to_the_store_under_its_hash_and_can_be_removed(tmp_path):
    db = str(tmp_path / "claims.db")
    piped = "".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    runner.invoke(app, ["extract", "-", "--db", db, "-f", "json"], input=piped)
    runner.invoke(app, ["extract", str(SEEDS), "--db", db, "-f", "json"])
    listed = json.loads(runner.invoke(app, ["store", "list", "--db", db, "-f", "json"]).stdout)
    ids = [r["id"] for r in listed]
    assert "-" not in ids and len(ids) == 6
    [stdin_id] = [i for i in ids if i.startswith("stdin:")]
    assert all(r["status"] == "ok" and r["story"] for r in listed)

    info = json.loads(runner.invoke(app, ["store", "info", "--db", db, "-f", "json"]).stdout)
    assert (info["documents"], info["by_status"], info["schema_version"]) == (6, {"ok": 6}, 4)
    assert info["claims"] > 0 and info["size_bytes"] > 0 and info["last_run"] and len(info["fingerprints"]) == 1

    removed = runner.invoke(app, ["store", "remove", "stdin:*", "--db", db])
    assert removed.exit_code == 0 and "removed 1 document" in removed.stderr
    left = [r["id"] for r in json.loads(runner.invoke(app, ["store", "list", "--db", db, "-f", "json"]).stdout)]
    assert left == sorted(ids)[:5] and stdin_id not in left
    diff = json.loads(runner.invoke(app, ["diff", "--db", db, "-f", "json"]).stdout)
    assert all(c["doc"] != stdin_id for c in diff["claims"])
    stories = json.loads(runner.invoke(app, ["stories", "--db", db, "-f", "json"]).stdout)
    assert sum(len(s["documents"]) for s in stories["stories"]) == 5

    missing = runner.invoke(app, ["store", "remove", "no-such-doc", "--db", db])
    assert missing.exit_code == 2 and "no document 'no-such-doc'" in one_line_error(missing)


def test_store_clear_asks_first(tmp_path):
    db = str(tmp_path / "claims.db")
    runner.invoke(app, ["extract", str(SEEDS), "--db", db, "-f", "json"])
    declined = runner.invoke(app, ["store", "clear", "--db", db], input="n\n")
    assert declined.exit_code == 1 and "nothing deleted" in declined.stderr
    assert json.loads(runner.invoke(app, ["store", "info", "--db", db, "-f", "json"]).stdout)["documents"] == 5
    cleared = runner.invoke(app, ["store", "clear", "--db", db, "--yes"])
    assert cleared.exit_code == 0 and "5 documents" in cleared.stderr
    info = json.loads(runner.invoke(app, ["store", "info", "--db", db, "-f", "json"]).stdout)
    assert (info["documents"], info["claims"], info["stories"]) == (0, 0, 0)


@pytest.mark.parametrize("content", [b"\x00not sqlite at all" * 100, b""])
def test_a_file_that_is_no_store_is_refused_in_one_line(tmp_path, content):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    if content == b"":
        import sqlite3

        with sqlite3.connect(bad) as db:
            db.execute("CREATE TABLE documents (x)")
    for args in (["store", "info"], ["extract", str(SEEDS), "-f", "json"]):
        result = runner.invoke(app, [*args, "--db", str(bad)])
        assert result.exit_code == 2 and result.stdout == ""
        assert str(bad) in one_line_error(result)


def test_store_commands_without_a_store(tmp_path):
    result = runner.invoke(app, ["store", "list", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store at" in one_line_error(result)
    assert not (tmp_path / "none.db").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_leaves_a_complete_json_document(tmp_path):
    """Interrupted while claims stream out: the JSON on stdout is closed, valid, and lists the finished documents."""
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "claimcheck", "extract", str(ECBPLUS), "-f", "json", "--no-store"]
    with (tmp_path / "err").open("w+") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env)
        head = b""
        while head.count(b"\n") < 100:  # claims are streaming out (raw reads: nothing buffered on this side)
            head += os.read(process.stdout.fileno(), 4096)
        process.send_signal(signal.SIGINT)
        rest = process.stdout.read()
        process.wait(timeout=60)
        stderr.seek(0)
        assert process.returncode == 130 and "interrupted after" in stderr.read()
    out = json.loads((head + rest).decode("utf-8"))
    assert 0 < len(out["documents"]) < 982
    assert {c["doc"] for c in out["claims"]} <= {d["id"] for d in out["documents"]}


def test_a_dead_worker_fails_its_chunk_and_a_fresh_pool_takes_the_rest(rules):
    """--jobs: a worker killed mid-run (out of memory, say) costs the documents it had, not the rest of the run."""
    from claimcheck.engines import ProcessEngine, _value

    slow = Task("slow", tuple((long_line(10_000), i * 10_001) for i in range(40)))
    with ProcessEngine(rules, 1) as engine:
        [warm] = list(engine.map([[Task("warm", (("Some 300 people came.", 0),))]]))
        assert warm[0].error is None
        in_flight = engine.submit([slow])
        time.sleep(0.3)
        for pid in list(engine._pool._processes):
            os.kill(pid, signal.SIGKILL)
        [lost] = _value(in_flight, 1)
        chunks = [[Task(f"d{i}", (("Some 300 people came.", 0),))] for i in range(3)]
        results = [r[0] for r in engine.map(chunks)]
    assert lost.error.startswith("the engine could not run this document: BrokenProcessPool")
    assert [r.error for r in results] == [None] * 3 and all(r.claims for r in results)
