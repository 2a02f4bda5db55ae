"""Freshness: when each unit's records stopped.

A unit's latest record is the latest of: an activity of one of its boards, one of its
briefings, a participation of its learners (the course's last day); only records dated
on or before the view's date count. Records roll up through the structure like every
indicator (a ward's predecessors count for the ward on today's structure).

A unit is *stale* ("records stopped") when its latest record is more than
``definitions.STALE_MONTHS`` months before the view's date: it is before
``definitions.stale_since(as_of)``. A unit with no record at all is stale too.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from .engine import measures
from .view import View


SOURCES = ("activity", "briefing", "participation")


def last_records(conn: Connection, view: View, sources=SOURCES) -> pd.DataFrame:
    """Per child of the view's unit and its total (index group_id): ``last_activity``,
    ``last_briefing``, ``last_participation`` (the registry's latest-day measures) and
    ``last_record`` (the latest of the three), each a date or None when there is none up
    to ``view.as_of``.

    Children with no record at all have no row (``with_children`` gives them None).
    ``sources``: look only at these kinds of record (the others' columns are None); the
    latest of several frames of one source each is ``combine_last_records``."""
    keys = [f"last_{source}" for source in SOURCES if source in sources]
    found = measures(conn, view, keys)
    for column in LAST_COLUMNS:
        if column not in found:
            found[column] = None
    found = found[LAST_COLUMNS].astype(object)
    found = found[found.notna().any(axis=1)]  # a row only where there is a record
    return _with_last_record(found.where(found.notna(), None))


LAST_COLUMNS = [f"last_{source}" for source in SOURCES]


def combine_last_records(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """``last_records`` of all the sources from frames of ``last_records`` each asked for
    some of them (computed side by side)."""
    out: dict[int, dict] = {}
    for part in frames:
        for group_id, row in zip(part.index, part[LAST_COLUMNS].itertuples(index=False)):
            merged = out.setdefault(int(group_id), {c: None for c in LAST_COLUMNS})
            for column, value in zip(LAST_COLUMNS, row):
                if value is not None and pd.notna(value):
                    merged[column] = value
    return _with_last_record(pd.DataFrame.from_dict(out, orient="index", columns=LAST_COLUMNS))


def _with_last_record(frame: pd.DataFrame) -> pd.DataFrame:
    columns = LAST_COLUMNS
    frame.index = frame.index.astype("int64")
    frame.index.name = "group_id"
    frame["last_record"] = [max((d for d in row if d is not None), default=None)
                            for row in frame[columns].itertuples(index=False)]
    return frame.astype(object)


