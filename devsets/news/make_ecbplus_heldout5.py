# builds devsets/news/ecbplus_quantities_heldout5.jsonl: 30 more ECB+ paragraphs, drawn (seed 20261124) from those
# the five earlier files did not pick, annotated by hand before the tool ran on them: the held-out measure of the
# rules after the fixes heldout4 prompted and the counted-noun work that followed. Same conventions as
# make_ecbplus_quantities.py; "one reason" and "go through one day" are idioms, "the five merchant vessels" refers
# back, "the five-boat pirate formation" is a count (like "the 1,000-member church"), and the typo "twenty-six mils"
# means miles.
from draws import draw, q, write

pick = draw(5)

gold = {
    0: [q(1e6, "USD")], 1: [], 2: [q(85)], 3: [q(21e6, "USD per year"), q(27.5e6, "USD per year")],
    4: [q(14000, "palestinian")], 5: [], 6: [q(11, "year")], 7: [q(5, "boat")], 8: [q(9, "point")],
    9: [q(3, "operator")], 10: [], 11: [], 12: [], 13: [q(1e6, "guy")], 14: [q(8, "hour")],
    15: [q(12, "mile"), q(26, "mile")], 16: [], 17: [q(90, "percent")], 18: [q(300e6, "USD")], 19: [],
    20: [q(2, "count")], 21: [q(37), q(low=24, high=100, unit="count")], 22: [q(10, "kilometre"), q(6, "mile")],
    23: [q(5, "time")], 24: [q(6, "month")],
    25: [q(low=60, high=100, unit="rioter"), q(16), q(2, "officer")], 26: [q(1, "year"), q(6000, "USD")],
    27: [q(5, "day")], 28: [], 29: [q(4, "arrest")],
}
write("devsets/news/ecbplus_quantities_heldout5.jsonl", pick, gold)
