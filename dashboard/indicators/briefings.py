"""Monthly briefings (giao ban hằng tháng) of commune-level units.

A briefing is due every calendar month in which a commune-level unit exists on the 1st;
only months that have ended by the period's date count. The measure is months with a
briefing over months due, summed over the commune-level units of each child.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Date, case, func, literal, select, union_all

from ..db import valid_on
from ..models import Briefing, Unit
from .view import View, by_group, frame, join_groups

BRIEFING_COLUMNS = ["months_due", "months_held"]


def months_table(months):
    """A subquery with one row per date in ``months`` (columns ``month`` and ``next``,
    the first day of the following month)."""
    from ..periods import add_months

    selects = [select(literal(m, Date).label("month"), literal(add_months(m, 1), Date).label("next"))
               for m in months]
    if len(selects) == 1:
        return selects[0].subquery("months")
    return union_all(*selects).subquery("months")


def briefing_regularity(conn: Connection, view: View) -> pd.DataFrame:
    """Months due and months with a briefing in ``view.period``, per child and total.

    Index: group_id. Columns: months_due, months_held. Both are 0 when the period has no
    complete month yet. When ``flow_applies``, read from ``briefing_flow``.
    """
    months = view.period.complete_months()
    if not months:
        return by_group(pd.DataFrame(columns=["group_id", *BRIEFING_COLUMNS]), view, BRIEFING_COLUMNS)
    if flow_applies(conn, view):
        from ..models import BriefingFlow
        from .flows import flow_sums

        sums = flow_sums(view, BriefingFlow.__table__, "month", months[0], months[-1], ["due", "held"])
        return by_group(frame(conn, select(sums), ["group_id", *BRIEFING_COLUMNS]), view, BRIEFING_COLUMNS)
    month_rows = months_table(months)
    held = (
        select(Briefing.id)
        .where(Briefing.unit_id == Unit.id, Briefing.date >= month_rows.c.month,
               Briefing.date < month_rows.c.next, Briefing.date <= view.period.as_of)
        .exists()
    )
    query = select(Unit.id).select_from(Unit).join(
        month_rows, valid_on(Unit.valid_from, Unit.valid_to, month_rows.c.month))
    query, group = join_groups(query, Unit.id, view)
    query = (
        query.where(Unit.level == "commune")
        .with_only_columns(group, func.count(), func.sum(case((held, 1), else_=0)))
        .group_by(group)
    )
    scope = view.scope.clause(Unit.id)
    if scope is not None:
        query = query.where(scope)
    return by_group(frame(conn, query, ["group_id", *BRIEFING_COLUMNS]), view, BRIEFING_COLUMNS)



def flow_applies(conn: Connection, view: View) -> bool:
    """Whether ``briefing_flow`` gives ``briefing_regularity`` for ``view`` exactly: the
    flow tables answer the view (``flows.flow_meta``) and the period's complete months
    (consecutive) lie in the table's range of months."""
    from datetime import date

    from ..preagg import BRIEFING_MONTHS_KEY
    from .flows import flow_meta

    months = view.period.complete_months()
    meta = flow_meta(conn, view)
    if not months or meta is None or not meta.get(BRIEFING_MONTHS_KEY):
        return False
    first, last = (date.fromisoformat(d) for d in meta[BRIEFING_MONTHS_KEY].split("/"))
    return first <= months[0] and months[-1] <= last
