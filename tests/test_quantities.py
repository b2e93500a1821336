"""The quantities component on real sentences: the seeds first, then each rule family."""

import pytest

INF = None

# (sentence from the seeds, claim text, low, high, unit, flags, topic)
SEED_CASES = [
    ("According to the US and its partners, the trade included millions of artillery shells and short-range "
     "ballistic missiles that were used to attack Ukraine.",
     "millions of artillery shells", 2e6, 1e9, "shell", {"vague"}, "artillery"),
    ("A recent Bloomberg report, citing South Korea’s defense ministry, implies that North Korea has supplied "
     "nearly five million artillery shells to Russia.",
     "nearly five million artillery shells", 4.5e6, 5e6, "shell", {"approximate"}, "artillery"),
    ("In July, South Korean Defense Minister Shin Won-sik revealed that North Korea had transferred more than "
     "5 million artillery shells and dozens of short-range ballistic missiles to Russia for use in its war "
     "against Ukraine.",
     "more than 5 million artillery shells", 5e6, INF, "shell", set(), "artillery"),
    ("In July, South Korean Defense Minister Shin Won-sik revealed that North Korea had transferred more than "
     "5 million artillery shells and dozens of short-range ballistic missiles to Russia.",
     "dozens of short-range ballistic missiles", 24, 100, "missile", {"vague"}, "missiles"),
    ("According to intelligence reports from American, South Korean, and Ukrainian officials, North Korea has "
     "supplied significant quantities of conventional weaponry to Russia, and last autumn, it dispatched "
     "between 10,000 to 12,000 troops.",
     "between 10,000 to 12,000 troops", 10_000, 12_000, "troop", set(), "troops"),
    ("More recently, estimates suggest that North Korea might have sent an additional 1,000 to 3,000 soldiers "
     "to support Russia’s efforts.",
     "an additional 1,000 to 3,000 soldiers", 1_000, 3_000, "soldier", {"additional"}, "troops"),
    ("North Korea has reportedly sent thousands of soldiers and arms to Russia, raising international concerns.",
     "thousands of soldiers", 2_000, 1e6, "soldier", {"vague"}, "troops"),
    ("By March 14, the Kharkiv prosecutor’s office reported that Russia had launched approximately 50 North "
     "Korean Hwasong-11 missiles across six regions of Ukraine.",
     "approximately 50 North Korean Hwasong-11 missiles", 45, 55, "missile", {"approximate"}, "missiles"),
    ("According to the investigation, Russian forces fired more than 20 North Korean-made weapons at Ukraine.",
     "more than 20 North Korean-made weapons", 20, INF, "weapon", set(), "missiles"),
    ("South Korean officials noted that since the previous year, North Korea had supplied around 7,000 "
     "containers of ammunition and other military equipment to Russia.",
     "around 7,000 containers of ammunition", 6_300, 7_700, "container", {"approximate"}, "artillery"),
]


@pytest.mark.parametrize("sentence,text,low,high,unit,flags,topic", SEED_CASES,
                         ids=[c[1] for c in SEED_CASES])
def test_seed_claims(quantities, sentence, text, low, high, unit, flags, topic):
    found = {t: (q, tp) for t, q, tp in quantities(sentence)}
    assert text in found, f"{text!r} not in {list(found)}"
    q, found_topic = found[text]
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)
    assert q.unit == unit
    assert {f for f in ("approximate", "vague", "additional") if getattr(q, f)} == flags
    assert found_topic == topic


def test_qualifier_open_and_closed_ends(quantities):
    [(_, more, _)] = quantities("Officials said more than 20 drones were shot down.")
    [(_, least, _)] = quantities("Officials said at least 20 drones were shot down.")
    assert (more.low, more.low_inclusive) == (20, False)
    assert (least.low, least.low_inclusive) == (20, True)
    [(_, upto, _)] = quantities("The ship can carry up to 3,000 containers.")
    [(_, under, _)] = quantities("The ship carried under 3,000 containers.")
    assert (upto.high, upto.high_inclusive, upto.low) == (3000, True, None)
    assert (under.high, under.high_inclusive) == (3000, False)
    assert upto.qualifier == "up to" and under.qualifier == "under"


