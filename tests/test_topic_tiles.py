"""A commune's villages as tiles on the topic pages (issue 13, item 5), on the tiny town of
tests/factory_unified.py, tiles read by hand from the factory's posts."""
from __future__ import annotations

from datetime import date

import pytest

from callbacks.oversight import oversight_sections
from callbacks.training import summary_sections
from callbacks.unified import unified_main
from dashboard.config import Config
from dashboard.service import DataService
from dashboard.web.app import create_app
from layouts import ids
from layouts import oversight as oversight_layout
from layouts import training as training_layout
from layouts import unified as unified_layout

from .factory_unified import build_unified_town
from .helpers import find, texts

TODAY = date(2022, 1, 1)


@pytest.fixture
def app(engine):
    build_unified_town(engine)
    config = Config(database_url="sqlite://", today=TODAY, load_demo_if_empty=False, secret_key="test",
                    response_cache=False)
    return create_app(config, DataService(config, engine))


@pytest.fixture(autouse=True)
def logged_in(as_town):
    return as_town


def tiles(sections) -> list[list[str]]:
    return [texts(tile) for tile in find(sections["tiles"], "unified-tiles-section").children[1].children]


def store(unit, day):
    return {"page": "unified", "unit": unit, "village": None, "search": f"?ngay={day}"}


def test_unified_page_of_a_commune_shows_its_villages_as_tiles(app):
    """On 01/03/2019 A has A1 (p1 holds both posts, first time), A2 (secretary p2, head
    p3: not unified), A3 (p4 holds both, re-elected); B has B1 (secretary p5, no head)
    and B2 (p6 holds both)."""
    a = unified_main(app.service, store("A", "2019-03-01"))
    assert tiles(a) == [["Thôn A1", "Nhất thể hóa", "Lần đầu"], ["Thôn A2", "Chưa nhất thể hóa"],
                        ["Thôn A3", "Nhất thể hóa", "Tái cử"]]
    # the tile's colour: the state's; a tile opens its village
    links = find(a["tiles"], "unified-tiles-section").children[1].children
    assert [link.className for link in links] == ["village-tile tile-good", "village-tile tile-poor",
                                                  "village-tile tile-good"]
    assert links[1].href.startswith("/don-vi/A/A2?")
    # the three charts by child are hidden: the tiles say what their bars said
    assert {a[f"{name}_style"]["display"] for name in unified_layout.CHARTS} == {"none"}
    b = unified_main(app.service, store("B", "2019-03-01"))
    # B2: secretary re-elected, head first-time: counted first-time, as its bar did (1/1)
    assert tiles(b) == [["Khu B1", "Chưa nhất thể hóa", "Trưởng thôn, khu còn trống"],
                        ["Khu B2", "Nhất thể hóa", "Lần đầu"]]


def test_the_town_keeps_its_charts_by_commune(app):
    """T's children are three communes (A, B, D): charts compare them, no tiles."""
    town = unified_main(app.service, store("T", "2019-03-01"))
    assert town["tiles"] is None
    assert {str(town[f"{name}_style"]) for name in unified_layout.CHARTS} == {"{}"}
    assert len(town[unified_layout.CHARTS[0]]["data"][0]["y"]) == 3


# --- the training page ------------------------------------------------------------------------


def training_store(unit, search):
    return {"page": "training", "unit": unit, "village": None, "search": search}


def section_tiles(sections, section_id: str):
    return find(sections["tiles"], section_id).children[1].children


