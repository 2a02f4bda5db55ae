"""Whether a cadre is trained, and topic coverage, are asked two ways (``indicators.training``): an EXISTS
per cadre (SQLite's form) and a join to each person's last completed course (PostgreSQL's
form, where the EXISTS runs as a subplan per row). Both must give the same numbers on the
same data, on each backend: the synthetic province over several dates, and the demo
town across its 2025 merger in both structures."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import structure
from dashboard.indicators import View, training_status
from dashboard.indicators import training as training_module
from dashboard.indicators.training_detail import topic_coverage
from dashboard.periods import make_period
from dashboard.scope import Scope
from dashboard.synthetic import load_synthetic

TODAY = date(2026, 11, 27)
DATES = [date(2024, 1, 1), date(2024, 12, 31), date(2025, 6, 30), date(2025, 7, 1), date(2026, 3, 15), TODAY]


@pytest.fixture(autouse=True)
def raw_queries(monkeypatch):
    """The raw queries, not the pre-aggregated tables (``dashboard.preagg``), which
    would answer both forms alike."""
    monkeypatch.setattr(training_module, "state_applies", lambda conn, view: False)


def both_forms(conn, compute):
    out = {}
    for form in ("exists", "join"):
        training_module.TRAINED_FORM = form
        try:
            out[form] = compute()
        finally:
            training_module.TRAINED_FORM = None
    return out["exists"], out["join"]


def views(conn, day: date, structures=("as-of",)):
    root = structure.root_unit(conn, day)
    kids = structure.children(conn, root.id, day)
    units = [root.id] + ([int(kids.iloc[0]["id"]), int(kids.iloc[len(kids) // 2]["id"])] if not kids.empty else [])
    period = make_period("year", day, TODAY)
    for unit_id in units:
        for struct in structures:
            yield View(unit_id, period, struct, Scope.everything())


def compare(conn, view):
    first, second = both_forms(conn, lambda: training_status(conn, view))
    pd.testing.assert_frame_equal(first.sort_index(), second.sort_index(), check_dtype=False)
    topics = [1, 2, 3, 4, 5, 6]
    first, second = both_forms(conn, lambda: topic_coverage(conn, view, topics))
    key = ["group_id", "topic_id"]
    pd.testing.assert_frame_equal(first.sort_values(key).reset_index(drop=True),
                                  second.sort_values(key).reset_index(drop=True), check_dtype=False)
    return first


def test_both_forms_agree_on_a_synthetic_province(engine):
    load_synthetic(engine, "province", seed=3, years=3, today=TODAY)
    seen = 0
    with engine.connect() as conn:
        for day in DATES:
            for view in views(conn, day):
                coverage = compare(conn, view)
                seen += int(coverage["covered"].sum()) if not coverage.empty else 0
    assert seen > 0  # the comparison saw covered cadres, not only zeros


def test_both_forms_agree_on_the_demo_town_in_both_structures(demo_engine):
    with demo_engine.connect() as conn:
        for day in (date(2018, 4, 13), date(2020, 11, 30), date(2025, 6, 30), TODAY):
            for view in views(conn, day, ("as-of", "current")):
                compare(conn, view)


@pytest.mark.parametrize("form", ["exists", "join"])
def test_the_tiny_towns_hand_counts_in_both_forms(engine, form, monkeypatch):
    """The hand-counted cases of tests/test_indicators.py (a course held before the term
    counts, one not yet ended does not) hold in each form on each backend."""
    from . import test_indicators
    from .factory import build_tiny_town

    monkeypatch.setattr(training_module, "TRAINED_FORM", form)
    town = (engine, build_tiny_town(engine))
    test_indicators.test_training_status(town)
    test_indicators.test_training_before_the_course_ended_does_not_count(town)


@pytest.mark.parametrize("form", ["exists", "join"])
def test_the_tiny_towns_topic_coverage_in_both_forms(engine, form, monkeypatch):
    """tests/test_training_detail.py's hand-counted topic coverage (a seminar does not
    count) in each form on each backend."""
    from . import test_training_detail
    from .factory import build_tiny_town

    monkeypatch.setattr(training_module, "TRAINED_FORM", form)
    town = (engine, test_training_detail.add_courses(engine, build_tiny_town(engine)))
    test_training_detail.test_topic_coverage_per_child_and_total(town)
    test_training_detail.test_topic_coverage_counts_nothing_before_the_course_ended(town)
