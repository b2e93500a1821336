"""Attribution on news the seed rules were not written from (issue 15): cue verbs in every form, the speaker on
either side, appositives, evidence cues, speaker spans. Sentences from the attribution dev passages
(devsets/attribution/*_passages.jsonl: ECB+, Wikinews), ECB+'s bench corpus, or the issue's examples; each rule
with a negative."""

import pytest

from .conftest import claim, claims_of


@pytest.mark.parametrize("sentence,span,speaker,cue", [
    ("Officials tell BBC News every claim will be assessed meritocratically.", "every claim", "Officials", "tell"),
    ("Lopez told police he was aiming for rival gang members.", "he was aiming", "Lopez", "told"),
    ("The Broncos wrote that 3 players would miss the game.", "3 players", "Broncos", "wrote"),
    ("Another Canadian analyst noted that the merger was likely to bring significant benefits.", "the merger",
     "Canadian analyst", "noted"),
    ("Kiara Perkins, a second year USI art major, admitted she was willing to skip class Thursday night.",
     "she was willing", "Kiara Perkins", "admitted"),
    ("Facebook co-founder Mark Zuckerberg tweeted to Mohamed and said the boy was welcome to come and tour the "
     "company.", "the boy", "Mark Zuckerberg", "said"),
    ("The union argued that 400 jobs were at risk.", "400 jobs", "union", "argued"),
    ("The ministry responded that 12 people had been evacuated.", "12 people", "ministry", "responded"),
    ("The World Health Organisation (WHO) recommends that every country should iodise all edible salt.",
     "every country", "World Health Organisation (WHO)", "recommends"),
    ("Rebels acknowledged that 8 fighters died, adding that 3 more were missing.", "3 more", "Rebels", "adding"),
])
def test_cue_verbs_in_every_form(nlp, sentence, span, speaker, cue):
    a = claim(claims_of(nlp, sentence), span).attribution
    assert (a.speaker, a.cue) == (speaker, cue)


def test_a_verb_that_needs_that_and_has_no_clause_is_no_statement(nlp):
    # "explained" with an object only, "tweeted" a link: nothing said
    assert all(c.attribution is None for c in claims_of(nlp, "He explained the rules to the 12 players."))


@pytest.mark.parametrize("sentence,span,speaker", [
    # the name before its description speaks (Wikinews)
    ("K.C. Maurer, chief financial officer and treasurer at the Andy Warhol Foundation, said 500 institutions "
     "received the initial invitation.", "500 institutions", "K.C. Maurer"),
    ("Jeff Rathke, the State Department Spokesperson, said, \"We urge the governments of the region to work "
     "together quickly.\"", "We urge", "Jeff Rathke"),
    ("Speaking in the parents' defense, Tom Molomby, SC, said that, as the parents came from India, they should be "
     "declared not guilty.", "as the parents came", "Tom Molomby"),
    ("Civil Defense Authority director General Suleiman al-Amr, in remarks to al-Ikhbariya television, said \"All "
     "those who were wounded and the dead have been taken to hospital.\"", "All those", "Suleiman al-Amr"),
    # the name after the description speaks (seeds)
    ("North Korea's official agency, KCNA, acknowledged Shoigu's visit but offered no detail.", "Shoigu's visit",
     "KCNA"),
    # inverted, with an age before the name and a phrase after it (ECB+)
    ("\"They're taking everything from me,\" said 61-year-old Anargyros Bizianis, a municipal worker in the Athens "
     "suburb of Piraeus.", "They're taking", "Anargyros Bizianis"),
    ("`` Nothing in this regulation relieves a federal agency of its responsibilities, '' said Interior Secretary "
     "Dirk Kempthorne in a conference call with reporters.", "Nothing in this regulation", "Dirk Kempthorne"),
    # a long title closing on the name (Wikinews)
    ("Executive director of the Dallas chapter of the Council on American - Islamic Relations Alia Salem said "
     "Mohamed wishes to use his newfound fame.", "Mohamed wishes", "Alia Salem"),
])
def test_speaker_on_either_side(nlp, sentence, span, speaker):
    assert claim(claims_of(nlp, sentence), span).attribution.speaker == speaker


