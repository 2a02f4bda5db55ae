"""One village's posts, its holders' training and the oversight activities about it, on
the town of tests/factory_unified.py, counted by hand.

A1: p1 secretary and head from 01/07/2018 to 30/06/2020 (term 2017-2020, first-time),
    again from 01/07/2020 (term 2020-2025, re-elected); p1 completed K1 (bồi dưỡng,
    01/11/2018 .. 04/11/2018, 4 of 4 days, certificate); BA's supervision of 05/05/2019
    names A1 (3 recommendations, 2 resolved).
B1: p5 secretary from 01/07/2018 (first-time), no head; p5 completed the seminar K2
    (01/02/2019, no certificate); board GB's project is in B1, so its supervision of
    15/07/2018 (1 recommendation, resolved) concerns B1 although the activity names no
    village.
"""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.indicators import View
from dashboard.periods import day_period
from dashboard.scope import Scope
from dashboard.village import village_activities, village_posts, village_status, village_trainings

from .factory_unified import build_unified_town

TODAY = date(2022, 1, 1)


@pytest.fixture
def town(engine):
    return engine, build_unified_town(engine)


def village_view(ids, key, day, **kwargs):
    return View(ids[key], day_period(day, TODAY), **kwargs)


def test_posts_across_terms_newest_first(town):
    engine, ids = town
    with engine.connect() as conn:
        posts = village_posts(conn, village_view(ids, "A1", date(2021, 6, 1)))
    rows = posts[["role", "person", "term", "start_date", "end_date", "first_time", "current"]].values.tolist()
    assert rows == [
        ["secretary", "Người p1", "2020-2025", date(2020, 7, 1), None, False, True],
        ["head", "Người p1", "2020-2025", date(2020, 7, 1), None, False, True],
        ["secretary", "Người p1", "2017-2020", date(2018, 7, 1), date(2020, 6, 30), True, False],
        ["head", "Người p1", "2017-2020", date(2018, 7, 1), date(2020, 6, 30), True, False],
    ]


def test_posts_that_began_after_the_date_are_not_shown(town):
    engine, ids = town
    with engine.connect() as conn:
        posts = village_posts(conn, village_view(ids, "A1", date(2019, 3, 1)))
    assert posts["start_date"].tolist() == [date(2018, 7, 1), date(2018, 7, 1)]
    assert posts["current"].tolist() == [True, True]


def test_status_on_the_date(town):
    engine, ids = town
    with engine.connect() as conn:
        a1 = village_status(conn, village_view(ids, "A1", date(2021, 6, 1)))
        a1_before = village_status(conn, village_view(ids, "A1", date(2019, 3, 1)))
        b1 = village_status(conn, village_view(ids, "B1", date(2019, 3, 1)))
        a3_before_it_existed = village_status(conn, village_view(ids, "A3", date(2018, 12, 31)))
    assert {key: a1[key] for key in {"villages": 1, "unified": 1, "first_time": 0, "secretary_vacant": 0, "head_vacant": 0}} == {"villages": 1, "unified": 1, "first_time": 0, "secretary_vacant": 0, "head_vacant": 0}
    assert a1_before["first_time"] == 1
    assert {key: b1[key] for key in {"villages": 1, "unified": 0, "first_time": 0, "secretary_vacant": 0, "head_vacant": 1}} == {"villages": 1, "unified": 0, "first_time": 0, "secretary_vacant": 0, "head_vacant": 1}
    assert a3_before_it_existed["villages"] == 0


def test_trainings_of_the_holders(town):
    engine, ids = town
    with engine.connect() as conn:
        a1 = village_trainings(conn, village_view(ids, "A1", date(2021, 6, 1)))
        a1_early = village_trainings(conn, village_view(ids, "A1", date(2018, 10, 31)))
        b1 = village_trainings(conn, village_view(ids, "B1", date(2019, 3, 1)))
    assert a1[["person", "course_code", "kind", "start_date", "end_date", "days_held", "days_attended",
               "completed", "certificate"]].values.tolist() == [
        ["Người p1", "K1", "boi_duong", date(2018, 11, 1), date(2018, 11, 4), 4.0, 4.0, True, True]]
    assert a1_early.empty  # K1 began on 01/11/2018
    assert b1[["course_code", "kind", "completed", "certificate"]].values.tolist() == [
        ["K2", "toa_dam", True, False]]


def test_activities_about_the_village_or_its_boards_project(town):
    engine, ids = town
    with engine.connect() as conn:
        a1 = village_activities(conn, village_view(ids, "A1", date(2021, 6, 1)))
        a1_early = village_activities(conn, village_view(ids, "A1", date(2019, 5, 4)))
        b1 = village_activities(conn, village_view(ids, "B1", date(2019, 3, 1)))
        a2 = village_activities(conn, village_view(ids, "A2", date(2021, 6, 1)))
    assert a1[["date", "board", "board_kind", "kind", "recommendations_made", "recommendations_resolved"]] \
        .values.tolist() == [[date(2019, 5, 5), "Ban BA", "bttnd", "supervision", 3, 2]]
    assert a1_early.empty
    assert b1[["date", "board", "board_kind", "kind", "recommendations_made", "recommendations_resolved"]] \
        .values.tolist() == [[date(2018, 7, 15), "Ban GB", "gsdtcd", "supervision", 1, 1]]
    assert a2.empty


def test_a_village_outside_the_scope_shows_nothing(town):
    engine, ids = town
    scope = Scope.of_units([ids["C"]], TODAY)  # C holds B1 only
    day = date(2021, 6, 1)
    with engine.connect() as conn:
        hidden = village_view(ids, "A1", day, scope=scope)
        seen = village_view(ids, "B1", day, scope=scope)
        assert village_posts(conn, hidden).empty
        assert village_trainings(conn, hidden).empty
        assert village_activities(conn, hidden).empty
        assert village_status(conn, hidden)["villages"] == 0
        assert len(village_posts(conn, seen)) == 1
        assert len(village_activities(conn, seen)) == 1
