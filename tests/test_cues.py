"""CueMatcher finds exactly what spaCy's SpanRuler finds for the same rows, on real text."""

import json
from itertools import islice

import pytest
import spacy
from spacy.pipeline import SpanRuler

from claimcheck.components.cues import CueMatcher
from claimcheck.lexicon import lexicon_for
from claimcheck.rules import ruler_patterns

from .conftest import ROOT


@pytest.fixture(scope="module")
def paragraphs(seed_texts):
    lines = [line for text in seed_texts.values() for line in text.splitlines() if line.strip()]
    with (ROOT / "bench" / "ecbplus.jsonl").open(encoding="utf-8") as f:
        for record in islice(f, 80):
            lines += [line for line in json.loads(record)["text"].splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("table", ["quantity_patterns", "attribution_patterns", "topic_patterns"])
def test_same_spans_as_span_ruler(rules, paragraphs, table):
    nlp = spacy.blank("en")
    rows = ruler_patterns(getattr(rules, table))
    ruler = SpanRuler(nlp, "reference", phrase_matcher_attr="LOWER")
    ruler.add_patterns(rows)
    cues = CueMatcher(nlp, rows)
    found = 0
    for text in paragraphs + ["Jan. 5 was cold; No. 10 and VOL. 3.", "It may be so, he said. May 3.",
                              "JAN 5, jan 5 and Jan 5; MAY, May and may; Could it? It could."]:
        doc = nlp.make_doc(text)
        expected = [(s.start, s.end, s.label_, s.id_) for s in ruler.match(doc)]
        assert [(s.start, s.end, s.label_, s.id_) for s in cues(doc)] == expected
        found += len(expected)
    assert found > 50


def test_mixed_and_large_patterns_use_the_token_matcher():
    nlp = spacy.blank("en")
    rows = [{"label": "X", "pattern": [{"LOWER": "up"}, {"LIKE_NUM": True}]},
            {"label": "Y", "pattern": [{"LOWER": {"IN": [f"w{i}" for i in range(10)]}},
                                       {"LOWER": {"IN": [f"v{i}" for i in range(10)]}}]}]
    cues = CueMatcher(nlp, rows)
    assert len(cues._tokens) == 2
    assert [s.label_ for s in cues(nlp.make_doc("Up 5 and w3 v7."))] == ["X", "Y"]


@pytest.mark.parametrize("rows", [
    [{"label": "H", "pattern": [{"ORTH": "may"}], "id": "may"}, {"label": "H", "pattern": "may", "id": "may"},
     {"label": "M", "pattern": [{"ORTH": {"IN": ["Jan", "JAN"]}}]}, {"label": "M", "pattern": [{"ORTH": "US"}]}],
    [{"label": "H", "pattern": [{"ORTH": "may"}]}, {"label": "P", "pattern": [{"ORTH": "New"}, {"ORTH": "York"}]}],
], ids=["one-word exact patterns, in the LOWER pass", "a two-word exact pattern: its own pass"])
def test_exact_words_as_span_ruler(rows):
    nlp = spacy.blank("en")
    ruler = SpanRuler(nlp, "reference", phrase_matcher_attr="LOWER")
    ruler.add_patterns(rows)
    cues = CueMatcher(nlp, rows)
    for text in ["May I? You may. MAY", "Jan, JAN, jan and US us Us", "New York, new york, NEW YORK, New may"]:
        doc = nlp.make_doc(text)
        assert [(s.start, s.end, s.label_, s.id_) for s in cues(doc)] == \
            [(s.start, s.end, s.label_, s.id_) for s in ruler.match(doc)]


def test_words_found_in_the_cue_pass(rules, paragraphs):
    """Each kind's words, by string id, where a per-token lookup of ``Token.lower`` finds them (a form the
    lemma table knows only by id, "said", included); the cue spans stay what they are without words."""
    nlp = spacy.blank("en")
    kinds = {"verb": lexicon_for(rules.nouns).form_ids(frozenset({"say", "tell"})),
             "mark": {nlp.vocab.strings.add(m) for m in ('"', "“", "”")}, "that": {nlp.vocab.strings.add("that")}}
    rows = ruler_patterns(rules.attribution_patterns)
    plain, with_words = CueMatcher(nlp, rows), CueMatcher(nlp, rows, kinds)
    for text in paragraphs[:60] + ['"Yes," she told him that day, SAID he, according to Reuters.', ""]:
        doc = nlp.make_doc(text)
        spans, words = with_words.find(doc)
        assert words == {kind: [t.i for t in doc if t.lower in ids] for kind, ids in kinds.items()}
        assert [(s.start, s.end, s.label_, s.id_) for s in spans] == \
            [(s.start, s.end, s.label_, s.id_) for s in plain(doc)]
    assert CueMatcher(nlp, [], kinds).find(nlp.make_doc("He said that.")) == \
        ([], {"verb": [1], "mark": [], "that": [2]})
