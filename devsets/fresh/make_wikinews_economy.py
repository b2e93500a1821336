# builds devsets/fresh/wikinews_economy_quantities.jsonl: 170 sentences of business and technology news, drawn at
# random (seed 20261601) from English Wikinews articles of the category Economy_and_business, and annotated by hand
# with every quantity BEFORE claimcheck ran on them (issue 16). A DEVELOPMENT set: the rules may be fitted to it.
#
# Source: the `economy` data set of the R package toscaData (github.com/Docma-TU/toscaData, commit
# 79923805871963be01827c4f70dc51c76272c106, data/economy.rda, blob 54a5a912e3263c5f41ffe12f8cef9759c88651a1):
# 2,327 Wikinews articles (2004-11-17 to 2018-03-04) of Category:Economy_and_business, exported through
# Special:Export. Wikinews text is CC BY 2.5; the package is CC BY 4.0. See devsets/fresh/SOURCE.md.
#
# Run from the repository root with a local copy of that file (reading .rda needs `pip install rdata`, which is not a
# claimcheck dependency; only this script uses it):
#     git --git-dir=/work/.mirror/Docma-TU+toscaData/repo show 7992380:data/economy.rda > /tmp/economy.rda
#     python devsets/fresh/make_wikinews_economy.py /tmp/economy.rda            # checks the JSONL is the draw
#     python devsets/fresh/make_wikinews_economy.py /tmp/economy.rda --write    # the empty skeleton annotated from
# The gold sits in the JSONL itself (annotated there, line by line).
#
# How a sentence is made from the export (the text still carries wiki markup and link-removal artefacts): the
# <text> wrapper, HTML comments, tables ({| ... |}), tags and the italic/bold quotes ('' and ''') are dropped,
# entities unescaped (twice: some are escaped twice), an external link [http://... label] keeps its label, whitespace is collapsed, and the space
# that a removed link left before , . ; : ! ? ) or 's (and after "(") is closed up. Sentences are split by the
# regex below. A sentence that still holds markup ([ ] { } | < > = * # "http" "w:") is left out of the pool, as is
# any sentence seen twice. The pool is every remaining sentence of 40 to 400 characters with a digit or a number
# word (NUMBERISH); the draw is random.sample of it with the seed, in pool order (articles in the package's order).
import html
import json
import random
import re
import sys

SEED, SIZE = 20261601, 170
OUT = "devsets/fresh/wikinews_economy_quantities.jsonl"
NUMBERISH = re.compile(
    r"\d|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|trillions?|dozens?|half|twice|thrice|double|triple|quarter|percent|per cent)\b", re.I)
MARKUP = re.compile(r"[\[\]{}|<>=*#]|http|\bw:")
# no split after these (a period that ends an abbreviation or an initial)
ABBREV = {"mr", "mrs", "ms", "dr", "st", "inc", "corp", "co", "ltd", "jr", "sr", "no", "vs", "gov", "sen", "rep",
          "gen", "lt", "col", "prof", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
          "u.k", "u.n", "e.g", "i.e", "approx", "est", "ft", "mt", "pres", "rev", "bros", "plc"}
SPLIT = re.compile(r"(?<=[.!?])([\"”')]*)\s+(?=[\"“(]?[A-Z0-9])")


def clean(raw):
    text = re.sub(r"^<text[^>]*>|</text>$", "", raw.strip())
    text = html.unescape(html.unescape(text))  # some entities are escaped twice ("&amp;nbsp;")
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\{\|.*?\|\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[https?://\S+\s*([^\]]*)\]", r"\1", text)
    text = text.replace("'''", "").replace("''", "")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" +([,.;:!?)])", r"\1", text)
    text = re.sub(r"\( +", "(", text)
    text = re.sub(r" +'s\b", "'s", text)
    return text.strip()


def sentences(text):
    out, start = [], 0
    for m in SPLIT.finditer(text):
        end = m.start(0) + len(m.group(1))
        before = text[start:m.start(0)]
        word = re.search(r"(\S+)[.!?]$", before)
        last = word.group(1).lower().lstrip("(\"'“") if word else ""
        if last in ABBREV or re.fullmatch(r"[a-z]", last) or re.fullmatch(r"([a-z]\.)+[a-z]", last):
            continue
        out.append(text[start:end].strip())
        start = m.end(0)
    out.append(text[start:].strip())
    return [s for s in out if s]


def load(path):
    import rdata  # pip install rdata
    data = rdata.conversion.convert(rdata.parser.parse_file(path))["economy"]
    titles = {str(i): re.sub(r"</?title>", "", str(t)) for i, t in zip(data["meta"]["id"], data["meta"]["title"])}
    for key, parts in data["text"].items():
        title = titles[str(key)]
        if ":" in title.split(" ")[0]:  # Category:..., Wikinews:... pages
            continue
        yield "https://en.wikinews.org/wiki/" + title.replace(" ", "_"), clean(" ".join(str(p) for p in parts))


def pool(path):
    seen, out = set(), []
    for doc, text in load(path):
        for s in sentences(text):
            if s in seen:
                continue
            seen.add(s)
            if 40 <= len(s) <= 400 and NUMBERISH.search(s) and not MARKUP.search(s):
                out.append((doc, s))
    return out


def draw(path):
    random.seed(SEED)
    return random.sample(pool(path), SIZE)


if __name__ == "__main__":
    pick = draw(sys.argv[1])
    if "--write" in sys.argv:  # the skeleton the annotation started from: every quantity list empty
        with open(OUT, "w", encoding="utf-8") as f:
            for doc, text in pick:
                f.write(json.dumps({"doc": doc, "text": text, "quantities": []}, ensure_ascii=False) + "\n")
    else:
        gold = [json.loads(line) for line in open(OUT, encoding="utf-8")]
        assert [(g["doc"], g["text"]) for g in gold] == pick, "the JSONL is not the drawn sample"
        print(f"{len(gold)} sentences, the draw of seed {SEED}; {sum(len(g['quantities']) for g in gold)} quantities, "
              f"{sum(not g['quantities'] for g in gold)} with none")
