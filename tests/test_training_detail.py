"""The training page's data layer on the tiny town of tests/factory.py, with more courses,
every number counted by hand (on SQLite and PostgreSQL).

The tiny town (see ``factory.build_tiny_town``) plus, from ``add_courses``:

    K4 tập huấn run by A, 20-21/02/2019, 2 days, topic CD1:
       p3 (A2) 2 days completed (certificate), p1 (A1) 1 day not completed
    K5 bồi dưỡng run by D, 25/02/2019, 1 day, topic CD2: nobody recorded yet
    K6 tập huấn run by B, 15/01/2019, 1 day, topic CD1: p5 (B1) completed
    topic CD3 is on no course

On D1 = 01/03/2019 (a day period: flows from 02/03/2018) the children of T are A (A1, A2,
A3), B (B1, B2) and D. Cadres in post (posts from 01/07/2018, A3's from 01/01/2019):

    cadre  village  posts          first  completed training courses counted   trained
    p1     A1       secretary+head yes    K1 (CD1, CD2)                         yes
    p2     A2       secretary      no     — (K1 not completed)                  no
    p3     A2       head           yes    K4 (CD1)                              yes
    p4     A3       secretary+head no     K1 (ended 04/11/2018 >= 02/07/2018)   yes
    p5     B1       secretary      yes    K6 (CD1); K2 is a seminar             yes
    p6     B2       secretary+head yes    — (K3 of 2015 is too early)           no

Courses that ended in the period: K1 (04/11/2018), K6 (15/01/2019), K2 (01/02/2019),
K4 (21/02/2019), K5 (25/02/2019); K3 (2015) did not.
"""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.indicators import View
from dashboard.indicators.training_detail import (
    course_count,
    course_list,
    topic_count,
    topic_coverage,
    topic_list,
    untrained_cadres,
)
from dashboard.models import Topic
from dashboard.periods import day_period
from dashboard.scope import Scope

from .factory import Builder, build_tiny_town

TODAY = date(2022, 1, 1)
D1 = date(2019, 3, 1)


def add_courses(engine, ids) -> dict[str, int]:
    """The extra courses of the module docstring."""
    with engine.begin() as conn:
        b = Builder(conn)
        b.ids = dict(ids)
        b.ids["CD3"] = b._insert(Topic, code="CD3", name="Chuyên đề 3")
        b.course("K4", "tap_huan", date(2019, 2, 20), 2, organiser="A", topics=("CD1",))
        b.course("K5", "boi_duong", date(2019, 2, 25), 1, organiser="D", topics=("CD2",))
        b.course("K6", "tap_huan", date(2019, 1, 15), 1, organiser="B", topics=("CD1",))
        b.attend("K4", "p3", "A2", 2, True)
        b.attend("K4", "p1", "A1", 1, False)
        b.attend("K6", "p5", "B1", 1, True)
        return b.ids


@pytest.fixture
def town(engine):
    ids = build_tiny_town(engine)
    return engine, add_courses(engine, ids)


def view(ids, day=D1, unit="T", structure="as-of", **kwargs):
    return View(ids[unit], day_period(day, TODAY), structure, **kwargs)


COURSE_FIGURES = ["code", "learners", "completed", "certificates", "days_attended"]


def test_courses_of_the_town_with_learners_counted_where_they_came_from(town):
    """K1: p1 4 days + p2 2 days (not completed) + p4 4 days = 3 learners, 2 completed,
    2 certificates, 10 days; K4: p3 2 + p1 1 = 2 learners, 1 completed; K6 and K2: p5,
    1 day each (no certificate at the seminar); K5: run by D (below T), no learner.
    Most learners first, then by start date."""
    engine, ids = town
    with engine.connect() as conn:
        courses = course_list(conn, view(ids))
        total = course_count(conn, view(ids))
    assert courses[COURSE_FIGURES].values.tolist() == [
        ["K1", 3, 2, 2, 10.0],
        ["K4", 2, 1, 1, 3.0],
        ["K6", 1, 1, 1, 1.0],
        ["K2", 1, 1, 0, 1.0],
        ["K5", 0, 0, 0, 0.0],
    ]
    assert total == 5
    k1 = courses.iloc[0]
    assert (k1["kind"], k1["start_date"], k1["end_date"], k1["days"]) == ("boi_duong", date(2018, 11, 1),
                                                                          date(2018, 11, 4), 4.0)
    assert (k1["organiser_code"], k1["organiser_kind"], k1["topics"]) == ("T", "thi_xa", "CD1,CD2")
    assert courses.set_index("code")["topics"].to_dict() == {
        "K1": "CD1,CD2", "K4": "CD1", "K6": "CD1", "K2": "CD2", "K5": "CD2"}


def test_a_commune_sees_its_learners_and_the_courses_run_above_it(town):
    """For A: K1 (3 learners from A1, A2 and A itself), K4 (run by A, 2 learners), K2 (run
    by T above A, no learner from A). K6 (run by B, learner from B1) and K5 (run by D)
    are neither A's nor above or below it."""
    engine, ids = town
    with engine.connect() as conn:
        courses = course_list(conn, view(ids, unit="A"))
        total = course_count(conn, view(ids, unit="A"))
    assert courses[["code", "learners"]].values.tolist() == [["K1", 3], ["K4", 2], ["K2", 0]]
    assert total == 3


def test_course_limit_keeps_the_most_learners_and_the_count_says_how_many(town):
    engine, ids = town
    with engine.connect() as conn:
        courses = course_list(conn, view(ids), limit=2)
        total = course_count(conn, view(ids))
    assert courses["code"].tolist() == ["K1", "K4"]
    assert total == 5


