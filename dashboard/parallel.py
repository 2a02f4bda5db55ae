"""The independent queries of one page run side by side, each on its own connection.

A cold page header asks for a dozen aggregates (the period's indicators, the previous
period's, the latest records) that do not depend on one another. At a country's root
each takes 0.1-0.4 s, nearly all of it inside the database, which runs without Python's
lock (SQLite's ``sqlite3_step`` releases it; PostgreSQL works in its own processes). Run
one after another they add up; ``Gatherer.gather`` gives them to the request's thread and
up to ``threads`` helper threads, which take the next task as each finishes.

Helpers are borrowed only when free: when every helper is busy (the worker is already
answering other requests in parallel), the request's own thread runs everything, as
before. So under load nothing queues behind helpers and no more connections are open
than the worker's threads plus ``threads``. ``threads`` 0 runs everything in the
request's thread on one connection (``GRASSROOTS_QUERY_THREADS=0``). Only large units
(``is_large``) are worth it: a town's queries take a millisecond each, mostly in Python,
where threads only add switching.
"""
from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Sequence

from sqlalchemy import Connection, func, select
from sqlalchemy.engine import Engine

from .models import UnitRollup

Task = Callable[[Connection], object]


class Gatherer:
    def __init__(self, threads: int):
        self.threads = max(0, int(threads))
        self._slots = threading.BoundedSemaphore(self.threads) if self.threads else None
        self._executor: ThreadPoolExecutor | None = None
        self._pid = None
        self._lock = threading.Lock()

    def _pool(self) -> ThreadPoolExecutor:
        # made in the process that uses it: a pool made before gunicorn forks would be
        # copied into the worker without its threads
        with self._lock:
            if self._executor is None or self._pid != os.getpid():
                self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="grassroots-query")
                self._pid = os.getpid()
            return self._executor

    def gather(self, engine: Engine, tasks: Sequence[Task]) -> list:
        """``[task(conn) for task in tasks]``, each task on a connection of ``engine``,
        shared out between this thread and the free helpers. The first error raised by a
        task is raised here once every task has stopped."""
        tasks = list(tasks)
        results: list = [None] * len(tasks)
        if self._slots is None or len(tasks) < 2:
            with engine.connect() as conn:
                return [task(conn) for task in tasks]
        order = iter(range(len(tasks)))
        taking = threading.Lock()
        errors: list[BaseException] = []

        def work() -> None:
            with engine.connect() as conn:
                while not errors:
                    with taking:
                        index = next(order, None)
                    if index is None:
                        return
                    try:
                        results[index] = tasks[index](conn)
                    except BaseException as error:  # noqa: BLE001 - raised again by gather
                        errors.append(error)

        def helper() -> None:
            try:
                work()
            finally:
                self._slots.release()

        helpers = []
        for _ in range(min(self.threads, len(tasks) - 1)):
            if not self._slots.acquire(blocking=False):
                break  # the others are busy: this thread does the rest
            helpers.append(self._pool().submit(helper))
        try:
            work()
        finally:
            for future in helpers:
                future.result()
        if errors:
            raise errors[0]
        return results


# A unit with at least this many units rolling up to it (at any date) is large: its page
# queries spend most of their time inside the database (a country: 110 000; a province:
# 1 700, whose queries take a few ms each, mostly Python, which threads only slow down).
LARGE_UNITS = 20_000


_sizes: dict[tuple[str, int, int], tuple[bool, float]] = {}
SIZE_SECONDS = 600  # how long a unit's size is taken as known (it only changes with an import)


def is_large(engine: Engine, unit_id: int) -> bool:
    """At least ``LARGE_UNITS`` roll-up rows lead to the unit: a count of index entries
    that stops there (about 1 ms at a country's root, far less below), remembered for
    ``SIZE_SECONDS`` in the process (a wrong guess after an import only costs speed)."""
    key = (str(engine.url), LARGE_UNITS, unit_id)
    now = time.monotonic()
    known = _sizes.get(key)
    if known is not None and now - known[1] < SIZE_SECONDS:
        return known[0]
    rows = select(UnitRollup.id).where(UnitRollup.ancestor_id == unit_id).limit(LARGE_UNITS).subquery()
    with engine.connect() as conn:
        large = conn.execute(select(func.count()).select_from(rows)).scalar_one() >= LARGE_UNITS
    if len(_sizes) > 10_000:
        _sizes.clear()
    _sizes[key] = (large, now)
    return large


_gatherers: dict[int, Gatherer] = {}
_gatherers_lock = threading.Lock()


def gatherer(threads: int) -> Gatherer:
    """The process's gatherer with ``threads`` helpers (one per setting)."""
    with _gatherers_lock:
        found = _gatherers.get(threads)
        if found is None:
            found = _gatherers[threads] = Gatherer(threads)
        return found
