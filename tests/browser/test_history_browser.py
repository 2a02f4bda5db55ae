"""Back and Forward: one history entry per navigation, so each returns in one press."""
from __future__ import annotations

import pytest

from dashboard.web.app import create_app

from .test_overview_browser import settled, wait_for

pytestmark = pytest.mark.browser

WHERE = "return [window.history.length, window.location.pathname + window.location.search];"


def test_opening_a_commune_adds_one_entry_and_back_and_forward_return_in_one_press(
        browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    driver = dash_duo.driver
    dash_duo.wait_for_page(f"{dash_duo.server_url}/")
    dash_duo.wait_for_element(".attention-table a")
    settled(dash_duo)
    length, where = driver.execute_script(WHERE)
    assert where == "/"  # the filters settling on the page leave the URL as it was
    # the charts run on the partial plotly.js bundle (dashboard/web/delivery.py)
    wait_for(dash_duo, lambda: driver.execute_script("return !!window.Plotly;"))
    assert "scattergl" not in driver.execute_script("return Object.keys(window.Plotly.PlotSchema.get().traces);")
    assert driver.execute_script("return document.querySelectorAll('script[src*=\"plotly-cartesian\"]').length;") == 0

    link = dash_duo.find_element(".attention-table a")
    target = link.get_attribute("pathname")
    link.click()
    wait_for(dash_duo, lambda: driver.execute_script(WHERE)[1] == target)
    settled(dash_duo)
    assert driver.execute_script(WHERE) == [length + 1, target]

    driver.back()
    wait_for(dash_duo, lambda: driver.execute_script(WHERE)[1] == "/")
    settled(dash_duo)
    assert driver.execute_script(WHERE) == [length + 1, "/"]

    driver.forward()
    wait_for(dash_duo, lambda: driver.execute_script(WHERE)[1] == target)
    settled(dash_duo)
    assert driver.execute_script(WHERE) == [length + 1, target]
