"""The data service's methods for the unified-positions and village pages, on the demo
dataset loaded into each backend (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.config import Config
from dashboard.service import DataService
from dashboard.viewstate import Route, ViewState

from .conftest import DEMO_TODAY


@pytest.fixture(autouse=True)
def logged_in(as_town):
    """Callbacks run for a logged-in user who sees every unit (town role)."""
    return as_town


@pytest.fixture(scope="module")
def service(demo_engine):
    return DataService(Config(database_url="unused://", today=DEMO_TODAY, load_demo_if_empty=False), demo_engine)


def context(service, route, query):
    return service.context(route, ViewState.from_query(query))


def test_children_and_previous_total(service):
    data = service.unified.children(context(service, Route("unified"), "?ngay=2026-11-27"))
    total = data.table[data.table["is_total"]].iloc[0]
    assert (total["villages"], total["unified"], total["vacant"]) == (179, 177, 1)
    expected = {"villages": 179, "unified": 178, "first_time": 55, "secretary_vacant": 0, "head_vacant": 0}
    assert {key: data.previous[key] for key in expected} == expected


def test_history_milestones_are_the_term_ends_and_the_date(service):
    data = service.unified.history(context(service, Route("unified"), "?ngay=2026-11-27"))
    assert data.first_day == date(2017, 7, 1)
    assert [t[0] for t in data.terms] == ["2017-2020", "2020-2022", "2022-2025", "2025-2027"]
    assert data.milestones[["term", "day", "unified", "villages"]].values.tolist() == [
        ["2017-2020", date(2020, 6, 30), 179, 179], ["2020-2022", date(2022, 12, 31), 179, 179],
        ["2022-2025", date(2025, 6, 30), 179, 179], [None, date(2026, 11, 27), 177, 179]]
    assert len(data.monthly) == 113
    assert data.monthly.iloc[9][["day", "unified", "villages"]].tolist() == [date(2018, 4, 30), 179, 179]


def test_village_table_and_its_cap(service):
    page = context(service, Route("unified", "07156"), "?ngay=2018-04-13")
    data = service.unified.villages(page)
    assert (data.too_many, data.villages) == (False, 5)
    assert data.table["code"].tolist() == [f"07156-0{n}" for n in range(1, 6)]
    capped = service.unified.villages(page, limit=4)
    assert (capped.too_many, capped.villages, capped.table.empty) == (True, 5, True)
    assert capped.children["code"].tolist() == [f"07156-0{n}" for n in range(1, 6)]  # offered as links


def test_village_detail(service):
    detail = service.village.detail(context(service, Route("village", "07156", "07156-04"), "?ngay=2018-04-13"))
    assert detail.error is None
    assert [u.code for u in detail.context.breadcrumb] == ["206", "07156", "07156-04"]
    expected = {"villages": 1, "unified": 1, "first_time": 0, "secretary_vacant": 0, "head_vacant": 0}
    assert {key: detail.status[key] for key in expected} == expected
    assert (len(detail.posts), len(detail.trainings), len(detail.activities)) == (2, 1, 2)
    moved = service.village.detail(context(service, Route("village", "07156", "07156-04"), "?ngay=2026-01-01"))
    assert (moved.moved, moved.parent.code, moved.parent.name) == (True, "07168", "Hà An")
    unknown = service.village.detail(context(service, Route("village", "07156", "nope"), ""))
    assert unknown.error == "unknown_village"
