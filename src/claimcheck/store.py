""":mod:`claimcheck.store`: the embedded SQLite store that ``extract`` fills and ``diff`` reads.

One row per document (its record, content hash and the rules fingerprint it was processed with) and one per
claim (the full record as JSON, plus the columns comparisons filter on). A document whose content hash and
rules fingerprint are unchanged keeps its stored claims; anything else replaces them. Writes are batched into
transactions; a run that stops half-way leaves every committed document whole.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import InputError, StoreError
from .figures import Denial, Figure

DEFAULT_DB = Path(".claimcheck") / "claims.db"
# 2: stories (the ``stories`` and ``story_members`` tables). A version-1 store is upgraded in place: the tables are
# added and its documents are placed in stories when they are next extracted. The ``texts`` table (the text each
# document's offsets index, which the HTML report shows) is added to a version-2 store when it is opened, as
# ``stories.years`` was: an older claimcheck reading it ignores the table, and a document stored before it gets
# its text at its next ``extract``.
# 3: ``claims.measured`` and ``claims.denial``, what ``diff`` selects its claims by, so that it reads no record it
# does not compare (json_extract over every record of a million-claim store took seconds). A version-2 store is
# upgraded when it is opened: the columns are added and filled from the records, once. Version 3 because an older
# claimcheck could not write a claim row to it.
# 4: the ``comparable`` table: of each claim ``diff`` compares (a quantity with a topic or a whole measure, or a
# denial), the fields it reads (:class:`claimcheck.figures.Figure`), so that ``diff`` reads a slim table in key
# order instead of parsing a record per claim (17 us each: minutes at ten million claims). A version-3 store gets
# the table filled from its records when it is first opened, once. Version 4 because an older claimcheck would
# write claims without their rows in it.
SCHEMA_VERSION = 4

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    topic TEXT,
    unit TEXT,
    low REAL,
    high REAL,
    record TEXT NOT NULL,
    measured INTEGER NOT NULL DEFAULT 0,  -- a quantity whose measure has a predicate and a class
    denial INTEGER NOT NULL DEFAULT 0     -- a statement that denies
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc, seq);
CREATE INDEX IF NOT EXISTS claims_topic_unit ON claims (topic, unit);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    size INTEGER NOT NULL,
    first TEXT,
    last TEXT,
    centroid TEXT NOT NULL,
    years TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS story_members (
    doc TEXT PRIMARY KEY,
    story TEXT NOT NULL,
    sha256 TEXT,
    vector TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members (story);
CREATE TABLE IF NOT EXISTS texts (
    doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL
);
-- what diff reads of the claims it compares, in document order (the key); written with the claims, deleted with
-- them. Booleans are 0/1; an open end is -inf/inf; value has no type, so an int stays an int
CREATE TABLE IF NOT EXISTS comparable (
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    denial INTEGER NOT NULL,  -- 1: a denial (id, topic, text); 0: a figure (every column)
    id TEXT NOT NULL,
    topic TEXT,
    unit TEXT,
    low REAL,
    high REAL,
    low_inclusive INTEGER,
    high_inclusive INTEGER,
    value,
    vague INTEGER,
    additional INTEGER,
    measure TEXT,
    counted TEXT,
    noun TEXT,
    part INTEGER,
    updates INTEGER,
    origin TEXT,
    attributed INTEGER,
    text TEXT,
    sentence TEXT,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
"""


# the columns each table must have: a database with a table of the same name and other columns is not ours
_COLUMNS = {
    "documents": {"id", "sha256", "fingerprint", "status", "record"},
    "claims": {"id", "doc", "seq", "kind", "topic", "unit", "low", "high", "record"},
    "stories": {"id", "seq", "size", "first", "last", "centroid"},
    "story_members": {"doc", "story", "sha256", "vector"},
}


def open_existing(path: Path, *, hint: str = "run 'claimcheck extract PATHS' first") -> Store:
    """The store at ``path``, which must exist: reading or looking after a store that is not there makes no sense.

    Raises:
        InputError: no store there (``hint`` says what to do).
        StoreError: the file is not a claimcheck store, or a newer one.
    """
    if not path.is_file():
        raise InputError(f"no store at {path}: {hint}")
    return Store(path)


