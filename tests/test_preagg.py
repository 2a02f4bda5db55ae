"""Pre-aggregated tables (``dashboard.preagg``) give exactly what the raw queries give.

Hand-counted rows of ``unified_state``, ``training_state`` and ``topic_state`` on the tiny town of tests/factory.py, then
equality of every indicator read from it with the raw query over many dates (before the
records begin, at and inside month edges, around the 2025 merger of the demo), periods,
both structures, child filters, a unit page and a restricted scope (which read the raw
query), on SQLite and PostgreSQL; an import rebuilds the table for its new data token.
"""
from __future__ import annotations

from contextlib import contextmanager

from datetime import date

import pytest
from sqlalchemy import select, text, update

from dashboard import preagg, structure
from dashboard.importer import Source, run_import
from dashboard.indicators import View, training, training_detail, unified
from dashboard.models import OPEN_END, Meta, Topic, TopicState, TrainingState, UnifiedState
from dashboard.periods import make_period
from dashboard.scope import Scope

from .factory import build_tiny_town
from .importing import small_town, workbook_bytes

TODAY = date(2022, 1, 1)


@contextmanager
def tables_off():
    """The raw queries, not the pre-aggregated tables, for the duration."""
    saved = unified.preagg_applies, training.state_applies
    unified.preagg_applies = training.state_applies = lambda _conn, _view: False
    try:
        yield
    finally:
        unified.preagg_applies, training.state_applies = saved


def raw_unified(conn, view):
    with tables_off():
        return unified.unified_coverage(conn, view).sort_index()


def raw_training(conn, view):
    with tables_off():
        return training.training_status(conn, view).sort_index()


def raw_topics(conn, view, topics):
    with tables_off():
        out = training_detail.topic_coverage(conn, view, topics)
    return out.sort_values(["group_id", "topic_id"]).reset_index(drop=True) if not out.empty else out


def both_agree(conn, view):
    """unified_coverage, training_status and topic_coverage are those of the raw
    queries; returns whether the tables were read."""
    assert unified.unified_coverage(conn, view).sort_index().equals(raw_unified(conn, view)), view
    assert training.training_status(conn, view).sort_index().equals(raw_training(conn, view)), view
    topics = [int(t) for t in conn.execute(select(Topic.id)).scalars()]
    got, raw = training_detail.topic_coverage(conn, view, topics), raw_topics(conn, view, topics)
    assert (got.empty and raw.empty) or got.equals(raw), view
    return unified.preagg_applies(conn, view)


def pre_unified(conn, view):
    assert unified.preagg_applies(conn, view)
    return unified.unified_coverage(conn, view).sort_index()


@pytest.fixture
def town(engine):
    ids = build_tiny_town(engine)
    with engine.begin() as conn:
        built = preagg.rebuild(conn)
    assert built["unified_state"] > 0
    return engine, ids


def state_rows(conn, unit_id, model=UnifiedState):
    columns = model.__table__.c
    measures = [c for c in columns if c.name not in ("id", "ancestor_id", "valid_from", "valid_to")]
    return [tuple(r) for r in conn.execute(
        select(columns.valid_from, columns.valid_to, *measures)
        .where(columns.ancestor_id == unit_id).order_by(columns.valid_from))]


def test_unified_state_rows_counted_by_hand(town):
    """Villages A1, A2, B1, B2 from 2000, A3 from 2019; posts from 2018-07-01 (A3's from
    2019-01-01): A1 unified first-time, A2 not unified, B1 head vacant, B2 unified
    (head first-time), A3 unified re-elected. B2 moves from B to A on 2019-07-01; B ends
    on 2020-12-31 and B1 goes to C."""
    engine, ids = town
    with engine.connect() as conn:
        assert state_rows(conn, ids["T"]) == [
            (date(2000, 1, 1), date(2018, 6, 30), 4, 0, 0, 4, 4),
            (date(2018, 7, 1), date(2018, 12, 31), 4, 2, 2, 0, 1),
            (date(2019, 1, 1), OPEN_END, 5, 3, 2, 0, 1),
        ]
        assert state_rows(conn, ids["A"]) == [
            (date(2000, 1, 1), date(2018, 6, 30), 2, 0, 0, 2, 2),
            (date(2018, 7, 1), date(2018, 12, 31), 2, 1, 1, 0, 0),
            (date(2019, 1, 1), date(2019, 6, 30), 3, 2, 1, 0, 0),
            (date(2019, 7, 1), OPEN_END, 4, 3, 2, 0, 0),
        ]
        assert state_rows(conn, ids["B"]) == [
            (date(2000, 1, 1), date(2018, 6, 30), 2, 0, 0, 2, 2),
            (date(2018, 7, 1), date(2019, 6, 30), 2, 1, 1, 0, 1),
            (date(2019, 7, 1), date(2020, 12, 31), 1, 0, 0, 0, 1),
        ]
        assert state_rows(conn, ids["C"]) == [(date(2021, 1, 1), OPEN_END, 1, 0, 0, 0, 1)]
        assert state_rows(conn, ids["D"]) == []
        assert state_rows(conn, ids["A1"]) == []  # villages are never ancestors here


