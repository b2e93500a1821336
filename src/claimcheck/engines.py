""":mod:`claimcheck.engines`: where the pipeline runs: in this process, in a local process pool, or on Dask.

An engine takes chunks of :class:`Task` (a document's id and its paragraphs, plain data) and gives back, in the
same order, one :class:`TaskResult` per task (plain claim dicts, or the error that stopped that document). Each
worker builds the pipeline once and only plain dicts cross process boundaries: spaCy's own ``n_process`` sends
whole Docs back, which costs more than a rule pipeline saves. Every engine runs the same
:func:`extract_tasks`, so their output is the same for the same input.

At most ``ahead`` chunks are in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from .extract import SpeakerContext, paragraph_claims
from .models import to_dict
from .rules import Rules, adopt_rules

#: seconds to wait for a Dask scheduler before giving up (``--timeout``)
DASK_TIMEOUT = 10.0


@dataclass(frozen=True)
class Task:
    """One document to extract: its id and its (paragraph text, offset in the document) pairs."""

    doc_id: str
    paragraphs: tuple[tuple[str, int], ...]

    @property
    def chars(self) -> int:
        return sum(len(text) for text, _ in self.paragraphs)


@dataclass
class TaskResult:
    claims: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def extract_tasks(nlp: Language, tasks: list[Task], *, batch_size: int = 128) -> list[TaskResult]:
    """Run the pipeline over the paragraphs of ``tasks`` (batched together) and return their claims.

    A paragraph that makes a component raise marks its document as failed, not the chunk: the chunk is then
    redone one document at a time so the others still come out, and the failed one gets a one-line reason.
    """
    try:
        return _extract(nlp, tasks, batch_size)
    except Exception:  # noqa: BLE001  (any bug in a rule must not lose the other documents)
        pass
    results = []
    for task in tasks:
        try:
            results.extend(_extract(nlp, [task], batch_size))
        except Exception as e:  # noqa: BLE001
            results.append(TaskResult(error=one_line(f"extraction failed: {type(e).__name__}: {e}")))
    return results


def one_line(message: str, limit: int = 200) -> str:
    """A message fit for a document's ``reason``: its first line, at most ``limit`` characters."""
    first = (message.strip().splitlines() or [""])[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _extract(nlp: Language, tasks: list[Task], batch_size: int) -> list[TaskResult]:
    results = [TaskResult() for _ in tasks]
    contexts = [SpeakerContext() for _ in tasks]  # the last speaker, carried from paragraph to paragraph
    stream = ((text, (k, start)) for k, task in enumerate(tasks) for text, start in task.paragraphs)
    for doc, (k, start) in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        results[k].claims.extend(to_dict(c) for c in paragraph_claims(doc, doc_id=tasks[k].doc_id, offset=start,
                                                                      context=contexts[k]))
    return results


class Engine:
    """Base class: ``engine.map(chunks)`` yields each chunk's results, in order. Use as a context manager."""

    #: how much text one chunk should hold: small keeps a local run streaming, big amortizes shipping
    chunk_chars = 50_000
    #: how many chunks may be in flight at once
    ahead = 1

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[list[TaskResult]]:
        """Each chunk's results, in order. A chunk the engine could not run at all (a worker process that died, a
        lost connection) gives every one of its documents an error result; the run goes on."""
        window: deque[tuple[Future | list[TaskResult], int]] = deque()
        for chunk in chunks:
            window.append((self._submit(chunk) if chunk else [], len(chunk)))
            while len(window) > self.ahead:
                yield _value(*window.popleft())
        while window:
            yield _value(*window.popleft())

    def _submit(self, chunk: list[Task]) -> Future | list[TaskResult]:
        try:
            return self.submit(chunk)
        except Exception as e:  # noqa: BLE001
            return _failed(e, len(chunk))

    def submit(self, chunk: list[Task]) -> Future | list[TaskResult]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _value(item: Any, size: int) -> list[TaskResult]:
    if isinstance(item, list):
        return item
    try:
        return item.result()
    except Exception as e:  # noqa: BLE001  (a broken pool or cluster: these documents fail, the others go on)
        return _failed(e, size)


def _failed(error: BaseException, size: int) -> list[TaskResult]:
    reason = one_line(f"the engine could not run this document: {type(error).__name__}: {error}")
    return [TaskResult(error=reason) for _ in range(size)]


class LocalEngine(Engine):
    """This process, one core: the pipeline it is given."""

    ahead = 0

    def __init__(self, nlp: Language, *, batch_size: int = 128):
        self.nlp = nlp
        self.batch_size = batch_size

    def submit(self, chunk: list[Task]) -> list[TaskResult]:
        return extract_tasks(self.nlp, chunk, batch_size=self.batch_size)


class ProcessEngine(Engine):
    """``--jobs N``: a pool of N worker processes on this machine, each with its own pipeline."""

    chunk_chars = 100_000

    def __init__(self, rules: Rules, jobs: int):
        self.ahead = 2 * jobs  # keep every worker busy while the parent writes results
        self._rules, self._jobs = rules, jobs
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self._jobs, initializer=_init_worker, initargs=(self._rules,))

    def submit(self, chunk: list[Task]) -> Future:
        try:
            return self._pool.submit(_work_in_pool, chunk)
        except BrokenProcessPool:
            # a worker died (killed for memory, a crash in native code): the chunks it had in flight are reported as
            # failed by map(); a fresh pool takes the rest of the run
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(_work_in_pool, chunk)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine(Engine):
    """``--engine dask``: chunks as tasks on a Dask cluster (``scheduler`` address, or a local cluster if None).

    The rules are sent to every worker once; each worker process builds the pipeline on its first chunk and
    keeps it. Needs the ``dask`` extra: ``pip install 'claimcheck[dask]'``.
    """

    chunk_chars = 500_000

    def __init__(self, rules: Rules, scheduler: str | None = None, *, client: Any = None,
                 timeout: float = DASK_TIMEOUT):
        self._own_client = client is None
        if client is None:
            client = connect_dask(scheduler, timeout)
        self.client = client
        workers = sum(self.client.nthreads().values()) or 1
        self.ahead = 2 * workers
        self._rules = self.client.scatter(rules, broadcast=True)

    def submit(self, chunk: list[Task]) -> Future:
        return self.client.submit(_work_on_dask, self._rules, chunk, pure=False)

    def close(self) -> None:
        if self._own_client:
            self.client.close()


