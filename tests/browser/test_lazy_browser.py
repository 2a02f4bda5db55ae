"""plotly.js and AG Grid's modules load when a chart or table is about to be seen, or when
the reader prints (assets/lazy.js): a phone that opens the overview does not fetch them for
charts and tables below the first screen; scrolling shows them; printing draws them first."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from dashboard.web.app import create_app

from .test_overview_browser import settled, severe_console_errors, wait_for

pytestmark = pytest.mark.browser

LOADED = """return performance.getEntriesByType('resource').map(function (e) { return e.name; })
    .filter(function (n) { return n.indexOf('plotly.min.js') !== -1 || n.indexOf('async-community') !== -1; })
    .map(function (n) { return n.indexOf('plotly') !== -1 ? 'plotly' : 'grid'; });"""
DRAWN_CHARTS = """return Array.prototype.filter.call(document.querySelectorAll('.dash-graph'),
    function (g) { return g.querySelector('.main-svg'); }).length;"""
GRID_ROWS = "return document.querySelectorAll('#overview-table .ag-center-cols-container .ag-row').length;"
COPY_ROWS = "return document.querySelectorAll('#overview-table .print-copy tbody tr').length;"


def phone(dash_duo):
    dash_duo.driver.set_window_size(412, 823)


def use(dash_duo):
    """The reader's first use of the page (a mouse moving over it): the app starts
    (assets/boot.js); a mouse movement alone fetches neither script."""
    ActionChains(dash_duo.driver).move_to_element(dash_duo.find_element("h1")).perform()


def test_a_phone_fetches_charts_and_tables_only_when_it_scrolls_to_them(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config), lazy=True)
    phone(dash_duo)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179", timeout=60)
    use(dash_duo)
    settled(dash_duo)
    charts = len(dash_duo.find_elements(".dash-graph"))
    assert charts == 4
    # the first screen (KPI cards, what needs attention) does not need either script
    assert dash_duo.driver.execute_script(LOADED) == []
    assert dash_duo.driver.execute_script(DRAWN_CHARTS) == 0
    assert dash_duo.driver.execute_script("return typeof window.Plotly.react;") == "undefined"

    # the reader scrolls down to the table: it is drawn, with its rows
    dash_duo.driver.execute_script("document.querySelector('#overview-table').scrollIntoView();")
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(GRID_ROWS) > 0)
    assert "Phường Hà An" in dash_duo.find_element("#overview-table").text
    # ...and every chart on the way
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(DRAWN_CHARTS) == charts)
    assert sorted(set(dash_duo.driver.execute_script(LOADED))) == ["grid", "plotly"]
    assert severe_console_errors(dash_duo.driver) == []


@pytest.mark.parametrize("how", ["button", "ctrl+p", "button before the app started"])
def test_printing_before_scrolling_draws_every_chart_and_table_first(how, browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config), lazy=True)
    if how != "button before the app started":  # on a phone the button is in the menu
        phone(dash_duo)
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_contains_text("#kpi-unified", "179/179", timeout=60)
    if how != "button before the app started":
        use(dash_duo)
        settled(dash_duo)
    assert dash_duo.driver.execute_script(LOADED) == []
    # the print dialog itself is not part of the test: record what is on the page when it opens
    dash_duo.driver.execute_script("""
        window.print = function () {
            window.__printed = {
                charts: Array.prototype.filter.call(document.querySelectorAll('.dash-graph'),
                    function (g) { return g.querySelector('.main-svg'); }).length,
                rows: document.querySelectorAll('#overview-table .print-copy tbody tr').length
            };
        };""")
    if how == "button":
        dash_duo.driver.execute_script("window.grassrootsPrint();")
    elif how == "button before the app started":
        # the server's "In" button: the page is drawn by the app first, then printed
        assert dash_duo.driver.execute_script("return !!document.querySelector('[data-first-view]');")
        dash_duo.find_element("#print-button").click()
    else:
        dash_duo.driver.execute_script(
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'p', ctrlKey: true, bubbles: true}));")
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script("return window.__printed || null;") is not None)
    printed = dash_duo.driver.execute_script("return window.__printed;")
    # four charts drawn, and the table copied for paper: 19 communes and the total row
    assert printed == {"charts": 4, "rows": 20}
    assert severe_console_errors(dash_duo.driver) == []
