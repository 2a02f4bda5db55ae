"""The warm-up (dashboard/warmup.py): after it, the root pages' numbers come from the
cache for a town user's first request; it is on for the app made from the environment and
after an import, off for apps made in code unless asked; an empty database is left alone."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.web import warmup
from dashboard.web.app import create_app
from dashboard.config import Config
from dashboard.service import DataService
from layouts import ids

from .conftest import TEST_PASSWORD, TEST_USERS
from .web import SAME_ORIGIN, callback_payload, login


def test_after_the_warm_up_the_root_pages_are_read_from_the_cache(app_config, tmp_path, monkeypatch):
    app = create_app(replace(app_config, cache_dir=str(tmp_path / "cache"), response_cache=False))
    took = warmup.warm(app.service)
    assert set(took) == {"overview", "unified", "training", "oversight"}

    def refuse(*_args, **_kwargs):
        raise AssertionError("computed again: the warm-up did not cover it")

    # the numbers behind the root's pages, as a town user's first requests ask for them
    monkeypatch.setattr(app.service.overview, "_page", refuse)
    monkeypatch.setattr(DataService, "_child_options", refuse)
    client = app.server.test_client()
    assert login(client, TEST_USERS["town"][0], TEST_PASSWORD).status_code == 302
    data = {"page": "overview", "unit": None, "village": None, "search": ""}
    key = next(k for k in app.callback_map if k.startswith(f"..{ids.HEADER}.children..."))
    response = client.post("/_dash-update-component", headers=SAME_ORIGIN,
                           json=callback_payload(app, key, lambda cid, prop: data if prop == "data" else None))
    assert response.status_code == 200
    assert "177" in response.get_data(as_text=True)  # 177/179 villages unified on 27/11/2026


def test_on_from_the_environment_off_in_code(monkeypatch):
    monkeypatch.delenv("GRASSROOTS_WARM_PAGES", raising=False)
    assert Config.from_env().warm_pages is True
    monkeypatch.setenv("GRASSROOTS_WARM_PAGES", "off")
    assert Config.from_env().warm_pages is False
    assert Config().warm_pages is False


def test_nothing_to_warm_without_data_or_cache(tmp_path):
    from dashboard import db

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    db.create_schema(db.make_engine(url))
    empty = DataService(Config(database_url=url, load_demo_if_empty=False, cache_dir=str(tmp_path / "c")))
    assert warmup.warm(empty) == {}
    uncached = DataService(Config(database_url=url, load_demo_if_empty=False, cache_url="none"))
    assert warmup.warm(uncached) == {}
    db.dispose_engines()


def test_a_failing_warm_up_is_logged_not_raised(monkeypatch, caplog):
    def broken(_service):
        raise RuntimeError("database gone")

    monkeypatch.setattr(warmup, "warm", broken)
    thread = warmup.warm_in_background(object())
    thread.join(5)
    assert not thread.is_alive()
    assert "warm-up failed" in caplog.text


@pytest.mark.parametrize("dry_run,expected", [(False, 1), (True, 0)])
def test_an_import_from_the_data_page_starts_a_warm_up(engine, tmp_path, monkeypatch, as_admin, dry_run, expected):
    import base64

    from callbacks import data as data_callbacks

    from .importing import small_town, workbook_bytes

    started = []
    monkeypatch.setattr(data_callbacks, "warm_in_background", lambda service: started.append(service))
    config = Config(database_url="sqlite://", load_demo_if_empty=False, cache_dir=str(tmp_path / "c"),
                    warm_pages=True)
    service = DataService(config, engine)
    contents = "data:application/octet-stream;base64," + base64.b64encode(workbook_bytes(small_town())).decode()
    data_callbacks.handle_upload(service, {"filename": "a.xlsx", "contents": contents}, None, dry_run, "vi")
    assert len(started) == expected
