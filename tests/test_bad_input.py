"""Bad input over HTTP gets a short 4xx, never a 500, and leaves no traceback in the log:
out-of-range dates in the URL, malformed callback requests, unknown component scripts and
unknown paths (the demo app and its test accounts, as in ``test_security``)."""
from __future__ import annotations

import logging

import pytest

from dashboard.viewstate import FIRST_DAY, LAST_DAY, ViewState
from layouts import ids
from layouts.filters import filter_bar

from .helpers import texts
from .test_security import app, logged_in  # noqa: F401  (the module's app fixture)
from .web import SAME_ORIGIN, callback_payload, post_callback, server_callbacks

BAD_REQUEST = {"error": "Yêu cầu không hợp lệ."}
PAGES = ("overview", "unified", "training", "oversight", "village", "data", "help")


def no_traceback(caplog) -> bool:
    return not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_a_date_out_of_range_is_moved_to_the_nearest_valid_one_and_said():
    state = ViewState.from_query("?ngay=0001-01-01&ky=quy")
    assert state.day == FIRST_DAY == ViewState.from_query("?ngay=2000-01-01").day
    assert state.day_asked == "0001-01-01"
    assert state == ViewState.from_query("?ngay=2000-01-01&ky=quy")  # same view, same cache keys
    assert ViewState.from_query("?ngay=9999-12-31").day == LAST_DAY
    assert ViewState.from_query("?ngay=2018-04-13").day_asked is None
    bar = filter_bar(state, FIRST_DAY.replace(year=2026), "vi", {})
    assert ("Ngày 0001-01-01 trong liên kết nằm ngoài khoảng 01/01/2000–31/12/2100: trang hiển thị "
            "số liệu tính đến ngày 01/01/2000.") in texts(bar)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_every_callback_answers_a_date_out_of_range_without_an_error(app, caplog, day):  # noqa: F811
    client = logged_in(app, "town")

    def value_for(component_id, prop):
        if prop == "data":
            page = component_id[5:] if isinstance(component_id, str) and component_id.startswith("view-") else "overview"
            return {"page": page if page in PAGES else "overview", "unit": None, "village": None,
                    "search": f"?ngay={day}"}
        return {"pathname": "/", "search": f"?ngay={day}"}.get(prop)

    statuses = {}
    for key in server_callbacks(app):
        response = post_callback(client, callback_payload(app, key, value_for))
        statuses[key] = response.status_code
    assert {k: s for k, s in statuses.items() if s >= 500} == {}
    assert no_traceback(caplog)


@pytest.mark.parametrize("body", [
    "null", "[]", "{}", "5", '"text"', "{not json",
    '{"output": 5}',
    '{"inputs": [], "outputs": {"id": "x", "property": "y"}}',                        # no output
    '{"output": "nope.children", "outputs": {"id": "nope", "property": "children"}, "inputs": []}',
    '{"output": "overview-table.children", "inputs": []}',                              # no outputs
    '{"output": "overview-table.children", "outputs": {}, "inputs": 5}',
    '{"output": "overview-table.children", "outputs": {}, "inputs": [5]}',
    '{"output": "overview-table.children", "outputs": {}, "inputs": [], "changedPropIds": "x"}',
    '{"output": "overview-table.children", "outputs": {}, "inputs": [{"id": "a", "property": "b", "value": '
    + "[" * 40 + "]" * 40 + "}]}",
    "[" * 50_000 + "]" * 50_000,
], ids=lambda body: body[:40])
def test_a_malformed_callback_request_gets_400(app, caplog, body):  # noqa: F811
    client = logged_in(app, "town")
    response = client.post("/_dash-update-component", data=body,
                           headers={**SAME_ORIGIN, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json() == BAD_REQUEST
    assert no_traceback(caplog)


def test_a_well_formed_callback_request_still_passes(app):  # noqa: F811
    client = logged_in(app, "town")
    key = f"{ids.OV_TABLE}.children"
    payload = callback_payload(app, key, lambda cid, prop: {"page": "overview", "unit": None, "village": None,
                                                            "search": "?ngay=2018-04-13"} if prop == "data" else None)
    assert post_callback(client, payload).status_code == 200


@pytest.mark.parametrize("session", [False, True])
def test_an_unknown_component_script_is_404_with_nothing_logged(app, caplog, session):  # noqa: F811
    client = logged_in(app, "town") if session else app.server.test_client()
    for path in ("/_dash-component-suites/nope/nope.js", "/_dash-component-suites/dash/nope.js"):
        assert client.get(path).status_code == 404
    assert no_traceback(caplog)


def test_unknown_paths_with_a_session_are_404_not_the_app_shell(app):  # noqa: F811
    client = logged_in(app, "town")
    for path in ("/.git/HEAD", "/console", "/don-vi/07168/07168-01/x", "/wp-login.php"):
        response = client.get(path)
        assert response.status_code == 404, path
        text = response.get_data(as_text=True)
        assert "Không tìm thấy trang" in text and "_dash-config" not in text
    for path in ("/", "/don-vi/07168", "/giam-sat", "/du-lieu", "/huong-dan", "/don-vi/khong-co"):
        assert client.get(path).status_code == 200, path
    # without a session an unknown path still goes to the login page (it says nothing)
    assert app.server.test_client().get("/console").status_code == 302
