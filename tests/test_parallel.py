"""A page's independent queries side by side (dashboard/parallel.py): the same results as
one after another, really at the same time, nothing borrowed when the helpers are busy,
errors raised, and the pages' numbers unchanged on both backends."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from dashboard import parallel, structure
from dashboard.parallel import Gatherer, gatherer, is_large
from dashboard.service import DataService

from .test_cache import PAGES, context, method, plain


def sqlite_engine(tmp_path):
    from dashboard.db import make_engine

    return make_engine(f"sqlite:///{tmp_path / 'p.db'}")


def test_results_come_back_in_the_tasks_order(tmp_path):
    engine = sqlite_engine(tmp_path)
    tasks = [lambda conn, n=n: conn.execute(text(f"SELECT {n} * 2")).scalar() for n in range(7)]
    assert Gatherer(2).gather(engine, tasks) == [0, 2, 4, 6, 8, 10, 12]
    assert Gatherer(0).gather(engine, tasks) == [0, 2, 4, 6, 8, 10, 12]


def test_the_tasks_run_at_the_same_time_on_their_own_connections(tmp_path):
    """Three tasks wait for one another at a barrier: they can only pass it if the
    request's thread and both helpers run them at once."""
    engine = sqlite_engine(tmp_path)
    barrier = threading.Barrier(3, timeout=10)

    def task(conn):
        barrier.wait()
        return threading.current_thread().name, id(conn.connection.dbapi_connection)

    found = Gatherer(2).gather(engine, [task, task, task])
    assert len({name for name, _ in found}) == 3
    assert len({connection for _, connection in found}) == 3


def test_busy_helpers_are_not_waited_for(tmp_path):
    """With every helper taken (other requests of the worker), the request's own thread
    runs everything, one connection, without waiting."""
    engine = sqlite_engine(tmp_path)
    runner = Gatherer(2)
    assert runner._slots.acquire(blocking=False) and runner._slots.acquire(blocking=False)
    try:
        names = runner.gather(engine, [lambda conn: threading.current_thread().name] * 4)
    finally:
        runner._slots.release()
        runner._slots.release()
    assert names == [threading.current_thread().name] * 4


def test_an_error_is_raised_and_the_helpers_are_given_back(tmp_path):
    engine = sqlite_engine(tmp_path)
    runner = Gatherer(2)

    def fails(conn):
        raise ValueError("hỏng")

    with pytest.raises(ValueError, match="hỏng"):
        runner.gather(engine, [lambda conn: 1, fails, lambda conn: 3, lambda conn: 4])
    barrier = threading.Barrier(3, timeout=10)  # both helpers free again
    assert runner.gather(engine, [lambda conn: barrier.wait() >= 0] * 3) == [True] * 3


def test_no_helper_threads_means_one_connection_in_the_request_thread(tmp_path):
    engine = sqlite_engine(tmp_path)
    found = Gatherer(0).gather(engine, [lambda conn: (threading.current_thread().name,
                                                      id(conn.connection.dbapi_connection))] * 3)
    assert len(set(found)) == 1 and found[0][0] == threading.current_thread().name
    assert gatherer(0) is gatherer(0) and gatherer(2).threads == 2


@pytest.mark.parametrize("unit,search", [(None, "?ngay=2018-04-13"), ("07156", "?ngay=2026-11-27&ky=nam"),
                                         (None, "?ngay=2026-11-27&ky=quy&cocau=hiennay")])
def test_the_pages_give_the_same_numbers_side_by_side(app_config, as_town, unit, search, monkeypatch):
    monkeypatch.setattr(parallel, "LARGE_UNITS", 1)  # the demo's units count as large
    serial = DataService(replace(app_config, cache_url="none", query_threads=0))
    side_by_side = DataService(replace(app_config, cache_url="none", query_threads=2))
    for name in PAGES:
        expected = plain(method(serial, name)(context(serial, unit, search)))
        assert plain(method(side_by_side, name)(context(side_by_side, unit, search))) == expected, name
    # the numbers themselves, counted in tests/test_indicators.py: 177 of 179 villages
    overview = side_by_side.overview.page(context(side_by_side, None, "?ngay=2026-11-27"))
    total = overview.summary[overview.summary["is_total"]].iloc[0]
    assert (int(total["unified"]), int(total["villages"])) == (177, 179)


def test_a_unit_is_large_from_so_many_units_rolling_up_to_it(app_config, monkeypatch):
    """The demo town: 200 units (itself, its communes and wards, their villages, the
    merged ones) roll up to it; a ward far fewer."""
    service = DataService(replace(app_config, cache_url="none"))
    with service.engine.connect() as conn:
        town = structure.root_unit(conn, date(2026, 11, 27)).id
        rows = conn.execute(text("SELECT COUNT(*) FROM unit_rollup WHERE ancestor_id = :u"), {"u": town}).scalar_one()
    assert not is_large(service.engine, town)  # 20 000 by default
    monkeypatch.setattr(parallel, "LARGE_UNITS", rows)
    assert is_large(service.engine, town)
    monkeypatch.setattr(parallel, "LARGE_UNITS", rows + 1)
    assert not is_large(service.engine, town)
