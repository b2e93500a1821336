# builds devsets/news/ecbplus_quantities.jsonl: 30 ECB+ paragraphs (bench/ecbplus.jsonl, CC BY 3.0) drawn at
# random (seed 20261123) among those with a digit or a number word, annotated by hand before the tool was run on
# them. Units are claimcheck's canonical names: the counted noun's lemma, or the unit id from rules/. Not
# quantities, by the README's definition: years, dates, scores and records ("12-3"), ordinals, idioms ("at one
# point"), titles ("Million Dollar Mermaid"), and small word numbers that refer back ("the three holdouts").
from draws import draw, q, write

pick = draw(0)

gold = {
    0: [q(4.6)], 1: [q(90e6, "USD per year")], 2: [q(7, "woman"), q(5, "man")], 3: [q(18, "sailor")],
    4: [q(1000, "member")], 5: [q(2, "truck")], 6: [q(33, "year"), q(12, "ko")], 7: [], 8: [],
    9: [q(60, "minute"), q(3.5, "quarter")], 10: [q(9, "acre")], 11: [], 12: [], 13: [q(3, "year")],
    14: [q(low=36, high=120, unit="youth")], 15: [], 16: [q(3.1, "inch"), q(8, "megapixel")],
    17: [q(7, "village")], 18: [q(24, "hour"), q(30000, "people")], 19: [q(10500, "employee")], 20: [],
    21: [q(23)], 22: [q(2, "brother")], 23: [q(2117, "point")], 24: [q(10, "day")], 25: [], 26: [],
    27: [q(80e6, "USD")], 28: [q(2, "helicopter")], 29: [],
}
write("devsets/news/ecbplus_quantities.jsonl", pick, gold)
