"""The app starts on the reader's first use of the page (assets/boot.js): until then the
page is the server's first view, read without a script of Dash's running; a link followed
before that opens the next page with its own first view; the first touch starts the app,
which draws the same page in the same place."""
from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from dashboard.web.app import create_app

from .test_overview_browser import settled, severe_console_errors, wait_for

pytestmark = pytest.mark.browser

DASH_REQUESTS = """return performance.getEntriesByType('resource').map(function (e) { return e.name; })
    .filter(function (n) { return n.indexOf('/_dash-') !== -1 && n.indexOf('_dash-component-suites') === -1; })
    .map(function (n) { return n.split('?')[0].split('/').pop(); });"""
STARTED = "return typeof window.DashRenderer !== 'undefined';"
FIRST_VIEW = "return !!document.querySelector('[data-first-view]');"
PLACE = """var e = document.querySelector('#kpi-unified'); var r = e.getBoundingClientRect();
    return [Math.round(r.top), Math.round(r.left), Math.round(r.height), e.textContent];"""
WHERE = "return [window.history.length, window.location.pathname + window.location.search];"


def test_the_page_is_read_before_the_app_starts_and_the_first_use_starts_it_in_place(
        browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config), lazy=True)
    driver = dash_duo.driver
    driver.set_window_size(412, 823)
    driver.get(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179")
    time.sleep(1.5)  # a reader reading: nothing of Dash's runs meanwhile
    assert driver.execute_script(FIRST_VIEW)
    assert not driver.execute_script(STARTED)
    assert driver.execute_script(DASH_REQUESTS) == []
    assert "Phường Nam Hòa" in dash_duo.find_element("#page").text
    before = driver.execute_script(PLACE)

    ActionChains(driver).move_to_element(dash_duo.find_element("h1")).perform()  # the mouse moves over it
    settled(dash_duo)
    assert driver.execute_script(STARTED)
    requests = driver.execute_script(DASH_REQUESTS)
    assert "_dash-layout" in requests and "_dash-update-component" in requests
    # the app's page is the server's: the same card in the same place
    assert driver.execute_script(PLACE) == before
    assert severe_console_errors(driver) == []


def test_a_link_followed_before_the_app_starts_opens_the_next_page_and_back_returns(
        browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config), lazy=True)
    driver = dash_duo.driver
    driver.set_window_size(1366, 2400)  # the link on the first screen: a click with no scroll first
    driver.get(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179")
    length, _ = driver.execute_script(WHERE)
    link = dash_duo.find_element("a[href^='/don-vi/07147']")
    target = link.get_attribute("pathname")
    link.click()  # a plain link: the browser opens the commune's page
    wait_for(dash_duo, lambda: driver.execute_script(WHERE)[1].startswith(target))
    dash_duo.wait_for_contains_text("h1", "Hiệp Hòa")
    assert driver.execute_script(WHERE)[0] == length + 1
    driver.back()
    wait_for(dash_duo, lambda: driver.execute_script(WHERE)[1] == "/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179")
    assert driver.execute_script(WHERE)[0] == length + 1
    assert severe_console_errors(driver) == []


def test_a_page_without_a_first_view_starts_the_app_at_once(browser_available, start, demo_config, monkeypatch):
    """The server's first view failed (it never breaks the page: Dash's "Loading..." is
    served instead): the app starts by itself and draws the page, no use needed."""
    from dashboard.web import first_view

    def fails(*args, **kwargs):
        raise RuntimeError("no first view")

    monkeypatch.setattr(first_view, "first_view", fails)
    dash_duo = start(create_app(demo_config), lazy=True)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179")
    settled(dash_duo)
    assert driver.execute_script(STARTED)


def test_the_app_started_by_a_scroll_keeps_the_readers_place(browser_available, start, demo_config):
    """Dash's renderer first draws "Loading..." where the page was: the reader who
    scrolled down would have seen the page blank and been sent back to the top. The
    server's page stays until the app's own is drawn (assets/boot.js hold)."""
    dash_duo = start(create_app(demo_config), lazy=True)
    driver = dash_duo.driver
    driver.set_window_size(412, 823)
    driver.get(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179")
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    assert height > 2000
    driver.execute_script("""
        window.__seen = [];
        window.__watch = window.setInterval(function () {
            window.__seen.push([document.documentElement.scrollHeight, window.scrollY,
                                document.querySelectorAll('#page .kpi-card').length]);
        }, 10);
        window.scrollTo({top: 1500, behavior: "instant"});""")
    settled(dash_duo)
    seen = driver.execute_script("window.clearInterval(window.__watch); return window.__seen;")
    assert driver.execute_script(STARTED)
    # never shorter than the server's page, never without its cards, never back at the top
    assert min(h for h, _, _ in seen) >= height
    assert min(cards for _, _, cards in seen) >= 5
    assert min(y for _, y, _ in seen) >= 1500 and driver.execute_script("return window.scrollY;") >= 1500
