"""Passwords: guessable ones are refused, a user changes their own (giving the current
one), a password an administrator chose must be changed at the first login; and login
throttling by client address as well as by name, shared through the database."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard import auth
from dashboard.web.app import create_app
from dashboard.web.gate import COOKIE_NAME, HOST_COOKIE_NAME

from .conftest import TEST_PASSWORD
from .web import SAME_ORIGIN, login, session_cookie

NEW_PASSWORD = "ba-con-meo-tren-mai-nha"


@pytest.fixture(scope="module")
def app(demo_config):
    """The demo app with the default per-address limit (20), behind one trusted proxy so
    that tests choose their client address with X-Forwarded-For."""
    return create_app(replace(demo_config, login_max_failures_per_address=20, trusted_proxies=1))


def from_address(address: str) -> dict:
    return {**SAME_ORIGIN, "X-Forwarded-For": address}


def new_user(app, name: str, must_change: bool = True, role: str = "town") -> str:
    auth.add_user(app.service.engine, name, TEST_PASSWORD, role, must_change=must_change)
    return name


@pytest.mark.parametrize("password", ["Password1234", "quangyen2025", "1234567890", "aaaaaaaaaa",
                                      "QuangYen@2025", "grassroots123", "Phong Cốc 2025", "qwertyuiop12"])
def test_common_and_guessable_passwords_are_refused(password):
    with pytest.raises(auth.UserError, match="too easy to guess|at least 10") as refused:
        auth.validate_password(password)
    assert refused.value.key in ("password.weak", "password.short")


def test_the_users_own_names_are_guessable_too():
    auth.validate_password("nguyenthilan1980")  # a stranger's name would pass...
    with pytest.raises(auth.UserError, match="too easy"):  # ...not the user's own
        auth.validate_password("nguyenthilan1980", ("lan.nguyen", "Nguyễn Thị Lan"))


@pytest.mark.parametrize("password", [TEST_PASSWORD, NEW_PASSWORD, "x7Gk-29qa-Lm3p"])
def test_long_unguessable_passwords_pass(password):
    auth.validate_password(password)


def test_random_passwords_always_pass():
    for _ in range(50):
        auth.validate_password(auth.new_password())


def test_a_password_an_admin_chose_must_be_changed_before_anything_else(app):
    name = new_user(app, "t-must-change")
    client = app.server.test_client()
    assert login(client, name, TEST_PASSWORD, **from_address("10.1.0.1")).status_code == 302
    page = client.get("/", headers=from_address("10.1.0.1"))
    assert page.status_code == 302 and page.headers["Location"] == "/doi-mat-khau"
    layout = client.get("/_dash-layout", headers=from_address("10.1.0.1"))
    assert layout.status_code == 403 and layout.get_json()["login"] == "/doi-mat-khau"
    form = client.get("/doi-mat-khau", headers=from_address("10.1.0.1")).get_data(as_text=True)
    assert "Mật khẩu của bạn do quản trị viên đặt" in form
    changed = client.post("/doi-mat-khau", data={"current": TEST_PASSWORD, "new": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD}, headers=from_address("10.1.0.1"))
    assert changed.status_code == 302 and changed.headers["Location"] == "/doi-mat-khau?da-doi=1"
    assert client.get("/", headers=from_address("10.1.0.1")).status_code == 200
    assert auth.get_user(app.service.engine, name).must_change_password is False


def test_a_user_changes_their_password_and_their_other_sessions_end(app):
    name = new_user(app, "t-own-change", must_change=False)
    other, client = app.server.test_client(), app.server.test_client()
    login(other, name, TEST_PASSWORD, **from_address("10.1.0.2"))
    login(client, name, TEST_PASSWORD, **from_address("10.1.0.2"))
    before = session_cookie(client)
    response = client.post("/doi-mat-khau", data={"current": TEST_PASSWORD, "new": NEW_PASSWORD,
                                                  "confirm": NEW_PASSWORD}, headers=from_address("10.1.0.2"))
    assert response.status_code == 302
    assert session_cookie(client) != before  # a new session for this browser...
    assert client.get("/_dash-layout", headers=from_address("10.1.0.2")).status_code == 200
    assert other.get("/_dash-layout", headers=from_address("10.1.0.2")).status_code == 401  # ...the others end
    done = client.get("/doi-mat-khau?da-doi=1", headers=from_address("10.1.0.2")).get_data(as_text=True)
    assert "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc." in done
    assert login(app.server.test_client(), name, TEST_PASSWORD, **from_address("10.1.0.2")).status_code == 401
    assert login(app.server.test_client(), name, NEW_PASSWORD, **from_address("10.1.0.2")).status_code == 302
    events = auth.audit_events(app.service.engine, 20, "user_password", name)
    assert '"by": "self"' in events[0]["detail"]


@pytest.mark.parametrize("form, message", [
    ({"current": "sai-mat-khau-roi", "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "Mật khẩu hiện tại không đúng."),
    ({"current": TEST_PASSWORD, "new": "Password1234", "confirm": "Password1234"}, "Mật khẩu mới quá dễ đoán"),
    ({"current": TEST_PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}, "không khớp nhau"),
    ({"current": TEST_PASSWORD, "new": TEST_PASSWORD, "confirm": TEST_PASSWORD}, "phải khác mật khẩu hiện tại"),
    ({"current": TEST_PASSWORD, "new": "", "confirm": ""}, "Hãy nhập"),
])
def test_a_refused_change_says_why_and_changes_nothing(app, form, message):
    name = f"t-refused-{abs(hash(message)) % 10_000}"
    new_user(app, name, must_change=False)
    client = app.server.test_client()
    login(client, name, TEST_PASSWORD, **from_address("10.1.0.3"))
    response = client.post("/doi-mat-khau", data=form, headers=from_address("10.1.0.3"))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert client.get("/_dash-layout", headers=from_address("10.1.0.3")).status_code == 200
    assert auth.authenticate(app.service.engine, name, TEST_PASSWORD, "10.1.0.4").reason == "ok"


def test_the_change_page_needs_a_session(app):
    response = app.server.test_client().get("/doi-mat-khau")
    assert response.status_code == 302 and response.headers["Location"].startswith("/dang-nhap")


# --- throttling ---------------------------------------------------------------------------


def test_spraying_many_names_from_one_address_is_stopped(app):
    """30 names from one address: the 20th failure locks the address for 15 minutes,
    even for a right password; another address is not affected."""
    client = app.server.test_client()
    statuses = [login(client, f"khong-co-{n}", "sai-mat-khau-nhe", **from_address("10.2.0.1")).status_code
                for n in range(30)]
    assert statuses == [401] * 19 + [429] * 11
    user = new_user(app, "t-sprayed", must_change=False)
    assert login(client, user, TEST_PASSWORD, **from_address("10.2.0.1")).status_code == 429
    assert login(client, user, TEST_PASSWORD, **from_address("10.2.0.2")).status_code == 302


def test_one_client_cannot_lock_a_user_out_for_everyone(app):
    """Five wrong passwords from one address lock the name for that address only; the
    user logs in from their own."""
    user = new_user(app, "t-not-locked-out", must_change=False)
    attacker = app.server.test_client()
    statuses = [login(attacker, user, "doan-mo-mat-khau", **from_address("10.3.0.66")).status_code for _ in range(6)]
    assert statuses == [401] * 4 + [429] * 2
    assert login(app.server.test_client(), user, TEST_PASSWORD, **from_address("10.3.0.1")).status_code == 302


def test_many_clients_lock_a_name_for_everyone(app):
    """Twenty wrong passwords for one name from several addresses (four times the
    per-address limit) lock the name everywhere for the lock-out period."""
    engine, policy = app.service.engine, app.service.config.auth_policy()
    user = new_user(app, "t-locked-by-many", must_change=False)
    reasons = [auth.authenticate(engine, user, "doan-mo-mat-khau", f"10.4.0.{n // 4}", policy).reason
               for n in range(20)]
    assert reasons.count("locked") == 1 and reasons[-1] == "locked"
    assert auth.authenticate(engine, user, TEST_PASSWORD, "10.4.9.9", policy).reason == "locked"


def test_throttling_is_shared_by_every_worker(app, demo_config):
    """Two apps on the same database (two workers): failures add up across them."""
    other = create_app(replace(demo_config, login_max_failures_per_address=20, trusted_proxies=1))
    user = new_user(app, "t-two-workers", must_change=False)
    statuses = [login((app if n % 2 else other).server.test_client(), user, "doan-mo-mat-khau",
                      **from_address("10.5.0.1")).status_code for n in range(5)]
    assert statuses == [401] * 4 + [429]


# --- headers of the session cookie and logout ----------------------------------------------


def test_over_https_the_cookie_has_the_host_prefix_and_logout_clears_site_data(app):
    client = app.server.test_client()
    https = {"Origin": "https://localhost", "X-Forwarded-For": "10.6.0.1", "X-Forwarded-Proto": "https"}
    response = client.post("/dang-nhap", base_url="https://localhost",
                           data={"username": "t-town", "password": TEST_PASSWORD}, headers=https)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(HOST_COOKIE_NAME + "=") and "Secure" in cookie and "Path=/;" in cookie + ";"
    assert client.get("/_dash-layout", base_url="https://localhost", headers=https).status_code == 200
    plain = app.server.test_client()  # the unprefixed name is not read over HTTPS
    plain.set_cookie(COOKIE_NAME, client.get_cookie(HOST_COOKIE_NAME, domain="localhost").value)
    assert plain.get("/_dash-layout", base_url="https://localhost", headers=https).status_code == 401
    out = client.post("/dang-xuat", base_url="https://localhost", headers=https)
    assert out.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_json_answers_say_their_charset(app):
    response = app.server.test_client().get("/healthz")
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
