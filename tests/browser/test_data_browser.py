"""The Data page in headless Chromium: upload a good workbook, then a broken one."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import auth, db
from dashboard.web.app import create_app
from dashboard.config import Config

from ..conftest import TEST_PASSWORD, TEST_USERS
from ..importing import small_town, workbook_bytes
from .test_overview_browser import outside_requests, severe_console_errors

pytestmark = pytest.mark.browser
RELOADING = (NoSuchElementException, StaleElementReferenceException)
# Set GRASSROOTS_TEST_SHOTS=DIR to keep screenshots of the two uploads, to look at them.
SHOTS = Path(os.environ["GRASSROOTS_TEST_SHOTS"]) if os.environ.get("GRASSROOTS_TEST_SHOTS") else None


def wait_for(dash_duo, condition, timeout=60):
    # a page that reloads under the check (a form post, a redraw) is checked again
    WebDriverWait(dash_duo.driver, timeout, ignored_exceptions=RELOADING).until(lambda _driver: condition())


def upload(dash_duo, path):
    field = dash_duo.driver.find_element(By.CSS_SELECTOR, "#data-upload input[type=file]")
    field.send_keys(str(path))


def test_upload_a_good_file_then_a_broken_one(browser_available, start, tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'data.db'}")
    db.create_schema(engine)
    username, role, unit = TEST_USERS["admin"]
    auth.add_user(engine, username, TEST_PASSWORD, role, unit, must_change=False)  # imports are for administrators
    engine.dispose()
    config = Config(database_url=f"sqlite:///{tmp_path / 'data.db'}", today=date(2023, 10, 31),
                    load_demo_if_empty=False, secret_key="test-secret")
    good = tmp_path / "xa-an-lac.xlsx"
    good.write_bytes(workbook_bytes(small_town()))
    rows = small_town()
    rows["course"][0]["days"] = "<img src=x onerror=alert(1)>"  # quoted back as text, never run
    rows["board_activity"][0]["recommendations_resolved"] = 9
    bad = tmp_path / "bo-sung.xlsx"
    bad.write_bytes(workbook_bytes(rows))

    dash_duo = start(create_app(config), role="admin")
    dash_duo.wait_for_page(f"{dash_duo.server_url}/du-lieu")
    dash_duo.wait_for_contains_text("#data-status", "chưa có số liệu", timeout=60)
    dash_duo.wait_for_contains_text("#data-history", "Chưa có lần nhập", timeout=60)

    upload(dash_duo, good)
    dash_duo.wait_for_contains_text("#import-summary", "Đã nhập xa-an-lac.xlsx: 35 dòng.", timeout=60)
    assert "Chức danh" in dash_duo.find_element("#import-summary").text
    wait_for(dash_duo, lambda: "Thành công" in dash_duo.find_element("#data-history").text)
    dash_duo.wait_for_contains_text("#data-status", "01/07/2023", timeout=60)
    dash_duo.driver.save_screenshot(str(SHOTS / "good.png")) if SHOTS else None

    upload(dash_duo, bad)
    dash_duo.wait_for_contains_text("#import-problems", "bo-sung.xlsx có 2 lỗi", timeout=60)
    wait_for(dash_duo, lambda: "lớn hơn số kiến nghị (3)" in dash_duo.find_element("#import-problems").text)
    problems = dash_duo.find_element("#import-problems").text
    assert "Hoạt động giám sát" in problems and "Số kiến nghị đã giải quyết" in problems
    assert "“<img src=x onerror=alert(1)>” không phải số." in problems
    assert dash_duo.find_elements("#import-problems img") == []
    wait_for(dash_duo, lambda: "Bị từ chối" in dash_duo.find_element("#data-history").text)
    dash_duo.driver.save_screenshot(str(SHOTS / "bad.png")) if SHOTS else None
    assert severe_console_errors(dash_duo.driver) == []
    assert outside_requests(dash_duo.driver) == []
