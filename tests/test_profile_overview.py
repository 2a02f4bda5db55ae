"""The overview's table and attention list carry the headline profile figures (women's
share, average age, theory trung cấp or above), from the registry; the attention
thresholds are settings of the registry (``Definition.attention``). Counted by hand on
the commune of tests/factory_profile.py (town T: communes X and Y, Y without villages).

On 01/01/2016 X has V1 a, a and V2 b, c: 4 posts, 1 woman (25 %); theory trung cấp or
above b only (a sơ cấp until 2022): 1/4 = 25 %, below the 30 % threshold; ages a 56,
b 41, c 31: 128/3 = 42,7. On 01/01/2020: women 25 %, theory b, d 50 %, average 52,5.
Y has no post: no figure, never listed.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from dashboard import definitions
from dashboard.attention import attention_rows, issue_text
from dashboard.indicators import View
from dashboard.indicators.summary import summary
from dashboard.periods import day_period
from dashboard.viewstate import ViewState
from layouts.overview import table_columns, table_rows

from .factory_profile import build_profile_commune

TODAY = date(2024, 6, 30)


@pytest.fixture
def commune(engine):
    return engine, build_profile_commune(engine)


def town_summary(engine, ids, day):
    with engine.connect() as conn:
        return summary(conn, View(ids["T"], day_period(day, TODAY)))


def issues_of(table, code):
    """The profile issues of ``code`` (the fixture records no briefing: every commune
    misses its months, which is not the point here)."""
    return {k: v for e in attention_rows(table) if e["code"] == code for k, v in e["issues"]
            if k in definitions.watched()}


def test_the_thresholds_are_settings_of_the_registry():
    watched = definitions.watched()
    assert {k: (d.attention, d.attention_above) for k, d in watched.items()} == {
        "women": (0.10, False), "avg_age": (55.0, True), "theory_plus": (0.30, False)}
    from dashboard import fmt
    assert fmt.attention_text(watched["theory_plus"]) == \
        "Xã, phường (và đơn vị trên) vào danh sách cần chú ý khi dưới 30,0 %."
    assert fmt.attention_text(watched["avg_age"], "en") == \
        "A commune (or a unit above) is listed as needing attention above 55.0 years."


def test_a_commune_below_the_theory_threshold_is_listed(commune):
    engine, ids = commune
    table = town_summary(engine, ids, date(2016, 1, 1))
    x = issues_of(table, "X")
    assert set(x) == {"theory_plus"} and x["theory_plus"] == pytest.approx(0.25)
    assert issue_text("theory_plus", x["theory_plus"], "vi") == "LLCT trung cấp trở lên 25,0 % chức danh (dưới 30,0 %)"
    assert issues_of(table, "Y") == {}
    # on 01/01/2020 b and d: 50 %, nothing to flag
    assert "theory_plus" not in issues_of(town_summary(engine, ids, date(2020, 1, 1)), "X")


def test_a_threshold_changed_in_the_registry_changes_the_list(commune, monkeypatch):
    """With the women's floor at 30 % and the age ceiling at 50, X on 01/01/2020 (25 %,
    52,5) is listed for both; no code changes, only the settings."""
    engine, ids = commune
    monkeypatch.setitem(definitions.DEFINITIONS, "women", replace(definitions.get("women"), attention=0.30))
    monkeypatch.setitem(definitions.DEFINITIONS, "avg_age", replace(definitions.get("avg_age"), attention=50.0))
    x = issues_of(town_summary(engine, ids, date(2020, 1, 1)), "X")
    assert set(x) == {"women", "avg_age"}
    assert issue_text("women", x["women"], "vi") == "nữ giữ 25,0 % chức danh (dưới 30,0 %)"
    assert issue_text("avg_age", x["avg_age"], "vi") == "tuổi bình quân 52,5 tuổi (trên 50,0 tuổi)"
    assert issue_text("avg_age", x["avg_age"], "en") == "average age 52.5 years (above 50.0 years)"


def test_a_village_is_never_listed_for_a_share(commune, monkeypatch):
    """X's own page lists V1 and V2: a village's two posts make no share."""
    engine, ids = commune
    monkeypatch.setitem(definitions.DEFINITIONS, "women", replace(definitions.get("women"), attention=0.9))
    with engine.connect() as conn:
        table = summary(conn, View(ids["X"], day_period(date(2020, 1, 1), TODAY)))
    assert [k for e in attention_rows(table) for k, _v in e["issues"] if k in definitions.watched()] == []


def test_the_overview_table_has_the_profile_figures(commune):
    engine, ids = commune
    rows, total = table_rows(town_summary(engine, ids, date(2016, 1, 1)), ViewState(), "T", "vi")
    by_code = {r["code"]: r for r in rows}
    x, y = by_code["X"], by_code["Y"]
    assert (x["women_rate"], x["theory_rate"], x["avg_age"]) == (0.25, 0.25, 42.7)
    assert (y["women_rate"], y["theory_rate"], y["avg_age"]) == (None, None, None)
    assert (total[0]["women_rate"], total[0]["theory_rate"], total[0]["avg_age"]) == (0.25, 0.25, 42.7)
    headers = {c["field"]: c["headerName"] for c in table_columns("vi", villages=False)}
    assert [headers[f] for f in ("women_rate", "avg_age", "theory_rate")] == [
        "Tỷ lệ nữ", "Tuổi bình quân", "Tỷ lệ LLCT trung cấp+"]


def test_shortfalls_in_the_work_come_before_the_teams_make_up():
    """A commune whose only issue is its make-up (no woman among 6 posts, average age 58)
    comes after one with a single untrained first-timer, though it has two issues."""
    fine = dict(villages=3, unified=3, secretary_vacant=0, head_vacant=0, first_time_untrained=0,
                silent_boards=0, months_due=12, months_held=12, posts=6, posts_women=2,
                theory_intermediate_plus=6, avg_age=45.0, is_total=False, level="commune", kind="xa")
    rows = [dict(fine, unit_id=1, code="A", name="A", posts_women=0, avg_age=58.0),
            dict(fine, unit_id=2, code="B", name="B", first_time_untrained=1),
            dict(fine, unit_id=3, code="C", name="C"),
            dict(fine, unit_id=9, code="T", name="T", is_total=True, level="town")]
    ranked = attention_rows(pd.DataFrame(rows))
    assert [(e["code"], e["issues"]) for e in ranked] == [
        ("B", [("untrained_first_time", 1)]),
        ("A", [("women", 0.0), ("avg_age", 58.0)]),
    ]
