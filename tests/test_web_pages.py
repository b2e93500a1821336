"""Web pages as input: saved copies of the seed articles (tests/data/pages, made by tests/data/make_pages.py) give
the claims of the text files; the page furniture around them gives none; every page is accounted for."""

import hashlib
import io
import json
import sqlite3
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck import reader, schema_path
from claimcheck.cli import app
from claimcheck.reader import read_inputs
from claimcheck.web_page import INSTALL_HINT, NO_MAIN_TEXT

from .conftest import SEEDS

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SAVED = sorted(PAGES.glob("0*.html"))  # the three seed articles saved as web pages
runner = CliRunner()


def extract(*args: str) -> dict:
    result = runner.invoke(app, ["extract", *args, "--no-store", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def comparable(claim: dict) -> tuple:
    """A claim without its offsets, which index different texts (a page's text has no blank lines)."""
    attribution = claim["attribution"] and {k: v for k, v in claim["attribution"].items() if k not in ("start", "end")}
    return (claim["kind"], claim["text"], claim["sentence"], json.dumps(claim["quantity"], sort_keys=True),
            json.dumps(attribution, sort_keys=True), claim["hedges"], claim["denial"], claim["topic"])


@pytest.fixture(scope="module")
def pages_json():
    return extract(str(PAGES), "--with-text")


def test_there_are_saved_pages_of_the_seeds():
    assert len(SAVED) == 3 and all((SEEDS / p.with_suffix(".txt").name).is_file() for p in SAVED)


@pytest.mark.parametrize("page", SAVED, ids=lambda p: p.stem)
def test_a_saved_page_gives_the_claims_of_its_text_file(page):
    seed = SEEDS / page.with_suffix(".txt").name
    from_text = extract(str(seed))["claims"]
    from_page = extract(str(page), "--with-text")
    assert from_text, "the seed has claims to compare"
    assert [comparable(c) for c in from_page["claims"]] == [comparable(c) for c in from_text]
    text, seed_text = from_page["documents"][0]["text"], seed.read_text(encoding="utf-8")
    assert text != seed_text
    for c, t in zip(from_page["claims"], from_text, strict=True):  # offsets index the extracted text
        assert text[c["start"]:c["end"]] == c["text"]
        assert text[c["sentence_start"]:c["sentence_start"] + len(c["sentence"])] == c["sentence"]
        if c["attribution"]:
            a, b = c["attribution"], t["attribution"]
            assert text[a["start"]:a["end"]] == seed_text[b["start"]:b["end"]]


def test_page_records_carry_the_hash_of_the_text_the_offsets_index(pages_json):
    jsonschema.validate(pages_json, json.loads(schema_path().read_text()))
    for document in pages_json["documents"]:
        if document["status"] == "ok":
            assert document["text_sha256"] == hashlib.sha256(document["text"].encode()).hexdigest()
            html = (PAGES / document["id"]).read_text(encoding="utf-8")
            assert document["sha256"] == hashlib.sha256(html.encode()).hexdigest() != document["text_sha256"]


def test_page_furniture_gives_no_claims_and_no_text(pages_json):
    """Menus, cookie banners, scripts, related links, comments and footers all hold numbers: none is a claim."""
    texts = " ".join(d["text"] for d in pages_json["documents"] if d["status"] == "ok")
    for furniture in ("845 partners", "10 million shells", "30,000 troops", "Oil rises 3%", "Subscribe for $1",
                      "Lexington", "dataLayer", "Leave a Comment", "ivan_77"):
        assert furniture not in texts
    assert not [c for c in pages_json["claims"] if "845" in c["sentence"] or "Oil rises" in c["sentence"]]


def test_page_metadata_comes_from_the_markup(pages_json):
    documents = {d["id"]: d for d in pages_json["documents"]}
    bloomberg = documents["000_6b33e73df73c8612.html"]
    assert (bloomberg["title"], bloomberg["publisher"], bloomberg["published"]) == (
        "Russian Shoigu’s visit to North Korea sparks new arms fears", "Bloomberg", "2024-12-28")
    assert bloomberg["url"] == "https://www.bloomberg.com/news/articles/2024-12-28/shoigu-kim-talks"
    assert documents["002_1dee5ac349f07ba8.html"]["publisher"] == "London Daily Report"  # from JSON-LD
    assert documents["004_6881012dfa7ffe4d.html"]["publisher"] == "Kyiv Post"


def test_a_page_without_an_article_is_skipped_with_the_reason(pages_json):
    documents = {d["id"]: d for d in pages_json["documents"]}
    assert (documents["app_shell.html"]["status"], documents["app_shell.html"]["reason"]) == ("skipped",
                                                                                              NO_MAIN_TEXT)
    wall = documents["cookie_wall.html"]  # trafilatura keeps the banner's text; the boilerplate rules set it aside
    assert wall["status"] == "skipped" and "cookie-consent" in wall["reason"]
    assert len(documents) == 5


def test_without_trafilatura_pages_are_skipped_with_the_install_hint(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura raises ImportError
    monkeypatch.setattr(reader, "_HTML_READER", reader._HtmlReader())
    (tmp_path / "note.txt").write_text("Police said 12 people were injured.")
    for page in SAVED[:2]:
        (tmp_path / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "p1", "html": "<html><p>Text.</p></html>"}) + "\n")
    result = runner.invoke(app, ["extract", str(tmp_path), "--no-store", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    documents = {d["id"]: d for d in json.loads(result.stdout)["documents"]}
    assert set(documents) == {"note.txt", "p1", *(p.name for p in SAVED[:2])}
    for doc_id in ("p1", *(p.name for p in SAVED[:2])):
        assert (documents[doc_id]["status"], documents[doc_id]["reason"]) == ("skipped", INSTALL_HINT)
    assert documents["note.txt"]["status"] == "ok"
    assert "pip install 'claimcheck[html]'" in result.stderr and "Traceback" not in result.stderr


def test_html_in_a_jsonl_record_and_on_stdin():
    page = SAVED[0].read_text(encoding="utf-8")
    line = json.dumps({"id": "a1", "html": page, "source": "Bloomberg News", "url": "https://example.com/a1"})
    [document] = read_inputs(["-"], stdin=io.BytesIO(line.encode()))
    assert document.status == "ok" and document.text.startswith("Russian Shoigu’s visit")
    assert (document.publisher, document.url) == ("Bloomberg News", "https://example.com/a1")  # the record wins
    assert document.published == "2024-12-28"
    [piped] = read_inputs(["-"], stdin=io.BytesIO(page.encode()))
    assert piped.status == "ok" and piped.text == document.text and piped.id.startswith("stdin:")


def test_a_folder_of_pages_is_input(tmp_path):
    (tmp_path / "only.htm").write_text(SAVED[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--no-store", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert '"record": "document"' in result.stdout and '"status": "ok"' in result.stdout


def test_with_text_needs_a_format_that_carries_documents():
    result = runner.invoke(app, ["extract", str(SAVED[0]), "--no-store", "-f", "csv", "--with-text"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--with-text needs --format json or jsonl" in result.stderr


def test_the_store_keeps_the_text_and_caches_by_it(tmp_path):
    db = tmp_path / "claims.db"
    first = runner.invoke(app, ["extract", str(SAVED[0]), "--db", str(db), "-f", "json"])
    assert first.exit_code == 0, first.stderr
    con = sqlite3.connect(db)
    [(text,)] = con.execute("SELECT text FROM texts").fetchall()
    con.close()
    assert text.startswith("Russian Shoigu’s visit") and "845 partners" not in text
    # the same article in a page whose furniture changed: the text is the same, so the stored claims are reused
    moved = tmp_path / SAVED[0].name
    moved.write_text(SAVED[0].read_text(encoding="utf-8").replace("845 partners", "900 partners"), encoding="utf-8")
    again = runner.invoke(app, ["extract", str(moved), "--db", str(db), "-f", "json"])
    assert "1 unchanged since the last run" in again.stderr
    assert json.loads(again.stdout)["claims"] == json.loads(first.stdout)["claims"]
