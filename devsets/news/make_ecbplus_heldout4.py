# builds devsets/news/ecbplus_quantities_heldout4.jsonl: 30 more ECB+ paragraphs, drawn (seed 112326) from those the
# four earlier files did not pick, annotated by hand before the tool ran on them: the held-out measure of the rules
# as the session that made heldout3 left them. Same conventions as make_ecbplus_quantities.py; "a three" (a
# three-point shot) and "half done" are not quantities, ages ("Jim Oler, 44") have no unit.
from draws import draw, q, write

pick = draw(4)

gold = {
    0: [q(1, "possession")], 1: [], 2: [q(43)], 3: [q(17, "inch"), q(8, "hour")], 4: [q(6, "month")], 5: [],
    6: [], 7: [q(2, "week")], 8: [q(2.49, "USD"), q(5, "percent"), q(46.64, "USD")], 9: [q(3, "time")], 10: [],
    11: [q(75000, "USD"), q(20000, "USD")], 12: [q(10, "kilometre"), q(200, "people"), q(300, "house")],
    13: [q(low=36, high=120, unit="country")], 14: [q(2, "throw"), q(2, "throw")], 15: [], 16: [],
    17: [q(7, "sentence"), q(4, "sentence"), q(485, "year")], 18: [q(3, "teenager")], 19: [q(44), q(52)], 20: [],
    21: [q(350, "employee"), q(13, "office")], 22: [q(55000, "civilian")], 23: [q(110e9, "EUR")], 24: [], 25: [],
    26: [q(2117, "point")], 27: [q(5, "time")], 28: [q(2, "night")], 29: [q(2, "country")],
}
write("devsets/news/ecbplus_quantities_heldout4.jsonl", pick, gold)
