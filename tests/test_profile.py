"""Who the cadres are (issue 15), counted by hand on the small commune of
tests/factory_profile.py (its docstring draws it).
"""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.definitions import AGE_BANDS, age_band
from dashboard.indicators import View, engine
from dashboard.periods import make_period

from .factory_profile import build_profile_commune
from .test_registry import answers, forced

TODAY = date(2024, 6, 30)
KEYS = ["posts", "posts_women", "aged", "avg_age", "theory_intermediate_plus", "qualification_intermediate_plus",
        "posts_minority", "term_start_posts", "reelected"]


@pytest.fixture
def commune(engine):
    return engine, build_profile_commune(engine)


def _read(eng, unit, day, keys=KEYS):
    with eng.connect() as conn:
        return engine.measures(conn, View(unit, make_period("day", day, TODAY)), keys)


@pytest.mark.parametrize("how", [None, "raw", "tables"])
def test_the_profile_of_the_town_counted_by_hand(commune, how):
    eng, ids = commune
    with forced(how):
        k1 = _read(eng, ids["T"], date(2020, 1, 1))
        k2 = _read(eng, ids["T"], date(2023, 1, 1))
        before = _read(eng, ids["T"], date(2022, 1, 1), ["theory_intermediate_plus"])
    for unit in ("X", "T"):
        assert k1.loc[ids[unit]].tolist() == [4, 1, 2, 52.5, 2, 3, 1, 4, 0]
        assert k2.loc[ids[unit]].tolist() == [4, 1, 3, 49.7, 3, 2, 1, 4, 3]
    # a's trung cấp of 01/03/2022 does not count on 01/01/2022
    assert before.loc[ids["T"], "theory_intermediate_plus"] == 2


def test_the_profile_by_village_counted_by_hand(commune):
    """On 01/01/2023 in X: V1 a (63) and c (38): average 50,5, re-elected a (secretary);
    V2 b (48; d has no birth year), re-elected b and d."""
    eng, ids = commune
    frame = _read(eng, ids["X"], date(2023, 1, 1), ["posts", "aged", "avg_age", "term_start_posts", "reelected"])
    assert frame.loc[ids["V1"]].tolist() == [2, 2, 50.5, 2, 1]
    assert frame.loc[ids["V2"]].tolist() == [2, 1, 48.0, 2, 2]


def test_levels_and_ages_by_dimension(commune):
    """Posts by theory level on 01/01/2023: trung cấp a (secretary of V1) and b, cao cấp
    d, not recorded c. People by gender and birth year: a, b, c, and d without a year."""
    eng, ids = commune
    view = View(ids["T"], make_period("day", date(2023, 1, 1), TODAY))
    for how in ("raw", "tables"):
        with eng.connect() as conn, forced(how):
            levels = engine.by_dim(conn, view, ["level_posts"])
            people = engine.by_dim(conn, view, ["people_born"])
        theory = {r.dim: r.level_posts for r in levels.itertuples() if r.group_id == ids["T"]
                  and r.dim.startswith("theory:")}
        assert theory == {"theory:trung_cap": 2, "theory:cao_cap": 1, "theory:": 1}
        born = {r.dim: r.people_born for r in people.itertuples() if r.group_id == ids["T"]}
        assert born == {"nam:1960": 1, "nu:1975": 1, "nam:1985": 1, "nam:": 1}
    # the bands of 2023: a 63 -> 60+, b 48 -> 45-54, c 38 -> 35-44
    assert [age_band(2023 - y) for y in (1960, 1975, 1985)] == [4, 2, 1]
    assert age_band(None) is None and AGE_BANDS == (35, 45, 55, 60)


def test_every_profile_measure_is_the_same_from_the_tables(commune):
    eng, ids = commune
    counts: dict[str, int] = {}
    with eng.connect() as conn:
        for day in (date(2016, 1, 1), date(2019, 6, 1), date(2020, 7, 15), date(2022, 1, 1), date(2023, 1, 1)):
            for kind in ("day", "year"):
                answers(conn, View(ids["T"], make_period(kind, day, TODAY)), counts)
    assert {"profile", "levels", "ages", "terms"} <= set(counts)


