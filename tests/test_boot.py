"""Dash's scripts are in the index page as tags the browser does not run; assets/boot.js
starts them on the reader's first use (dashboard/web/boot.py). The browser side is in
tests/browser/test_boot_browser.py."""
from __future__ import annotations

import re

import pytest

from dashboard.web import boot
from dashboard.web.app import create_app

from .conftest import TEST_PASSWORD, TEST_USERS
from .web import login


@pytest.fixture(scope="module")
def app(demo_config):
    return create_app(demo_config)


def page(app, url="/?ngay=2018-04-13") -> str:
    client = app.server.test_client()
    assert login(client, TEST_USERS["town"][0], TEST_PASSWORD).status_code == 302
    answer = client.get(url)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_split_keeps_assets_and_inline_scripts_and_defers_the_rest_in_order():
    scripts = "\n".join([
        '<script src="/p/_dash-component-suites/dash/deps/react@18.js"></script>',
        '<script src="/p/assets/print.js?m=1"></script>',
        '<script src="/p/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js"></script>',
        '<script src="/p/_dash-component-suites/dash/dcc/dash_core_components.js"></script>',
        "<script>(function () { window.dash_clientside = {}; })();</script>",
    ])
    kept, deferred = boot.split(scripts, "/p/assets/")
    assert deferred == ["/p/_dash-component-suites/dash/deps/react@18.js",
                        "/p/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js",
                        "/p/_dash-component-suites/dash/dcc/dash_core_components.js"]
    assert '<script src="/p/assets/print.js?m=1"></script>' in kept
    assert "<script>(function () { window.dash_clientside = {}; })();</script>" in kept
    assert "_dash-component-suites" not in kept


def test_the_index_page_runs_no_dash_script_until_boot_js_starts_them(app):
    html = page(app)
    running = re.findall(r'<script src="([^"]+)"', html)
    deferred = re.findall(r'<script type="grassroots/deferred" src="([^"]+)"', html)
    # only the project's own assets run as the page loads; boot.js among them
    assert running and all(src.startswith("/assets/") for src in running)
    assert any(src.startswith("/assets/boot.js") for src in running)
    # Dash's scripts are all there, in Dash's order (React first, the renderer before dcc)
    assert deferred[0].split("/")[-1].startswith("polyfill@")
    names = [src.split("/")[-1] for src in deferred]
    renderer = next(i for i, n in enumerate(names) if n.startswith("dash_renderer"))
    assert any(n.startswith("react-dom@") for n in names[:renderer])
    assert any(n.startswith("dash_core_components") for n in names[renderer:])
    # no hint in the page itself: boot.js prefetches them once the page has loaded
    assert 'rel="prefetch"' not in html
    # the renderer's line is there as text, not run: boot.js runs it
    assert f'<script id="_dash-renderer" type="text/plain">{boot.DEFAULT_RENDERER}</script>' in html
    # the first view is drawn by the server: what boot.js waits on the reader for
    assert 'data-first-view="1"' in html and "first-view-pending" not in html


def test_an_app_with_its_own_renderer_keeps_dashs_page(demo_config):
    app = create_app(demo_config)
    app.renderer = "var renderer = new DashRenderer({request_pre: function () {}});"
    html = page(app)
    assert "grassroots/deferred" not in html
    assert re.search(r'<script src="/_dash-component-suites/dash/dash-renderer/[^"]+"></script>', html)
    assert '<script id="_dash-renderer" type="application/javascript">' in html


def test_a_grid_in_the_first_view_is_a_plain_table_of_its_rows_formatted_as_the_grid_shows_them(app):
    html = page(app, "/don-vi/07156/07156-04?ngay=2018-04-13")
    tables = re.findall(r'<div class="data-grid first-view-grid" style="([^"]+)"><table[^>]*>(.*?)</table>', html)
    assert len(tables) == 3  # holders, trainings, activities
    # each in the box AG Grid will fill: 51 px header + 42 px a row (2, 1 and 2 rows)
    assert [style for style, _ in tables] == [f"width: 100%; height: {h}px; overflow: auto" for h in (135, 93, 135)]
    holders = tables[0][1]
    assert holders.count("<tr>") == 3  # the header and two rows: secretary and head
    assert re.search(r"<td>\d{2}/\d{2}/\d{4}</td>", holders)  # dates as dd/mm/yyyy
    trainings = tables[1][1]
    assert re.search(r'<td class="text-end">\d+,\d</td>', trainings)  # days as 2,0
