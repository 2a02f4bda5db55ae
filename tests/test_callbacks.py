"""Callbacks called directly, with exact expected outputs on the demo data."""
from __future__ import annotations

import pytest

from callbacks.filters import apply_filters
from callbacks.grids import column_kind, export_file
from callbacks.overview import SECTIONS, overview_sections
from callbacks.router import FROM_CACHE, FULL, render_route
from dashboard.web.app import create_app
from layouts import ids

from .helpers import find, prop, texts


@pytest.fixture(scope="module")
def app(app_config):
    return create_app(app_config)


@pytest.fixture(autouse=True)
def logged_in(as_town):
    """Callbacks run for a logged-in user who sees every unit (town role)."""
    return as_town


def store(page="overview", unit=None, search="", village=None):
    return {"page": page, "unit": unit, "village": village, "search": search}


def test_overview_of_the_town_on_13_april_2018(app):
    sections = overview_sections(app.service, store(search="?ngay=2018-04-13"))
    assert set(sections) >= set(SECTIONS)
    header = " ".join(texts(sections["header"]))
    assert "Thị xã Quảng Yên" in header and "13/04/2018" in header
    assert "Dữ liệu mẫu" in header
    unified = find(sections["kpis"], "kpi-unified")
    assert texts(unified)[:4] == ["Nhất thể hóa", "100,0 %", "179/179",
                                  "thôn, khu có bí thư chi bộ đồng thời là trưởng thôn, khu"]
    training = find(sections["kpis"], "kpi-training")
    assert texts(training)[1:3] == ["98,9 %", "177/179"]
    bars = sections["unified"]["data"][0]
    assert len(bars["y"]) == 19
    index = list(bars["y"]).index("Xã Hoàng Tân")
    assert bars["text"][index] == "5/5 · 100,0 % · Đạt"
    assert bars["customdata"][index] == "/don-vi/07156?ngay=2018-04-13"


def test_unit_page_lists_the_villages_with_links_to_village_detail(app):
    sections = overview_sections(app.service, store(unit="07156", search="?ngay=2018-04-13"))
    grid = find(sections["table"], ids.grid("overview"))
    names = [row["name"] for row in grid.rowData]
    assert names == ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5"]
    assert grid.rowData[3]["href"] == "/don-vi/07156/07156-04?ngay=2018-04-13"
    assert grid.rowData[3]["first_time"] == 0
    total = grid.dashGridOptions["pinnedBottomRowData"][0]
    assert (total["unified_num"], total["unified_den"], total["first_time"]) == (5, 5, 4)
    # boards belong to the commune: their charts are hidden on a page of villages
    assert sections["boards_style"] == {"display": "none"}
    crumbs = texts(sections["header"])
    assert "Thị xã Quảng Yên" in crumbs and "Xã Hoàng Tân" in crumbs


def test_unit_not_valid_on_the_date_says_where_it_went(app):
    sections = overview_sections(app.service, store(unit="07156", search="?ngay=2026-01-01"))
    message = " ".join(texts(sections["header"]))
    assert "Xã Hoàng Tân không tồn tại vào ngày 01/01/2026" in message
    assert "Phường Hà An" in message
    assert sections["kpis"] is None
    assert sections["body_style"] == {"display": "none"}  # no empty section titles either


def test_unknown_unit(app):
    sections = overview_sections(app.service, store(unit="99999"))
    assert "Không có đơn vị nào mang mã 99999." in " ".join(texts(sections["header"]))


def test_attention_list_today(app):
    sections = overview_sections(app.service, store(search="?ngay=2026-11-27"))
    lines = texts(sections["attention"])
    assert "Phường Phong Cốc" in lines
    assert "1 thôn, khu chưa nhất thể hóa" in lines
    assert "1 chức danh còn trống" in lines
    assert "thiếu 1 tháng giao ban" in lines
    assert "1 ban giám sát không hoạt động trong quý vừa qua" in lines  # Đông Mai, Q3/2026


def test_english(app):
    sections = overview_sections(app.service, store(search="?ngay=2018-04-13&lang=en"))
    assert texts(find(sections["kpis"], "kpi-unified"))[:3] == ["Unified posts", "100.0%", "179/179"]


