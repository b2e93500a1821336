""":mod:`claimcheck.reader`: turn input paths into a stream of :class:`~claimcheck.models.Document`.

A folder is walked recursively (sorted, hidden entries skipped) for ``.txt``, ``.md`` and ``.jsonl`` files;
``-`` reads standard input. Nothing is dropped silently: a file or JSONL line that cannot be used still yields a
Document, with ``status`` "skipped" or "error" and a ``reason``.

Text is decoded as UTF-8 (a BOM is removed), falling back to the encoding charset-normalizer detects, and
newlines are normalized to ``\\n`` the way Python's universal-newline mode reads files, so offsets computed
here match ``open(path, encoding="utf-8-sig").read()``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .models import Document

TEXT_SUFFIXES = (".txt", ".md")
CORPUS_SUFFIX = ".jsonl"
STDIN = "-"
_SNIFF_BYTES = 8192


def check_paths(paths: Iterable[str]) -> None:
    """Raise InputError for the first named path that does not exist: the user must act."""
    for p in paths:
        if p != STDIN and not os.path.exists(p):
            raise InputError(f"no such file or folder: {p}")


def read_inputs(paths: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[Document]:
    """Yield one Document per input found under ``paths``, in a deterministic order.

    Args:
        paths: files, folders, or ``-`` for standard input.
        stdin: the binary stream ``-`` reads (defaults to ``sys.stdin.buffer``).

    Yields:
        Documents with ``text`` set when ``status == "ok"``.

    Raises:
        InputError: a path does not exist (checked before anything is yielded).
    """
    paths = list(paths)
    check_paths(paths)
    seen: dict[str, int] = {}
    for doc in _documents(paths, stdin):
        yield _unique(doc, seen)


def _unique(doc: Document, seen: dict[str, int]) -> Document:
    """Two inputs can share an id (the same file name under two folders): number the later ones."""
    count = seen.get(doc.id, 0) + 1
    seen[doc.id] = count
    if count == 1:
        return doc
    return replace(doc, id=f"{doc.id}#{count}")


def _documents(paths: list[str], stdin: BinaryIO | None) -> Iterator[Document]:
    for p in paths:
        if p == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        elif os.path.isdir(p):
            for file in _walk(Path(p)):
                yield from _read_file(file, file.relative_to(p).as_posix())
        else:
            yield from _read_file(Path(p), Path(p).name)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith((*TEXT_SUFFIXES, CORPUS_SUFFIX)):
                yield Path(dirpath) / name


def _read_file(path: Path, doc_id: str) -> Iterator[Document]:
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Document(doc_id, str(path), None, "error", f"unreadable: {e.strerror or e}")
        return
    if path.name.lower().endswith(CORPUS_SUFFIX):
        yield from _read_corpus(data, str(path))
    else:
        yield _text_document(data, doc_id, str(path))


def _read_stdin(stream: BinaryIO) -> Iterator[Document]:
    data = stream.read()
    if _looks_like_corpus(data):
        yield from _read_corpus(data, STDIN)
    else:
        yield _text_document(data, STDIN, STDIN)


def _looks_like_corpus(data: bytes) -> bool:
    """Standard input is a JSONL corpus when it opens with a JSON object; prose never does."""
    return data.lstrip()[:1] == b"{"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes to text, or say why not. Returns ``(text, None)`` or ``(None, reason)``."""
    if b"\0" in data[:_SNIFF_BYTES]:
        return None, "binary file"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            return None, "undecodable: not UTF-8 and no text encoding detected"
        text = str(best)
    return normalize_newlines(text), None


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_document(data: bytes, doc_id: str, path: str) -> Document:
    text, problem = decode(data)
    if text is None:
        status = "skipped" if problem == "binary file" else "error"
        return Document(doc_id, path, hashlib.sha256(data).hexdigest(), status, problem)
    if not text.strip():
        return Document(doc_id, path, _sha256(text), "skipped", "empty file")
    return Document(doc_id, path, _sha256(text), "ok", text=text)


def _read_corpus(data: bytes, path: str) -> Iterator[Document]:
    """One Document per non-blank line of a JSONL corpus: ``{"id", "text"}`` plus optional metadata."""
    text, problem = decode(data)
    if text is None:
        yield Document(path, path, hashlib.sha256(data).hexdigest(), "error", problem)
        return
    if not text.strip():
        yield Document(path, path, _sha256(text), "skipped", "empty file")
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Document(where, where, None, "error", f"malformed JSON at line {lineno}: {e.msg}")
            continue
        if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
            yield Document(where, where, None, "error",
                           f"line {lineno}: a record needs \"id\" and a string \"text\"")
            continue
        body = normalize_newlines(record["text"])
        meta = {field: _text_or_none(record.get(key)) for field, key in
                (("title", "title"), ("publisher", "source"), ("published", "published"), ("url", "url"))}
        status, reason = ("ok", None) if body.strip() else ("skipped", "empty text")
        yield Document(str(record["id"]), where, _sha256(body), status, reason, **meta,
                       text=body if status == "ok" else None)


def _text_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def read_claims_document(stream) -> tuple[list[dict], list[dict]]:
    """Read the claims and documents of an ``extract --format json`` output (for ``diff -``).

    Raises:
        InputError: the stream is not a claims JSON document.
    """
    import json

    from .errors import InputError

    try:
        data = json.load(stream)
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"standard input is not a claims JSON document ({e})") from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("claimcheck/claims@"):
        raise InputError("standard input is not a claims JSON document (expected schema 'claimcheck/claims@N' "
                         "from 'claimcheck extract --format json')")
    claims, documents = data.get("claims"), data.get("documents", [])
    if not isinstance(claims, list) or not isinstance(documents, list):
        raise InputError("standard input: 'claims' and 'documents' must be lists")
    return claims, documents