def test_the_summary_json_has_the_profile(demo_sqlite_path, monkeypatch):
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", f"sqlite:///{demo_sqlite_path}")
    monkeypatch.setenv("GRASSROOTS_TODAY", "2026-11-27")
    result = CliRunner().invoke(main, ["summary", "--as-of", "2026-11-27", "--json"], catch_exceptions=False)
    data = json.loads(result.output)
    for row in data["units"] + [data["total"]]:
        for key in ("posts", "posts_women", "avg_age", "theory_intermediate_plus", "reelected", "term_start_posts"):
            assert key in row, key
        assert row["theory_intermediate_plus"] <= row["posts"]
        assert row["reelected"] <= row["term_start_posts"]
        assert row["avg_age"] == round(row["avg_age"], 1)
        assert row["posts"] == 0 or 35 <= row["avg_age"] <= 70
    total = data["total"]
    assert total["reelected"] == sum(u["reelected"] for u in data["units"])
    assert total["term_start_posts"] == sum(u["term_start_posts"] for u in data["units"])
    assert 0 < total["theory_intermediate_plus"] < total["posts"]


def test_term_against_term_counted_by_hand(commune):
    """K1 opens on 01/08/2015 (its last first post) and ends on 30/06/2020; K2 opens on
    01/08/2020 and is read at its end on the date asked, 01/01/2023.
    01/08/2015: a, a, b, c: 1 woman, V1 unified; a 55, b 40, c 30 -> 41,7; theory b.
    30/06/2020: a, a, b, d: a 60, b 45 -> 52,5; theory b, d.
    01/08/2020: a, c (V1), b, d: nothing unified; a 60, c 35, b 45 -> 46,7; 3 re-elected.
    01/01/2023: 49,7; theory 3 (a's trung cấp of 2022)."""
    from dashboard.indicators.profile_detail import term_table

    eng, ids = commune
    with eng.connect() as conn:
        table = term_table(conn, View(ids["T"], make_period("day", date(2023, 1, 1), TODAY)))
    columns = ["term", "moment", "day", "posts", "unified", "posts_women", "avg_age", "theory_intermediate_plus",
               "term_start_posts", "reelected"]
    assert table[columns].values.tolist() == [
        ["K1", "start", date(2015, 8, 1), 4, 1, 1, 41.7, 1, 4, 0],
        ["K1", "end", date(2020, 6, 30), 4, 1, 1, 52.5, 2, 4, 0],
        ["K2", "start", date(2020, 8, 1), 4, 0, 1, 46.7, 2, 4, 3],
        ["K2", "end", date(2023, 1, 1), 4, 0, 1, 49.7, 3, 4, 3],
    ]


@pytest.mark.parametrize("how", [None, "raw", "tables"])
def test_party_seniority_and_ethnic_minorities_counted_by_hand(commune, how):
    """Ten years or more in the Party (the date's year less the join year; the setting
    ``PARTY_SENIORITY_YEARS``): on 01/01/2020 a twice and d (b joined in 2014: 6) = 3
    posts; on 01/01/2023 a and d = 2 (b: 9); on 01/01/2024 a, b, d = 3 (b from 1 January
    2024, not the day in March she joined). Ethnic minorities: b (Tày) of 4 posts: 25 %."""
    from dashboard.definitions import PARTY_SENIORITY_YEARS

    assert PARTY_SENIORITY_YEARS == 10
    eng, ids = commune
    keys = ["posts_party_senior", "party_senior_share", "posts_minority", "minority_share"]
    with forced(how):
        found = {day: _read(eng, ids["T"], day, keys).loc[ids["T"]].tolist()
                 for day in (date(2020, 1, 1), date(2023, 1, 1), date(2023, 12, 31), date(2024, 1, 1))}
    assert found == {
        date(2020, 1, 1): [3, 0.75, 1, 0.25],
        date(2023, 1, 1): [2, 0.5, 1, 0.25],
        date(2023, 12, 31): [2, 0.5, 1, 0.25],
        date(2024, 1, 1): [3, 0.75, 1, 0.25],
    }


@pytest.mark.parametrize("how", [None, "raw", "tables"])
def test_posts_held_for_the_first_time_over_all_posts_counted_by_hand(commune, how):
    """Every post recorded as its holder's first time in it, in every village (not only the
    unified ones): none of K1's four; in K2 c's head post of V1 (he held V2's before, but
    is recorded as first-time in V1) = 1 of 4 posts; by village V1 1 of 2, V2 0 of 2."""
    eng, ids = commune
    keys = ["posts_first_time", "posts"]
    with forced(how):
        found = {day: _read(eng, ids["T"], day, keys).loc[ids["T"]].tolist()
                 for day in (date(2020, 1, 1), date(2023, 1, 1))}
    # a village as the view's unit: the engine's own choice (no tables are built per village)
    villages = {v: _read(eng, ids[v], date(2023, 1, 1), keys).loc[ids[v]].tolist() for v in ("V1", "V2")}
    assert found == {date(2020, 1, 1): [0, 4], date(2023, 1, 1): [1, 4]}
    assert villages == {"V1": [1, 2], "V2": [0, 2]}