def test_filters_write_the_url():
    data = store(search="?ngay=2018-04-13&lang=en")
    assert apply_filters("2019-01-31", "quarter", "current", ["xa"], [], data) == \
        "?ngay=2019-01-31&ky=quy&cocau=hiennay&loai=xa&lang=en"
    assert apply_filters("garbage", "day", "as-of", None, ["07156"], data) == "?ngay=2018-04-13&dv=07156&lang=en"


def test_router_draws_the_page_for_the_url(app):
    navbar, page, title = render_route(app, app.service, "/don-vi/07156", "?ngay=2018-04-13", FULL)
    assert title == "Tổng quan · Công tác cán bộ cơ sở"
    store_component = find(page, ids.view("overview"))
    assert store_component.data == store(unit="07156", search="?ngay=2018-04-13")
    _, missing, title = render_route(app, app.service, "/khong-co", "", FULL)
    assert "Không tìm thấy trang" in texts(missing)


def _kpi_cards(page) -> list[list[str]]:
    """The texts of each KPI card in the overview's first view (title, value, ratio, ...)."""
    return [texts(col) for col in prop(prop(find(page, ids.OV_KPIS), "children"), "children")]


def test_an_spa_navigation_draws_the_first_view_only_from_the_result_cache(app_config, tmp_path, monkeypatch):
    """The router callback (FROM_CACHE) computes nothing: placeholders with the cards'
    titles until the page's callback has computed the numbers, then those numbers. The
    initial HTML's path (FULL) computes them."""
    from dataclasses import replace

    from dashboard.service.overview import Overview

    fresh = create_app(replace(app_config, cache_dir=str(tmp_path / "cache")))
    computed = {"n": 0}
    original = Overview._page

    def counted(self, context):
        computed["n"] += 1
        return original(self, context)

    monkeypatch.setattr(Overview, "_page", counted)
    _, page, _ = render_route(fresh, fresh.service, "/don-vi/07156", "?ngay=2018-04-13", FROM_CACHE)
    assert computed["n"] == 0
    cards = _kpi_cards(page)
    titles = ["Nhất thể hóa", "Hoàn thành bồi dưỡng", "Ban có hoạt động", "Kiến nghị đã giải quyết",
              "Giao ban hằng tháng"]
    assert [card[0] for card in cards] == titles
    assert all(card[1] == "…" for card in cards)
    assert "first-view-pending" in prop(prop(find(page, ids.HEADER), "children"), "className")
    overview_sections(fresh.service, store(unit="07156", search="?ngay=2018-04-13"))  # the page's callback
    assert computed["n"] == 1
    _, page, _ = render_route(fresh, fresh.service, "/don-vi/07156", "?ngay=2018-04-13", FROM_CACHE)
    assert computed["n"] == 1
    assert [card[0] for card in _kpi_cards(page)] == titles  # the same cards, the figures drawn
    assert _kpi_cards(page)[0][:3] == ["Nhất thể hóa", "100,0 %", "5/5"]  # Hoàng Tân's 5 villages
    assert "Xã Hoàng Tân" in texts(find(page, ids.HEADER))
    # the initial HTML's first view is computed when it is not cached: the town, 179 villages
    _, page, _ = render_route(fresh, fresh.service, "/", "?ngay=2018-04-13", FULL)
    assert computed["n"] == 2
    assert _kpi_cards(page)[0][:3] == ["Nhất thể hóa", "100,0 %", "179/179"]


def test_without_a_result_cache_an_spa_navigation_draws_placeholders(app_config, monkeypatch):
    from dataclasses import replace

    from dashboard.service.overview import Overview

    uncached = create_app(replace(app_config, cache_url="none"))
    monkeypatch.setattr(Overview, "_page", lambda self, context: pytest.fail("computed in the router"))
    for path in ("/", "/nhat-the-hoa", "/boi-duong", "/giam-sat"):
        _, page, _ = render_route(uncached, uncached.service, path, "?ngay=2018-04-13", FROM_CACHE)
        assert "first-view-pending" in str(page)


