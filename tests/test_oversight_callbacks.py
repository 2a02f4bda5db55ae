"""The community oversight callbacks called directly on the demo, with exact outputs.

The demo's facts used here (dashboard/demo.py): the investment supervision board of the
concrete roads of Thôn 4, Hoàng Tân (01/03/2018-31/12/2018); ward Đông Mai's People's
Inspection Board silent in Q3/2026; ward Hiệp Hòa missing its August 2026 briefing.
Where a number is the demo's invention, the test recounts it straight from the tables.
"""
from __future__ import annotations

import json

import plotly
import pytest
from sqlalchemy import func, select

from callbacks.oversight import activity_table, commune_extra, oversight_sections
from callbacks.router import FULL, render_route
from dashboard.web.app import create_app
from dashboard.indicators import oversight_detail
from dashboard.models import Board, BoardActivity
from layouts import ids, oversight

from .helpers import find, texts


@pytest.fixture(autouse=True)
def logged_in(as_town):
    """Callbacks run for a logged-in user who sees every unit (town role)."""
    return as_town


@pytest.fixture(scope="module")
def app(demo_config):
    return create_app(demo_config)


def store(unit=None, search="", page="oversight"):
    return {"page": page, "unit": unit, "village": None, "search": search}


def card(sections, key) -> list[str]:
    return [x for x in texts(find(sections["kpis"], ids.os_kpi(key))) if x.strip()]


def trace(figure, index=0):
    return figure["data"][index]


def test_the_town_on_13_april_2018(app):
    sections = oversight_sections(app.service, store(search="?ngay=2018-04-13"))
    assert set(sections) == set(oversight.SECTIONS)
    header = " ".join(texts(sections["header"]))
    assert "Thị xã Quảng Yên" in header and "Giám sát cộng đồng" in header
    # 19 communes, one People's Inspection Board each, all active; before July 2017 the
    # demo has no records, so there is nothing to compare with
    assert card(sections, "bttnd") == ["Ban TTND hoạt động", "100,0 %", "19/19",
                                       "Ban Thanh tra nhân dân có ít nhất một hoạt động trong kỳ",
                                       "Đạt", "kỳ trước chưa có số liệu"]
    assert card(sections, "gsdtcd")[1:3] == ["100,0 %", "3/3"]
    assert card(sections, "resolved")[1:3] == ["89,9 %", "134/149"]
    assert card(sections, "activities")[1:3] == ["179", "trong đó 84 cuộc giám sát, kiểm tra"]
    assert card(sections, "settlement")[1] == "8.500.000 đ"
    assert card(sections, "money")[1] == "0 đ" and card(sections, "land")[1] == "0 m²"


