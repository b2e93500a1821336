import pytest

from claimcheck.numbers import NumberWords, is_ordinal, parse_digits


@pytest.fixture(scope="module")
def words(rules):
    return NumberWords(rules.numbers)


@pytest.mark.parametrize("text,expected", [
    ("10,000", 10000), ("7.2", 7.2), (".08", 0.08), ("1/2", 0.5), ("1,500,000", 1500000), ("0", 0),
    ("1.3e6", 1.3e6), ("-12e-1", -1.2), ("12.32e+14", 1.232e15),
    # Indian grouping, a continental decimal comma after dot groups, powers of a number and of ten
    ("12,34,567.89", 1234567.89), ("1.111,11", 1111.11), ("1.1^23", 1.1 ** 23), ("2.5^-1", 0.4),
    ("-1.1^--23", -(1.1 ** 23)), ("1.3x10^6", 1.3e6), ("2.48×10−5", 2.48e-5),
])
def test_digits(text, expected):
    assert parse_digits(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["10,00", "1,2", "abc", "", "4:08", "1.2.3"])
def test_not_digits(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize("tokens,expected", [
    ("five million", 5_000_000),
    ("three hundred and forty", 340),
    ("twenty - one", 21),
    ("a quarter million", 250_000),
    ("half a million", 500_000),
    ("two dozen", 24),
    ("a couple of hundred", 200),
    ("1.2 bn", 1.2e9),
    ("5 m", 5e6),
    ("2 1/2", 2.5),
    ("one million two hundred thousand", 1_200_000),
    ("two thirds", 2 / 3),
    ("twelve thousand", 12_000),
    ("nineteen hundred", 1900),
    # a fraction joined by "and": of the whole, of the scale before it, or scaled by the one after it
    ("one and a half", 1.5),
    ("one hundred and three quarters", 100.75),
    ("five billion and three quarters", 5.75e9),
    ("3 million and a half", 3.5e6),
    ("five and a half million", 5.5e6),
    ("one billion and a half million", 1.0005e9),
    ("two hundred thirty two and a thirtieth", 232 + 1 / 30),
    # thousands written with spaces, Indian scales, zero as "nought"
    ("1 414 021 100", 1_414_021_100),
    ("6 crore and two hundred", 60_000_200),
    ("nought point nought three", 0.03),
    # a multiple counts the part after "hundred"; scales in a row multiply
    ("three hundred and two dozens", 324),
    ("a hundred dozen", 1200),
    ("three lakh crore", 3e12),
    ("a thousand million", 1e9),
    ("a half - dozen", 6),
    ("hundred thousand", 100_000),
    ("two hundred and two thousand", 202_000),
    # denominators of more than one word; "and" after "hundred" keeps the numerator whole
    ("three twenty firsts", 3 / 21),
    ("a twenty first", 1 / 21),
    ("one hundred thirty fifths", 100 / 35),
    ("one hundred and thirty fifths", 130 / 5),
    ("one one hundred fifth", 1 / 105),
    ("one hundred one thousand fifths", 100 / 1005),
    ("a hundred thousand trillionths", 1e5 / 1e12),
    ("two hundred and fifty four hundredths", 200.54),
    ("ninety - five hundred fifths", 9500 / 5),
    ("five hundreds", 500),
])
def test_word_values(words, tokens, expected):
    assert words.value(tokens.split()) == pytest.approx(expected)


def test_rejects_non_numbers(words):
    assert words.value(["five", "shells"]) is None
    assert words.value(["and"]) is None


@pytest.mark.parametrize("text,expected", [("22nd", True), ("1st", True), ("3rd", True), ("22", False)])
def test_ordinals(text, expected):
    assert is_ordinal(text) is expected
