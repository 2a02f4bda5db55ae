"""Drill-down from charts that carry a unit's link once per row (callbacks/navigation.py):
a click on the second segment of a stacked bar finds the link on the first segment."""
from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.web.app import create_app

from .test_overview_browser import severe_console_errors, wait_for

pytestmark = pytest.mark.browser


def test_a_click_on_the_second_segment_of_a_stacked_bar_drills_down(browser_available, start, demo_config):
    """On 13/04/2018 Hoàng Tân has 4 first-time holders of 5: its re-elected segment
    (the second) is one village wide, and carries no link of its own."""
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/nhat-the-hoa?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#un-kpi-unified", "179/179", timeout=60)
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#chart-wrap-un-first-time .barlayer .trace")) == 2)
    graph = dash_duo.find_element("#chart-wrap-un-first-time .js-plotly-plot")
    index, second_links = dash_duo.driver.execute_script(
        "var d = arguments[0].data; return [Array.from(d[1].y).indexOf(arguments[1]), d[1].customdata || null];",
        graph, "Xã Hoàng Tân")
    assert index >= 0 and second_links is None
    target = "/nhat-the-hoa/07156?ngay=2018-04-13"

    def click_second_segment():
        """Click Hoàng Tân's second segment; False (try again) while the sections that
        arrive around the chart still move it under the mouse."""
        if dash_duo.driver.current_url.endswith(target):
            return True
        chart = dash_duo.find_element("#chart-wrap-un-first-time .js-plotly-plot")
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
                                       chart)
        bars = chart.find_elements(By.CSS_SELECTOR, ".barlayer .trace")[1].find_elements(By.CSS_SELECTOR,
                                                                                           ".point path")
        try:
            ActionChains(dash_duo.driver).move_to_element(bars[index]).click().perform()
        except Exception:  # moved or redrawn under the mouse
            return False
        time.sleep(0.5)
        return dash_duo.driver.current_url.endswith(target)

    wait_for(dash_duo, click_second_segment)
    dash_duo.wait_for_contains_text("#unified-header h1", "Xã Hoàng Tân", timeout=60)
    assert severe_console_errors(dash_duo.driver) == []
