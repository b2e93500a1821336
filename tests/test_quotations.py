"""Quotations over several sentences and paragraphs, colons, on passages of the attribution dev sets
(devsets/attribution/, ECB+ and Wikinews) and their negatives."""

from claimcheck.components.quotations import MARKS, inside, quotations

from .conftest import claim, claims_of


def spans(nlp, text):
    doc = nlp.make_doc(text)
    marks = [t.i for t in doc if t.text in MARKS]
    return doc, quotations(doc, marks)


def test_quotation_marks_pair_across_sentences(nlp):
    doc, quotes = spans(nlp, 'He said, "It was a very emotional day. The team was focused." Then he left.')
    [(start, end)] = quotes
    assert doc[start:end].text == '"It was a very emotional day. The team was focused."'
    assert inside(quotes, start + 1, end - 1) == (start, end)
    # TeX quotes as the tokenizer cuts them; an opening with no close runs to the end of the paragraph
    doc, quotes = spans(nlp, "David Soares: `` The issues that are in play will bear themselves out.")
    assert quotes == [(3, len(doc))]
    # a closing mark with no opening: the quotation began in the paragraph before
    doc, quotes = spans(nlp, "There's a jury that was chosen to listen to the evidence. ''")
    assert quotes == [(0, len(doc))]
    # single quotes are apostrophes as often as not
    assert spans(nlp, "She certainly wasn't 'forced' to be there.")[1] == []


def test_every_sentence_of_a_quotation_has_its_speaker(nlp):
    # Wikinews (GUM_news_soccer)
    claims = claims_of(nlp, "After the match, Hernan Dario Gomez, Panama coach, said, \"I think we have learned a "
                            "lot from today's game. It was a very emotional day. This is the fifth time I've been "
                            "at a World Cup but it felt like the first.\"")
    for start in ("I think we have learned", "It was a very emotional day", "This is the fifth time"):
        a = claim(claims, start).attribution
        assert a.speaker == "Hernan Dario Gomez", start
    a = claim(claims, "It was a very emotional day").attribution
    assert (a.speaker_text, a.resolved) == (None, True)


def test_quote_then_speaker_over_two_sentences(nlp):
    # Wikinews (GUM_news_iodine): the cue closes the second sentence of the quotation
    claims = claims_of(nlp, "\"The effects of iodine deficiency are dependent upon how severe it is and when it "
                            "occurs. So if we go to the pregnant woman, she doesn't get enough iodine,\" Professor "
                            "Eastman said.")
    assert claim(claims, "The effects of iodine").attribution.speaker == "Eastman"
    assert claim(claims, "So if we go").attribution.speaker == "Eastman"


def test_a_new_quotation_after_a_statement_is_the_same_speaker(nlp):
    # Wikinews (GUM_news_crane): a second quotation with no cue of its own
    claims = claims_of(nlp, "\"Had it happened an hour later it would have been much worse,\" Khaled Al-Maeena, "
                            "editor at large at the Saudi Gazette, said. \"Had it happened five hours earlier, I "
                            "think the death toll would have been more than a thousand.\"")
    assert claim(claims, "Had it happened an hour").attribution.speaker == "Khaled Al-Maeena"
    a = claim(claims, "five hours").attribution
    assert (a.speaker, a.cue, a.resolved) == ("Khaled Al-Maeena", "quote", True)


def test_a_quotation_continued_from_the_paragraph_before(nlp):
    # ECB+ 33_4ecb: the colon opens the quotation, the next paragraph closes it
    claims = claims_of(nlp, "David Soares/Albany County District Attorney: `` The issues that are in play in the "
                            "courtroom right now will bear themselves out.",
                       "There's a jury that was chosen to listen to the evidence that's presented and they will "
                       "evaluate the testimony of everyone who takes the stand and testifies. ''")
    first = claim(claims, "The issues").attribution
    assert (first.speaker, first.role, first.cue) == ("David Soares", "Albany County District Attorney", ":")
    assert claim(claims, "There's a jury").attribution.speaker == "David Soares"


def test_a_bare_quotation_with_no_source_before_it_has_none(nlp):
    # ECB+ 41_8ecb: the speaker is named only before the passage
    claims = claims_of(nlp, "`` I saw women and men parents slapping their faces in grief, screaming, some of them "
                            "collapsed to the floor.")
    assert all(c.attribution is None for c in claims)


def test_colon_attribution(nlp):
    # Wikinews (GUM_news_imprisoned, GUM_news_taxes), ECB+ 33_3ecbplus, the "X tweeted: ..."
    claims = claims_of(nlp, "In a statement to the Australian Broadcasting Corporation, the Church denied these "
                            "allegations: She certainly wasn't 'forced' to be there.")
    assert claim(claims, "these allegations").denial and claim(claims, "these allegations").text == \
        "these allegations"
    assert claim(claims, "She certainly").attribution.speaker == "Church"
    claims = claims_of(nlp, "The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino, has "
                            "called the sentence \"dangerous\" ((it)) and \"ideological\" ((it)): \"We face a "
                            "dangerous sentence. Who takes the decisions, do it with less ideology.\"")
    assert claim(claims, "We face").attribution.speaker == "Nunzio Galantino"
    assert claim(claims, "Who takes the decisions").attribution.speaker == "Nunzio Galantino"
    [kelly] = claims_of(nlp, "NYPD Commissioner Raymond Kelly said: 'We're certainly pleased with the fact that the "
                             "investigation has identified Mr. Lopez, ' the Daily News reported.")
    assert (kelly.attribution.speaker, kelly.attribution.via) == ("Raymond Kelly", ("Daily News",))
    [c] = claims_of(nlp, "Clinton tweeted: \"We must stand with our allies, and 5,000 troops will stay.\"")
    assert (c.text, c.attribution.speaker, c.attribution.cue) == ("5,000 troops", "Clinton", ":")
    [c] = claims_of(nlp, "The ministry said in a statement: 12 people were killed.")
    assert (c.text, c.attribution.speaker) == ("12 people", "ministry")


def test_a_colon_before_a_list_is_no_attribution(nlp):
    assert all(c.attribution is None for c in claims_of(
        nlp, "The figures for the week: 12 people killed and 30 injured in the north."))