@pytest.mark.parametrize("sentence,text,low,high,unit", [
    ("The deal is worth $7.2 billion, the company said.", "$7.2 billion", 7.2e9, 7.2e9, "USD"),
    ("The club paid £74m for the striker.", "£74m", 74e6, 74e6, "GBP"),
    ("Revenue reached 1.2bn last year.", "1.2bn", 1.2e9, 1.2e9, None),
    ("The fund holds €85 million ($108 million) in reserves.", "€85 million", 85e6, 85e6, "EUR"),
    ("The fund holds €85 million ($108 million) in reserves.", "$108 million", 108e6, 108e6, "USD"),
    ("Prices rose 5% in March.", "5%", 5, 5, "percent"),
    ("Prices rose 5 per cent in March.", "5 per cent", 5, 5, "percent"),
    ("Some twenty-one people were hurt.", "Some twenty-one people", 18.9, 23.1, "people"),
    ("Officials expect half a million visitors.", "half a million visitors", 5e5, 5e5, "visitor"),
    ("The fighting displaced a quarter million residents.", "a quarter million residents", 2.5e5, 2.5e5,
     "resident"),
    ("They counted between ten and twelve thousand marchers.", "between ten and twelve thousand marchers",
     10_000, 12_000, "marcher"),
    ("Police said several hundred protesters gathered.", "several hundred protesters", 300, 1000, "protester"),
    ("Tens of thousands of people fled the city.", "Tens of thousands of people", 20_000, 100_000, "people"),
    ("The road runs 10,000-12,000 metres.", "10,000-12,000 metres", 10_000, 12_000, "metre"),
    ("A couple of hundred fans waited outside.", "A couple of hundred fans", 200, 200, "fan"),
    # fractions joined on, ratios, shares
    ("The trip took two and a half hours.", "two and a half hours", 2.5, 2.5, "hour"),
    ("There are five and a half million fish in this lake.", "five and a half million fish", 5.5e6, 5.5e6, "fish"),
    ("The population is 3 million and a half.", "3 million and a half", 3.5e6, 3.5e6, None),
    ("Two out of three voters agreed.", "Two out of three voters", 2 / 3, 2 / 3, "voter"),
    ("One in five residents left the city.", "One in five residents", 0.2, 0.2, "resident"),
    # written forms from outside the US and UK, and notation
    ("China's population is 1 414 021 100 people.", "1 414 021 100 people", 1_414_021_100, 1_414_021_100,
     "people"),
    ("The fund lent 35 lakh rupees.", "35 lakh rupees", 3.5e6, 3.5e6, "INR"),
    ("Either 10 bln or more was spent.", "10 bln or more", 1e10, None, None),
    ("The sample held 1.3e6 cells.", "1.3e6 cells", 1.3e6, 1.3e6, "cell"),
    ("Officials counted two hundred thirty soldiers.", "two hundred thirty soldiers", 230, 230, "soldier"),
    ("The ministry listed 4 thousand 3 hundred and 21 claims.", "4 thousand 3 hundred and 21 claims", 4321, 4321,
     "claim"),
    ("Two thirds of a million people voted.", "Two thirds of a million people", 2e6 / 3, 2e6 / 3, "people"),
    ("The party won a fifth of the vote.", "a fifth", 0.2, 0.2, "fraction"),  # a share: share_unit
    ("Residents fear that one mile of road will close.", "one mile", 1, 1, "mile"),  # "that one" + a noun counts
    ("Fluor won a $300 million contract.", "$300 million", 3e8, 3e8, "USD"),  # the article "a" is not A$
    ("The bank lent A$48 million.", "A$48 million", 48e6, 48e6, "AUD"),
    # ranges with the unit on both ends
    ("The Red Sox offered between $140 million and $150 million.", "between $140 million and $150 million",
     140e6, 150e6, "USD"),
    ("The deal is worth between $140 and $150 million.", "between $140 and $150 million", 140e6, 150e6, "USD"),
    ("They were given 44 mg to 50 mg ethanol.", "44 mg to 50 mg", 44, 50, "milligram"),
    # "pounds" is money with a scale, a weight without one
    ("The notebook weighs 6.6 pounds.", "6.6 pounds", 6.6, 6.6, "pound"),
    ("Operating profit rose to 361 million pounds.", "361 million pounds", 361e6, 361e6, "GBP"),
    # a figure and its smaller unit are one figure
    ("He is 5 feet 2 inches tall.", "5 feet 2 inches", 5 + 2 / 12, 5 + 2 / 12, "foot"),
    ("It only cost thirteen dollars and forty-five cents.", "thirteen dollars and forty-five cents", 13.45, 13.45,
     "USD"),
    ("He ran it in 4 minutes 48 seconds.", "4 minutes 48 seconds", 4.8, 4.8, "minute"),
    ("It costs 15 dollars 50.", "15 dollars 50", 15.5, 15.5, "USD"),
    # qualifiers as comparisons
    ("Sales were less than or equal to 40 units.", "less than or equal to 40 units", None, 40, "unit"),
    ("Casualties exceeded 300 soldiers.", "exceeded 300 soldiers", 300, None, "soldier"),
    # glued and symbolic forms the tokenizer cuts apart (token_splits in numbers.json)
    ("The number range is 1000–5000.", "1000–5000", 1000, 5000, None),
    ("Salaries range 5k-20k.", "5k-20k", 5000, 20000, None),
    ("These apples cost 20~100.", "20~100", 20, 100, None),
    ("Keep x>10 and y<20.", ">10", 10, None, None),
    ("The fee is USD115.", "USD115", 115, 115, "USD"),
    ("The fee is 115USD.", "115USD", 115, 115, "USD"),
    ("He paid nzd$15 for it.", "nzd$15", 15, 15, "NZD"),
    ("The growth was 1.3x10^6 cells.", "1.3x10^6 cells", 1.3e6, 1.3e6, "cell"),
    # vague words before a multiple
    ("Police saw several dozen youths hurling stones.", "several dozen youths", 36, 120, "youth"),
    ("They own at least a half-dozen guns.", "at least a half-dozen guns", 6, None, "gun"),
    ("The dairy sold about half the milk in Alaska.", "about half", 0.45, 0.55, "fraction"),
    ("Of the candidates, more than half are members.", "more than half", 0.5, None, "fraction"),
    ("The Red Sox offered $140-150MM for him.", "$140-150MM", 140e6, 150e6, "USD"),
    ("The club paid £74m.", "£74m", 74e6, 74e6, "GBP"),
    ("The club paid £5 m for him.", "£5 m", 5e6, 5e6, "GBP"),  # spaced "m" after money is millions
    ("The tower is 30 m high.", "30 m", 30, 30, "metre"),
    # a bound after the number says more than "about" or "equal to" before it; "or equal" closes a bound
    ("There are about five hundred or more.", "about five hundred or more", 500, None, None),
    ("His score is equal to 5000 or less.", "equal to 5000 or less", None, 5000, None),
    # currency codes and scales around them
    ("They lost 75 USD million in three years.", "75 USD million", 75e6, 75e6, "USD"),
    ("The Yankees made an initial $140-million bid.", "$140-million", 140e6, 140e6, "USD"),
    ("Loans of 110-billion euros were agreed.", "110-billion euros", 110e9, 110e9, "EUR"),
    # rates, metres and inches, a unit in brackets
    ("The car can run at over 188 miles an hour.", "over 188 miles an hour", 188, None, "mile per hour"),
    ("Oil rose to $50 a barrel.", "$50 a barrel", 50, 50, "USD per barrel"),
    ("Sales grew to $1.17 billion a year earlier.", "$1.17 billion", 1.17e9, 1.17e9, "USD"),
    ("It could be written as 10km/hr.", "10km/hr", 10, 10, "kilometre per hour"),
    ("I'm 1.8m tall.", "1.8m", 1.8, 1.8, "metre"),
    ("The length is 12 ft 2 in more or less.", "12 ft 2 in", 12 + 2 / 12, 12 + 2 / 12, "foot"),
    ("The door is 2 1/2 in thick.", "2 1/2 in", 2.5, 2.5, "inch"),
    ("The weight is 20 (kg).", "20 (kg)", 20, 20, "kilogram"),
    ("The lake covers 4 km squared.", "4 km squared", 4, 4, "square kilometre"),
    ("L2 is 930,000 mi from Earth.", "930,000 mi", 930_000, 930_000, "mile"),
    # counted things: a subset of a named group, a hyphen-glued noun, a unit that overrides "the nine"
    ("Two of his brothers were identified as soldiers.", "Two of his brothers", 2, 2, "brother"),
    ("At least 17 of the hijacked ships were freed.", "At least 17 of the hijacked ships", 17, None, "ship"),
    ("The 1,000-member evangelical church was scrutinised.", "1,000-member", 1000, 1000, "member"),
    ("The dairy stood on the nine acre site.", "nine acre", 9, 9, "acre"),
    ("They waited a half-hour for it.", "a half-hour", 0.5, 0.5, "hour"),
    ("The phone has an 8MP camera.", "8MP", 8, 8, "megapixel"),
    ("Pirates hold more than 300 crew members.", "more than 300 crew members", 300, None, "member"),
    ("Sixteen crew were freed.", "Sixteen crew", 16, 16, "crew"),  # not the verb "crow"
    ("You would need two full racks of servers.", "two full racks", 2, 2, "rack"),
    ("A score of people died.", "A score of people", 20, 20, "people"),
    ("The measures aim to save euro30 billion.", "euro30 billion", 30e9, 30e9, "EUR"),
    ("Police said one man died in the blaze.", "one man", 1, 1, "man"),  # the verb after the noun ends it
    ("They said 20 wounded were treated.", "20 wounded", 20, 20, None),  # people, not named (nor the verb "wound")
    # a participle right after the number with no noun after it is the verb, unless it stands for people
    ("About 10,000 gathered in the square.", "About 10,000", 9000, 11000, None),
    ("Nearly 500 attended the rally.", "Nearly 500", 450, 500, None),
    ("Some 1,000 armed men stormed the post.", "Some 1,000 armed men", 900, 1100, "man"),
    ("Five died and 12 injured were taken to hospital.", "12 injured", 12, 12, None),
    # after a number above one, a singular noun before another noun is what is counted; a plural head still wins
    ("The 7 woman, 5 man jury convicted him.", "5 man", 5, 5, "man"),
    ("He carried a 357 caliber revolver.", "357 caliber", 357, 357, "caliber"),
    ("They fired five artillery shells.", "five artillery shells", 5, 5, "shell"),
    ("He has three prior DUI convictions spanning a decade.", "three prior DUI convictions", 3, 3, "conviction"),
    # a plural the lemma table lacks ends the counted phrase like any other plural
    ("About 40 Palestinians seeking shelter were killed.", "About 40 Palestinians", 36, 44, "palestinian"),
    ("There were 54 aftershocks stronger than 5.0.", "54 aftershocks", 54, 54, "aftershock"),
    ("Two plainclothes officers stopped him.", "Two plainclothes officers", 2, 2, "officer"),
    # an irregular past ends the counted phrase; an irregular plural heads it
    ("One protester threw a petrol bomb.", "One protester", 1, 1, "protester"),
    ("A 7.6 magnitude quake struck the coast.", "7.6 magnitude quake", 7.6, 7.6, "quake"),
    ("The structure covers 12,000 square feet.", "12,000 square feet", 12000, 12000, "foot"),
    ("Apple unveiled three compelling new features.", "three compelling new features", 3, 3, "feature"),
    ("One bomb landed just 5 feet away from a boy.", "One bomb", 1, 1, "bomb"),
    # a name after a common noun starts a new phrase unless a noun follows it
    ("He is engaged, one player Doug McDermott pulled aside.", "one player", 1, 1, "player"),
    ("A 4.6 magnitude California earthquake began today.", "4.6 magnitude California earthquake", 4.6, 4.6,
     "earthquake"),
    ("They installed four gigabit Ethernet switches.", "four gigabit Ethernet switches", 4, 4, "switch"),
    ("A quake of magnitude 6.1 struck southern Iran.", "6.1", 6.1, 6.1, None),
    # a small number glued to a noun describes a size, it does not refer back; "half-" glued to a noun is no share
    ("The crew noticed the five-boat pirate formation.", "five-boat", 5, 5, "boat"),
    ("They met for two half-hour sessions.", "two half-hour sessions", 2, 2, "session"),
    ("Rebels took the town in one day.", "one day", 1, 1, "day"),  # a duration, not the idiom "one day"
    # abbreviations: "yd", "mins"
    ("He broke off an 86-yd run.", "86-yd", 86, 86, "yard"),
    ("The trip took 4 mins.", "4 mins", 4, 4, "minute"),
    ("Make a half turn to the left.", "a half turn", 0.5, 0.5, "turn"),
    ("The laptop has two graphic chipsets.", "two graphic chipsets", 2, 2, "chipset"),  # a plural the table lacks
    # a scale or unit glued to the figure before a hyphenated word: cut apart by the tokenizer's infixes
    ("It is a condition of a 110bn-euro rescue package.", "110bn-euro", 110e9, 110e9, "EUR"),
    ("They built a 5m-long wall.", "5m", 5, 5, "metre"),  # "m" before a dimension word is metres
    # capitals throughout are no acronym, and a measure after a ticker is a measure
    ("THE STATEMENT SAID THAT TWO MEN HAD BEEN ARRESTED.", "TWO MEN", 2, 2, "man"),
    ("Advanced Micro Devices Inc., AMD +0.26% vowed to change the game.", "+0.26%", 0.26, 0.26, "percent"),
    # a spread, a hyphen that waits for the second number's unit, a hyphenated fraction
    ("Objects fall at 9.83 +/- 0.01 metres.", "9.83 +/- 0.01 metres", 9.82, 9.84, "metre"),
    ("It weighs 5 ± 0.2 kg.", "5 ± 0.2 kg", 4.8, 5.2, "kilogram"),
    ("They plan an 8- to 16-meter telescope.", "8- to 16-meter", 8, 16, "metre"),
    ("The farm is approximately one-half miles east.", "approximately one-half miles", 0.45, 0.55, "mile"),
    ("A kibibyte is exactly 8x2^10 bits.", "exactly 8x2^10 bits", 8192, 8192, "bit"),
    ("The answer is three twenty-firsts.", "three twenty-firsts", 3 / 21, 3 / 21, None),
    ("Two out of five hundreds voters agreed.", "Two out of five hundreds voters", 2 / 500, 2 / 500, "voter"),
    ("It took two millionths of a second.", "two millionths of a second", 2e-6, 2e-6, "second"),
    ("Temperatures ranged from -18 °C to -34 °C.", "from -18 °C to -34 °C", -34, -18, "degree Celsius"),
    ("I want a gallon of beer and 3 to 4 L of wine.", "a gallon", 1, 1, "gallon"),
    ("I want a gallon of beer and 3 to 4 L of wine.", "3 to 4 L", 3, 4, "litre"),
    # negative numbers and temperatures, with the typographic minus and glued scale letters
    ("Temperatures fell to -5C overnight.", "-5C", -5, -5, "degree Celsius"),
    ("It was −12 °C in Moscow.", "−12 °C", -12, -12, "degree Celsius"),
    ("Phoenix reached 115F on Sunday.", "115F", 115, 115, "degree Fahrenheit"),
    # after "between", "and" joins the range ("half and two-thirds" is no "one and two-thirds")
    ("Between half and two-thirds of homes were destroyed.", "Between half and two-thirds of homes", 0.5, 2 / 3,
     "home"),
    ("They paid between two hundred and fifty and three hundred dollars.",
     "between two hundred and fifty and three hundred dollars", 250, 300, "USD"),
])
def test_rule_families(quantities, sentence, text, low, high, unit):
    found = {t: q for t, q, _ in quantities(sentence)}
    assert text in found, f"{text!r} not in {list(found)}"
    q = found[text]
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert q.unit == unit


