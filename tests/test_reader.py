"""Built for the reader (issue 13): village tiles, the total row, one history entry,
the compressed answers and the partial plotly.js bundle."""
from __future__ import annotations

import gzip
import re
import json
from datetime import date

import pytest

from callbacks.filters import apply_filters
from callbacks.overview import overview_sections
from dashboard.config import ASSETS_DIR
from dashboard.web import delivery
from dashboard.web.app import create_app
from layouts.tiles import wants_tiles

from .helpers import find, texts


@pytest.fixture(scope="module")
def app(demo_config):
    return create_app(demo_config)


@pytest.fixture(autouse=True)
def logged_in(as_town):
    return as_town


def store(unit=None, search="?ngay=2018-04-13"):
    return {"page": "overview", "unit": unit, "village": None, "search": search}


def tile_texts(section) -> list[list[str]]:
    grid = section.children[1]
    return [texts(tile) for tile in grid.children]


def test_a_commune_shows_its_villages_as_tiles_with_their_state_in_words_and_no_bars(app):
    # Hoàng Tân on 13/04/2018: 5 villages, all unified, every cadre trained (DOMAIN.md)
    sections = overview_sections(app.service, store("07156"))
    tiles = tile_texts(sections["tiles"])
    assert tiles == [[f"Thôn {n}", "Nhất thể hóa", "Bồi dưỡng 1/1: Đạt"] for n in range(1, 6)]
    links = [tile.href for tile in sections["tiles"].children[1].children]
    assert links[3] == "/don-vi/07156/07156-04?ngay=2018-04-13"
    assert all(sections[f"{name}_style"] == {"display": "none"} for name in ("unified", "training",
                                                                               "boards", "resolved"))


def test_the_town_ranks_its_19_communes_in_charts_and_draws_no_tiles(app):
    sections = overview_sections(app.service, store())
    assert sections["tiles"] is None
    assert len(sections["unified"]["data"][0]["y"]) == 19
    assert sections["unified_style"] == {}


def test_charts_by_child_need_three_children_to_compare():
    assert wants_tiles(["commune", "commune"]) and not wants_tiles(["commune"] * 3)
    assert wants_tiles(["village"] * 34) and not wants_tiles([])


def test_the_total_row_has_no_code(app):
    sections = overview_sections(app.service, store())
    grid = find(sections["table"], "overview-table") if False else sections["table"].children[1]
    total = grid.dashGridOptions["pinnedBottomRowData"][0]
    assert (total["name"], total["code"], total["unified_num"]) == ("Tổng cộng", "", 179)


def test_the_date_picker_showing_today_on_a_page_without_a_date_changes_no_url():
    data = {"page": "overview", "unit": "07147", "village": None, "search": ""}
    today = date(2026, 11, 27)
    assert apply_filters("2026-11-27", "day", "as-of", [], [], data, today) == ""
    assert apply_filters("2026-11-26", "day", "as-of", [], [], data, today) == "?ngay=2026-11-26"
    dated = {**data, "search": "?ngay=2018-04-13"}
    assert apply_filters("2026-11-27", "day", "as-of", [], [], dated, today) == "?ngay=2026-11-27"


def test_plotly_js_is_the_partial_bundle_of_the_version_plotly_ships_and_gzipped(app):
    from plotly.offline import get_plotlyjs_version

    bundle = (ASSETS_DIR / delivery.PARTIAL_BUNDLE).read_bytes()
    assert f"plotly.js (cartesian - minified) v{get_plotlyjs_version()}".encode() in bundle[:200]
    client = app.server.test_client()
    answer = client.get("/" + delivery.PLOTLY_URL, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.get_data()) == bundle
    # Dash does not put it in every page (the graph component loads it on demand)
    assert "plotly-cartesian" not in json.dumps([s for s in app._collect_and_register_resources(
        app.scripts.get_all_scripts())])


def _first_view(app, url: str) -> str:
    from .conftest import TEST_PASSWORD, TEST_USERS
    from .web import login

    client = app.server.test_client()
    assert login(client, TEST_USERS["town"][0], TEST_PASSWORD).status_code == 302
    page = client.get(url).get_data(as_text=True)
    start = page.index('<div id="react-entry-point">')
    return page[start:page.index('<div class="dash-scripts">', start)]


def test_the_initial_html_holds_the_first_view_with_the_ids_the_app_draws(app):
    entry = _first_view(app, "/?ngay=2018-04-13")
    # the same containers the router and the page's callbacks fill, with their contents
    for element in ('id="navbar"', 'id="page"', 'id="page-header"', 'id="overview-kpis"', 'id="kpi-unified"',
                    'id="overview-attention"', 'class="h3 mb-1">Thị xã Quảng Yên</h1>'):
        assert element in entry
    assert "100,0 %" in entry and "179/179" in entry and "Phường Nam Hòa" in entry
    assert "Loading..." not in entry
    # the KPI card as the app renders it: a dbc Col (xs=6 md=4 xl) holding a card
    assert '<div class="col-6 col-md-4 col-xl"><div id="kpi-unified" class="card kpi-card kpi-good h-100">' in entry


