"""The unified-positions page and the village page: callbacks called directly, exact
outputs on the demo data (DOMAIN.md: 179/179 on 13/04/2018; Hoàng Tân 5/5, 4 first-time)."""
from __future__ import annotations

import json

import plotly
import pytest

from callbacks.router import FULL, render_route
from callbacks.unified import unified_history, unified_main, unified_villages
from callbacks.village import village_sections
from dashboard.web.app import create_app
from dashboard.viewstate import Route, ViewState
from layouts import ids
from layouts import unified as unified_layout

from .helpers import find, texts


@pytest.fixture(autouse=True)
def logged_in(as_town):
    """Callbacks run for a logged-in user who sees every unit (town role)."""
    return as_town


@pytest.fixture(scope="module")
def app(demo_config):
    return create_app(demo_config)


def store(page="unified", unit=None, search="", village=None):
    return {"page": page, "unit": unit, "village": village, "search": search}


def size(component) -> int:
    """Bytes of JSON a callback sends for ``component``."""
    if hasattr(component, "to_plotly_json"):
        component = component.to_plotly_json()
    return len(json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder))


def bars(figure) -> dict:
    """{unit name: (first segment, second segment, label, href)} of a stacked bar chart."""
    first, second, labels = figure["data"][:3]
    return {name: (a, b, label.strip(), href)
            for name, a, b, label, href in zip(first["y"], first["x"], second["x"], labels["text"], first["customdata"])}


def test_the_town_on_13_april_2018_has_179_of_179(app):
    sections = unified_main(app.service, store(search="?ngay=2018-04-13"))
    assert set(sections) == set(unified_layout.MAIN_SECTIONS)
    header = " ".join(texts(sections["header"]))
    assert "Thị xã Quảng Yên" in header and "13/04/2018" in header and "NHẤT THỂ HÓA" not in header
    assert texts(find(sections["kpis"], "un-kpi-unified"))[:3] == ["Nhất thể hóa", "100,0 %", "179/179"]
    assert texts(find(sections["kpis"], "un-kpi-first-time"))[1:3] == ["55,9 %", "100/179"]
    assert texts(find(sections["kpis"], "un-kpi-vacant"))[1:3] == ["0", "/ 358 chức danh"]
    # the previous period (13/04/2017) is before the records begin
    assert texts(find(sections["kpis"], "un-kpi-unified"))[-1] == "kỳ trước chưa có số liệu"
    coverage = bars(sections[ids.UN_COVERAGE])
    assert len(coverage) == 19
    assert coverage["Xã Hoàng Tân"] == (1.0, 0.0, "5/5 · 100,0 %", "/nhat-the-hoa/07156?ngay=2018-04-13")
    first_time = bars(sections[ids.UN_FIRST_TIME])
    assert first_time["Xã Hoàng Tân"][2] == "4/5 · 80,0 %"
    # no vacancy: the chart says so instead of drawing 19 empty bars
    assert sections[ids.UN_VACANT]["layout"]["annotations"][0]["text"] == \
        "Không có chức danh nào còn trống vào<br>ngày 13/04/2018."


def test_hoang_tan_has_five_villages_four_first_time(app):
    data = store(unit="07156", search="?ngay=2018-04-13")
    sections = unified_main(app.service, data)
    assert texts(find(sections["kpis"], "un-kpi-unified"))[1:3] == ["100,0 %", "5/5"]
    assert texts(find(sections["kpis"], "un-kpi-first-time"))[1:5] == [
        "80,0 %", "4/5", "người kiêm nhiệm giữ chức lần đầu / thôn, khu nhất thể hóa", "4 lần đầu · 1 tái cử"]
    # a commune's villages are tiles, not bars of 0/1 (the three charts are hidden)
    tiles = find(sections["tiles"], "unified-tiles-section").children[1].children
    assert [texts(tile) for tile in tiles] == [
        ["Thôn 1", "Nhất thể hóa", "Lần đầu"], ["Thôn 2", "Nhất thể hóa", "Lần đầu"],
        ["Thôn 3", "Nhất thể hóa", "Lần đầu"], ["Thôn 4", "Nhất thể hóa", "Tái cử"],
        ["Thôn 5", "Nhất thể hóa", "Lần đầu"]]
    assert tiles[3].href == "/don-vi/07156/07156-04?ngay=2018-04-13"
    assert {sections[f"{name}_style"]["display"] for name in unified_layout.CHARTS} == {"none"}
    grid = find(unified_villages(app.service, data), ids.grid("unified-villages"))
    assert [(r["name"], r["unified"], r["first_time"], r["term"]) for r in grid.rowData] == [
        ("Thôn 1", "Có", "Lần đầu", "2017–2020"), ("Thôn 2", "Có", "Lần đầu", "2017–2020"),
        ("Thôn 3", "Có", "Lần đầu", "2017–2020"), ("Thôn 4", "Có", "Tái cử", "2017–2020"),
        ("Thôn 5", "Có", "Lần đầu", "2017–2020")]
    assert grid.rowData[3]["secretary"] == grid.rowData[3]["head"] == "Đinh Ngọc Hương"
    assert grid.rowData[3]["href"] == "/don-vi/07156/07156-04?ngay=2018-04-13"