def _header_lines(page, header_id) -> list[str]:
    """The class of each line of a page's header (demo notice, breadcrumb, kicker, title,
    period), placeholders and drawn header alike."""
    lines = prop(prop(find(page, header_id), "children"), "children") or []
    return [(prop(line, "className") or "").replace("first-view-pending", "").strip() for line in lines]


@pytest.mark.parametrize("path, header_id", [("/boi-duong/07156", ids.TR_HEADER),
                                             ("/nhat-the-hoa/07156", ids.UN_HEADER),
                                             ("/giam-sat/07156", ids.OS_HEADER)])
def test_a_placeholder_header_has_the_lines_of_the_header_it_stands_for(app_config, tmp_path, path, header_id):
    """An SPA navigation draws the header's placeholders, then the header: the same lines,
    so nothing below moves (the training page's line above the title was missing: 20 px)."""
    from dataclasses import replace

    fresh = create_app(replace(app_config, cache_dir=str(tmp_path / "cache")))
    _, pending, _ = render_route(fresh, fresh.service, path, "?ngay=2018-04-13", FROM_CACHE)
    _, drawn, _ = render_route(fresh, fresh.service, path, "?ngay=2018-04-13", FULL)
    assert _header_lines(pending, header_id) == _header_lines(drawn, header_id)
    assert len(_header_lines(drawn, header_id)) >= 4  # demo notice, breadcrumb, title, period


def test_a_one_unit_user_lands_on_their_own_unit_not_the_town(app):
    from dashboard.auth import acting_as

    from .conftest import test_user
    with acting_as(test_user("unit"), "127.0.0.1"):
        for path, page in (("/", "overview"), ("/nhat-the-hoa", "unified"), ("/giam-sat", "oversight")):
            _, drawn, _ = render_route(app, app.service, path, "?ngay=2026-11-27", FULL)
            assert find(drawn, ids.view(page)).data == store(page, "07168", "?ngay=2026-11-27")
        _, drawn, _ = render_route(app, app.service, "/du-lieu", "", FULL)
        assert find(drawn, ids.view("data")).data == store("data", None, "")
    # the town user still sees the town
    _, drawn, _ = render_route(app, app.service, "/", "", FULL)
    assert find(drawn, ids.view("overview")).data == store()


def test_export_of_what_the_grid_shows():
    columns = [{"field": "name", "headerName": "Tên đơn vị"},
               {"field": "unified_rate", "headerName": "Tỷ lệ", "valueFormatter": {"function": "viPercent(params.value, 'vi')"}},
               {"field": "unified_num", "headerName": "Số", "valueFormatter": {"function": "viNumber(params.value, 0, 'vi')"}}]
    assert [column_kind(c) for c in columns] == ["text", "percent", "int"]
    rows = [{"name": "=cmd", "unified_rate": 1.0, "unified_num": 5}]
    options = {"pinnedBottomRowData": [{"name": "Tổng cộng", "unified_rate": 0.5, "unified_num": 9}],
               "context": {"exportName": "tong-quan-07156", "exportTitle": "Bảng"}}
    from datetime import date

    download = export_file("csv", rows, columns, options, date(2026, 11, 27))
    assert download["filename"] == "tong-quan-07156-2026-11-27.csv"
    import base64

    content = base64.b64decode(download["content"]).decode("utf-8-sig")
    assert content.splitlines() == ["Tên đơn vị,Tỷ lệ,Số", "'=cmd,100.0,5", "Tổng cộng,50.0,9"]


def test_attention_names_a_village_that_shares_its_name_with_a_sibling_by_its_code():
    """Phường Hà An has two "Khu 8" after the merger: the attention list says which one."""
    from dashboard.viewstate import ViewState
    from layouts.overview import attention

    entries = [{"unit_id": 1, "code": "07168-08", "kind": "khu", "name": "Khu 8", "level": "village",
                "issues": [("untrained_first_time", 1)]}]
    titles = {"07159-08": "Khu 8 (07159-08)", "07168-08": "Khu 8 (07168-08)"}
    table = attention(entries, ViewState(), "07168", "vi", titles=titles)
    assert texts(table)[2] == "Khu 8 (07168-08)"
    assert texts(attention(entries, ViewState(), "07168", "vi"))[2] == "Khu 8"
