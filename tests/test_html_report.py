"""claimcheck report: the page shows diff's comparison, every claim in its article, escapes everything, fetches
nothing; the number line and the article cutting on their own. Parsed with the standard library's HTML parser
(what a browser shows is tested in test_report_browser.py)."""

import json
import math
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.article_view import Piece, Sentence, cut
from claimcheck.cli import app
from claimcheck.compare import Entry
from claimcheck.html_report import script
from claimcheck.number_line import Scale, bar, chart

from . import report_corpus

runner = CliRunner()


class Page(HTMLParser):
    """Every element (tag, attributes, and the text directly and indirectly inside it) of an HTML page."""

    VOID = {"meta", "link", "br", "img", "input", "line", "circle", "polygon", "rect", "path", "hr", "source"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self._open],
                   "within": [e for e in self._open]}
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self._open],
                              "within": [e for e in self._open]})

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, tag=None, **attrs):
        return [e for e in self.elements if (tag is None or e["tag"] == tag)
                and all(_has(e["attrs"].get(k.rstrip("_").replace("_", "-")), v) for k, v in attrs.items())]


def _has(value, wanted):
    if value is None:
        return False
    return wanted in value.split() if not wanted.startswith("=") else value == wanted[1:]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    db, report = report_corpus.build(tmp)
    html = report.read_text(encoding="utf-8")
    diff = runner.invoke(app, ["diff", "--db", str(db), "-f", "json"])
    assert diff.exit_code == 0, diff.stderr
    return db, html, Page(html), json.loads(diff.stdout)


def test_the_groups_and_verdicts_are_diffs(built):
    _, _, page, diff = built
    groups = [g for s in diff["stories"] for g in s["groups"]]
    compared = [g for g in groups if len(g["claims"]) > 1 or g["parts"] or g["updates"]]
    shown = page.find("div", class_="group")
    assert [(e["attrs"]["data-verdict"], e["attrs"]["data-topic"]) for e in shown] == [
        (g["verdict"], g["topic"] or "") for g in compared]
    for element, group in zip(shown, compared, strict=True):
        assert group["question"] in element["text"] and group["reason"] in element["text"]
        links = [a["attrs"]["href"] for a in page.elements if a["tag"] == "a" and element in a["within"]
                 and a["attrs"].get("href", "").startswith("#c-")]
        increments = {i for cumulative in group["cumulative"] for i in cumulative["claims"][1:]}  # in their base's row
        figures = [i for i in group["claims"] if i not in increments]
        assert [h.removeprefix("#c-") for h in links[:len(figures)]] == figures
    once = page.find("tr", data_verdict="=agree") + page.find("tr", data_verdict="=compatible")
    assert len(once) == len([g for g in groups if g not in compared])
    conflict = next(g for g in compared if g["verdict"] == "conflict")
    assert conflict["question"] == "how many shells supplied?"


def test_the_artillery_conflict_has_its_number_line(built):
    _, _, page, _ = built
    [group] = [e for e in page.find("div", class_="group") if e["attrs"]["data-verdict"] == "conflict"]
    [svg] = [e for e in page.find("svg") if group in e["within"]]
    inside = [e for e in page.elements if svg in e["within"]]
    rows = [e for e in inside if e["tag"] == "g" and "row" in e["attrs"].get("class", "")]
    assert len(rows) == 5  # four figures (the hostile document's "more than 5 million" too) and the combined one
    # "nearly five million": a closed end at 4.5 M, an open one at 5 M; "more than 5 million": open, then beyond
    ends = [e["attrs"]["class"] for e in inside if e["tag"] == "circle"]
    assert "end open" in ends and "end closed" in ends
    assert any(e["tag"] == "polygon" for e in inside)
    assert {"4.5 M", "5 M"} <= {e["text"] for e in inside if e["tag"] == "text"}


