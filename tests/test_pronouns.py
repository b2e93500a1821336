"""Pronoun, relative and misspelled speakers (claimcheck.pronouns), on sentences from the attribution dev sets
(ECB+ and Wikinews passages, devsets/attribution/) and their negatives."""

import pytest

from claimcheck.models import Attribution
from claimcheck.pronouns import (
    GROUP,
    ORGANIZATION,
    PERSON,
    THING,
    UNKNOWN,
    Antecedent,
    PronounResolver,
    full_name,
    pick,
)
from claimcheck.speakers import SpeakerNamer

from .conftest import claim, claims_of


@pytest.fixture(scope="module")
def resolver(rules):
    from claimcheck.lexicon import lexicon_for
    return PronounResolver(SpeakerNamer(rules), lexicon_for(rules.nouns), rules.speakers)


@pytest.mark.parametrize("speaker,role,kind", [
    ("Texas Department of Criminal Justice", None, ORGANIZATION),
    ("Reuters", None, ORGANIZATION),
    ("South Korea", None, ORGANIZATION),
    ("Interior officials", None, GROUP),
    ("researchers", None, GROUP),
    ("Russia and North Korea", None, GROUP),
    ("Michelle Warren", None, PERSON),
    ("Dirk Kempthorne", "Interior Secretary", PERSON),
    ("Kathryn Waters", None, PERSON),  # a capitalized surname is no plural
    ("new study", None, THING),
    ("Verisign", None, UNKNOWN),
])
def test_kinds_from_words(resolver, speaker, role, kind):
    assert resolver.kind(speaker, role) == kind


def _said(speaker, kind, spoke=True):
    return Antecedent(Attribution(speaker, None, None, (), "said", 0, 1), kind, spoke=spoke)


def test_pick_takes_the_last_compatible_source(resolver):
    candidates = [_said("Michelle Warren", PERSON), _said("Texas Department of Criminal Justice", ORGANIZATION)]
    assert pick(resolver.allowed("he"), candidates).attribution.speaker == "Michelle Warren"
    assert pick(resolver.allowed("it"), candidates).attribution.speaker == "Texas Department of Criminal Justice"
    assert pick(resolver.allowed("it"), candidates[:1]) is None  # no speaker is better than a wrong one
    # a person only named is a candidate for "he", never for "it" or a nameless source
    named = [_said("Kevin Allton", PERSON, spoke=False)]
    assert pick(resolver.allowed("he"), named).attribution.speaker == "Kevin Allton"
    assert pick(None, named) is None


def test_it_said_resolves_to_the_department_across_paragraphs(nlp):
    # ECB+ 3_7ecbplus
    claims = claims_of(
        nlp,
        "Arcade Joseph Comeaux Jr., 49, ran away on foot with the guards' guns and wearing one of their gray "
        "correctional officer uniforms, the statement from the Texas Department of Criminal Justice said.",
        "Comeaux was serving a life sentence for indecency with a child, aggravated sexual assault and two counts "
        "of aggravated assault with a deadly weapon, it said.")
    a = claim(claims, "two counts").attribution
    assert (a.speaker, a.speaker_text, a.resolved) == ("Texas Department of Criminal Justice", "it", True)
    first = claim(claims, "49").attribution
    assert (first.speaker_text, first.resolved) == ("statement from the Texas Department of Criminal Justice", False)


def test_it_is_never_a_person(nlp):
    claims = claims_of(nlp, "Michelle Warren said the merger would put AMD on a more equal footing.",
                       "It said 300 jobs would go.")
    assert claim(claims, "300 jobs").attribution is None


