"""The community oversight page and a commune's boards and briefings, in headless
Chromium, as a leader uses them."""
from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.web.app import create_app

from .test_overview_browser import click_until

pytestmark = pytest.mark.browser
RELOADING = (NoSuchElementException, StaleElementReferenceException)


def wait_for(dash_duo, condition, timeout=60):
    # a page that reloads under the check (a form post, a redraw) is checked again
    WebDriverWait(dash_duo.driver, timeout, ignored_exceptions=RELOADING).until(lambda _driver: condition())


def severe_console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def outside_requests(driver) -> list[str]:
    urls = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    return [u for u in urls if u.startswith("http") and "127.0.0.1" not in u and "localhost" not in u]


def heatmap_rows(dash_duo, kind: str) -> list[str]:
    graph = dash_duo.find_element(f"#chart-wrap-oversight-heat-{kind} .js-plotly-plot")
    return dash_duo.driver.execute_script(
        "var d = arguments[0].data; return d && d.length && d[0].y ? Array.from(d[0].y) : [];", graph)


def click_heatmap_row(dash_duo, kind: str, label: str) -> None:
    """Click the first cell of the row ``label``, like a person would: once the chart has
    stopped moving (the app may still be putting the page in place after it started: a
    click computed before that landed on the next commune's row), the mouse goes to the
    cell's centre (viewport coordinates, from Plotly's axes) and clicks."""
    driver = dash_duo.driver
    graph = dash_duo.find_element(f"#chart-wrap-oversight-heat-{kind} .js-plotly-plot")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", graph)
    where = """
        var gd = arguments[0], label = arguments[1];
        var xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        if (gd.data[0].y.indexOf(label) < 0) { return null; }
        var box = gd.getBoundingClientRect();
        return [Math.round(box.left + xa._offset + xa.c2p(0)),
                Math.round(box.top + ya._offset + ya.c2p(ya.d2c(label)))];
    """
    readings = [driver.execute_script(where, graph, label)]
    for _ in range(20):  # the same place twice, 300 ms apart (at most 6 s)
        time.sleep(0.3)
        readings.append(driver.execute_script(where, graph, label))
        if readings[-1] == readings[-2]:
            break
    point = readings[-1]
    assert point is not None, f"{label} is not a row of the {kind} heatmap"
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(point[0], point[1]).click()
    actions.perform()


def test_oversight_of_the_town_drills_into_hoang_tan_and_back(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/giam-sat?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#oversight-kpi-bttnd", "19/19", timeout=60)
    dash_duo.wait_for_contains_text("#oversight-kpi-resolved", "134/149")
    assert "89,9 %" in dash_duo.find_element("#oversight-kpi-resolved").text
    assert "179" in dash_duo.find_element("#oversight-kpi-activities").text
    dash_duo.wait_for_contains_text("#oversight-header h1", "Thị xã Quảng Yên")
    wait_for(dash_duo, lambda: len(heatmap_rows(dash_duo, "bttnd")) == 19)
    assert "Xã Hoàng Tân · 10" in heatmap_rows(dash_duo, "bttnd")
    # the grid draws its rows once it is on screen
    dash_duo.driver.execute_script("document.getElementById('oversight-activities').scrollIntoView();")
    wait_for(dash_duo, lambda: "Ban Thanh tra nhân dân" in dash_duo.find_element("#oversight-activities").text)

    click_until(dash_duo, lambda: click_heatmap_row(dash_duo, "bttnd", "Xã Hoàng Tân · 10"),
                lambda: dash_duo.driver.current_url.endswith("/giam-sat/07156?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#oversight-header h1", "Xã Hoàng Tân", timeout=60)
    dash_duo.wait_for_contains_text("#oversight-kpi-resolved", "4/7")
    dash_duo.wait_for_contains_text("#oversight-kpi-activities", "11")
    wait_for(dash_duo, lambda: heatmap_rows(dash_duo, "gsdtcd") == ["Thôn 4 · 1"])

    dash_duo.driver.back()
    wait_for(dash_duo, lambda: dash_duo.driver.current_url.endswith("/giam-sat?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#oversight-kpi-bttnd", "19/19", timeout=60)
    dash_duo.wait_for_contains_text("#oversight-header h1", "Thị xã Quảng Yên")

    assert severe_console_errors(dash_duo.driver) == []
    assert outside_requests(dash_duo.driver) == []


def test_a_communes_unit_page_shows_its_boards_and_briefings(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/don-vi/07147")
    dash_duo.wait_for_contains_text("#commune-briefings", "Tháng không giao ban: tháng 8/2026.", timeout=60)
    assert "Đã giao ban 11/12 tháng." in dash_duo.find_element("#commune-briefings").text
    missed = dash_duo.find_elements("#commune-briefings .briefing-tile.missed")
    assert [tile.text.split("\n")[:2] for tile in missed] == [["T8/2026", "Không họp"]]
    dash_duo.driver.execute_script("document.getElementById('commune-boards').scrollIntoView();")
    dash_duo.wait_for_contains_text("#commune-boards", "Ban Thanh tra nhân dân phường Hiệp Hòa")
    assert severe_console_errors(dash_duo.driver) == []


def test_a_ward_in_a_quarter_loads_without_errors(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/giam-sat/07147?ky=quy")
    dash_duo.wait_for_contains_text("#oversight-header h1", "Phường Hiệp Hòa", timeout=60)
    dash_duo.wait_for_contains_text("#oversight-header", "Quý 4/2026")
    wait_for(dash_duo, lambda: len(heatmap_rows(dash_duo, "bttnd")) > 0)
    assert severe_console_errors(dash_duo.driver) == []
