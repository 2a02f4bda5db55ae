"""Unified positions in detail, for the page /nhat-the-hoa: by child, over time, by village.

The definitions are those of ``indicators.unified``: a village is unified on a date when
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

import numpy as np
import pandas as pd
from sqlalchemy import Connection, String, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from ..db import valid_on
from ..models import Person, Post, Term, Unit, UnitMembership
from ..periods import add_months, month_end
from ..text import vi_sort_key
from .summary import with_children
from .unified import UNIFIED_COLUMNS, unified_coverage
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


def _later(a, b):
    """The later of two dates (neither NULL)."""
    return case((a >= b, a), else_=b)


def _earlier_end(a, b):
    """The earlier of two end dates, NULL meaning open (so NULL only when both are)."""
    return case((a.is_(None), b), (b.is_(None), a), (a <= b, a), else_=b)


def unit_villages(view: View):
    """CTE: the villages under the view's total row on its structure date, within the
    scope (columns id, valid_from, valid_to), whatever their validity."""
    query = select(Unit.id).select_from(Unit)
    query = _in_unit(query, Unit.id, view).where(Unit.level == "village")
    return query.with_only_columns(Unit.id.label("id"), Unit.valid_from.label("valid_from"),
                                   Unit.valid_to.label("valid_to")).cte("unit_villages")


def unified_spans(villages):
    """CTE: the intervals [lo, hi] during which one person holds both posts of one of
    ``villages`` (hi NULL: still holds them), cut to the village's own validity.

    villages: a selectable with columns id, valid_from, valid_to. Columns: village_id,
    lo, hi; one row per pair of a secretary post and a head post of the same person in
    the same village that overlap.
    """
    secretary = aliased(Post, name="s_post")
    head = aliased(Post, name="h_post")
    lo = _later(_later(secretary.start_date, head.start_date), villages.c.valid_from)
    hi = _earlier_end(_earlier_end(secretary.end_date, head.end_date), villages.c.valid_to)
    return (
        select(secretary.village_id.label("village_id"), lo.label("lo"), hi.label("hi"))
        .select_from(villages)
        .join(secretary, and_(secretary.village_id == villages.c.id, secretary.role == "secretary"))
        .join(head, and_(head.village_id == secretary.village_id,
                         head.person_id == secretary.person_id, head.role == "head"))
        .where(or_(hi.is_(None), lo <= hi))
        .cte("unified_spans")
    )


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
    that day (the same rule as ``unified_coverage`` on that date).

    One SQL query whatever the number of points: it returns, per day, how many villages
    and unified spans begin and end, and the counts on each point are running sums of
    those (a span counts on ``p`` when ``lo <= p <= hi``). The result has at most four
    rows per day on which something began or ended, however many villages there are.

    Columns: day (a ``date``, the points in ascending order), villages, unified.
    """
    points = sorted(set(points))
    if not points:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in HISTORY_COLUMNS})
    if history_state_applies(conn, view, points):
        return history_from_state(conn, view, points)
    as_of = max(points)
    villages = unit_villages(view)
    spans = unified_spans(villages)

    def events(kind: str, day_column, condition):
        return (select(literal(kind, String).label("kind"), day_column.label("day"), func.count().label("n"))
                .where(condition).group_by(day_column))

    query = union_all(
        events("village+", villages.c.valid_from, villages.c.valid_from <= as_of),
        events("village-", villages.c.valid_to, villages.c.valid_to < as_of),
        events("unified+", spans.c.lo, spans.c.lo <= as_of),
        events("unified-", spans.c.hi, spans.c.hi < as_of),
    )
    found = pd.DataFrame(conn.execute(query).all(), columns=["kind", "day", "n"])
    found["day"] = pd.to_datetime(found["day"].astype(str).str[:10])
    at = pd.to_datetime(pd.Series(points)).to_numpy()

    def running(kind: str, side: str) -> np.ndarray:
        """How many events of ``kind`` fall on or before (side right) or strictly
        before (side left) each point."""
        part = found[found["kind"] == kind].groupby("day")["n"].sum().sort_index()
        if part.empty:
            return np.zeros(len(at), dtype="int64")
        totals = np.concatenate([[0], part.to_numpy().cumsum()])
        return totals[np.searchsorted(part.index.to_numpy(), at, side=side)]

    villages_on = running("village+", "right") - running("village-", "left")
    unified_on = running("unified+", "right") - running("unified-", "left")
    return pd.DataFrame({"day": points, "villages": villages_on.astype("int64"),
                         "unified": unified_on.astype("int64")})


def history_state_applies(conn: Connection, view: View, points: Sequence[date]) -> bool:
    """Whether ``unified_state`` gives ``unified_history`` exactly: the state tables apply
    to the view's total (``unified.preagg_applies``: scope, no village, built for this
    data), nothing rolls up to the total's units differently on any date from the first
    point to the last point or the structure date (``structure.rollup_unchanged``), and no
    village ever had two posts of one role on one day (meta ``SINGLE_POSTS_KEY``: then
    the table's ``villages``, rows of the secretary-head join, are villages)."""
    from .. import preagg
    from ..db import meta_value
    from ..structure import rollup_unchanged
    from .unified import preagg_applies

    total = replace(view, total_only=True)
    if not preagg_applies(conn, total) or meta_value(conn, preagg.SINGLE_POSTS_KEY) != "1":
        return False
    last = max(max(points), total.structure_date)
    return rollup_unchanged(conn, total.targets(), min(points), last)


def history_from_state(conn: Connection, view: View, points: Sequence[date]) -> pd.DataFrame:
    """``unified_history`` from ``unified_state``: on each point, the sum over the total's
    units of the segment that holds it (the few thousand segments of a country's root
    read once, instead of every village's posts)."""
    from ..models import UnifiedState

    state = UnifiedState.__table__
    targets = replace(view, total_only=True).targets()
    rows = pd.DataFrame(conn.execute(
        select(state.c.ancestor_id, state.c.valid_from, state.c.valid_to, state.c.villages, state.c.unified)
        .join(targets, targets.c.ancestor_id == state.c.ancestor_id)
        .order_by(state.c.ancestor_id, state.c.valid_from)).all(),
        columns=["ancestor_id", "valid_from", "valid_to", "villages", "unified"])
    at = np.array([np.datetime64(p, "D") for p in points])
    villages = np.zeros(len(points), dtype="int64")
    unified = np.zeros(len(points), dtype="int64")
    for _ancestor, part in rows.groupby("ancestor_id", sort=False):
        starts = np.array([str(d)[:10] for d in part["valid_from"]], dtype="datetime64[D]")
        ends = np.array([str(d)[:10] for d in part["valid_to"]], dtype="datetime64[D]")
        index = np.searchsorted(starts, at, side="right") - 1  # the segment begun last on or before
        held = (index >= 0) & (ends[np.maximum(index, 0)] >= at)
        villages += np.where(held, part["villages"].to_numpy()[np.maximum(index, 0)], 0)
        unified += np.where(held, part["unified"].to_numpy()[np.maximum(index, 0)], 0)
    return pd.DataFrame({"day": list(points), "villages": villages, "unified": unified})


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
