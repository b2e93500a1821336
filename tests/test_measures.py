"""What each quantity measures, on sentences from the ECB+ bench corpus (bench/ecbplus.jsonl, CC BY 3.0) and the
issue's examples, with their negatives."""

import pytest

# (sentence, claim text, predicate id, class, specific noun?, part?, update?)
MEASURED = [
    ("He's the former Kutztown University football player who went on a shooting rampage at an Atlanta "
     "courthouse in 2005, killing four people.", "four people", "killed", "person", False, False, False),
    ("Police said 12 people were injured in the riots.", "12 people", "injured", "person", False, False, False),
    ("Greek anti-austerity march erupts in violence, 3 dead", "3 dead", "killed", "person", False, False, False),
    # an aside between commas does not hide the verb
    ("Three people, one of them a pregnant woman, were killed when Greeks protesting against government austerity "
     "measures threw petrol bombs at a bank in Athens on Wednesday.", "Three people", "killed", "person", False,
     False, False),
    ("Police said at least three people, a man and two women, were killed in the fire-bomb attack.",
     "at least three people", "killed", "person", False, False, False),
    ("Police said two women and one man died at a branch of the Marfin bank which caught fire.", "one man",
     "killed", "person", True, False, False),
    ("No one was injured, but several people, including two children, were inside the church when the blaze "
     "started.", "two children", None, "person", True, True, False),
    ("INS Sukanya intercepted the remaining three boats and nabbed 26 Somali pirates.", "26 Somali pirates",
     "arrested", None, False, False, False),
    ("the crowd has dispersed (the Post says three people were injured).", "three people", "injured", "person",
     False, False, False),
    # the examples
    ("Police said 4 dead, 2 hurt in the crash.", "2 hurt", "injured", "person", False, False, False),
    ("The death toll rose to five on Sunday.", "five", "killed", "person", False, False, True),
    # after "rose to", the measure is the update's subject, however long; a hyphen inside a name is no break
    ("The death toll from floods in Emilia-Romagna rose to 14 on Friday.", "14", "killed", "person", False, False,
     True),
    ("Five killed in bus crash.", "Five", "killed", "person", False, False, False),
    ("Four people were injured.", "Four people", "injured", "person", False, False, False),
    ("Two boys were shot dead.", "Two boys", "killed", "person", True, False, False),  # dead, not fired
    # ECB+ 18_1ecbplus and 18_4ecbplus: "to death" is a death whatever the verb; people shot are shot, not fired
    ("A Michigan man shot to death one person and injured two others Monday at the suburban Detroit accounting "
     "firm from which he was fired last week, police said.", "one person", "killed", "person", False, False, False),
    ("A gunman shot three people at a suburban Detroit office building Monday morning, and officers were "
     "searching for the shooter, police said.", "three people", "shot", "person", False, False, False),
    ("Two of the victims were children.", "Two of the victims", None, "person", False, True, False),
    ("North Korea has supplied nearly five million artillery shells to Russia.",
     "nearly five million artillery shells", "supplied", "shell", False, False, False),
    ("Russia had launched approximately 50 North Korean Hwasong-11 missiles.",
     "approximately 50 North Korean Hwasong-11 missiles", "fired", "missile", False, False, False),
    ("About 2,000 residents were evacuated.", "About 2,000 residents", "evacuated", "person", False, False, False),
    # the event's own noun counts people; a thing its verb also names does not (ECB+ 28_5, 36_10)
    ("Police made 86 arrests during the protests.", "86 arrests", "arrested", "person", False, False, False),
    ("On June 27, 1973, he pleaded guilty to one charge of conspiring to obstruct justice.", "one charge",
     "arrested", None, False, False, False),
    ("Seven indictments, nine charges and six leaders of the church now face trial in Texas.", "nine charges",
     "arrested", None, False, False, False),
    # coordinated figures share their verb, before them (the seeds) or after them (ECB+ 4_ecb's Marfin bank fire)
    ("In July, South Korean Defense Minister Shin Won-sik revealed that North Korea had transferred more than 5 "
     "million artillery shells and dozens of short-range ballistic missiles to Russia for use in its war against "
     "Ukraine.", "dozens of short-range ballistic missiles", "supplied", "missile", False, False, False),
    ("Police said two women and one man died at a branch of the Marfin bank which caught fire.", "two women",
     "killed", "person", True, False, False),
]


@pytest.mark.parametrize("sentence,text,predicate,cls,specific,part,update", MEASURED)
def test_measure(nlp, sentence, text, predicate, cls, specific, part, update):
    doc = nlp(sentence)
    spans = {s.text: s for s in doc.spans["cc_quantities"]}
    assert text in spans, list(spans)
    m = spans[text]._.cc_measure
    assert (m.id, m.counted_class, m.specific, m.part, m.update) == (predicate, cls, specific, part, update)


NOT_MEASURED = [
    # a casualty word near a unit of measure or a thing counts neither
    ("Officials sent 420 tons of food to the displaced families.", "420 tons of food"),
    ("Floods displaced 20 km of road.", "20 km"),
    # a preposition ends the number's clause: the marchers were not killed (ECB+ 8_9ecbplus)
    ("The two women and a man were killed during demonstrations by tens of thousands who marched through Athens.",
     "tens of thousands"),
    ("The 12 members of the jury met on Monday.", "12 members"),  # no event: counted, not measured
    ("He is 33 years old.", "33 years old"),  # an age (claimcheck.components.ages)
    ("The ransom cost $5 million.", "$5 million"),  # money measures the ransom, not a death or a delivery
]


@pytest.mark.parametrize("sentence,text", NOT_MEASURED)
def test_no_event_predicate(nlp, sentence, text):
    doc = nlp(sentence)
    spans = {s.text: s for s in doc.spans["cc_quantities"]}
    m = spans[text]._.cc_measure
    assert m.id in (None, "ransom") and not m.part and not m.update


def test_money_measures_what_it_pays_for(nlp):
    doc = nlp("The pirates demanded a ransom of $2 million.")
    [ransom] = doc.spans["cc_quantities"]
    assert (ransom._.cc_measure.id, ransom._.cc_measure.counted_class) == ("ransom", "USD")
    doc = nlp("The company lost $100 million.")
    [bare] = doc.spans["cc_quantities"]
    assert bare._.cc_measure.id is None


def test_a_small_number_before_a_casualty_verb_is_a_count(nlp):
    """'Five killed' and 'two were injured' are counts; 'the two met' still refers back."""
    def claims(text):
        doc = nlp(text)
        return [s.text for s in doc.spans["cc_quantities"]]

    assert claims("Five killed in bus crash.") == ["Five"]
    assert claims("Later two were injured.") == ["two"]
    assert claims("The two met in Geneva.") == []
    assert claims("One of them said so.") == []
