"""Freshness (``indicators.freshness.last_records``): the first look over the last
``RECENT_DAYS`` days finds exactly the latest records the whole history gives, on the
demo (both backends) at many dates, both structures, the town and its children."""
from __future__ import annotations

from datetime import date

from dashboard import structure
from dashboard.indicators import View, freshness
from dashboard.periods import make_period


def test_latest_records_are_the_same_with_and_without_the_first_look(demo_engine, monkeypatch):
    today = date(2026, 11, 27)
    days = [date(2017, 1, 1), date(2018, 4, 13), date(2019, 2, 10), date(2020, 7, 1), date(2025, 7, 1),
            date(2026, 1, 31), today]
    with demo_engine.connect() as conn:
        for day in days:
            root = structure.root_unit(conn, day)
            kids = [int(i) for i in structure.children(conn, root.id, day)["id"]]
            for unit_id in [root.id] + kids[:3]:
                for structure_kind in ("as-of", "current"):
                    view = View(unit_id, make_period("day", day, today), structure_kind)
                    monkeypatch.setattr(freshness, "RECENT_DAYS", 31)
                    windowed = freshness.last_records(conn, view)
                    monkeypatch.setattr(freshness, "RECENT_DAYS", None)
                    whole = freshness.last_records(conn, view)
                    assert windowed.sort_index().equals(whole.sort_index()), view
