"""Community oversight boards: People's Inspection Boards (bttnd) and Community
Investment Supervision Boards (gsdtcd).

A board counts in a period when its term meets the period; it is active when it has at
least one activity in the period. Boards and their activities are counted where the
board's commune-level unit belongs.
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, case, distinct, func, select

from ..db import overlaps
from ..periods import add_months
from ..models import Board, BoardActivity
from .view import View, by_group, frame, join_groups

BOARD_COLUMNS = [
    "boards", "boards_bttnd", "boards_gsdtcd", "active_boards", "active_bttnd",
    "active_gsdtcd", "activities", "supervisions", "recommendations", "resolved",
    "money_recovered", "land_recovered_m2", "settlement_reduction",
]


def activity_per_board(start, end):
    """Subquery: per board, its activities between ``start`` and ``end``."""
    return (
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
        .subquery("act")
    )


def board_activity(conn: Connection, view: View) -> pd.DataFrame:
    """Boards and what they did in ``view.period``, per child and total.

    Index: group_id. Columns: boards (valid in the period), boards_bttnd, boards_gsdtcd,
    active_boards (with an activity), active_bttnd, active_gsdtcd, activities,
    supervisions (supervisions and inspections), recommendations (made), resolved,
    money_recovered (đồng), land_recovered_m2, settlement_reduction (đồng).

    Each board meets its activities of the period by index (board, date): no table of
    every board's activities in the country is built first.
    """
    period = view.period
    act = BoardActivity
    done = act.id.isnot(None)
    bttnd, gsdtcd = Board.kind == "bttnd", Board.kind == "gsdtcd"
    query = select(Board.id).select_from(Board).outerjoin(
        act, (act.board_id == Board.id) & (act.date >= period.start) & (act.date <= period.as_of))
    query, group = join_groups(query, Board.unit_id, view)
    query = query.with_only_columns(
        group,
        func.count(distinct(Board.id)),
        func.count(distinct(case((bttnd, Board.id)))),
        func.count(distinct(case((gsdtcd, Board.id)))),
        func.count(distinct(case((done, Board.id)))),
        func.count(distinct(case((bttnd & done, Board.id)))),
        func.count(distinct(case((gsdtcd & done, Board.id)))),
        func.count(act.id),
        func.coalesce(func.sum(case((act.kind.in_(("supervision", "inspection")), 1), else_=0)), 0),
        func.coalesce(func.sum(act.recommendations_made), 0),
        func.coalesce(func.sum(act.recommendations_resolved), 0),
        func.coalesce(func.sum(act.money_recovered), 0),
        func.coalesce(func.sum(act.land_recovered_m2), 0),
        func.coalesce(func.sum(act.settlement_reduction), 0),
    ).where(overlaps(Board.valid_from, Board.valid_to, period.start, period.as_of)).group_by(group)
    scope = view.scope.clause(Board.unit_id)
    if scope is not None:
        query = query.where(scope)
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


def silent_boards(conn: Connection, view: View) -> pd.DataFrame:
    """Boards in office for the whole of the last complete quarter before
    ``view.as_of`` that had no activity in it ("silent for a quarter").

    Index: group_id. Columns: silent_boards, silent_bttnd, silent_gsdtcd.
    """
    start, end = last_complete_quarter(view.as_of)
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
