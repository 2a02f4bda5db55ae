"""The overview in headless Chromium, as a leader uses it."""
from __future__ import annotations

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.web.app import create_app

pytestmark = pytest.mark.browser
RELOADING = (NoSuchElementException, StaleElementReferenceException)


def wait_for(dash_duo, condition, timeout=60):
    # a page that reloads under the check (a form post, a redraw) is checked again
    WebDriverWait(dash_duo.driver, timeout, ignored_exceptions=RELOADING).until(lambda _driver: condition())


def settled(dash_duo, timeout=60) -> None:
    """Wait until no callback is running (no component marked loading), so that nothing
    above a chart or link moves it between finding it and clicking it."""
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(
        "return !document.querySelector('[data-first-view]')"  # the app, not the server's first view
        " && document.querySelectorAll('[data-dash-is-loading=\"true\"]').length === 0;"), timeout)


def click_until(dash_duo, click, arrived, attempts: int = 4) -> None:
    """``click()`` then wait for ``arrived()``; on a busy machine a click can land while
    the page is still settling and do nothing: wait for it to settle and click again."""
    for attempt in range(attempts):
        settled(dash_duo)
        click()
        try:
            wait_for(dash_duo, arrived, timeout=15)
            return
        except TimeoutException:
            if attempt == attempts - 1:
                raise


def outside_requests(driver) -> list[str]:
    """Resources the page loaded from anywhere but this server (Resource Timing)."""
    urls = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    return [u for u in urls if u.startswith("http") and "127.0.0.1" not in u and "localhost" not in u]


def severe_console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def click_bar(dash_duo, graph_name: str, label: str):
    """Click the bar of ``label`` in a drill-down chart, like a person would."""
    graph = dash_duo.find_element(f"#chart-wrap-{graph_name} .js-plotly-plot")
    index = dash_duo.driver.execute_script(
        "return arguments[0].data[0].y.indexOf(arguments[1]);", graph, label)
    assert index >= 0, f"{label} is not in the chart"
    bars = graph.find_elements(By.CSS_SELECTOR, ".bars .point path")
    ActionChains(dash_duo.driver).move_to_element(bars[index]).click().perform()


def test_overview_reads_179_of_179_then_drills_into_hoang_tan_and_back(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179", timeout=60)
    assert "100,0 %" in dash_duo.find_element("#kpi-unified").text
    dash_duo.wait_for_contains_text("#page-header", "Thị xã Quảng Yên")

    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#chart-wrap-unified .bars .point")) == 19)
    click_until(dash_duo, lambda: click_bar(dash_duo, "unified", "Xã Hoàng Tân"),
                lambda: dash_duo.driver.current_url.endswith("/don-vi/07156?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#page-header h1", "Xã Hoàng Tân", timeout=60)
    dash_duo.wait_for_contains_text("#kpi-unified", "5/5", timeout=60)
    wait_for(dash_duo, lambda: "Thôn 5" in dash_duo.find_element("#overview-table").text)

    dash_duo.driver.back()
    wait_for(dash_duo, lambda: dash_duo.driver.current_url.endswith("/?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179", timeout=60)

    assert severe_console_errors(dash_duo.driver) == []
    assert outside_requests(dash_duo.driver) == []


def test_a_link_with_filters_reproduces_the_view(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?ngay=2018-04-13&cocau=hiennay")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179", timeout=60)
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#chart-wrap-unified .bars .point")) == 6)
    assert "Phường Hà An" in dash_duo.find_element("#overview-table").text
    assert severe_console_errors(dash_duo.driver) == []
