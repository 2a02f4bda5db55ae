"""The cadre-profile page (/co-cau): callbacks called directly on the demo. The cards'
figures are the registry's (women, average age, theory trung cấp or above, re-elected),
the same as ``grassroots summary --json`` gives; a commune lists its holders; a leader of
one ward sees only that ward's people."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from callbacks.profile import profile_holders, profile_main, profile_terms
from callbacks.router import FULL, render_route
from dashboard import fmt
from dashboard.cli import main
from dashboard.web.app import create_app
from layouts import ids
from layouts import profile as page

from .helpers import find, texts


@pytest.fixture(scope="module")
def app(demo_config):
    return create_app(demo_config)


def store(unit=None, search="?ngay=2026-11-27"):
    return {"page": "profile", "unit": unit, "village": None, "search": search}


def summary(demo_sqlite_path, monkeypatch, unit=None):
    monkeypatch.setenv("GRASSROOTS_DATABASE_URL", f"sqlite:///{demo_sqlite_path}")
    monkeypatch.setenv("GRASSROOTS_TODAY", "2026-11-27")
    args = ["summary", "--as-of", "2026-11-27", "--json"] + (["--unit", unit] if unit else [])
    return json.loads(CliRunner().invoke(main, args, catch_exceptions=False).output)


def test_the_cards_show_the_registrys_figures(app, as_town, demo_sqlite_path, monkeypatch):
    total = summary(demo_sqlite_path, monkeypatch)["total"]
    sections = profile_main(app.service, store())
    assert set(sections) == set(page.MAIN_SECTIONS)
    women = texts(find(sections["kpis"], "pr-kpi-women"))
    assert women[2] == f"{total['posts_women']}/{total['posts']}"
    age = texts(find(sections["kpis"], "pr-kpi-avg-age"))
    assert age[1] == fmt.number(total["avg_age"], 1, "vi")
    theory = texts(find(sections["kpis"], "pr-kpi-theory-plus"))
    assert theory[2] == f"{total['theory_intermediate_plus']}/{total['posts']}"
    again = texts(find(sections["kpis"], "pr-kpi-reelected"))
    assert again[2] == f"{total['reelected']}/{total['term_start_posts']}"
    minority = texts(find(sections["kpis"], "pr-kpi-minority"))
    assert minority[0] == "Người dân tộc thiểu số"
    assert minority[2] == f"{total['posts_minority']}/{total['posts']}"
    assert minority[1] == fmt.percent(total["posts_minority"] / total["posts"], 1, "vi")
    # the table shows the share and party seniority (10 years or more, a setting)
    grid = find(sections["table"], ids.grid("profile-units"))
    headers = [c["headerName"] for c in grid.columnDefs]
    assert "Tỷ lệ dân tộc thiểu số" in headers and "Tuổi Đảng 10+ năm" in headers and "Tỷ lệ tuổi Đảng 10+ năm" in headers
    (pinned,) = grid.dashGridOptions["pinnedBottomRowData"]
    assert pinned["minority"] == total["posts_minority"]
    assert 0 < pinned["party_senior"] < pinned["posts"] == total["posts"]
    assert pinned["party_senior"] == sum(r["party_senior"] for r in grid.rowData)
    # every child is a bar of each level chart, with its link one level down
    bars = sections[ids.PR_THEORY]["data"][0]
    assert len(bars["y"]) == 6 and all(h.startswith("/co-cau/") for h in bars["customdata"])


def test_a_commune_lists_its_holders_with_their_profile(app, as_town):
    holders = profile_holders(app.service, store("07180"))
    rows = holders.children[1].rowData if hasattr(holders, "children") else None
    assert rows, holders
    assert {"village", "role", "full_name", "age", "theory"} <= set(rows[0])
    figure, table = profile_terms(app.service, store("07180"))
    assert [t["name"] for t in figure["data"]][0] == "Tái cử"


def test_the_town_lists_no_names(app, as_town):
    assert "xã, phường" in " ".join(texts(profile_holders(app.service, store())))


def test_a_ward_leader_sees_only_the_ward(app, as_unit):
    """The leader of Hà An (07168) may not see Liên Hòa (07180): no profile is shown."""
    sections = profile_main(app.service, store("07180"))
    assert sections["kpis"] is None and sections["body_style"] == {"display": "none"}
    assert profile_holders(app.service, store("07180")) is None


def test_the_route_and_the_nav(app, as_town):
    navbar, page_tree, title = render_route(app, app.service, "/co-cau/07180", "", FULL)
    assert "Cơ cấu cán bộ" in title
    assert "Cơ cấu cán bộ" in " ".join(texts(navbar))
