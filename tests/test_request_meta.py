"""The meta rows a request reads (data token and version, notes token, the demo flag, the
pre-aggregated tables' token and calendar, the data's first and last days) are read once
per request (``db.begin_request_meta``): every cached result's key and every indicator's
choice between the tables and the facts asked for them again, one statement each (on
PostgreSQL ~0.3 ms apiece, 7 of a commune's training header's 21 statements). A write of
meta in the request is read back."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event

from dashboard import db
from dashboard.web.app import create_app
from layouts import ids

from .conftest import TEST_PASSWORD, TEST_USERS
from .web import SAME_ORIGIN, callback_payload, login


def meta_reads(engine):
    """A list that grows by one for every statement that reads meta values (not the
    session's look-up of a row before it writes it)."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        plain = " ".join(statement.replace('"', "").split())
        if plain.startswith("SELECT meta.value FROM meta") or (
                plain.startswith("SELECT meta.key, meta.value FROM meta") and " IN (" in plain):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    return seen


def test_outside_a_request_every_call_reads_the_table(engine):
    seen = meta_reads(engine)
    with db.session_scope(engine) as session:
        db.set_meta(session, "data_token", "t1")
        db.set_meta(session, "data_version", "1")
    assert db.data_key(engine) == "t1:1"
    assert db.data_key(engine) == "t1:1"
    assert len(seen) == 2


def test_in_a_request_once_and_a_write_is_read_back(engine):
    with db.session_scope(engine) as session:
        db.set_meta(session, "data_token", "t1")
        db.set_meta(session, "data_version", "1")
        db.set_meta(session, "dataset", "demo")
    seen = meta_reads(engine)
    token = db.begin_request_meta()
    try:
        assert db.data_key(engine) == "t1:1"
        assert db.render_key(engine) == "t1:1:"
        assert db.get_meta(engine, "dataset") == "demo"
        with engine.connect() as conn:
            assert db.meta_values(conn, ("data_token", "preagg_token")) == {"data_token": "t1"}
        assert len(seen) == 1
        with db.session_scope(engine) as session:  # an import in the request
            db.set_meta(session, "data_version", "2")
        with engine.begin() as conn:
            db.put_meta(conn, "notes_token", "n1")
        assert db.render_key(engine) == "t1:2:n1"
        assert len(seen) == 2
        assert db.get_meta(engine, "other") is None  # not one of the request's keys: read
        assert len(seen) == 3
    finally:
        db.end_request_meta(token)
    assert db.data_key(engine) == "t1:2"
    assert len(seen) == 4


@pytest.fixture
def app(app_config, tmp_path):
    return create_app(replace(app_config, cache_dir=str(tmp_path / "cache")))


def test_a_page_callback_reads_the_meta_rows_once(app):
    """The training header of a commune (Hoàng Tân, 5 villages: raw facts, and the town
    for the comparison with the tables): the response cache's key, the result cache's keys
    and the indicators' choices share one read."""
    client = app.server.test_client()
    assert login(client, TEST_USERS["town"][0], TEST_PASSWORD).status_code == 302
    key = next(k for k in app.callback_map if k.startswith(f"..{ids.TR_HEADER}.children..."))
    data = {"page": "training", "unit": "07156", "village": None, "search": "?ngay=2018-04-13"}
    payload = callback_payload(app, key, lambda cid, prop: data if prop == "data" else None)
    seen = meta_reads(app.service.engine)
    response = client.post("/_dash-update-component", json=payload, headers=SAME_ORIGIN)
    assert response.status_code == 200
    assert "Hoàng Tân" in response.get_data(as_text=True)
    assert len(seen) == 1
