"""Printing for a meeting: every row of every table, the total row, every unit's name,
the unit and period on every page, page numbers; charts one under the other."""
from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest
from selenium.webdriver.common.print_page_options import PrintOptions

from dashboard.web.app import create_app

from .test_overview_browser import settled, severe_console_errors, wait_for

pytestmark = pytest.mark.browser

COPY_ROWS = "return document.querySelectorAll(arguments[0] + ' + .print-copy tbody tr').length;"
# the 19 commune-level units of the demo town on 13/04/2018 (DOMAIN.md)
UNITS_2018 = ["Phường Quảng Yên", "Phường Đông Mai", "Phường Minh Thành", "Phường Cộng Hòa", "Phường Tân An",
              "Phường Yên Giang", "Phường Nam Hòa", "Phường Hà An", "Phường Phong Hải", "Phường Yên Hải",
              "Phường Phong Cốc", "Xã Sông Khoai", "Xã Hiệp Hòa", "Xã Tiền An", "Xã Hoàng Tân", "Xã Cẩm La",
              "Xã Liên Hòa", "Xã Liên Vị", "Xã Tiền Phong"]


def test_before_printing_the_village_table_becomes_a_table_of_all_179_rows_and_after_it_goes(
        browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/nhat-the-hoa?ngay=2018-04-13")
    grid = '[id=\'{"name":"unified-villages","type":"grid"}\']'
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(
        "return document.querySelectorAll(arguments[0] + ' .ag-row').length;", grid) > 0)

    dash_duo.driver.execute_script("window.dispatchEvent(new Event('beforeprint'));")
    assert dash_duo.driver.execute_script(COPY_ROWS, grid) == 179  # at once: Ctrl+P gets it too

    dash_duo.driver.execute_script("window.dispatchEvent(new Event('afterprint'));")
    assert dash_duo.driver.execute_script(COPY_ROWS, grid) == 0
    assert severe_console_errors(dash_duo.driver) == []


def test_the_overview_printed_to_pdf_names_every_unit_the_total_and_numbers_its_pages(
        browser_available, start, demo_config):
    have_poppler = bool(shutil.which("pdftotext"))
    if not have_poppler:
        pytest.fail("pdftotext is missing (apt-get install poppler-utils)")
    dash_duo = start(create_app(demo_config))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?ngay=2018-04-13")
    dash_duo.wait_for_element(".attention-table")
    wait_for(dash_duo, lambda: dash_duo.driver.execute_script(
        "return document.querySelectorAll('.data-grid .ag-row').length;") > 0)
    settled(dash_duo)
    dash_duo.driver.execute_script("window.dispatchEvent(new Event('beforeprint'));")
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf = base64.b64decode(dash_duo.driver.print_page(options))
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    flat = re.sub(r"\s+", " ", text)

    pages = int(re.search(r"Trang 1 / (\d+)", flat).group(1))
    assert pages >= 2
    assert all(f"Trang {n} / {pages}" in flat for n in range(1, pages + 1))
    # the header of every page: the unit and the date
    assert flat.count("Thị xã Quảng Yên · Tính đến ngày 13/04/2018") >= pages
    missing = [name for name in UNITS_2018 if name not in flat]
    assert missing == []
    # the total row, whole: its label ("Tổng cộng", wrapped in its cell) and its figures
    assert re.search(r"Tổng\s+179\s+179\s+100,0 %\s+Đạt", flat)
    assert re.search(r"^\s*cộng\s*$", text, re.M)


def test_a_legend_that_fits_on_one_line_on_paper_is_printed_above_its_chart_not_over_it(
        browser_available, start, demo_config):
    """The qualification chart's five-entry legend takes two lines at 1 366 px and one at
    the paper's width: plotly.js narrowed the top margin but left the legend where the
    wider one put it, over the first bar (seen on a printout of /co-cau/07147)."""
    dash_duo = start(create_app(demo_config))
    driver = dash_duo.driver
    dash_duo.wait_for_page(f"{dash_duo.server_url}/co-cau/07147")
    chart = '[id=\'{"name":"profile-qualification","type":"drill-graph"}\']'
    wait_for(dash_duo, lambda: driver.execute_script(
        "return !!document.querySelector(arguments[0] + ' .legend');", chart))
    settled(dash_duo)
    overlap = """var gd = document.querySelector(arguments[0] + ' .js-plotly-plot') ||
                             document.querySelector(arguments[0]);
        var legend = gd.querySelector('.legend').getBoundingClientRect();
        return [Math.round(legend.bottom - gd.getBoundingClientRect().top),
                Math.round(gd._fullLayout._size.t), Math.round(legend.height)];"""
    bottom, top, height = driver.execute_script(overlap, chart)
    assert height > 40 and bottom <= top  # on screen: two lines, above the bars
    driver.execute_script("window.print = function () { window.__printed = true; };")
    driver.execute_script("window.grassrootsPrint();")
    wait_for(dash_duo, lambda: driver.execute_script("return !!window.__printed;"))
    bottom, top, height = driver.execute_script(overlap, chart)
    assert height < 40 and bottom <= top  # on paper: one line, still above the bars
    assert severe_console_errors(driver) == []
