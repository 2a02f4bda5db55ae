"""Training (``/boi-duong``): status and flows per child now and in the previous period,
the courses of the period, topic coverage and the cadres not yet trained."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd

from .. import structure
from ..indicators import training_detail
from ..indicators.summary import UNIT_COLUMNS, training_flow, training_status, with_children, with_measures
from .context import PageContext, Part, page_cached, previous_total_view


@dataclass(frozen=True)
class TrainingSummary:
    """The training page's figures per child: ``training_status`` + ``training_flow``
    columns (the registry's measures, ``indicators.summary``) with the unit columns of
    ``indicators.summary.with_children``, now (children and total) and in the previous
    period (the total row alone)."""

    context: PageContext
    current: pd.DataFrame
    previous: pd.DataFrame


@dataclass(frozen=True)
class TrainingCourses:
    """``training_detail.course_list`` (at most ``COURSE_LIMIT`` rows) and the total."""

    context: PageContext
    courses: pd.DataFrame
    total: int
    reviews: tuple = ()  # the sơ kết, tổng kết held in the period (drawn on the timeline)


@dataclass(frozen=True)
class TrainingCoverage:
    """Topic coverage: ``units`` (children + total row, columns of ``UNIT_COLUMNS``),
    ``topics`` (``training_detail.topic_list``), ``coverage`` (``topic_coverage``) and
    how many topics the list has in all."""

    context: PageContext
    units: pd.DataFrame
    topics: pd.DataFrame
    coverage: pd.DataFrame
    topic_total: int


@dataclass(frozen=True)
class UntrainedCadres:
    """Cadres in post not yet trained. ``rows`` is ``training_detail.untrained_cadres``
    (at most ``limit``), or None when the unit has more than ``max_villages`` villages."""

    context: PageContext
    rows: pd.DataFrame | None
    count: int
    first_time_count: int
    villages: int
    listed: bool
    limit: int
    max_villages: int


class Training(Part):
    @page_cached
    def summary(self, context: PageContext) -> TrainingSummary:
        """Training status and flows per child and total, now and in the previous period
        (on the same children), for the KPIs and the by-child charts and table."""
        view = context.view
        previous_view = previous_total_view(context)
        rows, status, flow, previous_rows, previous_status, previous_flow = self.core.gather([
            partial(with_children, view=view, measures=[]), partial(training_status, view=view),
            partial(training_flow, view=view), partial(with_children, view=previous_view, measures=[]),
            partial(training_status, view=previous_view), partial(training_flow, view=previous_view)], view)
        current = with_measures(rows, [status, flow])
        previous = with_measures(previous_rows, [previous_status, previous_flow])
        previous = previous[previous["is_total"]].reset_index(drop=True)  # the total alone was computed
        if not context.previous.has_data:
            numeric = previous.select_dtypes("number").columns.drop("unit_id")
            previous[numeric] = 0
        return TrainingSummary(context, current, previous)

    @page_cached
    def courses(self, context: PageContext) -> TrainingCourses:
        """The courses of the period that concern the unit (capped) and how many there are."""
        view = context.view
        if context.unit is not None and context.unit.level not in ("commune", "village"):
            # above a commune the list is nearly always full: count side by side with it
            courses, counted = self.core.gather([partial(training_detail.course_list, view=view),
                                                 partial(training_detail.course_count, view=view)], view)
        else:
            with self.engine.connect() as conn:
                courses = training_detail.course_list(conn, view)
                counted = (None if len(courses) < training_detail.COURSE_LIMIT
                           else training_detail.course_count(conn, view))
        total = len(courses) if len(courses) < training_detail.COURSE_LIMIT else counted
        period = context.period
        reviews = tuple(r for r in self.core.reports.reviews(until=period.as_of) if r["date"] >= period.start)
        return TrainingCourses(context, courses, total, reviews)

    @page_cached
    def coverage(self, context: PageContext) -> TrainingCoverage:
        """Children (and total) x topics: cadres in post and how many covered each topic."""
        view = context.view
        with self.engine.connect() as conn:
            topics = training_detail.topic_list(conn)
            all_topics = training_detail.topic_count(conn)
            coverage = training_detail.topic_coverage(conn, view, topics["topic_id"].tolist())
            units = with_children(conn, view, [])[UNIT_COLUMNS]
        return TrainingCoverage(context, units, topics, coverage, all_topics)

    @page_cached
    def untrained(self, context: PageContext) -> UntrainedCadres:
        """The cadres in post not yet trained: how many, and the list when the unit is small
        enough to list (at most ``UNTRAINED_MAX_VILLAGES`` villages)."""
        view = context.view
        with self.engine.connect() as conn:
            status = training_status(conn, view).loc[view.unit_id]
            villages = structure.count_descendants(conn, view.unit_id, view.structure_date, "village")
            listed = villages <= training_detail.UNTRAINED_MAX_VILLAGES
            rows = training_detail.untrained_cadres(conn, view) if listed else None
        return UntrainedCadres(context, rows, int(status["cadres"] - status["trained"]),
                               int(status["first_time_untrained"]), villages, listed,
                               training_detail.UNTRAINED_LIMIT, training_detail.UNTRAINED_MAX_VILLAGES)
