# Draws the passages of devsets/attribution/ecbplus_passages.jsonl (development) and
# devsets/attribution/ecbplus_passages_heldout.jsonl (held out: measured once at the end; do not open while developing).
#
# Source: bench/ecbplus.jsonl, the 982 ECB+ news articles copied from tommasoc80/EventStoryLine at commit
# 46edefee5e82e0917b823abe0a18bf8c7770f15c (ECB+_LREC2014/ECB+/), CC BY 3.0; see bench/SOURCE.md. A paragraph is a
# line of `text` (in this tokenized release, usually one sentence).
#
# The draw, with one fixed seed and no look at the words of a paragraph (no cue filter):
#   - a passage is 3 consecutive paragraphs of one article, each 40 to 600 characters, none of them a paragraph of
#     devsets/attribution/ecbplus.jsonl (the earlier 24-paragraph set; compared by text);
#   - every such window of every article is a candidate; they are shuffled with SEED and taken in that order, at
#     most one per ECB+ cluster (articles of one cluster report one event and often share wire text, so the held-out
#     passages share no event with the development ones), until N_PASSAGES are taken;
#   - the held-out file is a random subset (same RNG) of N_HELDOUT of those passages; the others are the dev file.
# The annotations were written by hand into the two JSONL files before claimcheck ever ran on these texts; this script
# only draws the texts. Run from the repository root:
#   python devsets/attribution/make_ecbplus_passages.py          # print the drawn passages
#   python devsets/attribution/make_ecbplus_passages.py --check  # check the two gold files against the draw
import json
import random
import sys

SEED = 15                # issue 15
WINDOW = 3               # paragraphs per passage
N_PASSAGES = 36          # 28 dev (84 paragraphs) + 8 held out (24 paragraphs)
N_HELDOUT = 8
MIN_LEN, MAX_LEN = 40, 600
DEV = "devsets/attribution/ecbplus_passages.jsonl"
HELDOUT = "devsets/attribution/ecbplus_passages_heldout.jsonl"


def draw():
    """(dev, heldout): lists of (doc id, passage text) in draw order."""
    rows = [json.loads(line) for line in open("bench/ecbplus.jsonl", encoding="utf-8")]
    earlier = {json.loads(line)["text"] for line in open("devsets/attribution/ecbplus.jsonl", encoding="utf-8")}
    windows = []
    for r in rows:
        paras = r["text"].split("\n")
        for i in range(len(paras) - WINDOW + 1):
            w = paras[i:i + WINDOW]
            if all(MIN_LEN <= len(p) <= MAX_LEN and p not in earlier for p in w):
                windows.append((r["cluster"], r["id"], "\n".join(w)))
    rng = random.Random(SEED)
    rng.shuffle(windows)
    taken, clusters = [], set()
    for cluster, doc, text in windows:
        if cluster not in clusters:
            clusters.add(cluster)
            taken.append((doc, text))
        if len(taken) == N_PASSAGES:
            break
    held = set(rng.sample(range(N_PASSAGES), N_HELDOUT))
    dev = [t for i, t in enumerate(taken) if i not in held]
    heldout = [t for i, t in enumerate(taken) if i in held]
    return dev, heldout


def check(path, passages):
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    assert [(r["doc"], r["text"]) for r in records] == passages, path
    claims = 0
    for r in records:
        for c in r["claims"]:
            assert r["text"].count(c["span"]) == 1, (r["doc"], c["span"])
            if c["speaker_text"] is not None:
                assert c["speaker_text"] in r["text"], (r["doc"], c["speaker_text"])
            assert c["speaker"] is None or c["cue"], (r["doc"], c["span"])
            claims += 1
    print(f"{path}: {len(records)} passages, {sum(t.count(chr(10)) + 1 for _, t in passages)} paragraphs, "
          f"{claims} claims: ok")


if __name__ == "__main__":
    dev, heldout = draw()
    if "--check" in sys.argv:
        check(DEV, dev)
        check(HELDOUT, heldout)
    else:
        for name, part in (("dev", dev), ("heldout", heldout)):
            for doc, text in part:
                print(json.dumps({"part": name, "doc": doc, "text": text}, ensure_ascii=False))
