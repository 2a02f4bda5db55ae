"""The rendered-response cache (dashboard/response_cache.py): a page callback asked again
is answered with the same bytes without running, never across scopes or users where the
answer differs, never after the data or the notes changed, never for a refusal (each one
is audited), never for the notes form or the data page."""
from __future__ import annotations

import gzip
import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from callbacks import response_policies
from dashboard import auth, db, preagg
from dashboard.web.app import create_app
from dashboard.models import AuditEvent
from dashboard.web.response_cache import PER_USER, SHARED
from layouts import ids

from .conftest import TEST_PASSWORD, TEST_USERS
from .web import SAME_ORIGIN, callback_payload, login

ROUTER = f"..{ids.NAVBAR}.children...{ids.PAGE}.children...page-title-sink.children.."


@pytest.fixture
def app(app_config, tmp_path):
    return create_app(replace(app_config, cache_dir=str(tmp_path / "cache")))


def client_for(app, role: str):
    client = app.server.test_client()
    assert login(client, TEST_USERS[role][0], TEST_PASSWORD).status_code == 302
    return client


def main_key(app, page_id: str) -> str:
    """The callback key (output spec) of a page's main callback: the one whose first
    output is ``page_id``.children."""
    return next(k for k in app.callback_map if k.startswith(f"..{page_id}.children..."))


def store_payload(app, key: str, page: str, unit=None, search="?ngay=2018-04-13"):
    data = {"page": page, "unit": unit, "village": None, "search": search}
    return callback_payload(app, key, lambda cid, prop: data if prop == "data" else None)


def post(client, payload):
    return client.post("/_dash-update-component", json=payload, headers=SAME_ORIGIN)