def default_db_path() -> Path:
    """``$CLAIMCHECK_DB``, else ``.claimcheck/claims.db`` under the current folder."""
    env = os.environ.get("CLAIMCHECK_DB")
    return Path(env) if env else DEFAULT_DB


class Store:
    """A claims database. Use as a context manager; :meth:`save` calls are committed every ``batch`` documents."""

    def __init__(self, path: str | os.PathLike, *, batch: int = 200):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"cannot open the store at {self.path}: {getattr(e, 'strerror', None) or e}") from None
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._check_version()
            tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            self._db.executescript(_DDL)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(stories)")}
            if "years" not in columns:  # a store from the first build of version 2
                self._db.execute("ALTER TABLE stories ADD COLUMN years TEXT NOT NULL DEFAULT '{}'")
            if "measured" not in {row[1] for row in self._db.execute("PRAGMA table_info(claims)")}:
                _add_selection_columns(self._db)
            if "claims" in tables and "comparable" not in tables:  # a store from before version 4
                _fill_comparable(self._db)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self._db.commit()
        except sqlite3.Error as e:  # not a database at all, locked, read-only, disk full
            self._db.close()
            raise StoreError(f"{self.path} cannot be used as a claimcheck store ({e})") from None
        except StoreError:
            self._db.close()
            raise
        self._batch = batch
        self._pending = 0
        # called before every commit, so what is kept in memory between commits (story centroids) is saved with
        # the documents it belongs to
        self.before_commit: list[Callable[[], None]] = []

    def _check_version(self) -> None:
        """Refuse a store written by a newer claimcheck, or a database that is no claimcheck store, instead of
        misreading it; older stores are upgraded (the tables they lack are added)."""
        db = self._db
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return  # a new store
        row = None
        if "meta" in tables:
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            except sqlite3.Error:
                row = None
        if row is None or not str(row[0]).isdigit():
            raise StoreError(f"{self.path} is not a claimcheck store (a SQLite database without claimcheck's "
                             f"tables): use another --db")
        if int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer claimcheck (store version {row[0]}; this one reads "
                             f"up to {SCHEMA_VERSION}): upgrade claimcheck, or use another --db")
        for table, wanted in _COLUMNS.items():
            if table in tables:
                have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
                if not wanted <= have:
                    raise StoreError(f"{self.path} is not a claimcheck store (table {table} lacks "
                                     f"{', '.join(sorted(wanted - have))}): use another --db")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.commit()
        self._db.close()

    def cached_claims(self, doc_id: str, sha256: str | None, fingerprint: str) -> list[dict[str, Any]] | None:
        """The stored claims of a document processed before from the same content with the same rules."""
        row = self._db.execute(
            "SELECT sha256, fingerprint, status FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None or row != (sha256, fingerprint, "ok"):
            return None
        return [json.loads(r) for (r,) in self._db.execute(
            "SELECT record FROM claims WHERE doc = ? ORDER BY seq", (doc_id,))]

    def stored_path(self, doc_id: str) -> str | None:
        """Where the stored document of this id was read from (``file``, ``file.jsonl:LINE``), if one is stored."""
        row = self._db.execute("SELECT json_extract(record, '$.path') FROM documents WHERE id = ?",
                               (doc_id,)).fetchone()
        return None if row is None else row[0]

    def save(self, document: dict[str, Any], claims: Iterable[dict[str, Any]], fingerprint: str, *,
             text: str | None = None) -> None:
        """Replace what is stored for this document, all or nothing; committed with the current batch.

        ``text`` is the text the claims' offsets index (the report shows it); the content hash kept for the cache
        is that text's (``text_sha256``), so a web page whose markup changed around the same text keeps its claims.

        A savepoint per document: a Ctrl-C in the middle of a save undoes that document's half-written rows, so
        the commit on close never stores a document without its claims.
        """
        db = self._db
        claims = list(claims)
        rows = [(c["id"], c["doc"], seq, c["kind"], c["topic"], _q(c, "unit"), _q(c, "low"), _q(c, "high"),
                 json.dumps(c, ensure_ascii=False), *selection(c)) for seq, c in enumerate(claims)]
        comparable = [row for seq, c in enumerate(claims) if (row := comparable_row(c, seq)) is not None]
        if not db.in_transaction:
            db.execute("BEGIN")
        db.execute("SAVEPOINT document")
        try:
            db.execute("DELETE FROM claims WHERE doc = ?", (document["id"],))
            db.execute("DELETE FROM comparable WHERE doc = ?", (document["id"],))
            db.execute("DELETE FROM texts WHERE doc = ?", (document["id"],))
            db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?)",
                       (document["id"], document.get("text_sha256") or document["sha256"], fingerprint,
                        document["status"], json.dumps(document, ensure_ascii=False)))
            db.executemany(f"INSERT OR REPLACE INTO claims ({CLAIM_COLUMNS}) VALUES ({', '.join('?' * 11)})", rows)
            db.executemany(INSERT_COMPARABLE, comparable)
            if text is not None:
                db.execute("INSERT INTO texts VALUES (?, ?)", (document["id"], text))
        except BaseException:
            db.execute("ROLLBACK TO document")
            raise
        finally:
            db.execute("RELEASE document")
        self._pending += 1
        if self._pending >= self._batch:
            self.commit()

    def keep_text(self, doc_id: str, text: str) -> None:
        """Store the text of a document whose claims were stored by a claimcheck that kept no texts (its claims are
        unchanged: same text, same rules)."""
        if not self._db.in_transaction:
            self._db.execute("BEGIN")
        if self._db.execute("INSERT OR IGNORE INTO texts VALUES (?, ?)", (doc_id, text)).rowcount:
            self._pending += 1

    def texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The stored texts of these documents (a document stored before texts were kept has none)."""
        wanted = set(doc_ids)
        return {doc: text for doc, text in self._db.execute("SELECT doc, text FROM texts ORDER BY doc")
                if doc in wanted}

    def commit(self) -> None:
        for hook in self.before_commit:
            hook()
        if self._pending:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('last_run', ?)",
                             (datetime.now(timezone.utc).isoformat(timespec="seconds"),))
        self._db.commit()
        self._pending = 0

    # -- looking after the store (claimcheck store ...) ------------------------------------------------------
    def info(self) -> dict[str, Any]:
        """What the store holds: documents by status, claims, stories, the rules fingerprints the documents were
        extracted with (with counts), its size on disk, its version and the time of the last run that saved."""
        db = self._db
        statuses = dict(db.execute("SELECT status, count(*) FROM documents GROUP BY status ORDER BY status"))
        fingerprints = dict(db.execute(
            "SELECT fingerprint, count(*) FROM documents GROUP BY fingerprint ORDER BY count(*) DESC, fingerprint"))
        meta = dict(db.execute("SELECT key, value FROM meta"))
        docs, claims = self.count()
        return {"path": str(self.path), "schema_version": int(meta.get("schema_version", SCHEMA_VERSION)),
                "documents": docs, "by_status": statuses, "claims": claims,
                "stories": db.execute("SELECT count(*) FROM stories").fetchone()[0],
                "fingerprints": fingerprints, "size_bytes": self.size(), "last_run": meta.get("last_run")}

    def size(self) -> int:
        """Bytes on disk, the write-ahead log included."""
        total = 0
        for suffix in ("", "-wal", "-shm"):
            try:
                total += os.path.getsize(f"{self.path}{suffix}")
            except OSError:
                pass
        return total

    def document_rows(self, pattern: str | None = None) -> Iterator[dict[str, Any]]:
        """One row per stored document, by id: id, status, reason, story, claims, path, fingerprint. ``pattern`` is a
        glob on the id (``stdin:*``)."""
        sql = ("SELECT d.id, d.status, d.record, d.fingerprint, m.story, "
               "(SELECT count(*) FROM claims c WHERE c.doc = d.id) "
               "FROM documents d LEFT JOIN story_members m ON m.doc = d.id")
        args: tuple = ()
        if pattern is not None:
            sql += " WHERE d.id GLOB ?"
            args = (pattern,)
        for doc_id, status, record, fingerprint, story, n in self._db.execute(sql + " ORDER BY d.id", args):
            document = json.loads(record)
            yield {"id": doc_id, "status": status, "reason": document.get("reason"), "story": story, "claims": n,
                   "path": document.get("path"), "fingerprint": fingerprint}

    def matching_ids(self, pattern: str) -> list[str]:
        """Stored document ids equal to ``pattern``, or matching it as a glob when it has ``*``, ``?`` or ``[``."""
        if any(c in pattern for c in "*?["):
            return [i for (i,) in self._db.execute("SELECT id FROM documents WHERE id GLOB ? ORDER BY id",
                                                   (pattern,))]
        row = self._db.execute("SELECT id FROM documents WHERE id = ?", (pattern,)).fetchone()
        return [row[0]] if row else []

    def remove(self, doc_ids: Iterable[str]) -> list[tuple[str, str, dict[str, float]]]:
        """Delete documents, their claims and their story membership, in one transaction; return the memberships
        removed (document, story, vector), for the caller to take them out of their stories' state."""
        db = self._db
        removed = []
        for doc_id in doc_ids:
            placed = self.membership(doc_id)
            if placed is not None:
                removed.append((doc_id, placed[0], placed[2]))
            db.execute("DELETE FROM story_members WHERE doc = ?", (doc_id,))
            db.execute("DELETE FROM claims WHERE doc = ?", (doc_id,))
            db.execute("DELETE FROM comparable WHERE doc = ?", (doc_id,))
            db.execute("DELETE FROM texts WHERE doc = ?", (doc_id,))
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return removed

    def clear(self) -> None:
        """Delete every document, claim and story (the file stays, smaller)."""
        db = self._db
        for table in ("claims", "comparable", "texts", "story_members", "documents", "stories"):
            db.execute(f"DELETE FROM {table}")
        db.execute("DELETE FROM meta WHERE key = 'last_run'")
        db.commit()
        db.execute("VACUUM")

    def documents(self) -> Iterator[dict[str, Any]]:
        """Stored document records, each with the ``story`` it belongs to (None when not yet placed)."""
        for record, story in self._db.execute(
                "SELECT d.record, m.story FROM documents d LEFT JOIN story_members m ON m.doc = d.id ORDER BY d.id"):
            document = json.loads(record)
            document["story"] = story
            yield document

    def datelines(self) -> Iterator[tuple[str, str | None, str | None, str | None, Any, str | None, str | None]]:
        """What ``diff`` reads of every document, by id: (id, story, published, publisher, year, title, url), taken
        out of the records by SQLite (a quarter less time than parsing a million records in Python)."""
        return self._db.execute(
            "SELECT d.id, m.story, json_extract(d.record, '$.published'), json_extract(d.record, '$.publisher'), "
            "json_extract(d.record, '$.year'), json_extract(d.record, '$.title'), json_extract(d.record, '$.url') "
            "FROM documents d LEFT JOIN story_members m ON m.doc = d.id ORDER BY d.id")

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored record of one document, with its ``story``."""
        row = self._db.execute("SELECT d.record, m.story FROM documents d LEFT JOIN story_members m ON m.doc = d.id "
                               "WHERE d.id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        document = json.loads(row[0])
        document["story"] = row[1]
        return document

    # -- stories ------------------------------------------------------------------------------------------
    def stories(self) -> Iterator[tuple[str, int, str | None, str | None, dict[str, float], dict[str, Any]]]:
        """Saved story states: (id, size, first, last, centroid, years), in the order they were opened."""
        for sid, size, first, last, centroid, years in self._db.execute(
                "SELECT id, size, first, last, centroid, years FROM stories ORDER BY seq"):
            yield sid, size, first, last, json.loads(centroid), json.loads(years)

    def save_stories(self, states: Iterable[tuple[str, int, str | None, str | None, dict[str, float],
                                                  dict[str, Any]]],
                     dropped: Iterable[str] = ()) -> None:
        """Insert or update story states (a new story gets the next sequence number); delete dropped ones."""
        db = self._db
        for sid in dropped:
            db.execute("DELETE FROM stories WHERE id = ?", (sid,))
        for sid, size, first, last, centroid, years in states:
            row = (size, first, last, json.dumps(centroid), json.dumps(years))
            updated = db.execute("UPDATE stories SET size = ?, first = ?, last = ?, centroid = ?, years = ? "
                                 "WHERE id = ?", (*row, sid)).rowcount
            if not updated:
                db.execute("INSERT INTO stories VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM stories), "
                           "?, ?, ?, ?, ?)", (sid, *row))

    def membership(self, doc_id: str) -> tuple[str, str | None, dict[str, float]] | None:
        """The story a document was placed in, with the content hash and vector it was placed with."""
        row = self._db.execute("SELECT story, sha256, vector FROM story_members WHERE doc = ?", (doc_id,)).fetchone()
        return None if row is None else (row[0], row[1], json.loads(row[2]))

    def place(self, doc_id: str, story: str, sha256: str | None, vector: dict[str, float]) -> None:
        self._db.execute("INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?)",
                         (doc_id, story, sha256, json.dumps(vector)))

    def move(self, doc_id: str, story: str) -> None:
        """Move a placed document to another story (a split of its story found two events)."""
        self._db.execute("UPDATE story_members SET story = ? WHERE doc = ?", (story, doc_id))

    def members(self) -> Iterator[tuple[str, str, dict[str, float]]]:
        """(document id, story id, stored vector) of every placed document, by story then document."""
        for doc, story, vector in self._db.execute(
                "SELECT doc, story, vector FROM story_members ORDER BY story, doc"):
            yield doc, story, json.loads(vector)

    def claims(self, *, topic: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored claims in document order, optionally of one topic."""
        sql = "SELECT record FROM claims"
        args: tuple = ()
        if topic is not None:
            sql += " WHERE topic = ?"
            args = (topic,)
        for (record,) in self._db.execute(sql + " ORDER BY doc, seq", args):
            yield json.loads(record)

    def comparable_claims(self, *, topic: str | None = None) -> Iterator[dict[str, Any]]:
        """What ``diff`` reads, in document order: quantity claims with a topic or a whole measure (predicate and
        class), and denials.

        Filtered in SQL so the records of the other claims (most of a big store) are never parsed.
        """
        where = "(kind = 'quantity' AND (topic IS NOT NULL OR measured)"
        args: tuple = ()
        if topic is not None:  # of the claims already selected: the measure is read from those records only
            where += " AND (topic = ? OR json_extract(record, '$.measure.id') = ?)"
            args = (topic, topic)
        where += ") OR (kind = 'statement' AND denial)"
        for (record,) in self._db.execute(f"SELECT record FROM claims WHERE {where} ORDER BY doc, seq", args):
            yield json.loads(record)

    def figures(self, *, story: str | None = None) -> Iterator[Figure]:
        """The quantity claims ``diff`` compares, in document order, as it reads them (:class:`Figure`), from the
        slim ``comparable`` table: no record is parsed. ``story``: only those of that story's documents."""
        where, args = _in_story(story)
        rows = self._db.execute(
            f"SELECT {', '.join(_FIGURE_COLUMNS)} FROM comparable WHERE NOT denial{where} ORDER BY doc, seq", args)
        # one string object for the values a big store repeats: documents, topics, units, measures, origins, and
        # sentences (the claims of one sentence, syndicated copy): half the memory of ten million claims' figures
        intern, sentences = sys.intern, {}
        for (id_, doc, topic, unit, low, high, low_inclusive, high_inclusive, value, vague, additional, measure,
             counted, noun, part, update, origin, attributed, text, sentence) in rows:
            yield Figure(id_, intern(doc), topic and intern(topic), unit and intern(unit), low, high, low_inclusive,
                         high_inclusive, value, vague, additional, measure and intern(measure),
                         counted and intern(counted), noun, part, update, origin and intern(origin), attributed, text,
                         sentences.setdefault(sentence, sentence))

    def denials(self, *, story: str | None = None) -> Iterator[Denial]:
        """The denials ``diff`` lists, in document order (:class:`Denial`)."""
        where, args = _in_story(story)
        return map(Denial._make, self._db.execute(
            f"SELECT id, doc, topic, text FROM comparable WHERE denial{where} ORDER BY doc, seq", args))

    def records(self, ids: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(id, record as stored: JSON text) of these claims, in the order asked; an id not stored is skipped.
        Looked up 500 at a time: a query per claim cost twice as much over a million claims."""
        ids = iter(ids)
        while batch := list(islice(ids, 500)):
            found = dict(self._db.execute(
                f"SELECT id, record FROM claims WHERE id IN ({', '.join('?' * len(batch))})", batch))
            for i in batch:
                if i in found:
                    yield i, found[i]

    def count(self) -> tuple[int, int]:
        """(documents, claims) stored."""
        docs = self._db.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = self._db.execute("SELECT count(*) FROM claims").fetchone()[0]
        return docs, claims


CLAIM_COLUMNS = "id, doc, seq, kind, topic, unit, low, high, record, measured, denial"


def selection(claim: dict[str, Any]) -> tuple[int, int]:
    """The ``measured`` and ``denial`` columns of a claim, as SQLite would read them from its record (see
    :func:`_add_selection_columns`): a measure with an id and a class, both not null; a denial that is true."""
    measure = claim.get("measure")
    measured = isinstance(measure, dict) and measure.get("id") is not None and measure.get("class") is not None
    denial = claim.get("denial")
    return int(measured), int(isinstance(denial, int | float) and bool(denial))


INSERT_COMPARABLE = f"INSERT INTO comparable VALUES ({', '.join('?' * 22)})"
# Figure's fields as comparable's columns name them ("update" is an SQL keyword)
_FIGURE_COLUMNS = tuple("updates" if f == "update" else f for f in Figure._fields)


def _in_story(story: str | None) -> tuple[str, tuple]:
    if story is None:
        return "", ()
    return " AND doc IN (SELECT doc FROM story_members WHERE story = ?)", (story,)


def comparable_row(claim: dict[str, Any], seq: int) -> tuple | None:
    """The ``comparable`` row of a claim (its seq-th in its document), or None when ``diff`` does not compare it."""
    figure = Figure.of_record(claim)
    if figure is not None:
        f = figure
        return (f.doc, seq, 0, f.id, f.topic, f.unit, f.low, f.high, f.low_inclusive, f.high_inclusive, f.value,
                f.vague, f.additional, f.measure, f.counted, f.noun, f.part, f.update, f.origin, f.attributed, f.text,
                f.sentence)
    denial = Denial.of_record(claim)
    if denial is None:
        return None
    return (denial.doc, seq, 1, denial.id, denial.topic, *(None,) * 15, denial.text, None)


def _fill_comparable(db: sqlite3.Connection) -> None:
    """Upgrade a store from before version 4: fill ``comparable`` from the records of the claims it compares (the
    selection columns pick them: no other record is parsed)."""
    rows = ((record, seq) for record, seq in db.execute(
        "SELECT record, seq FROM claims WHERE (kind = 'quantity' AND (topic IS NOT NULL OR measured)) "
        "OR (kind = 'statement' AND denial)"))
    db.executemany(INSERT_COMPARABLE, (row for record, seq in rows
                                       if (row := comparable_row(json.loads(record), seq)) is not None))


def _add_selection_columns(db: sqlite3.Connection) -> None:
    """Upgrade a version-2 store: add ``claims.measured`` and ``claims.denial`` and fill them from the records,
    as the version-2 ``comparable_claims`` selected them."""
    db.execute("ALTER TABLE claims ADD COLUMN measured INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE claims ADD COLUMN denial INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE claims SET measured = (json_extract(record, '$.measure.id') IS NOT NULL "
               "AND json_extract(record, '$.measure.class') IS NOT NULL), "
               "denial = CASE WHEN json_extract(record, '$.denial') THEN 1 ELSE 0 END")


def _q(claim: dict[str, Any], key: str) -> Any:
    quantity = claim.get("quantity")
    value = quantity.get(key) if quantity else None
    # a bound beyond 2**63 ("1e20") is an int in the record, and SQLite's INTEGER stops there: the column is REAL
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value
