"""Logging in, seeing one's own commune only, logging out: in headless Chromium."""
from __future__ import annotations

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.web.app import create_app

from ..conftest import TEST_PASSWORD, TEST_USERS

pytestmark = pytest.mark.browser
RELOADING = (NoSuchElementException, StaleElementReferenceException)


def wait_for(dash_duo, condition, timeout=60):
    # a page that reloads under the check (a form post, a redraw) is checked again
    WebDriverWait(dash_duo.driver, timeout, ignored_exceptions=RELOADING).until(lambda _driver: condition())


def body_text(dash_duo) -> str:
    return dash_duo.driver.find_element("tag name", "body").text


def fill_login(dash_duo, username, password):
    driver = dash_duo.driver
    driver.find_element("id", "username").clear()
    driver.find_element("id", "username").send_keys(username)
    driver.find_element("id", "password").send_keys(password)
    driver.find_element("id", "login-submit").click()


def test_a_unit_leader_logs_in_sees_only_their_ward_and_logs_out(browser_available, start, demo_config):
    dash_duo = start(create_app(demo_config), role=None)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/don-vi/07135?ngay=2026-11-27")
    wait_for(dash_duo, lambda: "/dang-nhap" in driver.current_url)
    assert "Đăng nhập" in body_text(dash_duo)

    fill_login(dash_duo, TEST_USERS["unit"][0], "mat-khau-sai-roi")
    wait_for(dash_duo, lambda: "Tên đăng nhập hoặc mật khẩu không đúng." in body_text(dash_duo))
    fill_login(dash_duo, TEST_USERS["unit"][0], TEST_PASSWORD)
    # back where the link pointed: another ward, which this user may not see
    wait_for(dash_duo, lambda: driver.current_url.endswith("/don-vi/07135?ngay=2026-11-27"))
    dash_duo.wait_for_contains_text("#page-header", "Bạn không có quyền xem số liệu của đơn vị này.", timeout=60)
    assert "Đông Mai" not in body_text(dash_duo)

    # the town's address lands on the user's own ward (not the town titled with one ward)
    driver.get(f"{dash_duo.server_url}/?ngay=2026-11-27")
    wait_for(dash_duo, lambda: driver.current_url.endswith("/don-vi/07168?ngay=2026-11-27"))
    dash_duo.wait_for_contains_text("#kpi-unified", "31/31", timeout=60)
    dash_duo.wait_for_contains_text("#page-header", "Phường Hà An", timeout=60)
    text = body_text(dash_duo)
    for other in ("Đông Mai", "Hiệp Hòa", "Liên Hòa", "Phong Cốc", "179/179"):
        assert other not in text
    assert "t-unit" in dash_duo.find_element("#user-name").get_attribute("title")

    dash_duo.find_element("#user-name").click()  # the user menu
    dash_duo.wait_for_element("#logout-button").click()
    wait_for(dash_duo, lambda: "/dang-nhap" in driver.current_url)
    assert "Bạn đã đăng xuất." in body_text(dash_duo)
    driver.get(f"{dash_duo.server_url}/?ngay=2026-11-27")
    wait_for(dash_duo, lambda: "/dang-nhap" in driver.current_url)
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "401" not in e["message"]] == []


def test_an_open_page_goes_to_the_login_when_the_session_ends(browser_available, start, demo_config):
    """Disabling the user ends the session on the server; the next request of the open
    page gets 401 and the page goes to the login page (assets/session.js)."""
    from dashboard import auth

    app = create_app(demo_config)
    if auth.get_user(app.service.engine, "t-browser-ends") is None:
        auth.add_user(app.service.engine, "t-browser-ends", TEST_PASSWORD, "town", must_change=False)
    dash_duo = start(app, role=None)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/dang-nhap")
    fill_login(dash_duo, "t-browser-ends", TEST_PASSWORD)
    dash_duo.wait_for_contains_text("#kpi-unified", "/", timeout=60)
    auth.set_active(app.service.engine, "t-browser-ends", False)
    dash_duo.find_element("#chart-wrap-unified")  # the page is still on screen
    driver.execute_script("window.history.pushState({}, '', '/?ngay=2018-04-13');"
                          "window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));")
    wait_for(dash_duo, lambda: "/dang-nhap" in driver.current_url and "het-phien=1" in driver.current_url)
    assert "Phiên làm việc đã kết thúc" in body_text(dash_duo)


def test_a_user_whose_password_an_admin_chose_changes_it_at_first_login(browser_available, start, demo_config):
    """An administrator added t-browser-new: at login the app sends them to the password
    page; a guessable new password is refused with the reason; a good one is taken, the
    dashboard opens, and the user menu leads back to the page."""
    from dashboard import auth

    app = create_app(demo_config)
    name = "t-browser-new"
    if auth.get_user(app.service.engine, name) is None:
        auth.add_user(app.service.engine, name, TEST_PASSWORD, "town")
    dash_duo = start(app, role=None)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/dang-nhap")
    fill_login(dash_duo, name, TEST_PASSWORD)
    wait_for(dash_duo, lambda: driver.current_url.endswith("/doi-mat-khau"))
    assert "Mật khẩu của bạn do quản trị viên đặt" in body_text(dash_duo)

    def fill_change(current, new, confirm):
        for field, value in (("current", current), ("new", new), ("confirm", confirm)):
            driver.find_element("id", field).clear()
            driver.find_element("id", field).send_keys(value)
        driver.find_element("id", "password-submit").click()

    fill_change(TEST_PASSWORD, "Quangyen2025", "Quangyen2025")
    wait_for(dash_duo, lambda: "Mật khẩu mới quá dễ đoán" in body_text(dash_duo))
    fill_change(TEST_PASSWORD, "ba-con-meo-tren-mai-nha", "ba-con-meo-tren-mai-nha")
    wait_for(dash_duo, lambda: "Đã đổi mật khẩu." in body_text(dash_duo))
    driver.find_element("id", "password-home").click()
    dash_duo.wait_for_element("#overview-table", timeout=60)
    dash_duo.find_element("#user-name").click()
    dash_duo.wait_for_element("#change-password-link").click()
    wait_for(dash_duo, lambda: driver.current_url.endswith("/doi-mat-khau"))
    assert "Mật khẩu hiện tại" in body_text(dash_duo)
    assert auth.get_user(app.service.engine, name).must_change_password is False
