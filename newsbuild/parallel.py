"""Spreading independent work over all cores, by forking, where that pays."""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
from typing import Callable, Sequence

CHUNK = 50  # items per task: small enough to balance the cores and to report progress often
PARALLEL_FROM = 300  # items; for fewer, starting processes costs more than it saves
# A worker is replaced by a new fork after this many chunks. Reading the parent's objects writes their
# reference counts, which copies the memory pages they are in: a worker that lived to the end held its own
# copy of most of the corpus (at 10,000 articles, two workers 800 MB between them; replaced every 8
# chunks, 400 MB, for 10 % more time).
CHUNKS_PER_WORKER = 8
_job: tuple = ()  # (function, items, shared, index of shared by id, chunk) for forked workers, which inherit it


class _SharingPickler(pickle.Pickler):
    """Sends objects that both processes already hold (forked copies) as their index in `shared`."""

    def __init__(self, file, shared_index: dict[int, int]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared_index = shared_index

    def persistent_id(self, obj):
        return self.shared_index.get(id(obj))


class _SharingUnpickler(pickle.Unpickler):
    def __init__(self, file, shared: Sequence):
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, index):
        return self.shared[index]


def _run_chunk(start: int) -> bytes:
    function, items, shared, shared_index, chunk = _job
    results = [function(item) for item in items[start : start + chunk]]
    buffer = io.BytesIO()
    _SharingPickler(buffer, shared_index).dump(results)
    return buffer.getvalue()


def fork_map(
    function: Callable,
    items: Sequence,
    parallel: bool = True,
    minimum: int = PARALLEL_FROM,
    on_chunk: Callable[[int], None] | None = None,
    shared: Sequence = (),
    chunk: int = CHUNK,
) -> list:
    """[function(item) for item in items], on all cores when there are at least `minimum`
    items (below that, starting processes costs more than it saves), the system can fork and
    the caller allows it. Never from a threaded process such as `mkdocs serve`: forking
    threads can deadlock.

    Results come back in order; objects in `shared` that they refer to come back as the
    parent's own objects, not copies. on_chunk(done) follows progress. Slow items (a photo takes a
    second) go in smaller chunks, so that the cores stay balanced.
    """
    global _job
    workers = min(os.cpu_count() or 1, 8)
    starts = range(0, len(items), chunk)
    results: list = []
    if not (
        parallel
        and workers > 1
        and len(items) >= minimum
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        for start in starts:
            results.extend(function(item) for item in items[start : start + chunk])
            if on_chunk:
                on_chunk(len(results))
        return results
    _job = (function, items, shared, {id(obj): index for index, obj in enumerate(shared)}, chunk)
    try:
        with multiprocessing.get_context("fork").Pool(
            workers, maxtasksperchild=CHUNKS_PER_WORKER
        ) as pool:
            for chunk in pool.imap(_run_chunk, starts):
                results.extend(_SharingUnpickler(io.BytesIO(chunk), shared).load())
                if on_chunk:
                    on_chunk(len(results))
    finally:
        _job = ()
    return results
