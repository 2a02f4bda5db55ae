"""Community oversight in detail: the page /giam-sat and a commune's boards and briefings.

Per-child figures are counted where the board's commune-level unit belongs (as in
``boards.board_activity``), so the page's numbers add up to the overview's. On a
commune's page the children are villages, which own no boards: there, with
``by_village=True``, an activity counts in the village it concerns (the activity's
village, else the village of the board's project) and activities tied to no village
count only in the total.

Lists (boards, activities, briefings) hold the records counted in the view's total row:
the boards of the commune-level units that roll up into the unit (or into the children
kept by the filters) on the structure date. Every function aggregates or limits in SQL
and takes the ``View`` (and so the user's scope).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy import Connection, and_, case, func, or_, select, union_all
from sqlalchemy.orm import aliased

from ..db import as_date, month_start, overlaps, valid_on
from ..models import Board, BoardActivity, Briefing, Unit
from . import boards as board_figures
from .briefings import months_table
from .view import View, frame, join_groups, unit_groups

MONTH_COLUMNS = [
    "group_id", "board_kind", "month", "activities", "supervisions", "recommendations",
    "resolved",
]
BOARD_LIST_COLUMNS = [
    "board_id", "code", "kind", "name", "project", "unit_code", "unit_name", "unit_kind",
    "village_name", "valid_from", "valid_to", "members", "activities", "last_activity",
]
ACTIVITY_LIST_COLUMNS = [
    "activity_id", "date", "board_id", "board_name", "board_kind", "unit_name", "unit_kind",
    "village_name", "kind", "subject", "recommendations", "resolved", "money_recovered",
    "land_recovered_m2", "settlement_reduction",
]
BRIEFING_MONTH_COLUMNS = [
    "unit_id", "unit_code", "unit_name", "unit_kind", "month", "briefings", "first_date",
    "attendees",
]
SUPERVISION_KINDS = ("supervision", "inspection")
# The activity table lists records down to the village: it is offered only for units with
# at most this many villages (otherwise the page offers the children instead), and shows
# at most ACTIVITY_ROWS of the most recent activities (the page says how many there are).
ACTIVITY_TABLE_MAX_VILLAGES = 2000
ACTIVITY_ROWS = 300
# Silent boards listed at most (silent longest first); the page says how many there are.
SILENT_ROWS = 100


def _none_for_missing(result: pd.DataFrame, columns) -> pd.DataFrame:
    """Optional text columns hold None (not NaN) when empty."""
    for column in columns:
        result[column] = result[column].astype(object).where(result[column].notna(), None)
    return result


def activity_place(by_village: bool):
    """The unit an activity counts in (see the module docstring)."""
    if by_village:
        return func.coalesce(BoardActivity.village_id, Board.village_id, Board.unit_id)
    return Board.unit_id


def _placed_activities(view: View):
    """Subquery (activity_id, place): the activities of the period whose place
    (``activity_place(True)``) is a unit under the view, found from those units by
    index in three branches (the activity's village; else its board's village; else
    its board's unit) rather than by computing every activity's place."""
    period = view.period
    under = select(unit_groups(view).c.unit_id)
    in_period = (BoardActivity.date >= period.start) & (BoardActivity.date <= period.as_of)
    named = select(BoardActivity.id.label("activity_id"), BoardActivity.village_id.label("place")).where(
        BoardActivity.village_id.in_(under), in_period)
    # activities without a village, reached from their boards by (board_id, date)
    unnamed = func.coalesce(BoardActivity.village_id, 0) == 0
    boards_in_villages = select(Board.id).where(Board.village_id.in_(under))
    board_village = (
        select(BoardActivity.id, Board.village_id).join(Board, Board.id == BoardActivity.board_id)
        .where(BoardActivity.board_id.in_(boards_in_villages), unnamed, in_period))
    boards_of_units = select(Board.id).where(Board.unit_id.in_(under), Board.village_id.is_(None))
    board_unit = (
        select(BoardActivity.id, Board.unit_id).join(Board, Board.id == BoardActivity.board_id)
        .where(BoardActivity.board_id.in_(boards_of_units), unnamed, in_period))
    return union_all(named, board_village, board_unit).subquery("placed")


def _scoped(query, view: View):
    clause = view.scope.clause(Board.unit_id)
    return query if clause is None else query.where(clause)


def activity_by_month(conn: Connection, view: View, by_village: bool = False) -> pd.DataFrame:
    """Board activities in ``view.period`` per output group, board kind and month.

    Columns (``MONTH_COLUMNS``): group_id (a child's id, or ``view.unit_id`` for the
    total), board_kind (bttnd | gsdtcd), month (``date``, the first day of the calendar
    month), activities, supervisions (supervisions and inspections), recommendations
    (made), resolved. Only combinations with at least one activity have a row. Boards
    whose term does not meet the period are left out, as in ``board_activity``.
    """
    if not by_village and board_figures.flow_applies(conn, view):
        return _activity_by_month_from_flow(conn, view)
    period = view.period
    month = month_start(BoardActivity.date)
    query = select(BoardActivity.id).select_from(BoardActivity).join(
        Board, Board.id == BoardActivity.board_id)
    if by_village:
        placed = _placed_activities(view)
        query = query.join(placed, placed.c.activity_id == BoardActivity.id)
        query, group = join_groups(query, placed.c.place, view)
    else:
        # the boards under the view first (by index), then their activities by (board, date)
        boards = select(Board.id).where(Board.unit_id.in_(select(unit_groups(view).c.unit_id)))
        query = query.where(BoardActivity.board_id.in_(boards))
        query, group = join_groups(query, activity_place(by_village), view)
    query = query.with_only_columns(
        group,
        Board.kind,
        month,
        func.count(BoardActivity.id),
        func.sum(case((BoardActivity.kind.in_(SUPERVISION_KINDS), 1), else_=0)),
        func.coalesce(func.sum(BoardActivity.recommendations_made), 0),
        func.coalesce(func.sum(BoardActivity.recommendations_resolved), 0),
    ).where(
        BoardActivity.date >= period.start,
        BoardActivity.date <= period.as_of,
        overlaps(Board.valid_from, Board.valid_to, period.start, period.as_of),
    ).group_by(group, Board.kind, month)
    return _month_frame(frame(conn, _scoped(query, view), MONTH_COLUMNS))


def _month_frame(result: pd.DataFrame) -> pd.DataFrame:
    result["month"] = result["month"].map(as_date)
    for column in MONTH_COLUMNS[3:]:
        result[column] = pd.to_numeric(result[column]).astype("int64")
    return result.sort_values(["group_id", "board_kind", "month"]).reset_index(drop=True)


def _activity_by_month_from_flow(conn: Connection, view: View) -> pd.DataFrame:
    """``activity_by_month`` (not by village) from ``activity_flow``: its rows of the
    period's days, per output row, board kind and month (``boards.flow_applies``: an
    activity in the period proves its board's term meets the period)."""
    from ..models import ActivityFlow

    flow, targets, period, on = ActivityFlow.__table__, view.targets(), view.period, view.structure_date
    month = month_start(flow.c.day)
    query = (
        select(targets.c.group_id, flow.c.board_kind, month, func.sum(flow.c.activities),
               func.sum(flow.c.supervisions), func.sum(flow.c.recommendations), func.sum(flow.c.resolved))
        .select_from(targets)
        .join(flow, and_(flow.c.ancestor_id == targets.c.ancestor_id, flow.c.day >= period.start,
                         flow.c.day <= period.as_of, flow.c.rollup_from <= on, flow.c.rollup_to >= on))
        .group_by(targets.c.group_id, flow.c.board_kind, month)
    )
    return _month_frame(frame(conn, query, MONTH_COLUMNS))


# Per listed board, correlated subqueries that the (board_id, date) index answers: the
# lists never aggregate the whole activity table, however many boards the dataset holds.


def _last_activity(as_of: date):
    return (
        select(func.max(BoardActivity.date))
        .where(BoardActivity.board_id == Board.id, BoardActivity.date <= as_of)
        .scalar_subquery()
    )


def _in_window(start: date, end: date):
    return (
        select(func.count(BoardActivity.id))
        .where(BoardActivity.board_id == Board.id, BoardActivity.date >= start, BoardActivity.date <= end)
        .scalar_subquery()
    )


def board_list(conn: Connection, view: View, start: date, end: date, *, silent: bool = False,
               whole_window: bool = False, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """The boards counted in the view's total whose term meets ``[start, end]`` (covers
    all of it with ``whole_window``), with their activities in that window; only those
    with none when ``silent``.

    Returns (frame, count): at most ``limit`` rows (all when None), boards silent longest
    first (no activity at all, then the oldest last activity), then by name; ``count`` is
    the number of boards before the limit. Columns (``BOARD_LIST_COLUMNS``): board_id,
    code, kind, name, project (or None), unit_code, unit_name, unit_kind (the board's
    commune-level unit), village_name (of the project, or None), valid_from, valid_to
    (None: open), members, activities (in the window), last_activity (the last on or
    before ``view.as_of``, or None).

    ``silent`` with the period's bounds gives the boards counted as inactive by
    ``board_activity``; with the last complete quarter and ``whole_window`` those of
    ``silent_boards``.
    """
    view = replace(view, total_only=True)  # only the unit's own row is read: no per-child groups
    commune = aliased(Unit, name="board_unit")
    village = aliased(Unit, name="board_village")
    activities = _in_window(start, end)
    last = _last_activity(view.as_of)
    query = (
        select(Board.id)
        .select_from(Board)
        .join(commune, commune.id == Board.unit_id)
        .outerjoin(village, village.id == Board.village_id)
    )
    query, group = join_groups(query, Board.unit_id, view)
    if whole_window:
        term = and_(Board.valid_from <= start, or_(Board.valid_to.is_(None), Board.valid_to >= end))
    else:
        term = overlaps(Board.valid_from, Board.valid_to, start, end)
    query = query.with_only_columns(
        Board.id, Board.code, Board.kind, Board.name, Board.project, commune.code, commune.name,
        commune.kind, village.name, Board.valid_from, Board.valid_to, Board.members, activities,
        last, func.count().over(),
    ).where(group == view.unit_id, term)
    if silent:
        query = query.where(~(
            select(BoardActivity.id)
            .where(BoardActivity.board_id == Board.id, BoardActivity.date >= start, BoardActivity.date <= end)
            .exists()))
    query = _scoped(query, view).order_by(
        case((last.is_(None), 0), else_=1), last, Board.name, Board.id)
    if limit is not None:
        query = query.limit(limit)
    result = frame(conn, query, [*BOARD_LIST_COLUMNS, "_count"])
    count = int(result["_count"].iloc[0]) if not result.empty else 0
    result = result.drop(columns="_count")
    for column in ("valid_from", "valid_to", "last_activity"):
        result[column] = result[column].map(as_date)
    return _none_for_missing(result, ("project", "village_name")), count


def activity_list(conn: Connection, view: View, limit: int) -> tuple[pd.DataFrame, int]:
    """The activities in ``view.period`` of the boards counted in the view's total, the
    most recent first.

    Returns (frame, count): at most ``limit`` rows; ``count`` is the number of
    activities before the limit. Columns (``ACTIVITY_LIST_COLUMNS``): activity_id, date,
    board_id, board_name, board_kind, unit_name, unit_kind (the board's commune-level
    unit), village_name (the village the activity concerns: its own, else the board's
    project village; None for neither), kind, subject,
    recommendations (made), resolved, money_recovered (đồng), land_recovered_m2,
    settlement_reduction (đồng).
    """
    view = replace(view, total_only=True)  # only the unit's own row is read: no per-child groups
    period = view.period
    commune = aliased(Unit, name="board_unit")
    village = aliased(Unit, name="activity_village")
    query = (
        select(BoardActivity.id)
        .select_from(BoardActivity)
        .join(Board, Board.id == BoardActivity.board_id)
        .join(commune, commune.id == Board.unit_id)
        .outerjoin(village, village.id == func.coalesce(BoardActivity.village_id, Board.village_id))
    )
    query, group = join_groups(query, Board.unit_id, view)
    query = query.with_only_columns(
        BoardActivity.id, BoardActivity.date, Board.id, Board.name, Board.kind, commune.name,
        commune.kind, village.name, BoardActivity.kind, BoardActivity.subject,
        BoardActivity.recommendations_made, BoardActivity.recommendations_resolved,
        BoardActivity.money_recovered, BoardActivity.land_recovered_m2,
        BoardActivity.settlement_reduction, func.count().over(),
    ).where(
        group == view.unit_id,
        BoardActivity.date >= period.start,
        BoardActivity.date <= period.as_of,
        overlaps(Board.valid_from, Board.valid_to, period.start, period.as_of),
    )
    query = _scoped(query, view).order_by(BoardActivity.date.desc(), BoardActivity.id.desc()).limit(limit)
    result = frame(conn, query, [*ACTIVITY_LIST_COLUMNS, "_count"])
    count = int(result["_count"].iloc[0]) if not result.empty else 0
    result = result.drop(columns="_count")
    result["date"] = result["date"].map(as_date)
    return _none_for_missing(result, ("village_name",)), count


def briefing_months(conn: Connection, view: View) -> pd.DataFrame:
    """Month by month, the briefings of each commune-level unit counted in the view's
    total (the unit itself on a commune's page; on today's structure also the units it
    was formed from), over the months due in ``view.period`` (``complete_months``: a
    month is due when the unit exists on its first day).

    Columns (``BRIEFING_MONTH_COLUMNS``): unit_id, unit_code, unit_name, unit_kind,
    month (``date``, first day), briefings (held that month; 0: missed), first_date (of
    the first briefing, or None), attendees (summed over that month's briefings).
    One row per unit and month due, ordered by month then unit code.
    """
    view = replace(view, total_only=True)  # only the unit's own row is read: no per-child groups
    months = view.period.complete_months()
    if not months:
        return pd.DataFrame(columns=BRIEFING_MONTH_COLUMNS)
    month_rows = months_table(months)

    def that_month(measure):
        # per unit and month, by the (unit_id, date) index: never every unit's briefings
        return (select(measure)
                .where(Briefing.unit_id == Unit.id, Briefing.date >= month_rows.c.month,
                       Briefing.date < month_rows.c.next, Briefing.date <= view.period.as_of)
                .scalar_subquery())

    query = select(Unit.id).select_from(Unit).join(
        month_rows, valid_on(Unit.valid_from, Unit.valid_to, month_rows.c.month))
    query, group = join_groups(query, Unit.id, view)
    query = (
        query.with_only_columns(
            Unit.id, Unit.code, Unit.name, Unit.kind, month_rows.c.month,
            that_month(func.count()), that_month(func.min(Briefing.date)),
            func.coalesce(that_month(func.sum(Briefing.attendees)), 0),
        )
        .where(group == view.unit_id, Unit.level == "commune")
        .order_by(month_rows.c.month, Unit.code)
    )
    clause = view.scope.clause(Unit.id)
    if clause is not None:
        query = query.where(clause)
    result = frame(conn, query, BRIEFING_MONTH_COLUMNS)
    result["month"] = result["month"].map(as_date)
    result["first_date"] = result["first_date"].map(as_date)
    for column in ("briefings", "attendees"):
        result[column] = pd.to_numeric(result[column]).astype("int64")
    return result


__all__ = [
    "ACTIVITY_ROWS", "ACTIVITY_TABLE_MAX_VILLAGES", "SILENT_ROWS", "ACTIVITY_LIST_COLUMNS", "BOARD_LIST_COLUMNS", "BRIEFING_MONTH_COLUMNS", "MONTH_COLUMNS",
    "activity_by_month", "activity_list", "activity_place", "board_list", "briefing_months",
]
