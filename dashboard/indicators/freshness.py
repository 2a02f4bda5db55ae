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

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, and_, func, select

from ..db import as_date
from ..models import Board, BoardActivity, Briefing, Course, Participation
from .view import View, unit_groups

# The first look for a unit's latest record covers this many days before the view's date.
RECENT_DAYS = 31


SOURCES = ("activity", "briefing", "participation")


def last_records(conn: Connection, view: View, sources=SOURCES) -> pd.DataFrame:
    """Per child of the view's unit and its total (index group_id): ``last_activity``,
    ``last_briefing``, ``last_participation`` and ``last_record`` (the latest of the
    three), each a date or None when there is none up to ``view.as_of``.

    Children with no record at all have no row (``with_children`` gives them None).
    ``sources``: look only at these kinds of record (the others' columns are None); the
    latest of several frames of one source each is ``combine_last_records``."""
    day = view.as_of
    groups = unit_groups(view)
    tables = {
        # source: (unit column, date column, FROM clause, condition)
        "activity": (Board.unit_id, BoardActivity.date,
                     BoardActivity.__table__.join(Board.__table__, Board.id == BoardActivity.board_id),
                     BoardActivity.date <= day),
        "briefing": (Briefing.unit_id, Briefing.date, Briefing.__table__, Briefing.date <= day),
        "participation": (Participation.unit_id, Course.end_date,
                          Participation.__table__.join(Course.__table__, Course.id == Participation.course_id),
                          Course.end_date <= day),
    }
    tables = {source: table for source, table in tables.items() if source in sources}
    from_flow = [source for source in FLOW_TABLES if source in tables and flow_applies(conn, view)]
    for source in from_flow:
        del tables[source]  # read from its flow table below
    rows = []
    # one grouped query per kind of record, each narrowed to the view's units first (a
    # union of every record in the database, grouped afterwards, took seconds at a province).
    # The latest record is looked for in the last ``RECENT_DAYS`` days first: a group with
    # a record there has its latest among them (the window ends on the view's date), and
    # only the groups without one are looked up again over the whole history. At a
    # country's root the records of the last month are a hundredth of all of them.
    recent = day - timedelta(days=RECENT_DAYS) if RECENT_DAYS else None  # None: no first look
    targets = [int(g) for g in conn.execute(select(view.targets().c.group_id).distinct()).scalars()]
    for source, (unit_column, day_column, from_clause, condition) in tables.items():
        def latest_by_group(*where):
            query = (select(groups.c.group_id, func.max(day_column)).select_from(from_clause)
                     .join(groups, groups.c.unit_id == unit_column).where(condition, *where)
                     .group_by(groups.c.group_id))
            scope = view.scope.clause(unit_column)
            if scope is not None:
                query = query.where(scope)
            return {int(group_id): latest for group_id, latest in conn.execute(query).all()}

        found = _recent_first(latest_by_group, day_column, groups.c.group_id, recent, targets)
        rows += [(group_id, source, latest) for group_id, latest in found.items()]
    for source in from_flow:
        rows += [(group_id, source, latest)
                 for group_id, latest in _latest_from_flow(conn, view, recent, targets, source).items()]
    out: dict[int, dict] = {}
    for group_id, source, latest in rows:
        out.setdefault(int(group_id), {c: None for c in LAST_COLUMNS})[f"last_{source}"] = as_date(latest)
    return _with_last_record(pd.DataFrame.from_dict(out, orient="index", columns=LAST_COLUMNS))


LAST_COLUMNS = [f"last_{source}" for source in SOURCES]


# sources whose latest records a flow table of ``dashboard.preagg`` holds by day
FLOW_TABLES = ("activity", "briefing", "participation")


def flow_applies(conn: Connection, view: View) -> bool:
    """Whether ``activity_flow``, ``briefing_day`` and ``course_flow`` give the latest
    board activity, briefing and participation of ``view``'s rows exactly (``flows.flow_meta``: scope everything, no
    row at the commune or village level, the tables built for the data now there; every
    activity is in ``activity_flow``, whether or not inside its board's term)."""
    from .flows import flow_meta

    return flow_meta(conn, view) is not None


def _latest_from_flow(conn: Connection, view: View, recent: date | None, targets: list[int], source: str) -> dict:
    """Group id -> the latest day up to the view's date with a record of ``source`` (an
    activity of a board, a briefing, the last day of a course with a learner) of the
    group, from its flow table (the rows of the group's units whose roll-up holds on the
    structure date); the recent window first, as the raw query."""
    from ..models import ActivityFlow, BriefingDay, CourseFlow

    flow = {"activity": ActivityFlow, "briefing": BriefingDay, "participation": CourseFlow}[source].__table__
    groups, on, day = view.targets(), view.structure_date, view.as_of

    def latest_by_group(*where):
        query = (select(groups.c.group_id, func.max(flow.c.day)).select_from(groups)
                 .join(flow, and_(flow.c.ancestor_id == groups.c.ancestor_id, flow.c.rollup_from <= on,
                                  flow.c.rollup_to >= on, flow.c.day <= day, *where))
                 .group_by(groups.c.group_id))
        return {int(group_id): latest for group_id, latest in conn.execute(query).all()}

    return _recent_first(latest_by_group, flow.c.day, groups.c.group_id, recent, targets)


def _recent_first(latest_by_group, day_column, group_column, recent: date | None, targets: list[int]) -> dict:
    """Group id -> latest date: ``latest_by_group(*conditions)`` over the days from
    ``recent`` first, then over the whole history for the ``targets`` groups it did not
    find (all of them when ``recent`` is None)."""
    found = latest_by_group(day_column >= recent) if recent is not None else {}
    missing = [g for g in targets if g not in found]
    if missing:
        found.update(latest_by_group(group_column.in_(missing)))
    return found


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


