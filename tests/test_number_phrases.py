"""The number-phrase reader alone: how far a phrase reaches, and when a number word is something else."""

import pytest

from claimcheck.components.number_phrases import NumberPhraseReader
from claimcheck.lexicon import english_lexicon
from claimcheck.numbers import NumberWords


@pytest.fixture(scope="module")
def reader(rules):
    return NumberPhraseReader(NumberWords(rules.numbers), english_lexicon())


@pytest.fixture(scope="module")
def tokenizer(nlp):
    return nlp.tokenizer


@pytest.mark.parametrize("text,start,phrase,value", [
    ("They sent three hundred and forty troops.", 2, "three hundred and forty", 340),
    ("Officials expect half a million visitors.", 2, "half a million", 5e5),
    ("One in five residents left.", 0, "One in five", 0.2),
    ("The answer is three twenty-firsts.", 3, "three twenty-firsts", 3 / 21),
    ("It cost 3 hundred and 2 hundred dollars.", 2, "3 hundred", 300),  # "and" never joins a larger part
])
def test_reads_the_whole_phrase(reader, tokenizer, text, start, phrase, value):
    doc = tokenizer(text)
    number = reader.read(doc, start)
    assert doc[number.start:number.end].text == phrase
    assert number.value == pytest.approx(value)


@pytest.mark.parametrize("text,start", [
    ("His score is higher.", 1),  # a noun
    ("They won the second half.", 4),  # a period of a game
    ("They filed a third-party claim.", 2),  # a compound
    ("The one you mentioned left.", 1),  # a pronoun
    ("Prices rose to USD million.", 4),  # a scale alone
])
def test_number_words_used_as_something_else(reader, tokenizer, text, start):
    assert reader.read(tokenizer(text), start) is None


def test_vague_amounts_are_intervals(reader, tokenizer):
    doc = tokenizer("Tens of thousands of people fled.")
    number = reader.read(doc, 0)
    assert (number.value, number.vague) == (None, (20_000, 100_000))
