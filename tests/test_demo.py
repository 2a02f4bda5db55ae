"""The demo dataset reproduces the public facts of DOMAIN.md."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import structure
from dashboard.demo import DemoBuilder
from dashboard.indicators import View, summary
from dashboard.models import Board, Course, CourseTopic, Participation, Unit
from dashboard.periods import day_period

from .conftest import DEMO_TODAY

APRIL_2018 = date(2018, 4, 13)


def demo_summary(engine, day, structure_kind="as-of", code=None):
    with engine.connect() as conn:
        s = DEMO_TODAY if structure_kind == "current" else day
        unit = structure.resolve_unit(conn, code, s) if code else structure.root_unit(conn, s)
        return summary(conn, View(unit.id, day_period(day, DEMO_TODAY), structure_kind))


def test_nineteen_units_with_their_real_codes_and_179_villages(demo_engine):
    table = demo_summary(demo_engine, APRIL_2018)
    children = table[~table["is_total"]]
    assert len(children) == 19
    assert set(children["code"]) == {
        "07132", "07135", "07138", "07150", "07159", "07162", "07165", "07168", "07174", "07177",
        "07183", "07144", "07147", "07153", "07156", "07171", "07180", "07186", "07189"}
    assert sorted(children[children["kind"] == "xa"]["name"]) == sorted(
        ["Sông Khoai", "Hiệp Hòa", "Tiền An", "Hoàng Tân", "Cẩm La", "Liên Hòa", "Liên Vị", "Tiền Phong"])
    assert table.iloc[-1]["villages"] == 179


def test_all_179_unified_on_13_april_2018_and_hoang_tan_5_of_5_with_4_first_time(demo_engine):
    table = demo_summary(demo_engine, APRIL_2018)
    total = table.iloc[-1]
    assert (total["villages"], total["unified"]) == (179, 179)
    hoang_tan = table[table["code"] == "07156"].iloc[0]
    assert (hoang_tan["villages"], hoang_tan["unified"], hoang_tan["first_time"]) == (5, 5, 4)


def test_wards_have_khu_and_communes_have_thon(demo_engine):
    with demo_engine.connect() as conn:
        kids = structure.children(conn, structure.resolve_unit(conn, "07156", APRIL_2018).id, APRIL_2018)
        assert kids["name"].tolist() == ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5"]
        assert set(kids["kind"]) == {"thon"}
        ward = structure.children(conn, structure.resolve_unit(conn, "07135", APRIL_2018).id, APRIL_2018)
        assert set(ward["kind"]) == {"khu"}


def test_six_wards_after_the_merger_hold_every_village(demo_engine):
    day = date(2025, 12, 31)
    table = demo_summary(demo_engine, day)
    children = table[~table["is_total"]]
    assert sorted(children["name"]) == sorted(["Đông Mai", "Hiệp Hòa", "Quảng Yên", "Hà An", "Phong Cốc", "Liên Hòa"])
    assert set(children["kind"]) == {"phuong"}
    with demo_engine.connect() as conn:
        valid = conn.execute(select(func.count()).select_from(Unit).where(
            Unit.level == "village", Unit.valid_from <= day,
            (Unit.valid_to.is_(None)) | (Unit.valid_to >= day))).scalar_one()
    assert children["villages"].sum() == valid == 179
    assert dict(zip(children["name"], children["villages"])) == {
        "Đông Mai": 24, "Hiệp Hòa": 34, "Quảng Yên": 31, "Hà An": 31, "Phong Cốc": 31, "Liên Hòa": 28}


def test_2018_figures_rolled_up_onto_todays_six_wards(demo_engine):
    table = demo_summary(demo_engine, APRIL_2018, "current")
    children = table[~table["is_total"]]
    assert len(children) == 6
    assert children["villages"].sum() == 179 and children["unified"].sum() == 179
    # Hà An = Tân An 11 + Hà An 12 + Hoàng Tân 5 + Liên Hòa's villages 1-3
    assert children[children["name"] == "Hà An"].iloc[0]["villages"] == 31


def test_lien_hoa_split_village_by_village(demo_engine):
    day = date(2025, 7, 1)
    with demo_engine.connect() as conn:
        old = structure.resolve_unit(conn, "07180", date(2025, 6, 30))
        assert old.kind == "xa" and old.valid_to == date(2025, 6, 30)
        new = structure.resolve_unit(conn, "07180", day)
        assert new.kind == "phuong" and new.id != old.id
        path = [u.name for u in structure.ancestors(conn, structure.resolve_unit(conn, "07180-02", day).id, day)]
        assert path == ["Quảng Yên", "Hà An", "Thôn 2"]
        path = [u.name for u in structure.ancestors(conn, structure.resolve_unit(conn, "07180-07", day).id, day)]
        assert path == ["Quảng Yên", "Liên Hòa", "Thôn 7"]
        successors = {(s.name, primary) for s, _d, primary in structure.successors(conn, old.id)}
        assert successors == {("Liên Hòa", True), ("Hà An", False)}


def test_the_root_is_the_town_then_the_area(demo_engine):
    with demo_engine.connect() as conn:
        before = structure.root_unit(conn, date(2025, 6, 30))
        after = structure.root_unit(conn, date(2025, 7, 1))
    assert (before.code, before.kind) == ("206", "thi_xa")
    assert (after.code, after.kind) == ("206", "khu_vuc")


def test_two_town_classes_of_four_days_with_six_topics_at_the_end_of_2017(demo_engine):
    with Session(demo_engine) as conn:
        classes = conn.execute(select(Course).where(Course.code.in_(["TX-2017-L1", "TX-2017-L2"]))).scalars().all()
        assert len(classes) == 2
        for course in classes:
            assert course.days == 4 and course.kind == "boi_duong"
            assert date(2017, 10, 1) <= course.start_date and course.end_date <= date(2017, 12, 31)
            topics = conn.execute(select(func.count()).select_from(CourseTopic).where(
                CourseTopic.course_id == course.id)).scalar_one()
            assert topics == 6
        learners = conn.execute(select(func.count(func.distinct(Participation.person_id))).where(
            Participation.course_id.in_([c.id for c in classes]))).scalar_one()
        assert learners == 179
        seminars = conn.execute(select(func.count()).select_from(Course).where(
            Course.kind == "toa_dam", Course.start_date >= date(2018, 1, 1),
            Course.start_date <= date(2018, 12, 31))).scalar_one()
        assert seminars == 2
        hoang_tan_session = conn.execute(select(Course).where(Course.code == "07156-2018-TH")).scalar_one()
        assert hoang_tan_session.kind == "tap_huan" and hoang_tan_session.days <= 2


def test_boards_a_pib_in_every_commune_and_the_thon_4_roads(demo_engine):
    with Session(demo_engine) as conn:
        communes = conn.execute(select(func.count(func.distinct(Board.unit_id))).where(
            Board.kind == "bttnd", Board.valid_from <= APRIL_2018,
            (Board.valid_to.is_(None)) | (Board.valid_to >= APRIL_2018))).scalar_one()
        assert communes == 19
        roads = conn.execute(select(Board).where(Board.project.like("%Thôn 4%"), Board.kind == "gsdtcd")).scalars().all()
        thon_4 = structure.resolve_unit(conn.connection(), "07156-04", APRIL_2018)
        assert any(b.village_id == thon_4.id and "Bê tông" in b.project for b in roads)


def test_present_day_imperfections(demo_engine):
    table = demo_summary(demo_engine, DEMO_TODAY)
    total = table.iloc[-1]
    assert total["villages"] == 179
    assert total["unified"] == 177            # one vacancy, one village not unified
    assert total["head_vacant"] == 1
    assert total["first_time_untrained"] == 7
    assert total["months_due"] - total["months_held"] == 1  # ward Hiệp Hòa, August 2026
    sept = demo_summary(demo_engine, date(2026, 9, 30))
    dong_mai = sept[sept["name"] == "Đông Mai"].iloc[0]
    assert dong_mai["silent_bttnd"] == 1       # silent in Q3 2026


def test_the_demo_is_deterministic():
    first = DemoBuilder().build()
    second = DemoBuilder().build()
    assert first.keys() == second.keys()
    for model in first:
        assert first[model] == second[model]
