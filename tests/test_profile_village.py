"""The village page shows who its current secretary and head are, as on the page's date
(dated attributes), counted by hand on the commune of tests/factory_profile.py; a leader
of another commune gets nothing."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from callbacks.village import village_sections
from dashboard.indicators import View
from dashboard.periods import day_period
from dashboard.scope import Scope
from dashboard.village import village_profiles
from layouts import village as page
from layouts.village import profile_cards

from .factory_profile import build_profile_commune
from .helpers import texts

TODAY = date(2024, 6, 30)
COLUMNS = ["role", "full_name", "gender", "birth_year", "first_time", "ethnicity", "education", "qualification",
           "theory", "party_since"]


@pytest.fixture
def commune(engine):
    return engine, build_profile_commune(engine)


def profiles(engine, ids, village, day, scope=None):
    view = View(ids[village], day_period(day, TODAY), **({"scope": scope} if scope else {}))
    with engine.connect() as conn:
        return village_profiles(conn, view)


def test_the_holders_of_a_village_as_on_the_date(commune):
    """V1 on 01/01/2023: a secretary (re-elected; theory trung cấp since 01/03/2022,
    qualification trung cấp, member since 19/05/1985), c head (first time, nothing
    recorded). On 01/01/2022 a's theory is still sơ cấp. On 01/01/2020 a holds both."""
    engine, ids = commune
    now = profiles(engine, ids, "V1", date(2023, 1, 1))
    assert now[COLUMNS].values.tolist() == [
        ["secretary", "a", "nam", 1960, False, None, None, "trung_cap", "trung_cap", "1985-05-19"],
        ["head", "c", "nam", 1985, True, None, None, None, None, None],
    ]
    before = profiles(engine, ids, "V1", date(2022, 1, 1))
    assert before["theory"].tolist() == ["so_cap", None]
    k1 = profiles(engine, ids, "V1", date(2020, 1, 1))
    assert k1[["role", "full_name"]].values.tolist() == [["secretary", "a"], ["head", "a"]]
    v2 = profiles(engine, ids, "V2", date(2023, 1, 1))
    assert v2[COLUMNS].values.tolist() == [
        ["secretary", "b", "nu", 1975, False, "tay", "12/12", "dai_hoc", "trung_cap", "2014-03-01"],
        ["head", "d", "nam", None, False, None, None, None, "cao_cap", "2008-09-02"],
    ]


def test_a_leader_of_another_commune_gets_nothing(commune):
    engine, ids = commune
    other = Scope.of_units([ids["Y"]], TODAY)
    own = Scope.of_units([ids["X"]], TODAY)
    assert profiles(engine, ids, "V1", date(2023, 1, 1), other).empty
    assert profiles(engine, ids, "V1", date(2023, 1, 1), own)["full_name"].tolist() == ["a", "c"]


def test_the_cards_one_per_person(commune):
    """On 01/01/2020 a holds both posts of V1: one card, two posts; 2020 - 1960 = 60."""
    engine, ids = commune
    day = date(2020, 1, 1)
    detail = SimpleNamespace(context=SimpleNamespace(period=day_period(day, TODAY)),
                             profiles=profiles(engine, ids, "V1", day))
    words = texts(profile_cards(detail, "vi", "Thôn V1"))
    assert words == [
        "Trình độ, dân tộc và ngày vào Đảng như đã ghi vào ngày 01/01/2020; tuổi = năm của ngày đó trừ năm sinh.",
        "a", "Bí thư chi bộ (tái cử)", "Trưởng thôn, khu (tái cử)",
        "Giới tính", "Nam", "Năm sinh", "1960 (60 tuổi)", "Dân tộc", "Chưa ghi", "Giáo dục phổ thông", "Chưa ghi",
        "Chuyên môn, nghiệp vụ", "Trung cấp", "Lý luận chính trị", "Sơ cấp", "Ngày vào Đảng", "19/05/1985"]
    empty = SimpleNamespace(context=detail.context, profiles=profiles(engine, ids, "V1", date(2015, 1, 1)))
    assert texts(profile_cards(empty, "vi", "Thôn V1"))[-1] == \
        "Thôn V1 không có bí thư chi bộ hay trưởng thôn, khu vào ngày 01/01/2020."


# --- on the demo, through the callback ------------------------------------------------------------


@pytest.fixture(scope="module")
def app(demo_config):
    from dashboard.web.app import create_app

    return create_app(demo_config)


def store(unit, search, village):
    return {"page": "village", "unit": unit, "village": village, "search": search}


def test_the_village_page_shows_the_current_holders_profile(app, as_town):
    sections = village_sections(app.service, store("07156", "?ngay=2026-11-27", "07156-04"))
    assert set(sections) == set(page.SECTIONS)
    words = texts(sections["profiles"])
    assert words[0].startswith("Trình độ, dân tộc và ngày vào Đảng như đã ghi vào ngày 27/11/2026")
    for label in ("Giới tính", "Năm sinh", "Dân tộc", "Giáo dục phổ thông", "Chuyên môn, nghiệp vụ",
                  "Lý luận chính trị", "Ngày vào Đảng"):
        assert label in words


def test_a_unit_leader_gets_no_profile_of_another_ward(app, as_unit):
    sections = village_sections(app.service, store("07135", "?ngay=2026-11-27", "07135-01"))
    assert "Bạn không có quyền xem số liệu của đơn vị này." in " ".join(texts(sections["header"]))
    assert sections["profiles"] is None
