"""Monthly briefings (giao ban hằng tháng) of commune-level units.

A briefing is due every calendar month in which a commune-level unit exists on the 1st;
only months that have ended by the period's date count. The measure is months with a
briefing over months due, summed over the commune-level units of each child.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Date, and_, func, literal, select, union_all

from ..db import month_start, valid_on
from ..models import Briefing, Unit
from .view import View, by_group, frame, join_groups

BRIEFING_COLUMNS = ["months_due", "months_held"]


def months_table(months):
    """A subquery with one row per date in ``months`` (column ``month``)."""
    selects = [select(literal(m, Date).label("month")) for m in months]
    if len(selects) == 1:
        return selects[0].subquery("months")
    return union_all(*selects).subquery("months")


def briefing_regularity(conn: Connection, view: View) -> pd.DataFrame:
    """Months due and months with a briefing in ``view.period``, per child and total.

    Index: group_id. Columns: months_due, months_held. Both are 0 when the period has no
    complete month yet.
    """
    months = view.period.complete_months()
    if not months:
        return by_group(pd.DataFrame(columns=["group_id", *BRIEFING_COLUMNS]), view, BRIEFING_COLUMNS)
    month_rows = months_table(months)
    held = (
        select(Briefing.unit_id.label("unit_id"), month_start(Briefing.date).label("month"))
        .where(Briefing.date >= months[0], Briefing.date <= view.period.as_of)
        .group_by(Briefing.unit_id, month_start(Briefing.date))
        .subquery("held")
    )
    query = select(Unit.id).select_from(Unit).join(
        month_rows, valid_on(Unit.valid_from, Unit.valid_to, month_rows.c.month))
    query, group = join_groups(query, Unit.id, view)
    query = (
        query.outerjoin(held, and_(held.c.unit_id == Unit.id, held.c.month == month_rows.c.month))
        .where(Unit.level == "commune")
        .with_only_columns(group, func.count(), func.count(held.c.unit_id))
        .group_by(group)
    )
    scope = view.scope.clause(Unit.id)
    if scope is not None:
        query = query.where(scope)
    return by_group(frame(conn, query, ["group_id", *BRIEFING_COLUMNS]), view, BRIEFING_COLUMNS)

