"""The overview and unit page (``/``, ``/don-vi/<code>``): every headline indicator of a
unit's children and total, the previous period's total, the attention list and the date
of each child's latest record."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd

from ..attention import attention_rows
from ..definitions import stale_since
from ..indicators.freshness import SOURCES, combine_last_records, last_records
from ..indicators.summary import HEADLINE_MEASURES, MEASURES, summary, with_children, with_measures
from ..indicators.view import View
from .context import PageContext, Part, previous_total_view, with_changes


@dataclass(frozen=True)
class OverviewData:
    """The overview of a unit: its children's indicators now and in the previous period."""

    context: PageContext
    summary: pd.DataFrame  # indicators.summary: children rows + total row
    previous: pd.DataFrame  # the total row for the previous period, on the same children
    attention: list[dict]
    last_records: dict = None  # unit id (children and the unit) -> latest record date or None
    notes: list = ()  # notes on the unit and its children in the period (``Notes.for_units``)
    may_write_note: bool = False


class Overview(Part):
    def summary(self, view: View) -> pd.DataFrame:
        """Every headline indicator per child and total (``indicators.summary``)."""
        with self.engine.connect() as conn:
            return summary(conn, view)

    def freshness_applies(self, as_of: date) -> bool:
        """Whether "records stopped" can be judged on ``as_of``: the records (meta
        ``data_from``) began at least ``STALE_MONTHS`` months before it."""
        data_from = self.core.data_from()
        return data_from is None or stale_since(as_of) >= data_from

    def last_records(self, view: View) -> dict:
        """Unit id (each child and the unit) -> the date of its latest record up to the
        view's date, or None (``indicators.freshness.last_records``)."""
        with self.engine.connect() as conn:
            latest = last_records(conn, view)["last_record"]
        return {int(k): v for k, v in latest.items()}

    def page(self, context: PageContext) -> OverviewData:
        """Cached (``Part._page_cached``); see ``_page``. Notes are read fresh for each
        request: they change without an import and what the user may do with them is the
        user's own, not the scope's."""
        data = self._page_cached("Overview.page", context, lambda: self._page(context))
        notes = self.core.notes.for_units(data.summary["unit_id"].tolist(), context.view.period)
        return with_changes(data, notes=notes, may_write_note=self.core.notes.may_write(context))

    def _page(self, context: PageContext) -> OverviewData:
        """Children's indicators for the context's period, and the same for the previous
        period on the same children (same structure date), for the change shown."""
        view = context.view
        previous_view = previous_total_view(context)
        measures = [partial(MEASURES[name], view=view) for name in MEASURES]
        previous_measures = [partial(MEASURES[name], view=previous_view) for name in HEADLINE_MEASURES]
        latest_tasks = [partial(last_records, view=view, sources=(source,)) for source in SOURCES]
        found = self.core.gather([*measures, *previous_measures, *latest_tasks,
                                  partial(with_children, view=view, measures=[]),
                                  partial(with_children, view=previous_view, measures=[])], view)
        blocks = found[:len(measures)]
        previous_blocks = found[len(measures):len(measures) + len(previous_measures)]
        latest = combine_last_records(found[-2 - len(SOURCES):-2])["last_record"]
        current = with_measures(found[-2], blocks)
        previous = with_measures(found[-1], previous_blocks)
        previous = previous[previous["is_total"]].reset_index(drop=True)  # the total alone was computed
        if not context.previous.has_data:
            # before the records begin there is nothing to compare with, not zeros
            numeric = previous.select_dtypes("number").columns.drop("unit_id")
            previous[numeric] = 0
        last = {int(uid): latest.get(int(uid)) for uid in current["unit_id"]}
        if not self.freshness_applies(view.as_of):
            last = None  # the records began less than three months before: nothing can have stopped
        return OverviewData(context, current, previous, attention_rows(current, last, view.as_of), last)