def test_heatmap_months_in_vietnamese_from_the_first_records_with_drill_down_links(app):
    sections = oversight_sections(app.service, store(search="?ngay=2018-04-13"))
    heat = trace(sections["heat_bttnd"])
    # the 12 months up to 13/04/2018 start on 14/04/2017; records start in July 2017
    assert list(heat["x"]) == ["T7/2017", "T8/2017", "T9/2017", "T10/2017", "T11/2017", "T12/2017",
                               "T1/2018", "T2/2018", "T3/2018", "T4/2018"]
    assert len(heat["y"]) == 19 and heat["texttemplate"] == "%{z}"
    row = list(heat["y"]).index("Xã Hoàng Tân · 10")
    assert list(heat["z"][row]) == [2, 1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert heat["meta"]["row_links"][row] == "/giam-sat/07156?ngay=2018-04-13"  # one link per row
    assert "customdata" not in heat  # one link per row, not per cell
    # investment boards: the 16 communes without one are left out and counted in a note
    gsdtcd = trace(sections["heat_gsdtcd"])
    assert list(gsdtcd["y"]) == ["Phường Đông Mai · 4", "Xã Hoàng Tân · 1", "Phường Yên Hải · 1"]
    assert "Không hiện 16 đơn vị không có Ban GSĐTCĐ nào hoạt động trong kỳ." in texts(sections["heat_title_gsdtcd"])
    assert sections["heat_style_bttnd"] == {"minWidth": "670px", "maxWidth": "1330px"}


def test_recommendations_by_child_with_rate_and_grade_in_words(app):
    sections = oversight_sections(app.service, store(search="?ngay=2018-04-13"))
    figure = sections["recs"]
    assert texts(sections["recs_title"])[0] == "Kiến nghị đưa ra và đã giải quyết theo đơn vị"
    bars = {t["name"]: t for t in figure["data"]}
    assert set(bars) == {"Kiến nghị đưa ra", "Đã giải quyết: Đạt", "Đã giải quyết: Gần đạt",
                         "Đã giải quyết: Chưa đạt"}
    poor = bars["Đã giải quyết: Chưa đạt"]
    assert list(poor["y"]) == ["Phường Hà An", "Xã Hoàng Tân"]
    assert list(poor["text"]) == ["3/6 · 50,0 % · Chưa đạt", "4/7 · 57,1 % · Chưa đạt"]
    assert list(poor["customdata"]) == ["/giam-sat/07168?ngay=2018-04-13", "/giam-sat/07156?ngay=2018-04-13"]
    made = bars["Kiến nghị đưa ra"]
    assert sum(made["x"]) == 149  # the KPI's denominator
    # best rate at the top (the last category of a horizontal bar chart)
    assert list(figure["layout"]["yaxis"]["categoryarray"])[:2] == ["Phường Hà An", "Xã Hoàng Tân"]


def test_a_commune_in_2018_counts_activity_in_its_villages(app, demo_engine):
    """The Thôn 4 roads board: every one of its 2018 activities sits in Thôn 4's row."""
    search = "?ngay=2018-12-31&ky=nam"
    sections = oversight_sections(app.service, store("07156", search))
    assert "Xã Hoàng Tân" in texts(sections["header"])
    assert texts(sections["note"]) == [
        "Các ban thuộc Xã Hoàng Tân; hoạt động được tính cho thôn, khu nơi diễn ra "
        "(thôn, khu của hoạt động, nếu không có thì của công trình)."]
    heat = trace(sections["heat_gsdtcd"])
    assert list(heat["y"]) == ["Thôn 4 · 6"]
    assert list(heat["x"])[0] == "T1/2018" and len(heat["x"]) == 12
    assert list(heat["z"][0]) == [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]
    assert heat["meta"]["row_links"][0] == "/don-vi/07156/07156-04?ngay=2018-12-31&ky=nam"
    with demo_engine.connect() as conn:
        per_month = dict(conn.execute(
            select(func.extract("month", BoardActivity.date), func.count())
            .join(Board, Board.id == BoardActivity.board_id)
            .where(Board.project == "Bê tông hóa đường Thôn 4 (nhân dân đóng góp)")
            .group_by(func.extract("month", BoardActivity.date))).all())
    assert [per_month.get(m, 0) for m in range(1, 13)] == list(heat["z"][0])
    bttnd = trace(sections["heat_bttnd"])
    assert list(bttnd["y"])[-1] == "Không gắn với thôn, khu · 8"
    assert bttnd["meta"]["row_links"][-1] == ""  # not a unit: no link
    # the recommendations by village are tiles (the bars hidden): Thôn 2 and Thôn 4 made
    # some, as did the activities tied to no village; the three other villages none
    assert sections["recs_style"] == {"display": "none"}
    tiles = find(sections["tiles"], "oversight-tiles-section").children[1].children
    assert [texts(tile) for tile in tiles] == [
        ["Thôn 1", "Không có hoạt động"],
        ["Thôn 2", "Đã giải quyết hết kiến nghị", "Ban TTND: 2 hoạt động", "1 cuộc giám sát, kiểm tra",
         "Đã giải quyết 2/2 kiến nghị", "100,0 % · Đạt"],
        ["Thôn 3", "Không có kiến nghị", "Ban TTND: 1 hoạt động"],
        ["Thôn 4", "Đã giải quyết hết kiến nghị", "Ban TTND: 1 hoạt động", "Ban GSĐTCĐ: 6 hoạt động",
         "7 cuộc giám sát, kiểm tra", "Đã giải quyết 1/1 kiến nghị", "100,0 % · Đạt"],
        ["Thôn 5", "Không có hoạt động"],
        ["Không gắn với thôn, khu", "Còn 1 kiến nghị chưa giải quyết", "Ban TTND: 8 hoạt động",
         "3 cuộc giám sát, kiểm tra", "Đã giải quyết 2/3 kiến nghị", "66,7 % · Gần đạt"]]
    assert tiles[3].href == "/don-vi/07156/07156-04?ngay=2018-12-31&ky=nam"
    # 18 activities in all (the activity table's count): 2 + 1 + 7 + 8


def test_villages_of_a_merged_ward_that_share_a_name_keep_one_row_each(app):
    """Ward Hiệp Hòa took the villages of Sông Khoai and Hiệp Hòa: two of each "Thôn 1"."""
    sections = oversight_sections(app.service, store("07147"))
    rows = [texts(tile)[0] for tile in find(sections["tiles"], "oversight-tiles-section").children[1].children]
    assert "Thôn 1 (07144-01)" in rows and "Thôn 1" not in rows
    assert len(rows) == len(set(rows))
    labels = list(trace(sections["heat_gsdtcd"])["y"])
    assert labels == ["Thôn 1 (07144-01) · 4", "Thôn 12 (07147-12) · 5"]


def test_activity_table_of_the_commune_in_2018(app):
    table = activity_table(app.service, store("07156", "?ngay=2018-12-31&ky=nam"))
    grid = find(table, ids.grid("oversight-activities"))
    assert len(grid.rowData) == 18  # 18 activities, as the KPI card says
    roads = [r for r in grid.rowData if r["b"].endswith("Bê tông hóa đường Thôn 4 (nhân dân đóng góp)")]
    assert len(roads) == 6 and {r["v"] for r in roads} == {"Thôn 4"} and {r["bk"] for r in roads} == {"Ban GSĐTCĐ"}
    assert roads[0] == {"id": roads[0]["id"], "d": "2018-12-08", "b": roads[0]["b"], "bk": "Ban GSĐTCĐ",
                        "c": "Xã Hoàng Tân", "v": "Thôn 4", "k": "Giám sát",
                        "s": "Giám sát chủng loại, khối lượng vật liệu đưa vào công trình",
                        "m": 1, "r": 1, "mo": 4_200_000, "l": 0.0, "sr": 0}
    assert [r["d"] for r in grid.rowData] == sorted((r["d"] for r in grid.rowData), reverse=True)
    headers = [c["headerName"] for c in grid.columnDefs]
    assert headers[:7] == ["Ngày", "Ban", "Loại ban", "Xã, phường", "Thôn, khu", "Loại hoạt động", "Nội dung"]


def test_dong_mai_board_silent_in_the_third_quarter_of_2026(app):
    sections = oversight_sections(app.service, store())
    lines = texts(sections["silent"])
    assert "Không hoạt động trong quý vừa qua (Quý 3/2026): 1 ban" in lines
    assert "Ban nào cũng có hoạt động trong kỳ này." in lines
    grid = find(sections["silent"], ids.grid("oversight-silent-quarter"))
    row = grid.rowData[0]
    assert len(grid.rowData) == 1
    assert (row["name"], row["kind"], row["commune"], row["term"]) == (
        "Ban Thanh tra nhân dân phường Đông Mai", "Ban TTND", "Phường Đông Mai", "từ 30/08/2025")
    assert [c["headerName"] for c in grid.columnDefs] == ["Ban", "Loại ban", "Xã, phường", "Nhiệm kỳ",
                                                         "Hoạt động gần nhất"]


def test_a_quarter_is_compared_with_the_previous_quarter(app):
    sections = oversight_sections(app.service, store(search="?ky=quy"))
    assert "Quý 4/2026" in " ".join(texts(sections["header"]))
    change = card(sections, "bttnd")[-1]
    # Q3/2026: 5 of 6 boards active (Đông Mai silent); Q4: 6 of 6
    assert change == "tăng 16,7 điểm phần trăm so với Quý 3/2026"
    assert list(trace(sections["heat_bttnd"])["x"]) == ["T10/2026", "T11/2026"]


def test_a_term_is_counted_by_quarter(app):
    sections = oversight_sections(app.service, store(search="?ngay=2019-01-01&ky=nhiemky"))
    columns = list(trace(sections["heat_bttnd"])["x"])
    # term 2017-2020 from 01/07/2017 (the first records) to 30/06/2020: 12 quarters
    assert columns[0] == "Q3/2017" and columns[-1] == "Q2/2020" and len(columns) == 12
    assert "quý" in texts(sections["heat_title_bttnd"])[0]


def test_every_response_stays_small(app):
    """The largest views (a term of the town) stay well under 200 KB per callback."""
    for search in ("?ngay=2019-01-01&ky=nhiemky", "?ngay=2024-01-01&ky=nhiemky", ""):
        sections = oversight_sections(app.service, store(search=search))
        table = activity_table(app.service, store(search=search))
        for payload in ([sections[name] for name in oversight.SECTIONS], table):
            size = len(json.dumps(payload, cls=plotly.utils.PlotlyJSONEncoder))
            assert size < 150_000, (search, size)


def test_activity_table_is_capped_with_a_message(app):
    table = activity_table(app.service, store(search="?ngay=2019-01-01&ky=nhiemky"))
    note = texts(table)[0]
    assert note.startswith(f"Hiện {oversight_detail.ACTIVITY_ROWS} hoạt động gần nhất trên tổng số ")
    assert len(find(table, ids.grid("oversight-activities")).rowData) == oversight_detail.ACTIVITY_ROWS


def test_a_unit_with_too_many_villages_offers_its_children(app, monkeypatch):
    monkeypatch.setattr(oversight_detail, "ACTIVITY_TABLE_MAX_VILLAGES", 100)
    table = activity_table(app.service, store(search="?ngay=2018-04-13"))
    words = texts(table)
    assert ("Thị xã Quảng Yên có 179 thôn, khu: bảng hoạt động chỉ hiện cho đơn vị có tối đa 100 "
            "thôn, khu. Chọn một đơn vị trực thuộc:") in words
    assert find(table, ids.grid("oversight-activities")) is None
    assert "Xã Hoàng Tân" in words and len([w for w in words if w.startswith(("Xã ", "Phường "))]) == 19


def test_unknown_unit_says_so_and_draws_nothing_else(app):
    sections = oversight_sections(app.service, store("99999"))
    assert "Không có đơn vị nào mang mã 99999." in texts(sections["header"])
    assert sections["kpis"] is None and sections["silent"] is None
    assert activity_table(app.service, store("99999")) is None


def test_a_period_that_has_not_begun_says_so(app):
    sections = oversight_sections(app.service, store(search="?ngay=2030-01-01&ky=nam"))
    assert "Năm 2030" in texts(sections["header"])
    assert texts(sections["kpis"])[-1] == "Kỳ báo cáo chưa bắt đầu."
    assert sections["silent"] is None


def test_english(app):
    sections = oversight_sections(app.service, store(search="?ngay=2018-04-13&lang=en"))
    assert card(sections, "bttnd")[:3] == ["Active People's Inspection Boards", "100.0%", "19/19"]
    assert list(trace(sections["heat_bttnd"])["x"])[:2] == ["07/2017", "08/2017"]


def test_router_draws_the_oversight_page(app):
    _navbar, page, title = render_route(app, app.service, "/giam-sat/07156", "?ngay=2018-04-13", FULL)
    assert title == "Giám sát cộng đồng · Công tác cán bộ cơ sở"
    assert find(page, ids.view("oversight")).data == store("07156", "?ngay=2018-04-13")
    assert find(page, ids.OS_ACTIVITIES) is not None


# --- a commune's boards and briefings on its unit page ------------------------------------


def test_hiep_hoa_missed_its_august_2026_briefing(app):
    extra = commune_extra(app.service, store("07147", page="overview"))
    briefings = find(extra, ids.OS_COMMUNE_BRIEFINGS)
    words = texts(briefings)
    assert "Giao ban hằng tháng của Phường Hiệp Hòa" in words
    assert "Đã giao ban 11/12 tháng." in words
    assert "Tháng không giao ban: tháng 8/2026." in words
    tiles = briefings.children.children[1].children[1].children
    assert [tile.className for tile in tiles].count("briefing-tile missed") == 1
    august = next(tile for tile in tiles if "missed" in tile.className)
    assert texts(august) == ["T8/2026", " ", "Không họp"]
    september = tiles[10]
    assert [x for x in texts(september) if x.strip()] == ["T9/2026", "Đã họp", "ngày 07/09", "41 người dự"]


def test_hiep_hoa_boards_today(app):
    extra = commune_extra(app.service, store("07147", page="overview"))
    grid = find(extra, ids.grid("commune-boards"))
    assert [c["headerName"] for c in grid.columnDefs] == [
        "Loại ban", "Ban", "Thôn, khu", "Nhiệm kỳ", "Số thành viên", "Hoạt động trong kỳ", "Hoạt động gần nhất"]
    pib = [r for r in grid.rowData if r["kind"] == "Ban TTND"]
    assert [(r["name"], r["term"], r["members"], r["activities"], r["last"]) for r in pib] == [
        ("Ban Thanh tra nhân dân phường Hiệp Hòa", "từ 31/08/2025", 11, 14, "2026-11-08")]
    assert len(grid.rowData) == 3


def test_the_thon_4_roads_board_on_hoang_tans_page_in_2018(app):
    extra = commune_extra(app.service, store("07156", "?ngay=2018-04-13", page="overview"))
    rows = find(extra, ids.grid("commune-boards")).rowData
    roads = [r for r in rows if r["kind"] == "Ban GSĐTCĐ"]
    assert [(r["name"], r["village"], r["term"], r["members"]) for r in roads] == [
        ("Bê tông hóa đường Thôn 4 (nhân dân đóng góp)", "Thôn 4", "01/03/2018 – 31/12/2018", 5)]
    assert "Đã giao ban 9/9 tháng." in texts(find(extra, ids.OS_COMMUNE_BRIEFINGS))


def test_nothing_under_a_unit_whose_children_are_not_villages(app):
    assert commune_extra(app.service, store(page="overview")) is None
    assert commune_extra(app.service, store("07156", "?ngay=2026-01-01", page="overview")) is None  # gone
    assert commune_extra(app.service, store("99999", page="overview")) is None


def test_briefings_on_todays_structure_count_every_commune_it_was_formed_from(app):
    """Ward Hà An on today's structure, in 2018, holds the briefings of Tân An, Hà An,
    Hoàng Tân and Liên Hòa (Liên Hòa was split: only its primary successor takes its
    records, so the ward counts three communes). Every month is due from each."""
    extra = commune_extra(app.service, store("07168", "?ngay=2018-12-31&ky=nam&cocau=hiennay", page="overview"))
    briefings = find(extra, ids.OS_COMMUNE_BRIEFINGS)
    tiles = briefings.children.children[1].children[1].children
    assert len(tiles) == 12
    assert all("/3 đơn vị giao ban" in " ".join(texts(tile)) for tile in tiles)
