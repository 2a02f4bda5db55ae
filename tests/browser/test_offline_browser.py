"""Every page, every request: nothing may leave the server (the intranet has no internet).

Chromium's performance log records each network request the page makes (documents,
styles, fonts, scripts, images, XHR/fetch); dash_duo cannot give it, so this test drives
its own Chromium. Pages come from ``layouts.pages.SKELETONS`` (pages merged later are
visited too), plus the login page, a page that does not exist and the admin's audit log.
"""
from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.web.app import create_app
from dashboard.viewstate import page_path
from layouts.pages import SKELETONS

from ..conftest import TEST_PASSWORD, TEST_USERS, free_port

pytestmark = pytest.mark.browser
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture
def recording_driver(browser_available):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1366,900", "--lang=vi"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options)
    # every script the app can load, at once (assets/boot.js, assets/lazy.js): all recorded
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": "window.grassrootsEager = true;"})
    yield driver
    driver.quit()


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def settled(driver) -> bool:
    """The page has drawn and no callback is running."""
    return driver.execute_script(
        "return document.readyState === 'complete' && !!document.querySelector('#page > *')"
        " && !document.querySelector('[data-first-view]')"  # the app, not the server's first view
        " && !document.querySelector('[data-dash-is-loading=\"true\"]');")


def page_urls() -> list[str]:
    paths = ["/", "/?ngay=2018-04-13&cocau=hiennay&lang=en", "/khong-co-trang-nay"]
    for page in SKELETONS:
        paths.append(page_path(page, "07168") + "?ngay=2026-11-27")
        if page == "overview":
            paths.append(page_path("village", "07168", "07168-01") + "?ngay=2026-11-27")
    return paths


def test_no_page_requests_anything_outside_the_server(recording_driver, dash_thread_server, demo_config):
    driver = recording_driver
    dash_thread_server(create_app(demo_config), port=free_port())
    base = dash_thread_server.url.rstrip("/")
    everything: list[str] = []

    driver.get(f"{base}/dang-nhap")
    driver.find_element("id", "username").send_keys(TEST_USERS["admin"][0])
    driver.find_element("id", "password").send_keys(TEST_PASSWORD)
    driver.find_element("id", "login-submit").click()
    WebDriverWait(driver, 60).until(lambda d: "/dang-nhap" not in d.current_url)
    for path in page_urls():
        driver.get(base + path)
        if path == "/khong-co-trang-nay":  # no page of the app: the server's own 404 page, no app shell
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
            assert not driver.find_elements("id", "page")
        else:
            WebDriverWait(driver, 60).until(settled)
        everything += requested_urls(driver)
    driver.get(f"{base}/nhat-ky")
    assert "Nhật ký hệ thống" in driver.find_element("tag name", "body").text
    driver.find_element("id", "su-kien")  # the audit page has drawn its filter
    everything += requested_urls(driver)

    outside = sorted({u for u in everything if u.startswith(("http:", "https:", "ws:", "wss:"))
                      and urlparse(u).hostname not in LOCAL_HOSTS})
    assert outside == []
    # the recording is real: styles, fonts, scripts and callbacks all went to this server
    for expected in ("bootstrap.min.css", "bootstrap-icons.woff2", "plotly-locale-vi.js", "_dash-update-component"):
        assert any(expected in u for u in everything), expected
    problems = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
                and "/khong-co-trang-nay - Failed to load resource" not in e["message"]]  # the 404 asked for
    assert problems == []  # no request refused by the Content-Security-Policy either