def connect_dask(scheduler: str | None, timeout: float = DASK_TIMEOUT) -> Any:
    """A ``dask.distributed.Client`` for ``scheduler`` (None: a cluster on this machine), or one line saying why not.

    A TCP address is tried with a plain socket first: an unreachable scheduler is then reported within ``timeout``
    without a Client, whose clean-up after a failed connection prints a traceback of its own when it is collected.

    Raises:
        ClaimcheckError: ``cannot reach the Dask scheduler at ADDRESS: ...``, or the dask extra is missing.
    """
    from .errors import ClaimcheckError

    try:
        from dask.distributed import Client
    except ImportError:
        raise ClaimcheckError("the dask engine needs the dask extra: pip install 'claimcheck[dask]'") from None
    where = scheduler or "a new local cluster"
    problem = _probe(scheduler, timeout) if scheduler else None
    if problem is None:
        try:
            return Client(scheduler, timeout=timeout) if scheduler else Client(processes=True, timeout=timeout)
        except Exception as e:  # noqa: BLE001  (anything the connection raises is the same answer for the user)
            problem = one_line(f"{type(e).__name__}: {e}" if not str(e) else str(e))
            del e
            _collect_quietly()
    raise ClaimcheckError(f"cannot reach the Dask scheduler at {where}: {problem}")


def _probe(address: str, timeout: float) -> str | None:
    """Why a TCP connection to ``address`` fails within ``timeout``, or None (reachable, or not a TCP address)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return None  # inproc://, ucx://, ws://: left to dask
    try:
        host, port = parts.hostname, parts.port
    except ValueError as e:
        return f"bad address ({e})"
    if not host or port is None:
        return "bad address (expected tcp://HOST:PORT)"
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return None
    except TimeoutError:
        return f"no answer within {timeout:g} s"
    except OSError as e:
        return e.strerror or str(e)


def _collect_quietly() -> None:
    """Collect a half-built Client now, with Python's 'Exception ignored in __del__' report silenced."""
    import gc
    import sys

    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


# -- worker side: one pipeline per process, built on first use -------------------------------------------
_PIPELINES: dict[str, Language] = {}


def worker_pipeline(rules: Rules) -> Language:
    """The pipeline for ``rules`` in this process, built once (the rules need not exist on this machine's disk)."""
    nlp = _PIPELINES.get(rules.fingerprint)
    if nlp is None:
        from .pipeline import build_nlp

        adopt_rules(rules)
        nlp = _PIPELINES[rules.fingerprint] = build_nlp(rules)
    return nlp


_POOL_RULES: list[Rules] = []


def _init_worker(rules: Rules) -> None:
    # Ctrl-C goes to the whole process group: the parent stops the run and shuts the pool down in order
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _POOL_RULES[:] = [rules]
    worker_pipeline(rules)


def _work_in_pool(chunk: list[Task]) -> list[TaskResult]:
    return extract_tasks(worker_pipeline(_POOL_RULES[0]), chunk)


def _work_on_dask(rules: Rules, chunk: list[Task]) -> list[TaskResult]:
    return extract_tasks(worker_pipeline(rules), chunk)

