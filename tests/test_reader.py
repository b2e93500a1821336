"""Inputs: folders, JSONL corpora, stdin, encodings, and every kind of bad input."""

import io
import json
import os

import pytest

from claimcheck.errors import InputError
from claimcheck.reader import read_inputs


def by_id(docs):
    return {d.id: d for d in docs}


def test_folder_walk_is_recursive_sorted_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("Two.")
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden")
    docs = list(read_inputs([str(tmp_path)]))
    assert [d.id for d in docs] == ["a.txt", "b/two.md"]


def test_bad_files_are_listed_not_dropped(tmp_path):
    (tmp_path / "good.txt").write_text("North Korea sent 5 million shells.")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said 300 people came.".encode("latin-1"))
    (tmp_path / "bom.txt").write_bytes("\ufeffWith a BOM.".encode("utf-8"))
    docs = by_id(read_inputs([str(tmp_path)]))
    assert set(docs) == {"good.txt", "empty.txt", "binary.txt", "latin1.txt", "bom.txt"}
    assert (docs["empty.txt"].status, docs["empty.txt"].reason) == ("skipped", "empty file")
    assert (docs["binary.txt"].status, docs["binary.txt"].reason) == ("skipped", "binary file")
    assert docs["latin1.txt"].status == "ok" and "Café" in docs["latin1.txt"].text
    assert docs["bom.txt"].text == "With a BOM."


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_text("text")
    f.chmod(0)
    [doc] = read_inputs([str(f)])
    assert doc.status == "error" and doc.reason.startswith("unreadable")


def test_unreadable_folder_entry(tmp_path):
    """A name that cannot be read (here: a dangling link) is an error document, and the others go on."""
    (tmp_path / "ok.txt").write_text("Fine.")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    docs = by_id(read_inputs([str(tmp_path)]))
    assert docs["dangling.txt"].status == "error" and "unreadable" in docs["dangling.txt"].reason
    assert docs["ok.txt"].status == "ok"


def test_jsonl_corpus_with_malformed_lines(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Some 300 people came.", "title": "T", "source": "Reuters",
                    "published": "2024-09-13", "url": "https://example.org/a1"}),
        "{not json",
        json.dumps({"id": "a3"}),
        "",
        json.dumps({"id": 4, "text": ""}),
    ]) + "\n")
    docs = list(read_inputs([str(corpus)]))
    assert [(d.id, d.status) for d in docs] == [
        ("a1", "ok"), (f"{corpus}:2", "error"), (f"{corpus}:3", "error"), ("4", "skipped")]
    assert docs[1].reason.startswith("malformed JSON at line 2")
    assert (docs[0].title, docs[0].publisher, docs[0].published) == ("T", "Reuters", "2024-09-13")


def test_crlf_is_normalized_like_universal_newlines(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"Line one.\r\nLine two.\r\n")
    [doc] = read_inputs([str(f)])
    assert doc.text == open(f, encoding="utf-8-sig").read()


def test_stdin_text_and_corpus():
    [doc] = read_inputs(["-"], stdin=io.BytesIO(b"Plain prose with 5 numbers."))
    # stored under its content hash, so the same text piped twice is one document and another text another one
    assert (doc.id, doc.path, doc.status) == (f"stdin:{doc.sha256[:12]}", "-", "ok")
    [other] = read_inputs(["-"], stdin=io.BytesIO(b"Other prose."))
    assert other.id.startswith("stdin:") and other.id != doc.id
    docs = list(read_inputs(["-"], stdin=io.BytesIO(b'{"id": "x", "text": "a"}\n{"id": "y", "text": "b"}\n')))
    assert [d.id for d in docs] == ["x", "y"]


def test_duplicate_ids_are_numbered(tmp_path):
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(sub)
    docs = list(read_inputs([str(tmp_path / "one"), str(tmp_path / "two")]))
    assert [d.id for d in docs] == ["same.txt", "same.txt#2"]


def test_missing_path_raises_before_reading(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_inputs([str(tmp_path), str(tmp_path / "missing")]))


# -- streaming: a file is read in pieces and a corpus line by line, with the same documents as reading it whole --

