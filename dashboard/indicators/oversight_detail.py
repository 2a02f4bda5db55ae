"""Community oversight in detail: the page /giam-sat and a commune's boards and briefings.

Per-child figures are counted where the board's commune-level unit belongs (as the
registry's board measures), so the page's numbers add up to the overview's. On a
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
from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from ..db import as_date, overlaps, valid_on
from ..models import Board, BoardActivity, Briefing, Unit
from .engine import monthly
from .facts import calendar_table
from .view import View, frame, join_groups

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
MONTH_KEYS = ["activities", "supervisions", "recommendations", "resolved"]
PLACE_KEYS = ["place_activities", "place_supervisions", "place_recommendations", "place_resolved"]
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


def _scoped(query, view: View):
    clause = view.scope.clause(Board.unit_id)
    return query if clause is None else query.where(clause)


def activity_by_month(conn: Connection, view: View, by_village: bool = False) -> pd.DataFrame:
    """Board activities in ``view.period`` per output group, board kind and month.

    Columns (``MONTH_COLUMNS``): group_id (a child's id, or ``view.unit_id`` for the
    total), board_kind (bttnd | gsdtcd), month (``date``, the first day of the calendar
    month), activities, supervisions (supervisions and inspections), recommendations
    (made), resolved. Only combinations with at least one activity have a row. An
    activity counts inside its board's term, where the board belongs (the measures
    ``activities`` ...), or with ``by_village`` at the place it concerns (``places``).
    """
    keys = PLACE_KEYS if by_village else MONTH_KEYS
    result = monthly(conn, view, keys)
    result = result.rename(columns={"dim": "board_kind", **dict(zip(PLACE_KEYS, MONTH_KEYS))})
    return result[MONTH_COLUMNS].sort_values(["group_id", "board_kind", "month"]).reset_index(drop=True)


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
    # named, and ordered by its name: the last activity is looked up once per board
    last = _last_activity(view.as_of).label("last_activity")
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
    query = _scoped(query, view).order_by(last.asc().nulls_first(), Board.name, Board.id)
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
    month_rows = calendar_table(months, "months", 1)

    def that_month(measure):
        # per unit and month, by the (unit_id, date) index: never every unit's briefings
        return (select(measure)
                .where(Briefing.unit_id == Unit.id, Briefing.date >= month_rows.c.day,
                       Briefing.date < month_rows.c.next, Briefing.date <= view.period.as_of)
                .scalar_subquery())

    query = select(Unit.id).select_from(Unit).join(
        month_rows, valid_on(Unit.valid_from, Unit.valid_to, month_rows.c.day))
    query, group = join_groups(query, Unit.id, view)
    query = (
        query.with_only_columns(
            Unit.id, Unit.code, Unit.name, Unit.kind, month_rows.c.day,
            that_month(func.count()), that_month(func.min(Briefing.date)),
            func.coalesce(that_month(func.sum(Briefing.attendees)), 0),
        )
        .where(group == view.unit_id, Unit.level == "commune")
        .order_by(month_rows.c.day, Unit.code)
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
    "activity_by_month", "activity_list", "board_list", "briefing_months",
]
