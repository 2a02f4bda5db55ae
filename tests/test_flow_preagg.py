"""The flow tables (``activity_flow``, ``briefing_flow`` of ``dashboard.preagg``) give
exactly what the raw queries of ``board_activity``, ``briefing_regularity`` and
``oversight_detail.activity_by_month`` give.

Hand-counted rows on the tiny town of tests/factory.py (and a province above it for two
years, so that roll-up rows begin and end), then equality with the raw queries over many
dates, period kinds, both structures, child filters, total-only views compared on a
later date's children, a unit page and a restricted scope (which read the raw query), on
the tiny town and the demo, on SQLite and PostgreSQL; an import rebuilds the tables, a
table built for other data is not used, and an activity outside its board's term makes
the boards read the raw query.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import insert, select, text, update

from dashboard import preagg, structure
from dashboard.importer import Source, run_import
from dashboard.indicators import View, boards, briefings, oversight_detail
from dashboard.models import (
    OPEN_END,
    ActivityFlow,
    BoardActivity,
    BoardRollup,
    BriefingFlow,
    Meta,
)
from dashboard.periods import add_months, make_period
from dashboard.scope import Scope

from .factory import build_tiny_town, put_a_province_above_the_town
from .importing import small_town, workbook_bytes

TODAY = date(2022, 1, 1)
D0 = date(2000, 1, 1)


@contextmanager
def flows_off():
    """The raw queries, not the flow tables, for the duration."""
    saved = boards.flow_applies, boards.silent_applies, briefings.flow_applies
    boards.flow_applies = boards.silent_applies = briefings.flow_applies = lambda _conn, _view: False
    try:
        yield
    finally:
        boards.flow_applies, boards.silent_applies, briefings.flow_applies = saved


INDICATORS = (boards.board_activity, boards.silent_boards, briefings.briefing_regularity)


def agree(conn, view) -> int:
    """board_activity, silent_boards, briefing_regularity and activity_by_month equal
    the raw queries' (values and types); returns how many of the first three read the
    tables."""
    got = [indicator(conn, view).sort_index() for indicator in INDICATORS]
    got.append(oversight_detail.activity_by_month(conn, view))
    with flows_off():
        raw = [indicator(conn, view).sort_index() for indicator in INDICATORS]
        raw.append(oversight_detail.activity_by_month(conn, view))
    for mine, theirs in zip(got, raw):
        assert mine.equals(theirs), (view, mine, theirs)
    return sum(int(applies(conn, view)) for applies in (boards.flow_applies, boards.silent_applies,
                                                         briefings.flow_applies))


def move_the_activity_into_its_boards_term(conn):
    """BB's one activity (01/12/2017) lies before BB's term (from 01/01/2018): moved to
    01/12/2018, then the tables are built again."""
    conn.execute(update(BoardActivity).where(BoardActivity.date == date(2017, 12, 1))
                 .values(date=date(2018, 12, 1)))
    preagg.rebuild(conn)


@pytest.fixture
def town(engine):
    ids = build_tiny_town(engine)
    with engine.begin() as conn:
        built = preagg.rebuild(conn)
    assert (built["board_rollup"], built["activity_flow"], built["briefing_flow"]) == (3, 5, 38)
    return engine, ids


@pytest.fixture
def town_in_term(town):
    engine, ids = town
    with engine.begin() as conn:
        move_the_activity_into_its_boards_term(conn)
    return engine, ids


def records_period(kind, day, today=TODAY):
    """A period whose records begin with the first briefing (01/03/2018): no month before
    is due (``Period.complete_months``), as with an imported dataset's meta data_from."""
    return make_period(kind, day, today, data_from=date(2018, 3, 1))


def flow_rows(conn, model, unit_id):
    table = model.__table__
    time_column = table.c.day if model is ActivityFlow else table.c.month
    keys = [table.c.board_kind] if model is ActivityFlow else []
    measures = [c for c in table.c
                if c.name not in ("ancestor_id", "day", "month", "rollup_from", "rollup_to", "board_kind")]
    rows = conn.execute(select(time_column, table.c.rollup_from, table.c.rollup_to, *keys, *measures)
                        .where(table.c.ancestor_id == unit_id)
                        .order_by(time_column, table.c.rollup_from, *keys)).all()
    return [(*r[:-len(measures)], *(float(v) if isinstance(v, float) else int(v) for v in r[-len(measures):]))
            for r in rows]