def test_a_commune_page_starts_with_its_village_tiles(app):
    entry = _first_view(app, "/don-vi/07156?ngay=2018-04-13")
    assert entry.count('class="village-tile tile-good"') == 5
    assert 'href="/don-vi/07156/07156-04?ngay=2018-04-13"' in entry


def test_a_communes_training_page_starts_with_its_village_tiles_and_no_charts_by_child(app):
    entry = _first_view(app, "/boi-duong/07156?ngay=2018-04-13")
    assert entry.count('class="village-tile tile-good"') == 5
    assert 'href="/don-vi/07156/07156-04?ngay=2018-04-13"' in entry and "1/1 · 100,0 % · Đạt" in entry
    assert '<div id="chart-wrap-training-completion" style="display: none" class="col-12 col-xl-6">' in entry


def test_a_communes_oversight_page_starts_with_its_village_tiles(app):
    entry = _first_view(app, "/giam-sat/07156?ngay=2018-12-31&ky=nam")
    assert 'id="oversight-tiles-section"' in entry
    assert entry.count('class="village-tile tile-') == 5  # the villages, links
    assert entry.count('class="village-tile village-tile-static tile-fair"') == 1  # tied to no village
    assert 'href="/don-vi/07156/07156-04?ngay=2018-12-31&amp;ky=nam"' in entry
    assert '<section id="chart-wrap-oversight-recs" class="chart-card mb-4" style="display: none">' in entry


def test_a_village_page_starts_whole_with_its_tables_places_kept(app):
    """The village page jumped most (CLS 0.60 on a phone): its status card and tables came
    after the scripts. Now they are in the initial HTML; a table's wrapper keeps its height
    until AG Grid has drawn it: 35 px toolbar + 51 px header + 42 px a row."""
    from callbacks.village import village_sections

    entry = _first_view(app, "/don-vi/07156/07156-04?ngay=2018-04-13")
    sections = village_sections(app.service, {"page": "village", "unit": "07156", "village": "07156-04",
                                              "search": "?ngay=2018-04-13"})
    rows = [len(sections[name].children[1].rowData) for name in ("holders", "trainings", "activities")]
    assert rows == [2, 1, 2]  # secretary and head; one course; two oversight activities
    assert [int(h) for h in re.findall(r'class="grid-wrap" style="min-height: (\d+)px"', entry)] == [170, 128, 170]
    assert 'id="village-status-card"' in entry
    # the holders' profile cards (above the tables: drawn later, they pushed them down)
    assert 'id="village-profile-0"' in entry
    # the footer too (its own callback used to fill it late, below a page still growing)
    assert '<span class="fresh-through">Số liệu đến ngày' in entry


def test_charts_in_the_first_view_have_their_figure_and_keep_its_height(app):
    """Until plotly.js has loaded a chart has no box (Dash draws an empty div) and its
    spinner is 72 px high: the spinner's wrapper keeps the figure's height instead."""
    entry = _first_view(app, "/nhat-the-hoa?ngay=2018-04-13")
    boxes = re.findall(r'<div style="position: relative; min-height: (\d+)px"><div><div class="dash-graph" '
                       r'style="height: (\d+)px">', entry)
    # the coverage and first-time bars (a bar per commune or ward), the vacancy chart
    assert boxes[:2] == [("602", "602"), ("602", "602")] and boxes[-1] == ("120", "120")
    # the navbar as dbc draws it (a div.navbar-nav: Bootstrap's "nav" wrapped the links onto
    # a second row and the bar shrank when the app drew it), the radio items with their labels
    assert '<div class="navbar-nav me-auto">' in entry and "<ul" not in entry
    # (each input named by its label, as dbc does: axe's "label" rule, before the app starts)
    radio = "_dbcprivate_radioitems_filter-structure_input_as-of"
    assert (f'<div class="form-check form-check-inline"><input id="{radio}" type="radio" class="form-check-input"'
            f' checked><label class="form-check-label" for="{radio}">Như tại thời điểm</label></div>') in entry
    # the phone menu's button has dbc's label; the user menu is a div, as dbc draws it
    assert 'aria-label="Toggle navigation"' in entry and "<li" not in entry


def test_the_cadre_profile_page_starts_with_its_cards_charts_and_table(app):
    """/co-cau jumped most of all (Lighthouse CLS 0.65 on a phone, 0.91 on a commune): its
    cards, charts and table came after the scripts. Now they are in the initial HTML."""
    entry = _first_view(app, "/co-cau?ngay=2018-04-13")
    kpis = entry[entry.index('id="profile-kpis"'):]
    assert "Nữ giữ chức danh" in kpis and "Tuổi bình quân" in kpis
    # the pyramid and the three charts by child keep their figure's height
    boxes = re.findall(r'<div style="position: relative; min-height: (\d+)px">', entry)
    assert len(boxes) >= 4
    table = entry[entry.index('id="profile-table"'):]
    assert 'class="grid-wrap"' in table[:2000]
