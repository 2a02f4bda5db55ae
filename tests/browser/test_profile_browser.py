"""The cadre-profile page in headless Chromium, as a leader uses it: read the town's
average-age and ethnic-minority cards, click a commune's bar of the theory chart, land on its page with its
holders listed."""
from __future__ import annotations

import pytest

from dashboard.web.app import create_app

from .test_overview_browser import click_until, outside_requests, severe_console_errors, wait_for
from .test_unified_browser import click_stacked_bar

pytestmark = pytest.mark.browser


def test_the_town_card_then_a_commune(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/co-cau?ngay=2026-11-27")
    dash_duo.wait_for_contains_text("#pr-kpi-avg-age", "người có năm sinh", timeout=60)
    assert "Tuổi bình quân" in dash_duo.find_element("#pr-kpi-avg-age").text
    dash_duo.wait_for_contains_text("#pr-kpi-reelected", "/", timeout=60)
    # the ethnic-minority card (the demo's 27/11/2026: 36 of 357 posts, 10,1 %)
    dash_duo.wait_for_contains_text("#pr-kpi-minority", "36/357", timeout=60)
    assert "10,1 %" in dash_duo.find_element("#pr-kpi-minority").text
    wait_for(dash_duo, lambda: len(dash_duo.find_elements("#chart-wrap-profile-theory .barlayer .trace")) >= 2)
    click_until(dash_duo, lambda: click_stacked_bar(dash_duo, "profile-theory", "Phường Liên Hòa"),
                lambda: dash_duo.driver.current_url.endswith("/co-cau/07180?ngay=2026-11-27"))
    dash_duo.wait_for_contains_text("#profile-header h1", "Phường Liên Hòa", timeout=60)
    wait_for(dash_duo, lambda: "Bí thư chi bộ" in dash_duo.find_element("#profile-holders").text, timeout=60)
    assert severe_console_errors(dash_duo.driver) == []
    assert outside_requests(dash_duo.driver) == []
