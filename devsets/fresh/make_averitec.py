# builds devsets/fresh/averitec_claims_heldout.jsonl: 170 real-world claims as fact-checking sites quote them, drawn
# at random (seed 20261116) from the claims of the AVeriTeC *dev* split (Schlichtkrull, Guo & Vlachos, NeurIPS 2023
# Datasets and Benchmarks; github.com/MichSchli/AVeriTeC, data/dev.json at commit 7c62d1ec; CC BY-NC 4.0) that hold
# a digit or a number word, and annotated by hand with every quantity BEFORE claimcheck ran on them. HELD OUT: the
# developers do not open the jsonl while developing; it is measured once, at the end of the work (issue 16).
#
# Run from the repository root with the path of AVeriTeC's data/dev.json:
#     python devsets/fresh/make_averitec.py /path/to/AVeriTeC/data/dev.json
# The gold sits in the JSONL itself (annotated there, line by line); without --write this script only checks that
# the JSONL holds exactly the drawn claims, in order, verbatim.
import json
import random
import re
import sys

SEED, SIZE = 20261116, 170
OUT = "devsets/fresh/averitec_claims_heldout.jsonl"
# a digit, or a number word / multiplier / fraction word / percent word (whole words, any case)
NUMBERISH = re.compile(
    r"\d|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|trillions?|dozens?|half|twice|thrice|double|triple|quarter|percent|per cent)\b", re.I)


def pool(path):
    """(doc id, claim) for every dev claim with a digit or a number word; the id is the claim's index in dev.json."""
    rows = json.load(open(path, encoding="utf-8"))
    seen, out = set(), []
    for i, r in enumerate(rows):
        claim = r["claim"].strip()
        if NUMBERISH.search(claim) and claim not in seen:
            seen.add(claim)
            out.append((f"averitec-dev-{i}", claim))
    return out


def draw(path):
    random.seed(SEED)
    return random.sample(pool(path), SIZE)


if __name__ == "__main__":
    pick = draw(sys.argv[1])
    if "--write" in sys.argv:  # the skeleton the annotation started from: every quantity list empty
        import os
        assert not os.path.exists(OUT), f"{OUT} exists and holds the hand annotation: not overwritten"
        with open(OUT, "w", encoding="utf-8") as f:
            for doc, text in pick:
                f.write(json.dumps({"doc": doc, "text": text, "quantities": []}, ensure_ascii=False) + "\n")
    else:
        gold = [json.loads(line) for line in open(OUT, encoding="utf-8")]
        assert [(g["doc"], g["text"]) for g in gold] == pick, "the JSONL is not the drawn sample"
        print(f"{len(gold)} claims, the draw of seed {SEED}; {sum(len(g['quantities']) for g in gold)} quantities")
