""":mod:`claimcheck.process`: stream documents through an engine and back, in input order.

Each document is split into paragraphs (boilerplate set aside) and sent, with the paragraph offsets, in chunks to
an engine (:mod:`claimcheck.engines`: this process, a process pool, or Dask). Results come back in input order,
each document as soon as its chunk is done; skipped and failed documents keep their place. A store, when given,
short-cuts documents already processed with the same content and rules, and every finished document is placed in
a story (:mod:`claimcheck.story_assignment`) and saved before the next is yielded, so an interrupted run resumes
where it stopped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language

from . import __version__
from .engines import Engine, LocalEngine, Task, TaskResult, one_line, worker_pipeline
from .metadata import MetadataReader
from .models import Document
from .output import restory
from .reader import source_file
from .rules import Rules
from .segment import Segmenter
from .store import Store
from .story_assignment import StoryAssigner

# documents read before a chunk is sent even if it holds little text (a run of cached documents streams too)
_CHUNK_DOCS = 64


@dataclass
class Result:
    """One input document and its claims (plain dicts of the claim contract)."""

    document: Document
    claims: list[dict[str, Any]] = field(default_factory=list)
    cached: bool = False
    # the source of a stored document of the same id that this one replaced (two JSONL files both holding id "1"):
    # the store keeps one document an id, so the caller must say so
    replaced: str | None = None
    _done: bool = field(default=True, repr=False)


class Extractor:
    """Holds the pipeline and the per-rules helpers; :meth:`run` streams results."""

    def __init__(self, nlp: Language | None, rules: Rules, *, batch_size: int = 128):
        self.nlp = nlp  # None: built on first local use (a run on a pool or on Dask never needs it here)
        self.rules = rules
        self.segmenter = Segmenter(rules)
        self.metadata = MetadataReader(rules)
        self.batch_size = batch_size
        self.moved: dict[str, str] = {}  # document -> story, for documents a split moved after they were yielded
        # what produced a stored record: the rules and the code version (a new release re-extracts)
        self.fingerprint = f"{rules.fingerprint}:{__version__}"

    def prepare(self, document: Document) -> tuple[Document, list]:
        """Fill metadata from the text (explicit values win) and return the paragraphs to process.

        A document whose every line is page furniture is ``skipped`` (never ``ok`` with nothing in it); one that
        makes a rule fail is an ``error`` with a one-line reason, and the run goes on.
        """
        if document.status != "ok" or document.text is None:
            return document, []
        try:
            paragraphs = list(self.segmenter.paragraphs(document.text))
            found = self.metadata.read(paragraphs)
        except Exception as e:  # noqa: BLE001  (one document must not stop the run)
            return replace(document, status="error", reason=one_line(f"reading failed: {type(e).__name__}: {e}")), []
        document = replace(document, **{k: getattr(document, k) or v for k, v in found.items()})
        todo = [p for p in paragraphs if p.boilerplate is None]
        if paragraphs and not todo:
            rules = ", ".join(dict.fromkeys(p.boilerplate for p in paragraphs))
            reason = f"every line is page furniture (boilerplate: {rules})"
            return replace(document, status="skipped", reason=reason), []
        return document, todo

    def records(self, documents: Iterable[Document]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every claim record and document record of ``documents``, extracted in this process with no store; the
        documents carry the story they end in (a split later in the run may move one placed earlier)."""
        claims: list[dict[str, Any]] = []
        records: list[dict[str, Any]] = []
        for result in self.run(documents):
            records.append(result.document.to_dict())
            claims.extend(result.claims)
        restory(records, self.moved)
        return claims, records

    def run(self, documents: Iterable[Document], *, store: Store | None = None,
            engine: Engine | None = None) -> Iterator[Result]:
        """Yield a Result for every document, in input order (skipped and failed ones included).

        Args:
            documents: the input, read lazily.
            store: read cached claims from it and save every finished document to it.
            engine: where the pipeline runs; default: this process, with this Extractor's pipeline.
        """
        stories = StoryAssigner(self.rules, store)
        self.moved = stories.moved  # filled as splits move documents placed earlier: see StoryAssigner.moved
        if engine is None:
            if self.nlp is None:
                self.nlp = worker_pipeline(self.rules)
            engine = LocalEngine(self.nlp, batch_size=self.batch_size)
        queue: deque[Result] = deque()  # every document read and not yet yielded, in input order
        waiting: deque[list[Result]] = deque()  # the documents of each chunk sent, in the order sent

        def chunks() -> Iterator[list[Task]]:
            tasks: list[Task] = []
            results: list[Result] = []
            chars = read = 0
            for document in documents:
                document, todo = self.prepare(document)
                result = Result(document)
                queue.append(result)
                read += 1
                if document.status == "ok" and not self._from_store(result, store):
                    task = Task(document.id, tuple((p.text, p.start) for p in todo))
                    result._done = False
                    tasks.append(task)
                    results.append(result)
                    chars += task.chars
                if chars >= engine.chunk_chars or read >= _CHUNK_DOCS:
                    waiting.append(results)
                    yield tasks
                    tasks, results, chars, read = [], [], 0, 0
            waiting.append(results)
            yield tasks

        for outputs in engine.map(chunks()):
            for result, output in zip(waiting.popleft(), outputs, strict=True):
                _fill(result, output)
            yield from _ready(queue, store, self.fingerprint, stories)
        yield from _ready(queue, store, self.fingerprint, stories)

    def _from_store(self, result: Result, store: Store | None) -> bool:
        if store is None:
            return False
        document = result.document
        # keyed by the text the claims come from: a page whose markup changed around the same article text keeps
        # its claims (for a text file the two hashes are one)
        cached = store.cached_claims(document.id, document.text_sha256, self.fingerprint)
        if cached is None:
            return False
        result.claims, result.cached = cached, True
        return True


def _fill(result: Result, output: TaskResult) -> None:
    if output.error is not None:
        result.document = replace(result.document, status="error", reason=output.error)
    else:
        result.claims = output.claims
    result._done = True


def _ready(queue: deque[Result], store: Store | None, fingerprint: str,
           stories: StoryAssigner) -> Iterator[Result]:
    """Pop the finished results at the head of the queue, place them in stories (in input order, so the stories
    do not depend on which worker finished first) and save them to the store on the way."""
    while queue and queue[0]._done:
        result = queue.popleft()
        result.document = stories.place(result.document)
        if store is not None and not result.cached:
            previous = store.stored_path(result.document.id)
            if previous is not None and source_file(previous) != source_file(result.document.path):
                result.replaced = previous
            store.save(result.document.to_dict(), result.claims, fingerprint, text=result.document.text)
        elif store is not None and result.document.text is not None:
            store.keep_text(result.document.id, result.document.text)  # a store from before texts were kept
        yield result
