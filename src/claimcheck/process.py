""":mod:`claimcheck.process`: stream documents through the pipeline, paragraph by paragraph.

Each document is split into paragraphs (boilerplate set aside), the paragraphs of many documents are fed to
``nlp.pipe`` together with their offsets, and each document comes back, in input order, as soon as its last
paragraph is done. A store, when given, short-cuts documents already processed with the same content and rules.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language

from . import __version__
from .extract import SpeakerContext, paragraph_claims
from .metadata import MetadataReader
from .models import Document, to_dict
from .rules import Rules
from .segment import Segmenter
from .store import Store


@dataclass
class Result:
    """One input document and its claims (plain dicts of the claim contract)."""

    document: Document
    claims: list[dict[str, Any]] = field(default_factory=list)
    cached: bool = False
    _pending: int = field(default=0, repr=False)
    _speakers: SpeakerContext = field(default_factory=SpeakerContext, repr=False)


class Extractor:
    """Holds the pipeline and the per-rules helpers; :meth:`run` streams results."""

    def __init__(self, nlp: Language, rules: Rules, *, batch_size: int = 128):
        self.nlp = nlp
        self.rules = rules
        self.segmenter = Segmenter(rules)
        self.metadata = MetadataReader(rules)
        self.batch_size = batch_size
        # what produced a stored record: the rules and the code version (a new release re-extracts)
        self.fingerprint = f"{rules.fingerprint}:{__version__}"

    def prepare(self, document: Document) -> tuple[Document, list]:
        """Fill metadata from the text (explicit values win) and return the paragraphs to process."""
        if document.status != "ok" or document.text is None:
            return document, []
        paragraphs = list(self.segmenter.paragraphs(document.text))
        found = self.metadata.read(paragraphs)
        document = replace(document, **{k: getattr(document, k) or v for k, v in found.items()})
        return document, [p for p in paragraphs if p.boilerplate is None]

    def run(self, documents: Iterable[Document], *, store: Store | None = None) -> Iterator[Result]:
        """Yield a Result for every document, in input order (skipped and failed ones included)."""
        queue: deque[Result] = deque()
        fingerprint = self.fingerprint

        def paragraphs():
            for document in documents:
                document, todo = self.prepare(document)
                result = Result(document)
                queue.append(result)
                if document.status != "ok":
                    continue
                if store is not None:
                    cached = store.cached_claims(document.id, document.sha256, fingerprint)
                    if cached is not None:
                        result.claims, result.cached = cached, True
                        continue
                result._pending = len(todo)
                for para in todo:
                    yield para.text, (result, para.start)

        for doc, (result, offset) in self.nlp.pipe(paragraphs(), as_tuples=True, batch_size=self.batch_size):
            result.claims.extend(to_dict(c) for c in paragraph_claims(doc, doc_id=result.document.id,
                                                                      offset=offset, context=result._speakers))
            result._pending -= 1
            yield from _ready(queue, store, fingerprint)
        yield from _ready(queue, store, fingerprint)


def _ready(queue: deque[Result], store: Store | None, fingerprint: str) -> Iterator[Result]:
    """Pop the finished results at the head of the queue, saving them to the store on the way."""
    while queue and queue[0]._pending == 0:
        result = queue.popleft()
        if store is not None and not result.cached:
            store.save(result.document.to_dict(), result.claims, fingerprint)
        yield result
