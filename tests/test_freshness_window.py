"""Freshness (``indicators.freshness.last_records``): the first look over the last
``engine.RECENT_DAYS`` days finds exactly the latest records the whole history gives, on
the demo (both backends) at many dates, both structures, the town and its children."""
from __future__ import annotations

from datetime import date

from dashboard import structure
from dashboard.indicators import View, engine, freshness
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
                    monkeypatch.setattr(engine, "RECENT_DAYS", 31)
                    windowed = freshness.last_records(conn, view)
                    monkeypatch.setattr(engine, "RECENT_DAYS", None)
                    whole = freshness.last_records(conn, view)
                    assert windowed.sort_index().equals(whole.sort_index()), view


def test_the_sources_asked_apart_and_combined_give_the_same_latest_records(demo_engine):
    """``last_records`` of one source each (as the overview asks them, side by side),
    combined, equals the three at once; on 13/04/2018 the town's latest board activity,
    briefing and course end are the dates counted in tests/test_indicators.py."""
    today = date(2026, 11, 27)
    with demo_engine.connect() as conn:
        for day in (date(2018, 4, 13), date(2025, 7, 1), today):
            root = structure.root_unit(conn, day)
            kids = [int(i) for i in structure.children(conn, root.id, day)["id"]]
            for unit_id in [root.id] + kids[:3]:
                view = View(unit_id, make_period("day", day, today))
                parts = [freshness.last_records(conn, view, sources=(source,)) for source in freshness.SOURCES]
                assert all(part[[c for c in freshness.LAST_COLUMNS if not c.endswith(source)]].isna().all().all()
                           for part, source in zip(parts, freshness.SOURCES))
                combined = freshness.combine_last_records(parts)
                assert combined.sort_index().equals(freshness.last_records(conn, view).sort_index()), view


def test_latest_records_of_one_source_counted_by_hand(engine):
    """The tiny town on 31/12/2018: A's board BA met last on 20/11/2018 and A's last
    briefing was on 05/12/2018; B's boards last acted on 15/07/2018 (GB) and B's last
    briefing was on 10/08/2018."""
    from .factory import build_tiny_town

    ids = build_tiny_town(engine)
    view = View(ids["T"], make_period("day", date(2018, 12, 31), date(2022, 1, 1)))
    with engine.connect() as conn:
        activity = freshness.last_records(conn, view, sources=("activity",))
        briefing = freshness.last_records(conn, view, sources=("briefing",))
        combined = freshness.combine_last_records([activity, briefing])
    assert activity.loc[ids["A"], "last_activity"] == date(2018, 11, 20)
    assert activity.loc[ids["B"], "last_activity"] == date(2018, 7, 15)
    assert activity.loc[ids["A"], "last_briefing"] is None
    assert briefing.loc[ids["B"], "last_briefing"] == date(2018, 8, 10)
    assert combined.loc[ids["A"], ["last_activity", "last_briefing", "last_record"]].tolist() == [
        date(2018, 11, 20), date(2018, 12, 5), date(2018, 12, 5)]
    assert combined.loc[ids["T"], "last_record"] == date(2018, 12, 5)
