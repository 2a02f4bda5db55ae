"""Community oversight (``/giam-sat``): board figures per child and total now and in the
previous period, activity by month and board kind, silent boards, the period's activities,
and a commune's own boards and briefings."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd

from .. import structure
from ..indicators import oversight_detail
from ..indicators.summary import board_activity, silent_boards, with_children, with_measures
from ..periods import last_complete_quarter
from .context import PageContext, Part, page_cached, previous_total_view, with_changes


@dataclass(frozen=True)
class OversightData:
    """What the oversight page shows (``Oversight.page``)."""

    context: PageContext
    summary: pd.DataFrame  # with_children(board_activity + silent_boards): children + total
    previous: pd.Series  # board_activity's total row for the previous period
    by_village: bool  # children are villages: per-child activity counts where it took place
    months: pd.DataFrame  # oversight_detail.activity_by_month: children rows and total rows
    silent_period: pd.DataFrame  # oversight_detail.board_list: no activity in the period
    silent_period_count: int
    silent_quarter: pd.DataFrame  # board_list: in office all of ``quarter``, no activity in it
    silent_quarter_count: int
    quarter: tuple[date, date]  # the last complete quarter before the period's date


@dataclass(frozen=True)
class OversightActivities:
    """The activity table (``Oversight.activities``)."""

    context: PageContext
    rows: pd.DataFrame | None  # oversight_detail.activity_list; None when too_large
    count: int  # activities in the period (before the row limit)
    villages: int  # villages under the unit on the structure date
    too_large: bool  # more than ``max_villages`` villages: no table, the children instead
    max_villages: int
    children: pd.DataFrame | None = None  # structure.children, when too_large


@dataclass(frozen=True)
class CommuneOversight:
    """A commune's boards and briefings (``Oversight.commune``)."""

    context: PageContext
    boards: pd.DataFrame  # oversight_detail.board_list over the period
    briefings: pd.DataFrame  # oversight_detail.briefing_months


class Oversight(Part):
    @page_cached
    def page(self, context: PageContext) -> OversightData:
        """The oversight page of the context's unit: board figures per child and total
        (now and, for the total, in the previous period on the same children), activity
        per child, board kind and month, and the boards silent in the period and in the
        last complete quarter. On a commune's page (children are villages) per-child
        activity counts where it took place (``oversight_detail``)."""
        view = context.view
        previous_view = previous_total_view(context)
        quarter = last_complete_quarter(view.as_of)
        (rows, activity, silent, previous, months, (silent_period, silent_period_count),
         (silent_quarter, silent_quarter_count)) = self.core.gather([
            partial(with_children, view=view, measures=[]),
            partial(board_activity, view=view),
            partial(silent_boards, view=view),
            partial(board_activity, view=previous_view),
            partial(oversight_detail.activity_by_month, view=view),
            partial(oversight_detail.board_list, view=view, start=view.period.start, end=view.as_of,
                    silent=True, limit=oversight_detail.SILENT_ROWS),
            partial(oversight_detail.board_list, view=view, start=quarter[0], end=quarter[1], silent=True,
                    whole_window=True, limit=oversight_detail.SILENT_ROWS),
        ], view)
        table = with_measures(rows, [activity, silent])
        previous = previous.loc[view.unit_id]
        children = table[~table["is_total"]]
        by_village = bool(len(children)) and bool((children["level"] == "village").all())
        if by_village:
            with self.engine.connect() as conn:
                places = oversight_detail.activity_by_month(conn, view, by_village=True)
            months = pd.concat([places[places["group_id"] != view.unit_id],
                                months[months["group_id"] == view.unit_id]], ignore_index=True)
        if not context.previous.has_data:
            previous = previous * 0  # before the records begin: nothing to compare with
        return OversightData(context, table, previous, by_village, months, silent_period,
                             silent_period_count, silent_quarter, silent_quarter_count, quarter)

    @page_cached
    def activities(self, context: PageContext) -> OversightActivities:
        """The activities of the period under the context's unit, most recent first: at
        most ``ACTIVITY_ROWS``, and none when the unit has more than
        ``ACTIVITY_TABLE_MAX_VILLAGES`` villages (``too_large``)."""
        view = context.view
        with self.engine.connect() as conn:
            villages = structure.count_descendants(conn, view.unit_id, view.structure_date, "village")
            limit = oversight_detail.ACTIVITY_TABLE_MAX_VILLAGES
            if villages > limit:
                kids = structure.children(conn, view.unit_id, view.structure_date, view.kinds, view.unit_ids)
                return OversightActivities(context, None, 0, villages, True, limit, kids)
            rows, count = oversight_detail.activity_list(conn, view, oversight_detail.ACTIVITY_ROWS)
        return OversightActivities(context, rows, count, villages, False, limit)

    @page_cached
    def commune(self, context: PageContext) -> CommuneOversight | None:
        """A commune-level unit's boards (term meeting the period, with their activities
        in it) and its briefings month by month; None when the unit's children are not
        villages (or it has none). Child filters do not apply: this is the unit's own."""
        view = with_changes(context.view, kinds=(), unit_ids=())
        with self.engine.connect() as conn:
            kids = structure.children(conn, view.unit_id, view.structure_date)
            if kids.empty or not bool((kids["level"] == "village").all()):
                return None
            boards, _count = oversight_detail.board_list(conn, view, view.period.start, view.as_of)
            briefings = oversight_detail.briefing_months(conn, view)
        return CommuneOversight(context, boards, briefings)