def test_he_is_a_person_named_in_the_paragraph_before_the_pronoun(nlp):
    # Wikinews (GUM_news_warhol): "He" is Kevin Allton, not Kiara Perkins, quoted in the paragraph before
    claims = claims_of(
        nlp,
        "Kiara Perkins, a second year USI art major, admitted she was willing to skip class Thursday night to "
        "attend the opening exhibit.",
        "For Kevin Allton, a USI instructor in English, Warhol was also a legend. He said, \"Andy Warhol was the "
        "center of the Zeitgeist for the 20th century and everything since. He is a post-modern diety.\"")
    assert claim(claims, "she was willing").attribution.speaker == "Kiara Perkins"
    center = claim(claims, "Andy Warhol was the center").attribution
    assert (center.speaker, center.speaker_text, center.resolved) == ("Kevin Allton", "He", True)
    assert claim(claims, "He is a post-modern").attribution.speaker == "Kevin Allton"


def test_he_explained_after_a_sentence_about_him(nlp):
    # ECB+ 44_13ecbplus: "made a point of saying that" gives Hurd, and "He explained" in the next paragraph is him
    claims = claims_of(
        nlp,
        "Hurd didn't elaborate on the \"right alignment of players, \" and made a point of saying that he wasn't "
        "making a prediction.",
        "He explained that companies with lots of cash can pay dividends to shareholders, buy back stock or make "
        "acquisitions.")
    assert claim(claims, "he wasn't making").attribution.speaker == "Hurd"
    assert claim(claims, "companies with lots").attribution.speaker == "Hurd"


def test_they_is_the_church_not_a_person(nlp):
    # Wikinews (GUM_news_imprisoned)
    claims = claims_of(nlp, "In a statement to the Australian Broadcasting Corporation, the Church denied these "
                            "allegations. They also claimed Paris was a volunteer and claim she has a vested "
                            "interest for misrepresenting her experiences with the Church.")
    volunteer = claim(claims, "Paris was a volunteer")
    assert volunteer.attribution.speaker == "Church" and volunteer.text == "Paris was a volunteer"
    assert claim(claims, "she has a vested").attribution.speaker == "Church"


def test_relative_who_said(nlp):
    [c] = claims_of(nlp, "The plan was backed by Eddie Chan, who said 300 jobs would be created.")
    assert (c.attribution.speaker, c.attribution.speaker_text, c.attribution.resolved) == ("Eddie Chan", "who", True)
    # a restrictive "who" names no one: "everyone who ... testifies"
    assert all(c.attribution is None for c in claims_of(
        nlp, "They will evaluate the testimony of everyone who takes the stand and testifies that 3 men ran."))


def test_misspelled_surname_and_acronym_speak_as_the_full_name(nlp):
    # Wikinews (GUM_news_warhol, GUM_news_iodine)
    claims = claims_of(nlp, "\"Pop art was about what popular American culture really thought was important\", "
                            "Kathryn Waters said.",
                       "\"I think everybody knows Andy Warhol's name\", Water said.")
    a = claim(claims, "I think everybody").attribution
    assert (a.speaker, a.speaker_text) == ("Kathryn Waters", "Water")
    claims = claims_of(nlp, "The World Health Organisation (WHO) recommends that every country should iodise all "
                            "edible salt. WHO say Iodine deficiency is the world's most prevalent cause of brain "
                            "damage.")
    assert claim(claims, "Iodine deficiency").attribution.speaker == "World Health Organisation (WHO)"


def test_a_surname_spelled_right_stays_as_written():
    markov = Attribution("Markov", None, "markov", (), "said", 0, 6)
    named = [Antecedent(Attribution("Sergei Markov", None, "sergei markov", (), "said", 0, 1), PERSON)]
    assert full_name(markov, named).speaker == "Markov"
    mauer = Attribution("Mauer", None, "mauer", (), "said", 0, 5)
    named = [Antecedent(Attribution("K.C. Maurer", None, "k.c. maurer", (), "said", 0, 1), PERSON)]
    assert full_name(mauer, named).speaker == "K.C. Maurer"
    assert full_name(Attribution("Moore", None, "moore", (), "said", 0, 5), named).speaker == "Moore"
