""":mod:`claimcheck.reader`: turn input paths into a stream of :class:`~claimcheck.models.Document`.

A folder is walked recursively (sorted, hidden entries skipped) for ``.txt``, ``.md``, ``.jsonl``, ``.html`` and
``.htm`` files; ``-`` reads standard input. A web page (a ``.html``/``.htm`` file, a JSONL record's ``html`` field, or
HTML on standard input) is read with :mod:`claimcheck.web_page`: its main text becomes the document text.
Nothing is dropped silently: a file or JSONL line that cannot be used still yields a Document, with ``status``
"skipped" or "error" and a ``reason``.

Text is decoded as UTF-8 (a BOM is removed; a UTF-16 or UTF-32 BOM is followed), else with the encoding
charset-normalizer detects when it is confident, else as cp1252, else as Latin-1 (see :func:`decode`); every
Document names the encoding it was read with. Newlines are normalized to ``\\n`` the way Python's
universal-newline mode reads files, so offsets computed here match ``open(path, encoding="utf-8-sig").read()``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .models import Document
from .web_page import HTML_SUFFIXES, INSTALL_HINT, NO_MAIN_TEXT, available, read_page

TEXT_SUFFIXES = (".txt", ".md")
CORPUS_SUFFIX = ".jsonl"
INPUT_KINDS = ".txt, .md, .jsonl or .html"  # what a folder is searched for, as the error messages name it
STDIN = "-"
_SNIFF_BYTES = 8192
_CHUNK = 1 << 20  # bytes read at a time
_DETECT_BYTES = 4 << 20  # the most of a file that is not UTF-8 charset-normalizer is shown
# tried in this order when the bytes are not UTF-8 and charset-normalizer is not confident; Latin-1 decodes any bytes
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
# candidates within this much "chaos" (charset-normalizer's mess ratio) of the best are taken as equally likely
_CHAOS_MARGIN = 0.1
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
Warn = Callable[[str], None]


def check_paths(paths: Iterable[str]) -> None:
    """Raise InputError for the first named path that does not exist, or a folder with nothing to read in it: the
    user must act, and learns it before anything is written."""
    for p in paths:
        if p == STDIN:
            continue
        if not os.path.exists(p):
            raise InputError(f"no such file or folder: {p}")
        if os.path.isdir(p) and next(_walk(Path(p)), None) is None:
            raise InputError(f"no {INPUT_KINDS} input found under {p}")


def read_inputs(paths: Iterable[str], *, stdin: BinaryIO | None = None,
                on_warning: Warn | None = None) -> Iterator[Document]:
    """Yield one Document per input found under ``paths``, in a deterministic order.

    Args:
        paths: files, folders, or ``-`` for standard input.
        stdin: the binary stream ``-`` reads (defaults to ``sys.stdin.buffer``).
        on_warning: called with a one-line message for what the user should know but that is no error (a file
            whose encoding was guessed), once per file.

    Yields:
        Documents with ``text`` set when ``status == "ok"``.

    Raises:
        InputError: a path does not exist (checked before anything is yielded).
    """
    paths = list(paths)
    check_paths(paths)
    warn = on_warning or (lambda message: None)
    with SeenIds() as seen:
        for doc in _documents(paths, stdin, warn):
            yield _unique(doc, seen)


def _unique(doc: Document, seen: SeenIds) -> Document:
    """Two inputs can share an id (the same file name under two folders): number the later ones."""
    count = seen.add(doc.id)
    if count == 1:
        return doc
    return replace(doc, id=f"{doc.id}#{count}")


class SeenIds:
    """How many times each document id was met: a dict while there are few, then a temporary SQLite table on disk
    (SQLite's own private temporary database, removed when closed), so a corpus of millions of documents is read
    in the memory of one of thousands."""

    in_memory = 10_000

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._db: sqlite3.Connection | None = None

    def add(self, doc_id: str) -> int:
        """Count one more ``doc_id``; return how many times it has been met, this one included."""
        if self._db is not None:
            return self._db.execute("INSERT INTO seen VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1 "
                                    "RETURNING n", (doc_id,)).fetchone()[0]
        count = self._counts[doc_id] = self._counts.get(doc_id, 0) + 1
        if len(self._counts) > self.in_memory:
            self._db = sqlite3.connect("")  # "": a private temporary database, spilled to disk beyond its cache
            self._db.execute("PRAGMA cache_size = -1024")  # KiB
            self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
            self._db.executemany("INSERT INTO seen VALUES (?, ?)", self._counts.items())
            self._counts = {}
        return count

    def __enter__(self) -> SeenIds:
        return self

    def __exit__(self, *exc) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _documents(paths: list[str], stdin: BinaryIO | None, warn: Warn) -> Iterator[Document]:
    for p in paths:
        if p == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, warn)
        elif os.path.isdir(p):
            for file in _walk(Path(p)):
                yield from _read_file(file, file.relative_to(p).as_posix(), warn)
        else:
            yield from _read_file(Path(p), Path(p).name, warn)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith((*TEXT_SUFFIXES, CORPUS_SUFFIX, *HTML_SUFFIXES)):
                yield Path(dirpath) / name


def _read_file(path: Path, doc_id: str, warn: Warn) -> Iterator[Document]:
    name = path.name.lower()
    kind = "corpus" if name.endswith(CORPUS_SUFFIX) else "page" if name.endswith(HTML_SUFFIXES) else "text"
    yield from _read_source(_Source(str(path), lambda: open(path, "rb")), doc_id, kind, warn)


def _read_stdin(stream: BinaryIO, warn: Warn) -> Iterator[Document]:
    """Standard input: a JSONL corpus, or one text or web page stored under ``stdin:<hash of its text>`` (not "-",
    so two different texts piped in two runs are two documents, and the same text is one).

    It is copied to a temporary file first, in pieces: the encoding is only known once every byte was seen, and a
    file can be read again from its start where a pipe cannot."""
    with tempfile.TemporaryFile() as spool:
        try:
            for chunk in iter(lambda: stream.read(_CHUNK), b""):
                spool.write(chunk)
        except OSError as e:
            yield Document(STDIN, STDIN, None, "error", f"unreadable: {e.strerror or e}")
            return
        spool.flush()
        source = _Source(STDIN, lambda: _reopen(spool))
        with source.open() as f:
            head = f.read(_CHUNK)
        kind = "corpus" if _looks_like_corpus(head) else "page" if _looks_like_html(head) else "text"
        for document in _read_source(source, STDIN, kind, warn):
            if kind != "corpus" and document.sha256 is not None:
                document = replace(document, id=f"stdin:{document.sha256[:12]}")
            yield document


def _reopen(spool) -> BinaryIO:
    """A new reader of the spooled file, from its start (the spool itself stays open)."""
    f = os.fdopen(os.dup(spool.fileno()), "rb")
    f.seek(0)
    return f


@dataclass(frozen=True)
class _Source:
    """Bytes that can be read from their start as often as needed: a file, or standard input spooled to one."""

    name: str
    open: Callable[[], BinaryIO]


def _read_source(source: _Source, doc_id: str, kind: str, warn: Warn) -> Iterator[Document]:
    """The documents of one file (``kind``: "corpus", "page" or "text"), read in pieces: memory does not grow with
    the file (a JSONL corpus goes line by line; a text or a page is one document, in memory once, as text)."""
    try:
        read = _sniff(source, warn)
        if read.decoded.text is None:  # bytes that are no text: one document says so
            yield Document(source.name if kind == "corpus" else doc_id, source.name, read.raw_sha256, "skipped",
                           read.decoded.problem)
            return
        if kind == "corpus":
            yield from _read_corpus(source, read.codec, read.decoded.encoding)
            return
        with _text_stream(source, read.codec) as f:
            text = f.read()
    except OSError as e:
        yield Document(doc_id, source.name, None, "error", f"unreadable: {e.strerror or e}")
        return
    except MemoryError:
        yield Document(doc_id, source.name, None, "error", "unreadable: too large for this machine's memory")
        return
    read = _Read(replace(read.decoded, text=text), None)
    yield _page_document(read, doc_id, source.name) if kind == "page" else _text_document(read, doc_id, source.name)


def _looks_like_corpus(data: bytes) -> bool:
    """Standard input is a JSONL corpus when it opens with a JSON object; prose never does."""
    return data.lstrip()[:1] == b"{"


_HTML_OPENINGS = (b"<!doctype html", b"<html")


def _looks_like_html(data: bytes) -> bool:
    """Standard input is a web page when it opens as one (a doctype or an ``<html>`` tag, a BOM before it)."""
    return data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:14].lower().startswith(_HTML_OPENINGS)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes (None when it could not be), the encoding used, and whether it was guessed."""

    text: str | None
    encoding: str | None = None
    guessed: bool = False
    problem: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode bytes to text, in this order, and say which encoding was used:

    1. a byte-order mark (UTF-8, UTF-16, UTF-32) is followed;
    2. bytes with a NUL in the first 8 KiB and no BOM are a binary file (not decoded);
    3. UTF-8;
    4. charset-normalizer's best guess, only when it is confident: every candidate about as likely as the best
       one (mess ratio within 0.1) gives the same text. Short Latin text fits many code pages (cp1250 reads a
       Latin-1 "São" as "Săo"), so it is rarely confident there, and sure of Cyrillic, Greek, CJK;
    5. cp1252 (Windows Western, a superset of Latin-1's printable characters), then Latin-1, which decodes any bytes.

    Steps 4 and 5 are guesses (``guessed`` is true): the reader warns about them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(normalize_newlines(data.decode(encoding)), "utf-8" if encoding == "utf-8-sig"
                               else encoding)
            except UnicodeDecodeError:
                break  # a BOM followed by bytes that do not fit it: not that encoding after all
    if b"\0" in data[:_SNIFF_BYTES]:
        return Decoded(None, problem="binary file")
    try:
        return Decoded(normalize_newlines(data.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _confident_guess(data)
    for candidate in ((encoding,) if encoding else ()) + FALLBACK_ENCODINGS:
        try:
            return Decoded(normalize_newlines(data.decode(candidate)), candidate, guessed=True)
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _confident_guess(data: bytes) -> str | None:
    """charset-normalizer's encoding when the candidates about as likely as the best one all agree, else None."""
    from charset_normalizer import from_bytes

    try:
        matches = list(from_bytes(data))
    except Exception:  # noqa: BLE001  (a detector failure is no reason to lose the document: fall back)
        return None
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= best + _CHAOS_MARGIN]
    texts = {str(m) for m in close}
    if len(texts) != 1:
        return None
    encoding = close[0].encoding
    try:
        codecs.lookup(encoding)
    except LookupError:
        return None
    return encoding


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class _Read:
    """What the reader knows of a file's bytes before reading its text: the encoding (``decoded.text`` is "" when
    they are text, None when not), the codec that reads them (``utf-8-sig`` drops a BOM), and, for bytes that are
    no text, their hash."""

    decoded: Decoded
    raw_sha256: str | None
    codec: str | None = None


def _sniff(source: _Source, warn: Warn) -> _Read:
    """:func:`decode`'s choice of encoding, made in passes over the bytes in pieces instead of on all of them at
    once. The same choice, except that charset-normalizer sees at most the first ``_DETECT_BYTES`` of a file that
    is not UTF-8 (it would decode the whole of it, several times)."""
    with source.open() as f:
        head = f.read(_SNIFF_BYTES)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            if _decodes(source, encoding):
                return _Read(Decoded("", "utf-8" if encoding == "utf-8-sig" else encoding), None, encoding)
            break  # a BOM followed by bytes that do not fit it: not that encoding after all
    if b"\0" in head:
        return _Read(Decoded(None, problem="binary file"), _hash_bytes(source))
    if _decodes(source, "utf-8-sig"):
        return _Read(Decoded("", "utf-8"), None, "utf-8-sig")
    with source.open() as f:
        sample = f.read(_DETECT_BYTES + 1)
    if len(sample) > _DETECT_BYTES:  # whole lines, so no character is cut in two
        sample = sample[:sample.rfind(b"\n", 0, _DETECT_BYTES) + 1 or _DETECT_BYTES]
    encoding = _confident_guess(sample)
    del sample
    for candidate in ((encoding,) if encoding else ()) + FALLBACK_ENCODINGS:
        if _decodes(source, candidate):
            warn(f"{source.name}: not UTF-8; read as {candidate} (a guess: check the text, or convert the file to "
                 "UTF-8)")
            return _Read(Decoded("", candidate, guessed=True), None, candidate)
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _decodes(source: _Source, encoding: str) -> bool:
    """Do all the bytes decode with ``encoding``? One pass, a piece at a time."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        return False
    try:
        with source.open() as f:
            for chunk in iter(lambda: f.read(_CHUNK), b""):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _hash_bytes(source: _Source) -> str:
    digest = hashlib.sha256()
    with source.open() as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _text_stream(source: _Source, codec: str) -> io.TextIOWrapper:
    """The text of the bytes with newlines read as Python's universal-newline mode reads them (see
    :func:`normalize_newlines`)."""
    return io.TextIOWrapper(source.open(), encoding=codec, newline=None)


def _text_document(read: _Read, doc_id: str, path: str) -> Document:
    decoded = read.decoded
    text = decoded.text
    if text is None:
        return Document(doc_id, path, read.raw_sha256, "skipped", decoded.problem)
    if not text.strip():
        return Document(doc_id, path, _sha256(text), "skipped", "empty file", encoding=decoded.encoding)
    digest = _sha256(text)
    return Document(doc_id, path, digest, "ok", encoding=decoded.encoding, text=text, text_sha256=digest)


def _page_document(read: _Read, doc_id: str, path: str, meta: dict[str, str | None] | None = None) -> Document:
    """A web page as a document: its main text, and the title, publisher, date and URL its markup gives (``meta``,
    a JSONL record's own fields, win). ``sha256`` is the hash of the page's HTML, ``text_sha256`` that of the text
    the offsets index."""
    decoded = read.decoded
    html = decoded.text
    if html is None:
        return Document(doc_id, path, read.raw_sha256, "skipped", decoded.problem)
    page_hash = _sha256(html)
    if not html.strip():
        return Document(doc_id, path, page_hash, "skipped", "empty file", encoding=decoded.encoding)
    meta = meta or {}
    if not _HTML_READER.ready():
        return Document(doc_id, path, page_hash, "skipped", INSTALL_HINT, encoding=decoded.encoding, **meta)
    try:
        page = read_page(html, url=meta.get("url"))
    except Exception as e:  # noqa: BLE001  (a page trafilatura cannot parse is that page's problem, not the run's)
        reason = f"the page could not be read: {type(e).__name__}: {e}".split("\n")[0][:200]
        return Document(doc_id, path, page_hash, "error", reason, encoding=decoded.encoding, **meta)
    found = {field: meta.get(field) or getattr(page, field) for field in ("title", "publisher", "published", "url")}
    if page.text is None:
        return Document(doc_id, path, page_hash, "skipped", NO_MAIN_TEXT, encoding=decoded.encoding, **found)
    return Document(doc_id, path, page_hash, "ok", encoding=decoded.encoding, text=page.text,
                    text_sha256=_sha256(page.text), **found)


class _HtmlReader:
    """Whether trafilatura can be imported, found out at the first page (a run with no page never imports it)."""

    def __init__(self) -> None:
        self._ready: bool | None = None

    def ready(self) -> bool:
        if self._ready is None:
            self._ready = available()
        return self._ready


_HTML_READER = _HtmlReader()


def _read_corpus(source: _Source, codec: str, encoding: str | None) -> Iterator[Document]:
    """One Document per non-blank line of a JSONL corpus: ``{"id", "text"}`` plus optional metadata. Line by line:
    one line is in memory at a time."""
    path = source.name
    digest = hashlib.sha256()  # of the whole text, for the one document a blank corpus is
    blank = True
    with _text_stream(source, codec) as f:
        for lineno, line in enumerate(f, 1):
            if blank:
                digest.update(line.encode("utf-8", "surrogatepass"))
            if not line.strip():
                continue
            blank = False
            yield _corpus_line(line, lineno, path, encoding)
    if blank:
        yield Document(path, path, digest.hexdigest(), "skipped", "empty file", encoding=encoding)


def source_file(path: str) -> str:
    """The file a document was read from: ``a.jsonl`` for a JSONL record's path ``a.jsonl:12`` (as
    :func:`_corpus_line` writes it), the path itself otherwise."""
    head, _, line = path.rpartition(":")
    return head if head and line.isdigit() else path


def _corpus_line(line: str, lineno: int, path: str, encoding: str | None) -> Document:
    where = f"{path}:{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return Document(where, where, None, "error", f"malformed JSON at line {lineno}: {e.msg}", encoding=encoding)
    except (ValueError, RecursionError) as e:  # an integer of 5,000 digits; arrays nested 10,000 deep
        reason = "nested too deeply" if isinstance(e, RecursionError) else str(e).split("\n")[0][:120]
        return Document(where, where, None, "error", f"malformed JSON at line {lineno}: {reason}", encoding=encoding)
    if not isinstance(record, dict) or not _usable_id(record.get("id")) or not (
            isinstance(record.get("text"), str) or isinstance(record.get("html"), str)):
        return Document(where, where, None, "error",
                        f"line {lineno}: a record needs an \"id\" (a string or a number) and a string \"text\" "
                        f"(or \"html\": a web page)", encoding=encoding)
    record = {key: _no_surrogates(value) if isinstance(value, str) else value for key, value in record.items()}
    meta = {field: _text_or_none(record.get(key)) for field, key in
            (("title", "title"), ("publisher", "source"), ("published", "published"), ("url", "url"))}
    if not isinstance(record.get("text"), str):  # a page: its main text is the document text
        page = _Read(Decoded(normalize_newlines(record["html"]), encoding), None)
        return _page_document(page, str(record["id"]), where, meta)
    body = normalize_newlines(record["text"])
    digest = _sha256(body)
    status, reason = ("ok", None) if body.strip() else ("skipped", "empty text")
    return Document(str(record["id"]), where, digest, status, reason, **meta, encoding=encoding,
                    text=body if status == "ok" else None, text_sha256=digest if status == "ok" else None)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """JSON can escape half a UTF-16 pair ("\\ud800"), which no UTF-8 output can hold: each becomes U+FFFD, one
    character for one, so offsets stay exact."""
    return _SURROGATE.sub("\ufffd", text)


def _usable_id(value: object) -> bool:
    """An id names the document in the output and the store: a non-empty string or a number, nothing else."""
    if isinstance(value, bool):
        return False
    return (isinstance(value, str) and value.strip() != "") or isinstance(value, int | float)


def _text_or_none(value: object) -> str | None:
    """An optional metadata field as text; a list or object there is not metadata (None)."""
    if value is None or value == "" or isinstance(value, dict | list | bool):
        return None
    return str(value)


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
