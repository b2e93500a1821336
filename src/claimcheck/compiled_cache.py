""":mod:`claimcheck.compiled_cache`: what claimcheck builds from its rules once, kept in the user's cache folder.

Start-up costs that do not depend on the documents (spacy-lookups-data's word-probability table cut to the words
the story features need, the verdict that a rules folder's token patterns are valid) are computed once and saved
here, each entry keyed by the rules fingerprint, claimcheck's version and a hash of claimcheck's own source files,
so an edit of the rules or of the code makes a new entry instead of reading a stale one.

An entry is a small header (a magic word, the key, the SHA-256 of the payload) and the payload. Anything that does
not match (a truncated or corrupt file, another key, a folder that cannot be read or written) counts as no entry:
the caller computes the value again and tries to save it. Nothing here raises.

The folder is ``$CLAIMCHECK_CACHE``, else the platform's user cache folder for claimcheck (``platformdirs``:
``~/.cache/claimcheck`` on Linux, which follows ``$XDG_CACHE_HOME``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

from . import __version__

_MAGIC = b"claimcheck-cache 1\n"


def cache_dir() -> Path:
    env = os.environ.get("CLAIMCHECK_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck", appauthor=False))


@cache
def code_hash() -> str:
    """A hash of claimcheck's version and source files: an entry written by other code is never read."""
    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        try:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()[:16]


def entry_key(*parts: str) -> str:
    """The key of an entry: what it was built from (a rules fingerprint, settings), with the code's hash."""
    return hashlib.sha256("\0".join((code_hash(), *parts)).encode()).hexdigest()[:32]


def _path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key}.bin"


def load(name: str, key: str) -> bytes | None:
    """The payload saved under ``name`` and ``key``; None when there is none, or it does not check out."""
    try:
        data = _path(name, key).read_bytes()
    except OSError:
        return None
    header = _MAGIC + key.encode() + b"\n"
    if not data.startswith(header) or len(data) < len(header) + 32:
        return None
    digest, payload = data[len(header):len(header) + 32], data[len(header) + 32:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def save(name: str, key: str, payload: bytes) -> bool:
    """Save ``payload`` (atomically: a reader never sees half a file); False when the folder cannot be written."""
    target = _path(name, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{name}-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + key.encode() + b"\n" + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return False
    return True