def test_every_claim_link_lands_on_its_span_in_its_article(built):
    db, _, page, _ = built
    con = sqlite3.connect(db)
    records = {r["id"]: r for (rec,) in con.execute("SELECT record FROM claims") for r in [json.loads(rec)]}
    texts = dict(con.execute("SELECT doc, text FROM texts"))
    con.close()
    marks = {e["attrs"]["id"]: e for e in page.find("mark") if "id" in e["attrs"]}
    links = {a["attrs"]["href"][1:] for a in page.find("a") if a["attrs"].get("href", "").startswith("#c-")}
    assert links and links <= set(marks)
    for anchor in links:
        claim = records[anchor.removeprefix("c-")]
        mark = marks[anchor]
        assert mark["text"] == claim["text"] == texts[claim["doc"]][claim["start"]:claim["end"]]
        assert mark["attrs"]["class"] == {"quantity": "k-quantity", "statement": "k-statement"}[claim["kind"]] \
            or (claim["denial"] and mark["attrs"]["class"] == "k-denial")
        [sentence] = [e for e in mark["within"] if e["tag"] == "span"]
        assert claim["sentence"] in sentence["text"]
        [article] = [e for e in mark["within"] if e["tag"] == "article"]
        assert article["attrs"]["data-doc"] == claim["doc"]
    # every other claim of an article is marked too, not only the compared ones
    bloomberg = next(e for e in page.find("article") if e["attrs"]["data-doc"] == "000_6b33e73df73c8612.txt")
    in_article = [e for e in page.find("mark") if bloomberg in e["within"] and "id" in e["attrs"]]
    assert len(in_article) == sum(r["doc"] == "000_6b33e73df73c8612.txt" for r in records.values())
    assert {m["attrs"]["class"] for m in in_article} == {"k-quantity", "k-statement", "k-denial"}


def test_article_text_is_shown_whole(built):
    db, _, page, _ = built
    con = sqlite3.connect(db)
    texts = dict(con.execute("SELECT doc, text FROM texts"))
    con.close()
    for article in page.find("article"):
        [body] = [e for e in page.elements if e["tag"] == "div" and article in e["within"]
                  and e["attrs"].get("class") == "text"]
        assert body["text"] == texts[article["attrs"]["data-doc"]]  # the kind labels are CSS, not text


def test_markup_in_documents_is_shown_as_text(built):
    _, html, page, _ = built
    scripts = page.find("script")
    assert len(scripts) == 1 and scripts[0]["text"] == script()  # only the report's own
    assert not page.find("img") and not any("onerror" in e["attrs"] for e in page.elements)
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    hostile = next(e for e in page.find("article") if e["attrs"]["data-doc"] == report_corpus.HOSTILE["id"])
    assert report_corpus.SCRIPT in hostile["text"] and report_corpus.IMAGE in hostile["text"]
    assert report_corpus.HOSTILE["title"] in page.find("h3")[-1]["text"] or any(
        report_corpus.HOSTILE["title"] in e["text"] for e in page.find("h3"))
    assert any(report_corpus.IMAGE in e["text"] for e in page.find("td"))  # the publisher, in a claims table
    sentences = [e for e in page.find("span", class_="sentence") if hostile in e["within"]]
    assert any(report_corpus.SCRIPT in s["text"] for s in sentences)  # in a claim's sentence, still text