def months(first: date, last: date):
    out = [first]
    while out[-1] < last:
        out.append(add_months(out[-1], 1))
    return out


def test_activity_flow_rows_counted_by_hand(town):
    """Every board's unit (A, B) rolls up to the town T from 2000 on (B through its heir C
    from 2021: one row); communes and villages are never ancestors here. BB's activity of
    01/12/2017 lies before its term: counted in the table, and in meta."""
    engine, ids = town
    whole = (D0, OPEN_END)
    with engine.connect() as conn:
        assert flow_rows(conn, ActivityFlow, ids["T"]) == [
            # day, rollup_from, rollup_to, board kind, activities, supervisions, made, resolved, money,
            # land, settlement
            (date(2017, 12, 1), *whole, "bttnd", 1, 1, 1, 1, 0, 0.0, 0),
            (date(2018, 5, 10), *whole, "bttnd", 1, 1, 2, 1, 0, 0.0, 0),
            (date(2018, 7, 15), *whole, "gsdtcd", 1, 1, 1, 1, 5_000_000, 0.0, 0),
            (date(2018, 11, 20), *whole, "bttnd", 1, 0, 0, 0, 0, 0.0, 0),
            (date(2019, 2, 10), *whole, "bttnd", 1, 0, 0, 0, 0, 0.0, 0),
        ]
        for unit in ("A", "B", "C", "A1"):
            assert flow_rows(conn, ActivityFlow, ids[unit]) == []
        assert preagg.flow_meta(conn)[preagg.OUTSIDE_TERM_KEY] == "1"


def test_board_rollup_rows_counted_by_hand(town):
    """BA of A, BB and GB of B: each toward T on every structure date from 2000 (B
    through its heir C from 2021: one roll-up row), with its kind and term."""
    engine, ids = town
    whole = (D0, OPEN_END)
    with engine.connect() as conn:
        table = BoardRollup.__table__
        rows = conn.execute(select(table.c.ancestor_id, table.c.board_id, table.c.rollup_from, table.c.rollup_to,
                                   table.c.kind, table.c.board_from, table.c.board_to)
                            .order_by(table.c.ancestor_id, table.c.board_id)).all()
        assert [tuple(r) for r in rows] == [
            (ids["T"], ids["BA"], *whole, "bttnd", date(2018, 1, 1), OPEN_END),
            (ids["T"], ids["BB"], *whole, "bttnd", date(2018, 1, 1), date(2020, 12, 31)),
            (ids["T"], ids["GB"], *whole, "gsdtcd", date(2018, 6, 1), date(2018, 12, 31)),
        ]


def test_briefing_flow_rows_counted_by_hand(town):
    """Months from the first briefing's (03/2018) to 24 after the last record's (the
    activity of 10/02/2019): 03/2018 .. 02/2021. A, B and D are due until B ends
    (12/2020), then A and D on the roll-up row from 2000 and C on its own from 2021. A
    holds a briefing every month 03/2018 .. 02/2019 but 01/2019, B 03 .. 08/2018."""
    engine, ids = town
    whole, from_c = (D0, OPEN_END), (date(2021, 1, 1), OPEN_END)
    expected = []
    for month in months(date(2018, 3, 1), date(2020, 12, 1)):
        held = (2 if month <= date(2018, 8, 1) else 1 if month <= date(2018, 12, 1) or month == date(2019, 2, 1)
                else 0)
        expected.append((month, *whole, 3, held))
    for month in (date(2021, 1, 1), date(2021, 2, 1)):
        expected += [(month, *whole, 2, 0), (month, *from_c, 1, 0)]
    with engine.connect() as conn:
        assert flow_rows(conn, BriefingFlow, ids["T"]) == expected
        assert sum(r[3] for r in expected) == 108 and sum(r[4] for r in expected) == 6 * 2 + 4 + 1
        assert flow_rows(conn, BriefingFlow, ids["A"]) == []
        assert preagg.flow_meta(conn)[preagg.BRIEFING_MONTHS_KEY] == "2018-03-01/2021-02-01"