def test_history_shows_every_term_end_and_the_dip_of_2026(app):
    figure, table = unified_history(app.service, store())
    line = figure["data"][0]
    assert len(line["x"]) == 113  # month ends from 07/2017, then 27/11/2026
    assert (str(line["x"][0]), str(line["x"][-1])) == ("2017-07-31", "2026-11-27")
    grid = find(table, ids.grid("unified-terms"))
    assert [(r["when"], r["day"], r["unified"], r["villages"]) for r in grid.rowData] == [
        ("Cuối nhiệm kỳ 2017–2020", "2020-06-30", 179, 179),
        ("Cuối nhiệm kỳ 2020–2022", "2022-12-31", 179, 179),
        ("Cuối nhiệm kỳ 2022–2025", "2025-06-30", 179, 179),
        ("Tính đến ngày chọn", "2026-11-27", 177, 179),
    ]
    # every point on the chart: the axis starts under the lowest share (30,7 % in 2017)
    assert figure["layout"]["yaxis"]["range"] == [0.25, 1.005]
    assert min(s for s in line["y"] if s is not None) == pytest.approx(0.307, abs=0.0005)
    assert not any("Trục dọc" in a["text"] for a in figure["layout"]["annotations"])


def test_today_the_kpis_compare_with_a_year_before(app):
    sections = unified_main(app.service, store(search="?ngay=2026-11-27"))
    assert texts(find(sections["kpis"], "un-kpi-unified"))[1:3] == ["98,9 %", "177/179"]
    assert texts(find(sections["kpis"], "un-kpi-unified"))[-1] == "giảm 0,6 điểm phần trăm so với 27/11/2025"
    vacant = texts(find(sections["kpis"], "un-kpi-vacant"))
    assert vacant[1:4] == ["1", "/ 358 chức danh", "bí thư chi bộ: 0 · trưởng thôn, khu: 1"]
    assert vacant[-2:] == ["Còn trống", "tăng 1 so với 27/11/2025"]
    assert bars(sections[ids.UN_VACANT]) == {
        "Phường Phong Cốc": (0, 1, "1 chức danh", "/nhat-the-hoa/07183?ngay=2026-11-27")}


def test_todays_structure_rolls_2018_onto_the_six_wards(app):
    sections = unified_main(app.service, store(search="?ngay=2018-04-13&cocau=hiennay"))
    coverage = bars(sections[ids.UN_COVERAGE])
    assert sorted(coverage) == ["Phường Hiệp Hòa", "Phường Hà An", "Phường Liên Hòa", "Phường Phong Cốc",
                                "Phường Quảng Yên", "Phường Đông Mai"]
    assert coverage["Phường Hà An"][2] == "31/31 · 100,0 %"
    assert coverage["Phường Hà An"][3] == "/nhat-the-hoa/07168?ngay=2018-04-13&cocau=hiennay"


def test_a_ward_with_two_villages_of_the_same_name_keeps_both_rows(app):
    """Hà An was formed from Tân An, Hà An, Hoàng Tân and part of Liên Hòa: it has two
    "Khu 1"; each keeps its own tile, named with its code."""
    sections = unified_main(app.service, store(unit="07168", search="?ngay=2025-12-31"))
    names = [texts(tile)[0] for tile in find(sections["tiles"], "unified-tiles-section").children[1].children]
    assert len(names) == 31
    assert {"Khu 1 (07159-01)", "Khu 1 (07168-01)", "Thôn 4"} <= set(names)


