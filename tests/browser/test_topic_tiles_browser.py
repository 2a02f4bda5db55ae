"""A commune's topic pages (unified, training, oversight) show its villages as tiles; clicking
one opens the village."""
from __future__ import annotations

import pytest

from dashboard.web.app import create_app

from .test_overview_browser import click_until, settled, wait_for

pytestmark = pytest.mark.browser


THON_4 = "/don-vi/07156/07156-04"


def open_tiles(dash_duo, url: str, section: str, count: int) -> str:
    """Open ``url`` and wait for its ``count`` tiles; the selector of Thôn 4's tile."""
    dash_duo.wait_for_page(f"{dash_duo.server_url}{url}")
    wait_for(dash_duo, lambda: len(dash_duo.find_elements(f"#{section} .village-tile")) == count)
    settled(dash_duo)
    return f"#{section} a[href='{THON_4}?{url.split('?', 1)[1]}']"


def click_tile(dash_duo, tile: str) -> None:
    """Click the tile and land on Thôn 4's page. The tile is brought to the middle of the
    window at once first (below two rows of cards, Bootstrap's smooth scrolling was still
    moving the page when Selenium's own scroll clicked)."""
    target = tile.split("href='", 1)[1].rstrip("']")

    def scroll_and_click():
        element = dash_duo.find_element(tile)
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
                                       element)
        element.click()

    click_until(dash_duo, scroll_and_click, lambda: dash_duo.driver.current_url.endswith(target))
    dash_duo.wait_for_contains_text("#village-header h1", "Thôn 4", timeout=60)


def test_clicking_a_village_tile_on_the_unified_page_opens_the_village(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    tile = open_tiles(dash_duo, "/nhat-the-hoa/07156?ngay=2018-04-13", "unified-tiles-section", 5)
    assert dash_duo.find_element(tile).text.split("\n") == ["Thôn 4", "Nhất thể hóa", "Tái cử"]
    # the charts by child are hidden: the tiles say it
    assert not dash_duo.find_element("#chart-wrap-un-coverage").is_displayed()
    assert not dash_duo.find_element("#chart-wrap-un-vacant").is_displayed()
    # ...and the history chart beside the vacancies takes its row, leaving no gap
    history = dash_duo.find_element("#chart-wrap-unified-history").rect["width"]
    row = dash_duo.driver.execute_script(
        "return document.querySelector('#chart-wrap-unified-history').parentNode.getBoundingClientRect().width;")
    assert history >= row - 1
    click_tile(dash_duo, tile)


def test_clicking_a_village_tile_on_the_training_page_opens_the_village(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    tile = open_tiles(dash_duo, "/boi-duong/07156?ngay=2018-04-13", "training-tiles-section", 5)
    assert dash_duo.find_element(tile).text.split("\n") == [
        "Thôn 4", "Đã bồi dưỡng", "1/1 · 100,0 % · Đạt", "1 người · 1 lượt học"]
    # the two charts by child are hidden: the tiles say it
    assert not dash_duo.find_element("#chart-wrap-training-completion").is_displayed()
    assert not dash_duo.find_element("#chart-wrap-training-people").is_displayed()
    click_tile(dash_duo, tile)


def test_clicking_a_village_tile_on_the_oversight_page_opens_the_village(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    # five villages and the activities tied to none
    tile = open_tiles(dash_duo, "/giam-sat/07156?ngay=2018-12-31&ky=nam", "oversight-tiles-section", 6)
    assert dash_duo.find_element(tile).text.split("\n") == [
        "Thôn 4", "Đã giải quyết hết kiến nghị", "Ban TTND: 1 hoạt động", "Ban GSĐTCĐ: 6 hoạt động",
        "7 cuộc giám sát, kiểm tra", "Đã giải quyết 1/1 kiến nghị", "100,0 % · Đạt"]
    # the recommendations by village are hidden; the heatmaps by month stay
    assert not dash_duo.find_element("#chart-wrap-oversight-recs").is_displayed()
    assert dash_duo.find_element("#chart-wrap-oversight-heat-gsdtcd").is_displayed()
    click_tile(dash_duo, tile)