def test_the_town_total_from_the_tables_counted_by_hand(town_in_term):
    """BB's activity now on 01/12/2018. The year 2018 on the town's total: boards BA, BB
    (bttnd) and GB (gsdtcd), all active: BA 10/05 supervision (2 made, 1 resolved) and
    20/11 meeting, BB 01/12 supervision (1, 1), GB 15/07 supervision (1, 1, 5.000.000 đ).
    Briefings from 03/2018 (the records' first month): A, B, D due for 10 months, held
    by A and B 6 months, by A alone 4. Silent in the last quarter of 2018 (all three in
    office throughout): GB alone (BA met on 20/11, BB on 01/12)."""
    engine, ids = town_in_term
    view = View(ids["T"], records_period("year", date(2018, 6, 1)), total_only=True)
    with engine.connect() as conn:
        assert boards.flow_applies(conn, view) and briefings.flow_applies(conn, view)
        row = boards.board_activity(conn, view).loc[ids["T"]]
        assert row[["boards", "boards_bttnd", "boards_gsdtcd", "active_boards", "active_bttnd",
                    "active_gsdtcd"]].tolist() == [3, 2, 1, 3, 2, 1]
        assert row[["activities", "supervisions", "recommendations", "resolved", "money_recovered"]].tolist() == [
            4, 3, 4, 3, 5_000_000]
        assert briefings.briefing_regularity(conn, view).loc[ids["T"]].tolist() == [30, 16]
        assert boards.silent_boards(conn, view).loc[ids["T"]].tolist() == [1, 0, 1]
        assert agree(conn, view) == 3


DAYS = [date(2017, 12, 31), date(2018, 1, 1), date(2018, 3, 31), date(2018, 6, 30), date(2018, 7, 15),
        date(2018, 12, 31), date(2019, 1, 1), date(2019, 2, 28), date(2019, 6, 30), date(2020, 12, 31),
        date(2021, 1, 1), date(2021, 2, 28), date(2021, 3, 31), TODAY]


def test_the_tables_and_the_raw_queries_agree_on_the_tiny_town(town_in_term):
    engine, ids = town_in_term
    used = 0
    with engine.connect() as conn:
        for day in DAYS:
            for kind, period_of in (("day", make_period), ("month", records_period), ("quarter", make_period),
                                    ("year", records_period), ("day", records_period)):
                period = period_of(kind, day, TODAY)
                for structure_kind in ("as-of", "current"):
                    for unit in ("T", "A", "C"):
                        view = View(ids[unit], period, structure_kind)
                        used += agree(conn, view)
                        for variant in (View(view.unit_id, period, structure_kind, kinds=("xa",)),
                                        View(view.unit_id, period, structure_kind, unit_ids=(ids["A"], ids["B"]))):
                            agree(conn, variant)
                    for later in (period.as_of, date(2020, 6, 30), TODAY):  # the previous period's total
                        used += agree(conn, View(ids["T"], period, structure_kind, structure_on=later,
                                                 total_only=True))
    assert used > 100


def test_a_province_above_the_town_for_two_years(town_in_term):
    """T belongs to a province P from 01/01/2019 to 31/12/2020: every activity counts
    toward P on a structure date in those two years, whatever the activity's date, and
    on no other; the rows carry that roll-up validity."""
    engine, ids = town_in_term
    put_a_province_above_the_town(engine, ids)
    two_years = (date(2019, 1, 1), date(2020, 12, 31))
    with engine.connect() as conn:
        assert [r[:5] for r in flow_rows(conn, ActivityFlow, ids["P"])] == [
            (date(2018, 5, 10), *two_years, "bttnd", 1), (date(2018, 7, 15), *two_years, "gsdtcd", 1),
            (date(2018, 11, 20), *two_years, "bttnd", 1), (date(2018, 12, 1), *two_years, "bttnd", 1),
            (date(2019, 2, 10), *two_years, "bttnd", 1)]
        period = make_period("year", date(2018, 6, 1), TODAY)
        inside = View(ids["P"], period, structure_on=date(2019, 6, 1))  # rows: T and P
        assert boards.flow_applies(conn, inside)
        by_month = oversight_detail.activity_by_month(conn, inside)
        assert by_month[by_month["group_id"] == ids["P"]].drop(columns="group_id").values.tolist() == [
            # kind, month, activities, supervisions, made, resolved (BB's moved to 01/12/2018)
            ["bttnd", date(2018, 5, 1), 1, 1, 2, 1], ["bttnd", date(2018, 11, 1), 1, 0, 0, 0],
            ["bttnd", date(2018, 12, 1), 1, 1, 1, 1], ["gsdtcd", date(2018, 7, 1), 1, 1, 1, 1]]
        frame = boards.board_activity(conn, inside)
        assert frame.loc[[ids["T"], ids["P"]], "activities"].tolist() == [4, 4]
        outside = View(ids["P"], period, structure_on=date(2021, 6, 1))
        assert boards.board_activity(conn, outside).loc[ids["P"], "activities"] == 0
        used = 0
        for day in DAYS:
            for kind in ("day", "year"):
                period = make_period(kind, day, TODAY)
                for on in (None, date(2019, 1, 1), date(2020, 12, 31), date(2021, 1, 1)):
                    for structure_kind in ("as-of", "current"):
                        used += agree(conn, View(ids["P"], period, structure_kind, structure_on=on))
        assert used > 50


