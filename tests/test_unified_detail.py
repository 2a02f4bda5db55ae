"""Unified positions by child, over time and by village, on the town of
tests/factory_unified.py (the tiny town plus a second term), numbers counted by hand.

Who is unified when (village: holder, from .. to; first-time or re-elected):
    A1: p1 01/07/2018 .. 30/06/2020 first-time, then p1 from 01/07/2020 re-elected
    A2: not unified until 31/12/2019; p3 from 01/01/2020, first-time
    A3: p4 from 01/01/2019 (when A3 begins), re-elected
    B1: never (head vacant); B2: p6 from 01/07/2018, first-time (the head post)
Villages: A1, A2, B1, B2 always; A3 from 01/01/2019. B2 is in B until 30/06/2019, then
in A; B1 in B until 31/12/2020, then in C.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.indicators import View, unified_coverage
from dashboard.indicators.unified_detail import (
    history_points,
    unified_by_child,
    unified_history,
    unified_total,
    village_table,
)
from dashboard.periods import day_period
from dashboard.scope import Scope

from .factory_unified import build_unified_town

TODAY = date(2022, 1, 1)
D1 = date(2019, 3, 1)   # B2 still in B; A3 exists
D2 = date(2019, 9, 1)   # B2 now in A
D4 = date(2021, 6, 1)   # B merged into C; A1 re-elected, A2 unified


@pytest.fixture
def town(engine):
    return engine, build_unified_town(engine)


def view(ids, day, unit="T", structure="as-of", **kwargs):
    return View(ids[unit], day_period(day, TODAY), structure, **kwargs)


COUNTS = ["villages", "unified", "first_time", "secretary_vacant", "head_vacant", "not_unified", "reelected",
          "vacant"]


def test_by_child_counts_unified_first_time_and_vacancies(town):
    """On 01/03/2019: A has A1 (p1, first-time), A2 (p2 and p3: not unified), A3 (p4,
    re-elected); B has B1 (head vacant) and B2 (p6, first-time); D has no village."""
    engine, ids = town
    with engine.connect() as conn:
        table = unified_by_child(conn, view(ids, D1))
    assert table["code"].tolist() == ["A", "B", "D", "T"]
    assert table["is_total"].tolist() == [False, False, False, True]
    got = {row["code"]: [int(row[c]) for c in COUNTS] for _, row in table.iterrows()}
    assert got["A"] == [3, 2, 1, 0, 0, 1, 1, 0]
    assert got["B"] == [2, 1, 1, 0, 1, 1, 0, 1]
    assert got["D"] == [0, 0, 0, 0, 0, 0, 0, 0]
    assert got["T"] == [5, 3, 2, 0, 1, 2, 1, 1]


def test_by_child_after_a_new_term_and_the_merger(town):
    """On 01/06/2021: A holds A1 (p1 re-elected), A2 (p3 first-time), A3 (re-elected),
    B2 (first-time); C holds B1 (head vacant)."""
    engine, ids = town
    with engine.connect() as conn:
        table = unified_by_child(conn, view(ids, D4))
        total = unified_total(conn, view(ids, D4))
    got = {row["code"]: [int(row[c]) for c in COUNTS] for _, row in table.iterrows()}
    assert list(got) == ["A", "C", "D", "T"]
    assert got["A"] == [4, 4, 2, 0, 0, 0, 2, 0]
    assert got["C"] == [1, 0, 0, 0, 1, 1, 0, 1]
    assert {key: total[key] for key in {"villages": 5, "unified": 4, "first_time": 2, "secretary_vacant": 0, "head_vacant": 1}} == {"villages": 5, "unified": 4, "first_time": 2, "secretary_vacant": 0, "head_vacant": 1}


HISTORY_POINTS = [date(2018, 6, 30), date(2018, 7, 1), date(2018, 12, 31), date(2019, 1, 1), date(2019, 12, 31),
                  date(2020, 1, 1), date(2020, 6, 30), date(2020, 7, 1), D4]


def test_history_of_the_town_across_terms(town):
    """Villages: 4 until A3 begins on 01/01/2019, then 5. Unified: none before the posts
    of 01/07/2018; then A1 and B2; A3 from 01/01/2019; A2 from 01/01/2020. A1's first
    span ends on 30/06/2020 (still counted that day) and its second begins on 01/07/2020:
    4 on both days, never 3 or 5."""
    engine, ids = town
    with engine.connect() as conn:
        history = unified_history(conn, view(ids, D4), HISTORY_POINTS)
    assert history["day"].tolist() == HISTORY_POINTS
    assert history["villages"].tolist() == [4, 4, 4, 5, 5, 5, 5, 5, 5]
    assert history["unified"].tolist() == [0, 2, 2, 3, 3, 4, 4, 4, 4]


def test_history_agrees_with_the_coverage_on_each_date(town):
    """The running sums give what ``unified_coverage`` gives on each day, on the same
    structure date."""
    engine, ids = town
    with engine.connect() as conn:
        history = unified_history(conn, view(ids, D4), HISTORY_POINTS).set_index("day")
        for day in HISTORY_POINTS:
            coverage = unified_coverage(conn, View(ids["T"], day_period(day, TODAY), structure_on=D4))
            assert coverage.loc[ids["T"], ["villages", "unified"]].tolist() == \
                history.loc[day, ["villages", "unified"]].tolist(), day


def test_history_follows_the_villages_the_unit_has_on_the_structure_date(town):
    """A on 01/09/2019 holds A1, A2, A3 and B2: B2 counts for A before it moved (it was
    in B then), A3 only from its creation."""
    engine, ids = town
    points = [date(2018, 6, 30), date(2018, 7, 1), date(2019, 1, 1), D2]
    with engine.connect() as conn:
        history = unified_history(conn, view(ids, D2, unit="A"), points)
    assert history["villages"].tolist() == [3, 3, 4, 4]
    assert history["unified"].tolist() == [0, 2, 3, 3]


def test_history_on_todays_structure(town):
    """As of 01/03/2019: A then had A1, A2, A3 (unified: A1, A3); today's A also has B2."""
    engine, ids = town
    points = [date(2018, 7, 1), D1]
    with engine.connect() as conn:
        then = unified_history(conn, view(ids, D1, unit="A"), points)
        today = unified_history(conn, view(ids, D1, unit="A", structure="current"), points)
    assert then[["villages", "unified"]].values.tolist() == [[2, 1], [3, 2]]
    assert today[["villages", "unified"]].values.tolist() == [[3, 2], [4, 3]]


