"""Posts held by women (``women``: posts_women / posts), counted by hand on the tiny town
of tests/factory.py with p2 and p4 recorded as women, p1 as a man and the others without
a gender; from the facts and from the pre-aggregated tables, on the unified page's card and
in ``grassroots summary --json``."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from dashboard import preagg
from dashboard.cli import main
from dashboard.indicators import View, engine
from dashboard.models import Person
from dashboard.periods import make_period
from layouts import unified

from .factory import build_tiny_town, put_a_province_above_the_town
from .helpers import texts

TODAY = date(2022, 1, 1)


@pytest.fixture
def town(engine):
    ids = build_tiny_town(engine)
    put_a_province_above_the_town(engine, ids)
    with engine.begin() as conn:
        conn.execute(update(Person).where(Person.key.in_(["p2", "p4"])).values(gender="nu"))
        conn.execute(update(Person).where(Person.key == "p1").values(gender="nam"))
        preagg.rebuild(conn)
    return engine, ids


@pytest.mark.parametrize("how", [None, "raw", "tables"])
def test_posts_held_by_women_counted_by_hand(town, how):
    """01/08/2018: A has A1 (p1, p1) and A2 (p2, p3): 4 posts, 1 held by a woman (p2);
    B has B1 (p5; head vacant) and B2 (p6, p6): 3 posts, none. 01/08/2019: A also has A3
    (p4, p4) and B2 (moved to A on 01/07/2019): 8 posts, 3 by women (p2, p4 twice); B has
    B1: 1 post. A person holding both posts counts twice."""
    eng, ids = town
    saved, engine.FORCE = engine.FORCE, how
    try:
        with eng.connect() as conn:
            first = engine.measures(conn, View(ids["T"], make_period("day", date(2018, 8, 1), TODAY)),
                                    ["posts", "posts_women"])
            second = engine.measures(conn, View(ids["T"], make_period("day", date(2019, 8, 1), TODAY)),
                                     ["posts", "posts_women"])
    finally:
        engine.FORCE = saved
    assert first.loc[ids["A"]].tolist() == [4, 1]
    assert first.loc[ids["B"]].tolist() == [3, 0]
    assert first.loc[ids["T"]].tolist() == [7, 1]
    assert second.loc[ids["A"]].tolist() == [8, 3]
    assert second.loc[ids["B"]].tolist() == [1, 0]
    assert second.loc[ids["T"]].tolist() == [9, 3]


def test_the_unified_page_shows_the_share_with_its_change(town):
    """The card the registry puts on the unified page (``shown_on``): 3/9 = 33,3 %, up
    from 1/7 = 14,3 % (19,0 points)."""
    total = {"villages": 5, "unified": 3, "first_time": 2, "secretary_vacant": 0, "head_vacant": 1,
             "posts": 9, "posts_women": 3}
    previous = {**total, "posts": 7, "posts_women": 1}

    def with_label(change, had_data):
        return change

    card = unified.ratio_card(unified.page_ratios("unified")[0], total, previous, with_label, "vi")
    text = " ".join(texts(card))
    assert "Nữ giữ chức danh" in text
    assert "33,3 %" in text or "33,3%" in text
    assert "3/9" in text
    assert "tăng 19,0 điểm phần trăm" in text


def test_the_summary_json_has_posts_and_posts_held_by_women(demo_sqlite_path, monkeypatch):
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", f"sqlite:///{demo_sqlite_path}")
    monkeypatch.setenv("GRASSROOTS_TODAY", "2026-11-27")
    result = CliRunner().invoke(main, ["summary", "--as-of", "2018-04-13", "--json"], catch_exceptions=False)
    data = json.loads(result.output)
    for row in data["units"] + [data["total"]]:
        assert 0 <= row["posts_women"] <= row["posts"] <= 2 * row["villages"]
    assert data["total"]["posts"] == sum(u["posts"] for u in data["units"])
    assert data["total"]["posts_women"] == sum(u["posts_women"] for u in data["units"])
    # 179 villages all unified on that date: every post is held
    assert data["total"]["posts"] == 2 * 179