def test_unit_not_valid_on_the_date_says_where_it_went(app):
    sections = unified_main(app.service, store(unit="07156", search="?ngay=2026-01-01"))
    message = " ".join(texts(sections["header"]))
    assert "Xã Hoàng Tân không tồn tại vào ngày 01/01/2026" in message
    link = [c for c in _walk(sections["header"]) if getattr(c, "href", None)][0]
    assert link.href == "/nhat-the-hoa/07168?ngay=2026-01-01"
    assert sections["body_style"] == {"display": "none"}
    assert unified_villages(app.service, store(unit="07156", search="?ngay=2026-01-01")) is None


def test_unknown_unit(app):
    sections = unified_main(app.service, store(unit="99999"))
    assert "Không có đơn vị nào mang mã 99999." in texts(sections["header"])


def test_a_unit_with_too_many_villages_offers_its_children(app):
    route, state = Route("unified"), ViewState.from_query("?ngay=2018-04-13")
    context = app.service.context(route, state)
    data = app.service.unified.villages(context, limit=100)
    assert (data.too_many, data.villages, len(data.table)) == (True, 179, 0)
    shown = unified_layout.render_villages(data, "vi")
    assert texts(shown)[1] == ("Thị xã Quảng Yên có 179 thôn, khu: quá nhiều để liệt kê trên một trang "
                               "(tối đa 100). Hãy chọn một đơn vị trực thuộc:")
    links = [c for c in _walk(shown) if getattr(c, "href", None)]
    assert len(links) == 19 and links[0].href == "/nhat-the-hoa/07171?ngay=2018-04-13"  # Xã Cẩm La


def test_responses_stay_small(app):
    data = store(search="?ngay=2026-11-27")
    assert size(unified_villages(app.service, data)) < 80_000  # 179 villages
    main = unified_main(app.service, data)
    assert sum(size(v) for v in main.values() if v is not None) < 60_000
    figure, table = unified_history(app.service, data)
    assert size(figure) + size(table) < 60_000


def test_english(app):
    sections = unified_main(app.service, store(search="?ngay=2018-04-13&lang=en"))
    assert texts(find(sections["kpis"], "un-kpi-unified"))[:3] == ["Unified posts", "100.0%", "179/179"]
    assert texts(find(sections["kpis"], "un-kpi-first-time"))[4] == "100 first-time · 79 re-elected"


# --- the village page ------------------------------------------------------------------------


def test_village_page_shows_its_holders_training_and_activities(app):
    sections = village_sections(app.service, store("village", "07156", "?ngay=2018-04-13", "07156-04"))
    assert texts(sections["header"])[1:4] == ["Thị xã Quảng Yên", "Xã Hoàng Tân", "Thôn 4"]
    crumbs = [c.href for c in _walk(sections["header"]) if getattr(c, "href", None)]
    assert crumbs == ["/?ngay=2018-04-13", "/don-vi/07156?ngay=2018-04-13"]
    assert texts(sections["status"]) == [
        "Tình trạng ngày 13/04/2018", " ", "Đã nhất thể hóa", "Bí thư chi bộ: ", "Đinh Ngọc Hương",
        "Trưởng thôn, khu: ", "Đinh Ngọc Hương", "Đinh Ngọc Hương là bí thư chi bộ đồng thời là trưởng thôn, khu (tái cử)."]
    holders = find(sections["holders"], ids.grid("village-holders")).rowData
    assert [(r["role"], r["person"], r["term"], r["start"], r["end"], r["first_time"]) for r in holders] == [
        ("Bí thư chi bộ", "Đinh Ngọc Hương", "2017–2020", "2017-07-25", "2020-07-08", "Tái cử"),
        ("Trưởng thôn, khu", "Đinh Ngọc Hương", "2017–2020", "2017-07-25", "2020-07-08", "Tái cử")]
    trainings = find(sections["trainings"], ids.grid("village-trainings")).rowData
    assert [(r["course"], r["kind"], r["start"], r["days_attended"], r["completed"], r["certificate"])
            for r in trainings] == [("Lớp bồi dưỡng bí thư chi bộ đồng thời là trưởng thôn, khu (lớp 2)", "Lớp bồi dưỡng",
                                     "2017-12-05", 4.0, "Có", "Có")]
    activities = find(sections["activities"], ids.grid("village-activities")).rowData
    assert [(r["date"], r["kind"], r["made"], r["resolved"]) for r in activities] == [
        ("2018-03-14", "Kiểm tra", 0, 0), ("2017-07-03", "Giám sát", 3, 2)]
    assert activities[0]["board"] == "Ban Giám sát đầu tư của cộng đồng — Bê tông hóa đường Thôn 4 (nhân dân đóng góp)"


