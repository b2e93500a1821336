# builds devsets/news/ecbplus_quantities_heldout3.jsonl: 30 more ECB+ paragraphs, drawn (seed 31337) from those the
# three earlier files did not pick, annotated by hand before the tool ran on them: the held-out measure of the
# rules at the end of the session that made the first three. Same conventions as make_ecbplus_quantities.py.
from draws import draw, q, write

pick = draw(3)

gold = {
    0: [q(52)], 1: [q(-20)], 2: [q(32)], 3: [q(8, "hour"), q(1000, "time")], 4: [q(4, "season")],
    5: [q(35, "year")], 6: [q(10e6, "USD")], 7: [], 8: [q(10000, "people")], 9: [q(50, "people")],
    10: [q(12, "country")], 11: [q(2, "chipset")], 12: [], 13: [], 14: [q(23, "pirate"), q(10, "metre")],
    15: [q(30, "day")], 16: [], 17: [q(59)], 18: [q(4, "mile")], 19: [q(13, "shot")], 20: [], 21: [],
    22: [q(5, "time")], 23: [q(1, "crewman"), q(6, "day")], 24: [q(14, "point"), q(13)],
    25: [q(5e6, "USD"), q(5.3e6, "USD"), q(4.9e6, "USD")], 26: [q(3, "year")], 27: [q(23, "pirate")],
    28: [q(404, "yard"), q(440, "yard")], 29: [q(8, "day")],
}
write("devsets/news/ecbplus_quantities_heldout3.jsonl", pick, gold)
