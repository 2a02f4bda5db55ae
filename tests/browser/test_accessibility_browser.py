"""Every page passes axe-core with no serious or critical violation, in Vietnamese and in
English, and the page says which language it is in.

axe-core (tests/browser/vendor/axe-core, from the npm registry) is injected into the page
by the test, never served by the app. The pages: every skeleton of ``layouts.pages`` for a
commune (pages merged later are visited too), the root overview, a village page and the
admin's audit log.
"""
from __future__ import annotations

import json
import pathlib
import time

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.viewstate import page_path
from dashboard.web.app import create_app
from layouts.pages import SKELETONS

from ..conftest import BROWSER_WAIT

pytestmark = pytest.mark.browser
AXE = pathlib.Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
COMMUNE, VILLAGE, DAY = "07168", "07168-01", "2026-11-27"


def page_paths() -> list[str]:
    paths = [f"/?ngay={DAY}"]
    for page in SKELETONS:
        paths.append(page_path(page, COMMUNE, VILLAGE if page == "village" else None) + f"?ngay={DAY}")
    return paths + ["/nhat-ky"]


def settled(driver) -> bool:
    """The page has drawn and no callback is running."""
    return driver.execute_script(
        "return document.readyState === 'complete' && !!document.querySelector('#page > *, .audit-page, main')"
        " && !document.querySelector('[data-first-view]')"  # the app, not the server's first view
        " && !document.querySelector('[data-dash-is-loading=\"true\"]')"
        " && !document.querySelector('.dash-spinner, ._dash-loading');")


def drawn(driver) -> None:
    """Wait, as a reader would scroll, until AG Grid has shown every grid's cells (it keeps
    them hidden until it has measured the columns) and no transition is half-way."""
    WebDriverWait(driver, BROWSER_WAIT).until(lambda d: d.execute_script(
        "const grid = document.querySelector('.ag-delay-render');"
        " if (grid) { grid.scrollIntoView(); return false; } window.scrollTo(0, 0); return true;"))
    WebDriverWait(driver, BROWSER_WAIT).until(lambda d: d.execute_script(
        "return document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect.getTiming().iterations === Infinity);"))


def run_axe(driver) -> list[dict]:
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' '))})))))"
        ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}])));")
    return json.loads(result)


def steady(driver) -> None:
    """Settled, and still settled half a second later: a page's callbacks can start one
    after another with a moment between them in which nothing is loading."""
    WebDriverWait(driver, BROWSER_WAIT).until(settled)
    time.sleep(0.5)
    WebDriverWait(driver, BROWSER_WAIT).until(settled)


def axe_violations(driver) -> list[dict]:
    """axe-core's violations on the current page once it is drawn: [{id, impact, nodes}].
    A grid that a late callback draws while axe runs is measured again once drawn; so is a
    page with a serious violation (a section a late callback redraws is dimmed under its
    spinner while it loads, and its text then fails the contrast check): a real
    violation is found again."""
    for _attempt in range(3):
        drawn(driver)
        violations = run_axe(driver)
        if not driver.execute_script("return !!document.querySelector('.ag-delay-render');"):
            break
    if serious(violations):
        steady(driver)
        drawn(driver)
        violations = run_axe(driver)
    return violations


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SERIOUS]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_has_no_serious_or_critical_axe_violation(browser_available, start, demo_config, lang):
    dash_duo = start(create_app(demo_config), role="admin")
    driver = dash_duo.driver
    driver.set_script_timeout(BROWSER_WAIT)
    found, languages = {}, {}
    for path in page_paths():
        url = dash_duo.server_url + path + (("&" if "?" in path else "?") + "lang=en" if lang == "en" else "")
        driver.get(url)
        steady(driver)
        languages[path] = driver.execute_script("return document.documentElement.lang")
        violations = axe_violations(driver)
        print(path, lang, {v["id"]: (v["impact"], len(v["nodes"])) for v in violations})
        found[path] = serious(violations)
    assert {path: v for path, v in found.items() if v} == {}
    assert {path: got for path, got in languages.items() if got != lang} == {}


def open_date_picker(driver, url: str) -> str:
    driver.get(url)
    WebDriverWait(driver, BROWSER_WAIT).until(settled)
    driver.find_element("id", "filter-date").click()
    WebDriverWait(driver, BROWSER_WAIT).until(
        lambda d: d.find_elements("css selector", ".dash-datepicker-calendar thead th"))
    return driver.find_element("css selector", ".dash-datepicker-content").get_attribute("textContent")


def picker_button_labels(driver) -> list[str]:
    """The labels of the open picker's buttons (arrows and the year's - and +), once
    assets/a11y.js has put them in the page's language."""
    script = ("return Array.from(document.querySelectorAll('.dash-datepicker-content button[aria-label]'))"
              ".map(b => b.getAttribute('aria-label'))")
    WebDriverWait(driver, BROWSER_WAIT).until(lambda d: "Decrease value" not in d.execute_script(script))
    return driver.execute_script(script)


def test_the_date_picker_speaks_the_page_language_whatever_the_browser_language(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config))
    driver = dash_duo.driver
    base = f"{dash_duo.server_url}/?ngay={DAY}"
    assert driver.execute_script("return navigator.language") == "en-US"  # headless Chromium's
    calendar = open_date_picker(driver, base)
    header = driver.find_element("css selector", ".dash-datepicker-calendar thead").text.split()
    assert header == ["Th", "2", "Th", "3", "Th", "4", "Th", "5", "Th", "6", "Th", "7", "CN"]
    assert "tháng 11" in calendar and "tháng 12" in calendar and "November" not in calendar
    assert driver.find_element("id", "filter-date").get_attribute("placeholder") == "Chọn ngày"
    # the picker's own buttons: Dash labels them "Previous month", "Decrease value"...
    assert picker_button_labels(driver) == ["Tháng trước", "Năm trước", "Năm sau", "Tháng sau"]

    calendar = open_date_picker(driver, base + "&lang=en")
    header = driver.find_element("css selector", ".dash-datepicker-calendar thead").text.split()
    assert header == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    assert "November" in calendar and "tháng" not in calendar
    assert driver.find_element("id", "filter-date").get_attribute("placeholder") == "Choose a date"
    assert picker_button_labels(driver) == ["Previous month", "Previous year", "Next year", "Next month"]


def test_the_servers_page_before_the_app_starts_has_no_serious_or_critical_axe_violation(
        browser_available, start, demo_config):
    """What a reader gets until their first use of the page (assets/boot.js): the server's
    HTML alone, no script of Dash's run. Every page of a commune, the root and a village."""
    dash_duo = start(create_app(demo_config), role="admin", lazy=True)
    driver = dash_duo.driver
    driver.set_script_timeout(BROWSER_WAIT)
    found = {}
    for path in page_paths()[:-1]:  # the audit log is no Dash page
        driver.get(dash_duo.server_url + path)
        WebDriverWait(driver, BROWSER_WAIT).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && !!document.querySelector('[data-first-view] #page > *');"))
        violations = run_axe(driver)
        assert driver.execute_script("return typeof window.DashRenderer;") == "undefined", path  # not started
        print(path, {v["id"]: (v["impact"], len(v["nodes"])) for v in violations})
        found[path] = serious(violations)
    assert {path: v for path, v in found.items() if v} == {}