def test_an_activity_outside_its_boards_term_makes_the_boards_read_the_raw_query(town):
    """BB's activity of 01/12/2017 lies before its term: the raw query leaves it out of
    the year 2017 (BB's term does not meet it), the table has it. The boards read the raw
    query; the briefings still read their table."""
    engine, ids = town
    view = View(ids["T"], make_period("year", date(2017, 6, 1), TODAY), total_only=True)
    with engine.connect() as conn:
        assert not boards.flow_applies(conn, view)
        assert boards.board_activity(conn, view).loc[ids["T"], ["boards", "activities"]].tolist() == [0, 0]
        assert agree(conn, View(ids["T"], records_period("year", date(2018, 6, 1)), total_only=True)) == 2
        for day in DAYS:
            agree(conn, View(ids["T"], records_period("year", day), total_only=True))


def test_a_restricted_scope_and_a_commune_page_read_the_raw_query(town_in_term):
    engine, ids = town_in_term
    period = records_period("year", date(2018, 6, 1))
    with engine.connect() as conn:
        assert boards.flow_applies(conn, View(ids["T"], period, total_only=True))
        assert not boards.flow_applies(conn, View(ids["T"], period))  # its rows are communes
        assert not briefings.flow_applies(conn, View(ids["A"], period))  # villages
        scoped = View(ids["T"], period, scope=Scope.of_units([ids["A"]], TODAY), total_only=True)
        assert not boards.flow_applies(conn, scoped) and not briefings.flow_applies(conn, scoped)
        assert agree(conn, scoped) == 0
        # A alone: BA (active), 2 activities in 2018; briefings 03 .. 12/2018, all held
        assert boards.board_activity(conn, scoped).loc[ids["T"], ["boards", "activities"]].tolist() == [1, 2]
        assert briefings.briefing_regularity(conn, scoped).loc[ids["T"]].tolist() == [10, 10]


def test_months_outside_the_tables_range_read_the_raw_query(town_in_term):
    """The table's months are 03/2018 .. 02/2021: the year 2017 (its months were due:
    no meta data_from) and the year 2021 read the raw query."""
    engine, ids = town_in_term
    with engine.connect() as conn:
        for day, inside in ((date(2017, 6, 1), False), (date(2018, 12, 31), False), (date(2019, 12, 31), True),
                            (date(2021, 2, 28), True), (date(2021, 3, 31), False)):
            view = View(ids["T"], make_period("year" if day.month != 2 else "month", day, TODAY), total_only=True)
            assert briefings.flow_applies(conn, view) == inside, day
            agree(conn, view)
        due = briefings.briefing_regularity(conn, View(ids["T"], make_period("year", date(2017, 6, 1), TODAY),
                                                       total_only=True))
        assert due.loc[ids["T"]].tolist() == [36, 0]  # A, B, D for 12 months, none held


def test_a_table_built_for_other_data_is_not_used(town_in_term):
    engine, ids = town_in_term
    view = View(ids["T"], records_period("year", date(2018, 6, 1)), total_only=True)
    with engine.begin() as conn:
        assert boards.flow_applies(conn, view) and briefings.flow_applies(conn, view)
        conn.execute(update(Meta).where(Meta.key == "data_token").values(value="another-state"))
        assert not boards.flow_applies(conn, view) and not briefings.flow_applies(conn, view)
        assert boards.board_activity(conn, view).loc[ids["T"], "activities"] == 4


