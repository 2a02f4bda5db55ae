"""A commune's villages as tiles on the topic pages (issue 13, item 5), on the tiny town of
tests/factory_unified.py, tiles read by hand from the factory's posts."""
from __future__ import annotations

from datetime import date

import pytest

from callbacks.unified import unified_main
from dashboard.config import Config
from dashboard.service import DataService
from dashboard.web.app import create_app
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
