"""Boilerplate lines and document metadata, on the seeds' own page furniture."""

import pytest

from claimcheck.metadata import MetadataReader
from claimcheck.process import Extractor
from claimcheck.reader import read_inputs
from claimcheck.segment import Segmenter

from .conftest import SEEDS


@pytest.fixture(scope="module")
def segmenter(rules):
    return Segmenter(rules)


@pytest.mark.parametrize("line,rule", [
    ("55.1 F", "weather-widget"),
    ("Read More: Why Has Russia Expelled Six British Diplomats?", "teaser"),
    ("Also Read: Why Is China Raising Retirement Age For First Time Since 1950s?", "teaser"),
    ("Leave a Comment", "comment-prompt"),
    ("Scroll to Top", "navigation"),
    ("JOIN US ON TELEGRAM", "social"),
    ("- Advertisement -", "advertisement"),
    ("©2024 Bloomberg LP", "copyright"),
    ("BY YOUNGNAM KIM [kim.youngnam@koreadaily.com]", "byline-email"),
    ("Most read from Bloomberg", "most-read"),
    ("Your email address will not be published. Required fields are marked *", "form-prompt"),
    ("Sign up for our daily newsletter", "form-prompt"),
    ("Original Source: www.hexham-courant.co.uk", "original-source"),
    ("You can also highlight the text and press Ctrl + Enter", "highlight-prompt"),
    ("(Updates with details on military cooperation in the seventh paragraph)", "editorial-note"),
])
def test_boilerplate_lines(segmenter, line, rule):
    assert segmenter.match(line)[0] == rule


@pytest.mark.parametrize("line", [
    "North Korea and Russia deny allegations of arms transfers, despite ample evidence that they are taking place.",
    "Relationship between Russia and North Korea",
    "Russian Official Visits North Korea Amidst Growing Military Cooperation",
    "Shoigu and Kim discussed a wide range of bilateral and international issues when they met Friday.",
])
def test_reporting_is_not_boilerplate(segmenter, line):
    assert segmenter.match(line) is None


def test_widget_block_takes_its_city(segmenter):
    text = "55.1 F\nLos Angeles\nSaturday, December 28, 2024\n\nRussia’s Shoigu meets Kim Jong-un in Pyongyang\n"
    paras = list(segmenter.paragraphs(text))
    assert [p.boilerplate is not None for p in paras] == [True, True, True, False]
    assert all(text[p.start:p.end] == p.text for p in paras)


def test_paragraph_offsets_survive_indentation(segmenter):
    text = "  first line.\n\n\t second line.  \n"
    paras = list(segmenter.paragraphs(text))
    assert [text[p.start:p.end] for p in paras] == ["first line.", "second line."]


def test_seed_boilerplate_yields_no_claims(nlp, rules, segmenter):
    """Furniture lines with numbers in them ("55.1 F", "©2024 Bloomberg LP") would give claims if processed;
    the extractor sets them aside, so no claim of any seed falls inside a boilerplate line."""
    assert nlp("55.1 F").spans["cc_quantities"], "the widget line alone reads as a quantity"
    results = list(Extractor(nlp, rules).run(read_inputs([str(SEEDS)])))
    for result in results:
        furniture = [p for p in segmenter.paragraphs(result.document.text) if p.boilerplate]
        assert furniture, result.document.id
        for claim in result.claims:
            assert not any(p.start <= claim["start"] < p.end for p in furniture), claim["text"]
    assert sum(len(r.claims) for r in results) > 10


@pytest.mark.parametrize("name,title,publisher,published", [
    ("000_6b33e73df73c8612.txt", "Russian Shoigu’s visit to North Korea sparks new arms fears", "Bloomberg", None),
    ("001_261e641a7064720c.txt", "Russia’s Shoigu meets Kim Jong-un in Pyongyang to strengthen military ties",
     "Korea Daily", "2024-12-28"),
    ("003_64c3410ec526c2e1.txt", "Russian Official Visits North Korea Amidst Growing Military Cooperation",
     "Hexham Courant", None),
    ("004_6881012dfa7ffe4d.txt", None, "Kyiv Post", None),
])
def test_seed_metadata(rules, segmenter, seed_texts, name, title, publisher, published):
    found = MetadataReader(rules).read(list(segmenter.paragraphs(seed_texts[name])))
    assert found == {"title": title, "publisher": publisher, "published": published}


def test_unknown_domain_kept_as_is(rules):
    reader = MetadataReader(rules)
    assert reader.canonical_source("www.bloomberg.com") == "Bloomberg"
    assert reader.canonical_source("example-news.org") == "example-news.org"
