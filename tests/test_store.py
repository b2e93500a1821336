"""The SQLite store: reuse of unchanged documents, replacement of changed ones, reading back."""

import pytest

from claimcheck.process import Extractor
from claimcheck.reader import read_inputs
from claimcheck.store import Store


@pytest.fixture
def extractor(nlp, rules):
    return Extractor(nlp, rules)


def run(extractor, paths, store):
    return list(extractor.run(read_inputs(paths), store=store))


def write_corpus(tmp_path, files):
    """A folder ``in/`` under tmp_path holding ``files`` (name -> text)."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text)
    return corpus


def test_unchanged_documents_reuse_stored_claims(tmp_path, extractor):
    corpus = write_corpus(tmp_path, {"a.txt": "Officials said nearly 300 people were killed.",
                                     "b.txt": "The army sent 5,000 troops."})
    with Store(tmp_path / "claims.db") as store:
        first = run(extractor, [str(corpus)], store)
        assert not any(r.cached for r in first)
    with Store(tmp_path / "claims.db") as store:
        second = run(extractor, [str(corpus)], store)
        assert all(r.cached for r in second)
        assert [r.claims for r in second] == [r.claims for r in first]


def test_changed_document_replaces_its_claims(tmp_path, extractor):
    corpus = write_corpus(tmp_path, {"a.txt": "The army sent 5,000 troops."})
    doc = corpus / "a.txt"
    db = tmp_path / "claims.db"
    with Store(db) as store:
        run(extractor, [str(corpus)], store)
    doc.write_text("The army sent 7,000 troops and 40 tanks.")
    with Store(db) as store:
        [result] = run(extractor, [str(corpus)], store)
        assert not result.cached
        stored = list(store.claims())
        assert [c["text"] for c in stored] == ["7,000 troops", "40 tanks"]
        assert store.count() == (1, 2)


def test_store_filters_by_topic_and_keeps_failed_documents(tmp_path, extractor):
    corpus = write_corpus(tmp_path, {"a.txt": "The army sent 5,000 troops and fired 300 shells.", "empty.txt": ""})
    with Store(tmp_path / "claims.db") as store:
        run(extractor, [str(corpus)], store)
        assert [c["text"] for c in store.claims(topic="troops")] == ["5,000 troops"]
        assert {d["id"]: d["status"] for d in store.documents()} == {"a.txt": "ok", "empty.txt": "skipped"}


def test_new_rules_invalidate_the_cache(tmp_path, extractor):
    corpus = write_corpus(tmp_path, {"a.txt": "The army sent 5,000 troops."})
    with Store(tmp_path / "claims.db") as store:
        run(extractor, [str(corpus)], store)
        assert store.cached_claims("a.txt", None, extractor.fingerprint) is None
        sha = next(store.documents())["sha256"]
        assert store.cached_claims("a.txt", sha, extractor.fingerprint) is not None
        assert store.cached_claims("a.txt", sha, "other-rules") is None


# quantity claims with and without a whole measure, a topic, denials true and false: what diff selects of each
_SELECTION_CASES = [
    ({"kind": "quantity", "topic": None, "measure": {"id": "killed", "class": "person"}}, True),
    ({"kind": "quantity", "topic": None, "measure": {"id": "killed", "class": None}}, False),
    ({"kind": "quantity", "topic": "casualties", "measure": None}, True),
    ({"kind": "quantity", "topic": None}, False),
    ({"kind": "statement", "topic": None, "denial": True}, True),
    ({"kind": "statement", "topic": None, "denial": False}, False),
]


def _claims_of(doc: str) -> list[dict]:
    return [{"id": f"{doc}#{i}", "doc": doc, "text": "x", "quantity": {"low": 1, "high": 1}, **case}
            for i, (case, _) in enumerate(_SELECTION_CASES)]


def test_diff_selects_by_columns_that_save_fills(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save({"id": "a.txt", "sha256": "x", "status": "ok"}, _claims_of("a.txt"), "f")
        store.commit()
        selected = [c["id"] for c in store.comparable_claims()]
    assert selected == [f"a.txt#{i}" for i, (_, kept) in enumerate(_SELECTION_CASES) if kept]


def test_a_version_2_store_gets_the_selection_columns_from_its_records(tmp_path):
    import json
    import sqlite3

    db = tmp_path / "v2.db"
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '2');
        CREATE TABLE documents (id TEXT PRIMARY KEY, sha256 TEXT, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
                                record TEXT NOT NULL);
        CREATE TABLE claims (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
                             topic TEXT, unit TEXT, low REAL, high REAL, record TEXT NOT NULL);
        INSERT INTO documents VALUES ('a.txt', 'x', 'old', 'ok', '{"id": "a.txt", "status": "ok"}');
    """)
    con.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, NULL, 1, 1, ?)",
                    [(c["id"], c["doc"], i, c["kind"], c["topic"], json.dumps(c))
                     for i, c in enumerate(_claims_of("a.txt"))])
    con.commit()
    con.close()
    with Store(db) as store:
        selected = [c["id"] for c in store.comparable_claims()]
        assert len(list(store.claims())) == len(_SELECTION_CASES)  # nothing stored is lost
    assert selected == [f"a.txt#{i}" for i, (_, kept) in enumerate(_SELECTION_CASES) if kept]
    assert sqlite3.connect(db).execute("SELECT value FROM meta").fetchone() == ("4",)


def _as_read(records):
    """What diff reads of claim records: their figures, then their denials (claimcheck.figures)."""
    from claimcheck.figures import Denial, Figure

    records = list(records)
    return [f for c in records if (f := Figure.of_record(c))] + [d for c in records if (d := Denial.of_record(c))]


def test_the_comparable_table_holds_what_diff_reads_of_each_record(tmp_path, extractor):
    """Store.comparable gives, without parsing a record, exactly the figures and denials of the stored records:
    open ends, inclusive flags, int values, parts, origins, increments."""
    corpus = write_corpus(tmp_path, {
        "a.txt": "Police said at least 12 people were killed and more than 40 injured on Monday. The army sent "
                 "an additional 1,000 to 3,000 troops, two of them officers. North Korea denied any arms transfers.",
        "b.txt": "The death toll rose to 14, officials said. Nearly 5 million shells were supplied."})
    with Store(tmp_path / "claims.db") as store:
        run(extractor, [str(corpus)], store)
        store.commit()
        read = [*store.figures(), *store.denials()]
        assert read == _as_read(store.claims())
        assert read and {type(x).__name__ for x in read} == {"Figure", "Denial"}
        assert [x.id for x in store.figures(story="no such story")] == []
        store.remove(["a.txt"])
        assert {x.doc for x in [*store.figures(), *store.denials()]} == {"b.txt"}  # deleted with its claims


def test_a_version_3_store_gets_its_comparable_table_from_its_records(tmp_path):
    import json
    import sqlite3

    db = tmp_path / "v3.db"
    with Store(db) as store:
        store.save({"id": "a.txt", "sha256": "x", "status": "ok"}, _claims_of("a.txt"), "f")
    con = sqlite3.connect(db)  # as version 3 left it: no comparable table
    con.execute("DROP TABLE comparable")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with Store(db) as store:
        assert [*store.figures(), *store.denials()] == _as_read(json.loads(r) for (r,) in sqlite3.connect(db).execute(
            "SELECT record FROM claims ORDER BY doc, seq"))
        assert sorted(x.id for x in [*store.figures(), *store.denials()]) == sorted(
            c["id"] for c in store.comparable_claims())
    assert sqlite3.connect(db).execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("4",)
