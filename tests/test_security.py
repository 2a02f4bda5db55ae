"""Login, sessions, scope and request checks over HTTP (Flask's test client).

Every page of ``layouts.pages.SKELETONS`` and every server callback of the app's
callback map is covered by iterating over them, so pages merged later are covered too.
The demo file holds three test accounts (``conftest.TEST_USERS``): t-admin, t-town and
t-unit (Phường Hà An, 07168). Đông Mai (07135) is a ward Hà An's leader may not see.
"""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from dashboard import auth
from dashboard.web import gate
from dashboard.web.app import create_app
from dashboard.config import Config
from dashboard.viewstate import Route, page_path
from layouts import ids
from layouts.pages import SKELETONS

from .conftest import DEMO_TODAY, TEST_PASSWORD, TEST_USERS
from .web import (SAME_ORIGIN, callback_payload, login, post_callback, response_text, server_callbacks,
                  session_cookie)

FORBIDDEN_UNIT = "07135"  # Phường Đông Mai: not Hà An's
# What only the database knows about Đông Mai: its name and its villages' codes (its own
# code is in the URL the user typed, so pages may echo it back).
FORBIDDEN_MARKERS = ("Đông Mai", "Dong Mai", "07135-")


@pytest.fixture(scope="module")
def app(app_config):
    return create_app(app_config)


@pytest.fixture
def client(app):
    return app.server.test_client()


def logged_in(app, role: str):
    client = app.server.test_client()
    response = login(client, TEST_USERS[role][0], TEST_PASSWORD)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def new_user(app, name: str, role: str = "town", unit: str | None = None) -> str:
    """A user of this test only (so that lock-outs and disabled users touch no other test)."""
    if auth.get_user(app.service.engine, name) is None:
        auth.add_user(app.service.engine, name, TEST_PASSWORD, role, unit, must_change=False)
    return name


def page_paths() -> list[str]:
    """One path per registered page (unit pages for the root), plus an unknown path."""
    paths = []
    for page in SKELETONS:
        if page == "village":
            paths.append(page_path("village", "07168", "07168-01"))
        else:
            paths.append(page_path(page))
    return paths + ["/khong-co-trang-nay"]


# --- everything needs a login -------------------------------------------------------------


