"""A commune's topic pages (unified, training, oversight) show its villages as tiles; clicking
one opens the village."""
from __future__ import annotations

import pytest

from dashboard.web.app import create_app

from .test_overview_browser import click_until, settled, wait_for

pytestmark = pytest.mark.browser


def test_clicking_a_village_tile_on_the_unified_page_opens_the_village(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/nhat-the-hoa/07156?ngay=2018-04-13")
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#unified-tiles-section .village-tile")) == 5)
    settled(dash_duo)
    tile = "#unified-tiles-section a[href='/don-vi/07156/07156-04?ngay=2018-04-13']"
    assert dash_duo.find_element(tile).text.split("\n") == ["Thôn 4", "Nhất thể hóa", "Tái cử"]
    # the charts by child are hidden: the tiles say it
    assert not dash_duo.find_element("#chart-wrap-un-coverage").is_displayed()
    assert not dash_duo.find_element("#chart-wrap-un-vacant").is_displayed()
    # ...and the history chart beside the vacancies takes its row, leaving no gap
    history = dash_duo.find_element("#chart-wrap-unified-history").rect["width"]
    row = dash_duo.driver.execute_script(
        "return document.querySelector('#chart-wrap-unified-history').parentNode.getBoundingClientRect().width;")
    assert history >= row - 1
    click_until(dash_duo, lambda: dash_duo.find_element(tile).click(),
                lambda: dash_duo.driver.current_url.endswith("/don-vi/07156/07156-04?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#village-header h1", "Thôn 4", timeout=60)


def test_clicking_a_village_tile_on_the_training_page_opens_the_village(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/boi-duong/07156?ngay=2018-04-13")
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#training-tiles-section .village-tile")) == 5)
    settled(dash_duo)
    tile = "#training-tiles-section a[href='/don-vi/07156/07156-04?ngay=2018-04-13']"
    assert dash_duo.find_element(tile).text.split("\n") == [
        "Thôn 4", "Đã bồi dưỡng", "1/1 · 100,0 % · Đạt", "1 người · 1 lượt học"]
    # the two charts by child are hidden: the tiles say it
    assert not dash_duo.find_element("#chart-wrap-training-completion").is_displayed()
    assert not dash_duo.find_element("#chart-wrap-training-people").is_displayed()
    click_until(dash_duo, lambda: dash_duo.find_element(tile).click(),
                lambda: dash_duo.driver.current_url.endswith("/don-vi/07156/07156-04?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#village-header h1", "Thôn 4", timeout=60)


def test_clicking_a_village_tile_on_the_oversight_page_opens_the_village(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/giam-sat/07156?ngay=2018-12-31&ky=nam")
    # five villages and the activities tied to none
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#oversight-tiles-section .village-tile")) == 6)
    settled(dash_duo)
    tile = "#oversight-tiles-section a[href='/don-vi/07156/07156-04?ngay=2018-12-31&ky=nam']"
    assert dash_duo.find_element(tile).text.split("\n") == [
        "Thôn 4", "Đã giải quyết hết kiến nghị", "Ban TTND: 1 hoạt động", "Ban GSĐTCĐ: 6 hoạt động",
        "7 cuộc giám sát, kiểm tra", "Đã giải quyết 1/1 kiến nghị", "100,0 % · Đạt"]
    # the recommendations by village are hidden; the heatmaps by month stay
    assert not dash_duo.find_element("#chart-wrap-oversight-recs").is_displayed()
    assert dash_duo.find_element("#chart-wrap-oversight-heat-gsdtcd").is_displayed()

    def scroll_and_click():
        # below the two rows of cards: brought to the middle of the window at once (Bootstrap's
        # smooth scrolling was still moving the page when Selenium's own scroll clicked)
        element = dash_duo.find_element(tile)
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
                                       element)
        element.click()

    click_until(dash_duo, scroll_and_click,
                lambda: dash_duo.driver.current_url.endswith("/don-vi/07156/07156-04?ngay=2018-12-31&ky=nam"))
    dash_duo.wait_for_contains_text("#village-header h1", "Thôn 4", timeout=60)
