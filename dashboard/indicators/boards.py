"""Community oversight boards: People's Inspection Boards (bttnd) and Community
Investment Supervision Boards (gsdtcd).

A board counts in a period when its term meets the period; it is active when it has at
least one activity in the period. Boards and their activities are counted where the
board's commune-level unit belongs.
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import BigInteger, Connection, and_, case, cast, func, select

from ..db import overlaps
from ..periods import add_months
from ..models import Board, BoardActivity
from .view import View, by_group, frame, join_groups

BOARD_COLUMNS = [
    "boards", "boards_bttnd", "boards_gsdtcd", "active_boards", "active_bttnd",
    "active_gsdtcd", "activities", "supervisions", "recommendations", "resolved",
    "money_recovered", "land_recovered_m2", "settlement_reduction",
]


def activity_per_board(start, end, boards=None):
    """Subquery: per board (of ``boards``, a SELECT of board ids, when given), its
    activities between ``start`` and ``end``."""
    query = (
        select(
            BoardActivity.board_id.label("board_id"),
            func.count().label("activities"),
            func.sum(case((BoardActivity.kind.in_(("supervision", "inspection")), 1), else_=0))
            .label("supervisions"),
            func.sum(BoardActivity.recommendations_made).label("recommendations"),
            func.sum(BoardActivity.recommendations_resolved).label("resolved"),
            func.sum(BoardActivity.money_recovered).label("money"),
            func.sum(BoardActivity.land_recovered_m2).label("land"),
            func.sum(BoardActivity.settlement_reduction).label("settlement"),
        )
        .where(BoardActivity.date >= start, BoardActivity.date <= end)
        .group_by(BoardActivity.board_id)
    )
    if boards is not None:
        query = query.where(BoardActivity.board_id.in_(boards))
    return query.subquery("act")


def board_activity(conn: Connection, view: View) -> pd.DataFrame:
    """Boards and what they did in ``view.period``, per child and total.

    Index: group_id. Columns: boards (valid in the period), boards_bttnd, boards_gsdtcd,
    active_boards (with an activity), active_bttnd, active_gsdtcd, activities,
    supervisions (supervisions and inspections), recommendations (made), resolved,
    money_recovered (đồng), land_recovered_m2, settlement_reduction (đồng).

    Two steps, both driven by index: each board under the view (by unit) meets its
    activities of the period (by board and date) and is summed per (group, board); the
    boards are then summed per group. No table of the whole country's activities is
    built, and no join relies on the database building an index on the fly.

    When ``flow_applies``, the same figures from ``board_rollup`` (the boards, each
    probed for an activity) and ``activity_flow`` (the activities' sums):
    ``_board_activity_from_flow``.
    """
    if flow_applies(conn, view):
        return _board_activity_from_flow(conn, view)
    period = view.period
    act = BoardActivity
    query = select(Board.id).select_from(Board).outerjoin(
        act, (act.board_id == Board.id) & (act.date >= period.start) & (act.date <= period.as_of))
    query, group = join_groups(query, Board.unit_id, view)
    query = query.with_only_columns(
        group.label("group_id"),
        Board.kind.label("kind"),
        func.count(act.id).label("activities"),
        func.sum(case((act.kind.in_(("supervision", "inspection")), 1), else_=0)).label("supervisions"),
        func.sum(act.recommendations_made).label("recommendations"),
        func.sum(act.recommendations_resolved).label("resolved"),
        func.sum(act.money_recovered).label("money"),
        func.sum(act.land_recovered_m2).label("land"),
        func.sum(act.settlement_reduction).label("settlement"),
    ).where(overlaps(Board.valid_from, Board.valid_to, period.start, period.as_of)).group_by(
        group, Board.id, Board.kind)
    scope = view.scope.clause(Board.unit_id)
    if scope is not None:
        query = query.where(scope)
    per_board = query.subquery("per_board")
    active = per_board.c.activities > 0
    bttnd, gsdtcd = per_board.c.kind == "bttnd", per_board.c.kind == "gsdtcd"
    totals = select(
        per_board.c.group_id,
        func.count(),
        func.sum(case((bttnd, 1), else_=0)),
        func.sum(case((gsdtcd, 1), else_=0)),
        func.sum(case((active, 1), else_=0)),
        func.sum(case((bttnd & active, 1), else_=0)),
        func.sum(case((gsdtcd & active, 1), else_=0)),
        func.coalesce(func.sum(per_board.c.activities), 0),
        func.coalesce(func.sum(per_board.c.supervisions), 0),
        func.coalesce(func.sum(per_board.c.recommendations), 0),
        func.coalesce(func.sum(per_board.c.resolved), 0),
        func.coalesce(func.sum(per_board.c.money), 0),
        func.coalesce(func.sum(per_board.c.land), 0),
        func.coalesce(func.sum(per_board.c.settlement), 0),
    ).group_by(per_board.c.group_id)
    return by_group(frame(conn, totals, ["group_id", *BOARD_COLUMNS]), view, BOARD_COLUMNS)


FLOW_COLUMNS = ["activities", "supervisions", "recommendations", "resolved", "money", "land", "settlement"]


def flow_applies(conn: Connection, view: View) -> bool:
    """Whether ``activity_flow`` gives the additive columns of ``board_activity`` for
    ``view`` exactly: the flow tables answer the view (``flows.flow_meta``) and no
    activity lies outside its board's term (then an activity in the period proves its
    board's term meets the period, which the raw query asks)."""
    from ..preagg import OUTSIDE_TERM_KEY
    from .flows import flow_meta

    meta = flow_meta(conn, view)
    return meta is not None and meta.get(OUTSIDE_TERM_KEY) == "0"


def _boards_under(view: View):
    """(targets, ``board_rollup``, join condition): the boards that count toward each
    output row of ``view`` on its structure date, by the (ancestor, roll-up validity)
    index. The rows are those ``join_groups`` gives from ``Board.unit_id`` when no
    output row is at the commune or village level (``flows.flow_meta``)."""
    from ..models import BoardRollup

    targets = view.targets()
    reach = BoardRollup.__table__
    day = view.structure_date
    return targets, reach, and_(reach.c.ancestor_id == targets.c.ancestor_id, reach.c.rollup_from <= day,
                                reach.c.rollup_to >= day)


def _board_activity_from_flow(conn: Connection, view: View) -> pd.DataFrame:
    """``board_activity``: the boards whose term meets the period (``board_rollup``),
    each probed once for an activity in the period (by board and date), counted per
    output row and kind; the activities' sums from ``activity_flow`` over the period's
    days. Counts are cast to BIGINT: on PostgreSQL the raw query's counts are BIGINT
    (its sums NUMERIC, as ``activity_flow``'s sums of BIGINT columns)."""
    from ..models import ActivityFlow
    from .flows import flow_sums

    period = view.period
    targets, reach, on_reach = _boards_under(view)
    recent = (select(BoardActivity.id)
              .where(BoardActivity.board_id == reach.c.board_id, BoardActivity.date >= period.start,
                     BoardActivity.date <= period.as_of).exists())
    # per output row and kind: the probe appears once, so it runs once per board and row
    per_kind = (
        select(targets.c.group_id.label("group_id"), reach.c.kind.label("kind"), func.count().label("boards"),
               func.sum(case((recent, 1), else_=0)).label("active"))
        .select_from(targets).join(reach, on_reach)
        .where(reach.c.board_from <= period.as_of, reach.c.board_to >= period.start)
        .group_by(targets.c.group_id, reach.c.kind).subquery("per_kind")
    )

    def total(column, kind=None):
        value = per_kind.c[column] if kind is None else case((per_kind.c.kind == kind, per_kind.c[column]), else_=0)
        return cast(func.sum(value), BigInteger)

    counts = select(
        per_kind.c.group_id, total("boards"), total("boards", "bttnd"), total("boards", "gsdtcd"),
        total("active"), total("active", "bttnd"), total("active", "gsdtcd"),
    ).group_by(per_kind.c.group_id).subquery("counts")
    sums = flow_sums(view, ActivityFlow.__table__, "day", period.start, period.as_of, FLOW_COLUMNS)
    query = select(
        counts.c.group_id, *list(counts.c)[1:], *(func.coalesce(sums.c[c], 0) for c in FLOW_COLUMNS),
    ).select_from(counts.outerjoin(sums, sums.c.group_id == counts.c.group_id))
    return by_group(frame(conn, query, ["group_id", *BOARD_COLUMNS]), view, BOARD_COLUMNS)


SILENT_COLUMNS = ["silent_boards", "silent_bttnd", "silent_gsdtcd"]


def last_complete_quarter(day: date) -> tuple[date, date]:
    """The last calendar quarter that has ended on ``day`` (the quarter itself when
    ``day`` is its last day)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = add_months(start, 3) - timedelta(days=1)
    if day < end:
        start = add_months(start, -3)
        end = add_months(start, 3) - timedelta(days=1)
    return start, end


def silent_applies(conn: Connection, view: View) -> bool:
    """Whether ``silent_boards`` reads the boards of ``view`` from ``board_rollup``: the
    flow tables answer the view (``flows.flow_meta``)."""
    from .flows import flow_meta

    return flow_meta(conn, view) is not None


def silent_boards(conn: Connection, view: View) -> pd.DataFrame:
    """Boards in office for the whole of the last complete quarter before
    ``view.as_of`` that had no activity in it ("silent for a quarter").

    Index: group_id. Columns: silent_boards, silent_bttnd, silent_gsdtcd. The boards
    under each output row from ``board_rollup`` when ``silent_applies``.
    """
    start, end = last_complete_quarter(view.as_of)
    if silent_applies(conn, view):
        targets, reach, on_reach = _boards_under(view)
        recent = (select(BoardActivity.id)
                  .where(BoardActivity.board_id == reach.c.board_id, BoardActivity.date >= start,
                         BoardActivity.date <= end).exists())
        query = (
            select(targets.c.group_id, func.count(), func.sum(case((reach.c.kind == "bttnd", 1), else_=0)),
                   func.sum(case((reach.c.kind == "gsdtcd", 1), else_=0)))
            .select_from(targets).join(reach, on_reach)
            .where(reach.c.board_from <= start, reach.c.board_to >= end, ~recent)
            .group_by(targets.c.group_id)
        )
        return by_group(frame(conn, query, ["group_id", *SILENT_COLUMNS]), view, SILENT_COLUMNS)
    recent = (
        select(BoardActivity.id)
        .where(BoardActivity.board_id == Board.id, BoardActivity.date >= start,
               BoardActivity.date <= end)
        .exists()
    )
    query = select(Board.id).select_from(Board)
    query, group = join_groups(query, Board.unit_id, view)
    query = query.with_only_columns(
        group,
        func.count(Board.id),
        func.sum(case((Board.kind == "bttnd", 1), else_=0)),
        func.sum(case((Board.kind == "gsdtcd", 1), else_=0)),
    ).where(
        Board.valid_from <= start,
        (Board.valid_to.is_(None)) | (Board.valid_to >= end),
        ~recent,
    ).group_by(group)
    scope = view.scope.clause(Board.unit_id)
    if scope is not None:
        query = query.where(scope)
    return by_group(frame(conn, query, ["group_id", *SILENT_COLUMNS]), view, SILENT_COLUMNS)