def test_child_filter_counts_only_the_chosen_children_learners(town):
    """Only B: K6 and K2 have a learner from B (p5); K1 is run by T (the page's unit) and
    stays with 0 learners; K4 (run by A) and K5 (run by D) are filtered out."""
    engine, ids = town
    with engine.connect() as conn:
        courses = course_list(conn, view(ids, unit_ids=(ids["B"],)))
    assert courses[["code", "learners"]].values.tolist() == [["K6", 1], ["K2", 1], ["K1", 0]]


def test_scope_hides_learners_and_organisers_outside_it(town):
    """A user who sees A only, on T's page: A's learners at K1 and K4; K2 (run by T, no
    learner from A), K5 (run by D) and K6 (run by B, learner from B1) are out of scope."""
    engine, ids = town
    with engine.connect() as conn:
        courses = course_list(conn, view(ids, scope=Scope.of_units([ids["A"]], TODAY)))
    assert courses[["code", "learners"]].values.tolist() == [["K1", 3], ["K4", 2]]


def test_no_course_in_a_period_before_any(town):
    engine, ids = town
    with engine.connect() as conn:
        courses = course_list(conn, view(ids, day=date(2018, 10, 31)))  # K1 ends 04/11/2018
        total = course_count(conn, view(ids, day=date(2018, 10, 31)))
    assert courses.empty and total == 0


def test_topic_coverage_per_child_and_total(town):
    """Covered (by a completed class or training session counted for the post):
    A (p1, p2, p3, p4): CD1 by p1, p3, p4 = 3; CD2 by p1, p4 = 2; CD3 by nobody.
    B (p5, p6): CD1 by p5 = 1 (K2, a seminar on CD2, does not count); CD2, CD3: 0.
    T: 6 cadres; CD1 4, CD2 2, CD3 0. D has no cadres: no rows."""
    engine, ids = town
    with engine.connect() as conn:
        topics = topic_list(conn)
        coverage = topic_coverage(conn, view(ids), topics["topic_id"].tolist())
        assert topic_count(conn) == 3
    assert topics["code"].tolist() == ["CD1", "CD2", "CD3"]
    code = dict(zip(topics["topic_id"], topics["code"]))
    got = {(g, code[t]): (c, n) for g, t, n, c in coverage[["group_id", "topic_id", "cadres", "covered"]].values}
    assert got == {
        (ids["A"], "CD1"): (3, 4), (ids["A"], "CD2"): (2, 4), (ids["A"], "CD3"): (0, 4),
        (ids["B"], "CD1"): (1, 2), (ids["B"], "CD2"): (0, 2), (ids["B"], "CD3"): (0, 2),
        (ids["T"], "CD1"): (4, 6), (ids["T"], "CD2"): (2, 6), (ids["T"], "CD3"): (0, 6),
    }


def test_topic_coverage_counts_nothing_before_the_course_ended(town):
    """On 03/11/2018 K1 has not ended yet: 5 cadres (A3 does not exist yet), none covered."""
    engine, ids = town
    with engine.connect() as conn:
        topics = topic_list(conn)
        coverage = topic_coverage(conn, view(ids, day=date(2018, 11, 3)), topics["topic_id"].tolist())
    total = coverage[coverage["group_id"] == ids["T"]]
    assert total["cadres"].tolist() == [5, 5, 5] and total["covered"].tolist() == [0, 0, 0]


def test_untrained_cadres_first_timers_first(town):
    """p6 (B2, secretary and head, first-time) then p2 (A2, secretary, re-elected)."""
    engine, ids = town
    with engine.connect() as conn:
        rows = untrained_cadres(conn, view(ids))
    assert rows[["full_name", "village_code", "commune_code", "secretary", "head", "first_time",
                 "start_date"]].values.tolist() == [
        ["Người p6", "B2", "B", True, True, True, date(2018, 7, 1)],
        ["Người p2", "A2", "A", True, False, False, date(2018, 7, 1)],
    ]
    assert rows["commune_kind"].tolist() == ["phuong", "xa"]


def test_untrained_cadres_of_a_commune_and_the_limit(town):
    engine, ids = town
    with engine.connect() as conn:
        of_a = untrained_cadres(conn, view(ids, unit="A"))
        first_only = untrained_cadres(conn, view(ids), limit=1)
    assert of_a["full_name"].tolist() == ["Người p2"]
    assert first_only["full_name"].tolist() == ["Người p6"]


def test_untrained_cadres_on_todays_structure_name_todays_commune(town):
    """On today's structure B2 belongs to A (since 01/07/2019): p6 is listed under A."""
    engine, ids = town
    with engine.connect() as conn:
        rows = untrained_cadres(conn, view(ids, structure="current"))
        topics = topic_list(conn)
        coverage = topic_coverage(conn, view(ids, structure="current"), topics["topic_id"].tolist())
    assert rows[["full_name", "commune_code"]].values.tolist() == [["Người p6", "A"], ["Người p2", "A"]]
    # today A holds p1..p4 and p6 (5 cadres), C holds p5
    cd1 = topics.set_index("code").loc["CD1", "topic_id"]
    by_group = coverage[coverage["topic_id"] == cd1].set_index("group_id")
    assert by_group.loc[ids["A"], ["cadres", "covered"]].tolist() == [5, 3]
    assert by_group.loc[ids["C"], ["cadres", "covered"]].tolist() == [1, 1]


def test_empty_scope_lists_nobody(town):
    engine, ids = town
    with engine.connect() as conn:
        rows = untrained_cadres(conn, view(ids, scope=Scope.nothing()))
        courses = course_list(conn, view(ids, scope=Scope.nothing()))
    assert rows.empty and courses.empty
