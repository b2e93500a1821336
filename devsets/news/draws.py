# What the make_*.py scripts here share: the ECB+ paragraphs worth annotating, the draws from them (each later
# draw excludes the earlier ones, so no paragraph is in two files), and the gold format. Run the scripts from the
# repository root: python devsets/news/make_ecbplus_quantities.py
import json
import random
import re

# one seed per file, in the order the files were made: draw(i) never repeats a paragraph of draw(0) ... draw(i-1)
SEEDS = (20261123, 424242, 777, 31337, 112326, 20261124)
_NUMBERISH = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|"
                        r"billion|half)\b", re.I)


def paragraphs():
    """(document id, paragraph) for every ECB+ paragraph of 60 to 400 characters with a digit or a number word."""
    rows = [json.loads(line) for line in open("bench/ecbplus.jsonl", encoding="utf-8")]
    return [(r["id"], p) for r in rows for p in r["text"].split("\n") if _NUMBERISH.search(p) and 60 < len(p) < 400]


def draw(index, size=30):
    """The ``index``-th draw of ``size`` paragraphs."""
    paras, taken = paragraphs(), set()
    for seed in SEEDS[:index + 1]:
        random.seed(seed)
        pick = random.sample([p for p in paras if p not in taken], size)
        taken |= set(pick)
    return pick


def q(value=None, unit=None, low=None, high=None):
    """One gold quantity: a value, or low and high; the unit as claimcheck names it."""
    return {"value": value, "unit": unit} if low is None else {"low": low, "high": high, "unit": unit}


def write(path, pick, gold):
    with open(path, "w", encoding="utf-8") as f:
        for i, (doc, text) in enumerate(pick):
            f.write(json.dumps({"doc": doc, "text": text, "quantities": gold[i]}, ensure_ascii=False) + "\n")