def test_training_state_rows_counted_by_hand(town):
    """Cadres from 2018-07-01: p1 (A1, first-time), p2 and p3 (A2, p3 first-time), p5
    (B1, first-time), p6 (B2, first-time); p4 (A3) from 2019-01-01. K1 (a class) ended on
    2018-11-04: p1 trained from that day; p4 completed it less than 183 days before his
    post began: trained from 2019-01-01. p2 did not complete it; a seminar (p5) and a
    session in 2015 (p6) do not count."""
    engine, ids = town
    with engine.connect() as conn:
        assert state_rows(conn, ids["T"], TrainingState) == [
            (date(2018, 7, 1), date(2018, 11, 3), 5, 0, 4, 4),
            (date(2018, 11, 4), date(2018, 12, 31), 5, 1, 4, 3),
            (date(2019, 1, 1), OPEN_END, 6, 2, 4, 3),
        ]
        assert state_rows(conn, ids["A"], TrainingState) == [
            (date(2018, 7, 1), date(2018, 11, 3), 3, 0, 2, 2),
            (date(2018, 11, 4), date(2018, 12, 31), 3, 1, 2, 1),
            (date(2019, 1, 1), date(2019, 6, 30), 4, 2, 2, 1),
            (date(2019, 7, 1), OPEN_END, 5, 2, 3, 2),
        ]
        assert state_rows(conn, ids["B"], TrainingState) == [
            (date(2018, 7, 1), date(2019, 6, 30), 2, 0, 2, 2),
            (date(2019, 7, 1), date(2020, 12, 31), 1, 0, 1, 1),
        ]
        assert state_rows(conn, ids["C"], TrainingState) == [(date(2021, 1, 1), OPEN_END, 1, 0, 1, 1)]
        assert state_rows(conn, ids["D"], TrainingState) == []


def test_topic_state_rows_counted_by_hand(town):
    """K1 (a class, topics CD1 and CD2) covers p1 (A1) from its last day, 2018-11-04,
    and p4 (A3) from his post's first day, 2019-01-01; the seminar K2 (CD2) covers no
    one. Both in A, so in the town."""
    engine, ids = town
    columns = TopicState.__table__.c

    def rows(unit, topic):
        with engine.connect() as conn:  # closed at once: the schema is dropped after the test
            return [tuple(r) for r in conn.execute(
                select(columns.valid_from, columns.valid_to, columns.covered)
                .where(columns.ancestor_id == ids[unit], columns.topic_id == ids[topic])
                .order_by(columns.valid_from))]

    for unit in ("T", "A"):
        for topic in ("CD1", "CD2"):
            assert rows(unit, topic) == [(date(2018, 11, 4), date(2018, 12, 31), 1), (date(2019, 1, 1), OPEN_END, 2)]
    assert rows("B", "CD2") == [] and rows("C", "CD1") == []
    with engine.connect() as conn:
        coverage = training_detail.topic_coverage(conn, View(ids["T"], make_period("day", date(2019, 3, 1), TODAY)),
                                                  [ids["CD1"], ids["CD2"]])
    # on 01/03/2019: A has 4 cadres (p1, p2, p3, p4), B 2 (p5, p6), the town 6
    assert coverage.values.tolist() == sorted([
        [ids["A"], ids["CD1"], 4, 2], [ids["A"], ids["CD2"], 4, 2], [ids["B"], ids["CD1"], 2, 0],
        [ids["B"], ids["CD2"], 2, 0], [ids["T"], ids["CD1"], 6, 2], [ids["T"], ids["CD2"], 6, 2]])


