# builds devsets/news/ecbplus_quantities_heldout.jsonl: 30 more ECB+ paragraphs, drawn (seed 424242) from those
# make_ecbplus_quantities.py did not pick, annotated by hand before the tool ran on them, and not used to change
# the rules: the held-out measure. Same conventions as make_ecbplus_quantities.py.
from draws import draw, q, write

pick = draw(1)

gold = {
    0: [], 1: [q(38)], 2: [], 3: [q(20, "woman"), q(2, "woman")], 4: [], 5: [], 6: [q(2, "member")],
    7: [q(14000)], 8: [q(7, "year")], 9: [q(40, "house")], 10: [], 11: [q(24, "partner")], 12: [q(32, "yard")],
    13: [q(400, "woman")], 14: [q(2290), q(2291)], 15: [q(5 + 8 / 12, "foot"), q(135, "pound")],
    16: [q(14, "vessel"), q(300, "member")], 17: [q(12, "year")], 18: [q(2, "rack"), q(84, "u")],
    19: [q(2e6, "EUR"), q(2.6e6, "USD")], 20: [q(3, "cable")], 21: [q(2, "minute")], 22: [], 23: [],
    24: [q(1499, "USD"), q(256, "gigabyte")], 25: [q(20, "year")], 26: [q(4, "week")],
    27: [q(22, "point"), q(2)], 28: [q(10, "kilometre"), q(55, "kilometre"), q(72, "kilometre")],
    29: [q(low=200, high=1000, unit="earthquake"), q(9.1, "temblor"), q(220000, "people")],
}
write("devsets/news/ecbplus_quantities_heldout.jsonl", pick, gold)