def test_history_keeps_to_the_scope_and_the_child_filters(town):
    engine, ids = town
    scope = Scope.of_units([ids["C"]], TODAY)  # today C holds B1 only
    with engine.connect() as conn:
        scoped = unified_history(conn, view(ids, D4, scope=scope), [date(2018, 7, 1), D4])
        communes = unified_history(conn, view(ids, D1, kinds=("xa",)), [D1])  # A and D
    assert scoped[["villages", "unified"]].values.tolist() == [[1, 0], [1, 0]]
    assert communes[["villages", "unified"]].values.tolist() == [[3, 2]]


def test_history_points_are_month_ends_then_the_date():
    assert history_points(date(2019, 11, 15), date(2020, 2, 10)) == [
        date(2019, 11, 30), date(2019, 12, 31), date(2020, 1, 31), date(2020, 2, 10)]
    assert history_points(date(2020, 1, 1), date(2020, 1, 31)) == [date(2020, 1, 31)]
    points = history_points(date(2000, 1, 1), date(2020, 6, 15), months=3)
    assert points == [date(2020, 3, 31), date(2020, 4, 30), date(2020, 5, 31), date(2020, 6, 15)]


def test_village_table_lists_holders_by_commune(town):
    engine, ids = town
    with engine.connect() as conn:
        table = village_table(conn, view(ids, D1), limit=10)
    assert table["code"].tolist() == ["A1", "A2", "A3", "B1", "B2"]
    assert table["commune_code"].tolist() == ["A", "A", "A", "B", "B"]
    assert table["secretary"].tolist() == ["Người p1", "Người p2", "Người p4", "Người p5", "Người p6"]
    assert table["head"].tolist() == ["Người p1", "Người p3", "Người p4", None, "Người p6"]
    assert table["unified"].tolist() == [True, False, True, False, True]
    assert [None if pd.isna(v) else bool(v) for v in table["first_time"]] == [True, None, False, None, True]
    assert table["term"].tolist() == ["2017-2020", None, None, None, None]


def test_village_table_after_the_merger(town):
    engine, ids = town
    with engine.connect() as conn:
        table = village_table(conn, view(ids, D4), limit=10)
        commune_a = village_table(conn, view(ids, D4, unit="A"), limit=10)
    assert list(zip(table["commune_code"], table["code"])) == [("A", "A1"), ("A", "A2"), ("A", "A3"), ("A", "B2"),
                                                               ("C", "B1")]
    assert table.loc[0, ["secretary", "unified", "term"]].tolist() == ["Người p1", True, "2020-2025"]
    assert bool(table.loc[0, "first_time"]) is False
    assert table.loc[1, ["secretary", "head", "unified"]].tolist() == ["Người p3", "Người p3", True]
    assert commune_a["code"].tolist() == ["A1", "A2", "A3", "B2"]


def test_village_table_stops_one_past_the_limit(town):
    engine, ids = town
    with engine.connect() as conn:
        assert len(village_table(conn, view(ids, D1), limit=2)) == 3
        assert len(village_table(conn, view(ids, D1, scope=Scope.nothing()), limit=2)) == 0