def calls(monkeypatch, module, name):
    """Count the calls of ``module.name`` (the function behind a callback)."""
    counter = {"n": 0}
    original = getattr(module, name)

    def counted(*args, **kwargs):
        counter["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return counter


def test_which_callbacks_are_cacheable(app):
    policies = response_policies(app)
    assert policies[ROUTER] == PER_USER
    assert policies[f"{ids.FRESHNESS}.children"] == SHARED
    assert policies[main_key(app, ids.HEADER)] == SHARED
    assert policies[f"{ids.OV_TABLE}.children"] == SHARED
    assert policies[main_key(app, ids.OS_HEADER)] == SHARED
    assert policies[f"..{ids.NOTES}.children...{ids.NOTE_FORM}.style.."] == PER_USER
    # state changes never
    assert not any(ids.NOTE_MESSAGE in k for k in policies)
    assert not any("data-" in k for k in policies)
    assert f"{ids.URL}.search" not in policies  # the filter bar's URL: pure, nothing to save


def test_the_same_request_is_answered_with_the_same_bytes_without_running(app, monkeypatch):
    from callbacks import overview

    counter = calls(monkeypatch, overview, "overview_sections")
    client = client_for(app, "town")
    payload = store_payload(app, main_key(app, ids.HEADER), "overview")
    first = post(client, payload)
    assert first.status_code == 200 and counter["n"] == 1
    second = post(client, payload)
    assert second.status_code == 200 and counter["n"] == 1  # not run again
    assert second.get_data() == first.get_data()
    # the headers are the same as a computed answer's (no-store, the security headers)
    assert second.headers["Cache-Control"] == "no-store"
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    # another town user: the same answer, from the cache
    other = app.server.test_client()
    name = "t-town-2"
    if auth.get_user(app.service.engine, name) is None:
        auth.add_user(app.service.engine, name, TEST_PASSWORD, "town", None, must_change=False)
    assert login(other, name, TEST_PASSWORD).status_code == 302
    assert post(other, payload).get_data() == first.get_data() and counter["n"] == 1
    # another date is another answer
    other_date = store_payload(app, main_key(app, ids.HEADER), "overview", search="?ngay=2019-04-13")
    assert post(client, other_date).get_data() != first.get_data() and counter["n"] == 2


def test_a_unit_user_never_gets_the_towns_answer(app):
    """Phường Hà An's user asking for the town's overview gets Hà An's numbers."""
    payload = store_payload(app, main_key(app, ids.HEADER), "overview", search="?ngay=2026-11-27")
    town = post(client_for(app, "town"), payload).get_json()
    unit = post(client_for(app, "unit"), payload).get_json()
    kpis = lambda body: json.dumps(body["response"][ids.OV_KPIS]["children"], ensure_ascii=False)  # noqa: E731
    assert "177" in kpis(town) and "179" in kpis(town)
    assert kpis(unit) != kpis(town)
    assert "179" not in kpis(unit)


def test_the_router_is_cached_per_user(app, monkeypatch):
    from callbacks import router
    from dashboard.web.warmup import warm

    warm(app.service)  # the root's numbers computed: the router draws its first view from them
    counter = calls(monkeypatch, router, "render_route")
    payload = callback_payload(app, ROUTER, lambda cid, prop: "/" if prop == "pathname" else "")
    town = post(client_for(app, "town"), payload)
    again = post(client_for(app, "town"), payload)
    assert counter["n"] == 1 and again.get_data() == town.get_data()
    admin = post(client_for(app, "admin"), payload)
    assert counter["n"] == 2
    assert TEST_USERS["town"][0] in town.get_data(as_text=True)
    assert TEST_USERS["admin"][0] in admin.get_data(as_text=True)
    assert TEST_USERS["town"][0] not in admin.get_data(as_text=True)


def test_the_routers_placeholders_are_not_kept(app, monkeypatch):
    """A page whose numbers are not computed yet gets placeholders from the router; that
    answer is not stored: once the page's callback has computed them, the same URL
    draws them."""
    from callbacks import router

    counter = calls(monkeypatch, router, "render_route")
    client = client_for(app, "town")
    payload = callback_payload(app, ROUTER, lambda cid, prop: "/don-vi/07156" if prop == "pathname"
                               else "?ngay=2018-04-13")
    pending = post(client, payload).get_json()["response"][ids.PAGE]["children"]
    assert "first-view-pending" in json.dumps(pending) and "5/5" not in json.dumps(pending)
    post(client, store_payload(app, main_key(app, ids.HEADER), "overview", unit="07156"))  # the page's callback
    drawn = post(client, payload).get_json()["response"][ids.PAGE]["children"]
    assert counter["n"] == 2
    assert "first-view-pending" not in json.dumps(drawn) and "5/5" in json.dumps(drawn)
    assert post(client, payload).get_json()["response"][ids.PAGE]["children"] == drawn
    assert counter["n"] == 2  # this answer was kept


def test_a_new_data_version_is_a_new_answer(app, monkeypatch):
    from callbacks import overview

    counter = calls(monkeypatch, overview, "overview_sections")
    client = client_for(app, "town")
    payload = store_payload(app, f"{ids.OV_TABLE}.children", "overview")
    post(client, payload)
    post(client, payload)
    assert counter["n"] == 1
    with db.session_scope(app.service.engine) as session:
        preagg.new_data_version(session)
    post(client, payload)
    assert counter["n"] == 2


def test_a_note_shows_at_once_in_the_attention_list(app):
    """Notes move no data version: the notes token does. The overview's attention list
    shows a new note at the next request, and not after it is deleted."""
    from dashboard.scope import Scope
    from dashboard.viewstate import Route, ViewState

    client = client_for(app, "town")
    payload = store_payload(app, main_key(app, ids.HEADER), "overview", search="?ngay=2026-11-27")
    before = post(client, payload).get_data(as_text=True)
    service = app.service
    context = service.context(Route("overview", None, None), ViewState.from_query("?ngay=2026-11-27"),
                              Scope.everything())
    attention = service.overview.page(context).attention
    assert attention
    unit_code = attention[0]["code"]
    unit_context = service.context(Route("overview", unit_code, None), ViewState.from_query("?ngay=2026-11-27"),
                                   Scope.everything())
    text = "ghi chú kiểm thử bộ nhớ đệm"
    assert text not in before
    with auth.acting_as(auth.get_user(service.engine, TEST_USERS["town"][0]), "127.0.0.1"):
        note_id = service.notes.add(unit_context, text)
    try:
        shown = post(client, payload).get_data(as_text=True)
        assert text in shown
    finally:
        with auth.acting_as(auth.get_user(service.engine, TEST_USERS["town"][0]), "127.0.0.1"):
            service.notes.delete(note_id)
    assert text not in post(client, payload).get_data(as_text=True)


def test_every_refusal_is_audited(app):
    """The unit user (Hà An) asking twice for another ward's page: two refusals in the
    audit log, the second not answered from the cache."""
    client = client_for(app, "unit")
    payload = store_payload(app, main_key(app, ids.HEADER), "overview", unit="07165", search="?ngay=2026-11-27")

    def refusals():
        with app.service.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(AuditEvent)
                                .where(AuditEvent.event == "refused")).scalar()

    start = refusals()
    first = post(client, payload)
    second = post(client, payload)
    assert first.status_code == second.status_code == 200
    assert "không có quyền" in second.get_data(as_text=True)
    assert refusals() == start + 2


def test_off_by_configuration(app_config, tmp_path, monkeypatch):
    from callbacks import overview

    app = create_app(replace(app_config, cache_dir=str(tmp_path / "cache"), response_cache=False))
    counter = calls(monkeypatch, overview, "overview_sections")
    client = client_for(app, "town")
    payload = store_payload(app, f"{ids.OV_TABLE}.children", "overview")
    assert post(client, payload).get_data() == post(client, payload).get_data()
    # the result cache still holds the numbers; the rendering runs each time
    assert counter["n"] == 2


def test_an_expired_session_is_refused_before_the_cache(app):
    client = client_for(app, "town")
    payload = store_payload(app, f"{ids.OV_TABLE}.children", "overview")
    assert post(client, payload).status_code == 200
    anonymous = app.server.test_client()
    assert post(anonymous, payload).status_code == 401