def test_village_after_the_merger_is_found_under_its_new_ward(app):
    sections = village_sections(app.service, store("village", "07156", "?ngay=2026-01-01", "07156-04"))
    lines = texts(sections["header"])
    assert lines[1:4] == ["Khu vực Quảng Yên", "Phường Hà An", "Thôn 4"]
    assert lines[-1] == "Ngày 01/01/2026, Thôn 4 thuộc Phường Hà An."
    assert sections["body_style"] == {}


@pytest.mark.parametrize("unit, village, search, message", [
    ("07156", "07156-99", "?ngay=2018-04-13", "Không có thôn, khu nào mang mã 07156-99."),
    ("99999", "07156-04", "", "Không có đơn vị nào mang mã 99999."),
    ("206", "07156", "?ngay=2018-04-13", "Mã 07156 là của Xã Hoàng Tân, không phải một thôn, khu."),
    ("07156", "07156-04", "?ngay=2010-01-01", "Thôn 4 không tồn tại vào ngày 01/01/2010 (hiệu lực từ 25/11/2011)."),
])
def test_village_page_says_why_it_shows_nothing(app, unit, village, search, message):
    sections = village_sections(app.service, store("village", unit, search, village))
    assert message in texts(sections["header"])
    assert sections["body_style"] == {"display": "none"}
    assert sections["holders"] is None


def test_router_draws_both_pages(app):
    _, page, title = render_route(app, app.service, "/nhat-the-hoa/07156", "?ngay=2018-04-13", FULL)
    assert title == "Nhất thể hóa · Công tác cán bộ cơ sở"
    assert find(page, ids.view("unified")).data == store(unit="07156", search="?ngay=2018-04-13")
    _, page, title = render_route(app, app.service, "/don-vi/07156/07156-04", "", FULL)
    assert title == "Thôn, khu · Công tác cán bộ cơ sở"
    assert find(page, ids.view("village")).data == store("village", "07156", "", "07156-04")


def _walk(component):
    """Every component in a tree, depth first."""
    if component is None or isinstance(component, (str, int, float)):
        return
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from _walk(child)
        return
    yield component
    yield from _walk(getattr(component, "children", None))


def test_a_filter_that_keeps_no_village_says_so(app):
    """Today the town's children are six wards: keeping only communes (xã) keeps none."""
    data = store(search="?ngay=2026-11-27&loai=xa")
    figure, table = unified_history(app.service, data)
    assert figure["layout"]["annotations"][0]["text"] == \
        "Khu vực Quảng Yên không có thôn, khu<br>nào vào ngày 27/11/2026."
    assert table is None
    assert texts(unified_villages(app.service, data))[1] == \
        "Khu vực Quảng Yên không có thôn, khu nào vào ngày 27/11/2026."
    assert texts(find(unified_main(app.service, data)["kpis"], "un-kpi-unified"))[1:3] == ["Chưa có số liệu", "0/0"]


def test_a_unit_leader_cannot_open_a_village_of_another_ward(app, as_unit):
    """The leader of Phường Hà An asks for Khu 1 of Phường Đông Mai through a hand-made
    route: the page says they may not see it, and shows nothing of the village."""
    sections = village_sections(app.service, store("village", "07135", "?ngay=2026-11-27", "07135-01"))
    words = texts(sections["header"])
    assert "Bạn không có quyền xem số liệu của đơn vị này." in " ".join(words)
    assert sections["holders"] is None and sections["status"] is None
