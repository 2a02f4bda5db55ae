"""Unified positions (``/nhat-the-hoa``): the unit's children and total now and in the
previous period, coverage over time, and the village table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .. import structure
from ..indicators.unified_detail import (
    HISTORY_COLUMNS, VILLAGE_TABLE_COLUMNS, VILLAGE_TABLE_LIMIT, first_post_day, history_points,
    unified_by_child, unified_history, unified_total, village_table)
from .context import PageContext, Part, page_cached, previous_total_view


@dataclass(frozen=True)
class UnifiedChildren:
    """The unit's children and total (``unified_by_child``), and the total of the
    previous period on the same children (None when that period has no data)."""

    context: PageContext
    table: pd.DataFrame
    previous: dict | None


@dataclass(frozen=True)
class UnifiedHistory:
    """Coverage over time.

    monthly: ``unified_history`` on the month ends (columns day, villages, unified).
    milestones: one row per term that ended in the range, then the date asked for;
        columns: term (code, None for the last row), day, villages, unified.
    terms: (code, start, end) of the terms that meet the range, for the chart's bands.
    first_day: the first day of the range (None: no post on record).
    """

    context: PageContext
    monthly: pd.DataFrame
    milestones: pd.DataFrame
    terms: tuple
    first_day: date | None


@dataclass(frozen=True)
class UnifiedVillages:
    """The village table, or why it is not shown.

    table: ``village_table`` (empty when too many). too_many: the unit has more than
    ``limit`` villages; children (code, name, kind, level) are offered instead.
    """

    context: PageContext
    table: pd.DataFrame
    too_many: bool
    limit: int
    villages: int
    children: pd.DataFrame


class Unified(Part):
    """For callbacks/unified.py. Each takes the PageContext of a page whose unit was found
    (``context.view`` set)."""

    @page_cached
    def children(self, context: PageContext) -> UnifiedChildren:
        """Children and total of the unit, and the previous period's total on the same
        children (None when that period is before the records begin)."""
        view = context.view
        with self.engine.connect() as conn:
            table = unified_by_child(conn, view)
            previous = unified_total(conn, previous_total_view(context)) if context.previous.has_data else None
        return UnifiedChildren(context, table, previous)

    @page_cached
    def history(self, context: PageContext) -> UnifiedHistory:
        """Coverage at each month end from the first day with records (``data_from``, or
        the first post) to the date, at each term's end in that range, and on the date;
        one query (see ``unified_detail.unified_history``)."""
        as_of = context.period.as_of
        with self.engine.connect() as conn:
            first = self.core.data_from() or first_post_day(conn)
            if first is None or first > as_of:
                empty = pd.DataFrame({c: pd.Series(dtype="int64") for c in HISTORY_COLUMNS})
                return UnifiedHistory(context, empty, empty.assign(term=None), (), None)
            terms = tuple(t for t in structure.terms(conn) if t[2] >= first and t[1] <= as_of)
            months = history_points(first, as_of)
            ends = [end for _code, _start, end in terms if end < as_of]
            found = unified_history(conn, context.view, months + ends)
        monthly = found[found["day"].isin(months)].reset_index(drop=True)
        by_day = found.set_index("day")
        milestones = pd.DataFrame(
            [{"term": code, "day": end} for code, _start, end in terms if end < as_of]
            + [{"term": None, "day": as_of}])
        milestones["term"] = milestones["term"].astype(object).where(milestones["term"].notna(), None)
        milestones["villages"] = milestones["day"].map(by_day["villages"]).astype("int64")
        milestones["unified"] = milestones["day"].map(by_day["unified"]).astype("int64")
        return UnifiedHistory(context, monthly, milestones, terms, first)

    @page_cached
    def villages(self, context: PageContext, limit: int | None = None) -> UnifiedVillages:
        """The village table of the unit, unless it has more than ``limit`` villages
        (default ``VILLAGE_TABLE_LIMIT``); then its children instead."""
        limit = VILLAGE_TABLE_LIMIT if limit is None else limit
        view = context.view
        with self.engine.connect() as conn:
            villages = None
            if context.unit is not None and context.unit.level not in ("commune", "village"):
                # above a commune the count comes first (from the pre-aggregated tables at
                # a country's root: 10 ms, where listing the first villages took 260)
                villages = int(unified_total(conn, view)["villages"])
            if villages is not None and villages > limit:
                table, too_many = None, True
            else:
                table = village_table(conn, view, limit)
                too_many = len(table) > limit
                if villages is None:
                    villages = unified_total(conn, view)["villages"] if too_many else len(table)
            kids = structure.children(conn, view.unit_id, view.structure_date, view.kinds,
                                      view.unit_ids) if too_many else pd.DataFrame()
        if too_many:
            table = pd.DataFrame(columns=VILLAGE_TABLE_COLUMNS) if table is None else table.iloc[0:0]
        return UnifiedVillages(context, table, too_many, limit, int(villages), kids)
