""":mod:`claimcheck.store_commands`: looking after the store: what it holds, and taking documents out of it.

``claimcheck store info|list|remove|clear`` call these and only render. Removing a document also takes it out of its
story (:meth:`claimcheck.stories.StoryIndex.remove`, the way a changed document is placed again), so ``stories`` and
``diff`` never see it afterwards and a story left empty is dropped.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .rules import Rules
from .store import Store
from .store import open_existing as store_at
from .story_assignment import StoryAssigner


def open_existing(path: Path) -> Store:
    """The store at ``path``, which must exist (:func:`claimcheck.store.open_existing`)."""
    return store_at(path, hint="'claimcheck extract PATHS' creates it")


def resolve_ids(store: Store, patterns: list[str]) -> list[str]:
    """The stored ids the user named (exact ids, or globs such as ``stdin:*``), in order, each once.

    Raises:
        InputError: a name that matches nothing, so a typo never passes for a removal (nothing is removed then).
    """
    found: dict[str, None] = {}
    for pattern in patterns:
        ids = store.matching_ids(pattern)
        if not ids:
            raise InputError(f"no document {pattern!r} in {store.path}: 'claimcheck store list' shows the ids")
        found.update(dict.fromkeys(ids))
    return list(found)


def remove_documents(store: Store, doc_ids: list[str], rules: Rules) -> int:
    """Delete the documents with their claims, and take each out of its story; one transaction. Returns how many."""
    stories = StoryAssigner(rules, store)
    for doc, story, kept in store.remove(doc_ids):
        stories.take_out(story, kept, doc)
    store.commit()  # the changed stories are written before the commit
    return len(doc_ids)


def human_size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover
