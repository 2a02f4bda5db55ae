"""Each indicator on the tiny town of tests/factory.py, numbers counted by hand."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.indicators import (
    View,
    board_activity,
    briefing_regularity,
    ratio,
    silent_boards,
    summary,
    training_flow,
    training_status,
    unified_coverage,
)
from dashboard.periods import day_period, make_period
from dashboard.scope import Scope

from .factory import build_tiny_town

TODAY = date(2022, 1, 1)
D1 = date(2019, 3, 1)   # before B2 moved to A
D2 = date(2019, 9, 1)   # after B2 moved to A
D3 = date(2021, 6, 1)   # after B merged into C


@pytest.fixture
def town(engine):
    return engine, build_tiny_town(engine)


def view(ids, day, structure="as-of", unit="T", **kwargs):
    return View(ids[unit], day_period(day, TODAY), structure, **kwargs)


def rows(frame, ids, keys):
    """{key: row} for the units named by ``keys`` (their ids are the frame's index)."""
    return {key: frame.loc[ids[key]] for key in keys}


def test_unified_coverage_per_commune_and_total(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, D1))
    got = rows(frame, ids, ["A", "B", "T"])
    assert got["A"][["villages", "unified", "first_time", "secretary_vacant", "head_vacant"]].tolist() == [3, 2, 1, 0, 0]
    assert got["B"][["villages", "unified", "first_time", "secretary_vacant", "head_vacant"]].tolist() == [2, 1, 1, 0, 1]
    assert got["T"][["villages", "unified", "first_time", "secretary_vacant", "head_vacant"]].tolist() == [5, 3, 2, 0, 1]
    assert ids["D"] not in frame.index  # no villages: no row; summary fills zeros


def test_village_that_changed_commune_counts_where_it_was_on_the_date(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, D2))
    assert frame.loc[ids["A"], ["villages", "unified"]].tolist() == [4, 3]
    assert frame.loc[ids["B"], ["villages", "unified"]].tolist() == [1, 0]
    assert frame.loc[ids["T"], ["villages", "unified"]].tolist() == [5, 3]


def test_village_not_yet_created_is_not_counted(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, date(2018, 12, 31)))
    # A3 starts on 2019-01-01
    assert frame.loc[ids["A"], "villages"] == 2
    assert frame.loc[ids["T"], "villages"] == 4


def test_current_structure_rolls_history_onto_todays_units(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, D1, "current"))
    # on today's structure B2 belongs to A and B1 to C; B is gone
    assert frame.loc[ids["A"], ["villages", "unified"]].tolist() == [4, 3]
    assert frame.loc[ids["C"], ["villages", "unified", "head_vacant"]].tolist() == [1, 0, 1]
    assert ids["B"] not in frame.index
    assert frame.loc[ids["T"], ["villages", "unified"]].tolist() == [5, 3]


def test_as_of_structure_after_merger_shows_the_successor(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, D3))
    assert frame.loc[ids["C"], ["villages", "unified"]].tolist() == [1, 0]
    assert ids["B"] not in frame.index


def test_denominator_zero_is_no_data():
    assert ratio(0, 0) is None
    assert ratio(3, 4) == 0.75


def test_unit_with_no_villages_gets_zeros_in_the_summary(town):
    engine, ids = town
    with engine.connect() as conn:
        table = summary(conn, view(ids, D1))
    d_row = table[table["unit_id"] == ids["D"]].iloc[0]
    assert d_row["villages"] == 0 and d_row["unified"] == 0
    assert ratio(d_row["unified"], d_row["villages"]) is None
    assert table["is_total"].tolist() == [False, False, False, True]
    assert table.iloc[-1]["unit_id"] == ids["T"]


