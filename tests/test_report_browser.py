"""The report in a real browser: headless Chromium (Debian's ``chromium``; ``.ci/run`` installs it), driven over the
DevTools protocol by tests/headless.py. What only a browser can tell: the script that filters runs and the
injected ones do not, a claim's link opens its article with the span and its sentence lit, the SVG is laid out,
dark mode and print apply."""

import json

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

from . import report_corpus
from .headless import Browser, find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's 'chromium' "
                                                          "(.ci/run does), or set $CHROMIUM to a Chromium binary")


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db, report = report_corpus.build(tmp)
    diff = json.loads(CliRunner().invoke(app, ["diff", "--db", str(db), "-f", "json"]).stdout)
    with Browser(CHROMIUM, width=1200, height=900) as browser:
        browser.open(report.as_uri())
        yield browser, report, diff


def visible(selector: str) -> str:
    return f"[...document.querySelectorAll({json.dumps(selector)})].filter(e => e.offsetParent !== null).length"


def test_the_dom_has_the_groups_the_spans_and_the_svg(opened):
    browser, _, diff = opened
    groups = [g for s in diff["stories"] for g in s["groups"]]
    compared = [g for g in groups if len(g["claims"]) > 1 or g["parts"] or g["updates"]]
    assert browser.evaluate("document.querySelectorAll('.group').length") == len(compared)
    assert browser.evaluate("[...document.querySelectorAll('.group h3')].map(h => h.textContent)") == [
        g["question"] for g in compared]
    assert browser.evaluate("document.querySelector('.group[data-verdict=conflict] h3').textContent") == \
        "how many shells supplied?"
    # inline SVG, laid out: the conflict's number line has width, and its rows
    box = browser.evaluate("(() => { const r = document.querySelector('.group[data-verdict=conflict] svg')"
                           ".getBoundingClientRect(); return [r.width, r.height]; })()")
    assert box[0] > 300 and box[1] > 60
    assert browser.evaluate("document.querySelectorAll('.group[data-verdict=conflict] svg g.row').length") == 5
    # every claim of every article is marked, and no article is shown before a link points into one
    assert browser.evaluate("document.querySelectorAll('article mark[id]').length") > 40
    assert browser.evaluate(visible("article.article")) == 0


def test_the_injected_markup_did_not_run(opened):
    browser, _, _ = opened
    assert browser.evaluate("typeof window.__xss") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.scripts.length") == 1
    hostile = json.dumps(report_corpus.HOSTILE["id"])
    text = browser.evaluate(f"document.querySelector('article[data-doc=' + JSON.stringify({hostile}) + ']')"
                            ".textContent")
    assert report_corpus.SCRIPT in text and report_corpus.IMAGE in text


def test_a_claim_link_opens_its_article_with_the_span_and_sentence_lit(opened, tmp_path):
    browser, report, diff = opened
    conflict = next(g for s in diff["stories"] for g in s["groups"] if g["verdict"] == "conflict")
    claim = next(c for c in diff["claims"] if c["id"] == conflict["claims"][0])
    browser.evaluate(f"document.querySelector('.group[data-verdict=conflict] a[href=\"#c-{claim['id']}\"]').click()")
    browser.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert browser.evaluate("location.hash") == f"#c-{claim['id']}"
    mark = f"document.getElementById('c-{claim['id']}')"
    assert browser.evaluate(f"{mark}.textContent") == claim["text"]
    assert browser.evaluate(f"{mark}.closest('article').dataset.doc") == claim["doc"]
    assert browser.evaluate(visible("article.article")) == 1  # only its article is open
    top = browser.evaluate(f"{mark}.getBoundingClientRect().top")
    assert 0 <= top <= 900  # scrolled into view
    lit = browser.evaluate(f"getComputedStyle({mark}.closest('.sentence')).backgroundColor")
    plain = browser.evaluate("getComputedStyle(document.querySelector('article .sentence:not(:has(:target))'))"
                             ".backgroundColor")
    assert lit != plain and plain == "rgba(0, 0, 0, 0)"
    assert browser.evaluate(f"getComputedStyle({mark}).outlineStyle") == "solid"
    assert claim["sentence"] in browser.evaluate(f"{mark}.closest('.sentence').textContent")
    shot = browser.screenshot(tmp_path / "article.png")
    assert shot.stat().st_size > 10_000
    browser.open(report.as_uri())  # back to the top for the other tests


def test_filters_work_without_a_server(opened, tmp_path):
    browser, _, diff = opened
    assert browser.evaluate("getComputedStyle(document.getElementById('filters')).display") != "none"
    browser.evaluate("(() => { const s = document.getElementById('filter-verdict'); s.value = 'conflict';"
                     " s.dispatchEvent(new Event('change')); })()")
    assert browser.evaluate(visible(".group")) == 1
    assert browser.evaluate(visible("tr[data-verdict]")) == 0
    browser.screenshot(tmp_path / "conflicts.png")
    browser.evaluate("(() => { const s = document.getElementById('filter-verdict'); s.value = '';"
                     " const t = document.getElementById('filter-topic'); t.value = 'troops';"
                     " t.dispatchEvent(new Event('change')); })()")
    troops = [g for s in diff["stories"] for g in s["groups"] if g["topic"] == "troops"
              and (len(g["claims"]) > 1 or g["parts"] or g["updates"])]
    assert browser.evaluate(visible(".group")) == len(troops) > 0
    browser.evaluate("(() => { const t = document.getElementById('filter-topic'); t.value = '';"
                     " t.dispatchEvent(new Event('change')); })()")
    assert browser.evaluate(visible(".group")) == browser.evaluate("document.querySelectorAll('.group').length")


def test_dark_mode_and_print(opened, tmp_path):
    browser, _, _ = opened
    browser.emulate(dark=True)
    dark = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    browser.screenshot(tmp_path / "dark.png")
    browser.emulate(media="print", dark=True)
    printed = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    assert browser.evaluate("getComputedStyle(document.getElementById('filters')).display") == "none"
    browser.emulate(dark=False)
    light = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark == "rgb(18, 20, 24)" and printed == light == "rgb(255, 255, 255)"