def test_unified_coverage_from_the_table_counted_by_hand(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = pre_unified(conn, View(ids["T"], make_period("day", date(2019, 3, 1), TODAY)))
    columns = ["villages", "unified", "first_time", "secretary_vacant", "head_vacant"]
    assert frame.loc[ids["A"], columns].tolist() == [3, 2, 1, 0, 0]
    assert frame.loc[ids["B"], columns].tolist() == [2, 1, 1, 0, 1]
    assert frame.loc[ids["T"], columns].tolist() == [5, 3, 2, 0, 1]
    assert ids["D"] not in frame.index


DAYS = [date(1999, 12, 31), date(2000, 1, 1), date(2018, 6, 30), date(2018, 7, 1), date(2018, 7, 15),
        date(2018, 12, 31), date(2019, 1, 1), date(2019, 6, 30), date(2019, 7, 1), date(2020, 12, 31),
        date(2021, 1, 1), date(2021, 6, 1), TODAY]


def views_of(ids, days, units, today, scope=None):
    for day in days:
        for kind in ("day", "year"):  # a state is read on the period's date: its end, or today
            period = make_period(kind, day, today)
            for unit in units:
                for structure_kind in ("as-of", "current"):
                    yield View(ids[unit], period, structure_kind, scope or Scope.everything())


def test_the_table_and_the_raw_query_agree_on_the_tiny_town(town):
    engine, ids = town
    used = 0
    with engine.connect() as conn:
        for view in views_of(ids, DAYS, ["T", "A", "B", "C"], TODAY):
            for variant in (view, View(view.unit_id, view.period, view.structure, kinds=("xa",)),
                            View(view.unit_id, view.period, view.structure, unit_ids=(ids["A"], ids["B"]))):
                used += both_agree(conn, variant)
    assert used > 0  # the as-of views of the town read the table


def test_a_restricted_scope_a_commune_page_and_todays_structure_read_the_raw_query(town):
    engine, ids = town
    period = make_period("day", date(2019, 3, 1), TODAY)
    with engine.connect() as conn:
        assert unified.preagg_applies(conn, View(ids["T"], period))
        assert not unified.preagg_applies(conn, View(ids["T"], period, "current"))
        assert not unified.preagg_applies(conn, View(ids["A"], period))  # its rows are villages
        scoped = View(ids["T"], period, scope=Scope.of_units([ids["A"]], TODAY))
        assert not unified.preagg_applies(conn, scoped)
        frame = unified.unified_coverage(conn, scoped)
        # A as it is today holds A1, A2, A3 and B2 (moved in 2019): on 01/03/2019 those four
        # villages, of which A1, A3 and B2 unified
        assert frame.loc[ids["T"], ["villages", "unified"]].tolist() == [4, 3]


def test_todays_structure_and_a_previous_period_read_the_table_when_the_rows_gather_the_same_units(town):
    """On today's structure (01/01/2022) the town's children are A, C and D. As of
    01/06/2021 nothing rolled up to them differently than today (C and its roll-up rows
    began on 01/01/2021), so the table answers: A holds A1, A2, A3 and B2 (A1, A3 and B2
    unified), C holds B1 (not unified), D nothing. As of 30/06/2020 C's rows had not
    begun (B1 counted toward B then, toward C on today's structure): the raw query."""
    engine, ids = town
    with engine.connect() as conn:
        view = View(ids["T"], make_period("day", date(2021, 6, 1), TODAY), "current")
        frame = pre_unified(conn, view)
        assert frame.loc[[ids["A"], ids["C"], ids["T"]], ["villages", "unified"]].values.tolist() == [
            [4, 3], [1, 0], [5, 3]]
        assert ids["D"] not in frame.index  # no village: no row (a zero row on the page)
        assert both_agree(conn, view)
        earlier = View(ids["T"], make_period("day", date(2020, 6, 30), TODAY), "current")
        assert not both_agree(conn, earlier)
        # B1 counts toward C on today's structure though C did not exist yet
        assert raw_unified(conn, earlier).loc[ids["C"], ["villages", "unified"]].tolist() == [1, 0]
        # the previous period compared on the children of 01/06/2021 (the total alone)
        previous = View(ids["T"], make_period("day", date(2020, 6, 1), TODAY), structure_on=date(2021, 6, 1),
                        total_only=True)
        assert not both_agree(conn, previous)  # C began in between
        previous = View(ids["T"], make_period("day", date(2021, 2, 1), TODAY), structure_on=date(2021, 6, 1),
                        total_only=True)
        assert both_agree(conn, previous)
        assert pre_unified(conn, previous).loc[ids["T"], ["villages", "unified"]].tolist() == [5, 3]


def test_a_table_built_for_other_data_is_not_used(town):
    engine, ids = town
    view = View(ids["T"], make_period("day", date(2019, 3, 1), TODAY))
    with engine.begin() as conn:
        assert preagg.usable(conn)
        conn.execute(update(Meta).where(Meta.key == "data_token").values(value="another-state"))
        assert not preagg.usable(conn)
        assert not unified.preagg_applies(conn, view)
        assert unified.unified_coverage(conn, view).loc[ids["T"], "villages"] == 5


def test_the_demo_table_agrees_with_the_raw_query_around_the_merger(demo_engine):
    """The demo (Quảng Yên, the 2025 merger on 01/07/2025) as loaded by ``load_demo``,
    which builds the table: the town and each of its children, as it was and today."""
    today = date(2026, 11, 27)
    days = [date(2015, 1, 1), date(2017, 12, 31), date(2018, 4, 13), date(2020, 6, 30), date(2020, 7, 1),
            date(2025, 6, 30), date(2025, 7, 1), date(2025, 7, 15), date(2025, 12, 31), date(2026, 1, 1),
            today]
    used = shifted = 0
    with demo_engine.connect() as conn:
        assert preagg.usable(conn)
        for day in days:
            root = structure.root_unit(conn, day)
            units = [root.id] + [int(i) for i in structure.children(conn, root.id, day)["id"]][:4]
            for unit_id in units:
                for kind in ("day", "month", "year"):
                    for structure_kind in ("as-of", "current"):
                        view = View(unit_id, make_period(kind, day, today), structure_kind)
                        used += both_agree(conn, view)
                # the previous period's total, compared on the children of the date
                for later in (day, today):
                    period = make_period("year", day, today)
                    view = View(unit_id, period, structure_on=later, total_only=True)
                    shifted += both_agree(conn, view) and later != period.as_of
            scoped = View(root.id, make_period("day", day, today),
                          scope=Scope.of_units([units[-1]], today))
            assert not both_agree(conn, scoped)
    assert used >= len(days)
    assert shifted > 0  # some comparisons on another date's children read the table


def test_an_import_rebuilds_the_table(engine):
    result = run_import(engine, [Source("xa-an-lac.xlsx", workbook_bytes(small_town()))], "kiểm thử")
    assert result.ok, [p.text() for p in result.problems]
    with engine.connect() as conn:
        assert preagg.usable(conn)
        t = conn.execute(text("SELECT id FROM unit WHERE code = 'T'")).scalar()
        view = View(t, make_period("day", date(2023, 10, 31), date(2023, 10, 31)))
        frame = pre_unified(conn, view)
        assert frame.loc[t, ["villages", "unified", "first_time"]].tolist() == [3, 2, 1]
        assert frame.equals(raw_unified(conn, view))
        status = training.training_status(conn, view)
        assert status.loc[t, ["cadres", "trained", "first_time_untrained"]].tolist() == [4, 2, 1]
        assert both_agree(conn, view)
    rows = small_town()
    rows["post"][3]["person"] = "p2"  # p2 now holds both posts of A-02: unified
    result = run_import(engine, [Source("xa-an-lac.xlsx", workbook_bytes(rows))], "kiểm thử")
    assert result.ok, [p.text() for p in result.problems]
    with engine.connect() as conn:
        assert preagg.usable(conn)
        frame = pre_unified(conn, view)
        # p3's head post was first-time and is now p2's: A-02 unified, first-time
        assert frame.loc[t, ["villages", "unified", "first_time"]].tolist() == [3, 3, 2]
        assert frame.equals(raw_unified(conn, view))
        # p3 is no longer a cadre: p1, p2, p4; p2 (not trained: K1 not completed) now holds
        # p3's first-time head post
        status = training.training_status(conn, view)
        assert status.loc[t, ["cadres", "trained", "first_time_untrained"]].tolist() == [3, 2, 1]
        assert both_agree(conn, view)


def test_a_version_bump_without_new_records_keeps_the_tables(town):
    """The benchmark's cold runs move the version on without writing records: tables that
    matched the data stay in use (same numbers), tables that did not stay unused."""
    from dashboard import db

    engine, ids = town
    view = View(ids["T"], make_period("day", date(2019, 3, 1), TODAY))
    with engine.connect() as conn:
        before = pre_unified(conn, view)
    with db.session_scope(engine) as session:
        db.bump_data_version(session, records_changed=False)
    with engine.connect() as conn:
        assert preagg.usable(conn)
        assert pre_unified(conn, view).equals(before)
    with engine.begin() as conn:
        conn.execute(update(Meta).where(Meta.key == "data_token").values(value="another-state"))
    with db.session_scope(engine) as session:
        db.bump_data_version(session, records_changed=False)
    with engine.connect() as conn:
        assert not preagg.usable(conn)
        assert unified.unified_coverage(conn, view).loc[ids["T"], "villages"] == 5


def test_db_upgrade_builds_the_tables_of_a_database_that_has_none(tmp_path):
    """A database made before the tables existed (records, no tables): ``grassroots db
    upgrade`` builds them, so the first page after the upgrade reads them."""
    from click.testing import CliRunner

    from dashboard import cli, db

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = db.make_engine(url)
    db.create_schema(engine)
    ids = build_tiny_town(engine)
    with engine.begin() as conn:
        conn.execute(update(Meta).where(Meta.key == preagg.TOKEN_KEY).values(value="none"))
        assert not preagg.usable(conn)
    result = CliRunner().invoke(cli.main, ["db", "upgrade"], env={"GRASSROOTS_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert "Pre-aggregated tables built" in result.output
    with engine.connect() as conn:
        assert preagg.usable(conn)
        view = View(ids["T"], make_period("day", date(2019, 3, 1), TODAY))
        assert pre_unified(conn, view).loc[ids["T"], "villages"] == 5
    engine.dispose()
    db.dispose_engines()


def raw_history(conn, view, points):
    from dashboard.indicators import unified_detail

    saved = unified_detail.history_state_applies
    unified_detail.history_state_applies = lambda _conn, _view, _points: False
    try:
        return unified_detail.unified_history(conn, view, points)
    finally:
        unified_detail.history_state_applies = saved


def test_the_unified_history_from_the_table_counted_by_hand(town):
    """Commune A on today's structure from 31/07/2019 (B2 moved in on 01/07/2019, nothing
    changed for A after): A1, A2, A3 and B2, of which A1, A3 and B2 unified, on every
    point. From 30/06/2019 B2's move lies in between: the raw query (which follows today's
    villages back, so the numbers do not change)."""
    from dashboard.indicators import unified_detail

    engine, ids = town
    points = [date(2019, 7, 31), date(2020, 12, 31), date(2021, 6, 30)]
    view = View(ids["A"], make_period("day", date(2021, 6, 30), TODAY), "current")
    with engine.connect() as conn:
        assert unified_detail.history_state_applies(conn, view, points)
        found = unified_detail.unified_history(conn, view, points)
        assert found[["villages", "unified"]].values.tolist() == [[4, 3]] * 3
        assert found.equals(raw_history(conn, view, points))
        earlier = [date(2019, 6, 30), *points]
        assert not unified_detail.history_state_applies(conn, view, earlier)
        # today's four villages followed back: on 30/06/2019 B2 was B's but counts for A
        assert unified_detail.unified_history(conn, view, earlier)[["villages", "unified"]].values.tolist() == [
            [4, 3]] * 4
        # a database where a village once had two secretaries at once: the raw query
        conn.execute(update(Meta).where(Meta.key == preagg.SINGLE_POSTS_KEY).values(value="0"))
        assert not unified_detail.history_state_applies(conn, view, points)


def test_the_unified_history_from_the_table_equals_the_raw_query_on_the_demo(demo_engine):
    from dashboard.indicators import unified_detail

    today = date(2026, 11, 27)
    used = 0
    with demo_engine.connect() as conn:
        for day in (date(2018, 4, 13), date(2020, 6, 30), date(2025, 7, 1), date(2026, 1, 1), today):
            root = structure.root_unit(conn, day)
            units = [root.id] + [int(i) for i in structure.children(conn, root.id, day)["id"]][:5]
            first = date(2017, 1, 1)
            points = unified_detail.history_points(first, day) + [date(2020, 12, 31)]
            points = [p for p in points if p <= day]
            for unit_id in units:
                for structure_kind in ("as-of", "current"):
                    view = View(unit_id, make_period("day", day, today), structure_kind)
                    got = unified_detail.unified_history(conn, view, points)
                    assert got.equals(raw_history(conn, view, points)), view
                    used += unified_detail.history_state_applies(conn, view, points)
    assert used > 0