def test_training_status(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = training_status(conn, view(ids, D1))
    columns = ["cadres", "trained", "first_time_cadres", "first_time_untrained"]
    assert frame.loc[ids["A"], columns].tolist() == [4, 2, 2, 1]
    assert frame.loc[ids["B"], columns].tolist() == [2, 0, 2, 2]
    assert frame.loc[ids["T"], columns].tolist() == [6, 2, 4, 3]


def test_training_before_the_course_ended_does_not_count(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = training_status(conn, view(ids, date(2018, 11, 3)))  # K1 ends 2018-11-04
    assert frame.loc[ids["T"], "trained"] == 0


def test_training_flow_counts_people_and_participations(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = training_flow(conn, view(ids, D1))
    columns = ["courses", "participations", "people", "completed", "certificates", "days_attended", "days_held"]
    assert frame.loc[ids["A"], columns].tolist() == [1, 3, 3, 2, 2, 10, 12]
    assert frame.loc[ids["B"], columns].tolist() == [1, 1, 1, 1, 0, 1, 1]
    assert frame.loc[ids["T"], columns].tolist() == [2, 4, 4, 3, 2, 11, 13]


def test_board_activity(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = board_activity(conn, view(ids, D1))
    columns = ["boards", "boards_bttnd", "boards_gsdtcd", "active_boards", "activities",
               "supervisions", "recommendations", "resolved", "money_recovered"]
    assert frame.loc[ids["A"], columns].tolist() == [1, 1, 0, 1, 3, 1, 2, 1, 0]
    assert frame.loc[ids["B"], columns].tolist() == [2, 1, 1, 1, 1, 1, 1, 1, 5_000_000]
    assert frame.loc[ids["T"], columns].tolist() == [3, 2, 1, 2, 4, 2, 3, 2, 5_000_000]


def test_silent_boards_in_the_last_complete_quarter(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = silent_boards(conn, view(ids, D1))  # last complete quarter: Q4 2018
    assert frame.loc[ids["B"], ["silent_boards", "silent_bttnd", "silent_gsdtcd"]].tolist() == [2, 1, 1]
    assert frame["silent_boards"].get(ids["A"], 0) == 0  # BA met on 2018-11-20
    assert frame.loc[ids["T"], "silent_boards"] == 2


def test_briefings_due_and_held(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = briefing_regularity(conn, view(ids, D1))
    # window 02/03/2018-01/03/2019: 12 complete months (03/2018 .. 02/2019)
    assert frame.loc[ids["A"], ["months_due", "months_held"]].tolist() == [12, 11]
    assert frame.loc[ids["B"], ["months_due", "months_held"]].tolist() == [12, 6]
    assert frame.loc[ids["D"], ["months_due", "months_held"]].tolist() == [12, 0]
    assert frame.loc[ids["T"], ["months_due", "months_held"]].tolist() == [36, 17]


def test_briefings_in_a_quarter(town):
    engine, ids = town
    period = make_period("quarter", date(2018, 8, 15), TODAY)  # Q3 2018
    with engine.connect() as conn:
        frame = briefing_regularity(conn, View(ids["T"], period))
    assert frame.loc[ids["A"], ["months_due", "months_held"]].tolist() == [3, 3]
    assert frame.loc[ids["B"], ["months_due", "months_held"]].tolist() == [3, 2]


def test_child_filters_make_the_total_the_filtered_children(town):
    engine, ids = town
    with engine.connect() as conn:
        only_communes = unified_coverage(conn, view(ids, D1, kinds=("xa",)))
        only_b = unified_coverage(conn, view(ids, D1, unit_ids=(ids["B"],)))
    assert only_communes.loc[ids["T"], ["villages", "unified"]].tolist() == [3, 2]  # A (and D)
    assert ids["B"] not in only_communes.index
    assert only_b.loc[ids["T"], ["villages", "unified"]].tolist() == [2, 1]
    assert ids["A"] not in only_b.index


def test_a_commune_page_shows_its_villages(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, D2, unit="A"))
    assert {k: frame.loc[ids[k], "unified"] for k in ("A1", "A2", "A3", "B2")} == {"A1": 1, "A2": 0, "A3": 1, "B2": 1}
    assert frame.loc[ids["A"], ["villages", "unified"]].tolist() == [4, 3]


def test_scope_keeps_only_records_of_the_scoped_unit(town):
    engine, ids = town
    scope = Scope.of_units([ids["C"]], TODAY)  # today C holds B1 only
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, D1, scope=scope))
    assert frame.loc[ids["T"], ["villages", "unified"]].tolist() == [1, 0]
    assert frame.loc[ids["B"], "villages"] == 1
    assert ids["A"] not in frame.index


def test_empty_scope_sees_nothing(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = unified_coverage(conn, view(ids, D1, scope=Scope.nothing()))
    assert frame.loc[ids["T"], "villages"] == 0
    assert list(frame.index) == [ids["T"]]


def test_the_previous_period_computes_what_the_headline_cards_compare():
    """The overview's previous period runs only the measures behind the headline cards:
    every numerator and denominator of ``definitions.HEADLINE`` is among their columns."""
    from dashboard.definitions import HEADLINE, get
    from dashboard.indicators.summary import HEADLINE_MEASURES, MEASURES
    from dashboard.indicators import BOARD_COLUMNS, BRIEFING_COLUMNS, TRAINING_STATUS_COLUMNS, UNIFIED_COLUMNS

    columns = {"unified": UNIFIED_COLUMNS, "training_status": TRAINING_STATUS_COLUMNS, "boards": BOARD_COLUMNS,
               "briefings": BRIEFING_COLUMNS}
    assert set(HEADLINE_MEASURES) <= set(MEASURES)
    covered = {c for name in HEADLINE_MEASURES for c in columns[name]}
    for key in HEADLINE:
        assert {get(key).numerator, get(key).denominator} <= covered, key
