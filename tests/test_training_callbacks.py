"""The training page's callbacks, called directly, with exact outputs on the demo data.

The demo's public facts (DOMAIN.md, tests/test_demo.py): on 13/04/2018 the 179 unified
holders are the town's cadres in post; 177 of them completed one of the town's two
4-day classes of November and December 2017 (TX-2017-L1 for the first ten units, 103
learners, and TX-2017-L2, 76 learners: 179 in all, each on the six topics); today
(27/11/2026) 7 first-time cadres of the 2025–2027 term missed their ward's class.
"""
from __future__ import annotations

import json

import plotly
import pytest

from callbacks.router import FULL, render_route
from callbacks.training import (
    COURSE_SECTIONS,
    COVERAGE_SECTIONS,
    SUMMARY_SECTIONS,
    course_sections,
    coverage_sections,
    summary_sections,
    untrained_section,
)
from dashboard.web.app import create_app
from dashboard.indicators import training_detail
from layouts import ids
from layouts.training import HIDDEN

from .helpers import find, texts


@pytest.fixture(autouse=True)
def logged_in(as_town):
    """Callbacks run for a logged-in user who sees every unit (town role)."""
    return as_town


@pytest.fixture(scope="module")
def app(demo_config):
    return create_app(demo_config)


def store(unit=None, search=""):
    return {"page": "training", "unit": unit, "village": None, "search": search}


APRIL = "?ngay=2018-04-13"


def test_kpis_of_the_town_on_13_april_2018(app):
    sections = summary_sections(app.service, store(search=APRIL))
    assert set(sections) == set(SUMMARY_SECTIONS)
    header = " ".join(texts(sections["header"]))
    assert "Thị xã Quảng Yên" in header and "13/04/2018" in header and "Bồi dưỡng cán bộ thôn, khu" in header
    trained = find(sections["kpis"], "kpi-training-trained")
    assert texts(trained)[:3] == ["Hoàn thành bồi dưỡng", "98,9 %", "177/179"]  # the registry's name
    assert "Đạt" in texts(trained)
    # 13/04/2017 is before the records begin: nothing to compare with
    assert "kỳ trước chưa có số liệu" in texts(trained)
    first = find(sections["kpis"], "kpi-training-first-time")
    assert texts(first)[1:3] == ["0", "/ 100 người giữ chức lần đầu"]
    # Courses ended 14/04/2017-13/04/2018: TX-2017-L1 (103 learners, 100 completed, 399
    # days), TX-2017-L2 (76, 76, 303 days), Nam Hòa's 1-day session (8, no certificate)
    # and Phong Hải's 2-day session (9, 18 days): 196 participations of 179 people,
    # 728 days attended of 4 x 179 + 8 + 2 x 9 = 742 held, 100 + 76 + 9 = 185
    # certificates for 100 + 76 + 8 + 9 = 193 completions.
    flow = texts(find(sections["kpis"], "kpi-training-flow"))
    assert flow[1:4] == ["196 lượt", "179 người", "học viên của đơn vị tại 4 khóa học kết thúc trong kỳ"]
    days = texts(find(sections["kpis"], "kpi-training-days"))
    assert days[1:3] == ["98,1 %", "728/742 ngày"]
    certificates = texts(find(sections["kpis"], "kpi-training-certificates"))
    assert certificates[1:3] == ["185", "/ 193 lượt hoàn thành"]


def test_completion_by_child_ranked_with_grades_and_links(app):
    sections = summary_sections(app.service, store(search=APRIL))
    bars = sections[ids.TR_COMPLETION]["data"][0]
    ticks = sections[ids.TR_COMPLETION]["layout"]["yaxis"]["ticktext"]
    assert len(bars["x"]) == 19
    # worst first (drawn at the bottom): Cộng Hòa 8/9, Đông Mai 9/10, then the 100 % units
    assert ticks[0].startswith("Phường Cộng Hòa<br>") and "8/9 · 88,9 % · " in ticks[0] and "Gần đạt" in ticks[0]
    assert ticks[1].startswith("Phường Đông Mai<br>") and "9/10 · 90,0 % · " in ticks[1]
    index = [i for i, tick in enumerate(ticks) if tick.startswith("Xã Hoàng Tân<br>")][0]
    assert "5/5 · 100,0 % · " in ticks[index] and "Đạt" in ticks[index]
    assert bars["customdata"][index] == "/boi-duong/07156?ngay=2018-04-13"
    grid = find(sections["table"], ids.grid("training"))
    assert len(grid.rowData) == 19
    total = grid.dashGridOptions["pinnedBottomRowData"][0]
    assert (total["cadres"], total["trained"], total["participations"], total["people"]) == (179, 177, 196, 179)


def test_people_and_participations_by_child(app):
    sections = summary_sections(app.service, store(search=APRIL))
    people, participations = sections[ids.TR_PEOPLE]["data"]
    assert (people["name"], participations["name"]) == ("Số người", "Số lượt")
    # Phong Hải: 9 cadres, each at the town class and at the ward's own session
    top = list(participations["y"]).index("Phường Phong Hải")
    assert (people["x"][top], participations["x"][top]) == (9, 18)
    assert participations["customdata"][top] == "/boi-duong/07174?ngay=2018-04-13"


def test_the_town_classes_of_2017_on_the_timeline_and_in_the_table(app):
    sections = course_sections(app.service, store(search=APRIL))
    assert set(sections) == set(COURSE_SECTIONS)
    grid = find(sections["courses"], ids.grid("training-courses"))
    rows = {r["code"]: r for r in grid.rowData}
    assert [r["code"] for r in grid.rowData] == ["TX-2017-L1", "TX-2017-L2", "07165-2018-TH", "07174-2018-TH"]
    for code, start, end in (("TX-2017-L1", "2017-11-21", "2017-11-24"), ("TX-2017-L2", "2017-12-05", "2017-12-08")):
        row = rows[code]
        assert (row["kind"], row["organiser"], row["start"], row["end"], row["days"]) == (
            "Lớp bồi dưỡng", "Thị xã Quảng Yên", start, end, 4.0)
        assert row["topics"] == "CD1, CD2, CD3, CD4, CD5, CD6"
    assert rows["TX-2017-L1"]["learners"] + rows["TX-2017-L2"]["learners"] == 179
    assert (rows["TX-2017-L1"]["learners"], rows["TX-2017-L2"]["learners"]) == (103, 76)
    timeline = sections["timeline"]
    assert [trace["name"] for trace in timeline["data"] if trace.get("name")] == ["Lớp bồi dưỡng", "Tập huấn"]
    assert timeline["layout"]["yaxis"]["categoryarray"] == ["07174-2018-TH", "07165-2018-TH", "TX-2017-L2",
                                                            "TX-2017-L1"]
    labels = [text for trace in timeline["data"] if trace["mode"] == "text" for text in trace["text"]]
    assert labels == ["103 HV", "76 HV", "8 HV", "9 HV"]


def test_topic_coverage_heatmap_writes_the_values(app):
    sections = coverage_sections(app.service, store(search=APRIL))
    assert set(sections) == set(COVERAGE_SECTIONS)
    heatmap = sections["figure"]["data"][0]
    assert heatmap["x"] == ["CD1", "CD2", "CD3", "CD4", "CD5", "CD6"]
    assert len(heatmap["y"]) == 20 and heatmap["y"][-1] == "Tổng cộng"
    # 176/179 covered CD1-CD3 and CD6 (the class), 177/179 CD4 and CD5 (also the sessions)
    assert heatmap["text"][-1] == ["98", "98", "98", "99", "99", "98"]
    cong_hoa = heatmap["y"].index("Phường Cộng Hòa")
    assert heatmap["text"][cong_hoa] == ["89"] * 6
    assert heatmap["meta"]["row_links"][cong_hoa] == "/boi-duong/07150?ngay=2018-04-13"
    assert heatmap["meta"]["row_links"][-1] == ""  # the total row does not drill
    assert "customdata" not in heatmap  # one link per row, not per cell
    legend = texts(sections["note"])
    assert "CD5" in legend and ": Quy chế dân chủ ở cơ sở, giám sát của cộng đồng, thanh tra nhân dân, hòa giải ở cơ sở" in legend


def test_todays_seven_untrained_first_timers(app):
    children, style = untrained_section(app.service, store())
    assert style == {}
    assert "7 cán bộ đương chức chưa được bồi dưỡng, trong đó 7 người giữ chức lần đầu." in texts(children)
    grid = find(children, ids.grid("training-untrained"))
    assert len(grid.rowData) == 7
    assert {r["first_time"] for r in grid.rowData} == {"Có"}
    assert grid.rowData[0] == {
        "person": "Tô Văn Hải", "village": "Khu 8", "href": "/don-vi/07168/07168-08",
        "commune": "Phường Hà An", "role": "Bí thư chi bộ đồng thời là trưởng thôn, khu", "first_time": "Có",
        "start": "2025-09-15", "key": "0"}  # a position: no database id in the rows


def test_a_unit_with_too_many_villages_gives_the_count_not_the_list(app, monkeypatch):
    monkeypatch.setattr(training_detail, "UNTRAINED_MAX_VILLAGES", 100)
    children, _ = untrained_section(app.service, store(search=APRIL))
    lines = texts(children)
    assert "2 cán bộ đương chức chưa được bồi dưỡng, trong đó 0 người giữ chức lần đầu." in lines
    assert any(line.startswith("Thị xã Quảng Yên có 179 thôn, khu (nhiều hơn 100)") for line in lines)
    assert find(children, ids.grid("training-untrained")) is None


def test_a_commune_page_lists_its_villages_with_links_to_the_village_page(app):
    sections = summary_sections(app.service, store("07156", APRIL))
    assert "Xã Hoàng Tân" in texts(sections["header"])
    # its five villages as tiles, each cadre trained at the town's second class (the
    # charts by child hidden)
    tiles = find(sections["tiles"], "training-tiles-section").children[1].children
    assert [texts(tile) for tile in tiles] == [
        [f"Thôn {n}", "Đã bồi dưỡng", "1/1 · 100,0 % · Đạt", "1 người · 1 lượt học"]
        for n in range(1, 6)]
    assert tiles[3].href == "/don-vi/07156/07156-04?ngay=2018-04-13"
    assert sections[f"{ids.TR_COMPLETION}_style"] == HIDDEN and sections[f"{ids.TR_PEOPLE}_style"] == HIDDEN
    grid = find(sections["table"], ids.grid("training"))
    assert [r["name"] for r in grid.rowData] == ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5"]
    assert grid.rowData[3]["href"] == "/don-vi/07156/07156-04?ngay=2018-04-13"
    assert texts(find(sections["kpis"], "kpi-training-trained"))[1:3] == ["100,0 %", "5/5"]
    courses = course_sections(app.service, store("07156", APRIL))
    rows = find(courses["courses"], ids.grid("training-courses")).rowData
    # Hoàng Tân's five went to the second class; the first was run by the town above it
    assert [(r["code"], r["learners"]) for r in rows] == [("TX-2017-L1", 0), ("TX-2017-L2", 5)]
    children, _ = untrained_section(app.service, store("07156", APRIL))
    assert texts(children)[-1] == "Tất cả cán bộ đương chức đã được bồi dưỡng."


def test_year_2026_compares_with_2025(app):
    sections = summary_sections(app.service, store(search="?ky=nam"))
    assert "Năm 2026" in texts(sections["header"])
    trained = texts(find(sections["kpis"], "kpi-training-trained"))
    assert trained[1:3] == ["96,1 %", "173/180"]
    first = texts(find(sections["kpis"], "kpi-training-first-time"))
    assert first[1:3] == ["7", "/ 56 người giữ chức lần đầu"] and "Gần đạt" in first
    courses = course_sections(app.service, store(search="?ky=nam"))
    codes = [r["code"] for r in find(courses["courses"], ids.grid("training-courses")).rowData]
    assert codes == ["07147-2026-TH", "07132-2026-TH", "07135-2026-TH", "07132-2026-CDS"]


def test_unit_not_valid_on_the_date_hides_the_sections(app):
    data = store("07156", "?ngay=2026-01-01")
    sections = summary_sections(app.service, data)
    assert "Xã Hoàng Tân không tồn tại vào ngày 01/01/2026" in " ".join(texts(sections["header"]))
    assert sections["kpis"] is None and sections[f"{ids.TR_COMPLETION}_style"] == HIDDEN
    assert course_sections(app.service, data)["section_style"] == HIDDEN
    assert coverage_sections(app.service, data)["section_style"] == HIDDEN
    assert untrained_section(app.service, data) == (None, HIDDEN)


def test_unknown_unit(app):
    sections = summary_sections(app.service, store("99999"))
    assert "Không có đơn vị nào mang mã 99999." in " ".join(texts(sections["header"]))


def test_english(app):
    sections = summary_sections(app.service, store(search=APRIL + "&lang=en"))
    assert texts(find(sections["kpis"], "kpi-training-trained"))[:3] == ["Training completed", "98.9%", "177/179"]


def test_responses_stay_small(app):
    """Every callback response of the busiest view (the root) is well under 200 KB."""
    for search in (APRIL, ""):
        data = store(search=search)
        for part in (summary_sections(app.service, data), course_sections(app.service, data),
                     coverage_sections(app.service, data), untrained_section(app.service, data)):
            assert len(json.dumps(part, cls=plotly.utils.PlotlyJSONEncoder)) < 100_000


def test_router_draws_the_training_page(app):
    _navbar, page, title = render_route(app, app.service, "/boi-duong/07156", APRIL, FULL)
    assert title == "Bồi dưỡng · Công tác cán bộ cơ sở"
    assert find(page, ids.view("training")).data == store("07156", APRIL)
    assert find(page, ids.drill_graph(ids.TR_COMPLETION)) is not None
