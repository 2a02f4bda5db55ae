"""Unified positions (nhất thể hóa): the party cell secretary is also the village head.

A village counts as unified on a date when the same person holds both posts there on that
date. Its holder is first-time (lần đầu) when either post is held for the first time,
otherwise re-elected (tái cử). A post with no holder on the date is vacant.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, and_, case, func, select
from sqlalchemy.orm import aliased

from ..db import valid_on
from ..models import Post, Unit
from .view import View, by_group, frame, join_groups

UNIFIED_COLUMNS = [
    "villages", "unified", "first_time", "secretary_vacant", "head_vacant",
]


def _post_on(role: str, day):
    post = aliased(Post, name=f"p_{role}")
    return post, and_(post.role == role, valid_on(post.start_date, post.end_date, day))


def unified_coverage(conn: Connection, view: View) -> pd.DataFrame:
    """Unified coverage on ``view.as_of`` for each child and the total.

    Index: group_id (child unit id; the total has ``view.unit_id``). Columns:
    villages (valid on the date), unified, first_time (unified holders on their first
    term in either post), secretary_vacant, head_vacant (villages without a holder).
    Villages that did not exist on the date are not counted; a child with no villages has
    zeros (the caller shows "no data" for a zero denominator).
    """
    day = view.as_of
    if preagg_applies(conn, view):
        return _from_unified_state(conn, view)
    secretary, secretary_on = _post_on("secretary", day)
    head, head_on = _post_on("head", day)
    same_person = and_(secretary.person_id.isnot(None), secretary.person_id == head.person_id)
    query = select(Unit.id).select_from(Unit)
    query, group = join_groups(query, Unit.id, view)
    query = (
        query.outerjoin(secretary, and_(secretary.village_id == Unit.id, secretary_on))
        .outerjoin(head, and_(head.village_id == Unit.id, head_on))
        .where(Unit.level == "village", valid_on(Unit.valid_from, Unit.valid_to, day))
        .with_only_columns(
            group,
            func.count(Unit.id),
            func.sum(case((same_person, 1), else_=0)),
            func.sum(case((and_(same_person, (secretary.first_time | head.first_time)), 1), else_=0)),
            func.sum(case((secretary.id.is_(None), 1), else_=0)),
            func.sum(case((head.id.is_(None), 1), else_=0)),
        )
        .group_by(group)
    )
    scope = view.scope.clause(Unit.id)
    if scope is not None:
        query = query.where(scope)
    result = frame(conn, query, ["group_id", *UNIFIED_COLUMNS])
    return by_group(result, view, UNIFIED_COLUMNS)


def preagg_applies(conn: Connection, view: View) -> bool:
    """Whether the state tables of ``dashboard.preagg`` (``unified_state``,
    ``training_state``) give the exact figures of ``view``: the scope is everything, no
    output row is a village, the tables were built for the data now there, and the
    output rows gather the same units on the date of the figures as on the structure
    date (the tables hold what rolls up on the figures' own date).

    The last holds when the two dates are the same, and otherwise when no roll-up row
    to an output row's units begins or ends between them
    (``structure.rollup_unchanged``): then every unit rolls up to each of them on one
    date exactly when it does on the other. That answers the previous period compared
    on today's children, and today's structure, at a unit whose composition did not
    change in between (the country, a province with no merger) from the tables too."""
    from .. import preagg
    from ..structure import rollup_unchanged

    if not view.scope.is_everything:
        return False
    targets = view.targets()
    villages = conn.execute(
        select(Unit.id).join(targets, targets.c.ancestor_id == Unit.id).where(Unit.level == "village").limit(1)
    ).first()
    if villages is not None or not preagg.usable(conn):
        return False
    return view.structure_date == view.as_of or rollup_unchanged(
        conn, targets, view.as_of, view.structure_date)


def _from_unified_state(conn: Connection, view: View) -> pd.DataFrame:
    """``unified_coverage`` read from ``unified_state``."""
    from ..models import UnifiedState

    return from_state_table(conn, view, UnifiedState.__table__, UNIFIED_COLUMNS)


def from_state_table(conn: Connection, view: View, state, columns: list[str]) -> pd.DataFrame:
    """``columns`` of a ``dashboard.preagg`` state table on ``view.as_of``: per output
    row, the sum over its ancestors of the segment that holds the date (one indexed
    lookup per ancestor)."""
    day = view.as_of
    targets = view.targets()
    inner = state.alias("state_before")
    latest = (select(func.max(inner.c.valid_from))
              .where(inner.c.ancestor_id == targets.c.ancestor_id, inner.c.valid_from <= day)
              .correlate(targets).scalar_subquery())
    query = (
        select(targets.c.group_id, *(func.sum(state.c[m]) for m in columns))
        .select_from(targets)
        .join(state, and_(state.c.ancestor_id == targets.c.ancestor_id, state.c.valid_from == latest))
        .where(state.c.valid_to >= day)
        .group_by(targets.c.group_id)
    )
    result = frame(conn, query, ["group_id", *columns])
    return by_group(result, view, columns)
