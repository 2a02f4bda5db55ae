"""The course flow tables (``course_flow``, ``learner_flow`` of ``dashboard.preagg``)
give exactly what the raw query of ``training_flow`` gives, and with ``activity_flow`` the
latest participation and board activity of ``freshness.last_records``.

Hand-counted rows on the tiny town of tests/factory.py (and a province above it for two
years, so that roll-up rows begin and end), then equality with the raw queries over many
dates, period kinds, both structures, child filters, total-only views compared on a
later date's children, a commune page and a restricted scope (which read the raw query),
on the tiny town and the demo, on SQLite and PostgreSQL.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import select

from dashboard import preagg, structure
from dashboard.indicators import View, freshness, training
from dashboard.models import CourseFlow, LearnerFlow
from dashboard.periods import make_period
from dashboard.scope import Scope

from .factory import build_tiny_town, put_a_province_above_the_town

TODAY = date(2022, 1, 1)
D0 = date(2000, 1, 1)
DAYS = [date(2015, 1, 10), date(2015, 1, 9), date(2018, 11, 3), date(2018, 11, 4), date(2018, 12, 31),
        date(2019, 2, 1), date(2019, 6, 30), date(2020, 12, 31), date(2021, 1, 1), TODAY]


@contextmanager
def flows_off():
    saved = training.flow_applies, freshness.flow_applies
    training.flow_applies = freshness.flow_applies = lambda _conn, _view: False
    try:
        yield
    finally:
        training.flow_applies, freshness.flow_applies = saved


def agree(conn, view) -> int:
    """training_flow and the latest participations equal the raw queries' (values and
    types); returns whether the tables were read."""
    got = training.training_flow(conn, view).sort_index()
    latest = freshness.last_records(conn, view).sort_index()
    with flows_off():
        raw = training.training_flow(conn, view).sort_index()
        raw_latest = freshness.last_records(conn, view).sort_index()
    assert got.equals(raw), (view, got, raw)
    assert latest.equals(raw_latest), (view, latest, raw_latest)
    return int(training.flow_applies(conn, view))


def rows(conn, model, ancestor):
    table = model.__table__
    columns = [c for c in table.c if c.name != "ancestor_id"]
    return [tuple(r) for r in conn.execute(select(*columns).where(table.c.ancestor_id == ancestor)
                                           .order_by(*columns))]


@pytest.fixture
def town(engine):
    ids = build_tiny_town(engine)
    with engine.begin() as conn:
        built = preagg.rebuild(conn)
    # briefings: A on the 5th of 11 months and 25/06/2018, B on the 10th of 6 months: 18 days
    assert (built["course_flow"], built["learner_flow"], built["briefing_day"]) == (3, 5, 18)
    return engine, ids


def test_course_flow_rows_counted_by_hand(town):
    """Ancestors above the commune level: the town T alone. K1 (ended 04/11/2018): p1 4
    days completed, p2 2 of 4 days, p4 4 days completed; K2 (01/02/2019): p5 1 day
    completed; K3 (10/01/2015): p6 1 day completed; certificates as the factory gives."""
    engine, ids = town
    ever = (D0, date(9999, 12, 31))
    with engine.connect() as conn:
        found = rows(conn, CourseFlow, ids["T"])
        assert [r[:3] + r[4:6] + r[7:] for r in found] == [
            (date(2015, 1, 10), *ever, 1, 1, 1.0, 1.0),
            (date(2018, 11, 4), *ever, 3, 2, 10.0, 12.0),
            (date(2019, 2, 1), *ever, 1, 1, 1.0, 1.0)]
        assert [r[:3] for r in rows(conn, LearnerFlow, ids["T"])] == [
            (date(2015, 1, 10), *ever)] + [(date(2018, 11, 4), *ever)] * 3 + [(date(2019, 2, 1), *ever)]
        for unit in ("A", "B", "A1"):  # communes and villages are never ancestors here
            assert rows(conn, CourseFlow, ids[unit]) == [] and rows(conn, LearnerFlow, ids[unit]) == []


def test_the_tables_and_the_raw_queries_agree_on_the_tiny_town(town):
    engine, ids = town
    used = 0
    with engine.connect() as conn:
        for day in DAYS:
            for kind in ("day", "month", "quarter", "year"):
                period = make_period(kind, day, TODAY)
                for structure_kind in ("as-of", "current"):
                    for unit in ("T", "A", "C"):
                        view = View(ids[unit], period, structure_kind)
                        used += agree(conn, view)
                        for variant in (View(view.unit_id, period, structure_kind, kinds=("xa",)),
                                        View(view.unit_id, period, structure_kind, unit_ids=(ids["A"], ids["B"]))):
                            agree(conn, variant)
                    for later in (period.as_of, date(2020, 6, 30), TODAY):
                        used += agree(conn, View(ids["T"], period, structure_kind, structure_on=later,
                                                 total_only=True))
    assert used > 50


def test_a_province_above_the_town_for_two_years(town):
    """T belongs to a province P from 01/01/2019 to 31/12/2020: every participation
    counts toward P on a structure date in those two years, whatever the course's date,
    and on no other."""
    engine, ids = town
    put_a_province_above_the_town(engine, ids)
    two_years = (date(2019, 1, 1), date(2020, 12, 31))
    with engine.connect() as conn:
        assert [r[:3] for r in rows(conn, CourseFlow, ids["P"])] == [
            (date(2015, 1, 10), *two_years), (date(2018, 11, 4), *two_years), (date(2019, 2, 1), *two_years)]
        period = make_period("year", date(2018, 6, 1), TODAY)
        inside = View(ids["P"], period, structure_on=date(2019, 6, 1))  # rows: T and P
        assert training.flow_applies(conn, inside)
        frame = training.training_flow(conn, inside)
        # 2018: K1 alone, 3 participations of 3 people from A (2 completed, 10 of 12 days)
        assert frame.loc[ids["T"], ["courses", "participations", "people", "completed", "days_attended",
                                    "days_held"]].tolist() == [1, 3, 3, 2, 10.0, 12.0]
        assert frame.loc[ids["P"], ["courses", "participations", "people"]].tolist() == [1, 3, 3]
        latest = freshness.last_records(conn, inside)
        assert latest.loc[[ids["T"], ids["P"]], "last_participation"].tolist() == [date(2018, 11, 4)] * 2
        # as of 31/12/2018: BA's meeting of 20/11/2018 was the last activity; A's briefing of 05/12
        assert latest.loc[ids["P"], ["last_activity", "last_briefing", "last_record"]].tolist() == [
            date(2018, 11, 20), date(2018, 12, 5), date(2018, 12, 5)]
        outside = View(ids["P"], period, structure_on=date(2021, 6, 1))
        assert training.training_flow(conn, outside).loc[ids["P"], "participations"] == 0  # nothing counts then
        used = 0
        for day in DAYS:
            for kind in ("day", "year"):
                period = make_period(kind, day, TODAY)
                for on in (None, date(2019, 1, 1), date(2020, 12, 31), date(2021, 1, 1)):
                    for structure_kind in ("as-of", "current"):
                        used += agree(conn, View(ids["P"], period, structure_kind, structure_on=on))
        assert used > 30


def test_a_restricted_scope_and_rows_at_the_commune_level_read_the_raw_query(town):
    engine, ids = town
    period = make_period("year", date(2018, 6, 1), TODAY)
    with engine.connect() as conn:
        assert agree(conn, View(ids["A"], period)) == 0  # its rows are villages
        assert agree(conn, View(ids["T"], period)) == 0  # its rows are communes
        scoped = View(ids["T"], period, scope=Scope.of_units([ids["A"]], TODAY))
        assert agree(conn, scoped) == 0
        assert training.training_flow(conn, scoped).loc[ids["T"], "participations"] == 3


def test_the_demo_tables_agree_with_the_raw_queries_around_the_merger(demo_engine):
    today = date(2026, 11, 27)
    days = [date(2018, 4, 13), date(2020, 6, 30), date(2025, 6, 30), date(2025, 7, 1), date(2026, 1, 1), today]
    used = 0
    with demo_engine.connect() as conn:
        for day in days:
            root = structure.root_unit(conn, day)
            units = [root.id] + [int(i) for i in structure.children(conn, root.id, day)["id"]][:2]
            for kind in ("day", "month", "year"):
                period = make_period(kind, day, today)
                for unit_id in units:
                    for structure_kind in ("as-of", "current"):
                        used += agree(conn, View(unit_id, period, structure_kind))
                for later in (period.as_of, date(2025, 7, 1), today):
                    used += agree(conn, View(root.id, period, structure_on=later, total_only=True))
    assert used >= len(days) * 3
