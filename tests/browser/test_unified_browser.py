"""The unified-positions page and the village page in headless Chromium, as a leader
uses them: read the town's figure, click a commune's bar, go back, open a village."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import ElementClickInterceptedException
from selenium.webdriver.common.by import By

from dashboard.web.app import create_app

from .test_overview_browser import click_until, outside_requests, severe_console_errors, wait_for

pytestmark = pytest.mark.browser


def click_stacked_bar(dash_duo, chart: str, label: str):
    """Click the first segment of ``label``'s bar in a stacked drill-down chart."""
    graph = dash_duo.find_element(f"#chart-wrap-{chart} .js-plotly-plot")
    index = dash_duo.driver.execute_script("return arguments[0].data[0].y.indexOf(arguments[1]);", graph, label)
    assert index >= 0, f"{label} is not in the chart"
    first_trace = graph.find_elements(By.CSS_SELECTOR, ".barlayer .trace")[0]
    bars = first_trace.find_elements(By.CSS_SELECTOR, ".point path")
    ActionChains(dash_duo.driver).move_to_element(bars[index]).click().perform()


def test_the_town_reads_179_of_179_then_drills_into_hoang_tan_and_back(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/nhat-the-hoa?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#un-kpi-unified", "179/179", timeout=60)
    assert "100,0 %" in dash_duo.find_element("#un-kpi-unified").text
    dash_duo.wait_for_contains_text("#unified-header h1", "Thị xã Quảng Yên")
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#chart-wrap-un-coverage .barlayer .trace")) == 2)
    wait_for(dash_duo, lambda: "Tính đến ngày chọn" in dash_duo.find_element("#unified-history-terms").text)

    click_until(dash_duo, lambda: click_stacked_bar(dash_duo, "un-coverage", "Xã Hoàng Tân"),
                lambda: dash_duo.driver.current_url.endswith("/nhat-the-hoa/07156?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#unified-header h1", "Xã Hoàng Tân", timeout=60)
    dash_duo.wait_for_contains_text("#un-kpi-unified", "5/5", timeout=60)
    dash_duo.wait_for_contains_text("#un-kpi-first-time", "4/5", timeout=60)
    wait_for(dash_duo, lambda: "Thôn 5" in dash_duo.find_element("#unified-villages").text)

    dash_duo.driver.back()
    wait_for(dash_duo, lambda: dash_duo.driver.current_url.endswith("/nhat-the-hoa?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#un-kpi-unified", "179/179", timeout=60)
    dash_duo.wait_for_contains_text("#unified-header h1", "Thị xã Quảng Yên")

    assert severe_console_errors(dash_duo.driver) == []
    assert outside_requests(dash_duo.driver) == []


def test_a_village_link_opens_the_village_page_with_its_holders(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/nhat-the-hoa/07156?ngay=2018-04-13")
    wait_for(dash_duo, lambda: "Thôn 4" in dash_duo.find_element("#unified-villages").text, timeout=60)
    link = [a for a in dash_duo.find_elements("#unified-villages a.unit-link") if a.text == "Thôn 4"][0]

    def click_link():
        """Scroll to the link and click it; False (try again) while the sections above it
        are still arriving and move it."""
        try:
            ActionChains(dash_duo.driver).scroll_to_element(link).move_to_element(link).click().perform()
            return True
        except ElementClickInterceptedException:
            return False

    click_until(dash_duo, lambda: wait_for(dash_duo, click_link),
                lambda: dash_duo.driver.current_url.endswith("/don-vi/07156/07156-04?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#village-header h1", "Thôn 4", timeout=60)
    assert "Xã Hoàng Tân" in dash_duo.find_element("#village-header .breadcrumb").text
    dash_duo.wait_for_contains_text("#village-status", "Đã nhất thể hóa", timeout=60)
    wait_for(dash_duo, lambda: "Đinh Ngọc Hương" in dash_duo.find_element("#village-holders").text, timeout=60)
    assert "Trưởng thôn, khu" in dash_duo.find_element("#village-holders").text
    wait_for(dash_duo, lambda: "Lớp bồi dưỡng" in dash_duo.find_element("#village-trainings").text)
    wait_for(dash_duo, lambda: "Tham gia nghiệm thu công trình" in dash_duo.find_element("#village-activities").text)

    dash_duo.driver.back()
    wait_for(dash_duo, lambda: dash_duo.driver.current_url.endswith("/nhat-the-hoa/07156?ngay=2018-04-13"))
    dash_duo.wait_for_contains_text("#un-kpi-unified", "5/5", timeout=60)
    assert severe_console_errors(dash_duo.driver) == []