@pytest.mark.parametrize("sentence", [
    "Putin first visited in 2000 at the beginning of his presidential tenure.",
    "Choe will attend the forum, which will be held in Russia from September 18 to 20.",
    "Russia had launched North Korean ballistic missiles against Ukraine on December 30, 2023, and again on "
    "January 2 and 6, 2024.",
    "The meeting starts at 10 a.m. local time.",
    "Russia had launched North Korean Hwasong-11 and KN-23 missiles, the F-16 and COVID-19 and 5G networks.",
    "These missile tests mark the sixth military activity this year, after the 22nd amendment.",
    "The team won 2-0 on Sunday.",
    "One of them said the two sides met.",
    "Why Is China Raising Retirement Age For First Time Since 1950s?",
    "The Boeing 787 landed after Article 5 was invoked.",
    "The one you mentioned is the one they expected.",
    "He won an eighth-round decision at the eleventh hour.",
    "For tickets call 206-448-8160 or write to the server at 192.168.1.2 before 5/17/2018.",
    "His score is higher and the couple met the pair.",  # nouns, not 20, 2 and 2
    "Prices rose by the end of the 1960s and in the mid-2000s.",
    "Hubble imaged the galaxy cluster MACS J1149.5+6663 last year.",
    "Call police on 0845 125 2222 or Crimestoppers anonymously on 0800 555 111.",
    "He was the two millionth visitor.",  # an ordinal: a fraction above one says "millionths"
    "Grade 5 C pupils sat the test.",  # "C" is degrees only glued to the figure ("-5C")
    "At one point, he stood motionless before a third-party panel and his half-brother.",
    "He kept up with Pukall (14-13-2) in the ring.",  # a fight record
    "One of the victims was named.",  # "one of" is a reference, two or more "of the victims" a count
    "Butler took it back for a score.",
    "The woman killed two and injured a third at the plant; a third employee fled.",  # ordinals, not shares
    "He scored in the first half of the game and in the second quarter.",
    "Apple upgraded the port to MagSafe 2 and shipped FireWire 800.",
    "The shooting took place along the 12000 block of Roosevelt Boulevard.",
    "He was Director of Player Personnel (1999-2003) and lived at 505 LaGuardia Place.",
    "Seth VanDeest scored for the Bulldogs (15-17).",
    "The Colts trailed at the start of the second quarter and won in the second half.",
    "Nvidia's 9400M chip and the 1B Mark Teixeira are names.",  # an upper-case scale needs a currency sign
    # an acronym before digits names a model even with a noun after it; a CVE id; a clock time typed with a space
    "Hackers exploit the flaw (CVE-2013-3893) in IE 8 and IE 9 versions and on USB 3.0 ports.",
    "He gave himself up to police just after 6: 00 p.m., Fanning said.",
    # dates with a month abbreviation, a clock time in a named zone, decades in words, shooting records
    "Last updated 22 Jul 2013 at 08.23 BST; posted APR 28.",
    "Japan, the world's third-largest economy, rented a third-floor flat.",  # ordinal compounds, no shares
    "One thing is clear: one reason he left is that he would one day coach.",  # idioms
    "Her poses defined the nineteen fifties and the nineteen sixties.",
    "He went 7-for-14 from the field and 3-of-4 from the line.",
])
def test_not_quantities(quantities, sentence):
    assert quantities(sentence) == []


