"""Community oversight in detail (dashboard/indicators/oversight_detail.py) on the tiny
town of tests/factory.py plus two records, every number counted by hand.

On top of ``build_tiny_town`` (boards BA of A, BB and GB of B; see its docstring):
    GA  gsdtcd of A, project village A2, 2018-09-01..2019-06-30, 6 members:
        2018-10-15 supervision, no village of its own (1 made, 0 resolved,
        3.000.000 đ settlement reduction)
    BA  2018-12-05 inspection in village A1 (3 made, 2 resolved, 1.000.000 đ recovered,
        12,5 m² of land)

The view is the town T on D1 = 01/03/2019 ("on the date": activity from 02/03/2018 to
01/03/2019). Its children that day are A, B and D. Activities in that window:
    BA 2018-05-10 supervision (2/1), 2018-11-20 meeting, 2018-12-05 inspection A1 (3/2),
       2019-02-10 meeting                                     -> A, bttnd
    GA 2018-10-15 supervision (1/0)                           -> A, gsdtcd (village A2)
    GB 2018-07-15 supervision (1/1, village B1 from its board) -> B, gsdtcd
    BB has only 2017-12-01, before the window.
"""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.indicators import View, board_activity, silent_boards
from dashboard.periods import last_complete_quarter
from dashboard.indicators.oversight_detail import (
    activity_by_month,
    activity_list,
    board_list,
    briefing_months,
)
from dashboard.models import Board, BoardActivity
from dashboard.periods import day_period, make_period
from dashboard.scope import Scope

from .factory import Builder, build_tiny_town

TODAY = date(2022, 1, 1)
D1 = date(2019, 3, 1)


def build_oversight_town(engine) -> dict[str, int]:
    ids = build_tiny_town(engine)
    with engine.begin() as conn:
        b = Builder(conn)
        b.ids = dict(ids)
        b.ids["GA"] = b._insert(Board, code="GA", kind="gsdtcd", unit_id=ids["A"], name="Ban GA",
                                project="Đường thôn A2", village_id=ids["A2"],
                                valid_from=date(2018, 9, 1), valid_to=date(2019, 6, 30), members=6)
        b._insert(BoardActivity, code="GA-1", board_id=b.ids["GA"], date=date(2018, 10, 15),
                  kind="supervision", subject="Giám sát vật liệu", recommendations_made=1,
                  recommendations_resolved=0, settlement_reduction=3_000_000)
        b._insert(BoardActivity, code="BA-A1", board_id=ids["BA"], date=date(2018, 12, 5),
                  kind="inspection", subject="Kiểm tra thôn A1", village_id=ids["A1"],
                  recommendations_made=3, recommendations_resolved=2, money_recovered=1_000_000,
                  land_recovered_m2=12.5)
    return b.ids


@pytest.fixture
def town(engine):
    return engine, build_oversight_town(engine)


def view(ids, day=D1, unit="T", structure="as-of", **kwargs):
    return View(ids[unit], day_period(day, TODAY), structure, **kwargs)


def month_rows(frame, ids):
    """{(unit key, kind, "YYYY-MM"): (activities, supervisions, made, resolved)}."""
    names = {v: k for k, v in ids.items() if k in ("T", "A", "B", "C", "D", "A1", "A2", "A3", "B1", "B2")}
    return {(names[r.group_id], r.board_kind, r.month.strftime("%Y-%m")):
            (r.activities, r.supervisions, r.recommendations, r.resolved) for r in frame.itertuples()}


