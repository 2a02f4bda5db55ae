"""A cap on every SQL statement, so that a benchmark of a slow build ends.

``install(seconds)`` makes any statement that runs longer than ``seconds`` fail: on
SQLite a progress handler interrupts it ("interrupted"), on PostgreSQL
``statement_timeout`` cancels it. The benchmark records such a case as "over the cap"
instead of waiting for it (at national scale one query of the unoptimised code runs for
many minutes). Installed in this process for the data layer, and in the gunicorn server
through ``bench/gunicorn_bench.py`` when ``GRASSROOTS_BENCH_STATEMENT_CAP`` is set.
"""
from __future__ import annotations

import math
import sqlite3
import threading
import time

_local = threading.local()
_installed: list[float] = []


def install(seconds: float) -> None:
    if not seconds or _installed:
        return
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    _installed.append(seconds)

    @event.listens_for(Engine, "before_cursor_execute")
    def _start(conn, cursor, statement, parameters, context, executemany):
        _local.deadline = time.monotonic() + seconds

    @event.listens_for(Engine, "connect")
    def _on_connect(dbapi_connection, _record):
        if isinstance(dbapi_connection, sqlite3.Connection):
            def check() -> int:
                return 1 if time.monotonic() > getattr(_local, "deadline", math.inf) else 0

            dbapi_connection.set_progress_handler(check, 20_000)
        else:
            cursor = dbapi_connection.cursor()
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
            cursor.close()
            dbapi_connection.commit()


def is_cap(error: BaseException) -> bool:
    """The error is a statement stopped by the cap."""
    text = str(error).lower()
    return "interrupted" in text or "statement timeout" in text or "canceling statement" in text


def cap() -> float | None:
    return _installed[0] if _installed else None
