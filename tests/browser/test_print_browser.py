"""Printing: every row of every table reaches the paper, not only the rows on screen."""
from __future__ import annotations

import pytest

from dashboard.web.app import create_app

from .test_overview_browser import severe_console_errors, wait_for

pytestmark = pytest.mark.browser

ROWS = "return document.querySelectorAll(arguments[0] + ' .ag-center-cols-container .ag-row').length;"


def test_before_printing_the_village_table_draws_all_179_rows_and_after_it_scrolls_again(
        browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/nhat-the-hoa?ngay=2018-04-13")
    grid = '[id=\'{"name":"unified-villages","type":"grid"}\']'
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(ROWS, grid) > 0)
    on_screen = dash_duo.driver.execute_script(ROWS, grid)
    assert 0 < on_screen < 179  # the grid scrolls: only the rows in view are drawn

    dash_duo.driver.execute_script("window.dispatchEvent(new Event('beforeprint'));")
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(ROWS, grid) == 179)

    dash_duo.driver.execute_script("window.dispatchEvent(new Event('afterprint'));")
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(ROWS, grid) < 179)
    assert severe_console_errors(dash_duo.driver) == []
