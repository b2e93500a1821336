"""Generated inputs for ``make bench``: origin names and claim stores with the variety of a real feed.

A store that is one real store copied k times has k outlets of the same 128 speakers telling the same figures in
the same words: it cannot show what grows with variety. These generators keep the shapes of real records (every
claim is a real ECB+ claim record, rewritten) and vary what a feed varies:

- **documents**: distinct ids, outlets (from a pool that grows with the store), dates;
- **stories**: as many as the feed warrants (about one per 12 documents, sizes drawn from a long tail), each
  retelling one real ECB+ story, so its documents answer the same questions;
- **speakers and origins**: people and bodies made from word pools (``origin_names``), a new mix per story;
- **figures**: most documents of a story give its figure, some another (an update, an error), so groups agree,
  overlap and conflict;
- **wording**: one sentence in four is the wire copy word for word, the others are reworded (a word swapped).

Everything is drawn from a seeded ``random.Random``: the same arguments give the same store.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections import defaultdict
from pathlib import Path

FIRST = ("maria john ahmed olga pierre li wei yiannis giannis sofia james fatima carlos anna ivan mei david sara "
         "omar elena kenji aisha lucas nadia tom priya hans rosa samuel ingrid").split()
SYLLABLES = ("ka lo mi ter son berg an ov ski ell ram dez ito ma ur ba sch ni to va ley co rin gu pa").split()
PLACES = ("south korea|north korea|russia|ukraine|united states|united kingdom|france|germany|china|japan|"
          "oakland county|springfield|marin county|lagos|lima|kyiv region|sao paulo state|ontario").split("|")
BODIES = ("defense ministry|defence ministry|health ministry|police|fire department|prosecutor|prosecutors|"
          "security council|emergency service|coast guard|interior ministry|foreign ministry|city council|"
          "sheriff's office|state media|army|navy|electoral commission|red cross|hospital").split("|")
SWAPS = ("said|stated|reported|confirmed|announced|told reporters|added|noted").split("|")


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))


def origin_names(n: int, seed: int = 1) -> list[str]:
    """``n`` distinct origin keys as claimcheck writes them (lower case): people, and bodies of places, with the
    plurals and spelling variants a feed has ("prosecutor"/"prosecutors", "defense"/"defence")."""
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < n:
        kind = rng.random()
        if kind < 0.55:
            name = f"{rng.choice(FIRST)} {surname(rng)}"
        elif kind < 0.9:
            name = f"{rng.choice(PLACES)} {rng.choice(BODIES)}"
            if rng.random() < 0.5:
                name = f"{surname(rng)} {name}"  # a town or district of its own
        else:
            name = f"{surname(rng)} {rng.choice(BODIES)}"
        if rng.random() < 0.05:
            name = name[:-1] if name.endswith("s") else name + "s"
        names[name] = None
    return list(names)


def generate_store(template: Path, target: Path, documents: int, *, seed: int = 1) -> tuple[int, int]:
    """Write a store of about ``documents`` documents at ``target`` from the real records of the store
    ``template`` (see the module docstring); returns (documents, claims)."""
    from claimcheck.store import CLAIM_COLUMNS, INSERT_COMPARABLE, Store, comparable_row

    rng = random.Random(seed)
    src = sqlite3.connect(template)
    doc_claims: dict[str, list[dict]] = defaultdict(list)
    for doc, record in src.execute("SELECT doc, record FROM claims ORDER BY doc, seq"):
        doc_claims[doc].append(json.loads(record))
    story_docs: dict[str, list[str]] = defaultdict(list)
    for doc, story in src.execute("SELECT doc, story FROM story_members ORDER BY story, doc"):
        if doc_claims.get(doc):
            story_docs[story].append(doc)
    src.close()
    real_stories = sorted(story_docs)
    outlets = [f"{surname(rng).title()} {rng.choice(('Times', 'Post', 'News', 'Herald', 'Daily', 'Wire'))}"
               for _ in range(max(50, documents // 40))]
    people = origin_names(max(200, documents // 4), seed)
    Store(target).close()  # the schema
    db = sqlite3.connect(target)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    made_docs = made_claims = 0
    story_no = 0
    while made_docs < documents:
        story_no += 1
        sid = f"g{story_no:07d}"
        real = story_docs[rng.choice(real_stories)]
        size = min(documents - made_docs, max(1, int(rng.paretovariate(1.3) * 4)))
        speakers = rng.sample(people, min(len(people), 6))
        factor = rng.choice((1, 1, 1, 2, 10, 0.5))  # the story's own scale
        day = 1 + rng.randrange(28)
        doc_rows, claim_rows, member_rows, comparable_rows = [], [], [], []
        for k in range(size):
            doc_id = f"{sid}/{k:05d}"
            published = f"2024-{1 + story_no % 12:02d}-{min(28, day + rng.randrange(3)):02d}"
            doc_rows.append((doc_id, f"{story_no:064x}"[-64:], "synthetic", "ok", json.dumps(
                {"id": doc_id, "path": "synthetic", "sha256": None, "status": "ok", "reason": None,
                 "title": f"Story {story_no}", "publisher": rng.choice(outlets), "published": published,
                 "url": None, "story": sid, "encoding": "utf-8"})))
            member_rows.append((doc_id, sid, None, "{}"))
            for seq, claim in enumerate(doc_claims[rng.choice(real)]):
                claim = _claim(claim, doc_id, seq, rng, speakers, factor)
                claim_rows.append(_claim_row(claim, seq))
                row = comparable_row(claim, seq)  # what diff reads, as Store.save writes it
                if row is not None:
                    comparable_rows.append(row)
        db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?)", doc_rows)
        db.executemany(f"INSERT INTO claims ({CLAIM_COLUMNS}) VALUES ({', '.join('?' * 11)})", claim_rows)
        db.executemany(INSERT_COMPARABLE, comparable_rows)
        db.executemany("INSERT INTO story_members VALUES (?, ?, ?, ?)", member_rows)
        db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, '{}', '{}')",
                   (sid, story_no, size, "2024-01-01", "2024-12-28"))
        made_docs += size
        made_claims += len(claim_rows)
    db.commit()
    db.close()
    return made_docs, made_claims


def _claim(claim: dict, doc_id: str, seq: int, rng: random.Random, speakers: list[str], factor: float) -> dict:
    """A real claim record rewritten into a generated document: its story's scale, speakers and wording."""
    claim = dict(claim, id=f"{doc_id}#{seq}", doc=doc_id)
    q = claim.get("quantity")
    if q:
        scale = factor if rng.random() < 0.85 else factor * rng.choice((0.8, 1.25, 3))
        q = dict(q)
        for key in ("value", "low", "high"):
            if isinstance(q.get(key), int | float):
                q[key] = q[key] * scale
        claim["quantity"] = q
    if claim.get("attribution"):
        who = rng.choice(speakers)
        claim["attribution"] = dict(claim["attribution"], speaker=who.title(), origin=who)
    if rng.random() < 0.75:  # reworded; the rest is the wire copy word for word
        words = claim["sentence"].split()
        if words:
            words[rng.randrange(len(words))] = rng.choice(SWAPS)
        claim["sentence"] = " ".join(words)
    return claim


def _claim_row(claim: dict, seq: int) -> tuple:
    from claimcheck.store import selection

    q = claim.get("quantity") or {}
    return (claim["id"], claim["doc"], seq, claim["kind"], claim.get("topic"), q.get("unit"), _real(q.get("low")),
            _real(q.get("high")), json.dumps(claim, ensure_ascii=False), *selection(claim))


def _real(x):
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None
