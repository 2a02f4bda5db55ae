"""Warm the result cache with what leaders open first: the root's pages on today's date.

After a restart or an import every cached result is gone (an import moves the data
version on), and the first people to open the dashboard, often together at the start of
the day, would each wait for the root's cold queries (seconds for a whole country). This
computes the numbers behind the root's overview, unified-positions, training and
oversight pages for the default view (today, the default period, the structure as it
was) for the users who see everything (admin and town), in a background thread, through
the same cached service methods the pages call: the first request then finds them.

Only the numbers are warmed (the rendered answers are per request and per user); a unit
user's pages are computed on their first visit. The claim of ``ResultCache`` keeps the
workers from computing the same result twice: each worker may start a warm-up, one
computes each result, the others find it.
"""
from __future__ import annotations

import logging
import threading
import time

from .. import db
from ..scope import Scope
from ..viewstate import Route, ViewState

log = logging.getLogger(__name__)

# page -> the service methods its callbacks call (``callbacks/*``), with the context
PAGES = {
    "overview": ("overview.page", "child_options"),
    "unified": ("unified.children", "unified.history", "unified.villages"),
    "training": ("training.summary", "training.courses", "training.coverage", "training.untrained"),
    "oversight": ("oversight.page", "oversight.activities"),
}


def warm(service) -> dict[str, float]:
    """Compute (into the result cache) the root pages' numbers for the default view and
    the users who see everything. Returns seconds per page; nothing when the cache is off
    or the database is empty."""
    if service.cache is None or db.data_key(service.engine) is None:
        return {}
    scope, state = Scope.everything(), ViewState.from_query("")
    out = {}
    for page, methods in PAGES.items():
        started = time.perf_counter()
        route = Route(page, None, None)
        context = service.context(route, state, scope, audit_refusal=False)
        if context.error or context.view is None:
            continue
        for name in methods:
            if name == "child_options":
                service.child_options(route, state, scope)
            else:
                part, method = name.split(".")
                getattr(getattr(service, part), method)(context)
        out[page] = round(time.perf_counter() - started, 3)
    return out


def warm_in_background(service, delay: float = 0.0) -> threading.Thread:
    """``warm`` in a daemon thread (after ``delay`` seconds); errors are logged, never
    raised: a warm-up that fails leaves the pages to compute their numbers as usual."""
    def run():
        if delay:
            time.sleep(delay)
        try:
            took = warm(service)
            if took:
                log.info("warmed the root pages: %s", took)
        except Exception:  # noqa: BLE001 - a warm-up never takes the service down
            log.exception("warm-up failed")

    thread = threading.Thread(target=run, name="grassroots-warmup", daemon=True)
    thread.start()
    return thread


__all__ = ["PAGES", "warm", "warm_in_background"]
