"""Definitions one click away, notes and the help page, in headless Chromium."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.web.app import create_app

pytestmark = pytest.mark.browser
RELOADING = (NoSuchElementException, StaleElementReferenceException)


def wait_for(dash_duo, condition, timeout=60):
    # a page that reloads under the check (a form post, a redraw) is checked again
    WebDriverWait(dash_duo.driver, timeout, ignored_exceptions=RELOADING).until(lambda _driver: condition())


def test_a_leader_opens_a_definition_and_notes_their_ward(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config), role="unit")  # the leader of Phường Hà An (07168)
    driver = dash_duo.driver
    dash_duo.wait_for_page(f"{dash_duo.server_url}/don-vi/07168?ngay=2026-11-27")
    dash_duo.wait_for_contains_text("#kpi-unified", "/", timeout=60)
    ratio = dash_duo.find_element("#kpi-unified .kpi-ratio").text  # "31/31"
    numerator, denominator = ratio.split("/")

    # the (i) button is a real button: focus it and press Enter, as with a keyboard
    button = dash_duo.find_element("#info-kpi-unified")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", button)
    button.send_keys(Keys.ENTER)
    wait_for(dash_duo, lambda: len(driver.find_elements(By.CSS_SELECTOR, ".def-popover.show")) == 1)
    popover = driver.find_element(By.CSS_SELECTOR, ".def-popover.show").text
    assert f"{numerator} / {denominator} thôn, khu" in popover
    assert "Tử số" in popover and "Mẫu số" in popover
    assert "cùng một người giữ cả chức bí thư chi bộ và trưởng thôn, khu" in popover

    # a note, typed and saved; its text stays text
    text = "<b>bí thư</b> mới kiện toàn 8/2025"
    box = dash_duo.find_element("#note-text")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.send_keys(text)
    driver.execute_script("arguments[0].click();", dash_duo.find_element("#note-save"))
    dash_duo.wait_for_contains_text("#note-message", "Đã lưu ghi chú.", timeout=60)
    wait_for(dash_duo, lambda: text in dash_duo.find_element("#notes").text)
    assert dash_duo.find_elements("#notes b") == []
    assert "t-unit" in dash_duo.find_element("#notes").text

    # the author deletes it again (the demo file is shared by the session's tests)
    delete = dash_duo.find_element("#notes .note-item .text-danger")
    driver.execute_script("arguments[0].click();", delete)
    dash_duo.wait_for_contains_text("#note-message", "Đã xóa ghi chú.", timeout=60)
    wait_for(dash_duo, lambda: text not in dash_duo.find_element("#notes").text)

    # every page says how fresh the data is; the help page is one click away
    assert "Số liệu đến ngày" in dash_duo.find_element("#freshness").text
    dash_duo.wait_for_page(f"{dash_duo.server_url}/huong-dan")
    dash_duo.wait_for_contains_text("#help-page", "Hướng dẫn sử dụng", timeout=60)
    assert "Nhất thể hóa" in dash_duo.find_element("#dinh-nghia-unified").text
