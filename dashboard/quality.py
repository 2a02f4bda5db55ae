"""Data quality: records that pass validation but look wrong.

- a village with no head for more than ``VACANT_HEAD_DAYS`` days;
- a course that has ended with no participant recorded;
- a board in office for the last two complete quarters with no activity in them;
- a board activity about a village that was not under the board's unit on its date
  (stored before the importer checked it).

Each check is one SQL query, in the user's scope, capped at ``limit`` rows (the count is
exact). Rows: check, unit (where), item (what), since (date), days (how long).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from .db import as_date, valid_on
from .definitions import VACANT_HEAD_DAYS
from .periods import last_complete_quarter
from .models import Board, BoardActivity, Course, Participation, Post, Unit, UnitMembership, UnitRollup
from .periods import add_months
from .scope import Scope

CHECKS = ("vacant_head", "no_participants", "silent_board", "village_outside_board")


@dataclass
class QualityReport:
    """rows: at most ``limit`` per check; counts: the true number per check."""

    day: date
    rows: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _restrict(query, column, scope: Scope):
    clause = scope.clause(column)
    return query if clause is None else query.where(clause)


def vacant_heads(conn: Connection, day: date, scope: Scope, data_from: date | None, limit: int):
    """Villages valid on ``day`` without a head on ``day`` since more than 60 days: since
    the last head left, or since the village (or the records) began."""
    cutoff = day - timedelta(days=VACANT_HEAD_DAYS)
    if data_from is not None and data_from > cutoff:
        return [], 0
    head_now = exists(select(Post.id).where(Post.village_id == Unit.id, Post.role == "head",
                                            valid_on(Post.start_date, Post.end_date, day)))
    last_end = (select(func.max(Post.end_date)).where(Post.village_id == Unit.id, Post.role == "head",
                                                      Post.end_date < day).scalar_subquery())
    since = func.coalesce(last_end, Unit.valid_from)
    parent = aliased(Unit)
    membership = aliased(UnitMembership)
    base = (select(Unit.id).select_from(Unit)
            .where(Unit.level == "village", valid_on(Unit.valid_from, Unit.valid_to, day), ~head_now,
                   since < cutoff))
    base = _restrict(base, Unit.id, scope)
    count = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    query = (base.with_only_columns(Unit.code, Unit.name, Unit.kind, last_end.label("last_end"), Unit.valid_from,
                                    parent.name, parent.kind)
             .outerjoin(membership, and_(membership.child_id == Unit.id,
                                         valid_on(membership.valid_from, membership.valid_to, day)))
             .outerjoin(parent, parent.id == membership.parent_id)
             .order_by(since, Unit.code).limit(limit))
    rows = []
    for code, name, kind, ended, valid_from, parent_name, parent_kind in conn.execute(query):
        # vacant since the day after the last head left, or since the village (or the
        # records) began
        began = as_date(ended) + timedelta(days=1) if ended is not None else as_date(valid_from)
        if data_from is not None and began < data_from:
            began = data_from
        rows.append({"check": "vacant_head", "code": code, "name": name, "kind": kind,
                     "parent_name": parent_name, "parent_kind": parent_kind, "item": "",
                     "since": began, "days": (day - began).days})
    return rows, count


def courses_without_participants(conn: Connection, day: date, scope: Scope, limit: int):
    """Courses that ended on or before ``day`` with no participation recorded."""
    anyone = exists(select(Participation.id).where(Participation.course_id == Course.id))
    base = (select(Course.id).select_from(Course).join(Unit, Unit.id == Course.organiser_id)
            .where(Course.end_date <= day, ~anyone))
    base = _restrict(base, Course.organiser_id, scope)
    count = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    query = base.with_only_columns(Unit.code, Unit.name, Unit.kind, Course.code, Course.title, Course.end_date) \
        .order_by(Course.end_date.desc(), Course.code).limit(limit)
    rows = [{"check": "no_participants", "code": code, "name": name, "kind": kind, "parent_name": None,
             "parent_kind": None, "item": f"{title} ({course_code})", "since": as_date(end),
             "days": (day - as_date(end)).days}
            for code, name, kind, course_code, title, end in conn.execute(query)]
    return rows, count


def silent_boards(conn: Connection, day: date, scope: Scope, limit: int):
    """Boards in office for the whole of the last two complete quarters before ``day``
    with no activity in them."""
    _, end = last_complete_quarter(day)
    start = add_months(end + timedelta(days=1), -6)
    active = exists(select(BoardActivity.id).where(BoardActivity.board_id == Board.id,
                                                   BoardActivity.date >= start, BoardActivity.date <= end))
    last_activity = (select(func.max(BoardActivity.date)).where(BoardActivity.board_id == Board.id,
                                                                BoardActivity.date <= day).scalar_subquery())
    base = (select(Board.id).select_from(Board).join(Unit, Unit.id == Board.unit_id)
            .where(Board.valid_from <= start, or_(Board.valid_to.is_(None), Board.valid_to >= end), ~active))
    base = _restrict(base, Board.unit_id, scope)
    count = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    since = func.coalesce(last_activity, Board.valid_from)
    query = base.with_only_columns(Unit.code, Unit.name, Unit.kind, Board.code, Board.name, since) \
        .order_by(since, Board.code).limit(limit)
    rows = []
    for code, name, kind, board_code, board_name, began in conn.execute(query):
        began = as_date(began)
        rows.append({"check": "silent_board", "code": code, "name": name, "kind": kind, "parent_name": None,
                     "parent_kind": None, "item": f"{board_name} ({board_code})", "since": began,
                     "days": (day - began).days})
    return rows, count


def activities_outside_their_board(conn: Connection, day: date, scope: Scope, limit: int):
    """Board activities up to ``day`` about a village that, on the activity's date, did not
    roll up to the board's unit (``unit_rollup``: the structure as it stood then)."""
    village = aliased(Unit)
    inside = exists(select(UnitRollup.id).where(UnitRollup.unit_id == BoardActivity.village_id,
                                                UnitRollup.ancestor_id == Board.unit_id,
                                                UnitRollup.valid_from <= BoardActivity.date,
                                                UnitRollup.valid_to >= BoardActivity.date))
    base = (select(BoardActivity.id).select_from(BoardActivity).join(Board, Board.id == BoardActivity.board_id)
            .join(Unit, Unit.id == Board.unit_id).join(village, village.id == BoardActivity.village_id)
            .where(BoardActivity.date <= day, ~inside))
    base = _restrict(base, Board.unit_id, scope)
    count = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    query = base.with_only_columns(Unit.code, Unit.name, Unit.kind, Board.code, BoardActivity.code, village.code,
                                   village.name, BoardActivity.date) \
        .order_by(BoardActivity.date.desc(), BoardActivity.code).limit(limit)
    rows = []
    for code, name, kind, board_code, activity_code, village_code, village_name, on in conn.execute(query):
        on = as_date(on)
        rows.append({"check": "village_outside_board", "code": code, "name": name, "kind": kind,
                     "parent_name": None, "parent_kind": None,
                     "item": f"{activity_code} ({board_code}): {village_name} ({village_code})", "since": on,
                     "days": (day - on).days})
    return rows, count


def quality_report(conn: Connection, day: date, scope: Scope, data_from: date | None = None,
                   limit: int = 200) -> QualityReport:
    """All four checks on ``day``."""
    report = QualityReport(day)
    for check, (rows, count) in (
            ("vacant_head", vacant_heads(conn, day, scope, data_from, limit)),
            ("no_participants", courses_without_participants(conn, day, scope, limit)),
            ("silent_board", silent_boards(conn, day, scope, limit)),
            ("village_outside_board", activities_outside_their_board(conn, day, scope, limit))):
        report.rows += rows
        report.counts[check] = count
    return report


def single_posts(conn: Connection) -> bool:
    """No village has two posts of the same role that overlap (one index probe per post)."""
    other = Post.__table__.alias("other_post")
    post = Post.__table__
    clash = (select(post.c.id).join(other, and_(
        other.c.village_id == post.c.village_id, other.c.role == post.c.role, other.c.id != post.c.id,
        other.c.start_date >= post.c.start_date,
        or_(post.c.end_date.is_(None), other.c.start_date <= post.c.end_date))).limit(1))
    return conn.execute(clash).first() is None


__all__ = ["CHECKS", "QualityReport", "VACANT_HEAD_DAYS", "quality_report", "single_posts"]