def test_the_notes_list_is_each_users_own(app):
    """The notes list is cached per user: the author sees Sửa/Xóa on their note, another
    town user sees the note without them; a deleted note is gone at the next request."""
    from dashboard.scope import Scope
    from dashboard.viewstate import Route, ViewState

    service = app.service
    other = "t-town-3"
    if auth.get_user(service.engine, other) is None:
        auth.add_user(service.engine, other, TEST_PASSWORD, "town", None, must_change=False)
    author_client = client_for(app, "town")
    other_client = app.server.test_client()
    assert login(other_client, other, TEST_PASSWORD).status_code == 302
    key = f"..{ids.NOTES}.children...{ids.NOTE_FORM}.style.."
    data = {"page": "overview", "unit": "07168", "village": None, "search": "?ngay=2026-11-27"}
    payload = callback_payload(app, key, lambda cid, prop: data if prop == "data" else 0)
    text = "ghi chú của người viết"
    assert text not in post(author_client, payload).get_data(as_text=True)
    context = service.context(Route("overview", "07168", None), ViewState.from_query("?ngay=2026-11-27"),
                              Scope.everything())
    author = auth.get_user(service.engine, TEST_USERS["town"][0])
    with auth.acting_as(author, "127.0.0.1"):
        note_id = service.notes.add(context, text)
    try:
        mine = post(author_client, payload).get_data(as_text=True)
        theirs = post(other_client, payload).get_data(as_text=True)
        assert text in mine and text in theirs
        assert "note-edit" in mine and "note-edit" not in theirs
        assert post(author_client, payload).get_data(as_text=True) == mine
    finally:
        with auth.acting_as(author, "127.0.0.1"):
            service.notes.delete(note_id)
    assert text not in post(author_client, payload).get_data(as_text=True)
    assert text not in post(other_client, payload).get_data(as_text=True)


def test_the_same_page_asked_at_once_is_rendered_once(app, monkeypatch):
    """Four users opening the same page at the same moment: one renders it, three wait
    for its answer (the same bytes)."""
    import threading

    from callbacks import overview

    from .helpers import waiting_for_claims

    original = overview.overview_sections
    counter = {"n": 0}

    others_waiting = waiting_for_claims(app.service.cache, 3)

    def slow(*args, **kwargs):
        counter["n"] += 1
        # answer only once the three others wait for this answer: no sleep decides it
        assert others_waiting.wait(timeout=20)
        return original(*args, **kwargs)

    monkeypatch.setattr(overview, "overview_sections", slow)
    clients = [client_for(app, "town") for _ in range(4)]
    payload = store_payload(app, f"{ids.OV_TABLE}.children", "overview", search="?ngay=2020-04-13")
    bodies = [None] * 4

    def ask(i):
        bodies[i] = post(clients[i], payload).get_data()

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counter["n"] == 1
    assert len(set(bodies)) == 1 and bodies[0]


def test_a_damaged_entry_is_computed_again(app, monkeypatch):
    """An entry that is not gzip is answered as if nothing was stored, whether the
    browser takes gzip or not."""
    from callbacks import overview

    counter = calls(monkeypatch, overview, "overview_sections")
    client = client_for(app, "town")
    payload = store_payload(app, f"{ids.OV_TABLE}.children", "overview", search="?ngay=2021-04-13")
    first = post(client, payload)
    cache = app.service.cache
    original = cache.get
    monkeypatch.setattr(cache, "get", lambda key: b"damaged" if isinstance(original(key), bytes) else original(key))
    second = post(client, payload)
    assert second.status_code == 200 and second.get_data() == first.get_data()
    assert counter["n"] == 2
    third = client.post("/_dash-update-component", json=payload, headers={**SAME_ORIGIN, "Accept-Encoding": "gzip"})
    assert third.status_code == 200 and gzip.decompress(third.get_data()) == first.get_data()
    assert counter["n"] == 3


def test_a_browser_that_takes_gzip_gets_the_stored_bytes_as_they_are(app, monkeypatch):
    """The answer is gzipped once, for the cache and the browser; a hit sends the stored
    bytes (no unpacking, no packing again); a client without gzip gets the plain JSON."""
    from callbacks import overview

    counter = calls(monkeypatch, overview, "overview_sections")
    client = client_for(app, "town")
    payload = store_payload(app, f"{ids.OV_TABLE}.children", "overview", search="?ngay=2021-04-13")
    gzip_headers = {**SAME_ORIGIN, "Accept-Encoding": "gzip, deflate"}
    cold = client.post("/_dash-update-component", json=payload, headers=gzip_headers)
    assert cold.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in cold.headers["Vary"]
    plain = gzip.decompress(cold.get_data())
    assert "Hoàng Tân" in plain.decode("utf-8")
    packs = []
    original = gzip.compress
    monkeypatch.setattr(gzip, "compress", lambda *a, **k: packs.append(1) or original(*a, **k))
    hit = client.post("/_dash-update-component", json=payload, headers=gzip_headers)
    assert hit.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in hit.headers["Vary"]
    assert hit.get_data() == cold.get_data() and packs == []
    without = post(client, payload)
    assert "Content-Encoding" not in without.headers and without.get_data() == plain
    assert counter["n"] == 1