def test_the_demo_tables_agree_with_the_raw_queries_around_the_merger(demo_engine):
    """The demo (Quảng Yên, the 2025 merger on 01/07/2025) as loaded by ``load_demo``:
    the root and some children, as it was and today, and the root's total compared on
    the children of a later date."""
    today = date(2026, 11, 27)
    days = [date(2018, 4, 13), date(2020, 6, 30), date(2024, 12, 31), date(2025, 6, 30), date(2025, 7, 1),
            date(2025, 7, 15), date(2025, 12, 31), date(2026, 1, 1), today]
    used = 0
    with demo_engine.connect() as conn:
        assert preagg.flow_meta(conn) is not None
        for day in days:
            root = structure.root_unit(conn, day)
            units = [root.id] + [int(i) for i in structure.children(conn, root.id, day)["id"]][:2]
            for kind in ("day", "month", "quarter", "year"):
                period = make_period(kind, day, today)
                for unit_id in units:
                    for structure_kind in ("as-of", "current"):
                        used += agree(conn, View(unit_id, period, structure_kind))
                for later in (period.as_of, date(2025, 7, 1), today):
                    used += agree(conn, View(root.id, period, structure_on=later, total_only=True))
            scoped = View(root.id, make_period("day", day, today), scope=Scope.of_units([units[-1]], today),
                          total_only=True)
            assert agree(conn, scoped) == 0
    assert used >= len(days) * 4


def test_an_import_rebuilds_the_tables(engine):
    """small_town: board BA of A (15/08/2023 supervision, 3 made, 2 resolved; 20/09/2023
    a meeting); briefings of A in 07, 08, 09/2023, of B in 07/2023."""
    result = run_import(engine, [Source("xa-an-lac.xlsx", workbook_bytes(small_town()))], "kiểm thử")
    assert result.ok, [p.text() for p in result.problems]
    with engine.connect() as conn:
        assert preagg.flow_meta(conn) is not None
        t = conn.execute(text("SELECT id FROM unit WHERE code = 'T'")).scalar()
        data_from = date.fromisoformat(conn.execute(select(Meta.value).where(Meta.key == "data_from")).scalar())
        view = View(t, make_period("day", date(2023, 10, 31), date(2023, 10, 31), data_from=data_from),
                    total_only=True)
        assert agree(conn, view) == 3
        assert boards.board_activity(conn, view).loc[
            t, ["activities", "supervisions", "recommendations", "resolved"]].tolist() == [2, 1, 3, 2]
        counted = briefings.briefing_regularity(conn, view).loc[t, "months_held"]
    rows = small_town()
    rows["board_activity"][1]["kind"] = "inspection"  # the meeting of 20/09/2023 was an inspection
    result = run_import(engine, [Source("xa-an-lac.xlsx", workbook_bytes(rows))], "kiểm thử")
    assert result.ok, [p.text() for p in result.problems]
    with engine.connect() as conn:
        assert agree(conn, view) == 3
        assert boards.board_activity(conn, view).loc[t, ["activities", "supervisions"]].tolist() == [2, 2]
        assert briefings.briefing_regularity(conn, view).loc[t, "months_held"] == counted


def test_db_upgrade_to_0006_builds_the_flow_tables(tmp_path):
    """A database at 0005 whose state tables match its data: migration 0006 drops the
    tables' token, so ``grassroots db upgrade`` builds every pre-aggregated table at once
    (the flow tables would otherwise stay empty under a valid token)."""
    from click.testing import CliRunner

    from dashboard import cli, db

    url = f"sqlite:///{tmp_path / 'at-0005.db'}"
    engine = db.make_engine(url)
    db.upgrade_schema(engine, "0005")
    build_tiny_town(engine)
    with engine.begin() as conn:
        conn.execute(insert(Meta), [{"key": "data_token", "value": "x"}, {"key": preagg.TOKEN_KEY, "value": "x"}])
    result = CliRunner().invoke(cli.main, ["db", "upgrade"], env={"GRASSROOTS_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert "activity_flow 5, briefing_flow 38" in result.output
    with engine.connect() as conn:
        assert preagg.flow_meta(conn) is not None
    engine.dispose()
    db.dispose_engines()