def test_two_bounds_make_one_interval(quantities):
    [(text, q, _)] = quantities("Officials put the toll at more than 10 and less than 40 people.")
    assert text == "more than 10 and less than 40 people"
    assert (q.low, q.high, q.low_inclusive, q.high_inclusive, q.unit) == (10, 40, False, False, "people")
    [(_, q, _)] = quantities("There are at most 100 and at least 20 apples.")
    assert (q.low, q.high, q.low_inclusive, q.high_inclusive) == (20, 100, True, True)
    # an empty interval is two claims; so are bounds on different things
    assert len(quantities("More than 40 and less than 10 were counted.")) == 2
    assert len(quantities("More than 300 were killed and fewer than 20 escaped.")) == 2


def test_unit_ranges_are_not_changes_or_options(quantities):
    assert [t for t, _, _ in quantities("Prices fell from $50 to $40.")] == ["$50", "$40"]
    assert len(quantities("It comes with 128GB or 256GB of storage.")) == 2


def test_compound_figures_need_their_smaller_unit(quantities):
    assert len(quantities("He paid 15 dollars and 50 people came.")) == 2
    assert len(quantities("The $2799 17'' Pro ships in January.")) == 2  # a bare number mid-clause
    assert len(quantities("It cost 5 dollars 200 cents.")) == 2  # 200 cents is not a part of a dollar