def test_training_page_of_a_commune_shows_its_villages_as_tiles(app):
    """On 01/03/2019 (the twelve months to that day), A has A1 (p1 holds both posts,
    first-time, completed K1: 1/1), A2 (p2 went to K1 for 2 of its 4 days and did not
    complete it, p3 first-time and never went: 0/2) and A3 (p4, completed K1 while A3 did
    not exist yet: 1/1; the participation counts for A, not A3). K1 ended on 04/11/2018,
    inside the period: A1 1 person 1 participation, A2 1 and 1."""
    sections = summary_sections(app.service, training_store("A", "?ngay=2019-03-01"))
    tiles = section_tiles(sections, "training-tiles-section")
    assert [texts(tile) for tile in tiles] == [
        ["Thôn A1", "Đã bồi dưỡng", "1/1 · 100,0 % · Đạt", "1 người · 1 lượt học"],
        ["Thôn A2", "Chưa bồi dưỡng", "0/2 · 0,0 % · Chưa đạt", "1 người lần đầu chưa bồi dưỡng",
         "1 người · 1 lượt học"],
        ["Thôn A3", "Đã bồi dưỡng", "1/1 · 100,0 % · Đạt", "Không học trong kỳ"]]
    assert [tile.className for tile in tiles] == ["village-tile tile-good", "village-tile tile-poor",
                                                  "village-tile tile-good"]
    assert tiles[1].href == "/don-vi/A/A2?ngay=2019-03-01"
    # the two charts by child are hidden: the tiles say what their bars said
    assert {sections[f"{name}_style"]["display"] for name in training_layout.CHARTS} == {"none"}


def test_training_tiles_of_b_a_seminar_does_not_train(app):
    """B on 01/03/2019: B1 (p5, secretary, first-time; head vacant) went to the seminar
    K2 on 01/02/2019 (a participation, but a seminar does not train: 0/1); B2 (p6 in both
    posts, first-time as head) took K3 in 2015, too long before the post: 0/1."""
    sections = summary_sections(app.service, training_store("B", "?ngay=2019-03-01&lang=en"))
    assert [texts(tile) for tile in section_tiles(sections, "training-tiles-section")] == [
        ["Quarter B1", "Not trained", "0/1 · 0.0% · Not met", "1 first-timer not yet trained",
         "1 person · 1 participation"],
        ["Quarter B2", "Not trained", "0/1 · 0.0% · Not met", "1 first-timer not yet trained",
         "No course in the period"]]


def test_the_town_keeps_its_training_charts_by_commune(app):
    town = summary_sections(app.service, training_store("T", "?ngay=2019-03-01"))
    assert town["tiles"] is None
    assert {str(town[f"{name}_style"]) for name in training_layout.CHARTS} == {"{}"}
    assert len(town[ids.TR_COMPLETION]["data"][0]["y"]) == 3


# --- the oversight page -----------------------------------------------------------------------


def oversight_store(unit, search):
    return {"page": "oversight", "unit": unit, "village": None, "search": search}


def test_oversight_page_of_a_commune_shows_its_villages_as_tiles(app):
    """A in 2019 (to 31/12/2019): villages A1, A2, A3 and B2 (from 01/07/2019). Board BA's
    2019 activities: a meeting on 10/02 tied to no village, and the supervision of
    05/05 about A1 (3 recommendations, 2 resolved: 66,7 %, fair)."""
    sections = oversight_sections(app.service, oversight_store("A", "?ngay=2019-12-31&ky=nam"))
    tiles = section_tiles(sections, "oversight-tiles-section")
    assert [texts(tile) for tile in tiles] == [
        ["Thôn A1", "Còn 1 kiến nghị chưa giải quyết", "Ban TTND: 1 hoạt động", "1 cuộc giám sát, kiểm tra",
         "Đã giải quyết 2/3 kiến nghị", "66,7 % · Gần đạt"],
        ["Thôn A2", "Không có hoạt động"], ["Thôn A3", "Không có hoạt động"], ["Khu B2", "Không có hoạt động"],
        # the meeting tied to no village: the bars' last row, a tile that opens nothing
        ["Không gắn với thôn, khu", "Không có kiến nghị", "Ban TTND: 1 hoạt động"]]
    assert [tile.className for tile in tiles] == [
        "village-tile tile-fair", "village-tile tile-none", "village-tile tile-none", "village-tile tile-none",
        "village-tile village-tile-static tile-none"]
    assert tiles[0].href == "/don-vi/A/A1?ngay=2019-12-31&ky=nam" and not hasattr(tiles[4], "href")
    # the recommendations by village are hidden (the tiles say it); the heatmaps stay
    assert sections["recs_style"] == {"display": "none"}
    assert list(sections["heat_bttnd"]["data"][0]["y"]) == ["Thôn A1 · 1", "Không gắn với thôn, khu · 1"]


def test_oversight_tiles_of_b_in_2018(app):
    """B in 2018: GB (gsdtcd, project in B1) supervised on 15/07/2018, 1 recommendation
    made and resolved; BB's only activity is of 2017. Nothing tied to no village: no
    such tile."""
    sections = oversight_sections(app.service, oversight_store("B", "?ngay=2018-12-31&ky=nam&lang=en"))
    tiles = section_tiles(sections, "oversight-tiles-section")
    assert [texts(tile) for tile in tiles] == [
        ["Quarter B1", "All recommendations resolved", "CISB: 1 activity", "1 supervision or inspection",
         "Resolved 1/1 recommendations", "100.0% · Met"],
        ["Quarter B2", "No activity"]]
    assert [tile.className for tile in tiles] == ["village-tile tile-good", "village-tile tile-none"]


def test_the_town_keeps_its_recommendations_by_commune(app):
    """T's three communes in 2018: A 1/2, B 1/1, D none (bars ranked, none last = first drawn)."""
    town = oversight_sections(app.service, oversight_store("T", "?ngay=2018-12-31&ky=nam"))
    assert town["tiles"] is None and town["recs_style"] == {}
    assert list(town["recs"]["data"][-1]["y"]) == ["Xã D", "Xã A", "Phường B"]


def test_a_quarter_without_activity_leaves_every_village_silent(app):
    """B in the fourth quarter of 2018: GB (gsdtcd, its project in B1, in office to
    31/12/2018) supervised in July only. A board is counted where it belongs (the commune),
    not in the village of its project: B1 has no board of its own to say 0 of."""
    sections = oversight_sections(app.service, oversight_store("B", "?ngay=2018-12-31&ky=quy"))
    assert [texts(tile) for tile in section_tiles(sections, "oversight-tiles-section")] == [
        ["Khu B1", "Không có hoạt động"], ["Khu B2", "Không có hoạt động"]]


def test_a_unit_whose_board_did_nothing_says_0():
    """Tiles of communes (fewer than three to compare): a commune with a board that did
    nothing in the period says so, as its heatmap row of zeros did."""
    row = {"name": "Xã A", "href": "/giam-sat/A", "unit_id": 1, "boards_bttnd": 1, "boards_gsdtcd": 0,
           "activities": {"bttnd": 0, "gsdtcd": 0}, "supervisions": 0, "recommendations": 0, "resolved": 0}
    tile = oversight_layout.oversight_tile(row, "vi")
    assert texts(tile) == ["Xã A", "Không có hoạt động", "Ban TTND: 0 hoạt động"]
    assert tile.className == "village-tile tile-none"


def test_a_village_partly_trained_or_with_no_cadres():
    """The cases the fixtures do not reach: one of two cadres trained, and no cadre in post."""
    row = {"name": "Thôn X", "href": "/don-vi/A/X", "cadres": 2, "trained": 1, "first_time_untrained": 0,
           "people": 2, "participations": 3}
    partly = training_layout.training_tile(row, "vi")
    assert texts(partly) == ["Thôn X", "Bồi dưỡng chưa đủ", "1/2 · 50,0 % · Chưa đạt", "2 người · 3 lượt học"]
    assert partly.className == "village-tile tile-poor"
    none = training_layout.training_tile({**row, "cadres": 0, "trained": 0}, "en")
    assert texts(none) == ["Thôn X", "No cadres in post"] and none.className == "village-tile tile-none"
