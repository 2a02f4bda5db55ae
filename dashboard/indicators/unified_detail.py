"""Unified positions in detail, for the page /nhat-the-hoa: by child, over time, by village.

The definitions are those of the registry (``definitions.MEASURES``): a village is unified on a date when
the same person holds the posts of party cell secretary and village head there on that
date; the holder is first-time when either post is held for the first time, otherwise
re-elected; a post with no holder on the date is vacant. Only villages valid on the date
count.

Every function takes the ``View`` (unit, period, structure, scope, child filters) and
aggregates in SQL. "The unit" below means the view's total row: the unit itself, or the
children kept by the kind/unit filters.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Sequence

import pandas as pd
from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from ..db import valid_on
from ..models import Person, Post, Term, Unit, UnitMembership
from ..periods import add_months, month_end
from ..text import vi_sort_key
from .engine import series
from .summary import UNIFIED_COLUMNS, unified_coverage, with_children
from .view import View, join_groups

# Children of a unit, with what the three charts by child need.
UNIFIED_CHILD_COLUMNS = UNIFIED_COLUMNS + ["not_unified", "reelected", "vacant"]
HISTORY_COLUMNS = ["day", "villages", "unified"]
# At most this many month ends in the history (ten years).
HISTORY_MONTHS = 120
VILLAGE_TABLE_COLUMNS = [
    "village_id", "code", "name", "kind", "commune_code", "commune_name", "commune_kind",
    "secretary", "head", "unified", "first_time", "term",
]


# --- by child ------------------------------------------------------------------------------


def unified_by_child(conn: Connection, view: View) -> pd.DataFrame:
    """One row per child of the unit (Vietnamese name order) and a last total row.

    Columns: unit_id, code, name, kind, level, is_total, then villages, unified,
    first_time, secretary_vacant, head_vacant (as ``unified_coverage``) and
    not_unified = villages - unified, reelected = unified - first_time (unified holders
    not on their first term in either post), vacant = secretary_vacant + head_vacant.
    A child without villages on the date has zeros everywhere.
    """
    table = with_children(conn, view, [unified_coverage(conn, view)])
    table["not_unified"] = table["villages"] - table["unified"]
    table["reelected"] = table["unified"] - table["first_time"]
    table["vacant"] = table["secretary_vacant"] + table["head_vacant"]
    return table


def unified_total(conn: Connection, view: View) -> dict:
    """The unit's totals on ``view.as_of``: villages, unified, first_time,
    secretary_vacant, head_vacant (ints; zeros when it has no village)."""
    row = unified_coverage(conn, view).loc[view.unit_id]
    return {column: int(row[column]) for column in UNIFIED_COLUMNS}


# --- over time ------------------------------------------------------------------------------


def _in_unit(query, unit_column, view: View):
    """``query`` restricted to records under the view's total row (and the scope)."""
    view = replace(view, total_only=True)  # only the unit's own row is read: no per-child groups
    query, group = join_groups(query, unit_column, view)
    query = query.where(group == view.unit_id)
    scope = view.scope.clause(unit_column)
    return query.where(scope) if scope is not None else query


def unified_history(conn: Connection, view: View, points: Sequence[date]) -> pd.DataFrame:
    """Villages and unified villages of the unit on each date of ``points``.

    The villages are those that belong to the unit on the view's structure date (as it
    was on ``view.as_of``, or today's units with ``structure="current"``), followed back
    in time: on today's structure a ward's history includes the communes it was formed
    from. Each point counts the villages valid that day and, among them, those unified
    that day (the measures ``villages`` and ``unified`` on that date: ``engine.series``).

    Columns: day (a ``date``, the points in ascending order), villages, unified.
    """
    return series(conn, view, ["villages", "unified"], points)