def test_units_that_are_also_words(quantities):
    """"in" is a preposition, "m" a million and "HR" a home run unless the context says inches, metres, hours."""
    found = {t: q for t, q, _ in quantities("Police killed 12 in 2019 and they raised 5m in funding.")}
    assert found["12"].unit is None and found["5m"].value == 5e6
    [(text, q, _)] = quantities("He hit 203 HR that year.")
    assert q.unit != "hour"


def test_or_equal_closes_an_open_bound(quantities):
    [(text, q, _)] = quantities("His score is less than 5000 or equal.")
    assert (text, q.high, q.high_inclusive) == ("less than 5000 or equal", 5000, True)
    # "or less than 6000" is a bound of its own, not a postfix on 5000
    found = [(t, q.low, q.high) for t, q, _ in quantities("His score is equal to 5000 or less than 6000.")]
    assert found == [("equal to 5000", 5000, 5000), ("less than 6000", None, 6000)]


def test_and_never_joins_a_larger_part(quantities):
    """After "and", a number must be smaller than the scale before it: "3 hundred and 2 hundred" is two."""
    found = [(t, q.value) for t, q, _ in quantities("Officials counted 3 hundred and 2 hundred ballots.")]
    assert found == [("3 hundred", 300), ("2 hundred ballots", 200)]


def test_ratio_needs_its_conditions(quantities):
    """"12 in 2 attacks" is no share (A > B), "5 over 3 years" is no ratio (B does not end the phrase)."""
    found = {t: q for t, q, _ in quantities("Raids killed 12 in 2 attacks and he won 5 over 3 years.")}
    assert found["12"].value == 12 and found["2 attacks"].value == 2
    assert "5" in found and found["over 3 years"].value == 3
    [(text, q, _)] = quantities("Police killed 12 in 2019.")  # a year is never the B of a ratio
    assert (text, q.value) == ("12", 12)


def test_offsets_are_exact(nlp):
    text = "Officials said nearly five million artillery shells were sent."
    doc = nlp(text)
    [span] = doc.spans["cc_quantities"]
    assert text[span.start_char:span.end_char] == "nearly five million artillery shells"
