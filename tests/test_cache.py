"""The result cache shared by the workers (dashboard/cache.py): the same numbers with and
without it, never a result across scopes, new numbers right after an import, and the
Redis backend (GRASSROOTS_TEST_REDIS_URL, default the local server; a failure in CI when
it cannot be reached)."""
from __future__ import annotations

import os
from dataclasses import fields, is_dataclass, replace
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from dashboard import db, preagg
from dashboard.cache import MISSING, make_cache
from dashboard.config import Config
from dashboard.models import Meta
from dashboard.scope import Scope
from dashboard.service import DataService
from dashboard.viewstate import Route, ViewState

from . import conftest
from .conftest import require
from .helpers import waiting_for_claims

REDIS_URL = os.environ.get("GRASSROOTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PAGES = ["overview.page", "unified.children", "unified.history", "unified.villages", "training.summary",
         "training.courses", "training.coverage", "training.untrained", "oversight.page",
         "oversight.activities", "oversight.commune"]


def method(service, name):
    """The service's method for a dotted name ("training.summary")."""
    part, attribute = name.split(".")
    return getattr(getattr(service, part), attribute)


def plain(value):
    """A result as plain data (frames as lists), to compare two results exactly."""
    if is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, pd.DataFrame):
        return {"columns": list(value.columns), "rows": value.astype(object).where(value.notna(), None)
                .values.tolist(), "index": list(value.index)}
    if isinstance(value, pd.Series):
        return {k: (None if pd.isna(v) else v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def context(service, unit=None, search="?ngay=2018-04-13", scope=None, village=None):
    route = Route("overview", unit, village)
    return service.context(route, ViewState.from_query(search), scope or Scope.everything())


@pytest.fixture
def cached(app_config, tmp_path):
    return DataService(replace(app_config, cache_dir=str(tmp_path / "cache")))


@pytest.fixture
def uncached(app_config):
    return DataService(replace(app_config, cache_url="none"))


def test_the_default_cache_is_a_directory_and_none_turns_it_off(tmp_path):
    cache = make_cache(None, str(tmp_path / "c"))
    assert cache.description == f"filesystem:{tmp_path / 'c'}"
    assert make_cache("none") is None
    with pytest.raises(ValueError, match="GRASSROOTS_CACHE_URL"):
        make_cache("memcached://x")


@pytest.mark.parametrize("unit,search", [(None, "?ngay=2018-04-13"), ("07156", "?ngay=2018-04-13"),
                                         (None, "?ngay=2026-11-27&ky=quy&cocau=hiennay")])
def test_the_same_numbers_with_and_without_the_cache(cached, uncached, as_town, unit, search):
    for name in PAGES:
        expected = plain(method(uncached, name)(context(uncached, unit, search)))
        first = plain(method(cached, name)(context(cached, unit, search)))  # computed and stored
        again = plain(method(cached, name)(context(cached, unit, search)))  # read back
        assert first == expected, name
        assert again == expected, name
    village = context(cached, "07156", "?ngay=2018-04-13", village="07156-04")
    assert plain(cached.village.detail(village)) == plain(uncached.village.detail(
        context(uncached, "07156", "?ngay=2018-04-13", village="07156-04")))
    assert plain(cached.village.detail(village)) == plain(uncached.village.detail(
        context(uncached, "07156", "?ngay=2018-04-13", village="07156-04")))


def test_a_unit_user_never_gets_the_towns_cached_result(cached, uncached):
    """The town's overview is cached first; Hà An's leader then asks for the same page
    and gets their own restricted figures, not the town's."""
    from dashboard.auth import acting_as

    town = cached.overview.page(context(cached, None, "?ngay=2026-11-27"))
    with acting_as(conftest.test_user("unit"), "127.0.0.1"):
        scope = cached.scope()
        assert not scope.is_everything
        mine = cached.overview.page(context(cached, None, "?ngay=2026-11-27", scope))
        expected = uncached.overview.page(context(uncached, None, "?ngay=2026-11-27", uncached.scope()))
    assert mine.context.restricted
    assert plain(mine) == plain(expected)
    total = lambda data: data.summary[data.summary["is_total"]].iloc[0]  # noqa: E731
    assert total(mine)["villages"] < total(town)["villages"]
    assert list(mine.summary.loc[~mine.summary["is_total"], "code"]) == ["07168"]


def test_an_import_shows_its_new_numbers_at_once(engine, tmp_path, as_admin):
    """The small town of the import tests: 2 of 4 cadres trained on 31/10/2023; a
    corrected row (p2 completed after all) makes it 3, through the same cache."""
    from dashboard.importer import Source, run_import

    from .importing import small_town, workbook_bytes

    assert run_import(engine, [Source("a.xlsx", workbook_bytes(small_town()))], "kiểm thử").ok
    config = Config(database_url="sqlite://", today=date(2023, 10, 31), load_demo_if_empty=False,
                    cache_dir=str(tmp_path / "cache"))
    service = DataService(config, engine)
    trained = lambda: service.training.summary(  # noqa: E731
        context(service, None, "?ngay=2023-10-31")).current.set_index("code").loc["T", "trained"]
    before = db.data_key(engine)
    assert before is not None
    assert trained() == 2
    assert trained() == 2  # from the cache
    rows = small_town()
    rows["participation"][1].update(days_attended=4, completed=True)
    assert run_import(engine, [Source("b.xlsx", workbook_bytes(rows))], "kiểm thử").ok
    assert db.data_key(engine) != before
    assert trained() == 3


def test_every_load_gets_its_own_data_token(engine):
    """Two databases loaded the same way never share cache entries: the demo and the
    synthetic loaders draw a random token, and every import draws a new one."""
    from dashboard.db import session_scope

    assert db.data_key(engine) is None  # no data version: nothing is cached
    with session_scope(engine) as session:
        preagg.new_data_version(session)
    first = db.data_key(engine)
    with session_scope(engine) as session:
        preagg.new_data_version(session)
    second = db.data_key(engine)
    assert first and second and first != second
    assert first.endswith(":1") and second.endswith(":2")


def test_demo_loads_have_different_tokens(tmp_path):
    from dashboard.demo import load_demo

    keys = []
    for name in ("a.db", "b.db"):
        eng = db.make_engine(f"sqlite:///{tmp_path / name}")
        load_demo(eng)
        with eng.connect() as conn:
            token = conn.execute(select(Meta.value).where(Meta.key == "data_token")).scalar()
        keys.append(token)
        eng.dispose()
    assert all(keys) and keys[0] != keys[1]


def test_the_redis_backend(app_config, uncached, as_town):
    import redis

    try:
        reachable = redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        reachable = False
    require(reachable, f"Redis is not reachable at {REDIS_URL}")
    service = DataService(replace(app_config, cache_url=REDIS_URL))
    assert service.cache.description.startswith("redis://")
    service.cache.clear()
    expected = plain(uncached.oversight.page(context(uncached, None, "?ngay=2018-04-13")))
    assert plain(service.oversight.page(context(service, None, "?ngay=2018-04-13"))) == expected
    client = redis.from_url(REDIS_URL)
    assert any(k.startswith(b"grassroots:gr:") for k in client.keys("grassroots:*"))
    # a second service (another worker) reads the entry the first one stored
    other = DataService(replace(app_config, cache_url=REDIS_URL))
    key_count = len(client.keys("grassroots:*"))
    assert plain(other.oversight.page(context(other, None, "?ngay=2018-04-13"))) == expected
    assert len(client.keys("grassroots:*")) == key_count
    service.cache.clear()


def test_a_backend_that_fails_is_skipped(app_config, uncached, as_town):
    """Redis down: pages are computed as if nothing were cached."""
    service = DataService(replace(app_config, cache_url="redis://127.0.0.1:1/0"))
    expected = plain(uncached.overview.page(context(uncached)))
    assert plain(service.overview.page(context(service))) == expected


def test_a_waiter_that_sees_the_claim_released_reads_the_result_once_more(tmp_path):
    """The owner stores the result and releases its claim between a waiter's read (a
    miss) and its look at the claim: the waiter reads again instead of computing."""
    cache = make_cache(None, str(tmp_path / "c"))
    key = cache.key("race", 1)
    assert cache.claim(key) == (MISSING, True)  # another worker owns it
    reads = []
    get = cache.get

    def get_then_owner_finishes(k):
        found = get(k)
        reads.append(found)
        if len(reads) == 1:  # the waiter's first read misses; then the owner finishes
            cache.set(key, {"villages": 179})
            cache.unclaim(key)
        return found

    cache.get = get_then_owner_finishes
    assert cache.claim(key, wait=5) == ({"villages": 179}, False)
    assert reads[0] is MISSING


@pytest.mark.parametrize("backend", ["filesystem", "redis"])
def test_workers_asking_for_the_same_result_at_once_compute_it_once(backend, tmp_path):
    """A page's callbacks arrive together, and many users open the same page after an
    import: one computes, the others wait for its result. A computation that fails lets
    the next one try."""
    import threading
    import time

    if backend == "redis":
        import redis

        try:
            reachable = redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        except redis.RedisError:
            reachable = False
        require(reachable, f"Redis is not reachable at {REDIS_URL}")
    cache = make_cache(REDIS_URL if backend == "redis" else None, str(tmp_path / "c"))
    calls = []
    others_waiting = waiting_for_claims(cache, 3)

    def compute():
        calls.append(1)
        # finish only once the three others have found the claim taken and wait for it:
        # no sleep decides the outcome
        assert others_waiting.wait(timeout=20)
        return {"villages": 179}

    key = cache.key("test", backend, time.time())
    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get_or_compute(key, compute)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and results == [{"villages": 179}] * 4

    def fail():
        raise RuntimeError("the database went away")

    other = cache.key("test-fail", backend, time.time())
    with pytest.raises(RuntimeError):
        cache.get_or_compute(other, fail)
    assert cache.get_or_compute(other, lambda: 7) == 7


def test_a_cache_directory_that_cannot_be_made_leaves_the_cache_off(app_config, uncached, tmp_path, as_town):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    service = DataService(replace(app_config, cache_dir=str(blocker / "cache")))
    assert service.cache is None
    assert plain(service.overview.page(context(service))) == plain(uncached.overview.page(context(uncached)))


def test_notes_show_at_once_through_the_cached_overview(engine, tmp_path, as_admin):
    """A note changes no data version: the overview's cached figures stay, its notes are
    read for each request (and what the user may do with them is the user's own)."""
    from dashboard.importer import Source, run_import

    from .importing import small_town, workbook_bytes

    assert run_import(engine, [Source("a.xlsx", workbook_bytes(small_town()))], "kiểm thử").ok
    config = Config(database_url="sqlite://", today=date(2023, 10, 31), load_demo_if_empty=False,
                    cache_dir=str(tmp_path / "cache"))
    service = DataService(config, engine)
    page = context(service, None, "?ngay=2023-10-31")
    first = service.overview.page(page)
    assert first.notes == [] and first.may_write_note is True
    note_id = service.notes.add(page, "giao ban tháng 10 lùi sang tháng 11")
    shown = service.overview.page(page)
    assert [n["text"] for n in shown.notes] == ["giao ban tháng 10 lùi sang tháng 11"]
    assert plain(shown.summary) == plain(first.summary)
    service.notes.delete(note_id)
    assert service.overview.page(page).notes == []


def test_the_file_cache_prunes_expired_then_oldest_entries(tmp_path):
    """No bookkeeping file is written with each entry; pruning removes the expired entries,
    then the oldest above the limit, and keeps the newest."""
    import os
    import struct
    import time

    from dashboard.cache import FileCache

    cache = make_cache(None, str(tmp_path / "c"), threshold=3)
    backend = cache.backend
    assert isinstance(backend, FileCache)
    for i in range(6):
        cache.set(f"k{i}", i)
        time.sleep(0.01)  # distinct modification times
    files = sorted(os.listdir(tmp_path / "c"))
    assert len(files) == 6  # no count file beside the entries
    # k0 expired long ago: its header says so
    path = backend.backend._get_filename("k0")
    with open(path, "r+b") as handle:
        handle.write(struct.pack("I", 1))
    assert backend.prune() == 3  # k0 (expired), then k1 and k2 (the oldest above 3)
    assert [cache.get(f"k{i}") for i in range(6)] == [MISSING, MISSING, MISSING, 3, 4, 5]
    assert not os.path.exists(backend._lock)