def history_points(first_day: date, as_of: date, months: int = HISTORY_MONTHS) -> list[date]:
    """The ends of the calendar months from ``first_day``'s month to the month before
    ``as_of``'s, then ``as_of`` itself; only the last ``months`` month ends."""
    points = []
    cursor = month_end(first_day)
    while cursor < as_of:
        points.append(cursor)
        cursor = month_end(add_months(cursor.replace(day=1), 1))
    return points[-months:] + [as_of]


def first_post_day(conn: Connection) -> date | None:
    """The start of the earliest post on record (None when there are none)."""
    value = conn.execute(select(func.min(Post.start_date))).scalar()
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# --- by village ----------------------------------------------------------------------------


def village_table(conn: Connection, view: View, limit: int) -> pd.DataFrame:
    """The villages of the unit valid on ``view.as_of`` with their holders that day, at
    most ``limit + 1`` rows (so that the caller can tell "more than ``limit``").

    Columns: village_id, code, name, kind; commune_code, commune_name, commune_kind (the
    village's parent on the structure date); secretary, head (holders' full names, None
    when vacant); unified (bool); first_time (nullable boolean: the unified holder is
    first-time; <NA> when the village is not unified); term (code of the secretary's term, else the head's; None if neither has
    one). Sorted by commune then village name (Vietnamese order).
    """
    day = view.as_of
    structure_day = view.structure_date
    secretary = aliased(Post, name="v_secretary")
    head = aliased(Post, name="v_head")
    secretary_person = aliased(Person, name="v_secretary_person")
    head_person = aliased(Person, name="v_head_person")
    commune = aliased(Unit, name="v_commune")
    same = and_(secretary.person_id.isnot(None), secretary.person_id == head.person_id)
    query = select(Unit.id).select_from(Unit)
    query = _in_unit(query, Unit.id, view)
    query = (
        query.outerjoin(UnitMembership, and_(
            UnitMembership.child_id == Unit.id,
            valid_on(UnitMembership.valid_from, UnitMembership.valid_to, structure_day)))
        .outerjoin(commune, commune.id == UnitMembership.parent_id)
        .outerjoin(secretary, and_(secretary.village_id == Unit.id, secretary.role == "secretary",
                                   valid_on(secretary.start_date, secretary.end_date, day)))
        .outerjoin(head, and_(head.village_id == Unit.id, head.role == "head",
                              valid_on(head.start_date, head.end_date, day)))
        .outerjoin(secretary_person, secretary_person.id == secretary.person_id)
        .outerjoin(head_person, head_person.id == head.person_id)
        .outerjoin(Term, Term.id == func.coalesce(secretary.term_id, head.term_id))
        .where(Unit.level == "village", valid_on(Unit.valid_from, Unit.valid_to, day))
        .with_only_columns(
            Unit.id, Unit.code, Unit.name, Unit.kind, commune.code, commune.name, commune.kind,
            secretary_person.full_name, head_person.full_name,
            case((same, 1), else_=0),
            case((same, case((or_(secretary.first_time, head.first_time), 1), else_=0)), else_=None),
            Term.code,
        )
        .order_by(Unit.id)
        .limit(limit + 1)
    )
    rows = conn.execute(query).all()
    table = pd.DataFrame(rows, columns=VILLAGE_TABLE_COLUMNS)
    if table.empty:
        return table
    for column in ("commune_code", "commune_name", "commune_kind", "secretary", "head", "term"):
        # pandas would read a missing name as NaN (which is truthy): keep None
        table[column] = table[column].astype(object).where(table[column].notna(), None)
    table["unified"] = table["unified"].astype(bool)
    table["first_time"] = table["first_time"].astype("boolean")
    keys = table["commune_name"].map(vi_sort_key), table["name"].map(vi_sort_key)
    table["_c"], table["_v"] = keys
    return table.sort_values(["_c", "_v", "code"]).drop(columns=["_c", "_v"]).reset_index(drop=True)


# A village table longer than this is not sent to the browser: the page offers the
# children instead. A row is about 330 bytes of JSON: 400 rows keep the response near 135 KB.
VILLAGE_TABLE_LIMIT = 400