def test_a_parenthetical_speaker_inside_the_clause(nlp):
    # Wikinews: "said Mauer" interrupts the clause, whose figure is Mauer's; "in a September interview" is no claim
    [c] = claims_of(nlp, "Institutional recipients, said Mauer, are required to exhibit their donated Warhol "
                         "photographs every ten years.")
    assert (c.text, c.attribution.speaker) == ("ten years", "Mauer")
    claims = claims_of(nlp, "\"We are ready to fight,\" said one of the rebel leaders, Abdel Aziz al-Hilu, in a "
                            "September interview.")
    assert [(c.text, c.attribution.speaker) for c in claims] == [("We are ready to fight", "Abdel Aziz al-Hilu")]


@pytest.mark.parametrize("sentence,words", [
    ("Buckley was one of four men trying to climb to the Sefton Bivvy, according to New Zealand media reports.",
     "New Zealand media reports"),
    ("He steadfastly said that 5 people died.", "He"),
    ("The knee was examined over the weekend and coach Sean Payton said at practice on Wednesday that 3 players "
     "would sit out.", "coach Sean Payton"),
    ("The broadcasts began on August 10 and South Korea says the broadcasts will continue for 48 hours.",
     "South Korea"),
])
def test_speaker_spans_are_the_name_and_its_role(nlp, sentence, words):
    claims = [c for c in claims_of(nlp, "Smith said the talks had failed.", sentence) if c.attribution is not None]
    assert claims and claims[-1].attribution.speaker_text == words
    assert claims[-1].attribution.speaker_text == sentence[claims[-1].attribution.start:claims[-1].attribution.end] \
        or claims[-1].attribution.resolved


@pytest.mark.parametrize("sentence,speaker,cue", [
    ("A poll shows 55 percent back the plan.", "poll", "shows"),
    ("Data from the ministry showed that 400 schools closed.", "ministry", "showed"),
    ("The report found that 2 million people lack water.", "report", "found"),
    ("Photos released of the scene showed 12 bloodied bodies.", "Photos released of the scene", "showed"),
])
def test_evidence_cues(nlp, sentence, speaker, cue):
    [c] = claims_of(nlp, sentence)
    assert (c.attribution.speaker, c.attribution.cue) == (speaker, cue)


@pytest.mark.parametrize("sentence", [
    "The show was watched by 3 million people.",
    "He showed up with 20 friends.",
    "A powerful earthquake has hit southern Iran, killing at least three people, according to reports.",
])
def test_no_evidence_without_evidence(nlp, sentence):
    assert all(c.attribution is None for c in claims_of(nlp, sentence))


def test_participle_agents_and_foreseen_statements(nlp):
    # ECB+ 8_7ecb, 9_12ecbplus, 36_7ecbplus
    [c] = [c for c in claims_of(nlp, "The victims were identified, both described by colleagues this morning as "
                                     "dedicated professionals and family men.") if c.attribution]
    assert (c.text, c.attribution.speaker) == ("dedicated professionals and family men", "colleagues")
    [c] = claims_of(nlp, "There was no word on another midnight regulation, an omission criticised by some "
                         "activists today.")
    assert (c.text, c.attribution.speaker) == ("an omission", "some activists")
    assert all(c.attribution is None for c in claims_of(
        nlp, "The wrangling will continue when it is likely Jeffs' legal team will argue he should remain in Utah."))


def test_two_that_clauses_are_two_statements(nlp):
    # ECB+ 9_7ecb
    claims = claims_of(nlp, "Interior officials said federal agencies could still seek the expertise of federal "
                            "wildlife biologists on a voluntary basis, and that other parts of the law will ensure "
                            "that species are protected.")
    first, second = claim(claims, "federal agencies"), claim(claims, "other parts of the law")
    assert first.id != second.id and not first.text.endswith("and")
    assert first.attribution.speaker == second.attribution.speaker == "Interior officials"


def test_according_to_without_a_comma_stops_at_the_name(nlp):
    # Wikinews (GUM_news_stampede)
    claims = claims_of(nlp, "According to the Saudi Interior Ministry over 345 Muslim pilgrims have been killed in a "
                            "stampede near Mecca, Saudi Arabia.")
    assert claim(claims, "over 345").attribution.speaker == "Saudi Interior Ministry"


def test_title_abbreviation_is_no_sentence_end(nlp):
    # ECB+ 22_2ecbplus: "Lt." kept whole, so the speaker is in the sentence
    [c] = claims_of(nlp, "About 10 minutes after she was escorted out, she returned in a car, Lt. Frank Vanore said.")
    # a title abbreviation opening the name stays in it, as "Mr. Kim" does
    assert (c.text, c.attribution.speaker) == ("About 10 minutes", "Lt. Frank Vanore")
