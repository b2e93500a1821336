"""CueMatcher finds exactly what spaCy's SpanRuler finds for the same rows, on real text."""

import json
from itertools import islice

import pytest
import spacy
from spacy.pipeline import SpanRuler

from claimcheck.components.cues import CueMatcher, WordFinder
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
    for text in paragraphs + ["Jan. 5 was cold; No. 10 and VOL. 3.", "It may be so, he said. May 3."]:
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


def test_word_finder_same_tokens_as_a_lower_lookup(rules, paragraphs):
    """Each kind's words, by string id, where a per-token lookup of ``Token.lower`` finds them (a form the
    lemma table knows only by id, "said", included)."""
    nlp = spacy.blank("en")
    kinds = {"verb": lexicon_for(rules.nouns).form_ids(frozenset({"say", "tell"})),
             "mark": {nlp.vocab.strings.add(m) for m in ('"', "“", "”")}, "that": {nlp.vocab.strings.add("that")}}
    finder = WordFinder(nlp.vocab, kinds)
    for text in paragraphs[:60] + ['"Yes," she told him that day, SAID he.', ""]:
        doc = nlp.make_doc(text)
        assert finder(doc) == {kind: [t.i for t in doc if t.lower in ids] for kind, ids in kinds.items()}
    assert finder(nlp.make_doc("He said that.")) == {"verb": [1], "mark": [], "that": [2]}
