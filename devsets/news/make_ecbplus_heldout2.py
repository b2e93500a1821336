# builds devsets/news/ecbplus_quantities_heldout2.jsonl: 30 more ECB+ paragraphs, drawn (seed 777) from those the
# two earlier files did not pick, annotated by hand before the tool ran on them: the held-out measure of the rules
# as they stood after the first held-out run. Same conventions as make_ecbplus_quantities.py.
from draws import draw, q, write

pick = draw(2)

gold = {
    0: [q(38)], 1: [q(8, "minute")], 2: [q(3, "decade")], 3: [q(400, "story")], 4: [q(9)], 5: [q(22)],
    6: [q(2, "acquittal")], 7: [q(12, "member")], 8: [q(34)], 9: [q(2, "week")], 10: [q(748e9, "USD")],
    11: [q(12, "people"), q(20)], 12: [q(4, "people"), q(low=24, high=100), q(low=200, high=1000, unit="building")],
    13: [], 14: [], 15: [], 16: [], 17: [q(50, "group")], 18: [], 19: [], 20: [q(30e9, "EUR"), q(40e9, "USD")],
    21: [q(0.5, "hour")], 22: [], 23: [], 24: [q(21, "fight"), q(25, "fight")], 25: [q(2, "worker")],
    26: [q(40, "percent")], 27: [q(4, "village"), q(3, "people")], 28: [q(50, "fascist")],
    29: [q(50, "kilometre"), q(30, "mile")],
}
write("devsets/news/ecbplus_quantities_heldout2.jsonl", pick, gold)
