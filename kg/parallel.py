"""Extraction on several processes: a pure batch function and a process pool around it.

``extract_batch`` maps a batch of ``(id, text, metadata)`` items to plain ``DocRecords``
and touches nothing else, so any engine (this module's pool, Dask, Ray, Spark) can run
it unchanged. Each worker builds its own spaCy pipeline once; records, not Docs, travel
back to the parent (spaCy's ``n_process`` pickles whole Docs and was 10x slower here).
Corroboration is not done here: it runs once, over all records, in the parent.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict

from kg.records import DocRecords, Document

log = logging.getLogger(__name__)

BATCH_SIZE = 64
# An item: the document's id, its text, and its other Document fields.
Item = tuple[str, str, dict]


def to_item(document: Document) -> Item:
    """A Document as a plain ``(id, text, metadata)`` tuple."""
    meta = asdict(document)
    return meta.pop("id"), meta.pop("text"), meta


def to_document(item: Item) -> Document:
    """The Document of an ``(id, text, metadata)`` item."""
    doc_id, text, meta = item
    return Document(id=doc_id, text=text, **meta)


def extract_batch(items: list[Item], lang: str = "ar") -> list[DocRecords]:
    """The records of a batch of items, in the same order: a pure function."""
    from kg.extract import extract_documents

    return list(extract_documents([to_document(i) for i in items], lang=lang))


def batches(documents: Iterable[Document], size: int = BATCH_SIZE) -> Iterator[list[Item]]:
    """Items in lists of at most ``size``."""
    batch: list[Item] = []
    for document in documents:
        batch.append(to_item(document))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _warm(lang: str) -> None:
    """Pool initializer: build this worker's pipeline once, before the first batch."""
    from kg.nlp import get_pipeline

    get_pipeline(lang)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker without re-importing spaCy (about 1 s each); macOS and
    # Windows do not fork safely, so they spawn.
    methods = multiprocessing.get_all_start_methods()
    use_fork = "fork" in methods and sys.platform.startswith("linux")
    return multiprocessing.get_context("fork" if use_fork else "spawn")


def collect_parallel(
    documents: Iterable[Document],
    lang: str = "ar",
    jobs: int = 2,
    progress: Callable[[DocRecords], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[DocRecords]:
    """Extract ``documents`` on ``jobs`` worker processes; records in input order.

    Batches are read from ``documents`` in this process (so read errors are raised and
    reported here) and at most ``2 * jobs`` are in flight at once, so memory stays
    bounded whatever the corpus size.
    """
    out: list[DocRecords] = []
    with _context().Pool(jobs, initializer=_warm, initargs=(lang,)) as pool:
        pending: deque = deque()

        def drain(limit: int) -> None:
            while len(pending) > limit:
                for record in pending.popleft().get():
                    out.append(record)
                    if progress is not None:
                        progress(record)

        for batch in batches(documents, batch_size):
            pending.append(pool.apply_async(extract_batch, (batch, lang)))
            drain(2 * jobs)
        drain(0)
    log.info("extracted %d documents on %d processes", len(out), jobs)
    return out
