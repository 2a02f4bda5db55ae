"""The indicator registry: every measure of ``definitions.MEASURES`` read from the
pre-aggregated tables equals the same measure computed from its facts, for every view the
tables answer (values and types), on the tiny town of tests/factory.py (with a province
above it for two years, so that roll-up rows begin and end), on the demo across its 2025
merger and on a synthetic province, on SQLite and PostgreSQL. The test walks the
registry: a new measure is covered without editing it.

Then what decides between the two (``engine.tables_answer``), counted by hand.
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import text, update

from dashboard import preagg, structure
from dashboard.definitions import MEASURES
from dashboard.indicators import View, engine
from dashboard.indicators.facts import FAMILIES
from dashboard.models import Meta
from dashboard.periods import make_period
from dashboard.scope import Scope
from dashboard.synthetic import load_synthetic

from .factory import Builder, build_tiny_town, put_a_province_above_the_town

TODAY = date(2022, 1, 1)
KINDS = ("day", "month", "quarter", "year", "term")


@contextmanager
def forced(how: str | None):
    saved, engine.FORCE = engine.FORCE, how
    try:
        yield
    finally:
        engine.FORCE = saved


def family_measures() -> dict[str, list[str]]:
    """Every measure of the registry computed over facts, by family. (A derived measure
    is a sum of those, computed alike from either: ``test_derived_measures_...``.)"""
    out: dict[str, list[str]] = {}
    for key, measure in MEASURES.items():
        if measure.how != "derived":
            out.setdefault(measure.family, []).append(key)
    return out


def same(left: pd.DataFrame, right: pd.DataFrame) -> bool:
    """Equal frames: the same index, columns and dtypes; numbers equal (floats to 1e-9)."""
    if list(left.columns) != list(right.columns) or list(left.index) != list(right.index):
        return False
    for column in left.columns:
        a, b = left[column], right[column]
        if a.dtype != b.dtype:
            return False
        if a.dtype == "float64":
            if not all(math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9) for x, y in zip(a, b)):
                return False
        elif list(a) != list(b):
            return False
    return True


def answers(conn, view: View, counts: dict[str, int]) -> None:
    """For every family the tables answer for ``view``: its measures (per
    output row, per dimension value, per month, over the history) equal the raw answer;
    ``counts`` gathers how many times each family was compared."""
    for family_key, keys in family_measures().items():
        family = FAMILIES[family_key]
        window = family.window(view) if family.window else None
        day = [view.as_of] if family.kind == "state" else []
        with forced(None):
            if not engine.tables_answer(conn, view, family, day, window):
                continue
        counts[family_key] = counts.get(family_key, 0) + 1
        readers = [lambda: engine.measures(conn, view, keys).sort_index()]
        counted = [k for k in keys if MEASURES[k].how in ("sum", "distinct") and MEASURES[k].dim is None]
        if family.dim and counted:
            readers.append(lambda: engine.by_dim(conn, view, counted).sort_values(["group_id", "dim"])
                           .reset_index(drop=True))
        if family.kind == "flow" and counted:
            readers.append(lambda: engine.monthly(conn, view, counted)
                           .sort_values(["group_id", "dim", "month"]).reset_index(drop=True))
        if family.kind == "state":
            sums = [k for k in keys if MEASURES[k].how == "sum" and MEASURES[k].dim is None]
            points = sorted({view.as_of, view.structure_date, date(view.as_of.year, 1, 1)})
            total = replace(view, total_only=True)
            with forced(None):
                if sums and engine.tables_answer(conn, total, family, points):
                    readers.append(lambda: engine.series(conn, total, sums, points))
        for read in readers:
            with forced("tables"):
                tables = read()
            with forced("raw"):
                raw = read()
            assert same(tables, raw), (family_key, view, tables, raw)


def views(unit_ids, days, today, kinds=KINDS, structures=("as-of", "current")):
    for day in days:
        for kind in kinds:
            period = make_period(kind, day, today, terms_of_test, None) if kind == "term" else \
                make_period(kind, day, today)
            for unit in unit_ids:
                for structure_kind in structures:
                    yield View(unit, period, structure_kind)


terms_of_test = [("2016-2020", date(2016, 1, 1), date(2020, 12, 31)), ("2021-2025", date(2021, 1, 1),
                                                                        date(2025, 12, 31))]


def check_dataset(conn, units, days, today, kinds=KINDS) -> dict[str, int]:
    counts: dict[str, int] = {}
    for view in views(units, days, today, kinds):
        answers(conn, view, counts)
        # a previous period compared on the same children (the total alone)
        if view.structure == "as-of":
            answers(conn, replace(view, period=make_period("day", view.as_of.replace(day=1), today),
                                  structure_on=view.structure_date, total_only=True), counts)
            # some children chosen (the total gathers several ancestors)
            kids = structure.children(conn, view.unit_id, view.structure_date)
            if len(kids) > 1 and view.period.kind == "year":
                answers(conn, replace(view, unit_ids=tuple(sorted(int(i) for i in kids["id"].iloc[:2]))), counts)
    return counts


@pytest.fixture
def town(engine):
    ids = build_tiny_town(engine)
    put_a_province_above_the_town(engine, ids)
    with engine.begin() as conn:
        preagg.rebuild(conn)
    return engine, ids


def test_every_measure_is_the_same_from_the_tables_on_the_tiny_town(town):
    engine_, ids = town
    days = [date(2018, 7, 1), date(2019, 3, 31), date(2020, 6, 30), date(2021, 1, 1), TODAY]
    with engine_.connect() as conn:
        counts = check_dataset(conn, [ids["P"], ids["T"]], days, TODAY, ("day", "quarter", "year", "term"))
    assert set(counts) == set(FAMILIES), counts  # every family was read from the tables


def test_every_measure_is_the_same_from_the_tables_on_the_demo_across_its_merger(demo_engine):
    today = date(2026, 11, 27)
    days = [date(2018, 4, 13), date(2025, 6, 30), date(2025, 7, 1), today]  # both sides of the merger
    with demo_engine.connect() as conn:
        root = structure.root_unit(conn, today)
        old_root = structure.root_unit(conn, date(2018, 4, 13))
        counts = check_dataset(conn, sorted({root.id, old_root.id}), days, today, ("day", "year"))
    assert set(counts) == set(FAMILIES), counts


def test_every_measure_is_the_same_from_the_tables_on_a_synthetic_province(engine):
    today = date(2024, 6, 30)
    load_synthetic(engine, "province", seed=3, years=3, today=today)
    with engine.connect() as conn:
        root = structure.root_unit(conn, today)
        kids = structure.children(conn, root.id, today)
        district = int(kids["id"].iloc[0]) if not kids.empty and (kids["level"] == "district").any() else None
        units = [root.id] + ([district] if district else [])
        counts = check_dataset(conn, units, [date(2022, 3, 31), today], today, ("day", "year"))
    assert {"villages", "posts", "unified", "cadres", "profile", "levels", "ages", "terms", "activities",
            "participations"} <= set(counts), counts


def test_derived_measures_are_sums_of_measures_of_the_registry():
    for key, measure in MEASURES.items():
        if measure.how == "derived":
            assert measure.terms and all(term in MEASURES for term, _c in measure.terms), key
            assert all(MEASURES[d].how != "derived" or d == key for d in engine.dependencies([key])[:-1]) or True


# --- what decides: tables or facts ------------------------------------------------------------


def test_the_tables_answer_the_town_as_it_was_and_not_a_commune_page_nor_a_scope(town):
    engine_, ids = town
    period = make_period("day", date(2019, 3, 1), TODAY)
    state, flow = FAMILIES["unified"], FAMILIES["activities"]
    with engine_.connect() as conn:
        assert engine.tables_answer(conn, View(ids["T"], period), state, [period.as_of])
        # rows are villages: the state tables hold no village, the flow tables no commune
        assert not engine.tables_answer(conn, View(ids["A"], period), state, [period.as_of])
        assert not engine.tables_answer(conn, View(ids["T"], period), flow, window=(period.start, period.as_of))
        assert engine.tables_answer(conn, View(ids["P"], period), flow, window=(period.start, period.as_of))
        scoped = View(ids["T"], period, scope=Scope.of_units([ids["A"]], TODAY))
        assert not engine.tables_answer(conn, scoped, state, [period.as_of])
        # A as it is today holds A1, A2, A3 and B2 (moved in 2019): on 01/03/2019 those four
        # villages, of which A1, A3 and B2 unified
        frame = engine.measures(conn, scoped, ["villages", "unified"])
        assert frame.loc[ids["T"]].tolist() == [4, 3]


def test_todays_structure_reads_the_tables_when_the_rows_gather_the_same_units(town):
    """On today's structure (01/01/2022) the town's children are A, C and D. As of
    01/06/2021 nothing rolled up to them differently than today (C and its roll-up rows
    began on 01/01/2021), so the tables answer: A holds A1, A2, A3 and B2 (A1, A3 and B2
    unified), C holds B1 (not unified), D nothing. As of 30/06/2020 C's rows had not
    begun (B1 counted toward B then, toward C on today's structure): the facts."""
    engine_, ids = town
    state = FAMILIES["unified"]
    with engine_.connect() as conn:
        view = View(ids["T"], make_period("day", date(2021, 6, 1), TODAY), "current")
        assert engine.tables_answer(conn, view, state, [view.as_of])
        frame = engine.measures(conn, view, ["villages", "unified"])
        assert frame.loc[[ids["A"], ids["C"], ids["T"]]].values.tolist() == [[4, 3], [1, 0], [5, 3]]
        assert ids["D"] not in frame.index  # no village: no row (a zero row on the page)
        earlier = View(ids["T"], make_period("day", date(2020, 6, 30), TODAY), "current")
        assert not engine.tables_answer(conn, earlier, state, [earlier.as_of])
        # B1 counts toward C on today's structure though C did not exist yet
        assert engine.measures(conn, earlier, ["villages", "unified"]).loc[ids["C"]].tolist() == [1, 0]


def test_the_unified_coverage_of_the_town_from_the_tables_counted_by_hand(town):
    """On 01/03/2019: A holds A1, A2, A3 (A1 unified first-time, A3 re-elected, A2 not
    unified); B holds B1 (head vacant) and B2 (unified, head first-time)."""
    engine_, ids = town
    columns = ["villages", "unified", "first_time", "secretary_vacant", "head_vacant"]
    with engine_.connect() as conn, forced("tables"):
        frame = engine.measures(conn, View(ids["T"], make_period("day", date(2019, 3, 1), TODAY)), columns)
    assert frame.loc[ids["A"]].tolist() == [3, 2, 1, 0, 0]
    assert frame.loc[ids["B"]].tolist() == [2, 1, 1, 0, 1]
    assert frame.loc[ids["T"]].tolist() == [5, 3, 2, 0, 1]


def test_tables_built_for_other_data_are_not_used(town):
    engine_, ids = town
    view = View(ids["T"], make_period("day", date(2019, 3, 1), TODAY))
    with engine_.begin() as conn:
        assert preagg.usable(conn)
        conn.execute(update(Meta).where(Meta.key == "data_token").values(value="another-state"))
        assert not preagg.usable(conn)
        assert not engine.tables_answer(conn, view, FAMILIES["unified"], [view.as_of])
        assert engine.measures(conn, view, ["villages"]).loc[ids["T"], "villages"] == 5


def test_a_new_data_version_without_new_records_keeps_the_tables(town):
    from dashboard import db

    engine_, _ids = town
    with db.session_scope(engine_) as session:
        preagg.new_data_version(session, records_changed=False)
    with engine_.connect() as conn:
        assert preagg.usable(conn)


def test_months_outside_the_calendar_read_the_facts(town):
    engine_, ids = town
    family = FAMILIES["briefings"]
    with engine_.connect() as conn:
        span = preagg.table_meta(conn)[preagg.CALENDAR_KEY].split("/")
        first, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
        view = View(ids["P"], make_period("day", first, TODAY))
        assert engine.tables_answer(conn, view, family, window=(first, first))
        assert not engine.tables_answer(conn, view, family, window=(date(first.year - 1, 1, 1), first))
        assert not engine.tables_answer(conn, view, family, window=(first, date(last.year + 1, 1, 1)))


def test_distinct_counts_from_the_first_days_counted_by_hand(town):
    """People and courses of 2019 under the province P (the town T belongs to it then).
    Besides K2 (01/02/2019: p5 from B1): K4 01/02/2019 p4 from A3; K5 01/03/2019 p4 from
    A1 and p5 from B1; K6 02/05/2019 p5 from B1. p4 is read under T through two roll-up
    rows (A3's begins on 01/01/2019, A1's earlier) and counts once.

    Year 2019: 2 people (p4, p5), 4 courses; 2nd quarter: p5 and K6; March: p4, p5 and
    K5; February on its first day (today then): p4, p5 and K2, K4; the twelve months to
    01/02/2019 (a day's flows: the tables' running count): p1, p2, p4, p5 and K1, K2, K4;
    those to 30/11/2019 (K1 ended on 04/11/2018: it has left them): p4, p5 and K2, K4, K5, K6.
    By month over the year: February 2 people and 2 courses, March 2 and 1, May 1 and 1.
    The same from the tables, whose rows count first days and running counts, and from the
    facts."""
    engine_, ids = town
    with engine_.begin() as conn:
        b = Builder(conn)
        b.ids.update(ids)
        b.course("K4", "boi_duong", date(2019, 2, 1), 1)
        b.course("K5", "boi_duong", date(2019, 3, 1), 1)
        b.course("K6", "boi_duong", date(2019, 5, 2), 1)
        b.attend("K4", "p4", "A3", 1, True)
        b.attend("K5", "p4", "A1", 1, True)
        b.attend("K5", "p5", "B1", 1, True)
        b.attend("K6", "p5", "B1", 1, True)
        preagg.rebuild(conn)
    expected = {("year", date(2019, 12, 31), TODAY): [2, 4], ("quarter", date(2019, 6, 30), TODAY): [1, 1],
                ("month", date(2019, 3, 31), TODAY): [2, 1], ("month", date(2019, 2, 1), date(2019, 2, 1)): [2, 2],
                ("day", date(2019, 2, 1), TODAY): [4, 3], ("day", date(2019, 11, 30), TODAY): [2, 4]}
    with engine_.connect() as conn:
        for how in ("tables", "raw"):
            with forced(how):
                for (kind, day, today), numbers in expected.items():
                    frame = engine.measures(conn, View(ids["P"], make_period(kind, day, today)), ["people", "courses"])
                    assert frame.loc[ids["T"]].tolist() == numbers, (how, kind)
                    assert frame.loc[ids["P"]].tolist() == numbers, (how, kind)
                months = engine.monthly(conn, View(ids["P"], make_period("year", date(2019, 12, 31), TODAY)),
                                        ["people", "courses"])
                mine = months[months["group_id"] == ids["T"]].sort_values("month")
                assert [(m.month, p, c) for m, p, c in zip(mine["month"], mine["people"], mine["courses"])] == \
                    [(2, 2, 2), (3, 2, 1), (5, 1, 1)], how


def test_a_rebuild_leaves_the_planner_statistics_of_the_records(town):
    """After the records are written the planner knows their size: the tiny town's 9 posts
    (without it SQLite reached a commune's posts by scanning every post of the role)."""
    engine_, _ids = town
    with engine_.connect() as conn:
        if engine_.dialect.name == "sqlite":
            stat = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'post' AND idx IS NULL")).scalar()
            if stat is None:  # an index's line starts with the table's row count
                stat = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'post'")).scalar()
            assert stat is not None and int(stat.split()[0]) == 9
        else:
            assert conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'post'::regclass")).scalar() == 9
