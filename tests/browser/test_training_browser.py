"""The training page (/boi-duong) in headless Chromium, as a leader uses it."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.web.app import create_app

from .test_overview_browser import click_until, outside_requests, severe_console_errors, wait_for

pytestmark = pytest.mark.browser


def click_unit_bar(dash_duo, graph_name: str, target: str):
    """Click the bar whose link is ``target`` in a drill-down chart, like a person would."""
    graph = dash_duo.find_element(f"#chart-wrap-{graph_name} .js-plotly-plot")
    index = dash_duo.driver.execute_script(
        "return arguments[0].data[0].customdata.indexOf(arguments[1]);", graph, target)
    assert index >= 0, f"{target} is not in the chart"
    bars = graph.find_elements(By.CSS_SELECTOR, ".bars .point path")
    ActionChains(dash_duo.driver).move_to_element(bars[index]).click().perform()


def test_training_page_reads_177_of_179_then_drills_into_hoang_tan_and_back(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/boi-duong?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-training-trained", "177/179", timeout=60)
    assert "98,9 %" in dash_duo.find_element("#kpi-training-trained").text
    dash_duo.wait_for_contains_text("#training-header h1", "Thị xã Quảng Yên")
    dash_duo.wait_for_contains_text("#training-untrained", "2 cán bộ đương chức chưa được bồi dưỡng", timeout=60)
    wait_for(dash_duo, lambda: "TX-2017-L2" in dash_duo.find_element("#training-courses").text)
    wait_for(dash_duo, lambda: len(dash_duo.find_elements(
        "#chart-wrap-training-completion .bars .point")) == 19)

    click_until(dash_duo, lambda: click_unit_bar(dash_duo, "training-completion", "/boi-duong/07156?ngay=2018-04-13"),
                lambda: dash_duo.driver.current_url.endswith("/boi-duong/07156?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#training-header h1", "Xã Hoàng Tân", timeout=60)
    dash_duo.wait_for_contains_text("#kpi-training-trained", "5/5", timeout=60)
    wait_for(dash_duo, lambda: "Thôn 5" in dash_duo.find_element("#training-table").text)
    dash_duo.wait_for_contains_text("#training-untrained", "Tất cả cán bộ đương chức đã được bồi dưỡng", timeout=60)

    dash_duo.driver.back()
    wait_for(dash_duo, lambda: dash_duo.driver.current_url.endswith("/boi-duong?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#kpi-training-trained", "177/179", timeout=60)
    dash_duo.wait_for_contains_text("#training-header h1", "Thị xã Quảng Yên")

    assert severe_console_errors(dash_duo.driver) == []
    assert outside_requests(dash_duo.driver) == []


def test_today_lists_the_seven_untrained_first_timers(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/boi-duong")
    dash_duo.wait_for_contains_text("#training-untrained",
                                    "7 cán bộ đương chức chưa được bồi dưỡng, trong đó 7 người giữ chức lần đầu",
                                    timeout=60)
    wait_for(dash_duo, lambda: len(dash_duo.find_elements(
        "#training-untrained .ag-center-cols-container .ag-row")) == 7)
    assert "Tô Văn Hải" in dash_duo.find_element("#training-untrained").text
    dash_duo.wait_for_contains_text("#kpi-training-first-time", "7", timeout=60)
    assert severe_console_errors(dash_duo.driver) == []
