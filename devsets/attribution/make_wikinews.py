# Draws the passages of devsets/attribution/wikinews_passages.jsonl (development) and
# devsets/attribution/wikinews_passages_heldout.jsonl (held out: measured once at the end; do not open while developing).
#
# Source: the English Wikinews articles of the GUM corpus (Georgetown University Multilayer corpus), read from a local
# snapshot of github.com/amir-zeldes/gum at commit 72ce5ac14978a324c2fd18d49484e65292cbe316 (mirrored at GUM_GIT
# below; set GUM_GIT to another clone of that commit to rerun). Texts: Wikinews, CC BY 2.5
# (https://en.wikinews.org/wiki/Wikinews:Copyright; GUM's LICENSE.txt); each article's Wikinews URL is in its
# xml/<doc>.xml header. Only GUM's text is used (no GUM annotation), and only documents of GUM's train and dev
# partitions: its test partition (GUM_news_nasa, GUM_news_sensitive) is left alone.
#
# A paragraph is a <p> element of xml/<doc>.xml (figure captions, headings and the date line excluded), its text the
# untokenized `# text` lines of dep/<doc>.conllu for the sentences in it, joined by one space.
#
# The draw, with one fixed seed and no look at the words of a paragraph (no cue filter):
#   - a passage is 3 consecutive paragraphs of one article, each 40 to 600 characters;
#   - every such window of every article is a candidate; they are shuffled with SEED and taken in that order,
#     skipping a window that overlaps one already taken, until N_PASSAGES are taken;
#   - the held-out file is a random subset (same RNG) of N_HELDOUT of those passages; the others are the dev file.
# The annotations were written by hand into the two JSONL files before claimcheck ever ran on these texts; this script
# only draws the texts and checks the files. Run from the repository root:
#   python devsets/attribution/make_wikinews.py          # print the drawn passages
#   python devsets/attribution/make_wikinews.py --check  # check the two gold files against the draw
import json
import random
import re
import subprocess
import sys

GUM_GIT = "/work/.mirror/amir-zeldes+gum/repo"
COMMIT = "72ce5ac14978a324c2fd18d49484e65292cbe316"
SEED = 15                # issue 15
WINDOW = 3               # paragraphs per passage
N_PASSAGES = 36          # 28 dev (84 paragraphs) + 8 held out (24 paragraphs)
N_HELDOUT = 8
MIN_LEN, MAX_LEN = 40, 600
DEV = "devsets/attribution/wikinews_passages.jsonl"
HELDOUT = "devsets/attribution/wikinews_passages_heldout.jsonl"


def _show(path):
    return subprocess.run(["git", "--git-dir", GUM_GIT, "show", f"{COMMIT}:{path}"],
                          capture_output=True, text=True, check=True).stdout


def articles():
    """{doc id: [paragraph text, ...]} for GUM's Wikinews documents outside its test partition."""
    listing = subprocess.run(["git", "--git-dir", GUM_GIT, "ls-tree", "--name-only", COMMIT, "xml/"],
                             capture_output=True, text=True, check=True).stdout.split()
    out = {}
    for name in sorted(p.split("/")[-1][:-4] for p in listing if "/GUM_news_" in p):
        xml = _show(f"xml/{name}.xml")
        if re.search(r'partition="test"', xml.split("\n", 1)[0]):
            continue
        texts = [line[len("# text = "):] for line in _show(f"dep/{name}.conllu").split("\n")
                 if line.startswith("# text = ")]
        stack, n_sent, paras, cur = [], 0, [], None
        for line in xml.split("\n")[1:]:
            m = re.match(r"<(/?)(\w+)", line)
            if "\t" in line or not m or line.endswith("/>") or m.group(2) == "text":
                continue
            closing, tag = m.groups()
            if closing:
                stack.pop()
                if tag == "p":
                    paras.append(" ".join(cur))
                    cur = None
                continue
            stack.append(tag)
            if tag == "p":
                cur = []
            elif tag == "s":
                if cur is not None and "figure" not in stack:
                    cur.append(texts[n_sent])
                n_sent += 1
        assert n_sent == len(texts), name
        out[name] = paras
    return out


def draw():
    """(dev, heldout): lists of (doc id, passage text) in draw order."""
    windows = []
    for name, paras in articles().items():
        for i in range(len(paras) - WINDOW + 1):
            if all(MIN_LEN <= len(p) <= MAX_LEN for p in paras[i:i + WINDOW]):
                windows.append((name, i, paras[i:i + WINDOW]))
    rng = random.Random(SEED)
    rng.shuffle(windows)
    taken, used = [], set()
    for name, i, w in windows:
        span = {(name, j) for j in range(i, i + WINDOW)}
        if span & used:
            continue
        used |= span
        taken.append((f"{name}#p{i + 1}-{i + WINDOW}", "\n".join(w)))
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
            assert (c["speaker"] is None) == (c["cue"] is None) or "notes" in c, (r["doc"], c["span"])
            claims += 1
    print(f"{path}: {len(records)} passages, {sum(t.count(chr(10)) + 1 for _, t in passages)} paragraphs, "
          f"{claims} claims: ok")


if __name__ == "__main__":
    dev, heldout = draw()
    if "--check" in sys.argv:
        check(DEV, dev)
        check(HELDOUT, heldout)
    else:
        for part_name, part in (("dev", dev), ("heldout", heldout)):
            for doc, text in part:
                print(f"## {part_name} {doc}\n{text}\n")