@pytest.mark.parametrize("path", page_paths())
def test_pages_redirect_to_login_without_a_session(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/dang-nhap?next=")


@pytest.mark.parametrize("path", ["/_dash-layout", "/_dash-dependencies", "/_reload-hash"])
def test_dash_endpoints_refuse_without_a_session(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert "children" not in response.get_data(as_text=True)


def test_every_callback_refuses_without_a_session(app, client):
    for key in server_callbacks(app):
        payload = callback_payload(app, key, lambda _id, _prop: None)
        response = post_callback(client, payload)
        assert response.status_code == 401, key
        assert set(response.get_json()) == {"error", "login"}


def test_a_forged_or_unknown_cookie_is_refused(app, client):
    from dashboard.web.gate import COOKIE_NAME

    client.set_cookie(COOKIE_NAME, "x" * 43)
    assert client.get("/_dash-layout").status_code == 401


def test_static_files_and_health_are_public(client):
    assert client.get("/assets/app.css").status_code == 200
    assert client.get("/assets/vendor/bootstrap/bootstrap.min.css").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json()["status"] == "ok"
    assert client.get("/dang-nhap").status_code == 200


@pytest.mark.parametrize("path", page_paths())
def test_pages_open_after_login(app, path):
    client = logged_in(app, "town")
    response = client.get(path)
    assert response.status_code == (404 if path == "/khong-co-trang-nay" else 200)
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/_dash-layout").status_code == 200


# --- login, lock-out, sessions ------------------------------------------------------------


def test_login_page_is_vietnamese_and_wrong_password_says_so(client):
    page = client.get("/dang-nhap").get_data(as_text=True)
    assert "Tên đăng nhập" in page and "Mật khẩu" in page and 'lang="vi"' in page
    response = login(client, TEST_USERS["town"][0], "sai-mat-khau-roi")
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    assert session_cookie(client) is None


def test_login_sets_a_new_httponly_samesite_cookie_and_ends_the_old_session(app, client):
    from dashboard.web.gate import COOKIE_NAME

    first = login(client, TEST_USERS["town"][0], TEST_PASSWORD)
    header = first.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header
    old = session_cookie(client)
    login(client, TEST_USERS["town"][0], TEST_PASSWORD)
    new = session_cookie(client)
    assert new and new != old
    replay = app.server.test_client()
    replay.set_cookie(COOKIE_NAME, old)
    assert replay.get("/_dash-layout").status_code == 401


def test_cookie_is_secure_and_hsts_sent_over_https(app):
    client = app.server.test_client()
    response = client.post("/dang-nhap", base_url="https://localhost",
                           data={"username": TEST_USERS["town"][0], "password": TEST_PASSWORD},
                           headers={"Origin": "https://localhost"})
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in app.server.test_client().get("/dang-nhap").headers


def test_next_after_login_stays_on_this_site(app):
    client = app.server.test_client()
    response = client.post("/dang-nhap?next=//evil.example/x",
                           data={"username": TEST_USERS["town"][0], "password": TEST_PASSWORD},
                           headers=SAME_ORIGIN)
    assert response.headers["Location"] == "/"
    response = client.post("/dang-nhap", data={"username": TEST_USERS["town"][0], "password": TEST_PASSWORD,
                                               "next": "/don-vi/07168?ngay=2018-04-13"}, headers=SAME_ORIGIN)
    assert response.headers["Location"] == "/don-vi/07168?ngay=2018-04-13"


def test_a_cookie_replayed_after_logout_is_refused(app):
    from dashboard.web.gate import COOKIE_NAME

    client = logged_in(app, "town")
    saved = session_cookie(client)
    assert client.get("/_dash-layout").status_code == 200
    response = client.post("/dang-xuat", headers=SAME_ORIGIN)
    assert response.status_code == 302 and "da-dang-xuat=1" in response.headers["Location"]
    replay = app.server.test_client()
    replay.set_cookie(COOKIE_NAME, saved)
    assert replay.get("/_dash-layout").status_code == 401
    assert replay.get("/").status_code == 302
    payload = callback_payload(app, next(iter(server_callbacks(app))), lambda _i, _p: None)
    assert post_callback(replay, payload).status_code == 401


def test_logout_is_not_a_get(app):
    """GET /dang-xuat is just an unknown page of the app: the session goes on."""
    client = logged_in(app, "town")
    client.get("/dang-xuat")
    assert client.get("/_dash-layout").status_code == 200


@pytest.mark.parametrize("change", ["password", "disable"])
def test_password_change_and_disabling_end_the_users_sessions(app, change):
    name = new_user(app, f"t-ends-{change}")
    client = app.server.test_client()
    login(client, name, TEST_PASSWORD)
    assert client.get("/_dash-layout").status_code == 200
    if change == "password":
        assert auth.set_password(app.service.engine, name, "mat-khau-moi-dai-hon") == 1
    else:
        assert auth.set_active(app.service.engine, name, False) == 1
        assert login(app.server.test_client(), name, TEST_PASSWORD).status_code == 401
    assert client.get("/_dash-layout").status_code == 401


def test_wrong_passwords_lock_the_name_out_even_for_the_right_password(app, monkeypatch):
    """5 failures in a row lock the name for 15 minutes (the demo config's defaults)."""
    name = new_user(app, "t-lockout")
    client = app.server.test_client()
    for _ in range(4):
        assert login(client, name, "sai-mat-khau-xyz").status_code == 401
    fifth = login(client, name, "sai-mat-khau-xyz")
    assert fifth.status_code == 429
    assert "thử lại sau 15 phút" in fifth.get_data(as_text=True)
    assert login(client, name, TEST_PASSWORD).status_code == 429
    events = [e["event"] for e in auth.audit_events(app.service.engine, 20, username=name)]
    assert events[:3] == ["login_locked", "login_locked", "login_failed"]
    assert events.count("login_failed") == 5
    later = auth.utcnow() + timedelta(minutes=16)
    monkeypatch.setattr(auth, "utcnow", lambda: later)
    assert login(client, name, TEST_PASSWORD).status_code == 302


def test_unknown_names_are_locked_out_the_same_way(app):
    client = app.server.test_client()
    codes = [login(client, "khong-ton-tai", "sai-mat-khau-xyz").status_code for _ in range(6)]
    assert codes == [401, 401, 401, 401, 429, 429]


def test_idle_timeout_and_polling_does_not_keep_a_session_alive(app, monkeypatch):
    """Idle limit 30 minutes: a timer's poll at +20 min does not count, a click does."""
    start = auth.utcnow()
    clock = {"now": start}
    monkeypatch.setattr(auth, "utcnow", lambda: clock["now"])
    poller, clicker = logged_in(app, "town"), logged_in(app, "town")
    key = next(iter(server_callbacks(app)))
    poll = callback_payload(app, key, lambda _i, _p: None)
    poll["changedPropIds"] = ["refresh-timer.n_intervals"]
    clock["now"] = start + timedelta(minutes=20)
    assert post_callback(poller, poll).status_code != 401
    assert clicker.get("/_dash-layout").status_code == 200
    clock["now"] = start + timedelta(minutes=31)
    assert post_callback(poller, poll).status_code == 401
    assert clicker.get("/_dash-layout").status_code == 200


def test_absolute_timeout(app, monkeypatch):
    start = auth.utcnow()
    clock = {"now": start}
    monkeypatch.setattr(auth, "utcnow", lambda: clock["now"])
    client = logged_in(app, "town")
    for minutes in range(25, 600, 25):  # busy all day, never idle
        clock["now"] = start + timedelta(minutes=minutes)
        assert client.get("/_dash-layout").status_code == 200
    clock["now"] = start + timedelta(hours=10, minutes=1)
    assert client.get("/_dash-layout").status_code == 401


# --- request checks -----------------------------------------------------------------------


def test_callbacks_take_only_same_origin_json_posts(app):
    client = logged_in(app, "town")
    key = next(iter(server_callbacks(app)))
    payload = callback_payload(app, key, lambda _i, _p: None)
    body = json.dumps(payload)
    cross = client.post("/_dash-update-component", data=body, content_type="application/json",
                        headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403
    no_origin = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert no_origin.status_code == 403
    form = client.post("/_dash-update-component", data={"payload": body}, headers=SAME_ORIGIN)
    assert form.status_code == 415
    assert client.get("/_dash-update-component").status_code == 405
    ok = client.post("/_dash-update-component", data=body, content_type="application/json", headers=SAME_ORIGIN)
    assert ok.status_code in (200, 204)
    assert ok.headers["Cache-Control"] == "no-store"
    refused = [e for e in auth.audit_events(app.service.engine, 10, "refused") if '"origin"' in e["detail"]]
    assert any("evil.example" in e["detail"] for e in refused)


def test_a_cross_site_login_form_is_refused(client):
    response = client.post("/dang-nhap", data={"username": TEST_USERS["town"][0], "password": TEST_PASSWORD},
                           headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert session_cookie(client) is None


def test_a_browsers_fetch_metadata_decides_when_it_sends_it(client):
    """With Referrer-Policy no-referrer a browser's form post carries Origin "null":
    Sec-Fetch-Site (sent by current browsers whatever the policy) decides instead."""
    form = {"username": TEST_USERS["town"][0], "password": TEST_PASSWORD}
    same = client.post("/dang-nhap", data=form, headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 302
    for site in ("cross-site", "same-site", "none"):
        forged = client.post("/dang-nhap", data=form, headers={**SAME_ORIGIN, "Sec-Fetch-Site": site})
        assert forged.status_code == 403, site


def test_security_headers(app):
    client = logged_in(app, "town")
    for path in ("/", "/_dash-layout", "/dang-nhap"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        script_src = next(p for p in csp.split("; ") if p.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert script_src.count("'sha256-") == len(app.csp_hashes())
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "base-uri 'none'" in csp
        assert headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/assets/app.css").headers.get("Cache-Control", "")


def test_errors_are_generic(app, monkeypatch):
    from callbacks import overview

    def broken_sections(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM /work/somewhere")

    monkeypatch.setattr(overview, "overview_sections", broken_sections)
    client = logged_in(app, "town")
    payload = callback_payload(app, f"{ids.OV_TABLE}.children", lambda cid, prop: {
        "page": "overview", "unit": None, "village": None, "search": "?ngay=2017-02-03"} if prop == "data" else None)
    broken = post_callback(client, payload)
    text = broken.get_data(as_text=True)
    assert broken.status_code == 500
    assert broken.get_json() == {"error": "Đã xảy ra lỗi khi tải số liệu. Vui lòng thử lại."}
    assert "Traceback" not in text and "/work" not in text and "SELECT" not in text


def test_the_client_address_comes_from_the_proxy_only_when_trusted(demo_config):
    from dataclasses import replace

    for trusted, expected in ((0, "127.0.0.1"), (1, "10.1.2.3")):
        app = create_app(replace(demo_config, trusted_proxies=trusted))
        client = app.server.test_client()
        login(client, TEST_USERS["town"][0], TEST_PASSWORD, **{"X-Forwarded-For": "10.1.2.3"})
        last = auth.audit_events(app.service.engine, 1, "login_ok")[0]
        assert last["address"] == expected


def test_secret_key_is_required_outside_development(demo_config):
    from dataclasses import replace

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(replace(demo_config, secret_key=None, environment="production"))
    assert create_app(replace(demo_config, secret_key=None, environment="development")).server.secret_key


# --- scope: a unit user never gets another commune's data ----------------------------------


def forbidden_value(page: str):
    """What a hand-made request puts in every input: stores point at Đông Mai (and its
    first village), dates at the demo's today, anything else empty."""
    store = {"page": page, "unit": FORBIDDEN_UNIT, "village": f"{FORBIDDEN_UNIT}-01" if page == "village" else None,
             "search": f"?ngay={DEMO_TODAY.isoformat()}"}

    def value_for(component_id, prop):
        if prop == "data" and isinstance(component_id, str) and (component_id.startswith("view-")
                                                                or component_id == "filter-state"):
            return dict(store, page=component_id[5:] if component_id.startswith("view-") else page)
        if prop == "pathname":
            return page_path(page if page != "village" else "overview", FORBIDDEN_UNIT)
        if prop == "search":
            return store["search"]
        return None
    return value_for


@pytest.mark.parametrize("page", sorted(SKELETONS))
def test_a_unit_user_gets_nothing_of_another_commune_from_any_callback(app, page):
    client = logged_in(app, "unit")
    for key in server_callbacks(app):
        payload = callback_payload(app, key, forbidden_value(page))
        response = post_callback(client, payload)
        text = response_text(response)
        assert response.status_code in (200, 204, 500), (key, response.status_code)
        if response.status_code == 500:
            assert response.get_json() == {"error": "Đã xảy ra lỗi khi tải số liệu. Vui lòng thử lại."}
        for marker in FORBIDDEN_MARKERS:
            assert marker not in text, (key, marker)


def test_a_unit_users_refusal_is_audited_and_says_why(app):
    client = logged_in(app, "unit")
    key = next(k for k, s in server_callbacks(app).items()
               if any(d["id"] == "view-overview" for d in s["inputs"]))
    before = len(auth.audit_events(app.service.engine, 5000, "refused"))
    response = post_callback(client, callback_payload(app, key, forbidden_value("overview")))
    assert "Bạn không có quyền xem số liệu của đơn vị này." in response_text(response)
    refused = auth.audit_events(app.service.engine, 5000, "refused")
    assert len(refused) == before + 1
    assert refused[0]["username"] == "t-unit" and json.loads(refused[0]["detail"])["unit"] == FORBIDDEN_UNIT


def test_the_town_page_of_a_unit_user_shows_only_their_unit(app):
    """Today Hà An has 31 villages, all unified (see the CLI summary of 27/11/2026); the
    town page of Hà An's leader lists Hà An alone and its total is Hà An's."""
    client = logged_in(app, "unit")
    key = next(k for k, s in server_callbacks(app).items()
               if any(d["id"] == "view-overview" for d in s["inputs"]))
    store = {"page": "overview", "unit": None, "village": None, "search": "?ngay=2026-11-27"}
    response = post_callback(client, callback_payload(app, key, lambda _i, _p: store))
    text = response_text(response)
    assert "Hà An" in text and "31/31" in text
    for other in ("Đông Mai", "Hiệp Hòa", "Liên Hòa", "Phong Cốc", "/179"):
        assert other not in text
    assert "Số liệu chỉ gồm đơn vị bạn được phân quyền xem." in text


def test_filter_options_list_only_the_units_a_user_may_see(app):
    client = logged_in(app, "unit")
    key = "..filter-kind.options...filter-units.options.."
    store = {"page": "overview", "unit": None, "village": None, "search": "?ngay=2018-04-13"}
    body = post_callback(client, callback_payload(app, key, lambda _i, _p: store)).get_json()
    units = [o["value"] for o in body["response"]["filter-units"]["options"]]
    assert units and "07135" not in units  # Hà An's predecessors of 2018 only
    town = logged_in(app, "town")
    body = post_callback(town, callback_payload(app, key, lambda _i, _p: store)).get_json()
    assert len(body["response"]["filter-units"]["options"]) == 19


# --- roles and the audit log --------------------------------------------------------------


def test_a_one_unit_user_opening_a_root_page_is_sent_to_their_unit(app):
    unit = logged_in(app, "unit")
    for path, target in (("/", "/don-vi/07168"), ("/nhat-the-hoa?ngay=2026-11-27", "/nhat-the-hoa/07168?ngay=2026-11-27"),
                         ("/boi-duong", "/boi-duong/07168"), ("/giam-sat?lang=en", "/giam-sat/07168?lang=en")):
        response = unit.get(path)
        assert (response.status_code, response.headers["Location"]) == (302, target)
    assert unit.get("/don-vi/07168").status_code == 200 and unit.get("/du-lieu").status_code == 200
    assert logged_in(app, "town").get("/").status_code == 200


def test_the_audit_log_is_for_admins(app):
    town = logged_in(app, "town")
    assert town.get("/nhat-ky").status_code == 403
    assert auth.audit_events(app.service.engine, 1, "refused")[0]["username"] == "t-town"
    admin = logged_in(app, "admin")
    page = admin.get("/nhat-ky?su-kien=login_ok")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Nhật ký hệ thống" in text and "t-admin" in text


def test_the_audit_log_details_read_as_text_not_json(app):
    with auth.acting_as(auth.AuthUser(1, "t-admin", "admin"), "10.0.0.7"):
        auth.audit(app.service.engine, "user_role", detail={"user": "lan", "role": "unit", "unit": "07147",
                                                            "sessions_ended": 2})
    text = logged_in(app, "admin").get("/nhat-ky?su-kien=user_role").get_data(as_text=True)
    assert "Người dùng: lan · Quyền: Xem một đơn vị · Đơn vị: 07147 · Số phiên bị kết thúc: 2" in text
    assert "{&#34;" not in text and '{"' not in text
    assert gate.detail_text('{"reason": "idle", "disabled": true}', "en") == "Reason: idle too long · Account disabled: yes"
    assert gate.detail_text("", "vi") == "—" and gate.detail_text("plain words", "vi") == "plain words"


def test_require_role_refuses_and_audits(app):
    with auth.acting_as(auth.AuthUser(2, "t-town", "town"), "10.0.0.9"):
        with pytest.raises(auth.PermissionDenied):
            app.service.require_role("admin")
        assert app.service.acting_user() == "t-town"
    last = auth.audit_events(app.service.engine, 1)[0]
    assert (last["event"], last["username"], last["address"]) == ("refused", "t-town", "10.0.0.9")
    with auth.acting_as(auth.AuthUser(1, "t-admin", "admin")):
        assert app.service.require_role("admin").username == "t-admin"


def test_may_manage_data_is_for_admins_and_refusals_are_audited(app):
    with auth.acting_as(auth.AuthUser(1, "t-admin", "admin")):
        assert app.service.may_manage_data() is True
    before = len(auth.audit_events(app.service.engine, 5000, "refused"))
    for role in ("town", "unit"):
        with auth.acting_as(auth.AuthUser(2, f"t-{role}", role, "07168" if role == "unit" else None)):
            assert app.service.may_manage_data() is False
    assert app.service.may_manage_data() is False  # nobody
    refused = auth.audit_events(app.service.engine, 5000, "refused")
    assert [e["username"] for e in refused[:3]] == [None, "t-unit", "t-town"]
    assert len(refused) == before + 3


def test_the_command_line_acts_as_the_operator():
    import getpass

    from dashboard.service import DataService

    service = DataService(Config(database_url="sqlite://", secret_key="x"))
    with auth.acting_as(auth.system_user(), "cli"):
        assert service.acting_user() == getpass.getuser()
        assert service.may_manage_data() is True
        assert service.scope().is_everything


def test_exports_are_audited(app):
    client = logged_in(app, "town")
    key = next(k for k in server_callbacks(app) if "grid-download" in k)
    columns = [{"field": "name", "headerName": "Tên đơn vị"}]
    options = {"context": {"exportName": "tong-quan"}}

    def value_for(_id, prop):
        return {"n_clicks": 1, "virtualRowData": [{"name": "Thôn 1"}], "columnDefs": columns,
                "dashGridOptions": options}[prop]

    response = post_callback(client, callback_payload(app, key, value_for))
    assert response.status_code == 200
    assert "Tên đơn vị\r\nThôn 1" in response_text(response)  # downloads are read by the scope tests too
    last = auth.audit_events(app.service.engine, 1, "export")[0]
    assert last["username"] == "t-town"
    assert json.loads(last["detail"]) == {"file": "tong-quan-2026-11-27.csv", "rows": 1}


def test_logins_and_logouts_are_audited(app):
    client = app.server.test_client()
    login(client, TEST_USERS["admin"][0], "sai-mat-khau-abc")
    login(client, TEST_USERS["admin"][0], TEST_PASSWORD)
    client.post("/dang-xuat", headers=SAME_ORIGIN)
    events = auth.audit_events(app.service.engine, 3, username="t-admin")
    assert [e["event"] for e in events] == ["logout", "login_ok", "login_failed"]
    assert all(e["address"] == "127.0.0.1" for e in events)


def test_nobody_logged_in_sees_nothing(app):
    """Deny by default: without a user the scope is empty and every page is refused."""
    from dashboard.scope import Scope
    from dashboard.viewstate import ViewState

    assert app.service.scope() == Scope.nothing()
    context = app.service.context(Route("overview"), ViewState())
    assert context.error == "forbidden" and context.view is None
    with auth.acting_as(auth.AuthUser(9, "x", "unit", None)):  # a unit user without a unit
        assert app.service.scope() == Scope.nothing()


def test_no_debug_or_development_tools_in_production(app):
    """Dash's dev tools (error overlay with tracebacks, hot reload) are off."""
    page = logged_in(app, "town").get("/").get_data(as_text=True)
    config = json.loads(page.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0])
    assert (config["ui"], config["props_check"], config["show_undo_redo"]) == (False, False, False)
    assert not app.server.debug and not app.server.config["PROPAGATE_EXCEPTIONS"]