def test_the_page_fetches_nothing(built):
    _, html, page, _ = built
    [csp] = [e["attrs"]["content"] for e in page.find("meta") if e["attrs"].get("http-equiv") ==
             "Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    for element in page.elements:
        for name in ("src", "srcset", "data", "poster"):
            assert name not in element["attrs"], element
        if element["tag"] == "link":
            pytest.fail(f"a <link> element: {element}")
        if element["tag"] == "a":
            assert element["attrs"]["href"].startswith("#")
    assert "url(" not in html and "@import" not in html


def test_topic_and_story_options_keep_what_diff_keeps(built, tmp_path):
    db, _, _, diff = built
    out = tmp_path / "artillery.html"
    result = runner.invoke(app, ["report", "--db", str(db), "--topic", "artillery", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert {e["attrs"]["data-topic"] for e in page.find(data_verdict="=conflict")} == {"artillery"}
    story = diff["stories"][0]["id"]
    result = runner.invoke(app, ["report", "--db", str(db), "--story", story, "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert "report written to standard output" in result.stderr


def test_the_report_is_deterministic(built, tmp_path):
    db, html, _, _ = built
    again = runner.invoke(app, ["report", "--db", str(db), "-o", "-"])
    assert again.stdout == html


@pytest.mark.parametrize("args, message", [
    (["--db", "missing.db"], "error: no store at missing.db"),
    (["--topic", "artilery"], "artillery"),
    (["--story", "nope"], "no story 'nope'"),
])
def test_bad_options_are_one_line_errors(built, args, message, tmp_path, monkeypatch):
    db, *_ = built
    monkeypatch.chdir(tmp_path)
    full = args if "--db" in args else ["--db", str(db), *args]
    result = runner.invoke(app, ["report", *full, "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_a_store_without_texts_still_links_each_claim_to_its_article(built, tmp_path):
    db, *_ = built
    old = tmp_path / "old.db"
    old.write_bytes(Path(db).read_bytes())
    con = sqlite3.connect(old)
    con.execute("DROP TABLE texts")  # as a store from before texts were kept
    con.commit()
    con.close()
    result = runner.invoke(app, ["report", "--db", str(old), "-o", "-"])
    assert result.exit_code == 0, result.stderr
    page = Page(result.stdout)
    assert not [m for m in page.find("mark") if "article" in m["parents"]]
    assert "holds no text for this document" in result.stdout
    anchors = {e["attrs"]["id"] for e in page.find("article")}
    hrefs = {a["attrs"]["href"][1:] for a in page.find("a") if a["attrs"]["href"].startswith("#d-")}
    assert hrefs and hrefs <= anchors


# -- the pieces, without a page ---------------------------------------------------------------------------------

def entry(low, high, low_inclusive=True, high_inclusive=True, vague=False):
    return Entry(("c",), "d", low, high, low_inclusive, high_inclusive, None, "o", "t", "s", vague)


def test_number_line_positions_and_ends():
    nearly = entry(4.5e6, 5e6, True, False)
    more_than = entry(5e6, math.inf, False, False)
    millions = entry(2e6, 1e9, True, False, vague=True)
    scale = Scale.fit([nearly, more_than, millions])
    assert not scale.log  # the vague "millions of" does not set the scale
    assert scale.where(4.5e6) == pytest.approx(1 / 12) and scale.where(5e6) == pytest.approx(11 / 12)
    drawn = chart([nearly, more_than, millions], {"low": 2e6, "high": None, "low_inclusive": True,
                                                  "high_inclusive": False})
    a, b, c = drawn.bars
    assert (a.left, a.right) == ("closed", "open") and a.x1 < a.x2 == pytest.approx(b.x1)
    assert (b.left, b.right) == ("open", "beyond") and b.x2 == 1
    assert (c.left, c.right) == ("beyond", "beyond")
    assert drawn.combined.right == "beyond" and [t[1] for t in drawn.ticks] == pytest.approx([4.5e6, 5e6])
    assert bar(scale, 4.7e6, 4.7e6, True, True).point
    assert Scale.fit([entry(10, 10), entry(5000, 5000)]).log  # a factor of 500: log
    assert Scale.fit([entry(-math.inf, math.inf)]) is None


def test_cut_keeps_the_text_and_marks_the_innermost_claim(seed_texts):
    text = "Officials said 12 people died. Police said 14 were hurt.\nNo claim here."
    claims = [
        {"id": "s1", "kind": "statement", "start": 15, "end": 29, "text": text[15:29], "denial": False,
         "sentence": "Officials said 12 people died.", "sentence_start": 0},
        {"id": "q1", "kind": "quantity", "start": 15, "end": 24, "text": "12 people", "denial": False,
         "sentence": "Officials said 12 people died.", "sentence_start": 0},
        {"id": "bad", "kind": "quantity", "start": 31, "end": 40, "text": "not there", "denial": False,
         "sentence": "", "sentence_start": 31},
    ]
    cutting = cut(text, claims)
    flat = [p for part in cutting.parts for p in (part.pieces if isinstance(part, Sentence) else (part,))]
    assert "".join(p.text for p in flat) == text
    assert (cutting.placed, cutting.unplaced) == (2, 1)
    marked = [(p.text, p.mark.claim, p.mark.first) for p in flat if p.mark]
    assert marked == [("12 people", "q1", True), (" died", "s1", True)]
    assert isinstance(cutting.parts[0], Sentence) and isinstance(cutting.parts[-1], Piece)