def test_activity_by_month_per_child_kind_and_month(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = activity_by_month(conn, view(ids))
    by_board = {
        ("bttnd", "2018-05"): (1, 1, 2, 1),
        ("bttnd", "2018-11"): (1, 0, 0, 0),
        ("bttnd", "2018-12"): (1, 1, 3, 2),  # an inspection counts as a supervision
        ("bttnd", "2019-02"): (1, 0, 0, 0),
        ("gsdtcd", "2018-10"): (1, 1, 1, 0),
    }
    expected = {("A", kind, month): value for (kind, month), value in by_board.items()}
    expected[("B", "gsdtcd", "2018-07")] = (1, 1, 1, 1)
    # the total row (T) holds every activity once
    expected.update({("T", kind, month): value for (kind, month), value in by_board.items()})
    expected[("T", "gsdtcd", "2018-07")] = (1, 1, 1, 1)
    assert month_rows(frame, ids) == expected
    assert all(isinstance(m, date) for m in frame["month"])


def test_activity_by_month_adds_up_to_board_activity(town):
    """The heatmap and the KPIs count the same activities: A 5 (3 supervisions, 6 made,
    3 resolved), B 1, T 6."""
    engine, ids = town
    with engine.connect() as conn:
        frame = activity_by_month(conn, view(ids))
        boards = board_activity(conn, view(ids))
    sums = frame.groupby("group_id")[["activities", "supervisions", "recommendations", "resolved"]].sum()
    for key, expected in {"A": [5, 3, 6, 3], "B": [1, 1, 1, 1], "T": [6, 4, 7, 4]}.items():
        assert sums.loc[ids[key]].tolist() == expected
        assert boards.loc[ids[key], ["activities", "supervisions", "recommendations", "resolved"]].tolist() == expected


def test_on_a_communes_page_activity_counts_in_the_village_it_concerns(town):
    """A's children on D1: A1, A2, A3. The A1 inspection goes to A1; GA's supervision has
    no village of its own and goes to its project's village A2; BA's other activities
    concern no village and count only in A's total."""
    engine, ids = town
    with engine.connect() as conn:
        frame = activity_by_month(conn, view(ids, unit="A"), by_village=True)
    assert month_rows(frame, ids) == {
        ("A1", "bttnd", "2018-12"): (1, 1, 3, 2),
        ("A2", "gsdtcd", "2018-10"): (1, 1, 1, 0),
        ("A", "bttnd", "2018-05"): (1, 1, 2, 1),
        ("A", "bttnd", "2018-11"): (1, 0, 0, 0),
        ("A", "bttnd", "2018-12"): (1, 1, 3, 2),
        ("A", "bttnd", "2019-02"): (1, 0, 0, 0),
        ("A", "gsdtcd", "2018-10"): (1, 1, 1, 0),
    }


def test_activity_by_month_keeps_to_the_scope(town):
    """A scope of C sees, on today's structure, C's predecessor B and so GB's activity."""
    engine, ids = town
    with engine.connect() as conn:
        frame = activity_by_month(conn, view(ids, scope=Scope.of_units([ids["C"]], TODAY)))
    assert month_rows(frame, ids) == {("B", "gsdtcd", "2018-07"): (1, 1, 1, 1),
                                      ("T", "gsdtcd", "2018-07"): (1, 1, 1, 1)}


def test_activity_by_month_in_a_month_period(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = activity_by_month(conn, View(ids["T"], make_period("month", date(2018, 12, 1), TODAY)))
    assert month_rows(frame, ids) == {("A", "bttnd", "2018-12"): (1, 1, 3, 2),
                                      ("T", "bttnd", "2018-12"): (1, 1, 3, 2)}


def test_boards_silent_in_the_period(town):
    """Boards whose term meets the window: BA (4 activities), BB (0), GB (1), GA (1).
    Only BB is silent; it last acted on 2017-12-01. board_activity agrees: 4 boards, 3
    active."""
    engine, ids = town
    v = view(ids)
    with engine.connect() as conn:
        frame, count = board_list(conn, v, v.period.start, v.as_of, silent=True)
        boards = board_activity(conn, v)
    assert count == 1
    assert frame[["code", "kind", "unit_code", "activities", "last_activity"]].values.tolist() == [
        ["BB", "bttnd", "B", 0, date(2017, 12, 1)]]
    assert frame.iloc[0]["valid_to"] == date(2020, 12, 31)
    assert frame.iloc[0]["project"] is None and frame.iloc[0]["village_name"] is None
    total = boards.loc[ids["T"]]
    assert total["boards"] - total["active_boards"] == count


def test_every_board_of_the_period_silent_longest_first(town):
    """Ordered by last activity on or before D1: BB 2017-12-01, GB 2018-07-15,
    GA 2018-10-15, BA 2019-02-10."""
    engine, ids = town
    v = view(ids)
    with engine.connect() as conn:
        frame, count = board_list(conn, v, v.period.start, v.as_of)
    assert count == 4
    assert frame[["code", "activities", "members"]].values.tolist() == [
        ["BB", 0, 5], ["GB", 1, 5], ["GA", 1, 6], ["BA", 4, 5]]
    ga = frame[frame["code"] == "GA"].iloc[0]
    assert (ga["project"], ga["village_name"], ga["unit_name"], ga["unit_kind"]) == ("Đường thôn A2", "A2", "A", "xa")
    assert (ga["valid_from"], ga["valid_to"]) == (date(2018, 9, 1), date(2019, 6, 30))
    assert frame[frame["code"] == "BA"].iloc[0]["valid_to"] is None


def test_boards_silent_in_the_last_complete_quarter(town):
    """Q4 2018: all four boards are in office for the whole quarter; BA (20/11, 05/12)
    and GA (15/10) acted in it, BB and GB did not. silent_boards counts the same 2."""
    engine, ids = town
    v = view(ids)
    start, end = last_complete_quarter(v.as_of)
    assert (start, end) == (date(2018, 10, 1), date(2018, 12, 31))
    with engine.connect() as conn:
        frame, count = board_list(conn, v, start, end, silent=True, whole_window=True)
        first, total = board_list(conn, v, start, end, silent=True, whole_window=True, limit=1)
        counted = silent_boards(conn, v)
    assert count == 2 and frame["code"].tolist() == ["BB", "GB"]
    assert counted.loc[ids["T"], "silent_boards"] == count
    assert (first["code"].tolist(), total) == (["BB"], 2)


def test_a_board_not_in_office_all_quarter_is_not_silent_for_it(town):
    """Q1 2019 (as of 2019-04-01): GB ended on 2018-12-31 and BB has no activity; BA
    met on 10/02; GA did nothing but is in office all quarter: BB and GA are silent."""
    engine, ids = town
    v = view(ids, day=date(2019, 4, 1))
    start, end = last_complete_quarter(v.as_of)
    with engine.connect() as conn:
        frame, count = board_list(conn, v, start, end, silent=True, whole_window=True)
    assert (start, end) == (date(2019, 1, 1), date(2019, 3, 31))
    assert frame["code"].tolist() == ["BB", "GA"] and count == 2


def test_child_filters_apply_to_the_lists(town):
    """Keeping only communes of kind xã (A and D) leaves B's silent board out."""
    engine, ids = town
    v = view(ids, kinds=("xa",))
    with engine.connect() as conn:
        frame, count = board_list(conn, v, v.period.start, v.as_of, silent=True)
        everything, total = board_list(conn, v, v.period.start, v.as_of)
    assert (frame.empty, count) == (True, 0)
    assert everything["code"].tolist() == ["GA", "BA"] and total == 2


def test_activity_list_most_recent_first_with_the_village_concerned(town):
    engine, ids = town
    with engine.connect() as conn:
        frame, count = activity_list(conn, view(ids), limit=10)
        first_two, total = activity_list(conn, view(ids), limit=2)
    assert count == 6
    assert frame[["date", "board_name", "board_kind", "unit_name", "village_name", "kind",
                  "recommendations", "resolved"]].values.tolist() == [
        [date(2019, 2, 10), "Ban BA", "bttnd", "A", None, "meeting", 0, 0],
        [date(2018, 12, 5), "Ban BA", "bttnd", "A", "A1", "inspection", 3, 2],
        [date(2018, 11, 20), "Ban BA", "bttnd", "A", None, "meeting", 0, 0],
        [date(2018, 10, 15), "Ban GA", "gsdtcd", "A", "A2", "supervision", 1, 0],
        [date(2018, 7, 15), "Ban GB", "gsdtcd", "B", "B1", "supervision", 1, 1],
        [date(2018, 5, 10), "Ban BA", "bttnd", "A", None, "supervision", 2, 1],
    ]
    inspection = frame.iloc[1]
    assert (inspection["money_recovered"], inspection["land_recovered_m2"], inspection["subject"]) == (
        1_000_000, 12.5, "Kiểm tra thôn A1")
    assert frame.iloc[3]["settlement_reduction"] == 3_000_000
    assert (len(first_two), total) == (2, 6)
    assert first_two["date"].tolist() == [date(2019, 2, 10), date(2018, 12, 5)]


def test_activity_list_of_a_commune(town):
    engine, ids = town
    with engine.connect() as conn:
        frame, count = activity_list(conn, view(ids, unit="B"), limit=10)
    assert count == 1 and frame["board_name"].tolist() == ["Ban GB"]


def test_briefing_months_of_a_commune(town):
    """A, 03/2018-02/2019 (12 months due): one briefing on the 5th of every month but
    01/2019; two in 06/2018 (05 and 25), 10 attendees each."""
    engine, ids = town
    with engine.connect() as conn:
        frame = briefing_months(conn, view(ids, unit="A"))
    assert frame["month"].tolist() == [date(2018, m, 1) for m in range(3, 13)] + [date(2019, 1, 1), date(2019, 2, 1)]
    assert frame["briefings"].tolist() == [1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 0, 1]
    assert frame["attendees"].tolist() == [10, 10, 10, 20, 10, 10, 10, 10, 10, 10, 0, 10]
    assert frame.iloc[3]["first_date"] == date(2018, 6, 5)
    assert frame.iloc[10]["first_date"] is None
    assert set(frame["unit_code"]) == {"A"}


def test_briefing_months_of_the_town_cover_every_commune(town):
    """A, B and D, 12 months each: 11 + 6 + 0 = 17 held, as briefing_regularity says."""
    engine, ids = town
    with engine.connect() as conn:
        frame = briefing_months(conn, view(ids))
    assert len(frame) == 36
    held = frame[frame["briefings"] > 0].groupby("unit_code").size().to_dict()
    assert held == {"A": 11, "B": 6}


def test_briefing_months_on_todays_structure_include_the_predecessor(town):
    """C did not exist in 2018; on today's structure its page holds B's briefings
    (03/2018-08/2018 held, 09/2018-02/2019 missed)."""
    engine, ids = town
    with engine.connect() as conn:
        frame = briefing_months(conn, view(ids, unit="C", structure="current"))
    assert set(frame["unit_code"]) == {"B"}
    assert frame["briefings"].tolist() == [1] * 6 + [0] * 6


def test_no_month_due_yet(town):
    engine, ids = town
    with engine.connect() as conn:
        frame = briefing_months(conn, View(ids["A"], make_period("month", date(2021, 12, 1), date(2021, 12, 20))))
    assert frame.empty and list(frame.columns)[:3] == ["unit_id", "unit_code", "unit_name"]


def test_grid_rows_carry_no_database_ids():
    """Row ids of the board and activity grids are positions: a database id shows
    nothing to a reader and says how many records the database holds."""
    from datetime import date

    import pandas as pd

    from layouts import commune_oversight, oversight

    boards = pd.DataFrame([{"board_id": 9123, "kind": "bttnd", "name": "Ban A", "project": None, "village_name": None,
                            "unit_kind": "xa", "unit_name": "An Lạc", "valid_from": date(2023, 1, 1),
                            "valid_to": None, "members": 5, "activities": 2, "last_activity": None}] * 2)
    activities = pd.DataFrame([{"activity_id": 7777, "date": date(2023, 8, 15), "board_name": "Ban A",
                                "board_kind": "bttnd", "unit_kind": "xa", "unit_name": "An Lạc",
                                "village_name": None, "kind": "supervision", "subject": "Thu chi",
                                "recommendations": 1, "resolved": 0, "money_recovered": 0,
                                "land_recovered_m2": 0.0, "settlement_reduction": 0}])
    rows = (oversight.board_rows(boards, "vi") + commune_oversight.board_rows(boards, "vi")
            + oversight.activity_rows(activities, "vi"))
    assert [r["id"] for r in rows] == ["b0", "b1", "b0", "b1", "a0"]
    assert not any(str(v) in ("9123", "7777") for r in rows for v in r.values())