def test_a_corpus_is_read_line_by_line_not_whole(tmp_path):
    """Reading a 24 MB corpus allocates a small fraction of it at any moment (a whole-file read would hold it
    twice: bytes, then text). Memory by allocation count, not by time."""
    import tracemalloc

    record = {"id": 0, "text": "The ministry said 1,200 people were evacuated. " * 40, "source": "Reuters"}
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(12_000):
            f.write(json.dumps({**record, "id": i}) + "\n")
    size = corpus.stat().st_size
    assert size > 20_000_000
    tracemalloc.start()
    try:
        n = sum(1 for _ in read_inputs([str(corpus)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 12_000
    assert peak < size / 4, (peak, size)


@pytest.mark.parametrize("chunk", [1, 2, 7, 64])
def test_newlines_split_across_pieces_read_as_whole(tmp_path, monkeypatch, chunk):
    import claimcheck.reader as reader

    monkeypatch.setattr(reader, "_CHUNK", chunk)
    text = tmp_path / "mixed.txt"
    text.write_bytes("Caf\u00e9 one.\r\nTwo.\rThree.\n\r\nFour \u20ac5.\r".encode())
    [doc] = read_inputs([str(text)])
    assert doc.text == open(text, encoding="utf-8-sig").read() == "Caf\u00e9 one.\nTwo.\nThree.\n\nFour \u20ac5.\n"
    corpus = tmp_path / "crlf.jsonl"
    corpus.write_bytes(b'{"id": "a", "text": "One."}\r\n\r\n{"id": "b", "text": "Two\\r\\nlines."}\r\n{"id": "c"\r\n')
    docs = list(read_inputs([str(corpus)]))
    assert [(d.id, d.status) for d in docs] == [("a", "ok"), ("b", "ok"), (f"{corpus}:4", "error")]
    assert docs[1].text == "Two\nlines."


def test_a_byte_that_is_not_utf8_late_in_a_big_file_is_still_seen(tmp_path, monkeypatch):
    """The encoding is decided on every byte (charset-normalizer is shown only the start of a big file): a cp1252
    byte on the last line makes the whole corpus cp1252, as when the file was decoded in one go."""
    import claimcheck.reader as reader

    monkeypatch.setattr(reader, "_DETECT_BYTES", 64)
    monkeypatch.setattr(reader, "_CHUNK", 16)
    corpus = tmp_path / "late.jsonl"
    lines = [json.dumps({"id": i, "text": "Plain ASCII text."}) for i in range(20)]
    lines.append('{"id": "last", "text": "Caf\xe9 owners counted 300."}')
    corpus.write_bytes("\n".join(lines).encode("cp1252") + b"\n")
    warnings = []
    docs = list(read_inputs([str(corpus)], on_warning=warnings.append))
    assert len(docs) == 21 and {d.encoding for d in docs} == {"cp1252"}
    assert docs[-1].text == "Café owners counted 300."
    assert warnings == [f"{corpus}: not UTF-8; read as cp1252 (a guess: check the text, or convert the file to UTF-8)"]


def test_stdin_is_streamed_with_the_same_rules_as_a_file(tmp_path):
    data = '{"id": "x", "text": "Caf\xe9."}\n'.encode("cp1252") + b"{broken\n"
    (tmp_path / "same.jsonl").write_bytes(data)
    from_file = list(read_inputs([str(tmp_path / "same.jsonl")]))
    piped = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [(d.id, d.status, d.encoding, d.text) for d in piped][0] == ("x", "ok", "cp1252", "Café.")
    assert [(d.status, d.reason, d.sha256) for d in piped] == [(d.status, d.reason, d.sha256) for d in from_file]
    [binary] = read_inputs(["-"], stdin=io.BytesIO(b"\x89PNG\x00\x00"))
    assert binary.status == "skipped" and binary.reason == "binary file" and binary.id.startswith("stdin:")
    [blank] = read_inputs(["-"], stdin=io.BytesIO(b"  \n\n"))
    assert (blank.status, blank.reason) == ("skipped", "empty file")


def test_duplicate_ids_are_numbered_past_the_in_memory_count(tmp_path, monkeypatch):
    from claimcheck.reader import SeenIds

    monkeypatch.setattr(SeenIds, "in_memory", 3)
    corpus = tmp_path / "dups.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": "Text."}) + "\n" for i in "abacdeab"))
    assert [d.id for d in read_inputs([str(corpus)])] == ["a", "b", "a#2", "c", "d", "e", "a#3", "b#2"]
